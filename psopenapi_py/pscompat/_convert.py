"""PowerShell's type conversions: ``[int]``, ``[double]``, ``[bool]``, ``@(...)``, and what counts as true."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, KeysView, Mapping, ValuesView
from datetime import datetime
from types import GeneratorType
from typing import Any

from .._runtime import UNSET

__all__ = [
    "ScriptError",
    "as_array",
    "cast",
    "collect",
    "as_type",
    "is_null",
    "is_type",
    "is_number",
    "to_bool",
    "to_double",
    "to_int",
    "to_number",
    "returned",
    "truthy",
    "unpack",
]

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_HEX = re.compile(r"^([+-]?)0[xX]([0-9a-fA-F]+)$")
_MULTIPLIERS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


class ScriptError(Exception):
    """An error the script raised or PowerShell would have raised: ``throw``, ``Write-Error`` under Stop, a failed conversion.

    ``str(error)`` is the message, as ``$_.Exception.Message`` and ``"$_"`` read it in PowerShell;
    ``target`` is the object thrown when a script throws something that is not a string.
    """

    def __init__(self, message: str, target: Any = None):
        super().__init__(message)
        self.message = message
        self.target = target


class _Default:
    """``ps.DEFAULT``: a translated function's parameter the call left out, whose PowerShell default is an
    expression the function evaluates (as PowerShell does at each call)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ps.DEFAULT"


DEFAULT = _Default()


class _StrictMode:
    """``Set-StrictMode -Version n``: 0 (off), 1, 2 or 3 (``Latest``); read by member access and indexing."""

    version = 0


STRICT = _StrictMode()


def set_strict_mode(version: Any = None, off: bool = False) -> None:
    """``Set-StrictMode -Version v`` (``Latest``, ``1.0``, ``2.0``, ``3.0``) or ``-Off``."""
    if off:
        STRICT.version = 0
        return
    spelled = str(version).strip().lower()
    if spelled == "latest":
        STRICT.version = 3
        return
    try:
        STRICT.version = max(1, min(3, int(float(spelled))))
    except ValueError:
        raise ScriptError(
            f"Cannot validate argument on parameter 'Version'. The version \"{version}\" is not valid."
        ) from None


class Parsed:
    """What ``ps.try_parse`` gives: ``ok`` (it parsed) and ``value`` (the value, or the type's default)."""

    __slots__ = ("ok", "value")

    def __init__(self, ok: bool, value: Any):
        self.ok = ok
        self.value = value


def try_parse(kind: str, value: Any) -> Parsed:
    """``[int]::TryParse(text, [ref]$n)`` and its kin (``long``, ``double``, ``datetime``, ``guid``, ``bool``):
    the text read as .NET's ``Parse`` reads it; on failure ``ok`` is False and ``value`` the type's default."""

    defaults: dict[str, Any] = {
        "int": 0,
        "long": 0,
        "double": 0.0,
        "bool": False,
        "datetime": datetime.min,
        "guid": "00000000-0000-0000-0000-000000000000",
    }
    s = "" if value is None else str(value).strip()
    try:
        if kind in ("int", "long"):
            if not re.fullmatch(r"[+-]?\d+", s):
                raise ValueError(s)
            parsed: Any = to_int(s, kind)
        elif kind == "double":
            parsed = float(s)
        elif kind == "bool":
            if s.lower() not in ("true", "false"):
                raise ValueError(s)
            parsed = s.lower() == "true"
        elif kind == "datetime":
            from ._time import to_datetime

            parsed = to_datetime(s)
        else:
            from ._methods import to_guid

            parsed = to_guid(s)
    except (ValueError, ScriptError):
        fallback = defaults[kind]
        if kind == "guid":
            from ._methods import Guid

            fallback = Guid(fallback)
        return Parsed(False, fallback)
    return Parsed(True, parsed)


def is_null(value: Any) -> bool:
    """True for ``None`` and for a model field that was not given (UNSET): both are ``$null`` to PowerShell."""
    return value is None or value is UNSET


