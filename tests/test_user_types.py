"""User code type-checks: ``mypy --strict`` on the docs' Python examples and on user-style snippets.

The package ships ``py.typed``, so its signatures are part of what users see: a plain call whose
result is read as the docs show (``r.value`` as a ``str``, ``info.status_code`` as an ``int``) must
pass a strict type checker without casts. mypy runs as a subprocess on files in a temporary folder,
each docs page as one module (its blocks in order, as tests/test_docs.py runs them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from test_docs import ROOT, python_blocks

#: What users write after reading the docs (README's quick start and the issue that asked for this).
USER_SNIPPETS = {
    "client_secret_value": """
        from psopenapi_py import new_realtime_client_secret

        r = new_realtime_client_secret({"session": {"type": "realtime", "model": "gpt-realtime"}})
        key: str = r.value
        expires: int = r.expires_at
    """,
    "session_with_http_info": """
        from psopenapi_py import new_realtime_session

        info = new_realtime_session({"model": "gpt-4o-realtime-preview"}, with_http_info=True)
        code: int = info.status_code
        s: str = info.response.client_secret.value
        request_id: str | None = info.headers.get("x-request-id")
    """,
    "call_answer": """
        from psopenapi_py import ApiResponse, invoke_hangup_realtime_call, new_realtime_call

        answer: str = new_realtime_call("v=0\\r\\n")
        info = new_realtime_call("v=0\\r\\n", with_http_info=True)
        call_id: str | None = info.call_id
        sdp: str = info.response
        done: None = invoke_hangup_realtime_call("rtc_1")
        wrapped: ApiResponse[None] = invoke_hangup_realtime_call("rtc_1", with_http_info=True)
    """,
    "extra_body": """
        from psopenapi_py import new_realtime_client_secret

        r = new_realtime_client_secret(
            {"session": {"type": "realtime"}},
            extra_body={"session": {"audio": {"input": {"noise_reduction": {"strength": 0.5}}}}},
        )
        print(r.expires_at + 60)
    """,
    "serve_from_os_environ": """
        import os
        from types import MappingProxyType

        from psopenapi_py.serve import ServeApp, WSGIServer, create_app, make_server, parse_config

        data = {"session": {"type": "realtime"}, "auth": {"none": True}}
        app: ServeApp = create_app(parse_config(data, environ=os.environ))
        frozen = parse_config(data, environ=MappingProxyType({"OPENAI_API_KEY": "sk-x"}))
        server: WSGIServer = make_server(create_app(frozen), "127.0.0.1", 0)
    """,
}


def _docs_modules() -> dict[str, str]:
    """Each docs page (and the README) with Python examples, as one module of its blocks in order."""
    # translate.md's Python is the translator's output (run and compared by test_docs), not typed user code.
    pages = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "translate.md"] + [ROOT / "README.md"]
    modules = {}
    for page in pages:
        blocks = python_blocks(page.read_text(encoding="utf-8"))
        if blocks:
            modules[f"docs_{page.stem}"] = "\n".join(block.code for block in blocks)
    return modules


def run_mypy_strict(modules: dict[str, str], folder: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict over the given modules (name -> source), written to ``folder``."""
    paths = []
    for name, source in modules.items():
        path = folder / f"{name}.py"
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        paths.append(str(path))
    # A config of its own: the project's setup.cfg is not what a user's project has. MYPYPATH finds
    # the package (an editable install hides it from mypy); its own errors are mypy's job in the
    # project's run, and here they are not reported, as for a package installed in site-packages.
    config = folder / "mypy.ini"
    # A docs page is a run of separate examples sharing one namespace (as tests/test_docs.py runs them),
    # so a name may stand for a request in one example and an answer in the next: the page modules,
    # and only they, may give a variable a new type.
    pages = ",".join(name for name in modules if name.startswith("docs_"))
    config.write_text(
        f"[mypy]\n[mypy-psopenapi_py.*]\nignore_errors = True\n[mypy-{pages}]\nallow_redefinition = True\n",
        encoding="utf-8",
    )
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", str(config), *paths],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )


def test_docs_examples_and_user_snippets_pass_mypy_strict(tmp_path: Path) -> None:
    modules = {**_docs_modules(), **{f"snippet_{k}": v for k, v in USER_SNIPPETS.items()}}
    result = run_mypy_strict(modules, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


def test_signatures_read_cleanly_in_help_with_a_named_not_given_default() -> None:
    """help() and IDEs show ``= NOT_GIVEN``, never ``<object object at 0x...>``, for every public function."""
    import inspect

    import psopenapi_py

    shown = {
        name: str(inspect.signature(obj))
        for name in psopenapi_py.__all__
        if inspect.isfunction(obj := getattr(psopenapi_py, name))
    }
    assert [name for name, text in shown.items() if "<object object" in text] == []
    assert "base_url: 'str | None | NotGiven' = NOT_GIVEN" in shown["set_configuration"]
    assert repr(psopenapi_py.NOT_GIVEN) == "NOT_GIVEN"


def test_an_answer_field_left_out_reads_as_none_and_stays_out_of_to_dict() -> None:
    """Response models never hand the UNSET sentinel to a reader; what was absent is still not sent back."""
    from psopenapi_py import UNSET, RealtimeCreateClientSecretResponse, RealtimeSessionCreateResponseGA

    answer: dict[str, Any] = {
        "value": "ek_1",
        "expires_at": 5,
        "session": {"type": "realtime", "id": "sess_1", "object": "realtime.session"},
    }
    parsed = RealtimeCreateClientSecretResponse.from_dict(answer)
    session = parsed.session
    assert isinstance(session, RealtimeSessionCreateResponseGA)
    assert (session.expires_at, session.audio, session.instructions) == (None, None, None)
    assert all(getattr(session, name) is not UNSET for name, _ in session._wire_fields)
    assert parsed.to_dict() == answer
    assert repr(session) == "RealtimeSessionCreateResponseGA(type='realtime', id='sess_1', object='realtime.session')"
    assert dict(session) == {"type": "realtime", "id": "sess_1", "object": "realtime.session"}
    # JSON null in an answer is kept as null, apart from a key that was not there at all.
    with_null = RealtimeSessionCreateResponseGA.from_dict({**answer["session"], "instructions": None})
    assert with_null.to_dict() == {**answer["session"], "instructions": None}
