"""Section 9: many operations of one ARM subscription against a read budget (issue 22).

Each contender waits on the same N monitor operations, in a fresh process, against the
budget-limited responder (`tests.bench.responder --read-budget SIZE/REFILL --many N,FIRST,LAST`),
reset before each run: one token bucket for the subscription, by the emulator's rule; the
operations finish spread over [FIRST, LAST] seconds after the server's first read
(tests.bench.many_plan). Contenders run in a shuffled order per round. From the server's counts
and the client's completion reports:

* reads: every status GET the server received (answered + 429); 429s: those throttled;
* allowed: what the bucket let through over the run, `SIZE + REFILL x (last read - first read)`;
* detection latency of operation i: `d_i - c_i`, when the client reported it done minus when it
  finished at the server (both `time.monotonic()`, one clock for every process on Linux);
* the budget's hold on it: with W(c_i) operations not yet read as done at c_i (the server's first
  `Succeeded` answer of each marks it), no schedule within the budget can read each of them more
  often than every W(c_i) / REFILL seconds, so the hold is `max(0, W(c_i) / REFILL - P)`, the part
  of the fairest round-robin's interval beyond the polling interval P; the *net* latency is
  `d_i - c_i - hold_i`, and "detected within one polling interval of when the budget permits"
  means net latency <= P. Waits that gave up have no latency (they are counted instead).
"""

from __future__ import annotations

import bisect
import json
import math
import random
import statistics
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.bench.many_plan import ManyPlan
from tests.bench.processes import VENV_PYTHON, run_json, running_responder


@dataclass(frozen=True)
class ManySettings:
    operations: int
    first_s: float
    last_s: float
    interval_s: float  # every contender's polling interval
    bucket_size: int
    refill_per_s: float
    timeout_s: float  # one contender process, at most

    @property
    def plan(self) -> ManyPlan:
        return ManyPlan(operations=self.operations, first_s=self.first_s, last_s=self.last_s)


# 10,000 operations finishing 5-50 s in; ARM's rule with a bucket of 1,000 refilled at 500 reads a
# second (ARM: 250 and 25), so a run takes about a minute; polling every 5 s.
FULL = ManySettings(10_000, 5.0, 50.0, 5.0, 1000, 500.0, 300.0)
QUICK = ManySettings(100, 0.2, 1.0, 0.3, 20, 200.0, 60.0)


@dataclass(frozen=True)
class ManyContender:
    key: str
    label: str
    python: Path
    module: str
    options: tuple[str, ...] = ()


