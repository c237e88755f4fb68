"""The built-in mock server: OpenAI's answers and errors over real loopback sockets, faults, recording."""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from shared_files import seed_body
from spec_validation import validate

from psopenapi_py import (
    ApiTypeError,
    ApiValueError,
    initialize_realtime_session_create_request,
    new_realtime_session,
    set_configuration,
)
from psopenapi_py import mock_server as mock_module
from psopenapi_py.mock_server import MockServer

SESSIONS = "/realtime/sessions"
GOOD_HEADERS = {"Authorization": "Bearer sk-example", "Content-Type": "application/json"}
MINIMAL = {"model": "gpt-4o-realtime-preview"}

DEFAULT_TURN_DETECTION = {
    "type": "server_vad",
    "threshold": 0.5,
    "prefix_padding_ms": 300,
    "silence_duration_ms": 500,
    "create_response": True,
}


def post(
    server: MockServer,
    body: Any = MINIMAL,
    headers: dict[str, str] | None = None,
    path: str = SESSIONS,
    session: requests.Session | None = None,
) -> requests.Response:
    """POST a JSON body (or raw bytes) to the mock server over loopback."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    sender = session or requests
    return sender.post(server.url + path, data=data, headers=GOOD_HEADERS if headers is None else headers, timeout=10)


def random_parts(session: dict[str, Any]) -> dict[str, Any]:
    """Pop the random parts of a session answer, checking their shape; return the rest."""
    rest = dict(session)
    assert re.fullmatch(r"sess_[0-9a-f]{24}", rest.pop("id"))
    secret = rest.pop("client_secret")
    assert set(secret) == {"value", "expires_at"}
    assert re.fullmatch(r"ek_[0-9a-f]{32}", secret["value"])
    assert abs(secret["expires_at"] - (int(time.time()) + 60)) <= 2
    return rest


@pytest.fixture
def open_server() -> Iterator[MockServer]:
    """A mock server with no api_key: any well-formed bearer key is accepted."""
    with MockServer() as srv:
        yield srv


class TestSessions:
    def test_minimal_request_gets_a_session_with_the_api_defaults(self, mock_server: MockServer) -> None:
        """A body with only a model is answered 200 with OpenAI's session shape and the documented defaults."""
        response = post(mock_server)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/json"
        assert re.fullmatch(r"req_[0-9a-f]{32}", response.headers["x-request-id"])
        body = response.json()
        assert list(body) == [
            "id", "object", "model", "modalities", "voice", "input_audio_format", "output_audio_format",
            "turn_detection", "tools", "tool_choice", "temperature", "max_response_output_tokens", "client_secret",
        ]  # fmt: skip
        assert random_parts(body) == {
            "object": "realtime.session",
            "model": "gpt-4o-realtime-preview",
            "modalities": ["text", "audio"],
            "voice": "alloy",
            "input_audio_format": "pcm16",
            "output_audio_format": "pcm16",
            "turn_detection": DEFAULT_TURN_DETECTION,
            "tools": [],
            "tool_choice": "auto",
            "temperature": 0.8,
            "max_response_output_tokens": "inf",
        }
        validate(body, "RealtimeSessionCreateResponse")

    def test_requested_settings_are_echoed_back(self, mock_server: MockServer) -> None:
        """Every setting of the seed documentation body comes back as sent, and the answer matches the schema."""
        seed = seed_body()
        body = post(mock_server, seed).json()
        assert random_parts(body) == {"object": "realtime.session", **seed}
        validate(body, "RealtimeSessionCreateResponse")

    @pytest.mark.parametrize(
        ("requested", "answered"),
        [
            (None, None),
            (
                {"type": "server_vad", "threshold": 0.6, "silence_duration_ms": 700},
                {**DEFAULT_TURN_DETECTION, "threshold": 0.6, "silence_duration_ms": 700},
            ),
            ({"create_response": False}, {**DEFAULT_TURN_DETECTION, "create_response": False}),
        ],
        ids=["null-turns-it-off", "partial-gets-the-rest-filled-in", "create-response-false"],
    )
    def test_turn_detection_is_null_or_filled_in(self, mock_server: MockServer, requested: Any, answered: Any) -> None:
        """turn_detection: explicit null stays null; an object gets the server VAD defaults it left out."""
        body = post(mock_server, {**MINIMAL, "turn_detection": requested}).json()
        assert body["turn_detection"] == answered
        validate(body, "RealtimeSessionCreateResponse")

    def test_each_session_gets_a_fresh_id_and_key(self, mock_server: MockServer) -> None:
        """Two sessions never share an id or an ephemeral key."""
        first, second = post(mock_server).json(), post(mock_server).json()
        assert first["id"] != second["id"]
        assert first["client_secret"]["value"] != second["client_secret"]["value"]

    def test_package_client_gets_a_typed_session(self, mock_server: MockServer) -> None:
        """new_realtime_session against the mock returns the typed response with the requested voice."""
        set_configuration(base_url=mock_server.url, access_token="sk-example")
        request = initialize_realtime_session_create_request(model="gpt-4o-realtime-preview", voice="verse")
        session = new_realtime_session(request)
        assert session.voice == "verse"
        assert session.additional_properties["object"] == "realtime.session"
        assert mock_server.requests[0].body == {"model": "gpt-4o-realtime-preview", "voice": "verse"}

    def test_any_well_formed_key_is_accepted_without_api_key(self, open_server: MockServer) -> None:
        """With no api_key configured, any bearer token is accepted."""
        response = post(open_server, headers={**GOOD_HEADERS, "Authorization": "Bearer sk-anything"})
        assert response.status_code == 200


