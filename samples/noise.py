#!/usr/bin/python3
"""Unrelated loopback traffic for record.sh --noise, as a student's capture
picks it up around the lab: a junk datagram to the DNS port (Wireshark calls
it a malformed DNS packet), one HTTP request to a local server on port 8080,
and another TCP flow (port 7777) that says hello and closes. 127.0.0.1 only.
"""
import http.server
import socket
import threading
import urllib.request


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = b"not the lab\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def dns_junk():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"\x12\x34\xff\xff junk, not a DNS query", ("127.0.0.1", 53))


def http_request():
    server = http.server.HTTPServer(("127.0.0.1", 8080), Quiet)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    urllib.request.urlopen("http://127.0.0.1:8080/index.html", timeout=5).read()
    thread.join()
    server.server_close()


def other_flow():
    listener = socket.create_server(("127.0.0.1", 7777))

    def serve():
        conn, _ = listener.accept()
        with conn:
            conn.recv(100)
            conn.sendall(b"bye\n")

    thread = threading.Thread(target=serve)
    thread.start()
    with socket.create_connection(("127.0.0.1", 7777), timeout=5) as c:
        c.sendall(b"hello\n")
        c.recv(100)
    thread.join()
    listener.close()


if __name__ == "__main__":
    dns_junk()
    http_request()
    other_flow()
