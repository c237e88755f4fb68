"""An OpenAI-compatible mock of the Realtime API on loopback, for offline dry runs, tests and notebooks.

    with MockServer(api_key="sk-example") as server:
        os.environ["OPENAI_BASE_URL"] = server.url      # http://127.0.0.1:<port>/v1
        session = new_realtime_session(...)
        server.requests[-1].body                          # exactly what was sent

It answers like the real API: ``Authorization: Bearer`` checked, bodies validated strictly against the
spec (answering 400 with ``param`` naming the offending field), errors in OpenAI's JSON shape, an
``x-request-id`` on every response. Fault injection (``fail_first``, ``retry_after``, ``latency_ms``)
rehearses retries. The endpoints live in :data:`ROUTES` (path -> handler); a new endpoint is one entry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import secrets
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from . import __version__
from ._log import logger as _package_logger  # noqa: F401 - its NullHandler covers this module's logger
from ._runtime import REDACTED, Model
from ._wire_check import check_wire_letter
from .exceptions import ApiTypeError, ApiValueError
from .models.realtime_sessions import RealtimeSessionCreateRequest

__all__ = [
    "MAX_BODY_BYTES",
    "ROUTES",
    "MockError",
    "MockServer",
    "RecordedRequest",
    "create_realtime_client_secret",
    "create_realtime_session",
    "token_fingerprint",
]

logger = logging.getLogger("psopenapi_py.mock_server")

#: Request bodies larger than this are answered 413.
MAX_BODY_BYTES = 1024 * 1024
#: A body up to this size is read and thrown away before a 413, so the client sees the answer rather
#: than a connection reset; anything larger is answered at once and the connection closed.
MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES
#: Ephemeral keys expire this many seconds after they are minted, as the real API's do.
EPHEMERAL_KEY_TTL_SEC = 60
#: How often the serving thread checks whether it was asked to stop (shutdown waits at most this long).
POLL_INTERVAL_SEC = 0.05

#: Request headers whose values are never recorded or logged.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "api-key", "x-api-key", "openai-api-key"}
)

#: What the session answer holds for settings the request left out. Where the spec's descriptions
#: state a default it is used (temperature 0.8, "inf" tokens, server VAD 0.5 / 300 ms / 500 ms);
#: the rest follows OpenAI's example answer. Transcription ("defaults to off") and instructions are
#: left out of the answer, which keeps every default answer valid against the response schema.
SESSION_DEFAULTS: Mapping[str, Any] = {
    "modalities": ["text", "audio"],
    "voice": "alloy",
    "input_audio_format": "pcm16",
    "output_audio_format": "pcm16",
    "tools": [],
    "tool_choice": "auto",
    "temperature": 0.8,
    "max_response_output_tokens": "inf",
}
TURN_DETECTION_DEFAULTS: Mapping[str, Any] = {
    "type": "server_vad",
    "threshold": 0.5,
    "prefix_padding_ms": 300,
    "silence_duration_ms": 500,
    "create_response": True,
}
#: Key order of OpenAI's example session object.
_SESSION_KEY_ORDER = (
    "id",
    "object",
    "model",
    "modalities",
    "instructions",
    "voice",
    "input_audio_format",
    "output_audio_format",
    "input_audio_transcription",
    "turn_detection",
    "tools",
    "tool_choice",
    "temperature",
    "max_response_output_tokens",
    "client_secret",
)


class MockError(Exception):
    """An error answer of the mock, in OpenAI's shape: status, message, ``param``, ``code`` and ``type``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        type: str | None = None,  # noqa: A002 - OpenAI's field name
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.type = type or ("server_error" if status >= 500 else "invalid_request_error")
        self.headers = dict(headers or {})

    def to_dict(self) -> dict[str, Any]:
        """The JSON error body: ``{"error": {"message", "type", "param", "code"}}``."""
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


