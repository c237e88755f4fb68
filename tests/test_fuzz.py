"""Fuzzed input for every ``initialize_*`` and ``convert_from_json_to_*`` the package exports.

The functions are found by introspection (``psopenapi_py.__all__``, each function's return type and
the models' field specs), so models added later are fuzzed without touching this file. For every
generated input the outcome is one of:

* success: the body validates against the model's schema in the shared spec, and JSON out, JSON in,
  JSON out again gives the same text;
* ``ApiValueError`` / ``ApiTypeError`` whose ``parameter`` names the argument (or JSON key) at fault.

Any other exception fails, and so does any network activity: the transport and ``socket.connect``
are counted for the whole run.

Explicit ``None`` is documented as "send JSON null" (docs/parity.md), even where the spec does not
declare null, so when an input contains ``None`` the null-valued properties are dropped before the
schema check. Response models parse leniently by design (unknown enum values, nulls and extra keys
are kept, see docs/parity.md), so for them "validates" is asserted when the input JSON validates.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import os
import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
import spec_validation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import psopenapi_py
from psopenapi_py import _runtime, _transport
from psopenapi_py._runtime import (
    MODELS,
    SPEC,
    UNSET,
    AnyJson,
    Arr,
    Bool,
    Int,
    Map,
    Model,
    Num,
    OneOfModel,
    Ref,
    Spec,
    Str,
)
from psopenapi_py.exceptions import ApiTypeError, ApiValueError

#: Generated enum models (str enums) where the runtime has them; () matches no class otherwise.
EnumModel: Any = getattr(_runtime, "EnumModel", ())
INITIALIZERS = sorted(n for n in psopenapi_py.__all__ if n.startswith("initialize_"))
CONVERTERS = sorted(n for n in psopenapi_py.__all__ if n.startswith("convert_from_json_to_"))
#: Examples per function; PSOPENAPI_FUZZ_EXAMPLES raises it for a longer local run.
EXAMPLES = int(os.environ.get("PSOPENAPI_FUZZ_EXAMPLES", "120"))
#: Nested models deeper than this get only arbitrary values (keeps examples small and finite).
MAX_DEPTH = 3
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

#: How many inputs each function was given (written to the reliability report when asked for).
TALLY: dict[str, dict[str, int]] = {}


# --------------------------------------------------------------------------------------------------
# What each exported function builds, and where its schema lives in the spec.


def model_of(function_name: str) -> type[Model] | type[OneOfModel]:
    """The model class a generated function returns (from its return annotation)."""
    function = getattr(psopenapi_py, function_name)
    annotation = inspect.signature(function).return_annotation
    name = annotation if isinstance(annotation, str) else annotation.__name__
    return MODELS[name]  # type: ignore[no-any-return]


def converter_for(cls: type[Any]) -> Callable[[str], Any]:
    """The exported convert_from_json_to_* that returns ``cls``."""
    matches = [n for n in CONVERTERS if model_of(n) is cls]
    assert len(matches) == 1, f"{cls.__name__}: expected one converter, found {matches}"
    return getattr(psopenapi_py, matches[0])  # type: ignore[no-any-return]


def spec_file_of(cls: type[Any]) -> str:
    """The spec file a generated model comes from (named on the first line of its module)."""
    return _spec_file_of_module(cls.__module__)


@functools.cache
def _spec_file_of_module(module: str) -> str:
    module_file = sys.modules[module].__file__
    assert module_file is not None
    first_line = Path(module_file).read_text(encoding="utf-8").splitlines()[0]
    found = re.search(r"from (\S+\.ya?ml)", first_line)
    assert found, f"{module}: no spec file named on its first line: {first_line!r}"
    return found.group(1)


def field_specs(cls: type[Any]) -> dict[str, Spec]:
    """Wire name to Spec for an object model (oneOf wrappers and enums have no fields)."""
    if not issubclass(cls, Model):
        return {}
    return {f.name: f.metadata[SPEC] for f in attrs.fields(cls) if SPEC in f.metadata}


def required_fields(cls: type[Any]) -> set[str]:
    if not issubclass(cls, Model):
        return set()
    return {f.name for f in attrs.fields(cls) if SPEC in f.metadata and getattr(f.validator, "required", False)}


def _deref(spec: dict[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
        pointer = node["$ref"][1:]
        node = spec
        for part in pointer.strip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def _find(spec: dict[str, Any], node: Any, pointer: str, step: str, key: str | None) -> tuple[Any, str] | None:
    """The subschema reached by ``properties/<key>``, ``items`` or ``additionalProperties`` from a node,
    looking through $ref and allOf/anyOf/oneOf wrappers."""
    node, pointer = _deref(spec, node, pointer)
    if not isinstance(node, dict):
        return None
    if step == "properties" and key in node.get("properties", {}):
        return node["properties"][key], f"{pointer}/properties/{key}"
    if step in ("items", "additionalProperties") and isinstance(node.get(step), dict):
        return node[step], f"{pointer}/{step}"
    for combinator in ("allOf", "anyOf", "oneOf"):
        for i, member in enumerate(node.get(combinator, [])):
            found = _find(spec, member, f"{pointer}/{combinator}/{i}", step, key)
            if found is not None:
                return found
    return None


@functools.cache
def schema_locations() -> dict[str, tuple[str, str]]:
    """Class name to (spec file, JSON pointer of the schema its JSON must satisfy), for every model.

    Component schemas are found by name; inline ones by walking from their parent's field.
    """
    exported = {model_of(n) for n in INITIALIZERS + CONVERTERS}
    located: dict[str, tuple[str, str]] = {}
    for cls in exported:
        spec_file = spec_file_of(cls)
        if cls.__name__ in spec_validation.schema_names(spec_file):
            located[cls.__name__] = (spec_file, f"/components/schemas/{cls.__name__}")
    changed = True
    while changed:
        changed = False
        for name, (spec_file, pointer) in list(located.items()):
            spec = spec_validation.load_spec(spec_file)
            node = _resolve(spec, pointer)
            cls = MODELS[name]
            children: list[tuple[str, Spec, Any, str]] = []
            if issubclass(cls, OneOfModel):
                children += [("", member, node, pointer) for member in cls.members]
            else:
                for field, field_spec in field_specs(cls).items():
                    found = _find(spec, node, pointer, "properties", field)
                    if found is not None:
                        children.append((field, field_spec, *found))
            for _field, child_spec, child_node, child_pointer in children:
                for ref_name, where in _refs(spec, child_spec, child_node, child_pointer):
                    if ref_name not in located:
                        located[ref_name] = (spec_file, where)
                        changed = True
    return located


def _resolve(spec: dict[str, Any], pointer: str) -> Any:
    node: Any = spec
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _refs(spec: dict[str, Any], field_spec: Spec, node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """The model names a field spec refers to, each with the pointer of the schema it must satisfy."""
    referred = getattr(field_spec, "name", None)  # Ref, and string specs standing for an enum model
    if isinstance(referred, str) and referred in MODELS:
        yield referred, pointer
    elif isinstance(field_spec, (Arr, Map)):
        step = "items" if isinstance(field_spec, Arr) else "additionalProperties"
        inner = field_spec.items if isinstance(field_spec, Arr) else field_spec.values
        found = _find(spec, node, pointer, step, None)
        if found is not None:
            yield from _refs(spec, inner, *found)


def problems(body: Any, cls: type[Any]) -> list[str]:
    """Every way ``body`` breaks the schema of ``cls`` (empty when it matches)."""
    located = schema_locations().get(cls.__name__)
    assert located is not None, f"{cls.__name__}: no schema found for it in {spec_file_of(cls)}"
    spec_file, pointer = located
    return [f"{pointer}: {p}" for p in _validator(spec_file, pointer)(body)]


@functools.cache
def _validator(spec_file: str, pointer: str) -> Callable[[Any], list[str]]:
    # spec_validation builds one relaxed registry per spec file; validate at any pointer inside it.
    uri, registry, validator_cls = spec_validation._registry(spec_file)
    validator = validator_cls({"$ref": f"{uri}#{pointer}"}, registry=registry)

    def check(body: Any) -> list[str]:
        wire = json.loads(json.dumps(body, allow_nan=False))
        return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(wire)]

    return check


def without_nulls(value: Any) -> Any:
    """The JSON value with every null-valued object property dropped."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def is_lenient(cls: type[Any]) -> bool:
    """Whether a model is a response model (or a oneOf of them), built leniently by design."""
    if issubclass(cls, OneOfModel):
        return any(isinstance(m, Ref) and is_lenient(m.cls) for m in cls.members)
    return issubclass(cls, Model) and cls._lenient


