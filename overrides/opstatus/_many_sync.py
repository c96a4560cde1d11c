"""The sync twin of :class:`~opstatus._many.AsyncOperationSet`: :class:`OperationSet`.

Same scheduler (:mod:`opstatus._many_core`: per-scope heaps of due reads, each scope's read budget, a
429 pausing its whole scope, one :class:`Outcome` per operation), same API (``add``, iteration,
``continuation_tokens``, ``max_in_flight``, ``rate``/``rates``, per-operation ``timeout``), over the
sync clients' pollers. What is particular to threads:

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

import concurrent.futures as cf
import math
import queue
import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from ._many_core import DEFAULT_MAX_IN_FLIGHT, Outcome, SetCore, SetEntry
from ._poller import Poller
from ._status import StatusResponse

if TYPE_CHECKING:
    from ._client import SyncClient

__all__ = ["OperationSet", "Outcome"]


class OperationSet:
    """Wait on many operations of any API at once, from sync code, sharing each scope's read budget.

    ::

        with opstatus.OperationSet(max_in_flight=16) as ops:
            ops.add(client.poller(resource_group="rg", operation_id="op-1"))
            ops.add("https://management.azure.com/...", client=arm_client, label="deploy eu")
            for outcome in ops:
                print(outcome.label, outcome.ok, outcome.error)

    ``add`` takes a :class:`Poller` (from any sync client's ``poller()``, ``poller_from_url()`` or
    ``resume()``), or a status URL or continuation token string with the sync ``client=`` to read it
    with. The other arguments are :class:`AsyncOperationSet`'s; ``max_in_flight`` is also the number
    of worker threads. ``clock``/``sleep``: injectable monotonic time, default the real ones (``sleep``
    is used only while no read is in flight; otherwise the set waits on the reads themselves).
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
        self._core = SetCore(
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
        self._running: dict[cf.Future[tuple[StatusResponse[Any], float]], SetEntry] = {}
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

    # --- what a caller reads --------------------------------------------------------------------------

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
        """One continuation token per operation not yet yielded, by label (see the async twin)."""
        return self._core.continuation_tokens()

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

    def _submit(self, entry: SetEntry) -> cf.Future[tuple[StatusResponse[Any], float]]:
        pool = self._pool
        if pool is None:
            pool = self._pool = cf.ThreadPoolExecutor(
                max_workers=self._core.max_in_flight, thread_name_prefix="opstatus-read"
            )
        future = pool.submit(self._read, entry, self._clock())
        future.add_done_callback(self._ended.put)
        return future

    @staticmethod
    def _read(entry: SetEntry, started: float) -> tuple[StatusResponse[Any], float]:
        """One status read, on a worker thread: the fetch only, no decision."""
        window = SetCore.fetch_window(entry, started)
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

    def __repr__(self) -> str:
        core = self._core
        return (
            f"<OperationSet waiting={len(core.entries)} in_flight={len(self._running)} "
            f"reads={core.reads} scopes={len(core.scopes)}>"
        )
