"""The one HTTP path every API function uses: auth, headers, retries, error mapping and logging.

This is the only module that imports ``requests``, and it does so on the first call, so that
``import psopenapi_py`` stays cheap for scripts that only build models.
"""

from __future__ import annotations

import http
import math
import os
import platform
import random
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta, timezone
from typing import TYPE_CHECKING, Any

from . import __version__, _redact
from ._log import logger
from .configuration import ENV_ORG_ID, ENV_PROJECT_ID, Configuration, check_header, is_loopback_url
from .exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    CaseInsensitiveHeaders,
    MissingCredentialsError,
    exception_class_for_status,
)

if TYPE_CHECKING:
    import requests


#: A server's wait hint is honoured up to this many seconds; a longer one means "do not retry".
MAX_RETRY_AFTER_SEC = 120.0
#: Our own backoff never waits longer than this between two attempts.
MAX_BACKOFF_SEC = 8.0
#: Up to this share of the backoff is taken off at random, so that clients do not retry in step.
BACKOFF_JITTER = 0.25
RETRY_STATUSES = frozenset({408, 409, 429})
#: Exponents beyond this no longer change the capped backoff; it keeps 2**n from overflowing a float.
_MAX_BACKOFF_EXPONENT = 32
# Every HTTP-date format (RFC 9110 5.6.7) starts with the day name.
_DAY_NAMES = frozenset(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
CHUNK_BYTES = 64 * 1024


class TransportResponse:
    """A completed HTTP exchange: status, reason, headers, the body text and the requests response."""

    __slots__ = ("body", "headers", "raw", "reason", "status")

    def __init__(self, status: int, reason: str, headers: dict[str, str], body: str, raw: Any):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.raw = raw


# --------------------------------------------------------------------------------------------------
# Retry decisions: pure functions, the clock and the dice passed in.


def parse_retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, else ``retry-after`` in seconds or as
    an HTTP date), or None when there is no usable hint. ``now`` is the current Unix time."""
    lowered = {k.lower(): v for k, v in headers.items()}
    ms = _plausible_seconds(lowered.get("retry-after-ms"), scale=1000.0)
    if ms is not None:
        return ms
    value = lowered.get("retry-after")
    if value is None:
        return None
    seconds = _plausible_seconds(value)
    if seconds is not None:
        return seconds
    words = value.split(None, 1)
    # email.utils skips any word ending in a comma, so "Zun, 29 Sep ..." would pass as a date.
    if not words or words[0].rstrip(",").lower() not in _DAY_NAMES:
        return None
    import email.utils  # only HTTP dates need it, and it costs ~5 ms at import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return float(when.timestamp()) - now


def _plausible_seconds(value: str | None, scale: float = 1.0) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value) / scale
    except ValueError:
        return None
    if not math.isfinite(seconds):
        return None
    try:
        timedelta(seconds=seconds)  # beyond what time arithmetic can hold is no real wait
    except OverflowError:
        return None
    return seconds


def retry_delay(
    retries_done: int,
    headers: Mapping[str, str],
    retry_interval_sec: float,
    *,
    now: float,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """How long to wait before the next attempt, or None when the server's wait is too long to honour."""
    hint = parse_retry_after(headers, now)
    if hint is not None and 0 < hint <= MAX_RETRY_AFTER_SEC:
        return hint
    if hint is not None and hint > MAX_RETRY_AFTER_SEC:
        return None
    exponent = min(max(retries_done, 0), _MAX_BACKOFF_EXPONENT)
    backoff = min(retry_interval_sec * 2.0**exponent, MAX_BACKOFF_SEC)
    return backoff * (1 - BACKOFF_JITTER * rand())


