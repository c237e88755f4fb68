"""PowerShell's output streams: ``Write-Output``, ``Write-Host``, ``Write-Warning``, ``Write-Verbose``, ``Write-Error``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Mapping
from types import GeneratorType
from typing import Any

from ._collections import DictionaryEntry, PSObject, model_fields
from ._convert import ScriptError, is_number, truthy
from ._exceptions import dotnet_error
from ._format import OFS, text
from ._search import MatchInfo

__all__ = [
    "Preferences",
    "preferences",
    "render",
    "write_error",
    "write_host",
    "write_output",
    "with_preferences",
    "write_verbose",
    "write_warning",
]


class Preferences:
    """The preference variables a script sets: ``$VerbosePreference`` (``-Verbose``), ``$WarningPreference``,
    ``$ErrorActionPreference`` (``'Stop'`` makes ``Write-Error`` end the script)."""

    __slots__ = ("error_action", "given", "verbose", "warning")

    #: What each preference reads as before a script sets it (``$OFS`` is ``$null`` until set).
    _DEFAULTS: dict[str, Any] = {
        "erroraction": "Continue",
        "verbose": "SilentlyContinue",
        "warning": "Continue",
        "ofs": None,
    }
    _SPELLED = {v.lower(): v for v in ("Continue", "Stop", "SilentlyContinue", "Ignore", "Inquire", "Suspend", "Break")}

    def __init__(self) -> None:
        self.verbose = False
        self.warning = True
        self.error_action = "continue"
        #: The values set, by preference (``erroraction``, ``ofs``...), as the script gave them.
        self.given: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        """``$ErrorActionPreference`` and its kin as a script reads them (``Stop``, ``Continue``...)."""
        key = name.lower().removesuffix("preference")
        if key == "verbose" and key not in self.given:
            return "Continue" if self.verbose else "SilentlyContinue"  # -Verbose on the command line
        value = self.given.get(key, self._DEFAULTS.get(key))
        if isinstance(value, str) and key != "ofs":
            return self._SPELLED.get(value.lower(), value)
        return value

    def save(self) -> tuple[Any, ...]:
        """The preferences now, for :meth:`restore` (a function's own preferences end with it)."""
        return (self.verbose, self.warning, self.error_action, dict(self.given), OFS.separator)

    def restore(self, saved: tuple[Any, ...]) -> None:
        """Put back what :meth:`save` returned."""
        self.verbose, self.warning, self.error_action, given, OFS.separator = saved
        self.given = given

    def set(self, name: str, value: Any) -> None:
        """Apply ``$<name>Preference = value`` (``Continue``, ``SilentlyContinue``, ``Stop``), or ``$OFS = value``."""
        v = text(value).lower()
        key = name.lower().removesuffix("preference")
        self.given[key] = value
        if key == "verbose":
            self.verbose = v in ("continue", "inquire", "stop")
        elif key == "warning":
            self.warning = v not in ("silentlycontinue", "ignore")
        elif key == "erroraction":
            self.error_action = v
        elif key == "ofs":
            # $OFS = $null (or removing it) brings back the default, a space.
            OFS.separator = " " if value is None else text(value)


#: The running script's preferences (one script runs per process).
preferences = Preferences()

_ACTIONS = ("Continue", "Ignore", "Inquire", "SilentlyContinue", "Stop", "Suspend", "Break")


def with_preferences(
    func: Callable[..., Any], *, error_action: Any = None, warning_action: Any = None, verbose: Any = None
) -> Callable[..., Any]:
    """An advanced function called with ``-ErrorAction``, ``-WarningAction`` or ``-Verbose``: ``func``, run
    with the matching preference variables set for as long as it runs (its body, and what it calls), as
    PowerShell sets them in the function's scope. A translated function that writes output is a generator:
    each step of it runs with them, so its output still comes as it is written."""
    settings: list[tuple[str, Any]] = []
    for parameter, name, value in (
        ("ErrorAction", "ErrorActionPreference", error_action),
        ("WarningAction", "WarningPreference", warning_action),
    ):
        if value is not None:
            spelled = text(value)
            if spelled.lower() not in (a.lower() for a in _ACTIONS):
                raise ScriptError(
                    f"Cannot bind parameter '{parameter}'. Cannot convert value \"{spelled}\" to type "
                    f'"System.Management.Automation.ActionPreference". Error: "Unable to match the identifier name '
                    f"{spelled} to a valid enumerator name. Specify one of the following enumerator names and try "
                    f'again: {", ".join(_ACTIONS)}"'
                )
            settings.append((name, spelled))
    if verbose is not None:
        settings.append(("VerbosePreference", "Continue" if truthy(verbose) else "SilentlyContinue"))

    def apply() -> None:
        for name, value in settings:
            preferences.set(name, value)

    def scoped(steps: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
        inside: tuple[Any, ...] | None = None  # what the function itself set, kept from one step to the next
        while True:
            outside = preferences.save()
            if inside is None:
                apply()
            else:
                preferences.restore(inside)
            try:
                item = next(steps)
            except StopIteration as stop:
                return stop.value
            finally:
                inside = preferences.save()
                preferences.restore(outside)
            yield item

    def call(*args: Any, **kwargs: Any) -> Any:
        outside = preferences.save()
        apply()
        try:
            result = func(*args, **kwargs)
        finally:
            preferences.restore(outside)
        return scoped(result) if isinstance(result, GeneratorType) else result

    return call


def _cell(value: Any) -> str:
    """A value in a table or list view: an array shows as ``{a, b}``."""
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(text(v) for v in value) + "}"
    return text(value)


def _objects_table(rows: list[dict[str, Any]]) -> list[str]:
    names = list(rows[0])
    cells = [[_cell(row.get(n)) for n in names] for row in rows]
    numeric = [all(is_number(row.get(n)) for row in rows if row.get(n) is not None) for n in names]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]

    def line(values: list[str]) -> str:
        parts = [
            (v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i])) if i < len(values) - 1 or numeric[i] else v
            for i, v in enumerate(values)
        ]
        return " ".join(parts).rstrip() + "\n"

    out = ["\n", line(names), line(["-" * len(n) for n in names])]
    out.extend(line(c) for c in cells)
    out.append("\n")
    return out


