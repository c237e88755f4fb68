"""The Realtime models (issue 2): builders, checks, three-state fields, JSON out and in, redaction.

Every request body built here is checked against the request schema of the shared spec with a
JSON-Schema validator (tests/spec_validation.py): ``sent()`` for whole requests, ``sent_as()`` for a
nested model placed in a minimal request.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_files import seed_body, shared_path
from spec_validation import SESSIONS_SPEC, load_spec, shared_spec, validate

import psopenapi_py
from psopenapi_py import (
    UNSET,
    ApiTypeError,
    ApiValueError,
    RealtimeResponseCreateParamsMaxResponseOutputTokens,
    RealtimeResponseCreateParamsToolsInner,
    RealtimeSessionCreateRequest,
    RealtimeSessionCreateRequestTurnDetection,
    RealtimeSessionCreateResponse,
    RealtimeSessionCreateResponseClientSecret,
    RealtimeSessionCreateResponseTurnDetection,
    RealtimeSessionInputAudioTranscription,
    convert_from_json_to_realtime_response_create_params_max_response_output_tokens,
    convert_from_json_to_realtime_response_create_params_tools_inner,
    convert_from_json_to_realtime_session_create_request,
    convert_from_json_to_realtime_session_create_request_turn_detection,
    convert_from_json_to_realtime_session_create_response,
    convert_from_json_to_realtime_session_create_response_client_secret,
    initialize_realtime_response_create_params_max_response_output_tokens,
    initialize_realtime_response_create_params_tools_inner,
    initialize_realtime_session_create_request,
    initialize_realtime_session_create_request_turn_detection,
    initialize_realtime_session_create_response_client_secret,
    initialize_realtime_session_input_audio_transcription,
)
from psopenapi_py._runtime import MODELS, Model, Str, model, wire_field

MODEL = "gpt-4o-realtime-preview"
REQUEST = "RealtimeSessionCreateRequest"
REQUEST_KEYS = [
    "modalities",
    "model",
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
]


def spec_response_example() -> str:
    """OpenAI's own response example for POST /realtime/sessions, as its spec file holds it (skips without ../shared)."""
    return shared_spec(SESSIONS_SPEC)["paths"]["/realtime/sessions"]["post"]["x-oaiMeta"]["examples"]["response"]  # type: ignore[no-any-return]


def sent(request: RealtimeSessionCreateRequest) -> dict[str, Any]:
    """The request's body, after checking it against the spec's request schema."""
    body = request.to_dict()
    validate(body, REQUEST)
    return body


def sent_as(field: str, value: Any) -> Any:
    """The JSON of a nested model (or list of them), checked in place inside a minimal request."""
    body = value.to_dict() if hasattr(value, "to_dict") else [v.to_dict() for v in value]
    validate({"model": MODEL, field: body}, REQUEST)
    return body


def raised(exc_info: pytest.ExceptionInfo[BaseException]) -> tuple[str, Any, Any]:
    """(message, parameter, value) of a raised ApiTypeError/ApiValueError."""
    exc: Any = exc_info.value
    return str(exc), exc.parameter, exc.value


def a_tool(name: str = "lookup") -> RealtimeResponseCreateParamsToolsInner:
    return initialize_realtime_response_create_params_tools_inner(
        type="function", name=name, description="Look a word up", parameters={"type": "object", "properties": {}}
    )


# --------------------------------------------------------------------------------------------------
# 1. Parameters are the wire names, by keyword and positionally in spec order


def _schema_at(*path: str) -> dict[str, Any]:
    node = load_spec(SESSIONS_SPEC)["components"]["schemas"][path[0]]
    for step in path[1:]:
        node = node["items"] if step == "[]" else node["properties"][step]
    return node  # type: ignore[no-any-return]


#: Each generated object model and where its schema sits in the spec.
MODEL_SCHEMAS = {
    "realtime_session_create_request": (REQUEST,),
    "realtime_session_input_audio_transcription": (REQUEST, "input_audio_transcription"),
    "realtime_session_create_request_turn_detection": (REQUEST, "turn_detection"),
    "realtime_response_create_params_tools_inner": (REQUEST, "tools", "[]"),
    "realtime_session_create_response": ("RealtimeSessionCreateResponse",),
    "realtime_session_create_response_client_secret": ("RealtimeSessionCreateResponse", "client_secret"),
    "realtime_session_create_response_turn_detection": ("RealtimeSessionCreateResponse", "turn_detection"),
}


@pytest.mark.parametrize("snake", sorted(MODEL_SCHEMAS))
def test_initialize_parameters_are_the_wire_names_in_spec_order(snake: str) -> None:
    """initialize_<model>'s parameters are exactly the schema's property names, in the spec's order."""
    builder = getattr(psopenapi_py, f"initialize_{snake}")
    expected = list(_schema_at(*MODEL_SCHEMAS[snake])["properties"])
    assert list(inspect.signature(builder).parameters) == expected


def test_request_accepts_every_parameter_positionally_in_spec_order() -> None:
    """All twelve request parameters given positionally land on the wire names of the spec order."""
    request = initialize_realtime_session_create_request(
        ["text"],
        MODEL,
        "Be brief.",
        "ash",
        "pcm16",
        "g711_ulaw",
        initialize_realtime_session_input_audio_transcription("whisper-1"),
        initialize_realtime_session_create_request_turn_detection("server_vad", 0.5, 300, 500, False),
        [a_tool()],
        "auto",
        0.8,
        4096,
    )
    body = sent(request)
    assert list(body) == REQUEST_KEYS
    assert body == {
        "modalities": ["text"],
        "model": MODEL,
        "instructions": "Be brief.",
        "voice": "ash",
        "input_audio_format": "pcm16",
        "output_audio_format": "g711_ulaw",
        "input_audio_transcription": {"model": "whisper-1"},
        "turn_detection": {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "create_response": False,
        },
        "tools": [
            {
                "type": "function",
                "name": "lookup",
                "description": "Look a word up",
                "parameters": {"type": "object", "properties": {}},
            }
        ],
        "tool_choice": "auto",
        "temperature": 0.8,
        "max_response_output_tokens": 4096,
    }


