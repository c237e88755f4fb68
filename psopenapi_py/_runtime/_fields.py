"""Model fields: the attrs converter and validator that drive a field from its Spec."""

from __future__ import annotations

from typing import Any

import attrs

from ..exceptions import invalid_value, missing
from ._json import UNSET
from ._mode import current_path, parsing_leniently
from ._specs import Spec

SPEC = "psopenapi_py.spec"
#: Metadata key: the field holds a secret that repr and logs must never show.
SECRET = "psopenapi_py.secret"


class _FieldConverter:
    """attrs converter for one field: reshapes input (scalar to list, dict to model, enum spelling)."""

    __slots__ = ()

    def __call__(self, value: Any, field: attrs.Attribute) -> Any:  # type: ignore[type-arg]
        if value is UNSET or value is None:
            return value
        return field.metadata[SPEC].convert(value, current_path() + field.name)


class _FieldValidator:
    """attrs validator for one field: runs its Spec's checks, raising ApiTypeError/ApiValueError."""

    __slots__ = ("required",)

    def __init__(self, required: bool):
        self.required = required

    def __call__(self, inst: Any, field: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        if value is UNSET:
            if self.required and not parsing_leniently():
                raise missing(current_path() + field.name, value=value)
            return
        if value is None:
            if self.required and not parsing_leniently():
                raise missing(current_path() + field.name, value=value)
            spec = field.metadata[SPEC]
            if spec.accepts_none():
                return  # JSON null on purpose: the schema (or the API's documented "off") allows it
            name = current_path() + field.name
            raise invalid_value(name, None, f"'{name}' cannot be null; leave it out (UNSET) to not send it.")
        if self.required and value == "" and not parsing_leniently():
            raise missing(current_path() + field.name, value=value)
        field.metadata[SPEC].check(value, current_path() + field.name)

    def __repr__(self) -> str:
        return f"<psopenapi_py field validator required={self.required}>"


_CONVERTER = attrs.Converter(_FieldConverter(), takes_field=True)  # type: ignore[call-overload]


def wire_field(spec: Spec, *, required: bool = False, default: Any = UNSET, secret: bool = False) -> Any:
    """Declare a model field: its spec, whether it is required, its schema default, whether it is secret."""
    return attrs.field(
        default=default,
        converter=_CONVERTER,
        validator=_FieldValidator(required),
        metadata={SPEC: spec, SECRET: secret},
    )
