# Pixvault: `make run` serves the app on SQLite at http://127.0.0.1:8000; `make test` runs every
# test. Both install what they need on a clean clone (Python 3.11+, Node.js 20+ and npm).

VENV    := .venv
BIN     := $(VENV)/bin
UV      := $(BIN)/uv
PYTHON  ?= python3
HOST    ?= 127.0.0.1
PORT    ?= 8000
STATIC  := backend/pixvault/static/index.html
NPM     := npm --prefix frontend --no-audit --no-fund

.PHONY: run test install graphiql frontend frontend-deps frontend-e2e faults fuzz lint typecheck pytest frontend-test schema migrate serve clean

run: install frontend migrate serve

serve:
	$(BIN)/pixvault serve --host $(HOST) --port $(PORT)

migrate: install
	$(BIN)/pixvault migrate

test: install frontend-deps lint typecheck pytest frontend-test frontend-e2e

# --- Python -----------------------------------------------------------------------------
# uv is installed into the project's own venv, so nothing outside the repository is touched.
$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	VIRTUAL_ENV=$(VENV) $(UV) sync --frozen --inexact --quiet
	touch $@

install: $(VENV)/.installed

lint: install
	$(BIN)/ruff check backend tests bench
	$(BIN)/ruff format --check backend tests bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# With coverage of backend/pixvault (settings in pyproject.toml), printed as a table and total.
# On PYTEST_WORKERS pytest-xdist workers (one per core of CI's 2), a test module at a time; what
# each worker owns (Redis database, ports) is in tests/parallel.py.
PYTEST_WORKERS ?= 2
pytest: install graphiql
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadscope --cov --cov-report=term

# Only the fault tests (tests/faults): private PostgreSQL, Redis, app and worker, broken on purpose.
faults: install
	$(BIN)/pytest -q -m faults tests/faults

# A longer fuzzing run of the graph than `make test` does.
fuzz: install
	PIXVAULT_FUZZ_EXAMPLES=$${PIXVAULT_FUZZ_EXAMPLES:-1000} $(BIN)/pytest -q tests/test_fuzz.py

schema: install
	$(BIN)/pixvault export-schema > schema.graphql

# --- Frontend ---------------------------------------------------------------------------
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci
	touch $@

frontend-deps: frontend/node_modules/.installed

frontend: frontend-deps
	$(NPM) run build

# GraphiQL's files, copied from their npm packages (served by /graphql/ide/, never a CDN).
GRAPHIQL := backend/pixvault/graphiql/graphiql@3.8.3/graphiql.min.js
$(GRAPHIQL):
	node frontend/scripts/graphiql-assets.mjs

graphiql: $(GRAPHIQL)

# Lint (Biome, import boundaries) and types (app, e2e, config) run with or without chromium.
frontend-test: frontend-deps
	$(NPM) run lint
	$(NPM) run typecheck
	$(NPM) run codegen:check
	$(NPM) run persisted-queries:check
	$(NPM) test

# End-to-end tests in Debian's chromium (never a downloaded browser); CI must have it.
frontend-e2e: install frontend-deps
	@if [ -x /usr/bin/chromium ]; then $(NPM) run test:e2e; \
	elif [ "$$CI" = "true" ]; then echo "chromium is required in CI" >&2; exit 1; \
	else echo "chromium not found: skipping the web app's end-to-end tests"; fi

clean:
	rm -rf $(VENV) frontend/node_modules backend/pixvault/static
