"""PowerShell's operators on values of any type: comparison, arithmetic, ``-like``, ``-match``, ``-replace``, ``-split``, ``-join``."""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from ._collections import Hashtable, items
from ._convert import Char, Int64, ScriptError, is_null, is_number, to_bool, to_char, to_int, to_number
from ._exceptions import dotnet_error
from ._format import text

__all__ = [
    "add",
    "compare",
    "contains",
    "div",
    "in_",
    "join",
    "like",
    "match",
    "mod",
    "mul",
    "neg",
    "range_",
    "replace",
    "split",
    "sub",
    "to_regex",
    "wildcard",
]


# --------------------------------------------------------------------------------------------------
# Comparison


def _convert_right(left: Any, right: Any) -> Any:
    """The right operand converted to the left operand's type, as PowerShell compares."""
    if isinstance(left, Char):
        return to_char(right)  # [char]'A' -eq 65 is true; a longer string does not convert
    if isinstance(left, str):
        return text(right)
    if isinstance(left, bool):
        return to_bool(right)
    if is_number(left):
        return to_number(right)
    if isinstance(left, datetime) and isinstance(right, str):
        from ._time import to_datetime

        return to_datetime(right)
    return right


def _order(op: str, left: Any, right: Any, case: bool) -> bool:
    a: Any
    b: Any
    if left is None or right is None:
        # $null sorts before everything else.
        a, b = (0 if left is None else 1), (0 if right is None else 1)
    else:
        try:
            b = _convert_right(left, right)
        except ScriptError:
            raise ScriptError(f'Could not compare "{text(left)}" to "{text(right)}".') from None
        a = left
        if isinstance(a, str):
            a, b = (a, b) if case else (a.casefold(), b.casefold())
        a, b = _same_kind_dates(a, b)
    try:
        if op == "lt":
            return bool(a < b)
        if op == "le":
            return bool(a <= b)
        if op == "gt":
            return bool(a > b)
        return bool(a >= b)
    except TypeError:
        raise ScriptError(f'Could not compare "{text(left)}" to "{text(right)}".') from None


def _equal(left: Any, right: Any, case: bool) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, Enum) and isinstance(right, str) and not right.strip().lstrip("-").isdigit():
        return text(left).casefold() == right.strip().casefold()  # an enum compared with its name
    try:
        converted = _convert_right(left, right)
    except ScriptError:
        return False
    if isinstance(left, str):
        return bool(left == converted if case else left.casefold() == converted.casefold())
    if is_number(left):
        return bool(left == converted)
    if isinstance(left, Mapping) or hasattr(left, "__attrs_attrs__"):
        return left is right
    left, converted = _same_kind_dates(left, converted)
    return bool(left == converted)


