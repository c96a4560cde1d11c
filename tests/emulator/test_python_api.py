"""The emulator's Python API in process: lifecycle arithmetic, validation, faults, the ASGI app."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import anyio
import httpx
import opstatus
import pytest
from opstatus._routes import Param
from opstatus.emulator import (
    API_KEYS,
    Emulator,
    ErrorSpec,
    FaultKind,
    FaultPlan,
    InvalidOperationSpecError,
    Lifecycle,
    OperationConflictError,
    Outcome,
    Phase,
    PlannedStep,
    StepView,
    UnknownOperationError,
    create_app,
    step_plan,
)
from opstatus.emulator._apis import default_value
from opstatus.emulator._faults import FaultDecider
from opstatus.emulator._lifecycle import snapshot_at
from pydantic import ValidationError

# --- lifecycle arithmetic -----------------------------------------------------------------------------

_SCRIPT = Lifecycle(
    phases=(
        Phase(state="not_started", seconds=2, steps=(StepView(id="a", status="notStarted"),)),
        Phase(seconds=0),
        Phase(seconds=3, status="Provisioning", percent=30, steps=(StepView(id="a", status="inProgress"),)),
    ),
    outcome=Outcome(state="failed", status="Failed"),
)


@pytest.mark.parametrize(
    ("now", "state", "status", "changed_at"),
    [
        (0.0, "not_started", None, 0.0),
        (1.99, "not_started", None, 0.0),
        (2.0, "running", "Provisioning", 2.0),
        (4.99, "running", "Provisioning", 2.0),
        (5.0, "failed", "Failed", 5.0),
        (500.0, "failed", "Failed", 5.0),
    ],
)
def test_a_snapshot_is_the_phase_whose_window_holds_now(
    now: float, state: str, status: str | None, changed_at: float
) -> None:
    snap = snapshot_at(_SCRIPT, created_at=0.0, canceled_at=None, now=now)

    assert (snap.state, snap.status, snap.changed_at) == (state, status, changed_at)
    assert snap.terminal == (state == "failed")


def test_the_outcome_keeps_the_last_phases_steps_unless_it_names_its_own() -> None:
    snap = snapshot_at(_SCRIPT, created_at=0.0, canceled_at=None, now=10.0)

    assert snap.steps == (StepView(id="a", status="inProgress"),)
    assert snap.ended_at == 5.0


def test_a_cancel_ends_the_operation_from_its_instant_with_the_steps_of_that_moment() -> None:
    before = snapshot_at(_SCRIPT, created_at=10.0, canceled_at=11.0, now=10.5)
    after = snapshot_at(_SCRIPT, created_at=10.0, canceled_at=11.0, now=11.0)

    assert before.state == "not_started"
    assert (after.state, after.ended_at) == ("canceled", 11.0)
    assert after.steps == (StepView(id="a", status="notStarted"),)


def test_short_forms_build_the_scripts_they_name() -> None:
    assert Lifecycle.succeeds(after=3).duration == 3
    assert Lifecycle.fails(code="X", message="Y").outcome.error == ErrorSpec(code="X", message="Y")
    assert Lifecycle.canceled().outcome.state == "canceled"
    assert Lifecycle.never_finishes(status="Paused").phases[0].status == "Paused"


@pytest.mark.parametrize(
    "build",
    [
        lambda: Outcome(state="succeeded", error=ErrorSpec(code="X", message="Y")),
        lambda: Lifecycle(cancel_outcome=Outcome(state="failed")),
        lambda: Lifecycle(retry_after=-1),
        lambda: Phase(seconds=float("inf")),
        lambda: Phase(percent=101),
        lambda: Lifecycle.model_validate({"phases": [{"seconds": 1, "colour": "red"}]}),
    ],
)
def test_an_impossible_lifecycle_is_refused_when_built(build: Any) -> None:
    with pytest.raises(ValidationError):
        build()


def test_a_step_plan_walks_each_step_through_its_percentages() -> None:
    plan = step_plan(
        [
            PlannedStep(id="a", name="A", seconds=2, progress=(0, 50)),
            PlannedStep(id="b", name="B", progress=(10,)),
        ],
        queued_seconds=1,
    )

    boards = [[(s.id, s.status, s.progress) for s in phase.steps or ()] for phase in plan.phases]

    assert [phase.seconds for phase in plan.phases] == [1, 1, 1, 1]
    assert boards[0] == [("a", "notStarted", 0), ("b", "notStarted", 0)]
    assert boards[2] == [("a", "inProgress", 50), ("b", "notStarted", 0)]
    assert boards[3] == [("a", "complete", 100), ("b", "inProgress", 10)]
    assert [(s.id, s.status) for s in plan.outcome.steps or ()] == [("a", "complete"), ("b", "complete")]


def test_a_failing_step_plan_stops_at_the_failing_step_with_its_message() -> None:
    error = ErrorSpec(code="Rejected", message="Image missing")
    plan = step_plan(
        [PlannedStep(id="a", name="A"), PlannedStep(id="b", name="B"), PlannedStep(id="c", name="C")],
        outcome="failed",
        fail_at="b",
        error=error,
    )

    final = plan.outcome.steps or ()

    assert plan.outcome.error == error
    assert [(s.id, s.status) for s in final] == [("a", "complete"), ("b", "failed"), ("c", "notStarted")]
    assert final[1].messages[0].text == "Image missing"
    assert len(plan.phases) == 4


def test_a_step_plan_refuses_an_unknown_failing_step() -> None:
    with pytest.raises(ValueError, match="fail_at 'z'"):
        step_plan([PlannedStep(id="a", name="A")], outcome="failed", fail_at="z")


# --- fault decisions --------------------------------------------------------------------------------------


def _draws(decider: FaultDecider, scope: str, count: int) -> list[str | None]:
    out = []
    for _ in range(count):
        fault = decider.decide((scope, "*"))
        out.append(fault.kind.value if fault else None)
    return out


def test_fault_draws_of_one_scope_do_not_depend_on_other_scopes_traffic() -> None:
    plan = FaultPlan(rate=0.5, seed=3)
    alone, interleaved = FaultDecider(), FaultDecider()
    for decider in (alone, interleaved):
        decider.set("x", plan)
        decider.set("y", plan)

    expected = _draws(alone, "x", 20)
    mixed = []
    for _ in range(20):
        interleaved.decide(("y", "*"))
        mixed.extend(_draws(interleaved, "x", 1))

    assert mixed == expected


def test_a_scope_without_its_own_plan_falls_back_to_the_global_one() -> None:
    decider = FaultDecider()
    decider.set("*", FaultPlan.always(FaultKind.THROTTLE))

    assert _draws(decider, "op", 2) == ["throttle", "throttle"]
    decider.set("op", FaultPlan())
    assert _draws(decider, "op", 2) == [None, None]


@pytest.mark.parametrize(
    "options",
    [
        {"rate": -0.1},
        {"mix": {"throttle": -1}},
        {"mix": {"throttle": 0}},
        {"odd_statuses": [200]},
        {"retry_after": -1},
    ],
)
def test_an_impossible_fault_plan_is_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        FaultPlan.model_validate(options)


# --- the Emulator object -----------------------------------------------------------------------------


def test_create_operation_fills_scope_defaults_and_a_seeded_id() -> None:
    first, second = Emulator(seed=9), Emulator(seed=9)

    op = first.create_operation("monitor")

    assert op.id == second.create_operation("monitor").id
    assert op.params == {
        "subscriptionId": "613192d7-503f-477a-9cfe-4efc3ee2bd60",
        "resourceGroupName": "MyResourceGroup",
        "asyncOperationId": op.id,
    }


def test_status_urls_percent_encode_ids() -> None:
    op = Emulator().create_operation("partner_portal", operation_id="contoso$offer$2$preview")

    assert op.status_url("http://127.0.0.1:1") == (
        "http://127.0.0.1:1/api/publishers/contoso/offers/contoso-offer/operations/"
        "contoso%24offer%242%24preview?api-version=2017-10-31"
    )


@pytest.mark.parametrize(
    ("api", "options", "fragment"),
    [
        ("nope", {}, "expected one of " + ", ".join(API_KEYS)),
        ("monitor", {"operation_id": ""}, "asyncOperationId '' must be at least 1"),
        ("graph_billing", {"operation_id": "a/b"}, "must match"),
        ("partner_portal", {"params": {"offerId": "x" * 101}}, "at most 100"),
        ("graph_billing", {"params": {"offerId": "x"}}, "scope parameters: none"),
        (
            "partner_portal",
            {"lifecycle": Lifecycle(phases=(Phase(percent=1),))},
            "partner_portal has no such",
        ),
        (
            "graph_billing",
            {"lifecycle": Lifecycle(outcome=Outcome(state="failed", error_body={"code": 5}))},
            "models refuse the failed stage",
        ),
    ],
)
def test_create_operation_refuses_what_the_spec_would_refuse(
    api: str, options: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(InvalidOperationSpecError, match=re.escape(fragment)):
        Emulator().create_operation(api, **options)


def test_duplicates_conflict_and_unknown_operations_are_lookup_errors() -> None:
    emulator = Emulator()
    emulator.create_operation("monitor", operation_id="once")

    with pytest.raises(OperationConflictError):
        emulator.create_operation("monitor", operation_id="once")
    with pytest.raises(UnknownOperationError):
        emulator.get_operation("monitor", "never")
    assert issubclass(UnknownOperationError, LookupError)
    assert issubclass(UnknownOperationError, opstatus.OpStatusError)


def test_emulator_options_are_checked() -> None:
    with pytest.raises(InvalidOperationSpecError, match="tick_per_request needs clock='virtual'"):
        Emulator(tick_per_request=1)
    with pytest.raises(InvalidOperationSpecError, match="token"):
        Emulator(token=" ")
    with pytest.raises(RuntimeError, match="virtual"):
        Emulator().advance(1)
    with pytest.raises(InvalidOperationSpecError, match="both api and operation_id"):
        Emulator().set_faults(None, api="monitor")


def test_the_request_log_keeps_only_the_newest_entries() -> None:
    emulator = Emulator(max_logged_requests=2, clock="virtual")
    op = emulator.create_operation("graph_billing")
    for _ in range(3):
        get(emulator, op.status_path)

    assert [entry.seq for entry in emulator.requests()] == [2, 3]


# --- the ASGI app in process -------------------------------------------------------------------------


def get(emulator: Emulator, path: str, **kwargs: Any) -> httpx.Response:
    """One GET through ``httpx.ASGITransport`` on the emulator's app (no socket)."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=emulator.app)
        headers = {"Authorization": "Bearer t"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=headers
        ) as client:
            return await client.get(path, **kwargs)

    return anyio.run(go)


