"""The one runtime behind every generated model: checks, three-state fields, JSON in and out.

Generated modules declare attrs classes whose fields carry a :class:`Spec` under the metadata key
:data:`SPEC`; everything a model does is driven from there. A field has three states:
``UNSET`` (left out, not sent), ``None`` (sent as JSON ``null``: "explicitly off") or a value.
"""

from __future__ import annotations

import contextvars
import enum
import math
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar, TypeVar, cast

import attrs
from attrs import validators as _v

from . import _redact
from .exceptions import ApiTypeError, ApiValueError

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10 has no dataclass_transform; it only helps type checkers

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda f: f


__all__ = [
    "SPEC",
    "UNSET",
    "EnumModel",
    "Model",
    "OneOfModel",
    "Unset",
    "from_json_text",
    "model",
    "wire_field",
]

#: Metadata key under which every generated field stores its :class:`Spec`.
SPEC = "psopenapi_py.spec"
#: Metadata key: the field holds a secret that repr and logs must never show.
SECRET = "psopenapi_py.secret"
#: Kept for the modules that import it from here; the marker lives in ``_redact``.
REDACTED = _redact.MARKER

#: JSON nested deeper than this is refused: recursion over it (checks, repr, json itself) would
#: otherwise end in a RecursionError instead of an error naming the parameter.
MAX_JSON_DEPTH = 100


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "UNSET"

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNSET"


#: "Left out": the field is not sent at all (``None`` would send JSON ``null``).
UNSET = Unset.UNSET

# Response bodies are parsed leniently (unknown enum values, nulls, missing required keys are
# accepted) while request bodies are strict; nested models are shared by both, so the mode travels
# with the parse instead of living on the classes.
_LENIENT: contextvars.ContextVar[bool] = contextvars.ContextVar("psopenapi_py_lenient", default=False)
# Where a nested model being built from a dict sits ("tools[0]."), so that an error inside it names
# the full path (tools[0].name) rather than a bare field name that exists at several levels.
_PATH: contextvars.ContextVar[str] = contextvars.ContextVar("psopenapi_py_path", default="")

M = TypeVar("M", bound="Model")
P = TypeVar("P", bound="Model | OneOfModel")
W = TypeVar("W", bound="OneOfModel")


