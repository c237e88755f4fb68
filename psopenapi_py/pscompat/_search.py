"""``Select-String``: lines of text or files that match a pattern, as PowerShell 7's MatchInfo objects."""

from __future__ import annotations

import glob
import os
import re
from typing import Any

from ._collections import PSObject, items
from ._convert import ScriptError, is_null
from ._files import _encoding, _not_found, _path
from ._format import text
from ._operators import _MatchInfo, to_regex

__all__ = ["MatchInfo", "select_string"]

_INPUT_STREAM = "InputStream"


class MatchInfo:
    """One line ``Select-String`` found: ``Line``, ``LineNumber``, ``Path`` and ``Filename`` (``InputStream``
    for piped text), ``Pattern``, ``Matches`` and ``IgnoreCase``.

    Its text (``"$hit"``) is the line for piped text and ``path:number:line`` for a file; written to the
    output, a file's path is shown relative to the current folder, as PowerShell's console does.
    """

    __slots__ = ("IgnoreCase", "Line", "LineNumber", "Matches", "Pattern", "_file")

    def __init__(self, line: str, number: int, file: str | None, pattern: str, matches: list[Any], ignore_case: bool):
        self.Line = line
        self.LineNumber = number
        self._file = file
        self.Pattern = pattern
        self.Matches = matches
        self.IgnoreCase = ignore_case

    @property
    def Path(self) -> str:  # noqa: N802 - the .NET name
        return self._file if self._file is not None else _INPUT_STREAM

    @property
    def Filename(self) -> str:  # noqa: N802 - the .NET name
        return os.path.basename(self._file) if self._file is not None else _INPUT_STREAM

    def RelativePath(self, directory: str) -> str:  # noqa: N802 - the .NET name
        """The path relative to ``directory`` when the file is inside it (letter case ignored), else the path."""
        path = self.Path
        if self._file is None or not directory:
            return path
        if path.lower().startswith(directory.lower()) and len(directory) < len(path):
            rest = path[len(directory) :]
            if directory[-1] in "\\/":
                return rest
            if rest[0] in "\\/":
                return rest[1:]
        return path

    def ToString(self, directory: str | None = None) -> str:  # noqa: N802 - the .NET name
        if self._file is None:
            return self.Line
        shown = self.RelativePath(directory) if directory is not None else self.Path
        return f"{shown}:{self.LineNumber}:{self.Line}"

    def display(self) -> str:
        """The line PowerShell's console shows for it (the path relative to the current folder)."""
        return self.ToString(os.getcwd())

    def __str__(self) -> str:
        return self.ToString()

    def __repr__(self) -> str:
        return f"MatchInfo({self.ToString()!r})"


def _sources(
    input_object: Any,
    path: Any,
    literal_path: Any,
    encoding: Any,
    silently: bool,
    error_action: str | None,
    error_variable: list[Any] | None,
) -> list[tuple[str | None, list[str]]]:
    """(file or None, lines) for each input: the piped values' text (one source, a value a line, so that
    line numbers count the piped values), or each file the paths name (folders skipped)."""
    out: list[tuple[str | None, list[str]]] = []
    if path is None and literal_path is None:
        piped: list[str] = []
        files = []
        for value in items(input_object):
            if isinstance(value, PSObject) and "FullName" in value and "PSIsContainer" in value:
                # Get-ChildItem's items are searched as files.
                if not value["PSIsContainer"]:
                    files.append(value["FullName"])
            else:
                piped.append(value.Line if isinstance(value, MatchInfo) else text(value))  # $null is ""
        if piped:
            out.append((None, piped))
        if not files:
            return out
        literal_path = files
    wildcard = literal_path is None
    for one in items(path if wildcard else literal_path):
        given = _path(one, "Path" if wildcard else "LiteralPath")
        if wildcard and glob.has_magic(given):
            names = sorted(glob.glob(given))  # a pattern that matches nothing is no error
        elif os.path.exists(given):
            names = [given]
        else:
            _not_found("Select-String", given, silently, error_action, error_variable)
            continue
        for name in names:
            if os.path.isdir(name):
                continue
            with open(name, encoding=_encoding(encoding) if encoding is not None else "utf-8-sig", newline="") as f:
                out.append((os.path.abspath(name), f.read().splitlines()))
    return out


def select_string(
    input_object: Any = None,
    pattern: Any = None,
    path: Any = None,
    literal_path: Any = None,
    simple_match: bool = False,
    case_sensitive: bool = False,
    not_match: bool = False,
    all_matches: bool = False,
    quiet: bool = False,
    raw: bool = False,
    encoding: Any = None,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> list[Any]:
    """``Select-String``: a MatchInfo per matching line (``raw``: the lines themselves; ``quiet``: ``[True]``
    when any line matches, else ``[False]`` for files and nothing for piped text; ``not_match``: the lines
    that do not match).

    ``pattern`` is one or several regular expressions (plain text with ``simple_match``), ignoring case
    unless ``case_sensitive``; a line matches when any of them does, and ``Matches`` holds the first
    match (every match of that pattern with ``all_matches``). Input is the piped values' text, or the files
    ``path`` names (wildcards expanded) or ``literal_path`` names as written.
    """
    if pattern is None or is_null(pattern):
        raise ScriptError("Cannot bind argument to parameter 'Pattern' because it is null.")
    if raw and quiet:
        raise ScriptError("Parameter set cannot be resolved using the specified named parameters.")
    patterns = [text(p) for p in items(pattern)]
    flags = 0 if case_sensitive else re.IGNORECASE
    compiled = [re.compile(re.escape(p), flags) if simple_match else to_regex(p, case_sensitive) for p in patterns]
    found: list[Any] = []
    searched_files = False
    for file, lines in _sources(input_object, path, literal_path, encoding, silently, error_action, error_variable):
        searched_files = searched_files or file is not None
        for number, line in enumerate(lines, 1):
            hit = next(((p, r) for p, r in zip(patterns, compiled, strict=True) if r.search(line)), None)
            if (hit is None) != not_match:
                continue
            if quiet:
                return [True]
            if raw:
                found.append(line)
                continue
            matches: list[Any] = []
            if hit is not None and not simple_match:
                regex = hit[1]
                first = regex.search(line)
                assert first is not None  # it matched just above
                matches = [_MatchInfo(m) for m in regex.finditer(line)] if all_matches else [_MatchInfo(first)]
            shown = hit[0] if hit is not None else patterns[0]
            found.append(MatchInfo(line, number, file, shown, matches, not case_sensitive))
    if quiet and (searched_files or path is not None or literal_path is not None):
        return [False]  # files searched with no match: False; piped text with no match: nothing
    return found
