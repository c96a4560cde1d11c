"""PollingPolicy: the pure schedule - grid ticks, floor, cap, jitter and Retry-After clamping."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from opstatus._policy import DEFAULT_FACTOR, PollingPolicy

NO_JITTER = 0.0
MAX_JITTER = 0.999999


def delay(
    policy: PollingPolicy, *, age: float, retry_after: float | None = None, random_value: float = 0.0
) -> float:
    seconds, _ = policy.next_delay(age=age, next_tick=0, retry_after=retry_after, random_value=random_value)
    return seconds


def test_defaults_are_the_documented_ones() -> None:
    policy = PollingPolicy()
    assert (policy.min_delay, policy.max_delay, policy.jitter, policy.timeout) == (1.0, 900.0, 0.15, None)
    assert policy.factor == pytest.approx(1.3335, abs=1e-4) == DEFAULT_FACTOR
    assert policy.honour_retry_after is True


def test_policy_is_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PollingPolicy().min_delay = 5  # type: ignore[misc]


def test_policy_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        PollingPolicy(1.0)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_delay": -1}, "min_delay must be a finite number >= 0"),
        ({"max_delay": float("inf")}, "max_delay must be a finite number >= 0"),
        ({"factor": 1.0}, "factor must be > 1"),
        ({"jitter": 1.0}, r"jitter must be in \[0, 1\)"),
        ({"timeout": -5}, "timeout must be None or a number >= 0"),
        ({"min_delay": 10, "max_delay": 5}, "min_delay .* must not exceed max_delay"),
    ],
)
def test_invalid_policy_is_refused_naming_the_field(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PollingPolicy(**kwargs)


def test_read_lands_on_the_next_grid_tick() -> None:
    policy = PollingPolicy(factor=10 ** (1 / 8), jitter=0.0)
    # Ticks at 10 ** (k / 8): ..., 23.71, 31.62, 42.17, ...
    assert 25.0 + delay(policy, age=25.0) == pytest.approx(10 ** (12 / 8))
    assert 31.7 + delay(policy, age=31.7) == pytest.approx(10 ** (13 / 8))


def test_tick_exactly_at_the_current_age_is_skipped() -> None:
    policy = PollingPolicy(jitter=0.0)
    assert policy.first_tick_after(policy.tick(12)) == 13


def test_used_ticks_are_not_reused() -> None:
    policy = PollingPolicy(jitter=0.0, min_delay=0.0)
    _, next_tick = policy.next_delay(age=25.0, next_tick=0, retry_after=None, random_value=0.0)
    seconds, _ = policy.next_delay(age=30.0, next_tick=next_tick, retry_after=None, random_value=0.0)
    assert 30.0 + seconds == pytest.approx(policy.tick(13))  # 31.62 was used by the read at 25 s


def test_delay_is_never_below_the_floor() -> None:
    policy = PollingPolicy(min_delay=5.0, jitter=0.5)
    assert min(delay(policy, age=age, random_value=MAX_JITTER) for age in (0, 1, 2, 3, 10)) == 5.0


def test_delay_is_never_above_the_cap() -> None:
    policy = PollingPolicy(max_delay=60.0, jitter=0.0)
    assert delay(policy, age=10_000.0) == 60.0


@pytest.mark.parametrize("age", [7.0, 40.0, 500.0, 5000.0])
def test_jitter_only_moves_a_read_earlier_by_at_most_its_fraction(age: float) -> None:
    policy = PollingPolicy(jitter=0.15, min_delay=0.0)
    exact = delay(policy, age=age, random_value=NO_JITTER)
    earliest = delay(policy, age=age, random_value=MAX_JITTER)
    assert exact * 0.85 == pytest.approx(earliest, rel=1e-5)
    assert earliest < exact


def test_jitter_spreads_delays_across_its_range() -> None:
    policy = PollingPolicy(jitter=0.15, min_delay=0.0)
    exact = delay(policy, age=100.0)
    spread = {round(delay(policy, age=100.0, random_value=u / 10) / exact, 3) for u in range(10)}
    assert spread == {round(1 - 0.15 * u / 10, 3) for u in range(10)}


def test_fixed_interval_when_floor_equals_cap() -> None:
    policy = PollingPolicy(min_delay=30.0, max_delay=30.0)
    assert {delay(policy, age=age, random_value=0.7) for age in (0, 5, 100, 9000)} == {30.0}


def test_retry_after_within_bounds_is_used_exactly_without_jitter() -> None:
    assert delay(PollingPolicy(), age=100.0, retry_after=7.0, random_value=MAX_JITTER) == 7.0


def test_retry_after_below_the_floor_is_raised_to_it() -> None:
    assert delay(PollingPolicy(min_delay=2.0), age=100.0, retry_after=0.0) == 2.0


def test_retry_after_above_the_cap_is_lowered_to_it() -> None:
    assert delay(PollingPolicy(max_delay=60.0), age=100.0, retry_after=3600.0) == 60.0


def test_retry_after_is_ignored_when_the_policy_says_so() -> None:
    policy = PollingPolicy(honour_retry_after=False, jitter=0.0)
    assert delay(policy, age=25.0, retry_after=600.0) == delay(policy, age=25.0)


def test_after_a_retry_after_the_grid_resumes_past_it() -> None:
    policy = PollingPolicy(jitter=0.0)
    seconds, next_tick = policy.next_delay(age=25.0, next_tick=0, retry_after=40.0, random_value=0.0)
    assert seconds == 40.0
    assert policy.tick(next_tick) > 65.0
    assert policy.tick(next_tick - 1) <= 65.0


@pytest.mark.parametrize("cap", [1.0, 900.0])
def test_a_long_wait_at_the_cap_keeps_its_tick_index_bounded_by_the_age(cap: float) -> None:
    """100,000 reads held at the cap (27 hours at 1 s, 2.8 years at 900 s): no overflow, same delay."""
    policy = PollingPolicy(min_delay=1.0, max_delay=cap, jitter=0.0)
    age, next_tick = 1.0, 0
    for _ in range(100_000):
        seconds, next_tick = policy.next_delay(
            age=age, next_tick=next_tick, retry_after=None, random_value=0.0
        )
        age += seconds
    assert seconds == pytest.approx(cap)
    assert next_tick <= policy.first_tick_after(age) + 1
