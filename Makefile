# opstatus developer commands. Every target builds what it needs from nothing (a fresh clone works).
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
RUN := $(VENV)/bin
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help env lint-specs generate check-generated lint format typecheck unit test fuzz-deep demo bench bench-peers soak build clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras --quiet
	@touch $@

env: $(VENV)/.synced ## create .venv from uv.lock (exact pins)

lint-specs: env ## check the OpenAPI documents in specs/ (validator + our rules)
	$(PY) -m generator lint

generate: env ## regenerate generated/ from specs/ (never touches overrides/)
	$(PY) -m generator generate

check-generated: env ## fail with a diff if generated/ is not what specs/ produce
	$(PY) -m generator check

lint: env ## ruff (pinned) on hand-written code
	$(RUN)/ruff check overrides generator tests
	$(RUN)/ruff format --check overrides generator tests

format: env ## apply ruff fixes and formatting
	$(RUN)/ruff check --fix overrides generator tests
	$(RUN)/ruff format overrides generator tests

typecheck: env ## mypy --strict on hand-written code and the generated code it imports
	$(RUN)/mypy overrides/opstatus generator tests

unit: env ## pytest
	$(PY) -m pytest -q

test: lint-specs check-generated lint typecheck unit ## everything CI runs

FUZZ_EXAMPLES ?= 500
fuzz-deep: env ## schemathesis vs the emulator (3 specs, in process + HTTP), FUZZ_EXAMPLES=500 per case (~5-10 min)
	OPSTATUS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q --timeout=3600 \
		tests/emulator/test_schemathesis_in_process.py tests/emulator/test_schemathesis_http.py

demo: env ## watch one operation per API finish on the embedded emulator (~25 s, no cloud account)
	$(RUN)/opstatus demo

# Benchmarks (tests/bench, BENCHMARKS.md). Their tools live in venvs of their own, never in .venv:
# .bench-tools (matplotlib for the chart, py-spy) and .bench-peers (azure-mgmt-monitor, msgraph-sdk).
BENCH_TOOLS := .bench-tools
BENCH_PEERS := .bench-peers

$(BENCH_TOOLS)/.ready: tests/bench/requirements-tools.txt | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PY) $(BENCH_TOOLS)
	$(UV) pip install --quiet --python $(BENCH_TOOLS)/bin/python -r $<
	@touch $@

$(BENCH_PEERS)/.ready: tests/bench/requirements-peers.txt | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PY) $(BENCH_PEERS)
	$(UV) pip install --quiet --python $(BENCH_PEERS)/bin/python -r $<
	@touch $@

bench: env $(BENCH_TOOLS)/.ready ## benchmarks vs raw httpx/aiohttp -> BENCHMARKS.md + benchmarks.png (~5 min)
	$(PY) -m tests.bench run --tools-python $(BENCH_TOOLS)/bin/python

bench-peers: env $(BENCH_TOOLS)/.ready $(BENCH_PEERS)/.ready ## the same vs azure-mgmt-monitor and msgraph-sdk (own venv)
	$(PY) -m tests.bench peers --tools-python $(BENCH_TOOLS)/bin/python --peers-python $(BENCH_PEERS)/bin/python

# Reliability and packaging (tests/reliability, tests/packaging; README "Guarantees").
soak: env ## fault soak: 10,000 emulator operations, async, 30% injected faults (~3 min)
	$(PY) -m tests.reliability.soak --ops 10000 --mode async

build: env ## sdist + wheel into dist/ (the wheel is built from the sdist, as pip would), then twine check
	rm -rf dist
	$(UV) build --quiet --out-dir dist
	$(RUN)/twine check --strict dist/*.tar.gz dist/*.whl
	@ls -l dist/*.tar.gz dist/*.whl

clean: ## remove environments and caches
	rm -rf $(VENV) $(TOOLS) $(BENCH_TOOLS) $(BENCH_PEERS) .mypy_cache .ruff_cache .pytest_cache dist build
