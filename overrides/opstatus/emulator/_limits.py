"""Every bound on what the emulator accepts, in one place: the figures README's Guarantees table states.

The emulator is a test double that other processes drive over HTTP, so its inputs are as hostile as any
server's: a number that serialises as ``Infinity``, a clock pushed to ``inf``, a body that never ends or a
connection that never speaks must each be refused (4xx, nothing changed) or closed, never kept.

* Numbers: finite, and integers within 64 bits, in every admin body; each field has its own range
  (``FaultPlan``, ``Advance``) on top.
* Time: the virtual clock never passes :data:`MAX_CLOCK_SECONDS`, and no lifecycle lasts longer, so every
  timestamp a body shows stays a real date (about 634 years after the epoch at most).
* Bodies: :data:`MAX_REQUEST_BODY` bytes per request, every route; beyond it a 413 and the connection closes.
* Connections: the ``*_TIMEOUT`` defaults below (``EmulatorServer`` takes each as a keyword).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BODY_TIMEOUT",
    "HEADER_TIMEOUT",
    "KEEP_ALIVE_TIMEOUT",
    "MAX_CLOCK_SECONDS",
    "MAX_FAULT_WEIGHT",
    "MAX_INT",
    "MAX_REQUEST_BODY",
    "MAX_RETRY_AFTER",
    "MAX_SCRIPT",
    "MAX_TRICKLE_PIECES",
    "MIN_INT",
]

MAX_CLOCK_SECONDS: Final = 10_000_000_000.0
"""The virtual clock's ceiling (about 317 years); also the longest lifecycle. Advancing past it is refused."""

MAX_FAULT_WEIGHT: Final = 1_000_000.0
"""The largest weight of one kind in ``FaultPlan.mix`` (weights are relative: any ratio fits below it)."""

MAX_RETRY_AFTER: Final = 2**31 - 1
"""The largest ``Retry-After`` the emulator sends: fits a signed 32-bit int in any client's parser."""

MAX_SCRIPT: Final = 100_000
"""The most faults a ``FaultPlan.script`` lists."""

MAX_TRICKLE_PIECES: Final = 1_000_000
"""The most pieces a ``trickle`` body is cut into (more than the bytes of a body changes nothing)."""

MIN_INT: Final = -(2**63)
MAX_INT: Final = 2**64 - 1
"""The range of any integer in an admin body (seeds included): what a 64-bit client can send."""

MAX_REQUEST_BODY: Final = 1024 * 1024
"""Bytes of one request body (1 MiB): the largest legitimate admin body, a long scripted lifecycle, is a few
KB. A larger ``Content-Length`` is answered 413 unread; a chunked body is cut off at the cap."""

KEEP_ALIVE_TIMEOUT: Final = 5.0
"""Seconds a kept-alive connection may stay silent between a response and the next request."""

HEADER_TIMEOUT: Final = 10.0
"""Seconds from a connection's start (or its previous response) to a complete request head."""

BODY_TIMEOUT: Final = 30.0
"""Seconds from a complete request head to the end of its body (408 then, and the connection closes)."""