def test_keyword_and_positional_calls_build_equal_models() -> None:
    """The same values by keyword or by position give equal models."""
    by_keyword = initialize_realtime_session_create_request_turn_detection(
        type="server_vad", threshold=0.5, prefix_padding_ms=300, silence_duration_ms=200
    )
    by_position = initialize_realtime_session_create_request_turn_detection("server_vad", 0.5, 300, 200)
    assert by_keyword == by_position
    assert sent_as("turn_detection", by_position) == {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 200,
        "create_response": True,
    }


def test_an_unknown_keyword_is_a_python_type_error() -> None:
    """A misspelt parameter name fails like any Python call (no silent drop)."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'voices'"):
        initialize_realtime_session_create_request(model=MODEL, voices="ash")  # type: ignore[call-arg]


# --------------------------------------------------------------------------------------------------
# 2. Three states per field, and schema defaults


def test_left_out_fields_are_not_sent() -> None:
    """Only the fields given are in the body; the others read as UNSET."""
    request = initialize_realtime_session_create_request(model=MODEL)
    assert sent(request) == {"model": MODEL}
    assert request.voice is UNSET
    assert not UNSET
    assert repr(UNSET) == "UNSET"


def test_none_is_sent_as_json_null() -> None:
    """turn_detection=None and input_audio_transcription=None go out as null (the API's "off")."""
    request = initialize_realtime_session_create_request(
        model=MODEL, turn_detection=None, input_audio_transcription=None
    )
    assert sent(request) == {"model": MODEL, "input_audio_transcription": None, "turn_detection": None}
    assert (
        request.to_json()
        == '{"model":"gpt-4o-realtime-preview","input_audio_transcription":null,"turn_detection":null}'
    )


def test_a_value_is_sent_as_given() -> None:
    """A given value is sent under its wire name."""
    request = initialize_realtime_session_create_request(model=MODEL, instructions="Answer in French.")
    assert sent(request) == {"model": MODEL, "instructions": "Answer in French."}


def test_create_response_defaults_to_true() -> None:
    """The schema default create_response=true is filled in when the argument is left out."""
    detection = initialize_realtime_session_create_request_turn_detection(type="server_vad")
    assert detection.create_response is True
    assert sent_as("turn_detection", detection) == {"type": "server_vad", "create_response": True}


def test_create_response_false_is_kept() -> None:
    """An explicit create_response=False overrides the default."""
    detection = initialize_realtime_session_create_request_turn_detection(create_response=False)
    assert sent_as("turn_detection", detection) == {"create_response": False}


def test_the_default_is_filled_in_when_parsing_json_too() -> None:
    """convert_from_json_to_* fills in create_response=true like initialize_* does."""
    detection = convert_from_json_to_realtime_session_create_request_turn_detection('{"type":"server_vad"}')
    assert sent_as("turn_detection", detection) == {"type": "server_vad", "create_response": True}


# --------------------------------------------------------------------------------------------------
# 3. to_dict / to_json


def test_to_dict_gives_wire_names_and_nested_dicts() -> None:
    """to_dict turns nested models into dicts and lists of models into lists of dicts."""
    request = initialize_realtime_session_create_request(
        model=MODEL,
        input_audio_transcription=initialize_realtime_session_input_audio_transcription(model="whisper-1"),
        tools=[a_tool("a"), a_tool("b")],
    )
    body = sent(request)
    assert body["input_audio_transcription"] == {"model": "whisper-1"}
    assert [t["name"] for t in body["tools"]] == ["a", "b"]
    assert all(type(t) is dict for t in body["tools"])


def test_to_json_is_compact_and_keeps_unicode() -> None:
    """to_json is the compact JSON text of to_dict, non-ASCII text left as it is."""
    request = initialize_realtime_session_create_request(model=MODEL, instructions="Réponds en français.")
    sent(request)
    assert request.to_json() == '{"model":"gpt-4o-realtime-preview","instructions":"Réponds en français."}'
    assert json.loads(request.to_json()) == request.to_dict()


def test_to_dict_returns_a_fresh_dict() -> None:
    """Changing the returned dict (even nested free-form parameters) does not change the model."""
    tool = a_tool()
    body = tool.to_dict()
    body["name"] = "changed"
    body["parameters"]["type"] = "changed"
    assert tool.to_dict()["name"] == "lookup"
    assert tool.to_dict()["parameters"] == {"type": "object", "properties": {}}


def test_iterating_a_model_yields_its_set_fields() -> None:
    """A model iterates like a PowerShell object: (wire name, value) of the fields that are set."""
    request = initialize_realtime_session_create_request(model=MODEL, voice="ash")
    assert list(request) == [("model", MODEL), ("voice", "ash")]


# --------------------------------------------------------------------------------------------------
# 4. Enums and types


@pytest.mark.parametrize(
    ("field", "given", "stored"),
    [
        ("model", "GPT-4o-Realtime-Preview", "gpt-4o-realtime-preview"),
        ("voice", "ASH", "ash"),
        ("input_audio_format", "PCM16", "pcm16"),
        ("output_audio_format", "G711_Ulaw", "g711_ulaw"),
        ("modalities", ["TEXT", "Audio"], ["text", "audio"]),
    ],
)
def test_enums_are_case_insensitive_and_stored_canonically(field: str, given: Any, stored: Any) -> None:
    """An enum value in any letter case is accepted and stored in the spec's spelling."""
    kwargs: dict[str, Any] = {"model": MODEL, field: given}
    request = initialize_realtime_session_create_request(**kwargs)
    assert getattr(request, field) == stored
    assert sent(request)[field] == stored


def test_tool_type_enum_is_case_insensitive() -> None:
    """The tool type 'FUNCTION' is stored as 'function'."""
    tool = initialize_realtime_response_create_params_tools_inner(type="FUNCTION", name="f")
    assert sent_as("tools", [tool]) == [{"type": "function", "name": "f"}]


@pytest.mark.parametrize(
    ("kwargs", "message", "parameter", "value"),
    [
        (
            {"voice": "bob"},
            "Invalid value for 'voice': 'bob'. Allowed values: alloy, ash, ballad, coral, echo, sage, shimmer, verse.",
            "voice",
            "bob",
        ),
        (
            {"model": "gpt-5"},
            "Invalid value for 'model': 'gpt-5'. Allowed values: gpt-4o-realtime-preview, "
            "gpt-4o-realtime-preview-2024-10-01, gpt-4o-realtime-preview-2024-12-17, gpt-4o-mini-realtime-preview, "
            "gpt-4o-mini-realtime-preview-2024-12-17.",
            "model",
            "gpt-5",
        ),
        (
            {"input_audio_format": "mp3"},
            "Invalid value for 'input_audio_format': 'mp3'. Allowed values: pcm16, g711_ulaw, g711_alaw.",
            "input_audio_format",
            "mp3",
        ),
        (
            {"modalities": ["text", "video"]},
            "Invalid value for 'modalities[1]': 'video'. Allowed values: text, audio.",
            "modalities[1]",
            "video",
        ),
    ],
)
def test_a_value_outside_an_enum_raises_api_value_error(
    kwargs: dict[str, Any], message: str, parameter: str, value: str
) -> None:
    """The error names the parameter, the value received and every allowed value."""
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_session_create_request(**{"model": MODEL, **kwargs})
    assert raised(exc_info) == (message, parameter, value)
    assert isinstance(exc_info.value, ValueError)


def test_open_string_fields_take_any_string() -> None:
    """Fields without an enum in the spec (turn_detection.type, tool_choice) take any text."""
    request = initialize_realtime_session_create_request(
        model=MODEL,
        tool_choice="MyToolChoice",
        turn_detection=initialize_realtime_session_create_request_turn_detection(type="MyType"),
    )
    assert sent(request) == {
        "model": MODEL,
        "turn_detection": {"type": "MyType", "create_response": True},
        "tool_choice": "MyToolChoice",
    }


@pytest.mark.parametrize(
    ("build", "message", "parameter"),
    [
        (
            lambda: initialize_realtime_session_create_request(model=MODEL, temperature="0.8"),
            "Invalid type for 'temperature': expected a number, got str '0.8'.",
            "temperature",
        ),
        (
            lambda: initialize_realtime_session_create_request_turn_detection(prefix_padding_ms=1.5),
            "Invalid type for 'prefix_padding_ms': expected an integer, got float 1.5.",
            "prefix_padding_ms",
        ),
        (
            lambda: initialize_realtime_session_create_request_turn_detection(silence_duration_ms=300.0),
            "Invalid type for 'silence_duration_ms': expected an integer, got float 300.0.",
            "silence_duration_ms",
        ),
        (
            lambda: initialize_realtime_session_create_request(model=MODEL, temperature=True),
            "Invalid type for 'temperature': expected a number, got bool True.",
            "temperature",
        ),
        (
            lambda: initialize_realtime_session_create_request_turn_detection(prefix_padding_ms=False),
            "Invalid type for 'prefix_padding_ms': expected an integer, got bool False.",
            "prefix_padding_ms",
        ),
        (
            lambda: initialize_realtime_session_create_request_turn_detection(create_response=1),
            "Invalid type for 'create_response': expected a boolean, got int 1.",
            "create_response",
        ),
        (
            lambda: initialize_realtime_session_create_request_turn_detection(create_response="true"),
            "Invalid type for 'create_response': expected a boolean, got str 'true'.",
            "create_response",
        ),
        (
            lambda: initialize_realtime_session_create_request(model=MODEL, instructions=42),
            "Invalid type for 'instructions': expected a string, got int 42.",
            "instructions",
        ),
        (
            lambda: initialize_realtime_session_create_request(model=MODEL, modalities=[1]),
            "Invalid type for 'modalities[0]': expected a string, got int 1.",
            "modalities[0]",
        ),
    ],
    ids=[
        "str-for-number",
        "float-for-integer",
        "whole-float-for-integer",
        "bool-for-number",
        "bool-for-integer",
        "int-for-boolean",
        "str-for-boolean",
        "int-for-string",
        "int-array-item",
    ],
)
def test_a_value_of_the_wrong_type_raises_api_type_error(build: Any, message: str, parameter: str) -> None:
    """Wrong types are not coerced: ApiTypeError (a TypeError) names the parameter and shows the value."""
    with pytest.raises(ApiTypeError) as exc_info:
        build()
    assert str(exc_info.value) == message
    assert exc_info.value.parameter == parameter
    assert isinstance(exc_info.value, TypeError)


def test_an_integer_is_a_valid_number() -> None:
    """An int where the spec says number is fine (temperature=1) and stays an int on the wire."""
    assert sent(initialize_realtime_session_create_request(model=MODEL, temperature=1)) == {
        "model": MODEL,
        "temperature": 1,
    }


def test_a_non_finite_number_is_rejected() -> None:
    """NaN and infinity cannot be sent as JSON numbers."""
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_session_create_request(model=MODEL, temperature=float("nan"))
    assert str(exc_info.value) == "Invalid value for 'temperature': nan. Must be a finite number."


# --------------------------------------------------------------------------------------------------
# 5. model is required


@pytest.mark.parametrize("kwargs", [{}, {"model": None}, {"model": ""}], ids=["missing", "None", "empty"])
def test_model_is_required_with_the_powershell_message(kwargs: dict[str, Any]) -> None:
    """A missing, None or empty model raises ApiValueError with the PowerShell module's text."""
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_session_create_request(**kwargs)
    assert str(exc_info.value) == "invalid value for 'model', 'model' cannot be null."
    assert exc_info.value.parameter == "model"


# --------------------------------------------------------------------------------------------------
# 6. Scalars to lists, dicts to nested models


def test_a_single_modality_becomes_a_list() -> None:
    """modalities="text" is sent as ["text"], as PowerShell does for -Modalities "text"."""
    request = initialize_realtime_session_create_request(model=MODEL, modalities="text")
    assert request.modalities == ["text"]
    assert sent(request) == {"model": MODEL, "modalities": ["text"]}


def test_a_single_tool_becomes_a_list() -> None:
    """tools=<one tool> is sent as a one-element list."""
    tool = a_tool()
    request = initialize_realtime_session_create_request(model=MODEL, tools=tool)
    assert request.tools == [tool]
    assert sent(request)["tools"] == [tool.to_dict()]


def test_a_tuple_is_sent_as_a_list() -> None:
    """Any sequence works for an array field; it is stored and sent as a list."""
    request = initialize_realtime_session_create_request(model=MODEL, modalities=("text", "audio"))
    assert request.modalities == ["text", "audio"]
    assert sent(request)["modalities"] == ["text", "audio"]


def test_array_items_cannot_be_null() -> None:
    """None inside a list is checked like any item: not allowed."""
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_session_create_request(model=MODEL, modalities=[None])
    assert raised(exc_info) == (
        "Invalid value for 'modalities[0]': None. 'modalities[0]' cannot be null here.",
        "modalities[0]",
        None,
    )


def test_dicts_for_nested_fields_become_models() -> None:
    """Plain dicts for turn_detection, input_audio_transcription and tools become the nested models."""
    request = initialize_realtime_session_create_request(
        model=MODEL,
        input_audio_transcription={"model": "whisper-1"},
        turn_detection={"type": "server_vad", "threshold": 0.6},
        tools=[{"type": "Function", "name": "f", "parameters": {}}],
    )
    assert isinstance(request.input_audio_transcription, RealtimeSessionInputAudioTranscription)
    assert isinstance(request.turn_detection, RealtimeSessionCreateRequestTurnDetection)
    assert isinstance(request.tools[0], RealtimeResponseCreateParamsToolsInner)  # type: ignore[index]
    assert sent(request) == {
        "model": MODEL,
        "input_audio_transcription": {"model": "whisper-1"},
        "turn_detection": {"type": "server_vad", "threshold": 0.6, "create_response": True},
        "tools": [{"type": "function", "name": "f", "parameters": {}}],
    }


def test_a_single_tool_dict_becomes_a_list_of_one_model() -> None:
    """tools=<one dict> is one tool, not a list of its keys."""
    request = initialize_realtime_session_create_request(model=MODEL, tools={"type": "function", "name": "f"})
    assert sent(request)["tools"] == [{"type": "function", "name": "f"}]


def test_a_dict_with_an_unknown_key_fails_like_convert_from_json() -> None:
    """A nested dict is checked like JSON: an unknown key names itself and the properties."""
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_session_create_request(model=MODEL, turn_detection={"typ": "server_vad"})
    assert raised(exc_info) == (
        "Error! JSON key 'typ' not found in the properties: type threshold prefix_padding_ms silence_duration_ms "
        "create_response",
        "turn_detection.typ",
        "typ",
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"tools": [{"type": "function"}, {"type": "function", "name": 3}]},
            ApiTypeError,
            "Invalid type for 'tools[1].name': expected a string, got int 3.",
        ),
        (
            {"tools": {"type": "fn"}},
            ApiValueError,
            "Invalid value for 'tools[0].type': 'fn'. Allowed values: function.",
        ),
        (
            {"turn_detection": {"threshold": "high"}},
            ApiTypeError,
            "Invalid type for 'turn_detection.threshold': expected a number, got str 'high'.",
        ),
        (
            {"turn_detection": "server_vad"},
            ApiTypeError,
            "Invalid type for 'turn_detection': expected a RealtimeSessionCreateRequestTurnDetection (or a dict), "
            "got str 'server_vad'.",
        ),
        (
            {"tools": [3]},
            ApiTypeError,
            "Invalid type for 'tools[0]': expected a RealtimeResponseCreateParamsToolsInner (or a dict), got int 3.",
        ),
    ],
    ids=["tool-name-type", "tool-type-enum", "threshold-type", "string-for-model", "int-for-tool"],
)
def test_bad_nested_values_name_their_full_path(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    """Checks inside a nested dict name the path from the request (tools[1].name), not a bare field."""
    with pytest.raises(error) as exc_info:
        initialize_realtime_session_create_request(model=MODEL, **kwargs)
    assert str(exc_info.value) == message


def test_a_model_of_the_wrong_class_is_rejected() -> None:
    """A tool object given for turn_detection is a type error, not silently sent."""
    with pytest.raises(ApiTypeError) as exc_info:
        initialize_realtime_session_create_request(
            model=MODEL, turn_detection=initialize_realtime_response_create_params_tools_inner(name="f")
        )
    assert str(exc_info.value) == (
        "Invalid type for 'turn_detection': expected a RealtimeSessionCreateRequestTurnDetection (or a dict), "
        "got RealtimeResponseCreateParamsToolsInner RealtimeResponseCreateParamsToolsInner(name='f')."
    )


# --------------------------------------------------------------------------------------------------
# 7. Free-form tool parameters


def test_tool_parameters_are_sent_as_given() -> None:
    """tools[].parameters is any JSON object (a JSON Schema here) and goes out unchanged."""
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string", "enum": ["Paris", "Oslo"]}, "days": {"type": "integer"}},
        "required": ["city"],
        "additionalProperties": False,
    }
    tool = initialize_realtime_response_create_params_tools_inner(type="function", name="weather", parameters=schema)
    assert sent_as("tools", [tool]) == [{"type": "function", "name": "weather", "parameters": schema}]


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ([1], "Invalid type for 'parameters': expected a JSON object (dict), got list [1]."),
        ("{}", "Invalid type for 'parameters': expected a JSON object (dict), got str '{}'."),
        (
            {"a": {1, 2}},
            "Invalid type for 'parameters.a': expected a JSON value (dict, list, str, int, float, bool or None), "
            "got set {1, 2}.",
        ),
        ({1: "a"}, "Invalid type for 'parameters key': expected a string, got int 1."),
    ],
    ids=["list", "json-text", "set-inside", "int-key"],
)
def test_tool_parameters_must_be_a_json_object(parameters: Any, message: str) -> None:
    """A non-dict, or a dict holding something JSON cannot carry, raises ApiTypeError."""
    with pytest.raises(ApiTypeError) as exc_info:
        initialize_realtime_response_create_params_tools_inner(parameters=parameters)
    assert str(exc_info.value) == message


