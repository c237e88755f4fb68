"""The mock server's Realtime calls over real loopback sockets: SDP offers and answers, SIP call state, recording."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests

from psopenapi_py import ApiTypeError, ApiValueError
from psopenapi_py.mock_server import MockCall, MockServer

KEY = "sk-example"
AUTH = {"Authorization": f"Bearer {KEY}"}
JSON_HEADERS = {**AUTH, "Content-Type": "application/json"}
#: A browser's offer, trimmed: Opus, PCMU, PCMA and comfort noise on audio, then a data channel.
OFFER = (
    "v=0\r\n"
    "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
    "s=-\r\n"
    "t=0 0\r\n"
    "a=group:BUNDLE 0 1\r\n"
    "a=fingerprint:sha-256 AA:BB:CC\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 13\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:0\r\n"
    "a=ice-ufrag:offerufrag\r\n"
    "a=ice-pwd:offerpasswordofferpassword\r\n"
    "a=setup:actpass\r\n"
    "a=sendrecv\r\n"
    "a=rtpmap:111 opus/48000/2\r\n"
    "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
    "a=rtpmap:13 CN/8000\r\n"
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:1\r\n"
    "a=sctp-port:5000\r\n"
)
#: The answer to OFFER, with its random parts as <ORIGIN>, <UFRAG>, <PWD> and <FINGERPRINT>.
ANSWER = (
    "v=0\r\n"
    "o=- <ORIGIN> IN IP4 127.0.0.1\r\n"
    "s=-\r\n"
    "t=0 0\r\n"
    "a=group:BUNDLE 0 1\r\n"
    "a=msid-semantic:WMS *\r\n"
    "a=fingerprint:sha-256 <FINGERPRINT>\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:0\r\n"
    "a=ice-ufrag:<UFRAG>\r\n"
    "a=ice-pwd:<PWD>\r\n"
    "a=setup:passive\r\n"
    "a=sendrecv\r\n"
    "a=rtcp-mux\r\n"
    "a=rtpmap:111 opus/48000/2\r\n"
    "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=candidate:1 1 udp 2130706431 127.0.0.1 3478 typ host\r\n"
    "a=end-of-candidates\r\n"
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:1\r\n"
    "a=ice-ufrag:<UFRAG>\r\n"
    "a=ice-pwd:<PWD>\r\n"
    "a=setup:passive\r\n"
    "a=sctp-port:5000\r\n"
    "a=candidate:1 1 udp 2130706431 127.0.0.1 3478 typ host\r\n"
    "a=end-of-candidates\r\n"
)
SESSION = {"type": "realtime", "model": "gpt-realtime", "instructions": "You are a friendly concierge."}
MCP_TOOL = {
    "type": "mcp",
    "server_label": "crm",
    "server_url": "https://crm.example.com/mcp",
    "authorization": "oauth-secret-123",
    "headers": {"X-Api-Key": "header-secret-456"},
}


def error(
    message: str, param: str | None = None, code: str | None = None, type_: str = "invalid_request_error"
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def masked(answer: str) -> tuple[str, dict[str, str]]:
    """The SDP answer with its random parts replaced by placeholders, and those parts."""
    found: dict[str, str] = {}

    def keep(name: str, pattern: str) -> None:
        nonlocal answer
        match = re.search(pattern, answer)
        assert match is not None, f"no {name} in the answer"
        found[name] = match.group(1)
        answer = answer.replace(match.group(1), f"<{name}>")

    keep("ORIGIN", r"\no=- (\d{1,10} \d+) IN")
    keep("FINGERPRINT", r"a=fingerprint:sha-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\r\n")
    keep("UFRAG", r"a=ice-ufrag:([A-Za-z0-9]{16})\r\n")
    keep("PWD", r"a=ice-pwd:([A-Za-z0-9]{32})\r\n")
    return answer, found


def create_call(server: MockServer, offer: str = OFFER, session: Any = None, **kwargs: Any) -> requests.Response:
    """POST an offer as multipart/form-data (with a session part when given), as the SDK and curl -F do."""
    files: dict[str, Any] = {"sdp": (None, offer, "application/sdp")}
    if session is not None:
        files["session"] = (None, session if isinstance(session, str) else json.dumps(session), "application/json")
    return requests.post(server.url + "/realtime/calls", files=files, headers=kwargs.pop("headers", AUTH), timeout=10)


def act(server: MockServer, call_id: str, action: str, body: Any = None) -> requests.Response:
    """POST an action on a call, with a JSON body when given (none at all otherwise)."""
    if body is None:
        return requests.post(f"{server.url}/realtime/calls/{call_id}/{action}", headers=AUTH, timeout=10)
    data = json.dumps(body).encode()
    return requests.post(f"{server.url}/realtime/calls/{call_id}/{action}", data=data, headers=JSON_HEADERS, timeout=10)


@pytest.fixture
def server() -> Any:
    with MockServer(api_key=KEY, sip_calls=("rtc_sip_1",)) as srv:
        yield srv


class TestCreateCall:
    def test_multipart_offer_gets_201_with_an_sdp_answer_and_the_call_in_location(self, server: MockServer) -> None:
        """The answer mirrors the offer's sections in order, passive DTLS role, fresh ICE and fingerprint."""
        response = create_call(server, session=SESSION)
        assert response.status_code == 201
        assert response.headers["Content-Type"] == "application/sdp"
        location = response.headers["Location"]
        assert re.fullmatch(r"/v1/realtime/calls/rtc_[0-9a-f]{32}", location)
        assert re.fullmatch(r"req_[0-9a-f]{32}", response.headers["x-request-id"])
        text, random_parts = masked(response.text)
        assert text == ANSWER
        assert random_parts["UFRAG"] != "offerufrag"
        call_id = location.rsplit("/", 1)[1]
        assert server.calls == {
            "rtc_sip_1": MockCall("rtc_sip_1", "sip", "incoming"),
            call_id: MockCall(call_id, "webrtc", "created", session=SESSION),
        }

    def test_every_call_gets_its_own_id_ice_credentials_and_fingerprint(self, server: MockServer) -> None:
        """Two calls for the same offer share none of the random parts of their answers."""
        first, second = create_call(server), create_call(server)
        assert first.headers["Location"] != second.headers["Location"]
        parts_1, parts_2 = masked(first.text)[1], masked(second.text)[1]
        assert all(parts_1[name] != parts_2[name] for name in ("UFRAG", "PWD", "FINGERPRINT"))

    def test_a_bare_application_sdp_body_is_an_offer_too(self, server: MockServer) -> None:
        """The spec's second form (an ephemeral key's call): the offer as the whole body, application/sdp."""
        response = requests.post(
            server.url + "/realtime/calls", data=OFFER, headers={**AUTH, "Content-Type": "application/sdp"}, timeout=10
        )
        assert response.status_code == 201
        assert masked(response.text)[0] == ANSWER
        assert server.requests[-1].body == OFFER

    def test_media_the_mock_cannot_answer_keep_their_place_with_port_0(self, server: MockServer) -> None:
        """A video section, and audio offering only a codec the mock lacks, are declined in place (RFC 3264)."""
        offer = (
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\na=rtpmap:96 VP8/90000\r\n"
            "m=audio 9 UDP/TLS/RTP/SAVPF 9\r\na=mid:a\r\na=rtpmap:9 G722/8000\r\n"
            "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:b\r\na=recvonly\r\n"
        )
        text = masked(create_call(server, offer).text)[0]
        media = [line for line in text.split("\r\n") if line.startswith(("m=", "a=mid:", "a=sendonly", "a=rtpmap"))]
        assert media == [
            "m=video 0 UDP/TLS/RTP/SAVPF 96",
            "a=mid:v",
            "m=audio 0 UDP/TLS/RTP/SAVPF 9",
            "a=mid:a",
            "m=audio 9 UDP/TLS/RTP/SAVPF 0",
            "a=mid:b",
            "a=sendonly",
            "a=rtpmap:0 PCMU/8000",
        ]
        assert "a=group:BUNDLE v a b\r\n" in text

    def test_mcp_credentials_of_the_session_part_are_not_recorded_or_kept(self, tmp_path: Path) -> None:
        """The session part's MCP authorization and header values are <redacted> in requests, --record and calls."""
        record = tmp_path / "record.jsonl"
        with MockServer(api_key=KEY, record=record) as server:
            response = create_call(server, session={**SESSION, "tools": [MCP_TOOL]})
        assert response.status_code == 201
        redacted_tool = {**MCP_TOOL, "authorization": "<redacted>", "headers": {"X-Api-Key": "<redacted>"}}
        expected_body = {"sdp": OFFER, "session": {**SESSION, "tools": [redacted_tool]}}
        assert server.requests[0].body == expected_body
        assert json.loads(record.read_text())["body"] == expected_body
        assert [call.session for call in server.calls.values()] == [{**SESSION, "tools": [redacted_tool]}]
        everything = record.read_text() + repr(server.requests) + repr(server.calls)
        assert "oauth-secret-123" not in everything and "header-secret-456" not in everything
        assert KEY not in everything