@dataclass(frozen=True)
class RecordedRequest:
    """One request the mock received: method, path, headers (secrets redacted), parsed body, and its answer.

    ``body`` is the parsed JSON when the body was JSON, else its text, else None (empty or too large).
    ``token_fingerprint`` tells bearer tokens apart without keeping them (see :func:`token_fingerprint`).
    """

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int
    request_id: str
    token_fingerprint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (one line of ``--record``)."""
        return {
            "method": self.method,
            "path": self.path,
            "headers": dict(self.headers),
            "body": self.body,
            "status": self.status,
            "request_id": self.request_id,
            "token_fingerprint": self.token_fingerprint,
        }


# --------------------------------------------------------------------------------------------------
# Endpoints


def create_realtime_session(data: dict[str, Any]) -> dict[str, Any]:
    """Answer ``POST /v1/realtime/sessions``: check the body strictly, return a session with a fresh key.

    Raises:
        MockError: 400 naming the offending parameter when the body does not follow the spec.
    """
    request = _strict_parse(RealtimeSessionCreateRequest, data)
    given = request.to_dict()
    session: dict[str, Any] = {
        "id": "sess_" + secrets.token_hex(12),
        "object": "realtime.session",
        **SESSION_DEFAULTS,
        **{k: v for k, v in given.items() if k != "turn_detection"},
    }
    turn_detection = given.get("turn_detection", {})
    # Explicit null switches voice detection off; an object gets the settings it left out filled in.
    session["turn_detection"] = None if turn_detection is None else {**TURN_DETECTION_DEFAULTS, **turn_detection}
    session["client_secret"] = {
        "value": "ek_" + secrets.token_hex(16),
        "expires_at": int(time.time()) + EPHEMERAL_KEY_TTL_SEC,
    }
    return {k: session[k] for k in _SESSION_KEY_ORDER if k in session}


#: GA client secrets live this long unless ``expires_after.seconds`` says otherwise (the API's default).
CLIENT_SECRET_TTL_SEC = 600
#: What a GA realtime session answer holds for settings the request left out: OpenAI's example answer
#: (``output_modalities ["audio"]``, voice ``alloy``, server VAD, PCM 24 kHz both ways).
GA_SESSION_DEFAULTS: Mapping[str, Any] = {
    "model": "gpt-realtime",
    "output_modalities": ["audio"],
    "tools": [],
    "tool_choice": "auto",
    "max_output_tokens": "inf",
    "tracing": None,
    "truncation": "auto",
    "prompt": None,
}
GA_PCM_FORMAT: Mapping[str, Any] = {"type": "audio/pcm", "rate": 24000}
GA_SERVER_VAD_DEFAULTS: Mapping[str, Any] = {
    "type": "server_vad",
    "threshold": 0.5,
    "prefix_padding_ms": 300,
    "silence_duration_ms": 200,
    "idle_timeout_ms": None,
    "create_response": True,
    "interrupt_response": True,
}
GA_SEMANTIC_VAD_DEFAULTS: Mapping[str, Any] = {
    "type": "semantic_vad",
    "eagerness": "auto",
    "create_response": True,
    "interrupt_response": True,
}
#: Key order of OpenAI's example GA session object.
_GA_SESSION_KEY_ORDER = (
    "type",
    "object",
    "id",
    "model",
    "output_modalities",
    "instructions",
    "tools",
    "tool_choice",
    "parallel_tool_calls",
    "reasoning",
    "max_output_tokens",
    "tracing",
    "truncation",
    "prompt",
    "expires_at",
    "audio",
    "include",
)


def create_realtime_client_secret(data: dict[str, Any]) -> dict[str, Any]:
    """Answer ``POST /v1/realtime/client_secrets``: check the body strictly, return a key and the session.

    The session is the one asked for with the API's defaults filled in, in the shape of OpenAI's
    example answer, and valid against the GA response schema: fields the response schema cannot hold
    as sent are adapted (a custom voice ``{"id": ...}`` comes back as its id; a left-out transcription
    or ``include`` is left out rather than sent as null).

    Raises:
        MockError: 400 naming the offending parameter when the body does not follow the GA schema.
    """
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    given = _strict_parse(RealtimeCreateClientSecretRequest, data).to_dict()
    seconds = given.get("expires_after", {}).get("seconds", CLIENT_SECRET_TTL_SEC)
    requested = given.get("session", {"type": "realtime"})
    if requested["type"] == "transcription":
        session = _ga_transcription_session(requested)
    else:
        session = _ga_realtime_session(requested)
    return {"value": "ek_" + secrets.token_hex(16), "expires_at": int(time.time()) + seconds, "session": session}


def _ga_realtime_session(requested: dict[str, Any]) -> dict[str, Any]:
    """The realtime session answer: what was asked for over GA_SESSION_DEFAULTS, audio defaults filled in."""
    session: dict[str, Any] = {
        "type": "realtime",
        "object": "realtime.session",
        "id": "sess_" + secrets.token_hex(12),
        **GA_SESSION_DEFAULTS,
        **{k: v for k, v in requested.items() if k not in ("type", "audio")},
        "expires_at": 0,  # as in OpenAI's example answer
    }
    if "tools" in requested:
        session["tools"] = [_redacted_mcp_tool(tool) for tool in requested["tools"]]
    audio = requested.get("audio", {})
    audio_in, audio_out = audio.get("input", {}), audio.get("output", {})
    voice = audio_out.get("voice", "alloy")
    session["audio"] = {
        "input": {
            "format": audio_in.get("format", dict(GA_PCM_FORMAT)),
            **({"transcription": audio_in["transcription"]} if "transcription" in audio_in else {}),
            "noise_reduction": audio_in.get("noise_reduction"),
            "turn_detection": _ga_turn_detection(audio_in),
        },
        "output": {
            "format": audio_out.get("format", dict(GA_PCM_FORMAT)),
            # The response schema takes a voice name only: a custom voice comes back as its id.
            "voice": voice["id"] if isinstance(voice, dict) else voice,
            "speed": audio_out.get("speed", 1.0),
        },
    }
    return {k: session[k] for k in _GA_SESSION_KEY_ORDER if k in session}


def _ga_turn_detection(audio_in: dict[str, Any]) -> dict[str, Any] | None:
    """The turn detection in force: null when switched off, else the asked-for kind with its defaults."""
    if "turn_detection" not in audio_in:
        return dict(GA_SERVER_VAD_DEFAULTS)
    asked = audio_in["turn_detection"]
    if asked is None:
        return None
    defaults = GA_SEMANTIC_VAD_DEFAULTS if asked.get("type") == "semantic_vad" else GA_SERVER_VAD_DEFAULTS
    return {**defaults, **asked}


def _ga_transcription_session(requested: dict[str, Any]) -> dict[str, Any]:
    """The transcription session answer, in the shape of OpenAI's transcription session example."""
    audio_in = requested.get("audio", {}).get("input", {})
    turn_detection = _ga_turn_detection(audio_in)
    if turn_detection is not None:
        # The transcription answer's turn detection holds the server VAD numbers only.
        keys = ("type", "threshold", "prefix_padding_ms", "silence_duration_ms")
        turn_detection = {k: turn_detection[k] for k in keys if k in turn_detection}
    answer_in: dict[str, Any] = {"format": audio_in.get("format", dict(GA_PCM_FORMAT))}
    if "transcription" in audio_in:
        answer_in["transcription"] = audio_in["transcription"]
    if audio_in.get("noise_reduction") is not None:
        answer_in["noise_reduction"] = audio_in["noise_reduction"]
    answer_in["turn_detection"] = turn_detection
    session: dict[str, Any] = {
        "id": "sess_" + secrets.token_hex(12),
        "type": "transcription",
        "object": "realtime.transcription_session",
        "expires_at": 0,
    }
    if "include" in requested:
        session["include"] = requested["include"]
    session["audio"] = {"input": answer_in}
    return session


