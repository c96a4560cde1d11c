"""Import cost: `import opstatus` (and import + first call) vs `import httpx, attrs`, fresh processes.

Each variant is a tiny `python -c` script that times itself with perf_counter around the import (and,
for "first call", around import + client construction + one GET against the responder) and prints the
seconds. Interpreter start-up is outside the timed region, and the script imports only `time` before
starting the clock, so no module the library needs is preloaded. Variants run interleaved, round by
round, in fresh processes; the figure is the median over rounds.
"""

from __future__ import annotations

import random
import subprocess
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from tests.bench.processes import REPO_ROOT, BenchProcessError, child_env
from tests.bench.targets import (
    GRAPH_OPERATION,
    MONITOR_OPERATION,
    MONITOR_RESOURCE_GROUP,
    MONITOR_SUBSCRIPTION,
    TOKEN,
    raw_url,
)

_TEMPLATE = """\
import time
t0 = time.perf_counter()
{body}
t1 = time.perf_counter()
print(t1 - t0)
"""


@dataclass(frozen=True)
class ImportVariant:
    """One fresh-process script: `body` runs inside the timed region."""

    name: str
    python: Path
    body: str
    needs_server: bool = False

    def script(self, server: str) -> str:
        body = self.body.replace("{SERVER}", server).replace("{TOKEN}", TOKEN)
        return _TEMPLATE.format(body=body)


def opstatus_variants(python: Path) -> list[ImportVariant]:
    """httpx+attrs baseline and opstatus, bare import and import + first call (.venv interpreter)."""
    monitor_call = textwrap.dedent("""\
        import opstatus
        with opstatus.MonitorClient(token="{TOKEN}", base_url="{SERVER}") as client:
            client.get_operation_status(
                subscription_id="@SUB@", resource_group_name="@RG@", async_operation_id="@OP@"
            )""")
    raw_call = textwrap.dedent("""\
        import httpx, attrs, json
        with httpx.Client(headers={"Authorization": "Bearer {TOKEN}"}) as client:
            json.loads(client.get("@URL@").content)""")
    return [
        ImportVariant("import httpx, attrs", python, "import httpx, attrs"),
        ImportVariant("import opstatus", python, "import opstatus"),
        ImportVariant("httpx, attrs + first GET", python, _fill(raw_call), needs_server=True),
        ImportVariant("opstatus + first call", python, _fill(monitor_call), needs_server=True),
    ]


def peer_variants(python: Path) -> list[ImportVariant]:
    """azure-mgmt-monitor and msgraph-sdk, bare import and import + first call (.bench-peers)."""
    azure_call = textwrap.dedent("""\
        from tests.bench.peers.sdk_clients import azure_monitor_sync_client
        client = azure_monitor_sync_client("{SERVER}")
        client.private_link_scope_operation_status.get(
            async_operation_id="@OP@", resource_group_name="@RG@", enforce_https=False
        )
        client.close()""")
    graph_call = textwrap.dedent("""\
        import asyncio
        from tests.bench.peers.sdk_clients import graph_client
        async def first():
            client = graph_client("{SERVER}")
            await client.reports.partners.billing.operations.by_operation_id("@GRAPH_OP@").get()
        asyncio.run(first())""")
    return [
        ImportVariant(
            "import azure.mgmt.monitor", python, "from azure.mgmt.monitor import MonitorManagementClient"
        ),
        ImportVariant("import msgraph", python, "from msgraph import GraphServiceClient"),
        ImportVariant("azure-mgmt-monitor + first call", python, _fill(azure_call), needs_server=True),
        ImportVariant("msgraph-sdk + first call", python, _fill(graph_call), needs_server=True),
    ]


def _fill(body: str) -> str:
    return (
        body.replace("@SUB@", MONITOR_SUBSCRIPTION)
        .replace("@RG@", MONITOR_RESOURCE_GROUP)
        .replace("@OP@", MONITOR_OPERATION)
        .replace("@GRAPH_OP@", GRAPH_OPERATION)
        .replace("@URL@", raw_url("{SERVER}", "monitor"))
    )


def time_variant(variant: ImportVariant, *, server: str, timeout_s: float = 60.0) -> float:
    """Seconds one fresh process spent in the variant's timed region."""
    try:
        done = subprocess.run(
            [str(variant.python), "-c", variant.script(server)],
            cwd=REPO_ROOT,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchProcessError(f"{variant.name!r} did not finish within {timeout_s} s") from exc
    if done.returncode != 0:
        raise BenchProcessError(f"{variant.name!r} failed:\n{done.stderr.strip()[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def measure(
    variants: Sequence[ImportVariant], *, server: str, rounds: int, seed: int = 8, warm_up: bool = True
) -> dict[str, object]:
    """Interleaved rounds (order shuffled per round, after one unrecorded warm-up pass for .pyc files)."""
    for variant in variants if warm_up else ():
        time_variant(variant, server=server)
    rng = random.Random(seed)
    seconds: dict[str, list[float]] = {v.name: [] for v in variants}
    for _ in range(rounds):
        order = list(variants)
        rng.shuffle(order)
        for variant in order:
            seconds[variant.name].append(time_variant(variant, server=server))
    return {
        "rounds": rounds,
        "median_ms": {name: median(values) * 1e3 for name, values in seconds.items()},
        "all_ms": {name: [v * 1e3 for v in values] for name, values in seconds.items()},
    }


def import_profile(python: Path, module: str, *, top: int = 10) -> list[tuple[str, float]]:
    """`python -X importtime -c "import <module>"`: the slowest modules by cumulative µs (diagnostic)."""
    done = subprocess.run(
        [str(python), "-X", "importtime", "-c", f"import {module}"],
        cwd=REPO_ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    rows: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
        rows.append((name.strip(), float(cumulative_us)))
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows[:top]
