"""schemathesis against the emulator in process (ASGI): every API present, every seeded state, all checks."""

from __future__ import annotations

from typing import Any

import schemathesis
from opstatus.emulator import API_KEYS
from schemathesis import Case
from schemathesis.schemas import BaseSchema

from tests.emulator.schemathesis_support import (
    assert_edges_reached,
    call_and_validate,
    fuzz_schema,
    schema_labels,
    seeded_emulator,
)

_EMULATOR = seeded_emulator()


def _schemas(api: str) -> dict[str, BaseSchema]:
    return {label: fuzz_schema(api, label, _EMULATOR) for label in schema_labels(api)}


@schemathesis.pytest.parametrize(
    **{f"{api}-{label}": schema for api in API_KEYS for label, schema in _schemas(api).items()}
)
def test_every_api_conforms_to_its_spec(case: Case[Any]) -> None:
    call_and_validate(case)


def test_the_runs_above_reached_every_edge_of_the_emulator() -> None:
    every_edge = {200, 400, 401, 404, 405}
    assert_edges_reached(_EMULATOR, {api: every_edge for api in API_KEYS})
