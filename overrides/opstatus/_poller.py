"""The handle a caller holds while an operation runs: :class:`Poller` and its async twin.

Constructor contract (what the clients build; every argument keyword-only)::

    Poller(
        fetch=...,            # (remaining: float | None) -> StatusResponse[R]: one status GET.
                              #   `remaining` = seconds left before the wait's deadline (None: no
                              #   deadline), so HTTP retries and timeouts never run past it. Raises
                              #   OpStatusError kinds; DeadlineReachedError (nothing sent, no time
                              #   left) ends the wait with PollingTimeoutError.
        reader=...,           # StatusReader.from_table(opstatus._generated.<key>.polling)
        status_url=...,       # absolute URL of the status resource (goes into continuation tokens)
        policy=None,          # PollingPolicy; None -> PollingPolicy()
        on_progress=None,     # (ProgressEvent) -> None, called after every status read
        initial=None,         # a StatusResponse the client already read (no second GET needed)
        first_seen=None,      # unix time the operation was first seen (from a continuation token)
        clock=time.monotonic, # monotonic seconds: timeouts, elapsed, the schedule
        sleep=time.sleep,     # the only place that waits; tests inject a fake
        wall_clock=time.time, # unix seconds, only to age an operation across processes (tokens)
        rng=random.random,    # [0, 1) jitter source
    )

``AsyncPoller`` takes the same arguments; ``fetch`` returns an awaitable and ``sleep`` is an async
function (default ``asyncio.sleep``).

Both are thin drivers of :class:`opstatus._machine.PollingMachine`: they differ only in how they
fetch and sleep. Avoiding azure-core's regrets: the constructor starts nothing (no thread, no
request); ``result`` with a timeout raises :class:`PollingTimeoutError` instead of returning a
non-final value; the async ``result`` takes the same ``timeout``; there are no ``**kwargs``.
What the handle does, next to azure-core's ``LROPoller`` (README, "Waiting", has the same table):
``done()`` and ``status()`` read when the schedule says a read is due (never faster), so a caller's
own ``while not poller.done(): sleep(5)`` loop ends within one polling interval of the operation's end
and stays as polite as ``result()``; ``wait(timeout)`` waits like ``result`` but returns quietly
when the time is up (check ``done()``); ``result(timeout=0)`` reads once (when due) and returns or
raises. azure-core gets the same behaviour from a thread it starts in the constructor; here nothing
runs between the caller's calls. The async ``done()`` stays a plain method (as azure-core's): when a
read is due it starts that one read as a task on the running loop and answers from what is known; the
next call sees the result.

``notice_retry`` is what the clients hand their HTTP pipeline: a read being retried (throttled, a 5xx,
a dropped connection) reaches ``on_progress`` as an event with ``retry`` set.

Ctrl-C (``KeyboardInterrupt``) and task cancellation (``asyncio.CancelledError``) are never caught:
they stop the wait where it is, and nothing is sent to the service afterwards (opstatus only reads;
it has no way to cancel the operation itself, and does not try).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from . import _tracing
from ._errors import DeadlineReachedError, PollingTimeoutError
from ._machine import Fetch, PollingMachine, Return, Sleep
from ._policy import PollingPolicy
from ._progress import ProgressEvent, RetryNotice
from ._state import OperationState
from ._status import StatusReader, StatusResponse, StatusSnapshot

__all__ = ["AsyncPoller", "Poller"]

ResourceT = TypeVar("ResourceT")

Clock = Callable[[], float]
ProgressCallback = Callable[[ProgressEvent], None]
DoneCallback = Callable[[Any], None]
"""``add_done_callback``'s function: called once with the poller when a terminal state is read."""


