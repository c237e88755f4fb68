"""``psopenapi mock-server``: the offline OpenAI-compatible server, from a shell."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

from ._output import for_terminal
from ._parser import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, CliError, argument_type_error, non_negative, subcommand

if TYPE_CHECKING:
    import argparse
    import logging

#: ``psopenapi mock-server`` listens here unless ``--port`` says otherwise (0 picks a free port).
MOCK_SERVER_DEFAULT_PORT = 8765
#: What the server answers, as its help and its start-up line say it.
SERVED = (
    "POST /v1/realtime/sessions, /client_secrets, /transcription_sessions, /translations/client_secrets, "
    "/calls and /calls/CALL_ID/accept|reject|refer|hangup"
)


#: What mock-server can exit with (Ctrl-C while serving is a normal stop).
EXIT_CODES = (EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED)


def add(sub: Any) -> None:
    """Add `mock-server` and its options (host, port, key, faults, record)."""
    parser = subcommand(
        sub,
        "mock-server",
        help="serve an OpenAI-compatible Realtime API on loopback for offline dry runs",
        description=f"Serve {SERVED} like OpenAI does (auth, strict validation, OpenAI's error shape, calls "
        "with their state) until Ctrl-C. Prints the base URL to use as OPENAI_BASE_URL on the first line of "
        "stdout; logs one line per request on stderr.",
        exit_codes=EXIT_CODES,
        exit_notes={EXIT_OK: "stopped by Ctrl-C or SIGTERM (the normal way to end it)"},
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    parser.add_argument(
        "--port",
        type=non_negative(int),
        default=MOCK_SERVER_DEFAULT_PORT,
        help=f"port (default {MOCK_SERVER_DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help="accept only this bearer key, or - to read it from stdin (default: any well-formed one)",
    )
    parser.add_argument(
        "--fail-first",
        type=_fail_first,
        metavar="N[:STATUS]",
        help="answer the first N API requests with STATUS (default 503)",
    )
    parser.add_argument(
        "--retry-after", type=non_negative(float), metavar="SECONDS", help="send retry-after on those failures"
    )
    parser.add_argument("--latency-ms", type=non_negative(float), metavar="MS", help="delay every answer", default=0.0)
    parser.add_argument("--record", metavar="FILE", help="append every request to FILE as a JSON line")
    parser.add_argument(
        "--sip-call",
        action="append",
        default=[],
        metavar="CALL_ID",
        help="an incoming SIP call the server knows from the start (to accept, reject, refer, hang up); repeatable",
    )
    parser.add_argument(
        "--retired-beta",
        action="store_true",
        help="answer the beta paths (sessions, transcription_sessions) as OpenAI does today: beta_api_shape_disabled",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="accept request fields the spec does not declare (as the live API takes newer fields); "
        "every declared field is still checked",
    )
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    parser.set_defaults(func=run)


def _fail_first(text: str) -> tuple[int, int]:
    """Parse --fail-first N[:STATUS] into (N, STATUS), STATUS defaulting to 503."""
    match = re.fullmatch(r"(\d+)(?::(\d{3}))?", text.strip())
    if match is None or not 400 <= int(match.group(2) or 503) <= 599:
        raise argument_type_error(f"expected N or N:STATUS with STATUS 400-599 (e.g. 2 or 3:429), got {text!r}")
    return int(match.group(1)), int(match.group(2) or 503)


def run(args: argparse.Namespace) -> int:
    """Serve the mock API until Ctrl-C or SIGTERM; the base URL is the first line of stdout."""
    import logging
    import signal

    from ..exceptions import ApiTypeError, ApiValueError
    from ..mock_server import MockServer

    fail_first, fail_status = args.fail_first or (0, 503)
    if args.record is not None:
        # Found out now rather than as one warning per request once clients are talking to us.
        from ..mock_server._recording import open_record_file

        try:
            with open_record_file(args.record):
                pass
        except OSError as exc:
            raise CliError(f"--record: cannot write to {args.record!r}: {exc.strerror or exc}.") from None
    try:
        server = MockServer(
            host=args.host,
            port=args.port,
            api_key=args.api_key if args.api_key else None,
            fail_first=fail_first,
            fail_status=fail_status,
            retry_after=args.retry_after,
            latency_ms=args.latency_ms,
            record=args.record,
            sip_calls=args.sip_call,
            retired_beta=args.retired_beta,
            lenient=args.lenient,
        )
    except (ApiTypeError, ApiValueError) as exc:
        option = {"sip_calls": "--sip-call"}.get(str(exc.parameter), "--" + str(exc.parameter).replace("_", "-"))
        raise CliError(f"{exc} (from {option})") from None
    try:
        server.bind()
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host} port {args.port}: {exc.strerror or exc}.") from None
    print(server.url, flush=True)
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(
            f"psopenapi mock-server: warning: listening on {args.host}, which other machines may reach.",
            file=sys.stderr,
            flush=True,
        )
    extras = "".join(
        [
            "; the beta paths answer beta_api_shape_disabled" if args.retired_beta else "",
            f"; incoming SIP calls: {', '.join(args.sip_call)}" if args.sip_call else "",
        ]
    )
    print(
        f"psopenapi mock-server: serving {SERVED}{extras}; use OPENAI_BASE_URL={server.url}. Ctrl-C stops.",
        file=sys.stderr,
        flush=True,
    )
    logger = logging.getLogger("psopenapi_py.mock_server")
    handler: logging.Handler | None = None
    if not args.quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_terminal_formatter(logging.Formatter)("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    previous_sigterm = _sigterm_as_interrupt(signal)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("psopenapi mock-server: stopped.", file=sys.stderr, flush=True)
    finally:
        server.stop()
        if handler is not None:
            logger.removeHandler(handler)
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
    return EXIT_OK


def _terminal_formatter(base: type[logging.Formatter]) -> type[logging.Formatter]:
    """A log formatter that escapes control characters: a client's path must not steer the terminal."""

    class TerminalFormatter(base):  # type: ignore[valid-type, misc]
        def format(self, record: logging.LogRecord) -> str:
            return for_terminal(super().format(record))

    return TerminalFormatter


def _sigterm_as_interrupt(signal: Any) -> Any:
    """Make SIGTERM stop the server as cleanly as Ctrl-C (CI runners and `kill` send TERM)."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (main() called from a test thread): leave signals alone
        return None
