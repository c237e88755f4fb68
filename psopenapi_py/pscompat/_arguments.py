"""Parameters as PowerShell binds them: the validation attributes and the conversion of command-line text.

A translated script's ``param()`` block becomes an ``argparse`` command line; its parameters' types
and ``[Validate...()]`` attributes become ``type=`` callables from here (``type=ps.ValidateSet("text",
"audio")``, ``type=ps.Argument("int", ps.ValidateRange(1, 10))``) that raise
``argparse.ArgumentTypeError`` with PowerShell's reason, so argparse exits 2 naming the option. A
translated function checks its parameters at its start with :func:`validate`, which raises
:class:`ScriptError` with PowerShell's whole message.

As in PowerShell, a value is checked as given (never changed by a check), each item of an array is
checked, and a default value is never checked.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Mapping
from typing import Any

from ._convert import ScriptError, is_number, to_char, to_double, to_int
from ._exceptions import dotnet_error
from ._format import text

__all__ = [
    "Argument",
    "ValidateNotNull",
    "ValidateNotNullOrEmpty",
    "ValidatePattern",
    "ValidateRange",
    "ValidateSet",
    "Validator",
    "bound_arguments",
    "bound_parameters",
    "validate",
]


def _items(value: Any) -> list[Any]:
    """The values a check applies to: each item of an array, else the value itself."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


def bind_char(value: Any, parameter: str) -> str:
    """A cmdlet's ``[char]`` parameter (``-Delimiter``) bound as PowerShell binds it: one character, else
    its binding error naming the parameter."""
    try:
        return str(to_char(value))
    except ScriptError as exc:
        error = dotnet_error(
            "System.Management.Automation.ParameterBindingException", f"Cannot bind parameter '{parameter}'. {exc}"
        )
        error.parameter_name = parameter  # $_.Exception.ParameterName
        raise error from None


class Validator:
    """A PowerShell ``[Validate...()]`` attribute; called with a command-line value, it is an argparse ``type``."""

    def reason(self, value: Any) -> str | None:
        """Why PowerShell refuses ``value`` (its words after "Cannot validate argument on parameter 'X'."), or None."""
        for item in _items(value):
            why = self.item_reason(item)
            if why is not None:
                return why
        return None

    def item_reason(self, item: Any) -> str | None:
        """Why PowerShell refuses one item (an array's items are checked one by one), or None."""
        raise NotImplementedError

    def __call__(self, value: str) -> str:
        """Check one command-line value; argparse reports the error with the option's name."""
        why = self.reason(value)
        if why is not None:
            raise argparse.ArgumentTypeError(why)
        return value


class ValidateSet(Validator):
    """``[ValidateSet('a', 'b')]``: the value's text is one of ``values``, ignoring case unless ``ignore_case=False``."""

    def __init__(self, *values: Any, ignore_case: bool = True) -> None:
        self.values = tuple(text(v) for v in values)
        self.ignore_case = ignore_case
        self._allowed = {v.casefold() if ignore_case else v for v in self.values}

    def __repr__(self) -> str:
        return f"ValidateSet({', '.join(map(repr, self.values))})"

    def item_reason(self, item: Any) -> str | None:
        """``The argument "x" does not belong to the set "a,b" ...`` when the item is not in the set."""
        s = text(item)
        if (s.casefold() if self.ignore_case else s) in self._allowed:
            return None
        return (
            f'The argument "{s}" does not belong to the set "{",".join(self.values)}" specified by the '
            "ValidateSet attribute. Supply an argument that is in the set and then try the command again."
        )


