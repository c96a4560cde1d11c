"""Fault soak: many scripted operations, waited on through real HTTP while the emulator injects faults.

Every operation gets a scripted lifecycle (succeeds, fails with its own error, is canceled, or never
finishes) and its own seeded fault plan (``fault_rate`` of its requests fail, the kind drawn evenly
from every :class:`FaultKind`: 429 + Retry-After, 500, 503 + Retry-After, dropped connections, slow
responses, trickled bodies, truncated bodies, cut JSON, plain-text bodies, HTML 502 pages, 499/520).
The client waits with a deadline. Afterwards each wait is judged against the emulator's request log for
its status URL:

* the wait ended in its scripted state (the typed resource, :class:`OperationFailedError` with the
  scripted message, :class:`OperationCanceledError`, or :class:`PollingTimeoutError` for operations
  that never finish), or in the documented typed error of the fault that ended it: the last request
  was that fault, and it was either not retryable by the client's :class:`RetryPolicy` or the retry
  budget was used up (exactly ``max_attempts`` tries, or fewer only when the next delay would have
  crossed the deadline);
* nothing else was raised;
* no logical GET made more than ``RetryPolicy.max_attempts`` tries; the number of status reads is
  within what the :class:`PollingPolicy` allows for the time waited (:func:`read_budget`); every
  successful response was read by the poller exactly once;
* no wait ran past its deadline by more than one HTTP request timeout, measured on a clock that
  skips sleeps but counts real time (:mod:`tests.reliability.virtual_time`). A generous bound: the
  clients cut each request's timeout to the time left and send nothing after the deadline, so what
  the report's overshoot figures show is scheduling, not requests.

Run ``python -m tests.reliability.soak --ops 10000`` (``make soak``); the pytest suite runs a smaller
version of the same thing (``test_fault_soak.py``). Loopback only; the run is bounded in operations,
in virtual time per wait (its deadline) and in real time (``real_time_limit``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, Literal

import attrs
import opstatus
from opstatus import (
    DecodeError,
    HttpError,
    OperationCanceledError,
    OperationFailedError,
    OperationState,
    OpStatusError,
    PollingPolicy,
    PollingTimeoutError,
    RetryPolicy,
    ServiceError,
    ThrottledError,
    TransportError,
)
from opstatus.emulator import (
    API_KEYS,
    ApiKey,
    EmulatedOperation,
    EmulatorServer,
    FaultKind,
    FaultPlan,
    Lifecycle,
    LoggedRequest,
)

from tests.api_catalog import case, credentials

from .virtual_time import AutojumpClock, SkippingClock

__all__ = ["PlannedOp", "SoakConfig", "SoakReport", "WaitResult", "main", "read_budget", "run_soak"]

Mode = Literal["sync", "async"]
Script = Literal["succeeded", "failed", "canceled", "timeout"]
EntryKind = Literal["ok", "retryable", "final"]

TOKEN: Final = "soak-bearer-token"
_TABLES: Final = {key: case(key).polling for key in API_KEYS}
"""Every API of the build (the soak covers an API the day its spec lands)."""
_SCRIPT_WEIGHTS: Final[dict[Script, int]] = {"succeeded": 50, "failed": 20, "canceled": 10, "timeout": 20}
_TRANSPORT_FAULTS: Final = frozenset({FaultKind.DROP.value, FaultKind.TRUNCATED.value})
_BODY_FAULTS: Final = frozenset({FaultKind.INVALID_JSON.value, FaultKind.NON_JSON.value})
_DELAYING_FAULTS: Final = frozenset({FaultKind.SLOW.value, FaultKind.TRICKLE.value})
_HTTP_KINDS: Final[dict[int, type[HttpError]]] = {
    401: opstatus.AuthenticationError,
    403: opstatus.PermissionDeniedError,
    404: opstatus.NotFoundError,
    429: ThrottledError,
}
_STANDARD_STATUSES: Final = frozenset(int(status) for status in http.HTTPStatus)
_ALMOST_ONE: Final = 1.0 - 1e-12


@attrs.frozen(kw_only=True)
class SoakConfig:
    """One soak run. Times are seconds; policy times are virtual (skipped), the rest real."""

    ops: int
    mode: Mode
    fault_rate: float = 0.30
    seed: int = 7
    concurrency: int = 64
    retry: RetryPolicy = attrs.field(
        factory=lambda: RetryPolicy(max_attempts=4, backoff=0.25, backoff_factor=2.0, max_backoff=2.0)
    )
    polling: PollingPolicy = attrs.field(factory=lambda: PollingPolicy(min_delay=0.5, max_delay=5.0))
    request_timeout: float = 5.0
    """Per-request HTTP timeout; also the documented bound on overshooting a deadline (one request)."""
    fault_retry_after: int = 1
    """``Retry-After`` seconds the emulator sends with injected 429 and 503."""
    running_retry_after: int = 2
    """``Retry-After`` seconds on running monitor operations (ARM sends one)."""
    slow_seconds: float = 0.02
    max_running: float = 10.0
    """Longest scripted run before the outcome."""
    finish_timeout: float = 40.0
    """Deadline of waits on operations that finish (ample: they must not time out)."""
    real_time_limit: float = 600.0
    token: str = TOKEN
    """Bearer token the clients send (the security tests soak with a recognisable fake one)."""


@attrs.frozen(kw_only=True)
class PlannedOp:
    index: int
    api: ApiKey
    script: Script
    running: float
    timeout: float

    @property
    def failure_message(self) -> str:
        return f"soak operation {self.index} failed on purpose"

    def lifecycle(self) -> Lifecycle:
        if self.script == "succeeded":
            return Lifecycle.succeeds(after=self.running)
        if self.script == "failed":
            return Lifecycle.fails(after=self.running, code="SoakFailure", message=self.failure_message)
        if self.script == "canceled":
            return Lifecycle.canceled(after=self.running)
        return Lifecycle.never_finishes()

    def faults(self, config: SoakConfig) -> FaultPlan:
        return FaultPlan(
            rate=config.fault_rate,
            seed=config.seed * 1_000_003 + self.index,
            retry_after=config.fault_retry_after,
            slow_seconds=config.slow_seconds,
        )


@attrs.frozen(kw_only=True)
class WaitResult:
    """How one wait ended, as the client saw it."""

    planned: PlannedOp
    status_path: str
    elapsed: float
    reads: int
    state: OperationState | None
    resource: object
    error: Exception | None
    poller: Any
    """The poller itself (its repr, str and continuation token are scanned for secrets)."""


@attrs.define
class SoakReport:
    """Figures of one run; ``violations`` empty means every check held."""

    mode: Mode
    ops: int = 0
    requests: int = 0
    wall_seconds: float = 0.0
    faults: Counter[str] = attrs.Factory(Counter)
    endings: Counter[str] = attrs.Factory(Counter)
    violations: list[str] = attrs.Factory(list)
    max_overshoot: float = 0.0
    max_tries_per_get: int = 0
    max_reads: int = 0
    max_reads_budget_used: float = 0.0
    reads: list[int] = attrs.Factory(list)
    overshoots: list[float] = attrs.Factory(list)
    """Seconds past the deadline, for the waits that reached theirs."""

    @property
    def fault_rate(self) -> float:
        return sum(self.faults.values()) / self.requests if self.requests else 0.0

    def lines(self, config: SoakConfig) -> list[str]:
        median_reads = statistics.median(self.reads) if self.reads else 0
        late = sorted(self.overshoots) or [0.0]
        p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.faults.items()))
        endings = ", ".join(f"{name} {count}" for name, count in sorted(self.endings.items()))
        return [
            f"fault soak ({self.mode}): {self.ops} operations, {self.requests} HTTP requests "
            f"in {self.wall_seconds:.1f} s",
            f"faults injected: {sum(self.faults.values())} = {self.fault_rate:.1%} of requests "
            f"(planned {config.fault_rate:.0%}): {kinds}",
            f"endings: {endings}",
            f"max overshoot past a deadline: {self.max_overshoot * 1000:.1f} ms "
            f"(bound: one request timeout, {config.request_timeout:g} s); over the {len(self.overshoots)} "
            f"waits that reached theirs: median {statistics.median(late) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms",
            f"max tries per status GET: {self.max_tries_per_get} "
            f"(RetryPolicy.max_attempts = {config.retry.max_attempts})",
            f"status reads per wait: median {median_reads}, max {self.max_reads}; "
            f"highest share of the PollingPolicy read budget used: {self.max_reads_budget_used:.0%}",
            f"violations: {len(self.violations)}",
            *(f"  {violation}" for violation in self.violations[:20]),
        ]


# --- the plan --------------------------------------------------------------------------------------


def has_canceled_state(api: ApiKey) -> bool:
    """Graph's status enum has no ``canceled``: only APIs whose polling table maps one get that script."""
    return OperationState.CANCELED.value in set(_TABLES[api].states.values())


