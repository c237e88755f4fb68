"""Pipelines and commands: which command a name is (script function, built-in, package function) and its call."""

from __future__ import annotations

from . import _rules as R
from ._binding import Element, _builtin_params, _package_params, _UserFunction
from ._builtins import COMMANDS, HANDLERS, print_value
from ._catalog import NONE, UNKNOWN, FunctionInfo, Kind, normalize
from ._context import Context
from ._expr import Expr, call
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
                if part.type == "command":
                    value = self._command(part, value)
                elif i == 0:
                    value = self._expr(part)
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
        if name_node is None or any(c.type == "command_invokation_operator" for c in node.children):
            raise Unsupported(node, "unsupported: & or . invocation")
        name = _text(name_node)
        elements = self.binder.elements(node)
        fn = self.functions.get(normalize(name))
        builtin = COMMANDS.get(name.lower()) if fn is None else None
        if piped is not None and piped.type.kind == Kind.LIST:
            # PowerShell runs a command once per item of a piped array: only the cmdlets for which
            # that equals one call with the whole array take one.
            if builtin is None or builtin.handler not in R.WHOLE_ARRAY_PIPELINE:
                raise Unsupported(node, f"unsupported: piping an array into {name} (it runs once per item)")
            if builtin.handler == "write_host":
                return print_value(self.out, piped)  # one item a line, as Write-Host once per item prints
        if fn is not None:
            return self._call_user(fn, name, elements, piped, node)
        if builtin is not None:
            bound = self.binder.bind(builtin.name, _builtin_params(builtin), elements, piped, node)
            args = {p.name: value for p, value in bound if not p.ignored}
            return HANDLERS[builtin.handler](self.out, args, node)
        info = self.cat.function(name)
        if info is not None:
            return self._call_package(info, name, elements, piped, node)
        raise Unsupported(name_node, f"unknown command '{name}'")

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
        bound = self.binder.bind(name, params, elements, piped, node)
        switches_on = frozenset(p.py for p, v in bound if p.switch and v.const is True)
        returns = self.cat.return_type(info, switches_on)
        self.out.need("pkg", info.py_name)
        if info.is_api:
            for frame in self.api_frames:
                frame[0] = True
        return call(info.py_name, [(p.py + "=", v) for p, v in bound], returns, stmt=returns.kind == Kind.NONE)

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
        bound = self.binder.bind(name, fn.params, elements, piped, node)
        for frame in self.api_frames:
            frame[0] = True  # it may call the API: a catch-all around it catches ApiException
        returns = UNKNOWN if fn.returns_value else NONE
        return call(fn.py, [(p.py + "=", v) for p, v in bound], returns, stmt=not fn.returns_value)
