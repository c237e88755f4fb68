"""The ``psopenapi`` command: the package's functions from a shell, JSON in and out.

Exit codes: 0 success, 1 partial (translate: something was left untranslated), 2 bad input (nothing
sent), 3 no credentials, 4 the API answered with an error, 5 connection failure or timeout.

Each subcommand is one ``_add_<name>(subparsers)`` function listed in :data:`SUBCOMMANDS`; shared
option groups come from :func:`add_connection_options` and :func:`add_output_options`. Every error
is mapped to its exit code in one place, :func:`main`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._runtime import REDACTED

if TYPE_CHECKING:
    import argparse

    from .configuration import Configuration
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest
    from .models.realtime_sessions import RealtimeSessionCreateRequest

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CREDENTIALS = 3
EXIT_API_ERROR = 4
EXIT_CONNECTION = 5
#: Ctrl-C during a call (the shell convention: 128 + SIGINT).
EXIT_INTERRUPTED = 130

EPILOG = """exit codes:
  0  success
  1  translate: some lines were left untranslated (see the warnings)
  2  bad input: nothing was sent
  3  no credentials: set OPENAI_API_KEY or pass --api-key
  4  the API answered with an error (its message is on stderr)
  5  connection failure or timeout
"""

#: ``psopenapi mock-server`` listens here unless ``--port`` says otherwise (0 picks a free port).
MOCK_SERVER_DEFAULT_PORT = 8765
#: The key ``psopenapi demo`` uses against its own mock server; never a real key.
DEMO_API_KEY = "sk-demo"
#: The documentation example the demo runs (a character-identical copy of docs/RealtimeApi.md's).
DEMO_EXAMPLE_MODULE = "psopenapi_py.examples.seed_doc_example"

# Anything shaped like an OpenAI secret key or an ephemeral key is masked in error lines, in case
# a server echoes one back.
_SECRET_PATTERN = re.compile(r"\b(?:sk|ek)[-_][A-Za-z0-9_\-*]{4,}")


class CliError(Exception):
    """A failure to report as one line on stderr with a given exit code (argument problems, unreadable files)."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code


# --------------------------------------------------------------------------------------------------
# The parser


