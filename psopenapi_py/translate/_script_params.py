"""A script's ``param()`` block as its command line, and the ``[Validate...()]`` checks of function parameters.

The translated script is called like the original: each parameter is an ``argparse`` option spelled
both ways (``--token-cap`` and PowerShell's ``-TokenCap``), with its default, ``required=True`` for
``[Parameter(Mandatory)]``, ``action="store_true"`` for ``[switch]``, ``nargs="+"`` for arrays, and
PowerShell's conversion and checks as ``type=`` callables from :mod:`psopenapi_py.pscompat`.
``[CmdletBinding()]`` adds ``--verbose``/``-Verbose``. A default that is an expression is computed
after parsing, in declaration order, so it may use the parameters before it. Then each parameter is
the script variable of the same name, with its declared type.

What would bind differently (positions, the pipeline, parameter sets, dynamic parameters,
``-WhatIf``) is :class:`Unsupported`, never dropped.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from .. import pscompat
from . import _rules as R
from ._binding import _Param
from ._catalog import BLOCK, BOOL, DICT, FLOAT, INT, STR, UNKNOWN, Kind, T, list_of, snake_case
from ._context import Context
from ._expr import _NOCONST, Expr, call, const_expr, list_expr, ps_call
from ._scope import _bare_name
from ._syntax import Node, Unsupported, _clause_comments, _text, _variable_name

#: Declared types a command-line value converts to: type name -> (``ps.Argument`` type name, T).
_SCRIPT_TYPES: dict[str, tuple[str, T]] = {
    "string": ("string", STR),
    "int": ("int", INT),
    "int32": ("int", INT),
    "long": ("long", INT),
    "int64": ("long", INT),
    "double": ("double", FLOAT),
    "bool": ("bool", BOOL),
    "boolean": ("bool", BOOL),
    "switch": ("switch", BOOL),
    "management.automation.switchparameter": ("switch", BOOL),
    "object": ("", UNKNOWN),
    "datetime": ("datetime", UNKNOWN),
    # A hashtable never comes from command-line text either: a value given is PowerShell's conversion error.
    "hashtable": ("hashtable", DICT),
    "collections.hashtable": ("hashtable", DICT),
    # A script block never comes from command-line text (pwsh -File passes strings): the parameter keeps
    # its default and is no option, which is what a caller from a shell gets in PowerShell too.
    "scriptblock": ("block", BLOCK),
}

#: ``[Validate...()]`` attributes that are checked (lower-case name -> pscompat class name).
_VALIDATORS = {
    "validateset": "ValidateSet",
    "validaterange": "ValidateRange",
    "validatepattern": "ValidatePattern",
    "validatenotnull": "ValidateNotNull",
    "validatenotnullorempty": "ValidateNotNullOrEmpty",
}

#: Attributes that only relax what a Mandatory parameter refuses (an empty string is the one checked here).
_ALLOW_ATTRIBUTES = ("allownull", "allowemptystring", "allowemptycollection")

#: The parameters ``[CmdletBinding()]`` adds that the translation does not take (no option is made for them).
#: What $PSBoundParameters is: a hashtable of the parameters given, by name.
_BOUND = T(Kind.DICT, keys=None, cls="Hashtable")

_COMMON_PARAMETERS = frozenset(
    {
        "verbose",
        "debug",
        "erroraction",
        "warningaction",
        "informationaction",
        "progressaction",
        "errorvariable",
        "warningvariable",
        "informationvariable",
        "outvariable",
        "outbuffer",
        "pipelinevariable",
    }
)


class _Validator:
    """One ``[Validate...()]`` attribute: the ``ps.<Class>(...)`` code and the same check, to try defaults with."""

    __slots__ = ("check", "expr", "source")

    def __init__(self, expr: Expr, check: pscompat.Validator, source: str):
        self.expr = expr
        self.check = check
        self.source = source


class _ScriptParam:
    """One parameter of the script's ``param()`` block, as declared."""

    __slots__ = (
        "aliases",
        "allow_empty",
        "array",
        "conversion",
        "default",
        "help",
        "mandatory",
        "name",
        "node",
        "py",
        "type",
        "validators",
    )

    def __init__(self, name: str, node: Node):
        self.name = name
        self.node = node
        self.py = ""
        #: The ``ps.Argument`` type name ("string", "int", "long", "double", "bool"), "switch", or "" untyped.
        self.conversion = ""
        self.array = False
        self.mandatory = False
        self.allow_empty = False
        self.help: str | None = None
        self.aliases: list[str] = []
        self.validators: list[_Validator] = []
        #: None (no default), a literal Expr for argparse, or ("computed", Expr) assigned after parsing.
        self.default: Expr | tuple[str, Expr] | None = None
        self.type: T = UNKNOWN


