"""OpenAI's webhooks: signatures (the Standard Webhooks scheme), the memory of ids already seen, the
incoming-call event read and checked, and the rules that decide a call."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._strict_json import DuplicateKey, LongNumber, NotANumber, strict_loads

if TYPE_CHECKING:
    from ._config import Rule


class WebhookRefused(Exception):
    """A delivery that is not to be trusted; ``status`` is what the server answers (400 or 401)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def secret_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_<base64>`` secret.

    Raises:
        ValueError: not ``whsec_`` followed by the base64 of a key (the message never shows the secret).
    """
    if not isinstance(secret, str) or not secret.startswith("whsec_"):
        raise ValueError("the webhook secret is not whsec_ followed by base64")
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the webhook secret is not whsec_ followed by base64") from None
    if not key:
        raise ValueError("the webhook secret is not whsec_ followed by base64")
    return key


def _check_delivery(secret: Any, webhook_id: Any, body: Any) -> bytes:
    """The HMAC key, once the secret, the id and the body are what signing takes (named when not)."""
    from ..exceptions import invalid_type, invalid_value

    try:
        key = secret_key(secret)
    except ValueError as exc:
        raise invalid_value("secret", None, f"It is not usable: {exc}.", show_value=False) from None
    if not isinstance(webhook_id, str):
        raise invalid_type("webhook_id", webhook_id, "a string (the webhook-id header)")
    if not isinstance(body, bytes):
        raise invalid_type("body", body, "bytes: the request body exactly as received", show_value=False)
    return key


def sign(secret: str, webhook_id: str, timestamp: int | str, body: bytes) -> str:
    """The ``webhook-signature`` value OpenAI sends for this delivery (``v1,<base64>``): used by tests and tools.

    What is signed is ``webhook-id.webhook-timestamp.body`` with the timestamp as its header spells it.
    """
    from ..exceptions import invalid_type

    key = _check_delivery(secret, webhook_id, body)
    if isinstance(timestamp, bool) or not isinstance(timestamp, (int, str)):
        # Signed as its text: a string is signed as spelled (a tool may sign odd spellings to test a verifier).
        raise invalid_type("timestamp", timestamp, "Unix seconds as an int, or the header's text")
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


# One signature: the scheme's version, a comma, the base64 digest. Several are separated by spaces, or by a
# comma where a server joined several webhook-signature header lines into one value; anything else around
# one (``xv1,...``, ``v1,...!!``) makes it no signature.
_SIGNATURE = re.compile(r"(?:^|(?<=[\s,]))(v[0-9]+[a-z]*),([A-Za-z0-9+/]+={0,2})(?=$|[\s,])")

#: The longest webhook-timestamp read (digits; leading zeros allowed): beyond it, no time this side of the
#: year 3000 is meant.
_MAX_STAMP_DIGITS = 20


def verify(
    secret: str, headers: Mapping[str, str], body: bytes, *, tolerance_sec: int = 300, now: float | None = None
) -> str:
    """Check a delivery's signature and timestamp; return its ``webhook-id``.

    Raises:
        WebhookRefused: 400 when a header is missing or malformed or the timestamp is too old or too new,
            401 when no signature matches.
    """
    from ..exceptions import invalid_type, invalid_value

    if not isinstance(headers, Mapping):
        raise invalid_type("headers", headers, "a mapping of header names to values")
    _check_delivery(secret, "", body)
    if isinstance(tolerance_sec, bool) or not isinstance(tolerance_sec, int) or tolerance_sec < 0:
        raise invalid_value("tolerance_sec", tolerance_sec, "Must be a whole number of seconds, 0 or more.")
    # Header names in any case, as HTTP has them.
    found = {str(name).lower(): value for name, value in headers.items()}
    webhook_id = found.get("webhook-id")
    stamp = found.get("webhook-timestamp")
    signatures = found.get("webhook-signature")
    if not webhook_id or not stamp or not signatures:
        raise WebhookRefused(400, "webhook-id, webhook-timestamp and webhook-signature headers are required.")
    if not (stamp.isascii() and stamp.isdigit()) or len(stamp) > _MAX_STAMP_DIGITS:
        # Digits only: int() would also take "+1796126323" or "1_796_126_323", whose signed text differs.
        raise WebhookRefused(
            400,
            f"webhook-timestamp {stamp[:40]!r} is not a Unix time in seconds (digits only, at most "
            f"{_MAX_STAMP_DIGITS}).",
        )
    timestamp = int(stamp)
    # Whole seconds, as the timestamp is and as other Standard Webhooks verifiers count.
    current = int(time.time() if now is None else now)
    if timestamp < current - tolerance_sec:
        raise WebhookRefused(
            400, f"webhook-timestamp {timestamp} is more than {tolerance_sec} seconds old (now: {current})."
        )
    if timestamp > current + tolerance_sec:
        raise WebhookRefused(
            400, f"webhook-timestamp {timestamp} is more than {tolerance_sec} seconds ahead (now: {current})."
        )
    expected = sign(secret, webhook_id, stamp, body).split(",", 1)[1].encode()
    for version, value in _SIGNATURE.findall(signatures):
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return webhook_id
    raise WebhookRefused(401, "No webhook signature matches.")


class SeenIds:
    """The webhook ids delivered lately (at most ``capacity``, oldest forgotten first), to refuse replays."""

    def __init__(self, capacity: int):
        self._capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, webhook_id: str) -> bool:
        """Remember ``webhook_id``; False when it was already seen."""
        with self._lock:
            if webhook_id in self._ids:
                return False
            self._ids[webhook_id] = None
            if len(self._ids) > self._capacity:
                self._ids.popitem(last=False)
            return True

    def forget(self, webhook_id: str) -> None:
        """Forget ``webhook_id`` (its delivery failed here, so OpenAI's retry must be acted on)."""
        with self._lock:
            self._ids.pop(webhook_id, None)


class EventRefused(Exception):
    """A signed delivery whose event is not as documented; ``code`` goes in the 400's JSON error."""

    def __init__(self, message: str, code: str = "invalid_event"):
        super().__init__(message)
        self.code = code


def incoming_call(body: bytes) -> EventRefused | tuple[str, list[dict[str, str]]] | None:
    """An incoming call's id and SIP headers; None for an event of another type (acknowledged and ignored);
    or the :class:`EventRefused` that names what is wrong with the event (returned, not raised)."""

    def shown(value: Any) -> str:
        return json.dumps(value)[:100]

    try:
        event = strict_loads(body.decode("utf-8-sig"))
    except DuplicateKey as exc:
        return EventRefused(f"'{exc.key[:100]}' is given twice in one object of the event.")
    except (LongNumber, NotANumber):
        return EventRefused("The event holds a number no JSON reader keeps as written (NaN, or over 30 digits).")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return EventRefused("The body is not UTF-8 JSON.", "invalid_json")
    if not isinstance(event, dict) or event.get("type") != "realtime.call.incoming":
        return None
    if "data" not in event:
        return EventRefused("data is missing; a realtime.call.incoming event has an object there.")
    data = event["data"]
    if not isinstance(data, dict):
        return EventRefused(f"data is {shown(data)}; a realtime.call.incoming event has an object there.")
    call_id, sip = data.get("call_id"), data.get("sip_headers")
    if not isinstance(call_id, str) or not call_id:
        return EventRefused(f"data.call_id is {shown(call_id)}; it must be the call's id (a non-empty string).")
    if not isinstance(sip, list):
        return EventRefused(f"data.sip_headers is {shown(sip)}; it must be a list of {{name, value}} objects.")
    for index, header in enumerate(sip):
        if not (isinstance(header, dict) and isinstance(header.get("name"), str)):
            return EventRefused(
                f"data.sip_headers[{index}] is {shown(header)}; it must be a SIP header: an object with a "
                "string name and value."
            )
        if not isinstance(header.get("value"), str):
            return EventRefused(
                f"data.sip_headers[{index}].value is {shown(header.get('value'))}; it must be a string "
                "(the header's value)."
            )
    return call_id, sip


def decide(rules: Iterable[Rule], sip_headers: list[dict[str, str]], default: tuple[str, int]) -> tuple[str, int]:
    """The action and SIP status for a call: the first rule matching one of its SIP headers, else ``default``."""
    # A header's compact form (RFC 3261, 7.3.3: t for To, f for From...) is that header.
    pairs = [(_COMPACT.get(h["name"].lower(), h["name"].lower()), h["value"]) for h in sip_headers]
    for rule in rules:
        wanted = _COMPACT.get(rule.header.lower(), rule.header.lower())
        if any(name == wanted and rule.pattern.search(value) for name, value in pairs):
            return rule.action, rule.status or 603
    return default


#: SIP's compact header names and the headers they stand for (RFC 3261, 7.3.3 and 20).
_COMPACT = {
    "t": "to",
    "f": "from",
    "m": "contact",
    "i": "call-id",
    "v": "via",
    "s": "subject",
    "k": "supported",
    "c": "content-type",
    "l": "content-length",
    "e": "content-encoding",
}
