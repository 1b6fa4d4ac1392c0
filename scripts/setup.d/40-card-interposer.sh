#!/usr/bin/env bash
# Builds the PKCS#11 interposer (harness/card/interposer/*.c -> build/libuyum-p11.so) and checks that a real
# PKCS#11 client loads it in front of SoftHSM2. make makes it a no-op when the library is newer than every
# source, the header and the Makefile (the Makefile lists them).
set -euo pipefail
cd "$(dirname "$0")/../../harness/card/interposer"
if [ ! -f /usr/include/p11-kit-1/p11-kit/pkcs11.h ]; then
  echo "setup: the interposer needs the PKCS#11 header from libp11-kit-dev (see scripts/setup.d/10-debian.sh)" >&2
  exit 1
fi
mkdir -p build && flock build/.lock make --quiet >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/tokens"
echo "directories.tokendir = $tmp/tokens" > "$tmp/softhsm2.conf"
if ! SOFTHSM2_CONF="$tmp/softhsm2.conf" pkcs11-tool --module "$PWD/build/libuyum-p11.so" -I >"$tmp/out" 2>&1; then
  cat "$tmp/out" >&2
  echo "setup: pkcs11-tool could not load the interposer build/libuyum-p11.so" >&2
  exit 1
fi
