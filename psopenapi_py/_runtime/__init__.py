"""The one runtime behind every generated model: checks, three-state fields, JSON in and out.

Generated modules declare attrs classes whose fields carry a :class:`Spec` under the metadata key
:data:`SPEC`; everything a model does is driven from there. A field has three states:
``UNSET`` (left out, not sent), ``None`` (sent as JSON ``null``: "explicitly off") or a value.

The parts, each importing only those above it:

- ``_mode``: the parse mode (strict for requests, lenient for responses) and the path of the nested
  value being built, set by one context manager, :class:`parse_mode`;
- ``_errors``: the wording of the input errors;
- ``_json``: ``UNSET``, plain JSON values (depth, encodability, parsing, redacted reprs);
- ``_specs``: what one JSON value may be (``Str``, ``Int``, ``Arr``, ...);
- ``_fields``: the attrs converter and validator of a model field;
- ``_models``: object models, enum models and the ``MODELS`` registry;
- ``_oneof``: oneOf/anyOf wrappers and ``Ref`` (a field holding a model or wrapper).
"""

from __future__ import annotations

from ._fields import SECRET, SPEC, wire_field
from ._json import (
    MAX_JSON_DEPTH,
    REDACTED,
    UNSET,
    Unset,
    check_json_depth,
    from_json_text,
    json_too_deep,
)
from ._mode import parse_mode
from ._models import MODELS, EnumModel, JsonModel, Model, _to_json_value, build, model, parse, revalidate
from ._oneof import OneOfModel, Ref
from ._specs import AnyJson, Arr, Bool, EnumRef, Int, Map, Num, Spec, Str, check_value

__all__ = [
    "MAX_JSON_DEPTH",
    "MODELS",
    "REDACTED",
    "SECRET",
    "SPEC",
    "UNSET",
    "AnyJson",
    "Arr",
    "Bool",
    "EnumModel",
    "EnumRef",
    "Int",
    "JsonModel",
    "Map",
    "Model",
    "Num",
    "OneOfModel",
    "Ref",
    "Spec",
    "Str",
    "Unset",
    "_to_json_value",
    "build",
    "check_json_depth",
    "check_value",
    "from_json_text",
    "json_too_deep",
    "model",
    "parse",
    "parse_mode",
    "revalidate",
    "wire_field",
]
