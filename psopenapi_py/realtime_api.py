"""The Realtime API (the module's ``RealtimeApi``): every function of it, flat.

The functions live with the resource they act on (``_realtime_sessions``: minting ephemeral keys;
``_realtime_calls``: WebRTC and SIP calls); the work they share, around the one HTTP path, is in
``_operation``.
"""

from __future__ import annotations

from ._operation import ApiResponse
from ._realtime_calls import (
    deny_realtime_call,
    invoke_hangup_realtime_call,
    invoke_refer_realtime_call,
    new_realtime_call,
    receive_realtime_call,
)
from ._realtime_sessions import (
    new_realtime_client_secret,
    new_realtime_session,
    new_realtime_transcription_session,
    new_realtime_translation_client_secret,
)

__all__ = [
    "ApiResponse",
    "deny_realtime_call",
    "invoke_hangup_realtime_call",
    "invoke_refer_realtime_call",
    "new_realtime_call",
    "new_realtime_client_secret",
    "new_realtime_session",
    "new_realtime_transcription_session",
    "new_realtime_translation_client_secret",
    "receive_realtime_call",
]
