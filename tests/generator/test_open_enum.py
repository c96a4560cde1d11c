"""Enums marked ``x-opstatus-open-enum: true`` keep values the spec does not list (custom str_enum template).

openapi-python-client 0.29.1 generates closed enums: ``LongRunningOperationStatus("paused")`` raises.
Graph documents the status enum as evolvable (DECISION G1), so an unknown value must be kept, raw string
and all, and written back unchanged.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from opstatus._generated.graph_billing.models import LongRunningOperationStatus, RunningOperation

from generator.client_step import generate_client
from generator.errors import GeneratorError
from generator.registry import REPO_ROOT, ApiDescription, ApiEntry
from generator.spec_io import load_spec
from tests.generator.conftest import FOURTH_API


def test_an_unknown_value_becomes_a_pseudo_member_that_keeps_the_raw_string() -> None:
    status = LongRunningOperationStatus("paused")

    assert isinstance(status, LongRunningOperationStatus)
    assert status.value == "paused"
    assert status == "paused"
    assert status.name == "UNKNOWNFUTUREVALUE"
    assert not status.is_known


def test_listed_values_are_the_real_members() -> None:
    assert LongRunningOperationStatus("running") is LongRunningOperationStatus.RUNNING
    assert LongRunningOperationStatus.RUNNING.is_known
    assert LongRunningOperationStatus.UNKNOWNFUTUREVALUE.is_known


def test_an_unknown_status_round_trips_through_the_model() -> None:
    body = {
        "@odata.type": "#microsoft.graph.partners.billing.runningOperation",
        "id": "1",
        "status": "paused",
    }

    parsed = RunningOperation.from_dict(body)

    assert parsed.status == "paused"
    assert parsed.to_dict() == body
    assert RunningOperation.from_dict(parsed.to_dict()) == parsed


def test_a_null_status_stays_none() -> None:
    body = {"@odata.type": "#microsoft.graph.partners.billing.runningOperation", "id": "1", "status": None}

    assert RunningOperation.from_dict(body).status is None


def test_a_non_string_value_is_still_refused() -> None:
    with pytest.raises(ValueError, match="is not a valid LongRunningOperationStatus"):
        LongRunningOperationStatus(3)  # type: ignore[arg-type]


def test_marking_a_schema_that_is_not_a_string_enum_stops_generation(tmp_path: Path) -> None:
    document = copy.deepcopy(load_spec(REPO_ROOT / FOURTH_API.spec))
    document["components"]["schemas"]["Problem"]["x-opstatus-open-enum"] = True
    api = ApiDescription(
        entry=ApiEntry(key=FOURTH_API.key, spec=FOURTH_API.spec),
        spec_path=REPO_ROOT / FOURTH_API.spec,
        document=document,
        title="t",
        default_base_url="https://x",
        default_scope="https://x/.default",
    )

    with pytest.raises(GeneratorError, match="x-opstatus-open-enum is set on Problem"):
        generate_client(api, dest=tmp_path / "job_status")


def test_a_status_enum_written_inline_on_its_model_is_open_too(tmp_path: Path) -> None:
    """Export jobs' ``status: {type: string, enum: [...]}`` on ``Export``: openapi-python-client names the
    class ``ExportStatus``; like a component status enum, a value it does not list must read UNKNOWN."""
    document = copy.deepcopy(load_spec(REPO_ROOT / FOURTH_API.spec))
    schemas = document["components"]["schemas"]
    inline = {key: value for key, value in schemas.pop("JobState").items() if key != "x-opstatus-open-enum"}
    schemas["Job"]["properties"]["state"] = inline
    api = ApiDescription(
        entry=ApiEntry(key=FOURTH_API.key, spec=FOURTH_API.spec),
        spec_path=REPO_ROOT / FOURTH_API.spec,
        document=document,
        title="t",
        default_base_url="https://x",
        default_scope="https://x/.default",
    )

    generate_client(api, dest=tmp_path / "job_status")

    models = "\n".join(path.read_text() for path in sorted((tmp_path / "job_status").rglob("*.py")))
    enum_class = models.split("class JobState(StrEnum):", 1)[1].split("\nclass ", 1)[0]
    assert "def _missing_(cls" in enum_class
    assert "An open enum" in enum_class
