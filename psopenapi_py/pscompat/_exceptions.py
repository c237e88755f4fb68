""".NET exception types a script throws and catches by name: ``throw [System.ArgumentException]::new('x')``
and ``catch [System.ArgumentException]``, with .NET's inheritance (an ``ArgumentNullException`` is caught as an
``ArgumentException``; a ``WebException`` as an ``InvalidOperationException``).

The errors the runtime itself raises are :class:`ScriptError`, PowerShell's ``RuntimeException``, which is a
``SystemException``: ``catch [System.SystemException]`` catches them as well. The module's API errors
(PowerShell 7's ``HttpResponseException``) are none of these types.
"""

from __future__ import annotations

from typing import Any

from ._convert import ScriptError
from ._format import text

__all__ = ["DotNetException", "dotnet_error", "exception_type", "known_exception", "method_error", "new_exception"]

#: Each known type, by its full name, and the type it derives from (None for System.Exception).
_PARENTS: dict[str, str | None] = {
    "System.Exception": None,
    "System.SystemException": "System.Exception",
    "System.ApplicationException": "System.Exception",
    "System.ArgumentException": "System.SystemException",
    "System.ArgumentNullException": "System.ArgumentException",
    "System.ArgumentOutOfRangeException": "System.ArgumentException",
    "System.InvalidOperationException": "System.SystemException",
    "System.ObjectDisposedException": "System.InvalidOperationException",
    "System.Net.WebException": "System.InvalidOperationException",
    "System.FormatException": "System.SystemException",
    "System.InvalidCastException": "System.SystemException",
    "System.NotSupportedException": "System.SystemException",
    "System.NotImplementedException": "System.SystemException",
    "System.TimeoutException": "System.SystemException",
    "System.UnauthorizedAccessException": "System.SystemException",
    "System.ArithmeticException": "System.SystemException",
    "System.DivideByZeroException": "System.ArithmeticException",
    "System.OverflowException": "System.ArithmeticException",
    "System.IO.IOException": "System.SystemException",
    "System.IO.FileNotFoundException": "System.IO.IOException",
    "System.IO.DirectoryNotFoundException": "System.IO.IOException",
    "System.Collections.Generic.KeyNotFoundException": "System.SystemException",
    # PowerShell's own (a RuntimeException, which the runtime's ScriptError stands for, is a SystemException).
    "System.Management.Automation.ParameterBindingException": "System.SystemException",
    "System.Management.Automation.ParameterBindingValidationException": (
        "System.Management.Automation.ParameterBindingException"
    ),
    "System.Management.Automation.SessionStateException": "System.SystemException",
    # A path cmdlet's error for a path that is not there.
    "System.Management.Automation.ItemNotFoundException": "System.Management.Automation.SessionStateException",
    # What Write-Error's error is, once $ErrorActionPreference (or -ErrorAction) Stop makes it end the script.
    "Microsoft.PowerShell.Commands.WriteErrorException": "System.SystemException",
}
#: Lower-case names, with and without ``System.`` (PowerShell finds ``[ArgumentException]`` too), to full names.
_NAMES: dict[str, str] = {}
for _full in _PARENTS:
    _NAMES[_full.lower()] = _full
    _NAMES[_full.lower().removeprefix("system.")] = _full
    _NAMES[_full.lower().removeprefix("system.management.automation.")] = _full
    _NAMES[_full.lower().removeprefix("microsoft.powershell.commands.")] = _full

#: What .NET says when an exception is made without a message.
_DEFAULT_MESSAGES = {
    "System.ArgumentException": "Value does not fall within the expected range.",
    "System.ArgumentNullException": "Value cannot be null.",
    "System.ArgumentOutOfRangeException": "Specified argument was out of the range of valid values.",
    "System.InvalidOperationException": "Operation is not valid due to the current state of the object.",
    "System.NotSupportedException": "Specified method is not supported.",
    "System.NotImplementedException": "The method or operation is not implemented.",
    "System.TimeoutException": "The operation has timed out.",
    "System.FormatException": "One of the identified items was in an invalid format.",
    "System.IO.IOException": "I/O error occurred.",
    "System.IO.FileNotFoundException": "Unable to find the specified file.",
    "System.IO.DirectoryNotFoundException": "Attempted to access a path that is not on the disk.",
    "System.DivideByZeroException": "Attempted to divide by zero.",
}


