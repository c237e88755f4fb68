"""The mock server's transcription sessions (beta), translation client secrets and retired-beta answers, over loopback."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
import requests
from spec_validation import REALTIME_API_SPEC, shared_spec, validate

from psopenapi_py import BetaApiRetiredError, new_realtime_client_secret, new_realtime_session, set_configuration
from psopenapi_py.mock_server import MockServer

KEY = "sk-example"
HEADERS = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
TRANSCRIPTION = "/realtime/transcription_sessions"
TRANSLATION = "/realtime/translations/client_secrets"


def post(server: MockServer, path: str, body: Any) -> requests.Response:
    return requests.post(server.url + path, data=json.dumps(body), headers=HEADERS, timeout=10)


def error(message: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": code}}


def example_request(path: str) -> dict[str, Any]:
    """The request body of OpenAI's curl example for a path of the spec."""
    curl = shared_spec(REALTIME_API_SPEC)["paths"][path]["post"]["x-oaiMeta"]["examples"]["request"]["curl"]
    return json.loads(curl.split("-d '", 1)[1].rsplit("'", 1)[0])  # type: ignore[no-any-return]


def without_random_parts(answer: dict[str, Any], ttl: int) -> dict[str, Any]:
    """Pop and check the ids, keys and expiry times of an answer; return the rest."""
    rest = json.loads(json.dumps(answer))
    session = rest.get("session", rest)
    assert re.fullmatch(r"sess_[0-9a-f]{24}", session.pop("id"))
    secret = rest.pop("client_secret") if "client_secret" in rest else rest
    assert re.fullmatch(r"ek_[0-9a-f]{32}", secret.pop("value"))
    expires_at = secret.pop("expires_at")
    assert abs(expires_at - (time.time() + ttl)) <= 5
    assert session.pop("expires_at") == expires_at
    return rest  # type: ignore[no-any-return]


class TestTranscriptionSessions:
    def test_openais_example_request_gets_the_example_answers_shape(self, mock_server: MockServer) -> None:
        """An empty body (OpenAI's example) gets the example answer's settings and a ten-minute key."""
        assert example_request(TRANSCRIPTION) == {}
        response = post(mock_server, TRANSCRIPTION, {})
        assert (response.status_code, response.headers["Content-Type"]) == (200, "application/json")
        body = response.json()
        validate(body, "RealtimeTranscriptionSessionCreateResponse", REALTIME_API_SPEC)
        assert list(body) == [
            "id", "object", "expires_at", "modalities", "turn_detection", "input_audio_format",
            "input_audio_transcription", "client_secret",
        ]  # fmt: skip
        assert without_random_parts(body, 600) == {
            "object": "realtime.transcription_session",
            "modalities": ["audio", "text"],
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.5,
                "prefix_padding_ms": 300,
                "silence_duration_ms": 200,
            },
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "gpt-4o-transcribe", "prompt": ""},
        }

    def test_requested_settings_come_back_over_the_defaults(self, mock_server: MockServer) -> None:
        """Format, transcription, noise reduction, include and partial turn detection are echoed, and valid."""
        request = {
            "input_audio_format": "g711_ulaw",
            "input_audio_transcription": {"model": "whisper-1", "language": "de", "keywords": ["Realtime"]},
            "input_audio_noise_reduction": {"type": "far_field"},
            "turn_detection": {"silence_duration_ms": 700},
            "include": ["item.input_audio_transcription.logprobs"],
        }
        validate(request, "RealtimeTranscriptionSessionCreateRequest", REALTIME_API_SPEC)
        body = post(mock_server, TRANSCRIPTION, request).json()
        validate(body, "RealtimeTranscriptionSessionCreateResponse", REALTIME_API_SPEC)
        assert without_random_parts(body, 600) == {
            "object": "realtime.transcription_session",
            "modalities": ["audio", "text"],
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.5,
                "prefix_padding_ms": 300,
                "silence_duration_ms": 700,
            },
            "input_audio_format": "g711_ulaw",
            # keywords is a request-only setting: the response schema has no place for it.
            "input_audio_transcription": {"model": "whisper-1", "language": "de"},
            "input_audio_noise_reduction": {"type": "far_field"},
            "include": ["item.input_audio_transcription.logprobs"],
        }
        assert mock_server.requests[0].body == request

    @pytest.mark.parametrize(
        ("body", "answer"),
        [
            (
                {"input_audio_format": "pcm24"},
                error(
                    "Invalid value for 'input_audio_format': 'pcm24'. Allowed values: pcm16, g711_ulaw, g711_alaw.",
                    "input_audio_format",
                    "invalid_value",
                ),
            ),
            (
                {"turn_detection": {"type": "semantic_vad"}},
                error(
                    "Invalid value for 'turn_detection.type': 'semantic_vad'. Allowed values: server_vad.",
                    "turn_detection.type",
                    "invalid_value",
                ),
            ),
            (
                {"modalities": ["text"]},
                error(
                    "Error! JSON key 'modalities' not found in the properties: turn_detection input_audio_noise_reduction "
                    "input_audio_format input_audio_transcription include",
                    "modalities",
                    "unknown_parameter",
                ),
            ),
        ],
        ids=["bad-format", "semantic-vad", "unknown-key"],
    )
    def test_bodies_are_checked_strictly(self, mock_server: MockServer, body: Any, answer: dict[str, Any]) -> None:
        """A body breaking the beta transcription schema is 400 naming the field."""
        response = post(mock_server, TRANSCRIPTION, body)
        assert (response.status_code, response.json()) == (400, answer)


