"""Polling table for Microsoft Graph partner billing operations (``graph_billing``).

Rendered by ``make generate`` from ``specs/graph_billing.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of PartnersBilling_GetOperation). Do not edit: change the spec and
regenerate. One typed value (:class:`opstatus._table.PollingTable`, whose fields are the schema); the
hand-written engine reads it.
"""

from typing import Final

from opstatus._state import OperationState
from opstatus._table import PollingTable

TABLE: Final = PollingTable(
    api_key="graph_billing",
    title="Microsoft Graph partner billing operations",
    default_base_url="https://graph.microsoft.com/v1.0",
    default_scope="https://graph.microsoft.com/.default",
    status_operation_id="PartnersBilling_GetOperation",
    status_path="/reports/partners/billing/operations/{operation-id}",
    status_path_params=("operation-id",),
    api_version=None,
    status_pointer="/status",
    states={
        "succeeded": OperationState.SUCCEEDED,
        "completed": OperationState.SUCCEEDED,
        "failed": OperationState.FAILED,
        "notstarted": OperationState.NOT_STARTED,
        "running": OperationState.RUNNING,
    },
    error_pointer="/error",
    message_pointer="/error/message",
    percent_pointer=None,
    steps_pointer=None,
    step_percent_pointer=None,
    step_status_pointer=None,
    step_name_pointer=None,
    step_messages_pointer=None,
    step_message_text_pointer=None,
    result_link_pointer="/resourceLocation@odata.navigationLink",
    unwrap_single_item_array=False,
    honours_retry_after=True,
)
