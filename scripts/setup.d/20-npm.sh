#!/usr/bin/env bash
# npm packages exactly as the committed lock pins them (`npm ci`, which never rewrites the lock, so a fresh
# checkout stays clean); skipped when node_modules already matches package.json + the lock.
set -euo pipefail
stamp=node_modules/.uyum-lock.sha256
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi
