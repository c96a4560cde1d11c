"""One total deadline per request, for every byte: connect, TLS, headers, body and the token fetch.

httpx's timeouts apply to each socket operation, so a server that sends one byte every half second
keeps a request alive for ever. Here a request gets a :class:`Budget` - an absolute end on the real
monotonic clock, the earlier of the request's own timeout and the wait's deadline - published in a
context variable for the time the request runs (``with budget.active():``). Three things read it:

* :class:`ClampedTransport` / :class:`AsyncClampedTransport`, the transports opstatus builds when the
  caller passes none: their httpcore network backend cuts every connect, read and write to the time
  left, so even a trickle of header bytes ends at the deadline;
* the aiohttp transport (``_fast``, the ``fast`` extra), whose one timer (aiohttp's ``TimerContext``,
  which its body reads honour) ends the whole request there;
* the pipelines in ``_http``, which check it between body chunks (this also bounds a caller's own
  ``http_client``) and, on async with a caller's transport, wrap the whole request in a cancel scope;
* ``_auth``, which runs a credential inside the same budget.

Why a context variable: the budget must reach code httpx calls (the network backend, the auth flow)
without changing httpx's signatures; a context variable follows the request within its thread or task.
The budget is on ``time.monotonic`` even when a client is given a virtual clock: sockets live in real
time.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib.util
import ssl
import sys
import time
import typing
from collections.abc import Iterable

import attrs
import httpcore
import httpx

from ._gate import ConnectionGate, GatedStream
from ._stray import AsyncStrictConnectionPool, StrictConnectionPool

__all__ = [
    "BUDGET_EXTENSION",
    "LIMITS",
    "AsyncClampedTransport",
    "Budget",
    "ClampedTransport",
    "current_budget",
    "pool_ssl_context",
    "shared_ssl_context",
    "total_of",
]

_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("opstatus_budget", default=None)
LIMITS: typing.Final = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
"""httpx's default pool limits, for every transport opstatus builds."""
_SSL_CONTEXT: ssl.SSLContext | None = None
_STAND_IN: ssl.SSLContext | None = None
_ALPN: typing.Final = ["http/1.1"]  # what httpcore offers without http2 (opstatus's pools never enable it)


def shared_ssl_context() -> ssl.SSLContext:
    """The one verifying SSL context every transport opstatus builds in this process uses.

    httpx builds one per client: loading the system's CA bundle costs about 30-40 ms of CPU and 1 MB
    each, which a service that makes a client per tenant or per wait paid again and again. An
    ``SSLContext`` is made to be shared (it holds settings and trust roots; each connection has its own
    ``SSLSocket``). Made on first use with httpx's defaults (certifi, or ``SSL_CERT_FILE`` /
    ``SSL_CERT_DIR`` as set then); a caller who needs other trust roots passes ``http_client=``.
    The httpx transports below ask for it only when a connection starts TLS (see
    :func:`pool_ssl_context`), so a process that only talks plain HTTP (the emulator, a CLI
    run against it) never loads the bundle.
    """
    global _SSL_CONTEXT  # one per process, on purpose (see above)
    if _SSL_CONTEXT is None:
        _SSL_CONTEXT = httpx.create_ssl_context()
    return _SSL_CONTEXT


def pool_ssl_context() -> ssl.SSLContext:
    """What opstatus's httpcore pools are given as their SSL context: a bare stand-in, never used.

    httpcore wants a context when the pool is built, long before it knows whether any connection will
    be TLS. The network streams below own ``start_tls``: they swap this stand-in for
    :func:`shared_ssl_context` there, so the trust roots load on the first TLS handshake of the
    process, not when the first client is made (a bare context costs well under a millisecond). Any
    other context (a proxy's, say) passes through untouched. Were the stand-in ever used for a
    handshake, it would fail closed: it requires a verified certificate and trusts no roots.
    """
    global _STAND_IN  # one per process, like the shared context
    if _STAND_IN is None:
        _STAND_IN = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return _STAND_IN


def _real_context(ssl_context: ssl.SSLContext) -> ssl.SSLContext:
    """The context a handshake uses: the shared one in place of the stand-in (same ALPN as httpcore sets)."""
    if ssl_context is not _STAND_IN:
        return ssl_context
    context = shared_ssl_context()
    context.set_alpn_protocols(_ALPN)
    return context


@attrs.define
class Budget:
    """The real-time end of one request; ``by_wait`` when the wait's deadline is the earlier end.

    ``answered`` turns true once the server sent anything for this request (a header byte, on the
    httpx transports opstatus builds; any byte, on the aiohttp one (``_fast``); the response head, on
    any transport). It tells a server that trickles (it would trickle again: not worth a retry) from one
    that stayed silent (retried like a drop).
    """

    at: float
    by_wait: bool
    answered: bool = False

    def left(self) -> float:
        """Seconds left (negative once passed)."""
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.left() <= 0

    def active(self) -> contextlib.AbstractContextManager[Budget]:
        """Publish this budget to the network backend and the auth flow for the enclosed request."""
        return _Published(self)


class _Published:
    """``with budget.active():`` as a plain class: contextlib's generator-based one costs about 2 µs
    a request (a generator and its wrapper)."""

    __slots__ = ("_budget", "_token")
    _token: contextvars.Token[Budget | None]

    def __init__(self, budget: Budget) -> None:
        self._budget = budget

    def __enter__(self) -> Budget:
        self._token = _BUDGET.set(self._budget)
        return self._budget

    def __exit__(self, *exc_info: object) -> None:
        _BUDGET.reset(self._token)


