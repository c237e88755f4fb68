"""Expression visitors: ``expr_<node type>`` for variables, literals, strings, members, casts and operators."""

from __future__ import annotations

import re
from typing import Any

from . import _rules as R
from ._catalog import BOOL, FLOAT, HEADERS, INT, JSON, NONE, STR, UNKNOWN, Kind, T, list_of, normalize
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
    const_expr,
    list_expr,
    py_str,
    wrap,
)
from ._scope import _bare_name
from ._syntax import (
    _PASSTHROUGH,
    Node,
    Unsupported,
    _here_body,
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
        """A command argument; a bare word is a string, as in PowerShell's argument mode."""
        node = _unwrap(node)
        if node.type == "generic_token":
            return const_expr(_text(node))
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
            return Expr(ctx.name, P_ATOM, T(Kind.EXCEPTION, cls=()))
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
        if value.type.kind == Kind.LIST:
            return True, f'" ".join(map(str, {value.code}))'
        if value.type.kind == Kind.EXCEPTION and value.type.cls == ():
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
        if kind == Kind.LIST:
            return call("list", [("", value)], value.type)
        if kind in (Kind.UNKNOWN, Kind.JSON):
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
        return Expr(code, P_ATOM, T(Kind.DICT, keys=keys), split=("{", entries, "}") if entries else None)

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
            if value.type.kind == Kind.EXCEPTION:
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
                    return Expr(code, P_ATOM, T(Kind.EXCEPTION, cls=prefix + tuple(lowered[:k]))), k
                types = {"str": STR, "int": INT, "headers": HEADERS, "details": T(Kind.DETAILS)}
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
        if lower in ("count", "length") and t.kind in (Kind.LIST, Kind.STR, Kind.DICT, Kind.HEADERS):
            return call("len", [("", base)], INT)
        if t.kind in (Kind.OBJECT, Kind.MODEL):
            found = self.cat.members(t.cls).get(normalize(name))
            if found is None:
                if t.kind == Kind.MODEL:
                    return Expr(f"{obj}.additional_properties[{py_str(name)}]", P_ATOM, JSON)
                raise Unsupported(node, f"{t.cls.__name__} has no member '{name}'")
            attr, mtype = found
            if mtype.kind == Kind.UNKNOWN and t.elem is not None:
                mtype = t.elem
            return Expr(f"{obj}.{attr}", P_ATOM, mtype)
        if t.kind == Kind.DICT:
            key, ktype = name, UNKNOWN
            if t.keys is not None:
                hit = t.keys.get(lower)
                if hit is not None:
                    key, ktype = hit
            return Expr(f"{obj}[{py_str(key)}]", P_ATOM, ktype)
        if t.kind == Kind.JSON:
            return Expr(f"{obj}[{py_str(name)}]", P_ATOM, JSON)
        if t.kind == Kind.HEADERS:
            return Expr(f"{obj}[{py_str(name)}]", P_ATOM, STR)
        if t.kind == Kind.UNKNOWN:
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
        if isinstance(index.const, str) and t.kind in (Kind.OBJECT, Kind.DICT, Kind.MODEL):
            return self._member(base, index.const, index_node)
        if t.kind in (Kind.EXCEPTION, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.NONE) or (
            t.kind == Kind.STR and isinstance(index.const, str)
        ):
            raise Unsupported(node, f"unsupported: indexing a {t.kind} value")
        elem = (
            t.elem
            if t.kind == Kind.LIST and t.elem is not None
            else JSON
            if t.kind == Kind.JSON
            else STR
            if t.kind in (Kind.STR, Kind.HEADERS)
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
            if kind == Kind.INT:
                return value
            if kind == Kind.FLOAT:
                return call("round", [("", value)], INT)  # .NET rounds half to even, like Python's round
            return call("int", [("", value)], INT)
        if action in ("str", "float", "bool"):
            target = {"str": STR, "float": FLOAT, "bool": BOOL}[action]
            if kind == target.kind:
                return value
            if isinstance(value.const, (str, int, float, bool)) and action == "float" and kind == Kind.INT:
                return const_expr(float(value.const))
            return call(action, [("", value)], target)
        if action == "dict":
            if kind == Kind.DICT:
                return value
            raise Unsupported(node, f"unsupported: [{type_name}] of a {kind} value")
        if action == "list":
            if kind == Kind.LIST:
                return value
            if kind in (Kind.UNKNOWN, Kind.JSON):
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
        if op == "+" and lk == Kind.LIST:
            if rk == Kind.UNKNOWN or rk == Kind.JSON:
                raise Unsupported(node, "unsupported: adding a value of unknown kind to an array")
            if rk != Kind.LIST:
                right = list_expr([right])
            result = left.type
        elif op == "+" and lk == Kind.STR:
            if rk not in (Kind.STR, Kind.UNKNOWN):
                right = call("str", [("", right)], STR)
            result = STR
        elif lk in (Kind.INT, Kind.FLOAT) and rk in (Kind.INT, Kind.FLOAT):
            result = INT if lk == rk == Kind.INT and op != "/" else FLOAT
        elif op == "*" and lk == Kind.STR:
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
            subject = left.code if left.type.kind == Kind.STR else f"str({left.code})"
            if isinstance(right.const, str):
                if "`" in right.const:
                    raise Unsupported(right_node, "unsupported: escaped wildcard in -like")
                pattern = right if case_sensitive else const_expr(right.const.lower())
            else:
                pattern = right if case_sensitive else Expr(f"{wrap(right, P_ATOM)}.lower()", P_ATOM, STR)
            if not case_sensitive:
                subject = f"{wrap(left, P_ATOM)}.lower()" if left.type.kind == Kind.STR else f"{subject}.lower()"
            test = f"fnmatch.fnmatchcase({subject}, {pattern.code})"
            return Expr(test, P_ATOM, BOOL) if name == "like" else Expr(f"not {test}", P_NOT, BOOL)
        if name in ("match", "notmatch"):
            self.out.need("mod", "re")
            subject = left.code if left.type.kind == Kind.STR else f"str({left.code})"
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
            if _cased(right.const) and left.type.kind == Kind.STR and left.const is _NOCONST:
                left = Expr(f"{wrap(left, P_ATOM)}.casefold()", P_ATOM, STR)
                right = const_expr(right.const.casefold())
            elif _cased(left.const) and right.type.kind == Kind.STR and right.const is _NOCONST:
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
            args = [("*" if value.type.kind == Kind.LIST else "", value)]
        return call(f"{wrap(template, P_ATOM)}.format", args, STR)

    def expr_range_expression(self, node: Node) -> Expr:
        """``1..3`` is not translated."""
        raise Unsupported(node, "unsupported: range operator ..")

    expr_bitwise_expression = generic_expr


def _cased(value: Any) -> bool:
    """True for a string constant with letters that have a case (so case-insensitive comparison matters)."""
    return isinstance(value, str) and value.lower() != value.upper()
