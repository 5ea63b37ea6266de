# fundwatch: `make run` runs the whole system, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast chaos eval train-confidence eval-consolidate bench lint clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install fundwatch with its test tools

run: $(STAMP) ## run everything in the foreground: embedded PostgreSQL+Redis, API on :8000 (Ctrl-C stops all)
	$(BIN)/fundwatch run

lint: $(STAMP) ## ruff, and the import contracts (services meet only through shared/; pure modules stay pure)
	$(BIN)/ruff check services shared tests bench
	$(BIN)/lint-imports --no-cache

test: $(STAMP) lint ## make lint, then the whole test suite against real PostgreSQL, Redis and Celery workers
	$(BIN)/pytest

test-fast: $(STAMP) ## the tests that start no worker
	$(BIN)/pytest -m "not slow"

chaos: $(STAMP) ## the fault suite (tests/chaos: slow pages, killed workers, fetchers, PostgreSQL and Redis under a real `fundwatch run`; part of make test too)
	$(BIN)/pytest tests/chaos

eval: $(STAMP) ## score the general reader and rules-0.2 on seeds, dev, dev2, dev3 (../shared/corpus), with the confidence table
	@$(BIN)/python -m services.extractor.evaluate --corpus $(CORPUS)

train-confidence: $(STAMP) ## fit the confidence model on the corpus (cross-validated figures printed) into data/confidence.json
	@$(BIN)/python -m services.extractor.evaluate --corpus $(CORPUS) --train

eval-consolidate: $(STAMP) ## the corpus through fetcher, workers and PostgreSQL, scored by score.py consolidate
	@$(BIN)/python -m pytest -q -s tests/test_consolidation_corpus.py 2>&1 | grep -E "exact=|passed|failed"

bench: $(STAMP) ## benchmarks: figures and ratios against baselines run in the same process
	$(BIN)/python -m bench

clean: ## remove the virtual environment and local data
	rm -rf $(VENV) var