# --------------------------------------------------------------------------------------------------
# 8. max_response_output_tokens: an integer or "inf"


@pytest.mark.parametrize(
    ("given", "wire"),
    [
        (4096, 4096),
        ("inf", "inf"),
        ("INF", "inf"),
        (initialize_realtime_response_create_params_max_response_output_tokens(1024), 1024),
        (initialize_realtime_response_create_params_max_response_output_tokens(), "inf"),
    ],
    ids=["int", "inf", "INF", "wrapper-int", "wrapper-default"],
)
def test_max_response_output_tokens_takes_an_int_inf_or_the_wrapper(given: Any, wire: Any) -> None:
    """An int, "inf" in any case, or the wrapper object are sent as the bare value."""
    request = initialize_realtime_session_create_request(model=MODEL, max_response_output_tokens=given)
    assert request.max_response_output_tokens == wire
    assert sent(request) == {"model": MODEL, "max_response_output_tokens": wire}


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        (
            True,
            ApiTypeError,
            "Invalid value for 'max_response_output_tokens': True matches none of Int32, String. "
            "As Int32: Invalid type for 'max_response_output_tokens': expected an integer, got bool True. "
            "As String: Invalid type for 'max_response_output_tokens': expected a string, got bool True.",
        ),
        (
            1.5,
            ApiTypeError,
            "Invalid value for 'max_response_output_tokens': 1.5 matches none of Int32, String. "
            "As Int32: Invalid type for 'max_response_output_tokens': expected an integer, got float 1.5. "
            "As String: Invalid type for 'max_response_output_tokens': expected a string, got float 1.5.",
        ),
        (
            "lots",
            ApiValueError,
            "Invalid value for 'max_response_output_tokens': 'lots' matches none of Int32, String. "
            "As Int32: Invalid type for 'max_response_output_tokens': expected an integer, got str 'lots'. "
            "As String: Invalid value for 'max_response_output_tokens': 'lots'. Allowed values: inf.",
        ),
    ],
    ids=["bool", "float", "other-string"],
)
def test_max_response_output_tokens_rejects_other_values(given: Any, error: type[Exception], message: str) -> None:
    """A bool (though Python's bool is an int), a float or another string matches no member."""
    with pytest.raises(error) as exc_info:
        initialize_realtime_session_create_request(model=MODEL, max_response_output_tokens=given)
    assert str(exc_info.value) == message
    assert exc_info.value.parameter == "max_response_output_tokens"  # type: ignore[attr-defined]


