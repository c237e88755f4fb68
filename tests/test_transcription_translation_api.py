"""new_realtime_transcription_session (retired beta) and new_realtime_translation_client_secret over loopback sockets."""

from __future__ import annotations

import ast
import json
import logging
from typing import Any

import pytest
from recording_server import RecordingServer, Reply
from spec_validation import REALTIME_API_SPEC, shared_spec, validate

from psopenapi_py import (
    ApiException,
    ApiResponse,
    ApiValueError,
    BetaApiRetiredError,
    RealtimeTranscriptionSessionCreateResponse,
    RealtimeTranslationClientSecretCreateResponse,
    RealtimeTranslationSession,
    convert_from_json_to_realtime_create_client_secret_request,
    initialize_audio_transcription,
    initialize_client_secret_expiration,
    initialize_realtime_transcription_session_create_request,
    initialize_realtime_transcription_session_create_request_turn_detection,
    initialize_realtime_translation_client_secret_create_request,
    initialize_realtime_translation_session_audio_output,
    initialize_realtime_translation_session_create_request,
    initialize_realtime_translation_session_create_request_audio,
    initialize_realtime_translation_session_create_request_audio_input,
    initialize_realtime_translation_session_create_request_audio_input_transcription,
    new_realtime_transcription_session,
    new_realtime_translation_client_secret,
)

TOKEN = "sk-test-key-123"  # what the `configured` fixture puts in OPENAI_API_KEY
EPHEMERAL = "ek_68af296e8e408191a1120ab6383263c2"
RETIRED = {
    "error": {
        "message": "The Realtime beta API has been retired.",
        "type": "invalid_request_error",
        "param": None,
        "code": "beta_api_shape_disabled",
    }
}


def example(path: str, part: str) -> Any:
    """OpenAI's example for an operation of the spec: the request's curl body or the response."""
    examples = shared_spec(REALTIME_API_SPEC)["paths"][path]["post"]["x-oaiMeta"]["examples"]
    if part == "response":
        return json.loads(examples["response"])
    return json.loads(examples["request"]["curl"].split("-d '", 1)[1].rsplit("'", 1)[0])


TRANSLATION = "/realtime/translations/client_secrets"
TRANSCRIPTION = "/realtime/transcription_sessions"


def transcription_reply() -> dict[str, Any]:
    """OpenAI's example transcription session, with a key in client_secret (the example has null there)."""
    return {**example(TRANSCRIPTION, "response"), "client_secret": {"value": "ek_beta_1", "expires_at": 1742188864}}


# --------------------------------------------------------------------------------------------------
# Translation keys


def test_openais_translation_example_built_with_initialize_calls_sends_exactly_its_body(
    configured: RecordingServer,
) -> None:
    """POST /v1/realtime/translations/client_secrets with the example's body; the answer comes back typed."""
    configured.default = Reply(200, example(TRANSLATION, "response"))
    request = initialize_realtime_translation_client_secret_create_request(
        expires_after=initialize_client_secret_expiration(anchor="created_at", seconds=600),
        session=initialize_realtime_translation_session_create_request(
            model="gpt-realtime-translate",
            audio=initialize_realtime_translation_session_create_request_audio(
                input=initialize_realtime_translation_session_create_request_audio_input(
                    transcription=initialize_realtime_translation_session_create_request_audio_input_transcription(
                        model="gpt-realtime-whisper"
                    ),
                    noise_reduction=None,
                ),
                output=initialize_realtime_translation_session_audio_output(language="es"),
            ),
        ),
    )
    result = new_realtime_translation_client_secret(request)
    [sent] = configured.requests
    assert (sent.method, sent.path) == ("POST", "/v1/realtime/translations/client_secrets")
    assert sent.body == json.dumps(example(TRANSLATION, "request"), separators=(",", ":")).encode()
    validate(sent.json, "RealtimeTranslationClientSecretCreateRequest", REALTIME_API_SPEC)
    assert (sent.headers["Content-Type"], sent.headers["Authorization"]) == ("application/json", f"Bearer {TOKEN}")
    assert isinstance(result, RealtimeTranslationClientSecretCreateResponse)
    assert (result.value, result.expires_at) == (EPHEMERAL, 1756310470)
    assert isinstance(result.session, RealtimeTranslationSession)
    assert (result.session.type, result.session.audio.output.language) == ("translation", "es")
    assert result.to_dict() == example(TRANSLATION, "response")


