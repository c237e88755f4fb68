"""The threaded stdlib server of ``psopenapi serve``: the mock server's bounded-worker, read-timeout server, speaking WSGI."""

from __future__ import annotations

import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler

from ..mock_server._http import (
    DEFAULT_MAX_WORKERS,
    DEFAULT_READ_TIMEOUT_SEC,
    POLL_INTERVAL_SEC,
    HTTPServer,
    HTTPServer6,
)


class _Handler(WSGIRequestHandler):
    server: WSGIServer  # type: ignore[assignment]

    def setup(self) -> None:
        # A client that stops sending is closed after the read timeout instead of holding a worker.
        super().setup()
        self.connection.settimeout(self.server.read_timeout_sec)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's parameter name
        """The application writes the access log (JSON, redacted); wsgiref's own lines are dropped."""


class WSGIServer(HTTPServer):
    """The mock server's HTTPServer (one thread per connection, at most ``max_workers``) serving a WSGI app."""

    application: Any
    read_timeout_sec: float = DEFAULT_READ_TIMEOUT_SEC
    base_environ: dict[str, Any]

    def server_bind(self) -> None:
        super().server_bind()
        self.base_environ = {
            "SERVER_NAME": self.server_name,
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PORT": str(self.server_port),
            "REMOTE_HOST": "",
            "CONTENT_LENGTH": "",
            "SCRIPT_NAME": "",
        }

    def get_app(self) -> Any:
        return self.application


class WSGIServer6(WSGIServer, HTTPServer6):
    pass


def make_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    read_timeout_sec: float = DEFAULT_READ_TIMEOUT_SEC,
    max_workers: int = DEFAULT_MAX_WORKERS,
) -> WSGIServer:
    """A bound (not yet serving) threaded server for ``app``; call ``serve_forever()`` or use :func:`serve_in_thread`."""
    cls = WSGIServer6 if ":" in host else WSGIServer
    server = cls((host, port), _Handler)
    server.application = app
    server.read_timeout_sec = read_timeout_sec
    server.workers = threading.BoundedSemaphore(max_workers)
    return server


def serve_in_thread(server: WSGIServer) -> threading.Thread:
    """Serve in a daemon thread (stop with ``server.stopping = True; server.shutdown(); server.server_close()``)."""
    thread = threading.Thread(
        target=server.serve_forever, args=(POLL_INTERVAL_SEC,), name="psopenapi-serve", daemon=True
    )
    thread.start()
    return thread


def stop_server(server: WSGIServer, thread: threading.Thread | None = None) -> None:
    """Stop a server started by :func:`serve_in_thread` and close its socket."""
    server.stopping = True
    server.shutdown()
    if thread is not None:
        thread.join(5)
    server.server_close()
