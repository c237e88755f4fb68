"""The psopenapi command under hostile or careless use (issue 14): shell outputs, secrets on the command
line, Windows-made files, deep JSON, control characters, and usage errors, as a user sees them.

Subprocess tests where only a real process shows the behaviour (bash, stdin, exit codes); main([...])
with capsys elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from recording_server import RecordingServer, Reply, free_port, recording_server
from test_cli import EPHEMERAL_KEY, MODEL, ROOT, bash_blocks, env_for, psopenapi_on_path, run

from psopenapi_py import cli
from psopenapi_py.mock_server import MockServer

__all__ = ["psopenapi_on_path"]  # a fixture, used by name

GA = "new-realtime-client-secret"
GA_PROG = f"psopenapi {GA}"
#: Shaped like a real project key, so a leak of it would be seen.
REAL_LOOKING_KEY = "sk-proj-Zx8vQ2mN4pL6rT1yW3eR5uI7oP9aS0dF2gH4jK6lZ8xC0vB2nM4qW6eR8tY0uI2o"


def answer_with_key(server: RecordingServer, key: str, expires_at: int = 1700000000) -> None:
    server.default = Reply(200, {"value": key, "expires_at": expires_at, "session": {"type": "realtime"}})


# --------------------------------------------------------------------------------------------------
# 1. Shell outputs: env exports, dotenv, pwsh; the README's form stops on a failed mint


class TestShellOutputs:
    def test_env_output_exports_each_variable_shell_quoted(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--output env writes `export NAME='value'` lines; a hostile key stays one quoted word."""
        answer_with_key(configured, "ek_$(touch pwned)'x")
        assert cli.main([GA, "--output", "env"]) == 0
        assert capsys.readouterr().out == (
            "export OPENAI_EPHEMERAL_KEY='ek_$(touch pwned)'\"'\"'x'\nexport OPENAI_EPHEMERAL_KEY_EXPIRES_AT=1700000000\n"
        )

    def test_dotenv_output_is_single_quoted_lines(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--output dotenv writes NAME='value' lines that a shell's `set -a; . FILE` reads back unchanged."""
        answer_with_key(configured, "ek_$HOME`id`")
        assert cli.main([GA, "--output", "dotenv"]) == 0
        out = capsys.readouterr().out
        assert out == "OPENAI_EPHEMERAL_KEY='ek_$HOME`id`'\nOPENAI_EPHEMERAL_KEY_EXPIRES_AT='1700000000'\n"
        (tmp_path / ".env").write_text(out)
        done = subprocess.run(
            ["bash", "-c", 'set -a; . ./.env; sh -c \'printf "%s|%s" "$OPENAI_EPHEMERAL_KEY" "$OPENAI_EPHEMERAL_KEY_EXPIRES_AT"\''],
            capture_output=True, text=True, cwd=tmp_path, timeout=30,
        )  # fmt: skip
        assert (done.returncode, done.stdout) == (0, "ek_$HOME`id`|1700000000")

    def test_dotenv_refuses_a_key_no_dotenv_reader_reads_unchanged(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A key with a quote or a backslash cannot be a .env value for every reader: exit 4, stdout empty."""
        answer_with_key(configured, "ek_a'b")
        assert cli.main([GA, "--output", "dotenv"]) == 4
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"{GA_PROG}: error: --output dotenv: the answer's OPENAI_EPHEMERAL_KEY contains a quote or a "
            "backslash, which a .env file cannot hold unchanged for every reader; use --output env or json.\n"
        )

    def test_pwsh_output_doubles_single_quotes(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--output pwsh writes `$env:NAME = '...'` with every single quote (also the typographic ones) doubled."""
        answer_with_key(configured, "ek_a'b\u2019c$d")
        assert cli.main([GA, "--output", "pwsh"]) == 0
        assert capsys.readouterr().out == (
            "$env:OPENAI_EPHEMERAL_KEY = 'ek_a''b\u2019\u2019c$d'\n$env:OPENAI_EPHEMERAL_KEY_EXPIRES_AT = '1700000000'\n"
        )

    def test_failed_mint_prints_nothing_and_exits_non_zero(self, mock_server: MockServer) -> None:
        """A refused mint (wrong key) in every key output: stdout empty, exit 4."""
        for output in ("token", "env", "dotenv", "pwsh"):
            done = run(GA, "--output", output, "--api-key", "sk-wrong", env={"OPENAI_BASE_URL": mock_server.url})
            assert (done.returncode, done.stdout) == (4, ""), output

    def readme_block(self) -> str:
        blocks = [b for b in bash_blocks((ROOT / "README.md").read_text(encoding="utf-8")) if "--output env" in b]
        assert len(blocks) == 1
        return blocks[0]

    def test_readme_form_exports_the_key_to_child_processes(
        self, psopenapi_on_path: dict[str, str], tmp_path: Path
    ) -> None:
        """The README's mint block, run by bash: a child process started after it sees the key and its expiry."""
        block = (
            self.readme_block()
            + 'sh -c \'printf "child:%s|%s\\n" "$OPENAI_EPHEMERAL_KEY" "$OPENAI_EPHEMERAL_KEY_EXPIRES_AT"\'\n'
        )
        with MockServer() as server:
            done = subprocess.run(
                ["bash", "-c", block], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                env={**psopenapi_on_path, "OPENAI_BASE_URL": server.url},
            )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        first, child = done.stdout.splitlines()
        assert first.startswith("ephemeral key ready, expires at ")
        key, expires_at = child.removeprefix("child:").split("|")
        assert EPHEMERAL_KEY.fullmatch(key)
        assert first == f"ephemeral key ready, expires at {expires_at} (Unix time)"

    def test_readme_form_stops_on_a_failed_mint(self, psopenapi_on_path: dict[str, str], tmp_path: Path) -> None:
        """The README's mint block with nothing listening: bash stops at the mint with its exit code (5), and
        nothing after it runs (no set -e needed)."""
        block = self.readme_block() + "echo after\n"
        done = subprocess.run(
            ["bash", "-c", block], capture_output=True, text=True, cwd=tmp_path, timeout=60,
            env={**psopenapi_on_path, "OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1"},
        )  # fmt: skip
        assert (done.returncode, done.stdout) == (5, "")
        assert done.stderr.startswith("psopenapi new-realtime-client-secret: error: Connection to http://127.0.0.1:")


# --------------------------------------------------------------------------------------------------
# 3 and 11. Usage errors: reported by the subcommand that got them, values never repeated; per-command exit codes


class TestUsageErrors:
    def test_unknown_option_is_reported_by_its_subcommand(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`psopenapi new-realtime-call --bogus`: the subcommand names the option; exit 2."""
        assert cli.main(["new-realtime-call", "--bogus"]) == 2
        assert capsys.readouterr().err == (
            "psopenapi new-realtime-call: error: unrecognized arguments: --bogus (see psopenapi new-realtime-call --help)\n"
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--api_key", REAL_LOOKING_KEY], "unrecognized arguments: --api_key and 1 value (not shown)"),
            ([f"--api_key={REAL_LOOKING_KEY}"], "unrecognized arguments: --api_key=…"),
            (["--api-key", "sk-x", REAL_LOOKING_KEY], "unrecognized arguments: 1 value (not shown)"),
            (
                ["--output", REAL_LOOKING_KEY],
                "argument --output: invalid choice (the value is not shown) (choose from json, token, env, dotenv, pwsh)",
            ),
            (
                ["--output", "tokn"],
                "argument --output: invalid choice (the value is not shown); did you mean token? "
                "(choose from json, token, env, dotenv, pwsh)",
            ),
            ([f"--api={REAL_LOOKING_KEY}"], "ambiguous option: --api=… could match --api-key, --api-key-file"),
            (["--timeout", REAL_LOOKING_KEY], "argument --timeout: expected a number >= 0, got '<redacted>'"),
            (["--timeout", "\x1b]0;x\x07"], "argument --timeout: expected a number >= 0, got '\\x1b]0;x\\x07'"),
        ],
        ids=[
            "spaced",
            "attached",
            "stray-value",
            "choice",
            "choice-typo",
            "ambiguous-abbreviation",
            "key-as-a-number",
            "controls-as-a-number",
        ],  # fmt: skip
    )
    def test_a_mistyped_option_never_echoes_its_value(
        self, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        """A key typed after a misspelt option (or given to a choice option) is not in the usage error."""
        assert cli.main([GA, *args]) == 2
        err = capsys.readouterr().err
        assert err == f"{GA_PROG}: error: {message} (see {GA_PROG} --help)\n"
        assert "Zx8vQ2mN4" not in err

    def test_a_mistyped_command_is_not_echoed_but_the_closest_is_suggested(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown command: exit 2, the closest command suggested, the typed word not repeated."""
        assert cli.main(["new-realtime-sesion"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(
            "psopenapi: error: argument COMMAND: invalid choice (the value is not shown); did you mean "
            "new-realtime-session? (choose from new-realtime-session, new-realtime-client-secret, "
        )
        assert "sesion" not in err

    def test_the_process_reports_a_mistyped_key_option_without_the_key(self) -> None:
        """As a real process: exit 2, stdout empty, the key nowhere in stderr."""
        done = run(GA, "--api_key", REAL_LOOKING_KEY)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            f"{GA_PROG}: error: unrecognized arguments: --api_key and 1 value (not shown) (see {GA_PROG} --help)\n"
        )

    @pytest.mark.parametrize(
        ("command", "codes"),
        [
            (GA, ["0", "2", "3", "4", "5", "130"]),
            ("new-realtime-call", ["0", "2", "3", "4", "5", "130"]),
            ("invoke-hangup-realtime-call", ["0", "2", "3", "4", "5", "130"]),
            ("get-configuration", ["0", "2", "130"]),
            ("mock-server", ["0", "2", "130"]),
            ("demo", ["0", "2", "4", "130"]),
            ("translate", ["0", "1", "2", "130"]),
        ],
    )
    def test_each_subcommand_help_lists_only_its_exit_codes(
        self, capsys: pytest.CaptureFixture[str], command: str, codes: list[str]
    ) -> None:
        """A subcommand's --help lists the exit codes that command can return, 130 (interrupted) included."""
        assert cli.main([command, "--help"]) == 0
        block = capsys.readouterr().out.split("exit codes:\n")[1]
        assert [line.split()[0] for line in block.splitlines()] == codes
        assert "130  interrupted (Ctrl-C) before the command finished" in block


# --------------------------------------------------------------------------------------------------
# 5 and 6. JSON nested too deep, and files Windows PowerShell writes

DEEP = "[" * 100_000


class TestInputFiles:
    def test_deeply_nested_body_file_is_one_line_exit_2(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A --body nested 100,000 deep: exit 2, one line naming --body and the file; nothing sent."""
        path = tmp_path / "deep.json"
        path.write_text(DEEP)
        assert cli.main([GA, "--body", str(path)]) == 2
        assert capsys.readouterr().err == (
            f"{GA_PROG}: error: --body: {str(path)!r} is JSON nested more than 100 levels deep.\n"
        )
        assert configured.requests == []

    def test_deeply_nested_tool_is_one_line_exit_2(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--tool nested 100,000 deep: exit 2, one line (the JSON is not repeated); nothing sent."""
        assert cli.main(["new-realtime-session", "--model", MODEL, "--tool", DEEP]) == 2
        assert capsys.readouterr().err == (
            "psopenapi new-realtime-session: error: --tool is JSON nested more than 100 levels deep.\n"
        )
        assert configured.requests == []

    def test_deeply_nested_body_on_stdin_in_a_process(self) -> None:
        """The same through stdin in a real process: no traceback, exit 2."""
        done = run(GA, "--body", "-", stdin=DEEP, env={"OPENAI_API_KEY": "sk-x"})
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == f"{GA_PROG}: error: --body: stdin is JSON nested more than 100 levels deep.\n"

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom"])
    def test_body_file_written_by_windows_powershell(
        self, configured: RecordingServer, tmp_path: Path, encoding: str
    ) -> None:
        """--body files with a UTF-8 BOM, or UTF-16 (LE or BE) with a BOM, are read like UTF-8 ones."""
        answer_with_key(configured, "ek_1")
        text = '{"session": {"type": "realtime", "instructions": "Grüß dich"}}'
        data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
        path = tmp_path / "body.json"
        path.write_bytes(data)
        assert cli.main([GA, "--body", str(path), "--output", "token"]) == 0
        assert configured.requests[0].json == {"session": {"type": "realtime", "instructions": "Grüß dich"}}

    def test_body_on_stdin_with_a_bom(self, mock_server: MockServer) -> None:
        """`Get-Content body.json | psopenapi ... --body -` style: UTF-16 with a BOM on stdin is read too."""
        body = '\ufeff{"session": {"type": "realtime", "model": "gpt-realtime"}}'.encode("utf-16-le")
        done = subprocess.run(
            [sys.executable, "-m", "psopenapi_py", GA, "--body", "-", "--output", "token"],
            input=body, capture_output=True, env={**os.environ, **env_for(mock_server)}, timeout=30,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, b"")
        assert mock_server.requests[0].body == {"session": {"type": "realtime", "model": "gpt-realtime"}}

    def test_sdp_file_in_utf16_with_a_bom(
        self,
        mock_server: MockServer,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """--sdp-file written by Windows PowerShell (UTF-16 LE with a BOM) is posted as the same offer."""
        for name, value in env_for(mock_server).items():
            monkeypatch.setenv(name, value)
        offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
        path = tmp_path / "offer.sdp"
        path.write_bytes(offer.encode("utf-16"))
        assert cli.main(["new-realtime-call", "--sdp-file", str(path)]) == 0
        assert mock_server.requests[0].body == {"sdp": offer}
        assert capsys.readouterr().out.startswith("v=0\r\n")


# --------------------------------------------------------------------------------------------------
# 4. The API key from stdin or a file, out of process lists


class TestApiKeySources:
    def test_api_key_dash_reads_the_key_from_stdin(self, mock_server: MockServer) -> None:
        """`--api-key -`: the first line of stdin is the key (its newline dropped); the mock accepts it."""
        with MockServer(api_key=REAL_LOOKING_KEY) as server:
            done = run(
                GA,
                "--api-key",
                "-",
                "--output",
                "token",
                stdin=REAL_LOOKING_KEY + "\r\n",
                env={"OPENAI_BASE_URL": server.url},
            )
            assert (done.returncode, done.stderr) == (0, "")
            assert EPHEMERAL_KEY.fullmatch(done.stdout.strip())
            assert [r.status for r in server.requests] == [200]

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
    def test_api_key_file_gives_its_first_line(self, tmp_path: Path, encoding: str) -> None:
        """--api-key-file PATH: the first line (newline dropped), also from a file Windows PowerShell wrote."""
        path = tmp_path / "key.txt"
        path.write_bytes(f"{REAL_LOOKING_KEY}\nsecond line is ignored\n".encode(encoding))
        with MockServer(api_key=REAL_LOOKING_KEY) as server:
            done = run(GA, "--api-key-file", str(path), "--output", "token", env={"OPENAI_BASE_URL": server.url})
            assert (done.returncode, done.stderr) == (0, "")
            assert [r.status for r in server.requests] == [200]

    def test_key_from_a_file_is_redacted_in_error_lines(self, tmp_path: Path) -> None:
        """A server that echoes a key read from --api-key-file: the error line shows <redacted>."""
        path = tmp_path / "key.txt"
        path.write_text("k3y-without-a-prefix-998877\n")
        with recording_server() as server:
            server.default = Reply(401, {"error": {"message": "Bad key k3y-without-a-prefix-998877."}})
            done = run(GA, "--api-key-file", str(path), env={"OPENAI_BASE_URL": server.url})
        assert done.returncode == 4
        assert done.stderr == f"{GA_PROG}: error: (401) Unauthorized: Bad key <redacted>. [request id req_1]\n"

    def test_mock_server_api_key_dash_reads_stdin(self) -> None:
        """`mock-server --api-key -` takes the key it accepts from stdin: that key is 200, another 401."""
        import signal

        proc = subprocess.Popen(
            [sys.executable, "-m", "psopenapi_py", "mock-server", "--port", "0", "--quiet", "--api-key", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(REAL_LOOKING_KEY + "\n")
            proc.stdin.close()
            url = proc.stdout.readline().strip()
            good = run(GA, "--output", "token", env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": REAL_LOOKING_KEY})
            bad = run(GA, "--output", "token", env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-other-key-000"})
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()  # type: ignore[union-attr]
            proc.stderr.close()  # type: ignore[union-attr]
        assert (good.returncode, bad.returncode) == (0, 4)

    @pytest.mark.parametrize(
        ("args", "stdin", "message"),
        [
            (
                ["--api-key-file", "{missing}"],
                "",
                "--api-key-file: cannot read {missing!r}: No such file or directory.",
            ),
            (["--api-key-file", "{empty}"], "", "--api-key-file: {empty!r} has no key on its first line."),
            (["--api-key", "-"], "\n", "--api-key -: stdin has no key on its first line."),
            (
                ["--api-key", "-", "--body", "-"],
                "{}",
                "--body - and --api-key - both want stdin: give one of them as a file.",
            ),
            (
                ["--api-key", "sk-x", "--api-key-file", "{empty}"],
                "",
                "argument --api-key-file: not allowed with argument --api-key (see psopenapi new-realtime-client-secret --help)",
            ),
            (
                ["--api-key-file", "{spaced}"],
                "",
                "Invalid value for --api-key-file: the API key contains spaces, line breaks or non-ASCII characters. "
                "Check for a trailing newline or quotes copied along with it. (nothing was sent)",
            ),
        ],
        ids=["missing-file", "empty-file", "empty-stdin", "two-stdins", "both-options", "bad-key"],
    )
    def test_bad_key_source_is_a_usage_error(self, tmp_path: Path, args: list[str], stdin: str, message: str) -> None:
        """An unreadable or empty key source, or two sources: exit 2, one line naming the option (and the path)."""
        paths = {
            "missing": str(tmp_path / "nope.txt"),
            "empty": str(tmp_path / "empty.txt"),
            "spaced": str(tmp_path / "spaced.txt"),
        }
        Path(paths["empty"]).write_text("")
        Path(paths["spaced"]).write_text("sk-with a-space\n")
        argv = [arg.format(**paths) for arg in args]
        done = run(GA, *argv, stdin=stdin, env={"OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1"})
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == f"{GA_PROG}: error: {message.format(**paths)}\n"


# --------------------------------------------------------------------------------------------------
# 9 and 10 (CLI side): get-configuration's proxy and ids; option names and the client's messages


class TestConfigurationAndTransportMessages:
    def test_get_configuration_shows_the_environment_proxy_redacted_and_the_ids(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A proxy from HTTPS_PROXY (password hidden), OPENAI_ORG_ID and OPENAI_PROJECT_ID are shown."""
        monkeypatch.setenv("HTTPS_PROXY", "http://ops:proxy-pass-5678@proxy.example:3128")
        monkeypatch.setenv("OPENAI_ORG_ID", "org-abc")
        monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_123")
        assert cli.main(["get-configuration"]) == 0
        out = capsys.readouterr().out
        settings = json.loads(out)
        assert (settings["proxy"], settings["org_id"], settings["project_id"]) == (
            "http://ops:<redacted>@proxy.example:3128",
            "org-abc",
            "proj_123",
        )
        assert "proxy-pass" not in out

    def test_get_configuration_shows_no_proxy_for_a_loopback_base_url(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Loopback never goes through a proxy from the environment, and get-configuration says so (null)."""
        monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
        assert cli.main(["get-configuration", "--base-url", "http://127.0.0.1:8765/v1"]) == 0
        settings = json.loads(capsys.readouterr().out)
        assert (settings["proxy"], settings["org_id"], settings["project_id"]) == (None, None, None)

    def test_a_dead_proxy_is_named_in_the_error_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A proxy that refuses the connection: exit 5, the line names the proxy (password hidden)."""
        port = free_port()
        monkeypatch.setenv("HTTP_PROXY", f"http://ops:proxy-pass-5678@127.0.0.1:{port}")
        args = [GA, "--api-key", "sk-x", "--base-url", "http://api.example.invalid/v1", "--max-retries", "0"]
        assert cli.main(args) == 5
        err = capsys.readouterr().err
        assert err.startswith(
            f"{GA_PROG}: error: Connection to the proxy http://ops:<redacted>@127.0.0.1:{port} failed: connection refused"
        )
        assert "proxy-pass" not in err

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--timeout", "0"], "Invalid value for --timeout: 0.0. Must be > 0. (nothing was sent)"),
        ],
        ids=["timeout-0"],
    )
    def test_a_refused_setting_is_named_as_its_option(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        """`--timeout 0` is reported as --timeout, the option typed, not as the setting timeout_sec."""
        assert cli.main([GA, *args]) == 2
        assert capsys.readouterr().err == f"{GA_PROG}: error: {message}\n"
        assert configured.requests == []

    def test_a_refused_redirect_says_where_it_pointed(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 307: exit 4, the line says the redirect to its Location was not followed (credentials hidden)."""
        configured.default = Reply(307, b"", headers={"Location": "https://elsewhere.example/v1?api_key=sk-leak-0000"})
        assert cli.main([GA]) == 4
        assert capsys.readouterr().err == (
            f"{GA_PROG}: error: (307) Temporary Redirect: the redirect to https://elsewhere.example/v1?api_key=<redacted> "
            "was not followed: API calls never follow redirects. [request id req_1]\n"
        )

    def test_a_503_asking_for_too_long_a_wait_says_why_it_was_not_retried(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 503 with Retry-After: 3600: exit 4 after one attempt, the line says why it was not retried."""
        configured.default = Reply(503, {"error": {"message": "Busy."}}, headers={"Retry-After": "3600"})
        assert cli.main([GA]) == 4
        assert capsys.readouterr().err == (
            f"{GA_PROG}: error: (503) Service Unavailable: Busy. (not retried: the server asked to wait 3600 s, "
            "more than the 120 s this client waits) [request id req_1]\n"
        )
        assert len(configured.requests) == 1


# --------------------------------------------------------------------------------------------------
# 7. Control characters from a server never reach the terminal raw

OSC_TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"


class TestControlCharacters:
    def test_an_api_error_message_is_shown_with_controls_escaped(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """ESC, BEL, an OSC title sequence, C1 CSI and a right-to-left override in an API error: all escaped."""
        configured.default = Reply(400, {"error": {"message": f"Bad{OSC_TITLE}{CLEAR} \x9b31m request\u202e."}})
        assert cli.main([GA]) == 4
        assert capsys.readouterr().err == (
            f"{GA_PROG}: error: (400) Bad Request: Bad\\x1b]0;owned\\x07\\x1b[2J \\x9b31m request\\u202e. "
            "[request id req_1]\n"
        )

    @pytest.mark.parametrize("output", ["token", "env", "dotenv", "pwsh"])
    def test_a_key_holding_control_characters_is_refused(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str], output: str
    ) -> None:
        """A key with ESC in it is a hostile answer: exit 4, nothing on stdout, the key not shown."""
        answer_with_key(configured, f"ek_abc{OSC_TITLE}")
        assert cli.main([GA, "--output", output]) == 4
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"{GA_PROG}: error: the API answered with an ephemeral key holding a control character "
            "(\\x1b at character 7); refused as unsafe, nothing was printed.\n"
        )

    def test_a_key_holding_a_line_break_is_refused(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A line break would make `$(...)` read a second line as part of the key: refused too."""
        answer_with_key(configured, "ek_abc\nexport PATH=/tmp")
        assert cli.main([GA, "--output", "env"]) == 4
        assert capsys.readouterr().out == ""

    def test_json_output_escapes_controls_and_keeps_the_values(
        self, configured: RecordingServer, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--output json: C1 and Unicode direction controls become \\u escapes; the parsed value is unchanged."""
        instructions = f"Hi{OSC_TITLE}\x9b2J\u202eé"
        configured.default = Reply(
            200, {"value": "ek_1", "expires_at": 1, "session": {"type": "realtime", "instructions": instructions}}
        )
        assert cli.main([GA]) == 0
        out = capsys.readouterr().out
        assert '"instructions": "Hi\\u001b]0;owned\\u0007\\u009b2J\\u202eé"' in out
        assert json.loads(out)["session"]["instructions"] == instructions

    def test_an_sdp_answer_holding_control_characters_is_refused(
        self, configured: RecordingServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """new-realtime-call passes the SDP answer on byte for byte, so one with ESC is refused: exit 4, stdout empty."""
        configured.default = Reply(
            201,
            "v=0\r\ns=-\r\na=x:\x1b]0;owned\x07\r\n",
            headers={"Content-Type": "application/sdp", "Location": "/v1/realtime/calls/rtc_1"},
        )
        offer = tmp_path / "offer.sdp"
        offer.write_text("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n")
        assert cli.main(["new-realtime-call", "--sdp-file", str(offer)]) == 4
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            "psopenapi new-realtime-call: error: the API answered with an SDP answer holding a control character "
            "(\\x1b at line 3, column 5); refused as unsafe, nothing was printed.\n"
        )

    def test_mock_server_log_escapes_a_clients_control_characters(self) -> None:
        """A client whose request path holds an OSC sequence: the mock-server's access log shows it escaped."""
        import signal
        import socket

        proc = subprocess.Popen(
            [sys.executable, "-m", "psopenapi_py", "mock-server", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().strip()
            port = int(url.rsplit(":", 1)[1].split("/")[0])
            with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                client.sendall(b"POST /v1/x\x1b]0;owned\x07 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                assert client.recv(100).startswith(b"HTTP/1.")
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert "\x1b" not in err and "\x07" not in err
        assert "POST /v1/x\\x1b]0;owned\\x07 -> 404" in err
