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
from typing import Any

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


@pytest.mark.parametrize(
    "instructions",
    ["Line one.\nLine  two, \u00e9t\u00e9\u00a0ok.", "-1 means: say nothing", "  padded  "],
    ids=["newline-double-space-non-ascii", "looks-like-an-option", "padded"],
)
def test_retired_beta_command_survives_the_one_line_error(
    retired: MockServer, psopenapi_on_path: dict[str, str], capsys: pytest.CaptureFixture[str], instructions: str
) -> None:
    """Whitespace the error line squeezes, non-ASCII text and a leading '-' still reach the GA request exactly."""
    assert main(["new-realtime-session", "--model", "gpt-4o-realtime-preview", "--instructions", instructions]) == 4
    line = error_line(capsys, "new-realtime-session")
    command = line.removeprefix(f"{RETIRED} The same request to the GA API: ").removesuffix(f" {IN_PYTHON}")
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=psopenapi_on_path, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert retired.requests[-1].body == {
        "session": {"type": "realtime", "model": "gpt-realtime", "instructions": instructions}
    }


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


def test_retired_transcription_session_shows_the_ga_transcription_command(
    retired: MockServer, psopenapi_on_path: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The beta transcription session's retired error ends with a --type transcription command that sends its GA twin."""
    argv = ["--transcription-model", "gpt-4o-transcribe", "--language", "de", "--input-audio-format", "g711_alaw"]
    assert main(["new-realtime-transcription-session", *argv, "--threshold", "0.7"]) == 4
    line = error_line(capsys, "new-realtime-transcription-session")
    said = (
        "(400) Bad Request: The Realtime beta API has been retired: create a transcription session with POST "
        "/v1/realtime/client_secrets instead. OpenAI has retired this beta endpoint. The same request to the GA API: "
    )
    assert line.startswith(said) and line.endswith(f" {IN_PYTHON}")
    command = line.removeprefix(said).removesuffix(f" {IN_PYTHON}")
    assert command.endswith(
        "| psopenapi new-realtime-client-secret --body - --type transcription --transcription-model gpt-4o-transcribe"
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=psopenapi_on_path, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert retired.requests[-1].body == {
        "session": {
            "type": "transcription",
            "audio": {
                "input": {
                    "format": {"type": "audio/pcma"},
                    "transcription": {"model": "gpt-4o-transcribe", "language": "de"},
                    "turn_detection": {"type": "server_vad", "threshold": 0.7},
                }
            },
        }
    }


@pytest.mark.parametrize("command", ["new-realtime-session", "new-realtime-transcription-session"])
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
        (["--sip-call", ""], "Invalid value for 'sip_calls': ''. Must be a non-empty call id. (from --sip-call)"),
        (
            ["--sip-call", "rtc_1", "--sip-call", "rtc_1"],
            "Invalid value for 'sip_calls': 'rtc_1'. Must be a call id the server does not know yet. (from --sip-call)",
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


# --------------------------------------------------------------------------------------------------
# The call commands

OFFER = (
    "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\n"
    "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=setup:actpass\r\n"
    "a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
)


@pytest.fixture
def calls_mock(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockServer]:
    """A mock server with two incoming SIP calls (rtc_sip_a, rtc_sip_b), OPENAI_* pointing at it."""
    with MockServer(api_key=KEY, sip_calls=["rtc_sip_a", "rtc_sip_b"]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        yield server


@pytest.fixture
def offer_file(tmp_path: Path) -> Path:
    path = tmp_path / "offer.sdp"
    path.write_bytes(OFFER.encode())
    return path


def test_new_call_prints_the_sdp_answer_as_sent(
    calls_mock: MockServer, offer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Default output: the SDP answer byte for byte on stdout, nothing on stderr; the call exists without a session."""
    assert main(["new-realtime-call", "--sdp-file", str(offer_file)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert (
        captured.out.startswith("v=0\r\n") and "a=setup:passive\r\n" in captured.out and captured.out.endswith("\r\n")
    )
    (call,) = [c for c in calls_mock.calls.values() if c.kind == "webrtc"]
    assert (call.state, call.session) == ("created", None)


def test_new_call_with_session_options_from_stdin_as_json(calls_mock: MockServer) -> None:
    """--sdp-file - reads the offer from stdin; session options make the session part; --output json has the call id."""
    done = subprocess.run(
        [sys.executable, "-m", "psopenapi_py", "new-realtime-call", "--sdp-file", "-", "--model", "gpt-realtime"]
        + ["--voice", "marin", "--no-turn-detection", "--output", "json"],
        input=OFFER,
        capture_output=True,
        text=True,
        env={**os.environ, "OPENAI_BASE_URL": calls_mock.url, "OPENAI_API_KEY": KEY},
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    document = json.loads(done.stdout)
    assert list(document) == ["call_id", "sdp"]
    call = calls_mock.calls[document["call_id"]]
    assert re.fullmatch(r"rtc_[0-9a-f]{32}", call.call_id) and document["sdp"].startswith("v=0\r\n")
    assert call.session == {
        "type": "realtime",
        "model": "gpt-realtime",
        "audio": {"input": {"turn_detection": None}, "output": {"voice": "marin"}},
    }


def test_new_call_with_http_info(calls_mock: MockServer, offer_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--with-http-info: JSON wraps status 201 and the headers (Location names the call); with sdp output they go to stderr."""
    assert main(["new-realtime-call", "--sdp-file", str(offer_file), "--output", "json", "--with-http-info"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (list(document), document["status_code"]) == (["status_code", "headers", "response"], 201)
    headers = {name.lower(): value for name, value in document["headers"].items()}
    assert headers["location"] == f"/v1/realtime/calls/{document['response']['call_id']}"
    assert main(["new-realtime-call", "--sdp-file", str(offer_file), "--with-http-info"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("v=0\r\n") and json.loads(captured.err)["status_code"] == 201


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        (None, [], "--sdp-file: cannot read {path}: No such file or directory."),
        (
            b"v=0\r\n\xff\xfe",
            [],
            "--sdp-file: {path} is not UTF-8 (or UTF-16 with a byte-order mark) text (an SDP offer is text).",
        ),
        (OFFER.encode(), ["--voice", "7", "--instructions"], "argument --instructions: expected one argument"),
        (
            OFFER.encode(),
            ["--body", "-", "--sdp-file", "-"],
            "--sdp-file - and --body - both want stdin: give one of them as a file.",
        ),
    ],
    ids=["missing", "not-text", "usage", "two-stdins"],
)
def test_new_call_bad_input_exits_2_and_sends_nothing(
    calls_mock: MockServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    argv: list[str],
    message: str,
) -> None:
    """An unreadable or non-text offer, a usage error, two stdins: exit 2, one line, no request."""
    path = tmp_path / "offer.sdp"
    if content is not None:
        path.write_bytes(content)
    code = main(["new-realtime-call", "--sdp-file", str(path), *argv])
    err = capsys.readouterr().err
    assert code == 2
    expected = message.format(path=repr(str(path)))
    suffix = " (see psopenapi new-realtime-call --help)" if message.startswith("argument") else ""
    assert err == f"psopenapi new-realtime-call: error: {expected}{suffix}\n"
    assert calls_mock.requests == []


def test_new_call_without_an_offer_exits_2(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """No --sdp-file: exit 2 saying what it wants; nothing is sent."""
    assert main(["new-realtime-call", "--model", "gpt-realtime"]) == 2
    assert capsys.readouterr() == (
        "",
        "psopenapi new-realtime-call: error: --sdp-file is required: the caller's SDP offer, from a file or - for stdin.\n",
    )
    assert calls_mock.requests == []


def test_a_sip_call_is_accepted_then_referred(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """accept with session options, then refer to a number: each exit 0 with empty output; the mock sees each step."""
    assert main(["receive-realtime-call", "rtc_sip_a", "--voice", "marin", "--instructions", "Greet the caller."]) == 0
    assert calls_mock.calls["rtc_sip_a"].state == "accepted"
    assert calls_mock.calls["rtc_sip_a"].session == {
        "type": "realtime",
        "instructions": "Greet the caller.",
        "audio": {"output": {"voice": "marin"}},
    }
    assert main(["invoke-refer-realtime-call", "rtc_sip_a", "--target-uri", "tel:+14155550123"]) == 0
    assert (calls_mock.calls["rtc_sip_a"].state, calls_mock.calls["rtc_sip_a"].target_uri) == (
        "referred",
        "tel:+14155550123",
    )
    assert capsys.readouterr() == ("", "")
    assert [(r.path, r.body) for r in calls_mock.requests] == [
        (
            "/v1/realtime/calls/rtc_sip_a/accept",
            {"type": "realtime", "instructions": "Greet the caller.", "audio": {"output": {"voice": "marin"}}},
        ),
        ("/v1/realtime/calls/rtc_sip_a/refer", {"target_uri": "tel:+14155550123"}),
    ]


def test_receive_without_options_accepts_with_a_default_realtime_session(calls_mock: MockServer) -> None:
    """No session option and no --body: the accept carries {"type": "realtime"} (the API's defaults)."""
    assert main(["receive-realtime-call", "rtc_sip_b"]) == 0
    assert calls_mock.requests[-1].body == {"type": "realtime"}
    assert calls_mock.calls["rtc_sip_b"].state == "accepted"


def test_receive_with_a_session_file_and_options_over_it(
    calls_mock: MockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--body gives the session (type filled in), options override its fields; a bad field is blamed on --body."""
    session = tmp_path / "session.json"
    session.write_text(json.dumps({"model": "gpt-realtime", "audio": {"output": {"voice": "ash", "speed": 1.1}}}))
    assert main(["receive-realtime-call", "rtc_sip_a", "--body", str(session), "--voice", "cedar"]) == 0
    assert calls_mock.requests[-1].body == {
        "type": "realtime",
        "model": "gpt-realtime",
        "audio": {"output": {"voice": "cedar", "speed": 1.1}},
    }
    session.write_text(json.dumps({"audio": {"output": {"speed": "fast"}}}))
    assert main(["receive-realtime-call", "rtc_sip_b", "--body", str(session)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("psopenapi receive-realtime-call: error: Invalid type for 'audio.output.speed'")
    assert err.endswith(" (from --body)\n")
    assert calls_mock.calls["rtc_sip_b"].state == "incoming"


@pytest.mark.parametrize(
    ("argv", "sent", "status"),
    [(["--status-code", "486"], {"status_code": 486}, 486), ([], None, 603)],
    ids=["busy", "default"],
)
def test_deny_rejects_with_the_status_given_or_the_api_default(
    calls_mock: MockServer, capsys: pytest.CaptureFixture[str], argv: list[str], sent: Any, status: int
) -> None:
    """deny-realtime-call: exit 0, no output; --status-code is the body, and without it no body is sent (603)."""
    assert main(["deny-realtime-call", "rtc_sip_b", *argv]) == 0
    assert capsys.readouterr() == ("", "")
    assert calls_mock.requests[-1].body == sent
    assert (calls_mock.calls["rtc_sip_b"].state, calls_mock.calls["rtc_sip_b"].status_code) == ("rejected", status)


def test_hangup_with_http_info_prints_status_and_headers(
    calls_mock: MockServer, offer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """invoke-hangup-realtime-call --with-http-info: the status and headers as JSON on stdout."""
    assert main(["new-realtime-call", "--sdp-file", str(offer_file), "--output", "json"]) == 0
    call_id = json.loads(capsys.readouterr().out)["call_id"]
    assert main(["invoke-hangup-realtime-call", call_id, "--with-http-info"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (list(document), document["status_code"]) == (["status_code", "headers"], 200)
    assert document["headers"]["x-request-id"] == calls_mock.requests[-1].request_id
    assert calls_mock.calls[call_id].state == "hung_up"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["invoke-hangup-realtime-call", "rtc_nope"], 4, "(404) Not Found: Call 'rtc_nope' not found."),
        (
            ["invoke-hangup-realtime-call", "rtc_sip_a", "--max-retries", "0"],
            4,
            "(409) Conflict: Cannot hang up call 'rtc_sip_a': it is still ringing (accept or reject it first).",
        ),
        (
            ["invoke-refer-realtime-call", "rtc_sip_a"],
            2,
            "the request needs a target_uri: pass --target-uri (e.g. --target-uri tel:+14155550123).",
        ),
        (
            ["deny-realtime-call", "rtc_sip_a", "--status-code", "busy"],
            2,
            "argument --status-code: invalid int value: 'busy'",
        ),
    ],
    ids=["unknown-call", "state-conflict", "no-target", "status-not-a-number"],
)
def test_call_errors_have_their_exit_code_and_one_line(
    calls_mock: MockServer, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    """An unknown call or an action the state forbids is exit 4 with the API's words; bad options exit 2, nothing sent."""
    assert main(argv) == code
    err = capsys.readouterr().err
    prefix = f"psopenapi {argv[0]}: error: {message}"
    if code == 4:
        assert err == f"{prefix} [request id {calls_mock.requests[-1].request_id}]\n"
    else:
        assert err.removesuffix(f" (see psopenapi {argv[0]} --help)\n").removesuffix("\n") == prefix
        assert calls_mock.requests == []


def test_an_empty_call_id_exits_2_and_sends_nothing(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """CALL_ID '' is refused by the API function before anything is sent, naming call_id."""
    assert main(["invoke-hangup-realtime-call", ""]) == 2
    assert capsys.readouterr().err == (
        "psopenapi invoke-hangup-realtime-call: error: Error! The required parameter call_id missing when "
        "calling hangupRealtimeCall. (nothing was sent)\n"
    )
    assert calls_mock.requests == []


# --------------------------------------------------------------------------------------------------
# Transcription sessions and translation keys


def test_transcription_session_key_as_token(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """new-realtime-transcription-session: options make the beta body; --output token prints only the key."""
    argv = ["--transcription-model", "gpt-4o-transcribe", "--language", "de", "--noise-reduction", "near_field"]
    assert main(["new-realtime-transcription-session", *argv, "--threshold", "0.6", "--output", "token"]) == 0
    captured = capsys.readouterr()
    assert re.fullmatch(r"ek_[0-9a-f]{32}\n", captured.out) and captured.err == ""
    assert calls_mock.requests[-1].body == {
        "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "de"},
        "input_audio_noise_reduction": {"type": "near_field"},
        "turn_detection": {"threshold": 0.6},
    }


def test_translation_key_as_env_lines(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """new-realtime-translation-client-secret --model --output-language es --output env: eval-safe key lines."""
    argv = ["--model", "gpt-realtime-translate", "--output-language", "es", "--expires-after-seconds", "120"]
    assert main(["new-realtime-translation-client-secret", *argv, "--output", "env"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"export OPENAI_EPHEMERAL_KEY=ek_[0-9a-f]{32}\nexport OPENAI_EPHEMERAL_KEY_EXPIRES_AT=\d+\n", out
    )
    assert calls_mock.requests[-1].body == {
        "expires_after": {"seconds": 120},
        "session": {"model": "gpt-realtime-translate", "audio": {"output": {"language": "es"}}},
    }


def test_translation_key_json_is_the_answer(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """Default output: the answer JSON with the translation session."""
    assert (
        main(["new-realtime-translation-client-secret", "--model", "gpt-realtime-translate", "--output-language", "fr"])
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert (answer["session"]["type"], answer["session"]["audio"]["output"]["language"]) == ("translation", "fr")


def test_translation_without_a_model_exits_2(calls_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
    """The translation session needs a model: exit 2 naming --model, nothing sent."""
    assert main(["new-realtime-translation-client-secret", "--output-language", "es"]) == 2
    assert capsys.readouterr().err == (
        "psopenapi new-realtime-translation-client-secret: error: the request needs a session.model: pass --model "
        '(e.g. --model gpt-realtime-translate) or put "session.model" in --body.\n'
    )
    assert calls_mock.requests == []
