"""The async transport opstatus picks by itself when ``opstatus[fast]`` (aiohttp) is installed.

Imported only then, by ``_client``, so that a plain install never loads aiohttp.

It is an ``httpx.AsyncBaseTransport`` written straight over one ``aiohttp.ClientSession``: the pipeline
(``_http``) keeps speaking httpx requests and responses, and every rule it enforces (retries,
redirects, the body limit, redaction, typed errors) stays there, shared with every other transport.
It replaced httpx-aiohttp's adapter, which with 1,000 reads in flight cost more CPU than aiohttp
itself (a Trace object and a signal per request phase, a context manager per call, a cookie jar),
while the pipeline's cancel scope around it cost as much again (see BENCHMARKS.md, concurrency).

What the pipeline relies on here, and how it is kept:

* **The request deadline** (``_deadline.Budget``): aiohttp's own total timeout ends the request,
  body included, at the budget, as the httpx transport ends every socket operation there; so the
  pipeline needs no cancel scope around it (``ends_at_budget``), and hands the budget over on the
  request (``BUDGET_EXTENSION``) rather than publishing it in a context variable. A server that was
  *sending* when a request's own timeout ended is not retried (it would trickle again) while a silent
  one is; httpx's transport sees every byte, aiohttp reads in its protocol, out of sight. So this
  transport's protocol (:class:`_Protocol`) marks the budget of the request it carries ``answered``
  when bytes arrive, as the httpx transport does when a read returns some: a budget that ends
  unanswered ended on a silent server. (It used to tell them apart with aiohttp's per-read timer,
  ``sock_read``, cut to 90 % of the time left: two timers more a request, about 10 µs with 1,000 in
  flight, and a server that sent its headers and then went silent was retried, unlike on the httpx
  transport.) A ``sock_read`` is set only for a read timeout shorter than the time left; no timer is
  set that cannot fire first.
* **The body limit.** The body is handed over as aiohttp reads it (:class:`_Body`), raw: aiohttp does
  not inflate it (``auto_decompress=False``; ``_body`` does, with an output bound) and holds at most
  its read buffer (64 KiB) before it stops reading the socket. A body not read to its end closes the
  connection.
* **Retries and redirects are the pipeline's alone.** aiohttp's own resend of a GET on a stale pooled
  connection is off, and it follows no redirect.
* **Errors are httpx's** (:func:`_httpx_error`): the pipeline retries timeouts, network and protocol
  errors and nothing else, so each aiohttp error becomes the httpx error httpx's own transport raises
  for the same failure.
* **Nothing else is added:** no cookies kept, no proxy (a proxy named in the environment makes
  ``_client`` leave the transport to httpx), opstatus's pool limits and shared SSL context.
"""

from __future__ import annotations

import asyncio
import functools
import math
from typing import Any, ClassVar, Final, NoReturn, cast

import aiohttp
import attr
import httpx
import yarl
from aiohttp.client_proto import ResponseHandler
from aiohttp.client_reqrep import ClientRequest, ConnectionKey
from aiohttp.connector import Connection
from aiohttp.tracing import Trace
from multidict import CIMultiDict, istr

from ._body import BufferedByteStream
from ._deadline import BUDGET_EXTENSION, LIMITS, Budget, current_budget, shared_ssl_context
from ._headers import set_raw, str_items

__all__ = ["FastTransport"]

_NO_TIMEOUTS: Final[dict[str, float | None]] = {}
_NO_HEADERS: Final = httpx.Headers()


class _Protocol(ResponseHandler):
    """aiohttp's protocol, marking the budget of the request it carries ``answered`` when bytes come,
    and closing itself when bytes come while it sits idle in the pool (``idle``): those answer no
    request, and aiohttp would hand them to the next request on this connection as its response
    (issue 21; bytes left over when the connection is released already make aiohttp close it)."""

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
    """aiohttp's timeouts for one request, with the request's budget: aiohttp hands this very object
    to the connector, so :class:`_Connector` finds the budget on it (no context variable to set)."""

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
        # aiohttp writes the request right after this, with no wait in between, and hands connect()
        # the request's own timeout object, which carries its budget (:class:`_Timeout`). (A trace
        # hook would say the same, for a Trace object and a signal per request phase: about 5 % of a
        # status read with 1,000 in flight.)
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


