"""Benchmarks: psopenapi_py against raw ``requests`` and the official ``openai`` SDK, on loopback only.

Run ``python bench/run.py`` (about two minutes on two cores), ``--quick`` for a few-second smoke run,
``--json FILE`` (or ``--json -``) for machine-readable figures. Every figure is the median of repeated
runs and is reported as a ratio to a baseline measured in the same run; see bench/README.md.

The loopback server is a deliberately minimal HTTP/1.1 server in a child process (``--serve``): a slow
server would add the same constant to both sides of every ratio and flatter the port.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
#: The console script pip installs next to the interpreter, so the one-shot figure runs what users run.
CLI = str(Path(PYTHON).with_name("psopenapi"))

API_KEY = "sk-bench-not-a-real-key"
MODEL = "gpt-4o-realtime-preview"
EPHEMERAL_KEY = "ek_bench_0123456789abcdef"
#: The request of the warm-call and peer figures: what an ops script typically asks for.
WARM_REQUEST: dict[str, Any] = {
    "modalities": ["audio", "text"],
    "model": MODEL,
    "instructions": "You are a friendly assistant.",
    "voice": "alloy",
}
#: What the server answers to POST /v1/realtime/sessions: OpenAI's documented example, with every field.
SESSION_REPLY: dict[str, Any] = {
    "id": "sess_001",
    "object": "realtime.session",
    "model": MODEL,
    "modalities": ["audio", "text"],
    "instructions": "You are a friendly assistant.",
    "voice": "alloy",
    "input_audio_format": "pcm16",
    "output_audio_format": "pcm16",
    "input_audio_transcription": {"model": "whisper-1"},
    "turn_detection": None,
    "tools": [],
    "tool_choice": "none",
    "temperature": 0.7,
    "max_response_output_tokens": 200,
    "client_secret": {"value": EPHEMERAL_KEY, "expires_at": 1234567890},
}
#: What the server answers to POST /v1/realtime/client_secrets (figure 7's upstream): a GA key and its session.
CLIENT_SECRET_REPLY: dict[str, Any] = {
    "value": "ek_bench_0123456789abcdef01234567",
    "expires_at": 1796119272,
    "session": {
        "type": "realtime",
        "object": "realtime.session",
        "id": "sess_bench",
        "model": "gpt-realtime",
        "output_modalities": ["audio"],
        "instructions": "You are a friendly assistant.",
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "truncation": "auto",
        "prompt": None,
        "expires_at": 0,
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "noise_reduction": None,
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 200,
                    "idle_timeout_ms": None,
                    "create_response": True,
                    "interrupt_response": True,
                },
            },
            "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "alloy", "speed": 1.0},
        },
    },
}
#: The offer of the warm-call figure for new_realtime_call: a browser's audio and data-channel offer.
CALL_OFFER = (
    "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:Hc3P\r\n"
    "a=ice-pwd:X4kUa9VgWzF0Rq7LdN2sPb1e\r\na=setup:actpass\r\na=sendrecv\r\na=rtcp-mux\r\n"
    "a=rtpmap:111 opus/48000/2\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n"
    "a=sctp-port:5000\r\n"
)
#: The session sent with the offer.
CALL_SESSION: dict[str, Any] = {
    "type": "realtime",
    "model": "gpt-realtime",
    "instructions": "You are a friendly assistant.",
}
#: What the server answers to POST /v1/realtime/calls (201, with the call in Location).
CALL_ANSWER = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:bnch\r\n"
    "a=ice-pwd:benchbenchbenchbenchbench\r\na=setup:passive\r\na=rtpmap:111 opus/48000/2\r\n"
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\na=sctp-port:5000\r\n"
)
CLIENT_SECRETS_PATH = "/v1/realtime/client_secrets"
#: Headers the HTTP libraries add on their own; every other header must be the same on both sides.
TRANSPORT_HEADERS = frozenset({"host", "content-length", "connection", "accept-encoding"})


# --------------------------------------------------------------------------------------------------
# The loopback server (runs in its own process, so it never competes with the client for the GIL).


class _Handler(socketserver.StreamRequestHandler):
    """HTTP/1.1 keep-alive: canned JSON for the API paths, the last request for ``GET /__last``."""

    last: dict[str, Any] = {}
    lock = threading.Lock()
    count = 0

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        session = json.dumps(SESSION_REPLY).encode()
        client_secret = json.dumps(CLIENT_SECRET_REPLY).encode()
        while True:
            line = self.rfile.readline(65537)
            if not line or not line.strip():
                return
            method, path, _ = line.decode("latin-1").split(" ", 2)
            headers: dict[str, str] = {}
            while True:
                raw = self.rfile.readline(65537)
                if raw in (b"\r\n", b"\n", b""):
                    break
                name, _, value = raw.decode("latin-1").partition(":")
                headers[name.strip()] = value.strip()
            lowered = {k.lower(): v for k, v in headers.items()}
            body = self.rfile.read(int(lowered.get("content-length", "0")))
            content_type, extra = "application/json", ""
            if path == "/__last":
                with self.lock:
                    payload = json.dumps({**_Handler.last, "count": _Handler.count}).encode()
                status = "200 OK"
            elif method == "POST" and path in ("/v1/realtime/sessions", "/v1/realtime/calls", CLIENT_SECRETS_PATH):
                with self.lock:
                    _Handler.last = {"method": method, "path": path, "headers": headers, "body": body.decode()}
                    _Handler.count += 1
                if path == "/v1/realtime/calls":
                    payload, status, content_type = CALL_ANSWER.encode(), "201 Created", "application/sdp"
                    extra = "Location: /v1/realtime/calls/rtc_bench\r\n"
                elif path == CLIENT_SECRETS_PATH:
                    payload, status = client_secret, "200 OK"
                else:
                    payload, status = session, "200 OK"
            else:
                payload, status = (
                    b'{"error": {"message": "not found", "type": "invalid_request_error"}}',
                    "404 Not Found",
                )
            self.wfile.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}x-request-id: req_bench\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n".encode()
                + payload
            )
            if lowered.get("connection", "").lower() == "close":
                return


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve() -> None:
    """Child-process mode: serve on a free loopback port, print it, stop when stdin closes."""
    with _Server(("127.0.0.1", 0), _Handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(server.server_address[1], flush=True)
        sys.stdin.read()
        server.shutdown()


@contextmanager
def loopback_server() -> Iterator[str]:
    """Start the server child; yield its base URL (``http://127.0.0.1:<port>/v1``)."""
    proc = subprocess.Popen(
        [PYTHON, str(Path(__file__).resolve()), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def last_request(base_url: str) -> dict[str, Any]:
    """What the server received last (method, path, headers, body) and how many API calls it served."""
    import urllib.request

    with urllib.request.urlopen(base_url.rsplit("/v1", 1)[0] + "/__last", timeout=10) as reply:
        data: dict[str, Any] = json.loads(reply.read())
    return data


def comparable(request: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """The parsed body and the headers that are ours to choose (transport headers aside), for checks."""
    headers = {k.lower(): v for k, v in request["headers"].items() if k.lower() not in TRANSPORT_HEADERS}
    return json.loads(request["body"]), headers


# --------------------------------------------------------------------------------------------------
# Measuring


#: Variables a child keeps under ``--minimal-env`` (besides the bench's own OPENAI_* and PYTHON* ones).
MINIMAL_ENV_KEEP = ("PATH", "HOME", "LANG", "TMPDIR")
#: Set by ``--minimal-env``: children get almost no environment. requests walks the whole environment
#: on every call looking for proxy variables, so the size of the environment moves figure 2.
minimal_env = False

#: Bytecode for every measured child lives here, outside the work tree, and is reused between runs.
PYCACHE = Path(tempfile.gettempdir()) / "psopenapi_py-bench-pycache"


def child_env(base_url: str | None = None) -> dict[str, str]:
    """The environment of every measured child: no OPENAI_* from the machine, ours when a server runs.

    Bytecode is cached (in :data:`PYCACHE`), as it is after ``pip install``: with PYTHONDONTWRITEBYTECODE
    set, an editable checkout would compile the package from source in every process, a cost the
    installed libraries on the other side of each ratio never pay.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    if minimal_env:
        env = {k: v for k, v in env.items() if k in MINIMAL_ENV_KEEP}
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP", "PYTHONWARNINGS"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    if base_url is not None:
        env["OPENAI_BASE_URL"] = base_url
        env["OPENAI_API_KEY"] = API_KEY
    return env


class Run:
    """One finished child process: wall seconds, CPU seconds, peak RSS in KiB and its output."""

    __slots__ = ("cpu_sec", "max_rss_kib", "stdout", "wall_sec")

    def __init__(self, wall_sec: float, cpu_sec: float, max_rss_kib: int, stdout: str):
        self.wall_sec = wall_sec
        self.cpu_sec = cpu_sec
        self.max_rss_kib = max_rss_kib
        self.stdout = stdout


#: Runs one measured command and reports its wall time, CPU time and peak RSS on file descriptor argv[1].
#: Peak RSS must come from a small parent: Linux starts a child's ru_maxrss at its parent's peak (the
#: forked copy counts until exec), so children of this bench, grown by the in-process figures, would
#: all report the bench's own size. ``python -S`` with the stdlib alone stays below any measured process.
LAUNCHER = """
import os, sys, time
report, argv = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(report)
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(report, f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run_process(argv: Sequence[str], env: dict[str, str], timeout_sec: float = 120.0) -> Run:
    """Run a child to completion through :data:`LAUNCHER`: its wall time, its own CPU time and peak RSS."""
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen(
            [PYTHON, "-S", "-c", LAUNCHER, str(write_end), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            pass_fds=(write_end,),
            start_new_session=True,
        )
        os.close(write_end)
        write_end = -1
        try:
            out, err = proc.communicate(timeout=timeout_sec)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the launcher and the measured command alike
            proc.communicate()
            raise
        report = os.read(read_end, 4096).decode().split()
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if proc.returncode != 0 or len(report) != 4 or report[3] != "0":
        code = report[3] if len(report) == 4 else proc.returncode
        raise RuntimeError(f"{' '.join(argv[:3])}... exited with {code}: {err.decode().strip()[-2000:]}")
    return Run(float(report[0]), float(report[1]), int(report[2]), out.decode())


def median(values: Sequence[float]) -> float:
    """The median (the figure every table shows)."""
    return float(statistics.median(values))


def figure(
    name: str,
    title: str,
    unit: str,
    ours: Sequence[float],
    baseline: Sequence[float],
    baseline_label: str,
    target: float | None,
    **extra: Any,
) -> dict[str, Any]:
    """One figure: the medians of both sides, their ratio, the target and whether it is met."""
    ours_median, baseline_median = median(ours), median(baseline)
    ratio = ours_median / baseline_median
    return {
        "name": name,
        "title": title,
        "unit": unit,
        "ours": ours_median,
        "baseline": baseline_median,
        "baseline_label": baseline_label,
        "ratio": ratio,
        "target": target,
        "met": None if target is None else ratio <= target,
        "runs": len(ours),
        "samples": {"ours": list(ours), "baseline": list(baseline)},
        **extra,
    }


def skipped(name: str, title: str, reason: str) -> dict[str, Any]:
    """A figure that could not be measured in this environment, and why."""
    return {"name": name, "title": title, "skipped": reason}


#: One measurement: ``"value"`` is the figure's quantity; other keys are side figures (CPU, memory).
Sample = dict[str, float]


def alternate(sides: dict[str, Callable[[], Sample]], repeats: int, warmup: int = 1) -> dict[str, list[Sample]]:
    """Run each side ``repeats`` times, interleaved, so slow drift on a shared machine hits all sides alike.

    The first ``warmup`` rounds are not kept: they fill the bytecode and file caches for every side.
    """
    for _ in range(warmup):
        for measure in sides.values():
            measure()
    samples: dict[str, list[Sample]] = {side: [] for side in sides}
    for _ in range(repeats):
        for side, measure in sides.items():
            samples[side].append(measure())
    return samples


def column(samples: list[Sample], key: str = "value") -> list[float]:
    """One quantity out of a list of samples."""
    return [sample[key] for sample in samples]


# --------------------------------------------------------------------------------------------------
# Figure 1: import


def import_time(statement: str) -> Callable[[], Sample]:
    """Wall seconds of a fresh ``python -c <statement>`` process."""
    env = child_env()
    return lambda: {"value": run_process([PYTHON, "-c", statement], env).wall_sec}


def bench_import(repeats: int, warmup: int, with_openai: bool) -> dict[str, dict[str, Any]]:
    """Figure 1 (``import psopenapi_py`` against ``import requests, attrs`` and ``pass``, each a fresh
    process) and, with openai, the import part of figure 6."""
    sides = {
        "ours": import_time("import psopenapi_py"),
        "requests_attrs": import_time("import requests, attrs"),
        "bare": import_time("pass"),
    }
    if with_openai:
        sides["openai"] = import_time("import openai")
    measured = alternate(sides, repeats, warmup)
    samples = {side: column(values) for side, values in measured.items()}
    ours, other, bare = samples["ours"], samples["requests_attrs"], samples["bare"]
    result = figure(
        "import",
        "import psopenapi_py (fresh process)",
        "s",
        ours,
        other,
        "python -c 'import requests, attrs'",
        0.5,
        bare_python=median(bare),
        ratio_to_bare=median(ours) / median(bare),
        ratio_net_of_interpreter=(median(ours) - median(bare)) / (median(other) - median(bare)),
    )
    result["samples"]["bare"] = bare
    results = {"import": result}
    if with_openai:
        results["peer_import"] = figure(
            "peer_import",
            "import psopenapi_py against import openai (fresh process)",
            "s",
            ours,
            samples["openai"],
            "python -c 'import openai'",
            0.5,
        )
    return results


# --------------------------------------------------------------------------------------------------
# Figure 2 (and 6): warm calls. Each side runs in its own child: warm-up calls first, then the timed loop.

WARM_OURS = """
import json, sys, time
from psopenapi_py import initialize_realtime_session_create_request, new_realtime_session
calls, warmup = int(sys.argv[1]), int(sys.argv[2])
request = initialize_realtime_session_create_request(**json.loads(sys.argv[3]))
for _ in range(warmup):
    key = new_realtime_session(request).client_secret.value
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    key = new_realtime_session(request).client_secret.value
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, key]))
"""

WARM_REQUESTS = """
import json, os, sys, time
import requests
calls, warmup = int(sys.argv[1]), int(sys.argv[2])
body, headers = sys.argv[3].encode(), json.loads(sys.argv[4])
url = os.environ["OPENAI_BASE_URL"] + "/realtime/sessions"
session = requests.Session()
def call():
    reply = session.post(url, data=body, headers=headers)
    reply.raise_for_status()
    return reply.json()["client_secret"]["value"]
for _ in range(warmup):
    key = call()
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    key = call()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, key]))
"""

WARM_OPENAI = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import openai
calls, warmup = int(sys.argv[1]), int(sys.argv[2])
request = json.loads(sys.argv[3])
client = openai.OpenAI()
for _ in range(warmup):
    key = client.beta.realtime.sessions.create(**request).client_secret.value
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    key = client.beta.realtime.sessions.create(**request).client_secret.value
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, key]))
"""


def warm_side(
    side: str,
    code: str,
    args: Sequence[str],
    calls: int,
    warmup: int,
    base_url: str,
    expected: str = EPHEMERAL_KEY,
) -> Callable[[], Sample]:
    """Wall (``value``) and CPU (``cpu``) seconds per call of one side of a warm-call figure.

    Every child must print ``expected`` (the server's key, or its SDP answer) as the last result.
    """
    env = child_env(base_url)

    def measure() -> Sample:
        run = run_process([PYTHON, "-c", code, str(calls), str(warmup), *args], env)
        wall, cpu_sec, key = json.loads(run.stdout)
        if key != expected:
            raise RuntimeError(f"{side}: the call returned {key!r}, not the server's answer")
        return {"value": float(wall) / calls, "cpu": float(cpu_sec) / calls}

    return measure


def reference_request(base_url: str) -> tuple[bytes, dict[str, str]]:
    """Make one new_realtime_session call and return the exact body and headers it sent."""
    env = child_env(base_url)
    run_process([PYTHON, "-c", WARM_OURS, "1", "0", json.dumps(WARM_REQUEST)], env)
    sent = last_request(base_url)
    _, headers = comparable(sent)
    return sent["body"].encode(), headers


def bench_warm(base_url: str, calls: int, warmup: int, repeats: int, with_openai: bool) -> dict[str, dict[str, Any]]:
    """Figure 2 (ours against requests.Session().post) and, with openai, the warm part of figure 6."""
    body, headers = reference_request(base_url)
    sides = {
        "ours": warm_side("ours", WARM_OURS, [json.dumps(WARM_REQUEST)], calls, warmup, base_url),
        "requests": warm_side("requests", WARM_REQUESTS, [body.decode(), json.dumps(headers)], calls, warmup, base_url),
    }
    if with_openai:
        sides["openai"] = warm_side("openai", WARM_OPENAI, [json.dumps(WARM_REQUEST)], calls, warmup, base_url)
    measured = alternate(sides, repeats, warmup=0)
    samples = {side: column(values) for side, values in measured.items()}
    cpu = {side: column(values, "cpu") for side, values in measured.items()}
    results = {
        "warm": figure(
            "warm",
            f"new_realtime_session, warm, per call ({calls} sequential calls)",
            "s",
            samples["ours"],
            samples["requests"],
            "requests.Session().post(...).json(), same body and headers",
            1.10,
            cpu_per_call={"ours": median(cpu["ours"]), "baseline": median(cpu["requests"])},
            cpu_ratio=median(cpu["ours"]) / median(cpu["requests"]),
            same_request=check_same_request(base_url),
        )
    }
    if with_openai:
        results["peer_warm"] = figure(
            "peer_warm",
            f"warm call against openai's client.beta.realtime.sessions.create ({calls} calls)",
            "s",
            samples["ours"],
            samples["openai"],
            "openai client.beta.realtime.sessions.create",
            1.0,
            cpu_per_call={"ours": median(cpu["ours"]), "baseline": median(cpu["openai"])},
            cpu_ratio=median(cpu["ours"]) / median(cpu["openai"]),
        )
    return results


def check_same_request(base_url: str) -> bool:
    """Whether the requests baseline sends exactly the body and headers new_realtime_session sends."""
    body, headers = reference_request(base_url)
    ours = comparable(last_request(base_url))
    run_process([PYTHON, "-c", WARM_REQUESTS, "1", "0", body.decode(), json.dumps(headers)], child_env(base_url))
    return comparable(last_request(base_url)) == ours


# --------------------------------------------------------------------------------------------------
# Figure 2b: warm new_realtime_call (a multipart offer, an SDP answer) against a requests multipart post.

WARM_CALL_OURS = """
import json, sys, time
from psopenapi_py import initialize_realtime_session_create_request_ga, new_realtime_call
calls, warmup = int(sys.argv[1]), int(sys.argv[2])
offer, session = sys.argv[3], initialize_realtime_session_create_request_ga(**json.loads(sys.argv[4]))
for _ in range(warmup):
    answer = new_realtime_call(offer, session)
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    answer = new_realtime_call(offer, session)
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, answer]))
"""

WARM_CALL_REQUESTS = """
import json, os, sys, time
import requests
calls, warmup = int(sys.argv[1]), int(sys.argv[2])
offer, session, headers = sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
url = os.environ["OPENAI_BASE_URL"] + "/realtime/calls"
files = {"sdp": (None, offer, "application/sdp"), "session": (None, session, "application/json")}
client = requests.Session()
def call():
    reply = client.post(url, files=files, headers=headers)
    reply.raise_for_status()
    return reply.text
for _ in range(warmup):
    answer = call()
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(calls):
    answer = call()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, answer]))
