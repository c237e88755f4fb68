"""The call functions (new_realtime_call and the four SIP actions) over real loopback sockets."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from recording_server import RecordingServer, Reply
from spec_validation import REALTIME_API_SPEC, validate

from psopenapi_py import (
    ApiException,
    ApiResponse,
    ApiTypeError,
    ApiValueError,
    Configuration,
    ConflictException,
    NotFoundException,
    deny_realtime_call,
    initialize_realtime_call_refer_request,
    initialize_realtime_call_reject_request,
    initialize_realtime_session_create_request_ga,
    invoke_hangup_realtime_call,
    invoke_refer_realtime_call,
    new_realtime_call,
    receive_realtime_call,
)
from psopenapi_py._operation import multipart_body

TOKEN = "sk-test-key-123"  # what the `configured` fixture puts in OPENAI_API_KEY
ICE_PASSWORD = "uoD16Di5OGx3VbqgA3ymjEQV2kwiOjw6"
OFFER = (
    "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:Hc3P\r\n"
    f"a=ice-pwd:{ICE_PASSWORD}\r\na=setup:actpass\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n"
)
ANSWER = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
    "a=mid:0\r\na=setup:passive\r\na=rtpmap:111 opus/48000/2\r\n"
)
CALL_ID = "rtc_u1_9c6574da8b8a41a18da9308f4ad974ce"
SESSION = {"type": "realtime", "model": "gpt-realtime", "instructions": "Greet the caller."}


def created(location: str | None = f"/v1/realtime/calls/{CALL_ID}") -> Reply:
    """The API's answer to an offer: 201, the SDP answer as application/sdp, the call in Location."""
    headers = {"Content-Type": "application/sdp"}
    if location is not None:
        headers["Location"] = location
    return Reply(201, ANSWER, headers)


