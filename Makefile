# The two commands of the README:
#   make run    set up, then ingest samples/ into the embedded SQLite store through the Prefect flow
#   make test   set up (with the test components: PostgreSQL, Chromium, poppler), then run every test
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test setup setup-test samples bench clean lock

run: setup
	$(VENV)/bin/vedtak ingest samples/pdf

test: setup-test
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

samples: setup-test
	$(PY) -m samples.generator

bench: setup-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var build *.egg-info

# Refresh requirements/lock.txt, the tested set setup.sh installs: the newest versions that
# pyproject.toml allows, resolved from PyPI alone (uv reads no pip configuration, so no local index
# or local version gets in). Accept the new lock only when `make test` passes with it (docs/deploy.md).
lock: setup
	$(VENV)/bin/uv pip compile --quiet --no-config --universal --python-version 3.11 --upgrade --extra dev \
	  --custom-compile-command "make lock" pyproject.toml -o requirements/lock.txt
