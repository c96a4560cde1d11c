"""PATCHES.md C11: generated packages and endpoint modules do not import the unused client classes."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENDPOINTS = {
    "monitor": "opstatus._generated.monitor.api.async_operations.private_link_scope_operation_status_get",
    "partner_portal": "opstatus._generated.partner_portal.api.operations.operations_get",
    "graph_billing": "opstatus._generated.graph_billing.api.reports_partners.partners_billing_get_operation",
}


@pytest.mark.parametrize("key", sorted(ENDPOINTS))
def test_importing_an_endpoint_module_leaves_client_py_unloaded(key: str) -> None:
    probe = f"import sys, {ENDPOINTS[key]}\nprint('opstatus._generated.{key}.client' in sys.modules)\n"
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert loaded.stdout.strip() == "False"


def test_client_classes_still_load_on_first_use() -> None:
    from opstatus._generated.monitor import AuthenticatedClient, Client

    assert Client(base_url="http://127.0.0.1").get_httpx_client() is not None
    assert AuthenticatedClient.__name__ == "AuthenticatedClient"


def test_unknown_attribute_of_a_generated_package_is_an_attribute_error() -> None:
    import opstatus._generated.monitor as package

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        package.Nope  # noqa: B018