MULTIPART_ERRORS: list[tuple[str, dict[str, Any], int, dict[str, Any]]] = [
    (
        "no-v-line",
        {"offer": "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"},
        400,
        error(
            "Invalid SDP offer in 'sdp': an SDP offer starts with the line 'v=0', this one starts with "
            "'m=audio 9 UDP/TLS/RTP/SAVPF 111'.",
            "sdp",
            "invalid_value",
        ),
    ),
    (
        "no-media-section",
        {"offer": "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"},
        400,
        error(
            "Invalid SDP offer in 'sdp': it has no media section (no line starting with 'm=').", "sdp", "invalid_value"
        ),
    ),
    (
        "short-m-line",
        {"offer": "v=0\r\nm=audio 9\r\n"},
        400,
        error(
            "Invalid SDP offer in 'sdp': line 2 'm=audio 9' is not 'm=<media> <port> <proto> <formats>'.",
            "sdp",
            "invalid_value",
        ),
    ),
    (
        "empty-offer",
        {"offer": ""},
        400,
        error(
            "Invalid SDP offer in 'sdp': an SDP offer starts with the line 'v=0', this one starts with nothing.",
            "sdp",
            "invalid_value",
        ),
    ),
    (
        "session-unknown-key",
        {"session": {**SESSION, "voice": "alloy"}},
        400,
        error(
            "Error! JSON key 'voice' not found in the properties: type output_modalities model instructions audio "
            "include tracing tools tool_choice parallel_tool_calls reasoning max_output_tokens truncation prompt",
            "session.voice",
            "unknown_parameter",
        ),
    ),
    (
        "session-wrong-type",
        {"session": {**SESSION, "audio": {"output": {"speed": "fast"}}}},
        400,
        error(
            "Invalid type for 'session.audio.output.speed': expected a number, got str 'fast'.",
            "session.audio.output.speed",
            "invalid_type",
        ),
    ),
    (
        "session-null",
        {"session": {**SESSION, "model": None}},
        400,
        error(
            "Invalid value for 'session.model': null. The spec does not allow null here; leave the key out instead.",
            "session.model",
            "invalid_value",
        ),
    ),
    (
        "session-transcription-type",
        {"session": {"type": "transcription"}},
        400,
        error(
            "Invalid value for 'session.type': 'transcription'. Allowed values: realtime.",
            "session.type",
            "invalid_value",
        ),
    ),
    (
        "session-not-json",
        {"session": "{type: realtime}"},
        400,
        error(
            "We could not parse the JSON of the 'session' part: Expecting property name enclosed in double quotes "
            "at line 1 column 2.",
            "session",
        ),
    ),
    (
        "session-array",
        {"session": [SESSION]},
        400,
        error("Invalid 'session' part: expected a JSON object, got a JSON array.", "session", "invalid_type"),
    ),
]


