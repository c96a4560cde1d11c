"""What PyPI shows: a short page of its own (PYPI.md), true to the README, opening with what a pip user runs.

The README (49 KB) is the full guide; as the long description it made up most of the wheel's METADATA,
so PyPI gets a short page instead, and the README ships in the sdist. Its examples run in
tests/emulator/test_readme_example.py.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPI = (ROOT / "PYPI.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
_BLOCK = re.compile(r"```(\w*)\n(.*?)```", flags=re.DOTALL)


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_long_description_is_the_short_pypi_page() -> None:
    assert PYPROJECT["project"]["readme"] == {"file": "PYPI.md", "content-type": "text/markdown"}
    assert len(PYPI.encode()) < 8 * 1024
    assert "/PYPI.md" in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_the_description_opens_with_pip_install_then_a_python_quickstart() -> None:
    for text in (PYPI, README):
        blocks = _BLOCK.findall(text)

        assert blocks[0][1].startswith("pip install opstatus")
        assert [language for language, _ in blocks[:3]] == ["bash", "bash", "python"]
    opening = README.split("## The `opstatus` command", 1)[0]
    assert not [code for _, code in _BLOCK.findall(opening) if "make " in code]
    assert "make " not in PYPI


def test_the_pypi_page_shows_the_readme_install_and_quickstart_code_unchanged() -> None:
    assert _BLOCK.findall(_section(PYPI, "Install")) == _BLOCK.findall(_section(README, "Install"))
    # the emulator command and the sync example; the README's Quickstart then goes on to the shell
    assert (
        _BLOCK.findall(_section(PYPI, "Quickstart"))[:2] == _BLOCK.findall(_section(README, "Quickstart"))[:2]
    )


def test_the_pypi_page_names_every_extra() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]

    assert [extra for extra in extras if f"`{extra}`" not in _section(PYPI, "Install")] == []


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


def test_the_project_urls_name_home_repository_documentation_and_changelog() -> None:
    urls = PYPROJECT["project"]["urls"]

    assert {"Homepage", "Repository", "Documentation", "Changelog"} <= set(urls)


def test_the_pypi_page_covers_what_a_pip_user_needs() -> None:
    """Issue 23 (row 9): install, Python and CLI quickstarts, wait-url, continuation tokens, the emulator
    and the pytest plugin, errors and exit codes, guarantees."""
    sections = re.findall(r"^## (.+)$", PYPI, flags=re.MULTILINE)
    assert sections[:2] == ["Install", "Quickstart"]
    code = "\n".join(block for _, block in _BLOCK.findall(PYPI))
    for needed in ("pip install", "opstatus.MonitorClient", "opstatus monitor wait", "opstatus wait-url"):
        assert needed in code, needed
    for needed in ("opstatus resume", "continuation_token", "opstatus_emulator", "opstatus_clients"):
        assert needed in PYPI, needed
    assert any("Errors" in title and "exit codes" in title for title in sections)
    assert "Guarantees" in sections


def test_the_pypi_pages_exit_codes_are_the_readmes() -> None:
    def codes(text: str) -> list[str]:
        table = text.split("| code | meaning |", 1)[1].split("\n\n", 1)[0]
        return re.findall(r"^\| (\d+) \|", table, flags=re.MULTILINE)

    assert codes(PYPI) == codes(README)


def test_the_pypi_page_needs_no_checkout() -> None:
    for checkout_only in ("make ", "specs/", "tests/", "sdist", "CONTRIBUTING", ".tar.gz", "git clone"):
        assert checkout_only not in PYPI, checkout_only
