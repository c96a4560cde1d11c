"""What the demos run for each API, derived from its description alone.

Both demos take their operations from here: ``opstatus demo`` (``opstatus.cli._demo``: one operation
per API, each waited on by the real command) and the emulator's ``--demo`` (``_cli``: a success and a
failure per API, ready to paste). So an API added as one spec file is demoed like the first three.

Per API, from ``EMULATION`` and the polling table:

* **order**: ``demo_order`` (the spec's ``emulator.demo.order``), then the APIs that give none, by key;
* **succeeding**: where the API has steps, a step plan through the steps its running example shows;
  else queued for a fifth of the time, then running (at 20 % and 60 % where it reports a percent);
* **failing**: the same, stopped at the second step (the only one, if just one) or at the end, with the
  error of its failed example: the error object's ``code`` (else ``OperationFailed``) and the message
  where the polling table's ``message`` pointer reads it;
* **quickstart** (``demo_quickstart``): the succeeding lifecycle under its succeeded example's operation
  id (the last of ``status_id_members``: an ARM example's ``id`` is a resource id, its ``name`` the id),
  in the scope its parameters' examples give: the README quickstart names those ids.
"""

from __future__ import annotations

from typing import Final

from ._apis import PROFILES, ApiProfile
from ._examples import at_pointer
from ._lifecycle import ErrorSpec, Lifecycle, Outcome, Phase, PlannedStep, step_plan

__all__ = ["demo_profiles", "failing", "failure_of", "quickstart_id", "story", "succeeding"]

_DEFAULT_ERROR: Final = ErrorSpec(code="OperationFailed", message="The operation failed.")


def demo_profiles() -> list[ApiProfile]:
    """Every API of the build in demo order."""
    return sorted(
        PROFILES.values(),
        key=lambda p: (p.emulation.demo_order is None, p.emulation.demo_order or 0, p.key),
    )


def story(profile: ApiProfile) -> str:
    """The line ``opstatus demo`` prints before the API's command."""
    if profile.emulation.demo_story:
        return profile.emulation.demo_story
    ends = "fails" if profile.emulation.demo_fails else "finishes"
    return f"a {profile.polling.title} operation {ends}"


def _steps(profile: ApiProfile, seconds: float) -> list[PlannedStep]:
    steps = profile.emulation.example_steps
    return [PlannedStep(id=step_id, name=name, seconds=seconds / len(steps)) for step_id, name in steps]


def _phases(profile: ApiProfile, seconds: float) -> tuple[Phase, ...]:
    percents: tuple[float | None, float | None] = (20, 60) if profile.reports_percent else (None, None)
    return (
        Phase(state="not_started", seconds=seconds / 5),
        Phase(seconds=seconds * 2 / 5, percent=percents[0]),
        Phase(seconds=seconds * 2 / 5, percent=percents[1]),
    )


def succeeding(profile: ApiProfile, seconds: float) -> Lifecycle:
    """A lifecycle that succeeds ``seconds`` after it starts."""
    if profile.reports_steps and profile.emulation.example_steps:
        return step_plan(_steps(profile, seconds))
    return Lifecycle(phases=_phases(profile, seconds))


def failing(profile: ApiProfile, seconds: float) -> Lifecycle:
    """A lifecycle that fails ``seconds`` after it starts (sooner where it stops at a step)."""
    error = failure_of(profile)
    if profile.reports_steps and profile.emulation.example_steps:
        steps = _steps(profile, seconds)
        stop = steps[1] if len(steps) > 1 else steps[0]
        return step_plan(steps, outcome="failed", fail_at=stop.id, error=error)
    return Lifecycle(phases=_phases(profile, seconds), outcome=Outcome(state="failed", error=error))


def failure_of(profile: ApiProfile) -> ErrorSpec:
    """The error of the API's failed example (see the module docstring)."""
    emulation, table = profile.emulation, profile.polling
    example = emulation.status_examples.get(emulation.state_examples.get("failed", ""), {})
    error = at_pointer(example, table.error_pointer) if table.error_pointer else None
    message = at_pointer(example, table.message_pointer) if table.message_pointer else None
    code = error.get("code") if isinstance(error, dict) else None
    return ErrorSpec(
        code=code if isinstance(code, str) and code else _DEFAULT_ERROR.code,
        message=message if isinstance(message, str) and message else _DEFAULT_ERROR.message,
    )


def quickstart_id(profile: ApiProfile) -> str | None:
    """The operation id of the API's succeeded example (``None``: it shows none)."""
    emulation = profile.emulation
    example = emulation.status_examples.get(emulation.state_examples.get("succeeded", ""), {})
    members = emulation.status_id_members
    value = example.get(members[-1]) if members else None
    return value if isinstance(value, str) and value else None
