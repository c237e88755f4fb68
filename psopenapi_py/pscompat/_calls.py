"""Calling commands and handling their errors as PowerShell does: splatting, ``$_`` in a catch, ``??``."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from http import HTTPStatus
from types import GeneratorType
from typing import Any

from ._convert import ScriptError, is_null

__all__ = [
    "ErrorRecord",
    "call_command",
    "coalesce",
    "error_record",
    "exception_message",
    "http_status",
    "register_commands",
    "splat",
]


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def splat(
    table: Mapping[Any, Any], command: Callable[..., Any], casts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``Command @table``: the table's keys as the command's keyword arguments, matched as PowerShell
    matches parameter names (any case, ``MaxResponseOutputTokens`` for ``max_response_output_tokens``,
    a unique prefix); a key that names no parameter is PowerShell's error. ``casts`` converts the values of
    typed parameters (``{"seats": "int"}``: ``"60"`` becomes 60), as PowerShell's binding does."""
    names = {_norm(name): name for name in inspect.signature(command).parameters}
    out: dict[str, Any] = {}
    for key, value in table.items():
        wanted = _norm(str(key))
        target = names.get(wanted)
        if target is None:
            prefixed = [real for norm, real in names.items() if norm.startswith(wanted)]
            if len(prefixed) != 1:
                raise ScriptError(f"A parameter cannot be found that matches parameter name '{key}'.")
            target = prefixed[0]
        if casts and target in casts:
            from ._convert import cast

            value = cast(value, casts[target])
        out[target] = value
    return out


#: The script's functions by PowerShell name (any case) and the names they have in its module.
_COMMANDS: dict[str, tuple[Mapping[str, Any], str]] = {}


def register_commands(namespace: Mapping[str, Any], commands: Mapping[str, str]) -> None:
    """Make the script's functions (``{"Get-Key": "get_key"}``, found in ``namespace``, the module's globals,
    when called) the commands ``& $name`` runs."""
    _COMMANDS.clear()
    _COMMANDS.update({_norm(name): (namespace, py) for name, py in commands.items()})


def call_command(target: Any, *args: Any, named: list[tuple[str, Any]] | tuple[()] = ()) -> Any:
    """``& $x args -Name value``: ``$x`` a script block, or the name of one of the script's functions.
    Named arguments bind as PowerShell binds them (any case, a unique prefix); a ``-Name`` with ``True``
    is a switch. The output, as a call's output is."""
    from ._pipeline import output

    func = target
    if isinstance(target, str):
        found = _COMMANDS.get(_norm(target))
        func = found[0].get(found[1]) if found is not None else None
        if func is None:
            raise ScriptError(
                f"The term '{target}' is not recognized as a name of a cmdlet, function, script file, or executable "
                "program."
            )
    if not callable(func):
        raise ScriptError(
            f"The expression after '&' in a pipeline element produced an object that was not valid: {target}."
        )
    if list(inspect.signature(func).parameters) == ["args"]:
        # A function without parameters: PowerShell hands it "-Name" and the value as two of its $args.
        given: list[Any] = list(args)
        for name, value in named:
            given.append(f"-{name}")
            if value is not True:
                given.append(value)
        return output(func(args=given))
    kwargs = splat(dict(named), func) if named else {}
    return output(func(*args, **kwargs))


def coalesce(value: Any, otherwise: Callable[[], Any]) -> Any:
    """``value ?? otherwise``: the right side (evaluated only then) when the left is ``$null``."""
    return otherwise() if is_null(value) else value


def http_status(status: int | None) -> Any:
    """``$_.Exception.Response.StatusCode``: an ``[HttpStatusCode]``, whose text is its name (``Unauthorized``)
    and whose ``[int]`` is its number; a code .NET has no name for stays a number, as the enum prints it."""
    if status is None:
        return None
    try:
        return HTTPStatus(status)
    except ValueError:
        return status


class _Response:
    """``$_.Exception.Response`` of an HTTP error: ``StatusCode`` (:func:`http_status`), ``ReasonPhrase`` and
    ``Headers``."""

    def __init__(self, status: int | None, reason: str | None, headers: Any):
        self.StatusCode: Any = http_status(status)
        self.ReasonPhrase = reason
        self.Headers = headers


def exception_message(error: BaseException) -> str:
    """``$_.Exception.Message``: for an HTTP error, PowerShell 7's
    ``Response status code does not indicate success: 401 (Unauthorized).``; else the error's message."""
    status = getattr(error, "status", None)
    if isinstance(status, int) and hasattr(error, "body"):
        reason = getattr(error, "reason", None)
        if not reason:
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = ""
        return f"Response status code does not indicate success: {status} ({reason})."
    return str(error)


