"""JSON read strictly, for the configuration, callers' bodies and webhook events: a key given twice is
an error (json.loads would keep the last one), and so is an integer too long to be any field's value."""

from __future__ import annotations

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