def _object_list(obj: dict[str, Any]) -> list[str]:
    width = max((len(str(k)) for k in obj), default=0)
    out = ["\n"]
    out.extend(f"{str(k).ljust(width)} : {_cell(v)}".rstrip() + "\n" for k, v in obj.items())
    out.append("\n")
    return out


def _hashtable(table: Mapping[Any, Any]) -> list[str]:
    width = max([30] + [len(text(k)) for k in table])
    out = ["\n", "Name".ljust(width) + " Value\n", "----".ljust(width) + " -----\n"]
    out.extend(f"{text(k).ljust(width)} {text(v)}".rstrip() + "\n" for k, v in table.items())
    out.append("\n")
    return out


def _as_record(value: Any) -> dict[str, Any] | None:
    if isinstance(value, PSObject):
        return dict(value)
    if isinstance(value, DictionaryEntry):
        return {"Name": value.key, "Value": value.value}
    return model_fields(value)


class FormatOutput:
    """What ``Format-Table`` and ``Format-List`` write: the console's lines, already laid out."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[str]):
        self.lines = lines

    def __str__(self) -> str:
        return "".join(self.lines)


def _formatted(value: Any, prop: Any, view: str) -> FormatOutput:
    from ._pipeline import select_object

    values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v is not None]
    if prop is not None:
        values = select_object(values, property=prop)
    lines: list[str] = []
    records: list[dict[str, Any]] = []

    def flush() -> None:
        if records:
            if view == "table":
                lines.extend(_objects_table(records))
            else:
                lines.extend(line for r in records for line in _object_list(r))
            records.clear()

    for item in values:
        record = _as_record(item)
        if record is None:
            flush()
            lines.extend(render(item))
        elif view == "table" and records and list(record) != list(records[0]):
            flush()  # a new shape starts a new table
            records.append(record)
        else:
            records.append(record)
    flush()
    return FormatOutput(lines)


def format_table(value: Any, property: Any = None) -> FormatOutput:  # noqa: A002 - the cmdlet's parameter
    """``Format-Table [-Property ...]``: the objects as a table, whatever their number of properties."""
    return _formatted(value, property, "table")


def format_list(value: Any, property: Any = None) -> FormatOutput:  # noqa: A002 - the cmdlet's parameter
    """``Format-List [-Property ...]``: each object as ``Name : value`` lines."""
    return _formatted(value, property, "list")


def render(value: Any) -> list[str]:
    """The lines the console shows for a value written to the output (each ending with a newline)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    i = 0
    while i < len(values):
        item = values[i]
        if isinstance(item, (list, tuple)):
            out.extend(render(list(item)))
            i += 1
            continue
        if isinstance(item, FormatOutput):
            out.extend(item.lines)
            i += 1
            continue
        console = getattr(item, "ps_console_lines", None)
        if callable(console):
            out.extend(console())  # an object that draws its own view (or says it cannot)
            i += 1
            continue
        if isinstance(item, MatchInfo):
            # Select-String's results: a blank line, one line each (paths relative to here), a blank line.
            found = [item]
            while i + 1 < len(values) and isinstance(values[i + 1], MatchInfo):
                found.append(values[i + 1])
                i += 1
            out.extend(["\n", *(m.display() + "\n" for m in found), "\n"])
            i += 1
            continue
        record = _as_record(item)
        if record is not None:
            group = [record]
            while i + 1 < len(values):
                nxt = _as_record(values[i + 1])
                if nxt is None or list(nxt) != list(record):
                    break
                group.append(nxt)
                i += 1
            out.extend(_objects_table(group) if len(record) <= 4 else [line for r in group for line in _object_list(r)])
        elif isinstance(item, Mapping):
            out.extend(_hashtable(item))
        elif item is not None:
            out.append(text(item) + "\n")
        i += 1
    return out


