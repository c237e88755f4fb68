"""``psopenapi serve``: the key-minting, offer-relaying, SIP-webhook backend on a threaded stdlib server."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._parser import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, CliError, non_negative, subcommand

if TYPE_CHECKING:
    import argparse

#: ``psopenapi serve`` listens here unless ``--port`` says otherwise (0 picks a free one).
SERVE_DEFAULT_PORT = 8080
#: What serve can exit with (Ctrl-C while serving is a normal stop).
EXIT_CODES = (EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED)


def _is_loopback(host: str) -> bool:
    """Whether ``--host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def add(sub: Any) -> None:
    """Add `serve` and its options (config, check-config, host, port, demo page)."""
    parser = subcommand(
        sub,
        "serve",
        help="serve /token, /session and /webhooks/openai for Realtime apps (see docs/serve.md)",
        description="Mint ephemeral keys for browsers, relay WebRTC offers and answer incoming SIP calls, as "
        "configured in a JSON file (docs/serve.md), on a threaded server for development and small installs "
        "(use gunicorn for production). Prints the base URL on the first line of stdout; one JSON access-log "
        "line per request on stderr. --check-config only validates the file.",
        exit_codes=EXIT_CODES,
        exit_notes={
            EXIT_OK: "stopped by Ctrl-C or SIGTERM, or --check-config found the file valid",
            EXIT_BAD_INPUT: "the configuration is invalid (the field is named on stderr), or --host/--port cannot be listened on",
        },
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--config", metavar="FILE", help="serve with this JSON configuration")
    which.add_argument("--check-config", metavar="FILE", help="validate this JSON configuration and exit")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    parser.add_argument(
        "--port",
        type=non_negative(int),
        default=SERVE_DEFAULT_PORT,
        help=f"port (default {SERVE_DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument("--demo-page", action="store_true", help="also serve the example browser page at /demo")
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the configuration; unless --check-config, serve until Ctrl-C or SIGTERM."""
    import logging
    import os

    from ..exceptions import ApiTypeError, ApiValueError
    from ..serve import create_app, load_config, make_server
    from .mock import _sigterm_as_interrupt, _terminal_formatter

    path = args.check_config or args.config
    if os.getcwd() not in sys.path and "" not in sys.path:
        # auth.hook modules are found in the current directory, as `python -m` and gunicorn find them; last
        # on the path, so a file there cannot stand in for a module the server imports (signal, json...).
        sys.path.append(os.getcwd())
    try:
        config = load_config(path)
    except (ApiTypeError, ApiValueError) as exc:
        raise CliError(f"{path}: {exc}") from None
    if args.check_config:
        print(f"psopenapi serve: {path} is valid.", file=sys.stderr)
        return EXIT_OK
    if config.auth_none and not _is_loopback(args.host):
        raise CliError(
            f"auth.none is allowed only on loopback; --host {args.host} is not (configure bearer tokens or a hook)."
        )
    logger = logging.getLogger("psopenapi_py.serve")
    previous_level = logger.level
    handler: logging.Handler | None = None
    if not args.quiet or config.auth_none:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_terminal_formatter(logging.Formatter)("%(message)s"))
        logger.addHandler(handler)
        # Quiet: access-log lines are not even built (they cost a JSON dump and a redaction each).
        logger.setLevel(logging.WARNING if args.quiet else logging.INFO)
    import signal

    try:
        app = create_app(config, demo=args.demo_page)
        try:
            server = make_server(app, args.host, args.port)
        except (ApiTypeError, ApiValueError) as exc:
            raise CliError(f"{exc} (from --{exc.parameter})") from None
        except (OSError, OverflowError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise CliError(f"cannot listen on {args.host} port {args.port}: {reason}.") from None
        # From before the base URL is printed: a caller that stops the server as soon as it reads the URL
        # gets the normal stop (exit 0), not a death by signal.
        previous_sigterm = _sigterm_as_interrupt(signal)
        try:
            host = f"[{args.host}]" if ":" in args.host else args.host
            print(f"http://{host}:{server.server_port}", flush=True)
            if not _is_loopback(args.host):
                print(
                    f"psopenapi serve: warning: listening on {args.host}, which other machines may reach.",
                    file=sys.stderr,
                )
            if args.demo_page:
                print(
                    f"psopenapi serve: demo page at http://{host}:{server.server_port}/demo",
                    file=sys.stderr,
                    flush=True,
                )
            server.serve_forever(0.05)
        except KeyboardInterrupt:
            print("psopenapi serve: stopped.", file=sys.stderr, flush=True)
        finally:
            server.server_close()
            if previous_sigterm is not None:
                signal.signal(signal.SIGTERM, previous_sigterm)
    finally:
        if handler is not None:
            logger.removeHandler(handler)
            logger.setLevel(previous_level)
    return EXIT_OK