class _PollerBase(Generic[ResourceT]):
    """State and read-only views shared by the twins; no I/O happens here."""

    def __init__(
        self,
        *,
        reader: StatusReader,
        status_url: str,
        policy: PollingPolicy | None,
        on_progress: ProgressCallback | None,
        initial: StatusResponse[ResourceT] | None,
        first_seen: float | None,
        clock: Clock,
        wall_clock: Clock,
        rng: Callable[[], float],
    ) -> None:
        self._clock = clock
        self._on_progress = on_progress
        now, unix_now = clock(), wall_clock()
        self._machine: PollingMachine[ResourceT] = PollingMachine(
            reader=reader,
            policy=policy or PollingPolicy(),
            status_url=status_url,
            first_seen=unix_now if first_seen is None else first_seen,
            age_at_start=0.0 if first_seen is None else unix_now - first_seen,
            now=now,
            rng=rng,
        )
        self._unreported: ProgressEvent | None = None
        self._done_callbacks: list[DoneCallback] = []
        self._done_called = False
        self._span: _tracing._WaitSpan | None = None  # while a wait runs with OpenTelemetry installed
        if initial is not None:
            # Reported to on_progress when a wait starts, not from the constructor.
            self._unreported = self._machine.received(initial, now=now)

    @property
    def resource(self) -> ResourceT | None:
        """The last typed resource read, or None before the first read."""
        return self._machine.resource

    @property
    def last_response(self) -> StatusResponse[ResourceT] | None:
        """The last status answer read (body, HTTP status, ...), or None before the first read."""
        return self._machine.last_response

    @property
    def snapshot(self) -> StatusSnapshot | None:
        """The last status read, in the shared vocabulary, or None before the first read."""
        return self._machine.snapshot

    @property
    def raw_status(self) -> str | None:
        """The service's own spelling of the last status (kept when the state is UNKNOWN)."""
        snapshot = self._machine.snapshot
        return snapshot.raw_status if snapshot else None

    @property
    def status_url(self) -> str:
        return self._machine.status_url

    @property
    def requests(self) -> int:
        """How many status reads this poller has made (an ``initial`` response counts as one)."""
        return self._machine.requests

    def _terminal(self) -> bool:
        snapshot = self._machine.snapshot
        return snapshot is not None and snapshot.state.is_terminal

    def add_done_callback(self, func: DoneCallback) -> None:
        """Call ``func(poller)`` once, when a terminal state (succeeded, failed, canceled) is read.

        azure-core's ``LROPoller.add_done_callback``, without its thread: nothing runs between the
        caller's calls here, so ``func`` runs inside whichever call reads the end (``result()``,
        ``wait()``, ``done()``, ``status()``, ``refresh()``), before that call returns or raises the
        operation's error; at once if the end was already read. An exception from ``func`` propagates
        from that call. A timed-out wait calls nothing (the operation has not ended).
        """
        if not callable(func):
            raise TypeError(f"add_done_callback takes a callable, got {type(func).__name__}")
        if self._done_called or self._terminal():  # the end was read (or handed over as ``initial``)
            self._done_called = True
            func(self)
            return
        self._done_callbacks.append(func)

    def remove_done_callback(self, func: DoneCallback) -> None:
        """Forget a function given to :meth:`add_done_callback` (``ValueError`` if it was not given)."""
        try:
            self._done_callbacks.remove(func)
        except ValueError:
            raise ValueError("remove_done_callback: that function was not added") from None

    def _call_done_callbacks(self) -> None:
        if self._done_called or not self._terminal():
            return
        self._done_called = True
        callbacks, self._done_callbacks = self._done_callbacks, []
        for func in callbacks:
            func(self)

    def notice_retry(self, notice: RetryNotice) -> None:
        """Report a read being retried to ``on_progress`` (the HTTP layer calls this before its delay)."""
        if self._span is not None:
            self._span.retried(notice)
        if self._on_progress is None:
            return
        machine = self._machine
        snapshot = machine.snapshot
        self._on_progress(
            ProgressEvent(
                state=snapshot.state if snapshot else OperationState.UNKNOWN,
                raw_status=snapshot.raw_status if snapshot else None,
                percent=snapshot.percent if snapshot else None,
                message=snapshot.message if snapshot else None,
                elapsed=machine.age(self._clock()),
                steps=snapshot.steps if snapshot else (),
                requests=machine.requests,
                retry=notice,
            )
        )

    def continuation_token(self) -> str:
        """A plain string to resume waiting elsewhere with ``client.resume(token)``. Holds no secret."""
        return self._machine.continuation_token()

    def _report(self, event: ProgressEvent | None) -> None:
        self._unreported = None
        if event is not None and self._on_progress is not None:
            self._on_progress(event)

    def _received(self, response: StatusResponse[ResourceT], *, started: float) -> StatusSnapshot:
        now = self._clock()
        self._report(self._machine.received(response, now=now, read_seconds=now - started))
        snapshot = self._machine.snapshot
        assert snapshot is not None
        if self._span is not None:
            self._span.answered(response, snapshot)
        if snapshot.state.is_terminal:
            self._call_done_callbacks()
        return snapshot

    def __repr__(self) -> str:
        snapshot = self._machine.snapshot
        state = f"{snapshot.state.value} ({snapshot.raw_status!r})" if snapshot else "not read yet"
        return f"<{type(self).__name__} {self._machine.reader.api_key} {state}>"


