# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install chat check bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m compileall -q bot  # bytecode up to date even where PYTHONDONTWRITEBYTECODE is set
	$(BIN)/keibot run

test: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/keibot kb check
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests

chat: $(STAMP)
	$(BIN)/keibot chat

check: $(STAMP)
	$(BIN)/keibot kb check

bench: $(STAMP)
	$(BIN)/keibot bench

eval: $(STAMP)
	$(BIN)/keibot eval

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