NOT_JSON = object()


def jsonable(value: Any) -> Any:
    """The JSON form of arguments (models as dicts, UNSET left out), or NOT_JSON when they have none."""
    if isinstance(value, (Model, OneOfModel)) or isinstance(value, EnumModel or ()):
        return value.to_dict()
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if item is UNSET:
                continue
            converted = jsonable(item)
            if not isinstance(key, str) or converted is NOT_JSON:
                return NOT_JSON
            out[key] = converted
        return out
    if isinstance(value, (list, tuple)):
        items = [jsonable(v) for v in value]
        return NOT_JSON if any(i is NOT_JSON for i in items) else items
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return NOT_JSON


def as_read(cls: type[Any], value: Any) -> Any:
    """JSON as the models read it: PowerShell's rule makes a single value given for an array a one-item list.

    (The 2024 response schema declares ``modalities`` without ``type: array``, so ``""`` is valid by its
    letter; read as ``[""]`` it is not. The property checked is about what parsing adds, not this rule.)
    """
    if not (issubclass(cls, Model) and isinstance(value, dict)):
        return value
    specs = field_specs(cls)
    return {k: _as_read_value(specs[k], v) if k in specs else v for k, v in value.items()}


def _as_read_value(spec: Spec, value: Any) -> Any:
    if value is None:
        return value
    if isinstance(spec, Arr):
        return [_as_read_value(spec.items, v) for v in (value if isinstance(value, list) else [value])]
    if isinstance(spec, Ref):
        return as_read(spec.cls, value)
    return value


