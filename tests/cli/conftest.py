"""Fixtures for the command line tests: one emulator over 127.0.0.1, and a runner that scans output.

The emulator runs on a virtual clock that moves one second per status read, so a lifecycle of a few
"seconds" finishes after a few reads and no test sleeps for it; commands poll with ``--interval 0.05``.
Every run of the command goes through :class:`Cli`, which fails the test if the token it used shows
up anywhere in stdout or stderr: together the tests are a scan of all the CLI's output.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping

import attrs
import pytest
from opstatus.cli import run
from opstatus.emulator import EmulatedOperation, EmulatorServer

from tests.api_catalog import case

TOKEN = "opstatus-cli-FAKE-token-7f3c9b2e41d8"
"""Recognisable, so a leak is unmistakable; the emulator accepts only this token."""

FAST = ("--interval", "0.05")


@attrs.frozen
class Ran:
    code: int
    out: str
    err: str

    @property
    def all(self) -> str:
        return self.out + self.err


class Cli:
    """Runs ``opstatus`` in process (its ``run`` entry point) with captured streams."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def __call__(
        self,
        *argv: str,
        env: Mapping[str, str] | None = None,
        base_url: bool = True,
        stdout: io.StringIO | None = None,
    ) -> Ran:
        environ = {"OPSTATUS_TOKEN": TOKEN} if env is None else dict(env)
        args = [*argv, "--base-url", self.base_url] if base_url else list(argv)
        out, err = stdout or io.StringIO(), io.StringIO()
        code = run(args, stdout=out, stderr=err, environ=environ)
        ran = Ran(code=code, out=out.getvalue(), err=err.getvalue())
        assert_no_token(ran.all)
        return ran


def assert_no_token(text: str) -> None:
    assert TOKEN not in text, "the bearer token leaked into the command's output"
    assert TOKEN[8:24] not in text, "part of the bearer token leaked into the command's output"


def ids(op: EmulatedOperation) -> list[str]:
    """The id options that name ``op`` on the command line, spelled as a person types them."""
    argv: list[str] = []
    for flag, wire in case(op.api).cli_ids:  # the status route's parameters, the CLI's own flags
        argv += [flag, op.params.get(wire, op.id)]
    return argv


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(clock="virtual", tick_per_request=1.0, token=TOKEN) as server:
        yield server


@pytest.fixture
def cli(emulator: EmulatorServer) -> Cli:
    return Cli(emulator.base_url)
