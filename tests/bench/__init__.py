"""Benchmarks for opstatus (issue 8): `python -m tests.bench`, never part of `make test` timing.

Benchmarks are not tests: nothing here asserts on time. Each figure is measured in the same run as its
baseline, interleaved over several rounds in fresh processes, and reported as a median and a ratio.
tests/bench/test_bench_smoke.py runs every code path with tiny counts so the harness does not rot.
"""
