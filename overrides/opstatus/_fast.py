"""The async transport opstatus picks by itself when ``opstatus[fast]`` (httpx-aiohttp) is installed.

Imported only then, by ``_client``, so that a plain install never loads aiohttp.

Why it is a class of its own rather than ``httpx_aiohttp.AiohttpTransport()``: the request deadline
must hold on it exactly as on opstatus's httpx transport, including the rule that a server which was
*sending* when a request's own timeout ended is not retried (it would trickle again) while a silent one
is. httpx's transport is clamped socket by socket and sees every byte; aiohttp reads in its protocol,
out of sight. So this transport

* notes, through aiohttp's public trace hooks, when a request's headers went out (``Budget.sent_at``:
  the request had its connection, and aiohttp's per-read inactivity timer, ``sock_read``, started);
* is given a read timeout shorter than the time the request has left (the pipeline cuts it to 90 %:
  ``AsyncPipeline._cut_read_timeout``), so that a server silent after ``sent_at`` trips ``sock_read``
  before the request's budget ends.

When the budget's cancel scope ends a request whose ``sock_read`` could have fired first and did not,
bytes kept arriving: the server was trickling (``_http`` marks the budget ``answered``). And aiohttp's
own resend of a GET on a stale pooled connection is off: retries are the pipeline's alone. Everything
else about the transport is httpx-aiohttp's, built with opstatus's pool limits and shared SSL context.
"""

from __future__ import annotations

import time
import types
from typing import ClassVar

import aiohttp
from httpx_aiohttp import AiohttpTransport

from ._deadline import LIMITS, current_budget, shared_ssl_context

__all__ = ["FastTransport"]


async def _headers_sent(
    session: aiohttp.ClientSession,
    context: types.SimpleNamespace,
    params: aiohttp.TraceRequestHeadersSentParams,
) -> None:
    budget = current_budget()  # trace hooks run in the request's own task, so its budget is visible
    if budget is not None:
        budget.sent_at = time.monotonic()


class FastTransport(AiohttpTransport):
    """httpx-aiohttp's transport over one aiohttp session (made on first use, inside the event loop)."""

    tells_when_sent: ClassVar[bool] = True
    """Read by the pipeline: this transport sets ``Budget.sent_at`` (see the module docstring)."""

    def __init__(self) -> None:
        # verify= too: httpx-aiohttp builds an SSL context in __init__ from it even when given a session.
        super().__init__(verify=shared_ssl_context(), client=self._new_session)

    @staticmethod
    def _new_session() -> aiohttp.ClientSession:
        trace = aiohttp.TraceConfig()
        trace.on_request_headers_sent.append(_headers_sent)
        connector = aiohttp.TCPConnector(
            limit=LIMITS.max_connections or 0,
            keepalive_timeout=LIMITS.keepalive_expiry,
            ssl=shared_ssl_context(),
        )
        session = aiohttp.ClientSession(connector=connector, trace_configs=[trace])
        # aiohttp sends an idempotent request once more by itself when a pooled connection turns out
        # closed; the pipeline's RetryPolicy must be the only one to count and pace tries (the fault
        # soak saw 5 tries of a GET with max_attempts=4). No public switch: aiohttp's own test client
        # turns it off this way.
        session._retry_connection = False
        return session
