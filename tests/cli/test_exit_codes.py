"""Every exit code a script can see, and the one-line error that comes with it."""

from __future__ import annotations

import json
import re

import pytest
from opstatus.cli import ExitCode
from opstatus.emulator import EmulatorServer, Lifecycle

from .conftest import FAST, TOKEN, Cli, ids


def test_the_codes_are_the_documented_numbers() -> None:
    assert [int(code) for code in ExitCode] == [0, 1, 2, 3, 4, 5, 130]


def test_help_documents_every_exit_code(cli: Cli) -> None:
    ran = cli("--help", base_url=False)

    assert ran.code == 0
    for line in (
        "    0  succeeded",
        "    1  the operation failed",
        "    2  usage error",
        "    3  timeout",
        "    4  the operation was canceled",
        "    5  could not read the status",
    ):
        assert line in ran.out


def test_0_when_the_operation_succeeded(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.succeeds(after=2))

    assert cli("graph-billing", "wait", *ids(op), *FAST).code == 0


def test_1_when_the_operation_failed_with_its_own_error_on_one_line(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation(
        "monitor", lifecycle=Lifecycle.fails(after=2, code="QuotaExceeded", message="Too many scopes.")
    )

    ran = cli("monitor", "wait", *ids(op), *FAST)

    assert ran.code == 1
    assert ran.err.splitlines()[-1] == "error: QuotaExceeded: Too many scopes."
    assert "Traceback" not in ran.err


def test_1_with_json_still_prints_the_failed_resource(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("graph_billing", lifecycle=Lifecycle.fails(code="5000", message="No data"))

    ran = cli("graph-billing", "wait", *ids(op), *FAST, "--json")

    assert ran.code == 1
    assert json.loads(ran.out)["error"]["code"] == "5000"


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["monitor", "wait", "--operation-id", "x"], id="missing-required-option"),
        pytest.param(["monitor", "stop", "--operation-id", "x"], id="unknown-verb"),
        pytest.param(["graph-billing", "get", "--operation-id", "x", "--bogus"], id="unknown-option"),
        pytest.param(
            ["graph-billing", "wait", "--operation-id", "x", "--timeout", "-1"], id="negative-timeout"
        ),
        pytest.param(["--json"], id="no-command"),
    ],
)
def test_2_for_usage_errors(cli: Cli, argv: list[str]) -> None:
    ran = cli(*argv, base_url=False)

    assert ran.code == 2
    assert "usage: opstatus" in ran.err


def test_2_for_an_id_that_would_change_the_url(cli: Cli) -> None:
    ran = cli("graph-billing", "get", "--operation-id", "../manifests/x")

    assert ran.code == 2
    assert ran.err == (
        "error: InvalidParameterError: invalid --operation-id '../manifests/x': "
        "must not contain '/': it would change the URL\n"
    )


def test_2_for_a_status_url_on_another_host(cli: Cli) -> None:
    ran = cli("wait-url", "https://attacker.example/v1.0/x", "--api", "graph-billing", *FAST)

    assert ran.code == 2
    assert ran.err.startswith("error: UnsafeUrlError: refusing a URL on https://attacker.example")


def test_2_for_a_token_over_plain_http_to_another_host(cli: Cli) -> None:
    ran = cli(
        "graph-billing", "get", "--operation-id", "x", "--base-url", "http://example.com", base_url=False
    )

    assert ran.code == 2
    assert "tokens go only over https" in ran.err


def test_3_when_the_wait_times_out_and_the_last_state_is_reported(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=Lifecycle.never_finishes())

    ran = cli("partner-portal", "wait", *ids(op), "--interval", "0.05", "--timeout", "0.3")

    assert ran.code == 3
    assert f"partner_portal operation {op.id}: running" in ran.out
    assert ran.err.splitlines()[-2].startswith("error: PollingTimeoutError: operation not finished after")
    assert ran.err.splitlines()[-1].startswith("to go on waiting: opstatus resume opst1.")


def test_4_when_the_operation_was_canceled(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.canceled(after=2))

    ran = cli("monitor", "wait", *ids(op), *FAST)

    assert ran.code == 4
    assert ran.err.splitlines()[-1].startswith("error: OperationCanceled")


def test_5_when_the_operation_does_not_exist_with_the_request_id(cli: Cli) -> None:
    ran = cli("graph-billing", "get", "--operation-id", "no-such-export")

    assert ran.code == 5
    first, *details = ran.err.splitlines()
    assert first.startswith("error: itemNotFound: The operation 'no-such-export' was not found.; ")
    assert "--seed N" in first  # the emulator's ids are new every run
    assert any(re.fullmatch(r"  request id +[0-9a-f-]{36}", line) for line in details)


def test_5_when_the_token_is_refused(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), env={"OPSTATUS_TOKEN": "not-" + TOKEN[::-1]})

    assert ran.code == 5
    assert ran.err.startswith("error: InvalidAuthenticationToken: The access token is invalid.")
    assert TOKEN[::-1] not in ran.all


def test_no_traceback_without_debug_and_one_with_it(cli: Cli) -> None:
    quiet = cli("graph-billing", "get", "--operation-id", "no-such-export")
    loud = cli("graph-billing", "get", "--operation-id", "no-such-export", "--debug")

    assert "Traceback" not in quiet.err
    first, *details = quiet.err.splitlines()
    assert first.startswith("error: itemNotFound")
    assert all(line.startswith("  ") for line in details)  # then only the indented details
    assert "Traceback (most recent call last)" in loud.err
    assert loud.err.split("Traceback (most recent call last)")[-1].count("\nerror: itemNotFound") == 1
