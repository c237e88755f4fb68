"""The GA models of POST /realtime/client_secrets: names, bodies built with initialize_*, checks, responses.

Every request body built here is also checked against the GA request schema of the shared spec file
(tests/spec_validation.py, whose copy of the schema accepts null where the spec's `default: null` says so).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from spec_validation import REALTIME_API_SPEC, shared_spec, validate

import psopenapi_py
from psopenapi_py import (
    ApiTypeError,
    ApiValueError,
    BetaToolChoiceOptions,
    InputTextContent,
    MCPTool,
    NoiseReductionType,
    PCMAudioFormat,
    RealtimeAudioFormats,
    RealtimeCreateClientSecretRequest,
    RealtimeCreateClientSecretResponse,
    RealtimeSessionCreateRequestGA,
    RealtimeSessionCreateResponseGA,
    RealtimeTranscriptionSessionCreateResponseGA,
    SemanticVAD,
    ServerVAD,
    SessionConfiguration,
    VoiceIdsOrCustomVoiceAnyOf,
    convert_from_json_to_noise_reduction_type,
    convert_from_json_to_realtime_create_client_secret_request,
    convert_from_json_to_realtime_create_client_secret_response,
    convert_from_json_to_session_configuration,
    convert_from_json_to_voice_ids_or_custom_voice,
    initialize_audio_transcription,
    initialize_beta_mcp_tool_filter,
    initialize_client_secret_expiration,
    initialize_input_image_content,
    initialize_input_text_content,
    initialize_mcp_tool,
    initialize_mcp_tool_approval_filter,
    initialize_mcp_tool_require_approval,
    initialize_noise_reduction_type,
    initialize_pcm_audio_format,
    initialize_pcmu_audio_format,
    initialize_prompt,
    initialize_realtime_audio_formats,
    initialize_realtime_beta_response_create_params_max_output_tokens,
    initialize_realtime_create_client_secret_request,
    initialize_realtime_function_tool,
    initialize_realtime_session_create_request_ga,
    initialize_realtime_session_create_request_ga_audio,
    initialize_realtime_session_create_request_ga_audio_input,
    initialize_realtime_session_create_request_ga_audio_input_noise_reduction,
    initialize_realtime_session_create_request_ga_audio_output,
    initialize_realtime_session_create_request_ga_model,
    initialize_realtime_session_create_request_ga_tools_inner,
    initialize_realtime_transcription_session_create_request_ga,
    initialize_realtime_transcription_session_create_request_ga_audio,
    initialize_realtime_transcription_session_create_request_ga_audio_input,
    initialize_realtime_truncation,
    initialize_realtime_turn_detection,
    initialize_retention_ratio_truncation,
    initialize_semantic_vad,
    initialize_server_vad,
    initialize_session_configuration,
    initialize_tracing_configuration3,
    initialize_voice_ids_or_custom_voice,
    initialize_voice_ids_or_custom_voice_any_of,
)
from psopenapi_py._runtime import MODELS, EnumModel, Model, OneOfModel
from psopenapi_py.models import LAZY_MODULES

GA_MODULE = "psopenapi_py.models.realtime_client_secrets"
OPENAI_EXAMPLE_BODY = {
    "expires_after": {"anchor": "created_at", "seconds": 600},
    "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "You are a friendly assistant."},
}


def request_body(request: RealtimeCreateClientSecretRequest) -> dict[str, Any]:
    """The wire body of a request, after checking it against the GA request schema."""
    body = json.loads(request.to_json())
    validate(body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    return body  # type: ignore[no-any-return]


def realtime(**session: Any) -> RealtimeCreateClientSecretRequest:
    """A request whose session is a realtime session built from these initialize arguments."""
    return initialize_realtime_create_client_secret_request(
        session=initialize_session_configuration(initialize_realtime_session_create_request_ga(**session))
    )


def audio_input(**fields: Any) -> Any:
    return initialize_realtime_session_create_request_ga_audio(
        input=initialize_realtime_session_create_request_ga_audio_input(**fields)
    )


def audio_output(**fields: Any) -> Any:
    return initialize_realtime_session_create_request_ga_audio(
        output=initialize_realtime_session_create_request_ga_audio_output(**fields)
    )


def ga_models() -> dict[str, Any]:
    module = sys.modules[GA_MODULE] if GA_MODULE in sys.modules else __import__(GA_MODULE, fromlist=["_"])
    return {name: getattr(module, name) for name in module.__all__ if not name.startswith(("initialize_", "convert_"))}


def without_nulls(value: Any) -> Any:
    """A JSON value with every null-valued object key left out."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def response_example(schema: str) -> dict[str, Any]:
    """The JSON example OpenAI attaches to a component schema of the GA spec."""
    example: dict[str, Any] = json.loads(
        shared_spec(REALTIME_API_SPEC)["components"]["schemas"][schema]["x-oaiMeta"]["example"]
    )
    return example


