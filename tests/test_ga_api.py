"""new_realtime_client_secret over real loopback sockets, and the retired-beta error of new_realtime_session."""

from __future__ import annotations

import ast
import json
import logging
import subprocess
import sys
from typing import Any

import pytest
from recording_server import RecordingServer, Reply
from spec_validation import CLIENT_SECRETS_SPEC, load_spec, validate

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
    initialize_client_secret_expiration,
    initialize_realtime_create_client_secret_request,
    initialize_realtime_session_create_request,
    initialize_realtime_session_create_request_ga,
    initialize_realtime_session_create_request_turn_detection,
    initialize_session_configuration,
    new_realtime_client_secret,
    new_realtime_session,
)

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
    schemas = load_spec(CLIENT_SECRETS_SPEC)["components"]["schemas"]
    return json.loads(schemas["RealtimeCreateClientSecretResponse"]["x-oaiMeta"]["example"])  # type: ignore[no-any-return]


def transcription_reply() -> dict[str, Any]:
    """OpenAI's example transcription session, wrapped as a client-secret response."""
    schemas = load_spec(CLIENT_SECRETS_SPEC)["components"]["schemas"]
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
    validate(sent.json, "RealtimeCreateClientSecretRequest", CLIENT_SECRETS_SPEC)
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


def test_a_dict_body_is_checked_then_sent_as_given(ga: RecordingServer) -> None:
    """A plain dict goes out key for key; a bad one is refused before any connection."""
    body = {"session": {"instructions": "Hi", "type": "realtime"}, "expires_after": {"seconds": 60}}
    new_realtime_client_secret(body)
    assert ga.requests[0].body == b'{"session":{"instructions":"Hi","type":"realtime"},"expires_after":{"seconds":60}}'
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
    error = {"error": {"message": "Invalid value: 'x'.", "type": "invalid_request_error", "param": "session.type", "code": None}}
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
    validate(sent, "RealtimeCreateClientSecretRequest", CLIENT_SECRETS_SPEC)
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
        "GA equivalent (Invalid value for 'turn_detection.type': 'MyType'. The GA API knows server_vad and "
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
