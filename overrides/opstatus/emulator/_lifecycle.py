"""Scripted lifecycles: what an emulated operation reports, second by second.

A lifecycle is a list of non-terminal :class:`Phase` objects, each lasting ``seconds`` on the emulator's
clock, then an :class:`Outcome`. Each phase and the outcome may name the raw status spelling to send
(CPP ``complete`` vs ``completed``, an ARM resource provider's ``Provisioning``, a Graph value from the
future), so tolerant parsing gets exercised; by default the API's usual spelling is used. The same
objects travel as JSON through the admin API (``model_dump(mode="json")`` / ``model_validate``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "BlobSpec",
    "ErrorSpec",
    "FinalState",
    "Lifecycle",
    "ManifestSpec",
    "Outcome",
    "Phase",
    "PhaseState",
    "PlannedStep",
    "Snapshot",
    "StepMessage",
    "StepView",
    "final_snapshot",
    "snapshot_at",
    "step_plan",
]

PhaseState = Literal["not_started", "running"]
FinalState = Literal["succeeded", "failed", "canceled"]
State = Literal["not_started", "running", "succeeded", "failed", "canceled"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ErrorSpec(BaseModel):
    """An operation's own error, rendered in each API's shape: an error object with the members its schema
    declares (ARM's error, Graph's publicError), or the message alone where the API's error is a string
    (CPP)."""

    model_config = _FROZEN

    code: str = Field(min_length=1)
    message: str = Field(min_length=1)
    target: str | None = None
    details: tuple[ErrorSpec, ...] = ()


class StepMessage(BaseModel):
    """A message on a step: its text goes where ``step-message-text`` points (CPP ``messageHtml``; a plain
    string where the table has no such pointer), ``level`` to the member of that name; any date-time the
    spec's example message holds reads as the step's last change."""

    model_config = _FROZEN

    text: str
    level: str = "information"


class StepView(BaseModel):
    """One step as a poll shows it during a phase, for any API whose polling table has ``steps``.

    ``name``, ``status``, ``progress`` and ``messages`` go where the table's step pointers say; the other
    fields to the member of their camelCase name (``estimated_time_frame`` -> ``estimatedTimeFrame``),
    starting from the spec example's first step item."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    status: str = Field(min_length=1)
    progress: int | None = Field(default=None, ge=0, le=100)
    name: str | None = None
    description: str | None = None
    estimated_time_frame: str | None = None
    messages: tuple[StepMessage, ...] = ()


class Phase(BaseModel):
    """A non-terminal stretch of the lifecycle."""

    model_config = _FROZEN

    state: PhaseState = "running"
    seconds: float = Field(default=0.0, ge=0.0, allow_inf_nan=False)
    status: str | None = Field(default=None, min_length=1)
    """Raw status to send; ``None`` = the API's usual spelling of ``state``. An unlisted value exercises
    the client's UNKNOWN state."""
    percent: float | None = Field(default=None, ge=0.0, le=100.0)
    """The operation's percentage, for an API whose polling table has a ``percent`` pointer (ARM's
    ``percentComplete``); refused for any other."""
    steps: tuple[StepView, ...] | None = None
    """The steps, for an API whose polling table has a ``steps`` pointer (CPP); refused for any other."""


class Outcome(BaseModel):
    """How the operation ends."""

    model_config = _FROZEN

    state: FinalState = "succeeded"
    status: str | None = Field(default=None, min_length=1)
    error: ErrorSpec | None = None
    """The operation's error (failed/canceled); a default one is used when absent."""
    error_body: dict[str, Any] | str | None = None
    """The error exactly as the API's body carries it (validated by the API's model); wins over ``error``."""
    percent: float | None = Field(default=None, ge=0.0, le=100.0)
    steps: tuple[StepView, ...] | None = None
    """Final steps (an API with ``steps`` only); ``None`` keeps the steps of the last phase."""

    @model_validator(mode="after")
    def _no_error_on_success(self) -> Self:
        if self.state == "succeeded" and (self.error is not None or self.error_body is not None):
            raise ValueError("a succeeded outcome carries no error")
        return self


class BlobSpec(BaseModel):
    model_config = _FROZEN

    name: str = "part-00000.json.gz"
    partition_value: str = "default"


class ManifestSpec(BaseModel):
    """The result a succeeded operation links to, for any API with a result route (Graph's manifest).

    Each field sets the result body's member of its camelCase name where the result's schema declares it
    (``sas_token`` -> ``sasToken``), and a ``<name>Count`` member counts the array ``<name>s`` (``blobs``,
    ``blobCount``); members the spec's result example has and no field sets stay as the example has them.
    """

    model_config = _FROZEN

    id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
    )
    """``None``: derived from the operation id (it differs from it, as on the real service)."""
    blobs: tuple[BlobSpec, ...] = (BlobSpec(),)
    data_format: str = "compressedJSONLines"
    schema_version: str = "2"
    partition_type: str = "default"
    partner_tenant_id: str = "0ba4f2a9-0c8b-4f6c-8d33-9b9a3b2b5a2e"
    root_directory: str | None = None
    """``None``: the example's."""
    sas_token: str = "sv=2020-10-02&sr=c&sig=EMULATOR-NOT-A-SECRET"  # noqa: S105 - a fake by design