"""


def multipart_parts(request: dict[str, Any]) -> list[tuple[str | None, str, str | bytes]]:
    """The (name, content type, content) of each part of a recorded multipart request (text, or bytes for
    a non-text type such as application/json)."""
    from email import policy
    from email.parser import BytesParser

    content_type = next(v for k, v in request["headers"].items() if k.lower() == "content-type")
    envelope = f"Content-Type: {content_type}\r\n\r\n{request['body']}".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(envelope)
    parts: list[tuple[str | None, str, str | bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts.append((name if isinstance(name, str) else None, part.get_content_type(), part.get_content()))
    return parts


def comparable_call(request: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """The parts of a multipart offer and the headers that are ours to choose (the boundary aside)."""
    headers = {k.lower(): v for k, v in request["headers"].items() if k.lower() not in TRANSPORT_HEADERS}
    headers["content-type"] = headers["content-type"].split(";")[0]
    return multipart_parts(request), headers


def bench_warm_call(base_url: str, calls: int, warmup: int, repeats: int) -> dict[str, Any]:
    """Figure 2b: warm new_realtime_call against requests.Session().post(files=...) with the same parts and headers."""
    env = child_env(base_url)
    session_json = json.dumps(CALL_SESSION, separators=(",", ":"))
    run_process([PYTHON, "-c", WARM_CALL_OURS, "1", "0", CALL_OFFER, json.dumps(CALL_SESSION)], env)
    ours = comparable_call(last_request(base_url))
    # requests writes its own multipart Content-Type (with its boundary); every other header is ours.
    headers = {k: v for k, v in last_request(base_url)["headers"].items() if k.lower() not in TRANSPORT_HEADERS}
    headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    baseline_args = [CALL_OFFER, session_json, json.dumps(headers)]
    run_process([PYTHON, "-c", WARM_CALL_REQUESTS, "1", "0", *baseline_args], env)
    same_request = comparable_call(last_request(base_url)) == ours
    ours_args = [CALL_OFFER, json.dumps(CALL_SESSION)]
    sides = {
        "ours": warm_side("ours", WARM_CALL_OURS, ours_args, calls, warmup, base_url, CALL_ANSWER),
        "requests": warm_side("requests", WARM_CALL_REQUESTS, baseline_args, calls, warmup, base_url, CALL_ANSWER),
    }
    measured = alternate(sides, repeats, warmup=0)
    samples = {side: column(values) for side, values in measured.items()}
    cpu = {side: column(values, "cpu") for side, values in measured.items()}
    return figure(
        "warm_call",
        f"new_realtime_call, warm, per call ({calls} sequential calls)",
        "s",
        samples["ours"],
        samples["requests"],
        "requests.Session().post(files=...).text, same parts and headers",
        1.10,
        cpu_per_call={"ours": median(cpu["ours"]), "baseline": median(cpu["requests"])},
        cpu_ratio=median(cpu["ours"]) / median(cpu["requests"]),
        same_request=same_request,
    )


# --------------------------------------------------------------------------------------------------
# Figure 3: build and serialize


def bench_build(number: int, repeats: int) -> dict[str, Any]:
    """Figure 3: every field through initialize_* plus to_json(), against json.dumps of the same dict."""
    import psopenapi_py as p

    def ours() -> str:
        request = p.initialize_realtime_session_create_request(
            modalities=["text", "audio"],
            model=MODEL,
            instructions="You are a friendly assistant.",
            voice="alloy",
            input_audio_format="pcm16",
            output_audio_format="g711_ulaw",
            input_audio_transcription=p.initialize_realtime_session_input_audio_transcription(model="whisper-1"),
            turn_detection=p.initialize_realtime_session_create_request_turn_detection(
                type="server_vad", threshold=0.5, prefix_padding_ms=300, silence_duration_ms=500, create_response=True
            ),
            tools=[
                p.initialize_realtime_response_create_params_tools_inner(
                    type="function",
                    name="get_weather",
                    description="Current weather for a city.",
                    parameters={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
                )
            ],
            tool_choice="auto",
            temperature=0.8,
            max_response_output_tokens=p.initialize_realtime_response_create_params_max_response_output_tokens(4096),
        )
        return request.to_json()

    def baseline() -> str:
        return json.dumps(
            {
                "modalities": ["text", "audio"],
                "model": MODEL,
                "instructions": "You are a friendly assistant.",
                "voice": "alloy",
                "input_audio_format": "pcm16",
                "output_audio_format": "g711_ulaw",
                "input_audio_transcription": {"model": "whisper-1"},
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 500,
                    "create_response": True,
                },
                "tools": [
                    {
                        "type": "function",
                        "name": "get_weather",
                        "description": "Current weather for a city.",
                        "parameters": {
                            "type": "object",
                            "properties": {"city": {"type": "string"}},
                            "required": ["city"],
                        },
                    }
                ],
                "tool_choice": "auto",
                "temperature": 0.8,
                "max_response_output_tokens": 4096,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )

    if json.loads(ours()) != json.loads(baseline()):
        raise RuntimeError(f"figure 3 compares different bodies: {ours()} != {baseline()}")
    measured = alternate(
        {
            "ours": lambda: {"value": timeit.timeit(ours, number=number) / number},
            "json": lambda: {"value": timeit.timeit(baseline, number=number) / number},
        },
        repeats,
    )
    samples = {side: column(values) for side, values in measured.items()}
    return figure(
        "build",
        "initialize_realtime_session_create_request(every field) + to_json()",
        "s",
        samples["ours"],
        samples["json"],
        "json.dumps of the equivalent dict",
        15.0,
    )


# --------------------------------------------------------------------------------------------------
# Figure 4 (and 6): one-shot processes

ONE_SHOT_REQUESTS = """
import json, os, sys
import requests
reply = requests.post(os.environ["OPENAI_BASE_URL"] + "/realtime/sessions", data=sys.argv[1].encode(), headers=json.loads(sys.argv[2]), timeout=600)
reply.raise_for_status()
print(reply.json()["client_secret"]["value"])
"""

ONE_SHOT_OPENAI = """
import sys, warnings
warnings.simplefilter("ignore")
import openai
print(openai.OpenAI().beta.realtime.sessions.create(model=sys.argv[1]).client_secret.value)
"""


def cli_has(command: str) -> bool:
    """Whether the psopenapi command has this subcommand yet (other issues add them)."""
    probe = subprocess.run(
        [PYTHON, "-m", "psopenapi_py", command, "--help"], capture_output=True, env=child_env(), cwd=ROOT
    )
    return probe.returncode == 0 and Path(CLI).exists()


def one_shot(argv: Sequence[str], base_url: str) -> Callable[[], Sample]:
    """Wall seconds (``value``), CPU seconds and peak RSS of one whole process that prints the key."""
    env = child_env(base_url)

    def measure() -> Sample:
        run = run_process(argv, env)
        if run.stdout.strip() != EPHEMERAL_KEY:
            raise RuntimeError(f"{argv[0]} printed {run.stdout.strip()!r}, not the ephemeral key")
        return {"value": run.wall_sec, "cpu": run.cpu_sec, "rss": float(run.max_rss_kib)}

    return measure


def bench_one_shot(base_url: str, repeats: int, warmup: int, with_openai: bool) -> dict[str, dict[str, Any]]:
    """Figure 4: the CLI as a whole process against a requests script; with openai, figure 6's one-shot."""
    title = f"psopenapi new-realtime-session --model {MODEL} --output token (whole process)"
    if not cli_has("new-realtime-session"):
        reason = "the psopenapi command has no new-realtime-session subcommand yet"
        results = {"one_shot": skipped("one_shot", title, reason)}
        if with_openai:
            results["peer_one_shot"] = skipped("peer_one_shot", "one-shot process against openai", reason)
        return results
    cli_argv = [CLI, "new-realtime-session", "--model", MODEL, "--output", "token"]
    run_process(cli_argv, child_env(base_url))
    cli_sent = last_request(base_url)
    body, headers = cli_sent["body"], comparable(cli_sent)[1]
    requests_argv = [PYTHON, "-c", ONE_SHOT_REQUESTS, body, json.dumps(headers)]
    run_process(requests_argv, child_env(base_url))
    same = comparable(last_request(base_url)) == comparable(cli_sent)
    sides = {"ours": one_shot(cli_argv, base_url), "requests": one_shot(requests_argv, base_url)}
    if with_openai:
        sides["openai"] = one_shot([PYTHON, "-c", ONE_SHOT_OPENAI, MODEL], base_url)
    measured = alternate(sides, repeats, warmup)
    samples = {side: column(values) for side, values in measured.items()}
    cpu = {side: column(values, "cpu") for side, values in measured.items()}
    rss = {side: column(values, "rss") for side, values in measured.items()}

    def memory(side: str) -> dict[str, Any]:
        ours_kib, other_kib = median(rss["ours"]), median(rss[side])
        return {"ours_kib": ours_kib, "baseline_kib": other_kib, "ratio": ours_kib / other_kib}

    results = {
        "one_shot": figure(
            "one_shot",
            title,
            "s",
            samples["ours"],
            samples["requests"],
            "python -c: import requests, post the same request, print the key",
            1.3,
            max_rss=memory("requests") | {"target": 1.2, "met": memory("requests")["ratio"] <= 1.2},
            cpu_sec={"ours": median(cpu["ours"]), "baseline": median(cpu["requests"])},
            same_request=same,
        )
    }
    if with_openai:
        results["peer_one_shot"] = figure(
            "peer_one_shot",
            "one-shot process against openai (import openai, client.beta.realtime.sessions.create, print the key)",
            "s",
            samples["ours"],
            samples["openai"],
            "python -c: import openai, OpenAI().beta.realtime.sessions.create(model=...)",
            0.5,
            max_rss=memory("openai"),
            cpu_sec={"ours": median(cpu["ours"]), "baseline": median(cpu["openai"])},
        )
    return results


