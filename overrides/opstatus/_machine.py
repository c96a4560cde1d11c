"""The sans-IO waiting state machine shared by :class:`Poller` and :class:`AsyncPoller`.

azure-core's second job, "how to wait", without any I/O: the machine is told what was read and what
time it is, and answers with the next step - :class:`Fetch`, :class:`Sleep`, :class:`Return` or
:class:`Raise`. The sync and async pollers are ten-line drivers that differ only in how they fetch
and sleep, so every rule (schedule, Retry-After clamping, deadline, terminal handling) is written
once and tested once, on a virtual clock.

Rules the drivers rely on:

* a wait's ``timeout`` is total monotonic time from the start of that wait; the last sleep is
  shortened to end at the deadline, one final read happens there, and if that read is not final the
  machine raises :class:`PollingTimeoutError` (with the last state, raw status, resource, elapsed
  time and a continuation token). It never returns a non-final value. The clients' HTTP layer
  sends that final read only if time is left for it (a request never runs past the deadline); when
  none is, the poller raises the same :class:`PollingTimeoutError` without sending;
* a terminal state already read ends a wait without another request;
* UNKNOWN is not terminal: waiting goes on, the raw value is kept;
* the schedule is decided once per read, when the read arrives (:meth:`PollingMachine.received`):
  the next read is *due* at a fixed time, whoever asks - a wait's sleep, ``done()`` or ``status()``
  in a caller's own loop. So a ``while not poller.done(): sleep(5)`` loop reads at the policy's pace
  and never faster, and a wait started after manual reads keeps the same schedule;
* the read that opens a wait is sent even when no time is left (``result(timeout=0)`` reads once
  and returns or raises), within :data:`OPENING_READ_WINDOW` seconds; every later read stays inside
  the deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import attrs

from . import _continuation
from ._errors import OperationCanceledError, OperationFailedError, OpStatusError, PollingTimeoutError
from ._policy import PollingPolicy
from ._progress import ProgressEvent
from ._state import OperationState
from ._status import StatusReader, StatusResponse, StatusSnapshot

__all__ = ["OPENING_READ_WINDOW", "Fetch", "PollingMachine", "Raise", "Return", "Sleep", "Step"]

ResourceT = TypeVar("ResourceT")

OPENING_READ_WINDOW = 10.0
"""Seconds the opening read of a wait may take when the wait has no time left (``timeout=0``).

