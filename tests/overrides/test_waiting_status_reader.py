"""StatusReader: each API's status bodies, read through its polling table, into one vocabulary."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from opstatus._errors import OperationError
from opstatus._state import OperationState
from opstatus._status import StatusReader

from tests.overrides.waiting_fakes import (
    API_KEYS,
    as_served,
    fake_reader,
    fake_table,
    polling_table,
    status_examples,
)

S = OperationState

# Every 200 example of every spec, with what it must read as. Written by hand from the examples, not
# from the tables, so a wrong table entry fails here.
EXPECTED_STATES: dict[tuple[str, str], OperationState] = {
    ("monitor", "getSpecificOperationStatus"): S.SUCCEEDED,
    ("monitor", "runningOperation"): S.RUNNING,
    ("monitor", "failedOperation"): S.FAILED,
    ("partner_portal", "getOperation2020"): S.RUNNING,
    ("partner_portal", "getOperation2018"): S.RUNNING,
    ("partner_portal", "runningObject"): S.RUNNING,
    ("partner_portal", "completedObject"): S.SUCCEEDED,
    ("partner_portal", "failedObject"): S.FAILED,
    ("graph_billing", "exportSucceeded"): S.SUCCEEDED,
    ("graph_billing", "failed"): S.FAILED,
    ("graph_billing", "running"): S.RUNNING,
    ("graph_billing", "notStarted"): S.NOT_STARTED,
    ("graph_billing", "exportSucceededAsServed"): S.SUCCEEDED,
    ("graph_billing", "failedAsServed"): S.FAILED,
    ("graph_billing", "runningAsServed"): S.RUNNING,
}


def read_example(key: str, name: str) -> Any:
    table = polling_table(key)
    return StatusReader.from_table(table).read(as_served(table, status_examples(key)[name]))


def test_every_example_of_the_pinned_apis_has_an_expected_state() -> None:
    pinned = {key for key, _name in EXPECTED_STATES}
    in_specs = {(key, name) for key in API_KEYS if key in pinned for name in status_examples(key)}
    assert in_specs == set(EXPECTED_STATES)


@pytest.mark.parametrize("key", API_KEYS)
def test_every_status_example_of_every_api_reads_as_a_known_state(key: str) -> None:
    for name in status_examples(key):
        snapshot = read_example(key, name)
        assert snapshot.state is not OperationState.UNKNOWN, (key, name)
        assert snapshot.raw_status is not None


@pytest.mark.parametrize(("key", "name"), sorted(EXPECTED_STATES))
def test_spec_example_maps_to_its_state(key: str, name: str) -> None:
    snapshot = read_example(key, name)
    assert snapshot.state is EXPECTED_STATES[key, name]
    assert snapshot.raw_status is not None


def test_arm_running_example_reports_percent_complete() -> None:
    assert read_example("monitor", "runningOperation").percent == 40.5


def test_arm_failed_example_carries_the_nested_error() -> None:
    error = read_example("monitor", "failedOperation").error
    assert error == OperationError(
        code="PrivateLinkScopeValidationFailed",
        message="The private link scope could not be updated: a linked workspace was deleted.",
        details=(
            OperationError(code="ScopedResourceNotFound", message="The scoped resource does not exist."),
        ),
    )


def test_arm_succeeded_example_has_no_error_and_no_percent() -> None:
    snapshot = read_example("monitor", "getSpecificOperationStatus")
    assert (snapshot.error, snapshot.percent) == (None, None)


def test_cpp_steps_are_in_service_order_with_their_states() -> None:
    steps = read_example("partner_portal", "getOperation2020").steps
    assert [(step.name, step.raw_status, step.state) for step in steps] == [
        ("Validate Pre-Requisites", "complete", S.SUCCEEDED),
        ("Certification", "blocked", S.RUNNING),
        ("Provisioning", "notStarted", S.NOT_STARTED),
        ("Packaging and Lead Generation Registration", "notStarted", S.NOT_STARTED),
        ("Publisher signoff", "notStarted", S.NOT_STARTED),
        ("Live", "notStarted", S.NOT_STARTED),
    ]


def test_cpp_percent_is_the_mean_of_step_percentages() -> None:
    # One of six steps at 100%, the rest at 0%.
    assert read_example("partner_portal", "getOperation2020").percent == pytest.approx(100 / 6)
    assert read_example("partner_portal", "getOperation2018").percent == pytest.approx(50.0)


def test_cpp_step_without_a_percentage_counts_by_its_state() -> None:
    reader = StatusReader.from_table(polling_table("partner_portal"))
    body = {"status": "running", "steps": [{"status": "complete"}, {"status": "inProgress"}]}
    assert reader.read(body).percent == 50.0


def test_cpp_failed_example_reads_its_string_error() -> None:
    snapshot = read_example("partner_portal", "failedObject")
    message = "No virtual machine image was found for the plan contoso."
    assert snapshot.error == OperationError(message=message)
    assert snapshot.message == message


def test_cpp_operation_without_steps_has_no_percent() -> None:
    assert read_example("partner_portal", "failedObject").percent is None


def test_graph_failed_example_carries_code_and_message() -> None:
    snapshot = read_example("graph_billing", "failed")
    assert snapshot.error == OperationError(code="5000", message="No data available")
    assert snapshot.message == "No data available"


def test_graph_succeeded_example_points_to_its_manifest() -> None:
    link = read_example("graph_billing", "exportSucceeded").result_link
    assert (
        link
        == "https://graph.microsoft.com/v1.0/reports/partners/billing/manifests/8fe347d7-1e0f-4bd6-9091-4672691f32db"
    )


@pytest.mark.parametrize(
    ("key", "spellings", "state"),
    [
        ("monitor", ["Succeeded", "succeeded", "SUCCEEDED", "sUcCeEdEd"], S.SUCCEEDED),
        ("partner_portal", ["Not Started", "NOTSTARTED", "notstarted"], S.NOT_STARTED),
        ("partner_portal", ["Completed", "COMPLETE"], S.SUCCEEDED),
        ("graph_billing", ["Running", "RUNNING"], S.RUNNING),
    ],
)
def test_statuses_compare_case_insensitively(key: str, spellings: list[str], state: OperationState) -> None:
    reader = StatusReader.from_table(polling_table(key))
    assert {reader.read({"status": raw}).state for raw in spellings} == {state}


def test_unknown_status_is_unknown_and_keeps_the_raw_value() -> None:
    snapshot = fake_reader(api_key="unknown-raw").read({"status": "Reticulating"})
    assert (snapshot.state, snapshot.raw_status) == (S.UNKNOWN, "Reticulating")
    assert not snapshot.state.is_terminal


def test_unknown_status_is_logged_once_per_api_and_value(caplog: pytest.LogCaptureFixture) -> None:
    first, second = fake_reader(api_key="log-once-a"), fake_reader(api_key="log-once-b")
    with caplog.at_level(logging.WARNING, logger="opstatus._status"):
        for _ in range(3):
            first.read({"status": "Defragmenting"})
        fake_reader(api_key="log-once-a").read({"status": "Defragmenting"})  # same API, another reader
        first.read({"status": "Compacting"})
        second.read({"status": "Defragmenting"})
    warned = [(record.levelno, record.getMessage()) for record in caplog.records]
    assert warned == [
        (logging.WARNING, "log-once-a: unknown operation status 'Defragmenting', treated as not finished"),
        (logging.WARNING, "log-once-a: unknown operation status 'Compacting', treated as not finished"),
        (logging.WARNING, "log-once-b: unknown operation status 'Defragmenting', treated as not finished"),
    ]


@pytest.mark.parametrize("body", [{}, {"status": None}, {"status": 3}, [], "Succeeded", None])
def test_missing_or_non_string_status_is_unknown_without_raw_value(body: Any) -> None:
    snapshot = fake_reader().read(body)
    assert (snapshot.state, snapshot.raw_status) == (S.UNKNOWN, None)


@pytest.mark.parametrize(("sent", "read"), [(40.5, 40.5), (0, 0.0), (150, 100.0), (-3, 0.0)])
def test_percent_is_clamped_to_0_100(sent: float, read: float) -> None:
    assert fake_reader().read({"status": "InProgress", "percentComplete": sent}).percent == read


@pytest.mark.parametrize("sent", [True, "40", None, float("nan"), {"value": 4}])
def test_percent_that_is_not_a_number_is_none(sent: Any) -> None:
    assert fake_reader().read({"status": "InProgress", "percentComplete": sent}).percent is None


def test_numeric_error_code_is_kept_as_text() -> None:
    error = fake_reader().read({"status": "Failed", "error": {"code": 5000, "message": "x"}}).error
    assert error == OperationError(code="5000", message="x")


def test_error_object_without_any_field_is_no_error() -> None:
    assert fake_reader().read({"status": "Failed", "error": {"unrelated": 1}}).error is None


def test_deeply_nested_error_details_are_cut_not_recursed_forever() -> None:
    error: dict[str, Any] = {"code": "leaf"}
    for depth in range(50):
        error = {"code": f"level{depth}", "details": [error]}
    parsed = fake_reader().read({"status": "Failed", "error": error}).error
    depth_seen = 0
    while parsed is not None and parsed.details:
        parsed, depth_seen = parsed.details[0], depth_seen + 1
    assert depth_seen == 8


def test_step_messages_are_read_in_order_when_the_table_names_them() -> None:
    reader = fake_reader(
        steps_pointer="/steps",
        step_status_pointer="/status",
        step_name_pointer="/stepName",
        step_messages_pointer="/messages",
        step_message_text_pointer="/messageHtml",
    )
    body = {
        "status": "InProgress",
        "steps": [
            {"stepName": "Certify", "status": "InProgress", "messages": [{"messageHtml": "a"}, "b", 3]}
        ],
    }
    assert reader.read(body).steps[0].messages == ("a", "b")


def test_table_with_an_unknown_state_name_is_refused_naming_it() -> None:
    with pytest.raises(TypeError, match=r"states\['done'\] = 'finished' is no state"):
        StatusReader.from_table(fake_table(states={"done": "finished"}))


def test_table_without_a_status_pointer_is_refused_naming_it() -> None:
    with pytest.raises(TypeError, match="status_pointer must be a JSON pointer"):
        StatusReader.from_table(fake_table(status_pointer=None))


def test_json_pointer_escapes_are_honoured() -> None:
    reader = fake_reader(status_pointer="/a~1b/c~0d")
    assert reader.read({"a/b": {"c~d": "Succeeded"}}).state is S.SUCCEEDED
