"""Waiting on many operations at once: :class:`AsyncOperationSet` and :class:`OperationSet`, one
scheduler for N waiting machines.

``asyncio.gather`` of N ``wait()`` calls runs N schedules that each back off alone while the others
keep spending the service's read budget (issue 22 measured 1.8x the allowed reads and 40 % of them
429s). Here one scheduler drives every operation's :class:`~opstatus._machine.PollingMachine` - the
same sans-IO machine a single ``result()`` drives, so each operation keeps its own polling policy,
``Retry-After`` and deadline - and decides *which* due read goes next:

* per scope (ARM subscription, CPP publisher, one per API and host otherwise: see
  :mod:`opstatus._budget`), a heap of due times: the most overdue read of a scope goes first;
* a read goes only when its scope's :class:`~opstatus._budget.ScopeBudget` allows it (remaining-reads
  header, a 429's pause for the whole scope, the caller's ``rate``), and at most ``max_in_flight``
  reads are in flight in the whole set;
* each operation ends alone: its result, or its typed error (failed, canceled, timed out, an HTTP
  error after the pipeline's retries), becomes one :class:`Outcome`; the others go on.

What a caller can rely on:

* ``async for outcome in ops`` yields each operation once, as it completes, in completion order;
* an operation's ``timeout`` (default: its client's polling policy's) counts from when it was added;
  one whose final read is held back by the budget past its deadline ends with
  :class:`PollingTimeoutError` when it reaches the head of its scope's queue, without a read;
* leaving ``async with ops`` (or ``await ops.aclose()``), or cancelling the task that iterates, cancels
  every read in flight and sends nothing more; the set cannot be iterated again after that;
* :meth:`AsyncOperationSet.continuation_tokens` gives one token per operation not yet yielded (a
  plain dict, label -> token, safe to store as JSON): add them to a new set, with a client of the
  same API, to resume the whole set in another process;
* memory: one small entry per operation beside its poller (measured in README, "Waiting on many
  operations"); nothing grows with the number of reads.

The sync twin, :class:`OperationSet`, drives the same scheduler (:mod:`opstatus._many_core`, where
every decision above is made) from a thread pool, with the same API over the sync clients' pollers.
What is particular to threads:

* the reads go through a thread pool of ``max_in_flight`` workers (httpx's sync client is safe to share
  between threads); every decision, every ``on_progress`` event of a read answered, the tracing of it
  and every outcome happen on the thread that iterates. Only the retry events the HTTP pipeline sends
  *during* a read (``ProgressEvent.retry``) reach a caller's ``on_progress`` on a worker thread;
* the pool is made by the first ``next()``, not by the constructor (azure-core's regret: a thread
  started in a constructor), and ``close()`` (leaving ``with``, the end of the iteration, or any
  exception out of it, ``KeyboardInterrupt`` included) sends nothing more, drops the reads not yet
  started and joins the workers: no thread of the set runs after it returns. A read already on the
  wire is waited for (a thread cannot be killed); each one is bounded by its wait's deadline and the
  client's HTTP timeouts;
* ``add`` is called from the thread that iterates (before iterating, or between outcomes); the set is
  not meant to be shared between threads.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import math
import queue
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from ._many_core import DEFAULT_MAX_IN_FLIGHT, Outcome, _SetCore, _SetEntry
from ._poller import AsyncPoller, Poller
from ._status import StatusResponse

if TYPE_CHECKING:
    from ._client import AsyncClient, SyncClient

__all__ = ["DEFAULT_MAX_IN_FLIGHT", "AsyncOperationSet", "OperationSet", "Outcome"]


class _Readouts:
    """What both sets tell a caller between outcomes; each keeps its scheduler in ``_core``."""

    _core: _SetCore
    _running: Mapping[Any, _SetEntry]

    def __len__(self) -> int:
        """Operations not yet yielded."""
        return len(self._core.entries)

    @property
    def reads(self) -> int:
        """Status reads this set has sent (their HTTP retries not counted)."""
        return self._core.reads

    @property
    def throttles(self) -> int:
        """429 answers seen across all scopes (each paused its scope)."""
        return self._core.throttles

    @property
    def holds(self) -> int:
        """Reads that were due but waited for their scope's budget (each read counted once)."""
        return self._core.holds

    @property
    def scopes(self) -> tuple[str, ...]:
        """The budget scopes of the operations added, by name (the keys ``rates=`` takes)."""
        return tuple(self._core.scopes)

    def continuation_tokens(self) -> dict[str, str]:
        """One continuation token per operation not yet yielded, by label: add them to a new set
        (``ops.add(token, client=..., label=label)``) to resume in another process."""
        return self._core.continuation_tokens()

    def __repr__(self) -> str:
        core = self._core
        return (
            f"<{type(self).__name__} waiting={len(core.entries)} in_flight={len(self._running)} "
            f"reads={core.reads} scopes={len(core.scopes)}>"
        )


