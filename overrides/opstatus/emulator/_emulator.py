"""The emulator's state and its Python control API (no I/O here: the ASGI app serves it)."""

from __future__ import annotations

import dataclasses
import math
import random
import threading
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from pydantic import ValidationError

from ._apis import ApiKey, ApiProfile, profile_for
from ._bodies import manifest_id_for, status_body
from ._budget import ReadBucket, ReadBuckets
from ._clock import Clock, ClockMode
from ._errors import InvalidOperationSpecError, OperationConflictError, UnknownOperationError
from ._faults import FaultDecider, FaultPlan
from ._lifecycle import Lifecycle, Outcome, Phase, Snapshot, final_snapshot, snapshot_at
from ._limits import MAX_CLOCK_SECONDS, MAX_RETRY_AFTER
from ._records import EmulatedOperation
from ._requestlog import LoggedRequest, RequestLog

if TYPE_CHECKING:
    from ._app import EmulatorApp

__all__ = ["GLOBAL_SCOPE", "Emulator", "EmulatorOptions"]

GLOBAL_SCOPE = "*"
_TRIAL_ORIGIN = "http://emulator.invalid"


class EmulatorOptions(TypedDict, total=False):
    """Keyword options of :class:`Emulator` (and of the server, which passes them on)."""

    clock: ClockMode
    token: str | None
    seed: int | None
    default_retry_after: int
    tick_per_request: float
    faults: FaultPlan | None
    max_logged_requests: int
    read_budget: ReadBucket | None


