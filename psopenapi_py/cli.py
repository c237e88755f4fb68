"""The ``psopenapi`` command: the package's functions from a shell, JSON in and out.

Exit codes: 0 success, 1 partial (translate: something was left untranslated), 2 bad input (nothing
sent), 3 no credentials, 4 the API answered with an error, 5 connection failure or timeout.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CREDENTIALS = 3
EXIT_API_ERROR = 4
EXIT_CONNECTION = 5

EPILOG = """exit codes:
  0  success
  1  translate: some lines were left untranslated (see the warnings)
  2  bad input: nothing was sent
  3  no credentials: set OPENAI_API_KEY or pass --api-key
  4  the API answered with an error (its message is on stderr)
  5  connection failure or timeout
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="psopenapi",
        description="Mint ephemeral OpenAI Realtime keys (a Python port of PSOpenAPITools' Realtime API).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"psopenapi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="run the seed documentation example and print the request body")
    demo.set_defaults(func=_cmd_demo)
    return parser


def _cmd_demo(args: Any) -> int:
    from .models import initialize_realtime_session_create_request

    request = initialize_realtime_session_create_request(model="gpt-4o-realtime-preview", modalities="text")
    print(request.to_json())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
