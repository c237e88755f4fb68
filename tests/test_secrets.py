"""No secret leaks: every public entry point, at DEBUG logging, with a distinctive API key and ephemeral key.

Scenarios: success (model and with_http_info), a retry, HTTP errors whose bodies echo the API key
(as OpenAI's 401 does), a retired-beta error echoing it, a refused connection, a timeout, a 200 whose
key sits in the wrong place, the GA call when the package has it, and the CLI in every output mode.
Every log record (all loggers, urllib3's too), repr, str, exception message, traceback and CLI stderr
is collected and searched for the API key, every ephemeral key and a proxy-style URL password.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import traceback
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_server import fault_server, respond, silent
from recording_server import free_port

import psopenapi_py
from psopenapi_py import Configuration, new_realtime_session
from psopenapi_py.cli import build_parser, main
from psopenapi_py.mock_server import MockServer

API_KEY = f"sk-proj-SECRETAPIKEY{uuid.uuid4().hex}"
EPHEMERAL_KEY = f"ek_SECRETEPHEMERAL{uuid.uuid4().hex}"
URL_PASSWORD = f"pw-SECRETURL{uuid.uuid4().hex}"
MODEL = "gpt-4o-realtime-preview"
SESSION = {
    "id": "sess_secret",
    "object": "realtime.session",
    "model": MODEL,
    "client_secret": {"value": EPHEMERAL_KEY, "expires_at": 1760000000},
}
ECHOING_401 = {
    "error": {
        "message": f"Incorrect API key provided: {API_KEY}. You can find your API key at https://platform.openai.com.",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }
}
RETIRED_400 = {
    "error": {
        "message": f"The beta shape is disabled for key {API_KEY}.",
        "type": "invalid_request_error",
        "param": None,
        "code": "beta_api_shape_disabled",
    }
}
GA_ANSWER = {
    "value": EPHEMERAL_KEY,
    "expires_at": 1760000000,
    "session": {"type": "realtime", "object": "realtime.session", "id": "sess_ga", "model": "gpt-realtime"},
}


class Collected:
    """Every text a user or an operator could see, by where it came from."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.secrets = {API_KEY, EPHEMERAL_KEY, URL_PASSWORD}

    def add(self, where: str, text: str) -> None:
        self.texts.append((where, text))

    def object(self, where: str, value: Any) -> None:
        """repr and str of a value."""
        self.add(f"repr({where})", repr(value))
        self.add(f"str({where})", str(value))

    def exception(self, where: str, exc: BaseException) -> None:
        """The exception's str, repr and full traceback (chained causes included)."""
        self.object(where, exc)
        self.add(f"traceback({where})", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))

    def leaks(self) -> list[str]:
        return [
            f"{where} shows {secret[:12]}…" for where, text in self.texts for secret in self.secrets if secret in text
        ]


def configuration(url: str, **settings: Any) -> Configuration:
    """Short timeouts and retries, the distinctive key."""
    base = {"access_token": API_KEY, "timeout_sec": 0.5, "connect_timeout_sec": 0.5, "retry_interval_sec": 0.01}
    return Configuration(base_url=url, **{**base, **settings})


@pytest.fixture
def collected(caplog: pytest.LogCaptureFixture) -> Iterator[Collected]:
    """Collect texts during the test, then every log record formatted with its traceback."""
    caplog.set_level(logging.DEBUG)  # the root logger: psopenapi_py, urllib3 and everything else
    found = Collected()
    yield found


def run_api_scenarios(found: Collected) -> None:
    """The library entry points: success, retry, HTTP errors, connection errors, unusable answers."""
    request = {"model": MODEL, "instructions": "secrets"}

    def attempt(where: str, call: Callable[[], Any]) -> Any:
        try:
            result = call()
        except Exception as exc:  # noqa: BLE001 - every outcome is inspected for leaks
            found.exception(where, exc)
            return exc
        found.object(where, result)
        return result

    with MockServer(api_key=API_KEY) as mock:
        config = configuration(mock.url)
        found.object("configuration", config)
        session = attempt("success", lambda: new_realtime_session(request, configuration=config))
        found.secrets.add(session.client_secret.value)
        found.object("client_secret", session.client_secret)
        found.add("to_dict keys", repr(sorted(session.to_dict())))
        info = attempt(
            "with_http_info", lambda: new_realtime_session(request, with_http_info=True, configuration=config)
        )
        found.secrets.add(info.response.client_secret.value)
        found.object("with_http_info.headers", info.headers)
        wrong = configuration(mock.url, access_token=API_KEY + "x")
        attempt("mock 401", lambda: new_realtime_session(request, configuration=wrong))
        config.close()
        wrong.close()

    scripted = [
        ("retry then success", [respond(503, {"error": {"message": "busy"}})], respond(200, SESSION)),
        ("401 echoing the key", [], respond(401, ECHOING_401)),
        ("retired beta echoing the key", [], respond(400, RETIRED_400)),
        ("500 echoing the key as text", [], respond(500, f"upstream said: Bearer {API_KEY}")),
        ("key in the wrong place", [], respond(200, {"client_secret": EPHEMERAL_KEY})),
        ("timeout", [], silent()),
    ]
    for where, script, default in scripted:
        with fault_server(script, default=default) as server:
            config = configuration(server.url, maximum_retry_count=1)
            attempt(where, lambda config=config: new_realtime_session(request, configuration=config))  # type: ignore[misc]
            config.close()
    refused = configuration(f"http://user:{URL_PASSWORD}@127.0.0.1:{free_port()}/v1", maximum_retry_count=1)
    found.object("configuration with a URL password", refused)
    attempt("connection refused", lambda: new_realtime_session(request, configuration=refused))
    refused.close()

    ga = getattr(psopenapi_py, "new_realtime_client_secret", None)
    if ga is not None:
        for where, answer in (("GA success", respond(200, GA_ANSWER)), ("GA 401", respond(401, ECHOING_401))):
            with fault_server(default=answer) as server:
                config = configuration(server.url)
                attempt(where, lambda config=config: ga({}, configuration=config))  # type: ignore[misc]
                config.close()


