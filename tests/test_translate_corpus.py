"""Real-world scripts, translated and run against the mock server: the same bodies and the same output as pwsh.

The corpus is tests/ps_corpus (the project's own scripts, each with its purpose and the constructs it uses)
and, where ../shared is present, the public target examples/ps-ops. Each script must translate with no
warning; run against the mock server (started with the key sk-example), it must send exactly
NAME.expected.json and print exactly NAME.expected.out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from psopenapi_py import translate_powershell
from psopenapi_py.mock_server import MockServer

HERE = Path(__file__).resolve().parent
#: The shared ops examples, where ../shared is present (a plain clone has only ps_corpus).
SHARED_OPS = HERE.parent.parent / "shared" / "examples" / "ps-ops"
SCRIPTS = sorted(HERE.joinpath("ps_corpus").glob("*.ps1")) + sorted(SHARED_OPS.glob("*.ps1"))


def test_the_corpus_has_its_scripts() -> None:
    """At least 25 of the project's own scripts, each with its expected bodies and output."""
    own = sorted(HERE.joinpath("ps_corpus").glob("*.ps1"))
    assert len(own) >= 25
    for script in own:
        assert (
            script.with_suffix(".expected.json").exists() or script.with_name(script.stem + ".expected.json").exists()
        )
        assert script.with_name(script.stem + ".expected.out").exists()


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_translates_with_no_warning_and_behaves_as_in_powershell(script: Path, mock_server: MockServer) -> None:
    result = translate_powershell(script.read_text(encoding="utf-8"))
    assert [str(w) for w in result.warnings] == []
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(OPENAI_BASE_URL=mock_server.url, OPENAI_API_KEY="sk-example", LANG="C.UTF-8")
    proc = subprocess.run([sys.executable, "-c", result.python], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    expected_bodies = json.loads(script.with_name(script.stem + ".expected.json").read_text(encoding="utf-8"))
    assert [r.body for r in mock_server.requests] == expected_bodies
    expected_out = script.with_name(script.stem + ".expected.out").read_text(encoding="utf-8")
    assert proc.stdout.splitlines() == expected_out.splitlines()
