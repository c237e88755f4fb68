"""OpenAI's own Python SDK against the mock server: every Realtime endpoint it has, over loopback.

openai is not a dependency of the project: these tests run where it is installed and are skipped
(with the reason) where it is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from spec_validation import REALTIME_API_SPEC, validate

from psopenapi_py.mock_server import MockCall, MockServer

openai = pytest.importorskip(
    "openai", reason="the official openai SDK is not installed (pip install openai to run these tests)"
)

KEY = "sk-example"
OFFER = (
    "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n"
)


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer(api_key=KEY, sip_calls=["rtc_sip_1"]) as srv:
        yield srv


@pytest.fixture
def client(server: MockServer) -> Any:
    with openai.OpenAI(api_key=KEY, base_url=server.url, max_retries=0) as sdk:
        yield sdk


def test_calls_create_with_a_session_sends_multipart_and_gets_the_sdp_answer(client: Any, server: MockServer) -> None:
    """calls.create(sdp, session): 201, the SDP answer as the content, the call id in Location."""
    session = {"type": "realtime", "model": "gpt-realtime"}
    response = client.realtime.calls.with_raw_response.create(sdp=OFFER, session=session)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/sdp"
    answer = response.parse().content.decode()
    assert answer.startswith("v=0\r\n") and "a=setup:passive\r\n" in answer and "a=mid:0\r\n" in answer
    call_id = response.headers["location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"rtc_[0-9a-f]{32}", call_id)
    assert server.requests[0].body == {"sdp": OFFER, "session": session}
    assert server.calls[call_id] == MockCall(call_id, "webrtc", "created", session=session)


def test_calls_create_without_a_session_sends_a_bare_sdp_body(client: Any, server: MockServer) -> None:
    """With only an offer the SDK posts it as application/sdp; the mock answers it the same way."""
    answer = client.realtime.calls.create(sdp=OFFER).content.decode()
    assert answer.startswith("v=0\r\n")
    assert server.requests[0].headers["content-type"] == "application/sdp"
    assert server.requests[0].body == OFFER


def test_a_sip_call_goes_through_accept_refer_and_a_refused_hangup(client: Any, server: MockServer) -> None:
    """accept and refer return None; hanging up a referred call raises the SDK's ConflictError (409)."""
    assert client.realtime.calls.accept("rtc_sip_1", type="realtime", model="gpt-realtime") is None
    assert client.realtime.calls.refer("rtc_sip_1", target_uri="tel:+14155550123") is None
    with pytest.raises(openai.ConflictError) as info:
        client.realtime.calls.hangup("rtc_sip_1")
    assert info.value.status_code == 409
    assert info.value.code == "call_state_conflict"
    assert info.value.body["message"] == "Cannot hang up call 'rtc_sip_1': it was referred."
    assert server.calls["rtc_sip_1"].state == "referred"


def test_reject_with_and_without_a_status_code(client: Any, server: MockServer) -> None:
    """reject() with no status_code means 603; reject(status_code=486) sends 486."""
    other = server.add_sip_call()
    assert client.realtime.calls.reject("rtc_sip_1") is None
    assert client.realtime.calls.reject(other, status_code=486) is None
    assert (server.calls["rtc_sip_1"].status_code, server.calls[other].status_code) == (603, 486)


def test_a_webrtc_call_hangs_up(client: Any, server: MockServer) -> None:
    """hangup on the id from Location returns None and ends the call."""
    call_id = client.realtime.calls.with_raw_response.create(sdp=OFFER).headers["location"].rsplit("/", 1)[1]
    assert client.realtime.calls.hangup(call_id) is None
    assert server.calls[call_id].state == "hung_up"


def test_an_unknown_call_raises_not_found(client: Any) -> None:
    """The SDK's NotFoundError, with the mock's message and code."""
    with pytest.raises(openai.NotFoundError) as info:
        client.realtime.calls.hangup("rtc_nobody")
    assert (info.value.status_code, info.value.code) == (404, "call_not_found")
    assert info.value.body["message"] == "Call 'rtc_nobody' not found."


def test_a_malformed_offer_raises_bad_request_naming_sdp(client: Any) -> None:
    """An offer without v=0 is the SDK's BadRequestError with param sdp."""
    with pytest.raises(openai.BadRequestError) as info:
        client.realtime.calls.create(sdp="m=audio 9 RTP/AVP 0\r\n")
    assert (info.value.param, info.value.code) == ("sdp", "invalid_value")


def test_client_secrets_create(client: Any) -> None:
    """The GA client secret: the SDK parses the mock's answer into its types."""
    secret = client.realtime.client_secrets.create(session={"type": "realtime", "model": "gpt-realtime"})
    assert secret.value.startswith("ek_")
    assert secret.session.type == "realtime"
    validate(
        secret.model_dump(mode="json", exclude_unset=True), "RealtimeCreateClientSecretResponse", REALTIME_API_SPEC
    )


def test_translation_client_secrets_create(client: Any) -> None:
    """realtime.translations.client_secrets.create: the SDK's types hold the mock's translation session."""
    secret = client.realtime.translations.client_secrets.create(
        session={"model": "gpt-realtime-translate", "audio": {"output": {"language": "es"}}}
    )
    assert secret.value.startswith("ek_")
    assert (secret.session.type, secret.session.model, secret.session.audio.output.language) == (
        "translation",
        "gpt-realtime-translate",
        "es",
    )


def test_beta_transcription_sessions_create(client: Any) -> None:
    """The beta transcription session, while the mock is not told the beta is retired."""
    session = client.beta.realtime.transcription_sessions.create(input_audio_format="g711_alaw")
    assert session.input_audio_format == "g711_alaw"
    assert session.client_secret.value.startswith("ek_")


@pytest.mark.parametrize(
    "call",
    [
        lambda sdk: sdk.beta.realtime.sessions.create(model="gpt-4o-realtime-preview"),
        lambda sdk: sdk.beta.realtime.transcription_sessions.create(),
    ],
    ids=["sessions", "transcription-sessions"],
)
def test_retired_beta_paths_raise_bad_request_with_the_code(call: Any) -> None:
    """retired_beta=True: both beta calls raise BadRequestError with code beta_api_shape_disabled."""
    with MockServer(api_key=KEY, retired_beta=True) as server:
        with openai.OpenAI(api_key=KEY, base_url=server.url, max_retries=0) as sdk:
            with pytest.raises(openai.BadRequestError) as info:
                call(sdk)
    assert (info.value.status_code, info.value.code) == (400, "beta_api_shape_disabled")
