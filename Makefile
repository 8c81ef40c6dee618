# The single entry point for people and CI. `make site` builds the site, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site generate check serve test lint typecheck clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/python -m generator build

check: $(STAMP)
	$(BIN)/python -m generator check

site: generate
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Live preview; generator/serve_hook.py regenerates pages when literature/ changes.
serve: generate
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --config-file mkdocs.serve.yml

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

clean:
	rm -rf site docs/tema docs/kilder docs/referanser docs/_generert
