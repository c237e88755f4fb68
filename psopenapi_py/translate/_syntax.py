"""The PowerShell syntax tree: the parser, and helpers that read names, text and shapes off tree-sitter nodes.

This is the only module of the translator that imports tree-sitter.
"""

from __future__ import annotations

import re

import tree_sitter
import tree_sitter_powershell

from . import _rules as R

Node = tree_sitter.Node
Tree = tree_sitter.Tree


# Single-child nodes the grammar stacks around every expression; they carry no meaning of their own.
_PASSTHROUGH = frozenset(
    {
        "logical_expression",
        "bitwise_expression",
        "comparison_expression",
        "additive_expression",
        "multiplicative_expression",
        "format_expression",
        "range_expression",
        "array_literal_expression",
        "unary_expression",
        "pipeline_chain",
        "left_assignment_expression",
        "argument_expression",
        "logical_argument_expression",
        "bitwise_argument_expression",
        "comparison_argument_expression",
        "additive_argument_expression",
        "multiplicative_argument_expression",
        "format_argument_expression",
        "range_argument_expression",
        "expression_with_unary_operator",
    }
)


_PARSER: tree_sitter.Parser | None = None


def _parser() -> tree_sitter.Parser:
    """The tree-sitter PowerShell parser, built once per process."""
    global _PARSER
    if _PARSER is None:
        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
    return _PARSER


class Unsupported(Exception):
    """A construct the translator does not translate; the statement holding it is kept as a comment."""

    def __init__(self, node: Node | int, message: str):
        super().__init__(message)
        self.line = node if isinstance(node, int) else node.start_point[0] + 1
        self.message = message


def _split_multiplier(text: str) -> tuple[str, int]:
    """A number literal without its ``kb``/``mb``/... suffix, and the factor that suffix stands for."""
    if not text.endswith("b"):
        return text, 1
    for suffix, factor in R.NUMBER_MULTIPLIERS.items():
        if text.endswith(suffix):
            return text[: -len(suffix)], factor
    return text, 1


def _text(node: Node) -> str:
    """The source text of a node."""
    text = node.text
    return text.decode("utf-8", "replace") if text is not None else ""


# Innermost nodes that only spell their parent (the literal of a string_literal, the name of a bare command).
_SPELLING_OF_PARENT = frozenset(
    {
        "expandable_string_literal",
        "expandable_here_string_literal",
        "verbatim_string_characters",
        "verbatim_here_string_characters",
        "decimal_integer_literal",
        "hexadecimal_integer_literal",
        "command_name",
        "braced_variable",
    }
)


def kind_id(name: str) -> int:
    """The grammar's numeric id of a named node type (comparing ids spares making a string per node)."""
    language = _parser().language
    assert language is not None  # the parser is made with one
    found = language.id_for_node_kind(name, True)
    assert found is not None, name
    return found


def _kind_ids(names: frozenset[str]) -> frozenset[int]:
    return frozenset(kind_id(name) for name in names)


_PASSTHROUGH_IDS = _kind_ids(_PASSTHROUGH)
_SPELLING_OF_PARENT_IDS = _kind_ids(_SPELLING_OF_PARENT)


def _unwrap(node: Node) -> Node:
    """The meaningful node under a stack of single-child wrappers (one C call instead of a walk down)."""
    if node.kind_id not in _PASSTHROUGH_IDS:
        return node
    inner = node.named_descendant_for_byte_range(node.start_byte, node.end_byte)
    if inner is None:
        return node
    if inner.kind_id in _SPELLING_OF_PARENT_IDS:
        parent = inner.parent
        if parent is not None:
            inner = parent
    return inner


def _descendants(node: Node, kind: str, skip: tuple[str, ...] = ()) -> list[Node]:
    """The nodes of type ``kind`` under ``node`` in order, not looking inside them nor inside ``skip`` types."""
    found: list[Node] = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if child.type == kind:
            found.append(child)
        elif child.type not in skip:
            stack.extend(reversed(child.children))
    return found


def _block_statements(block: Node) -> list[Node]:
    """The statements directly inside a ``{ ... }`` block or script block (comments left out)."""
    out: list[Node] = []
    stack = [block]
    while stack:
        for child in stack.pop().children:
            if child.type in ("statement_list", "script_block_body", "script_block"):
                stack.append(child)
            elif child.is_named and child.type not in ("comment", "empty_statement"):
                out.append(child)
    return out


def _is_assignment(statement: Node) -> bool:
    """True for a pipeline statement that is an assignment or an increment (it writes no output)."""
    inner = statement
    if inner.type == "pipeline":
        kids = [c for c in inner.children if c.is_named and c.type != "comment"]
        if len(kids) != 1:
            return False
        inner = kids[0]
    return _unwrap(inner).type in (
        "assignment_expression",
        "post_increment_expression",
        "pre_increment_expression",
        "post_decrement_expression",
        "pre_decrement_expression",
    )


# Parts of compound statements that may hold comments of their own (not statements: those keep theirs).
_CLAUSE_TYPES = frozenset(
    {
        "elseif_clauses",
        "elseif_clause",
        "else_clause",
        "catch_clauses",
        "catch_clause",
        "finally_clause",
        "script_block",
        "param_block",
        "parameter_list",
        "script_parameter",
        "function_parameter_declaration",
        "attribute_list",
    }
)


