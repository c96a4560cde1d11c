"""Contender: opstatus clients as `pip install opstatus` gives them: opstatus's own httpx transport.

.venv has every extra installed, and with `fast` (aiohttp) importable async clients would pick it by
themselves; this contender hides it before opstatus is imported, as a plain install would not have it.
"""

from __future__ import annotations

import sys

sys.modules["aiohttp"] = None  # type: ignore[assignment]  # importing it now raises ImportError

from tests.bench.contenders._opstatus_calls import async_factory, sync_call  # noqa: E402
from tests.bench.protocol import run_contender  # noqa: E402
from tests.bench.targets import APIS  # noqa: E402

if __name__ == "__main__":
    run_contender(sync_factory=sync_call, async_factory=async_factory(None), supported_apis=APIS)
