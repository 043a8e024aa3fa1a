#!/usr/bin/env python3
"""Holds N loopback TCP connection pairs (2*N sockets, plus one listener) in this one process
until stdin closes. Prints "ready <pid>" once they are all established."""
import os
import resource
import socket
import sys

pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 2 * pairs + 64)), hard))
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1024)
port = listener.getsockname()[1]
held = []
for _ in range(pairs):
    client = socket.create_connection(("127.0.0.1", port))
    server, _ = listener.accept()
    held += [client, server]
print(f"ready {os.getpid()}", flush=True)
sys.stdin.read()
