"""The translator proper: a tree-sitter PowerShell tree in, Python source out.

It follows ``ast.NodeVisitor``: statements dispatch to ``visit_<node type>`` and expressions to
``expr_<node type>``; a node type without a method goes to ``generic_visit`` / ``generic_expr``, which
record "unsupported: <type>" instead of guessing. A statement that cannot be translated (anything
inside it raised :class:`Unsupported`) is rolled back whole and kept as ``# untranslated (line N): ...``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import _rules as R
from ._binding import Binder, Element, _builtin_params, _package_params, _Param, _UserFunction
from ._builtins import COMMANDS, HANDLERS, print_value
from ._catalog import (
    BOOL,
    DICT,
    FLOAT,
    HEADERS,
    INT,
    JSON,
    NONE,
    STR,
    UNKNOWN,
    FunctionInfo,
    T,
    catalog,
    list_of,
    normalize,
    snake_case,
)
from ._expr import (
    _NOCONST,
    P_ADD,
    P_AND,
    P_ATOM,
    P_BOR,
    P_CMP,
    P_MUL,
    P_NOT,
    P_OR,
    P_TERNARY,
    P_UNARY,
    Expr,
    _fstring,
    call,
    const_expr,
    list_expr,
    py_str,
    wrap,
)
from ._output import Output, OutputMark
from ._scope import Scope, _bare_name, _identifier
from ._syntax import (
    _PASSTHROUGH,
    _RETURN_WITH_VALUE,
    Node,
    Unsupported,
    _clause_comments,
    _first_error,
    _has_continue,
    _here_body,
    _loop_step,
    _member_name,
    _parser,
    _single,
    _split_multiplier,
    _text,
    _type_name,
    _type_name_is_switch,
    _unescape,
    _unwrap,
    _variable_name,
)

_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}


class _Catch:
    """The exception variable of the catch block being written, and whether ``$_`` used it."""

    __slots__ = ("name", "used")

    def __init__(self, name: str):
        self.name = name
        self.used = False


class Translator:
    """Translate one PowerShell script; ``run()`` returns (python source, [(line, message)])."""

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

    # ----------------------------------------------------------------------------------------------
    # Driver

    def run(self) -> tuple[str, list[tuple[int, str]]]:
        """Parse and translate the script; return the Python text and the sorted warnings."""
        tree = _parser().parse(self.source)
        root = tree.root_node
        statements: list[Node] = []
        if root.type != "program":
            # The grammar parses a script of only comments (or nothing) as an error: keep the comments.
            if all(c.type == "comment" or not _text(c).strip() for c in root.children):
                statements.extend(c for c in root.children if c.type == "comment")
            else:
                statements.append(root)  # nothing parsed: the whole script is one syntax error
        for child in root.children if root.type == "program" else ():
            if child.type == "statement_list":
                statements.extend(child.children)
            else:
                statements.append(child)
        self._collect_functions(statements)
        self._statements(statements, "")
        self.out.warnings.sort(key=lambda w: w[0])
        return self.out.assemble(), self.out.warnings

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
        self.functions[key] = fn
        return fn

    # ----------------------------------------------------------------------------------------------
    # Bookkeeping: transactions, names, comments, output

    def _mark(self) -> tuple[OutputMark, int]:
        """A savepoint: where the output and the variables' changes stand now."""
        return self.out.mark(), self.scope.mark()

    def _rollback(self, mark: tuple[OutputMark, int]) -> None:
        """Undo everything a failed statement wrote or recorded since ``mark``."""
        out_mark, journal = mark
        self.out.rollback(out_mark)
        self.scope.rollback(journal)

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

    # ----------------------------------------------------------------------------------------------
    # Statements

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
                text = value if value.type.kind == "str" else call("str", [("", value)])
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
        if op == "+=" and current.kind == "list":
            if value.type.kind == "list":
                return value
            if value.type.kind == "unknown":
                raise Unsupported(node, "unsupported: += of a value of unknown kind to an array")
            return list_expr([value])
        if op == "+=" and current.kind == "str" and value.type.kind not in ("str", "unknown"):
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
            if base.type.kind == "object" and isinstance(key.const, str):
                return self._member_target(base, key.const, node)
            if base.type.kind == "dict" and isinstance(key.const, str):
                return self._member_target(base, key.const, node)
            return f"{wrap(base, P_ATOM)}[{key.code}]"
        raise Unsupported(node, f"unsupported: assignment to {kind}")

    def _member_target(self, base: Expr, name: str, node: Node) -> str:
        """The Python target of ``$obj.Name = ...``: an attribute of a model or configuration, else a key."""
        t = base.type
        if t.kind in ("object", "model"):
            found = self.cat.members(t.cls).get(normalize(name))
            if found is None:
                raise Unsupported(node, f"{t.cls.__name__} has no member '{name}'")
            return f"{wrap(base, P_ATOM)}.{found[0]}"
        if t.kind == "dict":
            key = name
            if t.keys is not None:
                hit = t.keys.get(name.lower())
                if hit is not None:
                    key = hit[0]
            return f"{wrap(base, P_ATOM)}[{py_str(key)}]"
        if t.kind in ("json", "headers"):
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
        if kind not in ("list", "json", "unknown"):
            raise Unsupported(source_node, f"unsupported: foreach over a single {kind} value")
        elem = (
            items.type.elem if kind == "list" and items.type.elem is not None else (JSON if kind == "json" else UNKNOWN)
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
        if (
            len(c_kids) != 3
            or _unwrap(c_kids[0]).type != "variable"
            or _variable_name(_unwrap(c_kids[0])).lower() != name
        ):
            return None
        op = _text(c_kids[1]).strip().lower().lstrip("-")
        step = _loop_step(step_node, name)
        if step is None or op not in ("lt", "le", "gt", "ge") or (step > 0) != (op in ("lt", "le")):
            return None
        if block is not None and re.search(
            r"\$" + re.escape(name) + r"\s*(=[^=]|\+\+|--|[-+*/%]=)|(\+\+|--)\$" + re.escape(name) + r"\b",
            _text(block),
            re.IGNORECASE,
        ):
            return None
        start = self._pipeline_value(a_kids[2])
        bound = self._expr(c_kids[2])
        if op in ("le", "ge"):
            delta = 1 if op == "le" else -1
            if isinstance(bound.const, int) and not isinstance(bound.const, bool):
                bound = const_expr(bound.const + delta)
            else:
                bound = Expr(f"{wrap(bound, P_ADD)} {'+' if delta > 0 else '-'} 1", P_ADD, INT)
        var = self.scope.var(name, a_kids[0], assign=INT)
        args = [("", start), ("", bound)] if step != 1 or start.const != 0 else [("", bound)]
        if step != 1:
            args.append(("", const_expr(step)))
        return var.py, args

    def visit_try_statement(self, node: Node, indent: str) -> None:
        """``try/catch/finally`` as ``try/except/finally``; ``$_`` in a catch is the caught exception."""
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
        row = node.start_point[0]
        notes = _clause_comments(node)
        self.out.emit(indent, "try", None, ":", row=row)
        self.api_frames.append([False])
        try:
            self._block(body, indent + R.INDENT)
        finally:
            calls_api = self.api_frames.pop()[0]
        if calls_api and self.api_frames:
            self.api_frames[-1][0] = True
        for types, block in catches:
            self.out.flush_comments(notes, block.start_point[0] if block is not None else None, indent)
            exc_class = types or ("ApiException" if calls_api else "Exception")
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
        if final is not None:
            self.out.flush_comments(notes, final.start_point[0], indent)
            self.out.emit(indent, "finally", None, ":")
            self._block(final, indent + R.INDENT)
        self.out.flush_comments(notes, None, indent)

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
        if script_block is not None and any(c.type == "named_block_list" for c in script_block.children):
            raise Unsupported(node, "unsupported: begin/process/end blocks")
        params = []
        need_star = False
        seen_default = False
        for p in fn.params:
            if p.empty is None:
                if seen_default:
                    need_star = True
                params.append(f"{p.py}")
            else:
                seen_default = True
                params.append(f"{p.py}={p.empty}")
        if need_star:
            params.insert(0, "*")
        self.out.emit(indent, f"def {fn.py}({', '.join(params)})", None, ":", row=node.start_point[0])
        saved = (self.catches, self.api_frames, self.loops)
        self.loops = 0
        self.catches = []
        self.api_frames = []
        outer = self.scope.enter_function()
        try:
            for p in fn.params:
                var = self.scope.new_param(p.name, p.type)
                if var.py != p.py:
                    raise Unsupported(node, f"unsupported: parameter ${p.name} clashes with another name")
            body = None
            if script_block is not None:
                body = next((c for c in script_block.children if c.type == "script_block_body"), None)
            self.out.flush_comments(_clause_comments(node), None, indent + R.INDENT)
            self._block(body, indent + R.INDENT)
        finally:
            self.catches, self.api_frames, self.loops = saved
            self.scope.leave_function(outer)

    def _function_params(self, node: Node) -> list[_Param]:
        """A script function's parameters: names, ``[switch]``, and PowerShell's default for each declared type."""
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
        params: list[_Param] = []
        if plist is None:
            return params
        for position, sp in enumerate(c for c in plist.children if c.type == "script_parameter"):
            kind, mandatory = "any", False
            var_node = default_node = None
            for part in sp.children:
                if part.type == "attribute_list":
                    for attr in part.children:
                        if attr.type != "attribute":
                            continue
                        lit = next((c for c in attr.children if c.type == "type_literal"), None)
                        if lit is not None:
                            kind = R.CASTS.get(_type_name(lit), "")
                            if not kind or kind in ("void", "dict_literal"):
                                raise Unsupported(lit, f"unsupported: parameter type {_text(lit)}")
                            continue
                        attr_name = _text(next((c for c in attr.children if c.type == "attribute_name"), attr)).lower()
                        if attr_name == "parameter":
                            args = _text(attr).lower().replace(" ", "")
                            mandatory = "mandatory" in args and "mandatory=$false" not in args
                        elif not attr_name.startswith(("validate", "allow", "alias", "cmdletbinding")):
                            raise Unsupported(attr, f"unsupported: parameter attribute [{attr_name}]")
                elif part.type == "variable":
                    var_node = part
                elif part.type == "script_parameter_default":
                    default_node = part
            if var_node is None:
                raise Unsupported(sp, "syntax error")
            name = _bare_name(_variable_name(var_node))
            ptype = {"str": STR, "int": INT, "float": FLOAT, "bool": BOOL, "dict": DICT}.get(kind, UNKNOWN)
            if kind == "list":
                ptype = list_of(UNKNOWN)
            if default_node is not None:
                value = self._expr(next(c for c in default_node.children if c.is_named))
                if value.const is _NOCONST:
                    raise Unsupported(default_node, "unsupported: a parameter default that is not a constant")
                empty: str | None = value.code
            elif mandatory:
                empty = None
            else:
                # PowerShell's value for a parameter left out depends on its declared type.
                empty = {"str": '""', "int": "0", "float": "0.0", "bool": "False"}.get(kind, "None")
            py = _identifier(snake_case(name))
            if py in self.scope.reserved:
                py += "_"
            params.append(_Param(name, py, switch=_type_name_is_switch(sp), position=position, empty=empty, type=ptype))
        return params

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
        if value.type.kind == "exception" and self.catches and value.code == self.catches[-1].name:
            self.out.emit(indent, "raise", None, row=row)
        elif value.type.kind == "exception":
            self.out.emit(indent, "raise ", value, row=row)
        else:
            arg = value if value.type.kind == "str" else call("str", [("", value)], STR)
            self.out.emit(indent, "raise ", call("RuntimeError", [("", arg)]), row=row)

    # ----------------------------------------------------------------------------------------------
    # Pipelines and commands

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
        if piped is not None and piped.type.kind == "list":
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

    def _argument(self, node: Node) -> Expr:
        """A command argument; a bare word is a string, as in PowerShell's argument mode."""
        node = _unwrap(node)
        if node.type == "generic_token":
            return const_expr(_text(node))
        return self._expr(node)

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
        return call(info.py_name, [(p.py + "=", v) for p, v in bound], returns, stmt=returns.kind == "none")

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

    # ----------------------------------------------------------------------------------------------
    # Expressions

    def _expr(self, node: Node) -> Expr:
        """Translate an expression node (through its wrappers) with its ``expr_`` method."""
        kind = node.type
        if kind in _PASSTHROUGH:
            node = _unwrap(node)
            kind = node.type
        return self.expr_dispatch.get(kind, self.generic_expr)(node)

    def generic_expr(self, node: Node) -> Expr:
        """An expression of a kind the translator does not know: reported, never guessed."""
        if node.type == "ERROR" or node.is_missing:
            raise Unsupported(node, "syntax error")
        raise Unsupported(node, f"unsupported: {node.type}")

    def expr_pipeline(self, node: Node) -> Expr:
        """A pipeline used as a value (in parentheses, a condition, an assignment)."""
        return self._pipeline_value(node)

    expr_pipeline_chain = expr_pipeline

    def expr_command(self, node: Node) -> Expr:
        """A command used as a value."""
        return self._command(node, None)

    def expr_generic_token(self, node: Node) -> Expr:
        """A bare word: a string."""
        return const_expr(_text(node))

    def expr_parenthesized_expression(self, node: Node) -> Expr:
        """``( ... )``: its inner pipeline; parentheses are added back only where Python needs them."""
        kids = self._kids(node)
        if len(kids) != 1:
            raise Unsupported(node, "syntax error")
        return self._pipeline_value(kids[0])

    def expr_sub_expression(self, node: Node) -> Expr:
        """``$( ... )`` with one statement."""
        statements = node.child_by_field_name("statements")
        kids = self._kids(statements) if statements is not None else []
        if len(kids) != 1 or kids[0].type != "pipeline":
            raise Unsupported(node, "unsupported: $( ) with more than one statement")
        return self._pipeline_value(kids[0])

    def expr_variable(self, node: Node) -> Expr:
        """``$name``, ``$true/$false/$null``, ``$_`` in a catch and ``$env:NAME``."""
        raw = _text(node)
        if raw.startswith("@"):
            raise Unsupported(node, "unsupported: splatting outside a command")
        name = raw[1:]
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        lower = name.lower()
        constant = _CONSTANTS.get(lower, _NOCONST)
        if constant is not _NOCONST:
            return const_expr(constant)
        if ":" not in name and lower not in R.AUTOMATIC_VARIABLES and lower not in ("_", "psitem"):
            var = self.scope.var(name, node)  # the common case: a plain script variable
            return Expr(var.py, P_ATOM, var.type)
        if lower in ("_", "psitem"):
            if not self.catches:
                raise Unsupported(node, f"unsupported: ${name} outside a catch block")
            ctx = self.catches[-1]
            ctx.used = True
            return Expr(ctx.name, P_ATOM, T("exception", cls=()))
        if lower.startswith("env:"):
            self.out.need("mod", "os")
            return Expr(f"os.environ.get({py_str(name[4:])})", P_ATOM, STR)
        self.scope.check(name, node, write=False)
        var = self.scope.var(_bare_name(name), node)
        return Expr(var.py, P_ATOM, var.type)

    def expr_integer_literal(self, node: Node) -> Expr:
        """Integers, hex and ``kb``/``mb``/... multipliers."""
        text, mult = _split_multiplier(_text(node).lower())
        try:
            value = int(text, 16) if text.startswith("0x") else int(text)
        except ValueError:
            raise Unsupported(node, f"unsupported: number {_text(node)}") from None
        if mult == 1 and text.startswith("0x"):
            return Expr(_text(node), P_ATOM, INT, value)
        return const_expr(value * mult)

    def expr_real_literal(self, node: Node) -> Expr:
        """Reals, written as in the script where Python reads them the same."""
        text, mult = _split_multiplier(_text(node).lower())
        try:
            value = float(text) * mult
        except ValueError:
            raise Unsupported(node, f"unsupported: number {_text(node)}") from None
        if mult == 1 and re.fullmatch(r"\d+\.\d+(e[+-]?\d+)?|\d+e[+-]?\d+", text):
            return Expr(text, P_ATOM, FLOAT, value)
        return const_expr(value)

    def expr_string_literal(self, node: Node) -> Expr:
        """Single-quoted, double-quoted and here-strings."""
        child = node.child(0)
        if child is None:
            raise Unsupported(node, "syntax error")
        kind = child.type
        raw = _text(child)
        if kind == "verbatim_string_characters":
            return const_expr(raw[1:-1].replace("''", "'"))
        if kind == "verbatim_here_string_characters":
            return const_expr(_here_body(raw))
        if kind in ("expandable_string_literal", "expandable_here_string_literal"):
            return self._expandable(child, here=kind == "expandable_here_string_literal")
        raise Unsupported(node, f"unsupported: {kind}")

    def _expandable(self, node: Node, *, here: bool) -> Expr:
        """A double-quoted string or here-string: escapes decoded, ``$var`` and ``$(...)`` as f-string fields."""
        data = node.text or b""
        base = node.start_byte
        if here:
            start = data.index(b"\n") + 1 if b"\n" in data else 2
            end = data.rindex(b"\n") if data.count(b"\n") > 1 or data.endswith(b'\n"@') else len(data) - 2
            if end < start:
                end = start
            if end > start and data[end - 1 : end] == b"\r":
                end -= 1
        else:
            start, end = 1, len(data) - 1
        parts: list[tuple[bool, str]] = []
        pos = start
        for child in node.children:
            if not child.is_named:
                continue
            c_start, c_end = child.start_byte - base, child.end_byte - base
            if c_start < start or c_end > end:
                continue
            parts.append((False, _unescape(data[pos:c_start].decode("utf-8", "replace"), here)))
            parts.append(self._interpolation(child))
            pos = c_end
        parts.append((False, _unescape(data[pos:end].decode("utf-8", "replace"), here)))
        parts = [p for p in parts if p[1] or p[0]]
        if not any(is_code for is_code, _ in parts):
            return const_expr("".join(text for _, text in parts))
        return Expr(_fstring(parts), P_ATOM, STR)

    def _interpolation(self, node: Node) -> tuple[bool, str]:
        """One ``$var`` or ``$(...)`` inside a string: its code, as PowerShell converts it to text."""
        if node.type == "variable":
            name = _variable_name(node)
            if name.lower().startswith("env:"):
                self.out.need("mod", "os")
                return True, f'os.environ.get({py_str(name[4:])}, "")'
            value = self.expr_variable(node)
        elif node.type == "sub_expression":
            value = self.expr_sub_expression(node)
        else:
            raise Unsupported(node, f"unsupported: {node.type} in a string")
        if value.const is None:
            return False, ""
        if value.type.kind == "list":
            return True, f'" ".join(map(str, {value.code}))'
        if value.type.kind == "exception" and value.type.cls == ():
            return True, value.code
        return True, value.code if value.prec > P_TERNARY else f"({value.code})"

    def expr_array_expression(self, node: Node) -> Expr:
        """``@( ... )``: a list (a list inside is copied, not nested)."""
        statements = node.child_by_field_name("statements")
        kids = self._kids(statements) if statements is not None else []
        if not kids:
            return Expr("[]", P_ATOM, list_of(UNKNOWN), items=[])
        if len(kids) != 1 or kids[0].type != "pipeline":
            raise Unsupported(node, "unsupported: @( ) with more than one statement")
        value = self._pipeline_value(kids[0])
        if value.items is not None:
            return value
        kind = value.type.kind
        if kind == "list":
            return call("list", [("", value)], value.type)
        if kind in ("unknown", "json"):
            raise Unsupported(node, "unsupported: @( ) of a value that may already be a list")
        return list_expr([value])

    def expr_array_literal_expression(self, node: Node) -> Expr:
        """``a, b, c``: a list."""
        return list_expr([self._argument(k) for k in self._kids(node)])

    def expr_hash_literal_expression(self, node: Node) -> Expr:
        """``@{ key = value; ... }``: a dict whose keys are remembered for member access and splatting."""
        entries: list[tuple[str, Expr]] = []
        keys: dict[str, tuple[str, T]] = {}
        body = next((c for c in node.children if c.type == "hash_literal_body"), None)
        for child in node.children:
            if child.type == "comment":
                self.out.comments.append((child.start_point[0], _text(child)))
        for entry in self._kids(body) if body is not None else []:
            if entry.type != "hash_entry":
                raise Unsupported(entry, "syntax error")
            kids = self._kids(entry)
            if len(kids) != 2:
                raise Unsupported(entry, "syntax error")
            key_node, value_node = kids
            key_inner = (
                self._kids(key_node)[0] if key_node.type == "key_expression" and self._kids(key_node) else key_node
            )
            if key_inner.type == "simple_name":
                key: Any = _text(key_inner)
            else:
                k = self._expr(key_inner)
                if k.const is _NOCONST or not isinstance(k.const, (str, int)):
                    raise Unsupported(key_node, "unsupported: a computed hashtable key")
                key = k.const
            value = self._pipeline_value(value_node)
            lowered = str(key).lower()
            if lowered in keys:
                raise Unsupported(key_node, f"duplicate key '{key}' in hashtable")
            keys[lowered] = (str(key), value.type)
            key_code = py_str(key) if isinstance(key, str) else str(key)
            entries.append((key_code + ": ", value))
        code = "{" + ", ".join(p + v.code for p, v in entries) + "}"
        return Expr(code, P_ATOM, T("dict", keys=keys), split=("{", entries, "}") if entries else None)

    def expr_member_access(self, node: Node) -> Expr:
        """``$a.b.c``: attribute, key or ApiException member, by what the translator knows of each value."""
        chain: list[tuple[str, Node]] = []
        base = node
        while base.type == "member_access":
            kids = self._kids(base)
            if len(kids) != 2 or kids[1].type != "member_name" or any(c.type == "::" for c in base.children):
                raise Unsupported(base, "unsupported: static or computed member access")
            chain.append((_member_name(kids[1]), kids[1]))
            base = _unwrap(kids[0])
        chain.reverse()
        value = self._expr(base)
        i = 0
        while i < len(chain):
            if value.type.kind == "exception":
                value, used = self._exception_member(value, [m for m, _ in chain[i:]], chain[i][1])
                i += used
                continue
            name, name_node = chain[i]
            value = self._member(value, name, name_node)
            i += 1
        return value

    def _exception_member(self, value: Expr, names: list[str], node: Node) -> tuple[Expr, int]:
        """Members of ``$_`` in a catch, as the ApiException's (longest known path first)."""
        prefix: tuple[str, ...] = value.type.cls or ()
        lowered = [n.lower() for n in names]
        for k in range(len(lowered), 0, -1):
            hit = R.EXCEPTION_MEMBERS.get(prefix + tuple(lowered[:k]))
            if hit is not None:
                template, kind = hit
                code = template.format(e=wrap(value, P_ATOM))
                if kind == "exception":
                    return Expr(code, P_ATOM, T("exception", cls=prefix + tuple(lowered[:k]))), k
                types = {"str": STR, "int": INT, "headers": HEADERS, "details": T("details")}
                return Expr(code, P_ATOM, types[kind]), k
        what = ".".join(names)
        raise Unsupported(
            node, f"unsupported: $_.{'.'.join(prefix + (what,)) if prefix else what} (no ApiException counterpart)"
        )

    def _member(self, base: Expr, name: str, node: Node) -> Expr:
        """One member access ``.name`` on a translated value."""
        t = base.type
        lower = name.lower()
        obj = wrap(base, P_ATOM)
        if lower in ("count", "length") and t.kind in ("list", "str", "dict", "headers"):
            return call("len", [("", base)], INT)
        if t.kind in ("object", "model"):
            found = self.cat.members(t.cls).get(normalize(name))
            if found is None:
                if t.kind == "model":
                    return Expr(f"{obj}.additional_properties[{py_str(name)}]", P_ATOM, JSON)
                raise Unsupported(node, f"{t.cls.__name__} has no member '{name}'")
            attr, mtype = found
            if mtype.kind == "unknown" and t.elem is not None:
                mtype = t.elem
            return Expr(f"{obj}.{attr}", P_ATOM, mtype)
        if t.kind == "dict":
            key, ktype = name, UNKNOWN
            if t.keys is not None:
                hit = t.keys.get(lower)
                if hit is not None:
                    key, ktype = hit
            return Expr(f"{obj}[{py_str(key)}]", P_ATOM, ktype)
        if t.kind == "json":
            return Expr(f"{obj}[{py_str(name)}]", P_ATOM, JSON)
        if t.kind == "headers":
            return Expr(f"{obj}[{py_str(name)}]", P_ATOM, STR)
        if t.kind == "unknown":
            self.out.need("helper", "_member")
            return call("_member", [("", base), ("", const_expr(name))], UNKNOWN)
        raise Unsupported(node, f"unsupported: .{name} on a {t.kind} value")

    def expr_element_access(self, node: Node) -> Expr:
        """``$a[i]`` (and ``$Configuration["BaseUrl"]``, which is a member)."""
        kids = self._kids(node)
        if len(kids) != 2:
            raise Unsupported(node, "unsupported: element access")
        base = self._expr(kids[0])
        index_node = _unwrap(kids[1])
        if index_node.type == "array_literal_expression":
            raise Unsupported(index_node, "unsupported: several indexes at once")
        index = self._expr(index_node)
        t = base.type
        if isinstance(index.const, str) and t.kind in ("object", "dict", "model"):
            return self._member(base, index.const, index_node)
        if t.kind in ("exception", "int", "float", "bool", "none") or (
            t.kind == "str" and isinstance(index.const, str)
        ):
            raise Unsupported(node, f"unsupported: indexing a {t.kind} value")
        elem = (
            t.elem
            if t.kind == "list" and t.elem is not None
            else JSON
            if t.kind == "json"
            else STR
            if t.kind in ("str", "headers")
            else UNKNOWN
        )
        return Expr(f"{wrap(base, P_ATOM)}[{index.code}]", P_ATOM, elem)

    def expr_invokation_expression(self, node: Node) -> Expr:
        """Method calls are not translated."""
        name = next((c for c in node.children if c.type == "member_name"), None)
        label = _text(name) if name is not None else _text(node)
        raise Unsupported(node, f"unsupported: method call {label}()")

    def expr_cast_expression(self, node: Node) -> Expr:
        """``[int]``, ``[string]``, ``[double]``, ``[bool]``, ``[ordered]``, ``[void]`` ..."""
        kids = self._kids(node)
        if len(kids) != 2 or kids[0].type != "type_literal":
            raise Unsupported(node, "unsupported: cast")
        type_name = _type_name(kids[0])
        action = R.CASTS.get(type_name)
        operand_node = _unwrap(kids[1])
        if action == "dict_literal":
            if operand_node.type != "hash_literal_expression":
                raise Unsupported(node, f"unsupported: [{type_name}] of something else than @{{...}}")
            return self._expr(operand_node)
        value = self._expr(operand_node)
        kind = value.type.kind
        if action == "int":
            if kind == "int":
                return value
            if kind == "float":
                return call("round", [("", value)], INT)  # .NET rounds half to even, like Python's round
            return call("int", [("", value)], INT)
        if action in ("str", "float", "bool"):
            target = {"str": STR, "float": FLOAT, "bool": BOOL}[action]
            if kind == target.kind:
                return value
            if isinstance(value.const, (str, int, float, bool)) and action == "float" and kind == "int":
                return const_expr(float(value.const))
            return call(action, [("", value)], target)
        if action == "dict":
            if kind == "dict":
                return value
            raise Unsupported(node, f"unsupported: [{type_name}] of a {kind} value")
        if action == "list":
            if kind == "list":
                return value
            if kind in ("unknown", "json"):
                raise Unsupported(node, f"unsupported: [{type_name}] of a value that may already be a list")
            return list_expr([value])
        if action == "any":
            return value
        if action == "void":
            return Expr(value.code, value.prec, NONE, stmt=True, split=value.split)
        raise Unsupported(kids[0], f"unsupported: cast [{_text(kids[0]).strip('[]')}]")

    def expr_expression_with_unary_operator(self, node: Node) -> Expr:
        """``-not``, ``!``, unary ``-``/``+`` and the unary comma."""
        if node.child_count == 1:
            child = node.child(0)
            assert child is not None
            return self._expr(child)
        op_node = node.child(0)
        assert op_node is not None
        op = op_node.type.lower()
        operand = self._expr(node.children[-1])
        if op in ("!", "-not"):
            return Expr(f"not {wrap(operand, P_NOT)}", P_NOT, BOOL)
        if op == "-":
            if isinstance(operand.const, (int, float)) and not isinstance(operand.const, bool):
                return Expr("-" + operand.code, P_UNARY, operand.type, -operand.const)
            return Expr(f"-{wrap(operand, P_UNARY)}", P_UNARY, operand.type)
        if op == "+":
            return operand
        if op == ",":
            return list_expr([operand])
        raise Unsupported(node, f"unsupported: operator {op_node.type}")

    def expr_logical_expression(self, node: Node) -> Expr:
        """``-and``, ``-or``, ``-xor``."""
        left_node, op, right_node = self._binary(node)
        py = R.LOGICAL.get(op)
        if py is None:
            raise Unsupported(node, f"unsupported: operator {op}")
        left, right = self._expr(left_node), self._expr(right_node)
        if py == "xor":
            return Expr(f"bool({left.code}) != bool({right.code})", P_CMP, BOOL)
        prec = P_AND if py == "and" else P_OR
        return Expr(f"{wrap(left, prec)} {py} {wrap(right, prec + 1)}", prec, BOOL)

    def _binary(self, node: Node) -> tuple[Node, str, Node]:
        """The left operand, the operator (lower case) and the right operand of a binary node."""
        children = [c for c in node.children if c.type != "comment"]
        if len(children) != 3:
            raise Unsupported(node, f"unsupported: {node.type}")
        return children[0], _text(children[1]).strip().lower(), children[2]

    def expr_additive_expression(self, node: Node) -> Expr:
        """``+``, ``-``, ``*``, ``/``, ``%``."""
        left_node, op, right_node = self._binary(node)
        left, right = self._expr(left_node), self._expr(right_node)
        return self._arith(left, op, right, node)

    expr_multiplicative_expression = expr_additive_expression

    def _arith(self, left: Expr, op: str, right: Expr, node: Node) -> Expr:
        """An arithmetic operation; ``+`` onto an array appends, onto a string converts the right side."""
        if op not in R.ARITHMETIC:
            raise Unsupported(node, f"unsupported: operator {op}")
        lk, rk = left.type.kind, right.type.kind
        result: T = UNKNOWN
        if op == "+" and lk == "list":
            if rk == "unknown" or rk == "json":
                raise Unsupported(node, "unsupported: adding a value of unknown kind to an array")
            if rk != "list":
                right = list_expr([right])
            result = left.type
        elif op == "+" and lk == "str":
            if rk not in ("str", "unknown"):
                right = call("str", [("", right)], STR)
            result = STR
        elif lk in ("int", "float") and rk in ("int", "float"):
            result = INT if lk == rk == "int" and op != "/" else FLOAT
        elif op == "*" and lk == "str":
            result = STR
        prec = P_ADD if op in "+-" else P_MUL
        return Expr(f"{wrap(left, prec)} {op} {wrap(right, prec + 1)}", prec, result)

    def expr_comparison_expression(self, node: Node) -> Expr:
        """``-eq``/``-ne``/..., ``-like``, ``-match``, ``-contains``, ``-in`` and their c/i variants."""
        left_node, op, right_node = self._binary(node)
        name = op.lstrip("-")
        case_sensitive = False
        if name not in R.COMPARISONS and name not in (
            "like",
            "notlike",
            "match",
            "notmatch",
            "contains",
            "notcontains",
            "in",
            "notin",
        ):
            if name[:1] in ("c", "i") and name[1:] in (
                *R.COMPARISONS,
                "like",
                "notlike",
                "match",
                "notmatch",
                "contains",
                "notcontains",
                "in",
                "notin",
            ):
                case_sensitive = name[0] == "c"
                name = name[1:]
            else:
                raise Unsupported(node, f"unsupported: operator {op}")
        left, right = self._expr(left_node), self._expr(right_node)
        if name in R.COMPARISONS:
            return self._compare(left, R.COMPARISONS[name], right, case_sensitive)
        if name in ("like", "notlike"):
            self.out.need("mod", "fnmatch")
            subject = left.code if left.type.kind == "str" else f"str({left.code})"
            if isinstance(right.const, str):
                if "`" in right.const:
                    raise Unsupported(right_node, "unsupported: escaped wildcard in -like")
                pattern = right if case_sensitive else const_expr(right.const.lower())
            else:
                pattern = right if case_sensitive else Expr(f"{wrap(right, P_ATOM)}.lower()", P_ATOM, STR)
            if not case_sensitive:
                subject = f"{wrap(left, P_ATOM)}.lower()" if left.type.kind == "str" else f"{subject}.lower()"
            test = f"fnmatch.fnmatchcase({subject}, {pattern.code})"
            return Expr(test, P_ATOM, BOOL) if name == "like" else Expr(f"not {test}", P_NOT, BOOL)
        if name in ("match", "notmatch"):
            self.out.need("mod", "re")
            subject = left.code if left.type.kind == "str" else f"str({left.code})"
            flags = "" if case_sensitive else ", re.IGNORECASE"
            test = f"re.search({right.code}, {subject}{flags})"
            return Expr(f"{test} {'is not' if name == 'match' else 'is'} None", P_CMP, BOOL)
        if name in ("contains", "notcontains"):
            left, right = right, left
        negate = name in ("notcontains", "notin")
        return Expr(f"{wrap(left, P_BOR)} {'not in' if negate else 'in'} {wrap(right, P_BOR)}", P_CMP, BOOL)

    def _compare(self, left: Expr, op: str, right: Expr, case_sensitive: bool) -> Expr:
        """``==``/``<``/...; ``$null`` becomes ``is None``, strings compare without case unless case-sensitive."""
        if op in ("==", "!=") and (left.const is None or right.const is None):
            other = right if left.const is None else left
            return Expr(f"{wrap(other, P_BOR)} {'is' if op == '==' else 'is not'} None", P_CMP, BOOL)
        if not case_sensitive:
            # PowerShell compares strings without regard to case: fold both sides when both are strings.
            if _cased(right.const) and left.type.kind == "str" and left.const is _NOCONST:
                left = Expr(f"{wrap(left, P_ATOM)}.casefold()", P_ATOM, STR)
                right = const_expr(right.const.casefold())
            elif _cased(left.const) and right.type.kind == "str" and right.const is _NOCONST:
                left = const_expr(left.const.casefold())
                right = Expr(f"{wrap(right, P_ATOM)}.casefold()", P_ATOM, STR)
        return Expr(f"{wrap(left, P_BOR)} {op} {wrap(right, P_BOR)}", P_CMP, BOOL)

    def expr_format_expression(self, node: Node) -> Expr:
        """``"..." -f a, b`` as ``"...".format(a, b)`` (only plain ``{0}`` items)."""
        left_node, op, right_node = self._binary(node)
        if op != "-f":
            raise Unsupported(node, f"unsupported: operator {op}")
        template = self._expr(left_node)
        if isinstance(template.const, str):
            for match in re.finditer(r"\{\{|\}\}|\{[^{}]*\}?|\}", template.const):
                item = match.group()
                if item not in ("{{", "}}") and not re.fullmatch(r"\{\d+\}", item):
                    raise Unsupported(
                        left_node, f"unsupported: format item {item} (only {{0}}, {{1}}, ... are translated)"
                    )
        right_inner = _unwrap(right_node)
        if right_inner.type == "array_literal_expression":
            args = [("", self._argument(k)) for k in self._kids(right_inner)]
        else:
            value = self._expr(right_inner)
            args = [("*" if value.type.kind == "list" else "", value)]
        return call(f"{wrap(template, P_ATOM)}.format", args, STR)

    def expr_range_expression(self, node: Node) -> Expr:
        """``1..3`` is not translated."""
        raise Unsupported(node, "unsupported: range operator ..")

    expr_bitwise_expression = generic_expr


def _cased(value: Any) -> bool:
    """True for a string constant with letters that have a case (so case-insensitive comparison matters)."""
    return isinstance(value, str) and value.lower() != value.upper()


def translate(source: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Translate PowerShell source; returns the Python text and the (line, message) warnings."""
    return Translator(source).run()
