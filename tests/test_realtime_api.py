"""new_realtime_session over real loopback sockets: what goes on the wire, what comes back, retries, errors, logs."""

from __future__ import annotations

import json
import logging
import re
import runpy
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import requests_mock
from recording_server import SESSION_OK, RecordingServer, Reply, free_port

import psopenapi_py
from psopenapi_py import (
    ApiConnectionError,
    ApiException,
    ApiResponse,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    BetaApiRetiredError,
    Configuration,
    MissingCredentialsError,
    RateLimitException,
    RealtimeSessionCreateResponse,
    RealtimeSessionCreateResponseClientSecret,
    UnauthorizedException,
    get_configuration,
    initialize_realtime_session_create_request,
    new_realtime_session,
    set_configuration,
    set_configuration_default_header,
)
from psopenapi_py._transport import user_agent

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_EXAMPLE = ROOT / "psopenapi_py" / "examples" / "seed_doc_example.py"
TOKEN = "sk-test-key-123"  # what the `configured` fixture puts in OPENAI_API_KEY
EPHEMERAL = SESSION_OK["client_secret"]["value"]  # type: ignore[index]
MINIMAL = {"model": "gpt-4o-realtime-preview"}
MINIMAL_BYTES = b'{"model":"gpt-4o-realtime-preview"}'
ERROR_401 = {
    "error": {
        "message": f"Incorrect API key provided: {TOKEN}.",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }
}
ERROR_500 = {"error": {"message": "The server had an error.", "type": "server_error", "param": None, "code": None}}
RETIRED = {
    "error": {
        "message": "The Realtime beta API has been retired.",
        "type": "invalid_request_error",
        "param": None,
        "code": "beta_api_shape_disabled",
    }
}


def expected_seed_body() -> dict[str, Any]:
    """The body the seed documentation example must send, from the shared expectations."""
    bodies = json.loads((SHARED / "examples" / "ps" / "seed-doc-example.expected.json").read_text())
    assert len(bodies) == 1
    return dict(bodies[0])


@pytest.fixture
def fast() -> None:
    """Retries that wait 10 ms instead of half a second, so retry tests take milliseconds."""
    set_configuration(retry_interval_sec=0.01)


# --------------------------------------------------------------------------------------------------
# What goes on the wire


def test_seed_doc_example_sends_the_exact_body_path_and_headers(configured: RecordingServer) -> None:
    """The seed doc example POSTs compact JSON to /v1/realtime/sessions with JSON, bearer and UA headers."""
    namespace = runpy.run_path(str(SEED_EXAMPLE), run_name="__main__")
    assert len(configured.requests) == 1
    seen = configured.requests[0]
    assert (seen.method, seen.path) == ("POST", "/v1/realtime/sessions")
    assert seen.json == expected_seed_body()
    # Compact JSON in spec order, byte for byte.
    assert seen.body == json.dumps(expected_seed_body(), separators=(",", ":")).encode()
    assert seen.headers["Content-Type"] == "application/json"
    assert seen.headers["Accept"] == "application/json"
    assert seen.headers["Authorization"] == f"Bearer {TOKEN}"
    assert seen.headers["User-Agent"] == user_agent()
    assert seen.headers["Content-Length"] == str(len(seen.body))
    assert "Cookie" not in seen.headers
    assert isinstance(namespace["result"], RealtimeSessionCreateResponse)


def test_explicit_none_is_sent_as_json_null(configured: RecordingServer) -> None:
    """turn_detection=None goes out as "turn_detection":null; fields left out are not sent at all."""
    request = initialize_realtime_session_create_request(model="gpt-4o-realtime-preview", turn_detection=None)
    new_realtime_session(request)
    assert configured.requests[0].body == b'{"model":"gpt-4o-realtime-preview","turn_detection":null}'


def test_dict_body_is_sent_as_given(configured: RecordingServer) -> None:
    """A plain dict (a PowerShell hashtable) goes out with its own keys, order and nulls."""
    body = {"model": "gpt-4o-mini-realtime-preview", "modalities": ["text"], "turn_detection": None}
    new_realtime_session(realtime_session_create_request=body)
    assert configured.requests[0].body == (
        b'{"model":"gpt-4o-mini-realtime-preview","modalities":["text"],"turn_detection":null}'
    )


