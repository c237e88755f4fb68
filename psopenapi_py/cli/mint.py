"""The commands that mint an ephemeral key: one :class:`MintCommand` table entry each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from . import _output
from ._flags import Flag, RequestSpec, add_extra_json_option, extra_json, int_or_text, json_object
from ._parser import (
    API_EXIT_CODES,
    EXIT_API_ERROR,
    EXIT_OK,
    CliError,
    add_connection_options,
    add_output_options,
    configuration_from_args,
    request_id_suffix,
    subcommand,
)

if TYPE_CHECKING:
    import argparse


@attrs.frozen
class MintCommand:
    """A subcommand that calls one API function with a request built from its flags and prints the key.

    ``ga_request(request, drop_unsupported)``, for a retired beta endpoint, gives the GA request
    equivalent to the command's request (raising ApiValueError when there is none, or when a field
    has no GA place and ``drop_unsupported`` is false): the retired-beta error then shows the
    ``psopenapi new-realtime-client-secret`` command that asks for it.
    """

    name: str
    function: str  # the psopenapi_py function it calls
    help: str
    description: str
    request: RequestSpec
    key_of: _output.KeyOf
    ga_request: Callable[[Any, bool], dict[str, Any]] | None = None
    exit_codes: tuple[int, ...] = API_EXIT_CODES

    def add(self, sub: Any) -> None:
        """Add the subcommand: its request options, the connection and the output options."""
        parser = subcommand(sub, self.name, help=self.help, description=self.description, exit_codes=self.exit_codes)
        self.request.add_to(parser)
        add_connection_options(parser)
        add_extra_json_option(parser)
        add_output_options(parser)
        parser.set_defaults(func=self.run)

    def run(self, args: argparse.Namespace) -> int:
        """Build and check the request, call the API with the command's configuration, print the key."""
        import psopenapi_py

        from ..exceptions import BetaApiRetiredError

        request = self.request.request_from(args)
        configuration = configuration_from_args(args)
        try:
            call = getattr(psopenapi_py, self.function)
            result = call(
                request, with_http_info=args.with_http_info, configuration=configuration, extra_body=extra_json(args)
            )
        except BetaApiRetiredError as exc:
            if self.ga_request is None:
                raise
            raise CliError(self._retired(exc, request), EXIT_API_ERROR) from None
        finally:
            configuration.close()
        _output.print_minted_key(args, result, self.key_of)
        return EXIT_OK

    def _retired(self, exc: Any, request: Any) -> str:
        """The retired-beta error line: the API's words, then the psopenapi command that asks the GA API the same."""
        from ..exceptions import ApiValueError

        assert self.ga_request is not None
        # The cause is the API's own error ("(400) Bad Request: <its message>"); the BetaApiRetiredError
        # around it adds Python advice, which a shell user gets below as a command instead.
        said = str(exc.__cause__ or exc).rstrip(".")
        ga = NEW_REALTIME_CLIENT_SECRET
        try:
            command, left_out = ga.request.command_for(ga.name, self.ga_request(request, False)), None
        except ApiValueError as why:
            try:  # a field GA has no place for: the same request without it, saying so
                command, left_out = ga.request.command_for(ga.name, self.ga_request(request, True)), why
            except ApiValueError as still:
                command, left_out = None, still
        if command is None:
            advice = (
                f"This request has no automatic GA equivalent ({str(left_out).rstrip('.')}): use psopenapi {ga.name}"
            )
        elif left_out is not None:
            advice = f"The same request to the GA API, without {left_out.parameter} (GA has no place for it): {command}"
        else:
            advice = f"The same request to the GA API: {command}"
        return (
            f"{said}. OpenAI has retired this beta endpoint. {advice} "
            f"(in Python: {ga.function}; see docs/migrating-to-ga.md).{request_id_suffix(exc)}"
        )


def _beta_session_request() -> Any:
    from ..models.realtime_sessions import RealtimeSessionCreateRequest

    return RealtimeSessionCreateRequest


