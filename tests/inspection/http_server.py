"""A real HTTP server on 127.0.0.1 for the link checker's tests, run in a thread.

Paths: /ok (200), /missing (404), /broken (500), /loop (redirects to itself),
/moved (redirects to /ok), /slow (answers after ``SLOW`` seconds), /no-head (405 to
HEAD, 200 to GET), /wait/… (200 after a short wait, counting how many requests are
in flight at once)."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 3.0


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a /slow request must not hold the test up

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.requests = []

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def log_message(self, *args):
        pass

    def _answer(self, body):
        server = self.server
        with server.lock:
            server.requests.append((self.command, self.path))
        if self.path == "/ok":
            self._send(200, body)
        elif self.path == "/missing":
            self._send(404, body)
        elif self.path == "/broken":
            self._send(500, body)
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/moved":
            self._redirect("/ok")
        elif self.path == "/slow":
            time.sleep(SLOW)
            self._send(200, body)
        elif self.path == "/no-head":
            self._send(200 if body else 405, body)
        elif self.path.startswith("/wait/"):
            with server.lock:
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            time.sleep(0.2)
            with server.lock:
                server.in_flight -= 1
            self._send(200, body)
        else:
            self._send(404, body)

    def _send(self, status, body):
        payload = b"<p>page</p>" if body else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(b"<p>page</p>")))
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
