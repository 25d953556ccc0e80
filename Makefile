# Set-up is part of every target: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FUZZ_SECONDS ?= 60
SOAK_FORMS ?= 20000
SOAK_WORKERS ?= 2
SOAK_ARGS ?=
SAMPLE := data/samples/bach-thong-6-thang-2023-sai-lech.xlsx

.PHONY: install demo test lint bench samples fuzz soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	@$(BIN)/mtqg reconcile $(SAMPLE); code=$$?; \
	echo "mtqg exit code $$code (1 = discrepancies found, as this sample is meant to show)"; \
	test $$code -le 1

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

fuzz: install  # each reader format, then the reports, FUZZ_SECONDS each
	for format in xlsx xls ods csv; do \
		$(BIN)/python tests/fuzz_reader.py --format $$format --seconds $(FUZZ_SECONDS) || exit 1; \
	done
	$(BIN)/python tests/fuzz_reports.py --seconds $(FUZZ_SECONDS)

# Generated forms over the whole space of shapes (tests/forms/): recall and false errors per
# dimension of shape. SOAK_ARGS="--keep tests/regressions/forms" keeps each failing form.
soak: install
	$(BIN)/python tests/forms/soak.py --forms $(SOAK_FORMS) --workers $(SOAK_WORKERS) $(SOAK_ARGS)

samples: install
	$(BIN)/python tests/build_workbooks.py
	cp data/samples/*.xlsx src/mtqg_cli/data/samples/  # shipped for `mtqg demo`

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
