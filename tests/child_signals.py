"""Child processes that a test interrupts start with SIGINT at its default.

A shell that runs a job in the background (``make test &`` in a non-interactive script, some CI
runners) starts it with SIGINT *ignored*, and every process it starts inherits that; Python then
installs no KeyboardInterrupt handler, so a test's Ctrl-C would never reach the program under test.
Pass :func:`default_sigint` as ``preexec_fn`` so what is tested is the program, not the runner.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def sigint_raises_here() -> Iterator[None]:
    """The same for a test that interrupts its own process: Ctrl-C raises KeyboardInterrupt while inside,
    whatever the runner started pytest with; the previous disposition comes back after."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
