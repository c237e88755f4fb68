"""One HTTP/1.1 connection speaking WSGI (PEP 3333): requests read, handed to the application, answered,
as long as the client keeps the connection open.

wsgiref's server answers one HTTP/1.0 request per connection, so every request paid a TCP handshake and
(in a thread-per-connection server) a new thread and a new upstream connection; that was most of what
``/token`` cost over a direct call. This handler keeps connections alive and parses only what WSGI needs.
Production deployments run the application under gunicorn or another WSGI server instead.
"""

from __future__ import annotations

import io
import json
import logging
import re
import socketserver
import sys
import time
from collections.abc import Callable, Iterable
from email.utils import formatdate
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import unquote_to_bytes

from .. import __version__, _redact

logger = logging.getLogger("psopenapi_py.serve")

#: The longest request line or header line read; longer ones are answered 414 or 431.
MAX_LINE_BYTES = 8192
#: At most this many header lines per request.
MAX_HEADERS = 100
#: An unread request body up to this size is read and dropped so the connection can carry the next request.
MAX_DRAIN_BYTES = 64 * 1024
#: A socket's own timeout is this much longer than the deadline of what it reads: the server cuts a late read
#: at its deadline (WSGIServer.set_deadline), which leaves what arrived readable, so a request that stopped
#: part way is answered 408; a socket timeout would raise first and lose that. This is only a backstop.
_BACKSTOP_SEC = 1.0

_SERVER_HEADER = f"psopenapi-serve/{__version__}"

#: A header name: one or more of RFC 9110's token characters (5.1, 5.6.2).
_FIELD_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


