"""realtime_session_request_to_ga and realtime_session_request_to_ga_call: beta requests in GA form."""

from __future__ import annotations

import ast
import json
from typing import Any

import pytest
from spec_validation import REALTIME_API_SPEC, validate

from psopenapi_py import (
    ApiTypeError,
    ApiValueError,
    RealtimeCreateClientSecretRequest,
    RealtimeSessionCreateRequestGA,
    initialize_realtime_response_create_params_max_response_output_tokens,
    initialize_realtime_response_create_params_tools_inner,
    initialize_realtime_session_create_request,
    initialize_realtime_session_create_request_turn_detection,
    initialize_realtime_session_input_audio_transcription,
    realtime_session_request_to_ga,
    realtime_session_request_to_ga_call,
)


def ga_body(request: Any, **options: Any) -> dict[str, Any]:
    """The converted request as sent, after checking it against the GA request schema."""
    converted = realtime_session_request_to_ga(request, **options)
    assert isinstance(converted, RealtimeCreateClientSecretRequest)
    body = json.loads(converted.to_json())
    validate(body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    return body  # type: ignore[no-any-return]


def seed_doc_request() -> Any:
    """The seed documentation example's request, with a real turn detection type and a GA-known function name."""
    return initialize_realtime_session_create_request(
        modalities="text",
        model="gpt-4o-realtime-preview",
        instructions="MyInstructions",
        voice="alloy",
        input_audio_format="pcm16",
        output_audio_format="pcm16",
        input_audio_transcription=initialize_realtime_session_input_audio_transcription(model="whisper-1"),
        turn_detection=initialize_realtime_session_create_request_turn_detection(
            type="server_vad", threshold=0, prefix_padding_ms=0, silence_duration_ms=0, create_response=False
        ),
        tools=initialize_realtime_response_create_params_tools_inner(
            type="function", name="MyName", description="MyDescription", parameters={}
        ),
        tool_choice="MyName",
        temperature=0.8,
        max_response_output_tokens=initialize_realtime_response_create_params_max_response_output_tokens(),
    )


def test_every_beta_field_lands_in_its_ga_place() -> None:
    """The seed doc example, field by field, in GA form (temperature dropped on request)."""
    assert ga_body(seed_doc_request(), drop_unsupported=True) == {
        "session": {
            "type": "realtime",
            "output_modalities": ["text"],
            "model": "gpt-realtime",
            "instructions": "MyInstructions",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "transcription": {"model": "whisper-1"},
                    "turn_detection": {
                        "type": "server_vad",
                        "threshold": 0,
                        "prefix_padding_ms": 0,
                        "silence_duration_ms": 0,
                        "create_response": False,
                    },
                },
                "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "alloy"},
            },
            "tools": [{"type": "function", "name": "MyName", "description": "MyDescription", "parameters": {}}],
            "tool_choice": {"type": "function", "name": "MyName"},
            "max_output_tokens": "inf",
        }
    }


def test_the_result_is_the_typed_ga_request() -> None:
    """The conversion returns models: the session is a RealtimeSessionCreateRequestGA."""
    converted = realtime_session_request_to_ga({"model": "gpt-4o-realtime-preview"})
    assert isinstance(converted.session, RealtimeSessionCreateRequestGA)
    assert converted.to_dict() == {"session": {"type": "realtime", "model": "gpt-realtime"}}


@pytest.mark.parametrize(
    ("beta", "ga"),
    [
        ("pcm16", {"type": "audio/pcm", "rate": 24000}),
        ("g711_ulaw", {"type": "audio/pcmu"}),
        ("g711_alaw", {"type": "audio/pcma"}),
    ],
)
def test_audio_format_names_become_format_objects(beta: str, ga: dict[str, Any]) -> None:
    """input_audio_format and output_audio_format names become the GA format objects."""
    body = ga_body({"model": "gpt-4o-realtime-preview", "input_audio_format": beta, "output_audio_format": beta})
    assert body["session"]["audio"] == {"input": {"format": ga}, "output": {"format": ga}}


@pytest.mark.parametrize(
    ("modalities", "output_modalities"),
    [(["text"], ["text"]), (["audio"], ["audio"]), (["text", "audio"], ["audio"]), (["audio", "text"], ["audio"])],
)
def test_modalities_become_output_modalities(modalities: list[str], output_modalities: list[str]) -> None:
    """GA takes one output modality: audio (with its transcript) whenever beta asked for audio."""
    body = ga_body({"model": "gpt-4o-realtime-preview", "modalities": modalities})
    assert body["session"]["output_modalities"] == output_modalities


@pytest.mark.parametrize(
    ("beta", "ga"),
    [
        ("gpt-4o-realtime-preview", "gpt-realtime"),
        ("gpt-4o-realtime-preview-2024-12-17", "gpt-realtime"),
        ("gpt-4o-mini-realtime-preview", "gpt-realtime-mini"),
        ("gpt-4o-mini-realtime-preview-2024-12-17", "gpt-realtime-mini"),
    ],
)
def test_beta_preview_models_become_their_ga_successors(beta: str, ga: str) -> None:
    """Each of the module's five beta model names maps to gpt-realtime or gpt-realtime-mini."""
    assert ga_body({"model": beta})["session"]["model"] == ga


