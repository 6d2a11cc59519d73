# Rahnuma: the two commands are `make demo` and `make test` (see README.md).

# Debian's Python 3.11 where the machine has it with venv: Debian builds it with profile-guided and
# link-time optimisation, and the benchmark pack install ran about 12% faster on it (1 to 18% in ten
# alternating runs) than on a Python built from source without them (pyenv's default). Any other
# Python 3.11 works too: make PYTHON=python3.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/*/pyproject.toml)
STAMP := $(VENV)/.installed
# Read aloud (cms.readaloud) speaks with espeak-ng and compresses with lame, both from Debian; the demo
# runs without them (pages then have no listen button), the tests need them.
READ_ALOUD_TOOLS := espeak-ng espeak-ng lame lame

.PHONY: demo test test-postgres test-services test-elasticsearch elasticsearch serve install assets migrate lint messages clean

# The virtual environment with the project, its test tools and every first-party plugin (editable).
$(STAMP): pyproject.toml $(PLUGINS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]" $(foreach plugin,$(dir $(PLUGINS)),-e ./$(plugin))
	touch $@

install: $(STAMP) assets fonts

# Front-end assets from npm (the Nastaliq font), pinned by package-lock.json and served by the site.
assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The Nastaliq font cut down to Urdu and Punjabi (themes/fonts.py); built again only when its inputs change.
.PHONY: fonts
fonts: $(STAMP) assets
	$(BIN)/python -m themes.fonts

migrate: install
	$(BIN)/python manage.py migrate --noinput

## demo: install everything, set up the demo site with its plugins, and serve it on http://localhost:8000/
demo: migrate
	-sh scripts/ensure_debian_tools.sh $(READ_ALOUD_TOOLS)
	$(BIN)/python manage.py demo_setup
	@# The installs publish too many pages to speak them while publishing: the speech is made beside the server.
	mkdir -p var && ($(BIN)/python manage.py read_aloud >var/read-aloud.log 2>&1 &)
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install everything and run the whole test suite: on SQLite, then the PostgreSQL and Redis tests (test-services)
test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test
	sh scripts/ensure_debian_tools.sh chromium chromium wrk wrk $(READ_ALOUD_TOOLS)
	$(BIN)/pytest -m "not postgres and not redis and not elasticsearch"
	$(MAKE) --no-print-directory test-services
	$(MAKE) --no-print-directory test-elasticsearch

## test-services: the tests marked postgres or redis, in one run on a throwaway PostgreSQL and a throwaway Redis
test-services: install
	$(BIN)/python scripts/with_postgres.py $(BIN)/python scripts/with_redis.py $(BIN)/pytest -m "postgres or redis"

## test-elasticsearch: the tests marked elasticsearch (the search suite again, on Elasticsearch) on a throwaway node
test-elasticsearch: install
	sh scripts/ensure_debian_tools.sh java openjdk-17-jre-headless mvn maven
	$(BIN)/python scripts/elasticsearch.py run $(BIN)/pytest -m elasticsearch

## elasticsearch: start an Elasticsearch node for development (eval "$$(make -s elasticsearch)"); stop it with
## scripts/elasticsearch.py stop
elasticsearch:
	@sh scripts/ensure_debian_tools.sh java openjdk-17-jre-headless mvn maven
	@python3 scripts/elasticsearch.py start

## test-postgres: run the tests marked postgres on a throwaway PostgreSQL server (scripts/with_postgres.py)
test-postgres: install
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest -m postgres

## serve: the site with production settings under gunicorn (cms/gunicorn.conf.py), static files by WhiteNoise;
## needs SECRET_KEY; HTTPS=0 to try it on http://127.0.0.1:8000; GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_THREADS
serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY, e.g. export SECRET_KEY=\"\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"" >&2; exit 1; }
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/gunicorn --config cms/gunicorn.conf.py

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

## bench: every benchmark (bench/): pack install and upgrade; quiz submissions and anonymous page views against
## the demo site under gunicorn (wrk and nginx from Debian, installed here); search latency on the database and
## on a throwaway Elasticsearch node. One of them: make bench BENCH_ARGS="quiz"
bench: install
	sh scripts/ensure_debian_tools.sh wrk wrk nginx nginx-light java openjdk-17-jre-headless mvn maven
	$(BIN)/python -m bench $(BENCH_ARGS)