def contains_none(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (Model, OneOfModel)):
        return contains_none(value.to_dict())
    if isinstance(value, dict):
        return any(contains_none(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_none(v) for v in value)
    return False


# --------------------------------------------------------------------------------------------------
# Strategies, from the field specs.

# Lone surrogates included: Python strings may hold them, UTF-8 cannot.
TEXT = st.text(max_size=12) | st.sampled_from(["", " ", "\ud800", "inf", "null", "0"])
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)


class Opaque:
    """An object no JSON field can take."""

    def __repr__(self) -> str:
        return "Opaque()"


ARBITRARY = (
    JSON_VALUES
    | st.just(UNSET)
    | st.floats()
    | st.binary(max_size=6)
    | st.tuples(JSON_SCALARS)
    | st.frozensets(st.integers(), max_size=2)
    | st.complex_numbers(max_magnitude=10)
    | st.just(Opaque())
    | st.dictionaries(st.integers(), JSON_SCALARS, min_size=1, max_size=2)
)
ARBITRARY_JSON = JSON_VALUES | st.floats()  # NaN and Infinity: json.dumps writes them, strict parsers refuse


def plausible(spec: Spec, depth: int, json_only: bool, clean: bool = False) -> st.SearchStrategy[Any]:
    """Values close to what the spec allows: its enums (in other spellings too), numbers, nested models.

    ``clean`` keeps to values the spec allows as far as the field spec tells (enum members, finite
    numbers, no unknown keys), so that the success path is reached for large models too.
    """
    if isinstance(spec, Str):
        options = [] if clean and (spec.enum or spec.pattern) else [TEXT]
        if spec.enum:
            # Other spellings are accepted by the builders, but not where a oneOf tells members apart.
            options.insert(0, st.sampled_from(spec.enum if clean else spec.enum + tuple(e.upper() for e in spec.enum)))
        if spec.pattern:
            options.append(st.from_regex(spec.pattern))
        return st.one_of(options)
    if isinstance(spec, Int):
        return st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
    if isinstance(spec, Num):
        return st.floats(allow_nan=not clean, allow_infinity=not clean) | st.integers()
    if isinstance(spec, Bool):
        return st.booleans()
    if isinstance(spec, AnyJson):
        return st.dictionaries(TEXT, JSON_VALUES, max_size=3) if spec.object_only else JSON_VALUES
    if isinstance(spec, Arr):
        inner = value_for(spec.items, depth, json_only, clean)
        return st.lists(inner, max_size=3) | inner
    if isinstance(spec, Map):
        return st.dictionaries(TEXT, value_for(spec.values, depth, json_only, clean), max_size=3)
    if isinstance(spec, Ref):
        return model_values(spec.cls, depth + 1, json_only, clean)
    return ARBITRARY_JSON if json_only else ARBITRARY


