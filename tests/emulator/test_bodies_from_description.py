"""Every body the emulator serves follows from the API's description: its examples, polling table and
``EMULATION`` (``times``, error members, the ARM trait, the demo block). No API is named here: each test
reads the fact it checks from the description, so a spec added to specs/ is held to the same rules.
"""

from __future__ import annotations

from typing import Any

import pytest
from opstatus.emulator import (
    API_KEYS,
    BlobSpec,
    Emulator,
    ErrorSpec,
    Lifecycle,
    ManifestSpec,
    Outcome,
    Phase,
    StepMessage,
    StepView,
    _bodies,
)
from opstatus.emulator._apis import ApiProfile, profile_for
from opstatus.emulator._cli import create_demo_operations
from opstatus.emulator._demos import demo_profiles, failing, failure_of, succeeding
from opstatus.emulator._examples import at_pointer

ORIGIN = "http://127.0.0.1:9"
START = 1000.0


def emulator_at_start() -> Emulator:
    emulator = Emulator(clock="virtual", seed=7)
    emulator.advance(START)
    return emulator


def read(profile: ApiProfile, emulator: Emulator, op: Any) -> dict[str, Any]:
    body = _bodies.status_body(profile, op, emulator.snapshot(op), clock=emulator.clock, origin=ORIGIN)
    one: dict[str, Any] = body[0] if isinstance(body, list) else body
    return one


def at(body: Any, pointer: str) -> Any:
    return at_pointer(body, pointer)


def moment(emulator: Emulator, seconds: float, *, naive: bool = False) -> str:
    value = emulator.clock.datetime_at(seconds)
    text = value.isoformat().replace("+00:00", "Z")
    return text.removesuffix("Z") if naive else text


def with_times() -> list[str]:
    return [api for api in API_KEYS if profile_for(api).emulation.times]


@pytest.mark.parametrize("api", with_times())
def test_the_times_members_carry_the_lifecycles_moments(api: str) -> None:
    profile = profile_for(api)
    emulator = emulator_at_start()
    op = emulator.create_operation(
        api, lifecycle=Lifecycle(phases=(Phase(seconds=30),), zone_less_created=False)
    )
    times = profile.emulation.times
    emulator.advance(10)

    running = read(profile, emulator, op)
    emulator.advance(30)
    done = read(profile, emulator, op)

    for pointer in times.get("created", ()):
        assert at(running, pointer) == at(done, pointer) == moment(emulator, START)
    for pointer in times.get("changed", ()):
        assert at(running, pointer) == moment(emulator, START)
        assert at(done, pointer) == moment(emulator, START + 30)
    for pointer in times.get("ended", ()):
        assert at(running, pointer) is None  # not ended yet: left out
        assert at(done, pointer) == moment(emulator, START + 30)


@pytest.mark.parametrize("api", API_KEYS)
def test_a_date_time_the_examples_write_without_a_zone_is_sent_without_one(api: str) -> None:
    profile = profile_for(api)
    emulator = emulator_at_start()
    op = emulator.create_operation(api)
    created = profile.emulation.times.get("created", ())
    examples = profile.emulation.status_examples.values()
    naive = [
        p for p in created if any(isinstance(at(e, p), str) and at(e, p)[-1].isdigit() for e in examples)
    ]

    body = read(profile, emulator, op)

    for pointer in created:
        assert at(body, pointer) == moment(emulator, START, naive=pointer in naive)


@pytest.mark.parametrize("api", API_KEYS)
def test_each_state_starts_from_its_example_and_keeps_its_other_members(api: str) -> None:
    profile = profile_for(api)
    emulation, table = profile.emulation, profile.polling
    emulator = emulator_at_start()
    op = emulator.create_operation(api, lifecycle=Lifecycle(phases=(Phase(seconds=5),)))
    emulator.advance(5)
    example = emulation.status_examples[emulation.state_examples["succeeded"]]
    lifecycle_driven = {
        pointer.lstrip("/").split("/")[0]
        for pointer in (
            table.error_pointer,
            table.percent_pointer,
            table.result_link_pointer,
            table.steps_pointer,
        )
        if pointer
    }

    body = read(profile, emulator, op)

    assert set(example) - lifecycle_driven <= set(body)