# --------------------------------------------------------------------------------------------------
# Names and counts


def test_the_module_names_67_models_43_objects_18_wrappers_6_enums() -> None:
    """The GA module holds the 67 models the PowerShell module generates for this call, by kind."""
    kinds = Counter(
        "object" if issubclass(cls, Model) else "wrapper" if issubclass(cls, OneOfModel) else "enum"
        for cls in ga_models().values()
    )
    assert kinds == {"object": 43, "wrapper": 18, "enum": 6}
    assert all(issubclass(cls, EnumModel) for cls in ga_models().values() if not issubclass(cls, (Model, OneOfModel)))


def test_the_eleven_explicit_names_and_the_renamed_tools_wrapper_are_used() -> None:
    """The names the module took from OpenAI's full spec, and the GA tools wrapper's own name."""
    names = set(ga_models())
    explicit = {
        "TracingConfiguration3",
        "TracingConfiguration4",
        "BetaMCPToolFilter",
        "RealtimeBetaResponseCreateParamsToolChoice",
        "BetaToolChoiceOptions",
        "BetaToolChoiceFunction",
        "BetaToolChoiceMCP",
        "RealtimeBetaResponseCreateParamsMaxOutputTokens",
        "BetaPromptCacheBreakpointConfig",
        "RealtimeSessionCreateResponseAudioInputNoiseReduction",
        "RealtimeSessionCreateRequestGAToolsInner",
    }
    assert explicit <= names
    cut_file_names = {"TracingConfiguration1", "TracingConfiguration2", "MCPToolFilter", "ToolChoiceOptions"}
    assert names.isdisjoint(cut_file_names)
    # The seed keeps its beta function tool under the module's clashing name.
    assert psopenapi_py.RealtimeResponseCreateParamsToolsInner.__module__ == "psopenapi_py.models.realtime_sessions"


def test_the_names_the_reference_lists_all_exist() -> None:
    """Every model name the GA reference mentions is generated."""
    listed = {
        "ClientSecretExpiration", "SessionConfiguration", "SessionConfiguration1", "RealtimeSessionCreateRequestGA",
        "RealtimeSessionCreateRequestGAAudio", "RealtimeSessionCreateRequestGAAudioInput",
        "RealtimeSessionCreateRequestGAAudioOutput", "RealtimeAudioFormats", "PCMAudioFormat", "PCMUAudioFormat",
        "PCMAAudioFormat", "RealtimeTurnDetection", "ServerVAD", "SemanticVAD", "AudioTranscription",
        "VoiceIdsOrCustomVoice", "TracingConfiguration", "RealtimeFunctionTool", "MCPTool", "RealtimeReasoning",
        "RealtimeTruncation", "RetentionRatioTruncation", "Prompt", "RealtimeTranscriptionSessionCreateRequestGA",
        "RealtimeSessionCreateResponseGA", "RealtimeTranscriptionSessionCreateResponseGA",
        "RealtimeCreateClientSecretRequest", "RealtimeCreateClientSecretResponse",
    }  # fmt: skip
    assert listed <= set(ga_models())


def test_every_model_has_an_initialize_and_a_convert_function() -> None:
    """Objects, wrappers and enums alike export initialize_<name> and convert_from_json_to_<name>, flat."""
    for name in ga_models():
        snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)).lower()
        assert callable(getattr(psopenapi_py, f"initialize_{snake}")), name
        assert callable(getattr(psopenapi_py, f"convert_from_json_to_{snake}")), name
        assert name in psopenapi_py.__all__


