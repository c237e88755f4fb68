"""Parameters and binding: which parameter each argument of a command call goes to, as PowerShell decides.

A callee's parameters (a package function's, a built-in cmdlet's or a script function's) are
:class:`_Param` lists; :class:`Binder` binds a call's arguments to them by name (any case, unique
prefix, alias), position, splatting and pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import _rules as R
from ._catalog import DICT, UNKNOWN, FunctionInfo, Kind, T, list_of, normalize
from ._expr import P_ATOM, Expr, const_expr, list_expr, py_str
from ._output import Output
from ._scope import Scope
from ._syntax import Node, Unsupported, _text, _unwrap, kind_id

#: A command's argument: ("param", name, None, node), ("colon", name, value node, node) or ("value", "", node, node).
Element = tuple[str, str, Node | None, Node]


class _Param:
    """A parameter as a call binds it, whatever the callee: package function, built-in or script function."""

    __slots__ = (
        "aliases",
        "bare_is_true",
        "empty",
        "ignored",
        "name",
        "norm",
        "pipeline",
        "position",
        "py",
        "switch",
        "takes_int",
        "type",
        "variadic",
    )

    def __init__(
        self,
        name: str,
        py: str,
        *,
        switch: bool = False,
        position: int | None = None,
        variadic: bool = False,
        pipeline: bool = False,
        aliases: Iterable[str] = (),
        ignored: bool = False,
        bare_is_true: bool = False,
        empty: str | None = None,
        type: T = UNKNOWN,  # noqa: A002
        takes_int: bool = False,
    ):
        self.name = name
        self.py = py
        self.norm = normalize(name)
        self.switch = switch
        self.position = position
        self.variadic = variadic
        self.pipeline = pipeline
        self.aliases = frozenset(normalize(a) for a in aliases)
        self.ignored = ignored
        self.bare_is_true = bare_is_true
        self.empty = empty
        self.type = type
        #: A package function's parameter that takes whole numbers (PowerShell binds 490.0 or "490" as 490).
        self.takes_int = takes_int


class _UserFunction:
    """A function the script defines: its Python name, parameters, and whether it returns a value."""

    __slots__ = ("advanced", "error", "generator", "node", "params", "py", "returns_value")

    def __init__(self, py: str, node: Node):
        self.py = py
        self.node = node
        self.params: list[_Param] = []
        #: ``[CmdletBinding()]`` or a ``[Parameter()]``: it also takes the common parameters (``-ErrorAction``...).
        self.advanced = False
        self.returns_value = False
        #: It writes output besides ``return value``: its Python is a generator of all it writes.
        self.generator = False
        self.error: Unsupported | None = None


#: The common parameters of an advanced function: those a translation honours (they set the matching
#: preference while the function runs) and those it reports (``py`` None).
COMMON_PARAMS: tuple[_Param, ...] = (
    _Param("ErrorAction", "error_action", aliases=("ea",)),
    _Param("WarningAction", "warning_action", aliases=("wa",)),
    _Param("Verbose", "verbose", switch=True, aliases=("vb",)),
    *(
        _Param(name, "", aliases=(alias,))
        for name, alias in (
            ("Debug", "db"),
            ("ErrorVariable", "ev"),
            ("WarningVariable", "wv"),
            ("InformationAction", "infa"),
            ("InformationVariable", "iv"),
            ("OutVariable", "ov"),
            ("OutBuffer", "ob"),
            ("PipelineVariable", "pv"),
            ("ProgressAction", "proga"),
        )
    ),
)


#: The Python name of a script function's ``$args`` (a function without parameters that reads it).
ARGS = "args"


def args_param() -> _Param:
    """The one parameter of a function that takes its arguments in ``$args``: every positional value."""
    return _Param("args", ARGS, position=0, variadic=True, empty="()", type=list_of(UNKNOWN))


_PARAMS_CACHE: dict[int, list[_Param]] = {}


def _builtin_params(command: R.BuiltinCommand) -> list[_Param]:
    """The parameters of a built-in cmdlet, made once."""
    params = _PARAMS_CACHE.get(id(command))
    if params is None:
        params = _PARAMS_CACHE[id(command)] = [
            _Param(
                p.name,
                p.name,
                switch=p.switch,
                position=p.position,
                variadic=p.variadic,
                pipeline=p.pipeline,
                aliases=p.aliases,
                ignored=p.ignored,
            )
            for p in command.params
        ]
    return params


_PACKAGE_PARAMS: dict[str, list[_Param]] = {}


def _package_params(info: FunctionInfo) -> list[_Param]:
    """A package function's parameters as a call binds them (the first positional one takes piped input),
    then the common parameters: the module's cmdlets are advanced functions."""
    params = _PACKAGE_PARAMS.get(info.py_name)
    if params is None:
        params = []
        position = 0
        for p in info.params:
            params.append(
                _Param(
                    "".join(part.capitalize() for part in p.py_name.split("_")),
                    p.py_name,
                    switch=p.switch,
                    position=position if p.positional else None,
                    pipeline=p.positional and position == 0,
                    bare_is_true=p.bare_is_true,
                    empty=p.empty,
                    type=p.type,
                    takes_int=p.takes_int,
                )
            )
            if p.positional:
                position += 1
        params.extend(COMMON_PARAMS)
        _PACKAGE_PARAMS[info.py_name] = params
    return params


def _find_param(command: str, params: list[_Param], name: str, node: Node) -> _Param:
    """The parameter a ``-Name`` means: exact name or alias, the generator's ``Var`` prefix, or a unique prefix."""
    norm = normalize(name)
    for p in params:
        if p.norm == norm or norm in p.aliases:
            return p
    if norm.startswith("var"):
        # The PowerShell generator renames parameters that clash with PowerShell's own (-VarInput).
        for p in params:
            if p.norm == norm[3:]:
                return p
    prefixed = [p for p in params if p.norm.startswith(norm)]
    if len(prefixed) == 1 and norm:
        return prefixed[0]
    if prefixed:
        raise Unsupported(node, f"-{name} of {command} is ambiguous: " + ", ".join("-" + p.name for p in prefixed))
    raise Unsupported(node, f"{command} has no parameter -{name}")


_POSITIONAL: dict[int, tuple[list[_Param], tuple[_Param, ...]]] = {}


def _positional(params: list[_Param]) -> tuple[_Param, ...]:
    """The positional parameters in order, worked out once per parameter list."""
    cached = _POSITIONAL.get(id(params))
    if cached is None or cached[0] is not params:
        if len(_POSITIONAL) > 4096:
            _POSITIONAL.clear()  # script functions' lists come and go with each translation
        order = tuple(sorted((p for p in params if p.position is not None), key=lambda p: p.position or 0))
        cached = _POSITIONAL[id(params)] = (params, order)
    return cached[1]


class _CallBinding:
    """One call's arguments bound so far, and the positional parameters still free."""

    __slots__ = ("bound", "callee", "command", "params", "positional", "taken", "variadic", "variadic_values")

    def __init__(self, command: str, params: list[_Param]) -> None:
        self.callee: str | None = None
        self.command = command
        self.params = params
        self.bound: list[tuple[_Param, Expr]] = []
        #: Normalized names of the parameters given so far.
        self.taken: set[str] = set()
        self.positional = list(_positional(params))
        #: The parameter collecting the remaining positional values (``Write-Host a b c``), and those values.
        self.variadic: _Param | None = None
        self.variadic_values: list[Expr] = []

    def take(self, p: _Param, node: Node) -> None:
        """Record that ``p`` is given; a parameter given twice is an error."""
        if p.norm in self.taken:
            raise Unsupported(node, f"parameter -{p.name} of {self.command} is given twice")
        self.taken.add(p.norm)

    def next_positional(self, value_node: Node) -> _Param:
        """The positional parameter the next value binds to (not removed from the free ones)."""
        while self.positional and self.positional[0].norm in self.taken:
            self.positional.pop(0)
        if not self.positional:
            raise Unsupported(value_node, f"{self.command} takes no more positional arguments: {_text(value_node)}")
        return self.positional[0]

    def finish(self, piped: Expr | None, node: Node) -> None:
        """Bind the collected variadic values and the piped value, once every argument is bound."""
        if self.variadic is not None:
            values = self.variadic_values
            # A function's $args is always an array; a cmdlet's one value stays one value.
            whole = self.variadic.py == ARGS or len(values) != 1
            self.bound.append((self.variadic, list_expr(values) if whole else values[0]))
            self.taken.add(self.variadic.norm)
        if piped is not None:
            target = next((p for p in self.params if p.pipeline), None)
            if target is None or target.norm in self.taken:
                raise Unsupported(node, f"unsupported: piping into {self.command}")
            self.bound.insert(0, (target, piped))


