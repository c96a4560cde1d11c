"""What a caller sees while an operation runs: one :class:`ProgressEvent` after every status read.

These are plain immutable values so an ``on_progress`` callback can keep them, compare them or log
them without holding on to the poller. Per-API differences (ARM ``percentComplete``, CPP publishing
steps, Graph's bare status) are already resolved by :class:`opstatus._status.StatusReader`; an event
looks the same for all three APIs.
"""

from __future__ import annotations

import attrs

from ._state import OperationState

__all__ = ["ProgressEvent", "RetryNotice", "StepProgress"]


@attrs.frozen(kw_only=True)
class StepProgress:
    """One step of a multi-step operation (Cloud Partner Portal publishing), in the service's order.

    ``state`` is the step's raw status mapped through the same table as the operation's own status,
    so a step that is ``complete`` reads SUCCEEDED and ``blocked`` reads RUNNING. ``messages`` are
    the step's message texts in the order the service listed them.
    """

    name: str | None
    state: OperationState
    raw_status: str | None
    percent: float | None
    messages: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class RetryNotice:
    """One status read is being tried again: what went wrong and how long until the next attempt.

    Trouble a wait rides out should still be visible (a wait that slows to a crawl because every read
    is throttled looks, without this, like a hung program). ``reason`` is short and safe to show:
    ``429 TooManyRequests``, ``503``, ``ConnectError``, ``body is not JSON``. ``throttled`` is true for
    429 and 503 answers (the service asked us to slow down); ``delay`` is the pause before attempt
    ``attempt`` (of at most ``max_attempts``), the server's ``Retry-After`` when it sent one.
    """

    attempt: int
    max_attempts: int
    delay: float
    reason: str
    status_code: int | None = None
    throttled: bool = False


@attrs.frozen(kw_only=True)
class ProgressEvent:
    """The operation as of one status read.

    ``percent`` is 0-100 where the API reports progress (ARM ``percentComplete`` if sent; CPP combined
    from the steps, see :class:`opstatus._status.StatusReader`), else ``None``. ``message`` is the
    service's human-readable note if it sent one (typically the error message). ``elapsed`` counts
    seconds since the operation was first seen (by this poller, or by the one whose continuation
    token it resumed); ``requests`` is how many status reads this poller has made, this one included;
    ``read_seconds`` how long this read took, its retries and their delays included (``None`` for a
    response the poller was handed rather than read), so a slow or struggling service shows.

    ``retry`` is set on the events sent *between* reads, when a read is retried (throttling, a 5xx,
    a dropped connection): the state and percent are then those of the last read (UNKNOWN before the
    first), and ``requests`` does not move. ``on_progress`` callbacks written for reads only can skip
    them with ``if event.retry: return``.
    """

    state: OperationState
    raw_status: str | None
    percent: float | None
    message: str | None
    elapsed: float
    steps: tuple[StepProgress, ...] = ()
    requests: int = 0
    retry: RetryNotice | None = None
    read_seconds: float | None = None
