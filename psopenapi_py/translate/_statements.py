"""Statement visitors: assignments, ``if``, loops, ``try``, flow control and blocks of statements.

A statement that fails (an :class:`Unsupported` anywhere inside it) is rolled back whole and kept as
``# untranslated (line N): ...`` comment lines with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from . import _rules as R
from ._builtins import print_value
from ._catalog import BOOL, INT, STR, UNKNOWN, Kind, T, list_of, normalize
from ._context import Context, _Catch, _Label
from ._expr import (
    _NOCONST,
    P_ADD,
    P_AND,
    P_ATOM,
    P_CMP,
    P_NOT,
    P_TERNARY,
    Expr,
    call,
    const_expr,
    list_expr,
    ps_call,
    py_str,
    wrap,
)
from ._output import OutputMark
from ._scope import _bare_name, _identifier
from ._syntax import (
    Node,
    Unsupported,
    _block_statements,
    _clause_comments,
    _descendants,
    _first_error,
    _has_continue,
    _is_assignment,
    _loop_step,
    _member_name,
    _single,
    _text,
    _type_name,
    _unwrap,
    _variable_name,
)


class Statements(Context):
    """``visit_<node type>`` for each statement the translator writes."""

    def _mark(self) -> tuple[OutputMark, int]:
        """A savepoint: where the output and the variables' changes stand now."""
        return self.out.mark(), self.scope.mark()

    def _rollback(self, mark: tuple[OutputMark, int]) -> None:
        """Undo everything a failed statement wrote or recorded since ``mark``."""
        out_mark, journal = mark
        self.out.rollback(out_mark)
        self.scope.rollback(journal)

    def _statements(self, nodes: list[Node], indent: str) -> None:
        """Write a list of statements and comments, keeping blank lines and two around top-level defs."""
        prev_end: int | None = None
        for node in nodes:
            kind = node.type
            if not node.is_named or kind == "empty_statement":
                continue
            row = node.start_point[0]
            if kind == "comment":
                text = _text(node).strip()
                if prev_end == row and self.out.lines and self.out.lines[-1].strip() and text.startswith("#"):
                    self.out.lines[-1] += "  " + text
                else:
                    self.out.gap(prev_end, row)
                    self.out.comment_lines(text, indent)
                prev_end = node.end_point[0]
                continue
            is_def = kind == "function_statement" and not indent
            if is_def:
                self.out.blank(2)
                self.out.blank_before_next = 0
            else:
                self.out.gap(prev_end, row)
            self._statement(node, indent)
            self.out.blank_before_next = 2 if is_def else 0
            prev_end = node.end_point[0]

    def _statement(self, node: Node, indent: str) -> None:
        """Write one statement; if any part of it is unsupported, write it back as untranslated comments instead."""
        mark = self._mark()
        outer_indent = self.indent
        self.indent = indent
        top = indent == self.level_indent
        start = len(self.out.lines)
        if top:
            self.pending_inits = []
        outer_after, self.after_statement = self.after_statement, []
        self.statements_open.append(node)
        kind = node.type
        try:
            if kind == "ERROR" or (kind in ("pipeline", "flow_control_statement") and node.has_error):
                raise Unsupported(_first_error(node), "syntax error")
            if kind in _LOOPS:
                self._loop_statement(node, indent)
            else:
                self.pending_label = None
                self.statement_dispatch.get(kind, self.generic_visit)(node, indent)
            for line in self.after_statement:
                self.out.emit(indent, line, None)
            self.out.flush_pending_comments(indent)
            if top and self.pending_inits:
                names = list(dict.fromkeys(self.pending_inits))
                # Bound only inside a branch or loop: PowerShell reads it as $null where Python would fail.
                self.out.lines.insert(start, f"{indent}{' = '.join(names)} = None")
                self.out.code_lines += 1
                self.pending_inits = []
        except (Unsupported, RecursionError) as exc:
            self._rollback(mark)
            row = node.start_point[0]
            self.out.untranslated(_text(node), row, indent)
            if isinstance(exc, Unsupported):
                self.out.warnings.append((exc.line if exc.line else row + 1, exc.message))
            else:
                self.out.warnings.append((row + 1, "unsupported: nested too deeply"))
        finally:
            self.after_statement = outer_after
            self.statements_open.pop()
            self.indent = outer_indent

    def visit_label(self, node: Node, indent: str) -> None:
        """``:name`` before a loop: ``break name``/``continue name`` in loops inside it leave them all."""
        following = node.next_named_sibling
        while following is not None and following.type == "comment":
            following = following.next_named_sibling
        if following is None or following.type not in _LOOPS:
            raise Unsupported(node, "unsupported: a label on something other than a loop")
        self.pending_label = _text(node)[1:].strip().lower()

    def _loop_statement(self, node: Node, indent: str) -> None:
        """A loop, labelled or not; after it, a jump it made to a labelled loop around it goes on outward."""
        name, self.pending_label = self.pending_label, None
        label = None
        if name is not None:
            label = _Label(name, self.loops + 1, self.scope.fresh(f"{_identifier(name)}_exit"))
            self.out.emit(indent, f"{label.flag} = None", None)
            self.labels.append(label)
        try:
            self.statement_dispatch[node.type](node, indent)
        finally:
            if label is not None:
                self.labels.remove(label)
        self._after_loop(indent)

    def _after_loop(self, indent: str) -> None:
        """After a loop (or a switch, which is one), where a jump to a labelled loop around it made it stop:
        that loop acts on it, and each loop between goes on outward."""
        depth = self.loops + 1
        for outer in self.labels:
            if not outer.used or outer.depth >= depth:
                continue
            if outer.depth == depth - 1:
                # Back in the labelled loop's own body: do what the jump asked for here.
                self.out.emit(indent, f'if {outer.flag} == "break"', None, ":")
                self.out.emit(indent + R.INDENT, "break", None)
                self.out.emit(indent, f'if {outer.flag} == "continue"', None, ":")
                self.out.emit(indent + R.INDENT, f"{outer.flag} = None", None)
                self.out.emit(indent + R.INDENT, "continue", None)
            else:
                self.out.emit(indent, f"if {outer.flag} is not None", None, ":")
                self.out.emit(indent + R.INDENT, "break", None)

    def _loop_block(self, block: Node | None, indent: str) -> None:
        """A loop's body: break and continue are allowed inside. A variable the body gives another kind
        of value may hold either on the next pass: the body is written again with such variables unknown."""
        self.loops += 1
        try:
            mark = self._mark()
            self._block(block, indent)
            changed = [
                (scope, key)
                for scope, key, old in self.scope.changed_since(mark[1])
                if old is not None and scope[key].type.kind != old.type.kind
            ]
            if changed:
                self._rollback(mark)
                for scope, key in changed:
                    self.scope.retype(scope, key, UNKNOWN)
                self._block(block, indent)
        finally:
            self.loops -= 1

    def _block(self, block: Node | None, indent: str, *, straight: bool = False) -> None:
        """The statements of a ``{ ... }`` block, one indent deeper; ``pass`` when nothing was translated.

        ``straight``: the block always runs, once, as the code around it does (a function's ``begin`` and
        ``end``), so what it assigns keeps its type after it."""
        before = self.out.code_lines
        variables = self.scope.mark()
        if block is not None and len(indent) > R.MAX_BLOCK_DEPTH * len(R.INDENT):
            raise Unsupported(block, "unsupported: nested too deeply")
        if block is not None:
            nodes: list[Node] = []
            for child in block.children:
                if child.type in ("statement_list", "script_block_body"):
                    for grand in child.children:
                        if grand.type == "statement_list":
                            nodes.extend(grand.children)
                        else:
                            nodes.append(grand)
                elif child.is_named:
                    nodes.append(child)
            self._statements(nodes, indent)
        self.out.blank_before_next = 0
        if self.out.code_lines == before and not straight:
            self.out.lines.append(indent + "pass")
            self.out.code_lines += 1
        if not straight:
            self.pending_inits.extend(self.scope.merge_after_block(variables))

    def generic_visit(self, node: Node, indent: str) -> None:
        """A statement of a kind the translator does not know: reported, never guessed."""
        raise Unsupported(node, f"unsupported: {node.type}")

    def visit_pipeline(self, node: Node, indent: str) -> None:
        """A pipeline statement: an assignment, ``$i++``, or a value PowerShell would print."""
        kids = self._kids(node)
        if len(kids) != 1:
            raise Unsupported(node, "unsupported: pipeline with redirection")
        inner = _unwrap(kids[0])
        row = node.end_point[0]
        kind = inner.type
        if kind == "assignment_expression":
            self._assignment(inner, indent, row)
            return
        if kind in (
            "post_increment_expression",
            "pre_increment_expression",
            "post_decrement_expression",
            "pre_decrement_expression",
        ):
            op = "+=" if "increment" in kind else "-="
            self._assign_to(_unwrap(self._kids(inner)[0]), op, const_expr(1), indent, row)
            return
        value = self._pipeline_value(inner)
        self._emit_output(value, indent, row)

    def _emit_output(self, value: Expr, indent: str, row: int) -> None:
        """A value left on the pipeline: PowerShell prints it (each item of a list on its own line), or, in
        a function or block whose output is collected, writes it there (``yield``)."""
        if value.stmt:
            self.out.emit(indent, "", value, row=row)
        elif self.yielding:
            # A function's output runs here and now (inside a try, its errors are caught there), item by item.
            if value.generator is not None:
                self.out.emit(indent, "yield from ", value.generator, row=row)
            elif value.whole:
                # Written as one object (Write-Output -NoEnumerate, Invoke-RestMethod's array answer).
                self.out.emit(indent, "yield ", self._ps("one_object", value), row=row)
            else:
                self.out.emit(indent, "yield ", value, row=row)
        elif value.generator is not None:
            self.out.emit(indent, "", self._ps("write_output", value.generator, stmt=True), row=row)
        elif value.const is not None:
            kind = value.type.kind
            simple = kind in (Kind.STR, Kind.INT, Kind.BOOL) or (kind == Kind.LIST and value.items is not None)
            if value.items is not None and any(
                i.type.kind not in (Kind.STR, Kind.INT, Kind.BOOL) or i.loose for i in value.items
            ):
                simple = False
            if simple and not value.loose:
                self.out.emit(indent, "", print_value(self.out, value), row=row)
            else:
                self.out.emit(indent, "", self._ps("write_output", value, stmt=True), row=row)

    def _assignment(self, node: Node, indent: str, row: int) -> None:
        """``$x = ...`` and compound assignments to variables, members, elements and ``$env:``."""
        kids = self._kids(node)
        if len(kids) != 3 or kids[1].type != "assignement_operator":
            raise Unsupported(node, "unsupported: assignment")
        op_node = kids[1]
        op = _text(op_node).strip()
        if op not in R.ASSIGNMENT_OPERATORS:
            raise Unsupported(op_node, f"unsupported: assignment operator {op}")
        left = _unwrap(kids[0])
        value_node = kids[2]
        chained = _unwrap(value_node)
        if chained.type == "pipeline":
            named = [c for c in chained.children if c.is_named and c.type != "comment"]
            chained = _unwrap(named[0]) if len(named) == 1 else chained
        if op == "=" and chained.type == "assignment_expression":
            # $a = $b = 0: the inner assignment first, then its target's new value to the outer one.
            self._assignment(chained, indent, row)
            inner_left = _unwrap(self._kids(chained)[0])
            if inner_left.type == "cast_expression":
                inner_left = _unwrap(self._kids(inner_left)[-1])
            self._assign_to(left, op, self._expr(inner_left), indent, row)
            return
        if left.type == "variable" and _text(left).lower() == "$null" and op == "=":
            value = self._assigned_value(value_node)
            value.stmt = True
            self.out.emit(indent, "", value, row=row)
            return
        value = self._assigned_value(value_node)
        if self.operator_marks and self.operator_marks.get(op_node.start_byte) == "??=":
            self._coalesce_assign(left, value, indent, row)
            return
        self._assign_to(left, op, value, indent, row)

    def _coalesce_assign(self, left: Node, value: Expr, indent: str, row: int) -> None:
        """``$x ??= value``: assigned (and the value evaluated) only when ``$x`` is ``$null``."""
        mark = self._mark()
        try:
            current: Expr | None = self._expr(left)
        except Unsupported:
            self._rollback(mark)  # a variable never assigned reads as $null: it is assigned
            current = None
        if current is None or (current.type.kind == Kind.NONE and not current.loose):
            self._assign_to(left, "=", value, indent, row)
            return
        if current.loose or current.type.kind in (Kind.UNKNOWN, Kind.JSON, Kind.MODEL, Kind.OBJECT):
            test = self._ps("is_null", current, type=BOOL)
        else:
            test = Expr(f"{wrap(current, P_CMP + 1)} is None", P_CMP, BOOL)
        variables = self.scope.mark()
        self.out.emit(indent, "if ", test, ":", row=row)
        self._assign_to(left, "=", value, indent + R.INDENT, row)
        self.pending_inits.extend(self.scope.merge_after_block(variables))

    def _assign_to(self, left: Node, op: str, value: Expr, indent: str, row: int) -> None:
        """Assign (``=`` or a compound operator) a translated value to a variable, member or element."""
        if left.type == "cast_expression":
            # [int]$Count = ...: the value converted, and the variable keeps converting what it is given.
            parts = self._kids(left)
            typed = _unwrap(parts[1]) if len(parts) == 2 else None
            if len(parts) != 2 or parts[0].type != "type_literal" or typed is None or typed.type != "variable":
                raise Unsupported(left, "unsupported: assignment to a cast")
            from ..pscompat._convert import castable

            type_name = _type_name(parts[0])
            if R.CASTS.get(type_name) not in ("int", "str", "float", "bool") and not castable(type_name):
                raise Unsupported(parts[0], f"unsupported: a variable of type [{_text(parts[0]).strip('[]')}]")
            self.scope.constraints[_bare_name(_variable_name(typed)).lower()] = type_name
            left = typed
        if self.scope.constraints and left.type == "variable" and op == "=":
            constraint = self.scope.constraints.get(_bare_name(_variable_name(left)).lower())
            if constraint is not None:
                value = self._cast_value(value, constraint)
        if left.type == "array_literal_expression" and op == "=":
            targets = [_unwrap(k) for k in self._kids(left)]
            if not all(t.type == "variable" for t in targets) or len(targets) < 2:
                raise Unsupported(left, "unsupported: assignment to several targets that are not all variables")
            names = []
            for each in targets:
                name = _variable_name(each)
                self.scope.check(name, each, write=True)
                names.append(self.scope.var(_bare_name(name), each, assign=UNKNOWN).py)
            unpacked = self._ps("unpack", value, const_expr(len(names)))
            self.out.emit(indent, f"{', '.join(names)} = ", unpacked, row=row)
            return
        if left.type == "variable":
            name = _variable_name(left)
            preference = _bare_name(name).lower()
            if preference in R.PREFERENCE_VARIABLES and op == "=":
                setting = self._ps("preferences.set", const_expr(_bare_name(name)), value, stmt=True)
                self.out.emit(indent, "", setting, row=row)
                return
            if name.lower().startswith("env:"):
                self.out.need("mod", "os")
                key = py_str(name[4:])
                if op != "=":
                    raise Unsupported(left, f"unsupported: {op} on an environment variable")
                if value.const is None:
                    self.out.emit(indent, f"os.environ.pop({key}, None)", None, row=row)  # $null removes it
                    return
                self.out.emit(indent, f"os.environ[{key}] = ", self._as_text(value), row=row)
                return
            self.scope.check(name, left, write=True)
            if self.scope.in_function and ":" in name:
                # $script:X = ... inside a function writes the script's variable.
                var = self.scope.script_var(_bare_name(name))
                self.function_globals.add(var.py)
                if op == "=":
                    self.out.emit(indent, f"{var.py} = ", value, row=row)
                else:
                    self._compound(var.py, Expr(var.py, P_ATOM, UNKNOWN), op, value, indent, row)
                return
            if op == "=":
                var = self.scope.var(_bare_name(name), left, assign=value.type)
                self.out.emit(indent, f"{var.py} = ", value, row=row)
                return
            if self.scope.in_function and not self.scope.is_local(_bare_name(name)):
                # $x++ on a script variable: PowerShell reads the script's value into a new local $x.
                current = self.scope.var(_bare_name(name), left)
                copied = self._arith(Expr(current.py, P_ATOM, current.type), op[0], value, left)
                local = self.scope.var(_bare_name(name), left, assign=copied.type)
                self.out.emit(indent, f"{local.py} = ", copied, row=row)
                return
            var = self.scope.var(_bare_name(name), left)
            if self.scope.constraints and _bare_name(name).lower() in self.scope.constraints:
                raise Unsupported(left, f"unsupported: {op} on the typed variable ${_bare_name(name)}")
            result = self._compound(var.py, Expr(var.py, P_ATOM, var.type), op, value, indent, row)
            if result.kind != var.type.kind:
                self.scope.var(_bare_name(name), left, assign=result)
            return
        if left.type == "member_access":
            kids_left = self._kids(left)
            base = self._expr(kids_left[0])
            name_child = kids_left[1].child(0)
            dynamic = name_child is None or name_child.type != "simple_name"
            if (
                dynamic
                or base.type.kind in (Kind.UNKNOWN, Kind.JSON, Kind.LIST)
                or (base.loose and base.type.kind not in (Kind.MODEL, Kind.OBJECT))
            ):
                member = (
                    self._as_text(self._expr(_unwrap(self._kids(kids_left[1])[0])))
                    if dynamic
                    else const_expr(_member_name(kids_left[1]))
                )
                if op != "=":
                    func = {"+=": "add", "-=": "sub", "*=": "mul", "/=": "div", "%=": "mod"}[op]
                    value = self._ps(func, self._ps("member", base, member), value)
                setter = self._ps("set_member", base, member, value, stmt=True)
                self.out.emit(indent, "", setter, row=row)
                return
        # The value it holds now is read before the table's keys are forgotten ($h.keys++ with a key "keys").
        held = self._expr(left) if op != "=" else None
        target = self._target(left)
        if left.type in ("member_access", "element_access"):
            base_node = _unwrap(self._kids(left)[0])
            if base_node.type == "variable" and not _variable_name(base_node).lower().startswith("env:"):
                set_key = self._constant_key(left) if op == "=" else None
                if set_key is None or not self._remember_key(base_node, set_key, value.type):
                    self._forget_keys(base_node)
        if held is not None:
            self._compound(target, held, op, value, indent, row)
            return
        self.out.emit(indent, f"{target} {op} ", value, row=row)

    def _constant_key(self, left: Node) -> str | None:
        """The key ``$t.name`` or ``$t['name']`` names, when it is written out; else None."""
        kids = self._kids(left)
        if len(kids) != 2:
            return None
        if left.type == "member_access":
            name_child = kids[1].child(0)
            return _member_name(kids[1]) if name_child is not None and name_child.type == "simple_name" else None
        index = _unwrap(kids[1])
        if index.type != "string_literal":
            return None
        mark = self.out.mark()
        key = self._expr(index).const
        self.out.rollback(mark)
        return key if isinstance(key, str) else None

    def _remember_key(self, target: Node, name: str, type: T) -> bool:  # noqa: A002
        """``$t.name = v`` or ``$t['name'] = v`` where the table is bound (not from a function or a block,
        which run later): its keys stay known, this one among them. False when they are not known."""
        key = _bare_name(_variable_name(target)).lower()
        scope = self.scope.locals if self.scope.locals is not None else self.scope.globals
        var = scope.get(key)
        if var is None or var.type.kind != Kind.DICT or var.type.keys is None or var.type.cls == "PSObject":
            return False
        keys = dict(var.type.keys)
        written = keys[name.lower()][0] if name.lower() in keys else name  # an existing key keeps its spelling
        keys[name.lower()] = (written, type)
        self.scope.retype(scope, key, T(Kind.DICT, keys=keys, cls=var.type.cls))
        return True

    def _compound(self, target: str, current: Expr, op: str, value: Expr, indent: str, row: int) -> T:
        """``+=`` and friends: Python's own where both sides are numbers (or text, or an array and items),
        else the runtime's operator with PowerShell's conversions; returns the type of the result."""
        kind = current.type.kind if not current.loose else Kind.UNKNOWN
        vkind = value.type.kind if not value.loose else Kind.UNKNOWN
        numbers = (Kind.INT, Kind.FLOAT)
        if kind in numbers and vkind in numbers and op in ("+=", "-=", "*="):
            self.out.emit(indent, f"{target} {op} ", value, row=row)
            return INT if kind == vkind == Kind.INT else current.type if kind == Kind.FLOAT else T(Kind.FLOAT)
        if kind == Kind.STR and op == "+=":
            self.out.emit(indent, f"{target} += ", self._as_text(value), row=row)
            return current.type
        if kind == Kind.LIST and op == "+=" and (vkind == Kind.LIST or value.type.scalar):
            # A new array, as PowerShell makes one: another variable holding the old one keeps it as it was.
            added = value if vkind == Kind.LIST else list_expr([value])
            self.out.emit(
                indent, f"{target} = ", Expr(f"{target} + {wrap(added, P_ADD + 1)}", P_ADD, current.type), row=row
            )
            return current.type
        func = {"+=": "add", "-=": "sub", "*=": "mul", "/=": "div", "%=": "mod"}[op]
        self.out.emit(indent, f"{target} = ", self._ps(func, current, value), row=row)
        return T(Kind.LIST, elem=UNKNOWN) if kind == Kind.LIST else UNKNOWN

    def _cast_value(self, value: Expr, type_name: str) -> Expr:
        """A value converted to a declared type, as a typed variable converts what it is given."""
        action = R.CASTS.get(type_name)
        simple = {"int": INT, "str": STR, "float": T(Kind.FLOAT), "bool": BOOL}.get(action or "")
        if simple is not None:
            return self._converted(value, simple)
        return self._ps("cast", value, const_expr(type_name))

    def _assigned_value(self, node: Node) -> Expr:
        """The value of an assignment's right side: a pipeline's output collapsed as PowerShell assigns it
        (nothing is ``$null``, one item itself), a statement (``if``, ``switch``, ``foreach``...) its output."""
        inner = _unwrap(node) if node.type != "pipeline" else node
        if node.type == "if_statement":
            ternary = self._if_expression(node)
            if ternary is not None:
                return ternary
        if node.type in _VALUE_STATEMENTS:
            return self._value_of_block(lambda indent: self._statements([node], indent))
        value = self._pipeline_value(inner)
        if value.stream:
            return self._ps("collect", value)
        return value

    def _if_expression(self, node: Node) -> Expr | None:
        """``if (c) { a } else { b }`` as a value: ``a if c else b`` when every branch is one plain value."""
        arms: list[tuple[Node | None, Node | None]] = []
        block = next((c for c in node.children if c.type == "statement_block"), None)
        arms.append((node.child_by_field_name("condition"), block))
        clauses = node.child_by_field_name("elseif_clauses")
        for clause in clauses.children if clauses is not None else []:
            if clause.type == "elseif_clause":
                body = next((c for c in clause.children if c.type == "statement_block"), None)
                arms.append((clause.child_by_field_name("condition"), body))
        else_clause = node.child_by_field_name("else_clause")
        else_block = (
            next((c for c in else_clause.children if c.type == "statement_block"), None)
            if else_clause is not None
            else None
        )
        mark = self.out.mark()
        values: list[tuple[Expr | None, Expr]] = []
        for cond_node, body in [*arms, (None, else_block)]:
            if body is None:
                values.append((None, const_expr(None)))
                continue
            kids = [k for k in self._kids_of_block(body) if k.type != "comment"]
            if len(kids) != 1 or kids[0].type != "pipeline" or _is_assignment(kids[0]):
                self.out.rollback(mark)
                return None
            test = self._condition(cond_node, node) if cond_node is not None else None
            value = self._pipeline_value(kids[0])
            if value.stmt or value.stream or self.out.mark()[0] != mark[0]:
                self.out.rollback(mark)
                return None
            values.append((test, value))
        result = values[-1][1]
        for test, value in reversed(values[:-1]):
            assert test is not None
            result = Expr(
                f"{wrap(value, P_TERNARY + 1)} if {wrap(test, P_TERNARY + 1)} else {wrap(result, P_TERNARY)}",
                P_TERNARY,
                value.type if value.type.kind == result.type.kind else UNKNOWN,
            )
        return result

    def _kids_of_block(self, block: Node) -> list[Node]:
        """The statements directly inside a ``{ ... }`` block."""
        nodes: list[Node] = []
        for child in block.children:
            if child.type in ("statement_list", "script_block_body"):
                nodes.extend(g for g in child.children if g.is_named)
            elif child.is_named:
                nodes.append(child)
        return nodes

    def _target(self, node: Node) -> str:
        """The Python code of an assignment target (a variable, a member or an element)."""
        node = _unwrap(node)
        kind = node.type
        if kind == "variable":
            name = _variable_name(node)
            if name.lower().startswith("env:"):
                self.out.need("mod", "os")
                return f"os.environ[{py_str(name[4:])}]"
            self.scope.check(name, node, write=True)
            return self.scope.var(_bare_name(name), node).py
        if kind == "member_access":
            kids = self._kids(node)
            if len(kids) != 2 or kids[1].type != "member_name":
                raise Unsupported(node, "unsupported: assignment to this member")
            base = self._expr(kids[0])
            name = _member_name(kids[1])
            return self._member_target(base, name, node)
        if kind == "element_access":
            kids = self._kids(node)
            if len(kids) != 2:
                raise Unsupported(node, "unsupported: element access")
            base = self._expr(kids[0])
            key = self._expr(kids[1])
            if base.type.kind == Kind.OBJECT and isinstance(key.const, str):
                return self._member_target(base, key.const, node)
            if base.type.kind == Kind.DICT and isinstance(key.const, str):
                return self._member_target(base, key.const, node)
            return f"{wrap(base, P_ATOM)}[{key.code}]"
        raise Unsupported(node, f"unsupported: assignment to {kind}")

    def _member_target(self, base: Expr, name: str, node: Node) -> str:
        """The Python target of ``$obj.Name = ...``: an attribute of a model or configuration, else a key."""
        t = base.type
        if t.kind in (Kind.OBJECT, Kind.MODEL):
            found = self.cat.members(t.cls).get(normalize(name))
            if found is None:
                raise Unsupported(node, f"{t.cls.__name__} has no member '{name}'")
            return f"{wrap(base, P_ATOM)}.{found[0]}"
        if t.kind == Kind.DICT:
            key = name
            if t.keys is not None:
                hit = t.keys.get(name.lower())
                if hit is not None:
                    key = hit[0]
            return f"{wrap(base, P_ATOM)}[{py_str(key)}]"
        if t.kind in (Kind.JSON, Kind.HEADERS):
            return f"{wrap(base, P_ATOM)}[{py_str(name)}]"
        raise Unsupported(node, f"unsupported: setting '{name}' on a value of unknown kind")

    def visit_if_statement(self, node: Node, indent: str) -> None:
        """``if/elseif/else`` as ``if/elif/else``; comments between the clauses stay between them."""
        arms: list[tuple[str, Expr | None, Node | None, int]] = []
        block = None
        for child in node.children:
            if child.type == "statement_block" and block is None:
                block = child
            elif child.type == "ERROR" or child.is_missing:
                raise Unsupported(child, "syntax error")
        row = node.start_point[0]
        arms.append(("if ", self._condition(node.child_by_field_name("condition"), node), block, row))
        clauses = node.child_by_field_name("elseif_clauses")
        if clauses is not None:
            for clause in clauses.children:
                if clause.type == "elseif_clause":
                    body = next((c for c in clause.children if c.type == "statement_block"), None)
                    cond = self._condition(clause.child_by_field_name("condition"), clause)
                    arms.append(("elif ", cond, body, clause.start_point[0]))
        else_clause = node.child_by_field_name("else_clause")
        if else_clause is not None:
            body = next((c for c in else_clause.children if c.type == "statement_block"), None)
            arms.append(("else", None, body, else_clause.start_point[0]))
        notes = _clause_comments(node)
        for head, test, arm_body, arm_row in arms:
            self.out.flush_comments(notes, arm_row, indent)
            self.out.emit(indent, head, test, ":", row=arm_row)
            self._block(arm_body, indent + R.INDENT)
        self.out.flush_comments(notes, None, indent)

    def _condition(self, node: Node | None, owner: Node) -> Expr:
        """The Python expression of a statement's ``( ... )`` condition."""
        if node is None:
            raise Unsupported(owner, "syntax error")
        if node.has_error:
            raise Unsupported(_first_error(node), "syntax error")
        inner = node
        if node.type == "while_condition":
            kids = self._kids(node)
            if len(kids) != 1:
                raise Unsupported(node, "syntax error")
            inner = kids[0]
        return self._truth(self._pipeline_value(inner))

    def visit_foreach_statement(self, node: Node, indent: str) -> None:
        """``foreach ($x in $items)`` as ``for x in items:``."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        kids = self._kids(node)
        if any(k.type == "foreach_parameter" for k in kids) or len(kids) != 3:
            raise Unsupported(node, "unsupported: foreach with -parallel")
        var_node, source_node, block = kids
        items = self._pipeline_value(source_node)
        kind = items.type.kind
        elem = items.type.elem if kind == Kind.LIST and items.type.elem is not None else UNKNOWN
        if kind != Kind.LIST or items.loose:
            # $null runs no iteration, a single value (a string, a hashtable) one.
            items = self._ps("items", items, type=list_of(elem))
        name = _variable_name(var_node)
        self.scope.check(name, var_node, write=True)
        var = self.scope.var(_bare_name(name), var_node, assign=elem)
        self.out.emit(indent, f"for {var.py} in ", items, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)

    def visit_switch_statement(self, node: Node, indent: str) -> None:
        """``switch [-Wildcard|-Regex|-Exact] [-CaseSensitive] (value) { cond { ... } default { ... } }``.

        PowerShell runs every clause that matches, for each item of an array, until ``break``. Where the
        value is one known value and at most the first matching clause can run (each ends in ``return``/
        ``break``/``throw``/``exit``, or the conditions are distinct constants), it is an ``if/elif/else``
        chain; otherwise a loop over the items with one ``if`` per clause."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        flags = {(_text(p).strip().lstrip("-").lower()) for p in _descendants(node, "switch_parameter", _NESTED)}
        for flag in flags:
            if not any(word.startswith(flag) for word in ("wildcard", "regex", "exact", "casesensitive")) or not flag:
                raise Unsupported(node, f"unsupported: switch -{flag}")
        mode = next((m for m in ("wildcard", "regex") if any(m.startswith(f) for f in flags)), "exact")
        case = any("casesensitive".startswith(f) for f in flags if len(f) > 1)
        cond_node = next((c for c in node.children if c.type == "switch_condition"), None)
        body = next((c for c in node.children if c.type == "switch_body"), None)
        if cond_node is None or body is None or any(c.type == "switch_filename" for c in node.children):
            raise Unsupported(node, "unsupported: switch -File or without a value")
        for condition in _descendants(body, "switch_clause_condition", ("statement_block",)):
            written = _text(condition).strip()
            if written.startswith('"') and (len(written) < 2 or not written.endswith('"')):
                # The grammar cuts a double-quoted condition at its $( ): what it made of it is not the script.
                raise Unsupported(condition, "unsupported: a double-quoted switch condition with $( ) in it")
        subject = self._pipeline_value(self._kids(cond_node)[0])
        clauses: list[tuple[Node | None, Node]] = []
        for clause in _descendants(body, "switch_clause", _NESTED):
            cond = next((c for c in clause.children if c.type == "switch_clause_condition"), None)
            block = next((c for c in clause.children if c.type == "statement_block"), None)
            if cond is None or block is None:
                raise Unsupported(clause, "syntax error")
            inner = self._kids(cond)
            if not inner and _text(cond).strip().lower() != "default":
                # A double-quoted string or a bare word: the grammar gives the condition no child node.
                inner = [cond]
            clauses.append((inner[0] if inner else None, block))
        single = subject.type.kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL) and not subject.loose
        exits = all(_ends_in_exit(block) for _, block in clauses)
        constants = [_text(c).lower() for c, _ in clauses if c is not None]
        distinct = (
            mode == "exact"
            and all(
                c.type in ("string_literal", "integer_literal")
                or (c.type == "switch_clause_condition" and "$" not in _text(c))
                for c, _ in clauses
                if c is not None
            )
            and len(set(constants)) == len(constants)
        )
        loops = any(_breaks_inside(block) for _, block in clauses)
        row = node.start_point[0]
        if single and (exits or distinct) and not loops:
            if _unwrap(self._kids(cond_node)[0]).type == "variable":
                item = subject.code
            else:
                item = self.scope.fresh("value")
                self.out.emit(indent, f"{item} = ", subject, row=row)
            self._switch_chain(clauses, Expr(item, P_ATOM, subject.type), mode, case, indent)
            return
        item = self.scope.fresh("item")
        has_default = any(c is None for c, _ in clauses)
        self.out.emit(indent, f"for {item} in ", self._ps("items", subject), ":", row=row)
        inner_indent = indent + R.INDENT
        matched = self.scope.fresh("matched") if has_default else None
        if matched is not None:
            self.out.emit(inner_indent, f"{matched} = False", None)
        subject_item = Expr(item, P_ATOM, UNKNOWN)
        self.loops += 1
        try:
            for cond, block in clauses:
                if cond is None:
                    continue
                test = self._switch_test(cond, subject_item, mode, case)
                self.out.emit(inner_indent, "if ", test, ":")
                if matched is not None:
                    self.out.emit(inner_indent + R.INDENT, f"{matched} = True", None)
                self._switch_body(block, item, inner_indent + R.INDENT)
            for cond, block in clauses:
                if cond is None:
                    assert matched is not None
                    self.out.emit(inner_indent, f"if not {matched}", None, ":")
                    self._switch_body(block, item, inner_indent + R.INDENT)
        finally:
            self.loops -= 1
        self._after_loop(indent)

    def _switch_chain(
        self, clauses: list[tuple[Node | None, Node]], subject: Expr, mode: str, case: bool, indent: str
    ) -> None:
        """The clauses of a switch on one value as ``if/elif/else`` (a trailing ``break`` is the chain's end)."""
        head = "if "
        for cond, block in clauses:
            if cond is None:
                continue
            test = self._switch_test(cond, subject, mode, case)
            self.out.emit(indent, head, test, ":")
            self._switch_body(block, subject.code, indent + R.INDENT, drop_break=True)
            head = "elif "
        for cond, block in clauses:
            if cond is None:
                if head == "if ":
                    self._switch_body(block, subject.code, indent, drop_break=True)
                else:
                    self.out.emit(indent, "else", None, ":")
                    self._switch_body(block, subject.code, indent + R.INDENT, drop_break=True)

    def _switch_test(self, cond: Node, subject: Expr, mode: str, case: bool) -> Expr:
        """Whether one switch clause matches the item."""
        flags = [("case=", const_expr(True))] if case else []
        if cond.type == "script_block_expression":
            statements = _block_statements(cond)
            if len(statements) != 1 or statements[0].type != "pipeline":
                raise Unsupported(cond, "unsupported: a switch condition block with several statements")
            self.underscore.append(subject.code)
            try:
                return self._truth(self._pipeline_value(statements[0]))
            finally:
                self.underscore.pop()
        if cond.type == "switch_clause_condition":
            written = _text(cond).strip()
            if written.startswith('"'):
                # Parsed on its own, so that its $variables and $( ) become the string's fields.
                value = self._reparsed(cond) if "$" in written else self._expandable(cond, here=False)
            else:
                value = const_expr(written)
        else:
            value = self._expr(cond) if cond.type != "generic_token" else const_expr(_text(cond))
        if mode == "wildcard":
            return ps_call(self.out, "like", [("", subject), ("", value), *flags], BOOL)
        if mode == "regex":
            matches = Expr(self._matches_var(), P_ATOM)
            return ps_call(self.out, "match", [("", subject), ("", value), ("", matches), *flags], BOOL)
        return self._compare(subject, "eq", value, case)

    def _switch_body(self, block: Node, item: str, indent: str, *, drop_break: bool = False) -> None:
        """A switch clause's statements, ``$_`` being the item; a last ``break`` ends the chain by itself."""
        self.underscore.append(item)
        try:
            if drop_break:
                kids = _block_statements(block)
                if kids and _flow_word(kids[-1]) == "break" and not self._kids(kids[-1]):
                    before = self.out.code_lines
                    self._statements(kids[:-1], indent)
                    if self.out.code_lines == before:
                        self.out.lines.append(indent + "pass")
                        self.out.code_lines += 1
                    return
            self._block(block, indent)
        finally:
            self.underscore.pop()

    def visit_while_statement(self, node: Node, indent: str) -> None:
        """``while (cond) { }`` as ``while cond:``."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        cond = self._condition(node.child_by_field_name("condition"), node)
        block = next((c for c in node.children if c.type == "statement_block"), None)
        self.out.emit(indent, "while ", cond, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)

    def visit_do_statement(self, node: Node, indent: str) -> None:
        """``do { } while/until (cond)`` as ``while True:`` with the test at the end; with a ``continue`` in the
        body (which goes on to the test), as ``while first_pass or cond:``."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        until = any(c.type == "until" for c in node.children)
        block = next((c for c in node.children if c.type == "statement_block"), None)
        inner = indent + R.INDENT
        flag = self.scope.fresh("first_pass") if block is not None and _has_continue(block) else None
        header = len(self.out.lines)
        if flag is not None:
            self.out.emit(indent, f"{flag} = True", None, row=node.start_point[0])
        self.out.emit(indent, "while True", None, ":", row=node.start_point[0])
        if flag is not None:
            self.out.emit(inner, f"{flag} = False", None)
        self._loop_block(block, inner)
        # The test runs after the body, so it reads the variables as the body left them; what writing it
        # needs before it (a nested def) goes before the loop.
        before = len(self.out.lines)
        cond = self._condition(node.child_by_field_name("condition"), node)
        needed = self.out.lines[before:]
        del self.out.lines[before:]
        self.out.lines[header:header] = needed
        header += len(needed)
        if flag is not None:
            test = Expr(f"not {wrap(cond, P_NOT)}", P_NOT, BOOL) if until else cond
            while_line = self.out.lines.index(f"{indent}while True:", header)
            self.out.lines[while_line] = f"{indent}while {flag} or {wrap(test, P_AND)}:"
            return
        test = Expr(cond.code, cond.prec, BOOL) if until else Expr(f"not {wrap(cond, P_NOT)}", P_NOT, BOOL)
        self.out.emit(inner, "if ", test, ":")
        self.out.emit(inner + R.INDENT, "break", None)

    def visit_for_statement(self, node: Node, indent: str) -> None:
        """A counting ``for`` as ``for i in range(...)``, any other as its ``while`` loop."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        init = node.child_by_field_name("for_initializer")
        cond_node = node.child_by_field_name("for_condition")
        iterator = node.child_by_field_name("for_iterator")
        block = next((c for c in node.children if c.type == "statement_block"), None)
        counting = self._counting_loop(init, cond_node, iterator, block)
        if counting is not None and self._read_after(node, counting[0]):
            # After the loop PowerShell's variable is one step past the bound; range() leaves it on the last.
            counting = None
        if counting is not None:
            var, bounds = counting
            self.out.emit(indent, f"for {var} in ", call("range", bounds), ":", row=node.start_point[0])
            self._loop_block(block, indent + R.INDENT)
            return
        if init is not None:
            for child in self._kids(init):
                self._statement_strict(child, indent)
        cond = self._condition(self._kids(cond_node)[0], node) if cond_node is not None else const_expr(True)
        inner = indent + R.INDENT
        if block is None or iterator is None or not _has_continue(block):
            self.out.emit(indent, "while ", cond, ":", row=node.start_point[0])
            self._loop_block(block, inner)
            if iterator is not None:
                for child in self._kids(iterator):
                    self._statement_strict(child, inner)
            return
        # A continue goes on to the iterator, then the test: the iterator runs at the top of every pass but
        # the first.
        flag = self.scope.fresh("first_pass")
        self.out.emit(indent, f"{flag} = True", None, row=node.start_point[0])
        self.out.emit(indent, "while True", None, ":")
        top = len(self.out.lines)
        self.out.emit(inner, f"{flag} = False", None)
        self.out.emit(inner, "if ", Expr(f"not {wrap(cond, P_NOT)}", P_NOT, BOOL), ":")
        self.out.emit(inner + R.INDENT, "break", None)
        self._loop_block(block, inner)
        # Written after the body, as it runs after it (it sees the variables as the body left them).
        start = len(self.out.lines)
        for child in self._kids(iterator):
            self._statement_strict(child, inner + R.INDENT)
        step = self.out.lines[start:]
        del self.out.lines[start:]
        self.out.lines[top:top] = [f"{inner}if not {flag}:", *step]
        self.out.code_lines += 1

    def _statement_strict(self, node: Node, indent: str) -> None:
        """A statement that is part of a larger one: its failure fails the larger statement."""
        self.statement_dispatch.get(node.type, self.generic_visit)(node, indent)

    def _read_after(self, node: Node, py: str) -> bool:
        """True when the source after ``node`` mentions the loop variable."""
        count = _counting_shape(
            node.child_by_field_name("for_initializer"),
            node.child_by_field_name("for_condition"),
            node.child_by_field_name("for_iterator"),
            next((c for c in node.children if c.type == "statement_block"), None),
        )
        if count is None:
            return False
        pattern = re.compile(rb"\$(?:script:|local:)?" + re.escape(count.name.encode()) + rb"\b", re.IGNORECASE)
        return pattern.search(self.source, node.end_byte) is not None

    def _counting_loop(
        self, init: Node | None, cond: Node | None, iterator: Node | None, block: Node | None
    ) -> tuple[str, list[tuple[str, Expr]]] | None:
        """``for ($i = a; $i -lt b; $i++)`` as ``for i in range(a, b)``, when the loop is that simple."""
        count = _counting_shape(init, cond, iterator, block)
        if count is None:
            return None
        start = self._pipeline_value(count.start)
        bound = self._expr(count.bound)
        if count.op in ("le", "ge"):
            bound = _inclusive_bound(bound, 1 if count.op == "le" else -1)
        var = self.scope.var(count.name, count.var, assign=INT)
        args = [("", start), ("", bound)] if count.step != 1 or start.const != 0 else [("", bound)]
        if count.step != 1:
            args.append(("", const_expr(count.step)))
        return var.py, args

    def visit_try_statement(self, node: Node, indent: str) -> None:
        """``try/catch/finally`` as ``try/except/finally``; ``$_`` in a catch is the caught exception."""
        body, catches, final = self._try_parts(node)
        notes = _clause_comments(node)
        self.out.emit(indent, "try", None, ":", row=node.start_point[0])
        self._block(body, indent + R.INDENT)
        for (types, dotnet), block in catches:
            self.out.flush_comments(notes, block.start_point[0] if block is not None else None, indent)
            if dotnet:
                self._check_dotnet_catch(body, block, dotnet)
            # A catch without a type catches every error, the script's own throw included.
            self._except_clause(types or "Exception", block, indent)
        if final is not None:
            self.out.flush_comments(notes, final.start_point[0], indent)
            self.out.emit(indent, "finally", None, ":")
            self._block(final, indent + R.INDENT)
        self.out.flush_comments(notes, None, indent)

    def _try_parts(
        self, node: Node
    ) -> tuple[Node | None, list[tuple[tuple[str | None, list[str]], Node | None]], Node | None]:
        """A try statement's body, its catches ((exception classes or None for a catch-all, the .NET
        exception types named), block) and finally."""
        body = next((c for c in node.children if c.type == "statement_block"), None)
        catches: list[tuple[tuple[str | None, list[str]], Node | None]] = []
        final: Node | None = None
        for child in node.children:
            if child.type == "catch_clauses":
                for clause in child.children:
                    if clause.type != "catch_clause":
                        continue
                    types_node = next((c for c in clause.children if c.type == "catch_type_list"), None)
                    block = next((c for c in clause.children if c.type == "statement_block"), None)
                    caught = self._catch_types(types_node) if types_node is not None else (None, [])
                    catches.append((caught, block))
            elif child.type == "finally_clause":
                final = next((c for c in child.children if c.type == "statement_block"), None)
            elif child.type == "ERROR" or child.is_missing:
                raise Unsupported(child, "syntax error")
        if not catches and final is None:
            raise Unsupported(node, "syntax error")  # PowerShell too requires a catch or a finally
        return body, catches, final

    def _except_clause(self, exc_class: str, block: Node | None, indent: str) -> None:
        """``except Class:``, or ``except Class as e:`` when the block reads ``$_``."""
        if "ApiException" in exc_class:
            self.out.need("pkg", "ApiException")
        general = "ApiException" not in exc_class  # $_ of the API's errors has their HTTP details
        ctx = _Catch("e" if not self.catches else f"e{len(self.catches) + 1}", general=general)
        slot = len(self.out.lines)
        self.out.emit(indent, f"except {exc_class}", None, ":")
        self.catches.append(ctx)
        self.underscore.append(ctx)
        try:
            self._block(block, indent + R.INDENT)
        finally:
            self.catches.pop()
            self.underscore.pop()
        if ctx.used:
            self.out.lines[slot] = f"{indent}except {exc_class} as {ctx.name}:"
        if ctx.record is not None:
            # $_ is the error record: Exception.Message, Exception.Response.StatusCode, ErrorDetails...
            self.out.lines.insert(slot + 1, f"{indent}{R.INDENT}{ctx.record} = ps.error_record({ctx.name})")
            self.out.code_lines += 1

    def _catch_types(self, node: Node) -> tuple[str, list[str]]:
        """The Python exception class(es) of ``catch [Type1], [Type2]``, and the .NET exception types among
        them (``ps.exception_type(...)``: what the script throws of that type, derived types included)."""
        from ..pscompat._exceptions import known_exception

        names: list[str] = []
        dotnet: list[str] = []
        for t in node.children:
            if t.type != "type_literal":
                continue
            written = _text(t).strip("[] ")
            py = R.CATCH_TYPES.get(written.lower())
            if py is None:
                full = known_exception(written)
                if full is None:
                    raise Unsupported(t, f"unsupported: catch [{written}]")
                self.out.need("ps", "pscompat")
                py = f"ps.exception_type({py_str(full)})"
                dotnet.append(full)
            if py not in names:
                names.append(py)
        return (names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"), dotnet

    def _check_dotnet_catch(self, body: Node | None, block: Node | None, types: list[str]) -> None:
        """Warn when the try body may raise a .NET exception of its own (a method call, a cast, a division,
        a cmdlet): PowerShell would type it, and ``catch [T]`` might catch it; the translation's runtime
        errors are untyped (``RuntimeException``), so only what the script throws of type T is caught."""
        if body is None or all(t == "System.Net.WebException" for t in types):
            return  # pwsh 7 raises no WebException: nothing but the script's own throw can match
        # The path cmdlets' missing-path errors are typed as PowerShell's, and those are all they raise of these.
        typed = _PATH_COMMANDS if all(t in _NOT_FOUND_TYPES for t in types) else frozenset()
        source = _implicit_dotnet_source(body, self.functions, self.cat, self._cannot_fail, typed)
        if source is not None:
            shown = ", ".join(f"[{t}]" for t in types)
            self.out.warn(
                block if block is not None else body,
                f"catch {shown} catches what the script throws of that type; {source} in the try block may "
                "raise a .NET error PowerShell would type, which the translation does not",
            )

    def _cannot_fail(self, call: Node) -> bool:
        """Whether a method call cannot raise: one of the methods that raise nothing, on a variable the
        translator knows to hold a list, a string or a hashtable (``$script:Done.Add($step)``)."""
        member = next((c for c in call.children if c.type == "member_name"), None)
        target = _unwrap(call.children[0]) if call.children else None
        if member is None or target is None or target.type != "variable":
            return False
        name = _bare_name(_variable_name(target)).lower()
        found = None
        if self.scope.locals is not None and not _variable_name(target).lower().startswith("script:"):
            found = self.scope.locals.get(name)
        if found is None:
            found = self.scope.globals.get(name)
        if found is None:
            return False
        return _text(member).lower() in _SAFE_METHODS.get(found.type.kind, frozenset())

    def visit_flow_control_statement(self, node: Node, indent: str) -> None:
        """``return``, ``break``, ``continue``, ``exit`` and ``throw``."""
        keyword_node = node.child(0)
        word = keyword_node.type.lower() if keyword_node is not None else ""
        kids = self._kids(node)
        value_node = next((k for k in kids if k.type == "pipeline"), None)
        target = next((k for k in kids if k.type == "label_expression"), None)
        row = node.end_point[0]
        if word in ("break", "continue"):
            if not self.loops:
                raise Unsupported(node, f"unsupported: {word} outside a loop")
            keyword = word
            if target is not None:
                name = _text(target).strip().lstrip(":").lower()
                label = next((lb for lb in reversed(self.labels) if lb.name == name), None)
                if label is None:
                    raise Unsupported(node, f"unsupported: {word} {name} (no loop of that label around it here)")
                if label.depth != self.loops:
                    # From a nested loop: say what to do and leave this loop; each loop out to the label follows.
                    label.used = True
                    self.out.emit(indent, f"{label.flag} = {py_str(word)}", None, row=row)
                    keyword = "break"
            self.out.emit(indent, keyword, None, row=row)
        elif word == "return":
            if not self.scope.in_function and not self.yielding:
                # At script level, return ends the script (after writing its value), with exit code 0.
                if value_node is not None:
                    self._emit_output(self._pipeline_value(value_node), indent, row)
                self.out.need("mod", "sys")
                self.out.emit(indent, "", call("sys.exit", [("", const_expr(0))], stmt=True), row=row)
                return
            if value_node is None:
                self.out.emit(indent, self.return_word, None, row=row)
            elif self.yielding:
                result = self._pipeline_value(value_node)
                if result.generator is not None:
                    self.out.emit(indent, "yield from ", result.generator, row=row)
                else:
                    self.out.emit(indent, "yield ", result, row=row)
                self.out.emit(indent, self.return_word, None)
            else:
                result = self._pipeline_value(value_node)
                if result.type.kind in (Kind.LIST, Kind.UNKNOWN, Kind.JSON):
                    result = self._ps("returned", result)  # an array comes back unrolled, as PowerShell writes it
                self.out.emit(indent, "return ", result, row=row)
        elif word == "exit":
            self.out.need("mod", "sys")
            value = self._pipeline_value(value_node) if value_node is not None else None
            self.out.emit(indent, "", call("sys.exit", [("", value)] if value is not None else [], stmt=True), row=row)
        elif word == "throw":
            self._throw(value_node, indent, row)
        else:
            raise Unsupported(node, f"unsupported: {word or node.type}")

    def _throw(self, value_node: Node | None, indent: str, row: int) -> None:
        """``throw`` as ``raise``: a message or object becomes ``ps.ScriptError`` (which every catch catches),
        ``throw``/``throw $_`` in a catch re-raises what it caught."""
        thrown = value_node
        if thrown is not None and thrown.type == "pipeline":
            kids = [c for c in thrown.children if c.is_named and c.type != "comment"]
            thrown = kids[0] if len(kids) == 1 else thrown
        rethrow = thrown is None or (
            _unwrap(thrown).type == "variable" and _text(_unwrap(thrown)).lower() in ("$_", "$psitem")
        )
        if rethrow and self.catches:
            self.out.emit(indent, "raise", None, row=row)
            return
        if value_node is None:
            self.out.emit(indent, "raise ", self._ps("ScriptError", const_expr("ScriptHalted")), row=row)
            return
        value = self._pipeline_value(value_node)
        if value.type.kind == Kind.EXCEPTION:
            self.out.emit(indent, "raise ", value, row=row)
            return
        args = [self._as_text(value)]
        if value.type.kind != Kind.STR and value.const is _NOCONST:
            args.append(value)  # the object thrown, as $_.TargetObject
        self.out.emit(indent, "raise ", self._ps("ScriptError", *args), row=row)


#: Statements whose output is a value when assigned (``$x = if (...) {...}``).
_VALUE_STATEMENTS = frozenset(
    {
        "if_statement",
        "switch_statement",
        "foreach_statement",
        "for_statement",
        "while_statement",
        "do_statement",
        "try_statement",
    }
)


#: Nested blocks a search for a switch's own parts does not enter.
_NESTED = ("statement_block", "script_block_expression")


class _Count(NamedTuple):
    """The parts of a counting for loop: ``for ($var = start; $var -op bound; <step>)``."""

    var: Node
    name: str
    start: Node
    op: str
    bound: Node
    step: int


def _counting_shape(init: Node | None, cond: Node | None, iterator: Node | None, block: Node | None) -> _Count | None:
    """The parts of a for loop that counts one variable by a constant step, untouched by its body; else None."""
    if init is None or cond is None or iterator is None:
        return None
    assign = _single(init, "assignment_expression")
    compare = _single(cond, "comparison_expression")
    step_node = _single(iterator, None)
    if assign is None or compare is None or step_node is None:
        return None
    a_kids = [c for c in assign.children if c.is_named]
    if len(a_kids) != 3 or _text(a_kids[1]).strip() != "=" or _unwrap(a_kids[0]).type != "variable":
        return None
    name = _variable_name(_unwrap(a_kids[0])).lower()
    c_kids = [c for c in compare.children if c.is_named]
    if len(c_kids) != 3 or _unwrap(c_kids[0]).type != "variable" or _variable_name(_unwrap(c_kids[0])).lower() != name:
        return None
    op = _text(c_kids[1]).strip().lower().lstrip("-")
    step = _loop_step(step_node, name)
    if step is None or op not in ("lt", "le", "gt", "ge") or (step > 0) != (op in ("lt", "le")):
        return None
    if block is not None and _assigns_to(block, name):
        return None
    return _Count(a_kids[0], name, a_kids[2], op, c_kids[2], step)


def _flow_word(node: Node) -> str:
    """``return``/``break``/``continue``/``throw``/``exit`` for a flow-control statement, else ""."""
    if node.type != "flow_control_statement":
        return ""
    first = node.child(0)
    return first.type.lower() if first is not None else ""


def _ends_in_exit(block: Node) -> bool:
    """True when a block's last statement leaves it (``return``, ``break``, ``throw``, ``exit``)."""
    kids = _block_statements(block)
    return bool(kids) and _flow_word(kids[-1]) in ("return", "break", "throw", "exit")


