"""Routes of Microsoft Graph partner billing operations (``graph_billing``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/graph_billing.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._routes import ApiRoutes, Param, Route

GET_OPERATION: Final = Route(
    operation_id="PartnersBilling_GetOperation",
    method="get_operation",
    path="/reports/partners/billing/operations/{operation-id}",
    path_params=(
        Param(
            wire="operation-id",
            python="operation_id",
            description="The unique identifier of the operation.",
            required=True,
            min_length=1,
            max_length=200,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--operation-id",
        ),
    ),
    query_params=(),
    constants={},
    response="Operation",
    summary="Get operation",
    description="Read the properties and relationships of an operation object.",
)
GET_MANIFEST: Final = Route(
    operation_id="PartnersBilling_GetManifest",
    method="get_manifest",
    path="/reports/partners/billing/manifests/{manifest-id}",
    path_params=(
        Param(
            wire="manifest-id",
            python="manifest_id",
            description="The unique identifier of the manifest.",
            required=True,
            min_length=1,
            max_length=200,
            pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$",
            cli_flag="--manifest-id",
        ),
    ),
    query_params=(),
    constants={},
    response="Manifest",
    summary="Get manifest",
    description="The manifest of a finished export: where its blobs are and how to read them (DECISION G5: the resource `resourceLocation@odata.navigationLink` points to).",
)

ROUTES: Final = ApiRoutes(
    routes=(
        GET_OPERATION,
        GET_MANIFEST,
    ),
    status="PartnersBilling_GetOperation",
    api_version=None,
)
"""Every route of the API; ``ROUTES.status`` is the one pollers read."""
RESULT: Final = GET_MANIFEST
"""Where a finished operation's result link leads (``get_manifest_for``)."""

SECRET_FIELDS: Final[frozenset[str]] = frozenset({"sasToken"})
"""Wire names of members the spec marks ``x-opstatus-secret``: the CLI and logs never show their values."""
