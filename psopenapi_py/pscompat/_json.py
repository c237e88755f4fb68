"""``ConvertTo-Json`` and ``ConvertFrom-Json`` as PowerShell 7 does them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from ._collections import DictionaryEntry, PSObject, model_fields
from ._convert import ScriptError, collect
from ._format import text

__all__ = ["convert_from_json", "convert_to_json"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$")


def _plain(value: Any, depth: int, limit: int) -> Any:
    """The value as JSON data, objects deeper than ``limit`` written as their text (as PowerShell does)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime):
        from ._time import format_datetime

        return format_datetime(value, "o")
    if isinstance(value, DictionaryEntry):
        value = PSObject({"Key": value.key, "Value": value.value})
    if depth > limit and not isinstance(value, (list, tuple)):
        return text(value)  # past -Depth an object is its text: @{a=1} for an object, a table its type name
    fields = model_fields(value)
    if fields is not None:
        value = fields
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1, limit) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if depth > limit:
            return text(value)
        return [_plain(v, depth + 1, limit) for v in value]
    if isinstance(value, BaseException):
        return text(value)
    return text(value)


def convert_to_json(value: Any, depth: int = 2, compress: bool = False, as_array: bool = False) -> str:
    """``ConvertTo-Json``: two-space indented JSON (``compress``: one line), non-ASCII kept as it is;
    objects nested deeper than ``depth`` (default 2) are written as their text, as PowerShell does."""
    if depth < 0 or depth > 100:
        raise ScriptError(
            f"Cannot validate argument on parameter 'Depth'. The {depth} argument is "
            "greater than the maximum allowed range of 100."
            if depth > 100
            else f"Cannot validate argument on parameter 'Depth'. The {depth} argument is less than the minimum allowed range of 0."
        )
    data = _plain(value, 0, depth)
    if as_array and not isinstance(data, list):
        data = [data]
    if compress:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=2)


def _dates(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.match(value):
        from ._time import to_datetime

        return to_datetime(value)
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


def _object(pairs: list[tuple[str, Any]]) -> PSObject:
    out = PSObject()
    for key, value in pairs:
        if key in out:
            raise ScriptError(
                f"Cannot convert the JSON string because it contains keys with different casing. "
                f"Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '{key}' was '{key}'."
            )
        out[key] = _dates(value)
    return out


def convert_from_json(value: Any, no_enumerate: bool = False) -> Any:
    """``ConvertFrom-Json``: objects become :class:`PSObject` (properties in any case, ``None`` when
    missing), arrays lists, and ISO 8601 date-times ``datetime`` as PowerShell 7 reads them.

    A top-level JSON array is written item by item, as the cmdlet does unless ``-NoEnumerate``: assigned,
    one item is that item (``[{...}]`` reads back as the object), none is ``$null``. An array of lines
    (``Get-Content`` without ``-Raw``) is joined first; an already parsed value is kept.
    """
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        value = "\n".join(value)
    if isinstance(value, (Mapping, list, tuple)) or value is None:
        return value
    if not isinstance(value, (str, bytes)):
        value = text(value)  # PowerShell converts what it is given to text first ($_.ErrorDetails)
    try:
        parsed = _dates(json.loads(value, object_pairs_hook=_object))
    except json.JSONDecodeError as exc:
        raise ScriptError(f"Conversion from JSON failed with error: {exc}") from None
    return collect(parsed) if isinstance(parsed, list) and not no_enumerate else parsed


def utc(moment: datetime) -> datetime:
    """A date-time in UTC (naive ones are taken as local time)."""
    return moment.astimezone(timezone.utc)