BUDGET_EXTENSION: typing.Final = "opstatus.budget"
"""The request extension that carries its budget to a transport that ends requests at it by itself
(``ends_at_budget``): the pipeline puts it there instead of publishing it (:meth:`Budget.active`)."""


def current_budget() -> Budget | None:
    """The budget of the request running in this thread or task, if any."""
    return _BUDGET.get()


def total_of(timeout: httpx.Timeout | None) -> float | None:
    """A request's total time allowance from its ``httpx.Timeout``: its longest limited phase.

    ``timeout=2`` means the whole request ends near 2 s, not 2 s per socket read.
    """
    if timeout is None:
        return None
    limits = [
        limit for limit in (timeout.connect, timeout.read, timeout.write, timeout.pool) if limit is not None
    ]
    return max(limits) if limits else None


def _clamp(timeout: float | None, *, error: type[Exception]) -> float | None:
    """``timeout`` cut to the current budget; raises ``error`` (an httpcore timeout) once it is spent."""
    budget = _BUDGET.get()
    if budget is None:
        return timeout
    left = budget.left()
    if left <= 0:
        raise error("the request's total deadline has passed")
    return left if timeout is None else min(timeout, left)


def _answered(data: bytes) -> bytes:
    budget = _BUDGET.get()
    if data and budget is not None:
        budget.answered = True
    return data


# --- sync ---------------------------------------------------------------------------------------------


class _ClampedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _answered(self._inner.read(max_bytes, _clamp(timeout, error=httpcore.ReadTimeout)))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, error=httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        return _ClampedStream(self._inner.start_tls(_real_context(ssl_context), server_hostname, clamped))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _ClampedBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        return _ClampedStream(self._inner.connect_tcp(host, port, clamped, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        return _ClampedStream(self._inner.connect_unix_socket(path, clamped, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class ClampedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose every socket operation ends by the current :class:`Budget`.

    httpx takes no network backend, so the connection pool is rebuilt with one (same settings as
    httpx's defaults: system certificates, 100 connections, 20 kept alive for 5 s), and one that never
    reuses a connection holding bytes nobody asked for (``_stray``).
    """

    def __init__(self) -> None:
        # Not super().__init__(): all it does is build the pool replaced here (and an SSL context of
        # its own, the costly part of making a client: see shared_ssl_context, pool_ssl_context).
        self._pool = StrictConnectionPool(
            ssl_context=pool_ssl_context(),
            max_connections=LIMITS.max_connections,
            max_keepalive_connections=LIMITS.max_keepalive_connections,
            keepalive_expiry=LIMITS.keepalive_expiry,
            network_backend=_ClampedBackend(),
        )


# --- async --------------------------------------------------------------------------------------------


class _AsyncClampedStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return _answered(await self._inner.read(max_bytes, _clamp(timeout, error=httpcore.ReadTimeout)))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self._inner.write(buffer, _clamp(timeout, error=httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
    ) -> httpcore.AsyncNetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        stream = await self._inner.start_tls(_real_context(ssl_context), server_hostname, clamped)
        return _AsyncClampedStream(stream)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _AsyncClampedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        from httpcore._backends.auto import AutoBackend  # asyncio or trio, as httpcore picks by default

        self._inner: httpcore.AsyncNetworkBackend = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        stream = await self._inner.connect_tcp(host, port, clamped, local_address, socket_options)
        return _AsyncClampedStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        clamped = _clamp(timeout, error=httpcore.ConnectTimeout)
        return _AsyncClampedStream(await self._inner.connect_unix_socket(path, clamped, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def spare_failed_sniffio_imports() -> None:
    """Let httpcore's ``import sniffio`` fail at once where sniffio is not installed.

    httpcore asks which async library runs (``current_async_library``) each time it sets up one of
    its locks, events or semaphores, about 13 times per read, and each time tries ``import sniffio``
    first. Since anyio 4 no longer needs sniffio it is usually absent, and a failed import is not
    remembered: every attempt walks ``sys.path`` again. Measured with 400 reads in flight through this
    transport against the emulator: 7.6 ms a read with the lookups, 3.0 ms without (bench section 9:
    30 % of the default transport's samples were in import machinery). ``None`` in ``sys.modules``
    is Python's own "known to be absent" marker: the import raises ``ModuleNotFoundError`` without a
    search and ``importlib.util.find_spec`` answers ``None``, exactly as before, only without the
    walk. Nothing changes where sniffio is installed (overrides/PATCHES.md T3).
    """
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


class AsyncClampedTransport(httpx.AsyncHTTPTransport):
    """The async twin of :class:`ClampedTransport`."""

    def __init__(self) -> None:
        spare_failed_sniffio_imports()
        # Not super().__init__(): all it does is build the pool replaced here (and an SSL context of
        # its own, the costly part of making a client: see shared_ssl_context, pool_ssl_context).
        self._pool = AsyncStrictConnectionPool(
            ssl_context=pool_ssl_context(),
            max_connections=LIMITS.max_connections,
            max_keepalive_connections=LIMITS.max_keepalive_connections,
            keepalive_expiry=LIMITS.keepalive_expiry,
            network_backend=_AsyncClampedBackend(),
        )
        # Requests beyond the pool's connections wait in this queue, not in the pool (see _gate: the
        # pool's per-request bookkeeping grows with the requests it holds).
        self._gate = ConnectionGate(LIMITS.max_connections or 100)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self._gate.enter(request.extensions.get("timeout", {}).get("pool"), request)
        try:
            response = await super().handle_async_request(request)
        except BaseException:
            self._gate.leave()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = GatedStream(response.stream, self._gate)
        return response
