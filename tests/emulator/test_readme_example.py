"""The README's examples, and those of PYPI.md (its short version on PyPI), run as written (copy-paste).

Every Python and shell example of both files that targets the emulator runs here against it: the
Quickstarts (the Python snippet, then the shell ``wait`` with its live display, then PYPI.md's async
twin), ``wait-url`` and ``resume``, the continuation-token fragment, the pytest plugin's test file (in a
folder of its own, no conftest), the official-SDK recipe, the emulator by hand and the lifecycles. The
examples that target Azure itself (a ``DefaultAzureCredential``, an ARM ``Location`` header) are compiled,
so at least they stay valid Python.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.child_signals import default_sigint

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PYPI = ROOT / "PYPI.md"
DOCUMENTED = "http://127.0.0.1:7357"
_BIN = Path(sys.executable).parent


def _section(path: Path, title: str) -> str:
    return path.read_text().split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def section_code_blocks() -> list[str]:
    return _blocks(_section(README, "Using the emulator in your own tests"), "python")


def _python(code: str, origin: str, *, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code.replace(DOCUMENTED, origin)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _shell(code: str, origin: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", code.replace(DOCUMENTED, origin)],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
        env={**os.environ, "PATH": f"{_BIN}:{os.environ['PATH']}", **env},
    )


@pytest.fixture
def demo_emulator() -> Iterator[str]:
    """``python -m opstatus.emulator --demo`` as the Quickstart starts it, on a free port: its origin."""
    process = subprocess.Popen(
        [sys.executable, "-m", "opstatus.emulator", "--port", "0", "--demo"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=default_sigint,
    )
    try:
        assert process.stdout is not None
        found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", process.stdout.readline())
        assert found is not None
        yield found.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def _quickstart_python_leaves_it_running(ran: subprocess.CompletedProcess[str]) -> str:
    """The Python snippet's checks; returns the continuation token it printed."""
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0] == "NotStarted"  # the emulator's spelling, as the comment says
    assert any(line.startswith(("not_started", "running")) for line in lines[1:-1])
    assert lines[-1].startswith("still running; resume with: opst1.")
    return lines[-1].rsplit(" ", 1)[1]


def _shell_showed_it_going_on(pasted: subprocess.CompletedProcess[str]) -> None:
    """The shell ``wait`` after it: more than one line of progress (the live display), then success."""
    assert pasted.returncode == 0, pasted.stdout + pasted.stderr
    output = pasted.stdout + pasted.stderr
    progress = [line for line in output.splitlines() if ": running (Running)" in line]
    assert len(progress) >= 2, output  # it was still running, and the display followed it
    assert "monitor operation 713192d7-503f-477a-9cfe-4efc3ee2bd11: succeeded" in pasted.stdout


# --- README -----------------------------------------------------------------------------------------


def test_the_quickstart_leaves_the_operation_running_for_the_shell_wait(demo_emulator: str) -> None:
    section = _section(README, "Quickstart")
    (python,) = _blocks(section, "python")
    shell = _blocks(section, "bash")[-1]
    assert DOCUMENTED in python  # the documented port; only it is swapped for the free one

    _quickstart_python_leaves_it_running(_python(python, demo_emulator))
    _shell_showed_it_going_on(_shell(shell, demo_emulator))


def test_the_readme_plugin_test_file_passes_with_no_conftest(tmp_path: Path) -> None:
    plugin_tests = section_code_blocks()[0]
    (tmp_path / "test_example.py").write_text(plugin_tests)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--strict-markers",
            "--rootdir",
            ".",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_the_readme_sdk_recipe_runs_in_a_plugin_test(tmp_path: Path) -> None:
    recipe = section_code_blocks()[1]
    test = textwrap.dedent(
        """
        import time

        import pytest
        from opstatus.emulator import Lifecycle


        class Credential:
            def get_token(self, *scopes, **kwargs):
                from azure.core.credentials import AccessToken

                return AccessToken("emulator-token", int(time.time()) + 3600)


        def test_recipe(opstatus_emulator, opstatus_operation):
            pytest.importorskip("azure.mgmt.monitor")  # not in the dev environment; the wheel test has it
            credential = Credential()
        """
    ) + textwrap.indent(recipe, "    ")
    (tmp_path / "test_recipe.py").write_text(test)

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", "--rootdir", "."],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout or "could not import 'azure.mgmt.monitor'" in result.stdout


