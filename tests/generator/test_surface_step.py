"""The public surface step: names, signatures and return types come from the spec, or a clear error.

Each test mutates the lint baseline (tests/fixtures/broken_specs/baseline.yaml, the smallest valid spec),
then either builds its surface or lints it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import GeneratorError
from generator.registry import ApiEntry, describe
from generator.speclint import lint_specs
from generator.surface_step import build_surface, render_clients_module

ROOT = Path(__file__).resolve().parents[2]
BASELINE = yaml.safe_load((ROOT / "tests" / "fixtures" / "broken_specs" / "baseline.yaml").read_text())
OPERATION = ("paths", "/operations/{id}", "get")


def _spec(tmp_path: Path, document: dict[str, Any]) -> ApiEntry:
    (tmp_path / "specs").mkdir(exist_ok=True)
    (tmp_path / "specs" / "baseline.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return ApiEntry(key="baseline", spec=Path("specs/baseline.yaml"))


def _with(change: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"].update(change)
    return document


def _surface(tmp_path: Path, document: dict[str, Any]) -> Any:
    entry = _spec(tmp_path, document)
    return build_surface(describe(entry, root=tmp_path), spec_file="specs/baseline.yaml")


def test_the_method_name_defaults_to_the_operation_ids_last_part(tmp_path: Path) -> None:
    surface = _surface(tmp_path, BASELINE)

    assert surface.client_name == "Baseline"
    assert surface.status.method == "get"
    assert [param.python for param in surface.status.path_params] == ["id"]
    assert surface.status.constants == (("api-version", "2020-01-01"),)


def test_x_opstatus_method_names_the_method_and_parameters_keep_their_names(tmp_path: Path) -> None:
    surface = _surface(tmp_path, _with({"x-opstatus-method": "get_operation"}))

    source = render_clients_module(surface)

    # id may be given on the client too (opstatus._scope), so each call may leave it out
    assert "def get_operation(self, *, id: str | None = None) -> Operation:" in source
    assert "async def get_operation(self, *, id: str | None = None) -> Operation:" in source
    assert "def wait(" in source
    assert "def poller(" in source


def test_x_opstatus_name_and_cli_flag_rename_a_parameter(tmp_path: Path) -> None:
    document = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"]["parameters"][0].update(
        {"x-opstatus-name": "operation_id", "x-opstatus-cli-flag": "--operation-id"}
    )

    (param,) = _surface(tmp_path, document).status.path_params

    assert (param.wire, param.python, param.cli_flag) == ("id", "operation_id", "--operation-id")
    assert lint_specs([tmp_path / "specs" / "baseline.yaml"]) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"x-opstatus-method": "wait"}, "not usable as a method name"),
        ({"operationId": "Operations_Poller"}, "not usable as a method name"),
    ],
)
def test_a_method_name_the_clients_already_use_is_refused(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(GeneratorError, match=message):
        _surface(tmp_path, _with(change))


@pytest.mark.parametrize("name", ["continuation_token", "polling_interval", "on_progress", "timeout"])
def test_a_parameter_may_not_take_a_keyword_of_poller_or_wait(tmp_path: Path, name: str) -> None:
    document = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"]["parameters"][0]["x-opstatus-name"] = name

    with pytest.raises(GeneratorError, match=f"unusable name '{name}'"):
        _surface(tmp_path, document)


def test_a_non_string_path_parameter_is_refused_with_its_name(tmp_path: Path) -> None:
    document = copy.deepcopy(BASELINE)
    document["paths"]["/operations/{id}"]["get"]["parameters"][0]["schema"] = {"type": "integer"}

    with pytest.raises(GeneratorError, match="parameter 'id' has type 'integer'; supported: string \\("):
        _surface(tmp_path, document)


@pytest.mark.parametrize(
    ("where", "value", "problem"),
    [
        ("operation", {"x-opstatus-method": "Get-It"}, "lower_snake_case method name"),
        ("parameter", {"x-opstatus-cli-flag": "operation-id"}, "must be a --flag"),
        ("parameter", {"x-opstatus-name": "Operation Id"}, "lower_snake_case python name"),
        ("info", {"client-name": "lower"}, "not a CamelCase name"),
    ],
)
def test_speclint_checks_the_naming_extensions(
    tmp_path: Path, where: str, value: dict[str, Any], problem: str
) -> None:
    document = copy.deepcopy(BASELINE)
    if where == "operation":
        document["paths"]["/operations/{id}"]["get"].update(value)
    elif where == "parameter":
        document["paths"]["/operations/{id}"]["get"]["parameters"][0].update(value)
    else:
        document["info"]["x-opstatus-api"].update(value)
    _spec(tmp_path, document)

    findings = lint_specs([tmp_path / "specs" / "baseline.yaml"])

    assert [finding.rule for finding in findings] in (["x-opstatus-extension"], ["x-opstatus-api"])
    assert problem in findings[0].message


def test_result_operation_must_name_another_get(tmp_path: Path) -> None:
    document = copy.deepcopy(BASELINE)
    polling = document["paths"]["/operations/{id}"]["get"]["x-opstatus-polling"]
    polling["result-operation"] = "Nothing_Here"
    _spec(tmp_path, document)

    (finding,) = lint_specs([tmp_path / "specs" / "baseline.yaml"])

    assert finding.rule == "x-opstatus-polling"
    assert "names no other GET operation" in finding.message
