"""User code waiting on many operations type-checks under ``mypy --strict`` (sync and async sets), and
mixing the flavours (an async poller in the sync set, a sync client for the async one) is a type error.

Like test_user_script_types: a script is written to a temporary folder and mypy (a dev dependency,
beside this interpreter) checks it against the installed package and its ``py.typed``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

_VENV_BIN = Path(sys.executable).parent

GOOD = """
import asyncio

import opstatus
from opstatus import AsyncMonitorClient, AsyncOperationSet, MonitorClient, OperationSet, Outcome


def wait_all(urls: list[str], tokens: dict[str, str]) -> list[Outcome]:
    done: list[Outcome] = []
    with MonitorClient(token="t") as client, OperationSet(max_in_flight=8, rate=5.0) as ops:
        for url in urls:
            ops.add(url, client=client, timeout=600.0)
        for label, token in tokens.items():
            ops.add(token, client=client, label=label)
        ops.add(client.poller_from_url(urls[0]), label="first")
        for outcome in ops:
            error: opstatus.OpStatusError | None = outcome.error
            ok: bool = outcome.ok
            print(outcome.label, outcome.scope, outcome.requests, ok, error)
            done.append(outcome)
        left: dict[str, str] = ops.continuation_tokens()
        print(len(ops), ops.reads, ops.throttles, ops.scopes, left)
    return done


async def wait_all_async(urls: list[str]) -> list[Outcome]:
    async with AsyncMonitorClient(token="t") as client, AsyncOperationSet(rates={"x": 1.0}) as ops:
        for url in urls:
            ops.add(url, client=client)
        return [outcome async for outcome in ops]


print(wait_all([], {}), asyncio.run(wait_all_async([])))
"""

MIXED = """
from opstatus import AsyncMonitorClient, AsyncOperationSet, MonitorClient, OperationSet


async def mixed(url: str) -> None:
    async with AsyncMonitorClient(token="t") as async_client:
        with OperationSet() as ops:
            ops.add(async_client.poller_from_url(url))
    with MonitorClient(token="t") as client:
        async with AsyncOperationSet() as aops:
            aops.add(url, client=client)
"""


def _mypy(folder: Path, text: str) -> subprocess.CompletedProcess[str]:
    script = folder / "user_code.py"
    script.write_text(textwrap.dedent(text))
    return subprocess.run(
        [str(_VENV_BIN / "mypy"), "--strict", "--no-incremental", "--config-file=", str(script)],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=300,
        check=False,
    )


def test_user_code_of_both_sets_is_clean_under_mypy_strict(tmp_path: Path) -> None:
    done = _mypy(tmp_path, GOOD)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("needle", "line"),
    [
        ("AsyncPoller", 'Argument 1 to "add" of "OperationSet"'),
        ("MonitorClient", '"client" to "add" of "AsyncOperationSet"'),
    ],
)
def test_mixing_sync_and_async_is_a_type_error(tmp_path: Path, needle: str, line: str) -> None:
    done = _mypy(tmp_path, MIXED)
    assert done.returncode == 1
    errors = [row for row in done.stdout.splitlines() if ": error:" in row]
    assert any(line in row and needle in row for row in errors), done.stdout
