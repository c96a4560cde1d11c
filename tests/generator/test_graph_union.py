"""Graph's polymorphic operation parses into the class its ``@odata.type`` names.

openapi-python-client 0.29.1 ignores ``discriminator`` and tries union members in order (issue #219,
PR #1154 open). The spec pins ``@odata.type`` per subtype and lists the base last (DECISION G3), so the
first member that accepts a body is the right one, and an unknown type falls through to OperationBase.
The single-value ``@odata.type`` enums must stay closed for that to work.
"""

from __future__ import annotations

from typing import Any

import pytest
from opstatus._generated.graph_billing import emulator_models
from opstatus._generated.graph_billing.models import (
    ExportSuccessOperation,
    FailedOperation,
    OperationBase,
    RunningOperation,
    RunningOperationOdataType,
)

from tests.generator.body_parsers import response_parser
from tests.generator.spec_examples import spec_document

PACKAGE = "opstatus._generated.graph_billing"
NAMESPACE = "#microsoft.graph.partners.billing."


def _operation(odata_type: str | None, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {"id": "op-1", "status": "running", **extra}
    if odata_type is not None:
        body["@odata.type"] = odata_type
    return body


def _parse(body: dict[str, object]) -> Any:
    """The body of PartnersBilling_GetOperation parsed as the clients do: anyOf members in spec order."""
    return response_parser(PACKAGE, spec_document("graph_billing"), "PartnersBilling_GetOperation")(body)


@pytest.mark.parametrize(
    ("odata_type", "extra", "expected"),
    [
        (NAMESPACE + "runningOperation", {}, RunningOperation),
        (
            NAMESPACE + "exportSuccessOperation",
            {"resourceLocation@odata.navigationLink": "https://x"},
            ExportSuccessOperation,
        ),
        (NAMESPACE + "failedOperation", {"error": {"code": "5000", "message": "No data"}}, FailedOperation),
    ],
    ids=["running", "exportSuccess", "failed"],
)
def test_each_known_odata_type_parses_into_its_class(
    odata_type: str, extra: dict[str, object], expected: type[object]
) -> None:
    assert type(_parse(_operation(odata_type, **extra))) is expected


def test_a_failed_operation_keeps_its_error_as_a_field_not_an_extra_property() -> None:
    parsed = _parse(_operation(NAMESPACE + "failedOperation", error={"code": "5000", "message": "No data"}))

    assert isinstance(parsed, FailedOperation)
    assert parsed.error.message == "No data"
    assert "error" not in parsed.additional_properties


@pytest.mark.parametrize("odata_type", [NAMESPACE + "futureOperation", None], ids=["unknown", "absent"])
def test_an_unknown_or_absent_odata_type_parses_into_the_base_operation(odata_type: str | None) -> None:
    parsed = _parse(_operation(odata_type))

    assert type(parsed) is OperationBase
    assert parsed.to_dict() == _operation(odata_type)


def test_a_subtype_whose_own_field_is_missing_falls_back_to_the_base() -> None:
    body = _operation(NAMESPACE + "failedOperation")  # FailedOperation requires `error`

    assert type(_parse(body)) is OperationBase


def test_the_odata_type_enums_stay_closed() -> None:
    with pytest.raises(ValueError, match="is not a valid RunningOperationOdataType"):
        RunningOperationOdataType(NAMESPACE + "futureOperation")


@pytest.mark.parametrize(
    ("odata_type", "expected"),
    [
        ("runningOperation", emulator_models.RunningOperation),
        ("exportSuccessOperation", emulator_models.ExportSuccessOperation),
        ("failedOperation", emulator_models.FailedOperation),
    ],
)
def test_the_emulator_operation_dispatches_on_odata_type(odata_type: str, expected: type[object]) -> None:
    body = _operation(NAMESPACE + odata_type, error={"code": "1", "message": "m"})

    assert type(emulator_models.Operation.model_validate(body).root) is expected
