"""What the commands read from files and stdin: request bodies, SDP offers, scripts, API keys.

Every file option takes what Windows PowerShell writes (UTF-16 or UTF-8 with a byte-order mark) as well as
plain UTF-8 (:func:`psopenapi_py._text_files.decode_text`).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .._runtime import MAX_JSON_DEPTH
from .._text_files import decode_text
from ._parser import CliError

#: Options whose value ``-`` means stdin, by argparse attribute: only one of them can have it.
STDIN_OPTIONS = {"sdp_file": "--sdp-file", "body": "--body", "api_key": "--api-key"}


def shown(source: str) -> str:
    """How an error line names a file option's value: ``stdin`` for ``-``, else the path quoted."""
    return "stdin" if source == "-" else repr(source)


def read_text(source: str, option: str, what: str = "") -> str:
    """The text of the file ``source``, or of stdin for ``-`` (see :func:`decode_text`).

    Raises:
        CliError: unreadable (naming ``option`` and the path), or not text (``what`` says what it should be).
    """
    from pathlib import Path

    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise CliError(f"{option}: cannot read {shown(source)}: {exc.strerror or exc}.") from None
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise CliError(
            f"{option}: {shown(source)} is not UTF-8 (or UTF-16 with a byte-order mark) text{what}."
        ) from None


def parse_json(text: str, option: str, source: str | None = None) -> Any:
    """The JSON value in ``text``, read for ``option`` (from the file ``source``, when it came from one).

    Raises:
        CliError: not JSON, or nested deeper than the parser can follow.
    """
    where = f"{option}: {shown(source)}" if source is not None else option
    try:
        return json.loads(text)
    except RecursionError:
        raise CliError(f"{where} is JSON nested more than {MAX_JSON_DEPTH} levels deep.") from None
    except ValueError as exc:
        if source is None:
            raise CliError(f"{option} {text!r} is not valid JSON: {exc}.") from None
        raise CliError(f"{where} is not valid JSON: {exc}.") from None


def check_one_stdin_reader(args: Any) -> None:
    """Refuse a command line where two options both read stdin (``-``).

    Raises:
        CliError: naming both.
    """
    readers = [option for dest, option in STDIN_OPTIONS.items() if getattr(args, dest, None) == "-"]
    if len(readers) > 1:
        raise CliError(f"{readers[0]} - and {readers[1]} - both want stdin: give one of them as a file.")


def read_api_key(args: Any) -> None:
    """Replace ``--api-key -`` and ``--api-key-file PATH`` by the key they give (the first line, its line
    break dropped), so that the key never has to be typed where process lists show it.

    ``args.api_key_option`` records which option gave the key, for error lines.

    Raises:
        CliError: an unreadable file (naming the option and the path), or no key in it.
    """
    path = getattr(args, "api_key_file", None)
    if path is not None:
        option, key = "--api-key-file", _first_line(read_text(path, "--api-key-file"))
    elif getattr(args, "api_key", None) == "-":
        option, key, path = "--api-key -", _first_line(_key_from_stdin()), "-"
    else:
        return
    if not key:
        raise CliError(f"{option}: {shown(path)} has no key on its first line.")
    args.api_key, args.api_key_option = key, option


def _key_from_stdin() -> str:
    """The text on stdin; asked for without echo when stdin is a terminal."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass("API key: ")
    return read_text("-", "--api-key -")


def _first_line(text: str) -> str:
    """The first line of a key file or of stdin, without its line break."""
    return text.splitlines()[0] if text.splitlines() else ""
