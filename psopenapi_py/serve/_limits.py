"""The per-caller token bucket (per process) and the metrics counters (per process, or added up across the
processes of one instance through a shared directory)."""

from __future__ import annotations

import json
import logging
import math
import os
import secrets
import threading
import time
from collections import Counter, OrderedDict

logger = logging.getLogger("psopenapi_py.serve")

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
    """Counters shown by ``GET /metrics`` in Prometheus' text format.

    With ``directory``, the processes serving one application (gunicorn's workers) add their counts up:
    each writes its counts to its own file there whenever they change (before the answer that counted
    goes out), and ``render`` sums every file, so a scrape shows the whole instance whichever worker
    answers it, and no counter ever goes down between scrapes.
    """

    _HELP = {
        "keys_minted": "Ephemeral keys minted through the token endpoint.",
        "offers_relayed": "WebRTC offers relayed to the Realtime API.",
        "calls_accepted": "Incoming SIP calls accepted.",
        "calls_rejected": "Incoming SIP calls rejected.",
        "callers_refused": "Requests refused by caller authentication or their origin.",
        "rate_limited": "Requests refused by the rate limit.",
        "webhooks_refused": "Webhook deliveries refused (signature, timestamp, replay, or an event not as documented).",
    }

    def __init__(self, directory: str | None = None) -> None:
        self._counts: Counter[str] = Counter()
        self._upstream: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._directory = directory
        self._pid = 0  # the process this one's file belongs to (a forked worker starts its own)
        self._file = ""

    def add(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1
            self._share()

    def upstream_error(self, status: str) -> None:
        with self._lock:
            self._upstream[status] += 1
            self._share()

    def _share(self) -> None:
        """Write this process's counts to its file in the shared directory (under the lock, so the file
        follows the counts in order)."""
        if self._directory is None:
            return
        if self._pid != os.getpid():
            if self._pid:
                # Forked after counting (gunicorn --preload): the parent's counts are the parent's file's.
                self._counts.clear()
                self._upstream.clear()
            self._pid = os.getpid()
            self._file = os.path.join(self._directory, f"psopenapi-serve-{self._pid}-{secrets.token_hex(4)}.json")
        temporary = f"{self._file}.tmp"
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump({"counts": self._counts, "upstream": self._upstream}, handle)
            os.replace(temporary, self._file)  # whole or not at all, for a reader in another process
        except OSError as exc:
            logger.error("psopenapi serve: cannot write the metrics file in %s: %s", self._directory, exc.strerror)

    def _totals(self) -> tuple[Counter[str], Counter[str]]:
        """The counts to show: this process's, or every process's file in the shared directory."""
        if self._directory is None:
            with self._lock:
                return Counter(self._counts), Counter(self._upstream)
        counts: Counter[str] = Counter()
        upstream: Counter[str] = Counter()
        try:
            names = os.listdir(self._directory)
        except OSError:
            names = []
        for name in names:
            if not (name.startswith("psopenapi-serve-") and name.endswith(".json")):
                continue
            try:
                with open(os.path.join(self._directory, name), encoding="utf-8") as handle:
                    data = json.load(handle)
                counts.update({str(k): int(v) for k, v in data["counts"].items()})
                upstream.update({str(k): int(v) for k, v in data["upstream"].items()})
            except (OSError, ValueError, TypeError, KeyError, AttributeError):
                continue  # not one of ours
        return counts, upstream

    def render(self) -> str:
        counts, upstream = self._totals()
        lines = []
        for name, text in self._HELP.items():
            metric = f"psopenapi_serve_{name}_total"
            lines += [f"# HELP {metric} {text}", f"# TYPE {metric} counter", f"{metric} {counts[name]}"]
        metric = "psopenapi_serve_upstream_errors_total"
        lines += [
            f"# HELP {metric} Errors from the Realtime API, by status (or timeout, connection, unusable_answer).",
            f"# TYPE {metric} counter",
        ]
        # The kinds every instance can meet are shown from the start, so rate() has a zero to start from.
        shown = {"connection": 0, "timeout": 0, "unusable_answer": 0, **upstream}
        lines += [f'{metric}{{status="{s}"}} {n}' for s, n in sorted(shown.items())]
        return "\n".join(lines) + "\n"