# --------------------------------------------------------------------------------------------------
# Figure 5: the translator


def bench_translate(lines: int, repeats: int) -> dict[str, Any]:
    """Figure 5: translate_powershell on a generated script, against tree-sitter parsing it alone."""
    title = f"translate_powershell, generated {lines}-line script (CPU)"
    import psopenapi_py

    translate_powershell = getattr(psopenapi_py, "translate_powershell", None)
    if translate_powershell is None:
        return skipped("translate", title, "psopenapi_py has no translate_powershell yet")
    import tree_sitter
    import tree_sitter_powershell

    source = powershell_script(lines)
    encoded = source.encode()
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))

    def cpu_of(action: Callable[[], object]) -> Callable[[], Sample]:
        def measure() -> Sample:
            start = time.process_time()
            action()
            return {"value": time.process_time() - start}

        return measure

    first = cpu_of(lambda: translate_powershell(source))()["value"]
    translation = translate_powershell(source)
    measured = alternate(
        {"ours": cpu_of(lambda: translate_powershell(source)), "parse": cpu_of(lambda: parser.parse(encoded))},
        repeats,
    )
    samples = {side: column(values) for side, values in measured.items()}
    actual_lines = source.count("\n")
    return figure(
        "translate",
        title,
        "s",
        samples["ours"],
        samples["parse"],
        "tree-sitter-powershell parsing the same script",
        5.0,
        lines=actual_lines,
        lines_per_sec=actual_lines / median(samples["ours"]),
        first_call_cpu_sec=first,
        absolute_target_sec=1.0,
        absolute_met=median(samples["ours"]) < 1.0,
        warnings=len(getattr(translation, "warnings", [])),
    )


