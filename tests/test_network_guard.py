"""The network guard in conftest.py must really block, or the offline tests prove nothing."""

import socket

import pytest


def test_outside_connection_is_refused():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(RuntimeError, match="may not reach the network"):
            sock.connect(("192.0.2.1", 443))
    finally:
        sock.close()


def test_name_lookup_is_refused():
    with pytest.raises(RuntimeError, match="may not resolve"):
        socket.getaddrinfo("huggingface.co", 443)


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        client = socket.create_connection(server.getsockname(), timeout=1)
        client.close()
    finally:
        server.close()
