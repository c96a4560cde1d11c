"""Baseline: a bare aiohttp.ClientSession GET plus json.loads — the asyncio ceiling to approach.

Async only (aiohttp has no sync API). Default TCPConnector (100 connections), like httpx's pool.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

from tests.bench.protocol import AsyncCall, run_contender
from tests.bench.targets import APIS, TOKEN, next_raw_monitor_url, raw_url

_HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


@asynccontextmanager
async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
    url = raw_url(server, api)
    next_url = next_raw_monitor_url(server) if api == "monitor" else lambda: url
    async with aiohttp.ClientSession(headers=_HEADERS) as session:

        async def call() -> object:
            async with session.get(next_url()) as response:
                response.raise_for_status()
                return json.loads(await response.read())

        yield call


if __name__ == "__main__":
    run_contender(sync_factory=None, async_factory=async_call, supported_apis=APIS)
