"""The demo page of psopenapi serve in headless Chromium: a key from /token, then WebRTC offer/answer through /session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from psopenapi_py.mock_server import MockServer
from psopenapi_py.serve import create_app, make_server, parse_config, serve_in_thread, stop_server

CHROMIUM = "/usr/bin/chromium"
SERVER_KEY = "sk-serve-browser-server-key-0123"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


@pytest.fixture
def demo_url() -> Iterator[tuple[str, MockServer]]:
    with MockServer(api_key=SERVER_KEY) as mock:
        config = parse_config(
            {
                "upstream": {"base_url": mock.url},
                "session": {"type": "realtime", "model": "gpt-realtime"},
                "auth": {"none": True},
            },
            environ={"OPENAI_API_KEY": SERVER_KEY},
        )
        server = make_server(create_app(config, demo=True), "127.0.0.1", 0)
        thread = serve_in_thread(server)
        try:
            yield f"http://127.0.0.1:{server.server_port}/demo", mock
        finally:
            stop_server(server, thread)


def test_demo_page_reaches_stable_signalling_with_the_mocks_answer(
    demo_url: tuple[str, MockServer], tmp_path: Path
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    url, mock = demo_url
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            page = context.new_page()
            page.goto(url)
            page.wait_for_function("window.answerSdp !== undefined || window.demoError !== undefined", timeout=60_000)
            assert page.evaluate("window.demoError === undefined ? null : window.demoError") is None
            assert page.evaluate("window.pc.signalingState") == "stable"
            answer = page.evaluate("window.pc.remoteDescription.sdp")
            shown = page.inner_text("body")
        finally:
            context.close()
    calls = [r for r in mock.requests if r.path == "/v1/realtime/calls"]
    assert [c.status for c in calls] == [201]
    assert [c.kind for c in mock.calls.values()] == ["webrtc"]
    assert answer.startswith("v=0")
    assert "signalling stable" in shown
    assert "ek_" not in shown


def test_demo_page_sends_a_token_from_the_address_as_written_and_then_drops_it(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    token = "Zm9v+YQ/c&w==~x"  # base64-like, with characters a query string would change
    with MockServer(api_key=SERVER_KEY) as mock:
        config = parse_config(
            {
                "upstream": {"base_url": mock.url},
                "session": {"type": "realtime", "model": "gpt-realtime"},
                "auth": {"bearer_tokens_env": "DEMO_TOKENS"},
            },
            environ={"OPENAI_API_KEY": SERVER_KEY, "DEMO_TOKENS": token},
        )
        server = make_server(create_app(config, demo=True), "127.0.0.1", 0)
        thread = serve_in_thread(server)
        try:
            with sync_api.sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
                )
                try:
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{server.server_port}/demo#token={token}")
                    page.wait_for_function(
                        "window.answerSdp !== undefined || window.demoError !== undefined", timeout=60_000
                    )
                    error = page.evaluate("window.demoError === undefined ? null : window.demoError")
                    address = page.evaluate("location.href")
                finally:
                    context.close()
        finally:
            stop_server(server, thread)
    assert error is None
    assert address == f"http://127.0.0.1:{server.server_port}/demo"  # the token left the address bar
    assert [r.path for r in mock.requests] == ["/v1/realtime/client_secrets", "/v1/realtime/calls"]
