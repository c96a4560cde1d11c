"""The async transport opstatus picks by itself when ``opstatus[fast]`` (aiohttp) is installed.

Imported only then, by ``_client``, so that a plain install never loads aiohttp.

It is an ``httpx.AsyncBaseTransport``: the pipeline (``_http``) keeps speaking httpx requests and
responses, and every rule it enforces (retries, redirects, the body limit, redaction, typed errors)
stays there, shared with every other transport. Underneath it uses only aiohttp's connection layer:
the connector (the pool, its limits, connecting, TLS with opstatus's shared context), the protocol
(reading the socket) and its C response parser. It writes the request head itself, from the httpx
request's header list, and reads the parsed head and body off the protocol. It does not go through
``ClientSession.request``: that builds a ``ClientRequest`` (a dozen ``update_*`` steps, a yarl URL, a
header multidict merged with the session's), a ``ClientResponse``, a timeout handle, a cookie filter
and a redirect loop per request, and with 1,000 reads in flight that was about 170k of the 590k CPU
instructions of a status read (issue 22; ``python -m tests.bench.distinct_reads --instructions``).
The session's other duties are none of opstatus's: it sends no cookies, follows no redirect, retries
nothing, sends through no proxy (a proxy named in the environment makes ``_client`` leave the
transport to httpx), decompresses nothing.

The parts of aiohttp used are not all public API (``PATCHES.md`` T4 lists them): the connector's
``connect()`` is given one ``ClientRequest`` per origin, made once, for what it reads off it (the
connection key: scheme, host, port, TLS, server name); ``ResponseHandler.set_response_params`` and
``read()`` (what ``ClientResponse.start`` calls); ``helpers.TimerContext`` (the total deadline that
aiohttp's body reads honour). tests/reliability and tests/overrides/test_fast_transport.py hold each
of them to what opstatus relies on, in whichever aiohttp is installed; they pass on the first and the
last patch release of each of 3.10 to 3.14 (:data:`SPOKEN_RELEASES`: this module refuses to import
over any other aiohttp).

What the pipeline relies on here, and how it is kept:

* **The request deadline** (``_deadline.Budget``): one timer (aiohttp's ``TimerContext``) ends the
  request, connect, head and body included, at the budget, as the httpx transport ends every socket
  operation there; so the pipeline needs no cancel scope around it (``ends_at_budget``), and hands the
  budget over on the request (``BUDGET_EXTENSION``) rather than publishing it in a context variable. A
  server that was *sending* when a request's own timeout ended is not retried (it would trickle
  again) while a silent one is; httpx's transport sees every byte, aiohttp reads in its protocol, out
  of sight. So this transport's protocol (:class:`_Protocol`) marks the budget of the request it
  carries ``answered`` when bytes arrive, as the httpx transport does when a read returns some: a
  budget that ends unanswered ended on a silent server. A per-read timer (``sock_read``) is set only
  for a read timeout shorter than the time left; no timer is set that cannot fire first.
* **A stray answer never becomes a response** (issue 21): a connection that receives bytes while it
  sits idle in the pool closes itself (:class:`_Protocol`), and one released with bytes unread is
  closed by aiohttp's connector (``should_close``).
* **The request is what httpx would send**: the httpx request's method, target (path and query,
  encoded by httpx) and header list, in order, on HTTP/1.1. A name that is not an HTTP token, a value
  holding CR, LF or NUL, or a target holding a space or control character is refused before anything
  is sent (``httpx.LocalProtocolError``, as httpx's own transport raises; the message names the header,
  never its value: it may be a token).
* **The body limit.** The body is handed over as aiohttp reads it (:class:`_Body`), raw: it is not
  inflated here (``_body`` does, with an output bound) and aiohttp holds at most its read buffer (64
  KiB) before it stops reading the socket. A body not read to its end closes the connection.
* **Retries and redirects are the pipeline's alone**: nothing is sent twice here, and no redirect is
  followed.
* **Errors are httpx's** (:func:`_httpx_error`): the pipeline retries timeouts, network and protocol
  errors and nothing else, so each aiohttp error becomes the httpx error httpx's own transport raises
  for the same failure.
"""

