"""``wait-url`` without ``--api``: which API a status URL belongs to, read from the URL itself.

A person pasting ``$(az ... --no-wait --query ...)`` or a ``Location`` header should not have to know
which of opstatus' clients reads it. The rules use what the specs say (every API's status route and
default host, from the generated descriptions) and ARM's protocol, and never guess past them:

* a path that is an API's status route (its base path + path template, case-insensitively): that API
  (Monitor's ``.../privateLinkScopeOperationStatuses/{id}`` gets its typed status model);
* any other ``/subscriptions/...`` path, or any path on an ARM endpoint (``management.azure.com``
  and the sovereign clouds'): ``arm``, the waiter for every resource provider's
  ``Azure-AsyncOperation`` and ``Location`` URLs;
* a URL on an API's default host (``graph.microsoft.com``, ``cloudpartner.azure.com``): that API.

Anything else (a relative URL, another host with another path) raises a usage error that asks for
``--api``; an ``--api`` the user gave always wins.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

import attrs

from ._apis import CliApi, IdOption, api_named, apis
from ._exit import CliError, ExitCode

__all__ = ["ARM", "api_for_url"]


@attrs.frozen(kw_only=True)
class _ArmCliApi(CliApi):
    """ARM's generic waiter on the command line: it has no ids of its own, only URLs."""

    def default_base_path(self) -> str:
        return ""


ARM: Final[CliApi] = _ArmCliApi(
    command="arm",
    key="arm",
    title="any Azure Resource Manager long-running operation (Azure-AsyncOperation or Location URL)",
    client_class="ArmClient",
    scope=(),
    operation=IdOption(flag="--operation-id", kwarg="operation_id", param="operationId", help="unused"),
)

ARM_HOSTS: Final = frozenset(
    {
        "management.azure.com",
        "management.usgovcloudapi.net",
        "management.chinacloudapi.cn",
        "management.microsoftazure.de",
    }
)


def api_for_url(url: str, given: str | None) -> CliApi:
    """The API to read ``url`` with: ``given`` (``--api``) if set, else the one the URL names."""
    if given is not None:
        return ARM if given == "arm" else api_named(given)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    if parts.scheme in ("http", "https") and host:
        for api in apis():
            if api.is_status_path(path):
                return api
        if host in ARM_HOSTS or path.startswith("/subscriptions/"):
            return ARM
        for api in apis():
            if host == api.default_host():
                return api
    choices = "|".join(["arm", *(api.command for api in apis())])
    raise CliError(
        code="UsageError",  # a documented label: it is a usage error (exit 2), the URL needs --api
        message=(
            f"cannot tell which API {_shown(url)} belongs to; pass --api "
            f"{choices} (a relative URL needs --api and --base-url)"
        ),
        exit_code=ExitCode.USAGE,
    )


def _shown(url: str) -> str:
    """The URL without its query (a signed ARM URL carries its signature there)."""
    return repr(url.split("?", 1)[0])
