"""An error is one short line (what went wrong, and what to do), details below; no value is echoed.

The hints name the public things a person can change: where the token came from (a 401), the
emulator's ids drawn anew each run (a 404), the ``--api`` that fits a status URL.
"""

from __future__ import annotations

import json

import pytest
from opstatus.emulator import EmulatorServer, Lifecycle, Phase

from .conftest import FAST, TOKEN, Cli, ids

RUNNING = (Phase(seconds=10_000),)
SECRET = "mySecretValue-1234"


@pytest.mark.parametrize(
    "argv",
    [
        ("--tokn", SECRET, "monitor", "get"),
        ("monitor", "get", "--operation-id", "x", "--tokn", SECRET),
        ("monitor", "get", f"--tokn={SECRET}"),
        ("monitor", "get", "--subscription-id", "s", "--resource-group", "r", "--operation-id", "o", SECRET),
        ("--api-kee", SECRET, "wait-url", "x"),
        ("monitor", "get", "--json=" + SECRET),
        ("wait-url", "x", "--api", SECRET),
        (SECRET,),
    ],
)
def test_a_usage_error_names_the_option_never_a_value(cli: Cli, argv: tuple[str, ...]) -> None:
    ran = cli(*argv, base_url=False, env={})

    assert ran.code == 2
    assert SECRET not in ran.all
    assert "error: UsageError: " in ran.err


def test_a_mistyped_option_is_named_and_its_value_is_not(cli: Cli) -> None:
    ran = cli("--tokn", SECRET, "monitor", "get", base_url=False, env={})

    assert ran.err.endswith("error: UsageError: unrecognized arguments: --tokn\n")


def test_the_first_line_is_short_and_ends_with_the_hint_the_url_and_ids_follow(cli: Cli) -> None:
    ran = cli("graph-billing", "get", "--operation-id", "x" * 40, base_url=False,
              env={"OPSTATUS_TOKEN": TOKEN, "OPSTATUS_BASE_URL": "http://127.0.0.1:1"})  # fmt: skip

    first, *details = ran.err.splitlines()
    assert ran.code == 5
    assert len(first) < 180, first  # was about 330: the URL and ids went first
    assert first.endswith("is the emulator running? (opstatus emulator --port 1)")
    assert "http://127.0.0.1:1/v1.0" not in first
    assert [line.split()[0] for line in details] == ["client", "url"]
    assert details[1].endswith("/v1.0/reports/partners/billing/operations/" + "x" * 40)


@pytest.mark.parametrize(
    ("env", "argv", "where"),
    [
        ({"OPSTATUS_TOKEN": "not-the-token"}, (), "the token from OPSTATUS_TOKEN was refused"),
        ({}, ("--token", "not-the-token"), "the token from --token was refused"),
    ],
)
def test_a_refused_token_says_where_it_came_from_and_how_to_set_another(
    cli: Cli, emulator: EmulatorServer, env: dict[str, str], argv: tuple[str, ...], where: str
) -> None:
    op = emulator.create_operation("monitor")

    ran = cli("monitor", "get", *ids(op), *argv, env=env)

    first = ran.err.splitlines()[0]
    assert ran.code == 5
    assert first.startswith("error: InvalidAuthenticationToken: ")
    assert where in first
    assert "(an emulator started with --token T accepts only T)" in first


def test_an_id_the_emulator_does_not_know_hints_at_ids_drawn_anew_and_seed(cli: Cli) -> None:
    ran = cli("monitor", "get", "--subscription-id", "s", "--resource-group", "r", "--operation-id", "old")

    assert ran.code == 5
    assert "draws new operation ids each time it starts" in ran.err.splitlines()[0]
    assert "--seed N" in ran.err.splitlines()[0]


@pytest.mark.parametrize("api", ["monitor", "partner-portal", "graph-billing"])
def test_an_arm_location_url_with_another_api_asks_for_api_arm(
    cli: Cli, emulator: EmulatorServer, api: str
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle(phases=RUNNING))
    url = emulator.arm_urls_for(op)["location"]

    ran = cli("wait-url", url, "--api", api, *FAST, "--json")

    first = ran.err.splitlines()[0]
    assert ran.code == 5
    assert first.startswith("error: DecodeError: the URL answered 202 Accepted with an empty body")
    assert first.endswith("; an ARM Location URL needs --api arm, or no --api (the API is read from the URL)")
    assert "at body" not in ran.err
    assert "opstatus wait-url URL" not in ran.err  # what was just run
    assert json.loads(ran.out)["error"]["hint"].startswith("an ARM Location URL needs --api arm")


@pytest.mark.parametrize(("api", "code"), [("monitor", 5), ("graph-billing", 5), ("arm", 5)])
def test_another_api_s_status_url_with_the_wrong_api_names_the_right_one(
    cli: Cli, emulator: EmulatorServer, api: str, code: int
) -> None:
    op = emulator.create_operation("partner_portal", lifecycle=Lifecycle(phases=RUNNING))

    ran = cli("wait-url", emulator.url_for(op), "--api", api, *FAST, "--timeout", "2")

    assert ran.code == code
    assert ran.err.splitlines()[0].endswith(
        f"; this URL is a partner-portal status URL, not {api}'s: pass --api partner-portal, "
        "or no --api (the API is read from the URL)"
    )