#: Path -> handler for POST. A handler gets the parsed JSON object of the request and returns the JSON
#: object to answer with, or raises MockError.
ROUTES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "/v1/realtime/sessions": create_realtime_session,
    "/v1/realtime/client_secrets": create_realtime_client_secret,
}


def _strict_parse(model_cls: type[Model], data: dict[str, Any]) -> Model:
    """The package's own strict request parser, plus the spec's letter where the client is lenient."""
    try:
        # The letter check goes first so that its wording, in JSON terms ("null"), reaches the client.
        check_wire_letter(model_cls, data)
        parsed = model_cls.from_dict(data, lenient=False)
    except (ApiTypeError, ApiValueError) as exc:
        raise MockError(400, str(exc), param=exc.parameter, code=_error_code(exc)) from None
    return parsed


def _error_code(exc: ApiTypeError | ApiValueError) -> str:
    """OpenAI's error code for a parser error: unknown_parameter, missing_required_parameter, invalid_type or invalid_value."""
    # The parser's messages are PowerShell's fixed texts, so their openings tell the kinds apart.
    text = str(exc)
    if isinstance(exc, ApiTypeError):
        return "invalid_type"
    if text.startswith("Error! JSON key "):
        return "unknown_parameter"
    if text.startswith("Error! JSON cannot be serialized due to the required property"):
        return "missing_required_parameter"
    return "invalid_value"


