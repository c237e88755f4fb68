"""psopenapi_py/examples/seed_doc_example.py, the seed doc page translated line for line, sends the seed body."""

from __future__ import annotations

import runpy

import pytest
from recording_server import RecordingServer
from shared_files import seed_body
from spec_validation import validate


def test_seed_doc_example_sends_exactly_the_seed_body(
    configured: RecordingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run as a script, the example makes one POST /v1/realtime/sessions whose body is the expected one."""
    seed = seed_body()
    runpy.run_module("psopenapi_py.examples.seed_doc_example", run_name="__main__")
    assert [(r.method, r.path) for r in configured.requests] == [("POST", "/v1/realtime/sessions")]
    assert [r.json for r in configured.requests] == [seed]
    validate(configured.requests[0].json, "RealtimeSessionCreateRequest")
    # The call succeeds, so the except branch prints nothing; the bare "text" line prints nothing in Python.
    assert capsys.readouterr().out == ""


def test_seed_doc_example_is_accepted_by_the_strict_mock_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Against the mock server (--api-key sk-example, as the shared examples are run) the call succeeds."""
    seed = seed_body()
    mock_server = pytest.importorskip("psopenapi_py.mock_server")
    with mock_server.MockServer(api_key="sk-example") as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-example")
        namespace = runpy.run_module("psopenapi_py.examples.seed_doc_example", run_name="__main__")
    assert capsys.readouterr().out == ""
    assert namespace["result"].client_secret.value
    assert [(r.path, r.status, r.body) for r in server.requests] == [("/v1/realtime/sessions", 200, seed)]
