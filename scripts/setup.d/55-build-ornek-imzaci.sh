#!/usr/bin/env bash
# Compiles the reference application's CLI into dist/ornek-imzaci (git-ignored) so each of a campaign's hundreds
# of calls starts without compiling TypeScript; skipped while the build matches the sources.
# examples/apps/ornek-imzaci/bin/ornek-imzaci falls back to the sources (tsx) whenever it does not.
set -euo pipefail
node scripts/build-ornek-imzaci.mjs --if-stale