from __future__ import annotations

import asyncio
import functools
import math
import re
from typing import Any, ClassVar, Final, NoReturn, cast

import aiohttp
import attr
import httpx
import yarl
from aiohttp.client_proto import ResponseHandler
from aiohttp.client_reqrep import ClientRequest, ConnectionKey
from aiohttp.connector import Connection
from aiohttp.helpers import BaseTimerContext, TimerContext, TimerNoop
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.streams import EofStream, StreamReader
from aiohttp.tracing import Trace

from ._body import BufferedByteStream
from ._deadline import BUDGET_EXTENSION, LIMITS, Budget, current_budget, shared_ssl_context
from ._headers import set_raw

__all__ = ["FastTransport"]

SPOKEN_RELEASES: Final = ((3, 10), (4, 0))
"""The aiohttp releases (from, up to but not including) whose connection layer this module speaks, the
``fast`` extra's range. Checked once, at import (below): an aiohttp installed some other way outside it
makes this module fail to import, so ``_client`` leaves async clients on httpx and names why, rather
than a read failing on a piece that moved. Before 3.10 there are no ``ConnectionTimeoutError`` and
``NonHttpUrlClientError`` (:func:`_httpx_error`: every failed read raised ``AttributeError``); aiohttp 4
(its main branch) makes ``ClientRequest`` take every argument and ``ClientTimeout`` a dataclass."""


def speaks(version: str) -> bool:
    """Whether aiohttp ``version`` (``aiohttp.__version__``) is one of :data:`SPOKEN_RELEASES`."""
    release = re.match(r"(\d+)\.(\d+)", version)
    if release is None:
        return False
    first, end = SPOKEN_RELEASES
    return first <= (int(release[1]), int(release[2])) < end


if not speaks(aiohttp.__version__):
    raise ImportError(f"aiohttp {aiohttp.__version__} unsupported, needs >=3.10,<4", name="aiohttp")

