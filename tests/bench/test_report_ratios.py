"""The goals table's ratios: each round's two samples paired, the median of those ratios taken."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bench.calls import medians
from tests.bench.report import _ratio


def _results(ours: list[float], base: list[float]) -> dict[str, Any]:
    """Concurrent samples of 1,000 calls, with the given wall seconds per round."""
    samples = {
        "concurrent": {
            "ours": {"monitor": [{"calls": 1000, "wall_s": wall, "cpu_s": wall} for wall in ours]},
            "base": {"monitor": [{"calls": 1000, "wall_s": wall, "cpu_s": wall} for wall in base]},
        }
    }
    return {"calls": {"samples": samples, "medians": medians(samples)}}


def test_rounds_are_paired_before_the_median_is_taken() -> None:
    # Ours takes 1.25x the base's time in four rounds (calls/s ratio 0.8) under changing load; in round
    # 3 ours ran loaded and the base quiet. The ratio of the two medians mixes rounds (0.67x).
    results = _results(ours=[1.0, 1.25, 2.5, 1.5, 2.0], base=[0.8, 1.0, 0.4, 1.2, 1.6])
    assert _ratio(results, "concurrent", "ours", "base", "monitor", "calls_per_s") == pytest.approx(0.8)
    by_medians = (1000 / 1.5) / (1000 / 1.0)
    assert by_medians == pytest.approx(0.667, abs=1e-3)


def test_rounds_that_do_not_pair_fall_back_to_the_ratio_of_the_medians() -> None:
    results = _results(ours=[1.0, 2.0, 3.0], base=[1.0, 1.0])
    assert _ratio(results, "concurrent", "ours", "base", "monitor", "wall_us") == pytest.approx(2.0)
