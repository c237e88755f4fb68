"""Proxy and CA-bundle variables keep requests' meaning, with or without the fast path that skips
requests' own walk over the environment when no ``*_proxy`` variable is set."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import requests_mock
from recording_server import SESSION_OK, RecordingServer, free_port

from psopenapi_py import _transport, get_configuration, new_realtime_session

BODY = {"model": "gpt-4o-realtime-preview"}
SESSION = {"client_secret": {"value": "ek_env_test", "expires_at": 1}}


@pytest.fixture(autouse=True)
def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No proxy or CA-bundle variable leaks in from the machine running the tests."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-test")
    yield


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_proxy_variable_sends_the_call_through_that_proxy(
    variable: str, server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With HTTP_PROXY (either case, or ALL_PROXY) set, the request goes to the proxy in absolute form."""
    monkeypatch.setenv(variable, f"http://127.0.0.1:{server.port}")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://api.example.test/v1")

    assert new_realtime_session(BODY).client_secret.value == SESSION_OK["client_secret"]["value"]

    assert [(r.method, r.path) for r in server.requests] == [("POST", "http://api.example.test/v1/realtime/sessions")]


def test_no_proxy_naming_the_host_bypasses_the_proxy(configured: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_PROXY listing the API host sends the call directly, though HTTP_PROXY points nowhere."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    new_realtime_session(BODY)

    assert [(r.method, r.path) for r in configured.requests] == [("POST", "/v1/realtime/sessions")]


def test_without_proxy_variables_the_call_goes_direct(configured: RecordingServer) -> None:
    """With no proxy variable at all, the call goes straight to the base URL."""
    new_realtime_session(BODY)

    assert [(r.method, r.path) for r in configured.requests] == [("POST", "/v1/realtime/sessions")]


@pytest.mark.parametrize("proxy_variable", [None, "HTTPS_PROXY"])
@pytest.mark.parametrize("bundle_variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_ca_bundle_variable_becomes_the_verify_setting(
    bundle_variable: str, proxy_variable: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE is the CA file used, whether or not a proxy variable is set."""
    monkeypatch.setenv(bundle_variable, "/etc/ssl/bench-test-ca.pem")
    if proxy_variable is not None:
        monkeypatch.setenv(proxy_variable, "http://proxy.example.test:3128")
    with requests_mock.Mocker() as mocked:
        mocked.post("https://api.openai.com/v1/realtime/sessions", json=SESSION)
        new_realtime_session(BODY)

    assert mocked.request_history[0].verify == "/etc/ssl/bench-test-ca.pem"


def test_skip_certificate_check_wins_over_a_ca_bundle_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """skip_certificate_check=True turns verification off even when REQUESTS_CA_BUNDLE is set."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/bench-test-ca.pem")
    get_configuration().skip_certificate_check = True
    with requests_mock.Mocker() as mocked:
        mocked.post("https://api.openai.com/v1/realtime/sessions", json=SESSION)
        new_realtime_session(BODY)

    assert mocked.request_history[0].verify is False


def test_proxy_environment_is_in_use_only_when_a_proxy_variable_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast-path test: no *_proxy variable means requests' environment look-up is skipped."""
    assert _transport._proxy_environment_in_use() is False
    monkeypatch.setenv("no_proxy", "localhost")
    assert _transport._proxy_environment_in_use() is True
