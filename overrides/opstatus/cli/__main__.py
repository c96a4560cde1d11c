"""``python -m opstatus.cli``: the same as the ``opstatus`` console script."""

from ._main import main

raise SystemExit(main())