def _ga_client_secret_request() -> Any:
    from ..models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    return RealtimeCreateClientSecretRequest


def _beta_transcription_session_request() -> Any:
    from ..models.realtime_transcription_sessions import RealtimeTranscriptionSessionCreateRequest

    return RealtimeTranscriptionSessionCreateRequest


def _translation_client_secret_request() -> Any:
    from ..models.realtime_translations import RealtimeTranslationClientSecretCreateRequest

    return RealtimeTranslationClientSecretCreateRequest


def _beta_session_to_ga(request: Any, drop_unsupported: bool) -> dict[str, Any]:
    """The GA request body for a beta session request."""
    from ..migration import realtime_session_request_to_ga

    return realtime_session_request_to_ga(request, drop_unsupported=drop_unsupported).to_dict()


def _beta_transcription_session_to_ga(request: Any, drop_unsupported: bool) -> dict[str, Any]:
    """The GA request body for a beta transcription session request (every field has a GA place)."""
    from ..migration import transcription_session_request_to_ga

    return transcription_session_request_to_ga(request)


def _session_key(session: Any) -> tuple[str, int | None]:
    """The ephemeral key and its expiry from a response whose key is in ``client_secret`` (the beta shape)."""
    secret = session.client_secret
    expires_at = secret.expires_at if isinstance(secret.expires_at, int) else None
    return str(secret.value), expires_at


def _client_secret_key(answer: Any) -> tuple[str, int | None]:
    """The ephemeral key and its expiry from a response with ``value`` and ``expires_at`` (the GA shape)."""
    expires_at = answer.expires_at if isinstance(answer.expires_at, int) else None
    return str(answer.value), expires_at


def _turn_detection_of_type(kind: str) -> dict[str, str]:
    """--turn-detection KIND: the detection object with only its type (the API fills in the rest)."""
    return {"type": kind}


def _type_of_turn_detection(value: Any) -> Any:
    """The KIND of --turn-detection KIND for a detection object that holds only its type, else None."""
    return value["type"] if isinstance(value, dict) and list(value) == ["type"] else None


_REALTIME = ("type", "realtime")
_NOISE_REDUCTION_KINDS = ("near_field", "far_field")

#: The options of a GA realtime session (RealtimeSessionCreateRequestGA), relative to the session object.
GA_SESSION_FLAGS = (
    Flag(
        "--model",
        "model",
        help="realtime model, e.g. gpt-realtime (any name; the spec's are canonicalised)",
        only_when=_REALTIME,
    ),
    Flag("--instructions", "instructions", metavar="TEXT", only_when=_REALTIME),
    Flag(
        "--voice",
        "audio.output.voice",
        help="a voice name, e.g. marin (any name; the spec's are canonicalised)",
        only_when=_REALTIME,
    ),
    Flag(
        "--output-modalities",
        "output_modalities",
        nargs="+",
        metavar="MODALITY",
        help="audio or text",
        only_when=_REALTIME,
    ),
    Flag(
        "--turn-detection",
        "audio.input.turn_detection",
        choices=("server_vad", "semantic_vad"),
        help="voice activity detection kind (API defaults)",
        convert=_turn_detection_of_type,
        inverse=_type_of_turn_detection,
        exclusive="turn detection",
    ),
    Flag(
        "--no-turn-detection",
        "audio.input.turn_detection",
        action="null",
        help="send turn_detection: null (voice activity detection off)",
        means="turns voice detection off",
        exclusive="turn detection",
    ),
    Flag(
        "--transcription-model",
        "audio.input.transcription.model",
        metavar="MODEL",
        help="e.g. gpt-4o-transcribe (turns transcription on)",
    ),
)

