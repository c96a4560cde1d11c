"""The emulator over real HTTP on 127.0.0.1, driven through its admin API with plain httpx.

These tests are the wire contract downstream teams rely on: lifecycles, clock, request log, faults, and
the edges a real service has (auth, api-version, unknown ids, invalid parameters, request ids).
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opstatus.emulator import (
    EmulatorServer,
    FaultKind,
    FaultPlan,
    Lifecycle,
    Outcome,
    Phase,
    PlannedStep,
    step_plan,
)

from tests.api_catalog import case

APIS = ("monitor", "partner_portal", "graph_billing")
AUTH = {"Authorization": "Bearer any-token"}


@pytest.fixture
def http(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=5) as client:
        yield client


def create(http: httpx.Client, api: str, **body: Any) -> dict[str, Any]:
    response = http.post("/_emulator/operations", json={"api": api, **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def lifecycle_json(lifecycle: Lifecycle) -> dict[str, Any]:
    dumped: dict[str, Any] = lifecycle.model_dump(mode="json")
    return dumped


def read(http: httpx.Client, op: dict[str, Any], **kwargs: Any) -> httpx.Response:
    return http.get(op["statusUrl"], **kwargs)


def body_of(response: httpx.Response) -> dict[str, Any]:
    """The operation object (CPP's one-element array unwrapped)."""
    data = response.json()
    result: dict[str, Any] = data[0] if isinstance(data, list) else data
    return result


def advance(http: httpx.Client, seconds: float) -> float:
    response = http.post("/_emulator/clock/advance", json={"seconds": seconds})
    assert response.status_code == 200, response.text
    now: float = response.json()["now"]
    return now


# --- lifecycles ---------------------------------------------------------------------------------------


def test_a_lifecycle_written_as_json_runs_on_the_virtual_clock(http: httpx.Client) -> None:
    op = create(
        http,
        "monitor",
        lifecycle={
            "phases": [{"state": "not_started", "seconds": 5}, {"seconds": 10, "percent": 40}],
            "outcome": {"state": "succeeded"},
        },
    )

    queued = body_of(read(http, op))
    advance(http, 5)
    running = body_of(read(http, op))
    advance(http, 10)
    done = body_of(read(http, op))

    assert queued["status"] == "NotStarted"
    assert (running["status"], running["percentComplete"]) == ("Running", 40.0)
    assert "endTime" not in running
    assert done["status"] == "Succeeded"
    assert done["endTime"] == "2024-01-01T00:00:15Z"


@pytest.mark.parametrize(
    ("api", "error_body"),
    [
        (
            "monitor",
            {"code": "Conflict", "message": "Scope busy.", "details": [{"code": "Inner", "message": "x"}]},
        ),
        ("partner_portal", "No virtual machine image was found for the plan contoso."),
        ("graph_billing", {"code": "5000", "message": "No data available", "details": []}),
    ],
)
def test_a_failed_operation_carries_the_error_body_it_was_given(
    http: httpx.Client, api: str, error_body: Any
) -> None:
    op = create(http, api, lifecycle={"outcome": {"state": "failed", "error_body": error_body}})

    body = body_of(read(http, op))

    assert body["status"].casefold() == "failed"
    assert body["error"] == error_body


@pytest.mark.parametrize(
    ("api", "status"), [("monitor", "Canceled"), ("partner_portal", "canceled"), ("graph_billing", "failed")]
)
def test_cancel_switches_a_running_operation_to_its_cancel_outcome(
    http: httpx.Client, api: str, status: str
) -> None:
    op = create(http, api, lifecycle=lifecycle_json(Lifecycle.never_finishes()))

    canceled = http.post(f"/_emulator/operations/{api}/{op['id']}/cancel")
    body = body_of(read(http, op))

    assert canceled.status_code == 200
    assert canceled.json()["now"]["state"] == "canceled"
    assert body["status"] == status
    if not case(api).has_canceled_state:  # (Graph) a canceled operation reads as failed: its error says why
        assert body["error"]["code"] == "OperationCanceled"


def test_canceling_a_finished_operation_is_a_conflict(http: httpx.Client) -> None:
    op = create(http, "monitor")

    response = http.post(f"/_emulator/operations/monitor/{op['id']}/cancel")

    assert response.status_code == 409
    assert "already ended" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("api", "phase_status", "final_status"),
    [
        ("monitor", "Provisioning", "Succeeded"),
        ("partner_portal", "not started", "complete"),
        ("graph_billing", "unknownFutureValue", "succeeded"),
        ("graph_billing", "paused", "completed"),
    ],
)
def test_raw_status_spellings_are_sent_verbatim(
    http: httpx.Client, api: str, phase_status: str, final_status: str
) -> None:
    script = Lifecycle(phases=(Phase(seconds=1, status=phase_status),), outcome=Outcome(status=final_status))
    op = create(http, api, lifecycle=lifecycle_json(script))

    during = body_of(read(http, op))
    advance(http, 1)
    after = body_of(read(http, op))

    assert (during["status"], after["status"]) == (phase_status, final_status)
    emulation = case(api).emulation
    if emulation.discriminator is not None:  # the subtype still follows the state, whatever the spelling
        member, subtype = emulation.discriminator, emulation.discriminator_values
        assert (during[member], after[member]) == (subtype["running"], subtype["succeeded"])


