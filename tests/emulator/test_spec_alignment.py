"""What the emulator answers is what the specs document.

Routes, parameter rules and the api-version are read from the generated packages (nothing to drift);
these tests check the choices the emulator makes on top: its default spellings and its status codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from opstatus.emulator._apis import PROFILES, ApiProfile

SPECS = Path(__file__).resolve().parents[2] / "specs"

# Statuses the emulator sends: lifecycle/edge answers, then injected faults.
EMULATOR_STATUSES = (200, 400, 401, 404, 405, 429, 500, 502, 503, 499, 520)


def spec(api: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((SPECS / f"{api}.yaml").read_text())
    return document


def spec_operation(api: str, template: str) -> tuple[dict[str, Any], Mapping[str, Any]]:
    document = spec(api)
    base = PROFILES[api].base_path
    assert template.startswith(base)
    path_item = document["paths"][template[len(base) :]]
    return document, path_item["get"]


ROUTES = [(api, route) for api, profile in PROFILES.items() for route in profile.routes]


@pytest.mark.parametrize("api", list(PROFILES))
def test_the_usual_spellings_read_as_their_state_in_the_polling_table(api: str) -> None:
    profile: ApiProfile = PROFILES[api]
    states: Mapping[str, str] = profile.polling.states

    read_as = {
        state: states.get(spelling.casefold(), "unknown") for state, spelling in profile.spellings.items()
    }

    # An API without a canceled state (Graph) reports a canceled operation as failed.
    has_canceled = "canceled" in states.values()
    expected = {state: state for state in profile.spellings} | (
        {} if has_canceled else {"canceled": "failed"}
    )
    assert read_as == expected


@pytest.mark.parametrize(("api", "route"), ROUTES, ids=lambda value: getattr(value, "kind", value))
def test_every_status_the_emulator_sends_is_documented(api: str, route: Any) -> None:
    _, operation = spec_operation(api, route.template)
    documented = set(operation["responses"])

    undocumented = [s for s in EMULATOR_STATUSES if str(s) not in documented and "default" not in documented]

    assert undocumented == []
    assert {"200", "400", "401", "403", "404", "429", "default"} <= documented  # the error-responses rule
