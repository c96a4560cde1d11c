"""uvicorn's HTTP/1.1 connection with deadlines: no connection is kept that does not finish its request.

uvicorn closes a kept-alive connection that stays silent after a response (``timeout_keep_alive``), but a
connection that never sends a byte, or stops half way through its request head or body, is kept forever:
2,000 of them were all still open hours later. :func:`guarded_protocol` makes a uvicorn protocol class
that also closes

* a connection whose request head is not complete ``header_timeout`` seconds after it opened or after
  its previous response (a silent connection, a slowloris head);
* a connection whose request body is not complete ``body_timeout`` seconds after its head (answered
  ``408`` first when no response has started);

and uses ``keep_alive_timeout`` for uvicorn's idle timeout. The timers run on the server's event loop:
nothing here sleeps.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._errors import InvalidOperationSpecError

__all__ = ["guarded_protocol"]


class _GuardedH11Protocol(H11Protocol):
    header_timeout: float
    body_timeout: float
    keep_alive_timeout: float

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout_keep_alive = self.keep_alive_timeout  # type: ignore[assignment]  # a float works
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer = self.loop.call_later(self.header_timeout, self._close_idle)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle and self.cycle is not None:  # a request head arrived
            self._cancel_timers()
            if self.cycle.more_body:
                self._body_timer = self.loop.call_later(self.body_timeout, self._close_unfinished)
        if self._body_timer is not None and self.cycle is not None and not self.cycle.more_body:
            self._body_timer.cancel()
            self._body_timer = None

    def on_response_complete(self) -> None:
        self._cancel_timers()
        if not self.transport.is_closing():
            self._head_timer = self.loop.call_later(self.header_timeout, self._close_idle)
        super().on_response_complete()

    def _cancel_timers(self) -> None:
        for timer in (self._head_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = None

    def _close_idle(self) -> None:
        """No complete request head in time: close without a word (there is no request to answer)."""
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def _close_unfinished(self) -> None:
        """The body did not arrive in time: 408 if no response has started, then close."""
        self._body_timer = None
        cycle = self.cycle
        if self.transport.is_closing():
            return
        if cycle is not None and not cycle.response_started:
            cycle.disconnected = True  # the app's later sends go nowhere; its receive() says disconnect
            cycle.message_event.set()
            try:
                response = h11.Response(
                    status_code=408,
                    headers=[(b"content-length", b"0"), (b"connection", b"close")],
                    reason=b"Request Timeout",
                )
                self.transport.write(self.conn.send(response) or b"")
                self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
            except h11.LocalProtocolError:
                pass
        self.transport.close()


def guarded_protocol(
    *, header_timeout: float, body_timeout: float, keep_alive_timeout: float
) -> type[H11Protocol]:
    """A uvicorn ``http`` protocol class with these timeouts (seconds, each > 0)."""
    for name, value in (
        ("header_timeout", header_timeout),
        ("body_timeout", body_timeout),
        ("keep_alive_timeout", keep_alive_timeout),
    ):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
            raise InvalidOperationSpecError(f"{name} must be a finite number of seconds > 0, not {value!r}")
    return type(
        "GuardedH11Protocol",
        (_GuardedH11Protocol,),
        {
            "header_timeout": float(header_timeout),
            "body_timeout": float(body_timeout),
            "keep_alive_timeout": float(keep_alive_timeout),
        },
    )