@pytest.mark.parametrize("api", API_KEYS)
def test_links_to_the_service_are_moved_onto_the_emulator(api: str) -> None:
    profile = profile_for(api)
    server = profile.polling.default_base_url
    emulator = emulator_at_start()
    op = emulator.create_operation(api)

    body = read(profile, emulator, op)

    strings = [value for value in body.values() if isinstance(value, str)]
    assert not [value for value in strings if value.startswith(server)]
    example = profile.emulation.status_examples[profile.emulation.state_examples["succeeded"]]
    for name, value in example.items():
        if isinstance(value, str) and value.startswith(server + "/") and name in body:
            assert body[name].startswith(ORIGIN + profile.base_path + "/")


ARM_APIS = [api for api in API_KEYS if profile_for(api).emulation.arm_operations]


@pytest.mark.parametrize("api", ARM_APIS)
def test_an_arm_operations_id_is_its_status_path_and_its_name_the_operation_id(api: str) -> None:
    profile = profile_for(api)
    emulator = emulator_at_start()
    op = emulator.create_operation(api)

    body = read(profile, emulator, op)

    assert body["id"].casefold() == op.status_path.casefold()
    assert body.get("name", op.id) == op.id


@pytest.mark.parametrize("api", API_KEYS)
def test_an_error_carries_the_members_its_schema_declares(api: str) -> None:
    profile = profile_for(api)
    table = profile.polling
    if table.error_pointer is None:
        pytest.skip("no error pointer")
    detail = ErrorSpec(code="Inner", message="Inner broke.", target="inner")
    error = ErrorSpec(code="Outer", message="Outer broke.", target="outer", details=(detail,))
    emulator = emulator_at_start()
    op = emulator.create_operation(api, lifecycle=Lifecycle(outcome=Outcome(state="failed", error=error)))

    sent = at(read(profile, emulator, op), table.error_pointer)

    members = profile.emulation.error_members
    if isinstance(sent, str):
        assert sent == "Outer broke."
        return
    assert sent["code"] == "Outer"
    assert sent["message"] == "Outer broke."
    assert ("target" in sent) == ("target" in members)
    assert ("details" in sent) == ("details" in members)
    if "details" in members:
        (inner,) = sent["details"]
        assert set(inner) - {"details"} == {"code", "message", "target"} & set(
            profile.emulation.error_detail_members
        )


STEP_APIS = [api for api in API_KEYS if profile_for(api).reports_steps]


@pytest.mark.parametrize("api", STEP_APIS)
def test_steps_are_rendered_through_the_step_pointers_from_the_examples_step(api: str) -> None:
    profile = profile_for(api)
    table = profile.polling
    assert table.steps_pointer
    assert table.step_name_pointer
    assert table.step_status_pointer
    step = StepView(
        id="s-1",
        status="inProgress",
        progress=40,
        name="Checking",
        description="Looks at everything.",
        estimated_time_frame="< 1 min",
        messages=(StepMessage(text="half way", level="warning"),),
    )
    emulator = emulator_at_start()
    op = emulator.create_operation(api, lifecycle=Lifecycle(phases=(Phase(seconds=9, steps=(step,)),)))
    emulator.advance(3)

    (sent,) = at(read(profile, emulator, op), table.steps_pointer)

    assert at(sent, table.step_name_pointer) == "Checking"
    assert at(sent, table.step_status_pointer) == "inProgress"
    if table.step_percent_pointer:
        assert at(sent, table.step_percent_pointer) == 40
    templates = [
        steps[0]
        for example in profile.emulation.status_examples.values()
        if isinstance(steps := at(example, table.steps_pointer), list) and steps
    ]
    assert set(templates[0]) <= set(sent)  # every member the example's step shows, no field list in code
    if table.step_messages_pointer:
        (message,) = at(sent, table.step_messages_pointer)
        text_at = table.step_message_text_pointer
        assert (at(message, text_at) if text_at else message) == "half way"


LIST_APIS = [api for api in API_KEYS if any(r.kind == "list" for r in profile_for(api).routes)]


