"""Where the ``wait-all --state`` journal meets the disk: appends on the event loop, rewrites off it.

``_wait_all_state`` decides *what* the journal says; this module only writes it. Two kinds of write:

* an **append** (one completion, one line): made on the event loop, right after the outcome is
  printed, with nothing awaited between the two (one ``write``, flushed: microseconds);
* a **rewrite** (the whole file, atomically: a temporary file beside it, fsync, ``os.replace``). With
  10,000 operations that is about 3 MB to serialise, write and fsync: tens of milliseconds during which
  an event loop would send no read and read no answer. So the periodic rewrite runs on a worker thread
  (:meth:`JournalWriter.start_rewrite`): the loop hands it a snapshot (lists it copied, no JSON) and
  goes on; the thread serialises it, writes, fsyncs and renames. At most one rewrite is in flight: when
  the next one falls due while the last still runs, ``start_rewrite`` declines and the caller tries
  again on its next tick (coalesced, never queued). The rewrites at the start and at the end of a run
  run on the caller's thread (:meth:`JournalWriter.rewrite`): nothing else is going on then.

Why no completion is lost by a rename (the question a background rewrite raises): a completion appended
*after* the snapshot was taken is not in the snapshot, and the rename would replace the file that holds
it. So, with every file write under one lock:

1. On the loop, :meth:`JournalWriter.start_rewrite` starts a list of *late* lines, then has the
   snapshot taken: from then on each append goes to the current file **and** to that list, and each
   completion recorded before it is in the snapshot (copied after it). Both happen in one step of
   the loop, so an append lands in the snapshot or in the late lines (both, harmlessly, at worst),
   never in neither.
2. The thread writes the snapshot to the temporary file and fsyncs it, without the lock (the slow
   part; appends go on meanwhile, into the current file and the late list).
3. Then, holding the lock (so no append can come in between): it writes the late lines to the end of
   the temporary file, renames it over the journal, and makes it the file later appends go to.

A ``kill -9`` at any moment therefore leaves one of two files, each holding every completion appended
so far: before step 3's rename, the old file (every append went to it); after it, the new one
(snapshot + late lines, and every later append goes to it). Its descriptor was opened ``O_APPEND`` on
the temporary file, so it follows the inode through the rename and nothing has to be reopened (and so
nothing can fail) after it (POSIX: an open file may be renamed, and renamed over). A later line for
the same operation overrides an earlier one, so a late completion written after the snapshot's token
line for that operation wins. The late lines are flushed, not fsynced, like every append: a power
loss may take them (then those operations are waited on again, as ``_wait_all_state`` says); a kill
cannot.

The loop waits for the lock only while the thread does step 3 (a few small writes and a rename), never
for the serialising, the writing of the snapshot or the fsync.

Closing (the end of a run, Ctrl-C, an error) waits for a rewrite in flight, at most
:data:`SETTLE_SECONDS`; a rewrite still running after that (a stuck file system) is dropped when it
reaches step 3: its temporary file is removed and the journal stays the old file, which already holds
every completion. The worker is a daemon thread for that reason: a stuck ``fsync`` never keeps a
stopped command from exiting. It starts with the first background rewrite, waits for the next one
between rewrites, and ends when the journal is closed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from queue import SimpleQueue
from typing import IO, Final

from ._exit import CliError, ExitCode

__all__ = ["SETTLE_SECONDS", "JournalWriter"]

SETTLE_SECONDS: Final = 10.0
"""Seconds closing (or a rewrite on the caller's thread) waits for a rewrite already in flight."""

Render = Callable[[], str]
"""Makes the whole file's text from a snapshot taken earlier (called on the thread that writes it)."""


class _Dropped(Exception):
    """The journal was closed while this rewrite ran: the old file stays (it holds everything)."""


class JournalWriter:
    """Writes one journal file: appends from the event loop, whole rewrites on the loop or a worker."""

    def __init__(self, path: Path, *, settle_seconds: float = SETTLE_SECONDS) -> None:
        self.path = path
        self._settle_seconds = settle_seconds
        self._lock = threading.Lock()
        # Guarded by _lock (the worker thread reads and replaces them in step 3):
        self._append: IO[str] | None = None
        self._late: list[str] | None = None  # appends since the in-flight rewrite's snapshot
        self._closed = False
        # Used from the loop's thread only:
        self._in_flight: Future[None] | None = None
        self._worker: threading.Thread | None = None
        self._jobs: SimpleQueue[tuple[Render, Future[None]] | None] = SimpleQueue()

    @property
    def busy(self) -> bool:
        """True while a rewrite started by :meth:`start_rewrite` has not finished."""
        return self._in_flight is not None and not self._in_flight.done()

    def append(self, line: str) -> None:
        """Add one line (ending in ``\\n``): one write, flushed before returning. Before the first
        rewrite there is no file: that rewrite's snapshot (or its late lines) holds the line."""
        with self._lock:
            if self._append is not None:
                self._append.write(line)
                self._append.flush()
            if self._late is not None:  # even before the first file: a rewrite in flight writes it
                self._late.append(line)

    def start_rewrite(self, snapshot: Callable[[], Render]) -> bool:
        """Rewrite the file on a worker thread. ``snapshot`` is called here, on the caller's thread
        (the event loop), and returns what makes the text from the copy it took. False, and nothing
        started, while the previous rewrite is still running. Raises the previous rewrite's failure
        (:class:`CliError`), once."""
        if self.busy:
            return False
        self._collect()
        with self._lock:
            self._late = []  # before the snapshot: an append is in one of the two, maybe both, never neither
        try:
            render = snapshot()
        except BaseException:
            with self._lock:
                self._late = None
            raise
        done: Future[None] = Future()
        self._in_flight = done
        if self._worker is None:  # the first one: later ones are handed over without a thread start,
            # whose handshake would keep the loop waiting for the new thread to give the GIL back
            self._worker = threading.Thread(target=self._serve, name="opstatus-state-rewrite", daemon=True)
            self._worker.start()
        self._jobs.put((render, done))
        return True

    def rewrite(self, render: Render) -> None:
        """Rewrite the file on the caller's thread, after the rewrite in flight (if any) ends (this
        one supersedes it: its failure, if it failed, is not raised)."""
        self._settle()
        with contextlib.suppress(_Dropped):
            self._replace(render)

    def close(self) -> None:
        """Wait (bounded) for the rewrite in flight, then close the file; a valid journal stays."""
        try:
            with contextlib.suppress(CliError):
                self._settle()  # a rewrite still running after that finds the journal closed: dropped
        finally:  # also when a second Ctrl-C interrupts the wait
            with self._lock:
                self._closed = True
                if self._append is not None:
                    self._append.close()
                    self._append = None
            if self._worker is not None:
                self._jobs.put(None)  # the worker ends after the rewrite it may still be running
                self._worker = None

    # --- the worker's side ------------------------------------------------------------------------------

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._run(*job)

    def _run(self, render: Render, done: Future[None]) -> None:
        try:
            self._replace(render)
        except _Dropped:
            done.set_result(None)
        except BaseException as exc:  # handed to the loop's thread, raised there
            done.set_exception(exc)
        else:
            done.set_result(None)

    def _replace(self, render: Render) -> None:
        """Steps 2 and 3 of the module docstring (also the whole of a rewrite on the caller's thread,
        where no append can come in between)."""
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        handle: IO[str] | None = None
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
            handle = os.fdopen(os.open(temporary, flags, 0o600), "w", encoding="utf-8")
            handle.write(render())
            handle.flush()
            os.fsync(handle.fileno())
            with self._lock:
                if self._closed:
                    raise _Dropped
                if self._late:
                    handle.write("".join(self._late))
                    handle.flush()
                os.replace(temporary, self.path)
                previous, self._append, self._late = self._append, handle, None
            handle = None  # now the journal's: appends go to it
            if previous is not None:
                previous.close()
        except OSError as exc:
            raise _usage(f"cannot write the state file {self.path}: {exc.strerror or exc}") from None
        finally:
            if handle is not None:  # not renamed: the old file stays the journal, and holds everything
                with contextlib.suppress(OSError):
                    handle.close()
                with contextlib.suppress(OSError):
                    temporary.unlink()
                with self._lock:
                    self._late = None

    # --- the loop's side ----------------------------------------------------------------------------------

    def _settle(self) -> None:
        """Wait up to ``settle_seconds`` for the rewrite in flight; raise if it still runs then. Its
        failure, if it failed, is dropped: the caller's own rewrite, or closing, comes after it."""
        done = self._in_flight
        if done is None:
            return
        try:
            done.exception(timeout=self._settle_seconds)
        except FutureTimeout:
            raise _usage(
                f"cannot write the state file {self.path}: a rewrite still runs after "
                f"{self._settle_seconds:g} s (the file keeps every completion so far)"
            ) from None
        self._in_flight = None

    def _collect(self) -> None:
        """Raise the failure of a finished rewrite, once."""
        done = self._in_flight
        if done is not None and done.done():
            self._in_flight = None
            done.result()


def _usage(message: str) -> CliError:
    return CliError(code="UsageError", message=message, exit_code=ExitCode.USAGE)