class DotNetException(ScriptError):
    """A .NET exception the script made; ``type_name`` is its full .NET name (what ``.GetType()`` reads)."""

    type_name = "System.Exception"
    #: The parameter a ParameterBindingException names (``$_.Exception.ParameterName``).
    parameter_name: str | None = None


_CLASSES: dict[str, type[DotNetException]] = {}


def known_exception(name: str) -> str | None:
    """The full .NET name of an exception type the runtime knows (``ArgumentException`` or
    ``System.ArgumentException``, any case), or None."""
    return _NAMES.get(name.strip().lower())


def _class(full: str) -> type[DotNetException]:
    cls = _CLASSES.get(full)
    if cls is None:
        parent = _PARENTS[full]
        base = _class(parent) if parent is not None else DotNetException
        cls = type(full.rsplit(".", 1)[-1], (base,), {"__slots__": (), "type_name": full, "__module__": __name__})
        _CLASSES[full] = cls
    return cls


def exception_type(name: str) -> Any:
    """What ``catch [name]`` catches: the type's class (its derived types' instances included); for
    ``System.SystemException``, the runtime's own errors (:class:`ScriptError`) too."""
    full = known_exception(name)
    if full is None:
        raise ScriptError(f"Unable to find type [{name}].")
    if full == "System.Exception":
        return Exception
    if full == "System.SystemException":
        return (_class(full), ScriptError)
    return _class(full)


def new_exception(name: str, message: Any = None, *rest: Any) -> DotNetException:
    """``[name]::new(message)`` or ``New-Object name message``: the exception, ready to ``throw``.

    For ``ArgumentException(message, paramName)`` the message reads as .NET writes it, with the parameter.
    An exception given last (``(message, $_.Exception)``) is its ``InnerException``.
    """
    full = known_exception(name)
    if full is None:
        raise ScriptError(f"Unable to find type [{name}].")
    # The inner exception as Python raised it, or a catch block's $_.Exception (a view of one).
    last = rest[-1] if rest else None
    inner = last if isinstance(last, BaseException) else getattr(last, "error", None)
    if not isinstance(inner, BaseException):
        inner = None
    if inner is not None:
        rest = rest[:-1]
    error = _new_exception(full, message, rest, inner is not None)
    if inner is not None:
        error.__cause__ = inner
    return error


def _new_exception(full: str, message: Any, rest: tuple[Any, ...], has_inner: bool) -> DotNetException:
    cls = _class(full)
    default = _DEFAULT_MESSAGES.get(full, f"Exception of type '{full}' was thrown.")
    if full in ("System.ArgumentNullException", "System.ArgumentOutOfRangeException") and has_inner and not rest:
        shown = text(message) if message is not None else default  # (message, innerException)
    elif full in ("System.ArgumentNullException", "System.ArgumentOutOfRangeException") and message is not None:
        # These take (paramName) or (paramName, message): .NET adds the parameter to the message.
        shown = f"{text(rest[0]) if rest else default} (Parameter '{text(message)}')"
    elif message is None:
        shown = default
    elif full == "System.ArgumentException" and rest and not isinstance(rest[0], BaseException):
        shown = f"{text(message)} (Parameter '{text(rest[0])}')"  # (message, paramName)
    else:
        shown = text(message)
    return cls(shown)


def dotnet_error(full: str, message: str) -> DotNetException:
    """An error the runtime raises as the .NET exception PowerShell would see (``System.DivideByZeroException``
    for ``1 / 0``), so ``catch [that type]`` (or a base type) catches it."""
    return _class(full)(message)


_WRAPPERS: dict[str, type[DotNetException]] = {}


def method_error(method: str, inner_type: str, inner_message: str, argc: int | None = None) -> DotNetException:
    """What a failing .NET method call raises in PowerShell: a ``MethodInvocationException`` whose message is
    ``Exception calling "M" with "n" argument(s): "inner message"`` and whose ``InnerException`` is the method's
    own exception; ``catch [inner type]`` catches it too, as PowerShell matches a wrapped exception's type."""
    wrapper = _WRAPPERS.get(inner_type)
    if wrapper is None:
        wrapper = type(
            "MethodInvocationException",
            (_class(inner_type),),
            {
                "__slots__": (),
                "type_name": "System.Management.Automation.MethodInvocationException",
                "__module__": __name__,
            },
        )
        _WRAPPERS[inner_type] = wrapper
    counted = f' with "{argc}" argument(s)' if argc is not None else ""
    error = wrapper(f'Exception calling "{method}"{counted}: "{inner_message}"')
    error.__cause__ = dotnet_error(inner_type, inner_message)
    return error
