# Netwerkplatform: `make run` starts it with demo data, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH ?=

.PHONY: run dev test test-stack tools install migrate demo messages compilemessages lint bench worker beat clean

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

# `make run` behaves like the product: DEBUG off (the site's own Dutch 403/404/500 pages),
# static files through WhiteNoise, links in e-mails and exports to this very server, and
# the periodic jobs of CELERY_BEAT_SCHEDULE run by an embedded Celery beat (tasks run
# eagerly in it, so no broker or worker is needed). Plain http on the local machine.
SITE_URL ?= http://$(HOST):$(PORT)
RUN_ENV := DEBUG=false SECRET_KEY=make-run-local-demo-only SITE_URL=$(SITE_URL) \
	ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost SESSION_COOKIE_SECURE=false \
	CSRF_COOKIE_SECURE=false SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 BEHIND_PROXY=false

## Start the platform on the embedded defaults (SQLite, eager Celery, console e-mail).
run: compilemessages demo
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v 0
	@mkdir -p .cache
	@echo "Netwerkplatform: http://$(HOST):$(PORT)/  (links in e-mails: $(SITE_URL))"
	@$(RUN_ENV) $(VENV)/bin/celery -A netwerkplatform beat --loglevel=WARNING \
		--schedule .cache/celerybeat-schedule & beat=$$!; \
	trap 'kill $$beat 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## Development server with DEBUG on (Django's debug pages, code reloading); no periodic jobs.
dev: compilemessages demo
	@echo "Netwerkplatform (development): http://$(HOST):$(PORT)/"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole suite; on real PostgreSQL and Redis when their servers are installed.
test: compilemessages
	$(PY) scripts/with_services.py -- $(PY) -m pytest $(PYTEST_ARGS)

## Only the production-shape tests (tests/stack: gunicorn, worker, beat, SMTP sink, faults).
test-stack: compilemessages
	$(PY) scripts/with_services.py -- $(PY) -m pytest -m stack $(PYTEST_ARGS)

## The Nu Html Checker for the page-quality browser test (needs npm and Java).
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
tools: $(VNU_JAR)
$(VNU_JAR):
	mkdir -p .cache/vnu
	npm install --prefix .cache/vnu --no-save --no-audit --no-fund vnu-jar@$(VNU_VERSION)
	test -f $(VNU_JAR)

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
