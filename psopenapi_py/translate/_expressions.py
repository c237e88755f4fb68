"""Expression visitors: ``expr_<node type>`` for variables, literals, strings, members, casts and operators."""

from __future__ import annotations

import re
from typing import Any

from . import _rules as R
from ._catalog import BLOCK, BOOL, FLOAT, HEADERS, INT, NONE, STR, UNKNOWN, Kind, T, list_of, normalize
from ._context import Context
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
    common_type,
    const_expr,
    list_expr,
    ps_call,
    py_str,
    wrap,
)
from ._scope import _bare_name
from ._syntax import (
    _PASSTHROUGH,
    Node,
    Unsupported,
    _descendants,
    _here_body,
    _is_assignment,
    _member_name,
    _split_multiplier,
    _text,
    _type_name,
    _unescape,
    _unwrap,
    _variable_name,
)

_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}


class Expressions(Context):
    """``expr_<node type>`` for each expression the translator writes."""

    def _argument(self, node: Node) -> Expr:
        """A command argument; a bare word is a string, as in PowerShell's argument mode. A hashtable
        written in the call is a plain dict: nothing reads it back by key."""
        node = _unwrap(node)
        if node.type == "generic_token" or not node.is_named:
            return const_expr(_text(node))  # a bare word (a lone + or - too)
        if node.type == "hash_literal_expression":
            return self._hash_literal(node, None if self.plain_dicts else "Hashtable")
        return self._expr(node)

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
        value = self._pipeline_value(kids[0])
        # A value in parentheses is piped item by item, even Invoke-RestMethod's array answer.
        value.whole = False
        # (Get-Content p) is the pipeline's output as a value: one line is that line, as when assigned.
        return self._ps("collect", value) if value.stream else value

    def expr_sub_expression(self, node: Node) -> Expr:
        """``$( ... )`` with one statement."""
        statements = node.child_by_field_name("statements")
        kids = self._kids(statements) if statements is not None else []
        if len(kids) == 1 and kids[0].type == "pipeline" and not _is_assignment(kids[0]):
            value = self._pipeline_value(kids[0])
            value.whole = False
            return self._ps("collect", value) if value.stream else value
        return self._value_of_block(lambda indent: self._statements(kids, indent))

    def _simple_values(self, kids: list[Node]) -> list[Expr] | None:
        """The values of statements that are each one plain value of a known single kind (for ``@(a; b)``), else None."""
        values = []
        for kid in kids:
            if kid.type != "pipeline" or _is_assignment(kid):
                return None
            mark = self.out.mark()
            value = self._pipeline_value(kid)
            if value.stmt or value.type.kind in (Kind.LIST, Kind.UNKNOWN, Kind.JSON, Kind.NONE) or value.stream:
                self.out.rollback(mark)
                return None
            values.append(value)
        return values

    def expr_variable(self, node: Node) -> Expr:
        """``$name``, ``$true/$false/$null``, ``$_`` in a catch and ``$env:NAME``."""
        raw = _text(node).lstrip()  # in a here-string the grammar counts a line break before $Name in it
        if raw.startswith("@"):
            raise Unsupported(node, "unsupported: splatting outside a command")
        name = raw[1:]
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        lower = name.lower()
        constant = _CONSTANTS.get(lower, _NOCONST)
        if constant is not _NOCONST:
            return const_expr(constant)
        if lower == "args" and self.scope.locals is not None and "args" in self.scope.locals:
            var = self.scope.locals["args"]  # a function's or script block's arguments past its parameters
            return Expr(var.py, P_ATOM, var.type)
        if lower == "args" and self.scope.locals is None:
            if self.script_params:
                return Expr("[]", P_ATOM, list_of(UNKNOWN))  # argparse refuses what param() does not take
            self.out.need("mod", "sys")
            return Expr("sys.argv[1:]", P_ATOM, list_of(STR))  # the script's own arguments
        if ":" not in name and lower not in R.AUTOMATIC_VARIABLES and lower not in ("_", "psitem"):
            try:
                var = self.scope.var(name, node)  # the common case: a plain script variable
            except Unsupported:
                if _may_be_assigned(self.source, name) or b"set-strictmode" in self.source.lower():
                    # Assigned further on (a loop may come back to this read), or an error in strict mode.
                    raise
                self.out.warn(node, f"${name} is never assigned: read as $null, as PowerShell reads it")
                return const_expr(None)
            return Expr(var.py, P_ATOM, var.type)
        if _bare_name(name).lower() in R.PREFERENCE_VARIABLES:
            return self._ps("preferences.get", const_expr(_bare_name(name)))
        if lower in ("_", "psitem"):
            if not self.underscore:
                raise Unsupported(node, f"unsupported: ${name} outside a catch block or script block")
            ctx = self.underscore[-1]
            if isinstance(ctx, str):
                return Expr(ctx, P_ATOM, UNKNOWN)
            ctx.used = True
            if ctx.general:
                if ctx.record is None:
                    ctx.record = self.scope.fresh("error")
                self.out.need("ps", "pscompat")
                return Expr(ctx.record, P_ATOM, T(Kind.UNKNOWN, cls=("error_record",)))
            return Expr(ctx.name, P_ATOM, T(Kind.EXCEPTION, cls=()))
        if lower == "matches":
            return Expr(self._matches_var(), P_ATOM, UNKNOWN)
        if lower == "pid":
            self.out.need("mod", "os")
            return Expr("os.getpid()", P_ATOM, INT)
        if lower == "home":
            self.out.need("mod", "os")
            return Expr('os.path.expanduser("~")', P_ATOM, STR)
        if lower == "pwd":
            self.out.need("mod", "os")
            return Expr("os.getcwd()", P_ATOM, STR)
        if lower == "psscriptroot":
            self.out.need("mod", "os")
            return Expr("os.path.dirname(os.path.abspath(__file__))", P_ATOM, STR)
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
        has_code = False
        for child in node.children:
            if not child.is_named:
                continue
            c_start, c_end = child.start_byte - base, child.end_byte - base
            # The blanks the grammar counts into a $variable's node are the string's own text.
            c_start += len(data[c_start:c_end]) - len(data[c_start:c_end].lstrip())
            if c_start < start or c_end > end:
                continue
            parts.append((False, _unescape(data[pos:c_start].decode("utf-8", "replace"), here)))
            piece = self._interpolation(child)
            has_code = has_code or piece[0]
            parts.append(piece)
            pos = c_end
        parts.append((False, _unescape(data[pos:end].decode("utf-8", "replace"), here)))
        parts = [p for p in parts if p[1] or p[0]]
        if not has_code:
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
        if value.type.kind == Kind.EXCEPTION and value.type.cls == ():
            # "$_" of a caught error: its details (an HTTP error's body) when it has them, as ErrorRecord.ToString.
            return True, self._ps("text", self._ps("error_record", value)).code
        if value.const is not _NOCONST:
            return False, self._as_text(value).const
        if value.type.kind in (Kind.STR, Kind.INT, Kind.BOOL) and not value.loose:
            return True, value.code if value.prec > P_TERNARY else f"({value.code})"
        return True, self._as_text(value).code

    def expr_array_expression(self, node: Node) -> Expr:
        """``@( ... )``: a list (a list inside is copied, not nested)."""
        statements = node.child_by_field_name("statements")
        kids = self._kids(statements) if statements is not None else []
        if not kids:
            return Expr("[]", P_ATOM, list_of(UNKNOWN), items=[])
        if len(kids) != 1 or kids[0].type != "pipeline":
            values = self._simple_values(kids)
            if values is not None:
                return list_expr(values)
            return self._ps("as_array", self._value_of_block(lambda indent: self._statements(kids, indent)))
        value = self._pipeline_value(kids[0])
        if value.items is not None:
            return value
        if value.generator is not None:
            # What a function wrote, object by object (an array it wrote as one object stays one item).
            return self._ps("written", value.generator, type=list_of(UNKNOWN))
        if value.const is None and not value.loose:
            # @($null) holds one $null; what a command that wrote nothing gives (PowerShell's AutomationNull,
            # None here too) holds none: only the literal is known to be the first.
            return list_expr([value])
        kind = value.type.kind
        if kind == Kind.LIST:
            return call("list", [("", value)], value.type)
        if kind in (Kind.UNKNOWN, Kind.JSON, Kind.NONE) or value.loose:
            return self._ps("as_array", value, type=list_of(UNKNOWN))
        return list_expr([value])

    def expr_array_literal_expression(self, node: Node) -> Expr:
        """``a, b, c``: a list."""
        return list_expr([self._argument(k) for k in self._kids(node)])

    def expr_hash_literal_expression(self, node: Node) -> Expr:
        """``@{ key = value; ... }``: a ``ps.Hashtable`` (keys in any case, missing keys ``None``); inside a
        package function's argument, a plain dict like the argument itself."""
        return self._hash_literal(node, None if self.plain_dicts else "Hashtable")

    def _hash_literal(self, node: Node, cls: str | None) -> Expr:
        """A hashtable literal as ``ps.<cls>({...})`` (Hashtable, PSObject) or a plain dict (cls None);
        its keys are remembered for member access and splatting."""
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
            if value_node.type in _STATEMENT_VALUES:
                # @{ Note = if (...) { a } else { b } }: the statement's output, as PowerShell takes it.
                statement = value_node

                def write(indent: str, statement: Node = statement) -> None:
                    self._statements([statement], indent)

                value = self._value_of_block(write)
            else:
                value = self._pipeline_value(value_node)
            lowered = str(key).lower()
            if lowered in keys:
                raise Unsupported(key_node, f"duplicate key '{key}' in hashtable")
            keys[lowered] = (str(key), value.type)
            key_code = py_str(key) if isinstance(key, str) else str(key)
            entries.append((key_code + ": ", value))
        code = "{" + ", ".join(p + v.code for p, v in entries) + "}"
        t = T(Kind.DICT, keys=keys, cls=cls)
        if cls is not None:
            self.out.need("ps", "pscompat")
            head = f"ps.{cls}({{"
            return Expr(f"{head[:-1]}{code})", P_ATOM, t, split=(head, entries, "})") if entries else None)
        return Expr(code, P_ATOM, t, split=("{", entries, "}") if entries else None)

    def expr_member_access(self, node: Node) -> Expr:
        """``$a.b.c``: attribute, key or ApiException member, by what the translator knows of each value."""
        chain: list[tuple[str, Node]] = []
        base = node
        while base.type == "member_access":
            kids = self._kids(base)
            if any(c.type == "::" for c in base.children):
                if len(kids) == 2 and kids[0].type == "type_literal" and kids[1].type == "member_name":
                    chain.append(("", kids[1]))
                    base = kids[0]
                    break
                raise Unsupported(base, "unsupported: computed static member access")
            if len(kids) != 2 or kids[1].type != "member_name":
                raise Unsupported(base, "unsupported: computed member access")
            name_child = kids[1].child(0)
            chain.append(
                (_member_name(kids[1]) if name_child is not None and name_child.type == "simple_name" else "", kids[1])
            )
            base = _unwrap(kids[0])
        chain.reverse()
        if base.type == "type_literal":
            value = self._static(base, _member_name(chain[0][1]), None, chain[0][1])
            chain = chain[1:]
        else:
            value = self._expr(base)
        i = 0
        while i < len(chain):
            if value.type.kind == Kind.EXCEPTION:
                value, used = self._exception_member(value, [m for m, _ in chain[i:]], chain[i][1])
                i += used
                continue
            name, name_node = chain[i]
            record = (
                value.type.cls
                if isinstance(value.type.cls, tuple) and value.type.cls[:1] == ("error_record",)
                else None
            )
            if record is not None:
                path = (*record[1:], name.lower())
                if not name or not any(path[: len(known)] == known[: len(path)] for known in _RECORD_MEMBERS):
                    shown = ".".join([*record[1:], name])
                    raise Unsupported(
                        name_node, f"unsupported: $_.{shown} (the translation's error record has no such part)"
                    )
                value = self._member(value, name, name_node)
                if path[:3] != ("exception", "response", "headers"):
                    value.type = T(Kind.UNKNOWN, cls=("error_record", *path))
            elif name:
                value = self._member(value, name, name_node)
            else:
                # $obj.$name / $obj.($expr): the member named by a value, looked up at run time.
                computed = self._expr(_unwrap(self._kids(name_node)[0]))
                value = self._ps("member", value, self._as_text(computed))
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
                if code.startswith("ps."):
                    self.out.need("ps", "pscompat")
                if kind == "exception":
                    return Expr(code, P_ATOM, T(Kind.EXCEPTION, cls=prefix + tuple(lowered[:k]))), k
                # An HTTP status is an enum: its name as text, its number in arithmetic and with [int].
                types = {"str": STR, "int": INT, "headers": HEADERS, "details": T(Kind.DETAILS), "status": UNKNOWN}
                return Expr(code, P_ATOM, types[kind]), k
        what = ".".join(names)
        raise Unsupported(
            node, f"unsupported: $_.{'.'.join(prefix + (what,)) if prefix else what} (no ApiException counterpart)"
        )

    def _member(self, base: Expr, name: str, node: Node) -> Expr:
        """One member access ``.name`` on a translated value."""
        t = base.type
        lower = name.lower()
        if lower == "psobject" and t.kind not in (Kind.OBJECT, Kind.MODEL):
            # Every value's view of itself (.PSObject.Properties), never a key or property of that name.
            return self._ps("member", base, const_expr(name))
        if lower in _PROVIDER_NOTES and not (t.kind == Kind.DICT and lower in (t.keys or {})):
            # Get-Content's lines and Get-ChildItem's items carry these in PowerShell; the runtime's do not.
            raise Unsupported(node, f"unsupported: .{name} (a note property PowerShell's file cmdlets add)")
        if lower == "length" and t.kind == Kind.LIST and t.cls in ("List", "ArrayList") and not base.loose:
            # A List or an ArrayList has no Length (an array has): PowerShell reads each item's, as for any
            # member the collection has not.
            return self._ps("collect", self._ps("foreach_member", base, const_expr(name)))
        obj = wrap(base, P_ATOM)
        if t.kind == Kind.DICT and t.keys is None and t.cls != "PSObject" and lower in ("count", "keys", "values"):
            # A key of that name wins over the table's own property, as PowerShell reads it: which one it
            # is shows only at run time once the table's keys are not all known here.
            return self._ps("member", base, const_expr(name))
        table = t.kind == Kind.DICT and t.cls != "PSObject" and lower not in (t.keys or {})
        if not base.loose and (
            (lower in ("count", "length") and t.kind in (Kind.LIST, Kind.HEADERS))
            or (lower == "length" and t.kind == Kind.STR)
            or (lower == "count" and table)
        ):
            return call("len", [("", base)], INT)
        if lower in ("count", "length") and (
            t.kind not in (Kind.OBJECT, Kind.MODEL, Kind.DICT) or (t.kind == Kind.DICT and lower not in (t.keys or {}))
        ):
            if t.kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL) and not base.loose:
                return const_expr(1)  # one value counts as one item (its .Length too, but a string's)
            # An object's own Length property wins (a time span, say): only a string's or an array's is an int.
            known_int = lower == "count" or t.kind in (Kind.LIST, Kind.STR, Kind.HEADERS)
            return self._ps(lower, base, type=INT if known_int else UNKNOWN)
        if table and lower in ("keys", "values"):
            return call("list", [("", Expr(f"{obj}.{lower}()", P_ATOM))], list_of(UNKNOWN))
        if t.kind in (Kind.OBJECT, Kind.MODEL):
            found = self.cat.members(t.cls).get(normalize(name))
            if found is None:
                if t.kind == Kind.MODEL:
                    if lower in ("count", "length"):
                        return const_expr(1)  # one object counts as one
                    # A field the spec does not name (an answer's newer field) or none: $null when missing.
                    return self._ps("member", base, const_expr(name))
                raise Unsupported(node, f"{t.cls.__name__} has no member '{name}'")
            attr, mtype = found
            if mtype.kind == Kind.UNKNOWN and t.elem is not None:
                mtype = t.elem
            member = Expr(f"{obj}.{attr}", P_ATOM, mtype)
            # A model's field that the answer left out is UNSET, which PowerShell reads as $null.
            member.loose = t.kind == Kind.MODEL or base.loose
            return member
        if t.kind == Kind.DICT:
            key, ktype = name, UNKNOWN
            if t.keys is not None:
                hit = t.keys.get(lower)
                if hit is not None:
                    key, ktype = hit
            return Expr(f"{obj}[{py_str(key)}]", P_ATOM, ktype)
        if t.kind == Kind.HEADERS:
            return Expr(f"{obj}[{py_str(name)}]", P_ATOM, STR)
        if t.kind in (Kind.UNKNOWN, Kind.JSON, Kind.LIST, Kind.DETAILS, Kind.NONE) or (
            base.loose and t.kind not in (Kind.MODEL, Kind.OBJECT)
        ):
            # Parsed JSON, a pipeline item, an array (member enumeration): PowerShell's rules at run time.
            if base.code.startswith("ps.member(") and base.split is not None:
                return ps_call(self.out, "member", [*base.split[1], ("", const_expr(name))])
            return self._ps("member", base, const_expr(name))
        if t.kind == Kind.STR:
            raise Unsupported(node, f"unsupported: .{name} of a string")
        raise Unsupported(node, f"unsupported: .{name} on a {t.kind} value")

    def expr_element_access(self, node: Node) -> Expr:
        """``$a[i]`` (and ``$Configuration["BaseUrl"]``, which is a member)."""
        kids = self._kids(node)
        if len(kids) != 2:
            raise Unsupported(node, "unsupported: element access")
        base = self._expr(kids[0])
        index_node = _unwrap(kids[1])
        index = self._expr(index_node)
        t = base.type
        if t.kind == Kind.DICT and t.cls is not None:
            return Expr(f"{wrap(base, P_ATOM)}[{index.code}]", P_ATOM, UNKNOWN)  # keys in any case, missing is None
        if isinstance(index.const, str) and t.kind in (Kind.OBJECT, Kind.MODEL):
            return self._member(base, index.const, index_node)
        if t.kind == Kind.EXCEPTION:
            raise Unsupported(node, f"unsupported: indexing a {t.kind} value")
        if t.kind not in (Kind.OBJECT, Kind.HEADERS) or base.loose:
            # Out of range is $null, negative counts from the end, an array of indexes picks several.
            return self._ps("index", base, index)
        return Expr(f"{wrap(base, P_ATOM)}[{index.code}]", P_ATOM, STR if t.kind == Kind.HEADERS else UNKNOWN)

    def expr_invokation_expression(self, node: Node) -> Expr:
        """``$x.Method(args)`` (plain Python for a string's common methods, else ``ps.invoke``) and
        ``[Type]::Method(args)`` (``ps.static``; ``[List[T]]::new()`` is a list)."""
        target = next((c for c in node.children if c.is_named and c.type not in ("member_name", "argument_list")), None)
        name_node = next((c for c in node.children if c.type == "member_name"), None)
        arg_list = next((c for c in node.children if c.type == "argument_list"), None)
        if target is None or name_node is None:
            raise Unsupported(node, "unsupported: method call")
        name = _member_name(name_node)
        if target.type == "variable" and _text(target).lower() == "$pscmdlet":
            return self._pscmdlet_call(name, arg_list, node)
        if target.type == "type_literal" and name.lower() == "tryparse":
            return self._try_parse(target, arg_list, node)
        args = self._call_arguments(arg_list)
        if target.type == "type_literal":
            return self._static(target, name, args, node)
        base = self._expr(target)
        return self._method(base, name, args, node, target)

    def _method_call(self, target: Node, arguments: Node) -> Expr:
        """``(value).Method(args)`` written as a command argument."""
        target = _unwrap(target)
        kids = self._kids(target) if target.type == "member_access" else []
        if len(kids) != 2 or kids[1].type != "member_name":
            raise Unsupported(target, "unsupported: a call in a command argument")
        name = _member_name(kids[1])
        args = self._call_arguments(arguments)
        if kids[0].type == "type_literal":
            return self._static(kids[0], name, args, target)
        base_node = _unwrap(kids[0])
        return self._method(self._expr(base_node), name, args, target, base_node)

    def _pscmdlet_call(self, name: str, arg_list: Node | None, node: Node) -> Expr:
        """``$PSCmdlet.ShouldProcess(target[, action])`` in a function with SupportsShouldProcess: True, or
        with -WhatIf the "What if:" line and False, as PowerShell does without a prompt."""
        if self.should_process is None or name.lower() != "shouldprocess":
            raise Unsupported(node, f"unsupported: $PSCmdlet.{name}")
        command, what_if, confirm = self.should_process
        args = self._call_arguments(arg_list)
        if not 1 <= len(args) <= 2:
            raise Unsupported(node, "unsupported: ShouldProcess with these arguments")
        return self._ps(
            "should_process", const_expr(command), Expr(what_if, P_ATOM), Expr(confirm, P_ATOM), *args, type=BOOL
        )

    def _try_parse(self, type_node: Node, arg_list: Node | None, node: Node) -> Expr:
        """``[int]::TryParse($text, [ref]$n)`` (int, long, double, datetime, guid, bool): True or False, and
        ``$n`` set to the value (or the type's default), as .NET's out parameter does."""
        raw = re.sub(r"^\[\s*|\s*\]$", "", _text(type_node).strip()).lower().removeprefix("system.")
        kind = {"int": "int", "int32": "int", "long": "long", "int64": "long", "double": "double",
                "datetime": "datetime", "guid": "guid", "bool": "bool", "boolean": "bool"}.get(raw)  # fmt: skip
        groups = self._kids(arg_list) if arg_list is not None else []
        nodes = [a for g in groups for a in (self._kids(g) if g.type == "argument_expression_list" else [g])]
        ref = _unwrap(nodes[-1]) if nodes else None
        kids = self._kids(ref) if ref is not None and ref.type == "cast_expression" else []
        if len(nodes) == 4 and kind in ("int", "long", "double") and _invariant_number_style(nodes[1], nodes[2], kind):
            nodes = [nodes[0], nodes[3]]  # (text, NumberStyles, InvariantCulture, [ref]n): the runtime's own rules
        if kind is None or len(nodes) != 2 or len(kids) != 2 or _type_name(kids[0]) != "ref":
            raise Unsupported(node, f"unsupported: {_text(node)[:60]}")
        target = _unwrap(kids[1])
        if target.type != "variable" or _text(target).lower() in ("$_", "$psitem"):
            raise Unsupported(node, "unsupported: [ref] of something other than a variable")
        if self.underscore and isinstance(self.underscore[-1], str) and not self.underscore[-1].startswith("("):
            # In a script block (a Python lambda) the variable could not be set from inside it.
            raise Unsupported(node, "unsupported: TryParse with [ref] inside a script block")
        value = self._expr(nodes[0])
        name = _variable_name(target)
        self.scope.check(name, target, write=True)
        var = self.scope.var(_bare_name(name), target, assign=UNKNOWN)
        result = self.scope.fresh("parsed")
        self.out.need("ps", "pscompat")
        # One expression: the value goes to the variable, the expression is whether it parsed.
        code = f"(({var.py} := ({result} := ps.try_parse({py_str(kind)}, {value.code})).value), {result}.ok)[1]"
        return Expr(code, P_ATOM, BOOL)

    def _call_arguments(self, arg_list: Node | None) -> list[Expr]:
        """The arguments of a .NET call ``(a, b)``."""
        if arg_list is None:
            return []
        values: list[Expr] = []
        for group in self._kids(arg_list):
            for arg in self._kids(group) if group.type == "argument_expression_list" else [group]:
                values.append(self._expr(arg))
        return values

    def _static(self, type_node: Node, name: str, args: list[Expr] | None, node: Node) -> Expr:
        """``[Type]::Member`` (``args`` None) or ``[Type]::Method(args)``."""
        from ..pscompat._exceptions import known_exception
        from ..pscompat._methods import static_key

        raw = re.sub(r"^\[\s*|\s*\]$", "", _text(type_node).strip())
        lower = re.sub(r"\s+", "", raw.lower()).removeprefix("system.")
        if name.lower() == "new" and args is not None:
            if re.fullmatch(r"collections\.generic\.list\[.*\]", lower) and not args:
                return Expr("[]", P_ATOM, T(Kind.LIST, elem=UNKNOWN, cls="List"), items=[])
            if lower == "collections.arraylist" and not args:
                # ArrayList.Add returns the new item's index, which PowerShell writes out unless discarded.
                return Expr("[]", P_ATOM, T(Kind.LIST, elem=UNKNOWN, cls="ArrayList"), items=[])
            collection = re.fullmatch(r"collections\.(?:generic\.)?(queue|stack|hashset)(?:\[(.+)\])?", lower)
            if collection is not None and (collection.group(2) is not None or collection.group(1) != "hashset"):
                kind, element = collection.group(1), collection.group(2)
                given = const_expr(element.removeprefix("system.") if element else None)
                return self._ps("new_collection", const_expr(kind), given, *args)
            if lower in ("collections.hashtable", "hashtable") and not args:
                self.out.need("ps", "pscompat")
                return Expr("ps.Hashtable()", P_ATOM, T(Kind.DICT, keys=None, cls="Hashtable"))
            if lower in ("text.stringbuilder", "datetimeoffset", "timespan"):
                return self._ps("static", const_expr(lower), const_expr("new"), *args)
            exception = known_exception(raw)
            if exception is not None:
                return self._ps("new_exception", const_expr(exception), *args, type=T(Kind.EXCEPTION, cls=()))
            raise Unsupported(node, f"unsupported: [{raw}]::new()")
        if static_key(raw, name) is None:
            raise Unsupported(node, f"unsupported: [{raw}]::{name}")
        result = {
            ("math", "round"): FLOAT,
            ("string", "isnullorempty"): BOOL,
            ("string", "isnullorwhitespace"): BOOL,
            ("string", "join"): STR,
            ("string", "format"): STR,
            ("io.path", "gettemppath"): STR,
            ("io.path", "combine"): STR,
            ("io.path", "getfilename"): STR,
            ("io.path", "getextension"): STR,
        }.get(static_key(raw, name) or ("", ""), UNKNOWN)
        return self._ps("static", const_expr(raw), const_expr(name), *(args or []), type=result)

    def _method(self, base: Expr, name: str, args: list[Expr], node: Node, target: Node) -> Expr:
        """A .NET instance method call on a translated value."""
        lower = name.lower()
        if lower == "getnewclosure" and not args:
            if base.type.kind != Kind.BLOCK:
                raise Unsupported(node, "unsupported: GetNewClosure() of something other than a script block")
            # The variables the block reads are frozen as they are now (a Python function reads them when called).
            return self._ps("new_closure", base, type=BLOCK)
        kind = base.type.kind
        obj = wrap(base, P_ATOM)
        if kind == Kind.STR and not base.loose:
            plain = _STRING_METHODS.get((lower, len(args)))
            exact = all(a.type.kind == Kind.STR and not a.loose for a in args)
            if lower == "replace" and not (isinstance(args[0].const, str) and args[0].const):
                exact = False  # .NET refuses to replace "" (Python would insert between every character)
            if plain is not None and exact:
                template, rtype = plain
                if lower == "contains":
                    return Expr(f"{wrap(args[0], P_BOR)} in {obj}", P_CMP, BOOL)
                return Expr(template.format(obj, *(a.code for a in args)), P_ATOM, rtype)
        if kind == Kind.DICT and lower == "containskey" and len(args) == 1:
            return Expr(f"{wrap(args[0], P_BOR)} in {obj}", P_CMP, BOOL)
        if kind == Kind.LIST and base.type.cls == "array" and lower in ("add", "remove", "insert", "removeat"):
            # A PowerShell array has a fixed size: PowerShell raises this error (a List would grow).
            return self._ps("fixed_size", const_expr(name), const_expr(len(args)), type=NONE, stmt=True)
        if kind == Kind.LIST and lower == "add" and len(args) == 1:
            if base.type.cls == "ArrayList":
                return self._ps("array_list_add", base, args[0], type=INT)
            return Expr(f"{obj}.append({args[0].code})", P_ATOM, NONE, stmt=True)
        if kind == Kind.DICT and lower in ("add", "remove", "clear") and target.type == "variable":
            self._forget_keys(target)
        if kind in (Kind.MODEL, Kind.OBJECT) and not base.loose:
            found = self.cat.members(base.type.cls).get(normalize(name))
            if found is not None:
                return call(f"{obj}.{found[0]}", [("", a) for a in args], UNKNOWN)
        rtype = {"tostring": STR, "trim": STR, "toupper": STR, "tolower": STR, "substring": STR, "replace": STR}.get(
            lower, UNKNOWN
        )
        stmt = lower in ("add", "remove", "clear", "insert", "removeat", "addrange") and kind == Kind.LIST
        # A hashtable's Add, Remove and Clear write nothing (void in .NET), and so does any Add of a key and a
        # value (a dictionary's) or any Clear; left on the pipeline, their None would be written.
        stmt = stmt or (kind == Kind.DICT and lower in ("add", "remove", "clear"))
        stmt = stmt or (
            kind == Kind.UNKNOWN and ((lower == "add" and len(args) == 2) or (lower == "clear" and not args))
        )
        # The void methods of a Queue, Stack or HashSet (no other type's method of that name returns a value).
        stmt = stmt or (kind == Kind.UNKNOWN and lower in _VOID_COLLECTION_METHODS)
        if kind == Kind.LIST and base.type.cls == "List" and lower == "remove":
            # A List's Remove tells whether the item was there (PowerShell writes it); an ArrayList's is void.
            stmt, rtype = False, BOOL
        return self._ps("invoke", base, const_expr(name), *args, type=rtype, stmt=stmt)

    def _forget_keys(self, target: Node) -> None:
        """A hashtable variable changed after its literal: its keys are no longer all known here."""
        key = _bare_name(_variable_name(target)).lower()
        scope = self.scope.locals if self.scope.locals is not None and key in self.scope.locals else self.scope.globals
        var = scope.get(key)
        if var is not None and var.type.kind == Kind.DICT and var.type.keys is not None:
            self.scope.retype(scope, key, T(Kind.DICT, keys=None, cls=var.type.cls))

    def expr_cast_expression(self, node: Node) -> Expr:
        """``[int]``, ``[string]``, ``[double]``, ``[bool]``, ``[ordered]``, ``[pscustomobject]``, ``[void]``,
        arrays ... with PowerShell's conversions (``[int]`` rounds half to even, from text too)."""
        kids = self._kids(node)
        if len(kids) != 2 or kids[0].type != "type_literal":
            raise Unsupported(node, "unsupported: cast")
        type_name = _type_name(kids[0])
        action = R.CASTS.get(type_name)
        operand_node = _unwrap(kids[1])
        if action == "dict_literal":
            if operand_node.type != "hash_literal_expression" and type_name == "pscustomobject":
                # [pscustomobject]$table: an object with the table's keys as properties, in its order.
                return self._ps("cast", self._expr(operand_node), const_expr("pscustomobject"))
            if operand_node.type != "hash_literal_expression":
                raise Unsupported(node, f"unsupported: [{type_name}] of something else than @{{...}}")
            cls = "PSObject" if type_name == "pscustomobject" else "OrderedHashtable"
            return self._hash_literal(operand_node, cls)
        value = self._expr(operand_node)
        kind = value.type.kind
        exact = not value.loose
        if action == "int" and type_name in ("long", "int64"):
            # An Int64 of the runtime's: its sums and products overflow at Int64, and GetType() reads Int64.
            return self._ps("to_int", value, const_expr("long"), type=LONG)
        if action == "int":
            if kind == Kind.INT and exact:
                return value
            if isinstance(value.const, (int, float, str)) and not isinstance(value.const, bool):
                from ..pscompat import to_int

                try:
                    return const_expr(to_int(value.const))
                except Exception:  # noqa: BLE001 - PowerShell's error then happens at run time
                    pass
            return self._ps("to_int", value, type=INT)
        if action == "str":
            return self._as_text(value)
        if action == "float":
            if kind == Kind.FLOAT and exact:
                return value
            if kind == Kind.INT and exact:
                return (
                    const_expr(float(value.const))
                    if isinstance(value.const, int)
                    else call("float", [("", value)], FLOAT)
                )
            return self._ps("to_double", value, type=FLOAT)
        if action == "bool":
            if kind == Kind.BOOL and not value.loose:
                return value
            if isinstance(value.const, (str, int, float)) or value.const is None:
                from ..pscompat import truthy

                return const_expr(truthy(value.const))
            if kind in (Kind.STR, Kind.INT, Kind.FLOAT) and not value.loose:
                return call("bool", [("", value)], BOOL)
            return self._ps("truthy", value, type=BOOL)
        if action == "dict":
            if kind == Kind.DICT:
                return value
            return self._ps("cast", value, const_expr("hashtable"), type=T(Kind.DICT, keys=None, cls="Hashtable"))
        if action == "list":
            if kind == Kind.LIST and type_name in ("array", "object[]"):
                return value
            if type_name in ("array", "object[]"):
                return self._ps("as_array", value, type=list_of(UNKNOWN))
            elem = {"string[]": STR, "int[]": INT}.get(type_name, UNKNOWN)
            return self._ps("cast", value, const_expr(type_name), type=list_of(elem))
        if action == "any":
            return value
        if type_name == "collections.arraylist" and kind == Kind.LIST and exact:
            # A new ArrayList of the items (the same one when it is one already): its Add gives an index.
            if value.type.cls == "ArrayList":
                return value
            code = value.code if value.items is not None else f"list({value.code})"
            return Expr(code, P_ATOM, T(Kind.LIST, elem=value.type.elem, cls="ArrayList"))
        if action == "void":
            return Expr(value.code, value.prec, NONE, stmt=True, split=value.split)
        from ..pscompat._convert import castable

        if castable(type_name):
            # [datetime], [timespan], [guid], [char], [System.StringSplitOptions]'A, B'...: as the runtime converts.
            return self._ps("cast", value, const_expr(type_name))
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
            return Expr(f"not {wrap(self._truth(operand), P_NOT)}", P_NOT, BOOL)
        if op == "-":
            if isinstance(operand.const, (int, float)) and not isinstance(operand.const, bool):
                return Expr("-" + operand.code, P_UNARY, operand.type, -operand.const)
            if operand.type.kind in (Kind.INT, Kind.FLOAT) and not operand.loose:
                return Expr(f"-{wrap(operand, P_UNARY)}", P_UNARY, operand.type)
            return self._ps("neg", operand)
        if op == "+":
            return operand
        if op == ",":
            return list_expr([operand])
        if op == "-split":
            return self._ps("split", operand, type=list_of(STR))
        if op == "-join":
            return self._ps("join", operand, type=STR)
        raise Unsupported(node, f"unsupported: operator {op_node.type}")

    def expr_logical_expression(self, node: Node) -> Expr:
        """``-and``, ``-or``, ``-xor``; and ``c ? a : b``, which the grammar repair spells with marked ``-and``
        and ``-or`` (they bind as loosely as the ternary operator does)."""
        if self.operator_marks:
            chain = self._logical_chain(node)
            if any(mark for _, _, mark in chain[1:]):
                return self._logical_parts(chain, node)
        left_node, op, right_node = self._binary(node)
        return self._logical(self._expr(left_node), op, self._expr(right_node), node)

    def _logical_chain(self, node: Node) -> list[tuple[str, Node, str | None]]:
        """A left-nested chain of ``-and``/``-or``/``-xor`` as [(op, operand, mark)], the first op empty."""
        if sum(1 for c in node.children if c.type != "comment") == 1:
            return [("", node, None)]  # a wrapper around one operand
        left_node, op, right_node = self._binary(node)
        mark = self.operator_marks.get(self._operator_start(node))
        head = self._logical_chain(left_node) if left_node.type == "logical_expression" else [("", left_node, None)]
        return [*head, (op, right_node, mark)]

    def _logical_parts(self, chain: list[tuple[str, Node, str | None]], node: Node) -> Expr:
        """A chain of logical operands, its ternary operators first: ``c ? a : b`` is ``a if c else b`` (each
        branch's value as it is, an array not unrolled; only the branch chosen is evaluated)."""
        question = next((i for i, (_, _, mark) in enumerate(chain) if mark == "?"), None)
        if question is None:
            if any(mark == ":" for _, _, mark in chain):
                raise Unsupported(node, "syntax error")
            value = self._expr(chain[0][1])
            for op, operand, _ in chain[1:]:
                value = self._logical(value, op, self._expr(operand), node)
            return value
        nested = 0
        for colon in range(question + 1, len(chain)):
            mark = chain[colon][2]
            if mark == "?":
                nested += 1
            elif mark == ":":
                if nested == 0:
                    break
                nested -= 1
        else:
            raise Unsupported(node, "syntax error")
        condition = self._truth(self._logical_parts(chain[:question], node))
        chosen = self._logical_parts([("", chain[question][1], None), *chain[question + 1 : colon]], node)
        other = self._logical_parts([("", chain[colon][1], None), *chain[colon + 1 :]], node)
        test = condition if condition.type.kind == Kind.BOOL else self._ps("truthy", condition, type=BOOL)
        return Expr(
            f"{wrap(chosen, P_OR)} if {wrap(test, P_OR)} else {wrap(other, P_TERNARY)}",
            P_TERNARY,
            common_type([chosen.type, other.type]),
        )

    def _logical(self, left: Expr, op: str, right: Expr, node: Node) -> Expr:
        """``left -and/-or/-xor right``, as booleans."""
        py = R.LOGICAL.get(op)
        if py is None:
            raise Unsupported(node, f"unsupported: operator {op}")
        left, right = self._truth(left), self._truth(right)
        if left.type.kind != Kind.BOOL:
            left = call("bool", [("", left)], BOOL)
        if right.type.kind != Kind.BOOL:
            right = call("bool", [("", right)], BOOL)
        if py == "xor":
            return Expr(f"{wrap(left, P_BOR)} != {wrap(right, P_BOR)}", P_CMP, BOOL)
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
        """An arithmetic operation with PowerShell's rules: plain Python where both sides are numbers (or
        text on the left), else ``ps.add``/``sub``/``mul``/``div``/``mod`` (``2 + "3"`` is 5, ``"2" + 3`` is "23",
        ``9000 / 3`` stays an integer)."""
        if op not in R.ARITHMETIC:
            raise Unsupported(node, f"unsupported: operator {op}")
        lk = left.type.kind if not left.loose else Kind.UNKNOWN
        rk = right.type.kind if not right.loose else Kind.UNKNOWN
        numbers = (Kind.INT, Kind.FLOAT)
        prec = P_ADD if op in "+-" else P_MUL
        func = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod"}[op]
        folded: Any = _NOCONST
        if _is_number(left.const) and _is_number(right.const):
            from .. import pscompat

            try:
                # PowerShell's arithmetic: 900 / 60 is 15, 70000 * 70000 a double.
                folded = getattr(pscompat, func)(left.const, right.const)
            except pscompat.ScriptError:
                pass  # PowerShell's error then happens when the script runs
        plain = None
        if LONG.cls in (left.type.cls, right.type.cls) and op in "+-*":
            pass  # the runtime keeps an Int64 one (Python's own int would not say it is one)
        elif lk in numbers and rk in numbers and op in "+-*":
            plain = INT if lk == rk == Kind.INT else FLOAT
        elif lk in numbers and rk in numbers and op == "/" and Kind.FLOAT in (lk, rk):
            plain = FLOAT
        elif op == "+" and lk == Kind.STR:
            right = self._as_text(right)
            plain = STR
        elif op == "*" and lk == Kind.STR and rk == Kind.INT:
            plain = STR
        elif op == "+" and lk == Kind.LIST and rk == Kind.LIST:
            plain = left.type
        elif op == "+" and lk == Kind.LIST and right.type.scalar and not right.loose:
            right = list_expr([right])
            plain = left.type
        if folded is not _NOCONST and (plain is None or type(folded) is not (int if plain == INT else float)):
            return const_expr(folded)  # where Python's own result would differ (an Int32 overflow)
        if plain == INT and op == "*" and folded is _NOCONST:
            # A product of Int32s overflows soon (days * 86400000): PowerShell makes it a double then.
            return self._ps(func, left, right)
        if plain is not None:
            return Expr(f"{wrap(left, prec)} {op} {wrap(right, prec + 1)}", prec, plain)
        return self._ps(func, left, right)

    def expr_comparison_expression(self, node: Node) -> Expr:
        """``-eq``/``-ne``/..., ``-like``, ``-match``, ``-replace``, ``-split``, ``-join``, ``-contains``, ``-in``,
        ``-is``/``-isnot`` and their c/i variants, with PowerShell's conversions and case rules."""
        left_node, op, right_node = self._binary(node)
        name = op.lstrip("-")
        case_sensitive = False
        if name not in _COMPARISON_NAMES and name[:1] in ("c", "i") and name[1:] in _COMPARISON_NAMES:
            case_sensitive = name[0] == "c"
            name = name[1:]
        mark = self.operator_marks.get(self._operator_start(node)) if self.operator_marks else None
        if name == "shr" and mark == "??":
            return self._coalesce(left_node, right_node)
        if name in ("shl", "shr") and not case_sensitive:
            shifted = _unwrap(left_node)
            if shifted.type == "cast_expression" and _text(shifted).lower().startswith(
                ("[long]", "[int64]", "[system.int64]")
            ):
                # The runtime shifts a value as an Int32 when it fits one; an Int64 shifts by more bits.
                raise Unsupported(node, f"unsupported: {op} of an Int64")
            left, right = self._expr(left_node), self._expr(right_node)
            return self._ps("bitwise", const_expr(name), left, right, type=INT)
        if mark == "case":
            case_sensitive = True  # -cin / -cnotin, respelled for the grammar
        if name not in _COMPARISON_NAMES:
            raise Unsupported(node, f"unsupported: operator {op}")
        if name in ("as", "is", "isnot"):
            return self._type_test(name, left_node, right_node)
        left, right = self._expr(left_node), self._argument_of(right_node)
        case = [("case=", const_expr(True))] if case_sensitive else []
        if name in R.COMPARISONS:
            return self._compare(left, name, right, case_sensitive)
        negate = name.startswith("not")
        base = name[3:] if negate else name
        # One value (a model's field may be unset: still never an array) gives a bool, an array filters.
        scalar = left.type.kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL)
        if base in ("contains", "in"):
            test = ps_call(
                self.out, "contains" if base == "contains" else "in_", [("", left), ("", right), *case], BOOL
            )
            return self._negate(test) if negate else test
        if base == "like":
            # An array on the left filters (-notlike keeps the items that do not match).
            func = "not_like" if negate else "like"
            return ps_call(self.out, func, [("", left), ("", right), *case], BOOL if scalar else UNKNOWN)
        if base == "match":
            if negate:
                # -notmatch fills $Matches as -match does when the text matches (the result is then false).
                matches = Expr(self._matches_var(), P_ATOM)
                args = [("", left), ("", right), ("", matches), *case]
                return ps_call(self.out, "not_match", args, BOOL if scalar else UNKNOWN)
            matches = Expr(self._matches_var(), P_ATOM)
            args = [("", left), ("", right), ("", matches), *case]
            return ps_call(self.out, "match", args, BOOL if scalar else UNKNOWN)
        if name == "replace":
            parts = right.items if right.items is not None else [right]
            if len(parts) > 2:
                raise Unsupported(right_node, "unsupported: -replace with more than a pattern and a replacement")
            args = [("", left), *[("", p) for p in parts], *case]
            return ps_call(self.out, "replace", args, STR if left.type.kind == Kind.STR else UNKNOWN)
        if name == "split":
            parts = right.items if right.items is not None else [right]
            if len(parts) > 2:
                raise Unsupported(right_node, "unsupported: -split with options")
            return ps_call(self.out, "split", [("", left), *[("", p) for p in parts], *case], list_of(STR))
        if name == "join":
            return ps_call(self.out, "join", [("", left), ("", right)], STR)
        raise Unsupported(node, f"unsupported: operator {op}")

    def _type_test(self, name: str, left_node: Node, right_node: Node) -> Expr:
        """``x -as [type]`` (the converted value, ``$null`` when it does not convert) and ``x -is [type]``."""
        type_node = _unwrap(right_node)
        if type_node.type != "type_literal":
            raise Unsupported(right_node, f"unsupported: -{name} with a type that is not written [like.this]")
        type_name = re.sub(r"^\[\s*|\s*\]$", "", _text(type_node).strip())
        from ..pscompat import ScriptError, as_type, is_type

        try:
            as_type(None, type_name) if name == "as" else is_type(0, type_name)
        except ScriptError:
            raise Unsupported(type_node, f"unsupported: -{name} [{type_name}]") from None
        value = self._expr(left_node)
        if name == "as":
            return self._ps("as_type", value, const_expr(type_name))
        test = self._ps("is_type", value, const_expr(type_name), type=BOOL)
        return test if name == "is" else Expr(f"not {test.code}", P_NOT, BOOL)

    @staticmethod
    def _operator_start(node: Node) -> int:
        """Where a binary node's operator starts in the source."""
        children = [c for c in node.children if c.type != "comment"]
        return children[1].start_byte if len(children) == 3 else -1

    def _argument_of(self, node: Node) -> Expr:
        """The right operand of an operator: ``'a', 'b'`` is a list (its items kept for ``-replace``)."""
        inner = _unwrap(node)
        if inner.type == "array_literal_expression":
            return list_expr([self._expr(k) for k in self._kids(inner)])
        return self._expr(inner)

    def _negate(self, test: Expr) -> Expr:
        """``-notlike``/``-notmatch``/``-notcontains``/``-notin``: the opposite (an array on the left filters)."""
        if test.type.kind == Kind.BOOL:
            return Expr(f"not {wrap(test, P_NOT)}", P_NOT, BOOL)
        raise Unsupported(0, "unsupported: a negated filter of an array")

    def _compare(self, left: Expr, name: str, right: Expr, case_sensitive: bool) -> Expr:
        """``-eq``/``-lt``/...: plain Python where both sides are known numbers or text (text without case
        unless case-sensitive, ``$null`` as ``is None``), else ``ps.compare`` with PowerShell's conversions."""
        op = R.COMPARISONS[name]
        lk = left.type.kind if not left.loose else Kind.UNKNOWN
        rk = right.type.kind if not right.loose else Kind.UNKNOWN
        scalars = (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.MODEL, Kind.OBJECT, Kind.DICT)
        if op in ("==", "!=") and (left.const is None or right.const is None):
            other, other_kind = (right, rk) if left.const is None else (left, lk)
            if left.const is None or other_kind in scalars:
                if not other.loose:
                    return Expr(f"{wrap(other, P_BOR)} {'is' if op == '==' else 'is not'} None", P_CMP, BOOL)
        numbers = (Kind.INT, Kind.FLOAT)
        if (lk in numbers and rk in numbers) or (lk == rk == Kind.BOOL and op in ("==", "!=")):
            return Expr(f"{wrap(left, P_BOR)} {op} {wrap(right, P_BOR)}", P_CMP, BOOL)
        if lk == Kind.STR and rk == Kind.STR:
            if not case_sensitive:
                left = self._folded(left)
                right = self._folded(right)
            return Expr(f"{wrap(left, P_BOR)} {op} {wrap(right, P_BOR)}", P_CMP, BOOL)
        args = [("", const_expr(name)), ("", left), ("", right)]
        if case_sensitive:
            args.append(("case=", const_expr(True)))
        result = ps_call(self.out, "compare", args, BOOL if lk in scalars or left.const is None else UNKNOWN)
        return result

    @staticmethod
    def _folded(e: Expr) -> Expr:
        """Text compared without case: a constant folded now, a value with ``casefold()``."""
        if isinstance(e.const, str):
            return const_expr(e.const.casefold())
        return Expr(f"{wrap(e, P_ATOM)}.casefold()", P_ATOM, STR)

    def _coalesce(self, left_node: Node, right_node: Node) -> Expr:
        """``a ?? b``: b (evaluated only then) when a is ``$null``."""
        left, right = self._expr(left_node), self._expr(right_node)
        if _unwrap(left_node).type == "variable" and not left.loose:
            return Expr(
                f"{wrap(left, P_TERNARY + 1)} if {left.code} is not None else {wrap(right, P_TERNARY + 1)}", P_TERNARY
            )
        return self._ps("coalesce", left, Expr(f"lambda: {right.code}", P_TERNARY))

    def expr_format_expression(self, node: Node) -> Expr:
        """``"..." -f a, b`` with .NET's composite formatting (alignment, ``{0:N2}``...): plain ``str.format``
        only where the template has nothing but ``{0}`` items of text or integers."""
        left_node, op, right_node = self._binary(node)
        if op != "-f":
            raise Unsupported(node, f"unsupported: operator {op}")
        template = self._expr(left_node)
        right_inner = _unwrap(right_node)
        if right_inner.type == "array_literal_expression":
            values = [self._argument(k) for k in self._kids(right_inner)]
        else:
            values = [self._expr(right_inner)]
        simple = isinstance(template.const, str) and all(
            item in ("{{", "}}") or re.fullmatch(r"\{\d+\}", item)
            for item in re.findall(r"\{\{|\}\}|\{[^{}]*\}?|\}", template.const)
        )
        if simple and all(v.type.kind in (Kind.STR, Kind.INT) and not v.loose for v in values):
            return call(f"{wrap(template, P_ATOM)}.format", [("", v) for v in values], STR)
        args = list_expr(values) if right_inner.type == "array_literal_expression" else values[0]
        return self._ps("format_string", template, args, type=STR)

    def expr_range_expression(self, node: Node) -> Expr:
        """``a..b``: every integer from a to b, both included (counting down when b is smaller)."""
        left_node, _, right_node = self._binary(node)
        start, end = self._expr(left_node), self._expr(right_node)
        if isinstance(start.const, int) and isinstance(end.const, int) and start.const <= end.const:
            return call("list", [("", call("range", [("", start), ("", const_expr(end.const + 1))]))], list_of(INT))
        return self._ps("range_", start, end, type=list_of(INT))

    def expr_script_block_expression(self, node: Node) -> Expr:
        """``{ ... }``: a callable of the pipeline item (``$_``); one expression is a lambda, statements a
        nested def whose output is what the block writes."""
        block = next((c for c in node.children if c.type == "script_block"), None)
        if block is None:
            raise Unsupported(node, "syntax error")
        if any(c.type == "named_block_list" for c in block.children):
            raise Unsupported(node, "unsupported: a script block with begin/process/end")
        self._warn_dynamic_reads(node)
        # One written on one line is the script block expression's own child.
        param_block = next((c for c in (*node.children, *block.children) if c.type == "param_block"), None)
        if param_block is not None or _READS_ARGS.search(node.text or b""):
            return self._script_block_with_params(block, param_block)
        body = next((c for c in block.children if c.type == "script_block_body"), None)
        statements: list[Node] = []
        if body is not None:
            for child in body.children:
                if child.type == "statement_list":
                    statements.extend(k for k in child.children if k.is_named)
                elif child.is_named:
                    statements.append(child)
        item = self.scope.fresh("item")
        self.underscore.append(item)
        try:
            code = [k for k in statements if k.type != "comment"]
            if len(code) == 1 and code[0].type == "pipeline" and not _is_assignment(code[0]):
                mark = self.out.mark()
                value = self._pipeline_value(code[0])
                if not value.stmt and self.out.mark()[0] == mark[0]:
                    # $_ is there when a pipeline calls the block; & or Measure-Command call it with nothing.
                    return Expr(f"lambda {item}=None: {value.code}", P_TERNARY, BLOCK)
                self.out.rollback(mark)
            name = self._nested_def([f"{item}=None"], lambda indent: self._statements(statements, indent))
            return Expr(name, P_ATOM, BLOCK)
        finally:
            self.underscore.pop()

    def _warn_dynamic_reads(self, node: Node) -> None:
        """A script block kept for later (in a variable or a table) reads its variables when it runs, from the
        scope that calls it: a function with a variable of that name gives it its own value. The translation
        reads the variable where the block is written; the warning names the functions where that differs."""
        holder = node.parent
        while holder is not None and holder.type in _VALUE_WRAPPERS:
            holder = holder.parent
        # Handed to one of the script's functions, it runs inside that function (a cmdlet or a method runs
        # it where it is written).
        called: str | None = None
        if holder is not None and holder.type == "command_elements" and holder.parent is not None:
            name_node = holder.parent.child_by_field_name("command_name")
            called = normalize(_text(name_node)) if name_node is not None else None
            if called not in self.functions:
                return
        elif holder is None or holder.type not in ("hash_entry", "assignment_expression"):
            return
        text = _text(node)
        own = {m.group(1).lower() for m in _ASSIGNED_VARIABLE.finditer(text)}
        for params in _descendants(node, "param_block"):
            own |= {m.group(1).lower() for m in _READ_VARIABLE.finditer(_text(params))}
        spelled = {m.group(1).lower(): m.group(1) for m in reversed(list(_READ_VARIABLE.finditer(text)))}
        reads = set(spelled) - own - _NOT_SCOPED
        if not reads:
            return
        enclosing = node.parent
        while enclosing is not None and enclosing.type != "function_statement":
            enclosing = enclosing.parent
        callers: list[str] = []
        for key, fn in self.functions.items():
            if (enclosing is not None and fn.node == enclosing) or (called is not None and key != called):
                continue
            locals_ = {m.group(1).lower() for m in _ASSIGNED_VARIABLE.finditer(_text(fn.node))}
            locals_ |= {p.name.lower() for p in fn.params}
            hit = sorted(reads & locals_)
            if hit:
                name = _text(next(c for c in fn.node.children if c.type == "function_name"))
                callers.append(f"{name} (${', $'.join(spelled[h] for h in hit)})")
        if callers:
            self.out.warn(
                node,
                f"a script block {'given to a function' if called else 'kept for later'} reads its variables when "
                "it runs, from the scope that calls it: "
                f"called from {' or '.join(callers)}, PowerShell would give it that function's own variable, "
                "where this translation reads the one where the block is written",
            )

    def _script_block_with_params(self, block: Node, param_block: Node | None) -> Expr:
        """``{ param($a, $b) ... }`` (or a block reading ``$args``), called with ``&``: a nested def of those
        parameters, and of ``*args`` for the arguments past them, its variables its own (PowerShell runs it
        in a child scope)."""
        names: list[str] = []
        #: Per parameter: the type it converts to ([int]$Attempt), and its default (a constant), if any.
        types: list[str | None] = []
        defaults: list[str] = []
        for sp in _descendants(param_block, "script_parameter") if param_block is not None else []:
            type_name = None
            for attrs in (c for c in sp.children if c.type == "attribute_list"):
                for attr in (c for c in attrs.children if c.is_named):
                    literal = next((c for c in attr.children if c.type == "type_literal"), None)
                    if literal is None or type_name is not None:
                        raise Unsupported(sp, "unsupported: a script block parameter with an attribute")
                    type_name = _type_name(literal)
            default = next((c for c in sp.children if c.type == "script_parameter_default"), None)
            value = self._expr(next(c for c in default.children if c.is_named)) if default is not None else None
            if value is not None and value.const is _NOCONST:
                raise Unsupported(sp, "unsupported: a script block parameter whose default is not a constant")
            var = next((c for c in sp.children if c.type == "variable"), None)
            if var is None:
                raise Unsupported(sp, "syntax error")
            names.append(_variable_name(var))
            types.append(type_name)
            defaults.append(value.code if value is not None else "None")
        body = next((c for c in block.children if c.type == "script_block_body"), None)
        statements: list[Node] = []
        for child in body.children if body is not None else []:
            if child.type == "statement_list":
                statements.extend(k for k in child.children if k.is_named)
            elif child.is_named:
                statements.append(child)
        def_name = self.scope.fresh("_block")
        outer = self.scope.enter_function()
        try:
            with self.walking(catches=[], loops=0, underscore=[], return_word="return"):
                params = [self.scope.new_param(name, UNKNOWN).py for name in names]
                # Arguments past the declared parameters are $args (kept apart when the block never reads it).
                reads_args = _READS_ARGS.search(block.text or b"") is not None
                rest = self.scope.new_param("args", list_of(UNKNOWN)).py if reads_args else "_args"

                def write(indent: str) -> None:
                    # A typed parameter converts what it is given, as PowerShell binds it ($null for [int] is 0).
                    for py, type_name in zip(params, types, strict=True):
                        if type_name is not None:
                            self.out.emit(indent, f"{py} = ", self._ps("cast", Expr(py, P_ATOM), const_expr(type_name)))
                    self._statements(statements, indent)

                # Arguments past the declared parameters go to $args in PowerShell, never an error.
                signature = [f"{py}={default}" for py, default in zip(params, defaults, strict=True)] + [f"*{rest}"]
                name = self._nested_def(signature, write, local=True, name=def_name)
        finally:
            self.scope.leave_function(outer)
        return Expr(name, P_ATOM, BLOCK)

    def expr_bitwise_expression(self, node: Node) -> Expr:
        """``-band``, ``-bor``, ``-bxor`` on integers (and flag enums such as ``[StringSplitOptions]``)."""
        if node.child_count == 1:
            child = node.child(0)
            assert child is not None
            return self._expr(child)
        left_node, op, right_node = self._binary(node)
        if op not in ("-band", "-bor", "-bxor"):
            raise Unsupported(node, f"unsupported: operator {op}")
        left, right = self._expr(left_node), self._expr(right_node)
        # Two flags of one enum make a flag of that enum (its text is its names), not a plain number.
        numbers = all(e.type.kind == Kind.INT and not e.loose for e in (left, right))
        return self._ps("bitwise", const_expr(op[1:]), left, right, type=INT if numbers else UNKNOWN)

    # The same operators inside a method call's arguments.
    expr_additive_argument_expression = expr_additive_expression
    expr_multiplicative_argument_expression = expr_additive_expression
    expr_comparison_argument_expression = expr_comparison_expression
    expr_logical_argument_expression = expr_logical_expression
    expr_format_argument_expression = expr_format_expression
    expr_range_argument_expression = expr_range_expression


