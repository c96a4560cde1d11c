"""When to send a status GET again: :class:`RetryPolicy` and the ``Retry-After`` parser.

Retries are for *reading* a status, never for the operation: every request opstatus sends is a safe,
idempotent GET, so repeating it cannot change anything on the service. A wait on a long operation may
last an hour; one transient fault must not end it. What is retried:

* responses 408, 429, 499 and every 5xx except 501 and 505 (:data:`DEFAULT_RETRY_STATUSES`,
  :attr:`RetryPolicy.retry_statuses`): timeouts, throttling, a client-closed request seen by a proxy,
  service errors, and the gateway/CDN codes in front of a service (520-524: the origin was down,
  unreachable, too slow or answered oddly) are all states of the moment. 501 (not implemented) and
  505 (HTTP version not supported) say the same thing every time;
* a 2xx whose body is not syntactically JSON (empty, cut short, an HTML or text page from a proxy): a
  broken answer, not the service's word. It is retried like a 503 and raised as :class:`DecodeError`
  only when the attempts are used up;
* connection and read failures: connect/read/write/pool timeouts, refused or dropped connections,
  a server that hung up mid-response.

Everything else (400, 401, 403, 404, a JSON body that does not fit the spec's model) is raised at
once: asking again would give the same answer. Retries stop at :attr:`RetryPolicy.max_attempts`, and
never run past the caller's deadline: a delay that would end after it is not slept, the last error is
raised instead (``_http`` also cuts each request's own HTTP timeout to the time left).

The decisions are pure functions of numbers (no clock, no sleep here); the sync and async loops in
``_http`` do the waiting with an injectable ``sleep``.

A retry never comes sooner than :data:`MIN_RETRY_DELAY` after the failed try, whatever the policy or
the server says: ``Retry-After: 0`` on every answer must not turn a status read into a busy loop. A
``Retry-After`` that cannot be used (garbled, negative, a date in the year 99999999999) is ignored and
logged, never raised: a hint must not become an error reading the status.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import math
import time
from collections.abc import Callable, Iterable, Mapping

import attrs

__all__ = ["DEFAULT_RETRY_STATUSES", "MIN_RETRY_DELAY", "RetryPolicy", "parse_retry_after"]

_LOGGER = logging.getLogger(__name__)

MIN_RETRY_DELAY = 0.1
"""Seconds: the shortest wait before a retry, so no server can make one status read a busy loop."""

DEFAULT_RETRY_STATUSES: frozenset[int] = frozenset({408, 429, 499, *range(500, 600)} - {501, 505})
"""Statuses retried by default: 408, 429, 499 and 5xx except 501/505 (see the module docstring for why)."""


def _statuses(value: Iterable[int]) -> frozenset[int]:
    """``retry_statuses`` as given (any iterable of ints), frozen; typed so callers pass plain sets."""
    return frozenset(value)


def _positive_int(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"RetryPolicy.{attribute.name} must be an int >= 1, got {value!r}")


def _non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0 or math.isinf(value):
        raise ValueError(f"RetryPolicy.{attribute.name} must be a finite number >= 0, got {value!r}")


def _fraction(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"RetryPolicy.{attribute.name} must be between 0 and 1, got {value!r}")


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """Immutable retry settings for status reads. All times in seconds.

    ``max_attempts`` counts every try, the first included (1 turns retries off). Without a server hint
    the n-th retry waits ``min(max_backoff, backoff * backoff_factor ** (n - 1))``, of which a
    ``jitter`` fraction is random (0: exact, 0.5: between half and all of it). A server's
    ``Retry-After`` replaces that delay when ``honour_retry_after``; one longer than
    ``max_retry_after`` is not waited out: the error is raised, carrying the server's delay.
    ``retry_statuses`` are the HTTP statuses worth another try (default :data:`DEFAULT_RETRY_STATUSES`);
    a 2xx whose body is not JSON is retried as well (same attempts), a broken answer rather than a status.
    """

    max_attempts: int = attrs.field(default=4, validator=_positive_int)
    backoff: float = attrs.field(default=0.5, validator=_non_negative)
    backoff_factor: float = attrs.field(default=2.0, validator=_non_negative)
    max_backoff: float = attrs.field(default=8.0, validator=_non_negative)
    jitter: float = attrs.field(default=0.5, validator=_fraction)
    honour_retry_after: bool = True
    max_retry_after: float = attrs.field(default=60.0, validator=_non_negative)
    retry_statuses: frozenset[int] = attrs.field(default=DEFAULT_RETRY_STATUSES, converter=_statuses)

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """Try each request once."""
        return cls(max_attempts=1)

    def next_delay(
        self,
        *,
        attempt: int,
        retry_after: float | None,
        remaining: float | None,
        rng: Callable[[], float],
    ) -> float | None:
        """Seconds to wait before try ``attempt + 1``, or None to stop and raise the last error.

        ``attempt`` is the try that just failed (1-based); ``remaining`` the seconds left before the
        caller's deadline (None: no deadline).
        """
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None and self.honour_retry_after:
            if retry_after > self.max_retry_after:
                return None
            delay = retry_after
        else:
            computed = min(self.max_backoff, self.backoff * self.backoff_factor ** (attempt - 1))
            delay = computed * (1.0 - self.jitter * rng())
        delay = max(delay, MIN_RETRY_DELAY)
        if remaining is not None and delay >= remaining:
            return None
        return delay


def parse_retry_after(headers: Mapping[str, str], *, now: Callable[[], float] = time.time) -> float | None:
    """Seconds the server asked to wait, from ``retry-after-ms``/``x-ms-retry-after-ms`` or ``Retry-After``.

    ``Retry-After`` may be delay-seconds (integer, or a decimal as some Azure services send) or an
    HTTP date (RFC 9110), read against ``now`` (unix seconds). Millisecond headers win, as azure-core
    does. Absent, garbled, negative or non-finite values give None or 0, never an exception: a hint
    the client cannot read must not turn into an error reading the status.
    """
    for name in ("retry-after-ms", "x-ms-retry-after-ms"):
        millis = headers.get(name)
        if millis is not None:
            seconds = _number(millis)
            if seconds is not None:
                return seconds / 1000.0
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
        if when.tzinfo is None:  # "-0000" parses zone-less; RFC 9110 dates are GMT anyway
            when = when.replace(tzinfo=datetime.UTC)
        return max(0.0, when.timestamp() - now())
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        _LOGGER.debug("ignoring a Retry-After that cannot be read: %.60r", value)
        return None


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    except OverflowError:  # pragma: no cover - float() of a str gives inf, kept for safety
        return None
    if not math.isfinite(number):
        return None
    return max(0.0, number)
