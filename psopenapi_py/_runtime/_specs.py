"""Specs: what one JSON value may be. Generated modules build them; the runtime only interprets them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from attrs import validators as _v

from ..exceptions import ApiValueError, invalid_enum, invalid_type, invalid_value, out_of_range
from ._json import UNSET, _check_encodable, _check_json_value, check_json_depth
from ._mode import parsing_leniently


class _Name:
    """Stands in for an attrs Attribute when an attrs validator is run on a nested value."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class _Check:
    """One attrs validator plus the error (from exceptions.py) raised when it fails: error(name, value)."""

    __slots__ = ("error", "validator")

    def __init__(self, validator: Any, error: Callable[[str, Any], ApiValueError]):
        self.validator = validator
        self.error = error

    def __call__(self, name: str, value: Any) -> None:
        try:
            self.validator(None, _Name(name), value)
        except (ValueError, TypeError):
            raise self.error(name, value) from None


class Spec:
    """What one JSON value may be. ``convert`` reshapes input; ``check`` raises on a bad value."""

    __slots__ = ("nullable",)
    #: How the docs and error messages name this type ("a string", "an integer", ...).
    label = "a value"
    #: The PowerShell/.NET type name reported by oneOf wrappers as ``actual_type``.
    ps_type = "Object"

    def __init__(self, *, nullable: bool = False):
        self.nullable = nullable

    def convert(self, value: Any, name: str) -> Any:
        return value

    def check(self, value: Any, name: str) -> None:
        raise NotImplementedError

    def accepts_none(self) -> bool:
        return self.nullable or parsing_leniently()

    def python_type(self) -> str:
        return "Any"


class Str(Spec):
    """A JSON string, optionally a closed enum (case-insensitive, stored canonically), open enum or pattern."""

    __slots__ = ("_canonical", "_checks", "enum", "open_enum", "pattern")
    label = "a string"
    ps_type = "String"

    def __init__(
        self,
        *,
        enum: Sequence[str] = (),
        open_enum: bool = False,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        nullable: bool = False,
    ):
        super().__init__(nullable=nullable)
        self.enum = tuple(enum)
        self.open_enum = open_enum
        self.pattern = pattern
        self._canonical = {e.lower(): e for e in self.enum}
        checks = []
        if self.enum and not open_enum:
            checks.append(_Check(_v.in_(self.enum), partial(invalid_enum, allowed=self.enum)))
        if pattern is not None:
            problem = f"Must match the pattern {pattern!r}."
            checks.append(_Check(_v.matches_re(pattern, func=re.search), partial(invalid_value, problem=problem)))
        if min_length is not None:
            problem = f"Must be at least {min_length} character(s) long."
            checks.append(_Check(_v.min_len(min_length), partial(invalid_value, problem=problem)))
        if max_length is not None:
            problem = f"Must be at most {max_length} character(s) long."
            checks.append(_Check(_v.max_len(max_length), partial(invalid_value, problem=problem)))
        self._checks = tuple(checks)

    def convert(self, value: Any, name: str) -> Any:
        if self._canonical and isinstance(value, str):
            return self._canonical.get(value.lower(), value)
        return value

    def check(self, value: Any, name: str) -> None:
        # A plain isinstance for the type (here, in Bool and in Arr): this runs for every value of
        # every response, and attrs' instance_of costs several times as much to say the same.
        if not isinstance(value, str):
            raise invalid_type(name, value, self.label)
        if parsing_leniently():
            return
        _check_encodable(value, name)
        for check in self._checks:
            check(name, value)

    def python_type(self) -> str:
        return "str"


class _Numeric(Spec):
    __slots__ = ("_checks",)
    _types: tuple[type, ...] = (int,)

    def __init__(
        self,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        exclusive_minimum: float | None = None,
        exclusive_maximum: float | None = None,
        enum: Sequence[float] = (),
        nullable: bool = False,
    ):
        super().__init__(nullable=nullable)
        checks = []
        if enum:
            checks.append(_Check(_v.in_(tuple(enum)), partial(invalid_enum, allowed=tuple(enum))))
        # One check per bound, so that the error names the bound the value breaks.
        if minimum is not None:
            checks.append(_Check(_v.ge(minimum), partial(out_of_range, minimum=minimum)))
        if exclusive_minimum is not None:
            checks.append(
                _Check(
                    _v.gt(exclusive_minimum), partial(out_of_range, minimum=exclusive_minimum, exclusive_minimum=True)
                )
            )
        if maximum is not None:
            checks.append(_Check(_v.le(maximum), partial(out_of_range, maximum=maximum)))
        if exclusive_maximum is not None:
            checks.append(
                _Check(
                    _v.lt(exclusive_maximum), partial(out_of_range, maximum=exclusive_maximum, exclusive_maximum=True)
                )
            )
        self._checks = tuple(checks)

    def check(self, value: Any, name: str) -> None:
        # bool is an int subclass in Python, but True is no number in JSON.
        if isinstance(value, bool) or not isinstance(value, self._types):
            raise invalid_type(name, value, self.label)
        if isinstance(value, float) and not math.isfinite(value):
            raise out_of_range(name, value)
        for check in self._checks:
            check(name, value)