def value_for(spec: Spec, depth: int, json_only: bool, clean: bool = False) -> st.SearchStrategy[Any]:
    """Mostly plausible values for a field, sometimes anything at all (never, when ``clean``)."""
    anything = ARBITRARY_JSON if json_only else ARBITRARY
    if depth > MAX_DEPTH:
        return st.none() if clean else anything
    near = plausible(spec, depth, json_only, clean)
    return near if clean else st.one_of(near, near, near, anything)


def model_values(cls: type[Any], depth: int, json_only: bool, clean: bool = False) -> st.SearchStrategy[Any]:
    """A dict for the model (its fields, maybe an unknown key), or the model built from one."""
    if issubclass(cls, EnumModel):
        names = [str(m.value) for m in cls]
        values = st.sampled_from(names) if clean else st.sampled_from(names + [n.upper() for n in names]) | TEXT
        members: list[Any] = list(cast(Any, cls))
        return values if json_only else values | st.sampled_from(members)
    if issubclass(cls, OneOfModel):
        values = st.one_of([plausible(m, depth, json_only, clean) for m in cls.members])
        return values if json_only else values | values.map(lambda v: _build_or_keep(cls, v))
    specs = field_specs(cls)
    required = required_fields(cls)
    dicts = st.fixed_dictionaries(
        {k: value_for(s, depth, json_only, clean) for k, s in specs.items() if k in required},
        optional={k: value_for(s, depth, json_only, clean) for k, s in specs.items() if k not in required},
    )
    if not clean:
        dicts = dicts | st.tuples(dicts, TEXT, JSON_SCALARS).map(lambda t: {**t[0], t[1]: t[2]})
    return dicts if json_only else dicts | dicts.map(lambda d: _build_or_keep(cls, d))


def _build_or_keep(cls: type[Any], data: Any) -> Any:
    try:
        return cls(data) if issubclass(cls, OneOfModel) else cls.from_dict(data)
    except (ApiTypeError, ApiValueError):
        return data


