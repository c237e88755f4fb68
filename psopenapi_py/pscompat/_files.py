"""Paths and files as PowerShell's cmdlets handle them (``Join-Path``, ``Set-Content``, ``Export-Csv``...)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ._arguments import bind_char
from ._collections import DictionaryEntry, OrderedHashtable, PSObject, items, member, model_fields
from ._convert import ScriptError, collect
from ._exceptions import dotnet_error
from ._format import text

__all__ = [
    "add_content",
    "convert_from_csv",
    "copy_item",
    "export_csv",
    "get_content",
    "get_item",
    "import_csv",
    "join_path",
    "move_item",
    "new_item",
    "out_file",
    "remove_item",
    "rename_item",
    "set_content",
    "split_path",
    "temp_path",
    "test_path",
]


def _path(value: Any, parameter: str = "Path") -> str:
    if value is None or (isinstance(value, str) and not value):
        state = "null" if value is None else "an empty string"
        raise ScriptError(f"Cannot bind argument to parameter '{parameter}' because it is {state}.")
    return os.path.expanduser(text(value)) if text(value).startswith("~") else text(value)


def _missing(path: str) -> ScriptError:
    """PowerShell's error for a path that is not there (``catch [ItemNotFoundException]`` takes it)."""
    return dotnet_error(
        "System.Management.Automation.ItemNotFoundException",
        f"Cannot find path '{path if path.lower().startswith('env:') else os.path.abspath(path)}' because it does not exist.",
    )


def _not_found(
    command: str, path: str, silently: bool, error_action: str | None, error_variable: list[Any] | None = None
) -> None:
    """A path that is not there: PowerShell's non-terminating error. It ends the script with ``-ErrorAction
    Stop`` (or ``$ErrorActionPreference = 'Stop'``), is dropped with ``SilentlyContinue`` or ``Ignore``, and
    is otherwise written to standard error while the command goes on (with the next path, if any). With
    ``-ErrorVariable``, its error record is added to ``error_variable`` in every case."""
    from ._calls import error_record
    from ._streams import preferences  # _streams builds on this module

    action = "silentlycontinue" if silently else (error_action or preferences.error_action).lower()
    error = _missing(path)
    if error_variable is not None:
        error_variable.append(error_record(error))
    if action == "stop":
        raise error
    if action not in ("silentlycontinue", "ignore"):
        sys.stderr.write(f"{command}: {error}\n")


def temp_path() -> str:
    """``[System.IO.Path]::GetTempPath()``: the temporary folder, ending with a separator."""
    folder = os.environ.get("TMPDIR") or tempfile.gettempdir()
    return folder if folder.endswith(os.sep) else folder + os.sep


def join_path(path: Any, child: Any, *more: Any) -> Any:
    """``Join-Path path child [more...]``: one separator between the parts; an array of paths gives an array."""
    if isinstance(path, (list, tuple)):
        return [join_path(p, child, *more) for p in path]
    out = _path(path)
    for part in (child, *more):
        piece = text(part)
        if not piece:
            continue
        out = out.rstrip("/\\") + os.sep + piece.lstrip("/\\") if out else piece
    return out


def test_path(path: Any, path_type: str | None = None) -> Any:
    """``Test-Path path [-PathType Leaf|Container]``: whether it exists (an array of paths gives an array)."""
    if isinstance(path, (list, tuple)):
        return [test_path(p, path_type) for p in path]
    p = _path(path)
    if p.lower().startswith("env:"):
        return p[4:] in os.environ
    kind = (path_type or "any").lower()
    if kind == "leaf":
        return os.path.isfile(p)
    if kind == "container":
        return os.path.isdir(p)
    return os.path.exists(p)


def split_path(path: Any, leaf: bool = False, leaf_base: bool = False, extension: bool = False) -> str:
    """``Split-Path path [-Leaf|-LeafBase|-Extension]``: the parent folder by default."""
    p = _path(path).rstrip("/\\") or _path(path)
    name = os.path.basename(p)
    if leaf:
        return name
    if leaf_base:
        return os.path.splitext(name)[0]
    if extension:
        return os.path.splitext(name)[1]
    parent = os.path.dirname(p)
    return parent.rstrip("/\\") or (os.sep if p.startswith(os.sep) and p != os.sep else "")


def _lines(value: Any) -> str:
    return "".join(text(item) + "\n" for item in items(value))


def _write(path: Any, body: str, mode: str, encoding: Any) -> None:
    p = _path(path)
    enc = _encoding(encoding)
    folder = os.path.dirname(os.path.abspath(p))
    if not os.path.isdir(folder):
        raise ScriptError(f"Could not find a part of the path '{os.path.abspath(p)}'.")
    with open(p, mode, encoding=enc, newline="") as handle:
        handle.write(body)


