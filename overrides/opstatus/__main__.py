"""``python -m opstatus``: the ``opstatus`` command, for when the console script is not on ``PATH``."""

from .cli import main

raise SystemExit(main())
