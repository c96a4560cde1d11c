"""One read budget per scope, shared by every operation a set waits on; sans-IO, no clock of its own.

Services count status reads per *scope*, not per operation: Azure Resource Manager per subscription
(a token bucket; every answer says what is left in ``x-ms-ratelimit-remaining-subscription-reads``,
and an empty bucket answers 429 + ``Retry-After``), Graph per app and tenant, the Cloud Partner Portal
per publisher. Pollers that each back off alone keep spending what the others were told to save.

Two values live here:

* :class:`ReadBudget` - what a spec says about its API's budget (``info.x-opstatus-read-budget``,
  rendered into ``opstatus._generated.<key>.budget.READ_BUDGET``): which status-URL segment names the
  scope and which header tells the remaining reads. :data:`ARM_READ_BUDGET` is the one ARM URLs use.
* :class:`ScopeBudget` - what a scheduler knows about one scope between reads, and the one rule it
  asks: *may a read go now, and if not, when?* It is told what happened (:meth:`ScopeBudget.sent`,
  :meth:`ScopeBudget.answered`, :meth:`ScopeBudget.throttled`, :meth:`ScopeBudget.failed`) and the
  time, and never sleeps or reads a clock, so it is tested on a virtual clock.

The rules a caller can rely on:

* never more reads in flight than the last remaining count allows: a count read from an answer is
  lowered by every read still in flight (they may not have been counted yet) and by every read sent
  afterwards; at ``reserve`` reads left nothing more goes out except one *probe* every
  ``probe_interval`` seconds, whose answer says whether the bucket refilled;
* before the first answer of a scope whose API declares the header, one read goes alone (a probe):
  the budget is unknown, and 2,000 reads sent blind could each be a 429; an answer without the header
  (a service or proxy that does not send it) ends the probing: the scope is then as unannounced;
* a 429 (or 503) pauses the whole scope for its ``Retry-After`` (``throttle_pause`` when none);
* an optional ``rate`` (reads per second, a token bucket of ``max(1, rate)`` reads) caps the scope
  whatever the service says, for budgets the service does not announce (Graph) or to leave room for
  other tools on the same subscription.
"""

from __future__ import annotations

import importlib
import math
from typing import Final

import attrs

__all__ = [
    "ARM_READ_BUDGET",
    "NO_READ_BUDGET",
    "ReadBudget",
    "ScopeBudget",
    "read_budget_of",
    "remaining_reads",
]


def _optional_name(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and value and value.strip() == value):
        raise TypeError(f"ReadBudget.{attribute.name} must be a non-empty name or None, got {value!r}")


@attrs.frozen(kw_only=True)
class ReadBudget:
    """What an API's spec says about its read budget (see specs/README.md, ``x-opstatus-read-budget``).

    ``scope_after``: the literal status-URL path segment that precedes the scope's own segment
    (``subscriptions`` for ARM, ``publishers`` for CPP), matched case-insensitively; ``None``: one
    scope per client (Graph, whose budget belongs to the app and tenant of the token, not the URL).
    ``scope_parameter`` names that path parameter, for messages and docs. ``remaining_header``: the
    answer header holding the reads left in the scope (``None``: the service does not say).
    """

    scope_after: str | None = attrs.field(default=None, validator=_optional_name)
    scope_parameter: str | None = attrs.field(default=None, validator=_optional_name)
    remaining_header: str | None = attrs.field(default=None, validator=_optional_name)

    def scope_of(self, path: str) -> str | None:
        """The scope value in a status URL's path (``None`` where the URL has no such segment)."""
        if self.scope_after is None:
            return None
        wanted = self.scope_after.casefold()
        segments = path.split("?", 1)[0].split("/")
        for index, segment in enumerate(segments[:-1]):
            if segment.casefold() == wanted and segments[index + 1]:
                return segments[index + 1].casefold()
        return None


def remaining_reads(value: str | None) -> int | None:
    """A remaining-reads header's value as a count; ``None`` when absent or not an integer >= 0.

    A hostile or broken server's text (``"lots"``, ``"-3"``, 10,000 digits) is "not announced", never
    an error and never a huge number of reads.
    """
    if value is None or len(value) > 18:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if number >= 0 else None