def powershell_script(lines: int) -> str:
    """A script of exactly ``lines`` lines: whole blocks of the supported constructs, then assignments."""
    out: list[str] = []
    i = 0
    while True:
        block = POWERSHELL_BLOCK.replace("{i}", str(i)).splitlines()
        if len(out) + len(block) > lines:
            break
        out.extend(block)
        i += 1
    out.extend(f"$Filler{n} = {n} * 2" for n in range(lines - len(out)))
    return "\n".join(out) + "\n"


POWERSHELL_BLOCK = """# block {i}: mint a key with every construct the translator supports
<# a block comment
   spanning lines #>
$Configuration = Get-Configuration
$Configuration.BaseUrl = $env:OPENAI_BASE_URL
$Model{i} = "gpt-4o-realtime-preview"
$Count{i} = {i} + 2 * 3
$Greeting{i} = 'plain'
$Name{i} = "block $Count{i} of $($Count{i} + 1)"
$Flags{i} = @("text", "audio")
$List{i} = 1, 2, 3
$TurnDetection{i} = Initialize-RealtimeSessionCreateRequestTurnDetection -Type "server_vad" -Threshold 0.5 -PrefixPaddingMs 300 -SilenceDurationMs 500 -CreateResponse $true
$Transcription{i} = Initialize-RealtimeSessionInputAudioTranscription -Model "whisper-1"
$Request{i} = Initialize-RealtimeSessionCreateRequest -Model $Model{i} -Modalities $Flags{i} -Voice "alloy" -TurnDetection $TurnDetection{i} -InputAudioTranscription $Transcription{i}
$Body{i} = @{
    model = "gpt-4o-realtime-preview"
    modalities = @("text")
    turn_detection = @{ type = "server_vad"; threshold = 0.5 }
}
if ($Count{i} -gt 5 -and $Model{i} -like "gpt-4o*") {
    Write-Host "big $Count{i}"
} elseif ($Count{i} -eq 5) {
    Write-Output ("equal {0}" -f $Count{i})
} else {
    Write-Host "small"
}
foreach ($Item in $List{i}) {
    Write-Host ([string]$Item)
}
for ($j = 0; $j -lt 2; $j++) {
    $Count{i} = $Count{i} + [int]"1"
}
try {
    $Session{i} = New-RealtimeSession -RealtimeSessionCreateRequest $Request{i}
    Write-Host $Session{i}.client_secret.value
    $Json{i} = $Session{i} | ConvertTo-Json -Depth 5 -Compress
    $Back{i} = $Json{i} | ConvertFrom-Json
} catch {
    Write-Error ("failed: " + $_.Exception.Message)
    Write-Host $_.ErrorDetails
} finally {
    Write-Host "done {i}"
}
function Get-Key{i} {
    param($Req)
    $Result = $Req | New-RealtimeSession
    return $Result.client_secret.value
}
"""


