#!/usr/bin/env bash
# npm 11 may skip install scripts, so native addons are built here and then checked by loading them.
set -euo pipefail
if ! node -e "require('pkcs11js')" 2>/dev/null; then
  npm rebuild pkcs11js --foreground-scripts >&2
fi
node -e "const p = require('pkcs11js'); if (typeof p.PKCS11 !== 'function') throw new Error('pkcs11js did not load')"
