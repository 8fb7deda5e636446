# Thin wrappers; every path is resolved from the repo root by dagster_project/paths.py.
PY      := .venv/bin/python
VENV_OK := .venv/.installed
# .venv's interpreter: Debian's CPython 3.11 where the machine has one (built with PGO and LTO, it
# parses with 10 to 12% fewer instructions than pyenv's default build; benchmarks/README.md), else python3.
BASE_PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3)
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup run test dev bench dbt-parse docs clean

setup: $(VENV_OK)

$(VENV_OK): requirements.lock pyproject.toml
	$(BASE_PYTHON) -m venv --clear .venv
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(PY) -m uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock
	$(PY) -m uv pip install --quiet --python $(PY) --no-deps -e .
	touch $(VENV_OK)

# dbt's manifest is needed before the Dagster definitions import (dagster-dbt reads it).
dbt-parse: setup
	$(PY) -m dagster_project.cli prepare

run: dbt-parse
	$(PY) -m dagster_project.cli materialize

test: dbt-parse
	$(PY) -m pytest -q

dev: dbt-parse
	$(PY) -m dagster_project.cli dev

bench: setup
	$(PY) -m benchmarks.bench

docs: dbt-parse
	$(PY) -m dagster_project.cli dbt docs generate

clean:
	rm -rf data dbt/target dbt/logs
