# dragoman — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SYS_STAMP := $(VENV)/.system-packages

.PHONY: demo test eval lint bench clean install dev system

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<27"

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

# System packages the tests need (Debian's Chromium for the browser tests, PostgreSQL's server for the
# store tests, which start their own throwaway server); each installed only when missing.
$(SYS_STAMP): | $(BIN)/python
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi; \
	if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql for the store tests"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi
	touch $@

install: $(STAMP)
dev: $(DEV_STAMP)
system: $(SYS_STAMP)

demo: $(STAMP)
	@bash examples/demo.sh

test: $(DEV_STAMP) $(SYS_STAMP)
	$(BIN)/python -m pytest

# The quality gate: each quality benchmark against benchmarks/bars.toml (skips without ../shared/data).
eval: $(DEV_STAMP)
	$(BIN)/python benchmarks/gate.py

# ruff, then the layer contract in pyproject.toml ([tool.importlinter]: which package may import which).
lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/ingest_speed.py

clean:
	rm -rf $(VENV) demo briefs build *.egg-info src/*.egg-info