class ValidateRange(Validator):
    """``[ValidateRange(1, 10)]``: the value, converted to the limits' type for the comparison, is within them."""

    def __init__(self, minimum: int | float, maximum: int | float) -> None:
        if not (is_number(minimum) and is_number(maximum)) or minimum > maximum:
            raise ValueError(f"ValidateRange needs two numbers, the smaller first: {minimum!r}, {maximum!r}")
        self.minimum = minimum
        self.maximum = maximum
        self._kind = "int" if isinstance(minimum, int) and isinstance(maximum, int) else "double"

    def __repr__(self) -> str:
        return f"ValidateRange({self.minimum!r}, {self.maximum!r})"

    def item_reason(self, item: Any) -> str | None:
        """Below the minimum or above the maximum (PowerShell's sentence for each), or not a number."""
        number = item
        if not is_number(item):
            try:
                number = to_int(item) if self._kind == "int" else to_double(item)
            except ScriptError:
                label = "Int32" if self._kind == "int" else "Double"
                return (
                    f'The argument cannot be validated because its type "{type(item).__name__}" is not the same '
                    f"type ({label}) as the maximum and minimum limits of the parameter. Make sure the argument "
                    f"is of type {label} and then try the command again."
                )
        low, high = text(self.minimum), text(self.maximum)
        if number < self.minimum:
            return (
                f"The {text(item)} argument is less than the minimum allowed range of {low}. Supply an "
                f"argument that is greater than or equal to {low} and then try the command again."
            )
        if number > self.maximum:
            return (
                f"The {text(item)} argument is greater than the maximum allowed range of {high}. Supply an "
                f"argument that is less than or equal to {high} and then try the command again."
            )
        return None


class ValidatePattern(Validator):
    """``[ValidatePattern('^[a-z]+$')]``: the value's text matches the regular expression, ignoring case."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regex = re.compile(pattern, re.IGNORECASE)

    def __repr__(self) -> str:
        return f"ValidatePattern({self.pattern!r})"

    def item_reason(self, item: Any) -> str | None:
        """``The argument "x" does not match the "p" pattern ...`` when the text has no match anywhere."""
        s = text(item)
        if self._regex.search(s):
            return None
        return (
            f'The argument "{s}" does not match the "{self.pattern}" pattern. Supply an argument that '
            f'matches "{self.pattern}" and try the command again.'
        )


class ValidateNotNull(Validator):
    """``[ValidateNotNull()]``: the value is not ``$null`` (nor any item of an array)."""

    def __repr__(self) -> str:
        return "ValidateNotNull()"

    def reason(self, value: Any) -> str | None:
        """PowerShell's sentence for a ``$null`` value or an array holding one."""
        if value is None:
            return (
                "The argument is null. Provide a valid value for the argument, and then try running the command again."
            )
        if isinstance(value, (list, tuple)) and any(item is None for item in value):
            return (
                "The argument is null or an element of the argument collection contains a null value. "
                "Provide a valid value for the argument, and then try running the command again."
            )
        return None


class ValidateNotNullOrEmpty(Validator):
    """``[ValidateNotNullOrEmpty()]``: not ``$null``, not ``''``, not an empty array or hashtable, no such item."""

    def __repr__(self) -> str:
        return "ValidateNotNullOrEmpty()"

    def reason(self, value: Any) -> str | None:
        """PowerShell's sentence for an empty value, or for an array that is empty or holds an empty item."""
        if isinstance(value, (list, tuple)):
            if not value or any(item is None or item == "" for item in value):
                return (
                    "The argument is null, empty, or an element of the argument collection contains a null "
                    "value. Supply a collection that does not contain any null values and then try the "
                    "command again."
                )
            return None
        if value is None or value == "" or (isinstance(value, Mapping) and not value):
            return (
                "The argument is null or empty. Provide an argument that is not null or empty, and then try "
                "the command again."
            )
        return None


def _to_bool(value: str) -> bool:
    """A ``[bool]`` parameter from command-line text: true/false/$true/$false or a number (0 is false)."""
    s = value.strip().lower().removeprefix("$")
    if s in ("true", "false"):
        return s == "true"
    try:
        return to_double(value) != 0
    except ScriptError:
        raise ScriptError(
            f'Cannot convert value "{value}" to type "System.Boolean". Boolean parameters accept only '
            "Boolean values and numbers, such as $True, $False, 1 or 0."
        ) from None


#: The declared types a command-line value converts to, as PowerShell's parameter binding converts it.
def _to_datetime(value: str) -> Any:
    from ._time import to_datetime

    return to_datetime(value)