def error(
    message: str, param: str | None = None, code: str | None = None, type_: str = "invalid_request_error"
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


ALLOWED_PROPERTIES = (
    "modalities model instructions voice input_audio_format output_audio_format input_audio_transcription "
    "turn_detection tools tool_choice temperature max_response_output_tokens"
)
NO_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
    "(i.e. Authorization: Bearer YOUR_KEY)."
)
WRONG_KEY = "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."

#: (id, request kwargs for post(), status, answer body)
ERROR_CASES: list[tuple[str, dict[str, Any], int, dict[str, Any]]] = [
    ("no-authorization", {"headers": {"Content-Type": "application/json"}}, 401, error(NO_KEY)),
    (
        "basic-authorization",
        {"headers": {**GOOD_HEADERS, "Authorization": "Basic c2stZXhhbXBsZQ=="}},
        401,
        error("Malformed Authorization header: expected 'Bearer YOUR_KEY'."),
    ),
    (
        "empty-bearer",
        {"headers": {**GOOD_HEADERS, "Authorization": "Bearer "}},
        401,
        error("Malformed Authorization header: expected 'Bearer YOUR_KEY'."),
    ),
    (
        "wrong-key",
        {"headers": {**GOOD_HEADERS, "Authorization": "Bearer sk-wrong"}},
        401,
        error(WRONG_KEY, code="invalid_api_key"),
    ),
    (
        "text-content-type",
        {"headers": {**GOOD_HEADERS, "Content-Type": "text/plain"}},
        415,
        error("Invalid Content-Type header ('text/plain'): expected 'application/json'."),
    ),
    (
        "invalid-json",
        {"body": b'{"model": '},
        400,
        error("We could not parse the JSON body of your request: Expecting value at line 1 column 11."),
    ),
    ("json-array", {"body": [MINIMAL]}, 400, error("Invalid body: expected a JSON object, got a JSON array.")),
    (
        "unknown-key",
        {"body": {**MINIMAL, "voices": "alloy"}},
        400,
        error(
            f"Error! JSON key 'voices' not found in the properties: {ALLOWED_PROPERTIES}", "voices", "unknown_parameter"
        ),
    ),
    (
        "missing-model",
        {"body": {"voice": "alloy"}},
        400,
        error(
            "Error! JSON cannot be serialized due to the required property 'model' missing.",
            "model",
            "missing_required_parameter",
        ),
    ),
    (
        "bad-enum",
        {"body": {**MINIMAL, "voice": "loud"}},
        400,
        error(
            "Invalid value for 'voice': 'loud'. Allowed values: alloy, ash, ballad, coral, echo, sage, shimmer, verse.",
            "voice",
            "invalid_value",
        ),
    ),
    (
        "enum-in-the-wrong-case",
        {"body": {**MINIMAL, "voice": "Alloy"}},
        400,
        error(
            "Invalid value for 'voice': 'Alloy'. Allowed values (exact spelling): alloy, ash, ballad, coral, echo, sage, shimmer, verse.",
            "voice",
            "invalid_value",
        ),
    ),
    (
        "wrong-type",
        {"body": {**MINIMAL, "temperature": "hot"}},
        400,
        error("Invalid type for 'temperature': expected a number, got str 'hot'.", "temperature", "invalid_type"),
    ),
    (
        "nested-wrong-type",
        {"body": {**MINIMAL, "turn_detection": {"threshold": "high"}}},
        400,
        error(
            "Invalid type for 'turn_detection.threshold': expected a number, got str 'high'.",
            "turn_detection.threshold",
            "invalid_type",
        ),
    ),
    (
        "null-where-the-spec-forbids-it",
        {"body": {**MINIMAL, "voice": None}},
        400,
        error(
            "Invalid value for 'voice': null. The spec does not allow null here; leave the key out instead.",
            "voice",
            "invalid_value",
        ),
    ),
    (
        "nested-null",
        {"body": {**MINIMAL, "tools": [{"type": "function", "name": None}]}},
        400,
        error(
            "Invalid value for 'tools[0].name': null. The spec does not allow null here; leave the key out instead.",
            "tools[0].name",
            "invalid_value",
        ),
    ),
    (
        "scalar-for-an-array",
        {"body": {**MINIMAL, "modalities": "text"}},
        400,
        error("Invalid type for 'modalities': expected an array, got str 'text'.", "modalities", "invalid_type"),
    ),
    ("unknown-path", {"path": "/realtime/session"}, 404, error("Invalid URL (POST /v1/realtime/session)")),
    (
        "body-over-1-mib",
        {"body": b"x" * (1024 * 1024 + 1)},
        413,
        error("The request body is 1048577 bytes; the limit is 1048576 bytes (1 MiB).", code="request_too_large"),
    ),
]