class Emulator:
    """All emulated operations, the clock, fault plans and the request log.

    Thread-safe: the server thread reads while the test thread creates operations and moves the clock.

    * ``clock``: ``"wall"`` (phases pass in real time) or ``"virtual"`` (time moves only through
      :meth:`advance`, or by ``tick_per_request`` seconds after each status read).
    * ``token``: the only bearer token accepted; ``None`` accepts any non-empty token.
    * ``seed``: makes generated operation ids reproducible. Without one, every emulator draws its own
      ids, so a continuation token or id kept from an earlier run finds nothing (404) instead of
      silently reading a new, unrelated operation that happens to have the same id.
    * ``default_retry_after``: seconds sent in ``Retry-After`` where the API sends one while running.
    * ``faults``: a global :class:`FaultPlan` to start with.
    * ``read_budget``: a :class:`ReadBucket` per scope for status reads (``_budget``: remaining-reads
      header, 429 + ``Retry-After`` when empty); ``None`` (default): every read is answered.
    """

    def __init__(
        self,
        *,
        clock: ClockMode = "wall",
        token: str | None = None,
        seed: int | None = None,
        default_retry_after: int = 1,
        tick_per_request: float = 0.0,
        faults: FaultPlan | None = None,
        max_logged_requests: int = 10_000,
        read_budget: ReadBucket | None = None,
    ) -> None:
        if token is not None and not token.strip():
            raise InvalidOperationSpecError("token must be a non-empty string (or None to accept any token)")
        if not 0 <= default_retry_after <= MAX_RETRY_AFTER:
            raise InvalidOperationSpecError(f"default_retry_after must be between 0 and {MAX_RETRY_AFTER}")
        if not 0 <= tick_per_request <= MAX_CLOCK_SECONDS:  # also refuses NaN, inf and 10**400
            raise InvalidOperationSpecError(
                f"tick_per_request must be a finite number between 0 and {MAX_CLOCK_SECONDS:.0f}"
            )
        if tick_per_request and clock != "virtual":
            raise InvalidOperationSpecError("tick_per_request needs clock='virtual'")
        self.clock = Clock(mode=clock)
        self._token = token
        self._seed = seed
        self.default_retry_after = default_retry_after
        self.tick_per_request = tick_per_request
        self._lock = threading.RLock()
        self._rng = random.Random(seed)  # noqa: S311 - ids, not secrets; None: seeded from os.urandom
        self._ops: dict[tuple[ApiKey, str], EmulatedOperation] = {}
        self._manifests: dict[str, tuple[ApiKey, str]] = {}
        self.fault_decider = FaultDecider()
        self.request_log = RequestLog(limit=max_logged_requests)
        if faults is not None:
            self.fault_decider.set(GLOBAL_SCOPE, faults)
        self._app: EmulatorApp | None = None
        self.read_budget = None if read_budget is None else ReadBuckets(read_budget, now=self.clock.now)

    # --- serving ------------------------------------------------------------------------------------

    @property
    def app(self) -> EmulatorApp:
        """The ASGI app serving this emulator (for in-process tests: ``httpx.ASGITransport(app=...)``)."""
        from ._app import EmulatorApp

        with self._lock:
            if self._app is None:
                self._app = EmulatorApp(self)
            return self._app

    def accepts_token(self, token: str) -> bool:
        """Whether a bearer token is accepted (any non-empty one, unless a token was configured)."""
        return bool(token.strip()) and (self._token is None or token == self._token)

    # --- operations ---------------------------------------------------------------------------------

    def create_operation(
        self,
        api: ApiKey | str,
        *,
        lifecycle: Lifecycle | None = None,
        operation_id: str | None = None,
        params: Mapping[str, str] | None = None,
        faults: FaultPlan | None = None,
        starts_on_first_read: bool = False,
    ) -> EmulatedOperation:
        """Start an operation of ``api`` now, following ``lifecycle`` (default: succeeded at once).

        ``params`` overrides the scope parameters (``subscriptionId``/``resourceGroupName`` for monitor,
        ``publisherId``/``offerId`` for partner_portal), which default to the spec's ``example`` of each
        (else a short value its rules accept); ``operation_id`` defaults to a seeded GUID.
        ``starts_on_first_read``: the lifecycle's clock starts at the first status read instead of now
        (demo operations, so a newcomer still sees them run however long they take to type a command).
        ``faults`` installs a per-operation fault plan. Raises :class:`InvalidOperationSpecError` when a
        value breaks the spec's rules or the lifecycle does not fit the API.
        """
        profile = profile_for(api)
        lifecycle = lifecycle if lifecycle is not None else Lifecycle()
        _check_lifecycle_fits(profile, lifecycle)
        _check_lifecycle_bounded(lifecycle)
        with self._lock:
            op_id = operation_id if operation_id is not None else self._new_id()
            all_params = _resolve_params(profile, op_id, params or {})
            key = (profile.key, op_id)
            if key in self._ops:
                raise OperationConflictError(f"{profile.key} operation {op_id!r} already exists")
            manifest_id = None
            if profile.has_manifests:
                manifest_id = lifecycle.manifest.id or manifest_id_for(op_id)
                if manifest_id in self._manifests:
                    raise OperationConflictError(
                        f"manifest {manifest_id!r} already belongs to another export"
                    )
            op = EmulatedOperation(
                api=profile.key,
                id=op_id,
                params=all_params,
                lifecycle=lifecycle,
                created_at=self.clock.now(),
                manifest_id=manifest_id,
                starts_on_first_read=starts_on_first_read,
            )
            _trial_render(profile, op, self.clock)
            self._ops[key] = op
            if manifest_id is not None:
                self._manifests[manifest_id] = key
            if faults is not None:
                self.fault_decider.set(_op_scope(profile.key, op_id), faults)
            return op

    def read_operation(self, op: EmulatedOperation) -> EmulatedOperation:
        """``op`` as a status read sees it: one waiting for its first read starts its clock now."""
        if not op.starts_on_first_read:
            return op
        with self._lock:
            current = self._ops.get((op.api, op.id))
            if current is None or not current.starts_on_first_read:
                return current or op
            started = dataclasses.replace(current, created_at=self.clock.now(), starts_on_first_read=False)
            self._ops[(op.api, op.id)] = started
            return started

    def get_operation(self, api: ApiKey | str, operation_id: str) -> EmulatedOperation:
        key = (profile_for(api).key, operation_id)
        with self._lock:
            try:
                return self._ops[key]
            except KeyError:
                raise UnknownOperationError(f"no {key[0]} operation {operation_id!r}") from None

    def find_operation(self, api: ApiKey | str, operation_id: str) -> EmulatedOperation | None:
        with self._lock:
            return self._ops.get((profile_for(api).key, operation_id))

    def find_by_manifest(self, manifest_id: str) -> EmulatedOperation | None:
        with self._lock:
            key = self._manifests.get(manifest_id)
            return self._ops.get(key) if key is not None else None

    def operations(self, api: ApiKey | str | None = None) -> tuple[EmulatedOperation, ...]:
        wanted = profile_for(api).key if api is not None else None
        with self._lock:
            return tuple(op for op in self._ops.values() if wanted is None or op.api == wanted)

    def snapshot(self, op: EmulatedOperation) -> Snapshot:
        """What ``op`` reports right now."""
        return snapshot_at(
            op.lifecycle, created_at=op.created_at, canceled_at=op.canceled_at, now=self.clock.now()
        )

    def state(self, api: ApiKey | str, operation_id: str) -> Snapshot:
        """What the operation reports right now."""
        return self.snapshot(self.get_operation(api, operation_id))

    def cancel_operation(self, api: ApiKey | str, operation_id: str) -> EmulatedOperation:
        """Cancel now: from this instant the operation reports its lifecycle's ``cancel_outcome``."""
        with self._lock:
            op = self.get_operation(api, operation_id)
            snap = self.snapshot(op)
            if snap.terminal:
                raise OperationConflictError(
                    f"{op.api} operation {op.id!r} already ended ({snap.state}); it cannot be canceled"
                )
            canceled = dataclasses.replace(op, canceled_at=self.clock.now())
            self._ops[(op.api, op.id)] = canceled
            return canceled

    def delete_operation(self, api: ApiKey | str, operation_id: str) -> None:
        with self._lock:
            op = self.get_operation(api, operation_id)
            del self._ops[(op.api, op.id)]
            if op.manifest_id is not None:
                self._manifests.pop(op.manifest_id, None)
            self.fault_decider.set(_op_scope(op.api, op.id), None)

    # --- faults -------------------------------------------------------------------------------------

    def set_faults(
        self, plan: FaultPlan | None, *, api: ApiKey | str | None = None, operation_id: str | None = None
    ) -> None:
        """Install a fault plan globally, or for one operation (``api`` + ``operation_id``); ``None`` clears.

        An operation's own plan wins over the global one for requests addressed to that operation.
        """
        if (api is None) != (operation_id is None):
            raise InvalidOperationSpecError(
                "give both api and operation_id for a per-operation plan, or neither"
            )
        if api is not None and operation_id is not None:
            op = self.get_operation(api, operation_id)
            self.fault_decider.set(_op_scope(op.api, op.id), plan)
        else:
            self.fault_decider.set(GLOBAL_SCOPE, plan)

    def faults(self, *, api: ApiKey | str | None = None, operation_id: str | None = None) -> FaultPlan | None:
        """The plan in force globally, or for one operation."""
        if api is not None and operation_id is not None:
            op = self.get_operation(api, operation_id)
            return self.fault_decider.get(_op_scope(op.api, op.id))
        return self.fault_decider.get(GLOBAL_SCOPE)

    # --- clock --------------------------------------------------------------------------------------

    def now(self) -> float:
        return self.clock.now()

    def advance(self, seconds: float) -> float:
        """Move the virtual clock forward by ``seconds``; returns the new time."""
        return self.clock.advance(seconds)

    def sleep(self, seconds: float) -> None:
        """A ``sleep`` for clients under test: advances the virtual clock instead of waiting."""
        self.clock.advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        """The async twin of :meth:`sleep`, for async clients."""
        self.clock.advance(seconds)

    # --- request log --------------------------------------------------------------------------------

    def requests(self, *, api: ApiKey | str | None = None) -> tuple[LoggedRequest, ...]:
        """API requests received so far (admin requests are not logged), oldest first."""
        wanted = profile_for(api).key if api is not None else None
        return tuple(e for e in self.request_log.entries() if wanted is None or e.api == wanted)

    def clear_requests(self) -> None:
        self.request_log.clear()

    def reset(self) -> None:
        """Back to a fresh emulator: no operations, fault plans or logged requests; virtual time 0."""
        with self._lock:
            self.clock.reset()
            self._ops.clear()
            self._manifests.clear()
            self.fault_decider.clear()
            self.request_log.clear()
            if self.read_budget is not None:
                self.read_budget.reset()

    # --- internals ----------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def describe(self, op: EmulatedOperation, *, origin: str | None = None) -> dict[str, Any]:
        """The admin API's view of ``op``, including what it reports right now."""
        snap = self.snapshot(op)
        profile = profile_for(op.api)
        data = op.to_json(origin=origin)
        data["now"] = {
            "state": snap.state,
            "status": snap.status or profile.spellings[snap.state],
            "terminal": snap.terminal,
            "percent": snap.percent,
        }
        data["faults"] = (
            plan.model_dump(mode="json")
            if (plan := self.fault_decider.get(_op_scope(op.api, op.id)))
            else None
        )
        if origin is not None and profile.emulation.arm_operations:
            from ._arm import arm_urls  # ARM's generic URLs of the same operation (see _arm)

            urls = arm_urls(op, origin=origin)
            data["armUrls"] = {
                "azureAsyncOperation": urls["azure_async_operation"],
                "location": urls["location"],
                "begin": urls["begin"],
            }
        return data


