"""JSON read strictly, for the configuration, callers' bodies and webhook events: a key given twice is
an error (json.loads would keep the last one), and so are a number too long to be any field's value and
NaN or Infinity (which Python reads and JSON has not); find_path names where such a thing is."""

from __future__ import annotations

import json
import math
from typing import Any

#: A number in a configuration or a caller's JSON longer than this is refused (no field needs one, and
#: int() of thousands of digits is slow, or refused by Python).
MAX_DIGITS = 30


class LongNumber(Exception):
    """A JSON integer of more than MAX_DIGITS digits."""


def short_int(text: str) -> int:
    """json.loads' parse_int: an integer, or LongNumber when it has more than MAX_DIGITS digits."""
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise LongNumber
    return int(text)


def short_float(text: str) -> float:
    """json.loads' parse_float: a number with a fraction or exponent, or LongNumber when it has more than
    MAX_DIGITS digits (a double keeps 17: more would be changed without a word)."""
    if sum(c.isdigit() for c in text.partition("e")[0].partition("E")[0]) > MAX_DIGITS:
        raise LongNumber
    value = float(text)
    if math.isinf(value):
        raise NotANumber(text)  # 1e400: beyond any double, read as Infinity
    return value


class NotANumber(Exception):
    """NaN or Infinity in JSON (Python reads them; JSON has no such numbers)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def no_constant(text: str) -> Any:
    """json.loads' parse_constant: NaN, Infinity and -Infinity are refused."""
    raise NotANumber(text)


class DuplicateKey(Exception):
    """A key given twice in one JSON object (``key``)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice: json.loads would keep the last one without a word."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def strict_loads(text: str) -> Any:
    """JSON read strictly: no key twice (DuplicateKey), no number of more than MAX_DIGITS digits
    (LongNumber), no NaN or Infinity (NotANumber)."""
    return json.loads(
        text,
        object_pairs_hook=no_duplicate_keys,
        parse_int=short_int,
        parse_float=short_float,
        parse_constant=no_constant,
    )


class LongText(str):
    """A number strict_loads would refuse (too long, NaN, Infinity), kept as text while its place is found."""


class Pairs(list):  # type: ignore[type-arg]
    """A JSON object's (key, value) pairs, kept as written while its place is found."""


def long_number(pairs: Any, value: Any) -> bool:
    """find_path's test for a number of more than MAX_DIGITS digits."""
    return isinstance(value, LongText) and value not in ("NaN", "Infinity", "-Infinity")


def find_path(text: str, root: str, wanted: Any) -> str | None:
    """The path (``token.ttl_sec``, ``items[2]``) of the first place in the JSON ``text`` where
    ``wanted(pairs, value)`` holds: ``pairs`` an object's (key, value) list (None for other values); numbers
    strict_loads refuses are LongText. For an error only the parser saw (a key given twice, a long number), so
    that it names the field as every other error does; ``root`` names the whole document."""

    def number(text: str) -> Any:
        digits = sum(c.isdigit() for c in text.partition("e")[0].partition("E")[0])
        return LongText(text) if digits > MAX_DIGITS else float(text) if any(c in text for c in ".eE") else int(text)

    try:
        tree = json.loads(text, object_pairs_hook=Pairs, parse_int=number, parse_float=number, parse_constant=LongText)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[str, Any]] = [(root, tree)]
    while stack:
        where, value = stack.pop(0)
        pairs = value if isinstance(value, Pairs) else None
        if wanted(pairs, value):
            return where
        if pairs is not None:
            stack += [(k if where == root else f"{where}.{k}", v) for k, v in pairs]
        elif isinstance(value, list):
            stack += [(f"{where}[{i}]", v) for i, v in enumerate(value)]
    return None
