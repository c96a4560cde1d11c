"""The sans-IO scheduler of an operation set, shared by :class:`AsyncOperationSet` and :class:`OperationSet`.

What the module docstring of :mod:`opstatus._many` promises (most overdue read of a scope first, each
scope's :class:`~opstatus._budget.ScopeBudget` obeyed, at most ``max_in_flight`` reads at once, one
:class:`Outcome` per operation) is decided here, once, without I/O and without a clock of its own -
as :class:`~opstatus._machine.PollingMachine` is shared by ``Poller`` and ``AsyncPoller``. A driver
(asyncio tasks, or a thread pool) only does three things:

* asks :meth:`_SetCore.launch` which reads go now (each one is then counted as sent) and how long
  until another might;
* sends each read with ``entry.poller._fetch(core.fetch_window(entry, started))`` - in whatever
  thread or task it likes;
* hands each result back, on the scheduler's own thread, to :meth:`_SetCore.answered` or
  :meth:`_SetCore.failed`, and yields what :meth:`_SetCore.pop_ready` gives.

A 429 the HTTP pipeline rides out inside a read is heard through the poller's ``on_progress`` hook,
possibly on a worker thread: it is only *noted* there (a deque append, atomic in CPython) and applied
to the scope's budget by the scheduler before its next decision, so the budget is only ever touched by
one thread.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import attrs

from . import _tracing
from ._budget import ScopeBudget, read_budget_of, remaining_reads
from ._errors import DeadlineReachedError, InvalidParameterError, OpStatusError, ThrottledError
from ._machine import Fetch, PollingMachine, Raise, Return, Sleep, Step
from ._progress import ProgressEvent
from ._status import StatusResponse

if TYPE_CHECKING:
    from ._poller import _PollerBase

__all__ = ["DEFAULT_MAX_IN_FLIGHT", "Outcome", "_SetCore", "_SetEntry"]

DEFAULT_MAX_IN_FLIGHT: Final = 32
_TOKEN_PREFIX: Final = "opst"  # noqa: S105 - the continuation token version prefix, not a secret


@attrs.frozen(kw_only=True)
class Outcome:
    """How one operation of a set ended.

    ``label`` is what the caller named it (default: the URL or token added, or the poller's status
    URL); ``result`` the resource a successful wait returns (``None`` when it failed); ``error`` the
    typed error it ended with (:class:`OperationFailedError`, :class:`PollingTimeoutError`, an
    :class:`HttpError`, ...; ``None`` when it succeeded); ``requests`` the status reads it took;
    ``scope`` the budget scope it was read under.
    """

    label: str
    result: Any = None
    error: OpStatusError | None = None
    requests: int = 0
    scope: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


class _SetEntry:
    """One operation of the set: its poller (machine and fetch), label, scope and wait span."""

    __slots__ = ("held", "label", "poller", "scope", "span")

    def __init__(self, label: str, poller: _PollerBase[Any], scope: _Scope) -> None:
        self.label = label
        self.poller = poller
        self.scope = scope
        self.span: _tracing._WaitSpan | None = None
        self.held = False  # its due read is waiting for the scope's budget (counted once in holds)

    @property
    def machine(self) -> PollingMachine[Any]:
        return self.poller._machine


class _ThrottleListener:
    """A set's hook on one poller's progress events: a 429 retry notice becomes a note for its scope.

    An object with slots, not a closure: one is kept per waiting operation, and a closure with its
    cells costs about three times the memory (issue 22: 10,000 operations in 100 MB).
    """

    __slots__ = ("budget", "callers", "clock", "notes")

    def __init__(
        self,
        budget: ScopeBudget,
        clock: Callable[[], float],
        notes: deque[tuple[ScopeBudget, float, float | None]],
        callers: Callable[[ProgressEvent], None] | None,
    ) -> None:
        self.budget, self.clock, self.notes, self.callers = budget, clock, notes, callers

    def __call__(self, event: ProgressEvent) -> None:
        notice = event.retry
        if notice is not None and notice.throttled and notice.status_code == 429:
            self.notes.append((self.budget, self.clock(), notice.delay))
        if self.callers is not None:
            self.callers(event)


class _Scope:
    """One budget scope: its :class:`ScopeBudget`, its heap of due reads and its header."""

    __slots__ = ("budget", "counted_at", "heap", "name", "remaining_header")

    def __init__(self, name: str, budget: ScopeBudget, remaining_header: str | None) -> None:
        self.name = name
        self.budget = budget
        self.remaining_header = remaining_header
        self.heap: list[tuple[float, int, _SetEntry]] = []
        self.counted_at = -math.inf  # when the last remaining-reads count of this scope was taken


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    return value


class _SetCore:
    """Every decision of an operation set; the drivers in :mod:`opstatus._many` do the I/O.

    ``kind`` names the set in messages (``AsyncOperationSet``/``OperationSet``); ``poller_type`` is
    the poller class ``add`` accepts (``AsyncPoller``/``Poller``), so a sync poller is never driven
    by the async set or the other way round. ``answers_in_order``: the driver hands answers over in
    the order the service wrote them (one event loop: as good as); a thread pool does not (threads
    finish parsing in any order), so there an answer of a read that overlapped one already counted
    may only lower the scope's count, never raise it: its count may be the older one.
    """

    def __init__(
        self,
        *,
        kind: str,
        poller_type: type[_PollerBase[Any]],
        max_in_flight: int,
        rate: float | None,
        rates: Mapping[str, float] | None,
        reserve: int,
        probe_interval: float,
        clock: Callable[[], float],
        answers_in_order: bool = True,
    ) -> None:
        self.kind = kind
        self._answers_in_order = answers_in_order
        self.poller_type = poller_type
        self.max_in_flight = _check_count("max_in_flight", max_in_flight)
        self._rate = rate
        self._rates = dict(rates or {})
        self._reserve = reserve
        self._probe_interval = probe_interval
        ScopeBudget(announced=False, rate=rate, reserve=reserve, probe_interval=probe_interval)  # checks
        for name, value in self._rates.items():
            ScopeBudget(announced=False, rate=value)  # same checks, per scope
            if not isinstance(name, str):
                raise TypeError(f"rates keys are scope names (str), got {name!r}")
        self.clock = clock
        self.scopes: dict[str, _Scope] = {}
        self.entries: dict[str, _SetEntry] = {}  # not yet yielded, by label
        self.ready: deque[Outcome] = deque()
        self.in_flight = 0
        self.reads = 0
        self.holds = 0  # reads that were due but waited for their scope's budget (each counted once)
        self.closed = False
        self._seq = itertools.count()
        self._throttle_notes: deque[tuple[ScopeBudget, float, float | None]] = deque()

    # --- building the set -----------------------------------------------------------------------------

    def add(
        self, operation: object, *, client: Any = None, label: str | None = None, timeout: float | None = None
    ) -> str:
        # See ``AsyncOperationSet.add``: one entry, its first step scheduled; returns its label.
        if self.closed:
            raise RuntimeError(f"this {self.kind} is closed; make a new one")
        poller = self._poller(operation, client)
        if label is None:
            name = operation.strip() if isinstance(operation, str) else poller.status_url
        elif isinstance(label, str):
            name = label
        else:
            raise TypeError(f"label must be a str, got {type(label).__name__}")
        if name in self.entries:
            raise InvalidParameterError(name="label", value=name, reason="already in this set")
        entry = _SetEntry(name, poller, self._scope_of(poller))
        self._listen_for_throttling(entry)
        now = self.clock()
        step = entry.machine.begin(now=now, timeout=timeout)
        entry.span = _tracing.start_wait(poller)
        self.entries[name] = entry
        poller._span = entry.span
        poller._report(poller._unreported)
        self._schedule(entry, step, now)
        return name

    def _poller(self, operation: object, client: Any) -> _PollerBase[Any]:
        if isinstance(operation, self.poller_type):
            return operation
        wanted = f"{self.poller_type.__name__} or a URL/token string with client=<its client>"
        if not isinstance(operation, str) or not hasattr(client, "poller_from_url"):
            raise TypeError(f"{self.kind}.add() takes a {wanted}, got {type(operation).__name__}")
        text = operation.strip()
        if not text:
            raise InvalidParameterError(name="operation", value=operation, reason="empty")
        poller = client.resume(text) if text.startswith(_TOKEN_PREFIX) else client.poller_from_url(text)
        if not isinstance(poller, self.poller_type):
            raise TypeError(
                f"{self.kind}.add() takes a {wanted}, got a client making {type(poller).__name__}"
            )
        return poller

    def _scope_of(self, poller: _PollerBase[Any]) -> _Scope:
        api_key = poller._machine.reader.api_key
        declared = read_budget_of(api_key)
        parts = urlsplit(poller.status_url)
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")  # never user:password@
        value = declared.scope_of(parts.path)
        if value is not None and declared.scope_after is not None:
            name = f"{host}/{declared.scope_after}/{value}"
        else:
            name = f"{host} ({api_key})"
        scope = self.scopes.get(name)
        if scope is None:
            budget = ScopeBudget(
                announced=declared.remaining_header is not None,
                rate=self._rates.get(name, self._rate),
                reserve=self._reserve,
                probe_interval=self._probe_interval,
            )
            scope = self.scopes[name] = _Scope(name, budget, declared.remaining_header)
        return scope

    def _listen_for_throttling(self, entry: _SetEntry) -> None:
        """A 429 the HTTP pipeline is riding out (a RetryNotice) pauses the whole scope, not one read.

        The hook is the poller's ``on_progress``: the pipeline reports each retry there before its
        delay (on a worker thread in the sync set: only noted here, applied by :meth:`launch`); the
        caller's own callback still hears every event.
        """
        poller = entry.poller
        poller._on_progress = _ThrottleListener(
            entry.scope.budget, self.clock, self._throttle_notes, poller._on_progress
        )

    def _apply_throttle_notes(self) -> None:
        notes = self._throttle_notes
        while notes:
            budget, at, delay = notes.popleft()
            budget.throttled(at, delay)

    # --- what a caller reads --------------------------------------------------------------------------

    @property
    def throttles(self) -> int:
        self._apply_throttle_notes()
        return sum(scope.budget.throttles for scope in self.scopes.values())

    def continuation_tokens(self) -> dict[str, str]:
        return {label: entry.poller.continuation_token() for label, entry in self.entries.items()}

    def pending(self) -> bool:
        # True while something is in flight or waiting in a scope's queue.
        return self.in_flight > 0 or any(scope.heap for scope in self.scopes.values())

    def pop_ready(self) -> Outcome | None:
        return self.ready.popleft() if self.ready else None

    # --- the scheduler --------------------------------------------------------------------------------

    def _schedule(self, entry: _SetEntry, step: Step[Any], now: float) -> None:
        if isinstance(step, Fetch):
            heapq.heappush(entry.scope.heap, (now, next(self._seq), entry))
        elif isinstance(step, Sleep):
            heapq.heappush(entry.scope.heap, (now + step.seconds, next(self._seq), entry))
        elif isinstance(step, Return):
            self._finish(entry, result=step.resource)
        elif isinstance(step, Raise):
            self._finish(entry, error=step.error)

    def launch(self, now: float) -> tuple[list[_SetEntry], float]:
        # The reads that go now (each counted as sent), and seconds until another might (inf: none). The
        # driver must send every entry returned and report each one back.
        self._apply_throttle_notes()
        wake = math.inf
        starting: list[_SetEntry] = []
        for scope in list(self.scopes.values()):
            heap, budget = scope.heap, scope.budget
            while heap:
                due, _, entry = heap[0]
                if due > now:
                    wake = min(wake, due - now)
                    break
                if self.in_flight >= self.max_in_flight:
                    return starting, wake  # a read's end wakes the scheduler
                held = budget.wait(now)
                if held > 0:
                    left = self._past_deadline(entry, now)
                    if left is not None and left <= 0:
                        heapq.heappop(heap)
                        self._finish(entry, error=entry.machine.timeout_error(now=now))
                        continue
                    wake = min(wake, held, math.inf if left is None else left)
                    if not entry.held:
                        entry.held, self.holds = True, self.holds + 1
                    break
                heapq.heappop(heap)
                entry.held = False
                budget.sent(now)
                self.reads += 1
                self.in_flight += 1
                if entry.span is not None:
                    entry.span.start_read()
                starting.append(entry)
        return starting, wake

    @staticmethod
    def _past_deadline(entry: _SetEntry, now: float) -> float | None:
        """Seconds before the entry's deadline (None: none, or its opening read, which may go late)."""
        machine = entry.machine
        if machine.requests == 0:
            return None
        return machine.remaining(now)

    @staticmethod
    def fetch_window(entry: _SetEntry, started: float) -> float | None:
        return entry.machine.fetch_window(started)

    def answered(self, entry: _SetEntry, response: StatusResponse[Any], started: float) -> None:
        # A read of ``entry`` came back with an answer: record it and schedule what follows.
        self.in_flight -= 1
        self._apply_throttle_notes()
        now = self.clock()
        scope = entry.scope
        scope.budget.answered(now, self._count(scope, response, started, now))
        if response.headers is not None:
            # The remaining-reads count is all the set reads in an answer's headers, and it is taken:
            # the poller keeps its last answer until the next one, so the headers (about 0.9 KB) would
            # stay alive once per waiting operation (issue 22: memory at 10,000 operations).
            response = attrs.evolve(response, headers=None)
        entry.poller._received(response, started=started)
        now = self.clock()
        self._schedule(entry, entry.machine.decide(now=now), now)

    def _count(self, scope: _Scope, response: StatusResponse[Any], started: float, now: float) -> int | None:
        """The remaining-reads count of an answer, as far as it can be trusted (see ``answers_in_order``)."""
        count = _remaining(scope, response)
        if count is None:
            return None
        if not self._answers_in_order and started < scope.counted_at:
            known, in_flight = scope.budget.remaining, scope.budget.in_flight
            if known is not None and count - (in_flight - 1) > known:
                return None  # maybe older than the count already taken: it may not raise it
        scope.counted_at = now
        return count

    def failed(self, entry: _SetEntry, error: BaseException) -> None:
        # A read of ``entry`` raised: its typed error becomes the outcome; anything else is re-raised (a bug
        # or a caller's callback, not an outcome of the operation).
        self.in_flight -= 1
        self._apply_throttle_notes()
        budget, machine = entry.scope.budget, entry.machine
        now = self.clock()
        budget.failed(now)
        if entry.span is not None:
            entry.span.read_failed(error)
        if isinstance(error, DeadlineReachedError):
            timeout = machine.timeout_error(now=now)
            timeout.__cause__ = error.__cause__
            self._finish(entry, error=timeout)
        elif isinstance(error, OpStatusError):
            if isinstance(error, ThrottledError):
                budget.throttled(now, error.retry_after)
            self._finish(entry, error=error)
        else:
            raise error

    def _finish(self, entry: _SetEntry, *, result: Any = None, error: OpStatusError | None = None) -> None:
        entry.machine.end()
        self.entries.pop(entry.label, None)
        if entry.span is not None:
            entry.span.end(error)
            entry.span = entry.poller._span = None
        self.ready.append(
            Outcome(
                label=entry.label,
                result=result,
                error=error,
                requests=entry.machine.requests,
                scope=entry.scope.name,
            )
        )

    def close(self) -> None:
        # Nothing more is read; the wait spans of what is left end (not as errors: stopped, not failed).
        self.closed = True
        self.in_flight = 0
        for entry in self.entries.values():
            if entry.span is not None:
                entry.span.end(None, stopped=True)
                entry.span = entry.poller._span = None


def _remaining(scope: _Scope, response: StatusResponse[Any]) -> int | None:
    header, headers = scope.remaining_header, response.headers
    if header is None or headers is None:
        return None
    value = headers.get(header)
    return remaining_reads(value if isinstance(value, str) else None)
