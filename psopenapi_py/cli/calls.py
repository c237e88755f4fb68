"""The commands for Realtime calls (WebRTC and SIP): one :class:`CallCommand` table entry each."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import attrs

from ._flags import Flag, RequestSpec, add_extra_json_option, extra_json
from ._input import read_text
from ._output import json_text, print_json, refuse_controls, split_http_info
from ._parser import API_EXIT_CODES, EXIT_OK, CliError, add_connection_options, configuration_from_args, subcommand
from .mint import GA_SESSION_FLAGS

if TYPE_CHECKING:
    import argparse


@attrs.frozen
class CallCommand:
    """A subcommand that acts on a call: ``CALL_ID`` (when ``call_id``), a request from its flags (when
    ``request``; ``optional_request``: none is sent when no option is given), connection options and
    --with-http-info. It prints nothing on success, or the HTTP status and headers as JSON with --with-http-info.
    """

    name: str
    function: str  # the psopenapi_py function it calls
    help: str
    description: str
    request: RequestSpec | None = None
    call_id: bool = True
    optional_request: bool = False
    exit_codes: tuple[int, ...] = API_EXIT_CODES

    def add(self, sub: Any) -> None:
        """Add the subcommand with its CALL_ID, request, connection and output options."""
        parser = subcommand(sub, self.name, help=self.help, description=self.description, exit_codes=self.exit_codes)
        if self.call_id:
            parser.add_argument(
                "call_id", metavar="CALL_ID", help="the call's id, e.g. rtc_... (from the webhook or Location)"
            )
        if self.request is not None:
            self.request.add_to(parser)
        add_connection_options(parser)
        add_extra_json_option(parser)
        self.add_output_options(parser)
        parser.set_defaults(func=self.run)

    def add_output_options(self, parser: argparse.ArgumentParser) -> None:
        """--with-http-info (the only output an action has)."""
        parser.add_argument_group("output").add_argument(
            "--with-http-info", action="store_true", help="print the HTTP status and headers as JSON"
        )

    def positional(self, args: argparse.Namespace) -> list[Any]:
        """The API function's positional arguments: the call id, then the request (or None)."""
        out: list[Any] = [args.call_id] if self.call_id else []
        if self.request is not None:
            if self.optional_request and not self.request.given(args) and getattr(args, "body", None) is None:
                out.append(None)
            else:
                out.append(self.request.request_from(args))
        return out

    def run(self, args: argparse.Namespace) -> int:
        """Build the request, call the API with the command's configuration, print what the output options ask."""
        import psopenapi_py

        positional = self.positional(args)
        configuration = configuration_from_args(args)
        try:
            call = getattr(psopenapi_py, self.function)
            result = call(
                *positional,
                with_http_info=self.wants_http_info(args),
                configuration=configuration,
                extra_body=extra_json(args),
            )
        finally:
            configuration.close()
        self.print_result(args, result)
        return EXIT_OK

    def wants_http_info(self, args: argparse.Namespace) -> bool:
        """Whether to call the API function with ``with_http_info=True``."""
        return bool(args.with_http_info)

    def print_result(self, args: argparse.Namespace, result: Any) -> None:
        """Nothing on success; the HTTP status and headers as JSON with --with-http-info."""
        if args.with_http_info:
            _, http_info = split_http_info(result)
            print_json(http_info)


@attrs.frozen
class NewCallCommand(CallCommand):
    """``new-realtime-call``: the SDP offer from --sdp-file, the optional session from options or --body,
    the SDP answer (or JSON with the call id) on stdout."""

    def add_output_options(self, parser: argparse.ArgumentParser) -> None:
        """--output sdp|json and --with-http-info."""
        group = parser.add_argument_group("output")
        group.add_argument(
            "--output",
            choices=("sdp", "json"),
            default="sdp",
            help='sdp: the SDP answer as the API sent it (default); json: {"call_id": ..., "sdp": ...}',
        )
        group.add_argument(
            "--with-http-info",
            action="store_true",
            help="also show the HTTP status and headers (json: wrapped around the answer; sdp: on stderr)",
        )

    def positional(self, args: argparse.Namespace) -> list[Any]:
        """The SDP offer read from --sdp-file, and the session (None when no session option or --body is given)."""
        if args.sdp_file is None:
            raise CliError("--sdp-file is required: the caller's SDP offer, from a file or - for stdin.")
        assert self.request is not None
        session = None
        if any(flag.field is not None for flag, _ in self.request.given(args)) or args.body is not None:
            session = self.request.request_from(args)
        return [read_text(args.sdp_file, "--sdp-file", " (an SDP offer is text)"), session]

    def wants_http_info(self, args: argparse.Namespace) -> bool:
        # The call id comes from the Location header, which only the HTTP info carries.
        return bool(args.with_http_info or args.output == "json")

    def print_result(self, args: argparse.Namespace, result: Any) -> None:
        """The SDP answer as sent, or JSON with the call id; the HTTP info around the JSON or on stderr."""
        answer, http_info = split_http_info(result)
        if args.output == "sdp":
            # Passed on byte for byte to the caller's browser: an answer that would steer a terminal is
            # refused rather than changed (SDP is text lines; CR and LF are its only controls).
            refuse_controls(answer, "an SDP answer", allowed="\r\n")
            if args.with_http_info:
                print(json_text(http_info), file=sys.stderr)
            sys.stdout.write(answer)
            return
        document = {"call_id": result.call_id, "sdp": answer}
        print_json(document if http_info is None or not args.with_http_info else {**http_info, "response": document})


