"""benchmarks.png from bench-results/*.json. Run by the .bench-tools interpreter (matplotlib lives there,
never in .venv or the package): `python -m tests.bench.chart bench-results benchmarks.png`.

Six panels: every goal as measured/goal (left of the line = met), calls per second with 1,000 in
flight (one repeated operation, and distinct operations), per-call time (monitor, sync and async
sequential), import time, and section 9's many operations against a read budget: reads (answered
and 429) against what the budget allowed, and detection latency.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from tests.bench.report import API_LABELS, goal_rows

_LABELS = {
    "raw_httpx": "raw httpx",
    "raw_aiohttp": "raw aiohttp",
    "raw_httpx_aiohttp": "raw httpx-aiohttp",
    "opstatus": "opstatus",
    "opstatus_fast": "opstatus + fast (aiohttp)",
    "azure_mgmt_monitor": "azure-mgmt-monitor",
    "msgraph_sdk": "msgraph-sdk",
}
_OURS = {"opstatus", "opstatus_fast"}


def _load(directory: Path) -> dict[str, dict[str, Any]]:
    loaded = {}
    for name in ("bench", "peers"):
        path = directory / f"{name}.json"
        if path.exists():
            loaded[name] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _medians(results: dict[str, Any]) -> dict[str, Any]:
    calls = results.get("calls")
    return calls["medians"] if isinstance(calls, dict) and "medians" in calls else {}


def _colour(key: str) -> str:
    return "#1f77b4" if key in _OURS else "#9e9e9e"


def _goals(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    rows = goal_rows(loaded)
    names, values, colours = [], [], []
    for row in rows:
        if row.target == 0:  # "none at all" goals (429s) have no ratio; the table states them
            continue
        normalised = (
            row.target / row.measured if row.higher_is_better and row.measured else row.measured / row.target
        )
        names.append(row.label if row.label[:2] == f"{row.section}." else f"{row.section}. {row.label}")
        values.append(normalised)
        colours.append("#2e7d32" if row.met else "#c62828")
    shown = [min(v, 3.0) for v in values]
    ax.barh(range(len(values)), shown, color=colours)
    for i, value in enumerate(values):
        ax.text(shown[i], i, f" {value:.2f}", va="center", fontsize=7)
    ax.set_xlim(0, 3.4)
    ax.set_yticks(range(len(values)), names, fontsize=7)
    ax.invert_yaxis()
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_xlabel("measured / goal (≤ 1 is met; 'at least' goals: goal / measured; bars cut at 3)")
    ax.set_title("Goals (green met, red missed)")


def _concurrency(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    source = (
        loaded.get("peers")
        if _medians(loaded.get("peers", {})).get("concurrent")
        else loaded.get("bench", {})
    )
    medians = _medians(source or {})
    bars = []
    for mode, suffix in (("concurrent", ""), ("concurrent_distinct", ", distinct ops")):
        for key, by_api in medians.get(mode, {}).items():
            for api, m in by_api.items():
                bars.append((f"{_LABELS.get(key, key)} · {api}{suffix}", m["calls_per_s"], key))
    bars.sort(key=lambda b: b[1])
    ax.barh([b[0] for b in bars], [b[1] for b in bars], color=[_colour(b[2]) for b in bars])
    ax.set_xscale("log")
    ax.tick_params(axis="y", labelsize=7)
    for i, bar in enumerate(bars):
        ax.text(bar[1], i, f" {bar[1]:,.0f}", va="center", fontsize=7)
    run = "make bench-peers" if source is loaded.get("peers") else "make bench"
    ax.set_title(f"Async, 1,000 in flight: calls/s (log scale; {run})")


def _per_call(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    source = loaded.get("peers") if _medians(loaded.get("peers", {})) else loaded.get("bench", {})
    med = _medians(source or {})
    bars = []
    for mode in ("sync", "async"):
        for key, by_api in med.get(mode, {}).items():
            m = by_api.get("monitor")
            if m:
                bars.append((f"{mode}: {_LABELS.get(key, key)}", m["wall_us"], key))
    ax.barh([b[0] for b in bars], [b[1] for b in bars], color=[_colour(b[2]) for b in bars])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    for i, bar in enumerate(bars):
        ax.text(bar[1], i, f" {bar[1]:,.0f}", va="center", fontsize=7)
    ax.set_xlabel("wall µs per call (lower is better)")
    ax.set_title(f"Sequential per call, {API_LABELS['monitor']}")


def _imports(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    bars = []
    for name in ("bench", "peers"):
        section = loaded.get(name, {}).get("imports")
        if isinstance(section, dict) and "median_ms" in section:
            for label, ms in section["median_ms"].items():
                key = "opstatus" if "opstatus" in label else label
                bars.append((label, ms, key))
    ax.barh([b[0] for b in bars], [b[1] for b in bars], color=[_colour(b[2]) for b in bars])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    for i, bar in enumerate(bars):
        ax.text(bar[1], i, f" {bar[1]:,.0f}", va="center", fontsize=7)
    ax.set_xlabel("ms in a fresh process (lower is better)")
    ax.set_title("Import (and import + first call)")


def _many(loaded: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    for name in ("peers", "bench"):
        section = loaded.get(name, {}).get("many")
        if isinstance(section, dict) and "medians" in section:
            return name, section
    return None


def _many_reads(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    found = _many(loaded)
    if found is None:
        ax.set_title("9. Many operations: not measured")
        return
    run, many = found
    labels = many["contenders"]
    keys = list(many["medians"])
    figures = [many["medians"][k] for k in keys]
    names = [labels.get(k, k).replace("`", "") for k in keys]
    answered = [f["reads"] - f["throttled"] for f in figures]
    throttled = [f["throttled"] for f in figures]
    colours = [_colour("opstatus" if k.startswith(("set", "gather")) else k) for k in keys]
    ax.barh(names, answered, color=colours, label="answered")
    ax.barh(names, throttled, left=answered, color="#c62828", label="429")
    for i, f in enumerate(figures):
        ax.plot([f["allowed"], f["allowed"]], [i - 0.4, i + 0.4], color="black", linewidth=1.5)
        ax.text(
            f["reads"],
            i,
            f" {f['reads_over_allowed']:.2f}x allowed, {f['peak_rss_mb']:.0f} MB",
            va="center",
            fontsize=7,
        )
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    ax.legend(fontsize=7, loc="lower right")
    s = many["settings"]
    ax.set_xlabel("status reads (black tick: what the budget allowed over the run)")
    ax.set_title(
        f"9. {s['operations']:,} operations, bucket {s['bucket_size']:,} / {s['refill_per_s']:g} per s "
        f"(make {'bench-peers' if run == 'peers' else 'bench'})"
    )


def _many_latency(ax: Any, loaded: dict[str, dict[str, Any]]) -> None:
    found = _many(loaded)
    if found is None:
        ax.set_title("9. Detection latency: not measured")
        return
    _, many = found
    labels = many["contenders"]
    rows = [(k, f) for k, f in many["medians"].items() if f.get("net_latency_p99_s") is not None]
    names = [labels.get(k, k).replace("`", "") for k, _ in rows]
    y = range(len(rows))
    ax.barh(
        [i - 0.2 for i in y],
        [f["net_latency_p99_s"] for _, f in rows],
        height=0.4,
        color="#1f77b4",
        label="net p99",
    )
    ax.barh(
        [i + 0.2 for i in y],
        [f["latency_p99_s"] for _, f in rows],
        height=0.4,
        color="#9e9e9e",
        label="raw p99",
    )
    ax.axvline(many["settings"]["interval_s"], color="black", linewidth=1)
    ax.set_yticks(list(y), names, fontsize=7)
    ax.invert_yaxis()
    ax.legend(fontsize=7, loc="lower right")
    ax.set_xlabel("seconds from completion to report (net: less the budget's hold); line: polling interval")
    ax.set_title("9. Detection latency, p99")


def main(argv: list[str]) -> None:
    directory, output = Path(argv[0]), Path(argv[1])
    loaded = _load(directory)
    fig, axes = plt.subplots(3, 2, figsize=(16, 14))
    _goals(axes[0][0], loaded)
    _concurrency(axes[0][1], loaded)
    _per_call(axes[1][0], loaded)
    _imports(axes[1][1], loaded)
    _many_reads(axes[2][0], loaded)
    _many_latency(axes[2][1], loaded)
    machine = (loaded.get("peers") or loaded.get("bench") or {}).get("machine", {})
    fig.suptitle(
        f"opstatus benchmarks — {machine.get('nproc', '?')} cores {machine.get('cpu_model', '')}, "
        f"Python {machine.get('python', '?')}, 127.0.0.1 raw responder (blue: opstatus)"
    )
    fig.tight_layout()
    fig.savefig(output, dpi=90)


if __name__ == "__main__":
    main(sys.argv[1:])