def test_importing_the_package_leaves_the_ga_models_unloaded_until_used() -> None:
    """`import psopenapi_py` does not import the GA module; `from psopenapi_py import X` loads it."""
    code = (
        "import sys, psopenapi_py\n"
        f"print({GA_MODULE!r} in sys.modules)\n"
        "from psopenapi_py import ServerVAD\n"
        f"print({GA_MODULE!r} in sys.modules, ServerVAD.__module__)\n"
        "print('ServerVAD' in dir(psopenapi_py), 'initialize_server_vad' in psopenapi_py.__all__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n") == ["False", f"True {GA_MODULE}", "True True", ""]
    assert set(LAZY_MODULES) == {
        "realtime_client_secrets",
        "realtime_calls",
        "realtime_transcription_sessions",
        "realtime_translations",
    }


# --------------------------------------------------------------------------------------------------
# Request bodies


def test_openais_own_request_example_built_with_initialize_calls_sends_exactly_its_body() -> None:
    """expires_after + a realtime session with model and instructions: nothing added, nothing lost."""
    request = initialize_realtime_create_client_secret_request(
        expires_after=initialize_client_secret_expiration(anchor="created_at", seconds=600),
        session=initialize_session_configuration(
            initialize_realtime_session_create_request_ga(
                type="realtime", model="gpt-realtime", instructions="You are a friendly assistant."
            )
        ),
    )
    assert request_body(request) == OPENAI_EXAMPLE_BODY
    assert request.to_json() == json.dumps(OPENAI_EXAMPLE_BODY, separators=(",", ":"))


def test_no_schema_default_is_filled_in_only_a_required_constant_type() -> None:
    """Defaults policy: expires_after stays empty, a session gets only its `type`, server VAD only its `type`."""
    assert initialize_client_secret_expiration().to_dict() == {}
    assert initialize_realtime_session_create_request_ga().to_dict() == {"type": "realtime"}
    assert initialize_server_vad().to_dict() == {"type": "server_vad"}
    assert initialize_semantic_vad().to_dict() == {"type": "semantic_vad"}
    assert initialize_realtime_session_create_request_ga_audio_output().to_dict() == {}
    assert request_body(initialize_realtime_create_client_secret_request()) == {}
    validate(initialize_realtime_session_create_request_ga(), "RealtimeSessionCreateRequestGA", REALTIME_API_SPEC)
    for vad in (initialize_server_vad(), initialize_semantic_vad()):
        validate(vad, "RealtimeTurnDetection", REALTIME_API_SPEC)


def test_a_transcription_session_is_built_and_told_apart_by_its_type() -> None:
    """A transcription session with a PCM format, a transcription model, noise reduction and no VAD."""
    session = initialize_realtime_transcription_session_create_request_ga(
        audio=initialize_realtime_transcription_session_create_request_ga_audio(
            input=initialize_realtime_transcription_session_create_request_ga_audio_input(
                format=initialize_realtime_audio_formats(initialize_pcm_audio_format(type="audio/pcm", rate=24000)),
                transcription=initialize_audio_transcription(model="gpt-4o-transcribe", language="en"),
                noise_reduction=initialize_realtime_session_create_request_ga_audio_input_noise_reduction(
                    type=NoiseReductionType.FAR_FIELD
                ),
                turn_detection=None,
            )
        ),
        include=["item.input_audio_transcription.logprobs"],
    )
    request = initialize_realtime_create_client_secret_request(session=session)
    assert request_body(request) == {
        "session": {
            "type": "transcription",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                    "noise_reduction": {"type": "far_field"},
                    "turn_detection": None,
                }
            },
            "include": ["item.input_audio_transcription.logprobs"],
        }
    }
    from_dict = initialize_session_configuration({"type": "transcription"})
    assert type(from_dict.actual_instance).__name__ == "RealtimeTranscriptionSessionCreateRequestGA"
    assert from_dict.actual_type == "RealtimeTranscriptionSessionCreateRequestGA"


