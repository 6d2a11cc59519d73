# Rahnuma: the two commands are `make demo` and `make test` (see README.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/*/pyproject.toml)
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres install assets migrate lint messages clean

# The virtual environment with the project, its test tools and every first-party plugin (editable).
$(STAMP): pyproject.toml $(PLUGINS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]" $(foreach plugin,$(dir $(PLUGINS)),-e ./$(plugin))
	touch $@

install: $(STAMP) assets

# Front-end assets from npm (the Nastaliq font), pinned by package-lock.json and served by the site.
assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

migrate: install
	$(BIN)/python manage.py migrate --noinput

## demo: install everything, set up the demo site with its plugins, and serve it on http://localhost:8000/
demo: migrate
	$(BIN)/python manage.py demo_setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install everything and run the whole test suite: on SQLite, then the PostgreSQL tests (test-postgres)
test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test
	sh scripts/ensure_chromium.sh
	$(BIN)/pytest -m "not postgres"
	$(MAKE) --no-print-directory test-postgres

## test-postgres: run the tests marked postgres on a throwaway PostgreSQL server (scripts/with_postgres.py)
test-postgres: install
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest -m postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## messages: recompile the interface translations (locale/*/LC_MESSAGES/django.po -> .mo)
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules

.PHONY: bench
BENCH_ARGS ?=

## bench: time installing and upgrading a generated 200-lesson pack in a temporary database (BENCH_ARGS="--profile")
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)
