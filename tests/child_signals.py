"""Child processes that a test interrupts start with SIGINT at its default.

A shell that runs a job in the background (``make test &`` in a non-interactive script, some CI
runners) starts it with SIGINT *ignored*, and every process it starts inherits that; Python then
installs no KeyboardInterrupt handler, so a test's Ctrl-C would never reach the program under test.
Pass :func:`default_sigint` as ``preexec_fn`` so what is tested is the program, not the runner.
"""

from __future__ import annotations

import signal


def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