def _breaks_inside(block: Node) -> bool:
    """True when ``break``/``continue`` appear in a clause anywhere but as its last statement."""
    kids = _block_statements(block)
    last = kids[-1] if kids and _flow_word(kids[-1]) == "break" else None
    stack = list(block.children)
    while stack:
        child = stack.pop()
        if child is not None and child.id != (last.id if last is not None else None):
            if _flow_word(child) in ("break", "continue"):
                return True
            stack.extend(child.children)
    return False


def _assigns_to(block: Node, name: str) -> bool:
    """True when a loop body may change ``$name`` (a plain text check, erring towards yes)."""
    var = re.escape(name)
    pattern = r"\$" + var + r"\s*(=[^=]|\+\+|--|[-+*/%]=)|(\+\+|--)\$" + var + r"\b"
    return re.search(pattern, _text(block), re.IGNORECASE) is not None


def _inclusive_bound(bound: Expr, delta: int) -> Expr:
    """The exclusive ``range`` bound for an inclusive ``-le``/``-ge`` one: one further by ``delta`` (+1 or -1)."""
    if isinstance(bound.const, int) and not isinstance(bound.const, bool):
        return const_expr(bound.const + delta)
    return Expr(f"{wrap(bound, P_ADD)} {'+' if delta > 0 else '-'} 1", P_ADD, INT)


