"""Contender: opstatus async clients with `opstatus[fast]` (aiohttp) installed, out of the box.

The client is built exactly as without the extra (no `http_client=`, no `transport=`): it picks the
aiohttp transport by itself, and this contender checks that it did. Async only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import opstatus

from tests.bench.contenders._opstatus_calls import async_factory
from tests.bench.protocol import AsyncCall, run_contender
from tests.bench.targets import APIS

_default = async_factory(None)


@asynccontextmanager
async def _checked(api: str, server: str) -> AsyncIterator[AsyncCall]:
    probe = opstatus.AsyncMonitorClient()
    if probe.transport_name != "aiohttp":
        raise RuntimeError(f"opstatus[fast] is not in use here: transport {probe.transport_name!r}")
    await probe.aclose()
    async with _default(api, server) as call:
        yield call


if __name__ == "__main__":
    run_contender(sync_factory=None, async_factory=_checked, supported_apis=APIS)
