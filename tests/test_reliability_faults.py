"""The fault matrix: every way a server can fail a key-minting call, over real loopback sockets.

Each case asserts the outcome type, the exact number of attempts the server saw (and the client
logged), and an upper bound on the elapsed time; failures keep the raw body on the exception.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fault_server import (
    Fault,
    FaultServer,
    Timer,
    close_before,
    endless,
    fault_server,
    reset_before,
    reset_during,
    respond,
    silent,
    trickle,
)
from recording_server import free_port

from psopenapi_py import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiValueError,
    BadRequestException,
    Configuration,
    ConflictException,
    ForbiddenException,
    NotFoundException,
    RateLimitException,
    RealtimeSessionCreateResponse,
    ServiceException,
    UnauthorizedException,
    UnprocessableEntityException,
    new_realtime_client_secret,
    new_realtime_session,
)

#: Read timeout of every case: short, so the timeout cases cost little.
TIMEOUT_SEC = 0.5
#: Retries of every case: three attempts in all.
RETRIES = 2
ATTEMPTS = RETRIES + 1
TOKEN = "sk-fault-matrix-token"
REQUEST = {"model": "gpt-4o-realtime-preview", "instructions": "fault matrix"}
SESSION = {
    "id": "sess_fault",
    "object": "realtime.session",
    "model": "gpt-4o-realtime-preview",
    "instructions": "fault matrix",
    "client_secret": {"value": "ek_fault_matrix", "expires_at": 1760000000},
}
SESSION_BYTES = json.dumps(SESSION).encode()
HTML_504 = "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>\n"
ERROR_BODY = {"error": {"message": "Nope.", "type": "invalid_request_error", "param": None, "code": "nope"}}
BIG_BYTES = 10 * 1024 * 1024
#: A max_response_bytes above the 10 MiB answers (the default, 8 MiB, refuses them: see the size-cap cases).
BIG_LIMIT = 16 * 1024 * 1024
MIB = 1024 * 1024


def configuration(url: str) -> Configuration:
    """A configuration with small timeouts and retry intervals, so that every fault costs little time."""
    return Configuration(
        base_url=url,
        access_token=TOKEN,
        timeout_sec=TIMEOUT_SEC,
        connect_timeout_sec=TIMEOUT_SEC,
        maximum_retry_count=RETRIES,
        retry_interval_sec=0.01,
    )


@dataclass
class Outcome:
    """What one call did: its result or exception, the attempts the client logged, the time it took."""

    result: Any
    error: BaseException | None
    client_attempts: int
    elapsed: float


@pytest.fixture
def call(caplog: pytest.LogCaptureFixture) -> Iterator[Any]:
    """Run new_realtime_session against a URL with the matrix configuration, timing it and counting attempts."""
    configs: list[Configuration] = []

    def run(url: str, body: Any = None, function: Any = new_realtime_session, **settings: Any) -> Outcome:
        config = configuration(url)
        for name, value in settings.items():
            setattr(config, name, value)
        configs.append(config)
        caplog.clear()
        caplog.set_level(logging.DEBUG, logger="psopenapi_py")
        result: Any = None
        error: BaseException | None = None
        with Timer() as timer:
            try:
                result = function(REQUEST if body is None else body, configuration=config)
            except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
                error = exc
        attempts = sum(1 for r in caplog.records if re.fullmatch(r"POST \S+ attempt \d+ of \d+", r.getMessage()))
        return Outcome(result, error, attempts, timer.elapsed)

    yield run
    for config in configs:
        config.close()


def sessions_url(server_url: str) -> str:
    return server_url + "/realtime/sessions"


# --------------------------------------------------------------------------------------------------
# No answer at all: refused, reset, closed, silent, trickling.


def test_connection_refused_is_retried_then_raised_as_connection_error(call: Any) -> None:
    """A port nobody listens on: three attempts, then ApiConnectionError naming the URL, in well under a second."""
    url = f"http://127.0.0.1:{free_port()}/v1"
    outcome = call(url)
    assert type(outcome.error) is ApiConnectionError
    assert str(outcome.error) == f"Connection to {sessions_url(url)} failed: connection refused (attempt 3 of 3)."
    assert outcome.client_attempts == ATTEMPTS
    # The transport clears the cause's frame locals (to free sockets early); the traceback still prints whole.
    shown = "".join(traceback.format_exception(outcome.error))
    assert "ConnectionRefusedError: [Errno 111] Connection refused" in shown
    assert "raise MaxRetryError(_pool, url, reason) from reason" in shown
    assert outcome.elapsed < 1.0


@dataclass
class NoAnswerCase:
    id: str
    script: list[Fault]
    error: type[BaseException] | None
    message: str
    attempts: int
    max_sec: float
    min_sec: float = 0.0


NO_ANSWER_CASES = [
    NoAnswerCase(
        "reset-before-response",
        [reset_before()] * 3,
        ApiConnectionError,
        "Connection to {url} failed: connection reset (attempt 3 of 3).",
        3,
        1.0,
    ),
    NoAnswerCase("reset-before-then-success", [reset_before()], None, "", 2, 1.0),
    NoAnswerCase(
        "closed-before-response",
        [close_before()] * 3,
        ApiConnectionError,
        "Connection to {url} failed: remote end closed (attempt 3 of 3).",
        3,
        1.0,
    ),
    NoAnswerCase("closed-before-then-success", [close_before()], None, "", 2, 1.0),
    NoAnswerCase(
        "reset-during-response",
        [reset_during(SESSION_BYTES, 10)] * 3,
        ApiConnectionError,
        "Connection to {url} failed: connection reset (attempt 3 of 3).",
        3,
        1.5,
    ),
    NoAnswerCase("reset-during-then-success", [reset_during(SESSION_BYTES, 10)], None, "", 2, 1.0),
    NoAnswerCase(
        "headers-never-sent",
        [silent()] * 3,
        ApiTimeoutError,
        "Timed out talking to {url} (attempt 3 of 3).",
        3,
        3 * TIMEOUT_SEC + 1.0,
        3 * TIMEOUT_SEC,
    ),
    NoAnswerCase("headers-never-sent-then-success", [silent()], None, "", 2, TIMEOUT_SEC + 1.0, TIMEOUT_SEC),
    NoAnswerCase(
        # Before the transport read with read1, each attempt waited for the whole 3.5 s body.
        "body-trickles-past-the-timeout",
        [trickle(SESSION_BYTES, 0.05)] * 3,
        ApiTimeoutError,
        "Timed out reading the answer of {url} (attempt 3 of 3).",
        3,
        3 * TIMEOUT_SEC + 1.0,
        3 * TIMEOUT_SEC,
    ),
    NoAnswerCase(
        "body-trickles-then-success", [trickle(SESSION_BYTES, 0.05)], None, "", 2, TIMEOUT_SEC + 1.0, TIMEOUT_SEC
    ),
]


@pytest.mark.parametrize("case", NO_ANSWER_CASES, ids=[c.id for c in NO_ANSWER_CASES])
def test_no_answer_faults_are_retried_and_end_in_time(case: NoAnswerCase, call: Any) -> None:
    """Resets, clean closes, silence and trickling are retried; the call ends typed and within its time bound."""
    with fault_server(case.script, default=respond(200, SESSION)) as server:
        outcome = call(server.url)
    assert server.attempts == case.attempts
    assert outcome.client_attempts == case.attempts
    assert case.min_sec <= outcome.elapsed < case.max_sec
    if case.error is None:
        assert outcome.error is None
        assert isinstance(outcome.result, RealtimeSessionCreateResponse)
        assert outcome.result.to_dict()["client_secret"] == SESSION["client_secret"]
    else:
        assert type(outcome.error) is case.error
        assert str(outcome.error) == case.message.format(url=sessions_url(server.url))
    assert_every_attempt_was_the_same_request(server)


def assert_every_attempt_was_the_same_request(server: FaultServer) -> None:
    """Every attempt sent the same method, path, body and bearer token."""
    for seen in server.seen:
        assert (seen.method, seen.path) == ("POST", "/v1/realtime/sessions")
        assert seen.json == REQUEST
        assert seen.headers["Authorization"] == f"Bearer {TOKEN}"


# --------------------------------------------------------------------------------------------------
# Error statuses.


@dataclass
class StatusCase:
    status: int
    error: type[ApiException]
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    reason: str = ""


RETRIED = [
    StatusCase(408, ApiException, json.dumps(ERROR_BODY), reason="Request Timeout"),
    StatusCase(409, ConflictException, json.dumps(ERROR_BODY), reason="Conflict"),
    StatusCase(429, RateLimitException, json.dumps(ERROR_BODY), reason="Too Many Requests"),
    StatusCase(500, ServiceException, json.dumps(ERROR_BODY), reason="Internal Server Error"),
    StatusCase(502, ServiceException, "upstream connect error", reason="Bad Gateway"),
    StatusCase(503, ServiceException, json.dumps(ERROR_BODY), reason="Service Unavailable"),
    StatusCase(504, ServiceException, HTML_504, {"content_type": "text/html"}, reason="Gateway Timeout"),
]


def fault_for(case: StatusCase) -> Fault:
    return respond(case.status, case.body, **case.headers)


@pytest.mark.parametrize("case", RETRIED, ids=[str(c.status) for c in RETRIED])
def test_retried_status_then_success_returns_the_key(case: StatusCase, call: Any) -> None:
    """408, 409, 429, 500, 502, 503 and 504 (HTML) are retried; the next 200 is the result: two attempts."""
    with fault_server([fault_for(case)], default=respond(200, SESSION)) as server:
        outcome = call(server.url)
    assert outcome.error is None
    assert outcome.result.client_secret.value == "ek_fault_matrix"
    assert outcome.result.additional_properties == {
        "id": "sess_fault",
        "object": "realtime.session",
        "model": "gpt-4o-realtime-preview",
    }
    assert server.attempts == outcome.client_attempts == 2
    assert outcome.elapsed < 1.0
    assert_every_attempt_was_the_same_request(server)


@pytest.mark.parametrize("case", RETRIED, ids=[str(c.status) for c in RETRIED])
def test_retried_status_that_persists_raises_its_class_with_the_raw_body(case: StatusCase, call: Any) -> None:
    """When every attempt fails with the status, its exception class is raised after three attempts, body intact."""
    with fault_server(default=fault_for(case)) as server:
        outcome = call(server.url)
    error = outcome.error
    assert type(error) is case.error
    assert isinstance(error, ApiException)
    assert error.status == case.status
    assert error.reason == case.reason
    assert error.body == case.body
    assert error.request_id == "req_3"
    if case.body.startswith("{"):
        assert error.error_details == ERROR_BODY
        assert error.error_code == "nope"
        assert str(error) == f"({case.status}) {case.reason}: Nope."
    else:
        assert error.error_details == case.body
        assert str(error) == f"({case.status}) {case.reason}: {case.body.strip()[:200]}"
    assert server.attempts == outcome.client_attempts == ATTEMPTS
    assert outcome.elapsed < 1.0


def test_429_retry_after_is_honoured_before_the_second_attempt(call: Any) -> None:
    """A 429 with retry-after: 1 waits one second (not our 10 ms backoff), then the retry succeeds."""
    with fault_server([respond(429, ERROR_BODY, retry_after="1")], default=respond(200, SESSION)) as server:
        outcome = call(server.url)
    assert outcome.error is None
    assert outcome.result.client_secret.value == "ek_fault_matrix"
    assert server.attempts == outcome.client_attempts == 2
    assert 1.0 <= outcome.elapsed < 2.0


def test_429_retry_after_ms_is_honoured(call: Any) -> None:
    """retry-after-ms: 300 waits 0.3 s before the second attempt."""
    with fault_server([respond(429, ERROR_BODY, retry_after_ms="300")], default=respond(200, SESSION)) as server:
        outcome = call(server.url)
    assert outcome.error is None
    assert server.attempts == outcome.client_attempts == 2
    assert 0.3 <= outcome.elapsed < 1.0


def test_429_asking_for_too_long_a_wait_is_raised_at_once(call: Any) -> None:
    """A 429 asking to wait an hour is not retried: RateLimitException after one attempt, headers kept."""
    with fault_server(default=respond(429, ERROR_BODY, retry_after="3600")) as server:
        outcome = call(server.url)
    assert type(outcome.error) is RateLimitException
    assert outcome.error.headers["Retry-After"] == "3600"
    assert outcome.error.body == json.dumps(ERROR_BODY)
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


def test_503_asking_for_too_long_a_wait_says_why_it_was_not_retried(call: Any) -> None:
    """Case 10: a 503 whose Retry-After is beyond the 120 s limit says so in its message, after one attempt."""
    with fault_server(default=respond(503, ERROR_BODY, retry_after="3600")) as server:
        outcome = call(server.url)
    assert type(outcome.error) is ServiceException
    assert str(outcome.error) == (
        "(503) Service Unavailable: Nope. (not retried: the server asked to wait 3600 s, more than the 120 s this client waits)"
    )
    assert server.attempts == outcome.client_attempts == 1


def test_refused_redirect_names_its_location(call: Any) -> None:
    """Case 10: a 307 is not followed (the key would go along) and the message says where it pointed."""
    fault = respond(307, b"", location="https://elsewhere.example/v1/realtime/sessions?api_key=sk-leaked-in-location-1")
    with fault_server(default=fault) as server:
        outcome = call(server.url)
    assert type(outcome.error) is ApiException
    assert str(outcome.error) == (
        "(307) Temporary Redirect: the redirect to https://elsewhere.example/v1/realtime/sessions?api_key=<redacted> "
        "was not followed: API calls never follow redirects."
    )
    assert outcome.error.status == 307
    assert server.attempts == outcome.client_attempts == 1


def test_x_should_retry_false_stops_a_500_retry(call: Any) -> None:
    """x-should-retry: false on a 500 means one attempt only."""
    with fault_server(default=respond(500, ERROR_BODY, x_should_retry="false")) as server:
        outcome = call(server.url)
    assert type(outcome.error) is ServiceException
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


NOT_RETRIED = [
    StatusCase(400, BadRequestException, json.dumps(ERROR_BODY), reason="Bad Request"),
    StatusCase(401, UnauthorizedException, json.dumps(ERROR_BODY), reason="Unauthorized"),
    StatusCase(403, ForbiddenException, json.dumps(ERROR_BODY), reason="Forbidden"),
    StatusCase(404, NotFoundException, "404 page not found", reason="Not Found"),
    StatusCase(422, UnprocessableEntityException, json.dumps(ERROR_BODY), reason="Unprocessable Entity"),
]


@pytest.mark.parametrize("case", NOT_RETRIED, ids=[str(c.status) for c in NOT_RETRIED])
def test_client_error_status_is_raised_after_one_attempt(case: StatusCase, call: Any) -> None:
    """400, 401, 403, 404 and 422 are not retried: their class at once, with body, details and request id."""
    with fault_server(default=fault_for(case)) as server:
        outcome = call(server.url)
    error = outcome.error
    assert type(error) is case.error
    assert isinstance(error, ApiException)
    assert (error.status, error.reason, error.body, error.request_id) == (case.status, case.reason, case.body, "req_1")
    expected_detail = "Nope." if case.body.startswith("{") else case.body
    assert str(error) == f"({case.status}) {case.reason}: {expected_detail}"
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


# --------------------------------------------------------------------------------------------------
# A 200 whose body cannot be used: never retried, always an ApiException keeping the body.


UNUSABLE_200 = [
    ("not-json", b"<html>hello</html>", "the body is not JSON."),
    ("truncated-json", SESSION_BYTES[:40], "the body is not JSON."),
    ("empty", b"", "the body is not JSON."),
    ("json-array", b"[1, 2, 3]", "the body is a JSON list, not an object."),
    ("json-string", b'"ek_oops"', "the body is a JSON str, not an object."),
    (
        "client-secret-missing",
        json.dumps({"id": "sess_fault", "instructions": "x"}).encode(),
        "the body has no client_secret.value (no ephemeral key).",
    ),
    (
        "client-secret-null",
        json.dumps({"client_secret": None}).encode(),
        "the body has no client_secret.value (no ephemeral key).",
    ),
    ("nested-100000-deep", b"[" * 100_000 + b"]" * 100_000, "the body is nested more than 100 levels deep."),
    (
        "extra-key-nested-500-deep",
        json.dumps({**SESSION, "extra": json.loads("[" * 500 + "]" * 500)}).encode(),
        "the body is nested more than 100 levels deep.",
    ),
    (
        "client-secret-value-empty",
        json.dumps({"client_secret": {"value": "", "expires_at": 1}}).encode(),
        "the body has no client_secret.value (no ephemeral key).",
    ),
]


@pytest.mark.parametrize(("body", "problem"), [c[1:] for c in UNUSABLE_200], ids=[c[0] for c in UNUSABLE_200])
def test_unusable_200_body_raises_api_exception_keeping_the_body(body: bytes, problem: str, call: Any) -> None:
    """A 200 that is not a usable session is one attempt and an ApiException carrying the raw body."""
    with fault_server(default=respond(200, body)) as server:
        outcome = call(server.url)
    error = outcome.error
    assert type(error) is ApiException
    assert (error.status, error.reason, error.body) == (200, "OK", body.decode())
    assert str(error) == f"(200) OK: {problem}"
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


def test_200_with_a_wrongly_typed_client_secret_names_the_field(call: Any) -> None:
    """client_secret given as a string is an ApiException whose message names client_secret."""
    body = json.dumps({"client_secret": "ek_flat"})
    with fault_server(default=respond(200, body.encode())) as server:
        outcome = call(server.url)
    assert type(outcome.error) is ApiException
    assert outcome.error.body == body
    assert str(outcome.error) == (
        "(200) OK: the body does not match RealtimeSessionCreateResponse: Invalid type for 'client_secret': "
        "expected a RealtimeSessionCreateResponseClientSecret (or a dict), got str."
    )
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


def test_10_mib_session_body_is_read_whole(call: Any) -> None:
    """With max_response_bytes at 16 MiB, a 10 MiB session (huge instructions) arrives whole and parses, in one attempt."""
    big = dict(SESSION, instructions="x" * BIG_BYTES)
    with fault_server(default=respond(200, big)) as server:
        outcome = call(server.url, max_response_bytes=BIG_LIMIT)
    assert outcome.error is None
    assert len(outcome.result.instructions) == BIG_BYTES
    assert outcome.result.client_secret.value == "ek_fault_matrix"
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 3.0


def test_10_mib_non_json_body_is_kept_on_the_exception(call: Any) -> None:
    """A 10 MiB body that is not JSON is an ApiException with all 10 MiB kept and a short message."""
    body = b"y" * BIG_BYTES
    with fault_server(default=respond(200, body)) as server:
        outcome = call(server.url, max_response_bytes=BIG_LIMIT)
    assert type(outcome.error) is ApiException
    assert outcome.error.body is not None and len(outcome.error.body) == BIG_BYTES
    assert str(outcome.error) == "(200) OK: the body is not JSON."
    assert server.attempts == 1
    assert outcome.elapsed < 3.0


def test_10_mib_error_body_message_stays_short(call: Any) -> None:
    """A 10 MiB 500 body is kept whole, but the message quotes only its first 200 characters."""
    body = "z" * BIG_BYTES
    with fault_server(default=respond(500, body)) as server:
        outcome = call(server.url, max_response_bytes=BIG_LIMIT)
    assert type(outcome.error) is ServiceException
    assert outcome.error.body == body
    assert str(outcome.error) == "(500) Internal Server Error: " + "z" * 200
    assert server.attempts == ATTEMPTS
    assert outcome.elapsed < 5.0


def test_default_size_cap_refuses_a_10_mib_answer_without_retrying(call: Any) -> None:
    """Case 15: over the default 8 MiB, a 503 is not retried and the message names the limit."""
    with fault_server(default=respond(503, "z" * BIG_BYTES)) as server:
        outcome = call(server.url)
    assert type(outcome.error) is ServiceException
    assert str(outcome.error) == (
        f"(503) Service Unavailable: the answer of {sessions_url(server.url)} is larger than max_response_bytes "
        "(8388608 bytes); it was not read further and the call was not retried."
    )
    assert outcome.error.body is None
    assert server.attempts == outcome.client_attempts == 1


def test_a_200_mib_answer_is_refused_from_its_content_length(call: Any) -> None:
    """Case 15: Content-Length 200 MiB is refused before the body is read; the server cannot push it all."""
    with fault_server(default=endless(declared=200 * MIB)) as server:
        outcome = call(server.url)
        sent_before_stop = server.body_bytes_sent
    assert type(outcome.error) is ApiException
    assert str(outcome.error).endswith(
        "is larger than max_response_bytes (8388608 bytes); it was not read further and the call was not retried."
    )
    assert outcome.result is None
    assert server.attempts == outcome.client_attempts == 1
    assert sent_before_stop < 64 * MIB


def test_an_endless_answer_without_length_is_cut_at_the_cap(call: Any) -> None:
    """Case 15: a body with no Content-Length streams in until max_response_bytes, then the call stops."""
    with fault_server(default=endless(declared=None)) as server:
        outcome = call(server.url, max_response_bytes=MIB, timeout_sec=5.0)
    assert type(outcome.error) is ApiException
    assert str(outcome.error) == (
        f"(200) OK: the answer of {sessions_url(server.url)} is larger than max_response_bytes (1048576 bytes); "
        "it was not read further and the call was not retried."
    )
    assert server.attempts == outcome.client_attempts == 1
    assert server.body_bytes_sent < 64 * MIB


def test_a_gzip_bomb_is_cut_at_the_unpacked_cap(call: Any) -> None:
    """Case 15: 64 MiB of zeros gzipped to ~64 KB is stopped once it unpacks past max_response_bytes."""
    bomb = gzip.compress(b"0" * (64 * MIB), compresslevel=9)
    fault = Fault("respond", body=bomb, headers=(("content-type", "application/json"), ("content-encoding", "gzip")))
    with fault_server(default=fault) as server:
        outcome = call(server.url, max_response_bytes=MIB)
    assert len(bomb) < MIB
    assert type(outcome.error) is ApiException
    assert str(outcome.error) == (
        f"(200) OK: the answer of {sessions_url(server.url)} unpacks to more than max_response_bytes (1048576 bytes); "
        "it was not read further and the call was not retried."
    )
    assert server.attempts == outcome.client_attempts == 1


def test_gzip_encoded_session_is_decoded(call: Any) -> None:
    """A gzip-encoded 200 (content-encoding: gzip) is decoded before parsing."""
    fault = Fault(
        "respond",
        body=gzip.compress(SESSION_BYTES),
        headers=(("content-type", "application/json"), ("content-encoding", "gzip")),
    )
    with fault_server(default=fault) as server:
        outcome = call(server.url)
    assert outcome.error is None
    assert outcome.result.client_secret.value == "ek_fault_matrix"
    assert server.attempts == outcome.client_attempts == 1
    assert outcome.elapsed < 0.5


def test_retries_reuse_the_keep_alive_connection(call: Any) -> None:
    """Two 503s then a 200 travel over one TCP connection; a second configuration opens its own."""
    script = [respond(503, ERROR_BODY)] * 2
    with fault_server(script, default=respond(200, SESSION)) as server:
        outcome = call(server.url)
        second = call(server.url)
    assert outcome.error is None and second.error is None
    assert server.attempts == outcome.client_attempts + second.client_attempts == 4
    assert outcome.elapsed + second.elapsed < 1.0
    assert server.connections == 2  # one per configuration: each call above has its own


def test_a_body_utf8_cannot_encode_is_refused_before_sending(call: Any) -> None:
    """instructions holding a lone surrogate: ApiValueError naming it, and no attempt reaches the server."""
    with fault_server(default=respond(200, SESSION)) as server:
        outcome = call(server.url, {"model": "gpt-4o-realtime-preview", "instructions": "a\ud800"})
    assert type(outcome.error) is ApiValueError
    assert outcome.error.parameter == "instructions"
    assert str(outcome.error) == (
        "Invalid value for 'instructions': 'a\\ud800'. Must be text UTF-8 can encode (no lone surrogates)."
    )
    assert server.attempts == outcome.client_attempts == 0
    assert outcome.elapsed < 0.5


# --------------------------------------------------------------------------------------------------
# The GA call (POST /realtime/client_secrets) goes through the same transport and answer checks.

GA_ANSWER = {
    "value": "ek_fault_matrix",
    "expires_at": 1760000000,
    "session": {"type": "realtime", "object": "realtime.session", "id": "sess_ga", "model": "gpt-realtime"},
}
GA_CASES: list[tuple[str, list[Fault], Fault, type[BaseException] | None, str, int, float]] = [
    ("503-then-ok", [respond(503, ERROR_BODY)], respond(200, GA_ANSWER), None, "", 2, 1.0),
    ("reset-then-ok", [reset_before()], respond(200, GA_ANSWER), None, "", 2, 1.0),
    (
        "headers-never-sent",
        [],
        silent(),
        ApiTimeoutError,
        "Timed out talking to {url} (attempt 3 of 3).",
        3,
        3 * TIMEOUT_SEC + 1.0,
    ),
    ("401", [], respond(401, ERROR_BODY), UnauthorizedException, "(401) Unauthorized: Nope.", 1, 0.5),
    ("not-json", [], respond(200, b"<html>"), ApiException, "(200) OK: the body is not JSON.", 1, 0.5),
    (
        "no-value",
        [],
        respond(200, {"expires_at": 1, "session": GA_ANSWER["session"]}),
        ApiException,
        "(200) OK: the body has no value (no ephemeral key).",
        1,
        0.5,
    ),
    (
        "no-expires-at",
        [],
        respond(200, {"value": "ek_x", "session": GA_ANSWER["session"]}),
        ApiException,
        "(200) OK: the body has no expires_at (the key's expiry).",
        1,
        0.5,
    ),
    (
        "nested-deep",
        [],
        respond(200, b"[" * 100_000 + b"]" * 100_000),
        ApiException,
        "(200) OK: the body is nested more than 100 levels deep.",
        1,
        0.5,
    ),
]


@pytest.mark.parametrize(
    ("script", "default", "error", "message", "attempts", "max_sec"),
    [c[1:] for c in GA_CASES],
    ids=[c[0] for c in GA_CASES],
)
def test_ga_call_meets_the_same_faults_the_same_way(
    script: list[Fault],
    default: Fault,
    error: type[BaseException] | None,
    message: str,
    attempts: int,
    max_sec: float,
    call: Any,
) -> None:
    """new_realtime_client_secret: retried faults recover, the rest end typed, counted and in time."""
    with fault_server(script, default=default) as server:
        outcome = call(server.url, {}, new_realtime_client_secret)
    assert server.attempts == outcome.client_attempts == attempts
    assert outcome.elapsed < max_sec
    assert [(s.method, s.path, s.body) for s in server.seen] == [
        ("POST", "/v1/realtime/client_secrets", b"{}")
    ] * attempts
    if error is None:
        assert outcome.error is None
        assert outcome.result.value == "ek_fault_matrix"
        assert outcome.result.expires_at == 1760000000
    else:
        assert type(outcome.error) is error
        assert str(outcome.error) == message.format(url=server.url + "/realtime/client_secrets")
