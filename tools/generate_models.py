"""Generate psopenapi_py's model modules and model doc pages from OpenAI's OpenAPI spec files.

Usage: python tools/generate_models.py [--spec-dir ../shared/spec] [--out .]

Reads each configured spec (``SPECS``), names every model as OpenAPI Generator's PowerShell
generator does (schema title, else ``<Parent><Property>``, array items ``...Inner``; plus the explicit
names the module took from elsewhere in OpenAI's full spec), and writes:

- ``psopenapi_py/models/<module>.py``: declarative attrs classes whose fields carry a runtime Spec,
  plus ``initialize_*`` / ``convert_from_json_to_*`` functions with explicit signatures;
- ``psopenapi_py/models/__init__.py``: the flat export list;
- ``docs/<Model>.md``: the Properties table and a runnable example, around our own words
  (``tools/model_docs.py``).

Only facts are carried over from the spec (names, types, enums, ranges, defaults); OpenAI's
description prose is not.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_docs import FIELD_WORDS, MODEL_WORDS  # noqa: E402

GENERATOR = "tools/generate_models.py"


@dataclass
class SpecConfig:
    """How to generate one spec file."""

    source: str
    module: str
    operation_path: str
    #: JSON location ("Parent.prop", "Parent.prop[]") -> model name the PowerShell module uses.
    names: dict[str, str] = field(default_factory=dict)
    #: Model fields that hold secrets ("Model.field").
    secrets: set[str] = field(default_factory=set)
    #: Model fields that accept JSON null although the schema does not say so ("Model.field").
    nullable: set[str] = field(default_factory=set)
    #: Defaults of oneOf wrappers that the schema states only in prose.
    wrapper_defaults: dict[str, Any] = field(default_factory=dict)
    #: Component schema name -> model name, where the module named a component differently.
    component_names: dict[str, str] = field(default_factory=dict)


SPECS = [
    SpecConfig(
        source="realtime-sessions.openapi.yaml",
        module="realtime_sessions",
        operation_path="/realtime/sessions",
        names={
            "RealtimeSessionCreateRequest.input_audio_transcription": "RealtimeSessionInputAudioTranscription",
            "RealtimeSessionCreateRequest.tools[]": "RealtimeResponseCreateParamsToolsInner",
            "RealtimeSessionCreateRequest.max_response_output_tokens": "RealtimeResponseCreateParamsMaxResponseOutputTokens",
            "RealtimeSessionCreateResponse.input_audio_transcription": "RealtimeSessionInputAudioTranscription",
            "RealtimeSessionCreateResponse.tools[]": "RealtimeResponseCreateParamsToolsInner",
            "RealtimeSessionCreateResponse.max_response_output_tokens": "RealtimeResponseCreateParamsMaxResponseOutputTokens",
        },
        secrets={"RealtimeSessionCreateResponseClientSecret.value"},
        # The API documents null as "turn this off" for these two; the 2024 schema cannot say it.
        nullable={
            "RealtimeSessionCreateRequest.turn_detection",
            "RealtimeSessionCreateRequest.input_audio_transcription",
            "RealtimeSessionCreateResponse.turn_detection",
            "RealtimeSessionCreateResponse.input_audio_transcription",
        },
        wrapper_defaults={"RealtimeResponseCreateParamsMaxResponseOutputTokens": "inf"},
    ),
]


# --------------------------------------------------------------------------------------------------
# Names


def camelize(text: str) -> str:
    """OpenAPI Generator's camelize: split on non-alphanumerics and underscores, capitalise each part."""
    parts = re.split(r"[^0-9A-Za-z]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def snake_case(name: str) -> str:
    """PowerShell-module snake case, keeping runs of capitals together (MCPTool -> mcp_tool)."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def py_name(wire: str) -> str:
    if keyword.iskeyword(wire) or not wire.isidentifier():
        raise SystemExit(f"wire name {wire!r} is not a Python identifier; add a mapping to the generator")
    return wire


# --------------------------------------------------------------------------------------------------
# Intermediate representation


@dataclass
class FieldIR:
    wire: str
    spec: str  # Python source of the runtime Spec
    stored_type: str  # annotation of the stored value
    input_type: str  # annotation of the initialize_* parameter
    required: bool = False
    default: Any = None
    has_default: bool = False
    secret: bool = False
    nullable: bool = False
    doc_type: str = ""
    notes: list[str] = field(default_factory=list)
    sample: str | None = None


@dataclass
class ModelIR:
    name: str
    kind: str  # "object", "oneOf", "anyOf"
    location: str
    fields: list[FieldIR] = field(default_factory=list)
    members: list[tuple[str, str, str]] = field(default_factory=list)  # (spec source, member name, sample)
    discriminator: tuple[str, dict[str, int]] | None = None
    default: Any = None
    has_default: bool = False
    lenient: bool = False
    roles: set[str] = field(default_factory=set)
    schema_key: str = ""


class Generator:
    def __init__(self, config: SpecConfig, spec: dict[str, Any], taken: dict[str, str]):
        self.config = config
        self.spec = spec
        self.components: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.models: dict[str, ModelIR] = {}
        self.taken = taken  # model name -> spec source, across all specs (names must be unique)

    # -- entry ------------------------------------------------------------------------------------
    def run(self) -> list[ModelIR]:
        op = self.spec["paths"][self.config.operation_path]["post"]
        req = op["requestBody"]["content"]["application/json"]["schema"]
        self.walk_root(req, "request")
        for response in op["responses"].values():
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema:
                self.walk_root(schema, "response")
        for m in self.models.values():
            m.lenient = m.roles == {"response"}
        return list(self.models.values())

    def walk_root(self, schema: dict[str, Any], role: str) -> None:
        self.role = role
        self.spec_for(schema, location="", name_hint="")

    # -- schemas ----------------------------------------------------------------------------------
    def deref(self, schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        ref = schema.get("$ref")
        if ref is None:
            return schema, None
        key = ref.rsplit("/", 1)[-1]
        return self.components[key], key

    def model_name(self, schema: dict[str, Any], location: str, component: str | None) -> str:
        if location in self.config.names:
            return self.config.names[location]
        if component is not None:
            return self.config.component_names.get(component, camelize(schema.get("title") or component))
        if schema.get("title"):
            return camelize(schema["title"])
        return location_to_name(location)

    def spec_for(self, schema: dict[str, Any], location: str, name_hint: str, nullable: bool = False) -> FieldIR:
        """Return a FieldIR skeleton (spec, types, notes) for a schema at a JSON location."""
        schema, component = self.deref(schema)
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.spec_for(schema["allOf"][0], location, name_hint, nullable)
        types = schema.get("type")
        if isinstance(types, list):
            if "null" in types:
                nullable = True
            types = [t for t in types if t != "null"]
            types = types[0] if len(types) == 1 else None
        if schema.get("nullable"):
            nullable = True
        for key in ("oneOf", "anyOf"):
            if key in schema:
                members = schema[key]
                non_null = [m for m in members if self.deref(m)[0].get("type") != "null"]
                if len(non_null) < len(members):
                    nullable = True
                if len(non_null) == 1:
                    return self.spec_for(non_null[0], location, name_hint, nullable)
                return self.union(schema, key, non_null, location, component, nullable)
        if types == "object" or "properties" in schema:
            if schema.get("properties"):
                name = self.object_model(schema, location, component)
                return self.ref_field(name, nullable)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                inner = self.spec_for(extra, location + "{}", name_hint)
                return FieldIR(
                    wire="",
                    spec=f"_Map({inner.spec}{_nul(nullable)})",
                    stored_type=f"dict[str, {inner.stored_type}]",
                    input_type=f"dict[str, {inner.input_type}]",
                    doc_type=f"dict[str, {inner.doc_type}]",
                    notes=inner.notes,
                    sample="{}",
                    nullable=nullable,
                )
            return FieldIR(
                wire="",
                spec=f"_AnyJson(object_only=True{_nul(nullable)})",
                stored_type="dict[str, Any]",
                input_type="dict[str, Any]",
                doc_type="dict[str, Any]",
                notes=["free-form JSON object"],
                sample="{}",
                nullable=nullable,
            )
        if types == "array" or "items" in schema:
            inner = self.spec_for(schema.get("items", {}), location + "[]", name_hint)
            args = [inner.spec]
            notes = list(inner.notes)
            if "minItems" in schema:
                args.append(f"min_items={schema['minItems']!r}")
                notes.append(f"at least {schema['minItems']} item(s)")
            if "maxItems" in schema:
                args.append(f"max_items={schema['maxItems']!r}")
                notes.append(f"at most {schema['maxItems']} item(s)")
            if nullable:
                args.append("nullable=True")
            return FieldIR(
                wire="",
                spec=f"_Arr({', '.join(args)})",
                stored_type=f"list[{inner.stored_type}]",
                input_type=f"list[{inner.input_type}] | {inner.input_type}",
                doc_type=f"list[{inner.doc_type}]",
                notes=notes,
                sample=f"[{inner.sample}]" if inner.sample is not None else None,
                nullable=nullable,
            )
        if types == "string" or "enum" in schema or "const" in schema:
            return self.string(schema, nullable)
        if types in ("integer", "number"):
            return self.numeric(schema, types, nullable)
        if types == "boolean":
            return FieldIR(
                wire="",
                spec=f"_Bool({_nul(nullable, first=True)})",
                stored_type="bool",
                input_type="bool",
                doc_type="bool",
                sample="False",
                nullable=nullable,
            )
        return FieldIR(
            wire="",
            spec=f"_AnyJson({_nul(nullable, first=True)})",
            stored_type="Any",
            input_type="Any",
            doc_type="Any",
            notes=["any JSON value"],
            sample='"MyValue"',
            nullable=nullable,
        )

    def string(self, schema: dict[str, Any], nullable: bool) -> FieldIR:
        args = []
        notes = []
        enum = [e for e in schema.get("enum", []) if e is not None]
        if "const" in schema:
            enum = [schema["const"]]
        sample = '"MyValue"'
        if enum:
            args.append(f"enum={tuple(enum)!r}")
            notes.append("one of: " + ", ".join(f"`{e}`" for e in enum))
            sample = repr(enum[0]).replace("'", '"')
        for key, arg in (("pattern", "pattern"), ("minLength", "min_length"), ("maxLength", "max_length")):
            if key in schema:
                args.append(f"{arg}={schema[key]!r}")
                notes.append(f"{arg.replace('_', ' ')} {schema[key]!r}")
        if nullable:
            args.append("nullable=True")
        return FieldIR(
            wire="",
            spec=f"_Str({', '.join(args)})",
            stored_type="str",
            input_type="str",
            doc_type="str",
            notes=notes,
            sample=sample,
            nullable=nullable,
        )

    def numeric(self, schema: dict[str, Any], types: str, nullable: bool) -> FieldIR:
        cls = "_Int" if types == "integer" else "_Num"
        args = []
        notes = []
        for key, arg, word in (
            ("minimum", "minimum", ">="),
            ("maximum", "maximum", "<="),
            ("exclusiveMinimum", "exclusive_minimum", ">"),
            ("exclusiveMaximum", "exclusive_maximum", "<"),
        ):
            if key in schema and not isinstance(schema[key], bool):
                args.append(f"{arg}={schema[key]!r}")
                notes.append(f"{word} {schema[key]}")
        if nullable:
            args.append("nullable=True")
        low = schema.get("minimum", 0)
        sample = repr(low if types == "integer" else float(low)) if "minimum" in schema else "0"
        py = "int" if types == "integer" else "float"
        return FieldIR(
            wire="",
            spec=f"{cls}({', '.join(args)})",
            stored_type=py,
            input_type=py,
            doc_type=py,
            notes=notes,
            sample=sample,
            nullable=nullable,
        )

    def ref_field(self, name: str, nullable: bool) -> FieldIR:
        model = self.models[name]
        if model.kind == "object":
            stored, given = name, f"{name} | dict[str, Any]"
            sample = f"initialize_{snake_case(name)}({self.required_sample_args(model)})"
        else:
            stored, given = "Any", f"{name} | Any"
            sample = f"initialize_{snake_case(name)}({model.members[0][2]})" if model.members else None
        return FieldIR(
            wire="",
            spec=f'_Ref("{name}"{_nul(nullable)})',
            stored_type=stored,
            input_type=given,
            doc_type=f"[**{name}**]({name}.md)",
            sample=sample,
            nullable=nullable,
        )

    def required_sample_args(self, model: ModelIR) -> str:
        args = [f"{f.wire}={f.sample}" for f in model.fields if f.required and f.sample is not None]
        if not args:
            simple = [f for f in model.fields if f.sample is not None and "initialize_" not in f.sample]
            args = [f"{f.wire}={f.sample}" for f in simple[:1]]
        return ", ".join(args)

    def object_model(self, schema: dict[str, Any], location: str, component: str | None) -> str:
        name = self.model_name(schema, location, component)
        key = component or location
        existing = self.models.get(name)
        if existing is not None:
            existing.roles.add(self.role)
            if existing.schema_key != key and _strip_prose(self.schema_at(existing)) != _strip_prose(schema):
                raise SystemExit(f"{location}: {name} is already used for a different schema at {existing.location}")
            self._remember_roles(schema, location)
            return name
        self.claim(name)
        model = ModelIR(name=name, kind="object", location=location, roles={self.role}, schema_key=key)
        model._schema = schema  # type: ignore[attr-defined]
        self.models[name] = model
        required = set(schema.get("required", []))
        for wire, prop in schema.get("properties", {}).items():
            where = f"{name}.{wire}"
            nullable = where in self.config.nullable
            f = self.spec_for(prop, where, wire, nullable=nullable)
            f.wire = py_name(wire)
            f.required = wire in required
            f.secret = where in self.config.secrets
            deref, _ = self.deref(prop)
            if "default" in deref and deref["default"] is not None and f.spec.startswith(("_Bool", "_Str", "_Int", "_Num")):
                f.default = deref["default"]
                f.has_default = True
            model.fields.append(f)
        return name

    def _remember_roles(self, schema: dict[str, Any], location: str) -> None:
        # A model reached again from the other root: its nested models are shared too.
        name = self.model_name(schema, location, None)
        model = self.models.get(name)
        if model is None:
            return
        for f in model.fields:
            m = re.match(r'_Ref\("(\w+)"', f.spec)
            if m and m.group(1) in self.models:
                self.models[m.group(1)].roles.add(self.role)

    def schema_at(self, model: ModelIR) -> dict[str, Any]:
        return model._schema  # type: ignore[attr-defined,no-any-return]

    def union(
        self,
        schema: dict[str, Any],
        kind: str,
        members: list[dict[str, Any]],
        location: str,
        component: str | None,
        nullable: bool,
    ) -> FieldIR:
        name = self.model_name(schema, location, component)
        if name not in self.models:
            self.claim(name)
            model = ModelIR(name=name, kind=kind, location=location, roles={self.role}, schema_key=component or location)
            model._schema = schema  # type: ignore[attr-defined]
            self.models[name] = model
            for i, member in enumerate(members):
                f = self.spec_for(member, f"{name}.{kind}[{i}]", "")
                label = f.doc_type.split("]")[0].strip("[*") if f.spec.startswith("_Ref") else ps_type(f.spec)
                model.members.append((f.spec, label, f.sample or "None"))
            disc = schema.get("discriminator")
            if disc:
                prop = disc["propertyName"]
                mapping = {}
                for i, member in enumerate(members):
                    target, _ = self.deref(member)
                    const = target.get("properties", {}).get(prop, {})
                    for value in const.get("enum", []) or [const.get("const")]:
                        if value is not None:
                            mapping[value] = i
                model.discriminator = (prop, mapping)
            if name in self.config.wrapper_defaults:
                model.default = self.config.wrapper_defaults[name]
                model.has_default = True
        else:
            self.models[name].roles.add(self.role)
        return self.ref_field(name, nullable)

    def claim(self, name: str) -> None:
        owner = self.taken.get(name)
        if owner is not None and owner != self.config.source:
            raise SystemExit(f"model name {name} is generated from both {owner} and {self.config.source}")
        self.taken[name] = self.config.source


PS_TYPES = {"_Int": "Int32", "_Str": "String", "_Num": "Double", "_Bool": "Boolean", "_Arr": "Object[]", "_Map": "Hashtable"}


def ps_type(spec: str) -> str:
    """The .NET type name PowerShell's OneOfSchemas uses for a primitive member."""
    return PS_TYPES.get(spec.split("(")[0], "PSCustomObject")


def _nul(nullable: bool, first: bool = False) -> str:
    if not nullable:
        return ""
    return "nullable=True" if first else ", nullable=True"


def _strip_prose(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _strip_prose(v) for k, v in schema.items() if k not in ("description", "example", "x-oaiMeta")}
    if isinstance(schema, list):
        return [_strip_prose(v) for v in schema]
    return schema


def location_to_name(location: str) -> str:
    """'Parent.prop[]' -> 'ParentPropInner', as OpenAPI Generator names inline schemas."""
    parent, _, rest = location.partition(".")
    name = parent
    for part in re.findall(r"[^.\[\]]+|\[\]", rest):
        name += "Inner" if part == "[]" else camelize(part)
    return name


# --------------------------------------------------------------------------------------------------
# Output: Python


def emit_module(config: SpecConfig, models: list[ModelIR]) -> str:
    out: list[str] = [
        f"# Generated by {GENERATOR} from {config.source}; do not edit (run the generator instead).",
        f'"""Models of ``POST {config.operation_path}``, generated from {config.source}."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, ClassVar",
        "",
        "from .._runtime import UNSET, Model, OneOfModel, Unset, wire_field",
        "from .._runtime import model as _model",
    ]
    body = "\n".join("\n".join(emit_object(m) if m.kind == "object" else emit_union(m)) for m in models)
    for spec_name in ("AnyJson", "Arr", "Bool", "Int", "Map", "Num", "Ref", "Str"):
        if f"_{spec_name}(" in body:
            out.append(f"from .._runtime import {spec_name} as _{spec_name}")
    out += ["from .._runtime import build as _build", "from .._runtime import parse as _parse", ""]
    names: list[str] = []
    for m in sorted(models, key=lambda m: m.name):
        names += [m.name, f"initialize_{snake_case(m.name)}", f"convert_from_json_to_{snake_case(m.name)}"]
    out.append("__all__ = [")
    out += [f'    "{n}",' for n in sorted(names)]
    out.append("]")
    for m in models:
        out += ["", ""]
        out += emit_object(m) if m.kind == "object" else emit_union(m)
    for m in models:
        out += ["", ""]
        out += emit_functions(m)
    return "\n".join(out) + "\n"


def _unset_union(t: str, nullable: bool = True) -> str:
    return f"{t} | None | Unset" if nullable else f"{t} | Unset"


def emit_object(m: ModelIR) -> list[str]:
    lines = ["@_model", f"class {m.name}(Model):", f'    """{MODEL_WORDS.get(m.name, default_summary(m))}"""', ""]
    if m.lenient:
        lines += ["    _lenient: ClassVar[bool] = True", ""]
    for f in m.fields:
        kwargs = []
        if f.required:
            kwargs.append("required=True")
        if f.has_default:
            kwargs.append(f"default={f.default!r}")
        if f.secret:
            kwargs.append("secret=True")
        extra = (", " + ", ".join(kwargs)) if kwargs else ""
        lines.append(f"    {f.wire}: {_unset_union(f.stored_type)} = wire_field({f.spec}{extra})")
    return lines


def emit_union(m: ModelIR) -> list[str]:
    specs = ", ".join(s for s, _, _ in m.members)
    schemas = ", ".join(repr(label) for _, label, _ in m.members)
    lines = [
        f"class {m.name}(OneOfModel):",
        f'    """{MODEL_WORDS.get(m.name, default_summary(m))}"""',
        "",
        "    __slots__ = ()",
        f"    members = ({specs},)",
        f"    one_of_schemas = ({schemas},)",
        f'    kind = "{m.kind}"',
    ]
    if m.discriminator is not None:
        lines.append(f"    discriminator = {m.discriminator!r}")
    if m.has_default:
        lines.append(f"    default = {m.default!r}")
    return lines


def emit_functions(m: ModelIR) -> list[str]:
    snake = snake_case(m.name)
    lines: list[str] = []
    if m.kind == "object":
        params = []
        for f in m.fields:
            default = repr(f.default) if f.has_default else "UNSET"
            params.append(f"    {f.wire}: {_unset_union(f.input_type, not f.required)} = {default},")
        call = ", ".join(f"{f.wire}={f.wire}" for f in m.fields)
        lines += [f"def initialize_{snake}(", *params, f") -> {m.name}:"]
        lines.append(f'    """Build a {m.name}; left-out arguments are not sent, None is sent as null."""')
        lines.append(f"    return _build({m.name}, {call})")
    else:
        default = f" = {m.default!r}" if m.has_default else ""
        lines += [
            f"def initialize_{snake}(value: Any{default}) -> {m.name}:",
            f'    """Wrap one of {", ".join(label for _, label, _ in m.members)} as a {m.name}."""',
            f"    return {m.name}(value)",
        ]
    lines += [
        "",
        "",
        f"def convert_from_json_to_{snake}(json_text: str | bytes) -> {m.name}:",
        f'    """Parse JSON text into a {m.name}, checking keys, types and enums."""',
        f"    return _parse({m.name}, json_text)",
    ]
    return lines


def default_summary(m: ModelIR) -> str:
    if m.kind == "object":
        return f"The object at ``{m.location or m.name}``."
    return f"One of {', '.join(label for _, label, _ in m.members)}."


def emit_models_init(modules: list[tuple[str, list[ModelIR]]]) -> str:
    out = [
        f"# Generated by {GENERATOR}; do not edit (run the generator instead).",
        '"""Every generated model, with its initialize_* and convert_from_json_to_* functions."""',
        "",
    ]
    names: list[str] = []
    for module, models in modules:
        these = []
        for m in models:
            these += [m.name, f"initialize_{snake_case(m.name)}", f"convert_from_json_to_{snake_case(m.name)}"]
        out.append(f"from .{module} import (")
        out += [f"    {n}," for n in sorted(these)]
        out.append(")")
        names += these
    out += ["", "__all__ = ["]
    out += [f'    "{n}",' for n in sorted(names)]
    out.append("]")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# Output: docs


def emit_doc(m: ModelIR) -> str:
    snake = snake_case(m.name)
    words = MODEL_WORDS.get(m.name, default_summary(m))
    lines = [
        f"<!-- Generated by {GENERATOR}; edit tools/model_docs.py or the generator, not this page. -->",
        f"# {m.name}",
        "",
        words,
        "",
    ]
    if m.kind == "object":
        lines += ["## Properties", "", "Name | Type | Description | Notes", "------------ | ------------- | ------------- | -------------"]
        for f in m.fields:
            notes = ["**required**" if f.required else "[optional]"]
            if f.has_default:
                notes.append(f"[default to {f.default!r}]")
            if f.nullable:
                notes.append("`None` sends `null`")
            if f.secret:
                notes.append("secret: redacted in repr")
            notes += f.notes
            desc = FIELD_WORDS.get(f"{m.name}.{f.wire}", "")
            lines.append(f"**{f.wire}** | {f.doc_type} | {desc} | {'; '.join(notes)}")
        args = [f"{f.wire}={f.sample}" for f in m.fields if f.sample is not None and "initialize_" not in f.sample]
        args += [f"{f.wire}={f.sample}" for f in m.fields if f.sample is not None and "initialize_" in f.sample]
        calls = sorted(set(re.findall(r"(initialize_\w+)\(", ", ".join(args)))) + [f"initialize_{snake}"]
        lines += [
            "",
            "## Example",
            "",
            "```python",
            f"from psopenapi_py import {', '.join(dict.fromkeys(calls))}",
            "",
            f"{snake} = initialize_{snake}(",
            *[f"    {a}," for a in args],
            ")",
            f"print({snake}.to_json())",
            "```",
        ]
    else:
        lines += ["## Members", "", "Member | Type", "------------ | -------------"]
        for i, (_, label, _) in enumerate(m.members):
            lines.append(f"{i + 1} | {label}")
        lines += ["", f"Resolution: {'exactly one member must match' if m.kind == 'oneOf' else 'the first member that matches wins'}."]
        if m.discriminator:
            lines.append(f"The member is chosen by the `{m.discriminator[0]}` property.")
        if m.has_default:
            lines.append(f"Without a value, `initialize_{snake}()` holds the default {m.default!r}.")
        sample = repr(m.default) if m.has_default else m.members[0][2]
        lines += [
            "",
            "## Example",
            "",
            "```python",
            f"from psopenapi_py import initialize_{snake}",
            "",
            f"{snake} = initialize_{snake}({sample})",
            f"print({snake}.actual_type, {snake}.to_json())",
            "```",
        ]
    lines += ["", "[[Back to Model list]](../README.md#documentation-for-models) [[Back to README]](../README.md)"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------


def generate(spec_dir: Path) -> dict[str, str]:
    """Return {relative path: content} for every generated file."""
    files: dict[str, str] = {}
    taken: dict[str, str] = {}
    modules = []
    for config in SPECS:
        spec = yaml.safe_load((spec_dir / config.source).read_text())
        models = Generator(config, spec, taken).run()
        modules.append((config.module, models))
        files[f"psopenapi_py/models/{config.module}.py"] = emit_module(config, models)
        for m in models:
            files[f"docs/{m.name}.md"] = emit_doc(m)
    files["psopenapi_py/models/__init__.py"] = emit_models_init(modules)
    return files


def main(argv: Iterable[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec-dir", type=Path, default=root.parent / "shared" / "spec")
    parser.add_argument("--out", type=Path, default=root)
    args = parser.parse_args(list(argv) if argv is not None else None)
    for rel, content in generate(args.spec_dir).items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        print(rel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
