"""Every API's opstatus clients, sync and async, wait through whole lifecycles served over 127.0.0.1.

Time is the emulator's virtual clock: each client reads it as its ``clock`` and its ``sleep`` advances
it, so a lifecycle of minutes runs in milliseconds and nothing sleeps for real (except the ``slow``
fault, which is about real read timeouts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

import opstatus
import pytest
from opstatus import OperationState, ProgressEvent
from opstatus._generated import CLIENTS
from opstatus.emulator import (
    API_KEYS,
    EmulatedOperation,
    EmulatorServer,
    ErrorSpec,
    FaultKind,
    FaultPlan,
    Lifecycle,
    Outcome,
    Phase,
    PlannedStep,
    step_plan,
)
from opstatus.emulator._apis import profile_for

from tests.api_catalog import case, credentials

APIS = API_KEYS

_SYNC: Mapping[str, type[Any]] = {
    key: getattr(opstatus, name) for name, key in CLIENTS.items() if not name.startswith("Async")
}
_ASYNC: Mapping[str, type[Any]] = {
    key: getattr(opstatus, name) for name, key in CLIENTS.items() if name.startswith("Async")
}
# A running spelling other than the default and a status no table lists, in each API's own idiom; an API
# added later gets its default running spelling and "paused".
_RUNNING_STATUS = {"monitor": "InProgress", "partner_portal": "inProgress", "graph_billing": "running"}
_UNKNOWN_STATUS = {"monitor": "Paused", "partner_portal": "onHold", "graph_billing": "paused"}


def running_status(api: str) -> str:
    return _RUNNING_STATUS.get(api) or profile_for(api).spellings["running"]


def unknown_status(api: str) -> str:
    return _UNKNOWN_STATUS.get(api, "paused")


# Every injected fault is transient for a safe GET, and the clients retry it (opstatus._retry): 429,
# 5xx, gateway codes 499/520, transport errors, read timeouts, and 200s whose body is not JSON.
RETRIED = (
    FaultKind.THROTTLE,
    FaultKind.SERVER_ERROR,
    FaultKind.UNAVAILABLE,
    FaultKind.DROP,
    FaultKind.TRUNCATED,
    FaultKind.HTML_ERROR,
    FaultKind.SLOW,
    FaultKind.INVALID_JSON,
    FaultKind.NON_JSON,
    FaultKind.ODD_STATUS,
)
# What a fault that never stops ends a wait with, once the retries are used up.
RAISED_WHEN_PERSISTENT: Mapping[FaultKind, type[opstatus.OpStatusError]] = {
    FaultKind.INVALID_JSON: opstatus.DecodeError,
    FaultKind.NON_JSON: opstatus.DecodeError,
    FaultKind.ODD_STATUS: opstatus.ServiceError,
}
_SLOW_SECONDS = 1.0
_CLIENT_READ_TIMEOUT = 0.25


def ids(op: EmulatedOperation) -> dict[str, str]:
    """The client's keyword arguments for ``op``, named as the generated status route names them."""
    params = profile_for(op.api).status_route.route.path_params
    return {param.python: op.params[param.wire] for param in params}


def sync_client(api: str, emulator: EmulatorServer, **options: Any) -> Any:
    def sleep(seconds: float) -> None:
        emulator.advance(seconds)

    return _SYNC[api](
        base_url=emulator.base_urls[api],
        clock=emulator.now,
        sleep=sleep,
        **credentials(api, "emulator-token"),
        **options,
    )


def async_client(api: str, emulator: EmulatorServer, **options: Any) -> Any:
    async def sleep(seconds: float) -> None:
        emulator.advance(seconds)

    return _ASYNC[api](
        base_url=emulator.base_urls[api],
        clock=emulator.now,
        sleep=sleep,
        **credentials(api, "emulator-token"),
        **options,
    )


def wait_sync(
    api: str,
    emulator: EmulatorServer,
    op: EmulatedOperation,
    *,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    **options: Any,
) -> Any:
    with sync_client(api, emulator, **options) as client:
        return client.wait(**ids(op), timeout=3600, on_progress=on_progress)


async def wait_async(
    api: str,
    emulator: EmulatorServer,
    op: EmulatedOperation,
    *,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    **options: Any,
) -> Any:
    async with async_client(api, emulator, **options) as client:
        return await client.wait(**ids(op), timeout=3600, on_progress=on_progress)