class _HeaderNames(dict[bytes, str]):
    """Request header names as ``istr``, made once each: multidict keeps an istr's lowered form, so
    aiohttp's three header tables (the session's merge, the request's, the writer's) do not lower and
    hash a fresh string three times per header. opstatus sends a handful of names, always the same;
    past :attr:`LIMIT` names (a caller's own headers) the rest are made anew, not kept."""

    LIMIT: ClassVar[int] = 64

    def __missing__(self, name: bytes) -> str:
        try:
            text = istr(name.decode())
        except UnicodeDecodeError:
            text = istr(name.decode("latin-1"))
        if len(self) < self.LIMIT:
            self[name] = text
        return text


def _httpx_error(exc: Exception) -> httpx.HTTPError | None:
    """The httpx error httpx's own transport raises for the failure aiohttp reported as ``exc``."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):  # no connection (pool or connect) in time
        return httpx.ConnectTimeout(str(exc) or "timed out waiting for a connection")
    if isinstance(exc, asyncio.TimeoutError):  # aiohttp's SocketTimeoutError: sock_read ran out
        return httpx.ReadTimeout(str(exc) or "timed out reading the response")
    if isinstance(exc, aiohttp.ClientConnectorError):  # refused, unreachable, DNS, TLS handshake
        return httpx.ConnectError(str(exc))
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError("Server disconnected without sending a response.")
    if isinstance(exc, aiohttp.ClientPayloadError):  # body cut short, broken chunked framing
        return httpx.RemoteProtocolError(str(exc) or "the response body ended early")
    if isinstance(exc, aiohttp.ClientResponseError):  # the status line or headers do not parse
        return httpx.RemoteProtocolError(exc.message or "the response head is malformed")
    if isinstance(exc, aiohttp.NonHttpUrlClientError | aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(str(exc))
    if isinstance(exc, aiohttp.ClientConnectionError):  # reset or closed while sending or reading
        return httpx.ReadError(str(exc) or type(exc).__name__)
    return None


def _fail(exc: Exception, budget: Budget | None) -> NoReturn:
    """Raise the httpx error for ``exc`` (``exc`` itself when it is none of aiohttp's)."""
    if budget is not None and type(exc) is TimeoutError:  # the total timeout: the budget ended it
        # Whether the server was sending then is in ``budget.answered`` (see _Protocol).
        raise httpx.ReadTimeout("the request's total deadline passed") from exc
    error = _httpx_error(exc)
    if error is None:
        raise exc
    raise error from exc


class _Body(BufferedByteStream):
    """An aiohttp response's body, raw, as aiohttp reads it from the socket; all of it at once when
    aiohttp has read it all with the head (:meth:`take_whole`, a status body's usual case)."""

    def __init__(self, response: aiohttp.ClientResponse, budget: Budget | None) -> None:
        self._response = response
        self._budget = budget
        self._ended = False

    # An iterator of its own, not an async generator: the event loop tracks every async generator
    # (a hook and a weak set entry each), about 2 % of a status read with 1,000 in flight.
    def __aiter__(self) -> _Body:
        return self

    async def __anext__(self) -> bytes:
        if self._ended:
            raise StopAsyncIteration
        content = self._response.content
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
        content = self._response.content
        if self._ended or not content.is_eof():
            return None
        try:
            whole = content.read_nowait(-1)  # what readany() returns once nothing is left to wait for
        except Exception as exc:
            _fail(exc, self._budget)
        self._ended = True
        return whole

    async def aclose(self) -> None:
        if self._ended:
            self._response.release()  # the connection goes back to the pool
        else:
            self._response.close()  # the rest of the body is never read: the connection is closed


class FastTransport(httpx.AsyncBaseTransport):
    """httpx requests sent over one aiohttp session (made on first use, inside the event loop)."""

    ends_at_budget: ClassVar[bool] = True
    """Read by the pipeline: this transport ends each request at its ``Budget`` by itself and sets
    ``Budget.answered`` (see the module docstring)."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._names = _HeaderNames()

    @staticmethod
    def _new_session() -> aiohttp.ClientSession:
        connector = _Connector(
            limit=LIMITS.max_connections or 0,
            keepalive_timeout=LIMITS.keepalive_expiry,
            ssl=shared_ssl_context(),
        )
        session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(),  # no limits of aiohttp's own: each request brings its own
        )
        # aiohttp sends an idempotent request once more by itself when a pooled connection turns out
        # closed; the pipeline's RetryPolicy must be the only one to count and pace tries (the fault
        # soak saw 5 tries of a GET with max_attempts=4). No public switch: aiohttp's own test client
        # turns it off this way.
        session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session
        if session is None:
            session = self._session = self._new_session()
        try:
            content = request.content
        except httpx.RequestNotRead:  # a streamed body (opstatus sends none): read it first
            content = await request.aread()
        timeout = request.extensions.get("timeout") or _NO_TIMEOUTS
        read: float | None = timeout.get("read")
        pool: float | None = timeout.get("pool")  # aiohttp's "connect": the pool wait and the connect
        budget: Budget | None = request.extensions.get(BUDGET_EXTENSION) or current_budget()
        total = None
        if budget is not None:
            total = budget.left()
            if total <= 0:
                raise httpx.PoolTimeout("the request's total deadline has passed")
            # A timer costs about 5 µs a request with 1,000 in flight: none that cannot fire first.
            if pool is not None and pool >= total:
                pool = None
            if read is not None and read >= total:
                read = None
        try:
            response = await session.request(
                request.method,
                self._aiohttp_url(request.url),
                # A multidict, which aiohttp takes as it is: a list would be copied into one, and held
                # (with a tuple per header) by the request's frame until the response is read.
                headers=CIMultiDict(str_items(request.headers, self._names.__getitem__)),
                data=content or None,
                allow_redirects=False,
                timeout=_Timeout(
                    budget=budget,
                    total=total,
                    connect=pool,
                    sock_connect=timeout.get("connect"),
                    sock_read=read,
                    ceil_threshold=math.inf,  # aiohttp rounds timeouts of 5 s or more up to whole seconds
                ),
                server_hostname=request.extensions.get("sni_hostname"),
            )
        except Exception as exc:
            _fail(exc, budget)
        result = httpx.Response(
            response.status,
            headers=_NO_HEADERS,  # copied (a Headers is, cheaply), then filled below
            stream=_Body(response, budget),
            request=request,
            # A dict of its own per response: httpx before 0.28 keeps the one it is given.
            extensions={"http_version": b"HTTP/1.1"},
        )
        set_raw(result.headers, response.raw_headers)
        return result

    @staticmethod
    def _aiohttp_url(url: httpx.URL) -> yarl.URL:
        """``url`` as aiohttp's URL, from the parts httpx has parsed, normalised and encoded already.

        Built from those parts (``_uri_reference``, pinned httpx < 0.29) with ``encoded=True``: no
        string is built and split again, and yarl encodes nothing. A new operation's URL costs about
        what a repeated one does (issue 22: the URL used to be remembered per parsed URL, and a URL not
        seen before paid for its text and yarl's split). IPv6 hosts, credentials, fragments, empty
        paths and bare ``?``s take the text route, which keeps yarl's own handling of them.
        """
        parsed = url._uri_reference
        query = parsed.query
        if (
            parsed.userinfo
            or parsed.fragment is not None
            or ":" in parsed.host
            or not parsed.path
            or query == ""
        ):
            return yarl.URL(str(url), encoded=True)
        return yarl.URL.build(
            scheme=parsed.scheme,
            host=parsed.host,
            port=parsed.port,
            path=parsed.path,
            query_string=query or "",
            encoded=True,
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
