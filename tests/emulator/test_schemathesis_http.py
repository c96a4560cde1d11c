"""schemathesis over real HTTP against the uvicorn-served emulator on 127.0.0.1, once per spec."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from opstatus.emulator import EmulatorServer
from schemathesis import Case
from schemathesis.schemas import BaseSchema

from tests.emulator.schemathesis_support import (
    TOKEN,
    assert_edges_reached,
    call_and_validate,
    fuzz_schema,
    seed_operations,
)


@pytest.fixture(autouse=True)
def _lazy_schema_node_id(request: pytest.FixtureRequest) -> None:
    """Shim: schemathesis 4.32.5's ``from_fixture`` tests read ``node._nodeid``, which pytest 9.2 renamed.

    Without it every lazily loaded schema test dies with AttributeError before sending a request. Remove
    once schemathesis reads ``node.nodeid`` (checked against schemathesis/pytest/lazy.py, 4.32.5).
    """
    node: Any = request.node
    if not hasattr(node, "_nodeid"):
        node._nodeid = node.nodeid


@pytest.fixture(scope="module")
def served() -> Iterator[EmulatorServer]:
    with EmulatorServer(clock="virtual", token=TOKEN) as server:
        seed_operations(server)
        yield server


@pytest.fixture
def monitor_schema(served: EmulatorServer) -> BaseSchema:
    return fuzz_schema("monitor", "running", served, base_url=served.base_urls["monitor"])


@pytest.fixture
def partner_portal_schema(served: EmulatorServer) -> BaseSchema:
    return fuzz_schema("partner_portal", "running", served, base_url=served.base_urls["partner_portal"])


@pytest.fixture
def graph_billing_schema(served: EmulatorServer) -> BaseSchema:
    return fuzz_schema("graph_billing", "succeeded", served, base_url=served.base_urls["graph_billing"])


monitor_http = schemathesis.pytest.from_fixture("monitor_schema")
partner_portal_http = schemathesis.pytest.from_fixture("partner_portal_schema")
graph_billing_http = schemathesis.pytest.from_fixture("graph_billing_schema")


@monitor_http.parametrize()
def test_monitor_over_http_conforms_to_its_spec(case: Case[Any]) -> None:
    call_and_validate(case)


@partner_portal_http.parametrize()
def test_partner_portal_over_http_conforms_to_its_spec(case: Case[Any]) -> None:
    call_and_validate(case)


@graph_billing_http.parametrize()
def test_graph_billing_over_http_conforms_to_its_spec(case: Case[Any]) -> None:
    call_and_validate(case)


def test_the_http_runs_above_reached_the_server_on_every_edge(served: EmulatorServer) -> None:
    # Graph's pinned ids leave nothing to negate over HTTP (no query parameters): no 400 expected there.
    assert_edges_reached(
        served,
        {
            "monitor": {200, 400, 401, 405},
            "partner_portal": {200, 400, 401, 405},
            "graph_billing": {200, 401, 405},
        },
    )
