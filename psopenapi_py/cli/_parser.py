"""The parser every subcommand hangs from: exit codes, one-line usage errors, connection and output options."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import argparse

    from ..configuration import Configuration

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CREDENTIALS = 3
EXIT_API_ERROR = 4
EXIT_CONNECTION = 5
#: Ctrl-C during a call (the shell convention: 128 + SIGINT).
EXIT_INTERRUPTED = 130

#: What each exit code means, for --help and docs/CLI.md; each command lists the ones it can return.
EXIT_MEANINGS: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_PARTIAL: "translate: some lines were left untranslated (see the warnings)",
    EXIT_BAD_INPUT: "bad input or a usage error: nothing was sent",
    EXIT_NO_CREDENTIALS: "no credentials: set OPENAI_API_KEY, or pass --api-key or --api-key-file",
    EXIT_API_ERROR: "the API answered with an error, or with an answer refused as unsafe (the reason is on stderr)",
    EXIT_CONNECTION: "connection failure or timeout",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C) before the command finished",
}
#: The exit codes of a command that sends a request to the API.
API_EXIT_CODES = (EXIT_OK, EXIT_BAD_INPUT, EXIT_NO_CREDENTIALS, EXIT_API_ERROR, EXIT_CONNECTION, EXIT_INTERRUPTED)


def epilog(codes: Iterable[int], notes: Mapping[int, str] | None = None) -> str:
    """The "exit codes:" block of --help for these codes; ``notes`` says what a code means for one command."""
    lines = ["exit codes:"]
    for code in sorted(set(codes)):
        lines.append(f"  {code:<3}  {(notes or {}).get(code, EXIT_MEANINGS[code])}")
    return "\n".join(lines) + "\n"


#: The top-level help's block: every code some command returns.
EPILOG = epilog(EXIT_MEANINGS)


class CliError(Exception):
    """A failure to report as one line on stderr with a given exit code (argument problems, unreadable files)."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code


def request_id_suffix(exc: Any) -> str:
    """' [request id req_...]' for an API error that has one, else ''."""
    request_id = getattr(exc, "request_id", None)
    return f" [request id {request_id}]" if request_id else ""


def root_parser() -> argparse.ArgumentParser:
    """The top-level ``psopenapi`` parser with --version and no subcommands yet."""
    import argparse

    from .. import __version__

    parser = _parser_class()(
        prog="psopenapi",
        description="Mint ephemeral OpenAI Realtime keys (a Python port of PSOpenAPITools' Realtime API).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"psopenapi {__version__}")
    return parser


def _parser_class() -> type[argparse.ArgumentParser]:
    """The ArgumentParser class the command uses (built on first use: argparse is imported lazily)."""
    import argparse
    import difflib

    class OneLineErrorParser(argparse.ArgumentParser):
        """argparse, but a usage error is one stderr line (exit 2) from the (sub)command that got the bad
        argument, and never repeats a value the command did not understand (it may be a key typed after
        a misspelt option)."""

        def error(self, message: str) -> NoReturn:
            from .. import _redact
            from ._output import for_terminal

            # argparse quotes "--opt=value" whole in some messages (an ambiguous abbreviation); a value it
            # does repeat ("--timeout: ... got 'x'") may still be a key pasted in the wrong place.
            message = for_terminal(_redact.text(_ATTACHED_VALUE.sub(r"\1=…", message)))
            self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

        def parse_known_args(  # type: ignore[override]
            self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
        ) -> tuple[argparse.Namespace, list[str]]:
            # argparse hands a subcommand's leftovers up to the top parser, which would report them as its
            # own; every parser here reports its leftovers itself.
            parsed, extras = super().parse_known_args(args, namespace)
            if extras:
                self.error(f"unrecognized arguments: {_without_values(extras)}")
            return parsed, extras

        def _check_value(self, action: argparse.Action, value: Any) -> None:
            if action.choices is not None and value not in action.choices:
                choices = [str(choice) for choice in action.choices]
                close = difflib.get_close_matches(str(value), choices, n=1)
                hint = f"; did you mean {close[0]}?" if close else ""
                raise argparse.ArgumentError(
                    action, f"invalid choice (the value is not shown){hint} (choose from {', '.join(choices)})"
                )

    return OneLineErrorParser


_ATTACHED_VALUE = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)=\S+")


def _without_values(extras: Sequence[str]) -> str:
    """The unrecognized arguments as the error shows them: option names only, values counted, not shown."""
    options = [arg.split("=", 1)[0] + ("=…" if "=" in arg else "") for arg in extras if arg[:1] == "-" and len(arg) > 1]
    values = len(extras) - len(options)
    shown = " ".join(options)
    if values:
        counted = f"{values} value{'s' if values > 1 else ''} (not shown)"
        shown = f"{shown} and {counted}" if shown else counted
    return shown


