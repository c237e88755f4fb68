"""The exception tree: one class per mapped status, what an ApiException carries, its message and pickling."""

from __future__ import annotations

import json
import pickle

import pytest

import psopenapi_py.exceptions as exceptions_module
from psopenapi_py import (
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
from psopenapi_py.exceptions import STATUS_EXCEPTIONS, exception_class_for_status

STATUS_TABLE = [
    (400, BadRequestException),
    (401, UnauthorizedException),
    (403, ForbiddenException),
    (404, NotFoundException),
    (409, ConflictException),
    (422, UnprocessableEntityException),
    (429, RateLimitException),
    (500, ServiceException),
    (502, ServiceException),
    (503, ServiceException),
    (504, ServiceException),
    (599, ServiceException),
    (408, ApiException),
    (418, ApiException),
    (307, ApiException),
]


@pytest.mark.parametrize(("status", "cls"), STATUS_TABLE)
def test_each_status_maps_to_its_exception_class(status: int, cls: type[ApiException]) -> None:
    """400/401/403/404/409/422/429 have their own class, 5xx is ServiceException, anything else ApiException."""
    assert exception_class_for_status(status) is cls


def test_every_mapped_status_has_a_documented_api_exception_subclass() -> None:
    """Each class in the status map is an ApiException subclass, exported, with a 'Raised on HTTP <status>' docstring."""
    for status, cls in STATUS_EXCEPTIONS.items():
        assert issubclass(cls, ApiException) and cls is not ApiException
        assert cls.__name__ in exceptions_module.__all__
        assert cls.__doc__ is not None and cls.__doc__.startswith(f"Raised on HTTP {status}")


def test_everything_derives_from_open_api_exception_and_the_matching_builtin() -> None:
    """OpenApiException is the root; input errors are also TypeError/ValueError, network errors ConnectionError."""
    for name in exceptions_module.__all__:
        assert issubclass(getattr(exceptions_module, name), OpenApiException)
    assert issubclass(ApiTypeError, TypeError)
    assert issubclass(ApiValueError, ValueError)
    assert issubclass(MissingCredentialsError, ApiValueError)
    assert issubclass(ApiConnectionError, ConnectionError)
    assert issubclass(ApiTimeoutError, ApiConnectionError) and issubclass(ApiTimeoutError, TimeoutError)
    assert issubclass(BetaApiRetiredError, BadRequestException)


def test_api_exception_carries_status_reason_headers_body_details_and_request_id() -> None:
    """The attributes a caller reads after a failed call."""
    body = json.dumps({"error": {"message": "Incorrect API key provided.", "code": "invalid_api_key"}})
    exc = UnauthorizedException(
        401, "Unauthorized", headers={"X-Request-Id": "req_42", "Content-Type": "application/json"}, body=body
    )
    assert (exc.status, exc.reason, exc.body, exc.request_id) == (401, "Unauthorized", body, "req_42")
    assert exc.error_details == {"error": {"message": "Incorrect API key provided.", "code": "invalid_api_key"}}
    assert exc.error_code == "invalid_api_key"
    assert str(exc) == "(401) Unauthorized: Incorrect API key provided."


def test_headers_are_case_insensitive_and_still_a_plain_dict() -> None:
    """headers['x-request-id'] finds 'X-Request-Id'; dict(headers) keeps the original names for json.dumps."""
    exc = ApiException(500, "Internal Server Error", headers={"X-Request-Id": "req_1"}, body="")
    assert exc.headers["x-request-id"] == exc.headers["X-REQUEST-ID"] == "req_1"
    assert exc.headers.get("x-request-id") == "req_1" and exc.headers.get("missing") is None
    assert "x-request-id" in exc.headers and "missing" not in exc.headers
    assert json.dumps(dict(exc.headers)) == '{"X-Request-Id": "req_1"}'


@pytest.mark.parametrize(
    ("body", "details", "message"),
    [
        ('{"error": {"message": "Bad thing."}}', {"error": {"message": "Bad thing."}}, "(400) Bad Request: Bad thing."),
        ('{"error": "plain words"}', {"error": "plain words"}, "(400) Bad Request: plain words"),
        ('{"detail": "x"}', {"detail": "x"}, '(400) Bad Request: {"detail": "x"}'),
        ("<h1>nope</h1>\n", "<h1>nope</h1>\n", "(400) Bad Request: <h1>nope</h1>"),
        ("", "", "(400) Bad Request: no error message in the response body"),
        ("x" * 300, "x" * 300, "(400) Bad Request: " + "x" * 200),
    ],
)
def test_message_is_status_reason_and_error_message(body: str, details: object, message: str) -> None:
    """`(<status>) <reason>: <error.message>`, else the body's first 200 characters; error_details parsed or text."""
    exc = BadRequestException(400, "Bad Request", body=body)
    assert exc.error_details == details
    assert str(exc) == message


def test_api_exception_survives_pickling() -> None:
    """An ApiException crosses a process boundary with its message and every attribute intact."""
    exc = RateLimitException(
        429,
        "Too Many Requests",
        headers={"x-request-id": "req_9", "retry-after": "3"},
        body='{"error": {"message": "slow"}}',
    )
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is RateLimitException
    assert str(copy) == str(exc) == "(429) Too Many Requests: slow"
    assert (copy.status, copy.reason, copy.body, copy.request_id) == (exc.status, exc.reason, exc.body, "req_9")
    assert copy.headers["Retry-After"] == "3"
    assert copy.error_details == exc.error_details


def test_value_error_carries_parameter_value_and_expected() -> None:
    """ApiValueError/ApiTypeError hold structured fields so callers need not parse the message."""
    exc = ApiValueError("msg", parameter="p", value=3, expected="a string")
    assert (str(exc), exc.parameter, exc.value, exc.expected) == ("msg", "p", 3, "a string")
    copy = pickle.loads(pickle.dumps(exc))
    assert (str(copy), copy.parameter, copy.value, copy.expected) == ("msg", "p", 3, "a string")
