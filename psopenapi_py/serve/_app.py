"""The WSGI application: routes, caller checks, CORS, rate limit, upstream calls and the access log."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import quote, urljoin

from .. import _redact
from ..configuration import Configuration
from ..exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    invalid_type,
)
from ._config import ServeConfig, _with_path, load_config, parse_config, resolve_hook
from ._demo import DEMO_PATH, demo_page
from ._limits import Metrics, RateLimiter
from ._requests import (
    forwarded_ip,
    header_text,
    host_name,
    ip_spelling,
    is_loopback,
    request_host,
    same_origin,
    sent_as,
)
from ._strict_json import MAX_DIGITS, DuplicateKey, LongNumber, NotANumber, find_path, long_number, strict_loads
from ._webhook import EventRefused, SeenIds, WebhookRefused, decide, incoming_call, verify

logger = logging.getLogger("psopenapi_py.serve")

StartResponse = Callable[..., Any]
_JSON = "application/json"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SDP = "application/sdp"
_CORS_HEADERS = "Authorization, Content-Type"


class _Reply:
    """One answer: status, headers and body; ``data``, for a JSON answer, what its body encodes."""

    def __init__(
        self, status: int, body: bytes, content_type: str | None = _JSON, headers: Iterable[tuple[str, str]] = ()
    ):
        self.status = status
        self.body = body
        self.headers = [*([("Content-Type", content_type)] if content_type else []), *headers]
        self.data: Any = None


def _json(status: int, data: Any, headers: Iterable[tuple[str, str]] = ()) -> _Reply:
    reply = _Reply(status, json.dumps(data, separators=(",", ":")).encode(), _JSON, headers)
    reply.data = data
    return reply


def _redacted(data: Any, secrets: list[str]) -> Any:
    """``data`` with every string in it redacted (before it is encoded: see ServeApp._log)."""
    if isinstance(data, str):
        return _redact.text(data, secrets)
    if isinstance(data, dict):
        return {key: _redacted(value, secrets) for key, value in data.items()}
    if isinstance(data, list):
        return [_redacted(value, secrets) for value in data]
    return data


def _error(status: int, message: str, code: str, headers: Iterable[tuple[str, str]] = (), **extra: Any) -> _Reply:
    return _json(status, {"error": {"message": message, "code": code, **extra}}, headers)


_PHRASES = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    411: "Length Required",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class _Answer:
    """The body of one answer, as the WSGI server gets it. Its ``close()``, which the server calls once the
    answer is sent (PEP 3333), writes the access-log line, so the line costs the caller no time."""

    __slots__ = ("_app", "_body", "_entry")

    def __init__(self, body: bytes, app: ServeApp, entry: tuple[Any, ...] | None):
        self._body = body
        self._app = app
        self._entry = entry

    def __iter__(self) -> Iterator[bytes]:
        yield self._body

    def close(self) -> None:
        entry, self._entry = self._entry, None
        if entry is not None:
            self._app._log(*entry)


class ServeApp:
    """The WSGI application made by :func:`create_app`; ``metrics`` holds its counters."""

    def __init__(self, config: ServeConfig, *, demo: bool = False):
        self.config = config
        self.demo = demo
        self.metrics = Metrics(config.metrics_dir)
        #: Whether the warning that /metrics is per process under a multi-process server was given.
        self._warned_per_process = config.metrics_dir is not None
        self._secrets = config.secrets()
        # What an upstream answer is scanned for (ServeApp._unless_leaking): the secrets redaction looks for
        # too; a shorter one (a very short bearer token) could be any word of an answer.
        self._secret_bytes = [s.encode() for s in self._secrets if s and len(s) >= _redact.MIN_SECRET_LENGTH]
        self._upstream = Configuration(
            access_token=config.api_key,
            base_url=config.base_url if config.base_url is not None else None,
            timeout_sec=config.timeout_sec,
            maximum_retry_count=config.retries,
        )
        self._limiter = RateLimiter(config.rate_capacity, config.rate_per_sec) if config.rate_capacity else None
        self._seen = SeenIds(config.webhook_replay_memory)
        self._token_request = functools.lru_cache(maxsize=1024)(self._build_token_request)
        self._hook: Callable[[dict[str, Any]], Any] | None = None
        if config.auth_hook is not None:
            self._hook = resolve_hook(config.auth_hook)
        if config.auth_none:
            logger.warning(
                "psopenapi serve: WARNING: caller authentication is OFF (auth.none): only loopback clients are "
                "served; anyone on this machine can mint keys on your account."
            )
        paths = config.paths
        self._routes: dict[str, tuple[str, Callable[[dict[str, Any], bytes, str], _Reply]]] = {
            paths["token"]: ("POST", self._token),
            paths["session"]: ("POST", self._session),
            paths["webhook"]: ("POST", self._webhook),
        }

    # -- WSGI ---------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> _Answer:
        started = time.perf_counter()
        if not self._warned_per_process and environ.get("wsgi.multiprocess"):
            self._warned_per_process = True
            logger.warning(
                "psopenapi serve: this WSGI server runs several processes; /metrics shows the counts of the one "
                "that answers (set metrics_dir in the configuration to add them up)."
            )
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "") or "/"
        remote = self._client_address(environ)
        environ["psopenapi.caller"] = "-"
        try:
            reply = self._dispatch(environ, method, path, remote)
        except Exception as exc:  # noqa: BLE001 - one request's bug must answer 500, not break the server
            self._log_error("psopenapi serve: %s on %s %s", type(exc).__name__, method, path)
            reply = _error(500, "The server failed on this request.", "server_error")
        if reply.status >= 400 and reply.data is not None:
            # An error echoes what the caller sent (a rejected value, say): no secret goes back out in it.
            reply.body = json.dumps(_redacted(reply.data, self._secrets), separators=(",", ":")).encode()
        elif path == self.config.paths["webhook"]:
            # Its acknowledgement echoes the call id the event carried (/token and /session check their own).
            reply = self._unless_leaking(reply, method, path)
        origin = environ.get("HTTP_ORIGIN")
        if (
            origin
            and origin in self.config.cors_origins
            and path in (self.config.paths["token"], self.config.paths["session"])
        ):
            reply.headers += [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
            exposed = [name for name, _ in reply.headers if name in ("Location", "Retry-After")]
            if exposed:
                # A page on another origin reads these (the call's Location, when to retry) only when exposed.
                reply.headers.append(("Access-Control-Expose-Headers", ", ".join(exposed)))
        body = reply.body if method != "HEAD" else b""
        if reply.status != 204:  # a 204 has no content, so no length either (RFC 9110, 8.6)
            reply.headers.append(("Content-Length", str(len(reply.body))))
        reply.headers.append(("Cache-Control", "no-store"))
        start_response(f"{reply.status} {_PHRASES.get(reply.status, 'Status')}", reply.headers)
        entry = None
        if logger.isEnabledFor(logging.INFO):
            entry = (method, path, remote, environ["psopenapi.caller"], reply.status, len(body), started)
        return _Answer(body, self, entry)

    def _unless_leaking(self, reply: _Reply, method: str, path: str) -> _Reply:
        """``reply``, or a 502 when it holds a secret of this server (only an upstream that echoes what it
        was sent could put one there: its answer is not passed on)."""
        shown = reply.body + "\n".join(value for _, value in reply.headers).encode("latin-1", "replace")
        if not any(secret in shown for secret in self._secret_bytes):
            return reply
        self._log_error("psopenapi serve: the answer to %s %s held a secret of this server; 502 instead", method, path)
        self.metrics.upstream_error("unusable_answer")
        return _error(
            502, "The Realtime API's answer held a secret of this server; it is not passed on.", "upstream_leak"
        )

    def _log_error(self, message: str, *args: Any) -> None:
        """An error line, through the redaction module like the access log (a path or a call id the caller
        chose might carry a secret)."""
        if logger.isEnabledFor(logging.ERROR):
            line = _redact.text(message % args, self._secrets)
            # A control character (a newline in a call id) would start a line of its own: it is escaped.
            logger.error("%s", _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line))

    def _cut(self, text: str, size: int = 100) -> str:
        """``text`` redacted, then cut to ``size`` characters (cut first, part of a secret would stay)."""
        return self.redact(text)[:size]

    def redact(self, text: str) -> str:
        """``text`` with every secret this app holds (and anything shaped like a key) hidden."""
        return _redact.text(text, self._secrets)

    def _log(self, method: str, path: str, remote: str, caller: str, status: int, size: int, started: float) -> None:
        # The texts a caller chose are redacted as they are, before JSON escapes them: an escape would hide a
        # key's start (a tab before it becomes "\t", and "t" joins the key) or be cut by the marker. In one
        # pass when NUL (no key character, in no secret) can keep them apart: none of them holds one.
        texts = (method, path, remote, caller)
        joined = "\0".join(texts)
        if joined.count("\0") == 3:
            method, path, remote, caller = _redact.text(joined, self._secrets).split("\0")
        else:
            method, path, remote, caller = (_redact.text(t, self._secrets) for t in texts)
        line = json.dumps(
            {
                "time": round(time.time(), 3),
                "remote": remote,
                "caller": caller,
                "method": method,
                "path": path,
                "status": status,
                "bytes": size,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
            separators=(",", ":"),
        )
        # As logger.info("%s", line) does, without the look up the stack for the caller's file and line,
        # which an access line has no use for and which costs a few microseconds a request.
        logger.handle(logger.makeRecord(logger.name, logging.INFO, "(access log)", 0, "%s", (line,), None))

    def _dispatch(self, environ: dict[str, Any], method: str, path: str, remote: str) -> _Reply:
        paths = self.config.paths
        if path == paths["healthz"]:
            return _json(200, {"status": "ok"}) if method in ("GET", "HEAD") else _not_allowed("GET, HEAD")
        if path == paths["metrics"]:
            if method not in ("GET", "HEAD"):
                return _not_allowed("GET, HEAD")
            return _Reply(200, self.metrics.render().encode(), "text/plain; version=0.0.4; charset=utf-8")
        if self.demo and path == DEMO_PATH:
            if method not in ("GET", "HEAD"):
                return _not_allowed("GET, HEAD")
            return _Reply(200, demo_page(paths["token"], paths["session"]).encode(), "text/html; charset=utf-8")
        route = self._routes.get(path)
        if route is None:
            return _error(404, f"Nothing is served at {path}.", "not_found")
        allowed, handler = route
        browser_facing = path != paths["webhook"]
        if method == "OPTIONS" and browser_facing:
            return self._preflight(environ)
        if method != allowed:
            # Browser-facing paths also answer CORS preflights.
            return _not_allowed(f"{allowed}, OPTIONS" if browser_facing else allowed)
        if browser_facing:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin not in self.config.cors_origins and not same_origin(environ, origin):
                self.metrics.add("callers_refused")
                return _error(403, "This origin is not allowed.", "origin_not_allowed")
            caller = self._caller(environ, remote)
            if caller is None:
                # Refused callers share a bucket per address: guessing tokens is limited like minting keys.
                limited = self._rate_limited("refused:" + remote)
                if limited is not None:
                    return limited
                self.metrics.add("callers_refused")
                return _error(401, "Authentication required.", "unauthorized", [("WWW-Authenticate", "Bearer")])
            environ["psopenapi.caller"] = caller
            limited = self._rate_limited(caller)
            if limited is not None:
                return limited
        if browser_facing and environ.get("QUERY_STRING"):
            # Nothing is read from the query string: a parameter there would be dropped without a word.
            return _error(
                400,
                f"{path} reads no query parameters; send them in the body.",
                "unexpected_query",
            )
        body = self._read_body(environ)
        if isinstance(body, _Reply):
            return body
        return handler(environ, body, remote)

    def _rate_limited(self, key: str) -> _Reply | None:
        """The 429 for ``key`` when its bucket is empty (a token taken otherwise); None without a limit."""
        if self._limiter is None:
            return None
        wait = self._limiter.admit(key)
        if wait <= 0:
            return None
        self.metrics.add("rate_limited")
        # At most a day: a bucket refilled very slowly (or never) is not worth waiting for.
        retry = str(max(1, math.ceil(min(wait, 86400.0))))
        return _error(429, "Too many requests; retry later.", "rate_limited", [("Retry-After", retry)])

    def _preflight(self, environ: dict[str, Any]) -> _Reply:
        origin = environ.get("HTTP_ORIGIN")
        method = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if not origin or origin not in self.config.cors_origins or method != "POST":
            self.metrics.add("callers_refused")
            return _error(403, "This origin or method is not allowed.", "origin_not_allowed")
        return _Reply(
            204,
            b"",
            None,
            [
                ("Access-Control-Allow-Methods", "POST"),
                ("Access-Control-Allow-Headers", _CORS_HEADERS),
                ("Access-Control-Max-Age", "600"),
            ],
        )

    def _read_body(self, environ: dict[str, Any]) -> bytes | _Reply:
        if not environ.get("CONTENT_LENGTH") and environ.get("HTTP_TRANSFER_ENCODING"):
            return self._read_chunked(environ)
        raw = environ.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            return _error(400, "Content-Length is not a number.", "bad_request")
        if length < 0:
            return _error(400, "Content-Length is negative.", "bad_request")
        if length > self.config.max_body_bytes:
            return _error(413, f"The body is larger than {self.config.max_body_bytes} bytes.", "body_too_large")
        stream = environ.get("wsgi.input")
        if stream is None or not length:
            return b""
        try:
            data = bytes(stream.read(length))
        except TimeoutError:
            return _error(408, "The request body did not arrive in time.", "request_timeout")
        except OSError:
            # The caller stopped sending before its Content-Length (it closed its side), or went away.
            return _error(400, f"The body ended before its {length} bytes (Content-Length).", "incomplete_body")
        except Exception:  # noqa: BLE001 - a server's own error for a body it cannot read is the request's fault
            return _error(400, "The request body could not be read as framed.", "bad_body")
        if len(data) < length:
            # A server that hands over what arrived (gunicorn, when the client stops): a cut offer is no offer.
            return _error(
                400, f"The body ended after {len(data)} of its {length} bytes (Content-Length).", "incomplete_body"
            )
        return data

    def _read_chunked(self, environ: dict[str, Any]) -> bytes | _Reply:
        """A body sent without Content-Length (chunked, as a browser streams it): read when the server
        marks its end (``wsgi.input_terminated``, as gunicorn does), up to the size limit; else 411."""
        stream = environ.get("wsgi.input")
        if stream is None or not environ.get("wsgi.input_terminated"):
            return _error(411, "Send the body with a Content-Length header.", "length_required")
        limit = self.config.max_body_bytes
        try:
            data = bytes(stream.read(limit + 1))
        except OSError:
            return _error(408, "The request body did not arrive in time.", "request_timeout")
        except Exception:  # noqa: BLE001 - gunicorn's errors for a malformed chunk: the request's fault, not ours
            return _error(400, "The chunked request body is malformed.", "bad_body")
        if len(data) > limit:
            return _error(413, f"The body is larger than {limit} bytes.", "body_too_large")
        return data

    # -- callers ------------------------------------------------------------------------------------

    def _client_address(self, environ: dict[str, Any]) -> str:
        """The caller's address; behind a trusted proxy, also the scheme the proxy was reached with."""
        remote = str(environ.get("REMOTE_ADDR") or "-")
        # (Without trusted proxies there is nothing to compare: no address is parsed on each request.)
        if not self.config.trusted_proxies or ip_spelling(remote) not in self.config.trusted_proxies:
            return remote
        # The last value: the one the trusted proxy added (a client may have sent one before it).
        proto = str(environ.get("HTTP_X_FORWARDED_PROTO", "")).split(",")[-1].strip().lower()
        if proto in ("http", "https"):
            # The scheme the page was served with, behind a TLS proxy we trust (for the same-origin check).
            environ["psopenapi.scheme"] = proto
        forwarded = environ.get("HTTP_X_FORWARDED_FOR") or ""
        # The rightmost address not added by a proxy we trust is the client's.
        nearest = remote
        for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
            address = forwarded_ip(hop)
            if address is None:
                # Not an address: the hop that wrote it is the nearest one known (so no caller picks a bucket).
                return nearest
            if address not in self.config.trusted_proxies:
                return address
            nearest = address
        return remote

    def _caller(self, environ: dict[str, Any], remote: str) -> str | None:
        """Who is calling (an identity for the log and the rate limit), or None when refused."""
        config = self.config
        if config.bearer_tokens:
            scheme, _, token = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token:
                return None
            found = False
            for known in config.bearer_tokens:
                found |= hmac.compare_digest(token.encode(), known.encode())
            return "token:" + hashlib.sha256(token.encode()).hexdigest()[:12] if found else None
        if self._hook is not None:
            try:
                identity = self._hook(environ)
            except Exception as exc:  # noqa: BLE001 - a hook that fails refuses the caller, as a check must fail closed
                # Its message is not logged: it may hold what the caller sent (a token).
                logger.error("psopenapi serve: auth.hook raised %s: the caller is refused.", type(exc).__name__)
                return None
            if identity is True:
                return remote
            if not isinstance(identity, str) or not identity:
                if identity is not None and identity is not False:
                    # Outside the hook's contract: refused, as a caller check must fail closed.
                    logger.error(
                        "psopenapi serve: auth.hook returned %s, not an identity (a non-empty string), True, None "
                        "or False: the caller is refused.",
                        "an empty string" if identity == "" else "a value of type " + type(identity).__name__,
                    )
                return None
            if len(identity) > 64:
                # Shortened for the log, kept distinct for the rate limit.
                # Shortened ones have a prefix of their own, so no short identity can pose as one.
                # Redacted before it is cut, so no part of a secret in it reaches the log.
                digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:12]
                return "hook#" + self.redact(identity)[:48] + "~" + digest
            return "hook:" + identity
        # The Host too: a page on another site whose name was rebound to 127.0.0.1 reaches this server
        # from loopback, but asks for its own host name.
        host = host_name(request_host(environ) or str(environ.get("SERVER_NAME") or ""))
        if any(environ.get(h) for h in ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP", "HTTP_VIA")):
            # Forwarded by a proxy (one on this machine makes every client look like loopback): not a local
            # caller, whatever its address.
            return None
        return remote if is_loopback(remote) and (host == "localhost" or is_loopback(host)) else None

    # -- upstream -----------------------------------------------------------------------------------

    def _upstream_failure(self, exc: Exception) -> _Reply:
        if isinstance(exc, ApiTimeoutError):
            self.metrics.upstream_error("timeout")
            return _error(504, "The Realtime API did not answer in time.", "upstream_timeout")
        if isinstance(exc, ApiConnectionError):
            self.metrics.upstream_error("connection")
            return _error(502, "The Realtime API could not be reached.", "upstream_unreachable")
        assert isinstance(exc, ApiException)
        if exc.status is not None and 200 <= exc.status < 300:
            # A success status with a body that is not what the call answers (no key, no SDP, not JSON).
            self.metrics.upstream_error("unusable_answer")
            return _error(
                502,
                f"The Realtime API answered {exc.status}, but not with what this call returns.",
                "upstream_unusable_answer",
                upstream_status=exc.status,
            )
        self.metrics.upstream_error(str(exc.status))
        extra: dict[str, Any] = {"upstream_status": exc.status}
        error = exc.error_details.get("error") if isinstance(exc.error_details, dict) else None
        if isinstance(error, dict):
            # What the API said (an offer it refused, say), so the caller can tell; redacted with the answer.
            shown = {k: error[k][:300] for k in ("message", "code", "param") if isinstance(error.get(k), str)}
            if shown:
                extra["upstream_error"] = shown
        headers = []
        wait = _retry_after_seconds(exc.headers)
        if wait is not None:
            headers.append(("Retry-After", str(wait)))  # the API's own advice on when to try again
        return _error(502, f"The Realtime API answered {exc.status}.", "upstream_error", headers, **extra)

    def _bad_input(self, exc: Exception) -> _Reply:
        parameter = getattr(exc, "parameter", None)
        return _error(400, _redact.text(str(exc), self._secrets), "invalid_request", param=parameter)

    def _build_token_request(self, ttl: int, picks: tuple[tuple[str, int], ...]) -> bytes:
        """The client-secret request body for this TTL and these overrides (indexes into their allowed
        values), checked as new_realtime_client_secret checks a dict and sent as written.

        Made once per combination and then reused (``_token_request`` caches it), so a /token call does not
        check the whole template again.
        """
        from .._realtime_sessions import client_secret_body

        session = self.config.session
        for name, index in picks:
            session = _with_path(session, name, self.config.overrides[name][index])
        return client_secret_body({"expires_after": {"anchor": "created_at", "seconds": ttl}, "session": session})

    # -- endpoints ----------------------------------------------------------------------------------

    def _token(self, environ: dict[str, Any], body: bytes, remote: str) -> _Reply:
        from .._realtime_sessions import post_client_secret_body

        config = self.config
        if body.strip():
            if not sent_as(environ, _JSON):
                return _error(
                    415,
                    "Send the body as JSON with Content-Type: application/json (UTF-8), or send no body.",
                    "unsupported_media_type",
                )
        try:
            # UTF-8 only (a byte-order mark aside): json.loads would also take UTF-16 and UTF-32 bytes.
            text = body.decode("utf-8-sig")
            asked = strict_loads(text) if text.strip() else {}
        except DuplicateKey as exc:
            return _error(
                400, f"'{exc.key[:100]}' is given twice in the body.", "duplicate_parameter", param=exc.key[:100]
            )
        except LongNumber:
            where = find_path(text, "the body", long_number) or "the body"
            return _error(
                400, f"{where[:100]} has a number of more than {MAX_DIGITS} digits.", "invalid_json", param=where[:100]
            )
        except NotANumber as exc:
            said = "is not a JSON number" if exc.text in ("NaN", "Infinity", "-Infinity") else "is beyond any number"
            return _error(400, f"{self._cut(exc.text)} {said}.", "invalid_json")
        except UnicodeDecodeError:
            return _error(400, "The body is not UTF-8 text.", "invalid_json")
        except RecursionError:
            return _error(400, "The body is JSON nested too deeply.", "invalid_json")
        except ValueError:
            return _error(400, "The body is not JSON.", "invalid_json")
        if not isinstance(asked, dict):
            return _error(400, "The body must be a JSON object.", "invalid_json")
        ttl = config.ttl_default
        picks: list[tuple[str, int]] = []
        allowed_names = ["ttl_sec", *config.overrides]
        for name, value in asked.items():
            if name == "ttl_sec":
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int)
                    or not config.ttl_min <= value <= config.ttl_max
                ):
                    return _error(
                        400,
                        f"Invalid value for 'ttl_sec': {self._cut(json.dumps(value))}. Must be an integer >= {config.ttl_min} and <= {config.ttl_max}.",
                        "invalid_value",
                        param="ttl_sec",
                    )
                ttl = value
            elif name in config.overrides:
                choices = config.overrides[name]
                index = next((i for i, a in enumerate(choices) if _same_json(a, value)), None)
                if index is None:
                    shown = ", ".join(json.dumps(a) for a in choices)
                    return _error(
                        400,
                        f"Invalid value for '{name}': {self._cut(json.dumps(value))}. Allowed values: {shown}.",
                        "invalid_value",
                        param=name,
                    )
                picks.append((name, index))
            else:
                return _error(
                    400,
                    f"'{self._cut(name)}' may not be set here. Allowed fields: {', '.join(allowed_names)}.",
                    "unknown_parameter",
                    param=self._cut(name),
                )
        try:
            request = self._token_request(ttl, tuple(picks))
        except (ApiValueError, ApiTypeError) as exc:
            # Each allowed value makes a valid session with the template (checked at load), and so does each
            # pair of them; these values together do not.
            names = ", ".join(name for name, _ in picks)
            return _error(
                400,
                f"These overrides, each allowed, make together a session that cannot be sent: {names}. "
                + _redact.text(str(exc), self._secrets),
                "invalid_combination",
                param=names,
            )
        try:
            response, minted = post_client_secret_body(request, self._upstream)
        except (ApiValueError, ApiTypeError) as exc:
            return self._bad_input(exc)
        except (ApiException, ApiConnectionError) as exc:
            return self._upstream_failure(exc)
        answer: dict[str, Any] = {"value": minted.value, "expires_at": minted.expires_at}
        if config.include_session:
            # As the API sent it, whole: fields newer than this version's models included.
            session = json.loads(response.body).get("session")
            if session is not None:
                answer["session"] = session
        reply = self._unless_leaking(_json(200, answer), "POST", str(environ.get("PATH_INFO", "")))
        if reply.status == 200:
            self.metrics.add("keys_minted")  # only a key the caller gets
        return reply

    def _session(self, environ: dict[str, Any], body: bytes, remote: str) -> _Reply:
        from ..realtime_api import new_realtime_call

        if not sent_as(environ, _SDP):
            return _error(
                415,
                "Send the SDP offer with Content-Type: application/sdp (UTF-8; no other charset).",
                "unsupported_media_type",
            )
        if not body.strip():
            return _error(400, "The SDP offer is empty: send it as the request body.", "invalid_sdp")
        try:
            offer = body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, "The SDP offer is not UTF-8 text.", "invalid_sdp")
        try:
            answer = new_realtime_call(offer, self.config.session, with_http_info=True, configuration=self._upstream)
        except (ApiValueError, ApiTypeError) as exc:
            return self._bad_input(exc)
        except (ApiException, ApiConnectionError) as exc:
            return self._upstream_failure(exc)
        headers = []
        location = _call_location(self._upstream.effective_base_url(), answer.headers.get("Location"))
        if location:
            headers.append(("Location", location))
        reply = self._unless_leaking(_Reply(201, answer.response.encode(), _SDP, headers), "POST", environ["PATH_INFO"])
        if reply.status == 201:
            self.metrics.add("offers_relayed")  # only an answer the caller gets
        return reply

    def _webhook(self, environ: dict[str, Any], body: bytes, remote: str) -> _Reply:
        from ..realtime_api import deny_realtime_call, receive_realtime_call

        config = self.config
        if config.webhook_secret is None:
            return _error(404, "No webhook secret is configured.", "not_found")
        headers = {
            name: header_text(environ, "HTTP_" + name.upper().replace("-", "_"))
            for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
        }
        try:
            webhook_id = verify(config.webhook_secret, headers, body, tolerance_sec=config.webhook_tolerance_sec)
        except WebhookRefused as exc:
            self.metrics.add("webhooks_refused")
            return _error(exc.status, str(exc), "invalid_webhook")
        environ["psopenapi.caller"] = "openai-webhook"  # signed with the webhook secret: it is OpenAI
        if not self._seen.first_time(webhook_id):
            self.metrics.add("webhooks_refused")
            return _error(400, "This webhook-id was already delivered.", "webhook_replayed")
        checked = incoming_call(body)
        if isinstance(checked, EventRefused):
            # Forgotten, so a corrected delivery under this id is acted on.
            self._seen.forget(webhook_id)
            self.metrics.add("webhooks_refused")
            return _error(400, str(checked), checked.code)
        if checked is None:
            return _json(200, {"received": True, "action": "ignored"})
        call_id, sip = checked
        action, status = decide(config.rules, sip, (config.default_action, config.default_status))
        try:
            if action == "accept":
                receive_realtime_call(call_id, config.session, configuration=self._upstream)
            else:
                deny_realtime_call(call_id, {"status_code": status}, configuration=self._upstream)
        except (ApiValueError, ApiTypeError) as exc:
            self._seen.forget(webhook_id)
            return self._bad_input(exc)
        except ApiException as exc:
            if exc.status in (404, 409):
                # The call is gone or already answered: a retry of this delivery cannot do better, so it is
                # acknowledged (with what the API said), not failed for OpenAI to send again and again.
                self.metrics.upstream_error(str(exc.status))
                self._log_error(
                    "psopenapi serve: %s of call %s: the Realtime API answered %s; acknowledged, not retried",
                    action,
                    call_id[:100],
                    exc.status,
                )
                return _json(
                    200,
                    {"received": True, "action": action, "call_id": call_id, "upstream_status": exc.status},
                )
            # Forgotten, so that OpenAI's retry of this delivery is acted on.
            self._seen.forget(webhook_id)
            return self._upstream_failure(exc)
        except ApiConnectionError as exc:
            self._seen.forget(webhook_id)
            return self._upstream_failure(exc)
        self.metrics.add("calls_accepted" if action == "accept" else "calls_rejected")
        answer: dict[str, Any] = {"received": True, "action": action, "call_id": call_id}
        if action == "reject":
            answer["status_code"] = status
        return _json(200, answer)