_RETURN_WITH_VALUE = re.compile(r"\breturn[ \t]+[^\s;}#]", re.IGNORECASE)


def _first_error(node: Node) -> Node:
    """The first ERROR or missing node under ``node`` (for the warning's line)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return n
        stack.extend(reversed(n.children))
    return node


def _variable_name(node: Node) -> str:
    """``$Name`` -> ``Name``; ``${odd name}`` -> ``odd name``; ``$env:X`` -> ``env:X``."""
    text = _text(node).lstrip()  # in a here-string the grammar counts a line break before $Name in it
    if text.startswith(("$", "@")):
        text = text[1:]
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return text


def _member_name(node: Node) -> str:
    """The name after the dot of a member access (a computed name is not translated)."""
    child = node.child(0)
    if child is not None and child.type == "string_literal" and _text(child)[:1] == "'" and child.child_count <= 1:
        return _text(child)[1:-1]  # $list.'ForEach'(...): a quoted name is the same member
    if child is None or child.type != "simple_name":
        raise Unsupported(node, "unsupported: computed member name")
    return _text(child)


def _type_name(node: Node) -> str:
    """A type literal's name in lower case without ``system.`` (``[System.Int32]`` -> ``int32``)."""
    text = _text(node).strip()
    # One pair of brackets only: [string[]] is string[].
    name = (text[1:-1] if text.startswith("[") and text.endswith("]") else text).strip().lower().replace(" ", "")
    return name[7:] if name.startswith("system.") else name


def _type_name_is_switch(node: Node) -> bool:
    """True when a script parameter is declared ``[switch]``."""
    return any(c.type == "attribute_list" and "[switch]" in _text(c).lower().replace(" ", "") for c in node.children)


def _here_body(raw: str) -> str:
    """The text of a here-string: from after the first line break to before the last one."""
    start = raw.find("\n") + 1
    end = raw.rfind("\n")
    if end < start:
        return ""
    body = raw[start:end]
    return body[:-1] if body.endswith("\r") else body


def _unescape(text: str, here: bool) -> str:
    """PowerShell's double-quoted string escapes: backtick sequences and (outside here-strings) a doubled quote."""
    if not here and '""' in text:
        text = text.replace('""', '"')
    if "`" not in text:
        return text
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch != "`" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "u" and i + 2 < n and text[i + 2] == "{":
            close = text.find("}", i + 3)
            if close != -1:
                out.append(chr(int(text[i + 3 : close], 16)))
                i = close + 1
                continue
        out.append(R.BACKTICK_ESCAPES.get(nxt, nxt))
        i += 2
    return "".join(out)


def _single(container: Node, kind: str | None) -> Node | None:
    """The one statement inside a for-loop part, unwrapped; None when it is not exactly one ``kind``."""
    named = [c for c in container.children if c.is_named and c.type != "comment"]
    if len(named) != 1:
        return None
    node = named[0]
    if node.type == "pipeline":
        inner = [c for c in node.children if c.is_named]
        if len(inner) != 1:
            return None
        node = _unwrap(inner[0])
    if kind is not None and node.type != kind:
        return None
    return node


def _loop_step(node: Node, var: str) -> int | None:
    """The constant step of a for loop's iterator (``$i++`` 1, ``$i -= 2`` -2), or None."""
    kind = node.type
    named = [c for c in node.children if c.is_named]
    if kind in (
        "post_increment_expression",
        "pre_increment_expression",
        "post_decrement_expression",
        "pre_decrement_expression",
    ):
        if (
            len(named) == 1
            and _unwrap(named[0]).type == "variable"
            and _variable_name(_unwrap(named[0])).lower() == var
        ):
            return 1 if "increment" in kind else -1
        return None
    if kind == "assignment_expression" and len(named) == 3:
        target, op, value = named
        if _unwrap(target).type != "variable" or _variable_name(_unwrap(target)).lower() != var:
            return None
        value = _unwrap(value)
        if value.type == "pipeline":
            inner = [c for c in value.children if c.is_named]
            value = _unwrap(inner[0]) if len(inner) == 1 else value
        if value.type != "integer_literal":
            return None
        try:
            amount = int(_text(value))
        except ValueError:
            return None
        sign = {"+=": 1, "-=": -1}.get(_text(op).strip())
        return sign * amount if sign and amount else None
    return None


def _has_continue(block: Node) -> bool:
    """True when a loop body may use ``continue`` (a plain text check, erring towards yes)."""
    return re.search(r"(?<![\w$-])continue\b", _text(block), re.IGNORECASE) is not None


def _clause_comments(node: Node) -> list[tuple[int, str]]:
    """Comments that sit in a compound statement's own clauses (``} # note`` before ``else``), by row."""
    found: list[tuple[int, str]] = []
    stack = [node]
    while stack:
        for child in stack.pop().children:
            kind = child.type
            if kind == "comment":
                found.append((child.start_point[0], _text(child)))
            elif kind in _CLAUSE_TYPES:
                stack.append(child)
    found.sort(key=lambda c: c[0])
    return found
