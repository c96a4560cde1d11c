"""How long to wait between status reads: :class:`PollingPolicy` (first draft; schedule being tuned)."""

from __future__ import annotations

import attrs

__all__ = ["PollingPolicy"]


def _non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value >= 0:
        raise ValueError(f"PollingPolicy.{attribute.name} must be >= 0, got {value!r}")


@attrs.frozen(kw_only=True)
class PollingPolicy:
    """Immutable polling schedule. All times in seconds.

    ``min_delay``/``max_delay`` are the floor and cap of every wait (a server ``Retry-After`` wins
    but is clamped to them); ``factor`` is the exponential growth; ``jitter`` the relative random
    spread; ``timeout`` the default total wall time of a wait (``None``: as long as the operation
    takes); ``honour_retry_after`` lets a server's ``Retry-After`` replace the computed delay.
    """

    min_delay: float = attrs.field(default=1.0, validator=_non_negative)
    max_delay: float = attrs.field(default=600.0, validator=_non_negative)
    factor: float = 1.25
    jitter: float = 0.1
    timeout: float | None = None
    honour_retry_after: bool = True
