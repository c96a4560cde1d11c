"""Routes of Azure Monitor private link scope operation status (``monitor``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/monitor.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._routes import ApiRoutes, Param, Route

GET_OPERATION_STATUS: Final = Route(
    operation_id="PrivateLinkScopeOperationStatus_Get",
    method="get_operation_status",
    path="/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/privateLinkScopeOperationStatuses/{asyncOperationId}",
    path_params=(
        Param(
            wire="subscriptionId",
            python="subscription_id",
            description="The ID of the target subscription.",
            required=True,
            min_length=1,
            max_length=None,
            pattern=None,
            cli_flag="--subscription-id",
        ),
        Param(
            wire="resourceGroupName",
            python="resource_group_name",
            description="The name of the resource group. The name is case insensitive.",
            required=True,
            min_length=1,
            max_length=90,
            pattern="^[-\\w\\._\\(\\)]+$",
            cli_flag="--resource-group",
        ),
        Param(
            wire="asyncOperationId",
            python="async_operation_id",
            description="The operation Id.",
            required=True,
            min_length=1,
            max_length=None,
            pattern=None,
            cli_flag="--operation-id",
        ),
    ),
    query_params=(),
    constants={"api-version": "2019-10-17-preview"},
    response="OperationStatus",
    summary="Get the status of a private link scope asynchronous operation",
    description="Get the status of an azure asynchronous operation associated with a private link scope operation.",
)

ROUTES: Final = ApiRoutes(
    routes=(GET_OPERATION_STATUS,),
    status="PrivateLinkScopeOperationStatus_Get",
    api_version="2019-10-17-preview",
)
"""Every route of the API; ``ROUTES.status`` is the one pollers read."""
RESULT: Final[Route | None] = None
"""No ``result-operation``: a finished operation links to nothing the clients read."""

SECRET_FIELDS: Final[frozenset[str]] = frozenset({})
"""Wire names of members the spec marks ``x-opstatus-secret``: the CLI and logs never show their values."""
