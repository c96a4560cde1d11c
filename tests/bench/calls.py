"""Per-call cost and throughput: contender processes, interleaved round by round, medians reported.

A round starts every contender once per mode (sync, async sequential, concurrent), in a shuffled
order, each in a fresh process against the same responder; the figure for (mode, contender, API) is
the median over rounds of that process's per-call wall time, CPU time and calls per second.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from tests.bench.processes import run_json


@dataclass(frozen=True)
class Contender:
    """One client library, as a module run by one interpreter."""

    key: str
    label: str
    python: Path
    module: str
    modes: tuple[str, ...]
    apis: tuple[str, ...]


@dataclass(frozen=True)
class ModeSettings:
    calls: int
    warmup: int
    budget_s: float
    in_flight: int = 1000
    apis: tuple[str, ...] = ("monitor", "partner_portal", "graph_billing")
    distinct: int = 0  # monitor: each call reads the next of this many operations (0: one, repeated)
    paired: int = 0  # with distinct: this many pairs of distinct and repeated blocks in one process
    contender_mode: str | None = None  # the contender's --mode when this mode's name is not one


@dataclass
class CallResults:
    rounds: int
    settings: dict[str, dict[str, Any]]
    contenders: dict[str, str]
    # mode -> contender key -> api -> list of per-round samples
    samples: dict[str, dict[str, dict[str, list[dict[str, float]]]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "settings": self.settings,
            "contenders": self.contenders,
            "samples": self.samples,
            "medians": medians(self.samples),
        }


def paired_mode(mode: str) -> str:
    """Where a paired run's repeated blocks are kept: beside ``mode``'s samples (its distinct blocks),
    round for round, so each round's two come from one process."""
    return f"{mode}_paired_repeated"


def medians(samples: dict[str, dict[str, dict[str, list[dict[str, float]]]]]) -> dict[str, Any]:
    """mode -> contender -> api -> {wall_us, cpu_us, calls_per_s, rounds} (medians over rounds)."""
    out: dict[str, Any] = {}
    for mode, by_contender in samples.items():
        for key, by_api in by_contender.items():
            for api, rounds in by_api.items():
                if not rounds:
                    continue
                out.setdefault(mode, {}).setdefault(key, {})[api] = {
                    "wall_us": median(r["wall_s"] / r["calls"] * 1e6 for r in rounds),
                    "cpu_us": median(r["cpu_s"] / r["calls"] * 1e6 for r in rounds),
                    "calls_per_s": median(r["calls"] / r["wall_s"] for r in rounds),
                    "rounds": len(rounds),
                }
    return out


def run_rounds(
    contenders: Sequence[Contender],
    *,
    server: str,
    rounds: int,
    settings: dict[str, ModeSettings],
    seed: int = 8,
    timeout_s: float = 240.0,
    log: Any = None,
) -> CallResults:
    rng = random.Random(seed)
    results = CallResults(
        rounds=rounds,
        settings={mode: vars(s) | {"apis": list(s.apis)} for mode, s in settings.items()},
        contenders={c.key: c.label for c in contenders},
    )
    for round_index in range(rounds):
        for mode, mode_settings in settings.items():
            order = [c for c in contenders if mode in c.modes]
            rng.shuffle(order)
            for contender in order:
                apis = [api for api in mode_settings.apis if api in contender.apis]
                if not apis:
                    continue
                argv = [
                    str(contender.python),
                    "-m",
                    contender.module,
                    "--mode",
                    mode_settings.contender_mode or mode,
                    "--apis",
                    ",".join(apis),
                    "--server",
                    server,
                    "--calls",
                    str(mode_settings.calls),
                    "--warmup",
                    str(mode_settings.warmup),
                    "--budget",
                    str(mode_settings.budget_s),
                    "--in-flight",
                    str(mode_settings.in_flight),
                    "--distinct",
                    str(mode_settings.distinct),
                    "--paired",
                    str(mode_settings.paired),
                ]
                payload = run_json(argv, timeout_s=timeout_s)
                by_api = results.samples.setdefault(mode, {}).setdefault(contender.key, {})
                for api, sample in payload["samples"].items():
                    by_api.setdefault(api, []).append(sample)
                for api, sample in payload.get("paired_repeated", {}).items():  # see paired_mode
                    paired = results.samples.setdefault(paired_mode(mode), {}).setdefault(contender.key, {})
                    paired.setdefault(api, []).append(sample)
                if log:
                    log(f"round {round_index + 1}/{rounds} {mode:<10} {contender.key:<18} {_brief(payload)}")
    return results


def _brief(payload: dict[str, Any]) -> str:
    parts = []
    for api, s in payload["samples"].items():
        parts.append(f"{api}={s['wall_s'] / s['calls'] * 1e6:.0f}us/{s['calls'] / s['wall_s']:.0f}/s")
    return " ".join(parts)