def not_found(call_id: str) -> Reply:
    return Reply(
        404,
        {
            "error": {
                "message": f"Call '{call_id}' not found.",
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        },
    )


def parts_of(body: bytes, content_type: str) -> list[tuple[bytes, bytes]]:
    """The (headers, data) of each part of a multipart body, split on the boundary its Content-Type names."""
    boundary = content_type.split("boundary=", 1)[1].encode()
    pieces = body.split(b"--" + boundary)
    assert pieces[0] == b"" and pieces[-1] == b"--\r\n", body
    parts = []
    for piece in pieces[1:-1]:
        assert piece.startswith(b"\r\n") and piece.endswith(b"\r\n")
        head, _, data = piece[2:-2].partition(b"\r\n\r\n")
        parts.append((head, data))
    return parts


# --------------------------------------------------------------------------------------------------
# new_realtime_call


def test_an_offer_with_a_session_goes_out_as_two_multipart_parts_and_the_answer_comes_back(
    configured: RecordingServer,
) -> None:
    """POST /v1/realtime/calls: an sdp part (application/sdp, the offer byte for byte), a session part (compact JSON)."""
    configured.default = created()
    answer = new_realtime_call(OFFER, initialize_realtime_session_create_request_ga(**SESSION))
    [sent] = configured.requests
    assert (sent.method, sent.path) == ("POST", "/v1/realtime/calls")
    content_type = sent.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert sent.headers["Accept"] == "application/sdp"
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert parts_of(sent.body, content_type) == [
        (b'Content-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp', OFFER.encode()),
        (
            b'Content-Disposition: form-data; name="session"\r\nContent-Type: application/json',
            json.dumps(SESSION, separators=(",", ":")).encode(),
        ),
    ]
    validate(SESSION, "RealtimeSessionCreateRequestGA", REALTIME_API_SPEC)
    assert answer == ANSWER


def test_an_offer_without_a_session_sends_only_the_sdp_part(configured: RecordingServer) -> None:
    """session left out: one part; the API applies its defaults."""
    configured.default = created()
    assert new_realtime_call(sdp=OFFER) == ANSWER
    [sent] = configured.requests
    assert parts_of(sent.body, sent.headers["Content-Type"]) == [
        (b'Content-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp', OFFER.encode())
    ]


def test_a_dict_session_is_checked_and_sent_as_written(configured: RecordingServer) -> None:
    """A plain dict goes out key for key; a wrong one is refused before any connection."""
    configured.default = created()
    new_realtime_call(OFFER, {"model": "gpt-realtime", "type": "realtime"})
    [(_, session)] = parts_of(configured.requests[0].body, configured.requests[0].headers["Content-Type"])[1:]
    assert session == b'{"model":"gpt-realtime","type":"realtime"}'
    with pytest.raises(ApiTypeError) as info:
        new_realtime_call(OFFER, {"type": "realtime", "output_modalities": "audio"})
    assert str(info.value) == "Invalid type for 'session.output_modalities': expected an array, got str 'audio'."
    with pytest.raises(ApiValueError) as info:
        new_realtime_call(OFFER, {"type": "realtime", "voice": "marin"})
    assert str(info.value).startswith("Error! JSON key 'voice' not found in the properties: type output_modalities")
    with pytest.raises(ApiTypeError) as info:
        new_realtime_call(OFFER, "gpt-realtime")  # type: ignore[arg-type]
    assert str(info.value) == (
        "Invalid type for 'session': expected a RealtimeSessionCreateRequestGA or a dict, got str."
    )
    assert len(configured.requests) == 1


def test_with_http_info_gives_status_headers_and_the_call_id_from_location(configured: RecordingServer) -> None:
    """201, the answer's headers, and call_id: the last segment of Location, percent-decoded."""
    configured.default = created("/v1/realtime/calls/rtc_a%2Fb")
    info = new_realtime_call(OFFER, with_http_info=True)
    assert isinstance(info, ApiResponse)
    assert (info.status_code, info.response, info.call_id) == (201, ANSWER, "rtc_a/b")
    assert info.headers["location"] == "/v1/realtime/calls/rtc_a%2Fb"
    assert repr(info) == f"ApiResponse(status_code=201, call_id='rtc_a/b', response={ANSWER!r})"


@pytest.mark.parametrize(
    ("location", "call_id"),
    [
        (f"https://api.openai.com/v1/realtime/calls/{CALL_ID}", CALL_ID),
        (f"/v1/realtime/calls/{CALL_ID}/", CALL_ID),
        (f"/v1/realtime/calls/{CALL_ID}?x=1", CALL_ID),
        ("", None),
        (None, None),
    ],
)
def test_the_call_id_is_read_from_any_form_of_location(
    configured: RecordingServer, location: str | None, call_id: str | None
) -> None:
    """An absolute or relative Location, a trailing slash or a query all give the id; none gives None."""
    configured.default = created(location)
    info = new_realtime_call(OFFER, with_http_info=True)
    assert isinstance(info, ApiResponse)
    assert info.call_id == call_id


@pytest.mark.parametrize(
    ("sdp", "error", "message"),
    [
        (None, ApiValueError, "Error! The required parameter sdp missing when calling createRealtimeCall."),
        ("", ApiValueError, "Error! The required parameter sdp missing when calling createRealtimeCall."),
        (
            OFFER.encode(),
            ApiTypeError,
            "Invalid type for 'sdp': expected the SDP offer as text (a str), got bytes "
            "(decode it first: sdp.decode('utf-8')).",
        ),
        (42, ApiTypeError, "Invalid type for 'sdp': expected the SDP offer as text (a str), got int."),
        (
            "\r\n" + OFFER,
            ApiValueError,
            "Invalid value for 'sdp': an SDP offer starts with 'v=0', this text starts with '\\r\\nv=0\\r\\no=- 461173140'.",
        ),
        (
            "offer.sdp",
            ApiValueError,
            "Invalid value for 'sdp': an SDP offer starts with 'v=0', this text starts with 'offer.sdp'.",
        ),
        (
            " v=0\r\n",
            ApiValueError,
            "Invalid value for 'sdp': an SDP offer starts with 'v=0', this text starts with ' v=0\\r\\n'.",
        ),
        (
            "v=0\r\ns=\ud800\r\n",
            ApiValueError,
            "Invalid value for 'sdp': the offer cannot be encoded as UTF-8 (it holds a lone surrogate).",
        ),
    ],
)
def test_an_offer_that_is_not_sdp_text_is_refused_before_sending(
    configured: RecordingServer, sdp: Any, error: type[Exception], message: str
) -> None:
    """No offer, bytes, a number, a file name, leading blanks: a clear error naming sdp, nothing sent."""
    with pytest.raises(error) as info:
        new_realtime_call(sdp)
    assert str(info.value) == message
    assert info.value.parameter == "sdp"  # type: ignore[attr-defined]
    assert configured.requests == []


def test_an_answer_that_is_not_sdp_is_an_api_exception(configured: RecordingServer) -> None:
    """A 2xx whose body is not an SDP answer (a gateway's JSON, nothing) is an error keeping the body."""
    configured.default = Reply(201, {"ok": True})
    with pytest.raises(ApiException) as info:
        new_realtime_call(OFFER)
    assert str(info.value) == "(201) Created: the body is not an SDP answer (it does not start with 'v=')."
    assert info.value.body == '{"ok": true}'


def test_the_offer_and_the_keys_stay_out_of_the_log(
    configured: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    """DEBUG logging names the call and the offer's size, never its ICE password or the API key."""
    configured.default = created()
    with caplog.at_level(logging.DEBUG, logger="psopenapi_py"):
        new_realtime_call(OFFER, SESSION)
    messages = [r.getMessage() for r in caplog.records]
    assert "Calling method: new_realtime_call" in messages
    assert f"Parameters: sdp=<{len(OFFER.encode())} bytes>, session={json.dumps(SESSION, separators=(',', ':'))}" in (
        messages
    )
    text = "\n".join(messages)
    assert ICE_PASSWORD not in text and TOKEN not in text


def test_a_rejected_offer_is_the_api_error(configured: RecordingServer) -> None:
    """A 400 from the API is a BadRequestException with its message."""
    configured.default = Reply(
        400, {"error": {"message": "Invalid SDP offer.", "type": "invalid_request_error", "param": "sdp", "code": None}}
    )
    with pytest.raises(ApiException) as info:
        new_realtime_call(OFFER)
    assert (info.value.status, str(info.value)) == (400, "(400) Bad Request: Invalid SDP offer.")


# --------------------------------------------------------------------------------------------------
# The four call actions


def test_accepting_sends_the_session_as_json_and_returns_none(configured: RecordingServer) -> None:
    """POST .../accept with the session as compact JSON; 200 with no body is None."""
    assert receive_realtime_call(CALL_ID, initialize_realtime_session_create_request_ga(**SESSION)) is None
    [sent] = configured.requests
    assert (sent.method, sent.path) == ("POST", f"/v1/realtime/calls/{CALL_ID}/accept")
    assert sent.body == json.dumps(SESSION, separators=(",", ":")).encode()
    assert (sent.headers["Content-Type"], sent.headers["Accept"]) == ("application/json", "application/json")
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"


def test_rejecting_with_a_status_sends_it_and_without_one_sends_no_body(configured: RecordingServer) -> None:
    """reject: {"status_code": 486} as JSON when given; left out, an empty body and no Content-Type (API default 603)."""
    configured.default = Reply(200, b"")
    assert deny_realtime_call(CALL_ID, initialize_realtime_call_reject_request(status_code=486)) is None
    assert deny_realtime_call(CALL_ID) is None
    given, left_out = configured.requests
    assert (given.path, given.body, given.headers["Content-Type"]) == (
        f"/v1/realtime/calls/{CALL_ID}/reject",
        b'{"status_code":486}',
        "application/json",
    )
    validate(given.json, "RealtimeCallRejectRequest", REALTIME_API_SPEC)
    assert (left_out.path, left_out.body, "Content-Type" in left_out.headers) == (
        f"/v1/realtime/calls/{CALL_ID}/reject",
        b"",
        False,
    )


def test_referring_sends_the_target_uri(configured: RecordingServer) -> None:
    """refer: {"target_uri": ...} as JSON, a model or a dict alike."""
    configured.default = Reply(200, b"")
    invoke_refer_realtime_call(CALL_ID, initialize_realtime_call_refer_request(target_uri="tel:+14155550123"))
    invoke_refer_realtime_call(CALL_ID, {"target_uri": "sip:desk@example.com"})
    assert [(r.path, r.body) for r in configured.requests] == [
        (f"/v1/realtime/calls/{CALL_ID}/refer", b'{"target_uri":"tel:+14155550123"}'),
        (f"/v1/realtime/calls/{CALL_ID}/refer", b'{"target_uri":"sip:desk@example.com"}'),
    ]
    for sent in configured.requests:
        validate(sent.json, "RealtimeCallReferRequest", REALTIME_API_SPEC)


def test_hanging_up_sends_no_body_and_with_http_info_gives_the_status(configured: RecordingServer) -> None:
    """hangup: an empty POST without Content-Type; with_http_info gives ApiResponse(None, 200, headers)."""
    configured.default = Reply(200, b"")
    info = invoke_hangup_realtime_call(CALL_ID, with_http_info=True)
    assert isinstance(info, ApiResponse)
    assert (info.response, info.status_code, info.call_id, info.headers["x-request-id"]) == (None, 200, None, "req_1")
    [sent] = configured.requests
    assert (sent.path, sent.body, "Content-Type" in sent.headers) == (
        f"/v1/realtime/calls/{CALL_ID}/hangup",
        b"",
        False,
    )


@pytest.mark.parametrize(
    ("call_id", "segment"),
    [
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("?", "%3F"),
        ("x?y=1#z", "x%3Fy%3D1%23z"),
        ("rtc 1", "rtc%201"),
        ("50%", "50%25"),
        ("%2F", "%252F"),
        ("rtc_é", "rtc_%C3%A9"),
        ("...", "..."),
    ],
)
@pytest.mark.parametrize("action", ["accept", "reject", "refer", "hangup"])
def test_the_call_id_is_one_percent_encoded_path_segment(
    configured: RecordingServer, call_id: str, segment: str, action: str
) -> None:
    """Slashes, dots, ? and # in a call id never change the route: the server sees exactly one encoded segment."""
    configured.default = Reply(200, b"")
    act(action, call_id)
    assert configured.requests[0].path == f"/v1/realtime/calls/{segment}/{action}"


def act(action: str, call_id: Any, configuration: Configuration | None = None) -> Any:
    """Call the function of an action with a valid body."""
    if action == "accept":
        return receive_realtime_call(call_id, SESSION, configuration=configuration)
    if action == "reject":
        return deny_realtime_call(call_id, {"status_code": 486}, configuration=configuration)
    if action == "refer":
        return invoke_refer_realtime_call(call_id, {"target_uri": "tel:+14155550123"}, configuration=configuration)
    return invoke_hangup_realtime_call(call_id, configuration=configuration)


OPERATION_IDS = {
    "accept": "acceptRealtimeCall",
    "reject": "rejectRealtimeCall",
    "refer": "referRealtimeCall",
    "hangup": "hangupRealtimeCall",
}


@pytest.mark.parametrize("action", ["accept", "reject", "refer", "hangup"])
@pytest.mark.parametrize(
    ("call_id", "error", "message"),
    [
        (None, ApiValueError, "Error! The required parameter call_id missing when calling {op}."),
        ("", ApiValueError, "Error! The required parameter call_id missing when calling {op}."),
        (7, ApiTypeError, "Invalid type for 'call_id': expected a call id (a non-empty str), got int 7."),
        (
            b"rtc_1",
            ApiTypeError,
            "Invalid type for 'call_id': expected a call id (a non-empty str), got bytes b'rtc_1'.",
        ),
        (".", ApiValueError, "Invalid value for 'call_id': '.'. A call id cannot be '.' or '..'."),
        ("..", ApiValueError, "Invalid value for 'call_id': '..'. A call id cannot be '.' or '..'."),
        (
            "rtc_\ud800",
            ApiValueError,
            "Invalid value for 'call_id': 'rtc_\\ud800'. A call id must be text that can be encoded as UTF-8.",
        ),
    ],
)
def test_a_bad_call_id_is_refused_before_sending(
    configured: RecordingServer, action: str, call_id: Any, error: type[Exception], message: str
) -> None:
    """Missing, empty, not a str, a bare path step or unencodable: a clear error naming call_id, nothing sent."""
    with pytest.raises(error) as info:
        act(action, call_id)
    assert str(info.value) == message.format(op=OPERATION_IDS[action])
    assert info.value.parameter == "call_id"  # type: ignore[attr-defined]
    assert configured.requests == []


@pytest.mark.parametrize("action", ["accept", "reject", "refer", "hangup"])
def test_an_unknown_call_is_not_found_with_the_api_message(configured: RecordingServer, action: str) -> None:
    """404 from the API: NotFoundException carrying the API's own message."""
    configured.default = not_found("rtc_missing")
    with pytest.raises(NotFoundException) as info:
        act(action, "rtc_missing")
    assert str(info.value) == "(404) Not Found: Call 'rtc_missing' not found."
    assert len(configured.requests) == 1  # a 404 is not retried


def test_an_action_the_call_state_does_not_allow_is_a_conflict(configured: RecordingServer) -> None:
    """409 (accepting twice, say) is a ConflictException with the API's message."""
    error = {
        "error": {"message": "Call already accepted.", "type": "invalid_request_error", "param": None, "code": None}
    }
    configured.default = Reply(409, error, {"x-should-retry": "false"})
    with pytest.raises(ConflictException) as info:
        receive_realtime_call(CALL_ID, SESSION)
    assert str(info.value) == "(409) Conflict: Call already accepted."


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: invoke_refer_realtime_call(CALL_ID),
            ApiValueError,
            "Error! The required parameter realtime_call_refer_request missing when calling referRealtimeCall.",
        ),
        (
            lambda: invoke_refer_realtime_call(CALL_ID, {}),
            ApiValueError,
            "Error! JSON cannot be serialized due to the required property 'target_uri' missing.",
        ),
        (
            lambda: invoke_refer_realtime_call(CALL_ID, {"target_uri": 14155550123}),
            ApiTypeError,
            "Invalid type for 'target_uri': expected a string, got int 14155550123.",
        ),
        (
            lambda: invoke_refer_realtime_call(CALL_ID, "tel:+14155550123"),
            ApiTypeError,
            "Invalid type for 'realtime_call_refer_request': expected a RealtimeCallReferRequest or a dict, got str.",
        ),
        (
            lambda: deny_realtime_call(CALL_ID, {"status_code": "486"}),
            ApiTypeError,
            "Invalid type for 'status_code': expected an integer, got str '486'.",
        ),
        (
            lambda: deny_realtime_call(CALL_ID, {"status": 486}),
            ApiValueError,
            "Error! JSON key 'status' not found in the properties: status_code",
        ),
        (
            lambda: receive_realtime_call(CALL_ID),
            ApiValueError,
            "Error! The required parameter realtime_session_create_request_ga missing when calling acceptRealtimeCall.",
        ),
        (
            lambda: receive_realtime_call(CALL_ID, {"model": "gpt-realtime"}),
            ApiValueError,
            "Error! JSON cannot be serialized due to the required property 'type' missing.",
        ),
    ],
)
def test_a_bad_body_is_refused_before_sending(
    configured: RecordingServer, call: Any, error: type[Exception], message: str
) -> None:
    """A missing target_uri, a wrong type, an unknown key or a missing body: a clear error, nothing sent."""
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message
    assert configured.requests == []


