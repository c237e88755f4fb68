"""The translator's driver: a tree-sitter PowerShell tree in, Python source out.

It follows ``ast.NodeVisitor``: statements dispatch to ``visit_<node type>`` (``_statements.py``,
``_functions.py``) and expressions to ``expr_<node type>`` (``_expressions.py``, ``_commands.py``); a
node type without a method goes to ``generic_visit`` / ``generic_expr``, which record "unsupported:
<type>" instead of guessing. A statement that cannot be translated (anything inside it raised
:class:`Unsupported`) is rolled back whole and kept as ``# untranslated (line N): ...``.
"""

from __future__ import annotations

import re

from ._commands import Commands
from ._expressions import Expressions
from ._functions import Functions
from ._script_params import ScriptParams
from ._statements import Statements
from ._syntax import Node, Tree, _parser, _text


class Translator(ScriptParams, Statements, Functions, Commands, Expressions):
    """Translate one PowerShell script; ``run()`` returns (python source, [(line, message)])."""

    def run(self) -> tuple[str, list[tuple[int, str]]]:
        """Parse and translate the script; return the Python text and the sorted warnings."""
        tree = _parser().parse(self.source)
        if tree.root_node.has_error:
            tree = self._with_quoted_word_lists(tree)
        if tree.root_node.has_error and b"??" in self.source:
            tree = self._with_coalesce(tree)
        if tree.root_node.has_error:
            tree = self._with_param_separators(tree)
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

    def _with_coalesce(self, tree: Tree) -> Tree:
        """The grammar does not know ``??``: parse again with it spelled as ``-shr`` (rarely used, of the
        same binding), remembering where, so the comparison visitor reads those as ``??``."""
        source = self.source
        spots = []
        start = 0
        while (at := source.find(b"??", start)) != -1:
            start = at + 2
            if source[at + 2 : at + 3] == b"=":
                continue  # ??= stays a syntax error, reported as such
            node = tree.root_node.descendant_for_byte_range(at, at + 2)
            inside = node
            while inside is not None and inside.type not in ("string_literal", "comment", "sub_expression"):
                inside = inside.parent
            if inside is not None and inside.type == "sub_expression":
                inside = None  # $( ... ) inside a string is code
            if inside is None:
                spots.append(at)
        if not spots:
            return tree
        pieces = []
        last = 0
        for at in spots:
            pieces.append(source[last:at])
            self.coalesce_at.add(sum(len(p) for p in pieces) + 1)
            pieces.append(b" -shr ")
            last = at + 2
        pieces.append(source[last:])
        self.source = b"".join(pieces)
        return _parser().parse(self.source)

    def _with_quoted_word_lists(self, tree: Tree) -> Tree:
        """The grammar does not take a list of bare words as an argument (``Select-Object Name, Voice``):
        parse again with the words quoted, an array of the same strings to PowerShell."""
        starts = []
        stack = [tree.root_node]
        while stack:
            node = stack.pop()
            if node.type == "generic_token" and _WORD_LIST.match(self.source, node.start_byte):
                starts.append(node.start_byte)
            stack.extend(node.children)
        if not starts:
            return tree
        source = self.source
        for at in sorted(set(starts), reverse=True):
            found = _WORD_LIST.match(source, at)
            assert found is not None
            quoted = re.sub(rb"[A-Za-z_][\w.\-]*", lambda w: b"'" + w.group(0) + b"'", found.group(0))
            source = source[:at] + quoted + source[found.end() :]
        self.source = source
        return _parser().parse(self.source)

    def _with_param_separators(self, tree: Tree) -> Tree:
        """The grammar needs a separator after ``param(...)`` when a statement follows on the same line
        (``function F { param($n) $n }``), and between switch clauses on one line (``{ 'a' } default { 'b' }``):
        parse again with a ``;`` there, which PowerShell reads the same."""
        for _ in range(100):
            spots = []
            stack = [tree.root_node]
            while stack:
                node = stack.pop()
                first = node.named_children[0] if node.type == "ERROR" and node.named_child_count else None
                block = next((c for c in node.children if c.type == "statement_block"), None)
                if first is not None and (
                    first.type == "param_block"
                    or (
                        first.type == "statement_block"
                        and node.parent is not None
                        and node.parent.type == "switch_clause"
                    )
                ):
                    spots.append(first.end_byte)
                elif node.type == "switch_clause" and block is not None and node.has_error and not block.has_error:
                    if self.source[block.end_byte : block.end_byte + 1] not in (b";", b"\n", b"\r"):
                        spots.append(block.end_byte)
                    stack.extend(node.children)
                elif node.has_error:
                    stack.extend(node.children)
            if not spots:
                return tree
            at = min(spots)
            self.source = self.source[:at] + b";" + self.source[at:]
            self.coalesce_at = {p + 1 if p >= at else p for p in self.coalesce_at}
            tree = _parser().parse(self.source)
        return tree


#: Bare words separated by commas on one line: ``Name, Voice``.
_WORD_LIST = re.compile(rb"[A-Za-z_][\w.\-]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.\-]*)+(?=[ \t]*(?:$|[;|)}\r\n]|[ \t]-))", re.M)


def translate(source: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Translate PowerShell source; returns the Python text and the (line, message) warnings."""
    return Translator(source).run()
