"""Plain-text pieces shared by the progress lines and the final report (ASCII only, any terminal)."""

from __future__ import annotations

from .._progress import ProgressEvent, RetryNotice, StepProgress
from .._state import OperationState
from .._status import StatusSnapshot

__all__ = [
    "current_step",
    "percent_text",
    "retry_text",
    "state_text",
    "step_text",
    "step_window",
    "summary_of",
]


def percent_text(percent: float | None) -> str:
    """``42%`` (whole percent, as the services report them), or ``""`` when the API reports none."""
    return "" if percent is None else f"{percent:.0f}%"


def state_text(state: OperationState, raw_status: str | None) -> str:
    """``running (InProgress)``: the shared state, then the service's own spelling when it differs."""
    if raw_status is None or raw_status == state.value:
        return state.value
    return f"{state.value} ({raw_status})"


def current_step(steps: tuple[StepProgress, ...]) -> tuple[int, StepProgress] | None:
    """The step a person cares about: the first one not succeeded, else the last; 1-based index."""
    for index, step in enumerate(steps, start=1):
        if step.state is not OperationState.SUCCEEDED:
            return index, step
    return (len(steps), steps[-1]) if steps else None


def step_window(steps: tuple[StepProgress, ...], limit: int) -> tuple[int, tuple[StepProgress, ...]]:
    """At most ``limit`` steps to show, around the current one, and the 0-based index of the first.

    A service may list thousands of steps: what is drawn or printed stays bounded, whatever it sent;
    the caller says how many were left out before and after (``+K more steps``).
    """
    if len(steps) <= limit:
        return 0, steps
    found = current_step(steps)
    current = found[0] - 1 if found is not None else 0
    start = max(0, min(current - 1, len(steps) - limit))  # one finished step before the current one
    return start, steps[start : start + limit]


def step_text(index: int, total: int, step: StepProgress) -> str:
    """``step 2/3 Certification: inProgress 50%``."""
    name = step.name or "(unnamed)"
    status = step.raw_status or step.state.value
    percent = percent_text(step.percent)
    return f"step {index}/{total} {name}: {status}{' ' + percent if percent else ''}"


def summary_of(item: ProgressEvent | StatusSnapshot) -> str:
    """One line: state, percent and the current step (for plain progress lines)."""
    parts = [state_text(item.state, item.raw_status)]
    if item.percent is not None:
        parts.append(percent_text(item.percent))
    found = current_step(item.steps)
    if found is not None:
        index, step = found
        parts.append("| " + step_text(index, len(item.steps), step))
    return " ".join(parts)


def retry_text(notice: RetryNotice, *, delay: float | None = None) -> str:
    """``throttled (429 TooManyRequests): next try in 5.0s (attempt 2 of 4)``, or ``ConnectError: ...``.

    ``delay`` overrides the notice's own (the live display counts it down).
    """
    left = notice.delay if delay is None else max(0.0, delay)
    what = f"throttled ({notice.reason})" if notice.throttled else notice.reason
    return f"{what}: next try in {left:.1f}s (attempt {notice.attempt} of {notice.max_attempts})"
