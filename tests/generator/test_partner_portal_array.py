"""CPP answers a single operation either as an object or as a one-element array (DECISION P2).

Both forms parse through the spec's union with the generated models (object first, then array); the
poller unwraps the array (polling table: UNWRAP_SINGLE_ITEM_ARRAY).
"""

from __future__ import annotations

from opstatus._generated.partner_portal import emulator_models, polling
from opstatus._generated.partner_portal.models import Operation

from tests.generator.body_parsers import response_parser
from tests.generator.spec_examples import spec_document

PACKAGE = "opstatus._generated.partner_portal"
OPERATION = {"status": "running", "steps": [{"id": "live", "status": "notStarted", "progressPercentage": 0}]}


def _parse(body: object) -> object:
    return response_parser(PACKAGE, spec_document("partner_portal"), "Operations_Get")(body)


def test_the_one_element_array_form_parses_into_a_list_of_one_operation() -> None:
    parsed = _parse([OPERATION])

    assert isinstance(parsed, list)
    assert len(parsed) == 1
    assert isinstance(parsed[0], Operation)
    assert parsed[0].status == "running"


def test_the_object_form_parses_into_an_operation() -> None:
    parsed = _parse(OPERATION)

    assert isinstance(parsed, Operation)
    assert isinstance(parsed.steps, list)
    assert parsed.steps[0].progress_percentage == 0


def test_the_polling_table_tells_the_poller_to_unwrap() -> None:
    assert polling.UNWRAP_SINGLE_ITEM_ARRAY is True


def test_the_emulator_model_accepts_both_forms() -> None:
    as_object = emulator_models.OperationResponse.model_validate(OPERATION).root
    as_array = emulator_models.OperationResponse.model_validate([OPERATION]).root

    assert isinstance(as_object, emulator_models.Operation)
    assert as_object.status == "running"
    assert isinstance(as_array, emulator_models.OperationResponse1)
    assert as_array.root[0].status == "running"