def test_a_configuration_argument_is_used_for_the_call(server: RecordingServer) -> None:
    """configuration= sends with that key and base URL (no environment needed)."""
    server.default = Reply(200, b"")
    act("hangup", CALL_ID, Configuration(access_token="sk-other", base_url=server.url))
    assert server.requests[0].headers["Authorization"] == "Bearer sk-other"


# --------------------------------------------------------------------------------------------------
# The multipart encoder


def test_multipart_body_frames_each_part_with_its_name_and_content_type() -> None:
    """Each part: boundary line, Content-Disposition with the name, Content-Type, blank line, data; closing boundary."""
    body, content_type = multipart_body(
        [("sdp", "application/sdp", b"v=0\r\n"), ("session", "application/json", b"{}")]
    )
    boundary = content_type.removeprefix("multipart/form-data; boundary=")
    assert len(boundary) == 32
    assert (
        body
        == (
            f'--{boundary}\r\nContent-Disposition: form-data; name="sdp"\r\nContent-Type: application/sdp\r\n\r\n'
            f'v=0\r\n\r\n--{boundary}\r\nContent-Disposition: form-data; name="session"\r\n'
            f"Content-Type: application/json\r\n\r\n{{}}\r\n--{boundary}--\r\n"
        ).encode()
    )


