"""The MockServer: its options, its life cycle, and the checks every request passes before its route."""

from __future__ import annotations

import hmac
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Iterable
from email.message import Message
from typing import Any
from urllib.parse import unquote

from .. import _redact
from .._redact import MARKER as REDACTED
from .._runtime import parse_mode
from ..exceptions import ApiValueError, invalid_type, invalid_value, out_of_range
from ._answers import BETA_PATHS, CALLS_PATH, ROUTES, act_on_call, create_call, minted_key, retired_beta_error
from ._bodies import json_object
from ._calls import CallBook, MockCall, new_call_id
from ._errors import Answer, MockError
from ._http import (
    DEFAULT_MAX_WORKERS,
    DEFAULT_READ_TIMEOUT_SEC,
    POLL_INTERVAL_SEC,
    Framing,
    HTTPServer,
    HTTPServer6,
    RequestHandler,
    check_listen_address,
    path_only,
)
from ._recording import (
    RecordedRequest,
    open_record_file,
    parsed_body,
    redact_headers,
    token_digest,
    token_fingerprint,
)

logger = logging.getLogger("psopenapi_py.mock_server")

#: An action on a call: the call id (percent-encoded, one path segment) and the action.
_CALL_ACTION = re.compile(re.escape(CALLS_PATH) + r"/([^/]+)/(accept|reject|refer|hangup)")
#: How many requests ``MockServer.requests`` keeps by default.
DEFAULT_HISTORY = 1000
#: How many ephemeral keys are remembered before the expired ones are first dropped.
_PRUNE_KEYS_AT = 1024


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
        sip_calls: ids of incoming SIP calls to know from the start (state ``incoming``), as the
            ``realtime.call.incoming`` webhook would announce them; more with :meth:`add_sip_call`.
        retired_beta: answer the beta paths (``/realtime/sessions``, ``/realtime/transcription_sessions``)
            as OpenAI does today: 400 with code ``beta_api_shape_disabled``.
        lenient: accept request fields the spec does not declare (as the live API takes fields newer
            than the spec); every declared field is still checked as strictly. Off by default: an
            unknown key is a 400 ``unknown_parameter``, as the spec says.
        history: how many requests ``requests`` keeps (the latest ones; default 1,000), so a long-running
            server's memory stays bounded. ``record`` still gets every request.
        read_timeout_sec: a connection that sends nothing for this long (mid-request or idle) is closed.
        max_workers: at most this many connections are served at once (one thread each); more wait
            in the listen backlog until one ends.

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
        sip_calls: Iterable[str] = (),
        retired_beta: bool = False,
        lenient: bool = False,
        history: int = DEFAULT_HISTORY,
        read_timeout_sec: float = DEFAULT_READ_TIMEOUT_SEC,
        max_workers: int = DEFAULT_MAX_WORKERS,
    ):
        check_listen_address(host, port)
        if api_key is not None and (not isinstance(api_key, str) or not api_key):
            raise invalid_value(
                "api_key",
                None,
                "expected None or a non-empty string.",
                show_value=False,
                expected="None or a non-empty string",
            )
        _require_int("fail_first", fail_first, 0, None)
        _require_int("fail_status", fail_status, 400, 599)
        if retry_after is not None:
            _require_number("retry_after", retry_after)
        _require_number("latency_ms", latency_ms)
        if record is not None and not isinstance(record, (str, os.PathLike)):
            raise _bad_argument("record", record, "None or a file path")
        if isinstance(sip_calls, (str, bytes)) or not isinstance(sip_calls, Iterable):
            raise invalid_type("sip_calls", sip_calls, "a list of call ids")
        if not isinstance(retired_beta, bool):
            raise invalid_type("retired_beta", retired_beta, "True or False")
        if not isinstance(lenient, bool):
            raise invalid_type("lenient", lenient, "True or False")
        _require_int("history", history, 0, None)
        _require_number("read_timeout_sec", read_timeout_sec)
        if read_timeout_sec == 0:
            raise _bad_argument("read_timeout_sec", read_timeout_sec, "a finite number > 0")
        _require_int("max_workers", max_workers, 1, None)
        self.host = host
        self.history = history
        self.read_timeout_sec = float(read_timeout_sec)
        self.max_workers = max_workers
        self.api_key = api_key
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.latency_ms = latency_ms
        self.record = record
        self.retired_beta = retired_beta
        self.lenient = lenient
        self._calls = CallBook()
        for call_id in sip_calls:
            self._add_sip_call(call_id, "sip_calls")
        #: The latest requests received (at most ``history``), in order of arrival.
        self.requests: list[RecordedRequest] = []
        self._requested_port = port
        self._lock = threading.Lock()
        self._failures_done = 0
        #: SHA-256 digest of each ephemeral key minted -> its expiry (unix seconds); never the key itself.
        self._ephemeral_keys: dict[str, int] = {}
        self._prune_keys_at = _PRUNE_KEYS_AT
        self._httpd: HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle --------------------------------------------------------------------------------

    def bind(self) -> MockServer:
        """Open the listening socket (``url`` is known from here on) without serving yet."""
        if self._httpd is None:
            cls = HTTPServer6 if ":" in self.host else HTTPServer
            httpd = cls((self.host, self._requested_port), RequestHandler)
            httpd.mock = self
            httpd.workers = threading.BoundedSemaphore(self.max_workers)
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
        httpd.stopping = True
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

    # -- calls ---------------------------------------------------------------------------------------

    def add_sip_call(self, call_id: str | None = None) -> str:
        """Register an incoming SIP call (state ``incoming``) and return its id; a fresh ``rtc_...`` id by default.

        This is what the ``realtime.call.incoming`` webhook announces: the call can then be accepted,
        rejected, referred and hung up through the API.

        Raises:
            ApiValueError: the id is empty or already known; ApiTypeError: it is not a string.
        """
        return self._add_sip_call(new_call_id() if call_id is None else call_id, "call_id")

    def _add_sip_call(self, call_id: Any, parameter: str) -> str:
        if not isinstance(call_id, str):
            raise invalid_type(parameter, call_id, "a call id string")
        if not call_id:
            raise _bad_argument(parameter, call_id, "a non-empty call id")
        try:
            return self._calls.add_sip_call(call_id)
        except ValueError:
            raise _bad_argument(parameter, call_id, "a call id the server does not know yet") from None

    @property
    def calls(self) -> dict[str, MockCall]:
        """Every call the server knows, by id: WebRTC calls it created and SIP calls registered with it."""
        return self._calls.snapshot()

    # -- answering ---------------------------------------------------------------------------------

    def _answer(self, method: str, raw_path: str, headers: Message, framing: Framing) -> Answer:
        """The answer to one request, errors included (no I/O here)."""
        try:
            # Request bodies are parsed strictly either way; lenient only keeps keys the spec lacks.
            with parse_mode(False, keep_unknown_keys=self.lenient):
                return self._checked_answer(method, path_only(raw_path), headers, framing)
        except MockError as error:
            return error.to_answer()

    def _checked_answer(self, method: str, path: str, headers: Message, framing: Framing) -> Answer:
        """The answer to a request that passes every check, else raise the MockError of the first that fails."""
        route = path.rstrip("/") or "/"
        json_route = ROUTES.get(route)
        call_action = _CALL_ACTION.fullmatch(route)
        if json_route is None and call_action is None and route != CALLS_PATH:
            raise MockError(404, f"Invalid URL ({method} {path})")
        if method != "POST":
            raise MockError(405, f"Invalid method {method} for {path}: use POST.", headers={"Allow": "POST"})
        if framing.problem is not None:
            raise framing.problem
        self._maybe_fail()
        # The spec's bare-offer form of /realtime/calls is meant for a browser holding an ephemeral key.
        self._check_auth(headers.get("Authorization"), ephemeral_ok=route == CALLS_PATH)
        if self.retired_beta and route in BETA_PATHS:
            raise retired_beta_error(route)
        if route == CALLS_PATH:
            return create_call(self._calls, headers, framing.body)
        if call_action is not None:
            call_id, action = unquote(call_action.group(1)), call_action.group(2)
            return act_on_call(self._calls, call_id, action, headers, framing.body)
        assert json_route is not None
        answer = json_route(json_object(headers, framing.body))
        self._remember_ephemeral_key(answer)
        return Answer(200, answer)

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

    def _check_auth(self, authorization: str | None, ephemeral_ok: bool = False) -> None:
        """Raise a 401 MockError unless the request carries an acceptable bearer key.

        With ``ephemeral_ok``, a live ephemeral key this server minted is acceptable too.
        """
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
            if ephemeral_ok and self._is_live_ephemeral_key(token):
                return
            # The real API echoes part of the key here; the mock never repeats a secret.
            raise MockError(
                401,
                "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )

    def _remember_ephemeral_key(self, answer: Any) -> None:
        """Note the ephemeral key an answer carries (by its digest only) until it expires."""
        minted = minted_key(answer)
        if minted is not None:
            value, expires_at = minted
            with self._lock:
                if len(self._ephemeral_keys) >= self._prune_keys_at:
                    # Expired keys are dropped now and then (amortised), so a long-running server stays small.
                    now = _now()
                    self._ephemeral_keys = {k: t for k, t in self._ephemeral_keys.items() if t > now}
                    self._prune_keys_at = max(_PRUNE_KEYS_AT, 2 * len(self._ephemeral_keys))
                self._ephemeral_keys[token_digest(value)] = expires_at

    def _is_live_ephemeral_key(self, token: str) -> bool:
        with self._lock:
            expires_at = self._ephemeral_keys.get(token_digest(token))
        return expires_at is not None and expires_at > _now()

    def _record(
        self, method: str, raw_path: str, headers: Message, body: bytes | None, status: int, request_id: str
    ) -> None:
        """Append the request to ``requests`` and, with ``record``, to the JSON-lines file."""
        entry = RecordedRequest(
            method=method,
            path=_redact.url(raw_path),
            headers=redact_headers(headers),
            body=parsed_body(headers, body),
            status=status,
            request_id=request_id,
            token_fingerprint=token_fingerprint(headers.get("Authorization")),
        )
        with self._lock:
            self.requests.append(entry)
            if len(self.requests) > self.history:
                del self.requests[: len(self.requests) - self.history]
            if self.record is not None:
                # Each line is written as its request arrives: the file, not memory, holds the full history.
                try:
                    with open_record_file(self.record) as out:
                        out.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
                except OSError as exc:
                    logger.warning("could not append to the record file %s: %s", os.fspath(self.record), exc)


def _now() -> float:
    """The current unix time (one name, so tests can move the clock of ephemeral keys)."""
    return time.time()


def _bad_argument(name: str, value: Any, expected: str) -> ApiValueError:
    """The ApiValueError for a bad constructor argument."""
    return invalid_value(name, value, f"Must be {expected}.", expected=expected)


def _require_int(name: str, value: Any, minimum: int, maximum: int | None) -> None:
    """Raise unless the value is an int (not a bool) within the bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_type(name, value, "an integer")
    if value < minimum or (maximum is not None and value > maximum):
        raise out_of_range(name, value, minimum=minimum, maximum=maximum)


def _require_number(name: str, value: Any) -> None:
    """Raise unless the value is a finite number >= 0 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_type(name, value, "a number")
    if not math.isfinite(value) or value < 0:
        raise out_of_range(name, value, minimum=0)