def _call_location(base_url: str, location: str | None) -> str | None:
    """The call's Location at the Realtime API, absolute (a relative one would be read against this server)
    and safe to send on; None, with an error logged, when the API's header is no usable URL."""
    if not location:
        return None
    try:
        # HTTP libraries give a header's bytes as latin-1 characters: UTF-8 ones are read as such, so that
        # they are percent-encoded once.
        location = location.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    try:
        absolute = urljoin(base_url + "/", location)
    except ValueError:
        absolute = ""
    # Any character outside printable ASCII is percent-encoded; a control character means it is no URL.
    if not absolute or any(ord(c) < 0x20 or ord(c) == 0x7F for c in absolute):
        logger.error("psopenapi serve: the Realtime API's Location header is no URL; the answer goes without it.")
        return None
    return quote(absolute, safe="!#$%&'()*+,/:;=?@[]~")


def _retry_after_seconds(headers: Any) -> int | None:
    """An upstream answer's Retry-After (``retry-after-ms`` too; seconds or any HTTP date form) as whole
    seconds from now, read by the package's one parser of it, if it is one and at most a day; else None."""
    from .._transport import parse_retry_after

    try:
        wait = parse_retry_after(dict(headers), time.time())
    except (TypeError, ValueError, OverflowError):
        return None
    if wait is None or wait > 86400:
        return None
    return max(0, math.ceil(wait))  # a date already past: at once


