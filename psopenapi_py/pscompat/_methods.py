""".NET methods scripts call: ``$s.Trim()``, ``$h.ContainsKey(k)``, ``[math]::Round(x)``, ``[System.IO.Path]::GetTempPath()``..."""

from __future__ import annotations

import base64
import calendar
import enum
import math
import os
import re
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from typing import Any

from ._collections import _NO_METHOD, DayOfWeek, Hashtable, OrderedHashtable, PropertyCollection, entries, items
from ._convert import Char, Int64, ScriptError, collect, is_number, to_double, to_int, to_number
from ._exceptions import method_error
from ._files import temp_path
from ._format import format_number, format_string, format_timespan, text
from ._operators import compare, to_regex

__all__ = ["StringBuilder", "array_list_add", "fixed_size", "invoke", "static"]


class MissingMethod(ScriptError):
    """The value has no method of that name (PowerShell's ``MethodNotFound``), as against a method that failed."""


def _no_method(value: Any, name: str) -> MissingMethod:
    kind = "null-valued expression" if value is None else f"[{type(value).__name__}]"
    if value is None:
        return MissingMethod("You cannot call a method on a null-valued expression.")
    return MissingMethod(f"Method invocation failed because {kind} does not contain a method named '{name}'.")


_OUT_OF_RANGE = "System.ArgumentOutOfRangeException"
_FORMAT = "System.FormatException"


class _ArgumentFailure(Exception):
    """A .NET method's own error, raised by the method's code here; :func:`invoke` and :func:`static`, which
    know how many arguments the script passed, raise it as PowerShell does (:func:`_counted`)."""

    def __init__(self, method: str, message: str, inner: str) -> None:
        super().__init__(message)
        self.method, self.message, self.inner = method, message, inner


def _bad_argument(name: str, message: str, inner: str = "System.ArgumentException") -> _ArgumentFailure:
    """A .NET method's own error (``catch [inner]`` catches it once raised by :func:`_counted`)."""
    return _ArgumentFailure(name, message, inner)


def _counted(failure: _ArgumentFailure, argc: int) -> ScriptError:
    """``Exception calling "M" with "n" argument(s): "message"``, as PowerShell wraps a method's error."""
    error = method_error(failure.method, failure.inner, failure.message, argc=argc)
    error.__suppress_context__ = True
    return error


def _negative(name: str, value: int) -> str:
    """.NET's message for a negative index or count (``ArgumentOutOfRangeException.ThrowIfNegative``)."""
    return f"{name} ('{value}') must be a non-negative value. (Parameter '{name}')\nActual value was {value}."


def _chars(args: tuple[Any, ...]) -> str | None:
    if not args:
        return None
    return "".join(text(a) if not isinstance(a, list) else "".join(text(c) for c in a) for a in args)


def _substring(s: str, start: Any, size: Any = None) -> str:
    i = to_int(start)
    n = len(s) - i if size is None else to_int(size)
    if 0 <= i <= len(s) and 0 <= n and i + n <= len(s):
        return s[i : i + n]
    # The checks in .NET's order, with its messages.
    if i < 0:
        raise _bad_argument("Substring", _negative("startIndex", i), _OUT_OF_RANGE)
    if i > len(s):
        message = "startIndex cannot be larger than length of string. (Parameter 'startIndex')"
        raise _bad_argument("Substring", message, _OUT_OF_RANGE)
    if n < 0:
        raise _bad_argument("Substring", _negative("length", n), _OUT_OF_RANGE)
    message = "Index and length must refer to a location within the string. (Parameter 'length')"
    raise _bad_argument("Substring", message, _OUT_OF_RANGE)


def _year(method: str, value: Any) -> int:
    year = to_int(value)
    if not 1 <= year <= 9999:
        raise _bad_argument(method, "Year must be between 1 and 9999. (Parameter 'year')", _OUT_OF_RANGE)
    return year


def _is_leap_year(year: Any) -> bool:
    """``[datetime]::IsLeapYear(year)``."""
    return calendar.isleap(_year("IsLeapYear", year))


def _days_in_month(year: Any, month: Any) -> int:
    """``[datetime]::DaysInMonth(year, month)``."""
    number = to_int(month)
    if not 1 <= number <= 12:
        raise _bad_argument("DaysInMonth", "Month must be between one and twelve. (Parameter 'month')", _OUT_OF_RANGE)
    return calendar.monthrange(_year("DaysInMonth", year), number)[1]


def fixed_size(method: str, argc: int) -> None:
    """``$array.Add(x)`` (or ``Remove``, ``Insert``, ``RemoveAt``) on a PowerShell array: the error PowerShell
    raises, as an array's size is fixed (``+=`` makes a new array; a ``List`` grows)."""
    raise method_error(method, "System.NotSupportedException", "Collection was of a fixed size.", argc=argc)


def _index_of(s: str, needle: str, positions: list[int]) -> int:
    """``IndexOf(value[, startIndex[, count]])``: the first match starting at or after ``startIndex`` and
    lying within ``count`` characters of it."""
    start = positions[0] if positions else 0
    if start < 0 or start > len(s):
        raise _bad_argument(
            "IndexOf",
            "Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'startIndex')",
            _OUT_OF_RANGE,
        )
    end = len(s)
    if len(positions) > 1:
        count = positions[1]
        if count < 0 or start + count > len(s):
            raise _bad_argument(
                "IndexOf",
                "Count must be positive and count must refer to a location within the string/array/collection. (Parameter 'count')",
                _OUT_OF_RANGE,
            )
        end = start + count
    return s.find(needle, start, end)


def _last_index_of(s: str, needle: str, positions: list[int]) -> int:
    """``LastIndexOf(value[, startIndex[, count]])``: the last match lying within the characters from
    ``startIndex`` back toward the start (``count`` of them)."""
    if not positions:
        return s.rfind(needle)
    start = positions[0]
    if not s:
        return 0 if not needle and start in (-1, 0) else -1
    if start < 0 or start >= len(s):
        raise _bad_argument(
            "LastIndexOf",
            "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')",
            _OUT_OF_RANGE,
        )
    first = 0
    if len(positions) > 1:
        count = positions[1]
        if count < 0 or start - count + 1 < 0:
            raise _bad_argument(
                "LastIndexOf",
                "Count must be positive and count must refer to a location within the string/array/collection. (Parameter 'count')",
                _OUT_OF_RANGE,
            )
        first = start - count + 1
    return s.rfind(needle, first, start + 1)


class StringSplitOptions(enum.IntFlag):
    """``[StringSplitOptions]``: a flag enum (``-bor`` keeps it one), told apart from a count by its type."""

    NONE = 0
    REMOVE_EMPTY_ENTRIES = 1
    TRIM_ENTRIES = 2