#: What ``$_`` of a catch-all offers (the runtime's ErrorRecord): these member paths and their beginnings.
_RECORD_MEMBERS = (
    ("exception", "message"),
    ("exception", "response", "statuscode", "value__"),
    ("exception", "response", "reasonphrase"),
    ("exception", "response", "headers"),
    ("exception", "innerexception"),
    ("exception", "parametername"),
    ("errordetails", "message"),
    ("targetobject",),
)

#: Comparison-level operators by name (without the c/i prefix).
_COMPARISON_NAMES = frozenset(
    {
        *R.COMPARISONS,
        "like",
        "notlike",
        "match",
        "notmatch",
        "contains",
        "notcontains",
        "in",
        "notin",
        "replace",
        "split",
        "join",
        "shl",
        "shr",
        "as",
        "is",
        "isnot",
    }
)


def _invariant_number_style(styles: Node, culture: Node, kind: str) -> bool:
    """``[NumberStyles]::Float`` (or ``Integer`` for integers) with the invariant culture: the rules the runtime's
    TryParse applies (the only culture it has), so the call translates."""
    style = _text(styles).replace(" ", "").lower()
    allowed = ("float", "number", "any") if kind == "double" else ("integer", "number", "any")
    return (
        "numberstyles]::" in style
        and style.rsplit("::", 1)[1] in allowed
        and _text(culture).replace(" ", "").lower().endswith("cultureinfo]::invariantculture")
    )


