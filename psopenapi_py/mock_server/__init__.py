"""An OpenAI-compatible mock of the Realtime API on loopback, for offline dry runs, tests and notebooks.

    with MockServer(api_key="sk-example") as server:
        os.environ["OPENAI_BASE_URL"] = server.url      # http://127.0.0.1:<port>/v1
        session = new_realtime_session(...)
        server.requests[-1].body                          # exactly what was sent

It answers like the real API: ``Authorization: Bearer`` checked, bodies validated strictly against the
spec (answering 400 with ``param`` naming the offending field), errors in OpenAI's JSON shape, an
``x-request-id`` on every response. Fault injection (``fail_first``, ``retry_after``, ``latency_ms``)
rehearses retries. The JSON endpoints live in :data:`ROUTES` (path -> handler); a new one is one entry.

Served (all POST): ``/v1/realtime/client_secrets``, ``/v1/realtime/translations/client_secrets``,
``/v1/realtime/calls`` (an SDP offer, multipart or ``application/sdp``; 201 with an SDP answer and the
call's path in ``Location``; besides the server's key, a live ephemeral key the mock minted is
accepted here, as a browser would send it), ``/v1/realtime/calls/{call_id}/accept|reject|refer|hangup`` (200 with an
empty body; 404 for an unknown call, 409 ``call_state_conflict`` for an action its state does not
allow), and the beta ``/v1/realtime/sessions`` and ``/v1/realtime/transcription_sessions``.

Options beyond those of the sessions mock (the ``psopenapi mock-server`` flags in brackets):

* ``sip_calls=("rtc_...", ...)`` [``--sip-call ID``, repeatable]: incoming SIP calls known from the
  start; ``server.add_sip_call(call_id=None) -> str`` registers one more while serving, and
  ``server.calls`` maps every call id to its :class:`MockCall` (kind, state, what acted on it).
* ``retired_beta=True`` [``--retired-beta``]: both beta paths answer as OpenAI does today, 400 with
  code ``beta_api_shape_disabled`` (what ``BetaApiRetiredError`` and the openai SDK recognise).
* ``history=1000``: ``server.requests`` keeps only the latest requests (``record`` gets every one, as
  each arrives); ``read_timeout_sec=10`` closes a connection that goes silent; ``max_workers=64`` bounds
  the threads serving connections at once.

The package's modules, one job each: ``_server`` (the MockServer: options, life cycle, the checks
every request passes), ``_http`` (HTTP framing and writing answers), ``_answers`` (what each endpoint
answers), ``_calls`` (call state and SDP answers), ``_bodies`` (reading request bodies strictly as the
spec says: JSON, multipart), ``_errors`` (the Answer type and OpenAI's error shape), ``_recording`` (the
request record, its secrets redacted by ``psopenapi_py._redact``, the one place for redaction).
"""

from __future__ import annotations

from ._answers import (
    ROUTES,
    create_realtime_client_secret,
    create_realtime_session,
    create_realtime_transcription_session,
    create_realtime_translation_client_secret,
)
from ._calls import MockCall
from ._errors import MockError
from ._http import MAX_BODY_BYTES
from ._recording import RecordedRequest, token_fingerprint
from ._server import MockServer

__all__ = [
    "MAX_BODY_BYTES",
    "ROUTES",
    "MockCall",
    "MockError",
    "MockServer",
    "RecordedRequest",
    "create_realtime_client_secret",
    "create_realtime_session",
    "create_realtime_transcription_session",
    "create_realtime_translation_client_secret",
    "token_fingerprint",
]