class CheckedParam(_Param):
    """A script function's parameter with the ``[Validate...()]`` checks its function makes at its start, and
    its default when that is an expression PowerShell evaluates at each call (``computed``)."""

    __slots__ = ("alias_names", "checks", "computed", "convert", "from_pipeline", "mandatory", "unchecked")

    def __init__(
        self,
        name: str,
        py: str,
        *,
        checks: list[Expr],
        computed: Node | None = None,
        convert: str | None = None,
        from_pipeline: str | None = None,
        mandatory: bool = False,
        unchecked: str | None = None,
        alias_names: tuple[str, ...] = (),
        **kwargs: Any,
    ):
        super().__init__(name, py, aliases=alias_names, **kwargs)
        #: Its ``[Alias()]`` names as written (a piped object's property of one binds it ``ByPropertyName``).
        self.alias_names = alias_names
        self.checks = checks
        self.computed = computed
        #: A constant default (Python code) its checks refuse: set when the call leaves it out, never checked.
        self.unchecked = unchecked
        #: A type the value is converted to when the function starts (``datetime``), as PowerShell binds it.
        self.convert = convert
        #: How it takes piped input: "value" (the item), "name" (the item's property of its name), or None.
        self.from_pipeline = from_pipeline
        self.mandatory = mandatory


