"""What the commands print: the response JSON, the ephemeral key alone, or the key as variable assignments
for a shell (``env``), a dotenv file (``dotenv``) or PowerShell (``pwsh``)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._parser import EXIT_API_ERROR, CliError

if TYPE_CHECKING:
    import argparse

#: Characters that steer a terminal instead of showing (C0 but tab and line feed, DEL, C1, and the
#: Unicode controls that reorder or break lines): text from a server or a file never reaches a terminal
#: with them raw. ESC starts colour, cursor and OSC sequences (window titles, hyperlinks, clipboard).
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: The same set plus tab and line feed: none may be part of a key printed alone or in an assignment.
_KEY_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return _escape_char(match.group())


def for_terminal(text: str) -> str:
    """Text for a person's terminal: every control character shown as an escape (``\\x1b``, ``\\u202e``).

    Used for everything printed for a person (error lines, warnings, logs); tabs and line breaks stay.
    """
    return _TERMINAL_CONTROLS.sub(_escape, text)


def json_text(document: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII characters as they are, but every control character as a ``\\u`` escape.

    json escapes C0 itself; DEL, C1 and the Unicode line and direction controls are escaped here too,
    which gives the same JSON value and keeps a hostile answer from steering the terminal that shows it.
    """
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    # Outside strings json.dumps writes ASCII only, so every match is inside a string.
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def refuse_controls(text: str, what: str, allowed: str = "") -> None:
    """Refuse to print an answer meant to be used byte for byte (a key, an SDP answer) that holds
    control characters: escaping would change it, and printing it raw would let it steer the terminal.

    Raises:
        CliError: exit 4, naming the first such character and where it is, never the text itself.
    """
    pattern = re.compile(f"(?![{re.escape(allowed)}]){_KEY_CONTROLS.pattern}") if allowed else _KEY_CONTROLS
    found = pattern.search(text)
    if found is None:
        return
    before = text[: found.start()]
    if "\n" in allowed:
        where = f"line {before.count(chr(10)) + 1}, column {found.start() - before.rfind(chr(10))}"
    else:
        where = f"character {found.start() + 1}"
    raise CliError(
        f"the API answered with {what} holding a control character ({_escape_char(found.group())} at {where}); "
        "refused as unsafe, nothing was printed.",
        EXIT_API_ERROR,
    )


def _escape_char(char: str) -> str:
    """``\\x1b`` for a character up to U+00FF, ``\\u202e`` above."""
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


#: Returns ``(ephemeral key, expires_at)`` from a response model.
KeyOf = Callable[[Any], "tuple[str, int | None]"]


def print_minted_key(args: argparse.Namespace, result: Any, key_of: KeyOf) -> None:
    """Print an API result as --output and --with-http-info ask: the JSON, the key alone, or variable assignments.

    ``result`` is what the API function returned (a model, or an ApiResponse with ``--with-http-info``);
    ``key_of`` returns ``(ephemeral key, expires_at)`` from the model. Nothing is printed unless the
    whole output can be: a failure leaves stdout empty.
    """
    response, http_info = split_http_info(result)
    if args.output == "json":
        body = as_sent(response.to_dict())
        print_json({**http_info, "response": body} if http_info is not None else body)
        return
    key, expires_at = key_of(response)
    refuse_controls(key, "an ephemeral key")
    if args.output == "token":
        text = key + "\n"
    else:
        expiry = "" if expires_at is None else str(int(expires_at))
        text = "".join(
            ASSIGNMENTS[args.output](name, value)
            for name, value in (("OPENAI_EPHEMERAL_KEY", key), ("OPENAI_EPHEMERAL_KEY_EXPIRES_AT", expiry))
        )
    if http_info is not None:
        print(json_text(http_info), file=sys.stderr)
    sys.stdout.write(text)


def _export(name: str, value: str) -> str:
    """``export NAME='value'`` for sh/bash/zsh: single-quoted, so ``eval`` runs nothing in it."""
    import shlex

    return f"export {name}={shlex.quote(value)}\n"


def _dotenv(name: str, value: str) -> str:
    """``NAME='value'`` for a .env file: single quotes, which python-dotenv, docker compose and node's
    dotenv all read literally (no ``$`` expansion), and which ``set -a; . FILE`` reads the same way."""
    # Inside single quotes python-dotenv still unescapes \\ and \', and the others do not: a value
    # with either has no spelling all of them read the same.
    if "'" in value or "\\" in value:
        raise CliError(
            f"--output dotenv: the answer's {name} contains a quote or a backslash, which a .env file "
            "cannot hold unchanged for every reader; use --output env or json.",
            EXIT_API_ERROR,
        )
    return f"{name}='{value}'\n"


def _pwsh(name: str, value: str) -> str:
    """``$env:NAME = 'value'`` for PowerShell: single-quoted (no expansion), each single quote doubled
    (PowerShell takes the typographic quotes as single quotes too)."""
    quoted = "".join(ch * 2 if ch in "'\u2018\u2019\u201a\u201b" else ch for ch in value)
    return f"$env:{name} = '{quoted}'\n"


#: ``--output`` modes that print the key as variable assignments, and how each writes one.
ASSIGNMENTS: dict[str, Callable[[str, str], str]] = {"env": _export, "dotenv": _dotenv, "pwsh": _pwsh}


def split_http_info(result: Any) -> tuple[Any, dict[str, Any] | None]:
    """``(response, {"status_code", "headers"})`` from an ApiResponse, or ``(result, None)`` from a bare result."""
    from ..realtime_api import ApiResponse

    if isinstance(result, ApiResponse):
        return result.response, {"status_code": result.status_code, "headers": dict(result.headers)}
    return result, None


def print_json(document: Any) -> None:
    """Print a JSON document indented, non-ASCII characters as they are, control characters escaped."""
    print(json_text(document, indent=2))


def as_sent(answer: dict[str, Any]) -> dict[str, Any]:
    """A response dict with ``id``, ``object`` and ``model`` first, where OpenAI's answers have them
    (the model keeps these undeclared keys last)."""
    ordered: dict[str, Any] = {k: answer[k] for k in ("id", "object", "model") if k in answer}
    ordered.update((k, v) for k, v in answer.items() if k not in ordered)
    return ordered
