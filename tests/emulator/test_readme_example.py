"""The README's examples, and those of PYPI.md (its short version on PyPI), run as written (copy-paste)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.child_signals import default_sigint

README = Path(__file__).resolve().parents[2] / "README.md"


def section_code_blocks() -> list[str]:
    text = README.read_text()
    section = text.split("## Using the emulator in your own tests", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_fixture_and_test_pass_under_pytest(tmp_path: Path) -> None:
    conftest, test, *_ = section_code_blocks()
    (tmp_path / "conftest.py").write_text(conftest)
    (tmp_path / "test_example.py").write_text(test)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},  # a bare pytest, as a new project has
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_readme_lifecycles_are_valid() -> None:
    lifecycles = section_code_blocks()[2]

    exec(compile(lifecycles, "README.md", "exec"), {})  # noqa: S102 - our own README's example


def quickstart_blocks() -> tuple[str, str]:
    """The Quickstart's Python example and its shell example, as the README shows them."""
    section = README.read_text().split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    (python,) = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    shell = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)[-1]
    return python, shell


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


def test_the_quickstart_runs_as_written_against_the_demo_emulator(demo_emulator: str) -> None:
    python, shell = quickstart_blocks()
    assert "http://127.0.0.1:7357" in python  # the documented port; only it is swapped for the free one

    ran = subprocess.run(
        [sys.executable, "-c", python.replace("http://127.0.0.1:7357", demo_emulator)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    pasted = subprocess.run(
        ["bash", "-c", shell.replace("http://127.0.0.1:7357", demo_emulator)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
    )

    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0] in ("NotStarted", "InProgress")
    assert lines[-1] == "Succeeded"
    assert pasted.returncode == 0, pasted.stdout + pasted.stderr
    assert "monitor operation 713192d7-503f-477a-9cfe-4efc3ee2bd11: succeeded" in pasted.stdout


def test_the_pypi_page_examples_run_as_written_against_the_demo_emulator(demo_emulator: str) -> None:
    """PYPI.md (the long description on PyPI): its sync example, then its async twin, pasted as shown."""
    text = (README.parent / "PYPI.md").read_text()
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    sync_example, async_example = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    outputs = []
    for example in (sync_example, async_example):
        assert "http://127.0.0.1:7357" in example
        ran = subprocess.run(
            [sys.executable, "-c", example.replace("http://127.0.0.1:7357", demo_emulator)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert ran.returncode == 0, ran.stderr
        outputs.append(ran.stdout.splitlines())

    assert outputs[0][0] in ("NotStarted", "InProgress")
    assert outputs[0][-1] == "Succeeded"
    assert outputs[1] == ["Succeeded"]