# --------------------------------------------------------------------------------------------------
# HTTP


@dataclass
class _Framing:
    """What the handler learnt from the request's framing before any check ran."""

    body: bytes | None
    problem: MockError | None = None
    #: The body was not read (or not fully): the connection cannot carry another request.
    must_close: bool = False


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, asks the MockServer for the answer, writes it; every error goes out as JSON."""

    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = f"psopenapi-mock/{__version__}"
    # Headers and body go out in two writes; with Nagle on, a kept-alive client waits ~40 ms per answer.
    disable_nagle_algorithm = True
    _request_id: str | None = None

    def do_POST(self) -> None:
        """Answer any method: the routes decide between 404, 405 and a real answer."""
        self._request_id = "req_" + secrets.token_hex(16)
        framing = self._read_body()
        mock = self.server.mock
        try:
            status, payload, headers = mock._answer(self.command, self.path, self.headers, framing)
        except Exception as exc:  # noqa: BLE001 - a bug in a route must not kill the connection with a traceback
            logger.error("mock server failed on %s %s: %s", self.command, _path_only(self.path), type(exc).__name__)
            logger.debug("mock server failure details", exc_info=True)
            error = MockError(500, f"The mock server failed on this request ({type(exc).__name__}).")
            status, payload, headers = error.status, error.to_dict(), {}
        mock._record(self.command, self.path, self.headers, framing.body, status, self._request_id)
        if mock.latency_ms:
            time.sleep(mock.latency_ms / 1000.0)
        if framing.must_close:
            self.close_connection = True
        self._send_json(status, payload, headers)

    do_GET = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_POST

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The one error path of http.server (bad request lines, oversized headers): answered as JSON."""
        self._request_id = None  # a fresh id: this may be a later request on a kept-alive connection
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        error = MockError(code, message or phrase)
        self.close_connection = True
        self._send_json(error.status, error.to_dict(), error.headers)

    def _read_body(self) -> _Framing:
        """Read the body as Content-Length says, noting any framing problem and whether the connection must close."""
        if self.headers.get("Transfer-Encoding"):
            problem = MockError(411, "Send the request body with a Content-Length header (chunked bodies are not accepted).")
            return _Framing(None, problem, must_close=True)
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            return _Framing(b"")
        try:
            length = int(raw_length)
            if length < 0:
                raise ValueError(raw_length)
        except ValueError:
            return _Framing(None, MockError(400, f"Invalid Content-Length header: {raw_length!r}."), must_close=True)
        if length > MAX_BODY_BYTES:
            problem = MockError(
                413,
                f"The request body is {length} bytes; the limit is {MAX_BODY_BYTES} bytes (1 MiB).",
                code="request_too_large",
            )
            if length > MAX_DRAIN_BYTES:
                return _Framing(None, problem, must_close=True)
            remaining = length
            while remaining:
                chunk = self.rfile.read(min(remaining, 64 * 1024))
                if not chunk:
                    return _Framing(None, problem, must_close=True)
                remaining -= len(chunk)
            return _Framing(None, problem)
        body = self.rfile.read(length)
        if len(body) < length:
            return _Framing(None, MockError(400, "The request body ended before its Content-Length."), must_close=True)
        return _Framing(body)

    def _send_json(self, status: int, payload: Any, headers: Mapping[str, str]) -> None:
        """The one way an answer goes out: JSON, Content-Length, x-request-id, and any extra headers."""
        # A lone surrogate (an echoed "\ud800" key) cannot be UTF-8; written as its JSON escape instead.
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
        if self._request_id is None:
            self._request_id = "req_" + secrets.token_hex(16)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", self._request_id)
        for key, value in headers.items():
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
        method, path = getattr(self, "command", None) or "-", _path_only(getattr(self, "path", None) or "-")
        logger.info("%s %s %s -> %s", self.client_address[0], method, path, status)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's parameter name
        """http.server's own messages go to logging, never straight to stderr."""
        logger.info("%s %s", self.client_address[0], format % args)