# --------------------------------------------------------------------------------------------------
# Figure 6: the peer


# --------------------------------------------------------------------------------------------------
# Figure 7: psopenapi serve


SERVE_KEY = "sk-bench-serve-server-key-000000"
SERVE_TOKEN = "bench-serve-caller-token-0000"
SERVE_ENV = {"OPENAI_API_KEY": SERVE_KEY, "BENCH_SERVE_TOKENS": SERVE_TOKEN}


def _serve_config(base_url: str) -> dict[str, Any]:
    return {
        "upstream": {"base_url": base_url},
        "session": CALL_SESSION,
        "auth": {"bearer_tokens_env": "BENCH_SERVE_TOKENS"},
    }


def _parallel(call: Callable[[], None], threads: int, each: int) -> float:
    """Wall time of ``threads`` threads making ``each`` calls."""

    def loop() -> None:
        for _ in range(each):
            call()

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


class _KeptAlive:
    """The caller of ``/token`` in figure 7: one kept-alive HTTP/1.1 connection and a prepared request.

    It stands for a browser's ``fetch``, whose cost is not Python's: a full Python HTTP client here would
    add its own time to the /token side only and be counted against the server.
    """

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb")
        self.request = (
            f"POST /token HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {SERVE_TOKEN}\r\n"
            "Content-Length: 0\r\n\r\n"
        ).encode()

    def call(self) -> bytes:
        """One /token request; its body (raises unless the answer is 200)."""
        self.sock.sendall(self.request)
        status = self.file.readline()
        length = 0
        while (line := self.file.readline()) not in (b"\r\n", b""):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        body = self.file.read(length)
        if status[9:12] != b"200":
            raise RuntimeError(f"/token answered {status!r}: {body[:200]!r}")
        return body

    def close(self) -> None:
        self.file.close()
        self.sock.close()


