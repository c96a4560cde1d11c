"""The emulator's sense of time: the wall clock, or a virtual clock the test moves by hand.

Lifecycles are scripted in seconds since an operation was created. With the wall clock those seconds pass
by themselves; with the virtual clock they pass only when a test calls ``advance`` (or, with
``tick_per_request``, a little on every status read), so a test never sleeps to see an operation finish.
Timestamps in bodies are ``epoch + clock seconds``: deterministic under the virtual clock. The clock
never passes ``MAX_CLOCK_SECONDS`` (see ``_limits``): a step past it is refused whole, so the clock (and
every timestamp and JSON answer built from it) stays finite.
"""

from __future__ import annotations

import math
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Literal

from ._errors import InvalidOperationSpecError
from ._limits import MAX_CLOCK_SECONDS

__all__ = ["VIRTUAL_EPOCH", "Clock", "ClockMode"]

ClockMode = Literal["wall", "virtual"]

VIRTUAL_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
"""What virtual second 0 reads as in response bodies."""


class Clock:
    """Seconds since the emulator started, thread-safe (the server thread reads, the test thread advances)."""

    def __init__(self, *, mode: ClockMode) -> None:
        if mode not in ("wall", "virtual"):
            raise ValueError(f"clock mode must be 'wall' or 'virtual', not {mode!r}")
        self._mode: ClockMode = mode
        self._lock = threading.Lock()
        self._virtual = 0.0
        self._started = time.monotonic()
        self._epoch = VIRTUAL_EPOCH if mode == "virtual" else datetime.now(UTC)

    @property
    def mode(self) -> ClockMode:
        return self._mode

    def now(self) -> float:
        """Seconds since start: virtual seconds, or monotonic wall seconds."""
        if self._mode == "wall":
            return time.monotonic() - self._started
        with self._lock:
            return self._virtual

    def advance(self, seconds: float) -> float:
        """Move the virtual clock forward; returns the new time. The wall clock cannot be moved.

        Raises :class:`InvalidOperationSpecError` (a ``ValueError``), leaving the clock as it was, for a
        step that is not a finite number >= 0 or that would pass ``MAX_CLOCK_SECONDS``.
        """
        if self._mode != "virtual":
            raise RuntimeError(
                "only the virtual clock can be advanced (start the emulator with clock='virtual')"
            )
        step = _finite_step(seconds)
        with self._lock:
            if self._virtual + step > MAX_CLOCK_SECONDS:
                raise InvalidOperationSpecError(
                    f"advancing by {step!r} s would take the clock from {self._virtual!r} s past its "
                    f"bound of {MAX_CLOCK_SECONDS:.0f} s"
                )
            self._virtual += step
            return self._virtual

    def tick(self, seconds: float) -> float:
        """Like :meth:`advance`, but stops at ``MAX_CLOCK_SECONDS`` instead of refusing (the per-request
        tick of a status read, which has no one to refuse to)."""
        if self._mode != "virtual":
            raise RuntimeError("only the virtual clock ticks")
        step = _finite_step(seconds)
        with self._lock:
            self._virtual = min(self._virtual + step, MAX_CLOCK_SECONDS)
            return self._virtual

    def reset(self) -> None:
        """Back to virtual second 0 (the wall clock keeps running)."""
        with self._lock:
            self._virtual = 0.0

    def datetime_at(self, seconds: float) -> datetime:
        """The UTC datetime a clock reading stands for in response bodies."""
        return self._epoch + timedelta(seconds=seconds)


def _finite_step(seconds: object) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise InvalidOperationSpecError(f"seconds must be a number, not {type(seconds).__name__}")
    if isinstance(seconds, int) and not 0 <= seconds <= MAX_CLOCK_SECONDS:  # before float(): 10**400
        raise InvalidOperationSpecError(
            f"seconds must be between 0 and {MAX_CLOCK_SECONDS:.0f}, not {_shown(seconds)}"
        )
    if not (math.isfinite(seconds) and seconds >= 0):
        raise InvalidOperationSpecError(f"seconds must be a finite number >= 0, not {seconds!r}")
    if seconds > MAX_CLOCK_SECONDS:
        raise InvalidOperationSpecError(
            f"seconds must be at most {MAX_CLOCK_SECONDS:.0f} (the clock's bound), not {_shown(seconds)}"
        )
    return float(seconds)


def _shown(value: int | float) -> str:
    """``repr`` for a message, without 400 digits (or the ValueError ``repr`` raises past 4,300)."""
    if isinstance(value, int) and abs(value) > 10**18:
        return f"an integer of {value.bit_length()} bits"
    return repr(value)
