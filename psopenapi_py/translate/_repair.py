"""Repairs for what tree-sitter-powershell cannot parse but PowerShell reads fine.

Each repair finds, in a tree with errors, a spot the grammar misses and rewrites it into a spelling the
grammar knows and PowerShell reads the same way; the source is then parsed again. Only whole-line
layout is kept (no newline is added or removed), so line numbers in warnings stay the script's.

- ``a ?? b``: spelled ``a -shr b`` (rarely used, of the same binding); the positions of those operators
  are returned so the comparison visitor reads them as ``??``.
- ``$x ??= v``: spelled ``$x = v``, its ``=`` marked ``"??="``.
- ``c ? a : b``: spelled ``c -and a -or b`` (``-and``/``-or`` bind loosest of the binary operators, as
  the ternary operator does), the two operators marked ``"?"`` and ``":"`` for the logical visitor.
- ``Select-Object Name, Voice``: a list of bare words is quoted (``'Name', 'Voice'``), the same strings.
- ``Write-Output $s.Split(',').Count``: an argument that chains calls is put in parentheses.
- ``function F { param($n) $n }`` and ``switch ($x) { 1 { 'a' } default { 'b' } }``: a ``;`` after the
  ``param()`` block or between clauses on one line.
- a line of a double-quoted here-string starting with ``#`` (read as a comment): the ``#`` escaped.
- ``$v = if (c) { a }`` followed by ``else { b }`` on the next line (a tree without errors, where ``else``
  is read as a command): the line break continued with a backtick.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._syntax import Node, Tree, _parser

#: At most this many rounds of repairs: each round fixes every spot it finds, then parses again.
_ROUNDS = 20

#: One edit of the source: (start, end, replacement, what the replacement's operator stands for: ``"??"``
#: for ``??`` spelled ``-shr``, ``"case"`` for ``-cin``/``-cnotin`` spelled ``-in``/``-notin``, else None).
Edit = tuple[int, int, bytes, str | None]

#: Bare words separated by commas on one line, up to the end of the argument: ``Name, Voice``, and
#: drive-qualified ones: ``Env:RT_STAGE, Env:RT_TTL``.
_WORD_LIST = re.compile(
    rb"[A-Za-z_*][\w.\-:*?]*(?:[ \t]*,[ \t]*[A-Za-z_*][\w.\-:*?]*)+(?=[ \t]*(?:$|[;|)}\r\n]|[ \t]-))",
    re.MULTILINE,
)
#: One bare word of such a list (a property name may be a wildcard: ``Voice*``).
_WORD = re.compile(rb"[A-Za-z_*][\w.\-:*?]*")


def repair(source: bytes) -> tuple[bytes, Tree, dict[int, str]]:
    """Parse ``source``, repairing what the grammar misses; returns the source parsed, its tree, and where
    operators it respelled stand in it, with what they stand for (``??`` spelled ``-shr``, ``-cin`` ...)."""
    tree = _parser().parse(source)
    coalesce: dict[int, str] = {}
    for _ in range(_ROUNDS):
        # The grammar reads these without an error: the `else` line parses as a command, and a line of a
        # here-string that starts with `#` as a comment.
        edits = [*_else_lines(source, tree), *_hash_in_here_strings(source, tree)]
        if not edits:
            break
        source, coalesce = _apply(source, edits, coalesce)
        tree = _parser().parse(source)
    for _ in range(_ROUNDS):
        if not tree.root_node.has_error:
            break
        # Operators the grammar does not know first, alone: until they are respelled, the errors they
        # cause hide what the line is (text in a string with a ternary inside looks like bare words).
        edits = [*_coalesce(source, tree), *_coalesce_assignments(source, tree), *_ternaries(source, tree)]
        if edits:
            source, coalesce = _apply(source, edits, coalesce)
            tree = _parser().parse(source)
            continue
        edits = [
            *_word_lists(source, tree),
            *_chained_arguments(source, tree),
            *_hash_in_strings(source, tree),
            *_separators(source, tree),
            *_keyword_methods(source, tree),
            *_jump_labels(source, tree),
            *_membership_operators(source, tree),
        ]
        if not edits:
            break
        source, coalesce = _apply(source, edits, coalesce)
        tree = _parser().parse(source)
    return source, tree, coalesce


def _apply(source: bytes, edits: list[Edit], coalesce: dict[int, str]) -> tuple[bytes, dict[int, str]]:
    """Apply edits that do not overlap (the first of overlapping ones wins), moving the marked operators."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if chosen and edit[0] < chosen[-1][1]:
            continue
        chosen.append(edit)
    out = bytearray()
    last = 0
    shift = 0
    moves: list[tuple[int, int]] = []
    marks: dict[int, str] = {}
    for start, end, replacement, kind in chosen:
        out += source[last:start]
        if kind is not None:
            # Where the operator now starts (its '-', or the '=' of a respelled ``??=``).
            marks[len(out) + len(replacement) - len(replacement.lstrip())] = kind
        out += replacement
        shift += len(replacement) - (end - start)
        moves.append((end, shift))
        last = end
    out += source[last:]

    def moved(position: int) -> int:
        delta = 0
        for end, total in moves:
            if position >= end:
                delta = total
        return position + delta

    return bytes(out), {**{moved(p): k for p, k in coalesce.items()}, **marks}