ARM_READ_BUDGET: Final = ReadBudget(
    scope_after="subscriptions",
    scope_parameter="subscriptionId",
    remaining_header="x-ms-ratelimit-remaining-subscription-reads",
)
"""ARM's subscription read budget: any ARM URL (``ArmClient``) is scoped by its subscription."""

NO_READ_BUDGET: Final = ReadBudget()
"""An API whose spec declares no budget: one scope per client, nothing announced (429s still pause it)."""


def read_budget_of(api_key: str) -> ReadBudget:
    """The read budget an API's spec declares (``opstatus._generated.<key>.budget``); ARM URLs use
    ARM's; an API without one (or not generated) gets :data:`NO_READ_BUDGET`."""
    if api_key == "arm":
        return ARM_READ_BUDGET
    try:
        module = importlib.import_module(f"opstatus._generated.{api_key}.budget")
    except ModuleNotFoundError:
        return NO_READ_BUDGET
    budget = getattr(module, "READ_BUDGET", None)
    return budget if isinstance(budget, ReadBudget) else NO_READ_BUDGET


def _positive(name: str, value: float, *, zero_ok: bool = False) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not zero_ok):
        raise ValueError(f"{name} must be a finite number {'>= 0' if zero_ok else '> 0'}, got {value!r}")
    return float(value)


class RefillEstimate:
    """How fast a scope's bucket refills, learnt from the remaining counts its answers announce.

    Between two answers ``dt`` seconds apart, the count moved from ``h0`` to ``h`` while the ``n``
    reads answered in between were taken out: the bucket gained ``h - h0 + n``. Samples over at least
    ``window`` seconds are smoothed (half the old value, half the new); ``None`` until the first one.
    The largest count seen stands in for the bucket's size (credit never goes above it).
    """

    __slots__ = ("_answers", "_at", "_count", "ceiling", "per_second", "window")

    def __init__(self, *, window: float = 0.25) -> None:
        self.window = window
        self.per_second: float | None = None
        self.ceiling = 0
        self._at: float | None = None
        self._count = 0
        self._answers = 0

    def observe(self, now: float, count: int) -> None:
        self.ceiling = max(self.ceiling, count)
        if self._at is None:
            self._at, self._count, self._answers = now, count, 0
            return
        self._answers += 1
        elapsed = now - self._at
        if elapsed < self.window:
            return
        sample = max(0.0, (count - self._count + self._answers) / elapsed)
        self.per_second = sample if self.per_second is None else (self.per_second + sample) / 2
        self._at, self._count, self._answers = now, count, 0


