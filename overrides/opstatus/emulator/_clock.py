"""The emulator's sense of time: the wall clock, or a virtual clock the test moves by hand.

Lifecycles are scripted in seconds since an operation was created. With the wall clock those seconds pass
by themselves; with the virtual clock they pass only when a test calls ``advance`` (or, with
``tick_per_request``, a little on every status read), so a test never sleeps to see an operation finish.
Timestamps in bodies are ``epoch + clock seconds``: deterministic under the virtual clock.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Literal

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
        """Move the virtual clock forward; returns the new time. The wall clock cannot be moved."""
        if self._mode != "virtual":
            raise RuntimeError(
                "only the virtual clock can be advanced (start the emulator with clock='virtual')"
            )
        if not seconds >= 0:  # also refuses NaN
            raise ValueError(f"seconds must be >= 0, not {seconds!r}")
        with self._lock:
            self._virtual += seconds
            return self._virtual

    def reset(self) -> None:
        """Back to virtual second 0 (the wall clock keeps running)."""
        with self._lock:
            self._virtual = 0.0

    def datetime_at(self, seconds: float) -> datetime:
        """The UTC datetime a clock reading stands for in response bodies."""
        return self._epoch + timedelta(seconds=seconds)
