"""A clone of the project with no ../shared beside it: the whole suite collects and a representative part passes.

The project's files (what git tracks, plus new files not yet committed and not ignored) are copied into
a temporary folder whose parent has no ``shared``; pytest then runs there with that copy first on the
import path, as ``pip install -e '.[test]' && pytest`` would after a fresh clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Set in the clone's environment, so that this test does not start itself again inside the clone.
INSIDE = "PSOPENAPI_CLONE_TEST"
#: Test modules run in the clone: the generator (golden files from spec/), the spec validation of
#: request bodies, the seed example (skips without ../shared), the mock server and the exceptions.
REPRESENTATIVE = [
    "tests/test_generator.py",
    "tests/test_ga_models.py",
    "tests/test_examples.py",
    "tests/test_exceptions.py",
    "tests/test_mock_server.py",
]


def _project_files() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the clone cannot be made")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the clone cannot be made")
    return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get(INSIDE):
        pytest.skip("already running inside the clone")
    target = tmp_path_factory.mktemp("clone") / "psopenapi_py"
    for name in _project_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    assert not (target.parent / "shared").exists()
    return target


def _run(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(clone), INSIDE: "1"}
    return subprocess.run([sys.executable, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=1800)


def test_the_clone_imports_its_own_copy_of_the_package(clone: Path) -> None:
    """Inside the clone, psopenapi_py is the clone's (not the checkout's editable install)."""
    done = _run(clone, "-c", "import psopenapi_py; print(psopenapi_py.__file__)")
    assert (done.returncode, done.stdout.strip()) == (0, str(clone / "psopenapi_py" / "__init__.py"))


def test_the_whole_suite_collects_without_shared(clone: Path) -> None:
    """pytest --collect-only over the whole suite: no module fails for want of ../shared."""
    done = _run(clone, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "error" not in done.stdout.lower().splitlines()[-1]


def test_a_representative_part_passes_without_shared_and_says_why_it_skips(clone: Path) -> None:
    """The generator, spec validation, examples, mock server and exceptions pass; shared-only tests skip with the reason."""
    done = _run(clone, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *REPRESENTATIVE)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "../shared is not beside this checkout" in done.stdout
