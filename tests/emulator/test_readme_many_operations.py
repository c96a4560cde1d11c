"""README "Waiting on many operations": its example runs as written, against the emulator on 127.0.0.1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def examples() -> list[str]:
    section = README.read_text().split("### Waiting on many operations", 1)[1].split("\n## ", 1)[0]
    section = section.split("\n### ", 1)[0]  # the next subsection (Tracing) is not this one's
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 2  # the async set, then the sync one
    return [str(block) for block in blocks]


def example() -> str:
    return examples()[0]


def test_the_example_waits_on_every_operation_and_reports_each_once(tmp_path: Path) -> None:
    script = tmp_path / "many.py"
    script.write_text(example())
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.endswith(" succeeded") for line in lines) == 40
    failed = [line for line in lines if " ended: " in line]
    assert len(failed) == 1
    assert "Failed" in failed[0] or "failed" in failed[0]
    assert lines[-1].endswith(" reads, 0 throttled")


def test_the_sync_example_waits_on_every_operation_without_a_429(tmp_path: Path) -> None:
    script = tmp_path / "many_sync.py"
    script.write_text(examples()[1])
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert re.fullmatch(r"20 succeeded, \d+ reads, 0 throttled", last), last
