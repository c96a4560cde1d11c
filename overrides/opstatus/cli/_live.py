"""The live progress display on a terminal (extra ``opstatus[cli]``: rich). Imported only when used.

A spinner and which operation; its state, a percent bar when the API reports one, the time since
the wait started and how many reads; and, for Partner Portal operations, one line per publishing step
with its own status and bar. Elapsed time ticks between reads (it is computed at each refresh
from the last event), so the screen never looks frozen during a long poll interval.

Drawing never runs on the thread that keeps the wait's deadline: :meth:`LiveView.update` only keeps
the latest event, and rich's own refresh thread draws it (10 times a second), so neither a large
answer nor a slow terminal delays a read or the end of the wait. A frame is bounded too: at most
:data:`MAX_STEPS` steps around the current one, and how many more there are.

Trouble shows while it lasts: a retried read (throttled, a 5xx, a dropped connection) adds a line
with the reason and a countdown to the next try, gone once a read succeeds; a slow first read shows
how long it has taken so far (``reading the status... 4.2s``) instead of a bare spinner.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self, TextIO

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from .._progress import ProgressEvent, RetryNotice, StepProgress
from .._state import OperationState
from ._text import percent_text, retry_text, state_text, step_window
from ._visible import visible

__all__ = ["LiveView"]

_BAR_WIDTH = 24
_SLOW_READ = 0.5
"""Seconds after which a first read still under way shows its elapsed time."""
_STEP_BAR_WIDTH = 12
MAX_STEPS = 12
"""Steps drawn at most (around the current one, with ``+K more steps``): a frame costs the same
whether the service lists 3 steps or 20,000."""
_MARKS = {
    OperationState.SUCCEEDED: Text("✓", style="green"),
    OperationState.FAILED: Text("✗", style="red"),
    OperationState.CANCELED: Text("⊘", style="yellow"),
    OperationState.NOT_STARTED: Text("·", style="dim"),
}
_STYLES = {
    OperationState.SUCCEEDED: "bold green",
    OperationState.FAILED: "bold red",
    OperationState.CANCELED: "bold yellow",
    OperationState.UNKNOWN: "magenta",
}


class LiveView:
    """rich ``Live`` around one wait; the last frame stays on screen when the wait ends."""

    shows_details = True

    def __init__(self, *, label: str, stream: TextIO, refresh_per_second: float = 10.0) -> None:
        self._label = label
        self._console = Console(file=stream, highlight=False)
        self._spinner = Spinner("dots", style="cyan")
        self._step_spinner = Spinner("dots", style="cyan")
        self._event: ProgressEvent | None = None
        self._retry: RetryNotice | None = None
        self._retry_at = 0.0
        self._received = time.monotonic()
        self._started = self._received
        self._live = Live(self, console=self._console, refresh_per_second=refresh_per_second, transient=False)

    def __enter__(self) -> Self:
        self._started = time.monotonic()
        self._live.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._live.stop()

    def update(self, event: ProgressEvent) -> None:
        """Keep the event for the next frame; called on the waiting thread, so it never draws."""
        if event.retry is not None:
            self._retry, self._retry_at = event.retry, time.monotonic()
        else:
            self._event, self._retry = event, None
            self._received = time.monotonic()

    # --- rendering ----------------------------------------------------------------------------------

    def __rich__(self) -> RenderableType:
        # Two header lines (which operation; how it is doing) and one line per step, so the whole
        # display fits an 80-column terminal even with a GUID operation id.
        event = self._event
        title = Table.grid(padding=(0, 1))
        mark = self._spinner if event is None else self._mark(event.state, self._spinner)
        title.add_row(mark, _cell(self._label, style="bold"))
        status = Table.grid(padding=(0, 1))
        trouble = self._trouble()
        if event is None:
            waited = time.monotonic() - self._started
            reading = "reading the status..." + (f" {waited:.1f}s" if waited >= _SLOW_READ else "")
            status.add_row(Text(" "), _cell(reading, style="dim"))
            return Group(title, status, *trouble)
        status.add_row(
            Text(" "),
            _cell(state_text(event.state, event.raw_status), style=_STYLES.get(event.state, "cyan")),
            *self._bar(event.percent, _BAR_WIDTH),
            _cell(f"{self._elapsed(event):.1f}s", style="dim"),
            _cell(f"{event.requests} read{'s' if event.requests != 1 else ''}", style="dim"),
        )
        if not event.steps:
            return Group(title, status, *trouble)
        steps = Table.grid(padding=(0, 1))
        start, shown = step_window(event.steps, MAX_STEPS)
        if start:
            steps.add_row(Text("   "), Text("…"), _cell(f"{start} earlier step{'s' if start != 1 else ''}"))
        for step in shown:
            steps.add_row(Text("   "), *self._step_row(step))
        after = len(event.steps) - start - len(shown)
        if after:
            steps.add_row(Text("   "), Text("+"), _cell(f"{after} more step{'s' if after != 1 else ''}"))
        return Group(title, status, *trouble, steps)

    def _trouble(self) -> tuple[RenderableType, ...]:
        """The retry line (reason, countdown to the next try), while a read is being retried."""
        notice = self._retry
        if notice is None:
            return ()
        left = notice.delay - (time.monotonic() - self._retry_at)
        line = Table.grid(padding=(0, 1))
        line.add_row(Text(" "), _cell(retry_text(notice, delay=left), style="yellow"))
        return (line,)

    def _elapsed(self, event: ProgressEvent) -> float:
        if event.state.is_terminal:
            return event.elapsed
        return event.elapsed + (time.monotonic() - self._received)

    def _mark(self, state: OperationState, spinner: Spinner) -> RenderableType:
        return _MARKS.get(state, spinner)

    def _bar(self, percent: float | None, width: int) -> tuple[RenderableType, RenderableType]:
        if percent is None:
            return Text(""), Text("")
        return (
            ProgressBar(total=100.0, completed=percent, width=width),
            Text(f"{percent_text(percent):>4}"),
        )

    def _step_row(self, step: StepProgress) -> tuple[RenderableType, ...]:
        return (
            self._mark(step.state, self._step_spinner),
            _cell(step.name or "(unnamed)"),
            _cell(step.raw_status or step.state.value, style=_STYLES.get(step.state, "cyan")),
            *self._bar(step.percent, _STEP_BAR_WIDTH),
        )


def _cell(text: str, *, style: str = "") -> Text:
    """A table cell that is cut with an ellipsis rather than wrapped onto a second line.

    Every cell may hold server text: it is masked here (``_visible``), as this view writes to the
    terminal past the stream's own mask. ``Text`` never parses rich markup, so ``[red]`` stays literal.
    """
    return Text(visible(text), style=style, no_wrap=True, overflow="ellipsis")