def should_retry(status: int, headers: Mapping[str, str]) -> tuple[bool, str]:
    """Whether a response status is worth another attempt, and why (for the debug log)."""
    hint = next((v for k, v in headers.items() if k.lower() == "x-should-retry"), None)
    if hint is not None and hint.strip().lower() == "true":
        return True, "x-should-retry: true"
    if hint is not None and hint.strip().lower() == "false":
        return False, "x-should-retry: false"
    if status in RETRY_STATUSES:
        return True, f"status {status}"
    if status >= 500:
        return True, f"status {status}"
    return False, f"status {status} is not retried"


# --------------------------------------------------------------------------------------------------


def user_agent() -> str:
    """The User-Agent sent on every call: ``psopenapi_py/<version> python/<x.y> requests/<version>``."""
    import requests

    major, minor, _patch = platform.python_version_tuple()
    return f"psopenapi_py/{__version__} python/{major}.{minor} requests/{requests.__version__}"


def build_headers(
    configuration: Configuration,
    operation: str,
    *,
    content_type: str | None = "application/json",
    accept: str = "application/json",
) -> dict[str, str]:
    """The headers of a call: content types, User-Agent, bearer token, OpenAI org/project, default headers last.

    ``content_type`` None sends no Content-Type (a call without a body).

    Raises:
        MissingCredentialsError: no token anywhere (and no Authorization default header).
        ApiValueError: the token or an environment header value cannot be sent.
    """
    token = configuration.effective_access_token()
    # A snapshot: another thread may be changing the live map while this call is built. The map can
    # also have been edited in place, past the checks done on assignment, so check it again here.
    defaults = dict(configuration.default_headers)
    for name, value in defaults.items():
        check_header(name, value, "default_headers")
    # A default Authorization header would replace ours anyway, so it counts as a credential.
    authorized_by_default = any(k.lower() == "authorization" for k in defaults)
    if not token and not authorized_by_default:
        raise MissingCredentialsError(
            f"No API key for {operation}: set get_configuration().access_token, call "
            "set_configuration(access_token=...), or set the OPENAI_API_KEY environment variable.",
            parameter="access_token",
            value=None,
            expected="an API key",
        )
    headers = {"Content-Type": content_type} if content_type else {}
    headers["Accept"] = accept
    headers["User-Agent"] = user_agent()
    if token:
        headers["Authorization"] = f"Bearer {token}"
        logger.debug("Using Bearer authentication in %s", operation)
    for variable, header in ((ENV_ORG_ID, "OpenAI-Organization"), (ENV_PROJECT_ID, "OpenAI-Project")):
        from_env = os.environ.get(variable)
        if from_env:
            check_header(header, from_env, variable)
            headers[header] = from_env
    # Default headers come last and win over everything, Authorization included, as in the module.
    # Header names are case-insensitive: "authorization" must replace "Authorization", not join it.
    for name, value in defaults.items():
        for existing in [k for k in headers if k.lower() == name.lower()]:
            del headers[existing]
        headers[name] = value
    return headers


def _keep_headers(prepared: Any) -> Any:
    # Passed as requests' auth=: with any auth given, requests neither reads ~/.netrc nor the URL's
    # user:password, either of which would replace our Authorization header with Basic credentials.
    return prepared


def _session(configuration: Configuration) -> requests.Session:
    session = getattr(configuration._local, "session", None)
    if session is None:
        import requests

        session = requests.Session()
        configuration._local.session = session
    return session


def _proxy_environment_in_use() -> bool:
    """Whether requests' own look-up of the environment could find a proxy (or a no-proxy rule).

    requests reads the proxy variables on every call by walking the whole environment several times
    (about 100 µs with 40 variables, a quarter of a loopback call). Where proxies come only from
    ``*_proxy`` variables, one walk over the names tells whether that look-up can find anything.
    """
    if sys.platform in ("darwin", "win32"):
        return True  # system proxy settings exist there besides the environment
    return any(name[-6:].lower() == b"_proxy" for name in os.environb)


