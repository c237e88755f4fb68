"""Proxy and CA-bundle variables keep requests' meaning, with or without the fast path that skips
requests' own walk over the environment when no ``*_proxy`` variable is set."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import requests_mock
from fault_server import fault_server, respond
from recording_server import SESSION_OK, RecordingServer, free_port, recording_server

from psopenapi_py import ApiConnectionError, Configuration, _transport, get_configuration, new_realtime_session

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


def test_no_proxy_naming_the_host_bypasses_the_proxy(
    configured: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
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


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"])
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_never_goes_through_a_proxy_from_the_environment(
    variable: str, host: str, configured: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Case 2: with a proxy variable set, a call to loopback goes direct; the proxy never sees the key."""
    with recording_server() as proxy:
        monkeypatch.setenv(variable, f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://{host}:{configured.port}/v1")

        assert new_realtime_session(BODY).client_secret.value == SESSION_OK["client_secret"]["value"]

        assert proxy.requests == []
    assert [(r.method, r.path) for r in configured.requests] == [("POST", "/v1/realtime/sessions")]


def test_a_proxy_set_on_the_configuration_is_used_even_for_loopback(configured: RecordingServer) -> None:
    """The loopback rule covers proxies from the environment only: an explicit `proxy` setting is obeyed."""
    with recording_server() as proxy:
        config = Configuration(proxy=f"http://127.0.0.1:{proxy.port}", maximum_retry_count=0)
        new_realtime_session(BODY, configuration=config)
        config.close()
        assert [(r.method, r.path) for r in proxy.requests] == [("POST", f"{configured.url}/realtime/sessions")]
    assert configured.requests == []


def test_effective_proxy_follows_the_environment_no_proxy_and_the_loopback_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Case 9: the configuration tells which proxy a call would take; NO_PROXY is still respected."""
    monkeypatch.setenv("HTTPS_PROXY", "http://user:pw@proxy.example:3128")
    config = Configuration()
    assert config.effective_proxy() == "http://user:pw@proxy.example:3128"  # api.openai.com by default
    assert config.effective_proxy("http://127.0.0.1:9/v1") is None
    assert config.effective_proxy("https://localhost/v1") is None
    monkeypatch.setenv("NO_PROXY", "api.openai.com")
    assert config.effective_proxy() is None
    assert Configuration(proxy="http://explicit.example:1").effective_proxy() == "http://explicit.example:1"
    assert config.to_dict()["proxy"] is None  # the setting itself stays as set


def test_org_and_project_from_the_environment_are_exposed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 9: OPENAI_ORG_ID and OPENAI_PROJECT_ID, as a call made now would send them, for the CLI to show."""
    config = Configuration()
    assert (config.effective_org_id(), config.effective_project_id()) == (None, None)
    monkeypatch.setenv("OPENAI_ORG_ID", "org-abc")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_def")
    assert (config.effective_org_id(), config.effective_project_id()) == ("org-abc", "proj_def")


def test_a_refused_proxy_is_reported_as_the_proxy_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 9: a dead proxy is named (password hidden) with its error; the target was not reached."""
    port = free_port()
    monkeypatch.setenv("HTTP_PROXY", f"http://user:proxy-pass-1234@127.0.0.1:{port}")
    config = Configuration(base_url="http://api.example.test/v1", maximum_retry_count=1, retry_interval_sec=0.01)
    with pytest.raises(ApiConnectionError) as info:
        new_realtime_session(BODY, configuration=config)
    config.close()
    assert type(info.value) is ApiConnectionError
    assert str(info.value) == (
        f"Connection to the proxy http://user:<redacted>@127.0.0.1:{port} failed: connection refused "
        "(attempt 2 of 2); http://api.example.test/v1/realtime/sessions was not reached."
    )


def test_a_proxy_refusing_the_tunnel_is_reported_with_its_status(monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 9: a proxy answering CONNECT with 407 is named, with that status, and the call is not reported as the target's."""
    with fault_server(default=respond(407, b"")) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        config = Configuration(base_url="https://api.example.test/v1", maximum_retry_count=0)
        with pytest.raises(ApiConnectionError) as info:
            new_realtime_session(BODY, configuration=config)
        config.close()
        assert [seen.method for seen in proxy.seen] == ["CONNECT"]
    assert str(info.value) == (
        f"Connection to the proxy http://127.0.0.1:{proxy.port} failed: tunnel connection failed: 407 proxy "
        "authentication required (attempt 1 of 1); https://api.example.test/v1/realtime/sessions was not reached."
    )