def lifecycle(api: str, outcome: Outcome, *, status: str | None = None) -> Lifecycle:
    """Queued 2 s, running 6 s in the API's own progress form (ARM percent, CPP steps), then ``outcome``."""
    profile = profile_for(api)
    if profile.reports_steps:
        plan = step_plan(
            [
                PlannedStep(id="validate", name="Validate", seconds=3),
                PlannedStep(id="live", name="Live", seconds=3),
            ],
            queued_seconds=2,
            running_status=status,
        )
        final = outcome.steps if outcome.steps is not None else plan.outcome.steps
        return plan.model_copy(update={"outcome": outcome.model_copy(update={"steps": final})})
    return Lifecycle(
        phases=(
            Phase(state="not_started", seconds=2),
            Phase(seconds=6, status=status, percent=50.0 if profile.reports_percent else None),
        ),
        outcome=outcome,
    )


FAILED = Outcome(state="failed", error=ErrorSpec(code="ExportFailed", message="No data available"))


# --- success ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_sync_client_waits_through_queued_and_running_to_success(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome(), status=running_status(api)))
    events: list[ProgressEvent] = []

    wait_sync(api, emulator, op, on_progress=events.append)

    states = [event.state for event in events]
    assert states[0] is OperationState.NOT_STARTED
    assert OperationState.RUNNING in states
    assert states[-1] is OperationState.SUCCEEDED
    assert emulator.now() >= 8
    assert running_status(api) in {event.raw_status for event in events}


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_client_waits_through_queued_and_running_to_success(
    api: str, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome(), status=running_status(api)))
    events: list[ProgressEvent] = []

    await wait_async(api, emulator, op, on_progress=events.append)

    states = [event.state for event in events]
    assert states[0] is OperationState.NOT_STARTED
    assert OperationState.RUNNING in states
    assert states[-1] is OperationState.SUCCEEDED


def test_monitor_progress_reports_percent_complete(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=lifecycle("monitor", Outcome()))
    events: list[ProgressEvent] = []

    wait_sync("monitor", emulator, op, on_progress=events.append)

    assert 50.0 in {event.percent for event in events if event.state is OperationState.RUNNING}


def test_partner_portal_progress_walks_the_step_plan(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=lifecycle("partner_portal", Outcome()))
    events: list[ProgressEvent] = []

    wait_sync("partner_portal", emulator, op, on_progress=events.append)

    seen = {(step.name, step.raw_status, step.percent) for event in events for step in event.steps}
    assert ("Validate", "inProgress", 50.0) in seen
    assert ("Validate", "complete", 100.0) in seen
    assert ("Live", "notStarted", 0.0) in seen
    assert [step.state for step in events[-1].steps] == [OperationState.SUCCEEDED, OperationState.SUCCEEDED]


def test_graph_export_result_leads_to_its_manifest(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=lifecycle("graph_billing", Outcome()))

    with sync_client("graph_billing", emulator) as client:
        result = client.wait(operation_id=op.id, timeout=3600)
        manifest = client.get_manifest_for(result)

    assert isinstance(result, opstatus.graph_billing.ExportSuccessOperation)
    assert result.resource_location_navigation_link == emulator.manifest_url_for(op)
    assert manifest.id == op.manifest_id
    assert manifest.blob_count == 1


@pytest.mark.anyio
async def test_async_graph_export_result_leads_to_its_manifest(emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=lifecycle("graph_billing", Outcome()))

    async with async_client("graph_billing", emulator) as client:
        result = await client.wait(operation_id=op.id, timeout=3600)
        manifest = await client.get_manifest_for(result)

    assert manifest.id == op.manifest_id


# --- failure, cancel, unknown status ---------------------------------------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_sync_client_raises_the_operations_own_error_on_failure(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, FAILED))

    with pytest.raises(opstatus.OperationFailedError) as caught:
        wait_sync(api, emulator, op)

    assert caught.value.error is not None
    assert caught.value.error.message == "No data available"
    if case(api).error_has_a_code:  # else a bare message (CPP, spec DECISION P6)
        assert caught.value.error.code == "ExportFailed"


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_client_raises_the_operations_own_error_on_failure(
    api: str, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, FAILED))

    with pytest.raises(opstatus.OperationFailedError) as caught:
        await wait_async(api, emulator, op)

    assert caught.value.error is not None
    assert caught.value.error.message == "No data available"


