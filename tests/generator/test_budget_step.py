"""The read-budget step: info.x-opstatus-read-budget becomes generated/<key>/budget.py, or a clear refusal."""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest
from opstatus._budget import ReadBudget

from generator.budget_step import budget_values, read_budget_problems, scope_segment
from generator.errors import GeneratorError
from generator.registry import REPO_ROOT, ApiDescription, describe
from tests.generator.conftest import FOURTH_API


def _with_budget(value: Any) -> ApiDescription:
    api = describe(FOURTH_API, root=REPO_ROOT)
    document = copy.deepcopy(api.document)
    document["info"]["x-opstatus-read-budget"] = value
    return ApiDescription(
        entry=api.entry,
        spec_path=api.spec_path,
        document=document,
        title=api.title,
        default_base_url=api.default_base_url,
        default_scope=api.default_scope,
    )


def test_the_monitor_spec_scopes_reads_by_subscription_with_arms_header() -> None:
    budget = importlib.import_module("opstatus._generated.monitor.budget").READ_BUDGET
    assert budget == ReadBudget(
        scope_after="subscriptions",
        scope_parameter="subscriptionId",
        remaining_header="x-ms-ratelimit-remaining-subscription-reads",
    )


def test_the_partner_portal_spec_scopes_reads_by_publisher() -> None:
    budget = importlib.import_module("opstatus._generated.partner_portal.budget").READ_BUDGET
    assert budget.scope_after == "publishers"
    assert budget.remaining_header is None


def test_a_spec_without_the_extension_gets_one_scope_per_client() -> None:
    values = budget_values(describe(FOURTH_API, root=REPO_ROOT), spec_file="job_status.yaml")
    assert (values.declared, values.scope_after, values.remaining_header) == (False, None, None)


def test_client_scope_with_a_header_is_kept() -> None:
    values = budget_values(_with_budget({"scope": "client", "remaining-header": "x-left"}), spec_file="j")
    assert (values.scope_after, values.scope_parameter, values.remaining_header) == (None, None, "x-left")


def test_a_scope_that_is_no_path_parameter_is_refused_with_its_place() -> None:
    with pytest.raises(GeneratorError, match=r"info\.x-opstatus-read-budget\.scope: scope 'tenant'"):
        budget_values(_with_budget({"scope": "tenant"}), spec_file="job_status.yaml")


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("subscription", ""),
        ({"scope": ""}, "scope"),
        ({"scope": "client", "remaining-header": "bad header"}, "remaining-header"),
        ({"scope": "client", "size": 3}, "size"),
    ],
)
def test_malformed_values_are_reported_at_their_key(value: Any, key: str) -> None:
    problems = read_budget_problems(value, status_path="/a/{x}")
    assert [where for where, _message in problems] == [key]


@pytest.mark.parametrize(
    ("path", "parameter", "segment"),
    [
        ("/subscriptions/{subscriptionId}/resourceGroups/{rg}/ops/{id}", "subscriptionId", "subscriptions"),
        ("/api/publishers/{publisherId}/offers/{offerId}", "publisherId", "publishers"),
        ("/{first}/x", "first", None),
        ("/a/{b}/{c}", "c", None),
        ("/a/{b}", "nope", None),
    ],
)
def test_the_scope_segment_is_the_literal_before_the_parameter(
    path: str, parameter: str, segment: str | None
) -> None:
    assert scope_segment(path, parameter) == segment
