"""An API whose only scheme is an API key needs no ``default-scope`` (Azure Speech's batch transcription).

``x-opstatus-api.default-scope`` is what a TokenCredential is asked for; a spec that declares no OAuth2,
OpenID Connect or HTTP bearer scheme has no token to ask for, so lint and the generator's registry take
it without one. A spec with a token scheme still must name it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import GeneratorError
from generator.registry import ApiEntry, describe
from generator.speclint import lint_specs

BASELINE = Path(__file__).resolve().parents[1] / "fixtures" / "broken_specs" / "baseline.yaml"


def _keyed_only(tmp_path: Path, *, keep_scope: bool = False, keep_oauth: bool = False) -> Path:
    """The lint baseline with its OAuth2 scheme replaced by an apiKey header (and no default-scope)."""
    data: dict[str, Any] = yaml.safe_load(BASELINE.read_text(encoding="utf-8"))
    data["info"]["x-opstatus-api"]["key"] = "keyed"
    if not keep_scope:
        del data["info"]["x-opstatus-api"]["default-scope"]
    schemes = data["components"]["securitySchemes"]
    if not keep_oauth:
        schemes.clear()
    schemes["key"] = {"type": "apiKey", "in": "header", "name": "Ocp-Apim-Subscription-Key"}
    for item in data["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "security" in operation:
                operation["security"] = [{"key": []}]
    data.pop("security", None)
    path = tmp_path / "keyed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_spec_of_api_keys_only_needs_no_default_scope(tmp_path: Path) -> None:
    path = _keyed_only(tmp_path)

    assert lint_specs([path]) == []
    assert describe(ApiEntry(key="keyed", spec=Path("keyed.yaml")), root=tmp_path).default_scope == ""


def test_a_spec_with_a_token_scheme_still_needs_its_default_scope(tmp_path: Path) -> None:
    path = _keyed_only(tmp_path, keep_oauth=True)

    findings = lint_specs([path])
    assert [(finding.rule, finding.pointer) for finding in findings] == [
        ("x-opstatus-api", "/info/x-opstatus-api")
    ]
    assert "default-scope" in findings[0].message
    with pytest.raises(GeneratorError, match="default-scope"):
        describe(ApiEntry(key="keyed", spec=Path("keyed.yaml")), root=tmp_path)


def test_an_empty_default_scope_is_refused_even_for_api_keys(tmp_path: Path) -> None:
    path = _keyed_only(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["info"]["x-opstatus-api"]["default-scope"] = ""
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    with pytest.raises(GeneratorError, match="default-scope must be a non-empty string"):
        describe(ApiEntry(key="keyed", spec=Path("keyed.yaml")), root=tmp_path)