def _proxies(configuration: Configuration) -> dict[str, str] | None:
    proxy = configuration.proxy
    if proxy is None:
        return None
    if isinstance(proxy, str):
        return {"http": proxy, "https": proxy}
    return dict(proxy)


def request(
    configuration: Configuration,
    method: str,
    path: str,
    *,
    operation: str,
    body: bytes,
    content_type: str | None = "application/json",
    accept: str = "application/json",
    sleep: Callable[[float], None] = time.sleep,
) -> TransportResponse:
    """Send one API call with retries; return the 2xx response or raise the mapped exception.

    ``body`` goes out as ``content_type`` (None with an empty body: no Content-Type at all); the
    answer's body comes back as text whatever its type (JSON, SDP or nothing).

    Raises:
        MissingCredentialsError, ApiValueError: nothing could be sent (no token, a bad header or base URL).
        ApiException (a status subclass): a non-2xx answer, after the retries it allows.
        ApiConnectionError, ApiTimeoutError: no answer, after the configured retries.
    """
    import requests

    headers = build_headers(configuration, operation, content_type=content_type, accept=accept)
    secrets = _redact.secrets_of_headers(headers)
    url = configuration.effective_base_url() + path
    shown_url = _redact.url(url)
    attempts = configuration.maximum_retry_count + 1
    session = _session(configuration)
    timeout = (configuration.connect_timeout_sec, configuration.timeout_sec)
    verify: bool | str = not configuration.skip_certificate_check
    proxies = _proxies(configuration)
    limit = configuration.max_response_bytes
    # Without any proxy variable, requests' environment pass would only pick up a CA bundle: do
    # just that here and skip the rest (see _proxy_environment_in_use); the outcome is the same.
    # Loopback never goes through a proxy from the environment: it would carry the bearer key to
    # the proxy, and a local mock would fail whenever that proxy is down.
    session.trust_env = _proxy_environment_in_use() and not (proxies is None and is_loopback_url(url))
    if verify is True and not session.trust_env:
        verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    for attempt in range(1, attempts + 1):
        logger.debug("%s %s attempt %d of %d", method, shown_url, attempt, attempts)
        failure: ApiConnectionError | None = None
        try:
            raw = session.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                verify=verify,
                proxies=proxies,
                stream=True,
                allow_redirects=False,
                auth=_keep_headers,
            )
            text = _read_body(raw, configuration.timeout_sec, shown_url, limit)
        except _TooLarge as exc:
            raise _too_large_error(raw, shown_url, limit, exc.unpacked) from None
        except requests.exceptions.SSLError as exc:
            raise ApiConnectionError(f"TLS failure talking to {shown_url}: {_reason(exc)}") from exc
        except requests.exceptions.Timeout as exc:
            failure = ApiTimeoutError(f"Timed out talking to {shown_url} (attempt {attempt} of {attempts}).")
            failure.__cause__ = exc
        except _BodyTimeout as exc:
            failure = ApiTimeoutError(f"Timed out reading the answer of {shown_url} (attempt {attempt} of {attempts}).")
            failure.__cause__ = exc
        except requests.exceptions.ProxyError as exc:
            # Not the target refusing: the proxy failed, and the target was never reached.
            proxy = configuration.effective_proxy(url)
            shown_proxy = _redact.url(proxy) if proxy else "from the environment"
            failure = ApiConnectionError(
                f"Connection to the proxy {shown_proxy} failed: {_reason(exc)} (attempt {attempt} of {attempts}); "
                f"{shown_url} was not reached."
            )
            failure.__cause__ = exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            # A read timeout inside the body stream reaches us as a ConnectionError from requests.
            failure = (ApiTimeoutError if _caused_by_timeout(exc) else ApiConnectionError)(
                f"Connection to {shown_url} failed: {_reason(exc)} (attempt {attempt} of {attempts})."
            )
            failure.__cause__ = exc
        except requests.exceptions.RequestException as exc:
            # Not a network failure (a header or URL requests refuses, a body it cannot decode):
            # sending the same request again cannot help.
            raise ApiConnectionError(f"Request to {shown_url} failed: {_reason(exc)}.") from exc
        if failure is not None:
            logger.debug("%s %s failed: %s", method, shown_url, type(failure).__name__)
            _clear_frames(failure.__cause__)
            if attempt < attempts:
                delay = retry_delay(attempt - 1, {}, configuration.retry_interval_sec, now=time.time())
                logger.debug("retrying after %.3f s: %s", delay, type(failure).__name__)
                sleep(delay or 0.0)
                continue
            try:
                raise failure
            finally:
                failure = None  # else this frame and the exception hold each other (and the session)
        status = raw.status_code
        reason = raw.reason or _standard_reason(status)
        response_headers = CaseInsensitiveHeaders(raw.headers)
        logger.debug("%s %s answered %d", method, shown_url, status)
        if 200 <= status < 300:
            return TransportResponse(status, reason, response_headers, text, raw)
        retry, why = should_retry(status, response_headers)
        now = time.time()
        delay = retry_delay(attempt - 1, response_headers, configuration.retry_interval_sec, now=now)
        note = None
        if retry and delay is None:
            wait = parse_retry_after(response_headers, now) or 0.0
            why = f"the server asked to wait {wait:g} s, more than the {MAX_RETRY_AFTER_SEC:g} s this client waits"
            retry = False
            if attempt < attempts:
                note = f"not retried: {why}"
        if retry and attempt < attempts:
            logger.debug("retrying after %.3f s: %s", delay, why)
            sleep(delay or 0.0)
            continue
        logger.debug("not retrying: %s", why if not retry else "no attempts left")
        if 300 <= status < 400:
            location = response_headers.get("Location")
            where = f"to {_redact.text(_redact.url(location), secrets)}" if location else "(no Location header)"
            note = f"the redirect {where} was not followed: API calls never follow redirects"
        raise _status_error(status, reason, response_headers, text, secrets, note)
    raise AssertionError("unreachable")  # pragma: no cover


