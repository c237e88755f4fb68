"""The state every part of the translator shares, and the calls the parts make to one another.

The translator is :class:`_walker.Translator`, assembled from the statement, function, command and
expression visitors (each a mixin over :class:`Context`). ``Context`` owns the output, the variables,
the binder and the few counters a statement needs (loops, catch blocks, API calls inside ``try``).
"""

from __future__ import annotations

from collections.abc import Callable

from ._binding import Binder, _UserFunction
from ._catalog import catalog
from ._expr import Expr
from ._output import Output
from ._scope import Scope
from ._syntax import Node, _text


class _Catch:
    """The exception variable of the catch block being written, and whether ``$_`` used it."""

    __slots__ = ("name", "used")

    def __init__(self, name: str):
        self.name = name
        self.used = False


class Context:
    """What one translation shares: its output, scope, functions and where in the script it is."""

    def __init__(self, source: bytes):
        self.source = source
        self.cat = catalog()
        self.out = Output()
        self.loops = 0
        self.catches: list[_Catch] = []
        self.api_frames: list[list[bool]] = []
        self.functions: dict[str, _UserFunction] = {}
        self.scope = Scope(self.cat.exported)
        self.binder = Binder(self.scope, self.out, self._argument)
        self.statement_dispatch: dict[str, Callable[[Node, str], None]] = {}
        self.expr_dispatch: dict[str, Callable[[Node], Expr]] = {}
        for name in dir(self):
            if name.startswith("visit_"):
                self.statement_dispatch[name[6:]] = getattr(self, name)
            elif name.startswith("expr_"):
                self.expr_dispatch[name[5:]] = getattr(self, name)

    def _kids(self, node: Node) -> list[Node]:
        """The named children of ``node``; comments among them are kept for the statement being written."""
        out = []
        for child in node.children:
            if not child.is_named:
                continue
            if child.type == "comment":
                self.out.comments.append((child.start_point[0], _text(child)))
            else:
                out.append(child)
        return out

    # The parts call one another through these; each is defined by the mixin named in its docstring.

    def _block(self, block: Node | None, indent: str) -> None:
        """The statements of a ``{ ... }`` block (``Statements``)."""
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

    def generic_expr(self, node: Node) -> Expr:
        """An expression of a kind the translator does not know (``Expressions``)."""
        raise NotImplementedError

    def _argument(self, node: Node) -> Expr:
        """A command argument (``Expressions``)."""
        raise NotImplementedError
