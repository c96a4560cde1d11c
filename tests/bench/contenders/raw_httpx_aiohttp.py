"""Baseline: a bare httpx_aiohttp.HttpxAiohttpClient GET plus json.loads (httpx API, aiohttp transport).

Splits opstatus-with-extra-`fast` costs between opstatus itself and the transport adapter. Async only.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from httpx_aiohttp import HttpxAiohttpClient

from tests.bench.protocol import AsyncCall, run_contender
from tests.bench.targets import APIS, TOKEN, raw_url

_HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


@asynccontextmanager
async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
    url = raw_url(server, api)
    async with HttpxAiohttpClient(headers=_HEADERS) as client:

        async def call() -> object:
            response = await client.get(url)
            response.raise_for_status()
            return json.loads(response.content)

        yield call


if __name__ == "__main__":
    run_contender(sync_factory=None, async_factory=async_call, supported_apis=APIS)
