"""The pipeline cmdlets: ``Where-Object``, ``ForEach-Object``, ``Select-Object``, ``Sort-Object``, ``Measure-Object``, ``Group-Object``."""

from __future__ import annotations

import builtins
import functools
from collections.abc import Callable, Mapping
from types import GeneratorType
from typing import Any

from ._collections import PSObject, items, member, model_fields
from ._convert import ScriptError, collect, is_number, to_number, truthy
from ._format import text
from ._operators import compare, wildcard

__all__ = [
    "emit",
    "output",
    "foreach_object",
    "group_object",
    "measure_object",
    "select_object",
    "sort_object",
    "where_object",
    "written",
    "join_string",
]


def emit(out: list[Any], value: Any) -> None:
    """Add what a statement writes to the output: an array's items one by one (a block's output item by
    item), anything else as it is."""
    if isinstance(value, GeneratorType):
        for item in value:
            emit(out, item)
    elif isinstance(value, (list, tuple)):
        out.extend(value)
    else:
        out.append(value)


def written(value: Any) -> list[Any]:
    """What a function or block writes, object by object, as the next command of a pipeline gets it (an
    array it wrote as one object, ``Write-Output -NoEnumerate``, stays one object)."""
    out: list[Any] = []
    emit(out, value)
    return out


def output(value: Any) -> Any:
    """What a function or block writes, as assigning it gives: nothing is ``$null``, one item that item,
    more an array (a translated function or block is a generator of what it writes)."""
    if isinstance(value, GeneratorType):
        out: list[Any] = []
        emit(out, value)
        return collect(out)
    return value


def where_object(value: Any, predicate: Callable[[Any], Any]) -> list[Any]:
    """``Where-Object { ... }``: the items for which the block's result is true in PowerShell's sense."""
    return [item for item in items(value) if truthy(output(predicate(item)))]