class TestEphemeralKeys:
    @pytest.mark.parametrize(
        ("path", "body", "key_of"),
        [
            ("/realtime/client_secrets", {}, lambda answer: answer["value"]),
            (
                "/realtime/translations/client_secrets",
                {"session": {"model": "gpt-realtime-translate"}},
                lambda a: a["value"],
            ),
            ("/realtime/sessions", {"model": "gpt-4o-realtime-preview"}, lambda a: a["client_secret"]["value"]),
        ],
        ids=["client-secret", "translation-secret", "beta-session"],
    )
    def test_a_key_the_mock_minted_opens_a_call_and_nothing_else(
        self, server: MockServer, path: str, body: Any, key_of: Any
    ) -> None:
        """The browser's step: a bare offer posted with the ephemeral key is 201; the key mints nothing (401)."""
        minted = requests.post(server.url + path, json=body, headers=AUTH, timeout=10)
        ephemeral = {"Authorization": f"Bearer {key_of(minted.json())}"}
        offer = requests.post(
            server.url + "/realtime/calls",
            data=OFFER,
            headers={**ephemeral, "Content-Type": "application/sdp"},
            timeout=10,
        )
        assert offer.status_code == 201
        mint_again = requests.post(server.url + path, json=body, headers=ephemeral, timeout=10)
        assert (mint_again.status_code, mint_again.json()["error"]["code"]) == (401, "invalid_api_key")
        assert key_of(minted.json()) not in repr(server.requests) + repr(server.__dict__)

    def test_an_expired_or_unknown_ephemeral_key_is_401(
        self, server: MockServer, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Once its expires_at has passed, a minted key opens no call; a key the mock never minted neither."""
        from psopenapi_py.mock_server import _server

        minted = requests.post(
            server.url + "/realtime/client_secrets", json={"expires_after": {"seconds": 10}}, headers=AUTH, timeout=10
        ).json()
        expires_at = minted["expires_at"]
        for key, now in ((minted["value"], expires_at), ("ek_" + "0" * 32, expires_at - 5)):
            monkeypatch.setattr(_server, "_now", lambda now=now: float(now))
            response = create_call(server, headers={"Authorization": f"Bearer {key}"})
            assert (response.status_code, response.json()["error"]["code"]) == (401, "invalid_api_key")


class TestCreateCallErrors:
    @pytest.mark.parametrize(
        ("kwargs", "status", "answer"), [c[1:] for c in MULTIPART_ERRORS], ids=[c[0] for c in MULTIPART_ERRORS]
    )
    def test_bad_offer_or_session_is_400_naming_the_parameter(
        self, server: MockServer, kwargs: dict[str, Any], status: int, answer: dict[str, Any]
    ) -> None:
        """A malformed offer names sdp; a session breaking the GA schema names session.<field>; no call is made."""
        response = create_call(server, **kwargs)
        assert (response.status_code, response.json()) == (status, answer)
        assert response.headers["Content-Type"] == "application/json"
        assert "Location" not in response.headers
        assert server.calls == {"rtc_sip_1": MockCall("rtc_sip_1", "sip", "incoming")}

    @pytest.mark.parametrize(
        ("files", "status", "answer"),
        [
            (
                {"sdp": (None, OFFER, "application/sdp"), "offer": (None, OFFER, "application/sdp")},
                400,
                error(
                    "Unknown part 'offer' in the multipart body: the parts are sdp and, optionally, session.",
                    "offer",
                    "unknown_parameter",
                ),
            ),
            (
                {"session": (None, json.dumps(SESSION), "application/json")},
                400,
                error(
                    "Missing required parameter: 'sdp' (a part with the SDP offer).",
                    "sdp",
                    "missing_required_parameter",
                ),
            ),
            (
                {"sdp": (None, OFFER, "application/json")},
                400,
                error(
                    "Invalid Content-Type 'application/json' for the 'sdp' part: expected 'application/sdp'.",
                    "sdp",
                    "invalid_value",
                ),
            ),
            (
                {"sdp": (None, b"v=0\r\n\xff\r\n", "application/sdp")},
                400,
                error("Invalid SDP offer in 'sdp': it is not UTF-8 text.", "sdp", "invalid_value"),
            ),
        ],
        ids=["unknown-part", "no-sdp-part", "sdp-part-as-json", "sdp-not-utf8"],
    )
    def test_bad_parts_are_400(
        self, server: MockServer, files: dict[str, Any], status: int, answer: dict[str, Any]
    ) -> None:
        """Parts other than sdp and session, a missing sdp, a wrongly typed sdp part: 400 naming the part."""
        response = requests.post(server.url + "/realtime/calls", files=files, headers=AUTH, timeout=10)
        assert (response.status_code, response.json()) == (status, answer)

    @pytest.mark.parametrize(
        ("headers", "body", "status", "answer"),
        [
            (
                {"Content-Type": "application/json"},
                json.dumps({"sdp": OFFER}),
                415,
                error(
                    "Invalid Content-Type header ('application/json'): expected 'multipart/form-data' or 'application/sdp'."
                ),
            ),
            (
                {"Content-Type": "multipart/form-data"},
                "--x\r\nContent-Disposition: form-data; name=sdp\r\n\r\nv=0\r\n--x--\r\n",
                400,
                error(
                    "Invalid multipart/form-data body: it needs a boundary in the Content-Type header, parts "
                    "separated by it, and a closing boundary."
                ),
            ),
            (
                {},
                OFFER,
                401,
                error(
                    "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                    code="invalid_api_key",
                ),
            ),
        ],
        ids=["json-body", "multipart-without-boundary", "wrong-key"],
    )
    def test_content_type_framing_and_key_are_checked(
        self, server: MockServer, headers: dict[str, str], body: str, status: int, answer: dict[str, Any]
    ) -> None:
        """Another content type is 415, a multipart body without a boundary 400, a wrong key 401."""
        auth = AUTH if headers else {"Authorization": "Bearer sk-wrong", "Content-Type": "application/sdp"}
        response = requests.post(server.url + "/realtime/calls", data=body, headers={**auth, **headers}, timeout=10)
        assert (response.status_code, response.json()) == (status, answer)


class TestCallActions:
    def test_a_sip_call_is_accepted_then_referred(self, server: MockServer) -> None:
        """accept and refer answer 200 with an empty body (no Content-Type) and move the call on."""
        accepted = act(server, "rtc_sip_1", "accept", SESSION)
        assert (accepted.status_code, accepted.content, accepted.headers["Content-Length"]) == (200, b"", "0")
        assert "Content-Type" not in accepted.headers
        assert re.fullmatch(r"req_[0-9a-f]{32}", accepted.headers["x-request-id"])
        assert server.calls["rtc_sip_1"] == MockCall("rtc_sip_1", "sip", "accepted", session=SESSION)
        referred = act(server, "rtc_sip_1", "refer", {"target_uri": "tel:+14155550123"})
        assert (referred.status_code, referred.content) == (200, b"")
        assert server.calls["rtc_sip_1"] == MockCall(
            "rtc_sip_1", "sip", "referred", session=SESSION, target_uri="tel:+14155550123"
        )

    def test_reject_without_a_body_sends_603_and_with_one_its_status(self) -> None:
        """reject's body is optional: left out, the SIP status is the API's default 603 Decline."""
        with MockServer(sip_calls=["rtc_a", "rtc_b"]) as server:
            assert act(server, "rtc_a", "reject").status_code == 200
            assert act(server, "rtc_b", "reject", {"status_code": 486}).status_code == 200
            calls = server.calls
        assert (calls["rtc_a"].state, calls["rtc_a"].status_code) == ("rejected", 603)
        assert (calls["rtc_b"].state, calls["rtc_b"].status_code) == ("rejected", 486)

    def test_a_webrtc_call_is_hung_up_through_its_location(self, server: MockServer) -> None:
        """The id in Location is the call's id for the actions: hangup ends it, a second hangup is 409."""
        location = create_call(server).headers["Location"]
        first = requests.post(server.url.removesuffix("/v1") + location + "/hangup", headers=AUTH, timeout=10)
        assert (first.status_code, first.content) == (200, b"")
        second = requests.post(server.url.removesuffix("/v1") + location + "/hangup", headers=AUTH, timeout=10)
        call_id = location.rsplit("/", 1)[1]
        assert (second.status_code, second.json()) == (
            409,
            error(f"Cannot hang up call '{call_id}': it was hung up.", "call_id", "call_state_conflict"),
        )

    @pytest.mark.parametrize(
        ("steps", "action", "body", "message"),
        [
            (["accept"], "accept", SESSION, "Cannot accept call 'rtc_sip_1': it was already accepted."),
            (["reject"], "accept", SESSION, "Cannot accept call 'rtc_sip_1': it was rejected."),
            (
                [],
                "refer",
                {"target_uri": "sip:agent@example.com"},
                "Cannot refer call 'rtc_sip_1': it is still ringing (accept or reject it first).",
            ),
            ([], "hangup", None, "Cannot hang up call 'rtc_sip_1': it is still ringing (accept or reject it first)."),
            (["accept", "hangup"], "refer", {"target_uri": "tel:+1"}, "Cannot refer call 'rtc_sip_1': it was hung up."),
            (["accept", "refer"], "hangup", None, "Cannot hang up call 'rtc_sip_1': it was referred."),
            (["accept"], "reject", {}, "Cannot reject call 'rtc_sip_1': it was already accepted."),
        ],
        ids=[
            "accept-twice",
            "accept-rejected",
            "refer-ringing",
            "hangup-ringing",
            "refer-hung-up",
            "hangup-referred",
            "reject-accepted",
        ],
    )
    def test_an_action_the_state_does_not_allow_is_409(
        self, server: MockServer, steps: list[str], action: str, body: Any, message: str
    ) -> None:
        """409 naming the call and its state; the state is left as it was."""
        bodies = {"accept": SESSION, "refer": {"target_uri": "tel:+14155550123"}, "reject": None, "hangup": None}
        for step in steps:
            assert act(server, "rtc_sip_1", step, bodies[step]).status_code == 200
        before = server.calls["rtc_sip_1"]
        response = act(server, "rtc_sip_1", action, body)
        assert (response.status_code, response.json()) == (409, error(message, "call_id", "call_state_conflict"))
        assert server.calls["rtc_sip_1"] == before

    @pytest.mark.parametrize("action", ["accept", "reject", "refer"])
    def test_sip_actions_on_a_webrtc_call_are_409(self, server: MockServer, action: str) -> None:
        """accept, reject and refer are for incoming SIP calls; a WebRTC call only hangs up."""
        call_id = create_call(server).headers["Location"].rsplit("/", 1)[1]
        body = {"accept": SESSION, "refer": {"target_uri": "tel:+14155550123"}, "reject": {}}[action]
        response = act(server, call_id, action, body)
        verb = {"accept": "accept", "reject": "reject", "refer": "refer"}[action]
        assert (response.status_code, response.json()) == (
            409,
            error(
                f"Cannot {verb} call '{call_id}': it is a WebRTC call (accept, reject and refer apply to incoming SIP calls).",
                "call_id",
                "call_state_conflict",
            ),
        )

    @pytest.mark.parametrize("action", ["accept", "reject", "refer", "hangup"])
    def test_an_unknown_call_is_404_naming_it_before_the_body_is_looked_at(
        self, server: MockServer, action: str
    ) -> None:
        """Every action on an unknown id is 404 with OpenAI's error shape, even with a bad body."""
        response = act(server, "rtc_nobody", action, {"bogus": True})
        assert (response.status_code, response.json()) == (
            404,
            error("Call 'rtc_nobody' not found.", "call_id", "call_not_found"),
        )

    @pytest.mark.parametrize(
        ("action", "body", "answer"),
        [
            (
                "accept",
                {"type": "realtime", "voice": "alloy"},
                error(
                    "Error! JSON key 'voice' not found in the properties: type output_modalities model instructions audio "
                    "include tracing tools tool_choice parallel_tool_calls reasoning max_output_tokens truncation prompt",
                    "voice",
                    "unknown_parameter",
                ),
            ),
            (
                "accept",
                {"model": "gpt-realtime"},
                error(
                    "Error! JSON cannot be serialized due to the required property 'type' missing.",
                    "type",
                    "missing_required_parameter",
                ),
            ),
            (
                "refer",
                {},
                error(
                    "Error! JSON cannot be serialized due to the required property 'target_uri' missing.",
                    "target_uri",
                    "missing_required_parameter",
                ),
            ),
            (
                "refer",
                {"target_uri": 14155550123},
                error(
                    "Invalid type for 'target_uri': expected a string, got int 14155550123.",
                    "target_uri",
                    "invalid_type",
                ),
            ),
            (
                "reject",
                {"status_code": "486"},
                error(
                    "Invalid type for 'status_code': expected an integer, got str '486'.", "status_code", "invalid_type"
                ),
            ),
            (
                "reject",
                {"status_code": 486, "reason": "busy"},
                error(
                    "Error! JSON key 'reason' not found in the properties: status_code", "reason", "unknown_parameter"
                ),
            ),
            (
                "hangup",
                {"reason": "done"},
                error("Invalid body: hangup takes no request body (send none, or {}).", "reason", "unknown_parameter"),
            ),
        ],
        ids=[
            "accept-unknown-key",
            "accept-no-type",
            "refer-no-target",
            "refer-number",
            "reject-string-status",
            "reject-unknown-key",
            "hangup-body",
        ],
    )
    def test_bodies_are_checked_strictly(
        self, server: MockServer, action: str, body: Any, answer: dict[str, Any]
    ) -> None:
        """Each action's body against its schema: 400 naming the field, and the call's state unchanged."""
        if action in ("refer", "hangup"):
            assert act(server, "rtc_sip_1", "accept", SESSION).status_code == 200
        before = server.calls["rtc_sip_1"]
        response = act(server, "rtc_sip_1", action, body)
        assert (response.status_code, response.json()) == (400, answer)
        assert server.calls["rtc_sip_1"] == before

    def test_accept_needs_a_json_body(self, server: MockServer) -> None:
        """accept's body is required: none at all is 415 (no JSON Content-Type), as for the other JSON paths."""
        response = act(server, "rtc_sip_1", "accept")
        assert (response.status_code, response.json()) == (
            415,
            error("Invalid Content-Type header (missing): expected 'application/json'."),
        )

    def test_a_call_id_is_one_percent_encoded_path_segment(self) -> None:
        """An id holding '/' or '?' is reached percent-encoded; raw, it is another URL (404 Invalid URL)."""
        with MockServer(sip_calls=["a/b?c"]) as server:
            encoded = requests.post(server.url + "/realtime/calls/a%2Fb%3Fc/reject", headers=AUTH, timeout=10)
            raw = requests.post(server.url + "/realtime/calls/a/b/reject", headers=AUTH, timeout=10)
            assert server.calls["a/b?c"].state == "rejected"
        assert (encoded.status_code, encoded.content) == (200, b"")
        assert (raw.status_code, raw.json()) == (404, error("Invalid URL (POST /v1/realtime/calls/a/b/reject)"))

    @pytest.mark.parametrize(
        ("method", "path", "status", "answer"),
        [
            (
                "POST",
                "/realtime/calls/rtc_sip_1/answer",
                404,
                error("Invalid URL (POST /v1/realtime/calls/rtc_sip_1/answer)"),
            ),
            ("POST", "/realtime/calls/rtc_sip_1", 404, error("Invalid URL (POST /v1/realtime/calls/rtc_sip_1)")),
            ("GET", "/realtime/calls", 405, error("Invalid method GET for /v1/realtime/calls: use POST.")),
            (
                "DELETE",
                "/realtime/calls/rtc_sip_1/hangup",
                405,
                error("Invalid method DELETE for /v1/realtime/calls/rtc_sip_1/hangup: use POST."),
            ),
        ],
        ids=["unknown-action", "bare-call", "get-calls", "delete-hangup"],
    )
    def test_unknown_paths_and_methods(
        self, server: MockServer, method: str, path: str, status: int, answer: dict[str, Any]
    ) -> None:
        """Unknown actions are 404 Invalid URL; another method on a call path is 405 with Allow: POST."""
        response = requests.request(method, server.url + path, headers=AUTH, timeout=10)
        assert (response.status_code, response.json()) == (status, answer)
        if status == 405:
            assert response.headers["Allow"] == "POST"

    def test_call_actions_are_recorded_and_injected_failures_apply(self, tmp_path: Path) -> None:
        """fail_first covers the call paths too; every attempt is recorded with its path, body and status."""
        record = tmp_path / "record.jsonl"
        with MockServer(api_key=KEY, fail_first=1, sip_calls=["rtc_1"], record=record) as server:
            statuses = [act(server, "rtc_1", "accept", {**SESSION, "tools": [MCP_TOOL]}).status_code for _ in range(2)]
            act(server, "rtc_1", "hangup")
        assert statuses == [503, 200]
        redacted_tool = {**MCP_TOOL, "authorization": "<redacted>", "headers": {"X-Api-Key": "<redacted>"}}
        lines = [json.loads(line) for line in record.read_text().splitlines()]
        assert [(r["path"], r["status"], r["body"]) for r in lines] == [
            ("/v1/realtime/calls/rtc_1/accept", 503, {**SESSION, "tools": [redacted_tool]}),
            ("/v1/realtime/calls/rtc_1/accept", 200, {**SESSION, "tools": [redacted_tool]}),
            ("/v1/realtime/calls/rtc_1/hangup", 200, None),
        ]
        assert lines[0]["headers"]["Authorization"] == "Bearer <redacted>"
        text = record.read_text()
        assert KEY not in text and "oauth-secret-123" not in text and "header-secret-456" not in text


class TestSipCallRegistration:
    def test_add_sip_call_returns_a_fresh_id_or_the_one_given(self) -> None:
        """add_sip_call() makes an rtc_ id; add_sip_call(id) registers that id; both start incoming."""
        with MockServer() as server:
            fresh = server.add_sip_call()
            given = server.add_sip_call("rtc_from_webhook")
            assert re.fullmatch(r"rtc_[0-9a-f]{32}", fresh)
            assert given == "rtc_from_webhook"
            assert server.calls == {
                fresh: MockCall(fresh, "sip", "incoming"),
                given: MockCall(given, "sip", "incoming"),
            }

    @pytest.mark.parametrize(
        ("kwargs", "exc_type", "message", "parameter"),
        [
            (
                {"sip_calls": "rtc_1"},
                ApiTypeError,
                "Invalid type for 'sip_calls': expected a list of call ids, got str 'rtc_1'.",
                "sip_calls",
            ),
            (
                {"sip_calls": 3},
                ApiTypeError,
                "Invalid type for 'sip_calls': expected a list of call ids, got int 3.",
                "sip_calls",
            ),
            (
                {"sip_calls": [""]},
                ApiValueError,
                "Invalid value for 'sip_calls': ''. Must be a non-empty call id.",
                "sip_calls",
            ),
            (
                {"sip_calls": [7]},
                ApiTypeError,
                "Invalid type for 'sip_calls': expected a call id string, got int 7.",
                "sip_calls",
            ),
            (
                {"sip_calls": ["rtc_1", "rtc_1"]},
                ApiValueError,
                "Invalid value for 'sip_calls': 'rtc_1'. Must be a call id the server does not know yet.",
                "sip_calls",
            ),
            (
                {"retired_beta": "yes"},
                ApiTypeError,
                "Invalid type for 'retired_beta': expected True or False, got str 'yes'.",
                "retired_beta",
            ),
        ],
        ids=["string", "number", "empty-id", "number-id", "duplicate", "retired-beta-string"],
    )
    def test_bad_options_name_the_parameter(
        self, kwargs: dict[str, Any], exc_type: type[Exception], message: str, parameter: str
    ) -> None:
        """A bad sip_calls or retired_beta raises before binding, naming it and what is allowed."""
        with pytest.raises(exc_type) as info:
            MockServer(**kwargs)
        assert str(info.value) == message
        assert info.value.parameter == parameter  # type: ignore[attr-defined]

    def test_add_sip_call_rejects_a_known_or_empty_id(self) -> None:
        """Registering an id twice, or an empty one, is an ApiValueError naming call_id."""
        server = MockServer(sip_calls=["rtc_1"])
        with pytest.raises(ApiValueError) as known:
            server.add_sip_call("rtc_1")
        assert (
            str(known.value) == "Invalid value for 'call_id': 'rtc_1'. Must be a call id the server does not know yet."
        )
        with pytest.raises(ApiValueError) as empty:
            server.add_sip_call("")
        assert (str(empty.value), empty.value.parameter) == (
            "Invalid value for 'call_id': ''. Must be a non-empty call id.",
            "call_id",
        )