def subcommand(
    sub: Any,
    name: str,
    help: str,  # noqa: A002
    description: str,
    exit_codes: Iterable[int],
    exit_notes: Mapping[int, str] | None = None,
) -> argparse.ArgumentParser:
    """Add one subcommand parser with the common look: the description, and the exit codes it can return."""
    import argparse

    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog(exit_codes, exit_notes),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add --base-url, --api-key, --timeout and --max-retries (read back with :func:`configuration_from_args`)."""
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--base-url", metavar="URL", help="API base URL (default: $OPENAI_BASE_URL, else https://api.openai.com/v1)"
    )
    key = group.add_mutually_exclusive_group()
    key.add_argument(
        "--api-key",
        metavar="KEY",
        help="API key, or - to read it from stdin (default: $OPENAI_API_KEY; a key typed here is visible in "
        "process lists: prefer the variable, - or --api-key-file)",
    )
    key.add_argument(
        "--api-key-file",
        metavar="PATH",
        help="read the API key from the first line of PATH (UTF-8, or UTF-16 with a byte-order mark)",
    )
    group.add_argument(
        "--timeout", type=non_negative(float), metavar="SECONDS", help="read timeout of each attempt (default 600)"
    )
    group.add_argument(
        "--max-retries",
        type=non_negative(int),
        metavar="N",
        help="retries on 408/409/429/5xx and connection errors (default 2)",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add --output json|token|env|dotenv|pwsh and --with-http-info (read by :func:`print_minted_key`)."""
    group = parser.add_argument_group("output")
    group.add_argument(
        "--output",
        choices=("json", "token", "env", "dotenv", "pwsh"),
        default="json",
        help="json: the response JSON (default); token: only the ephemeral key; env: export "
        "OPENAI_EPHEMERAL_KEY=... and OPENAI_EPHEMERAL_KEY_EXPIRES_AT=... lines, safe to eval; dotenv: the "
        "same as NAME='...' lines of a .env file; pwsh: the same as $env:NAME = '...' lines for PowerShell",
    )
    group.add_argument(
        "--with-http-info",
        action="store_true",
        help="also show the HTTP status and headers (json: wrapped around the response; the other outputs: on stderr)",
    )


def non_negative(kind: type[int] | type[float]) -> Callable[[str], float]:
    """An argparse type that accepts a finite number >= 0 of the given kind, with a clear message otherwise."""

    def convert(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argument_type_error(
                f"expected a {'whole ' if kind is int else ''}number >= 0, got {text!r}"
            ) from None
        if not value >= 0 or value == float("inf"):
            raise argument_type_error(f"expected a {'whole ' if kind is int else ''}number >= 0, got {text!r}")
        return value

    convert.__name__ = kind.__name__
    return convert


def argument_type_error(message: str) -> Exception:
    """argparse's ArgumentTypeError (imported on first use), which argparse turns into a usage error."""
    import argparse

    return argparse.ArgumentTypeError(message)


#: The option that sets each Configuration setting, for errors about its value.
OPTION_OF_SETTING = {"timeout_sec": "--timeout", "maximum_retry_count": "--max-retries", "access_token": "--api-key"}


def configuration_from_args(args: argparse.Namespace) -> Configuration:
    """A fresh Configuration from --base-url/--api-key/--timeout/--max-retries; the environment fills the rest at call time.

    ``args.api_key`` holds the key itself by now (read from stdin or --api-key-file by :func:`main`).

    Raises:
        CliError: an empty key, or a value the configuration refuses (named as the option that gave it).
        ApiValueError: a --base-url that is not an absolute http(s) URL.
    """
    from ..configuration import Configuration
    from ..exceptions import ApiTypeError, ApiValueError

    key_option = getattr(args, "api_key_option", None) or "--api-key"
    settings: dict[str, Any] = {}
    if args.base_url is not None:
        settings["base_url"] = args.base_url
    if args.api_key is not None:
        if not args.api_key:
            raise CliError("--api-key is empty: pass a key, or leave the option out to use $OPENAI_API_KEY.")
        settings["access_token"] = args.api_key
    if getattr(args, "timeout", None) is not None:
        settings["timeout_sec"] = float(args.timeout)
    if getattr(args, "max_retries", None) is not None:
        settings["maximum_retry_count"] = int(args.max_retries)
    try:
        return Configuration(**settings)
    except (ApiValueError, ApiTypeError) as exc:
        option = OPTION_OF_SETTING.get(str(exc.parameter))
        if option is None:
            raise
        option = key_option if option == "--api-key" else option
        # Said as the user typed it: "--timeout", not the setting's name.
        raise CliError(f"{str(exc).replace(repr(exc.parameter), option, 1)} (nothing was sent)") from None
