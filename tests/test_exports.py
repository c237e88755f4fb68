"""The flat public namespace mirrors the module: every exported name exists and __all__ is complete."""

import subprocess
import sys

import psopenapi_py
import psopenapi_py.models


def test_all_is_sorted_and_every_name_exists() -> None:
    """__all__ is two sorted blocks (hand-written, generated), without duplicates, each name resolving."""
    names = psopenapi_py.__all__
    hand_written = names[: len(names) - len(psopenapi_py.models.__all__)]
    assert hand_written == sorted(hand_written)
    assert psopenapi_py.models.__all__ == sorted(psopenapi_py.models.__all__)
    assert len(names) == len(set(names))
    for name in psopenapi_py.__all__:
        assert hasattr(psopenapi_py, name), name


def test_public_names_are_all_exported() -> None:
    """Every public attribute of the package is listed in __all__ (submodules aside)."""
    import types

    public = {n for n, v in vars(psopenapi_py).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    # The GA models and the HTTP, migration and translator functions are bound on first use (module
    # __getattr__), so they may not be in vars() yet.
    lazy = set(psopenapi_py.models.LAZY_NAMES) | set(psopenapi_py._LAZY_EXPORTS)
    assert public | lazy == set(psopenapi_py.__all__)


def test_import_does_not_load_requests_or_argparse() -> None:
    """Importing the package loads neither requests, argparse nor http.server: they come on first use."""
    code = "import sys, psopenapi_py; print(sorted(m for m in ('requests', 'argparse', 'http.server', 'tree_sitter') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
