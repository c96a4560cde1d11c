"""``opstatus wait-url URL`` reads the API from the URL; any ARM operation URL waits as ARM says.

In process against the module's emulator (virtual clock, one second per read), and once through a
pipe as a script would run it (``opstatus wait-url "$(az ... --no-wait ...)"``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from opstatus.cli._detect import api_for_url
from opstatus.cli._exit import CliError
from opstatus.emulator import EmulatorServer, ErrorSpec, Lifecycle, Outcome, Phase

from .conftest import FAST, TOKEN, Cli, assert_no_token

RUNNING = (Phase(seconds=3.0, status="Provisioning", percent=30),)


@pytest.mark.parametrize(
    ("url", "api"),
    [
        (
            "https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/westus/"
            "operations/1?api-version=2024-03-01",
            "arm",
        ),
        (
            "https://management.usgovcloudapi.net/subscriptions/s/providers/Microsoft.Web/operationResults/1",
            "arm",
        ),
        (
            "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/"
            "privateLinkScopeOperationStatuses/1?api-version=2019-10-17-preview",
            "monitor",
        ),
        ("https://graph.microsoft.com/v1.0/reports/partners/billing/operations/abc", "graph_billing"),
        ("http://127.0.0.1:7357/v1.0/reports/partners/billing/operations/abc", "graph_billing"),
        (
            "https://cloudpartner.azure.com/api/publishers/p/offers/o/operations/1?api-version=x",
            "partner_portal",
        ),
        ("http://127.0.0.1:7357/subscriptions/s/providers/X.Y/locations/l/operationResults/1", "arm"),
    ],
)
def test_the_api_is_read_from_the_url(url: str, api: str) -> None:
    assert api_for_url(url, None).key == api


def test_an_api_given_with_the_flag_wins_over_the_url() -> None:
    url = "https://management.azure.com/subscriptions/s/providers/X/locations/l/operationResults/1"
    assert api_for_url(url, "partner-portal").key == "partner_portal"


@pytest.mark.parametrize("url", ["api/operations/1", "https://example.com/status/1?sig=secret"])
def test_a_url_that_names_no_api_asks_for_the_flag_without_showing_its_query(url: str) -> None:
    with pytest.raises(CliError) as caught:
        api_for_url(url, None)
    assert caught.value.code == "UsageError"
    assert "pass --api" in caught.value.message
    assert "secret" not in caught.value.message


def test_an_arm_location_url_waits_to_its_resource(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=RUNNING))
    url = emulator.arm_urls_for(op)["location"]

    ran = cli("wait-url", url, *FAST, "--json")

    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["properties"] == {"provisioningState": "Succeeded"}


def test_an_arm_status_url_of_another_provider_that_fails_exits_1(cli: Cli, emulator: EmulatorServer) -> None:
    lifecycle = Lifecycle(
        phases=RUNNING,
        outcome=Outcome(state="failed", error=ErrorSpec(code="QuotaExceeded", message="No cores.")),
    )
    op = emulator.create_operation("monitor", lifecycle=lifecycle)
    url = emulator.arm_urls_for(op, namespace="Microsoft.Web")["azure_async_operation"]

    ran = cli("wait-url", url, *FAST)

    assert ran.code == 1
    assert f"arm operation {op.id}: failed (Failed)" in ran.out
    assert "error: QuotaExceeded: No cores." in ran.err


@pytest.mark.parametrize("kind", ["azure_async_operation", "location"])
def test_a_failed_arm_operation_means_one_thing_whichever_url_was_copied(
    cli: Cli, emulator: EmulatorServer, kind: str
) -> None:
    """Issue 23 row 1: the Location URL's error answer after its 202s is the operation's failure."""
    lifecycle = Lifecycle(
        phases=RUNNING,
        outcome=Outcome(state="failed", error=ErrorSpec(code="Conflict", message="The disk is attached.")),
    )
    op = emulator.create_operation("monitor", lifecycle=lifecycle)

    ran = cli("wait-url", emulator.arm_urls_for(op)[kind], *FAST)

    assert ran.code == 1, ran.err
    assert f"arm operation {op.id}: failed (Failed)" in ran.out
    assert "running (202 Accepted)" not in ran.out.splitlines()[-3:]
    assert "error: Conflict: The disk is attached." in ran.err


def test_a_failed_arm_operation_as_json_is_the_operation_failure_on_either_url(
    cli: Cli, emulator: EmulatorServer
) -> None:
    lifecycle = Lifecycle(
        phases=RUNNING, outcome=Outcome(state="failed", error=ErrorSpec(code="Conflict", message="No."))
    )
    op = emulator.create_operation("monitor", lifecycle=lifecycle)

    ran = cli("wait-url", emulator.arm_urls_for(op)["location"], *FAST, "--json")

    assert ran.code == 1, ran.err
    assert json.loads(ran.out)["error"]["code"] == "Conflict"


def test_a_location_url_whose_first_answer_is_an_error_could_not_be_read(
    cli: Cli, emulator: EmulatorServer
) -> None:
    """Nothing said the operation was running there: a 4xx on the very first read is a failed read."""
    lifecycle = Lifecycle(outcome=Outcome(state="failed", error=ErrorSpec(code="Conflict", message="No.")))
    op = emulator.create_operation("monitor", lifecycle=lifecycle)

    ran = cli("wait-url", emulator.arm_urls_for(op)["location"], *FAST)

    assert ran.code == 5, ran.err
    assert "error: Conflict: No." in ran.err


def test_a_monitor_status_url_still_reads_as_monitor(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("wait-url", emulator.url_for(op), *FAST)

    assert ran.code == 0
    assert f"monitor operation {op.id}: succeeded (Succeeded)" in ran.out


def test_an_unknown_url_is_a_usage_error(cli: Cli) -> None:
    ran = cli("wait-url", "https://example.com/x/1", *FAST)

    assert ran.code == 2
    assert ran.err.startswith("error: UsageError: cannot tell which API")


def test_through_a_pipe_an_arm_location_url_prints_plain_progress_and_exits_0(
    emulator: EmulatorServer,
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=RUNNING, location_result="none"))
    url = emulator.arm_urls_for(op)["location"]
    done = subprocess.run(
        [sys.executable, "-m", "opstatus.cli", "wait-url", url, *FAST, "--base-url", emulator.base_url],
        env={**os.environ, "OPSTATUS_TOKEN": TOKEN},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert_no_token(done.stdout + done.stderr)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"arm operation {op.id}: running (202 Accepted)")
    assert f"arm operation {op.id}: succeeded (204 No Content)" in lines


@pytest.mark.parametrize("api", ["graph_billing", "partner_portal"])
def test_graph_and_partner_portal_urls_need_no_flag_either(
    cli: Cli, emulator: EmulatorServer, api: str
) -> None:
    op = emulator.create_operation(api, lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("wait-url", emulator.url_for(op), *FAST)

    assert ran.code == 0, ran.err
    assert f"{api} operation {op.id}: succeeded" in ran.out


def test_api_arm_can_be_named_for_a_url_on_an_unknown_path(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("wait-url", emulator.url_for(op), "--api", "arm", *FAST, "--json")

    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["status"] == "Succeeded"  # ARM's status body, read by the generic waiter