def test_multipart_boundaries_are_fresh_for_every_body() -> None:
    """Two bodies never share a boundary (it is random), so no offer can be crafted to contain it."""
    assert multipart_body([("a", "text/plain", b"x")])[1] != multipart_body([("a", "text/plain", b"x")])[1]


# --------------------------------------------------------------------------------------------------
# Against the built-in mock server (the spec's rules and a call's states)


def test_a_webrtc_call_is_created_and_hung_up_on_the_mock_server() -> None:
    """new_realtime_call gets a real SDP answer and a call id the mock knows; hanging it up ends it."""
    from psopenapi_py.mock_server import MockServer

    with MockServer(api_key="sk-example") as mock:
        config = Configuration(access_token="sk-example", base_url=mock.url)
        info = new_realtime_call(OFFER, SESSION, with_http_info=True, configuration=config)
        assert isinstance(info, ApiResponse) and info.call_id is not None
        assert (info.status_code, info.response.startswith("v=0\r\n"), "a=setup:passive" in info.response) == (
            201,
            True,
            True,
        )
        assert mock.calls[info.call_id].state == "created"
        assert mock.requests[0].body == {"sdp": OFFER, "session": SESSION}
        assert invoke_hangup_realtime_call(info.call_id, configuration=config) is None
        assert mock.calls[info.call_id].state == "hung_up"
        with pytest.raises(ConflictException):
            invoke_hangup_realtime_call(info.call_id, configuration=config)


