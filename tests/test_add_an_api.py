"""Adding an API is one spec file and ``make generate``: the proof, in a copy of the checkout.

The fourth-API fixture (tests/fixtures/fourth_api/job_status.yaml, a spec no code names) is dropped into
``specs/`` of a temporary copy of the checkout, the generator runs there, and a child process with that
copy on its path uses what came out: the top-level ``opstatus.JobStatusClient`` and
``opstatus.AsyncJobStatusClient`` (typed methods, ``wait``) over real HTTP on 127.0.0.1, and the command
``opstatus job-status get|wait``. Not one hand-written line is added for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "fourth_api" / "job_status.yaml"
READS_UNTIL_DONE = 2


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout (specs, generator, package) with the fixture spec added, regenerated."""
    copy = tmp_path_factory.mktemp("checkout")
    for part in ("specs", "generator", "overrides"):
        shutil.copytree(
            ROOT / part,
            copy / part,
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__", "_generated"),
        )
    (copy / "overrides" / "opstatus" / "_generated").symlink_to(Path("..") / ".." / "generated")
    shutil.copy(FIXTURE, copy / "specs" / FIXTURE.name)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return copy


class _Jobs(BaseHTTPRequestHandler):
    """The job API of the fixture spec: ``GET /v2/jobs/{id}`` is working, then done."""

    reads: dict[str, int] = {}  # noqa: RUF012 - one server per module, shared on purpose

    def do_GET(self) -> None:
        job_id = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        count = self.reads[job_id] = self.reads.get(job_id, 0) + 1
        state = "done" if count >= READS_UNTIL_DONE else "working"
        body = json.dumps({"id": job_id, "state": state, "percent": 100 if state == "done" else 50}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Jobs)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _run(checkout: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "overrides"), "OPSTATUS_TOKEN": "a-test-token"}
    return subprocess.run(
        [sys.executable, *argv],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_generated_package_holds_the_new_api_next_to_the_others(checkout: Path) -> None:
    package = checkout / "generated" / "job_status"

    assert {"api.py", "clients.py", "polling.py", "models.py"} <= {path.name for path in package.iterdir()}
    assert '"JobStatusClient": "job_status"' in (checkout / "generated" / "__init__.py").read_text()


def test_its_public_clients_read_and_wait_over_http(checkout: Path, server: str) -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, opstatus
        assert opstatus.__file__.startswith({str(checkout)!r}), opstatus.__file__
        policy = opstatus.PollingPolicy(min_delay=0.1, max_delay=0.1, jitter=0)
        with opstatus.JobStatusClient(base_url={server + "/v2"!r}, polling=policy) as client:
            first = client.get(job_id="sync-job")
            done = client.wait(job_id="sync-job", timeout=10)
        async def main():
            async with opstatus.AsyncJobStatusClient(base_url={server + "/v2"!r}, polling=policy) as client:
                return await client.wait(job_id="async-job", timeout=10)
        done_async = asyncio.run(main())
        print(type(first).__name__, first.state, done.state, done_async.state, done_async.percent)
        """
    )

    done = _run(checkout, "-c", script)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Job", "working", "done", "done", "100"]


def test_its_cli_command_gets_and_waits(checkout: Path, server: str) -> None:
    cli = ("-m", "opstatus.cli", "job-status")

    helped = _run(checkout, *cli, "--help")
    got = _run(checkout, *cli, "get", "--job-id", "cli-job", "--base-url", server + "/v2", "--json")
    waited = _run(
        checkout, *cli, "wait", "--job-id", "cli-job", "--base-url", server + "/v2", "--interval", "0.1", "-q"
    )

    assert helped.returncode == 0, helped.stderr
    assert "get" in helped.stdout
    assert "wait" in helped.stdout
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["state"] == "working"
    assert waited.returncode == 0, waited.stderr
    assert "succeeded" in waited.stdout