def _spaced_sign(argument: Node) -> tuple[Node, Node] | None:
    """An argument the grammar read as ``+ x`` or ``- x`` (a sign, blanks, an operand): the sign's token
    and the operand, which PowerShell's argument mode takes as two arguments; None for anything else."""
    node = argument
    while node.kind_id in _SIGN_WRAPPER_IDS and node.named_child_count == 1:
        inner = node.named_child(0)
        if inner is None:
            return None
        node = inner
    if node.kind_id != _UNARY_OPERATOR_ID or node.child_count != 2:
        return None
    sign, operand = node.child(0), node.child(1)
    if sign is None or operand is None or sign.type not in ("+", "-") or operand.start_byte == sign.end_byte:
        return None
    return sign, operand


_SIGN_WRAPPER_IDS = frozenset((kind_id("array_literal_expression"), kind_id("unary_expression")))
_UNARY_OPERATOR_ID = kind_id("expression_with_unary_operator")


class Binder:
    """Binds the arguments of command calls; arguments are translated with the ``argument`` it is given."""

    def __init__(
        self,
        scope: Scope,
        out: Output,
        argument: Callable[[Node], Expr],
        method_call: Callable[[Node, Node], Expr] | None = None,
    ) -> None:
        self.scope = scope
        self.out = out
        self.argument = argument
        #: ``(expr).Method(args)`` written as an argument: the grammar gives the call's parts one by one.
        self.method_call = method_call

    def elements(self, node: Node) -> list[Element]:
        """The command's arguments: ("param", name, value node or None, node) and ("value", "", node, node)."""
        out: list[Element] = []
        elements = node.child_by_field_name("command_elements")
        if elements is None:
            return out
        colon = False
        for child in elements.children:
            kind = child.type
            if kind == "command_argument_sep":
                if b":" in (child.text or b""):
                    colon = True
                continue
            if kind == "comment":
                self.out.comments.append((child.start_point[0], _text(child)))
                continue
            if kind == "command_parameter":
                out.append(("param", _text(child)[1:].rstrip(":"), None, child))
                colon = False
                continue
            if kind in ("redirection", "redirections", "stop_parsing", "verbatim_command_argument"):
                raise Unsupported(child, f"unsupported: {kind}")
            if colon and out and out[-1][0] == "param":
                out[-1] = ("colon", out[-1][1], child, out[-1][3])
                colon = False
                continue
            sign = _spaced_sign(child)
            if sign is not None:
                # `Write-Host "Total: " + $n`: in argument mode a lone + or - is a word of its own, and what
                # follows it another argument (the grammar reads them as one unary expression).
                out.append(("value", "", sign[0], sign[0]))
                out.append(("value", "", sign[1], sign[1]))
                continue
            if kind == "argument_list" and out and out[-1][0] == "value" and out[-1][3].type != "argument_list":
                out[-1] = ("value", "", out[-1][2], child)  # a method call: the value node, then its arguments
                continue
            out.append(("value", "", child, child))
        return out

    def bind(
        self,
        command: str,
        params: list[_Param],
        elements: list[Element],
        piped: Expr | None,
        node: Node,
        callee: str | None = None,
    ) -> list[tuple[_Param, Expr]]:
        """Bind arguments to parameters as PowerShell does: by name (any case, unique prefix), position, pipeline.

        ``callee`` is the Python function called: a hashtable splatted into it whose keys are not all
        known here goes through ``ps.splat`` at run time."""
        call = _CallBinding(command, params)
        call.callee = callee
        i = 0
        while i < len(elements):
            element = elements[i]
            i += 1
            if element[0] == "value":
                value_node = element[2]
                assert value_node is not None
                self._bind_value(call, value_node, element[3])
            elif self._bind_named(call, element, elements[i] if i < len(elements) else None):
                i += 1  # the parameter took the next element as its value
        call.finish(piped, node)
        return call.bound

    def _bind_value(self, call: _CallBinding, value_node: Node, arguments: Node | None = None) -> None:
        """A value without a parameter name: a splatted hashtable, or the next positional parameter's value."""
        splat = _unwrap(value_node)
        if splat.type == "variable" and _text(splat).lower() == "@args":
            # `F x @args`: the items of this function's $args, as positional arguments of F.
            target = next((p for p in call.params if p.py == ARGS), None)
            inner = self.scope.locals.get("args") if self.scope.locals is not None else None
            if target is None or inner is None:
                raise Unsupported(splat, f"unsupported: @args into {call.command}")
            call.variadic = target
            call.variadic_values.append(Expr(f"*{inner.py}", P_ATOM))
            return
        if splat.type == "variable" and _text(splat).startswith("@"):
            for p, v in self.splat(call.command, call.params, splat, call.callee):
                call.take(p, splat)
                call.bound.append((p, v))
            return
        if arguments is not None and arguments.type == "argument_list" and self.method_call is not None:
            value = self.method_call(value_node, arguments)
        else:
            value = self.argument(value_node)
        p = call.next_positional(value_node)
        if p.variadic:
            call.variadic = p
            call.variadic_values.append(value)
            return
        call.positional.pop(0)
        call.taken.add(p.norm)
        call.bound.append((p, value))

    def _bind_named(self, call: _CallBinding, element: Element, following: Element | None) -> bool:
        """``-Name``, ``-Name:value`` or ``-Name value``; True when it took ``following`` as its value."""
        kind, name, value_node, el_node = element
        p = _find_param(call.command, call.params, name, el_node)
        call.take(p, el_node)
        if kind == "colon":
            assert value_node is not None
            call.bound.append((p, self.argument(value_node)))
        elif p.switch:
            call.bound.append((p, const_expr(True)))
        elif following is not None and following[0] == "value":
            value_node = following[2]
            assert value_node is not None
            if following[3].type == "argument_list" and self.method_call is not None:
                call.bound.append((p, self.method_call(value_node, following[3])))
            else:
                call.bound.append((p, self.argument(value_node)))
            return True
        elif p.bare_is_true:
            call.bound.append((p, const_expr(True)))
        elif p.empty is not None:
            self.out.warn(el_node, f"-{name} has no value (PowerShell rejects this); translated as {p.py}={p.empty}")
            call.bound.append((p, Expr(p.empty, P_ATOM, DICT if p.empty == "{}" else list_of(UNKNOWN))))
        else:
            raise Unsupported(el_node, f"-{name} of {call.command} needs a value")
        return False

    def splat(
        self, command: str, params: list[_Param], node: Node, callee: str | None = None
    ) -> list[tuple[_Param, Expr]]:
        """``@params``: one argument per key of a hashtable whose keys are all visible in the script, else
        (keys added later, a table from elsewhere) ``**ps.splat(table, function)`` matched at run time."""
        name = _text(node)[1:]
        var = self.scope.var(name, node)
        t = var.type
        if t.kind != Kind.DICT or t.keys is None:
            if callee is None:
                raise Unsupported(node, f"unsupported: splatting @{name}, whose keys are not known here")
            self.out.need("ps", "pscompat")
            # A script function's typed parameters convert what the table holds, as PowerShell binds it.
            casts = {
                p.py: _SPLAT_CASTS[p.type.kind]
                for p in params
                if hasattr(p, "checks") and p.type.kind in _SPLAT_CASTS and not p.switch
            }
            extra = f", {{{', '.join(f'{py_str(k)}: {py_str(v)}' for k, v in casts.items())}}}" if casts else ""
            return [(_Param("**", "**"), Expr(f"ps.splat({var.py}, {callee}{extra})", P_ATOM))]
        out = []
        for _, (key, ktype) in t.keys.items():
            p = _find_param(command, params, key, node)
            out.append((p, Expr(f"{var.py}[{py_str(key)}]", P_ATOM, ktype)))
        return out


#: The ``ps.cast`` type of a script function's typed parameter, for a table splatted into it at run time.
_SPLAT_CASTS = {Kind.INT: "int", Kind.FLOAT: "double", Kind.STR: "string", Kind.BOOL: "bool"}