def _ga_session_request() -> Any:
    from ..models.realtime_client_secrets import RealtimeSessionCreateRequestGA

    return RealtimeSessionCreateRequestGA


def _reject_request() -> Any:
    from ..models.realtime_calls import RealtimeCallRejectRequest

    return RealtimeCallRejectRequest


def _refer_request() -> Any:
    from ..models.realtime_calls import RealtimeCallReferRequest

    return RealtimeCallReferRequest


_SESSION_BODY_HELP = "the session as JSON (RealtimeSessionCreateRequestGA) from FILE, or - for stdin"


def _session_spec(*flags: Flag) -> RequestSpec:
    """``flags`` and the GA realtime session options (and --body) of the commands that configure a call's session."""
    return RequestSpec(
        flags=(*flags, *GA_SESSION_FLAGS),
        model=_ga_session_request,
        defaults={"type": "realtime"},
        body_help=_SESSION_BODY_HELP,
    )


COMMANDS = (
    NewCallCommand(
        name="new-realtime-call",
        function="new_realtime_call",
        help="start a WebRTC call with POST /realtime/calls: SDP offer in, SDP answer out (New-RealtimeCall)",
        description="Post a caller's SDP offer (and, with session options or --body, the session to answer "
        "with) to POST /realtime/calls and print the SDP answer to hand back to the caller. "
        "--output json prints the call id (from the Location header) with the answer.",
        request=_session_spec(
            Flag("--sdp-file", metavar="FILE", help="the caller's SDP offer from FILE, or - for stdin (required)")
        ),
        call_id=False,
    ),
    CallCommand(
        name="receive-realtime-call",
        function="receive_realtime_call",
        help="accept an incoming SIP call with its session (Receive-RealtimeCall)",
        description="Accept the incoming call CALL_ID with POST /realtime/calls/CALL_ID/accept, with the session "
        "built from the options, --body, or both (a realtime session with the API's defaults when none is given).",
        request=_session_spec(),
    ),
    CallCommand(
        name="deny-realtime-call",
        function="deny_realtime_call",
        help="reject an incoming SIP call (Deny-RealtimeCall)",
        description="Reject the incoming call CALL_ID with POST /realtime/calls/CALL_ID/reject. Without "
        "--status-code the API answers the caller with 603 (Decline).",
        request=RequestSpec(
            flags=(Flag("--status-code", "status_code", type=int, metavar="CODE", help="SIP status, e.g. 486 (busy)"),),
            model=_reject_request,
            body=False,
        ),
        optional_request=True,
    ),
    CallCommand(
        name="invoke-refer-realtime-call",
        function="invoke_refer_realtime_call",
        help="transfer a SIP call elsewhere (Invoke-ReferRealtimeCall)",
        description="Transfer the call CALL_ID with POST /realtime/calls/CALL_ID/refer to --target-uri "
        "(the SIP Refer-To), e.g. tel:+14155550123 or sip:agent@example.com.",
        request=RequestSpec(
            flags=(
                Flag(
                    "--target-uri",
                    "target_uri",
                    metavar="URI",
                    help="where to transfer the call, e.g. tel:+14155550123 (required)",
                    required="tel:+14155550123",
                ),
            ),
            model=_refer_request,
            body=False,
        ),
    ),
    CallCommand(
        name="invoke-hangup-realtime-call",
        function="invoke_hangup_realtime_call",
        help="end a call (Invoke-HangupRealtimeCall)",
        description="Hang up the call CALL_ID (WebRTC or SIP) with POST /realtime/calls/CALL_ID/hangup.",
    ),
)
