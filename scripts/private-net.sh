#!/usr/bin/env bash
# Runs a command in a private network namespace whose only interface is its own loopback, so the tests reach
# only services they started: a `uyum pki serve` of the user's on 18480 (the port the vectors' certificates
# name) or any other local service cannot answer them, and their servers cannot collide with the user's.
# As root a network namespace alone; otherwise inside a user namespace (unshare -r). Where the kernel or the
# container refuses namespaces, the command runs as it is, with a note saying what that means.
set -euo pipefail
if [ -z "${UYUM_PRIVATE_NET:-}" ]; then
  for opts in -n -rn; do
    if unshare "$opts" true 2>/dev/null; then
      export UYUM_PRIVATE_NET=1
      exec unshare "$opts" sh -c 'ip link set lo up && exec "$@"' sh "$@"
    fi
  done
  echo "note: no network namespace here (unshare -n refused): the tests share this machine's loopback, so a" \
    "service of yours on 18480 makes the live vector tests fail (they say so)" >&2
fi
exec "$@"
