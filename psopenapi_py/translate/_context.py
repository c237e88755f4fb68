"""The state every part of the translator shares, and the calls the parts make to one another.

The translator is :class:`_walker.Translator`, assembled from the statement, function, command and
expression visitors (each a mixin over :class:`Context`). ``Context`` owns the output, the variables,
the binder and the few counters a statement needs (loops, catch blocks, API calls inside ``try``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import _rules as R
from ._binding import Binder, _UserFunction
from ._catalog import BOOL, STR, Kind, T, catalog
from ._expr import _NOCONST, P_ATOM, Expr, call, const_expr, ps_call
from ._output import Output
from ._scope import Scope
from ._syntax import Node, _text, kind_id

#: An assignment (or for-loop target) at the start of a line of output: the names a nested def binds.
_ASSIGNED = re.compile(r"^\s*(?:for\s+)?([A-Za-z_]\w*)\s*(?:[-+*/%|&]?=(?!=)|\s+in\s)")


class _Catch:
    """The exception variable of the catch block being written, whether ``$_`` used it, and whether it
    catches every error (then ``$_`` is ``ps.error_record(e)``) or only the API's (``ApiException``)."""

    __slots__ = ("general", "name", "record", "used")

    def __init__(self, name: str, general: bool = False):
        self.name = name
        self.used = False
        self.general = general
        #: The Python name of ``$_`` (``ps.error_record(e)``) once the block reads it.
        self.record: str | None = None


class _Label:
    """A labelled loop: its name, its depth (``loops`` inside its body), and the variable a jump to it
    from a nested loop sets (``"break"`` or ``"continue"``) before leaving the inner loops."""

    __slots__ = ("depth", "flag", "name", "used")

    def __init__(self, name: str, depth: int, flag: str):
        self.name = name
        self.depth = depth
        self.flag = flag
        self.used = False


