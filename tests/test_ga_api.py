"""new_realtime_client_secret over real loopback sockets, and the retired-beta error of new_realtime_session."""

from __future__ import annotations

import ast
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from recording_server import RecordingServer, Reply
from spec_validation import REALTIME_API_SPEC, shared_spec, validate

from psopenapi_py import (
    ApiException,
    ApiResponse,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    BetaApiRetiredError,
    RealtimeCreateClientSecretResponse,
    RealtimeSessionCreateResponseGA,
    RealtimeTranscriptionSessionCreateResponseGA,
    cli,
    initialize_client_secret_expiration,
    initialize_realtime_create_client_secret_request,
    initialize_realtime_session_create_request,
    initialize_realtime_session_create_request_ga,
    initialize_realtime_session_create_request_turn_detection,
    initialize_session_configuration,
    new_realtime_client_secret,
    new_realtime_session,
)
from psopenapi_py.mock_server import MockServer

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sk-test-key-123"  # what the `configured` fixture puts in OPENAI_API_KEY
EPHEMERAL = "ek_68af296e8e408191a1120ab6383263c2"
OPENAI_EXAMPLE_BODY = {
    "expires_after": {"anchor": "created_at", "seconds": 600},
    "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "You are a friendly assistant."},
}
RETIRED = {
    "error": {
        "message": "The Realtime beta API has been retired.",
        "type": "invalid_request_error",
        "param": None,
        "code": "beta_api_shape_disabled",
    }
}


def realtime_reply() -> dict[str, Any]:
    """OpenAI's example response for a realtime session (from the spec)."""
    schemas = shared_spec(REALTIME_API_SPEC)["components"]["schemas"]
    return json.loads(schemas["RealtimeCreateClientSecretResponse"]["x-oaiMeta"]["example"])  # type: ignore[no-any-return]


def transcription_reply() -> dict[str, Any]:
    """OpenAI's example transcription session, wrapped as a client-secret response."""
    schemas = shared_spec(REALTIME_API_SPEC)["components"]["schemas"]
    session = json.loads(schemas["RealtimeTranscriptionSessionCreateResponseGA"]["x-oaiMeta"]["example"])
    return {"value": "ek_transcription_secret_1", "expires_at": 1742188864, "session": session}


@pytest.fixture
def ga(configured: RecordingServer) -> RecordingServer:
    """The configured recording server, answering every call with OpenAI's realtime example response."""
    configured.default = Reply(200, realtime_reply())
    return configured


