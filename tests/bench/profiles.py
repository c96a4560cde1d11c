"""Sampling profiles of contender processes with py-spy, summarised as tables (measure, don't guess).

py-spy (from .bench-tools) samples a contender process from outside, so the profiled code runs
unmodified in its own interpreter (.venv or .bench-peers). Its "raw" output is collapsed stacks,
`frame;frame;...;leaf count` per line; this module folds them into where time goes: by component
(the package a frame's file belongs to, leaf frame = self time) and by leaf function.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.bench.processes import REPO_ROOT, BenchProcessError, child_env

# First match wins: (component label, regex on a frame's "function (file:line)" text).
_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("opstatus (generated)", r"opstatus/_generated/|/generated/"),
    ("opstatus", r"opstatus/"),
    ("httpx_aiohttp", r"httpx_aiohttp/"),
    ("httpx", r"httpx/"),
    ("httpcore", r"httpcore/"),
    ("h11", r"h11/"),
    ("anyio", r"anyio/"),
    ("aiohttp", r"aiohttp/|yarl/|multidict/"),
    # py-spy names files relative to their sys.path entry, and for the `azure` namespace package
    # that can drop the `azure/` prefix: match both spellings.
    ("azure-core", r"azure/core/|\(core/"),
    ("azure-mgmt-monitor", r"azure/mgmt/|\(mgmt/"),
    ("msgraph/kiota", r"msgraph|kiota"),
    ("attrs", r"attr/|attrs/"),
    ("json", r"json/"),
    ("asyncio", r"asyncio/"),
    ("importlib (imports during calls)", r"importlib"),
    ("ssl/socket/selectors", r"ssl\.py|socket\.py|selectors\.py"),
    ("bench harness", r"tests/bench/"),
)
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


@dataclass(frozen=True)
class ProfileSummary:
    samples: int
    self_by_component: list[tuple[str, float]]  # (component, share of samples 0..1), descending
    inclusive_by_component: list[tuple[str, float]]
    top_leaf_functions: list[tuple[str, float]]


def component_of(frame: str) -> str:
    for label, pattern in _COMPONENTS:
        if re.search(pattern, frame):
            return label
    return "other (interpreter, stdlib)"


# Only stacks under this frame count: the timed run, not interpreter start-up or module imports.
STEADY_STATE_FRAME = "run_contender ("


def summarise(collapsed: str, *, top: int = 12, require: str = STEADY_STATE_FRAME) -> ProfileSummary:
    """Fold py-spy raw (collapsed) stacks into shares of samples (stacks without `require` are dropped)."""
    self_counts: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for line in collapsed.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        if require not in stack:
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        leaf = frames[-1]
        self_counts[component_of(leaf)] += count
        leaves[_short(leaf)] += count
        for component in {component_of(frame) for frame in frames}:
            inclusive[component] += count
    if total == 0:
        raise BenchProcessError("the profile holds no samples")

    def shares(counter: Counter[str], n: int) -> list[tuple[str, float]]:
        return [(name, count / total) for name, count in counter.most_common(n)]

    return ProfileSummary(
        samples=total,
        self_by_component=shares(self_counts, top),
        inclusive_by_component=shares(inclusive, top),
        top_leaf_functions=shares(leaves, top),
    )


def _short(frame: str) -> str:
    match = _FRAME.match(frame)
    if not match:
        return frame
    path = match["file"]
    for marker in ("site-packages/", "python3.11/", "overrides/", "generated/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{match['func']} ({path})"


def record(
    *, py_spy: Path, argv: Sequence[str], output: Path, rate_hz: int = 250, timeout_s: float = 120.0
) -> str:
    """Run `argv` under `py-spy record`; return the collapsed stacks it wrote."""
    command = [
        str(py_spy),
        "record",
        "--format",
        "raw",
        "--rate",
        str(rate_hz),
        "-o",
        str(output),
        "--",
        *argv,
    ]
    try:
        done = subprocess.run(
            command, cwd=REPO_ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchProcessError(f"py-spy run did not finish within {timeout_s} s") from exc
    if done.returncode != 0 or not output.exists():
        raise BenchProcessError(f"py-spy failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return output.read_text(encoding="utf-8")