_NO_TIMEOUTS: Final[dict[str, float | None]] = {}
_NO_HEADERS: Final = httpx.Headers()
_NO_TRACES: Final[list[Trace]] = []  # connect() only reads it
_NO_TIMER: Final = TimerNoop()
_READ_BUFFER: Final = 2**16
"""Bytes aiohttp holds of a body before it stops reading the socket (its own default)."""
_ORIGINS_REMEMBERED: Final = 64
_TOKEN: Final = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP header name (RFC 9110's ``token``)."""
_TARGET: Final = re.compile(rb"[!-~]+")
"""A request target: visible ASCII, no space (httpx percent-encodes everything else)."""


class _Protocol(ResponseHandler):
    """aiohttp's protocol, marking the budget of the request it carries ``answered`` when bytes come,
    and closing itself when bytes come while it sits idle in the pool (``idle``): those answer no
    request, and would be read as the next request's response (issue 21; bytes left over when the
    connection is released already make aiohttp's connector close it)."""

    budget: Budget | None = None
    idle: bool = False

    def data_received(self, data: bytes) -> None:
        if self.idle and data:
            self.close()  # no longer connected: the pool skips it
            return
        budget = self.budget
        if data and budget is not None:
            budget.answered = True
        super().data_received(data)


@attr.s(auto_attribs=True, frozen=True, slots=True)
class _Timeout(aiohttp.ClientTimeout):
    """aiohttp's connect timeouts for one request, with the request's budget: the connector hands this
    very object to :meth:`_Connector.connect`, which gives the budget to the connection's protocol."""

    budget: Budget | None = None


class _Connector(aiohttp.TCPConnector):
    """aiohttp's connector, its connections speaking :class:`_Protocol`, each given its request's budget."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No public switch for the protocol class; aiohttp builds every connection's with this.
        self._factory = cast(
            "functools.partial[ResponseHandler]", functools.partial(_Protocol, loop=self._loop)
        )

    async def connect(
        self,
        req: ClientRequest,
        traces: list[Trace],
        timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 - aiohttp's signature
    ) -> Connection:
        connection = await super().connect(req, traces, timeout)
        protocol = connection.protocol
        if isinstance(protocol, _Protocol):
            protocol.idle = False
            protocol.budget = timeout.budget if isinstance(timeout, _Timeout) else current_budget()
        return connection

    def _release(self, key: ConnectionKey, protocol: ResponseHandler, *, should_close: bool = False) -> None:
        # aiohttp's own hook (private, as ``_factory``) for a connection going back to the pool.
        if isinstance(protocol, _Protocol):
            protocol.idle = True
            protocol.budget = None
        super()._release(key, protocol, should_close=should_close)


def _httpx_error(exc: Exception) -> httpx.HTTPError | None:
    """The httpx error httpx's own transport raises for the failure aiohttp reported as ``exc``."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):  # no connection (pool or connect) in time
        return httpx.ConnectTimeout(str(exc) or "timed out waiting for a connection")
    if isinstance(exc, asyncio.TimeoutError):  # aiohttp's SocketTimeoutError: sock_read ran out
        return httpx.ReadTimeout(str(exc) or "timed out reading the response")
    if isinstance(exc, aiohttp.ClientConnectorError):  # refused, unreachable, DNS, TLS handshake
        return httpx.ConnectError(str(exc))
    if isinstance(exc, aiohttp.ServerDisconnectedError | EofStream):
        return httpx.RemoteProtocolError("Server disconnected without sending a response.")
    if isinstance(exc, aiohttp.ClientPayloadError):  # body cut short, broken chunked framing
        return httpx.RemoteProtocolError(str(exc) or "the response body ended early")
    if isinstance(exc, HttpProcessingError):  # the status line or headers do not parse
        return httpx.RemoteProtocolError(exc.message or "the response head is malformed")
    if isinstance(exc, aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(exc.message or "the response head is malformed")
    if isinstance(exc, aiohttp.NonHttpUrlClientError | aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(str(exc))
    if isinstance(exc, aiohttp.ClientConnectionError):  # reset or closed while sending or reading
        return httpx.ReadError(str(exc) or type(exc).__name__)
    return None


def _fail(exc: Exception, budget: Budget | None) -> NoReturn:
    """Raise the httpx error for ``exc`` (``exc`` itself when it is none of aiohttp's)."""
    if budget is not None and type(exc) is TimeoutError:  # the total timer: the budget ended it
        # Whether the server was sending then is in ``budget.answered`` (see _Protocol).
        raise httpx.ReadTimeout("the request's total deadline passed") from exc
    error = _httpx_error(exc)
    if error is None:
        raise exc
    raise error from exc


def request_head(request: httpx.Request) -> bytes:
    """The HTTP/1.1 request line and header lines of ``request``, ending with the blank line.

    Refuses (``httpx.LocalProtocolError``) what would let a value end its line early or smuggle a
    header in: a name that is not a token, CR, LF or NUL in a value, a target that is not visible ASCII.
    The message names the header, never its value (it may hold a token).
    """
    items = request.headers._list  # (name, lowered name, value): see _headers
    target = request.url.raw_path
    parts = [request.method.encode("ascii"), b" ", target, b" HTTP/1.1\r\n"]
    for name, _, value in items:
        parts += (name, b": ", value, b"\r\n")
    parts.append(b"\r\n")
    head = b"".join(parts)
    lines = len(items) + 2
    if head.count(b"\n") != lines or head.count(b"\r") != lines or b"\0" in head:
        raise _unsafe_head(request)
    for name, _, _ in items:
        if name not in _SAFE_NAMES:
            _check_name(name)
    if not _TARGET.fullmatch(target):
        raise _unsafe_head(request)
    return head


_SAFE_NAMES: set[bytes] = set()
"""Header names seen to be tokens (opstatus sends a handful, always the same; a caller's own past
:data:`_ORIGINS_REMEMBERED` are checked each time, not kept)."""


def _check_name(name: bytes) -> None:
    if not _TOKEN.fullmatch(name):
        shown = name.decode("latin-1")[:64]
        raise httpx.LocalProtocolError(
            f"refusing to send a request header named {shown!r}: not an HTTP token"
        )
    if len(_SAFE_NAMES) < _ORIGINS_REMEMBERED:
        _SAFE_NAMES.add(name)


def _unsafe_head(request: httpx.Request) -> httpx.LocalProtocolError:
    target = request.url.raw_path
    if not _TARGET.fullmatch(target) or b"\r" in target or b"\n" in target:
        return httpx.LocalProtocolError("refusing to send a request target with a space or control character")
    for name, _, value in request.headers._list:
        if any(mark in value for mark in (b"\r", b"\n", b"\0")):
            shown = name.decode("latin-1")[:64]
            return httpx.LocalProtocolError(
                f"refusing to send request header {shown!r}: its value holds a line break or NUL"
            )
        if any(mark in name for mark in (b"\r", b"\n", b"\0")):
            return httpx.LocalProtocolError("refusing to send a request header whose name holds a line break")
    return httpx.LocalProtocolError("refusing to send a malformed request head")


class _Body(BufferedByteStream):
    """A response's body, raw, as aiohttp's parser reads it from the socket; all of it at once when it
    came with the head (:meth:`take_whole`, a status body's usual case). Closing it ends the request:
    its total timer is cancelled and the connection goes back to the pool (body read to its end) or is
    closed (not)."""

    def __init__(
        self,
        connection: Connection,
        content: StreamReader,
        budget: Budget | None,
        timer: asyncio.TimerHandle | None,
    ) -> None:
        self._connection = connection
        self._content = content
        self._budget = budget
        self._timer = timer
        self._ended = False

    # An iterator of its own, not an async generator: the event loop tracks every async generator
    # (a hook and a weak set entry each), about 2 % of a status read with 1,000 in flight.
    def __aiter__(self) -> _Body:
        return self

    async def __anext__(self) -> bytes:
        if self._ended:
            raise StopAsyncIteration
        content = self._content
        try:
            chunk = await content.readany()
        except Exception as exc:
            _fail(exc, self._budget)
        if not chunk:
            self._ended = True
            raise StopAsyncIteration
        if content.is_eof():  # the whole body came with this chunk (a status body does): no read to end
            self._ended = True
        return chunk

    def take_whole(self) -> bytes | None:
        content = self._content
        if self._ended or not content.is_eof():
            return None
        try:
            whole = content.read_nowait(-1)  # what readany() returns once nothing is left to wait for
        except Exception as exc:
            _fail(exc, self._budget)
        self._ended = True
        return whole

    async def aclose(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._ended:
            self._connection.release()  # back to the pool (closed instead if it must be: should_close)
        else:
            self._connection.close()  # the rest of the body is never read: the connection is closed


class FastTransport(httpx.AsyncBaseTransport):
    """httpx requests sent over aiohttp's connection pool (made on first use, inside the event loop)."""

    ends_at_budget: ClassVar[bool] = True
    """Read by the pipeline: this transport ends each request at its ``Budget`` by itself and sets
    ``Budget.answered`` (see the module docstring)."""

    def __init__(self) -> None:
        self._connector: _Connector | None = None
        self._origins: dict[tuple[bytes, bytes, int | None, str | None], ClientRequest] = {}

    @staticmethod
    def _new_connector() -> _Connector:
        return _Connector(
            limit=LIMITS.max_connections or 0,
            keepalive_timeout=LIMITS.keepalive_expiry,
            ssl=shared_ssl_context(),
        )

    def _origin(
        self, url: httpx.URL, server_hostname: str | None, loop: asyncio.AbstractEventLoop
    ) -> ClientRequest:
        """What the connector reads to pick or open a connection for ``url``: one request per origin."""
        key = (url.raw_scheme, url.raw_host, url.port, server_hostname)
        origin = self._origins.get(key)
        if origin is None:
            if len(self._origins) >= _ORIGINS_REMEMBERED:
                self._origins.clear()
            try:
                target = yarl.URL(f"{url.scheme}://{url.netloc.decode('ascii')}/", encoded=True)
            except ValueError as exc:
                raise httpx.UnsupportedProtocol(
                    f"aiohttp cannot connect to {url.scheme}://{url.host}"
                ) from exc
            origin = self._origins[key] = ClientRequest(
                "GET", target, loop=loop, ssl=True, server_hostname=server_hostname
            )
        return origin

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        connector = self._connector
        if connector is None:
            connector = self._connector = self._new_connector()
        elif connector.closed:
            raise RuntimeError("Cannot send a request, as the transport has been closed.")
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported protocol '{url.scheme}://'.")
        try:
            content = request.content
        except httpx.RequestNotRead:  # a streamed body (opstatus sends none): read it first
            content = await request.aread()
        head = request_head(request)
        loop = asyncio.get_running_loop()
        origin = self._origin(url, request.extensions.get("sni_hostname"), loop)
        timeout = request.extensions.get("timeout") or _NO_TIMEOUTS
        read: float | None = timeout.get("read")
        pool: float | None = timeout.get("pool")  # aiohttp's "connect": the pool wait and the connect
        budget: Budget | None = request.extensions.get(BUDGET_EXTENSION) or current_budget()
        timer: BaseTimerContext = _NO_TIMER
        handle = None
        if budget is not None:
            total = budget.left()
            if total <= 0:
                raise httpx.PoolTimeout("the request's total deadline has passed")
            # A timer costs about 5 µs a request with 1,000 in flight: none that cannot fire first.
            if pool is not None and pool >= total:
                pool = None
            if read is not None and read >= total:
                read = None
            timer = TimerContext(loop)
            handle = loop.call_at(loop.time() + total, timer.timeout)
        try:
            with timer:
                connection = await self._connect(connector, origin, budget, pool, timeout.get("connect"))
                try:
                    message, payload = await self._exchange(connection, head + content, read, timer)
                except BaseException:
                    connection.close()
                    raise
        except BaseException as exc:
            if handle is not None:
                handle.cancel()
            if isinstance(exc, Exception) and not isinstance(exc, httpx.HTTPError):
                _fail(exc, budget)
            raise
        result = httpx.Response(
            message.code,
            headers=_NO_HEADERS,  # copied (a Headers is, cheaply), then filled below
            stream=_Body(connection, payload, budget, handle),
            request=request,
            # A dict of its own per response: httpx before 0.28 keeps the one it is given.
            extensions={"http_version": b"HTTP/1.1"},
        )
        set_raw(result.headers, message.raw_headers)
        return result

    @staticmethod
    async def _connect(
        connector: _Connector,
        origin: ClientRequest,
        budget: Budget | None,
        pool: float | None,
        sock_connect: float | None,
    ) -> Connection:
        """A pooled or new connection to ``origin``'s host, within the pool and connect timeouts."""
        limits = _Timeout(
            budget=budget,
            connect=pool,
            sock_connect=sock_connect,
            ceil_threshold=math.inf,  # aiohttp rounds timeouts of 5 s or more up to whole seconds
        )
        try:
            return await connector.connect(origin, _NO_TRACES, limits)
        except TimeoutError as exc:  # the pool wait or the connect ran out
            raise httpx.ConnectTimeout(str(exc) or "timed out waiting for a connection") from exc

    @staticmethod
    async def _exchange(
        connection: Connection, data: bytes, read: float | None, timer: BaseTimerContext
    ) -> tuple[Any, StreamReader]:
        """Send ``data`` (the head and body) on ``connection``; the parsed response head and its body."""
        protocol = connection.protocol
        transport = None if protocol is None else protocol.transport
        if protocol is None or transport is None or transport.is_closing():
            raise httpx.WriteError("the connection closed before the request was sent")
        protocol.set_response_params(
            timer=timer,
            read_until_eof=True,  # a body with neither length nor chunks ends with the connection
            auto_decompress=False,
            read_timeout=read,
            read_bufsize=_READ_BUFFER,
            timeout_ceil_threshold=math.inf,
        )
        transport.write(data)
        if read is not None:
            protocol.start_timeout()
        while True:
            message, payload = await protocol.read()
            code = message.code
            if code < 100 or code > 199 or code == 101:  # 1xx: an interim answer, the final one follows
                return message, payload

    async def aclose(self) -> None:
        if self._connector is not None:
            await self._connector.close()