def _may_be_assigned(source: bytes, name: str) -> bool:
    """Whether the script may give ``$name`` a value anywhere: an assignment, a loop or parameter variable,
    a ``[ref]``, or a command naming it (``-OutVariable``, ``Set-Variable``); erring towards yes."""
    n = re.escape(name.encode())
    patterns = (
        rb"\$(?:\w+:)?" + n + rb"\s*(?:[-+*/%]|\?\?)?=(?!=)",
        rb"\$(?:\w+:)?" + n + rb"\s*(?:\+\+|--)",
        rb"(?:\+\+|--)\s*\$(?:\w+:)?" + n + rb"\b",
        rb"\$(?:\w+:)?" + n + rb"\s*,[^\n=]*=(?!=)",
        rb"foreach\s*\(\s*\$" + n + rb"\b",
        rb"\[ref\]\s*\$" + n + rb"\b",
        rb"[(,\]]\s*\$" + n + rb"\s*[,)]",
        rb"variable\b[^\n]*\b" + n + rb"\b",
    )
    return any(re.search(p, source, re.IGNORECASE) for p in patterns)


#: ``$args`` or ``@args`` in a script block's text.#: ``$args`` or ``@args`` in a script block's text.
_READS_ARGS = re.compile(rb"[$@]args\b", re.IGNORECASE)

