"""The ``opstatus`` command: read and wait for operations from a shell, a script or a CI job.

``opstatus --help`` lists the commands, the exit codes and where the token comes from. The core
uses only the standard library and the runtime dependencies; the live progress display needs the
``cli`` extra (rich) and falls back to plain lines without it. ``import opstatus`` never imports
this package.
"""

from __future__ import annotations

from ._exit import ExitCode
from ._main import main, run

__all__ = ["ExitCode", "main", "run"]
