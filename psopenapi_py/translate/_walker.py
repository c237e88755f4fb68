"""The translator's driver: a tree-sitter PowerShell tree in, Python source out.

It follows ``ast.NodeVisitor``: statements dispatch to ``visit_<node type>`` (``_statements.py``,
``_functions.py``) and expressions to ``expr_<node type>`` (``_expressions.py``, ``_commands.py``); a
node type without a method goes to ``generic_visit`` / ``generic_expr``, which record "unsupported:
<type>" instead of guessing. A statement that cannot be translated (anything inside it raised
:class:`Unsupported`) is rolled back whole and kept as ``# untranslated (line N): ...``.
"""

from __future__ import annotations

from ._commands import Commands
from ._expressions import Expressions
from ._functions import Functions
from ._repair import repair
from ._script_params import ScriptParams
from ._statements import Statements
from ._syntax import Node, _text


class Translator(ScriptParams, Statements, Functions, Commands, Expressions):
    """Translate one PowerShell script; ``run()`` returns (python source, [(line, message)])."""

    def run(self) -> tuple[str, list[tuple[int, str]]]:
        """Parse and translate the script; return the Python text and the sorted warnings."""
        self.source, tree, self.operator_marks = repair(self.source)
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
        self.script_params = any(s.type == "param_block" for s in statements)
        self._collect_functions(statements)
        self._statements(statements, "")
        self.out.warnings.sort(key=lambda w: w[0])
        return self.out.assemble(), self.out.warnings


def translate(source: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Translate PowerShell source; returns the Python text and the (line, message) warnings."""
    translator = Translator(source)
    try:
        return translator.run()
    finally:
        # Its parts refer back to it (dispatch tables of bound methods, the binder's callbacks): dropping
        # them frees a translation at once, where the cycle collector would free it only in a full pass.
        translator.__dict__.clear()
