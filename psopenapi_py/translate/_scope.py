"""Names in the output: PowerShell variables as Python variables, kept clear of keywords, built-ins,
imports, helpers and each other, in the script's scope and in each function's.

Every binding is journalled so that a statement that fails can take back the variables it introduced.
"""

from __future__ import annotations

import builtins
import keyword
import re
from typing import TYPE_CHECKING

from . import _rules as R
from ._catalog import UNKNOWN, Kind, T, snake_case
from ._expr import common_type
from ._syntax import Unsupported

if TYPE_CHECKING:
    from ._syntax import Node


class _Var:
    """A PowerShell variable's Python name and what it holds."""

    __slots__ = ("py", "type")

    def __init__(self, py: str, type: T):  # noqa: A002
        self.py = py
        self.type = type


class Scope:
    """The script's variables, the current function's, and every Python name already given out."""

    def __init__(self, exported: set[str] | frozenset[str]) -> None:
        #: Names no variable or function may take: keywords, built-ins, modules, helpers, package names.
        self.reserved = set(keyword.kwlist) | set(dir(builtins)) | set(R.STDLIB_MODULES) | set(R.HELPERS)
        self.reserved |= exported | {"e", "ps", *(f"e{i}" for i in range(2, 10))}
        #: Python name -> its owner ("variable x", "function name") at script level.
        self.taken: dict[str, str] = {}
        self.globals: dict[str, _Var] = {}
        #: The variables of the function being written (None at script level) and the names they took.
        self.locals: dict[str, _Var] | None = None
        self.local_taken: dict[str, str] = {}
        self.in_function = 0
        #: The script's param() block bound $PSBoundParameters (only done where the script reads it).
        self.bound_parameters = False
        #: The function being written bound its own $PSBoundParameters.
        self.function_bound_parameters = False
        #: Variables declared with a type (``[int]$Count = 0``), by lower-case name: what they convert to.
        self.constraints: dict[str, str] = {}
        #: The last number :meth:`fresh` gave each base name (a name once taken stays taken).
        self.fresh_counts: dict[str, int] = {}
        #: (scope, key, previous binding or None): undone by :meth:`rollback`.
        self.journal: list[tuple[dict[str, _Var], str, _Var | None]] = []

    def mark(self) -> int:
        """A savepoint for :meth:`rollback`."""
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        """Undo every binding made since ``mark``."""
        while len(self.journal) > mark:
            scope, key, old = self.journal.pop()
            if old is None:
                scope.pop(key, None)
            else:
                scope[key] = old

    def enter_function(self) -> tuple[dict[str, _Var] | None, dict[str, str], bool, dict[str, str]]:
        """Start a function's own variables; returns what :meth:`leave_function` restores."""
        outer = (self.locals, self.local_taken, self.function_bound_parameters, self.constraints)
        self.locals = {}
        self.local_taken = {}
        self.function_bound_parameters = False
        self.constraints = {}
        self.in_function += 1
        return outer

    def leave_function(self, outer: tuple[dict[str, _Var] | None, dict[str, str], bool, dict[str, str]]) -> None:
        """Return to the variables in scope before :meth:`enter_function`."""
        self.locals, self.local_taken, self.function_bound_parameters, self.constraints = outer
        self.in_function -= 1

    def new_param(self, name: str, type: T) -> _Var:  # noqa: A002
        """Bind a parameter of the function being written."""
        assert self.locals is not None
        return self.new_var(self.locals, name.lower(), name, type, param=True)

    def var(self, name: str, node: Node, *, assign: T | None = None) -> _Var:
        """The Python variable of a PowerShell one; ``assign`` records a new value's type."""
        key = name.lower()
        scope = self.locals if self.locals is not None else self.globals
        found = scope.get(key)
        if found is None and self.locals is not None and assign is None:
            found = self.globals.get(key)
            if found is None:
                # A function may read a script variable assigned after its definition but before its call.
                found = self.new_var(self.globals, key, name, UNKNOWN)
        if assign is not None:
            if found is None or found is self.globals.get(key) and scope is not self.globals:
                found = self.new_var(scope, key, name, assign)
            else:
                self.journal.append((scope, key, found))
                scope[key] = _Var(found.py, assign)
                found = scope[key]
        elif found is None:
            raise Unsupported(node, f"${name} is used before it is assigned")
        return found

    def new_var(self, scope: dict[str, _Var], key: str, name: str, type: T, *, param: bool = False) -> _Var:  # noqa: A002
        """Bind a new Python name for a PowerShell variable, clear of keywords, built-ins, imports and other variables."""
        local = scope is self.locals
        taken = self.local_taken if local else self.taken
        py = base = _identifier(snake_case(name))
        owner = f"variable {key}"
        if py not in self.reserved and taken.get(py, owner) == owner and not local:
            taken[py] = owner
            var = _Var(py, type)
            self.journal.append((scope, key, None))
            scope[key] = var
            return var
        n = 1

        def clash(candidate: str) -> bool:
            """True when the name is taken, reserved or a function's."""
            # A function's own variable never takes a script variable's name: PowerShell reads the
            # script's $x until the function assigns its own, but Python would make x local throughout
            # (UnboundLocalError). Parameters may: they shadow from the start in both languages.
            return (
                candidate in self.reserved
                or taken.get(candidate, owner) != owner
                or (local and candidate in self.taken and (not param or self.taken[candidate].startswith("function")))
            )

        if clash(py) and not clash(base + "_"):
            py = base + "_"
        while clash(py):
            n += 1
            py = f"{base}_{n}"
        taken[py] = owner
        var = _Var(py, type)
        self.journal.append((scope, key, None))
        scope[key] = var
        return var

    def function_name(self, name: str) -> str:
        """The Python name of a script function, kept clear of every other name."""
        py = _identifier(snake_case(name))
        while py in self.reserved or py in self.taken:
            py += "_"
        self.taken[py] = "function " + name.lower()
        return py

    def changed_since(self, mark: int) -> list[tuple[dict[str, _Var], str, _Var | None]]:
        """The variables bound or given a new type since ``mark``: (scope, key, binding before), once each."""
        seen: dict[tuple[int, str], tuple[dict[str, _Var], str, _Var | None]] = {}
        for scope, key, old in self.journal[mark:]:
            seen.setdefault((id(scope), key), (scope, key, old))
        return [entry for entry in seen.values() if entry[1] in entry[0]]

    def merge_after_block(self, mark: int) -> list[str]:
        """After a block that may or may not run (a branch, a loop body): a variable whose kind changed in it
        may hold either kind, so it becomes unknown; returns the Python names the block bound first (they
        need ``= None`` before the statement, as PowerShell reads an unassigned variable as $null)."""
        new_names = []
        for scope, key, old in self.changed_since(mark):
            var = scope[key]
            if old is None:
                new_names.append(var.py)
                self.retype(scope, key, UNKNOWN)
            elif old.type.kind == Kind.DICT and var.type.kind == Kind.DICT:
                # Either table may be there after the block: its keys are known only if both have the same.
                self.retype(scope, key, common_type([old.type, var.type]))
            elif old.type.kind != var.type.kind or old.type.elem is not var.type.elem:
                self.retype(scope, key, UNKNOWN if old.type.kind != var.type.kind else T(old.type.kind))
        return new_names

    def retype(self, scope: dict[str, _Var], key: str, type: T) -> None:  # noqa: A002
        """Give a variable a new type (journalled)."""
        old = scope[key]
        if old.type is type:
            return
        self.journal.append((scope, key, old))
        scope[key] = _Var(old.py, type)

    def fresh(self, base: str) -> str:
        """A Python name of the translator's own (a script block's item, a nested def), clear of every other."""
        taken = self.local_taken if self.locals is not None else self.taken
        py = base
        n = self.fresh_counts.get(base, 1)
        while py in self.reserved or py in self.taken or py in taken:
            n += 1
            py = f"{base}{n}"
        self.fresh_counts[base] = n
        taken[py] = "translator"
        return py

    def is_local(self, name: str) -> bool:
        """True when the function being written has its own variable of this name."""
        return self.locals is not None and name.lower() in self.locals

    def script_var(self, name: str) -> _Var:
        """The script's variable of this name (bound when new), for ``$script:x`` inside a function."""
        key = name.lower()
        found = self.globals.get(key)
        return found if found is not None else self.new_var(self.globals, key, name, UNKNOWN)

    def check(self, name: str, node: Node, *, write: bool) -> None:
        """Refuse automatic variables and scopes the translation cannot carry over."""
        if ":" in name:
            scope = name.split(":", 1)[0].lower()
            if scope not in R.SCRIPT_SCOPES or (write and self.in_function and scope == "local"):
                raise Unsupported(node, f"unsupported: ${name}")
        bare = _bare_name(name).lower()
        if bare == "psboundparameters" and not write:
            if self.function_bound_parameters if self.in_function else self.bound_parameters:
                return  # the script's or the function's own: bound when it starts
        if bare in R.AUTOMATIC_VARIABLES:
            raise Unsupported(node, f"unsupported: automatic variable ${_bare_name(name)}")


def _bare_name(name: str) -> str:
    """A variable name without a ``script:``/``global:``/``local:`` scope."""
    if ":" in name and name.split(":", 1)[0].lower() in R.SCRIPT_SCOPES:
        return name.split(":", 1)[1]
    return name


def _identifier(name: str) -> str:
    """A valid Python identifier for a PowerShell name (``${odd name}`` -> ``odd_name``)."""
    name = re.sub(r"\W", "_", name)
    if not name or name[0].isdigit():
        name = "v_" + name
    return name