class TestTranslationClientSecrets:
    def test_openais_example_request_gets_the_example_answers_shape(self, mock_server: MockServer) -> None:
        """OpenAI's example request: the translation session as asked for, key and session expiring together."""
        request = example_request(TRANSLATION)
        response = post(mock_server, TRANSLATION, request)
        assert response.status_code == 200
        body = response.json()
        validate(body, "RealtimeTranslationClientSecretCreateResponse", REALTIME_API_SPEC)
        assert list(body) == ["value", "expires_at", "session"]
        assert list(body["session"]) == ["id", "type", "expires_at", "model", "audio"]
        assert without_random_parts(body, 600) == {
            "session": {
                "type": "translation",
                "model": "gpt-realtime-translate",
                "audio": {
                    "input": {"transcription": {"model": "gpt-realtime-whisper"}, "noise_reduction": None},
                    "output": {"language": "es"},
                },
            }
        }

    def test_a_minimal_request_gets_nulls_for_what_it_left_out(self, mock_server: MockServer) -> None:
        """Only a model: no transcription or noise reduction (null), no output settings, 600 s by default."""
        body = post(mock_server, TRANSLATION, {"session": {"model": "gpt-realtime-translate"}}).json()
        validate(body, "RealtimeTranslationClientSecretCreateResponse", REALTIME_API_SPEC)
        assert without_random_parts(body, 600)["session"]["audio"] == {
            "input": {"transcription": None, "noise_reduction": None},
            "output": {},
        }

    def test_expires_after_sets_the_ttl(self, mock_server: MockServer) -> None:
        """expires_after.seconds is how long key and session live."""
        request = {
            "expires_after": {"anchor": "created_at", "seconds": 60},
            "session": {"model": "gpt-realtime-translate"},
        }
        without_random_parts(post(mock_server, TRANSLATION, request).json(), 60)

    @pytest.mark.parametrize(
        ("body", "answer"),
        [
            (
                {},
                error(
                    "Error! JSON cannot be serialized due to the required property 'session' missing.",
                    "session",
                    "missing_required_parameter",
                ),
            ),
            (
                {"session": {"audio": {"output": {"language": "es"}}}},
                error(
                    "Error! JSON cannot be serialized due to the required property 'model' missing.",
                    "session.model",
                    "missing_required_parameter",
                ),
            ),
            (
                {"expires_after": {"seconds": 5}, "session": {"model": "gpt-realtime-translate"}},
                "expires_after.seconds",
            ),
            (
                {
                    "session": {
                        "model": "gpt-realtime-translate",
                        "audio": {"input": {"noise_reduction": {"type": "near"}}},
                    }
                },
                "session.audio.input.noise_reduction.type",
            ),
        ],
        ids=["no-session", "no-model", "ttl-below-10", "bad-noise-reduction"],
    )
    def test_bodies_are_checked_strictly(self, mock_server: MockServer, body: Any, answer: Any) -> None:
        """A body breaking the translation schema is 400 naming the field (the full path)."""
        response = post(mock_server, TRANSLATION, body)
        assert response.status_code == 400
        if isinstance(answer, str):
            assert response.json()["error"]["param"] == answer
            assert f"'{answer}'" in response.json()["error"]["message"]
        else:
            assert response.json() == answer


