"""The ``psopenapi`` command: the package's functions from a shell, JSON in and out.

Exit codes: 0 success, 1 partial (translate: something was left untranslated), 2 bad input (nothing
sent), 3 no credentials, 4 the API answered with an error, 5 connection failure or timeout.

One module per command group (:mod:`.mint`, :mod:`.calls`, :mod:`.config`, :mod:`.mock`, :mod:`.demo`,
:mod:`.serve`, :mod:`.translate`), each adding its subcommands to the parser; the commands that send a request
declare its options once, as flags (:mod:`._flags`). Every error is mapped to its exit code in one
place, :func:`main`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .. import _redact
from . import calls, config, demo, mint, mock, serve, translate
from ._input import check_one_stdin_reader, read_api_key
from ._output import for_terminal, print_minted_key
from ._parser import (
    EPILOG,
    EXIT_API_ERROR,
    EXIT_BAD_INPUT,
    EXIT_CONNECTION,
    EXIT_INTERRUPTED,
    EXIT_NO_CREDENTIALS,
    EXIT_OK,
    EXIT_PARTIAL,
    CliError,
    add_connection_options,
    add_output_options,
    configuration_from_args,
    request_id_suffix,
    root_parser,
)

if TYPE_CHECKING:
    import argparse

__all__ = [
    "EPILOG",
    "EXIT_API_ERROR",
    "EXIT_BAD_INPUT",
    "EXIT_CONNECTION",
    "EXIT_INTERRUPTED",
    "EXIT_NO_CREDENTIALS",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "SUBCOMMANDS",
    "CliError",
    "add_connection_options",
    "add_output_options",
    "build_parser",
    "configuration_from_args",
    "main",
    "print_minted_key",
]

#: Every subcommand, in --help order: each entry adds one subparser and sets ``func``.
SUBCOMMANDS: list[Callable[[Any], None]] = [
    *(command.add for command in mint.COMMANDS),
    *(command.add for command in calls.COMMANDS),
    config.add,
    mock.add,
    demo.add,
    serve.add,
    translate.add,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = root_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def _skip_the_final_garbage_collection() -> None:
    """End a command-line run without the interpreter's last full garbage collection.

    With requests loaded, that collection walks every object of the process and takes about 15 ms
    of a 100 ms one-shot call (docs/performance.md). Objects are frozen out of it by an atexit hook,
    which runs after the command's work and before the collection; Python promises no __del__ at
    exit anyway, and every file the commands open is closed by then. Only a real command line
    (``argv`` not given) does this: a caller of main([...]) keeps its process as it was.
    """
    import atexit
    import gc

    atexit.register(gc.freeze)


def _scrub(message: str, secrets: Iterable[str | None]) -> str:
    """One line, with any known secret and anything shaped like a key masked."""
    return _redact.text(" ".join(message.split()), secrets)


def _fail(prog: str, message: str, exit_code: int, secrets: Iterable[str | None]) -> int:
    """Write the one-line error for an exit code to stderr, secrets masked, control characters escaped;
    return the exit code."""
    print(f"{prog}: error: {for_terminal(_scrub(message, secrets))}", file=sys.stderr)
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from ..exceptions import (
        ApiConnectionError,
        ApiException,
        ApiTypeError,
        ApiValueError,
        MissingCredentialsError,
    )

    if argv is None:
        _skip_the_final_garbage_collection()
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed what it had to say
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    prog = f"psopenapi {args.command}"
    # The key read from stdin or --api-key-file joins this list once it is known.
    secrets: list[str | None] = [os.environ.get("OPENAI_API_KEY")]
    try:
        check_one_stdin_reader(args)
        read_api_key(args)
        secrets.append(getattr(args, "api_key", None))
        return int(args.func(args))
    except CliError as exc:
        return _fail(prog, str(exc), exc.exit_code, secrets)
    except MissingCredentialsError:
        return _fail(
            prog,
            "no API key: set OPENAI_API_KEY, or pass --api-key or --api-key-file (nothing was sent).",
            EXIT_NO_CREDENTIALS,
            secrets,
        )
    except (ApiValueError, ApiTypeError) as exc:
        return _fail(prog, f"{exc} (nothing was sent)", EXIT_BAD_INPUT, secrets)
    except ApiException as exc:
        return _fail(prog, f"{exc}{request_id_suffix(exc)}", EXIT_API_ERROR, secrets)
    except ApiConnectionError as exc:
        return _fail(prog, str(exc), EXIT_CONNECTION, secrets)
    except KeyboardInterrupt:
        return _fail(prog, "interrupted.", EXIT_INTERRUPTED, secrets)
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error worth a traceback. Point
        # stdout at devnull so the interpreter's final flush does not fail a second time.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout is no real file (captured, replaced): nothing to redirect
            pass
        return EXIT_OK
