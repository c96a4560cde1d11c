"""``generate`` replaces the output tree all at once, or not at all, and stops on spec findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import GeneratorError
from generator.registry import REPO_ROOT, ApiEntry
from tests.generator.conftest import FOURTH_API


def _previous_tree(tmp_path: Path) -> Path:
    output = tmp_path / "generated"
    output.mkdir()
    (output / "old.py").write_text("previous run\n")
    return output


def test_a_successful_run_replaces_the_whole_tree(tmp_path: Path) -> None:
    output = _previous_tree(tmp_path)

    pipeline.generate([FOURTH_API], root=REPO_ROOT, output=output)

    assert not (output / "old.py").exists()
    assert (output / "job_status" / "polling.py").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["generated"]


def test_a_failed_run_leaves_the_previous_tree_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = _previous_tree(tmp_path)

    def broken_formatter(root: Path) -> None:
        raise GeneratorError("ruff exploded")

    monkeypatch.setattr(pipeline, "format_tree", broken_formatter)

    with pytest.raises(GeneratorError, match="ruff exploded"):
        pipeline.generate([FOURTH_API], root=REPO_ROOT, output=output)

    assert sorted(path.name for path in output.iterdir()) == ["old.py"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["generated"]


def test_spec_findings_stop_generation_before_anything_is_written(tmp_path: Path) -> None:
    output = _previous_tree(tmp_path)
    spec = tmp_path / "specs" / "job_status.yaml"
    spec.parent.mkdir()
    spec.write_text(
        (REPO_ROOT / FOURTH_API.spec)
        .read_text()
        .replace("      summary: Get the status of a batch job\n", "")
    )

    with pytest.raises(pipeline.SpecFindings) as raised:
        pipeline.generate(
            [ApiEntry(key="job_status", spec=Path("specs/job_status.yaml"))], root=tmp_path, output=output
        )

    assert any("operation-summary" in finding for finding in raised.value.findings)
    assert sorted(path.name for path in output.iterdir()) == ["old.py"]


def test_a_registry_entry_that_disagrees_with_its_spec_is_refused() -> None:
    with pytest.raises(
        GeneratorError, match=r"x-opstatus-api\.key is 'job_status', but the registry entry says 'jobs'"
    ):
        pipeline.describe_all([ApiEntry(key="jobs", spec=FOURTH_API.spec)], root=REPO_ROOT)


def test_two_entries_with_one_key_are_refused() -> None:
    with pytest.raises(GeneratorError, match=r"duplicate keys \['job_status'\]"):
        pipeline.describe_all([FOURTH_API, FOURTH_API], root=REPO_ROOT)
