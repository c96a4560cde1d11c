"""The three APIs as the command line sees them: data, not code.

Each :class:`CliApi` names its subcommand, the public client class, and the id options that become
the client's keyword arguments. Everything else (get, wait, wait-url, output) is written once in
``_commands`` and works for any entry here; the only API-specific verbs are the ones the APIs
really have (the Partner Portal's operation list, a Graph export's manifest).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Final

import attrs

__all__ = ["APIS", "CliApi", "IdOption", "api_named"]


@attrs.frozen(kw_only=True)
class IdOption:
    """One ``--flag VALUE`` that is a path value of the status URL (``kwarg`` is the client's name)."""

    flag: str
    kwarg: str
    param: str
    """The spec's name of the path parameter (``subscriptionId``), as the emulator reports it."""
    help: str

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


@attrs.frozen(kw_only=True)
class CliApi:
    """One API on the command line."""

    command: str
    """The subcommand, e.g. ``partner-portal``."""
    key: str
    """The package's API key, e.g. ``partner_portal`` (``opstatus._generated.<key>``)."""
    title: str
    client_class: str
    """The public sync client's name in the ``opstatus`` namespace (imported when a command runs)."""
    scope: tuple[IdOption, ...]
    """Ids that locate the operation's parent (subscription + resource group, publisher + offer)."""
    operation: IdOption
    verbs: tuple[str, ...] = ("get", "wait")

    @property
    def ids(self) -> tuple[IdOption, ...]:
        return (*self.scope, self.operation)

    def client_type(self) -> type[Any]:
        opstatus = importlib.import_module("opstatus")
        cls: type[Any] = getattr(opstatus, self.client_class)
        return cls

    def default_base_path(self) -> str:
        """Path of the API's real base URL (``/v1.0`` for Graph), added to a bare ``--base-url`` origin."""
        table = importlib.import_module(f"opstatus._generated.{self.key}.polling")
        base_url: str = table.DEFAULT_BASE_URL
        scheme_and_host = base_url.split("://", 1)[1]
        path = scheme_and_host.partition("/")[2]
        return f"/{path}".rstrip("/") if path else ""

    def kwargs_from(self, values: Mapping[str, Any], options: tuple[IdOption, ...]) -> dict[str, str]:
        return {option.kwarg: values[option.dest] for option in options}


_OPERATION_ID = "the operation's id"

APIS: Final[tuple[CliApi, ...]] = (
    CliApi(
        command="monitor",
        key="monitor",
        title="Azure Monitor (ARM) private link scope operations",
        client_class="MonitorClient",
        scope=(
            IdOption(
                flag="--subscription-id",
                kwarg="subscription_id",
                param="subscriptionId",
                help="Azure subscription id",
            ),
            IdOption(
                flag="--resource-group",
                kwarg="resource_group_name",
                param="resourceGroupName",
                help="resource group name",
            ),
        ),
        operation=IdOption(
            flag="--operation-id",
            kwarg="async_operation_id",
            param="asyncOperationId",
            help=_OPERATION_ID + " (the last segment of the Azure-AsyncOperation URL)",
        ),
    ),
    CliApi(
        command="partner-portal",
        key="partner_portal",
        title="Cloud Partner Portal offer operations (publishing steps with percentages)",
        client_class="PartnerPortalClient",
        scope=(
            IdOption(flag="--publisher-id", kwarg="publisher_id", param="publisherId", help="publisher id"),
            IdOption(flag="--offer-id", kwarg="offer_id", param="offerId", help="offer id"),
        ),
        operation=IdOption(
            flag="--operation-id", kwarg="operation_id", param="operationId", help=_OPERATION_ID
        ),
        verbs=("get", "wait", "list"),
    ),
    CliApi(
        command="graph-billing",
        key="graph_billing",
        title="Microsoft Graph partner billing exports (and the manifest of a finished export)",
        client_class="GraphBillingClient",
        scope=(),
        operation=IdOption(
            flag="--operation-id", kwarg="operation_id", param="operation-id", help=_OPERATION_ID
        ),
    ),
)


def api_named(name: str) -> CliApi:
    """The API for a subcommand or key (``partner-portal`` and ``partner_portal`` both work)."""
    for api in APIS:
        if name in (api.command, api.key):
            return api
    raise KeyError(name)