class _Name:
    """Stands in for an attrs Attribute when an attrs validator is run on a nested value."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


def _type_error(name: str, expected: str, value: Any) -> ApiTypeError:
    msg = f"Invalid type for '{name}': expected {expected}, got {type(value).__name__} {_short_repr(value)}."
    return ApiTypeError(msg, parameter=name, value=value, expected=expected)


def _value_error(name: str, value: Any, allowed: str) -> ApiValueError:
    msg = f"Invalid value for '{name}': {_short_repr(value)}. {allowed}"
    return ApiValueError(msg, parameter=name, value=value, expected=allowed)


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


class _Check:
    """One attrs validator plus the sentence that says what it allows."""

    __slots__ = ("allowed", "validator")

    def __init__(self, validator: Any, allowed: str):
        self.validator = validator
        self.allowed = allowed

    def __call__(self, name: str, value: Any) -> None:
        try:
            self.validator(None, _Name(name), value)
        except (ValueError, TypeError):
            raise _value_error(name, value, self.allowed) from None


# --------------------------------------------------------------------------------------------------
# Specs: what a value may be. Generated modules build them; the runtime only interprets them.


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
        return self.nullable or _LENIENT.get()

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
            checks.append(_Check(_v.in_(self.enum), "Allowed values: " + ", ".join(self.enum) + "."))
        if pattern is not None:
            checks.append(_Check(_v.matches_re(pattern, func=re.search), f"Must match the pattern {pattern!r}."))
        if min_length is not None:
            checks.append(_Check(_v.min_len(min_length), f"Must be at least {min_length} character(s) long."))
        if max_length is not None:
            checks.append(_Check(_v.max_len(max_length), f"Must be at most {max_length} character(s) long."))
        self._checks = tuple(checks)

    def convert(self, value: Any, name: str) -> Any:
        if self._canonical and isinstance(value, str):
            return self._canonical.get(value.lower(), value)
        return value

    def check(self, value: Any, name: str) -> None:
        # A plain isinstance for the type (here, in Bool and in Arr): this runs for every value of
        # every response, and attrs' instance_of costs several times as much to say the same.
        if not isinstance(value, str):
            raise _type_error(name, self.label, value)
        if _LENIENT.get():
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
            checks.append(_Check(_v.in_(tuple(enum)), "Allowed values: " + ", ".join(map(str, enum)) + "."))
        if minimum is not None:
            checks.append(_Check(_v.ge(minimum), f"Must be >= {minimum}."))
        if exclusive_minimum is not None:
            checks.append(_Check(_v.gt(exclusive_minimum), f"Must be > {exclusive_minimum}."))
        if maximum is not None:
            checks.append(_Check(_v.le(maximum), f"Must be <= {maximum}."))
        if exclusive_maximum is not None:
            checks.append(_Check(_v.lt(exclusive_maximum), f"Must be < {exclusive_maximum}."))
        self._checks = tuple(checks)

    def check(self, value: Any, name: str) -> None:
        # bool is an int subclass in Python, but True is no number in JSON.
        if isinstance(value, bool) or not isinstance(value, self._types):
            raise _type_error(name, self.label, value)
        if isinstance(value, float) and not math.isfinite(value):
            raise _value_error(name, value, "Must be a finite number.")
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
            raise _type_error(name, self.label, value)

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
            raise _type_error(name, self.label, value)
        check_json_depth(value, name)
        _check_json_value(value, name)

    def python_type(self) -> str:
        return "dict[str, Any]" if self.object_only else "Any"


def json_too_deep(value: Any) -> bool:
    """Whether a value nests dicts and lists more than MAX_JSON_DEPTH levels deep (or holds itself)."""
    # A loop, not recursion: the point is to look at values too deep to recurse over.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def check_json_depth(value: Any, name: str) -> None:
    """Raise ApiValueError naming ``name`` when a value nests more than MAX_JSON_DEPTH levels deep."""
    if json_too_deep(value):
        raise ApiValueError(
            f"Invalid value for '{name}': nested more than {MAX_JSON_DEPTH} levels deep.",
            parameter=name,
            value=None,
            expected=f"at most {MAX_JSON_DEPTH} levels of nesting",
        )


def _check_encodable(value: str, name: str) -> None:
    # Python strings may hold lone surrogates ("\ud800"); the UTF-8 request body cannot.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _value_error(name, value, "Must be text UTF-8 can encode (no lone surrogates).") from None


def _check_json_value(value: Any, name: str) -> None:
    if isinstance(value, str):
        if not _LENIENT.get():
            _check_encodable(value, name)
        return
    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _value_error(name, value, "Must be a finite number.")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_json_value(item, f"{name}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _type_error(f"{name} key", "a string", key)
            if not _LENIENT.get():
                _check_encodable(key, f"{name} key")
            _check_json_value(item, f"{name}.{key}")
        return
    raise _type_error(name, "a JSON value (dict, list, str, int, float, bool or None)", value)


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
            checks.append(_Check(_v.min_len(min_items), f"Must have at least {min_items} item(s)."))
        if max_items is not None:
            checks.append(_Check(_v.max_len(max_items), f"Must have at most {max_items} item(s)."))
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
            raise _type_error(name, self.label, value)
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
            raise _type_error(name, self.label, value)
        for key, item in value.items():
            if not isinstance(key, str):
                raise _type_error(f"{name} key", "a string", key)
            check_value(self.values, item, f"{name}.{key}")

    def python_type(self) -> str:
        return f"dict[str, {self.values.python_type()}]"


class Ref(Spec):
    """A generated model (by class name); a dict given here is checked and turned into that model.

    When the model is a oneOf/anyOf wrapper, the field holds the member value it resolved to.
    """

    __slots__ = ("_cls", "name")
    ps_type = "PSCustomObject"

    def __init__(self, name: str, *, nullable: bool = False):
        super().__init__(nullable=nullable)
        self.name = name
        self._cls: type[Model] | type[OneOfModel] | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a {self.name} (or a dict)"

    @property
    def cls(self) -> type[Model] | type[OneOfModel]:
        if self._cls is None:
            self._cls = MODELS[self.name]
        return self._cls

    def convert(self, value: Any, name: str) -> Any:
        cls = self.cls
        if issubclass(cls, OneOfModel):
            if value is None or value is UNSET:
                return value
            return cls.resolve(value, name)
        if isinstance(value, dict):
            return cls.from_dict(value, name=name)
        return value

    def check(self, value: Any, name: str) -> None:
        cls = self.cls
        if issubclass(cls, OneOfModel):
            cls.check_member(value, name)
        elif not isinstance(value, cls):
            raise _type_error(name, self.label, value)

    def python_type(self) -> str:
        return self.name


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
        raise _value_error(name, None, f"'{name}' cannot be null here.")
    spec.check(value, name)


# --------------------------------------------------------------------------------------------------
# Fields and models


class _FieldConverter:
    """attrs converter for one field: reshapes input (scalar to list, dict to model, enum spelling)."""

    __slots__ = ()

    def __call__(self, value: Any, field: attrs.Attribute) -> Any:  # type: ignore[type-arg]
        if value is UNSET or value is None:
            return value
        return field.metadata[SPEC].convert(value, _PATH.get() + field.name)


class _FieldValidator:
    """attrs validator for one field: runs its Spec's checks, raising ApiTypeError/ApiValueError."""

    __slots__ = ("required",)

    def __init__(self, required: bool):
        self.required = required

    def __call__(self, inst: Any, field: attrs.Attribute, value: Any) -> None:  # type: ignore[type-arg]
        if value is UNSET:
            if self.required and not _LENIENT.get():
                raise _required_error(_PATH.get() + field.name, value)
            return
        if value is None:
            if self.required and not _LENIENT.get():
                raise _required_error(_PATH.get() + field.name, value)
            spec = field.metadata[SPEC]
            if spec.accepts_none():
                return  # JSON null on purpose: the schema (or the API's documented "off") allows it
            name = _PATH.get() + field.name
            raise _value_error(name, None, f"'{name}' cannot be null; leave it out (UNSET) to not send it.")
        if self.required and value == "" and not _LENIENT.get():
            raise _required_error(_PATH.get() + field.name, value)
        field.metadata[SPEC].check(value, _PATH.get() + field.name)

    def __repr__(self) -> str:
        return f"<psopenapi_py field validator required={self.required}>"


def _required_error(name: str, value: Any) -> ApiValueError:
    # The PowerShell module's own wording, so translated scripts see familiar errors.
    return ApiValueError(
        f"invalid value for '{name}', '{name}' cannot be null.", parameter=name, value=value, expected="a value"
    )


_CONVERTER = attrs.Converter(_FieldConverter(), takes_field=True)  # type: ignore[call-overload]


def wire_field(spec: Spec, *, required: bool = False, default: Any = UNSET, secret: bool = False) -> Any:
    """Declare a model field: its spec, whether it is required, its schema default, whether it is secret."""
    return attrs.field(
        default=default,
        converter=_CONVERTER,
        validator=_FieldValidator(required),
        metadata={SPEC: spec, SECRET: secret},
    )


#: Every generated model and wrapper by class name, for Ref look-ups and introspection.
MODELS: dict[str, Any] = {}


@dataclass_transform(field_specifiers=(wire_field, attrs.field))
def model(cls: type[M]) -> type[M]:
    """Class decorator for generated models: an attrs class checked on init and on assignment."""
    new = attrs.define(
        cls,
        slots=True,
        repr=False,
        eq=True,
        on_setattr=[attrs.setters.convert, attrs.setters.validate],
    )
    new._wire_fields = tuple(  # type: ignore[attr-defined]
        (f.name, f.metadata[SECRET]) for f in attrs.fields(new) if SPEC in f.metadata
    )
    new._wire_names = frozenset(name for name, _secret in new._wire_fields)  # type: ignore[attr-defined]
    new.__module__ = cls.__module__
    MODELS[new.__name__] = new
    return new


def _to_json_value(value: Any) -> Any:
    if isinstance(value, (Model, OneOfModel)):
        return value.to_dict()
    if isinstance(value, list):
        return [_to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json_value(v) for k, v in value.items()}
    return value


def from_json_text(text: str | bytes, what: str) -> Any:
    """Parse JSON text, raising ApiValueError (naming ``what``) instead of a bare JSON error."""
    import json  # here and in the to_json methods: building models needs no json, so import leaves it out

    try:
        data = json.loads(text)
    except RecursionError:
        data = _TOO_DEEP
    except (ValueError, TypeError) as exc:
        raise ApiValueError(
            f"Invalid JSON for {what}: {exc}.", parameter=what, value=None, expected="JSON text"
        ) from None
    if data is _TOO_DEEP or json_too_deep(data):
        raise ApiValueError(
            f"Invalid JSON for {what}: nested more than {MAX_JSON_DEPTH} levels deep.",
            parameter=what,
            value=None,
            expected=f"JSON text with at most {MAX_JSON_DEPTH} levels of nesting",
        )
    return data


_TOO_DEEP = object()


@attrs.define(slots=True, repr=False, eq=True)
class Model:
    """Base of every generated object model: JSON out (``to_dict``, ``to_json``) and in (``from_dict``).

    Keys the spec does not declare (only accepted when parsing API responses) are kept in
    ``additional_properties`` and sent back out by ``to_dict``.
    """

    _wire_fields: ClassVar[tuple[tuple[str, bool], ...]] = ()
    #: The names of ``_wire_fields``, for from_dict's key look-ups (made once per class, not per parse).
    _wire_names: ClassVar[frozenset[str]] = frozenset()
    #: True for models parsed from API responses: unknown keys are kept rather than rejected.
    _lenient: ClassVar[bool] = False
    #: True where the schema says ``additionalProperties: false``: unknown keys are rejected even
    #: when parsing leniently (a oneOf around such a model then tries its other members).
    _closed: ClassVar[bool] = False

    additional_properties: dict[str, Any] = attrs.field(factory=dict, kw_only=True, eq=True)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict: wire names, nested models as dicts, left-out fields absent."""
        out: dict[str, Any] = {}
        for name, _secret in self._wire_fields:
            value = getattr(self, name)
            if value is not UNSET:
                out[name] = _to_json_value(value)
        if self.additional_properties:
            for key, value in self.additional_properties.items():
                out.setdefault(key, _to_json_value(value))
        return out

    def to_json(self) -> str:
        """The compact JSON text of ``to_dict()``."""
        import json

        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_dict(cls: type[M], data: Any, *, name: str | None = None, lenient: bool | None = None) -> M:
        """Build the model from parsed JSON; strict for requests, lenient for responses."""
        label = name or cls.__name__
        if lenient is None:
            lenient = cls._lenient or _LENIENT.get()
        if not isinstance(data, dict):
            raise _type_error(label, f"a JSON object for {cls.__name__}", data)
        known = cls._wire_names
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            if key in known:
                kwargs[key] = value
            elif lenient and not cls._closed:
                if not _plain_json(value):
                    # Kept keys go back out by to_dict(), so only JSON may be kept (UNSET, bytes... may not).
                    raise _type_error(key if name is None else f"{name}.{key}", "a JSON value", value)
                extra[key] = value
            else:
                # Space-separated: PowerShell expands the $AllProperties array in the message that way.
                names = " ".join(n for n, _ in cls._wire_fields)
                raise ApiValueError(
                    f"Error! JSON key '{key}' not found in the properties: {names}",
                    parameter=key if name is None else f"{name}.{key}",
                    value=key,
                    expected=names,
                )
        if not lenient:
            for field in attrs.fields(cls):
                validator = field.validator
                if isinstance(validator, _FieldValidator) and validator.required and field.name not in kwargs:
                    raise ApiValueError(
                        f"Error! JSON cannot be serialized due to the required property '{field.name}' missing.",
                        parameter=field.name if name is None else f"{name}.{field.name}",
                        value=UNSET,
                        expected="a value",
                    )
        token = _LENIENT.set(lenient)
        path_token = _PATH.set(f"{name}.") if name is not None else None
        try:
            return cls(**kwargs, additional_properties=extra)
        finally:
            if path_token is not None:
                _PATH.reset(path_token)
            _LENIENT.reset(token)

    @classmethod
    def from_json(cls: type[M], text: str | bytes) -> M:
        """Build the model from JSON text."""
        return cls.from_dict(from_json_text(text, cls.__name__))

    def __repr__(self) -> str:
        parts = []
        for name, secret in self._wire_fields:
            value = getattr(self, name)
            if value is UNSET:
                continue
            parts.append(f"{name}={REDACTED if secret and value else repr(value)}")
        if self.additional_properties:
            parts.append(f"additional_properties={_redact.json_repr(self.additional_properties)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """Iterate over ``(wire name, value)`` of the fields that are set, like a PowerShell object."""
        for name, _secret in self._wire_fields:
            value = getattr(self, name)
            if value is not UNSET:
                yield name, value


class OneOfModel:
    """Base of oneOf/anyOf wrappers: holds the one member value (``actual_instance``) a value resolved to."""

    __slots__ = ("actual_instance",)
    actual_instance: Any
    #: Member specs, in spec order.
    members: ClassVar[tuple[Spec, ...]] = ()
    #: Member names, as PowerShell's ``OneOfSchemas`` lists them.
    one_of_schemas: ClassVar[tuple[str, ...]] = ()
    #: "oneOf" (exactly one member must match) or "anyOf" (the first that matches wins).
    kind: ClassVar[str] = "oneOf"
    #: For object members told apart by a property: (property name, {value: member index}).
    discriminator: ClassVar[tuple[str, dict[str, int]] | None] = None
    #: True when the spec declares no discriminator but every object member pins its ``type`` to
    #: constants: the tag then decides when present, and a dict without it is tried on every member.
    discriminator_implicit: ClassVar[bool] = False
    #: Spec default used by ``initialize_*`` when no value is given.
    default: ClassVar[Any] = UNSET
    #: True for wrappers found only in API responses: ``from_dict``/``from_json`` parse leniently, as
    #: ``Model._lenient`` models do (building one with ``initialize_*`` stays strict).
    _lenient: ClassVar[bool] = False

    def __init__(self, actual_instance: Any):
        object.__setattr__(self, "actual_instance", self.resolve(actual_instance, type(self).__name__))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        MODELS[cls.__name__] = cls

    def __setattr__(self, key: str, value: Any) -> None:
        if key != "actual_instance":
            raise AttributeError(f"{type(self).__name__} has no attribute {key!r}")
        object.__setattr__(self, key, self.resolve(value, type(self).__name__))

    @property
    def actual_type(self) -> str:
        """Which member the value matched, named as the PowerShell module names it."""
        value = self.actual_instance
        if isinstance(value, (Model, OneOfModel)):
            return type(value).__name__
        for spec in self.members:
            if _matches(spec, value):
                return spec.ps_type if not isinstance(spec, Ref) else spec.name
        return type(value).__name__

    @classmethod
    def resolve(cls, value: Any, name: str) -> Any:
        """Turn a value (a member model, a dict, a bare value or a wrapper) into the member value it is."""
        if isinstance(value, OneOfModel):
            value = value.actual_instance
        if value is None:
            if any(spec.accepts_none() for spec in cls.members):
                return None
            raise _value_error(name, None, f"'{name}' cannot be null here.")
        lenient = _LENIENT.get()
        if cls.discriminator is not None and isinstance(value, dict):
            prop, mapping = cls.discriminator
            if value.get(prop, UNSET) is not UNSET or not cls.discriminator_implicit:
                tag = value.get(prop)
                index = mapping.get(tag) if isinstance(tag, str) else None
                if index is None:
                    if lenient and _plain_json(value):
                        return value  # a kind this version does not know: keep the server's JSON as it is
                    raise _value_error(f"{name}.{prop}", tag, "Allowed values: " + ", ".join(mapping) + ".")
                return cls._convert_member(cls.members[index], value, name)
        matches = []
        errors: list[Exception] = []
        for spec in cls._trial_order():
            try:
                converted = cls._convert_member(spec, value, name)
            except (ApiTypeError, ApiValueError) as exc:
                # Kept without its traceback: with it, this frame and every caller's (the call's
                # configuration and open sockets among them) would sit in a cycle until a gc run.
                errors.append(exc.with_traceback(None))
                continue
            if cls.kind == "anyOf" or lenient:
                return converted
            matches.append(converted)
        if len(matches) == 1:
            return matches[0]
        if not matches and lenient and _plain_json(value):
            return value  # responses are parsed leniently: a shape no member knows is kept as parsed JSON
        if not matches:
            if len(errors) == 1:
                raise errors[0]
            # The most telling error is the one from the member whose object shape fits best.
            detail = " ".join(f"As {n}: {e}" for n, e in zip(cls.one_of_schemas, errors, strict=True))
            exc_type = ApiTypeError if all(isinstance(e, ApiTypeError) for e in errors) else ApiValueError
            raise exc_type(
                f"Invalid value for '{name}': {_short_repr(value)} matches none of {', '.join(cls.one_of_schemas)}. {detail}",
                parameter=name,
                value=value,
                expected=", ".join(cls.one_of_schemas),
            )
        raise ApiValueError(
            f"Invalid value for '{name}': {_short_repr(value)} is ambiguous: it matches more than one of "
            f"{', '.join(cls.one_of_schemas)}.",
            parameter=name,
            value=value,
            expected="exactly one of " + ", ".join(cls.one_of_schemas),
        )

    @classmethod
    def _trial_order(cls) -> tuple[Spec, ...]:
        # anyOf takes the first member that matches; a closed enum goes first so that an open enum
        # (anyOf [string, enum]) stores known values in their canonical spelling.
        if cls.kind != "anyOf":
            return cls.members
        closed = tuple(s for s in cls.members if isinstance(s, Str) and s.enum and not s.open_enum)
        return closed + tuple(s for s in cls.members if s not in closed)

    @staticmethod
    def _convert_member(spec: Spec, value: Any, name: str) -> Any:
        if isinstance(spec, Ref) and isinstance(value, (Model, OneOfModel)):
            cls = spec.cls
            if issubclass(cls, OneOfModel):
                return cls.resolve(value, name)
            if not isinstance(value, cls):
                raise _type_error(name, spec.label, value)
            return value
        converted = spec.convert(value, name)
        check_value(spec, converted, name)
        return converted

    @classmethod
    def check_member(cls, value: Any, name: str) -> None:
        """Check that a (converted) value is one of the members."""
        if _LENIENT.get():
            return  # resolve() kept a value no member knows on purpose
        if not any(_matches(spec, value) for spec in cls.members):
            raise _type_error(name, "one of " + ", ".join(cls.one_of_schemas), value)

    def to_dict(self) -> Any:
        """The bare JSON value of the member (a dict for object members)."""
        return _to_json_value(self.actual_instance)

    def to_json(self) -> str:
        """The compact JSON text of the member value."""
        import json

        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_dict(cls: type[W], data: Any, *, name: str | None = None, lenient: bool | None = None) -> W:
        """Resolve parsed JSON to the member it matches."""
        if lenient is None:
            lenient = cls._lenient or _LENIENT.get()
        token = _LENIENT.set(lenient)
        try:
            return cls(data)
        finally:
            _LENIENT.reset(token)

    @classmethod
    def from_json(cls: type[W], text: str | bytes) -> W:
        """Resolve JSON text to the member it matches."""
        return cls.from_dict(from_json_text(text, cls.__name__))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.actual_instance == self.actual_instance  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), repr(self.actual_instance)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.actual_instance!r})"


def _plain_json(value: Any) -> bool:
    """Whether a value is JSON as a parser makes it (dict, list, str, int, finite float, bool, None):
    values built in Python (UNSET, models, bytes) are never kept raw, they must match a member."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float):
            if not math.isfinite(item):
                return False
        elif item is not None and type(item) not in (str, int, bool):
            return False
    return True


