"""The generator runs only with the exact tool versions pyproject.toml pins."""

from __future__ import annotations

import json
import tomllib

import pytest

from generator import toolchain
from generator.errors import GeneratorError
from generator.registry import DEFAULT_OUTPUT, REGISTRY, REPO_ROOT
from generator.spec_io import sha256_of


def test_the_generator_pins_are_the_dev_dependency_pins() -> None:
    dev = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    pinned = dict(requirement.split("==", 1) for requirement in dev if "==" in requirement)

    assert {name: pinned[name] for name in toolchain.PINS} == toolchain.PINS


def test_another_version_of_a_pinned_tool_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        toolchain, "installed_versions", lambda: {**toolchain.PINS, "openapi-python-client": "0.30.0"}
    )

    with pytest.raises(
        GeneratorError, match=r"openapi-python-client 0\.30\.0 \(pinned 0\.29\.1\); run `make env`"
    ):
        toolchain.require_pinned()


def test_the_manifest_records_spec_hashes_and_tool_versions_without_a_timestamp() -> None:
    manifest = json.loads((DEFAULT_OUTPUT / "MANIFEST.json").read_text())

    assert manifest["tools"] == toolchain.PINS
    assert manifest["apis"] == [
        {"key": entry.key, "spec": entry.spec.as_posix(), "sha256": sha256_of(REPO_ROOT / entry.spec)}
        for entry in REGISTRY
    ]
    assert set(manifest) == {"generator", "tools", "apis"}
