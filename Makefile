# Two commands for a newcomer: `make demo` (a short tour) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench bench-smoke fuzz clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" bash scripts/demo.sh

# The browser tests load JavaScript (Mermaid) from local files; installed when npm is there.
BROWSER_JS = tests/browser/node_modules/.installed
$(BROWSER_JS): tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/browser && npm ci --no-audit --no-fund --silent && touch node_modules/.installed; \
	else echo "npm not found: browser tests will be skipped"; fi

test: $(BIN)/.installed $(BROWSER_JS)
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff format --check src tests bench hatch_build.py
	$(BIN)/ruff check src tests bench hatch_build.py
	$(BIN)/mypy
	$(BIN)/lint-imports

# Peers: Debian's adr-tools (`apt-get install adr-tools`) when present; log4brains from the npm
# registry, installed by the runner into bench/log4brains/ (needs node and npm). About 30 min.
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py --sizes 100,1000,10000 --runs 5 --log4brains-runs 3

bench-smoke: $(BIN)/.installed
	$(BIN)/python bench/run.py --sizes 100 --runs 3 --log4brains-runs 1 --output /dev/null

# The long fuzz run (more than 50,000 hostile inputs to the reader, import and the edits):
# nothing but archlog's own errors, no hang. About 15 minutes. See bench/fuzz.py.
fuzz: $(BIN)/.installed
	$(BIN)/python bench/fuzz.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules \
	  bench/.cache bench/log4brains/node_modules
