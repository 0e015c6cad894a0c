# Two commands matter: `make run` and `make test` (README). Everything else serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# pytest-xdist workers (one per core; `TEST_WORKERS=0` runs in one process). loadgroup
# keeps the shared demo's tests and each module's tests on one worker (tests/conftest.py).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

.PHONY: run test test-postgres bench check messages clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.run-deps requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

# prepare_site: migrate, search index, demo (once), release, admin, in one process;
# DEBUG off while it runs, or Django would log each of the demo's queries.
run: $(VENV)/.run-deps
	mkdir -p var
	DEBUG=0 PORTAL_DEMO_PASSWORDS=1 WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) \
		$(MANAGE) prepare_site
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.test-deps
	$(PYTEST)

# The same suite against PostgreSQL (what .ci/run does second).
test-postgres: $(VENV)/.test-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PYTEST)

# The developer's loop on a fresh clone (BENCH_SUITE=0 skips the whole-suite timing),
# pages, search against icontains with pg_trgm on PostgreSQL (BENCH_SEARCH_SIZES=2000 for a quick
# run), then open-data exports at 100k and 1M rows (BENCH_OPENDATA_ROWS=20000 for a quick
# run), the duties dashboard, cached pages behind nginx; figures in var/bench/*.json.
bench: $(VENV)/.test-deps
	$(BIN)/python tests/bench/loop.py
	$(BIN)/python tests/bench/run.py
	$(BIN)/python tests/bench/review.py
	$(BIN)/python tests/bench/plan_pages.py
	$(BIN)/python tests/bench/imports.py
	$(BIN)/python tests/bench/search.py
	$(BIN)/python tests/bench/opendata.py
	$(BIN)/python tests/bench/duties.py
	$(BIN)/python tests/bench/pages.py

check: $(VENV)/.test-deps
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Needs GNU gettext; the compiled .mo files are committed so nobody else does.
messages: $(VENV)/.test-deps
	$(MANAGE) makemessages --locale en --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --locale en --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/bench

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
