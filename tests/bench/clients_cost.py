"""What a client costs: memory and CPU per client for many clients in one process, and start-up.

Two figures of issue 14, each measured in fresh processes (stdlib only in the parent):

* ``many``: one child imports opstatus (or httpx), then builds ``--clients`` clients and keeps them all
  alive; it reports the CPU time and the growth of peak RSS (``ru_maxrss``) over the building, per
  client. opstatus's clients share one SSL context; a bare ``httpx.Client()`` builds its own, which is
  what opstatus did before (the comparison row).
* ``startup``: import + build a client + one status GET against the bench responder, in a fresh
  process, vs raw httpx doing the same (``import httpx`` + ``httpx.Client()`` + one GET + json.loads):
  the interpreter's own start-up is outside the timed region (as in ``imports.py``), rounds interleaved,
  medians and the ratio per round.

``python -m tests.bench.clients_cost --server URL`` (or without ``--server`` to start a responder).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from statistics import median

from tests.bench.imports import ImportVariant, _fill, time_variant
from tests.bench.processes import REPO_ROOT, child_env, running_responder

_MANY = """\
import resource, sys, time
kind, count = sys.argv[1], int(sys.argv[2])
if kind == "httpx":
    import httpx
    make = httpx.Client
elif kind == "opstatus-sync":
    import opstatus
    make = lambda: opstatus.MonitorClient(token="t", base_url="http://127.0.0.1:1")
else:
    import opstatus
    make = lambda: opstatus.AsyncMonitorClient(token="t", base_url="http://127.0.0.1:1")
make()  # the first one loads what the rest share: not counted
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu0 = time.process_time()
clients = [make() for _ in range(count)]
cpu = time.process_time() - cpu0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(cpu, (rss - rss0) * 1024, rss * 1024)
"""

MANY_KINDS = ("opstatus-sync", "opstatus-async", "httpx")


def measure_many(python: Path, *, clients: int, rounds: int) -> dict[str, dict[str, float]]:
    """kind -> medians over rounds: CPU ms per client, RSS growth KB per client, process peak MB."""
    samples: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in MANY_KINDS}
    for _ in range(rounds):
        for kind in MANY_KINDS:
            done = subprocess.run(
                [str(python), "-c", _MANY, kind, str(clients)],
                cwd=REPO_ROOT,
                env=child_env(),
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            )
            cpu, grown, peak = (float(v) for v in done.stdout.split())
            samples[kind].append((cpu, grown, peak))
    return {
        kind: {
            "cpu_ms_per_client": median(s[0] for s in rows) / clients * 1e3,
            "rss_kb_per_client": median(s[1] for s in rows) / clients / 1024,
            "peak_mb": median(s[2] for s in rows) / 2**20,
        }
        for kind, rows in samples.items()
    }


def startup_variants(python: Path) -> list[ImportVariant]:
    """Import + client + first GET: raw httpx (the issue's baseline) and opstatus's sync monitor client."""
    raw = textwrap.dedent("""\
        import httpx, json
        with httpx.Client(headers={"Authorization": "Bearer {TOKEN}"}) as client:
            json.loads(client.get("@URL@").content)""")
    ours = textwrap.dedent("""\
        import opstatus
        with opstatus.MonitorClient(token="{TOKEN}", base_url="{SERVER}") as client:
            client.get_operation_status(
                subscription_id="@SUB@", resource_group_name="@RG@", async_operation_id="@OP@"
            )""")
    return [
        ImportVariant("httpx + first GET", python, _fill(raw), needs_server=True),
        ImportVariant("opstatus + first call", python, _fill(ours), needs_server=True),
    ]


def measure_startup(python: Path, *, server: str, rounds: int, seed: int = 14) -> dict[str, float]:
    """Median ms of each variant and the median of the per-round ratios (interleaved, shuffled)."""
    variants = startup_variants(python)
    for variant in variants:  # .pyc files, caches: not recorded
        time_variant(variant, server=server)
    rng = random.Random(seed)
    ms: dict[str, list[float]] = {v.name: [] for v in variants}
    for _ in range(rounds):
        order = list(variants)
        rng.shuffle(order)
        for variant in order:
            ms[variant.name].append(time_variant(variant, server=server) * 1e3)
    raw, ours = (ms[v.name] for v in variants)
    return {
        "httpx_ms": median(raw),
        "opstatus_ms": median(ours),
        "ratio": median(o / r for o, r in zip(ours, raw, strict=True)),
    }


def measure(python: Path, *, startup_python: Path, server: str, quick: bool) -> dict[str, object]:
    """Both figures as the bench saves them (see ``report._section_clients``).

    Many clients run in ``python`` (.venv: async clients there have the ``fast`` extra); start-up runs
    in ``startup_python``, the fresh venv holding only the wheel, compiled to bytecode as pip leaves it
    (``footprint.fresh_venv``): what a user's first command costs.
    """
    count, rounds, startup_rounds = (100, 1, 2) if quick else (1000, 3, 11)
    return {
        "count": count,
        "rounds": rounds,
        "startup_rounds": startup_rounds,
        "startup_python": "fresh venv with only the opstatus wheel, compiled to bytecode"
        if startup_python != python
        else ".venv",
        "many": measure_many(python, clients=count, rounds=rounds),
        "startup": measure_startup(startup_python, server=server, rounds=startup_rounds),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--server", help="responder base URL (default: start one)")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startup-rounds", type=int, default=11)
    args = parser.parse_args(argv)
    python = Path(sys.executable)
    result: dict[str, object] = {"many": measure_many(python, clients=args.clients, rounds=args.rounds)}
    if args.server:
        result["startup"] = measure_startup(python, server=args.server, rounds=args.startup_rounds)
    else:
        with running_responder(python=python) as server:
            result["startup"] = measure_startup(python, server=server, rounds=args.startup_rounds)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