def _walk_errors(tree: Tree) -> Iterator[tuple[Node, bool]]:
    """The nodes on the way to errors, with whether each lies inside an ERROR node."""
    stack = [(tree.root_node, False)]
    while stack:
        node, in_error = stack.pop()
        in_error = in_error or node.type == "ERROR"
        yield node, in_error
        if node.has_error or in_error:
            stack.extend((child, in_error) for child in node.children)


def _coalesce(source: bytes, tree: Tree) -> list[Edit]:
    """``??`` (not ``??=``) outside strings and comments, or inside a string's ``$( )``."""
    edits: list[Edit] = []
    start = 0
    while (at := source.find(b"??", start)) != -1:
        start = at + 2
        if source[at + 2 : at + 3] == b"=" or source[at - 1 : at] == b"?":
            continue
        inside: Node | None = tree.root_node.descendant_for_byte_range(at, at + 2)
        while inside is not None and inside.type not in ("string_literal", "comment", "sub_expression"):
            inside = inside.parent
        if inside is None or inside.type == "sub_expression":
            edits.append((at, at + 2, b" -shr ", "??"))
    return edits


def _in_code(tree: Tree, at: int) -> bool:
    """Whether the byte at ``at`` is script code: not inside a string or comment (a string's ``$( )`` is code)."""
    inside: Node | None = tree.root_node.descendant_for_byte_range(at, at + 1)
    while inside is not None and inside.type not in ("string_literal", "comment", "sub_expression"):
        inside = inside.parent
    return inside is None or inside.type == "sub_expression"


def _coalesce_assignments(source: bytes, tree: Tree) -> list[Edit]:
    """``$x ??= v`` outside strings and comments."""
    edits: list[Edit] = []
    for found in re.finditer(rb"\?\?=", source):
        if _in_code(tree, found.start()):
            edits.append((found.start(), found.end(), b"=", "??="))
    return edits


#: A ``?`` standing alone between spaces: the ternary operator's, unless it is ``Where-Object``'s alias.
_QUESTION = re.compile(rb"(?<=[ \t])\?(?=[ \t])")
_CLOSERS = {ord(")"): ord("("), ord("]"): ord("["), ord("}"): ord("{")}


def _ternaries(source: bytes, tree: Tree) -> list[Edit]:
    """``c ? a : b`` outside strings and comments (nested ones too): ``?`` spelled ``-and``, ``:`` ``-or``."""
    edits: list[Edit] = []
    for found in _QUESTION.finditer(source):
        at = found.start()
        before = source[:at].rstrip(b" \t")[-1:]
        if before in (b"|", b"", b"\n", b"{", b";") or not _in_code(tree, at):
            continue  # `| ? { ... }` is Where-Object; nothing before it is no operand
        colon = _ternary_colon(source, at + 1)
        if colon is not None:
            edits.append((at, at + 1, b"-and", "?"))
            edits.append((colon, colon + 1, b"-or", ":"))
    return edits


