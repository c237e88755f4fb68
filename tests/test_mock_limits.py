"""The mock server under hostile or careless clients: slow connections, long runs, secrets in odd places.

Cases 12-14 of issue 14, over real loopback sockets.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from psopenapi_py import Configuration, new_realtime_client_secret
from psopenapi_py.mock_server import MockServer

KEY = "sk-mock-limits-key-0001"
PATH = "/v1/realtime/client_secrets"


def half_sent(port: int, n: int) -> socket.socket:
    """A connection that sends part of a request and then nothing: half the head, or the head and half the body."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=60)
    if n % 2:
        conn.sendall(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
    else:
        conn.sendall(f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{{".encode())
    return conn


def closed_by_server(conn: socket.socket, deadline: float) -> bool:
    """Whether the server ends the connection (EOF or reset) before ``deadline`` (a generous one, shared by all)."""
    conn.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        return conn.recv(4096) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_slow_clients_hold_a_bounded_number_of_threads_and_are_closed_after_the_read_timeout() -> None:
    """Case 12: 200 half-sent requests never hold more than max_workers threads, and each is closed."""
    before = threading.active_count()
    with MockServer(read_timeout_sec=0.3, max_workers=16) as server:
        serving = threading.active_count() - before  # the serving thread
        conns = [half_sent(server.port, n) for n in range(200)]
        peak = 0
        for _ in range(40):
            peak = max(peak, threading.active_count() - before - serving)
            time.sleep(0.02)
        deadline = time.monotonic() + 120
        closed = [closed_by_server(conn, deadline) for conn in conns]
        for conn in conns:
            conn.close()
        config = Configuration(base_url=server.url, access_token=KEY, maximum_retry_count=0)
        assert new_realtime_client_secret({}, configuration=config).value.startswith("ek_")
        config.close()
    assert 1 <= peak <= 16
    assert closed == [True] * 200


def test_an_idle_kept_alive_connection_is_closed_after_the_read_timeout() -> None:
    """Case 12: after an answer, a connection that stays silent is closed by the server."""
    with MockServer(read_timeout_sec=0.3) as server:
        conn = socket.create_connection(("127.0.0.1", server.port), timeout=60)
        conn.sendall(
            f"POST {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}".encode()
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += conn.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
        conn.settimeout(60)
        while True:  # the rest of the answer, then the server's close
            chunk = conn.recv(65536)
            if not chunk:
                break
        conn.close()


def test_request_history_is_bounded_and_record_gets_every_request(tmp_path: Path) -> None:
    """Case 13: `requests` keeps only the latest `history` requests; --record streams each one as it arrives."""
    record = tmp_path / "requests.jsonl"
    big = "x" * (900 * 1024)
    with MockServer(history=5, record=record) as server, requests.Session() as http:
        for n in range(12):
            body = {"session": {"type": "realtime", "instructions": f"{n} {big}"}}
            reply = http.post(
                server.url + "/realtime/client_secrets", json=body, headers={"Authorization": f"Bearer {KEY}"}
            )
            assert reply.status_code == 200
            if n == 0:
                assert len(record.read_text(encoding="utf-8").splitlines()) == 1  # written at once, not at the end
        kept = [r.body["session"]["instructions"].split(" ")[0] for r in server.requests]
    assert kept == ["7", "8", "9", "10", "11"]
    assert len(record.read_text(encoding="utf-8").splitlines()) == 12
    assert MockServer().history == 1000


def test_record_redacts_query_keys_and_custom_credential_headers_and_is_private(tmp_path: Path) -> None:
    """Case 14: a key in the query string or in a custom header is <redacted> in the record, which is mode 0600."""
    record = tmp_path / "requests.jsonl"
    headers = {
        "Authorization": f"Bearer {KEY}",
        "X-Tenant-Token": "tenant-secret-0002",
        "Api-Key": "api-key-secret-0003",
        "X-Trace": "visible",
    }
    with MockServer(record=record) as server:
        url = f"{server.url}/realtime/client_secrets?api_key=query-secret-0004&trace=1"
        assert requests.post(url, json={}, headers=headers, timeout=30).status_code == 200
        recorded = server.requests[-1]
    text = record.read_text(encoding="utf-8")
    for secret in (KEY, "tenant-secret-0002", "api-key-secret-0003", "query-secret-0004"):
        assert secret not in text
        assert secret not in repr(recorded)
    line = json.loads(text)
    assert line["path"] == "/v1/realtime/client_secrets?api_key=<redacted>&trace=1"
    assert (line["headers"]["Authorization"], line["headers"]["X-Tenant-Token"]) == ("Bearer <redacted>", "<redacted>")
    assert (line["headers"]["Api-Key"], line["headers"]["X-Trace"]) == ("<redacted>", "visible")
    assert stat.S_IMODE(os.stat(record).st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_cli_record_file_is_created_private(tmp_path: Path) -> None:
    """Case 14: `psopenapi mock-server --record FILE` creates FILE with mode 0600 before serving."""
    record = tmp_path / "cli.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "psopenapi_py", "mock-server", "--port", "0", "--record", str(record), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
        assert stat.S_IMODE(os.stat(record).st_mode) == 0o600
    finally:
        proc.terminate()
        proc.wait(30)
