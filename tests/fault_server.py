"""A loopback HTTP/1.1 server on raw sockets that misbehaves on cue, for the reliability tests.

Each request that arrives completely takes the next :class:`Fault` from the script (the default
after that) and counts as one attempt. A fault can answer normally, reset the connection (RST)
before or in the middle of the answer, close it cleanly without a word, never answer at all, or
trickle the body one byte at a time. Every thread the server starts is joined by :meth:`stop`,
and every socket it opened is closed, so resource counts taken around it are exact.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: How long blocking socket calls wait before looking at the stop flag again.
POLL_SEC = 0.05
#: A request (line and headers) larger than this is refused; the client never sends one.
MAX_HEADER_BYTES = 64 * 1024


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Fault:
    """What the server does with one request.

    ``kind`` is one of ``respond``, ``reset_before``, ``close_before``, ``silent``, ``reset_during``,
    ``trickle``. ``respond`` sends ``status``/``headers``/``body`` (keeping the connection open);
    ``reset_during`` sends the head and ``partial`` bytes of a ``Content-Length: len(body)`` answer, then
    resets; ``trickle`` sends the head at once and the body one byte every ``interval_sec``.
    """

    kind: str
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    partial: int = 0
    interval_sec: float = 0.0


def respond(status: int, body: bytes | str | dict[str, Any] | list[Any] = b"", **headers: str) -> Fault:
    """Answer ``status`` with ``body`` (a dict or list goes out as JSON) and extra ``headers``.

    Header names are given with ``_`` for ``-`` (``retry_after="1"`` sends ``retry-after: 1``).
    """
    content_type = "application/json"
    if isinstance(body, (dict, list)):
        payload = json.dumps(body).encode()
    elif isinstance(body, str):
        payload = body.encode()
        content_type = "text/plain; charset=utf-8"
    else:
        payload = body
    pairs = {"content-type": content_type}
    pairs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return Fault("respond", status=status, body=payload, headers=tuple(pairs.items()))


def reset_before() -> Fault:
    """Read the request, then reset the connection (RST) without sending a byte."""
    return Fault("reset_before")


def close_before() -> Fault:
    """Read the request, then close the connection cleanly (FIN) without sending a byte."""
    return Fault("close_before")


def silent() -> Fault:
    """Read the request and never answer: the client's read timeout must end the wait."""
    return Fault("silent")


def reset_during(body: bytes, partial: int) -> Fault:
    """Send a 200 head announcing ``len(body)`` bytes, then ``partial`` of them, then reset."""
    return Fault("reset_during", body=body, partial=partial, headers=(("content-type", "application/json"),))


def trickle(body: bytes, interval_sec: float) -> Fault:
    """Send a 200 head at once, then the body one byte every ``interval_sec`` seconds."""
    return Fault("trickle", body=body, interval_sec=interval_sec, headers=(("content-type", "application/json"),))


def endless(
    declared: int | None = None,
    block: bytes = b" " * 65536,
    headers: tuple[tuple[str, str], ...] = (),
    status: int = 200,
) -> Fault:
    """Answer ``status`` and then send ``block`` over and over until the client hangs up (at most 512 MiB).

    ``declared`` is the ``Content-Length`` announced; None announces none and closes to end the body.
    ``FaultServer.body_bytes_sent`` counts what went out.
    """
    return Fault("endless", status=status, body=block, headers=headers, partial=-1 if declared is None else declared)


#: The most an endless answer sends, so that a client that never stops reading still ends the test.
ENDLESS_LIMIT = 512 * 1024 * 1024


class _Stopped(Exception):
    pass


