"""Which credential a request carries: the one its operation's ``security`` declares (OpenAPI's rule).

Most APIs declare one ``security`` for every operation, and a client sends its one credential on every
request (:class:`~opstatus._auth.BearerAuth` or :class:`~opstatus._apikey.ApiKeyAuth`, unchanged). Where an
operation declares its own (``security: []`` on a public list, an ``apiKey`` scheme on a result route
while the status wants an Entra token), :class:`RouteAuth` picks per request: the request's path is
matched against every route's template (under the client's base path), and the first kind that route
accepts which the client holds is applied - or nothing, for ``security: []``. A path no route names
(a URL a service handed back) gets what the status route accepts.

:func:`client_auth` is the one place the clients turn ``credential=``/``token=``/``api_key=`` into httpx
auth, refusing a credential no operation of the API accepts, with a ``TypeError`` that says which to pass.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Callable, Generator, Sequence

import httpx

from ._apikey import ApiKeyAuth
from ._auth import BearerAuth
from ._routes import ApiRoutes

__all__ = ["RouteAuth", "client_auth"]

_SLOT = re.compile(r"\\\{[^{}]+\\\}")


class RouteAuth(httpx.Auth):
    """Applies, per request, the credential the operation it reads declares (see the module)."""

    def __init__(
        self, *, routes: ApiRoutes, base_path: str, bearer: BearerAuth | None, api_key: ApiKeyAuth | None
    ) -> None:
        self.bearer = bearer
        self.api_key = api_key
        self._default = routes.security
        base = re.escape(base_path.rstrip("/"))
        ordered = sorted(routes, key=lambda route: route.path.count("{"))  # literal paths first
        self._rules = tuple(
            (re.compile(f"^{base}{_SLOT.sub('[^/]+', re.escape(route.path))}/?$"), routes.security_for(route))
            for route in ordered
        )

    def __repr__(self) -> str:
        return f"RouteAuth(bearer={self.bearer!r}, api_key={self.api_key!r})"

    __str__ = __repr__

    def kinds_for(self, path: str) -> tuple[str, ...]:
        """The credential kinds the operation at ``path`` (a request's URL path) accepts."""
        return next((kinds for pattern, kinds in self._rules if pattern.match(path)), self._default)

    def pick(self, request: httpx.Request) -> BearerAuth | ApiKeyAuth | None:
        """The credential to send with ``request``: the first its operation accepts that is held."""
        held = {"bearer": self.bearer, "api_key": self.api_key}
        return next((held[k] for k in self.kinds_for(request.url.path) if held.get(k) is not None), None)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        chosen = self.pick(request)
        if chosen is None:
            yield request
            return
        yield from chosen.auth_flow(request)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        chosen = self.pick(request)
        if isinstance(chosen, BearerAuth):
            await chosen.async_authorize(request)
        elif chosen is not None:
            flow = chosen.async_auth_flow(request)
            request = await flow.__anext__()
            await flow.aclose()
        yield request


def client_auth(
    api_key_name: str,
    routes: ApiRoutes | None,
    *,
    credential: object | None,
    token: object | None,
    api_key: object | None,
    scopes: Sequence[str],
    clock: Callable[[], float],
    base_path: str,
) -> BearerAuth | ApiKeyAuth | RouteAuth | None:
    """The httpx auth of a client given ``credential=``/``token=`` and/or ``api_key=`` (None: neither).

    Both are accepted only when the API's operations differ in what they accept (a per-route choice);
    otherwise passing both is a ``TypeError``, as is a credential no operation of the API accepts.
    """
    bearer_given = credential is not None or token is not None
    kinds = ("bearer",) if routes is None else routes.credential_kinds
    header = None if routes is None else routes.api_key_header
    per_route = routes is not None and routes.per_route_security
    if api_key is not None and header is None:
        raise TypeError(
            f"api_key= is not accepted: the {api_key_name} spec declares no apiKey security scheme"
        )
    if api_key is not None and bearer_given and not per_route:
        raise TypeError("pass api_key= or credential=/token=, not both")
    if credential is not None and token is not None:
        raise TypeError("pass credential= or token=, not both")
    if bearer_given and "bearer" not in kinds and header is not None:
        raise TypeError(
            f"the {api_key_name} API takes an API key, not a bearer token: pass api_key= (sent as {header})"
        )
    key_auth = ApiKeyAuth(api_key=api_key, header=header) if api_key is not None and header else None
    bearer = (
        BearerAuth(credential=credential, token=token, scopes=scopes, clock=clock) if bearer_given else None
    )
    if per_route and routes is not None and (bearer is not None or key_auth is not None):
        return RouteAuth(routes=routes, base_path=base_path, bearer=bearer, api_key=key_auth)
    return bearer if bearer is not None else key_auth
