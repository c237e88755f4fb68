"""The HTTP path's pure parts as tables (retry hints, backoff, should-retry, User-Agent, headers) and its
retry loop with the clock and sleep injected (requests-mock: no socket needed for these)."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator

import pytest
import requests
import requests_mock

import psopenapi_py
from psopenapi_py import (
    ApiException,
    ApiValueError,
    Configuration,
    MissingCredentialsError,
    RateLimitException,
    ServiceException,
    set_configuration_default_header,
)
from psopenapi_py._transport import (
    MAX_BACKOFF_SEC,
    TransportResponse,
    _charset,
    build_headers,
    parse_retry_after,
    request,
    retry_delay,
    should_retry,
    user_agent,
)

#: Fri, 29 Sep 2023 16:26:37 GMT: the clock of OpenAI's published retry-after table.
NOW = 1696004797.0


def at(offset_sec: int) -> str:
    """The HTTP date ``offset_sec`` seconds after NOW."""
    minutes, seconds = divmod(26 * 60 + 37 + offset_sec, 60)
    return f"Fri, 29 Sep 2023 16:{minutes:02d}:{seconds:02d} GMT"


def no_jitter() -> float:
    return 0.0


# --------------------------------------------------------------------------------------------------
# retry-after: OpenAI's published table, with our cap (a wait up to 120 s is honoured; above, no retry)

BACKOFF = 0.5  # retry_interval_sec * 2**0 with no jitter

RETRY_AFTER_TABLE: list[tuple[str, float | None]] = [
    ("20", 20.0),
    ("0", BACKOFF),
    ("-10", BACKOFF),
    ("60", 60.0),
    ("61", 61.0),
    ("120", 120.0),
    ("121", None),
    ("2.5", 2.5),
    (at(20), 20.0),
    (at(0), BACKOFF),
    (at(-10), BACKOFF),
    (at(60), 60.0),
    (at(61), 61.0),
    (at(120), 120.0),
    (at(121), None),
    ("99999999999999999999", BACKOFF),
    ("99999999999999999999999999999999999", BACKOFF),
    ("inf", BACKOFF),
    ("-inf", BACKOFF),
    ("nan", BACKOFF),
    ("Zun, 29 Sep 2023 16:26:57 GMT", BACKOFF),
    ("Fri, 29 Sep 100000 16:26:57 GMT", BACKOFF),
    ("Fri, 31 Sep 2023 16:26:57 GMT", BACKOFF),
    ("soon", BACKOFF),
    ("", BACKOFF),
]


@pytest.mark.parametrize(
    ("retry_after", "expected"), RETRY_AFTER_TABLE, ids=[r or "empty" for r, _ in RETRY_AFTER_TABLE]
)
def test_retry_delay_follows_the_published_retry_after_table(retry_after: str, expected: float | None) -> None:
    """retry-after in (0, 120] s is waited for, above 120 s means no retry, anything unusable means backoff."""
    delay = retry_delay(0, {"retry-after": retry_after}, 0.5, now=NOW, rand=no_jitter)
    assert delay == expected


def test_retry_after_ms_wins_over_retry_after() -> None:
    """retry-after-ms: 250 with retry-after: 5 waits 0.25 s."""
    headers = {"retry-after-ms": "250", "retry-after": "5"}
    assert retry_delay(0, headers, 0.5, now=NOW, rand=no_jitter) == 0.25


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After-Ms": "1500"}, 1.5),
        ({"retry-after-ms": "nonsense", "retry-after": "3"}, 3.0),
        ({"retry-after-ms": "200000"}, None),
        ({"RETRY-AFTER": "7"}, 7.0),
        ({}, BACKOFF),
    ],
)
def test_retry_hint_headers_are_read_case_insensitively(headers: dict[str, str], expected: float | None) -> None:
    """Header names are matched without regard to case; a bad retry-after-ms falls back to retry-after."""
    assert retry_delay(0, headers, 0.5, now=NOW, rand=no_jitter) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "20"}, 20.0),
        ({"retry-after": at(30)}, 30.0),
        ({"retry-after": at(-5)}, -5.0),
        ({"retry-after": "Fri, 29 Sep 2023 16:27:07 -0000"}, 30.0),
        ({"retry-after": "Friday, 29-Sep-23 16:27:07 GMT"}, 30.0),
        ({"retry-after": "Fri Sep 29 16:27:07 2023"}, 30.0),
        ({"retry-after": "Zun, 29 Sep 2023 16:27:07 GMT"}, None),
        ({"retry-after": "29 Sep 2023 16:27:07 GMT"}, None),
        ({"retry-after-ms": "0"}, 0.0),
        ({}, None),
    ],
)
def test_parse_retry_after_reads_seconds_and_all_three_http_date_formats(
    headers: dict[str, str], expected: float | None
) -> None:
    """Seconds, IMF-fixdate, RFC 850 and asctime dates are read; a date without a real day name is not."""
    assert parse_retry_after(headers, NOW) == expected


# --------------------------------------------------------------------------------------------------
# Backoff: min(retry_interval_sec * 2**n, 8) with up to 25 % taken off at random


@pytest.mark.parametrize(
    ("retries_done", "interval", "rand", "expected"),
    [
        (0, 0.5, 0.0, 0.5),
        (1, 0.5, 0.0, 1.0),
        (2, 0.5, 0.0, 2.0),
        (3, 0.5, 0.0, 4.0),
        (4, 0.5, 0.0, 8.0),
        (5, 0.5, 0.0, 8.0),
        (0, 0.5, 1.0, 0.375),
        (2, 0.5, 0.5, 1.75),
        (4, 0.5, 1.0, 6.0),
        (0, 0.01, 0.0, 0.01),
        (0, 0.0, 0.0, 0.0),
        (100, 0.5, 0.0, 8.0),
        (5000, 0.5, 0.0, 8.0),
        (-1100, 0.5, 0.0, 0.5),
    ],
)
def test_backoff_doubles_up_to_eight_seconds_with_jitter(
    retries_done: int, interval: float, rand: float, expected: float
) -> None:
    """Without a server hint the wait is min(interval * 2**n, 8) minus up to 25 %, and never overflows."""
    assert retry_delay(retries_done, {}, interval, now=NOW, rand=lambda: rand) == expected


def test_backoff_jitter_stays_within_a_quarter() -> None:
    """Whatever the dice say, the wait is between 75 % and 100 % of the backoff."""
    for i in range(101):
        delay = retry_delay(3, {}, 0.5, now=NOW, rand=lambda i=i: i / 100)
        assert delay is not None and 3.0 <= delay <= 4.0
    assert MAX_BACKOFF_SEC == 8.0


# --------------------------------------------------------------------------------------------------
# should_retry


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (408, {}, (True, "status 408")),
        (409, {}, (True, "status 409")),
        (429, {}, (True, "status 429")),
        (500, {}, (True, "status 500")),
        (502, {}, (True, "status 502")),
        (503, {}, (True, "status 503")),
        (504, {}, (True, "status 504")),
        (599, {}, (True, "status 599")),
        (400, {}, (False, "status 400 is not retried")),
        (401, {}, (False, "status 401 is not retried")),
        (403, {}, (False, "status 403 is not retried")),
        (404, {}, (False, "status 404 is not retried")),
        (422, {}, (False, "status 422 is not retried")),
        (302, {}, (False, "status 302 is not retried")),
        (400, {"x-should-retry": "true"}, (True, "x-should-retry: true")),
        (401, {"X-Should-Retry": "TRUE"}, (True, "x-should-retry: true")),
        (500, {"x-should-retry": "false"}, (False, "x-should-retry: false")),
        (429, {"x-should-retry": " False "}, (False, "x-should-retry: false")),
        (503, {"x-should-retry": "maybe"}, (True, "status 503")),
        (400, {"x-should-retry": "maybe"}, (False, "status 400 is not retried")),
    ],
)
def test_should_retry_table(status: int, headers: dict[str, str], expected: tuple[bool, str]) -> None:
    """408, 409, 429 and 5xx are retried, other statuses not; x-should-retry true/false overrides both ways."""
    assert should_retry(status, headers) == expected


# --------------------------------------------------------------------------------------------------
# User-Agent and headers


def test_user_agent_names_package_python_and_requests_versions() -> None:
    """`psopenapi_py/<version> python/<x.y> requests/<v>`."""
    major, minor, _ = platform.python_version_tuple()
    assert (
        user_agent()
        == f"psopenapi_py/{psopenapi_py.__version__} python/{major}.{minor} requests/{requests.__version__}"
    )


def test_build_headers_sends_json_user_agent_and_bearer() -> None:
    """The headers of a call, in the order they are built."""
    headers = build_headers(Configuration(access_token="sk-abc"), "op")
    assert headers == {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": user_agent(),
        "Authorization": "Bearer sk-abc",
    }


def test_build_headers_takes_the_content_type_and_accept_of_the_call() -> None:
    """A multipart offer expecting SDP, and a call with no body (no Content-Type at all)."""
    config = Configuration(access_token="sk-abc")
    multipart = build_headers(config, "op", content_type="multipart/form-data; boundary=x", accept="application/sdp")
    assert (multipart["Content-Type"], multipart["Accept"]) == ("multipart/form-data; boundary=x", "application/sdp")
    assert build_headers(config, "op", content_type=None) == {
        "Accept": "application/json",
        "User-Agent": user_agent(),
        "Authorization": "Bearer sk-abc",
    }


def test_default_headers_override_everything_including_authorization_case_insensitively() -> None:
    """A default header replaces a built-in one whatever the case of its name (no duplicate is sent)."""
    config = Configuration(
        access_token="sk-abc", default_headers={"authorization": "Bearer sk-override", "ACCEPT": "text/plain"}
    )
    headers = build_headers(config, "op")
    assert headers == {
        "Content-Type": "application/json",
        "User-Agent": user_agent(),
        "authorization": "Bearer sk-override",
        "ACCEPT": "text/plain",
    }


def test_a_default_authorization_header_is_enough_without_a_token() -> None:
    """With no token but an Authorization default header, the call goes ahead with that header."""
    set_configuration_default_header("Authorization", "Bearer sk-from-header")
    headers = build_headers(psopenapi_py.get_configuration(), "op")
    assert headers["Authorization"] == "Bearer sk-from-header"


def test_no_token_anywhere_is_missing_credentials_saying_how_to_set_one() -> None:
    """No token, no OPENAI_API_KEY: MissingCredentialsError (an ApiValueError) naming the three ways to fix it."""
    with pytest.raises(MissingCredentialsError) as info:
        build_headers(Configuration(), "new_realtime_session")
    assert isinstance(info.value, ApiValueError)
    assert str(info.value) == (
        "No API key for new_realtime_session: set get_configuration().access_token, call "
        "set_configuration(access_token=...), or set the OPENAI_API_KEY environment variable."
    )


def test_cookie_setting_is_stored_but_not_sent() -> None:
    """As in the module, the configured cookie is not a header of this API (a default header can send one)."""
    headers = build_headers(Configuration(access_token="sk-abc", cookie="a=b"), "op")
    assert "Cookie" not in headers


def test_org_id_with_a_line_break_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment value that cannot be a header value is an error naming the variable."""
    monkeypatch.setenv("OPENAI_ORG_ID", "org-1\r\nX: y")
    with pytest.raises(ApiValueError) as info:
        build_headers(Configuration(access_token="sk-abc"), "op")
    assert info.value.parameter == "OPENAI_ORG_ID"


