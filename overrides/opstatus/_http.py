"""One status GET, done right: send, retry, log, and turn the answer into a model or a typed error.

:class:`SyncPipeline` and :class:`AsyncPipeline` are the only places that do HTTP. They differ only in
``await``; every decision (retry or not, follow a redirect or not, which error) is a plain function
below, shared by both.

What the caller can rely on:

* 2xx: the body is decoded as JSON once, in the pipeline, and parsed with the model the spec names. A
  body that is not JSON at all (empty, cut short, a proxy's HTML or text page) is a broken answer and
  is retried like a 503; when the attempts are used up it is a :class:`DecodeError`. JSON that does
  not fit the model (a missing required member, a wrong type) is a :class:`DecodeError` at once:
  asking again would give the same answer. Either names ``where`` (the model or ``body``) and the
  request id. Naive timestamps in the parsed model are read as UTC.
* non-2xx: a typed :class:`HttpError` kind (401 authentication, 403 permission, 404 not found, 429
  throttled, 5xx/408/unknown codes service, other 4xx bad request) with ``code``/``message`` read
  tolerantly from the API's error envelope and the request id from the headers (or Graph's
  ``innerError``). A 4xx on a status URL is an error *reading* the status, never a failed operation.
* retries follow :class:`RetryPolicy` (safe GETs only, bounded attempts, bounded by the deadline).
* with a deadline (a wait's), each attempt's HTTP timeout is cut to the time left (never below
  :data:`MIN_ATTEMPT_TIMEOUT`), and no attempt is sent once the deadline has passed: the pipeline
  raises :class:`DeadlineReachedError`, which the pollers turn into :class:`PollingTimeoutError`.
* redirects are followed only on the same origin (scheme, host, port), at most
  :data:`MAX_REDIRECTS` times; a redirect to another origin raises :class:`UnsafeUrlError` before
  anything is sent there, so ``Authorization`` never reaches another host.
* one DEBUG log line per request, redacted (see ``_logging``).
* every request has one total deadline (``_deadline.Budget``): the earlier of the request's own
  timeout (its longest ``httpx.Timeout`` phase: ``timeout=2`` ends the request near 2 s, however
  slowly the server trickles bytes) and the wait's deadline. A request the *wait's* deadline ended
  raises :class:`DeadlineReachedError` with the httpx error as ``__cause__`` (the pollers make it a
  :class:`PollingTimeoutError`); one its own timeout ended is a :class:`TransportError`. When the
  server was sending (a trickle) that error is raised at once: it would trickle again, and
  ``timeout=2`` is meant to end a read near 2 s. A server that stayed silent is retried like a
  dropped connection, as are refused connections and other transient failures.
* bodies are streamed and bounded (``_body``): at most ``max_body_size`` decoded bytes are read, then
  the connection is closed and :class:`ResponseTooLargeError` raised (not retried: the same URL
  would send the same body).
* a retry never comes sooner than :data:`opstatus._retry.MIN_RETRY_DELAY` after a failed try, whatever
  ``Retry-After`` says (0 included).
"""

from __future__ import annotations

import contextlib
import datetime
import http
import json
import logging
import math
import random
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import httpx

from ._auth import BearerAuth
from ._body import ACCEPT_ENCODING, DEFAULT_MAX_BODY_SIZE, BodyReader, with_body
from ._deadline import BUDGET_EXTENSION, AsyncClampedTransport, Budget, total_of
from ._errors import (
    AuthenticationError,
    BadRequestError,
    DeadlineReachedError,
    DecodeError,
    HttpError,
    NotFoundError,
    OpStatusError,
    PermissionDeniedError,
    ServiceError,
    ThrottledError,
    TransportError,
    UnsafeUrlError,
)
from ._headers import add_absent, set_header
from ._logging import SAFE_HEADERS, redact_url, request_line
from ._retry import RetryPolicy, parse_retry_after
from ._secrets import scrub_and_cut
from ._urls import origin

if TYPE_CHECKING:
    from ._progress import RetryNotice
    from ._routes import ErrorEnvelope
    from ._status import StatusResponse

__all__ = [
    "MAX_REDIRECTS",
    "MIN_ATTEMPT_TIMEOUT",
    "AsyncPipeline",
    "SyncPipeline",
    "decode_json",
    "error_from_response",
    "load_json",
    "new_request_id",
    "parse_model",
    "request_id_of",
    "status_response",
]

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

