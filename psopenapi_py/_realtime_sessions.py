"""Mint ephemeral Realtime keys: for realtime and transcription sessions (beta, retired, and GA) and for translation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from . import _transport
from ._log import logger
from ._operation import (
    ApiResponse,
    check_extra_body,
    json_body,
    post_checked_json,
    post_json,
    resolve_configuration,
    result,
)
from .configuration import Configuration
from .exceptions import ApiTypeError, ApiValueError
from .models.realtime_sessions import (
    RealtimeSessionCreateRequest,
    RealtimeSessionCreateResponse,
    RealtimeSessionCreateResponseClientSecret,
)

if TYPE_CHECKING:
    # These models load on first use (see models/__init__.py); annotations only need their names.
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest, RealtimeCreateClientSecretResponse
    from .models.realtime_transcription_sessions import (
        RealtimeTranscriptionSessionCreateRequest,
        RealtimeTranscriptionSessionCreateResponse,
    )
    from .models.realtime_translations import (
        RealtimeTranslationClientSecretCreateRequest,
        RealtimeTranslationClientSecretCreateResponse,
    )

__all__ = [
    "GA_HINT",
    "GA_TRANSCRIPTION_HINT",
    "new_realtime_client_secret",
    "new_realtime_session",
    "new_realtime_transcription_session",
    "new_realtime_translation_client_secret",
]

#: What a BetaApiRetiredError tells the user to do instead.
GA_HINT = "Use new_realtime_client_secret (POST /realtime/client_secrets) instead."


@overload
def new_realtime_session(
    realtime_session_create_request: RealtimeSessionCreateRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeSessionCreateResponse: ...


@overload
def new_realtime_session(
    realtime_session_create_request: RealtimeSessionCreateRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[RealtimeSessionCreateResponse]: ...


@overload
def new_realtime_session(
    realtime_session_create_request: RealtimeSessionCreateRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeSessionCreateResponse | ApiResponse[RealtimeSessionCreateResponse]: ...


def new_realtime_session(
    realtime_session_create_request: RealtimeSessionCreateRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeSessionCreateResponse | ApiResponse[RealtimeSessionCreateResponse]:
    """Mint an ephemeral Realtime key with ``POST /realtime/sessions`` (PowerShell's ``New-RealtimeSession``).

    Args:
        realtime_session_create_request: a ``RealtimeSessionCreateRequest`` or a plain dict (sent as given).
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        The ``RealtimeSessionCreateResponse`` (or an ``ApiResponse`` wrapping it).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        ApiException (and its status subclasses): the API answered with an error.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    response, parsed = post_json(
        "new_realtime_session",
        "createRealtimeSession",
        "/realtime/sessions",
        "realtime_session_create_request",
        realtime_session_create_request,
        RealtimeSessionCreateRequest,
        RealtimeSessionCreateResponse,
        configuration,
        retired_hint=lambda: _ga_hint(realtime_session_create_request),
        extra_body=extra_body,
    )
    secret = parsed.client_secret
    # Not getattr(secret, "value"): UNSET, an enum member, has a .value of its own ("UNSET").
    value = secret.value if isinstance(secret, RealtimeSessionCreateResponseClientSecret) else None
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no client_secret.value (no ephemeral key).")
    return result(parsed, response, with_http_info)


def _ga_hint(request: Any) -> str:
    """GA_HINT plus the new_realtime_client_secret call equivalent to the beta request the user made."""
    from .migration import realtime_session_request_to_ga_call

    try:
        call = realtime_session_request_to_ga_call(request)
    except (ApiTypeError, ApiValueError) as exc:
        return f"{GA_HINT} This request has no automatic GA equivalent ({exc}); see docs/migrating-to-ga.md."
    indented = "\n".join("    " + line if line else line for line in call.splitlines())
    return f"{GA_HINT} The equivalent call for this request:\n\n{indented}\n\nSee docs/migrating-to-ga.md."


@overload
def new_realtime_client_secret(
    realtime_create_client_secret_request: RealtimeCreateClientSecretRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeCreateClientSecretResponse: ...


@overload
def new_realtime_client_secret(
    realtime_create_client_secret_request: RealtimeCreateClientSecretRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[RealtimeCreateClientSecretResponse]: ...


@overload
def new_realtime_client_secret(
    realtime_create_client_secret_request: RealtimeCreateClientSecretRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeCreateClientSecretResponse | ApiResponse[RealtimeCreateClientSecretResponse]: ...


def new_realtime_client_secret(
    realtime_create_client_secret_request: RealtimeCreateClientSecretRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeCreateClientSecretResponse | ApiResponse[RealtimeCreateClientSecretResponse]:
    """Mint an ephemeral Realtime key with ``POST /realtime/client_secrets`` (PowerShell's ``New-RealtimeClientSecret``).

    The GA successor of :func:`new_realtime_session`. An empty request (``{}``) mints a key for a
    realtime session with the API's defaults, valid for 600 seconds.

    Args:
        realtime_create_client_secret_request: a ``RealtimeCreateClientSecretRequest`` or a plain dict
            (checked against the GA schema, then sent as given).
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

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
    logger.debug("Calling method: %s", "new_realtime_client_secret")
    config = resolve_configuration(configuration)
    body = client_secret_body(realtime_create_client_secret_request, extra_body)
    response, parsed = post_client_secret_body(body, config)
    return result(parsed, response, with_http_info)


def client_secret_body(request: Any, extra_body: dict[str, Any] | None = None) -> bytes:
    """The JSON bytes :func:`new_realtime_client_secret` sends for ``request``, checked as it checks them."""
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    return json_body(
        request,
        RealtimeCreateClientSecretRequest,
        "realtime_create_client_secret_request",
        "createRealtimeClientSecret",
        extra_body=check_extra_body(extra_body),
    )


def post_client_secret_body(
    body: bytes, configuration: Configuration
) -> tuple[_transport.TransportResponse, RealtimeCreateClientSecretResponse]:
    """Mint with a body made by :func:`client_secret_body`: what :func:`new_realtime_client_secret` does
    after its checks, for a caller that sends one checked body many times (psopenapi serve)."""
    from .models.realtime_client_secrets import RealtimeCreateClientSecretResponse

    response, parsed = post_checked_json(
        "new_realtime_client_secret",
        "/realtime/client_secrets",
        "realtime_create_client_secret_request",
        body,
        RealtimeCreateClientSecretResponse,
        configuration,
    )
    _check_key(response, parsed.value, parsed.expires_at)
    return response, parsed


def _check_key(response: _transport.TransportResponse, value: Any, expires_at: Any) -> None:
    """An ApiException unless a GA answer holds a key (``value``) and its expiry (``expires_at``)."""
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no value (no ephemeral key).")
    if not isinstance(expires_at, int) or isinstance(expires_at, bool):
        raise _transport.api_exception_from_2xx(response, "the body has no expires_at (the key's expiry).")


@overload
def new_realtime_transcription_session(
    realtime_transcription_session_create_request: RealtimeTranscriptionSessionCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranscriptionSessionCreateResponse: ...


@overload
def new_realtime_transcription_session(
    realtime_transcription_session_create_request: RealtimeTranscriptionSessionCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[RealtimeTranscriptionSessionCreateResponse]: ...


@overload
def new_realtime_transcription_session(
    realtime_transcription_session_create_request: RealtimeTranscriptionSessionCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranscriptionSessionCreateResponse | ApiResponse[RealtimeTranscriptionSessionCreateResponse]: ...


def new_realtime_transcription_session(
    realtime_transcription_session_create_request: RealtimeTranscriptionSessionCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranscriptionSessionCreateResponse | ApiResponse[RealtimeTranscriptionSessionCreateResponse]:
    """Mint an ephemeral key for a transcription session with ``POST /realtime/transcription_sessions``.

    PowerShell's ``New-RealtimeTranscriptionSession``. This is part of the Realtime beta API, which
    OpenAI has retired: the API now answers it with ``BetaApiRetiredError``, whose message shows the
    ``new_realtime_client_secret`` call with a transcription session that asks for the same thing.

    Args:
        realtime_transcription_session_create_request: a ``RealtimeTranscriptionSessionCreateRequest``
            or a plain dict (checked against the schema, then sent as given); ``{}`` for the defaults.
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        The ``RealtimeTranscriptionSessionCreateResponse`` (or an ``ApiResponse`` wrapping it), the key in
        ``client_secret.value`` (hidden by ``repr()``).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        BetaApiRetiredError: OpenAI's answer to every beta call today (an ApiException).
        ApiException (and its status subclasses): any other error answer, or a body with no key.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_transcription_sessions import (
        RealtimeTranscriptionSessionCreateRequest,
        RealtimeTranscriptionSessionCreateResponse,
        RealtimeTranscriptionSessionCreateResponseClientSecret,
    )

    request = realtime_transcription_session_create_request
    response, parsed = post_json(
        "new_realtime_transcription_session",
        "createRealtimeTranscriptionSession",
        "/realtime/transcription_sessions",
        "realtime_transcription_session_create_request",
        request,
        RealtimeTranscriptionSessionCreateRequest,
        RealtimeTranscriptionSessionCreateResponse,
        configuration,
        retired_hint=lambda: _transcription_ga_hint(request),
        extra_body=extra_body,
    )
    secret = parsed.client_secret
    value = secret.value if isinstance(secret, RealtimeTranscriptionSessionCreateResponseClientSecret) else None
    if not isinstance(value, str) or not value:
        raise _transport.api_exception_from_2xx(response, "the body has no client_secret.value (no ephemeral key).")
    return result(parsed, response, with_http_info)


#: What a BetaApiRetiredError of the transcription sessions tells the user to do instead.
GA_TRANSCRIPTION_HINT = (
    "Use new_realtime_client_secret (POST /realtime/client_secrets) with a transcription session "
    '({"session": {"type": "transcription", ...}}) instead.'
)


def _transcription_ga_hint(request: Any) -> str:
    """GA_TRANSCRIPTION_HINT plus the new_realtime_client_secret call asking for the same session."""
    from .migration import transcription_session_request_to_ga

    call = f"new_realtime_client_secret({transcription_session_request_to_ga(request)!r})"
    return (
        f"{GA_TRANSCRIPTION_HINT} The equivalent call for this request:\n\n    {call}\n\nSee docs/migrating-to-ga.md."
    )


@overload
def new_realtime_translation_client_secret(
    realtime_translation_client_secret_create_request: RealtimeTranslationClientSecretCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranslationClientSecretCreateResponse: ...


@overload
def new_realtime_translation_client_secret(
    realtime_translation_client_secret_create_request: RealtimeTranslationClientSecretCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[RealtimeTranslationClientSecretCreateResponse]: ...


@overload
def new_realtime_translation_client_secret(
    realtime_translation_client_secret_create_request: RealtimeTranslationClientSecretCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranslationClientSecretCreateResponse | ApiResponse[RealtimeTranslationClientSecretCreateResponse]: ...


def new_realtime_translation_client_secret(
    realtime_translation_client_secret_create_request: RealtimeTranslationClientSecretCreateRequest
    | dict[str, Any]
    | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> RealtimeTranslationClientSecretCreateResponse | ApiResponse[RealtimeTranslationClientSecretCreateResponse]:
    """Mint an ephemeral key for a live translation session with ``POST /realtime/translations/client_secrets``.

    PowerShell's ``New-RealtimeTranslationClientSecret``. The session (its ``model`` at least) is
    required; the key lives 600 seconds unless ``expires_after`` says otherwise.

    Args:
        realtime_translation_client_secret_create_request: a ``RealtimeTranslationClientSecretCreateRequest``
            or a plain dict (checked against the schema, then sent as given).
        with_http_info: return an ``ApiResponse`` with status code and headers too.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        The ``RealtimeTranslationClientSecretCreateResponse`` (or an ``ApiResponse`` wrapping it): the key
        in ``value`` (hidden by ``repr()``), ``expires_at`` and the ``session`` as configured.

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        ApiException (and its status subclasses): the API answered with an error, or with a body that
            has no ``value`` or ``expires_at``.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_translations import (
        RealtimeTranslationClientSecretCreateRequest,
        RealtimeTranslationClientSecretCreateResponse,
    )

    response, parsed = post_json(
        "new_realtime_translation_client_secret",
        "createRealtimeTranslationClientSecret",
        "/realtime/translations/client_secrets",
        "realtime_translation_client_secret_create_request",
        realtime_translation_client_secret_create_request,
        RealtimeTranslationClientSecretCreateRequest,
        RealtimeTranslationClientSecretCreateResponse,
        configuration,
        extra_body=extra_body,
    )
    _check_key(response, parsed.value, parsed.expires_at)
    return result(parsed, response, with_http_info)
