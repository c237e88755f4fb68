"""Cmdlet forms the other modules do not cover: streams as lists, ``Where-Object`` negations, ``ForEach-Object Name``,
``Group-Object`` in PowerShell 7's order, piped ``ConvertTo-Json``, ``ConvertFrom-Json -AsHashtable``,
``Get-Random``, ``Out-String``, ``New-Guid``."""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ._arguments import bind_char
from ._collections import Hashtable, PSObject, items, member, model_fields
from ._convert import ScriptError, to_number
from ._files import get_content, import_csv
from ._json import convert_from_json, convert_to_json
from ._methods import invoke
from ._operators import like, match
from ._streams import render

__all__ = [
    "convert_from_json_hashtable",
    "convert_to_json_piped",
    "foreach_member",
    "get_content_lines",
    "get_random",
    "import_csv_rows",
    "new_guid",
    "not_like",
    "not_match",
    "out_string",
]


def _as_list(collected: Any) -> list[Any]:
    """Undo ``collect``: a cmdlet's output as the list of what it wrote (``$null`` is nothing)."""
    if collected is None:
        return []
    return collected if isinstance(collected, list) else [collected]


def get_content_lines(
    path: Any,
    tail: Any = None,
    total_count: Any = None,
    encoding: Any = None,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> list[str]:
    """``Get-Content p`` in a pipeline: the file's lines, one item each (an empty file writes nothing)."""
    return _as_list(
        get_content(
            path,
            tail=tail,
            total_count=total_count,
            encoding=encoding,
            silently=silently,
            error_action=error_action,
            error_variable=error_variable,
        )
    )


def import_csv_rows(path: Any, delimiter: str = ",", header: Any = None) -> list[Any]:
    """``Import-Csv p`` in a pipeline: one object per data line."""
    return _as_list(import_csv(path, delimiter=delimiter, header=header))


def not_like(left: Any, pattern: Any, case: bool = False) -> Any:
    """``-notlike``: the whole text does not match the wildcard; an array on the left keeps the items that do not."""
    if isinstance(left, (list, tuple)):
        return [item for item in left if not like(item, pattern, case)]
    return not like(left, pattern, case)


def not_match(left: Any, pattern: Any, matches: Any = None, case: bool = False) -> Any:
    """``-notmatch``: no regex match (``matches`` filled as ``-match`` fills it when the text does match); an
    array on the left keeps the items that do not match."""
    if isinstance(left, (list, tuple)):
        return [item for item in left if not match(item, pattern, case=case)]
    return not match(left, pattern, matches, case=case)


def _has_property(item: Any, name: str) -> bool:
    low = name.lower()
    if isinstance(item, Mapping):
        return any(isinstance(k, str) and k.lower() == low for k in item)
    fields = getattr(type(item), "__attrs_attrs__", None)
    if fields is not None and model_fields(item) is not None:
        return any(f.name.replace("_", "").lower() == low.replace("_", "") for f in fields)
    return member(item, name) is not None


def foreach_member(value: Any, name: str) -> list[Any]:
    """``ForEach-Object Name`` (``-MemberName``): each item's property ``Name``, or the result of calling its
    method ``Name()`` when it has no such property (``'a' | ForEach-Object ToUpper``); arrays unrolled."""
    out: list[Any] = []
    for item in items(value):
        got = member(item, name) if _has_property(item, name) else invoke(item, name)
        if isinstance(got, (list, tuple)):
            out.extend(got)
        else:
            out.append(got)
    return out


def convert_to_json_piped(value: Any, depth: int = 2, compress: bool = False, as_array: bool = False) -> Any:
    """``... | ConvertTo-Json``: the piped items are collected first, so one item is written as itself, several
    as an array, and no item at all writes nothing (``None``); ``$null`` piped is one item."""
    values = [None] if value is None else items(value)
    if not values:
        return convert_to_json([], depth, compress) if as_array else None
    return convert_to_json(values if len(values) > 1 else values[0], depth, compress, as_array)


def _to_hashtable(value: Any) -> Any:
    if isinstance(value, PSObject):
        return Hashtable((k, _to_hashtable(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_to_hashtable(v) for v in value]
    return value


def convert_from_json_hashtable(value: Any, no_enumerate: bool = False) -> Any:
    """``ConvertFrom-Json -AsHashtable``: JSON objects become (ordered) hashtables instead of objects."""
    return _to_hashtable(convert_from_json(value, no_enumerate))


_NOTHING: Any = object()
_INT32_MAX = 2**31 - 1


def get_random(minimum: Any = None, maximum: Any = None, input_object: Any = _NOTHING, count: Any = None) -> Any:
    """``Get-Random``: a number from ``minimum`` (default 0) up to but not including ``maximum`` (default
    Int32.MaxValue), a double when either bound is one; with ``input_object``, an item picked from it, and
    with ``count`` that many distinct items in random order."""
    if input_object is not _NOTHING:
        pool = items(input_object)
        if count is None:
            return random.choice(pool) if pool else None
        n = min(int(to_number(count)), len(pool))
        return random.sample(pool, n)
    low = to_number(minimum) if minimum is not None else 0
    high = to_number(maximum) if maximum is not None else _INT32_MAX
    if low >= high:
        raise ScriptError(f"The Minimum value ({low}) cannot be greater than or equal to the Maximum value ({high}).")
    pick: Callable[[], Any]
    if isinstance(low, float) or isinstance(high, float):
        pick = functools.partial(random.uniform, float(low), float(high))
    else:
        pick = functools.partial(random.randrange, int(low), int(high))
    if count is None:
        return pick()
    return [pick() for _ in range(int(to_number(count)))]


def out_string(value: Any, stream: bool = False) -> Any:
    """``... | Out-String``: the text the console would show for the value, ending with a newline; with
    ``-Stream``, its lines one by one (a stream)."""
    shown = "".join(render(value))
    if not stream:
        return shown
    return shown[:-1].split("\n") if shown.endswith("\n") else shown.split("\n") if shown else []


def new_guid() -> str:
    """``New-Guid``: a random (version 4) GUID; its text is the lower-case ``D`` form (``"$(New-Guid)"``)."""
    from ._methods import Guid

    return Guid(str(uuid.uuid4()))


_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b", "0": "\0"}


def _regex_unescape(value: str) -> str:
    """.NET's ``Regex.Unescape``, which ConvertFrom-StringData applies to each value: ``\\n``, ``\\t``...,
    ``\\xHH``, ``\\uHHHH``, and any other escaped character as itself (``\\\\`` is one backslash)."""
    import re

    def one(m: re.Match[str]) -> str:
        body = m.group(1)
        if body[0] in "xu":
            return chr(int(body[1:], 16))
        return _UNESCAPES.get(body, body)

    return re.sub(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)", one, value, flags=re.DOTALL)


def convert_from_string_data(value: Any, delimiter: Any = "=") -> list[Any]:
    """``... | ConvertFrom-StringData [-Delimiter c]``: a hashtable for each piped string (one line of a file
    read line by line, or a whole here-string), of its ``name = value`` lines; blank lines and ``#`` comments
    skipped, names and values trimmed, values unescaped as .NET's Regex.Unescape does."""
    from ._format import text

    mark = bind_char(delimiter, "Delimiter")
    tables = []
    for item in items(value):
        table = Hashtable()
        for line in text(item).splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if mark not in stripped:
                raise ScriptError(f"Data line '{stripped}' is not in 'name{mark}value' format.")
            name, _, found = stripped.partition(mark)
            name = name.strip()
            if name in table:
                raise ScriptError(f"Data item '{name}' in line '{stripped}' is already defined.")
            table[name] = _regex_unescape(found.strip())
        tables.append(table)
    return tables
