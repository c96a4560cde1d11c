"""The fault soak (see ``soak.py``), sized for ``make test``; ``make soak`` runs 10,000 operations.

Besides the two soaks themselves, the judge is tested on made-up waits, so a soak that passes is known
to be able to fail.
"""

from __future__ import annotations

import asyncio

import pytest
from opstatus import (
    DecodeError,
    OperationState,
    PollingPolicy,
    PollingTimeoutError,
    ServiceError,
    TransportError,
)
from opstatus.emulator import FaultKind, LoggedRequest

from .soak import PlannedOp, Script, SoakConfig, SoakReport, WaitResult, judge, read_budget, run_soak
from .virtual_time import AutojumpClock, SkippingClock

SYNC_OPS = 1000
ASYNC_OPS = 1000
_ALL_FAULTS = {kind.value for kind in FaultKind}


def _assert_soak_held(report: SoakReport, config: SoakConfig) -> None:
    summary = "\n".join(report.lines(config))
    assert not report.violations, summary
    assert report.ops == config.ops, summary
    # The soak really soaked: faults at about the planned rate, of every kind, and every scripted ending.
    assert abs(report.fault_rate - config.fault_rate) < 0.05, summary
    assert set(report.faults) == _ALL_FAULTS, summary
    assert {"succeeded", "failed", "canceled", "timeout"} <= set(report.endings), summary
    assert report.max_tries_per_get == config.retry.max_attempts, summary


@pytest.mark.slow
def test_sync_clients_survive_a_thirty_percent_fault_mix() -> None:
    config = SoakConfig(ops=SYNC_OPS, mode="sync", real_time_limit=90)
    _assert_soak_held(run_soak(config), config)


@pytest.mark.slow
def test_async_clients_survive_a_thirty_percent_fault_mix() -> None:
    config = SoakConfig(ops=ASYNC_OPS, mode="async", concurrency=32, real_time_limit=90)
    _assert_soak_held(run_soak(config), config)


# --- the judge can fail ---------------------------------------------------------------------------

_CONFIG = SoakConfig(ops=1, mode="sync")
_PATH = "/v1.0/reports/partners/billing/operations/x"


def _entry(seq: int, status: int | None = 200, fault: FaultKind | None = None) -> LoggedRequest:
    return LoggedRequest(
        seq=seq,
        method="GET",
        path=_PATH,
        query="",
        headers=(),
        status=status,
        api="graph_billing",
        operation_id="x",
        fault=fault.value if fault else None,
        request_id=None,
        at=0.0,
    )


def _wait(
    *,
    script: Script = "succeeded",
    error: Exception | None = None,
    reads: int = 1,
    elapsed: float = 1.0,
    timeout: float = 40.0,
    state: OperationState | None = OperationState.SUCCEEDED,
) -> WaitResult:
    planned = PlannedOp(index=0, api="graph_billing", script=script, running=0.0, timeout=timeout)
    return WaitResult(
        planned=planned,
        status_path=_PATH,
        elapsed=elapsed,
        reads=reads,
        state=state,
        resource=None,
        error=error,
        poller=None,
    )


def test_judge_accepts_a_clean_success() -> None:
    assert judge([_wait()], [_entry(1)], _CONFIG).violations == []


def test_judge_flags_a_wait_that_returned_after_a_failed_request() -> None:
    log = [_entry(1, fault=FaultKind.SERVER_ERROR, status=500)]
    assert judge([_wait(reads=0)], log, _CONFIG).violations


def test_judge_flags_an_exception_outside_the_hierarchy() -> None:
    report = judge([_wait(error=KeyError("status"), reads=0)], [_entry(1)], _CONFIG)
    assert any("unhandled KeyError" in v for v in report.violations)


def test_judge_flags_more_tries_than_the_retry_policy_allows() -> None:
    tries = _CONFIG.retry.max_attempts
    log = [_entry(i, status=503, fault=FaultKind.UNAVAILABLE) for i in range(tries)] + [_entry(tries)]
    assert any("tries" in v for v in judge([_wait()], log, _CONFIG).violations)


def test_judge_flags_giving_up_early_with_time_left() -> None:
    log = [_entry(1, status=500, fault=FaultKind.SERVER_ERROR)]
    error = ServiceError(status_code=500)
    assert any("gave up" in v for v in judge([_wait(error=error, reads=0)], log, _CONFIG).violations)


@pytest.mark.parametrize("fault", [FaultKind.INVALID_JSON, FaultKind.NON_JSON])
def test_judge_flags_giving_up_at_once_on_a_body_that_is_not_json(fault: FaultKind) -> None:
    log = [_entry(1, status=200, fault=fault)]
    error = DecodeError(reason="body is not JSON", where="body", status_code=200)
    assert any("gave up" in v for v in judge([_wait(error=error, reads=0)], log, _CONFIG).violations)