#: An ``[long]`` value: an integer the runtime keeps as an Int64.
LONG = T(Kind.INT, cls="long")

#: What PowerShell's file cmdlets add to each line or item they write (``$_.ReadCount`` of Get-Content's lines).
_PROVIDER_NOTES = frozenset({"readcount", "pspath", "psparentpath", "pschildname", "psdrive", "psprovider"})

#: Nodes that only wrap a value on its way to where it is used.
_VALUE_WRAPPERS = frozenset(
    {
        "unary_expression",
        "array_literal_expression",
        "range_expression",
        "format_expression",
        "multiplicative_expression",
        "additive_expression",
        "comparison_expression",
        "bitwise_expression",
        "logical_expression",
        "pipeline_chain",
        "pipeline",
        "statement",
    }
)
#: ``$name =`` (or ``+=`` ...) not qualified by a scope: a variable of the scope being written.
_ASSIGNED_VARIABLE = re.compile(r"(?<![\w:$])\$(\w+)\s*[-+*/%]?=(?!=)")
#: ``$name`` and ``$script:name`` read anywhere (``$env:`` names are not variables).
_READ_VARIABLE = re.compile(r"(?<![\w$])\$(?:(?:script|local|private):)?(\w+)(?!:)")
#: Variables no function can have its own of.
_NOT_SCOPED = frozenset({"_", "psitem", "true", "false", "null", "args", "this", "input", "matches", "env"})