def _string_split(s: str, *args: Any) -> list[str]:
    """``.Split(separators[, count][, options])``: an int is the most pieces (.NET's ``count``), a
    ``[StringSplitOptions]`` value the options (remove empty pieces, trim each)."""
    if not args:
        return re.split(r"\s", s) if s else [""]
    options = next((a for a in args if isinstance(a, StringSplitOptions)), StringSplitOptions.NONE)
    counts = [a for a in args if isinstance(a, int) and not isinstance(a, (bool, StringSplitOptions))]
    seps = [a for a in args if not (isinstance(a, int) and not isinstance(a, bool))]
    limit = to_int(counts[0]) if counts else 0
    if limit < 0:
        raise _bad_argument("Split", "Count cannot be less than zero. (Parameter 'count')", _OUT_OF_RANGE)
    if len(seps) == 1 and isinstance(seps[0], str) and len(seps[0]) > 1:
        pattern = re.escape(seps[0])
    else:
        chars = "".join(text(c) for sep in seps for c in (sep if isinstance(sep, list) else [sep]))
        pattern = "[" + re.escape(chars) + "]" if chars else r"\s"
    pieces = re.split(pattern, s, maxsplit=limit - 1 if limit > 1 else 0) if limit != 1 else [s]
    if options & StringSplitOptions.TRIM_ENTRIES:
        pieces = [p.strip() for p in pieces]
    if options & StringSplitOptions.REMOVE_EMPTY_ENTRIES:
        pieces = [p for p in pieces if p]
    return pieces[:limit] if limit else pieces


def _str_method(s: str, name: str, args: tuple[Any, ...]) -> Any:
    n = name.lower()
    if n == "trim":
        return s.strip(_chars(args)) if args else s.strip()
    if n == "trimstart":
        return s.lstrip(_chars(args)) if args else s.lstrip()
    if n == "trimend":
        return s.rstrip(_chars(args)) if args else s.rstrip()
    if n in ("toupper", "toupperinvariant"):
        return s.upper()
    if n in ("tolower", "tolowerinvariant"):
        return s.lower()
    if n == "substring":
        return _substring(s, *args)
    if n in ("startswith", "endswith", "contains", "indexof", "lastindexof", "equals"):
        needle = text(args[0]) if args else ""
        # After the value: positions (IndexOf's startIndex and count), then a StringComparison or, for
        # StartsWith/EndsWith, an ignoreCase bool (its culture argument changes nothing here).
        rest = list(args[1:])
        positions = []
        while rest and isinstance(rest[0], int) and not isinstance(rest[0], bool):
            positions.append(rest.pop(0))
        ignore = bool(rest) and (rest[0] is True or "ignorecase" in text(rest[0]).lower())
        hay, pin = (s.casefold(), needle.casefold()) if ignore else (s, needle)
        if n == "indexof":
            return _index_of(hay, pin, positions)
        if n == "lastindexof":
            return _last_index_of(hay, pin, positions)
        if positions:
            raise ScriptError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".')
        if n == "startswith":
            return hay.startswith(pin)
        if n == "endswith":
            return hay.endswith(pin)
        if n == "contains":
            return pin in hay
        return hay == pin
    if n == "replace":
        if len(args) < 2:
            raise _bad_argument("Replace", "Replace takes an old and a new value.")
        old = text(args[0])
        if not old:
            raise _bad_argument("Replace", "String cannot be of zero length. (Parameter 'oldValue')")
        return s.replace(old, text(args[1]))
    if n == "split":
        return _string_split(s, *args)
    if n == "padleft":
        return s.rjust(to_int(args[0]), text(args[1]) if len(args) > 1 else " ")
    if n == "padright":
        return s.ljust(to_int(args[0]), text(args[1]) if len(args) > 1 else " ")
    if n == "insert":
        i = to_int(args[0])
        return s[:i] + text(args[1]) + s[i:]
    if n == "remove":
        i = to_int(args[0])
        return s[:i] + (s[i + to_int(args[1]) :] if len(args) > 1 else "")
    if n == "tochararray":
        return [Char(c) for c in s]
    if n == "tostring":
        return s
    if n == "compareto":
        other = text(args[0])
        return (s > other) - (s < other)
    if n == "normalize":
        return s
    raise _no_method(s, name)


def _list_method(value: list[Any], name: str, args: tuple[Any, ...]) -> Any:
    n = name.lower()
    if n == "add":
        value.append(args[0])
        return None
    if n == "addrange":
        value.extend(items(args[0]))
        return None
    if n == "contains":
        return any(item == args[0] for item in value)
    if n == "indexof":
        return next((i for i, item in enumerate(value) if item == args[0]), -1)
    if n == "remove":
        if args[0] in value:
            value.remove(args[0])
            return True
        return False
    if n == "removeat":
        del value[to_int(args[0])]
        return None
    if n == "insert":
        value.insert(to_int(args[0]), args[1])
        return None
    if n == "clear":
        value.clear()
        return None
    if n == "toarray":
        return list(value)
    if n == "sort":
        from ._pipeline import sort_object

        value[:] = sort_object(value, case_sensitive=True)
        return None
    if n == "reverse":
        value.reverse()
        return None
    if n == "join":
        return text(args[0]).join(text(v) for v in value)
    if n == "tostring":
        return "System.Object[]"
    if n == "where":
        return _where(value, *args)
    if n == "foreach":
        return _foreach(value, *args)
    if value:
        # A method the array has not: PowerShell calls it on each item (member enumeration) and collects
        # what the calls return (nothing from a void method).
        results: list[Any] = []
        for item in value:
            result = invoke(item, name, *args)
            if isinstance(result, list):
                results.extend(result)
            elif result is not None:
                results.append(result)
        return collect(results)
    raise _no_method(value, name)


def _where(value: list[Any], block: Any, mode: Any = "Default", count: Any = 0) -> Any:
    """``.Where({...}[, mode[, count]])``: the items the block finds true; modes ``First``, ``Last``,
    ``SkipUntil``, ``Until``, ``Split`` (two collections: the matches, the rest), a count limiting them."""
    from ._convert import truthy
    from ._pipeline import output

    kind = text(mode).lower()
    limit = to_int(count)
    hits = [truthy(output(block(item))) for item in value]
    if kind == "split":
        matched = [item for item, hit in zip(value, hits, strict=True) if hit]
        rest = [item for item, hit in zip(value, hits, strict=True) if not hit]
        return [matched[:limit] if limit else matched, rest]
    if kind in ("default", "first", "last"):
        picked = [item for item, hit in zip(value, hits, strict=True) if hit]
        if kind == "first":
            return picked[: limit or 1]
        if kind == "last":
            return picked[-(limit or 1) :] if picked else []
        return picked[:limit] if limit else picked
    first = next((i for i, hit in enumerate(hits) if hit), len(value))
    if kind == "skipuntil":
        rest = value[first:]
    elif kind == "until":
        rest = value[:first]
    else:
        raise ScriptError(
            f'Cannot convert value "{text(mode)}" to type "System.Management.Automation.WhereOperatorSelectionMode".'
        )
    return rest[:limit] if limit else rest


