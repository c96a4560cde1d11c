"""What a caller sees while an operation runs: one :class:`ProgressEvent` after every status read.

These are plain immutable values so an ``on_progress`` callback can keep them, compare them or log
them without holding on to the poller. Per-API differences (ARM ``percentComplete``, CPP publishing
steps, Graph's bare status) are already resolved by :class:`opstatus._status.StatusReader`; an event
looks the same for all three APIs.
"""

from __future__ import annotations

import attrs

from ._state import OperationState

__all__ = ["ProgressEvent", "StepProgress"]


@attrs.frozen(kw_only=True)
class StepProgress:
    """One step of a multi-step operation (Cloud Partner Portal publishing), in the service's order.

    ``state`` is the step's raw status mapped through the same table as the operation's own status,
    so a step that is ``complete`` reads SUCCEEDED and ``blocked`` reads RUNNING. ``messages`` are
    the step's message texts in the order the service listed them.
    """

    name: str | None
    state: OperationState
    raw_status: str | None
    percent: float | None
    messages: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ProgressEvent:
    """The operation as of one status read.

    ``percent`` is 0-100 where the API reports progress (ARM ``percentComplete`` if sent; CPP combined
    from the steps, see :class:`opstatus._status.StatusReader`), else ``None``. ``message`` is the
    service's human-readable note if it sent one (typically the error message). ``elapsed`` counts
    seconds since the operation was first seen (by this poller, or by the one whose continuation
    token it resumed); ``requests`` is how many status reads this poller has made, this one included.
    """

    state: OperationState
    raw_status: str | None
    percent: float | None
    message: str | None
    elapsed: float
    steps: tuple[StepProgress, ...] = ()
    requests: int = 0
