"""ScopeBudget and ReadBudget: one scope's read budget, sans-IO, on a virtual clock (plain numbers)."""

from __future__ import annotations

import math

import pytest
from opstatus._budget import (
    ARM_READ_BUDGET,
    NO_READ_BUDGET,
    ReadBudget,
    ScopeBudget,
    read_budget_of,
    remaining_reads,
)


def test_an_unannounced_scope_without_a_rate_never_holds_a_read() -> None:
    budget = ScopeBudget(announced=False)
    for _ in range(100):
        assert budget.wait(0.0) == 0.0
        budget.sent(0.0)
    assert budget.in_flight == 100


def test_an_announced_scope_sends_one_probe_alone_until_the_first_answer() -> None:
    budget = ScopeBudget(announced=True)
    assert budget.wait(0.0) == 0.0
    budget.sent(0.0)
    assert math.isinf(budget.wait(0.0))
    budget.answered(0.1, remaining=10)
    assert budget.remaining == 10
    assert budget.wait(0.1) == 0.0


def test_reads_stop_at_the_reserve_until_an_answer_says_more() -> None:
    budget = ScopeBudget(announced=True, reserve=1)
    budget.sent(0.0)
    budget.answered(0.0, remaining=5)
    sent = 0
    while budget.wait(0.0) == 0.0:
        budget.sent(0.0)
        sent += 1
    assert sent == 4  # 5 left, one kept in reserve
    assert math.isinf(budget.wait(0.0))  # reads in flight will answer


def test_an_answer_is_lowered_by_the_reads_still_in_flight() -> None:
    budget = ScopeBudget(announced=True)
    budget.sent(0.0)
    budget.answered(0.0, remaining=50)
    for _ in range(3):
        budget.sent(0.0)
    budget.answered(0.1, remaining=49)  # the two others may not be counted in it yet
    assert budget.remaining == 47


def test_at_the_reserve_with_nothing_in_flight_one_probe_goes_per_interval() -> None:
    budget = ScopeBudget(announced=True, reserve=1, probe_interval=2.0)
    budget.sent(0.0)
    budget.answered(0.0, remaining=1)
    assert budget.wait(0.0) == 0.0  # the first probe
    budget.sent(0.0)
    assert math.isinf(budget.wait(0.5))
    budget.answered(0.5, remaining=0)  # the bucket did not refill yet
    assert budget.wait(0.5) == pytest.approx(1.5)
    assert budget.wait(2.0) == 0.0
    budget.sent(2.0)
    budget.answered(2.1, remaining=40)  # refilled: spend again
    assert budget.wait(2.1) == 0.0


def test_a_throttle_pauses_the_scope_for_its_retry_after() -> None:
    budget = ScopeBudget(announced=False)
    budget.throttled(10.0, retry_after=7.0)
    assert budget.wait(10.0) == pytest.approx(7.0)
    assert budget.wait(16.0) == pytest.approx(1.0)
    assert budget.wait(17.0) == 0.0
    assert budget.throttles == 1


def test_a_throttle_without_retry_after_pauses_for_the_default() -> None:
    budget = ScopeBudget(announced=False, throttle_pause=5.0)
    budget.throttled(0.0, retry_after=None)
    assert budget.wait(0.0) == pytest.approx(5.0)


def test_a_throttle_empties_what_the_scope_believed_was_left() -> None:
    budget = ScopeBudget(announced=True)
    budget.sent(0.0)
    budget.answered(0.0, remaining=100)
    budget.throttled(1.0, retry_after=2.0)
    assert budget.remaining == 0.0
    assert budget.wait(3.0) == 0.0  # after the pause, one probe


def test_a_callers_rate_spaces_reads_after_a_burst_of_its_size() -> None:
    budget = ScopeBudget(announced=False, rate=2.0)
    times: list[float] = []
    now = 0.0
    while len(times) < 6:
        delay = budget.wait(now)
        if delay > 0:
            now += delay
            continue
        budget.sent(now)
        budget.answered(now, remaining=None)
        times.append(now)
    assert times == pytest.approx([0.0, 0.0, 0.5, 1.0, 1.5, 2.0])


