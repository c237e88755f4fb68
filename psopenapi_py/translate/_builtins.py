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
from ._catalog import BLOCK, BOOL, FLOAT, NONE, STR, UNKNOWN, Kind, T, list_of, snake_case
from ._expr import _NOCONST, P_ATOM, P_MUL, Expr, call, const_expr, ps_call, py_str, wrap
from ._syntax import Unsupported, _text

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
    values = (value.items if value.items is not None else [value]) if value is not None else []
    if not all(_prints_as_python(v) for v in values):
        # A number, $null, an object or an array of them: PowerShell's text of each.
        flags = [("separator=", args["Separator"])] if "Separator" in args else []
        if "NoNewline" in args:
            flags.append(("no_newline=", const_expr(True)))
        return ps_call(out, "write_host", [*(("", v) for v in values), *flags], NONE, stmt=True)
    items: list[tuple[str, Expr]] = []
    for item in values:
        items.append(("*" if item.type.kind == Kind.LIST else "", item))
    if "Separator" in args:
        items.append(("sep=", args["Separator"]))
    if "NoNewline" in args:
        items.append(("end=", const_expr("")))
    return call("print", items, NONE, stmt=True)


def _prints_as_python(value: Expr) -> bool:
    """True when ``print`` shows the value as PowerShell's text of it (text, integers, booleans)."""
    if value.loose:
        return False
    kind = value.type.kind
    if kind == Kind.LIST:
        return value.type.elem is not None and value.type.elem.kind in (Kind.STR, Kind.INT)
    return kind in (Kind.STR, Kind.INT, Kind.BOOL) or (
        value.const is not _NOCONST and not isinstance(value.const, float) and value.const is not None
    )


