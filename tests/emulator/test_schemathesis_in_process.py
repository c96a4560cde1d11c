"""schemathesis against the emulator in process (ASGI): every spec, every seeded state, all checks."""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.schemas import BaseSchema

from tests.emulator.schemathesis_support import fuzz_schema, schema_labels, seeded_emulator

_EMULATOR = seeded_emulator()


def _schemas(api: str) -> dict[str, BaseSchema]:
    return {label: fuzz_schema(api, label, _EMULATOR) for label in schema_labels(api)}


@schemathesis.pytest.parametrize(**_schemas("monitor"))
def test_monitor_conforms_to_its_spec(case: Case[Any]) -> None:
    case.call_and_validate()


@schemathesis.pytest.parametrize(**_schemas("partner_portal"))
def test_partner_portal_conforms_to_its_spec(case: Case[Any]) -> None:
    case.call_and_validate()


@schemathesis.pytest.parametrize(**_schemas("graph_billing"))
def test_graph_billing_conforms_to_its_spec(case: Case[Any]) -> None:
    case.call_and_validate()
