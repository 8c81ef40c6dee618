# The single entry point for people and CI. `make site` builds the site, `make test` runs every check.
PYTHON ?= python3
# NEWEST=1 (the weekly drift check): the newest versions pyproject.toml's ranges allow today, in a venv of
# its own so that the locked .venv is never overwritten. Every target below runs with either.
VENV := $(if $(NEWEST),.venv-newest,.venv)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
CFF_LOCK := requirements/cffconvert.txt
NODE_STAMP := node_modules/.installed
# Material for MkDocs prints its end-of-life notice on every `mkdocs` run; README "Dependencies and their
# lifetime" quotes it and says what it means for this site, so builds and tests stay quiet.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site generate check new import berik utgave serve pdf test lint typecheck bench clean lock FORCE

ifdef NEWEST
$(STAMP): FORCE
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	touch $(STAMP)
else
# Exactly the lock (--clear drops what an older lock installed), then the project itself without resolving
# again: no dependencies, no index, and setuptools from the lock as the build backend. Wheels only: with a
# source archive allowed, a wheel whose hash no longer matches would be built from source instead, with a
# build backend pip fetches unchecked. pip check stops a lock that no longer fits pyproject.toml.
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .
	problems="$$($(BIN)/python -m pip check)" || { echo "$$problems" >&2; echo "$(LOCK) passer ikke med pyproject.toml: kjør make lock" >&2; exit 1; }
	touch $(STAMP)
endif

CFF_STAMP := .venv-cff/.installed
$(CFF_STAMP): $(CFF_LOCK)
	$(PYTHON) -m venv --clear .venv-cff
	.venv-cff/bin/python -m pip install --quiet --require-hashes --only-binary :all: --no-binary docopt -r $(CFF_LOCK)
	touch $(CFF_STAMP)

# The locks in requirements/ from pyproject.toml and requirements/*.in; versions already in a lock are kept
# unless UPGRADE=1 (all) or UPGRADE=<package> (that one, e.g. for a security fix). uv rather than pip-tools:
# it reads no pip.conf, and with --no-config no uv.toml either (the lock is the same on every machine), and
# it resolves for every platform at once (--universal), so a researcher's Mac or Windows laptop can use it too.
UV := .venv-lock/bin/uv
UV_COMPILE = $(UV) pip compile --quiet --no-config --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' $(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE)))
$(UV): requirements/uv.txt
	$(PYTHON) -m venv --clear .venv-lock
	.venv-lock/bin/python -m pip install --quiet --require-hashes -r requirements/uv.txt
	touch $(UV)

# $(call compile,INPUTS,LOCK): LOCK is written beside itself (uv keeps the versions the copy pins) and replaced
# only when it changed, so an unchanged lock keeps its time and make does not rebuild the venv made from it.
define compile
if [ -f $(2) ]; then cp $(2) $(2).new; fi
$(UV_COMPILE) $(1) -o $(2).new
if cmp -s $(2).new $(2); then rm $(2).new; else mv $(2).new $(2); fi
endef

lock: $(UV)
	$(call compile,pyproject.toml requirements/lock.in --extra test,$(LOCK))
	$(call compile,requirements/cffconvert.in,$(CFF_LOCK))
	$(call compile,requirements/uv.in,requirements/uv.txt)

# axe-core for the accessibility tests in the browser (tests/browser).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

generate: $(STAMP)
	$(BIN)/python -m generator build

# `make check STRICT=1` lets warnings fail too (CI does that: the shipped evidence base has none).
check: $(STAMP)
	$(BIN)/python -m generator check $(if $(STRICT),--strict)

# A source file to fill in for a BibTeX entry: make new KEY=ansell2008collaborative
new: $(STAMP)
	@test -n "$(KEY)" || { echo "Skriv nøkkelen: make new KEY=ansell2008collaborative" >&2; exit 2; }
	$(BIN)/python -m generator new "$(KEY)"

# New sources from a Zotero, JabRef, EndNote or Mendeley export: make import FILE=eksport.bib
# or one work from Crossref: make import DOI=10.1080/14719037.2014.930505
import: $(STAMP)
	@test -n "$(FILE)$(DOI)" || { echo "Skriv filen eller DOI-en: make import FILE=eksport.bib eller make import DOI=10.1234/abc" >&2; exit 2; }
	$(BIN)/python -m generator import $(if $(DOI),--doi "$(DOI)","$(FILE)")

# Entries with a DOI compared with Crossref: missing volume, number, pages; SKRIV=1 writes them in
berik: $(STAMP)
	$(BIN)/python -m generator import --berik $(if $(SKRIV),--skriv)

# An edition: what readers see now, kept in literature/utgaver/<V>.json, and versjon in summary.yaml: make utgave V=1.1
utgave: $(STAMP)
	@test -n "$(V)" || { echo "Skriv versjonsnummeret: make utgave V=1.1" >&2; exit 2; }
	$(BIN)/python -m generator utgave "$(V)"

# The built site is checked against an allow-list (no script, handler or address but the allowed ones).
site: generate
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m generator check-site --site site

# Live preview; generator/mkdocs/serve_hook.py regenerates pages when literature/ changes, and
# --dirty makes MkDocs rebuild only the pages the generator rewrote (1,000 sources: 26 s -> 5 s).
serve: generate
	$(BIN)/mkdocs serve --dirty --config-file mkdocs.serve.yml

# The whole summary as a PDF in site/nedlastinger/ (needs Chromium: apt-get install chromium).
# It links the PDF from home and Nedlastinger with its size; the site is checked again after.
pdf: site
	$(BIN)/python -m generator pdf --site site
	$(BIN)/python -m generator check-site --site site

# lint-imports: each stage imports only the stages below it (pyproject.toml, [tool.importlinter]).
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy

# Every test, the browser tests too: they need Chromium (skipped without it, except under CI=true).
test: lint typecheck $(NODE_STAMP) $(CFF_STAMP)
	$(BIN)/python -m pytest

# Speed and memory at 100, 1,000, 5,000 and 10,000 sources, mkdocs build split by phase; writes bench/results.json (about 6 minutes).
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site docs/tema docs/kilder docs/referanser docs/begreper docs/kunnskapskart docs/nedlastinger docs/nytt docs/utskrift docs/_generert
