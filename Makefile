# Two commands for a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench setup dev install clean

# The checkout is installed editable: a plain path entry (the package has a simple layout, so setuptools needs
# no import hook and prints no warning), the code you edit is the code that runs. `make install` builds and
# installs the wheel instead, as `pip install .` does for a user.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# For working on the code: the editable install (again, e.g. after `make install`).
dev: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps -e .

# A normal, non-editable install of the package (what `pip install .` gives a user; prompts included).
install: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall .

# Loads the demo data into ./.demo-home (your real data directory is never touched by the demo).
demo: $(STAMP)
	OUTREACH_HOME=$${OUTREACH_HOME:-$(CURDIR)/.demo-home} $(BIN)/outreach demo

test: $(STAMP)
	$(BIN)/python -m pytest

# Speed and memory targets (minutes: bench_retrieval embeds 100,000 messages offline).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_suggest.py
	$(BIN)/python benchmarks/bench_context.py
	$(BIN)/python benchmarks/bench_groups.py
	$(BIN)/python benchmarks/bench_tui.py
	$(BIN)/python benchmarks/bench_first_run.py
	$(BIN)/python benchmarks/bench_retrieval.py

clean:
	rm -rf $(VENV) .demo-home .pytest_cache
