#!/usr/bin/env bash
# npm packages from the lock file; skipped when node_modules already matches it.
# `npm install` rather than `npm ci`: npm 11 here writes a lock that lists only this platform's optional
# packages (rollup, esbuild), which `npm ci` then rejects as out of sync. With the lock present,
# `npm install` installs exactly what it pins.
set -euo pipefail
stamp=node_modules/.uyum-lock.sha256
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm install --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi
