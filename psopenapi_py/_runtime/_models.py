"""Object models (attrs classes driven by their fields' Specs) and enum models."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

import attrs

from .. import _redact
from ..exceptions import invalid_enum, invalid_type, missing_property, unknown_field
from ._fields import SECRET, SPEC, _FieldValidator, wire_field
from ._json import REDACTED, UNSET, _plain_json, from_json_text
from ._mode import keeping_unknown_keys, parse_mode, parsing_leniently

if TYPE_CHECKING:
    from ._oneof import OneOfModel

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10 has no dataclass_transform; it only helps type checkers

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda f: f


M = TypeVar("M", bound="Model")
P = TypeVar("P", bound="Model | OneOfModel")


class JsonModel:
    """Base of Model and OneOfModel: a value that turns itself into JSON with ``to_dict``."""

    __slots__ = ()

    def to_dict(self) -> Any:
        raise NotImplementedError


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
    new._checks = tuple(  # type: ignore[attr-defined]
        (
            f.name,
            f,
            f.validator,
            # An unset optional field passes its check: revalidate need not call it.
            isinstance(f.validator, _FieldValidator) and not f.validator.required,
            SPEC in f.metadata,
        )
        for f in attrs.fields(new)
        if f.validator is not None
    )
    new.__module__ = cls.__module__
    MODELS[new.__name__] = new
    return new


def _to_json_value(value: Any) -> Any:
    if isinstance(value, JsonModel):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        # A tuple is sent as the array json.dumps makes of it, so the checks of a dict body see one too.
        return [_to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json_value(v) for k, v in value.items()}
    return value


@attrs.define(slots=True, repr=False, eq=True)
class Model(JsonModel):
    """Base of every generated object model: JSON out (``to_dict``, ``to_json``) and in (``from_dict``).

    Keys the spec does not declare (only accepted when parsing API responses) are kept in
    ``additional_properties`` and sent back out by ``to_dict``.

    A response model (``_lenient``) reads a field the answer left out as None, so that readers (and
    their type checkers) see ``X | None``, never the UNSET sentinel; ``_unsent`` remembers which
    fields those are, so that ``to_dict``, ``repr`` and iteration still leave them out.
    """

    _wire_fields: ClassVar[tuple[tuple[str, bool], ...]] = ()
    #: What revalidate checks: (name, attrs field, validator, whether UNSET passes, whether a wire field).
    _checks: ClassVar[tuple[tuple[str, Any, Any, bool, bool], ...]] = ()
    #: The names of ``_wire_fields``, for from_dict's key look-ups (made once per class, not per parse).
    _wire_names: ClassVar[frozenset[str]] = frozenset()
    #: True for models parsed from API responses: unknown keys are kept rather than rejected.
    _lenient: ClassVar[bool] = False
    #: True where the schema says ``additionalProperties: false``: unknown keys are rejected even
    #: when parsing leniently (a oneOf around such a model then tries its other members).
    _closed: ClassVar[bool] = False

    additional_properties: dict[str, Any] = attrs.field(factory=dict, kw_only=True, eq=True)
    _unsent: frozenset[str] = attrs.field(default=frozenset(), init=False, eq=False, repr=False)
    #: The keys of the JSON object a response model was parsed from, in the order the server sent them.
    _order: tuple[str, ...] = attrs.field(default=(), init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self._lenient:
            return
        unsent = [name for name, _secret in self._wire_fields if getattr(self, name) is UNSET]
        if unsent:
            # Past the field checks on purpose: None here means "not in the answer", not JSON null.
            for name in unsent:
                object.__setattr__(self, name, None)
            object.__setattr__(self, "_unsent", frozenset(unsent))

    def _given(self, name: str, value: Any) -> bool:
        """Whether a field's value is to be sent and shown (not left out, not a left-out answer field)."""
        return value is not UNSET and not (value is None and name in self._unsent)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict: wire names, nested models as dicts, left-out fields absent."""
        out: dict[str, Any] = {}
        for name, _secret in self._wire_fields:
            value = getattr(self, name)
            if self._given(name, value):
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
            lenient = cls._lenient or parsing_leniently()
        if not isinstance(data, dict):
            raise invalid_type(label, data, f"a JSON object for {cls.__name__}")
        known = cls._wire_names
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            if key in known:
                kwargs[key] = value
            elif (lenient or keeping_unknown_keys()) and not cls._closed:
                if not _plain_json(value):
                    # Kept keys go back out by to_dict(), so only JSON may be kept (UNSET, bytes... may not).
                    raise invalid_type(key if name is None else f"{name}.{key}", value, "a JSON value")
                extra[key] = value
            else:
                raise unknown_field(key if name is None else f"{name}.{key}", key, [n for n, _ in cls._wire_fields])
        if not lenient:
            for field in attrs.fields(cls):
                validator = field.validator
                if isinstance(validator, _FieldValidator) and validator.required and field.name not in kwargs:
                    where = field.name if name is None else f"{name}.{field.name}"
                    raise missing_property(where, field.name, value=UNSET)
        with parse_mode(lenient, None if name is None else f"{name}."):
            made = cls(**kwargs, additional_properties=extra)
        if lenient:
            object.__setattr__(made, "_order", tuple(data))
        return made

    @classmethod
    def from_json(cls: type[M], text: str | bytes) -> M:
        """Build the model from JSON text."""
        return cls.from_dict(from_json_text(text, cls.__name__))

    def __repr__(self) -> str:
        parts = []
        for name, secret in self._wire_fields:
            value = getattr(self, name)
            if not self._given(name, value):
                continue
            parts.append(f"{name}={REDACTED if secret and value else repr(value)}")
        if self.additional_properties:
            parts.append(f"additional_properties={_redact.json_repr(self.additional_properties)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _members(self) -> list[tuple[str, Any]]:
        """``(JSON name, value)`` of the set fields and the kept unknown keys, in the order the server sent
        them when the model was parsed from an answer (as PowerShell's objects from JSON keep it)."""
        given = {name: value for name, value in self}
        extra = {k: v for k, v in self.additional_properties.items() if k not in given}
        if not self._order:
            return [*given.items(), *extra.items()]
        both = {**given, **extra}
        ordered = [(key, both.pop(key)) for key in self._order if key in both]
        return ordered + list(both.items())  # fields set after parsing come last

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """Iterate over ``(wire name, value)`` of the fields that are set, like a PowerShell object."""
        for name, _secret in self._wire_fields:
            value = getattr(self, name)
            if self._given(name, value):
                yield name, value


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
            raise invalid_type(name, value, f"a {cls.__name__} value (a string)")
        for member in cls:
            if member.value.lower() == value.lower():
                return member
        raise invalid_enum(name, value, [str(m.value) for m in cls], of=cls.__name__)

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
    if attrs.validators.get_disabled():
        return
    # attrs.validate(model), then the same over what the wire fields hold, in one pass over a per-class plan:
    # this runs before every send of a model, so it skips what attrs.validate would look up each time.
    for name, field, validator, unset_passes, wire in model._checks:
        value = getattr(model, name)
        if value is UNSET and unset_passes:
            continue
        validator(model, field, value)
        if wire and isinstance(value, (Model, list, dict)):
            _revalidate_value(value)


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
