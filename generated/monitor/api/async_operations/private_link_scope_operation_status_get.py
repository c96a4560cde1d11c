from typing import Any, Literal
from urllib.parse import quote

from ...types import UNSET


def _get_kwargs(
    subscription_id: str,
    resource_group_name: str,
    async_operation_id: str,
    *,
    api_version: Literal["2019-10-17-preview"] = "2019-10-17-preview",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["api-version"] = api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/subscriptions/{subscription_id}/resourceGroups/{resource_group_name}/providers/microsoft.insights/privateLinkScopeOperationStatuses/{async_operation_id}".format(
            subscription_id=quote(str(subscription_id), safe=""),
            resource_group_name=quote(str(resource_group_name), safe=""),
            async_operation_id=quote(str(async_operation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs
