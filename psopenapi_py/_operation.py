"""What every API function does around its one HTTP call.

Resolve the configuration, check and encode the request body, send it on the one HTTP path
(``_transport``), turn a retired-beta error into :class:`BetaApiRetiredError`, parse the answer, and
wrap it for ``with_http_info``. The public functions (``_realtime_sessions``) add only their names,
paths, models and the checks of their own answers.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from . import _redact, _transport
from ._log import logger
from ._runtime import MAX_JSON_DEPTH, UNSET, Model, _to_json_value, json_too_deep, revalidate
from ._wire_check import check_wire_letter
from .configuration import Configuration, get_configuration
from .exceptions import (
    ApiException,
    ApiTypeError,
    ApiValueError,
    BetaApiRetiredError,
    CaseInsensitiveHeaders,
    invalid_type,
    invalid_value,
    missing,
)

__all__ = ["ApiResponse", "merge_extra_body", "post_json", "result"]

T = TypeVar("T")
M = TypeVar("M", bound=Model)


@attrs.frozen(repr=False)
class ApiResponse(Generic[T]):
    """What ``with_http_info=True`` returns: the parsed ``response``, ``status_code`` and ``headers``.

    ``ApiResponse[T]``: ``response`` is what the call returns without ``with_http_info`` (the response
    model, the SDP answer text of ``new_realtime_call``, None for the call actions).
    ``headers`` is a dict whose look-ups ignore case (``headers["X-Request-Id"]`` finds ``x-request-id``).
    ``call_id`` is the id of the call ``new_realtime_call`` started (from the ``Location`` header); it is
    None for every other function.
    """

    response: T
    status_code: int
    headers: CaseInsensitiveHeaders
    call_id: str | None = None

    def __repr__(self) -> str:
        call = "" if self.call_id is None else f", call_id={self.call_id!r}"
        return f"ApiResponse(status_code={self.status_code}{call}, response={self.response!r})"


def resolve_configuration(configuration: Configuration | None) -> Configuration:
    """The configuration a call uses: the one given, else the module-wide one."""
    if configuration is None:
        return get_configuration()
    if not isinstance(configuration, Configuration):
        raise invalid_type("configuration", configuration, "a Configuration", show_value=False)
    return configuration


def check_extra_body(extra_body: Any) -> dict[str, Any] | None:
    """``extra_body`` as given when it is None or a JSON object (a dict with str keys); else ApiTypeError."""
    if extra_body is None:
        return None
    expected = "None or a dict with str keys (JSON fields to add to the body)"
    if not isinstance(extra_body, dict):
        raise invalid_type("extra_body", extra_body, expected, show_value=False)
    stack: list[Any] = [extra_body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            bad = next((k for k in item if not isinstance(k, str)), None)
            if bad is not None:
                raise invalid_type("extra_body", bad, expected, hint=" as a key")
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return extra_body


def merge_extra_body(data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``data`` with ``extra`` merged in last: objects merged key by key, any other value (lists too) replaced."""
    merged = dict(data)
    for key, value in extra.items():
        current = merged.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merged[key] = merge_extra_body(current, value)
        else:
            merged[key] = _to_json_value(value)
    return merged


def json_body(
    body: Any,
    model_cls: type[Model],
    parameter: str,
    operation_id: str,
    *,
    nested: bool = False,
    extra_body: dict[str, Any] | None = None,
) -> bytes:
    """Check a request body (a model or a plain dict) and return its compact JSON bytes.

    ``nested``: the body is one named value (a multipart part), so a dict's errors name its fields
    under the parameter (``session.audio``), not at the top level. ``extra_body`` (checked by
    :func:`check_extra_body`) is merged in after the body's checks: its fields are sent unchecked.
    """
    if body is None or body is UNSET:
        raise missing(parameter, operation=operation_id, value=body, expected=f"a {model_cls.__name__} or a dict")
    if isinstance(body, model_cls):
        revalidate(body)
        data = body.to_dict()
    elif isinstance(body, dict):
        # Sent as given (like a PowerShell hashtable), so it is checked as written: exact enum
        # spelling and real arrays, which the model builders would otherwise quietly normalise.
        data = _to_json_value(body)
        check_wire_letter(model_cls, data, f"{parameter}." if nested else "")
        model_cls.from_dict(data, name=parameter if nested else None, lenient=False)
    else:
        raise invalid_type(parameter, body, f"a {model_cls.__name__} or a dict", show_value=False)
    if extra_body is not None:
        _json_text(_to_json_value(extra_body), "extra_body")  # its own errors name extra_body, not the body
        data = merge_extra_body(data, extra_body)
    return _json_text(data, parameter).encode("utf-8")


def extra_only_body(extra_body: dict[str, Any]) -> bytes:
    """The JSON bytes of an ``extra_body`` sent where the call has no body of its own."""
    return _json_text(_to_json_value(extra_body), "extra_body").encode("utf-8")


def _json_text(data: Any, parameter: str) -> str:
    """Compact JSON text of ``data``; an ApiValueError naming ``parameter`` when it is not JSON."""
    try:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise invalid_value(
            parameter, data, f"it cannot be sent as JSON ({exc}).", show_value=False, expected="JSON-compatible values"
        ) from None


