"""``psopenapi translate``: a PowerShell script that uses the module, as Python that uses psopenapi_py."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._input import read_text
from ._output import for_terminal
from ._parser import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, CliError, subcommand

if TYPE_CHECKING:
    import argparse


#: What translate can exit with.
EXIT_CODES = (EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED)


def add(sub: Any) -> None:
    """Add `translate`."""
    parser = subcommand(
        sub,
        "translate",
        help="translate a PowerShell script that uses the module into Python",
        description="Translate SCRIPT, a PowerShell script that uses PSOpenAPITools, into Python that uses "
        "psopenapi_py. What is not translated stays in place as '# untranslated (line N): ...' and is listed "
        "on stderr as SCRIPT:N: reason; the exit code is then 1. See docs/translate.md.",
        exit_codes=EXIT_CODES,
        exit_notes={EXIT_PARTIAL: "some lines were left untranslated (see the warnings)"},
    )
    parser.add_argument("script", metavar="SCRIPT", help="the .ps1 file (UTF-8 or UTF-16 with BOM), or - for stdin")
    parser.add_argument("-o", "--out", metavar="OUT.py", help="write the Python to OUT.py (default: stdout)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Translate a PowerShell script to Python; exit 1 when anything was left untranslated.

    Raises:
        CliError: SCRIPT unreadable or not text, OUT.py not writable, or the translate extra not installed.
    """
    from pathlib import Path

    shown = "<stdin>" if args.script == "-" else args.script
    text = read_text(args.script, "SCRIPT")
    try:
        from ..translate import translate_powershell

        result = translate_powershell(text)
    except ImportError as exc:
        raise CliError(
            f"translate needs tree-sitter-powershell: pip install 'psopenapi_py[translate]' ({exc})."
        ) from None
    if args.out is None:
        sys.stdout.write(result.python)
    else:
        try:
            Path(args.out).write_text(result.python, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"--out: cannot write {args.out!r}: {exc.strerror or exc}.") from None
    for warning in result.warnings:
        print(for_terminal(f"{shown}:{warning.line}: {warning.message}"), file=sys.stderr)
    return EXIT_PARTIAL if result.warnings else EXIT_OK
