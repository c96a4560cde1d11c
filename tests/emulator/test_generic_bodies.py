"""The emulator serves every API present to its generated client from the spec's description alone.

There is no hand-written renderer for any API: each is served exactly as a new spec would be, status
bodies from its 200 examples, result bodies from the result route's example, errors in its envelope.
"""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import opstatus
import pytest
from opstatus import OperationState, ProgressEvent
from opstatus._emulation import Emulation
from opstatus._generated import CLIENTS
from opstatus.emulator import (
    API_KEYS,
    EmulatedOperation,
    EmulatorServer,
    ErrorSpec,
    Lifecycle,
    Outcome,
    Phase,
    _bodies,
)
from opstatus.emulator._apis import ApiProfile, profile_for

from tests.api_catalog import credentials

QUEUED_THEN_RUNNING = (Phase(state="not_started", seconds=2), Phase(seconds=5))


def sync_client(api: str, emulator: EmulatorServer) -> Any:
    name = next(name for name, key in CLIENTS.items() if key == api and not name.startswith("Async"))
    return getattr(opstatus, name)(
        base_url=emulator.base_urls[api],
        clock=emulator.now,
        sleep=emulator.advance,
        **credentials(api, "emulator-token"),
    )


def api_module(api: str) -> Any:
    return importlib.import_module(f"opstatus._generated.{api}.api")


def ids(api: str, op: EmulatedOperation) -> dict[str, str]:
    """The status method's keyword arguments for ``op``, named as the generated routes name them."""
    routes = api_module(api).ROUTES
    return {param.python: op.params[param.wire] for param in routes.status.path_params}


@pytest.mark.parametrize("api", API_KEYS)
def test_a_generic_operation_waits_through_queued_and_running_to_success(
    api: str, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation(api, lifecycle=Lifecycle(phases=QUEUED_THEN_RUNNING, outcome=Outcome()))
    events: list[ProgressEvent] = []

    with sync_client(api, emulator) as client:
        client.wait(**ids(api, op), timeout=3600, on_progress=events.append)

    states = [event.state for event in events]
    assert states[0] is OperationState.NOT_STARTED
    assert OperationState.RUNNING in states
    assert states[-1] is OperationState.SUCCEEDED
    assert emulator.now() >= 7


@pytest.mark.parametrize("api", API_KEYS)
def test_a_generic_failure_carries_the_lifecycles_error_message(api: str, emulator: EmulatorServer) -> None:
    outcome = Outcome(state="failed", error=ErrorSpec(code="Broken", message="The widget broke."))
    op = emulator.create_operation(api, lifecycle=Lifecycle(outcome=outcome))

    with sync_client(api, emulator) as client, pytest.raises(opstatus.OperationFailedError) as failure:
        client.wait(**ids(api, op), timeout=3600)

    assert "The widget broke." in str(failure.value)


@pytest.mark.parametrize("api", [api for api in API_KEYS if api_module(api).RESULT is not None])
def test_a_generic_success_links_to_a_result_the_client_follows(api: str, emulator: EmulatorServer) -> None:
    result_route = api_module(api).RESULT
    op = emulator.create_operation(api, lifecycle=Lifecycle(outcome=Outcome()))

    with sync_client(api, emulator) as client:
        final = client.wait(**ids(api, op), timeout=3600)
        result = getattr(client, f"{result_route.method}_for")(final)

    assert result.id == op.manifest_id


@pytest.mark.parametrize("api", API_KEYS)
def test_a_generic_unknown_operation_is_a_not_found_error(api: str, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(api)
    emulator.delete_operation(api, op.id)

    with sync_client(api, emulator) as client, pytest.raises(opstatus.NotFoundError) as missing:
        client.wait(**ids(api, op), timeout=3600)

    assert missing.value.request_id is not None


def _profile_with(emulation: Emulation) -> ApiProfile:
    """A stand-in profile for an API whose envelope the three specs do not show (flat, or no schema)."""
    return cast(ApiProfile, SimpleNamespace(emulation=emulation, model=None, error_pointers=None))


def test_a_flat_envelope_without_a_schema_carries_code_and_message_at_the_top() -> None:
    flat = Emulation(request_id_header="x-request-id", error_envelope=None, envelope_member=None)

    body = _bodies.error_envelope(
        _profile_with(flat),
        code="NotFound",
        message="No job j-1.",
        request_id="r-1",
        client_request_id=None,
        date=datetime(2024, 5, 1, tzinfo=UTC),
    )

    assert body == {"code": "NotFound", "message": "No job j-1."}


def test_inner_error_members_are_filled_only_where_the_schema_declares_them() -> None:
    wrapped = Emulation(
        request_id_header="request-id", envelope_member="error", envelope_inner_error=("request-id", "date")
    )

    body = _bodies.error_envelope(
        _profile_with(wrapped),
        code="Gone",
        message="Gone.",
        request_id="r-2",
        client_request_id="c-2",
        date=datetime(2024, 5, 1, tzinfo=UTC),
    )

    assert body == {
        "error": {
            "code": "Gone",
            "message": "Gone.",
            "innerError": {"request-id": "r-2", "date": "2024-05-01T00:00:00Z"},
        }
    }


LISTING_APIS = [api for api in API_KEYS if any(route.kind == "list" for route in profile_for(api).routes)]


@pytest.mark.parametrize("api", LISTING_APIS)
def test_a_generic_list_holds_every_operation_of_the_scope(api: str, emulator: EmulatorServer) -> None:
    created = {emulator.create_operation(api).id for _ in range(2)}
    route = next(route for route in profile_for(api).routes if route.kind == "list")
    scope = profile_for(api).scope_defaults
    arguments = {param.python: scope[param.wire] for param in route.route.path_params}

    with sync_client(api, emulator) as client:
        items = getattr(client, route.route.method)(**arguments)

    assert {str(item.id) for item in items} == created  # a ``format: uuid`` id reads as a UUID
