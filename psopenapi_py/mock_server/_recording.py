"""What the mock remembers of each request: the record, with every secret redacted (by ``psopenapi_py._redact``)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from email.message import Message
from typing import Any, TextIO

from .. import _redact
from ._bodies import form_parts, media_type
from ._errors import MockError


@dataclass(frozen=True)
class RecordedRequest:
    """One request the mock received: method, path, headers (secrets redacted), parsed body, and its answer.

    ``body`` is the parsed JSON when the body was JSON, a dict of part name -> JSON or text for a
    multipart/form-data body, else its text, else None (empty or too large).
    ``token_fingerprint`` tells bearer tokens apart without keeping them (see :func:`token_fingerprint`).
    """

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int
    request_id: str
    token_fingerprint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (one line of ``--record``)."""
        return {
            "method": self.method,
            "path": self.path,
            "headers": dict(self.headers),
            "body": self.body,
            "status": self.status,
            "request_id": self.request_id,
            "token_fingerprint": self.token_fingerprint,
        }


def open_record_file(path: str | os.PathLike[str]) -> TextIO:
    """Open the ``--record`` file for appending, creating it readable by its owner only (mode 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    return open(fd, "a", encoding="utf-8", errors="backslashreplace")


def token_fingerprint(authorization: str | None) -> str | None:
    """The first 12 hex digits of the SHA-256 of a bearer token, or None without one.

    Enough to tell which key a request used (``token_fingerprint("Bearer " + key)`` on the test's side),
    too little to recover any key: the token itself is never kept.
    """
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token_digest(token)[:12]


def token_digest(token: str) -> str:
    """The SHA-256 hex digest of a bearer token: what the mock keeps instead of the token."""
    return hashlib.sha256(token.encode("utf-8", errors="replace")).hexdigest()


def redact_headers(headers: Message) -> dict[str, str]:
    """The request headers with credential values replaced by <redacted> (the auth scheme kept), as the client shows them."""
    return _redact.headers(headers.items())


def parsed_body(headers: Message, body: bytes | None) -> Any:
    """What a record shows of a body: parsed JSON, a multipart body's parts by name, else text, else None.

    MCP credentials are redacted wherever a session's tools can carry them (a JSON body, its
    ``session``, a multipart ``session`` part).
    """
    if not body:
        return None
    if media_type(headers) == "multipart/form-data":
        try:
            parts = form_parts(headers, body)
        except MockError:
            return body.decode("utf-8", errors="replace")
        return {name: _parsed_part(part.data) for name, part in parts.items()}
    try:
        return without_mcp_credentials(json.loads(body))
    except (ValueError, RecursionError):
        return body.decode("utf-8", errors="replace")


def _parsed_part(data: bytes) -> Any:
    """One multipart part as a record shows it: its JSON (credentials redacted) when it is JSON, else its text."""
    text = data.decode("utf-8", errors="replace")
    if not text.lstrip().startswith(("{", "[")):
        return text
    try:
        return without_mcp_credentials(json.loads(data))
    except (ValueError, RecursionError):
        return text


def without_mcp_credentials(data: Any) -> Any:
    """A request body or session with each MCP tool's ``authorization`` and ``headers`` values as <redacted>.

    They are OAuth tokens for third-party servers: recordings and answers must not carry them.
    """
    return _redact.json_value(data)
