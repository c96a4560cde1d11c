"""Bearer tokens for the three APIs: an ``httpx.Auth`` fed by a credential or by the caller's token.

Sources, in the caller's words:

* ``credential=`` - anything with azure-core's ``TokenCredential`` protocol
  (``get_token(*scopes) -> AccessToken(token, expires_on)``), e.g. azure-identity's
  ``DefaultAzureCredential``; async clients take an ``AsyncTokenCredential`` (an awaitable
  ``get_token``). The token is cached and fetched again ``refresh_margin`` seconds before
  ``expires_on`` (at most half-way through a short-lived token's life), so a long wait never sends an
  expired token. If a refresh fails while the cached token is still valid, the cached token is used
  and a warning logged; once it has expired the failure is a :class:`CredentialError`.
* ``token=`` - a string (sent as is, never refreshed) or a zero-argument callable returning one,
  called for every request (it does its own caching); async clients also accept an async callable.

The scope defaults to the API's ``.default`` scope from its generated polling table.

Rules the caller can rely on: a token is only attached to https URLs, or plain http to a loopback
address (:func:`opstatus._urls.check_token_transport`); a credential that raises becomes a
:class:`CredentialError` whose message names the credential type and the scope, never a token, with
the original exception kept as ``__cause__``; no ``repr``/``str`` of these objects shows a token.

Hostile or careless input, by construction:

* a token's surrounding whitespace is stripped (a token read from a file ends in a newline); a token
  with a control character, a space or a non-ASCII character inside is refused with a
  :class:`CredentialError` that does not show it (it could never be a valid header value);
* a token that has already expired when the credential hands it over is asked for once more, then
  refused with :class:`CredentialError`: it is never sent;
* every token handed out is remembered by ``_secrets`` so that no error text or log line shows it,
  whatever a server echoes back;
* fetching a token counts against the request's budget (``_deadline``): a credential that takes
  longer than the time left ends the request at its deadline. Async: the fetch is cancelled. Sync:
  Python cannot interrupt a blocking call, so the fetch runs in a daemon worker thread that the
  request stops waiting for (the thread finishes on its own; its late token is dropped). A wait whose
  deadline came ends in ``PollingTimeoutError``; a request whose own timeout came, in
  :class:`CredentialError`.
"""

from __future__ import annotations

import inspect
import logging
import math
import threading
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from typing import Any

import httpx

from ._deadline import Budget, current_budget
from ._errors import CredentialError, DeadlineReachedError
from ._headers import set_header
from ._secrets import install_filter, remember
from ._urls import check_token_transport

__all__ = ["BearerAuth"]

_LOGGER = logging.getLogger(__name__)

DEFAULT_REFRESH_MARGIN = 300.0  # azure-core's BearerTokenCredentialPolicy refreshes 5 minutes early


def _describe_source(credential: object | None, token: object | None) -> str:
    if credential is not None:
        return f"credential={type(credential).__name__}"
    if isinstance(token, str):
        return "token=<str REDACTED>"
    name = getattr(token, "__qualname__", type(token).__name__)
    return f"token=<callable {name}>"


class BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer ...`` to each request, from a cached credential token or ``token=``.

    One instance serves one client. The sync flow (``auth_flow``) and the async flow
    (``async_auth_flow``) share the cache; a sync client given an async credential gets a
    :class:`CredentialError` that says so.
    """

    def __init__(
        self,
        *,
        credential: object | None = None,
        token: object | None = None,
        scopes: Sequence[str],
        clock: Callable[[], float] = time.time,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
    ) -> None:
        if (credential is None) == (token is None):
            raise TypeError("BearerAuth needs exactly one of credential= or token=")
        if credential is not None and not callable(getattr(credential, "get_token", None)):
            raise TypeError(
                f"credential must have a get_token(*scopes) method (azure-core TokenCredential), "
                f"got {type(credential).__name__}"
            )
        if token is not None and not (isinstance(token, str) or callable(token)):
            raise TypeError(f"token must be a string or a zero-argument callable, got {type(token).__name__}")
        if isinstance(token, str):
            if not token.strip():
                raise TypeError("token must not be empty")
            token = _clean(token, source="token=")
        if isinstance(scopes, str) or not scopes or not all(isinstance(s, str) and s for s in scopes):
            raise TypeError("scopes must be a non-empty sequence of non-empty strings")
        self._credential = credential
        self._token_arg = token
        self._scopes = tuple(scopes)
        self._clock = clock
        self._margin = refresh_margin
        self._cached: str | None = None
        self._expires_on = 0.0
        self._refresh_at = 0.0
        self._lock = threading.Lock()
        self._last_header: tuple[str, bytes] | None = None
        install_filter()

    @property
    def scopes(self) -> tuple[str, ...]:
        return self._scopes

    def __repr__(self) -> str:
        source = _describe_source(self._credential, self._token_arg)
        return f"BearerAuth({source}, scopes={list(self._scopes)!r})"

    __str__ = __repr__

    # --- httpx hooks -------------------------------------------------------------------------------

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self.authorize_now(request):
            check_token_transport(request.url)
            set_header(request.headers, b"Authorization", self._header_value(self.get_token()))
        yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        await self.async_authorize(request)
        yield request

    async def async_authorize(self, request: httpx.Request) -> None:
        """What :meth:`async_auth_flow` does to ``request``, as one coroutine.

        The async pipeline calls it straight when it sends on its own transport (after
        :meth:`authorize_now`): the event loop tracks every async generator (a hook and a weak set
        entry each), about 2 % of a status read with 1,000 in flight.
        """
        if not self.authorize_now(request):
            check_token_transport(request.url)
            set_header(request.headers, b"Authorization", self._header_value(await self.get_token_async()))

    def authorize_now(self, request: httpx.Request) -> bool:
        """Add the header if the token is at hand with no call to make: ``token=`` a string, or a
        credential's token that is not due for refresh. False: nothing done, the token must be fetched
        (:meth:`async_authorize`, or the sync flow).

        With ``token=`` a string that is every read; with a credential, every read while its token
        is fresh: worth a path of its own, with no coroutine to make and await.
        """
        static = self._credential is None
        if static:
            if not isinstance(self._token_arg, str):  # a token function: called, in budget, later
                return False
            token = self._token_arg
        elif self._fresh():
            assert self._cached is not None  # what _fresh() checks first
            token = self._cached
        else:
            return False
        check_token_transport(request.url)
        if static:
            remember(token)  # kept the freshest secret to scrub (a credential's was, when it came)
        set_header(request.headers, b"Authorization", self._header_value(token))
        return True

    def _header_value(self, token: str) -> bytes:
        """``Bearer <token>`` as the bytes httpx would send; worked out once per token (1-2 KB each)."""
        last = self._last_header
        if last is not None and last[0] is token:
            return last[1]
        value = b"Bearer " + token.encode()  # ASCII: checked when the token came (_clean)
        self._last_header = (token, value)
        return value

    # --- tokens ------------------------------------------------------------------------------------

    def get_token(self, *, force_refresh: bool = False) -> str:
        """The token to send now (sync). Raises :class:`CredentialError`."""
        if self._credential is None:
            value = self._call_token_callable()
            if inspect.isawaitable(value):
                _discard(value)
                raise CredentialError(
                    "token= returned an awaitable: an async token function needs an async client"
                )
            return self._checked_token(value)
        if not force_refresh and self._fresh():
            return self._cached  # type: ignore[return-value]  # _fresh() guarantees a cached token
        with self._lock:
            if not force_refresh and self._fresh():
                return self._cached  # type: ignore[return-value]
            for attempt in (1, 2):
                try:
                    result = _within_budget(self._credential_call, self._what())
                except (CredentialError, DeadlineReachedError):
                    raise
                except Exception as exc:
                    return self._fall_back(exc)
                if inspect.isawaitable(result):
                    _discard(result)
                    raise CredentialError(
                        f"{type(self._credential).__name__} is an async credential: use it with an async "
                        "client (e.g. AsyncMonitorClient), or pass a sync credential"
                    )
                if not self._expired(result) or attempt == 2:
                    break
            return self._store(result)

    async def get_token_async(self, *, force_refresh: bool = False) -> str:
        """The token to send now (async). Accepts sync and async credentials and callables."""
        if self._credential is None:
            if isinstance(self._token_arg, str):
                return self._checked_token(self._token_arg)
            try:
                value = await _within_budget_async(
                    self._token_arg,  # type: ignore[arg-type]  # a callable: not a str (checked above)
                    "token= function",
                    is_async=inspect.iscoroutinefunction(self._token_arg),
                )
            except (CredentialError, DeadlineReachedError):
                raise
            except Exception as exc:
                raise self._error("token= function", exc) from exc
            return self._checked_token(value)
        if not force_refresh and self._fresh():
            return self._cached  # type: ignore[return-value]
        for attempt in (1, 2):
            try:
                result = await _within_budget_async(
                    self._credential_call,
                    self._what(),
                    is_async=inspect.iscoroutinefunction(getattr(self._credential, "get_token", None)),
                )
            except (CredentialError, DeadlineReachedError):
                raise
            except Exception as exc:
                return self._fall_back(exc)
            if not self._expired(result) or attempt == 2:
                break
        return self._store(result)

    def _credential_call(self) -> object:
        return self._credential.get_token(*self._scopes)  # type: ignore[union-attr]  # set when called

    def _what(self) -> str:
        if self._credential is None:
            return "token= function"
        return f"{type(self._credential).__name__}.get_token"

    def _expired(self, result: object) -> bool:
        expires_on = getattr(result, "expires_on", None)
        return (
            isinstance(expires_on, int | float)
            and not isinstance(expires_on, bool)
            and (expires_on <= self._clock())
        )

    def _fresh(self) -> bool:
        return self._cached is not None and self._clock() < self._refresh_at

    def _call_token_callable(self) -> object:
        token = self._token_arg
        if isinstance(token, str):
            return token
        assert callable(token)
        try:
            return _within_budget(token, "token= function")
        except (CredentialError, DeadlineReachedError):
            raise
        except Exception as exc:
            raise self._error("token= function", exc) from exc

    def _checked_token(self, value: object) -> str:
        if isinstance(value, str) and value is self._token_arg:
            # token= as a string was checked once, at construction: an Entra token is 1-2 KB, and
            # looking at each of its characters again on every status read would cost more than the read.
            remember(value)
            return value
        if not isinstance(value, str) or not value.strip():
            raise CredentialError(f"token= must give a non-empty string, got {type(value).__name__}")
        token = _clean(value, source="token=")
        remember(token)
        return token

    def _store(self, result: Any) -> str:
        token = getattr(result, "token", None)
        expires_on = getattr(result, "expires_on", None)
        if (
            not isinstance(token, str)
            or not token.strip()
            or isinstance(expires_on, bool)
            or not isinstance(expires_on, int | float)
            or math.isnan(expires_on)
        ):
            raise CredentialError(
                f"{type(self._credential).__name__}.get_token returned {type(result).__name__}, "
                "not an AccessToken(token, expires_on)"
            )
        token = _clean(token, source=f"{type(self._credential).__name__}.get_token")
        now = self._clock()
        if expires_on <= now:
            raise CredentialError(
                f"{type(self._credential).__name__}.get_token returned a token that had already expired "
                f"({now - expires_on:.0f}s ago), twice in a row: it is not sent"
            )
        remember(token)
        lifetime = max(0.0, float(expires_on) - now)
        self._cached = token
        self._expires_on = float(expires_on)
        self._refresh_at = float(expires_on) - min(self._margin, lifetime / 2)
        return token

    def _fall_back(self, exc: Exception) -> str:
        """A refresh failed: keep using a still-valid cached token, else raise CredentialError."""
        if self._cached is not None and self._clock() < self._expires_on:
            _LOGGER.warning(
                "token refresh failed (%s from %s); using the cached token until it expires",
                type(exc).__name__,
                type(self._credential).__name__,
            )
            return self._cached
        raise self._error(f"{type(self._credential).__name__}.get_token", exc) from exc

    def _error(self, what: str, exc: Exception) -> CredentialError:
        return CredentialError(
            f"{what} failed for scope {' '.join(self._scopes)}: {type(exc).__name__} "
            "(the original error is chained as __cause__)"
        )


_VISIBLE_ASCII = frozenset(range(0x21, 0x7F))


def _clean(token: str, *, source: str) -> str:
    """``token`` without surrounding whitespace; CredentialError (not showing it) if anything inside
    could not be a header value: a control character, a space, a non-ASCII character."""
    stripped = token.strip()
    bad = next((ch for ch in stripped if ord(ch) not in _VISIBLE_ASCII), None)
    if bad is not None:
        kind = "a control character" if ord(bad) < 0x20 or ord(bad) == 0x7F else f"character U+{ord(bad):04X}"
        raise CredentialError(f"{source} gave a token with {kind} inside; refused (the token is not shown)")
    return stripped


def _out_of_time(budget: Budget, what: str) -> Exception:
    if budget.by_wait:
        return DeadlineReachedError(f"{what} did not return before the wait's deadline")
    return CredentialError(f"{what} did not return within the request's timeout")


def _within_budget(call: Callable[[], object], what: str) -> object:
    """``call()``, but given up on (in a daemon thread left to finish) once the request's budget is spent."""
    budget = current_budget()
    if budget is None:
        return call()
    left = budget.left()
    if left <= 0:
        raise _out_of_time(budget, what)
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the waiting thread as is
            box["error"] = exc

    worker = threading.Thread(target=run, name="opstatus-get-token", daemon=True)
    worker.start()
    worker.join(left)
    if worker.is_alive():
        raise _out_of_time(budget, what)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


async def _within_budget_async(call: Callable[[], object], what: str, *, is_async: bool) -> object:
    """``await call()`` (or ``call()`` for a sync one), cancelled once the request's budget is spent.

    ``is_async``: ``call`` returns an awaitable (an async credential or token function). A sync one
    runs in a worker thread, so that it can neither block the event loop nor outlast the budget.
    """
    import anyio

    budget = current_budget()
    if budget is None:
        value = call()
        return await value if inspect.isawaitable(value) else value
    left = budget.left()
    if left <= 0:
        raise _out_of_time(budget, what)
    try:
        with anyio.fail_after(left):
            if is_async:
                value = call()
            else:  # a sync credential would block the event loop: run it in a thread we can abandon
                value = await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
            return await value if inspect.isawaitable(value) else value
    except TimeoutError:
        raise _out_of_time(budget, what) from None


def _discard(awaitable: Awaitable[object]) -> None:
    """Close a coroutine we will not await, so Python does not warn that it was never awaited."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()
