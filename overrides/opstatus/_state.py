"""The one vocabulary of operation states shared by the three APIs.

Each API spells its statuses differently (ARM ``Succeeded``, CPP ``complete``/``completed``, Graph
``succeeded``); the generated polling tables map every known spelling, case-insensitively, onto these
members. A status no table knows becomes ``UNKNOWN``: not finished, never a crash, raw value kept.
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Generator
from typing import Any

__all__ = ["OperationState"]


class OperationState(enum.StrEnum):
    """Where an operation is in its life, independent of which API reported it.

    The values are the state names used by the ``x-opstatus-polling`` extension in the specs and by the
    generated polling tables (``TABLE.states``), so a state name converts with ``OperationState(value)``.
    """

    NOT_STARTED = "not_started"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    UNKNOWN = "unknown"

    @property
    def is_terminal(self) -> bool:
        """True for SUCCEEDED, FAILED and CANCELED: polling stops. UNKNOWN is not terminal."""
        return self in _TERMINAL

    def __await__(self) -> Generator[Any, None, OperationState]:
        """Deprecated: ``await poller.status()`` on an async poller, from when ``status()`` was awaited.

        ``AsyncPoller.status()`` is a plain method now (as azure-core's); awaiting what it returns
        gives the same state, with a ``DeprecationWarning``. Use ``poller.status()``, or
        ``await poller.read_status()`` to read now.
        """
        warnings.warn(
            "await poller.status() is deprecated: AsyncPoller.status() is a plain method now; "
            "use poller.status(), or await poller.read_status() to read now",
            DeprecationWarning,
            stacklevel=2,
        )
        return self
        yield  # a generator: awaiting it returns at once


_TERMINAL = frozenset({OperationState.SUCCEEDED, OperationState.FAILED, OperationState.CANCELED})