def plan(config: SoakConfig) -> list[PlannedOp]:
    rng = random.Random(config.seed)
    planned = []
    for index in range(config.ops):
        api = API_KEYS[index % len(API_KEYS)]
        scripts = [s for s in _SCRIPT_WEIGHTS if s != "canceled" or has_canceled_state(api)]
        script = rng.choices(scripts, weights=[_SCRIPT_WEIGHTS[s] for s in scripts])[0]
        running = 0.0 if rng.random() < 0.2 else round(rng.uniform(0.5, config.max_running), 3)
        timeout = round(rng.uniform(3.0, 12.0), 3) if script == "timeout" else config.finish_timeout
        planned.append(PlannedOp(index=index, api=api, script=script, running=running, timeout=timeout))
    return planned


# --- budgets derived from the policies ---------------------------------------------------------------


def read_budget(policy: PollingPolicy, *, elapsed: float, retry_after: float | None) -> int:
    """Most status reads a poller with ``policy`` can make in a wait of ``elapsed`` seconds.

    Walks the policy's own schedule taking, at every step, the shortest delay it can produce: full
    jitter, or the server's ``retry_after`` hint where that is shorter. Real reads can only come
    later (latency, retry sleeps), and the schedule is anchored to the operation's age, so later
    reads never make the following ones earlier. Plus one: the read at the deadline itself.
    """
    age, tick, reads = 0.0, 0, 1
    while True:
        options = [policy.next_delay(age=age, next_tick=tick, retry_after=None, random_value=_ALMOST_ONE)]
        if retry_after is not None:
            options.append(
                policy.next_delay(age=age, next_tick=tick, retry_after=retry_after, random_value=0)
            )
        delay = min(d for d, _ in options)
        tick = min(t for _, t in options)
        age += delay
        if age > elapsed or delay <= 0:
            return reads + 1
        reads += 1


