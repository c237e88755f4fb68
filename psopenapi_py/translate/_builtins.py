"""PowerShell's built-in cmdlets: one handler function each, and the table that finds it.

``_rules.BUILTIN_COMMANDS`` declares a cmdlet (name, aliases, parameters, handler name); the handler
here gets the bound arguments (parameter name -> translated value) and returns the call's Python.
Adding a cmdlet is one entry there and one handler plus its line in :data:`HANDLERS` here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import _rules as R
from ._catalog import FLOAT, JSON, NONE, STR, Kind
from ._expr import P_ATOM, P_MUL, Expr, call, const_expr, wrap
from ._syntax import Unsupported

if TYPE_CHECKING:
    from ._output import Output
    from ._syntax import Node


def print_value(out: Output, value: Expr, stream: str | None = None) -> Expr:
    """``print(...)`` of a value as PowerShell shows it: a list one item a line."""
    extra = [("file=", Expr(f"sys.{stream}"))] if stream else []
    if stream:
        out.need("mod", "sys")
    if value.items is not None and len(value.items) != 1:
        args = [("", i) for i in value.items]
        return call("print", [*args, ("sep=", const_expr("\n")), *extra], stmt=True)
    if value.items is not None:
        return call("print", [("", value.items[0]), *extra], stmt=True)
    if value.type.kind == Kind.LIST:
        return call("print", [("*", value), ("sep=", const_expr("\n")), *extra], stmt=True)
    return call("print", [("", value), *extra], stmt=True)


def write_host(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Host`` as ``print`` (``-NoNewline`` is ``end=""``, ``-Separator`` is ``sep``)."""
    value = args.get("Object")
    items: list[tuple[str, Expr]] = []
    if value is not None:
        for item in value.items if value.items is not None else [value]:
            items.append(("*" if item.type.kind == Kind.LIST else "", item))
    if "Separator" in args:
        items.append(("sep=", args["Separator"]))
    if "NoNewline" in args:
        items.append(("end=", const_expr("")))
    return call("print", items, NONE, stmt=True)


def write_output(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Output x`` is x on the pipeline: printed as a statement, the value when assigned or piped."""
    value: Expr | None = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "Write-Output needs a value")
    return value


def write_error(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Error`` as ``print(..., file=sys.stderr)``."""
    value = args.get("Message")
    if value is None:
        raise Unsupported(node, "Write-Error needs a message")
    return print_value(out, value, "stderr")


def convert_to_json(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``ConvertTo-Json`` as ``json.dumps`` (a model through ``to_dict()``)."""
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "ConvertTo-Json needs a value")
    out.need("mod", "json")
    t = value.type
    extra: list[tuple[str, Expr]] = []
    if t.kind == Kind.MODEL:
        value = Expr(f"{wrap(value, P_ATOM)}.to_dict()", P_ATOM, JSON)
    elif t.kind == Kind.EXCEPTION or t.kind == Kind.OBJECT:
        what = t.cls.__name__ if t.kind == Kind.OBJECT else "caught error"
        raise Unsupported(node, f"unsupported: ConvertTo-Json of a {what}")
    elif not t.plain:
        out.need("helper", "_json_default")
        extra.append(("default=", Expr("_json_default")))
    compress = args.get("Compress")
    if compress is not None and compress.const is not True:
        raise Unsupported(node, "unsupported: -Compress with a computed value")
    if compress is not None:
        extra.insert(0, ("separators=", Expr('(",", ":")')))
    else:
        extra.insert(0, ("indent=", const_expr(2)))
    return call("json.dumps", [("", value), *extra], STR)


def convert_from_json(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``ConvertFrom-Json`` as ``json.loads`` (through a helper when the value may be parsed already)."""
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "ConvertFrom-Json needs a value")
    if value.type.kind in (Kind.STR,):
        out.need("mod", "json")
        return call("json.loads", [("", value)], JSON)
    out.need("helper", "_convert_from_json")
    return call("_convert_from_json", [("", value)], JSON)


def start_sleep(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Start-Sleep -Seconds``/``-Milliseconds`` as ``time.sleep`` in seconds."""
    out.need("mod", "time")
    if "Seconds" in args and "Milliseconds" not in args:
        return call("time.sleep", [("", args["Seconds"])], NONE, stmt=True)
    if "Milliseconds" in args and "Seconds" not in args:
        ms = args["Milliseconds"]
        if isinstance(ms.const, (int, float)) and not isinstance(ms.const, bool):
            seconds = const_expr(ms.const / 1000)
        else:
            seconds = Expr(f"{wrap(ms, P_MUL)} / 1000", P_MUL, FLOAT)
        return call("time.sleep", [("", seconds)], NONE, stmt=True)
    raise Unsupported(node, "Start-Sleep needs either -Seconds or -Milliseconds")


def import_module(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Import-Module PSOpenAPITools`` as a comment: the output's imports do that."""
    name = args.get("Name")
    module = name.const if name is not None else None
    if (
        not isinstance(module, str)
        or re.split(r"[\\/]", module)[-1].lower().removesuffix(".psd1") != R.MODULE_NAME.lower()
    ):
        raise Unsupported(node, f"unsupported: Import-Module of anything but {R.MODULE_NAME}")
    return Expr(f"# Import-Module {module}: the imports at the top do this", stmt=True)


def out_null(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Out-Null``: evaluate, print nothing."""
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "Out-Null needs piped input")
    return Expr(value.code, value.prec, NONE, stmt=True, split=value.split)


Handler = Callable[["Output", dict[str, Expr], "Node"], Expr]

#: Handler name (``_rules.BuiltinCommand.handler``) -> the function that writes the cmdlet's Python.
HANDLERS: dict[str, Handler] = {
    "write_host": write_host,
    "write_output": write_output,
    "write_error": write_error,
    "convert_to_json": convert_to_json,
    "convert_from_json": convert_from_json,
    "start_sleep": start_sleep,
    "import_module": import_module,
    "out_null": out_null,
}

#: A built-in cmdlet by its name or alias, in lower case.
COMMANDS: dict[str, R.BuiltinCommand] = {}
for _cmd in R.BUILTIN_COMMANDS:
    COMMANDS[_cmd.name.lower()] = _cmd
    for _alias in _cmd.aliases:
        COMMANDS[_alias.lower()] = _cmd
