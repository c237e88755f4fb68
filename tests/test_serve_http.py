"""psopenapi serve's stdlib server: HTTP/1.1 framing, kept-alive connections and pooled workers, over real sockets."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from psopenapi_py.serve import make_server, serve_in_thread, stop_server
from psopenapi_py.serve._server import WSGIServer
from psopenapi_py.serve._wsgi import MAX_HEADERS, MAX_LINE_BYTES

App = Callable[[dict[str, Any], Callable[..., Any]], Any]


def echo_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """Answers what it was asked, what it read and which thread served it."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if environ["PATH_INFO"] != "/unread" else b""
    keys = ("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "SERVER_PROTOCOL")
    seen = {key: environ.get(key) for key in keys}
    seen.update({k: v for k, v in environ.items() if k.startswith("HTTP_")})
    seen["body"] = body.decode("latin-1")
    seen["thread"] = threading.get_ident()
    payload = json.dumps(seen).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


@pytest.fixture
def server_for() -> Iterator[Callable[..., WSGIServer]]:
    running: list[tuple[WSGIServer, threading.Thread]] = []

    def start(app: App = echo_app, **options: Any) -> WSGIServer:
        server = make_server(app, "127.0.0.1", 0, **options)
        running.append((server, serve_in_thread(server)))
        return server

    yield start
    for server, thread in running:
        stop_server(server, thread)


class Client:
    """A raw HTTP/1.1 connection: send bytes, read one answer (status, headers, body) at a time."""

    def __init__(self, server: WSGIServer):
        self.sock = socket.create_connection(("127.0.0.1", server.server_port), timeout=10)
        self.file = self.sock.makefile("rb")

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def answer(self) -> tuple[int, dict[str, str], bytes]:
        status_line = self.file.readline()
        assert status_line, "the server closed the connection"
        headers: dict[str, str] = {}
        while (line := self.file.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.lower()] = value.strip()
        body = self.file.read(int(headers.get("content-length", "0")))
        return int(status_line.split()[1]), headers, body

    def closed(self, wait_sec: float = 10) -> bool:
        """Whether the server has closed the connection (False if it is still open after `wait_sec`)."""
        self.sock.settimeout(wait_sec)
        try:
            return self.sock.recv(1) == b""
        except TimeoutError:
            return False
        finally:
            self.sock.settimeout(10)

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def request(method: str, path: str, body: bytes = b"", *headers: str, version: str = "HTTP/1.1") -> bytes:
    lines = [f"{method} {path} {version}", "Host: test", *headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_one_connection_carries_many_requests_on_one_worker(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    threads = set()
    for n in range(5):
        client.send(request("POST", f"/token?n={n}", b'{"a":1}', "Content-Type: application/json"))
        status, headers, body = client.answer()
        seen = json.loads(body)
        assert status == 200
        assert "connection" not in headers
        assert (seen["PATH_INFO"], seen["QUERY_STRING"], seen["body"]) == ("/token", f"n={n}", '{"a":1}')
        assert (seen["CONTENT_TYPE"], seen["CONTENT_LENGTH"], seen["SERVER_PROTOCOL"]) == (
            "application/json",
            "7",
            "HTTP/1.1",
        )
        threads.add(seen["thread"])
    client.close()
    assert len(threads) == 1


def test_pipelined_requests_are_answered_in_order(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("POST", "/a", b"one") + request("POST", "/b", b"two"))
    first, second = client.answer(), client.answer()
    assert [json.loads(first[2])["body"], json.loads(second[2])["body"]] == ["one", "two"]
    client.close()


def test_a_later_connection_reuses_the_idle_worker(server_for: Callable[..., WSGIServer]) -> None:
    # The client keeps one requests.Session per thread: a reused worker keeps its upstream connection.
    server = server_for()
    threads = []
    for _ in range(3):
        client = Client(server)
        client.send(request("GET", "/", b"", "Connection: close"))
        threads.append(json.loads(client.answer()[2])["thread"])
        assert client.closed()
        client.close()
        time.sleep(0.05)  # the worker goes back to the pool after the connection is closed
    assert len(set(threads)) == 1


@pytest.mark.parametrize(
    ("version", "connection", "kept", "answered"),
    [
        ("HTTP/1.1", None, True, None),
        ("HTTP/1.1", "close", False, "close"),
        ("HTTP/1.0", None, False, "close"),
        ("HTTP/1.0", "keep-alive", True, "keep-alive"),
    ],
)
def test_the_connection_stays_open_as_http_says(
    server_for: Callable[..., WSGIServer], version: str, connection: str | None, kept: bool, answered: str | None
) -> None:
    client = Client(server_for())
    extra = [f"Connection: {connection}"] if connection else []
    client.send(request("GET", "/healthz", b"", *extra, version=version))
    status, headers, _ = client.answer()
    assert status == 200
    assert headers.get("connection") == answered
    if kept:
        client.send(request("GET", "/again", version=version))
        assert json.loads(client.answer()[2])["PATH_INFO"] == "/again"
    else:
        assert client.closed()
    client.close()


def test_repeated_headers_are_joined_and_underscored_names_dropped(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("GET", "/", b"", "X-Tag: a", "X-Tag: b", "X_Forwarded_For: 10.9.9.9"))
    seen = json.loads(client.answer()[2])
    assert seen["HTTP_X_TAG"] == "a,b"
    # Were it kept, X_Forwarded_For would read as X-Forwarded-For: a spoofed client address.
    assert "HTTP_X_FORWARDED_FOR" not in seen
    client.close()


def test_the_path_is_percent_decoded_and_the_query_kept(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("GET", "/a%20b/%C3%A9?x=%20"))
    seen = json.loads(client.answer()[2])
    # PEP 3333: PATH_INFO carries the decoded bytes as latin-1 text; the query string is left as sent.
    assert (seen["PATH_INFO"], seen["QUERY_STRING"]) == ("/a b/\u00c3\u00a9", "x=%20")
    client.close()


def test_a_raw_non_ascii_path_is_its_bytes_as_latin_1_as_when_percent_encoded(
    server_for: Callable[..., WSGIServer],
) -> None:
    client = Client(server_for())
    client.send(b"GET /h\xc3\xa9 HTTP/1.1\r\nHost: t\r\n\r\n")
    raw = json.loads(client.answer()[2])["PATH_INFO"]
    client.send(request("GET", "/h%C3%A9"))
    encoded = json.loads(client.answer()[2])["PATH_INFO"]
    assert raw == encoded == "/h\u00c3\u00a9"
    client.close()


@pytest.mark.parametrize(
    ("target", "path", "query", "host"),
    [
        ("http://127.0.0.1:9?x=/token", "/", "x=/token", "127.0.0.1:9"),
        ("HTTP://127.0.0.1:9/healthz", "/healthz", "", "127.0.0.1:9"),
        ("http://evil.example/token", "/token", "", "evil.example"),
        ("https://[::1]:8443/a/b?c", "/a/b", "c", "[::1]:8443"),
    ],
)
def test_an_absolute_target_gives_its_path_and_stands_for_the_host_header(
    server_for: Callable[..., WSGIServer], target: str, path: str, query: str, host: str
) -> None:
    client = Client(server_for())
    client.send(request("GET", target))  # the request's own Host header is "test"
    seen = json.loads(client.answer()[2])
    assert (seen["PATH_INFO"], seen["QUERY_STRING"], seen["HTTP_HOST"]) == (path, query, host)
    client.close()


def test_expect_100_continue_is_answered_before_the_body_is_read(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    head = "POST /offer HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
    client.send(head.encode())
    assert client.file.readline() == b"HTTP/1.1 100 Continue\r\n"
    assert client.file.readline() == b"\r\n"
    client.send(b"hello")
    status, _, body = client.answer()
    assert (status, json.loads(body)["body"]) == (200, "hello")
    client.close()


def test_a_body_the_app_did_not_read_is_drained_for_the_next_request(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("POST", "/unread", b"x" * 1000) + request("POST", "/next", b"after"))
    assert client.answer()[0] == 200
    assert json.loads(client.answer()[2])["body"] == "after"
    client.close()


def test_a_large_unread_body_closes_the_connection(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("POST", "/unread", b"", "Content-Length: 10000000"))
    status, headers, _ = client.answer()
    assert (status, headers["connection"]) == (200, "close")
    client.close()


def error_of(body: bytes) -> dict[str, Any]:
    error: dict[str, Any] = json.loads(body)["error"]
    return error


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"GARBAGE\r\n\r\n", 400, "The request line is not 'METHOD target HTTP/1.x'."),
        (b"GET / HTTP/2.0\r\n\r\n", 505, "Only HTTP/1.0 and HTTP/1.1 are served."),
        (b"GET /" + b"a" * MAX_LINE_BYTES + b" HTTP/1.1\r\n\r\n", 414, "The request line is too long."),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * MAX_LINE_BYTES + b"\r\n\r\n", 431, "A request header line is too long."),
        (
            b"GET / HTTP/1.1\r\n" + b"X-A: 1\r\n" * (MAX_HEADERS + 1) + b"\r\n",
            431,
            f"More than {MAX_HEADERS} request headers.",
        ),
        (b"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400, "A request header line is malformed."),
        (b"GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n", 400, "A request header line is malformed."),
        (b"GET / HTTP/1.1\r\nHost: t\r\nX-\xc3\xa9: 1\r\n\r\n", 400, "A request header line is malformed."),
        (b"GET / HTTP/1.1\r\nHost: t\r\nX(a): 1\r\n\r\n", 400, "A request header line is malformed."),
        (
            b"GET / HTTP/1.1\r\nHost: t\r\nX-A: 1\rContent-Length: 5\r\n\r\n",
            400,
            "A request header holds a CR or NUL character.",
        ),
        (b"GET / HTTP/1.1\r\nHost: t\r\nX-A: a\x00b\r\n\r\n", 400, "A request header holds a CR or NUL character."),
        (b"GET http://user@t/ HTTP/1.1\r\nHost: t\r\n\r\n", 400, "The request target's authority is not a host."),
        (
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            411,
            "Send the request body with a Content-Length header, not chunked.",
        ),
        (
            b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            400,
            "The request has conflicting Content-Length headers.",
        ),
        (
            b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
            400,
            "Content-Length is not a non-negative whole number.",
        ),
        (b"GET / HTTP/1.1\r\n\r\n", 400, "An HTTP/1.1 request needs exactly one Host header."),
        (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "An HTTP/1.1 request needs exactly one Host header."),
    ],
)
def test_malformed_requests_get_a_json_error_and_a_closed_connection(
    server_for: Callable[..., WSGIServer], data: bytes, status: int, message: str
) -> None:
    client = Client(server_for())
    client.send(data)
    got, headers, body = client.answer()
    assert (got, headers["connection"], headers["content-type"]) == (status, "close", "application/json")
    assert error_of(body) == {"message": message, "code": "server_error" if status == 500 else "bad_request"}
    assert client.closed()
    client.close()


def test_a_failing_app_answers_500_and_the_server_goes_on(server_for: Callable[..., WSGIServer]) -> None:
    def failing(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        if environ["PATH_INFO"] == "/boom":
            raise RuntimeError("secret detail")
        return echo_app(environ, start_response)

    server = server_for(failing)
    client = Client(server)
    client.send(request("GET", "/boom"))
    status, headers, body = client.answer()
    assert (status, headers["connection"]) == (500, "close")
    assert error_of(body) == {"message": "The server failed on this request.", "code": "server_error"}
    client.close()
    again = Client(server)
    again.send(request("GET", "/fine"))
    assert again.answer()[0] == 200
    again.close()


def test_an_answer_without_content_length_gets_one(server_for: Callable[..., WSGIServer]) -> None:
    def streaming(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"first ")
        yield b"second "
        yield b"third"

    client = Client(server_for(streaming))
    client.send(request("GET", "/"))
    status, headers, body = client.answer()
    assert (status, headers["content-length"], body) == (200, "18", b"first second third")
    client.close()


def test_head_answers_the_headers_without_the_body(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("HEAD", "/x") + request("GET", "/y"))
    status, headers, body = client_head(client)
    assert (status, body) == (200, b"")
    assert int(headers["content-length"]) > 0
    assert json.loads(client.answer()[2])["PATH_INFO"] == "/y"
    client.close()


def client_head(client: Client) -> tuple[int, dict[str, str], bytes]:
    """An answer to HEAD: headers only, whatever Content-Length says."""
    status_line = client.file.readline()
    headers: dict[str, str] = {}
    while (line := client.file.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.lower()] = value.strip()
    return int(status_line.split()[1]), headers, b""


def test_an_idle_kept_alive_connection_is_closed_after_the_idle_timeout(
    server_for: Callable[..., WSGIServer],
) -> None:
    client = Client(server_for(idle_timeout_sec=0.2))
    client.send(request("GET", "/"))
    assert client.answer()[0] == 200
    assert client.closed()  # returns once the server closes; the client's own timeout is 10 s
    client.close()


def test_a_stalled_request_is_closed_after_the_read_timeout(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for(read_timeout_sec=0.2))
    client.send(b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
    assert client.closed()
    client.close()


def test_the_answer_is_sent_before_the_application_result_is_closed(server_for: Callable[..., WSGIServer]) -> None:
    received = threading.Event()
    closed_after_answer: list[bool] = []

    class Result:
        def __iter__(self) -> Iterator[bytes]:
            yield b"done"

        def close(self) -> None:
            # Waits for the client to hold the answer: were close() called first, this would time out.
            closed_after_answer.append(received.wait(10))

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Result:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Result()

    client = Client(server_for(app))
    client.send(request("GET", "/"))
    assert client.answer()[2] == b"done"
    received.set()
    client.send(request("GET", "/"))
    assert client.answer()[2] == b"done"
    client.close()
    assert closed_after_answer[0] is True


def _trickle(client: Client, lines: list[bytes], pause: float) -> None:
    """Send ``lines`` one at a time, ``pause`` apart, until the server answers or stops reading."""
    import select

    for line in lines:
        if select.select([client.sock], [], [], 0)[0]:
            return  # the server has answered
        try:
            client.send(line)
        except OSError:
            return
        time.sleep(pause)


def test_a_head_trickled_past_the_read_timeout_is_answered_408(server_for: Callable[..., WSGIServer]) -> None:
    # Each line comes well within the read timeout, so only a deadline for the whole head stops it.
    client = Client(server_for(read_timeout_sec=0.5))
    client.send(b"GET / HTTP/1.1\r\nHost: t\r\n")
    _trickle(client, [f"X-Line-{n}: 1\r\n".encode() for n in range(40)] + [b"\r\n"], 0.1)
    status, headers, body = client.answer()
    assert (status, headers["connection"]) == (408, "close")
    assert error_of(body) == {"message": "The request did not arrive in time.", "code": "bad_request"}
    client.close()


@pytest.mark.parametrize("sent", [b"GET /heal", b"GET / HTTP/1.1\r\nHo", b"GET / HTTP/1.1\r\n"])
def test_a_head_that_stops_arriving_part_way_is_answered_408_and_logged(
    server_for: Callable[..., WSGIServer], caplog: pytest.LogCaptureFixture, sent: bytes
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="psopenapi_py.serve")
    client = Client(server_for(read_timeout_sec=0.3))
    client.send(sent)
    status, headers, body = client.answer()
    assert (status, headers["connection"]) == (408, "close")
    assert error_of(body) == {"message": "The request did not arrive in time.", "code": "bad_request"}
    client.close()
    deadline = time.monotonic() + 10
    while not caplog.records and time.monotonic() < deadline:
        time.sleep(0.01)
    assert json.loads(caplog.records[-1].getMessage())["status"] == 408


def test_an_error_answer_to_head_has_no_body(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(b"HEAD / HTTP/1.1\r\n\r\n")  # no Host: refused by the server itself
    answer = client.file.read()  # to the close
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"\r\nContent-Length: " in head
    assert body == b""
    client.close()


def test_a_request_refused_by_the_server_is_logged_with_the_access_log_fields(
    server_for: Callable[..., WSGIServer], caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="psopenapi_py.serve")
    client = Client(server_for())
    client.send(b"POST /token?key=sk-proj-secretsecret HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n")
    assert client.answer()[0] == 400
    client.close()
    deadline = time.monotonic() + 10
    while not caplog.records and time.monotonic() < deadline:
        time.sleep(0.01)
    entry = json.loads(caplog.records[-1].getMessage())
    assert {k: v for k, v in entry.items() if k not in ("time", "bytes")} == {
        "remote": "127.0.0.1",
        "caller": "-",
        "method": "POST",
        "path": "/token",
        "status": 400,
        "ms": 0.0,
        "error": "Content-Length is not a non-negative whole number.",
    }


def test_slow_clients_holding_every_worker_are_cut_off_while_others_wait(
    server_for: Callable[..., WSGIServer],
) -> None:
    # Two workers, both held by clients trickling their heads: the deadline must still fire while the
    # server waits for a free worker, so that the third client is served.
    server = server_for(read_timeout_sec=0.5, max_workers=2)
    answers: list[int] = []

    def trickle() -> None:
        client = Client(server)
        client.send(b"GET / HTTP/1.1\r\nHost: t\r\n")
        _trickle(client, [f"X-Line-{n}: 1\r\n".encode() for n in range(300)], 0.1)
        try:
            answers.append(client.answer()[0])
        except (AssertionError, OSError):
            answers.append(0)
        client.close()

    slow = [threading.Thread(target=trickle) for _ in range(2)]
    for thread in slow:
        thread.start()
    time.sleep(0.2)
    waiting = Client(server)
    waiting.send(request("GET", "/served"))
    try:
        assert waiting.answer()[0] == 200
    finally:
        waiting.close()
        for thread in slow:
            thread.join(40)
    assert answers == [408, 408]


def test_a_kept_alive_request_gets_the_read_timeout_once_it_starts(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for(read_timeout_sec=3, idle_timeout_sec=0.5))
    client.send(request("GET", "/first"))
    assert client.answer()[0] == 200
    client.send(b"GET /second HTTP/1.1\r\n")
    time.sleep(1.0)  # longer than the idle timeout, well within the read timeout
    client.send(b"Host: t\r\n\r\n")
    status, _, body = client.answer()
    assert (status, json.loads(body)["PATH_INFO"]) == (200, "/second")
    client.close()


def test_an_answer_that_leaves_the_body_unread_is_sent_before_the_rest_arrives(
    server_for: Callable[..., WSGIServer],
) -> None:
    def refusing(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        start_response("401 Unauthorized", [("Content-Type", "text/plain"), ("Content-Length", "7")])
        return [b"refused"]

    client = Client(server_for(refusing))
    client.send(b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)
    status, _, body = client.answer()  # the other 990 bytes never come
    assert (status, body) == (401, b"refused")
    client.close()


def test_connections_kept_alive_give_up_their_workers_to_a_new_one(server_for: Callable[..., WSGIServer]) -> None:
    server = server_for(max_workers=2, idle_timeout_sec=60)
    held = [Client(server), Client(server)]
    for client in held:
        client.send(request("GET", "/held"))
        assert client.answer()[0] == 200  # both workers now wait on idle kept-alive connections
    newcomer = Client(server)
    newcomer.send(request("GET", "/new"))
    status, _, body = newcomer.answer()  # within the client's 10 s, not after the 60 s idle timeout
    assert (status, json.loads(body)["PATH_INFO"]) == (200, "/new")
    assert [client.closed(wait_sec=1) for client in held].count(True) >= 1
    for client in [*held, newcomer]:
        client.close()


def test_a_response_header_that_would_split_the_answer_is_a_500(server_for: Callable[..., WSGIServer]) -> None:
    def splitting(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        start_response("201 Created", [("Location", "/x\r\nSet-Cookie: injected=1")])
        return [b""]

    client = Client(server_for(splitting))
    client.send(request("GET", "/"))
    status, headers, _ = client.answer()
    assert status == 500
    assert "set-cookie" not in headers
    client.close()


def test_stopping_the_server_ends_workers_still_serving_a_connection() -> None:
    def workers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "psopenapi-serve-worker"}

    before = workers()
    server = make_server(echo_app, "127.0.0.1", 0, idle_timeout_sec=0.3)
    thread = serve_in_thread(server)
    client = Client(server)
    client.send(request("GET", "/"))
    assert client.answer()[0] == 200
    ours = workers() - before
    assert ours  # the worker that answered is still on the kept-alive connection
    stop_server(server, thread)
    client.close()
    for worker in ours:
        worker.join(timeout=10)
    assert [w for w in ours if w.is_alive()] == []


def test_a_close_in_any_connection_header_line_closes(server_for: Callable[..., WSGIServer]) -> None:
    client = Client(server_for())
    client.send(request("GET", "/", b"", "Connection: close", "Connection: te"))
    status, headers, _ = client.answer()
    assert (status, headers["connection"]) == (200, "close")
    assert client.closed()
    client.close()


def test_an_empty_line_after_a_request_leaves_the_connection_idle(server_for: Callable[..., WSGIServer]) -> None:
    # Some clients send CRLF after a POST body: still idle, so closed quietly at the idle timeout, not cut with
    # a 408 at the read timeout, and its worker free for a newcomer meanwhile.
    server = server_for(read_timeout_sec=5.0, idle_timeout_sec=5.0, max_workers=1)
    first = Client(server)
    first.send(request("POST", "/token", b"{}") + b"\r\n")
    assert first.answer()[0] == 200
    newcomer = Client(server)
    newcomer.send(request("GET", "/", b"", "Connection: close"))
    assert newcomer.answer()[0] == 200  # the idle one gave up its worker
    assert first.closed() and first.sock.recv(1) == b""  # closed without an answer
    newcomer.close()
    first.close()
