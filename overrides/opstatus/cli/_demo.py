"""``opstatus demo`` (what ``make demo`` runs): the first minute with opstatus, no cloud account needed.

Starts the emulator on a free 127.0.0.1 port, and for each API creates one operation with a short
scripted lifecycle and runs the real command a person would type, ``opstatus <api> wait ...`` (its
``run`` entry point, in this process, on this terminal), so the live progress display shows exactly as
it would for a real operation. Each API's scenario comes from its description (``scenarios``): an API
with steps walks through them, one with a result route has it read, and the one whose spec says
``demo.fails`` fails with its failed example's error. A summary table with each command's exit code
ends it; the emulator stops on the way out, also on Ctrl-C.

The token is random, configured on the emulator (so auth is real) and handed to each command in
``OPSTATUS_TOKEN``: it is never on a command line or in the output.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TextIO

import attrs

from ._apis import IdOption, api_named
from ._commands import Io
from ._credentials import API_KEY_ENV, TOKEN_ENV
from ._exit import ExitCode, missing_extra

if TYPE_CHECKING:
    from ..emulator import EmulatedOperation, EmulatorServer, Lifecycle
    from ..emulator._apis import ApiProfile

__all__ = ["Scenario", "run_demo", "scenarios"]

EMULATOR_HINT = "pip install 'opstatus[cli,emulator]'"
_POLL_INTERVAL = 0.5


@attrs.frozen(kw_only=True)
class Scenario:
    """One operation of the demo and the command that waits for it."""

    api: str
    """The CLI's API command (``partner-portal``)."""
    story: str
    lifecycle: Callable[[float], Lifecycle]
    """Builds the scripted lifecycle for a speed factor (durations are divided by it)."""
    expected: ExitCode
    options: tuple[str, ...] = ()


_SECONDS = 6.0
"""How long each demo operation runs at speed 1."""


def _scripted(
    profile: ApiProfile, build: Callable[[ApiProfile, float], Lifecycle]
) -> Callable[[float], Lifecycle]:
    def lifecycle(speed: float) -> Lifecycle:
        return build(profile, _SECONDS / speed)

    return lifecycle


def scenarios() -> tuple[Scenario, ...]:
    """One scenario per API of the build, from its description (``opstatus.emulator._demos``): in demo
    order, told by its spec's ``demo.story``, failing where it says ``demo.fails``, and reading the
    result where the API has a result route (``--manifest``)."""
    from ..emulator._demos import demo_profiles, failing, story, succeeding

    found = []
    for profile in demo_profiles():
        api = api_named(profile.key)
        fails = profile.emulation.demo_fails
        found.append(
            Scenario(
                api=api.command,
                story=story(profile),
                lifecycle=_scripted(profile, failing if fails else succeeding),
                expected=ExitCode.FAILED if fails else ExitCode.SUCCEEDED,
                options=(api.result_flag,) if api.result_flag and not fails else (),
            )
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class _Ran:
    scenario: Scenario
    operation_id: str
    exit_code: int
    seconds: float


def run_demo(*, speed: float, io: Io) -> int:
    """Run every scenario; 0 when each command exited as expected, 1 otherwise."""
    try:
        from ..emulator import EmulatorServer
    except ImportError as exc:
        raise missing_extra(exc, what="the demo", hint=EMULATOR_HINT) from exc
    started = time.monotonic()
    token = "demo-" + secrets.token_urlsafe(18)
    ran: list[_Ran] = []
    with EmulatorServer(port=0, token=token) as emulator:
        _say(io.stdout, f"opstatus demo: the emulator serves every API on {emulator.base_url}")
        _say(io.stdout, f"(each step is a real command; the token is in {TOKEN_ENV})")
        for number, scenario in enumerate(scenarios(), start=1):
            ran.append(_run_scenario(emulator, scenario, number=number, speed=speed, token=token, io=io))
    _summary(io.stdout, ran, took=time.monotonic() - started)
    return ExitCode.SUCCEEDED if all(r.exit_code == r.scenario.expected for r in ran) else ExitCode.FAILED


def _run_scenario(
    emulator: EmulatorServer, scenario: Scenario, *, number: int, speed: float, token: str, io: Io
) -> _Ran:
    api = api_named(scenario.api)
    operation = emulator.create_operation(api.key, lifecycle=scenario.lifecycle(speed))
    argv = [
        scenario.api,
        "wait",
        "--base-url",
        emulator.base_url,
        *_id_options(api.ids, operation),
        "--interval",
        f"{_POLL_INTERVAL / speed:g}",
        *scenario.options,
    ]
    _say(io.stdout, f"\n{number}. {scenario.story}")
    _say(io.stdout, "$ opstatus " + " ".join(argv))
    began = time.monotonic()
    # the emulator's token, as an API key for an API that takes no bearer token (Azure Speech)
    credential_env = TOKEN_ENV if api.takes_token else API_KEY_ENV
    code = _child(argv, env={**io.environ, credential_env: token}, io=io)
    return _Ran(
        scenario=scenario, operation_id=operation.id, exit_code=code, seconds=time.monotonic() - began
    )


def _id_options(options: tuple[IdOption, ...], operation: EmulatedOperation) -> list[str]:
    argv: list[str] = []
    for option in options:
        argv += [option.flag, operation.params[option.param]]
    return argv


def _child(argv: list[str], *, env: Mapping[str, str], io: Io) -> int:
    """Run ``opstatus <argv>`` in this process, on our streams (no interpreter start-up to wait for,
    so the command sees the operation from its first second)."""
    from ._main import run

    code = run(argv, stdout=io.stdout, stderr=io.stderr, environ=env)
    if code == ExitCode.INTERRUPTED:
        raise KeyboardInterrupt  # Ctrl-C stops the whole demo, not only this command
    return code


def _summary(out: TextIO, ran: list[_Ran], *, took: float) -> None:
    names = {code.value: code.name.lower() for code in ExitCode}
    rows = [("api", "operation", "result", "exit", "took")]
    rows += [
        (
            api_named(r.scenario.api).key,
            r.operation_id,
            names.get(r.exit_code, "?"),
            str(r.exit_code),
            f"{r.seconds:.1f}s",
        )
        for r in ran
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    _say(out, "\nsummary")
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i < 3 else row[i].rjust(widths[i]) for i in range(5)]
        _say(out, "  " + "  ".join(cells))
    as_expected = all(r.exit_code == r.scenario.expected for r in ran)
    verdict = "every command exited as expected" if as_expected else "some command did NOT exit as expected"
    _say(out, f"demo finished in {took:.1f}s; {verdict}; emulator stopped")


def _say(out: TextIO, text: str) -> None:
    print(text, file=out, flush=True)
