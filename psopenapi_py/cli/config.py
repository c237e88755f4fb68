"""``psopenapi get-configuration``: the settings a call would use now, secrets redacted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._runtime import REDACTED
from ._output import print_json
from ._parser import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    add_connection_options,
    configuration_from_args,
    subcommand,
)

if TYPE_CHECKING:
    import argparse


#: What get-configuration can exit with (it sends nothing).
EXIT_CODES = (EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED)


def add(sub: Any) -> None:
    """Add `get-configuration` with the connection options."""
    parser = subcommand(
        sub,
        "get-configuration",
        help="print the effective configuration as JSON, secrets redacted (Get-Configuration)",
        description="Print the settings a call would use now (options, then OPENAI_* variables, then defaults) "
        "as JSON. Secrets are shown as <redacted>.",
        exit_codes=EXIT_CODES,
    )
    add_connection_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the effective configuration as JSON, secrets redacted."""
    configuration = configuration_from_args(args)
    settings = configuration.to_dict(redact=True)
    settings["base_url"] = configuration.effective_base_url()
    settings["access_token"] = REDACTED if configuration.effective_access_token() else None
    print_json(settings)
    return EXIT_OK
