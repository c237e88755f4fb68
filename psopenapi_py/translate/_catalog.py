"""What the translator knows about psopenapi_py, read from the package itself at first use.

Cmdlets are the package's exported functions (``New-RealtimeSession`` is ``new_realtime_session``), their
parameters come from the function signatures, and member names from the models' fields and the other
classes' attributes. A new function or field is therefore translatable without touching the translator.
"""

from __future__ import annotations

import enum
import inspect
import re
import types
import typing
from functools import lru_cache
from typing import Any

import attrs

__all__ = ["Catalog", "FunctionInfo", "Kind", "ParamInfo", "T", "catalog", "normalize", "snake_case"]


@lru_cache(maxsize=4096)
def snake_case(name: str) -> str:
    """PowerShell-module snake case, keeping runs of capitals together (``MCPTool`` -> ``mcp_tool``)."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.replace("-", "_").lower()


@lru_cache(maxsize=4096)
def normalize(name: str) -> str:
    """The key PowerShell and Python spellings of one name share: ``-PrefixPaddingMs`` ~ ``prefix_padding_ms``."""
    return name.replace("-", "").replace("_", "").lower()


class Kind(str, enum.Enum):
    """What kind of value a :class:`T` describes (see ``T`` for what each one carries)."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    NONE = "none"
    LIST = "list"
    DICT = "dict"
    JSON = "json"
    MODEL = "model"
    OBJECT = "object"
    EXCEPTION = "exception"
    DETAILS = "details"
    HEADERS = "headers"
    #: A script block translated to a Python callable (a lambda or a nested def).
    BLOCK = "block"
    UNKNOWN = "unknown"

    # Messages name a kind by its value ("a list value") on every Python version.
    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return self.value.__format__(spec)


class T:
    """What the translator knows about a value: its kind and, for some kinds, more.

    Kinds (:class:`Kind`): str, int, float, bool, none, list (``elem``), dict (``keys``: known keys of a hashtable
    literal, lower case -> (key as written, T)), json (parsed JSON: keys are looked up with ``[]``),
    model (``cls``: a generated model), object (``cls``: another package class; ``elem`` is the type of
    an ApiResponse's ``response``), exception (a caught error; ``cls`` is its member path from ``$_``,
    ``()`` or ``("exception",)``), details (its ``error_details``), headers (a header dict), unknown.
    """

    __slots__ = ("cls", "elem", "keys", "kind")

    def __init__(
        self,
        kind: Kind,
        cls: Any = None,
        elem: T | None = None,
        keys: dict[str, tuple[str, T]] | None = None,
    ):
        self.kind = kind
        self.cls = cls
        self.elem = elem
        self.keys = keys

    @property
    def scalar(self) -> bool:
        """True for str, int, float, bool and None."""
        return self.kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.NONE)

    @property
    def plain(self) -> bool:
        """True when the value is plain JSON data (json.dumps takes it as it is)."""
        if self.scalar or self.kind in (Kind.JSON, Kind.HEADERS, Kind.DETAILS):
            return True
        if self.kind == Kind.LIST:
            return self.elem is not None and self.elem.plain
        if self.kind == Kind.DICT:
            return self.keys is not None and all(t.plain for _, t in self.keys.values())
        return False

    def __repr__(self) -> str:
        extra = f" {getattr(self.cls, '__name__', self.cls)}" if self.cls is not None else ""
        return f"T({self.kind}{extra})"


UNKNOWN = T(Kind.UNKNOWN)
STR = T(Kind.STR)
INT = T(Kind.INT)
FLOAT = T(Kind.FLOAT)
BOOL = T(Kind.BOOL)
NONE = T(Kind.NONE)
JSON = T(Kind.JSON)
DICT = T(Kind.DICT)
HEADERS = T(Kind.HEADERS)
BLOCK = T(Kind.BLOCK)


def list_of(elem: T) -> T:
    """The T of a list whose items are ``elem``."""
    return T(Kind.LIST, elem=elem)


@attrs.frozen
class ParamInfo:
    """One parameter of a package function, as a PowerShell call names it."""

    py_name: str
    norm: str
    #: A PowerShell switch: ``-WithHttpInfo`` alone means True, and it never takes the next argument.
    switch: bool
    #: Written without a value, it means True (its type is open, like ``-SkipCertificateCheck``).
    bare_is_true: bool
    positional: bool
    #: What a value left out after the parameter name becomes ("{}" for a dict), if anything.
    empty: str | None
    type: T
    #: An int is among the types it takes (alone, or in a union such as ``int | str`` for a oneOf).
    takes_int: bool = False