def write_output(value: Any) -> None:
    """Print what a script writes to its output as PowerShell's console shows it (arrays one item a line;
    a translated function's output as it comes)."""
    if isinstance(value, GeneratorType):
        for item in value:
            write_output(item)
        return
    if value is None:
        return
    sys.stdout.write("".join(render(value)))


def write_host(*values: Any, separator: str = " ", no_newline: bool = False) -> None:
    """``Write-Host``: the values' text joined with spaces (arrays too), on standard output."""
    parts: list[str] = []
    for value in values:
        parts.extend(text(v) for v in value) if isinstance(value, (list, tuple)) else parts.append(text(value))
    sys.stdout.write(separator.join(parts) + ("" if no_newline else "\n"))


def write_warning(message: Any) -> None:
    """``Write-Warning``: ``WARNING: message`` on standard error (kept off standard output; see docs/parity.md)."""
    if preferences.warning:
        sys.stderr.write(f"WARNING: {text(message)}\n")


def write_verbose(message: Any) -> None:
    """``Write-Verbose``: ``VERBOSE: message`` on standard error when ``-Verbose``/``--verbose`` is on."""
    if preferences.verbose:
        sys.stderr.write(f"VERBOSE: {text(message)}\n")


def write_error(message: Any, stop: bool | None = None) -> None:
    """``Write-Error``: ends the script (raises PowerShell's ``WriteErrorException``, a :class:`ScriptError`)
    when ``$ErrorActionPreference`` is ``Stop`` or ``stop`` is true; otherwise writes the message to standard
    error and goes on."""
    if stop or (stop is None and preferences.error_action == "stop"):
        raise dotnet_error("Microsoft.PowerShell.Commands.WriteErrorException", text(message))
    if preferences.error_action not in ("silentlycontinue", "ignore"):
        sys.stderr.write(f"Write-Error: {text(message)}\n")


def should_process(command: str, what_if: Any, confirm: Any, target: Any, action: Any = None) -> bool:
    """``$PSCmdlet.ShouldProcess(target[, action])``: True; with ``-WhatIf``, the "What if:" line PowerShell
    writes and False. ``-Confirm`` would ask at the console, which a translated script cannot."""
    if confirm:
        raise ScriptError(f"{command}: -Confirm asks for confirmation at the console; a translated script cannot.")
    if what_if:
        operation = text(action) if action is not None else command
        sys.stdout.write(f'What if: Performing the operation "{operation}" on target "{text(target)}".\n')
        return False
    return True
