"""How progress and results look: plain lines off a terminal, the live display on one, no rich at all."""

from __future__ import annotations

import io
import re
import sys

import pytest
from opstatus.cli._output import redact_secrets
from opstatus.cli._scrub import ScrubbingStream, secrets_in
from opstatus.emulator import EmulatorServer, Lifecycle, Phase, PlannedStep, step_plan

from .conftest import FAST, Cli, ids

PLAIN_LINE = re.compile(r"^\[ *\d+\.\ds\] monitor operation [0-9a-f-]+: ")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class TerminalStringIO(io.StringIO):
    """Captured output that says it is a terminal, as a person's shell would."""

    def isatty(self) -> bool:
        return True


def percent_lifecycle() -> Lifecycle:
    return Lifecycle(
        phases=(
            Phase(state="not_started", seconds=1),
            Phase(seconds=1, percent=30),
            Phase(seconds=1, percent=70),
        )
    )


@pytest.fixture
def no_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the ``cli`` extra (rich) were not installed."""
    for name in [name for name in sys.modules if name == "rich" or name.startswith("rich.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.delitem(sys.modules, "opstatus.cli._live", raising=False)


def test_off_a_terminal_each_change_is_one_plain_line(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=percent_lifecycle())

    ran = cli("monitor", "wait", *ids(op), *FAST)

    progress = [line for line in ran.out.splitlines() if line.startswith("[")]
    assert all(PLAIN_LINE.match(line) for line in progress)
    assert [line.split(": ", 1)[1] for line in progress] == [
        "not_started (NotStarted)",
        "running (Running) 30%",
        "running (Running) 70%",
        "succeeded (Succeeded)",
    ]
    assert "\x1b[" not in ran.all  # no terminal control sequences in a log


def test_quiet_prints_only_the_result(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation("monitor", lifecycle=percent_lifecycle())

    ran = cli("monitor", "wait", *ids(op), *FAST, "--quiet")

    assert not any(line.startswith("[") for line in ran.out.splitlines())
    assert ran.out.startswith(f"monitor operation {op.id}: succeeded (Succeeded)\n")


def test_on_a_terminal_the_live_display_draws_the_steps(cli: Cli, emulator: EmulatorServer) -> None:
    op = emulator.create_operation(
        "partner_portal",
        lifecycle=step_plan(
            [PlannedStep(id="a", name="Validate", seconds=2), PlannedStep(id="b", name="Live")]
        ),
    )

    ran = cli("partner-portal", "wait", *ids(op), *FAST, stdout=TerminalStringIO())

    assert ran.code == 0
    screen = ANSI.sub("", ran.out)
    assert "✓ Validate complete" in screen
    assert "\x1b[1A" in ran.out  # drawn, then redrawn in place (cursor up)
    assert not re.search(r"^\[ *\d", ran.out, re.MULTILINE)  # no plain progress lines
    assert "step 1/2" not in ran.out  # the last frame shows the steps; the report does not repeat them


@pytest.mark.usefixtures("no_rich")
def test_without_rich_a_terminal_gets_plain_lines_and_the_install_hint(
    cli: Cli, emulator: EmulatorServer
) -> None:
    op = emulator.create_operation("monitor", lifecycle=percent_lifecycle())

    ran = cli("monitor", "wait", *ids(op), *FAST, stdout=TerminalStringIO())

    assert ran.code == 0
    assert ran.err == "note: pip install 'opstatus[cli]' for a live progress display; showing plain lines\n"
    assert any(PLAIN_LINE.match(line) for line in ran.out.splitlines())
    assert "rich" not in sys.modules or sys.modules["rich"] is None


def test_scrubbing_stream_replaces_every_long_secret_and_keeps_the_rest() -> None:
    target = io.StringIO()
    stream = ScrubbingStream(target, ["s3cret-token-value"])

    stream.write("Bearer s3cret-token-value and again s3cret-token-value.")

    assert target.getvalue() == "Bearer REDACTED and again REDACTED."


def test_secrets_are_found_in_every_spelling_of_the_token_option() -> None:
    found = secrets_in(
        ["--token", "from-option-1", "--token=from-equals-2"], {"OPSTATUS_TOKEN": "from-env-3"}
    )

    assert set(found) == {"from-option-1", "from-equals-2", "from-env-3"}


def test_blank_token_values_are_no_secrets() -> None:
    assert secrets_in(["--token", " "], {"OPSTATUS_TOKEN": ""}) == ()


def test_sas_tokens_are_redacted_at_any_depth() -> None:
    body = {"sasToken": "sig=abc", "blobs": [{"name": "a", "sasToken": "sig=def"}], "other": None}

    assert redact_secrets(body) == {
        "sasToken": "REDACTED",
        "blobs": [{"name": "a", "sasToken": "REDACTED"}],
        "other": None,
    }


def scrubbed(text: str, *secrets: str) -> str:
    target = io.StringIO()
    ScrubbingStream(target, secrets).write(text)
    return target.getvalue()


def test_a_given_token_is_scrubbed_only_where_it_stands_as_a_whole_token() -> None:
    secret = "abcdefgh-12345678"

    assert (
        scrubbed(f"token={secret}; x-{secret}y {secret}.", secret) == f"token=REDACTED; x-{secret}y REDACTED."
    )


def test_short_given_tokens_never_touch_ordinary_output() -> None:
    text = '{"status": "Running"} https://emulator.blob.core.windows.net/exports/m1'

    assert scrubbed(text, "Running", "emulator") == text


def test_jwts_and_bearer_values_are_scrubbed_whatever_token_was_given() -> None:
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl"

    assert scrubbed(f"echo: {jwt}") == "echo: REDACTED"
    assert scrubbed("Authorization: Bearer abcdefghijklmnopqrstuvwxyz") == "Authorization: Bearer REDACTED"
    assert scrubbed("send an Authorization: Bearer header") == "send an Authorization: Bearer header"


def test_a_continuation_token_is_not_mistaken_for_a_jwt() -> None:
    token = "opst1.eyJhcGkiOiJtb25pdG9yIiwiZmlyc3Rfc2VlbiI6MS4wLCJ1cmwiOiJodHRwOi8vMTI3LjAuMC4xIiwidiI6MX0"

    assert scrubbed(f"opstatus resume {token}") == f"opstatus resume {token}"
