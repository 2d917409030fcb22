#!/usr/bin/python3
"""An independent second sender of the lab protocol, written with nothing but sockets.

    sender.py server --host H --port P --log FILE [--connections N] [--echo] [--greet HEX]
                     [--byte-order O]
    sender.py client --host H --port P --log FILE --messages FILE [--connections N]
                     [--split single|header-body|coalesce] [--byte-order O] [--echo]
                     [--pause-after K --go FILE] [--cut BYTES]

Like the lab programs in samples/lab, every message is a 4-byte length (little- or
big-endian) and the body; unlike them it shares no code with them, so the harness's
truth does not rest on one implementation. Every message actually handed to the kernel
is logged as one JSON line (see Log.message; the same format as lab_client --log).

--messages is a JSON list with one list of hex bodies per connection (reused round
robin when --connections is larger); the server serves --connections connections, then
exits. Nagle stays on: --split header-body is the lab's
send(len); send(buf) with no pause. --pause-after K sends K messages, prints "paused"
and waits for the file --go to exist (the harness starts a capture meanwhile). --cut B
ends the last message after B body bytes, prints "cut" and waits to be killed: the
kernel then closes the socket (FIN, or RST when unread data is pending, e.g. the
server's --greet message).
"""
import argparse
import json
import os
import socket
import struct
import sys
import threading
import time

DIRECTIONS = {"client": "client-to-server", "server": "server-to-client"}


class Log:
    """The sender's truth, one JSON line per message, safe across threads and kill -9."""

    def __init__(self, path, sender):
        self.file = open(path, "a", buffering=1, encoding="ascii")
        self.sender = sender
        self.lock = threading.Lock()

    def message(self, sock, role, index, header, body, order, complete=True):
        local, peer = sock.getsockname(), sock.getpeername()
        record = {"sender": self.sender, "local": local[0], "local_port": local[1],
                  "peer": peer[0], "peer_port": peer[1], "direction": DIRECTIONS[role],
                  "index": index, "length": struct.unpack(order_format(order), header)[0],
                  "byte_order": order, "header": header.hex(), "body": body.hex(),
                  "complete": complete}
        with self.lock:
            self.file.write(json.dumps(record) + "\n")
            self.file.flush()  # not fsync: that would slow the sender and change the segments


def order_format(order):
    return "<I" if order == "little" else ">I"


def recv_exactly(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def read_message(sock, order):
    header = recv_exactly(sock, 4)
    if header is None:
        return None
    body = recv_exactly(sock, struct.unpack(order_format(order), header)[0])
    return body


def connect(host, port, timeout):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.connect((host, port))
    return sock


def drain(sock, order):
    """Reads replies until the server closes: unread data would turn our close into a RST
    that discards what is still in the send buffer."""
    try:
        while read_message(sock, order) is not None:
            pass
    except OSError:
        pass


def send_messages(sock, bodies, args, log):
    """Sends bodies as --split says, then closes our side and reads replies until the
    server closes (or, with --cut, stops in the middle of the last message)."""
    fmt = order_format(args.byte_order)
    framed = [(struct.pack(fmt, len(b)), b) for b in bodies]
    # Without --echo, replies are read meanwhile, so the sender never waits for them.
    reader = None
    if not args.echo and args.cut is None:
        reader = threading.Thread(target=drain, args=(sock, args.byte_order))
        reader.start()
    if args.split == "coalesce":
        sock.sendall(b"".join(h + b for h, b in framed))
        for i, (h, b) in enumerate(framed, 1):
            log.message(sock, "client", i, h, b, args.byte_order)
        framed = []
    for i, (header, body) in enumerate(framed, 1):
        if args.cut is not None and i == len(framed):
            sock.sendall(header + body[:args.cut])
            log.message(sock, "client", i, header, body[:args.cut], args.byte_order, False)
            print("cut", flush=True)
            time.sleep(3600)  # until the harness kills us
        if args.split == "header-body":
            sock.sendall(header)
            sock.sendall(body)
        else:
            sock.sendall(header + body)
        log.message(sock, "client", i, header, body, args.byte_order)
        if args.echo and read_message(sock, args.byte_order) != body:
            sys.exit(f"sender: echo of message {i} differs or is missing")
        if args.pause_after == i:
            print("paused", flush=True)
            while not os.path.exists(args.go):
                time.sleep(0.01)
    sock.shutdown(socket.SHUT_WR)
    if reader:
        reader.join()
    else:
        drain(sock, args.byte_order)


def run_client(args):
    with open(args.messages) as f:
        per_connection = [[bytes.fromhex(h) for h in c] for c in json.load(f)]
    log = Log(args.log, "sender.py")
    socks = [connect(args.host, args.port, args.timeout) for _ in range(args.connections)]
    failed = []

    def one(sock, bodies):
        try:
            send_messages(sock, bodies, args, log)
        except (OSError, SystemExit) as e:
            failed.append(f"{sock.getsockname()}: {e}")

    threads = [threading.Thread(target=one, args=(s, per_connection[i % len(per_connection)]))
               for i, s in enumerate(socks)]
    for t in threads:
        t.start()
    for t, s in zip(threads, socks):
        t.join()
        s.close()
    for failure in failed:
        print(f"sender: {failure}", file=sys.stderr)
    return 1 if failed else 0


def serve(conn, args, log):
    with conn:
        if args.greet:
            body = bytes.fromhex(args.greet)
            header = struct.pack(order_format(args.byte_order), len(body))
            conn.sendall(header + body)
            log.message(conn, "server", 1, header, body, args.byte_order)
        index = 1 if args.greet else 0
        try:
            while (body := read_message(conn, args.byte_order)) is not None:
                if args.echo:
                    index += 1
                    header = struct.pack(order_format(args.byte_order), len(body))
                    conn.sendall(header + body)
                    log.message(conn, "server", index, header, body, args.byte_order)
        except OSError:
            pass  # the client reset or vanished: nothing more to read


def run_server(args):
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(128)
    listener.settimeout(args.timeout)
    log = Log(args.log, "sender.py")
    print("listening", flush=True)
    threads = []
    for _ in range(args.connections):
        conn, _ = listener.accept()  # no client for --timeout seconds: an error
        conn.settimeout(args.timeout)
        t = threading.Thread(target=serve, args=(conn, args, log), daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    p.add_argument("role", choices=("client", "server"))
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=9000)
    p.add_argument("--log", required=True)
    p.add_argument("--byte-order", choices=("little", "big"), default="little")
    p.add_argument("--echo", action="store_true")
    p.add_argument("--timeout", type=float, default=10)
    p.add_argument("--messages")
    p.add_argument("--connections", type=int, default=1)
    p.add_argument("--split", choices=("single", "header-body", "coalesce"), default="single")
    p.add_argument("--pause-after", type=int)
    p.add_argument("--go")
    p.add_argument("--cut", type=int)
    p.add_argument("--greet")
    args = p.parse_args()
    sys.exit(run_client(args) if args.role == "client" else run_server(args))


if __name__ == "__main__":
    main()
