# Netwerkplatform: `make run` starts it with demo data, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH ?=

.PHONY: run test test-stack install migrate demo messages compilemessages lint bench worker beat clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles -v 0

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

## Start the platform on the embedded defaults (SQLite, eager Celery, console e-mail).
run: compilemessages demo
	@echo "Netwerkplatform: http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole suite; on real PostgreSQL and Redis when their servers are installed.
test: compilemessages
	$(PY) scripts/with_services.py -- $(PY) -m pytest $(PYTEST_ARGS)

## Only the production-shape tests (tests/stack: gunicorn, worker, beat, SMTP sink, faults).
test-stack: compilemessages
	$(PY) scripts/with_services.py -- $(PY) -m pytest -m stack $(PYTEST_ARGS)

## Regenerate the Dutch translation file from the source (then translate the new entries).
messages: $(STAMP)
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --add-location=file

lint: $(STAMP)
	$(VENV)/bin/ruff check .

## Benchmarks on PostgreSQL (and Redis); `make bench BENCH=dates` runs one.
bench: compilemessages
	$(PY) scripts/with_services.py -- $(PY) -m tests.bench $(BENCH)

worker: $(STAMP)
	$(VENV)/bin/celery -A netwerkplatform worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A netwerkplatform beat --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 bench-results.json test-artifacts
