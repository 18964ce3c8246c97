# perfdx: `make demo` and `make test` work on a fresh machine (they build the venv first).
#
# Python: the newest of 3.13, 3.12, 3.11, 3.10 found on PATH or under pyenv's versions; choose one
# with PYTHON=python3.10 (a name or a path). Each Python minor version gets its own venv,
# .venv-3.X, so switching PYTHON never reuses a venv built for another.
#
# Installs come from requirements/lock.txt (exact versions with hashes, for every supported Python;
# `make lock` regenerates it, never edit or merge it by hand): the build tools first, then
# durable-rules (an sdist, built with those tools), then everything else, then perfdx itself
# (editable, --no-deps). `make test-latest` tests against the newest releases instead, on purpose.
SHELL := /bin/bash
PYTHON ?=
PY_EXE := $(shell requirements/find-python $(PYTHON))
PY_VERSION := $(if $(PY_EXE),$(shell $(PY_EXE) -c 'import sys; print("%d.%d" % sys.version_info[:2])'))
VENV ?= .venv-$(PY_VERSION)
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PERFDX := $(VENV)/bin/perfdx
DEMO_CASE ?= examples/cases/sales_rep_new_crm.yaml
# pytest-xdist: one worker per core; PYTEST_ARGS= runs the suite in one process.
PYTEST_ARGS ?= -n auto
LOCK := requirements/lock.txt
LOCKS := $(LOCK) requirements/build.txt requirements/durable-rules.txt
UV_VERSION := 0.13.9

# durable-rules 2.0.28 calls PyEval_CallObject, which left the C API in Python 3.13; it was an
# alias of PyObject_CallObject. Its setup.py overwrites CFLAGS, so the define goes in CPPFLAGS.
# A wheel built without it imports and then fails, and pip's wheel cache would hand such a build
# back, so on 3.13+ every pip run here uses a cache of its own inside the venv.
ifneq ($(PY_VERSION),)
ifeq ($(shell $(PY_EXE) -c 'import sys; print(sys.version_info >= (3, 13))'),True)
export CPPFLAGS := -DPyEval_CallObject(c,a)=PyObject_CallObject(c,a)
NEW_CAPI := 1
endif
endif
pip_cache = $(if $(NEW_CAPI),PIP_CACHE_DIR=$(abspath $(1))/pip-cache)

.PHONY: demo test test-latest lint bench eval fuzz venv lock clean python FORCE

python:
	@if [ -z "$(PY_EXE)" ]; then \
	    echo "perfdx needs Python 3.10, 3.11, 3.12 or 3.13$(if $(PYTHON), ($(PYTHON) is not one of them or does not run))"; \
	    exit 1; fi

# Which interpreter the venv was made from: another one (of the same version) rebuilds it.
$(VENV)/.python: FORCE | python
	@mkdir -p $(VENV) && [ "$$(cat $@ 2>/dev/null)" = "$(PY_EXE)" ] || echo "$(PY_EXE)" > $@

# Two makes at once in one clone (say `make test` and `make lint`) build the venv one after the
# other: the second waits on $(VENV).lock (flock, where the system has it) and then finds the venv
# up to date, instead of clearing it under the first one's feet.
# The import of durable.engine at the end makes a bad durable-rules build fail here, not in every test.
$(VENV)/.installed: pyproject.toml $(LOCKS) $(VENV)/.python
	@set -e; exec 9>"$(VENV).lock"; if command -v flock >/dev/null 2>&1; then flock 9; fi; \
	if [ -f $@ ] && [ -z "$$(find pyproject.toml $(LOCKS) $(VENV)/.python -newer $@)" ]; then \
	    echo "$(VENV) is up to date (built by another make meanwhile)"; exit 0; fi; \
	set -x; \
	$(PY_EXE) -m venv --clear $(VENV); \
	echo "$(PY_EXE)" > $(VENV)/.python; \
	$(call pip_cache,$(VENV)) $(PIP) install --quiet --require-hashes -r requirements/build.txt; \
	$(call pip_cache,$(VENV)) $(PIP) install --quiet --require-hashes --no-deps \
	    --no-build-isolation -r requirements/durable-rules.txt; \
	$(call pip_cache,$(VENV)) $(PIP) install --quiet --require-hashes --no-build-isolation \
	    --only-binary :all: -r $(LOCK); \
	$(PIP) install --quiet --no-deps --no-build-isolation -e .; \
	$(PY) -c 'import durable.engine'; \
	touch $@

venv: $(VENV)/.installed

# The demo records into a throw-away log, key and witness file, never the user's own.
demo: venv
	@demo=$$(mktemp -d); PERFDX_DB=$$demo/decisions.db PERFDX_AUDIT_KEY=$$demo/audit.key \
		$(PERFDX) diagnose $(DEMO_CASE); status=$$?; rm -rf "$$demo"; exit $$status

test: venv
	$(call pip_cache,$(VENV)) $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check engine cli tests bench eval
	$(VENV)/bin/mypy engine
	$(VENV)/bin/lint-imports

bench: venv
	$(PY) bench/ratios.py
	$(PY) bench/run.py
	$(PY) bench/batch.py
	$(PY) bench/audit_checkpoint.py
	$(PY) bench/ratings.py

# the literature evaluation set (issue 11): top-1, secondary recall, no cause and contraindicated
# recommendations, overall and per pattern (eval/README.md)
eval: venv
	$(PY) eval/run.py --details

# Regenerate the lock from pyproject.toml (runtime deps, the test and dev extras) and
# requirements/build.in (build tools), with the newest releases those ranges allow. uv pip compile
# writes one file with environment markers and hashes valid on every Python from 3.10 to 3.13
# (--universal), which pip-compile cannot: it resolves for the Python it runs on. uv is only used
# here, from a throwaway venv; installing the lock needs nothing but pip.
lock: python
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PY_EXE) -m venv "$$tmp" && "$$tmp/bin/pip" install --quiet uv==$(UV_VERSION) && \
	uv=("$$tmp/bin/uv" pip compile --quiet --universal --generate-hashes --upgrade \
	    --python-version 3.10 --custom-compile-command "make lock") && \
	"$${uv[@]}" pyproject.toml requirements/build.in --extra test --extra dev -o $(LOCK) && \
	"$${uv[@]}" requirements/build.in -c $(LOCK) -o requirements/build.txt && \
	"$${uv[@]}" requirements/durable-rules.in -c $(LOCK) -o requirements/durable-rules.txt

# The suite against the newest releases pyproject.toml allows (no lock), in a venv of its own:
# drift like a new PyYAML is seen here on purpose, not by accident on a fresh machine.
LATEST := .venv-latest-$(PY_VERSION)
test-latest: python
	$(PY_EXE) -m venv --clear $(LATEST)
	$(call pip_cache,$(LATEST)) $(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(call pip_cache,$(LATEST)) $(LATEST)/bin/python -m pip install --quiet --upgrade \
	    --upgrade-strategy eager -e ".[test,dev]"
	$(LATEST)/bin/python -m pip list --format freeze | grep -i -E '^(durable|pyyaml|pydantic|click|platformdirs)'
	$(call pip_cache,$(LATEST)) $(LATEST)/bin/python -m pytest $(PYTEST_ARGS)

# The long fuzz run (issue 10): counts per outcome and generator; failing inputs go to fuzz-failures/.
FUZZ_CASES ?= 10000
FUZZ_KBS ?= 1000
fuzz: venv
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_KBS=$(FUZZ_KBS) $(PY) -m tests.fuzz

clean:
	rm -rf .venv-*/ .venv-*.lock .venv build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache fuzz-failures
