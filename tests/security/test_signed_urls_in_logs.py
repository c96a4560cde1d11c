"""Issue 21 row 7: no log record a client causes shows a query value of a signed URL, whoever logs it.

opstatus's own request lines redact query values; httpx's INFO line and httpcore's DEBUG records
(``receive_response_headers.complete`` prints the response headers, ``Location`` included) are other
libraries' and used to show a ``sig=`` from a same-origin 307 or an ARM 202 ``Location``. Every record of
every logger is captured at DEBUG (root) during real reads over 127.0.0.1 on each transport: sync httpx,
async httpx and the aiohttp one (``opstatus[fast]``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import Final

import opstatus
import pytest
from opstatus._secrets import SecretFilter

from tests.reliability.hostile_server import SIGNATURE, HostileServer, monitor_path
from tests.reliability.test_hostile_servers import FAST, IDS, without_fast_extra

KINDS: Final = ["sync", "async-httpx", *(["async-aiohttp"] if FAST else [])]


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def _transport_for(kind: str) -> contextlib.AbstractContextManager[None]:
    return without_fast_extra() if kind == "async-httpx" else contextlib.nullcontext()


def _redirected_wait(server: HostileServer, kind: str) -> str | None:
    base = server.base_url("redirect-signed")
    if kind == "sync":
        with opstatus.MonitorClient(base_url=base, token="signed-url-test-token") as client:
            return client.wait(**IDS, timeout=10).status

    async def run() -> tuple[str | None, str]:
        async with opstatus.AsyncMonitorClient(base_url=base, token="signed-url-test-token") as client:
            return (await client.wait(**IDS, timeout=10)).status, client.transport_name

    with _transport_for(kind):
        status, transport = asyncio.run(run())
    assert transport == kind.removeprefix("async-")
    return status


def _location_wait(server: HostileServer, kind: str) -> object:
    origin = f"http://127.0.0.1:{server.port}"
    url = origin + monitor_path("accepted-signed")
    if kind == "sync":
        with opstatus.ArmClient(base_url=origin, token="signed-url-test-token") as client:
            return client.wait_url(url, timeout=10)

    async def run() -> object:
        async with opstatus.AsyncArmClient(base_url=origin, token="signed-url-test-token") as client:
            return await client.wait_url(url, timeout=10)

    with _transport_for(kind):
        return asyncio.run(run())


def _assert_no_signature(caplog: pytest.LogCaptureFixture, kind: str) -> None:
    assert caplog.records, "nothing was logged: the test would prove nothing"
    if kind != "async-aiohttp":  # aiohttp logs no request line of its own; httpcore does
        loggers = {record.name for record in caplog.records}
        assert "httpcore.http11" in loggers, loggers
    for record in caplog.records:
        assert SIGNATURE not in record.getMessage(), f"{record.name}: {record.getMessage()[:300]}"
    assert SIGNATURE not in caplog.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", KINDS)
def test_a_signed_same_origin_redirect_shows_no_query_value_in_any_log_record(
    hostile: HostileServer, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    assert _redirected_wait(hostile, kind) == "Succeeded"

    assert any("REDACTED" in record.getMessage() for record in caplog.records)
    _assert_no_signature(caplog, kind)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", KINDS)
def test_a_signed_202_location_shows_no_query_value_in_any_log_record(
    hostile: HostileServer, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    _location_wait(hostile, kind)

    _assert_no_signature(caplog, kind)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            'HTTP Request: GET http://h/x?api-version=1&sig=abc%2Fdef&se=2030 "HTTP/1.1 200 OK"',
            'HTTP Request: GET http://h/x?api-version=1&sig=REDACTED&se=REDACTED "HTTP/1.1 200 OK"',
        ),
        (
            "return_value=(b'HTTP/1.1', 307, b'Temporary Redirect', [(b'Location', b'/ok?sig=s3cr3t')])",
            "return_value=(b'HTTP/1.1', 307, b'Temporary Redirect', [(b'Location', b'/ok?sig=REDACTED')])",
        ),
        ("no url here: a=b", "no url here: a=b"),
    ],
)
def test_the_filter_redacts_every_query_value_but_the_api_version(line: str, shown: str) -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, line, None, None)

    SecretFilter().filter(record)

    assert record.getMessage() == shown
