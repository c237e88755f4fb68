"""The psopenapi command: every subcommand, output mode and exit code, against a real mock server on loopback.

Subprocess tests prove what only a real process shows (exit codes, stdout/stderr, stdin, eval, signals);
the rest call main() in-process with capsys.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from recording_server import RecordingServer, Reply, free_port
from shared_files import seed_body
from spec_validation import validate

import psopenapi_py.configuration as configuration_module
from psopenapi_py import cli
from psopenapi_py.mock_server import MockServer

ROOT = Path(__file__).resolve().parent.parent
MODEL = "gpt-4o-realtime-preview"
EPHEMERAL_KEY = re.compile(r"ek_[0-9a-f]{32}")
NEW = "new-realtime-session"
PROG = "psopenapi new-realtime-session"


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m psopenapi_py ARGS`` with the (OPENAI_*-free) test environment plus ``env``."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "psopenapi_py", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def env_for(server: MockServer, key: str = "sk-example") -> dict[str, str]:
    return {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": key}


@pytest.fixture
def use_mock(mock_server: MockServer, monkeypatch: pytest.MonkeyPatch) -> MockServer:
    """The mock server, with OPENAI_BASE_URL and OPENAI_API_KEY (sk-example) pointing at it in this process."""
    for name, value in env_for(mock_server).items():
        monkeypatch.setenv(name, value)
    return mock_server


def session_without_random_parts(session: dict[str, Any]) -> dict[str, Any]:
    rest = dict(session)
    assert re.fullmatch(r"sess_[0-9a-f]{24}", rest.pop("id"))
    secret = rest.pop("client_secret")
    assert EPHEMERAL_KEY.fullmatch(secret["value"])
    assert abs(secret["expires_at"] - (time.time() + 60)) < 5
    return rest


# --------------------------------------------------------------------------------------------------
# Subprocesses: output modes and exit codes


class TestProcess:
    def test_json_output_is_the_session_and_matches_the_schema(self, mock_server: MockServer) -> None:
        """Default output: the session JSON on stdout (id, object, model first), nothing on stderr, exit 0."""
        done = run(NEW, "--model", MODEL, "--voice", "verse", "--modalities", "text", "audio", env=env_for(mock_server))
        assert (done.returncode, done.stderr) == (0, "")
        session = json.loads(done.stdout)
        assert list(session)[:3] == ["id", "object", "model"]
        assert session["voice"] == "verse"
        validate(session, "RealtimeSessionCreateResponse")
        assert [r.body for r in mock_server.requests] == [
            {"model": MODEL, "voice": "verse", "modalities": ["text", "audio"]}
        ]

    def test_token_output_is_only_the_key(self, mock_server: MockServer) -> None:
        """--output token prints the ephemeral key and a newline, nothing else."""
        done = run(NEW, "--model", MODEL, "--output", "token", env=env_for(mock_server))
        assert done.returncode == 0
        assert EPHEMERAL_KEY.fullmatch(done.stdout.removesuffix("\n"))
        assert done.stderr == ""

    def test_env_output_is_safe_to_eval(self, mock_server: MockServer) -> None:
        """--output env lines, eval'd by bash, set OPENAI_EPHEMERAL_KEY and its expiry."""
        script = (
            f'out=$("{sys.executable}" -m psopenapi_py {NEW} --model {MODEL} --output env) && eval "$out"; '
            'printf "%s|%s" "$OPENAI_EPHEMERAL_KEY" "$OPENAI_EPHEMERAL_KEY_EXPIRES_AT"'
        )
        done = subprocess.run(
            ["bash", "-e", "-c", script],
            capture_output=True,
            text=True,
            env={**os.environ, **env_for(mock_server)},
            timeout=30,
        )
        assert (done.returncode, done.stderr) == (0, "")
        key, expires_at = done.stdout.split("|")
        assert EPHEMERAL_KEY.fullmatch(key)
        assert abs(int(expires_at) - (time.time() + 60)) < 5

    def test_body_from_stdin_with_flags_overriding_it(self, mock_server: MockServer) -> None:
        """--body - reads the request from stdin; --voice and --silence-duration-ms override its fields."""
        body = {
            "model": MODEL,
            "voice": "ash",
            "instructions": "Be brief.",
            "turn_detection": {"type": "server_vad", "threshold": 0.9},
        }
        done = run(
            NEW,
            "--body",
            "-",
            "--voice",
            "verse",
            "--silence-duration-ms",
            "700",
            env=env_for(mock_server),
            stdin=json.dumps(body),
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert mock_server.requests[0].body == {
            "model": MODEL,
            "voice": "verse",
            "instructions": "Be brief.",
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.9,
                "silence_duration_ms": 700,
                "create_response": True,
            },
        }

    def test_bad_input_exits_2_and_sends_nothing(self, mock_server: MockServer) -> None:
        """A voice outside the enum: exit 2, one stderr line naming the value and the option, no request made."""
        done = run(NEW, "--model", MODEL, "--voice", "loud", env=env_for(mock_server))
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == (
            f"{PROG}: error: Invalid value for 'voice': 'loud'. "
            "Allowed values: alloy, ash, ballad, coral, echo, sage, shimmer, verse. (from --voice)\n"
        )
        assert mock_server.requests == []

    def test_no_credentials_exits_3_and_sends_nothing(self, mock_server: MockServer) -> None:
        """No --api-key and no OPENAI_API_KEY: exit 3 with the fix on stderr; the server hears nothing."""
        done = run(NEW, "--model", MODEL, env={"OPENAI_BASE_URL": mock_server.url})
        assert (done.returncode, done.stdout) == (3, "")
        assert (
            done.stderr
            == f"{PROG}: error: no API key: set OPENAI_API_KEY, or pass --api-key or --api-key-file (nothing was sent).\n"
        )
        assert mock_server.requests == []

    def test_wrong_key_exits_4_with_the_api_message(self, mock_server: MockServer) -> None:
        """The API's 401 becomes exit 4 with its message and request id on stderr; the key is never shown."""
        done = run(NEW, "--model", MODEL, "--api-key", "sk-wrong-key-123", env={"OPENAI_BASE_URL": mock_server.url})
        assert (done.returncode, done.stdout) == (4, "")
        request_id = mock_server.requests[0].request_id
        assert done.stderr == (
            f"{PROG}: error: (401) Unauthorized: Incorrect API key provided. You can find your API key at "
            f"https://platform.openai.com/account/api-keys. [request id {request_id}]\n"
        )
        assert "sk-wrong" not in done.stderr

    def test_nothing_listening_exits_5(self) -> None:
        """A refused connection is exit 5 with one stderr line naming the URL."""
        port = free_port()
        done = run(
            NEW,
            "--model",
            MODEL,
            "--max-retries",
            "0",
            "--base-url",
            f"http://127.0.0.1:{port}/v1",
            env={"OPENAI_API_KEY": "sk-example"},
        )
        assert (done.returncode, done.stdout) == (5, "")
        assert done.stderr == (
            f"{PROG}: error: Connection to http://127.0.0.1:{port}/v1/realtime/sessions failed: "
            "connection refused (attempt 1 of 1).\n"
        )

    @pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
    def test_mock_server_command_serves_records_and_stops_cleanly(self, tmp_path: Path, stop_signal: int) -> None:
        """mock-server prints its URL first, answers, records JSON lines, and exits 0 on Ctrl-C or SIGTERM."""
        from psopenapi_py import new_realtime_session, set_configuration

        record = tmp_path / "requests.jsonl"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "psopenapi_py",
                "mock-server",
                "--port",
                "0",
                "--api-key",
                "sk-example",
                "--record",
                str(record),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().strip()
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", url)
            set_configuration(base_url=url, access_token="sk-example")
            session = new_realtime_session({"model": MODEL, "voice": "sage"})
            assert session.voice == "sage"
            proc.send_signal(stop_signal)
            out, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert (proc.returncode, out) == (0, "")
        lines = err.splitlines()
        assert lines[0] == (
            "psopenapi mock-server: serving POST /v1/realtime/sessions, /client_secrets, /transcription_sessions, "
            "/translations/client_secrets, /calls and /calls/CALL_ID/accept|reject|refer|hangup; "
            f"use OPENAI_BASE_URL={url}. Ctrl-C stops."
        )
        assert lines[1].endswith(" 127.0.0.1 POST /v1/realtime/sessions -> 200")
        assert lines[2:] == ["psopenapi mock-server: stopped."]
        recorded = [json.loads(line) for line in record.read_text().splitlines()]
        assert [(r["path"], r["body"], r["status"]) for r in recorded] == [
            ("/v1/realtime/sessions", {"model": MODEL, "voice": "sage"}, 200)
        ]
        assert "sk-example" not in err + record.read_text()

    def test_demo_runs_the_seed_example_offline(self) -> None:
        """demo sends exactly the seed documentation body to its own mock server and shows the session, key redacted."""
        seed = seed_body()
        done = run("demo", env={"OPENAI_API_KEY": "sk-real-key-must-not-be-used"})
        assert (done.returncode, done.stderr) == (0, "")
        out = done.stdout
        request_part = out.split("Request sent: POST /v1/realtime/sessions\n")[1].split(
            "\n\nSession received: HTTP 200\n"
        )[0]
        request_lines = request_part.splitlines()
        assert request_lines[:3] == [
            "Authorization: Bearer <redacted>",
            "Content-Type: application/json",
            "Accept: application/json",
        ]
        assert json.loads("\n".join(request_lines[3:])) == seed
        session = json.loads(out.split("Session received: HTTP 200\n")[1].split("\n\n")[0])
        assert session["client_secret"]["value"] == "<redacted>"
        assert {k: session[k] for k in seed} == seed
        assert EPHEMERAL_KEY.search(out) is None
        assert "sk-real" not in out


