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

from collections.abc import Mapping
from typing import Any

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


class ApiTypeError(OpenApiException, TypeError):
    """Raised when a parameter has the wrong type; nothing was sent."""

    def __init__(self, msg: str, *, parameter: str | None = None, value: Any = None, expected: str | None = None):
        super().__init__(msg)
        self.parameter = parameter
        self.value = value
        self.expected = expected


class ApiValueError(OpenApiException, ValueError):
    """Raised when a parameter has a value that is not allowed; nothing was sent."""

    def __init__(self, msg: str, *, parameter: str | None = None, value: Any = None, expected: str | None = None):
        super().__init__(msg)
        self.parameter = parameter
        self.value = value
        self.expected = expected


class MissingCredentialsError(ApiValueError):
    """Raised when no API key is configured and OPENAI_API_KEY is unset; nothing was sent."""


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