def _foreach(value: list[Any], action: Any, *args: Any) -> Any:
    """``.ForEach({...})`` (each item's output, arrays flattened), ``.ForEach('Name')`` (a property of each,
    or a method called with ``args``)."""
    from ._collections import member
    from ._pipeline import output

    out: list[Any] = []
    for item in value:
        if callable(action):
            got = output(action(item))
        elif args:
            got = invoke(item, text(action), *args)
        else:
            got = member(item, text(action))
            if got is None and item is not None:
                # A method's name (('one', 'two').ForEach('ToUpper')): it is called, with no arguments; an
                # error of the method itself stops the script, as in PowerShell.
                try:
                    got = invoke(item, text(action))
                except MissingMethod:
                    got = None
        if isinstance(got, list):
            out.extend(got)
        elif got is not None:
            out.append(got)
    return out


def _dict_method(value: Any, name: str, args: tuple[Any, ...]) -> Any:
    n = name.lower()
    table: Hashtable | None = value if isinstance(value, Hashtable) else None
    if n in ("containskey", "contains"):  # Hashtable.Contains and OrderedDictionary.Contains test keys
        return args[0] in value
    if n == "containsvalue":
        return any(compare("eq", v, args[0]) is True for v in value.values())
    if n == "add":
        if table is not None:
            table.add(args[0], args[1])
        elif args[0] in value:
            raise method_error(
                "Add",
                "System.ArgumentException",
                f"An item with the same key has already been added. Key: {args[0]}",
                argc=2,
            )
        else:
            value[args[0]] = args[1]
        return None
    if n == "remove":
        value.pop(args[0], None)
        return None
    if n == "clear":
        value.clear()
        return None
    if n == "insert" and isinstance(value, OrderedHashtable) and len(args) == 3:
        index = to_int(args[0])
        if args[1] in value:
            raise _bad_argument("Insert", "An item with the same key has already been added.")
        if not 0 <= index <= len(value):
            message = (
                "Index was out of range. Must be non-negative and less than or equal to the size of the collection."
            )
            raise _bad_argument("Insert", f"{message} (Parameter 'index')", _OUT_OF_RANGE)
        value.insert(index, args[1], args[2])
        return None
    if n == "removeat" and isinstance(value, OrderedHashtable) and len(args) == 1:
        value.remove_at(to_int(args[0]))
        return None
    if n == "getenumerator":
        return list(entries(value))
    if n == "clone":
        return type(value)(value) if isinstance(value, Hashtable) else Hashtable(value)
    if n == "tostring":
        return text(value)
    raise _no_method(value, name)


