"""Script functions: registered before the script is written (calls may come first), then written as ``def``."""

from __future__ import annotations

import re

from . import _rules as R
from ._binding import _Param, _UserFunction, args_param
from ._catalog import BLOCK, BOOL, DICT, FLOAT, INT, STR, UNKNOWN, Kind, T, list_of, normalize, snake_case
from ._context import Context
from ._expr import _NOCONST, Expr, const_expr, ps_call, py_str
from ._scope import _bare_name, _identifier
from ._script_params import CheckedParam, function_param_checks, param_aliases, write_param_checks
from ._syntax import (
    _RETURN_WITH_VALUE,
    Node,
    Unsupported,
    _block_statements,
    _clause_comments,
    _is_assignment,
    _text,
    _type_name,
    _type_name_is_switch,
    _unwrap,
    _variable_name,
)

#: ``return ,value``: an array returned as one object.
_RETURN_ONE_OBJECT = re.compile(r"return\s*,", re.IGNORECASE)


class Functions(Context):
    """A script's ``function`` statements: their names, parameters and bodies."""

    def _collect_functions(self, statements: list[Node]) -> None:
        """Register the script's top-level functions first: functions call ones defined further down."""
        for node in statements:
            if node.type == "function_statement":
                self._register_function(node)

    def _register_function(self, node: Node) -> _UserFunction | None:
        """Record a script function (name, parameters) so calls to it can be bound."""
        name_node = next((c for c in node.children if c.type == "function_name"), None)
        if name_node is None:
            return None
        name = _text(name_node)
        key = normalize(name)
        known = self.functions.get(key)
        if known is not None and known.node == node:
            return known
        fn = _UserFunction(self.scope.function_name(name) if known is None else known.py, node)
        try:
            fn.params = self._function_params(node)
        except Unsupported as exc:
            fn.error = exc
        fn.returns_value = bool(_RETURN_WITH_VALUE.search(_text(node)))
        fn.advanced = _is_advanced(node)
        body = _function_body(node)
        fn.generator = body is not None and self._emits(body)
        self.functions[key] = fn
        return fn

    def _emits(self, block: Node) -> bool:
        """Whether a function body may write output other than by ``return value`` (then its Python is a
        generator of everything it writes, as a PowerShell function returns all its output)."""
        for statement in _block_statements(block):
            kind = statement.type
            if kind == "pipeline":
                if self._pipeline_emits(statement):
                    return True
            elif kind == "flow_control_statement" and _RETURN_ONE_OBJECT.match(_text(statement)):
                # `return ,$list` writes the array as one object: only a generator keeps it one item where the
                # function's output is taken item by item (@(F), F | ...).
                return True
            elif kind in ("function_statement", "flow_control_statement", "comment", "empty_statement"):
                continue
            elif kind in _COMPOUND:
                if any(self._emits(sub) for sub in _sub_blocks(statement)):
                    return True
            else:
                return True
        return False

    def _pipeline_emits(self, statement: Node) -> bool:
        """Whether a pipeline statement writes output: not an assignment, ``[void]``, ``| Out-Null``, nor a
        command that writes none (``Write-Host``, ``Set-Content``, a package function returning nothing)."""
        if _is_assignment(statement):
            return False
        kids = [c for c in statement.children if c.is_named and c.type != "comment"]
        inner = _unwrap(kids[0]) if statement.type == "pipeline" and len(kids) == 1 else _unwrap(statement)
        kind = inner.type
        if kind in ("assignment_expression", *_INCREMENTS):
            return False
        if kind == "cast_expression" and _text(inner).lower().replace(" ", "").startswith("[void]"):
            return False
        commands = [c for c in inner.children if c.type == "command"] if kind == "pipeline_chain" else []
        if kind == "command":
            commands = [inner]
        if not commands:
            return True
        name_node = commands[-1].child_by_field_name("command_name")
        name = _text(name_node).lower() if name_node is not None else ""
        if name in _VOID_COMMANDS:
            return False
        info = self.cat.function(name) if name_node is not None else None
        if info is not None and normalize(name) not in self.functions:
            # A switch such as -WithHttpInfo or -PassThru makes a call that returns nothing return a value.
            switches = {p.py_name: p.norm for p in info.params if p.switch or p.bare_is_true}
            words = _text(commands[-1]).split()
            written = {normalize(w[1:].split(":", 1)[0]) for w in words if w.startswith("-") and ":$false" not in w}
            on = frozenset(py for py, norm in switches.items() if norm in written)
            return self.cat.return_type(info, on).kind != Kind.NONE
        return True

    def visit_function_statement(self, node: Node, indent: str) -> None:
        """``function Name { param(...) ... }`` as ``def name(...):``."""
        fn = self._register_function(node)
        if fn is None:
            raise Unsupported(node, "syntax error")
        if fn.error is not None:
            raise fn.error
        if any(c.type in ("filter", "workflow") for c in node.children):
            raise Unsupported(node, "unsupported: filter or workflow")
        script_block = next((c for c in node.children if c.type == "script_block"), None)
        blocks = _named_blocks(script_block)
        takes_pipeline = any(isinstance(p, CheckedParam) and p.from_pipeline for p in fn.params)
        params = []
        need_star = False
        seen_default = False
        # A function reading $PSBoundParameters tells a parameter given from one left out: every optional
        # parameter then defaults to ps.DEFAULT, and its PowerShell default is set when the function starts.
        reads_bound = b"$psboundparameters" in (node.text or b"").lower()
        for p in fn.params:
            if p.empty is None and not (isinstance(p, CheckedParam) and p.from_pipeline):
                if seen_default:
                    need_star = True
                params.append(f"{p.py}")
            else:
                # A pipeline parameter, Mandatory or not, may come from the piped items instead of the call.
                seen_default = True
                params.append(f"{p.py}={_COMPUTED if reads_bound or p.empty is None else p.empty}")
        if takes_pipeline:
            if not need_star:
                params.append("*")
            params.append(f"{_PIPED}=ps.NO_INPUT")
        if need_star:
            params.insert(0, "*")
        if reads_bound or takes_pipeline or any(p.empty == _COMPUTED for p in fn.params):
            self.out.need("ps", "pscompat")
        self.out.emit(indent, f"def {fn.py}({', '.join(params)})", None, ":", row=node.start_point[0])
        def_line = len(self.out.lines) - 1
        function_globals: set[str] = set()
        outer = self.scope.enter_function()
        try:
            should_process = (
                (name_of_function(node), "what_if", "confirm") if any(p.py == "what_if" for p in fn.params) else None
            )
            with self.walking(
                catches=[],
                loops=0,
                underscore=[],
                yielding=fn.generator,
                level_indent=indent + R.INDENT,
                pending_inits=[],
                function_globals=function_globals,
                return_word="return",
                should_process=should_process,
            ):
                self._write_function_body(
                    node, fn, script_block, blocks, reads_bound, takes_pipeline, indent + R.INDENT
                )
        finally:
            if function_globals:
                declared = ", ".join(sorted(function_globals))
                self.out.lines.insert(def_line + 1, f"{indent}{R.INDENT}global {declared}")
                self.out.code_lines += 1
            self.scope.leave_function(outer)

    def _write_function_body(
        self,
        node: Node,
        fn: _UserFunction,
        script_block: Node | None,
        blocks: dict[str, Node] | None,
        reads_bound: bool,
        takes_pipeline: bool,
        indent: str,
        own: bool = False,
    ) -> None:
        """A function's parameters bound as its variables, then its body (plain, or begin/process/end).
        A function that sets a preference variable (``$ErrorActionPreference = 'Stop'``) sets its own, as in
        PowerShell: the caller's preferences come back when it ends."""
        if not own and _SETS_PREFERENCE.search(_text(node)):
            saved = self.scope.fresh("preferences")
            self.out.need("ps", "pscompat")
            self.out.emit(indent, f"{saved} = ps.preferences.save()", None)
            self.out.emit(indent, "try", None, ":")
            inner = indent + R.INDENT
            with self.walking(level_indent=inner):
                self._write_function_body(node, fn, script_block, blocks, reads_bound, takes_pipeline, inner, own=True)
            self.out.emit(indent, "finally", None, ":")
            self.out.emit(inner, f"ps.preferences.restore({saved})", None)
            return
        for p in fn.params:
            # An array parameter the call leaves out is $null, not an array.
            var = self.scope.new_param(p.name, UNKNOWN if p.empty == "None" and p.type.kind != Kind.BLOCK else p.type)
            if var.py != p.py:
                raise Unsupported(node, f"unsupported: parameter ${p.name} clashes with another name")
        self.out.flush_comments(_clause_comments(node), None, indent)
        if reads_bound:
            self._bind_bound_parameters(fn.params, indent)
        if blocks is None:
            if takes_pipeline:
                raise Unsupported(node, "unsupported: a pipeline parameter in a function without a process block")
            body = None
            if script_block is not None:
                body = next((c for c in script_block.children if c.type == "script_block_body"), None)
            write_param_checks(self, fn.params, indent)
            self._block(body, indent)
        else:
            self._named_blocks_body(fn.params, blocks, indent)

    def _named_blocks_body(self, params: list[_Param], blocks: dict[str, Node], indent: str) -> None:
        """``begin {} process {} end {}``: begin once, process once per piped item (or once when nothing is
        piped) with the pipeline parameters bound from the item and ``$_`` the item, then end."""
        piped_params: list[_Param] = [p for p in params if isinstance(p, CheckedParam) and p.from_pipeline]
        others = [p for p in params if p not in piped_params]
        write_param_checks(self, others, indent)
        given = {p.py: self.scope.fresh(f"{p.py}_given") for p in piped_params}
        for p in piped_params:
            self.out.emit(indent, f"{given[p.py]} = {p.py}", None)
        if "begin" in blocks:
            self._block(blocks["begin"], indent, straight=True)
        if "process" in blocks and not piped_params:
            self._block(blocks["process"], indent, straight=True)  # nothing binds piped input: it runs once
        elif "process" in blocks:
            item = self.scope.fresh("item")
            self.out.emit(indent, f"for {item} in ps.pipeline_input({_PIPED})", None, ":")
            inner = indent + R.INDENT
            for p in piped_params:
                assert isinstance(p, CheckedParam)
                cast = _CASTS_BY_TYPE.get(p.type.kind)
                args = [
                    ("", Expr(item)),
                    ("", const_expr(p.name)),
                    ("", Expr(given[p.py])),
                    ("by_name=", const_expr(p.from_pipeline == "name")),
                ]
                if p.mandatory:
                    args.append(("mandatory=", const_expr(True)))
                if p.from_pipeline == "name" and p.alias_names:
                    names = ", ".join(py_str(a) for a in p.alias_names)
                    args.append(("aliases=", Expr(f"({names},)" if len(p.alias_names) == 1 else f"({names})")))
                if cast is not None:
                    args.append(("cast=", const_expr(cast)))
                self.out.emit(inner, f"{p.py} = ", ps_call(self.out, "pipeline_bind", args))
            write_param_checks(self, piped_params, inner, defaults=False)
            # $_ is the item; return in process ends this item, not the pipeline.
            underscore = [*self.underscore, f"(None if {item} is ps.NO_INPUT else {item})"]
            with self.walking(underscore=underscore, return_word="continue"):
                self._block(blocks["process"], inner)
        if "end" in blocks:
            self._block(blocks["end"], indent, straight=True)

    def _bind_bound_parameters(self, params: list[_Param], indent: str) -> None:
        """``$PSBoundParameters`` of a function: the parameters the call gave, by name; then the defaults of
        those it left out (a computed one is set by write_param_checks, after)."""
        assert self.scope.locals is not None
        var = self.scope.new_var(self.scope.locals, "psboundparameters", "bound_parameters", _BOUND)
        self.scope.function_bound_parameters = True
        pairs = ", ".join(f"({py_str(p.name)}, {p.py})" for p in params)
        self.out.emit(indent, f"{var.py} = ps.bound_arguments({pairs})", None)
        for p in params:
            if p.empty is not None and p.empty != _COMPUTED:
                self.out.emit(indent, f"if {p.py} is ps.DEFAULT", None, ":")
                self.out.emit(indent + R.INDENT, f"{p.py} = {p.empty}", None)

    def _function_params(self, node: Node) -> list[_Param]:
        """A script function's parameters: names, ``[switch]``, and PowerShell's default for each declared type."""
        plist = _parameter_list(node)
        params = (
            [
                self._script_param(sp, position)
                for position, sp in enumerate(c for c in plist.children if c.type == "script_parameter")
            ]
            if plist is not None
            else []
        )
        if not params and _READS_ARGS.search(node.text or b""):
            # A function without parameters takes what it is given in $args.
            return [args_param()]
        if _SUPPORTS_SHOULD_PROCESS.search(_text(node)):
            # [CmdletBinding(SupportsShouldProcess)] gives the function -WhatIf and -Confirm.
            for name, py, empty in (("WhatIf", "what_if", "False"), ("Confirm", "confirm", "None")):
                if any(p.py == py for p in params):
                    raise Unsupported(node, f"unsupported: a parameter ${name} beside SupportsShouldProcess")
                params.append(CheckedParam(name, py, checks=[], switch=True, empty=empty, type=BOOL))
        return params

    def _script_param(self, sp: Node, position: int) -> _Param:
        """One ``script_parameter`` of a function: its name, Python name, type and value when left out."""
        kind, mandatory, pipeline = _param_attributes(sp)
        var_node = _last_child(sp, "variable")
        default_node = _last_child(sp, "script_parameter_default")
        if var_node is None:
            raise Unsupported(sp, "syntax error")
        name = _bare_name(_variable_name(var_node))
        ptype = list_of(UNKNOWN) if kind == "list" else _PARAM_TYPES.get(kind, UNKNOWN)
        empty = self._param_empty(kind, mandatory, default_node)
        py = _identifier(snake_case(name))
        if py in self.scope.reserved:
            py += "_"
        if kind == "datetime" and empty is not None and empty != _COMPUTED:
            empty = _COMPUTED  # the constant is converted when the function starts, like any value given
        computed = default_node if empty == _COMPUTED else None
        checks, refused = function_param_checks(self, sp, name, None if computed is not None else empty)
        unchecked = None
        if refused:
            unchecked, empty = empty, _COMPUTED  # set when left out, where the checks of a value given are
        return CheckedParam(
            name,
            py,
            checks=checks,
            computed=computed,
            unchecked=unchecked,
            convert="datetime" if kind == "datetime" else None,
            from_pipeline=pipeline,
            mandatory=mandatory,
            switch=_type_name_is_switch(sp),
            position=position,
            empty=empty,
            type=ptype,
            alias_names=tuple(param_aliases(self, sp)),
        )

    def _param_empty(self, kind: str, mandatory: bool, default_node: Node | None) -> str | None:
        """The Python default of a parameter: its constant default, none when mandatory, else PowerShell's;
        ``ps.DEFAULT`` for an expression, which the function evaluates at each call, as PowerShell does."""
        if default_node is not None:
            if _has_variable(default_node):
                return _COMPUTED  # it may read the parameters before it: evaluated inside the function
            mark = self.out.mark()
            value = self._expr(next(c for c in default_node.children if c.is_named))
            if value.const is _NOCONST:
                self.out.rollback(mark)
                return _COMPUTED
            return value.code
        if mandatory:
            return None
        if kind == "datetime":
            return _COMPUTED  # DateTime.MinValue, made when the function starts
        # PowerShell's value for a parameter left out depends on its declared type.
        return _EMPTY_BY_KIND.get(kind, "None")