Without it ``result(timeout=0)`` could never read at all; with it, such a call costs at most one read
(and its quick retries), bounded the way every read in a wait is bounded.
"""


@attrs.frozen
class Fetch:
    """Read the status now, then call :meth:`PollingMachine.received`."""


@attrs.frozen
class Sleep:
    """Sleep this many seconds, then fetch."""

    seconds: float


@attrs.frozen
class Return(Generic[ResourceT]):
    """The operation succeeded: the wait returns this resource."""

    resource: ResourceT


@attrs.frozen
class Raise:
    """The wait ends with this error (operation failed or canceled, or the timeout passed)."""

    error: OpStatusError


Step = Fetch | Sleep | Return[ResourceT] | Raise


class PollingMachine(Generic[ResourceT]):
    """Everything a poller knows between reads: last response, schedule position, current deadline.

    ``now`` arguments are monotonic seconds from the poller's clock. ``age_at_start`` is how old the
    operation already was when this machine was built (non-zero when resumed from a token), so the
    schedule continues at the right pace.
    """

    def __init__(
        self,
        *,
        reader: StatusReader,
        policy: PollingPolicy,
        status_url: str,
        first_seen: float,
        age_at_start: float,
        now: float,
        rng: Callable[[], float],
    ) -> None:
        self.reader = reader
        self.policy = policy
        self.status_url = status_url
        self.first_seen = first_seen
        self._origin = now - max(0.0, age_at_start)
        self._random = rng
        self._next_tick = 0
        self._response: StatusResponse[ResourceT] | None = None
        self.snapshot: StatusSnapshot | None = None
        self.requests = 0
        self._wait_started = now
        self._timeout: float | None = None
        self._final_read = False
        self._due = now
        self._reads_this_wait = 0
        self._token: tuple[str, int | None, str] | None = None  # (status URL, last status, token)

    # --- what the drivers call -----------------------------------------------------------------------

    def end(self) -> None:
        """The wait is over (returned, raised or interrupted): later manual reads have no deadline."""
        self._timeout = None
        self._final_read = False

    def begin(self, *, now: float, timeout: float | None) -> Step[ResourceT]:
        """Start a wait. ``timeout=None`` uses the policy's; a known terminal state ends at once."""
        if timeout is not None and (
            isinstance(timeout, bool) or not (isinstance(timeout, int | float) and timeout >= 0)
        ):
            raise ValueError(f"timeout must be None or a number of seconds >= 0, got {timeout!r}")
        self._wait_started = now
        self._timeout = self.policy.timeout if timeout is None else timeout
        self._final_read = False
        self._reads_this_wait = 0
        if self.read_due(now):
            return Fetch()
        return self.decide(now=now)

    def read_due(self, now: float) -> bool:
        """True when the schedule allows a read now: nothing read yet, or not terminal and the due
        time of the next read has come. ``done()`` and ``status()`` read only then."""
        snapshot = self.snapshot
        if snapshot is None:
            return True
        return not snapshot.state.is_terminal and now >= self._due

    def fetch_window(self, now: float) -> float | None:
        """What the driver passes to ``fetch`` as the time left: the wait's remaining time, except
        that the opening read of a wait with none left gets :data:`OPENING_READ_WINDOW`."""
        remaining = self.remaining(now)
        if remaining is not None and remaining <= 0 and self._reads_this_wait == 0:
            return OPENING_READ_WINDOW
        return remaining

    def received(
        self, response: StatusResponse[ResourceT], *, now: float, read_seconds: float | None = None
    ) -> ProgressEvent:
        """Record one status read (from a wait or a manual refresh); returns the progress event.

        The next read's due time is fixed here, once, so every way of asking keeps one schedule.
        ``read_seconds`` (how long the read took, retries included) travels on the event.
        """
        self._response = response
        if response.next_url is not None:  # ARM Location moved: later reads and tokens follow it
            self.status_url = response.next_url
        early = response.snapshot  # read with the parse, off the caller's thread (a large answer)
        self.snapshot = snapshot = (
            early[1] if early is not None and early[0] is self.reader else self.reader.read_response(response)
        )
        self.requests += 1
        self._reads_this_wait += 1
        if not snapshot.state.is_terminal:
            delay, self._next_tick = self.policy.next_delay(
                age=self.age(now),
                next_tick=self._next_tick,
                retry_after=response.retry_after if self.reader.table.honours_retry_after else None,
                random_value=self._random(),
            )
            self._due = now + delay
        return ProgressEvent(
            state=snapshot.state,
            raw_status=snapshot.raw_status,
            percent=snapshot.percent,
            message=snapshot.message,
            elapsed=self.age(now),
            steps=snapshot.steps,
            requests=self.requests,
            read_seconds=read_seconds,
        )

    def decide(self, *, now: float) -> Step[ResourceT]:
        """After a read: return, raise, or sleep until the next read (never past the deadline)."""
        snapshot, response = self.snapshot, self._response
        if snapshot is None or response is None:
            return Fetch()
        if snapshot.state.is_terminal:
            return self._terminal(snapshot, response)
        remaining = self.remaining(now)
        if remaining is not None and (remaining <= 0 or self._final_read):
            return Raise(self.timeout_error(now=now))
        delay = max(0.0, self._due - now)
        if remaining is not None and delay >= remaining:
            self._final_read = True
            delay = remaining
        return Sleep(delay)

    # --- what the poller exposes -----------------------------------------------------------------------

    @property
    def last_response(self) -> StatusResponse[ResourceT] | None:
        return self._response

    @property
    def resource(self) -> ResourceT | None:
        return self._response.resource if self._response is not None else None

    def age(self, now: float) -> float:
        """Seconds since the operation was first seen (across resumes)."""
        return max(0.0, now - self._origin)

    def continuation_token(self) -> str:
        """Encoded once per change of what it holds that can change (the status URL, the last HTTP
        status; the API and ``first_seen`` are the machine's for life): a set's
        ``continuation_tokens()`` over 10,000 operations, taken every few seconds by ``wait-all
        --state`` on the event loop, then costs lookups, not 10,000 encodings."""
        response = self._response
        last = None if response is None else _continuation.recorded_status(response.http_status)
        memo = self._token
        if memo is None or memo[0] is not self.status_url or memo[1] != last:
            token = _continuation.encode(
                api=self.reader.api_key,
                url=self.status_url,
                first_seen=self.first_seen,
                last_http_status=last,
            )
            memo = self._token = (self.status_url, last, token)
        return memo[2]

    def timeout_error(self, *, now: float) -> PollingTimeoutError:
        snapshot = self.snapshot
        return PollingTimeoutError(
            timeout=self._timeout if self._timeout is not None else float("inf"),
            elapsed=now - self._wait_started,
            last_state=snapshot.state if snapshot else None,
            last_raw_status=snapshot.raw_status if snapshot else None,
            resource=self.resource,
            continuation_token=self.continuation_token(),
        )

    # --- internals ---------------------------------------------------------------------------------------

    def remaining(self, now: float) -> float | None:
        """Seconds left before the current wait's deadline (None: no deadline, or not waiting)."""
        if self._timeout is None:
            return None
        return self._wait_started + self._timeout - now

    def _terminal(self, snapshot: StatusSnapshot, response: StatusResponse[ResourceT]) -> Step[ResourceT]:
        if snapshot.state is OperationState.SUCCEEDED:
            return Return(response.resource)
        error_type = (
            OperationFailedError if snapshot.state is OperationState.FAILED else OperationCanceledError
        )
        return Raise(
            error_type(error=snapshot.error, raw_status=snapshot.raw_status, resource=response.resource)
        )
