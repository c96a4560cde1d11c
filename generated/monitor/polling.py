"""Polling table for Azure Monitor private link scope operation status (``monitor``).

Rendered by ``make generate`` from ``specs/monitor.yaml`` (info.x-opstatus-api, servers and the
x-opstatus-polling extension of PrivateLinkScopeOperationStatus_Get). Do not edit: change the spec and
regenerate. One typed value (:class:`opstatus._table.PollingTable`, whose fields are the schema); the
hand-written engine reads it.
"""

from typing import Final

from opstatus._state import OperationState
from opstatus._table import PollingTable

TABLE: Final = PollingTable(
    api_key="monitor",
    title="Azure Monitor private link scope operation status",
    default_base_url="https://management.azure.com",
    default_scope="https://management.azure.com/.default",
    status_operation_id="PrivateLinkScopeOperationStatus_Get",
    status_path="/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/microsoft.insights/privateLinkScopeOperationStatuses/{asyncOperationId}",
    status_path_params=("subscriptionId", "resourceGroupName", "asyncOperationId"),
    api_version="2019-10-17-preview",
    status_pointer="/status",
    states={
        "succeeded": OperationState.SUCCEEDED,
        "failed": OperationState.FAILED,
        "canceled": OperationState.CANCELED,
        "notstarted": OperationState.NOT_STARTED,
        "accepted": OperationState.NOT_STARTED,
        "running": OperationState.RUNNING,
        "inprogress": OperationState.RUNNING,
        "creating": OperationState.RUNNING,
        "updating": OperationState.RUNNING,
        "deleting": OperationState.RUNNING,
        "provisioning": OperationState.RUNNING,
    },
    error_pointer="/error",
    message_pointer="/error/message",
    percent_pointer="/percentComplete",
    steps_pointer=None,
    step_percent_pointer=None,
    step_status_pointer=None,
    step_name_pointer=None,
    step_messages_pointer=None,
    step_message_text_pointer=None,
    result_link_pointer=None,
    unwrap_single_item_array=False,
    honours_retry_after=True,
)