def test_non_ascii_text_is_sent_as_utf8(configured: RecordingServer) -> None:
    """Instructions with non-ASCII characters travel as UTF-8, not as \\u escapes."""
    new_realtime_session({"model": "gpt-4o-realtime-preview", "instructions": "Grüß dich, 世界"})
    assert (
        configured.requests[0].body == '{"model":"gpt-4o-realtime-preview","instructions":"Grüß dich, 世界"}'.encode()
    )


def test_dict_body_with_a_typo_is_refused_before_sending(configured: RecordingServer) -> None:
    """An unknown key in a dict body fails with the module's converter message; the server sees nothing."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_session({"model": "gpt-4o-realtime-preview", "modalitiez": ["text"]})
    assert str(info.value) == (
        "Error! JSON key 'modalitiez' not found in the properties: modalities model instructions voice "
        "input_audio_format output_audio_format input_audio_transcription turn_detection tools tool_choice "
        "temperature max_response_output_tokens"
    )
    assert configured.requests == []


def test_dict_body_without_model_is_refused_before_sending(configured: RecordingServer) -> None:
    """A dict body missing the required model fails like the module's converter; nothing is sent."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_session({"voice": "alloy"})
    assert str(info.value) == "Error! JSON cannot be serialized due to the required property 'model' missing."
    assert configured.requests == []


def test_dict_body_with_nan_is_refused_before_sending(configured: RecordingServer) -> None:
    """NaN is not JSON: refused before sending."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_session({"model": "gpt-4o-realtime-preview", "temperature": float("nan")})
    assert info.value.parameter == "temperature"
    assert configured.requests == []


def test_a_model_changed_in_place_is_checked_again_before_sending(configured: RecordingServer) -> None:
    """A list edited in place skips the assignment checks, so the model is checked again; nothing is sent."""
    request = psopenapi_py.initialize_realtime_session_create_request(
        model="gpt-4o-realtime-preview", modalities="text"
    )
    request.modalities.append("video")
    with pytest.raises(ApiValueError) as info:
        new_realtime_session(request)
    assert str(info.value) == "Invalid value for 'modalities[1]': 'video'. Allowed values: text, audio."
    assert configured.requests == []


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (
            {"model": "gpt-4o-realtime-preview", "voice": "ALLOY"},
            ApiValueError,
            "Invalid value for 'voice': 'ALLOY'. Allowed values (exact spelling): alloy, ash, ballad, coral, "
            "echo, sage, shimmer, verse.",
        ),
        (
            {"model": "gpt-4o-realtime-preview", "modalities": "text"},
            psopenapi_py.ApiTypeError,
            "Invalid type for 'modalities': expected an array, got str 'text'.",
        ),
        (
            {
                "model": "gpt-4o-realtime-preview",
                "turn_detection": {"type": "server_vad"},
                "tools": [{"type": "FUNCTION"}],
            },
            ApiValueError,
            "Invalid value for 'tools[0].type': 'FUNCTION'. Allowed values (exact spelling): function.",
        ),
    ],
    ids=["enum-case", "scalar-for-array", "nested-enum-case"],
)
def test_dict_body_is_checked_as_written_before_sending(
    configured: RecordingServer, body: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A dict goes out unchanged, so what the builders would normalise (enum case, scalar for array) is refused."""
    with pytest.raises(error) as info:
        new_realtime_session(body)
    assert str(info.value) == message
    assert configured.requests == []


@pytest.mark.parametrize("missing", [None, psopenapi_py.UNSET])
def test_missing_body_uses_the_module_message(configured: RecordingServer, missing: Any) -> None:
    """No body: `Error! The required parameter ... missing when calling createRealtimeSession.`, nothing sent."""
    with pytest.raises(ApiValueError) as info:
        new_realtime_session(missing)
    assert str(info.value) == (
        "Error! The required parameter realtime_session_create_request missing when calling createRealtimeSession."
    )
    with pytest.raises(ApiValueError):
        new_realtime_session()
    assert configured.requests == []


