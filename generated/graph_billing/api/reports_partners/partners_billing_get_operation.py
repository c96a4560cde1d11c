from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ...types import Response, http_status_or_int

if TYPE_CHECKING:
    from ...client import AuthenticatedClient, Client

from ...models.export_success_operation import ExportSuccessOperation
from ...models.failed_operation import FailedOperation
from ...models.operation_base import OperationBase
from ...models.running_operation import RunningOperation


def _get_kwargs(
    operation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/partners/billing/operations/{operation_id}".format(
            operation_id=quote(str(operation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation | None:
    """The documented 2xx body, or None: error bodies are never parsed here (see sync_detailed)."""
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_operation_type_0 = ExportSuccessOperation.from_dict(data)

                return componentsschemas_operation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_operation_type_1 = FailedOperation.from_dict(data)

                return componentsschemas_operation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_operation_type_2 = RunningOperation.from_dict(data)

                return componentsschemas_operation_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_operation_type_3 = OperationBase.from_dict(data)

            return componentsschemas_operation_type_3

        response_200 = _parse_response_200(response.json())

        return response_200

    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation]:
    return Response(
        status_code=http_status_or_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation]:
    """Get operation

     Read the properties and relationships of an operation object.

    Args:
        operation_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        operation_id=operation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation | None:
    """Get operation

     Read the properties and relationships of an operation object.

    Args:
        operation_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return sync_detailed(
        operation_id=operation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation]:
    """Get operation

     Read the properties and relationships of an operation object.

    Args:
        operation_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        operation_id=operation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation | None:
    """Get operation

     Read the properties and relationships of an operation object.

    Args:
        operation_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        ExportSuccessOperation | FailedOperation | OperationBase | RunningOperation | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return (
        await asyncio_detailed(
            operation_id=operation_id,
            client=client,
        )
    ).parsed
