"""Realtime calls: the SDP answer to a WebRTC offer, and the state of every call the mock knows.

A WebRTC call (``POST /v1/realtime/calls``) starts ``created``; an incoming SIP call (registered with
``MockServer(sip_calls=...)`` or ``server.add_sip_call()``) starts ``incoming``. The actions move a
call on as the table :data:`TRANSITIONS` says; any other action is answered 409.
"""

from __future__ import annotations

import secrets
import string
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ._errors import MockError

#: action -> (the states it applies to, the state it leaves the call in).
TRANSITIONS: Mapping[str, tuple[frozenset[str], str]] = {
    "accept": (frozenset({"incoming"}), "accepted"),
    "reject": (frozenset({"incoming"}), "rejected"),
    "refer": (frozenset({"accepted"}), "referred"),
    "hangup": (frozenset({"created", "accepted"}), "hung_up"),
}
#: How each state reads in a 409's message ("Cannot accept call 'rtc_1': it was already accepted.").
_STATE_PHRASES: Mapping[str, str] = {
    "created": "is a WebRTC call (accept, reject and refer apply to incoming SIP calls)",
    "incoming": "is still ringing (accept or reject it first)",
    "accepted": "was already accepted",
    "rejected": "was rejected",
    "referred": "was referred",
    "hung_up": "was hung up",
}
_VERBS: Mapping[str, str] = {"accept": "accept", "reject": "reject", "refer": "refer", "hangup": "hang up"}
#: The SIP status a reject without ``status_code`` sends (603 Decline, the API's default).
DEFAULT_REJECT_STATUS = 603
#: The audio codecs the mock answers with, by rtpmap encoding name (others in an offer are left out).
AUDIO_CODECS = frozenset({"opus", "pcmu", "pcma"})
#: Characters of ICE credentials (RFC 8839 ice-char, without "+" and "/" to keep them easy to read).
_ICE_CHARS = string.ascii_letters + string.digits


@dataclass(frozen=True)
class MockCall:
    """One call as the mock sees it: its id, ``kind`` (``webrtc`` or ``sip``), ``state`` and what acted on it.

    ``session`` is the session configuration it was created or accepted with (None without one),
    ``status_code`` the SIP status it was rejected with, ``target_uri`` where it was referred.
    """

    call_id: str
    kind: str
    state: str
    session: dict[str, Any] | None = None
    status_code: int | None = None
    target_uri: str | None = None


def new_call_id() -> str:
    """A fresh call id in OpenAI's shape: ``rtc_`` and 32 hex digits."""
    return "rtc_" + secrets.token_hex(16)


class CallBook:
    """The calls the mock knows, safe to use from the serving threads and the test at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, MockCall] = {}

    def snapshot(self) -> dict[str, MockCall]:
        """Every call by id, as it is now."""
        with self._lock:
            return dict(self._calls)

    def add_sip_call(self, call_id: str) -> str:
        """Register an incoming SIP call; raise ValueError when the id is already known."""
        with self._lock:
            if call_id in self._calls:
                raise ValueError(call_id)
            self._calls[call_id] = MockCall(call_id, "sip", "incoming")
        return call_id

    def create(self, offer: str, session: dict[str, Any] | None) -> tuple[str, str]:
        """Start a WebRTC call for an SDP offer: its id and the SDP answer."""
        answer = sdp_answer(offer)
        call_id = new_call_id()
        with self._lock:
            self._calls[call_id] = MockCall(call_id, "webrtc", "created", session=session)
        return call_id, answer

    def find(self, call_id: str) -> MockCall:
        """The call, or a 404 naming it."""
        with self._lock:
            call = self._calls.get(call_id)
        if call is None:
            raise _not_found(call_id)
        return call

    def act(self, call_id: str, action: str, **changes: Any) -> MockCall:
        """Apply an action (accept, reject, refer, hangup) if the call's state allows it, else raise 409."""
        allowed, new_state = TRANSITIONS[action]
        with self._lock:
            call = self._calls.get(call_id)
            if call is None:
                raise _not_found(call_id)
            if call.state not in allowed:
                raise MockError(
                    409,
                    f"Cannot {_VERBS[action]} call '{call_id}': it {_STATE_PHRASES[call.state]}.",
                    param="call_id",
                    code="call_state_conflict",
                )
            call = replace(call, state=new_state, **changes)
            self._calls[call_id] = call
        return call


def _not_found(call_id: str) -> MockError:
    return MockError(404, f"Call '{call_id}' not found.", param="call_id", code="call_not_found")


# --------------------------------------------------------------------------------------------------
# SDP


