"""Polling table for Azure Monitor private link scope operation status (``monitor``).

Rendered by ``make generate`` from ``specs/monitor.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of PrivateLinkScopeOperationStatus_Get). Do not edit: change the spec and
regenerate. Plain data; the hand-written pollers in opstatus read it.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

API_KEY: Final[str] = "monitor"
TITLE: Final[str] = "Azure Monitor private link scope operation status"
DEFAULT_BASE_URL: Final[str] = "https://management.azure.com"
DEFAULT_SCOPE: Final[str] = "https://management.azure.com/.default"

STATUS_OPERATION_ID: Final[str] = "PrivateLinkScopeOperationStatus_Get"
STATUS_PATH: Final[str] = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/privateLinkScopeOperationStatuses/{asyncOperationId}"
)
STATUS_PATH_PARAMS: Final[tuple[str, ...]] = ("subscriptionId", "resourceGroupName", "asyncOperationId")
API_VERSION: Final[str | None] = "2019-10-17-preview"

STATUS_POINTER: Final[str] = "/status"
STATES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "succeeded": "succeeded",
        "failed": "failed",
        "canceled": "canceled",
        "notstarted": "not_started",
        "accepted": "not_started",
        "running": "running",
        "inprogress": "running",
        "creating": "running",
        "updating": "running",
        "deleting": "running",
        "provisioning": "running",
    }
)
"""Casefolded raw status -> succeeded | failed | canceled | not_started | running (unlisted: unknown)."""

ERROR_POINTER: Final[str | None] = "/error"
MESSAGE_POINTER: Final[str | None] = "/error/message"
PERCENT_POINTER: Final[str | None] = "/percentComplete"
STEPS_POINTER: Final[str | None] = None
# The STEP_* pointers are relative to one element of the array at STEPS_POINTER; STEP_MESSAGE_TEXT_POINTER
# is relative to one element of the array at STEP_MESSAGES_POINTER (a plain-string message is its own text).
STEP_PERCENT_POINTER: Final[str | None] = None
STEP_STATUS_POINTER: Final[str | None] = None
STEP_NAME_POINTER: Final[str | None] = None
STEP_MESSAGES_POINTER: Final[str | None] = None
STEP_MESSAGE_TEXT_POINTER: Final[str | None] = None
RESULT_LINK_POINTER: Final[str | None] = None
UNWRAP_SINGLE_ITEM_ARRAY: Final[bool] = False
HONOURS_RETRY_AFTER: Final[bool] = True
