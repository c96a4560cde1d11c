"""The one client implementation behind the six public clients, driven by per-API data.

A per-API module (``monitor``, ``partner_portal``, ``graph_billing``) describes its API as an
:class:`ApiSpec` - the generated polling table, the generated request builder of its status endpoint
and the parser of its status model - and declares typed, keyword-only methods that forward here.
Nothing in this module knows which API it talks to.

How a request is made (the hot path, kept lean): the API's generated route
(``opstatus._generated.<key>.api``, rendered from the spec's path and parameters) checks and encodes the
values (:func:`opstatus._urls.check_path_value`) into the relative path and query; the pipeline sends one
GET through the caller's or our ``httpx`` client, with retries and redirect rules; the body is parsed
with the generated model classes. A URL a service hands back (``Location``, a continuation token, a
result link) goes through the same pipeline after :func:`opstatus._urls.resolve_service_url`.

The constructor arguments, shared by every client, are documented on the constructors themselves
(:data:`CONSTRUCTOR_ARGUMENTS`), so ``help(opstatus.MonitorClient)`` shows them.

Every request carries ``User-Agent: opstatus/<version> python-httpx/<version>`` (on an ``httpx`` client
the client makes) and an ``x-ms-client-request-id`` (a uuid4 per status read, the same on its retries).

Import cost: a client module loads the HTTP layer and its API's generated models; the waiting
machinery (pollers, the status reader, continuation tokens) and ``asyncio`` load on first use.
"""

from __future__ import annotations

import copy
import inspect
import logging
import random
import time
import urllib.request
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, Self, TypeVar, final

import httpx

from ._body import DEFAULT_MAX_BODY_SIZE, check_max_body_size
from ._deadline import AsyncClampedTransport, ClampedTransport
from ._errors import DeadlineReachedError, HttpError, TransportError
from ._http import AsyncPipeline, SyncPipeline, decode_json, parse_model, status_response
from ._offload import LARGE_BODY, parse_within, parse_within_async
from ._pacing import Pacer
from ._policy import PollingPolicy
from ._qualnames import own_public_names as _own_public_names
from ._retry import RetryPolicy
from ._route_auth import client_auth
from ._scope import check_scope as _check_scope
from ._scope import scoped as _scoped
from ._secrets import install_filter
from ._urls import (
    check_token_transport,
    encode_path_value,
    join_encoded,
    resolve_service_url,
    with_path_suffix,
)
from ._validate import check_base_url, check_timeout
from ._version import __version__

# The waiting machinery (and asyncio) loads on the first poller, not with the client: a program that
# only reads statuses never imports it (see "Import cost" in the module docstring).
if TYPE_CHECKING:
    from ._credential import AsyncTokenCredential, TokenCredential  # Protocol classes: typing only
    from ._poller import AsyncPoller, Poller, ProgressCallback
    from ._progress import RetryNotice
    from ._routes import ApiRoutes, Route
    from ._status import StatusReader, StatusResponse
    from ._table import PollingTable

__all__ = ["CONSTRUCTOR_ARGUMENTS", "NOT_GIVEN", "ApiSpec", "AsyncClient", "NotGiven", "SyncClient"]

