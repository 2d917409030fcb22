"""Seeded foreign traffic: many HTTP/1.1 connections and not one lab message.

What most captures a user opens hold: each connection a handshake, one GET
from an ephemeral client port to port 80, a response of a few hundred bytes
to a few kilobytes, and a close; 16 connections open at a time, interleaved.
"""
import random

import capgen_path  # noqa: F401  (samples/ on the import path, for capgen)
from capgen.files import PcapWriter
from capgen.frames import Endpoint
from capgen.tcp import CLIENT, SERVER, Clock, Network, TcpSession

HTTP_PORT = 80
PATHS = ("/", "/index.html", "/style.css", "/app.js", "/api/items?page=2", "/favicon.ico")


def _exchange(rng, number):
    path = rng.choice(PATHS)
    request = (f"GET {path} HTTP/1.1\r\nHost: 10.255.0.80\r\nUser-Agent: bench/{number}\r\n"
               "Accept: */*\r\n\r\n").encode()
    body = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz <>/=\n")
                 for _ in range(rng.randint(200, 4000)))
    response = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}"
                "\r\n\r\n").encode() + body
    return request, response


def _connection(rng, network, number):
    # Ephemeral client ports (32768-60999, Linux's range) never meet 9000.
    client = Endpoint((10, 1, (number >> 8) & 0xFF, number & 0xFF), 32768 + number % 28232,
                      b"\x02\x01\x00\x00" + number.to_bytes(2, "big"))
    server = Endpoint((10, 255, 0, 80), HTTP_PORT, b"\x02\xff\x00\x00\x00\x50")
    session = TcpSession(network, client, server, (rng.getrandbits(32), rng.getrandbits(32)))
    request, response = _exchange(rng, number)
    session.handshake()
    yield
    session.write(CLIENT, request)
    yield
    session.write(SERVER, response)
    yield
    session.close(CLIENT if rng.random() < 0.5 else SERVER, four_way=rng.random() < 0.2)


def write_http(path, connections, seed=1, concurrency=16):
    """Writes the capture; returns its stats."""
    rng = random.Random(seed)
    clock = Clock(rng)
    started, active = 0, []
    with PcapWriter(path) as writer:
        network = Network(writer, clock)
        while started < connections or active:
            while started < connections and len(active) < concurrency:
                active.append(_connection(rng, network, started))
                started += 1
            connection = rng.choice(active)
            if next(connection, StopIteration) is StopIteration:
                active.remove(connection)
        return {"connections": connections, "frames": writer.frames, "messages": 0}