def is_number(value: Any) -> bool:
    """True for int and float values (not bool, which PowerShell keeps apart)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_label(target: str) -> str:
    return {"int": "System.Int32", "long": "System.Int64", "double": "System.Double"}.get(target, target)


def _conversion_error(value: Any, target: str, why: str = "Input string was not in a correct format.") -> ScriptError:
    from ._format import text

    return ScriptError(f'Cannot convert value "{text(value)}" to type "{_type_label(target)}". Error: "{why}"')


def _parse_number(value: str, target: str) -> int | float:
    """A number from text as PowerShell reads one: spaces around, hex, ``1e3``, ``10kb``; empty is 0."""
    s = value.strip()
    if not s:
        return 0
    factor = 1
    low = s.lower()
    for suffix, size in _MULTIPLIERS.items():
        if low.endswith(suffix):
            s, factor = s[:-2], size
            break
    hexed = _HEX.match(s)
    if hexed:
        number = int(hexed.group(2), 16)
        return -number * factor if hexed.group(1) == "-" else number * factor
    if not _NUMBER.match(s):
        raise _conversion_error(value, target)
    if re.fullmatch(r"[+-]?\d+", s):
        return int(s) * factor
    return float(s) * factor


class Char(str):
    """A ``[char]``: one character of text that counts as its code point where a number is wanted
    (``[int][char]'A'`` is 65, ``[char]'a' + 1`` is 98), as .NET's ``System.Char`` does."""

    __slots__ = ()


def to_char(value: Any) -> Char:
    """``[char]value``: a one-character string, or a code point from 0 to 65535."""
    from ._format import text

    if isinstance(value, Char):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 0xFFFF:
            raise _conversion_error(value, "System.Char", "Value was either too large or too small for a character.")
        return Char(chr(value))
    if isinstance(value, (bool, float)):
        kind = "Boolean" if isinstance(value, bool) else "Double"
        raise _conversion_error(value, "System.Char", f"Invalid cast from '{kind}' to 'Char'.")
    s = text(value)
    if len(s) != 1:
        raise _conversion_error(value, "System.Char", "String must be exactly one character long.")
    return Char(s)


def to_number(value: Any, target: str = "double") -> int | float:
    """The number PowerShell makes of a value in arithmetic: numbers as they are, text parsed, ``$null`` 0, bools 0/1."""
    if value is None or value is UNSET:
        return 0
    if isinstance(value, Int64):
        return value
    if isinstance(value, (bool, int)):
        return int(value)  # an HTTP status or other int enum counts as its number
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Char):
        return ord(value)
    if isinstance(value, str):
        return _parse_number(value, target)
    if isinstance(value, list) and len(value) == 1:
        return to_number(value[0], target)
    raise _conversion_error(value, target, f'Cannot convert the "{value!r}" value to a number.')


class Int64(int):
    """An integer PowerShell holds as an ``Int64`` (``[long]5``): its arithmetic overflows at Int64, not
    Int32, and ``GetType()`` reads ``Int64`` whatever its size."""

    __slots__ = ()

    def __repr__(self) -> str:
        return int.__repr__(self)


def to_int(value: Any, kind: str = "int") -> int:
    """``[int]``/``[long]``: rounds half to even (``[int]2.5`` is 2, ``[int]"3.5"`` is 4), range checked."""
    number = to_number(value, kind)
    if isinstance(number, float):
        if math.isnan(number) or math.isinf(number):
            raise _conversion_error(value, kind, "Value was either too large or too small for an Int32.")
        number = round(number)
    low, high = _INT32 if kind == "int" else _INT64
    if not low <= number <= high:
        bits = "Int32" if kind == "int" else "Int64"
        raise _conversion_error(value, kind, f"Value was either too large or too small for an {bits}.")
    return int(number) if kind == "int" else Int64(number)


def bind_int(value: Any) -> Any:
    """A value given to a module cmdlet's integer parameter (``[Nullable[Int32]]``), converted as PowerShell's
    parameter binding does: a number or numeric text becomes an int (half to even), ``$null`` stays ``None``;
    anything else is passed on for the function to refuse with its own message."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float) or (isinstance(value, str) and not isinstance(value, Char)):
        try:
            return to_int(value)
        except ScriptError:
            return value
    return value


def bind_number(value: Any) -> Any:
    """A value given to a module cmdlet's untyped parameter (a oneOf such as ``integer | "inf"``): a whole
    double is written by ``ConvertTo-Json`` as an integer (``490``, not ``490.0``), so it is passed as one."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def to_double(value: Any) -> float:
    """``[double]``: any number or numeric text as a float; ``$null`` is 0."""
    return float(to_number(value, "double"))


def truthy(value: Any) -> bool:
    """PowerShell's truth: ``$null``, 0, ``''``, an empty array and ``@(x)`` of a false ``x`` are false.

    Any other string is true (``'False'`` included), as is any object.
    """
    if value is None:
        return False
    if isinstance(value, (bool, int, float)):
        return bool(value)
    if isinstance(value, str):
        return value != ""
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            return False
        if len(value) == 1:
            return truthy(value[0])
        return True
    return True


def to_bool(value: Any) -> bool:
    """``[bool]``: PowerShell's truth of the value (see :func:`truthy`)."""
    return truthy(value)


