"""The README's "Using the emulator in your own tests" code runs as written (copy-paste must work)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
