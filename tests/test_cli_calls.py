"""The psopenapi commands for calls, transcription sessions and translation keys, the retired-beta advice
and the mock server's call options: exact exit codes, stdout and stderr, against the real mock server on loopback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from psopenapi_py import BetaApiRetiredError, new_realtime_session, realtime_session_request_to_ga, set_configuration
from psopenapi_py.cli import main
from psopenapi_py.mock_server import MockServer

KEY = "sk-example"
REQUEST_ID = re.compile(r" \[request id (req_[0-9a-f]+)\]\n$")


@pytest.fixture
def retired(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockServer]:
    """A mock server whose beta paths answer as OpenAI does today, with OPENAI_* pointing at it."""
    with MockServer(api_key=KEY, retired_beta=True) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        yield server


@pytest.fixture
def psopenapi_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH starts with a `psopenapi` that is `python -m psopenapi_py` of this interpreter."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "psopenapi"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m psopenapi_py "$@"\n')
    wrapper.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def error_line(capsys: pytest.CaptureFixture[str], command: str) -> str:
    """The one stderr line of a failed command, without its prefix and request id; stdout must be empty."""
    captured = capsys.readouterr()
    assert captured.out == ""
    prefix = f"psopenapi {command}: error: "
    assert captured.err.startswith(prefix) and captured.err.count("\n") == 1
    return REQUEST_ID.sub("", captured.err.removeprefix(prefix).removesuffix("\n") + "\n").removesuffix("\n")


# --------------------------------------------------------------------------------------------------
# The retired beta endpoint: the error shows the psopenapi command that asks the GA API the same


RETIRED = (
    "(400) Bad Request: The Realtime beta API has been retired: create a session with POST "
    "/v1/realtime/client_secrets instead. OpenAI has retired this beta endpoint."
)
IN_PYTHON = "(in Python: new_realtime_client_secret; see docs/migrating-to-ga.md)."


def test_retired_beta_error_shows_the_ga_command_made_of_options(
    retired: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A beta request the GA options can say in full: exit 4, and the command is options only."""
    argv = ["--model", "gpt-4o-realtime-preview", "--voice", "verse", "--modalities", "text", "--no-turn-detection"]
    assert main(["new-realtime-session", *argv]) == 4
    assert error_line(capsys, "new-realtime-session") == (
        f"{RETIRED} The same request to the GA API: psopenapi new-realtime-client-secret --model gpt-realtime "
        f"--voice verse --output-modalities text --no-turn-detection {IN_PYTHON}"
    )