@attrs.frozen
class FunctionInfo:
    """A package function as a cmdlet: its Python name, parameters and what it returns."""

    py_name: str
    params: tuple[ParamInfo, ...]
    returns: Any
    #: It talks to the API (it has ``with_http_info``): a catch-all around it catches ApiException.
    is_api: bool


class Catalog:
    """The package's functions by normalised cmdlet name, and member look-ups on its classes."""

    def __init__(self) -> None:
        import psopenapi_py
        from psopenapi_py.realtime_api import ApiResponse

        self.package = psopenapi_py
        self.api_response = ApiResponse
        self.functions: dict[str, FunctionInfo] = {}
        self.exported = frozenset(psopenapi_py.__all__)
        exports = {name: getattr(psopenapi_py, name) for name in psopenapi_py.__all__}
        # Annotations may name classes their module imports only for type checkers: resolve them
        # against everything the package exports.
        namespace = {name: value for name, value in exports.items() if isinstance(value, type)}
        for name, func in exports.items():
            if inspect.isfunction(func) and not name.startswith("translate"):
                self.functions.setdefault(normalize(name), _function_info(name, func, namespace))
        self._members: dict[Any, dict[str, tuple[str, T]]] = {}
        self._returns: dict[tuple[str, frozenset[str]], T] = {}

    def function(self, cmdlet: str) -> FunctionInfo | None:
        """The package function a cmdlet name (any case) stands for, or None."""
        return self.functions.get(normalize(cmdlet))

    def members(self, cls: Any) -> dict[str, tuple[str, T]]:
        """The members of a package class by normalised name: (attribute name, type)."""
        found = self._members.get(cls)
        if found is None:
            found = self._members[cls] = _members(cls)
        return found

    def return_type(self, info: FunctionInfo, switches_on: frozenset[str]) -> T:
        """What a call returns, given which switch parameters it turned on."""
        key = (info.py_name, switches_on)
        found = self._returns.get(key)
        if found is None:
            found = self._returns[key] = self._return_type(info, switches_on)
        return found

    def _return_type(self, info: FunctionInfo, switches_on: frozenset[str]) -> T:
        """What a call returns (uncached), given the switch parameters it turned on."""
        ann = info.returns
        if ann is None or ann is type(None):
            return NONE
        args = _union_args(ann)
        if args is None:
            return type_of(ann)
        # ApiResponse[Model] counts as ApiResponse: what it wraps is the other member.
        real = [self.api_response if typing.get_origin(a) is self.api_response else a for a in args]
        real = [a for a in real if a is not type(None)]
        if self.api_response in real and len(real) == 2:
            inner = type_of(next(a for a in real if a is not self.api_response))
            if "with_http_info" in switches_on:
                return T(Kind.OBJECT, cls=self.api_response, elem=inner)
            return inner
        if len(real) == 1 and len(args) == 2:
            # Returns something only when asked to (set_configuration's pass_thru).
            return type_of(real[0]) if switches_on else NONE
        return type_of(ann)


def _union_args(ann: Any) -> tuple[Any, ...] | None:
    """The members of a Union annotation, or None for any other annotation."""
    origin = typing.get_origin(ann)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(ann)
    return None


def type_of(ann: Any) -> T:
    """The T of a Python annotation (unions of one real type plus None/UNSET count as that type)."""
    from psopenapi_py._runtime import Model, Unset
    from psopenapi_py.configuration import NotGiven

    if ann is None or ann is type(None):
        return NONE
    args = _union_args(ann)
    if args is not None:
        real = [a for a in args if a is not type(None) and a is not Unset and a is not NotGiven]
        lists = [a for a in real if typing.get_origin(a) is list]
        if len(real) == 1:
            return type_of(real[0])
        if lists:
            return type_of(lists[0])  # PowerShell's scalar-to-array convenience: the list is what is kept
        return UNKNOWN
    origin = typing.get_origin(ann)
    if origin is list:
        inner = typing.get_args(ann)
        return list_of(type_of(inner[0]) if inner else UNKNOWN)
    if origin is dict or ann is dict:
        return DICT
    simple = {bool: BOOL, int: INT, float: FLOAT, str: STR}
    if ann in simple:
        return simple[ann]
    if isinstance(ann, type):
        if issubclass(ann, dict):
            return DICT  # e.g. the case-insensitive header dict
        if issubclass(ann, Model):
            return T(Kind.MODEL, cls=ann)
        if ann.__module__.startswith("psopenapi_py"):
            return T(Kind.OBJECT, cls=ann)
    return UNKNOWN


