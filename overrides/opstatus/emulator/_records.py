"""The record of one emulated operation: which API, which ids, which script, when it started."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from ._apis import ApiKey, profile_for
from ._lifecycle import Lifecycle

__all__ = ["EmulatedOperation"]


@dataclass(frozen=True, slots=True)
class EmulatedOperation:
    """An operation the emulator serves. Immutable: canceling produces a new record.

    ``params`` holds every path parameter of the status route under its spec (wire) name (for example
    ``subscriptionId``, ``resourceGroupName``, ``asyncOperationId``); ``kwargs`` holds the same values
    under the keyword each API's client takes (``subscription_id``, ...), read from the generated route,
    so ``client.wait(**op.kwargs)`` names this operation.

    Names: the Python attributes are snake_case and the admin API's JSON (:meth:`to_json`) camelCase, one
    for one (``created_at`` / ``createdAt``); the keys inside ``params`` and ``kwargs`` are data, the same
    in both.
    """

    api: ApiKey
    id: str
    params: Mapping[str, str]
    lifecycle: Lifecycle
    created_at: float
    canceled_at: float | None = None
    manifest_id: str | None = None
    starts_on_first_read: bool = False
    """True until the first status read, which sets ``created_at`` (see ``Emulator.read_operation``)."""

    @property
    def kwargs(self) -> dict[str, str]:
        """The keywords the API's clients take to name this operation: ``client.wait(**op.kwargs)``."""
        route = profile_for(self.api).status_route.route
        return {param.python: self.params[param.wire] for param in route.path_params}

    @property
    def status_path(self) -> str:
        """Origin-relative path of the status endpoint, each parameter percent-encoded."""
        template = profile_for(self.api).status_route.template
        for name, value in self.params.items():
            template = template.replace("{" + name + "}", quote(value, safe=""))
        return template

    @property
    def status_query(self) -> str:
        """The query string a client sends (``api-version=...``), or ``""``."""
        version = profile_for(self.api).api_version
        return urlencode({"api-version": version}) if version else ""

    def status_url(self, origin: str) -> str:
        """Absolute status URL on the emulator at ``origin`` (``http://127.0.0.1:port``)."""
        query = self.status_query
        return origin.rstrip("/") + self.status_path + (f"?{query}" if query else "")

    def manifest_path(self) -> str | None:
        """Origin-relative path of the result (Graph's manifest) this operation links to once it succeeds.

        The API's result route, its last parameter the result id and any other parameter taken from the
        operation's own scope.
        """
        route = profile_for(self.api).result_route
        if self.manifest_id is None or route is None:
            return None
        path = route.template.replace("{" + route.last_param + "}", quote(self.manifest_id, safe=""))
        for name, value in self.params.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        return path

    def to_json(self, *, origin: str | None = None) -> dict[str, Any]:
        """The admin API's description of the operation."""
        data: dict[str, Any] = {
            "api": self.api,
            "id": self.id,
            "params": dict(self.params),
            "kwargs": self.kwargs,
            "createdAt": self.created_at,
            "canceledAt": self.canceled_at,
            "statusPath": self.status_path,
            "statusQuery": self.status_query,
            "manifestId": self.manifest_id,
            "startsOnFirstRead": self.starts_on_first_read,
            "lifecycle": self.lifecycle.model_dump(mode="json"),
        }
        if origin is not None:
            data["statusUrl"] = self.status_url(origin)
        return data
