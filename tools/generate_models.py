"""Generate psopenapi_py's model modules and model doc pages from OpenAI's OpenAPI spec files.

Usage: python tools/generate_models.py [--shared-spec ../shared/spec] [--spec-dir spec] [--out .]

First, where ``../shared/spec`` exists, writes the facts-only copy of each configured spec file into
``spec/`` (:func:`facts_only`: names, types, enums, ranges, defaults, required, formats, refs; no
description prose, no examples), so that a clone of the project without ``../shared`` can still
generate and test. Then reads each configured spec (``SPECS``) from ``spec/``, names every model as OpenAPI Generator's PowerShell
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
import hashlib
import json
import keyword
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_docs import FIELD_WORDS, FIELD_WORDS_FROM, MODEL_WORDS  # noqa: E402

GENERATOR = "tools/generate_models.py"


@dataclass
class SpecConfig:
    """How to generate one spec file."""

    source: str
    #: Module -> the operation paths whose models it holds, in order: a model goes into the first module
    #: whose operations reach it, and later modules import it from there. One naming pass covers the
    #: whole file, as OpenAPI Generator names models once for the whole spec.
    modules: dict[str, tuple[str, ...]]
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
    #: Which schema defaults initialize_* fills in. "scalars": every default of a string, number or
    #: boolean field (what the module's Initialize- does). "constants": only a required field whose
    #: one allowed value is a constant (`type: "realtime"`); every other default is the API's to apply,
    #: so bodies go out exactly as written.
    defaults: str = "scalars"
    #: "Model.field" -> Python source of the doc-example value, where the generic sample would fail a check.
    samples: dict[str, str] = field(default_factory=dict)
    #: Import the module on first use of one of its names (PEP 562), to keep `import psopenapi_py` fast.
    lazy: bool = False


SPECS = [
    SpecConfig(
        source="realtime-sessions.openapi.yaml",
        modules={"realtime_sessions": ("/realtime/sessions",)},
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
    SpecConfig(
        source="realtime-api.openapi.yaml",
        modules={
            "realtime_client_secrets": ("/realtime/client_secrets",),
            "realtime_calls": (
                "/realtime/calls",
                "/realtime/calls/{call_id}/accept",
                "/realtime/calls/{call_id}/reject",
                "/realtime/calls/{call_id}/refer",
                "/realtime/calls/{call_id}/hangup",
            ),
            "realtime_transcription_sessions": ("/realtime/transcription_sessions",),
            "realtime_translations": ("/realtime/translations/client_secrets",),
        },
        # The module generated these from OpenAI's full spec, where the same schemas (or identical
        # copies) sit elsewhere first; the cut file alone would give the names in the comments.
        names={
            "RealtimeSessionCreateRequestGA.tracing": "TracingConfiguration3",  # TracingConfiguration1
            "RealtimeSessionCreateResponseGA.tracing": "TracingConfiguration4",  # TracingConfiguration2
            # The module says RealtimeResponseCreateParamsToolsInner, the seed's beta function tool:
            # the port keeps the seed's meaning under that name and uses the cut file's name here.
            "RealtimeSessionCreateRequestGA.tools[]": "RealtimeSessionCreateRequestGAToolsInner",
            "RealtimeSessionCreateRequestGA.tool_choice": "RealtimeBetaResponseCreateParamsToolChoice",
            "RealtimeSessionCreateRequestGA.max_output_tokens": "RealtimeBetaResponseCreateParamsMaxOutputTokens",
            "RealtimeTranscriptionSessionCreateResponseGAAudioInput.noise_reduction": (
                "RealtimeSessionCreateResponseAudioInputNoiseReduction"
            ),
            # The response's RealtimeTranslationSession comes first in OpenAI's spec, so its (identical)
            # output schema names the model; this file walks the request first.
            "RealtimeTranslationSessionCreateRequestAudio.output": "RealtimeTranslationSessionAudioOutput",
        },
        component_names={
            "MCPToolFilter": "BetaMCPToolFilter",
            "ToolChoiceOptions": "BetaToolChoiceOptions",
            "ToolChoiceFunction": "BetaToolChoiceFunction",
            "ToolChoiceMCP": "BetaToolChoiceMCP",
            "PromptCacheBreakpointConfig": "BetaPromptCacheBreakpointConfig",
        },
        # An MCP server's OAuth token and headers (which may carry one) are credentials too.
        secrets={
            "RealtimeCreateClientSecretResponse.value",
            "MCPTool.authorization",
            "MCPTool.headers",
            "RealtimeTranscriptionSessionCreateResponseClientSecret.value",
            "RealtimeTranslationClientSecretCreateResponse.value",
        },
        defaults="constants",
        samples={"MCPTool.tunnel_id": repr("tunnel_" + "0" * 32).replace("'", '"')},
        lazy=True,
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
    kind: str  # "object", "oneOf", "anyOf", "enum"
    location: str
    fields: list[FieldIR] = field(default_factory=list)
    members: list[tuple[str, str, str]] = field(default_factory=list)  # (spec source, member name, sample)
    discriminator: tuple[str, dict[str, int]] | None = None
    #: The discriminator was derived from the members' `type` constants, not declared by the spec.
    discriminator_implicit: bool = False
    default: Any = None
    has_default: bool = False
    lenient: bool = False
    roles: set[str] = field(default_factory=set)
    schema_key: str = ""
    #: additionalProperties: false
    closed: bool = False
    #: Enum models: the allowed values.
    values: tuple[str, ...] = ()


class Generator:
    def __init__(self, config: SpecConfig, spec: dict[str, Any], taken: dict[str, str]):
        self.config = config
        self.spec = spec
        self.components: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.models: dict[str, ModelIR] = {}
        self.taken = taken  # model name -> spec source, across all specs (names must be unique)
        #: Canonical JSON of an inline schema -> the model generated for it. OpenAPI Generator reuses
        #: the model of an identical inline schema (prose included) instead of numbering a copy.
        self.signatures: dict[str, str] = {}
        # Inline names never take a component's or an explicitly mapped name.
        self.reserved = {config.component_names.get(k, k) for k in self.components} | set(config.names.values())
        self.role = "request"

    # -- entry ------------------------------------------------------------------------------------
    def run(self) -> dict[str, list[ModelIR]]:
        """Name and build every model the configured operations reach: module -> its models, in walk order."""
        roots: dict[str, list[str]] = {"request": [], "response": []}
        placed: dict[str, list[ModelIR]] = {}
        for module, paths in self.config.modules.items():
            before = len(self.models)
            for path in paths:
                op = self.spec["paths"][path]["post"]
                # Only JSON bodies become models: OpenAPI Generator skips a form body's model
                # (skipFormModel), so a multipart operation takes its form fields as parameters.
                req = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                if req:
                    roots["request"].append(self.walk_root(req, "request"))
                for response in op["responses"].values():
                    schema = response.get("content", {}).get("application/json", {}).get("schema")
                    if schema:
                        roots["response"].append(self.walk_root(schema, "response"))
            placed[module] = list(self.models.values())[before:]
        for m in self.models.values():
            m.roles = set()
        for role, specs in roots.items():
            for spec in specs:
                self.mark_reachable(spec, role)
        for m in self.models.values():
            m.lenient = m.roles == {"response"} and m.kind == "object"
        # A wrapper parses leniently when it wraps response models (the wrapper of a response-only
        # string or number stays strict when parsed on its own; inside a response all is lenient).
        changed = True
        while changed:
            changed = False
            for m in self.models.values():
                if m.kind in ("oneOf", "anyOf") and not m.lenient and m.roles == {"response"}:
                    if any(self.models[n].lenient for spec, _, _ in m.members for n in REF_RE.findall(spec)):
                        m.lenient = changed = True
        return placed

    def walk_root(self, schema: dict[str, Any], role: str) -> str:
        self.role = role
        return self.spec_for(schema, location="", name_hint="").spec

    def mark_reachable(self, spec_source: str, role: str) -> None:
        """Give ``role`` to every model a spec refers to, and to everything those refer to."""
        todo = REF_RE.findall(spec_source)
        while todo:
            name = todo.pop()
            model = self.models[name]
            if role in model.roles:
                continue
            model.roles.add(role)
            for f in model.fields:
                todo += REF_RE.findall(f.spec)
            for member_spec, _, _ in model.members:
                todo += REF_RE.findall(member_spec)

    # -- schemas ----------------------------------------------------------------------------------
    def deref(self, schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        ref = schema.get("$ref")
        if ref is None:
            return schema, None
        key = ref.rsplit("/", 1)[-1]
        return self.components[key], key

    def place(
        self, schema: dict[str, Any], location: str, component: str | None, forced_name: str | None
    ) -> tuple[str, bool]:
        """The model name for a schema at a location, and whether the model is new (False: reuse it).

        An explicit name (``SpecConfig.names``) wins, then the component's name; an inline schema is
        named by its title, else by its location, numbered when taken, as OpenAPI Generator does.
        """
        explicit = self.config.names.get(location)
        if explicit is not None:
            existing = self.models.get(explicit)
            if existing is None:
                return explicit, True
            if _strip_prose(self.schema_at(existing)) != _strip_prose(schema):
                raise SystemExit(
                    f"{location}: {explicit} is already used for a different schema at {existing.location}"
                )
            return explicit, False
        if component is not None:
            name = self.config.component_names.get(component, component)
            return name, name not in self.models
        reused = self.signatures.get(_signature(schema))
        if reused is not None:
            return reused, False
        if forced_name:
            base = forced_name
        elif schema.get("title"):
            base = camelize(schema["title"])
        else:
            base = location_to_name(location)
        name, n = base, 0
        while name in self.models or name in self.reserved:
            n += 1
            name = f"{base}{n}"
        return name, True

    def new_model(self, name: str, kind: str, schema: dict[str, Any], location: str, component: str | None) -> ModelIR:
        self.claim(name)
        model = ModelIR(name=name, kind=kind, location=location, roles={self.role}, schema_key=component or location)
        model._schema = schema  # type: ignore[attr-defined]
        self.models[name] = model
        if component is None:
            self.signatures.setdefault(_signature(schema), name)
        return model

    def model_name(self, schema: dict[str, Any], location: str, component: str | None) -> str:
        """The name a schema at a location gets (without reserving it)."""
        return self.place(schema, location, component, None)[0]

    def spec_for(
        self,
        schema: dict[str, Any],
        location: str,
        name_hint: str,
        nullable: bool = False,
        *,
        component: str | None = None,
        forced_name: str | None = None,
    ) -> FieldIR:
        """Return a FieldIR skeleton (spec, types, notes) for a schema at a JSON location.

        ``component`` names an inline schema that stands for a component (the X of a component
        ``anyOf [X, null]``); ``forced_name`` is the name OpenAPI Generator gives a map's value schema.
        """
        schema, ref_component = self.deref(schema)
        if ref_component is not None:
            component, forced_name = ref_component, None
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
        if "default" in schema and schema["default"] is None:
            nullable = True  # `default: null` documents null as "off"
        if component is not None and _is_enum_component(schema):
            return self.enum_field(schema, component, nullable)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                members = schema[key]
                non_null = [m for m in members if self.deref(m)[0].get("type") != "null"]
                if len(non_null) < len(members):
                    nullable = True
                if len(non_null) == 1:
                    return self.spec_for(
                        non_null[0], location, name_hint, nullable, component=component, forced_name=forced_name
                    )
                return self.union(schema, key, non_null, location, component, nullable, forced_name)
        if types == "object" or "properties" in schema:
            if schema.get("properties"):
                name = self.object_model(schema, location, component, forced_name)
                return self.ref_field(name, nullable)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                # OpenAPI Generator names a map's value model after the map's title, else <Location>Value.
                value_name = camelize(schema["title"]) if schema.get("title") else location_to_name(location) + "Value"
                inner = self.spec_for(extra, location + "{}", name_hint, forced_name=value_name)
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
        if types in ("integer", "number"):
            return self.numeric(schema, types, nullable)
        if types == "string" or "enum" in schema or "const" in schema:
            return self.string(schema, nullable)
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
        enum = _constants(schema)
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
        enum = _constants(schema)
        if enum:
            args.append(f"enum={tuple(enum)!r}")
            notes.append("one of: " + ", ".join(f"`{e}`" for e in enum))
        if nullable:
            args.append("nullable=True")
        low = schema.get("minimum", 0)
        sample = repr(low if types == "integer" else float(low)) if "minimum" in schema else "0"
        if enum:
            sample = repr(enum[0])
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

    def enum_field(self, schema: dict[str, Any], component: str, nullable: bool) -> FieldIR:
        """A field holding a value of an enum component (a generated enum model)."""
        name = self.config.component_names.get(component, component)
        values = tuple(_constants(schema))
        if name not in self.models:
            model = self.new_model(name, "enum", schema, component, component)
            model.values = values
        return FieldIR(
            wire="",
            spec=f'_EnumRef("{name}", {values!r}{_nul(nullable)})',
            stored_type="str",
            input_type=f"{name} | str",
            doc_type=f"[**{name}**]({name}.md)",
            notes=["one of: " + ", ".join(f"`{e}`" for e in values)],
            sample=repr(values[0]).replace("'", '"'),
            nullable=nullable,
        )

    def ref_field(self, name: str, nullable: bool) -> FieldIR:
        model = self.models[name]
        sample: str | None
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

    def object_model(
        self, schema: dict[str, Any], location: str, component: str | None, forced_name: str | None = None
    ) -> str:
        name, new = self.place(schema, location, component, forced_name)
        if not new:
            self.models[name].roles.add(self.role)
            return name
        model = self.new_model(name, "object", schema, location, component)
        model.closed = schema.get("additionalProperties") is False
        required = set(schema.get("required", []))
        for wire, prop in schema.get("properties", {}).items():
            where = f"{name}.{wire}"
            nullable = where in self.config.nullable
            f = self.spec_for(prop, where, wire, nullable=nullable)
            f.wire = py_name(wire)
            f.required = wire in required
            f.secret = where in self.config.secrets
            if where in self.config.samples:
                f.sample = self.config.samples[where]
            deref, _ = self.deref(prop)
            own = prop if "default" in prop else deref  # OpenAPI 3.1 allows a default beside a $ref
            if self.config.defaults == "scalars":
                if (
                    "default" in deref
                    and deref["default"] is not None
                    and f.spec.startswith(("_Bool", "_Str", "_Int", "_Num"))
                ):
                    f.default = deref["default"]
                    f.has_default = True
            else:
                constants = _constants(deref)
                if f.required and len(constants) == 1 and self.role == "request" and f.spec.startswith("_Str"):
                    f.default = constants[0]
                    f.has_default = True
                elif "default" in own:
                    f.notes.append(f"API default `{json.dumps(own['default'])}` (not filled in)")
            model.fields.append(f)
        return name

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
        forced_name: str | None = None,
    ) -> FieldIR:
        name, new = self.place(schema, location, component, forced_name)
        if new:
            model = self.new_model(name, kind, schema, location, component)
            for member in members:
                # Inline members without a title are named <Wrapper>OneOf / <Wrapper>AnyOf (numbered).
                f = self.spec_for(member, f"{name}.{kind}", "")
                if f.spec.startswith(("_Ref", "_EnumRef")):
                    label = f.doc_type.split("]")[0].strip("[*")
                else:
                    label = ps_type(f.spec)
                model.members.append((f.spec, label, f.sample or "None"))
            disc = schema.get("discriminator")
            targets = [self.deref(m)[0] for m in members]
            if disc:
                prop = disc["propertyName"]
                mapping = {}
                for i, target in enumerate(targets):
                    for value in _constants(target.get("properties", {}).get(prop, {})):
                        mapping[value] = i
                model.discriminator = (prop, mapping)
            else:
                model.discriminator = _type_tags(targets)
                model.discriminator_implicit = model.discriminator is not None
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


REF_RE = re.compile(r'_(?:Ref|EnumRef)\("(\w+)"')


def _constants(schema: dict[str, Any]) -> list[Any]:
    """The values a schema pins a value to: its `const`, else its enum (nulls aside)."""
    if "const" in schema:
        return [schema["const"]]
    return [e for e in schema.get("enum", []) if e is not None]


def _is_enum_component(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and bool(schema.get("enum")) and not schema.get("properties")


def _type_tags(targets: list[dict[str, Any]]) -> tuple[str, dict[str, int]] | None:
    """(``"type"``, {value: member index}) when every object member pins ``type`` to its own constants."""
    objects = [(i, t) for i, t in enumerate(targets) if t.get("properties")]
    if not objects:
        return None
    mapping: dict[str, int] = {}
    for i, target in objects:
        values = _constants(target["properties"].get("type", {}))
        if not values or any(v in mapping for v in values):
            return None
        mapping.update({v: i for v in values})
    return ("type", mapping)


def _signature(schema: dict[str, Any]) -> str:
    return json.dumps(schema, sort_keys=True, default=str)


PS_TYPES = {
    "_Int": "Int32",
    "_Str": "String",
    "_Num": "Double",
    "_Bool": "Boolean",
    "_Arr": "Object[]",
    "_Map": "Hashtable",
}


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


@dataclass
class ModuleOut:
    """One generated module: its name, the spec it comes from, its operations and its models."""

    name: str
    config: SpecConfig
    paths: tuple[str, ...]
    models: list[ModelIR]


def emit_module(module: ModuleOut, home: dict[str, str]) -> str:
    """The Python source of one models module; ``home`` maps every model name to its module."""
    config, models = module.config, module.models
    operations = ", ".join(f"``POST {path}``" for path in module.paths)
    classes = "\n".join("\n".join(emit_class(m)) for m in models)
    functions = "\n".join("\n".join(emit_functions(m)) for m in models)
    code = classes + "\n" + functions
    used = [n for n in ("Any", "ClassVar") if re.search(rf"(?<!\w){n}(?!\w)", code)]
    runtime = [
        n for n in ("UNSET", "Model", "OneOfModel", "Unset", "wire_field") if re.search(rf"(?<!\w){n}(?!\w)", code)
    ]
    out: list[str] = [
        f"# Generated by {GENERATOR} from {config.source}; do not edit (run the generator instead).",
        f'"""Models of {operations}, generated from {config.source}."""',
        "",
        "from __future__ import annotations",
        "",
        *([f"from typing import {', '.join(used)}", ""] if used else []),
        f"from .._runtime import {', '.join(runtime)}",
    ]
    if "@_model" in classes:
        out.append("from .._runtime import model as _model")
    for spec_name in ("AnyJson", "Arr", "Bool", "EnumModel", "EnumRef", "Int", "Map", "Num", "Ref", "Str"):
        if re.search(rf"(?<!\w)_{spec_name}(?!\w)", classes):
            out.append(f"from .._runtime import {spec_name} as _{spec_name}")
    out += ["from .._runtime import build as _build", "from .._runtime import parse as _parse"]
    # Models this module refers to but another one defines: imported (which also registers them for
    # the by-name look-up of _Ref) rather than generated twice.
    own = {m.name for m in models}
    foreign: dict[str, set[str]] = {}
    for name in sorted(set(REF_RE.findall(classes)) - own):
        foreign.setdefault(home[name], set()).add(name)
    for other, imported in sorted(foreign.items()):
        out.append(f"from .{other} import {', '.join(sorted(imported))}")
    out.append("")
    names: list[str] = []
    for m in sorted(models, key=lambda m: m.name):
        names += [m.name, f"initialize_{snake_case(m.name)}", f"convert_from_json_to_{snake_case(m.name)}"]
    out.append("__all__ = [")
    out += [f'    "{n}",' for n in sorted(names)]
    out.append("]")
    for m in models:
        out += ["", ""]
        out += emit_class(m)
    for m in models:
        out += ["", ""]
        out += emit_functions(m)
    return "\n".join(out) + "\n"


def _unset_union(t: str, nullable: bool = True) -> str:
    return f"{t} | None | Unset" if nullable else f"{t} | Unset"


#: Answer fields the spec leaves optional but the API function checks before returning (it raises
#: ApiException without them), so a reader of its result always has them: (model, field).
CHECKED_ANSWER_FIELDS = frozenset(
    {
        ("RealtimeSessionCreateResponse", "client_secret"),
        ("RealtimeSessionCreateResponseClientSecret", "value"),
    }
)


def _read_type(m: ModelIR, f: FieldIR) -> str:
    """A field's annotation. Request models take UNSET (left out) and None (sent as null); a response
    model reads as the answer has it: a required field as its type (the API always sends it), any
    other as ``X | None`` (None when the answer leaves it out), never the UNSET sentinel."""
    if not m.lenient:
        return _unset_union(f.stored_type)
    if f.required or f.stored_type == "Any" or (m.name, f.wire) in CHECKED_ANSWER_FIELDS:
        return f.stored_type
    return f"{f.stored_type} | None"


def emit_class(m: ModelIR) -> list[str]:
    if m.kind == "object":
        return emit_object(m)
    if m.kind == "enum":
        return emit_enum(m)
    return emit_union(m)


#: What a request model says about a field newer than the spec (the typo check refuses unknown keys).
NEWER_FIELDS_WORDS = (
    "A field the API takes but this version does not know yet cannot be set here (an unknown key is "
    "refused, so a typo is never sent); pass it in the API function's `extra_body`, which is merged "
    "into the JSON body last."
)


def model_summary(m: ModelIR) -> str:
    """The model's docstring and page summary; request objects add how to send a field newer than the spec."""
    words = MODEL_WORDS.get(m.name, default_summary(m))
    if m.kind == "object" and not m.lenient:
        words += " " + NEWER_FIELDS_WORDS
    return words


