"""``import psopenapi_py`` loads only what building models needs; the rest comes on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import psopenapi_py

ON_FIRST_USE = [
    "logging",
    "psopenapi_py._log",
    "psopenapi_py._transport",
    "psopenapi_py.migration",
    "psopenapi_py.models.realtime_calls",
    "psopenapi_py.models.realtime_client_secrets",
    "psopenapi_py.models.realtime_transcription_sessions",
    "psopenapi_py.models.realtime_translations",
    "psopenapi_py.realtime_api",
    "psopenapi_py.translate",
    "requests",
]


def _loaded_after(code: str) -> list[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in {ON_FIRST_USE!r} if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


def test_import_leaves_out_logging_the_http_path_the_ga_models_and_the_translator() -> None:
    """A bare import, and building and serialising a request, load none of the first-use modules."""
    code = (
        "import psopenapi_py\n"
        "psopenapi_py.initialize_realtime_session_create_request(model='gpt-4o-realtime-preview').to_json()"
    )
    assert _loaded_after(code) == []


def test_a_bare_import_leaves_out_json_until_something_is_serialised() -> None:
    """json comes with the first to_json() or parse, not with the import."""
    probe = "import sys, psopenapi_py\nprint('json' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_first_call_loads_the_http_path_and_logging() -> None:
    """Naming new_realtime_session loads the HTTP path and the logger; requests waits for the first request."""
    assert _loaded_after("from psopenapi_py import new_realtime_session") == [
        "logging",
        "psopenapi_py._log",
        "psopenapi_py._transport",
        "psopenapi_py.realtime_api",
    ]


def test_the_package_logger_has_a_null_handler_once_a_module_that_logs_is_loaded() -> None:
    """Whatever loads logging for us also gives the package logger its NullHandler (no lastResort output)."""
    code = (
        "import logging, psopenapi_py.mock_server, psopenapi_py.realtime_api\n"
        "print([type(h).__name__ for h in logging.getLogger('psopenapi_py').handlers])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['NullHandler']"


def test_lazy_names_resolve_to_the_functions_of_their_modules() -> None:
    """Every name bound on first use is the object its module defines, and stays bound afterwards."""
    from importlib import import_module

    for name, module in psopenapi_py._LAZY_EXPORTS.items():
        value = getattr(psopenapi_py, name)
        assert value is getattr(import_module(f"psopenapi_py.{module}"), name)
        assert vars(psopenapi_py)[name] is value


def test_the_command_line_parses_and_helps_without_the_http_path_or_the_ga_models() -> None:
    """psopenapi --version and --help load none of the modules kept for first use (HTTP path, logging, GA models, translator)."""
    for argv in (["--version"], ["new-realtime-client-secret", "--help"], ["mock-server", "--help"]):
        code = (
            "import contextlib, io\n"
            "from psopenapi_py.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0"
        )
        assert _loaded_after(code) == [], argv
