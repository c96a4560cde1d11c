"""Baseline: a bare httpx.Client / httpx.AsyncClient GET plus json.loads, nothing else.

Sends the same request a client library sends (same URL, a bearer header), so the ratio against it is
the library's own overhead: URL building, auth, response mapping, model parsing.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import httpx

from tests.bench.protocol import AsyncCall, SyncCall, run_contender
from tests.bench.targets import APIS, TOKEN, raw_url

_HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


@contextmanager
def sync_call(api: str, server: str) -> Iterator[SyncCall]:
    url = raw_url(server, api)
    with httpx.Client(headers=_HEADERS) as client:

        def call() -> object:
            response = client.get(url)
            response.raise_for_status()
            return json.loads(response.content)

        yield call


@asynccontextmanager
async def async_call(api: str, server: str) -> AsyncIterator[AsyncCall]:
    url = raw_url(server, api)
    async with httpx.AsyncClient(headers=_HEADERS) as client:

        async def call() -> object:
            response = await client.get(url)
            response.raise_for_status()
            return json.loads(response.content)

        yield call


if __name__ == "__main__":
    run_contender(sync_factory=sync_call, async_factory=async_call, supported_apis=APIS)