class Context:
    """What one translation shares: its output, scope, functions and where in the script it is."""

    def __init__(self, source: bytes):
        self.source = source
        self.cat = catalog()
        self.out = Output()
        self.loops = 0
        #: Labelled loops around the statement being written (``:rows foreach``), innermost last.
        self.labels: list[_Label] = []
        #: A label just read, for the loop statement that follows it.
        self.pending_label: str | None = None
        #: In a function with SupportsShouldProcess: its name and the Python names of -WhatIf and -Confirm.
        self.should_process: tuple[str, str, str] | None = None
        self.catches: list[_Catch] = []
        self.functions: dict[str, _UserFunction] = {}
        #: What ``$_`` is here, innermost last: a catch block's error, or a script block's item (its Python name).
        self.underscore: list[_Catch | str] = []
        #: The indent of the statement being written (nested defs go just before it, at this indent).
        self.indent = ""
        #: What ``return`` is in Python here: ``continue`` in a process block (it ends the item, not the pipeline).
        self.return_word = "return"
        #: How a value left on the pipeline is written: printed (script level), or yielded (a generator:
        #: a function or block whose output is collected).
        self.yielding = False
        #: The Python name of ``$Matches`` once a ``-match`` needs it.
        self.matches: str | None = None
        #: Script variables the function being written assigns with ``$script:`` (declared ``global``).
        self.function_globals: set[str] = set()
        #: Binding a package function's arguments: a hashtable written there is a plain dict.
        self.plain_dicts = False
        #: The indent of the outermost statements of the script or function being written, and the
        #: variables first bound inside blocks of the statement being written there (set to None before it).
        self.level_indent = ""
        self.pending_inits: list[str] = []
        #: Lines written right after the statement being written (``$status = ps.web_status_code()`` after a
        #: call with ``-StatusCodeVariable status``), and the statements being written, innermost last.
        self.after_statement: list[str] = []
        #: The script has a param() block (then argparse takes its command line, and $args stays empty).
        self.script_params = False
        self.statements_open: list[Node] = []
        #: Trees parsed on the side (an expression the grammar misread): kept alive with their nodes.
        self.trees: list[object] = []
        #: Where ``??`` stood in the source (the grammar does not know it: it is parsed as ``-shr``).
        #: Operators the grammar repairs respelled, by where they stand: ``"??"`` (``-shr``), ``"case"`` (``-in``).
        self.operator_marks: dict[int, str] = {}
        self.scope = Scope(self.cat.exported)
        self.binder = Binder(self.scope, self.out, self._argument, self._method_call)
        self.statement_dispatch: dict[str, Callable[[Node, str], None]] = {}
        self.expr_dispatch: dict[str, Callable[[Node], Expr]] = {}
        for name in dir(self):
            if name.startswith("visit_"):
                self.statement_dispatch[name[6:]] = getattr(self, name)
            elif name.startswith("expr_"):
                self.expr_dispatch[name[5:]] = getattr(self, name)

    @contextlib.contextmanager
    def walking(self, **state: Any) -> Iterator[None]:
        """Set walker attributes (``loops=0``, ``underscore=[...]``...) for a nested part of the script, and
        put the previous values back after it, however it ends."""
        saved = {name: getattr(self, name) for name in state}
        for name, value in state.items():
            setattr(self, name, value)
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(self, name, value)

    def _kids(self, node: Node) -> list[Node]:
        """The named children of ``node``; comments among them are kept for the statement being written."""
        children = node.named_children
        for child in children:
            if child.kind_id == _COMMENT_ID:
                break
        else:
            return children
        out = []
        for child in children:
            if child.kind_id == _COMMENT_ID:
                self.out.comments.append((child.start_point[0], _text(child)))
            else:
                out.append(child)
        return out

    # ----------------------------------------------------------------------------------------------
    # PowerShell's semantics in the output: plain Python where the type says it is the same, else pscompat.

    def _ps(self, func: str, *args: Expr, type: T | None = None, **flags: bool) -> Expr:  # noqa: A002
        """``ps.func(args...)``: a call of the PowerShell runtime."""
        return ps_call(self.out, func, [("", a) for a in args], type if type is not None else T(Kind.UNKNOWN), **flags)

    def _as_text(self, e: Expr) -> Expr:
        """The text PowerShell makes of a value (``"$x"``): the value itself when it is already that text."""
        if e.const is not _NOCONST:
            from ..pscompat import text

            return const_expr(text(e.const))
        kind = e.type.kind
        if kind == Kind.STR and not e.loose:
            return e
        if kind in (Kind.INT, Kind.BOOL) and not e.loose:
            return call("str", [("", e)], STR)
        return self._ps("text", e, type=STR)

    def _truth(self, e: Expr) -> Expr:
        """A condition as PowerShell tests it (``@(0)`` and ``$null`` are false, any object true)."""
        if e.type.kind == Kind.BOOL or isinstance(e.const, bool):
            return e
        if e.type.kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.MODEL, Kind.NONE) and not e.loose:
            return e
        return self._ps("truthy", e, type=BOOL)

    def _matches_var(self) -> str:
        """The Python name of ``$Matches`` (a case-insensitive table that ``-match`` fills)."""
        if self.matches is None:
            self.matches = self.scope.fresh("matches")
            self.out.prologue.append(f"{self.matches} = ps.Hashtable()  # $Matches: what the last -match found")
        self.out.need("ps", "pscompat")
        return self.matches

    def _nested_def(
        self,
        params: list[str],
        write_body: Callable[[str], None],
        *,
        base: str = "_block",
        local: bool = False,
        name: str | None = None,
    ) -> str:
        """Write ``def <name>(params):`` just before the statement being written, its body a generator
        of what the block outputs; returns the name. Names the body assigns stay the script's (or the
        enclosing function's) as in PowerShell: declared ``global``/``nonlocal``."""
        name = name or self.scope.fresh(base)
        indent = self.indent
        inner = indent + R.INDENT
        self.out.lines.append(f"{indent}def {name}({', '.join(params)}):")
        self.out.code_lines += 1
        start = len(self.out.lines)
        with self.walking(yielding=True, level_indent=inner, pending_inits=[]):
            write_body(inner)
        body = self.out.lines[start:]
        assigned = sorted(
            {m.group(1) for line in body if (m := _ASSIGNED.match(line)) and line.startswith(inner)}
            - {p.split("=", 1)[0] for p in params}
        )
        if not any(re.search(r"\byield\b", line) for line in body):
            self.out.lines.append(f"{inner}yield from ()")
            self.out.code_lines += 1
        if assigned and not local:
            if self.scope.in_function:
                known = _bound_before(self.out.lines[: start - 1], indent)
                for missing in (n for n in assigned if n not in known):
                    self.out.lines.insert(start - 1, f"{indent}{missing} = None")
                    start += 1
                self.out.lines.insert(start, f"{inner}nonlocal {', '.join(assigned)}")
            else:
                self.out.lines.insert(start, f"{inner}global {', '.join(assigned)}")
            self.out.code_lines += 1
        return name

    def _value_of_block(self, write_body: Callable[[str], None]) -> Expr:
        """A statement used as a value (``$x = if ...``, ``switch``, ``foreach``): its output, collected as
        PowerShell assigns it (nothing is ``$null``, one item is itself)."""
        name = self._nested_def([], write_body, base="_value")
        return self._ps("output", Expr(f"{name}()", P_ATOM))

    # The parts call one another through these; each is defined by the mixin named in its docstring.

    def _block(self, block: Node | None, indent: str, *, straight: bool = False) -> None:
        """The statements of a ``{ ... }`` block (``Statements``)."""
        raise NotImplementedError

    def _converted(self, value: Expr, declared: T) -> Expr:
        """An argument as a typed parameter receives it (``Commands``)."""
        raise NotImplementedError

    def _pipeline_value(self, node: Node) -> Expr:
        """The value of a pipeline, command or expression (``Commands``)."""
        raise NotImplementedError

    def _command(self, node: Node, piped: Expr | None) -> Expr:
        """A command call (``Commands``)."""
        raise NotImplementedError

    def _expr(self, node: Node) -> Expr:
        """An expression (``Expressions``)."""
        raise NotImplementedError

    def _expandable(self, node: Node, *, here: bool) -> Expr:
        """A double-quoted string or here-string (``Expressions``)."""
        raise NotImplementedError

    def _reparsed(self, node: Node) -> Expr:
        """An expression the grammar misread, parsed again on its own (``Commands``)."""
        raise NotImplementedError

    def generic_expr(self, node: Node) -> Expr:
        """An expression of a kind the translator does not know (``Expressions``)."""
        raise NotImplementedError

    def _argument(self, node: Node) -> Expr:
        """A command argument (``Expressions``)."""
        raise NotImplementedError

    def _statements(self, nodes: list[Node], indent: str) -> None:
        """Write a list of statements (``Statements``)."""
        raise NotImplementedError

    def _method_call(self, target: Node, arguments: Node) -> Expr:
        """``(value).Method(args)`` written as a command argument (``Expressions``)."""
        raise NotImplementedError

    def _compare(self, left: Expr, name: str, right: Expr, case_sensitive: bool) -> Expr:
        """``-eq``/``-lt``/... of two translated values (``Expressions``)."""
        raise NotImplementedError

    def _arith(self, left: Expr, op: str, right: Expr, node: Node) -> Expr:
        """An arithmetic operation of two translated values (``Expressions``)."""
        raise NotImplementedError

    def _forget_keys(self, target: Node) -> None:
        """A hashtable variable changed after its literal (``Expressions``)."""
        raise NotImplementedError


