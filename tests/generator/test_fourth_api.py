"""A fourth API costs one spec and one registry entry: the same pipeline yields a working client.

The spec is tests/fixtures/fourth_api/job_status.yaml; the entry is conftest.FOURTH_API. Nothing else
in the generator knows this API exists.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from pathlib import Path

import httpx

from tests.generator.generated_calls import as_bytes, call_detailed

WORKING_JOB = {"id": "job-1", "state": "working", "percent": 50, "startedAt": "2024-05-01T10:00:00Z"}


def test_the_fourth_api_gets_the_same_layout_as_the_registered_ones(fourth_api_tree: Path) -> None:
    package = fourth_api_tree / "job_status"

    assert sorted(path.name for path in package.iterdir()) == [
        "__init__.py",
        "api",
        "client.py",
        "emulator_models.py",
        "errors.py",
        "models",
        "polling.py",
        "types.py",
    ]
    manifest = json.loads((fourth_api_tree / "MANIFEST.json").read_text())
    assert [api["key"] for api in manifest["apis"]] == ["job_status"]


def test_the_fourth_client_sends_path_and_api_version_and_parses_the_body(fourth_api_package: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=WORKING_JOB)

    client_module = importlib.import_module(fourth_api_package)
    jobs_get = importlib.import_module(f"{fourth_api_package}.api.default.jobs_get")
    models = importlib.import_module(f"{fourth_api_package}.models")
    base_url = "https://jobs.example.invalid/v2"
    http = httpx.Client(base_url=base_url, transport=httpx.MockTransport(answer))
    client = client_module.Client(base_url=base_url).set_httpx_client(http)

    job = jobs_get.sync("job 1/2", client=client)

    assert str(seen[0].url) == "https://jobs.example.invalid/v2/jobs/job%201%2F2?api-version=2024-05-01"
    assert isinstance(job, models.Job)
    assert job.state is models.JobState.WORKING
    assert job.percent == 50


def test_the_fourth_client_works_asynchronously(fourth_api_package: str) -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=WORKING_JOB)

    client_module = importlib.import_module(fourth_api_package)
    jobs_get = importlib.import_module(f"{fourth_api_package}.api.default.jobs_get")
    http = httpx.AsyncClient(base_url="https://jobs.example.invalid", transport=httpx.MockTransport(answer))
    client = client_module.Client(base_url="https://jobs.example.invalid").set_async_httpx_client(http)

    response = asyncio.run(jobs_get.asyncio_detailed("job-1", client=client))

    assert response.status_code == 200
    assert response.parsed.id == "job-1"


def test_the_fourth_client_keeps_an_unknown_state_of_its_open_enum(fourth_api_package: str) -> None:
    response = call_detailed(
        fourth_api_package, "Jobs_Get", status=200, content=as_bytes({"id": "job-1", "state": "paused"})
    )

    assert response.parsed.state == "paused"
    assert not response.parsed.state.is_known
    assert response.parsed.to_dict()["state"] == "paused"


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