def _datetime_method(value: datetime, name: str, args: tuple[Any, ...]) -> Any:
    n = name.lower()
    units = {
        "adddays": "days",
        "addhours": "hours",
        "addminutes": "minutes",
        "addseconds": "seconds",
        "addmilliseconds": "milliseconds",
    }
    if n in units:
        return value + timedelta(**{units[n]: to_double(args[0])})
    if n in ("addmonths", "addyears"):
        import calendar

        months = to_int(args[0]) * (12 if n == "addyears" else 1)
        year, month = divmod(value.month - 1 + months, 12)
        day = min(value.day, calendar.monthrange(value.year + year, month + 1)[1])
        return value.replace(year=value.year + year, month=month + 1, day=day)
    if n == "addticks":
        return value + timedelta(microseconds=to_int(args[0], "long") / 10)
    if n == "add":
        from ._time import to_timespan

        return value + to_timespan(args[0])
    if n == "subtract":
        from ._operators import sub

        return sub(value, args[0])
    if n == "tostring":
        from ._time import format_datetime

        return format_datetime(value, text(args[0]) if args else "G")
    if n == "touniversaltime":
        return value.astimezone(timezone.utc)
    if n == "tolocaltime":
        return value.astimezone()
    if n == "tounixtimeseconds":
        return int(value.timestamp() // 1)
    if n == "tounixtimemilliseconds":
        return int(value.timestamp() * 1000 // 1)
    raise _no_method(value, name)


def _timespan_method(value: timedelta, name: str, args: tuple[Any, ...]) -> Any:
    from ._time import to_timespan

    n = name.lower()
    if n == "tostring":
        return format_timespan(value, text(args[0])) if args else text(value)
    if n == "add":
        return value + to_timespan(args[0])
    if n == "subtract":
        return value - to_timespan(args[0])
    if n == "negate":
        return -value
    if n == "duration":
        return abs(value)
    if n == "compareto":
        other = to_timespan(args[0])
        return (value > other) - (value < other)
    if n == "equals":
        return value == to_timespan(args[0])
    raise _no_method(value, name)


class Guid(str):
    """A ``[guid]``: its text is the lower-case ``D`` form; ``ToString('N')`` (and ``B``, ``P``) the others."""

    __slots__ = ()

    def ToString(self, fmt: str = "D") -> str:  # noqa: N802 - the .NET name
        value = uuid.UUID(str(self))
        spelled = {"N": value.hex, "D": str(value), "B": "{" + str(value) + "}", "P": "(" + str(value) + ")"}
        if fmt.upper() not in spelled:
            raise ScriptError('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".')
        return spelled[fmt.upper()]


def to_guid(value: Any) -> Guid:
    """``[guid]value``: a GUID's text in any of .NET's forms (with or without hyphens, braces, parentheses)."""
    if isinstance(value, Guid):
        return value
    s = text(value).strip()
    try:
        return Guid(str(uuid.UUID(s.strip("{}()"))))
    except ValueError:
        raise ScriptError(
            f'Cannot convert value "{s}" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes '
            '(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."'
        ) from None


class TypeInfo:
    """What ``$x.GetType()`` gives: ``Name`` and ``FullName`` of the .NET type PowerShell would have."""

    __slots__ = ("FullName", "Name")

    def __init__(self, full_name: str):
        self.FullName = full_name
        # A generic type's name ends before its arguments (Queue`1[[System.String, ...]] is Queue`1).
        self.Name = full_name.partition("[[")[0].rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return self.FullName


def type_of(value: Any) -> TypeInfo:
    """The .NET type PowerShell gives a value (``String``, ``Int32``, ``Object[]``, ``Hashtable``...)."""
    from ._collections import OrderedHashtable, PSObject
    from ._convert import Char, TypedArray
    from ._exceptions import DotNetException
    from ._generic import DotNetCollection
    from ._search import MatchInfo

    if isinstance(value, bool):
        return TypeInfo("System.Boolean")
    if isinstance(value, DotNetException):
        return TypeInfo(value.type_name)
    if isinstance(value, Char):
        return TypeInfo("System.Char")
    if isinstance(value, Guid):
        return TypeInfo("System.Guid")
    if isinstance(value, OrderedHashtable):
        return TypeInfo("System.Collections.Specialized.OrderedDictionary")
    if isinstance(value, MatchInfo):
        return TypeInfo("Microsoft.PowerShell.Commands.MatchInfo")
    if isinstance(value, int):
        return TypeInfo(
            "System.Int32" if -(2**31) <= value < 2**31 and not isinstance(value, Int64) else "System.Int64"
        )
    if isinstance(value, float):
        return TypeInfo("System.Double")
    if isinstance(value, str):
        return TypeInfo("System.String")
    if isinstance(value, (TypedArray, DotNetCollection)):
        return TypeInfo(value.type_name)
    if isinstance(value, StringBuilder):
        return TypeInfo("System.Text.StringBuilder")
    if isinstance(value, (list, tuple)):
        return TypeInfo("System.Object[]")
    if isinstance(value, PSObject):
        return TypeInfo("System.Management.Automation.PSCustomObject")
    if isinstance(value, Mapping):
        return TypeInfo("System.Collections.Hashtable")
    if isinstance(value, datetime):
        return TypeInfo("System.DateTime")
    if isinstance(value, timedelta):
        return TypeInfo("System.TimeSpan")
    if isinstance(getattr(value, "error", None), DotNetException):
        return TypeInfo(value.error.type_name)  # $_.Exception of a .NET exception the script threw
    if getattr(value, "Response", None) is not None and hasattr(value, "Message"):
        return TypeInfo("Microsoft.PowerShell.Commands.HttpResponseException")  # $_.Exception of an HTTP error
    if hasattr(value, "Message") and hasattr(value, "InnerException"):
        return TypeInfo("System.Management.Automation.RuntimeException")
    return TypeInfo(type(value).__name__)


def invoke(value: Any, name: str, *args: Any) -> Any:
    """``$value.Name(args)``: the .NET method of a string, array, hashtable, number or date, as PowerShell
    calls it (``Trim``, ``Substring``, ``Replace``, ``Split``, ``ContainsKey``, ``Add``, ``ToString('N2')``...)."""
    try:
        return _invoke(value, name, args)
    except _ArgumentFailure as failure:
        raise _counted(failure, len(args))  # noqa: B904 - its cause is the method's own .NET exception


def _invoke(value: Any, name: str, args: tuple[Any, ...]) -> Any:
    if value is None:
        raise _no_method(value, name)
    if name.lower() == "gettype" and not args:
        return type_of(value)
    if isinstance(value, Guid) and name.lower() == "tostring":
        return value.ToString(*(text(a) for a in args))
    if isinstance(value, str):
        return _str_method(value, name, args)
    if isinstance(value, PropertyCollection):
        result = value.call(name, args)
        if result is not _NO_METHOD:
            return result
    if isinstance(value, list):
        return _list_method(value, name, args)
    if isinstance(value, Mapping):
        return _dict_method(value, name, args)
    if isinstance(value, datetime):
        return _datetime_method(value, name, args)
    if isinstance(value, timedelta):
        return _timespan_method(value, name, args)
    if is_number(value) or isinstance(value, bool):
        n = name.lower()
        if n == "tostring":
            return format_number(value, text(args[0])) if args else text(value)
        if n == "equals":
            return compare("eq", value, args[0])
        if n == "compareto":
            return -1 if compare("lt", value, args[0]) else 1 if compare("gt", value, args[0]) else 0
        raise _no_method(value, name)
    if callable(value) and name.lower() in ("invoke", "invokereturnasis"):
        from ._pipeline import output

        # $block.Invoke(a, b): the block's output, always a collection (InvokeReturnAsIs: as written).
        got = output(value(*args))
        if name.lower() == "invokereturnasis":
            return got
        return got if isinstance(got, list) else ([] if got is None else [got])
    attr = _find_method(value, name)
    if attr is not None:
        return attr(*args)
    if name.lower() == "tostring":
        return text(value)
    raise _no_method(value, name)


def _find_method(value: Any, name: str) -> Callable[..., Any] | None:
    low = name.lower()
    for attr in dir(value):
        if attr.lower() == low or attr.replace("_", "").lower() == low:
            got = getattr(value, attr)
            if callable(got):
                return got  # type: ignore[no-any-return]
    return None


def array_list_add(items: list[Any], value: Any) -> int:
    """``$arrayList.Add(x)``: appends and returns the new item's index (which PowerShell writes out)."""
    items.append(value)
    return len(items) - 1


class StringBuilder:
    """``[System.Text.StringBuilder]::new()``: ``Append``, ``AppendLine``, ``AppendFormat``, ``Insert``,
    ``Replace``, ``Remove``, ``Clear``, ``Length``, ``ToString``. Each method returns the builder, which PowerShell writes out
    unless it is discarded (``[void]``, ``$null =``)."""

    def __init__(self, initial: Any = "") -> None:
        self.parts = [text(initial)] if initial else []

    def Append(self, value: Any) -> StringBuilder:  # noqa: N802 - the .NET name
        self.parts.append(text(value))
        return self

    def AppendLine(self, value: Any = "") -> StringBuilder:  # noqa: N802 - the .NET name
        self.parts.append(text(value) + "\n")
        return self

    def AppendFormat(self, fmt: Any, *args: Any) -> StringBuilder:  # noqa: N802 - the .NET name
        self.parts.append(format_string(text(fmt), list(args)))
        return self

    def Insert(self, index: Any, value: Any) -> StringBuilder:  # noqa: N802 - the .NET name
        whole = "".join(self.parts)
        i = to_int(index)
        self.parts = [whole[:i] + text(value) + whole[i:]]
        return self

    def Replace(  # noqa: N802 - the .NET name
        self, old: Any, new: Any, start: Any = None, count: Any = None
    ) -> StringBuilder:
        """Every ``old`` replaced by ``new`` (``$null`` removes it), in the whole text or ``count`` characters
        from ``start``."""
        if old is None:
            raise _bad_argument(
                "Replace", "Value cannot be null. (Parameter 'oldValue')", "System.ArgumentNullException"
            )
        if not text(old):
            raise _bad_argument("Replace", "String cannot be of zero length. (Parameter 'oldValue')")
        whole = "".join(self.parts)
        first = 0 if start is None else to_int(start)
        size = len(whole) - first if count is None else to_int(count)
        self._check_range("Replace", first, size, "count", len(whole))
        replaced = whole[first : first + size].replace(text(old), "" if new is None else text(new))
        self.parts = [whole[:first] + replaced + whole[first + size :]]
        return self

    def Remove(self, start: Any, length: Any) -> StringBuilder:  # noqa: N802 - the .NET name
        """``length`` characters taken out from ``start``."""
        whole = "".join(self.parts)
        first, size = to_int(start), to_int(length)
        self._check_range("Remove", first, size, "length", len(whole))
        self.parts = [whole[:first] + whole[first + size :]]
        return self

    @staticmethod
    def _check_range(method: str, first: int, size: int, size_name: str, total: int) -> None:
        """.NET's checks of a range of the text, in its order and with its messages."""
        if size < 0:
            raise _bad_argument(method, _negative(size_name, size), _OUT_OF_RANGE)
        if first < 0:
            raise _bad_argument(method, _negative("startIndex", first), _OUT_OF_RANGE)
        if size > total - first:
            message = f"Index and length must refer to a location within the string. (Parameter '{size_name}')"
            raise _bad_argument(method, message, _OUT_OF_RANGE)

    def Clear(self) -> StringBuilder:  # noqa: N802 - the .NET name
        self.parts = []
        return self

    @property
    def Length(self) -> int:  # noqa: N802 - the .NET name
        return len("".join(self.parts))

    def ToString(self, start: Any = None, length: Any = None) -> str:  # noqa: N802 - the .NET name
        """The text, or ``length`` characters of it from ``start``."""
        whole = "".join(self.parts)
        if start is None:
            return whole
        first = to_int(start)
        size = len(whole) - first if length is None else to_int(length)
        self._check_range("ToString", first, size, "length", len(whole))
        return whole[first : first + size]

    def __str__(self) -> str:
        return "".join(self.parts)


class _Encoding:
    def __init__(self, codec: str):
        self.codec = codec

    def GetBytes(self, value: Any) -> list[int]:  # noqa: N802 - the .NET name
        return list(text(value).encode(self.codec))

    def GetString(self, value: Any) -> str:  # noqa: N802 - the .NET name
        return bytes(to_int(b) for b in items(value)).decode(self.codec)


def _to_boolean(value: Any) -> bool:
    """``[Convert]::ToBoolean``: "true"/"false" in any case (spaces around), or a number (not 0)."""
    if isinstance(value, (bool, int, float)):
        return bool(value)
    s = text(value).strip().lower()
    if s in ("true", "false"):
        return s == "true"
    raise _bad_argument(
        "ToBoolean", f"String '{text(value)}' was not recognized as a valid Boolean.", "System.FormatException"
    )


def _to_base(value: Any, base: Any) -> str:
    number, radix = to_int(value), to_int(base)
    if radix not in (2, 8, 10, 16):
        raise _bad_argument("ToString", "Invalid Base.")
    return {2: format(number, "b"), 8: format(number, "o"), 10: str(number), 16: format(number, "x")}[radix]


def _char_test(method: str, test: Callable[[str], bool]) -> Callable[..., bool]:
    """``[char]::IsDigit(c)`` and its kin, or ``(text, index)``: the test of one character, as .NET's."""

    def check(value: Any, index: Any = None) -> bool:
        chars = text(value)
        if index is not None:
            i = to_int(index)
            if not 0 <= i < len(chars):
                message = "Index was out of range. Must be non-negative and less than the size of the collection."
                raise _bad_argument(method, f"{message} (Parameter 'index')", _OUT_OF_RANGE)
            return test(chars[i])
        if len(chars) != 1:
            raise ScriptError(
                f'Cannot convert argument "c", with value: "{chars}", for "{method}" to type "System.Char": '
                f'"Cannot convert value "{chars}" to type "System.Char". Error: "String must be exactly one '
                'character long.""'
            )
        return test(chars)

    return check


#: .NET's character tests by their categories (IsDigit is a decimal digit, IsNumber any number).
_CHAR_TESTS: dict[str, Callable[[str], bool]] = {
    "IsDigit": str.isdecimal,
    "IsLetter": str.isalpha,
    "IsLetterOrDigit": lambda c: c.isalpha() or c.isdecimal(),
    "IsUpper": lambda c: unicodedata.category(c) == "Lu",
    "IsLower": lambda c: unicodedata.category(c) == "Ll",
    "IsWhiteSpace": lambda c: unicodedata.category(c) in ("Zs", "Zl", "Zp") or c in "\t\n\v\f\r\x85\xa0",
    "IsPunctuation": lambda c: unicodedata.category(c).startswith("P"),
    "IsNumber": lambda c: unicodedata.category(c).startswith("N"),
}


def _timespan_parse(value: Any) -> timedelta:
    """``[timespan]::Parse(text)``: ``[-][d.]hh:mm[:ss[.fffffff]]`` or a whole number of days."""
    from ._time import to_timespan

    try:
        return to_timespan(text(value))
    except ScriptError:
        raise _bad_argument(
            "Parse", f"String '{text(value)}' was not recognized as a valid TimeSpan.", _FORMAT
        ) from None


def _math_pair(choose: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
    """``[math]::Max``/``Min``: .NET's overload for the wider of the two types, a double when either is one."""
    x, y = to_number(a), to_number(b)
    chosen = choose(x, y)
    return float(chosen) if isinstance(x, float) or isinstance(y, float) else chosen


def _math_round(value: Any, *args: Any) -> Any:
    digits = 0
    mode = "toeven"
    for a in args:
        if isinstance(a, str):
            mode = a.lower()
        else:
            digits = to_int(a)
    x = to_number(value)
    if isinstance(x, int) and not isinstance(x, bool):
        return x
    # .NET's own steps (Math.Round(double, int, mode)): scale by 10^digits as a double, round that, scale
    # back. So 2.675 to two digits is 2.68 (2.675 * 100 is the double 267.5), though its exact value is
    # below 2.675 and Python's round() gives 2.67.
    power = 10.0**digits
    scaled = float(x) * power if digits else float(x)
    if mode == "awayfromzero":
        fraction, whole = math.modf(scaled)
        rounded = whole + math.copysign(1.0, fraction) if abs(fraction) >= 0.5 else whole
    else:
        rounded = float(round(scaled))
    return rounded / power if digits else rounded


def _path_combine(*parts: Any) -> str:
    out = ""
    for part in parts:
        piece = text(part)
        if piece.startswith(os.sep) or not out:
            out = piece
        else:
            out = out + ("" if out.endswith(os.sep) else os.sep) + piece
    return out


def _path_join(*parts: Any) -> str:
    pieces = [text(p) for p in parts if text(p)]
    out = ""
    for piece in pieces:
        out = piece if not out else out + ("" if out.endswith(os.sep) or piece.startswith(os.sep) else os.sep) + piece
    return out


def _extension(path: Any) -> str:
    return os.path.splitext(text(path))[1]


def _new_timespan(*parts: Any) -> timedelta:
    """``[TimeSpan]::new(hours, minutes, seconds)`` or ``(days, hours, minutes, seconds[, ms])``; one number is ticks."""
    n = [to_double(p) for p in parts]
    if len(n) == 1:
        return timedelta(microseconds=n[0] / 10)
    if len(n) == 3:
        return timedelta(hours=n[0], minutes=n[1], seconds=n[2])
    if len(n) in (4, 5):
        return timedelta(days=n[0], hours=n[1], minutes=n[2], seconds=n[3], milliseconds=n[4] if len(n) == 5 else 0)
    raise ScriptError(f'Cannot find an overload for "new" and the argument count: "{len(parts)}".')


def _new_datetimeoffset(value: Any, offset: Any = None, *parts: Any) -> datetime:
    """``[DateTimeOffset]::new(dateTime[, offset])``: the date-time's clock reading at that offset (without one,
    a UTC date-time stays UTC and any other is read as local time); ``(year, month, day, hour, minute,
    second[, millisecond], offset)``: that clock reading at that offset."""
    from ._time import to_datetime

    if parts:
        numbers, zone = [value, offset, *parts[:-1]], parts[-1]
        if len(numbers) not in (6, 7) or not isinstance(zone, timedelta):
            raise ScriptError(f'Cannot find an overload for "new" and the argument count: "{len(numbers) + 1}".')
        year, month, day, hour, minute, second, *milli = (to_int(n) for n in numbers)
        try:
            moment = datetime(year, month, day, hour, minute, second, (milli[0] if milli else 0) * 1000)
        except ValueError:
            raise _bad_argument(
                "new", "Year, Month, and Day parameters describe an un-representable DateTime.", _OUT_OF_RANGE
            ) from None
        return moment.replace(tzinfo=timezone(zone))
    moment = to_datetime(value)
    if offset is None:
        return moment if moment.tzinfo is not None else moment.astimezone()
    if not isinstance(offset, timedelta):
        raise ScriptError('Cannot convert argument "offset" to type "System.TimeSpan".')
    return moment.replace(tzinfo=timezone(offset))


def _now_utc() -> datetime:
    return datetime.now(timezone.utc)


def _from_unix(seconds: Any, scale: int = 1) -> datetime:
    return datetime.fromtimestamp(to_number(seconds) / scale, timezone.utc)


def _is_null_or_empty(value: Any) -> bool:
    return value is None or text(value) == ""


def _is_null_or_white_space(value: Any) -> bool:
    return value is None or text(value).strip() == ""


def _temp_file() -> str:
    handle, path = tempfile.mkstemp(suffix=".tmp")
    os.close(handle)
    return path


def _parse_int(value: Any) -> int:
    s = text(value).strip()
    if not re.fullmatch(r"[+-]?\d+", s):
        raise _bad_argument("Parse", f"The input string '{text(value)}' was not in a correct format.", _FORMAT)
    return to_int(s)


def _parse_double(value: Any) -> float:
    try:
        return float(text(value).strip())
    except ValueError:
        raise _bad_argument(
            "Parse", f"The input string '{text(value)}' was not in a correct format.", _FORMAT
        ) from None


def _read_all_text(path: Any) -> str:
    with open(text(path), encoding="utf-8-sig") as handle:
        return handle.read()


def _write_all_text(path: Any, value: Any) -> None:
    with open(text(path), "w", encoding="utf-8", newline="") as handle:
        handle.write(text(value))


def _append_all_text(path: Any, value: Any) -> None:
    with open(text(path), "a", encoding="utf-8", newline="") as handle:
        handle.write(text(value))


#: ``[System.Text.RegularExpressions.RegexOptions]``: the names and values .NET gives them.
_REGEX_OPTIONS = {
    "none": 0,
    "ignorecase": 1,
    "multiline": 2,
    "explicitcapture": 4,
    "compiled": 8,
    "singleline": 16,
    "ignorepatternwhitespace": 32,
    "righttoleft": 64,
    "ecmascript": 256,
    "cultureinvariant": 512,
    "nonbacktracking": 1024,
}
#: The options Python's regular expressions have no counterpart for.
_NO_PYTHON_OPTION = {"ExplicitCapture": 4, "RightToLeft": 64, "ECMAScript": 256}


def _regex_options(method: str, options: Any) -> tuple[bool, int]:
    """``[RegexOptions]`` given as text (``'IgnoreCase, Multiline'``) or a number: whether case counts, and
    Python's flags for the others (``Compiled``, ``CultureInvariant`` and ``NonBacktracking`` change no match)."""
    if options is None:
        return True, 0
    if isinstance(options, int) and not isinstance(options, bool):
        bits = options
    else:
        bits = 0
        for part in text(options).split(","):
            value = _REGEX_OPTIONS.get(part.strip().lower())
            if value is None:
                names = ", ".join(("None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline"))
                names += ", IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant, NonBacktracking"
                raise ScriptError(
                    f'Cannot convert argument "options", with value: "{text(options)}", for "{method}" to type '
                    f'"System.Text.RegularExpressions.RegexOptions": "Unable to match the identifier name '
                    f"{part.strip()} to a valid enumerator name. Specify one of the following enumerator names "
                    f'and try again: {names}"'
                )
            bits |= value
    missing = [name for name, bit in _NO_PYTHON_OPTION.items() if bits & bit]
    if missing:
        raise ScriptError(f"[RegexOptions] {', '.join(missing)} is not supported by this translation.")
    flags = (re.MULTILINE if bits & 2 else 0) | (re.DOTALL if bits & 16 else 0) | (re.VERBOSE if bits & 32 else 0)
    return not bits & 1, flags


def _regex(method: str, pattern: Any, options: Any) -> re.Pattern[str]:
    return to_regex(text(pattern), *_regex_options(method, options))


def _regex_matches(value: Any, pattern: Any, options: Any = None) -> list[Any]:
    from ._operators import _MatchInfo

    return [_MatchInfo(m) for m in _regex("Matches", pattern, options).finditer(text(value))]


def _regex_match(value: Any, pattern: Any, options: Any = None) -> Any:
    """``[regex]::Match(input, pattern[, options])``: the first match (``.Success`` False when there is none)."""
    from ._operators import _MatchInfo

    compiled = _regex("Match", pattern, options)
    return _MatchInfo(compiled.search(text(value)), compiled)


def _regex_replace(value: Any, pattern: Any, replacement: Any, options: Any = None) -> Any:
    from ._operators import replace

    case, flags = _regex_options("Replace", options)
    return replace(value, pattern, replacement, case=case, flags=flags)


_STATIC: dict[tuple[str, str], Callable[..., Any]] = {
    # StringComparer's comparers, by name: what HashSet::new(comparer) reads.
    ("stringcomparer", "ordinal"): lambda: "Ordinal",
    ("stringcomparer", "ordinalignorecase"): lambda: "OrdinalIgnoreCase",
    ("stringcomparer", "invariantcultureignorecase"): lambda: "InvariantCultureIgnoreCase",
    ("stringcomparer", "currentcultureignorecase"): lambda: "CurrentCultureIgnoreCase",
    ("math", "round"): _math_round,
    ("math", "floor"): lambda x: float(math.floor(to_number(x))),
    ("math", "ceiling"): lambda x: float(math.ceil(to_number(x))),
    ("math", "truncate"): lambda x: float(math.trunc(to_number(x))),
    ("math", "abs"): lambda x: abs(to_number(x)),
    ("math", "max"): lambda a, b: _math_pair(max, a, b),
    ("math", "min"): lambda a, b: _math_pair(min, a, b),
    ("math", "pow"): lambda a, b: float(to_number(a)) ** float(to_number(b)),
    ("math", "sqrt"): lambda x: math.sqrt(to_number(x)),
    ("math", "log"): lambda x, base=math.e: math.log(to_number(x), to_number(base)),
    ("math", "log10"): lambda x: math.log10(to_number(x)),
    ("math", "exp"): lambda x: math.exp(to_number(x)),
    ("math", "sign"): lambda x: (to_number(x) > 0) - (to_number(x) < 0),
    ("math", "pi"): lambda: math.pi,
    ("math", "e"): lambda: math.e,
    ("string", "isnullorempty"): _is_null_or_empty,
    ("string", "isnullorwhitespace"): _is_null_or_white_space,
    ("string", "join"): lambda sep, *values: text(sep).join(
        text(v) for value in values for v in (value if isinstance(value, list) else [value])
    ),
    ("string", "format"): lambda fmt, *args: format_string(fmt, list(args) if len(args) != 1 else args[0]),
    ("string", "concat"): lambda *values: "".join(text(v) for v in values),
    ("string", "empty"): lambda: "",
    ("string", "equals"): lambda a, b: text(a) == text(b),
    ("io.path", "gettemppath"): temp_path,
    ("io.path", "combine"): _path_combine,
    ("io.path", "join"): _path_join,
    ("io.path", "getfilename"): lambda p: os.path.basename(text(p)),
    ("io.path", "getfilenamewithoutextension"): lambda p: os.path.splitext(os.path.basename(text(p)))[0],
    ("io.path", "getextension"): _extension,
    ("io.path", "getdirectoryname"): lambda p: os.path.dirname(text(p)),
    ("io.path", "getfullpath"): lambda p: os.path.abspath(text(p)),
    ("io.path", "getrandomfilename"): lambda: uuid.uuid4().hex[:8] + "." + uuid.uuid4().hex[:3],
    ("io.path", "gettempfilename"): _temp_file,
    ("io.path", "directoryseparatorchar"): lambda: os.sep,
    ("io.path", "ispathrooted"): lambda p: os.path.isabs(text(p)),
    ("io.path", "changeextension"): lambda p, ext: (
        os.path.splitext(text(p))[0] + ("." + text(ext).lstrip(".") if ext else "")
    ),
    ("io.file", "exists"): lambda p: os.path.isfile(text(p)),
    ("io.file", "readalltext"): _read_all_text,
    ("io.file", "writealltext"): _write_all_text,
    ("io.file", "delete"): lambda p: os.remove(text(p)) if os.path.exists(text(p)) else None,
    ("io.directory", "exists"): lambda p: os.path.isdir(text(p)),
    ("io.directory", "createdirectory"): lambda p: os.makedirs(text(p), exist_ok=True),
    ("datetime", "now"): datetime.now,
    ("datetime", "utcnow"): _now_utc,
    ("datetime", "today"): lambda: datetime.now().replace(hour=0, minute=0, second=0, microsecond=0),
    ("datetime", "parse"): lambda v: __import__("psopenapi_py.pscompat._time", fromlist=["to_datetime"]).to_datetime(v),
    ("datetime", "isleapyear"): _is_leap_year,
    ("datetime", "daysinmonth"): _days_in_month,
    ("datetime", "minvalue"): lambda: datetime.min,
    ("datetime", "maxvalue"): lambda: datetime.max,
    ("datetime", "parseexact"): lambda *args: __import__("psopenapi_py.pscompat._time", fromlist=["x"]).parse_exact(
        *args
    ),
    ("globalization.cultureinfo", "invariantculture"): lambda: (
        __import__("psopenapi_py.pscompat._time", fromlist=["x"]).INVARIANT_CULTURE
    ),
    ("datetimeoffset", "utcnow"): _now_utc,
    ("datetimeoffset", "now"): lambda: datetime.now().astimezone(),
    ("datetimeoffset", "fromunixtimeseconds"): _from_unix,
    ("datetimeoffset", "fromunixtimemilliseconds"): lambda ms: _from_unix(ms, 1000),
    ("guid", "newguid"): lambda: Guid(str(uuid.uuid4())),
    ("guid", "empty"): lambda: Guid("00000000-0000-0000-0000-000000000000"),
    ("guid", "parse"): to_guid,
    ("console", "writeline"): lambda *args: print(
        format_string(text(args[0]), list(args[1:])) if len(args) > 1 else text(args[0]) if args else ""
    ),
    ("console", "write"): lambda *args: print(
        format_string(text(args[0]), list(args[1:])) if len(args) > 1 else text(args[0]), end=""
    ),
    ("environment", "getenvironmentvariable"): lambda name: os.environ.get(text(name)),
    ("environment", "newline"): lambda: "\n",
    ("environment", "machinename"): lambda: os.uname().nodename,
    ("environment", "processid"): os.getpid,
    ("environment", "username"): lambda: os.environ.get("USER", ""),
    ("environment", "currentdirectory"): os.getcwd,
    ("environment", "exit"): lambda code: (_ for _ in ()).throw(SystemExit(to_int(code))),
    ("convert", "tobase64string"): lambda data: base64.b64encode(bytes(to_int(b) for b in items(data))).decode("ascii"),
    ("convert", "frombase64string"): lambda s: list(base64.b64decode(text(s))),
    ("convert", "toint32"): lambda v, base=10: int(text(v), to_int(base)) if base != 10 else to_int(v),
    ("convert", "todouble"): to_double,
    ("convert", "toboolean"): lambda v: _to_boolean(v),
    ("midpointrounding", "awayfromzero"): lambda: "AwayFromZero",
    ("array", "reverse"): lambda items_: items_.reverse() if isinstance(items_, list) else None,
    ("array", "indexof"): lambda items_, value: next(
        (i for i, item in enumerate(items(items_)) if compare("eq", item, value, case=True) is True), -1
    ),
    ("io.file", "readalllines"): lambda p: _read_all_text(p).splitlines(),
    ("io.file", "writealllines"): lambda p, lines: _write_all_text(p, "".join(text(x) + "\n" for x in items(lines))),
    ("io.file", "appendalltext"): lambda p, value: _append_all_text(p, value),
    ("stringsplitoptions", "removeemptyentries"): lambda: StringSplitOptions.REMOVE_EMPTY_ENTRIES,
    ("stringsplitoptions", "none"): lambda: StringSplitOptions.NONE,
    **{("dayofweek", day.name.lower()): (lambda day=day: day) for day in DayOfWeek},
    ("stringsplitoptions", "trimentries"): lambda: StringSplitOptions.TRIM_ENTRIES,
    ("timespan", "zero"): lambda: timedelta(0),
    ("timespan", "parse"): _timespan_parse,
    **{("char", name.lower()): _char_test(name, test) for name, test in _CHAR_TESTS.items()},
    ("timespan", "new"): _new_timespan,
    ("datetimeoffset", "new"): _new_datetimeoffset,
    ("timespan", "fromseconds"): lambda n: timedelta(seconds=to_double(n)),
    ("timespan", "fromminutes"): lambda n: timedelta(minutes=to_double(n)),
    ("timespan", "fromhours"): lambda n: timedelta(hours=to_double(n)),
    ("timespan", "fromdays"): lambda n: timedelta(days=to_double(n)),
    ("timespan", "frommilliseconds"): lambda n: timedelta(milliseconds=to_double(n)),
    ("midpointrounding", "toeven"): lambda: "ToEven",
    ("convert", "tostring"): lambda v, base=None: text(v) if base is None else _to_base(v, base),
    ("text.encoding", "utf8"): lambda: _Encoding("utf-8"),
    ("text.encoding", "ascii"): lambda: _Encoding("ascii"),
    ("text.encoding", "unicode"): lambda: _Encoding("utf-16-le"),
    ("regex", "escape"): lambda s: re.sub(r"([\\*+?|{}\[\]()^$.# \t\n\r\f])", r"\\\1", text(s)),
    ("regex", "ismatch"): lambda s, p, o=None: _regex("IsMatch", p, o).search(text(s)) is not None,
    ("regex", "matches"): _regex_matches,
    ("regex", "match"): _regex_match,
    ("regex", "replace"): _regex_replace,
    ("regex", "split"): lambda s, p, o=None: _regex("Split", p, o).split(text(s)),
    ("int", "parse"): _parse_int,
    ("int32", "parse"): _parse_int,
    ("int", "maxvalue"): lambda: 2**31 - 1,
    ("int", "minvalue"): lambda: -(2**31),
    ("int32", "maxvalue"): lambda: 2**31 - 1,
    ("long", "maxvalue"): lambda: 2**63 - 1,
    ("int64", "maxvalue"): lambda: 2**63 - 1,
    ("double", "parse"): _parse_double,
    ("threading.thread", "sleep"): lambda ms: time.sleep(to_number(ms) / 1000),
    ("text.stringbuilder", "new"): StringBuilder,
    ("net.httpstatuscode", "unauthorized"): lambda: HTTPStatus.UNAUTHORIZED,
}

#: Type names scripts spell more than one way, to the key used above.
_TYPE_ALIASES = {
    "system.stringcomparer": "stringcomparer",
    "system.math": "math",
    "system.string": "string",
    "str": "string",
    "system.io.path": "io.path",
    "path": "io.path",
    "system.io.file": "io.file",
    "file": "io.file",
    "system.io.directory": "io.directory",
    "system.datetime": "datetime",
    "system.globalization.cultureinfo": "globalization.cultureinfo",
    "cultureinfo": "globalization.cultureinfo",
    "system.datetimeoffset": "datetimeoffset",
    "system.guid": "guid",
    "system.console": "console",
    "system.environment": "environment",
    "env": "environment",
    "system.convert": "convert",
    "system.text.encoding": "text.encoding",
    "system.text.regularexpressions.regex": "regex",
    "text.regularexpressions.regex": "regex",
    "system.int32": "int32",
    "system.int64": "int64",
    "system.double": "double",
    "system.threading.thread": "threading.thread",
    "system.text.stringbuilder": "text.stringbuilder",
    "system.net.httpstatuscode": "net.httpstatuscode",
    "system.midpointrounding": "midpointrounding",
    "system.array": "array",
    "system.stringsplitoptions": "stringsplitoptions",
    "system.dayofweek": "dayofweek",
    "system.timespan": "timespan",
    "system.char": "char",
}


#: Static methods whose failures this module raises as the .NET exception PowerShell sees (``catch
#: [System.FormatException]`` around ``[datetime]::ParseExact`` catches a bad date, as in PowerShell).
TYPED_FAILURES = frozenset(
    {
        ("datetime", "parseexact"),
        ("timespan", "parse"),
        ("datetime", "isleapyear"),
        ("datetime", "daysinmonth"),
        ("int", "parse"),
        ("int32", "parse"),
        ("double", "parse"),
        ("convert", "toboolean"),
    }
)


#: Instance methods whose every .NET error this module raises typed as .NET does (so a ``catch [T]`` around
#: them catches here what it catches in PowerShell): a string's Substring, a Queue's or Stack's Dequeue, Pop
#: and Peek. On another value (``$null``, a type without the method) the error is untyped in both.
TYPED_METHOD_FAILURES = frozenset({"substring", "dequeue", "pop", "peek"})


def static_key(type_name: str, name: str) -> tuple[str, str] | None:
    """The table key of ``[type]::name`` when this module has it (the translator asks before writing a call)."""
    t = type_name.lower().strip("[]")
    t = _TYPE_ALIASES.get(t, t)
    key = (t, name.lower())
    if key in _STATIC:
        return key
    if t == "net.httpstatuscode":
        return key
    return None


def static(type_name: str, name: str, *args: Any) -> Any:
    """``[type]::Name`` or ``[type]::Name(args)``: the .NET static member, for the types scripts use
    (``math``, ``string``, ``System.IO.Path``, ``datetime``, ``DateTimeOffset``, ``guid``, ``Environment``,
    ``convert``, ``Text.Encoding``, ``regex``, ``int``, ``System.Net.HttpStatusCode``...)."""
    key = static_key(type_name, name)
    if key is None:
        raise ScriptError(f"Method invocation failed because [{type_name}] does not contain a method named '{name}'.")
    if key[0] == "net.httpstatuscode":
        for status in HTTPStatus:
            from ._format import status_name

            if status_name(status).lower() == key[1]:
                return status
        raise ScriptError(f"Unable to find the member '{name}' of [System.Net.HttpStatusCode].")
    try:
        return _STATIC[key](*args)
    except _ArgumentFailure as failure:
        raise _counted(failure, len(args))  # noqa: B904 - its cause is the method's own .NET exception
    except TypeError:
        raise ScriptError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".') from None
