"""An OpenAI-compatible mock of the Realtime API on loopback, for offline dry runs, tests and notebooks.

    with MockServer(api_key="sk-example") as server:
        os.environ["OPENAI_BASE_URL"] = server.url      # http://127.0.0.1:<port>/v1
        session = new_realtime_session(...)
        server.requests[-1].body                          # exactly what was sent

It answers like the real API: ``Authorization: Bearer`` checked, bodies validated strictly against the
spec (answering 400 with ``param`` naming the offending field), errors in OpenAI's JSON shape, an
``x-request-id`` on every response. Fault injection (``fail_first``, ``retry_after``, ``latency_ms``)
rehearses retries. The endpoints live in :data:`ROUTES` (path -> handler); a new endpoint is one entry.

The package's modules, one job each: ``_server`` (the MockServer: options, life cycle, the checks
every request passes), ``_http`` (HTTP framing and writing answers), ``_answers`` (what each endpoint
answers), ``_bodies`` (reading request bodies strictly as the spec says), ``_errors`` (the Answer
type and OpenAI's error shape), ``_recording`` (the request record and the one place secrets are
redacted).
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
