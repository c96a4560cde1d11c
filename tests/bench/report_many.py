"""Issue 22's parts of BENCHMARKS.md: section 4's distinct-operations row and section 9 (stdlib only).

Kept apart from report.py (which calls in here) so that module stays about the sections it had; the
goal rows these add go into the same goals table and chart.
"""

from __future__ import annotations

import statistics
from typing import Any

from tests.bench.calls import paired_mode
from tests.bench.report import GoalRow, _median, _missing, _ok, _ratio, _table

DISTINCT_MODE = "concurrent_distinct"
# Contenders with a distinct-operations row, in the order shown.
DISTINCT_KEYS = ("opstatus", "opstatus_fast", "raw_aiohttp", "azure_mgmt_monitor")


def distinct_over_repeated(results: dict[str, Any], key: str, metric: str = "cpu_us") -> float | None:
    """Per read, distinct operations / one repeated operation, for one contender (monitor).

    A paired run (calls.paired_mode: distinct and repeated blocks alternating in one process) gives
    each round's ratio from one process; the median over rounds. Results of older runs, with each row
    in its own process, pair the two rows round by round (the ratio of the medians where they do not).
    """
    calls = results.get("calls")
    if not _ok(calls):
        return None
    samples = calls.get("samples", {})
    distinct = samples.get(DISTINCT_MODE, {}).get(key, {}).get("monitor")
    repeated = samples.get(paired_mode(DISTINCT_MODE), {}).get(key, {}).get("monitor")
    if not repeated:
        repeated = samples.get("concurrent", {}).get(key, {}).get("monitor")
    if not distinct or not repeated:
        return None
    seconds = "cpu_s" if metric == "cpu_us" else "wall_s"
    per_read = [s[seconds] / s["calls"] for s in distinct], [s[seconds] / s["calls"] for s in repeated]
    if len(distinct) == len(repeated):
        return float(statistics.median(a / b for a, b in zip(*per_read, strict=True)))
    return float(statistics.median(per_read[0]) / statistics.median(per_read[1]))


def distinct_goal_rows(loaded: dict[str, dict[str, Any]]) -> list[GoalRow]:
    """Issue 22: distinct reads cost <= 1.10x repeated ones; `fast` >= 0.75x raw aiohttp and >= 2x
    azure-mgmt-monitor aio on the distinct row (the repeated row's goals are in report.goal_rows)."""
    rows: list[GoalRow] = []
    bench, peers = loaded.get("bench", {}), loaded.get("peers", {})
    for key in ("opstatus", "opstatus_fast"):
        ratio = distinct_over_repeated(bench, key)
        if ratio is not None:
            rows.append(
                GoalRow(
                    "4",
                    f"CPU per read, 1,000 in flight: distinct operations / one repeated ({key}, monitor)",
                    ratio,
                    1.10,
                    "x",
                    short=f"4. distinct / repeated per read: {key}",
                )
            )
    ratio = _ratio(bench, DISTINCT_MODE, "opstatus_fast", "raw_aiohttp", "monitor", "calls_per_s")
    if ratio is not None:
        rows.append(
            GoalRow(
                "4",
                "calls/s, 1,000 in flight, distinct operations: opstatus with `fast` / raw aiohttp (monitor)",
                ratio,
                0.75,
                "x",
                higher_is_better=True,
                short="4. distinct ops calls/s: opstatus_fast / raw_aiohttp",
            )
        )
    versus = _ratio(peers, DISTINCT_MODE, "opstatus_fast", "azure_mgmt_monitor", "monitor", "calls_per_s")
    if versus is not None:
        rows.append(
            GoalRow(
                "4",
                "calls/s, 1,000 in flight, distinct operations: opstatus_fast / azure-mgmt-monitor aio",
                versus,
                2.0,
                "x",
                higher_is_better=True,
                short="4. distinct ops calls/s vs azure aio",
            )
        )
    return rows