def _ternary_colon(source: bytes, start: int) -> int | None:
    """Where the ``:`` of the ternary whose ``?`` ends before ``start`` stands: the first one at the same
    bracket depth that no nested ``?`` takes, before the statement ends; None when there is none."""
    depth: list[int] = []
    pending = 0
    i = start
    while i < len(source):
        c = source[i]
        if c in (ord("'"), ord('"')):
            i = _string_end(source, i)
            continue
        if c in (ord("("), ord("["), ord("{")):
            depth.append(c)
        elif c in _CLOSERS:
            if not depth:
                return None
            depth.pop()
        elif not depth and c in (ord("\n"), ord(";"), ord("|")):
            return None
        elif (
            not depth
            and c == ord("?")
            and source[i - 1 : i] in (b" ", b"\t")
            and source[i + 1 : i + 2] in (b" ", b"\t")
        ):
            pending += 1
        elif (
            not depth and c == ord(":") and source[i - 1 : i] in (b" ", b"\t") and source[i + 1 : i + 2] not in (b":",)
        ):
            if pending == 0:
                return i
            pending -= 1
        i += 1
    return None


def _string_end(source: bytes, start: int) -> int:
    """Just past the quoted string opening at ``start`` (doubled quotes and backtick escapes inside)."""
    quote = source[start]
    i = start + 1
    while i < len(source):
        c = source[i]
        if c == ord("`") and quote == ord('"'):
            i += 2
            continue
        if c == quote:
            if source[i + 1 : i + 2] == bytes([quote]):
                i += 2
                continue
            return i + 1
        i += 1
    return i


#: Keywords that take a value after them (``return ,$x``, ``throw``, ``exit``): never bare words to quote.
_FLOW_KEYWORDS = frozenset({b"return", b"throw", b"exit", b"break", b"continue"})


def _word_lists(source: bytes, tree: Tree) -> list[Edit]:
    """A list of bare words as a command argument: each word quoted."""
    edits: list[Edit] = []
    for node, _ in _walk_errors(tree):
        loose_word = node.type == "simple_name" and node.parent is not None and node.parent.type == "ERROR"
        if node.type != "generic_token" and not loose_word:
            continue
        found = _WORD_LIST.match(source, node.start_byte) if not loose_word else None
        if found is not None:
            quoted = _WORD.sub(lambda w: b"'" + w.group(0) + b"'", found.group(0))
            edits.append((found.start(), found.end(), quoted, None))
            continue
        # One word beside other items of a list (Sort-Object @{...}, Name): quoted on its own. The grammar
        # may count the blank before it as part of the node.
        raw = source[node.start_byte : node.end_byte]
        start = node.start_byte + len(raw) - len(raw.lstrip(b" \t"))
        word = _WORD.fullmatch(source[start : node.end_byte])
        before = source[:start].rstrip(b" \t")[-1:]
        after = source[node.end_byte :].lstrip(b" \t")[:1]
        if word is not None and word.group(0).lower() in _FLOW_KEYWORDS:
            # `return ,$list` (the grammar loses `return` after a param block on one line) is no word list.
            continue
        if word is not None and (before == b"," or after == b","):
            edits.append((start, node.end_byte, b"'" + word.group(0) + b"'", None))
    return edits


#: ``.ForEach(`` and ``.Where(``-style calls whose name the grammar takes for a keyword (``foreach``).
_KEYWORD_METHOD = re.compile(rb"(?<=[\w)\]])\.(foreach)\(", re.IGNORECASE)


def _keyword_methods(source: bytes, tree: Tree) -> list[Edit]:
    """``$list.ForEach({...})``: the method name quoted (``.'ForEach'(``), which PowerShell reads the same."""
    edits: list[Edit] = []
    for found in _KEYWORD_METHOD.finditer(source):
        inside = tree.root_node.descendant_for_byte_range(found.start(), found.end())
        # Code, unless in a string or comment; a string's $( ) is code again.
        while inside is not None and inside.type not in ("string_literal", "comment", "sub_expression"):
            inside = inside.parent
        if inside is None or inside.type == "sub_expression":
            edits.append((found.start(1), found.end(1), b"'" + found.group(1) + b"'", None))
    return edits


#: ``break outer`` / ``continue outer``: the grammar only reads the label spelled ``:outer``.
_JUMP_LABEL = re.compile(
    rb"\b(break|continue)[ \t]+([A-Za-z_]\w*)(?=[ \t]*(?:$|[;}\r\n#]))", re.IGNORECASE | re.MULTILINE
)


