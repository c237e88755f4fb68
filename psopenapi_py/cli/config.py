"""``psopenapi get-configuration``: the settings a call would use now, secrets redacted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import _redact
from .._redact import MARKER as REDACTED
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
        "as JSON: with the proxy a call to the base URL would go through (from HTTPS_PROXY/HTTP_PROXY/ALL_PROXY "
        "and NO_PROXY; never for loopback), and OPENAI_ORG_ID and OPENAI_PROJECT_ID as org_id and project_id. "
        "Secrets (the key, passwords in URLs) are shown as <redacted>.",
        exit_codes=EXIT_CODES,
    )
    add_connection_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the effective configuration as JSON, secrets redacted."""
    configuration = configuration_from_args(args)
    settings = configuration.to_dict(redact=True)
    settings["base_url"] = _redact.url(configuration.effective_base_url())
    settings["access_token"] = REDACTED if configuration.effective_access_token() else None
    proxy = configuration.effective_proxy()
    settings["proxy"] = _redact.url(proxy) if proxy is not None else None
    settings["org_id"] = configuration.effective_org_id()
    settings["project_id"] = configuration.effective_project_id()
    print_json(settings)
    return EXIT_OK
