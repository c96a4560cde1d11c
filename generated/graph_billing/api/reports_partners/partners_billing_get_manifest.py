from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ...types import Response, http_status_or_int

if TYPE_CHECKING:
    from ...client import AuthenticatedClient, Client

from ...models.manifest import Manifest


def _get_kwargs(
    manifest_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/partners/billing/manifests/{manifest_id}".format(
            manifest_id=quote(str(manifest_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Manifest | None:
    """The documented 2xx body, or None: error bodies are never parsed here (see sync_detailed)."""
    if response.status_code == 200:
        response_200 = Manifest.from_dict(response.json())

        return response_200

    return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Manifest]:
    return Response(
        status_code=http_status_or_int(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    manifest_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Manifest]:
    """Get manifest

     The manifest of a finished export: where its blobs are and how to read them (DECISION G5: the
    resource `resourceLocation@odata.navigationLink` points to).

    Args:
        manifest_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[Manifest]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        manifest_id=manifest_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    manifest_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Manifest | None:
    """Get manifest

     The manifest of a finished export: where its blobs are and how to read them (DECISION G5: the
    resource `resourceLocation@odata.navigationLink` points to).

    Args:
        manifest_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Manifest | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return sync_detailed(
        manifest_id=manifest_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    manifest_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Manifest]:
    """Get manifest

     The manifest of a finished export: where its blobs are and how to read them (DECISION G5: the
    resource `resourceLocation@odata.navigationLink` points to).

    Args:
        manifest_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Response[Manifest]
            status_code is the integer status (an HTTPStatus when IANA lists it); parsed is the body for a
            documented 2xx status, None for every other status.
    """

    kwargs = _get_kwargs(
        manifest_id=manifest_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    manifest_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Manifest | None:
    """Get manifest

     The manifest of a finished export: where its blobs are and how to read them (DECISION G5: the
    resource `resourceLocation@odata.navigationLink` points to).

    Args:
        manifest_id (str):

    Never raises because of the HTTP status or a non-2xx body: any status (499 and 520 included) comes back
    as a Response, and a non-2xx body (JSON, HTML, empty) is left unparsed in Response.content.
    Client.raise_on_unexpected_status is ignored.

    Raises:
        httpx.HTTPError: If the request itself fails (connection, TLS, Client.timeout exceeded).
        ValueError, KeyError, TypeError: Only for a documented 2xx status whose body is not JSON or does not
            match the schema.

    Returns:
        Manifest | None
            The body for a documented 2xx status, None for every other status (the *_detailed variant
            shows the status and the raw body).
    """

    return (
        await asyncio_detailed(
            manifest_id=manifest_id,
            client=client,
        )
    ).parsed
