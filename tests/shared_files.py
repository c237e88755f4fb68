"""Test helper: files from ../shared (examples, the module's reference), which a plain clone does not have.

The spec itself is not read from there: the tests read the project's facts-only copy in ``spec/``
(written by tools/generate_models.py). A test needing one of the other shared files calls
:func:`shared_path`, which skips the test, with the reason, where ``../shared`` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: The facts-only copy of the spec the generator and the tests read.
SPEC_COPY = ROOT / "spec"
NO_SHARED = "../shared is not beside this checkout (a plain clone): its examples and reference files are not here"


def shared_path(relative: str) -> Path:
    """The path of a file under ../shared; skips the calling test when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{NO_SHARED} ({relative})")
    return path


def seed_body() -> dict[str, Any]:
    """The body the seed documentation example must send, from the shared expectations (skips without them)."""
    bodies = json.loads(shared_path("examples/ps/seed-doc-example.expected.json").read_text(encoding="utf-8"))
    return bodies[0]  # type: ignore[no-any-return]