def foreach_object(
    value: Any,
    block: Callable[[Any], Any] | None,
    begin: Callable[[Any], Any] | None = None,
    end: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """``ForEach-Object [-Begin {...}] { ... } [-End {...}]``: everything the blocks write (the process block
    for each item), arrays unrolled; ``$_`` is ``$null`` in the begin and end blocks."""
    out: list[Any] = []
    if begin is not None:
        emit(out, begin(None))
    if block is not None:
        for item in items(value):
            emit(out, block(item))
    if end is not None:
        emit(out, end(None))
    return out


_Key = Callable[[Any], Any]


def _entry(spec: Mapping[Any, Any], *names: str) -> Any:
    """A calculated property's entry by any unique prefix of its name, any case (``n``/``l``/``e``/``Asc``)."""
    for key, value in spec.items():
        low = str(key).lower()
        if low and any(name.startswith(low) for name in names):
            return value
    return None


def _keys(prop: Any) -> list[tuple[_Key, bool | None]]:
    """Sort keys from ``-Property``: names, script blocks, or ``@{Expression=...; Descending=...}``."""
    specs = prop if isinstance(prop, (list, tuple)) else [prop]
    out: list[tuple[_Key, bool | None]] = []
    for spec in specs:
        if callable(spec):
            out.append((_block_key(spec), None))
        elif isinstance(spec, dict):
            expr = _entry(spec, "expression")
            desc = _entry(spec, "descending")
            ascending = _entry(spec, "ascending")
            if desc is None and ascending is not None:
                desc = not truthy(ascending)
            key = _block_key(expr) if callable(expr) else functools.partial(_member_of, text(expr))
            out.append((key, None if desc is None else truthy(desc)))
        else:
            out.append((functools.partial(_member_of, text(spec)), None))
    return out


def join_string(
    value: Any,
    property: Any = None,  # noqa: A002 - the cmdlet's parameter
    separator: Any = None,
    output_prefix: Any = None,
    output_suffix: Any = None,
    single_quote: bool = False,
    double_quote: bool = False,
    format_string: Any = None,
) -> str:
    """``Join-String [-Property p] [-Separator s] [-OutputPrefix a] [-OutputSuffix b] [-SingleQuote |
    -DoubleQuote | -FormatString f]``: one string of the items' text (``$null`` items left out), each
    quoted or formatted, between the prefix and the suffix; the separator is ``$OFS`` (empty when unset)."""
    from ._format import format_string as format_with
    from ._streams import preferences

    if separator is None:
        separator = preferences.get("OFS")
    joint = "" if separator is None else text(separator)
    key = None if property is None else _keys(property)[0][0]
    quote = "'" if single_quote else '"' if double_quote else ""
    parts = []
    for item in items(value):
        if item is None:
            continue
        shown = item if key is None else key(item)
        if quote:
            parts.append(quote + text(shown) + quote)
        elif format_string:
            parts.append(format_with(format_string, [shown]))
        else:
            parts.append(text(shown))
    prefix = "" if output_prefix is None else text(output_prefix)
    suffix = "" if output_suffix is None else text(output_suffix)
    return prefix + joint.join(parts) + suffix


def _member_of(name: str, item: Any) -> Any:
    return member(item, name)


def _block_key(block: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda item: output(block(item))


def _cmp(a: Any, b: Any, case: bool) -> int:
    if a is None and b is None:
        return 0
    if a is None:
        return -1
    if b is None:
        return 1
    try:
        if compare("lt", a, b, case):
            return -1
        if compare("gt", a, b, case):
            return 1
        return 0
    except ScriptError:
        ta, tb = text(a), text(b)
        ta, tb = (ta, tb) if case else (ta.casefold(), tb.casefold())
        return -1 if ta < tb else 1 if ta > tb else 0


def sort_object(
    value: Any,
    property: Any = None,  # noqa: A002 - the cmdlet's parameter
    descending: bool = False,
    unique: bool = False,
    case_sensitive: bool = False,
) -> list[Any]:
    """``Sort-Object [-Property p] [-Descending] [-Unique]``: a stable sort, text ignoring case, numbers by value;
    ``-Unique`` drops items equal to one before them (ignoring case)."""
    data = list(items(value))
    keys = _keys(property) if property is not None else [(lambda item: item, None)]

    def order(a: Any, b: Any) -> int:
        for key, desc in keys:
            c = _cmp(key(a), key(b), case_sensitive)
            if c:
                return -c if (descending if desc is None else desc) else c
        return 0

    data.sort(key=functools.cmp_to_key(order))
    if unique:
        kept: list[Any] = []
        for item in data:
            if not kept or order(kept[-1], item) != 0:
                kept.append(item)
        data = kept
    return data


def select_object(
    value: Any,
    property: Any = None,  # noqa: A002 - the cmdlet's parameter
    expand_property: str | None = None,
    first: Any = None,
    last: Any = None,
    skip: Any = None,
    unique: bool = False,
    exclude_property: Any = None,
    skip_last: Any = None,
    index: Any = None,
) -> list[Any]:
    """``Select-Object [-First n] [-Last n] [-Skip n] [-SkipLast n] [-Index i, j] [-Unique] [-ExpandProperty p]
    [-Property ...] [-ExcludeProperty ...]``: property names may be wildcards (``*``, ``Voice*``), matched
    against each object's properties in their order; ``-Index`` keeps the items at those positions, in the
    order they come, each once."""
    data = list(items(value))
    if skip is not None:
        data = data[int(to_number(skip)) :]
    if skip_last is not None:
        dropped = int(to_number(skip_last))
        data = data[: len(data) - dropped] if dropped > 0 else data
    if index is not None:
        wanted = {int(to_number(i)) for i in items(index)}
        data = [item for position, item in enumerate(data) if position in wanted]
    if first is not None or last is not None:
        head = data[: int(to_number(first))] if first is not None else []
        tail = data[-int(to_number(last)) :] if last is not None and int(to_number(last)) > 0 else []
        data = head + [t for t in tail if first is None or t not in head] if first is not None else tail
    if unique:
        # After -First/-Last/-Skip, as Select-Object applies it (and after -ExpandProperty, below).
        data = _unique(data)
    if expand_property is not None:
        out: list[Any] = []
        for item in data:
            got = member(item, expand_property)
            if got is None and not _has(item, expand_property):
                raise ScriptError(f'Property "{expand_property}" cannot be found.')
            if isinstance(got, (list, tuple)):
                out.extend(got)
            else:
                out.append(got)
        return _unique(out) if unique else out
    if property is not None or exclude_property is not None:
        names = ["*"] if property is None else property if isinstance(property, (list, tuple)) else [property]
        excluded = [] if exclude_property is None else [text(e) for e in items(exclude_property)]
        picked = []
        for item in data:
            obj = PSObject()
            for spec in names:
                if isinstance(spec, dict):
                    label = _entry(spec, "name", "label")
                    expr = _entry(spec, "expression")
                    # A block's output is its items, collected: one item is that item (an array of one unrolls).
                    value = output(expr(item)) if callable(expr) else member(item, text(expr))
                    obj[text(label)] = collect(list(value)) if callable(expr) and isinstance(value, list) else value
                    continue
                for name in _matching_properties(item, text(spec)):
                    if not any(wildcard(e).match(name) for e in excluded):
                        obj[name] = member(item, name)
            picked.append(obj)
        return picked
    return data


def _matching_properties(item: Any, spec: str) -> list[str]:
    """The property names ``spec`` stands for: itself, or for a wildcard each matching property of ``item``."""
    if not any(c in spec for c in "*?["):
        return [spec]
    fields = model_fields(item)
    if fields is None and (isinstance(item, PSObject) or type(item) is dict):
        fields = dict(item)
    if fields is None:
        raise ScriptError(f"Select-Object {spec} of a {type(item).__name__} is not translated: name its properties.")
    pattern = wildcard(spec)
    return [str(name) for name in fields if pattern.match(str(name))]


def _unique(data: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for item in data:
        if not any(_same(item, k) for k in kept):
            kept.append(item)
    return kept


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a == b  # Select-Object -Unique is case-sensitive, unlike Sort-Object -Unique
    try:
        return bool(compare("eq", a, b, True))
    except ScriptError:
        return False


def _has(item: Any, name: str) -> bool:
    if isinstance(item, dict):
        return name in item if hasattr(item, "_spelling") else any(str(k).lower() == name.lower() for k in item)
    return member(item, name) is not None


def measure_object(
    value: Any,
    property: Any = None,  # noqa: A002 - the cmdlet's parameter
    sum: bool = False,  # noqa: A002
    average: bool = False,
    maximum: bool = False,
    minimum: bool = False,
    line: bool = False,
    word: bool = False,
    character: bool = False,
    ignore_white_space: bool = False,
) -> PSObject:
    """``Measure-Object [-Property p] [-Sum] [-Average] [-Maximum] [-Minimum]``: an object with ``Count``,
    ``Sum``, ``Average``, ``Maximum``, ``Minimum`` (the ones not asked for are ``$null``; sums are doubles).

    With ``-Line``, ``-Word``, ``-Character``: ``Lines``, ``Words``, ``Characters`` of the values' text
    instead, counted as PowerShell does (a last line without a newline counts; a word starts after white space).
    """
    if line or word or character:
        return _measure_text(value, property, line, word, character, ignore_white_space)
    data = items(value)
    values = [member(item, text(property)) for item in data] if property is not None else list(data)
    values = [v for v in values if v is not None]
    numbers = [float(to_number(v)) for v in values] if (sum or average or maximum or minimum) else []
    result = PSObject()
    result["Count"] = len(values)
    result["Average"] = (builtins.sum(numbers) / len(numbers) if numbers else None) if average else None
    result["Sum"] = builtins.sum(numbers) if sum else None
    if maximum or minimum:
        raw = values if all(is_number(v) for v in values) else numbers
        result["Maximum"] = (max(raw, key=float) if raw else None) if maximum else None
        result["Minimum"] = (min(raw, key=float) if raw else None) if minimum else None
        if maximum and result["Maximum"] is not None:
            result["Maximum"] = float(result["Maximum"])
        if minimum and result["Minimum"] is not None:
            result["Minimum"] = float(result["Minimum"])
    else:
        result["Maximum"] = None
        result["Minimum"] = None
    result["Property"] = text(property) if property is not None else None
    return result


def _measure_text(value: Any, prop: Any, line: bool, word: bool, character: bool, ignore_white_space: bool) -> PSObject:
    lines = words = characters = 0
    for item in items(value):
        if item is None:
            continue
        s = text(member(item, text(prop)) if prop is not None else item)
        if s:
            lines += s.count("\n") + (0 if s.endswith("\n") else 1)
        words += len(s.split())
        characters += len("".join(s.split())) if ignore_white_space else len(s)
    result = PSObject()
    result["Lines"] = lines if line else None
    result["Words"] = words if word else None
    result["Characters"] = characters if character else None
    result["Property"] = text(prop) if prop is not None else None
    return result


def compare_object(
    reference: Any,
    difference: Any,
    property: Any = None,  # noqa: A002 - the cmdlet's parameter
    include_equal: bool = False,
    exclude_different: bool = False,
    pass_thru: bool = False,
    case_sensitive: bool = False,
) -> list[Any]:
    """``Compare-Object ref diff``: objects with ``InputObject`` (or the ``-Property`` values) and ``SideIndicator``:
    ``=>`` only in the difference, ``<=`` only in the reference, ``==`` in both (with ``-IncludeEqual``).

    The order is PowerShell's: its matching walks both lists in step, keeping unmatched items in backlogs,
    so a difference-only item is written when the lists are done, before the reference-only ones.
    ``-ExcludeDifferent`` writes only the matches. ``-PassThru`` writes the objects themselves.
    """
    for name, given in (("ReferenceObject", reference), ("DifferenceObject", difference)):
        if given is None:
            raise ScriptError(f"Cannot bind argument to parameter '{name}' because it is null.")
    keys = _keys(property) if property is not None else [(lambda item: item, None)]
    include_equal = include_equal or exclude_different

    def values(item: Any) -> list[Any]:
        return [key(item) for key, _ in keys]

    def same(a: Any, b: Any) -> bool:
        return all(_cmp(x, y, case_sensitive) == 0 for x, y in zip(values(a), values(b), strict=True))

    out: list[Any] = []

    def emit(item: Any, side: str) -> None:
        if (side == "==" and not include_equal) or (side != "==" and exclude_different):
            return
        if pass_thru:
            if isinstance(item, PSObject):
                item["SideIndicator"] = side
            out.append(item)
            return
        row = PSObject()
        if property is None:
            row["InputObject"] = item
        else:
            for spec, value in zip(items(property), values(item), strict=True):
                name = _entry(spec, "expression") if isinstance(spec, dict) else spec
                row[text(name) if not callable(name) else "$_"] = value
        row["SideIndicator"] = side
        out.append(row)

    refs = list(items(reference))
    ref_backlog: list[Any] = []
    diff_backlog: list[Any] = []
    index = 0

    def step(diff: Any, has_diff: bool) -> None:
        nonlocal index
        ref, has_ref = (refs[index], True) if index < len(refs) else (None, False)
        index += has_ref
        if has_ref and has_diff and same(ref, diff):
            emit(ref, "==")
            return
        if has_diff:
            found = next((i for i, r in enumerate(ref_backlog) if same(diff, r)), None)
            if found is not None:
                emit(ref_backlog.pop(found), "==")
                has_diff = False
        if has_ref:
            found = next((i for i, d in enumerate(diff_backlog) if same(ref, d)), None)
            if found is not None:
                diff_backlog.pop(found)
                emit(ref, "==")
                has_ref = False
        if has_diff:
            diff_backlog.append(diff)
        if has_ref:
            ref_backlog.append(ref)

    diffs = list(items(difference))
    if not refs:
        for diff in diffs:
            emit(diff, "=>")
        return out
    for diff in diffs:
        step(diff, True)
    while index < len(refs):
        step(None, False)
    for diff in diff_backlog:
        emit(diff, "=>")
    for ref in ref_backlog:
        emit(ref, "<=")
    return out


def group_object(
    value: Any,
    property: Any,  # noqa: A002 - the cmdlet's parameter
    no_element: bool = False,
    case_sensitive: bool = False,
    as_hash_table: bool = False,
    as_string: bool = False,
) -> Any:
    """``Group-Object p [-NoElement] [-CaseSensitive]``: one object per distinct value (ignoring case unless
    ``case_sensitive``) with ``Name``, ``Count`` and ``Group`` (left out with ``no_element``), sorted by their
    values as PowerShell 7 writes them. ``as_hash_table``: a hashtable of each value (its text with
    ``as_string``) to its items instead."""
    groups: dict[str, PSObject] = {}
    keys = _keys(property)
    for item in items(value):
        values = [key(item) for key, _ in keys]
        name = ", ".join(text(v) for v in values)
        folded = name if case_sensitive else name.casefold()
        group = groups.get(folded)
        if group is None:
            group = groups[folded] = PSObject({"Count": 0, "Name": name, "Group": [], "Values": values})
        group["Group"].append(item)
        group["Count"] += 1

    def order(a: PSObject, b: PSObject) -> int:
        for x, y in zip(a["Values"], b["Values"], strict=False):
            c = _cmp(x, y, False)
            if c:
                return c
        return 0

    result = sorted(groups.values(), key=functools.cmp_to_key(order))
    if as_hash_table:
        from ._collections import Hashtable

        table = Hashtable()
        for group in groups.values():  # in the order the values came, as PowerShell fills it
            values = group["Values"]
            key = group["Name"] if as_string or len(values) != 1 else values[0]
            table[key] = group["Group"]
        return table
    if no_element:
        for group in result:
            del group["Group"]
    return result
