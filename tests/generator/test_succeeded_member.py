"""``wait()``'s return type: the status union's succeeded member, computed from the spec (issue 23, row 3).

The generator reads three things the spec already says: the polling table's succeeded spellings, the status
operation's 200 examples, and the union's discriminator mapping. These tests change each of them in a copy
of the Graph spec and watch the answer follow, so nothing about Graph is written in the generator.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.registry import ApiEntry, describe
from generator.surface_step import build_surface, render_clients_module

ROOT = Path(__file__).resolve().parents[2]
GRAPH = yaml.safe_load((ROOT / "specs" / "graph_billing.yaml").read_text())
STATUS = ("paths", "/reports/partners/billing/operations/{operation-id}", "get")
SUCCESS_TYPE = "#microsoft.graph.partners.billing.exportSuccessOperation"
RUNNING_TYPE = "#microsoft.graph.partners.billing.runningOperation"
SUCCEEDED = ("exportSucceeded", "exportSucceededAsServed")
"""The spec's succeeded examples (the docs' and the one as the service sends it): changed together."""


def _surface(tmp_path: Path, document: dict[str, Any], key: str = "graph_billing") -> Any:
    (tmp_path / "specs").mkdir(exist_ok=True)
    (tmp_path / "specs" / f"{key}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    entry = ApiEntry(key=key, spec=Path(f"specs/{key}.yaml"))
    return build_surface(describe(entry, root=tmp_path), spec_file=f"specs/{key}.yaml")


def _examples(document: dict[str, Any]) -> dict[str, Any]:
    operation = document["paths"][STATUS[1]][STATUS[2]]
    examples: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"]["examples"]
    return examples


def test_graphs_wait_returns_the_export_success_operation(tmp_path: Path) -> None:
    surface = _surface(tmp_path, copy.deepcopy(GRAPH))

    assert surface.succeeded == "ExportSuccessOperation"
    source = render_clients_module(surface)
    assert ") -> ExportSuccessOperation:" in source
    assert "def get_operation(self, *, operation_id: str | None = None) -> Operation:" in source


def test_the_member_follows_the_succeeded_examples_discriminator_value(tmp_path: Path) -> None:
    document = copy.deepcopy(GRAPH)
    for name in SUCCEEDED:
        _examples(document)[name]["value"]["@odata.type"] = RUNNING_TYPE

    assert _surface(tmp_path, document).succeeded == "RunningOperation"


def test_the_member_follows_the_polling_tables_succeeded_spellings(tmp_path: Path) -> None:
    document = copy.deepcopy(GRAPH)
    polling = document["paths"][STATUS[1]][STATUS[2]]["x-opstatus-polling"]
    polling["states"]["succeeded"] = ["completed"]
    polling["states"]["running"] = ["running", "succeeded"]

    assert _surface(tmp_path, document).succeeded is None  # no example says "completed" any more


@pytest.mark.parametrize(
    "change",
    [
        "no succeeded example",
        "succeeded examples naming two members",
        "no discriminator",
        "a succeeded example with an unmapped discriminator value",
    ],
)
def test_without_one_clear_member_wait_keeps_the_whole_union(tmp_path: Path, change: str) -> None:
    document = copy.deepcopy(GRAPH)
    examples = _examples(document)
    if change == "no succeeded example":
        for name in SUCCEEDED:
            del examples[name]
    elif change == "succeeded examples naming two members":
        second = copy.deepcopy(examples["exportSucceeded"])
        second["value"]["@odata.type"] = RUNNING_TYPE
        examples["alsoSucceeded"] = second
    elif change == "no discriminator":
        del document["components"]["schemas"]["Operation"]["discriminator"]
    else:
        for name in SUCCEEDED:
            examples[name]["value"]["@odata.type"] = "#microsoft.graph.somethingElse"

    surface = _surface(tmp_path, document)

    assert surface.succeeded is None
    assert ") -> Operation:" in render_clients_module(surface).split("def wait(")[1]


def test_a_status_model_that_is_no_union_is_what_wait_returns(tmp_path: Path) -> None:
    monitor = yaml.safe_load((ROOT / "specs" / "monitor.yaml").read_text())

    surface = _surface(tmp_path, monitor, key="monitor")

    assert surface.succeeded is None
    assert ") -> OperationStatus:" in render_clients_module(surface).split("def wait(")[1]