def _path_only(path: str) -> str:
    """The path of a request target, without its query string."""
    return urlsplit(path).path


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 resets connections when a burst of clients connects at
    # once (16 threads starting together did); the kernel caps this at net.core.somaxconn anyway.
    request_queue_size = 128
    mock: MockServer

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host's name up in DNS, which can stall on offline machines.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is routine for a test server: no traceback on stderr.
        logger.debug("connection from %s ended with an error", client_address[0], exc_info=True)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class MockServer:
    """An OpenAI-compatible Realtime API on loopback; use it as a context manager (``server.url`` is the base URL).

    Args:
        host: the address to listen on (loopback unless you mean otherwise).
        port: the port; 0 picks a free one (read it back from ``server.url`` or ``server.port``).
        api_key: when set, only ``Authorization: Bearer <api_key>`` is accepted (401 ``invalid_api_key``
            otherwise); when None any well-formed bearer token is.
        fail_first: the first N API requests are answered with ``fail_status`` (rehearsing retries).
        fail_status: the status of those failures (400-599; default 503).
        retry_after: seconds sent in a ``retry-after`` header on those failures.
        latency_ms: every answer is delayed by this many milliseconds.
        record: a file to which every request is appended as one JSON line.

    Raises:
        ApiValueError, ApiTypeError: a bad argument, naming it.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        fail_first: int = 0,
        fail_status: int = 503,
        retry_after: float | None = None,
        latency_ms: float = 0,
        record: str | os.PathLike[str] | None = None,
    ):
        if not isinstance(host, str) or not host:
            raise _bad_argument("host", host, "a non-empty host name or address")
        _require_int("port", port, 0, 65535)
        if api_key is not None and (not isinstance(api_key, str) or not api_key):
            raise ApiValueError(
                "Invalid value for 'api_key': expected None or a non-empty string.",
                parameter="api_key",
                value=None,
                expected="None or a non-empty string",
            )
        _require_int("fail_first", fail_first, 0, None)
        _require_int("fail_status", fail_status, 400, 599)
        if retry_after is not None:
            _require_number("retry_after", retry_after)
        _require_number("latency_ms", latency_ms)
        if record is not None and not isinstance(record, (str, os.PathLike)):
            raise _bad_argument("record", record, "None or a file path")
        self.host = host
        self.api_key = api_key
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.latency_ms = latency_ms
        self.record = record
        #: Every request received, in order of arrival.
        self.requests: list[RecordedRequest] = []
        self._requested_port = port
        self._lock = threading.Lock()
        self._failures_done = 0
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle --------------------------------------------------------------------------------

    def bind(self) -> MockServer:
        """Open the listening socket (``url`` is known from here on) without serving yet."""
        if self._httpd is None:
            cls = _HTTPServer6 if ":" in self.host else _HTTPServer
            httpd = cls((self.host, self._requested_port), _Handler)
            httpd.mock = self
            self._httpd = httpd
        return self

    def start(self) -> MockServer:
        """Serve in a background thread; returns the server (``url`` is then ready to use)."""
        self.bind()
        assert self._httpd is not None
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, args=(POLL_INTERVAL_SEC,), name="psopenapi-mock", daemon=True
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C raises KeyboardInterrupt here), then close."""
        self.bind()
        assert self._httpd is not None
        try:
            self._httpd.serve_forever(POLL_INTERVAL_SEC)
        finally:
            self._httpd.server_close()
            self._httpd = None

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        httpd, thread = self._httpd, self._thread
        self._httpd, self._thread = None, None
        if httpd is None:
            return
        if thread is not None:
            httpd.shutdown()
            thread.join(5)
        httpd.server_close()

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port actually bound (useful with ``port=0``)."""
        if self._httpd is None:
            raise RuntimeError("The mock server is not running: use it as a context manager or call start().")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL to use as OPENAI_BASE_URL: ``http://<host>:<port>/v1``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/v1"

    def __repr__(self) -> str:
        where = self.url if self._httpd is not None else "not running"
        key = REDACTED if self.api_key else None
        return f"MockServer({where}, api_key={key!r}, requests={len(self.requests)})"

    # -- answering ---------------------------------------------------------------------------------

    def _answer(
        self, method: str, raw_path: str, headers: Message, framing: _Framing
    ) -> tuple[int, Any, Mapping[str, str]]:
        """The status, JSON body and extra headers for one request (no I/O here)."""
        try:
            return 200, self._checked_answer(method, _path_only(raw_path), headers, framing), {}
        except MockError as error:
            return error.status, error.to_dict(), error.headers

    def _checked_answer(self, method: str, path: str, headers: Message, framing: _Framing) -> Any:
        """The JSON answer for a request that passes every check, else raise the MockError of the first that fails."""
        route = ROUTES.get(path.rstrip("/") or "/")
        if route is None:
            raise MockError(404, f"Invalid URL ({method} {path})")
        if method != "POST":
            raise MockError(405, f"Invalid method {method} for {path}: use POST.", headers={"Allow": "POST"})
        if framing.problem is not None:
            raise framing.problem
        self._maybe_fail()
        self._check_auth(headers.get("Authorization"))
        content_type = headers.get("Content-Type")
        if content_type is None or content_type.split(";")[0].strip().lower() != "application/json":
            shown = "missing" if content_type is None else repr(content_type)
            raise MockError(415, f"Invalid Content-Type header ({shown}): expected 'application/json'.")
        try:
            data = json.loads(framing.body or b"")
        except (ValueError, RecursionError) as exc:
            raise MockError(400, f"We could not parse the JSON body of your request: {_json_problem(exc)}") from None
        if not isinstance(data, dict):
            raise MockError(400, f"Invalid body: expected a JSON object, got a JSON {_json_kind(data)}.")
        return route(data)

    def _maybe_fail(self) -> None:
        """Raise the injected failure while the first fail_first API requests are being answered."""
        with self._lock:
            if self._failures_done >= self.fail_first:
                return
            self._failures_done += 1
            attempt = self._failures_done
        headers = {}
        if self.retry_after is not None:
            headers["retry-after"] = f"{self.retry_after:g}"
        raise MockError(
            self.fail_status,
            f"Injected failure {attempt} of {self.fail_first} (fail_first): try again.",
            code="injected_failure",
            headers=headers,
        )

    def _check_auth(self, authorization: str | None) -> None:
        """Raise a 401 MockError unless the request carries an acceptable bearer key."""
        if not authorization:
            raise MockError(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            )
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            raise MockError(401, "Malformed Authorization header: expected 'Bearer YOUR_KEY'.")
        if self.api_key is not None and not hmac.compare_digest(token.encode(), self.api_key.encode()):
            # The real API echoes part of the key here; the mock never repeats a secret.
            raise MockError(
                401,
                "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )

    def _record(
        self, method: str, raw_path: str, headers: Message, body: bytes | None, status: int, request_id: str
    ) -> None:
        """Append the request to ``requests`` and, with ``record``, to the JSON-lines file."""
        entry = RecordedRequest(
            method=method,
            path=raw_path,
            headers=_redact_headers(headers),
            body=_parsed_body(body),
            status=status,
            request_id=request_id,
            token_fingerprint=token_fingerprint(headers.get("Authorization")),
        )
        with self._lock:
            self.requests.append(entry)
            if self.record is not None:
                try:
                    with open(self.record, "a", encoding="utf-8", errors="backslashreplace") as out:
                        out.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
                except OSError as exc:
                    logger.warning("could not append to the record file %s: %s", os.fspath(self.record), exc)


def token_fingerprint(authorization: str | None) -> str | None:
    """The first 12 hex digits of the SHA-256 of a bearer token, or None without one.

    Enough to tell which key a request used (``token_fingerprint("Bearer " + key)`` on the test's side),
    too little to recover any key: the token itself is never kept.
    """
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return hashlib.sha256(token.encode("utf-8", errors="replace")).hexdigest()[:12]


def _redact_headers(headers: Message) -> dict[str, str]:
    """The request headers with secret values replaced by <redacted> (the auth scheme kept)."""
    out: dict[str, str] = {}
    for key, value in headers.items():
        if key.lower() in SECRET_HEADERS:
            scheme, sep, _ = value.partition(" ")
            # Keep the scheme ("Bearer") so a recording still shows how the client authenticated.
            value = f"{scheme} {REDACTED}" if sep and key.lower().endswith("authorization") else REDACTED
        out[key] = value
    return out


def _parsed_body(body: bytes | None) -> Any:
    """The body as parsed JSON (MCP credentials redacted), else as text, else None."""
    if not body:
        return None
    try:
        return _without_mcp_credentials(json.loads(body))
    except (ValueError, RecursionError):
        return body.decode("utf-8", errors="replace")


def _without_mcp_credentials(data: Any) -> Any:
    """A GA request body with each MCP tool's ``authorization`` and ``headers`` values as <redacted>.

    They are OAuth tokens for third-party servers: recordings and answers must not carry them.
    """
    session = data.get("session") if isinstance(data, dict) else None
    tools = session.get("tools") if isinstance(session, dict) else None
    if not isinstance(session, dict) or not isinstance(tools, list):
        return data
    cleaned = [_redacted_mcp_tool(tool) for tool in tools]
    return {**data, "session": {**session, "tools": cleaned}}


def _redacted_mcp_tool(tool: Any) -> Any:
    """One tool with its MCP credentials redacted (other tools unchanged)."""
    if not isinstance(tool, dict) or tool.get("type") != "mcp":
        return tool
    out = dict(tool)
    if "authorization" in out:
        out["authorization"] = REDACTED
    if isinstance(out.get("headers"), dict):
        out["headers"] = {name: REDACTED for name in out["headers"]}
    return out


def _json_problem(exc: BaseException) -> str:
    """Where and why a body is not JSON, in one sentence."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}."
    if isinstance(exc, RecursionError):
        return "it is nested too deeply."
    return "it is not UTF-8 JSON text."


def _json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type (array, string, ...)."""
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _bad_argument(name: str, value: Any, expected: str) -> ApiValueError:
    """The ApiValueError for a bad constructor argument."""
    return ApiValueError(
        f"Invalid value for '{name}': {value!r}. Expected {expected}.", parameter=name, value=value, expected=expected
    )


def _require_int(name: str, value: Any, minimum: int, maximum: int | None) -> None:
    """Raise unless the value is an int (not a bool) within the bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiTypeError(
            f"Invalid type for '{name}': expected an integer, got {type(value).__name__} {value!r}.",
            parameter=name,
            value=value,
            expected="an integer",
        )
    if value < minimum or (maximum is not None and value > maximum):
        allowed = f"{minimum} to {maximum}" if maximum is not None else f">= {minimum}"
        raise _bad_argument(name, value, f"an integer {allowed}")


def _require_number(name: str, value: Any) -> None:
    """Raise unless the value is a finite number >= 0 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(
            f"Invalid type for '{name}': expected a number, got {type(value).__name__} {value!r}.",
            parameter=name,
            value=value,
            expected="a number",
        )
    if not math.isfinite(value) or value < 0:
        raise _bad_argument(name, value, "a finite number >= 0")