def initializer_kwargs(function_name: str) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for an initialize_* function: each parameter given or left out."""
    cls = model_of(function_name)
    parameters = inspect.signature(getattr(psopenapi_py, function_name)).parameters
    specs = field_specs(cls)
    # Leaving out a parameter without a default is a Python call error, not input to check.
    required = {n for n, p in parameters.items() if p.default is inspect.Parameter.empty}

    def kwargs(clean: bool) -> st.SearchStrategy[dict[str, Any]]:
        strategies: dict[str, st.SearchStrategy[Any]] = {}
        for name in parameters:
            if issubclass(cls, (OneOfModel, EnumModel)):
                strategies[name] = model_values(cls, 1, False, clean)
            elif name in specs:
                strategies[name] = value_for(specs[name], 1, False, clean)
            else:
                strategies[name] = ARBITRARY
            if issubclass(cls, (OneOfModel, EnumModel)) and not clean:
                strategies[name] = strategies[name] | ARBITRARY
        needed = required | (required_fields(cls) if clean else set())
        return st.fixed_dictionaries(
            {n: s for n, s in strategies.items() if n in needed},
            optional={n: s for n, s in strategies.items() if n not in needed},
        )

    # Half the examples keep to what the field specs allow, so large models reach the success path too.
    return kwargs(False) | kwargs(True)


def json_texts(cls: type[Any]) -> st.SearchStrategy[str | bytes]:
    """JSON text for a converter: the model's shape, any JSON, cut-off JSON, any text and any bytes."""
    shaped = model_values(cls, 1, True).map(json.dumps) | model_values(cls, 1, True, clean=True).map(json.dumps)
    anything = ARBITRARY_JSON.map(json.dumps)
    cut = shaped.flatmap(lambda t: st.integers(0, max(len(t) - 1, 0)).map(lambda i: t[:i]))
    return st.one_of(shaped, shaped, shaped, anything, cut, st.text(max_size=20), st.binary(max_size=20))