StatusT = TypeVar("StatusT")
T = TypeVar("T")

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=10.0)
_USER_AGENT: Final = f"opstatus/{__version__} python-httpx/{httpx.__version__}"
_URL_CACHE_SIZE: Final = 16


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`: an argument left out, as opposed to an explicit ``None``."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Final = NotGiven()

TimeoutArg = float | httpx.Timeout | None | NotGiven

CONSTRUCTOR_ARGUMENTS: Final = """\
All arguments are optional; credential may come first positionally (MonitorClient(credential), as
azure-mgmt clients take it), every other one is keyword-only.

credential: where bearer tokens come from, any azure-core TokenCredential (sync clients) or
    AsyncTokenCredential or TokenCredential (async clients), e.g. azure-identity's
    DefaultAzureCredential. The token is cached and asked for again 5 minutes before it expires.
token: instead of credential=, a string sent as is, or a zero-argument function returning one,
    called before every request (async clients also take an async function).
    Neither: no Authorization header (for an http_client that brings its own auth).
base_url: default the API's real endpoint; any http(s) URL, e.g. http://127.0.0.1:7357 for the
    emulator. A token only goes over https, or plain http to a loopback address (else UnsafeUrlError).
scopes: token scopes; default the API's own .default scope (sovereign clouds: pass both).
api_key: for an API whose spec declares an apiKey scheme (a header such as Ocp-Apim-Subscription-Key):
    a string, a zero-argument function returning one, or an object with a .key attribute (azure-core's
    AzureKeyCredential); a secret like a token (never shown, only over https or to a loopback address).
server_variables: the spec's server URL variables by name (the generated clients of such an API take
    them as keywords, e.g. endpoint=); each defaults to the spec's default. base_url= overrides them.
timeout: seconds (or an httpx.Timeout) per HTTP request, all of it (connect, headers, every body
    byte); default 30 s (10 s to connect), or the http_client's own; None: no limit. A wait's own
    deadline always cuts it shorter.
retry: a RetryPolicy (default RetryPolicy(): 4 tries of each safe GET).
polling: a PollingPolicy (default PollingPolicy(): adaptive delays, Retry-After honoured).
http_client: your httpx.Client (httpx.AsyncClient for async clients); left open on close().
transport: instead of http_client=, an httpx transport (e.g. httpx.MockTransport).
max_body_size: the most bytes one response body may have once gzip/deflate is undone (default
    4 MiB); a larger one raises ResponseTooLargeError and the connection is closed.
clock, sleep, wall_clock, rng: injectable time and randomness, for tests (rng: a zero-argument
    function returning a float in [0, 1); default random.random).
scope: any path value of the status operation by its keyword (subscription_id=... on MonitorClient),
    given once for every call that takes it, as azure-mgmt clients take subscription_id; a value the
    call passes wins. Any other keyword is a TypeError.
"""
"""The constructor arguments, as ``help()`` shows them on every public client."""


@final
class ApiSpec(Generic[StatusT]):
    """Everything the generic client needs to know about one API; all of it generated or declared.

    ``routes`` are the API's generated routes (``ROUTES.status`` is read by pollers; ``None`` for a client
    with no endpoint of its own, such as ARM's, which waits on URLs a service handed back) and
    ``parse_status`` the parser of the status route's 200 body (see ``_parsers``); ``status_model``
    names it in errors. The :class:`StatusReader` is built from the generated polling table on first use
    (the first poller), unless ``reader`` gives one (ARM's generic reader looks at the HTTP status as
    well as the body). ``empty_body_ok``: a 2xx without a body is an answer, not a broken one (ARM
    ``Location`` polling).
    """

    __slots__ = ("_reader", "empty_body_ok", "parse_status", "routes", "status_model", "table")

    def __init__(
        self,
        *,
        table: PollingTable,
        routes: ApiRoutes | None,
        parse_status: Callable[[Any], StatusT],
        status_model: str,
        reader: StatusReader | None = None,
        empty_body_ok: bool = False,
    ) -> None:
        self.table = table
        self.routes = routes
        self.parse_status = parse_status
        self.status_model = status_model
        self._reader: StatusReader | None = reader
        self.empty_body_ok = empty_body_ok

    @property
    def reader(self) -> StatusReader:
        if self._reader is None:
            from ._status import StatusReader

            self._reader = StatusReader.from_table(self.table)
        return self._reader

    @property
    def key(self) -> str:
        return self.table.api_key

    def __repr__(self) -> str:
        return f"ApiSpec({self.key!r}, status_model={self.status_model!r})"


def _at_pointer(document: object, pointer: str) -> object:
    """RFC 6901 lookup through objects only; None where the path is absent."""
    for token in pointer.lstrip("/").split("/") if pointer else ():
        if not isinstance(document, Mapping):
            return None
        document = document.get(token.replace("~1", "/").replace("~0", "~"))
    return document


def _timeout(value: TimeoutArg) -> httpx.Timeout | None:
    if isinstance(value, NotGiven):
        return None
    return check_timeout(value) or httpx.Timeout(None)


def _left(deadline: float | None, now: float) -> float | None:
    return None if deadline is None else deadline - now


def _pacer_wait(delay: float, deadline: float | None, now: float) -> tuple[float, bool]:
    """How long to wait for the pacer, and whether the wait's deadline comes first.

    When it does, the caller waits until the deadline and then raises ``DeadlineReachedError``: a wait
    never ends before its deadline because the next request could not go out in time.
    """
    if deadline is not None and now + delay >= deadline:
        return max(deadline - now, 0.0), True
    return delay, False


_NO_TIME_FOR_A_REQUEST: Final = "the next request may not go out before the wait's deadline"


def _answered(http_status: int | None) -> StatusResponse[Any] | None:
    """A stand-in for the last answer a resumed wait had read (only its HTTP status is known)."""
    if http_status is None:
        return None
    from ._status import StatusResponse

    return StatusResponse(
        body=None, resource=None, retry_after=None, request_id=None, http_status=http_status
    )


def _read_deadline(clock: Callable[[], float], timeout: float | None) -> float | None:
    """The deadline of one read with a per-call ``timeout=`` (``None``: the client's per-request limit).

    The pipeline then cuts each attempt's HTTP timeout to the time left and starts no retry that
    would end after it, exactly as inside a wait: the read as a whole, retries included, ends in time.
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
    return clock() + timeout


def _read_timed_out(timeout: float | None) -> TransportError:
    """A read whose ``timeout=`` ran out before another try could go out: no answer came in time."""
    return TransportError(f"no usable answer within timeout={timeout:g}s (retries included)")


def _environment_proxies() -> bool:
    """Whether HTTP(S)_PROXY / ALL_PROXY (or the platform's settings) name a proxy.

    httpx honours them only when it builds its own transports; so where they are set, opstatus leaves
    the transport to httpx (the proxy is reached; the request deadline then holds between body chunks,
    as with a caller's ``http_client``) instead of its own clamped transport, which would bypass the proxy.
    """
    return any(key in ("http", "https", "all") for key in urllib.request.getproxies())


def _own_async_transport() -> tuple[httpx.AsyncBaseTransport | None, str]:
    """The transport of an async client given neither ``http_client=`` nor ``transport=``, and its name.

    The aiohttp one (``_fast``) when ``opstatus[fast]`` is installed: with many reads in flight it
    serves several times the calls per second of httpx's own asyncio transport (BENCHMARKS.md), and
    nobody should have to know that to get it. It ends each request at its deadline itself, as the httpx
    one does. aiohttp runs on asyncio only (under trio, pass ``transport=``).
    """
    if _environment_proxies():
        return None, "httpx (environment proxy)"
    try:
        from ._fast import FastTransport
    except ModuleNotFoundError:  # no aiohttp: opstatus[fast] is not installed
        return AsyncClampedTransport(), "httpx"
    except ImportError as exc:  # an aiohttp installed outside the extra's range (_fast.SPOKEN_RELEASES)
        return AsyncClampedTransport(), f"httpx ({exc})"
    return FastTransport(), "aiohttp"


def _given_transport_name(http_client: object | None, transport: object | None) -> str:
    if http_client is not None:
        return f"{type(http_client).__name__} (http_client=)"
    return f"{type(transport).__name__} (transport=)"


def _with_interval(policy: PollingPolicy, polling_interval: float | None) -> PollingPolicy:
    """azure-core's ``polling_interval=``: a fixed delay between reads, as the CLI's ``--interval``.

    ``policy`` with ``min_delay = max_delay = polling_interval`` (a server's ``Retry-After`` is clamped
    to it, as every delay is to the policy's bounds; the floor of 0.1 s still holds).
    """
    if polling_interval is None:
        return policy
    if (
        isinstance(polling_interval, bool)
        or not isinstance(polling_interval, int | float)
        or not 0 <= polling_interval < float("inf")
    ):
        raise ValueError(
            f"polling_interval must be a finite number of seconds >= 0, got {polling_interval!r}"
        )
    import attrs  # only when the argument is used

    return attrs.evolve(policy, min_delay=float(polling_interval), max_delay=float(polling_interval))


def _as_succeeded(resource: object, succeeded: type[T], *, what: str) -> T:
    """The final resource of a succeeded wait, as the spec's succeeded member of the status union.

    The generator names that member from the spec (the polling table's succeeded spellings, the 200
    examples and the discriminator mapping), so ``wait()`` is typed as it and user code needs no
    ``isinstance``. A service that reports success in a body of another member breaks that promise:
    the body is read once more as the succeeded member, and if it does not fit, the wait ends in a
    :class:`DecodeError` naming both, never in a value of another type than the one declared.
    """
    if isinstance(resource, succeeded):
        return resource
    from ._errors import DecodeError

    to_dict = getattr(resource, "to_dict", None)
    try:
        return succeeded.from_dict(to_dict())  # type: ignore[attr-defined,no-any-return,misc]
    except Exception as exc:
        raise DecodeError(
            reason=(
                f"the operation succeeded, but its body is a {type(resource).__name__}, not the "
                f"{succeeded.__name__} the spec gives a succeeded {what}"
            ),
            where=succeeded.__name__,
        ) from exc


def _server_url(api: ApiSpec[Any], values: Mapping[str, object]) -> str:
    """The API's base URL: its spec's server URL with the variables given (``endpoint=``) or defaulted."""
    routes = api.routes
    filled = routes.base_url(values) if routes is not None else None
    return api.table.default_base_url if filled is None else filled


class _ClientCore(Generic[StatusT]):
    """Configuration and URL building shared by the sync and async clients (no I/O here)."""

    _API: ClassVar[ApiSpec[Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Each public client's own docstring ends with the constructor arguments, so help() on the
        # class a user holds shows them right there, not only under the inherited __init__.
        super().__init_subclass__(**kwargs)
        if cls.__doc__ and CONSTRUCTOR_ARGUMENTS not in cls.__doc__:
            cls.__doc__ = f"{inspect.cleandoc(cls.__doc__)}\n\nConstructor arguments. {CONSTRUCTOR_ARGUMENTS}"
        if not cls.__name__.startswith("_") and cls.__module__ != __name__:
            _own_public_names(cls)

    def __init__(
        self,
        *,
        credential: TokenCredential | AsyncTokenCredential | None,
        token: object | None,
        base_url: str | httpx.URL | None,
        scopes: Sequence[str] | None,
        retry: RetryPolicy | None,
        polling: PollingPolicy | None,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        rng: Callable[[], float] | None,
        scope: Mapping[str, object],
        api_key: object | None = None,
        server_variables: Mapping[str, object] | None = None,
    ) -> None:
        api: ApiSpec[StatusT] = self._API
        self._api = api
        install_filter()  # tokens and signed URLs out of every record a client causes (once a process)
        self._scope = _check_scope(type(self).__name__, api, scope)
        if isinstance(credential, str):  # never shown: it may be a token passed in the wrong place
            raise TypeError(
                f"{type(self).__name__}(credential) takes a TokenCredential (such as azure-identity's "
                "DefaultAzureCredential), not a string: pass a token string as token="
            )
        if base_url is None:
            base_url = _server_url(api, server_variables or {})
        self._base_url = check_base_url(base_url)
        self._base = str(self._base_url).rstrip("/")
        if retry is not None and not isinstance(retry, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
        if polling is not None and not isinstance(polling, PollingPolicy):
            raise TypeError(f"polling must be a PollingPolicy, got {type(polling).__name__}")
        self._retry = retry or RetryPolicy()
        self._polling = polling or PollingPolicy()
        self._clock = clock
        self._wall_clock = wall_clock
        self._rng: Callable[[], float] = random.random if rng is None else rng
        self._url_cache: dict[tuple[object, ...], httpx.URL] = {}
        self._url_stems: dict[tuple[object, ...], httpx.URL] = {}
        self._read_timeout: float | None = None
        self._owns_http = False
        self._transport_name = "httpx"
        self._next_url_header = api.routes.next_url_header if api.routes is not None else None
        self._follows_moves = api.empty_body_ok or self._next_url_header is not None
        self._auth = client_auth(
            api.key,
            api.routes,
            credential=credential,
            token=token,
            api_key=api_key,
            scopes=(api.table.default_scope,) if scopes is None else scopes,
            clock=wall_clock,
            base_path=self._base_url.path,
        )
        if self._auth is not None:
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

    def with_options(self, *, timeout: float | None = None) -> Self:
        """This client with a per-call ``timeout``: each read (``get_*``, ``list_*``) ends within
        ``timeout`` seconds, its retries included, or raises :class:`TransportError` (Stainless's
        ``client.with_options(timeout=...)``; waits keep their own ``timeout=``).

        The copy shares this client's connections, token cache and policies, and closing it closes
        nothing: close the client it came from. ``client.with_options(timeout=5).get_operation(...)``
        """
        _read_deadline(self._clock, timeout)  # the same checks as a read: positive seconds or None
        view = copy.copy(self)
        view._read_timeout = timeout
        view._owns_http = False
        return view

    @property
    def transport_name(self) -> str:
        """Which transport this client's requests go through: ``"httpx"`` (opstatus's own, over httpx's
        connection pool), ``"aiohttp"`` (async, when ``opstatus[fast]`` is installed), or the type
        of the ``http_client=``/``transport=`` given, e.g. ``"MockTransport (transport=)"``."""
        return self._transport_name

    def __repr__(self) -> str:
        auth = repr(self._auth) if self._auth is not None else "None"
        return (
            f"{type(self).__name__}(base_url={self._base!r}, auth={auth}, transport={self._transport_name!r})"
        )

    def _log_transport(self) -> None:
        if _LOGGER.isEnabledFor(logging.DEBUG):
            name = type(self).__name__
            _LOGGER.debug("%s for %s uses transport %s", name, self._base, self._transport_name)

    def _url(self, route: Route, path: Mapping[str, object], query: Mapping[str, object]) -> httpx.URL:
        """Absolute URL of one generated route, after refusing values that could change it.

        The URL is put together from the parsed base URL and the encoded values, never parsed again
        (:func:`opstatus._urls.join_encoded`): a new operation costs about what a known one does (issue
        22). The last few built URLs are still remembered: reading one operation again and again skips
        the checks and the encoding (a few µs); kept few, since what a cache keeps alive while reads of
        other operations fill it costs every read in garbage collection (about 10k instructions a read
        of a new operation with 256 kept, none with 16).
        """
        if self._scope or None in path.values():  # values given once on the client (_scope)
            path = _scoped(type(self).__name__, route, path, self._scope)
        key = (route, *path.items(), *query.items())
        if route.typed_query:  # True == 1: a bool must not hit an int's cached URL (nor the reverse)
            key += tuple(type(value) for value in query.values())
        try:
            cached = self._url_cache.get(key)
        except TypeError:  # an unhashable value (a list parameter's): built each time, never cached
            return httpx.URL(self._base + route.path_and_query(path, query))
        if cached is not None:
            return cached
        url = self._stemmed_url(route, path) if route.stem is not None else None
        if url is None:
            url = join_encoded(self._base_url, route.path_and_query(path, query), canonical=route.canonical)
        if len(self._url_cache) >= _URL_CACHE_SIZE:
            self._url_cache.clear()
        self._url_cache[key] = url
        return url

    def _stemmed_url(self, route: Route, path: Mapping[str, object]) -> httpx.URL | None:
        """The URL of a route with a stem (:attr:`Route.stem`), from the remembered URL of its values
        before the last (a subscription and resource group, say): a new operation id is then one value
        to check and encode, not the whole URL to put together (issue 22's many operations)."""
        assert route.stem is not None  # the caller checks
        before, last = route.stem
        key = (route, *[path.get(name) for name in before])
        stem = self._url_stems.get(key)
        if stem is None:
            stem = join_encoded(self._base_url, route.stem_path(path) + route.constant_suffix, canonical=True)
            if len(self._url_stems) >= _URL_CACHE_SIZE:
                self._url_stems.clear()
            self._url_stems[key] = stem
        return with_path_suffix(stem, encode_path_value(last, path.get(last)) + route.tail)

    def _status_url(self, values: Mapping[str, object]) -> httpx.URL:
        """The status route's URL from the method's arguments (python names: path and query values)."""
        routes = self._api.routes
        if routes is None:  # only ARM's client has none, and it builds no status URL
            raise TypeError(f"{type(self).__name__} has no status route of its own")
        path, query = routes.status.split(values)
        return self._url(routes.status, path, query)

    def _status_headers(self, values: Mapping[str, object]) -> tuple[tuple[bytes, bytes], ...]:
        """The status route's header parameters given in ``values``, checked, as the pipeline sends them."""
        routes = self._api.routes
        if routes is None or not routes.status.header_params:
            return ()
        return self._route_headers(routes.status, values)

    @staticmethod
    def _route_headers(route: Route, values: Mapping[str, object]) -> tuple[tuple[bytes, bytes], ...]:
        """``route``'s header parameters given in ``values`` (python names), checked and encoded."""
        return tuple((name.encode("ascii"), value.encode()) for name, value in route.headers(values))

    def _describe_pipeline(self, pipeline: SyncPipeline | AsyncPipeline) -> None:
        """Hand the pipeline what the API's spec says about its answers (request-id headers, errors)."""
        routes = self._api.routes
        if routes is not None:
            pipeline.request_id_headers = routes.request_id_headers
            pipeline.error_envelope = routes.error_envelope

    def _result_url(self, resource: object) -> httpx.URL:
        """Where a finished operation's result link (the polling table's ``result_link_pointer``) leads.

        Read from the resource's wire form, so it works for every model the status union holds; an
        operation without a link (not finished, failed) is an :class:`InvalidParameterError`.
        """
        from ._errors import InvalidParameterError

        pointer = self._api.table.result_link_pointer
        to_dict = getattr(resource, "to_dict", None)
        document = to_dict() if callable(to_dict) else None
        link = _at_pointer(document, pointer) if pointer is not None else None
        if not isinstance(link, str) or not link:
            status = getattr(resource, "status", None)
            status = getattr(status, "value", status)  # an enum member reads as its wire value
            raise InvalidParameterError(
                name="operation",
                value=str(getattr(resource, "id", None)),
                reason=f"has no result link (status {status!r}); only a succeeded operation has one",
            )
        return self._service_url(link)

    def _service_url(self, url: str) -> httpx.URL:
        """A URL a service (or a continuation token) handed back, checked to stay on this origin."""
        return resolve_service_url(url, base_url=self._base_url, api_version=self._api.table.api_version)

    def _base_path_note(self) -> str | None:
        """A hint for 404s when ``base_url`` lacks the path of the API's own base URL (Graph's ``/v1.0``)."""
        default = httpx.URL(self._api.table.default_base_url).path.rstrip("/")
        if not default or self._base_url.path.rstrip("/").endswith(default):
            return None
        origin = self._base.removesuffix(self._base_url.path.rstrip("/"))
        return (
            f"hint: {type(self).__name__}'s URLs start with {default}; base_url={self._base!r} has no "
            f"{default}: try base_url={origin + default!r}"
        )

    def _model_of(self, response: httpx.Response, document: Any) -> StatusT:
        """The typed status model of one answer (see ``_offload`` for where this runs)."""
        api = self._api
        body = decode_json(response, document, unwrap_single_item=api.table.unwrap_single_item_array)
        return parse_model(response, body, api.parse_status, what=api.status_model)

    def _status_of(
        self, response: httpx.Response, document: Any, reader: StatusReader | None = None
    ) -> StatusResponse[StatusT]:
        """One answer for a poller; with ``reader``, also what it reads from it (done with the parse)."""
        api = self._api
        status = status_response(
            response,
            document,
            api.parse_status,
            what=api.status_model,
            unwrap_single_item=api.table.unwrap_single_item_array,
            now=self._wall_clock,
            request_id_headers=() if api.routes is None else api.routes.request_id_headers,
        )
        if reader is not None:
            import attrs  # only for a large answer

            status = attrs.evolve(status, snapshot=(reader, reader.read_response(status)))
        return status

    def _deadline(self, remaining: float | None) -> float | None:
        return None if remaining is None else self._clock() + remaining

    def _moved(
        self, url: httpx.URL, response: httpx.Response, status: StatusResponse[StatusT]
    ) -> StatusResponse[StatusT]:
        """ARM ``Location`` polling: a 202 may name the URL to read next (azure-core follows it too); so
        may a status answer's ``Operation-Location`` where the spec declares it (``next_url_header``).

        It must stay on this client's origin, like every URL a service hands back (else
        :class:`UnsafeUrlError`: the token never follows a server elsewhere).
        """
        location = response.headers.get("location") if response.status_code == 202 else None
        if not location and self._next_url_header is not None:  # the spec's Operation-Location
            location = response.headers.get(self._next_url_header)
        if not location:
            return status
        target = self._service_url(location)
        if target == url:
            return status
        import attrs  # only for this rare answer

        return attrs.evolve(status, next_url=str(target))


class SyncClient(_ClientCore[StatusT]):
    """Generic synchronous client; the public clients subclass it with typed methods."""

    def __init__(
        self,
        credential: TokenCredential | None = None,
        *,
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
        rng: Callable[[], float] | None = None,
        api_key: object | None = None,
        server_variables: Mapping[str, object] | None = None,
        **scope: str,
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
            scope=scope,
            api_key=api_key,
            server_variables=server_variables,
        )
        if http_client is not None and transport is not None:
            raise TypeError("pass http_client= or transport=, not both")
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client must be an httpx.Client, got {type(http_client).__name__}")
        request_timeout = _timeout(timeout)
        self._owns_http = http_client is None
        own_transport: httpx.BaseTransport | None = None
        if http_client is not None or transport is not None:
            self._transport_name = _given_transport_name(http_client, transport)
        if http_client is None:
            if transport is not None:
                own_transport = transport
            elif _environment_proxies():
                self._transport_name = "httpx (environment proxy)"
            else:
                own_transport = ClampedTransport()
            http_client = httpx.Client(
                transport=own_transport,
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
            rng=self._rng,
            wall_clock=wall_clock,
            max_body_size=check_max_body_size(max_body_size),
            transport=own_transport,
        )
        self._pipeline.not_found_note = self._base_path_note()
        self._describe_pipeline(self._pipeline)
        self._log_transport()

    # One text for both constructors, on the constructor itself: help(MonitorClient) shows it.
    __init__.__doc__ = CONSTRUCTOR_ARGUMENTS

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

    def _get(
        self,
        url: httpx.URL,
        parse: Callable[[Any], T],
        *,
        what: str,
        timeout: float | None = None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> T:
        """One GET of another resource (a list, a manifest); ``timeout`` as on :meth:`_get_status`."""
        timeout = self._read_timeout if timeout is None else timeout
        deadline = _read_deadline(self._clock, timeout)
        try:
            response, document = self._pipeline.get(url, deadline=deadline, headers=headers)
            return parse_within(
                lambda body: parse_model(response, body, parse, what=what),
                document,
                size=len(response.content),
                timeout=_left(deadline, self._clock()),
            )
        except DeadlineReachedError as exc:
            raise _read_timed_out(timeout) from exc

    def _fetch_status(
        self,
        url: httpx.URL,
        remaining: float | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
        reader: StatusReader | None = None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> StatusResponse[StatusT]:
        api = self._api
        deadline = self._deadline(remaining)
        response, document = self._pipeline.get(
            url, deadline=deadline, on_retry=on_retry, empty_ok=api.empty_body_ok, headers=headers
        )
        size = len(response.content)
        if size <= LARGE_BODY:  # every real status answer: parsed here, nothing added to the hot path
            status = self._status_of(response, document)
        else:
            status = parse_within(
                lambda body: self._status_of(response, body, reader),
                document,
                size=size,
                timeout=_left(deadline, self._clock()),
            )
        return self._moved(url, response, status) if self._follows_moves else status

    def _get_status(self, path: Mapping[str, object], *, timeout: float | None = None) -> StatusT:
        """One status read; ``timeout``: seconds for the whole read, its retries included (see
        :func:`_read_deadline`)."""
        timeout = self._read_timeout if timeout is None else timeout
        deadline = _read_deadline(self._clock, timeout)
        try:
            response, document = self._pipeline.get(
                self._status_url(path), deadline=deadline, headers=self._status_headers(path)
            )
            return parse_within(
                lambda body: self._model_of(response, body),
                document,
                size=len(response.content),
                timeout=_left(deadline, self._clock()),
            )
        except DeadlineReachedError as exc:
            raise _read_timed_out(timeout) from exc

    def _poller_for(
        self,
        url: httpx.URL,
        *,
        on_progress: ProgressCallback | None,
        first_seen: float | None = None,
        reader: StatusReader | None = None,
        polling_interval: float | None = None,
        resumed_after: int | None = None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> Poller[StatusT]:
        from ._poller import Poller

        policy = _with_interval(self._polling, polling_interval)
        target = [url]  # moves when an ARM Location answer names another URL (see _moved)
        pacer = Pacer(after_error=policy.floor)
        status_reader = reader or self._api.reader
        before = _answered(resumed_after)  # what the wait a token came from read last

        def fetch(remaining: float | None) -> StatusResponse[StatusT]:
            # The pacer keeps a poller re-entered after an error (or polled in a loop) to its floor.
            deadline = self._deadline(remaining)
            delay = pacer.delay(self._clock())
            if delay > 0:
                pause, out_of_time = _pacer_wait(delay, deadline, self._clock())
                self._sleep(pause)
                if out_of_time:
                    raise DeadlineReachedError(_NO_TIME_FOR_A_REQUEST)
            try:
                status = self._fetch_status(
                    target[0], _left(deadline, self._clock()), poller.notice_retry, status_reader, headers
                )
            except HttpError as exc:  # the operation's own failure (ARM Location), or a failed read
                failure = status_reader.failure_answer(exc, previous=poller.last_response or before)
                if failure is None:
                    pacer.done(self._clock(), failed=True)
                    raise
                status = failure
            except BaseException:
                pacer.done(self._clock(), failed=True)
                raise
            pacer.done(self._clock(), failed=False)
            if status.next_url is not None:
                target[0] = httpx.URL(status.next_url)
            return status

        poller: Poller[StatusT] = Poller(
            fetch=fetch,
            reader=status_reader,
            status_url=str(url),
            policy=policy,
            on_progress=on_progress,
            first_seen=first_seen,
            clock=self._clock,
            sleep=self._sleep,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )
        return poller

    def _poller(
        self,
        path: Mapping[str, object],
        on_progress: ProgressCallback | None,
        *,
        continuation_token: str | None = None,
        polling_interval: float | None = None,
    ) -> Poller[StatusT]:
        if continuation_token is not None:  # azure-core's habit: poller(continuation_token=...) resumes
            return self.resume(continuation_token, on_progress=on_progress, polling_interval=polling_interval)
        return self._poller_for(
            self._status_url(path),
            on_progress=on_progress,
            polling_interval=polling_interval,
            headers=self._status_headers(path),
        )

    def _wait(
        self,
        path: Mapping[str, object],
        *,
        timeout: float | None,
        on_progress: ProgressCallback | None,
        polling_interval: float | None = None,
    ) -> StatusT:
        poller = self._poller(path, on_progress, polling_interval=polling_interval)
        return poller.result(timeout=timeout)

    def _wait_succeeded(
        self,
        path: Mapping[str, object],
        succeeded: type[T],
        *,
        timeout: float | None,
        on_progress: ProgressCallback | None,
        polling_interval: float | None = None,
    ) -> T:
        """:meth:`_wait`, typed as the spec's succeeded member of the status union (:func:`_as_succeeded`)."""
        resource = self._wait(
            path, timeout=timeout, on_progress=on_progress, polling_interval=polling_interval
        )
        return _as_succeeded(resource, succeeded, what=self._api.status_model)

    # --- public, the same on every client ----------------------------------------------------------

    def poller_from_url(self, url: str, *, on_progress: ProgressCallback | None = None) -> Poller[StatusT]:
        """A poller for a status URL the service handed back (``Location``, ``Azure-AsyncOperation``).

        Relative URLs resolve against ``base_url``; a URL on another host raises
        :class:`UnsafeUrlError` (the token only goes to this client's host). Sends nothing yet.
        """
        return self._poller_for(self._service_url(url), on_progress=on_progress)

    def resume(
        self,
        continuation_token: str,
        *,
        on_progress: ProgressCallback | None = None,
        polling_interval: float | None = None,
    ) -> Poller[StatusT]:
        """A poller that goes on where ``poller.continuation_token()`` left off (any process).

        A token of another API, of an unknown version or damaged raises
        :class:`ContinuationTokenError`; its URL must be on this client's host (:class:`UnsafeUrlError`).
        """
        from ._continuation import decode

        state = decode(continuation_token, api=self._api.key)
        return self._poller_for(
            self._service_url(state.url),
            on_progress=on_progress,
            first_seen=state.first_seen,
            polling_interval=polling_interval,
            resumed_after=state.last_http_status,
        )


class AsyncClient(_ClientCore[StatusT]):
    """Generic asynchronous client; the public async clients subclass it with typed methods."""

    def __init__(
        self,
        credential: AsyncTokenCredential | TokenCredential | None = None,
        *,
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
        rng: Callable[[], float] | None = None,
        api_key: object | None = None,
        server_variables: Mapping[str, object] | None = None,
        **scope: str,
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
            scope=scope,
            api_key=api_key,
            server_variables=server_variables,
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
        own_transport: httpx.AsyncBaseTransport | None = None
        if http_client is not None or transport is not None:
            self._transport_name = _given_transport_name(http_client, transport)
        if http_client is None:
            own_transport = transport
            if own_transport is None:
                own_transport, self._transport_name = _own_async_transport()
            http_client = httpx.AsyncClient(
                transport=own_transport,
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
            rng=self._rng,
            wall_clock=wall_clock,
            max_body_size=check_max_body_size(max_body_size),
            transport=own_transport,
        )
        self._pipeline.not_found_note = self._base_path_note()
        self._describe_pipeline(self._pipeline)
        self._log_transport()

    # One text for both constructors, on the constructor itself: help(MonitorClient) shows it.
    __init__.__doc__ = CONSTRUCTOR_ARGUMENTS

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

    async def _get(
        self,
        url: httpx.URL,
        parse: Callable[[Any], T],
        *,
        what: str,
        timeout: float | None = None,  # noqa: ASYNC109 - a budget for retries and each HTTP timeout
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> T:
        """One GET of another resource (a list, a manifest); ``timeout`` as on :meth:`_get_status`."""
        timeout = self._read_timeout if timeout is None else timeout
        try:
            deadline = _read_deadline(self._clock, timeout)
            response, document = await self._pipeline.get(url, deadline=deadline, headers=headers)
            return await parse_within_async(
                lambda body: parse_model(response, body, parse, what=what),
                document,
                size=len(response.content),
                timeout=_left(deadline, self._clock()),
            )
        except DeadlineReachedError as exc:
            raise _read_timed_out(timeout) from exc

    async def _fetch_status(
        self,
        url: httpx.URL,
        remaining: float | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
        reader: StatusReader | None = None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> StatusResponse[StatusT]:
        api = self._api
        deadline = self._deadline(remaining)
        response, document = await self._pipeline.get(
            url, deadline=deadline, on_retry=on_retry, empty_ok=api.empty_body_ok, headers=headers
        )
        size = len(response.content)
        if size <= LARGE_BODY:  # every real status answer: parsed here, nothing added to the hot path
            status = self._status_of(response, document)
        else:  # off the event loop, waited for no longer than the deadline (see _offload)
            status = await parse_within_async(
                lambda body: self._status_of(response, body, reader),
                document,
                size=size,
                timeout=_left(deadline, self._clock()),
            )
        return self._moved(url, response, status) if self._follows_moves else status

    async def _get_status(
        self,
        path: Mapping[str, object],
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - a budget for retries and each HTTP timeout
    ) -> StatusT:
        """One status read; ``timeout`` as on :meth:`SyncClient._get_status`."""
        timeout = self._read_timeout if timeout is None else timeout
        deadline = _read_deadline(self._clock, timeout)
        try:
            response, document = await self._pipeline.get(
                self._status_url(path), deadline=deadline, headers=self._status_headers(path)
            )
            size = len(response.content)
            if size <= LARGE_BODY:  # every real status answer: parsed here, with no closure or coroutine
                return self._model_of(response, document)
            return await parse_within_async(
                lambda body: self._model_of(response, body),
                document,
                size=size,
                timeout=_left(deadline, self._clock()),
            )
        except DeadlineReachedError as exc:
            raise _read_timed_out(timeout) from exc

    def _poller_for(
        self,
        url: httpx.URL,
        *,
        on_progress: ProgressCallback | None,
        first_seen: float | None = None,
        reader: StatusReader | None = None,
        polling_interval: float | None = None,
        resumed_after: int | None = None,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> AsyncPoller[StatusT]:
        from ._poller import AsyncPoller

        policy = _with_interval(self._polling, polling_interval)
        target = [url]  # moves when an ARM Location answer names another URL (see _moved)
        pacer = Pacer(after_error=policy.floor)
        status_reader = reader or self._api.reader
        before = _answered(resumed_after)  # what the wait a token came from read last

        async def fetch(remaining: float | None) -> StatusResponse[StatusT]:
            deadline = self._deadline(remaining)
            delay = pacer.delay(self._clock())
            if delay > 0:
                pause, out_of_time = _pacer_wait(delay, deadline, self._clock())
                await self._sleep(pause)
                if out_of_time:
                    raise DeadlineReachedError(_NO_TIME_FOR_A_REQUEST)
            try:
                status = await self._fetch_status(
                    target[0], _left(deadline, self._clock()), poller.notice_retry, status_reader, headers
                )
            except HttpError as exc:  # the operation's own failure (ARM Location), or a failed read
                failure = status_reader.failure_answer(exc, previous=poller.last_response or before)
                if failure is None:
                    pacer.done(self._clock(), failed=True)
                    raise
                status = failure
            except BaseException:
                pacer.done(self._clock(), failed=True)
                raise
            pacer.done(self._clock(), failed=False)
            if status.next_url is not None:
                target[0] = httpx.URL(status.next_url)
            return status

        poller: AsyncPoller[StatusT] = AsyncPoller(
            fetch=fetch,
            reader=status_reader,
            status_url=str(url),
            policy=policy,
            on_progress=on_progress,
            first_seen=first_seen,
            clock=self._clock,
            sleep=self._sleep,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )
        return poller

    def _poller(
        self,
        path: Mapping[str, object],
        on_progress: ProgressCallback | None,
        *,
        continuation_token: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncPoller[StatusT]:
        if continuation_token is not None:  # azure-core's habit: poller(continuation_token=...) resumes
            return self.resume(continuation_token, on_progress=on_progress, polling_interval=polling_interval)
        return self._poller_for(
            self._status_url(path),
            on_progress=on_progress,
            polling_interval=polling_interval,
            headers=self._status_headers(path),
        )

    async def _wait(
        self,
        path: Mapping[str, object],
        *,
        timeout: float | None,  # noqa: ASYNC109 - the total wait budget, handed to the poller
        on_progress: ProgressCallback | None,
        polling_interval: float | None = None,
    ) -> StatusT:
        poller = self._poller(path, on_progress, polling_interval=polling_interval)
        return await poller.result(timeout=timeout)

    async def _wait_succeeded(
        self,
        path: Mapping[str, object],
        succeeded: type[T],
        *,
        timeout: float | None,  # noqa: ASYNC109 - the total wait budget, handed to the poller
        on_progress: ProgressCallback | None,
        polling_interval: float | None = None,
    ) -> T:
        """:meth:`_wait`, typed as the spec's succeeded member; see :meth:`SyncClient._wait_succeeded`."""
        resource = await self._wait(
            path, timeout=timeout, on_progress=on_progress, polling_interval=polling_interval
        )
        return _as_succeeded(resource, succeeded, what=self._api.status_model)

    # --- public, the same on every client ----------------------------------------------------------

    def poller_from_url(
        self, url: str, *, on_progress: ProgressCallback | None = None
    ) -> AsyncPoller[StatusT]:
        """A poller for a status URL the service handed back; see :meth:`SyncClient.poller_from_url`."""
        return self._poller_for(self._service_url(url), on_progress=on_progress)

    def resume(
        self,
        continuation_token: str,
        *,
        on_progress: ProgressCallback | None = None,
        polling_interval: float | None = None,
    ) -> AsyncPoller[StatusT]:
        """A poller that goes on where a continuation token left off; see :meth:`SyncClient.resume`."""
        from ._continuation import decode

        state = decode(continuation_token, api=self._api.key)
        return self._poller_for(
            self._service_url(state.url),
            on_progress=on_progress,
            first_seen=state.first_seen,
            polling_interval=polling_interval,
            resumed_after=state.last_http_status,
        )
