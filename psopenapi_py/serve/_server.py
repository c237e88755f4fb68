"""The threaded stdlib server of ``psopenapi serve``: the mock server's bounded, read-timeout server, with
kept-alive HTTP/1.1 connections (:mod:`._wsgi`) served by a pool of long-lived worker threads.

Long-lived workers matter beyond thread start-up: the client keeps one ``requests.Session`` per thread, so
a worker that lives on keeps its upstream connection (and its TLS session with the Realtime API) for the
next request instead of opening a new one.
"""

from __future__ import annotations

import math
import queue
import socket
import threading
import time
from typing import Any

from ..exceptions import invalid_type, invalid_value, out_of_range
from ..mock_server._http import (
    DEFAULT_MAX_WORKERS,
    DEFAULT_READ_TIMEOUT_SEC,
    POLL_INTERVAL_SEC,
    HTTPServer,
    HTTPServer6,
    check_listen_address,
)
from ._wsgi import ConnectionHandler, base_environ

#: How long a kept-alive connection may wait for its next request before it is closed.
DEFAULT_IDLE_TIMEOUT_SEC = 5.0


class WSGIServer(HTTPServer):
    """Serves a WSGI application: at most ``max_workers`` connections at once, each on a pooled thread."""

    application: Any
    read_timeout_sec: float = DEFAULT_READ_TIMEOUT_SEC
    idle_timeout_sec: float = DEFAULT_IDLE_TIMEOUT_SEC
    #: How long closing the server waits for the requests being served to finish.
    drain_timeout_sec: float = 10.0
    #: serve_forever runs, or is about to (stop_server then waits for it to end).
    started = False
    base_environ: dict[str, Any]

    def serve_forever(self, poll_interval: float = POLL_INTERVAL_SEC) -> None:
        """Serve until :func:`stop_server` (or ``shutdown()``); marked as started, so stopping waits for it."""
        self.started = True
        super().serve_forever(poll_interval)

    def server_bind(self) -> None:
        super().server_bind()
        self.base_environ = base_environ(self.server_name, self.server_port)
        self._jobs: queue.SimpleQueue[tuple[Any, Any] | None] = queue.SimpleQueue()
        self._pool_lock = threading.Lock()
        self._idle = 0
        self._worker_count = 0
        self._deadlines: dict[Any, float] = {}
        #: Connections waiting for a request's first line (kept alive, or new), with when they began to wait.
        self._idle_connections: dict[Any, float] = {}
        self._deadline_lock = threading.Lock()
        self._closed = False

    def set_deadline(self, connection: Any, deadline: float | None) -> None:
        """By ``deadline`` (time.monotonic()), what is being read from ``connection`` must have arrived; past
        it, reading stops there. None: no deadline. A per-read timeout alone lets a client that trickles a
        byte at a time hold a worker for ever."""
        with self._deadline_lock:
            if deadline is None:
                self._deadlines.pop(connection, None)
            else:
                self._deadlines[connection] = deadline

    def service_actions(self) -> None:
        """Called by serve_forever between polls: cut the reads that are past their deadline."""
        super().service_actions()
        self._cut_expired()

    def _cut_expired(self) -> None:
        """End the reads that are past their deadline (from the accept loop, which also comes here while it
        waits for a free worker: that is when slow clients hold every worker)."""
        if not self._deadlines:
            return
        now = time.monotonic()
        with self._deadline_lock:
            # Under the lock: a worker clears its deadline (with this lock) before it closes the socket, so the
            # socket shut here is still the one that was late.
            expired = [connection for connection, deadline in self._deadlines.items() if deadline <= now]
            for connection in expired:
                del self._deadlines[connection]
                _stop_reading(connection)

    def set_idle(self, connection: Any, idle: bool) -> None:
        """Mark ``connection`` as waiting for a request's first line (its worker could serve someone else)."""
        with self._deadline_lock:
            if idle:
                self._idle_connections[connection] = time.monotonic()
            else:
                self._idle_connections.pop(connection, None)

    def _free_idle_workers(self, every: bool = False) -> None:
        """Close the connection that has waited longest for its next request (``every``: all of them), so
        that a new connection gets a worker: otherwise clients that keep connections open hold every worker
        while others wait. One at a time, as each closed one may be about to send a request it must retry."""
        with self._deadline_lock:
            if every:
                chosen = list(self._idle_connections)
            elif self._idle_connections:
                chosen = [min(self._idle_connections, key=self._idle_connections.__getitem__)]
            else:
                chosen = []
            for connection in chosen:
                del self._idle_connections[connection]
                _stop_reading(connection)

    def process_request(self, request: Any, client_address: Any) -> None:
        # The slot taken here (at most max_workers connections) is given back by the worker when it is done.
        if not self.workers.acquire(blocking=False):
            self._free_idle_workers()
            while not self.workers.acquire(timeout=POLL_INTERVAL_SEC):
                if self.stopping:
                    self.shutdown_request(request)
                    return
                self._cut_expired()
                self._free_idle_workers()
        with self._pool_lock:
            if self._idle:
                # An idle worker is reserved for this connection, so no connection waits while one is free.
                self._idle -= 1
                self._jobs.put((request, client_address))
                return
            self._worker_count += 1
        threading.Thread(
            target=self._work, args=((request, client_address),), name="psopenapi-serve-worker", daemon=True
        ).start()

    def _work(self, job: tuple[Any, Any] | None) -> None:
        while job is not None:
            request, client_address = job
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - socketserver's own convention: report and go on
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)
                with self._pool_lock:
                    closed = self._closed
                    if not closed:
                        self._idle += 1
                self.workers.release()
            # After server_close nobody hands out jobs: a worker that finishes then ends, not waits for ever.
            job = None if closed else self._jobs.get()
        with self._pool_lock:
            self._worker_count -= 1

    def server_close(self) -> None:
        """Stop taking connections, then let the requests being served finish (their access-log lines are
        written after their answers) for up to ``drain_timeout_sec``; idle kept-alive connections close."""
        self.stopping = True
        super().server_close()
        if not hasattr(self, "_pool_lock"):
            return  # the bind failed (socketserver closes the socket then): no worker was ever started
        with self._pool_lock:
            self._closed = True
            idle, self._idle = self._idle, 0
        for _ in range(idle):
            self._jobs.put(None)
        self._free_idle_workers(every=True)
        deadline = time.monotonic() + self.drain_timeout_sec
        while time.monotonic() < deadline:
            with self._pool_lock:
                if self._worker_count == 0:
                    return
            self._free_idle_workers(every=True)  # a connection that went idle since
            self._cut_expired()  # and reads past their deadline: the accept loop that cut them has stopped
            time.sleep(0.01)


