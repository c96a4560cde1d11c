"""The floor between two requests of one poller, kept across calls: :class:`Pacer`.

The waiting machine spaces reads *within* one ``result()``. Nothing spaced them *across* calls: the
README's "catch the error and call ``poller.result()`` again" loop, against a server answering 429 +
``Retry-After: 0`` forever, sent thousands of requests a second, because a poller that never read
successfully fetched at once on every ``result()``. A :class:`Pacer` lives with each poller's fetch
function and remembers when its last request ended: the next one waits until ``floor`` after a
failed read (the policy's ``min_delay``, at least 0.1 s), or ``MIN_DELAY_FLOOR`` after a good one.
Together with the retry floor (``_retry.MIN_RETRY_DELAY``) no caller loop makes one poller send
more than ten requests a second.
"""

from __future__ import annotations

from typing import Final

from ._policy import MIN_DELAY_FLOOR

__all__ = ["Pacer"]

_NEVER: Final = float("-inf")


class Pacer:
    """When one poller may send its next request; pure bookkeeping on the poller's clock."""

    __slots__ = ("_after_error", "_next_at")

    def __init__(self, *, after_error: float) -> None:
        self._after_error = max(after_error, MIN_DELAY_FLOOR)
        self._next_at = _NEVER

    def delay(self, now: float) -> float:
        """Seconds to wait before the next request may go out (0: now)."""
        return max(0.0, self._next_at - now)

    def done(self, now: float, *, failed: bool) -> None:
        """A request (with its retries) ended at ``now``."""
        self._next_at = now + (self._after_error if failed else MIN_DELAY_FLOOR)
