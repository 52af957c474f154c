# The two commands of the README, `make run` and `make test`, and the production processes with `make run-prod`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: run run-prod test fuzz bench lint venv

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

## Serve the site at http://127.0.0.1:8000 with a Celery worker and beat; Ctrl-C stops all.
run: export DJANGO_DEBUG ?= 1
run: venv
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/honcho start -f Procfile.dev

## The production processes of the Procfile (gunicorn, a worker, beat, after the release step) against the
## PostgreSQL and Redis of DATABASE_URL and REDIS_URL, at http://127.0.0.1:8000, with production settings
## relaxed only for plain HTTP on this machine (and a throw-away secret key unless DJANGO_SECRET_KEY is set).
run-prod: export DJANGO_DEBUG ?= 0
run-prod: export DJANGO_SECRET_KEY := $(or $(DJANGO_SECRET_KEY),$(shell $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))"))
run-prod: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
run-prod: export DJANGO_SECURE_SSL_REDIRECT ?= 0
run-prod: export DJANGO_SECURE_COOKIES ?= 0
run-prod: export DJANGO_HSTS_SECONDS ?= 0
run-prod: export PATH := $(CURDIR)/$(BIN):$(PATH)
run-prod: venv
	@test -n "$$DATABASE_URL" && test -n "$$REDIS_URL" || \
	  { echo "make run-prod needs DATABASE_URL (PostgreSQL) and REDIS_URL, e.g." \
	    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring REDIS_URL=redis://127.0.0.1:6379/0"; exit 2; }
	$(BIN)/honcho start -f Procfile release
	$(BIN)/honcho start -f Procfile web worker beat

## The whole test suite (uses DATABASE_URL / REDIS_URL when they are set).
test: export DJANGO_DEBUG ?= 1
test: export CELERY_QUEUE ?= mentoring-test
test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Only the fuzz test of every form (tests/fuzz/), with 500 generated posts per form instead of make test's 50.
fuzz: export DJANGO_DEBUG ?= 1
fuzz: export CELERY_QUEUE ?= mentoring-test
fuzz: export HYPOTHESIS_PROFILE := fuzz
fuzz: venv
	$(BIN)/python -m pytest tests/fuzz $(PYTEST_ARGS)

## Every benchmark under tests/bench/, each printing `name: value` lines.
bench: export DJANGO_DEBUG ?= 1
bench: venv
	@for f in tests/bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
