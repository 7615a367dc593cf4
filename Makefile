# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: mutation-sample run test lint install chat check bench eval clean mutation site screenshots watch

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

# The static site and dataset (index with the map and table, a page per state, states.json / states.csv).
SITE_DIR ?= data/site
site: $(STAMP)
	$(BIN)/keibot site $(SITE_DIR)

# Re-take the README screenshots (docs/site-*.png) with the headless-Chromium site test.
screenshots: $(STAMP)
	KEIBOT_SAVE_SCREENSHOTS=1 $(BIN)/pytest -q tests/site -m browser

# Check every source URL of the knowledge base (network; exit 1 when a curator is needed).
watch: $(STAMP)
	$(BIN)/keibot kb watch

# Mutation testing (mutmut; config in pyproject.toml [tool.mutmut]). Not part of `make test`: it takes hours
# for every module. It runs in a copy of the committed tree (MUTATION_DIR), so uncommitted edits neither
# break nor leak into it. Narrow it with MUTANTS, e.g. make mutation MUTANTS='bot.core.eligibility*'.
MUTATION_DIR ?= /tmp/keibot-mutation
MUTATION_JOBS ?= 2
MUTANTS ?=
mutation: $(STAMP)
	rm -rf $(MUTATION_DIR) && mkdir -p $(MUTATION_DIR)
	git archive HEAD bot tests knowledge eval scripts pyproject.toml README.md | tar -x -C $(MUTATION_DIR)
	cd $(MUTATION_DIR) && $(CURDIR)/$(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(MUTANTS) ; \
		$(CURDIR)/$(BIN)/mutmut results > mutation-survivors.txt ; \
		echo "surviving mutants: $$(grep -c ': survived' mutation-survivors.txt) (list in $(MUTATION_DIR)/mutation-survivors.txt; 'cd $(MUTATION_DIR) && mutmut show NAME')"

# A mutation score for every module at one commit in about an hour: a seeded random sample of each module's
# mutants (MUTATION_FRACTION of them, at least 10), every one checked; the table (with 95% intervals) and the
# survivors go to $(MUTATION_DIR)/mutation-sample.txt. See scripts/mutation_sample.py.
MUTATION_FRACTION ?= 0.05
MUTATION_SEED ?= 1
mutation-sample: $(STAMP)
	rm -rf $(MUTATION_DIR) && mkdir -p $(MUTATION_DIR)
	git archive HEAD bot tests knowledge eval scripts pyproject.toml README.md | tar -x -C $(MUTATION_DIR)
	cd $(MUTATION_DIR) && $(CURDIR)/$(BIN)/python scripts/mutation_sample.py --fraction $(MUTATION_FRACTION) \
		--seed $(MUTATION_SEED) --jobs $(MUTATION_JOBS) --mutmut $(CURDIR)/$(BIN)/mutmut

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
