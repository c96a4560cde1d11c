"""``EMULATION`` in api.py: what the emulator reads from a spec, and the defaults a new spec gets.

The values for the three specs are written out by hand here (today's emulator behaviour, which
tests/emulator and tests/reliability pin on the wire), so a wrong derivation rule fails here first.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from opstatus._emulation import Emulation


def emulation(key: str) -> Emulation:
    value: Emulation = importlib.import_module(f"opstatus._generated.{key}.api").EMULATION
    return value


@pytest.mark.parametrize(
    ("key", "request_id", "echo", "always_echoes"),
    [
        ("monitor", "x-ms-request-id", "x-ms-client-request-id", False),
        ("partner_portal", "x-ms-request-id", None, False),
        ("graph_billing", "request-id", "client-request-id", True),
    ],
)
def test_header_names_come_from_the_200_responses_declared_headers(
    key: str, request_id: str, echo: str | None, always_echoes: bool
) -> None:
    hints = emulation(key)

    assert (hints.request_id_header, hints.client_request_id_header) == (request_id, echo)
    assert hints.always_sends_client_request_id is always_echoes


@pytest.mark.parametrize(
    ("key", "envelope", "inner"),
    [
        ("monitor", "CloudError", ()),
        ("partner_portal", "ErrorResponse", ()),
        ("graph_billing", "ODataError", ("request-id", "client-request-id", "date")),
    ],
)
def test_the_envelope_is_the_error_responses_schema_and_its_inner_error_members(
    key: str, envelope: str, inner: tuple[str, ...]
) -> None:
    hints = emulation(key)

    assert (hints.error_envelope, hints.envelope_member, hints.envelope_inner_error) == (
        envelope,
        "error",
        inner,
    )


@pytest.mark.parametrize(
    ("key", "spellings"),
    [
        ("monitor", ("NotStarted", "Running", "Succeeded", "Failed", "Canceled")),
        ("partner_portal", ("notStarted", "running", "completed", "failed", "canceled")),
        ("graph_billing", ("notStarted", "running", "succeeded", "failed", "failed")),
    ],
)
def test_spellings_are_each_lists_first_value_and_an_empty_list_reads_as_failed(
    key: str, spellings: tuple[str, ...]
) -> None:
    states = ("not_started", "running", "succeeded", "failed", "canceled")

    assert tuple(emulation(key).spellings[state] for state in states) == spellings


def test_each_state_starts_from_its_fullest_example_else_its_neighbours() -> None:
    graph = emulation("graph_billing").state_examples
    portal = emulation("partner_portal").state_examples

    assert graph == {  # the examples "as served" carry @odata.context: one member more than the docs'
        "not_started": "notStarted",
        "running": "runningAsServed",
        "succeeded": "exportSucceededAsServed",
        "failed": "failedAsServed",
        "canceled": "failedAsServed",  # Graph has no canceled state: failed's
    }
    assert portal["running"] == "runningObject"  # fuller than the docs' getOperation2020 and 2018
    assert portal["not_started"] == "runningObject"  # no example is queued: running's
    assert portal["canceled"] == "failedObject"


def test_an_example_keeps_its_arrays_cut_to_one_item_and_the_demos_all_its_steps() -> None:
    portal = emulation("partner_portal")
    example: Any = portal.status_examples["runningObject"]

    assert example["status"] == "running"
    assert [step["id"] for step in example["steps"]] == ["displaydummycertify"]
    assert [step_id for step_id, _name in portal.example_steps] == [
        "displaydummycertify",
        "displaycertify",
        "live",
    ]


def test_the_emulator_block_is_carried_over_and_kinds_become_python_names() -> None:
    monitor = emulation("monitor")

    assert monitor.case_insensitive_paths is True
    assert monitor.sends_retry_after is True
    assert monitor.auth_challenge is not None
    assert monitor.auth_challenge.startswith("Bearer authorization_uri=")
    assert monitor.error_codes["not_found"] == ("ResourceNotFound", "The operation '{id}' was not found.")


def test_scope_examples_reach_the_routes() -> None:
    routes = importlib.import_module("opstatus._generated.partner_portal.api").ROUTES

    assert [param.example for param in routes.status.path_params] == ["contoso", "contoso-offer", None]


def test_a_spec_without_an_emulator_block_or_declared_headers_gets_the_defaults(
    fourth_api_package: str,
) -> None:
    hints: Emulation = importlib.import_module(f"{fourth_api_package}.api").EMULATION

    assert hints.request_id_header == "x-ms-request-id"
    assert hints.client_request_id_header is None
    assert (hints.always_sends_client_request_id, hints.case_insensitive_paths, hints.sends_retry_after) == (
        False,
        False,
        False,
    )
    assert hints.auth_challenge is None
    assert dict(hints.error_codes) == {}
    assert hints.error_envelope == "ErrorEnvelope"
    assert hints.status_id_members == ("id",)
    assert dict(hints.spellings) == {
        "not_started": "queued",
        "running": "working",
        "succeeded": "done",
        "failed": "broken",
        "canceled": "broken",
    }


@pytest.mark.parametrize(
    ("key", "arm"), [("monitor", True), ("partner_portal", False), ("graph_billing", False)]
)
def test_an_api_whose_status_path_is_an_arm_resource_id_has_arm_operations(key: str, arm: bool) -> None:
    """The emulator serves ARM's Location/Azure-AsyncOperation URLs for these, by this flag alone."""
    assert emulation(key).arm_operations is arm


def test_a_new_api_has_no_arm_operations_unless_its_status_path_says_so() -> None:
    assert Emulation(request_id_header="x-ms-request-id").arm_operations is False


def test_the_status_unions_discriminator_and_its_value_per_state_come_from_the_specs_examples() -> None:
    """What the emulator sends as Graph's ``@odata.type`` per state: no hand-written copy of the enum."""
    hints = emulation("graph_billing")
    billing = "#microsoft.graph.partners.billing."
    assert hints.discriminator == "@odata.type"
    assert dict(hints.discriminator_values) == {
        "not_started": billing + "runningOperation",
        "running": billing + "runningOperation",
        "succeeded": billing + "exportSuccessOperation",
        "failed": billing + "failedOperation",
        "canceled": billing + "failedOperation",
    }


@pytest.mark.parametrize("key", ["monitor", "partner_portal"])
def test_a_status_body_without_a_union_has_no_discriminator(key: str) -> None:
    assert (emulation(key).discriminator, dict(emulation(key).discriminator_values)) == (None, {})
