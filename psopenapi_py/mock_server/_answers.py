"""The answers of the JSON endpoints: each checks its body strictly and builds what OpenAI would answer."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from typing import Any

from ..models.realtime_sessions import RealtimeSessionCreateRequest
from ._bodies import strict_parse
from ._recording import redacted_mcp_tool

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
        session["tools"] = [redacted_mcp_tool(tool) for tool in requested["tools"]]
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


#: Path -> handler for POST. A handler gets the parsed JSON object of the request and returns the JSON
#: object to answer with, or raises MockError.
ROUTES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "/v1/realtime/sessions": create_realtime_session,
    "/v1/realtime/client_secrets": create_realtime_client_secret,
}
