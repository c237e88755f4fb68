"""HTTP/1.1 over loopback: read a request's framing, ask the MockServer for the answer, write it as JSON."""

from __future__ import annotations

import json
import logging
import secrets
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ._errors import JSON, Answer, MockError

if TYPE_CHECKING:
    from ._server import MockServer

logger = logging.getLogger("psopenapi_py.mock_server")

#: Request bodies larger than this are answered 413.
MAX_BODY_BYTES = 1024 * 1024
#: A body up to this size is read and thrown away before a 413, so the client sees the answer rather
#: than a connection reset; anything larger is answered at once and the connection closed.
MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES

#: How often the serving thread checks whether it was asked to stop (shutdown waits at most this long).
POLL_INTERVAL_SEC = 0.05
#: A connection that sends nothing for this long (mid-request, or idle between requests) is closed.
DEFAULT_READ_TIMEOUT_SEC = 10.0
#: At most this many connections are served at once; more wait in the listen backlog until one ends.
DEFAULT_MAX_WORKERS = 64


def check_listen_address(host: Any, port: Any) -> None:
    """Refuse, naming it, a host or port no server can listen on (before a socket is made).

    Raises:
        ApiValueError, ApiTypeError: ``host`` not a non-empty string, ``port`` not an integer 0-65535.
    """
    from ..exceptions import invalid_type, invalid_value, out_of_range

    if not isinstance(host, str) or not host.strip():
        raise invalid_value(
            "host", host, "Must be a non-empty host name or address.", expected="a host name or address"
        )
    if isinstance(port, bool) or not isinstance(port, int):
        raise invalid_type("port", port, "an integer")
    if not 0 <= port <= 65535:
        raise out_of_range("port", port, minimum=0, maximum=65535)


@dataclass
class Framing:
    """What the handler learnt from the request's framing before any check ran."""

    body: bytes | None
    problem: MockError | None = None
    #: The body was not read (or not fully): the connection cannot carry another request.
    must_close: bool = False


class RequestHandler(BaseHTTPRequestHandler):
    """Reads one request, asks the MockServer for the answer, writes it; every error goes out as JSON."""

    server: HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = f"psopenapi-mock/{__version__}"
    # Headers and body go out in two writes; with Nagle on, a kept-alive client waits ~40 ms per answer.
    disable_nagle_algorithm = True
    _request_id: str | None = None

    def setup(self) -> None:
        # A per-connection read timeout: a client that stops sending (half a request, or an idle
        # kept-alive connection) is closed after it instead of holding its thread for good.
        super().setup()
        self.connection.settimeout(self.server.mock.read_timeout_sec)

    def do_POST(self) -> None:
        """Answer any method: the routes decide between 404, 405 and a real answer."""
        self._request_id = "req_" + secrets.token_hex(16)
        framing = self._read_body()
        mock = self.server.mock
        try:
            answer = mock._answer(self.command, self.path, self.headers, framing)
        except Exception as exc:  # noqa: BLE001 - a bug in a route must not kill the connection with a traceback
            logger.error("mock server failed on %s %s: %s", self.command, path_only(self.path), type(exc).__name__)
            logger.debug("mock server failure details", exc_info=True)
            answer = MockError(500, f"The mock server failed on this request ({type(exc).__name__}).").to_answer()
        mock._record(self.command, self.path, self.headers, framing.body, answer.status, self._request_id)
        if mock.latency_ms:
            time.sleep(mock.latency_ms / 1000.0)
        if framing.must_close:
            self.close_connection = True
        self._send(answer)

    do_GET = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_POST

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The one error path of http.server (bad request lines, oversized headers): answered as JSON."""
        self._request_id = None  # a fresh id: this may be a later request on a kept-alive connection
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        self.close_connection = True
        self._send(MockError(code, message or phrase).to_answer())

    def _read_body(self) -> Framing:
        """Read the body as Content-Length says, noting any framing problem and whether the connection must close."""
        if self.headers.get("Transfer-Encoding"):
            problem = MockError(
                411, "Send the request body with a Content-Length header (chunked bodies are not accepted)."
            )
            return Framing(None, problem, must_close=True)
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            return Framing(b"")
        try:
            length = int(raw_length)
            if length < 0:
                raise ValueError(raw_length)
        except ValueError:
            return Framing(None, MockError(400, f"Invalid Content-Length header: {raw_length!r}."), must_close=True)
        if length > MAX_BODY_BYTES:
            problem = MockError(
                413,
                f"The request body is {length} bytes; the limit is {MAX_BODY_BYTES} bytes (1 MiB).",
                code="request_too_large",
            )
            if length > MAX_DRAIN_BYTES:
                return Framing(None, problem, must_close=True)
            remaining = length
            while remaining:
                chunk = self.rfile.read(min(remaining, 64 * 1024))
                if not chunk:
                    return Framing(None, problem, must_close=True)
                remaining -= len(chunk)
            return Framing(None, problem)
        body = self.rfile.read(length)
        if len(body) < length:
            return Framing(None, MockError(400, "The request body ended before its Content-Length."), must_close=True)
        return Framing(body)

    def _send(self, answer: Answer) -> None:
        """The one way an answer goes out: its body, Content-Length, x-request-id, and any extra headers."""
        if answer.body is None:
            data = b""
        elif answer.content_type == JSON:
            # A lone surrogate (an echoed "\ud800" key) cannot be UTF-8; written as its JSON escape instead.
            data = json.dumps(answer.body, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
        else:
            data = str(answer.body).encode("utf-8")
        if self._request_id is None:
            self._request_id = "req_" + secrets.token_hex(16)
        self.send_response(answer.status)
        if answer.body is not None:
            self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", self._request_id)
        for key, value in answer.headers.items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if getattr(self, "command", None) != "HEAD":
            self.wfile.write(data)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """One access-log line per answer: client, method, path without its query (it may carry secrets), status."""
        status = code.value if isinstance(code, HTTPStatus) else code
        # A request line http.server could not parse leaves command and path unset.
        method, path = getattr(self, "command", None) or "-", path_only(getattr(self, "path", None) or "-")
        logger.info("%s %s %s -> %s", self.client_address[0], method, path, status)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's parameter name
        """http.server's own messages go to logging, never straight to stderr."""
        logger.info("%s %s", self.client_address[0], format % args)


def path_only(path: str) -> str:
    """The path of a request target, without its query string."""
    return urlsplit(path).path


class HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 resets connections when a burst of clients connects at
    # once (16 threads starting together did); the kernel caps this at net.core.somaxconn anyway.
    request_queue_size = 128
    mock: MockServer
    #: Set by MockServer.stop() before shutdown(), so that an acceptor waiting for a free worker gives up.
    stopping = False
    #: One slot per connection being served (MockServer.bind makes it, max_workers slots).
    workers: threading.BoundedSemaphore

    def process_request(self, request: Any, client_address: Any) -> None:
        # One thread per connection, but never more than max_workers: while all are busy the
        # acceptor waits, and further connections queue in the kernel's backlog (or are refused
        # once it is full) instead of each getting a thread.
        while not self.workers.acquire(timeout=POLL_INTERVAL_SEC):
            if self.stopping:
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.workers.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.workers.release()

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host's name up in DNS, which can stall on offline machines.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is routine for a test server: no traceback on stderr.
        logger.debug("connection from %s ended with an error", client_address[0], exc_info=True)


class HTTPServer6(HTTPServer):
    address_family = socket.AF_INET6
