"""What ``wait-all`` has seen so far, as one immutable :class:`Frame` a display may read from any thread.

The scheduler's thread (the event loop) is the only writer: it calls :meth:`Tally.ended` at each
completion and :meth:`Tally.sample` a few times a second with the set's counters. Each call replaces
:attr:`Tally.frame` with a new frozen value (one reference assignment), so rich's refresh thread
draws whatever frame is current without a lock and without touching the set itself (whose dicts the
loop mutates). Everything in a frame is bounded whatever the number of operations: the counts by
outcome, three counters, a rate, and the last :data:`RECENT` completions.

Server and input text reaches a frame already masked (``_visible``): a completion's text is built
with :func:`~opstatus.cli._visible.visible` here, so no display can forget it.
"""

from __future__ import annotations

from collections import deque
from typing import Final

import attrs

from ._exit import ExitCode
from ._visible import visible

__all__ = ["OUTCOME_NAMES", "RECENT", "Completion", "Frame", "Tally", "summary_line"]

RECENT: Final = 5
"""Completions a frame keeps (the most recent ones)."""

OUTCOME_NAMES: Final = {
    ExitCode.SUCCEEDED: "succeeded",
    ExitCode.FAILED: "failed",
    ExitCode.CANCELED: "canceled",
    ExitCode.TIMEOUT: "timed out",
    ExitCode.UNREADABLE: "unreadable",
    ExitCode.USAGE: "bad input",
}
"""How a summary names each outcome, in the order it lists them."""

_RATE_WINDOW: Final = 3.0
"""Seconds of samples reads/s is averaged over."""


@attrs.frozen(kw_only=True)
class Completion:
    """One operation that ended: its input line and outcome, both already masked for a terminal."""

    text: str
    code: ExitCode


@attrs.frozen(kw_only=True)
class Frame:
    """Everything a summary shows at one moment."""

    total: int
    counts: tuple[tuple[ExitCode, int], ...] = ()
    earlier: int = 0
    """Operations that ended in an earlier run of the same ``--state`` file (counted in ``counts``)."""
    reads: int = 0
    reads_per_second: float = 0.0
    throttles: int = 0
    holds: int = 0
    recent: tuple[Completion, ...] = ()

    def count(self, code: ExitCode) -> int:
        return dict(self.counts).get(code, 0)

    @property
    def ended(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def waiting(self) -> int:
        return self.total - self.ended


class Tally:
    """Counts completions and samples the set's counters; :attr:`frame` is the latest view of both."""

    def __init__(self, *, total: int) -> None:
        self._counts: dict[ExitCode, int] = {}
        self._recent: deque[Completion] = deque(maxlen=RECENT)
        self._samples: deque[tuple[float, int]] = deque()
        self.frame = Frame(total=total)

    def ended(self, line: str, code: ExitCode, outcome: str, *, earlier: bool = False) -> None:
        """One operation ended (``earlier``: in a run before this one, read back from the state file)."""
        self._counts[code] = self._counts.get(code, 0) + 1
        if not earlier:
            self._recent.append(Completion(text=f"{visible(line)}: {visible(outcome)}", code=code))
        self.frame = attrs.evolve(
            self.frame,
            counts=tuple((known, self._counts[known]) for known in OUTCOME_NAMES if known in self._counts),
            earlier=self.frame.earlier + earlier,
            recent=tuple(self._recent),
        )

    def sample(self, now: float, *, reads: int, throttles: int, holds: int) -> None:
        """The set's counters at ``now`` (monotonic seconds); reads/s is averaged over the last 3 s."""
        samples = self._samples
        samples.append((now, reads))
        while len(samples) > 2 and samples[1][0] <= now - _RATE_WINDOW:
            samples.popleft()
        first_at, first_reads = samples[0]
        rate = (reads - first_reads) / (now - first_at) if now > first_at else 0.0
        self.frame = attrs.evolve(
            self.frame, reads=reads, reads_per_second=rate, throttles=throttles, holds=holds
        )


def summary_line(frame: Frame, *, stopped: bool = False) -> str:
    """``12 operations: 10 succeeded, 2 failed; 340 reads, 0 throttled, 25 held by the budget``.

    ``stopped`` (Ctrl-C) adds how many were still waiting; operations reported by an earlier run of
    the same state file are counted and said so.
    """
    parts = [f"{count} {OUTCOME_NAMES[code]}" for code, count in frame.counts]
    if stopped or frame.waiting:
        parts.append(f"{frame.waiting} still waiting")
    earlier = f" ({frame.earlier} ended in an earlier run)" if frame.earlier else ""
    return (
        f"{frame.total} operations: {', '.join(parts) or 'none'}{earlier}; {frame.reads} reads, "
        f"{frame.throttles} throttled, {frame.holds} held by the budget"
    )