def write_output(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Output x`` is x on the pipeline: printed as a statement, the value when assigned or piped."""
    value: Expr | None = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "Write-Output needs a value")
    if _switch(args, "NoEnumerate", node):
        # Written as one object: a function's caller, or the next command, gets the array, not its items.
        value.whole = True
    return value


# --------------------------------------------------------------------------------------------------
# What several handlers share


def _piped(node: Node) -> bool:
    """Whether the command gets its input from the pipeline (``$x | Cmd``), not from ``-InputObject``."""
    parent = node.parent
    return parent is not None and parent.type == "pipeline_chain" and node.prev_named_sibling is not None


def _word(value: Expr | None, node: Node, what: str) -> str | None:
    """A parameter value that must be written literally in the script (``-ItemType Directory``), or None."""
    if value is None:
        return None
    if not isinstance(value.const, str):
        raise Unsupported(node, f"unsupported: {what} with a computed value")
    return value.const


def _switch(args: dict[str, Expr], name: str, node: Node) -> bool:
    """A switch's state: on, off (absent or ``-Name:$false``); a computed ``-Name:$x`` is not translated."""
    value = args.get(name)
    if value is None:
        return False
    if not isinstance(value.const, bool):
        raise Unsupported(node, f"unsupported: -{name} with a computed value")
    return value.const


def _flags(
    out: Output, args: dict[str, Expr], names: tuple[str, ...], node: Node, spell: Callable[[str], str] = snake_case
) -> list[tuple[str, Expr]]:
    """Keyword arguments for the switches ``names`` of a cmdlet whose runtime function takes them as flags:
    on ones as ``True``; ``-Name:$x`` as ``$x`` read as PowerShell reads a switch's value (its truth)."""
    flags = []
    for name in names:
        value = args.get(name)
        if value is None or value.const is False:
            continue
        if isinstance(value.const, bool):
            flags.append((f"{spell(name)}=", const_expr(True)))
        elif value.type.kind == Kind.BOOL:
            flags.append((f"{spell(name)}=", value))
        else:
            flags.append((f"{spell(name)}=", ps_call(out, "truthy", [("", value)], BOOL)))
    return flags


def _error_action(args: dict[str, Expr], node: Node, command: str, silent_ok: bool = False) -> bool:
    """``-ErrorAction``: True for ``SilentlyContinue`` where the cmdlet translates it; ``Stop`` and ``Continue``
    keep the runtime's behaviour (it stops at the error); anything else is not translated."""
    action = _word(args.get("ErrorAction"), node, "-ErrorAction")
    if action is None or action.lower() in ("stop", "continue"):
        return False
    if action.lower() == "silentlycontinue" and silent_ok:
        return True
    raise Unsupported(node, f"unsupported: {command} -ErrorAction {action}")


def _path_error_action(args: dict[str, Expr], node: Node, command: str) -> list[tuple[str, Expr]]:
    """``-ErrorAction`` of a path cmdlet, whose missing path is a non-terminating error: the runtime's
    ``silently=True`` (``SilentlyContinue``, ``Ignore``) or ``error_action=`` (``Stop``, ``Continue``); none
    given, ``$ErrorActionPreference`` decides when the command runs."""
    # -ErrorVariable: its list, made fresh by the statement (see Context._error_variable).
    variable = [("error_variable=", args["ErrorVariable"])] if "ErrorVariable" in args else []
    action = _word(args.get("ErrorAction"), node, "-ErrorAction")
    if action is None:
        return variable
    lowered = action.lower()
    if lowered in ("silentlycontinue", "ignore"):
        return [("silently=", const_expr(True)), *variable]
    if lowered in ("stop", "continue"):
        return [("error_action=", const_expr(action)), *variable]
    raise Unsupported(node, f"unsupported: {command} -ErrorAction {action}")


def _input(args: dict[str, Expr], node: Node, command: str, key: str = "InputObject") -> Expr:
    """The piped input of a pipeline cmdlet; ``-InputObject x`` (x taken as one object, never enumerated) is
    not translated."""
    value = args.get(key)
    if value is None:
        raise Unsupported(node, f"{command} needs piped input")
    if not _piped(node):
        raise Unsupported(node, f"unsupported: {command} -{key} (PowerShell takes it as one object)")
    return value


_WILDCARD = re.compile(r"[*?\[]")


def _path(args: dict[str, Expr], node: Node, command: str, key: str = "Path") -> Expr:
    """A path argument; a literal with wildcard characters (which PowerShell expands) is not translated."""
    value = args.get(key)
    if value is None:
        raise Unsupported(node, f"{command} needs -{key}")
    for item in value.items if value.items is not None else [value]:
        if isinstance(item.const, str) and _WILDCARD.search(item.const):
            raise Unsupported(node, f"unsupported: {command} of a wildcard path ({item.const})")
    return value


#: ``-Encoding`` names (lower case) the runtime writes as PowerShell 7 does, to the name it takes.
_ENCODINGS = {
    "utf8": "utf8NoBOM",  # PowerShell 7's utf8 has no byte-order mark
    "utf8nobom": "utf8NoBOM",
    "utf8bom": "utf8BOM",
    "ascii": "ascii",
    "unicode": "unicode",
}


def _encoding(args: dict[str, Expr], node: Node) -> list[tuple[str, Expr]]:
    """The ``encoding=`` argument for ``-Encoding`` (none when absent)."""
    name = _word(args.get("Encoding"), node, "-Encoding")
    if name is None:
        return []
    spelled = _ENCODINGS.get(name.lower().replace("-", ""))
    if spelled is None:
        raise Unsupported(node, f"unsupported: -Encoding {name}")
    return [("encoding=", const_expr(spelled))]


def _spread(value: Expr) -> list[tuple[str, Expr]]:
    """Positional arguments for a value that may be several (``-AdditionalChildPath a, b``)."""
    if value.items is not None:
        return [("", i) for i in value.items]
    if value.type.kind == Kind.LIST:
        return [("*", value)]
    return [("", value)]


def _names_literal(value: Expr, node: Node, command: str) -> None:
    """Property names must be literal and without wildcards (which PowerShell expands to matching names)."""
    for item in value.items if value.items is not None else [value]:
        if isinstance(item.const, str) and _WILDCARD.search(item.const):
            raise Unsupported(node, f"unsupported: {command} with a wildcard property name ({item.const})")


def _calculated(value: Expr, node: Node, command: str, allowed: set[str]) -> None:
    """A hashtable in ``-Property`` must use the runtime's key names (any case), not PowerShell's abbreviations."""
    for item in value.items if value.items is not None else [value]:
        t = item.type
        if t.kind != Kind.DICT:
            continue
        if t.keys is None:
            raise Unsupported(node, f"unsupported: {command} with a hashtable whose keys are not known here")
        for low, (written, _) in t.keys.items():
            # PowerShell takes any unique prefix of a key's name (n, e, l, desc...), as the runtime does.
            if not low or sum(1 for name in allowed if name.startswith(low)) != 1:
                raise Unsupported(node, f"unsupported: {command} -Property key '{written}' (write {sorted(allowed)})")


def _property(args: dict[str, Expr], node: Node, command: str, keys: set[str]) -> list[tuple[str, Expr]]:
    """``-Property`` as the runtime's ``property=`` argument (none when not given), once its names are
    literal (:func:`_names_literal`) and its hashtables use ``keys`` (:func:`_calculated`)."""
    prop = args.get("Property")
    if prop is None:
        return []
    _names_literal(prop, node, command)
    _calculated(prop, node, command, keys)
    return [("property=", prop)]


_STREAM = list_of(UNKNOWN)


# --------------------------------------------------------------------------------------------------
# Output streams


def write_error(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Error``: ends the script under ``$ErrorActionPreference = 'Stop'`` (or ``-ErrorAction Stop``),
    otherwise writes to standard error and goes on."""
    value = args.get("Message")
    if value is None:
        raise Unsupported(node, "Write-Error needs a message")
    action = _word(args.get("ErrorAction"), node, "-ErrorAction")
    extra: list[tuple[str, Expr]] = []
    if action is not None:
        if action.lower() not in ("stop", "continue"):
            raise Unsupported(node, f"unsupported: Write-Error -ErrorAction {action}")
        extra.append(("stop=", const_expr(action.lower() == "stop")))
    return ps_call(out, "write_error", [("", value), *extra], NONE, stmt=True)


def write_warning(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Warning``: ``WARNING: message`` on standard error; ``-WarningAction SilentlyContinue`` shows nothing."""
    value = args.get("Message")
    if value is None:
        raise Unsupported(node, "Write-Warning needs a message")
    _error_action(args, node, "Write-Warning")
    action = _word(args.get("WarningAction"), node, "-WarningAction")
    if action is not None:
        if action.lower() not in ("silentlycontinue", "ignore"):
            raise Unsupported(node, f"unsupported: Write-Warning -WarningAction {action}")
        return Expr(f"# {_text(node).strip()}: shows nothing", stmt=True)
    return ps_call(out, "write_warning", [("", value)], NONE, stmt=True)


def write_verbose(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Verbose``: ``VERBOSE: message`` on standard error when verbose output is on (``--verbose``)."""
    value = args.get("Message")
    if value is None:
        raise Unsupported(node, "Write-Verbose needs a message")
    _error_action(args, node, "Write-Verbose")
    return ps_call(out, "write_verbose", [("", value)], NONE, stmt=True)


def _preference_set(node: Node, name: bytes) -> bool:
    """Whether the script mentions a preference variable anywhere (``$InformationPreference = ...``)."""
    root = node
    while root.parent is not None:
        root = root.parent
    return name in (root.text or b"").lower()


def write_information(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Information``: shown (on standard output, as the host shows it) only with
    ``-InformationAction Continue``; by default ``$InformationPreference`` is ``SilentlyContinue`` and
    nothing is shown."""
    value = args.get("MessageData")
    if value is None:
        raise Unsupported(node, "Write-Information needs a message")
    _error_action(args, node, "Write-Information")
    action = _word(args.get("InformationAction"), node, "-InformationAction")
    if action is None:
        if _preference_set(node, b"informationpreference"):
            raise Unsupported(node, "unsupported: Write-Information with $InformationPreference set by the script")
        return Expr(f"# {_text(node).strip()}: shows nothing ($InformationPreference is SilentlyContinue)", stmt=True)
    if action.lower() in ("silentlycontinue", "ignore"):
        return Expr(f"# {_text(node).strip()}: shows nothing", stmt=True)
    if action.lower() != "continue":
        raise Unsupported(node, f"unsupported: Write-Information -InformationAction {action}")
    if value.type.kind != Kind.STR:
        # The host shows the message object's ToString(), which is not "$x" for arrays and objects.
        raise Unsupported(node, "unsupported: Write-Information of a value that is not known to be a string")
    return ps_call(out, "write_host", [("", value)], NONE, stmt=True)


def write_debug(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Debug``: nothing is shown unless ``$DebugPreference`` is changed (then not translated)."""
    if args.get("Message") is None:
        raise Unsupported(node, "Write-Debug needs a message")
    _error_action(args, node, "Write-Debug")
    if _preference_set(node, b"debugpreference"):
        raise Unsupported(node, "unsupported: Write-Debug with $DebugPreference set by the script")
    return Expr(f"# {_text(node).strip()}: shows nothing ($DebugPreference is SilentlyContinue)", stmt=True)


# --------------------------------------------------------------------------------------------------
# JSON


def _is_error_record(value: Expr) -> bool:
    """True for ``$_`` of a catch block or one of its parts (the exception, its response)."""
    cls = value.type.cls
    return value.type.kind == Kind.EXCEPTION or (isinstance(cls, tuple) and cls[:1] == ("error_record",))


def convert_to_json(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``ConvertTo-Json [-Depth n] [-Compress] [-AsArray]`` through the runtime: PowerShell's layout, its depth
    limit, non-ASCII kept; piped items are collected first (one item is written as itself)."""
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "ConvertTo-Json needs a value")
    _error_action(args, node, "ConvertTo-Json")
    t = value.type
    if _is_error_record(value) or t.kind == Kind.OBJECT:
        what = t.cls.__name__ if t.kind == Kind.OBJECT else "caught error"
        raise Unsupported(node, f"unsupported: ConvertTo-Json of a {what}")
    extra: list[tuple[str, Expr]] = []
    if "Depth" in args:
        extra.append(("depth=", args["Depth"]))
    if _switch(args, "Compress", node):
        extra.append(("compress=", const_expr(True)))
    if _switch(args, "AsArray", node):
        extra.append(("as_array=", const_expr(True)))
    if _piped(node) and t.kind in (Kind.LIST, Kind.JSON, Kind.UNKNOWN):
        # What an array or unknown value sends down the pipeline is collected again (none: no output).
        return ps_call(out, "convert_to_json_piped", [("", value), *extra], UNKNOWN)
    return ps_call(out, "convert_to_json", [("", value), *extra], STR)


def convert_from_json(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``ConvertFrom-Json``: objects whose properties ignore case and read ``$null`` when missing
    (``-AsHashtable``: hashtables); an already parsed value (``$_.ErrorDetails``) is kept."""
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "ConvertFrom-Json needs a value")
    _error_action(args, node, "ConvertFrom-Json")
    func = "convert_from_json_hashtable" if _switch(args, "AsHashtable", node) else "convert_from_json"
    return ps_call(out, func, [("", value), *_flags(out, args, ("NoEnumerate",), node)], UNKNOWN)


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


def set_strict_mode(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Set-StrictMode -Version v`` / ``-Off``: the runtime then refuses a missing property (version 2 and
    later) and an index past the end of an array (3, ``Latest``); unset variables are reported when translating."""
    if _switch(args, "Off", node):
        return ps_call(out, "set_strict_mode", [("off=", const_expr(True))], NONE, stmt=True)
    version = args.get("Version")
    if version is None:
        raise Unsupported(node, "Set-StrictMode needs -Version or -Off")
    return ps_call(out, "set_strict_mode", [("", version)], NONE, stmt=True)


# --------------------------------------------------------------------------------------------------
# Paths and files


def new_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``New-Object`` of the types scripts make: lists, hashtables, ``PSObject -Property @{...}``, StringBuilder."""
    _error_action(args, node, "New-Object")
    type_name = args.get("TypeName")
    if type_name is None or not isinstance(type_name.const, str):
        raise Unsupported(node, "unsupported: New-Object of a type named at run time")
    name = type_name.const.lower().replace(" ", "").removeprefix("system.")
    has_args = "ArgumentList" in args
    prop = args.get("Property")
    if name in ("psobject", "management.automation.psobject", "pscustomobject") and not has_args:
        if prop is None:
            return ps_call(out, "PSObject", [], T(Kind.DICT, keys={}, cls="PSObject"))
        # -Property takes a hashtable, whose order PowerShell does not keep: an [ordered] one it keeps.
        return ps_call(out, "PSObject", [("", prop)], T(Kind.DICT, keys=prop.type.keys, cls="PSObject"))
    if prop is not None:
        raise Unsupported(node, f"unsupported: New-Object {type_name.const} -Property")
    from ..pscompat._exceptions import known_exception

    exception = known_exception(type_name.const)
    if exception is not None:
        values = _spread(args["ArgumentList"]) if has_args else []
        return ps_call(out, "new_exception", [("", const_expr(exception)), *values], T(Kind.EXCEPTION, cls=()))
    if name.startswith("collections.generic.list[") and not has_args:
        return Expr("[]", P_ATOM, T(Kind.LIST, elem=UNKNOWN, cls="List"), items=[])
    if name == "collections.arraylist" and not has_args:
        return Expr("[]", P_ATOM, T(Kind.LIST, elem=UNKNOWN, cls="ArrayList"), items=[])
    if name in ("collections.hashtable", "hashtable") and not has_args:
        return ps_call(out, "Hashtable", [], T(Kind.DICT, keys=None, cls="Hashtable"))
    if name == "text.stringbuilder":
        extra = [("", args["ArgumentList"])] if has_args else []
        return ps_call(out, "static", [("", const_expr("text.stringbuilder")), ("", const_expr("new")), *extra])
    raise Unsupported(node, f"unsupported: New-Object {type_name.const}")


def add_member(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Add-Member`` of a note property (``-NotePropertyName/-NotePropertyValue``, ``-MemberType NoteProperty
    -Name -Value``, ``-NotePropertyMembers @{...}``) to an object; ``-PassThru`` gives the object back."""
    _error_action(args, node, "Add-Member")
    target = args.get("InputObject")
    if target is None:
        raise Unsupported(node, "Add-Member needs the object (-InputObject or piped)")
    member_type = args.get("MemberType")
    if member_type is not None and not (
        isinstance(member_type.const, str) and member_type.const.lower() in ("noteproperty", "note")
    ):
        raise Unsupported(node, "unsupported: Add-Member of a member that is not a NoteProperty")
    members = args.get("NotePropertyMembers")
    if members is not None:
        pairs = [("", members)]
    else:
        name = args.get("NotePropertyName") or args.get("Name")
        value = args.get("NotePropertyValue") if "NotePropertyValue" in args else args.get("Value")
        if name is None:
            raise Unsupported(node, "Add-Member needs a property name")
        pairs = [("name=", name), ("value=", value if value is not None else const_expr(None))]
    flags = [("force=", const_expr(True))] if "Force" in args else []
    if _piped(node) and target.type.kind not in (Kind.DICT, Kind.MODEL, Kind.OBJECT):
        flags.append(("piped=", const_expr(True)))  # an array piped in: each item gets the property
    passthru = "PassThru" in args
    return ps_call(out, "add_member", [("", target), *pairs, *flags], UNKNOWN if passthru else NONE, stmt=not passthru)


def new_timespan(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``New-TimeSpan -Start a -End b`` or ``-Days/-Hours/-Minutes/-Seconds/-Milliseconds``: a time span."""
    parts = [(k.lower() + "=", v) for k, v in args.items()]
    return ps_call(out, "new_timespan", parts)


def join_path(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Join-Path path child [more...]``."""
    _error_action(args, node, "Join-Path")
    path = args.get("Path")
    child = args.get("ChildPath")
    if path is None or child is None:
        raise Unsupported(node, "Join-Path needs -Path and -ChildPath")
    more = _spread(args["AdditionalChildPath"]) if "AdditionalChildPath" in args else []
    kind = path.type.kind
    returns = STR if kind == Kind.STR else _STREAM if kind == Kind.LIST else UNKNOWN
    return ps_call(out, "join_path", [("", path), ("", child), *more], returns)


def get_child_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-ChildItem [path] [-Filter pattern] [-File|-Directory] [-Recurse] [-Name]``: the folder's items as
    objects with ``Name``, ``FullName``, ``BaseName``, ``Extension``, ``Length``, ``LastWriteTime``, ... (names
    with ``-Name``), in name order."""
    errors = _path_error_action(args, node, "Get-ChildItem")
    path = args.get("Path", const_expr("."))
    if isinstance(path.const, str) and _WILDCARD.search(path.const):
        raise Unsupported(node, f"unsupported: Get-ChildItem of a wildcard path ({path.const}); use -Filter")
    extra: list[tuple[str, Expr]] = []
    if "Filter" in args:
        extra.append(("filter=", args["Filter"]))
    extra += _flags(out, args, ("File", "Directory", "Recurse", "Name", "Force"), node, str.lower)
    extra.extend(errors)
    return ps_call(out, "get_child_item", [("", path), *extra], _STREAM, stream=True)


def get_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-Item p [-Force]``: the file or folder (``Name``, ``FullName``, ``Length``...), or ``Env:NAME``'s
    entry; with ``-ErrorAction SilentlyContinue``, nothing for a missing path."""
    errors = _path_error_action(args, node, "Get-Item")
    path = _path(args, node, "Get-Item")
    extra: list[tuple[str, Expr]] = []
    if _switch(args, "Force", node):
        extra.append(("force=", const_expr(True)))
    extra.extend(errors)
    return ps_call(out, "get_item", [("", path), *extra], UNKNOWN)


def _web_call(out: Output, args: dict[str, Expr], node: Node, command: str, func: str) -> Expr:
    """``Invoke-RestMethod``/``Invoke-WebRequest``: the request as PowerShell 7 sends it (see pscompat's
    ``_web``); the answer is one object down a pipeline (a JSON array is not split into items)."""
    _error_action(args, node, command)
    for name in R.WEB_UNSUPPORTED:
        if name in args:
            raise Unsupported(node, f"unsupported: {command} -{name}")
    uri = args.get("Uri")
    splatted = args.get("**")  # a table whose keys are matched at run time
    if uri is None and splatted is None:
        raise Unsupported(node, f"{command} needs -Uri")
    extra: list[tuple[str, Expr]] = [("**", splatted)] if splatted is not None else []
    for name in (
        "Method",
        "Headers",
        "Body",
        "ContentType",
        "TimeoutSec",
        "UserAgent",
        "MaximumRetryCount",
        "RetryIntervalSec",
    ):
        if name in args:
            extra.append((snake_case(name) + "=", args[name]))
    extra += _flags(out, args, ("SkipCertificateCheck", "SkipHttpErrorCheck"), node)
    value = ps_call(out, func, [("", uri), *extra] if uri is not None else extra, UNKNOWN)
    value.whole = True
    return value


def invoke_rest_method(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Invoke-RestMethod``: the answer parsed (JSON objects as PSObject), or its text."""
    return _web_call(out, args, node, "Invoke-RestMethod", "invoke_rest_method")


def invoke_web_request(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Invoke-WebRequest``: the answer's ``StatusCode``, ``Content``, ``Headers``..."""
    return _web_call(out, args, node, "Invoke-WebRequest", "invoke_web_request")


def measure_command(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Measure-Command { ... }``: how long the block took, a time span (its output is thrown away)."""
    block = args.get("Expression")
    if block is None or block.type.kind != Kind.BLOCK:
        raise Unsupported(node, "Measure-Command needs a script block")
    return ps_call(out, "measure_command", [("", block)])


def test_path(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Test-Path path [-PathType Leaf|Container|Any]``."""
    _error_action(args, node, "Test-Path", silent_ok=True)  # Test-Path writes no error for a missing path
    path = _path(args, node, "Test-Path")
    extra: list[tuple[str, Expr]] = []
    kind = _word(args.get("PathType"), node, "-PathType")
    if kind is not None:
        if kind.lower() not in ("leaf", "container", "any"):
            raise Unsupported(node, f"unsupported: Test-Path -PathType {kind}")
        extra.append(("path_type=", const_expr(kind)))
    # An array of paths gives an array of answers.
    return ps_call(out, "test_path", [("", path), *extra], BOOL if path.type.kind == Kind.STR else UNKNOWN)


def split_path(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Split-Path path [-Parent|-Leaf|-LeafBase|-Extension]``."""
    _error_action(args, node, "Split-Path")
    path = _path(args, node, "Split-Path")
    if path.type.kind == Kind.LIST:
        raise Unsupported(node, "unsupported: Split-Path of several paths")
    chosen = [k for k in ("Parent", "Leaf", "LeafBase", "Extension") if _switch(args, k, node)]
    if len(chosen) > 1:
        raise Unsupported(node, "Split-Path takes one of -Parent, -Leaf, -LeafBase, -Extension")
    extra = [(snake_case(chosen[0]) + "=", const_expr(True))] if chosen and chosen[0] != "Parent" else []
    return ps_call(out, "split_path", [("", path), *extra], STR)


def _content(out: Output, args: dict[str, Expr], node: Node, command: str, func: str) -> Expr:
    _error_action(args, node, command)
    path = _path(args, node, command)
    value = args.get("Value")
    if value is None:
        raise Unsupported(node, f"{command} needs -Value or piped input")
    extra = _flags(out, args, ("NoNewline",), node)
    return ps_call(out, func, [("", path), ("", value), *extra, *_encoding(args, node)], NONE, stmt=True)


def set_content(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Set-Content -Path p -Value v [-NoNewline] [-Encoding e]`` (or ``v | Set-Content p``)."""
    return _content(out, args, node, "Set-Content", "set_content")


def add_content(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Add-Content -Path p -Value v [-NoNewline] [-Encoding e]`` (or ``v | Add-Content p``)."""
    return _content(out, args, node, "Add-Content", "add_content")


def get_content(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-Content p``: its lines, a stream; ``-Raw``: the whole text; ``-Tail n``, ``-TotalCount n``."""
    errors = _path_error_action(args, node, "Get-Content")
    path = _path(args, node, "Get-Content")
    if "Tail" in args and "TotalCount" in args:
        raise Unsupported(node, "unsupported: Get-Content with both -Tail and -TotalCount")
    extra: list[tuple[str, Expr]] = []
    if "Tail" in args:
        extra.append(("tail=", args["Tail"]))
    if "TotalCount" in args:
        extra.append(("total_count=", args["TotalCount"]))
    extra.extend(_encoding(args, node))
    extra.extend(errors)  # a missing file: nothing, after the error -ErrorAction or the preference asks for
    if _switch(args, "Raw", node):
        if "Tail" in args or "TotalCount" in args:
            raise Unsupported(node, "unsupported: Get-Content -Raw with -Tail or -TotalCount")
        return ps_call(out, "get_content", [("", path), ("raw=", const_expr(True)), *extra], UNKNOWN)
    return ps_call(out, "get_content_lines", [("", path), *extra], _STREAM, stream=True)


def out_file(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Out-File p [-Append] [-NoNewline] [-Encoding e]``: the console's text, written to the file."""
    _error_action(args, node, "Out-File")
    path = _path(args, node, "Out-File", "FilePath")
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "Out-File needs piped input or -InputObject")
    extra = [("append=", const_expr(True))] if _switch(args, "Append", node) else []
    if _switch(args, "NoNewline", node):
        extra.append(("no_newline=", const_expr(True)))
    return ps_call(out, "out_file", [("", value), ("", path), *extra, *_encoding(args, node)], NONE, stmt=True)


def _delimiter(args: dict[str, Expr], node: Node) -> list[tuple[str, Expr]]:
    value = _word(args.get("Delimiter"), node, "-Delimiter")
    if value is None:
        return []
    if len(value) != 1:
        raise Unsupported(node, f"-Delimiter must be one character, not '{value}'")
    return [("delimiter=", const_expr(value))]


def _no_encoding(args: dict[str, Expr], node: Node, command: str) -> None:
    """The CSV cmdlets write and read UTF-8 only (PowerShell 7's default)."""
    for _, value in _encoding(args, node):
        if value.const != "utf8NoBOM":
            raise Unsupported(node, f"unsupported: {command} -Encoding {args['Encoding'].const}")


def export_csv(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Export-Csv p [-NoTypeInformation] [-Append] [-Delimiter c]`` (every field quoted, as pwsh 7 does)."""
    _error_action(args, node, "Export-Csv")
    path = _path(args, node, "Export-Csv")
    value = _input(args, node, "Export-Csv")
    if "NoTypeInformation" in args and not _switch(args, "NoTypeInformation", node):
        raise Unsupported(node, "unsupported: -NoTypeInformation:$false")  # it would add a #TYPE line
    _no_encoding(args, node, "Export-Csv")
    extra = [*_flags(out, args, ("Append",), node), *_quotes(args, node, "Export-Csv")]
    return ps_call(out, "export_csv", [("", value), ("", path), *extra, *_delimiter(args, node)], NONE, stmt=True)


def _quotes(args: dict[str, Expr], node: Node, command: str) -> list[tuple[str, Expr]]:
    """``-UseQuotes Always|AsNeeded|Never`` of the CSV cmdlets (``-QuoteFields`` is not translated)."""
    if "QuoteFields" in args:
        raise Unsupported(node, f"unsupported: {command} -QuoteFields")
    quotes = _word(args.get("UseQuotes"), node, "-UseQuotes")
    return [("use_quotes=", const_expr(quotes))] if quotes is not None else []


def convert_to_csv(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | ConvertTo-Csv [-NoTypeInformation] [-Delimiter c] [-UseQuotes Always|AsNeeded|Never]``: the lines
    (a header of the first object's properties, then one line per object), every field quoted by default."""
    _error_action(args, node, "ConvertTo-Csv")
    value = _input(args, node, "ConvertTo-Csv")
    for name in ("IncludeTypeInformation", "UseCulture"):
        if name in args:
            raise Unsupported(node, f"unsupported: ConvertTo-Csv -{name}")
    if "NoTypeInformation" in args and not _switch(args, "NoTypeInformation", node):
        raise Unsupported(node, "unsupported: -NoTypeInformation:$false")  # it would add a #TYPE line
    extra = [*_delimiter(args, node), *_quotes(args, node, "ConvertTo-Csv")]
    return ps_call(out, "convert_to_csv", [("", value), *extra], _STREAM, stream=True)


def import_csv(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Import-Csv p [-Delimiter c] [-Header names]``: one object per line, a stream."""
    _error_action(args, node, "Import-Csv")
    path = _path(args, node, "Import-Csv")
    _no_encoding(args, node, "Import-Csv")
    extra = _delimiter(args, node)
    if "Header" in args:
        extra.append(("header=", args["Header"]))
    return ps_call(out, "import_csv_rows", [("", path), *extra], _STREAM, stream=True)


def _item_move(out: Output, args: dict[str, Expr], node: Node, command: str, func: str, target: str) -> Expr:
    """``Copy-Item``/``Move-Item p destination`` and ``Rename-Item p newname`` (no wildcards)."""
    errors = _path_error_action(args, node, command)
    path = _path(args, node, command)
    to = _path(args, node, command, target)
    extra = _flags(out, args, ("Recurse", "Force"), node, str.lower)
    return ps_call(out, func, [("", path), ("", to), *extra, *errors], NONE, stmt=True)


def copy_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Copy-Item p destination [-Recurse] [-Force]``."""
    return _item_move(out, args, node, "Copy-Item", "copy_item", "Destination")


def move_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Move-Item p destination [-Force]``."""
    return _item_move(out, args, node, "Move-Item", "move_item", "Destination")


def rename_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Rename-Item p newname [-Force]``."""
    return _item_move(out, args, node, "Rename-Item", "rename_item", "NewName")


def write_progress(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Write-Progress``: PowerShell draws a progress bar on the console's screen, never on its output or
    error streams; the translation has no progress display."""
    return Expr(f"# {_text(node).strip()[:80]}: a progress bar in PowerShell's console only", stmt=True)


def remove_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Remove-Item p [-Recurse] [-Force] [-ErrorAction SilentlyContinue]``."""
    errors = _path_error_action(args, node, "Remove-Item")
    path = _path(args, node, "Remove-Item")
    extra: list[tuple[str, Expr]] = []
    extra += _flags(out, args, ("Recurse", "Force"), node, str.lower)
    return ps_call(out, "remove_item", [("", path), *extra, *errors], NONE, stmt=True)


def _discarded(node: Node) -> bool:
    """Whether a command's output is thrown away: ``| Out-Null``, ``$null = ...`` or ``[void](...)``."""
    after = node.next_named_sibling
    if after is not None:
        name = after.child_by_field_name("command_name") if after.type == "command" else None
        return name is not None and _text(name).lower() == "out-null" and after.next_named_sibling is None
    chain = node.parent
    pipeline = chain.parent if chain is not None else None
    holder = pipeline.parent if pipeline is not None else None
    if chain is None or chain.type != "pipeline_chain" or holder is None:
        return False
    if holder.type == "assignment_expression":
        return _text(holder.children[0]).strip().lower() == "$null"
    if holder.type == "parenthesized_expression":
        cast = holder.parent.parent if holder.parent is not None else None
        return cast is not None and cast.type == "cast_expression" and _text(cast).lower().startswith("[void]")
    return False


def new_item(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``New-Item p [-Name n] -ItemType File|Directory [-Value v] [-Force]``, its output discarded (``| Out-Null``):
    the file-system object PowerShell returns has no counterpart here."""
    _error_action(args, node, "New-Item")
    if not _discarded(node):
        raise Unsupported(node, "unsupported: New-Item whose output is used (add | Out-Null)")
    path = _path(args, node, "New-Item")
    if "Name" in args:
        path = ps_call(out, "join_path", [("", path), ("", args["Name"])], STR)
    kind = _word(args.get("ItemType"), node, "-ItemType")
    extra: list[tuple[str, Expr]] = []
    if kind is not None:
        if kind.lower() not in ("file", "directory"):
            raise Unsupported(node, f"unsupported: New-Item -ItemType {kind}")
        extra.append(("item_type=", const_expr(kind)))
    if "Value" in args:
        extra.append(("value=", args["Value"]))
    if _switch(args, "Force", node):
        extra.append(("force=", const_expr(True)))
    return ps_call(out, "new_item", [("", path), *extra], UNKNOWN)


# --------------------------------------------------------------------------------------------------
# The pipeline

#: Where-Object's operator switches (lower case, without the ``c`` of the case-sensitive ones) to how the
#: test is written: (runtime function, operator argument or None, negated with ``not``).
_WHERE_TESTS: dict[str, tuple[str, str | None, bool]] = {
    **{op: ("compare", op, False) for op in ("eq", "ne", "gt", "ge", "lt", "le")},
    "like": ("like", None, False),
    "notlike": ("not_like", None, False),
    "match": ("match", None, False),
    "notmatch": ("not_match", None, False),
    "contains": ("contains", None, False),
    "notcontains": ("contains", None, True),
    "in": ("in_", None, False),
    "notin": ("in_", None, True),
}

_ITEM = "ps_item"


def where_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Where-Object { ... }`` and the simplified ``Where-Object Name -eq 'x'`` (``-Property``/``-Value``, the
    operator switches, ``-Not``, or a bare name tested for truth)."""
    _error_action(args, node, "Where-Object")
    value = _input(args, node, "Where-Object")
    first = args.get("FilterScript")
    ops = [name for name in args if name in R.WHERE_OPERATORS]
    if first is None:
        raise Unsupported(node, "Where-Object needs a script block or a property name")
    if first.type.kind == Kind.BLOCK:
        if ops or "Value" in args or "Not" in args:
            raise Unsupported(node, "Where-Object takes a script block or a comparison, not both")
        return ps_call(out, "where_object", [("", value), ("", first)], _STREAM, stream=True)
    name = _word(first, node, "Where-Object -Property")
    assert name is not None
    if len(ops) > 1:
        raise Unsupported(node, "Where-Object takes one comparison operator")
    item = Expr(f"ps.member({_ITEM}, {py_str(name)})", P_ATOM)
    if not ops:
        if "Value" in args:
            raise Unsupported(node, "Where-Object -Value needs an operator")
        test = f"not ps.truthy({item.code})" if _switch(args, "Not", node) else item.code
    else:
        if "Not" in args:
            raise Unsupported(node, "Where-Object -Not takes no operator")
        op = ops[0].lower()
        if op in ("is", "isnot"):
            raise Unsupported(node, f"unsupported: Where-Object -{ops[0]}")
        case = op.startswith("c") and op[1:] in _WHERE_TESTS
        func, arg, negate = _WHERE_TESTS[op[1:] if case else op]
        right = args.get("Value")
        if right is None:
            raise Unsupported(node, f"Where-Object -{ops[0]} needs a value")
        parts = ([py_str(arg)] if arg else []) + [item.code, right.code] + (["case=True"] if case else [])
        test = f"{'not ' if negate else ''}ps.{func}({', '.join(parts)})"
    block = Expr(f"lambda {_ITEM}: {test}", P_ATOM, BLOCK)
    return ps_call(out, "where_object", [("", value), ("", block)], _STREAM, stream=True)


def foreach_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``ForEach-Object { ... }``, and ``ForEach-Object Name`` (``-MemberName``): a property, or a method called."""
    _error_action(args, node, "ForEach-Object")
    for other in ("RemainingScripts", "Parallel"):
        if other in args:
            raise Unsupported(node, f"unsupported: ForEach-Object -{other}")
    value = _input(args, node, "ForEach-Object")
    block = args.get("Process")
    ends = [(part.lower() + "=", args[part]) for part in ("Begin", "End") if part in args]
    for _, each in ends:
        if each.type.kind != Kind.BLOCK:
            raise Unsupported(node, "ForEach-Object -Begin and -End take script blocks")
    if block is None and not ends:
        raise Unsupported(node, "ForEach-Object needs a script block or a member name")
    if block is None or block.type.kind == Kind.BLOCK:
        # -Begin runs before the first item and -End after the last, their $_ being $null.
        process = block if block is not None else Expr("None")
        return ps_call(out, "foreach_object", [("", value), ("", process), *ends], _STREAM, stream=True)
    if ends:
        raise Unsupported(node, "unsupported: ForEach-Object -MemberName with -Begin or -End")
    name = _word(block, node, "ForEach-Object -MemberName")
    assert name is not None
    if _WILDCARD.search(name):
        raise Unsupported(node, f"unsupported: ForEach-Object with a wildcard member name ({name})")
    return ps_call(out, "foreach_member", [("", value), ("", const_expr(name))], _STREAM, stream=True)


def select_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Select-Object [-First n] [-Last n] [-Skip n] [-SkipLast n] [-Index i, j] [-Unique] [-ExpandProperty p]
    [-Property ...]``."""
    _error_action(args, node, "Select-Object")
    value = _input(args, node, "Select-Object")
    prop = args.get("Property")
    expand = args.get("ExpandProperty")
    unique = _switch(args, "Unique", node)
    if prop is not None and expand is not None:
        raise Unsupported(node, "unsupported: Select-Object with both -Property and -ExpandProperty")
    if unique and prop is not None:
        # PowerShell compares the selected objects' property values; the runtime does not.
        raise Unsupported(node, "unsupported: Select-Object -Unique with -Property")
    if "Skip" in args and "Last" in args:
        raise Unsupported(node, "unsupported: Select-Object -Skip with -Last")
    chosen = [name for name in ("First", "Last", "Skip", "SkipLast", "Index") if name in args]
    if len(chosen) > 1 and ("SkipLast" in chosen or "Index" in chosen):
        # PowerShell refuses these together (they are in different parameter sets).
        raise Unsupported(node, f"unsupported: Select-Object -{' -'.join(chosen)} together")
    extra: list[tuple[str, Expr]] = []
    if prop is not None:
        # Wildcards (Select-Object *, Voice*) expand to each object's matching property names when it runs.
        _calculated(prop, node, "Select-Object", {"name", "label", "expression"})
        extra.append(("property=", prop))
    exclude = args.get("ExcludeProperty")
    if exclude is not None:
        if expand is not None:
            raise Unsupported(node, "unsupported: Select-Object -ExcludeProperty with -ExpandProperty")
        extra.append(("exclude_property=", exclude))
    if expand is not None:
        _names_literal(expand, node, "Select-Object")
        extra.append(("expand_property=", expand))
    for name in ("First", "Last", "Skip", "SkipLast", "Index"):
        if name in args:
            extra.append((snake_case(name) + "=", args[name]))
    if unique:
        extra.append(("unique=", const_expr(True)))
    return ps_call(out, "select_object", [("", value), *extra], _STREAM, stream=True)


def sort_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Sort-Object [-Property names, { blocks }, @{Expression=...; Descending=...}] [-Descending] [-Unique]
    [-CaseSensitive]``."""
    _error_action(args, node, "Sort-Object")
    value = _input(args, node, "Sort-Object")
    extra = _property(args, node, "Sort-Object", {"expression", "descending", "ascending"})
    extra += _flags(out, args, ("Descending", "Unique", "CaseSensitive"), node)
    return ps_call(out, "sort_object", [("", value), *extra], _STREAM, stream=True)


def measure_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Measure-Object [-Property p] [-Sum] [-Average] [-Maximum] [-Minimum]``: one object (``.Count``, ``.Sum``...)."""
    _error_action(args, node, "Measure-Object")
    value = _input(args, node, "Measure-Object")
    extra: list[tuple[str, Expr]] = []
    prop = args.get("Property")
    if prop is not None:
        if prop.type.kind == Kind.LIST or _word(prop, node, "Measure-Object -Property") is None:
            raise Unsupported(node, "unsupported: Measure-Object of several properties")
        _names_literal(prop, node, "Measure-Object")
        extra.append(("property=", prop))
    numeric = [name for name in ("Sum", "Average", "Maximum", "Minimum") if _switch(args, name, node)]
    textual = [name for name in ("Line", "Word", "Character") if _switch(args, name, node)]
    if numeric and textual:
        # PowerShell writes two objects then (one of each kind): not translated.
        raise Unsupported(node, "unsupported: Measure-Object with both -Sum/-Average/... and -Line/-Word/-Character")
    if _switch(args, "IgnoreWhiteSpace", node):
        textual.append("IgnoreWhiteSpace")
    for name in numeric + textual:
        extra.append((snake_case(name) + "=", const_expr(True)))
    return ps_call(out, "measure_object", [("", value), *extra], UNKNOWN)


def get_member(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-Member -MemberType NoteProperty [-Name p]``: the note properties of what is piped, by name
    (``ps.get_member``); other member types, methods and the table PowerShell prints are not translated."""
    _error_action(args, node, "Get-Member")
    value = _input(args, node, "Get-Member")
    for name in ("Static", "View", "Force"):
        if name in args:
            raise Unsupported(node, f"unsupported: Get-Member -{name}")
    kind = _word(args.get("MemberType"), node, "Get-Member -MemberType")
    if kind is None or kind.lower() not in ("noteproperty", "properties", "property"):
        raise Unsupported(node, "unsupported: Get-Member without -MemberType NoteProperty")
    if _written_out(node):
        raise Unsupported(
            node, "unsupported: Get-Member's table (write its members' Name: (... | Get-Member ...).Name)"
        )
    extra = [("name=", args["Name"])] if "Name" in args else []
    return ps_call(out, "get_member", [("", value), ("", const_expr(kind)), *extra], _STREAM, stream=True)


def _written_out(node: Node) -> bool:
    """Whether a command is the last of a pipeline that is a statement of its own: its output is printed."""
    chain = node.parent
    pipeline = chain.parent if chain is not None else None
    holder = pipeline.parent if pipeline is not None else None
    return (
        node.next_named_sibling is None
        and chain is not None
        and chain.type == "pipeline_chain"
        and holder is not None
        and holder.type in ("statement_list", "program", "script_block_body")
        # @( ... ) and $( ... ) hold statements too, whose output is their value.
        and (holder.parent is None or holder.parent.type not in ("array_expression", "sub_expression"))
    )


def compare_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Compare-Object ref diff [-Property ...] [-IncludeEqual] [-ExcludeDifferent] [-PassThru] [-CaseSensitive]``."""
    _error_action(args, node, "Compare-Object")
    for name in ("SyncWindow", "Culture"):
        if name in args:
            raise Unsupported(node, f"unsupported: Compare-Object -{name}")
    reference, difference = args.get("ReferenceObject"), args.get("DifferenceObject")
    if reference is None or difference is None:
        raise Unsupported(node, "Compare-Object needs -ReferenceObject and -DifferenceObject")
    extra = _property(args, node, "Compare-Object", {"expression"})
    extra += _flags(out, args, ("IncludeEqual", "ExcludeDifferent", "PassThru", "CaseSensitive"), node)
    return ps_call(out, "compare_object", [("", reference), ("", difference), *extra], _STREAM, stream=True)


def convert_from_csv(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | ConvertFrom-Csv [-Delimiter d] [-Header names]``: one object per data line, values as text."""
    _error_action(args, node, "ConvertFrom-Csv")
    if _switch(args, "UseCulture", node):
        raise Unsupported(node, "unsupported: ConvertFrom-Csv -UseCulture")
    value = _input(args, node, "ConvertFrom-Csv")
    extra: list[tuple[str, Expr]] = []
    if "Delimiter" in args:
        extra.append(("delimiter=", args["Delimiter"]))
    if "Header" in args:
        extra.append(("header=", args["Header"]))
    return ps_call(out, "convert_from_csv", [("", value), *extra], _STREAM, stream=True)


def convert_from_string_data(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | ConvertFrom-StringData [-Delimiter c]`` (or ``-StringData text``): a hashtable per string."""
    _error_action(args, node, "ConvertFrom-StringData")
    value = args.get("StringData")
    if value is None:
        raise Unsupported(node, "ConvertFrom-StringData needs piped input or -StringData")
    extra = [("delimiter=", args["Delimiter"])] if "Delimiter" in args else []
    return ps_call(out, "convert_from_string_data", [("", value), *extra], _STREAM, stream=True)


def _format_view(out: Output, args: dict[str, Expr], node: Node, command: str, func: str) -> Expr:
    """``Format-Table`` / ``Format-List [-Property names, @{Name=...; Expression={...}}]``: the console's lines."""
    _error_action(args, node, command)
    value = _input(args, node, command)
    for name in ("GroupBy", "HideTableHeaders"):
        if name in args:
            raise Unsupported(node, f"unsupported: {command} -{name}")
    extra = _property(args, node, command, {"name", "label", "expression"})
    return ps_call(out, func, [("", value), *extra], UNKNOWN)


def format_table(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Format-Table``: a table of the objects."""
    return _format_view(out, args, node, "Format-Table", "format_table")


def format_list(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Format-List``: each object as ``Name : value`` lines."""
    return _format_view(out, args, node, "Format-List", "format_list")


def select_string(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Select-String pattern [path]`` or ``... | Select-String pattern``: MatchInfo objects (``-Raw``: the
    lines; ``-Quiet``: True or nothing), with ``-SimpleMatch``, ``-CaseSensitive``, ``-NotMatch``, ``-AllMatches``."""
    errors = _path_error_action(args, node, "Select-String")
    for name in ("Context", "Include", "Exclude", "Culture"):
        if name in args:
            raise Unsupported(node, f"unsupported: Select-String -{name}")
    if _switch(args, "List", node):
        raise Unsupported(node, "unsupported: Select-String -List")
    pattern = args.get("Pattern")
    if pattern is None:
        raise Unsupported(node, "Select-String needs -Pattern")
    sources = [name for name in ("Path", "LiteralPath", "InputObject") if name in args]
    if len(sources) != 1:
        raise Unsupported(node, "Select-String takes one of piped input, -Path or -LiteralPath")
    source = sources[0]
    if source == "InputObject" and not _piped(node):
        raise Unsupported(node, "unsupported: Select-String -InputObject (PowerShell takes it as one object)")
    first = ("", args[source]) if source == "InputObject" else ("", const_expr(None))
    extra: list[tuple[str, Expr]] = [("pattern=", pattern)]
    if source != "InputObject":
        extra.append((f"{'path' if source == 'Path' else 'literal_path'}=", args[source]))
    extra += _flags(out, args, ("SimpleMatch", "CaseSensitive", "NotMatch", "AllMatches", "Quiet", "Raw"), node)
    extra.extend(_encoding(args, node))
    extra.extend(errors)
    return ps_call(out, "select_string", [first, *extra], _STREAM, stream=True)


def group_object(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Group-Object [p]``: one object per value, with ``Name``, ``Count`` and ``Group``, sorted as pwsh 7 sorts them."""
    _error_action(args, node, "Group-Object")
    value = _input(args, node, "Group-Object")
    prop = args.get("Property")
    if prop is None:
        prop = Expr(f"lambda {_ITEM}: {_ITEM}", P_ATOM, BLOCK)
    else:
        _names_literal(prop, node, "Group-Object")
        _calculated(prop, node, "Group-Object", {"expression"})
    # -NoElement leaves Group out of each group; what scripts read (Name, Count) is the same.
    flags = [("no_element=", const_expr(True))] if "NoElement" in args else []
    flags += _flags(out, args, ("CaseSensitive", "AsString"), node)
    if _switch(args, "AsHashTable", node):
        flags.append(("as_hash_table=", const_expr(True)))
        return ps_call(out, "group_object", [("", value), ("", prop), *flags], T(Kind.DICT, keys=None, cls="Hashtable"))
    return ps_call(out, "group_object", [("", value), ("", prop), *flags], _STREAM, stream=True)


def join_string(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Join-String [-Property p] [-Separator s] [-OutputPrefix a] [-OutputSuffix b] [-SingleQuote |
    -DoubleQuote | -FormatString f]`` (or ``-InputObject``, whose items are joined alike): one string."""
    _error_action(args, node, "Join-String")
    value = args.get("InputObject")
    if value is None:
        raise Unsupported(node, "Join-String needs piped input or -InputObject")
    if "UseCulture" in args:
        raise Unsupported(node, "unsupported: Join-String -UseCulture")
    extra = _property(args, node, "Join-String", {"expression"})
    for name in ("Separator", "OutputPrefix", "OutputSuffix", "FormatString"):
        if name in args:
            extra.append((f"{snake_case(name)}=", args[name]))
    extra += _flags(out, args, ("SingleQuote", "DoubleQuote"), node)
    return ps_call(out, "join_string", [("", value), *extra], STR)


def out_string(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``... | Out-String``: the text the console would show, ending with a newline."""
    _error_action(args, node, "Out-String")
    value = _input(args, node, "Out-String")
    if "Width" in args:
        raise Unsupported(node, "unsupported: Out-String -Width")
    if _switch(args, "Stream", node):
        return ps_call(out, "out_string", [("", value), ("stream=", const_expr(True))], _STREAM, stream=True)
    return ps_call(out, "out_string", [("", value)], STR)


# --------------------------------------------------------------------------------------------------
# Values


def get_date(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-Date [-Date d] [-Format f] [-AsUTC]``: a date-time, or its text with ``-Format``."""
    _error_action(args, node, "Get-Date")
    if "UFormat" in args:
        raise Unsupported(node, "unsupported: Get-Date -UFormat")
    extra: list[tuple[str, Expr]] = []
    if "Date" in args:
        extra.append(("date=", args["Date"]))
    if "Format" in args:
        extra.append(("format=", args["Format"]))
    if _switch(args, "AsUTC", node):
        extra.append(("as_utc=", const_expr(True)))
    return ps_call(out, "get_date", extra, STR if "Format" in args else UNKNOWN)


def new_guid(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``New-Guid``: a random GUID as its text (which is what ``"$(New-Guid)"`` and ``.ToString()`` give)."""
    _error_action(args, node, "New-Guid")
    return ps_call(out, "new_guid", [], STR)


def get_random(out: Output, args: dict[str, Expr], node: Node) -> Expr:
    """``Get-Random [-Minimum a] [-Maximum b] [-Count n]`` or ``... | Get-Random [-Count n]``."""
    _error_action(args, node, "Get-Random")
    extra: list[tuple[str, Expr]] = []
    if "InputObject" in args:
        if "Minimum" in args or "Maximum" in args:
            raise Unsupported(node, "Get-Random takes -InputObject or -Minimum/-Maximum, not both")
        extra.append(("input_object=", args["InputObject"]))
    for name in ("Minimum", "Maximum", "Count"):
        if name in args:
            extra.append((name.lower() + "=", args[name]))
    if "Count" in args:
        return ps_call(out, "get_random", extra, _STREAM, stream=True)
    return ps_call(out, "get_random", extra, UNKNOWN)


Handler = Callable[["Output", dict[str, Expr], "Node"], Expr]

#: Handler name (``_rules.BuiltinCommand.handler``) -> the function that writes the cmdlet's Python.
HANDLERS: dict[str, Handler] = {
    "get_member": get_member,
    "convert_to_csv": convert_to_csv,
    "write_host": write_host,
    "write_output": write_output,
    "write_error": write_error,
    "write_warning": write_warning,
    "write_verbose": write_verbose,
    "write_information": write_information,
    "write_debug": write_debug,
    "convert_to_json": convert_to_json,
    "convert_from_json": convert_from_json,
    "start_sleep": start_sleep,
    "import_module": import_module,
    "out_null": out_null,
    "set_strict_mode": set_strict_mode,
    "join_path": join_path,
    "new_object": new_object,
    "add_member": add_member,
    "new_timespan": new_timespan,
    "get_child_item": get_child_item,
    "get_item": get_item,
    "invoke_rest_method": invoke_rest_method,
    "invoke_web_request": invoke_web_request,
    "measure_command": measure_command,
    "test_path": test_path,
    "split_path": split_path,
    "set_content": set_content,
    "add_content": add_content,
    "get_content": get_content,
    "out_file": out_file,
    "export_csv": export_csv,
    "import_csv": import_csv,
    "remove_item": remove_item,
    "copy_item": copy_item,
    "move_item": move_item,
    "rename_item": rename_item,
    "write_progress": write_progress,
    "new_item": new_item,
    "where_object": where_object,
    "foreach_object": foreach_object,
    "select_object": select_object,
    "sort_object": sort_object,
    "measure_object": measure_object,
    "group_object": group_object,
    "join_string": join_string,
    "convert_from_string_data": convert_from_string_data,
    "select_string": select_string,
    "convert_from_csv": convert_from_csv,
    "compare_object": compare_object,
    "format_table": format_table,
    "format_list": format_list,
    "out_string": out_string,
    "get_date": get_date,
    "new_guid": new_guid,
    "get_random": get_random,
}

#: A built-in cmdlet by its name or alias, in lower case.
COMMANDS: dict[str, R.BuiltinCommand] = {}
for _cmd in R.BUILTIN_COMMANDS:
    COMMANDS[_cmd.name.lower()] = _cmd
    for _alias in _cmd.aliases:
        COMMANDS[_alias.lower()] = _cmd