@pytest.mark.parametrize("body", ['{"model": "gpt-4o-realtime-preview"}', ["model"], 42])
def test_body_of_the_wrong_type_is_refused(configured: RecordingServer, body: Any) -> None:
    """A JSON string, a list or a number is an ApiTypeError naming the parameter; nothing is sent."""
    with pytest.raises(ApiTypeError) as info:
        new_realtime_session(body)
    assert str(info.value) == (
        "Invalid type for 'realtime_session_create_request': expected a RealtimeSessionCreateRequest or a dict, "
        f"got {type(body).__name__}."
    )
    assert configured.requests == []


def test_no_token_from_any_source_fails_before_any_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """No access_token and no OPENAI_API_KEY: MissingCredentialsError, and not even a TCP connection is made."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{listener.getsockname()[1]}/v1")
        with pytest.raises(MissingCredentialsError) as info:
            new_realtime_session(MINIMAL)
        assert isinstance(info.value, ApiValueError)
        assert str(info.value) == (
            "No API key for new_realtime_session: set get_configuration().access_token, call "
            "set_configuration(access_token=...), or set the OPENAI_API_KEY environment variable."
        )
        listener.settimeout(0.05)
        with pytest.raises(socket.timeout):
            listener.accept()


def test_configured_token_wins_over_the_environment(configured: RecordingServer) -> None:
    """access_token set in the configuration is sent instead of OPENAI_API_KEY."""
    get_configuration().access_token = "sk-configured-1"
    new_realtime_session(MINIMAL)
    assert configured.requests[0].headers["Authorization"] == "Bearer sk-configured-1"


def test_default_headers_are_applied_last_and_override_authorization(configured: RecordingServer) -> None:
    """Default headers go out on every call and replace even Authorization and Accept (as in the module)."""
    set_configuration_default_header("OpenAI-Beta", "realtime=v1")
    set_configuration_default_header("authorization", "Bearer sk-from-default-header")
    set_configuration_default_header("Accept", "application/json; q=1")
    new_realtime_session(MINIMAL)
    headers = configured.requests[0].headers
    assert headers["OpenAI-Beta"] == "realtime=v1"
    # Header names are case-insensitive: one Authorization and one Accept went out, the default ones.
    assert [v for k, v in headers.items() if k.lower() == "authorization"] == ["Bearer sk-from-default-header"]
    assert [v for k, v in headers.items() if k.lower() == "accept"] == ["application/json; q=1"]


def test_default_header_edited_in_place_with_a_line_break_is_refused_before_sending(
    configured: RecordingServer,
) -> None:
    """A bad value slipped into the live default_headers map is caught at call time; nothing is sent."""
    get_configuration().default_headers["X-Trace"] = "1\r\nX-Injected: yes"
    with pytest.raises(ApiValueError) as info:
        new_realtime_session(MINIMAL)
    assert str(info.value) == (
        "Invalid value for header 'X-Trace' in 'default_headers': it starts with whitespace or holds a line "
        "break or control character."
    )
    assert configured.requests == []


def test_org_and_project_environment_variables_are_sent(
    configured: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OPENAI_ORG_ID and OPENAI_PROJECT_ID, read at call time, become OpenAI-Organization and OpenAI-Project."""
    new_realtime_session(MINIMAL)
    monkeypatch.setenv("OPENAI_ORG_ID", "org-abc")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_def")
    new_realtime_session(MINIMAL)
    first, second = configured.requests
    assert "OpenAI-Organization" not in first.headers and "OpenAI-Project" not in first.headers
    assert (second.headers["OpenAI-Organization"], second.headers["OpenAI-Project"]) == ("org-abc", "proj_def")


