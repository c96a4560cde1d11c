"""Polling table for Cloud Partner Portal operations (``partner_portal``).

Rendered by ``make generate`` from ``specs/partner_portal.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of Operations_Get). Do not edit: change the spec and
regenerate. One typed value (:class:`opstatus._table.PollingTable`, whose fields are the schema); the
hand-written engine reads it.
"""

from typing import Final

from opstatus._state import OperationState
from opstatus._table import PollingTable

TABLE: Final = PollingTable(
    api_key="partner_portal",
    title="Cloud Partner Portal operations",
    default_base_url="https://cloudpartner.azure.com",
    default_scope="https://cloudpartner.azure.com/.default",
    status_operation_id="Operations_Get",
    status_path="/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}",
    status_path_params=("publisherId", "offerId", "operationId"),
    api_version="2017-10-31",
    status_pointer="/status",
    states={
        "completed": OperationState.SUCCEEDED,
        "complete": OperationState.SUCCEEDED,
        "succeeded": OperationState.SUCCEEDED,
        "failed": OperationState.FAILED,
        "rejected": OperationState.FAILED,
        "canceled": OperationState.CANCELED,
        "cancelled": OperationState.CANCELED,
        "notstarted": OperationState.NOT_STARTED,
        "not started": OperationState.NOT_STARTED,
        "neverpublished": OperationState.NOT_STARTED,
        "running": OperationState.RUNNING,
        "inprogress": OperationState.RUNNING,
        "blocked": OperationState.RUNNING,
        "waitingforpublisherreview": OperationState.RUNNING,
        "waitingforapproval": OperationState.RUNNING,
    },
    error_pointer="/error",
    message_pointer="/error",
    percent_pointer=None,
    steps_pointer="/steps",
    step_percent_pointer="/progressPercentage",
    step_status_pointer="/status",
    step_name_pointer="/stepName",
    step_messages_pointer="/messages",
    step_message_text_pointer="/messageHtml",
    result_link_pointer=None,
    unwrap_single_item_array=True,
    honours_retry_after=True,
)