def test_semantic_vad_is_sent_with_its_eagerness() -> None:
    """turn_detection=SemanticVAD(eagerness=...) goes out as {"type": "semantic_vad", ...}."""
    request = realtime(
        audio=audio_input(turn_detection=initialize_semantic_vad(eagerness="high", interrupt_response=False))
    )
    assert request_body(request)["session"]["audio"] == {
        "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "high", "interrupt_response": False}}
    }


def test_turn_detection_as_a_dict_is_chosen_by_its_type_discriminator() -> None:
    """A dict picks ServerVAD or SemanticVAD by `type`; a missing or unknown type is an error naming it."""
    server = initialize_realtime_turn_detection({"type": "server_vad", "threshold": 0.4})
    semantic = initialize_realtime_turn_detection({"type": "semantic_vad"})
    assert isinstance(server.actual_instance, ServerVAD)
    assert isinstance(semantic.actual_instance, SemanticVAD)
    for built in (server, semantic):
        validate(built.to_dict(), "RealtimeTurnDetection", REALTIME_API_SPEC)
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_turn_detection({"type": "energy_vad"})
    assert str(info.value) == (
        "Invalid value for 'RealtimeTurnDetection.type': 'energy_vad'. Allowed values: server_vad, semantic_vad."
    )
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_turn_detection({"threshold": 0.4})
    assert str(info.value) == (
        "Invalid value for 'RealtimeTurnDetection.type': None. Allowed values: server_vad, semantic_vad."
    )


def test_turn_detection_none_sends_null() -> None:
    """turn_detection=None turns detection off: the body carries "turn_detection": null."""
    request = realtime(audio=audio_input(turn_detection=None))
    assert request.to_json() == '{"session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}'
    request_body(request)


def test_default_null_fields_accept_none_and_send_null() -> None:
    """`default: null` means off: noise_reduction=None and tracing=None go out as null."""
    request = realtime(tracing=None, audio=audio_input(noise_reduction=None))
    assert request_body(request)["session"] == {
        "type": "realtime",
        "audio": {"input": {"noise_reduction": None}},
        "tracing": None,
    }
    with pytest.raises(ApiValueError) as info:
        realtime(reasoning=None)
    assert str(info.value) == (
        "Invalid value for 'reasoning': None. 'reasoning' cannot be null; leave it out (UNSET) to not send it."
    )


def test_tracing_is_auto_or_an_object() -> None:
    """tracing takes "auto" or a TracingConfiguration, and nothing else."""
    assert request_body(realtime(tracing="auto"))["session"]["tracing"] == "auto"
    body = request_body(realtime(tracing=initialize_tracing_configuration3({"workflow_name": "support"})))
    assert body["session"]["tracing"] == {"workflow_name": "support"}
    with pytest.raises(ApiValueError) as info:
        realtime(tracing="manual")
    assert str(info.value).startswith(
        "Invalid value for 'tracing': 'manual' matches none of String, TracingConfiguration."
    )


def test_a_custom_voice_is_sent_as_an_id_object() -> None:
    """voice={"id": ...} (or the custom-voice model) is the custom member; extra keys are refused."""
    request = realtime(audio=audio_output(voice={"id": "voice_1234"}))
    assert request_body(request)["session"]["audio"] == {"output": {"voice": {"id": "voice_1234"}}}
    model = initialize_voice_ids_or_custom_voice(initialize_voice_ids_or_custom_voice_any_of(id="voice_9"))
    assert isinstance(model.actual_instance, VoiceIdsOrCustomVoiceAnyOf)
    assert model.to_json() == '{"id":"voice_9"}'
    validate(model.to_dict(), "VoiceIdsOrCustomVoice", REALTIME_API_SPEC)
    with pytest.raises(ApiValueError) as info:
        initialize_voice_ids_or_custom_voice({"id": "voice_1", "name": "mine"})
    assert "Error! JSON key 'name' not found in the properties: id" in str(info.value)