# --------------------------------------------------------------------------------------------------
# In-process: request building, output details, configuration, errors


class TestRequestOptions:
    def test_explicit_null_turn_detection(self, use_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
        """--no-turn-detection sends turn_detection: null, and the session comes back with null."""
        assert cli.main([NEW, "--model", MODEL, "--no-turn-detection"]) == 0
        assert use_mock.requests[0].body == {"model": MODEL, "turn_detection": None}
        assert json.loads(capsys.readouterr().out)["turn_detection"] is None

    def test_every_option_maps_to_its_field(self, use_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
        """One option per request field: the body sent carries each, in the request model's spelling."""
        code = cli.main(
            [
                NEW, "--model", "gpt-4o-mini-realtime-preview", "--modalities", "text", "--instructions", "Hi.",
                "--voice", "Coral", "--input-audio-format", "g711_ulaw", "--output-audio-format", "g711_alaw",
                "--input-audio-transcription-model", "whisper-1", "--turn-detection-type", "server_vad",
                "--threshold", "0.4", "--prefix-padding-ms", "200", "--silence-duration-ms", "600", "--no-create-response",
                "--tool", '{"type": "function", "name": "lookup", "parameters": {"type": "object"}}',
                "--tool", '{"type": "function", "name": "hang_up"}', "--tool-choice", "auto",
                "--temperature", "0.9", "--max-response-output-tokens", "4096",
            ]
        )  # fmt: skip
        assert code == 0
        assert use_mock.requests[0].body == {
            "modalities": ["text"],
            "model": "gpt-4o-mini-realtime-preview",
            "instructions": "Hi.",
            "voice": "coral",
            "input_audio_format": "g711_ulaw",
            "output_audio_format": "g711_alaw",
            "input_audio_transcription": {"model": "whisper-1"},
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.4,
                "prefix_padding_ms": 200,
                "silence_duration_ms": 600,
                "create_response": False,
            },
            "tools": [
                {"type": "function", "name": "lookup", "parameters": {"type": "object"}},
                {"type": "function", "name": "hang_up"},
            ],
            "tool_choice": "auto",
            "temperature": 0.9,
            "max_response_output_tokens": 4096,
        }
        validate(json.loads(capsys.readouterr().out), "RealtimeSessionCreateResponse")

    def test_flags_override_the_body_file(self, use_mock: MockServer, tmp_path: Path) -> None:
        """--body FILE gives the base; options replace its fields (tools replaced, turn detection merged)."""
        body_file = tmp_path / "session.json"
        body_file.write_text(
            json.dumps(
                {
                    "model": MODEL,
                    "voice": "ash",
                    "tools": [{"type": "function", "name": "old"}],
                    "turn_detection": {"type": "server_vad", "threshold": 0.9, "create_response": False},
                    "max_response_output_tokens": 100,
                }
            )
        )
        args = [NEW, "--body", str(body_file), "--voice", "echo", "--tool", '{"type": "function", "name": "new"}']
        assert cli.main([*args, "--threshold", "0.3", "--max-response-output-tokens", "inf"]) == 0
        assert use_mock.requests[0].body == {
            "model": MODEL,
            "voice": "echo",
            "tools": [{"type": "function", "name": "new"}],
            "turn_detection": {"type": "server_vad", "threshold": 0.3, "create_response": False},
            "max_response_output_tokens": "inf",
        }

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                [NEW, "--voice", "verse"],
                'the request needs a model: pass --model (e.g. --model gpt-4o-realtime-preview) or put "model" in --body.',
            ),
            (
                [NEW, "--model", MODEL, "--no-turn-detection", "--threshold", "0.5", "--no-create-response"],
                "--no-turn-detection turns voice detection off; it cannot be combined with --threshold, --create-response/--no-create-response.",
            ),
            (
                [NEW, "--model", MODEL, "--tool", "{nope"],
                "--tool '{nope' is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1).",
            ),
            (
                [NEW, "--model", MODEL, "--tool", '"lookup"'],
                '--tool \'"lookup"\' must be a JSON object, e.g. \'{"type": "function", "name": "lookup"}\'.',
            ),
            (
                [NEW, "--model", MODEL, "--tool", '{"type": "function", "name": 7}'],
                "Invalid type for 'tools[0].name': expected a string, got int 7. (from --tool)",
            ),
            (
                [NEW, "--model", MODEL, "--threshold", "nan"],
                "Invalid value for 'turn_detection.threshold': nan. Must be a finite number. (from --threshold)",
            ),
            (
                [NEW, "--model", "gpt-5"],
                "Invalid value for 'model': 'gpt-5'. Allowed values: gpt-4o-realtime-preview, gpt-4o-realtime-preview-2024-10-01, gpt-4o-realtime-preview-2024-12-17, gpt-4o-mini-realtime-preview, gpt-4o-mini-realtime-preview-2024-12-17. (from --model)",
            ),
            (
                [NEW, "--model", MODEL, "--api-key", ""],
                "--api-key is empty: pass a key, or leave the option out to use $OPENAI_API_KEY.",
            ),
            (
                [NEW, "--model", MODEL, "--base-url", "ftp://example.com"],
                "Invalid URL 'ftp://example.com' cannot be used in the base URL. (nothing was sent)",
            ),
        ],
        ids=[
            "no-model",
            "null-and-settings",
            "tool-not-json",
            "tool-not-object",
            "tool-bad-field",
            "nan",
            "model-enum",
            "empty-key",
            "base-url",
        ],
    )
    def test_bad_input_is_one_line_exit_2_and_nothing_sent(
        self, use_mock: MockServer, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        """Each kind of bad input: exit 2, exactly one stderr line saying what is wrong and where; no request."""
        assert cli.main(args) == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", f"{PROG}: error: {message}\n")
        assert use_mock.requests == []

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (
                "{not json",
                "--body: {path} is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1).",
            ),
            ("[1, 2]", "--body: {path} must hold a JSON object (the request body), not a JSON list."),
            (
                '{"model": "gpt-4o-realtime-preview", "colour": "red"}',
                "Error! JSON key 'colour' not found in the properties: modalities model instructions voice input_audio_format output_audio_format input_audio_transcription turn_detection tools tool_choice temperature max_response_output_tokens (from --body)",
            ),
            (None, "--body: cannot read {path}: No such file or directory."),
        ],
        ids=["invalid-json", "not-an-object", "unknown-key", "missing-file"],
    )
    def test_bad_body_file(
        self,
        use_mock: MockServer,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        content: str | None,
        message: str,
    ) -> None:
        """An unreadable, non-JSON, non-object or off-spec --body file: exit 2, one line naming the file or key."""
        path = tmp_path / "body.json"
        if content is not None:
            path.write_text(content)
        assert cli.main([NEW, "--body", str(path)]) == 2
        assert capsys.readouterr().err == f"{PROG}: error: {message.format(path=repr(str(path)))}\n"
        assert use_mock.requests == []

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (
                [],
                "Invalid value for 'session.type': 'translation'. Allowed values: realtime, transcription. (from --body)",
            ),
            (
                ["--model", "gpt-realtime"],
                "Invalid value for 'session.type': 'translation'. Allowed values: realtime, transcription. (from --body)",
            ),
            (
                ["--type", "transcription", "--voice", "marin"],
                "--voice: a transcription session takes none of these (use --type realtime).",
            ),
        ],
        ids=["body-alone", "with-a-realtime-option", "type-option-wins"],
    )
    def test_a_session_type_from_the_body_is_blamed_on_the_body(
        self, use_mock: MockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
    ) -> None:
        """A session type --body gives that the API does not know is named as --body's, not --type's; --type overrides it."""
        body = tmp_path / "body.json"
        body.write_text('{"session": {"type": "translation"}}')
        assert cli.main(["new-realtime-client-secret", "--body", str(body), *extra]) == 2
        assert capsys.readouterr().err == f"psopenapi new-realtime-client-secret: error: {message}\n"
        assert use_mock.requests == []

    def test_usage_error_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An argparse error (a number that is not one) is one stderr line and exit 2, not the usage block."""
        assert cli.main([NEW, "--model", MODEL, "--threshold", "loud"]) == 2
        assert capsys.readouterr().err == (
            f"{PROG}: error: argument --threshold: invalid float value: 'loud' (see {PROG} --help)\n"
        )


class TestOutput:
    def test_with_http_info_wraps_the_json(self, use_mock: MockServer, capsys: pytest.CaptureFixture[str]) -> None:
        """--with-http-info: status_code, headers (with x-request-id) and response in one JSON document."""
        assert cli.main([NEW, "--model", MODEL, "--with-http-info"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert list(document) == ["status_code", "headers", "response"]
        assert document["status_code"] == 200
        assert document["headers"]["x-request-id"] == use_mock.requests[0].request_id
        assert document["response"]["object"] == "realtime.session"

    def test_with_http_info_goes_to_stderr_in_token_mode(
        self, use_mock: MockServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --output token, stdout stays the bare key and the HTTP info is one JSON line on stderr."""
        assert cli.main([NEW, "--model", MODEL, "--output", "token", "--with-http-info"]) == 0
        captured = capsys.readouterr()
        assert EPHEMERAL_KEY.fullmatch(captured.out.strip())
        info = json.loads(captured.err)
        assert (info["status_code"], info["headers"]["x-request-id"]) == (200, use_mock.requests[0].request_id)

    def test_api_error_line_masks_an_echoed_key(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """If the API echoes the key in its message (OpenAI does, partly), the stderr line masks it."""
        configured.default = Reply(
            401,
            {
                "error": {
                    "message": "Incorrect API key provided: sk-test-key-123. Or sk-abcd****wxyz.",
                    "code": "invalid_api_key",
                }
            },
        )
        assert cli.main([NEW, "--model", MODEL]) == 4
        assert capsys.readouterr().err == (
            f"{PROG}: error: (401) Unauthorized: Incorrect API key provided: <redacted>. Or <redacted>. [request id req_1]\n"
        )

    def test_timeout_exits_5(self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]) -> None:
        """No answer within --timeout: exit 5 with the timeout named."""
        configured.default = Reply(200, {}, delay=2.0)
        assert cli.main([NEW, "--model", MODEL, "--timeout", "0.2", "--max-retries", "0"]) == 5
        assert capsys.readouterr().err.startswith(f"{PROG}: error: Timed out ")

    def test_broken_pipe_is_not_an_error(self, use_mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader that goes away (| head) ends the command quietly with exit 0."""

        def gone(*args: Any) -> None:
            raise BrokenPipeError

        monkeypatch.setattr(cli._output, "print_minted_key", gone)
        assert cli.main([NEW, "--model", MODEL]) == 0


class TestOtherCommands:
    def test_get_configuration_shows_effective_settings_redacted(
        self, use_mock: MockServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """get-configuration: the base URL from OPENAI_BASE_URL, the key from OPENAI_API_KEY shown as <redacted>."""
        assert cli.main(["get-configuration", "--max-retries", "5"]) == 0
        out = capsys.readouterr().out
        settings = json.loads(out)
        assert (settings["base_url"], settings["access_token"], settings["maximum_retry_count"]) == (
            use_mock.url,
            "<redacted>",
            5,
        )
        assert "sk-example" not in out

    def test_get_configuration_defaults(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With nothing set: OpenAI's base URL and no token."""
        assert cli.main(["get-configuration"]) == 0
        settings = json.loads(capsys.readouterr().out)
        assert (settings["base_url"], settings["access_token"]) == ("https://api.openai.com/v1", None)

    def test_demo_in_process_restores_environment_and_configuration(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """demo leaves OPENAI_* and the module-wide configuration as it found them."""
        monkeypatch.setenv("OPENAI_BASE_URL", "https://example.invalid/v1")
        before = configuration_module.get_configuration()
        assert cli.main(["demo"]) == 0
        assert os.environ["OPENAI_BASE_URL"] == "https://example.invalid/v1"
        assert "OPENAI_API_KEY" not in os.environ
        assert configuration_module.get_configuration() is before
        assert "Session received: HTTP 200" in capsys.readouterr().out

    def test_mock_server_busy_port_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A port already in use: exit 2 and one line saying so."""
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            assert cli.main(["mock-server", "--port", str(port)]) == 2
        assert (
            capsys.readouterr().err
            == f"psopenapi mock-server: error: cannot listen on 127.0.0.1 port {port}: Address already in use.\n"
        )

    def test_mock_server_unwritable_record_file_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A --record file that cannot be written is reported before serving starts."""
        target = tmp_path / "missing-folder" / "requests.jsonl"
        assert cli.main(["mock-server", "--port", "0", "--record", str(target)]) == 2
        assert capsys.readouterr().err == (
            f"psopenapi mock-server: error: --record: cannot write to {str(target)!r}: No such file or directory.\n"
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--fail-first", "2:200"],
                "argument --fail-first: expected N or N:STATUS with STATUS 400-599 (e.g. 2 or 3:429), got '2:200'",
            ),
            (["--latency-ms", "-5"], "argument --latency-ms: expected a number >= 0, got '-5'"),
            (["--port", "x"], "argument --port: expected a whole number >= 0, got 'x'"),
        ],
        ids=["fail-status", "latency", "port"],
    )
    def test_mock_server_bad_options(self, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
        """Bad mock-server options: exit 2 with argparse's reason on one line."""
        assert cli.main(["mock-server", *args]) == 2
        assert (
            capsys.readouterr().err == f"psopenapi mock-server: error: {message} (see psopenapi mock-server --help)\n"
        )

    def test_help_documents_every_exit_code(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help at the top level exits 0 and lists every exit code and every command."""
        assert cli.main(["--help"]) == 0
        top = capsys.readouterr().out
        assert cli.EPILOG in top
        assert [line.split()[0] for line in cli.EPILOG.splitlines()[1:]] == ["0", "1", "2", "3", "4", "5", "130"]
        for command in ("new-realtime-session", "get-configuration", "mock-server", "demo"):
            assert command in top

    def test_no_command_prints_help_and_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Bare `psopenapi` shows the help and exits 2."""
        assert cli.main([]) == 2
        assert capsys.readouterr().out.startswith("usage: psopenapi")


# --------------------------------------------------------------------------------------------------
# The shell examples of docs/CLI.md and README.md run as written


def bash_blocks(text: str) -> list[str]:
    """The ```bash blocks of a markdown text."""
    return [m.group(1) for m in re.finditer(r"^```bash\n(.*?)^```$", text, re.S | re.M)]


@pytest.fixture
def psopenapi_on_path(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment whose PATH starts with a `psopenapi` that is `python -m psopenapi_py` of this interpreter."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "psopenapi"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m psopenapi_py "$@"\n')
    wrapper.chmod(0o755)
    yield {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def run_bash(block: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run one shell block with `set -eo pipefail`; kill its whole process group if it hangs."""
    proc = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail", "-c", block],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(
            f"shell block did not finish in {timeout} s:\n{block}\n--- stdout ---\n{out}\n--- stderr ---\n{err}"
        )
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_cli_page_shell_examples_run(
    mock_server: MockServer, psopenapi_on_path: dict[str, str], tmp_path: Path
) -> None:
    """Every ```bash block of docs/CLI.md runs, in order in one folder, against the mock server (key sk-example)."""
    blocks = bash_blocks((ROOT / "docs" / "CLI.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    env = {**psopenapi_on_path, **env_for(mock_server)}
    work = tmp_path / "work"
    work.mkdir()
    for number, block in enumerate(blocks, 1):
        done = run_bash(block, env, work)
        assert done.returncode == 0, f"docs/CLI.md bash block {number} failed:\n{block}\n--- stderr ---\n{done.stderr}"
        assert "Traceback" not in done.stderr, f"block {number}:\n{done.stderr}"
    assert mock_server.requests, "the examples never reached the mock server"


def test_readme_ops_example_runs(psopenapi_on_path: dict[str, str], tmp_path: Path) -> None:
    """The README's shell example after the set-up commands runs against a mock server that takes any key."""
    blocks = [
        b for b in bash_blocks((ROOT / "README.md").read_text(encoding="utf-8")) if "new-realtime-client-secret" in b
    ]
    assert len(blocks) == 1 and len(blocks[0].strip().splitlines()) == 4
    with MockServer() as server:
        done = run_bash(blocks[0], {**psopenapi_on_path, "OPENAI_BASE_URL": server.url}, tmp_path)
        assert (done.returncode, done.stderr) == (0, "")
        assert [r.status for r in server.requests] == [200]