def _op_scope(api: str, operation_id: str) -> str:
    return f"{api}/{operation_id}"


def _resolve_params(profile: ApiProfile, op_id: str, given: Mapping[str, str]) -> dict[str, str]:
    scope = profile.scope_params
    unknown = sorted(set(given) - set(scope))
    if unknown:
        expected = ", ".join(scope) or "none"
        raise InvalidOperationSpecError(
            f"{profile.key} has no parameter {unknown[0]!r} (scope parameters: {expected})"
        )
    values = {**profile.scope_defaults, **given, profile.id_param: op_id}
    resolved = {}
    for rule in profile.status_route.params:
        if rule.name not in values:
            raise InvalidOperationSpecError(
                f"{profile.key} needs params={{{rule.name!r}: ...}}: the spec gives {rule.name} no example "
                "and no short value passes its rules"
            )
        value = values[rule.name]
        if not isinstance(value, str):
            raise InvalidOperationSpecError(f"{rule.name} must be a string, not {type(value).__name__}")
        problem = rule.problem(value)
        if problem is not None:
            raise InvalidOperationSpecError(f"{rule.name} {value!r} {problem} (spec rule for {profile.key})")
        resolved[rule.name] = value
    return resolved


def _check_lifecycle_fits(profile: ApiProfile, lifecycle: Lifecycle) -> None:
    stages: list[Phase | Outcome] = [*lifecycle.phases, lifecycle.outcome, lifecycle.cancel_outcome]
    if not profile.reports_percent and any(stage.percent is not None for stage in stages):
        hint = "; give each step its progress instead" if profile.reports_steps else ""
        raise InvalidOperationSpecError(
            f"percent needs a percent pointer in the polling table (ARM's percentComplete); "
            f"{profile.key} has no such field{hint}"
        )
    if not profile.reports_steps and any(stage.steps is not None for stage in stages):
        raise InvalidOperationSpecError(
            f"steps need a status body with steps (CPP); {profile.key} has no steps"
        )