def test_the_wrapper_defaults_to_inf() -> None:
    """initialize_…_max_response_output_tokens() holds the spec's default "inf" (the doc example calls it bare)."""
    wrapper = initialize_realtime_response_create_params_max_response_output_tokens()
    assert wrapper.actual_instance == "inf"
    assert wrapper.actual_type == "String"
    assert wrapper.to_json() == '"inf"'
    assert wrapper.to_dict() == "inf"


def test_the_wrapper_reports_int32_for_an_integer() -> None:
    """An integer member reports actual_type "Int32", as the PowerShell wrapper does."""
    wrapper = initialize_realtime_response_create_params_max_response_output_tokens(value=4096)
    assert (wrapper.actual_instance, wrapper.actual_type, wrapper.to_json()) == (4096, "Int32", "4096")
    assert wrapper.one_of_schemas == ("Int32", "String")


def test_the_wrapper_canonicalises_inf() -> None:
    """ "INF" is stored as "inf"."""
    assert initialize_realtime_response_create_params_max_response_output_tokens("INF").actual_instance == "inf"


def test_the_wrapper_rejects_a_bool_and_none() -> None:
    """The wrapper itself runs the same checks: no bool, no None."""
    with pytest.raises(ApiTypeError):
        initialize_realtime_response_create_params_max_response_output_tokens(True)
    with pytest.raises(ApiValueError) as exc_info:
        initialize_realtime_response_create_params_max_response_output_tokens(None)
    assert str(exc_info.value) == (
        "Invalid value for 'RealtimeResponseCreateParamsMaxResponseOutputTokens': None. "
        "'RealtimeResponseCreateParamsMaxResponseOutputTokens' cannot be null here."
    )


