"""Fault injection: which request gets which failure, decided deterministically from a seed.

A :class:`FaultPlan` applies either to one operation or globally (every API request not covered by an
operation's own plan). ``script`` faults are served first, in order, one per request; after that each
request fails with probability ``rate``, the kind drawn from ``mix``. The draw for the n-th request of a
scope depends only on ``(seed, scope, n)``, so the same test sees the same faults on every run, even when
requests for different operations interleave.
"""

from __future__ import annotations

import enum
import random
import threading
from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._limits import MAX_FAULT_WEIGHT, MAX_INT, MAX_RETRY_AFTER, MAX_SCRIPT, MAX_TRICKLE_PIECES, MIN_INT

__all__ = ["FaultDecider", "FaultKind", "FaultPlan", "InjectedFault"]


class FaultKind(enum.StrEnum):
    """What goes wrong. Each kind is one way a real gateway or service misbehaves."""

    THROTTLE = "throttle"
    """429 with ``Retry-After`` and the API's error envelope."""
    SERVER_ERROR = "server_error"
    """500 with the API's error envelope."""
    UNAVAILABLE = "unavailable"
    """503 with ``Retry-After`` and the API's error envelope."""
    DROP = "drop"
    """The connection closes before any response byte (a transport error in the client)."""
    SLOW = "slow"
    """The normal response, sent after ``slow_seconds`` of real time (exercises client read timeouts)."""
    TRUNCATED = "truncated"
    """Headers promise the whole body; the connection closes half way through it."""
    INVALID_JSON = "invalid_json"
    """A complete 200 response whose JSON body is cut in half (a decode error, not a transport error)."""
    NON_JSON = "non_json"
    """A 200 response with a plain-text body."""
    HTML_ERROR = "html_error"
    """A 502 HTML error page, as a gateway in front of the service sends."""
    ODD_STATUS = "odd_status"
    """A status code no standard defines (499, 520) with the API's error envelope."""
    TRICKLE = "trickle"
    """The normal response, its body sent in ``trickle_pieces`` pieces ``trickle_seconds`` apart (real
    time): a slow or hostile server whose every read is quick, so only a total request deadline ends it."""


_Weight = Annotated[float, Field(ge=0.0, le=MAX_FAULT_WEIGHT, allow_inf_nan=False)]
"""One kind's weight in ``FaultPlan.mix``: finite and bounded, so a plan always serialises back to JSON."""


class FaultPlan(BaseModel):
    """How often, and how, requests fail. Immutable; set a new plan to change it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rate: float = Field(default=0.0, ge=0.0, le=1.0, allow_inf_nan=False)
    """Probability that a request (after the script is used up) fails."""
    mix: dict[FaultKind, _Weight] = Field(default_factory=dict)
    """Relative weights of the kinds drawn at ``rate`` (each 0 to ``MAX_FAULT_WEIGHT``); empty means every
    kind, equally likely."""
    script: tuple[FaultKind, ...] = Field(default=(), max_length=MAX_SCRIPT)
    """Faults for the next requests, in order, before ``rate`` applies."""
    seed: int = Field(default=0, ge=MIN_INT, le=MAX_INT)
    retry_after: int = Field(default=1, ge=0, le=MAX_RETRY_AFTER)
    """``Retry-After`` seconds sent with ``throttle`` and ``unavailable``."""
    slow_seconds: float = Field(default=1.0, ge=0.0, le=300.0, allow_inf_nan=False)
    odd_statuses: tuple[int, ...] = Field(default=(499, 520), max_length=200)
    trickle_seconds: float = Field(default=0.005, ge=0.0, le=60.0, allow_inf_nan=False)
    """Real seconds between two pieces of a ``trickle`` body (short by default, so a soak stays fast)."""
    trickle_pieces: int = Field(default=8, ge=1, le=MAX_TRICKLE_PIECES)
    """How many pieces a ``trickle`` body is cut into (at most one byte each)."""

    @field_validator("mix")
    @classmethod
    def _weights_are_positive(cls, mix: dict[FaultKind, float]) -> dict[FaultKind, float]:
        for kind, weight in mix.items():
            if not weight >= 0:
                raise ValueError(f"weight of {kind.value!r} must be >= 0, not {weight!r}")
        if mix and not any(mix.values()):
            raise ValueError("at least one weight in mix must be > 0")
        return mix

    @field_validator("odd_statuses")
    @classmethod
    def _odd_statuses_are_http(cls, statuses: tuple[int, ...]) -> tuple[int, ...]:
        if not statuses:
            raise ValueError("odd_statuses must name at least one status code")
        for status in statuses:
            if not 400 <= status <= 599:
                raise ValueError(f"odd status {status} is not an error status (400-599)")
        return statuses

    @classmethod
    def always(cls, kind: FaultKind | str, **options: object) -> FaultPlan:
        """Every request fails with ``kind``."""
        return cls.model_validate({"rate": 1.0, "mix": {FaultKind(kind): 1.0}, **options})

    @classmethod
    def scripted(cls, *kinds: FaultKind | str, **options: object) -> FaultPlan:
        """The next requests fail with ``kinds``, in order; then requests succeed."""
        return cls.model_validate({"script": tuple(FaultKind(kind) for kind in kinds), **options})


class InjectedFault(BaseModel):
    """One decided fault: the kind plus the concrete values the response uses."""

    model_config = ConfigDict(frozen=True)

    kind: FaultKind
    retry_after: int
    slow_seconds: float
    odd_status: int
    trickle_seconds: float = 0.0
    trickle_pieces: int = 1


class FaultDecider:
    """Holds the plans and the per-scope request counters; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[str, FaultPlan] = {}
        self._counters: dict[str, int] = {}

    def set(self, scope: str, plan: FaultPlan | None) -> None:
        """Install (or with ``None`` remove) the plan for a scope; its counter restarts at zero."""
        with self._lock:
            self._counters.pop(scope, None)
            if plan is None:
                self._plans.pop(scope, None)
            else:
                self._plans[scope] = plan

    def get(self, scope: str) -> FaultPlan | None:
        with self._lock:
            return self._plans.get(scope)

    def plans(self) -> Mapping[str, FaultPlan]:
        with self._lock:
            return dict(self._plans)

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()
            self._counters.clear()

    def decide(self, scopes: tuple[str, ...]) -> InjectedFault | None:
        """Draw for the first scope in ``scopes`` that has a plan (the operation's, then the global one)."""
        with self._lock:
            for scope in scopes:
                plan = self._plans.get(scope)
                if plan is not None:
                    n = self._counters.get(scope, 0)
                    self._counters[scope] = n + 1
                    return _draw(plan, scope=scope, n=n)
        return None


def _draw(plan: FaultPlan, *, scope: str, n: int) -> InjectedFault | None:
    rng = random.Random(f"{plan.seed}/{scope}/{n}")  # noqa: S311 - reproducible test faults, not security
    if n < len(plan.script):
        kind: FaultKind | None = plan.script[n]
    elif plan.rate > 0 and rng.random() < plan.rate:
        weights = plan.mix or dict.fromkeys(FaultKind, 1.0)
        kinds = [kind for kind, weight in weights.items() if weight > 0]
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
    else:
        kind = None
    if kind is None:
        return None
    return InjectedFault(
        kind=kind,
        retry_after=plan.retry_after,
        slow_seconds=plan.slow_seconds,
        odd_status=rng.choice(plan.odd_statuses),
        trickle_seconds=plan.trickle_seconds,
        trickle_pieces=plan.trickle_pieces,
    )
