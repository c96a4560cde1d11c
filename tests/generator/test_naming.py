"""OData annotation properties get readable python names; the wire name never changes.

openapi-python-client 0.29.1 turns ``resourceLocation@odata.navigationLink`` into
``resource_locationodata_navigation_link`` (issue #1284, PR #1285 open). generator/naming.py renames it
to ``resource_location_navigation_link`` in the client and the emulator models alike.
"""

from __future__ import annotations

import attrs
import pytest
from opstatus._generated.graph_billing import emulator_models
from opstatus._generated.graph_billing.models import ExportSuccessOperation

from generator.naming import annotated_wire_names, annotation_python_name, snake

WIRE = "resourceLocation@odata.navigationLink"
BODY = {
    "@odata.type": "#microsoft.graph.partners.billing.exportSuccessOperation",
    "id": "1",
    "status": "succeeded",
    WIRE: "https://graph.microsoft.com/v1.0/reports/partners/billing/manifests/8f",
}


@pytest.mark.parametrize(
    ("wire_name", "python_name"),
    [
        (WIRE, "resource_location_navigation_link"),
        ("items@odata.nextLink", "items_next_link"),
        ("value@odata.count", "value_count"),
        ("photo@contoso.mediaReadLink", "photo_media_read_link"),
        ("@odata.type", None),
        ("createdDateTime", None),
    ],
)
def test_annotation_python_name(wire_name: str, python_name: str | None) -> None:
    assert annotation_python_name(wire_name) == python_name


def test_snake_splits_camel_case_and_acronyms() -> None:
    assert snake("resourceLocation") == "resource_location"
    assert snake("ODataNextLink") == "o_data_next_link"


def test_the_client_attribute_has_the_readable_name_and_reads_the_wire_name() -> None:
    parsed = ExportSuccessOperation.from_dict(BODY)

    assert parsed.resource_location_navigation_link == BODY[WIRE]
    assert "resource_locationodata_navigation_link" not in {
        field.name for field in attrs.fields(ExportSuccessOperation)
    }
    assert WIRE not in parsed.additional_properties


def test_the_client_writes_the_wire_name_back() -> None:
    assert ExportSuccessOperation.from_dict(BODY).to_dict()[WIRE] == BODY[WIRE]


def test_the_emulator_model_uses_the_same_names() -> None:
    model = emulator_models.ExportSuccessOperation.model_validate(BODY)

    assert model.resource_location_navigation_link == BODY[WIRE]
    assert model.odata_type == BODY["@odata.type"]
    assert model.model_dump(by_alias=True, exclude_unset=True)[WIRE] == BODY[WIRE]


def test_only_schema_properties_are_renamed_not_keys_of_example_bodies() -> None:
    document = {
        "components": {
            "schemas": {
                "Thing": {"type": "object", "properties": {"items@odata.nextLink": {"type": "string"}}}
            },
            "examples": {"body": {"value": {"properties": {"other@odata.count": 1}}}},
        }
    }

    assert annotated_wire_names(document) == {"items@odata.nextLink": "items_next_link"}
