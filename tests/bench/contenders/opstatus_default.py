"""Contender: opstatus clients with their default httpx transport (what `pip install opstatus` gives)."""

from __future__ import annotations

from tests.bench.contenders._opstatus_calls import async_factory, sync_call
from tests.bench.protocol import run_contender
from tests.bench.targets import APIS

if __name__ == "__main__":
    run_contender(sync_factory=sync_call, async_factory=async_factory(None), supported_apis=APIS)