MAX_REDIRECTS = 5
MIN_ATTEMPT_TIMEOUT = 0.05
"""Shortest HTTP timeout an attempt gets when the deadline is near (httpx needs a positive value)."""
_MAX_BODY_CHARS = 8192
_DEADLINE_SLACK = 0.05
"""A timeout this close to the wait's deadline is taken as the deadline's doing (socket timers are coarse)."""
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_HOSTS_REMEMBERED = 64
_REQUEST_ID_HEADERS = ("x-ms-request-id", "request-id")
_REQUEST_ID_HEADER = b"x-ms-client-request-id"
"""The id opstatus sends with every try of one status read (the same on each retry)."""
_HINT_HEADERS = frozenset(
    {b"retry-after", b"retry-after-ms", b"x-ms-retry-after-ms", b"x-ms-request-id", b"request-id"}
)
_NO_BODY: Final = httpx.ByteStream(b"")
_ACCEPT_JSON = {"Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING}
# Connection-level failures worth another try for an idempotent GET. Not retried: invalid URLs,
# unsupported schemes, local protocol misuse, content decoding errors (asking again cannot help).
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_KINDS: dict[int, type[HttpError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: ThrottledError,
    408: ServiceError,
}
_KNOWN_STATUSES = frozenset(int(status) for status in http.HTTPStatus)
_SECRET_MEMBERS = re.compile(r'("(?:sasToken|access_token|refresh_token|client_secret)"\s*:\s*)"[^"]*"', re.I)
_SAS_SIGNATURE = re.compile(r"(\bsig=)[^&\"'\s]+", re.I)


# --- decisions shared by the sync and async pipelines ---------------------------------------------


class _Tries:
    """Counters of one logical GET: the attempt in flight (1-based) and redirects followed.

    ``on_retry`` (optional) hears of each retry before its delay is slept, so a wait can show it.
    """

    __slots__ = ("attempt", "on_retry", "redirects")

    def __init__(self, on_retry: Callable[[RetryNotice], None] | None = None) -> None:
        self.attempt = 1
        self.redirects = 0
        self.on_retry = on_retry

    def retrying(
        self, delay: float, *, retry: RetryPolicy, reason: str, status_code: int | None = None
    ) -> float:
        """Count the next attempt and tell ``on_retry`` about it; returns ``delay``."""
        self.attempt += 1
        if self.on_retry is not None:
            # Imported here: only a caller watching retries (a poller, the CLI) needs the notice class,
            # and a plain read's start-up should not build it (about 1.5 ms of attrs classes).
            from ._progress import RetryNotice

            self.on_retry(
                RetryNotice(
                    attempt=self.attempt,
                    max_attempts=retry.max_attempts,
                    delay=delay,
                    reason=reason,
                    status_code=status_code,
                    throttled=status_code in (429, 503),
                )
            )
        return delay


_UUID_VERSION_BITS = (0xF000 << 64) | (0xC000 << 48)
_UUID_VERSION_4 = (0x4000 << 64) | (0x8000 << 48)


def new_request_id() -> str:
    """A random (version 4) UUID in its text form, what ``str(uuid.uuid4())`` gives, for one status read.

    From ``random``, not ``os.urandom``: a request id must be unique, not secret, and ``uuid4``'s
    system call and ``UUID`` object were 3 % of a status read with 1,000 in flight (``random`` is
    reseeded in a forked child, so two processes do not repeat each other's ids).
    """
    value = random.getrandbits(128) & ~_UUID_VERSION_BITS | _UUID_VERSION_4
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def request_id_of(response: httpx.Response, declared: tuple[str, ...] = ()) -> str | None:
    """The service's request id: from the headers its spec declares (``declared``), else the usual ones."""
    headers = response.headers
    for name in (*declared, *_REQUEST_ID_HEADERS):
        value: str | None = headers.get(name)
        if value:
            return value
    return None


def scrub(text: str) -> str:
    """Response text with secret-looking members (SAS tokens, OAuth tokens) replaced by REDACTED."""
    return _SAS_SIGNATURE.sub(r"\1REDACTED", _SECRET_MEMBERS.sub(r'\1"REDACTED"', text))


def _safe_headers(response: httpx.Response) -> dict[str, str]:
    shown: dict[str, str] = {}
    for name, value in response.headers.multi_items():
        key = name.lower()
        if key in SAFE_HEADERS:
            shown[key] = redact_url(value) if key in ("location", "azure-asyncoperation") else value
    return shown


def _error_envelope(
    response: httpx.Response, envelope: ErrorEnvelope | None = None
) -> tuple[str | None, str | None, str | None]:
    """(code, message, request id) from an error body, tolerantly; Nones if unreadable.

    ``envelope``: where the spec says its error bodies keep them (``x-opstatus-error-envelope``, e.g. Azure
    DevOps' flat ``{typeKey, message}``); without one, ARM/CPP/Graph's ``{"error": {code, message}}``.
    """
    try:
        document = json.loads(response.content)
    except (ValueError, RecursionError):
        return None, None, None
    if envelope is not None:
        return envelope.read(document)
    if not isinstance(document, dict):
        return None, None, None
    error = document.get("error", document)
    if isinstance(error, str):
        return None, error or None, None
    if not isinstance(error, dict):
        return None, None, None
    code = error.get("code")
    message = error.get("message", error.get("Message"))
    inner = error.get("innerError") or error.get("innererror")
    request_id = inner.get("request-id") if isinstance(inner, dict) else None
    return (
        str(code) if isinstance(code, str | int) and code != "" else None,
        message if isinstance(message, str) and message else None,
        request_id if isinstance(request_id, str) and request_id else None,
    )


def _shown_code(code: str | None) -> str | None:
    """A service's error code made safe to show on a terminal: printable, at most 64 characters.

    It goes into a :class:`RetryNotice` that the CLI prints while waiting, so a hostile server must not
    be able to send escape sequences or a page of text through it.
    """
    if code is None:
        return None
    shown = scrub_and_cut("".join(char for char in code if char.isprintable()), 64)
    return shown or None


def error_from_response(
    response: httpx.Response,
    *,
    retry_after: float | None = None,
    envelope: ErrorEnvelope | None = None,
    request_id_headers: tuple[str, ...] = (),
) -> HttpError:
    """The typed error for a non-2xx answer to a status GET (the token never travels on it).

    ``envelope`` and ``request_id_headers`` are the API's own (its generated routes), when it has them.
    """
    status = response.status_code
    code, message, body_request_id = _error_envelope(response, envelope)
    kind = _KINDS.get(status)
    if kind is None:
        kind = BadRequestError if 400 <= status < 500 and status in _KNOWN_STATUSES else ServiceError
    fields: dict[str, Any] = {
        "status_code": status,
        "code": code,
        "message": message,
        "request_id": request_id_of(response, request_id_headers) or body_request_id,
        "body": scrub_and_cut(response.text, _MAX_BODY_CHARS, scrub),
        "headers": _safe_headers(response),
        "url": redact_url(response.request.url),
    }
    if kind is ThrottledError:
        return ThrottledError(retry_after=retry_after, **fields)
    return kind(**fields)


def load_json(response: httpx.Response) -> Any:
    """The JSON document of a response, or :class:`DecodeError` (outside the pipelines' retries)."""
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise not_json_error(response, exc) from None
    except RecursionError:
        raise too_deep_error(response) from None


def not_json_error(response: httpx.Response, exc: ValueError) -> DecodeError:
    """The error for a body that is not syntactically JSON (the pipelines retry those first)."""
    content_type = response.headers.get("content-type", "no content type")
    reason = "empty body" if not response.content else f"body is not JSON ({content_type}: {exc})"
    if response.status_code == 202 and not response.content:
        reason = (
            "empty body with 202 Accepted: ARM's Location URLs say 'still running' this way; "
            "wait on them with opstatus.ArmClient (or `opstatus wait-url URL`)"
        )
    return _decode_error(response, reason=reason, where="body")


def too_deep_error(response: httpx.Response) -> DecodeError:
    """A hostile or broken body nested deeper than Python's stack: the same every time, not retried."""
    return _decode_error(response, reason="body nests too deeply to decode", where="body")


def decode_json(response: httpx.Response, document: Any, *, unwrap_single_item: bool = False) -> Any:
    """The status document of a 2xx ``response`` whose body decoded to ``document``.

    With ``unwrap_single_item`` a one-element array is opened (Cloud Partner Portal may send one); an
    array of another length is a :class:`DecodeError`.
    """
    if unwrap_single_item and isinstance(document, list):
        if len(document) != 1:
            raise _decode_error(
                response, reason=f"expected one operation, got an array of {len(document)}", where="body"
            )
        document = document[0]
    return document


def parse_model(response: httpx.Response, document: Any, parse: Callable[[Any], T], *, what: str) -> T:
    """``parse(document)``, with the generated parsers' exceptions turned into :class:`DecodeError`."""
    try:
        return utc_aware(parse(document))
    except KeyError as exc:
        reason = f"missing required member {exc.args[0]!r}" if exc.args else "missing required member"
        raise _decode_error(response, reason=reason, where=what) from exc
    except (ValueError, TypeError, AttributeError) as exc:
        raise _decode_error(response, reason=f"{type(exc).__name__}: {exc}", where=what) from exc
    except RecursionError:  # nesting the JSON decoder accepted but the model walk cannot
        raise _decode_error(response, reason="body nests too deeply to parse", where=what) from None


def status_response(
    response: httpx.Response,
    document: Any,
    parse: Callable[[Any], T],
    *,
    what: str,
    unwrap_single_item: bool,
    now: Callable[[], float] = time.time,
    request_id_headers: tuple[str, ...] = (),
) -> StatusResponse[T]:
    """The seam with the poller: body, typed resource, the server's requested delay and request id.

    ``document`` is the decoded body (the pipelines' ``get`` returns it with the response).
    """
    from ._status import StatusResponse  # loaded with the first poller, not with the client

    body = decode_json(response, document, unwrap_single_item=unwrap_single_item)
    hints = _hint_headers(response)
    request_id = (hints.get("x-ms-request-id") or hints.get("request-id") or None) if hints else None
    if request_id_headers:  # the spec's own names (apim-request-id, ActivityId) come first
        request_id = request_id_of(response, request_id_headers)
    return StatusResponse(
        body=body,
        resource=parse_model(response, body, parse, what=what),
        retry_after=parse_retry_after(hints, now=now) if hints else None,
        request_id=request_id,
        http_status=response.status_code,
        headers=response.headers,
    )


def _hint_headers(response: httpx.Response) -> dict[str, str]:
    """The delay and request-id headers of a response, read in one pass (the polling hot path)."""
    found: dict[str, str] = {}
    for raw_name, raw_value in response.headers.raw:
        name = raw_name.lower()
        if name in _HINT_HEADERS:
            found.setdefault(name.decode("ascii"), raw_value.decode("latin-1"))
    return found


def _decode_error(response: httpx.Response, *, reason: str, where: str) -> DecodeError:
    error = DecodeError(
        reason=reason,
        where=where,
        body=scrub_and_cut(response.text, _MAX_BODY_CHARS, scrub),
        status_code=response.status_code,
        request_id=request_id_of(response),
    )
    # A body that does not fit the model is found after the pipeline returned: take the id it sent.
    error.client_request_id = response.request.headers.get("x-ms-client-request-id")
    return error


def utc_aware(value: T) -> T:
    """Read zone-less timestamps in a parsed model as UTC (the specs say all three APIs mean UTC).

    Walks attrs instances and lists in place; Graph's docs example sends ``2023-03-09T08:12:53``.
    Which fields to look at is worked out once per model class from its annotations (see
    :func:`_walk_plan`), so a status read only touches its date and nested-model fields.
    """
    _make_aware(value)
    return value


_SCALAR = r"(?:str|int|float|bool|None|Any|datetime\.datetime)"
_SCALAR_TYPES = re.compile(rf"\s*(?:{_SCALAR}|frozenset\[str\])\s*(?:\|\s*{_SCALAR}\s*)*")
"""Annotations whose values hold no model and no list, so the walk need not look inside them."""
_NOT_A_MODEL: Final = ((), ())
_WALK_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _walk_plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields that may hold a datetime, fields that may hold models or lists) of an attrs class;
    nothing of any other class."""
    dates: list[str] = []
    nested: list[str] = []
    if attrs.has(cls):
        for field in attrs.fields(cls):
            if field.name == "additional_properties":
                continue
            kind = field.type if isinstance(field.type, str) else str(field.type)
            if field.type is None or "datetime" in kind:
                dates.append(field.name)
            if field.type is None or not _SCALAR_TYPES.fullmatch(kind):
                nested.append(field.name)
    plan = _WALK_PLANS[cls] = (tuple(dates), tuple(nested)) if dates or nested else _NOT_A_MODEL
    return plan


def _make_aware(value: object) -> None:
    cls = type(value)
    if cls is list:
        for item in value:  # type: ignore[attr-defined]  # cls is list
            if item is not None:
                _make_aware(item)
        return
    # One dict lookup per value: a status read walks its model and the few fields that may nest.
    dates, nested = _WALK_PLANS.get(cls) or _walk_plan(cls)
    for name in dates:
        item = getattr(value, name)
        if isinstance(item, datetime.datetime) and item.tzinfo is None:
            setattr(value, name, item.replace(tzinfo=datetime.UTC))
    for name in nested:
        item = getattr(value, name)
        if item is not None:
            _make_aware(item)


# --- the pipelines ---------------------------------------------------------------------------------


def _fits(timeout: httpx.Timeout, remaining: float) -> bool:
    """True when every phase of ``timeout`` is limited and ends within ``remaining`` seconds."""
    for limit in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        if limit is None or limit > remaining:
            return False
    return True


def _capped(timeout: httpx.Timeout, remaining: float) -> httpx.Timeout:
    """``timeout`` with every phase cut to ``remaining`` seconds (at least :data:`MIN_ATTEMPT_TIMEOUT`)."""
    cap = max(remaining, MIN_ATTEMPT_TIMEOUT)
    connect, read, write, pool = (
        cap if limit is None else min(limit, cap)
        for limit in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    )
    return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)


_ERRORS_WITH_REQUEST_IDS = (HttpError, DecodeError, TransportError)
"""The errors of a read that got as far as sending it: they keep the ``x-ms-client-request-id`` sent."""


class _PipelineBase:
    not_found_note: str | None = None
    """Added to every :class:`NotFoundError` (PEP 678 note, shown in tracebacks): set by a client whose
    ``base_url`` lacks its API's base path, the likeliest cause of a 404 there."""
    error_envelope: ErrorEnvelope | None = None
    """Where the API's error bodies keep code and message (its spec's ``x-opstatus-error-envelope``)."""
    request_id_headers: tuple[str, ...] = ()
    """The response headers the API's spec declares for its request id, read before the usual names."""

    def _error(self, response: httpx.Response, retry_after: float | None = None) -> HttpError:
        return error_from_response(
            response,
            retry_after=retry_after,
            envelope=self.error_envelope,
            request_id_headers=self.request_id_headers,
        )

    def __init__(
        self,
        *,
        auth: httpx.Auth | None,
        retry: RetryPolicy,
        timeout: httpx.Timeout | None,
        clock: Callable[[], float],
        rng: Callable[[], float],
        wall_clock: Callable[[], float],
        max_body_size: int,
    ) -> None:
        self.auth = auth
        self.max_body_size = max_body_size
        self.retry = retry
        self.timeout = timeout
        self.clock = clock
        self.rng = rng
        self.wall_clock = wall_clock
        self._auth_arg: httpx.Auth | httpx._client.UseClientDefault = (
            auth if auth is not None else httpx.USE_CLIENT_DEFAULT
        )
        # Set by a subclass given ``transport=`` (see :meth:`_direct_headers`): the headers every
        # direct request starts from and the client timeout's extension, worked out once.
        self._headers: httpx.Headers | None = None
        self._headers_by_host: dict[bytes, httpx.Headers] = {}
        self._default_timeout: dict[str, float | None] = {}
        self._default_total: float | None = None
        self._default_configured = httpx.Timeout(None)  # set with the two above (_go_direct)

    def _go_direct(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Build requests without ``client.build_request`` from now on (``transport=`` was given).

        ``client`` is opstatus's own, so nothing can change its headers, cookies, params or timeout
        after this: its headers with :data:`_ACCEPT_JSON` and its timeout are worked out here once.
        """
        headers = httpx.Headers(client.headers)
        headers.update(_ACCEPT_JSON)
        # Each read sends its own id (added without a scan for another in _request): none from here.
        headers.pop(_REQUEST_ID_HEADER.decode(), None)
        self._headers = headers
        self._default_configured = client.timeout
        self._default_timeout = client.timeout.as_dict()
        self._default_total = total_of(client.timeout)

    def _direct_request(self, url: httpx.URL | str, extensions: dict[str, Any]) -> httpx.Request:
        """A GET of ``url`` with the client's headers, as ``httpx.Request`` would build it, for less.

        ``httpx.Request`` given no body works out ``Host`` and the body's headers from scratch for
        every request: a third of a status read's own CPU with 1,000 in flight. Given the body (none)
        and headers that already hold ``Host`` (first, where httpx puts it; worked out once per host)
        it only copies them. ``request.content`` is then made readable as ``read()`` does, by storing
        the (empty) body where httpx keeps it (``_content``, as :func:`~opstatus._body.with_body` does for
        a response): ``read()`` first checks ``isinstance(stream, typing.Iterable)``, a check through
        ``typing`` that cost 1 µs a read. The empty body stream is shared: it holds nothing but ``b""``.
        """
        assert self._headers is not None
        if not isinstance(url, httpx.URL):  # httpx.Request makes its own copy of a URL given
            url = httpx.URL(url)
        host = url.netloc
        headers = self._headers_by_host.get(host)
        if headers is None:
            if len(self._headers_by_host) >= _HOSTS_REMEMBERED:
                self._headers_by_host.clear()
            headers = self._headers_by_host[host] = httpx.Headers([(b"Host", host), *self._headers.raw])
        request = httpx.Request("GET", url, headers=headers, stream=_NO_BODY, extensions=extensions)
        request._content = b""  # what read() stores for this stream (httpx < 0.29, pinned in pyproject)
        return request

    def _request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        url: httpx.URL | str,
        deadline: float | None,
        request_id: bytes,
    ) -> tuple[httpx.Request, Budget | None]:
        """The next attempt's request, with the read's ``x-ms-client-request-id``, and its budget; with a
        deadline its HTTP timeout ends by then.

        No request is built once the deadline has passed (:class:`DeadlineReachedError`).
        """
        if deadline is not None and not math.isfinite(deadline):
            deadline = None  # wait(timeout=inf): no deadline, not an infinite socket timeout
        timeout = self.timeout
        headers = self._headers
        if headers is not None and timeout is None:
            configured = self._default_configured
            total = self._default_total
        else:
            configured = timeout if timeout is not None else client.timeout
            total = total_of(configured)
        now = time.monotonic()
        budget = None if total is None else Budget(at=now + total, by_wait=False)
        if deadline is not None:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise DeadlineReachedError(f"no time left before the deadline to GET {redact_url(url)}")
            if not _fits(configured, remaining):
                timeout = _capped(configured, remaining)
            if budget is None or now + remaining <= budget.at:
                budget = Budget(at=now + max(remaining, MIN_ATTEMPT_TIMEOUT), by_wait=True)
        if headers is not None:
            extensions = {"timeout": self._default_timeout if timeout is None else timeout.as_dict()}
            request = self._direct_request(url, extensions)
            # opstatus's own client sends no request id of its own (User-Agent only): no scan for one
            add_absent(request.headers, _REQUEST_ID_HEADER, request_id)
            return request, budget
        if timeout is None:
            request = client.build_request("GET", url, headers=_ACCEPT_JSON)
        else:
            request = client.build_request("GET", url, headers=_ACCEPT_JSON, timeout=timeout)
        set_header(request.headers, _REQUEST_ID_HEADER, request_id)  # a caller's client may have one
        return request, budget

    def _remaining(self, deadline: float | None) -> float | None:
        return None if deadline is None else deadline - self.clock()

    def _on_transport_error(
        self,
        request: httpx.Request,
        exc: Exception,
        started: float,
        tries: _Tries,
        deadline: float | None,
        budget: Budget | None,
    ) -> float:
        """Log the failed attempt; return the delay before the next one, or raise TransportError.

        A timeout that came because the wait's deadline did is :class:`DeadlineReachedError`.
        """
        if _LOGGER.isEnabledFor(logging.DEBUG):
            elapsed = time.perf_counter() - started
            outcome = type(exc).__name__
            _LOGGER.debug(
                request_line(request, None, elapsed=elapsed, attempt=tries.attempt, outcome=outcome)
            )
        by_deadline = budget is not None and budget.by_wait and budget.left() <= _DEADLINE_SLACK
        if by_deadline and isinstance(exc, httpx.TimeoutException):
            raise DeadlineReachedError(
                f"the wait's deadline came during GET {redact_url(request.url)}: {type(exc).__name__}"
            ) from exc
        delay = None
        spent = (
            budget is not None and not budget.by_wait and budget.answered and budget.left() <= _DEADLINE_SLACK
        )
        if isinstance(exc, _RETRYABLE_ERRORS) and not spent:
            delay = self.retry.next_delay(
                attempt=tries.attempt, retry_after=None, remaining=self._remaining(deadline), rng=self.rng
            )
        if delay is None:
            raise TransportError(
                f"GET {redact_url(request.url)} failed after {tries.attempt} attempt(s): {type(exc).__name__}"
                + (f": {exc}" if str(exc) else "")
            ) from exc
        return tries.retrying(delay, retry=self.retry, reason=f"no answer ({type(exc).__name__})")

    def _on_not_json(
        self, response: httpx.Response, exc: ValueError, tries: _Tries, deadline: float | None
    ) -> float:
        """A 2xx whose body is not JSON: the delay before the next try, like a 503, or the DecodeError.

        (Its request line is already logged with its status; the ``DecodeError`` says what was wrong.)
        An empty 202 is not retried: it is ARM's "still running" on a ``Location`` URL, the same every
        time, and the error says which client reads those.
        """
        if response.status_code == 202 and not response.content:
            raise not_json_error(response, exc) from None
        delay = self.retry.next_delay(
            attempt=tries.attempt,
            retry_after=parse_retry_after(response.headers, now=self.wall_clock),
            remaining=self._remaining(deadline),
            rng=self.rng,
        )
        if delay is None:
            raise not_json_error(response, exc) from None
        return tries.retrying(
            delay, retry=self.retry, reason="body is not JSON", status_code=response.status_code
        )

    def _outcome(
        self,
        request: httpx.Request,
        response: httpx.Response,
        started: float,
        tries: _Tries,
        deadline: float | None,
        *,
        empty_ok: bool,
    ) -> tuple[httpx.Response, Any] | httpx.URL | float:
        """What one answer means for :meth:`get`, shared by the sync and async loops: the response and
        its decoded body (done), a same-origin redirect to follow, or the delay before the next try.

        Raises the typed error when the answer is final and not usable.
        """
        step = self._on_response(request, response, started, tries, deadline)
        if step is not None:
            return step
        if empty_ok and not response.content:
            return response, None
        try:
            return response, json.loads(response.content)
        except ValueError as exc:
            return self._on_not_json(response, exc, tries, deadline)
        except RecursionError:
            raise too_deep_error(response) from None

    def _tag(self, exc: HttpError | DecodeError | TransportError, client_request_id: str) -> None:
        """Give an error leaving :meth:`get` the read's request id (and the client's not-found note)."""
        exc.client_request_id = client_request_id
        if self.not_found_note is not None and isinstance(exc, NotFoundError):
            exc.add_note(self.not_found_note)

    def _on_response(
        self,
        request: httpx.Request,
        response: httpx.Response,
        started: float,
        tries: _Tries,
        deadline: float | None,
    ) -> httpx.URL | float | None:
        """None: a 2xx (the caller decodes its body). A URL: follow this same-origin redirect. A float:
        retry after that delay.

        Raises the typed error when the answer is final and not 2xx.
        """
        if _LOGGER.isEnabledFor(logging.DEBUG):
            elapsed = time.perf_counter() - started
            _LOGGER.debug(request_line(request, response, elapsed=elapsed, attempt=tries.attempt))
        status = response.status_code
        if 200 <= status < 300:
            return None
        if status in _REDIRECT_CODES and "location" in response.headers:
            return self._redirect_target(request, response, tries)
        retry_after = parse_retry_after(response.headers, now=self.wall_clock)
        if status in self.retry.retry_statuses:
            delay = self.retry.next_delay(
                attempt=tries.attempt,
                retry_after=retry_after,
                remaining=self._remaining(deadline),
                rng=self.rng,
            )
            if delay is not None:
                envelope = self.error_envelope
                code, _, _ = _error_envelope(response, envelope) if response.content else (None, None, None)
                code = _shown_code(code)
                reason = f"{status} {code}" if code else str(status)
                return tries.retrying(delay, retry=self.retry, reason=reason, status_code=status)
        raise self._error(response, retry_after)

    def _redirect_target(self, request: httpx.Request, response: httpx.Response, tries: _Tries) -> httpx.URL:
        try:
            target = request.url.join(response.headers["location"])
        except httpx.InvalidURL as exc:
            raise self._error(response) from exc
        if origin(target) != origin(request.url):
            raise UnsafeUrlError(
                f"refusing a redirect from {origin(request.url)} to {origin(target)}: "
                "status requests are only followed on the same host, so the token never leaves it"
            )
        tries.redirects += 1
        if tries.redirects > MAX_REDIRECTS:
            raise self._error(response)
        return target


class SyncPipeline(_PipelineBase):
    """GETs with retries over an ``httpx.Client``; ``sleep`` is the only place that waits."""

    def __init__(
        self,
        *,
        client: httpx.Client,
        auth: httpx.Auth | None,
        retry: RetryPolicy,
        timeout: httpx.Timeout | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
        wall_clock: Callable[[], float] = time.time,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            auth=auth,
            retry=retry,
            timeout=timeout,
            clock=clock,
            rng=rng,
            wall_clock=wall_clock,
            max_body_size=max_body_size,
        )
        self.client = client
        self.sleep = sleep
        self._transport = transport
        if transport is not None:
            self._go_direct(client)

    def get(
        self,
        url: httpx.URL | str,
        *,
        deadline: float | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
        empty_ok: bool = False,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> tuple[httpx.Response, Any]:
        """A 2xx response for ``url`` and its decoded JSON body, after retries; else the typed errors.

        Every try of this one read sends the same ``x-ms-client-request-id``; an error keeps it.
        ``empty_ok``: a 2xx without a body is an answer (decoded as ``None``), not a broken one: ARM's
        ``Location`` protocol says "still running" with an empty 202 and "done" with an empty 204.
        """
        client_request_id = new_request_id()
        request_id_value = client_request_id.encode()
        tries = _Tries(on_retry)
        try:  # the retry loop in this method, as in the async twin (where a level less counts)
            while True:
                request, budget = self._request(self.client, url, deadline, request_id_value)
                for name, value in headers:  # the operation's header parameters
                    set_header(request.headers, name, value)
                started = time.perf_counter()
                try:
                    response = self._send(request, budget)
                except httpx.HTTPError as exc:
                    self.sleep(self._on_transport_error(request, exc, started, tries, deadline, budget))
                    continue
                step = self._outcome(request, response, started, tries, deadline, empty_ok=empty_ok)
                if isinstance(step, tuple):
                    return step
                if isinstance(step, httpx.URL):
                    url = step
                else:
                    self.sleep(step)
        except _ERRORS_WITH_REQUEST_IDS as exc:
            self._tag(exc, client_request_id)
            raise

    def _send(self, request: httpx.Request, budget: Budget | None) -> httpx.Response:
        """One attempt: send, read the body within ``budget`` and the size limit, close the stream."""
        context = budget.active() if budget is not None else contextlib.nullcontext()
        with context:
            response = self._open(request)
            if budget is not None:
                budget.answered = True
            try:
                reader = BodyReader(response, limit=self.max_body_size, budget=budget)
                content = reader.read()
            finally:
                response.close()
        return with_body(response, content, encoded=reader.encoded)

    def _open(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``; the response's body is still to be read.

        Through ``client.send`` for a caller's ``http_client`` (its hooks, cookies, mounts and auth
        apply); straight to the transport of opstatus's own client, which has none of those: that
        skips most of ``httpx.Client.send``'s per-request work (cookie jars, hook lists, the
        auth/redirect generators), which measured more than opstatus's own work per status read.
        """
        transport = self._transport
        if transport is None:
            return self.client.send(request, auth=self._auth_arg, follow_redirects=False, stream=True)
        if self.client.is_closed:
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        if self.auth is not None:
            flow = self.auth.sync_auth_flow(request)
            request = next(flow)  # BearerAuth: the Authorization header, the token fetched in budget
            flow.close()
        response = transport.handle_request(request)
        response.request = request
        return response


_UNPUBLISHED: Final = contextlib.nullcontext()
"""``with`` this where no budget is published (it holds nothing: one serves every read)."""


async def _authorized(auth: httpx.Auth, request: httpx.Request) -> httpx.Request:
    """``request`` as ``auth``'s flow sends it (opstatus's own: what its flow does, without the flow)."""
    if isinstance(auth, BearerAuth):
        await auth.async_authorize(request)
        return request
    flow = auth.async_auth_flow(request)
    request = await flow.__anext__()
    await flow.aclose()
    return request


class AsyncPipeline(_PipelineBase):
    """The async twin of :class:`SyncPipeline` over an ``httpx.AsyncClient``."""

    def __init__(
        self,
        *,
        client: httpx.AsyncClient,
        auth: httpx.Auth | None,
        retry: RetryPolicy,
        timeout: httpx.Timeout | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]],
        rng: Callable[[], float] = random.random,
        wall_clock: Callable[[], float] = time.time,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            auth=auth,
            retry=retry,
            timeout=timeout,
            clock=clock,
            rng=rng,
            wall_clock=wall_clock,
            max_body_size=max_body_size,
        )
        self.client = client
        self.sleep = sleep
        self._transport = transport
        if transport is not None:
            self._go_direct(client)
        self._socket_clamped = isinstance(transport, AsyncClampedTransport)
        self._ends_at_budget = bool(getattr(transport, "ends_at_budget", False))

    async def get(
        self,
        url: httpx.URL | str,
        *,
        deadline: float | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
        empty_ok: bool = False,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> tuple[httpx.Response, Any]:
        """A 2xx response for ``url`` and its decoded JSON body; see :meth:`SyncPipeline.get`."""
        client_request_id = new_request_id()
        request_id_value = client_request_id.encode()
        tries = _Tries(on_retry)
        try:  # one level, not two: each coroutine level costs with 1,000 async reads in flight
            while True:
                request, budget = self._request(self.client, url, deadline, request_id_value)
                for name, value in headers:  # the operation's header parameters
                    set_header(request.headers, name, value)
                started = time.perf_counter()
                try:
                    response = await self._send(request, budget)
                except httpx.HTTPError as exc:
                    await self.sleep(self._on_transport_error(request, exc, started, tries, deadline, budget))
                    continue
                step = self._outcome(request, response, started, tries, deadline, empty_ok=empty_ok)
                if isinstance(step, tuple):
                    return step
                if isinstance(step, httpx.URL):
                    url = step
                else:
                    await self.sleep(step)
        except _ERRORS_WITH_REQUEST_IDS as exc:
            self._tag(exc, client_request_id)
            raise

    def _send(self, request: httpx.Request, budget: Budget | None) -> Awaitable[httpx.Response]:
        """One attempt, as in the sync twin; the whole of it also runs in a cancel scope that ends at
        the budget, so a caller's own ``http_client`` cannot carry it past the deadline either.

        A plain function that hands back the coroutine to await: one coroutine level less per read.
        """
        if (
            budget is None
            or self._ends_at_budget
            or (self._socket_clamped and request.extensions["timeout"].get("pool") is not None)
        ):
            # opstatus's own transports end the request at the budget themselves and say whether
            # the server was sending when it ended (``Budget.answered``): the httpx one ends every
            # connect, read and write there, and the wait for a pooled connection by its pool
            # timeout (never past the budget); the aiohttp one (``_fast``) the whole request, with
            # aiohttp's own timer. A cancel scope (about 30 µs a request with anyio) adds nothing.
            return self._send_within(request, budget)
        return self._send_in_scope(request, budget)

    async def _send_in_scope(self, request: httpx.Request, budget: Budget) -> httpx.Response:
        import anyio

        try:
            with anyio.fail_after(max(budget.left(), 0.0)):
                return await self._send_within(request, budget)
        except TimeoutError as exc:
            if isinstance(exc, OpStatusError):
                raise
            raise httpx.ReadTimeout("the request's total deadline passed", request=request) from exc

    async def _send_within(self, request: httpx.Request, budget: Budget | None) -> httpx.Response:
        """Send ``request`` and read its body (as :meth:`SyncPipeline._send`, inside the budget's scope).

        Through ``client.send`` for a caller's ``http_client``; straight to opstatus's own transport
        otherwise (see :meth:`SyncPipeline._open`). One coroutine for both steps: with 1,000 reads in
        flight each coroutine level costs.
        """
        # A transport that ends the request at its budget by itself (the aiohttp one) is handed the
        # budget on the request (a context variable set and reset is a token and two nodes a read);
        # everything else reads it from the context: the httpx transports' sockets, a token fetch.
        by_hand = budget is not None and self._ends_at_budget
        with _UNPUBLISHED if budget is None or by_hand else budget.active():
            transport = self._transport
            if transport is None:
                response = await self.client.send(
                    request, auth=self._auth_arg, follow_redirects=False, stream=True
                )
            else:
                if self.client.is_closed:
                    raise RuntimeError("Cannot send a request, as the client has been closed.")
                auth = self.auth
                # opstatus's own auth adds a token at hand with no coroutine (the usual case)
                if auth is not None and not (isinstance(auth, BearerAuth) and auth.authorize_now(request)):
                    with budget.active() if budget is not None and by_hand else _UNPUBLISHED:
                        request = await _authorized(auth, request)  # a token fetch: within the budget
                if by_hand:
                    request.extensions[BUDGET_EXTENSION] = budget
                response = await transport.handle_async_request(request)
                response.request = request
            if budget is not None:
                budget.answered = True
            try:
                reader = BodyReader(response, limit=self.max_body_size, budget=budget)
                content = await reader.aread()
            finally:
                if transport is None:
                    await response.aclose()
                elif not response.is_closed:
                    # What Response.aclose() does, less its context manager that sets ``request`` on an
                    # httpx error (none that the transport raises carries it here anyway).
                    response.is_closed = True
                    await response.stream.aclose()  # type: ignore[union-attr]  # the transport's: async
            return with_body(response, content, encoded=reader.encoded)
