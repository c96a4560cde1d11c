"""Issue 22's bench parts compute what they claim: the budget-limited responder, the section's
arithmetic, the distinct-operations ids and the goal rows. No timing is looked at."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.bench.calls import paired_mode
from tests.bench.loops import time_async_paired
from tests.bench.many import FULL, ManySettings, measure_run, percentile
from tests.bench.many_plan import ManyPlan
from tests.bench.processes import running_responder
from tests.bench.report_many import distinct_over_repeated, many_goal_rows, many_section
from tests.bench.targets import (
    MONITOR_OPERATION,
    many_operation_id,
    many_operation_index,
    monitor_operation_ids,
    raw_url,
)


def test_budget_responder_counts_reads_throttles_when_empty_and_finishes_operations_on_plan() -> None:
    args = ("--read-budget", "3/0.5", "--many", "2,0,0")
    with running_responder(args=args) as server, httpx.Client() as client:
        url = raw_url(server, "monitor", many_operation_id(1))
        answers = [client.get(url) for _ in range(4)]
        stats = client.get(f"{server}/_bench/stats").json()
    remaining = [a.headers["x-ms-ratelimit-remaining-subscription-reads"] for a in answers]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert remaining == ["2", "1", "0", "0"]
    assert answers[3].headers["Retry-After"] == "2"  # one token back at 0.5 a second
    assert answers[0].json()["status"] == "Succeeded"  # the plan finished it at 0 s
    assert stats["answered"] == 3
    assert stats["throttled"] == 1
    assert stats["first_done"][0] is None
    assert stats["first_done"][1] is not None


def test_many_plan_spreads_completions_over_its_window_in_an_order_unrelated_to_the_ids() -> None:
    plan = ManyPlan(operations=10_000, first_s=5.0, last_s=50.0)
    times = sorted(plan.finish_after(i) for i in range(10_000))
    assert times[0] == 5.0
    assert times[-1] == 50.0
    assert len(set(times)) == 10_000
    assert [plan.finish_after(i) for i in range(3)] != sorted(plan.finish_after(i) for i in range(3))
    assert ManyPlan.parse(plan.to_arg()) == plan


def test_operation_ids_round_trip_and_the_distinct_row_cycles_through_distinct_urls() -> None:
    assert many_operation_index(many_operation_id(9_999)) == 9_999
    assert many_operation_index(MONITOR_OPERATION) is None
    assert monitor_operation_ids(0) == [MONITOR_OPERATION]
    ids = monitor_operation_ids(10_000)
    assert len(set(ids)) == 10_000
    assert raw_url("http://127.0.0.1:1", "monitor", ids[5]).count(ids[5]) == 1


def test_a_run_is_measured_against_what_the_bucket_allowed_and_net_of_the_budgets_hold() -> None:
    settings = ManySettings(4, 0.0, 3.0, interval_s=1.0, bucket_size=10, refill_per_s=1.0, timeout_s=9)
    started = 100.0
    finish = [started + settings.plan.finish_after(i) for i in range(4)]
    first_done = [finish[0] + 0.5, finish[1] + 0.5, finish[2] + 0.5, None]
    server: dict[str, Any] = {
        "started": started,
        "last": started + 10.0,
        "answered": 15,
        "throttled": 5,
        "first_done": first_done,
    }
    client: dict[str, Any] = {
        "detected": [[0, finish[0] + 4.0], [1, finish[1] + 0.7]],
        "gave_up": {"ThrottledError": 2},
        "wall_s": 11.0,
        "cpu_s": 2.0,
        "peak_rss_mb": 50.0,
    }
    run = measure_run(settings, client, server)
    assert run["reads"] == 20
    assert run["throttled"] == 5
    assert run["allowed"] == 20.0
    assert run["reads_over_allowed"] == 1.0
    assert run["gave_up"] == 2
    assert run["detected"] == 2
    # op 0 finished with all 4 waiting: fair interval 4 s, hold 3 s; op 1 (finish[1]) with fewer
    waiting_at_1 = sum(1 for t in first_done if t is None or t > finish[1])
    holds = [3.0, max(0.0, waiting_at_1 / 1.0 - 1.0)]
    assert run["latency_p99_s"] == pytest.approx(4.0)
    assert run["net_latency_max_s"] == pytest.approx(max(4.0 - holds[0], 0.7 - holds[1]))


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 0.5) is None
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([float(i) for i in range(1, 101)], 0.99) == 99.0


def _many_results(throttled: int, rss: float) -> dict[str, Any]:
    figures = {
        "reads": 1000, "throttled": throttled, "allowed": 1000.0, "reads_over_allowed": 1.0,
        "gave_up": 0, "gave_up_by": {}, "latency_p50_s": 2.0, "latency_p99_s": 9.0,
        "net_latency_p50_s": 1.0, "net_latency_p99_s": 4.0, "wall_s": 60.0, "cpu_s": 9.0,
        "peak_rss_mb": rss,
    }  # fmt: skip
    settings = {**vars(FULL)}
    return {"settings": settings, "rounds": 1, "contenders": {"set": "the set"}, "medians": {"set": figures}}


def test_many_goal_rows_hold_the_set_to_zero_429s_125x_reads_100_mb_and_one_interval() -> None:
    rows = {r.short or r.what: r for r in many_goal_rows({"bench": {"many": _many_results(0, 60.0)}})}
    assert all(r.met for r in rows.values())
    missed = many_goal_rows({"bench": {"many": _many_results(7, 130.0)}})
    verdicts = {r.unit: r.verdict for r in missed}
    assert verdicts["429s"] == "missed: 7 429s"
    assert verdicts["MB"] == "missed by 30 %"
    assert "| the set | 1,000 | 7 | 1.00x |" in many_section({"bench": {"many": _many_results(7, 130.0)}})


def test_distinct_over_repeated_pairs_the_two_rows_round_by_round() -> None:
    def sample(cpu_s: float) -> dict[str, float]:
        return {"calls": 100, "wall_s": 1.0, "cpu_s": cpu_s}

    results = {
        "calls": {
            "samples": {
                "concurrent": {"opstatus": {"monitor": [sample(1.0), sample(2.0), sample(1.0)]}},
                "concurrent_distinct": {"opstatus": {"monitor": [sample(1.1), sample(2.6), sample(1.2)]}},
            }
        }
    }
    assert distinct_over_repeated(results, "opstatus") == pytest.approx(1.2)
    assert distinct_over_repeated(results, "opstatus", "wall_us") == pytest.approx(1.0)
    assert distinct_over_repeated(results, "raw_aiohttp") is None


def test_distinct_over_repeated_takes_a_paired_run_s_repeated_blocks_from_the_same_process() -> None:
    def sample(cpu_s: float) -> dict[str, float]:
        return {"calls": 100, "wall_s": 1.0, "cpu_s": cpu_s}

    results = {
        "calls": {
            "samples": {
                "concurrent": {"opstatus": {"monitor": [sample(9.0), sample(9.0), sample(9.0)]}},
                "concurrent_distinct": {"opstatus": {"monitor": [sample(1.1), sample(2.6), sample(1.2)]}},
                paired_mode("concurrent_distinct"): {
                    "opstatus": {"monitor": [sample(1.0), sample(2.0), sample(1.0)]}
                },
            }
        }
    }
    assert distinct_over_repeated(results, "opstatus") == pytest.approx(1.2)


def test_a_paired_timing_alternates_distinct_and_repeated_blocks_and_sums_each_side() -> None:
    blocks: list[bool] = []
    made = {True: 0, False: 0}

    async def call() -> object:
        made[blocks[-1]] += 1
        await asyncio.sleep(0)
        return None

    distinct, repeated = asyncio.run(
        time_async_paired(call, switch=blocks.append, pairs=2, in_flight=3, calls=6, warmup=2, budget_s=60.0)
    )
    # warm-up each way, then pairs whose first block alternates, then back to distinct operations
    assert blocks == [True, False, True, False, False, True, True]
    assert made == {True: 2 + 2 * 6, False: 2 + 2 * 6}
    assert (distinct.calls, repeated.calls) == (12, 12)
    assert repeated.wall_s > 0
