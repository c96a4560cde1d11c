"""Routes of Cloud Partner Portal operations (``partner_portal``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/partner_portal.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._routes import ApiRoutes, Param, Route

LIST_OPERATIONS: Final = Route(
    operation_id="Operations_List",
    method="list_operations",
    path="/api/publishers/{publisherId}/offers/{offerId}/operations",
    path_params=(
        Param(
            wire="publisherId",
            python="publisher_id",
            description="Publisher identifier, for example `contoso`.",
            required=True,
            min_length=1,
            max_length=100,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--publisher-id",
        ),
        Param(
            wire="offerId",
            python="offer_id",
            description="Offer identifier.",
            required=True,
            min_length=1,
            max_length=100,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--offer-id",
        ),
    ),
    query_params=(
        Param(
            wire="status",
            python="filtered_status",
            description="Only operations with this status, for example `running`.",
            required=False,
            min_length=1,
            max_length=64,
            pattern=None,
            cli_flag="--filtered-status",
        ),
    ),
    constants={"api-version": "2017-10-31"},
    response="list[OperationSummary]",
    summary="List the operations of an offer",
    description="All operations on the offer, optionally only those with a given status (e.g. running).",
)
GET_OPERATION: Final = Route(
    operation_id="Operations_Get",
    method="get_operation",
    path="/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}",
    path_params=(
        Param(
            wire="publisherId",
            python="publisher_id",
            description="Publisher identifier, for example `contoso`.",
            required=True,
            min_length=1,
            max_length=100,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--publisher-id",
        ),
        Param(
            wire="offerId",
            python="offer_id",
            description="Offer identifier.",
            required=True,
            min_length=1,
            max_length=100,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--offer-id",
        ),
        Param(
            wire="operationId",
            python="operation_id",
            description="Identifies the operation on the offer (a GUID for migrated offers).",
            required=True,
            min_length=1,
            max_length=200,
            pattern="^[A-Za-z0-9][A-Za-z0-9._$-]*$",
            cli_flag="--operation-id",
        ),
    ),
    query_params=(),
    constants={"api-version": "2017-10-31"},
    response="Operation",
    summary="Get one operation of an offer",
    description="One operation with its steps, their status, messages and progress.",
)

ROUTES: Final = ApiRoutes(
    routes=(
        LIST_OPERATIONS,
        GET_OPERATION,
    ),
    status="Operations_Get",
    api_version="2017-10-31",
)
"""Every route of the API; ``ROUTES.status`` is the one pollers read."""
RESULT: Final[Route | None] = None
"""No ``result-operation``: a finished operation links to nothing the clients read."""

SECRET_FIELDS: Final[frozenset[str]] = frozenset({})
"""Wire names of members the spec marks ``x-opstatus-secret``: the CLI and logs never show their values."""