def test_the_readme_emulator_by_hand_and_lifecycles_run() -> None:
    by_hand, lifecycles = section_code_blocks()[2:4]

    exec(compile(by_hand, "README.md", "exec"), {})  # noqa: S102 - our own README's example
    exec(compile(lifecycles, "README.md", "exec"), {})  # noqa: S102


def test_the_readme_continuation_token_fragment_runs_against_the_emulator() -> None:
    import opstatus
    from opstatus.emulator import EmulatorServer, Lifecycle

    # the subsection only: the next "###" heading (Waiting on many operations) has examples of its own
    (fragment,) = _blocks(_section(README, "Continuation tokens").split("\n### ", 1)[0], "python")
    with EmulatorServer(clock="virtual") as emu:
        op = emu.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=60))
        options: dict[str, Any] = {
            "base_url": emu.base_urls["graph_billing"],
            "token": "t",
            "clock": emu.now,
            "sleep": emu.sleep,
        }
        with (
            opstatus.GraphBillingClient(**options) as client,
            opstatus.GraphBillingClient(**options) as other,
        ):
            names: dict[str, Any] = {"client": client, "other_client": other, "op_id": op.id}
            exec(compile(fragment, "README.md", "exec"), names)  # noqa: S102
    assert names["final"].id == op.id


def test_every_python_example_of_both_files_compiles() -> None:
    for path in (README, PYPI):
        for block in _blocks(path.read_text(), "python"):
            compile(block, path.name, "exec")


# --- PYPI.md ----------------------------------------------------------------------------------------


def test_the_pypi_page_examples_run_as_written_against_the_demo_emulator(demo_emulator: str) -> None:
    """PYPI.md (the long description on PyPI): its Python quickstart, the shell wait with the live display,
    its async twin; then ``wait-url`` on an ARM URL and ``resume`` with the token the quickstart printed."""
    section = _section(PYPI, "Quickstart")
    sync_example, async_example = _blocks(section, "python")
    shell = _blocks(section, "bash")[-1]
    for example in (sync_example, async_example, shell):
        assert DOCUMENTED in example

    token = _quickstart_python_leaves_it_running(_python(sync_example, demo_emulator))
    _shell_showed_it_going_on(_shell(shell, demo_emulator))
    ran = _python(async_example, demo_emulator)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["Succeeded"]

    (urls,) = _blocks(_section(PYPI, "Any ARM operation, and continuation tokens"), "bash")
    wait_url, resume = urls.splitlines()
    created = httpx.post(f"{demo_emulator}/_emulator/operations", json={"api": "monitor"}).json()
    env = {"OPSTATUS_TOKEN": "emulator", "OPSTATUS_BASE_URL": demo_emulator}
    waited = _shell(
        wait_url, demo_emulator, AZURE_ASYNC_OPERATION_URL=created["armUrls"]["azureAsyncOperation"], **env
    )
    assert waited.returncode == 0, waited.stdout + waited.stderr
    assert "opst1.eyJhcGkiOi…" in resume  # a placeholder: the token the quickstart printed goes there
    resumed = _shell(resume.replace("opst1.eyJhcGkiOi…", token), demo_emulator, **env)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert "succeeded" in resumed.stdout


def test_the_pypi_plugin_example_passes_with_no_conftest(tmp_path: Path) -> None:
    (example,) = _blocks(_section(PYPI, "Testing your code: the emulator and the pytest plugin"), "python")
    (tmp_path / "test_pypi_example.py").write_text(example)

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", "."],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
