"""``python -m opstatus.emulator``."""

from ._cli import main

raise SystemExit(main())
