# paperpass: `make run` serves the library, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SEMANTIC_STAMP := $(VENV)/.installed-semantic

.PHONY: run test lint bench install dev semantic clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

# The optional semantic judge (paperpass[semantic]): torch's CPU build first, by exact version, since an
# open range would fetch a multi-GB CUDA build. Not needed by `make run`; CI installs it (.ci/run).
$(SEMANTIC_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[semantic]'
	touch $@

install: $(STAMP)
dev: $(DEV_STAMP)
semantic: $(SEMANTIC_STAMP)

run: $(STAMP)
	$(BIN)/paperpass init
	$(BIN)/paperpass serve

# One worker per core (pytest-xdist; plain pytest runs serially). Bytecode is cached even where the
# environment turns it off: every worker, and every server and CLI run the tests start, imports paperpass,
# and without a cache each compiles it again (~4.6 s of CPU per worker's collection).
test: $(DEV_STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n auto

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(DEV_STAMP)
	@for script in bench/*.py; do \
		case $$script in bench/_*) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