def classify(entry: LoggedRequest, retry: RetryPolicy) -> EntryKind:
    """What one logged request was to the client: a usable read, a retryable failure, or final."""
    if entry.fault in _TRANSPORT_FAULTS or entry.status is None:
        return "retryable"  # connection-level failures of a GET are retried (RetryPolicy docs)
    if entry.fault in _BODY_FAULTS:
        return "retryable"  # a 200 whose body is not JSON at all: a broken answer, retried like a 503
    if entry.status == 200:
        return "ok"
    return "retryable" if entry.status in retry.retry_statuses else "final"


def expected_error(entry: LoggedRequest) -> type[OpStatusError]:
    """The documented error type for a wait that ended on ``entry``."""
    if entry.fault in _TRANSPORT_FAULTS or entry.status is None:
        return TransportError
    if entry.fault in _BODY_FAULTS:
        return DecodeError  # once the retries are used up
    status = entry.status
    kind = _HTTP_KINDS.get(status)
    if kind is not None:
        return kind
    if status >= 500 or status not in _STANDARD_STATUSES:
        return ServiceError
    return opstatus.BadRequestError


# --- judging ---------------------------------------------------------------------------------------


def judge(results: Sequence[WaitResult], log: Sequence[LoggedRequest], config: SoakConfig) -> SoakReport:
    report = SoakReport(mode=config.mode, ops=len(results))
    by_path: dict[str, list[LoggedRequest]] = defaultdict(list)
    for entry in log:
        by_path[entry.path].append(entry)
    for result in results:
        entries = by_path.get(result.status_path, [])
        report.requests += len(entries)
        report.faults.update(entry.fault for entry in entries if entry.fault is not None)
        problems = _judge_one(result, entries, config, report)
        report.violations.extend(
            f"op {result.planned.index} ({result.planned.api}, {result.planned.script}): {problem}"
            for problem in problems
        )
    return report


