# Every target creates .venv when it is missing, so a clean clone needs only `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOC ?= data/raw/qingdao-west-coast-green-lowcarbon-3yr-action-plan-2023-2025.txt

.PHONY: run test test-full compat lint typecheck bench eval clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/policykit extract $(DOC)

# --dist worksteal: a worker that runs out takes half of the other's queue, so one slow module drawn last
# (pytest-randomly shuffles the order) no longer leaves the other worker idle.
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q -n auto --maxprocesses 4 --dist worksteal

# The corpus-wide matrices in full (make test runs a spread sample of each layout, OCR style, CMS family and
# LibreOffice format, of the documents segment_routes cuts both ways and test_diff diffs against themselves),
# the property tests' and shuffled texts' full example counts, the 20 concurrent registry and search
# rounds, stray bytes in every corpus document and a two-worker dask cluster (POLICYKIT_FULL_MATRIX,
# tests/conftest.py): minutes.
test-full: $(STAMP)
	POLICYKIT_FULL_MATRIX=1 $(BIN)/pytest -q -n auto --maxprocesses 4 --dist worksteal

# The oldest and newest Pythons pyproject.toml allows, where they run (override: make compat COMPAT_PYTHONS=…):
# the modules that lean on interpreter internals (pattern_cache) or version-dependent libraries.
COMPAT_PYTHONS ?= python3.10 python3.13
COMPAT_TESTS := tests/test_run_cache.py tests/test_numerals.py tests/test_ingest.py tests/test_cli.py \
	tests/test_structure.py tests/test_targets.py tests/test_search.py tests/test_pdf.py tests/test_formats.py
compat:
	@for py in $(COMPAT_PYTHONS); do \
		if ! $$py -c "" 2>/dev/null; then echo "compat: $$py does not run here, skipped"; continue; fi; \
		venv=.venv-$$(basename $$py); test -d $$venv || $$py -m venv $$venv || exit 1; \
		$$venv/bin/pip install -q -e '.[dev]' && $$venv/bin/pytest -q -n auto -p no:cacheprovider $(COMPAT_TESTS) || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# mypy alone (config in pyproject.toml [tool.mypy]); test and lint run it too.
typecheck: $(STAMP)
	$(BIN)/mypy

# The anchors (ripgrep, poppler's pdftotext) come from Debian's packages; install them yourself.
# BENCH="search startup" runs only those bench/bench_*.py modules (make's own arguments would be targets).
BENCH ?=
bench: $(STAMP)
	@missing=""; for tool in rg pdftotext; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
		echo "make bench: anchor tool(s) missing:$$missing (Debian: apt-get install ripgrep poppler-utils)" >&2; \
		exit 1; fi
	$(BIN)/python bench/run.py $(BENCH)

# Scores extract against the hand-annotated gold (tests/gold/targets, ../shared/eval); a report, never fails.
eval: $(STAMP)
	$(BIN)/python bench/eval.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