def check_offer(offer: str) -> list[list[str]]:
    """The offer's media sections (each a list of its lines, the m= line first), or a 400 naming ``sdp``."""
    lines = [line for line in offer.replace("\r\n", "\n").split("\n") if line.strip()]
    if not lines or lines[0].strip() != "v=0":
        first = repr(lines[0][:40]) if lines else "nothing"
        raise _bad_offer(f"an SDP offer starts with the line 'v=0', this one starts with {first}")
    sections: list[list[str]] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("m="):
            if len(line[2:].split()) < 4:
                raise _bad_offer(f"line {number} {line[:60]!r} is not 'm=<media> <port> <proto> <formats>'")
            sections.append([line])
        elif sections:
            sections[-1].append(line)
    if not sections:
        raise _bad_offer("it has no media section (no line starting with 'm=')")
    return sections


def _bad_offer(why: str) -> MockError:
    return MockError(400, f"Invalid SDP offer in 'sdp': {why}.", param="sdp", code="invalid_value")


def sdp_answer(offer: str) -> str:
    """A well-formed SDP answer to the offer, as a WebRTC endpoint gives it.

    The same media sections in the same order, each with its ``mid``; audio keeps the offered Opus,
    PCMU and PCMA formats (a section offering none of them, or media other than audio and data
    channels, is declined with port 0). The mock takes the DTLS server role (``a=setup:passive``) and
    has fresh ICE credentials and certificate fingerprint for every call.
    """
    sections = check_offer(offer)
    ufrag = "".join(secrets.choice(_ICE_CHARS) for _ in range(16))
    password = "".join(secrets.choice(_ICE_CHARS) for _ in range(32))
    fingerprint = ":".join(f"{byte:02X}" for byte in secrets.token_bytes(32))
    mids = [_attribute(section, "mid") for section in sections]
    lines = [
        "v=0",
        f"o=- {secrets.randbelow(10**10)} {int(time.time())} IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
    ]
    if all(mid is not None for mid in mids):
        lines.append("a=group:BUNDLE " + " ".join(str(mid) for mid in mids))
    lines += ["a=msid-semantic:WMS *", f"a=fingerprint:sha-256 {fingerprint}"]
    for section, mid in zip(sections, mids, strict=True):
        lines += _answer_section(section, mid, ufrag, password)
    return "\r\n".join(lines) + "\r\n"


def _answer_section(section: list[str], mid: str | None, ufrag: str, password: str) -> list[str]:
    """The answer's lines for one offered media section."""
    media, _port, proto, *formats = section[0][2:].split()
    if media == "audio":
        kept = [f for f in formats if (_rtpmap(section, f) or "").split("/")[0].lower() in AUDIO_CODECS]
    elif media == "application":
        kept = formats
    else:
        kept = []
    if not kept:
        # RFC 3264: a declined section keeps its place, with port 0.
        return [f"m={media} 0 {proto} {' '.join(formats)}"] + ([f"a=mid:{mid}"] if mid is not None else [])
    lines = [f"m={media} 9 {proto} {' '.join(kept)}", "c=IN IP4 0.0.0.0"]
    if mid is not None:
        lines.append(f"a=mid:{mid}")
    lines += [f"a=ice-ufrag:{ufrag}", f"a=ice-pwd:{password}", "a=setup:passive"]
    if media == "application":
        lines.append(f"a=sctp-port:{_attribute(section, 'sctp-port') or 5000}")
    else:
        lines += [f"a={_answer_direction(section)}", "a=rtcp-mux"]
        for fmt in kept:
            lines.append(f"a=rtpmap:{fmt} {_rtpmap(section, fmt)}")
            fmtp = _attribute(section, f"fmtp:{fmt}", separator=" ")
            if fmtp is not None:
                lines.append(f"a=fmtp:{fmt} {fmtp}")
    lines += ["a=candidate:1 1 udp 2130706431 127.0.0.1 3478 typ host", "a=end-of-candidates"]
    return lines


def _attribute(section: list[str], name: str, separator: str = ":") -> str | None:
    """The value of the section's first ``a=<name><separator>value`` line, or None."""
    prefix = f"a={name}{separator}"
    for line in section:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    return None


def _rtpmap(section: list[str], fmt: str) -> str | None:
    """The ``rtpmap`` of one payload type (``opus/48000/2``); static types 0 and 8 have a known one."""
    return _attribute(section, f"rtpmap:{fmt}", separator=" ") or {"0": "PCMU/8000", "8": "PCMA/8000"}.get(fmt)


def _answer_direction(section: list[str]) -> str:
    """The direction attribute answering the offer's (sendonly is answered recvonly and so on)."""
    opposite = {"sendonly": "recvonly", "recvonly": "sendonly", "inactive": "inactive"}
    for line in section:
        if line[2:] in opposite or line[2:] == "sendrecv":
            return opposite.get(line[2:], "sendrecv")
    return "sendrecv"