def test_netrc_and_url_credentials_never_replace_the_bearer_token(
    configured: RecordingServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A ~/.netrc entry for the host, or user:password in the base URL, must not turn the call into Basic auth."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    # Any *_proxy variable makes requests consult the environment, .netrc included.
    monkeypatch.setenv("NO_PROXY", "example.invalid")
    new_realtime_session(MINIMAL)
    set_configuration(base_url=configured.url.replace("http://", "http://user:url-password@"))
    new_realtime_session(MINIMAL)
    assert [r.headers["Authorization"] for r in configured.requests] == [f"Bearer {TOKEN}"] * 2


def test_proxy_setting_sends_the_call_through_the_proxy(server: RecordingServer) -> None:
    """proxy= routes the call via the proxy: the proxy receives the absolute URL of the API."""
    config = Configuration(
        base_url="http://api.example.invalid/v1", access_token="sk-proxy-test", proxy=f"http://127.0.0.1:{server.port}"
    )
    try:
        new_realtime_session(MINIMAL, configuration=config)
    finally:
        config.close()
    assert server.requests[0].path == "http://api.example.invalid/v1/realtime/sessions"
    assert server.requests[0].headers["Authorization"] == "Bearer sk-proxy-test"


def test_timeout_and_tls_settings_reach_requests() -> None:
    """connect/read timeouts go to requests as a pair; skip_certificate_check turns verification off."""
    config = Configuration(
        base_url="https://api.example.test/v1",
        access_token="sk-abc",
        timeout_sec=30,
        connect_timeout_sec=2,
        skip_certificate_check=True,
    )
    with requests_mock.Mocker() as mocked:
        mocked.post("https://api.example.test/v1/realtime/sessions", json=SESSION_OK)
        new_realtime_session(MINIMAL, configuration=config)
        sent = mocked.last_request
    assert (sent.timeout, sent.verify) == ((2, 30), False)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[RecordingServer]:
    """The recording server behind TLS with a fresh self-signed certificate for 127.0.0.1."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv = RecordingServer()
    srv.httpd.socket = context.wrap_socket(srv.httpd.socket, server_side=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_skip_certificate_check_over_real_tls(tls_server: RecordingServer, fast: None) -> None:
    """A self-signed certificate fails verification at once (no retry); skip_certificate_check=True accepts it."""
    url = f"https://127.0.0.1:{tls_server.port}/v1"
    config = Configuration(base_url=url, access_token="sk-tls", retry_interval_sec=0.01)
    try:
        with pytest.raises(ApiConnectionError) as info:
            new_realtime_session(MINIMAL, configuration=config)
        assert str(info.value).startswith(f"TLS failure talking to {url}/realtime/sessions: ")
        assert isinstance(info.value.__cause__, requests.exceptions.SSLError)
        config.skip_certificate_check = True
        session = new_realtime_session(MINIMAL, configuration=config)
    finally:
        config.close()
    assert isinstance(session, RealtimeSessionCreateResponse)
    assert len(tls_server.requests) == 1


# --------------------------------------------------------------------------------------------------
# configuration=: one call, one configuration


def test_configuration_argument_is_used_instead_of_the_module_one(server: RecordingServer) -> None:
    """configuration= sends with that object's URL and token; the module-wide configuration is not touched."""
    own = Configuration(base_url=server.url, access_token="sk-own")
    try:
        new_realtime_session(MINIMAL, configuration=own)
    finally:
        own.close()
    assert server.requests[0].headers["Authorization"] == "Bearer sk-own"
    assert get_configuration().to_dict(redact=False)["access_token"] is None
    with pytest.raises(MissingCredentialsError):
        new_realtime_session(MINIMAL)  # the module-wide configuration still has no token


def test_threads_with_their_own_configuration_do_not_interfere(server: RecordingServer) -> None:
    """Four threads, each with its own key, calling at once: every request carries its own thread's key."""
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        config = Configuration(base_url=server.url, access_token=f"sk-thread-{n}", default_headers={"X-Caller": str(n)})
        try:
            for _ in range(5):
                new_realtime_session(MINIMAL, configuration=config)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            config.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert len(server.requests) == 20
    for seen in server.requests:
        assert seen.headers["Authorization"] == f"Bearer sk-thread-{seen.headers['X-Caller']}"


def test_configuration_of_the_wrong_type_is_refused(configured: RecordingServer) -> None:
    """configuration= must be a Configuration."""
    with pytest.raises(ApiTypeError) as info:
        new_realtime_session(MINIMAL, configuration={"access_token": "sk-x"})  # type: ignore[arg-type]
    assert str(info.value) == "Invalid type for 'configuration': expected a Configuration, got dict."
    assert configured.requests == []


# --------------------------------------------------------------------------------------------------
# What comes back


def test_returns_a_typed_session_keeping_undeclared_keys(configured: RecordingServer) -> None:
    """The result is a RealtimeSessionCreateResponse; id, object and model land in additional_properties."""
    session = new_realtime_session(MINIMAL)
    assert isinstance(session, RealtimeSessionCreateResponse)
    assert isinstance(session.client_secret, RealtimeSessionCreateResponseClientSecret)
    assert (session.client_secret.value, session.client_secret.expires_at) == (EPHEMERAL, 1234567890)
    assert (session.modalities, session.voice, session.turn_detection) == (["text"], "alloy", None)
    assert session.additional_properties == {
        "id": "sess_001",
        "object": "realtime.session",
        "model": "gpt-4o-realtime-preview",
    }


def test_with_http_info_returns_response_status_and_headers(configured: RecordingServer) -> None:
    """with_http_info=True gives ApiResponse(response, status_code, headers) with case-insensitive headers."""
    info = new_realtime_session(MINIMAL, with_http_info=True)
    assert isinstance(info, ApiResponse)
    assert info.status_code == 200
    assert isinstance(info.response, RealtimeSessionCreateResponse)
    assert info.response.client_secret.value == EPHEMERAL
    assert info.headers["X-Request-Id"] == info.headers["x-request-id"] == "req_1"
    assert info.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(200, "<html>hello</html>", {"Content-Type": "text/html"}), "(200) OK: the body is not JSON."),
        (
            Reply(200, {"id": "sess_1", "object": "realtime.session"}),
            "(200) OK: the body has no client_secret.value (no ephemeral key).",
        ),
        (
            Reply(201, {"client_secret": {"expires_at": 1}}),
            "(201) Created: the body has no client_secret.value (no ephemeral key).",
        ),
    ],
)
def test_unusable_2xx_body_raises_api_exception_with_the_raw_body(
    configured: RecordingServer, reply: Reply, message: str
) -> None:
    """A 2xx that is not JSON or has no client_secret.value is an ApiException carrying the raw body."""
    configured.default = reply
    with pytest.raises(ApiException) as info:
        new_realtime_session(MINIMAL)
    assert type(info.value) is ApiException
    assert str(info.value) == message
    raw = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
    assert info.value.body == raw
    assert len(configured.requests) == 1


