"""Concurrent load against the mock server: every answer belongs to its own call, every call used its own key.

16 threads × 250 calls, each thread with its own ``Configuration`` and token, no retries (a failure
cannot hide behind one). Each call carries unique ``instructions``, which the mock echoes; the mock
records a short fingerprint of the bearer token it saw (never the token). A second run changes the
module-wide configuration while calls are in flight.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from psopenapi_py import Configuration, get_configuration, new_realtime_session, set_configuration
from psopenapi_py.mock_server import MockServer, RecordedRequest, token_fingerprint

THREADS = 16
CALLS_PER_THREAD = 250
MODEL = "gpt-4o-realtime-preview"
#: Each run must finish within this; the 4,000-call run takes about 4 s on this 2-core machine.
RUN_BOUND_SEC = 30.0


def thread_token(run: str, index: int) -> str:
    return f"sk-load-{run}-thread-{index:02d}-{uuid.uuid4().hex}"


@dataclass
class Call:
    """One call as the client saw it."""

    thread: int
    sent: str
    echoed: str | None
    key: str
    request_id: str


@dataclass
class Tally:
    """What a run did, for the assertions and the reliability report."""

    calls: list[Call] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


def run_threads(count: int, target: Callable[[int, threading.Barrier], None]) -> float:
    """Start ``count`` threads together on ``target(index, barrier)``, join them all; the seconds it took."""
    barrier = threading.Barrier(count + 1)
    threads = [threading.Thread(target=target, args=(i, barrier), name=f"load-{i:02d}") for i in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.monotonic()
    for thread in threads:
        thread.join(RUN_BOUND_SEC * 2)
    assert not any(t.is_alive() for t in threads), "a load thread is still running"
    return time.monotonic() - start


def call_many(tally: Tally, index: int, calls: int, configuration: Configuration | None, label: str) -> None:
    """Make ``calls`` calls with unique instructions, recording what came back (or what failed)."""
    for number in range(calls):
        sent = f"{label} t{index:02d} c{number:04d} {uuid.uuid4().hex}"
        try:
            info: Any = new_realtime_session(
                {"model": MODEL, "instructions": sent}, with_http_info=True, configuration=configuration
            )
        except Exception as exc:  # noqa: BLE001 - every failure is counted, whatever it is
            tally.fail(f"{label} t{index} c{number}: {type(exc).__name__}: {exc}")
            continue
        session = info.response
        tally.add(Call(index, sent, session.instructions, session.client_secret.value, info.headers["x-request-id"]))


def cross_talk(tally: Tally, records: list[RecordedRequest], fingerprints: dict[int, str]) -> list[str]:
    """Every way an answer or a request does not belong to its own thread and call."""
    problems = []
    by_request_id = {r.request_id: r for r in records}
    for call in tally.calls:
        if call.echoed != call.sent:
            problems.append(f"answer to {call.sent!r} echoed {call.echoed!r}")
        record = by_request_id.get(call.request_id)
        if record is None or record.body.get("instructions") != call.sent:
            problems.append(f"request id {call.request_id} is not the request that sent {call.sent!r}")
    for record in records:
        thread = int(record.body["instructions"].split()[1][1:])
        if record.token_fingerprint != fingerprints[thread]:
            problems.append(f"{record.body['instructions']!r} went out with another thread's token")
    return problems


def report(entry: dict[str, Any]) -> None:
    """Append one JSON line to $PSOPENAPI_RELIABILITY_REPORT when it is set."""
    path = os.environ.get("PSOPENAPI_RELIABILITY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"load": entry}) + "\n")


@pytest.fixture
def mock() -> Iterator[MockServer]:
    """A mock server accepting any bearer token (each thread has its own), keeping every request it sees."""
    with MockServer(history=10_000) as server:
        yield server


def own_configuration(url: str, token: str) -> Configuration:
    """A thread's own configuration: no retries, so that a failure cannot hide behind a second attempt."""
    return Configuration(base_url=url, access_token=token, maximum_retry_count=0, timeout_sec=30)


def test_16_threads_with_their_own_configuration_get_their_own_answers(mock: MockServer) -> None:
    """4,000 concurrent calls: zero failures, every answer echoes its own call, every request used its thread's key."""
    tokens = {i: thread_token("a", i) for i in range(THREADS)}
    tally = Tally()

    def worker(index: int, barrier: threading.Barrier) -> None:
        configuration = own_configuration(mock.url, tokens[index])
        barrier.wait()
        try:
            call_many(tally, index, CALLS_PER_THREAD, configuration, "own")
        finally:
            configuration.close()

    elapsed = run_threads(THREADS, worker)
    fingerprints = {i: str(token_fingerprint(f"Bearer {t}")) for i, t in tokens.items()}
    problems = cross_talk(tally, mock.requests, fingerprints)
    total = THREADS * CALLS_PER_THREAD
    report(
        {
            "run": "own configuration per thread",
            "threads": THREADS,
            "calls": total,
            "requests_seen": len(mock.requests),
            "failures": len(tally.failures),
            "cross_talk": len(problems),
            "distinct_keys": len({c.key for c in tally.calls}),
            "seconds": round(elapsed, 2),
        }
    )
    assert tally.failures == []
    assert problems == []
    assert len(tally.calls) == len(mock.requests) == total
    assert {r.status for r in mock.requests} == {200}
    assert len({c.key for c in tally.calls}) == total  # every call minted its own ephemeral key
    assert elapsed < RUN_BOUND_SEC
    for token in tokens.values():
        assert token not in repr(mock.requests)


