# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: run test bench lint venv

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
	$(BIN)/honcho start -f Procfile

## The whole test suite (uses DATABASE_URL / REDIS_URL when they are set).
test: export DJANGO_DEBUG ?= 1
test: export CELERY_QUEUE ?= mentoring-test
test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Every benchmark under tests/bench/, each printing `name: value` lines.
bench: export DJANGO_DEBUG ?= 1
bench: venv
	@for f in tests/bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
