"""Contender processes run in .venv: raw baselines and the opstatus clients (one module each).

Each module is started as `python -m tests.bench.contenders.<name> ...` (see tests.bench.protocol)
and imports only what its contender needs, so one library's import cost never leaks into another's.
"""