def distinct_section(results: dict[str, Any], run: str) -> str:
    """Section 4's distinct-operations table for one run's results (`make bench` or peers)."""
    calls = results.get("calls")
    if not _ok(calls) or not calls["medians"].get(DISTINCT_MODE):
        return _missing("distinct-operations", None, f"run `{run}`")
    settings = calls["settings"].get(DISTINCT_MODE, {})
    labels = calls["contenders"]
    rows = []
    for key in DISTINCT_KEYS:
        repeated = _median(results, "concurrent", key, "monitor")
        distinct = _median(results, DISTINCT_MODE, key, "monitor")
        if not repeated or not distinct:
            continue
        cpu = distinct_over_repeated(results, key, "cpu_us")
        wall = distinct_over_repeated(results, key, "wall_us")
        rows.append(
            [
                labels.get(key, key),
                f"{repeated['calls_per_s']:,.0f}",
                f"{distinct['calls_per_s']:,.0f}",
                f"{repeated['cpu_us']:,.0f}",
                f"{distinct['cpu_us']:,.0f}",
                "—" if cpu is None else f"{cpu:.2f}x",
                "—" if wall is None else f"{wall:.2f}x",
            ]
        )
    if settings.get("paired"):
        how = (
            f"Each contender process alternates {settings['paired']} pairs of blocks, one of distinct reads "
            f"and one of reads of the one repeated operation ({settings.get('calls', 0):,} reads or "
            f"{settings.get('budget_s', 0):g} s a block, {settings.get('in_flight', 0):,} in flight), so "
            "both sides of a ratio come from one process seconds apart: two processes of one program "
            "differ by more than the 10 % measured here. The distinct columns are the distinct blocks; "
            "the repeated ones are the repeated row above. Ratios are distinct / repeated per read within "
            "each process, the median over rounds (CPU: the client process's CPU per call).\n"
        )
    else:
        how = (
            "Both rows run in the same rounds, each in its own process. Ratios are distinct / repeated "
            "per read, paired per round (CPU: the client process's CPU per call).\n"
        )
    text = (
        f"\n**Distinct operations** ({run}). The rows above read one operation URL over and over; a process "
        f"waiting on many operations reads a different one each time. Here each read takes the next of "
        f"{settings.get('distinct', 0):,} distinct operation ids (monitor, cycling; the raw baseline "
        "holds their URLs as strings, built once). " + how
    )
    header = [
        "client",
        "calls/s repeated",
        "calls/s distinct",
        "CPU µs/call repeated",
        "CPU µs/call distinct",
        "CPU per read distinct / repeated",
        "wall per read distinct / repeated",
    ]
    return text + _table(header, rows) + "\n"


# --- section 9 ----------------------------------------------------------------------------------------