# --------------------------------------------------------------------------------------------------
# Retries and errors


def test_500_500_200_is_three_requests_and_a_success(configured: RecordingServer, fast: None) -> None:
    """Two 500s are retried; the third attempt's 200 is the result. The same request goes out each time."""
    configured.replies = [Reply(500, ERROR_500), Reply(500, ERROR_500)]
    session = new_realtime_session(MINIMAL)
    assert session.client_secret.value == EPHEMERAL
    assert len(configured.requests) == 3
    assert {(r.path, r.body, r.headers["Authorization"]) for r in configured.requests} == {
        ("/v1/realtime/sessions", MINIMAL_BYTES, f"Bearer {TOKEN}")
    }


def test_500_three_times_raises_service_exception_after_three_requests(configured: RecordingServer, fast: None) -> None:
    """With the default two retries, three 500s end in ServiceException carrying the last answer."""
    configured.default = Reply(500, ERROR_500)
    with pytest.raises(psopenapi_py.ServiceException) as info:
        new_realtime_session(MINIMAL)
    assert str(info.value) == "(500) Internal Server Error: The server had an error."
    assert info.value.request_id == "req_3"
    assert len(configured.requests) == 3


def test_429_asking_for_121_seconds_is_one_request_and_rate_limit_exception(configured: RecordingServer) -> None:
    """retry-after: 121 is more than we wait: RateLimitException after a single request."""
    configured.default = Reply(429, {"error": {"message": "Rate limit reached."}}, {"retry-after": "121"})
    started = time.monotonic()
    with pytest.raises(RateLimitException) as info:
        new_realtime_session(MINIMAL)
    assert time.monotonic() - started < 1.0
    assert len(configured.requests) == 1
    assert str(info.value) == (
        "(429) Too Many Requests: Rate limit reached. "
        "(not retried: the server asked to wait 121 s, more than the 120 s this client waits)"
    )
    assert info.value.headers["Retry-After"] == "121"