class ScopeBudget:
    """The reads one scope may still spend, as far as this process knows (see the module rules).

    ``announced``: the scope's API declares a remaining-reads header (so the first read probes).
    ``reserve``: reads left untouched for others (the portal, ``az``) and for probes; ``rate``: the
    caller's own cap in reads per second, or ``None``.

    Between answers, the reads the bucket has refilled are credited at ``SAFETY`` (90 %) of the
    refill rate learnt from the answers (:class:`RefillEstimate`), so a drained scope goes on at about
    the pace the service refills instead of waiting for a probe; every answer replaces the credit with
    what the service says.
    """

    SAFETY = 0.9

    __slots__ = (
        "_allowance",
        "_announced",
        "_credited_at",
        "_in_flight",
        "_known",
        "_last_probe",
        "_paused_until",
        "_rate",
        "_rate_at",
        "_rate_burst",
        "probe_interval",
        "refill",
        "reserve",
        "throttle_pause",
        "throttles",
    )

    def __init__(
        self,
        *,
        announced: bool,
        rate: float | None = None,
        reserve: int = 1,
        probe_interval: float = 1.0,
        throttle_pause: float = 5.0,
    ) -> None:
        if isinstance(reserve, bool) or not isinstance(reserve, int) or reserve < 0:
            raise ValueError(f"reserve must be an int >= 0, got {reserve!r}")
        self._announced = announced
        self._rate = None if rate is None else _positive("rate", rate)
        self._rate_burst = max(1.0, self._rate or 1.0)
        self._allowance = self._rate_burst
        self._rate_at: float | None = None
        self.reserve = reserve
        self.probe_interval = _positive("probe_interval", probe_interval)
        self.throttle_pause = _positive("throttle_pause", throttle_pause, zero_ok=True)
        self._known: float | None = None  # reads left: last announced, less what went out since
        self._in_flight = 0
        self._paused_until = -math.inf
        self._last_probe = -math.inf
        self._credited_at = -math.inf
        self.refill = RefillEstimate()
        self.throttles = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def remaining(self) -> float | None:
        """Reads this process believes are left (``None``: not announced yet, or never)."""
        return self._known

    def wait(self, now: float) -> float:
        """Seconds until the next read of this scope may go (0: now)."""
        delay = max(0.0, self._paused_until - now)
        if self._rate is not None:
            delay = max(delay, self._rate_delay(now))
        if delay > 0:
            return delay
        if self._announced and self._known is None:
            return 0.0 if self._in_flight == 0 else math.inf  # the opening probe goes alone
        self._credit(now)
        if self._known is not None and self._known <= self.reserve:
            pace = self._pace()
            if pace is not None:
                return (self.reserve + 1 - self._known) / pace
            if self._in_flight > 0:
                return math.inf  # an answer will come and say more
            return max(0.0, self._last_probe + self.probe_interval - now)
        return 0.0

    def sent(self, now: float) -> None:
        """A read of this scope went out (call only when :meth:`wait` said 0)."""
        self._credit(now)
        if self._known is not None:
            if self._known <= self.reserve:
                self._last_probe = now
            self._known -= 1
        self._in_flight += 1
        if self._rate is not None:
            self._refill(now)
            self._allowance -= 1.0

    def answered(self, now: float, remaining: int | None) -> None:
        """A read came back with an answer; ``remaining``: the header's count, if it sent one.

        Reads still in flight were sent before this answer was written and may not be counted in it
        yet, so they are subtracted: the estimate errs towards fewer reads, never towards a 429.
        """
        self._in_flight = max(0, self._in_flight - 1)
        if remaining is None and self._known is None:
            self._announced = False  # the header is declared but not sent here: nothing to wait for
        if remaining is not None:
            self.refill.observe(now, remaining)
            self._known = float(remaining - self._in_flight)
            self._credited_at = now

    def failed(self, now: float) -> None:
        """A read ended without an answer (transport error, deadline): it is no longer in flight."""
        self._in_flight = max(0, self._in_flight - 1)

    def throttled(self, now: float, retry_after: float | None) -> None:
        """The service said 429/503: the whole scope pauses for ``retry_after`` seconds."""
        self.throttles += 1
        pause = self.throttle_pause if retry_after is None else max(0.0, retry_after)
        self._paused_until = max(self._paused_until, now + pause)
        if self._known is not None:
            self._known = min(self._known, 0.0)

    # --- what refills between answers ----------------------------------------------------------------

    def _pace(self) -> float | None:
        """Reads per second the learnt refill allows (None: nothing learnt yet)."""
        rate = self.refill.per_second
        return rate * self.SAFETY if rate else None

    def _credit(self, now: float) -> None:
        pace = self._pace()
        if self._known is None or pace is None or now <= self._credited_at:
            return
        if self._paused_until > self._credited_at:  # nothing is credited across a throttle
            self._credited_at = now
            return
        ceiling = self.refill.ceiling - self._in_flight
        if self._known < ceiling:
            self._known = min(ceiling, self._known + (now - self._credited_at) * pace)
        self._credited_at = now

    # --- the caller's rate ---------------------------------------------------------------------------

    def _refill(self, now: float) -> None:
        assert self._rate is not None
        if self._rate_at is not None:
            self._allowance = min(self._rate_burst, self._allowance + (now - self._rate_at) * self._rate)
        self._rate_at = now

    def _rate_delay(self, now: float) -> float:
        assert self._rate is not None
        self._refill(now)
        return 0.0 if self._allowance >= 1.0 else (1.0 - self._allowance) / self._rate

    def __repr__(self) -> str:
        return (
            f"<ScopeBudget remaining={self._known!r} in_flight={self._in_flight} "
            f"rate={self._rate!r} throttles={self.throttles}>"
        )
