"""The generated clients never show a token or headers in their repr (custom client.py.jinja)."""

from __future__ import annotations

import pytest
from opstatus._generated.graph_billing import AuthenticatedClient, Client

SECRET = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token"


def test_the_authenticated_client_repr_leaves_out_the_token() -> None:
    client = AuthenticatedClient(base_url="https://graph.microsoft.com/v1.0", token=SECRET)

    assert SECRET not in repr(client)
    assert "graph.microsoft.com" in repr(client)


@pytest.mark.parametrize("option", ["headers", "cookies", "httpx_args"])
def test_the_client_repr_leaves_out_headers_cookies_and_httpx_args(option: str) -> None:
    value: dict[str, object] = {"Authorization": f"Bearer {SECRET}"}
    client = Client(base_url="https://graph.microsoft.com/v1.0", **{option: value})  # type: ignore[arg-type]

    assert SECRET not in repr(client)
