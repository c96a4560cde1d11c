"""OpenTelemetry spans: one ``opstatus.wait`` per wait, one ``opstatus.read`` child per status read.

The spans are read back with the OpenTelemetry SDK's in-memory exporter (``opentelemetry-sdk`` is a dev
dependency; the library itself needs only ``opentelemetry-api``, the ``otel`` extra). The tracer the
tests install is handed to :mod:`opstatus._tracing` directly, so no global provider is set in this
process; one subprocess checks the global-provider path a user takes, others that ``import opstatus``
never imports OpenTelemetry and that waits work without it.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import opentelemetry.trace as otel_trace
import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode
from opstatus import AsyncOperationSet, OperationSet, _tracing
from opstatus._errors import OperationFailedError, ServiceError
from opstatus._poller import AsyncPoller, Poller
from opstatus._progress import RetryNotice
from opstatus._status import StatusResponse

from tests.overrides.waiting_fakes import ScriptedFetch, VirtualClock, fake_reader, finishes_at, seeded

ROOT = Path(__file__).resolve().parents[2]
URL = "https://management.azure.com/subscriptions/s1/providers/x/operations/op-42?api-version=1"


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel = _tracing._Otel(otel_trace, provider.get_tracer("opstatus"))
    monkeypatch.setattr(_tracing, "_cached", otel)
    return exporter  # monkeypatch puts the cached answer back


def poller(clock: VirtualClock, fetch: Any, **kwargs: Any) -> Poller[Any]:
    return Poller(
        fetch=fetch,
        reader=fake_reader(api_key="arm"),
        status_url=URL,
        clock=clock.monotonic,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        rng=seeded(1),
        **kwargs,
    )


def by_name(exporter: InMemorySpanExporter, name: str) -> list[ReadableSpan]:
    return [span for span in exporter.get_finished_spans() if span.name == name]


def test_a_wait_is_one_span_and_each_read_a_child_with_its_state(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock, finishes_at(10.0))
    assert poller(clock, fetch).result() == {"typed": {"status": "Succeeded"}}
    [wait] = by_name(spans, "opstatus.wait")
    reads = by_name(spans, "opstatus.read")
    assert len(reads) == len(fetch.reads) >= 2
    assert wait.attributes is not None
    assert dict(wait.attributes) == {
        "opstatus.api": "arm",
        "opstatus.operation_id": "op-42",
        "opstatus.state": "succeeded",
        "opstatus.requests": len(fetch.reads),
    }
    for read in reads:
        assert read.parent is not None
        assert read.parent.span_id == wait.context.span_id
        assert read.attributes is not None
        assert read.attributes["opstatus.api"] == "arm"
        assert read.attributes["opstatus.operation_id"] == "op-42"
        assert read.attributes["http.response.status_code"] == 200
        assert read.attributes["opstatus.retry"] == 0
        assert read.attributes["opstatus.throttled"] is False
    states = [read.attributes["opstatus.state"] for read in reads if read.attributes]
    assert states == ["running"] * (len(reads) - 1) + ["succeeded"]
    assert wait.status.status_code is StatusCode.UNSET


def test_a_wait_span_is_a_child_of_the_callers_span(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    tracer = _tracing.tracer().tracer
    with tracer.start_as_current_span("deploy") as outer:
        poller(clock, ScriptedFetch(clock, finishes_at(0.0))).result()
    [wait] = by_name(spans, "opstatus.wait")
    assert wait.parent is not None
    assert wait.parent.span_id == outer.get_span_context().span_id


def test_retries_and_throttling_are_on_the_read(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    holder: list[Poller[Any]] = []
    scripted = ScriptedFetch(clock, finishes_at(0.0))

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        holder[0].notice_retry(
            RetryNotice(attempt=2, max_attempts=4, delay=1.0, reason="429", status_code=429, throttled=True)
        )
        holder[0].notice_retry(
            RetryNotice(attempt=3, max_attempts=4, delay=1.0, reason="503", status_code=503)
        )
        return scripted(remaining)

    holder.append(poller(clock, fetch))
    holder[0].result()
    [read] = by_name(spans, "opstatus.read")
    assert read.attributes is not None
    assert read.attributes["opstatus.retry"] == 2
    assert read.attributes["opstatus.throttled"] is True
    assert [event.name for event in read.events] == ["opstatus.retry", "opstatus.retry"]
    assert read.events[0].attributes == {
        "opstatus.retry": 1,
        "opstatus.throttled": True,
        "http.response.status_code": 429,
    }


def test_a_failed_operation_is_an_error_on_the_wait(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock, finishes_at(0.0, done="Failed"))
    with pytest.raises(OperationFailedError):
        poller(clock, fetch).result()
    [wait] = by_name(spans, "opstatus.wait")
    assert wait.status.status_code is StatusCode.ERROR
    assert [event.name for event in wait.events] == ["exception"]
    assert wait.events[0].attributes is not None
    assert str(wait.events[0].attributes["exception.type"]).endswith("OperationFailedError")
    assert wait.attributes is not None
    assert wait.attributes["opstatus.state"] == "failed"


def test_a_read_that_raises_is_an_error_on_the_read_and_the_wait(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        raise ServiceError(status_code=500, code="Boom")

    with pytest.raises(ServiceError):
        poller(clock, fetch).result()
    [read] = by_name(spans, "opstatus.read")
    [wait] = by_name(spans, "opstatus.wait")
    assert read.status.status_code is StatusCode.ERROR
    assert read.attributes is not None
    assert read.attributes["http.response.status_code"] == 500
    assert wait.status.status_code is StatusCode.ERROR


def test_ctrl_c_ends_the_spans_without_an_error_status(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        poller(clock, fetch).result()
    [read] = by_name(spans, "opstatus.read")
    [wait] = by_name(spans, "opstatus.wait")
    assert read.status.status_code is StatusCode.UNSET
    assert wait.status.status_code is StatusCode.UNSET
    assert wait.attributes is not None
    assert wait.attributes["opstatus.stopped"] is True


def test_the_async_poller_traces_the_same(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    fetch = ScriptedFetch(clock, finishes_at(5.0))
    waiting: AsyncPoller[Any] = AsyncPoller(
        fetch=fetch.async_call,
        reader=fake_reader(api_key="arm"),
        status_url=URL,
        clock=clock.monotonic,
        sleep=clock.async_sleep,
        wall_clock=clock.wall,
        rng=seeded(1),
    )
    asyncio.run(waiting.result())
    [wait] = by_name(spans, "opstatus.wait")
    reads = by_name(spans, "opstatus.read")
    assert len(reads) == len(fetch.reads) >= 2
    assert all(read.parent is not None and read.parent.span_id == wait.context.span_id for read in reads)


def test_each_operation_of_a_sync_set_is_a_wait_with_its_reads(spans: InMemorySpanExporter) -> None:
    clock = VirtualClock()
    fetches = {op: ScriptedFetch(clock, finishes_at(float(i * 3))) for i, op in enumerate(["a", "b", "c"])}
    with OperationSet(clock=clock.monotonic, sleep=clock.sleep) as ops:
        for op, fetch in fetches.items():
            one = Poller(
                fetch=fetch,
                reader=fake_reader(api_key="arm"),
                status_url=f"https://management.azure.com/subscriptions/s1/operations/{op}",
                clock=clock.monotonic,
                sleep=clock.sleep,
                wall_clock=clock.wall,
                rng=seeded(1),
            )
            ops.add(one, label=op)
        assert all(outcome.ok for outcome in ops)
    waits = {
        span.attributes["opstatus.operation_id"]: span
        for span in by_name(spans, "opstatus.wait")
        if span.attributes
    }
    assert set(waits) == {"a", "b", "c"}
    reads = by_name(spans, "opstatus.read")
    assert len(reads) == sum(len(fetch.reads) for fetch in fetches.values())
    for read in reads:
        assert read.attributes is not None
        parent = waits[str(read.attributes["opstatus.operation_id"])]
        assert read.parent is not None
        assert read.parent.span_id == parent.context.span_id
    assert all(
        span.attributes and span.attributes["opstatus.state"] == "succeeded" for span in waits.values()
    )


def test_each_operation_of_an_async_set_is_a_wait_and_closing_ends_the_rest(
    spans: InMemorySpanExporter,
) -> None:
    clock = VirtualClock()

    async def run() -> None:
        async with AsyncOperationSet(clock=clock.monotonic, sleep=clock.async_sleep) as ops:
            for op, done in [("quick", 0.0), ("slow", 1000.0)]:
                fetch = ScriptedFetch(clock, finishes_at(done))
                ops.add(
                    AsyncPoller(
                        fetch=fetch.async_call,
                        reader=fake_reader(api_key="arm"),
                        status_url=f"https://management.azure.com/subscriptions/s1/operations/{op}",
                        clock=clock.monotonic,
                        sleep=clock.async_sleep,
                        wall_clock=clock.wall,
                        rng=seeded(1),
                    ),
                    label=op,
                )
            async for outcome in ops:
                assert outcome.label == "quick"
                break

    asyncio.run(run())
    waits = {
        span.attributes["opstatus.operation_id"]: span
        for span in by_name(spans, "opstatus.wait")
        if span.attributes
    }
    assert set(waits) == {"quick", "slow"}
    assert waits["slow"].attributes is not None
    assert waits["slow"].attributes["opstatus.stopped"] is True
    assert waits["slow"].status.status_code is StatusCode.UNSET


def _run(*parts: str) -> str:
    code = "\n".join(textwrap.dedent(part) for part in parts)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


_WAIT_ONCE = """
    from opstatus._poller import Poller
    from opstatus._status import StatusResponse
    from tests.overrides.waiting_fakes import fake_reader

    def fetch(remaining):
        return StatusResponse(body={"status": "Succeeded"}, resource=1, retry_after=None, request_id=None)

    url = "https://management.azure.com/subscriptions/s/operations/op-7"
    assert Poller(fetch=fetch, reader=fake_reader(api_key="arm"), status_url=url).result() == 1
