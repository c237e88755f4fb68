"""The translated expression: the ``Expr`` model, Python operator precedence, and rendering to source text.

Nothing here reads the PowerShell tree: an ``Expr`` is Python code plus what the translator knows about
its value (type, constant, how to split it over lines).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import _rules as R
from ._catalog import BOOL, FLOAT, INT, NONE, STR, UNKNOWN, Kind, T

if TYPE_CHECKING:
    from ._output import Output

# Python operator precedence, loosest first: an operand is parenthesised when it binds looser than needed.
P_TERNARY, P_OR, P_AND, P_NOT, P_CMP, P_BOR, P_BXOR, P_BAND, P_SHIFT, P_ADD, P_MUL, P_UNARY, P_POW, P_ATOM = range(14)


_NOCONST: Any = object()


class Expr:
    """A translated expression: its Python code, precedence, what the value is, and how to split it."""

    __slots__ = ("code", "const", "generator", "items", "loose", "prec", "split", "stmt", "stream", "type", "whole")

    def __init__(
        self,
        code: str,
        prec: int = P_ATOM,
        type: T = UNKNOWN,  # noqa: A002 - the natural name here
        const: Any = _NOCONST,
        split: tuple[str, list[tuple[str, Expr]], str] | None = None,
        stmt: bool = False,
        items: list[Expr] | None = None,
        stream: bool = False,
        loose: bool = False,
    ):
        self.code = code
        self.prec = prec
        self.type = type
        self.const = const
        #: (head, [(prefix, item)], tail): how to write it one item a line when the line is too long.
        self.split = split
        #: A call made for its effect (print, sleep, a function returning nothing): never printed.
        self.stmt = stmt
        #: The items of a list literal (for printing them one a line).
        self.items = items
        #: The output of a pipeline cmdlet (a list): assigned to a variable, PowerShell keeps ``$null``
        #: for no item and the item itself for one (``ps.collect``).
        self.stream = stream
        #: Read from a model or object member: it may be missing (UNSET), which PowerShell reads as ``$null``.
        self.loose = loose
        #: The call of a script function translated as a generator, when this is its collected output.
        self.generator: Expr | None = None
        #: A command's answer that PowerShell writes down a pipeline as one object, even an array
        #: (Invoke-RestMethod's): the next command gets it once (``ps.one_object``).
        self.whole = False


def wrap(e: Expr, prec: int) -> str:
    """The code of ``e`` as an operand that must bind at least as tightly as ``prec``."""
    return e.code if e.prec >= prec else f"({e.code})"


def call(func: str, args: list[tuple[str, Expr]], type: T = UNKNOWN, stmt: bool = False) -> Expr:  # noqa: A002
    """The Expr of a call ``func(prefix+arg, ...)``, splittable one argument a line."""
    code = f"{func}({', '.join(p + a.code for p, a in args)})"
    return Expr(code, P_ATOM, type, split=(func + "(", args, ")") if args else None, stmt=stmt)


def ps_call(out: Output, func: str, args: list[tuple[str, Expr]], type: T = UNKNOWN, **flags: bool) -> Expr:  # noqa: A002
    """A call of the PowerShell runtime (``ps.<func>(...)``, psopenapi_py.pscompat); records its import."""
    out.need("ps", "pscompat")
    e = call(f"ps.{func}", args, type, stmt=flags.get("stmt", False))
    e.stream = flags.get("stream", False)
    return e


def _same(a: T, b: T) -> bool:
    """Whether two types say the same about a value (a hashtable's keys and their types included)."""
    if a is b:
        return True
    if a.kind != b.kind or a.cls != b.cls:
        return False
    if (a.elem is None) != (b.elem is None) or (
        a.elem is not None and b.elem is not None and not _same(a.elem, b.elem)
    ):
        return False
    if a.keys is None or b.keys is None:
        return a.keys is b.keys
    return a.keys.keys() == b.keys.keys() and all(
        a.keys[k][0] == b.keys[k][0] and _same(a.keys[k][1], b.keys[k][1]) for k in a.keys
    )


def common_type(types: list[T]) -> T:
    """What is known of every one of ``types``: the type they share; hashtables whose keys differ are
    hashtables of unknown keys (``@{a=1}, @{a=1; b=2}``: splatting one must not bind only ``a``); else unknown."""
    first = types[0]
    if all(_same(first, t) for t in types[1:]):
        return first
    if first.kind == Kind.DICT and all(t.kind == Kind.DICT for t in types):
        cls = first.cls if all(t.cls == first.cls for t in types) else None
        return T(Kind.DICT, cls=cls)
    return UNKNOWN


def list_expr(items: list[Expr]) -> Expr:
    """The Expr of a list literal; its element type is known when all items share one."""
    elem = common_type([i.type for i in items]) if items else UNKNOWN
    code = "[" + ", ".join(i.code for i in items) + "]"
    # A PowerShell array (object[]): fixed in size, unlike a List.
    array = T(Kind.LIST, elem=elem, cls="array")
    return Expr(code, P_ATOM, array, split=("[", [("", i) for i in items], "]") if items else None, items=items)


def const_expr(value: Any) -> Expr:
    """The Expr of a Python constant (str, int, float, bool or None)."""
    if isinstance(value, bool):
        return Expr(repr(value), P_ATOM, BOOL, value)
    if value is None:
        return Expr("None", P_ATOM, NONE, None)
    if isinstance(value, int):
        return Expr(str(value), P_ATOM if value >= 0 else P_UNARY, INT, value)
    if isinstance(value, float):
        return Expr(repr(value), P_ATOM if value >= 0 else P_UNARY, FLOAT, value)
    return Expr(py_str(value), P_ATOM, STR, value)


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\x00"}


_ESCAPE_DQ = str.maketrans(
    {**_ESCAPES, '"': '\\"', **{chr(i): f"\\x{i:02x}" for i in (*range(1, 9), 11, 12, *range(14, 32), 127)}}
)


_ESCAPE_SQ = str.maketrans(
    {**_ESCAPES, "'": "\\'", **{chr(i): f"\\x{i:02x}" for i in (*range(1, 9), 11, 12, *range(14, 32), 127)}}
)


_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\x7f\\'\"]")


def py_str(s: str) -> str:
    """A Python string literal for ``s``: double quotes unless single ones avoid escapes; raw for regexes and paths."""
    if not _NEEDS_ESCAPE.search(s):
        return f'"{s}"'
    if "\\" in s and not s.endswith("\\") and not re.search(r"[\x00-\x1f\x7f\"]", s):
        return f'r"{s}"'
    if '"' in s and "'" not in s:
        return "'" + s.translate(_ESCAPE_SQ) + "'"
    return '"' + s.translate(_ESCAPE_DQ) + '"'


def _fstring(parts: list[tuple[bool, str]]) -> str:
    """Python code for text made of literal pieces and code pieces: an f-string where one is valid."""
    codes = [text for is_code, text in parts if is_code]
    blocked = any(c in code for code in codes for c in "\\\n{}#")
    quote = None
    if not blocked:
        literal = "".join(text for is_code, text in parts if not is_code)
        # Prefer the quote that needs no escaping in the literal text, as py_str does.
        order = ("'", '"') if '"' in literal and "'" not in literal else ('"', "'")
        quote = next((q for q in order if not any(q in code for code in codes)), None)
    if quote is None:
        template = "".join(
            "{}" if is_code else _escape_literal(text, '"').replace("{", "{{").replace("}", "}}")
            for is_code, text in parts
        )
        return f'"{template}".format({", ".join(codes)})'
    body = "".join(
        "{" + text + "}" if is_code else _escape_literal(text, quote).replace("{", "{{").replace("}", "}}")
        for is_code, text in parts
    )
    return f"f{quote}{body}{quote}"


def _escape_literal(text: str, quote: str) -> str:
    """Escape text for a string literal delimited by ``quote``."""
    return text.translate(_ESCAPE_DQ if quote == '"' else _ESCAPE_SQ)


def _render(prefix: str, e: Expr, suffix: str, indent: str, out: list[str]) -> None:
    """Append ``prefix + e + suffix`` as one line, or split at ``e``'s outermost brackets when too long."""
    line = indent + prefix + e.code + suffix
    if len(line) <= R.LINE_WIDTH_CHARS or e.split is None:
        out.append(line)
        return
    head, items, tail = e.split
    out.append(indent + prefix + head)
    inner = indent + R.INDENT
    for item_prefix, item in items:
        _render(item_prefix, item, ",", inner, out)
    out.append(indent + tail + suffix)
