"""The Realtime API: mint ephemeral keys (``New-RealtimeSession`` and its GA successor)."""

from __future__ import annotations

import json
import logging
from typing import Any, TypeVar

import attrs

from . import _transport
from ._runtime import MAX_JSON_DEPTH, UNSET, Model, _to_json_value, json_too_deep
from .configuration import Configuration, get_configuration
from .exceptions import ApiException, ApiTypeError, ApiValueError, BetaApiRetiredError, CaseInsensitiveHeaders
from .models.realtime_sessions import (
    RealtimeSessionCreateRequest,
    RealtimeSessionCreateResponse,
    RealtimeSessionCreateResponseClientSecret,
)

__all__ = ["ApiResponse", "new_realtime_session"]

logger = logging.getLogger("psopenapi_py")
T = TypeVar("T")

#: What a BetaApiRetiredError tells the user to do instead.
GA_HINT = "Use new_realtime_client_secret (POST /realtime/client_secrets) instead."


@attrs.frozen(repr=False)
class ApiResponse:
    """What ``with_http_info=True`` returns: the parsed ``response``, ``status_code`` and ``headers``.

    ``headers`` is a dict whose look-ups ignore case (``headers["X-Request-Id"]`` finds ``x-request-id``).
    """

    response: Any
    status_code: int
    headers: CaseInsensitiveHeaders

    def __repr__(self) -> str:
        return f"ApiResponse(status_code={self.status_code}, response={self.response!r})"


def _resolve_configuration(configuration: Configuration | None) -> Configuration:
    if configuration is None:
        return get_configuration()
    if not isinstance(configuration, Configuration):
        raise ApiTypeError(
            f"Invalid type for 'configuration': expected a Configuration, got {type(configuration).__name__}.",
            parameter="configuration",
            value=None,
            expected="a Configuration",
        )
    return configuration


def _request_body(body: Any, model_cls: type[Model], parameter: str, operation_id: str) -> bytes:
    """Check a request body (a model or a plain dict) and return its compact JSON bytes."""
    if body is None or body is UNSET:
        raise ApiValueError(
            f"Error! The required parameter {parameter} missing when calling {operation_id}.",
            parameter=parameter,
            value=body,
            expected=f"a {model_cls.__name__} or a dict",
        )
    if isinstance(body, model_cls):
        data = body.to_dict()
    elif isinstance(body, dict):
        # Sent as given (like a PowerShell hashtable), but checked first so a typo fails here.
        data = _to_json_value(body)
        model_cls.from_dict(data, lenient=False)
    else:
        raise ApiTypeError(
            f"Invalid type for '{parameter}': expected a {model_cls.__name__} or a dict, got {type(body).__name__}.",
            parameter=parameter,
            value=None,
            expected=f"a {model_cls.__name__} or a dict",
        )
    try:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ApiValueError(
            f"Invalid value for '{parameter}': it cannot be sent as JSON ({exc}).",
            parameter=parameter,
            value=None,
            expected="JSON-compatible values",
        ) from None
    return text.encode("utf-8")


_TOO_DEEP = f"the body is nested more than {MAX_JSON_DEPTH} levels deep."


def _parse_response(response: _transport.TransportResponse, model_cls: type[Model]) -> Any:
    try:
        data = json.loads(response.body)
    except ValueError:
        raise _transport.api_exception_from_2xx(response, "the body is not JSON.") from None
    except RecursionError:
        raise _transport.api_exception_from_2xx(response, _TOO_DEEP) from None
    # A server's body is not to be trusted with recursion: too deep, and repr() of the result
    # (or any other walk over it) would die with a RecursionError instead of an ApiException.
    if json_too_deep(data):
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


def _call(
    operation: str,
    path: str,
    body: bytes,
    configuration: Configuration,
    retired_hint: str | None = None,
) -> _transport.TransportResponse:
    """POST ``body`` to ``path``; with ``retired_hint``, a retired-beta error says what to use instead."""
    try:
        return _transport.request(configuration, "POST", path, operation=operation, body=body)
    except ApiException as exc:
        if retired_hint is not None and exc.error_code == "beta_api_shape_disabled":
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


def new_realtime_session(
    realtime_session_create_request: RealtimeSessionCreateRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
) -> RealtimeSessionCreateResponse | ApiResponse:
    """Mint an ephemeral Realtime key with ``POST /realtime/sessions`` (PowerShell's ``New-RealtimeSession``).

    Args:
        realtime_session_create_request: a ``RealtimeSessionCreateRequest`` or a plain dict (sent as given).
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.

    Returns:
        The ``RealtimeSessionCreateResponse`` (or an ``ApiResponse`` wrapping it).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        ApiException (and its status subclasses): the API answered with an error.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    operation = "new_realtime_session"
    logger.debug("Calling method: %s", operation)
    config = _resolve_configuration(configuration)
    body = _request_body(
        realtime_session_create_request,
        RealtimeSessionCreateRequest,
        "realtime_session_create_request",
        "createRealtimeSession",
    )
    logger.debug("Parameters: realtime_session_create_request=%s", body.decode("utf-8"))
    response = _call(operation, "/realtime/sessions", body, config, retired_hint=GA_HINT)
    result: RealtimeSessionCreateResponse = _parse_response(response, RealtimeSessionCreateResponse)
    secret = result.client_secret
    # Not getattr(secret, "value"): UNSET, an enum member, has a .value of its own ("UNSET").
    value = secret.value if isinstance(secret, RealtimeSessionCreateResponseClientSecret) else None
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no client_secret.value (no ephemeral key).")
    return _result(result, response, with_http_info)


def _result(result: T, response: _transport.TransportResponse, with_http_info: bool) -> T | ApiResponse:
    """The parsed result, or an ApiResponse wrapping it when ``with_http_info`` is true."""
    if with_http_info:
        return ApiResponse(result, response.status, CaseInsensitiveHeaders(response.headers))
    return result
