"""A spec dropped into specs/ plus ``make generate`` is served by the emulator, with no hand-written line.

The fourth API (tests/fixtures/fourth_api/job_status.yaml, a made-up Contoso batch-job status API) is
copied into specs/ of a copy of the checkout (overrides/, specs/, generator/, pyproject.toml), generated
there with ``python -m generator generate``, and exercised in a subprocess that imports ``opstatus`` from
that copy: the emulator only serves what ``opstatus._generated`` holds, and the real checkout's generated
tree must stay untouched. Network: 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOURTH_SPEC = ROOT / "tests" / "fixtures" / "fourth_api" / "job_status.yaml"

CHECK = textwrap.dedent(
    """
    import json

    import opstatus
    from opstatus._generated.job_status import models
    from opstatus.emulator import API_KEYS, EmulatorServer, ErrorSpec, Lifecycle, Outcome, Phase

    report = {"api_keys": list(API_KEYS)}
    with EmulatorServer(clock="virtual") as emu:
        op = emu.create_operation(
            "job_status",
            lifecycle=Lifecycle(
                phases=(Phase(state="not_started", seconds=5), Phase(seconds=20, percent=40.0)),
                outcome=Outcome(),
            ),
        )
        client = opstatus.JobStatusClient(
            base_url=emu.base_urls["job_status"],
            token="emulator-token",
            clock=emu.now,
            sleep=emu.advance,
        )
        with client:
            emu.advance(10)
            job = client.get(job_id=op.id)
            report["running"] = {
                "type": type(job).__name__,
                "id": job.id,
                "state": job.state.value,
                "percent": job.percent,
                "is_model": isinstance(job, models.Job),
            }
            events = []
            result = client.wait(job_id=op.id, timeout=3600, on_progress=events.append)
            report["final_state"] = events[-1].state.name
            report["final_raw"] = result.state.value
            report["waited_until"] = emu.now()
            disk_full = Outcome(state="failed", error=ErrorSpec(code="DiskFull", message="Full."))
            failed = emu.create_operation("job_status", lifecycle=Lifecycle(outcome=disk_full))
            report["failed_problem"] = client.get(job_id=failed.id).problem.code
            try:
                client.get(job_id="missing")
            except opstatus.OpStatusError as exc:
                report["missing"] = type(exc).__name__
        report["log"] = [(entry.status, entry.api) for entry in emu.requests()][:1]
    print(json.dumps(report))
    """
)


@pytest.fixture(scope="module")
def checkout_with_fourth_api(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout whose specs/ holds the fourth spec, generated with the regular command."""
    copy = tmp_path_factory.mktemp("fourth-checkout")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")
    for name in ("overrides", "specs", "generator"):
        shutil.copytree(ROOT / name, copy / name, symlinks=True, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "generated").mkdir()
    shutil.copy2(FOURTH_SPEC, copy / "specs" / FOURTH_SPEC.name)
    subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=copy,
        env=_env(copy),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return copy


def _env(copy: Path) -> dict[str, str]:
    """The copy's generator and ``opstatus`` first on the path, ahead of the checkout's editable install."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "overrides"), str(copy)])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def test_the_generated_registry_of_the_copy_holds_the_fourth_api(checkout_with_fourth_api: Path) -> None:
    manifest = json.loads((checkout_with_fourth_api / "generated" / "MANIFEST.json").read_text())

    assert "job_status" in [api["key"] for api in manifest["apis"]]
    assert (checkout_with_fourth_api / "generated" / "job_status" / "api.py").is_file()


def test_the_emulator_serves_the_fourth_api_to_its_generated_client(checkout_with_fourth_api: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=checkout_with_fourth_api,
        env=_env(checkout_with_fourth_api),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "job_status" in report["api_keys"]
    assert report["running"]["is_model"] is True
    assert report["running"]["state"] == "working"
    assert report["running"]["percent"] == 40.0
    assert report["final_state"] == "SUCCEEDED"
    assert report["final_raw"] == "done"
    assert report["waited_until"] >= 25
    assert report["failed_problem"] == "DiskFull"
    assert report["missing"] == "NotFoundError"
    assert report["log"] == [[200, "job_status"]]
