"""`python -m tests.bench`: run the benchmarks, save the figures as JSON, render BENCHMARKS.md + chart.

    python -m tests.bench run     # `make bench`: opstatus vs raw httpx/aiohttp, waiting, many, footprint, ...
    python -m tests.bench peers --peers-python .bench-peers/bin/python    # `make bench-peers`
    python -m tests.bench report  # re-render BENCHMARKS.md and the chart from bench-results/*.json

Every section runs in its own try block: a section that fails is recorded with its error (and shown
in the report as not measured) instead of hiding the other figures. `--quick` uses tiny counts
(the smoke test's mode); its figures mean nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench import (
    calls,
    clients_cost,
    footprint,
    generate_time,
    imports,
    machine,
    many,
    server_cost,
    waiting,
)
from tests.bench.calls import Contender, ModeSettings
from tests.bench.processes import REPO_ROOT, VENV_PYTHON, running_responder
from tests.bench.report import render_markdown
from tests.bench.targets import APIS

RESULTS_DIR = REPO_ROOT / "bench-results"
KEY_DISTRIBUTIONS = [
    "opstatus",
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "attrs",
    "aiohttp",
    "httpx-aiohttp",
    "azure-mgmt-monitor",
    "azure-core",
    "azure-mgmt-core",
    "requests",
    "msgraph-sdk",
    "msgraph-core",
    "microsoft-kiota-http",
    "microsoft-kiota-abstractions",
    "sniffio",
]


@dataclass(frozen=True)
class Config:
    quick: bool
    rounds: int
    out_dir: Path
    tools_python: Path | None
    peers_python: Path | None
    generate_command: tuple[str, ...]
    markdown: Path
    chart: Path


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _section(results: dict[str, Any], name: str, run: Callable[[], Any]) -> Any:
    _log(f"{name}: start")
    start = time.perf_counter()
    try:
        value = run()
    except Exception as exc:  # a failed section is reported, never hides the others
        _log(f"{name}: FAILED: {exc}")
        results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()[-4000:]}
        return None
    results[name] = value
    _log(f"{name}: done in {time.perf_counter() - start:.1f} s")
    return value


def _contenders(peers_python: Path | None) -> list[Contender]:
    venv = VENV_PYTHON
    found = [
        Contender(
            "raw_httpx",
            "raw httpx + json.loads",
            venv,
            "tests.bench.contenders.raw_httpx",
            ("sync", "async", "concurrent"),
            APIS,
        ),
        Contender(
            "raw_aiohttp",
            "raw aiohttp + json.loads",
            venv,
            "tests.bench.contenders.raw_aiohttp",
            ("async", "concurrent", "concurrent_distinct"),
            APIS,
        ),
        Contender(
            "raw_httpx_aiohttp",
            "raw httpx-aiohttp client + json.loads",
            venv,
            "tests.bench.contenders.raw_httpx_aiohttp",
            ("async", "concurrent"),
            APIS,
        ),
        Contender(
            "opstatus",
            "opstatus without the `fast` extra (its own httpx transport)",
            venv,
            "tests.bench.contenders.opstatus_default",
            ("sync", "async", "concurrent", "concurrent_distinct"),
            APIS,
        ),
        Contender(
            "opstatus_fast",
            "opstatus with `opstatus[fast]` installed (aiohttp, chosen by itself)",
            venv,
            "tests.bench.contenders.opstatus_fast",
            ("async", "concurrent", "concurrent_distinct"),
            APIS,
        ),
    ]
    if peers_python is not None:
        found += [
            Contender(
                "azure_mgmt_monitor",
                "azure-mgmt-monitor 6.0.2 (sync: requests, aio: aiohttp)",
                peers_python,
                "tests.bench.peers.azure_monitor",
                ("sync", "async", "concurrent", "concurrent_distinct"),
                ("monitor",),
            ),
            Contender(
                "msgraph_sdk",
                "msgraph-sdk (async, httpx + kiota)",
                peers_python,
                "tests.bench.peers.msgraph_graph",
                ("async", "concurrent"),
                ("graph_billing",),
            ),
        ]
    return found


def _mode_settings(config: Config) -> dict[str, ModeSettings]:
    if config.quick:
        return {
            "sync": ModeSettings(calls=5, warmup=1, budget_s=2.0),
            "async": ModeSettings(calls=5, warmup=1, budget_s=2.0),
            "concurrent": ModeSettings(calls=20, warmup=1, budget_s=2.0, in_flight=10),
            "concurrent_distinct": _distinct(
                ModeSettings(calls=20, warmup=1, budget_s=2.0, in_flight=10), 50, pairs=1
            ),
        }
    # Concurrency: monitor for everyone; graph_billing too when msgraph-sdk (a Graph-only peer) runs.
    concurrent_apis = ("monitor", "graph_billing") if config.peers_python else ("monitor",)
    return {
        "sync": ModeSettings(calls=1000, warmup=100, budget_s=3.0),
        "async": ModeSettings(calls=600, warmup=100, budget_s=3.0),
        "concurrent": ModeSettings(
            calls=4000, warmup=200, budget_s=2.5, in_flight=1000, apis=concurrent_apis
        ),
        # 4 pairs of blocks of 2,500 reads (or 2.5 s) each way, in one process (see _distinct); a slower
        # contender's block ends at the budget, with its 1,000 reads in flight still to finish
        "concurrent_distinct": _distinct(
            ModeSettings(calls=2500, warmup=200, budget_s=2.5, in_flight=1000), 10_000, pairs=4
        ),
    }


def _distinct(settings: ModeSettings, operations: int, *, pairs: int) -> ModeSettings:
    """Section 4's distinct-operations row: monitor, each read a different operation URL, cycling.

    Timed in ``pairs`` pairs of blocks, distinct and repeated reads alternating in one process
    (loops.time_async_paired): two processes of one program differ by several per cent in CPU per
    call here (2026-12-07: a contender's distinct / repeated ratio came out 0.82x in one run and 1.24x
    in the next when each row ran in its own process), more than the goal's 10 %.
    """
    return dataclasses.replace(
        settings, apis=("monitor",), distinct=operations, paired=pairs, contender_mode="concurrent"
    )


def _profile_targets(config: Config, server: str) -> list[tuple[str, list[str]]]:
    """(label, argv) of the processes py-spy samples: the async concurrency runs and one sync run."""
    n = "40" if config.quick else "6000"
    budget = "0.3" if config.quick else "4"
    in_flight = "10" if config.quick else "1000"

    def argv(python: Path, module: str, mode: str) -> list[str]:
        return [
            str(python),
            "-m",
            module,
            "--mode",
            mode,
            "--apis",
            "monitor",
            "--server",
            server,
            "--calls",
            n,
            "--warmup",
            "10",
            "--budget",
            budget,
            "--in-flight",
            in_flight,
        ]

    targets = [
        (
            "opstatus async, 1,000 in flight (default transport)",
            argv(VENV_PYTHON, "tests.bench.contenders.opstatus_default", "concurrent"),
        ),
        (
            "opstatus async, 1,000 in flight (`fast`: aiohttp)",
            argv(VENV_PYTHON, "tests.bench.contenders.opstatus_fast", "concurrent"),
        ),
        (
            "raw httpx async, 1,000 in flight",
            argv(VENV_PYTHON, "tests.bench.contenders.raw_httpx", "concurrent"),
        ),
        ("opstatus sync, sequential", argv(VENV_PYTHON, "tests.bench.contenders.opstatus_default", "sync")),
    ]
    if config.peers_python is not None:
        targets.append(
            (
                "azure-mgmt-monitor aio, 1,000 in flight",
                argv(config.peers_python, "tests.bench.peers.azure_monitor", "concurrent"),
            )
        )
    return targets


def _profiles(config: Config, server: str, scratch: Path) -> dict[str, Any]:
    from tests.bench.profiles import record, summarise

    if config.tools_python is None:
        raise RuntimeError("no --tools-python: py-spy lives in .bench-tools (make bench creates it)")
    py_spy = config.tools_python.parent / "py-spy"
    out: dict[str, Any] = {}
    for index, (label, argv) in enumerate(_profile_targets(config, server)):
        summary = summarise(record(py_spy=py_spy, argv=argv, output=scratch / f"profile-{index}.txt"))
        out[label] = vars(summary)
    return out


def run_bench(config: Config) -> dict[str, Any]:
    """`make bench`: every opstatus figure against raw baselines (no peer SDKs)."""
    results: dict[str, Any] = {"kind": "bench", "quick": config.quick, "machine": machine.describe()}
    results["versions"] = machine.versions(VENV_PYTHON, KEY_DISTRIBUTIONS)
    rounds = config.rounds
    with tempfile.TemporaryDirectory(prefix="opstatus-bench-") as tmp, running_responder() as server:
        scratch = Path(tmp)
        results["server"] = "tests.bench.responder (raw asyncio HTTP/1.1 responder, own process)"
        fp = _section(results, "footprint", lambda: _footprint(scratch))
        fresh_python = Path(fp["python"]) if fp else None
        _section(results, "imports", lambda: _imports(config, server, fresh_python))
        _section(
            results,
            "calls",
            lambda: calls.run_rounds(
                _contenders(None), server=server, rounds=rounds, settings=_mode_settings(config), log=_log
            ).to_json(),
        )
        _section(results, "profiles", lambda: _profiles(config, server, scratch))
        _section(
            results,
            "server_cost",
            lambda: server_cost.measure(
                responder=server, rounds=1 if config.quick else 5, calls=5 if config.quick else 300
            ),
        )
        _section(
            results,
            "clients",
            lambda: clients_cost.measure(
                VENV_PYTHON, startup_python=fresh_python or VENV_PYTHON, server=server, quick=config.quick
            ),
        )
        _section(results, "waiting", lambda: waiting.measure(seeds=3 if config.quick else 25))
        # About a minute per contender: one round (issue 22's section; its own responders).
        _section(results, "many", lambda: many.measure(quick=config.quick, rounds=1, log=_log))
        _section(
            results,
            "generate",
            lambda: generate_time.measure(rounds=1 if config.quick else 3, command=config.generate_command),
        )
        if fp:
            fp.pop("python", None)
    results["machine"]["loadavg_end"] = os.getloadavg()
    return results


def run_peers(config: Config) -> dict[str, Any]:
    """`make bench-peers`: the official SDKs and opstatus, interleaved in the same rounds."""
    if config.peers_python is None:
        raise SystemExit("peers needs --peers-python (make bench-peers creates .bench-peers)")
    results: dict[str, Any] = {"kind": "peers", "quick": config.quick, "machine": machine.describe()}
    results["versions"] = machine.versions(config.peers_python, KEY_DISTRIBUTIONS)
    results["versions_venv"] = machine.versions(VENV_PYTHON, KEY_DISTRIBUTIONS)
    with tempfile.TemporaryDirectory(prefix="opstatus-bench-") as tmp, running_responder() as server:
        scratch = Path(tmp)
        results["server"] = "tests.bench.responder (raw asyncio HTTP/1.1 responder, own process)"
        peers_python = config.peers_python
        _section(
            results,
            "imports",
            lambda: imports.measure(
                imports.peer_variants(peers_python),
                server=server,
                rounds=1 if config.quick else 7,
                warm_up=not config.quick,
            ),
        )
        _section(
            results,
            "calls",
            lambda: calls.run_rounds(
                _contenders(peers_python),
                server=server,
                rounds=config.rounds,
                settings=_mode_settings(config),
                log=_log,
            ).to_json(),
        )
        _section(results, "profiles", lambda: _profiles(config, server, scratch))
        _section(
            results,
            "many",
            lambda: many.measure(quick=config.quick, rounds=1, peers_python=peers_python, log=_log),
        )
        if not config.quick:  # two fresh venvs of the SDKs; same code path as opstatus's footprint
            _section(results, "footprint", lambda: _peer_footprint(scratch))
    results["machine"]["loadavg_end"] = os.getloadavg()
    return results


def _footprint(scratch: Path) -> dict[str, Any]:
    wheel = footprint.build_wheel(scratch / "dist")
    closure = footprint.fresh_venv(scratch / "fresh-venv", [str(wheel)], base_python=VENV_PYTHON)
    return {
        "wheel_name": wheel.name,
        "wheel_bytes": wheel.stat().st_size,
        "wheel_largest": footprint.wheel_largest_files(wheel),
        "closure_bytes": closure.total_bytes,
        "closure_distributions": closure.distributions,
        "python": str(closure.python),
    }


def _peer_footprint(scratch: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, requirement in (
        ("azure-mgmt-monitor==6.0.2 + azure-identity", ["azure-mgmt-monitor==6.0.2", "azure-identity"]),
        ("msgraph-sdk==1.65.0", ["msgraph-sdk==1.65.0"]),
    ):
        closure = footprint.fresh_venv(scratch / f"peer-{len(out)}", requirement, base_python=VENV_PYTHON)
        out[label] = {"closure_bytes": closure.total_bytes, "closure_distributions": closure.distributions}
    return out


def _imports(config: Config, server: str, fresh_python: Path | None) -> dict[str, Any]:
    if fresh_python is None:
        raise RuntimeError("the footprint section failed, so there is no fresh runtime venv to import from")
    result = imports.measure(
        imports.opstatus_variants(fresh_python), server=server, rounds=2 if config.quick else 15
    )
    result["python"] = "fresh venv with only the opstatus wheel and its runtime closure"
    result["importtime_top"] = {
        module: imports.import_profile(fresh_python, module)
        for module in ("opstatus", "opstatus.monitor", "httpx")
    }
    return result


def _write(config: Config, name: str, results: dict[str, Any]) -> Path:
    config.out_dir.mkdir(parents=True, exist_ok=True)
    path = config.out_dir / f"{name}.json"
    path.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    _log(f"wrote {path}")
    return path


def render(config: Config) -> None:
    """BENCHMARKS.md (and the PNG when the tools venv exists) from whatever JSON is in out_dir."""
    loaded: dict[str, dict[str, Any]] = {}
    for name in ("bench", "peers"):
        path = config.out_dir / f"{name}.json"
        if path.exists():
            loaded[name] = json.loads(path.read_text(encoding="utf-8"))
    chart_note = None
    if config.tools_python is not None:
        import subprocess

        done = subprocess.run(
            [str(config.tools_python), "-m", "tests.bench.chart", str(config.out_dir), str(config.chart)],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "MPLBACKEND": "Agg"},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if done.returncode != 0:
            chart_note = f"chart failed: {done.stderr.strip()[-1500:]}"
            _log(chart_note)
        else:
            _log(f"wrote {config.chart}")
    notes_path = Path(__file__).with_name("NOTES.md")
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() else ""
    markdown = render_markdown(loaded, chart=config.chart.name, chart_note=chart_note, notes=notes)
    config.markdown.write_text(markdown, encoding="utf-8")
    _log(f"wrote {config.markdown}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("command", choices=("run", "peers", "report"), nargs="?", default="run")
    parser.add_argument("--quick", action="store_true", help="tiny counts (smoke test); figures mean nothing")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (5; peers 3; quick 1)")
    parser.add_argument("--out-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--tools-python", type=Path, default=None, help=".bench-tools interpreter (py-spy, chart)"
    )
    parser.add_argument("--peers-python", type=Path, default=None, help=".bench-peers interpreter (SDKs)")
    parser.add_argument("--generate-command", default="make --no-print-directory generate")
    parser.add_argument("--markdown", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    parser.add_argument("--chart", type=Path, default=REPO_ROOT / "benchmarks.png")
    parser.add_argument("--no-report", action="store_true", help="only write the JSON")
    args = parser.parse_args(argv)
    config = Config(
        quick=args.quick,
        # bench-peers runs slower SDKs (msgraph-sdk: ~100 calls/s), so fewer rounds keep it under 10 min
        rounds=args.rounds or (1 if args.quick else 3 if args.command == "peers" else 5),
        out_dir=args.out_dir,
        tools_python=args.tools_python,
        peers_python=args.peers_python,
        generate_command=tuple(args.generate_command.split()),
        markdown=args.markdown,
        chart=args.chart,
    )
    if args.command == "run":
        _write(config, "bench", run_bench(config))
    elif args.command == "peers":
        _write(config, "peers", run_peers(config))
    if not args.no_report:
        render(config)


if __name__ == "__main__":
    main()