#: .NET string methods whose Python counterpart does exactly the same: (name, argument count) -> (code, type).
_STRING_METHODS: dict[tuple[str, int], tuple[str, T]] = {
    ("trim", 0): ("{0}.strip()", STR),
    ("trimstart", 0): ("{0}.lstrip()", STR),
    ("trimend", 0): ("{0}.rstrip()", STR),
    ("toupper", 0): ("{0}.upper()", STR),
    ("tolower", 0): ("{0}.lower()", STR),
    ("toupperinvariant", 0): ("{0}.upper()", STR),
    ("tolowerinvariant", 0): ("{0}.lower()", STR),
    ("tostring", 0): ("{0}", STR),
    ("startswith", 1): ("{0}.startswith({1})", BOOL),
    ("endswith", 1): ("{0}.endswith({1})", BOOL),
    ("contains", 1): ("", BOOL),
    ("replace", 2): ("{0}.replace({1}, {2})", STR),
}


def _is_number(value: Any) -> bool:
    """True for an int or float constant (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cased(value: Any) -> bool:
    """True for a string constant with letters that have a case (so case-insensitive comparison matters)."""
    return isinstance(value, str) and value.lower() != value.upper()


#: Statements a hashtable entry may take as its value (their output).
_STATEMENT_VALUES = frozenset(
    {"if_statement", "switch_statement", "foreach_statement", "for_statement", "while_statement"}
)


#: Methods that return nothing on the collections a script makes (Queue, Stack, HashSet), whatever the value.
_VOID_COLLECTION_METHODS = frozenset(
    {"enqueue", "push", "unionwith", "intersectwith", "exceptwith", "symmetricexceptwith"}
)
