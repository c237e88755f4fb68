"""JSON values: the left-out marker, depth and encodability checks, parsing, redacted reprs."""

from __future__ import annotations

import enum
import math
from typing import Any

from .. import _redact
from ..exceptions import invalid_json, invalid_type, invalid_value, out_of_range
from ._mode import parsing_leniently

#: Kept for the modules that import it from here; the marker lives in ``_redact``.
REDACTED = _redact.MARKER
#: JSON nested deeper than this is refused: recursion over it (checks, repr, json itself) would
#: otherwise end in a RecursionError instead of an error naming the parameter.
MAX_JSON_DEPTH = 100


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "UNSET"

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNSET"


#: "Left out": the field is not sent at all (``None`` would send JSON ``null``).
UNSET = Unset.UNSET


def json_too_deep(value: Any) -> bool:
    """Whether a value nests dicts and lists more than MAX_JSON_DEPTH levels deep (or holds itself)."""
    # A loop, not recursion: the point is to look at values too deep to recurse over.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def check_json_depth(value: Any, name: str) -> None:
    """Raise ApiValueError naming ``name`` when a value nests more than MAX_JSON_DEPTH levels deep."""
    if json_too_deep(value):
        raise invalid_value(
            name,
            None,
            f"nested more than {MAX_JSON_DEPTH} levels deep.",
            show_value=False,
            expected=f"at most {MAX_JSON_DEPTH} levels of nesting",
        )


def _check_encodable(value: str, name: str) -> None:
    # Python strings may hold lone surrogates ("\ud800"); the UTF-8 request body cannot.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid_value(name, value, "Must be text UTF-8 can encode (no lone surrogates).") from None


def _check_json_value(value: Any, name: str) -> None:
    if isinstance(value, str):
        if not parsing_leniently():
            _check_encodable(value, name)
        return
    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise out_of_range(name, value)
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_json_value(item, f"{name}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise invalid_type(f"{name} key", key, "a string")
            if not parsing_leniently():
                _check_encodable(key, f"{name} key")
            _check_json_value(item, f"{name}.{key}")
        return
    raise invalid_type(name, value, "a JSON value (dict, list, str, int, float, bool or None)")


def from_json_text(text: str | bytes, what: str) -> Any:
    """Parse JSON text, raising ApiValueError (naming ``what``) instead of a bare JSON error."""
    import json  # here and in the to_json methods: building models needs no json, so import leaves it out

    try:
        data = json.loads(text)
    except RecursionError:
        data = _TOO_DEEP
    except (ValueError, TypeError) as exc:
        raise invalid_json(what, str(exc)) from None
    if data is _TOO_DEEP or json_too_deep(data):
        raise invalid_json(
            what,
            f"nested more than {MAX_JSON_DEPTH} levels deep",
            expected=f"JSON text with at most {MAX_JSON_DEPTH} levels of nesting",
        )
    return data


_TOO_DEEP = object()


def _plain_json(value: Any) -> bool:
    """Whether a value is JSON as a parser makes it (dict, list, str, int, finite float, bool, None):
    values built in Python (UNSET, models, bytes) are never kept raw, they must match a member."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float):
            if not math.isfinite(item):
                return False
        elif item is not None and type(item) not in (str, int, bool):
            return False
    return True