def _jump_labels(source: bytes, tree: Tree) -> list[Edit]:
    """``break name`` and ``continue name`` (outside strings and comments) with the label as ``:name``."""
    edits: list[Edit] = []
    for found in _JUMP_LABEL.finditer(source):
        inside = tree.root_node.descendant_for_byte_range(found.start(2), found.end(2))
        while inside is not None and inside.type not in ("string_literal", "comment"):
            inside = inside.parent
        if inside is None:
            edits.append((found.start(2), found.start(2), b":", None))
    return edits


#: ``-cin``, ``-cnotin``, ``-iin``, ``-inotin``: operators the grammar does not know.
_MEMBERSHIP = re.compile(rb"(?<=\s)-([ci])(in|notin)(?=\s)", re.IGNORECASE)


def _membership_operators(source: bytes, tree: Tree) -> list[Edit]:
    """``-cin``/``-cnotin`` spelled ``-in``/``-notin`` and marked case-sensitive; ``-iin``/``-inotin`` are
    ``-in``/``-notin`` (which ignore case already)."""
    edits: list[Edit] = []
    for found in _MEMBERSHIP.finditer(source):
        inside = tree.root_node.descendant_for_byte_range(found.start(), found.end())
        while inside is not None and inside.type not in ("string_literal", "comment", "sub_expression"):
            inside = inside.parent
        if inside is None or inside.type == "sub_expression":  # code, or code inside a string's $( )
            kind = "case" if found.group(1).lower() == b"c" else None
            edits.append((found.start(), found.end(), b"-" + found.group(2), kind))
    return edits


def _chained_arguments(source: bytes, tree: Tree) -> list[Edit]:
    """A ``$value.Method(...)...`` command argument in a command the grammar failed on: in parentheses."""
    edits: list[Edit] = []
    for node, in_error in _walk_errors(tree):
        if node.type != "command_elements" or not (node.has_error or in_error):
            continue
        for child in node.children:
            if source[child.start_byte : child.start_byte + 1] != b"$":
                continue
            end = _argument_end(source, child.start_byte)
            text = source[child.start_byte : end]
            if b"(" in text and b"\n" not in text and _balanced(text) and not _in_string(node):
                edits.append((child.start_byte, end, b"(" + text + b")", None))
    return edits