def test_changing_the_module_configuration_mid_flight_leaves_own_configurations_alone(mock: MockServer) -> None:
    """While one thread keeps rewriting the module-wide settings, calls with configuration= never notice.

    8 threads use their own configuration; 4 use the module-wide one, whose base URL flips between
    two mock servers and whose token flips between two keys on every step of a mutator thread.
    """
    own_threads, module_threads, calls = 8, 4, 100
    tokens = {i: thread_token("b", i) for i in range(own_threads)}
    module_tokens = [thread_token("module", 0), thread_token("module", 1)]
    tally, module_tally = Tally(), Tally()
    stop = threading.Event()
    mutations = 0
    with MockServer(history=10_000) as other:
        urls = [mock.url, other.url]
        set_configuration(base_url=urls[0], access_token=module_tokens[0], maximum_retry_count=0, timeout_sec=30)

        def mutator() -> None:
            nonlocal mutations
            while not stop.is_set():
                step = mutations % 2
                set_configuration(base_url=urls[step], access_token=module_tokens[step])
                get_configuration().default_headers = {"X-Step": str(mutations)}
                mutations += 1
                time.sleep(0.001)

        def worker(index: int, barrier: threading.Barrier) -> None:
            if index < own_threads:
                configuration = own_configuration(mock.url, tokens[index])
                barrier.wait()
                try:
                    call_many(tally, index, calls, configuration, "own")
                finally:
                    configuration.close()
            else:
                barrier.wait()
                try:
                    call_many(module_tally, index, calls, None, "module")
                finally:
                    get_configuration().close()

        changer = threading.Thread(target=mutator, name="load-mutator")
        changer.start()
        try:
            elapsed = run_threads(own_threads + module_threads, worker)
        finally:
            stop.set()
            changer.join(10)
        own_records = [r for r in mock.requests if r.body["instructions"].startswith("own ")]
        module_records = [r for r in mock.requests + other.requests if r.body["instructions"].startswith("module ")]
        stray = [r for r in other.requests if not r.body["instructions"].startswith("module ")]
    fingerprints = {i: str(token_fingerprint(f"Bearer {t}")) for i, t in tokens.items()}
    problems = cross_talk(tally, own_records, fingerprints)
    module_fingerprints = {token_fingerprint(f"Bearer {t}") for t in module_tokens}
    report(
        {
            "run": "module-wide configuration rewritten mid-flight",
            "own_configuration_calls": own_threads * calls,
            "module_configuration_calls": module_threads * calls,
            "mutations": mutations,
            "failures": len(tally.failures) + len(module_tally.failures),
            "cross_talk": len(problems) + len(stray),
            "seconds": round(elapsed, 2),
        }
    )
    assert mutations > 10, "the mutator did not run while calls were in flight"
    assert tally.failures == [] and module_tally.failures == []
    assert problems == [] and stray == []
    assert len(own_records) == own_threads * calls
    assert all("X-Step" not in r.headers for r in own_records)
    # Calls on the module-wide configuration followed it: only its two keys, on both servers.
    assert len(module_records) == module_threads * calls
    assert {r.token_fingerprint for r in module_records} <= module_fingerprints
    assert elapsed < RUN_BOUND_SEC


def test_the_cross_talk_check_catches_a_swapped_token_and_a_wrong_echo() -> None:
    """The checker itself: a request with another thread's token, a wrong echo and a wrong request id all count."""
    fingerprints = {0: str(token_fingerprint("Bearer sk-zero")), 1: str(token_fingerprint("Bearer sk-one"))}

    def record(instructions: str, token: str, request_id: str) -> RecordedRequest:
        body = {"model": MODEL, "instructions": instructions}
        return RecordedRequest("POST", "/v1/realtime/sessions", {}, body, 200, request_id, token_fingerprint(token))

    records = [
        record("own t00 c0000 x", "Bearer sk-zero", "req_a"),
        record("own t01 c0000 y", "Bearer sk-zero", "req_b"),
    ]
    tally = Tally()
    tally.add(Call(0, "own t00 c0000 x", "own t00 c0000 x", "ek_1", "req_a"))
    tally.add(Call(1, "own t01 c0000 y", "own t00 c0000 x", "ek_2", "req_a"))
    assert cross_talk(tally, records, fingerprints) == [
        "answer to 'own t01 c0000 y' echoed 'own t00 c0000 x'",
        "request id req_a is not the request that sent 'own t01 c0000 y'",
        "'own t01 c0000 y' went out with another thread's token",
    ]