class ScriptParams(Context):
    """``visit_param_block``: the script's ``param()`` block as an ``argparse`` command line."""

    def visit_param_block(self, node: Node, indent: str) -> None:
        """Write the parser, parse the command line, and bind each parameter to its script variable."""
        parent = node.parent
        if indent or parent is None or parent.type != "program":
            raise Unsupported(node, "unsupported: a param() block here")
        advanced = self._script_binding(node)
        help_text = _comment_help(node)
        plist = next((c for c in node.children if c.type == "parameter_list"), None)
        sps = [c for c in plist.children if c.type == "script_parameter"] if plist is not None else []
        params = [self._declare_script_param(sp, help_text) for sp in sps]
        advanced = advanced or any(_attribute_name(a) == "parameter" for sp in sps for a in _attributes(sp))
        options = {"--help", "-h"} | ({"--verbose", "-Verbose"} if advanced else set())
        for p in params:
            if advanced and p.name.lower() in _COMMON_PARAMETERS:
                raise Unsupported(p.node, f"unsupported: ${p.name} clashes with the common parameter -{p.name}")
            for option in _option_strings(p):
                if option in options or option.lower() in ("-?", "--help"):
                    raise Unsupported(p.node, f"unsupported: parameter ${p.name} clashes with option {option}")
                options.add(option)
        parser = self.scope.new_var(self.scope.globals, "\0parser", "parser", UNKNOWN).py
        args = self.scope.new_var(self.scope.globals, "\0args", "args", UNKNOWN).py
        for i, p in enumerate(params):
            # Registered in order: a default may use the parameters before it, never one after it.
            _refuse_later_params(p, params[i:])
            p.default = self._script_param_default(p)
            self.scope.check(p.name, p.node, write=True)
            p.py = self.scope.var(p.name, p.node, assign=p.type).py
        self.out.need("mod", "argparse")
        notes = _clause_comments(node)
        description = help_text.get("", "")
        head = [("description=", const_expr(description))] if description else []
        self.out.emit(indent, f"{parser} = ", call("argparse.ArgumentParser", head), row=node.start_point[0])
        for p in params:
            # Comments above a parameter go above its option; one on its last line stays at the end of it.
            self.out.flush_comments(notes, p.node.start_point[0], indent)
            last = p.node.end_point[0]
            while notes and notes[0][0] <= last:
                self.out.comments.append(notes.pop(0))
            if p.conversion == "block":
                continue
            add = call(f"{parser}.add_argument", self._add_argument_args(p), stmt=True)
            self.out.emit(indent, "", add, row=last)
        if advanced:
            verbose = [
                ("", const_expr("--verbose")),
                ("", const_expr("-Verbose")),
                ("action=", const_expr("store_true")),
            ]
            verbose.append(("help=", const_expr("write Write-Verbose messages (VERBOSE: ...) on stderr")))
            self.out.emit(indent, "", call(f"{parser}.add_argument", verbose, stmt=True))
        self.out.flush_comments(notes, None, indent)
        self.out.emit(indent, f"{args} = {parser}.parse_args()", None)
        if advanced:
            self.out.need("ps", "pscompat")
            self.out.emit(indent, f"ps.preferences.verbose = {args}.verbose", None)
        if b"$psboundparameters" in self.source.lower():
            # Which parameters the command line gave (not their defaults), by their PowerShell names.
            bound = self.scope.new_var(self.scope.globals, "psboundparameters", "bound_parameters", _BOUND).py
            self.scope.bound_parameters = True
            self.out.need("ps", "pscompat")
            self.out.emit(indent, f"{bound} = ps.bound_parameters({parser})", None)
        for p in params:
            if isinstance(p.default, tuple) and p.default[0] == "block":
                self.out.emit(indent, f"{p.py} = ", p.default[1])
                continue
            self.out.emit(indent, f"{p.py} = {args}.{p.py}", None)
            if isinstance(p.default, tuple):
                self.out.emit(indent, f"if {p.py} is None", None, ":")
                self.out.emit(indent + R.INDENT, f"{p.py} = ", p.default[1])

    def _script_binding(self, node: Node) -> bool:
        """True when the block has ``[CmdletBinding()]`` (an advanced script: it takes ``-Verbose``)."""
        advanced = False
        for attr_list in (c for c in node.children if c.type == "attribute_list"):
            for attr in (c for c in attr_list.children if c.type == "attribute"):
                name = _attribute_name(attr)
                if name == "outputtype":
                    continue
                if name != "cmdletbinding":
                    raise Unsupported(attr, f"unsupported: [{_text(attr).strip('[]')}] on the script's param() block")
                positional, named = _attribute_args(attr)
                unknown = [n for n in named if n.lower() != "positionalbinding"]
                if positional or unknown:
                    what = ", ".join(unknown) or "positional arguments"
                    raise Unsupported(
                        attr, f"unsupported: [CmdletBinding({what})] (only PositionalBinding is translated)"
                    )
                advanced = True
        return advanced

    def _declare_script_param(self, sp: Node, help_text: dict[str, str]) -> _ScriptParam:
        """Read one parameter: name, type, Mandatory, help, aliases and checks; refuse what would bind differently."""
        var_node = next((c for c in sp.children if c.type == "variable"), None)
        if var_node is None:
            raise Unsupported(sp, "syntax error")
        p = _ScriptParam(_bare_name(_variable_name(var_node)), sp)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p.name):
            raise Unsupported(sp, f"unsupported: script parameter ${{{p.name}}}, whose name is no option name")
        p.help = help_text.get(p.name.lower())
        type_seen = False
        for attr in _attributes(sp):
            lit = next((c for c in attr.children if c.type == "type_literal"), None)
            if lit is not None:
                if type_seen:
                    raise Unsupported(lit, f"unsupported: two types for parameter ${p.name}")
                type_seen = True
                self._script_param_type(p, lit)
                continue
            name = _attribute_name(attr)
            if name == "parameter":
                self._parameter_attribute(p, attr)
            elif name == "alias":
                p.aliases.extend(_alias_names(self, attr))
            elif name in _ALLOW_ATTRIBUTES:
                p.allow_empty = p.allow_empty or name == "allowemptystring"
            else:
                p.validators.append(_validator(self, attr))
        if p.conversion == "switch" and (p.validators or p.array):
            raise Unsupported(sp, f"unsupported: checks on the [switch] ${p.name}")
        return p

    def _script_param_type(self, p: _ScriptParam, lit: Node) -> None:
        """The declared type: how a command-line value converts, and the variable's T."""
        # Not _type_name(): it strips the brackets of ``[string[]]`` too.
        type_name = _text(lit).strip()[1:-1].strip().lower().replace(" ", "").removeprefix("system.")
        array = type_name.endswith("[]") or type_name == "array"
        base = "object" if type_name in ("array", "object[]") else type_name.removesuffix("[]")
        known = _SCRIPT_TYPES.get(base)
        if known is None or (array and known[0] in ("switch", "bool")):
            raise Unsupported(lit, f"unsupported: script parameter type {_text(lit)} (from the command line)")
        p.conversion, p.type = known
        p.array = array
        if array:
            p.type = list_of(p.type)

    def _parameter_attribute(self, p: _ScriptParam, attr: Node) -> None:
        """``[Parameter(Mandatory, HelpMessage = '...')]``; what binds otherwise (Position, pipeline, sets) is refused."""
        positional, named = _attribute_args(attr)
        if positional:
            raise Unsupported(attr, f"unsupported: {_text(attr)}")
        for key, value_node in named.items():
            low = key.lower()
            value = True if value_node is None else _constant(self, value_node, attr)
            if low == "mandatory":
                p.mandatory = pscompat.to_bool(value)
            elif low == "helpmessage":
                p.help = pscompat.text(value)
            elif low == "position":
                raise Unsupported(
                    attr,
                    f"unsupported: Position on script parameter ${p.name} (the translated script takes named "
                    "options only)",
                )
            else:
                raise Unsupported(attr, f"unsupported: {key} on script parameter ${p.name}")

    def _script_param_default(self, p: _ScriptParam) -> Expr | tuple[str, Expr] | None:
        """The default: a literal (converted to the declared type) for argparse, or an expression computed after parsing."""
        default_node = next((c for c in p.node.children if c.type == "script_parameter_default"), None)
        if p.conversion == "switch":
            if default_node is not None:
                raise Unsupported(default_node, f"unsupported: a default for the [switch] ${p.name}")
            return None
        if p.conversion == "block":
            if default_node is None or p.mandatory or p.validators or p.array:
                raise Unsupported(p.node, f"unsupported: the [scriptblock] ${p.name} without a default to use")
            return ("block", self._expr(next(c for c in default_node.children if c.is_named)))
        if p.mandatory:
            # Always given: PowerShell never uses a Mandatory parameter's default.
            p.type = p.type if p.conversion else STR
            return None
        if p.conversion in ("datetime", "hashtable") and not p.array:
            # Not literals argparse can hold: the default is computed after parsing, converted as PowerShell does.
            if default_node is None:
                if p.conversion == "hashtable":
                    return None  # $null until given
                empty = ps_call(self.out, "static", [("", const_expr("datetime")), ("", const_expr("MinValue"))])
                return ("computed", empty)
            expr = self._expr(next(c for c in default_node.children if c.is_named))
            if p.conversion == "datetime" or expr.type.kind != Kind.DICT:
                expr = ps_call(self.out, "cast", [("", expr), ("", const_expr(p.conversion))], p.type)
            return ("computed", expr)
        if default_node is None:
            value: Any = _EMPTY.get(p.conversion) if not p.array else None
            if value is None:
                p.type = UNKNOWN  # $null until given
            return self._literal_default(p, value) if value is not None else None
        expr = self._expr(next(c for c in default_node.children if c.is_named))
        literal = expr.const is not _NOCONST or (
            expr.items is not None and all(i.const is not _NOCONST for i in expr.items)
        )
        if literal and p.conversion:
            value = expr.const if expr.const is not _NOCONST else [i.const for i in expr.items or ()]
            try:
                value = pscompat.cast(value, _cast_name(p))
            except pscompat.ScriptError as exc:
                raise Unsupported(default_node, f"unsupported: the default of ${p.name}: {exc}") from None
            return self._literal_default(p, value)
        if literal:
            p.type = STR if expr.type.kind == Kind.STR else UNKNOWN
            return expr
        if p.conversion and not (not p.array and expr.type.kind == p.type.kind):
            expr = ps_call(self.out, "cast", [("", expr), ("", const_expr(_cast_name(p)))], p.type)
        elif not p.conversion:
            p.type = STR if expr.type.kind == Kind.STR else UNKNOWN
        return ("computed", expr)

    def _literal_default(self, p: _ScriptParam, value: Any) -> Expr | tuple[str, Expr]:
        """A converted constant default; computed after parsing when argparse would run its ``type`` on it."""
        expr = list_expr([const_expr(v) for v in value]) if isinstance(value, list) else const_expr(value)
        if isinstance(value, str) and any(v.check.reason(value) is not None for v in p.validators):
            # argparse runs type= on a text default; PowerShell never checks a default.
            return ("computed", expr)
        return expr

    def _add_argument_args(self, p: _ScriptParam) -> list[tuple[str, Expr]]:
        """The arguments of one ``parser.add_argument(...)``."""
        args: list[tuple[str, Expr]] = [("", const_expr(o)) for o in _option_strings(p)]
        args.append(("dest=", const_expr(p.py)))
        if p.conversion == "switch":
            args.append(("action=", const_expr("store_true")))
        else:
            if p.array:
                args.append(("nargs=", const_expr("+")))
            type_expr = self._argument_type(p)
            if type_expr is not None:
                args.append(("type=", type_expr))
        if p.mandatory:
            args.append(("required=", const_expr(True)))
        elif isinstance(p.default, tuple):
            args.append(("default=", const_expr(None)))
        elif p.default is not None:
            args.append(("default=", p.default))
        if p.help:
            args.append(("help=", const_expr(p.help.replace("%", "%%"))))
        return args

    def _argument_type(self, p: _ScriptParam) -> Expr | None:
        """``type=``: ``ps.Argument(...)`` for a conversion or several checks, a lone check as it is, or None."""
        conversion = p.conversion or "string"
        empty_check = p.mandatory and p.conversion == "string" and not p.allow_empty
        checks = [v.expr for v in p.validators]
        if conversion == "string" and not empty_check:
            if not checks:
                return None
            if len(checks) == 1:
                self.out.need("ps", "pscompat")
                return checks[0]
        args = [("", const_expr(conversion))] + [("", c) for c in checks]
        if empty_check:
            args.append(("mandatory=", const_expr(True)))
        return ps_call(self.out, "Argument", args)


