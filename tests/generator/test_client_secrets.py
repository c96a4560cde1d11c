"""Generated code never shows a token, headers or a spec-marked secret in a repr (client/model templates)."""

from __future__ import annotations

import pytest
from opstatus._generated.graph_billing import AuthenticatedClient, Client
from opstatus._generated.graph_billing.models import Manifest

from generator.client_step import secret_wire_names
from tests.generator.spec_examples import spec_document

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


def test_a_property_marked_x_opstatus_secret_is_left_out_of_the_model_repr() -> None:
    manifest = Manifest.from_dict({"id": "m-1", "sasToken": "sv=2020-10-02&sig=SECRET-SIGNATURE"})

    assert "SECRET-SIGNATURE" not in repr(manifest)
    assert "m-1" in repr(manifest)
    assert manifest.sas_token == "sv=2020-10-02&sig=SECRET-SIGNATURE"
    assert manifest.to_dict()["sasToken"] == "sv=2020-10-02&sig=SECRET-SIGNATURE"


def test_secret_wire_names_are_found_wherever_the_spec_declares_them() -> None:
    assert secret_wire_names(spec_document("graph_billing")) == {"sasToken"}
    assert secret_wire_names(spec_document("monitor")) == frozenset()