"""


def test_import_opstatus_never_imports_opentelemetry_a_wait_does() -> None:
    out = _run(
        """
        import sys
        import opstatus
        for name in opstatus.__all__:
            getattr(opstatus, name)
        print("before", "opentelemetry" in sys.modules)
        """,
        _WAIT_ONCE,
        """
        print("after", "opentelemetry" in sys.modules)
        """,
    )
    assert out.split() == ["before", "False", "after", "True"]


def test_without_opentelemetry_waits_work_and_nothing_is_imported() -> None:
    out = _run(
        """
        import sys
        sys.modules["opentelemetry"] = None  # as if not installed: its import raises ImportError
        from opstatus import _tracing
        """,
        _WAIT_ONCE,
        """
        print(_tracing.tracer(), _tracing._cached)
        """,
    )
    assert out.split() == ["None", "None"]


def test_the_globally_set_provider_gets_the_spans() -> None:
    out = _run(
        """
        import opstatus
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        """,
        _WAIT_ONCE,
        """
        for span in exporter.get_finished_spans():
            print(span.name, span.instrumentation_scope.name, span.attributes["opstatus.operation_id"])
        """,
    )
    assert out.splitlines() == ["opstatus.read opstatus op-7", "opstatus.wait opstatus op-7"]


def test_a_wait_whose_span_does_not_record_opens_no_read_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API without an SDK (or a sampler that dropped the wait): its reads pay one ``is None`` test."""
    monkeypatch.setattr(_tracing, "_cached", _tracing._Otel(otel_trace, otel_trace.NoOpTracer()))
    clock = VirtualClock()
    scripted = ScriptedFetch(clock, finishes_at(3.0))
    seen: list[object] = []
    holder: list[Poller[Any]] = []

    def fetch(remaining: float | None) -> StatusResponse[Any]:
        seen.append(holder[0]._span)
        return scripted(remaining)

    holder.append(poller(clock, fetch))
    holder[0].result()
    assert len(seen) >= 2
    assert seen == [None] * len(seen)
