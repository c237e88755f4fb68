"""--extra-json sends fields newer than the spec, as given, and keeps the typo check; mock-server --lenient takes them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from psopenapi_py.cli import main
from psopenapi_py.mock_server import MockServer

KEY = "sk-example"
NEWER: dict[str, Any] = {
    "session": {
        "audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 0.5}}},
        "prompt": {
            "id": "pmpt_123",
            "variables": {
                "city": {
                    "type": "input_text",
                    "text": "Paris",
                    "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "5m"},
                }
            },
        },
    }
}


@pytest.fixture
def lenient(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockServer]:
    with MockServer(api_key=KEY, lenient=True) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        yield server


def test_extra_json_reaches_the_wire_exactly_as_given(lenient: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """noise_reduction.strength and prompt.variables{}.prompt_cache_breakpoint.ttl are sent, merged key by key."""
    code = main(
        [
            "new-realtime-client-secret",
            "--model",
            "gpt-realtime",
            "--output",
            "token",
            "--extra-json",
            json.dumps(NEWER),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("ek_")
    assert lenient.requests[-1].body == {
        "session": {
            "type": "realtime",
            "model": "gpt-realtime",
            "audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 0.5}}},
            "prompt": {
                "id": "pmpt_123",
                "variables": {
                    "city": {
                        "type": "input_text",
                        "text": "Paris",
                        "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "5m"},
                    }
                },
            },
        }
    }


def test_extra_json_from_a_file(lenient: MockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(NEWER), encoding="utf-8")
    assert main(["new-realtime-client-secret", "--model", "gpt-realtime", "--extra-json", f"@{path}"]) == 0
    assert lenient.requests[-1].body["session"]["prompt"]["variables"] == NEWER["session"]["prompt"]["variables"]


def test_extra_json_that_is_not_an_object_is_a_usage_error_and_nothing_is_sent(
    lenient: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-realtime-client-secret", "--model", "gpt-realtime", "--extra-json", "[1]"]) == 2
    assert capsys.readouterr().err == (
        "psopenapi new-realtime-client-secret: error: --extra-json '[1]' must be a JSON object, e.g. "
        """'{"session": {"audio": {"input": {"noise_reduction": {"strength": 0.5}}}}}'.\n"""
    )
    assert lenient.requests == []


def test_a_typo_in_the_body_still_fails_before_sending(lenient: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """--body keeps the spec's check: an unknown key is refused; only --extra-json carries newer fields."""
    body = json.dumps({"session": {"type": "realtime", "model": "gpt-realtime", "modalitiez": ["text"]}})
    proc = subprocess.run(
        [sys.executable, "-m", "psopenapi_py", "new-realtime-client-secret", "--body", "-"],
        input=body,
        capture_output=True,
        text=True,
        timeout=60,
        env={"OPENAI_BASE_URL": lenient.url, "OPENAI_API_KEY": KEY, "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert "modalitiez" in proc.stderr
    assert lenient.requests == []


def test_the_strict_mock_refuses_newer_fields_and_lenient_takes_them(capsys: pytest.CaptureFixture[str]) -> None:
    """mock-server is strict by default (as the spec is); --lenient maps to MockServer(lenient=True)."""
    import argparse

    from psopenapi_py.cli import build_parser

    args = build_parser().parse_args(["mock-server", "--lenient", "--port", "0"])
    assert isinstance(args, argparse.Namespace) and args.lenient is True
    with MockServer(api_key=KEY) as strict:
        argv = ["new-realtime-client-secret", "--base-url", strict.url, "--api-key", KEY, "--model", "gpt-realtime"]
        assert main([*argv, "--extra-json", json.dumps(NEWER)]) == 4  # the strict mock: 400 unknown_parameter
        assert "JSON key 'strength' not found" in capsys.readouterr().err