#: The voice activity detection options of the beta session and transcription session requests.
BETA_TURN_FLAGS = (
    Flag(
        "--turn-detection-type", "turn_detection.type", metavar="TYPE", help="e.g. server_vad", group="turn detection"
    ),
    Flag("--threshold", "turn_detection.threshold", type=float, metavar="NUMBER", group="turn detection"),
    Flag("--prefix-padding-ms", "turn_detection.prefix_padding_ms", type=int, metavar="MS", group="turn detection"),
    Flag("--silence-duration-ms", "turn_detection.silence_duration_ms", type=int, metavar="MS", group="turn detection"),
)
NO_BETA_TURN_DETECTION = Flag(
    "--no-turn-detection",
    "turn_detection",
    action="null",
    help="send turn_detection: null (voice activity detection off)",
    means="turns voice detection off",
    group="turn detection",
)

NEW_REALTIME_SESSION = MintCommand(
    name="new-realtime-session",
    function="new_realtime_session",
    help="mint an ephemeral key with POST /realtime/sessions (New-RealtimeSession; retired by OpenAI: "
    "use new-realtime-client-secret)",
    description="Mint an ephemeral Realtime key with POST /realtime/sessions and print the session. "
    "Build the request from options, from --body, or both (options override the file's fields). "
    "OpenAI has retired this beta endpoint (it answers with the error code beta_api_shape_disabled); "
    "the GA command is new-realtime-client-secret, and on that error this command prints the "
    "new-realtime-client-secret command that asks for the same session.",
    request=RequestSpec(
        model=_beta_session_request,
        flags=(
            Flag(
                "--model",
                "model",
                help="required unless --body has it",
                enum_help=True,
                required="gpt-4o-realtime-preview",
            ),
            Flag("--modalities", "modalities", nargs="+", metavar="MODALITY", enum_help=True),
            Flag("--instructions", "instructions", metavar="TEXT"),
            Flag("--voice", "voice", enum_help=True),
            Flag("--input-audio-format", "input_audio_format", metavar="FORMAT", enum_help=True),
            Flag("--output-audio-format", "output_audio_format", metavar="FORMAT", enum_help=True),
            Flag(
                "--input-audio-transcription-model",
                "input_audio_transcription.model",
                metavar="MODEL",
                help="e.g. whisper-1 (turns transcription on)",
            ),
            Flag(
                "--tool",
                "tools",
                action="append",
                metavar="JSON",
                convert=json_object("--tool", '{"type": "function", "name": "lookup"}'),
                help='a function tool as JSON, e.g. \'{"type": "function", "name": "f"}\'; repeatable',
            ),
            Flag("--tool-choice", "tool_choice", metavar="CHOICE", help="auto, none, required, or a function name"),
            Flag("--temperature", "temperature", type=float, metavar="NUMBER"),
            Flag(
                "--max-response-output-tokens",
                "max_response_output_tokens",
                metavar="N|inf",
                help="an integer, or inf",
                convert=int_or_text,
            ),
            *BETA_TURN_FLAGS,
            Flag("--create-response", "turn_detection.create_response", action="bool", group="turn detection"),
            NO_BETA_TURN_DETECTION,
        ),
    ),
    key_of=_session_key,
    ga_request=_beta_session_to_ga,
)

NEW_REALTIME_CLIENT_SECRET = MintCommand(
    name="new-realtime-client-secret",
    function="new_realtime_client_secret",
    help="mint an ephemeral key with POST /realtime/client_secrets (New-RealtimeClientSecret, the GA API)",
    description="Mint an ephemeral Realtime key with POST /realtime/client_secrets (the GA API) and print the "
    "key with its session. Build the request from options, from --body, or both (options override the "
    "file's fields). With no options at all, a key for a default realtime session is minted.",
    request=RequestSpec(
        model=_ga_client_secret_request,
        flags=(
            Flag(
                "--type",
                "session.type",
                choices=("realtime", "transcription"),
                help="the session kind (default: --body's, else realtime)",
            ),
            Flag(
                "--expires-after-seconds",
                "expires_after.seconds",
                type=int,
                metavar="N",
                help="key lifetime, 10 to 7200 (API default 600)",
            ),
            *(flag.under("session") for flag in GA_SESSION_FLAGS),
        ),
        defaults={"session.type": "realtime"},
    ),
    key_of=_client_secret_key,
)