def _same_kind_dates(a: Any, b: Any) -> tuple[Any, Any]:
    """Two date-times as .NET compares them: a UTC one (``.UtcDateTime``, ``[datetime]::UtcNow``) against one
    without a zone compares their clock readings (DateTime ignores its Kind); two with zones, their instants."""
    if isinstance(a, datetime) and isinstance(b, datetime) and (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a, b


def _scalar(op: str, left: Any, right: Any, case: bool) -> bool:
    if op == "eq":
        return _equal(left, right, case)
    if op == "ne":
        return not _equal(left, right, case)
    return _order(op, left, right, case)


def compare(op: str, left: Any, right: Any, case: bool = False) -> Any:
    """``-eq -ne -lt -le -gt -ge`` (``case=True`` for ``-ceq``...): strings ignore case, the right side is
    converted to the left side's type (``4096 -eq "4096"`` is true); an array on the left filters."""
    left = None if is_null(left) else left
    right = None if is_null(right) else right
    if isinstance(left, (list, tuple)):
        return [item for item in left if _scalar(op, item, right, case)]
    return _scalar(op, left, right, case)


def contains(collection: Any, value: Any, case: bool = False) -> bool:
    """``-contains``: some item of the left side equals the value (PowerShell's equality, strings ignore case)."""
    return any(_equal(item, value, case) for item in items(collection))


def in_(value: Any, collection: Any, case: bool = False) -> bool:
    """``-in``: the value equals some item of the right side."""
    return contains(collection, value, case)


# --------------------------------------------------------------------------------------------------
# Wildcards and regular expressions


@functools.lru_cache(maxsize=256)
def wildcard(pattern: str, case: bool = False) -> re.Pattern[str]:
    """A PowerShell wildcard (``*``, ``?``, ``[a-z]``, backtick escapes) as a compiled regex over the whole text."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end].replace("\\", "\\\\")
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL | (0 if case else re.IGNORECASE))


def like(left: Any, pattern: Any, case: bool = False) -> Any:
    """``-like``: the whole text matches the wildcard; an array on the left filters."""
    compiled = wildcard(text(pattern), case)
    if isinstance(left, (list, tuple)):
        return [item for item in left if compiled.match(text(item))]
    return compiled.match(text(left)) is not None


#: An inline option group: ``(?i)``, ``(?-i)``, ``(?im-s)``.
_INLINE_OPTIONS = re.compile(r"\(\?([imsx]*(?:-[imsx]+)?)\)")


def _scoped_options(pattern: str) -> str:
    """.NET's inline options (``(?-i)`` anywhere: to the end of the enclosing group) in Python's spelling, a
    scoped group (``(?-i:...)``) closed where the enclosing group ends and around each alternative."""
    if "(?" not in pattern:
        return pattern
    out: list[str] = []
    scopes: list[list[str]] = [[]]  # per open group: the option groups opened in it, innermost last
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
            i += 1
            continue
        found = _INLINE_OPTIONS.match(pattern, i) if c == "(" else None
        if found is not None and found.group(1) and (i > 0 or "-" in found.group(1)):
            out.append(f"(?{found.group(1)}:")
            scopes[-1].append(found.group(1))
            i = found.end()
            continue
        if c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1 : i + 2] == "]" or pattern[i + 1 : i + 3] == "^]":  # a leading ] is a character
                skip = 2 if pattern[i + 1] == "]" else 3
                out.append(pattern[i + 1 : i + skip])
                i += skip
                continue
        elif c == "(":
            scopes.append([])
            out.append(c)
        elif c == ")":
            out.append(")" * len(scopes.pop() if len(scopes) > 1 else []))
            out.append(c)
        elif c == "|":
            opened = scopes[-1]
            out.append(")" * len(opened) + "|" + "".join(f"(?{o}:" for o in opened))
        else:
            out.append(c)
        i += 1
    out.append(")" * len(scopes[0]))
    return "".join(out)


@functools.lru_cache(maxsize=256)
def to_regex(pattern: str, case: bool = False, flags: int = 0) -> re.Pattern[str]:
    """A .NET regular expression as a compiled Python one (named groups ``(?<name>...)`` and inline options
    anywhere included); ``flags`` are Python's for the other ``[RegexOptions]`` (``re.MULTILINE``...)."""
    converted = re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", _scoped_options(pattern))
    converted = re.sub(r"\\k<([A-Za-z_]\w*)>", r"(?P=\1)", converted)
    try:
        return re.compile(converted, flags | (0 if case else re.IGNORECASE))
    except re.error as exc:
        raise ScriptError(f"The regular expression pattern {pattern} is not valid: {exc}") from None


def match(left: Any, pattern: Any, matches: Hashtable | None = None, case: bool = False) -> Any:
    """``-match``: a regex search. On one value it returns a bool and, on success, fills ``matches`` as
    ``$Matches`` (``0`` the whole match, then each group that took part, by number and by name);
    an array on the left filters and leaves ``matches`` alone."""
    compiled = to_regex(text(pattern), case)
    if isinstance(left, (list, tuple)):
        return [item for item in left if compiled.search(text(item))]
    found = compiled.search(text(left))
    if found is None:
        return False
    if matches is not None:
        matches.clear()
        matches[0] = found.group(0)
        for number in range(1, (compiled.groups or 0) + 1):
            if found.group(number) is not None:
                matches[number] = found.group(number)
        for name, value in found.groupdict().items():
            if value is not None:
                matches[name] = value
    return True


_DOTNET_GROUP = re.compile(r"\$(?:(\d+)|\{([^}]*)\}|(\$)|(&)|(_)|(`)|(')|(\+))")


def _expand(template: str) -> Callable[[re.Match[str]], str]:
    """A .NET replacement string (``$1``, ``${name}``, ``$0``, ``$&``, ``$$``) as a function of a match."""

    def expand(found: re.Match[str]) -> str:
        def one(ref: re.Match[str]) -> str:
            number, name, dollar, whole = ref.group(1), ref.group(2), ref.group(3), ref.group(4)
            if dollar:
                return "$"
            if whole:
                return found.group(0)
            if number is not None:
                n = int(number)
                if n <= (found.re.groups or 0):
                    return found.group(n) or ""
                return ref.group(0)
            if name is not None:
                if name.isdigit() and int(name) <= (found.re.groups or 0):
                    return found.group(int(name)) or ""
                if name in found.re.groupindex:
                    return found.group(name) or ""
                return ref.group(0)
            if ref.group(5):
                return found.string
            if ref.group(6):
                return found.string[: found.start()]
            if ref.group(7):
                return found.string[found.end() :]
            return found.group(found.lastindex or 0) or ""

        return _DOTNET_GROUP.sub(one, template)

    return expand


def replace(left: Any, pattern: Any, replacement: Any = "", case: bool = False, flags: int = 0) -> Any:
    """``-replace``: every regex match replaced; ``$1``/``${name}`` in the replacement are groups (a script
    block replacement is called with each match); an array on the left is replaced item by item."""
    compiled = to_regex(text(pattern), case, flags)
    repl: Callable[[re.Match[str]], str]
    if callable(replacement):
        from ._pipeline import output  # _pipeline builds on this module

        func = replacement

        def repl(found: re.Match[str]) -> str:
            # A translated block is a generator of what it writes: its output, as text, is the replacement.
            return text(output(func(_MatchInfo(found))))
    else:
        repl = _expand(text(replacement))
    if isinstance(left, (list, tuple)):
        return [compiled.sub(repl, text(item)) for item in left]
    return compiled.sub(repl, text(left))


class _MatchInfo:
    """A regex match as ``$_`` in a ``-replace`` script block and ``[regex]::Match`` give it (``.Success``,
    ``.Value``, ``.Groups``, ``.Index``); ``None`` stands for no match (``Success`` False, empty)."""

    __slots__ = ("Groups", "Index", "Length", "Success", "Value")

    def __init__(self, found: re.Match[str] | None, pattern: re.Pattern[str] | None = None):
        self.Success = found is not None
        self.Value = found.group(0) if found is not None else ""
        self.Index = found.start() if found is not None else 0
        self.Length = len(self.Value)
        self.Groups = GroupCollection(found, pattern)

    def __str__(self) -> str:
        return self.Value


class GroupCollection(list[Any]):
    """``$match.Groups``: the groups by number (``[1]``) and, for named groups, by name (``['id']``)."""

    def __init__(self, found: re.Match[str] | None, pattern: re.Pattern[str] | None = None):
        compiled = found.re if found is not None else pattern
        count = compiled.groups + 1 if compiled is not None else 1
        super().__init__(_Group(found, i) for i in range(count))
        self.named = {name: self[number] for name, number in (compiled.groupindex.items() if compiled else ())}

    def by_name(self, name: str) -> Any:
        """The group of this name (a group that did not take part: an empty, unsuccessful one)."""
        if name in self.named:
            return self.named[name]
        if name.isdigit() and int(name) < len(self):
            return self[int(name)]
        return None


class _Group:
    __slots__ = ("Success", "Value")

    def __init__(self, found: re.Match[str] | None, number: int):
        value = found.group(number) if found is not None else None
        self.Success = value is not None
        self.Value = value or ""

    def __str__(self) -> str:
        return self.Value


def split(left: Any, pattern: Any = None, max_count: int = 0, case: bool = False, simple: bool = False) -> list[str]:
    """``-split``: unary (``-split $s``) splits on runs of white space; binary splits on a regex (or plain
    text with ``simple``), keeping empty pieces, and ``max_count`` pieces at most (0: all)."""
    pieces: list[str] = []
    for item in items(left) if isinstance(left, (list, tuple)) else [left]:
        s = text(item)
        if pattern is None:
            stripped = s.strip()
            pieces.extend(re.split(r"\s+", stripped) if stripped else [""])
            continue
        if simple:
            compiled = re.compile(re.escape(text(pattern)), 0 if case else re.IGNORECASE)
        else:
            compiled = to_regex(text(pattern), case)
        n = to_int(max_count)
        pieces.extend(compiled.split(s, maxsplit=n - 1 if n > 0 else 0))
    return [p if p is not None else "" for p in pieces]


def bitwise(op: str, left: Any, right: Any) -> int:
    """``-band``, ``-bor``, ``-bxor``: both sides as integers (a flag enum's value, numeric text);
    ``-shl``/``-shr``: the left side shifted as its .NET type shifts (an Int32 by the count's low 5 bits,
    wrapping around; an Int64 by its low 6 bits)."""
    a, b = to_int(left, "long"), to_int(right, "long")
    if op in ("shl", "shr"):
        bits = 32 if -(2**31) <= a < 2**31 else 64
        shifted = a << (b & (bits - 1)) if op == "shl" else a >> (b & (bits - 1))
        shifted &= (1 << bits) - 1
        return shifted - (1 << bits) if shifted >= 1 << (bits - 1) else shifted
    result = {"band": a & b, "bor": a | b, "bxor": a ^ b}[op]
    if isinstance(left, enum.IntFlag) and type(left) is type(right):
        return type(left)(result)  # two flags of one enum make a value of that enum, as in .NET
    return result


def join(left: Any, separator: Any = "") -> str:
    """``-join``: the items' text joined (unary ``-join`` with no separator)."""
    return text(separator).join(text(item) for item in items(left))


# --------------------------------------------------------------------------------------------------
# Arithmetic


def _not_numeric(op: str, left: Any, right: Any) -> ScriptError:
    return ScriptError(
        f"Method invocation failed because [{type(left).__name__}] does not contain a method named 'op_{op}'."
    )


def add(left: Any, right: Any) -> Any:
    """``+``: numbers add (``2 + "3"`` is 5), text concatenates (``"2" + 3`` is ``"23"``), arrays append,
    hashtables merge (a repeated key is an error); ``$null + x`` is ``x``."""
    if is_null(left):
        if isinstance(right, (list, tuple)):
            return list(right)
        return right
    if isinstance(left, Char):
        return ord(left) + to_number(right, "int")
    if isinstance(left, str):
        return left + text(right)
    if isinstance(left, (list, tuple)):
        if isinstance(right, (list, tuple)):
            return [*left, *right]
        return [*left, right]
    if isinstance(left, Mapping):
        if not isinstance(right, Mapping):
            raise ScriptError("A hash table can only be added to another hash table.")
        merged = Hashtable(left)
        for key, value in right.items():
            merged.add(key, value)
        return merged
    if isinstance(left, (datetime, timedelta)) and isinstance(right, timedelta):
        return left + right
    if isinstance(left, timedelta) and isinstance(right, str):
        from ._time import to_timespan

        return left + to_timespan(right)  # the right side converted to the left side's type
    if isinstance(left, (bool, int, float)):
        a, b = to_number(left), to_number(right, "int" if isinstance(left, int) else "double")
        return _widened(a, b, a + b)
    raise _not_numeric("Addition", left, right)


_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


def _widened(a: Any, b: Any, result: Any) -> Any:
    """An integer result as PowerShell gives it: an Int32 pair that overflows Int32 (``[int]::MaxValue + 1``)
    and an Int64 pair that overflows Int64 give a double, as .NET arithmetic widens in PowerShell."""
    if not (isinstance(result, int) and not isinstance(result, bool)):
        return result
    both32 = all(_INT32[0] <= x <= _INT32[1] and not isinstance(x, Int64) for x in (a, b) if isinstance(x, int))
    low, high = _INT32 if both32 else _INT64
    if not low <= result <= high:
        return float(result)
    return result if both32 else Int64(result)  # an Int64 operand makes an Int64


def sub(left: Any, right: Any) -> Any:
    """``-``: numeric subtraction with PowerShell's conversions (text that is a number counts)."""
    if isinstance(left, datetime):
        if isinstance(right, (datetime, timedelta)):
            return left - right
    if isinstance(left, timedelta):
        from ._time import to_timespan

        return left - to_timespan(right)
    a, b = to_number(left), to_number(right)
    return _widened(a, b, a - b)


def mul(left: Any, right: Any) -> Any:
    """``*``: numbers multiply, text and arrays repeat (``'-' * 3`` is ``'---'``)."""
    if isinstance(left, str):
        return left * to_int(right)
    if isinstance(left, (list, tuple)):
        return list(left) * to_int(right)
    a, b = to_number(left), to_number(right)
    return _widened(a, b, a * b)


def div(left: Any, right: Any) -> int | float:
    """``/``: an exact integer quotient stays an integer (``9000 / 3`` is 3000), otherwise a double (18.75)."""
    a, b = to_number(left), to_number(right)
    if b == 0:
        raise dotnet_error("System.DivideByZeroException", "Attempted to divide by zero.")
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return a / b


def mod(left: Any, right: Any) -> int | float:
    """``%``: the remainder takes the sign of the dividend, as in .NET (``-7 % 3`` is -1)."""
    a, b = to_number(left), to_number(right)
    if b == 0:
        raise dotnet_error("System.DivideByZeroException", "Attempted to divide by zero.")
    if isinstance(a, int) and isinstance(b, int):
        r = abs(a) % abs(b)
        return -r if a < 0 else r
    return math.fmod(a, b)


def neg(value: Any) -> int | float:
    """Unary ``-``: the negated number (text that is a number counts)."""
    return -to_number(value)


def range_(start: Any, end: Any) -> list[int]:
    """``start..end``: every integer from start to end, both included, counting down when end is smaller;
    ``'a'..'e'`` the characters between two single characters (PowerShell 7)."""
    if (
        isinstance(start, str)
        and isinstance(end, str)
        and len(start) == 1
        and len(end) == 1
        and not (start.isdigit() and end.isdigit())
    ):
        codes = range_(ord(start), ord(end))
        return [chr(c) for c in codes]  # type: ignore[misc]
    a, b = to_int(start), to_int(end)
    return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))
