"""oneOf/anyOf wrappers and Ref, the spec of a field holding a generated model or wrapper."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from ..exceptions import (
    ApiTypeError,
    ApiValueError,
    ambiguous,
    invalid_enum,
    invalid_type,
    invalid_value,
    no_member_matches,
)
from ._json import UNSET, _plain_json, from_json_text
from ._mode import parse_mode, parsing_leniently
from ._models import MODELS, JsonModel, Model, _to_json_value
from ._specs import Spec, Str, check_value

W = TypeVar("W", bound="OneOfModel")


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
            raise invalid_type(name, value, self.label)

    def python_type(self) -> str:
        return self.name


class OneOfModel(JsonModel):
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
            raise invalid_value(name, None, f"'{name}' cannot be null here.")
        lenient = parsing_leniently()
        if cls.discriminator is not None and isinstance(value, dict):
            prop, mapping = cls.discriminator
            if value.get(prop, UNSET) is not UNSET or not cls.discriminator_implicit:
                tag = value.get(prop)
                index = mapping.get(tag) if isinstance(tag, str) else None
                if index is None:
                    if lenient and _plain_json(value):
                        return value  # a kind this version does not know: keep the server's JSON as it is
                    raise invalid_enum(f"{name}.{prop}", tag, list(mapping))
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
            raise no_member_matches(name, value, cls.one_of_schemas, errors)
        raise ambiguous(name, value, cls.one_of_schemas)

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
                raise invalid_type(name, value, spec.label)
            return value
        converted = spec.convert(value, name)
        check_value(spec, converted, name)
        return converted

    @classmethod
    def check_member(cls, value: Any, name: str) -> None:
        """Check that a (converted) value is one of the members."""
        if parsing_leniently():
            return  # resolve() kept a value no member knows on purpose
        if not any(_matches(spec, value) for spec in cls.members):
            raise invalid_type(name, value, "one of " + ", ".join(cls.one_of_schemas))

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
            lenient = cls._lenient or parsing_leniently()
        with parse_mode(lenient):
            return cls(data)

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


def _matches(spec: Spec, value: Any) -> bool:
    try:
        check_value(spec, value, "value")
    except (ApiTypeError, ApiValueError):
        return False
    return True