class AsyncOperationSet(_Readouts):
    """Wait on many operations of any API at once, sharing each scope's read budget.

    ::

        async with opstatus.AsyncOperationSet(max_in_flight=32) as ops:
            ops.add(client.poller(resource_group="rg", operation_id="op-1"))
            ops.add("https://management.azure.com/...", client=arm_client, label="deploy eu")
            async for outcome in ops:
                print(outcome.label, outcome.ok, outcome.error)

    ``add`` takes an :class:`AsyncPoller` (from any async client's ``poller()``, ``poller_from_url()``
    or ``resume()``), or a status URL or continuation token string with the async ``client=`` to read
    it with. ``rate``: reads per second allowed in every scope (``rates`` per scope name, as
    :attr:`Outcome.scope` spells it); ``reserve``: reads of an announced budget left unspent for other
    tools; ``probe_interval``: seconds between single reads while that reserve is all that is left.
    ``clock``/``sleep``: injectable monotonic time (tests), default the event loop's real ones.
    """

    def __init__(
        self,
        *,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        rate: float | None = None,
        rates: Mapping[str, float] | None = None,
        reserve: int = 1,
        probe_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._core = _SetCore(
            kind="AsyncOperationSet",
            poller_type=AsyncPoller,
            max_in_flight=max_in_flight,
            rate=rate,
            rates=rates,
            reserve=reserve,
            probe_interval=probe_interval,
            clock=clock,
        )
        self._clock = clock
        self._sleep = sleep
        self._running: dict[asyncio.Task[tuple[StatusResponse[Any], float]], _SetEntry] = {}
        self._kick: asyncio.Future[None] | None = None  # set while the scheduler sleeps: add() wakes it

    # --- building the set -----------------------------------------------------------------------------

    def add(
        self,
        operation: AsyncPoller[Any] | str,
        *,
        client: AsyncClient[Any] | None = None,
        label: str | None = None,
        timeout: float | None = None,
    ) -> str:
        """Add one operation; returns its label. ``timeout``: seconds for this operation's wait
        (default its policy's), counted from now.

        A string is a continuation token (``opst...``) or a status URL, read with ``client``
        (required then; the URL must be on the client's host, as ``poller_from_url`` requires).
        A label already in the set raises :class:`InvalidParameterError`.
        """
        name = self._core.add(operation, client=client, label=label, timeout=timeout)
        kick = self._kick
        if kick is not None and not kick.done():
            kick.set_result(None)  # an operation added while the set sleeps is read when due, not later
        return name

    # --- the iterator ---------------------------------------------------------------------------------

    def __aiter__(self) -> AsyncIterator[Outcome]:
        return self

    async def __anext__(self) -> Outcome:
        try:
            return await self._next()
        except BaseException:  # exhausted, cancelled, or a bug: nothing more is read
            await self.aclose()
            raise

    async def _next(self) -> Outcome:
        core = self._core
        while True:
            outcome = core.pop_ready()
            if outcome is not None:
                return outcome
            if core.closed or not core.pending():
                raise StopAsyncIteration
            starting, wake = core.launch(self._clock())
            for entry in starting:
                self._running[asyncio.ensure_future(self._read(entry, self._clock()))] = entry
            if core.ready:
                continue
            await asyncio.sleep(0)  # let reads just started take their first step
            if self._harvest():
                continue
            self._kick = asyncio.get_running_loop().create_future()
            waiters: set[asyncio.Future[Any]] = {*self._running, self._kick}
            sleeper = None
            if not math.isinf(wake):
                sleeper = asyncio.ensure_future(self._sleep(max(wake, 0.0)))
                waiters.add(sleeper)
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                self._kick = None
                if sleeper is not None and not sleeper.done():
                    sleeper.cancel()
            self._harvest()

    async def aclose(self) -> None:
        """Stop: cancel every read in flight, send nothing more. Safe to call twice."""
        self._core.close()
        running = list(self._running)
        self._running.clear()
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    # --- the reads ------------------------------------------------------------------------------------

    async def _read(self, entry: _SetEntry, started: float) -> tuple[StatusResponse[Any], float]:
        window = _SetCore.fetch_window(entry, started)
        fetch, span = cast("AsyncPoller[Any]", entry.poller)._fetch, entry.span
        response = await (fetch(window) if span is None else span.awithin_read(fetch, window))
        return response, started

    def _harvest(self) -> bool:
        """Hand every finished read to the scheduler; True when any was."""
        finished = [task for task in self._running if task.done()]
        for task in finished:
            entry = self._running.pop(task)
            error = task.exception()
            if error is None:
                response, started = task.result()
                self._core.answered(entry, response, started)
            else:
                self._core.failed(entry, error)
        return bool(finished)


class OperationSet(_Readouts):
    """:class:`AsyncOperationSet` for sync code: ``with``, ``for outcome in ops``, ``close()``.

    ``add`` takes a :class:`Poller` of any sync client, or a status URL or continuation token with the
    sync ``client=``. ``max_in_flight`` worker threads send the reads; ``sleep`` waits only while none
    is in flight.
    """

    def __init__(
        self,
        *,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        rate: float | None = None,
        rates: Mapping[str, float] | None = None,
        reserve: int = 1,
        probe_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._core = _SetCore(
            kind="OperationSet",
            poller_type=Poller,
            max_in_flight=max_in_flight,
            rate=rate,
            rates=rates,
            reserve=reserve,
            probe_interval=probe_interval,
            clock=clock,
            answers_in_order=False,  # worker threads finish in any order
        )
        self._clock = clock
        self._sleep = sleep
        self._pool: cf.ThreadPoolExecutor | None = None
        self._running: dict[cf.Future[tuple[StatusResponse[Any], float]], _SetEntry] = {}
        # Reads in the order they ended: answers are handed to the budget in the order the service
        # wrote them (as near as threads allow), so an older remaining-reads count never overwrites a
        # newer one and lets more reads go than the bucket holds.
        self._ended: queue.SimpleQueue[cf.Future[tuple[StatusResponse[Any], float]]] = queue.SimpleQueue()

    # --- building the set -----------------------------------------------------------------------------

    def add(
        self,
        operation: Poller[Any] | str,
        *,
        client: SyncClient[Any] | None = None,
        label: str | None = None,
        timeout: float | None = None,
    ) -> str:
        """Add one operation; returns its label. As :meth:`AsyncOperationSet.add`, with a sync client."""
        return self._core.add(operation, client=client, label=label, timeout=timeout)

    # --- the iterator ---------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Outcome]:
        return self

    def __next__(self) -> Outcome:
        try:
            return self._next()
        except BaseException:  # exhausted, Ctrl-C, or a bug: nothing more is read, no worker is left
            self.close()
            raise

    def _next(self) -> Outcome:
        core = self._core
        while True:
            outcome = core.pop_ready()
            if outcome is not None:
                return outcome
            if core.closed or not core.pending():
                raise StopIteration
            starting, wake = core.launch(self._clock())
            for entry in starting:
                self._running[self._submit(entry)] = entry
            if core.ready:
                continue
            if self._running:
                self._harvest(None if math.isinf(wake) else max(wake, 0.0))
            elif not math.isinf(wake):
                self._sleep(max(wake, 0.0))

    def close(self) -> None:
        """Stop: send nothing more, drop reads not started, join the workers. Safe to call twice."""
        self._core.close()
        pool, self._pool = self._pool, None
        running = list(self._running)
        self._running.clear()
        for future in running:
            future.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- the reads ------------------------------------------------------------------------------------

    def _submit(self, entry: _SetEntry) -> cf.Future[tuple[StatusResponse[Any], float]]:
        pool = self._pool
        if pool is None:
            pool = self._pool = cf.ThreadPoolExecutor(
                max_workers=self._core.max_in_flight, thread_name_prefix="opstatus-read"
            )
        future = pool.submit(self._read, entry, self._clock())
        future.add_done_callback(self._ended.put)
        return future

    @staticmethod
    def _read(entry: _SetEntry, started: float) -> tuple[StatusResponse[Any], float]:
        """One status read, on a worker thread: the fetch only, no decision."""
        window = _SetCore.fetch_window(entry, started)
        fetch, span = cast("Poller[Any]", entry.poller)._fetch, entry.span
        response = fetch(window) if span is None else span.within_read(fetch, window)
        return response, started

    def _harvest(self, timeout: float | None) -> None:
        """Wait up to ``timeout`` seconds (None: no limit) for a read to end, then hand every ended read
        to the scheduler, on this thread, in the order they ended."""
        try:
            ended = [self._ended.get(timeout=timeout)]
        except queue.Empty:
            return
        while True:
            try:
                ended.append(self._ended.get_nowait())
            except queue.Empty:
                break
        for future in ended:
            entry = self._running.pop(future, None)
            if entry is None:  # dropped by close()
                continue
            error = future.exception()
            if error is None:
                response, started = future.result()
                self._core.answered(entry, response, started)
            else:
                self._core.failed(entry, error)
