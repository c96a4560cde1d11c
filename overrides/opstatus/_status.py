"""How to read a status body: the per-API part of waiting, driven entirely by a generated polling table.

azure-core splits polling into "read the status", "wait" and "the handle". This module is the first
job. It knows nothing about HTTP or time: :class:`StatusReader` turns one decoded JSON body into a
:class:`StatusSnapshot` using the JSON pointers and the state table rendered from the spec's
``x-opstatus-polling`` extension (``opstatus._generated.<key>.polling.TABLE``). The three APIs differ only
in that table, never in code here.

:class:`StatusResponse` is the seam with the HTTP layer: one status GET, already decoded.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import attrs

from ._errors import HttpError, OperationError
from ._progress import StepProgress
from ._state import OperationState
from ._table import PollingTable

__all__ = ["PollingTable", "StatusReader", "StatusResponse", "StatusSnapshot"]

_LOGGER = logging.getLogger(__name__)
ResourceT = TypeVar("ResourceT")
_MISSING = object()
_MAX_ERROR_DEPTH = 8  # nested ARM error details beyond this are dropped, not recursed into forever

# (api, raw status) pairs already warned about, process-wide: many clients of one API share a log line.
# Bounded so a service inventing a new status on every read cannot grow memory without limit.
_WARNED: set[tuple[str, str]] = set()
_WARNED_LIMIT = 1024
_WARNED_LOCK = threading.Lock()


@attrs.frozen
class StatusResponse(Generic[ResourceT]):
    """One status GET as the HTTP layer hands it to a poller.

    ``body`` is the decoded JSON (already unwrapped from a one-element array when the table says
    ``unwrap_single_item_array``); ``resource`` the typed model parsed from it; ``retry_after`` the
    delay in seconds the server asked for (from ``Retry-After``/``retry-after-ms``/an HTTP date), or
    ``None``; the poller clamps it to the policy's floor and cap. ``http_status`` is the answer's
    status code: ARM's ``Location`` protocol says "running" with a 202 and "done" with a 200 or 204,
    so for that reader the code, not the body, is the status. ``next_url`` is where that protocol
    says to read next (a 202's ``Location``, when it names another URL on the same origin).
    ``headers`` are the answer's headers (``None`` when a test or caller built the value without
    any): a set of waits reads the remaining read budget there (``opstatus._many``).
    """

    body: Any
    resource: ResourceT
    retry_after: float | None
    request_id: str | None
    http_status: int = 200
    next_url: str | None = None
    snapshot: tuple[object, StatusSnapshot] | None = None
    """(reader, what it read from this answer), when the read was made off the caller's thread with the
    parse (a large answer, see ``_offload``); the poller uses it if it holds the same reader."""
    headers: Mapping[str, str] | None = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(kw_only=True)
class StatusSnapshot:
    """What one status body says, in the shared vocabulary.

    ``raw_status`` is the service's own spelling (kept even when ``state`` is UNKNOWN); ``error`` is
    the operation's own error if the body carries one; ``percent`` is 0-100 or ``None``; ``steps``
    are in the service's order; ``result_link`` is where a finished operation's result lives (Graph).
    """

    state: OperationState
    raw_status: str | None
    error: OperationError | None = None
    percent: float | None = None
    steps: tuple[StepProgress, ...] = ()
    message: str | None = None
    result_link: str | None = None


def resolve_pointer(document: Any, pointer: str) -> Any:
    """RFC 6901 lookup; returns the module-private ``_MISSING`` marker instead of raising.

    Bodies vary (the specs say so), so a missing or mistyped member is "absent", never an exception.
    """
    if pointer == "":
        return document
    if not pointer.startswith("/"):
        return _MISSING
    current = document
    for token in pointer[1:].split("/"):
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(current, Mapping):
            if key not in current:
                return _MISSING
            current = current[key]
        elif isinstance(current, list) and key.isdigit():
            index = int(key)
            if index >= len(current):
                return _MISSING
            current = current[index]
        else:
            return _MISSING
    return current


class StatusReader:
    """Reads status bodies of one API. Built once per client from its generated polling table.

    Mapping rules the caller can rely on:

    * statuses compare case-insensitively (``str.casefold``), as ARM, CPP and Graph all vary case;
    * a status the table does not know is UNKNOWN (not terminal, raw value kept) and is logged once
      per (API, raw value) at WARNING, so a new service value is noticed without flooding the log;
    * a missing or non-string status is UNKNOWN with ``raw_status=None``;
    * ``percent`` is the table's percent member if the body sends a number; otherwise, for APIs with
      steps (CPP), the unweighted mean of the step percentages, where a step without a number counts
      as 100 if its own status is SUCCEEDED and 0 otherwise. Steps are weighted equally because the
      service gives no weights (its ``estimatedTimeFrame`` is free text such as ``"~2-5 days"``);
      the mean is monotone as steps advance, which is what a progress bar needs;
    * the operation error is read at the table's ``error_pointer``: an object with
      ``code``/``message``/``target``/``details`` (ARM, Graph; details nest) or a bare string (CPP).
    """

    def __init__(self, table: PollingTable) -> None:
        self.table = table

    @classmethod
    def from_table(cls, table: PollingTable) -> StatusReader:
        """Build a reader from a polling table (``opstatus._generated.<key>.polling.TABLE``)."""
        return cls(table)

    @property
    def api_key(self) -> str:
        return self.table.api_key

    def read_response(self, response: StatusResponse[Any]) -> StatusSnapshot:
        """Map one status answer; the table's readers look only at the body (ARM's looks at the code)."""
        return self.read(response.body)

    def failure_answer(
        self, error: HttpError, *, previous: StatusResponse[Any] | None
    ) -> StatusResponse[Any] | None:
        """An error answer that is the operation's own failure, as a status answer; else ``None``.

        For the tables' APIs an error status is always a failed read (``None``: the error is raised).
        ARM's ``Location`` protocol is the exception: after a 202, a 4xx *is* the operation's failure
        (``opstatus._arm_protocol``); its reader turns it into an answer that reads FAILED.
        """
        return None

    def read(self, body: Any) -> StatusSnapshot:
        """Map one decoded status body onto a :class:`StatusSnapshot`. Never raises on odd bodies."""
        table = self.table
        raw = resolve_pointer(body, table.status_pointer)
        raw_status = raw if isinstance(raw, str) else None
        state = self.state_of(raw_status)
        steps = self._steps(body)
        percent = _number(resolve_pointer(body, table.percent_pointer)) if table.percent_pointer else None
        if percent is None and steps:
            percent = _combined_percent(steps)
        error = _error(resolve_pointer(body, table.error_pointer)) if table.error_pointer else None
        message = _message(resolve_pointer(body, table.message_pointer)) if table.message_pointer else None
        link = resolve_pointer(body, table.result_link_pointer) if table.result_link_pointer else None
        return StatusSnapshot(
            state=state,
            raw_status=raw_status,
            error=error,
            percent=percent,
            steps=steps,
            message=message,
            result_link=link if isinstance(link, str) else None,
        )

    def state_of(self, raw_status: str | None) -> OperationState:
        """The shared state for one raw status; UNKNOWN (logged once) if the table does not list it."""
        if raw_status is None:
            return OperationState.UNKNOWN
        state = self.table.states.get(raw_status.casefold())
        if state is not None:
            return state
        key = (self.table.api_key, raw_status)
        with _WARNED_LOCK:
            first_time = key not in _WARNED and len(_WARNED) < _WARNED_LIMIT
            if first_time:
                _WARNED.add(key)
        if first_time:
            _LOGGER.warning(
                "%s: unknown operation status %r, treated as not finished", self.table.api_key, raw_status
            )
        return OperationState.UNKNOWN

    def _steps(self, body: Any) -> tuple[StepProgress, ...]:
        table = self.table
        if not table.steps_pointer:
            return ()
        items = resolve_pointer(body, table.steps_pointer)
        if not isinstance(items, list):
            return ()
        return tuple(self._step(item) for item in items if isinstance(item, Mapping))

    def _step(self, item: Mapping[str, Any]) -> StepProgress:
        table = self.table
        name = resolve_pointer(item, table.step_name_pointer) if table.step_name_pointer else None
        raw = resolve_pointer(item, table.step_status_pointer) if table.step_status_pointer else None
        raw_status = raw if isinstance(raw, str) else None
        percent = (
            _number(resolve_pointer(item, table.step_percent_pointer)) if table.step_percent_pointer else None
        )
        return StepProgress(
            name=name if isinstance(name, str) else None,
            state=self.state_of(raw_status) if raw_status is not None else OperationState.UNKNOWN,
            raw_status=raw_status,
            percent=percent,
            messages=self._step_messages(item),
        )

    def _step_messages(self, item: Mapping[str, Any]) -> tuple[str, ...]:
        table = self.table
        if not table.step_messages_pointer:
            return ()
        messages = resolve_pointer(item, table.step_messages_pointer)
        if not isinstance(messages, list):
            return ()
        texts: list[str] = []
        for message in messages:
            text = message
            if table.step_message_text_pointer and not isinstance(message, str):
                text = resolve_pointer(message, table.step_message_text_pointer)
            if isinstance(text, str):
                texts.append(text)
        return tuple(texts)


def _number(value: Any) -> float | None:
    """A percentage in 0-100, or None for anything that is not a finite number (bool is not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return min(100.0, max(0.0, number))


def _combined_percent(steps: tuple[StepProgress, ...]) -> float:
    total = 0.0
    for step in steps:
        if step.percent is not None:
            total += step.percent
        elif step.state is OperationState.SUCCEEDED:
            total += 100.0
    return total / len(steps)


def _message(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, Mapping):
        inner = value.get("message")
        return inner if isinstance(inner, str) and inner else None
    return None


def _error(value: Any, depth: int = 0) -> OperationError | None:
    """The operation's own error: ARM/Graph objects (details nest), CPP bare strings, else None."""
    if value is _MISSING or value is None:
        return None
    if isinstance(value, str):
        return OperationError(message=value) if value else None
    if not isinstance(value, Mapping):
        return OperationError(message=str(value))
    details: tuple[OperationError, ...] = ()
    raw_details = value.get("details")
    if isinstance(raw_details, list) and depth < _MAX_ERROR_DEPTH:
        parsed = (_error(detail, depth + 1) for detail in raw_details)
        details = tuple(detail for detail in parsed if detail is not None)
    error = OperationError(
        code=_text(value.get("code")),
        message=_text(value.get("message")),
        target=_text(value.get("target")),
        details=details,
    )
    return None if error == OperationError() else error


def _text(value: Any) -> str | None:
    """Error codes are strings in the specs, but Graph has sent numbers; keep them readable."""
    if value is None or isinstance(value, Mapping | list):
        return None
    return value if isinstance(value, str) else str(value)
