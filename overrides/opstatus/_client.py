"""The one client implementation behind the six public clients, driven by per-API data.

A per-API module (``monitor``, ``partner_portal``, ``graph_billing``) describes its API as an
:class:`ApiSpec` - the generated polling table, the generated request builder of its status endpoint
and the parser of its status model - and declares typed, keyword-only methods that forward here.
Nothing in this module knows which API it talks to.

How a request is made (the hot path, kept lean): the generated endpoint's request builder
(``_get_kwargs``, openapi-python-client's own rendering of the spec's path and query) gives the
relative path and query after our checks on the values (:func:`opstatus._urls.check_path_value`); the
pipeline sends one GET through the caller's or our ``httpx`` client, with retries and redirect rules;
the body is parsed with the generated model classes. The generated ``sync_detailed`` functions are
not used because they cannot target a URL a service handed back (``Location``, continuation tokens),
cannot retry, and would need an ``httpx`` client configured with our auth - which would mutate a client
the caller passed in.

Constructor arguments (all keyword-only), shared by every client:

``credential=`` / ``token=``  where bearer tokens come from (see ``_auth``); neither: no
    ``Authorization`` header (the emulator, or an ``http_client`` with its own auth).
``base_url=``  the API's real endpoint by default (polling table ``DEFAULT_BASE_URL``); any
    http(s) URL, e.g. ``http://127.0.0.1:8080`` for the emulator. A token is only sent over https or to
    a loopback address.
``scopes=``  token scopes; default: the API's ``.default`` scope (``DEFAULT_SCOPE``).
``timeout=``  seconds (or an ``httpx.Timeout``) per HTTP request; not given: 30 s (10 s to connect),
    or the passed ``http_client``'s own; ``None``: no limit. Inside a wait with a timeout, a request
    never runs past the wait's deadline: its limits are cut to the time left.
``retry=`` (:class:`RetryPolicy`), ``polling=`` (:class:`PollingPolicy`).
``http_client=`` (an ``httpx.Client``/``AsyncClient`` the caller owns and closes) or ``transport=``
    (an ``httpx`` transport, e.g. ``httpx.MockTransport``; the client owns the ``httpx`` client).
    Without either, the transport is ``_deadline``'s, whose sockets end by each request's total
    deadline; with either, that deadline is enforced between body chunks (and by a cancel scope, async).
``max_body_size=``  the most decoded bytes one response body may have (default 4 MiB,
    :data:`opstatus._body.DEFAULT_MAX_BODY_SIZE`); a larger one raises :class:`ResponseTooLargeError`.
``clock=``, ``sleep=``, ``wall_clock=``, ``rng=``  injectable time and randomness, for tests.

Import cost: a client module loads the HTTP layer and its API's generated models; the waiting
machinery (pollers, the status reader, continuation tokens) and ``asyncio`` load on first use.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, Protocol, Self, TypeVar, final
from urllib.parse import urlencode

import httpx

from ._auth import BearerAuth
from ._body import DEFAULT_MAX_BODY_SIZE, check_max_body_size
from ._deadline import AsyncClampedTransport, ClampedTransport
from ._errors import DeadlineReachedError
from ._http import AsyncPipeline, SyncPipeline, decode_json, parse_model, status_response
from ._pacing import Pacer
from ._policy import PollingPolicy
from ._retry import RetryPolicy
from ._urls import (
    check_path_value,
    check_query_value,
    check_token_transport,
    resolve_service_url,
)
from ._validate import check_base_url, check_timeout

# The waiting machinery (and asyncio) loads on the first poller, not with the client: a program that
# only reads statuses never imports it (see "Import cost" in the module docstring).
if TYPE_CHECKING:
    from ._poller import AsyncPoller, Poller, ProgressCallback
    from ._status import StatusReader, StatusResponse

__all__ = ["NOT_GIVEN", "ApiSpec", "AsyncClient", "NotGiven", "SyncClient"]

StatusT = TypeVar("StatusT")
T = TypeVar("T")

DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=10.0)
_USER_AGENT: Final = f"opstatus python-httpx/{httpx.__version__}"
_URL_CACHE_SIZE: Final = 256


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`: an argument left out, as opposed to an explicit ``None``."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Final = NotGiven()

TimeoutArg = float | httpx.Timeout | None | NotGiven


if TYPE_CHECKING:

    class PollingTableModule(Protocol):
        """The constants of ``opstatus._generated.<key>.polling`` the clients read (BRIEF's contract)."""

        @property
        def API_KEY(self) -> str: ...

        @property
        def DEFAULT_BASE_URL(self) -> str: ...

        @property
        def DEFAULT_SCOPE(self) -> str: ...

        @property
        def API_VERSION(self) -> str | None: ...

        @property
        def UNWRAP_SINGLE_ITEM_ARRAY(self) -> bool: ...


RequestBuilder = Callable[..., dict[str, Any]]
"""A generated endpoint's ``_get_kwargs``: path values in, ``{"method", "url", "params"}`` out."""


@final
class ApiSpec(Generic[StatusT]):
    """Everything the generic client needs to know about one API; all of it generated or declared.

    ``status_request`` is the generated request builder of the status endpoint and ``parse_status``
    the parser of its 200 body (see ``_parsers``); ``status_model`` names that model in errors. The
    :class:`StatusReader` is built from the generated polling table on first use (the first poller).
    """

    __slots__ = ("_reader", "parse_status", "status_model", "status_request", "table")

    def __init__(
        self,
        *,
        table: PollingTableModule,
        status_request: RequestBuilder,
        parse_status: Callable[[Any], StatusT],
        status_model: str,
    ) -> None:
        self.table = table
        self.status_request = status_request
        self.parse_status = parse_status
        self.status_model = status_model
        self._reader: StatusReader | None = None

    @property
    def reader(self) -> StatusReader:
        if self._reader is None:
            from ._status import StatusReader

            self._reader = StatusReader.from_table(self.table)
        return self._reader

    @property
    def key(self) -> str:
        return self.table.API_KEY

    def __repr__(self) -> str:
        return f"ApiSpec({self.key!r}, status_model={self.status_model!r})"


def _timeout(value: TimeoutArg) -> httpx.Timeout | None:
    if isinstance(value, NotGiven):
        return None
    return check_timeout(value) or httpx.Timeout(None)


def _left(deadline: float | None, now: float) -> float | None:
    return None if deadline is None else deadline - now


def _check_time_for(delay: float, deadline: float | None, now: float) -> None:
    """Raise DeadlineReachedError when waiting ``delay`` for the pacer would end past ``deadline``."""
    if deadline is not None and now + delay >= deadline:
        raise DeadlineReachedError("the next request may not go out before the wait's deadline")


class _ClientCore(Generic[StatusT]):
    """Configuration and URL building shared by the sync and async clients (no I/O here)."""

    _API: ClassVar[ApiSpec[Any]]

    def __init__(
        self,
        *,
        credential: object | None,
        token: object | None,
        base_url: str | httpx.URL | None,
        scopes: Sequence[str] | None,
        retry: RetryPolicy | None,
        polling: PollingPolicy | None,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        rng: Callable[[], float],
    ) -> None:
        api: ApiSpec[StatusT] = self._API
        self._api = api
        self._base_url = check_base_url(api.table.DEFAULT_BASE_URL if base_url is None else base_url)
        self._base = str(self._base_url).rstrip("/")
        if retry is not None and not isinstance(retry, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
        if polling is not None and not isinstance(polling, PollingPolicy):
            raise TypeError(f"polling must be a PollingPolicy, got {type(polling).__name__}")
        self._retry = retry or RetryPolicy()
        self._polling = polling or PollingPolicy()
        self._clock = clock
        self._wall_clock = wall_clock
        self._rng = rng
        self._url_cache: dict[tuple[object, ...], httpx.URL] = {}
        self._auth: BearerAuth | None = None
        if credential is not None or token is not None:
            if credential is not None and token is not None:
                raise TypeError("pass credential= or token=, not both")
            self._auth = BearerAuth(
                credential=credential,
                token=token,
                scopes=(api.table.DEFAULT_SCOPE,) if scopes is None else scopes,
                clock=wall_clock,
            )
            check_token_transport(self._base_url)

    @property
    def base_url(self) -> str:
        return self._base

    @property
    def retry(self) -> RetryPolicy:
        return self._retry

    @property
    def polling(self) -> PollingPolicy:
        return self._polling

    def __repr__(self) -> str:
        auth = repr(self._auth) if self._auth is not None else "None"
        return f"{type(self).__name__}(base_url={self._base!r}, auth={auth})"

    def _url(
        self, request: RequestBuilder, path: Mapping[str, object], query: Mapping[str, object]
    ) -> httpx.URL:
        """Absolute URL of one generated endpoint, after refusing values that could change it.

        Built URLs are remembered (a small bounded cache): polling the same operation again skips the
        checks, the generated builder and URL parsing - most of the client-side cost of a status read.
        """
        key = (request, *path.items(), *query.items())
        try:
            cached = self._url_cache.get(key)
        except TypeError:  # an unhashable value; the checks below say what is wrong with it
            cached = None
        if cached is not None:
            return cached
        for name, value in path.items():
            check_path_value(name, value)
        extra = {name: check_query_value(name, value) for name, value in query.items() if value is not None}
        built = request(**path, **extra)
        params = built.get("params")
        url = httpx.URL(
            f"{self._base}{built['url']}?{urlencode(params)}" if params else f"{self._base}{built['url']}"
        )
        if len(self._url_cache) >= _URL_CACHE_SIZE:
            self._url_cache.clear()
        self._url_cache[key] = url
        return url

    def _status_url(self, path: Mapping[str, object]) -> httpx.URL:
        return self._url(self._api.status_request, path, {})

    def _service_url(self, url: str) -> httpx.URL:
        """A URL a service (or a continuation token) handed back, checked to stay on this origin."""
        return resolve_service_url(url, base_url=self._base_url, api_version=self._api.table.API_VERSION)

    def _deadline(self, remaining: float | None) -> float | None:
        return None if remaining is None else self._clock() + remaining


class SyncClient(_ClientCore[StatusT]):
    """Generic synchronous client; the public clients subclass it with typed methods."""

    def __init__(
        self,
        *,
        credential: object | None = None,  # a TokenCredential (see _auth); checked at runtime
        token: str | Callable[[], str] | None = None,
        base_url: str | httpx.URL | None = None,
        scopes: Sequence[str] | None = None,
        timeout: TimeoutArg = NOT_GIVEN,
        retry: RetryPolicy | None = None,
        polling: PollingPolicy | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall_clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            credential=credential,
            token=token,
            base_url=base_url,
            scopes=scopes,
            retry=retry,
            polling=polling,
            clock=clock,
            wall_clock=wall_clock,
            rng=rng,
        )
        if http_client is not None and transport is not None:
            raise TypeError("pass http_client= or transport=, not both")
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client must be an httpx.Client, got {type(http_client).__name__}")
        request_timeout = _timeout(timeout)
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.Client(
                transport=transport if transport is not None else ClampedTransport(),
                timeout=DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else request_timeout,
                headers={"User-Agent": _USER_AGENT},
                follow_redirects=False,
            )
            request_timeout = None
        self._http = http_client
        self._sleep = sleep
        self._pipeline = SyncPipeline(
            client=http_client,
            auth=self._auth,
            retry=self._retry,
            timeout=request_timeout,
            clock=clock,
            sleep=sleep,
            rng=rng,
            wall_clock=wall_clock,
            max_body_size=check_max_body_size(max_body_size),
        )

    def close(self) -> None:
        """Close the ``httpx`` client if this client made it (a passed ``http_client`` stays open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- helpers for the typed per-API methods -----------------------------------------------------

    def _get(self, url: httpx.URL, parse: Callable[[Any], T], *, what: str) -> T:
        response, document = self._pipeline.get(url)
        return parse_model(response, document, parse, what=what)

    def _fetch_status(self, url: httpx.URL, remaining: float | None = None) -> StatusResponse[StatusT]:
        api = self._api
        response, document = self._pipeline.get(url, deadline=self._deadline(remaining))
        return status_response(
            response,
            document,
            api.parse_status,
            what=api.status_model,
            unwrap_single_item=api.table.UNWRAP_SINGLE_ITEM_ARRAY,
            now=self._wall_clock,
        )

    def _get_status(self, path: Mapping[str, object]) -> StatusT:
        api = self._api
        response, document = self._pipeline.get(self._status_url(path))
        body = decode_json(response, document, unwrap_single_item=api.table.UNWRAP_SINGLE_ITEM_ARRAY)
        return parse_model(response, body, api.parse_status, what=api.status_model)

    def _poller_for(
        self, url: httpx.URL, *, on_progress: ProgressCallback | None, first_seen: float | None = None
    ) -> Poller[StatusT]:
        from ._poller import Poller

        pacer = Pacer(after_error=self._polling.floor)

        def fetch(remaining: float | None) -> StatusResponse[StatusT]:
            deadline = self._deadline(remaining)
            delay = pacer.delay(self._clock())
            if delay > 0:
                _check_time_for(delay, deadline, self._clock())
                self._sleep(delay)
            try:
                response = self._fetch_status(url, _left(deadline, self._clock()))
            except BaseException:
                pacer.done(self._clock(), failed=True)
                raise
            pacer.done(self._clock(), failed=False)
            return response

        return Poller(
            fetch=fetch,
            reader=self._api.reader,
            status_url=str(url),
            policy=self._polling,
            on_progress=on_progress,
            first_seen=first_seen,
            clock=self._clock,
            sleep=self._sleep,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )

    def _poller(self, path: Mapping[str, object], on_progress: ProgressCallback | None) -> Poller[StatusT]:
        return self._poller_for(self._status_url(path), on_progress=on_progress)

    def _wait(
        self, path: Mapping[str, object], *, timeout: float | None, on_progress: ProgressCallback | None
    ) -> StatusT:
        return self._poller(path, on_progress).result(timeout=timeout)

    # --- public, the same on every client ----------------------------------------------------------

    def poller_from_url(self, url: str, *, on_progress: ProgressCallback | None = None) -> Poller[StatusT]:
        """A poller for a status URL the service handed back (``Location``, ``Azure-AsyncOperation``).

        Relative URLs resolve against ``base_url``; a URL on another host raises
        :class:`UnsafeUrlError` (the token only goes to this client's host). Sends nothing yet.
        """
        return self._poller_for(self._service_url(url), on_progress=on_progress)

    def resume(
        self, continuation_token: str, *, on_progress: ProgressCallback | None = None
    ) -> Poller[StatusT]:
        """A poller that goes on where ``poller.continuation_token()`` left off (any process).

        A token of another API, of an unknown version or damaged raises
        :class:`ContinuationTokenError`; its URL must be on this client's host (:class:`UnsafeUrlError`).
        """
        from ._continuation import decode

        state = decode(continuation_token, api=self._api.key)
        return self._poller_for(
            self._service_url(state.url), on_progress=on_progress, first_seen=state.first_seen
        )


class AsyncClient(_ClientCore[StatusT]):
    """Generic asynchronous client; the public async clients subclass it with typed methods."""

    def __init__(
        self,
        *,
        credential: object | None = None,  # an (Async)TokenCredential (see _auth); checked at runtime
        token: str | Callable[[], str] | Callable[[], Awaitable[str]] | None = None,
        base_url: str | httpx.URL | None = None,
        scopes: Sequence[str] | None = None,
        timeout: TimeoutArg = NOT_GIVEN,
        retry: RetryPolicy | None = None,
        polling: PollingPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        wall_clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            credential=credential,
            token=token,
            base_url=base_url,
            scopes=scopes,
            retry=retry,
            polling=polling,
            clock=clock,
            wall_clock=wall_clock,
            rng=rng,
        )
        if http_client is not None and transport is not None:
            raise TypeError("pass http_client= or transport=, not both")
        if sleep is None:
            import asyncio  # here, not at module level: sync users never pay for asyncio

            sleep = asyncio.sleep
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}")
        request_timeout = _timeout(timeout)
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                transport=transport if transport is not None else AsyncClampedTransport(),
                timeout=DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else request_timeout,
                headers={"User-Agent": _USER_AGENT},
                follow_redirects=False,
            )
            request_timeout = None
        self._http = http_client
        self._sleep = sleep
        self._pipeline = AsyncPipeline(
            client=http_client,
            auth=self._auth,
            retry=self._retry,
            timeout=request_timeout,
            clock=clock,
            sleep=sleep,
            rng=rng,
            wall_clock=wall_clock,
            max_body_size=check_max_body_size(max_body_size),
        )

    async def aclose(self) -> None:
        """Close the ``httpx`` client if this client made it (a passed ``http_client`` stays open)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    # --- helpers for the typed per-API methods -----------------------------------------------------

    async def _get(self, url: httpx.URL, parse: Callable[[Any], T], *, what: str) -> T:
        response, document = await self._pipeline.get(url)
        return parse_model(response, document, parse, what=what)

    async def _fetch_status(self, url: httpx.URL, remaining: float | None = None) -> StatusResponse[StatusT]:
        api = self._api
        response, document = await self._pipeline.get(url, deadline=self._deadline(remaining))
        return status_response(
            response,
            document,
            api.parse_status,
            what=api.status_model,
            unwrap_single_item=api.table.UNWRAP_SINGLE_ITEM_ARRAY,
            now=self._wall_clock,
        )

    async def _get_status(self, path: Mapping[str, object]) -> StatusT:
        api = self._api
        response, document = await self._pipeline.get(self._status_url(path))
        body = decode_json(response, document, unwrap_single_item=api.table.UNWRAP_SINGLE_ITEM_ARRAY)
        return parse_model(response, body, api.parse_status, what=api.status_model)

    def _poller_for(
        self, url: httpx.URL, *, on_progress: ProgressCallback | None, first_seen: float | None = None
    ) -> AsyncPoller[StatusT]:
        from ._poller import AsyncPoller

        pacer = Pacer(after_error=self._polling.floor)

        async def fetch(remaining: float | None) -> StatusResponse[StatusT]:
            deadline = self._deadline(remaining)
            delay = pacer.delay(self._clock())
            if delay > 0:
                _check_time_for(delay, deadline, self._clock())
                await self._sleep(delay)
            try:
                response = await self._fetch_status(url, _left(deadline, self._clock()))
            except BaseException:
                pacer.done(self._clock(), failed=True)
                raise
            pacer.done(self._clock(), failed=False)
            return response

        return AsyncPoller(
            fetch=fetch,
            reader=self._api.reader,
            status_url=str(url),
            policy=self._polling,
            on_progress=on_progress,
            first_seen=first_seen,
            clock=self._clock,
            sleep=self._sleep,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )

    def _poller(
        self, path: Mapping[str, object], on_progress: ProgressCallback | None
    ) -> AsyncPoller[StatusT]:
        return self._poller_for(self._status_url(path), on_progress=on_progress)

    async def _wait(
        self,
        path: Mapping[str, object],
        *,
        timeout: float | None,  # noqa: ASYNC109 - the total wait budget, handed to the poller
        on_progress: ProgressCallback | None,
    ) -> StatusT:
        return await self._poller(path, on_progress).result(timeout=timeout)

    # --- public, the same on every client ----------------------------------------------------------

    def poller_from_url(
        self, url: str, *, on_progress: ProgressCallback | None = None
    ) -> AsyncPoller[StatusT]:
        """A poller for a status URL the service handed back; see :meth:`SyncClient.poller_from_url`."""
        return self._poller_for(self._service_url(url), on_progress=on_progress)

    def resume(
        self, continuation_token: str, *, on_progress: ProgressCallback | None = None
    ) -> AsyncPoller[StatusT]:
        """A poller that goes on where a continuation token left off; see :meth:`SyncClient.resume`."""
        from ._continuation import decode

        state = decode(continuation_token, api=self._api.key)
        return self._poller_for(
            self._service_url(state.url), on_progress=on_progress, first_seen=state.first_seen
        )