def test_ticks_per_request_move_a_virtual_operation_along() -> None:
    emulator = Emulator(clock="virtual", tick_per_request=5)
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=10))

    statuses = [get(emulator, op.status_path).json()["status"] for _ in range(3)]

    assert statuses == ["running", "running", "succeeded"]


def test_create_app_makes_or_serves_an_emulator() -> None:
    app = create_app(clock="virtual", seed=1)
    mine = Emulator()

    assert app.emulator.clock.mode == "virtual"
    assert create_app(mine).emulator is mine
    with pytest.raises(TypeError):
        create_app(mine, clock="virtual")


def test_a_dropped_connection_in_process_raises_what_a_real_client_would_see() -> None:
    emulator = Emulator(faults=FaultPlan.always(FaultKind.DROP))
    op = emulator.create_operation("monitor")

    with pytest.raises(httpx.RemoteProtocolError):
        get(emulator, op.status_path, params={"api-version": "2019-10-17-preview"})


def test_an_emulator_bug_answers_500_in_the_envelope(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = Emulator()
    op = emulator.create_operation("monitor")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("opstatus.emulator._api.status_body", broken)
    response = get(emulator, op.status_path, params={"api-version": "2019-10-17-preview"})

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "InternalServerError"


def test_importing_opstatus_loads_none_of_the_emulators_dependencies() -> None:
    code = (
        "import sys, opstatus\n"
        "heavy = [m for m in ('opstatus.emulator', 'starlette', 'uvicorn', 'pydantic') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == ""


# --- first contact: ids and clocks ---------------------------------------------------------------------


def test_without_a_seed_each_emulator_draws_its_own_ids() -> None:
    first, second = Emulator(), Emulator()

    assert first.create_operation("monitor").id != second.create_operation("monitor").id


def test_an_operation_that_starts_on_its_first_read_has_not_run_before_it() -> None:
    emulator = Emulator(clock="virtual")
    op = emulator.create_operation(
        "graph_billing", lifecycle=Lifecycle.succeeds(after=10), starts_on_first_read=True
    )
    emulator.advance(3600)  # an hour before anybody looks

    first = get(emulator, f"{op.status_path}")
    emulator.advance(10)
    later = get(emulator, f"{op.status_path}")

    assert first.json()["status"] == "running"
    assert later.json()["status"] == "succeeded"
    assert emulator.get_operation("graph_billing", op.id).created_at == 3600


def test_an_operation_that_starts_now_is_finished_an_hour_later() -> None:
    emulator = Emulator(clock="virtual")
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=10))
    emulator.advance(3600)

    assert get(emulator, op.status_path).json()["status"] == "succeeded"


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        (
            Param(wire="offerId", python="offer_id", example="contoso-offer", pattern=r"^[a-z-]+$"),
            "contoso-offer",
        ),
        (Param(wire="tenant", python="tenant", pattern=r"^[a-z]+$"), "default"),
        (Param(wire="shard", python="shard", pattern=r"^\d+$"), "0"),
        (Param(wire="region", python="region", pattern=r"^[A-Z]{2}$"), None),
        (Param(wire="bad", python="bad", example="x y", pattern=r"^\w+$"), None),
    ],
)
def test_a_scope_default_is_the_specs_example_else_a_short_value_its_rules_accept(
    param: Param, expected: str | None
) -> None:
    assert default_value(param) == expected
