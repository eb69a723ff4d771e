# Boussole: the two set-up commands are `make demo` and `make test`.
# Both create .venv (CPU PyTorch first, from the machine's wheel or PyPI) and install the project.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint install clean

# Each step says what it does before it starts (pip stays quiet: the install took about 100 s
# with nothing on screen).
$(STAMP): pyproject.toml
	@echo "[1/5] Creating the virtual environment in $(VENV)/ (Python: $(PYTHON))"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "[2/5] Updating pip"
	@$(BIN)/pip install --quiet --upgrade pip
	@# torch first and pinned: otherwise pip resolves sentence-transformers to a CUDA build.
	@echo "[3/5] Installing PyTorch 2.13.0 for the CPU (about 200 MB to download the first time)"
	@$(BIN)/pip install --quiet torch==2.13.0
	@echo "[4/5] Installing Boussole and its libraries (FastAPI, FAISS, ONNX Runtime, ...)"
	@$(BIN)/pip install --quiet -e '.[dev]'
	@echo "[5/5] Converting the e5-small model for ONNX Runtime, once, offline (1 to 3 minutes)"
	@$(BIN)/boussole encoder prepare
	@touch $(STAMP)
	@echo "Installed. Next time, make skips these steps until pyproject.toml changes."

install: $(STAMP)

demo: $(STAMP)  ## start Boussole on the demo catalog (builds its index the first time)
	@echo "Starting Boussole on the demo catalog (the first start embeds its 325 modules: 30 s to 3 min)"
	$(BIN)/boussole serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint  ## lint, type-check, and run the whole test suite (SQLite and PostgreSQL)
	BOUSSOLE_TEST_DATABASE_URL="$$(bash .ci/postgres)" $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
