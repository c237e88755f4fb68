"""The one place that decides what is a secret and how it is hidden, for every text the package shows.

Every repr, log line, exception message, exception body, CLI error line and mock-server record goes
through these functions, so that a secret is hidden the same way wherever it would appear:

* :data:`MARKER` (``<redacted>``) stands where a secret was.
* Headers (:func:`is_secret_header`, :func:`header_value`, :func:`headers`): a header whose name holds
  one of :data:`SECRET_NAME_WORDS` carries a credential; its value is hidden, keeping the scheme of an
  ``Authorization`` value (``Bearer <redacted>``) so a reader still sees how the client authenticated.
* URLs (:func:`url`): the user-info part (``user:<redacted>@host``, or ``<redacted>@host`` for a lone
  token) and the values of query-string keys named like a credential (``?api_key=<redacted>``).
* Free text (:func:`text`): the known secrets of the call, and anything shaped like an OpenAI key
  (``sk-...``, ``ek_...``) or a webhook secret (``whsec_...``). A known secret is hidden only as a whole token (not inside a longer word)
  unless it has at least :data:`ANYWHERE_LENGTH` characters, and only when it has at least
  :data:`MIN_SECRET_LENGTH` characters: a shorter "key" cannot be told
  apart from the words around it, and hiding it would corrupt the message and point at the key
  (``--api-key e`` must not turn ``Unauthorized`` into ``Unauthoriz<redacted>d``).
* JSON (:func:`json_value`, :func:`json_repr`): MCP tools' ``authorization`` and ``headers`` values
  wherever a tool sits, and, in free-form JSON shown by a repr, the keys of :data:`SECRET_FIELD_NAMES`.
  Model fields marked secret in their metadata (``_runtime.SECRET``) are shown as :data:`MARKER` too.

This module imports nothing from the package, so every other module may use it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "MARKER",
    "ANYWHERE_LENGTH",
    "MIN_SECRET_LENGTH",
    "SECRET_FIELD_NAMES",
    "SECRET_NAME_WORDS",
    "header_value",
    "headers",
    "is_secret_field",
    "is_secret_header",
    "is_secret_name",
    "json_repr",
    "json_value",
    "secrets_of_headers",
    "text",
    "url",
]

#: What stands where a secret was.
MARKER = "<redacted>"
#: Known secrets shorter than this are not searched for in free text (see the module docstring).
MIN_SECRET_LENGTH = 8
#: Known secrets at least this long are hidden anywhere, inside a longer word too (``/x<key>``): no word of a
#: message is one by chance.
ANYWHERE_LENGTH = 20
#: A header or query-string key whose name contains one of these words carries a credential.
SECRET_NAME_WORDS = ("auth", "cookie", "key", "token", "secret", "password", "session")
#: Keys of free-form JSON (a model's additional_properties) whose values a repr never shows.
SECRET_FIELD_NAMES = frozenset(
    {"value", "client_secret", "api_key", "authorization", "token", "access_token", "password"}
)

# Characters a key is made of: a secret counts as found only when it is not part of a longer run of them.
_KEY_CHARS = r"A-Za-z0-9_\-"
#: Anything shaped like an OpenAI secret key or ephemeral key (``sk-...``, ``ek_...``), partly starred ones
#: included, or like a webhook signing secret (``whsec_`` and base64).
_KEY_SHAPED = re.compile(r"\b(?:(?:sk|ek)[-_][A-Za-z0-9_\-*]{4,}|whsec_[A-Za-z0-9+/=]{4,})")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


@functools.lru_cache(maxsize=256)  # every call asks this of every header it sends
def is_secret_name(name: str) -> bool:
    """Whether a header or query-string key of this name may carry a credential (Authorization, api_key, ...)."""
    lowered = name.lower()
    return any(word in lowered for word in SECRET_NAME_WORDS)


def is_secret_header(name: str) -> bool:
    """Whether a header's value may be a credential (Authorization, Cookie, api-key, X-Session-Token, ...)."""
    return is_secret_name(name)


def is_secret_field(key: object) -> bool:
    """Whether a key of free-form JSON holds a secret (``value``, ``client_secret``, ``api_key``, ...)."""
    # Keys given in a dict from Python need not be strings ({0: ...}).
    return isinstance(key, str) and key.lower() in SECRET_FIELD_NAMES