def test_retired_beta_command_sends_what_the_migration_helper_builds(
    retired: MockServer, psopenapi_on_path: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command shown (options plus the rest piped into --body -) really sends the GA request of the beta one."""
    beta = {
        "model": "gpt-4o-mini-realtime-preview",
        "instructions": "Say 'hi' first.",
        "input_audio_format": "g711_ulaw",
        "turn_detection": {"type": "server_vad", "threshold": 0.4},
        "tools": [{"type": "function", "name": "lookup"}],
        "max_response_output_tokens": 300,
    }
    body = tmp_path / "beta.json"
    body.write_text(json.dumps(beta))
    assert main(["new-realtime-session", "--body", str(body)]) == 4
    line = error_line(capsys, "new-realtime-session")
    command = line.removeprefix(f"{RETIRED} The same request to the GA API: ").removesuffix(f" {IN_PYTHON}")
    assert (
        command.startswith("printf '%s\\n' '{\"session\": ")
        and "| psopenapi new-realtime-client-secret --body - " in command
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=psopenapi_on_path, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert retired.requests[-1].path == "/v1/realtime/client_secrets"
    assert retired.requests[-1].body == realtime_session_request_to_ga(beta).to_dict()


def test_retired_beta_without_a_ga_place_for_a_field_says_what_is_left_out(
    retired: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """temperature has no GA field: the command is the request without it, and the line says so."""
    assert main(["new-realtime-session", "--model", "gpt-4o-realtime-preview", "--temperature", "0.7"]) == 4
    assert error_line(capsys, "new-realtime-session") == (
        f"{RETIRED} The same request to the GA API, without temperature (GA has no place for it): "
        f"psopenapi new-realtime-client-secret --model gpt-realtime {IN_PYTHON}"
    )


def test_retired_beta_with_no_ga_equivalent_names_the_ga_command(
    retired: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A turn detection type GA does not know: no command can be built, the line says why and which to use."""
    assert (
        main(["new-realtime-session", "--model", "gpt-4o-realtime-preview", "--turn-detection-type", "push_to_talk"])
        == 4
    )
    line = error_line(capsys, "new-realtime-session")
    assert line.startswith(
        f"{RETIRED} This request has no automatic GA equivalent (Invalid value for 'turn_detection.type'"
    )
    assert line.endswith(f"): use psopenapi new-realtime-client-secret {IN_PYTHON}")


@pytest.mark.parametrize("command", ["new-realtime-session"])
def test_beta_commands_say_in_their_help_that_they_are_retired(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top-level list and the command's own help both name the GA command."""
    assert main(["--help"]) == 0
    listing = " ".join(capsys.readouterr().out.split())
    assert main([command, "--help"]) == 0
    own = " ".join(capsys.readouterr().out.split())
    ga = "new-realtime-client-secret" + (" --type transcription" if "transcription" in command else "")
    assert f"retired by OpenAI: use {ga})" in listing.replace("new- realtime", "new-realtime")
    assert "OpenAI has retired this beta endpoint" in own and f"the GA command is {ga}" in own


# --------------------------------------------------------------------------------------------------
# mock-server --sip-call and --retired-beta


def test_mock_server_knows_its_sip_calls_and_answers_the_beta_paths_as_retired() -> None:
    """--sip-call (twice) registers incoming calls; --retired-beta makes the beta paths answer beta_api_shape_disabled."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "psopenapi_py", "mock-server", "--port", "0", "--quiet", "--retired-beta"]
        + ["--sip-call", "rtc_sip_a", "--sip-call", "rtc_sip_b"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        url = proc.stdout.readline().strip()
        assert proc.stderr.readline() == (
            "psopenapi mock-server: serving POST /v1/realtime/sessions, /client_secrets, /transcription_sessions, "
            "/translations/client_secrets, /calls and /calls/CALL_ID/accept|reject|refer|hangup; the beta paths "
            f"answer beta_api_shape_disabled; incoming SIP calls: rtc_sip_a, rtc_sip_b; use OPENAI_BASE_URL={url}. "
            "Ctrl-C stops.\n"
        )
        auth = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        statuses = [
            requests.post(f"{url}/realtime/calls/{call}/reject", data="{}", headers=auth, timeout=10).status_code
            for call in ("rtc_sip_a", "rtc_sip_b", "rtc_unknown")
        ]
        assert statuses == [200, 200, 404]
        set_configuration(base_url=url, access_token=KEY)
        with pytest.raises(BetaApiRetiredError):
            new_realtime_session({"model": "gpt-4o-realtime-preview"})
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert proc.returncode == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sip-call", ""], "Invalid value for 'sip_calls': ''. Expected a non-empty call id. (from --sip-call)"),
        (
            ["--sip-call", "rtc_1", "--sip-call", "rtc_1"],
            "Invalid value for 'sip_calls': 'rtc_1'. Expected a call id the server does not know yet. (from --sip-call)",
        ),
    ],
    ids=["empty", "twice"],
)
def test_mock_server_bad_sip_call_exits_2_before_listening(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty or repeated --sip-call: exit 2 and one line naming the option; nothing is served."""
    assert main(["mock-server", "--port", "0", *argv]) == 2
    assert capsys.readouterr() == ("", f"psopenapi mock-server: error: {message}\n")