@contextmanager
def serve_process(base_url: str) -> Iterator[int]:
    """``psopenapi serve`` in its own process (as deployed, access log on), upstream ``base_url``; yields its port."""
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "serve.json"
        config_file.write_text(json.dumps(_serve_config(base_url)))
        process = subprocess.Popen(
            [CLI, "serve", "--config", str(config_file), "--port", "0"],
            env={**child_env(), **SERVE_ENV},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert process.stdout is not None
            url = process.stdout.readline().strip()
            if not url:
                raise RuntimeError("psopenapi serve did not start")
            yield int(url.rsplit(":", 1)[1])
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


#: A WSGI app that answers at once, on psopenapi serve's server: what the HTTP hop alone costs.
HOP_APP = """
import sys
from psopenapi_py.serve import make_server
ANSWER = b'{"value":"ek_bench_0123456789abcdef01234567","expires_at":1796119272}'
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(ANSWER)))])
    return [ANSWER]
server = make_server(app, "127.0.0.1", 0)
print(server.server_port, flush=True)
server.serve_forever(0.05)
"""


def per_call(call: Callable[[], object], calls: int) -> Callable[[], Sample]:
    """A sample maker: the mean time of ``calls`` sequential calls."""

    def measure() -> Sample:
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return {"value": (time.perf_counter() - start) / calls}

    return measure


@contextmanager
def hop_process() -> Iterator[int]:
    """:data:`HOP_APP` in its own process; yields its port."""
    process = subprocess.Popen([PYTHON, "-c", HOP_APP], env=child_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(10)


def bench_serve(base_url: str, calls: int, repeats: int, load: int) -> dict[str, dict[str, Any]]:
    """Figure 7: the time POST /token takes over a direct new_realtime_client_secret call to the same
    upstream (the loopback server), and the time per request under gunicorn with 2 workers, 8 threads."""
    from psopenapi_py import Configuration, new_realtime_client_secret

    direct = Configuration(access_token=SERVE_KEY, base_url=base_url, maximum_retry_count=0)
    request = {"expires_after": {"anchor": "created_at", "seconds": 600}, "session": CALL_SESSION}
    expected = CLIENT_SECRET_REPLY["value"]

    def direct_call() -> None:
        if new_realtime_client_secret(request, configuration=direct).value != expected:
            raise RuntimeError("the direct call did not return the server's key")

    figures: dict[str, dict[str, Any]] = {}
    figures["serve_app"] = _bench_serve_app(base_url, calls, repeats, direct_call)
    with serve_process(base_url) as port:
        caller = _KeptAlive(port)

        def token_call() -> None:
            if json.loads(caller.call())["value"] != expected:
                raise RuntimeError("/token did not return the server's key")

        try:
            measured = alternate({"ours": per_call(token_call, calls), "direct": per_call(direct_call, calls)}, repeats)
        finally:
            caller.close()
    with hop_process() as port:
        caller = _KeptAlive(port)
        try:
            hop = column(alternate({"hop": per_call(caller.call, calls)}, repeats)["hop"])
        finally:
            caller.close()
    ours, baseline = column(measured["ours"]), column(measured["direct"])
    figures["serve_token"] = figure(
        "serve_token",
        f"POST /token through psopenapi serve (own process, access log on), per request ({calls} sequential)",
        "s",
        ours,
        baseline,
        "new_realtime_client_secret() called directly, same upstream",
        1.2,
        added_sec=median(ours) - median(baseline),
        hop_sec=median(hop),
    )
    figures["serve_gunicorn"] = _bench_gunicorn(base_url, _serve_config(base_url), load, direct_call)
    return figures


def _bench_serve_app(base_url: str, calls: int, repeats: int, direct_call: Callable[[], None]) -> dict[str, Any]:
    """The WSGI application's own cost: /token handed to ``create_app``'s app as a WSGI server would (no HTTP
    in front: under gunicorn the HTTP side is gunicorn's), against the same direct call."""
    import io
    import logging

    from psopenapi_py.serve import create_app, parse_config

    # The access log is built and handled as in production, into a sink.
    logger = logging.getLogger("psopenapi_py.serve")
    sink = logging.StreamHandler(io.StringIO())
    previous = logger.level, logger.propagate
    logger.addHandler(sink)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    app = create_app(parse_config(_serve_config(base_url), environ=dict(SERVE_ENV)))
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    def app_call() -> None:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/token",
            "QUERY_STRING": "",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_AUTHORIZATION": f"Bearer {SERVE_TOKEN}",
            "CONTENT_LENGTH": "0",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
        }
        answer = app(environ, start_response)
        body = b"".join(answer)
        answer.close()  # as a WSGI server does once the answer is sent: this writes the access-log line
        if statuses.pop() != "200 OK" or json.loads(body)["value"] != CLIENT_SECRET_REPLY["value"]:
            raise RuntimeError(f"the app answered {body[:200]!r}")

    try:
        measured = alternate({"ours": per_call(app_call, calls), "direct": per_call(direct_call, calls)}, repeats)
    finally:
        logger.removeHandler(sink)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
    return figure(
        "serve_app",
        f"/token in the WSGI app alone (no HTTP in front, access log on), per request ({calls} sequential)",
        "s",
        column(measured["ours"]),
        column(measured["direct"]),
        "new_realtime_client_secret() called directly, same upstream",
        None,
    )


def _bench_gunicorn(
    base_url: str, config: dict[str, Any], load: int, direct_call: Callable[[], None]
) -> dict[str, Any]:
    import importlib.util

    import requests

    if importlib.util.find_spec("gunicorn") is None:
        return skipped("serve_gunicorn", "POST /token under gunicorn, 2 workers", "gunicorn is not installed")
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "serve.json"
        config_file.write_text(json.dumps(config))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**child_env(), **SERVE_ENV, "PSOPENAPI_SERVE_CONFIG": str(config_file)}
        argv = [PYTHON, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
        process = subprocess.Popen(
            [*argv, "psopenapi_py.serve:app_from_env()"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/token"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except requests.RequestException:
                    if process.poll() is not None or time.monotonic() > deadline:
                        return skipped(
                            "serve_gunicorn", "POST /token under gunicorn, 2 workers", "gunicorn did not start"
                        )
                    time.sleep(0.2)
            auth = {"Authorization": f"Bearer {SERVE_TOKEN}"}

            def token_call() -> None:
                if requests.post(url, headers=auth, timeout=30).status_code != 200:
                    raise RuntimeError("/token failed under gunicorn")

            threads, each = 8, max(1, load // 8)
            ours = _parallel(token_call, threads, each) / (threads * each)
            baseline = _parallel(direct_call, threads, each) / (threads * each)
        finally:
            process.terminate()
            process.wait(20)
    return figure(
        "serve_gunicorn",
        f"POST /token under gunicorn (2 workers), 8 threads, time per request ({threads * each} requests)",
        "s",
        [ours],
        [baseline],
        "direct new_realtime_client_secret(), 8 threads",
        None,
        requests_per_sec=1 / ours,
    )


def openai_version() -> str | None:
    """The installed openai version when it can be imported and has the beta sessions call, else None."""
    probe = subprocess.run(
        [
            PYTHON,
            "-c",
            "import openai; openai.OpenAI(api_key='x').beta.realtime.sessions.create; print(openai.__version__)",
        ],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


# --------------------------------------------------------------------------------------------------
# Report


def machine() -> dict[str, Any]:
    """Where the figures come from: CPUs, CPU model, Python, libraries and the date."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for package in ("psopenapi_py", "requests", "attrs", "openai", "tree_sitter", "tree_sitter_powershell"):
        try:
            from importlib.metadata import version

            versions[package] = version(package.replace("_", "-") if package.startswith("tree") else package)
        except Exception:
            versions[package] = None
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=ROOT, timeout=10
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "commit": commit or None,
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "versions": versions,
    }


def format_value(value: float, unit: str) -> str:
    """Seconds as ms or µs, whichever reads best."""
    if unit != "s":
        return f"{value:.3g} {unit}"
    if value >= 0.1:
        return f"{value * 1000:.0f} ms"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1e6:.1f} µs"


def table(figures: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table (the one docs/performance.md shows)."""
    rows = ["| figure | psopenapi_py | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]
    for fig in figures.values():
        if "skipped" in fig:
            rows.append(f"| {fig['title']} | skipped: {fig['skipped']} | | | | |")
            continue
        target = f"≤ {fig['target']:g}×" if fig["target"] is not None else ""
        met = "" if fig["met"] is None else ("yes" if fig["met"] else "**no**")
        rows.append(
            f"| {fig['title']} | {format_value(fig['ours'], fig['unit'])} | {format_value(fig['baseline'], fig['unit'])}"
            f" ({fig['baseline_label']}) | {fig['ratio']:.2f}× | {target} | {met} |"
        )
        rss = fig.get("max_rss")
        if rss:
            target = f"≤ {rss['target']:g}×" if "target" in rss else ""
            met = "" if "met" not in rss else ("yes" if rss["met"] else "**no**")
            rows.append(
                f"| ↳ peak memory (max RSS) | {rss['ours_kib'] / 1024:.1f} MiB | {rss['baseline_kib'] / 1024:.1f} MiB"
                f" | {rss['ratio']:.2f}× | {target} | {met} |"
            )
        if "added_sec" in fig:
            rows.append(f"| ↳ time added per request, absolute | {format_value(fig['added_sec'], 's')} | | | | |")
            rows.append(
                f"| ↳ of which the HTTP hop alone (an app answering at once, same server and caller) | "
                f"{format_value(fig['hop_sec'], 's')} | | | | |"
            )
        if fig["name"] == "translate":
            rows.append(
                f"| ↳ throughput, absolute | {fig['lines_per_sec']:,.0f} lines/s | {fig['lines']} lines in "
                f"{format_value(fig['ours'], 's')} CPU | | < 1 s | {'yes' if fig['absolute_met'] else '**no**'} |"
            )
    return "\n".join(rows)


class Plan:
    """How much of everything to run: the full run, or ``--quick`` (a smoke run, not for publishing)."""

    def __init__(self, quick: bool):
        self.quick = quick
        #: Warm calls per child, and untimed calls before them.
        self.calls, self.warmup_calls = (20, 5) if quick else (2000, 100)
        #: Children per side of the warm-call figure.
        self.warm_repeats = 1 if quick else 5
        #: Fresh processes per side of the import and one-shot figures, after untimed warm-up rounds.
        self.process_repeats, self.process_warmup = (1, 0) if quick else (21, 1)
        #: Builds per timing, and timings per side, of figure 3.
        self.build_number, self.build_repeats = (100, 1) if quick else (5000, 9)
        #: Lines of the generated PowerShell script and timings per side of figure 5.
        self.translate_lines, self.translate_repeats = (300, 1) if quick else (5000, 7)
        #: Figure 7: sequential /token calls per sample, samples, and requests of the gunicorn load.
        self.serve_calls, self.serve_repeats, self.serve_load = (20, 1, 80) if quick else (300, 11, 2000)


FIGURES = ("import", "warm", "warm_call", "build", "one_shot", "translate", "serve", "peer")
PEER_FIGURES = ("peer_import", "peer_warm", "peer_one_shot")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the figures and print the table; return 0 (targets are reported here, never enforced)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="a reduced run (a few seconds) that still produces every figure"
    )
    parser.add_argument(
        "--json", metavar="FILE", help="also write the figures as JSON to FILE ('-': the JSON alone, on stdout)"
    )
    parser.add_argument(
        "--only", nargs="+", choices=FIGURES, metavar="FIGURE", help=f"only these figures ({', '.join(FIGURES)})"
    )
    parser.add_argument(
        "--minimal-env",
        action="store_true",
        help=f"give the measured processes only {', '.join(MINIMAL_ENV_KEEP)} from this environment",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0

    plan = Plan(args.quick)
    global minimal_env
    minimal_env = args.minimal_env
    wanted = set(args.only or FIGURES)
    oai = openai_version() if "peer" in wanted else None
    peer = oai is not None
    figures: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()

    def log(message: str) -> None:
        if args.json != "-":  # with --json -, stdout carries the JSON and nothing else
            print(f"[{time.perf_counter() - started:5.1f} s] {message}", file=sys.stderr, flush=True)

    if "import" in wanted or peer:
        log("figure 1: import" + (" (and openai's)" if peer else ""))
        figures.update(bench_import(plan.process_repeats, plan.process_warmup, with_openai=peer))
    with loopback_server() as base_url:
        if "warm" in wanted or peer:
            log("figure 2: warm calls" + (" (and openai's)" if peer else ""))
            figures.update(bench_warm(base_url, plan.calls, plan.warmup_calls, plan.warm_repeats, with_openai=peer))
        if "warm_call" in wanted:
            log("figure 2b: warm new_realtime_call")
            figures["warm_call"] = bench_warm_call(base_url, plan.calls, plan.warmup_calls, plan.warm_repeats)
        if "build" in wanted:
            log("figure 3: build and serialize")
            figures["build"] = bench_build(plan.build_number, plan.build_repeats)
        if "one_shot" in wanted or peer:
            log("figure 4: one-shot CLI" + (" (and openai's)" if peer else ""))
            figures.update(bench_one_shot(base_url, plan.process_repeats, plan.process_warmup, with_openai=peer))
        if "serve" in wanted:
            log("figure 7: psopenapi serve")
            figures.update(bench_serve(base_url, plan.serve_calls, plan.serve_repeats, plan.serve_load))
    if "translate" in wanted:
        log("figure 5: translator")
        figures["translate"] = bench_translate(plan.translate_lines, plan.translate_repeats)
    if "peer" in wanted:
        for name in PEER_FIGURES:
            if oai is None:
                reason = "openai is not importable here (it is no dependency: pip install openai to measure it)"
                figures[name] = skipped(name, f"{name.replace('_', ' ')} against openai", reason)
            else:
                figures[name]["peer"] = f"openai {oai}"
    # Figures asked for only as the peer's companions are left out of the report.
    for name in ("import", "warm", "one_shot"):
        if name not in wanted:
            figures.pop(name, None)
    log("done")

    report: dict[str, Any] = {
        "machine": machine(),
        "quick": plan.quick,
        # What requests' per-call proxy look-up walks (figure 2): the measured processes' environment.
        "child_environment_variables": len(child_env("http://127.0.0.1:1/v1")),
        "minimal_env": minimal_env,
        "figures": figures,
    }
    if args.json == "-":
        print(json.dumps(report, indent=2))
        return 0
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    info = report["machine"]
    print(
        f"{info['nproc']} CPUs, {info['cpu_model']}, Python {info['python']}, {info['date']}, commit {info['commit']}"
        + f", {report['child_environment_variables']} environment variables"
        + (f", peer openai {oai}" if oai else "")
        + (" (quick run: not for publishing)" if plan.quick else "")
    )
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