def _judge_one(
    result: WaitResult, entries: list[LoggedRequest], config: SoakConfig, report: SoakReport
) -> list[str]:
    planned, retry, error = result.planned, config.retry, result.error
    kinds = [classify(entry, retry) for entry in entries]
    problems: list[str] = []
    if not entries:
        return [f"no request reached the emulator (ended with {error!r})"]

    # Every usable response was read exactly once by the poller - except a slow or trickled last one
    # that the wait's deadline cut short (the emulator logs it served; the client stopped reading it).
    served = kinds.count("ok")
    cut = (
        isinstance(error, PollingTimeoutError)
        and kinds[-1] == "ok"
        and entries[-1].fault in _DELAYING_FAULTS
        and result.reads == served - 1
    )
    if result.reads != served and not cut:
        problems.append(f"poller counted {result.reads} reads, the emulator served {kinds.count('ok')}")

    # Retry budget: a logical GET is a run of retryable failures closed by a read or a final answer.
    run, trailing = 0, 0
    for kind in kinds:
        if kind == "retryable":
            run += 1
            continue
        if run + 1 > retry.max_attempts:
            problems.append(f"a status GET took {run + 1} tries (max_attempts {retry.max_attempts})")
        report.max_tries_per_get = max(report.max_tries_per_get, run + 1)
        run = 0
    trailing = run
    report.max_tries_per_get = max(report.max_tries_per_get, trailing)
    if trailing > retry.max_attempts:
        problems.append(f"the last status GET took {trailing} tries (max_attempts {retry.max_attempts})")

    # Polling budget, from the policy and the time actually waited.
    budget = read_budget(config.polling, elapsed=result.elapsed, retry_after=config.running_retry_after)
    report.reads.append(result.reads)
    report.max_reads = max(report.max_reads, result.reads)
    report.max_reads_budget_used = max(report.max_reads_budget_used, result.reads / budget)
    if result.reads > budget:
        problems.append(f"{result.reads} status reads in {result.elapsed:.1f} s (policy allows {budget})")
    if len(entries) > budget * retry.max_attempts:
        problems.append(f"{len(entries)} requests, more than reads budget x max_attempts")

    # Deadline, measured.
    overshoot = result.elapsed - planned.timeout
    report.max_overshoot = max(report.max_overshoot, overshoot)
    if overshoot >= 0:
        report.overshoots.append(overshoot)
    if overshoot > config.request_timeout:
        problems.append(
            f"waited {result.elapsed:.3f} s, {overshoot:.3f} s past its {planned.timeout} s deadline"
        )

    ending, problem = _ending(result, entries[-1], kinds[-1], trailing, config)
    report.endings[ending] += 1
    if problem:
        problems.append(problem)
    return problems


