"""Hashtables, objects and arrays as PowerShell treats them: keys that ignore case, ``$null`` for what is missing."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from ._convert import STRICT, Char, ScriptError, as_array, collect, is_null, to_int
from ._exceptions import method_error

__all__ = [
    "DictionaryEntry",
    "add_member",
    "Hashtable",
    "OrderedHashtable",
    "PSObject",
    "count",
    "index",
    "items",
    "length",
    "member",
    "model_fields",
    "set_index",
    "set_member",
]

_MISSING: Any = object()


def _fold(key: Any) -> Any:
    return key.lower() if isinstance(key, str) else key


class Hashtable(dict[Any, Any]):
    """A PowerShell hashtable (``@{}``, ``[ordered]@{}``): string keys ignore case, a missing key reads ``None``.

    It is a ``dict``, so it goes wherever the package takes a dict; a key keeps the spelling it was first
    written with (``$h['MODEL'] = 'x'`` after ``@{model = ...}`` changes ``model``).
    """

    __slots__ = ("_spelling",)

    def __init__(self, data: Mapping[Any, Any] | Iterable[tuple[Any, Any]] | None = None, /, **kwargs: Any):
        super().__init__()
        self._spelling: dict[Any, Any] = {}
        if data is not None:
            self.update(data)
        if kwargs:
            self.update(kwargs)

    def _real(self, key: Any) -> Any:
        return self._spelling.get(_fold(key), _MISSING)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, list):  # $h['a', 'b']: the values of several keys
            return [self[k] for k in key]
        real = self._real(key)
        return None if real is _MISSING else dict.__getitem__(self, real)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._store(key, value)

    def _store(self, key: Any, value: Any) -> None:
        real = self._real(key)
        if real is _MISSING:
            self._spelling[_fold(key)] = key
            real = key
        dict.__setitem__(self, real, value)

    def __delitem__(self, key: Any) -> None:
        real = self._real(key)
        if real is _MISSING:
            raise KeyError(key)
        del self._spelling[_fold(key)]
        dict.__delitem__(self, real)

    def __contains__(self, key: object) -> bool:
        return self._real(key) is not _MISSING

    def get(self, key: Any, default: Any = None) -> Any:
        real = self._real(key)
        return default if real is _MISSING else dict.__getitem__(self, real)

    def pop(self, key: Any, *default: Any) -> Any:
        real = self._real(key)
        if real is _MISSING:
            if default:
                return default[0]
            raise KeyError(key)
        del self._spelling[_fold(key)]
        return dict.pop(self, real)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for data in (*args, kwargs):
            pairs = data.items() if isinstance(data, Mapping) else data
            for key, value in pairs:
                self._store(key, value)

    def clear(self) -> None:
        dict.clear(self)
        self._spelling.clear()

    def copy(self) -> Hashtable:
        return type(self)(self)

    def add(self, key: Any, value: Any) -> None:
        """``$h.Add(key, value)``: a key that is already there is an error, as in PowerShell."""
        if key in self:
            raise method_error(
                "Add",
                "System.ArgumentException",
                f"Item has already been added. Key in dictionary: '{key}'  Key being added: '{key}'",
                argc=2,
            )
        self[key] = value

    def __reduce__(self) -> Any:
        return (type(self), (dict(self),))


class OrderedHashtable(Hashtable):
    """``[ordered]@{...}`` (.NET's OrderedDictionary): a :class:`Hashtable` whose integer index is a position.

    ``$o[0]`` is the first entry's value, as PowerShell picks the dictionary's ``[int]`` indexer for an
    integer, even where the keys are integers themselves; any other index is a key.
    """

    __slots__ = ()

    def _position(self, key: Any) -> Any:
        if not 0 <= key < len(self):
            raise ScriptError(
                f"Index was out of range. Must be non-negative and less than the size of the collection. "
                f"(Parameter 'index'; the [ordered] hashtable has {len(self)} entries, the index was {key})"
            )
        return list(dict.keys(self))[key]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int) and not isinstance(key, bool):
            return dict.__getitem__(self, self._position(key))
        return super().__getitem__(key)

    def insert(self, index: int, key: Any, value: Any) -> None:
        """``$o.Insert(index, key, value)``: a new entry at that position (a new key; ``0 <= index <= Count``,
        which the .NET method's caller checks)."""
        entries = list(dict.items(self))
        entries.insert(index, (key, value))
        dict.clear(self)
        self._spelling.clear()
        for k, v in entries:
            self._store(k, v)

    def remove_at(self, index: int) -> None:
        """``$o.RemoveAt(index)``: the entry at that position taken out."""
        del self[self._position(index)]

    def __setitem__(self, key: Any, value: Any) -> None:
        if isinstance(key, int) and not isinstance(key, bool):
            dict.__setitem__(self, self._position(key), value)
        else:
            self._store(key, value)


class PSObject(Hashtable):
    """A ``[pscustomobject]`` or an object from ``ConvertFrom-Json``: properties that ignore case, ``None`` when missing.

    Unlike a hashtable, it reads as ``@{a=1; b=2}`` in text and counts as one item: ``$obj[0]`` (and
    ``$obj[-1]``) is the object itself, as for any single value, and another number ``None``.
    """

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int) and not isinstance(key, bool):
            return self if key in (0, -1) else None
        if STRICT.version >= 2 and isinstance(key, str) and key not in self:
            _missing_property(key)
        return super().__getitem__(key)


class NoteProperty:
    """One entry of ``$obj.PSObject.Properties``: ``Name`` and ``Value`` (``MemberType`` NoteProperty)."""

    __slots__ = ("Name", "Value")

    def __init__(self, name: str, value: Any):
        self.Name = name
        self.Value = value

    @property
    def MemberType(self) -> str:  # noqa: N802 - the .NET name
        return "NoteProperty"

    def __repr__(self) -> str:
        return f"NoteProperty({self.Name!r}, {self.Value!r})"


class _PSObjectView:
    """``$obj.PSObject``: what scripts read of it is ``.Properties``, an object's properties in order."""

    __slots__ = ("target",)

    def __init__(self, target: Any):
        self.target = target

    def properties(self) -> PropertyCollection:
        fields = model_fields(self.target)
        if fields is None and (isinstance(self.target, PSObject) or type(self.target) is dict):
            # A plain dict is a JSON object of an answer (a tool's free-form parameters): PowerShell reads
            # those as objects. A hashtable's .PSObject.Properties are .NET's (Count, Keys...), not its keys.
            fields = dict(self.target)
        return PropertyCollection(self.target, [NoteProperty(str(k), v) for k, v in (fields or {}).items()])


class PropertyCollection(list[NoteProperty]):
    """``$obj.PSObject.Properties``: the properties in order; ``['name']`` finds one (any case, ``$null`` when
    there is none) and ``.Remove('name')`` removes it from the object."""

    def __init__(self, target: Any, properties: list[NoteProperty]):
        super().__init__(properties)
        self.target = target

    def by_name(self, name: str) -> NoteProperty | None:
        return next((p for p in self if p.Name.lower() == name.lower()), None)

    def call(self, method: str, args: tuple[Any, ...]) -> Any:
        """The collection's own methods (``Remove``, ``Match``); None when it has no such method."""
        low = method.lower()
        if low == "remove" and len(args) == 1:
            found = self.by_name(str(args[0]))
            if found is None:
                return None
            if isinstance(self.target, PSObject) or type(self.target) is dict:
                del self.target[found.Name]
            elif found.Name in getattr(type(self.target), "_wire_names", ()):
                from .._runtime import UNSET

                # An answer's field: left out from now on, as if the server had not sent it.
                object.__setattr__(self.target, found.Name, UNSET)
            elif found.Name in getattr(self.target, "additional_properties", {}):
                del self.target.additional_properties[found.Name]
            else:
                raise ScriptError(f"Removing the property '{found.Name}' of this object is not supported.")
            self.remove(found)
            return None
        if low == "match" and len(args) == 1:
            from ._operators import like

            return [p for p in self if like(p.Name, args[0])]
        return _NO_METHOD


_NO_METHOD: Any = object()


class DictionaryEntry:
    """One ``Key``/``Value`` pair of ``$h.GetEnumerator()`` (``Name`` is ``Key``, as in PowerShell)."""

    __slots__ = ("key", "value")

    def __init__(self, key: Any, value: Any):
        self.key = key
        self.value = value

    def __repr__(self) -> str:
        return f"DictionaryEntry({self.key!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DictionaryEntry) and (self.key, self.value) == (other.key, other.value)

    def __hash__(self) -> int:
        return hash(self.key)


def model_fields(value: Any) -> dict[str, Any] | None:
    """The set fields of a psopenapi_py model by JSON name, or None when ``value`` is not a model."""
    members = getattr(value, "_members", None)
    if members is None or not hasattr(type(value), "__attrs_attrs__"):
        return None
    # Keys the spec does not name are properties like the others, in the order the server sent them.
    return dict(members())


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def _attribute(value: Any, name: str) -> Any:
    """A Python attribute that matches a PowerShell member name in any case, with or without underscores."""
    wanted = _norm(name)
    for attr in dir(type(value)) + list(getattr(value, "__dict__", {})):
        if not attr.startswith("_") and _norm(attr) == wanted:
            got = getattr(value, attr)
            if callable(got) and not isinstance(got, type):
                continue
            return got
    return _MISSING


class DayOfWeek(enum.IntEnum):
    """``[System.DayOfWeek]``: a date's ``.DayOfWeek``; its text is the day's name, its number Sunday 0."""

    Sunday = 0
    Monday = 1
    Tuesday = 2
    Wednesday = 3
    Thursday = 4
    Friday = 5
    Saturday = 6


_DATETIME_MEMBERS: dict[str, Callable[[datetime], Any]] = {
    "year": lambda d: d.year,
    "month": lambda d: d.month,
    "day": lambda d: d.day,
    "hour": lambda d: d.hour,
    "minute": lambda d: d.minute,
    "second": lambda d: d.second,
    "millisecond": lambda d: d.microsecond // 1000,
    "dayofweek": lambda d: DayOfWeek((d.weekday() + 1) % 7),
    "dayofyear": lambda d: d.timetuple().tm_yday,
    "date": lambda d: d.replace(hour=0, minute=0, second=0, microsecond=0),
    "utcdatetime": lambda d: d,
    "datetime": lambda d: d,
}


_TIMESPAN_MEMBERS: dict[str, Callable[[timedelta], float | int]] = {
    "totaldays": lambda t: t.total_seconds() / 86400,
    "totalhours": lambda t: t.total_seconds() / 3600,
    "totalminutes": lambda t: t.total_seconds() / 60,
    "totalseconds": lambda t: t.total_seconds(),
    "totalmilliseconds": lambda t: t.total_seconds() * 1000,
    "days": lambda t: int(t.total_seconds() / 86400),
    "hours": lambda t: int(t.total_seconds() / 3600) % 24,
    "minutes": lambda t: int(t.total_seconds() / 60) % 60,
    "seconds": lambda t: int(t.total_seconds()) % 60,
    "milliseconds": lambda t: int(t.total_seconds() * 1000) % 1000,
}


def member(value: Any, name: str, *more: str) -> Any:
    """``$value.Name`` (``$value.A.B`` with more names) on a value of any kind, as PowerShell reads it.

    A hashtable key or object property in any case; a model field by its JSON or PowerShell name;
    ``None`` for what is missing; ``.Count``/``.Length`` of one value are 1 and of ``$null`` 0; on an array,
    member enumeration (the member of each item, arrays flattened one level).
    """
    if more:
        for step in (name, *more):
            value = member(value, step)
        return value
    if not isinstance(name, str):
        from ._format import text

        name = text(name)
    low = name.lower()
    if is_null(value):
        return 0 if low in ("count", "length") else None
    if isinstance(value, (list, tuple)):
        if low in ("count", "length", "longlength"):
            return len(value)
        found: list[Any] = []
        for item in value:
            got = member(item, name)
            if isinstance(got, list):
                found.extend(got)
            elif got is not None or isinstance(item, Mapping) or model_fields(item) is not None:
                found.append(got)
        return collect(found)
    if low == "value__" and isinstance(value, Enum):
        return value.value  # an enum's number ($_.Exception.Response.StatusCode.value__)
    if low == "psobject":
        return _PSObjectView(value)
    if isinstance(value, _PSObjectView):
        return value.properties() if low == "properties" else None
    if isinstance(value, DictionaryEntry):
        if low in ("key", "name"):
            return value.key
        if low == "value":
            return value.value
        return None
    fields = model_fields(value)
    if fields is not None:
        wanted = _norm(name)
        for key in fields:
            if _norm(key) == wanted:
                return fields[key]
        return 1 if low in ("count", "length") else _missing_property(name)
    if isinstance(value, Mapping):
        if name in value:
            return value[name]
        if isinstance(value, Hashtable):
            hit = value.get(name, _MISSING)
        else:
            hit = next((v for k, v in value.items() if isinstance(k, str) and k.lower() == low), _MISSING)
        if hit is not _MISSING:
            return hit
        if isinstance(value, PSObject):
            return 1 if low in ("count", "length") else _missing_property(name)
        if low == "count":
            return len(value)
        if low == "keys":
            return list(value.keys())
        if low == "values":
            return list(value.values())
        return None
    if isinstance(value, str):
        if low == "length":
            return len(value)
        return 1 if low == "count" else None
    if isinstance(value, datetime):
        getter = _DATETIME_MEMBERS.get(low)
        if getter is not None:
            return getter(value)
    if isinstance(value, timedelta):
        span = _TIMESPAN_MEMBERS.get(low)
        if span is not None:
            return span(value)
    if isinstance(value, BaseException) and low == "message":
        return str(value)
    got = _attribute(value, name)
    if got is not _MISSING:
        from .._runtime import UNSET

        return None if got is UNSET else got
    if low in ("count", "length"):
        return 1
    return _missing_property(name)


def _missing_property(name: str) -> None:
    """What reading a property an object does not have gives: ``$null``, or under ``Set-StrictMode`` (version
    2 and later) PowerShell's error. A hashtable's missing key is ``$null`` in every mode."""
    if STRICT.version >= 2:
        raise ScriptError(f"The property '{name}' cannot be found on this object. Verify that the property exists.")
    return None


def add_member(
    target: Any,
    members: Any = None,
    *,
    name: Any = None,
    value: Any = None,
    force: bool = False,
    piped: bool = False,
) -> Any:
    """``Add-Member``: a note property ``name``/``value`` (or each pair of ``members``) added to an object;
    one that exists already is PowerShell's error unless ``force``. Returns the object (``-PassThru``).

    ``piped``: the objects came down the pipeline, so an array gets the property on each of its items
    (and they are returned), as PowerShell runs the cmdlet once per item.
    """
    from ._format import text

    if piped and isinstance(target, (list, tuple)):
        done = [add_member(item, members, name=name, value=value, force=force) for item in target]
        return collect(done)
    pairs = list(members.items()) if isinstance(members, Mapping) else [(name, value)]
    for key, new in pairs:
        key_text = text(key)
        if isinstance(target, PSObject):
            if key_text in target and not force:
                raise ScriptError(
                    f'Cannot add a member with the name "{key_text}" because a member with that name already exists. '
                    "To overwrite the member anyway, add the Force parameter to your command."
                )
            target[key_text] = new
        elif isinstance(target, dict):
            target[key_text] = new
        else:
            raise ScriptError(
                f"Add-Member: cannot add '{key_text}' to a {type(target).__name__} in a translated script."
            )
    return target


def set_member(value: Any, name: str, new: Any) -> None:
    """``$value.Name = new``: sets a hashtable key (adding it) or an existing property or model field."""
    if isinstance(value, PSObject):
        if name not in value:
            raise ScriptError(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
            )
        value[name] = new
        return
    if isinstance(value, dict):
        value[name] = new
        return
    if value is None:
        raise ScriptError(
            f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
        )
    wanted = _norm(name)
    for attr in dir(value):
        if not attr.startswith("_") and _norm(attr) == wanted:
            setattr(value, attr, new)
            return
    raise ScriptError(
        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
    )


def index(value: Any, key: Any) -> Any:
    """``$value[key]``: array items (negative from the end, out of range ``None``, several indexes an array),
    characters of a string, hashtable keys in any case."""
    if value is None:
        raise ScriptError("Cannot index into a null array.")
    if isinstance(value, Mapping):
        if isinstance(key, list):
            return [index(value, k) for k in key]
        if isinstance(value, (OrderedHashtable, PSObject)):
            return value[key]
        return value.get(key) if isinstance(value, Hashtable) else _dict_lookup(value, key)
    if isinstance(key, str) and hasattr(value, "by_name"):
        return value.by_name(key)  # a regex match's Groups['name']
    if isinstance(value, (list, tuple, str)):
        if isinstance(key, list):
            picked = [index(value, k) for k in key]
            return [p for p in picked if p is not None]
        i = to_int(key)
        if -len(value) <= i < len(value):
            return Char(value[i]) if isinstance(value, str) else value[i]
        if STRICT.version >= 3 and not isinstance(value, str):
            raise ScriptError("Index was outside the bounds of the array.")
        return None
    fields = model_fields(value)
    if fields is not None:
        return member(value, str(key))
    if i_is_zero(key):
        return value  # PowerShell indexes a lone value as a one-item array
    return None


def i_is_zero(key: Any) -> bool:
    try:
        return to_int(key) in (0, -1)
    except ScriptError:
        return False


def _dict_lookup(value: Mapping[Any, Any], key: Any) -> Any:
    if key in value:
        return value[key]
    if isinstance(key, str):
        low = key.lower()
        for k, v in value.items():
            if isinstance(k, str) and k.lower() == low:
                return v
    return None


def set_index(value: Any, key: Any, new: Any) -> None:
    """``$value[key] = new``: a hashtable key (added when new) or an existing array item."""
    if isinstance(value, dict):
        value[key] = new
        return
    if isinstance(value, list):
        i = to_int(key)
        if not -len(value) <= i < len(value):
            raise ScriptError("Index was outside the bounds of the array.")
        value[i] = new
        return
    if value is None:
        raise ScriptError("Cannot index into a null array.")
    raise ScriptError(f"Unable to index into an object of type {type(value).__name__}.")


def count(value: Any) -> int:
    """``.Count``: of ``$null`` 0, of an array or hashtable its size, of any single value (a string too) 1."""
    if is_null(value):
        return 0
    if isinstance(value, PSObject):
        got = value.get("count", _MISSING)
        return 1 if got is _MISSING else got  # type: ignore[no-any-return]
    if isinstance(value, (list, tuple, Mapping)):
        return len(value)
    from ._generic import DotNetCollection

    if isinstance(value, DotNetCollection):
        return len(value)
    return 1


def length(value: Any) -> Any:
    """``.Length``: of a string its characters, of an array its items, of ``$null`` 0, of an object with a
    ``Length`` property (a file, a ``[pscustomobject]``) that property, of any other value 1."""
    if is_null(value):
        return 0
    if isinstance(value, (str, list, tuple)):
        return len(value)
    got = member(value, "Length")
    return got if got is not None else 1


def items(value: Any) -> list[Any]:
    """What ``foreach`` and a pipeline enumerate: an array's items; ``$null`` nothing; a hashtable or string is one item."""
    if is_null(value):
        return []
    if isinstance(value, list):
        return value
    return as_array(value)


def entries(value: Mapping[Any, Any]) -> Iterator[DictionaryEntry]:
    """``$h.GetEnumerator()``: the hashtable's pairs as ``Key``/``Value`` entries."""
    return (DictionaryEntry(k, v) for k, v in value.items())
