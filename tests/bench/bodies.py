"""Canned status bodies for the bench responder, taken from the specs' own examples.

The responder serves the same realistic body a real service would (a running operation, with the
fields polling reads), so client-side parsing costs are the ones users pay. Examples are read from
specs/<key>.yaml so they cannot drift from the documents the clients are generated from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]

# (spec file, path key, example name) of the body served for each API's status GET.
_EXAMPLES: dict[str, tuple[str, str, str]] = {
    "monitor": (
        "monitor.yaml",
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
        "microsoft.insights/privateLinkScopeOperationStatuses/{asyncOperationId}",
        "runningOperation",
    ),
    "partner_portal": (
        "partner_portal.yaml",
        "/api/publishers/{publisherId}/offers/{offerId}/operations/{operationId}",
        "getOperation2020",
    ),
    "graph_billing": (
        "graph_billing.yaml",
        "/reports/partners/billing/operations/{operation-id}",
        "running",
    ),
}


def example_body(api: str) -> Any:
    """The decoded JSON example the responder serves for `api`'s status GET."""
    spec_file, path, example = _EXAMPLES[api]
    spec = yaml.safe_load((REPO_ROOT / "specs" / spec_file).read_text(encoding="utf-8"))
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return content["examples"][example]["value"]


def example_bytes() -> dict[str, bytes]:
    """Every API's served body, encoded once."""
    return {api: json.dumps(example_body(api)).encode() for api in _EXAMPLES}