class _ExceptionView:
    """``$_.Exception``: ``Message``, ``Response`` (HTTP errors) and ``InnerException``; text is the message."""

    def __init__(self, error: BaseException):
        self.error = error
        self.Message = exception_message(error)
        status = getattr(error, "status", None)
        self.Response = (
            _Response(status, getattr(error, "reason", None), getattr(error, "headers", None))
            if isinstance(status, int)
            else None
        )
        cause = error.__cause__
        self.InnerException = _ExceptionView(cause) if cause is not None else None
        #: The parameter a failed binding names (a [Validate...] check's), else None.
        self.ParameterName = getattr(error, "parameter_name", None)

    def __str__(self) -> str:
        return self.Message


class ErrorRecord:
    """``$_`` in a ``catch`` block: ``Exception``, ``ErrorDetails`` (the HTTP error's body) and
    ``TargetObject`` (what a script threw); as text, the error's message."""

    def __init__(self, error: BaseException):
        self.Exception = _ExceptionView(error)
        body = getattr(error, "body", None)
        self.ErrorDetails = _Details(body) if body else None
        self.TargetObject = error.target if isinstance(error, ScriptError) else None

    def __str__(self) -> str:
        # As PowerShell's ErrorRecord: its error details (an HTTP error's body) when it has them.
        return self.ErrorDetails.Message if self.ErrorDetails is not None else self.Exception.Message


class _Details:
    def __init__(self, message: str):
        self.Message = message

    def __str__(self) -> str:
        return self.Message


def error_record(error: BaseException) -> ErrorRecord:
    """The ``$_`` of a ``catch`` block for a caught Python exception."""
    return ErrorRecord(error)


class _NoInput:
    """``ps.NO_INPUT``: a pipeline function called with nothing piped into it (its process block runs once)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ps.NO_INPUT"


NO_INPUT = _NoInput()


def pipeline_input(piped: Any) -> list[Any]:
    """The items a pipeline function's process block runs for: each piped item (an array is its items,
    ``$null`` one item), or one :data:`NO_INPUT` when nothing was piped."""
    if piped is NO_INPUT:
        return [NO_INPUT]
    if isinstance(piped, GeneratorType):
        piped = list(piped)
    return list(piped) if isinstance(piped, (list, tuple)) else [piped]


def pipeline_bind(
    item: Any,
    name: str,
    given: Any,
    by_name: bool = False,
    mandatory: bool = False,
    cast: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Any:
    """A pipeline parameter's value for one item: the item (``ValueFromPipeline``) or its property of the
    parameter's name or one of its ``aliases`` (``ByPropertyName``, any case) when it has one; else what the
    call gave (or the default). ``cast`` converts it to the declared type, as PowerShell's binding does."""
    from ._collections import member, model_fields
    from ._convert import DEFAULT
    from ._convert import cast as convert

    value, found = given, False
    if item is not NO_INPUT:
        if not by_name:
            value, found = item, True
        else:
            fields = model_fields(item) if not isinstance(item, Mapping) else dict(item)
            names = {str(k).lower(): str(k) for k in fields} if fields is not None else {}
            for wanted in (name, *aliases):
                if wanted.lower() in names:
                    value, found = member(item, names[wanted.lower()]), True
                    break
    if not found and value is DEFAULT:
        if not mandatory:
            return None
        raise ScriptError(
            "The input object cannot be bound to any parameters for the command either because the command does "
            "not take pipeline input or the input and its properties do not match any of the parameters that take "
            "pipeline input."
        )
    if found and cast is not None:
        value = convert(value, cast)
    return value


def new_closure(block: Callable[..., Any]) -> Callable[..., Any]:
    """``$block.GetNewClosure()``: the block with the variables it reads frozen as they are now: a copy of
    the script's variables (its module globals) and of the enclosing function's, as PowerShell gives the
    closure a module of its own."""
    import types

    if not isinstance(block, types.FunctionType):
        raise ScriptError("GetNewClosure() applies to a script block.")
    cells = tuple(
        types.CellType(c.cell_contents) if _has_value(c) else types.CellType() for c in block.__closure__ or ()
    )
    frozen = types.FunctionType(
        block.__code__, dict(block.__globals__), block.__name__, block.__defaults__, cells or None
    )
    frozen.__kwdefaults__ = block.__kwdefaults__
    return frozen


def _has_value(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - reading it is the test
    except ValueError:
        return False
    return True
