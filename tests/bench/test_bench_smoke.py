"""Smoke tests: every benchmark code path runs with tiny counts, so `make bench` does not rot.

Benchmarks are not tests: nothing here looks at a timing. These check that the responder serves the
specs' examples, that a quick run produces every section without error and renders BENCHMARKS.md,
and that the profile folding and goal verdicts compute what they claim.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.bench.bodies import example_body
from tests.bench.processes import REPO_ROOT, child_env, running_responder
from tests.bench.profiles import component_of, summarise
from tests.bench.report import GoalRow, goal_rows, render_markdown
from tests.bench.targets import APIS, raw_url

TOOLS_PYTHON = REPO_ROOT / ".bench-tools" / "bin" / "python"
PEERS_PYTHON = REPO_ROOT / ".bench-peers" / "bin" / "python"


def test_responder_serves_each_apis_spec_example_over_loopback() -> None:
    with running_responder() as server, httpx.Client() as client:
        assert server.startswith("http://127.0.0.1:")
        for api in APIS:
            response = client.get(raw_url(server, api))
            assert response.status_code == 200
            assert response.json() == example_body(api)
        assert client.get(f"{server}/nowhere").status_code == 404


def _quick(command: str, out_dir: Path, *extra: str) -> dict[str, object]:
    argv = [
        sys.executable, "-m", "tests.bench", command, "--quick",
        "--out-dir", str(out_dir), "--markdown", str(out_dir / "BENCHMARKS.md"),
        "--chart", str(out_dir / "benchmarks.png"), "--generate-command", "true", *extra,
    ]  # fmt: skip
    if TOOLS_PYTHON.exists():
        argv += ["--tools-python", str(TOOLS_PYTHON)]
    done = subprocess.run(argv, cwd=REPO_ROOT, env=child_env(), capture_output=True, text=True, timeout=110)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded: dict[str, object] = json.loads(
        (out_dir / f"{'bench' if command == 'run' else 'peers'}.json").read_text()
    )
    return loaded


def _errors(results: dict[str, object]) -> dict[str, str]:
    return {
        name: str(section["error"])
        for name, section in results.items()
        if isinstance(section, dict) and "error" in section
    }


@pytest.mark.timeout(120)
def test_quick_bench_run_measures_every_section_and_writes_the_report(tmp_path: Path) -> None:
    results = _quick("run", tmp_path)
    errors = _errors(results)
    if not TOOLS_PYTHON.exists():  # py-spy lives in .bench-tools (made by `make bench`)
        assert "no --tools-python" in errors.pop("profiles", "no --tools-python")
    assert errors == {}
    for section in ("footprint", "imports", "calls", "server_cost", "clients", "waiting", "many", "generate"):
        assert section in results
    markdown = (tmp_path / "BENCHMARKS.md").read_text()
    assert "## Goals" in markdown
    assert "## 9. Many operations against a read budget" in markdown
    assert "**Distinct operations** (make bench)" in markdown
    assert "pairs of blocks" in markdown  # the distinct row is timed paired, in one process
    calls = results["calls"]
    assert isinstance(calls, dict)
    paired = calls["medians"]["concurrent_distinct_paired_repeated"]
    assert set(paired) == {"opstatus", "opstatus_fast", "raw_aiohttp"}
    failed_sections = re.findall(r"_Not measured: the (\w+) section failed", markdown)
    assert failed_sections == ([] if TOOLS_PYTHON.exists() else ["profile"])
    assert (tmp_path / "benchmarks.png").exists() == TOOLS_PYTHON.exists()


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(not PEERS_PYTHON.exists(), reason="peer SDKs live in .bench-peers (make bench-peers)")
def test_quick_peers_run_measures_the_official_sdks(tmp_path: Path) -> None:
    results = _quick("peers", tmp_path, "--peers-python", str(PEERS_PYTHON))
    errors = _errors(results)
    if not TOOLS_PYTHON.exists():
        errors.pop("profiles", None)
    assert errors == {}
    calls = results["calls"]
    assert isinstance(calls, dict)
    assert "azure_mgmt_monitor" in calls["medians"]["concurrent"]
    assert "azure_mgmt_monitor" in calls["medians"]["concurrent_distinct"]
    assert "azure_mgmt_monitor" in calls["medians"]["concurrent_distinct_paired_repeated"]
    assert "msgraph_sdk" in calls["medians"]["concurrent"]
    many = results["many"]
    assert isinstance(many, dict)
    assert set(many["medians"]) == {"gather", "set", "set_fast", "azure_aio"}


def test_profile_summary_splits_samples_by_component_and_ignores_startup() -> None:
    run = "<module> (tests/bench/contenders/x.py:1);run_contender (tests/bench/protocol.py:9)"
    collapsed = "\n".join(
        [
            f"{run};AsyncClient.send (httpx/_client.py:1);handle (httpcore/_async/pool.py:2) 6",
            f"{run};get_operation_status (opstatus/monitor.py:5) 3",
            f"{run};loads (json/__init__.py:3) 1",
            "<module> (tests/bench/contenders/x.py:1);_find_and_load (<frozen importlib._bootstrap>:1) 90",
        ]
    )
    summary = summarise(collapsed)
    assert summary.samples == 10
    assert dict(summary.self_by_component) == {"httpcore": 0.6, "opstatus": 0.3, "json": 0.1}
    assert dict(summary.inclusive_by_component)["httpx"] == 0.6


def test_profile_components_recognise_namespace_package_paths() -> None:
    assert component_of("AioHttpTransport.send (core/pipeline/transport/_aiohttp.py:9)") == "azure-core"
    assert component_of("send (azure/core/pipeline/_base.py:1)") == "azure-core"
    assert component_of("get (mgmt/monitor/v2019_10_17/operations/_ops.py:90)") == "azure-mgmt-monitor"
    assert component_of("get (msgraph_core/base.py:1)") == "msgraph/kiota"


def test_goal_verdicts_say_by_how_much_a_goal_is_missed() -> None:
    assert GoalRow("2", "sync", 1.10, 1.15, "x").verdict == "met"
    assert GoalRow("2", "sync", 1.38, 1.15, "x").verdict == "missed by 20 %"
    assert GoalRow("4", "conc", 1.5, 2.0, "x", higher_is_better=True).verdict == "missed: 1.33x short"


def test_report_without_results_says_what_was_not_measured() -> None:
    markdown = render_markdown({}, chart="benchmarks.png", chart_note=None, notes="")
    assert goal_rows({}) == []
    assert markdown.count("_Not measured in the saved results") >= 5