def _clear_frames(exc: BaseException | None) -> None:
    """Drop the local variables of every frame in an exception's tracebacks, causes and contexts included.

    urllib3 keeps the exceptions it catches in local variables, so its frames and those exceptions
    form cycles that keep the connection pool, and its open sockets, alive until a garbage-collector
    run. Without the locals the cycles are gone; the tracebacks still print in full.
    """
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        current = todo.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)  # the frame still running is skipped
        # urllib3 and requests also carry the underlying error in args and in .reason.
        todo += [*current.args, current.__cause__, current.__context__, getattr(current, "reason", None)]


def _standard_reason(status: int) -> str:
    # HTTP/2 gateways and some servers send no reason phrase; the message still needs words.
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _status_error(
    status: int, reason: str, headers: dict[str, str], body: str, secrets: list[str], note: str | None = None
) -> ApiException:
    # The body, and so error_details and the message, lose any secret the server echoed back.
    body, reason = _redact.text(body, secrets), _redact.text(reason, secrets)
    cls = exception_class_for_status(status)
    error = cls(status, reason, headers=headers, body=body)
    if note is None:
        return error
    # A redirect's body is usually a placeholder: the message says what happened instead.
    detail = "" if 300 <= status < 400 else f" ({note})"
    message = f"({status}) {reason}: {note}." if not detail else f"{error}{detail}"
    return cls(status, reason, headers=headers, body=body, message=message)


def _caused_by_timeout(exc: BaseException) -> bool:
    import urllib3.exceptions

    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, urllib3.exceptions.NewConnectionError):
            return False  # a subclass of ConnectTimeoutError in urllib3, yet a refusal, not a timeout
        if isinstance(current, (TimeoutError, urllib3.exceptions.TimeoutError)):
            return True
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return False


class _BodyTimeout(Exception):
    pass


