"""``opstatus wait-all [FILE]``: many operations from lines of a file or stdin, one outcome each."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from opstatus import MonitorClient
from opstatus.emulator import EmulatorServer, Lifecycle

from tests.cli.conftest import FAST, TOKEN, Cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def lines_file(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "operations.txt"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_piped_each_completion_is_one_json_line_holding_its_input(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    ok = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=2))
    bad = emulator.create_operation("monitor", lifecycle=Lifecycle.fails(after=1))
    path = lines_file(tmp_path, "# deploys", emulator.url_for(ok), "", emulator.url_for(bad))

    ran = cli("wait-all", path, *FAST)

    documents = [json.loads(line) for line in ran.out.splitlines()]
    by_input = {document["input"]: document for document in documents}
    assert set(by_input) == {emulator.url_for(ok), emulator.url_for(bad)}
    assert by_input[emulator.url_for(ok)]["status"] == "Succeeded"
    assert by_input[emulator.url_for(ok)]["exitCode"] == 0
    failed = by_input[emulator.url_for(bad)]
    assert (failed["exitCode"], failed["status"]) == (1, "Failed")
    assert failed["error"]["exitCode"] == 1
    assert ran.code == 1  # the worst outcome's


def test_a_line_that_names_no_operation_is_its_own_usage_error_and_stops_nothing(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    ok = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))
    path = lines_file(tmp_path, "not-a-url-or-token", emulator.url_for(ok))

    ran = cli("wait-all", path, *FAST)

    documents = {d["input"]: d for d in (json.loads(line) for line in ran.out.splitlines())}
    assert documents["not-a-url-or-token"]["error"]["code"] == "UsageError"
    assert documents[emulator.url_for(ok)]["exitCode"] == 0
    assert ran.code == 2


def test_continuation_tokens_are_waited_on_like_urls(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))
    with MonitorClient(base_url=emulator.base_urls["monitor"], token=TOKEN) as client:
        token = client.poller_from_url(emulator.url_for(op)).continuation_token()

    ran = cli("wait-all", lines_file(tmp_path, token), *FAST)

    assert ran.code == 0
    assert json.loads(ran.out)["input"] == token


@pytest.fixture
def without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the ``cli`` extra (rich) were not installed: the live summary's module cannot be imported."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "rich"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "opstatus.cli._wait_all_live", raising=False)
    monkeypatch.setitem(sys.modules, "rich", None)


@pytest.mark.usefixtures("without_rich")
def test_on_a_terminal_without_rich_one_line_per_completion_and_a_summary(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    ops = [emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1)) for _ in range(3)]
    path = lines_file(tmp_path, *(emulator.url_for(op) for op in ops))

    ran = cli("wait-all", path, *FAST, stdout=Terminal())

    lines = ran.out.splitlines()
    assert sorted(lines[:3]) == sorted(f"{emulator.url_for(op)}: succeeded" for op in ops)
    assert lines[3].startswith("3 operations: 3 succeeded; ")
    assert "note: pip install 'opstatus[cli]' for a live summary" in ran.err
    assert ran.code == 0


def test_quiet_on_a_terminal_prints_the_plain_lines_without_a_live_summary(
    cli: Cli, emulator: EmulatorServer, tmp_path: Path
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))

    ran = cli("wait-all", lines_file(tmp_path, emulator.url_for(op)), *FAST, "--quiet", stdout=Terminal())

    assert ran.out.splitlines()[0] == f"{emulator.url_for(op)}: succeeded"
    assert "\x1b" not in ran.out


def test_lines_come_from_stdin_without_a_file(
    cli: Cli, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = emulator.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=1))
    monkeypatch.setattr("sys.stdin", io.StringIO(emulator.url_for(op) + "\n"))

    ran = cli("wait-all", *FAST)

    assert ran.code == 0
    assert json.loads(ran.out)["id"].endswith(op.id)


def test_a_file_that_cannot_be_read_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    ran = cli("wait-all", str(tmp_path / "missing.txt"))

    assert ran.code == 2
    assert "cannot read" in ran.err


@pytest.mark.usefixtures("without_rich")
def test_control_characters_in_an_input_line_reach_a_terminal_escaped_by_the_one_sanitiser(
    cli: Cli, tmp_path: Path
) -> None:
    ran = cli("wait-all", lines_file(tmp_path, "evil\x1b[31mred"), stdout=Terminal())

    assert "\x1b" not in ran.out
    assert "evil\\x1b[31mred: error: UsageError" in ran.out
