"""``wait-all``'s live summary on a terminal (extra ``opstatus[cli]``: rich). Imported only when used.

The same few lines whatever the number of operations: a spinner with how many are waiting and how
many ended; the counts by outcome; reads sent, reads/s, 429s and reads held by the budget; then the
last :data:`~opstatus.cli._wait_all_tally.RECENT` completions, each named by its operation id (a
URL's or token's last path segment) with its outcome.

Drawing never runs on the scheduler's thread: the loop only replaces the :class:`Tally`'s frozen
frame, and rich's refresh thread draws the current one 8 times a second, so a slow terminal never
delays a read. Every piece of text comes from the frame, where input and server text were masked
(``_visible``); cells are ``rich.text.Text``, which never parses markup. When the wait ends (or is
stopped) the last frame stays on screen.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self, TextIO

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from ._exit import ExitCode
from ._wait_all_tally import OUTCOME_NAMES, Tally

__all__ = ["WaitAllLiveView"]

_STYLES = {
    ExitCode.SUCCEEDED: "green",
    ExitCode.FAILED: "red",
    ExitCode.CANCELED: "yellow",
    ExitCode.TIMEOUT: "yellow",
    ExitCode.UNREADABLE: "magenta",
    ExitCode.USAGE: "magenta",
}
_MARKS = {ExitCode.SUCCEEDED: "✓", ExitCode.FAILED: "✗", ExitCode.CANCELED: "⊘", ExitCode.TIMEOUT: "⏱"}


class WaitAllLiveView:
    """rich ``Live`` around the whole wait, drawing the tally's current frame."""

    def __init__(self, tally: Tally, *, stream: TextIO, refresh_per_second: float = 8.0) -> None:
        self._tally = tally
        self._spinner = Spinner("dots", style="cyan")
        console = Console(file=stream, highlight=False)
        self._live = Live(self, console=console, refresh_per_second=refresh_per_second, transient=False)

    def __enter__(self) -> Self:
        self._live.start(refresh=True)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._live.stop()

    def __rich__(self) -> RenderableType:
        frame = self._tally.frame
        head = Table.grid(padding=(0, 1))
        mark: RenderableType = self._spinner if frame.waiting else Text("✓", style="green")
        head.add_row(mark, _cell(f"{frame.waiting} waiting, {frame.ended} of {frame.total} ended", "bold"))
        counts = Text("  ")
        for index, (code, count) in enumerate(frame.counts):
            counts.append(", " if index else "")
            counts.append(f"{count} {OUTCOME_NAMES[code]}", style=_STYLES[code])
        if frame.earlier:
            counts.append(f" ({frame.earlier} in an earlier run)", style="dim")
        reads = _cell(
            f"  {frame.reads} reads, {frame.reads_per_second:.1f}/s, {frame.throttles} throttled (429), "
            f"{frame.holds} held by the budget",
            "dim",
        )
        recent = Table.grid(padding=(0, 1))
        for done in reversed(frame.recent):
            recent.add_row(
                Text(" "), Text(_MARKS.get(done.code, "!"), style=_STYLES[done.code]), _cell(done.text)
            )
        return Group(head, counts, reads, recent)


def _cell(text: str, style: str = "") -> Text:
    """One line, cut with an ellipsis rather than wrapped (the text is masked already: see the tally)."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")