def _encoding(encoding: Any) -> str:
    name = (text(encoding) if encoding is not None else "utf8NoBOM").lower().replace("-", "")
    return {"utf8": "utf-8-sig", "utf8bom": "utf-8-sig", "unicode": "utf-16", "ascii": "ascii"}.get(name, "utf-8")


def set_content(path: Any, value: Any, no_newline: bool = False, encoding: Any = None) -> None:
    """``Set-Content -Path p -Value v``: each item on its line (UTF-8 without BOM, ``\\n``), the file replaced."""
    body = "".join(text(i) for i in items(value)) if no_newline else _lines(value)
    _write(path, body, "w", encoding)


def add_content(path: Any, value: Any, no_newline: bool = False, encoding: Any = None) -> None:
    """``Add-Content -Path p -Value v``: each item appended on its line; the file is created when missing."""
    body = "".join(text(i) for i in items(value)) if no_newline else _lines(value)
    _write(path, body, "a", encoding)


def out_file(value: Any, path: Any, append: bool = False, no_newline: bool = False, encoding: Any = None) -> None:
    """``... | Out-File p [-Append]``: what the console would show, written to the file."""
    from ._streams import render

    body = "".join(render(value)) if not no_newline else "".join(text(i) for i in items(value))
    _write(path, body, "a" if append else "w", encoding)


