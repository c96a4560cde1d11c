"""Polling table for Cloud Partner Portal operations (``partner_portal``).

Rendered by ``make generate`` from ``specs/partner_portal.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of Operations_Get). Do not edit: change the spec and
regenerate. Plain data; the hand-written pollers in opstatus read it.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

API_KEY: Final[str] = "partner_portal"
TITLE: Final[str] = "Cloud Partner Portal operations"
DEFAULT_BASE_URL: Final[str] = "https://cloudpartner.azure.com"
DEFAULT_SCOPE: Final[str] = "https://cloudpartner.azure.com/.default"

STATUS_OPERATION_ID: Final[str] = "Operations_Get"
STATUS_PATH: Final[str] = "/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}"
STATUS_PATH_PARAMS: Final[tuple[str, ...]] = ("publisherId", "offerId", "operationId")
API_VERSION: Final[str | None] = "2017-10-31"

STATUS_POINTER: Final[str] = "/status"
STATES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "completed": "succeeded",
        "complete": "succeeded",
        "succeeded": "succeeded",
        "failed": "failed",
        "rejected": "failed",
        "canceled": "canceled",
        "cancelled": "canceled",
        "notstarted": "not_started",
        "not started": "not_started",
        "neverpublished": "not_started",
        "running": "running",
        "inprogress": "running",
        "blocked": "running",
        "waitingforpublisherreview": "running",
        "waitingforapproval": "running",
    }
)
"""Casefolded raw status -> succeeded | failed | canceled | not_started | running (unlisted: unknown)."""

ERROR_POINTER: Final[str | None] = "/error"
MESSAGE_POINTER: Final[str | None] = "/error"
PERCENT_POINTER: Final[str | None] = None
STEPS_POINTER: Final[str | None] = "/steps"
# The STEP_* pointers are relative to one element of the array at STEPS_POINTER; STEP_MESSAGE_TEXT_POINTER
# is relative to one element of the array at STEP_MESSAGES_POINTER (a plain-string message is its own text).
STEP_PERCENT_POINTER: Final[str | None] = "/progressPercentage"
STEP_STATUS_POINTER: Final[str | None] = "/status"
STEP_NAME_POINTER: Final[str | None] = "/stepName"
STEP_MESSAGES_POINTER: Final[str | None] = "/messages"
STEP_MESSAGE_TEXT_POINTER: Final[str | None] = "/messageHtml"
RESULT_LINK_POINTER: Final[str | None] = None
UNWRAP_SINGLE_ITEM_ARRAY: Final[bool] = True
HONOURS_RETRY_AFTER: Final[bool] = True