def canceled_as(api: str) -> type[opstatus.OpStatusError]:
    """An API without a canceled state (Graph) reports a canceled operation as failed."""
    has_canceled = "canceled" in profile_for(api).polling.states.values()
    return opstatus.OperationCanceledError if has_canceled else opstatus.OperationFailedError


def _cancel_once_running(emulator: EmulatorServer, op: EmulatedOperation) -> Callable[[ProgressEvent], None]:
    def on_progress(event: ProgressEvent) -> None:
        if (
            event.state is OperationState.RUNNING
            and emulator.get_operation(op.api, op.id).canceled_at is None
        ):
            emulator.cancel_operation(op.api, op.id)

    return on_progress


@pytest.mark.parametrize("api", APIS)
def test_sync_client_sees_a_cancel_made_while_it_waits(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()))

    with pytest.raises(canceled_as(api)):
        wait_sync(api, emulator, op, on_progress=_cancel_once_running(emulator, op))

    assert emulator.state(api, op.id).state == "canceled"


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_client_sees_a_cancel_made_while_it_waits(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()))

    with pytest.raises(canceled_as(api)):
        await wait_async(api, emulator, op, on_progress=_cancel_once_running(emulator, op))


@pytest.mark.parametrize("api", APIS)
def test_scripted_cancel_raises_canceled(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome(state="canceled")))

    with pytest.raises(canceled_as(api)):
        wait_sync(api, emulator, op)


def _with_unknown_phase(api: str) -> Lifecycle:
    base = lifecycle(api, Outcome())
    unknown = Phase(seconds=4, status=unknown_status(api))
    return base.model_copy(update={"phases": (*base.phases, unknown)})


@pytest.mark.parametrize("api", APIS)
def test_sync_client_waits_through_an_unknown_status(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=_with_unknown_phase(api))
    events: list[ProgressEvent] = []

    wait_sync(api, emulator, op, on_progress=events.append)

    unknown = [event for event in events if event.state is OperationState.UNKNOWN]
    assert unknown
    assert {event.raw_status for event in unknown} == {unknown_status(api)}
    assert events[-1].state is OperationState.SUCCEEDED


@pytest.mark.anyio
@pytest.mark.parametrize("api", APIS)
async def test_async_client_waits_through_an_unknown_status(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api, lifecycle=_with_unknown_phase(api))
    events: list[ProgressEvent] = []

    await wait_async(api, emulator, op, on_progress=events.append)

    assert OperationState.UNKNOWN in {event.state for event in events}
    assert events[-1].state is OperationState.SUCCEEDED


@pytest.mark.parametrize("api", APIS)
def test_every_spelling_in_the_polling_table_reads_as_its_state(api: str, emulator: EmulatorServer) -> None:
    with sync_client(api, emulator) as client:
        for raw, state in _states(api).items():
            if state in ("succeeded", "failed", "canceled"):
                script = Lifecycle(outcome=Outcome(state=state, status=raw))  # type: ignore[arg-type]
            else:
                script = Lifecycle(phases=(Phase(state=state, seconds=60, status=raw),))  # type: ignore[arg-type]
            op = emulator.create_operation(api, lifecycle=script)
            snapshot = client.poller(**ids(op)).refresh()
            assert (raw, snapshot.state) == (raw, OperationState(state))


def _states(api: str) -> Mapping[str, str]:
    states: Mapping[str, str] = import_module(f"opstatus._generated.{api}.polling").TABLE.states
    return states


# --- faults ---------------------------------------------------------------------------------------------


def _fault_options(kind: FaultKind) -> dict[str, Any]:
    if kind is FaultKind.SLOW:
        return {"timeout": _CLIENT_READ_TIMEOUT}
    return {}


@pytest.mark.parametrize("kind", RETRIED, ids=str)
@pytest.mark.parametrize("api", APIS)
def test_sync_client_rides_out_a_transient_fault(api: str, kind: FaultKind, emulator: EmulatorServer) -> None:
    plan = FaultPlan.scripted(kind, kind, slow_seconds=_SLOW_SECONDS)
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=plan)

    wait_sync(api, emulator, op, **_fault_options(kind))

    log = emulator.requests(api=api)
    assert [entry.fault for entry in log[:2]] == [kind.value, kind.value]
    assert log[-1].fault is None
    assert log[-1].status == 200


