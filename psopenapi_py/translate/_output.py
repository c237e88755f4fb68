"""The translation being written: its lines, the imports and helpers it needs, warnings and pending comments.

All of it lives in one :class:`Output` so that a statement that fails can be undone whole
(:meth:`Output.mark` / :meth:`Output.rollback`), and :meth:`Output.assemble` puts the final text together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _rules as R
from ._expr import Expr, _render

if TYPE_CHECKING:
    from ._syntax import Node

#: Where the output stands: lines, code lines, warnings, needs and pending comments written so far.
OutputMark = tuple[int, int, int, int, int]


class Output:
    """The Python text being written, with everything a rollback must undo."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        #: Lines of code written (a block with none gets ``pass``).
        self.code_lines = 0
        self.warnings: list[tuple[int, str]] = []
        #: (``mod``/``pkg``/``helper``, name): the imports and helper functions the output uses.
        self.needs: list[tuple[str, str]] = []
        #: Comments met inside the statement being written, written before it (row, text).
        self.comments: list[tuple[int, str]] = []
        #: Blank lines owed before the next statement (two after a top-level def).
        self.blank_before_next = 0
        #: Lines the script's body needs before it starts (``matches = ps.Hashtable()`` for ``$Matches``).
        self.prologue: list[str] = []

    def mark(self) -> OutputMark:
        """A savepoint: where output, warnings, imports and pending comments stand now."""
        return (len(self.lines), self.code_lines, len(self.warnings), len(self.needs), len(self.comments))

    def rollback(self, mark: OutputMark) -> None:
        """Undo everything written or recorded since ``mark``."""
        lines, code_lines, warnings, needs, comments = mark
        del self.lines[lines:]
        self.code_lines = code_lines
        del self.warnings[warnings:]
        del self.needs[needs:]
        del self.comments[comments:]

    def flush_pending_comments(self, indent: str) -> None:
        """Write the comments met inside the statement just written that it did not place itself."""
        if self.comments:
            pending = self.comments
            self.comments = []
            for _, text in pending:
                self.comment_lines(text, indent)

    def untranslated(self, text: str, row: int, indent: str) -> None:
        """Keep a statement that was not translated as ``# untranslated (line N): ...``, one source line each."""
        for i, line in enumerate(text.split("\n")):
            self.lines.append(f"{indent}# untranslated (line {row + i + 1}): {line.strip()}".rstrip())

    def need(self, kind: str, name: str) -> None:
        """Record that the output needs an import (``mod``/``pkg``) or a helper function."""
        self.needs.append((kind, name))

    def warn(self, node: Node, message: str) -> None:
        """Record a warning about a construct that was translated with a caveat."""
        self.warnings.append((node.start_point[0] + 1, message))

    def emit(self, indent: str, prefix: str, e: Expr | None, suffix: str = "", *, row: int | None = None) -> None:
        """Write one statement (its pending comments before it, or after it when on its last line)."""
        start = len(self.lines)
        trailing = ""
        if self.comments:
            pending = self.comments
            self.comments = []
            for crow, text in pending:
                text = text.strip()
                if crow == row and not trailing and text.startswith("#"):
                    trailing = "  " + text
                else:
                    self.comment_lines(text, indent)
            start = len(self.lines)
        if e is None:
            self.lines.append(indent + prefix + suffix)
        else:
            _render(prefix, e, suffix, indent, self.lines)
        if trailing:
            self.lines[-1] += trailing
        if e is None or not e.code.startswith("#"):
            self.code_lines += len(self.lines) - start

    def comment_lines(self, text: str, indent: str) -> None:
        """Write a ``#`` or ``<# #>`` comment as Python comment lines."""
        text = text.strip()
        if text.startswith("<#"):
            body = text[2:-2] if text.endswith("#>") else text[2:]
            rows = [r.rstrip() for r in body.strip("\r\n").split("\n")]
            while len(rows) > 1 and not rows[-1]:
                rows.pop()
            rows[0] = rows[0].strip()
            margin = min((len(r) - len(r.lstrip()) for r in rows[1:] if r.strip()), default=0)
            for i, r in enumerate(rows):
                r = r if i == 0 else r[margin:]
                self.lines.append(f"{indent}# {r}" if r else f"{indent}#")
            return
        self.lines.append(indent + (text if text.startswith("#") else "# " + text))

    def flush_comments(self, notes: list[tuple[int, str]], before_row: int | None, indent: str) -> None:
        """Write the collected comments that come before ``before_row`` (all of them when None)."""
        while notes and (before_row is None or notes[0][0] < before_row):
            self.comment_lines(notes.pop(0)[1], indent)

    def blank(self, count: int = 1) -> None:
        """End the output with ``count`` blank lines (never at the very top)."""
        if not self.lines:
            return
        have = 0
        for line in reversed(self.lines):
            if line:
                break
            have += 1
        self.lines.extend([""] * max(0, count - have))

    def gap(self, prev_end: int | None, row: int) -> None:
        """Blank lines before the next line: two after a top-level def, one where the script had any."""
        if self.blank_before_next:
            self.blank(self.blank_before_next)
            self.blank_before_next = 0
        elif prev_end is not None and row > prev_end + 1:
            self.blank()

    def assemble(self) -> str:
        """Put imports, helpers and the translated body together, each part once and in order."""
        modules: set[str] = set()
        package: set[str] = set()
        helpers: list[str] = []
        runtime = False
        for kind, name in self.needs:
            if kind == "ps":
                runtime = True
            elif kind == "mod":
                modules.add(name)
            elif kind == "pkg":
                package.add(name)
            elif name not in helpers:
                helpers.append(name)
        for name in helpers:
            modules.update(R.HELPERS[name][1])
        head: list[str] = [f"import {m}" for m in sorted(modules)]
        if package:
            if head:
                head.append("")
            names = sorted(package, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
            line = "from psopenapi_py import " + ", ".join(names)
            if len(line) <= R.LINE_WIDTH_CHARS:
                head.append(line)
            else:
                head.extend(["from psopenapi_py import (", *(f"{R.INDENT}{n}," for n in names), ")"])
        if runtime:
            if head and not package:
                head.append("")
            head.append("from psopenapi_py import pscompat as ps")
        for name in sorted(helpers):
            head.extend(["", "", R.HELPERS[name][0]])
        first = next((line for line in self.lines if line), "")
        gap_after = ["", ""] if first.startswith(("def ", "@")) else [""]
        body = [*self.prologue, *(gap_after if self.prologue and self.lines else []), *self.lines]
        while body and not body[0]:
            body = body[1:]
        while body and not body[-1]:
            body = body[:-1]
        if head and body:
            gap = 2 if helpers or body[0].startswith("def ") else 1
            head.extend([""] * gap)
        return "\n".join(head + body) + "\n"
