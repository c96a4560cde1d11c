"""Routes of Microsoft Graph partner billing operations (``graph_billing``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/graph_billing.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._emulation import Emulation
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
    result="PartnersBilling_GetManifest",
    result_flag="--manifest",
    request_id_headers=("request-id",),
)
"""Every route of the API; ``ROUTES.status`` is the one pollers read, ``ROUTES.result`` the result's."""
RESULT: Final = GET_MANIFEST
"""Where a finished operation's result link leads (``get_manifest_for``)."""

SECRET_FIELDS: Final[frozenset[str]] = frozenset({"sasToken"})
"""Wire names of members the spec marks ``x-opstatus-secret``: the CLI and logs never show their values."""

EMULATION: Final = Emulation(
    request_id_header="request-id",
    client_request_id_header="client-request-id",
    always_sends_client_request_id=True,
    case_insensitive_paths=False,
    sends_retry_after=False,
    auth_challenge=None,
    error_envelope="ODataError",
    envelope_member="error",
    envelope_inner_error=("request-id", "client-request-id", "date"),
    error_codes={
        "auth_missing": ("InvalidAuthenticationToken", "Access token is empty."),
        "auth_invalid": ("InvalidAuthenticationToken", "Access token validation failure. Invalid audience."),
        "bad_parameter": ("BadRequest", "The value '{value}' of segment '{name}' is invalid: it {reason}."),
        "not_found": ("itemNotFound", "The {name} '{id}' was not found."),
        "method_not_allowed": ("BadRequest", "The HTTP method '{value}' is not supported on this resource."),
        "throttled": ("TooManyRequests", "Too many requests. Retry after {value} seconds."),
        "server_error": ("generalException", "An unexpected error occurred."),
        "unavailable": ("serviceNotAvailable", "The service is temporarily unavailable."),
        "odd_status": ("generalException", "The gateway returned status {value}."),
    },
    models={
        "PartnersBilling_GetOperation": "Operation",
        "PartnersBilling_GetManifest": "Manifest",
    },
    examples={
        "PartnersBilling_GetManifest": {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/partners/billing/manifests/$entity",
            "@odata.type": "#microsoft.graph.partners.billing.manifest",
            "id": "8fe347d7-1e0f-4bd6-9091-4672691f32db",
            "schemaVersion": "2",
            "dataFormat": "compressedJSONLines",
            "createdDateTime": "2023-03-09T08:37:48.5046691Z",
            "eTag": 'W/"0x8DB2082A9D4F1B7"',
            "partnerTenantId": "0ba4f2a9-0c8b-4f6c-8d33-9b9a3b2b5a2e",
            "rootDirectory": "https://adlsreconbuprodeastus201.blob.core.windows.net/path/8fe347d7-1e0f-4bd6-9091-4672691f32db",
            "sasToken": "sv=2020-10-02&sr=c&sig=EXAMPLE-NOT-A-SECRET",
            "partitionType": "default",
            "blobCount": 1,
            "blobs": [{"name": "part-00000.json.gz", "partitionValue": "default"}],
        },
    },
    status_id_members=("id",),
    status_examples={
        "notStarted": {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/partners/billing/operations/$entity",
            "@odata.type": "#microsoft.graph.partners.billing.runningOperation",
            "id": "7ae687d7-1e0f-4bd6-9091-4672691f64bd",
            "status": "notStarted",
            "createdDateTime": "2023-03-09T08:12:53Z",
            "lastActionDateTime": "2023-03-09T08:12:53Z",
        },
        "exportSucceededAsServed": {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/partners/billing/operations/$entity",
            "@odata.type": "#microsoft.graph.partners.billing.exportSuccessOperation",
            "id": "6fe687d7-1e0f-4bd6-9091-4672691f64bc",
            "status": "succeeded",
            "createdDateTime": "2023-03-09T08:12:53",
            "lastActionDateTime": "2023-03-09T08:37:48.5046691Z",
            "resourceLocation@odata.navigationLink": "https://graph.microsoft.com/v1.0/reports/partners/billing/manifests/8fe347d7-1e0f-4bd6-9091-4672691f32db",
        },
        "failedAsServed": {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/partners/billing/operations/$entity",
            "@odata.type": "#microsoft.graph.partners.billing.failedOperation",
            "id": "6fe687d7-1e0f-4bd6-9091-4672691f64bc",
            "status": "failed",
            "createdDateTime": "2023-03-09T08:12:53",
            "lastActionDateTime": "2023-03-09T08:37:48.5046691Z",
            "error": {"message": "No data available", "code": "5000"},
        },
        "runningAsServed": {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#reports/partners/billing/operations/$entity",
            "@odata.type": "#microsoft.graph.partners.billing.runningOperation",
            "id": "6fe687d7-1e0f-4bd6-9091-4672691f64bc",
            "status": "running",
            "createdDateTime": "2023-03-09T08:12:53",
            "lastActionDateTime": "2023-03-09T08:37:48.5046691Z",
        },
    },
    state_examples={
        "canceled": "failedAsServed",
        "failed": "failedAsServed",
        "not_started": "notStarted",
        "running": "runningAsServed",
        "succeeded": "exportSucceededAsServed",
    },
    spellings={
        "not_started": "notStarted",
        "running": "running",
        "succeeded": "succeeded",
        "failed": "failed",
        "canceled": "failed",
    },
    arm_operations=False,
    discriminator="@odata.type",
    discriminator_values={
        "canceled": "#microsoft.graph.partners.billing.failedOperation",
        "failed": "#microsoft.graph.partners.billing.failedOperation",
        "not_started": "#microsoft.graph.partners.billing.runningOperation",
        "running": "#microsoft.graph.partners.billing.runningOperation",
        "succeeded": "#microsoft.graph.partners.billing.exportSuccessOperation",
    },
    times={
        "created": ("/createdDateTime",),
        "changed": ("/lastActionDateTime",),
    },
    error_members=("code", "message", "target", "details"),
    error_detail_members=("code", "message", "target"),
    example_steps=(),
    demo_order=2,
    demo_story="a Graph billing export finishes; its manifest says where the data is",
    demo_fails=False,
    demo_quickstart=False,
)
"""How the emulator serves this API: header names, envelope, examples, spellings (``opstatus._emulation``)."""