@pytest.mark.parametrize("bad", [0, -1.0, math.inf, math.nan, True, "3"])
def test_a_rate_that_is_not_a_positive_number_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="rate"):
        ScopeBudget(announced=False, rate=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_a_reserve_that_is_not_a_count_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="reserve"):
        ScopeBudget(announced=False, reserve=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "scope"),
    [
        ("/subscriptions/ABC-1/resourceGroups/rg/providers/x/operations/1", "abc-1"),
        ("/Subscriptions/abc-1/providers/Microsoft.Compute/locations/eu/operations/2", "abc-1"),
        ("/providers/Microsoft.Resources/operations/3", None),
        ("/subscriptions/", None),
    ],
)
def test_the_arm_scope_is_the_subscription_in_the_url(path: str, scope: str | None) -> None:
    assert ARM_READ_BUDGET.scope_of(path) == scope


def test_a_publisher_scope_reads_the_segment_after_its_literal() -> None:
    budget = ReadBudget(scope_after="publishers", scope_parameter="publisherId")
    assert budget.scope_of("/api/publishers/Contoso/offers/o/operations/1") == "contoso"


def test_without_a_scope_segment_every_url_is_the_clients_one_scope() -> None:
    assert NO_READ_BUDGET.scope_of("/subscriptions/abc/x") is None


@pytest.mark.parametrize(
    ("value", "count"),
    [("11999", 11999), (" 7 ", 7), ("0", 0), (None, None), ("lots", None), ("-3", None), ("9" * 40, None)],
)
def test_a_remaining_header_is_a_count_or_not_announced(value: str | None, count: int | None) -> None:
    assert remaining_reads(value) == count


def test_a_read_budget_refuses_blank_names() -> None:
    with pytest.raises(TypeError, match="remaining_header"):
        ReadBudget(remaining_header=" x")


def test_each_api_reads_its_budget_from_its_generated_module_and_arm_urls_use_arms() -> None:
    assert read_budget_of("monitor").remaining_header == ARM_READ_BUDGET.remaining_header
    assert read_budget_of("partner_portal").scope_after == "publishers"
    assert read_budget_of("graph_billing") == NO_READ_BUDGET
    assert read_budget_of("arm") is ARM_READ_BUDGET
    assert read_budget_of("no_such_api") is NO_READ_BUDGET


def test_a_drained_scope_goes_on_at_the_refill_pace_its_answers_reveal() -> None:
    budget = ScopeBudget(announced=True, reserve=1)
    budget.sent(0.0)
    budget.answered(0.0, remaining=5)
    budget.sent(1.0)
    budget.answered(1.0, remaining=14)  # +10 in a second, one read taken: refills 10/s
    assert budget.refill.per_second == pytest.approx(10.0)
    for left in range(13, 0, -1):  # spent down to the reserve, each read answered at once
        budget.sent(1.0)
        budget.answered(1.0, remaining=left)
    assert budget.remaining == pytest.approx(1.0)
    # No probe, no waiting for answers: the next read goes once 90 % of the refill has made room.
    assert budget.wait(1.0) == pytest.approx(1 / 9)
    assert budget.wait(1.0 + 1 / 9) == 0.0


def test_refill_credit_never_passes_the_largest_count_announced() -> None:
    budget = ScopeBudget(announced=True)
    budget.sent(0.0)
    budget.answered(0.0, remaining=5)
    budget.sent(1.0)
    budget.answered(1.0, remaining=14)
    budget.wait(100.0)
    assert budget.remaining == 14


def test_an_answer_without_the_declared_header_ends_the_probing() -> None:
    budget = ScopeBudget(announced=True)
    budget.sent(0.0)
    budget.answered(0.1, remaining=None)
    for _ in range(10):
        assert budget.wait(0.1) == 0.0
        budget.sent(0.1)