def _no_hashtable(value: str) -> Any:
    raise ScriptError(
        f'Cannot convert the "{value}" value of type "System.String" to type "System.Collections.Hashtable".'
    )


_CONVERSIONS: dict[str, Callable[[str], Any]] = {
    "string": str,
    "int": to_int,
    "long": lambda value: to_int(value, "long"),
    "double": to_double,
    "bool": _to_bool,
    "datetime": _to_datetime,
    # Command-line text is never a hashtable (pwsh -File passes strings): PowerShell refuses it.
    "hashtable": _no_hashtable,
}


class Argument:
    """An argparse ``type`` for a typed parameter: convert the text as PowerShell does, then run the checks.

    ``Argument("int")`` reads ``"3.5"`` as 4 (PowerShell's ``[int]`` rounds half to even);
    ``mandatory=True`` refuses an empty string, as PowerShell does for a Mandatory ``[string]``.
    """

    def __init__(self, type_name: str, *checks: Validator, mandatory: bool = False) -> None:
        if type_name not in _CONVERSIONS:
            raise ValueError(f"Argument converts to {', '.join(_CONVERSIONS)}, not {type_name!r}")
        self.type_name = type_name
        self.checks = checks
        self.mandatory = mandatory

    def __repr__(self) -> str:
        return f"Argument({self.type_name!r})"

    def __call__(self, value: str) -> Any:
        """The converted value; ``argparse.ArgumentTypeError`` with PowerShell's reason when it cannot be."""
        if self.mandatory and value == "":
            raise argparse.ArgumentTypeError("The argument is an empty string, which a Mandatory parameter refuses.")
        try:
            converted = _CONVERSIONS[self.type_name](value)
        except ScriptError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None
        for check in self.checks:
            why = check.reason(converted)
            if why is not None:
                raise argparse.ArgumentTypeError(why)
        return converted


def validate(parameter: str, value: Any, *checks: Validator) -> None:
    """A function's parameter checks: raise :class:`ScriptError` with PowerShell's message when one fails.

    ``validate("Mode", "x", ValidateSet("a", "b"))`` raises ``Cannot validate argument on parameter
    'Mode'. The argument "x" does not belong to the set "a,b" specified by the ValidateSet attribute.
    Supply an argument that is in the set and then try the command again.``
    """
    for check in checks:
        why = check.reason(value)
        if why is not None:
            error = dotnet_error(
                "System.Management.Automation.ParameterBindingValidationException",
                f"Cannot validate argument on parameter '{parameter}'. {why}",
            )
            error.parameter_name = parameter  # $_.Exception.ParameterName
            raise error


def bound_parameters(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> Any:
    """``$PSBoundParameters`` of a translated script: the parameters its command line gave (never a
    default), by their PowerShell names (``Seconds``), with the values the script received.

    ``argv`` defaults to ``sys.argv[1:]``, as for ``parser.parse_args()``; the command line is read again
    with every default left out, so what remains is what was given.
    """
    from ._collections import Hashtable

    actions = [a for a in parser._actions if a.dest not in ("help", "verbose")]
    saved = [(a, a.default) for a in actions]
    saved_parser = parser._defaults
    try:
        for action in actions:
            action.default = argparse.SUPPRESS
        parser._defaults = {}
        given = vars(parser.parse_args(argv))
    finally:
        for action, default in saved:
            action.default = default
        parser._defaults = saved_parser
    bound = Hashtable()
    for action in actions:
        if action.dest in given:
            # "-Seconds" is the PowerShell spelling; "--seconds" the kebab one.
            names = [o[1:] for o in action.option_strings if o.startswith("-") and not o.startswith("--")]
            bound[names[0] if names else action.dest] = given[action.dest]
    return bound


def bound_arguments(*pairs: tuple[str, Any]) -> Any:
    """``$PSBoundParameters`` of a translated function: ``(name, value)`` of each parameter, kept when the
    call gave it (a parameter left out holds ``ps.DEFAULT`` until its default is set)."""
    from ._collections import Hashtable
    from ._convert import DEFAULT

    return Hashtable((name, value) for name, value in pairs if value is not DEFAULT)
