"""Reading request bodies as the spec says: content types, JSON objects, strict parsing into the models."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesParser
from typing import Any

from .._runtime import Model
from .._wire_check import check_wire_letter
from ..exceptions import INVALID_TYPE, MISSING_REQUIRED, UNKNOWN_FIELD, ApiTypeError, ApiValueError
from ._errors import MockError


def media_type(headers: Message) -> str | None:
    """The request's media type in lower case without parameters (``multipart/form-data``), or None."""
    content_type = headers.get("Content-Type")
    return None if content_type is None else content_type.split(";")[0].strip().lower()


def json_object(headers: Message, body: bytes | None) -> dict[str, Any]:
    """The body as a JSON object; 415 unless it is sent as application/json, 400 unless it is an object."""
    if media_type(headers) != "application/json":
        content_type = headers.get("Content-Type")
        shown = "missing" if content_type is None else repr(content_type)
        raise MockError(415, f"Invalid Content-Type header ({shown}): expected 'application/json'.")
    try:
        data = json.loads(body or b"")
    except (ValueError, RecursionError) as exc:
        raise MockError(400, f"We could not parse the JSON body of your request: {json_problem(exc)}") from None
    if not isinstance(data, dict):
        raise MockError(400, f"Invalid body: expected a JSON object, got a JSON {json_kind(data)}.")
    return data


def strict_parse(model_cls: type[Model], data: dict[str, Any], name: str | None = None) -> Model:
    """The package's own strict request parser, plus the spec's letter where the client is lenient.

    ``name`` is where the object sits in the request (``"session"`` for a multipart part), so that
    errors name the full path (``session.audio.output.voice``).
    """
    try:
        # The letter check goes first so that its wording, in JSON terms ("null"), reaches the client.
        check_wire_letter(model_cls, data, "" if name is None else f"{name}.")
        parsed = model_cls.from_dict(data, name=name, lenient=False)
    except (ApiTypeError, ApiValueError) as exc:
        raise MockError(400, str(exc), param=exc.parameter, code=_error_code(exc)) from None
    return parsed


#: OpenAI's error code for each kind of input error (exc.code); any other kind answers invalid_value.
_OPENAI_CODES = {
    INVALID_TYPE: "invalid_type",
    UNKNOWN_FIELD: "unknown_parameter",
    MISSING_REQUIRED: "missing_required_parameter",
}


def _error_code(exc: ApiTypeError | ApiValueError) -> str:
    """OpenAI's error code for a parser error: unknown_parameter, missing_required_parameter, invalid_type or invalid_value."""
    return _OPENAI_CODES.get(exc.code, "invalid_value")


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


@dataclass(frozen=True)
class Part:
    """One part of a multipart/form-data body: its declared Content-Type (None when absent) and bytes."""

    content_type: str | None
    data: bytes


def form_parts(headers: Message, body: bytes | None) -> dict[str, Part]:
    """The parts of a multipart/form-data body by name; 400 when it is not well-formed or names a part twice."""
    content_type = headers.get("Content-Type", "")
    envelope = b"Content-Type: " + content_type.encode("latin-1", errors="replace") + b"\r\n\r\n" + (body or b"")
    message = BytesParser(policy=policy.HTTP).parsebytes(envelope)
    if not message.is_multipart() or not message.get_boundary() or message.defects:
        raise MockError(
            400,
            "Invalid multipart/form-data body: it needs a boundary in the Content-Type header, "
            "parts separated by it, and a closing boundary.",
        )
    parts: dict[str, Part] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            raise MockError(400, "Invalid multipart/form-data body: a part has no Content-Disposition name.")
        if name in parts:
            raise MockError(400, f"Invalid multipart/form-data body: the part '{name}' is sent twice.", param=name)
        declared = part.get("Content-Type")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        parts[name] = Part(None if declared is None else part.get_content_type(), data)
    return parts
