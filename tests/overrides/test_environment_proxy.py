"""A proxy named in the environment (HTTP(S)_PROXY) is used by the clients opstatus builds.

opstatus's own transports (the clamped one, the aiohttp one) would bypass it: httpx honours the
environment only when it builds the transport itself. So where a proxy is configured the client leaves
the transport to httpx; these tests run a proxy on 127.0.0.1 that answers for any absolute URL.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import opstatus
import pytest

BODY = json.dumps({"status": "Succeeded", "name": "op"}).encode()
IDS = {"subscription_id": "s", "resource_group_name": "rg", "async_operation_id": "op"}


class _Proxy(BaseHTTPRequestHandler):
    seen: list[str] = []  # noqa: RUF012 - one proxy per test, read after it stops

    def do_GET(self) -> None:
        self.seen.append(self.path)  # a proxy is sent the absolute URL
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    _Proxy.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
    try:
        yield _Proxy.seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_sync_client_goes_through_the_environments_proxy(proxy: list[str]) -> None:
    with opstatus.MonitorClient(base_url="http://management.example.test") as client:
        status = client.get_operation_status(**IDS)

    assert status.status == "Succeeded"
    assert proxy == [
        "http://management.example.test/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/"
        "privateLinkScopeOperationStatuses/op?api-version=2019-10-17-preview"
    ]
    assert "environment proxy" in repr(client)


def test_an_async_client_goes_through_the_environments_proxy(proxy: list[str]) -> None:
    async def read() -> str:
        async with opstatus.AsyncMonitorClient(base_url="http://management.example.test") as client:
            assert "environment proxy" in repr(client)
            return (await client.get_operation_status(**IDS)).status

    assert asyncio.run(read()) == "Succeeded"
    assert len(proxy) == 1
    assert proxy[0].startswith("http://management.example.test/subscriptions/s/")