def multipart_body(parts: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body of ``(name, content type, data)`` parts, and its Content-Type header."""
    while True:
        boundary = os.urandom(16).hex()
        marker = boundary.encode("ascii")
        # 128 random bits: a collision with the data is all but impossible, but it would corrupt the body.
        if not any(marker in data for _, _, data in parts):
            break
    chunks = []
    for name, content_type, data in parts:
        chunks += [
            b"--" + marker + b"\r\n",
            f'Content-Disposition: form-data; name="{name}"\r\nContent-Type: {content_type}\r\n\r\n'.encode("ascii"),
            data,
            b"\r\n",
        ]
    chunks.append(b"--" + marker + b"--\r\n")
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


_TOO_DEEP = f"the body is nested more than {MAX_JSON_DEPTH} levels deep."


def parse_json(response: _transport.TransportResponse, model_cls: type[Model]) -> Any:
    """The answer's JSON body as a ``model_cls`` (parsed leniently); an ApiException when it is none."""
    try:
        data = json.loads(response.body)
    except ValueError:
        raise _transport.api_exception_from_2xx(response, "the body is not JSON.") from None
    except RecursionError:
        raise _transport.api_exception_from_2xx(response, _TOO_DEEP) from None
    # A server's body is not to be trusted with recursion: too deep, and repr() of the result
    # (or any other walk over it) would die with a RecursionError instead of an ApiException.
    # Nesting needs an opening bracket per level, so counting them (in C) spares most bodies the walk.
    if response.body.count("{") + response.body.count("[") > MAX_JSON_DEPTH and json_too_deep(data):
        raise _transport.api_exception_from_2xx(response, _TOO_DEEP)
    if not isinstance(data, dict):
        raise _transport.api_exception_from_2xx(response, f"the body is a JSON {type(data).__name__}, not an object.")
    try:
        return model_cls.from_dict(data, lenient=True)
    except ApiTypeError as exc:
        # Say which field and what it should be, but not the value: it may be the ephemeral key.
        got = type(exc.value).__name__
        problem = f"Invalid type for '{exc.parameter}': expected {exc.expected}, got {got}."
        raise _transport.api_exception_from_2xx(
            response, f"the body does not match {model_cls.__name__}: {problem}"
        ) from None
    except ApiValueError as exc:
        problem = f"Invalid value for '{exc.parameter}': expected {exc.expected}."
        raise _transport.api_exception_from_2xx(
            response, f"the body does not match {model_cls.__name__}: {problem}"
        ) from None


def send(
    operation: str,
    path: str,
    body: bytes,
    configuration: Configuration,
    retired_hint: str | Callable[[], str] | None = None,
    *,
    content_type: str | None = "application/json",
    accept: str = "application/json",
) -> _transport.TransportResponse:
    """POST ``body`` to ``path``; with ``retired_hint``, a retired-beta error says what to use instead.

    A callable hint is called only when that error arrives (it may do real work).
    """
    try:
        return _transport.request(
            configuration, "POST", path, operation=operation, body=body, content_type=content_type, accept=accept
        )
    except ApiException as exc:
        if retired_hint is not None and exc.error_code == "beta_api_shape_disabled":
            if callable(retired_hint):
                retired_hint = retired_hint()
            # str(exc) is the server's message with any echoed secret masked by the transport; the raw
            # error_details are not (OpenAI's errors may quote the API key).
            shown, prefix = str(exc), f"({exc.status}) {exc.reason}: "
            detail = shown[len(prefix) :] if shown.startswith(prefix) else "beta_api_shape_disabled"
            raise BetaApiRetiredError(
                exc.status,
                exc.reason,
                headers=exc.headers,
                body=exc.body,
                message=f"({exc.status}) {exc.reason}: OpenAI has retired the Realtime beta API "
                f"({detail}). {retired_hint}",
            ) from exc
        raise


def post_json(
    operation: str,
    operation_id: str,
    path: str,
    parameter: str,
    request: Any,
    request_cls: type[Model],
    response_cls: type[M],
    configuration: Configuration | None,
    retired_hint: Callable[[], str] | None = None,
    extra_body: Any = None,
) -> tuple[_transport.TransportResponse, M]:
    """What a JSON-in, JSON-out API function does: check the body, POST it, parse the answer."""
    logger.debug("Calling method: %s", operation)
    config = resolve_configuration(configuration)
    extra = check_extra_body(extra_body)
    body = json_body(request, request_cls, parameter, operation_id, extra_body=extra)
    return post_checked_json(operation, path, parameter, body, response_cls, config, retired_hint)


def post_checked_json(
    operation: str,
    path: str,
    parameter: str,
    body: bytes,
    response_cls: type[M],
    config: Configuration,
    retired_hint: Callable[[], str] | None = None,
) -> tuple[_transport.TransportResponse, M]:
    """The rest of :func:`post_json`, for a body :func:`json_body` has checked: POST it, parse the answer.

    A caller that sends one fixed body many times (psopenapi serve's session template) checks it once
    and comes here directly.
    """
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("Parameters: %s=%s", parameter, loggable_json(body))
    response = send(operation, path, body, config, retired_hint)
    parsed: M = parse_json(response, response_cls)
    return response, parsed


def loggable_json(body: bytes) -> str:
    """The JSON body with MCP credentials (``authorization``, ``headers`` values) replaced by <redacted>."""
    return json.dumps(_redact.json_value(json.loads(body)), separators=(",", ":"), ensure_ascii=False)


def result(parsed: T, response: _transport.TransportResponse, with_http_info: bool) -> T | ApiResponse[T]:
    """The parsed result, or an ApiResponse wrapping it when ``with_http_info`` is true."""
    if with_http_info:
        return ApiResponse(parsed, response.status, CaseInsensitiveHeaders(response.headers))
    return parsed