def _ending(
    result: WaitResult, last: LoggedRequest, last_kind: EntryKind, trailing: int, config: SoakConfig
) -> tuple[str, str | None]:
    """(name of how the wait ended, what is wrong with it or None)."""
    planned, error = result.planned, result.error
    if error is None:
        if planned.script != "succeeded" or result.state is not OperationState.SUCCEEDED:
            return "returned", f"returned ({result.state}) but was scripted to end {planned.script}"
        return "succeeded", None if last_kind == "ok" else "returned after a failed request"
    if isinstance(error, OperationFailedError):
        message = error.error.message if error.error else None
        if planned.script != "failed" or message != planned.failure_message:
            return "failed", f"OperationFailedError({message!r}) but scripted {planned.script}"
        return "failed", None
    if isinstance(error, OperationCanceledError):
        return "canceled", None if planned.script == "canceled" else "canceled but not scripted to"
    if isinstance(error, PollingTimeoutError):
        if planned.script != "timeout":
            return "timeout", f"timed out after {error.elapsed:.1f} s, scripted {planned.script}"
        if error.elapsed < planned.timeout - 1e-6:
            return "timeout", f"PollingTimeoutError after {error.elapsed:.3f} s < deadline {planned.timeout}"
        return "timeout", None
    if not isinstance(error, OpStatusError):
        return "unhandled", f"unhandled {type(error).__name__}: {error}"
    name = f"{type(error).__name__} after {last.fault or last.status}"
    if last_kind == "ok":
        return name, f"{type(error).__name__} ({error}) although the last response was fine"
    expected = expected_error(last)
    if not isinstance(error, expected):
        found = f"{type(error).__name__} for a final {last.fault or last.status}"
        return name, f"{found}, expected {expected.__name__}"
    if isinstance(error, HttpError) and error.status_code != last.status:
        return name, f"{type(error).__name__} says {error.status_code}, the emulator sent {last.status}"
    if isinstance(error, ThrottledError) and error.retry_after != config.fault_retry_after:
        return name, f"ThrottledError.retry_after {error.retry_after}, sent {config.fault_retry_after}"
    if last_kind == "retryable" and trailing < config.retry.max_attempts:
        remaining = planned.timeout - result.elapsed
        # A broken 200 keeps the normal answer's headers, so its Retry-After is the running one.
        longest_delay = max(config.fault_retry_after, config.running_retry_after, config.retry.max_backoff)
        if remaining >= longest_delay:
            return name, (
                f"gave up after {trailing} tries with {remaining:.1f} s left "
                f"(max_attempts {config.retry.max_attempts})"
            )
    return name, None


# --- running ---------------------------------------------------------------------------------------


def _ids(op: EmulatedOperation) -> dict[str, str]:
    """The client's keyword arguments for ``op``, from its API's generated status route."""
    *scope, operation = case(op.api).routes.status.path_params
    return {**{param.python: op.params[param.wire] for param in scope}, operation.python: op.id}


def _client_options(config: SoakConfig, emu: EmulatorServer, api: ApiKey) -> dict[str, Any]:
    return {
        "base_url": emu.base_urls[api],
        **credentials(api, config.token),  # as an API key where the API takes no bearer token
        "retry": config.retry,
        "polling": config.polling,
        "timeout": config.request_timeout,
        "rng": random.Random(f"{config.seed}/{api}").random,
    }


def _result(
    planned: PlannedOp,
    op: EmulatedOperation,
    poller: Any,
    elapsed: float,
    resource: object,
    error: Exception | None,
) -> WaitResult:
    snapshot = poller.snapshot
    return WaitResult(
        planned=planned,
        status_path=op.status_path,
        elapsed=elapsed,
        reads=poller.requests,
        state=snapshot.state if snapshot is not None else None,
        resource=resource,
        error=error,
        poller=poller,
    )