def test_voice_and_model_are_open_enums_known_values_canonical() -> None:
    """Any voice or model string passes; the spec's own names are stored in their canonical spelling."""
    request = realtime(model="GPT-Realtime", audio=audio_output(voice="Marin"))
    body = request_body(request)
    assert body["session"]["model"] == "gpt-realtime"
    assert body["session"]["audio"]["output"]["voice"] == "marin"
    other = realtime(model="gpt-realtime-2099-01-01", audio=audio_output(voice="Narrator"))
    assert request_body(other)["session"]["model"] == "gpt-realtime-2099-01-01"
    assert other.to_dict()["session"]["audio"]["output"]["voice"] == "Narrator"
    assert initialize_realtime_session_create_request_ga_model("gpt-realtime-mini").actual_type == "String"
    assert convert_from_json_to_voice_ids_or_custom_voice('"alloy"').actual_instance == "alloy"
    with pytest.raises(ApiTypeError):
        realtime(model=5)


def test_speed_and_seconds_are_checked_at_their_bounds() -> None:
    """seconds 10 and 7200 pass, 9 and 7201 fail; speed 0.25 and 1.5 pass, 0.2 fails; all before sending."""
    for seconds in (10, 7200):
        assert initialize_client_secret_expiration(seconds=seconds).to_dict() == {"seconds": seconds}
        request_body(initialize_realtime_create_client_secret_request(expires_after={"seconds": seconds}))
    with pytest.raises(ApiValueError) as info:
        initialize_client_secret_expiration(seconds=9)
    assert str(info.value) == "Invalid value for 'seconds': 9. Must be >= 10."
    assert (info.value.parameter, info.value.value) == ("seconds", 9)
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_create_client_secret_request(expires_after={"seconds": 7201})
    assert str(info.value) == "Invalid value for 'expires_after.seconds': 7201. Must be <= 7200."
    for speed in (0.25, 1.5):
        request_body(realtime(audio=audio_output(speed=speed)))
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_session_create_request_ga_audio_output(speed=0.2)
    assert str(info.value) == "Invalid value for 'speed': 0.2. Must be >= 0.25."


def test_an_unknown_key_in_a_session_is_rejected() -> None:
    """A session dict with a key the GA schema lacks (beta's `temperature`) fails, naming the key."""
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_create_client_secret_request(session={"type": "realtime", "temperature": 0.8})
    assert str(info.value) == (
        "Error! JSON key 'temperature' not found in the properties: type output_modalities model instructions "
        "audio include tracing tools tool_choice parallel_tool_calls reasoning max_output_tokens truncation prompt"
    )
    assert info.value.parameter == "session.temperature"
    with pytest.raises(ApiValueError) as info:
        convert_from_json_to_realtime_create_client_secret_request('{"session": {"type": "realtime", "voice": "ash"}}')
    assert info.value.parameter == "session.voice"


def test_a_session_needs_a_known_type() -> None:
    """A session dict without `type` matches neither kind; an unknown `type` names the allowed ones."""
    with pytest.raises(ApiValueError) as info:
        initialize_session_configuration({"type": "conversation"})
    assert str(info.value) == (
        "Invalid value for 'SessionConfiguration.type': 'conversation'. Allowed values: realtime, transcription."
    )
    with pytest.raises(ApiValueError) as info:
        initialize_session_configuration({"model": "gpt-realtime"})
    assert str(info.value).startswith(
        "Invalid value for 'SessionConfiguration': {'model': 'gpt-realtime'} matches none of "
        "RealtimeSessionCreateRequestGA, RealtimeTranscriptionSessionCreateRequestGA."
    )
    assert isinstance(convert_from_json_to_session_configuration('{"type": "realtime"}'), SessionConfiguration)


def test_audio_formats_are_objects_told_apart_by_type() -> None:
    """PCM, mu-law and A-law formats; the PCM rate is 24000 only."""
    request = realtime(
        audio=initialize_realtime_session_create_request_ga_audio(
            input=initialize_realtime_session_create_request_ga_audio_input(format={"type": "audio/pcmu"}),
            output=initialize_realtime_session_create_request_ga_audio_output(
                format=initialize_realtime_audio_formats(initialize_pcmu_audio_format(type="audio/pcmu"))
            ),
        )
    )
    assert request_body(request)["session"]["audio"] == {
        "input": {"format": {"type": "audio/pcmu"}},
        "output": {"format": {"type": "audio/pcmu"}},
    }
    assert isinstance(RealtimeAudioFormats({"type": "audio/pcm", "rate": 24000}).actual_instance, PCMAudioFormat)
    with pytest.raises(ApiValueError) as info:
        initialize_pcm_audio_format(rate=16000)
    assert str(info.value) == "Invalid value for 'rate': 16000. Allowed values: 24000."


