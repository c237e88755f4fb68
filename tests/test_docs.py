"""Every ```python block of docs/*.md and README.md runs: the examples users copy must work.

Each page is one test. Its blocks run in order, in one namespace, in a fresh Python subprocess whose
working directory is an empty temporary folder and whose environment has OPENAI_BASE_URL pointing at
a loopback server (the strict mock server of psopenapi_py.mock_server when it can be imported, else
tests/recording_server.py) and OPENAI_API_KEY=sk-example, as the shared examples' README prescribes.
A failing block is reported with its page, its number on the page, its first line and the stderr.
There is no opt-out: a block that cannot run belongs in a ```text or ```pycon fence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from recording_server import recording_server

ROOT = Path(__file__).resolve().parent.parent
API_KEY = "sk-example"
#: Incoming SIP calls the examples act on (docs/RealtimeApi.md): the mock knows them from the start, as if
#: the ``realtime.call.incoming`` webhook had announced them.
DOCS_SIP_CALLS = ("rtc_479a275623b54bdb9b6fbae2f7cbd408", "rtc_0c2a7d16f4e94b3c8f0b5e2d9a61c7e4")
#: A page (all its blocks together) that runs longer than this has hung: fail it rather than the suite.
PAGE_TIMEOUT_SECONDS = 60.0

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
_FAILED_MARK = "@@docs-block-failed"

# Runs in the child: execs each block in one namespace, compiled under the page's own path and padded
# to its line number, so a traceback points at the markdown line (and shows it).
_RUNNER = textwrap.dedent(
    f"""
    import json, sys, traceback
    namespace = {{"__name__": "__main__"}}
    for block in json.load(sys.stdin):
        try:
            exec(compile("\\n" * block["line"] + block["code"], block["path"], "exec"), namespace)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                sys.stdout.flush()
                print("{_FAILED_MARK}", block["number"], file=sys.stderr)
                traceback.print_exc()
                sys.exit(1)
            break
        except BaseException:
            sys.stdout.flush()
            print("{_FAILED_MARK}", block["number"], file=sys.stderr)
            traceback.print_exc()
            sys.exit(1)
    """
)


@dataclass(frozen=True)
class Block:
    """One python block: its number on the page (from 1), the line its code starts on, the code."""

    number: int
    line: int
    code: str


def python_blocks(text: str) -> list[Block]:
    """The ```python blocks of a markdown text, dedented, with their first code line (1-based)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opened = _FENCE_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened["fence"]
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        if opened["info"].lower() in ("python", "py", "python3"):
            code = textwrap.dedent("\n".join(lines[i + 1 : end]))
            blocks.append(Block(number=len(blocks) + 1, line=i + 2, code=code + "\n"))
        i = end + 1
    return blocks


def doc_pages() -> list[Path]:
    """README.md and every docs/*.md that holds at least one python block."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [p for p in pages if p.exists() and python_blocks(p.read_text(encoding="utf-8"))]


@contextmanager
def docs_server() -> Iterator[str]:
    """A loopback API for the examples: the strict mock server if it imports, else the recording server."""
    try:
        from psopenapi_py.mock_server import MockServer
    except ImportError:
        mock_class = None
    else:
        mock_class = MockServer
    if mock_class is not None:
        with mock_class(api_key=API_KEY, sip_calls=DOCS_SIP_CALLS) as mock:
            yield mock.url
    else:
        with recording_server() as recorder:
            yield recorder.url


def run_page(page: Path, base_url: str, cwd: Path, timeout: float = PAGE_TIMEOUT_SECONDS) -> str | None:
    """Run a page's python blocks in one child process; None when all pass, else a report of the failure."""
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    payload = [{"number": b.number, "line": b.line - 1, "code": b.code, "path": str(page)} for b in blocks]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(
        OPENAI_BASE_URL=base_url,
        OPENAI_API_KEY=API_KEY,
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
        PYTHONIOENCODING="utf-8",
    )
    name = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else page.name
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        # On POSIX the partial output comes back as bytes even in text mode.
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return f"{name}: the python blocks did not finish within {timeout:g} s\n--- stdout ---\n{out}"
    if done.returncode == 0:
        return None
    failed = re.search(rf"^{_FAILED_MARK} (\d+)$", done.stderr, re.M)
    if failed is None:
        return f"{name}: the runner failed (exit {done.returncode})\n--- stderr ---\n{done.stderr}"
    block = blocks[int(failed.group(1)) - 1]
    first = block.code.strip().splitlines()[0] if block.code.strip() else ""
    stderr = done.stderr[failed.end() :].lstrip("\n")
    return (
        f"{name}: python block {block.number} (line {block.line}: {first!r}) failed\n"
        f"--- stderr ---\n{stderr}--- stdout ---\n{done.stdout}"
    )


@pytest.mark.parametrize("page", doc_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_blocks_of_the_page_run(page: Path, tmp_path: Path) -> None:
    """The page's python blocks run in order, in one namespace, against a loopback API."""
    with docs_server() as url:
        report = run_page(page, url, tmp_path)
    if report is not None:
        pytest.fail(report, pytrace=False)


def test_the_model_pages_are_collected() -> None:
    """The collector finds the generated model pages (so an empty collection cannot pass silently)."""
    names = {p.name for p in doc_pages()}
    assert "RealtimeSessionCreateRequest.md" in names
    assert "RealtimeResponseCreateParamsMaxResponseOutputTokens.md" in names


# --------------------------------------------------------------------------------------------------
# The runner itself


def test_blocks_are_found_with_their_numbers_and_lines() -> None:
    """Only python-labelled fences count; indented fences are dedented; lines are 1-based code lines."""
    text = "\n".join(
        [
            "# Page",  # 1
            "```bash",  # 2
            "echo no",  # 3
            "```",  # 4
            "```python",  # 5
            "a = 1",  # 6
            "```",  # 7
            "- item",  # 8
            "  ```py",  # 9
            "  b = a + 1",  # 10
            "  ```",  # 11
            "````python",  # 12
            "s = '```'",  # 13
            "````",  # 14
        ]
    )
    assert python_blocks(text) == [
        Block(number=1, line=6, code="a = 1\n"),
        Block(number=2, line=10, code="b = a + 1\n"),
        Block(number=3, line=13, code="s = '```'\n"),
    ]