def test_a_sip_call_is_accepted_referred_and_another_rejected_on_the_mock_server() -> None:
    """accept -> refer on one incoming call, reject with 486 and with no body (603) on others; unknown is NotFoundException."""
    from psopenapi_py.mock_server import MockServer

    with MockServer(api_key="sk-example", sip_calls=["rtc_a/1", "rtc_b", "rtc_d"]) as mock:
        config = Configuration(access_token="sk-example", base_url=mock.url)
        receive_realtime_call("rtc_a/1", SESSION, configuration=config)
        invoke_refer_realtime_call("rtc_a/1", {"target_uri": "tel:+14155550123"}, configuration=config)
        deny_realtime_call("rtc_b", {"status_code": 486}, configuration=config)
        deny_realtime_call("rtc_d", configuration=config)
        calls = mock.calls
        assert (calls["rtc_a/1"].state, calls["rtc_a/1"].target_uri) == ("referred", "tel:+14155550123")
        assert (calls["rtc_b"].state, calls["rtc_b"].status_code) == ("rejected", 486)
        assert (calls["rtc_d"].state, calls["rtc_d"].status_code) == ("rejected", 603)
        with pytest.raises(NotFoundException) as info:
            deny_realtime_call("rtc_c", configuration=config)
        assert str(info.value) == "(404) Not Found: Call 'rtc_c' not found."