class TestErrors:
    @pytest.mark.parametrize(
        ("kwargs", "status", "answer"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
    )
    def test_error_is_answered_in_openai_shape_and_serving_goes_on(
        self, mock_server: MockServer, kwargs: dict[str, Any], status: int, answer: dict[str, Any]
    ) -> None:
        """Each bad request gets its status and OpenAI's error object, then a good request still gets 200."""
        response = post(mock_server, **kwargs)
        assert (response.status_code, response.json()) == (status, answer)
        assert re.fullmatch(r"req_[0-9a-f]{32}", response.headers["x-request-id"])
        assert post(mock_server).status_code == 200

    def test_other_methods_get_405_with_allow(self, mock_server: MockServer) -> None:
        """GET on the sessions path is 405 with an Allow header; HEAD gets the status without a body."""
        response = requests.get(mock_server.url + SESSIONS, headers=GOOD_HEADERS, timeout=10)
        assert response.status_code == 405
        assert response.headers["Allow"] == "POST"
        assert response.json() == error("Invalid method GET for /v1/realtime/sessions: use POST.")
        head = requests.head(mock_server.url + SESSIONS, headers=GOOD_HEADERS, timeout=10)
        assert (head.status_code, head.content) == (405, b"")
        assert post(mock_server).status_code == 200

    def test_one_kept_alive_connection_survives_every_error(self, mock_server: MockServer) -> None:
        """All the error cases in a row on one keep-alive connection, then a good request: framing never breaks."""
        with requests.Session() as session:
            statuses = [post(mock_server, session=session, **kwargs).status_code for _, kwargs, _, _ in ERROR_CASES]
            assert post(mock_server, session=session).status_code == 200
        assert statuses == [c[2] for c in ERROR_CASES]

    @pytest.mark.parametrize(
        ("raw", "status", "answer"),
        [
            (
                b"POST /v1/realtime/sessions HTTP/1.1\r\nContent-Length: many\r\n\r\n",
                400,
                error("Invalid Content-Length header: 'many'."),
            ),
            (
                b"POST /v1/realtime/sessions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                411,
                error("Send the request body with a Content-Length header (chunked bodies are not accepted)."),
            ),
            (
                b"POST /v1/realtime/sessions HTTP/1.1\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
                431,
                error("Line too long"),
            ),
        ],
        ids=["bad-content-length", "chunked", "header-line-too-long"],
    )
    def test_broken_framing_gets_a_json_error(
        self, mock_server: MockServer, raw: bytes, status: int, answer: dict[str, Any]
    ) -> None:
        """Requests http.server itself cannot parse are also answered in OpenAI's JSON shape, and the connection closed."""
        with socket.create_connection(("127.0.0.1", mock_server.port), timeout=10) as conn:
            conn.sendall(raw)
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
        head, _, body = reply.partition(b"\r\n\r\n")
        assert head.split(b"\r\n")[0].split(b" ")[1] == str(status).encode()
        assert b"x-request-id: req_" in head
        assert json.loads(body) == answer
        assert post(mock_server).status_code == 200

    def test_a_failing_endpoint_answers_500_without_a_traceback(
        self, mock_server: MockServer, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
    ) -> None:
        """A bug in an endpoint becomes a JSON 500 (no traceback anywhere), and the server keeps serving."""

        def broken(data: dict[str, Any]) -> dict[str, Any]:
            raise RuntimeError("boom")

        monkeypatch.setitem(mock_module.ROUTES, "/v1/realtime/sessions", broken)
        response = post(mock_server)
        assert (response.status_code, response.json()) == (
            500,
            error("The mock server failed on this request (RuntimeError).", type_="server_error"),
        )
        monkeypatch.setitem(mock_module.ROUTES, "/v1/realtime/sessions", mock_module.create_realtime_session)
        assert post(mock_server).status_code == 200
        out, err = capfd.readouterr()
        assert "Traceback" not in out + err


class TestFaults:
    def test_first_requests_fail_with_the_chosen_status_and_retry_after(self) -> None:
        """fail_first=2 with 429 and retry_after: two injected failures carrying the header, then sessions."""
        with MockServer(api_key="sk-example", fail_first=2, fail_status=429, retry_after=1.5) as server:
            answers = [post(server) for _ in range(3)]
        assert [a.status_code for a in answers] == [429, 429, 200]
        assert [a.headers.get("retry-after") for a in answers] == ["1.5", "1.5", None]
        assert answers[0].json() == error("Injected failure 1 of 2 (fail_first): try again.", code="injected_failure")
        assert answers[1].json()["error"]["message"] == "Injected failure 2 of 2 (fail_first): try again."

    def test_client_retries_through_injected_503s(self) -> None:
        """The package's client honours retry-after and gets its session on the third attempt."""
        with MockServer(api_key="sk-example", fail_first=2, retry_after=0.05) as server:
            set_configuration(base_url=server.url, access_token="sk-example")
            session = new_realtime_session({"model": "gpt-4o-realtime-preview"})
            statuses = [r.status for r in server.requests]
        assert statuses == [503, 503, 200]
        assert session.client_secret.value.startswith("ek_")

    def test_injected_failures_are_typed_server_error(self) -> None:
        """A 5xx failure has OpenAI's server_error type; no retry-after header unless asked for."""
        with MockServer(fail_first=1) as server:
            response = post(server, headers={**GOOD_HEADERS, "Authorization": "Bearer sk-x"})
        assert response.status_code == 503
        assert "retry-after" not in response.headers
        assert response.json() == error(
            "Injected failure 1 of 1 (fail_first): try again.", code="injected_failure", type_="server_error"
        )

    def test_latency_delays_every_answer(self) -> None:
        """latency_ms=200 holds each answer back at least 0.2 s, errors included."""
        with MockServer(latency_ms=200) as server:
            started = time.monotonic()
            assert post(server, headers={"Content-Type": "application/json"}).status_code == 401
            assert post(server, headers={**GOOD_HEADERS, "Authorization": "Bearer sk-x"}).status_code == 200
            elapsed = time.monotonic() - started
        assert 0.4 <= elapsed < 5

    def test_concurrent_clients_are_all_answered(self) -> None:
        """Eight threads posting at once (with latency) are served in parallel, each getting its own session."""
        with MockServer(api_key="sk-example", latency_ms=100) as server:
            ids: list[str] = []
            lock = threading.Lock()

            def client() -> None:
                with requests.Session() as session:
                    for _ in range(3):
                        answer = post(server, session=session)
                        with lock:
                            ids.append(answer.json()["id"])

            threads = [threading.Thread(target=client) for _ in range(8)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(20)
            elapsed = time.monotonic() - started
        assert len(set(ids)) == 24
        assert len(server.requests) == 24
        assert elapsed < 2.0  # serially this would take 2.4 s


class TestRecording:
    def test_requests_are_recorded_with_secrets_redacted(self, mock_server: MockServer) -> None:
        """server.requests holds method, path, headers (Authorization and Cookie redacted), parsed body, status."""
        seed = seed_body()
        answer = post(mock_server, seed, headers={**GOOD_HEADERS, "Cookie": "session=abc", "X-Trace": "t1"})
        post(mock_server, b"not json")
        first, second = mock_server.requests
        assert (first.method, first.path, first.body, first.status) == ("POST", "/v1/realtime/sessions", seed, 200)
        assert first.request_id == answer.headers["x-request-id"]
        assert first.headers["Authorization"] == "Bearer <redacted>"
        assert first.headers["Cookie"] == "<redacted>"
        assert first.headers["X-Trace"] == "t1"
        assert (second.body, second.status) == ("not json", 400)
        assert "sk-example" not in repr(mock_server.requests) + repr(mock_server)
        assert "abc" not in repr(first.headers)

    def test_record_file_gets_one_json_line_per_request(self, tmp_path: Path) -> None:
        """record=FILE appends each request (errors included) as one JSON line, with secrets redacted."""
        record = tmp_path / "requests.jsonl"
        with MockServer(api_key="sk-example", record=record) as server:
            post(server, {**MINIMAL, "voice": "verse"})
            post(server, headers={**GOOD_HEADERS, "Authorization": "Bearer sk-wrong"})
        lines = [json.loads(line) for line in record.read_text().splitlines()]
        assert [(r["method"], r["path"], r["body"], r["status"]) for r in lines] == [
            ("POST", "/v1/realtime/sessions", {**MINIMAL, "voice": "verse"}, 200),
            ("POST", "/v1/realtime/sessions", MINIMAL, 401),
        ]
        assert lines[0]["headers"]["Authorization"] == "Bearer <redacted>"
        assert re.fullmatch(r"req_[0-9a-f]{32}", lines[1]["request_id"])
        assert "sk-example" not in record.read_text() and "sk-wrong" not in record.read_text()

    def test_log_lines_go_to_logging_without_secrets_or_queries(
        self, mock_server: MockServer, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Each answer logs one INFO line on psopenapi_py.mock_server: method, path without query, status."""
        with caplog.at_level(logging.INFO, logger="psopenapi_py.mock_server"):
            post(mock_server, path=SESSIONS + "?api_key=sk-in-query")
            post(mock_server, headers={**GOOD_HEADERS, "Authorization": "Bearer sk-wrong"})
        messages = [r.getMessage() for r in caplog.records if r.name == "psopenapi_py.mock_server"]
        assert messages == [
            "127.0.0.1 POST /v1/realtime/sessions -> 200",
            "127.0.0.1 POST /v1/realtime/sessions -> 401",
        ]
        assert "sk-" not in caplog.text


class TestConstruction:
    def test_url_port_and_repr(self) -> None:
        """url is the /v1 base URL of the bound port; repr redacts the key; port before start is an error."""
        server = MockServer(api_key="sk-example")
        with pytest.raises(RuntimeError, match="not running"):
            _ = server.url
        with server:
            assert server.url == f"http://127.0.0.1:{server.port}/v1"
            assert repr(server) == f"MockServer({server.url}, api_key='<redacted>', requests=0)"
        server.stop()  # a second stop is harmless

    @pytest.mark.parametrize(
        ("kwargs", "exc_type", "message"),
        [
            ({"port": 70000}, ApiValueError, "Invalid value for 'port': 70000. Must be >= 0 and <= 65535."),
            ({"port": "80"}, ApiTypeError, "Invalid type for 'port': expected an integer, got str '80'."),
            ({"fail_first": -1}, ApiValueError, "Invalid value for 'fail_first': -1. Must be >= 0."),
            ({"fail_status": 200}, ApiValueError, "Invalid value for 'fail_status': 200. Must be >= 400 and <= 599."),
            ({"retry_after": -1.0}, ApiValueError, "Invalid value for 'retry_after': -1.0. Must be >= 0."),
            ({"latency_ms": True}, ApiTypeError, "Invalid type for 'latency_ms': expected a number, got bool True."),
            ({"api_key": ""}, ApiValueError, "Invalid value for 'api_key': expected None or a non-empty string."),
            ({"host": ""}, ApiValueError, "Invalid value for 'host': ''. Must be a non-empty host name or address."),
            ({"record": 3}, ApiValueError, "Invalid value for 'record': 3. Must be None or a file path."),
        ],
        ids=[
            "port-range",
            "port-type",
            "fail-first",
            "fail-status",
            "retry-after",
            "latency",
            "api-key",
            "host",
            "record",
        ],
    )
    def test_bad_arguments_name_the_parameter(
        self, kwargs: dict[str, Any], exc_type: type[Exception], message: str
    ) -> None:
        """A bad constructor argument raises before binding, naming the parameter and what is allowed."""
        with pytest.raises(exc_type) as info:
            MockServer(**kwargs)
        assert str(info.value) == message
        assert info.value.parameter == next(iter(kwargs))  # type: ignore[attr-defined]
