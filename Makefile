# Two commands for a newcomer: `make demo` (a short tour) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
# The tour runs archlog as a user installs it: the package alone, in a virtualenv of its own.
DEMO_VENV ?= .venv-demo

.PHONY: demo test lint bench bench-smoke fuzz dist check-package clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(DEMO_VENV)/bin/.installed: pyproject.toml
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet .
	touch $@

demo: $(DEMO_VENV)/bin/.installed
	PATH="$(CURDIR)/$(DEMO_VENV)/bin:$$PATH" bash scripts/demo.sh

# Tests that need what a checkout may lack (the shared corpora, Chromium, Graphviz,
# adr-tools) are skipped, and the summary says what each group needs; ARCHLOG_REQUIRE_ALL=1
# makes them fail instead (CI).
test: $(BIN)/.installed
	$(BIN)/python -m pytest -q -n auto

lint: $(BIN)/.installed
	$(BIN)/ruff format --check src tests bench hatch_build.py
	$(BIN)/ruff check src tests bench hatch_build.py
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/import_graph.py --check

# The sdist and the wheel in dist/, reproducibly (the time stamps of the last commit).
dist: $(BIN)/.installed
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) $(BIN)/python -m build --outdir dist .

# What CI checks of the package: reproducible sdist and wheel, a wheel from the sdist with no
# network, the wheel in a clean virtualenv and through `uv tool install`, the tour on each.
check-package:
	bash scripts/check_package.sh

# The benchmark's plot needs matplotlib, which nothing else does: its own extra.
$(BIN)/.bench-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Peers: Debian's adr-tools (`apt-get install adr-tools`) when present; log4brains from the npm
# registry, installed by the runner into bench/log4brains/ (needs node and npm). About 30 min.
bench: $(BIN)/.bench-installed
	$(BIN)/python bench/run.py --sizes 100,1000,10000 --runs 5 --log4brains-runs 3

bench-smoke: $(BIN)/.installed
	$(BIN)/python bench/run.py --sizes 100 --runs 3 --log4brains-runs 1 --output /dev/null

# The long fuzz run (more than 50,000 hostile inputs to the reader, import and the edits):
# nothing but archlog's own errors, no hang. About 15 minutes. See bench/fuzz.py.
fuzz: $(BIN)/.installed
	$(BIN)/python bench/fuzz.py

clean:
	rm -rf $(VENV) $(DEMO_VENV) build dist .pytest_cache .mypy_cache .ruff_cache \
	  bench/.cache bench/log4brains/node_modules