def test_partner_portal_sends_a_one_element_array_unless_told_otherwise(http: httpx.Client) -> None:
    wrapped = create(http, "partner_portal")
    plain = create(http, "partner_portal", lifecycle={"array_body": False})

    assert isinstance(read(http, wrapped).json(), list)
    assert isinstance(read(http, plain).json(), dict)


def test_partner_portal_step_plan_reports_each_steps_progress(http: httpx.Client) -> None:
    plan = step_plan(
        [
            PlannedStep(id="certify", name="Certification", seconds=4, progress=(0, 50)),
            PlannedStep(id="live", name="Live"),
        ]
    )
    op = create(http, "partner_portal", lifecycle=lifecycle_json(plan))

    def steps() -> list[tuple[str, str, int]]:
        return [(s["id"], s["status"], s["progressPercentage"]) for s in body_of(read(http, op))["steps"]]

    first = steps()
    advance(http, 2)
    second = steps()
    advance(http, 2)
    third = steps()
    advance(http, 1)
    last = steps()

    assert first == [("certify", "inProgress", 0), ("live", "notStarted", 0)]
    assert second == [("certify", "inProgress", 50), ("live", "notStarted", 0)]
    assert third == [("certify", "complete", 100), ("live", "inProgress", 0)]
    assert last == [("certify", "complete", 100), ("live", "complete", 100)]


def test_partner_portal_lists_an_offers_operations_filtered_by_status(http: httpx.Client) -> None:
    create(http, "partner_portal", id="done-1")
    create(http, "partner_portal", id="busy-1", lifecycle=lifecycle_json(Lifecycle.never_finishes()))
    url = "/api/publishers/contoso/offers/contoso-offer/operations"

    everything = http.get(url, params={"api-version": "2017-10-31"})
    running = http.get(url, params={"api-version": "2017-10-31", "status": "RUNNING"})

    assert sorted(item["id"] for item in everything.json()) == ["busy-1", "done-1"]
    assert [(item["id"], item["submissionState"]) for item in running.json()] == [("busy-1", "running")]


def test_graph_manifest_appears_once_the_export_succeeds(
    http: httpx.Client, emulator: EmulatorServer
) -> None:
    op = create(http, "graph_billing", lifecycle=lifecycle_json(Lifecycle.succeeds(after=3)))
    manifest_url = f"{emulator.base_url}/v1.0/reports/partners/billing/manifests/{op['manifestId']}"

    before = http.get(manifest_url)
    advance(http, 3)
    link = body_of(read(http, op))["resourceLocation@odata.navigationLink"]
    after = http.get(link)

    assert before.status_code == 404
    assert link == manifest_url
    assert after.status_code == 200
    assert after.json()["id"] == op["manifestId"] != op["id"]
    assert after.json()["blobCount"] == len(after.json()["blobs"]) == 1


def test_graph_created_time_is_zone_less_by_default_as_in_the_docs(http: httpx.Client) -> None:
    docs_like = body_of(read(http, create(http, "graph_billing")))
    zoned = body_of(read(http, create(http, "graph_billing", lifecycle={"zone_less_created": False})))

    assert docs_like["createdDateTime"] == "2024-01-01T00:00:00"
    assert zoned["createdDateTime"] == "2024-01-01T00:00:00Z"
    assert docs_like["lastActionDateTime"].endswith("Z")