def _many(loaded: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """(run name, section) of the many-operations figures: peers' run when it has them (all four
    contenders in one run), else `make bench`'s."""
    for name in ("peers", "bench"):
        section = loaded.get(name, {}).get("many")
        if _ok(section):
            return name, section
    return None


def many_goal_rows(loaded: dict[str, dict[str, Any]]) -> list[GoalRow]:
    """Issue 22's goals for the set, without and with the `fast` extra."""
    found = _many(loaded)
    if found is None:
        return []
    _, many = found
    rows: list[GoalRow] = []
    for key, name in (("set", "`AsyncOperationSet`"), ("set_fast", "`AsyncOperationSet` + `fast`")):
        figures = many["medians"].get(key)
        if figures:
            rows += _set_goals(many["settings"], key, name, figures)
    return rows


def _set_goals(settings: dict[str, Any], key: str, name: str, figures: dict[str, Any]) -> list[GoalRow]:
    n, interval = settings["operations"], settings["interval_s"]
    rows = [
        GoalRow("9", f"{n:,} operations, {name}: 429s", figures["throttled"], 0, "429s"),
        GoalRow(
            "9",
            f"{n:,} operations, {name}: reads / reads the budget allowed",
            figures["reads_over_allowed"],
            1.25,
            "x",
            short=f"9. {key} reads / allowed",
        ),
        GoalRow(
            "9",
            f"{n:,} operations, {name}: peak RSS of the process",
            figures["peak_rss_mb"],
            100,
            "MB",
            short=f"9. {key} peak RSS, MB",
        ),
    ]
    if figures.get("net_latency_p99_s") is not None:
        rows.append(
            GoalRow(
                "9",
                f"{n:,} operations, {name}: p99 detection latency net of the budget's hold "
                f"(goal: one polling interval, {interval:g} s)",
                figures["net_latency_p99_s"],
                interval,
                "s",
                short=f"9. {key} p99 net detection latency, s",
            )
        )
    return rows


def many_section(loaded: dict[str, dict[str, Any]]) -> str:
    out = ["\n## 9. Many operations against a read budget\n"]
    found = _many(loaded)
    if found is None:
        section = loaded.get("bench", {}).get("many") or loaded.get("peers", {}).get("many")
        return "".join(out) + _missing("many-operations", section, "run `make bench`")
    run, many = found
    s = many["settings"]
    out.append(
        f"From `make {'bench-peers' if run == 'peers' else 'bench'}`, {many['rounds']} round(s), "
        "contenders in a shuffled order, each in a fresh process against the same server, reset (full "
        "bucket, nothing counted, the plan's clock restarted) before each. "
        f"{s['operations']:,} distinct monitor operations of one subscription, finishing spread evenly "
        f"over {s['first_s']:g}-{s['last_s']:g} s after the server's first read (in an order unrelated to "
        "the order they were added). The server is the bench responder with ARM's read rule, by the "
        "emulator's own bucket arithmetic (`opstatus.emulator._budget.ReadBuckets`): one token bucket for "
        "the subscription, the remaining reads in `x-ms-ratelimit-remaining-subscription-reads` on every "
        "answer, 429 + `Retry-After` when empty, a throttled read takes no token. The bucket is scaled so "
        f"a run takes about a minute: {s['bucket_size']:,} reads, refilled at {s['refill_per_s']:g} a "
        "second (ARM: 250 and 25). Every contender polls each operation at the same fixed interval, "
        f"{s['interval_s']:g} s (opstatus: `PollingPolicy(min_delay={s['interval_s']:g}, "
        f"max_delay={s['interval_s']:g})`, default jitter; azure-mgmt-monitor: `asyncio.sleep` of the "
        "answer's `Retry-After` or that interval), for fairness.\n\n"
        "- *reads*: status GETs the server received, 429s included; *allowed*: what the bucket let "
        "through over the run (size + refill x time from the first read to the last).\n"
        "- *detection latency* of an operation: when the client reported it done minus when it finished "
        "at the server (one monotonic clock for both processes).\n"
        "- *net of the budget's hold*: with W operations not yet read as done when one finishes, no "
        f"schedule within the budget reads each of them more often than every W / {s['refill_per_s']:g} "
        "s, so the part of that fair round-robin interval beyond the polling interval is the budget's "
        'hold, and is subtracted. "Detected within one polling interval of when the budget permits" '
        f"is a net latency ≤ {s['interval_s']:g} s. Waits that gave up (the error they ended with is "
        "counted) have no latency.\n"
    )
    labels = many["contenders"]
    rows = []
    for key, figures in many["medians"].items():
        p50, p99 = figures.get("latency_p50_s"), figures.get("latency_p99_s")
        n50, n99 = figures.get("net_latency_p50_s"), figures.get("net_latency_p99_s")
        rows.append(
            [
                labels.get(key, key),
                f"{figures['reads']:,.0f}",
                f"{figures['throttled']:,.0f}",
                f"{figures['reads_over_allowed']:.2f}x",
                f"{figures['gave_up']:,.0f}",
                "—" if p50 is None else f"{p50:.1f} / {p99:.1f}",
                "—" if n50 is None else f"{n50:.1f} / {n99:.1f}",
                f"{figures['wall_s']:.1f}",
                f"{figures['cpu_s']:.1f}",
                f"{figures['peak_rss_mb']:.0f}",
            ]
        )
    header = [
        "contender",
        "reads",
        "429s",
        "reads / allowed",
        "waits that gave up",
        "latency p50 / p99, s",
        "net latency p50 / p99, s",
        "wall s",
        "client CPU s",
        "peak RSS MB",
    ]
    out.append(_table(header, rows) + "\n")
    reasons = {
        key: figures.get("gave_up_by")
        for key, figures in many["medians"].items()
        if figures.get("gave_up_by")
    }
    if reasons:
        listed = "; ".join(
            f"{labels.get(key, key)}: " + ", ".join(f"{n:,} `{error}`" for error, n in by.items())
            for key, by in reasons.items()
        )
        out.append(f"\nWaits that gave up, by the error they ended with: {listed}.\n")
    return "".join(out)


__all__ = [
    "DISTINCT_MODE",
    "distinct_goal_rows",
    "distinct_over_repeated",
    "distinct_section",
    "many_goal_rows",
    "many_section",
]
