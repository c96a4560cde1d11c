"""``check`` fails with a readable diff when a spec or a generated file changed without regenerating."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.registry import DEFAULT_OUTPUT, REPO_ROOT, ApiEntry
from tests.generator.conftest import FOURTH_API


def test_a_one_character_spec_edit_is_drift(fourth_api_tree: Path, tmp_path: Path) -> None:
    spec = tmp_path / FOURTH_API.spec
    spec.parent.mkdir(parents=True)
    original = (REPO_ROOT / FOURTH_API.spec).read_text()
    spec.write_text(
        original.replace("summary: Get the status of a batch job", "summary: Get the status of a batch jot")
    )

    diff = "".join(
        pipeline.check(
            [ApiEntry(key=FOURTH_API.key, spec=FOURTH_API.spec)], root=tmp_path, output=fourth_api_tree
        )
    )

    assert '-        """Get the status of a batch job.\n' in diff  # the generated client's docstring
    assert '+        """Get the status of a batch jot.\n' in diff
    assert '"sha256"' in diff  # the manifest records the spec change too


def test_an_unchanged_spec_is_no_drift(fourth_api_tree: Path) -> None:
    assert pipeline.check([FOURTH_API], root=REPO_ROOT, output=fourth_api_tree) == []


def test_a_hand_edit_of_generated_code_fails_check_with_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tampered = tmp_path / "generated"
    shutil.copytree(DEFAULT_OUTPUT, tampered, ignore=shutil.ignore_patterns("__pycache__"))
    polling = tampered / "monitor" / "polling.py"
    polling.write_text(polling.read_text().replace('"/percentComplete"', '"/percentComplets"'))
    (tampered / "monitor" / "notes.py").write_text("hand-written\n")

    exit_code = cli.main(["check", "--output", str(tampered)])

    out, err = capsys.readouterr()
    assert exit_code == 1
    touched = {line.split()[1] for line in out.splitlines() if line.startswith(("--- ", "+++ "))}
    assert touched == {
        "a/generated/monitor/polling.py",
        "b/generated/monitor/polling.py",
        "a/generated/monitor/notes.py",
        "/dev/null",
    }, "the committed generated/ differs from what specs/ produce beyond the two edits: run `make generate`"
    assert '-    percent_pointer="/percentComplets",\n' in out
    assert '+    percent_pointer="/percentComplete",\n' in out
    assert "--- a/generated/monitor/notes.py\n+++ /dev/null\n" in out
    assert "Run `make generate`" in err


def test_check_ignores_bytecode_an_import_left_behind(fourth_api_tree: Path, tmp_path: Path) -> None:
    copy = tmp_path / fourth_api_tree.name
    shutil.copytree(fourth_api_tree, copy)
    (copy / "job_status" / "__pycache__").mkdir(exist_ok=True)
    (copy / "job_status" / "__pycache__" / "client.cpython-311.pyc").write_bytes(b"\x00")

    assert pipeline.check([FOURTH_API], root=REPO_ROOT, output=copy) == []