#: Commands whose errors are never .NET exceptions a typed catch could tell apart (output, the module's calls).
_UNTYPED_ERROR_COMMANDS = frozenset({"write-output", "write-host", "write-verbose", "write-warning", "out-null"})


#: The commands whose missing path is PowerShell's ItemNotFoundException in the runtime too, and those types.
_PATH_COMMANDS = frozenset(
    {
        "get-content",
        "get-item",
        "get-childitem",
        "remove-item",
        "copy-item",
        "move-item",
        "rename-item",
        "select-string",
    }
)
_NOT_FOUND_TYPES = frozenset(
    {"System.Management.Automation.ItemNotFoundException", "System.Management.Automation.SessionStateException"}
)


def _implicit_dotnet_source(
    body: Node,
    functions: dict[str, Any],
    cat: Any,
    cannot_fail: Callable[[Node], bool] = lambda node: False,
    typed_commands: frozenset[str] = frozenset(),
) -> str | None:
    """What in ``body`` may raise a .NET exception by itself (described for a warning), or None;
    ``cannot_fail`` tells the method calls that raise nothing (``$list.Add(x)`` on a known list), and
    ``typed_commands`` the commands whose errors of the caught types the runtime raises as PowerShell does."""
    from ..pscompat._exceptions import known_exception
    from ..pscompat._methods import TYPED_FAILURES, TYPED_METHOD_FAILURES, static_key

    stack = [body]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind == "invokation_expression":
            member = next((c for c in node.children if c.type == "member_name"), None)
            target = node.children[0] if node.children else None
            constructing = typed = False
            if target is not None and target.type == "type_literal" and member is not None:
                type_name, method = _text(target), _text(member)
                constructing = method.lower() == "new" and (
                    known_exception(type_name.strip("[] ")) is not None or bool(_NEW_COLLECTION.search(type_name))
                )
                key = static_key(type_name, method)
                typed = key is not None and key in TYPED_FAILURES
            elif member is not None and _text(member).lower() in TYPED_METHOD_FAILURES:
                typed = True
            if not constructing and not typed and not cannot_fail(node):
                return f"the method call {_text(node)[:40]}"
        elif kind == "cast_expression":
            return f"the cast {_text(node)[:40]}"
        elif kind in ("multiplicative_expression", "multiplicative_argument_expression") and any(
            c.type in ("/", "%") for c in node.children
        ):
            return f"the division {_text(node)[:40]}"
        elif kind == "command":
            name_node = node.child_by_field_name("command_name")
            command = _text(name_node) if name_node is not None else ""
            lowered = command.lower()
            words = _text(node).split()
            known = (
                lowered in _UNTYPED_ERROR_COMMANDS
                or lowered in typed_commands
                or normalize(command) in functions
                or cat.function(command) is not None
                or (lowered == "new-object" and len(words) > 1 and known_exception(words[1]) is not None)
            )
            if not known:
                return f"the command {command}"
        stack.extend(c for c in node.children if c.is_named)
    return None


#: Methods that raise nothing, by the kind of value they are called on (a typed catch around them needs no
#: warning).
_SAFE_METHODS: dict[Kind, frozenset[str]] = {
    Kind.LIST: frozenset({"add", "contains", "indexof", "clear", "remove", "toarray"}),
    Kind.STR: frozenset(
        {"toupper", "tolower", "toupperinvariant", "tolowerinvariant", "trim", "trimstart", "trimend"}
        | {"contains", "startswith", "endswith", "split", "tostring"}
    ),
    Kind.DICT: frozenset({"containskey", "containsvalue", "contains", "remove", "clear"}),
}

#: Loop statements (what a label may stand before).
_LOOPS = frozenset({"foreach_statement", "for_statement", "while_statement", "do_statement"})


#: A collection a script makes (Queue, Stack, HashSet: their constructors raise nothing a catch would type).
_NEW_COLLECTION = re.compile(r"Collections\.(?:Generic\.)?(?:Queue|Stack|HashSet)\b", re.IGNORECASE)