@pytest.mark.anyio
@pytest.mark.parametrize("kind", RETRIED, ids=str)
@pytest.mark.parametrize("api", APIS)
async def test_async_client_rides_out_a_transient_fault(
    api: str, kind: FaultKind, emulator: EmulatorServer
) -> None:
    plan = FaultPlan.scripted(kind, kind, slow_seconds=_SLOW_SECONDS)
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=plan)

    await wait_async(api, emulator, op, **_fault_options(kind))

    assert [entry.fault for entry in emulator.requests(api=api)[:2]] == [kind.value, kind.value]


_PERSISTENT = [
    (FaultKind.INVALID_JSON, 499),
    (FaultKind.NON_JSON, 499),
    (FaultKind.ODD_STATUS, 499),
    (FaultKind.ODD_STATUS, 520),
]
_TWO_TRIES = opstatus.RetryPolicy(max_attempts=2, backoff=0.1)


@pytest.mark.parametrize(("kind", "odd_status"), _PERSISTENT, ids=lambda value: str(value))
@pytest.mark.parametrize("api", APIS)
def test_sync_client_raises_a_typed_error_once_a_persistent_fault_used_up_the_retries(
    api: str, kind: FaultKind, odd_status: int, emulator: EmulatorServer
) -> None:
    plan = FaultPlan.always(kind, odd_statuses=(odd_status,))
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=plan)

    with pytest.raises(RAISED_WHEN_PERSISTENT[kind]) as caught:
        wait_sync(api, emulator, op, retry=_TWO_TRIES)

    if kind is FaultKind.ODD_STATUS:
        assert isinstance(caught.value, opstatus.ServiceError)
        assert caught.value.status_code == odd_status
    else:
        assert isinstance(caught.value, opstatus.DecodeError)
        assert caught.value.where == "body"
    assert len(emulator.requests(api=api)) == 2


@pytest.mark.anyio
@pytest.mark.parametrize("kind", list(RAISED_WHEN_PERSISTENT), ids=str)
@pytest.mark.parametrize("api", APIS)
async def test_async_client_raises_a_typed_error_once_a_persistent_fault_used_up_the_retries(
    api: str, kind: FaultKind, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=FaultPlan.always(kind))

    with pytest.raises(RAISED_WHEN_PERSISTENT[kind]):
        await wait_async(api, emulator, op, retry=_TWO_TRIES)

    assert len(emulator.requests(api=api)) == 2


@pytest.mark.parametrize("status", [501, 505])
@pytest.mark.parametrize("api", APIS)
def test_sync_client_raises_at_once_for_a_status_no_retry_can_change(
    api: str, status: int, emulator: EmulatorServer
) -> None:
    plan = FaultPlan.always(FaultKind.ODD_STATUS, odd_statuses=(status,))
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=plan)

    with pytest.raises(opstatus.ServiceError) as caught:
        wait_sync(api, emulator, op)

    assert caught.value.status_code == status
    assert len(emulator.requests(api=api)) == 1


@pytest.mark.parametrize("api", APIS)
def test_sync_client_finishes_through_a_seeded_storm_of_transient_faults(
    api: str, emulator: EmulatorServer
) -> None:
    mix: dict[FaultKind, float] = {kind: 1.0 for kind in RETRIED if kind is not FaultKind.SLOW}
    # The storm opens with three faults in a row (how many of the seeded draws fail depends on the
    # operation's id, which depends on how many operations earlier tests created).
    opening = (FaultKind.INVALID_JSON, FaultKind.ODD_STATUS, FaultKind.NON_JSON)
    storm = FaultPlan(script=opening, rate=0.4, mix=mix, seed=7)
    op = emulator.create_operation(api, lifecycle=lifecycle(api, Outcome()), faults=storm)
    retry = opstatus.RetryPolicy(max_attempts=10)

    wait_sync(api, emulator, op, retry=retry)

    faults = [entry.fault for entry in emulator.requests(api=api)]
    assert sum(fault is not None for fault in faults) >= 3
    assert faults[-1] is None