def test_wrapper_assignment_is_checked() -> None:
    """Setting actual_instance later resolves and checks the new value."""
    wrapper = initialize_realtime_response_create_params_max_response_output_tokens()
    wrapper.actual_instance = 200
    assert wrapper.actual_type == "Int32"
    with pytest.raises(ApiValueError):
        wrapper.actual_instance = "lots"
    assert wrapper.actual_instance == 200


@pytest.mark.parametrize(("text", "value", "actual_type"), [("4096", 4096, "Int32"), ('"inf"', "inf", "String")])
def test_the_wrapper_parses_from_json(text: str, value: Any, actual_type: str) -> None:
    """ConvertFrom- works for both primitive members (the module's always throws)."""
    wrapper = convert_from_json_to_realtime_response_create_params_max_response_output_tokens(text)
    assert isinstance(wrapper, RealtimeResponseCreateParamsMaxResponseOutputTokens)
    assert (wrapper.actual_instance, wrapper.actual_type) == (value, actual_type)


def test_the_wrapper_from_json_rejects_other_strings() -> None:
    """A string other than "inf" in JSON is refused with the member-by-member reasons."""
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_response_create_params_max_response_output_tokens('"lots"')
    assert str(exc_info.value).startswith(
        "Invalid value for 'RealtimeResponseCreateParamsMaxResponseOutputTokens': 'lots' matches none of Int32, String."
    )


# --------------------------------------------------------------------------------------------------
# 9. Assignment runs the same checks


def test_assignment_canonicalises_enums() -> None:
    """req.voice = "ASH" stores "ash"."""
    request = initialize_realtime_session_create_request(model=MODEL)
    request.voice = "ASH"
    assert sent(request) == {"model": MODEL, "voice": "ash"}


def test_a_rejected_assignment_keeps_the_old_value() -> None:
    """A bad value raises and leaves the field as it was."""
    request = initialize_realtime_session_create_request(model=MODEL, voice="alloy")
    with pytest.raises(ApiValueError) as exc_info:
        request.voice = "bob"
    assert str(exc_info.value) == (
        "Invalid value for 'voice': 'bob'. Allowed values: alloy, ash, ballad, coral, echo, sage, shimmer, verse."
    )
    assert request.voice == "alloy"


@pytest.mark.parametrize(
    ("field", "value", "error", "message"),
    [
        ("temperature", "hot", ApiTypeError, "Invalid type for 'temperature': expected a number, got str 'hot'."),
        ("model", None, ApiValueError, "invalid value for 'model', 'model' cannot be null."),
        ("model", "", ApiValueError, "invalid value for 'model', 'model' cannot be null."),
        (
            "max_response_output_tokens",
            False,
            ApiTypeError,
            "Invalid value for 'max_response_output_tokens': False matches none of Int32, String. "
            "As Int32: Invalid type for 'max_response_output_tokens': expected an integer, got bool False. "
            "As String: Invalid type for 'max_response_output_tokens': expected a string, got bool False.",
        ),
    ],
)
def test_assignment_raises_like_initialize(field: str, value: Any, error: type[Exception], message: str) -> None:
    """Assigning a bad value later raises the same error as passing it to initialize_*."""
    request = initialize_realtime_session_create_request(model=MODEL)
    with pytest.raises(error) as exc_info:
        setattr(request, field, value)
    assert str(exc_info.value) == message


