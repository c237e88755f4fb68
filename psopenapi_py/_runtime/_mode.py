"""The parse mode: whether the value being built is parsed leniently, and where it sits.

Response bodies are parsed leniently (unknown enum values, nulls, missing required keys are
accepted) while request bodies are strict; nested models are shared by both, so the mode travels
with the parse instead of living on the classes. The path ("tools[0].") lets an error inside a
nested model name the full path (tools[0].name) rather than a bare field name that exists at
several levels. Both are set in one place, :class:`parse_mode`, and read through :func:`parsing_leniently`
and :func:`current_path`.
"""

from __future__ import annotations

import contextvars
from typing import Any

__all__ = ["current_path", "parse_mode", "parsing_leniently"]

_LENIENT: contextvars.ContextVar[bool] = contextvars.ContextVar("psopenapi_py_lenient", default=False)
_PATH: contextvars.ContextVar[str] = contextvars.ContextVar("psopenapi_py_path", default="")

#: Whether the value being built is parsed leniently (an API response) rather than strictly.
parsing_leniently = _LENIENT.get
#: The path prefix of the nested model being built ("" at the top, "tools[0]." inside a list item).
current_path = _PATH.get


class parse_mode:  # noqa: N801 - used as a statement keyword: ``with parse_mode(...):``
    """Set the parse mode (and, unless ``path`` is None, the path prefix) for the block it guards."""

    # A class rather than contextlib.contextmanager: it runs for every nested model of every
    # response, and the generator-based form costs several times as much.
    __slots__ = ("_lenient", "_lenient_token", "_path", "_path_token")

    def __init__(self, lenient: bool, path: str | None = None):
        self._lenient = lenient
        self._path = path

    def __enter__(self) -> None:
        self._lenient_token = _LENIENT.set(self._lenient)
        self._path_token = _PATH.set(self._path) if self._path is not None else None

    def __exit__(self, *exc: Any) -> None:
        if self._path_token is not None:
            _PATH.reset(self._path_token)
        _LENIENT.reset(self._lenient_token)
