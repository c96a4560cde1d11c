"""The emulator's read budget: a token bucket per scope, as Azure Resource Manager counts status reads.

Off by default (``Emulator(read_budget=None)``): the emulator then answers every read, as before, and
no test that predates the budget sees a header or a 429 it did not ask for. Turned on with
``Emulator(read_budget=ReadBucket(size=..., refill_per_second=...))`` or ``--read-budget SIZE/REFILL``
on the command line, every status read of every API is counted against its scope's bucket:

* the scope is what the API's spec declares (``info.x-opstatus-read-budget``, the value the client's
  set of waits reads too): the ``subscriptionId`` of a monitor URL, the ``publisherId`` of a CPP one;
  an API that declares none (Graph) has one bucket for the whole API;
* a read that finds a token is answered as usual, with the remaining count in the API's declared
  remaining-reads header (ARM: ``x-ms-ratelimit-remaining-subscription-reads``) when it declares one;
* a read that finds the bucket empty is answered ``429`` with the API's own throttling error and
  ``Retry-After`` (whole seconds until a token is back, at least 1), and the request log marks it
  ``throttled``. A throttled read is counted but takes no token (as ARM's bucket does);
* tokens come back at ``refill_per_second`` on the emulator's clock (so a virtual clock refills only
  when it is advanced), never above ``size``.

:data:`ARM_LIKE` is ARM's documented subscription-read bucket (250 reads, 25 a second back). At most
:data:`MAX_SCOPES` buckets are kept (the least recently used goes first; it comes back full), so paths
a client invents cannot grow memory without bound.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from opstatus._budget import read_budget_of

from ._errors import InvalidOperationSpecError
from ._wire import Reply

__all__ = [
    "ARM_LIKE",
    "MAX_SCOPES",
    "BudgetAnswer",
    "ReadBucket",
    "ReadBuckets",
    "parse_read_budget",
    "within_budget",
]

MAX_SCOPES: Final = 10_000


@dataclass(frozen=True, slots=True)
class ReadBucket:
    """A bucket's shape: ``size`` reads at most, ``refill_per_second`` reads back every second."""

    size: int = 250
    refill_per_second: float = 25.0

    def __post_init__(self) -> None:
        if isinstance(self.size, bool) or not isinstance(self.size, int) or self.size < 1:
            raise InvalidOperationSpecError(f"read budget size must be an int >= 1, got {self.size!r}")
        rate = self.refill_per_second
        if (
            isinstance(rate, bool)
            or not isinstance(rate, int | float)
            or not (math.isfinite(rate) and rate > 0)
        ):
            raise InvalidOperationSpecError(
                f"read budget refill must be a number > 0 per second, got {rate!r}"
            )


ARM_LIKE: Final = ReadBucket(size=250, refill_per_second=25.0)
"""ARM's subscription reads: a bucket of 250, refilled at 25 a second (Azure docs, "ARM throttling")."""


def parse_read_budget(text: str) -> ReadBucket:
    """``SIZE/REFILL`` (``250/25``), or ``arm`` for :data:`ARM_LIKE`: what ``--read-budget`` takes."""
    if text.strip().lower() == "arm":
        return ARM_LIKE
    size, slash, refill = text.partition("/")
    try:
        if not slash:
            raise ValueError
        return ReadBucket(size=int(size), refill_per_second=float(refill))
    except ValueError:
        raise InvalidOperationSpecError(
            f"read budget {text!r} is not SIZE/REFILL (e.g. 250/25) or 'arm'"
        ) from None


@dataclass(frozen=True, slots=True)
class BudgetAnswer:
    """What the bucket says about one read: answer it (``retry_after is None``) or throttle it."""

    header: tuple[str, str] | None
    retry_after: int | None


class _Bucket:
    __slots__ = ("at", "tokens")

    def __init__(self, tokens: float, at: float) -> None:
        self.tokens = tokens
        self.at = at


class ReadBuckets:
    """Every scope's bucket, thread-safe (the server thread reads, a test thread may reconfigure)."""

    def __init__(self, shape: ReadBucket, *, now: Callable[[], float]) -> None:
        self.shape = shape
        self._now = now
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def take(self, api: str, params: dict[str, str]) -> BudgetAnswer:
        """Count one status read of ``api`` with these path parameters against its scope."""
        declared = read_budget_of(api)
        parameter = declared.scope_parameter
        value = params.get(parameter) if parameter is not None else None
        scope = f"{parameter}={value.casefold()}" if value is not None else f"api={api}"
        shape, now = self.shape, self._now()
        with self._lock:
            bucket = self._buckets.pop(scope, None)
            if bucket is None:
                bucket = _Bucket(float(shape.size), now)
            bucket.tokens = min(
                shape.size, bucket.tokens + max(0.0, now - bucket.at) * shape.refill_per_second
            )
            bucket.at = now
            self._buckets[scope] = bucket
            while len(self._buckets) > MAX_SCOPES:
                self._buckets.popitem(last=False)
            if bucket.tokens < 1.0:
                wait = (1.0 - bucket.tokens) / shape.refill_per_second
                return BudgetAnswer(
                    header=self._header(declared.remaining_header, 0), retry_after=max(1, math.ceil(wait))
                )
            bucket.tokens -= 1.0
            return BudgetAnswer(
                header=self._header(declared.remaining_header, int(bucket.tokens)), retry_after=None
            )

    @staticmethod
    def _header(name: str | None, remaining: int) -> tuple[str, str] | None:
        return None if name is None else (name, str(remaining))

    def reset(self) -> None:
        """Every bucket full again."""
        with self._lock:
            self._buckets.clear()


def within_budget(
    buckets: ReadBuckets | None,
    api: str,
    params: dict[str, str],
    *,
    answer: Callable[[], Reply],
    throttle: Callable[[int], Reply],
) -> Reply:
    """The one hook where status reads are served: count the read, then answer or throttle it."""
    if buckets is None:
        return answer()
    verdict = buckets.take(api, params)
    if verdict.retry_after is None:
        reply = answer()
    else:
        reply = throttle(verdict.retry_after)
        reply.headers.append(("Retry-After", str(verdict.retry_after)))
        reply.throttled = True
    if verdict.header is not None:
        reply.headers.append(verdict.header)
    return reply