RETIRED = error(
    "The Realtime beta API has been retired: create a session with POST /v1/realtime/client_secrets instead.",
    code="beta_api_shape_disabled",
)
RETIRED_TRANSCRIPTION = error(
    "The Realtime beta API has been retired: create a transcription session with POST /v1/realtime/client_secrets "
    "instead.",
    code="beta_api_shape_disabled",
)


class TestRetiredBeta:
    @pytest.mark.parametrize(
        ("path", "body", "answer"),
        [
            ("/realtime/sessions", {"model": "gpt-4o-realtime-preview"}, RETIRED),
            ("/realtime/sessions", {"voices": "not even valid"}, RETIRED),
            (TRANSCRIPTION, {}, RETIRED_TRANSCRIPTION),
        ],
        ids=["sessions", "sessions-invalid-body", "transcription-sessions"],
    )
    def test_both_beta_paths_answer_beta_api_shape_disabled(self, path: str, body: Any, answer: dict[str, Any]) -> None:
        """retired_beta=True: 400 with code beta_api_shape_disabled whatever the body, as OpenAI answers today."""
        with MockServer(api_key=KEY, retired_beta=True) as server:
            response = post(server, path, body)
        assert (response.status_code, response.json()) == (400, answer)

    def test_the_key_is_still_checked_first_and_ga_paths_still_answer(self) -> None:
        """A wrong key is 401 before the retirement; the GA and translation paths are untouched."""
        with MockServer(api_key=KEY, retired_beta=True) as server:
            wrong = requests.post(
                server.url + "/realtime/sessions", json={}, headers={"Authorization": "Bearer sk-wrong"}, timeout=10
            )
            ga = post(server, "/realtime/client_secrets", {})
            translation = post(server, TRANSLATION, {"session": {"model": "gpt-realtime-translate"}})
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "invalid_api_key")
        assert (ga.status_code, translation.status_code) == (200, 200)

    def test_the_package_client_raises_beta_api_retired_error(self) -> None:
        """new_realtime_session against a retired mock raises BetaApiRetiredError pointing at the GA call."""
        with MockServer(api_key=KEY, retired_beta=True) as server:
            set_configuration(base_url=server.url, access_token=KEY)
            with pytest.raises(BetaApiRetiredError) as info:
                new_realtime_session({"model": "gpt-4o-realtime-preview"})
            ga = new_realtime_client_secret({"session": {"type": "realtime", "model": "gpt-realtime"}})
        assert (info.value.status, info.value.error_code) == (400, "beta_api_shape_disabled")
        assert "new_realtime_client_secret" in str(info.value)
        assert ga.value.startswith("ek_")

    def test_without_the_option_the_beta_paths_answer(self, mock_server: MockServer) -> None:
        """By default both beta paths still mint sessions (offline rehearsal of old scripts)."""
        assert post(mock_server, "/realtime/sessions", {"model": "gpt-4o-realtime-preview"}).status_code == 200
        assert post(mock_server, TRANSCRIPTION, {}).status_code == 200
