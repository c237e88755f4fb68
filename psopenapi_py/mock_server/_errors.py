"""What the mock sends back: an :class:`Answer`, or a :class:`MockError` (OpenAI's JSON error shape)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The media type of JSON answers.
JSON = "application/json"


@dataclass(frozen=True)
class Answer:
    """One answer: its status, its body (a JSON value, text, or None for an empty body) and extra headers.

    ``content_type`` says how the body goes out: ``application/json`` bodies are serialised as JSON,
    any other type takes text; an empty body (None) is sent without a Content-Type.
    """

    status: int
    body: Any = None
    content_type: str = JSON
    headers: Mapping[str, str] = field(default_factory=dict)


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

    def to_answer(self) -> Answer:
        """The error as the answer that goes out."""
        return Answer(self.status, self.to_dict(), JSON, self.headers)