def test_401_is_one_request_and_unauthorized_exception_with_error_details(configured: RecordingServer) -> None:
    """A 401 is not retried; the exception has status, reason, details, request id, and no token in its text."""
    configured.default = Reply(401, ERROR_401)
    with pytest.raises(UnauthorizedException) as info:
        new_realtime_session(MINIMAL)
    exc = info.value
    assert len(configured.requests) == 1
    assert (exc.status, exc.reason, exc.request_id, exc.error_code) == (401, "Unauthorized", "req_1", "invalid_api_key")
    # The key the server echoed is redacted in the body and error_details too, not only in the message.
    redacted = {"error": dict(ERROR_401["error"], message="Incorrect API key provided: <redacted>.")}
    assert exc.error_details == redacted
    assert exc.body == json.dumps(redacted)
    assert str(exc) == "(401) Unauthorized: Incorrect API key provided: <redacted>."
    assert exc.headers["content-type"] == "application/json"


def test_error_body_without_charset_is_read_as_utf8(configured: RecordingServer) -> None:
    """A text/plain error body with no charset is decoded as UTF-8, so the message reads as the server wrote it."""
    configured.default = Reply(403, "Zugriff verweigert: Überprüfen Sie Ihr Projekt.", {"Content-Type": "text/plain"})
    with pytest.raises(psopenapi_py.ForbiddenException) as info:
        new_realtime_session(MINIMAL)
    assert str(info.value) == "(403) Forbidden: Zugriff verweigert: Überprüfen Sie Ihr Projekt."
    assert info.value.body == "Zugriff verweigert: Überprüfen Sie Ihr Projekt."


def test_x_should_retry_true_retries_a_400(configured: RecordingServer, fast: None) -> None:
    """A server saying x-should-retry: true gets another attempt even for a 400."""
    configured.replies = [Reply(400, {"error": {"message": "try again"}}, {"x-should-retry": "true"})]
    new_realtime_session(MINIMAL)
    assert len(configured.requests) == 2


def test_connection_refused_is_retried_then_api_connection_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Nobody listening: maximum_retry_count + 1 attempts, then ApiConnectionError with the cause chained."""
    url = f"http://127.0.0.1:{free_port()}/v1"
    set_configuration(base_url=url, access_token="sk-refused", maximum_retry_count=3, retry_interval_sec=0.01)
    caplog.set_level(logging.DEBUG, logger="psopenapi_py")
    with pytest.raises(ApiConnectionError) as info:
        new_realtime_session(MINIMAL)
    assert type(info.value) is ApiConnectionError
    assert str(info.value) == f"Connection to {url}/realtime/sessions failed: connection refused (attempt 4 of 4)."
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)
    attempts = [r.getMessage() for r in caplog.records if " attempt " in r.getMessage()]
    assert attempts == [f"POST {url}/realtime/sessions attempt {n} of 4" for n in range(1, 5)]


def test_read_timeout_is_retried_then_api_timeout_error(configured: RecordingServer) -> None:
    """A server that never answers in time: every attempt times out, then ApiTimeoutError with the cause chained."""
    set_configuration(timeout_sec=0.2, maximum_retry_count=1, retry_interval_sec=0.01)
    configured.default = Reply(200, SESSION_OK, delay=1.5)
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        new_realtime_session(MINIMAL)
    elapsed = time.monotonic() - started
    assert isinstance(info.value, ApiConnectionError) and isinstance(info.value, TimeoutError)
    assert str(info.value) == f"Timed out talking to {configured.url}/realtime/sessions (attempt 2 of 2)."
    assert isinstance(info.value.__cause__, requests.exceptions.ReadTimeout)
    assert len(configured.requests) == 2
    assert 0.4 <= elapsed < 1.4


def test_timeout_then_success_returns_the_session(configured: RecordingServer) -> None:
    """One slow answer, then a prompt one: the retry's answer is the result."""
    set_configuration(timeout_sec=0.2, retry_interval_sec=0.01)
    configured.replies = [Reply(200, SESSION_OK, delay=1.0)]
    assert new_realtime_session(MINIMAL).client_secret.value == EPHEMERAL
    assert len(configured.requests) == 2


