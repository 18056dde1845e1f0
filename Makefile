# 北疆巾帼 — `make run` sets up and serves the demo on SQLite; `make test` installs and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# setuptools warns on every editable install that a folder named like the package may shadow it: expected here.
QUIET_EDITABLE := PYTHONWARNINGS="ignore:Editable installation"

.PHONY: setup run serve test test-fast lint check browser-deps vendor clean lock audit-deps bench

$(BIN)/jinguo: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(QUIET_EDITABLE) $(BIN)/pip install -q -c requirements.lock -e ".[test]"
	@touch $@

.env:
	$(BIN)/python -m jinguo.keys > .env
	@echo "wrote .env with new keys"

setup: $(BIN)/jinguo .env

# Set up, migrate, load the demo (idempotent), then serve with gunicorn and the task worker.
run: setup
	$(BIN)/jinguo migrate --noinput -v0
	$(BIN)/jinguo createcachetable
	$(BIN)/jinguo demo
	$(BIN)/jinguo collectstatic --noinput -v0
	HOST=$(HOST) PORT=$(PORT) ./scripts/serve.sh

serve: setup
	HOST=$(HOST) PORT=$(PORT) ./scripts/serve.sh

lint: $(BIN)/jinguo
	$(BIN)/ruff check .

check: setup
	$(BIN)/jinguo makemigrations --check --dry-run -v0

# Everything: ruff, the migrations check, then every test (browser, fuzz and full-demo tests included).
test: setup lint check
	$(BIN)/pytest

# The tests without the `slow` ones (browser, Schemathesis fuzz, full demo, long property tests), a worker a
# core (pytest-xdist), each on a test database kept in var/ between runs (--reuse-db: a run applies only the
# migrations added since; `make test` builds its database anew).
test-fast: setup
	JINGUO_SQLITE_TEST_PATH=var/test-fast.sqlite3 $(BIN)/pytest -m "not slow" -n auto --reuse-db

# Generate small/medium/full data on SQLite and PostgreSQL, time the scenarios, write docs/benchmarks.md.
# SIZES="small" DATABASES="sqlite" make bench for a quick run.
bench: setup
	./scripts/bench.sh

# Debian's Chromium and a CJK font for the browser tests (root; .ci/run calls this).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

# Pin every installed version (dependencies and test tools) after changing pyproject.toml.
lock: $(BIN)/jinguo
	$(QUIET_EDITABLE) $(BIN)/pip install -q -e ".[test]"
	$(BIN)/pip freeze --exclude-editable | grep -v "^-e" > requirements.lock

# Known vulnerabilities in the locked dependencies (pip-audit; needs its vulnerability service).
audit-deps: $(BIN)/jinguo
	./scripts/audit_deps.sh

vendor:
	$(PYTHON) scripts/vendor_static.py
	$(PYTHON) scripts/vendor_divisions.py

clean:
	rm -rf $(VENV) staticfiles var/test*.sqlite3*
