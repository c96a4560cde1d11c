"""Polling table for Microsoft Graph partner billing operations (``graph_billing``).

Rendered by ``make generate`` from ``specs/graph_billing.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of PartnersBilling_GetOperation). Do not edit: change the spec and
regenerate. Plain data; the hand-written pollers in opstatus read it.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

API_KEY: Final[str] = "graph_billing"
TITLE: Final[str] = "Microsoft Graph partner billing operations"
DEFAULT_BASE_URL: Final[str] = "https://graph.microsoft.com/v1.0"
DEFAULT_SCOPE: Final[str] = "https://graph.microsoft.com/.default"

STATUS_OPERATION_ID: Final[str] = "PartnersBilling_GetOperation"
STATUS_PATH: Final[str] = "/reports/partners/billing/operations/{operation-id}"
STATUS_PATH_PARAMS: Final[tuple[str, ...]] = ("operation-id",)
API_VERSION: Final[str | None] = None

STATUS_POINTER: Final[str] = "/status"
STATES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "succeeded": "succeeded",
        "completed": "succeeded",
        "failed": "failed",
        "notstarted": "not_started",
        "running": "running",
    }
)
"""Casefolded raw status -> succeeded | failed | canceled | not_started | running (unlisted: unknown)."""

ERROR_POINTER: Final[str | None] = "/error"
MESSAGE_POINTER: Final[str | None] = "/error/message"
PERCENT_POINTER: Final[str | None] = None
STEPS_POINTER: Final[str | None] = None
# The STEP_* pointers are relative to one element of the array at STEPS_POINTER; STEP_MESSAGE_TEXT_POINTER
# is relative to one element of the array at STEP_MESSAGES_POINTER (a plain-string message is its own text).
STEP_PERCENT_POINTER: Final[str | None] = None
STEP_STATUS_POINTER: Final[str | None] = None
STEP_NAME_POINTER: Final[str | None] = None
STEP_MESSAGES_POINTER: Final[str | None] = None
STEP_MESSAGE_TEXT_POINTER: Final[str | None] = None
RESULT_LINK_POINTER: Final[str | None] = "/resourceLocation@odata.navigationLink"
UNWRAP_SINGLE_ITEM_ARRAY: Final[bool] = False
HONOURS_RETRY_AFTER: Final[bool] = True
