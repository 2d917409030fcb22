#!/usr/bin/python3
"""Records the foreign-traffic samples: real kernel TCP on loopback that is
not lab traffic but touches the lab's port 9000, as a user's capture holds it.

    record-foreign.py [--out DIR]      (root: dumpcap on lo)

Writes DIR/foreign/NAME.pcapng (default DIR: samples/captures), each with a
capture comment naming this script:
  s101_9000       an Ember+ consumer and provider on port 9000 (S101 framing:
                  BOF 0xFE, escaping, CRC-16/X.25, EOF 0xFF), a GetDirectory
                  EmBER packet and its answer, then a keep-alive each way
  fastcgi_9000    a web server asking a PHP-FPM-like responder on port 9000
                  (FastCGI records: BEGIN_REQUEST, PARAMS, STDIN / STDOUT,
                  END_REQUEST)
  http_client_9000  an HTTP request whose client is bound to source port 9000,
                  to a server on port 8080
127.0.0.1 only. The bytes are the protocols' own framing, sent with plain
sockets; nothing is edited after the kernel sent it.
"""
import argparse
import os
import pathlib
import socket
import struct
import subprocess
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
LAB_PORT = 9000
HTTP_PORT = 8080


# ---- S101 (Ember+) ----------------------------------------------------------

def crc16_x25(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc ^ 0xFFFF


def s101_frame(command, payload=b""):
    """One S101 frame: slot 0, message type EmBER (0x0E), version 1; an EmBER
    packet (command 0) carries flags, DTD Glow 2.31 and the payload."""
    body = bytes([0x00, 0x0E, command, 0x01])
    if command == 0x00:
        body += bytes([0xC0, 0x01, 0x02, 0x1F, 0x02]) + payload
    body += struct.pack("<H", crc16_x25(body))
    escaped = bytearray()
    for byte in body:
        escaped += bytes([0xFD, byte ^ 0x20]) if byte >= 0xF8 else bytes([byte])
    return b"\xfe" + bytes(escaped) + b"\xff"


def ber(tag, content):
    assert len(content) < 128
    return bytes([tag, len(content)]) + content


# Glow: Root [APPLICATION 0] { RootElementCollection [APPLICATION 11] {
# [0] Command [APPLICATION 2] { number [0] INTEGER 32 (GetDirectory) } } }
GET_DIRECTORY = ber(0x60, ber(0x6B, ber(0xA0, ber(0x62, ber(0xA0, ber(0x02, b"\x20"))))))
# The provider's answer: one Node [APPLICATION 3] { number [0] 1,
# contents [1] Set { identifier [0] UTF8String "lab-router" } }
NODE = ber(0x60, ber(0x6B, ber(0xA0, ber(0x63, ber(0xA0, ber(0x02, b"\x01")) +
                                         ber(0xA1, ber(0x31, ber(0xA0, ber(0x0C, b"lab-router"))))))))
KEEPALIVE_REQUEST, KEEPALIVE_RESPONSE = 0x01, 0x02


def s101_session():
    def provider(conn):
        recv_exactly(conn, len(s101_frame(0x00, GET_DIRECTORY)))
        conn.sendall(s101_frame(0x00, NODE))
        recv_exactly(conn, len(s101_frame(KEEPALIVE_REQUEST)))
        conn.sendall(s101_frame(KEEPALIVE_RESPONSE))
        conn.sendall(s101_frame(KEEPALIVE_REQUEST))
        recv_exactly(conn, len(s101_frame(KEEPALIVE_RESPONSE)))

    def consumer(sock):
        sock.sendall(s101_frame(0x00, GET_DIRECTORY))
        recv_exactly(sock, len(s101_frame(0x00, NODE)))
        sock.sendall(s101_frame(KEEPALIVE_REQUEST))
        recv_exactly(sock, len(s101_frame(KEEPALIVE_RESPONSE)))
        recv_exactly(sock, len(s101_frame(KEEPALIVE_REQUEST)))
        sock.sendall(s101_frame(KEEPALIVE_RESPONSE))

    converse(LAB_PORT, provider, consumer)


# ---- FastCGI ----------------------------------------------------------------

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT = 1, 3, 4, 5, 6


def fcgi_record(kind, content, request_id=1):
    padding = -len(content) % 8
    return (struct.pack(">BBHHBx", 1, kind, request_id, len(content), padding) + content +
            b"\0" * padding)


def fcgi_params(pairs):
    out = b""
    for name, value in pairs:
        out += bytes([len(name), len(value)]) + name + value
    return out


FCGI_REQUEST = (
    fcgi_record(FCGI_BEGIN_REQUEST, struct.pack(">HB5x", 1, 0)) +  # role RESPONDER
    fcgi_record(FCGI_PARAMS, fcgi_params([(b"SCRIPT_FILENAME", b"/var/www/index.php"),
                                          (b"REQUEST_METHOD", b"GET"),
                                          (b"QUERY_STRING", b"lab=3")])) +
    fcgi_record(FCGI_PARAMS, b"") + fcgi_record(FCGI_STDIN, b""))
FCGI_RESPONSE = (
    fcgi_record(FCGI_STDOUT, b"Content-type: text/html\r\n\r\n<p>not the lab</p>\n") +
    fcgi_record(FCGI_STDOUT, b"") +
    fcgi_record(FCGI_END_REQUEST, struct.pack(">IB3x", 0, 0)))  # REQUEST_COMPLETE


def fastcgi_session():
    def responder(conn):
        recv_exactly(conn, len(FCGI_REQUEST))
        conn.sendall(FCGI_RESPONSE)

    def web_server(sock):
        sock.sendall(FCGI_REQUEST)
        recv_exactly(sock, len(FCGI_RESPONSE))

    converse(LAB_PORT, responder, web_server)


# ---- HTTP from client port 9000 ---------------------------------------------

HTTP_REQUEST = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n\r\n"
HTTP_BODY = b"not the lab\n"
HTTP_RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                 b"Connection: close\r\n\r\n" % len(HTTP_BODY)) + HTTP_BODY


