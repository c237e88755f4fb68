"""Everything psopenapi_py raises.

OpenApiException
 ├── ApiTypeError (TypeError)          a value of the wrong type, before anything is sent
 ├── ApiValueError (ValueError)        a value outside what is allowed, before anything is sent
 │    └── MissingCredentialsError      no API key configured or in OPENAI_API_KEY, before anything is sent
 ├── ApiException                      the API answered with an error status (or an unusable 2xx)
 │    ├── BadRequestException           400
 │    │    └── BetaApiRetiredError      400 with code beta_api_shape_disabled
 │    ├── UnauthorizedException         401
 │    ├── ForbiddenException            403
 │    ├── NotFoundException             404
 │    ├── ConflictException             409
 │    ├── UnprocessableEntityException  422
 │    ├── RateLimitException            429
 │    └── ServiceException              5xx
 └── ApiConnectionError (ConnectionError)  no answer: refused, reset, DNS, TLS
      └── ApiTimeoutError (TimeoutError)    no answer in time
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

__all__ = [
    "ApiConnectionError",
    "ApiException",
    "ApiTimeoutError",
    "ApiTypeError",
    "ApiValueError",
    "BadRequestException",
    "BetaApiRetiredError",
    "ConflictException",
    "ForbiddenException",
    "MissingCredentialsError",
    "NotFoundException",
    "OpenApiException",
    "RateLimitException",
    "ServiceException",
    "UnauthorizedException",
    "UnprocessableEntityException",
]


class OpenApiException(Exception):
    """Base of every error psopenapi_py raises."""


#: The kinds of input error, as ``ApiTypeError.code`` / ``ApiValueError.code``; set where the error is
#: raised so that callers (the mock server among them) never sort errors by their wording.
INVALID_TYPE = "invalid_type"
INVALID_VALUE = "invalid_value"
INVALID_ENUM = "invalid_enum"
OUT_OF_RANGE = "out_of_range"
MISSING_REQUIRED = "missing_required"
UNKNOWN_FIELD = "unknown_field"
INVALID_JSON = "invalid_json"


class _InputError(OpenApiException):
    """What ApiTypeError and ApiValueError share: which input was wrong, its value and what is allowed."""

    default_code: ClassVar[str]

    def __init__(
        self,
        msg: str,
        *,
        parameter: str | None = None,
        value: Any = None,
        expected: str | None = None,
        code: str | None = None,
    ):
        super().__init__(msg)
        self.parameter = parameter
        self.value = value
        self.expected = expected
        self.code = self.default_code if code is None else code


class ApiTypeError(_InputError, TypeError):
    """Raised when a parameter has the wrong type; nothing was sent.

    ``code`` is always ``"invalid_type"``; ``parameter``, ``value`` and ``expected`` say which input,
    what it was (None where it may be a secret) and what is allowed.
    """

    default_code = INVALID_TYPE


class ApiValueError(_InputError, ValueError):
    """Raised when a parameter has a value that is not allowed; nothing was sent.

    ``code`` names the kind: ``"invalid_value"``, ``"invalid_enum"``, ``"out_of_range"``,
    ``"missing_required"``, ``"unknown_field"`` or ``"invalid_json"``.
    """

    default_code = INVALID_VALUE


class MissingCredentialsError(ApiValueError):
    """Raised when no API key is configured and OPENAI_API_KEY is unset; nothing was sent."""


# --------------------------------------------------------------------------------------------------
# The one place where input errors are worded. Where a value may be a secret, the caller passes
# show_value=False (or an already redacted ``shown``): the message and ``value`` then leave it out.


def short_repr(value: Any) -> str:
    """repr() cut to 200 characters, for messages."""
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def invalid_type(parameter: str, value: Any, expected: str, *, show_value: bool = True, hint: str = "") -> ApiTypeError:
    """'Invalid type for 'p': expected X, got T v.' (the value left out with show_value=False)."""
    shown = f" {short_repr(value)}" if show_value else ""
    return ApiTypeError(
        f"Invalid type for '{parameter}': expected {expected}, got {type(value).__name__}{shown}{hint}.",
        parameter=parameter,
        value=value if show_value else None,
        expected=expected,
    )


def invalid_value(
    parameter: str,
    value: Any,
    problem: str,
    *,
    show_value: bool = True,
    shown: str | None = None,
    expected: str | None = None,
    code: str = INVALID_VALUE,
) -> ApiValueError:
    """'Invalid value for 'p': v. <problem>' where ``problem`` is a sentence saying what is allowed.

    ``shown`` replaces the value's repr (a redacted URL, say); with show_value=False the value is left
    out of both the message and the exception.
    """
    if shown is None and show_value:
        shown = short_repr(value)
    head = f"Invalid value for '{parameter}': " + (f"{shown}. " if shown is not None else "")
    return ApiValueError(
        head + problem,
        parameter=parameter,
        value=value if show_value and shown is not None else None,
        expected=problem if expected is None else expected,
        code=code,
    )


def invalid_enum(
    parameter: str, value: Any, allowed: Sequence[Any], *, exact: bool = False, of: str | None = None
) -> ApiValueError:
    """'Invalid value for 'p': v. Allowed values: a, b.' (``exact``: letter case matters; ``of``: the
    enum's name, "Allowed values for NoiseReductionType: ...")."""
    names = ", ".join(map(str, allowed))
    label = "Allowed values" + ("" if of is None else f" for {of}") + (" (exact spelling)" if exact else "")
    return invalid_value(parameter, value, f"{label}: {names}.", expected=names, code=INVALID_ENUM)


def out_of_range(
    parameter: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: bool = False,
    exclusive_maximum: bool = False,
) -> ApiValueError:
    """'Invalid value for 'p': v. Must be a finite number >= 0 and <= 1.' for any numeric bound.

    The one wording of every numeric check: the bounds given, and "a finite number" where the value
    is NaN or infinite.
    """
    bounds = []
    if minimum is not None:
        bounds.append(f"{'>' if exclusive_minimum else '>='} {minimum}")
    if maximum is not None:
        bounds.append(f"{'<' if exclusive_maximum else '<='} {maximum}")
    finite = isinstance(value, float) and (value != value or value in (float("inf"), float("-inf")))
    allowed = " ".join((["a finite number"] if finite or not bounds else []) + [" and ".join(bounds)]).strip()
    return invalid_value(parameter, value, f"Must be {allowed}.", expected=allowed, code=OUT_OF_RANGE)


def no_member_matches(
    parameter: str, value: Any, members: Sequence[str], errors: Sequence[Exception]
) -> ApiTypeError | ApiValueError:
    """A value that matches none of a oneOf's members, with each member's own error.

    An ApiTypeError when every member refused the value's type, else an ApiValueError.
    """
    names = ", ".join(members)
    detail = " ".join(f"As {n}: {e}" for n, e in zip(members, errors, strict=True))
    exc_type = ApiTypeError if all(isinstance(e, ApiTypeError) for e in errors) else ApiValueError
    return exc_type(
        f"Invalid value for '{parameter}': {short_repr(value)} matches none of {names}. {detail}",
        parameter=parameter,
        value=value,
        expected=names,
        code=INVALID_TYPE if exc_type is ApiTypeError else INVALID_VALUE,
    )


def ambiguous(parameter: str, value: Any, members: Sequence[str]) -> ApiValueError:
    """A value that matches more than one of a oneOf's members."""
    names = ", ".join(members)
    return ApiValueError(
        f"Invalid value for '{parameter}': {short_repr(value)} is ambiguous: it matches more than one of {names}.",
        parameter=parameter,
        value=value,
        expected="exactly one of " + names,
    )


def missing(
    parameter: str, *, operation: str | None = None, value: Any = None, expected: str = "a value"
) -> ApiValueError:
    """A required input left out, in the PowerShell module's words (scripts match on them).

    With ``operation``: a function's parameter ("Error! The required parameter p missing when calling
    op."); else a model's field ("invalid value for 'p', 'p' cannot be null.").
    """
    if operation is not None:
        msg = f"Error! The required parameter {parameter} missing when calling {operation}."
    else:
        msg = f"invalid value for '{parameter}', '{parameter}' cannot be null."
    return ApiValueError(msg, parameter=parameter, value=value, expected=expected, code=MISSING_REQUIRED)


def missing_credentials(operation: str) -> MissingCredentialsError:
    """No API key anywhere for a call (configuration, OPENAI_API_KEY, a default Authorization header)."""
    return MissingCredentialsError(
        f"No API key for {operation}: set get_configuration().access_token, call "
        "set_configuration(access_token=...), or set the OPENAI_API_KEY environment variable.",
        parameter="access_token",
        value=None,
        expected="an API key",
        code=MISSING_REQUIRED,
    )


def missing_property(parameter: str, name: str, *, value: Any = None) -> ApiValueError:
    """A required key absent from JSON given for a model, in the PowerShell module's words."""
    return ApiValueError(
        f"Error! JSON cannot be serialized due to the required property '{name}' missing.",
        parameter=parameter,
        value=value,
        expected="a value",
        code=MISSING_REQUIRED,
    )


def unknown_field(parameter: str, key: str, known: Sequence[str]) -> ApiValueError:
    """A key the model does not declare, in the PowerShell module's words (names space-separated, as
    PowerShell expands its $AllProperties array)."""
    names = " ".join(known)
    return ApiValueError(
        f"Error! JSON key '{key}' not found in the properties: {names}",
        parameter=parameter,
        value=key,
        expected=names,
        code=UNKNOWN_FIELD,
    )


def invalid_json(what: str, problem: str, *, expected: str = "JSON text") -> ApiValueError:
    """'Invalid JSON for what: problem.' for JSON text that cannot be parsed (or nests too deep)."""
    return ApiValueError(
        f"Invalid JSON for {what}: {problem}.", parameter=what, value=None, expected=expected, code=INVALID_JSON
    )


def invalid_base_url(shown_url: str) -> ApiValueError:
    """A base URL that is not an absolute http(s) URL, in the PowerShell module's words.

    ``shown_url`` must already be redacted (a URL may hold a password)."""
    return ApiValueError(
        f"Invalid URL '{shown_url}' cannot be used in the base URL.",
        parameter="base_url",
        value=shown_url,
        expected="an absolute http:// or https:// URL without a query or fragment",
    )


def host_index_out_of_range(index: int, count: int) -> ApiValueError:
    """A server index outside the host list, in the PowerShell module's exact words (no full stop)."""
    return ApiValueError(
        f"Invalid index {index} when selecting the host. Must be less than {count}",
        parameter="index",
        value=index,
        expected=f"0 to {count - 1}",
        code=OUT_OF_RANGE,
    )


def invalid_host_variable(name: str, value: Any, allowed: Sequence[str]) -> ApiValueError:
    """A server variable value its server does not allow, in the PowerShell module's exact words."""
    return ApiValueError(
        f"The variable '{name}' in the host URL has invalid value {value}. Must be {','.join(allowed)}",
        parameter=name,
        value=value,
        expected=",".join(allowed),
        code=INVALID_ENUM,
    )


def restated(exc: ApiValueError, note: str, *, parameter: str | None = None) -> ApiValueError:
    """The same error with a sentence added (where the value came from), its code kept."""
    return ApiValueError(
        f"{exc} {note}",
        parameter=exc.parameter if parameter is None else parameter,
        value=exc.value,
        expected=exc.expected,
        code=exc.code,
    )


class CaseInsensitiveHeaders(dict[str, str]):
    """A plain dict of headers (JSON-dumpable) that also finds keys case-insensitively."""

    def __getitem__(self, key: str) -> str:
        try:
            return super().__getitem__(key)
        except KeyError:
            lowered = key.lower()
            for k, v in self.items():
                if k.lower() == lowered:
                    return v
            raise

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        lowered = key.lower()
        return any(k.lower() == lowered for k in self)


class ApiException(OpenApiException):
    """Raised when the API answers with a non-2xx status, or with a 2xx body that cannot be used.

    Carries ``status``, ``reason``, ``headers`` (case-insensitive), ``body`` (the raw text),
    ``error_details`` (the parsed JSON body, else the text: what PowerShell put in ``ErrorDetails``)
    and ``request_id`` (the ``x-request-id`` header).
    """

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        body: str | None = None,
        message: str | None = None,
    ):
        self.status = status
        self.reason = reason
        self.headers: CaseInsensitiveHeaders = CaseInsensitiveHeaders(headers or {})
        self.body = body
        self.error_details: Any = _parse_details(body)
        self.request_id: str | None = self.headers.get("x-request-id")
        super().__init__(message if message is not None else self._default_message())

    @property
    def error_code(self) -> str | None:
        """The OpenAI error code (``error.code``) when the body carries one."""
        error = self.error_details.get("error") if isinstance(self.error_details, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        return code if isinstance(code, str) else None

    def _default_message(self) -> str:
        error = self.error_details.get("error") if isinstance(self.error_details, dict) else None
        # OpenAI sends {"error": {"message": ...}}; some gateways send {"error": "..."}.
        detail = error.get("message") if isinstance(error, dict) else error
        if not isinstance(detail, str) or not detail:
            detail = (self.body or "").strip()[:200] or "no error message in the response body"
        return f"({self.status}) {self.reason}: {detail}"

    def __reduce__(self) -> tuple[Any, ...]:
        # The keyword-only constructor cannot be replayed from args: rebuild from message and state,
        # so the exception survives pickling (multiprocessing, concurrent.futures).
        return (_rebuild_api_exception, (type(self), str(self), dict(self.__dict__)))


def _rebuild_api_exception(cls: type[ApiException], message: str, state: dict[str, Any]) -> ApiException:
    exc = cls.__new__(cls)
    OpenApiException.__init__(exc, message)
    exc.__dict__.update(state)
    return exc


def _parse_details(body: str | None) -> Any:
    if not body:
        return body
    import json  # only error bodies need it, and import psopenapi_py leaves json out

    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than json can follow
        return body


class BadRequestException(ApiException):
    """Raised on HTTP 400: the API rejected the request."""


class BetaApiRetiredError(BadRequestException):
    """Raised when the API says the Realtime beta endpoint is retired (``beta_api_shape_disabled``)."""


class UnauthorizedException(ApiException):
    """Raised on HTTP 401: the API key or token is missing or wrong."""


class ForbiddenException(ApiException):
    """Raised on HTTP 403: the key may not use this resource."""


class NotFoundException(ApiException):
    """Raised on HTTP 404: no such endpoint or resource."""


class ConflictException(ApiException):
    """Raised on HTTP 409, after the configured retries."""


class UnprocessableEntityException(ApiException):
    """Raised on HTTP 422: the request was well-formed but not acceptable."""


class RateLimitException(ApiException):
    """Raised on HTTP 429, after the configured retries (or at once when the wait asked for is too long)."""


class ServiceException(ApiException):
    """Raised on HTTP 5xx, after the configured retries."""


class ApiConnectionError(OpenApiException, ConnectionError):
    """Raised when no HTTP answer arrived: connection refused or reset, DNS or TLS failure."""


class ApiTimeoutError(ApiConnectionError, TimeoutError):
    """Raised when connecting or reading took longer than the configured timeout."""


STATUS_EXCEPTIONS: dict[int, type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: RateLimitException,
}


def exception_class_for_status(status: int) -> type[ApiException]:
    """The ApiException subclass for an HTTP status."""
    if status >= 500:
        return ServiceException
    return STATUS_EXCEPTIONS.get(status, ApiException)
