"""Test helper: check a JSON body against a component schema of one of the shared OpenAPI spec files.

    validate(body, "RealtimeSessionCreateRequest", "realtime-sessions.openapi.yaml")

raises :class:`SpecValidationError` (an AssertionError, so pytest shows it as a failed check) listing
every place where the body breaks the schema. The spec files are read from the project's facts-only
copy in ``spec/`` (written by tools/generate_models.py from ``../shared/spec``), so a clone without
``../shared`` can run them. OpenAPI 3.0 files are checked as JSON Schema draft 4 (what 3.0's schema object extends, with
its boolean ``exclusiveMinimum``), 3.1 files as draft 2020-12; ``#/components/schemas/...`` references
resolve through a ``referencing`` registry holding the whole spec document.

The copy checked against is relaxed in a few documented places (see ``_relax``); the files on disk
are never changed.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012
from shared_files import shared_path

#: The project's facts-only copy of the spec (tools/generate_models.py writes it from ../shared/spec).
SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"

SESSIONS_SPEC = "realtime-sessions.openapi.yaml"
REALTIME_API_SPEC = "realtime-api.openapi.yaml"

#: Properties ("Schema.property", nested inline ones as "Schema.outer.inner") that accept JSON null
#: although the spec file cannot say so.
#: The 2024 spec (OpenAPI 3.0) documents null as "off" for these two in its prose ("can be set to
#: `null` to turn off") but declares them only as `type: object`, and it has no `nullable: true`
#: on them. The port sends null for `turn_detection=None` / `input_audio_transcription=None` on
#: purpose, so the test copy makes exactly these nullable, in the request and in the response
#: (OpenAI's own response example returns `"turn_detection": null`).
NULLABLE_PROPERTIES: dict[str, frozenset[str]] = {
    SESSIONS_SPEC: frozenset(
        {
            "RealtimeSessionCreateRequest.turn_detection",
            "RealtimeSessionCreateRequest.input_audio_transcription",
            "RealtimeSessionCreateResponse.turn_detection",
            "RealtimeSessionCreateResponse.input_audio_transcription",
        }
    ),
}


class SpecValidationError(AssertionError):
    """Raised when a body does not match its schema; ``errors`` holds one line per problem."""

    def __init__(self, schema_name: str, spec_file: str, errors: list[str]):
        self.schema_name = schema_name
        self.spec_file = spec_file
        self.errors = errors
        super().__init__(f"body does not match {schema_name} of {spec_file}:\n  " + "\n  ".join(errors))


@functools.cache
def load_spec(spec_file: str) -> dict[str, Any]:
    """The spec file as parsed YAML (read once; treat the result as read-only)."""
    return yaml.safe_load((SPEC_DIR / spec_file).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@functools.cache
def _shared_spec_text(spec_file: str) -> str:
    return shared_path(f"spec/{spec_file}").read_text(encoding="utf-8")


def shared_spec(spec_file: str) -> dict[str, Any]:
    """OpenAI's spec file itself, from ../shared/spec, for the examples it holds (the copy in spec/ has
    none); skips the calling test where ../shared is absent."""
    return yaml.safe_load(_shared_spec_text(spec_file))  # type: ignore[no-any-return]


def schema_names(spec_file: str) -> list[str]:
    """The component schema names of a spec file, in file order."""
    return list(load_spec(spec_file)["components"]["schemas"])


def _allows_null(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    return types == "null" or (isinstance(types, list) and "null" in types)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema, also accepting null (wrapping keeps $ref, oneOf and enum members intact)."""
    if _allows_null(schema):
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _relax_node(node: Any) -> Any:
    """Apply the file-independent relaxations below to every schema in a subtree."""
    if isinstance(node, list):
        return [_relax_node(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _relax_node(value) for key, value in node.items()}
    # `nullable: true` is OpenAPI 3.0's way of saying "or null"; JSON Schema validators ignore it,
    # and OpenAI's 3.1 file still uses it in places (`tracing`), so honour it in both versions.
    if out.pop("nullable", False) is True:
        return _nullable(out)
    # A schema whose own default is null documents null as a valid value (the GA file's
    # `noise_reduction` and `tracing`: "set to null to turn off"), even where its type says object.
    if "default" in out and out["default"] is None and ("type" in out or "oneOf" in out or "anyOf" in out):
        return _nullable(out)
    return out


def _relax(spec_file: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A relaxed deep copy of the spec: nullable keywords honoured, the listed properties made nullable."""
    relaxed = copy.deepcopy(spec)
    schemas = relaxed["components"]["schemas"]
    for where in sorted(NULLABLE_PROPERTIES.get(spec_file, ())):
        name, *props = where.split(".")
        node = schemas[name]
        for prop in props[:-1]:
            node = node["properties"][prop]
        node["properties"][props[-1]] = _nullable(node["properties"][props[-1]])
    relaxed["components"]["schemas"] = _relax_node(schemas)
    return relaxed


@functools.cache
def _registry(spec_file: str) -> tuple[str, Registry[Any], type[jsonschema.protocols.Validator]]:
    spec = load_spec(spec_file)
    version = str(spec.get("openapi", ""))
    if version.startswith("3.0"):
        specification, validator_cls = DRAFT4, jsonschema.Draft4Validator
    elif version.startswith("3.1"):
        specification, validator_cls = DRAFT202012, jsonschema.Draft202012Validator
    else:
        raise ValueError(f"{spec_file}: unsupported OpenAPI version {version!r}; expected 3.0.x or 3.1.x")
    uri = f"urn:psopenapi-test:{spec_file}"
    resource: Resource[Any] = specification.create_resource(_relax(spec_file, spec))
    return uri, Registry().with_resource(uri, resource), validator_cls


@functools.cache
def validator_for(schema_name: str, spec_file: str = SESSIONS_SPEC) -> jsonschema.protocols.Validator:
    """A (cached) JSON-Schema validator for one component schema of a spec file."""
    if schema_name not in load_spec(spec_file)["components"]["schemas"]:
        raise KeyError(
            f"{spec_file} has no component schema {schema_name!r}; it has: {', '.join(schema_names(spec_file))}"
        )
    uri, registry, validator_cls = _registry(spec_file)
    return validator_cls({"$ref": f"{uri}#/components/schemas/{schema_name}"}, registry=registry)


def problems(body: Any, schema_name: str, spec_file: str = SESSIONS_SPEC) -> list[str]:
    """Every way the body breaks the schema, as 'path: message' lines (empty when it matches)."""
    if hasattr(body, "to_dict"):
        body = body.to_dict()
    # Check what would go over the wire: tuples become lists, and a non-JSON value fails here.
    wire = json.loads(json.dumps(body, allow_nan=False))
    errors = sorted(
        validator_for(schema_name, spec_file).iter_errors(wire), key=lambda e: list(map(str, e.absolute_path))
    )
    return [_describe(e) for e in errors]


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(map(str, error.absolute_path)) or "<root>"
    if not error.context:
        return f"{where}: {error.message}"
    # A oneOf/anyOf failure repeats the whole value; the deepest sub-error says what is wrong with it.
    closest = jsonschema.exceptions.best_match(error.context)
    return f"{where}: matches none of the {error.validator} members; closest: {_describe(closest)}"


def validate(body: Any, schema_name: str, spec_file: str = SESSIONS_SPEC) -> None:
    """Raise SpecValidationError unless the body (a dict, a model, any JSON value) matches the schema."""
    errors = problems(body, schema_name, spec_file)
    if errors:
        raise SpecValidationError(schema_name, spec_file, errors)