def test_assignment_reshapes_like_initialize() -> None:
    """A scalar for a list, a dict for a nested model and "INF" are reshaped on assignment too."""
    request = initialize_realtime_session_create_request(model=MODEL)
    request.modalities = "audio"  # type: ignore[assignment]
    request.turn_detection = {"type": "server_vad"}  # type: ignore[assignment]
    request.max_response_output_tokens = "INF"
    request.turn_detection.threshold = 0.7  # type: ignore[union-attr]
    assert sent(request) == {
        "modalities": ["audio"],
        "model": MODEL,
        "turn_detection": {"type": "server_vad", "threshold": 0.7, "create_response": True},
        "max_response_output_tokens": "inf",
    }


def test_assigning_an_undeclared_attribute_fails() -> None:
    """Models have fixed fields: a typo in an attribute name is an AttributeError, not a new field."""
    request = initialize_realtime_session_create_request(model=MODEL)
    with pytest.raises(AttributeError):
        request.voices = "ash"  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------------
# 10. convert_from_json_to_*


def test_convert_rejects_an_unknown_key_with_the_powershell_message() -> None:
    """An undeclared key in request JSON raises the module's message, properties space-separated."""
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_session_create_request('{"model":"gpt-4o-realtime-preview","voices":"ash"}')
    assert str(exc_info.value) == ("Error! JSON key 'voices' not found in the properties: " + " ".join(REQUEST_KEYS))
    assert exc_info.value.parameter == "voices"


@pytest.mark.parametrize("text", ['{"voice":"alloy"}', "{}"], ids=["other-keys", "empty-object"])
def test_convert_rejects_a_missing_required_key_with_the_powershell_message(text: str) -> None:
    """Request JSON without model raises the module's 'required property' message."""
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_session_create_request(text)
    assert str(exc_info.value) == "Error! JSON cannot be serialized due to the required property 'model' missing."


@pytest.mark.parametrize("text", ['{"model":null}', '{"model":""}'])
def test_convert_rejects_a_null_or_empty_model(text: str) -> None:
    """A model key holding null or "" is refused like at initialize time."""
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_session_create_request(text)
    assert str(exc_info.value) == "invalid value for 'model', 'model' cannot be null."


def test_a_key_containing_the_required_name_does_not_satisfy_it() -> None:
    """'file_id' is not 'id': the required-key test is an exact match, not the module's substring match."""

    @model
    class ExactKeyProbe(Model):
        """A test-only model: required 'id' next to an optional 'file_id' (the module's substring trap)."""

        file_id: Any = wire_field(Str())
        id: Any = wire_field(Str(), required=True)

    try:
        with pytest.raises(ApiValueError) as exc_info:
            ExactKeyProbe.from_json('{"file_id":"file-1"}')
        assert str(exc_info.value) == "Error! JSON cannot be serialized due to the required property 'id' missing."
        parsed = ExactKeyProbe.from_json('{"file_id":"file-1","id":"x"}')
        assert parsed.to_dict() == {"file_id": "file-1", "id": "x"}
    finally:
        MODELS.pop("ExactKeyProbe", None)  # keep the registry to the generated models


def test_convert_builds_nested_models() -> None:
    """Nested objects in request JSON become the nested models, with defaults and canonical enums."""
    request = convert_from_json_to_realtime_session_create_request(
        json.dumps(
            {
                "model": "GPT-4o-realtime-preview",
                "voice": "Verse",
                "input_audio_transcription": {"model": "whisper-1"},
                "turn_detection": {"type": "server_vad", "silence_duration_ms": 400},
                "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}],
                "max_response_output_tokens": 300,
            }
        )
    )
    assert isinstance(request, RealtimeSessionCreateRequest)
    assert isinstance(request.input_audio_transcription, RealtimeSessionInputAudioTranscription)
    assert isinstance(request.turn_detection, RealtimeSessionCreateRequestTurnDetection)
    assert isinstance(request.tools[0], RealtimeResponseCreateParamsToolsInner)  # type: ignore[index]
    assert sent(request) == {
        "model": MODEL,
        "voice": "verse",
        "input_audio_transcription": {"model": "whisper-1"},
        "turn_detection": {"type": "server_vad", "silence_duration_ms": 400, "create_response": True},
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}],
        "max_response_output_tokens": 300,
    }


def test_convert_round_trips_to_json() -> None:
    """convert_from_json(req.to_json()) gives an equal model."""
    request = initialize_realtime_session_create_request(
        modalities="text", model=MODEL, turn_detection=None, tools=a_tool(), max_response_output_tokens="inf"
    )
    sent(request)
    assert convert_from_json_to_realtime_session_create_request(request.to_json()) == request


@pytest.mark.parametrize(
    ("text", "error", "message", "parameter"),
    [
        (
            '{"model":"gpt-4o-realtime-preview","turn_detection":{"typ":"server_vad"}}',
            ApiValueError,
            "Error! JSON key 'typ' not found in the properties: "
            "type threshold prefix_padding_ms silence_duration_ms create_response",
            "turn_detection.typ",
        ),
        (
            '{"model":"gpt-4o-realtime-preview","temperature":"hot"}',
            ApiTypeError,
            "Invalid type for 'temperature': expected a number, got str 'hot'.",
            "temperature",
        ),
        (
            '{"model":"gpt-4o-realtime-preview","voice":"bob"}',
            ApiValueError,
            "Invalid value for 'voice': 'bob'. Allowed values: alloy, ash, ballad, coral, echo, sage, shimmer, verse.",
            "voice",
        ),
        (
            '{"model":"gpt-4o-realtime-preview","tools":[{"type":"function","name":7}]}',
            ApiTypeError,
            "Invalid type for 'tools[0].name': expected a string, got int 7.",
            "tools[0].name",
        ),
        (
            '{"model":"gpt-4o-realtime-preview","temperature":NaN}',
            ApiValueError,
            "Invalid value for 'temperature': nan. Must be a finite number.",
            "temperature",
        ),
    ],
    ids=["nested-unknown-key", "type", "enum", "nested-type", "nan"],
)
def test_convert_checks_values_like_initialize(text: str, error: type[Exception], message: str, parameter: str) -> None:
    """Values in request JSON are type- and enum-checked, nested ones included."""
    with pytest.raises(error) as exc_info:
        convert_from_json_to_realtime_session_create_request(text)
    assert str(exc_info.value) == message
    assert exc_info.value.parameter == parameter  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"model":', "Invalid JSON for RealtimeSessionCreateRequest: Expecting value: line 1 column 10 (char 9)."),
        ("", "Invalid JSON for RealtimeSessionCreateRequest: Expecting value: line 1 column 1 (char 0)."),
        (
            "{'model': 'x'}",
            "Invalid JSON for RealtimeSessionCreateRequest: Expecting property name enclosed in double quotes: line 1 column 2 (char 1).",
        ),
    ],
    ids=["truncated", "empty", "python-quotes"],
)
def test_invalid_json_raises_api_value_error(text: str, message: str) -> None:
    """Text that is not JSON raises ApiValueError (not a bare json error), naming the model."""
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_session_create_request(text)
    assert str(exc_info.value) == message
    assert not isinstance(exc_info.value, json.JSONDecodeError)
    assert exc_info.value.__cause__ is None and exc_info.value.__suppress_context__