class Lifecycle(BaseModel):
    """The whole script of one operation."""

    model_config = _FROZEN

    phases: tuple[Phase, ...] = ()
    outcome: Outcome = Outcome()
    cancel_outcome: Outcome = Outcome(state="canceled")
    """What an admin ``cancel`` switches the operation to."""
    retry_after: int | Literal["default", "off"] = "default"
    """``Retry-After`` seconds on non-terminal reads; ``default``: the API's habit (ARM sends it, CPP and
    Graph do not), with the emulator's default value; ``off``: never."""
    array_body: bool = True
    """For an API whose status 200 may be a one-element array (``unwrap-single-item-array``, CPP): send
    it so, as such docs show it; ``False``: the plain object. No effect on any other API."""
    zone_less_created: bool = True
    """For an API that tolerates ``naive-date-time``: send a date-time member without a zone where the
    spec's examples write it so (Graph's ``createdDateTime``); ``False``: always with ``Z``. No effect on
    an API whose examples zone every date-time."""
    manifest: ManifestSpec = ManifestSpec()
    """For an API with a result route: the result a succeeded operation links to (Graph's manifest)."""
    location_result: Literal["resource", "none"] = "resource"
    """For an API whose operations are ARM operations (``EMULATION.arm_operations``): what the operation's
    ARM ``Location`` URL answers once it succeeded: ``200`` with the final resource, or ``204`` without a
    body (see ``_arm``)."""

    @model_validator(mode="after")
    def _cancel_outcome_is_canceled(self) -> Self:
        if self.cancel_outcome.state != "canceled":
            raise ValueError("cancel_outcome.state must be 'canceled'")
        if isinstance(self.retry_after, int) and self.retry_after < 0:
            raise ValueError("retry_after must be >= 0")
        return self

    @property
    def duration(self) -> float:
        """Seconds from creation to the outcome."""
        return sum(phase.seconds for phase in self.phases)

    # --- short forms for the common scripts ----------------------------------------------------------

    @classmethod
    def succeeds(
        cls, *, after: float = 0.0, status: str | None = None, running_status: str | None = None
    ) -> Self:
        """Running for ``after`` seconds, then succeeded."""
        return cls(
            phases=(Phase(seconds=after, status=running_status),) if after else (),
            outcome=Outcome(state="succeeded", status=status),
        )

    @classmethod
    def fails(
        cls,
        *,
        after: float = 0.0,
        code: str = "OperationFailed",
        message: str = "The operation failed.",
        status: str | None = None,
    ) -> Self:
        """Running for ``after`` seconds, then failed with ``code``/``message``."""
        return cls(
            phases=(Phase(seconds=after),) if after else (),
            outcome=Outcome(state="failed", status=status, error=ErrorSpec(code=code, message=message)),
        )

    @classmethod
    def canceled(cls, *, after: float = 0.0, status: str | None = None) -> Self:
        """Running for ``after`` seconds, then canceled."""
        return cls(
            phases=(Phase(seconds=after),) if after else (),
            outcome=Outcome(state="canceled", status=status),
        )

    @classmethod
    def never_finishes(cls, *, status: str | None = None) -> Self:
        """Running (or reporting ``status``) for a year: for timeout tests."""
        return cls(phases=(Phase(seconds=365 * 24 * 3600.0, status=status),))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an operation looks like at one instant."""

    state: State
    status: str | None
    """Raw spelling override; ``None`` = the API's usual spelling of ``state``."""
    created_at: float
    changed_at: float
    ended_at: float | None
    percent: float | None
    steps: tuple[StepView, ...] | None
    outcome: Outcome | None
    """The outcome in force once terminal (for its error)."""

    @property
    def terminal(self) -> bool:
        return self.outcome is not None


def snapshot_at(
    lifecycle: Lifecycle, *, created_at: float, canceled_at: float | None, now: float
) -> Snapshot:
    """Where the script is at clock time ``now``."""
    start = created_at
    last_steps: tuple[StepView, ...] | None = None
    for phase in lifecycle.phases:
        end = start + phase.seconds
        if canceled_at is not None and canceled_at < end and now >= canceled_at:
            return final_snapshot(
                lifecycle.cancel_outcome, created_at=created_at, at=canceled_at, steps=phase.steps
            )
        if now < end:
            return Snapshot(
                state=phase.state,
                status=phase.status,
                created_at=created_at,
                changed_at=start,
                ended_at=None,
                percent=phase.percent,
                steps=phase.steps,
                outcome=None,
            )
        last_steps = phase.steps if phase.steps is not None else last_steps
        start = end
    if canceled_at is not None and canceled_at < start:
        return final_snapshot(
            lifecycle.cancel_outcome, created_at=created_at, at=canceled_at, steps=last_steps
        )
    return final_snapshot(lifecycle.outcome, created_at=created_at, at=start, steps=last_steps)


