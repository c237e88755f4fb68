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


# --------------------------------------------------------------------------------------------------
# Input errors: built by the constructors in exceptions.py, each with a structured code.


def test_each_input_error_constructor_sets_its_code_and_one_wording() -> None:
    """The constructors word each kind once and set ``code`` where the error is made."""
    from psopenapi_py import exceptions as e

    cases: list[tuple[ApiTypeError | ApiValueError, type[Exception], str, str]] = [
        (
            e.invalid_type("n", 5, "a string"),
            ApiTypeError,
            "invalid_type",
            "Invalid type for 'n': expected a string, got int 5.",
        ),
        (
            e.invalid_type("k", "sk-secret", "a dict", show_value=False),
            ApiTypeError,
            "invalid_type",
            "Invalid type for 'k': expected a dict, got str.",
        ),
        (
            e.invalid_value("n", "x", "Must be y."),
            ApiValueError,
            "invalid_value",
            "Invalid value for 'n': 'x'. Must be y.",
        ),
        (
            e.invalid_enum("voice", "Alloyy", ["alloy", "ash"]),
            ApiValueError,
            "invalid_enum",
            "Invalid value for 'voice': 'Alloyy'. Allowed values: alloy, ash.",
        ),
        (
            e.out_of_range("t", 2.5, maximum=1.2),
            ApiValueError,
            "out_of_range",
            "Invalid value for 't': 2.5. Must be <= 1.2.",
        ),
        (
            e.out_of_range("port", 70000, minimum=0, maximum=65535),
            ApiValueError,
            "out_of_range",
            "Invalid value for 'port': 70000. Must be >= 0 and <= 65535.",
        ),
        (
            e.out_of_range("t", float("nan"), minimum=0, exclusive_minimum=True),
            ApiValueError,
            "out_of_range",
            "Invalid value for 't': nan. Must be a finite number > 0.",
        ),
        (
            e.out_of_range("t", float("inf")),
            ApiValueError,
            "out_of_range",
            "Invalid value for 't': inf. Must be a finite number.",
        ),
        (
            e.missing("sdp", operation="createRealtimeCall"),
            ApiValueError,
            "missing_required",
            "Error! The required parameter sdp missing when calling createRealtimeCall.",
        ),
        (e.missing("model"), ApiValueError, "missing_required", "invalid value for 'model', 'model' cannot be null."),
        (
            e.missing_property("session.model", "model"),
            ApiValueError,
            "missing_required",
            "Error! JSON cannot be serialized due to the required property 'model' missing.",
        ),
        (
            e.unknown_field("strength", "strength", ["type"]),
            ApiValueError,
            "unknown_field",
            "Error! JSON key 'strength' not found in the properties: type",
        ),
        (
            e.invalid_json("Model", "Expecting value"),
            ApiValueError,
            "invalid_json",
            "Invalid JSON for Model: Expecting value.",
        ),
    ]
    for exc, cls, code, message in cases:
        assert (type(exc), exc.code, str(exc)) == (cls, code, message)


def test_a_value_left_out_of_the_message_is_left_out_of_the_exception() -> None:
    """show_value=False keeps a possibly secret value out of both the message and ``value``."""
    from psopenapi_py import exceptions as e

    exc = e.invalid_value("api_key", "sk-live-123", "the API key contains spaces.", show_value=False)
    assert (str(exc), exc.value) == ("Invalid value for 'api_key': the API key contains spaces.", None)


def test_the_mock_answers_by_code_not_by_wording() -> None:
    """The mock's OpenAI error code follows ``exc.code``, whatever the message says."""
    from psopenapi_py import exceptions as e
    from psopenapi_py.mock_server._bodies import _error_code

    disguised = ApiValueError("Error! JSON key 'x' not found in the properties: y", code="invalid_value")
    assert [
        _error_code(e.unknown_field("x", "x", ["y"])),
        _error_code(e.missing_property("model", "model")),
        _error_code(e.missing("model")),
        _error_code(e.invalid_type("n", 1, "a string")),
        _error_code(e.invalid_enum("n", "a", ["b"])),
        _error_code(e.out_of_range("n", 9, maximum=1)),
        _error_code(disguised),
    ] == [
        "unknown_parameter",
        "missing_required_parameter",
        "missing_required_parameter",
        "invalid_type",
        "invalid_value",
        "invalid_value",
        "invalid_value",
    ]


def test_input_errors_raised_by_models_carry_their_code() -> None:
    """A model's field checks raise errors whose code says the kind: enum, range, unknown key, missing key."""
    from psopenapi_py.models.realtime_client_secrets import RealtimeCreateClientSecretRequest

    codes = []
    for body in (
        {"session": {"type": "realtime", "output_modalities": ["video"]}},
        {"session": {"type": "realtime", "audio": {"output": {"speed": 9}}}},
        {"session": {"type": "realtime", "modalitiez": ["text"]}},
    ):
        with pytest.raises(ApiValueError) as info:
            RealtimeCreateClientSecretRequest.from_dict(body, lenient=False)
        codes.append(info.value.code)
    assert codes == ["invalid_enum", "out_of_range", "unknown_field"]