def emit_object(m: ModelIR) -> list[str]:
    lines = ["@_model", f"class {m.name}(Model):", f'    """{model_summary(m)}"""', ""]
    if m.lenient:
        lines += ["    _lenient: ClassVar[bool] = True", ""]
    if m.closed:
        lines += ["    _closed: ClassVar[bool] = True", ""]
    for f in m.fields:
        kwargs = []
        if f.required:
            kwargs.append("required=True")
        if f.has_default:
            kwargs.append(f"default={f.default!r}")
        if f.secret:
            kwargs.append("secret=True")
        extra = (", " + ", ".join(kwargs)) if kwargs else ""
        lines.append(f"    {f.wire}: {_read_type(m, f)} = wire_field({f.spec}{extra})")
    return lines


def emit_union(m: ModelIR) -> list[str]:
    specs = ", ".join(s for s, _, _ in m.members)
    schemas = ", ".join(repr(label) for _, label, _ in m.members)
    lines = [
        f"class {m.name}(OneOfModel):",
        f'    """{MODEL_WORDS.get(m.name, default_summary(m))}"""',
        "",
        "    __slots__ = ()",
        *(["    _lenient = True"] if m.lenient else []),
        f"    members = ({specs},)",
        f"    one_of_schemas = ({schemas},)",
        f'    kind = "{m.kind}"',
    ]
    if m.discriminator is not None:
        lines.append(f"    discriminator = {m.discriminator!r}")
    if m.discriminator_implicit:
        lines.append("    discriminator_implicit = True")
    if m.has_default:
        lines.append(f"    default = {m.default!r}")
    return lines