def get_content(
    path: Any,
    raw: bool = False,
    tail: Any = None,
    total_count: Any = None,
    encoding: Any = None,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> Any:
    """``Get-Content p``: the lines (one line is a string, none ``$null``); ``-Raw``: the whole text
    (``$null`` for an empty file); ``-Tail n``/``-TotalCount n``: the last/first n lines. A missing file
    gives nothing, after PowerShell's non-terminating error (:func:`_not_found`)."""
    p = _path(path)
    if not os.path.exists(p):
        _not_found("Get-Content", p, silently, error_action, error_variable)
        return None
    with open(p, encoding=_encoding(encoding) if encoding is not None else "utf-8-sig", newline="") as handle:
        body = handle.read()
    if raw:
        return body if body else None
    lines = body.splitlines()
    if tail is not None:
        n = int(tail)
        lines = lines[-n:] if n > 0 else []
    if total_count is not None:
        n = int(total_count)
        lines = lines[:n] if n >= 0 else lines
    return collect(lines)


def _item_targets(
    command: str,
    path: Any,
    destination: Any,
    silently: bool,
    error_action: str | None,
    error_variable: list[Any] | None,
) -> list[tuple[str, str]]:
    """(source, target) for each path Copy-Item or Move-Item is given: into ``destination`` when it is a
    folder, else to that name; a missing source is PowerShell's non-terminating error."""
    to = _path(destination, "Destination")
    pairs = []
    for one in items(path):
        p = _path(one)
        if not os.path.exists(p):
            _not_found(command, p, silently, error_action, error_variable)
            continue
        pairs.append((p, os.path.join(to, os.path.basename(p.rstrip("/\\"))) if os.path.isdir(to) else to))
    return pairs


def copy_item(
    path: Any,
    destination: Any,
    recurse: bool = False,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> None:
    """``Copy-Item p dest``: a file to a file or into a folder; a folder (its contents too with ``recurse``,
    else only the folder itself, as PowerShell copies it); an existing file is replaced."""
    for p, target in _item_targets("Copy-Item", path, destination, silently, error_action, error_variable):
        if os.path.isdir(p):
            if recurse:
                shutil.copytree(p, target, dirs_exist_ok=True)
            else:
                os.makedirs(target, exist_ok=True)
        else:
            if os.path.exists(target) and os.path.samefile(p, target):
                raise ScriptError(f"Cannot overwrite the item {os.path.abspath(p)} with itself.")
            shutil.copyfile(p, target)


def move_item(
    path: Any,
    destination: Any,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> None:
    """``Move-Item p dest``: into a folder, or to a new name; an existing file is an error unless ``force``."""
    for p, target in _item_targets("Move-Item", path, destination, silently, error_action, error_variable):
        if os.path.exists(target) and not force:
            raise ScriptError("Cannot create a file when that file already exists.")
        shutil.move(p, target)


def rename_item(
    path: Any,
    new_name: Any,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> None:
    """``Rename-Item p newname``: a new name in the same folder (a name, not a path)."""
    p = _path(path)
    name = _path(new_name, "NewName")
    if not os.path.exists(p):
        _not_found("Rename-Item", p, silently, error_action, error_variable)
        return
    if os.path.basename(name) != name:
        raise ScriptError("Cannot rename the specified target, because it represents a path or device name.")
    target = os.path.join(os.path.dirname(p), name)
    if os.path.exists(target):
        raise ScriptError("Cannot create a file when that file already exists.")
    os.rename(p, target)


def remove_item(
    path: Any,
    recurse: bool = False,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> None:
    """``Remove-Item p [-Recurse] [-ErrorAction SilentlyContinue]``: a missing path is PowerShell's
    non-terminating error (:func:`_not_found`); ``Env:NAME`` removes an environment variable."""
    for one in items(path):
        p = _path(one)
        if p.lower().startswith("env:"):
            if p[4:] not in os.environ:
                _not_found("Remove-Item", p, silently, error_action, error_variable)
            os.environ.pop(p[4:], None)
            continue
        if not os.path.lexists(p):
            _not_found("Remove-Item", p, silently, error_action, error_variable)
            continue
        if os.path.isdir(p) and not os.path.islink(p):
            if recurse:
                shutil.rmtree(p)
            elif os.listdir(p):
                raise ScriptError(f"The item at {p} has children and the Recurse parameter was not specified.")
            else:
                os.rmdir(p)
        else:
            os.remove(p)


def get_child_item(
    path: Any = ".",
    filter: Any = None,  # noqa: A002 - the cmdlet's parameter
    file: bool = False,
    directory: bool = False,
    recurse: bool = False,
    name: bool = False,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> list[Any]:
    """``Get-ChildItem``: a folder's items (hidden ones only with ``force``), each with ``Name``, ``FullName``,
    ``BaseName``, ``Extension``, ``Length``, ``LastWriteTime``, ``PSIsContainer``, ``DirectoryName``; the
    relative names with ``name``. ``filter`` is a wildcard on the names. In name order."""
    from ._operators import wildcard

    root = _path(path)
    if not os.path.exists(root):
        _not_found("Get-ChildItem", root, silently, error_action, error_variable)
        return []
    if os.path.isfile(root):
        found = [root]
    else:
        found = []
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for entry in sorted(dirs) + sorted(files):
                found.append(os.path.join(folder, entry))
            if not recurse:
                break
    pattern = wildcard(text(filter)) if filter is not None else None
    out: list[Any] = []
    for full in found:
        base = os.path.basename(full)
        is_dir = os.path.isdir(full)
        if (file and is_dir) or (directory and not is_dir) or (not force and base.startswith(".")):
            continue
        if pattern is not None and not pattern.match(base):
            continue
        if name:
            out.append(os.path.relpath(full, root) if os.path.isdir(root) else base)
            continue
        out.append(_item(full))
    return out


def _item(full: str) -> PSObject:
    """A file or folder as ``Get-ChildItem`` and ``Get-Item`` give it."""
    base = os.path.basename(os.path.normpath(full))
    is_dir = os.path.isdir(full)
    stem, ext = os.path.splitext(base)
    info = PSObject(
        {
            "Name": base,
            "FullName": os.path.abspath(full),
            "BaseName": base if is_dir else stem,
            "Extension": "" if is_dir else ext,
            "DirectoryName": os.path.dirname(os.path.abspath(full)),
            "PSIsContainer": is_dir,
            "LastWriteTime": datetime.fromtimestamp(os.path.getmtime(full)),
        }
    )
    if not is_dir:
        info["Length"] = os.path.getsize(full)
    return info


def get_item(
    path: Any,
    force: bool = False,
    silently: bool = False,
    error_action: str | None = None,
    error_variable: list[Any] | None = None,
) -> Any:
    """``Get-Item p``: the file or folder (as :func:`get_child_item` gives its items), or ``Env:NAME``'s
    entry (``Name``, ``Key``, ``Value``); an array of paths gives an array. A missing path gives nothing,
    after PowerShell's non-terminating error (:func:`_not_found`)."""
    found: list[Any] = []
    for one in items(path):
        p = _path(one)
        if p.lower().startswith("env:"):
            name = p[4:]
            if name in os.environ:
                found.append(DictionaryEntry(name, os.environ[name]))
            else:
                _not_found("Get-Item", p, silently, error_action, error_variable)
            continue
        if any(c in p for c in "*?[") and not os.path.lexists(p):
            raise ScriptError(f"Get-Item of a wildcard path ({p}) is not translated; use Get-ChildItem -Filter.")
        if not os.path.lexists(p):
            _not_found("Get-Item", p, silently, error_action, error_variable)
            continue
        found.append(_item(p))
    return collect(found) if isinstance(path, (list, tuple)) else (found[0] if found else None)


def new_item(path: Any, item_type: str = "File", value: Any = None, force: bool = False) -> str:
    """``New-Item p -ItemType File|Directory [-Value v] [-Force]``: creates it and returns its full path."""
    p = _path(path)
    if (item_type or "file").lower() == "directory":
        if os.path.exists(p) and not force:
            raise ScriptError(f"An item with the specified name {os.path.abspath(p)} already exists.")
        os.makedirs(p, exist_ok=True)
    else:
        if os.path.exists(p) and not force:
            raise ScriptError(f"The file '{os.path.abspath(p)}' already exists.")
        _write(p, text(value) if value is not None else "", "w", None)
    return os.path.abspath(p)


def _row_names(first: Any) -> list[str]:
    fields = model_fields(first)
    if fields is not None:
        return list(fields)
    if isinstance(first, dict):
        return [str(k) for k in first]
    return []


def _csv_field(value: Any, delimiter: str, use_quotes: str) -> str:
    """One CSV field as PowerShell 7 writes it: the value's .NET text (an array is ``System.Object[]``),
    quoted (``Always``; ``AsNeeded`` only when it holds the delimiter, a quote or a line break), a ``$null``
    empty and never quoted."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        shown = "System.Object[]"
    elif isinstance(value, Mapping) and not isinstance(value, PSObject):
        shown = (
            "System.Collections.Specialized.OrderedDictionary" if _is_ordered(value) else "System.Collections.Hashtable"
        )
    else:
        shown = text(value)
    quote = use_quotes == "always" or (
        use_quotes == "asneeded" and any(c in shown for c in (delimiter, '"', "\n", "\r"))
    )
    return '"' + shown.replace('"', '""') + '"' if quote else shown


def _is_ordered(value: Any) -> bool:
    return isinstance(value, OrderedHashtable)


def csv_lines(rows: list[Any], delimiter: str = ",", use_quotes: str = "Always", header: bool = True) -> list[str]:
    """``ConvertTo-Csv``'s lines (and what ``Export-Csv`` writes): a header of the first object's properties,
    then one line per object."""
    if not rows:
        return []
    mode = use_quotes.lower()
    if mode not in ("always", "asneeded", "never"):
        raise ScriptError(f"Cannot bind parameter 'UseQuotes'. Cannot convert value \"{use_quotes}\".")
    names = _row_names(rows[0])
    lines = [delimiter.join(_csv_field(n, delimiter, mode) for n in names)] if header else []
    for row in rows:
        lines.append(delimiter.join(_csv_field(member(row, name), delimiter, mode) for name in names))
    return lines


def convert_to_csv(value: Any, delimiter: str = ",", use_quotes: str = "Always") -> list[str]:
    """``... | ConvertTo-Csv [-NoTypeInformation] [-Delimiter c] [-UseQuotes Always|AsNeeded|Never]``."""
    return csv_lines(items(value), delimiter, use_quotes)


def export_csv(
    value: Any,
    path: Any,
    append: bool = False,
    delimiter: str = ",",
    no_type_information: bool = True,
    use_quotes: str = "Always",
) -> None:
    """``... | Export-Csv p [-NoTypeInformation] [-Append]``: a header of the first object's properties,
    then one line per object, every field quoted (PowerShell 7's default)."""
    rows = items(value)
    if not rows:
        return
    p = _path(path)
    exists = append and os.path.exists(p) and os.path.getsize(p) > 0
    lines = csv_lines(rows, delimiter, use_quotes, header=not exists)
    _write(p, "".join(line + "\n" for line in lines), "a" if append else "w", None)


def import_csv(path: Any, delimiter: str = ",", header: Any = None) -> Any:
    """``Import-Csv p``: one object per line after the header, every value text. A missing file ends the
    statement with .NET's ``FileNotFoundException``, as Import-Csv opens it."""
    p = _path(path)
    if not os.path.exists(p):
        raise dotnet_error("System.IO.FileNotFoundException", f"Could not find file '{os.path.abspath(p)}'.")
    with open(p, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    return collect(_csv_objects(rows, header))


def convert_from_csv(value: Any, delimiter: Any = ",", header: Any = None) -> list[Any]:
    """``... | ConvertFrom-Csv``: the piped text (lines, or a here-string of several) read as CSV, one object
    per data line, every value text."""
    mark = bind_char(delimiter, "Delimiter")
    body = "\n".join(text(v) for v in items(value) if v is not None)
    return _csv_objects(list(csv.reader(io.StringIO(body, newline=""), delimiter=mark)), header)


def _csv_objects(rows: list[list[str]], header: Any) -> list[Any]:
    """Objects of CSV rows: the names from ``header`` or the first row; a short row's missing values ``$null``."""
    if header is not None:
        names = [text(h) for h in items(header)]
    else:
        if not rows:
            return []
        names, rows = rows[0], rows[1:]
    out = []
    for row in rows:
        if not row:
            continue
        obj = PSObject()
        for i, name in enumerate(names):
            obj[name] = row[i] if i < len(row) else None
        out.append(obj)
    return out