def _same_json(allowed: Any, given: Any) -> bool:
    """Whether ``given`` is ``allowed`` as JSON: equal, and of the same JSON types all the way down (Python's
    ``1 == True == 1.0`` would let a caller's ``1`` pass for ``true``, and the configured value be sent)."""
    if type(allowed) is not type(given):
        return False
    if isinstance(allowed, dict):
        return allowed.keys() == given.keys() and all(_same_json(allowed[k], given[k]) for k in allowed)
    if isinstance(allowed, list):
        return len(allowed) == len(given) and all(_same_json(a, g) for a, g in zip(allowed, given, strict=True))
    return bool(allowed == given)


def _not_allowed(allowed: str) -> _Reply:
    first = allowed.split(",")[0]
    return _error(405, f"Use {first} here.", "method_not_allowed", [("Allow", allowed)])


def create_app(config: ServeConfig | str | os.PathLike[str] | dict[str, Any], *, demo: bool = False) -> ServeApp:
    """The WSGI application serving ``config``: a :class:`ServeConfig`, the path of its JSON file, or the
    parsed JSON as a dict (secrets then from os.environ; see :func:`parse_config` to give them otherwise).

    ``demo`` also serves the example browser page at ``/demo``. Under gunicorn:
    ``gunicorn 'psopenapi_py.serve:app_from_env()'`` with ``PSOPENAPI_SERVE_CONFIG`` naming the file.

    Raises:
        ApiValueError, ApiTypeError: a bad configuration, naming the field; ``config`` of another type.
    """
    if isinstance(config, (str, os.PathLike)):
        config = load_config(config)
    elif isinstance(config, dict):
        config = parse_config(config)
    elif not isinstance(config, ServeConfig):
        raise invalid_type("config", config, "a ServeConfig, the path of a JSON configuration file, or a dict")
    return ServeApp(config, demo=demo)