def run_cli_scenarios(found: Collected, capsys: pytest.CaptureFixture[str]) -> None:
    """Every `new-*` subcommand in every output mode, plus its error paths; stderr is what is checked."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    # new-realtime-call prints an SDP answer, not a key: its output modes differ (tests/test_cli_calls.py).
    commands = sorted(name for name in subparsers.choices if name.startswith("new-") and name != "new-realtime-call")  # type: ignore[union-attr]
    assert "new-realtime-session" in commands
    extras = {"new-realtime-session": ["--model", MODEL], "new-realtime-translation-client-secret": ["--model", "m"]}
    beta_shaped = {"new-realtime-session", "new-realtime-transcription-session"}
    outputs = [["--output", "json"], ["--output", "json", "--with-http-info"], ["--output", "token"]]
    outputs += [["--output", "env", "--with-http-info"], ["--output", "dotenv", "--with-http-info"]]
    outputs += [["--output", "pwsh", "--with-http-info"]]
    with fault_server(default=respond(200, SESSION)) as ok, fault_server(default=respond(401, ECHOING_401)) as bad:
        for command in commands:
            extra = extras.get(command, [])
            ok.default = respond(200, SESSION if command in beta_shaped else GA_ANSWER)
            targets = [(ok.url, o) for o in outputs] + [(bad.url, ["--output", "json"])]
            targets += [(f"http://127.0.0.1:{free_port()}/v1", ["--output", "json"])]
            for url, output in targets:
                argv = [command, *extra, "--base-url", url, "--api-key", API_KEY, "--max-retries", "0", *output]
                code = main(argv)
                captured = capsys.readouterr()
                found.add(f"cli {command} {' '.join(output)} against {url} (exit {code}) stderr", captured.err)
    with tempfile.TemporaryDirectory() as folder, fault_server(default=respond(401, ECHOING_401)) as bad:
        key_file = Path(folder, "key.txt")
        key_file.write_text(API_KEY + "\n")
        code = main(["new-realtime-client-secret", "--base-url", bad.url, "--api-key-file", str(key_file)])
        found.add(f"cli new-realtime-client-secret --api-key-file (exit {code}) stderr", capsys.readouterr().err)
    code = main(["get-configuration", "--api-key", API_KEY])
    captured = capsys.readouterr()
    found.add(f"cli get-configuration (exit {code}) stdout", captured.out)
    found.add(f"cli get-configuration (exit {code}) stderr", captured.err)


def test_no_secret_reaches_logs_reprs_exceptions_tracebacks_or_stderr(
    collected: Collected, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """API key, ephemeral keys and URL password appear in no log record, repr, str, traceback or CLI stderr."""
    run_api_scenarios(collected)
    run_cli_scenarios(collected, capsys)
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    for record in caplog.records:
        collected.add(f"log {record.name}:{record.lineno}", formatter.format(record))
    report = os.environ.get("PSOPENAPI_RELIABILITY_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            figures = {"texts_checked": len(collected.texts), "log_records": len(caplog.records)}
            out.write(json.dumps({"secrets": {**figures, "secrets": len(collected.secrets)}}) + "\n")
    assert len(caplog.records) > 50, "DEBUG logging did not reach the collector"
    assert any(r.name.startswith("urllib3") for r in caplog.records)
    assert len(collected.secrets) >= 5  # the fixed three and the keys the mock minted
    assert collected.leaks() == []


def test_the_leak_check_finds_a_planted_secret() -> None:
    """The collector itself: a secret planted in a repr and in a traceback is reported, with where it was."""
    found = Collected()
    found.object("planted", {"token": API_KEY})
    try:
        raise ValueError(json.dumps({"key": EPHEMERAL_KEY}))
    except ValueError as exc:
        found.exception("planted error", exc)
    assert sorted(found.leaks()) == sorted(
        [
            f"repr(planted) shows {API_KEY[:12]}…",
            f"str(planted) shows {API_KEY[:12]}…",
            f"repr(planted error) shows {EPHEMERAL_KEY[:12]}…",
            f"str(planted error) shows {EPHEMERAL_KEY[:12]}…",
            f"traceback(planted error) shows {EPHEMERAL_KEY[:12]}…",
        ]
    )