class FaultServer:
    """Serve scripted faults on 127.0.0.1; ``seen`` lists the requests that arrived, ``attempts`` counts them."""

    def __init__(self, script: list[Fault] | None = None, default: Fault | None = None) -> None:
        self.script: list[Fault] = list(script or [])
        self.default: Fault = default or respond(200, {})
        self.seen: list[Seen] = []
        #: How many TCP connections were accepted.
        self.connections = 0
        #: Bytes of body the ``endless`` faults sent.
        self.body_bytes_sent = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(POLL_SEC)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-server-accept", daemon=True)

    @property
    def attempts(self) -> int:
        """How many requests arrived completely."""
        with self._lock:
            return len(self.seen)

    def start(self) -> FaultServer:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        """Stop accepting, end every connection and join every thread the server started."""
        self._stop.set()
        self._acceptor.join(5)
        self._listener.close()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(5)
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()

    # ----------------------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(POLL_SEC)
            thread = threading.Thread(target=self._serve, args=(conn,), name="fault-server-conn", daemon=True)
            with self._lock:
                self.connections += 1
                self._conns.append(conn)
                self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        try:
            while True:
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                with self._lock:
                    self.seen.append(request)
                    fault = self.script.pop(0) if self.script else self.default
                if not self._act(conn, fault):
                    return
        except (_Stopped, OSError):
            return
        finally:
            with self._lock:
                if conn in self._conns:
                    self._conns.remove(conn)
            conn.close()

    def _recv(self, conn: socket.socket) -> bytes:
        while True:
            if self._stop.is_set():
                raise _Stopped
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue

    def _read_request(self, conn: socket.socket, buffer: bytes) -> tuple[Seen | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            chunk = self._recv(conn)
            if not chunk or len(buffer) > MAX_HEADER_BYTES:
                return None, b""
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip()] = value.strip()
        length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
        while len(rest) < length:
            chunk = self._recv(conn)
            if not chunk:
                return None, b""
            rest += chunk
        return Seen(method, path, headers, rest[:length]), rest[length:]

    def _head(self, status: int, headers: tuple[tuple[str, str], ...], length: int) -> bytes:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}", f"x-request-id: req_{self.attempts}"]
        lines += [f"{k}: {v}" for k, v in headers]
        lines.append(f"content-length: {length}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _act(self, conn: socket.socket, fault: Fault) -> bool:
        """Carry out one fault; return whether the connection stays open for another request."""
        if fault.kind == "respond":
            conn.sendall(self._head(fault.status, fault.headers, len(fault.body)) + fault.body)
            return True
        if fault.kind == "reset_before":
            _reset(conn)
            return False
        if fault.kind == "close_before":
            conn.shutdown(socket.SHUT_RDWR)
            return False
        if fault.kind == "silent":
            # Wait until the client gives up and closes (recv sees EOF) or the server stops.
            while self._recv(conn):
                pass
            return False
        if fault.kind == "reset_during":
            conn.sendall(self._head(fault.status, fault.headers, len(fault.body)) + fault.body[: fault.partial])
            time.sleep(POLL_SEC)  # let the head reach the client before the reset overtakes it
            _reset(conn)
            return False
        if fault.kind == "trickle":
            conn.sendall(self._head(fault.status, fault.headers, len(fault.body)))
            for i in range(len(fault.body)):
                if self._stop.wait(fault.interval_sec):
                    return False
                conn.sendall(fault.body[i : i + 1])  # an OSError once the client hangs up ends the thread
            return True
        if fault.kind == "endless":
            lines = [
                f"HTTP/1.1 {fault.status} {_REASONS.get(fault.status, 'Unknown')}",
                f"x-request-id: req_{self.attempts}",
            ]
            lines += [f"{k}: {v}" for k, v in fault.headers]
            lines.append(f"content-length: {fault.partial}" if fault.partial >= 0 else "connection: close")
            conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            while self.body_bytes_sent < ENDLESS_LIMIT and not self._stop.is_set():
                conn.sendall(fault.body)  # an OSError once the client hangs up ends the thread
                with self._lock:
                    self.body_bytes_sent += len(fault.body)
            return False
        raise ValueError(f"unknown fault kind {fault.kind!r}")


def _reset(conn: socket.socket) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


_REASONS = {
    200: "OK",
    307: "Temporary Redirect",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@contextmanager
def fault_server(script: list[Fault] | None = None, default: Fault | None = None) -> Iterator[FaultServer]:
    """A started :class:`FaultServer`, stopped (threads joined, sockets closed) on exit."""
    server = FaultServer(script, default).start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Timer:
    """Wall-clock seconds of a ``with`` block, in ``elapsed``."""

    elapsed: float = 0.0
    _start: float = field(default=0.0, repr=False)

    def __enter__(self) -> Timer:
        self._start = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.monotonic() - self._start
