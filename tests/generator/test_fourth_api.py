"""A fourth API costs one spec: the same pipeline yields its models, routes and public clients.

The spec is tests/fixtures/fourth_api/job_status.yaml, generated into a temporary tree (conftest); nothing
in the generator or the package knows this API exists. tests/test_add_an_api.py goes further: the spec
dropped into a copy of the checkout gives a CLI command and emulator routes too.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from pathlib import Path

import httpx

from generator.registry import REPO_ROOT
from tests.generator.generated_calls import as_bytes, call_detailed

WORKING_JOB = {"id": "job-1", "state": "working", "percent": 50, "startedAt": "2024-05-01T10:00:00Z"}


def test_the_fourth_api_gets_the_same_layout_as_the_registered_ones(fourth_api_tree: Path) -> None:
    package = fourth_api_tree / "job_status"

    assert sorted(path.name for path in package.iterdir()) == sorted(
        path.name for path in (REPO_ROOT / "generated" / "monitor").iterdir() if path.name != "__pycache__"
    )
    manifest = json.loads((fourth_api_tree / "MANIFEST.json").read_text())
    assert [api["key"] for api in manifest["apis"]] == ["job_status"]


def test_the_fourth_api_gets_public_clients_named_after_its_key(fourth_api_package: str) -> None:
    package = importlib.import_module(fourth_api_package)
    registry = importlib.import_module(fourth_api_package.rsplit(".", 1)[0])

    assert {"JobStatusClient", "AsyncJobStatusClient", "Job"} <= set(package.__all__)
    assert dict(registry.CLIENTS) == {"JobStatusClient": "job_status", "AsyncJobStatusClient": "job_status"}
    assert registry.API_KEYS == ("job_status",)


def test_the_fourth_client_sends_path_and_api_version_and_parses_the_body(fourth_api_package: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=WORKING_JOB)

    package = importlib.import_module(fourth_api_package)
    models = importlib.import_module(f"{fourth_api_package}.models")
    base_url = "https://jobs.example.invalid/v2"
    with package.JobStatusClient(base_url=base_url, transport=httpx.MockTransport(answer)) as client:
        job = client.get(job_id="job 1")

    assert str(seen[0].url) == "https://jobs.example.invalid/v2/jobs/job%201?api-version=2024-05-01"
    assert isinstance(job, models.Job)
    assert job.state is models.JobState.WORKING
    assert job.percent == 50


def test_the_fourth_client_waits_synchronously_and_asynchronously(fourth_api_package: str) -> None:
    answers = [WORKING_JOB, {**WORKING_JOB, "state": "done", "percent": 100}]

    def sync_answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answers[min(len(sync_seen), 1)], headers=_seen(sync_seen))

    async def async_answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answers[min(len(async_seen), 1)], headers=_seen(async_seen))

    sync_seen: list[int] = []
    async_seen: list[int] = []
    package = importlib.import_module(fourth_api_package)
    no_sleep_policy = _fast_policy()
    with package.JobStatusClient(
        transport=httpx.MockTransport(sync_answer), polling=no_sleep_policy, sleep=lambda _s: None
    ) as client:
        done = client.wait(job_id="job-1", timeout=30)

    async def wait_async() -> object:
        async def no_sleep(_seconds: float) -> None:
            return None

        async with package.AsyncJobStatusClient(
            transport=httpx.MockTransport(async_answer), polling=no_sleep_policy, sleep=no_sleep
        ) as client:
            return await client.wait(job_id="job-1", timeout=30)

    assert done.state == "done"
    assert asyncio.run(wait_async()).state == "done"  # type: ignore[attr-defined]
    assert len(sync_seen) == len(async_seen) == 2


def _seen(log: list[int]) -> dict[str, str]:
    log.append(1)
    return {}


def _fast_policy() -> object:
    import opstatus

    return opstatus.PollingPolicy(min_delay=0.1, max_delay=0.1, jitter=0)


def test_the_fourth_client_keeps_an_unknown_state_of_its_open_enum(fourth_api_package: str) -> None:
    response = call_detailed(
        fourth_api_package, "Jobs_Get", status=200, content=as_bytes({"id": "job-1", "state": "paused"})
    )

    assert response.parsed.state == "paused"
    assert not response.parsed.state.is_known
    assert response.parsed.to_dict()["state"] == "paused"


def test_the_fourth_polling_table_comes_from_its_spec(fourth_api_package: str) -> None:
    polling = importlib.import_module(f"{fourth_api_package}.polling").TABLE

    assert polling.api_key == "job_status"
    assert polling.default_base_url == "https://jobs.contoso.example/v2"
    assert polling.default_scope == "https://jobs.contoso.example/.default"
    assert polling.status_path == "/jobs/{jobId}"
    assert polling.status_path_params == ("jobId",)
    assert polling.api_version == "2024-05-01"
    assert dict(polling.states) == {
        "done": "succeeded",
        "broken": "failed",
        "queued": "not_started",
        "working": "running",
    }
    assert polling.percent_pointer == "/percent"


def test_the_fourth_emulator_models_validate_its_bodies(fourth_api_package: str) -> None:
    emulator_models = importlib.import_module(f"{fourth_api_package}.emulator_models")

    job = emulator_models.Job.model_validate(WORKING_JOB)

    assert job.state == "working"
    assert job.started_at is not None
