"""What the emulator knows about each API agrees with the specs (so it cannot drift silently)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from opstatus.emulator._apis import PROFILES, ApiProfile, ParamRule

SPECS = Path(__file__).resolve().parents[2] / "specs"

# Statuses the emulator sends: lifecycle/edge answers, then injected faults.
EMULATOR_STATUSES = (200, 400, 401, 404, 405, 429, 500, 502, 503, 499, 520)


def spec(api: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((SPECS / f"{api}.yaml").read_text())
    return document


def resolve(document: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def spec_operation(api: str, template: str) -> tuple[dict[str, Any], Mapping[str, Any]]:
    document = spec(api)
    base = PROFILES[api].base_path  # type: ignore[index]
    assert template.startswith(base)
    path_item = document["paths"][template[len(base) :]]
    return document, path_item["get"]


def rule_from_spec(document: Mapping[str, Any], parameter: Mapping[str, Any]) -> ParamRule:
    schema = resolve(document, parameter["schema"])
    return ParamRule(
        name=parameter["name"],
        min_length=schema.get("minLength", 0),
        max_length=schema.get("maxLength"),
        pattern=schema.get("pattern"),
    )


ROUTES = [(api, route) for api, profile in PROFILES.items() for route in profile.routes]


@pytest.mark.parametrize(("api", "route"), ROUTES, ids=lambda value: getattr(value, "kind", value))
def test_every_route_is_a_spec_path_with_the_same_parameter_rules(api: str, route: Any) -> None:
    document, operation = spec_operation(api, route.template)
    parameters = [resolve(document, p) for p in operation["parameters"]]
    path_rules = {p["name"]: rule_from_spec(document, p) for p in parameters if p["in"] == "path"}
    query_rules = {
        p["name"]: rule_from_spec(document, p)
        for p in parameters
        if p["in"] == "query" and p["name"] != "api-version"
    }

    assert {rule.name: rule for rule in route.params} == path_rules
    assert {rule.name: rule for rule in route.query} == query_rules


@pytest.mark.parametrize("api", list(PROFILES))
def test_the_api_version_is_the_specs_const(api: str) -> None:
    profile: ApiProfile = PROFILES[api]  # type: ignore[index]
    document, operation = spec_operation(api, profile.status_route.template)
    versions = [
        resolve(document, p)["schema"]["const"]
        for p in (resolve(document, p) for p in operation["parameters"])
        if p["name"] == "api-version"
    ]

    assert versions == ([profile.api_version] if profile.api_version else [])


@pytest.mark.parametrize("api", list(PROFILES))
def test_the_usual_spellings_read_as_their_state_in_the_polling_table(api: str) -> None:
    profile: ApiProfile = PROFILES[api]  # type: ignore[index]
    states: Mapping[str, str] = profile.polling.STATES

    read_as = {
        state: states.get(spelling.casefold(), "unknown") for state, spelling in profile.spellings.items()
    }

    expected = {state: state for state in profile.spellings}
    if api == "graph_billing":
        expected["canceled"] = "failed"  # Graph has no canceled state; the spec maps nothing to it
    assert read_as == expected


@pytest.mark.parametrize(("api", "route"), ROUTES, ids=lambda value: getattr(value, "kind", value))
def test_every_status_the_emulator_sends_is_documented(api: str, route: Any) -> None:
    _, operation = spec_operation(api, route.template)
    documented = set(operation["responses"])

    undocumented = [s for s in EMULATOR_STATUSES if str(s) not in documented and "default" not in documented]

    assert undocumented == []
    assert {"200", "400", "401", "404", "429", "500", "503"} <= documented