def test_json_that_is_not_an_object_raises_api_type_error() -> None:
    """A JSON array where an object belongs is a type error naming the model."""
    with pytest.raises(ApiTypeError) as exc_info:
        convert_from_json_to_realtime_session_create_request("[1]")
    assert str(exc_info.value) == (
        "Invalid type for 'RealtimeSessionCreateRequest': expected a JSON object for RealtimeSessionCreateRequest, "
        "got list [1]."
    )


def test_convert_accepts_bytes() -> None:
    """JSON given as bytes (a raw HTTP body) parses too."""
    tool = convert_from_json_to_realtime_response_create_params_tools_inner(b'{"type":"function","name":"f"}')
    assert sent_as("tools", [tool]) == [{"type": "function", "name": "f"}]


def test_a_response_parses_openai_s_own_example() -> None:
    """The spec's response example parses; id, object and model land in additional_properties."""
    response = convert_from_json_to_realtime_session_create_response(spec_response_example())
    assert isinstance(response, RealtimeSessionCreateResponse)
    assert response.additional_properties == {
        "id": "sess_001",
        "object": "realtime.session",
        "model": "gpt-4o-realtime-preview-2024-12-17",
    }
    assert isinstance(response.client_secret, RealtimeSessionCreateResponseClientSecret)
    assert response.client_secret.value == "ek_abc123"
    assert response.client_secret.expires_at == 1234567890
    assert response.turn_detection is None
    assert response.max_response_output_tokens == 200
    validate(response.to_dict(), "RealtimeSessionCreateResponse")


def test_undeclared_response_keys_survive_to_dict() -> None:
    """to_dict of a parsed response gives back every key it came with, the undeclared ones too."""
    example = spec_response_example()
    response = convert_from_json_to_realtime_session_create_response(example)
    assert response.to_dict() == json.loads(example)


def test_responses_accept_null_for_nested_objects() -> None:
    """null for client_secret, turn_detection or input_audio_transcription in a response is kept as None."""
    response = convert_from_json_to_realtime_session_create_response(
        '{"client_secret":null,"turn_detection":null,"input_audio_transcription":null}'
    )
    # client_secret is typed as always there because new_realtime_session raises without it; the bare
    # parser used here keeps the null as it came.
    assert (response.client_secret, response.turn_detection, response.input_audio_transcription) == (None, None, None)  # type: ignore[comparison-overlap]
    assert response.to_dict() == {"client_secret": None, "input_audio_transcription": None, "turn_detection": None}


def test_responses_accept_enum_values_the_spec_does_not_list() -> None:
    """A newer voice or modality from the API does not break parsing a response."""
    response = convert_from_json_to_realtime_session_create_response(
        '{"voice":"marin","modalities":["text","video"],"max_response_output_tokens":"INF"}'
    )
    assert (response.voice, response.modalities, response.max_response_output_tokens) == (
        "marin",
        ["text", "video"],
        "inf",
    )


def test_nested_response_objects_keep_their_own_extra_keys() -> None:
    """Undeclared keys inside client_secret or turn_detection are kept on the nested model."""
    response = convert_from_json_to_realtime_session_create_response(
        '{"client_secret":{"value":"ek_1","expires_at":1,"kind":"ephemeral"},'
        '"turn_detection":{"type":"server_vad","create_response":true}}'
    )
    assert response.client_secret.additional_properties == {"kind": "ephemeral"}  # type: ignore[union-attr]
    assert isinstance(response.turn_detection, RealtimeSessionCreateResponseTurnDetection)
    assert response.turn_detection.additional_properties == {"create_response": True}
    assert response.to_dict()["turn_detection"] == {"type": "server_vad", "create_response": True}


def test_responses_are_still_type_checked() -> None:
    """Leniency covers keys, nulls and enums, not types: a string temperature is an error."""
    with pytest.raises(ApiTypeError) as exc_info:
        convert_from_json_to_realtime_session_create_response('{"temperature":"hot"}')
    assert str(exc_info.value) == "Invalid type for 'temperature': expected a number, got str 'hot'."


def test_a_model_shared_with_requests_stays_strict_outside_responses() -> None:
    """input_audio_transcription is lenient inside a response, strict in request JSON."""
    response = convert_from_json_to_realtime_session_create_response(
        '{"input_audio_transcription":{"model":"w","x":1}}'
    )
    assert response.input_audio_transcription.additional_properties == {"x": 1}  # type: ignore[union-attr]
    with pytest.raises(ApiValueError) as exc_info:
        convert_from_json_to_realtime_session_create_request(
            '{"model":"gpt-4o-realtime-preview","input_audio_transcription":{"model":"w","x":1}}'
        )
    assert str(exc_info.value) == "Error! JSON key 'x' not found in the properties: model"


# --------------------------------------------------------------------------------------------------
# 11. repr never shows the ephemeral key


def test_repr_redacts_the_client_secret_value() -> None:
    """The key is readable as an attribute and in to_dict, but never in repr or str."""
    secret = initialize_realtime_session_create_response_client_secret(value="ek_abc123", expires_at=1234567890)
    assert repr(secret) == "RealtimeSessionCreateResponseClientSecret(value=<redacted>, expires_at=1234567890)"
    assert str(secret) == repr(secret)
    assert secret.value == "ek_abc123"
    assert secret.to_dict() == {"value": "ek_abc123", "expires_at": 1234567890}


