"""What each endpoint answers: every one checks its body strictly and builds what OpenAI would answer."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Mapping
from email.message import Message
from typing import Any

from ..models.realtime_sessions import RealtimeSessionCreateRequest
from ._bodies import Part, form_parts, json_kind, json_object, json_problem, media_type, strict_parse
from ._calls import DEFAULT_REJECT_STATUS, CallBook
from ._errors import Answer, MockError
from ._recording import without_mcp_credentials

#: Ephemeral keys expire this many seconds after they are minted, as the real API's do.
EPHEMERAL_KEY_TTL_SEC = 60

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


def create_realtime_session(data: dict[str, Any]) -> dict[str, Any]:
    """Answer ``POST /v1/realtime/sessions``: check the body strictly, return a session with a fresh key.

    Raises:
        MockError: 400 naming the offending parameter when the body does not follow the spec.
    """
    request = strict_parse(RealtimeSessionCreateRequest, data)
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
    from ..models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    given = strict_parse(RealtimeCreateClientSecretRequest, data).to_dict()
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
        session["tools"] = without_mcp_credentials(requested["tools"])
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


#: What a beta transcription session answer holds for settings the request left out: OpenAI's example
#: answer (server VAD 0.5 / 300 ms / 200 ms, pcm16, gpt-4o-transcribe), without its nulls, which the
#: response schema does not allow.
TRANSCRIPTION_SESSION_DEFAULTS: Mapping[str, Any] = {
    "modalities": ["audio", "text"],
    "turn_detection": {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300, "silence_duration_ms": 200},
    "input_audio_format": "pcm16",
    "input_audio_transcription": {"model": "gpt-4o-transcribe", "prompt": ""},
}
#: The transcription settings the response schema (AudioTranscriptionResponse) can hold.
_TRANSCRIPTION_RESPONSE_KEYS = ("model", "language", "languages", "prompt")


def create_realtime_transcription_session(data: dict[str, Any]) -> dict[str, Any]:
    """Answer ``POST /v1/realtime/transcription_sessions`` (beta): check the body strictly, return the session and a key.

    The answer follows OpenAI's example: the requested settings over its defaults, an ``id``, an
    ``object`` and a ``client_secret`` that lives ten minutes (the response schema's stated TTL).

    Raises:
        MockError: 400 naming the offending parameter when the body does not follow the spec.
    """
    from ..models.realtime_transcription_sessions import RealtimeTranscriptionSessionCreateRequest

    given = strict_parse(RealtimeTranscriptionSessionCreateRequest, data).to_dict()
    now = int(time.time())
    transcription = given.get("input_audio_transcription", TRANSCRIPTION_SESSION_DEFAULTS["input_audio_transcription"])
    session: dict[str, Any] = {
        "id": "sess_" + secrets.token_hex(12),
        "object": "realtime.transcription_session",
        "expires_at": now + CLIENT_SECRET_TTL_SEC,
        "modalities": list(TRANSCRIPTION_SESSION_DEFAULTS["modalities"]),
        "turn_detection": {**TRANSCRIPTION_SESSION_DEFAULTS["turn_detection"], **given.get("turn_detection", {})},
        "input_audio_format": given.get("input_audio_format", TRANSCRIPTION_SESSION_DEFAULTS["input_audio_format"]),
        # The request may also carry delay and keywords, which the response schema has no place for.
        "input_audio_transcription": {k: transcription[k] for k in _TRANSCRIPTION_RESPONSE_KEYS if k in transcription},
    }
    for key in ("input_audio_noise_reduction", "include"):
        if key in given:
            session[key] = given[key]
    session["client_secret"] = {"value": "ek_" + secrets.token_hex(16), "expires_at": now + CLIENT_SECRET_TTL_SEC}
    return session


def create_realtime_translation_client_secret(data: dict[str, Any]) -> dict[str, Any]:
    """Answer ``POST /v1/realtime/translations/client_secrets``: check the body strictly, return a key and the session.

    The session is the one asked for, in the shape of OpenAI's example answer: its ``audio.input``
    holds ``transcription`` and ``noise_reduction`` (null when not asked for), its ``audio.output``
    what was asked for; session and key expire together, ``expires_after.seconds`` (default 600) from now.

    Raises:
        MockError: 400 naming the offending parameter when the body does not follow the spec.
    """
    from ..models.realtime_translations import RealtimeTranslationClientSecretCreateRequest

    given = strict_parse(RealtimeTranslationClientSecretCreateRequest, data).to_dict()
    expires_at = int(time.time()) + given.get("expires_after", {}).get("seconds", CLIENT_SECRET_TTL_SEC)
    requested = given["session"]
    audio = requested.get("audio", {})
    audio_in = audio.get("input", {})
    session = {
        "id": "sess_" + secrets.token_hex(12),
        "type": "translation",
        "expires_at": expires_at,
        "model": requested["model"],
        "audio": {
            "input": {
                "transcription": audio_in.get("transcription"),
                "noise_reduction": audio_in.get("noise_reduction"),
            },
            "output": dict(audio.get("output", {})),
        },
    }
    return {"value": "ek_" + secrets.token_hex(16), "expires_at": expires_at, "session": session}


#: Path -> handler for POST. A handler gets the parsed JSON object of the request and returns the JSON
#: object to answer with, or raises MockError. (The call paths, whose bodies and answers are not all
#: JSON, are answered by :func:`create_call` and :func:`act_on_call`.)
ROUTES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "/v1/realtime/sessions": create_realtime_session,
    "/v1/realtime/client_secrets": create_realtime_client_secret,
    "/v1/realtime/transcription_sessions": create_realtime_transcription_session,
    "/v1/realtime/translations/client_secrets": create_realtime_translation_client_secret,
}
#: The beta paths ``retired_beta=True`` answers as OpenAI does today.
BETA_PATHS = frozenset({"/v1/realtime/sessions", "/v1/realtime/transcription_sessions"})
#: The path of WebRTC calls; the actions on a call are ``CALLS_PATH + "/{call_id}/{action}"``.
CALLS_PATH = "/v1/realtime/calls"


def minted_key(answer: Any) -> tuple[str, int] | None:
    """The ephemeral key an answer holds and its expiry: at the top (client secrets) or under ``client_secret``."""
    holder = answer.get("client_secret", answer) if isinstance(answer, dict) else None
    if isinstance(holder, dict) and isinstance(holder.get("value"), str) and isinstance(holder.get("expires_at"), int):
        return holder["value"], holder["expires_at"]
    return None


def retired_beta_error(path: str) -> MockError:
    """The error OpenAI answers a retired beta path with: 400, code ``beta_api_shape_disabled``.

    The code is what clients recognise (psopenapi_py's BetaApiRetiredError, the SDK's BadRequestError);
    the message is the mock's own words.
    """
    ga = "a transcription session" if path.endswith("/transcription_sessions") else "a session"
    return MockError(
        400,
        f"The Realtime beta API has been retired: create {ga} with POST /v1/realtime/client_secrets instead.",
        code="beta_api_shape_disabled",
    )


def create_call(calls: CallBook, headers: Message, body: bytes | None) -> Answer:
    """Answer ``POST /v1/realtime/calls``: 201 with the SDP answer, the call's path in ``Location``.

    The offer comes as multipart/form-data (an ``sdp`` part and an optional ``session`` part, checked
    strictly as RealtimeSessionCreateRequestGA) or as a bare ``application/sdp`` body.

    Raises:
        MockError: 415 for another content type; 400 naming ``sdp`` or the session field at fault.
    """
    kind = media_type(headers)
    session: dict[str, Any] | None = None
    if kind == "application/sdp":
        offer = _sdp_text(body or b"")
    elif kind == "multipart/form-data":
        parts = form_parts(headers, body)
        for name in parts:
            if name not in ("sdp", "session"):
                raise MockError(
                    400,
                    f"Unknown part '{name}' in the multipart body: the parts are sdp and, optionally, session.",
                    param=name,
                    code="unknown_parameter",
                )
        if "sdp" not in parts:
            raise MockError(
                400,
                "Missing required parameter: 'sdp' (a part with the SDP offer).",
                param="sdp",
                code="missing_required_parameter",
            )
        _check_part_type(parts["sdp"], "sdp", ("application/sdp", "text/plain"))
        offer = _sdp_text(parts["sdp"].data)
        if "session" in parts:
            session = _session_part(parts["session"])
    else:
        content_type = headers.get("Content-Type")
        shown = "missing" if content_type is None else repr(content_type)
        raise MockError(
            415, f"Invalid Content-Type header ({shown}): expected 'multipart/form-data' or 'application/sdp'."
        )
    call_id, answer = calls.create(offer, session)
    return Answer(201, answer, "application/sdp", {"Location": f"{CALLS_PATH}/{call_id}"})


def _sdp_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise MockError(
            400, "Invalid SDP offer in 'sdp': it is not UTF-8 text.", param="sdp", code="invalid_value"
        ) from None


def _check_part_type(part: Part, name: str, allowed: tuple[str, ...]) -> None:
    """400 unless the part was sent without a Content-Type or with one of the allowed ones."""
    if part.content_type is not None and part.content_type not in allowed:
        raise MockError(
            400,
            f"Invalid Content-Type {part.content_type!r} for the '{name}' part: expected {allowed[0]!r}.",
            param=name,
            code="invalid_value",
        )


def _session_part(part: Part) -> dict[str, Any]:
    """The ``session`` part, checked strictly as RealtimeSessionCreateRequestGA (errors name ``session.<field>``)."""
    from ..models.realtime_client_secrets import RealtimeSessionCreateRequestGA

    _check_part_type(part, "session", ("application/json",))
    try:
        data = json.loads(part.data)
    except (ValueError, RecursionError) as exc:
        raise MockError(
            400, f"We could not parse the JSON of the 'session' part: {json_problem(exc)}", param="session"
        ) from None
    if not isinstance(data, dict):
        raise MockError(
            400,
            f"Invalid 'session' part: expected a JSON object, got a JSON {json_kind(data)}.",
            param="session",
            code="invalid_type",
        )
    strict_parse(RealtimeSessionCreateRequestGA, data, name="session")
    return without_mcp_credentials(data)  # type: ignore[no-any-return]


def act_on_call(calls: CallBook, call_id: str, action: str, headers: Message, body: bytes | None) -> Answer:
    """Answer ``POST /v1/realtime/calls/{call_id}/{accept|reject|refer|hangup}``: 200 with an empty body.

    Checked in this order: the call exists (404), the body follows the spec (400: accept takes a
    RealtimeSessionCreateRequestGA, reject an optional RealtimeCallRejectRequest, refer a
    RealtimeCallReferRequest, hangup no body), the call's state allows the action (409).
    """
    from ..models.realtime_calls import RealtimeCallReferRequest, RealtimeCallRejectRequest
    from ..models.realtime_client_secrets import RealtimeSessionCreateRequestGA

    calls.find(call_id)
    changes: dict[str, Any] = {}
    if action == "accept":
        data = json_object(headers, body)
        strict_parse(RealtimeSessionCreateRequestGA, data)
        changes["session"] = without_mcp_credentials(data)
    elif action == "reject":
        # The body is optional: without one the caller hears the API's default status.
        given = strict_parse(RealtimeCallRejectRequest, json_object(headers, body)).to_dict() if body else {}
        changes["status_code"] = given.get("status_code", DEFAULT_REJECT_STATUS)
    elif action == "refer":
        changes["target_uri"] = strict_parse(RealtimeCallReferRequest, json_object(headers, body)).to_dict()[
            "target_uri"
        ]
    elif body:
        extra = json_object(headers, body)
        if extra:
            raise MockError(
                400,
                "Invalid body: hangup takes no request body (send none, or {}).",
                param=next(iter(extra)),
                code="unknown_parameter",
            )
    calls.act(call_id, action, **changes)
    return Answer(200)
