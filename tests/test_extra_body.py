"""extra_body: fields the spec (and so the models) do not know yet reach the wire exactly as given, while a
typo in the body itself still fails before anything is sent. Over real loopback sockets, exact bodies."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from recording_server import RecordingServer, Reply
from test_mock_calls import OFFER as BROWSER_OFFER

from psopenapi_py import (
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    Configuration,
    deny_realtime_call,
    initialize_realtime_create_client_secret_request,
    initialize_realtime_session_create_request_ga,
    initialize_session_configuration,
    invoke_hangup_realtime_call,
    invoke_refer_realtime_call,
    new_realtime_call,
    new_realtime_client_secret,
    new_realtime_session,
    new_realtime_transcription_session,
    new_realtime_translation_client_secret,
    receive_realtime_call,
)
from psopenapi_py.mock_server import MockServer

KEY_REPLY = {
    "value": "ek_extra_1",
    "expires_at": 1756310470,
    "session": {"type": "realtime", "id": "s", "object": "realtime.session"},
}
#: The two fields the API takes today and the spec does not have (issue 13).
NEWER_FIELDS = {
    "session": {
        "audio": {"input": {"noise_reduction": {"strength": 0.7}}},
        "prompt": {"variables": {"city": {"prompt_cache_breakpoint": {"ttl": "1h"}}}},
    }
}
BODY = {
    "session": {
        "type": "realtime",
        "audio": {"input": {"noise_reduction": {"type": "near_field"}}},
        "prompt": {
            "id": "pmpt_1",
            "variables": {
                "city": {"type": "input_text", "text": "Paris", "prompt_cache_breakpoint": {"mode": "explicit"}}
            },
        },
    }
}
MERGED = {
    "session": {
        "type": "realtime",
        "audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 0.7}}},
        "prompt": {
            "id": "pmpt_1",
            "variables": {
                "city": {
                    "type": "input_text",
                    "text": "Paris",
                    "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "1h"},
                }
            },
        },
    }
}
SDP_OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"
SDP_ANSWER = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\n"


def compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@pytest.fixture
def keys(configured: RecordingServer) -> RecordingServer:
    configured.default = Reply(200, KEY_REPLY)
    return configured


def test_newer_fields_are_merged_into_a_dict_body_key_by_key_and_sent_exactly(keys: RecordingServer) -> None:
    new_realtime_client_secret(BODY, extra_body=NEWER_FIELDS)
    [sent] = keys.requests
    assert sent.body == compact(MERGED)


def test_newer_fields_are_merged_into_a_model_body(keys: RecordingServer) -> None:
    request = initialize_realtime_create_client_secret_request(
        session=initialize_session_configuration(initialize_realtime_session_create_request_ga(type="realtime"))
    )
    new_realtime_client_secret(
        request, extra_body={"session": {"audio": {"input": {"noise_reduction": {"strength": 0.25}}}}}
    )
    assert keys.requests[0].body == compact(
        {"session": {"type": "realtime", "audio": {"input": {"noise_reduction": {"strength": 0.25}}}}}
    )


def test_extra_body_replaces_lists_and_scalars_and_adds_top_level_keys(keys: RecordingServer) -> None:
    body = {"session": {"type": "realtime", "output_modalities": ["audio"], "instructions": "a"}}
    extra = {"session": {"output_modalities": ["text"], "instructions": None}, "brand_new": (1, 2)}
    new_realtime_client_secret(body, extra_body=extra)
    assert keys.requests[0].body == compact(
        {"session": {"type": "realtime", "output_modalities": ["text"], "instructions": None}, "brand_new": [1, 2]}
    )


def test_the_callers_dicts_are_left_as_they_were(keys: RecordingServer) -> None:
    body = json.loads(json.dumps(BODY))
    extra = json.loads(json.dumps(NEWER_FIELDS))
    new_realtime_client_secret(body, extra_body=extra)
    assert (body, extra) == (BODY, NEWER_FIELDS)


def test_a_typo_in_the_body_still_fails_before_sending_even_with_extra_body(keys: RecordingServer) -> None:
    with pytest.raises(ApiValueError) as caught:
        new_realtime_client_secret({"session": {"type": "realtime", "modalitiez": ["text"]}}, extra_body={"x": 1})
    assert str(caught.value).startswith("Error! JSON key 'modalitiez' not found in the properties: ")
    assert keys.requests == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            [("a", 1)],
            "Invalid type for 'extra_body': expected None or a dict with str keys (JSON fields to add to the body), got list.",
        ),
        (
            {"session": {1: "x"}},
            "Invalid type for 'extra_body': expected None or a dict with str keys (JSON fields to add to the body), "
            "got int 1 as a key.",
        ),
    ],
)
def test_extra_body_that_is_not_a_json_object_is_a_type_error_naming_it(
    keys: RecordingServer, extra: Any, message: str
) -> None:
    with pytest.raises(ApiTypeError) as caught:
        new_realtime_client_secret({}, extra_body=extra)
    assert (str(caught.value), caught.value.parameter) == (message, "extra_body")
    assert keys.requests == []


def test_extra_body_that_cannot_be_json_is_a_value_error_naming_it(keys: RecordingServer) -> None:
    with pytest.raises(ApiValueError) as caught:
        new_realtime_client_secret({}, extra_body={"x": float("nan")})
    assert caught.value.parameter == "extra_body"
    # The rest of the message is json's own wording, which varies across Python versions.
    assert str(caught.value).startswith("Invalid value for 'extra_body': it cannot be sent as JSON (Out of range float")
    assert keys.requests == []


def test_extra_body_is_logged_redacted_like_the_body(keys: RecordingServer, caplog: pytest.LogCaptureFixture) -> None:
    extra = {"session": {"tools": [{"type": "mcp", "server_label": "x", "authorization": "Bearer mcp-secret-9"}]}}
    with caplog.at_level(logging.DEBUG, logger="psopenapi_py"):
        new_realtime_client_secret({"session": {"type": "realtime"}}, extra_body=extra)
    assert b"mcp-secret-9" in keys.requests[0].body
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Parameters: ")]
    assert logged == [
        'Parameters: realtime_create_client_secret_request={"session":{"type":"realtime","tools":'
        '[{"type":"mcp","server_label":"x","authorization":"<redacted>"}]}}'
    ]


def test_a_tuple_where_an_array_belongs_is_accepted_in_a_dict_body(keys: RecordingServer) -> None:
    new_realtime_client_secret({"session": {"type": "realtime", "output_modalities": ("audio",)}})
    assert keys.requests[0].body == compact({"session": {"type": "realtime", "output_modalities": ["audio"]}})


def test_every_json_function_takes_extra_body(configured: RecordingServer) -> None:
    session_reply = {"client_secret": {"value": "ek_1", "expires_at": 1}}
    configured.replies = [Reply(200, session_reply), Reply(200, session_reply), Reply(200, KEY_REPLY)]
    new_realtime_session({"model": "gpt-4o-realtime-preview"}, extra_body={"future": True})
    new_realtime_transcription_session({}, extra_body={"future": [1]})
    new_realtime_translation_client_secret({"session": {"model": "gpt-realtime-translate"}}, extra_body={"future": {}})
    assert [r.body for r in configured.requests] == [
        b'{"model":"gpt-4o-realtime-preview","future":true}',
        b'{"future":[1]}',
        b'{"session":{"model":"gpt-realtime-translate"},"future":{}}',
    ]


def test_call_actions_take_extra_body_as_or_into_their_json_body(configured: RecordingServer) -> None:
    configured.default = Reply(200, b"")
    receive_realtime_call(
        "rtc_1", {"type": "realtime"}, extra_body={"audio": {"input": {"noise_reduction": {"strength": 1}}}}
    )
    deny_realtime_call("rtc_1", extra_body={"reason": "busy"})
    invoke_refer_realtime_call("rtc_1", {"target_uri": "tel:+1"}, extra_body={"target_uri": "tel:+2"})
    invoke_hangup_realtime_call("rtc_1", extra_body={"why": "done"})
    invoke_hangup_realtime_call("rtc_1")
    sent = [(r.path, r.headers.get("Content-Type"), r.body) for r in configured.requests]
    assert sent == [
        (
            "/v1/realtime/calls/rtc_1/accept",
            "application/json",
            b'{"type":"realtime","audio":{"input":{"noise_reduction":{"strength":1}}}}',
        ),
        ("/v1/realtime/calls/rtc_1/reject", "application/json", b'{"reason":"busy"}'),
        ("/v1/realtime/calls/rtc_1/refer", "application/json", b'{"target_uri":"tel:+2"}'),
        ("/v1/realtime/calls/rtc_1/hangup", "application/json", b'{"why":"done"}'),
        ("/v1/realtime/calls/rtc_1/hangup", None, b""),
    ]


def _session_part(body: bytes) -> bytes:
    return body.split(b'name="session"\r\nContent-Type: application/json\r\n\r\n', 1)[1].split(b"\r\n--", 1)[0]


def test_new_realtime_call_puts_extra_body_into_the_session_part(configured: RecordingServer) -> None:
    configured.default = Reply(201, SDP_ANSWER, {"Content-Type": "application/sdp"})
    new_realtime_call(
        SDP_OFFER, {"type": "realtime"}, extra_body={"audio": {"input": {"noise_reduction": {"strength": 0.5}}}}
    )
    new_realtime_call(SDP_OFFER, extra_body={"type": "realtime", "future": 1})
    first, second = configured.requests
    assert _session_part(first.body) == b'{"type":"realtime","audio":{"input":{"noise_reduction":{"strength":0.5}}}}'
    assert _session_part(second.body) == b'{"type":"realtime","future":1}'


def _mock_configuration(server: MockServer) -> Configuration:
    return Configuration(base_url=server.url, access_token="sk-example", maximum_retry_count=0)


def test_the_mock_refuses_fields_the_spec_lacks_by_default() -> None:
    with MockServer(api_key="sk-example") as server:
        with pytest.raises(BadRequestException) as caught:
            new_realtime_client_secret(BODY, extra_body=NEWER_FIELDS, configuration=_mock_configuration(server))
    assert str(caught.value) == ("(400) Bad Request: Error! JSON key 'strength' not found in the properties: type")
    assert caught.value.error_code == "unknown_parameter"


def test_the_lenient_mock_takes_the_newer_fields_as_sent() -> None:
    with MockServer(api_key="sk-example", lenient=True) as server:
        key = new_realtime_client_secret(BODY, extra_body=NEWER_FIELDS, configuration=_mock_configuration(server))
        assert server.requests[-1].body == MERGED
    assert key.value.startswith("ek_")


def test_the_lenient_mock_still_checks_every_known_field() -> None:
    wrong_enum = {"session": {"type": "realtime", "audio": {"input": {"noise_reduction": {"type": "nearfield"}}}}}
    no_prompt_id = {"session": {"type": "realtime", "prompt": {"variables": {}}}}
    with MockServer(api_key="sk-example", lenient=True) as server:
        configuration = _mock_configuration(server)
        errors = []
        for body in (wrong_enum, no_prompt_id):
            # The client's own checks would stop these first; the mock is what is being checked here.
            with pytest.raises(BadRequestException) as caught:
                new_realtime_client_secret({}, extra_body=body, configuration=configuration)
            errors.append((str(caught.value), caught.value.error_code))
    assert errors == [
        (
            "(400) Bad Request: Invalid value for 'session.audio.input.noise_reduction.type': 'nearfield'. "
            "Allowed values: near_field, far_field.",
            "invalid_value",
        ),
        (
            "(400) Bad Request: Error! JSON cannot be serialized due to the required property 'id' missing.",
            "missing_required_parameter",
        ),
    ]


def test_the_lenient_mock_takes_newer_fields_in_a_calls_session_part() -> None:
    with MockServer(api_key="sk-example", lenient=True) as server:
        new_realtime_call(
            BROWSER_OFFER,
            {"type": "realtime"},
            extra_body={"audio": {"input": {"noise_reduction": {"strength": 0.5}}}},
            configuration=_mock_configuration(server),
        )
        assert server.requests[-1].body["session"] == {
            "type": "realtime",
            "audio": {"input": {"noise_reduction": {"strength": 0.5}}},
        }


def test_mock_lenient_must_be_a_bool() -> None:
    with pytest.raises(ApiTypeError) as caught:
        MockServer(lenient="yes")  # type: ignore[arg-type]
    assert str(caught.value) == "Invalid type for 'lenient': expected True or False, got str 'yes'."


def test_a_model_inside_extra_body_goes_out_as_its_json(keys: RecordingServer) -> None:
    noise = initialize_realtime_session_create_request_ga(type="realtime")
    new_realtime_client_secret({}, extra_body={"session": noise, "later": [noise]})
    assert keys.requests[0].body == b'{"session":{"type":"realtime"},"later":[{"type":"realtime"}]}'
