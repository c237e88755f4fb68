"""The Realtime API: mint ephemeral keys (``New-RealtimeSession`` and its GA successor)."""

from __future__ import annotations

import json
import logging
from typing import Any

import attrs

from . import _transport
from ._runtime import UNSET, Model, _to_json_value
from .configuration import Configuration, get_configuration
from .exceptions import ApiException, ApiTypeError, ApiValueError, BetaApiRetiredError
from .models.realtime_sessions import RealtimeSessionCreateRequest, RealtimeSessionCreateResponse

__all__ = ["ApiResponse", "new_realtime_session"]

logger = logging.getLogger("psopenapi_py")


@attrs.frozen(repr=False)
class ApiResponse:
    """What ``with_http_info=True`` returns: the parsed ``response``, ``status_code`` and ``headers``."""

    response: Any
    status_code: int
    headers: dict[str, str]

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
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _parse_response(response: _transport.TransportResponse, model_cls: type[Model]) -> Any:
    try:
        data = json.loads(response.body)
    except ValueError:
        raise _transport.api_exception_from_2xx(response, "the body is not JSON.") from None
    if not isinstance(data, dict):
        raise _transport.api_exception_from_2xx(response, f"the body is a JSON {type(data).__name__}, not an object.")
    try:
        return model_cls.from_dict(data, lenient=True)
    except (ApiTypeError, ApiValueError) as exc:
        raise _transport.api_exception_from_2xx(response, f"the body does not match {model_cls.__name__}: {exc}") from exc


def _call(
    operation: str,
    path: str,
    body: bytes,
    configuration: Configuration,
    retired_hint: str | None = None,
) -> _transport.TransportResponse:
    try:
        return _transport.request(configuration, "POST", path, operation=operation, body=body)
    except ApiException as exc:
        if retired_hint is not None and exc.error_code == "beta_api_shape_disabled":
            raise BetaApiRetiredError(
                exc.status,
                exc.reason,
                headers=exc.headers,
                body=exc.body,
                message=f"({exc.status}) {exc.reason}: OpenAI has retired the Realtime beta API. {retired_hint}",
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
    response = _call(operation, "/realtime/sessions", body, config, retired_hint=_ga_hint(realtime_session_create_request))
    result: RealtimeSessionCreateResponse = _parse_response(response, RealtimeSessionCreateResponse)
    secret = result.client_secret
    value = getattr(secret, "value", None) if secret is not None else None
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no client_secret.value (no ephemeral key).")
    if with_http_info:
        return ApiResponse(result, response.status, response.headers)
    return result


def _ga_hint(request: Any) -> str:
    return "Use new_realtime_client_secret (POST /realtime/client_secrets) instead; see docs/migrating-to-ga.md."