def test_openais_example_request_goes_to_client_secrets_with_exact_body_and_headers(ga: RecordingServer) -> None:
    """POST /v1/realtime/client_secrets, compact JSON body exactly as built, bearer token, JSON headers."""
    request = initialize_realtime_create_client_secret_request(
        expires_after=initialize_client_secret_expiration(anchor="created_at", seconds=600),
        session=initialize_session_configuration(
            initialize_realtime_session_create_request_ga(
                type="realtime", model="gpt-realtime", instructions="You are a friendly assistant."
            )
        ),
    )
    result = new_realtime_client_secret(request)
    [sent] = ga.requests
    assert (sent.method, sent.path) == ("POST", "/v1/realtime/client_secrets")
    assert sent.body == json.dumps(OPENAI_EXAMPLE_BODY, separators=(",", ":")).encode()
    validate(sent.json, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Accept"] == "application/json"
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    assert (result.value, result.expires_at) == (EPHEMERAL, 1756310470)


def test_the_realtime_session_comes_back_typed_with_its_nulls(ga: RecordingServer) -> None:
    """session is a RealtimeSessionCreateResponseGA; the example's nulls are accepted and kept."""
    result = new_realtime_client_secret({})
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    session = result.session
    assert isinstance(session, RealtimeSessionCreateResponseGA)
    assert (session.model, session.tool_choice, session.max_output_tokens, session.truncation) == (
        "gpt-realtime-2025-08-25",
        "auto",
        "inf",
        "auto",
    )
    assert (session.tracing, session.prompt, session.audio.input.noise_reduction) == (None, None, None)
    assert result.to_dict() == realtime_reply()
    assert ga.requests[0].body == b"{}"


def test_a_transcription_session_comes_back_as_the_transcription_model(ga: RecordingServer) -> None:
    """A response whose session has type transcription parses to RealtimeTranscriptionSessionCreateResponseGA."""
    ga.default = Reply(200, transcription_reply())
    result = new_realtime_client_secret({"session": {"type": "transcription"}})
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    assert isinstance(result.session, RealtimeTranscriptionSessionCreateResponseGA)
    assert result.session.audio.input.transcription.model == "gpt-4o-transcribe"
    assert ga.requests[0].json == {"session": {"type": "transcription"}}
    validate(ga.requests[0].json, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)


def test_a_dict_body_is_checked_then_sent_as_given(ga: RecordingServer) -> None:
    """A plain dict goes out key for key; a bad one is refused before any connection."""
    body = {"session": {"instructions": "Hi", "type": "realtime"}, "expires_after": {"seconds": 60}}
    new_realtime_client_secret(body)
    assert ga.requests[0].body == b'{"session":{"instructions":"Hi","type":"realtime"},"expires_after":{"seconds":60}}'
    validate(ga.requests[0].json, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    with pytest.raises(ApiValueError) as info:
        new_realtime_client_secret({"expires_after": {"seconds": 9}})
    assert str(info.value) == "Invalid value for 'expires_after.seconds': 9. Must be >= 10."
    with pytest.raises(ApiValueError) as info:
        new_realtime_client_secret({"session": {"type": "realtime", "temperature": 0.7}})
    assert info.value.parameter == "session.temperature"
    assert len(ga.requests) == 1


@pytest.mark.parametrize("missing", [None])
def test_a_missing_body_uses_the_module_message(ga: RecordingServer, missing: Any) -> None:
    """No request body: the PowerShell module's required-parameter message, nothing sent."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_client_secret(missing)
    assert str(info.value) == (
        "Error! The required parameter realtime_create_client_secret_request missing when calling "
        "createRealtimeClientSecret."
    )
    with pytest.raises(ApiTypeError) as type_info:
        new_realtime_client_secret(initialize_realtime_session_create_request(model="gpt-4o-realtime-preview"))  # type: ignore[arg-type]
    assert str(type_info.value) == (
        "Invalid type for 'realtime_create_client_secret_request': expected a RealtimeCreateClientSecretRequest "
        "or a dict, got RealtimeSessionCreateRequest."
    )
    assert ga.requests == []


def test_with_http_info_returns_status_and_headers(ga: RecordingServer) -> None:
    """with_http_info=True wraps the typed response with the status code and the headers."""
    result = new_realtime_client_secret({}, with_http_info=True)
    assert isinstance(result, ApiResponse)
    assert result.status_code == 200
    assert result.headers["X-Request-Id"] == "req_1"
    assert isinstance(result.response, RealtimeCreateClientSecretResponse)


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ({"expires_at": 1, "session": {"type": "realtime"}}, "the body has no value (no ephemeral key)."),
        ({"value": "", "expires_at": 1}, "the body has no value (no ephemeral key)."),
        ({"value": "ek_x", "session": {"type": "realtime"}}, "the body has no expires_at (the key's expiry)."),
        ({"value": "ek_x", "expires_at": None}, "the body has no expires_at (the key's expiry)."),
    ],
)
def test_a_2xx_body_without_value_or_expires_at_is_an_api_exception_with_the_raw_body(
    ga: RecordingServer, reply: dict[str, Any], problem: str
) -> None:
    """No key or no expiry in a 200 answer: ApiException carrying status and raw body."""
    ga.default = Reply(200, reply)
    with pytest.raises(ApiException) as info:
        new_realtime_client_secret({})
    assert str(info.value) == f"(200) OK: {problem}"
    assert (info.value.status, info.value.body) == (200, json.dumps(reply))


def test_api_errors_map_to_their_exception_classes(ga: RecordingServer) -> None:
    """A 400 from the endpoint is a BadRequestException with OpenAI's error details."""
    error = {
        "error": {
            "message": "Invalid value: 'x'.",
            "type": "invalid_request_error",
            "param": "session.type",
            "code": None,
        }
    }
    ga.default = Reply(400, error)
    with pytest.raises(BadRequestException) as info:
        new_realtime_client_secret({})
    assert str(info.value) == "(400) Bad Request: Invalid value: 'x'."
    assert info.value.error_details == error
    assert not isinstance(info.value, BetaApiRetiredError)


def test_the_ephemeral_key_and_token_stay_out_of_logs_and_repr(
    ga: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    """DEBUG logging names the call; neither the API key nor the ephemeral key appears anywhere."""
    with caplog.at_level(logging.DEBUG, logger="psopenapi_py"):
        result = new_realtime_client_secret({})
    messages = [r.getMessage() for r in caplog.records]
    assert "Calling method: new_realtime_client_secret" in messages
    text = "\n".join(messages) + repr(result) + repr(new_realtime_client_secret({}, with_http_info=True))
    assert EPHEMERAL not in text
    assert TOKEN not in text


def test_calling_new_realtime_session_does_not_load_the_ga_models() -> None:
    """A beta call that succeeds never imports the GA models (the retired-beta hint is built on demand)."""
    code = (
        "import sys, requests_mock, psopenapi_py as p\n"
        "with requests_mock.Mocker() as m:\n"
        "    m.post('https://api.openai.com/v1/realtime/sessions', json={'client_secret': {'value': 'ek_1', 'expires_at': 1}})\n"
        "    p.set_configuration(access_token='sk-x')\n"
        "    p.new_realtime_session({'model': 'gpt-4o-realtime-preview'})\n"
        "print('psopenapi_py.models.realtime_client_secrets' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --------------------------------------------------------------------------------------------------
# The retired beta endpoint points at the GA call


def test_retired_beta_error_shows_the_equivalent_ga_call_for_the_request_made(configured: RecordingServer) -> None:
    """beta_api_shape_disabled: the message carries the new_realtime_client_secret call for this request."""
    configured.default = Reply(400, RETIRED)
    request = initialize_realtime_session_create_request(
        model="gpt-4o-realtime-preview",
        modalities=["text"],
        instructions="Be brief.",
        voice="verse",
        input_audio_format="g711_alaw",
        turn_detection=None,
        temperature=0.7,
    )
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_session(request)
    assert str(info.value) == (
        "(400) Bad Request: OpenAI has retired the Realtime beta API (The Realtime beta API has been retired.). "
        "Use new_realtime_client_secret (POST /realtime/client_secrets) instead. The equivalent call for this "
        "request:\n"
        "\n"
        "    new_realtime_client_secret(\n"
        "        realtime_create_client_secret_request={\n"
        '            "session": {\n'
        '                "type": "realtime",\n'
        '                "output_modalities": ["text"],\n'
        '                "model": "gpt-realtime",\n'
        '                "instructions": "Be brief.",\n'
        '                "audio": {\n'
        '                    "input": {"format": {"type": "audio/pcma"}, "turn_detection": None},\n'
        '                    "output": {"voice": "verse"},\n'
        "                },\n"
        "            },\n"
        "        },\n"
        "    )\n"
        "\n"
        "    Notes:\n"
        '    - model "gpt-4o-realtime-preview" is a beta preview model; its GA successor "gpt-realtime" is used.\n'
        "    - temperature=0.7 is left out: the GA Realtime session has no temperature (the model picks its own sampling).\n"
        "\n"
        "See docs/migrating-to-ga.md."
    )
    assert info.value.error_code == "beta_api_shape_disabled"
    assert len(configured.requests) == 1


def test_the_call_in_the_retired_beta_error_runs_and_sends_the_converted_body(configured: RecordingServer) -> None:
    """The printed call is Python that, run as it stands, sends a body valid under the GA schema."""
    configured.default = Reply(400, RETIRED)
    request = initialize_realtime_session_create_request(
        model="gpt-4o-mini-realtime-preview",
        input_audio_format="pcm16",
        turn_detection=initialize_realtime_session_create_request_turn_detection(type="server_vad", threshold=0.6),
        tool_choice="lookup",
    )
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_session(request)
    message = str(info.value)
    code = message.split("request:\n\n", 1)[1].split("\n\n", 1)[0]
    call = ast.parse(code.replace("\n    ", "\n").strip(), mode="eval")
    configured.default = Reply(200, realtime_reply())
    result = eval(compile(call, "<hint>", "eval"), {"new_realtime_client_secret": new_realtime_client_secret})
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    sent = configured.requests[-1].json
    validate(sent, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    assert sent == {
        "session": {
            "type": "realtime",
            "model": "gpt-realtime-mini",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "turn_detection": {"type": "server_vad", "threshold": 0.6, "create_response": True},
                }
            },
            "tool_choice": {"type": "function", "name": "lookup"},
        }
    }


def test_a_request_without_a_ga_equivalent_still_gets_the_retired_error(configured: RecordingServer) -> None:
    """A turn detection type GA does not know: the error says so instead of printing a call."""
    configured.default = Reply(400, RETIRED)
    request = initialize_realtime_session_create_request(
        model="gpt-4o-realtime-preview",
        turn_detection=initialize_realtime_session_create_request_turn_detection(type="MyType"),
    )
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_session(request)
    assert str(info.value) == (
        "(400) Bad Request: OpenAI has retired the Realtime beta API (The Realtime beta API has been retired.). "
        "Use new_realtime_client_secret (POST /realtime/client_secrets) instead. This request has no automatic "
        "GA equivalent (Invalid value for 'turn_detection.type': 'MyType'. Allowed values: server_vad, "
        "semantic_vad.); see docs/migrating-to-ga.md."
    )


def test_mcp_credentials_are_sent_but_never_logged_or_shown(
    ga: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    """An MCP tool's authorization and headers go over the wire, yet DEBUG logs and repr() redact them."""
    oauth = "oauth-secret-token-123"
    request = initialize_realtime_create_client_secret_request(
        session=initialize_session_configuration(
            initialize_realtime_session_create_request_ga(
                tools=[{"type": "mcp", "server_label": "crm", "authorization": oauth, "headers": {"X-Key": oauth}}]
            )
        )
    )
    with caplog.at_level(logging.DEBUG, logger="psopenapi_py"):
        new_realtime_client_secret(request)
    assert ga.requests[0].json["session"]["tools"][0] == {
        "type": "mcp",
        "server_label": "crm",
        "authorization": oauth,
        "headers": {"X-Key": oauth},
    }
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert (
        'Parameters: realtime_create_client_secret_request={"session":{"type":"realtime","tools":[{"type":"mcp",'
        '"server_label":"crm","authorization":"<redacted>","headers":{"X-Key":"<redacted>"}}]}}'
    ) in logged
    assert oauth not in logged
    assert repr(request) == (
        "RealtimeCreateClientSecretRequest(session=RealtimeSessionCreateRequestGA(type='realtime', "
        "tools=[MCPTool(type='mcp', server_label='crm', authorization=<redacted>, headers=<redacted>)]))"
    )


# --------------------------------------------------------------------------------------------------
# The mock server's GA endpoint


@pytest.fixture
def ga_mock(mock_server: MockServer, monkeypatch: pytest.MonkeyPatch) -> MockServer:
    """The built-in mock server, with OPENAI_BASE_URL and OPENAI_API_KEY (sk-example) pointing at it."""
    monkeypatch.setenv("OPENAI_BASE_URL", mock_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-example")
    return mock_server


def answer_without_random_parts(answer: dict[str, Any], seconds: int = 600) -> dict[str, Any]:
    """The mock's answer with the key, its expiry and the session id checked and taken out."""
    rest = json.loads(json.dumps(answer))
    validate(rest, "RealtimeCreateClientSecretResponse", REALTIME_API_SPEC)
    assert re.fullmatch(r"ek_[0-9a-f]{32}", rest.pop("value"))
    assert abs(rest.pop("expires_at") - (time.time() + seconds)) < 5
    assert re.fullmatch(r"sess_[0-9a-f]{24}", rest["session"].pop("id"))
    return rest  # type: ignore[no-any-return]


def test_mock_answers_openais_example_request_in_the_shape_of_openais_example(ga_mock: MockServer) -> None:
    """OpenAI's request example: the session comes back with the defaults of OpenAI's example answer."""
    result = new_realtime_client_secret(OPENAI_EXAMPLE_BODY)
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    assert answer_without_random_parts(result.to_dict()) == {
        "session": {
            "type": "realtime",
            "object": "realtime.session",
            "expires_at": 0,
            "output_modalities": ["audio"],
            "model": "gpt-realtime",
            "instructions": "You are a friendly assistant.",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcm", "rate": 24000},
                    "noise_reduction": None,
                    "turn_detection": {
                        "type": "server_vad",
                        "threshold": 0.5,
                        "prefix_padding_ms": 300,
                        "silence_duration_ms": 200,
                        "create_response": True,
                        "interrupt_response": True,
                        "idle_timeout_ms": None,
                    },
                },
                "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "alloy", "speed": 1.0},
            },
            "tracing": None,
            "tools": [],
            "tool_choice": "auto",
            "max_output_tokens": "inf",
            "truncation": "auto",
            "prompt": None,
        }
    }
    [recorded] = ga_mock.requests
    assert (recorded.path, recorded.status, recorded.body) == ("/v1/realtime/client_secrets", 200, OPENAI_EXAMPLE_BODY)


@pytest.mark.parametrize(
    ("request_body", "seconds"),
    [
        ({}, 600),
        ({"expires_after": {"seconds": 10}}, 10),
        ({"expires_after": {"anchor": "created_at", "seconds": 7200}, "session": {"type": "realtime"}}, 7200),
        (
            {
                "session": {
                    "type": "realtime",
                    "output_modalities": ["text"],
                    "audio": {
                        "input": {
                            "format": {"type": "audio/pcmu"},
                            "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                            "noise_reduction": {"type": "far_field"},
                            "turn_detection": {"type": "semantic_vad", "eagerness": "low"},
                        },
                        "output": {"voice": {"id": "voice_1234"}, "speed": 1.25},
                    },
                    "tracing": {"workflow_name": "support"},
                    "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
                    "tool_choice": {"type": "function", "name": "lookup"},
                    "reasoning": {"effort": "high"},
                    "max_output_tokens": 512,
                    "truncation": {"type": "retention_ratio", "retention_ratio": 0.5},
                    "prompt": {"id": "pmpt_1", "variables": {"name": "Ada"}},
                }
            },
            600,
        ),
        ({"session": {"type": "realtime", "audio": {"input": {"turn_detection": None}}}}, 600),
        ({"session": {"type": "transcription"}}, 600),
        (
            {
                "expires_after": {"seconds": 60},
                "session": {
                    "type": "transcription",
                    "audio": {
                        "input": {
                            "transcription": {"model": "gpt-4o-transcribe", "prompt": "tech terms"},
                            "noise_reduction": {"type": "near_field"},
                            "turn_detection": None,
                        }
                    },
                    "include": ["item.input_audio_transcription.logprobs"],
                },
            },
            60,
        ),
    ],
)
def test_mock_answers_validate_against_the_ga_response_schema(
    ga_mock: MockServer, request_body: dict[str, Any], seconds: int
) -> None:
    """Whatever valid request it gets, the mock's answer matches the response schema; expires_at = now + seconds."""
    validate(request_body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    result = new_realtime_client_secret(request_body)
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    answer = answer_without_random_parts(result.to_dict(), seconds)
    kind = request_body.get("session", {}).get("type", "realtime")
    assert answer["session"]["type"] == kind
    expected_class = (
        RealtimeSessionCreateResponseGA if kind == "realtime" else RealtimeTranscriptionSessionCreateResponseGA
    )
    assert isinstance(result.session, expected_class)


def test_mock_echoes_what_was_asked_for_with_defaults_around_it(ga_mock: MockServer) -> None:
    """Settings asked for come back as asked; a custom voice comes back as its id; semantic VAD gets its defaults."""
    result = new_realtime_client_secret(
        {
            "session": {
                "type": "realtime",
                "audio": {
                    "input": {"turn_detection": {"type": "semantic_vad"}},
                    "output": {"voice": {"id": "voice_9"}},
                },
                "max_output_tokens": 256,
            }
        }
    )
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    session = result.to_dict()["session"]
    assert session["audio"]["input"]["turn_detection"] == {
        "type": "semantic_vad",
        "eagerness": "auto",
        "create_response": True,
        "interrupt_response": True,
    }
    assert session["audio"]["output"]["voice"] == "voice_9"
    assert session["max_output_tokens"] == 256


@pytest.mark.parametrize(
    ("body", "param", "message"),
    [
        (
            {"expires_after": {"seconds": 9}},
            "expires_after.seconds",
            "Invalid value for 'expires_after.seconds': 9. Must be >= 10.",
        ),
        (
            {"expires_after": {"seconds": 7201}},
            "expires_after.seconds",
            "Invalid value for 'expires_after.seconds': 7201. Must be <= 7200.",
        ),
        (
            {"session": {"type": "realtime", "audio": {"output": {"speed": 0.2}}}},
            "session.audio.output.speed",
            "Invalid value for 'session.audio.output.speed': 0.2. Must be >= 0.25.",
        ),
        (
            {"session": {"type": "realtime", "temperature": 0.8}},
            "session.temperature",
            "Error! JSON key 'temperature' not found in the properties: type output_modalities model instructions audio "
            "include tracing tools tool_choice parallel_tool_calls reasoning max_output_tokens truncation prompt",
        ),
        (
            {
                "session": {
                    "type": "realtime",
                    "audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "HIGH"}}},
                }
            },
            "session.audio.input.turn_detection.eagerness",
            "Invalid value for 'session.audio.input.turn_detection.eagerness': 'HIGH'. Allowed values (exact spelling): "
            "low, medium, high, auto.",
        ),
        (
            {
                "session": {
                    "type": "realtime",
                    "tools": [{"type": "mcp", "server_label": "x", "require_approval": "Never"}],
                }
            },
            "session.tools[0].require_approval",
            "Invalid value for 'session.tools[0].require_approval': 'Never'. Allowed values (exact spelling): always, never.",
        ),
        (
            {"session": {"type": "realtime", "audio": {"input": {"transcription": None}}}},
            "session.audio.input.transcription",
            "Invalid value for 'session.audio.input.transcription': null. The spec does not allow null here; leave the "
            "key out instead.",
        ),
        (
            {"session": {"type": "conversation"}},
            "session.type",
            "Invalid value for 'session.type': 'conversation'. Allowed values: realtime, transcription.",
        ),
    ],
)
def test_mock_rejects_a_body_outside_the_ga_schema_with_400_naming_the_parameter(
    ga_mock: MockServer, body: dict[str, Any], param: str, message: str
) -> None:
    """Strict validation through the package's parser plus the spec's letter: 400, OpenAI's error shape, `param`."""
    import requests

    answer = requests.post(
        f"{ga_mock.url}/realtime/client_secrets", json=body, headers={"Authorization": "Bearer sk-example"}, timeout=10
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert (error["param"], error["message"], error["type"]) == (param, message, "invalid_request_error")


def test_mock_keeps_mcp_credentials_out_of_its_recording_and_answer(ga_mock: MockServer, tmp_path: Any) -> None:
    """An MCP tool's OAuth token reaches the mock but is neither recorded nor sent back."""
    oauth = "oauth-secret-token-456"
    tool = {"type": "mcp", "server_label": "crm", "authorization": oauth, "headers": {"X-Key": oauth}}
    result = new_realtime_client_secret({"session": {"type": "realtime", "tools": [tool]}})
    assert isinstance(result, RealtimeCreateClientSecretResponse)
    redacted = {"type": "mcp", "server_label": "crm", "authorization": "<redacted>", "headers": {"X-Key": "<redacted>"}}
    assert result.to_dict()["session"]["tools"] == [redacted]
    assert ga_mock.requests[0].body == {"session": {"type": "realtime", "tools": [redacted]}}


# --------------------------------------------------------------------------------------------------
# psopenapi new-realtime-client-secret


def test_cli_with_no_options_mints_a_default_key_as_json(
    ga_mock: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """No options: an empty body is sent; the answer is printed as JSON (the key included, for scripts)."""
    assert cli.main(["new-realtime-client-secret"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert ga_mock.requests[0].body == {}
    assert answer_without_random_parts(printed)["session"]["type"] == "realtime"


def test_cli_options_map_to_their_ga_fields(ga_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """Each option lands in its place in the GA body, in the spec's canonical spelling."""
    code = cli.main(
        [
            "new-realtime-client-secret", "--model", "GPT-Realtime", "--instructions", "Hi.", "--voice", "Marin",
            "--output-modalities", "text", "--expires-after-seconds", "120", "--turn-detection", "semantic_vad",
            "--transcription-model", "gpt-4o-transcribe", "--output", "token",
        ]
    )  # fmt: skip
    assert code == 0
    assert re.fullmatch(r"ek_[0-9a-f]{32}\n", capsys.readouterr().out)
    validate(ga_mock.requests[0].body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)
    assert ga_mock.requests[0].body == {
        "expires_after": {"seconds": 120},
        "session": {
            "type": "realtime",
            "output_modalities": ["text"],
            "model": "gpt-realtime",
            "instructions": "Hi.",
            "audio": {
                "input": {"transcription": {"model": "gpt-4o-transcribe"}, "turn_detection": {"type": "semantic_vad"}},
                "output": {"voice": "marin"},
            },
        },
    }


def test_cli_transcription_session_with_detection_off_as_env_lines(
    ga_mock: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """--type transcription --no-turn-detection: turn_detection null; --output env prints the key and its expiry."""
    assert (
        cli.main(["new-realtime-client-secret", "--type", "transcription", "--no-turn-detection", "--output", "env"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"export OPENAI_EPHEMERAL_KEY=ek_[0-9a-f]{32}", lines[0])
    assert abs(int(lines[1].removeprefix("export OPENAI_EPHEMERAL_KEY_EXPIRES_AT=")) - (time.time() + 600)) < 5
    assert ga_mock.requests[0].body == {
        "session": {"type": "transcription", "audio": {"input": {"turn_detection": None}}}
    }


def test_cli_body_file_with_options_laid_over_it(
    ga_mock: MockServer, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """--body supplies the request; options override single fields of it; --with-http-info wraps the JSON."""
    body = tmp_path / "ga.json"
    body.write_text(
        json.dumps({"session": {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"speed": 1.2}}}})
    )
    assert cli.main(["new-realtime-client-secret", "--body", str(body), "--voice", "cedar", "--with-http-info"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["status_code"] == 200 and "x-request-id" in printed["headers"]
    assert ga_mock.requests[0].body == {
        "session": {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"speed": 1.2, "voice": "cedar"}}}
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--expires-after-seconds", "7201"],
            "Invalid value for 'expires_after.seconds': 7201. Must be <= 7200. (from --expires-after-seconds)",
        ),
        (
            ["--output-modalities", "speech"],
            "Invalid value for 'session.output_modalities[0]': 'speech'. Allowed values: text, audio. (from --output-modalities)",
        ),
        (
            ["--type", "transcription", "--voice", "ash", "--model", "gpt-realtime"],
            "--model, --voice: a transcription session takes none of these (use --type realtime).",
        ),
    ],
)
def test_cli_bad_input_is_exit_2_with_one_line_naming_the_option(
    ga_mock: MockServer, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A value the GA models reject: exit 2, one stderr line naming the option, nothing sent."""
    assert cli.main(["new-realtime-client-secret", *argv]) == 2
    assert capsys.readouterr().err == f"psopenapi new-realtime-client-secret: error: {message}\n"
    assert ga_mock.requests == []


def test_cli_api_error_is_exit_4_and_no_key_is_exit_3(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong key: exit 4 with the API's message; no key at all: exit 3, nothing sent."""
    monkeypatch.setenv("OPENAI_BASE_URL", mock_server.url)
    assert cli.main(["new-realtime-client-secret"]) == 3
    assert capsys.readouterr().err == (
        "psopenapi new-realtime-client-secret: error: no API key: set OPENAI_API_KEY, or pass --api-key or --api-key-file (nothing was sent).\n"
    )
    assert cli.main(["new-realtime-client-secret", "--api-key", "sk-wrong-key"]) == 4
    err = capsys.readouterr().err
    assert err.startswith(
        "psopenapi new-realtime-client-secret: error: (401) Unauthorized: Incorrect API key provided."
    )
    assert "sk-wrong-key" not in err


def test_demo_mints_a_ga_key_too(capsys: pytest.CaptureFixture[str]) -> None:
    """psopenapi demo ends with OpenAI's own GA example request and the answer, the key redacted."""
    assert cli.main(["demo"]) == 0
    out = capsys.readouterr().out
    ga_part = out.split(
        "GA request sent: POST /v1/realtime/client_secrets (new_realtime_client_secret, the API in use today)\n"
    )[1]
    request_text, answer_text = ga_part.split("\n\nGA client secret received: HTTP 200\n")
    assert json.loads(request_text) == OPENAI_EXAMPLE_BODY
    answer = json.loads(answer_text.split("\n\n")[0])
    assert answer["value"] == "<redacted>"
    assert answer["session"]["instructions"] == "You are a friendly assistant."
    assert re.search(r"ek_[0-9a-f]{32}", out) is None


# --------------------------------------------------------------------------------------------------
# The documentation pages


def test_migrating_page_shows_the_message_new_realtime_session_really_raises(configured: RecordingServer) -> None:
    """docs/migrating-to-ga.md's first text block is the BetaApiRetiredError message, character for character."""
    page = (ROOT / "docs" / "migrating-to-ga.md").read_text(encoding="utf-8")
    shown = re.findall(r"^```text\n(.*?)\n^```$", page, flags=re.S | re.M)[0]
    retired = {
        "error": {"message": "...", "type": "invalid_request_error", "param": None, "code": "beta_api_shape_disabled"}
    }
    configured.default = Reply(400, retired)
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_session({"model": "gpt-4o-realtime-preview", "instructions": "Be brief."})
    assert str(info.value) == shown


def test_realtime_api_page_ga_example_sends_the_body_it_shows(configured: RecordingServer) -> None:
    """The short example of the new_realtime_client_secret section sends exactly the text shown under it."""
    page = (ROOT / "docs" / "RealtimeApi.md").read_text(encoding="utf-8")
    section = page.split("## new_realtime_client_secret\n", 1)[1]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.S | re.M)
    shown = re.findall(r"^```text\n(.*?)\n^```$", section, flags=re.S | re.M)[0]
    assert json.loads(shown) == OPENAI_EXAMPLE_BODY
    configured.default = Reply(200, realtime_reply())
    exec(compile(blocks[1], "RealtimeApi.md", "exec"), {"__name__": "__main__"})
    assert configured.requests[-1].body.decode("utf-8") == shown
