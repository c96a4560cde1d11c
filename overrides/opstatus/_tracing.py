"""OpenTelemetry spans for waits and reads, when ``opentelemetry-api`` is installed (the ``otel`` extra).

Each wait - ``Poller.result()``/``wait()`` and their async twins, and each operation of an operation
set from ``add`` to its outcome - is one ``opstatus.wait`` span; each status read inside it is a child
``opstatus.read`` span (current while it is sent, so an instrumented HTTP client's spans nest under
it). Attributes, on both unless said:

* ``opstatus.api`` (the API key: ``monitor``, ``arm``, ...) and ``opstatus.operation_id`` (the status
  URL's last path segment, which is the operation id for every API so far);
* ``opstatus.state`` (the shared vocabulary's value of the last status read);
* reads only: ``http.response.status_code``, ``opstatus.retry`` (how many times the HTTP pipeline
  tried the read again before it was answered: 0 on the first try) and ``opstatus.throttled`` (a 429
  or 503 was ridden out, or ended the read); every retry is also a span event ``opstatus.retry``;
* waits only: ``opstatus.requests`` (reads the wait took).

A read or wait that ends with an error records it on the span (``record_exception``) and sets the
status to ERROR; a wait the caller stopped (Ctrl-C, cancellation, closing a set) ends without an
error status. No header, token or query string is ever put on a span: the URL is not an attribute.

Cost: ``import opstatus`` never imports OpenTelemetry. The first wait tries the import once and caches
the tracer, or ``None`` when the package is missing; a wait without it pays that one cached check and
every read one ``is None`` test. The tracer is a proxy until the application sets its provider, so a
provider set after the first wait still gets every later span. A wait whose span does not record (the
API without an SDK, or a sampler that dropped it) gets no read spans either: its reads cost the same
``is None`` test.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from ._poller import _PollerBase
    from ._progress import RetryNotice
    from ._status import StatusResponse, StatusSnapshot

__all__ = ["_WaitSpan", "start_wait", "tracer"]

T = TypeVar("T")

INSTRUMENTATION_NAME: Final = "opstatus"
_UNSET: Final = object()
_cached: Any = _UNSET


def tracer() -> Any:
    """The opstatus tracer, or ``None`` when ``opentelemetry-api`` is not installed (tried once)."""
    global _cached
    found = _cached
    if found is _UNSET:
        found = _cached = _load()
    return found


def _load() -> Any:
    try:
        trace = importlib.import_module("opentelemetry.trace")
    except ImportError:
        return None
    from ._version import __version__

    return _Otel(trace, trace.get_tracer(INSTRUMENTATION_NAME, __version__))


class _Otel:
    """The few OpenTelemetry API objects a span needs, looked up once."""

    __slots__ = ("error_status", "set_span_in_context", "tracer", "use_span")

    def __init__(self, trace: Any, tracer: Any) -> None:
        self.tracer = tracer
        self.set_span_in_context = trace.set_span_in_context
        self.use_span = trace.use_span
        self.error_status = trace.Status(trace.StatusCode.ERROR)


def start_wait(poller: _PollerBase[Any]) -> _WaitSpan | None:
    """A started ``opstatus.wait`` span for ``poller`` (child of the current span), or ``None``
    when OpenTelemetry is not installed."""
    otel = tracer()
    if otel is None:
        return None
    wait = _WaitSpan(otel, poller)
    if not wait.recording:  # no SDK, or sampled out: its reads would be dropped too, so skip them
        wait.discard()
        return None
    return wait


def _operation_id(status_url: str) -> str:
    path = status_url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1]


class _WaitSpan:
    """One wait's span and the read span open inside it (see the module docstring)."""

    __slots__ = ("_attributes", "_otel", "_poller", "_read", "_retries", "_span", "_throttled")

    def __init__(self, otel: _Otel, poller: _PollerBase[Any]) -> None:
        self._otel = otel
        self._poller = poller
        self._attributes = {
            "opstatus.api": poller._machine.reader.api_key,
            "opstatus.operation_id": _operation_id(poller.status_url),
        }
        self._span = otel.tracer.start_span("opstatus.wait", attributes=self._attributes)
        self._read: Any = None
        self._retries = 0
        self._throttled = False

    @property
    def recording(self) -> bool:
        return bool(self._span.is_recording())

    def discard(self) -> None:
        self._span.end()

    # --- reads ------------------------------------------------------------------------------------------

    def start_read(self) -> None:
        # Open the ``opstatus.read`` span of the read about to go (a child of the wait).
        otel = self._otel
        self._read = otel.tracer.start_span(
            "opstatus.read", context=otel.set_span_in_context(self._span), attributes=self._attributes
        )
        self._retries = 0
        self._throttled = False

    def within_read(self, fetch: Callable[[float | None], T], window: float | None) -> T:
        # ``fetch(window)`` with the open read span current (in whichever thread sends it).
        with self._otel.use_span(self._read, end_on_exit=False):
            return fetch(window)

    async def awithin_read(self, fetch: Callable[[float | None], Awaitable[T]], window: float | None) -> T:
        with self._otel.use_span(self._read, end_on_exit=False):
            return await fetch(window)

    def read(self, fetch: Callable[[float | None], T], window: float | None) -> T:
        # One read of a single wait: open its span, send it, record its error (the answer ends the span in
        # :meth:`answered`).
        self.start_read()
        try:
            return self.within_read(fetch, window)
        except BaseException as exc:
            self.read_failed(exc)
            raise

    async def aread(self, fetch: Callable[[float | None], Awaitable[T]], window: float | None) -> T:
        self.start_read()
        try:
            return await self.awithin_read(fetch, window)
        except BaseException as exc:
            self.read_failed(exc)
            raise

    def retried(self, notice: RetryNotice) -> None:
        # The HTTP pipeline is trying the open read again (called before its delay).
        self._retries = max(self._retries, notice.attempt - 1)
        self._throttled = self._throttled or notice.throttled
        read = self._read
        if read is not None:
            event: dict[str, Any] = {
                "opstatus.retry": notice.attempt - 1,
                "opstatus.throttled": notice.throttled,
            }
            if notice.status_code is not None:
                event["http.response.status_code"] = notice.status_code
            read.add_event("opstatus.retry", event)

    def answered(self, response: StatusResponse[Any], snapshot: StatusSnapshot) -> None:
        # The open read was answered: its state, HTTP status and retries, and the span ends.
        read, self._read = self._read, None
        if read is None:  # a manual refresh() inside no read span
            return
        read.set_attribute("opstatus.state", snapshot.state.value)
        read.set_attribute("http.response.status_code", response.http_status)
        read.set_attribute("opstatus.retry", self._retries)
        read.set_attribute("opstatus.throttled", self._throttled)
        read.end()

    def read_failed(self, error: BaseException | None) -> None:
        # The open read raised: recorded on it (an error status unless the caller stopped it).
        read, self._read = self._read, None
        if read is None:
            return
        status_code = getattr(error, "status_code", None)
        if isinstance(status_code, int):
            read.set_attribute("http.response.status_code", status_code)
        throttled = self._throttled or status_code in (429, 503)
        read.set_attribute("opstatus.retry", self._retries)
        read.set_attribute("opstatus.throttled", throttled)
        if isinstance(error, Exception):
            read.record_exception(error)
            read.set_status(self._otel.error_status)
        read.end()

    # --- the wait ---------------------------------------------------------------------------------------

    def end(self, error: BaseException | None, *, stopped: bool = False) -> None:
        # The wait is over: returned (``error`` None), raised ``error``, or was stopped by the caller.
        if error is not None and not isinstance(error, Exception):  # Ctrl-C, cancellation: not a failure
            stopped = True
        if self._read is not None:  # interrupted mid-read
            self.read_failed(error)
        span = self._span
        snapshot = self._poller._machine.snapshot
        if snapshot is not None:
            span.set_attribute("opstatus.state", snapshot.state.value)
        span.set_attribute("opstatus.requests", self._poller._machine.requests)
        if stopped:
            span.set_attribute("opstatus.stopped", True)
        if isinstance(error, Exception):
            span.record_exception(error)
            span.set_status(self._otel.error_status)
        span.end()