#: ``$args`` or ``@args`` in a function's text.
_READS_ARGS = re.compile(rb"[$@]args\b", re.IGNORECASE)

#: ``[CmdletBinding(SupportsShouldProcess)]`` (not ``= $false``).
_SUPPORTS_SHOULD_PROCESS = re.compile(r"\[CmdletBinding\([^)]*SupportsShouldProcess(?!\s*=\s*\$false)", re.IGNORECASE)

#: A function assigning a preference variable of its own (not ``$script:``/``$global:``).
_SETS_PREFERENCE = re.compile(
    r"(?<![:\w])\$(?:ErrorActionPreference|VerbosePreference|WarningPreference|OFS)\s*=(?!=)", re.IGNORECASE
)

#: The keyword argument a pipeline function takes its piped input in.
_PIPED = "piped"
#: The ps.cast type of a pipeline parameter by its declared type.
_CASTS_BY_TYPE = {Kind.INT: "int", Kind.FLOAT: "double", Kind.STR: "string", Kind.BOOL: "bool", Kind.LIST: "array"}


def _named_blocks(script_block: Node | None) -> dict[str, Node] | None:
    """A function's ``begin``/``process``/``end`` blocks by name (None when its body is plain statements)."""
    body = next((c for c in script_block.children if c.type == "script_block_body"), None) if script_block else None
    named = next((c for c in body.children if c.type == "named_block_list"), None) if body is not None else None
    if named is None:
        return None
    blocks: dict[str, Node] = {}
    for block in (c for c in named.children if c.type == "named_block"):
        name = _text(next(c for c in block.children if c.type == "block_name")).lower()
        statements = next((c for c in block.children if c.type == "statement_block"), None)
        if name not in ("begin", "process", "end") or statements is None:
            raise Unsupported(block, f"unsupported: a {name} block")
        blocks[name] = statements
    return blocks