#: What PowerShell gives a parameter of this declared type that the command line leaves out.
_EMPTY: dict[str, Any] = {"string": "", "int": 0, "long": 0, "double": 0.0, "bool": False}


def _refuse_later_params(p: _ScriptParam, rest: list[_ScriptParam]) -> None:
    """A default that reads its own parameter or a later one: PowerShell's result depends on what was given."""
    default = next((c for c in p.node.children if c.type == "script_parameter_default"), None)
    later = {q.name.lower(): q.name for q in rest}
    stack = [default] if default is not None else []
    while stack:
        node = stack.pop()
        if node.type == "variable":
            name = _bare_name(_variable_name(node)).lower()
            if name in later:
                raise Unsupported(node, f"unsupported: the default of ${p.name} uses ${later[name]}, declared after it")
        stack.extend(node.children)


def _cast_name(p: _ScriptParam) -> str:
    """The ``ps.cast`` type name of a parameter's declared type (``int``, ``string[]``)."""
    base = "object" if not p.conversion else p.conversion
    return base + "[]" if p.array else base


def _option_strings(p: _ScriptParam) -> list[str]:
    """``--kebab-name``, PowerShell's ``-Name`` and each ``-Alias``."""
    out = ["--" + snake_case(p.name).replace("_", "-"), "-" + p.name]
    out.extend("-" + a for a in p.aliases if "-" + a not in out)
    return out


