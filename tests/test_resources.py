"""After the fault matrix and a load run, nothing the package opened is left open: threads, sockets, fds.

The cyclic garbage collector is switched off for the measurement, so what is counted is what the
package releases by itself. Configurations are dropped without ``close()`` (the common case):
their connections must go when the last reference does, not at some later collection.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fault_server import Fault, fault_server, respond
from recording_server import free_port
from test_reliability_faults import (
    NO_ANSWER_CASES,
    NOT_RETRIED,
    REQUEST,
    RETRIED,
    SESSION,
    UNUSABLE_200,
    configuration,
    fault_for,
)

from psopenapi_py import Configuration, get_configuration, new_realtime_session, set_configuration
from psopenapi_py.mock_server import MockServer

#: How long the servers' own threads get to notice their clients hung up.
SETTLE_SEC = 3.0


def open_fds() -> dict[int, str]:
    """This process's open file descriptors and what they point at (``socket:[...]``, a path, ...)."""
    found = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            found[int(name)] = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue  # the descriptor listdir itself used, closed by now
    return found


def snapshot() -> tuple[set[int], dict[int, str]]:
    """(thread ids, open fds) of this process now."""
    return {t.ident for t in threading.enumerate() if t.ident is not None}, open_fds()


def left_open(before: tuple[set[int], dict[int, str]]) -> tuple[list[str], list[str]]:
    """Threads and fds open now that were not open before, after giving servers' threads time to end."""
    deadline = time.monotonic() + SETTLE_SEC
    while True:
        threads = [t.name for t in threading.enumerate() if t.ident not in before[0]]
        fds = [f"{fd} -> {target}" for fd, target in open_fds().items() if before[1].get(fd) != target]
        if (not threads and not fds) or time.monotonic() > deadline:
            return threads, fds
        time.sleep(0.05)


@pytest.fixture
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off: only reference counting frees anything."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def outcome_of(url: str) -> str:
    """One call on a throw-away configuration; the outcome's type name (no exception object is kept)."""
    try:
        new_realtime_session(REQUEST, configuration=configuration(url))
    except Exception as exc:  # noqa: BLE001 - only the kind of outcome matters here
        return type(exc).__name__
    return "ok"


def run_fault_matrix() -> dict[str, str]:
    """Every case of the fault matrix once, each on a fresh server and a configuration that is never closed."""
    outcomes = {"refused": outcome_of(f"http://127.0.0.1:{free_port()}/v1")}
    cases: list[tuple[str, list[Fault], Fault]] = [(c.id, c.script, respond(200, SESSION)) for c in NO_ANSWER_CASES]
    cases += [(f"{c.status}-then-ok", [fault_for(c)], respond(200, SESSION)) for c in RETRIED]
    cases += [(f"{c.status}-persists", [], fault_for(c)) for c in RETRIED + NOT_RETRIED]
    cases += [(name, [], respond(200, body)) for name, body, _problem in UNUSABLE_200]
    for name, script, default in cases:
        with fault_server(script, default=default) as server:
            outcomes[name] = outcome_of(server.url)
    return outcomes


def run_load(url: str) -> int:
    """12 threads × 40 calls: 8 on their own configurations (never closed), 4 on the module-wide one."""
    done: list[int] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        own = index < 8
        config: Any = Configuration(base_url=url, access_token=f"sk-resources-{index}") if own else None
        for number in range(40):
            new_realtime_session({**REQUEST, "instructions": f"t{index} c{number}"}, configuration=config)
        with lock:
            done.append(index)

    set_configuration(base_url=url, access_token="sk-resources-module")
    threads = [threading.Thread(target=worker, args=(i,), name=f"resources-{i}") for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    get_configuration().close()  # the main thread never used it; closing is a no-op that must not fail
    return len(done)


def test_fault_matrix_and_load_leave_no_thread_socket_or_fd_open(no_gc: None) -> None:
    """With gc off: after the whole fault matrix and 480 concurrent calls, no new thread, socket or fd remains."""
    before = snapshot()
    outcomes = run_fault_matrix()
    with MockServer() as mock:
        finished = run_load(mock.url)
    threads, fds = left_open(before)
    report = os.environ.get("PSOPENAPI_RELIABILITY_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            figures = {"fault_cases": len(outcomes), "load_calls": 12 * 40, "threads_left": threads, "fds_left": fds}
            out.write(json.dumps({"resources": figures}) + "\n")
    assert finished == 12
    assert outcomes["refused"] == "ApiConnectionError"
    assert outcomes["500-then-ok"] == outcomes["body-trickles-then-success"] == "ok"
    assert outcomes["500-persists"] == "ServiceException"
    assert threads == []
    assert fds == []


def test_the_measure_sees_a_socket_left_open() -> None:
    """The check itself: a socket opened inside the window is reported, and gone once closed."""
    import socket

    before = snapshot()
    sock = socket.socket()
    try:
        _threads, fds = left_open_now(before)
        assert fds == [f"{sock.fileno()} -> {os.readlink(f'/proc/self/fd/{sock.fileno()}')}"]
    finally:
        sock.close()
    assert left_open_now(before) == ([], [])


def left_open_now(before: tuple[set[int], dict[int, str]]) -> tuple[list[str], list[str]]:
    """left_open without the wait for servers."""
    threads = [t.name for t in threading.enumerate() if t.ident not in before[0]]
    fds = [f"{fd} -> {target}" for fd, target in open_fds().items() if before[1].get(fd) != target]
    return threads, fds