def test_a_page_s_blocks_share_one_namespace(tmp_path: Path) -> None:
    """A later block sees the names an earlier one defined, and the environment points at the server."""
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport os\nx = 41\n```\n\ntext\n\n```python\nassert x + 1 == 42\n"
        "assert os.environ['OPENAI_API_KEY'] == 'sk-example'\n"
        "assert os.environ['OPENAI_BASE_URL'] == 'http://127.0.0.1:9/v1'\n"
        "open('scratch.txt', 'w').write('ok')\n```\n"
    )
    work = tmp_path / "work"
    work.mkdir()
    assert run_page(page, "http://127.0.0.1:9/v1", work) is None
    assert (work / "scratch.txt").read_text() == "ok"


def test_a_failing_block_is_reported_with_page_number_and_stderr(tmp_path: Path) -> None:
    """The report names the page, the block's number and line, and carries the traceback."""
    page = tmp_path / "broken.md"
    page.write_text("```python\nprint('first ran')\n```\n\n```python\nvalue = 1\nraise ValueError('boom')\n```\n")
    report = run_page(page, "http://127.0.0.1:9/v1", tmp_path)
    assert report is not None
    head, _, rest = report.partition("\n")
    assert head == "broken.md: python block 2 (line 6: 'value = 1') failed"
    assert f'File "{page}", line 7' in rest
    assert "raise ValueError('boom')" in rest  # the markdown line itself, shown by the traceback
    assert "ValueError: boom" in rest
    assert rest.endswith("--- stdout ---\nfirst ran\n")


def test_a_hanging_page_fails_after_the_timeout(tmp_path: Path) -> None:
    """A block that never finishes fails the page instead of hanging the suite."""
    page = tmp_path / "slow.md"
    page.write_text("```python\nprint('started', flush=True)\nimport time\ntime.sleep(30)\n```\n")
    report = run_page(page, "http://127.0.0.1:9/v1", tmp_path, timeout=1.0)
    assert report is not None
    assert report == "slow.md: the python blocks did not finish within 1 s\n--- stdout ---\nstarted\n"


# --------------------------------------------------------------------------------------------------
# docs/translate.md: each construct, before and after


def _construct_examples() -> list[tuple[str, str, str, str]]:
    """(title, PowerShell, Python, output) of each example under "Each construct, before and after"."""
    page = (ROOT / "docs" / "translate.md").read_text(encoding="utf-8")
    section = page.split("\n## Each construct, before and after\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for part in section.split("\n### ")[1:]:
        title = part.split("\n", 1)[0]
        fences = re.findall(r"^```(\w+)\n(.*?)^```$", part, re.M | re.S)
        assert [info for info, _ in fences] == ["powershell", "python", "text"], title
        examples.append((title, fences[0][1], fences[1][1], fences[2][1]))
    return examples


def test_the_translate_page_shows_every_construct() -> None:
    """The section is found and holds the constructs the page promises (so an empty parse cannot pass)."""
    assert len(_construct_examples()) == 18


@pytest.mark.parametrize("example", _construct_examples(), ids=lambda e: e[0])
def test_each_construct_example_is_the_translation_and_prints_the_output_shown(
    example: tuple[str, str, str, str], tmp_path: Path
) -> None:
    """The Python shown is, character for character, the translator's output with no warning; it prints the output shown."""
    from psopenapi_py import translate_powershell

    _, powershell, python, output = example
    result = translate_powershell(powershell)
    assert (result.python, result.warnings) == (python, ())
    done = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert (done.returncode, done.stdout) == (0, output), done.stderr