def type_of_spec(spec: Any) -> T:
    """The T of a model field's Spec."""
    from psopenapi_py import _runtime as rt

    if isinstance(spec, rt.Str):
        return STR
    if isinstance(spec, rt.Int):
        return INT
    if isinstance(spec, rt.Num):
        return FLOAT
    if isinstance(spec, rt.Bool):
        return BOOL
    if isinstance(spec, rt.Arr):
        return list_of(type_of_spec(spec.items))
    if isinstance(spec, rt.Map):
        return DICT
    if isinstance(spec, rt.AnyJson):
        return JSON
    if isinstance(spec, rt.Ref):
        cls = spec.cls
        if isinstance(cls, type) and issubclass(cls, rt.Model):
            return T(Kind.MODEL, cls=cls)
        return UNKNOWN  # a oneOf field holds the bare member value (an int or a string)
    return UNKNOWN


def _hints(obj: Any, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """The resolved annotations of a function or class; one that cannot be resolved is left out."""
    try:
        return typing.get_type_hints(obj, localns=namespace)
    except Exception:
        pass
    hints: dict[str, Any] = {}
    scope = {**getattr(obj, "__globals__", {}), **(namespace or {})}
    for key, ann in getattr(obj, "__annotations__", {}).items():
        try:
            hints[key] = eval(ann, scope) if isinstance(ann, str) else ann  # noqa: S307 - our own annotations
        except Exception:  # an annotation we cannot resolve only costs us its type
            continue
    return hints


def _function_info(name: str, func: Any, namespace: dict[str, Any]) -> FunctionInfo:
    """A package function described from its signature and resolved annotations."""
    from psopenapi_py.configuration import NOT_GIVEN

    hints = _hints(func, namespace)
    params = []
    for p in inspect.signature(func).parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        ann = hints.get(p.name, Any)
        ptype = type_of(ann) if ann is not Any else UNKNOWN
        switch = ann is bool and p.default is False
        args = _union_args(ann) or (ann,)
        # set_configuration's flags (bool | None | NotGiven) are switches in PowerShell: given bare, True.
        bare_is_true = ann is Any or (p.default is NOT_GIVEN and bool in args)
        empty = "{}" if any(a is dict or typing.get_origin(a) is dict for a in args) else None
        if empty is None and ptype.kind == Kind.LIST:
            empty = "[]"
        params.append(
            ParamInfo(
                py_name=p.name,
                norm=normalize(p.name),
                switch=switch,
                bare_is_true=bare_is_true,
                positional=p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD),
                empty=empty,
                type=ptype,
                takes_int=any(_takes_int(a) for a in args),
            )
        )
    return FunctionInfo(
        py_name=name,
        params=tuple(params),
        returns=hints.get("return", Any),
        is_api=any(p.py_name == "with_http_info" for p in params),
    )


def _takes_int(ann: Any) -> bool:
    """Whether a parameter annotated ``ann`` takes an int: ``int`` itself, or a oneOf with an integer member."""
    from psopenapi_py import _runtime as rt
    from psopenapi_py._runtime._oneof import OneOfModel

    if ann is int:
        return True
    return isinstance(ann, type) and issubclass(ann, OneOfModel) and any(isinstance(m, rt.Int) for m in ann.members)


def _members(cls: Any) -> dict[str, tuple[str, T]]:
    """The public members of a package class by normalised name, with their types where known."""
    from psopenapi_py._runtime import SPEC

    out: dict[str, tuple[str, T]] = {}
    if attrs.has(cls):
        hints = _hints(cls)
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            if SPEC in field.metadata:
                ftype = type_of_spec(field.metadata[SPEC])
            else:
                ftype = type_of(hints[field.name]) if field.name in hints else UNKNOWN
            out[normalize(field.name)] = (field.name, ftype)
    for name in dir(cls):
        if name.startswith("_") or normalize(name) in out:
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, (staticmethod, classmethod)) or inspect.isfunction(attr):
            continue
        out[normalize(name)] = (name, UNKNOWN)
    return out


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog, built once per process."""
    return Catalog()