@pytest.mark.parametrize("status", [499, 520])
def test_judge_flags_giving_up_at_once_on_a_gateway_code(status: int) -> None:
    log = [_entry(1, status=status, fault=FaultKind.ODD_STATUS)]
    error = ServiceError(status_code=status)
    assert any("gave up" in v for v in judge([_wait(error=error, reads=0)], log, _CONFIG).violations)


def test_judge_accepts_a_decode_error_once_broken_bodies_used_up_the_retries() -> None:
    log = [_entry(i, status=200, fault=FaultKind.NON_JSON) for i in range(_CONFIG.retry.max_attempts)]
    error = DecodeError(reason="body is not JSON", where="body", status_code=200)
    assert judge([_wait(error=error, reads=0)], log, _CONFIG).violations == []


def test_judge_flags_the_wrong_error_type_for_the_fault() -> None:
    log = [_entry(1, status=None, fault=FaultKind.DROP)] * _CONFIG.retry.max_attempts
    error = ServiceError(status_code=500)
    assert any(
        "expected TransportError" in v for v in judge([_wait(error=error, reads=0)], log, _CONFIG).violations
    )
    assert not judge([_wait(error=TransportError("x"), reads=0)], log, _CONFIG).violations


def test_judge_flags_a_wait_past_its_deadline() -> None:
    late = _CONFIG.request_timeout + 1
    error = PollingTimeoutError(
        timeout=5,
        elapsed=5 + late,
        last_state=None,
        last_raw_status=None,
        resource=None,
        continuation_token="",
    )
    wait = _wait(script="timeout", error=error, elapsed=5 + late, timeout=5, state=OperationState.RUNNING)
    assert any("past its" in v for v in judge([wait], [_entry(1)], _CONFIG).violations)


def test_judge_flags_more_reads_than_the_polling_policy_allows() -> None:
    budget = read_budget(_CONFIG.polling, elapsed=1.0, retry_after=None)
    log = [_entry(i) for i in range(budget + 1)]
    assert any("status reads" in v for v in judge([_wait(reads=budget + 1)], log, _CONFIG).violations)


# --- budgets and clocks ---------------------------------------------------------------------------


def test_read_budget_follows_the_policy_floor() -> None:
    policy = PollingPolicy(min_delay=1.0, max_delay=1.0)
    assert read_budget(policy, elapsed=0.0, retry_after=None) == 2
    assert read_budget(policy, elapsed=10.0, retry_after=None) == 12
    assert read_budget(policy, elapsed=10.0, retry_after=0.1) == 12  # a hint below the floor is clamped


def test_read_budget_grows_with_time_waited() -> None:
    policy = PollingPolicy(min_delay=0.5, max_delay=5.0)
    budgets = [read_budget(policy, elapsed=t, retry_after=None) for t in (0, 1, 10, 100, 1000)]
    assert budgets == sorted(budgets)
    assert budgets[-1] <= 1000 / policy.min_delay + 2


def test_skipping_clock_counts_sleeps_without_sleeping() -> None:
    skipped: list[float] = []
    clock = SkippingClock(on_skip=skipped.append)
    before = clock.now()
    clock.sleep(3600)
    assert 3600 <= clock.now() - before < 3601
    assert skipped == [3600]


def test_autojump_clock_wakes_sleepers_in_time_order() -> None:
    woke: list[tuple[str, float]] = []

    async def scenario() -> list[float]:
        skipped: list[float] = []
        clock = AutojumpClock(on_skip=skipped.append)
        start = clock.now()

        async def nap(name: str, seconds: float) -> None:
            await clock.sleep(seconds)
            woke.append((name, clock.now() - start))

        await asyncio.gather(clock.run(nap("long", 50)), clock.run(nap("short", 20)))
        return skipped

    skipped = asyncio.run(scenario())
    assert [name for name, _ in woke] == ["short", "long"]
    assert 20 <= woke[0][1] < 21
    assert 50 <= woke[1][1] < 51
    assert 49 < sum(skipped) <= 50


def test_autojump_clock_wakes_a_sleeper_on_time_while_others_are_busy() -> None:
    async def scenario() -> float:
        clock = AutojumpClock()
        start = clock.now()
        woke_after: list[float] = []

        async def nap() -> None:
            await clock.sleep(0.05)
            woke_after.append(clock.now() - start)

        async def busy() -> None:
            await asyncio.sleep(0.3)  # real work (an HTTP request, say): time must not jump meanwhile

        await asyncio.gather(clock.run(nap()), clock.run(busy()))
        return woke_after[0]

    assert 0.05 <= asyncio.run(scenario()) < 0.25