def contenders(peers_python: Path | None) -> list[ManyContender]:
    module = "tests.bench.contenders.many_opstatus"
    found = [
        # gather runs with `fast`: without it, 10,000 waits are CPU-bound on httpx's transport and
        # cannot even spend the budget (a calibration run: 0.25x the allowed reads, 115 s), which
        # would hide what the section compares, the schedules.
        ManyContender(
            "gather",
            "`asyncio.gather` of single `wait()`s, `fast` extra",
            VENV_PYTHON,
            module,
            ("--style", "gather", "--fast"),
        ),
        ManyContender("set", "`AsyncOperationSet`", VENV_PYTHON, module, ("--style", "set")),
        ManyContender(
            "set_fast", "`AsyncOperationSet`, `fast` extra", VENV_PYTHON, module, ("--style", "set", "--fast")
        ),
    ]
    if peers_python is not None:
        found.append(
            ManyContender(
                "azure_aio",
                "azure-mgmt-monitor aio: gather of get + sleep loops",
                peers_python,
                "tests.bench.peers.azure_monitor_many",
            )
        )
    return found


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile (`share` in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure_run(settings: ManySettings, client: dict[str, Any], server: dict[str, Any]) -> dict[str, Any]:
    """One contender's figures from its own report and the server's (see the module docstring)."""
    plan = settings.plan
    started, last = server["started"], server["last"]
    if started is None:
        raise RuntimeError("the contender never read a status")
    read_done = sorted(math.inf if t is None else t for t in server["first_done"])
    raw: list[float] = []
    net: list[float] = []
    for index, reported in client["detected"]:
        finished = started + plan.finish_after(index)
        waiting = len(read_done) - bisect.bisect_right(read_done, finished)
        hold = max(0.0, waiting / settings.refill_per_s - settings.interval_s)
        raw.append(reported - finished)
        net.append(reported - finished - hold)
    reads = server["answered"] + server["throttled"]
    allowed = settings.bucket_size + settings.refill_per_s * (last - started)
    return {
        "reads": reads,
        "throttled": server["throttled"],
        "allowed": allowed,
        "reads_over_allowed": reads / allowed,
        "detected": len(client["detected"]),
        "gave_up": sum(client["gave_up"].values()),
        "gave_up_by": client["gave_up"],
        "latency_p50_s": percentile(raw, 0.5),
        "latency_p99_s": percentile(raw, 0.99),
        "net_latency_p50_s": percentile(net, 0.5),
        "net_latency_p99_s": percentile(net, 0.99),
        "net_latency_max_s": max(net) if net else None,
        "wall_s": client["wall_s"],
        "cpu_s": client["cpu_s"],
        "peak_rss_mb": client["peak_rss_mb"],
        "transport": client.get("transport"),
    }


def _control(server: str, command: str) -> dict[str, Any]:
    """The budget responder's own GETs (never counted): `stats`, `reset`."""
    with urllib.request.urlopen(f"{server}/_bench/{command}", timeout=30) as answer:  # noqa: S310 - loopback
        found: dict[str, Any] = json.loads(answer.read())
    return found


def run_one(contender: ManyContender, settings: ManySettings, server: str) -> dict[str, Any]:
    """One contender process against the budget responder, reset first; the run's figures."""
    _control(server, "reset")
    argv = [
        str(contender.python),
        "-m",
        contender.module,
        "--server",
        server,
        "--operations",
        str(settings.operations),
        "--interval",
        str(settings.interval_s),
        *contender.options,
    ]
    client = run_json(argv, timeout_s=settings.timeout_s)
    return measure_run(settings, client, _control(server, "stats"))


def measure(
    *,
    quick: bool,
    rounds: int,
    peers_python: Path | None = None,
    log: Callable[[str], None] | None = None,
    seed: int = 22,
) -> dict[str, Any]:
    settings = QUICK if quick else FULL
    found = contenders(peers_python)
    rng = random.Random(seed)
    samples: dict[str, list[dict[str, Any]]] = {c.key: [] for c in found}
    responder_args = (
        "--read-budget",
        f"{settings.bucket_size}/{settings.refill_per_s}",
        "--many",
        settings.plan.to_arg(),
    )
    with running_responder(args=responder_args) as server:
        for round_index in range(rounds):
            order = list(found)
            rng.shuffle(order)
            for contender in order:
                run = run_one(contender, settings, server)
                samples[contender.key].append(run)
                if log:
                    log(
                        f"many round {round_index + 1}/{rounds} {contender.key:<10} reads {run['reads']:,} "
                        f"({run['reads_over_allowed']:.2f}x allowed) 429s {run['throttled']:,} "
                        f"gave up {run['gave_up']:,} p99 net {run['net_latency_p99_s']} s "
                        f"wall {run['wall_s']:.1f} s RSS {run['peak_rss_mb']:.0f} MB"
                    )
    return {
        "settings": asdict(settings),
        "rounds": rounds,
        "contenders": {c.key: c.label for c in found},
        "samples": samples,
        "medians": {key: _medians(runs) for key, runs in samples.items() if runs},
    }


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in runs[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            present = [r[name] for r in runs if r.get(name) is not None]
            out[name] = statistics.median(present) if present else None
        elif len(runs) == 1:
            out[name] = value
    return out
