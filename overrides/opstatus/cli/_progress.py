"""What the person sees while ``wait`` runs: a live display, plain lines, or nothing.

The choice is made once per command by :func:`choose_view`: a terminal gets rich's live display
(spinner, state, elapsed time, percent bar, Partner Portal steps with their percentages); anything
else (a pipe, a CI log) gets one plain line per change, so logs stay readable and greppable. Without
the ``cli`` extra (rich) a terminal gets the plain lines plus a one-line install hint.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self, TextIO

from .._progress import ProgressEvent
from ._text import retry_text, summary_of
from ._visible import visible

__all__ = ["INSTALL_HINT", "SLOW_READ", "NullView", "PlainView", "ProgressView", "choose_view"]

INSTALL_HINT = "pip install 'opstatus[cli]'"
SLOW_READ = 2.0
"""Seconds after which a status read is called out as slow on the plain lines."""


class ProgressView(Protocol):
    """Receives every :class:`ProgressEvent` of one wait; a context manager around the wait.

    ``shows_details``: the last frame stays on screen with the percent and every step, so the final
    report need not repeat them.
    """

    shows_details: bool

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def update(self, event: ProgressEvent) -> None: ...


class NullView:
    """``--quiet``: shows nothing."""

    shows_details = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def update(self, event: ProgressEvent) -> None:
        return None


class PlainView:
    """One line per status read that changed something: ``[  3.1s] <label>: running (Running) 42%``,
    and one per retried read: ``[  3.1s] <label>: throttled (429 TooManyRequests): next try in 5.0s
    (attempt 2 of 4)``."""

    shows_details = False

    def __init__(self, *, label: str, stream: TextIO) -> None:
        self._label = label
        self._stream = stream
        self._last: str | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def update(self, event: ProgressEvent) -> None:
        if event.retry is not None:  # trouble is always shown, never folded into "no change"
            line = f"[{event.elapsed:6.1f}s] {self._label}: {retry_text(event.retry)}"
            print(visible(line), file=self._stream, flush=True)
            return
        summary = summary_of(event)
        slow = event.read_seconds is not None and event.read_seconds >= SLOW_READ
        if summary == self._last and not slow:
            return
        self._last = summary
        took = f" (the read took {event.read_seconds:.1f}s)" if slow and event.read_seconds else ""
        line = f"[{event.elapsed:6.1f}s] {self._label}: {summary}{took}"
        print(visible(line), file=self._stream, flush=True)


def choose_view(*, label: str, stream: TextIO, hint_stream: TextIO, quiet: bool) -> ProgressView:
    """The live display on a terminal (if rich is installed), plain lines elsewhere, nothing if quiet."""
    if quiet:
        return NullView()
    if _is_terminal(stream):
        try:
            from ._live import LiveView
        except ImportError:
            print(
                f"note: {INSTALL_HINT} for a live progress display; showing plain lines",
                file=hint_stream,
                flush=True,
            )
        else:
            # rich draws with escape sequences of its own: it gets the stream unmasked (still scrubbed
            # of secrets) and masks every cell it draws (see _visible).
            unmasked = getattr(stream, "unmasked", None)
            return LiveView(label=label, stream=unmasked() if callable(unmasked) else stream)
    return PlainView(label=label, stream=stream)


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False