def test_repr_of_a_whole_response_does_not_leak_the_key() -> None:
    """Neither the nested client_secret nor a secret-looking undeclared key shows in a response's repr."""
    response = convert_from_json_to_realtime_session_create_response(
        '{"client_secret":{"value":"ek_abc123","expires_at":1},"extra":{"value":"ek_other"}}'
    )
    text = repr(response)
    assert "ek_abc123" not in text and "ek_other" not in text
    assert text == (
        "RealtimeSessionCreateResponse(client_secret=RealtimeSessionCreateResponseClientSecret("
        "value=<redacted>, expires_at=1), additional_properties={'extra': {'value': <redacted>}})"
    )
    assert "ek_abc123" not in f"{response}" and "ek_abc123" not in repr([response])


def test_client_secret_parsed_alone_is_redacted_too() -> None:
    """convert_from_json_to_…_client_secret gives an object whose repr hides the key."""
    secret = convert_from_json_to_realtime_session_create_response_client_secret('{"value":"ek_zzz","expires_at":5}')
    assert "ek_zzz" not in repr(secret)


def test_request_repr_shows_the_fields_that_are_set() -> None:
    """A request's repr lists its set fields (nothing in a request is secret)."""
    request = initialize_realtime_session_create_request(model=MODEL, voice="ash")
    assert repr(request) == "RealtimeSessionCreateRequest(model='gpt-4o-realtime-preview', voice='ash')"


# --------------------------------------------------------------------------------------------------
# The seed doc's model lines, as the reference writes them


def _reference_blocks() -> tuple[str, str]:
    text = shared_path("reference/powershell-module.md").read_text(encoding="utf-8")
    section = text.split("## The documentation", 1)[1]
    python_block = re.search(r"```python\n(.*?)```", section, re.S)
    json_block = re.search(r"```json\n(.*?)```", section, re.S)
    assert python_block and json_block
    return python_block.group(1), json_block.group(1)


def test_the_seed_doc_model_lines_give_exactly_the_documented_body() -> None:
    """The reference's translated seed lines (up to the API call) build exactly its JSON body."""
    code, body_text = _reference_blocks()
    model_lines = code.split("\ntry:", 1)[0]
    namespace: dict[str, Any] = {}
    exec("from psopenapi_py import *\n" + model_lines, namespace)  # noqa: S102 - the reference's own lines
    body = sent(namespace["realtime_session_create_request"])
    assert body == json.loads(body_text)
    assert body == seed_body()


# --------------------------------------------------------------------------------------------------
# Every valid body the builders make matches the spec (a table of the shapes above, plus Hypothesis)


VALID_REQUESTS: dict[str, Any] = {
    "minimal": lambda: initialize_realtime_session_create_request(model=MODEL),
    "every-model-name": lambda: [
        initialize_realtime_session_create_request(model=m)
        for m in (
            "gpt-4o-realtime-preview-2024-10-01",
            "gpt-4o-realtime-preview-2024-12-17",
            "gpt-4o-mini-realtime-preview",
            "gpt-4o-mini-realtime-preview-2024-12-17",
        )
    ],
    "turn-detection-off": lambda: initialize_realtime_session_create_request(model=MODEL, turn_detection=None),
    "server-vad": lambda: initialize_realtime_session_create_request(
        model=MODEL, turn_detection={"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300}
    ),
    "two-tools": lambda: initialize_realtime_session_create_request(model=MODEL, tools=[a_tool("a"), a_tool("b")]),
    "audio-formats": lambda: initialize_realtime_session_create_request(
        model=MODEL, input_audio_format="g711_alaw", output_audio_format="G711_ULAW", modalities=["audio", "text"]
    ),
    "from-json": lambda: convert_from_json_to_realtime_session_create_request(
        '{"model":"gpt-4o-mini-realtime-preview","max_response_output_tokens":"Inf","temperature":0.6}'
    ),
}


@pytest.mark.parametrize("name", sorted(VALID_REQUESTS))
def test_built_requests_match_the_request_schema(name: str) -> None:
    """Each shape of request the builders make validates against the spec."""
    built = VALID_REQUESTS[name]()
    for request in built if isinstance(built, list) else [built]:
        sent(request)


_MODELS = [
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
]
_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse"]
_FORMATS = ["pcm16", "g711_ulaw", "g711_alaw"]
_text = st.text(max_size=20)
_request_kwargs = st.fixed_dictionaries(
    {"model": st.sampled_from(_MODELS).map(lambda s: s.upper() if len(s) % 2 else s)},
    optional={
        "modalities": st.one_of(st.sampled_from(["text", "audio"]), st.lists(st.sampled_from(["text", "AUDIO"]))),
        "instructions": _text,
        "voice": st.sampled_from(_VOICES),
        "input_audio_format": st.sampled_from(_FORMATS),
        "output_audio_format": st.sampled_from(_FORMATS),
        "input_audio_transcription": st.one_of(st.none(), st.fixed_dictionaries({}, optional={"model": _text})),
        "turn_detection": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {},
                optional={
                    "type": _text,
                    "threshold": st.floats(0, 1),
                    "prefix_padding_ms": st.integers(0, 5000),
                    "silence_duration_ms": st.integers(0, 5000),
                    "create_response": st.booleans(),
                },
            ),
        ),
        "tools": st.lists(
            st.fixed_dictionaries(
                {"type": st.just("function")},
                optional={"name": _text, "description": _text, "parameters": st.dictionaries(_text, _text, max_size=3)},
            ),
            max_size=3,
        ),
        "tool_choice": _text,
        "temperature": st.one_of(st.floats(0.6, 1.2), st.integers(0, 2)),
        "max_response_output_tokens": st.one_of(st.integers(1, 4096), st.sampled_from(["inf", "INF"])),
    },
)


@settings(max_examples=60, deadline=None)
@given(_request_kwargs)
def test_any_valid_arguments_build_a_body_that_matches_the_spec(kwargs: dict[str, Any]) -> None:
    """Whatever valid arguments are given, the body matches the schema and parses back to an equal model."""
    request = initialize_realtime_session_create_request(**kwargs)
    body = sent(request)
    assert list(body) == [k for k in REQUEST_KEYS if k in kwargs]
    assert convert_from_json_to_realtime_session_create_request(request.to_json()) == request
