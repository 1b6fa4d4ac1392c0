# Runs Debian's vicc (virtual smart card) with its listening socket bound to 127.0.0.1 instead of every
# interface: vicc binds '' in reversed mode, and this harness never exposes a card beyond loopback.
# Usage: python3 vicc-loopback.py [vicc options]   (PYTHONPATH must reach virtualsmartcard and a Crypto alias)
import runpy
import socket
import sys

_bind = socket.socket.bind


def _loopback_bind(self, address):
    if isinstance(address, tuple) and address and address[0] in ("", "0.0.0.0"):
        address = ("127.0.0.1",) + tuple(address[1:])
    return _bind(self, address)


socket.socket.bind = _loopback_bind
sys.argv = ["vicc"] + sys.argv[1:]
runpy.run_path("/usr/bin/vicc", run_name="__main__")