def as_array(value: Any) -> list[Any]:
    """``@(...)``: ``$null`` is an empty array, an array stays itself (copied), anything else is one item."""
    if value is None or value is UNSET:
        return []
    if isinstance(value, (list, tuple, set, frozenset, range, GeneratorType, KeysView, ValuesView, Iterator)):
        return list(value)
    from ._generic import DotNetCollection

    if isinstance(value, DotNetCollection):
        return list(value)  # a Queue, Stack or HashSet is enumerated, as PowerShell enumerates any collection
    # Anything else is one object, even one Python could iterate (a model, a string, a table).
    return [value]


def collect(values: list[Any]) -> Any:
    """What assigning a pipeline's output gives: nothing is ``$null``, one item is that item, more an array."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return values


_IS = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, (bool, Int64)) and -(2**31) <= v < 2**31,
    "int32": lambda v: isinstance(v, int) and not isinstance(v, (bool, Int64)) and -(2**31) <= v < 2**31,
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "int64": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "double": lambda v: isinstance(v, float),
    "string": lambda v: isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, (list, tuple)),
    "object[]": lambda v: isinstance(v, (list, tuple)),
    "datetime": lambda v: isinstance(v, datetime),
    "object": lambda v: v is not None,
    "psobject": lambda v: v is not None,
}


def is_type(value: Any, type_name: str) -> bool:
    """``value -is [type]`` for the types scripts test (``$null`` is never of a type)."""
    from ._collections import Hashtable, OrderedHashtable, PSObject

    name = type_name.lower().removeprefix("system.")
    if is_null(value):
        return False
    if name in ("hashtable", "collections.hashtable"):
        # An [ordered] dictionary is an OrderedDictionary, not a Hashtable.
        return isinstance(value, dict) and not isinstance(value, (PSObject, OrderedHashtable))
    if name in ("pscustomobject", "management.automation.pscustomobject"):
        return isinstance(value, PSObject)
    if name == "collections.specialized.ordereddictionary":
        return isinstance(value, OrderedHashtable)
    if name == "collections.idictionary":
        return isinstance(value, (dict, Hashtable)) and not isinstance(value, PSObject)
    if name.endswith("[]") and name not in ("object[]",) and name[:-2] in ELEMENT_TYPES:
        # A typed array only when cast to one ([string[]]$x); @('a') is an Object[] in PowerShell too.
        return isinstance(value, TypedArray) and ELEMENT_TYPES.get(value.element) == ELEMENT_TYPES[name[:-2]]
    check = _IS.get(name)
    if check is None:
        raise ScriptError(f"Unable to find type [{type_name}].")
    return bool(check(value))


def as_type(value: Any, type_name: str) -> Any:
    """``value -as [type]``: the value converted as a cast does, or ``$null`` where the cast would fail."""
    try:
        return cast(value, type_name)
    except ScriptError as exc:
        if str(exc).startswith("Unable to find type"):
            raise
        return None


def unpack(value: Any, count: int) -> list[Any]:
    """``$a, $b, $c = value``: the first items one each (``$null`` when missing), the rest to the last."""
    parts = as_array(value)
    head = [parts[i] if i < len(parts) else None for i in range(count - 1)]
    return [*head, collect(parts[count - 1 :])]


def returned(value: Any) -> Any:
    """What a function's caller gets for ``return value``: an array is written out item by item and
    collected again (``return @('only')`` gives ``'only'``, ``return @()`` gives ``$null``)."""
    return collect(as_array(value)) if isinstance(value, (list, tuple)) else value


def _to_hashtable(value: Any) -> Any:
    from ._collections import Hashtable

    if isinstance(value, Mapping):
        return Hashtable(value)
    raise _conversion_error(value, "System.Collections.Hashtable", "Only hashtables convert to a hashtable.")


def _to_psobject(value: Any) -> Any:
    from ._collections import PSObject

    return PSObject(value) if isinstance(value, Mapping) and not isinstance(value, PSObject) else value


def _to_text(value: Any) -> str:
    from ._format import text

    return text(value)


def _to_datetime(value: Any) -> Any:
    from ._time import to_datetime

    return to_datetime(value)


def _to_timespan(value: Any) -> Any:
    from ._time import to_timespan

    return to_timespan(value)


def _to_guid(value: Any) -> Any:
    from ._methods import to_guid

    return to_guid(value)


def _to_split_options(value: Any) -> Any:
    from ._methods import StringSplitOptions

    if isinstance(value, str):
        flags = StringSplitOptions.NONE
        for part in value.split(","):
            flags |= StringSplitOptions[re.sub(r"(?<!^)(?=[A-Z])", "_", part.strip()).upper()]
        return flags
    return StringSplitOptions(to_int(value))


def _to_day_of_week(value: Any) -> Any:
    from ._collections import DayOfWeek

    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        for day in DayOfWeek:
            if day.name.lower() == value.strip().lower():
                return day
        raise _conversion_error(
            value,
            "System.DayOfWeek",
            f"Unable to match the identifier name {value} to a valid enumerator name. Specify one of the following enumerator names and try again: {', '.join(d.name for d in DayOfWeek)}",
        )
    return DayOfWeek(to_int(value))


def _to_chars(value: Any) -> Any:
    if isinstance(value, str):
        return [Char(c) for c in value]
    return [to_char(item) for item in as_array(value)]


#: The types ``[type]value`` converts to (lower case, without ``System.``), and how.
_CASTS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(("int", "int32", "int16", "byte", "uint32"), lambda v: to_int(v, "int")),
    **dict.fromkeys(("long", "int64", "uint64"), lambda v: to_int(v, "long")),
    # Not [decimal]: a double would drop its scale (2.50d * 4 is 10.00) and its type: the translator reports it.
    **dict.fromkeys(("double", "float", "single"), lambda v: to_double(v)),
    "string": _to_text,
    **dict.fromkeys(("bool", "boolean", "switch"), lambda v: truthy(v)),
    **dict.fromkeys(
        ("array", "object[]", "collections.arraylist", "collections.generic.list[object]"), lambda v: as_array(v)
    ),
    "char[]": _to_chars,
    **dict.fromkeys(("hashtable", "collections.hashtable"), _to_hashtable),
    **dict.fromkeys(("pscustomobject", "psobject"), _to_psobject),
    **dict.fromkeys(("datetime", "datetimeoffset"), _to_datetime),
    "timespan": _to_timespan,
    "guid": _to_guid,
    "stringsplitoptions": _to_split_options,
    "dayofweek": _to_day_of_week,
    "char": lambda v: to_char(v),
    **dict.fromkeys(("object", "psobject[]"), lambda v: v),
    "void": lambda v: None,
}


def _cast_name(type_name: str) -> str:
    return type_name.lower().removeprefix("system.")


_GENERIC_LIST = re.compile(r"^collections\.generic\.list\[(?:system\.)?(.+)\]$")


def castable(type_name: str) -> bool:
    """Whether :func:`cast` converts to ``type_name`` (the translator writes no cast it cannot run)."""
    name = _cast_name(type_name)
    generic = _GENERIC_LIST.match(name)
    if generic is not None:
        return castable(generic.group(1))
    while name not in _CASTS and name.endswith("[]"):
        name = name[:-2]
    return name in _CASTS


def cast(value: Any, type_name: str) -> Any:
    """A PowerShell cast ``[type]value`` for the types scripts use (``int``, ``double``, ``string``, ``bool``, arrays)."""
    name = _cast_name(type_name)
    convert = _CASTS.get(name)
    if convert is not None:
        return convert(value)
    generic = _GENERIC_LIST.match(name)
    if generic is not None and castable(generic.group(1)):
        # A List[T]: the same list when it already is one, else a new one of the items converted.
        if isinstance(value, list):
            converted = [cast(item, generic.group(1)) for item in value]
            if all(a is b for a, b in zip(converted, value, strict=True)):
                return value
            return converted
        return [cast(item, generic.group(1)) for item in as_array(value)]
    if name.endswith("[]") and castable(name):
        return TypedArray((cast(item, name[:-2]) for item in as_array(value)), name[:-2])
    raise ScriptError(f"Unable to find type [{type_name}].")


#: The .NET names of the element types of typed arrays (``[string[]]`` is a ``System.String[]``) and of
#: generic collections (``Queue[string]``).
ELEMENT_TYPES = {
    "string": "System.String",
    "int": "System.Int32",
    "int32": "System.Int32",
    "long": "System.Int64",
    "int64": "System.Int64",
    "double": "System.Double",
    "bool": "System.Boolean",
    "boolean": "System.Boolean",
    "datetime": "System.DateTime",
    "char": "System.Char",
    "object": "System.Object",
}


class TypedArray(list):  # type: ignore[type-arg]
    """An array cast to a typed array (``[string[]]$x``): a list that remembers its element type, for
    ``GetType()`` and ``-is [string[]]``. Arithmetic on it (``$a + 'x'``) gives a plain array, as in .NET."""

    def __init__(self, items: Any = (), element: str = "object") -> None:
        super().__init__(items)
        self.element = element

    @property
    def type_name(self) -> str:
        """``System.String[]`` and the like (an element type without a .NET name here: ``System.Object[]``)."""
        return ELEMENT_TYPES.get(self.element, "System.Object") + "[]"
