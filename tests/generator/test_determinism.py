"""Generation is deterministic: the same specs give the same bytes, wherever the tree is built."""

from __future__ import annotations

from pathlib import Path

from generator import pipeline
from generator.drift import diff_trees
from generator.registry import REPO_ROOT
from tests.generator.conftest import FOURTH_API


def test_two_runs_give_identical_bytes(fourth_api_tree: Path, tmp_path: Path) -> None:
    second = tmp_path / "elsewhere" / fourth_api_tree.name
    second.mkdir(parents=True)

    pipeline.build_tree([FOURTH_API], root=REPO_ROOT, dest=second)

    assert diff_trees(fourth_api_tree, second, label="generated") == []


def test_no_cache_or_bytecode_is_left_in_the_tree(fourth_api_tree: Path) -> None:
    leftovers = [
        path
        for path in fourth_api_tree.rglob("*")
        if path.name in {"__pycache__", ".ruff_cache", ".mypy_cache"} or path.suffix == ".pyc"
    ]

    assert leftovers == []
