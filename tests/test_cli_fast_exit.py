"""A command-line run of psopenapi ends without the interpreter's final garbage collection; main([...]) does not."""

from __future__ import annotations

import subprocess
import sys

# The probe's atexit hook is registered before main() runs, so it runs after main()'s own hook (LIFO).
PROBE = """
import atexit, gc, sys
atexit.register(lambda: sys.stderr.write(f"frozen={gc.get_freeze_count() > 0}"))
from psopenapi_py.cli import main
{call}
"""


def _frozen_at_exit(call: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("{call}", call)], capture_output=True, text=True, timeout=60
    )
    return done.stderr.strip().splitlines()[-1]


def test_a_command_line_run_freezes_objects_before_the_final_collection() -> None:
    """With argv from the command line (console script, python -m), objects are frozen at exit."""
    call = "sys.argv = ['psopenapi', '--version']\nmain()"
    assert _frozen_at_exit(call) == "frozen=True"


def test_main_called_with_arguments_leaves_garbage_collection_alone() -> None:
    """A program calling main([...]) itself keeps its final collection."""
    assert _frozen_at_exit("main(['--version'])") == "frozen=False"


def test_the_console_script_still_prints_and_exits_zero() -> None:
    """python -m psopenapi_py --version prints the version and exits 0 with the hook in place."""
    done = subprocess.run(
        [sys.executable, "-m", "psopenapi_py", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.startswith("psopenapi "), done.stderr) == (0, True, "")