def test_temperature_is_refused_unless_dropping_is_asked_for() -> None:
    """GA has no temperature: an error naming it, or, with drop_unsupported=True, a body without it."""
    with pytest.raises(ApiValueError) as info:
        realtime_session_request_to_ga({"model": "gpt-4o-realtime-preview", "temperature": 0.8})
    assert str(info.value) == (
        "Invalid value for 'temperature': 0.8. The GA Realtime session has no temperature (the model picks its "
        "own sampling); leave it out, or pass drop_unsupported=True to convert without it."
    )
    assert (info.value.parameter, info.value.value) == ("temperature", 0.8)
    body = ga_body({"model": "gpt-4o-realtime-preview", "temperature": 0.8}, drop_unsupported=True)
    assert body == {"session": {"type": "realtime", "model": "gpt-realtime"}}


def test_turn_detection_none_stays_null_and_semantic_vad_is_kept() -> None:
    """turn_detection None turns detection off in GA too; a semantic_vad type is carried over."""
    body = ga_body({"model": "gpt-4o-realtime-preview", "turn_detection": None})
    assert body["session"]["audio"] == {"input": {"turn_detection": None}}
    semantic = {
        "model": "gpt-4o-realtime-preview",
        "turn_detection": {"type": "semantic_vad", "create_response": False},
    }
    assert ga_body(semantic)["session"]["audio"]["input"]["turn_detection"] == {
        "type": "semantic_vad",
        "create_response": False,
    }
    untyped = {"model": "gpt-4o-realtime-preview", "turn_detection": {"silence_duration_ms": 700}}
    assert ga_body(untyped)["session"]["audio"]["input"]["turn_detection"] == {
        "type": "server_vad",
        "silence_duration_ms": 700,
        "create_response": True,
    }


def test_a_turn_detection_type_unknown_to_ga_is_an_error() -> None:
    """Neither server_vad nor semantic_vad: ApiValueError naming turn_detection.type."""
    with pytest.raises(ApiValueError) as info:
        realtime_session_request_to_ga({"model": "gpt-4o-realtime-preview", "turn_detection": {"type": "MyType"}})
    assert str(info.value) == (
        "Invalid value for 'turn_detection.type': 'MyType'. Allowed values: server_vad, semantic_vad."
    )
    assert info.value.parameter == "turn_detection.type"
    with pytest.raises(ApiValueError) as info:
        realtime_session_request_to_ga(
            {"model": "gpt-4o-realtime-preview", "turn_detection": {"type": "semantic_vad", "threshold": 0.5}}
        )
    assert str(info.value) == "Invalid value for 'turn_detection': semantic_vad takes no threshold in the GA API."


@pytest.mark.parametrize("mode", ["auto", "none", "required"])
def test_tool_choice_modes_stay_strings(mode: str) -> None:
    """auto, none and required are GA tool choice modes as they are."""
    assert ga_body({"model": "gpt-4o-realtime-preview", "tool_choice": mode})["session"]["tool_choice"] == mode


def test_input_audio_transcription_none_is_left_out_with_a_note() -> None:
    """Beta's null transcription means off; a new GA session is off without it, and the call says so."""
    request = {"model": "gpt-4o-realtime-preview", "input_audio_transcription": None}
    assert ga_body(request) == {"session": {"type": "realtime", "model": "gpt-realtime"}}
    assert realtime_session_request_to_ga_call(request).endswith(
        "\n- input_audio_transcription=None is left out: a new GA session has no transcription unless "
        "audio.input.transcription is set."
    )


def test_a_dict_with_a_typo_fails_as_new_realtime_session_would() -> None:
    """A dict is checked as the beta request it claims to be; other types are refused."""
    with pytest.raises(ApiValueError) as info:
        realtime_session_request_to_ga({"model": "gpt-4o-realtime-preview", "voise": "alloy"})
    assert str(info.value).startswith("Error! JSON key 'voise' not found in the properties: modalities model")
    with pytest.raises(ApiTypeError) as type_info:
        realtime_session_request_to_ga("gpt-4o-realtime-preview")  # type: ignore[arg-type]
    assert str(type_info.value) == (
        "Invalid type for 'request': expected a RealtimeSessionCreateRequest or a dict, got str."
    )


def test_the_call_text_is_exact_and_notes_what_changed() -> None:
    """realtime_session_request_to_ga_call prints a call laid out for reading, then the notes."""
    text = realtime_session_request_to_ga_call(
        {"model": "gpt-4o-realtime-preview", "instructions": "Hi", "temperature": 1.0}
    )
    assert text == (
        "new_realtime_client_secret(\n"
        "    realtime_create_client_secret_request={\n"
        '        "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Hi"},\n'
        "    },\n"
        ")\n"
        "\n"
        "Notes:\n"
        '- model "gpt-4o-realtime-preview" is a beta preview model; its GA successor "gpt-realtime" is used.\n'
        "- temperature=1.0 is left out: the GA Realtime session has no temperature (the model picks its own sampling)."
    )


def test_the_call_text_is_python_whose_argument_is_the_converted_body() -> None:
    """The printed call parses, and its literal argument equals the converted request's body."""
    request = seed_doc_request()
    text = realtime_session_request_to_ga_call(request)
    call = ast.parse(text.split("\n\nNotes:")[0], mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
    assert call.func.id == "new_realtime_client_secret"
    [keyword] = call.keywords
    assert keyword.arg == "realtime_create_client_secret_request"
    argument = ast.literal_eval(keyword.value)
    assert argument == ga_body(request, drop_unsupported=True)
    assert 'tool_choice "MyName" becomes {"type": "function", "name": "MyName"}.' in text
