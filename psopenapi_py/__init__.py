"""psopenapi_py: mint ephemeral OpenAI Realtime keys from Python, as the PSOpenAPITools module does.

Every cmdlet of the PowerShell module has a function of the same name in snake_case here, exported
flat: ``New-RealtimeSession`` is ``new_realtime_session``, ``Initialize-X`` is ``initialize_x``.
"""

__version__ = "0.1.0"

from ._runtime import UNSET, Unset  # noqa: E402
from .configuration import (  # noqa: E402
    NOT_GIVEN,
    Configuration,
    NotGiven,
    get_configuration,
    get_host_setting,
    get_url_from_host_setting,
    set_configuration,
    set_configuration_api_key,
    set_configuration_api_key_prefix,
    set_configuration_default_header,
    using_configuration,
)
from .exceptions import (  # noqa: E402
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    BetaApiRetiredError,
    ConflictException,
    ForbiddenException,
    MissingCredentialsError,
    NotFoundException,
    OpenApiException,
    RateLimitException,
    ServiceException,
    UnauthorizedException,
    UnprocessableEntityException,
)
import typing as _typing  # noqa: E402

from . import models as _models  # noqa: E402

#: Names bound on first use, with the module that defines them: the HTTP path (and with it logging),
#: the migration helpers and the translator are not needed to build models, so ``import psopenapi_py``
#: leaves them out (see docs/performance.md).
_LAZY_EXPORTS = {
    "ApiResponse": "realtime_api",
    "deny_realtime_call": "realtime_api",
    "invoke_hangup_realtime_call": "realtime_api",
    "invoke_refer_realtime_call": "realtime_api",
    "new_realtime_call": "realtime_api",
    "new_realtime_client_secret": "realtime_api",
    "new_realtime_session": "realtime_api",
    "new_realtime_transcription_session": "realtime_api",
    "new_realtime_translation_client_secret": "realtime_api",
    "receive_realtime_call": "realtime_api",
    "realtime_session_request_to_ga": "migration",
    "realtime_session_request_to_ga_call": "migration",
    "Translation": "translate",
    "TranslationWarning": "translate",
    "translate_powershell": "translate",
}

if _typing.TYPE_CHECKING:
    from .migration import realtime_session_request_to_ga, realtime_session_request_to_ga_call
    from .models import *  # noqa: F403 - the generated list; tests/test_exports.py guards it
    from .realtime_api import (
        ApiResponse,
        deny_realtime_call,
        invoke_hangup_realtime_call,
        invoke_refer_realtime_call,
        new_realtime_call,
        new_realtime_client_secret,
        new_realtime_session,
        new_realtime_transcription_session,
        new_realtime_translation_client_secret,
        receive_realtime_call,
    )
    from .translate import Translation, TranslationWarning, translate_powershell
else:
    # The GA models (models/realtime_client_secrets.py) load on first use, which keeps this import
    # fast; a star import would load them, so the other generated names are bound one by one.
    globals().update({_n: getattr(_models, _n) for _n in _models.__all__ if _n not in _models.LAZY_NAMES})

    def __getattr__(name: str) -> _typing.Any:
        if name in _models.LAZY_NAMES:
            value = getattr(_models, name)
        elif name in _LAZY_EXPORTS:
            from importlib import import_module

            value = getattr(import_module(f".{_LAZY_EXPORTS[name]}", __name__), name)
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))


__all__ = [
    "ApiConnectionError",
    "ApiException",
    "ApiResponse",
    "ApiTimeoutError",
    "ApiTypeError",
    "ApiValueError",
    "BadRequestException",
    "BetaApiRetiredError",
    "Configuration",
    "ConflictException",
    "ForbiddenException",
    "MissingCredentialsError",
    "NOT_GIVEN",
    "NotFoundException",
    "NotGiven",
    "OpenApiException",
    "RateLimitException",
    "ServiceException",
    "Translation",
    "TranslationWarning",
    "UNSET",
    "UnauthorizedException",
    "UnprocessableEntityException",
    "Unset",
    "deny_realtime_call",
    "get_configuration",
    "get_host_setting",
    "get_url_from_host_setting",
    "invoke_hangup_realtime_call",
    "invoke_refer_realtime_call",
    "new_realtime_call",
    "new_realtime_client_secret",
    "new_realtime_session",
    "new_realtime_transcription_session",
    "new_realtime_translation_client_secret",
    "realtime_session_request_to_ga",
    "realtime_session_request_to_ga_call",
    "receive_realtime_call",
    "set_configuration",
    "set_configuration_api_key",
    "set_configuration_api_key_prefix",
    "set_configuration_default_header",
    "translate_powershell",
    "using_configuration",
]
# The generated models come after the hand-written names, in their own sorted block.
__all__ += _models.__all__
