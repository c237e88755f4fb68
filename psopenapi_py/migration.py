"""From the retired beta ``new_realtime_session`` to the GA ``new_realtime_client_secret``.

OpenAI retired the Realtime beta API (``POST /realtime/sessions`` now answers with the error code
``beta_api_shape_disabled``). :func:`realtime_session_request_to_ga` turns a beta request into the GA
request that asks for the same session, and :func:`realtime_session_request_to_ga_call` writes the
equivalent Python call out (``new_realtime_session`` puts it in its retired-beta error). The mapping,
field by field, is in ``docs/migrating-to-ga.md``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._runtime import UNSET, _to_json_value
from .exceptions import invalid_enum, invalid_type, invalid_value

if TYPE_CHECKING:
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest
    from .models.realtime_sessions import RealtimeSessionCreateRequest

__all__ = ["realtime_session_request_to_ga", "realtime_session_request_to_ga_call"]

#: Beta audio format names -> the GA format objects.
AUDIO_FORMATS: dict[str, dict[str, Any]] = {
    "pcm16": {"type": "audio/pcm", "rate": 24000},
    "g711_ulaw": {"type": "audio/pcmu"},
    "g711_alaw": {"type": "audio/pcma"},
}

#: Beta preview model name prefixes -> the GA model that replaces them (longest prefix first).
MODEL_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("gpt-4o-mini-realtime-preview", "gpt-realtime-mini"),
    ("gpt-4o-realtime-preview", "gpt-realtime"),
)

#: Beta fields the GA session has no place for.
UNSUPPORTED: dict[str, str] = {
    "temperature": "the GA Realtime session has no temperature (the model picks its own sampling)",
}

TOOL_CHOICE_MODES = ("auto", "none", "required")


def realtime_session_request_to_ga(
    request: RealtimeSessionCreateRequest | dict[str, Any],
    *,
    drop_unsupported: bool = False,
) -> RealtimeCreateClientSecretRequest:
    """The GA request (for ``new_realtime_client_secret``) that asks for the session a beta request asked for.

    ``modalities`` becomes ``output_modalities``, ``voice`` and the audio formats move under ``audio``,
    ``turn_detection`` and ``input_audio_transcription`` under ``audio.input``, and
    ``max_response_output_tokens`` becomes ``max_output_tokens``; beta preview models become their GA
    successors (``gpt-4o-realtime-preview`` -> ``gpt-realtime``).

    Args:
        request: a ``RealtimeSessionCreateRequest`` or the same as a plain dict.
        drop_unsupported: leave out fields GA has no place for (``temperature``) instead of raising.

    Returns:
        A ``RealtimeCreateClientSecretRequest`` with a realtime ``session`` and no ``expires_after``
        (the key then lives the API's default 600 seconds).

    Raises:
        ApiValueError: the request sets a field GA has no place for (and ``drop_unsupported`` is
            false), or a value that has no GA equivalent (a turn detection ``type`` other than
            ``server_vad``/``semantic_vad``).
        ApiTypeError: ``request`` is neither a RealtimeSessionCreateRequest nor a dict.
    """
    body, _notes, unsupported = _convert(request)
    if unsupported and not drop_unsupported:
        field, value = unsupported[0]
        reason = UNSUPPORTED[field]
        problem = f"{reason[0].upper()}{reason[1:]}; leave it out, or pass drop_unsupported=True to convert without it."
        raise invalid_value(field, value, problem, expected="no value (not supported by the GA API)")
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    return RealtimeCreateClientSecretRequest.from_dict(body, lenient=False)


def realtime_session_request_to_ga_call(request: RealtimeSessionCreateRequest | dict[str, Any]) -> str:
    """The Python source of the ``new_realtime_client_secret`` call equivalent to a beta request, with notes.

    Fields GA has no place for are left out and named in the notes, as are the values that changed
    (a preview model replaced by its GA successor).

    Raises:
        ApiValueError, ApiTypeError: as :func:`realtime_session_request_to_ga`, for values with no GA equivalent.
    """
    body, notes, unsupported = _convert(request)
    # Built and checked through the GA models, so the printed call is one that passes them.
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    checked = RealtimeCreateClientSecretRequest.from_dict(body, lenient=False).to_dict()
    literal = _literal(checked, "    realtime_create_client_secret_request=", "    ")
    lines = ["new_realtime_client_secret(", f"    realtime_create_client_secret_request={literal},", ")"]
    notes = notes + [f"{field}={_flat(value)} is left out: {UNSUPPORTED[field]}." for field, value in unsupported]
    if notes:
        lines += ["", "Notes:"] + [f"- {note}" for note in notes]
    return "\n".join(lines)


def _convert(request: Any) -> tuple[dict[str, Any], list[str], list[tuple[str, Any]]]:
    """(GA body, notes on changed values, [(unsupported field, value)]) for a beta request."""
    from .models.realtime_sessions import RealtimeSessionCreateRequest

    if isinstance(request, RealtimeSessionCreateRequest):
        beta = request.to_dict()
    elif isinstance(request, dict):
        # Checked like new_realtime_session checks it, so a typo fails here with the same message.
        beta = RealtimeSessionCreateRequest.from_dict(_to_json_value(request), lenient=False).to_dict()
    else:
        raise invalid_type("request", request, "a RealtimeSessionCreateRequest or a dict", show_value=False)
    notes: list[str] = []
    unsupported = [(field, beta[field]) for field in UNSUPPORTED if field in beta]
    session: dict[str, Any] = {"type": "realtime"}
    audio_in: dict[str, Any] = {}
    audio_out: dict[str, Any] = {}

    if "modalities" in beta and beta["modalities"] is not None:
        modalities = list(beta["modalities"])
        if "audio" in modalities:
            session["output_modalities"] = ["audio"]
            if "text" in modalities:
                notes.append(
                    'modalities ["text", "audio"] becomes output_modalities ["audio"]: GA sends a transcript '
                    "with the audio, and does not take both."
                )
        elif modalities:
            session["output_modalities"] = ["text"]
    if "model" in beta and beta["model"] is not None:
        session["model"] = _ga_model(beta["model"], notes)
    if "instructions" in beta:
        session["instructions"] = beta["instructions"]
    if "voice" in beta and beta["voice"] is not None:
        audio_out["voice"] = beta["voice"]
    for beta_key, target in (("input_audio_format", audio_in), ("output_audio_format", audio_out)):
        if beta.get(beta_key) is not None:
            target["format"] = dict(AUDIO_FORMATS[beta[beta_key]])
    if "input_audio_transcription" in beta:
        transcription = beta["input_audio_transcription"]
        if transcription is None:
            notes.append(
                "input_audio_transcription=None is left out: a new GA session has no transcription unless "
                "audio.input.transcription is set."
            )
        else:
            audio_in["transcription"] = dict(transcription)
    if "turn_detection" in beta:
        audio_in["turn_detection"] = _ga_turn_detection(beta["turn_detection"])
    if "tools" in beta and beta["tools"] is not None:
        session["tools"] = [{"type": "function", **tool} for tool in beta["tools"]]
    if "tool_choice" in beta and beta["tool_choice"] is not None:
        choice = beta["tool_choice"]
        if choice in TOOL_CHOICE_MODES:
            session["tool_choice"] = choice
        else:
            session["tool_choice"] = {"type": "function", "name": choice}
            notes.append(f"tool_choice {_flat(choice)} becomes {_flat(session['tool_choice'])}.")
    if "max_response_output_tokens" in beta and beta["max_response_output_tokens"] is not None:
        session["max_output_tokens"] = beta["max_response_output_tokens"]

    audio = {key: part for key, part in (("input", audio_in), ("output", audio_out)) if part}
    if audio:
        session["audio"] = audio
    # The GA schema's key order (audio after instructions) keeps printed calls easy to compare.
    return {"session": {key: session[key] for key in _SESSION_ORDER if key in session}}, notes, unsupported


_SESSION_ORDER = ("type", "output_modalities", "model", "instructions", "audio", "tools", "tool_choice", "max_output_tokens")


def _ga_model(model: str, notes: list[str]) -> str:
    for prefix, replacement in MODEL_REPLACEMENTS:
        if model.startswith(prefix):
            notes.append(f"model {_flat(model)} is a beta preview model; its GA successor {_flat(replacement)} is used.")
            return replacement
    return model


def _ga_turn_detection(turn_detection: Any) -> Any:
    if turn_detection is None:
        return None  # null turns detection off in both APIs
    kind = turn_detection.get("type", UNSET)
    if kind in (UNSET, "server_vad"):
        keys = ("threshold", "prefix_padding_ms", "silence_duration_ms", "create_response")
        return {"type": "server_vad", **{k: turn_detection[k] for k in keys if k in turn_detection}}
    if kind == "semantic_vad":
        dropped = [k for k in ("threshold", "prefix_padding_ms", "silence_duration_ms") if k in turn_detection]
        if dropped:
            raise invalid_value(
                "turn_detection",
                turn_detection,
                f"semantic_vad takes no {', '.join(dropped)} in the GA API.",
                show_value=False,
                expected="server_vad with threshold/padding/silence, or semantic_vad without them",
            )
        out: dict[str, Any] = {"type": "semantic_vad"}
        if "create_response" in turn_detection:
            out["create_response"] = turn_detection["create_response"]
        return out
    raise invalid_enum("turn_detection.type", kind, ["server_vad", "semantic_vad"])


#: Printed calls wrap a dict or list that would run past this many characters.
LINE_CHARS = 100


def _flat(value: Any) -> str:
    """A one-line Python literal of a JSON value, strings in double quotes as in the JSON examples."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)  # True, False, None and numbers are spelled the Python way


def _literal(value: Any, prefix: str, indent: str) -> str:
    """A Python literal of a JSON value laid out one item per line where one line would be too long."""
    flat = _flat(value)
    if len(prefix) + len(flat) <= LINE_CHARS or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + "    "
    if isinstance(value, dict):
        items = [f"{inner}{_flat(k)}: {_literal(v, f'{inner}{_flat(k)}: ', inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    items = [f"{inner}{_literal(v, inner, inner)}," for v in value]
    return "[\n" + "\n".join(items) + f"\n{indent}]"
