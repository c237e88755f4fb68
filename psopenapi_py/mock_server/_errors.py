"""Errors in OpenAI's shape, and the strict reading of request bodies that produces most of them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._runtime import Model
from .._wire_check import check_wire_letter
from ..exceptions import ApiTypeError, ApiValueError


class MockError(Exception):
    """An error answer of the mock, in OpenAI's shape: status, message, ``param``, ``code`` and ``type``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        type: str | None = None,  # noqa: A002 - OpenAI's field name
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.type = type or ("server_error" if status >= 500 else "invalid_request_error")
        self.headers = dict(headers or {})

    def to_dict(self) -> dict[str, Any]:
        """The JSON error body: ``{"error": {"message", "type", "param", "code"}}``."""
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def strict_parse(model_cls: type[Model], data: dict[str, Any]) -> Model:
    """The package's own strict request parser, plus the spec's letter where the client is lenient."""
    try:
        # The letter check goes first so that its wording, in JSON terms ("null"), reaches the client.
        check_wire_letter(model_cls, data)
        parsed = model_cls.from_dict(data, lenient=False)
    except (ApiTypeError, ApiValueError) as exc:
        raise MockError(400, str(exc), param=exc.parameter, code=_error_code(exc)) from None
    return parsed


def _error_code(exc: ApiTypeError | ApiValueError) -> str:
    """OpenAI's error code for a parser error: unknown_parameter, missing_required_parameter, invalid_type or invalid_value."""
    # The parser's messages are PowerShell's fixed texts, so their openings tell the kinds apart.
    text = str(exc)
    if isinstance(exc, ApiTypeError):
        return "invalid_type"
    if text.startswith("Error! JSON key "):
        return "unknown_parameter"
    if text.startswith("Error! JSON cannot be serialized due to the required property"):
        return "missing_required_parameter"
    return "invalid_value"


def json_problem(exc: BaseException) -> str:
    """Where and why a body is not JSON, in one sentence."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}."
    if isinstance(exc, RecursionError):
        return "it is nested too deeply."
    return "it is not UTF-8 JSON text."


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type (array, string, ...)."""
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)