def _attributes(sp: Node) -> list[Node]:
    """The attributes of a script parameter, in order (type literals included)."""
    return [a for part in sp.children if part.type == "attribute_list" for a in part.children if a.type == "attribute"]


def _attribute_name(attr: Node) -> str:
    """An attribute's name in lower case (``[Parameter(Mandatory)]`` -> ``parameter``)."""
    name = next((c for c in attr.children if c.type == "attribute_name"), None)
    return _text(name).lower().removeprefix("system.management.automation.") if name is not None else ""


def _attribute_args(attr: Node) -> tuple[list[Node], dict[str, Node | None]]:
    """An attribute's positional argument expressions and its named ones (``Mandatory`` alone maps to None)."""
    positional: list[Node] = []
    named: dict[str, Node | None] = {}
    args = next((c for c in attr.children if c.type == "attribute_arguments"), None)
    for arg in args.children if args is not None else ():
        if arg.type != "attribute_argument":
            continue
        kids = [c for c in arg.children if c.is_named]
        if kids and kids[0].type == "simple_name":
            named[_text(kids[0])] = kids[1] if len(kids) > 1 else None
        elif kids:
            positional.append(kids[0])
    return positional, named


def param_aliases(ctx: Context, sp: Node) -> list[str]:
    """The names a parameter's ``[Alias('a', 'b')]`` attributes give it."""
    return [alias for attr in _attributes(sp) if _attribute_name(attr) == "alias" for alias in _alias_names(ctx, attr)]