class Poller(_PollerBase[ResourceT]):
    """Waits for one operation, synchronously. Build it with a client's ``poller()`` or ``resume()``.

    ``result()`` reads until the operation is terminal: SUCCEEDED returns the last typed resource,
    FAILED raises :class:`OperationFailedError`, CANCELED :class:`OperationCanceledError` (both carry
    the operation's own error), and a wait longer than ``timeout`` raises
    :class:`PollingTimeoutError`. ``result()`` can be called again after a timeout; it continues the
    same schedule.
    """

    def __init__(
        self,
        *,
        fetch: Callable[[float | None], StatusResponse[ResourceT]],
        reader: StatusReader,
        status_url: str,
        policy: PollingPolicy | None = None,
        on_progress: ProgressCallback | None = None,
        initial: StatusResponse[ResourceT] | None = None,
        first_seen: float | None = None,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall_clock: Clock = time.time,
        rng: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            reader=reader,
            status_url=status_url,
            policy=policy,
            on_progress=on_progress,
            initial=initial,
            first_seen=first_seen,
            clock=clock,
            wall_clock=wall_clock,
            rng=rng,
        )
        self._fetch = fetch
        self._sleep = sleep

    def refresh(self) -> StatusSnapshot:
        """Read the status once, now, whatever the schedule (reported to ``on_progress`` like any read)."""
        started = self._clock()
        return self._received(self._fetch(None), started=started)

    def done(self) -> bool:
        """True once a terminal state (succeeded, failed, canceled) has been read.

        Reads the status first when a read is due by the polling schedule (never more often), so a
        caller's ``while not poller.done(): time.sleep(5)`` loop sees the end. Errors of that read
        (:class:`HttpError`, ...) are raised here.
        """
        if self._machine.read_due(self._clock()):
            self.refresh()
        return self._terminal()

    def status(self) -> OperationState:
        """The current state: read now if a read is due by the schedule, else the state last read."""
        if self._machine.read_due(self._clock()):
            return self.refresh().state
        snapshot = self._machine.snapshot
        assert snapshot is not None  # read_due is true until something was read
        return snapshot.state

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the operation is terminal or ``timeout`` seconds pass, as azure-core's ``wait``.

        Returns quietly when the time is up (``done()`` tells which); raises when the operation
        failed or was canceled, or the status could not be read.
        """
        try:
            self.result(timeout=timeout)
        except PollingTimeoutError:
            return

    def result(self, timeout: float | None = None) -> ResourceT:
        """Wait until the operation is terminal; ``timeout`` (seconds) overrides the policy's.

        ``timeout=0`` reads once (if a read is due) and returns or raises.
        """
        machine, clock = self._machine, self._clock
        step = machine.begin(now=clock(), timeout=timeout)
        span = self._span = _tracing.start_wait(self)
        self._report(self._unreported)
        try:
            while True:
                if isinstance(step, Fetch):
                    started = clock()
                    window = machine.fetch_window(started)
                    try:
                        response = self._fetch(window) if span is None else span.read(self._fetch, window)
                    except DeadlineReachedError as exc:  # the transport error, if any, stays the cause
                        raise machine.timeout_error(now=clock()) from exc.__cause__
                    self._received(response, started=started)
                    step = machine.decide(now=clock())
                elif isinstance(step, Sleep):
                    self._sleep(step.seconds)
                    step = Fetch()
                elif isinstance(step, Return):
                    self._call_done_callbacks()  # an ``initial`` terminal answer read no status itself
                    return step.resource
                else:
                    self._call_done_callbacks()
                    raise step.error
        except BaseException as exc:
            if span is not None:
                span.end(exc)
                span = self._span = None
            raise
        finally:
            machine.end()
            if span is not None:
                span.end(None)
                self._span = None


class AsyncPoller(_PollerBase[ResourceT]):
    """The async twin of :class:`Poller`: same arguments and names, awaitable I/O.

    Cancelling the task that awaits ``result()`` stops the wait at once; no further request is sent.
    """

    def __init__(
        self,
        *,
        fetch: Callable[[float | None], Awaitable[StatusResponse[ResourceT]]],
        reader: StatusReader,
        status_url: str,
        policy: PollingPolicy | None = None,
        on_progress: ProgressCallback | None = None,
        initial: StatusResponse[ResourceT] | None = None,
        first_seen: float | None = None,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        wall_clock: Clock = time.time,
        rng: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            reader=reader,
            status_url=status_url,
            policy=policy,
            on_progress=on_progress,
            initial=initial,
            first_seen=first_seen,
            clock=clock,
            wall_clock=wall_clock,
            rng=rng,
        )
        self._fetch = fetch
        self._sleep = sleep
        self._reading: asyncio.Task[None] | None = None
        self._background_error: Exception | None = None

    async def refresh(self) -> StatusSnapshot:
        """Read the status once, now, whatever the schedule (reported to ``on_progress`` like any read)."""
        started = self._clock()
        return self._received(await self._fetch(None), started=started)

    def done(self) -> bool:
        """True once a terminal state has been read; a plain method, as azure-core's async ``done()``.

        When a read is due by the schedule and an event loop is running, starts that one read as a
        task and answers from what is known; a later call sees its result (so
        ``while not poller.done(): await asyncio.sleep(5)`` ends within one interval and one sleep
        of the operation's end). An error of that read is raised by the next ``done()``, ``status()``
        or ``result()``. Outside a running loop it only reports what was read.
        """
        self._raise_background_error()
        if self._reading is None and self._machine.read_due(self._clock()):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                self._reading = loop.create_task(self._background_read())
        return self._terminal()

    def status(self) -> OperationState:
        """The state last read, at once: a plain method, as azure-core's async ``status()``.

        Like :meth:`done`, when a read is due by the schedule (and an event loop runs) it starts that
        one read as a task, so a ``while`` loop around it sees the end; before anything was read it
        answers ``UNKNOWN``. To read now (when due) and wait for the answer: ``await read_status()``.
        ``await poller.status()``, the awaited form of opstatus 0.1, still works and is deprecated: it
        answers the same state, now without waiting for a read (``DeprecationWarning``).
        """
        self.done()
        snapshot = self._machine.snapshot
        return snapshot.state if snapshot is not None else OperationState.UNKNOWN

    async def read_status(self) -> OperationState:
        """The current state: read now if a read is due by the schedule, else the state last read."""
        await self._settle()
        if self._machine.read_due(self._clock()):
            return (await self.refresh()).state
        snapshot = self._machine.snapshot
        assert snapshot is not None  # read_due is true until something was read
        return snapshot.state

    async def wait(self, timeout: float | None = None) -> None:  # noqa: ASYNC109 - as result()
        """Wait until terminal or ``timeout`` seconds pass; see :meth:`Poller.wait`."""
        try:
            await self.result(timeout=timeout)
        except PollingTimeoutError:
            return

    async def _background_read(self) -> None:
        try:
            await self.refresh()
        except Exception as exc:  # kept, and raised to the caller by the next call
            self._background_error = exc
        finally:
            self._reading = None

    async def _settle(self) -> None:
        """Let a read started by ``done()`` finish first (one read at a time), then raise its error."""
        reading = self._reading
        if reading is not None:
            await asyncio.shield(reading)
        self._raise_background_error()

    def _raise_background_error(self) -> None:
        error, self._background_error = self._background_error, None
        if error is not None:
            raise error

    # Same ``timeout`` as the sync twin (issue 4): the wait's total time budget, enforced by the state
    # machine, which also shortens the last sleep - not an I/O timeout.
    async def result(self, timeout: float | None = None) -> ResourceT:  # noqa: ASYNC109
        """Wait until the operation is terminal; ``timeout`` (seconds) overrides the policy's."""
        await self._settle()
        machine, clock = self._machine, self._clock
        step = machine.begin(now=clock(), timeout=timeout)
        span = self._span = _tracing.start_wait(self)
        self._report(self._unreported)
        try:
            while True:
                if isinstance(step, Fetch):
                    started = clock()
                    window = machine.fetch_window(started)
                    try:
                        fetching = self._fetch(window) if span is None else span.aread(self._fetch, window)
                        response = await fetching
                    except DeadlineReachedError as exc:  # the transport error, if any, stays the cause
                        raise machine.timeout_error(now=clock()) from exc.__cause__
                    self._received(response, started=started)
                    step = machine.decide(now=clock())
                elif isinstance(step, Sleep):
                    await self._sleep(step.seconds)
                    step = Fetch()
                elif isinstance(step, Return):
                    self._call_done_callbacks()  # an ``initial`` terminal answer read no status itself
                    return step.resource
                else:
                    self._call_done_callbacks()
                    raise step.error
        except BaseException as exc:
            if span is not None:
                span.end(exc)
                span = self._span = None
            raise
        finally:
            machine.end()
            if span is not None:
                span.end(None)
                self._span = None