# --------------------------------------------------------------------------------------------------
# The network must stay silent.


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Count every transport call and socket connect made inside the block (the list of what was tried)."""
    tried: list[str] = []
    real_request = _transport.request
    real_connect = socket.socket.connect

    def counting_request(*args: Any, **kwargs: Any) -> Any:
        tried.append("transport.request")
        return real_request(*args, **kwargs)

    def counting_connect(self: socket.socket, address: Any) -> Any:
        tried.append(f"connect {address!r}")
        return real_connect(self, address)

    _transport.request = counting_request
    setattr(socket.socket, "connect", counting_connect)  # noqa: B010 - typeshed's signature is narrower
    try:
        yield tried
    finally:
        _transport.request = real_request
        setattr(socket.socket, "connect", real_connect)  # noqa: B010


# --------------------------------------------------------------------------------------------------
# The checks.


def parameter_root(parameter: str) -> str:
    """The argument or key a parameter path starts with: ``tools[1].name`` -> ``tools``."""
    return re.split(r"[.\[ ]", parameter, maxsplit=1)[0]


def check_round_trip(result: Any, cls: type[Any]) -> None:
    """JSON out and back in keeps every value (parsing may only add schema defaults), and is then stable."""
    text = result.to_json()
    again = converter_for(cls)(text)
    assert type(again) is cls
    assert_kept(json.loads(text), json.loads(again.to_json()))
    third = converter_for(cls)(again.to_json())
    assert third == again
    assert third.to_json() == again.to_json()


def assert_kept(original: Any, parsed: Any, where: str = "<root>") -> None:
    """Every value of ``original`` is in ``parsed`` unchanged; ``parsed`` may have more object keys."""
    if isinstance(original, dict):
        assert isinstance(parsed, dict), where
        for key, value in original.items():
            assert key in parsed, f"{where}.{key} lost"
            assert_kept(value, parsed[key], f"{where}.{key}")
    elif isinstance(original, list):
        assert isinstance(parsed, list) and len(parsed) == len(original), where
        for i, (a, b) in enumerate(zip(original, parsed, strict=True)):
            assert_kept(a, b, f"{where}[{i}]")
    elif isinstance(original, float) and math.isnan(original):
        # Only a lenient response model keeps NaN (from non-standard JSON text, as given).
        assert isinstance(parsed, float) and math.isnan(parsed), f"{where}: NaN became {parsed!r}"
    else:
        assert type(parsed) is type(original) and parsed == original, f"{where}: {original!r} became {parsed!r}"


def check_error(exc: BaseException, allowed_roots: set[str]) -> None:
    assert type(exc) in (ApiValueError, ApiTypeError) or isinstance(exc, (ApiValueError, ApiTypeError)), (
        f"{type(exc).__name__}: {exc}"
    )
    parameter = getattr(exc, "parameter", None)
    # An unknown JSON key "" is named as "": the root check below still requires it to be a real key.
    assert isinstance(parameter, str), f"no parameter named: {exc!r}"
    named = parameter in allowed_roots or parameter_root(parameter) in allowed_roots
    assert named, f"parameter {parameter!r} not one of {sorted(allowed_roots)}"
    assert str(exc)


def tally(function_name: str, outcome: str) -> None:
    counts = TALLY.setdefault(function_name, {"examples": 0, "succeeded": 0, "rejected": 0})
    counts["examples"] += 1
    counts[outcome] += 1


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    """Write the example counts to $PSOPENAPI_RELIABILITY_REPORT (one JSON line) when it is set."""
    yield
    path = os.environ.get("PSOPENAPI_RELIABILITY_REPORT")
    if path and TALLY:
        with open(path, "a", encoding="utf-8") as report:
            report.write(json.dumps({"fuzz": TALLY}) + "\n")


def test_every_exported_builder_and_converter_is_fuzzed() -> None:
    """Each initialize_* has a converter for the same model and a schema to check it against."""
    assert INITIALIZERS and CONVERTERS
    assert {model_of(n) for n in INITIALIZERS} == {model_of(n) for n in CONVERTERS}
    located = schema_locations()
    assert sorted(model_of(n).__name__ for n in INITIALIZERS if model_of(n).__name__ not in located) == []


@pytest.mark.parametrize("function_name", INITIALIZERS)
def test_initialize_either_builds_a_valid_body_or_names_the_bad_parameter(function_name: str) -> None:
    """Arbitrary arguments: a spec-valid body that round-trips, or ApiValueError/ApiTypeError naming one."""
    cls = model_of(function_name)
    function = getattr(psopenapi_py, function_name)
    roots = set(inspect.signature(function).parameters) | {cls.__name__}
    lenient = is_lenient(cls)

    @FUZZ_SETTINGS
    @given(kwargs=initializer_kwargs(function_name))
    def run(kwargs: dict[str, Any]) -> None:
        with no_network() as tried:
            try:
                result = function(**kwargs)
            except (ApiValueError, ApiTypeError) as exc:
                check_error(exc, roots)
                tally(function_name, "rejected")
                return
            assert type(result) is cls
            body = result.to_dict()
            if not lenient:
                found = problems(without_nulls(body) if contains_none(kwargs) else body, cls)
                assert found == [], found
            else:
                given_json = jsonable(kwargs)
                if given_json is not NOT_JSON and problems(as_read(cls, given_json), cls) == []:
                    assert problems(body, cls) == []
            check_round_trip(result, cls)
            tally(function_name, "succeeded")
        assert tried == []

    run()


@pytest.mark.parametrize("function_name", CONVERTERS)
def test_convert_from_json_either_parses_a_valid_body_or_names_the_bad_key(function_name: str) -> None:
    """Arbitrary JSON text: a model that round-trips (spec-valid where the input is), or a named error."""
    cls = model_of(function_name)
    function = getattr(psopenapi_py, function_name)
    lenient = is_lenient(cls)

    @FUZZ_SETTINGS
    @given(text=json_texts(cls))
    @example(text="[" * 100_000 + "]" * 100_000)
    @example(text='{"a":' * 50_000 + "1" + "}" * 50_000)
    @example(text=json.dumps({"x": json.loads("[" * 950 + "]" * 950)}))
    @example(text=b"\xff\xfe{")
    @example(text='"\\ud800"')
    def run(text: str | bytes) -> None:
        try:
            parsed: Any = json.loads(text)
        except (ValueError, RecursionError):
            parsed = UNSET
        keys = set(parsed) if isinstance(parsed, dict) else set()
        roots = set(field_specs(cls)) | {cls.__name__, "json_text"} | keys
        with no_network() as tried:
            try:
                result = function(text)
            except (ApiValueError, ApiTypeError) as exc:
                check_error(exc, roots)
                tally(function_name, "rejected")
                return
            assert type(result) is cls
            body = result.to_dict()
            if not lenient:
                found = problems(without_nulls(body) if contains_none(parsed) else body, cls)
                assert found == [], found
            elif parsed is not UNSET and _finite(parsed) and problems(as_read(cls, parsed), cls) == []:
                assert problems(body, cls) == []
            check_round_trip(result, cls)
            tally(function_name, "succeeded")
        assert tried == []

    run()


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


# --------------------------------------------------------------------------------------------------
# The mock server, fuzzed with arbitrary methods, paths, headers and bodies over raw sockets.

SESSIONS_PATH = "/v1/realtime/sessions"
#: Requests per mock-server run; PSOPENAPI_FUZZ_EXAMPLES scales it too.
MOCK_EXAMPLES = max(EXAMPLES * 2, 50)
_TOKEN_CHARS = st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=":")
_HEADER_VALUE = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


def mostly(usual: st.SearchStrategy[Any], unusual: st.SearchStrategy[Any], percent: int = 80) -> st.SearchStrategy[Any]:
    """``usual`` in ``percent`` out of 100 draws, else ``unusual``."""
    return st.integers(0, 99).flatmap(lambda n: usual if n < percent else unusual)


@st.composite
def raw_requests(draw: st.DrawFn) -> tuple[str, bytes]:
    """(method, raw request bytes): arbitrary methods, paths, headers, framing and bodies."""
    # Mostly a plausible request with one thing wrong, so that the deep checks are reached too.
    method = draw(mostly(st.just("POST"), st.sampled_from(["GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"])))
    method = draw(mostly(st.just(method), st.text(_TOKEN_CHARS, min_size=1, max_size=8), percent=95))
    odd_paths = [SESSIONS_PATH + "/", SESSIONS_PATH + "?api_key=sk-x", "/", "/v1", "/v1/realtime/sessions/../x", "/%00"]
    path = draw(
        mostly(
            st.just(SESSIONS_PATH),
            st.sampled_from([*odd_paths, "*", "/" + "a" * 70_000])
            | st.text(_TOKEN_CHARS, min_size=1, max_size=30).map(lambda p: "/" + p),
        )
    )
    shaped = model_values(MODELS["RealtimeSessionCreateRequest"], 1, True).map(lambda d: json.dumps(d).encode())
    body = draw(
        mostly(
            shaped | st.just(json.dumps({"model": "gpt-4o-realtime-preview"}).encode()),
            ARBITRARY_JSON.map(lambda v: json.dumps(v).encode())
            | st.binary(max_size=64)
            | st.sampled_from([b"[" * 50_000 + b"]" * 50_000, b"", b'{"model": "gpt-4o-realtime-preview"']),
        )
    )
    headers: list[tuple[str, str]] = [("Host", "127.0.0.1")]
    content_type = draw(
        mostly(
            st.just("application/json"),
            st.sampled_from(["application/json; charset=utf-8", "text/plain", None]) | _HEADER_VALUE,
        )
    )
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    authorization = draw(
        mostly(
            st.just("Bearer sk-fuzz"),
            st.sampled_from(["bearer sk-fuzz", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", None]) | _HEADER_VALUE,
        )
    )
    if authorization is not None:
        headers.append(("Authorization", authorization))
    framing = draw(
        mostly(st.just("exact"), st.sampled_from(["none", "short", "long", "negative", "garbage", "chunked", "huge"]))
    )
    lengths = {
        "exact": str(len(body)),
        "short": str(max(len(body) - 1, 0)),
        "long": str(len(body) + 10),
        "negative": "-1",
        "garbage": "ten",
        "huge": str(10**12),
    }
    if framing in lengths:
        headers.append(("Content-Length", lengths[framing]))
    elif framing == "chunked":
        headers.append(("Transfer-Encoding", "chunked"))
    extra = draw(st.lists(st.tuples(st.text(_TOKEN_CHARS, min_size=1, max_size=12), _HEADER_VALUE), max_size=3))
    headers += extra
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return method, head.encode("latin-1") + body


def exchange(port: int, method: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, half-close, and parse the first answer: (status, headers, body)."""
    import http.client

    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        try:
            conn.sendall(raw)
            conn.shutdown(socket.SHUT_WR)  # a body shorter than its Content-Length ends here
        except OSError:
            pass  # the server may answer (and close) before reading everything, e.g. a 413
        response = http.client.HTTPResponse(conn, method=method if method == "HEAD" else "POST")
        response.begin()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def check_well_formed(method: str, status: int, headers: dict[str, str], body: bytes) -> None:
    """A JSON answer with Content-Length and x-request-id; errors in OpenAI's shape, successes a session."""
    assert 200 <= status <= 599
    assert headers["content-type"] == "application/json"
    assert re.fullmatch(r"req_[0-9a-f]{32}", headers["x-request-id"])
    if method == "HEAD":
        assert body == b""
        return
    assert int(headers["content-length"]) == len(body)
    payload = json.loads(body)
    if status == 200:
        assert payload["object"] == "realtime.session"
        assert payload["client_secret"]["value"].startswith("ek_")
        assert problems(payload, MODELS["RealtimeSessionCreateResponse"]) == []
    else:
        assert set(payload) == {"error"}
        assert set(payload["error"]) == {"message", "type", "param", "code"}
        assert isinstance(payload["error"]["message"], str) and payload["error"]["message"]
        assert "sk-fuzz" not in body.decode("utf-8", errors="replace")