# --------------------------------------------------------------------------------------------------
# The retry loop, with sleep injected (requests-mock: no socket, no real waiting)

URL = "https://api.example.test/v1"


@pytest.fixture
def mocked() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        yield m


def call(config: Configuration, sleeps: list[float]) -> Callable[[], TransportResponse]:
    return lambda: request(config, "POST", "/things", operation="op", body=b"{}", sleep=sleeps.append)


def test_retry_after_is_passed_to_sleep(mocked: requests_mock.Mocker) -> None:
    """A 429 with retry-after: 3 sleeps exactly 3 s before the second attempt."""
    mocked.post(
        URL + "/things",
        [{"status_code": 429, "headers": {"retry-after": "3"}, "text": "{}"}, {"status_code": 200, "text": "{}"}],
    )
    sleeps: list[float] = []
    response = call(Configuration(base_url=URL, access_token="sk-abc"), sleeps)()
    assert sleeps == [3.0]
    assert mocked.call_count == 2
    assert response.status == 200


def test_backoff_grows_between_attempts(mocked: requests_mock.Mocker) -> None:
    """Three 503s with retry_interval_sec=1 and two retries sleep about 1 s then 2 s (jitter up to 25 %)."""
    mocked.post(URL + "/things", status_code=503, text="busy")
    sleeps: list[float] = []
    with pytest.raises(ServiceException) as info:
        call(Configuration(base_url=URL, access_token="sk-abc", retry_interval_sec=1.0), sleeps)()
    assert mocked.call_count == 3
    assert len(sleeps) == 2
    assert 0.75 <= sleeps[0] <= 1.0 and 1.5 <= sleeps[1] <= 2.0
    assert str(info.value) == "(503) Service Unavailable: busy"


