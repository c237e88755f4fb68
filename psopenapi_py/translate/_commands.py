"""Pipelines and commands: which command a name is (script function, built-in, package function) and its call."""

from __future__ import annotations

import re

from . import _rules as R
from ._binding import COMMON_PARAMS, Element, _builtin_params, _package_params, _Param, _UserFunction
from ._builtins import COMMANDS, HANDLERS, print_value
from ._catalog import INT, NONE, UNKNOWN, FunctionInfo, Kind, T, list_of, normalize
from ._context import Context
from ._expr import _NOCONST, P_ATOM, Expr, call, const_expr, list_expr, ps_call, py_str, wrap
from ._functions import name_of_function
from ._scope import _bare_name
from ._syntax import _PASSTHROUGH, Node, Unsupported, _first_error, _text, _unwrap


class Commands(Context):
    """Pipelines and command calls."""

    def _pipeline_value(self, node: Node) -> Expr:
        """The value a pipeline (``a | b | c``), a command or an expression produces."""
        kind = node.type
        if kind == "pipeline":
            if node.has_error:
                raise Unsupported(_first_error(node), "syntax error")
            kids = self._kids(node)
            if len(kids) != 1:
                raise Unsupported(node, "unsupported: pipeline with redirection")
            node = kids[0]
            kind = node.type
        if kind in _PASSTHROUGH:
            node = _unwrap(node)
            kind = node.type
        if kind == "pipeline_chain":
            parts = self._kids(node)
            if any(p.type == "pipeline_chain_tail" for p in parts):
                raise Unsupported(node, "unsupported: && / || between pipelines")
            value: Expr | None = None
            for i, part in enumerate(parts):
                part = _unwrap(part)
                if value is not None and value.whole:
                    value = self._ps("one_object", value)  # an array answer goes on as one object
                elif value is not None and value.generator is not None:
                    # A function's output goes down the pipeline object by object as it wrote them (an
                    # array it wrote as one object stays one), not as assigning it would collect it.
                    value = self._ps("written", value.generator, type=list_of(UNKNOWN))
                if part.type == "command":
                    value = self._command(part, value)
                elif i == 0:
                    value = self._expr(part)
                    if value.const is None and len(parts) > 1:
                        # `$null | ...` sends one $null down the pipeline (nothing would send none).
                        value = list_expr([value])
                else:
                    raise Unsupported(part, f"unsupported: {part.type} in a pipeline")
            if value is None:
                raise Unsupported(node, "syntax error")
            return value
        if kind == "command":
            return self._command(node, None)
        if kind == "assignment_expression":
            raise Unsupported(node, "unsupported: assignment used as a value")
        return self.expr_dispatch.get(kind, self.generic_expr)(node)

    def _command(self, node: Node, piped: Expr | None) -> Expr:
        """A command: a script function, a PowerShell built-in or a package function (in that order, as PowerShell looks them up)."""
        name_node = node.child_by_field_name("command_name")
        first = node.child(0)
        if first is not None and first.type == "command_invokation_operator":  # the grammar puts & or . first
            return self._invoke_block(node, piped)
        if name_node is None:
            raise Unsupported(node, "syntax error")
        name = _text(name_node)
        if piped is None and _NOT_A_COMMAND.match(name):
            # The grammar reads `foreach ($i in 1..$n)` as a command named "1..$n": it is an expression.
            return self._reparsed(node)
        elements = self.binder.elements(node)
        fn = self.functions.get(normalize(name))
        builtin = COMMANDS.get(name.lower()) if fn is None else None
        if fn is not None and piped is not None and any(getattr(p, "from_pipeline", None) for p in fn.params):
            # A pipeline function: its process block runs once per piped item, as PowerShell runs it.
            return self._call_user(fn, name, elements, piped, node)
        if piped is not None and piped.type.kind == Kind.LIST:
            # PowerShell runs a command once per item of a piped array: only the cmdlets for which
            # that equals one call with the whole array take one.
            if builtin is None or builtin.handler not in R.WHOLE_ARRAY_PIPELINE:
                raise Unsupported(node, f"unsupported: piping an array into {name} (it runs once per item)")
            if builtin.handler == "write_host":
                return print_value(self.out, piped)  # one item a line, as Write-Host once per item prints
        elif piped is not None and builtin is not None and builtin.handler == "write_host" and not elements:
            if piped.type.kind in (Kind.UNKNOWN, Kind.JSON) or piped.loose:
                # Once per item of what may be an array: each on its own line.
                return self._ps("foreach_object", piped, Expr("ps.write_host", P_ATOM), stmt=True)
        elif piped is not None and builtin is not None and builtin.handler not in R.WHOLE_ARRAY_PIPELINE:
            if piped.type.kind in (Kind.UNKNOWN, Kind.JSON) or piped.loose:
                raise Unsupported(node, f"unsupported: piping a value that may be an array into {name}")
        if fn is not None:
            return self._call_user(fn, name, elements, piped, node)
        if builtin is not None:
            # A table splatted into the web cmdlets may hold keys known only at run time: they are matched
            # to the runtime function's parameters then, as PowerShell matches them.
            runtime = (
                f"ps.{builtin.handler}" if builtin.handler in ("invoke_rest_method", "invoke_web_request") else None
            )
            bound = self.binder.bind(builtin.name, _builtin_params(builtin), elements, piped, node, callee=runtime)
            args = {p.name: value for p, value in bound if not p.ignored}
            if runtime is not None:
                self._web_variables(args, node)
            if "ErrorVariable" in args:
                args["ErrorVariable"] = self._error_variable(args["ErrorVariable"], node)
            return HANDLERS[builtin.handler](self.out, args, node)
        info = self.cat.function(name)
        if info is not None:
            return self._call_package(info, name, elements, piped, node)
        raise Unsupported(name_node, f"unknown command '{name}'")

    def _error_variable(self, given: Expr, node: Node) -> Expr:
        """``-ErrorVariable name``: the variable, set to a new list as the command starts (as PowerShell
        clears it), that the runtime adds each error record to."""
        name = given.const
        if not isinstance(name, str) or not name or name.startswith(("$", "+")):
            raise Unsupported(node, "unsupported: -ErrorVariable other than a variable's name")
        var = self.scope.var(_bare_name(name), node, assign=list_of(UNKNOWN))
        return Expr(f"({var.py} := [])", P_ATOM, list_of(UNKNOWN))

    def _web_variables(self, args: dict[str, Expr], node: Node) -> None:
        """``-StatusCodeVariable s`` and ``-ResponseHeadersVariable h`` of the web cmdlets: the variables are
        set right after the statement that makes the call (from the answer the runtime keeps)."""
        for parameter, getter, kind in (
            ("StatusCodeVariable", "web_status_code", INT),
            ("ResponseHeadersVariable", "web_response_headers", UNKNOWN),
        ):
            given = args.pop(parameter, None)
            if given is None:
                continue
            name = given.const
            if not isinstance(name, str) or not name or name.startswith("$"):
                raise Unsupported(node, f"unsupported: -{parameter} other than a variable's name")
            statement = self.statements_open[-1] if self.statements_open else None
            if statement is None or statement.type != "pipeline":
                # Only after a simple statement is "right after the call" where the script reads it.
                raise Unsupported(node, f"unsupported: -{parameter} inside {statement.type if statement else 'this'}")
            var = self.scope.var(_bare_name(name), node, assign=kind)
            self.out.need("ps", "pscompat")
            self.after_statement.append(f"{var.py} = ps.{getter}()")

    def _reparsed(self, node: Node) -> Expr:
        """An expression the grammar took for a command, parsed again on its own as ``( ... )``."""
        from ._syntax import _parser

        # `1..$n` reads as a command name until the range operator has spaces around it.
        text = re.sub(rb"^(\s*[-+]?[\d.]+)\.\.", rb"\1 .. ", node.text or b"")
        tree = _parser().parse(b"(" + text + b")")
        self.trees.append(tree)  # its nodes live as long as the tree
        inner = _unwrap(tree.root_node)
        while (
            inner.type in ("program", "statement_list", "pipeline", "pipeline_chain") and inner.named_child_count == 1
        ):
            child = inner.named_child(0)
            assert child is not None
            inner = _unwrap(child)
        if tree.root_node.has_error or inner.type != "parenthesized_expression":
            raise Unsupported(node, f"unknown command '{_text(node)}'")
        try:
            return self._expr(inner)
        except Unsupported as exc:
            raise Unsupported(node, exc.message) from None

    def _invoke_block(self, node: Node, piped: Expr | None) -> Expr:
        """``& $block args``: the script block (a Python callable) called with the arguments."""
        target = next((c for c in node.children if c.type == "command_name_expr"), None)
        if target is None or piped is not None or _text(node).lstrip().startswith("."):
            raise Unsupported(node, "unsupported: . invocation or & of this kind")
        variable = target
        while variable.type not in ("variable", "string_literal") and variable.named_child_count == 1:
            child = variable.named_child(0)
            assert child is not None
            variable = child
        if variable.type == "path_command_name":
            # & $Handlers.beta: the grammar reads the member as part of a command name.
            parts = [c for c in variable.children if c.is_named]
            names = [_text(p) for p in parts[1:]]
            if not parts or parts[0].type != "variable" or not all(n.startswith(".") and n[1:] for n in names):
                raise Unsupported(node, "unsupported: & of a command name")
            callee = self._expr(parts[0])
            for name in names:
                callee = self._ps("member", callee, const_expr(name[1:]))
        elif variable.type in ("variable", "element_access", "member_access", "string_literal"):
            # A block in a variable or a table ($Handlers[$Kind]), or a function's name.
            callee = self._expr(variable)
        else:
            raise Unsupported(node, "unsupported: & of a command name")
        elements = self.binder.elements(node)
        if callee.type.kind == Kind.BLOCK and all(element[0] == "value" for element in elements):
            args = [self._argument(element[2]) for element in elements if element[2] is not None]
            return self._ps("output", call(wrap(callee, P_ATOM), [("", a) for a in args]))
        # A block with named arguments, or a value that may be a function's name ("& $Helper -Secret $s"):
        # bound when it runs, to the block's or the script function's parameters.
        positional: list[Expr] = []
        named: list[Expr] = []
        i = 0
        while i < len(elements):
            kind, name, value_node, _ = elements[i]
            i += 1
            if kind == "value" and value_node is not None:
                positional.append(self._argument(value_node))
            elif kind == "colon" and value_node is not None:
                named.append(Expr(f"({py_str(name)}, {self._argument(value_node).code})"))
            elif kind == "param":
                following = elements[i] if i < len(elements) else None
                if following is not None and following[0] == "value" and following[2] is not None:
                    named.append(Expr(f"({py_str(name)}, {self._argument(following[2]).code})"))
                    i += 1
                else:
                    named.append(Expr(f"({py_str(name)}, True)"))  # a switch
        self._register_commands()
        extra = [("named=", list_expr(named))] if named else []
        return ps_call(self.out, "call_command", [("", callee), *(("", a) for a in positional), *extra], UNKNOWN)

    def _register_commands(self) -> None:
        """Once per script: the script's functions by PowerShell name, for ``& $name`` to find them by the
        name a value holds when the call runs (a function may be defined after the call site's text)."""
        line = "ps.register_commands(globals(), {{{}}})".format(
            ", ".join(
                f"{py_str(name_of_function(fn.node))}: {py_str(fn.py)}"
                for fn in self.functions.values()
                if fn.error is None and _top_level(fn.node)
            )
        )
        if line not in self.out.prologue:
            self.out.prologue.append(line)

    def _converted(self, value: Expr, declared: T) -> Expr:
        """An argument as a typed parameter receives it: PowerShell converts it to the declared type
        (``[int]`` takes "200" as 200, ``[string]`` takes ``$null`` as "")."""
        kind = declared.kind
        if value.const is not _NOCONST and kind in (Kind.INT, Kind.FLOAT, Kind.STR):
            from .. import pscompat

            try:
                return const_expr(
                    pscompat.cast(value.const, {Kind.INT: "int", Kind.FLOAT: "double"}.get(kind, "string"))
                )
            except pscompat.ScriptError:
                pass  # PowerShell's error comes when the call runs
        if value.loose or value.type.kind != kind:
            if kind == Kind.STR:
                return self._as_text(value)
            if kind == Kind.INT:
                return self._ps("to_int", value, type=declared)
            if kind == Kind.FLOAT:
                return (
                    value
                    if value.type.kind == Kind.INT and not value.loose
                    else self._ps("to_double", value, type=declared)
                )
            if kind == Kind.BOOL:
                return self._truth(value)
            if kind == Kind.LIST and value.const is not None:
                return self._ps("as_array", value, type=declared)
        return value

    def _call_package(
        self,
        info: FunctionInfo,
        name: str,
        elements: list[Element],
        piped: Expr | None,
        node: Node,
    ) -> Expr:
        """A call of a package function with keyword arguments; its result type follows the switches given."""
        params = _package_params(info)
        self.plain_dicts = True
        try:
            bound = self.binder.bind(name, params, elements, piped, node, callee=info.py_name)
        finally:
            self.plain_dicts = False
        for p, v in bound:
            if p not in COMMON_PARAMS:
                continue
            if p.py != "error_action":
                raise Unsupported(node, f"unsupported: -{p.name} of {name}")
            if not (isinstance(v.const, str) and v.const.lower() == "stop"):
                # Stop changes nothing: the cmdlet's errors (the API's answers) stop the script already.
                raise Unsupported(node, f"unsupported: -ErrorAction other than Stop on {name}")
        bound = [(p, v) for p, v in bound if p not in COMMON_PARAMS]
        switches_on = frozenset(p.py for p, v in bound if p.switch and v.const is True)
        returns = self.cat.return_type(info, switches_on)
        self.out.need("pkg", info.py_name)
        args = [(_keyword(p), self._bound_to_package(v, p.type, p.takes_int)) for p, v in bound]
        return call(info.py_name, args, returns, stmt=returns.kind == Kind.NONE)

    def _bound_to_package(self, value: Expr, declared: T, takes_int: bool) -> Expr:
        """An argument as the PowerShell module's cmdlet receives it. Its integer parameters are
        ``[Nullable[Int32]]``, so binding makes 490.0 or "490" the int 490; its oneOf parameters are
        untyped, and ConvertTo-Json writes a whole double as an integer. The Python functions refuse a
        float for an integer, so the conversion is written out where the value may be one."""
        if not takes_int or (value.type.kind in (Kind.INT, Kind.BOOL, Kind.NONE) and not value.loose):
            return value
        from .. import pscompat

        integer = declared.kind == Kind.INT
        if value.const is not _NOCONST:
            converted = pscompat.bind_int(value.const) if integer else pscompat.bind_number(value.const)
            return value if converted is value.const else const_expr(converted)
        if value.type.kind in (Kind.STR, Kind.DICT, Kind.LIST, Kind.MODEL) and not value.loose and not integer:
            return value
        return self._ps("bind_int" if integer else "bind_number", value, type=declared if integer else value.type)

    def _call_user(
        self,
        fn: _UserFunction,
        name: str,
        elements: list[Element],
        piped: Expr | None,
        node: Node,
    ) -> Expr:
        """A call of a script function with keyword arguments."""
        if fn.error is not None:
            raise Unsupported(node, f"{name} could not be translated (line {fn.error.line})")
        takes_pipeline = any(getattr(p, "from_pipeline", None) for p in fn.params)
        params = [*fn.params, *COMMON_PARAMS] if fn.advanced else fn.params
        bound = self.binder.bind(name, params, elements, None if takes_pipeline else piped, node, callee=fn.py)
        common = [(p, v) for p, v in bound if p in COMMON_PARAMS]
        args = [(_keyword(p), self._converted(v, p.type)) for p, v in bound if p not in COMMON_PARAMS]
        if takes_pipeline and piped is not None:
            args.append(("piped=", piped))  # each item binds the pipeline parameters in turn
        callee = fn.py
        if common:
            callee = self._with_preferences(fn.py, common, node).code
        if fn.generator:
            # Everything the function writes, collected as PowerShell returns it (printed as it comes).
            raw = call(callee, args, UNKNOWN)
            value = self._ps("output", raw)
            value.generator = raw
            return value
        returns = UNKNOWN if fn.returns_value else NONE
        return call(callee, args, returns, stmt=not fn.returns_value)

    def _with_preferences(self, func: str, common: list[tuple[_Param, Expr]], node: Node) -> Expr:
        """An advanced function called with ``-ErrorAction``, ``-WarningAction`` or ``-Verbose``: the
        function, run with those preferences set (the other common parameters are reported)."""
        for p, _ in common:
            if not p.py:
                raise Unsupported(node, f"unsupported: -{p.name} of a script function")
        return ps_call(self.out, "with_preferences", [("", Expr(func)), *((p.py + "=", v) for p, v in common)])


def _top_level(node: Node) -> bool:
    """Whether a function statement is the script's own (not defined inside another function)."""
    parent = node.parent
    while parent is not None:
        if parent.type == "function_statement":
            return False
        parent = parent.parent
    return True


#: A "command name" that is really an expression the grammar misread (a number or a range).
_NOT_A_COMMAND = re.compile(r"^[-+]?(\d|\.\d)")


def _keyword(p: _Param) -> str:
    """How an argument is passed: ``name=`` or, for a table splatted at run time, ``**``."""
    return "**" if p.py == "**" else p.py + "="
