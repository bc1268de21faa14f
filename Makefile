# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto
# Settings default to production behaviour (DEBUG off); the local commands ask for development mode
# unless the environment says otherwise.
DEV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

.PHONY: run test lint format migrate seed serve bench clean messages compilemessages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# The interface in French, Spanish and Japanese: the .mo files Django reads, built from the committed
# locale/*/LC_MESSAGES/django.po with gettext's msgfmt (not committed; rebuilt when a .po changes).
compilemessages: $(VENV)/.runtime
	$(DEV) $(BIN)/python manage.py messages --compile

# After marking strings in a template or the code: add them to every catalogue, then translate them.
messages: $(VENV)/.runtime
	$(DEV) $(BIN)/python manage.py messages

migrate: $(VENV)/.runtime
	$(DEV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV) $(BIN)/python manage.py load_seed

# The site and, beside it, the worker that runs background jobs (long imports); stopping one stops both.
run: seed compilemessages
	$(DEV) $(BIN)/python manage.py ensure_superuser
	$(DEV) scripts/with-worker.sh $(BIN)/python $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-mode serving: gunicorn with compressed, fingerprinted static files from whitenoise.
# Needs DJANGO_SECRET_KEY; DJANGO_HTTPS=0 when serving plain HTTP on loopback without a TLS proxy.
# A background-job worker runs beside gunicorn; every server of several runs its own (docs/operations.md).
serve: migrate compilemessages
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS) for make serve."; exit 2; }
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 scripts/with-worker.sh $(BIN)/python $(BIN)/gunicorn --config gunicorn.conf.py ilopartners.wsgi:application

# The benchmark of docs/performance.md: wrk against gunicorn on loopback over a 100,000-project
# database built once under .bench/. BENCH_PROJECTS=2000 BENCH_EVENTS=400 BENCH_DONORS=50 is quick.
bench: $(VENV)/.runtime compilemessages
	scripts/bench.sh

test: $(VENV)/.dev compilemessages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles
