"""Each command against the emulator over 127.0.0.1: what it prints for a person, and as JSON."""

from __future__ import annotations

import json

from opstatus.emulator import EmulatorServer, Lifecycle, Phase, PlannedStep, step_plan

from .conftest import FAST, Cli, ids


def three_steps() -> Lifecycle:
    return step_plan(
        [
            PlannedStep(id="validate", name="Validate Pre-Requisites", seconds=2, progress=(0, 50)),
            PlannedStep(id="certify", name="Certification", seconds=2, progress=(0, 50)),
            PlannedStep(id="live", name="Live", seconds=1, progress=(0,)),
        ],
        final_status="complete",
    )


# --- monitor ------------------------------------------------------------------------------------------


def test_monitor_get_prints_state_with_the_services_spelling_and_percent(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=(Phase(seconds=30, percent=40),)))

    ran = cli("monitor", "get", *ids(op))

    assert ran.code == 0
    assert ran.out.splitlines()[0] == f"monitor operation {op.id}: running (Running)"
    assert "  percent  40%" in ran.out.splitlines()


def test_monitor_get_json_is_the_typed_resource(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=(Phase(seconds=30, percent=40),)))

    ran = cli("monitor", "get", *ids(op), "--json")

    document = json.loads(ran.out)
    assert document["status"] == "Running"
    assert document["percentComplete"] == 40
    assert document["name"] == op.id


def test_monitor_wait_returns_0_and_reports_the_wait(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=3))

    ran = cli("monitor", "wait", *ids(op), *FAST)

    assert ran.code == 0
    assert f"monitor operation {op.id}: succeeded (Succeeded)" in ran.out
    assert "status reads" in ran.out


def test_wait_json_prints_only_the_document_on_stdout(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2))

    ran = cli("monitor", "wait", *ids(op), *FAST, "--json")

    assert json.loads(ran.out)["status"] == "Succeeded"
    assert "running (Running)" in ran.err  # the progress lines went to stderr


# --- partner portal -----------------------------------------------------------------------------------


def test_partner_portal_get_lists_every_step_with_its_percentage(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=three_steps())
    emulator.advance(3)

    ran = cli("partner-portal", "get", *ids(op))

    assert ran.code == 0
    lines = ran.out.splitlines()
    assert "  step 1/3  Validate Pre-Requisites: complete 100%" in lines
    assert "  step 2/3  Certification: inProgress 50%" in lines
    assert "  step 3/3  Live: notStarted 0%" in lines


def test_partner_portal_wait_shows_the_steps_walking_through(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=three_steps())

    ran = cli("partner-portal", "wait", *ids(op), *FAST)

    assert ran.code == 0
    progress = [line for line in ran.out.splitlines() if line.startswith("[")]
    assert any("step 1/3 Validate Pre-Requisites: inProgress 50%" in line for line in progress)
    assert any("step 2/3 Certification: inProgress" in line for line in progress)
    assert progress[-1].endswith("succeeded (complete) 100% | step 3/3 Live: complete 100%")


def test_partner_portal_get_json_reads_the_one_element_array_as_one_operation(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=three_steps())

    document = json.loads(cli("partner-portal", "get", *ids(op), "--json").out)

    assert document["id"] == op.id
    assert [step["stepName"] for step in document["steps"]] == [
        "Validate Pre-Requisites",
        "Certification",
        "Live",
    ]


def test_partner_portal_list_shows_the_offers_operations(cli: Cli, emulator: EmulatorServer) -> None:
    scope = {"publisherId": "listing-pub", "offerId": "listing-offer"}
    running = emulator.create_operation("partner_portal", params=scope, lifecycle=Lifecycle.never_finishes())
    done = emulator.create_operation("partner_portal", params=scope)
    where = ["--publisher-id", "listing-pub", "--offer-id", "listing-offer"]

    everything = cli("partner-portal", "list", *where)
    only_running = cli("partner-portal", "list", *where, "--running", "--json")

    assert everything.code == 0
    assert running.id in everything.out
    assert done.id in everything.out
    assert [item["id"] for item in json.loads(only_running.out)] == [running.id]


# --- graph billing ------------------------------------------------------------------------------------


def test_graph_billing_wait_with_manifest_shows_where_the_blobs_are_but_not_the_sas_token(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=2))

    ran = cli("graph-billing", "wait", *ids(op), *FAST, "--manifest")

    assert ran.code == 0
    assert f"manifest {op.manifest_id}" in ran.out
    assert "  blob       part-00000.json.gz" in ran.out.splitlines()
    assert "EMULATOR-NOT-A-SECRET" not in ran.out
    assert "sas token  REDACTED" in ran.out


def test_graph_billing_get_manifest_json_has_operation_and_redacted_manifest(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("graph_billing")

    document = json.loads(cli("graph-billing", "get", *ids(op), "--manifest", "--json").out)

    assert document["operation"]["@odata.type"] == "#microsoft.graph.partners.billing.exportSuccessOperation"
    assert document["manifest"]["id"] == op.manifest_id
    assert document["manifest"]["sasToken"] == "REDACTED"


def test_graph_billing_manifest_of_a_running_export_is_null_not_an_error(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.never_finishes())

    ran = cli("graph-billing", "get", *ids(op), "--manifest", "--json")

    assert ran.code == 0
    assert json.loads(ran.out) == {"operation": json.loads(ran.out)["operation"], "manifest": None}
    assert json.loads(ran.out)["operation"]["status"] == "running"


# --- wait-url -----------------------------------------------------------------------------------------


def test_wait_url_waits_for_an_absolute_status_url(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2))

    ran = cli("wait-url", emulator.url_for(op), "--api", "monitor", *FAST)

    assert ran.code == 0
    assert f"monitor operation {op.id}: succeeded (Succeeded)" in ran.out


def test_wait_url_resolves_a_relative_partner_portal_location(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("wait-url", op.status_path, "--api", "partner-portal", *FAST, "--json")

    assert ran.code == 0
    assert json.loads(ran.out)["id"] == op.id


def test_a_bare_base_url_origin_gets_graphs_v1_path(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing")

    ran = cli("graph-billing", "get", *ids(op), "--base-url", emulator.base_url + "/", base_url=False)

    assert ran.code == 0, ran.err
    assert f"graph_billing operation {op.id}: succeeded" in ran.out