class _TooLarge(Exception):
    def __init__(self, unpacked: bool):
        super().__init__("unpacked" if unpacked else "received")
        self.unpacked = unpacked


def _too_large_error(raw: Any, shown_url: str, limit: int, unpacked: bool) -> ApiException:
    status = raw.status_code
    reason = raw.reason or _standard_reason(status)
    cls = ApiException if 200 <= status < 300 else exception_class_for_status(status)
    what = "unpacks to more than" if unpacked else "is larger than"
    return cls(
        status,
        reason,
        headers=CaseInsensitiveHeaders(raw.headers),
        body=None,
        message=f"({status}) {reason}: the answer of {shown_url} {what} max_response_bytes ({limit} bytes); "
        "it was not read further and the call was not retried.",
    )


def _read_body(raw: Any, timeout_sec: float, shown_url: str, limit: int) -> str:
    # requests' read timeout is per socket read, so a server trickling bytes could hold a call
    # forever; the whole body must arrive within the read timeout. The size is checked as the body
    # streams in, so an endless or bomb-like answer is dropped after `limit` bytes, never held whole.
    deadline = time.monotonic() + timeout_sec
    chunks = []
    size = 0
    try:
        declared = raw.headers.get("Content-Length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            raise _TooLarge(unpacked=False)
        tell = getattr(raw.raw, "tell", None)  # bytes received, before gzip/deflate is undone
        for chunk in _body_chunks(raw):
            size += len(chunk)
            if (tell() if tell is not None else size) > limit:
                raise _TooLarge(unpacked=False)
            if size > limit:
                raise _TooLarge(unpacked=True)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _BodyTimeout(f"body of {shown_url} still arriving after {timeout_sec} s")
    finally:
        raw.close()
    data = b"".join(chunks)
    encoding = _charset(raw.headers.get("Content-Type", "")) or "utf-8"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _charset(content_type: str) -> str | None:
    # Only an explicit charset counts: requests would assume ISO-8859-1 for any text/* answer
    # without one, garbling the UTF-8 that JSON APIs and their gateways actually send.
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _body_chunks(raw: Any) -> Iterator[bytes]:
    # iter_content reads with urllib3's read(amt), which waits for a full chunk: a server sending
    # one byte per second would hold each read (and so the call) far past the deadline. read1
    # returns whatever has arrived, so the deadline is checked after every packet.
    import requests
    import urllib3.exceptions

    read1 = getattr(raw.raw, "read1", None)
    if read1 is None:  # urllib3 1.x: small reads keep the overrun small instead
        yield from raw.iter_content(1024)
        return
    try:
        while True:
            chunk = read1(CHUNK_BYTES, decode_content=True)
            if not chunk:
                return
            yield chunk
    # The same translation iter_content does, so the caller sees requests' exceptions either way.
    except urllib3.exceptions.ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except urllib3.exceptions.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except urllib3.exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc


def _reason(exc: BaseException) -> str:
    # requests nests the useful words deep inside urllib3's exception text.
    text = str(exc)
    tunnel = re.search(r"Tunnel connection failed: [^'\"()]*", text)
    if tunnel:  # the proxy answered CONNECT with an error status (407, 403, 502...)
        return tunnel.group(0).strip().rstrip(".").lower()
    for marker in ("Connection refused", "Connection reset", "Name or service not known", "Remote end closed"):
        if marker.lower() in text.lower():
            return marker.lower()
    cause = exc
    while cause.__context__ is not None and cause.__context__ is not cause:
        cause = cause.__context__
    return type(cause).__name__ if cause is not exc else type(exc).__name__


def api_exception_from_2xx(response: TransportResponse, problem: str) -> ApiException:
    """An ApiException for a 2xx answer that cannot be used, keeping the raw body."""
    return ApiException(
        response.status,
        response.reason,
        headers=response.headers,
        body=response.body,
        message=f"({response.status}) {response.reason}: {problem}",
    )
