"""Routes of Cloud Partner Portal operations (``partner_portal``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/partner_portal.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._emulation import Emulation
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
            example="contoso",
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
            example="contoso-offer",
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
            example="contoso",
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
            example="contoso-offer",
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
    result=None,
    result_flag=None,
    request_id_headers=("x-ms-request-id",),
)
"""Every route of the API; ``ROUTES.status`` is the one pollers read, ``ROUTES.result`` the result's."""
RESULT: Final[Route | None] = None
"""No ``result-operation``: a finished operation links to nothing the clients read."""

SECRET_FIELDS: Final[frozenset[str]] = frozenset({})
"""Wire names of members the spec marks ``x-opstatus-secret``: the CLI and logs never show their values."""

EMULATION: Final = Emulation(
    request_id_header="x-ms-request-id",
    client_request_id_header=None,
    always_sends_client_request_id=False,
    case_insensitive_paths=False,
    sends_retry_after=False,
    auth_challenge=None,
    error_envelope="ErrorResponse",
    envelope_member="error",
    envelope_inner_error=(),
    error_codes={
        "auth_missing": (
            "Unauthorized",
            "Access is denied due to invalid credentials: no Authorization header.",
        ),
        "auth_invalid": ("Unauthorized", "Access is denied due to invalid credentials."),
        "api_version_missing": ("InvalidAPIVersion", "Invalid api version. Allowed values are [{expected}]"),
        "api_version_invalid": ("InvalidAPIVersion", "Invalid api version. Allowed values are [{expected}]"),
        "bad_parameter": ("BadRequest", "The value '{value}' of parameter '{name}' is invalid: it {reason}."),
        "not_found": ("NotFound", "Operation {id} was not found."),
        "method_not_allowed": ("MethodNotAllowed", "The HTTP method '{value}' is not supported."),
        "throttled": ("TooManyRequests", "Too many requests. Retry after {value} seconds."),
        "server_error": ("InternalServerError", "The service failed to read the operation."),
        "unavailable": ("ServiceUnavailable", "The service is temporarily unavailable."),
        "odd_status": ("GatewayError", "The gateway returned status {value}."),
    },
    models={
        "Operations_List": "OperationSummary",
        "Operations_Get": "Operation",
    },
    examples={
        "Operations_List": {
            "id": "5a63deb5-925b-4ee0-938b-7c86fbf287c5",
            "offerId": "56615b67-2185-49fe-80d2-c4ddf77bb2e8",
            "offerVersion": 1,
            "offerTypeId": "microsoft-azure-virtualmachines",
            "publisherId": "contoso",
            "submissionType": "publish",
            "submissionState": "running",
            "publishingVersion": 2,
            "slot": "staging",
            "version": 636576975611768314,
            "definition": {"metadata": {"emails": "jdoe@contoso.com"}},
            "changedTime": "2018-03-26T21:46:01.179948Z",
        },
    },
    status_id_members=("id",),
    status_examples={
        "runningObject": {
            "id": "56615b67-2185-49fe-80d2-c4ddf77bb2e8",
            "submissionType": "publish",
            "createdDateTime": "2018-03-26T21:46:01.179948Z",
            "lastActionDateTime": "2018-03-26T21:50:36.500052Z",
            "status": "running",
            "messages": [],
            "publishingVersion": 2,
            "offerVersion": 1,
            "cancellationRequestState": "canCancel",
            "steps": [
                {
                    "estimatedTimeFrame": "< 15 min",
                    "id": "displaydummycertify",
                    "stepName": "Validate Pre-Requisites",
                    "description": "Offer settings provided are validated",
                    "status": "complete",
                    "messages": [
                        {
                            "messageHtml": "Step completed.",
                            "level": "information",
                            "timestamp": "2018-03-26T21:50:36.500052Z",
                        }
                    ],
                    "progressPercentage": 100,
                }
            ],
            "previewLinks": [],
            "liveLinks": [],
        },
        "completedObject": {
            "id": "56615b67-2185-49fe-80d2-c4ddf77bb2e8",
            "submissionType": "publish",
            "createdDateTime": "2018-03-26T21:46:01.179948Z",
            "lastActionDateTime": "2018-03-27T08:00:00Z",
            "status": "completed",
            "messages": [],
            "publishingVersion": 2,
            "offerVersion": 1,
            "cancellationRequestState": "cannotCancel",
            "steps": [
                {
                    "id": "live",
                    "stepName": "Live",
                    "description": "Offer is publicly visible and is available for purchase.",
                    "status": "completed",
                    "messages": [],
                    "progressPercentage": 100,
                }
            ],
            "previewLinks": [],
            "liveLinks": [],
        },
        "failedObject": {
            "id": "66615b67-2185-49fe-80d2-c4ddf77bb2e9",
            "submissionType": "publish",
            "createdDateTime": "2018-03-26T21:46:01.179948Z",
            "lastActionDateTime": "2018-03-26T21:50:39.5506018Z",
            "status": "failed",
            "error": "No virtual machine image was found for the plan contoso.",
            "messages": [],
            "publishingVersion": 2,
            "offerVersion": 1,
            "cancellationRequestState": "cannotCancel",
            "steps": [],
            "previewLinks": [],
            "liveLinks": [],
        },
    },
    state_examples={
        "canceled": "failedObject",
        "failed": "failedObject",
        "not_started": "runningObject",
        "running": "runningObject",
        "succeeded": "completedObject",
    },
    spellings={
        "not_started": "notStarted",
        "running": "running",
        "succeeded": "completed",
        "failed": "failed",
        "canceled": "canceled",
    },
    arm_operations=False,
    discriminator=None,
    discriminator_values={},
    times={
        "created": ("/createdDateTime",),
        "changed": ("/lastActionDateTime",),
    },
    error_members=("code", "message"),
    error_detail_members=(),
    example_steps=(
        ("displaydummycertify", "Validate Pre-Requisites"),
        ("displaycertify", "Certification"),
        ("live", "Live"),
    ),
    demo_order=1,
    demo_story="a Cloud Partner Portal offer walks through its publishing steps",
    demo_fails=False,
    demo_quickstart=False,
)
"""How the emulator serves this API: header names, envelope, examples, spellings (``opstatus._emulation``)."""