def test_maximum_retry_count_zero_means_one_attempt(mocked: requests_mock.Mocker) -> None:
    """maximum_retry_count=0: a 500 is raised after the single attempt, without sleeping."""
    mocked.post(URL + "/things", status_code=500, reason="Internal Server Error", json={"error": {"message": "x"}})
    sleeps: list[float] = []
    with pytest.raises(ServiceException):
        call(Configuration(base_url=URL, access_token="sk-abc", maximum_retry_count=0), sleeps)()
    assert (mocked.call_count, sleeps) == (1, [])


def test_a_wait_longer_than_the_cap_is_not_retried(mocked: requests_mock.Mocker) -> None:
    """A 429 asking for 121 s ends the call at once with RateLimitException."""
    mocked.post(URL + "/things", status_code=429, headers={"retry-after": "121"}, json={"error": {"message": "slow"}})
    sleeps: list[float] = []
    with pytest.raises(RateLimitException):
        call(Configuration(base_url=URL, access_token="sk-abc"), sleeps)()
    assert (mocked.call_count, sleeps) == (1, [])


def test_error_message_never_shows_the_token_even_when_the_server_echoes_it(mocked: requests_mock.Mocker) -> None:
    """A server echoing the whole key back gets it redacted from the exception message, body and error_details."""
    body = '{"error": {"message": "Incorrect API key provided: sk-echoed-secret-999."}}'
    mocked.post(URL + "/things", status_code=401, reason="Unauthorized", text=body)
    with pytest.raises(ApiException) as info:
        call(Configuration(base_url=URL, access_token="sk-echoed-secret-999"), [])()
    assert str(info.value) == "(401) Unauthorized: Incorrect API key provided: <redacted>."
    assert info.value.body == '{"error": {"message": "Incorrect API key provided: <redacted>."}}'
    assert info.value.error_details == {"error": {"message": "Incorrect API key provided: <redacted>."}}


def test_redirects_are_not_followed(mocked: requests_mock.Mocker) -> None:
    """A 307 is an ApiException, not a second request carrying the token somewhere else."""
    mocked.post(
        URL + "/things", status_code=307, reason="Temporary Redirect", headers={"Location": "https://evil.test/"}
    )
    with pytest.raises(ApiException) as info:
        call(Configuration(base_url=URL, access_token="sk-abc"), [])()
    assert info.value.status == 307
    assert mocked.call_count == 1


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/plain", None),
        ("application/json", None),
        ("text/html; charset=ISO-8859-1", "ISO-8859-1"),
        ('text/plain; Charset="utf-8"', "utf-8"),
        ("text/plain; format=flowed; charset=windows-1252", "windows-1252"),
        ("text/plain; charset=", None),
        ("", None),
    ],
)
def test_only_an_explicit_charset_is_used_to_decode(content_type: str, expected: str | None) -> None:
    """The body is decoded with the charset the server names, else UTF-8 (not requests' ISO-8859-1 guess)."""
    assert _charset(content_type) == expected