# --- clock --------------------------------------------------------------------------------------------


def test_the_virtual_clock_only_moves_when_advanced(http: httpx.Client) -> None:
    before = http.get("/_emulator/clock").json()

    assert before["mode"] == "virtual"
    assert advance(http, 2.5) == before["now"] + 2.5
    assert http.post("/_emulator/clock/advance", json={"seconds": -1}).status_code == 400


def test_a_wall_clock_emulator_refuses_to_advance() -> None:
    with EmulatorServer(clock="wall") as server:
        response = httpx.post(f"{server.admin_url}/clock/advance", json={"seconds": 1})

    assert response.status_code == 409


# --- request log -----------------------------------------------------------------------------------------


def test_request_log_keeps_the_raw_path_and_query_and_redacts_the_token(
    http: httpx.Client, emulator: EmulatorServer
) -> None:
    create(http, "partner_portal", id="contoso$offer$2$preview")
    path = "/api/publishers/contoso/offers/contoso-offer/operations/contoso%24offer%242%24preview"

    response = http.get(path + "?api-version=2017-10-31&x=a%20b", headers={"Authorization": "Bearer s3cret"})
    (entry,) = http.get("/_emulator/requests").json()

    assert response.status_code == 200
    assert entry["path"] == path
    assert entry["query"] == "api-version=2017-10-31&x=a%20b"
    assert ["authorization", "REDACTED"] in entry["headers"]
    assert "s3cret" not in json.dumps(entry)
    assert (entry["status"], entry["api"], entry["operationId"]) == (
        200,
        "partner_portal",
        "contoso$offer$2$preview",
    )
    assert entry["requestId"] == response.headers["x-ms-request-id"]


def test_request_log_reads_since_a_sequence_number_and_clears(http: httpx.Client) -> None:
    op = create(http, "monitor")
    for _ in range(3):
        read(http, op)
    entries = http.get("/_emulator/requests").json()

    later = http.get("/_emulator/requests", params={"since": entries[0]["seq"]}).json()
    cleared = http.delete("/_emulator/requests")

    assert [e["seq"] for e in later] == [e["seq"] for e in entries[1:]]
    assert cleared.status_code == 204
    assert http.get("/_emulator/requests").json() == []


# --- faithful edges ---------------------------------------------------------------------------------------


_UNAUTHORIZED_CODE = {
    "monitor": "AuthenticationFailed",
    "partner_portal": "Unauthorized",
    "graph_billing": "InvalidAuthenticationToken",
}


@pytest.mark.parametrize("api", APIS)
def test_a_request_without_a_bearer_token_gets_401_in_the_apis_envelope(http: httpx.Client, api: str) -> None:
    op = create(http, api)

    missing = httpx.get(op["statusUrl"])
    basic = httpx.get(op["statusUrl"], headers={"Authorization": "Basic dXNlcjpwdw=="})
    empty = httpx.get(op["statusUrl"], headers={"Authorization": "Bearer"})

    assert (missing.status_code, basic.status_code, empty.status_code) == (401, 401, 401)
    assert missing.json()["error"]["code"] == _UNAUTHORIZED_CODE[api]
    challenge = case(api).emulation.auth_challenge
    if challenge is not None:  # the spec's emulator block says what its 401 challenges with (ARM)
        assert missing.headers["www-authenticate"] == challenge


def test_a_configured_token_is_the_only_one_accepted() -> None:
    with EmulatorServer(clock="virtual", token="the-token") as server:
        op = server.create_operation("graph_billing")
        wrong = httpx.get(server.url_for(op), headers={"Authorization": "Bearer other"})
        right = httpx.get(server.url_for(op), headers={"Authorization": "Bearer the-token"})

    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "InvalidAuthenticationToken"
    assert right.status_code == 200


@pytest.mark.parametrize(
    ("api", "query", "code"),
    [
        ("monitor", "", "MissingApiVersionParameter"),
        ("monitor", "?api-version=2021-09-01", "InvalidApiVersionParameter"),
        (
            "monitor",
            "?api-version=2019-10-17-preview&api-version=2019-10-17-preview",
            "InvalidApiVersionParameter",
        ),
        ("partner_portal", "", "InvalidAPIVersion"),
        ("partner_portal", "?api-version=2016-08-01-preview", "InvalidAPIVersion"),
    ],
)
def test_a_missing_or_wrong_api_version_gets_400_in_the_apis_envelope(
    http: httpx.Client, api: str, query: str, code: str
) -> None:
    op = create(http, api)

    response = http.get(op["statusPath"] + query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("api", "path", "code"),
    [
        (
            "monitor",
            "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/privateLinkScopeOperationStatuses/nope"
            "?api-version=2019-10-17-preview",
            "ResourceNotFound",
        ),
        ("partner_portal", "/api/publishers/p/offers/o/operations/nope?api-version=2017-10-31", "NotFound"),
        ("graph_billing", "/v1.0/reports/partners/billing/operations/nope", "itemNotFound"),
        ("graph_billing", "/v1.0/reports/partners/billing/manifests/nope", "itemNotFound"),
    ],
)
def test_an_unknown_id_gets_404_in_the_apis_envelope(
    http: httpx.Client, api: str, path: str, code: str
) -> None:
    response = http.get(path, headers={"client-request-id": "abc-123"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == code
    if "request-id" in case(api).emulation.envelope_inner_error:  # the envelope declares them (Graph)
        inner = response.json()["error"]["innerError"]
        assert (inner["request-id"], inner["client-request-id"]) == (
            response.headers["request-id"],
            "abc-123",
        )


def test_arm_scope_is_matched_case_insensitively_but_must_match(http: httpx.Client) -> None:
    op = create(http, "monitor", params={"resourceGroupName": "My-RG"})
    other_case = op["statusUrl"].replace("My-RG", "my-rg")
    other_group = op["statusUrl"].replace("My-RG", "other-rg")

    assert http.get(other_case).status_code == 200
    assert http.get(other_group).status_code == 404


_ARM = (
    "/subscriptions/s/resourceGroups/{rg}/providers/microsoft.insights/privateLinkScopeOperationStatuses/{id}"
)


@pytest.mark.parametrize(
    "path",
    [
        _ARM.format(rg="r" * 91, id="x") + "?api-version=2019-10-17-preview",
        _ARM.format(rg="has%20space", id="x") + "?api-version=2019-10-17-preview",
        _ARM.format(rg="a%2Fb", id="x") + "?api-version=2019-10-17-preview",
        _ARM.format(rg="rg", id="") + "?api-version=2019-10-17-preview",
        "/api/publishers/-bad/offers/o/operations/x?api-version=2017-10-31",
        "/api/publishers/p/offers/o/operations/?api-version=2017-10-31",
        "/api/publishers/p/offers/o/operations?api-version=2017-10-31&status=",
        "/v1.0/reports/partners/billing/operations/" + "a" * 201,
        "/v1.0/reports/partners/billing/operations/..%2Fmanifests",
    ],
)
def test_an_invalid_path_or_query_parameter_gets_400_never_500(http: httpx.Client, path: str) -> None:
    response = http.get(path)

    assert response.status_code == 400
    assert "invalid" in response.json()["error"]["message"]


def test_a_method_other_than_get_gets_405_with_allow(http: httpx.Client) -> None:
    op = create(http, "monitor")

    response = http.delete(op["statusUrl"])

    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert "error" in response.json()


def test_an_unknown_path_gets_a_json_404(http: httpx.Client) -> None:
    response = http.get("/nothing/here")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")


def test_request_ids_come_in_each_apis_usual_headers(http: httpx.Client) -> None:
    arm = read(http, create(http, "monitor"), headers={"x-ms-client-request-id": "mine-1"})
    cpp = read(http, create(http, "partner_portal"))
    graph = read(http, create(http, "graph_billing"), headers={"client-request-id": "mine-2"})

    uuid.UUID(arm.headers["x-ms-request-id"])
    uuid.UUID(cpp.headers["x-ms-request-id"])
    uuid.UUID(graph.headers["request-id"])
    assert arm.headers["x-ms-client-request-id"] == "mine-1"
    assert graph.headers["client-request-id"] == "mine-2"


def test_retry_after_is_sent_where_the_real_api_sends_it(http: httpx.Client) -> None:
    forever = lifecycle_json(Lifecycle.never_finishes())
    arm = read(http, create(http, "monitor", lifecycle=forever))
    arm_done = read(http, create(http, "monitor"))
    cpp = read(http, create(http, "partner_portal", lifecycle=forever))
    cpp_asked = read(http, create(http, "partner_portal", lifecycle={**forever, "retry_after": 7}))
    arm_off = read(http, create(http, "monitor", lifecycle={**forever, "retry_after": "off"}))

    assert arm.headers["retry-after"] == "1"
    assert "retry-after" not in arm_done.headers
    assert "retry-after" not in cpp.headers
    assert cpp_asked.headers["retry-after"] == "7"
    assert "retry-after" not in arm_off.headers


# --- faults ---------------------------------------------------------------------------------------------


def put_faults(http: httpx.Client, plan: FaultPlan, *, op: dict[str, Any] | None = None) -> None:
    url = "/_emulator/faults" if op is None else f"/_emulator/operations/{op['api']}/{op['id']}/faults"
    response = http.put(url, json=plan.model_dump(mode="json"))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("kind", [FaultKind.DROP, FaultKind.TRUNCATED], ids=str)
def test_transport_faults_reach_the_client_as_transport_errors(http: httpx.Client, kind: FaultKind) -> None:
    op = create(http, "monitor")
    put_faults(http, FaultPlan.always(kind))

    with pytest.raises(httpx.RemoteProtocolError):
        read(http, op)


@pytest.mark.parametrize(
    ("kind", "status", "content_type"),
    [
        (FaultKind.THROTTLE, 429, "application/json"),
        (FaultKind.SERVER_ERROR, 500, "application/json"),
        (FaultKind.UNAVAILABLE, 503, "application/json"),
        (FaultKind.NON_JSON, 200, "text/plain"),
        (FaultKind.HTML_ERROR, 502, "text/html"),
        (FaultKind.INVALID_JSON, 200, "application/json"),
    ],
    ids=str,
)
def test_response_faults_send_what_a_misbehaving_service_sends(
    http: httpx.Client, kind: FaultKind, status: int, content_type: str
) -> None:
    op = create(http, "graph_billing")
    put_faults(http, FaultPlan.always(kind, retry_after=3))

    response = read(http, op)

    assert response.status_code == status
    assert response.headers["content-type"].startswith(content_type)
    if kind in (FaultKind.THROTTLE, FaultKind.UNAVAILABLE):
        assert response.headers["retry-after"] == "3"
        assert response.json()["error"]["code"]
    if kind is FaultKind.INVALID_JSON:
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.text)


@pytest.mark.parametrize("odd", [499, 520])
def test_odd_status_faults_send_a_status_no_standard_defines(http: httpx.Client, odd: int) -> None:
    op = create(http, "partner_portal")
    put_faults(http, FaultPlan.always(FaultKind.ODD_STATUS, odd_statuses=(odd,)))

    response = read(http, op)

    assert response.status_code == odd
    assert response.json()["error"]["code"] == "GatewayError"


def test_slow_faults_delay_the_normal_answer(http: httpx.Client) -> None:
    op = create(http, "monitor")
    put_faults(http, FaultPlan.always(FaultKind.SLOW, slow_seconds=0.3))

    started = time.monotonic()
    response = read(http, op)

    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200


def test_an_operations_own_fault_plan_wins_over_the_global_one(http: httpx.Client) -> None:
    quiet, noisy = create(http, "monitor"), create(http, "monitor")
    put_faults(http, FaultPlan.always(FaultKind.SERVER_ERROR))
    put_faults(http, FaultPlan(), op=quiet)

    assert read(http, quiet).status_code == 200
    assert read(http, noisy).status_code == 500
    assert http.delete("/_emulator/faults").status_code == 204
    assert read(http, noisy).status_code == 200


def test_scripted_faults_come_first_in_order_then_stop(http: httpx.Client) -> None:
    op = create(
        http, "monitor", faults=FaultPlan.scripted("throttle", "server_error").model_dump(mode="json")
    )

    statuses = [read(http, op).status_code for _ in range(4)]

    assert statuses == [429, 500, 200, 200]


def _fault_sequence(http: httpx.Client, plan: FaultPlan) -> list[str | None]:
    """The faults 40 reads of one operation (always the same id) meet under ``plan``."""
    http.delete("/_emulator/requests")
    op = create(http, "graph_billing", id="sequence", faults=plan.model_dump(mode="json"))
    for _ in range(40):
        with contextlib.suppress(httpx.TransportError):
            read(http, op)
    http.delete("/_emulator/operations/graph_billing/sequence")
    return [entry["fault"] for entry in http.get("/_emulator/requests").json()]


def test_faults_are_the_same_for_the_same_seed_and_differ_for_another(http: httpx.Client) -> None:
    mix = {FaultKind.THROTTLE: 2.0, FaultKind.SERVER_ERROR: 1.0, FaultKind.DROP: 1.0}
    plan = FaultPlan(rate=0.5, mix=mix, seed=42)

    first = _fault_sequence(http, plan)
    second = _fault_sequence(http, plan)
    other = _fault_sequence(http, plan.model_copy(update={"seed": 43}))

    assert first == second
    assert first != other
    assert 10 <= sum(fault is not None for fault in first) <= 30
    assert {fault for fault in first if fault} <= {"throttle", "server_error", "drop"}


# --- the admin API refuses bad input clearly --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"api": "nope"}, 400, "api"),
        ({"api": "graph_billing", "lifecycle": {"phases": [{"seconds": 1, "percent": 5}]}}, 400, "percent"),
        ({"api": "monitor", "lifecycle": {"phases": [{"seconds": 1, "steps": []}]}}, 400, "steps"),
        ({"api": "monitor", "params": {"resourceGroupName": "bad rg"}}, 400, "resourceGroupName"),
        ({"api": "monitor", "params": {"publisherId": "p"}}, 400, "publisherId"),
        ({"api": "monitor", "lifecycle": {"phases": [{"seconds": -1}]}}, 400, "seconds"),
        ({"api": "monitor", "faults": {"rate": 2}}, 400, "rate"),
        (
            {"api": "monitor", "lifecycle": {"outcome": {"state": "succeeded", "error_body": "x"}}},
            400,
            "error",
        ),
        (
            {"api": "monitor", "lifecycle": {"outcome": {"state": "failed", "error_body": "flat"}}},
            400,
            "failed",
        ),
    ],
)
def test_admin_refuses_an_invalid_operation_and_says_why(
    http: httpx.Client, body: dict[str, Any], status: int, fragment: str
) -> None:
    response = http.post("/_emulator/operations", json=body)

    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def test_admin_refuses_a_duplicate_id_and_an_unknown_operation(http: httpx.Client) -> None:
    create(http, "monitor", id="twice")

    assert http.post("/_emulator/operations", json={"api": "monitor", "id": "twice"}).status_code == 409
    assert http.get("/_emulator/operations/monitor/never").status_code == 404
    assert http.post("/_emulator/operations", content=b"{not json").status_code == 400


def test_admin_lists_describes_deletes_and_resets(http: httpx.Client) -> None:
    op = create(http, "monitor", lifecycle=lifecycle_json(Lifecycle.never_finishes(status="Creating")))
    create(http, "graph_billing")

    described = http.get(f"/_emulator/operations/monitor/{op['id']}").json()
    listed = http.get("/_emulator/operations", params={"api": "monitor"}).json()
    deleted = http.delete(f"/_emulator/operations/monitor/{op['id']}")
    gone = read(http, op)
    reset = http.post("/_emulator/reset")

    assert described["now"] == {"state": "running", "status": "Creating", "terminal": False, "percent": None}
    assert [item["id"] for item in listed] == [op["id"]]
    assert (deleted.status_code, gone.status_code, reset.status_code) == (204, 404, 204)
    assert http.get("/_emulator/operations").json() == []


def test_admin_root_names_every_base_url(http: httpx.Client, emulator: EmulatorServer) -> None:
    info = http.get("/_emulator").json()

    assert info["apis"] == dict(emulator.base_urls)
    assert info["apis"]["graph_billing"].endswith("/v1.0")
