# perfdx: `make demo` and `make test` work on a fresh machine (they build .venv first).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PERFDX := $(VENV)/bin/perfdx
# durable-rules runs on Python 3.10-3.12 only: take the newest of those that is installed.
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not (3,10) <= sys.version_info[:2] <= (3,12))' 2>/dev/null && { echo $$p; break; }; done)
DEMO_CASE ?= examples/cases/sales_rep_new_crm.yaml

.PHONY: demo test lint bench eval venv clean

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "perfdx needs Python 3.10, 3.11 or 3.12 (durable-rules does not run on 3.13+)"; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $@

venv: $(VENV)/.installed

# The demo records into a throw-away log, key and witness file, never the user's own.
demo: venv
	@demo=$$(mktemp -d); PERFDX_DB=$$demo/decisions.db PERFDX_AUDIT_KEY=$$demo/audit.key \
		$(PERFDX) diagnose $(DEMO_CASE); status=$$?; rm -rf "$$demo"; exit $$status

test: venv
	$(PY) -m pytest

lint: venv
	$(VENV)/bin/ruff check engine cli tests bench eval
	$(VENV)/bin/mypy engine
	$(VENV)/bin/lint-imports

bench: venv
	$(PY) bench/run.py
	$(PY) bench/audit_checkpoint.py

# the literature evaluation set (issue 11): top-1, secondary recall, no cause, contraindicated
eval: venv
	$(PY) eval/run.py --details

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
