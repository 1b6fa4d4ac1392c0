#!/usr/bin/env bash
# Makes a fresh Debian machine ready for uyum, idempotently: Debian packages, npm packages,
# native addons, and the project's own native parts. Each concern adds a step in scripts/setup.d/,
# run in name order. A step that is already satisfied returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/setup.d/*.sh; do
  [ -n "${UYUM_SETUP_QUIET:-}" ] || echo "setup: ${step##*/}" >&2
  bash "$step"
done
