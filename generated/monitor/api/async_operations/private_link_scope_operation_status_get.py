from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ...types import UNSET, Response, http_status_or_int

if TYPE_CHECKING:
    from ...client import AuthenticatedClient, Client

from typing import Literal

from ...models.operation_status import OperationStatus


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


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OperationStatus | None:
    """The documented 2xx body, or None: error bodies are never parsed here (see sync_detailed)."""
    if response.status_code == 200:
        response_200 = OperationStatus.from_dict(response.json())

        return response_200

    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OperationStatus]:
    return Response(
        status_code=http_status_or_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: str,
    resource_group_name: str,
    async_operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2019-10-17-preview"] = "2019-10-17-preview",
) -> Response[OperationStatus]:
    """Get the status of a private link scope asynchronous operation

     Get the status of an azure asynchronous operation associated with a private link scope operation.

    Args:
        subscription_id (str):
        resource_group_name (str):
        async_operation_id (str):
        api_version (Literal['2019-10-17-preview']):  Default: '2019-10-17-preview'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[OperationStatus]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        resource_group_name=resource_group_name,
        async_operation_id=async_operation_id,
        api_version=api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: str,
    resource_group_name: str,
    async_operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2019-10-17-preview"] = "2019-10-17-preview",
) -> OperationStatus | None:
    """Get the status of a private link scope asynchronous operation

     Get the status of an azure asynchronous operation associated with a private link scope operation.

    Args:
        subscription_id (str):
        resource_group_name (str):
        async_operation_id (str):
        api_version (Literal['2019-10-17-preview']):  Default: '2019-10-17-preview'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        OperationStatus | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return sync_detailed(
        subscription_id=subscription_id,
        resource_group_name=resource_group_name,
        async_operation_id=async_operation_id,
        client=client,
        api_version=api_version,
    ).parsed


async def asyncio_detailed(
    subscription_id: str,
    resource_group_name: str,
    async_operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2019-10-17-preview"] = "2019-10-17-preview",
) -> Response[OperationStatus]:
    """Get the status of a private link scope asynchronous operation

     Get the status of an azure asynchronous operation associated with a private link scope operation.

    Args:
        subscription_id (str):
        resource_group_name (str):
        async_operation_id (str):
        api_version (Literal['2019-10-17-preview']):  Default: '2019-10-17-preview'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[OperationStatus]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        resource_group_name=resource_group_name,
        async_operation_id=async_operation_id,
        api_version=api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: str,
    resource_group_name: str,
    async_operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2019-10-17-preview"] = "2019-10-17-preview",
) -> OperationStatus | None:
    """Get the status of a private link scope asynchronous operation

     Get the status of an azure asynchronous operation associated with a private link scope operation.

    Args:
        subscription_id (str):
        resource_group_name (str):
        async_operation_id (str):
        api_version (Literal['2019-10-17-preview']):  Default: '2019-10-17-preview'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        OperationStatus | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            resource_group_name=resource_group_name,
            async_operation_id=async_operation_id,
            client=client,
            api_version=api_version,
        )
    ).parsed