def _in_string(node: Node) -> bool:
    """True when the node lies inside a string literal (its ``$( )`` included)."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("string_literal", "expandable_string_literal", "expandable_here_string_literal"):
            return True
        parent = parent.parent
    return False


def _balanced(text: bytes) -> bool:
    """True when the brackets of an argument's text pair up."""
    depth = 0
    for c in text:
        if c in b"([{":
            depth += 1
        elif c in b")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _argument_end(source: bytes, start: int) -> int:
    """Where a ``$variable.member(args)[i]...`` argument starting at ``start`` ends (brackets balanced)."""
    depth = 0
    quote = 0
    i = start
    while i < len(source):
        c = source[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in b"'\"":
            quote = c
        elif c in b"([{":
            depth += 1
        elif c in b")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and c in b" \t\r\n;|,":
            break
        i += 1
    return i


def _hash_in_strings(source: bytes, tree: Tree) -> list[Edit]:
    """A ``#`` after a space inside a double-quoted string (``"ticket $Team #42"``) that the grammar took for a
    comment: escaped as `` `# ``, the same character to PowerShell."""
    found: set[int] = set()
    for node, in_error in _walk_errors(tree):
        if node.has_error:
            # A string before the error that a comment ran on in: its closing quote became comment text.
            for child in node.children:
                if child.has_error:
                    continue
                string = child.descendant_for_byte_range(child.end_byte - 1, child.end_byte)
                while string is not None and string.type != "expandable_string_literal" and string != child:
                    string = string.parent
                if string is None or string.type != "expandable_string_literal":
                    continue
                for part in string.children:
                    if part.type == "comment" and (at := source.find(b"#", part.start_byte, part.end_byte)) != -1:
                        found.add(at)
        if node.type != "comment" or not in_error:
            continue
        at = source.find(b"#", node.start_byte, node.end_byte)
        if at == -1 or source[node.start_byte : at].strip():
            continue
        line_start = source.rfind(b"\n", 0, at) + 1
        quotes = len(re.findall(rb'(?<!`)"', source[line_start:at]))
        if quotes % 2 == 1 and b'"' in source[at : node.end_byte]:
            found.add(at)
    # A `#` escaped already is the grammar's comment still: another backtick would escape the backtick.
    return [(at, at, b"`", None) for at in sorted(found) if source[at - 1 : at] != b"`"]


#: The start of a double-quoted here-string.
_HERE_STRING = re.compile(rb'@"[ \t]*\r?\n')


def _hash_in_here_strings(source: bytes, tree: Tree) -> list[Edit]:
    """A ``#`` opening a line of a double-quoted here-string, which the grammar reads as a comment (and so
    the ``$variables`` after it as comment text): escaped as `` `# ``, the same character to PowerShell."""
    edits: list[Edit] = []
    for match in _HERE_STRING.finditer(source):
        node: Node | None = tree.root_node.descendant_for_byte_range(match.start(), match.start() + 2)
        while node is not None and node.type != "expandable_here_string_literal":
            node = node.parent if node.start_byte == match.start() else None
        if node is None:
            continue  # inside a comment or another string
        for child in node.children:
            if child.type == "comment":
                at = source.find(b"#", child.start_byte, child.end_byte)
                if at != -1:
                    edits.append((at, at, b"`", None))
    return edits


#: A line that starts with ``elseif`` or ``else`` (any case).
_ELSE_LINE = re.compile(rb"^[ \t]*(else(?:if)?)(?![\w-])", re.MULTILINE | re.IGNORECASE)


def _else_lines(source: bytes, tree: Tree) -> list[Edit]:
    """``$v = if (c) { a }`` (or a hashtable's ``key = if ...``) with ``elseif``/``else`` on the lines after:
    PowerShell reads one ``if`` (as it does for an ``if`` statement on its own), the grammar ends the value at
    the line break and reads ``else`` as a command (or an error). The line breaks between are continued with
    a backtick."""
    edits: list[Edit] = []
    for match in _ELSE_LINE.finditer(source):
        at = match.start(1)
        word: Node | None = tree.root_node.descendant_for_byte_range(at, match.end(1))
        if word is None or word.start_byte != at or not (word.type == "command_name" or _in_error(word)):
            continue  # text in a string or a comment, or a word inside a command
        gap = at
        while gap > 0 and source[gap - 1 : gap] in (b" ", b"\t", b"\r", b"\n"):
            gap -= 1
        if source[gap - 1 : gap] != b"}":
            continue
        closed: Node | None = tree.root_node.descendant_for_byte_range(gap - 1, gap)
        while closed is not None and closed.end_byte == gap and closed.type != "if_statement":
            closed = closed.parent
        if closed is None or closed.type != "if_statement" or closed.end_byte != gap:
            continue
        for i in range(gap, at):
            if source[i : i + 1] == b"\n":
                before = i - 1 if source[i - 1 : i] == b"\r" else i
                edits.append((before, before, b" `", None))
    return edits


def _in_error(node: Node) -> bool:
    """Whether ``node`` lies inside a part of the tree the grammar could not parse."""
    inside: Node | None = node
    while inside is not None:
        if inside.type == "ERROR":
            return True
        inside = inside.parent
    return False


def _separators(source: bytes, tree: Tree) -> list[Edit]:
    """A ``;`` after a ``param()`` block followed by a statement on its line, and between switch clauses."""
    edits: list[Edit] = []
    for node, _ in _walk_errors(tree):
        first = node.named_children[0] if node.type == "ERROR" and node.named_child_count else None
        block = next((c for c in node.children if c.type == "statement_block"), None)
        if first is not None and (
            first.type == "param_block"
            or (first.type == "statement_block" and node.parent is not None and node.parent.type == "switch_clause")
        ):
            edits.append((first.end_byte, first.end_byte, b";", None))
        elif node.type == "switch_clause" and block is not None and node.has_error and not block.has_error:
            if source[block.end_byte : block.end_byte + 1] not in (b";", b"\n", b"\r"):
                edits.append((block.end_byte, block.end_byte, b";", None))
    return edits