class Int(_Numeric):
    """A JSON integer (not a bool, not a float), with optional bounds."""

    __slots__ = ()
    label = "an integer"
    ps_type = "Int32"

    def python_type(self) -> str:
        return "int"


class Num(_Numeric):
    """A JSON number: an int or a finite float (not a bool), with optional bounds."""

    __slots__ = ()
    label = "a number"
    ps_type = "Double"
    _types = (int, float)

    def python_type(self) -> str:
        return "float"


class Bool(Spec):
    """A JSON boolean: True or False only."""

    __slots__ = ()
    label = "a boolean"
    ps_type = "Boolean"

    def check(self, value: Any, name: str) -> None:
        if not isinstance(value, bool):
            raise invalid_type(name, value, self.label)

    def python_type(self) -> str:
        return "bool"


class AnyJson(Spec):
    """Any JSON value; with ``object_only`` a free-form JSON object (a dict with string keys)."""

    __slots__ = ("object_only",)
    ps_type = "PSCustomObject"

    def __init__(self, *, object_only: bool = False, nullable: bool = False):
        super().__init__(nullable=nullable)
        self.object_only = object_only

    @property
    def label(self) -> str:  # type: ignore[override]
        return "a JSON object (dict)" if self.object_only else "a JSON value"

    def check(self, value: Any, name: str) -> None:
        if self.object_only and not isinstance(value, dict):
            raise invalid_type(name, value, self.label)
        check_json_depth(value, name)
        _check_json_value(value, name)

    def python_type(self) -> str:
        return "dict[str, Any]" if self.object_only else "Any"


class Arr(Spec):
    """A JSON array; a single item given where an array belongs becomes a one-element list."""

    __slots__ = ("_checks", "items")
    label = "a list"
    ps_type = "Object[]"

    def __init__(
        self, items: Spec, *, min_items: int | None = None, max_items: int | None = None, nullable: bool = False
    ):
        super().__init__(nullable=nullable)
        self.items = items
        checks = []
        if min_items is not None:
            problem = f"Must have at least {min_items} item(s)."
            checks.append(_Check(_v.min_len(min_items), partial(invalid_value, problem=problem)))
        if max_items is not None:
            problem = f"Must have at most {max_items} item(s)."
            checks.append(_Check(_v.max_len(max_items), partial(invalid_value, problem=problem)))
        self._checks = tuple(checks)

    def convert(self, value: Any, name: str) -> Any:
        if value is None or value is UNSET:
            return value
        if not isinstance(value, (list, tuple)):
            value = [value]  # PowerShell turns a scalar given to an array parameter into one element
        items = self.items
        return [items.convert(item, f"{name}[{i}]") for i, item in enumerate(value)]

    def check(self, value: Any, name: str) -> None:
        if not isinstance(value, list):
            raise invalid_type(name, value, self.label)
        for check in self._checks:
            check(name, value)
        items = self.items
        for i, item in enumerate(value):
            check_value(items, item, f"{name}[{i}]")

    def python_type(self) -> str:
        return f"list[{self.items.python_type()}]"


class Map(Spec):
    """A JSON object with free keys whose values all follow one spec."""

    __slots__ = ("values",)
    label = "a dict"
    ps_type = "Hashtable"

    def __init__(self, values: Spec, *, nullable: bool = False):
        super().__init__(nullable=nullable)
        self.values = values

    def convert(self, value: Any, name: str) -> Any:
        if not isinstance(value, dict):
            return value
        values = self.values
        return {k: values.convert(v, f"{name}.{k}") for k, v in value.items()}

    def check(self, value: Any, name: str) -> None:
        if not isinstance(value, dict):
            raise invalid_type(name, value, self.label)
        for key, item in value.items():
            if not isinstance(key, str):
                raise invalid_type(f"{name} key", key, "a string")
            check_value(self.values, item, f"{name}.{key}")

    def python_type(self) -> str:
        return f"dict[str, {self.values.python_type()}]"


class EnumRef(Str):
    """A string from a generated enum model: its values are checked (case-insensitively) and stored as plain str."""

    __slots__ = ("name",)

    def __init__(self, name: str, enum: Sequence[str], *, nullable: bool = False):
        super().__init__(enum=enum, nullable=nullable)
        self.name = name

    @property
    def ps_type(self) -> str:  # type: ignore[override]
        return self.name


def check_value(spec: Spec, value: Any, name: str) -> None:
    """Check a converted value against a spec, with ``None`` allowed where the spec (or mode) says."""
    if value is None:
        if spec.accepts_none():
            return
        raise invalid_value(name, None, f"'{name}' cannot be null here.")
    spec.check(value, name)
