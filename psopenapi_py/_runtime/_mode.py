"""The parse mode: whether the value being built is parsed leniently, and where it sits.

Response bodies are parsed leniently (unknown enum values, nulls, missing required keys are
accepted) while request bodies are strict; nested models are shared by both, so the mode travels
with the parse instead of living on the classes. The path ("tools[0].") lets an error inside a
nested model name the full path (tools[0].name) rather than a bare field name that exists at
several levels. Both are set in one place, :class:`parse_mode`, and read through :func:`parsing_leniently`
and :func:`current_path`. A third setting, :func:`keeping_unknown_keys`, is for a server that takes
fields newer than the spec (the mock server's lenient mode): a strict parse that keeps unknown keys
instead of refusing them, every known field still checked.
"""

from __future__ import annotations

import contextvars
from typing import Any

__all__ = ["current_path", "keeping_unknown_keys", "parse_mode", "parsing_leniently"]

_LENIENT: contextvars.ContextVar[bool] = contextvars.ContextVar("psopenapi_py_lenient", default=False)
_PATH: contextvars.ContextVar[str] = contextvars.ContextVar("psopenapi_py_path", default="")
_KEEP_UNKNOWN: contextvars.ContextVar[bool] = contextvars.ContextVar("psopenapi_py_keep_unknown", default=False)

#: Whether the value being built is parsed leniently (an API response) rather than strictly.
parsing_leniently = _LENIENT.get
#: The path prefix of the nested model being built ("" at the top, "tools[0]." inside a list item).
current_path = _PATH.get
#: Whether a strict parse keeps keys the spec does not declare (in ``additional_properties``).
keeping_unknown_keys = _KEEP_UNKNOWN.get


class parse_mode:  # noqa: N801 - used as a statement keyword: ``with parse_mode(...):``
    """Set the parse mode (and, unless ``path`` is None, the path prefix) for the block it guards.

    ``keep_unknown_keys``, unless None, sets :func:`keeping_unknown_keys` for the block; nested models
    leave it as they find it.
    """

    # A class rather than contextlib.contextmanager: it runs for every nested model of every
    # response, and the generator-based form costs several times as much.
    __slots__ = ("_keep", "_keep_token", "_lenient", "_lenient_token", "_path", "_path_token")

    def __init__(self, lenient: bool, path: str | None = None, keep_unknown_keys: bool | None = None):
        self._lenient = lenient
        self._path = path
        self._keep = keep_unknown_keys

    def __enter__(self) -> None:
        self._lenient_token = _LENIENT.set(self._lenient)
        self._path_token = _PATH.set(self._path) if self._path is not None else None
        self._keep_token = _KEEP_UNKNOWN.set(self._keep) if self._keep is not None else None

    def __exit__(self, *exc: Any) -> None:
        if self._keep_token is not None:
            _KEEP_UNKNOWN.reset(self._keep_token)
        if self._path_token is not None:
            _PATH.reset(self._path_token)
        _LENIENT.reset(self._lenient_token)