def header_value(name: str, value: str) -> str:
    """The value to show for a header: itself, or hidden when the header carries a credential."""
    if not is_secret_header(name):
        return value
    scheme, sep, credential = value.strip().partition(" ")
    if sep and credential.strip() and name.lower().endswith("authorization") and _SCHEME.fullmatch(scheme):
        return f"{scheme} {MARKER}"
    return MARKER


def headers(items: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers as a dict, credential values hidden (``Authorization: Bearer <redacted>``)."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return {name: header_value(name, value) for name, value in pairs}


def secrets_of_headers(items: Mapping[str, str]) -> list[str]:
    """The header values that must never be shown: credential values, and the token of ``Bearer <token>``."""
    found = []
    for name, value in items.items():
        if is_secret_header(name) and value:
            found.append(value)
            scheme, _, credential = value.partition(" ")
            if credential and scheme.lower() in ("bearer", "basic"):
                found.append(credential)
    return found


def url(address: str) -> str:
    """The URL (or path with a query) with its user-info and credential query values hidden."""
    try:
        parts = urlsplit(address)
        username, password = parts.username, parts.password
    except ValueError:
        # Not parsable (a bad IPv6 literal, a bad port): hide anything that could be user-info.
        return re.sub(r"(?<=://)[^/@]*@", MARKER + "@", address) if "@" in address else address
    changed = False
    if username is not None or password is not None:
        changed = True
        host = parts.netloc.rpartition("@")[2]
        if password is not None:
            netloc = f"{parts.netloc.rpartition('@')[0].split(':', 1)[0]}:{MARKER}@{host}"
        else:  # a lone user part is how a token is passed (https://TOKEN@host)
            netloc = f"{MARKER}@{host}"
        parts = parts._replace(netloc=netloc)
    if parts.query and _query(parts.query) != parts.query:
        changed = True
        parts = parts._replace(query=_query(parts.query))
    # Rebuilt only when something was hidden: geturl() may respell an unusual URL otherwise.
    return parts.geturl() if changed else address


def _query(query: str) -> str:
    out = []
    for item in query.split("&"):
        key, sep, _value = item.partition("=")
        out.append(f"{key}={MARKER}" if sep and is_secret_name(key) else item)
    return "&".join(out)


def text(message: str, secrets: Iterable[str | None] = (), *, key_shaped: bool = True) -> str:
    """``message`` with each known secret (whole tokens of at least MIN_SECRET_LENGTH characters) and,
    with ``key_shaped``, anything shaped like an OpenAI key replaced by :data:`MARKER`."""
    # Longest first, so "Bearer sk-..." goes before "sk-..." and nothing is left half-hidden.
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True):
        if secret in message:
            if len(secret) >= ANYWHERE_LENGTH:
                message = message.replace(secret, MARKER)
            else:
                pattern = rf"(?<![{_KEY_CHARS}]){re.escape(secret)}(?![{_KEY_CHARS}])"
                message = re.sub(pattern, MARKER, message)
    if key_shaped:
        message = _KEY_SHAPED.sub(MARKER, message)
    return message


def json_value(data: Any) -> Any:
    """A copy of parsed JSON with every MCP tool's ``authorization`` and ``headers`` values hidden.

    They are credentials for third-party servers; tools sit in a session, a call's accept body, a
    client-secret request's ``session``, or anywhere else a body nests them. Everything else is kept.
    """
    if isinstance(data, list):
        return [json_value(item) for item in data]
    if not isinstance(data, dict):
        return data
    out = {key: json_value(item) for key, item in data.items()}
    if out.get("type") == "mcp":
        if "authorization" in out:
            out["authorization"] = MARKER
        if isinstance(out.get("headers"), dict):
            out["headers"] = {name: MARKER for name in out["headers"]}
    return out


def json_repr(value: Any) -> str:
    """The repr of free-form JSON (a dict, a list, a value) with the values of secret keys shown as MARKER."""
    if isinstance(value, dict):
        shown = (f"{k!r}: {MARKER if is_secret_field(k) else json_repr(v)}" for k, v in value.items())
        return "{" + ", ".join(shown) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(json_repr(v) for v in value) + "]"
    return repr(value)