class WSGIServer6(WSGIServer, HTTPServer6):
    pass


def make_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    read_timeout_sec: float = DEFAULT_READ_TIMEOUT_SEC,
    idle_timeout_sec: float = DEFAULT_IDLE_TIMEOUT_SEC,
    max_workers: int = DEFAULT_MAX_WORKERS,
) -> WSGIServer:
    """A bound (not yet serving) threaded server for ``app``; call ``serve_forever()`` or use :func:`serve_in_thread`.

    ``read_timeout_sec`` bounds the wait for any part of a request, ``idle_timeout_sec`` how long a kept-alive
    connection may wait for its next one; at most ``max_workers`` connections are served at once.

    Raises:
        ApiValueError, ApiTypeError: an empty host, a port outside 0-65535.
        OSError: the address cannot be listened on (the port is taken, the host does not resolve).
    """
    check_listen_address(host, port)
    if not callable(app):
        raise invalid_type("app", app, "a WSGI application (a callable taking environ and start_response)")
    for name, value in (("read_timeout_sec", read_timeout_sec), ("idle_timeout_sec", idle_timeout_sec)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise invalid_type(name, value, "a number of seconds")
        if not 0 < value < math.inf:
            raise invalid_value(name, value, "Must be a number of seconds above 0.")
    if isinstance(max_workers, bool) or not isinstance(max_workers, int):
        raise invalid_type("max_workers", max_workers, "an integer")
    if max_workers < 1:
        raise out_of_range("max_workers", max_workers, minimum=1)
    cls = WSGIServer6 if ":" in host else WSGIServer
    server = cls((host, port), ConnectionHandler)
    server.application = app
    server.read_timeout_sec = read_timeout_sec
    server.idle_timeout_sec = idle_timeout_sec
    server.workers = threading.BoundedSemaphore(max_workers)
    return server


def serve_in_thread(server: WSGIServer) -> threading.Thread:
    """Serve in a daemon thread (stop it with :func:`stop_server`).

    Raises:
        RuntimeError: the server was stopped (make a new one with :func:`make_server`).
    """
    if server.stopping:
        raise RuntimeError("This server was stopped; make a new one with make_server().")
    server.started = True
    thread = threading.Thread(
        target=server.serve_forever, args=(POLL_INTERVAL_SEC,), name="psopenapi-serve", daemon=True
    )
    thread.start()
    return thread


def stop_server(server: WSGIServer, thread: threading.Thread | None = None) -> None:
    """Stop a server started by :func:`serve_in_thread` (or never started) and close its socket; stopping
    it again does nothing."""
    server.stopping = True
    if server.started:
        # shutdown() waits for serve_forever to end: only a server that serves (or is about to) can.
        server.shutdown()
        server.started = False
    if thread is not None:
        thread.join(5)
    server.server_close()


def _stop_reading(connection: Any) -> None:
    """End a blocked read on ``connection`` as if the client had stopped sending (an answer can still go out)."""
    try:
        connection.shutdown(socket.SHUT_RD)
    except OSError:
        pass
