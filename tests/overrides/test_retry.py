"""RetryPolicy decisions and Retry-After parsing: pure functions, no clock, no sleep."""

from __future__ import annotations

import attrs
import pytest
from opstatus import RetryPolicy
from opstatus._retry import DEFAULT_RETRY_STATUSES, parse_retry_after

EXACT = RetryPolicy(jitter=0.0)
NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


def never_random() -> float:
    return 0.0


def test_defaults_retry_the_transient_statuses_a_bounded_number_of_times() -> None:
    policy = RetryPolicy()
    assert policy.retry_statuses == DEFAULT_RETRY_STATUSES
    assert policy.max_attempts == 4
    assert policy.honour_retry_after


def test_default_statuses_are_408_429_499_and_every_5xx_but_501_and_505() -> None:
    assert {408, 429, 499, 500, 502, 503, 504, 507, 520, 521, 522, 523, 524, 599} <= DEFAULT_RETRY_STATUSES
    assert DEFAULT_RETRY_STATUSES.isdisjoint({400, 401, 403, 404, 409, 418, 498, 501, 505, 600})
    assert len(DEFAULT_RETRY_STATUSES) == 3 + 100 - 2


def test_retry_statuses_can_be_narrowed() -> None:
    assert RetryPolicy(retry_statuses={503}).retry_statuses == frozenset({503})


def test_policy_is_immutable_and_keyword_only() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RetryPolicy().max_attempts = 9  # type: ignore[misc]
    with pytest.raises(TypeError):
        RetryPolicy(3)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_attempts": 0},
        {"max_attempts": 1.5},
        {"backoff": -1},
        {"jitter": 1.5},
        {"max_retry_after": float("inf")},
    ],
)
def test_nonsense_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="RetryPolicy"):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_backoff_grows_exponentially_up_to_the_cap() -> None:
    policy = RetryPolicy(max_attempts=10, backoff=0.5, backoff_factor=2.0, max_backoff=3.0, jitter=0.0)
    delays = [
        policy.next_delay(attempt=n, retry_after=None, remaining=None, rng=never_random) for n in range(1, 6)
    ]
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_jitter_takes_away_at_most_its_fraction() -> None:
    policy = RetryPolicy(backoff=2.0, jitter=0.5)
    assert policy.next_delay(attempt=1, retry_after=None, remaining=None, rng=lambda: 0.0) == 2.0
    assert policy.next_delay(attempt=1, retry_after=None, remaining=None, rng=lambda: 0.999) == pytest.approx(
        1.001
    )


def test_attempts_are_bounded() -> None:
    policy = RetryPolicy(max_attempts=3, jitter=0.0)
    assert policy.next_delay(attempt=2, retry_after=None, remaining=None, rng=never_random) is not None
    assert policy.next_delay(attempt=3, retry_after=None, remaining=None, rng=never_random) is None


def test_disabled_means_one_try() -> None:
    assert (
        RetryPolicy.disabled().next_delay(attempt=1, retry_after=None, remaining=None, rng=never_random)
        is None
    )


def test_retry_after_replaces_the_backoff() -> None:
    assert EXACT.next_delay(attempt=1, retry_after=7.0, remaining=None, rng=never_random) == 7.0


def test_retry_after_is_ignored_when_the_policy_says_so() -> None:
    policy = RetryPolicy(jitter=0.0, honour_retry_after=False, backoff=0.5)
    assert policy.next_delay(attempt=1, retry_after=30.0, remaining=None, rng=never_random) == 0.5


def test_a_retry_after_beyond_the_limit_stops_retrying() -> None:
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.next_delay(attempt=1, retry_after=61.0, remaining=None, rng=never_random) is None


def test_a_delay_that_would_end_after_the_deadline_is_not_slept() -> None:
    assert EXACT.next_delay(attempt=1, retry_after=5.0, remaining=5.0, rng=never_random) is None
    assert EXACT.next_delay(attempt=1, retry_after=5.0, remaining=5.1, rng=never_random) == 5.0
    assert EXACT.next_delay(attempt=1, retry_after=None, remaining=0.2, rng=never_random) is None


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "120"}, 120.0),
        ({"retry-after": " 1.5 "}, 1.5),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"x-ms-retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Tue, 14 Nov 2023 22:13:50 GMT"}, 30.0),
        ({"retry-after": "Tue, 14 Nov 2023 22:13:50 -0000"}, 30.0),
        ({"retry-after": "Tue, 14 Nov 2023 22:00:00 GMT"}, 0.0),
    ],
)
def test_retry_after_forms(headers: dict[str, str], expected: float) -> None:
    assert parse_retry_after(headers, now=lambda: NOW) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["soon", "", "nan", "inf", "Tue, 99 Foo 2023"])
def test_an_unreadable_retry_after_is_no_hint(value: str) -> None:
    assert parse_retry_after({"retry-after": value}, now=lambda: NOW) is None


def test_an_unreadable_millisecond_header_falls_back_to_retry_after() -> None:
    assert parse_retry_after({"retry-after-ms": "x", "retry-after": "4"}, now=lambda: NOW) == 4.0


def test_no_header_no_hint() -> None:
    assert parse_retry_after({}, now=lambda: NOW) is None