def test_retired_beta_api_raises_beta_api_retired_error_pointing_to_the_ga_call(configured: RecordingServer) -> None:
    """beta_api_shape_disabled becomes BetaApiRetiredError telling the user to use new_realtime_client_secret."""
    configured.default = Reply(400, RETIRED)
    with pytest.raises(BetaApiRetiredError) as info:
        new_realtime_session(MINIMAL)
    exc = info.value
    assert isinstance(exc, BadRequestException)
    # The message may go on (the GA developer appends the equivalent call); its first sentences are fixed.
    assert str(exc).startswith(
        "(400) Bad Request: OpenAI has retired the Realtime beta API (The Realtime beta API has been retired.). "
        "Use new_realtime_client_secret (POST /realtime/client_secrets) instead."
    )
    assert (exc.status, exc.error_code, exc.error_details) == (400, "beta_api_shape_disabled", RETIRED)
    assert type(exc.__cause__) is BadRequestException
    assert len(configured.requests) == 1


# --------------------------------------------------------------------------------------------------
# Logging and secrets


def test_debug_logging_names_the_call_and_never_shows_a_secret(
    configured: RecordingServer, caplog: pytest.LogCaptureFixture, fast: None
) -> None:
    """Every record through a success, a retry and an error: the module's debug lines, nothing at INFO, no secret."""
    caplog.set_level(logging.DEBUG, logger="psopenapi_py")
    texts: list[str] = []
    session = new_realtime_session(MINIMAL)
    texts += [repr(session), str(session)]
    configured.replies = [Reply(500, ERROR_500)]
    info = new_realtime_session(MINIMAL, with_http_info=True)
    texts += [repr(info), str(info)]
    configured.default = Reply(401, ERROR_401)
    with pytest.raises(UnauthorizedException) as error:
        new_realtime_session(MINIMAL)
    texts += [repr(error.value), str(error.value), repr(get_configuration())]
    get_configuration().access_token = TOKEN
    texts.append(repr(get_configuration()))

    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("Calling method: new_realtime_session") == 3
    assert messages.count("Using Bearer authentication in new_realtime_session") == 3
    assert any(m.startswith("retrying after ") and m.endswith(": status 500") for m in messages)
    assert f"POST {configured.url}/realtime/sessions answered 401" in messages
    assert all(r.levelno == logging.DEBUG for r in caplog.records)
    assert {r.name for r in caplog.records} == {"psopenapi_py"}
    everything = "\n".join(messages + texts + [caplog.text])
    assert TOKEN not in everything
    assert EPHEMERAL not in everything


def test_nothing_is_logged_at_info(configured: RecordingServer, caplog: pytest.LogCaptureFixture) -> None:
    """At INFO the package is silent, even for a failed call."""
    caplog.set_level(logging.INFO, logger="psopenapi_py")
    new_realtime_session(MINIMAL)
    configured.default = Reply(403, {"error": {"message": "no"}})
    with pytest.raises(psopenapi_py.ForbiddenException):
        new_realtime_session(MINIMAL)
    assert caplog.records == []


# --------------------------------------------------------------------------------------------------
# The documentation page


def test_realtime_api_page_example_is_the_seed_example_file_character_for_character() -> None:
    """docs/RealtimeApi.md's Example section holds exactly one python block, identical to seed_doc_example.py."""
    page = (ROOT / "docs" / "RealtimeApi.md").read_text(encoding="utf-8")
    section = page.split("### Example\n", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.S | re.M)
    assert blocks == [SEED_EXAMPLE.read_text(encoding="utf-8")]


def test_realtime_api_page_shows_the_body_the_seed_example_sends() -> None:
    """The JSON shown under the example is the body the shared expectations prescribe, compact and in order."""
    page = (ROOT / "docs" / "RealtimeApi.md").read_text(encoding="utf-8")
    shown = re.findall(r"^```json\n(.*?)\n^```$", page, flags=re.S | re.M)[0]
    assert shown == json.dumps(expected_seed_body(), separators=(",", ":"))
