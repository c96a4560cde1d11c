"""A fourth API costs one spec and one registry entry: the same pipeline yields its generated layer.

The spec is tests/fixtures/fourth_api/job_status.yaml; the entry is conftest.FOURTH_API. Nothing else
in the generator knows this API exists.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import attrs
import httpx

from generator.registry import REPO_ROOT
from generator.spec_io import load_spec
from tests.generator.body_parsers import response_parser
from tests.generator.conftest import FOURTH_API

WORKING_JOB = {"id": "job-1", "state": "working", "percent": 50, "startedAt": "2024-05-01T10:00:00Z"}


def test_the_fourth_api_gets_the_same_layout_as_the_registered_ones(fourth_api_tree: Path) -> None:
    package = fourth_api_tree / "job_status"

    assert sorted(path.name for path in package.iterdir()) == [
        "__init__.py",
        "api",
        "emulator_models.py",
        "models",
        "polling.py",
        "types.py",
    ]
    manifest = json.loads((fourth_api_tree / "MANIFEST.json").read_text())
    assert [api["key"] for api in manifest["apis"]] == ["job_status"]


def _parse_job(package: str, body: dict[str, Any]) -> Any:
    return response_parser(package, load_spec(REPO_ROOT / FOURTH_API.spec), "Jobs_Get")(body)


def test_the_fourth_request_builder_quotes_the_path_and_adds_the_api_version(fourth_api_package: str) -> None:
    jobs_get = importlib.import_module(f"{fourth_api_package}.api.default.jobs_get")

    kwargs = jobs_get._get_kwargs("job 1/2")
    request = httpx.Request(
        kwargs["method"], "https://jobs.example.invalid/v2" + kwargs["url"], params=kwargs["params"]
    )

    assert str(request.url) == "https://jobs.example.invalid/v2/jobs/job%201%2F2?api-version=2024-05-01"
    assert request.method == "GET"


def test_the_fourth_models_parse_its_body(fourth_api_package: str) -> None:
    models = importlib.import_module(f"{fourth_api_package}.models")

    job = _parse_job(fourth_api_package, WORKING_JOB)

    assert isinstance(job, models.Job)
    assert job.state is models.JobState.WORKING
    assert job.percent == 50


def test_the_fourth_models_keep_an_unknown_state_of_its_open_enum(fourth_api_package: str) -> None:
    job = _parse_job(fourth_api_package, {"id": "job-1", "state": "paused"})

    assert job.state == "paused"
    assert not job.state.is_known
    assert job.to_dict()["state"] == "paused"


def test_the_fourth_models_read_an_absent_member_as_none(fourth_api_package: str) -> None:
    models = importlib.import_module(f"{fourth_api_package}.models")

    job = _parse_job(fourth_api_package, {"id": "job-1", "state": "queued"})

    assert (job.percent, job.started_at, job.problem) == (None, None, None)
    assert job.to_dict() == {"id": "job-1", "state": "queued"}
    assert not [field.name for field in attrs.fields(models.Job) if "Unset" in str(field.type)]
    assert "Unset" not in (models.Job.__doc__ or "")


def test_the_fourth_polling_table_comes_from_its_spec(fourth_api_package: str) -> None:
    polling = importlib.import_module(f"{fourth_api_package}.polling")

    assert polling.API_KEY == "job_status"
    assert polling.DEFAULT_BASE_URL == "https://jobs.contoso.example/v2"
    assert polling.DEFAULT_SCOPE == "https://jobs.contoso.example/.default"
    assert polling.STATUS_PATH == "/jobs/{jobId}"
    assert polling.STATUS_PATH_PARAMS == ("jobId",)
    assert polling.API_VERSION == "2024-05-01"
    assert dict(polling.STATES) == {
        "done": "succeeded",
        "broken": "failed",
        "queued": "not_started",
        "working": "running",
    }
    assert polling.PERCENT_POINTER == "/percent"


def test_the_fourth_emulator_models_validate_its_bodies(fourth_api_package: str) -> None:
    emulator_models = importlib.import_module(f"{fourth_api_package}.emulator_models")

    job = emulator_models.Job.model_validate(WORKING_JOB)

    assert job.state == "working"
    assert job.started_at is not None
