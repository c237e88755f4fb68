"""Statement visitors: assignments, ``if``, loops, ``try``, flow control and blocks of statements.

A statement that fails (an :class:`Unsupported` anywhere inside it) is rolled back whole and kept as
``# untranslated (line N): ...`` comment lines with a warning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import _rules as R
from ._builtins import print_value
from ._catalog import BOOL, INT, JSON, STR, UNKNOWN, Kind, T, normalize
from ._context import Context, _Catch
from ._expr import P_ADD, P_ATOM, P_NOT, Expr, call, const_expr, list_expr, py_str, wrap
from ._output import OutputMark
from ._scope import _bare_name
from ._syntax import (
    Node,
    Unsupported,
    _clause_comments,
    _first_error,
    _has_continue,
    _loop_step,
    _member_name,
    _single,
    _text,
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
        try:
            if node.type == "ERROR" or (node.type in ("pipeline", "flow_control_statement") and node.has_error):
                raise Unsupported(_first_error(node), "syntax error")
            self.statement_dispatch.get(node.type, self.generic_visit)(node, indent)
            self.out.flush_pending_comments(indent)
        except (Unsupported, RecursionError) as exc:
            self._rollback(mark)
            row = node.start_point[0]
            self.out.untranslated(_text(node), row, indent)
            if isinstance(exc, Unsupported):
                self.out.warnings.append((exc.line, exc.message))
            else:
                self.out.warnings.append((row + 1, "unsupported: nested too deeply"))

    def _loop_block(self, block: Node | None, indent: str) -> None:
        """A loop's body: break and continue are allowed inside."""
        self.loops += 1
        try:
            self._block(block, indent)
        finally:
            self.loops -= 1

    def _block(self, block: Node | None, indent: str) -> None:
        """The statements of a ``{ ... }`` block, one indent deeper; ``pass`` when nothing was translated."""
        before = self.out.code_lines
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
        if self.out.code_lines == before:
            self.out.lines.append(indent + "pass")
            self.out.code_lines += 1

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
            target = self._target(self._kids(inner)[0])
            op = "+=" if "increment" in kind else "-="
            self.out.emit(indent, f"{target} {op} 1", None, row=row)
            return
        value = self._pipeline_value(inner)
        self._emit_output(value, indent, row)

    def _emit_output(self, value: Expr, indent: str, row: int) -> None:
        """A value left on the pipeline: PowerShell prints it, each item of a list on its own line."""
        if value.stmt:
            self.out.emit(indent, "", value, row=row)
        elif value.const is not None:
            self.out.emit(indent, "", print_value(self.out, value), row=row)

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
        if left.type == "variable" and _text(left).lower() == "$null" and op == "=":
            value = self._pipeline_value(value_node)
            value.stmt = True
            self.out.emit(indent, "", value, row=row)
            return
        value = self._pipeline_value(value_node)
        if left.type == "variable":
            name = _variable_name(left)
            why = R.NO_OP_ASSIGNMENTS.get((_bare_name(name).lower(), str(value.const).lower())) if op == "=" else None
            if why is not None:
                self.out.emit(indent, f"# {_text(node).strip()}: {why}", None, row=row)
                self.out.code_lines -= 1
                return
            if name.lower().startswith("env:"):
                self.out.need("mod", "os")
                key = py_str(name[4:])
                if op != "=":
                    raise Unsupported(op_node, f"unsupported: {op} on an environment variable")
                text = value if value.type.kind == Kind.STR else call("str", [("", value)])
                self.out.emit(indent, f"os.environ[{key}] = ", text, row=row)
                return
            self.scope.check(name, left, write=True)
            if op == "=":
                var = self.scope.var(_bare_name(name), left, assign=value.type)
                self.out.emit(indent, f"{var.py} = ", value, row=row)
                return
            var = self.scope.var(_bare_name(name), left)
            value = self._compound_value(var.type, op, value, left)
            self.out.emit(indent, f"{var.py} {op} ", value, row=row)
            return
        target = self._target(left)
        if op != "=":
            current = self._expr(left)
            value = self._compound_value(current.type, op, value, left)
        self.out.emit(indent, f"{target} {op} ", value, row=row)

    def _compound_value(self, current: T, op: str, value: Expr, node: Node) -> Expr:
        """The right-hand side of ``+=`` and friends: ``+=`` onto an array appends, onto a string converts."""
        if op == "+=" and current.kind == Kind.LIST:
            if value.type.kind == Kind.LIST:
                return value
            if value.type.kind == Kind.UNKNOWN:
                raise Unsupported(node, "unsupported: += of a value of unknown kind to an array")
            return list_expr([value])
        if op == "+=" and current.kind == Kind.STR and value.type.kind not in (Kind.STR, Kind.UNKNOWN):
            return call("str", [("", value)], STR)
        return value

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
        return self._pipeline_value(inner)

    def visit_foreach_statement(self, node: Node, indent: str) -> None:
        """``foreach ($x in $items)`` as ``for x in items:``."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        kids = self._kids(node)
        if any(k.type == "foreach_parameter" for k in kids) or len(kids) != 3:
            raise Unsupported(node, "unsupported: foreach with -parallel")
        var_node, source_node, block = kids
        items = self._pipeline_value(source_node)
        kind = items.type.kind
        if kind not in (Kind.LIST, Kind.JSON, Kind.UNKNOWN):
            raise Unsupported(source_node, f"unsupported: foreach over a single {kind} value")
        elem = (
            items.type.elem
            if kind == Kind.LIST and items.type.elem is not None
            else (JSON if kind == Kind.JSON else UNKNOWN)
        )
        name = _variable_name(var_node)
        self.scope.check(name, var_node, write=True)
        var = self.scope.var(_bare_name(name), var_node, assign=elem)
        self.out.emit(indent, f"for {var.py} in ", items, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)

    def visit_while_statement(self, node: Node, indent: str) -> None:
        """``while (cond) { }`` as ``while cond:``."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        cond = self._condition(node.child_by_field_name("condition"), node)
        block = next((c for c in node.children if c.type == "statement_block"), None)
        self.out.emit(indent, "while ", cond, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)

    def visit_do_statement(self, node: Node, indent: str) -> None:
        """``do { } while/until (cond)`` as ``while True:`` with the test at the end."""
        self.out.flush_comments(_clause_comments(node), None, indent)
        cond = self._condition(node.child_by_field_name("condition"), node)
        until = any(c.type == "until" for c in node.children)
        block = next((c for c in node.children if c.type == "statement_block"), None)
        if block is not None and _has_continue(block):
            raise Unsupported(node, "unsupported: continue inside do/while")
        self.out.emit(indent, "while True", None, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)
        inner = indent + R.INDENT
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
        if counting is not None:
            var, bounds = counting
            self.out.emit(indent, f"for {var} in ", call("range", bounds), ":", row=node.start_point[0])
            self._loop_block(block, indent + R.INDENT)
            return
        if block is not None and _has_continue(block):
            raise Unsupported(node, "unsupported: continue inside a for loop that is not a plain count")
        if init is not None:
            for child in self._kids(init):
                self._statement_strict(child, indent)
        cond = self._condition(self._kids(cond_node)[0], node) if cond_node is not None else const_expr(True)
        self.out.emit(indent, "while ", cond, ":", row=node.start_point[0])
        self._loop_block(block, indent + R.INDENT)
        if iterator is not None:
            for child in self._kids(iterator):
                self._statement_strict(child, indent + R.INDENT)

    def _statement_strict(self, node: Node, indent: str) -> None:
        """A statement that is part of a larger one: its failure fails the larger statement."""
        self.statement_dispatch.get(node.type, self.generic_visit)(node, indent)

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
        calls_api = self._try_body(body, indent + R.INDENT)
        for types, block in catches:
            self.out.flush_comments(notes, block.start_point[0] if block is not None else None, indent)
            self._except_clause(types or ("ApiException" if calls_api else "Exception"), block, indent)
        if final is not None:
            self.out.flush_comments(notes, final.start_point[0], indent)
            self.out.emit(indent, "finally", None, ":")
            self._block(final, indent + R.INDENT)
        self.out.flush_comments(notes, None, indent)

    def _try_parts(self, node: Node) -> tuple[Node | None, list[tuple[str | None, Node | None]], Node | None]:
        """A try statement's body, its catches (exception classes or None for a catch-all, block) and finally."""
        body = next((c for c in node.children if c.type == "statement_block"), None)
        catches: list[tuple[str | None, Node | None]] = []
        final: Node | None = None
        for child in node.children:
            if child.type == "catch_clauses":
                for clause in child.children:
                    if clause.type != "catch_clause":
                        continue
                    types_node = next((c for c in clause.children if c.type == "catch_type_list"), None)
                    block = next((c for c in clause.children if c.type == "statement_block"), None)
                    catches.append((self._catch_types(types_node) if types_node is not None else None, block))
            elif child.type == "finally_clause":
                final = next((c for c in child.children if c.type == "statement_block"), None)
            elif child.type == "ERROR" or child.is_missing:
                raise Unsupported(child, "syntax error")
        if not catches and final is None:
            raise Unsupported(node, "syntax error")  # PowerShell too requires a catch or a finally
        return body, catches, final

    def _try_body(self, body: Node | None, indent: str) -> bool:
        """Write the ``try`` block; True when it may call the API (a catch-all then catches ApiException)."""
        self.api_frames.append([False])
        try:
            self._block(body, indent)
        finally:
            calls_api = self.api_frames.pop()[0]
        if calls_api and self.api_frames:
            self.api_frames[-1][0] = True
        return calls_api

    def _except_clause(self, exc_class: str, block: Node | None, indent: str) -> None:
        """``except Class:``, or ``except Class as e:`` when the block reads ``$_``."""
        if "ApiException" in exc_class:
            self.out.need("pkg", "ApiException")
        ctx = _Catch("e" if not self.catches else f"e{len(self.catches) + 1}")
        slot = len(self.out.lines)
        self.out.emit(indent, f"except {exc_class}", None, ":")
        self.catches.append(ctx)
        try:
            self._block(block, indent + R.INDENT)
        finally:
            self.catches.pop()
        if ctx.used:
            self.out.lines[slot] = f"{indent}except {exc_class} as {ctx.name}:"

    def _catch_types(self, node: Node) -> str:
        """The Python exception class(es) of ``catch [Type1], [Type2]``."""
        names = []
        for t in node.children:
            if t.type != "type_literal":
                continue
            name = _text(t).strip("[] ").lower()
            py = R.CATCH_TYPES.get(name)
            if py is None:
                raise Unsupported(t, f"unsupported: catch [{_text(t).strip('[] ')}]")
            if py not in names:
                names.append(py)
        return names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"

    def visit_flow_control_statement(self, node: Node, indent: str) -> None:
        """``return``, ``break``, ``continue``, ``exit`` and ``throw``."""
        keyword_node = node.child(0)
        word = keyword_node.type.lower() if keyword_node is not None else ""
        kids = self._kids(node)
        value_node = next((k for k in kids if k.type == "pipeline"), None)
        if any(k.type == "label_expression" for k in kids):
            raise Unsupported(node, f"unsupported: {word} with a label")
        row = node.end_point[0]
        if word in ("break", "continue"):
            if not self.loops:
                raise Unsupported(node, f"unsupported: {word} outside a loop")
            self.out.emit(indent, word, None, row=row)
        elif word == "return":
            if not self.scope.in_function:
                raise Unsupported(node, "unsupported: return at script level")
            if value_node is None:
                self.out.emit(indent, "return", None, row=row)
            else:
                self.out.emit(indent, "return ", self._pipeline_value(value_node), row=row)
        elif word == "exit":
            self.out.need("mod", "sys")
            value = self._pipeline_value(value_node) if value_node is not None else None
            self.out.emit(indent, "", call("sys.exit", [("", value)] if value is not None else [], stmt=True), row=row)
        elif word == "throw":
            self._throw(value_node, indent, row)
        else:
            raise Unsupported(node, f"unsupported: {word or node.type}")

    def _throw(self, value_node: Node | None, indent: str, row: int) -> None:
        """``throw`` as ``raise``: a message becomes RuntimeError, ``throw``/``throw $_`` in a catch re-raises."""
        if value_node is None:
            if self.catches:
                self.out.emit(indent, "raise", None, row=row)
            else:
                self.out.emit(indent, "raise ", call("RuntimeError", [("", const_expr("ScriptHalted"))]), row=row)
            return
        value = self._pipeline_value(value_node)
        if value.type.kind == Kind.EXCEPTION and self.catches and value.code == self.catches[-1].name:
            self.out.emit(indent, "raise", None, row=row)
        elif value.type.kind == Kind.EXCEPTION:
            self.out.emit(indent, "raise ", value, row=row)
        else:
            arg = value if value.type.kind == Kind.STR else call("str", [("", value)], STR)
            self.out.emit(indent, "raise ", call("RuntimeError", [("", arg)]), row=row)


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
