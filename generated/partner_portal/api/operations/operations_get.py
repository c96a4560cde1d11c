from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ...types import UNSET, Response, http_status_or_int

if TYPE_CHECKING:
    from ...client import AuthenticatedClient, Client

from typing import Literal

from ...models.operation import Operation


def _get_kwargs(
    publisher_id: str,
    offer_id: str,
    operation_id: str,
    *,
    api_version: Literal["2017-10-31"] = "2017-10-31",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["api-version"] = api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/publishers/{publisher_id}/offers/{offer_id}/operations/{operation_id}".format(
            publisher_id=quote(str(publisher_id), safe=""),
            offer_id=quote(str(offer_id), safe=""),
            operation_id=quote(str(operation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[Operation] | Operation | None:
    """The documented 2xx body, or None: error bodies are never parsed here (see sync_detailed)."""
    if response.status_code == 200:

        def _parse_response_200(data: object) -> list[Operation] | Operation:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_operation_response_type_0 = Operation.from_dict(data)

                return componentsschemas_operation_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            componentsschemas_operation_response_type_1 = []
            _componentsschemas_operation_response_type_1 = data
            for (
                componentsschemas_operation_response_type_1_item_data
            ) in _componentsschemas_operation_response_type_1:
                componentsschemas_operation_response_type_1_item = Operation.from_dict(
                    componentsschemas_operation_response_type_1_item_data
                )

                componentsschemas_operation_response_type_1.append(
                    componentsschemas_operation_response_type_1_item
                )

            return componentsschemas_operation_response_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[list[Operation] | Operation]:
    return Response(
        status_code=http_status_or_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    publisher_id: str,
    offer_id: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2017-10-31"] = "2017-10-31",
) -> Response[list[Operation] | Operation]:
    """Get one operation of an offer

     One operation with its steps, their status, messages and progress.

    Args:
        publisher_id (str):
        offer_id (str):
        operation_id (str):
        api_version (Literal['2017-10-31']):  Default: '2017-10-31'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[list[Operation] | Operation]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        publisher_id=publisher_id,
        offer_id=offer_id,
        operation_id=operation_id,
        api_version=api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    publisher_id: str,
    offer_id: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2017-10-31"] = "2017-10-31",
) -> list[Operation] | Operation | None:
    """Get one operation of an offer

     One operation with its steps, their status, messages and progress.

    Args:
        publisher_id (str):
        offer_id (str):
        operation_id (str):
        api_version (Literal['2017-10-31']):  Default: '2017-10-31'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        list[Operation] | Operation | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return sync_detailed(
        publisher_id=publisher_id,
        offer_id=offer_id,
        operation_id=operation_id,
        client=client,
        api_version=api_version,
    ).parsed


async def asyncio_detailed(
    publisher_id: str,
    offer_id: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2017-10-31"] = "2017-10-31",
) -> Response[list[Operation] | Operation]:
    """Get one operation of an offer

     One operation with its steps, their status, messages and progress.

    Args:
        publisher_id (str):
        offer_id (str):
        operation_id (str):
        api_version (Literal['2017-10-31']):  Default: '2017-10-31'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[list[Operation] | Operation]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        publisher_id=publisher_id,
        offer_id=offer_id,
        operation_id=operation_id,
        api_version=api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    publisher_id: str,
    offer_id: str,
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
    api_version: Literal["2017-10-31"] = "2017-10-31",
) -> list[Operation] | Operation | None:
    """Get one operation of an offer

     One operation with its steps, their status, messages and progress.

    Args:
        publisher_id (str):
        offer_id (str):
        operation_id (str):
        api_version (Literal['2017-10-31']):  Default: '2017-10-31'.

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        list[Operation] | Operation | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return (
        await asyncio_detailed(
            publisher_id=publisher_id,
            offer_id=offer_id,
            operation_id=operation_id,
            client=client,
            api_version=api_version,
        )
    ).parsed