#: What $PSBoundParameters is: a hashtable of the parameters given, by name.
_BOUND = T(Kind.DICT, keys=None, cls="Hashtable")

#: The Python default of a parameter whose PowerShell default is an expression (evaluated at each call).
_COMPUTED = "ps.DEFAULT"


def _has_variable(node: Node) -> bool:
    """Whether a default reads a variable (so it is translated in the function, where the parameters are)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "variable":
            return True
        stack.extend(current.children)
    return False


#: Statements with blocks of statements inside.
_COMPOUND = frozenset(
    {
        "if_statement",
        "foreach_statement",
        "for_statement",
        "while_statement",
        "do_statement",
        "switch_statement",
        "try_statement",
    }
)
_INCREMENTS = (
    "post_increment_expression",
    "pre_increment_expression",
    "post_decrement_expression",
    "pre_decrement_expression",
)
#: Built-in cmdlets that write nothing to the output (lower case, aliases included).
_VOID_COMMANDS = frozenset(
    {
        "write-host",
        "write-verbose",
        "write-warning",
        "write-error",
        "write-information",
        "write-debug",
        "set-content",
        "add-content",
        "remove-item",
        "export-csv",
        "out-file",
        "start-sleep",
        "out-null",
        "set-strictmode",
        "import-module",
        "sc",
        "ac",
        "ri",
        "rm",
        "del",
        "epcsv",
        "sleep",
    }
)


def _function_body(node: Node) -> Node | None:
    """The body of a ``function`` statement."""
    script_block = next((c for c in node.children if c.type == "script_block"), None)
    if script_block is None:
        return None
    return next((c for c in script_block.children if c.type == "script_block_body"), None)


def _sub_blocks(statement: Node) -> list[Node]:
    """The statement blocks of a compound statement (its clauses' too), not those of nested script blocks."""
    found: list[Node] = []
    stack = list(statement.children)
    while stack:
        child = stack.pop()
        if child.type == "statement_block":
            found.append(child)
        elif child.type.endswith(("_clause", "_clauses", "_body")):
            # Clauses hold blocks; conditions and other expressions never hold a statement block of their own.
            stack.extend(child.children)
    return found


#: The T of a parameter by its declared type (``R.CASTS`` action); "list" is a list of unknown items.
_PARAM_TYPES = {"str": STR, "int": INT, "float": FLOAT, "bool": BOOL, "dict": DICT, "block": BLOCK}
#: What PowerShell gives a parameter of this declared type that the call leaves out.
_EMPTY_BY_KIND = {"str": '""', "int": "0", "float": "0.0", "bool": "False"}
#: Attributes that validate (checked: see _script_params) or document a parameter.
_CHECK_ONLY_ATTRIBUTES = ("validate", "allow", "alias", "cmdletbinding")


def _parameter_list(node: Node) -> Node | None:
    """The ``parameter_list`` of ``function F($a)`` or of the body's ``param(...)`` (both at once is an error)."""
    plist = None
    decl = next((c for c in node.children if c.type == "function_parameter_declaration"), None)
    if decl is not None:
        plist = next((c for c in decl.children if c.type == "parameter_list"), None)
    script_block = next((c for c in node.children if c.type == "script_block"), None)
    if script_block is not None:
        param_block = next((c for c in script_block.children if c.type == "param_block"), None)
        if param_block is not None:
            if plist is not None:
                raise Unsupported(node, "syntax error")
            plist = next((c for c in param_block.children if c.type == "parameter_list"), None)
    return plist


def _is_advanced(node: Node) -> bool:
    """Whether a function is advanced (``[CmdletBinding()]`` or a ``[Parameter()]`` in its parameters)."""
    try:
        plist = _parameter_list(node)
    except Unsupported:
        return False
    if plist is None:
        return False
    head = (node.text or b"")[: plist.end_byte - node.start_byte]
    return _ADVANCED.search(head) is not None


#: The attributes that make a function advanced.
_ADVANCED = re.compile(rb"\[\s*(?:CmdletBinding|Parameter)\s*[(\]]", re.IGNORECASE)


def _param_attributes(sp: Node) -> tuple[str, bool, str | None]:
    """A parameter's declared type (its ``R.CASTS`` action, "any" when none), whether it is mandatory, and how
    it binds pipeline input: "value" (``ValueFromPipeline``), "name" (``...ByPropertyName``) or None."""
    kind, mandatory = "any", False
    pipeline: str | None = None
    for part in sp.children:
        if part.type != "attribute_list":
            continue
        for attr in part.children:
            if attr.type != "attribute":
                continue
            lit = next((c for c in attr.children if c.type == "type_literal"), None)
            if lit is not None:
                type_name = _type_name(lit)
                # [pscustomobject]/[psobject] as a parameter type wraps what is passed without changing it.
                kind = "any" if type_name in ("pscustomobject", "psobject") else R.CASTS.get(type_name, "")
                if not kind or kind in ("void", "dict_literal"):
                    raise Unsupported(lit, f"unsupported: parameter type {_text(lit)}")
                continue
            attr_name = _text(next((c for c in attr.children if c.type == "attribute_name"), attr)).lower()
            if attr_name == "parameter":
                named = _named_arguments(_text(attr))
                mandatory = named.get("mandatory", False)
                by_value, by_name = (
                    named.get("valuefrompipeline", False),
                    named.get("valuefrompipelinebypropertyname", False),
                )
                if by_value and by_name:
                    raise Unsupported(attr, "unsupported: a parameter bound from the pipeline both ways")
                if by_value or by_name:
                    pipeline = "name" if by_name else "value"
            elif not attr_name.startswith(_CHECK_ONLY_ATTRIBUTES):
                raise Unsupported(attr, f"unsupported: parameter attribute [{attr_name}]")
    return kind, mandatory, pipeline


_NAMED_ARGUMENT = re.compile(r"""(?:\(|,)\s*(\w+)\s*(?:=\s*('(?:[^']|'')*'|"(?:[^"`]|`.)*"|[^,)]*))?""", re.DOTALL)


def _named_arguments(text: str) -> dict[str, bool]:
    """The named arguments of an attribute such as ``[Parameter(Mandatory = $false, ValueFromPipeline)]``,
    by lower-case name: a bare name is ``$true``; ``$false`` and ``0`` are false (strings are skipped over)."""
    found: dict[str, bool] = {}
    for name, value in _NAMED_ARGUMENT.findall(text):
        value = value.strip().lower()
        found[name.lower()] = value not in ("$false", "0", "$null")
    return found


def _last_child(node: Node, kind: str) -> Node | None:
    """The last child of ``node`` of type ``kind``, if any."""
    found = None
    for child in node.children:
        if child.type == kind:
            found = child
    return found


def name_of_function(node: Node) -> str:
    """The name a ``function`` statement gives (as written)."""
    name = next((c for c in node.children if c.type == "function_name"), None)
    return _text(name) if name is not None else ""