class _HttpError(Exception):
    """A request the server answers itself, before the application sees it; the connection then closes."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class _Body:
    """``wsgi.input``: at most Content-Length bytes of the request body; sends ``100 Continue`` on first read."""

    def __init__(
        self,
        rfile: Any,
        length: int,
        send_continue: Callable[[], None] | None,
        deadline: Callable[[bool], None] = lambda reading: None,
        late: Callable[[], bool] = lambda: False,
    ):
        self._rfile = rfile
        self.remaining = length
        self._send_continue = send_continue
        #: Called with True before each read (the read must end within the read timeout) and False after.
        self._deadline = deadline
        #: Whether the read deadline has passed (a short read then is a timeout, not the client closing).
        self._late = late
        #: Reading the body failed (timeout, or the client went away): the connection cannot go on.
        self.failed = False

    def _start(self) -> None:
        if self._send_continue is not None:
            self._send_continue()
            self._send_continue = None

    @property
    def continue_pending(self) -> bool:
        """The client asked to wait for ``100 Continue`` and was never sent it (so it may not send the body)."""
        return self._send_continue is not None

    def _take(self, reader: Callable[[int], bytes], size: int | None) -> bytes:
        """Up to ``size`` bytes (all that remain when None or negative) from ``reader``, counted off the body;
        a failed read (timeout, reset) marks the body failed so the connection is not reused."""
        if self.remaining <= 0:
            return b""
        self._start()
        wanted = self.remaining if size is None or size < 0 else min(size, self.remaining)
        self._deadline(True)
        try:
            data = bytes(reader(wanted))
        except OSError:
            self.failed = True
            raise
        finally:
            self._deadline(False)
        self.remaining -= len(data)
        return data

    def read(self, size: int | None = -1) -> bytes:
        wanted = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self._take(self._rfile.read, size)
        if len(data) < wanted:
            self.failed = True
            if self._late():
                raise TimeoutError("the request body did not arrive in time")
            raise ConnectionError("the client closed the connection inside the request body")
        return data

    def readline(self, size: int | None = -1) -> bytes:
        return self._take(self._rfile.readline, size)

    def readlines(self, hint: int = -1) -> list[bytes]:
        lines = []
        total = 0
        while line := self.readline():
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def __iter__(self) -> Any:
        return iter(self.readline, b"")


class ConnectionHandler(socketserver.StreamRequestHandler):
    """Serves the requests of one connection to ``server.application``."""

    # Headers and body go out in one write, but a kept-alive client still must not wait on Nagle.
    disable_nagle_algorithm = True
    server: Any
    #: The method and path of the request being read, for the log line of a request refused before the app.
    _refused_request: tuple[str, str] = ("-", "-")
    #: When (time.monotonic()) what is being read must have arrived.
    _until: float = 0.0
    #: Part of the request head has arrived (a cut read is then answered 408, not closed as idle).
    _head_started = False

    def setup(self) -> None:
        super().setup()
        # One socket timeout for the connection's life, a backstop only: the server cuts each wait at its own
        # deadline (idle or read). Changing it per request cost two fcntl calls each time.
        longest = max(self.server.read_timeout_sec, self.server.idle_timeout_sec)
        self.connection.settimeout(longest + _BACKSTOP_SEC)

    def handle(self) -> None:
        keep_alive = True
        first = True
        read_timeout, idle_timeout = self.server.read_timeout_sec, self.server.idle_timeout_sec
        while keep_alive and not self.server.stopping:
            self._refused_request = ("-", "-")
            # The whole head must arrive within the read timeout; a kept-alive connection first waits idle for
            # it (until its first line, see _read_head), and may be closed meanwhile if a new one needs a worker.
            # Until a request's first byte arrives the connection is idle, a new one too (a browser's
            # preconnect): the server may close it to free its worker, or when it stops.
            self.server.set_idle(self.connection, True)
            self._until = time.monotonic() + (read_timeout if first else idle_timeout)
            self.server.set_deadline(self.connection, self._until)
            try:
                request = self._read_head()
            except (TimeoutError, ConnectionError):
                return
            except _HttpError as exc:
                self._send_error(exc.status, exc.message)
                return
            finally:
                self.server.set_deadline(self.connection, None)
                self.server.set_idle(self.connection, False)
            if request is None:
                return
            first = False
            try:
                keep_alive = self._serve(*request)
            except (TimeoutError, ConnectionError):
                return

    # -- reading ------------------------------------------------------------------------------------

    def _readline(self, too_long: tuple[int, str]) -> bytes:
        line = self.rfile.readline(MAX_LINE_BYTES + 1)
        if len(line) > MAX_LINE_BYTES:
            raise _HttpError(*too_long)
        if not line.endswith(b"\n") and time.monotonic() >= self._until and (line or self._head_started):
            # Cut at its deadline (WSGIServer.set_deadline) part way through: answered, unlike an idle close.
            raise _HttpError(408, "The request did not arrive in time.")
        return bytes(line)

    def _body_deadline(self, reading: bool) -> None:
        """A body read must end within the read timeout (see WSGIServer.set_deadline)."""
        until = time.monotonic() + self.server.read_timeout_sec if reading else None
        if until is not None:
            self._until = until
        self.server.set_deadline(self.connection, until)

    def _read_head(self) -> tuple[str, str, str, list[tuple[str, str]]] | None:
        """The request line and headers, or None when the client closed the connection between requests."""
        self._head_started = False
        # Waits (idle) for the request's first byte, without taking it; cut there, nothing has arrived.
        # (StreamRequestHandler's rfile is a BufferedReader: makefile("rb") with its default buffering.)
        rfile = cast(io.BufferedReader, self.rfile)
        first = rfile.peek(1)[:1]
        if first in (b"\r", b"\n"):
            # One empty line before a request is allowed (RFC 9112, 2.2; some clients send one after a POST
            # body): taken while the connection is still idle, which it is until a request begins.
            self._readline((414, "The request line is too long."))
            first = rfile.peek(1)[:1]
        if not first:
            return None
        self._head_started = True
        # Something has arrived: no longer idle (not a connection to close to free its worker), and from this
        # first byte on, the head has the read timeout.
        self.server.set_idle(self.connection, False)
        self._until = time.monotonic() + self.server.read_timeout_sec
        self.server.set_deadline(self.connection, self._until)
        line = self._readline((414, "The request line is too long."))
        if not line:
            return None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3 or not parts[0].isalpha() or not parts[1]:
            raise _HttpError(400, "The request line is not 'METHOD target HTTP/1.x'.")
        method, target, version = parts
        # The path as the application would see it (percent-decoded), so its redaction finds what it hides.
        path = unquote_to_bytes(target.partition("?")[0].encode("latin-1")).decode("latin-1")
        self._refused_request = (method, path)  # cut to length after their redaction (_send_error)
        if version not in ("HTTP/1.1", "HTTP/1.0"):
            raise _HttpError(505, "Only HTTP/1.0 and HTTP/1.1 are served.")
        headers: list[tuple[str, str]] = []
        while True:
            line = self._readline((431, "A request header line is too long."))
            if line in (b"\r\n", b"\n"):
                break
            if not line:
                raise ConnectionError("the client closed the connection inside the request head")
            if len(headers) == MAX_HEADERS:
                raise _HttpError(431, f"More than {MAX_HEADERS} request headers.")
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon or not _FIELD_NAME.fullmatch(name):
                raise _HttpError(400, "A request header line is malformed.")
            value = value.strip(" \t\r\n")
            if "\r" in value or "\0" in value:
                # RFC 9110, 5.5: a CR or NUL inside a field value is refused, not passed on (a proxy in front
                # might read the line otherwise: request smuggling).
                raise _HttpError(400, "A request header holds a CR or NUL character.")
            headers.append((name, value))
        return method, target, version, headers

    def _environ(
        self, method: str, target: str, version: str, headers: list[tuple[str, str]]
    ) -> tuple[dict[str, Any], int, bool, bool]:
        """The WSGI environ, the body's length, whether the client waits for 100 Continue, and whether it
        asked to close the connection."""
        authority = None
        scheme, separator, rest = target.partition("://")
        if separator and scheme.lower() in ("http", "https"):
            # Absolute form (RFC 9112, 3.2.2): the path runs from the authority to "?" or the end, and the
            # authority stands for the Host header, which must then be ignored.
            cut = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
            authority, target = rest[:cut], rest[cut:]
            if not authority or "@" in authority:
                raise _HttpError(400, "The request target's authority is not a host.")
            if not target.startswith("/"):
                target = "/" + target
        path, _, query = target.partition("?")
        server = self.server
        environ: dict[str, Any] = dict(server.base_environ)
        environ["REQUEST_METHOD"] = method
        # PEP 3333: the path's bytes, raw or percent-encoded, each as one latin-1 character.
        environ["PATH_INFO"] = unquote_to_bytes(path.encode("latin-1")).decode("latin-1")
        environ["QUERY_STRING"] = query
        environ["SERVER_PROTOCOL"] = version
        environ["REMOTE_ADDR"] = str(self.client_address[0])
        length_values: set[str] = set()
        connection = ""
        expect = ""
        hosts = 0
        for name, value in headers:
            key = name.upper().replace("-", "_")
            if key == "HOST":
                hosts += 1
            if "_" in name:
                # X_Forwarded_For would otherwise land where X-Forwarded-For does (gunicorn drops these too).
                continue
            if key == "CONTENT_LENGTH":
                length_values.add(value)
                continue
            if key == "TRANSFER_ENCODING":
                raise _HttpError(411, "Send the request body with a Content-Length header, not chunked.")
            # Every line of them counts (RFC 9112, 9.6: a "close" in any of them closes).
            if key == "CONNECTION":
                connection += "," + value.lower()
            elif key == "EXPECT":
                expect = f"{expect},{value.lower()}" if expect else value.lower()
            if key != "CONTENT_TYPE":
                key = "HTTP_" + key
            environ[key] = f"{environ[key]},{value}" if key in environ else value
        if hosts > 1 or (hosts == 0 and version == "HTTP/1.1"):
            # RFC 9112, 3.2: exactly one Host in an HTTP/1.1 request; the application reads it (same origin).
            raise _HttpError(400, "An HTTP/1.1 request needs exactly one Host header.")
        if authority is not None:
            environ["HTTP_HOST"] = authority
        length = 0
        if length_values:
            if len(length_values) > 1:
                raise _HttpError(400, "The request has conflicting Content-Length headers.")
            raw = length_values.pop()
            if not raw.isdigit() or not raw.isascii():
                raise _HttpError(400, "Content-Length is not a non-negative whole number.")
            length = int(raw)
            environ["CONTENT_LENGTH"] = raw
        wants_close = "close" in connection or (version == "HTTP/1.0" and "keep-alive" not in connection)
        return environ, length, expect == "100-continue" and version == "HTTP/1.1", wants_close

    # -- answering ----------------------------------------------------------------------------------

    def _serve(self, method: str, target: str, version: str, headers: list[tuple[str, str]]) -> bool:
        """Run the application for one request and write its answer; whether the connection stays open."""
        try:
            environ, length, expects_continue, wants_close = self._environ(method, target, version, headers)
        except _HttpError as exc:
            self._send_error(exc.status, exc.message)
            return False
        body = _Body(
            self.rfile,
            length,
            self._send_continue if expects_continue else None,
            self._body_deadline,
            lambda: time.monotonic() >= self._until,
        )
        environ["wsgi.input"] = body
        environ["wsgi.errors"] = sys.stderr
        started: list[Any] = []
        # write() and the returned iterable add to one list, so the body keeps the order it was produced in.
        chunks: list[bytes] = []

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if exc_info is not None:
                try:
                    if chunks:
                        raise exc_info[1].with_traceback(exc_info[2])
                finally:
                    exc_info = None
            elif started:
                raise AssertionError("start_response was called twice without exc_info")
            for name, value in response_headers:
                # A CR or LF would split the answer (response splitting); PEP 3333 leaves the check to servers.
                if not (name.isascii() and value.isascii()) or any(c in name + value for c in "\r\n\0"):
                    raise ValueError(f"the response header {name[:40]!r} holds a character HTTP does not allow")
            started[:] = [status, list(response_headers)]
            return chunks.append

        result: Iterable[bytes] | None = None
        try:
            try:
                result = self.server.application(environ, start_response)
                for chunk in result:
                    chunks.append(chunk)
            except Exception as exc:  # noqa: BLE001 - one request's failure answers 500; the server goes on
                if body.failed:
                    return False  # the client stopped sending or went away: nobody to answer
                logger.error("psopenapi serve: the application failed on %s: %s", method, type(exc).__name__)
                self._send_error(500, "The server failed on this request.")
                return False
            if not started:
                logger.error("psopenapi serve: the application returned without calling start_response")
                self._send_error(500, "The server failed on this request.")
                return False
            status, response_headers = started
            keep_alive = not wants_close and not self.server.stopping and not body.failed
            if body.remaining and (body.continue_pending or body.remaining > MAX_DRAIN_BYTES):
                keep_alive = False
            payload = b"".join(chunks)
            names = {name.lower() for name, _ in response_headers}
            if status.startswith(("1", "204", "304")):
                payload = b""  # these have no content, whatever the application gave (RFC 9110, 6.4.1)
            elif "content-length" not in names:
                # Framing for what has content; 1xx, 204 and 304 carry no length (RFC 9110, 8.6).
                response_headers.append(("Content-Length", str(len(payload))))
            if not keep_alive:
                response_headers.append(("Connection", "close"))
            elif version == "HTTP/1.0":
                response_headers.append(("Connection", "keep-alive"))
            self._write(version, status, response_headers, b"" if method == "HEAD" else payload)
            if keep_alive and body.remaining:
                # What the application left unread must be consumed before the next request can be read; after
                # the answer, so a slow sender still has it (a refusal, say) and only the connection is lost.
                try:
                    body.read()
                except OSError:
                    return False
            return keep_alive
        finally:
            # After the answer is out (PEP 3333): what an application does in close(), such as writing its
            # access log, then costs the client no time.
            close = getattr(result, "close", None)
            if close is not None:
                close()

    def _send_continue(self) -> None:
        self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def _send_error(self, status: int, message: str) -> None:
        """An answer from the server itself (the application never saw the request); the connection closes."""
        code = "server_error" if status == 500 else "bad_request"
        payload = json.dumps({"error": {"message": message, "code": code}}, separators=(",", ":")).encode()
        phrase = HTTPStatus(status).phrase
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(payload))),
            ("Cache-Control", "no-store"),
            ("Connection", "close"),
        ]
        method, path = self._refused_request
        # RFC 9110, 9.3.2: no content in an answer to HEAD (its length stays in the header).
        sent = b"" if method == "HEAD" else payload
        try:
            self._write("HTTP/1.1", f"{status} {phrase}", headers, sent)
        except OSError:
            pass
        # The application's access-log fields, as far as they are known for a request it never saw; the path
        # hidden as the application hides secrets in its own lines (it knows them), else by their shape.
        hide = getattr(self.server.application, "redact", None)
        method, path = ((hide(t) if callable(hide) else _redact.text(t)) for t in (method, path))
        method, path = method[:16], path[:200]
        logger.info(
            "%s",
            json.dumps(
                {
                    "time": round(time.time(), 3),
                    "remote": str(self.client_address[0]),
                    "caller": "-",
                    "method": method,
                    "path": path,
                    "status": status,
                    "bytes": len(sent),
                    "ms": 0.0,
                    "error": message,
                },
                separators=(",", ":"),
            ),
        )

    def _write(self, version: str, status: str, headers: list[tuple[str, str]], payload: bytes) -> None:
        lines = [f"{'HTTP/1.1' if version == 'HTTP/1.1' else 'HTTP/1.0'} {status}"]
        lines.append(f"Date: {_http_date()}")
        lines.append(f"Server: {_SERVER_HEADER}")
        lines += [f"{name}: {value}" for name, value in headers]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head + payload)


_date_cache: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The Date header's value, formatted once per second (it has a resolution of one second)."""
    global _date_cache
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache = (now, formatdate(now, usegmt=True))
    return _date_cache[1]


def base_environ(server_name: str, server_port: int) -> dict[str, Any]:
    """What every request's environ starts from."""
    return {
        "SERVER_NAME": server_name,
        "SERVER_PORT": str(server_port),
        "SCRIPT_NAME": "",
        "GATEWAY_INTERFACE": "CGI/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