def test_mock_server_answers_every_fuzzed_request_well_formed_and_keeps_serving(tmp_path: Path) -> None:
    """Arbitrary methods, paths, headers, framing and bodies: each gets a well-formed JSON answer (and a
    line in the record file), and a plain valid request still succeeds afterwards."""
    from psopenapi_py.mock_server import MockServer

    statuses: dict[int, int] = {}
    record = tmp_path / "requests.jsonl"
    # A history longer than the run, so that every answered request can be matched to its record line.
    with MockServer(record=record, history=100_000) as server:

        @settings(FUZZ_SETTINGS, max_examples=MOCK_EXAMPLES)
        @given(request=raw_requests())
        def run(request: tuple[str, bytes]) -> None:
            method, raw = request
            status, headers, body = exchange(server.port, method, raw)
            check_well_formed(method, status, headers, body)
            statuses[status] = statuses.get(status, 0) + 1
            tally("mock_server", "succeeded" if status == 200 else "rejected")

        run()
        valid = (
            f"POST {SESSIONS_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-fuzz\r\n"
            "Content-Type: application/json\r\nContent-Length: 35\r\n\r\n"
            '{"model":"gpt-4o-realtime-preview"}'
        ).encode()
        status, headers, body = exchange(server.port, "POST", valid)
        check_well_formed("POST", status, headers, body)
        assert status == 200
        answered = len(server.requests)
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and friends, which are no line ends here.
    lines = record.read_text(encoding="utf-8").rstrip("\n").split("\n")
    # Requests http.server refuses before a handler runs (bad request line, unknown method) are not recorded.
    assert len(lines) == answered >= statuses.get(200, 0) + 1
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert "sk-fuzz" not in record.read_text(encoding="utf-8")
    TALLY["mock_server"]["statuses"] = len(statuses)
    assert len(statuses) >= 5, f"the fuzzer reached too few kinds of answer: {sorted(statuses.items())}"


def test_a_response_dict_with_a_non_string_key_is_kept_and_printed() -> None:
    """A response model built from a Python dict with a key 0 keeps it, and repr() works (it crashed)."""
    from psopenapi_py import RealtimeSessionCreateResponse

    session = RealtimeSessionCreateResponse.from_dict({"client_secret": {"value": "ek_x", "expires_at": 1}, 0: None})
    assert cast(Any, session.additional_properties) == {0: None}
    assert repr(session) == (
        "RealtimeSessionCreateResponse(client_secret=RealtimeSessionCreateResponseClientSecret(value=<redacted>, "
        "expires_at=1), additional_properties={0: None})"
    )
