"""bench/run.py --quick runs and produces every figure (timings are never asserted: see docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import psopenapi_py

ROOT = Path(__file__).resolve().parent.parent
MEASURED_ALWAYS = ("import", "warm", "warm_call", "build", "one_shot")
PEER = ("peer_import", "peer_warm", "peer_one_shot")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    """One `bench/run.py --quick --json FILE` run shared by the tests of this module: (report, stdout)."""
    out = tmp_path_factory.mktemp("bench") / "figures.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text()), done.stdout


def _openai_importable() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import openai"], capture_output=True)
    return probe.returncode == 0


def _assert_measured(fig: dict[str, Any]) -> None:
    assert "skipped" not in fig, fig.get("skipped")
    assert fig["ours"] > 0 and fig["baseline"] > 0
    assert fig["ratio"] == pytest.approx(fig["ours"] / fig["baseline"])
    assert fig["runs"] >= 1 and len(fig["samples"]["ours"]) == fig["runs"]
    assert isinstance(fig["met"], bool) and isinstance(fig["target"], float)


def test_quick_run_measures_the_import_warm_build_and_one_shot_figures(quick_run: tuple[dict[str, Any], str]) -> None:
    """Figures 1 to 4 and 2b are measured, each a median with a ratio to its same-run baseline and a target."""
    report, _ = quick_run
    assert report["quick"] is True
    for name in MEASURED_ALWAYS:
        _assert_measured(report["figures"][name])
    one_shot = report["figures"]["one_shot"]
    assert one_shot["max_rss"]["ratio"] == pytest.approx(
        one_shot["max_rss"]["ours_kib"] / one_shot["max_rss"]["baseline_kib"]
    )
    assert one_shot["same_request"] is True
    assert report["figures"]["warm"]["same_request"] is True
    assert report["figures"]["warm_call"]["same_request"] is True


def test_quick_run_measures_the_translator_when_the_package_has_one(quick_run: tuple[dict[str, Any], str]) -> None:
    """Figure 5 is measured (lines per second included) whenever translate_powershell exists."""
    fig = quick_run[0]["figures"]["translate"]
    if not hasattr(psopenapi_py, "translate_powershell"):
        assert fig["skipped"] == "psopenapi_py has no translate_powershell yet"
        return
    _assert_measured(fig)
    assert fig["lines"] == 300 and fig["lines_per_sec"] > 0


def test_quick_run_measures_openai_when_importable_else_says_why_not(quick_run: tuple[dict[str, Any], str]) -> None:
    """Figure 6 is measured against the installed openai, or each part is skipped naming the reason."""
    figures = quick_run[0]["figures"]
    if _openai_importable():
        for name in PEER:
            _assert_measured(figures[name])
            assert figures[name]["peer"].startswith("openai ")
    else:
        for name in PEER:
            assert figures[name]["skipped"].startswith("openai is not importable here")


def test_quick_run_prints_a_table_row_per_figure_and_describes_the_machine(
    quick_run: tuple[dict[str, Any], str],
) -> None:
    """The printed Markdown table has one row per figure; the JSON names CPUs, CPU model, Python and date."""
    report, stdout = quick_run
    for fig in report["figures"].values():
        assert f"| {fig['title']} |" in stdout
    assert stdout.splitlines()[1] == "| figure | psopenapi_py | baseline | ratio | target | met |"
    assert set(report["machine"]) >= {"nproc", "cpu_model", "python", "date", "versions"}
    assert "(quick run: not for publishing)" in stdout.splitlines()[0]
