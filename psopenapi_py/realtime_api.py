"""The Realtime API (the module's ``RealtimeApi``): every function of it, flat.

The functions live with the resource they act on (``_realtime_sessions``: minting ephemeral keys);
the work they share, around the one HTTP path, is in ``_operation``.
"""

from __future__ import annotations

from ._operation import ApiResponse
from ._realtime_sessions import new_realtime_client_secret, new_realtime_session

__all__ = ["ApiResponse", "new_realtime_client_secret", "new_realtime_session"]
