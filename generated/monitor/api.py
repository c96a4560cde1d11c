"""Routes of Azure Monitor private link scope operation status (``monitor``): every GET operation of the spec, as data.

Rendered by ``make generate`` from ``specs/monitor.yaml``. Do not edit: change the spec and regenerate.
The clients (``clients.py``), the command line and the emulator read these values.
"""

from typing import Final

from opstatus._emulation import Emulation
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
            example="613192d7-503f-477a-9cfe-4efc3ee2bd60",
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
            example="MyResourceGroup",
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
    client_request_id_header="x-ms-client-request-id",
    always_sends_client_request_id=False,
    case_insensitive_paths=True,
    sends_retry_after=True,
    auth_challenge='Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is missing or invalid."',
    error_envelope="CloudError",
    envelope_member="error",
    envelope_inner_error=(),
    error_codes={
        "auth_missing": (
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing.",
        ),
        "auth_invalid": ("InvalidAuthenticationToken", "The access token is invalid."),
        "api_version_missing": (
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        ),
        "api_version_invalid": (
            "InvalidApiVersionParameter",
            "The api-version '{value}' is invalid. The supported versions are '{expected}'.",
        ),
        "bad_parameter": (
            "InvalidParameter",
            "The value '{value}' of parameter '{name}' is invalid: it {reason}.",
        ),
        "not_found": ("ResourceNotFound", "The operation '{id}' was not found."),
        "method_not_allowed": (
            "MethodNotAllowed",
            "The HTTP method '{value}' is not supported on this resource.",
        ),
        "throttled": ("TooManyRequests", "The request was throttled. Retry after {value} seconds."),
        "server_error": ("InternalServerError", "An internal server error occurred."),
        "unavailable": ("ServiceUnavailable", "The service is temporarily unavailable."),
        "odd_status": ("GatewayError", "The gateway returned status {value}."),
    },
    models={
        "PrivateLinkScopeOperationStatus_Get": "OperationStatus",
    },
    examples={},
    status_id_members=("id", "name"),
    status_examples={
        "getSpecificOperationStatus": {
            "id": "/subscriptions/613192d7-503f-477a-9cfe-4efc3ee2bd60/resourceGroups/MyResourceGroup/providers/Microsoft.Insights/privateLinkScopeOperationStatuses/713192d7-503f-477a-9cfe-4efc3ee2bd11",
            "name": "713192d7-503f-477a-9cfe-4efc3ee2bd11",
            "startTime": "2017-01-01T13:13:13.933Z",
            "endTime": "2017-01-01T16:13:13.933Z",
            "status": "Succeeded",
        },
        "runningOperation": {
            "id": "/subscriptions/613192d7-503f-477a-9cfe-4efc3ee2bd60/resourceGroups/MyResourceGroup/providers/Microsoft.Insights/privateLinkScopeOperationStatuses/813192d7-503f-477a-9cfe-4efc3ee2bd12",
            "name": "813192d7-503f-477a-9cfe-4efc3ee2bd12",
            "startTime": "2017-01-01T13:13:13.933Z",
            "endTime": None,
            "status": "InProgress",
            "percentComplete": 40.5,
        },
        "failedOperation": {
            "id": "/subscriptions/613192d7-503f-477a-9cfe-4efc3ee2bd60/resourceGroups/MyResourceGroup/providers/Microsoft.Insights/privateLinkScopeOperationStatuses/913192d7-503f-477a-9cfe-4efc3ee2bd13",
            "name": "913192d7-503f-477a-9cfe-4efc3ee2bd13",
            "startTime": "2017-01-01T13:13:13.933Z",
            "endTime": "2017-01-01T13:20:00.000Z",
            "status": "Failed",
            "error": {
                "code": "PrivateLinkScopeValidationFailed",
                "message": "The private link scope could not be updated: a linked workspace was deleted.",
                "details": [
                    {
                        "code": "ScopedResourceNotFound",
                        "message": "The scoped resource does not exist.",
                        "details": [],
                        "additionalInfo": [
                            {
                                "type": "PolicyViolation",
                                "info": {
                                    "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/deny-all"
                                },
                            }
                        ],
                    }
                ],
                "additionalInfo": [],
            },
        },
    },
    state_examples={
        "canceled": "failedOperation",
        "failed": "failedOperation",
        "not_started": "runningOperation",
        "running": "runningOperation",
        "succeeded": "getSpecificOperationStatus",
    },
    spellings={
        "not_started": "NotStarted",
        "running": "Running",
        "succeeded": "Succeeded",
        "failed": "Failed",
        "canceled": "Canceled",
    },
    arm_operations=True,
    discriminator=None,
    discriminator_values={},
    times={
        "created": ("/startTime",),
        "ended": ("/endTime",),
    },
    error_members=("code", "message", "details"),
    error_detail_members=("code", "message", "details"),
    example_steps=(),
    demo_order=3,
    demo_story="an Azure Monitor operation reports its percentage, then fails",
    demo_fails=True,
    demo_quickstart=True,
)
"""How the emulator serves this API: header names, envelope, examples, spellings (``opstatus._emulation``)."""