@pytest.mark.parametrize("api", LIST_APIS)
def test_a_list_item_carries_the_status_where_its_example_does_and_the_scope(api: str) -> None:
    profile = profile_for(api)
    route = next(r for r in profile.routes if r.kind == "list")
    example = profile.emulation.examples.get(route.route.operation_id)
    emulator = emulator_at_start()
    op = emulator.create_operation(api, lifecycle=Lifecycle(outcome=Outcome(state="failed")))
    raw = profile.spellings["failed"]
    states = profile.polling.states

    (item,) = _bodies.list_body(profile, route, [(op, emulator.snapshot(op), raw)], clock=emulator.clock)

    if example is None:  # the spec shows no list body (Export jobs): the status sits where a read has it
        assert at_pointer(item, profile.status_pointer) == raw
        return
    status_members = [k for k, v in example.items() if isinstance(v, str) and v.casefold() in states]
    assert status_members, "the list example shows a status"
    assert all(item[member] == raw for member in status_members)
    for name in profile.scope_params:
        if name in example:
            assert item[name] == op.params[name]


RESULT_APIS = [api for api in API_KEYS if profile_for(api).result_route is not None]


@pytest.mark.parametrize("api", RESULT_APIS)
def test_a_results_members_are_set_from_the_lifecycle_by_name(api: str) -> None:
    profile = profile_for(api)
    manifest = ManifestSpec(
        id="r-1", blobs=(BlobSpec(name="a.gz"), BlobSpec(name="b.gz", partition_value="p")), sas_token="sig=x"
    )
    emulator = emulator_at_start()
    op = emulator.create_operation(api, lifecycle=Lifecycle(manifest=manifest))
    assert profile.result_route is not None
    declared = {f.alias or n for n, f in profile.body_model(profile.result_route).model_fields.items()}

    body = _bodies.manifest_body(profile, op, emulator.snapshot(op), clock=emulator.clock, origin=ORIGIN)

    assert body["id"] == "r-1"
    example = profile.emulation.examples[profile.result_route.route.operation_id]
    named_after = [k for k, v in example.items() if k != "id" and isinstance(v, str) and example["id"] in v]
    assert all("r-1" in body[member] for member in named_after)
    if "sasToken" in declared:
        assert body["sasToken"] == "sig=x"
    if {"blobs", "blobCount"} <= declared:
        assert body["blobCount"] == 2
        assert body["blobs"][1] == {"name": "b.gz", "partitionValue": "p"}


def test_the_demos_hold_every_api_of_the_build_in_the_specs_order() -> None:
    ordered = demo_profiles()

    assert sorted(p.key for p in ordered) == sorted(API_KEYS)
    given = [p.emulation.demo_order for p in ordered if p.emulation.demo_order is not None]
    assert given == sorted(given)
    assert all(p.emulation.demo_order is None for p in ordered[len(given) :])


@pytest.mark.parametrize("api", API_KEYS)
def test_each_apis_demo_lifecycles_end_as_they_say_and_fail_with_the_examples_error(api: str) -> None:
    profile = profile_for(api)

    ok, broken = succeeding(profile, 10), failing(profile, 10)

    assert ok.outcome.state == "succeeded"
    assert broken.outcome.state == "failed"
    assert broken.outcome.error == failure_of(profile)
    failed_example = profile.emulation.status_examples.get(profile.emulation.state_examples.get("failed", ""))
    message_at = profile.polling.message_pointer
    if failed_example and message_at and isinstance(at(failed_example, message_at), str):
        assert failure_of(profile).message == at(failed_example, message_at)
    if profile.reports_steps and profile.emulation.example_steps:
        names = [step.name for step in ok.outcome.steps or ()]
        assert names == [name for _id, name in profile.emulation.example_steps]


def test_the_emulators_demo_starts_with_the_quickstart_operation_under_its_examples_ids() -> None:
    from opstatus.emulator import EmulatorServer

    quickstart = [p for p in demo_profiles() if p.emulation.demo_quickstart]
    with EmulatorServer(clock="virtual") as server:
        created = create_demo_operations(server)

    assert len(created) == 2 * len(API_KEYS) + len(quickstart)
    if quickstart:
        label, first = created[0]
        example = quickstart[0].emulation.status_examples[quickstart[0].emulation.state_examples["succeeded"]]
        assert first.api == quickstart[0].key
        assert first.id in example.values()
        assert "quickstart" in label


def test_a_self_link_in_an_example_names_the_served_resource() -> None:
    example = {"id": "ex-1", "url": "https://dev.example/_apis/operations/ex-1", "kind": "ex"}

    body = _bodies._with_id(example, "op-9")

    assert body == {"id": "op-9", "url": "https://dev.example/_apis/operations/op-9", "kind": "ex"}
