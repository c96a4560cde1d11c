"""Work per answer bounded by the wait's deadline, not by the answer's size (issue 21).

A legal body just under ``max_body_size`` (4 MiB) can hold 174,758 Cloud Partner Portal steps. Turning
it into a typed model and a progress snapshot (every step's state, percent and messages) cost 2-4 s of
CPU here, all of it after the last byte came: ``wait(timeout=0.5)`` ended seconds late, and an async
client blocked its event loop for as long. Capping the number of items would refuse legal answers;
a per-byte cost estimate depends on the machine and its load. So the choice is **where** the work runs:

* an answer of at most :data:`LARGE_BODY` bytes (16 KiB; real status answers are a few KB) is parsed
  inline, as before: the hot path adds one length check. Decoding and parsing the densest such body
  (682 CPP steps) cost 9 ms of CPU here (25 ms wall on a loaded machine): the most an async client's
  loop is held by parsing one answer;
* a larger one is parsed in a worker thread (the model, then the snapshot the poller reads), and the
  caller waits for it no longer than the time left: past the wait's deadline the read ends in
  :class:`DeadlineReachedError` (the poller's ``PollingTimeoutError``; a single read's ``timeout=``:
  ``TransportError``), its cause a ``TimeoutError`` that says parsing was stopped. Async clients
  await the thread (anyio), so the loop runs meanwhile; pure-Python parsing gives the GIL back every
  few milliseconds (``sys.getswitchinterval``). A parse the caller stopped waiting for is stopped
  too: Python cannot stop a thread, so before parsing, every long array of the document is swapped
  for a list that checks a stop flag every :data:`_CHECK_EVERY` items while it is iterated (the
  generated models and the reader iterate them); the thread then ends within a few milliseconds,
  its work dropped. :func:`stopped` counts those parses.

What stays on the caller's thread: ``json.loads`` of the body, inside the pipeline (its retry rules
need the result). It is C code that holds the GIL whatever thread runs it, so moving it would not free
the loop: about 0.2 s for 4 MiB of the densest JSON here, the stated bound of what one answer may
hold an event loop for (``max_body_size`` scales it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar, cast

import anyio
import anyio.to_thread

from ._errors import DeadlineReachedError

__all__ = ["LARGE_BODY", "parse_within", "parse_within_async", "stopped"]

T = TypeVar("T")

LARGE_BODY: Final = 16 * 1024
"""Bodies longer than this many bytes are parsed off the caller's thread, within the deadline."""
_CHECK_EVERY: Final = 256
_WATCHED_LENGTH: Final = 64
"""Arrays at least this long are watched (shorter ones cost too little to be worth a check)."""
_stopped = [0]
_stopped_lock = threading.Lock()


class _Stop(Exception):
    """Raised inside a parse the caller stopped waiting for; never leaves this module."""


class _Watched(list[Any]):
    """A JSON array that stops being iterated once its parse's stop flag is set."""

    __slots__ = ("_stop",)

    def __init__(self, items: list[Any], stop: threading.Event) -> None:
        super().__init__(items)
        self._stop = stop

    def __reduce__(self) -> tuple[type[list[Any]], tuple[list[Any]]]:
        # Copied or pickled (a model keeps unknown members as they came), it is a plain list again.
        return list, (list(super().__iter__()),)

    def __iter__(self) -> Iterator[Any]:
        stop = self._stop
        for index, item in enumerate(super().__iter__()):
            if not index % _CHECK_EVERY and stop.is_set():
                raise _Stop
            yield item


def _watched(document: Any, stop: threading.Event) -> Any:
    """``document`` with each array of :data:`_WATCHED_LENGTH` items or more as a :class:`_Watched`."""
    root: list[Any] = [document]
    pending: list[tuple[Any, Any]] = [(root, 0)]
    seen = 0
    while pending:
        container, key = pending.pop()
        value = container[key]
        seen += 1
        if not seen % _CHECK_EVERY and stop.is_set():
            raise _Stop
        if isinstance(value, dict):
            pending.extend((value, name) for name in value)
        elif isinstance(value, list):
            if len(value) >= _WATCHED_LENGTH:
                value = container[key] = _Watched(value, stop)
            pending.extend((value, index) for index in range(len(value)))
    return root[0]


def stopped() -> int:
    """How many parses of large answers the deadline stopped waiting for, in this process."""
    return _stopped[0]


def _timed_out(size: int, timeout: float) -> DeadlineReachedError:
    with _stopped_lock:
        _stopped[0] += 1
    error = DeadlineReachedError(f"the wait's deadline came while parsing a {size:,}-byte answer")
    error.__cause__ = TimeoutError(
        f"parsing a {size:,}-byte answer did not finish in the {max(timeout, 0):.3g} s left: stopped waiting"
    )
    return error


def parse_within(work: Callable[[Any], T], document: Any, *, size: int, timeout: float | None) -> T:
    """``work(document)``; in a worker thread waited for at most ``timeout`` seconds when ``size`` is
    large (then stopped, and :class:`DeadlineReachedError` raised)."""
    if size <= LARGE_BODY:
        return work(document)
    outcome: list[tuple[bool, object]] = []
    done, stop = threading.Event(), threading.Event()

    def run() -> None:
        try:
            outcome.append((True, work(_watched(document, stop))))
        except _Stop:
            pass
        except BaseException as exc:  # handed to the caller, who raises it
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="opstatus-parse", daemon=True).start()
    if not done.wait(None if timeout is None else max(timeout, 0.0)) or not outcome:
        stop.set()
        raise _timed_out(size, timeout or 0.0)
    return cast("T", _result(outcome[0]))


async def parse_within_async(
    work: Callable[[Any], T],
    document: Any,
    *,
    size: int,
    timeout: float | None,  # noqa: ASYNC109 - seconds left on a deadline kept by the caller
) -> T:
    """The async twin of :func:`parse_within`: the event loop runs while a large answer is parsed."""
    if size <= LARGE_BODY:
        return work(document)
    stop = threading.Event()

    def run() -> tuple[bool, object]:
        try:
            return True, work(_watched(document, stop))
        except _Stop:
            return False, _Stop()
        except Exception as exc:  # handed to the caller, who raises it
            return False, exc

    try:
        with anyio.move_on_after(None if timeout is None else max(timeout, 0.0)):
            outcome = await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
            if not isinstance(outcome[1], _Stop):
                return cast("T", _result(outcome))
    finally:
        stop.set()  # a no-op once the parse is done; else it ends at its next check
    raise _timed_out(size, timeout or 0.0)


def _result(outcome: tuple[bool, object]) -> Any:
    ok, value = outcome
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value
