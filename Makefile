# The two commands of the README:
#   make run    set up, then ingest samples/ into the embedded SQLite store through the Prefect flow
#   make test   set up (with the test components: PostgreSQL, Chromium, poppler), then run every test
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test setup setup-test samples bench clean

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
