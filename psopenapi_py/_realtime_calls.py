"""Realtime calls: start a WebRTC call from an SDP offer, and accept, reject, transfer or end a call.

``New-RealtimeCall`` posts the browser's offer and returns the SDP answer; the other four act on a
call by its id (a SIP call announced by the ``realtime.call.incoming`` webhook, or a WebRTC call
from ``new_realtime_call``) and return nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal, overload
from urllib.parse import quote, unquote, urlsplit

from . import _transport
from ._log import logger
from ._operation import (
    ApiResponse,
    check_extra_body,
    extra_only_body,
    json_body,
    loggable_json,
    multipart_body,
    resolve_configuration,
    send,
)
from ._runtime import UNSET, Model
from .configuration import Configuration
from .exceptions import CaseInsensitiveHeaders, invalid_type, invalid_value, missing

if TYPE_CHECKING:
    # Loaded on first use (see models/__init__.py); annotations only need their names.
    from .models.realtime_calls import RealtimeCallReferRequest, RealtimeCallRejectRequest
    from .models.realtime_client_secrets import RealtimeSessionCreateRequestGA

__all__ = [
    "deny_realtime_call",
    "invoke_hangup_realtime_call",
    "invoke_refer_realtime_call",
    "new_realtime_call",
    "receive_realtime_call",
]

_SDP = "application/sdp"
_JSON = "application/json"


@overload
def new_realtime_call(
    sdp: str | None = None,
    session: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> str: ...


@overload
def new_realtime_call(
    sdp: str | None = None,
    session: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[str]: ...


@overload
def new_realtime_call(
    sdp: str | None = None,
    session: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> str | ApiResponse[str]: ...


def new_realtime_call(
    sdp: str | None = None,
    session: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> str | ApiResponse[str]:
    """Start a WebRTC call with ``POST /realtime/calls`` and return the SDP answer (PowerShell's ``New-RealtimeCall``).

    A backend takes the browser's SDP offer, sends it with its own API key and the session the call
    should run (``multipart/form-data``: an ``sdp`` part as ``application/sdp`` and, when given, a
    ``session`` part as ``application/json``), and hands the answer back to the browser.

    Args:
        sdp: the SDP offer, as text (it starts with ``v=0``); sent exactly as given.
        session: a ``RealtimeSessionCreateRequestGA`` or a plain dict (checked against the GA schema,
            then sent as given); left out, no session part is sent and the API's defaults apply.
        with_http_info: return an ``ApiResponse`` with the status code, the headers and the new call's
            id (``call_id``, from the ``Location`` header) too.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the ``session`` part, for fields newer than this version's
            models: merged in last (objects key by key, other values replaced) and sent unchecked; given
            without ``session``, it is the whole session part. See docs/RealtimeApi.md.

    Returns:
        The SDP answer text (or an ``ApiResponse`` wrapping it, with ``call_id``).

    Raises:
        ApiValueError, ApiTypeError: bad input (no offer, an offer that is not SDP text, a bad session);
            nothing was sent.
        ApiException (and its status subclasses): the API answered with an error, or with a body that
            is not an SDP answer.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    operation = "new_realtime_call"
    logger.debug("Calling method: %s", operation)
    config = resolve_configuration(configuration)
    extra = check_extra_body(extra_body)
    parts = [("sdp", _SDP, _sdp_offer(sdp))]
    if not _left_out(session):
        from .models.realtime_client_secrets import RealtimeSessionCreateRequestGA

        session_json = json_body(
            session, RealtimeSessionCreateRequestGA, "session", "createRealtimeCall", nested=True, extra_body=extra
        )
        parts.append(("session", _JSON, session_json))
    elif extra is not None:
        parts.append(("session", _JSON, extra_only_body(extra)))
    if logger.isEnabledFor(logging.DEBUG):
        # The offer carries the browser's ICE credentials: its size is logged, not its text.
        shown = f"sdp=<{len(parts[0][2])} bytes>"
        if len(parts) > 1:
            shown += f", session={loggable_json(parts[1][2])}"
        logger.debug("Parameters: %s", shown)
    body, content_type = multipart_body(parts)
    response = send(operation, "/realtime/calls", body, config, content_type=content_type, accept=_SDP)
    answer = response.body
    if not answer.startswith("v="):
        raise _transport.api_exception_from_2xx(
            response, "the body is not an SDP answer (it does not start with 'v=')."
        )
    if with_http_info:
        headers = CaseInsensitiveHeaders(response.headers)
        location = headers.get("Location")
        return ApiResponse(answer, response.status, headers, call_id=_call_id_from_location(location))
    return answer


@overload
def receive_realtime_call(
    call_id: str | None = None,
    realtime_session_create_request_ga: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None: ...


@overload
def receive_realtime_call(
    call_id: str | None = None,
    realtime_session_create_request_ga: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[None]: ...


@overload
def receive_realtime_call(
    call_id: str | None = None,
    realtime_session_create_request_ga: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]: ...


def receive_realtime_call(
    call_id: str | None = None,
    realtime_session_create_request_ga: RealtimeSessionCreateRequestGA | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]:
    """Accept an incoming SIP call with ``POST /realtime/calls/{call_id}/accept`` (PowerShell's ``Receive-RealtimeCall``).

    The caller is connected to a model running the session given here.

    Args:
        call_id: the call's id, from the ``realtime.call.incoming`` webhook.
        realtime_session_create_request_ga: the session that answers the call: a
            ``RealtimeSessionCreateRequestGA`` or a plain dict (checked against the GA schema, then sent as given).
        with_http_info: return an ``ApiResponse`` (``response`` None) with status code and headers.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        None (or an ``ApiResponse``).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        NotFoundException: no call with this id. Other ApiException subclasses: any other error answer.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_client_secrets import RealtimeSessionCreateRequestGA

    return _act(
        "receive_realtime_call",
        "acceptRealtimeCall",
        call_id,
        "accept",
        ("realtime_session_create_request_ga", realtime_session_create_request_ga, RealtimeSessionCreateRequestGA),
        with_http_info,
        configuration,
        extra_body,
    )


@overload
def deny_realtime_call(
    call_id: str | None = None,
    realtime_call_reject_request: RealtimeCallRejectRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None: ...


@overload
def deny_realtime_call(
    call_id: str | None = None,
    realtime_call_reject_request: RealtimeCallRejectRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[None]: ...


@overload
def deny_realtime_call(
    call_id: str | None = None,
    realtime_call_reject_request: RealtimeCallRejectRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]: ...


def deny_realtime_call(
    call_id: str | None = None,
    realtime_call_reject_request: RealtimeCallRejectRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]:
    """Reject an incoming SIP call with ``POST /realtime/calls/{call_id}/reject`` (PowerShell's ``Deny-RealtimeCall``).

    Args:
        call_id: the call's id, from the ``realtime.call.incoming`` webhook.
        realtime_call_reject_request: a ``RealtimeCallRejectRequest`` or a plain dict with the SIP
            ``status_code`` the caller hears (486 for busy, say); left out, no body is sent and the API
            declines with 603.
        with_http_info: return an ``ApiResponse`` (``response`` None) with status code and headers.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        None (or an ``ApiResponse``).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        NotFoundException: no call with this id. Other ApiException subclasses: any other error answer.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_calls import RealtimeCallRejectRequest

    given = not _left_out(realtime_call_reject_request)
    return _act(
        "deny_realtime_call",
        "rejectRealtimeCall",
        call_id,
        "reject",
        ("realtime_call_reject_request", realtime_call_reject_request, RealtimeCallRejectRequest) if given else None,
        with_http_info,
        configuration,
        extra_body,
    )


@overload
def invoke_refer_realtime_call(
    call_id: str | None = None,
    realtime_call_refer_request: RealtimeCallReferRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None: ...


@overload
def invoke_refer_realtime_call(
    call_id: str | None = None,
    realtime_call_refer_request: RealtimeCallReferRequest | dict[str, Any] | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[None]: ...


@overload
def invoke_refer_realtime_call(
    call_id: str | None = None,
    realtime_call_refer_request: RealtimeCallReferRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]: ...


def invoke_refer_realtime_call(
    call_id: str | None = None,
    realtime_call_refer_request: RealtimeCallReferRequest | dict[str, Any] | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]:
    """Transfer a SIP call elsewhere with ``POST /realtime/calls/{call_id}/refer`` (PowerShell's ``Invoke-ReferRealtimeCall``).

    Args:
        call_id: the call's id.
        realtime_call_refer_request: a ``RealtimeCallReferRequest`` or a plain dict naming the
            ``target_uri`` (``tel:+14155550123``, ``sip:desk@example.com``).
        with_http_info: return an ``ApiResponse`` (``response`` None) with status code and headers.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        None (or an ``ApiResponse``).

    Raises:
        ApiValueError, ApiTypeError: bad input (no ``target_uri``, say); nothing was sent.
        NotFoundException: no call with this id. Other ApiException subclasses: any other error answer.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    from .models.realtime_calls import RealtimeCallReferRequest

    return _act(
        "invoke_refer_realtime_call",
        "referRealtimeCall",
        call_id,
        "refer",
        ("realtime_call_refer_request", realtime_call_refer_request, RealtimeCallReferRequest),
        with_http_info,
        configuration,
        extra_body,
    )


@overload
def invoke_hangup_realtime_call(
    call_id: str | None = None,
    *,
    with_http_info: Literal[False] = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None: ...


@overload
def invoke_hangup_realtime_call(
    call_id: str | None = None,
    *,
    with_http_info: Literal[True],
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> ApiResponse[None]: ...


@overload
def invoke_hangup_realtime_call(
    call_id: str | None = None,
    *,
    with_http_info: bool,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]: ...


def invoke_hangup_realtime_call(
    call_id: str | None = None,
    *,
    with_http_info: bool = False,
    configuration: Configuration | None = None,
    extra_body: dict[str, Any] | None = None,
) -> None | ApiResponse[None]:
    """End a call, SIP or WebRTC, with ``POST /realtime/calls/{call_id}/hangup`` (PowerShell's ``Invoke-HangupRealtimeCall``).

    Args:
        call_id: the call's id (for a WebRTC call, the ``call_id`` of ``new_realtime_call(...,
            with_http_info=True)``).
        with_http_info: return an ``ApiResponse`` (``response`` None) with status code and headers.
        configuration: use this ``Configuration`` instead of the module-wide one.
        extra_body: JSON fields to add to the body, for fields newer than this version's models: merged
            in last (objects key by key, other values replaced) and sent unchecked; see docs/RealtimeApi.md.

    Returns:
        None (or an ``ApiResponse``).

    Raises:
        ApiValueError, ApiTypeError: bad input; nothing was sent.
        NotFoundException: no call with this id. Other ApiException subclasses: any other error answer.
        ApiConnectionError, ApiTimeoutError: no answer.
    """
    return _act(
        "invoke_hangup_realtime_call",
        "hangupRealtimeCall",
        call_id,
        "hangup",
        None,
        with_http_info,
        configuration,
        extra_body,
    )


def _act(
    operation: str,
    operation_id: str,
    call_id: Any,
    action: str,
    request: tuple[str, Any, type[Model]] | None,
    with_http_info: bool,
    configuration: Configuration | None,
    extra_body: Any,
) -> ApiResponse[None] | None:
    """What the four call actions do: check the id and the body (parameter, value, model), POST, answer None.

    With ``extra_body`` and no body of the call's own, the extra fields are the whole JSON body.
    """
    logger.debug("Calling method: %s", operation)
    config = resolve_configuration(configuration)
    path = f"/realtime/calls/{_call_segment(call_id, operation_id)}/{action}"
    extra = check_extra_body(extra_body)
    body, content_type = b"", None
    if request is not None:
        parameter, value, model_cls = request
        body, content_type = json_body(value, model_cls, parameter, operation_id, extra_body=extra), _JSON
    elif extra is not None:
        body, content_type = extra_only_body(extra), _JSON
    if logger.isEnabledFor(logging.DEBUG):
        shown = f"call_id={call_id!r}"
        if content_type is not None:
            shown += f", {request[0] if request is not None else 'extra_body'}={loggable_json(body)}"
        logger.debug("Parameters: %s", shown)
    response = send(operation, path, body, config, content_type=content_type)
    if with_http_info:
        return ApiResponse(None, response.status, CaseInsensitiveHeaders(response.headers))
    return None


def _left_out(value: Any) -> bool:
    """Whether an optional body was left out (None, or UNSET as the model builders spell it)."""
    return value is None or value is UNSET


def _call_segment(call_id: Any, operation_id: str) -> str:
    """The call id as one percent-encoded path segment: nothing in it (``/``, ``?``, ``..``) can change the route."""
    if call_id is None or call_id is UNSET or (isinstance(call_id, str) and not call_id):
        raise missing("call_id", operation=operation_id, value=call_id, expected="a call id (a non-empty str)")
    if not isinstance(call_id, str):
        raise invalid_type("call_id", call_id, "a call id (a non-empty str)")
    if call_id in (".", ".."):
        # URL normalisation (in requests, proxies and servers alike) removes these path steps, so the
        # call would go to another route; no call has such an id.
        raise invalid_value("call_id", call_id, "A call id cannot be '.' or '..'.")
    try:
        return quote(call_id, safe="")
    except UnicodeEncodeError:
        raise invalid_value("call_id", call_id, "A call id must be text that can be encoded as UTF-8.") from None


_SDP_EXPECTED = "an SDP offer (a str starting with 'v=0')"


def _sdp_offer(sdp: Any) -> bytes:
    """The offer's bytes (UTF-8), after checking that it is SDP text; its content never goes into a message."""
    if sdp is None or sdp is UNSET or (isinstance(sdp, str) and not sdp):
        raise missing("sdp", operation="createRealtimeCall", expected=_SDP_EXPECTED)
    if not isinstance(sdp, str):
        hint = " (decode it first: sdp.decode('utf-8'))" if isinstance(sdp, (bytes, bytearray)) else ""
        raise invalid_type("sdp", sdp, "the SDP offer as text (a str)", show_value=False, hint=hint)
    if not sdp.startswith("v="):
        # The first characters only: a wrong argument (a file name, say) shows, the offer's ICE password never does.
        raise invalid_value(
            "sdp",
            sdp,
            f"an SDP offer starts with 'v=0', this text starts with {sdp[:20]!r}.",
            show_value=False,
            expected=_SDP_EXPECTED,
        )
    try:
        return sdp.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid_value(
            "sdp",
            sdp,
            "the offer cannot be encoded as UTF-8 (it holds a lone surrogate).",
            show_value=False,
            expected=_SDP_EXPECTED,
        ) from None


def _call_id_from_location(location: str | None) -> str | None:
    """The call id at the end of a ``Location`` header (``/v1/realtime/calls/rtc_123``), or None without one."""
    if not location:
        return None
    try:
        path = urlsplit(location).path
    except ValueError:  # a server's header that is no URL (an unclosed "[", say): no call id in it
        return None
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    return unquote(segment) or None