def _check_lifecycle_bounded(lifecycle: Lifecycle) -> None:
    """A lifecycle ends within the clock's range and sends a ``Retry-After`` any client can parse (see
    ``_limits``): each phase is finite, but two of 1e308 seconds add up to ``inf``."""
    duration = lifecycle.duration
    if not (math.isfinite(duration) and duration <= MAX_CLOCK_SECONDS):
        raise InvalidOperationSpecError(
            f"the lifecycle's phases last {duration!r} s in all; at most {MAX_CLOCK_SECONDS:.0f} s "
            "(the clock's bound) is allowed"
        )
    if isinstance(lifecycle.retry_after, int) and lifecycle.retry_after > MAX_RETRY_AFTER:
        raise InvalidOperationSpecError(f"lifecycle retry_after must be at most {MAX_RETRY_AFTER}")


def _trial_render(profile: ApiProfile, op: EmulatedOperation, clock: Clock) -> None:
    """Render every stage once, so a lifecycle the API's models refuse fails at creation, not mid-test."""
    lifecycle = op.lifecycle
    moments = [
        op.created_at + sum(p.seconds for p in lifecycle.phases[:i]) for i in range(len(lifecycle.phases))
    ]
    trials = [
        snapshot_at(lifecycle, created_at=op.created_at, canceled_at=None, now=moment) for moment in moments
    ]
    trials.append(
        snapshot_at(lifecycle, created_at=op.created_at, canceled_at=None, now=op.created_at + 1e12)
    )
    trials.append(
        final_snapshot(lifecycle.cancel_outcome, created_at=op.created_at, at=op.created_at, steps=None)
    )
    for snap in trials:
        try:
            status_body(profile, op, snap, clock=clock, origin=_TRIAL_ORIGIN)
        except ValidationError as exc:
            raise InvalidOperationSpecError(
                f"the {profile.key} models refuse the {snap.state} stage of this lifecycle: {exc}"
            ) from exc
