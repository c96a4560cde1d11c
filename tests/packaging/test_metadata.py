"""What PyPI shows: the README is the long description, so it opens with what a pip user can run."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_readme_is_the_long_description() -> None:
    assert PYPROJECT["project"]["readme"] == "README.md"


def test_the_description_opens_with_pip_install_then_a_python_quickstart() -> None:
    blocks = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.DOTALL)

    assert blocks[0][1].startswith("pip install opstatus")
    assert [language for language, _ in blocks[:3]] == ["bash", "bash", "python"]
    opening = README.split("## The `opstatus` command", 1)[0]
    assert not [
        code for _, code in re.findall(r"```(\w*)\n(.*?)```", opening, flags=re.DOTALL) if "make " in code
    ]


def test_contributor_commands_live_in_their_own_document() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

    assert "make test" in contributing
    assert "make demo" in contributing
    assert "(CONTRIBUTING.md)" in README


def test_the_metadata_has_project_urls_that_are_https() -> None:
    urls = PYPROJECT["project"]["urls"]

    assert urls
    assert all(url.startswith("https://") for url in urls.values())


def test_every_make_target_the_metadata_mentions_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    mentioned = set(re.findall(r"make ([a-z][a-z-]*)", (ROOT / "pyproject.toml").read_text(encoding="utf-8")))

    assert mentioned <= targets
