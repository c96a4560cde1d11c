"""``wait-url`` without ``--api``: which API a status URL belongs to, read from the URL itself.

A person pasting ``$(az ... --no-wait --query ...)`` or a ``Location`` header should not have to know
which of opstatus' clients reads it. The rules look at the host first (the public clouds' endpoints),
then at the path shapes the specs and ARM's protocol define, and never guess past them:

* ``/subscriptions/.../providers/microsoft.insights/privateLinkScopeOperationStatuses/{id}``:
  ``monitor`` (its typed status model);
* any other ``/subscriptions/...`` path, or any path on an ARM endpoint (``management.azure.com``
  and the sovereign clouds'): ``arm``, the waiter for every resource provider's
  ``Azure-AsyncOperation`` and ``Location`` URLs;
* ``graph.microsoft.com``, or a path under ``/v1.0/reports/partners/billing/operations/``:
  ``graph_billing``;
* ``cloudpartner.azure.com``, or ``/api/publishers/.../operations/...`` and ``/api/operations/...``:
  ``partner_portal``.

Anything else (a relative URL, another host with another path) raises a usage error that asks for
``--api``; an ``--api`` the user gave always wins.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

import attrs

from ._apis import CliApi, IdOption, api_named
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
    verbs=(),
)

ARM_HOSTS: Final = frozenset(
    {
        "management.azure.com",
        "management.usgovcloudapi.net",
        "management.chinacloudapi.cn",
        "management.microsoftazure.de",
    }
)
_MONITOR_PATH = re.compile(
    r"^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.insights/"
    r"privatelinkscopeoperationstatuses/[^/]+/?$"
)
_GRAPH_PATH = re.compile(r"^/v1\.0/reports/partners/billing/operations/[^/]+/?$")
_CPP_PATH = re.compile(r"^/api/(publishers/[^/]+/offers/[^/]+/)?operations/[^/]+/?$")


def api_for_url(url: str, given: str | None) -> CliApi:
    """The API to read ``url`` with: ``given`` (``--api``) if set, else the one the URL names."""
    if given is not None:
        return ARM if given == "arm" else api_named(given)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    if parts.scheme in ("http", "https") and host:
        if _MONITOR_PATH.match(path):
            return api_named("monitor")
        if host in ARM_HOSTS or path.startswith("/subscriptions/"):
            return ARM
        if host == "graph.microsoft.com" or _GRAPH_PATH.match(path):
            return api_named("graph_billing")
        if host == "cloudpartner.azure.com" or _CPP_PATH.match(path):
            return api_named("partner_portal")
    raise CliError(
        code="UnknownApi",
        message=(
            f"cannot tell which API {_shown(url)} belongs to; pass --api "
            "arm|monitor|partner-portal|graph-billing (a relative URL needs --api and --base-url)"
        ),
        exit_code=ExitCode.USAGE,
    )


def _shown(url: str) -> str:
    """The URL without its query (a signed ARM URL carries its signature there)."""
    return repr(url.split("?", 1)[0])