def _parser_class() -> type[argparse.ArgumentParser]:
    """The ArgumentParser class the command uses (built on first use: argparse is imported lazily)."""
    import argparse

    class OneLineErrorParser(argparse.ArgumentParser):
        """argparse, but a usage error is one stderr line (exit 2) instead of the usage block plus the error."""

        def error(self, message: str) -> NoReturn:
            self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    return OneLineErrorParser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    import argparse

    parser = _parser_class()(
        prog="psopenapi",
        description="Mint ephemeral OpenAI Realtime keys (a Python port of PSOpenAPITools' Realtime API).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"psopenapi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def _subcommand(sub: Any, name: str, help: str, description: str) -> argparse.ArgumentParser:  # noqa: A002
    """Add one subcommand parser with the common look (description, exit codes in the epilog)."""
    import argparse

    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=description, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    return parser


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add --base-url, --api-key, --timeout and --max-retries (read back with :func:`configuration_from_args`)."""
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--base-url", metavar="URL", help="API base URL (default: $OPENAI_BASE_URL, else https://api.openai.com/v1)"
    )
    group.add_argument(
        "--api-key",
        metavar="KEY",
        help="API key (default: $OPENAI_API_KEY; prefer the variable: arguments are visible in process lists)",
    )
    group.add_argument(
        "--timeout", type=_non_negative(float), metavar="SECONDS", help="read timeout of each attempt (default 600)"
    )
    group.add_argument(
        "--max-retries", type=_non_negative(int), metavar="N", help="retries on 408/409/429/5xx and connection errors (default 2)"
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add --output json|token|env and --with-http-info (used by :func:`print_minted_key`)."""
    group = parser.add_argument_group("output")
    group.add_argument(
        "--output",
        choices=("json", "token", "env"),
        default="json",
        help="json: the response JSON (default); token: only the ephemeral key; env: OPENAI_EPHEMERAL_KEY=... "
        "and OPENAI_EPHEMERAL_KEY_EXPIRES_AT=... lines, safe to eval",
    )
    group.add_argument(
        "--with-http-info",
        action="store_true",
        help="also show the HTTP status and headers (json: wrapped around the response; token/env: on stderr)",
    )


def _non_negative(kind: type[int] | type[float]) -> Callable[[str], float]:
    """An argparse type that accepts a finite number >= 0 of the given kind, with a clear message otherwise."""

    def convert(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise _argument_type_error(f"expected a {'whole ' if kind is int else ''}number >= 0, got {text!r}") from None
        if not value >= 0 or value == float("inf"):
            raise _argument_type_error(f"expected a {'whole ' if kind is int else ''}number >= 0, got {text!r}")
        return value

    convert.__name__ = kind.__name__
    return convert


def _argument_type_error(message: str) -> Exception:
    """argparse's ArgumentTypeError (imported on first use), which argparse turns into a usage error."""
    import argparse

    return argparse.ArgumentTypeError(message)


def configuration_from_args(args: argparse.Namespace) -> Configuration:
    """A fresh Configuration from --base-url/--api-key/--timeout/--max-retries; the environment fills the rest at call time.

    Raises:
        CliError: an empty --api-key.
        ApiValueError: a --base-url that is not an absolute http(s) URL.
    """
    from .configuration import Configuration

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
    return Configuration(**settings)


def print_minted_key(args: argparse.Namespace, result: Any, key_of: Callable[[Any], tuple[str, int | None]]) -> None:
    """Print an API result as --output and --with-http-info ask: the JSON, the key alone, or eval-safe env lines.

    ``result`` is what the API function returned (a model, or an ApiResponse with ``--with-http-info``);
    ``key_of`` returns ``(ephemeral key, expires_at)`` from the model.
    """
    import shlex

    from .realtime_api import ApiResponse

    if isinstance(result, ApiResponse):
        response, http_info = result.response, {"status_code": result.status_code, "headers": dict(result.headers)}
    else:
        response, http_info = result, None
    if args.output == "json":
        body = _as_sent(response.to_dict())
        document = {**http_info, "response": body} if http_info is not None else body
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if http_info is not None:
        print(json.dumps(http_info, ensure_ascii=False), file=sys.stderr)
    key, expires_at = key_of(response)
    if args.output == "token":
        print(key)
    else:
        print(f"OPENAI_EPHEMERAL_KEY={shlex.quote(key)}")
        print(f"OPENAI_EPHEMERAL_KEY_EXPIRES_AT={'' if expires_at is None else int(expires_at)}")


def _as_sent(answer: dict[str, Any]) -> dict[str, Any]:
    """A response dict with ``id``, ``object`` and ``model`` first, where OpenAI's answers have them
    (the model keeps these undeclared keys last)."""
    ordered: dict[str, Any] = {k: answer[k] for k in ("id", "object", "model") if k in answer}
    ordered.update((k, v) for k, v in answer.items() if k not in ordered)
    return ordered


# --------------------------------------------------------------------------------------------------
# new-realtime-session

#: Where each request field comes from on the command line (for "(from --voice)" in error lines).
_SESSION_FLAGS = {
    "model": "--model",
    "modalities": "--modalities",
    "instructions": "--instructions",
    "voice": "--voice",
    "input_audio_format": "--input-audio-format",
    "output_audio_format": "--output-audio-format",
    "input_audio_transcription.model": "--input-audio-transcription-model",
    "turn_detection.type": "--turn-detection-type",
    "turn_detection.threshold": "--threshold",
    "turn_detection.prefix_padding_ms": "--prefix-padding-ms",
    "turn_detection.silence_duration_ms": "--silence-duration-ms",
    "turn_detection.create_response": "--create-response/--no-create-response",
    "turn_detection": "--no-turn-detection",
    "tools": "--tool",
    "tool_choice": "--tool-choice",
    "temperature": "--temperature",
    "max_response_output_tokens": "--max-response-output-tokens",
}


def _enum_help(model_cls: Any, field: str) -> str:
    """'one of: a, b, c' from the generated model's metadata, so help never drifts from the spec."""
    import attrs

    from ._runtime import SPEC, Arr, Str

    spec = attrs.fields_dict(model_cls)[field].metadata[SPEC]
    if isinstance(spec, Arr):
        spec = spec.items
    return "one of: " + ", ".join(spec.enum) if isinstance(spec, Str) and spec.enum else ""


def _add_new_realtime_session(sub: Any) -> None:
    """Add `new-realtime-session`: one option per request field, --body, connection and output options."""
    import argparse

    from .models.realtime_sessions import RealtimeSessionCreateRequest as Request

    parser = _subcommand(
        sub,
        "new-realtime-session",
        help="mint an ephemeral key with POST /realtime/sessions (New-RealtimeSession)",
        description="Mint an ephemeral Realtime key with POST /realtime/sessions and print the session. "
        "Build the request from options, from --body, or both (options override the file's fields).",
    )
    body = parser.add_argument_group("request")
    body.add_argument("--body", metavar="FILE", help="a JSON request body from FILE, or - to read it from stdin")
    body.add_argument("--model", help="required unless --body has it; " + _enum_help(Request, "model"))
    body.add_argument("--modalities", nargs="+", metavar="MODALITY", help=_enum_help(Request, "modalities"))
    body.add_argument("--instructions", metavar="TEXT")
    body.add_argument("--voice", help=_enum_help(Request, "voice"))
    body.add_argument("--input-audio-format", metavar="FORMAT", help=_enum_help(Request, "input_audio_format"))
    body.add_argument("--output-audio-format", metavar="FORMAT", help=_enum_help(Request, "output_audio_format"))
    body.add_argument("--input-audio-transcription-model", metavar="MODEL", help="e.g. whisper-1 (turns transcription on)")
    body.add_argument(
        "--tool", action="append", metavar="JSON", help='a function tool as JSON, e.g. \'{"type": "function", "name": "f"}\'; repeatable'
    )
    body.add_argument("--tool-choice", metavar="CHOICE", help="auto, none, required, or a function name")
    body.add_argument("--temperature", type=float, metavar="NUMBER")
    body.add_argument("--max-response-output-tokens", metavar="N|inf", help="an integer, or inf")
    turn = parser.add_argument_group("turn detection")
    turn.add_argument("--turn-detection-type", metavar="TYPE", help="e.g. server_vad")
    turn.add_argument("--threshold", type=float, metavar="NUMBER")
    turn.add_argument("--prefix-padding-ms", type=int, metavar="MS")
    turn.add_argument("--silence-duration-ms", type=int, metavar="MS")
    turn.add_argument("--create-response", action=argparse.BooleanOptionalAction, default=None)
    turn.add_argument(
        "--no-turn-detection", action="store_true", help="send turn_detection: null (voice activity detection off)"
    )
    add_connection_options(parser)
    add_output_options(parser)
    parser.set_defaults(func=_cmd_new_realtime_session)


def _mint(
    args: argparse.Namespace,
    call: Callable[..., Any],
    request: Any,
    key_of: Callable[[Any], tuple[str, int | None]],
) -> int:
    """Call an API function with the command's configuration and print the key as --output asks."""
    configuration = configuration_from_args(args)
    try:
        result = call(request, with_http_info=args.with_http_info, configuration=configuration)
    finally:
        configuration.close()
    print_minted_key(args, result, key_of)
    return EXIT_OK


def _cmd_new_realtime_session(args: argparse.Namespace) -> int:
    """Mint a key with POST /realtime/sessions and print it as --output asks."""
    from .realtime_api import new_realtime_session

    return _mint(args, new_realtime_session, _session_request_from_args(args), _session_key)


def _session_key(session: Any) -> tuple[str, int | None]:
    """The ephemeral key and its expiry from a RealtimeSessionCreateResponse."""
    secret = session.client_secret
    expires_at = secret.expires_at if isinstance(secret.expires_at, int) else None
    return str(secret.value), expires_at


def _session_request_from_args(args: argparse.Namespace) -> RealtimeSessionCreateRequest:
    """The request body: --body's JSON with the options laid over it, checked like initialize_* checks it.

    Raises:
        CliError: unreadable --body, bad --tool JSON, no model, or a value the request model rejects.
    """
    from .exceptions import ApiTypeError, ApiValueError
    from .models.realtime_sessions import RealtimeSessionCreateRequest

    data: dict[str, Any] = _read_json_object(args.body) if args.body is not None else {}
    from_flags: set[str] = set()

    def put(path: str, value: Any) -> None:
        if value is None:
            return
        from_flags.add(path)
        if "." in path:
            outer, inner = path.split(".")
            current = data.get(outer)
            data[outer] = {**(current if isinstance(current, dict) else {}), inner: value}
        else:
            data[path] = value

    put("model", args.model)
    put("modalities", args.modalities)
    put("instructions", args.instructions)
    put("voice", args.voice)
    put("input_audio_format", args.input_audio_format)
    put("output_audio_format", args.output_audio_format)
    put("input_audio_transcription.model", args.input_audio_transcription_model)
    turn_flags = {
        "turn_detection.type": args.turn_detection_type,
        "turn_detection.threshold": args.threshold,
        "turn_detection.prefix_padding_ms": args.prefix_padding_ms,
        "turn_detection.silence_duration_ms": args.silence_duration_ms,
        "turn_detection.create_response": args.create_response,
    }
    if args.no_turn_detection:
        given = [_SESSION_FLAGS[k] for k, v in turn_flags.items() if v is not None]
        if given:
            raise CliError(f"--no-turn-detection turns voice detection off; it cannot be combined with {', '.join(given)}.")
        data["turn_detection"] = None
        from_flags.add("turn_detection")
    for path, value in turn_flags.items():
        put(path, value)
    if args.tool is not None:
        put("tools", [_tool_from_json(text) for text in args.tool])
    put("tool_choice", args.tool_choice)
    put("temperature", args.temperature)
    if args.max_response_output_tokens is not None:
        text = args.max_response_output_tokens
        put("max_response_output_tokens", int(text) if re.fullmatch(r"[+-]?\d+", text.strip()) else text)
    if "model" not in data:
        raise CliError("the request needs a model: pass --model (e.g. --model gpt-4o-realtime-preview) or put \"model\" in --body.")
    try:
        return RealtimeSessionCreateRequest.from_dict(data, lenient=False)
    except (ApiTypeError, ApiValueError) as exc:
        raise CliError(f"{exc}{_where_from(exc.parameter, from_flags, args.body)}") from None


def _where_from(
    parameter: str | None, from_flags: set[str], body: str | None, flags: Mapping[str, str] | None = None
) -> str:
    """' (from --voice)' or ' (from --body)' for an error line, or '' when the source is unclear."""
    flags = _SESSION_FLAGS if flags is None else flags
    path = parameter or ""
    while path:
        if path in from_flags:
            return f" (from {flags.get(path, '--' + path.replace('_', '-'))})"
        shorter = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", path)  # tools[0].name -> tools[0] -> tools
        path = shorter if shorter != path else ""
    if body is not None:
        return " (from --body)"
    return ""


def _tool_from_json(text: str) -> Any:
    """One --tool value parsed as a JSON object."""
    try:
        tool = json.loads(text)
    except ValueError as exc:
        raise CliError(f"--tool {text!r} is not valid JSON: {exc}.") from None
    if not isinstance(tool, dict):
        raise CliError(f"--tool {text!r} must be a JSON object, e.g. '{{\"type\": \"function\", \"name\": \"lookup\"}}'.")
    return tool


def _read_json_object(source: str) -> dict[str, Any]:
    """The JSON object in a file, or on stdin for '-'.

    Raises:
        CliError: unreadable, not JSON, or not an object.
    """
    shown = "stdin" if source == "-" else repr(source)
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise CliError(f"--body: cannot read {shown}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise CliError(f"--body: {shown} is not UTF-8 text.") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise CliError(f"--body: {shown} is not valid JSON: {exc}.") from None
    if not isinstance(data, dict):
        raise CliError(f"--body: {shown} must hold a JSON object (the request body), not a JSON {type(data).__name__}.")
    return data


# --------------------------------------------------------------------------------------------------
# new-realtime-client-secret

#: Where each GA request field comes from on the command line (for "(from --voice)" in error lines).
_CLIENT_SECRET_FLAGS = {
    "expires_after": "--expires-after-seconds",
    "expires_after.seconds": "--expires-after-seconds",
    "session.type": "--type",
    "session.model": "--model",
    "session.instructions": "--instructions",
    "session.output_modalities": "--output-modalities",
    "session.audio.output.voice": "--voice",
    "session.audio.input.turn_detection": "--turn-detection/--no-turn-detection",
    "session.audio.input.transcription.model": "--transcription-model",
}
#: Options that only a realtime session takes (a transcription session does not answer).
_REALTIME_ONLY = {"model": "--model", "instructions": "--instructions", "voice": "--voice", "output_modalities": "--output-modalities"}


def _add_new_realtime_client_secret(sub: Any) -> None:
    """Add `new-realtime-client-secret`: options for the common GA fields, --body, connection and output options."""
    parser = _subcommand(
        sub,
        "new-realtime-client-secret",
        help="mint an ephemeral key with POST /realtime/client_secrets (New-RealtimeClientSecret, the GA API)",
        description="Mint an ephemeral Realtime key with POST /realtime/client_secrets (the GA API) and print the "
        "key with its session. Build the request from options, from --body, or both (options override the "
        "file's fields). With no options at all, a key for a default realtime session is minted.",
    )
    body = parser.add_argument_group("request")
    body.add_argument("--body", metavar="FILE", help="a JSON request body from FILE, or - to read it from stdin")
    body.add_argument(
        "--type", choices=("realtime", "transcription"), help="the session kind (default: --body's, else realtime)"
    )
    body.add_argument("--expires-after-seconds", type=int, metavar="N", help="key lifetime, 10 to 7200 (API default 600)")
    body.add_argument("--model", help="realtime model, e.g. gpt-realtime (any name; the spec's are canonicalised)")
    body.add_argument("--instructions", metavar="TEXT")
    body.add_argument("--voice", help="a voice name, e.g. marin (any name; the spec's are canonicalised)")
    body.add_argument("--output-modalities", nargs="+", metavar="MODALITY", help="audio or text")
    turn = body.add_mutually_exclusive_group()
    turn.add_argument(
        "--turn-detection", choices=("server_vad", "semantic_vad"), help="voice activity detection kind (API defaults)"
    )
    turn.add_argument(
        "--no-turn-detection", action="store_true", help="send turn_detection: null (voice activity detection off)"
    )
    body.add_argument("--transcription-model", metavar="MODEL", help="e.g. gpt-4o-transcribe (turns transcription on)")
    add_connection_options(parser)
    add_output_options(parser)
    parser.set_defaults(func=_cmd_new_realtime_client_secret)


def _cmd_new_realtime_client_secret(args: argparse.Namespace) -> int:
    """Mint a key with POST /realtime/client_secrets and print it as --output asks."""
    from .realtime_api import new_realtime_client_secret

    return _mint(args, new_realtime_client_secret, _client_secret_request_from_args(args), _client_secret_key)


def _client_secret_key(answer: Any) -> tuple[str, int | None]:
    """The ephemeral key and its expiry from a RealtimeCreateClientSecretResponse."""
    expires_at = answer.expires_at if isinstance(answer.expires_at, int) else None
    return str(answer.value), expires_at


def _client_secret_request_from_args(args: argparse.Namespace) -> RealtimeCreateClientSecretRequest:
    """The GA request body: --body's JSON with the options laid over it, checked like initialize_* checks it.

    Raises:
        CliError: unreadable --body, realtime-only options with a transcription session, or a value the
            request model rejects.
    """
    from .exceptions import ApiTypeError, ApiValueError
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    data: dict[str, Any] = _read_json_object(args.body) if args.body is not None else {}
    from_flags: set[str] = set()

    def put(path: str, value: Any, *, null: bool = False) -> None:
        """Set a (dotted) field from an option; None means the option was not given, unless ``null``."""
        if value is None and not null:
            return
        from_flags.add(path)
        *outer, last = path.split(".")
        node = data
        for key in outer:
            child = node.get(key)
            node[key] = child = dict(child) if isinstance(child, dict) else {}
            node = child
        node[last] = value

    put("expires_after.seconds", args.expires_after_seconds)
    session = data.get("session")
    kind = args.type or (session.get("type") if isinstance(session, dict) else None) or "realtime"
    if kind == "transcription":
        given = [flag for field, flag in _REALTIME_ONLY.items() if getattr(args, field) is not None]
        if given:
            raise CliError(f"{', '.join(given)}: a transcription session takes none of these (use --type realtime).")
    session_options = (args.model, args.instructions, args.output_modalities, args.voice, args.turn_detection)
    if args.type is not None or session is not None or args.no_turn_detection or args.transcription_model is not None or any(
        option is not None for option in session_options
    ):
        put("session.type", kind)
    put("session.model", args.model)
    put("session.instructions", args.instructions)
    put("session.output_modalities", args.output_modalities)
    put("session.audio.output.voice", args.voice)
    if args.no_turn_detection:
        put("session.audio.input.turn_detection", None, null=True)
    elif args.turn_detection is not None:
        put("session.audio.input.turn_detection", {"type": args.turn_detection})
    put("session.audio.input.transcription.model", args.transcription_model)
    try:
        return RealtimeCreateClientSecretRequest.from_dict(data, lenient=False)
    except (ApiTypeError, ApiValueError) as exc:
        raise CliError(f"{exc}{_where_from(exc.parameter, from_flags, args.body, _CLIENT_SECRET_FLAGS)}") from None


# --------------------------------------------------------------------------------------------------
# get-configuration


def _add_get_configuration(sub: Any) -> None:
    """Add `get-configuration` with the connection options."""
    parser = _subcommand(
        sub,
        "get-configuration",
        help="print the effective configuration as JSON, secrets redacted (Get-Configuration)",
        description="Print the settings a call would use now (options, then OPENAI_* variables, then defaults) "
        "as JSON. Secrets are shown as <redacted>.",
    )
    add_connection_options(parser)
    parser.set_defaults(func=_cmd_get_configuration)


def _cmd_get_configuration(args: argparse.Namespace) -> int:
    """Print the effective configuration as JSON, secrets redacted."""
    configuration = configuration_from_args(args)
    settings = configuration.to_dict(redact=True)
    settings["base_url"] = configuration.effective_base_url()
    settings["access_token"] = REDACTED if configuration.effective_access_token() else None
    print(json.dumps(settings, indent=2, ensure_ascii=False))
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# mock-server


def _add_mock_server(sub: Any) -> None:
    """Add `mock-server` and its options (host, port, key, faults, record)."""
    parser = _subcommand(
        sub,
        "mock-server",
        help="serve an OpenAI-compatible Realtime API on loopback for offline dry runs",
        description="Serve POST /v1/realtime/sessions and /v1/realtime/client_secrets like OpenAI does (auth, strict validation, OpenAI's error "
        "shape) until Ctrl-C. Prints the base URL to use as OPENAI_BASE_URL on the first line of stdout; "
        "logs one line per request on stderr.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    parser.add_argument(
        "--port", type=_non_negative(int), default=MOCK_SERVER_DEFAULT_PORT, help=f"port (default {MOCK_SERVER_DEFAULT_PORT}; 0 picks a free one)"
    )
    parser.add_argument("--api-key", metavar="KEY", help="accept only this bearer key (default: any well-formed one)")
    parser.add_argument(
        "--fail-first", type=_fail_first, metavar="N[:STATUS]", help="answer the first N API requests with STATUS (default 503)"
    )
    parser.add_argument("--retry-after", type=_non_negative(float), metavar="SECONDS", help="send retry-after on those failures")
    parser.add_argument("--latency-ms", type=_non_negative(float), metavar="MS", help="delay every answer", default=0.0)
    parser.add_argument("--record", metavar="FILE", help="append every request to FILE as a JSON line")
    parser.add_argument("--quiet", action="store_true", help="no access log on stderr")
    parser.set_defaults(func=_cmd_mock_server)


def _fail_first(text: str) -> tuple[int, int]:
    """Parse --fail-first N[:STATUS] into (N, STATUS), STATUS defaulting to 503."""
    match = re.fullmatch(r"(\d+)(?::(\d{3}))?", text.strip())
    if match is None or not 400 <= int(match.group(2) or 503) <= 599:
        raise _argument_type_error(f"expected N or N:STATUS with STATUS 400-599 (e.g. 2 or 3:429), got {text!r}")
    return int(match.group(1)), int(match.group(2) or 503)


def _cmd_mock_server(args: argparse.Namespace) -> int:
    """Serve the mock API until Ctrl-C or SIGTERM; the base URL is the first line of stdout."""
    import logging
    import signal

    from .mock_server import MockServer

    fail_first, fail_status = args.fail_first or (0, 503)
    if args.record is not None:
        # Found out now rather than as one warning per request once clients are talking to us.
        try:
            with open(args.record, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise CliError(f"--record: cannot write to {args.record!r}: {exc.strerror or exc}.") from None
    server = MockServer(
        host=args.host,
        port=args.port,
        api_key=args.api_key if args.api_key else None,
        fail_first=fail_first,
        fail_status=fail_status,
        retry_after=args.retry_after,
        latency_ms=args.latency_ms,
        record=args.record,
    )
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
    print(
        f"psopenapi mock-server: serving POST /v1/realtime/sessions and /v1/realtime/client_secrets; "
        f"use OPENAI_BASE_URL={server.url}. Ctrl-C stops.",
        file=sys.stderr,
        flush=True,
    )
    logger = logging.getLogger("psopenapi_py.mock_server")
    handler: logging.Handler | None = None
    if not args.quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
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


def _sigterm_as_interrupt(signal: Any) -> Any:
    """Make SIGTERM stop the server as cleanly as Ctrl-C (CI runners and `kill` send TERM)."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (main() called from a test thread): leave signals alone
        return None


# --------------------------------------------------------------------------------------------------
# demo


def _add_demo(sub: Any) -> None:
    """Add `demo`."""
    parser = _subcommand(
        sub,
        "demo",
        help="run the documentation example against a built-in mock server (offline, no account)",
        description="Start a mock server on a free loopback port, run the example of docs/RealtimeApi.md "
        "against it, and print the request it sent and the session it got back; then mint a key the GA way "
        "(new_realtime_client_secret, OpenAI's own example request) and print that exchange too.",
    )
    parser.set_defaults(func=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    """Run the seed documentation example against a private mock server and show what went over the wire."""
    import runpy

    from . import configuration as configuration_module
    from .mock_server import MockServer

    with MockServer(api_key=DEMO_API_KEY) as server:
        print(f"Mock server: {server.url} (offline; demo key {DEMO_API_KEY})")
        print(f"Running the example of docs/RealtimeApi.md ({DEMO_EXAMPLE_MODULE})...")
        saved_env = {name: os.environ.get(name) for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY")}
        # The example uses the module-wide configuration: give it a fresh one, so nothing set earlier
        # in this process (a real key, another base URL) can leak into the demo.
        saved_configuration = configuration_module._CONFIGURATION
        demo_configuration = configuration_module.Configuration()
        configuration_module._CONFIGURATION = demo_configuration
        os.environ["OPENAI_BASE_URL"] = server.url
        os.environ["OPENAI_API_KEY"] = DEMO_API_KEY
        try:
            namespace = runpy.run_module(DEMO_EXAMPLE_MODULE, run_name="__main__")
            ga_answer = _demo_ga_key(server.url)
        finally:
            configuration_module._CONFIGURATION = saved_configuration
            demo_configuration.close()
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        sent = [r for r in server.requests if r.method == "POST" and r.path != "/v1/realtime/client_secrets"]
        ga_sent = [r for r in server.requests if r.path == "/v1/realtime/client_secrets"]
    if sent:
        request = sent[-1]
        print(f"\nRequest sent: {request.method} {request.path}")
        for name in ("Authorization", "Content-Type", "Accept"):
            if name in request.headers:
                print(f"{name}: {request.headers[name]}")
        print(json.dumps(request.body, indent=2, ensure_ascii=False))
    result = namespace.get("result")
    if result is None:
        print("\nNo session: the example's call failed (see above).")
        return EXIT_API_ERROR
    session = _as_sent(result.to_dict())
    if isinstance(session.get("client_secret"), dict) and session["client_secret"].get("value"):
        session["client_secret"]["value"] = REDACTED
    print(f"\nSession received: HTTP {sent[-1].status if sent else 200}")
    print(json.dumps(session, indent=2, ensure_ascii=False))
    print("\n(The ephemeral key is redacted above; in your code it is result.client_secret.value.)")
    if ga_sent:
        print(f"\nGA request sent: POST {ga_sent[-1].path} (new_realtime_client_secret, the API in use today)")
        print(json.dumps(ga_sent[-1].body, indent=2, ensure_ascii=False))
        answer = ga_answer.to_dict()
        answer["value"] = REDACTED
        print(f"\nGA client secret received: HTTP {ga_sent[-1].status}")
        print(json.dumps(answer, indent=2, ensure_ascii=False))
        print("\n(The ephemeral key is redacted above; in your code it is result.value.)")
    return EXIT_OK


def _demo_ga_key(base_url: str) -> Any:
    """Mint a key the GA way (OpenAI's own example request) against the demo's mock server."""
    from .configuration import Configuration
    from .models.realtime_client_secrets import RealtimeCreateClientSecretRequest
    from .realtime_api import new_realtime_client_secret

    request = RealtimeCreateClientSecretRequest.from_dict(
        {
            "expires_after": {"anchor": "created_at", "seconds": 600},
            "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "You are a friendly assistant."},
        }
    )
    configuration = Configuration(base_url=base_url, access_token=DEMO_API_KEY)
    try:
        return new_realtime_client_secret(request, configuration=configuration)
    finally:
        configuration.close()


def _add_translate(sub: Any) -> None:
    """Add `translate`."""
    parser = _subcommand(
        sub,
        "translate",
        help="translate a PowerShell script that uses the module into Python",
        description="Translate SCRIPT, a PowerShell script that uses PSOpenAPITools, into Python that uses "
        "psopenapi_py. What is not translated stays in place as '# untranslated (line N): ...' and is listed "
        "on stderr as SCRIPT:N: reason; the exit code is then 1. See docs/translate.md.",
    )
    parser.add_argument("script", metavar="SCRIPT", help="the .ps1 file (UTF-8 or UTF-16 with BOM), or - for stdin")
    parser.add_argument("-o", "--out", metavar="OUT.py", help="write the Python to OUT.py (default: stdout)")
    parser.set_defaults(func=_cmd_translate)


def _cmd_translate(args: argparse.Namespace) -> int:
    """Translate a PowerShell script to Python; exit 1 when anything was left untranslated.

    Raises:
        CliError: SCRIPT unreadable or not text, OUT.py not writable, or the translate extra not installed.
    """
    from pathlib import Path

    shown = "<stdin>" if args.script == "-" else args.script
    try:
        data = sys.stdin.buffer.read() if args.script == "-" else Path(args.script).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {shown!r}: {exc.strerror or exc}.") from None
    try:
        # Windows PowerShell 5.1 writes UTF-16 with a byte-order mark; everything else is UTF-8.
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{shown!r} is not UTF-8 (or UTF-16 with a byte-order mark) text.") from None
    try:
        from .translate import translate_powershell

        result = translate_powershell(text)
    except ImportError as exc:
        raise CliError(f"translate needs tree-sitter-powershell: pip install 'psopenapi_py[translate]' ({exc}).") from None
    if args.out is None:
        sys.stdout.write(result.python)
    else:
        try:
            Path(args.out).write_text(result.python, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"--out: cannot write {args.out!r}: {exc.strerror or exc}.") from None
    for warning in result.warnings:
        print(f"{shown}:{warning.line}: {warning.message}", file=sys.stderr)
    return EXIT_PARTIAL if result.warnings else EXIT_OK


#: Every subcommand, in --help order: each entry adds one subparser and sets ``func``.
SUBCOMMANDS: list[Callable[[Any], None]] = [
    _add_new_realtime_session,
    _add_new_realtime_client_secret,
    _add_get_configuration,
    _add_mock_server,
    _add_demo,
    _add_translate,
]


# --------------------------------------------------------------------------------------------------
# Entry point


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
    text = " ".join(message.split())
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _SECRET_PATTERN.sub(REDACTED, text)


def _fail(prog: str, message: str, exit_code: int, secrets: Iterable[str | None]) -> int:
    """Write the one-line error for an exit code to stderr, secrets masked; return the exit code."""
    print(f"{prog}: error: {_scrub(message, secrets)}", file=sys.stderr)
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from .exceptions import (
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
    secrets = (getattr(args, "api_key", None), os.environ.get("OPENAI_API_KEY"))
    try:
        return int(args.func(args))
    except CliError as exc:
        return _fail(prog, str(exc), exc.exit_code, secrets)
    except MissingCredentialsError:
        return _fail(prog, "no API key: set OPENAI_API_KEY or pass --api-key (nothing was sent).", EXIT_NO_CREDENTIALS, secrets)
    except (ApiValueError, ApiTypeError) as exc:
        return _fail(prog, f"{exc} (nothing was sent)", EXIT_BAD_INPUT, secrets)
    except ApiException as exc:
        request_id = f" [request id {exc.request_id}]" if exc.request_id else ""
        return _fail(prog, f"{exc}{request_id}", EXIT_API_ERROR, secrets)
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


if __name__ == "__main__":
    raise SystemExit(main())
