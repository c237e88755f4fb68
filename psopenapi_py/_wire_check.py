"""The spec's letter for JSON bodies that are sent as written (plain dicts), not rebuilt by the models.

The model builders forgive what a spec-driven server does not: they turn a scalar into a one-element
list and match enums case-insensitively. A dict body goes out exactly as given, so both the client
(before sending) and the mock server (on receipt) check it as written with :func:`check_wire_letter`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._runtime import SPEC, Arr, Map, Model, OneOfModel, Ref, Spec, Str
from .exceptions import ApiTypeError, ApiValueError, invalid_enum, invalid_type, invalid_value

__all__ = ["check_wire_letter"]


def check_wire_letter(model_cls: type[Model], data: Mapping[str, Any], prefix: str = "") -> None:
    """Reject what the Python builders forgive but a spec-driven server does not.

    The builders turn a scalar into a one-element list, match enums case-insensitively and take None
    for any optional field; a raw dict body is sent as given, so the server must see the difference.
    """
    fields = attrs.fields_dict(model_cls)
    for key, value in data.items():
        field = fields.get(key)
        if field is not None and SPEC in field.metadata:
            _check_value_letter(field.metadata[SPEC], value, prefix + key)


def _check_value_letter(spec: Spec, value: Any, name: str) -> None:
    """Check one raw JSON value against its field spec as written (nulls, exact enum spelling, arrays)."""
    if value is None:
        if not spec.nullable:
            raise invalid_value(
                name,
                None,
                "The spec does not allow null here; leave the key out instead.",
                shown="null",
                expected="a value, not null",
            )
        return
    if isinstance(spec, Str):
        _check_enum_letter(spec, value, name)
    elif isinstance(spec, Arr):
        if not isinstance(value, list):
            raise invalid_type(name, value, "an array")
        for index, item in enumerate(value):
            _check_value_letter(spec.items, item, f"{name}[{index}]")
    elif isinstance(spec, Map):
        if isinstance(value, dict):
            for key, item in value.items():
                _check_value_letter(spec.values, item, f"{name}.{key}")
    elif isinstance(spec, Ref):
        cls = spec.cls
        if issubclass(cls, OneOfModel):
            string_members = [m for m in cls.members if isinstance(m, Str)]
            if isinstance(value, str) and string_members and not any(_enum_allows(m, value) for m in string_members):
                _check_enum_letter(string_members[0], value, name)
            member = _union_member_for(cls, value)
            if member is not None:
                _check_value_letter(member, value, name)
        elif isinstance(value, dict):
            check_wire_letter(cls, value, name + ".")


def _union_member_for(cls: type[OneOfModel], value: Any) -> Spec | None:
    """The member spec of a oneOf/anyOf that an object or array value is, to check its letter in turn."""
    if isinstance(value, dict) and cls.discriminator is not None:
        prop, mapping = cls.discriminator
        index = mapping.get(value[prop]) if isinstance(value.get(prop), str) else None
        if index is not None:
            return cls.members[index]
    if not isinstance(value, (dict, list)):
        return None
    for member in cls.members:
        try:
            # The package's strict parser decides which member this is; the letter check then goes in.
            cls._convert_member(member, value, "value")
        except (ApiTypeError, ApiValueError):
            continue
        return member
    return None


def _enum_allows(spec: Str, value: str) -> bool:
    """Whether a string is allowed by a string spec, spelled exactly."""
    return not spec.enum or spec.open_enum or value in spec.enum


def _check_enum_letter(spec: Str, value: Any, name: str) -> None:
    """Raise ApiValueError for an enum value in the wrong case (other bad values are the parser's to report)."""
    if isinstance(value, str) and not _enum_allows(spec, value) and value.lower() in (e.lower() for e in spec.enum):
        raise invalid_enum(name, value, spec.enum, exact=True)
