"""Test doubles for the waiting layer: a virtual clock, scripted status fetches, polling tables.

Nothing here sleeps or touches the network. Time only moves when the poller "sleeps".
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml
from opstatus._status import StatusReader, StatusResponse
from opstatus._table import PollingTable

from tests.api_catalog import KEYS

REPO = Path(__file__).resolve().parents[2]
API_KEYS = KEYS
UNIX_EPOCH_START = 1_700_000_000.0


@attrs.define
class VirtualClock:
    """Monotonic and wall clock in one; ``sleep`` records each sleep and advances time."""

    now: float = 0.0
    sleeps: list[float] = attrs.Factory(list)

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return UNIX_EPOCH_START + self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"negative sleep {seconds}"
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@attrs.define
class ScriptedFetch:
    """A status endpoint whose answer is a function of virtual time; counts and timestamps reads."""

    clock: VirtualClock
    body_at: Callable[[float], Any]
    retry_after: float | None = None
    reads: list[float] = attrs.Factory(list)
    remaining_seen: list[float | None] = attrs.Factory(list)

    def __call__(self, remaining: float | None) -> StatusResponse[Any]:
        if len(self.reads) > 10_000:
            raise RuntimeError("poller did not stop")
        self.reads.append(self.clock.now)
        self.remaining_seen.append(remaining)
        body = self.body_at(self.clock.now)
        return StatusResponse(
            body=body, resource={"typed": body}, retry_after=self.retry_after, request_id="req-1"
        )

    async def async_call(self, remaining: float | None) -> StatusResponse[Any]:
        return self(remaining)


def sequence(bodies: Iterable[Any]) -> Callable[[float], Any]:
    """Answer with each body in turn, then keep answering the last one."""
    items = list(bodies)
    index = 0

    def body_at(_now: float) -> Any:
        nonlocal index
        body = items[min(index, len(items) - 1)]
        index += 1
        return body

    return body_at


def finishes_at(
    duration: float, *, running: str = "InProgress", done: str = "Succeeded"
) -> Callable[[float], Any]:
    """An ARM-style operation that reports ``done`` from ``duration`` virtual seconds on."""
    return lambda now: {"status": done if now >= duration else running}


def fake_table(**overrides: Any) -> PollingTable:
    """A minimal polling table (ARM-like), with overrides (field names of :class:`PollingTable`)."""
    fields: dict[str, Any] = {
        "api_key": "fake",
        "status_pointer": "/status",
        "states": {
            "succeeded": "succeeded",
            "failed": "failed",
            "canceled": "canceled",
            "notstarted": "not_started",
            "inprogress": "running",
        },
        "error_pointer": "/error",
        "message_pointer": "/error/message",
        "percent_pointer": "/percentComplete",
        "honours_retry_after": True,
    }
    fields.update(overrides)
    return PollingTable(**fields)


def fake_reader(**overrides: Any) -> StatusReader:
    return StatusReader.from_table(fake_table(**overrides))


def seeded(seed: int) -> Callable[[], float]:
    return random.Random(seed).random


# --- the real specs and their polling tables ----------------------------------------------------------


def load_spec(key: str) -> dict[str, Any]:
    with (REPO / "specs" / f"{key}.yaml").open(encoding="utf-8") as handle:
        spec: dict[str, Any] = yaml.safe_load(handle)
    return spec


def status_operation(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The one operation carrying ``x-opstatus-polling``."""
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "x-opstatus-polling" in operation:
                return operation
    raise AssertionError("spec has no x-opstatus-polling operation")


def status_examples(key: str) -> dict[str, Any]:
    """The 200 examples of the status operation, by example name."""
    operation = status_operation(load_spec(key))
    content = operation["responses"]["200"]["content"]["application/json"]
    return {name: example["value"] for name, example in content["examples"].items()}


def polling_table(key: str) -> PollingTable:
    """The generated polling table of one API (``generated/<key>/polling.py``), the one under test."""
    table: PollingTable = importlib.import_module(f"opstatus._generated.{key}.polling").TABLE
    return table


def as_served(table: PollingTable, body: Any) -> Any:
    """What the HTTP layer hands the reader: a one-element array unwrapped where the table says so."""
    if table.unwrap_single_item_array and isinstance(body, list) and len(body) == 1:
        return body[0]
    return body
