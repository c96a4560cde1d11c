"""opstatus's own async httpx transport does not make Python search sys.path for sniffio on every read."""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType

import opstatus
import pytest
from opstatus._deadline import AsyncClampedTransport
from opstatus.emulator import EmulatorServer, Lifecycle


class _CountingFinder(importlib.abc.MetaPathFinder):
    """Counts how often the import system searches for ``sniffio``."""

    def __init__(self) -> None:
        self.searches = 0

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "sniffio":
            self.searches += 1
        return None


@pytest.fixture
def finder(monkeypatch: pytest.MonkeyPatch) -> _CountingFinder:
    if "sniffio" in sys.modules and sys.modules["sniffio"] is not None:
        pytest.skip("sniffio is installed here: httpcore imports it once and nothing is searched")
    monkeypatch.delitem(sys.modules, "sniffio", raising=False)
    if importlib.util.find_spec("sniffio") is not None:
        pytest.skip("sniffio is installed here")
    counting = _CountingFinder()
    monkeypatch.setattr(sys, "meta_path", [counting, *sys.meta_path])
    return counting


def test_reads_through_the_httpx_transport_search_for_sniffio_at_most_once(finder: _CountingFinder) -> None:
    with EmulatorServer() as emu:
        op = emu.create_operation("monitor", lifecycle=Lifecycle.never_finishes())
        ids = {
            "subscription_id": op.params["subscriptionId"],
            "resource_group_name": op.params["resourceGroupName"],
            "async_operation_id": op.id,
        }

        async def reads() -> None:
            client = opstatus.AsyncMonitorClient(
                token="t", base_url=emu.base_urls["monitor"], transport=AsyncClampedTransport()
            )
            async with client:
                await asyncio.gather(*(client.get_operation_status(**ids) for _ in range(20)))

        asyncio.run(reads())
    assert finder.searches <= 1, f"sys.path searched {finder.searches} times for sniffio in 20 reads"
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("sniffio")  # still absent, as before
