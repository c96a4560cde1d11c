"""A local emulator of every opstatus API, for tests and demos (extra ``opstatus[emulator]``).

One origin serves every API of :data:`API_KEYS` at its real paths (Azure Monitor ``/subscriptions/...``,
the Cloud Partner Portal ``/api/publishers/...``, Graph partner billing ``/v1.0/reports/partners/billing/
...``, and any API whose spec is added to specs/), with scripted lifecycles, deterministic fault injection
and a request log. Routes, parameter rules, status spellings, headers and error envelopes come from the
generated packages (``opstatus._generated.<key>.api``); bodies start from each spec's own examples and are
built by the pydantic models generated from the same specs as the clients (``_bodies``, ``_examples``):
no API is known by name, so a spec added to specs/ is served like the first three.

Start it in a test::

    from opstatus.emulator import EmulatorServer, Lifecycle

    with EmulatorServer(clock="virtual") as emu:
        op = emu.create_operation("monitor", lifecycle=Lifecycle.succeeds(after=30))
        ...  # point a client at emu.base_urls["monitor"]
        emu.advance(30)

or in process, without a socket: ``create_app(clock="virtual")`` (an ASGI app; ``app.emulator`` controls
it). Standalone: ``python -m opstatus.emulator --demo``.

Importing ``opstatus`` never imports this package (it needs starlette, uvicorn and pydantic).
"""

from __future__ import annotations

from ._apis import API_KEYS, ApiKey
from ._app import EmulatorApp, create_app
from ._budget import ARM_LIKE, ReadBucket
from ._cli import DEFAULT_PORT, main
from ._clock import ClockMode
from ._emulator import Emulator, EmulatorOptions
from ._errors import EmulatorError, InvalidOperationSpecError, OperationConflictError, UnknownOperationError
from ._faults import FaultKind, FaultPlan
from ._lifecycle import (
    BlobSpec,
    ErrorSpec,
    Lifecycle,
    ManifestSpec,
    Outcome,
    Phase,
    PlannedStep,
    Snapshot,
    StepMessage,
    StepView,
    step_plan,
)
from ._records import EmulatedOperation
from ._requestlog import REDACTED, LoggedRequest
from ._server import DEFAULT_HOST, EmulatorServer

__all__ = [
    "API_KEYS",
    "ARM_LIKE",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "REDACTED",
    "ApiKey",
    "BlobSpec",
    "ClockMode",
    "EmulatedOperation",
    "Emulator",
    "EmulatorApp",
    "EmulatorError",
    "EmulatorOptions",
    "EmulatorServer",
    "ErrorSpec",
    "FaultKind",
    "FaultPlan",
    "InvalidOperationSpecError",
    "Lifecycle",
    "LoggedRequest",
    "ManifestSpec",
    "OperationConflictError",
    "Outcome",
    "Phase",
    "PlannedStep",
    "ReadBucket",
    "Snapshot",
    "StepMessage",
    "StepView",
    "UnknownOperationError",
    "create_app",
    "main",
    "step_plan",
]
