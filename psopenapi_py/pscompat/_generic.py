"""The .NET collections scripts make besides arrays, lists and hashtables: ``Queue``, ``Stack`` and
``HashSet`` (plain and generic), with their .NET methods and what PowerShell does with them: ``foreach`` and
pipelines enumerate them, ``.Count`` counts them, ``GetType()`` names them.

A void method (``Enqueue``, ``Push``, ``UnionWith``) returns None, which a translation does not write out;
``HashSet.Add`` and ``Remove`` return whether they changed the set, which PowerShell writes unless discarded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ._convert import ELEMENT_TYPES
from ._exceptions import method_error

__all__ = ["DotNetCollection", "HashSet", "Queue", "Stack", "new_collection"]

#: How .NET 8 spells the element type of a generic collection in its full name.
_CORELIB = "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"
_ELEMENTS = {**ELEMENT_TYPES, "psobject": "System.Management.Automation.PSObject"}


class DotNetCollection:
    """What the collections here share: enumeration (in .NET's order), ``Count``, ``Clear``, ``ToArray``
    and their .NET type name."""

    #: The non-generic type's full name; generic ones add their element type.
    base_name = ""

    def __init__(self, element: str | None) -> None:
        self.element = element

    def _values(self) -> Iterable[Any]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._values()))

    def __len__(self) -> int:
        return len(list(self._values()))

    @property
    def Count(self) -> int:  # noqa: N802 - the .NET name
        return len(self)

    def ToArray(self) -> list[Any]:  # noqa: N802 - the .NET name
        return list(self._values())

    @property
    def type_name(self) -> str:
        """``System.Collections.Queue``, or ``System.Collections.Generic.Queue`1[[System.String, ...]]``."""
        if self.element is None:
            return self.base_name
        element = _ELEMENTS.get(self.element.lower().removeprefix("system."), self.element)
        generic = self.base_name.replace("System.Collections.", "System.Collections.Generic.")
        return f"{generic}`1[[{element}, {_CORELIB}]]"


class Queue(DotNetCollection):
    """``[System.Collections.Queue]::new()`` and ``[System.Collections.Generic.Queue[T]]::new()``: first in,
    first out."""

    base_name = "System.Collections.Queue"

    def __init__(self, element: str | None = None, items: Iterable[Any] = ()) -> None:
        super().__init__(element)
        self._items: deque[Any] = deque(items)

    def _values(self) -> Iterable[Any]:
        return self._items

    def Enqueue(self, item: Any) -> None:  # noqa: N802 - the .NET name
        self._items.append(item)

    def Dequeue(self) -> Any:  # noqa: N802 - the .NET name
        if not self._items:
            raise method_error("Dequeue", "System.InvalidOperationException", "Queue empty.", argc=0)
        return self._items.popleft()

    def Peek(self) -> Any:  # noqa: N802 - the .NET name
        if not self._items:
            raise method_error("Peek", "System.InvalidOperationException", "Queue empty.", argc=0)
        return self._items[0]

    def Contains(self, item: Any) -> bool:  # noqa: N802 - the .NET name
        return item in self._items

    def Clear(self) -> None:  # noqa: N802 - the .NET name
        self._items.clear()


class Stack(DotNetCollection):
    """``[System.Collections.Stack]::new()`` and ``[System.Collections.Generic.Stack[T]]::new()``: last in,
    first out (enumerated from the top)."""

    base_name = "System.Collections.Stack"

    def __init__(self, element: str | None = None, items: Iterable[Any] = ()) -> None:
        super().__init__(element)
        self._items: list[Any] = list(items)

    def _values(self) -> Iterable[Any]:
        return list(reversed(self._items))

    def Push(self, item: Any) -> None:  # noqa: N802 - the .NET name
        self._items.append(item)

    def Pop(self) -> Any:  # noqa: N802 - the .NET name
        if not self._items:
            raise method_error("Pop", "System.InvalidOperationException", "Stack empty.", argc=0)
        return self._items.pop()

    def Peek(self) -> Any:  # noqa: N802 - the .NET name
        if not self._items:
            raise method_error("Peek", "System.InvalidOperationException", "Stack empty.", argc=0)
        return self._items[-1]

    def Contains(self, item: Any) -> bool:  # noqa: N802 - the .NET name
        return item in self._items

    def Clear(self) -> None:  # noqa: N802 - the .NET name
        self._items.clear()


class HashSet(DotNetCollection):
    """``[System.Collections.Generic.HashSet[T]]::new([comparer])``: each item once (strings compared as
    written, or ignoring case with ``[StringComparer]::OrdinalIgnoreCase``). Enumerated as .NET enumerates
    it: by slot, where a new item takes the slot most recently freed by a removal, else a new one at the end
    (so after a Remove, order added is not order enumerated)."""

    base_name = "System.Collections.HashSet"

    def __init__(self, element: str | None = "object", ignore_case: bool = False, items: Iterable[Any] = ()) -> None:
        super().__init__(element)
        self.ignore_case = ignore_case
        self._slots: list[Any] = []  # the items by slot; _ABSENT in a freed one
        self._where: dict[Any, int] = {}  # each item's key: its slot
        self._free: list[int] = []  # freed slots, the last freed on top
        for item in items:
            self.Add(item)

    def _key(self, item: Any) -> Any:
        return item.casefold() if self.ignore_case and isinstance(item, str) else item

    def _values(self) -> Iterable[Any]:
        return [item for item in self._slots if item is not _ABSENT]

    def Add(self, item: Any) -> bool:  # noqa: N802 - the .NET name
        key = self._key(item)
        if key in self._where:
            return False
        if self._free:
            slot = self._free.pop()
            self._slots[slot] = item
        else:
            slot = len(self._slots)
            self._slots.append(item)
        self._where[key] = slot
        return True

    def Remove(self, item: Any) -> bool:  # noqa: N802 - the .NET name
        slot = self._where.pop(self._key(item), None)
        if slot is None:
            return False
        self._slots[slot] = _ABSENT
        self._free.append(slot)
        return True

    def Contains(self, item: Any) -> bool:  # noqa: N802 - the .NET name
        return self._key(item) in self._where

    def UnionWith(self, other: Any) -> None:  # noqa: N802 - the .NET name
        for item in _each(other):
            self.Add(item)

    def IntersectWith(self, other: Any) -> None:  # noqa: N802 - the .NET name
        """Keep only what ``other`` has too (removed in slot order, as .NET removes them)."""
        keep = {self._key(item) for item in _each(other)}
        if not keep:
            self.Clear()
            return
        for item in self._values():
            if self._key(item) not in keep:
                self.Remove(item)

    def ExceptWith(self, other: Any) -> None:  # noqa: N802 - the .NET name
        if other is self:
            self.Clear()
            return
        for item in _each(other):
            self.Remove(item)

    def SymmetricExceptWith(self, other: Any) -> None:  # noqa: N802 - the .NET name
        """Keep what is in one of the two but not both (``other``'s repeats count once): .NET adds the new
        items first, then removes the common ones in slot order (one by one, in turn, when ``other`` is a
        HashSet comparing alike)."""
        if other is self:
            self.Clear()
            return
        if isinstance(other, HashSet) and other.ignore_case == self.ignore_case:
            for item in list(other):
                if not self.Remove(item):
                    self.Add(item)
            return
        added: set[Any] = set()
        common: set[Any] = set()
        for item in _each(other):
            key = self._key(item)
            if key in added or key in common:
                continue
            (added if self.Add(item) else common).add(key)
        for item in self._values():
            if self._key(item) in common:
                self.Remove(item)

    def Clear(self) -> None:  # noqa: N802 - the .NET name
        self._slots, self._where, self._free = [], {}, []


_ABSENT: Any = object()


def _each(value: Any) -> list[Any]:
    from ._collections import items

    return list(value) if isinstance(value, DotNetCollection) else items(value)


def new_collection(kind: str, element: str | None = None, *args: Any) -> DotNetCollection:
    """``[System.Collections.Queue]::new()``, ``[...Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)``
    and kin: ``kind`` is ``queue``, ``stack`` or ``hashset``; ``args`` what the script passed (a collection to
    start from, or for a HashSet the comparer's name)."""
    ignore_case = False
    start: Any = ()
    for arg in args:
        if isinstance(arg, str) and arg.lower().endswith("ignorecase"):
            ignore_case = True
        elif isinstance(arg, str) and arg.lower() in ("ordinal", "invariantculture", "currentculture"):
            continue
        else:
            start = _each(arg)
    if kind == "queue":
        return Queue(element, start)
    if kind == "stack":
        return Stack(element, start)
    return HashSet(element, ignore_case, start)
