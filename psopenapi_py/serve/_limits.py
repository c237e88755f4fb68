"""The per-caller token bucket and the metrics counters; both live in one process (per instance)."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, OrderedDict

#: How many callers' buckets are kept before the least recently seen ones are dropped.
MAX_BUCKETS = 100_000


class RateLimiter:
    """``capacity`` requests at once per caller, refilled at ``per_sec``; thread-safe."""

    def __init__(self, capacity: int, per_sec: float, clock: object = time.monotonic):
        self.capacity = capacity
        self.per_sec = per_sec
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def admit(self, caller: str) -> float:
        """0 when the caller may go on (one token taken), else the seconds until a token is free."""
        with self._lock:
            # Read under the lock, so that callers racing for one bucket see the clock in the order they refill.
            now = self._clock()  # type: ignore[operator]
            tokens, last = self._buckets.pop(caller, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - last) * self.per_sec)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[caller] = (tokens, now)
                wait = math.inf if self.per_sec <= 0 else (1.0 - tokens) / self.per_sec
            if len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)
            return wait


class Metrics:
    """Counters shown by ``GET /metrics`` in Prometheus' text format."""

    _HELP = {
        "keys_minted": "Ephemeral keys minted through the token endpoint.",
        "offers_relayed": "WebRTC offers relayed to the Realtime API.",
        "calls_accepted": "Incoming SIP calls accepted.",
        "calls_rejected": "Incoming SIP calls rejected.",
        "callers_refused": "Requests refused by caller authentication or their origin.",
        "rate_limited": "Requests refused by the rate limit.",
        "webhooks_refused": "Webhook deliveries refused (signature, timestamp, replay, or an event not as documented).",
    }

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._upstream: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def upstream_error(self, status: str) -> None:
        with self._lock:
            self._upstream[status] += 1

    def render(self) -> str:
        with self._lock:
            lines = []
            for name, text in self._HELP.items():
                metric = f"psopenapi_serve_{name}_total"
                lines += [f"# HELP {metric} {text}", f"# TYPE {metric} counter", f"{metric} {self._counts[name]}"]
            metric = "psopenapi_serve_upstream_errors_total"
            lines += [
                f"# HELP {metric} Errors from the Realtime API, by status (or timeout, connection, unusable_answer).",
                f"# TYPE {metric} counter",
            ]
            # The kinds every instance can meet are shown from the start, so rate() has a zero to start from.
            counts = {"connection": 0, "timeout": 0, "unusable_answer": 0, **self._upstream}
            lines += [f'{metric}{{status="{s}"}} {n}' for s, n in sorted(counts.items())]
            return "\n".join(lines) + "\n"