def test_a_translation_key_stays_out_of_repr_and_logs(
    configured: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The ephemeral key and the API key appear in no log line and no repr, with_http_info included."""
    configured.default = Reply(200, example(TRANSLATION, "response"))
    with caplog.at_level(logging.DEBUG, logger="psopenapi_py"):
        info = new_realtime_translation_client_secret(
            {"session": {"model": "gpt-realtime-translate"}}, with_http_info=True
        )
    assert isinstance(info, ApiResponse) and info.status_code == 200
    messages = [r.getMessage() for r in caplog.records]
    assert "Calling method: new_realtime_translation_client_secret" in messages
    text = "\n".join(messages) + repr(info) + repr(info.response)
    assert EPHEMERAL not in text and TOKEN not in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            None,
            "Error! The required parameter realtime_translation_client_secret_create_request missing when calling createRealtimeTranslationClientSecret.",
        ),
        ({}, "Error! JSON cannot be serialized due to the required property 'session' missing."),
        ({"session": {}}, "Error! JSON cannot be serialized due to the required property 'model' missing."),
        (
            {"session": {"model": "m"}, "expires_after": {"seconds": 7201}},
            "Invalid value for 'expires_after.seconds': 7201. Must be <= 7200.",
        ),
    ],
)
def test_a_bad_translation_request_is_refused_before_sending(
    configured: RecordingServer, body: Any, message: str
) -> None:
    """No body, no session, no model, an out-of-range lifetime: a clear error, nothing sent."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_translation_client_secret(body)
    assert str(info.value) == message
    assert configured.requests == []


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ({"expires_at": 1, "session": {}}, "the body has no value (no ephemeral key)."),
        ({"value": "ek_1", "session": {}}, "the body has no expires_at (the key's expiry)."),
    ],
)
def test_a_translation_answer_without_key_or_expiry_is_an_api_exception(
    configured: RecordingServer, reply: dict[str, Any], problem: str
) -> None:
    """A 200 that lacks value or expires_at is an error, like the GA key call."""
    configured.default = Reply(200, reply)
    with pytest.raises(ApiException) as info:
        new_realtime_translation_client_secret({"session": {"model": "gpt-realtime-translate"}})
    assert str(info.value) == f"(200) OK: {problem}"


# --------------------------------------------------------------------------------------------------
# Transcription sessions (beta, retired)


def test_openais_transcription_example_request_goes_out_and_the_answer_comes_back_typed(
    configured: RecordingServer,
) -> None:
    """POST /v1/realtime/transcription_sessions with {} (OpenAI's example); the key in client_secret.value."""
    configured.default = Reply(200, transcription_reply())
    result = new_realtime_transcription_session(initialize_realtime_transcription_session_create_request())
    [sent] = configured.requests
    assert (sent.path, sent.body) == ("/v1/realtime/transcription_sessions", b"{}")
    assert sent.json == example(TRANSCRIPTION, "request")
    assert isinstance(result, RealtimeTranscriptionSessionCreateResponse)
    assert result.client_secret.value == "ek_beta_1"
    assert result.input_audio_transcription.model == "gpt-4o-transcribe"
    assert "ek_beta_1" not in repr(result)


def test_a_transcription_answer_without_a_key_is_an_api_exception(configured: RecordingServer) -> None:
    """OpenAI's example answer as is (client_secret null): no key, so an error, as for new_realtime_session."""
    configured.default = Reply(200, example(TRANSCRIPTION, "response"))
    with pytest.raises(ApiException) as info:
        new_realtime_transcription_session({})
    assert str(info.value) == "(200) OK: the body has no client_secret.value (no ephemeral key)."