def _matches(spec: Spec, value: Any) -> bool:
    try:
        check_value(spec, value, "value")
    except (ApiTypeError, ApiValueError):
        return False
    return True


E = TypeVar("E", bound="EnumModel")


class EnumModel(str, enum.Enum):
    """Base of generated enum models: str members equal to their JSON strings (``NoiseReductionType.NEAR_FIELD
    == "near_field"``). Fields typed with an enum model accept a member or the plain string and store the string.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        MODELS[cls.__name__] = cls

    def __str__(self) -> str:
        return str(self.value)

    def to_dict(self) -> str:
        """The JSON value: the plain string."""
        return str(self.value)

    def to_json(self) -> str:
        """The JSON text of the value."""
        import json

        return json.dumps(str(self.value), ensure_ascii=False)

    @classmethod
    def from_value(cls: type[E], value: Any, *, name: str = "value") -> E:
        """The member for a string (any letter case) or a member; ApiValueError naming the allowed values."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise _type_error(name, f"a {cls.__name__} value (a string)", value)
        for member in cls:
            if member.value.lower() == value.lower():
                return member
        allowed = ", ".join(str(m.value) for m in cls)
        raise _value_error(name, value, f"Allowed values for {cls.__name__}: {allowed}.")

    @classmethod
    def from_dict(cls: type[E], data: Any, *, name: str | None = None, lenient: bool | None = None) -> E:
        """The member for parsed JSON (a string)."""
        return cls.from_value(data, name=name or cls.__name__)

    @classmethod
    def from_json(cls: type[E], text: str | bytes) -> E:
        """The member for JSON text such as ``'"near_field"'``."""
        return cls.from_dict(from_json_text(text, cls.__name__))


def revalidate(model: Model) -> None:
    """Run every field check of a model again, nested models included.

    Assignment is checked as it happens, but a list or dict held by a model can be changed in place
    (``request.modalities.append("video")``); the API functions call this before sending a model.
    """
    attrs.validate(model)
    for name, _secret in model._wire_fields:
        _revalidate_value(getattr(model, name))


def _revalidate_value(value: Any) -> None:
    if isinstance(value, Model):
        revalidate(value)
    elif isinstance(value, list):
        for item in value:
            _revalidate_value(item)
    elif isinstance(value, dict):
        for item in value.values():
            _revalidate_value(item)


def build(cls: type[M], /, **kwargs: Any) -> M:
    """Construct a model from initialize_* arguments (typed loosely: converters reshape them)."""
    return cls(**kwargs)


def parse(cls: type[P], json_text: str | bytes) -> P:
    """Parse JSON text into a model, for the generated convert_from_json_to_* functions."""
    return cast(P, cls.from_json(json_text))
