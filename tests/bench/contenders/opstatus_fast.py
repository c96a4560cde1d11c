"""Contender: opstatus async clients over httpx-aiohttp (extra `opstatus[fast]`), still the httpx API.

The user passes `httpx_aiohttp.HttpxAiohttpClient()` — an httpx.AsyncClient subclass whose transport
is aiohttp — as the client's `http_client=`; nothing else changes. Async only.
"""

from __future__ import annotations

from httpx_aiohttp import HttpxAiohttpClient

from tests.bench.contenders._opstatus_calls import async_factory
from tests.bench.protocol import run_contender
from tests.bench.targets import APIS

if __name__ == "__main__":
    run_contender(sync_factory=None, async_factory=async_factory(HttpxAiohttpClient), supported_apis=APIS)