def enum_member_name(value: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", value).strip("_").upper()
    return name if name and not name[0].isdigit() else f"V_{name}"


def emit_enum(m: ModelIR) -> list[str]:
    lines = [f"class {m.name}(_EnumModel):", f'    """{MODEL_WORDS.get(m.name, default_summary(m))}"""', ""]
    lines += [f"    {enum_member_name(v)} = {v!r}" for v in m.values]
    return lines


def emit_functions(m: ModelIR) -> list[str]:
    snake = snake_case(m.name)
    lines: list[str] = []
    if m.kind == "enum":
        return [
            f"def initialize_{snake}(value: {m.name} | str) -> {m.name}:",
            f'    """The {m.name} member for a value (any letter case); ApiValueError names the allowed values."""',
            f"    return {m.name}.from_value(value)",
            "",
            "",
            f"def convert_from_json_to_{snake}(json_text: str | bytes) -> {m.name}:",
            f'    """Parse JSON text (a JSON string such as \'"{m.values[0]}"\') into a {m.name} member."""',
            f"    return {m.name}.from_json(json_text)",
        ]
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
    if m.kind == "enum":
        return f"One of the strings {', '.join(m.values)}."
    return f"One of {', '.join(label for _, label, _ in m.members)}."


def emit_models_init(modules: list[ModuleOut]) -> str:
    lazy = [module for module in modules if module.config.lazy]
    doc = '"""Every generated model, with its initialize_* and convert_from_json_to_* functions.'
    if lazy:
        doc += (
            "\n\nThe models of "
            + ", ".join(f"``{module.name}``" for module in lazy)
            + " are imported on first use (PEP 562\n``__getattr__``), so that ``import psopenapi_py`` stays fast; "
            + "``from psopenapi_py.models import X``,\n``__all__`` and ``dir()`` work as usual."
        )
    out = [
        f"# Generated by {GENERATOR}; do not edit (run the generator instead).",
        doc + ('\n"""' if lazy else '"""'),
        "",
    ]
    if lazy:
        out += ["from typing import TYPE_CHECKING, Any", ""]
    names: list[str] = []
    for module in modules:
        these = _exported_names(module.models)
        names += these
        if module.config.lazy:
            continue
        out.append(f"from .{module.name} import (")
        out += [f"    {n}," for n in sorted(these)]
        out.append(")")
    if lazy:
        out += ["", "if TYPE_CHECKING:"]
        for module in lazy:
            out.append(f"    from .{module.name} import (")
            out += [f"        {n}," for n in sorted(_exported_names(module.models))]
            out.append("    )")
        out += [
            "",
            "#: Module -> the names it exports, for the modules imported on first use.",
            "LAZY_MODULES: dict[str, tuple[str, ...]] = {",
        ]
        for module in lazy:
            out.append(f'    "{module.name}": (')
            out += [f'        "{n}",' for n in sorted(_exported_names(module.models))]
            out.append("    ),")
        out += [
            "}",
            "#: Name -> the module that defines it, for the modules imported on first use.",
            "LAZY_NAMES: dict[str, str] = {name: module for module, names in LAZY_MODULES.items() for name in names}",
            "",
            "",
            "def __getattr__(name: str) -> Any:",
            "    module = LAZY_NAMES.get(name)",
            "    if module is None:",
            '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
            "    from importlib import import_module",
            "",
            '    loaded = import_module(f".{module}", __name__)',
            "    for exported in LAZY_MODULES[module]:",
            "        globals()[exported] = getattr(loaded, exported)",
            "    return globals()[name]",
            "",
            "",
            "def __dir__() -> list[str]:",
            "    return sorted(set(globals()) | set(__all__))",
        ]
    out += ["", "__all__ = ["]
    out += [f'    "{n}",' for n in sorted(names)]
    out.append("]")
    return "\n".join(out) + "\n"


def _exported_names(models: list[ModelIR]) -> list[str]:
    names = []
    for m in models:
        names += [m.name, f"initialize_{snake_case(m.name)}", f"convert_from_json_to_{snake_case(m.name)}"]
    return names


# --------------------------------------------------------------------------------------------------
# Output: docs


def field_words(model: str, wire: str) -> str:
    """Our description of a field, borrowed from the request twin for response models."""
    words = FIELD_WORDS.get(f"{model}.{wire}")
    if words is None and model in FIELD_WORDS_FROM:
        words = FIELD_WORDS.get(f"{FIELD_WORDS_FROM[model]}.{wire}")
    return words or ""


def _imports_for(sample: str, snake: str) -> list[str]:
    """The initialize_* functions a doc example calls: the nested ones (sorted), then the page's own."""
    nested = sorted(set(re.findall(r"(initialize_\w+)\(", sample)) - {f"initialize_{snake}"})
    return nested + [f"initialize_{snake}"]


def _round_trip(snake: str) -> list[str]:
    """Example lines showing (and, run by the docs test, proving) that the JSON parses back into an equal object."""
    return [
        "",
        "# The JSON text parses back into an equal object:",
        f"assert convert_from_json_to_{snake}({snake}.to_json()) == {snake}",
    ]


def emit_doc(m: ModelIR) -> str:
    snake = snake_case(m.name)
    words = model_summary(m)
    lines = [
        f"<!-- Generated by {GENERATOR}; edit tools/model_docs.py or the generator, not this page. -->",
        f"# {m.name}",
        "",
        words,
        "",
    ]
    if m.kind == "enum":
        lines += ["## Allowed values", "", "Value | Member", "------------ | -------------"]
        lines += [f"`{v}` | `{m.name}.{enum_member_name(v)}`" for v in m.values]
        lines += [
            "",
            f"`{m.name}` is a `str` enum: each member equals its JSON string. Fields of this type take a member "
            "or the plain string (in any letter case) and send the string.",
            "",
            "## Example",
            "",
            "```python",
            f"from psopenapi_py import {m.name}, convert_from_json_to_{snake}, initialize_{snake}",
            "",
            f"{snake} = initialize_{snake}({m.values[0]!r})".replace("'", '"'),
            f"print({snake} is {m.name}.{enum_member_name(m.values[0])}, {snake}.to_json())",
            *_round_trip(snake),
            "```",
        ]
    elif m.kind == "object":
        if m.closed:
            lines += ["No keys other than these are accepted (`additionalProperties: false`).", ""]
        if m.lenient:
            lines += [
                "A field the answer leaves out reads as `None` (and stays out of `to_dict()`); required fields "
                "are typed as always there, as the API always sends them.",
                "",
            ]
        lines += [
            "## Properties",
            "",
            "Name | Type | Description | Notes",
            "------------ | ------------- | ------------- | -------------",
        ]
        for f in m.fields:
            notes = ["**required**" if f.required else "[optional]"]
            if f.has_default:
                notes.append(f"[default to {f.default!r}]")
            if f.nullable:
                notes.append("`None` sends `null`")
            if f.secret:
                notes.append("secret: redacted in repr")
            notes += f.notes
            desc = field_words(m.name, f.wire)
            lines.append(f"**{f.wire}** | {f.doc_type} | {desc} | {'; '.join(notes)}")
        args = [f"{f.wire}={f.sample}" for f in m.fields if f.sample is not None and "initialize_" not in f.sample]
        args += [f"{f.wire}={f.sample}" for f in m.fields if f.sample is not None and "initialize_" in f.sample]
        calls = sorted(set(re.findall(r"(initialize_\w+)\(", ", ".join(args)))) + [f"initialize_{snake}"]
        lines += [
            "",
            "## Example",
            "",
            "```python",
            f"from psopenapi_py import {', '.join(dict.fromkeys([f'convert_from_json_to_{snake}', *calls]))}",
            "",
            f"{snake} = initialize_{snake}(",
            *[f"    {a}," for a in args],
            ")",
            f"print({snake}.to_json())",
            *_round_trip(snake),
            "```",
        ]
    else:
        lines += ["## Members", "", "Member | Type", "------------ | -------------"]
        for i, (_, label, _) in enumerate(m.members):
            lines.append(f"{i + 1} | {label}")
        lines += [
            "",
            f"Resolution: {'exactly one member must match' if m.kind == 'oneOf' else 'the first member that matches wins'}.",
        ]
        if m.discriminator and m.discriminator_implicit:
            lines.append(
                f"An object member is chosen by its `{m.discriminator[0]}` ("
                + ", ".join(f"`{v}`" for v in m.discriminator[1])
                + f"); an object without `{m.discriminator[0]}` is tried on every member."
            )
        elif m.discriminator:
            lines.append(f"The member is chosen by the `{m.discriminator[0]}` property.")
        if m.has_default:
            lines.append(f"Without a value, `initialize_{snake}()` holds the default {m.default!r}.")
        sample = repr(m.default) if m.has_default else m.members[0][2]
        lines += [
            "",
            "## Example",
            "",
            "```python",
            f"from psopenapi_py import {', '.join([f'convert_from_json_to_{snake}', *_imports_for(sample, snake)])}",
            "",
            f"{snake} = initialize_{snake}({sample})",
            f"print({snake}.actual_type, {snake}.to_json())",
            *_round_trip(snake),
            "```",
        ]
    lines += ["", "[[Back to Model list]](../README.md#documentation-for-models) [[Back to README]](../README.md)"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------


def generate(spec_dir: Path) -> dict[str, str]:
    """Return {relative path: content} for every generated file."""
    files: dict[str, str] = {}
    taken: dict[str, str] = {}
    modules: list[ModuleOut] = []
    for config in SPECS:
        spec = yaml.safe_load((spec_dir / config.source).read_text())
        placed = Generator(config, spec, taken).run()
        modules += [ModuleOut(name, config, config.modules[name], models) for name, models in placed.items()]
    home = {m.name: module.name for module in modules for m in module.models}
    for module in modules:
        files[f"psopenapi_py/models/{module.name}.py"] = emit_module(module, home)
        for m in module.models:
            files[f"docs/{m.name}.md"] = emit_doc(m)
    files["psopenapi_py/models/__init__.py"] = emit_models_init(modules)
    return files


# --------------------------------------------------------------------------------------------------
# The facts-only copy of the spec kept in the project (spec/).

#: Schema keywords the copy keeps: what a value may be, never what OpenAI says about it.
SCHEMA_FACTS = frozenset(
    {
        "$ref", "type", "format", "enum", "const", "default", "nullable", "title", "required",
        "properties", "additionalProperties", "items", "oneOf", "anyOf", "allOf", "discriminator",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
        "minLength", "maxLength", "pattern", "minProperties", "maxProperties", "uniqueItems",
    }
)  # fmt: skip
#: Keywords whose value maps names (property, schema, status, media type) to facts: every key is kept.
_NAME_MAPS = frozenset({"properties", "schemas", "paths", "responses", "content", "mapping", "encoding", "headers"})
#: Operation and document keys the copy keeps (OpenAPI structure, not prose).
_STRUCTURE = frozenset(
    {"openapi", "components", "schemas", "paths", "post", "get", "delete", "operationId", "requestBody",
     "responses", "content", "schema", "parameters", "name", "in", "encoding", "contentType", "headers",
     "propertyName", "mapping"}
)  # fmt: skip
#: Prose and examples: the copy keeps only a digest of each. OpenAPI Generator (and so the module)
#: names two otherwise identical inline schemas apart when their descriptions differ; the digest keeps
#: that distinction, and so every model name, without a word of the text.
_PROSE = frozenset({"description", "summary", "example", "examples", "x-oaiMeta"})


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


SPEC_COPY_HEADER = (
    "# Facts-only copy of ../shared/spec/{name}, written by tools/generate_models.py: names, types, enums,\n"
    "# ranges, defaults, required, formats and refs. Descriptions and examples are replaced by a digest of\n"
    "# their text (no prose, no examples). Do not edit; run python tools/generate_models.py where ../shared\n"
    "# exists to refresh it.\n"
)


def facts_only(node: Any, *, names: bool = False) -> Any:
    """The spec with only facts kept: the keywords in SCHEMA_FACTS and _STRUCTURE, vendor markers, every
    key of a name map; prose and examples become digests; tags, info, servers and security are left out."""
    if isinstance(node, list):
        return [facts_only(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if names:
            out[key] = facts_only(value)
        elif key == "required" and isinstance(value, bool):
            out[key] = value  # a parameter's or a request body's "required: true"
        elif key in _NAME_MAPS:
            out[key] = facts_only(value, names=True)
        elif key in SCHEMA_FACTS or key in _STRUCTURE:
            out[key] = facts_only(value)
        elif key in _PROSE:
            out[key] = _digest(value)
        elif key.startswith("x-"):
            # Vendor markers (x-stainless-const: true) are facts, and they keep apart schemas that
            # OpenAPI Generator, and so the module, names separately.
            out[key] = facts_only(value)
    return out


def spec_copy(shared_spec_dir: Path) -> dict[str, str]:
    """{file name: text} of the facts-only copy of every configured spec file in ``shared_spec_dir``."""
    files = {}
    for config in SPECS:
        spec = yaml.safe_load((shared_spec_dir / config.source).read_text(encoding="utf-8"))
        body = yaml.safe_dump(facts_only(spec), sort_keys=False, allow_unicode=True, width=120)
        files[config.source] = SPEC_COPY_HEADER.format(name=config.source) + body
    return files


def main(argv: Iterable[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared-spec",
        type=Path,
        default=root.parent / "shared" / "spec",
        help="OpenAI's spec cut (default ../shared/spec); when present, the facts-only copy is refreshed from it",
    )
    parser.add_argument("--spec-dir", type=Path, default=root / "spec", help="where the facts-only copy lives")
    parser.add_argument("--out", type=Path, default=root)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.shared_spec.is_dir():
        args.spec_dir.mkdir(parents=True, exist_ok=True)
        for name, text in spec_copy(args.shared_spec).items():
            (args.spec_dir / name).write_text(text, encoding="utf-8")
            print((args.spec_dir / name).as_posix())
    for rel, content in generate(args.spec_dir).items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        print(rel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