def test_the_retired_transcription_endpoint_raises_with_the_equivalent_ga_call(configured: RecordingServer) -> None:
    """beta_api_shape_disabled: BetaApiRetiredError showing the new_realtime_client_secret call for this request."""
    configured.default = Reply(400, RETIRED)
    request = initialize_realtime_transcription_session_create_request(
        input_audio_format="g711_ulaw",
        input_audio_transcription=initialize_audio_transcription(model="gpt-4o-transcribe", language="de"),
        input_audio_noise_reduction={"type": "near_field"},
        turn_detection=initialize_realtime_transcription_session_create_request_turn_detection(
            threshold=0.6, silence_duration_ms=400
        ),
        include=["item.input_audio_transcription.logprobs"],
    )
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_transcription_session(request)
    message = str(info.value)
    call = (
        "new_realtime_client_secret({'session': {'type': 'transcription', 'audio': {'input': {"
        "'format': {'type': 'audio/pcmu'}, 'transcription': {'model': 'gpt-4o-transcribe', 'language': 'de'}, "
        "'noise_reduction': {'type': 'near_field'}, "
        "'turn_detection': {'type': 'server_vad', 'threshold': 0.6, 'silence_duration_ms': 400}}}, "
        "'include': ['item.input_audio_transcription.logprobs']}})"
    )
    assert message == (
        "(400) Bad Request: OpenAI has retired the Realtime beta API (The Realtime beta API has been retired.). "
        "Use new_realtime_client_secret (POST /realtime/client_secrets) with a transcription session "
        '({"session": {"type": "transcription", ...}}) instead. The equivalent call for this request:\n\n'
        f"    {call}\n\nSee docs/migrating-to-ga.md."
    )
    # The call shown is a valid GA request.
    ga_body = ast.literal_eval(call.removeprefix("new_realtime_client_secret(").removesuffix(")"))
    convert_from_json_to_realtime_create_client_secret_request(json.dumps(ga_body))
    validate(ga_body, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)


@pytest.mark.parametrize(
    ("request_body", "session"),
    [
        ({}, {"type": "transcription"}),
        (
            {"turn_detection": {}},
            {"type": "transcription", "audio": {"input": {"turn_detection": {"type": "server_vad"}}}},
        ),
        (
            {"input_audio_format": "pcm16"},
            {"type": "transcription", "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}}}},
        ),
        (
            {"input_audio_transcription": initialize_audio_transcription(model="whisper-1")},
            {"type": "transcription", "audio": {"input": {"transcription": {"model": "whisper-1"}}}},
        ),
        (
            {"input_audio_format": "g711_alaw"},
            {"type": "transcription", "audio": {"input": {"format": {"type": "audio/pcma"}}}},
        ),
    ],
)
def test_every_retired_transcription_request_maps_to_a_valid_ga_session(
    configured: RecordingServer, request_body: dict[str, Any], session: dict[str, Any]
) -> None:
    """The equivalent GA call for defaults, bare detection, a dict holding a model and the audio formats."""
    configured.default = Reply(400, RETIRED)
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_transcription_session(request_body)
    assert f"    new_realtime_client_secret({{'session': {session!r}}})\n" in str(info.value)
    validate({"session": session}, "RealtimeCreateClientSecretRequest", REALTIME_API_SPEC)


def test_a_bad_transcription_request_is_refused_before_sending(configured: RecordingServer) -> None:
    """A beta format name in the wrong spelling of another API, say, fails before anything is sent."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_transcription_session({"input_audio_format": "audio/pcm"})
    assert info.value.parameter == "input_audio_format"
    assert configured.requests == []


# --------------------------------------------------------------------------------------------------
# Against the built-in mock server


def test_a_translation_key_and_a_retired_transcription_session_on_the_mock_server() -> None:
    """The mock mints a translation key; with retired_beta the transcription session is BetaApiRetiredError."""
    from psopenapi_py import Configuration
    from psopenapi_py.mock_server import MockServer

    with MockServer(api_key="sk-example", retired_beta=True) as mock:
        config = Configuration(access_token="sk-example", base_url=mock.url)
        key = new_realtime_translation_client_secret(example(TRANSLATION, "request"), configuration=config)
        assert isinstance(key, RealtimeTranslationClientSecretCreateResponse)
        assert key.value.startswith("ek_") and key.session.audio.output.language == "es"
        with pytest.raises(BetaApiRetiredError) as info:
            new_realtime_transcription_session({}, configuration=config)
        assert "new_realtime_client_secret({'session': {'type': 'transcription'}})" in str(info.value)