def _alias_names(ctx: Context, attr: Node) -> list[str]:
    """The names of one ``[Alias(...)]``: its arguments, constants as text."""
    positional, named = _attribute_args(attr)
    if named:
        raise Unsupported(attr, f"unsupported: {_text(attr)}")
    return [_text_value(ctx, a, attr) for a in positional]


def _text_value(ctx: Context, node: Node, attr: Node) -> str:
    """A constant attribute argument as text."""
    return pscompat.text(_constant(ctx, node, attr))


_HELP_KEYWORD = re.compile(r"^\s*\.([A-Za-z]+)[ \t]*(.*)$")


def _comment_help(node: Node) -> dict[str, str]:
    """The script's description ("" key: ``.SYNOPSIS``, else ``.DESCRIPTION``, else its leading comment) and
    each ``.PARAMETER name`` text (lower-case name keys), from the comments before ``param()``."""
    comments: list[str] = []
    prev = node.prev_sibling
    while prev is not None and prev.type == "comment":
        comments.insert(0, _text(prev).strip())
        prev = prev.prev_sibling
    sections: dict[str, list[str]] = {}
    plain: list[str] = []
    for comment in comments:
        if comment.startswith("<#"):
            body = comment[2:-2] if comment.endswith("#>") else comment[2:]
            current: list[str] | None = None
            for line in body.splitlines():
                keyword = _HELP_KEYWORD.match(line)
                if keyword:
                    key = keyword.group(1).lower()
                    if key == "parameter":
                        key = "." + keyword.group(2).strip().lower()
                    current = sections.setdefault(key, [])
                elif current is not None:
                    current.append(line.strip())
                else:
                    plain.append(line.strip())
        elif not comment.lower().startswith(("#requires", "#!")):
            plain.append(comment.lstrip("#").strip())
    out = {k[1:]: " ".join(" ".join(v).split()) for k, v in sections.items() if k.startswith(".")}
    description = sections.get("synopsis") or sections.get("description") or plain
    out[""] = " ".join(" ".join(description).split())
    return out


# The checks, read from the attributes; a script function makes them at its start.


def _validator(ctx: Context, attr: Node) -> _Validator:
    """A ``[Validate...()]`` attribute as ``ps.Validate...(...)`` (constant arguments only)."""
    name = _attribute_name(attr)
    cls = _VALIDATORS.get(name)
    if cls is None:
        raise Unsupported(attr, f"unsupported: parameter attribute {_text(attr)}")
    positional, named = _attribute_args(attr)
    args = [_constant(ctx, a, attr) for a in positional]
    kwargs: dict[str, Any] = {}
    for key, value_node in named.items():
        if cls != "ValidateSet" or key.lower() != "ignorecase" or value_node is None:
            raise Unsupported(attr, f"unsupported: {key} in {_text(attr)}")
        kwargs["ignore_case"] = pscompat.to_bool(_constant(ctx, value_node, attr))
    try:
        check = getattr(pscompat, cls)(*args, **kwargs)
    except (TypeError, ValueError, re.error) as exc:
        raise Unsupported(attr, f"unsupported: {_text(attr)} ({exc})") from None
    code = [("", const_expr(a)) for a in args] + [(f"{k}=", const_expr(v)) for k, v in kwargs.items()]
    # Written with call(), not ps_call(): a function's checks are read before it is written.
    return _Validator(call(f"ps.{cls}", code), check, _text(attr))


