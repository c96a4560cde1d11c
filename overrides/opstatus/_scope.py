"""Scope values given once on a client (``MonitorClient(credential, subscription_id=...)``).

azure-mgmt clients take ``subscription_id`` once, in the constructor; opstatus's methods take every path
value per call. Both work: any path parameter of the API's status route (read from the generated routes,
so every API gets this without code of its own) may be given to the constructor by its python keyword,
and then every method whose route has that parameter uses it unless the call passes its own value.

A keyword the status route does not have is a ``TypeError`` naming the public client and the keywords
it takes, as Python's own would be; a value is checked at once with the same rule as a call's
(:func:`opstatus._urls.check_path_value`: :class:`InvalidParameterError` before anything is sent).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._urls import check_path_value

if TYPE_CHECKING:
    from ._routes import Route

__all__ = ["check_scope", "scope_names", "scoped"]


def scope_names(api: Any) -> tuple[str, ...]:
    """The keywords a client of ``api`` (an ``ApiSpec``) takes as scope: its status route's path values."""
    routes = api.routes
    return () if routes is None else tuple(param.python for param in routes.status.path_params)


def check_scope(client: str, api: Any, scope: Mapping[str, object]) -> Mapping[str, str]:
    """The scope values given to ``client``'s constructor, checked (see the module docstring)."""
    if not scope:
        return {}
    allowed = scope_names(api)
    for name in scope:
        if name not in allowed:
            takes = f"; scope values it takes: {', '.join(allowed)}" if allowed else ""
            raise TypeError(f"{client}() got an unexpected keyword argument {name!r}{takes}")
    return {name: check_path_value(name, value) for name, value in scope.items()}


def scoped(
    client: str, route: Route, path: Mapping[str, object], scope: Mapping[str, str]
) -> Mapping[str, object]:
    """``path`` with every value the call left out (``None``) taken from the client's scope.

    A value missing from both is a ``TypeError`` naming the keyword and both places to give it.
    """
    filled = dict(path)
    for param in route.path_params:
        name = param.python
        if filled.get(name) is None:
            value = scope.get(name)
            if value is None:
                raise TypeError(
                    f"{client} needs {name!r} (a path value of {route.method}): pass {name}= to the "
                    f"call, or once to the client: {client}(..., {name}=...)"
                )
            filled[name] = value
    return filled
