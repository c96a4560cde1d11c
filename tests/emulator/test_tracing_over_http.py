"""Spans of real waits over 127.0.0.1: a sync and an async client's reads carry the HTTP status the
emulator answered and the operation id of the URL, under one wait span each."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import opentelemetry.trace as otel_trace
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opstatus import AsyncMonitorClient, MonitorClient, PollingPolicy, _tracing
from opstatus.emulator import EmulatorServer, Lifecycle

QUICK = PollingPolicy(min_delay=0.1, max_delay=0.3, jitter=0.0, timeout=30.0)


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(_tracing, "_cached", _tracing._Otel(otel_trace, provider.get_tracer("opstatus")))
    return exporter  # monkeypatch puts the cached answer back


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    """A wall-clock emulator: each operation runs for a moment, so a wait takes several reads."""
    with EmulatorServer(clock="wall") as server:
        yield server


def test_a_sync_and_an_async_wait_are_traced(emulator: EmulatorServer, spans: InMemorySpanExporter) -> None:
    first = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1.0))
    base = emulator.base_urls["monitor"]
    with MonitorClient(base_url=base, token="t", polling=QUICK) as monitor:
        p = first.params
        monitor.poller(
            subscription_id=p["subscriptionId"],
            resource_group_name=p["resourceGroupName"],
            async_operation_id=p["asyncOperationId"],
        ).result()

    second = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1.0))

    async def wait_async() -> None:
        async with AsyncMonitorClient(base_url=base, token="t", polling=QUICK) as monitor:
            q = second.params
            await monitor.poller(
                subscription_id=q["subscriptionId"],
                resource_group_name=q["resourceGroupName"],
                async_operation_id=q["asyncOperationId"],
            ).result()

    asyncio.run(wait_async())
    finished = spans.get_finished_spans()
    waits = [span for span in finished if span.name == "opstatus.wait"]
    reads = [span for span in finished if span.name == "opstatus.read"]
    assert len(waits) == 2
    ids = {first.params["asyncOperationId"], second.params["asyncOperationId"]}
    assert {span.attributes["opstatus.operation_id"] for span in waits if span.attributes} == ids
    assert len(reads) >= 4
    for read in reads:
        assert read.attributes is not None
        assert read.attributes["opstatus.api"] == "monitor"
        assert read.attributes["http.response.status_code"] == 200
        assert read.attributes["opstatus.operation_id"] in ids
        assert "t" not in {str(value) for value in read.attributes.values()}  # no token on a span