def _constant(ctx: Context, node: Node, attr: Node) -> Any:
    """The constant value of an attribute argument."""
    value = ctx._expr(node)
    if value.const is _NOCONST:
        raise Unsupported(attr, f"unsupported: {_text(attr)} with an argument that is not a constant")
    return value.const


def function_param_checks(ctx: Context, sp: Node, name: str, empty: str | None) -> tuple[list[Expr], bool]:
    """A function parameter's ``[Validate...()]`` attributes as checks, and whether its default (``empty``,
    Python code) fails one: PowerShell checks only a value given, so then the default is set unchecked."""
    validators = [_validator(ctx, attr) for attr in _attributes(sp) if _attribute_name(attr).startswith("validate")]
    if not validators or empty is None:
        return [v.expr for v in validators], False
    try:
        default = ast.literal_eval(empty)
    except (ValueError, SyntaxError):
        raise Unsupported(sp, f"unsupported: checks on ${name}, whose default is not a constant") from None
    refused = any(v.check.reason(default) is not None for v in validators)
    return [v.expr for v in validators], refused


def write_param_checks(ctx: Context, params: list[_Param], indent: str, *, defaults: bool = True) -> None:
    """At the start of a function: each computed default, evaluated when the call left its parameter out
    (``if p is ps.DEFAULT: p = ...``, in declaration order, so it may use the parameters before it), then
    ``ps.validate("Name", name, ps.ValidateSet(...))`` for each checked parameter."""
    # A default that is a script block is a nested def, written at the indent of the lines it goes before.
    with ctx.walking(indent=indent):
        _write_param_checks(ctx, params, indent, defaults)


def _write_param_checks(ctx: Context, params: list[_Param], indent: str, defaults: bool) -> None:
    for p in params:
        checks = p.checks if isinstance(p, CheckedParam) else []
        validate = None
        if checks:
            args = [("", const_expr(p.name)), ("", Expr(p.py)), *(("", c) for c in checks)]
            validate = ps_call(ctx.out, "validate", args, stmt=True)
        computed = p.computed if isinstance(p, CheckedParam) and defaults else None
        unchecked = p.unchecked if isinstance(p, CheckedParam) and defaults else None
        convert = p.convert if isinstance(p, CheckedParam) and defaults else None
        if defaults and (computed is not None or p.empty == "ps.DEFAULT"):
            if computed is not None:
                value = ctx._expr(next(c for c in computed.children if c.is_named))
            elif unchecked is not None:
                value = Expr(unchecked)
            else:
                value = ps_call(ctx.out, "static", [("", const_expr("datetime")), ("", const_expr("MinValue"))])
            if convert is not None:
                value = ps_call(ctx.out, "cast", [("", value), ("", const_expr(convert))])
            ctx.out.need("ps", "pscompat")
            ctx.out.emit(indent, f"if {p.py} is ps.DEFAULT", None, ":")
            ctx.out.emit(indent + R.INDENT, f"{p.py} = ", value)
            if validate is not None or convert is not None:
                # PowerShell converts and checks a value given; a default is converted, never checked.
                ctx.out.emit(indent, "else", None, ":")
                if convert is not None:
                    cast = ps_call(ctx.out, "cast", [("", Expr(p.py)), ("", const_expr(convert))])
                    ctx.out.emit(indent + R.INDENT, f"{p.py} = ", cast)
                if validate is not None:
                    ctx.out.emit(indent + R.INDENT, "", validate)
        elif convert is not None:
            cast = ps_call(ctx.out, "cast", [("", Expr(p.py)), ("", const_expr(convert))])
            ctx.out.emit(indent, f"{p.py} = ", cast)
            if validate is not None:
                ctx.out.emit(indent, "", validate)
        elif validate is not None:
            ctx.out.emit(indent, "", validate)
