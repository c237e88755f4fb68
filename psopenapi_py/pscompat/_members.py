"""``Get-Member`` of objects' properties: which properties an answer or a ``[pscustomobject]`` has."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._collections import PSObject, items, model_fields
from ._convert import ScriptError

__all__ = ["MemberDefinition", "get_member"]

_PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


class MemberDefinition:
    """One member ``Get-Member`` writes: ``Name``, ``MemberType`` and ``TypeName``. Its ``Definition`` (the
    .NET type and value of the property) and the table PowerShell prints of these are not reproduced: reading
    or printing them is an error that says so, never a different text."""

    __slots__ = ("MemberType", "Name", "TypeName")

    def __init__(self, type_name: str, name: str, member_type: str) -> None:
        self.TypeName = type_name
        self.Name = name
        self.MemberType = member_type

    @property
    def Definition(self) -> str:  # noqa: N802 - the .NET name
        raise ScriptError("Get-Member's Definition is not translated; use the member's Name and its value.")

    def __str__(self) -> str:
        raise ScriptError("Get-Member's table is not translated; write its members' Name instead.")


def _properties(item: Any) -> list[str] | None:
    """An object's note properties (a ``[pscustomobject]``'s, an answer's: its keys), or None for another kind."""
    if isinstance(item, PSObject):
        return [str(k) for k in item]
    fields = model_fields(item)
    if fields is not None:
        return list(fields)
    return None


def get_member(value: Any, member_type: str, name: Any = None) -> list[MemberDefinition]:
    """``$obj | Get-Member -MemberType NoteProperty`` (or ``Properties``; ``Property`` is none of an object's
    note properties): each property once, by name as PowerShell sorts them (ignoring case, ordinal).
    ``name`` keeps those matching one of its wildcards."""
    from ._operators import wildcard

    kind = member_type.lower()
    if kind not in ("noteproperty", "properties", "property"):
        raise ScriptError(f"Get-Member -MemberType {member_type} is not translated; use NoteProperty.")
    patterns = [wildcard(str(n)) for n in items(name)] if name is not None else None
    seen: dict[str, str] = {}
    for item in items(value):
        if isinstance(item, Mapping) and not isinstance(item, PSObject):
            raise ScriptError("Get-Member of a hashtable is not translated: its keys are not members; use .Keys.")
        names = _properties(item)
        if names is None:
            raise ScriptError(f"Get-Member of a [{type(item).__name__}] is not translated.")
        for prop in names if kind != "property" else []:
            seen.setdefault(prop.lower(), prop)
    chosen = [n for n in seen.values() if patterns is None or any(p.fullmatch(n) for p in patterns)]
    return [MemberDefinition(_PSCUSTOMOBJECT, n, "NoteProperty") for n in sorted(chosen, key=str.upper)]