def final_snapshot(
    outcome: Outcome, *, created_at: float, at: float, steps: tuple[StepView, ...] | None
) -> Snapshot:
    return Snapshot(
        state=outcome.state,
        status=outcome.status,
        created_at=created_at,
        changed_at=at,
        ended_at=at,
        percent=outcome.percent,
        steps=outcome.steps if outcome.steps is not None else steps,
        outcome=outcome,
    )


# --- step plans (any API with steps; CPP's spellings by default) ---------------------------------------


class PlannedStep(BaseModel):
    """One step in a :func:`step_plan`: how long it runs and which percentages it reports."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str
    seconds: float = Field(default=1.0, gt=0.0, allow_inf_nan=False)
    progress: tuple[int, ...] = (0, 50)
    """Percentages shown while the step runs, each for an equal share of ``seconds``."""
    description: str | None = None
    estimated_time_frame: str | None = None

    @model_validator(mode="after")
    def _progress_in_range(self) -> Self:
        if not self.progress or any(not 0 <= p <= 100 for p in self.progress):
            raise ValueError("progress must list at least one percentage, each 0-100")
        return self


def step_plan(
    steps: Sequence[PlannedStep],
    *,
    outcome: FinalState = "succeeded",
    fail_at: str | None = None,
    error: ErrorSpec | None = None,
    queued_seconds: float = 0.0,
    running_status: str | None = None,
    final_status: str | None = None,
    step_done: str = "complete",
    step_running: str = "inProgress",
    step_waiting: str = "notStarted",
    step_failed: str = "failed",
) -> Lifecycle:
    """A lifecycle that walks ``steps`` one after another, with their progress percentages (for an API
    whose polling table has ``steps``).

    The operation is ``not started`` for ``queued_seconds``, then runs each step in turn: earlier steps
    show ``step_done``/100, the current one ``step_running`` with its percentages, later ones
    ``step_waiting``/0. With ``outcome="failed"`` the plan stops at step ``fail_at`` (default: the last),
    which ends ``step_failed`` carrying the error message. Step spellings default to the CPP docs' examples.
    """
    if not steps:
        raise ValueError("a step plan needs at least one step")
    ids = [step.id for step in steps]
    stop = len(steps)
    if outcome != "succeeded":
        if fail_at is not None and fail_at not in ids:
            raise ValueError(f"fail_at {fail_at!r} is not one of the steps {ids}")
        stop = ids.index(fail_at) + 1 if fail_at is not None else len(steps)

    def view(
        step: PlannedStep, status: str, progress: int, messages: tuple[StepMessage, ...] = ()
    ) -> StepView:
        return StepView(
            id=step.id,
            status=status,
            progress=progress,
            name=step.name,
            description=step.description,
            estimated_time_frame=step.estimated_time_frame,
            messages=messages,
        )

    def board(current: int, percent: int) -> tuple[StepView, ...]:
        return tuple(
            view(step, step_done, 100)
            if i < current
            else view(step, step_running, percent)
            if i == current
            else view(step, step_waiting, 0)
            for i, step in enumerate(steps)
        )

    phases: list[Phase] = []
    if queued_seconds:
        waiting = tuple(view(step, step_waiting, 0) for step in steps)
        phases.append(Phase(state="not_started", seconds=queued_seconds, steps=waiting))
    for index, step in enumerate(steps[:stop]):
        share = step.seconds / len(step.progress)
        phases.extend(
            Phase(seconds=share, status=running_status, steps=board(index, percent))
            for percent in step.progress
        )
    if outcome == "succeeded":
        final_steps = tuple(view(step, step_done, 100) for step in steps)
        end = Outcome(state="succeeded", status=final_status, steps=final_steps)
    else:
        error = error or ErrorSpec(code="StepFailed", message=f"Step {steps[stop - 1].name!r} failed.")
        failed_step = view(
            steps[stop - 1],
            step_failed if outcome == "failed" else "canceled",
            0,
            (StepMessage(text=error.message, level="error"),),
        )
        final_steps = (
            *(view(step, step_done, 100) for step in steps[: stop - 1]),
            failed_step,
            *(view(step, step_waiting, 0) for step in steps[stop:]),
        )
        end = Outcome(state=outcome, status=final_status, error=error, steps=final_steps)
    return Lifecycle(phases=tuple(phases), outcome=end)