NEW_REALTIME_TRANSCRIPTION_SESSION = MintCommand(
    name="new-realtime-transcription-session",
    function="new_realtime_transcription_session",
    help="mint an ephemeral key with POST /realtime/transcription_sessions (New-RealtimeTranscriptionSession; "
    "retired by OpenAI: use new-realtime-client-secret --type transcription)",
    description="Mint an ephemeral key for a transcription session with POST /realtime/transcription_sessions "
    "and print the session. Build the request from options, from --body, or both (options override the "
    "file's fields). OpenAI has retired this beta endpoint (it answers with the error code "
    "beta_api_shape_disabled); the GA command is new-realtime-client-secret --type transcription, and on that "
    "error this command prints the new-realtime-client-secret command that asks for the same session.",
    request=RequestSpec(
        model=_beta_transcription_session_request,
        flags=(
            Flag("--input-audio-format", "input_audio_format", metavar="FORMAT", enum_help=True),
            Flag(
                "--transcription-model",
                "input_audio_transcription.model",
                metavar="MODEL",
                help="e.g. gpt-4o-transcribe",
            ),
            Flag("--language", "input_audio_transcription.language", metavar="LANG", help="ISO-639-1, e.g. en"),
            Flag("--prompt", "input_audio_transcription.prompt", metavar="TEXT", help="guidance for the transcription"),
            Flag(
                "--noise-reduction",
                "input_audio_noise_reduction.type",
                choices=_NOISE_REDUCTION_KINDS,
                help="near_field (headsets) or far_field (room microphones)",
                exclusive="noise reduction",
            ),
            Flag(
                "--no-noise-reduction",
                "input_audio_noise_reduction",
                action="null",
                help="send input_audio_noise_reduction: null (off)",
                means="turns noise reduction off",
                exclusive="noise reduction",
            ),
            Flag("--include", "include", nargs="+", metavar="ITEM", enum_help=True),
            *BETA_TURN_FLAGS,
        ),
    ),
    key_of=_session_key,
    ga_request=_beta_transcription_session_to_ga,
)

NEW_REALTIME_TRANSLATION_CLIENT_SECRET = MintCommand(
    name="new-realtime-translation-client-secret",
    function="new_realtime_translation_client_secret",
    help="mint an ephemeral key for a translation session with POST /realtime/translations/client_secrets "
    "(New-RealtimeTranslationClientSecret)",
    description="Mint an ephemeral key for a Realtime translation session (speech in, speech translated into "
    "--output-language out) with POST /realtime/translations/client_secrets, and print the key with its "
    "session. Build the request from options, from --body, or both (options override the file's fields).",
    request=RequestSpec(
        model=_translation_client_secret_request,
        flags=(
            Flag(
                "--model",
                "session.model",
                help="required unless --body has it; the translation model, e.g. gpt-realtime-translate",
                required="gpt-realtime-translate",
            ),
            Flag(
                "--output-language",
                "session.audio.output.language",
                metavar="LANG",
                help="the language to translate into, e.g. es",
            ),
            Flag(
                "--transcription-model",
                "session.audio.input.transcription.model",
                metavar="MODEL",
                help="also transcribe the source speech with this model",
            ),
            Flag(
                "--noise-reduction",
                "session.audio.input.noise_reduction.type",
                choices=_NOISE_REDUCTION_KINDS,
                help="near_field (headsets) or far_field (room microphones)",
            ),
            Flag(
                "--expires-after-seconds",
                "expires_after.seconds",
                type=int,
                metavar="N",
                help="key lifetime, 10 to 7200 (API default 600)",
            ),
        ),
    ),
    key_of=_client_secret_key,
)

#: The mint commands, in --help order.
COMMANDS = (
    NEW_REALTIME_SESSION,
    NEW_REALTIME_CLIENT_SECRET,
    NEW_REALTIME_TRANSCRIPTION_SESSION,
    NEW_REALTIME_TRANSLATION_CLIENT_SECRET,
)
