#!/usr/bin/env bash
# Compiles the `uyum` command into dist/cli (git-ignored) so it starts without compiling TypeScript; skipped
# while the build matches the sources. bin/uyum.js falls back to tsx whenever it does not.
set -euo pipefail
node scripts/build-cli.mjs --if-stale