def http_session():
    def server(conn):
        recv_exactly(conn, len(HTTP_REQUEST))
        conn.sendall(HTTP_RESPONSE)

    def client(sock):
        sock.sendall(HTTP_REQUEST)
        recv_exactly(sock, len(HTTP_RESPONSE))

    converse(HTTP_PORT, server, client, client_port=LAB_PORT)


# ---- plumbing ---------------------------------------------------------------

def recv_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise RuntimeError(f"peer closed after {len(data)} of {count} bytes")
        data += chunk
    return data


def converse(port, serve, talk, client_port=0):
    """One connection to 127.0.0.1:port; the client closes first."""
    listener = socket.create_server(("127.0.0.1", port))
    errors = []

    def run_server():
        try:
            conn, _ = listener.accept()
            with conn:
                serve(conn)
                conn.recv(1)  # the client's FIN
        except Exception as e:  # reported by the main thread
            errors.append(e)

    thread = threading.Thread(target=run_server)
    thread.start()
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.settimeout(5)
        if client_port:
            sock.bind(("127.0.0.1", client_port))
        sock.connect(("127.0.0.1", port))
        talk(sock)
    thread.join(5)
    listener.close()
    if errors:
        raise errors[0]


def record(name, session, out_dir):
    work = pathlib.Path(tempfile.mkdtemp())
    raw = work / "raw.pcapng"
    log = work / "dumpcap.log"
    ports = f"tcp port {LAB_PORT} or tcp port {HTTP_PORT}"
    with open(log, "w") as err:
        dumpcap = subprocess.Popen(["dumpcap", "-i", "lo", "-s", "0", "-f", ports, "-w", str(raw),
                                    "-q"], stderr=err)
    try:
        for _ in range(100):
            if "Capturing on" in log.read_text() and raw.exists() and raw.stat().st_size:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"dumpcap did not start: {log.read_text()}")
        session()
        time.sleep(0.5)  # the last ACK of the teardown
    finally:
        dumpcap.send_signal(2)
        dumpcap.wait()
    out = out_dir / "foreign" / f"{name}.pcapng"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["editcap", "-F", "pcapng", "--capture-comment",
                    f"labproto foreign sample {name}: samples/record-foreign.py", str(raw),
                    str(out)], check=True)
    out.chmod(0o644)
    for path in work.iterdir():
        path.unlink()
    work.rmdir()
    print(f"wrote {out}")


SESSIONS = {"s101_9000": s101_session, "fastcgi_9000": fastcgi_session,
            "http_client_9000": http_session}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=HERE / "captures")
    parser.add_argument("names", nargs="*", choices=[[], *SESSIONS], default=[])
    args = parser.parse_args()
    if os.geteuid() != 0:
        parser.error("run as root (dumpcap on lo)")
    for name in args.names or SESSIONS:
        record(name, SESSIONS[name], args.out)


if __name__ == "__main__":
    main()