_DEF = re.compile(r"^(\s*)def \w+\((.*)\):")
_BINDS = re.compile(r"^\s*(?:for (\w+(?:, \w+)*) in |(\w+(?: = \w+)*) = |.* as (\w+):)")


def _bound_before(lines: list[str], indent: str) -> set[str]:
    """The names the enclosing function binds in ``lines`` before a nested def at ``indent``: its parameters
    and what it assigns outside other nested defs; a ``nonlocal`` of any other name would not compile."""
    start = 0
    bound: set[str] = set()
    for i in range(len(lines) - 1, -1, -1):
        found = _DEF.match(lines[i])
        if found is not None and len(found.group(1)) < len(indent):
            bound.update(p.split("=", 1)[0].strip().lstrip("*") for p in found.group(2).split(","))
            start = i + 1
            break
    skip_deeper_than: int | None = None
    for line in lines[start:]:
        depth = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if depth > skip_deeper_than or not line.strip():
                continue
            skip_deeper_than = None
        if _DEF.match(line):
            skip_deeper_than = depth  # another nested def: its names are its own
            continue
        binds = _BINDS.match(line)
        if binds is not None:
            for group in binds.groups():
                if group:
                    bound.update(n.strip() for n in re.split(r"[=,]", group) if n.strip())
    return bound


#: The grammar's id of a comment node (compared as a number: no string made per node).
_COMMENT_ID = kind_id("comment")