def test_function_and_mcp_tools_are_told_apart_by_type() -> None:
    """tools holds function tools and MCP tools; a dict picks its member by `type`."""
    tools = [
        initialize_realtime_function_tool(type="function", name="lookup", parameters={"type": "object"}),
        {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com/sse"},
    ]
    body = request_body(realtime(tools=tools))
    assert body["session"]["tools"] == [
        {"type": "function", "name": "lookup", "parameters": {"type": "object"}},
        {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com/sse"},
    ]
    wrapped = initialize_realtime_session_create_request_ga_tools_inner({"type": "mcp", "server_label": "x"})
    assert isinstance(wrapped.actual_instance, MCPTool)
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_session_create_request_ga_tools_inner({"type": "mcp"})
    assert str(info.value) == "Error! JSON cannot be serialized due to the required property 'server_label' missing."


def test_an_mcp_tool_takes_require_approval_as_a_string_or_a_filter_object() -> None:
    """require_approval "never" and {"always": {...}, "never": {...}} both go out as given."""
    as_string = initialize_mcp_tool(
        server_label="crm", server_url="https://crm.example.com/mcp", require_approval="never"
    )
    as_filter = initialize_mcp_tool(
        server_label="files",
        connector_id="connector_googledrive",
        authorization="oauth-token-for-tests",
        require_approval=initialize_mcp_tool_require_approval(
            initialize_mcp_tool_approval_filter(
                always=initialize_beta_mcp_tool_filter(tool_names=["delete_file"]),
                never={"read_only": True},
            )
        ),
        allowed_tools=["search", "delete_file"],
        headers={"X-Team": "support"},
    )
    body = request_body(realtime(tools=[as_string, as_filter]))
    assert body["session"]["tools"] == [
        {
            "type": "mcp",
            "server_label": "crm",
            "server_url": "https://crm.example.com/mcp",
            "require_approval": "never",
        },
        {
            "type": "mcp",
            "server_label": "files",
            "connector_id": "connector_googledrive",
            "authorization": "oauth-token-for-tests",
            "headers": {"X-Team": "support"},
            "allowed_tools": ["search", "delete_file"],
            "require_approval": {"always": {"tool_names": ["delete_file"]}, "never": {"read_only": True}},
        },
    ]
    with pytest.raises(ApiValueError):
        initialize_mcp_tool(server_label="x", require_approval="sometimes")
    with pytest.raises(ApiValueError) as info:
        initialize_mcp_tool(server_label="x", require_approval={"always": {"tool_names": []}, "often": {}})
    assert "Error! JSON key 'often' not found in the properties: always never" in str(info.value)


def test_mcp_tool_tunnel_id_pattern_and_allowed_callers_min_items_are_checked() -> None:
    """tunnel_id must match ^tunnel_[a-z0-9]{32}$; allowed_callers needs at least one item."""
    good = "tunnel_" + "a1" * 16
    assert initialize_mcp_tool(server_label="t", tunnel_id=good).to_dict()["tunnel_id"] == good
    with pytest.raises(ApiValueError) as info:
        initialize_mcp_tool(server_label="t", tunnel_id="tunnel_X")
    assert (
        str(info.value) == "Invalid value for 'tunnel_id': 'tunnel_X'. Must match the pattern '^tunnel_[a-z0-9]{32}$'."
    )
    with pytest.raises(ApiValueError) as info:
        initialize_mcp_tool(server_label="t", allowed_callers=[])
    assert str(info.value) == "Invalid value for 'allowed_callers': []. Must have at least 1 item(s)."
    assert initialize_mcp_tool(server_label="t", allowed_callers="direct").to_dict()["allowed_callers"] == ["direct"]


def test_truncation_is_a_string_or_a_retention_ratio_object() -> None:
    """truncation "disabled" or {"type": "retention_ratio", ...}; the ratio is kept within 0..1."""
    assert request_body(realtime(truncation="disabled"))["session"]["truncation"] == "disabled"
    ratio = initialize_retention_ratio_truncation(
        type="retention_ratio", retention_ratio=0.8, token_limits={"post_instructions": 8000}
    )
    body = request_body(realtime(truncation=initialize_realtime_truncation(ratio)))
    assert body["session"]["truncation"] == {
        "type": "retention_ratio",
        "retention_ratio": 0.8,
        "token_limits": {"post_instructions": 8000},
    }
    with pytest.raises(ApiValueError) as info:
        initialize_retention_ratio_truncation(retention_ratio=1.5)
    assert str(info.value) == "Invalid value for 'retention_ratio': 1.5. Must be <= 1."
    with pytest.raises(ApiValueError):
        realtime(truncation="sometimes")


def test_prompt_variables_mix_strings_and_input_content_objects() -> None:
    """variables maps names to strings and to text, image and file inputs, each chosen by its `type`."""
    prompt = initialize_prompt(
        id="pmpt_123",
        version="2",
        variables={
            "customer": "Ada",
            "greeting": initialize_input_text_content(text="Hello!"),
            "logo": initialize_input_image_content(image_url="https://example.com/logo.png", detail="auto"),
            "terms": {"type": "input_file", "file_id": "file_42"},
        },
    )
    body = request_body(realtime(prompt=prompt))
    assert body["session"]["prompt"] == {
        "id": "pmpt_123",
        "version": "2",
        "variables": {
            "customer": "Ada",
            "greeting": {"type": "input_text", "text": "Hello!"},
            "logo": {"type": "input_image", "image_url": "https://example.com/logo.png", "detail": "auto"},
            "terms": {"type": "input_file", "file_id": "file_42"},
        },
    }
    assert isinstance(prompt.variables["greeting"], InputTextContent)
    with pytest.raises(ApiValueError) as info:
        initialize_prompt(id="p", variables={"x": {"type": "input_audio"}})
    assert str(info.value) == (
        "Invalid value for 'variables.x.type': 'input_audio'. Allowed values: input_text, input_image, input_file."
    )
    assert request_body(realtime(prompt=None))["session"]["prompt"] is None


def test_tool_choice_and_max_output_tokens_wrappers() -> None:
    """tool_choice takes a mode or a function/MCP choice; max_output_tokens an integer or "inf"."""
    body = request_body(
        realtime(
            tool_choice=BetaToolChoiceOptions.REQUIRED,
            max_output_tokens=initialize_realtime_beta_response_create_params_max_output_tokens(1024),
        )
    )
    assert (body["session"]["tool_choice"], body["session"]["max_output_tokens"]) == ("required", 1024)
    body = request_body(
        realtime(tool_choice={"type": "mcp", "server_label": "crm", "name": None}, max_output_tokens="inf")
    )
    assert body["session"]["tool_choice"] == {"type": "mcp", "server_label": "crm", "name": None}
    with pytest.raises(ApiValueError):
        realtime(max_output_tokens="infinite")


def test_enum_models_are_str_enums_with_initialize_and_convert() -> None:
    """Enum models: members equal their strings; initialize/convert find them in any case; fields take them."""
    # A str enum member equals its string at run time, which is the point; mypy sees two unrelated literals.
    assert NoiseReductionType.NEAR_FIELD == "near_field"  # type: ignore[comparison-overlap]
    assert initialize_noise_reduction_type("FAR_FIELD") is NoiseReductionType.FAR_FIELD
    assert convert_from_json_to_noise_reduction_type('"near_field"') is NoiseReductionType.NEAR_FIELD
    assert NoiseReductionType.NEAR_FIELD.to_json() == '"near_field"'
    with pytest.raises(ApiValueError) as info:
        initialize_noise_reduction_type("mid_field")
    assert (
        str(info.value)
        == "Invalid value for 'value': 'mid_field'. Allowed values for NoiseReductionType: near_field, far_field."
    )
    field = initialize_realtime_session_create_request_ga_audio_input_noise_reduction(type="Near_Field")
    assert field.type == "near_field" and type(field.type) is str
    with pytest.raises(ApiValueError) as info:
        initialize_realtime_session_create_request_ga_audio_input_noise_reduction(type="mid_field")
    assert str(info.value) == "Invalid value for 'type': 'mid_field'. Allowed values: near_field, far_field."
    assert MODELS["NoiseReductionType"] is NoiseReductionType


def test_convert_from_json_checks_the_whole_request() -> None:
    """convert_from_json_to_realtime_create_client_secret_request parses OpenAI's example strictly."""
    request = convert_from_json_to_realtime_create_client_secret_request(json.dumps(OPENAI_EXAMPLE_BODY))
    assert isinstance(request.session, RealtimeSessionCreateRequestGA)
    assert request_body(request) == OPENAI_EXAMPLE_BODY


# --------------------------------------------------------------------------------------------------
# Responses


def test_openais_realtime_response_example_parses_with_its_nulls_and_round_trips() -> None:
    """The component example: a RealtimeSessionCreateResponseGA by `type`, nulls kept, nothing lost."""
    example = response_example("RealtimeCreateClientSecretResponse")
    response = RealtimeCreateClientSecretResponse.from_dict(example)
    session = response.session
    assert isinstance(session, RealtimeSessionCreateResponseGA)
    assert (session.id, session.tracing, session.prompt, session.include) == (
        "sess_C9CiUVUzUzYIssh3ELY1d",
        None,
        None,
        None,
    )
    assert session.audio.input.transcription is None
    assert isinstance(session.audio.input.turn_detection, ServerVAD)
    assert session.audio.input.turn_detection.idle_timeout_ms is None
    assert isinstance(session.audio.output.format, PCMAudioFormat)
    assert response.to_dict() == example
    # OpenAI's example sends null where the schema says object; everything else matches the schema.
    validate(without_nulls(response.to_dict()), "RealtimeCreateClientSecretResponse", REALTIME_API_SPEC)


def test_the_operation_example_with_its_trailing_comma_removed_also_parses() -> None:
    """The operation's own example is not valid JSON (a trailing comma); without it, it parses."""
    raw = shared_spec(REALTIME_API_SPEC)["paths"]["/realtime/client_secrets"]["post"]["x-oaiMeta"]["examples"][
        "response"
    ]
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)
    fixed = re.sub(r",(\s*})", r"\1", raw)
    response = convert_from_json_to_realtime_create_client_secret_response(fixed)
    assert response.session.audio.input.turn_detection.to_dict() == {"type": "server_vad"}
    assert response.to_dict() == json.loads(fixed)


def test_openais_transcription_session_example_parses_leniently() -> None:
    """The transcription example ("format": "pcm16", "language": null) parses by `type`, kept as sent."""
    session = response_example("RealtimeTranscriptionSessionCreateResponseGA")
    body = {"value": "ek_test_transcription", "expires_at": 1742188264, "session": session}
    response = convert_from_json_to_realtime_create_client_secret_response(json.dumps(body))
    assert isinstance(response.session, RealtimeTranscriptionSessionCreateResponseGA)
    assert response.session.audio.input.format == "pcm16"  # no format model matches: the JSON is kept
    assert response.session.audio.input.transcription.language is None
    assert response.to_dict() == body


def test_a_response_keeps_unknown_keys_and_unknown_kinds() -> None:
    """Lenient parsing: new keys go to additional_properties, a tool of a new type is kept as JSON."""
    body = {
        "value": "ek_1",
        "expires_at": 2,
        "region": "eu",
        "session": {
            "type": "realtime",
            "id": "sess_1",
            "object": "realtime.session",
            "voice_profile": {"warmth": 3},
            "tools": [{"type": "web_search", "max_results": 3}],
        },
    }
    response = RealtimeCreateClientSecretResponse.from_dict(body)
    assert response.additional_properties == {"region": "eu"}
    assert response.session.additional_properties == {"voice_profile": {"warmth": 3}}
    assert response.session.tools == [{"type": "web_search", "max_results": 3}]
    assert response.to_dict() == body


def test_the_ephemeral_key_never_shows_in_repr() -> None:
    """repr() of the response redacts `value`."""
    response = RealtimeCreateClientSecretResponse.from_dict(response_example("RealtimeCreateClientSecretResponse"))
    text = repr(response)
    assert "ek_68af296e8e408191a1120ab6383263c2" not in text
    assert text.startswith("RealtimeCreateClientSecretResponse(value=<redacted>, expires_at=1756310470, session=")