def _run_sync(config: SoakConfig, emu: EmulatorServer, ops: Sequence[PlannedOp]) -> list[WaitResult]:
    clock = SkippingClock(on_skip=emu.advance)
    timing: dict[str, Any] = {"clock": clock.now, "sleep": clock.sleep}
    clients: dict[ApiKey, Any] = {
        key: case(key).client(**_client_options(config, emu, key), **timing) for key in API_KEYS
    }
    limit = time.monotonic() + config.real_time_limit
    results = []
    try:
        for planned in ops:
            if time.monotonic() > limit:
                raise TimeoutError(f"soak exceeded {config.real_time_limit} s of real time")
            op = emu.create_operation(
                planned.api, lifecycle=planned.lifecycle(), faults=planned.faults(config)
            )
            poller = clients[planned.api].poller(**_ids(op))
            started, resource, error = clock.now(), None, None
            try:
                resource = poller.result(timeout=planned.timeout)
            except Exception as exc:  # judged afterwards: typed errors are expected, others are violations
                error = exc
            results.append(_result(planned, op, poller, clock.now() - started, resource, error))
    finally:
        for client in clients.values():
            client.close()
    return results


async def _run_async(config: SoakConfig, emu: EmulatorServer, ops: Sequence[PlannedOp]) -> list[WaitResult]:
    clock = AutojumpClock(on_skip=emu.advance)
    timing: dict[str, Any] = {"clock": clock.now, "sleep": clock.sleep}
    results: list[WaitResult] = []
    pending: Iterator[PlannedOp] = iter(ops)
    async with contextlib.AsyncExitStack() as stack:
        clients: dict[ApiKey, Any] = {
            key: await stack.enter_async_context(
                case(key).async_client(**_client_options(config, emu, key), **timing)
            )
            for key in API_KEYS
        }

        async def worker() -> None:
            for planned in pending:  # shared iterator: each operation is taken by one worker
                op = emu.create_operation(
                    planned.api, lifecycle=planned.lifecycle(), faults=planned.faults(config)
                )
                poller = clients[planned.api].poller(**_ids(op))
                started, resource, error = clock.now(), None, None
                try:
                    resource = await poller.result(timeout=planned.timeout)
                except Exception as exc:  # judged afterwards
                    error = exc
                results.append(_result(planned, op, poller, clock.now() - started, resource, error))

        async with asyncio.timeout(config.real_time_limit):
            await asyncio.gather(*(clock.run(worker()) for _ in range(config.concurrency)))
    return results


def _settled_log(emu: EmulatorServer, *, expected_at_least: int) -> tuple[LoggedRequest, ...]:
    """The request log once the server thread has recorded the last responses (bounded wait)."""
    deadline = time.monotonic() + 5.0
    entries = emu.requests()
    while time.monotonic() < deadline:
        time.sleep(0.02)
        again = emu.requests()
        if len(again) == len(entries) and len(again) >= expected_at_least:
            return again
        entries = again
    return entries


def run_soak(
    config: SoakConfig, *, on_results: Callable[[list[WaitResult]], None] | None = None
) -> SoakReport:
    """Start an emulator on 127.0.0.1, wait on ``config.ops`` operations, judge every wait."""
    ops = plan(config)
    started = time.perf_counter()
    with EmulatorServer(
        clock="virtual",
        seed=config.seed,
        default_retry_after=config.running_retry_after,
        max_logged_requests=max(10_000, config.ops * 200),
    ) as emu:
        if config.mode == "sync":
            results = _run_sync(config, emu, ops)
        else:
            results = asyncio.run(_run_async(config, emu, ops))
        log = _settled_log(emu, expected_at_least=len(results))
    report = judge(results, log, config)
    report.wall_seconds = time.perf_counter() - started
    if on_results is not None:
        on_results(results)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.reliability.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--mode", choices=("sync", "async"), default="async")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--fault-rate", type=float, default=0.30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    config = SoakConfig(
        ops=args.ops, mode=args.mode, concurrency=args.concurrency, fault_rate=args.fault_rate, seed=args.seed
    )
    report = run_soak(config)
    print("\n".join(report.lines(config)))
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
