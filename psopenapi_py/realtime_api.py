"""The Realtime API: mint ephemeral keys (``New-RealtimeSession`` and its GA successor)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from . import _transport
from ._log import logger
from ._runtime import MAX_JSON_DEPTH, REDACTED, UNSET, Model, _to_json_value, json_too_deep, revalidate
from ._wire_check import check_wire_letter
from .configuration import Configuration, get_configuration
from .exceptions import ApiException, ApiTypeError, ApiValueError, BetaApiRetiredError, CaseInsensitiveHeaders
from .models.realtime_sessions import (
    RealtimeSessionCreateRequest,
    RealtimeSessionCreateResponse,
    RealtimeSessionCreateResponseClientSecret,
)

if TYPE_CHECKING:
    # The GA models load on first use (see models/__init__.py); annotations only need their names.
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest, RealtimeCreateClientSecretResponse

__all__ = ["ApiResponse", "new_realtime_client_secret", "new_realtime_session"]

T = TypeVar("T")
M = TypeVar("M", bound=Model)

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
        revalidate(body)
        data = body.to_dict()
    elif isinstance(body, dict):
        # Sent as given (like a PowerShell hashtable), so it is checked as written: exact enum
        # spelling and real arrays, which the model builders would otherwise quietly normalise.
        data = _to_json_value(body)
        check_wire_letter(model_cls, data)
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


def _call(
    operation: str,
    path: str,
    body: bytes,
    configuration: Configuration,
    retired_hint: str | Callable[[], str] | None = None,
) -> _transport.TransportResponse:
    """POST ``body`` to ``path``; with ``retired_hint``, a retired-beta error says what to use instead.

    A callable hint is called only when that error arrives (it may do real work).
    """
    try:
        return _transport.request(configuration, "POST", path, operation=operation, body=body)
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


def _post(
    operation: str,
    operation_id: str,
    path: str,
    parameter: str,
    request: Any,
    request_cls: type[Model],
    response_cls: type[M],
    configuration: Configuration | None,
    retired_hint: Callable[[], str] | None = None,
) -> tuple[_transport.TransportResponse, M]:
    """What every API function does: check the body, POST it on the one HTTP path, parse the answer."""
    logger.debug("Calling method: %s", operation)
    config = _resolve_configuration(configuration)
    body = _request_body(request, request_cls, parameter, operation_id)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("Parameters: %s=%s", parameter, _loggable(body))
    response = _call(operation, path, body, config, retired_hint)
    result: M = _parse_response(response, response_cls)
    return response, result


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
    response, result = _post(
        "new_realtime_session",
        "createRealtimeSession",
        "/realtime/sessions",
        "realtime_session_create_request",
        realtime_session_create_request,
        RealtimeSessionCreateRequest,
        RealtimeSessionCreateResponse,
        configuration,
        retired_hint=lambda: _ga_hint(realtime_session_create_request),
    )
    secret = result.client_secret
    # Not getattr(secret, "value"): UNSET, an enum member, has a .value of its own ("UNSET").
    value = secret.value if isinstance(secret, RealtimeSessionCreateResponseClientSecret) else None
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no client_secret.value (no ephemeral key).")
    return _result(result, response, with_http_info)


def _loggable(body: bytes) -> str:
    """The JSON body with MCP credentials (``authorization``, ``headers`` values) replaced by <redacted>."""

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: REDACTED
                if k == "authorization"
                else {h: REDACTED for h in v}
                if k == "headers" and isinstance(v, dict)
                else scrub(v)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return json.dumps(scrub(json.loads(body)), separators=(",", ":"), ensure_ascii=False)


def _ga_hint(request: Any) -> str:
    """GA_HINT plus the new_realtime_client_secret call equivalent to the beta request the user made."""
    from .migration import realtime_session_request_to_ga_call

    try:
        call = realtime_session_request_to_ga_call(request)
    except (ApiTypeError, ApiValueError) as exc:
        return f"{GA_HINT} This request has no automatic GA equivalent ({exc}); see docs/migrating-to-ga.md."
    indented = "\n".join("    " + line if line else line for line in call.splitlines())
    return f"{GA_HINT} The equivalent call for this request:\n\n{indented}\n\nSee docs/migrating-to-ga.md."


def new_realtime_client_secret(
    realtime_create_client_secret_request: RealtimeCreateClientSecretRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
) -> RealtimeCreateClientSecretResponse | ApiResponse:
    """Mint an ephemeral Realtime key with ``POST /realtime/client_secrets`` (PowerShell's ``New-RealtimeClientSecret``).

    The GA successor of :func:`new_realtime_session`. An empty request (``{}``) mints a key for a
    realtime session with the API's defaults, valid for 600 seconds.

    Args:
        realtime_create_client_secret_request: a ``RealtimeCreateClientSecretRequest`` or a plain dict
            (checked against the GA schema, then sent as given).
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.

    Returns:
        The ``RealtimeCreateClientSecretResponse`` (or an ``ApiResponse`` wrapping it): the key in
        ``value`` (hidden by ``repr()``), ``expires_at``, and ``session``, a
        ``RealtimeSessionCreateResponseGA`` or ``RealtimeTranscriptionSessionCreateResponseGA`` by its ``type``.

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        ApiException (and its status subclasses): the API answered with an error, or with a body that
            has no ``value`` or ``expires_at``.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest, RealtimeCreateClientSecretResponse

    response, result = _post(
        "new_realtime_client_secret",
        "createRealtimeClientSecret",
        "/realtime/client_secrets",
        "realtime_create_client_secret_request",
        realtime_create_client_secret_request,
        RealtimeCreateClientSecretRequest,
        RealtimeCreateClientSecretResponse,
        configuration,
    )
    if not isinstance(result.value, str) or not result.value:
        raise _transport.api_exception_from_2xx(response, "the body has no value (no ephemeral key).")
    if not isinstance(result.expires_at, int) or isinstance(result.expires_at, bool):
        raise _transport.api_exception_from_2xx(response, "the body has no expires_at (the key's expiry).")
    return _result(result, response, with_http_info)


def _result(result: T, response: _transport.TransportResponse, with_http_info: bool) -> T | ApiResponse:
    """The parsed result, or an ApiResponse wrapping it when ``with_http_info`` is true."""
    if with_http_info:
        return ApiResponse(result, response.status, CaseInsensitiveHeaders(response.headers))
    return result
