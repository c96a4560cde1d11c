"""CPP answers a single operation either as an object or as a one-element array (DECISION P2).

Both forms read as the one operation: the client and the poller unwrap the array (polling table:
UNWRAP_SINGLE_ITEM_ARRAY).
"""

from __future__ import annotations

from opstatus._generated.partner_portal import emulator_models, polling
from opstatus._generated.partner_portal.models import Operation

from tests.generator.generated_calls import as_bytes, call_detailed

PACKAGE = "opstatus._generated.partner_portal"
OPERATION = {"status": "running", "steps": [{"id": "live", "status": "notStarted", "progressPercentage": 0}]}


def _parse(body: object) -> object:
    return call_detailed(PACKAGE, "Operations_Get", status=200, content=as_bytes(body)).parsed


def test_the_one_element_array_form_parses_into_its_one_operation() -> None:
    parsed = _parse([OPERATION])

    assert isinstance(parsed, Operation)
    assert parsed.status == "running"


def test_the_object_form_parses_into_an_operation() -> None:
    parsed = _parse(OPERATION)

    assert isinstance(parsed, Operation)
    assert isinstance(parsed.steps, list)
    assert parsed.steps[0].progress_percentage == 0


def test_the_polling_table_tells_the_poller_to_unwrap() -> None:
    assert polling.TABLE.unwrap_single_item_array is True


def test_the_emulator_model_accepts_both_forms() -> None:
    as_object = emulator_models.OperationResponse.model_validate(OPERATION).root
    as_array = emulator_models.OperationResponse.model_validate([OPERATION]).root

    assert isinstance(as_object, emulator_models.Operation)
    assert as_object.status == "running"
    assert isinstance(as_array, emulator_models.OperationResponse1)
    assert as_array.root[0].status == "running"
