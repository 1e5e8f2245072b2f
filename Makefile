# The front door. `make run` serves Curbside; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
HOST ?= 127.0.0.1
export CURBSIDE_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run serve demo test lint typecheck pytest pytest-sqlite pytest-postgres fmt bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/curbside serve --host $(HOST) --port $(PORT)

demo: install
	$(BIN)/curbside demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src tests bench
	$(BIN)/python manage.py check
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest-sqlite: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

pytest-postgres: install
	bin/with-postgres $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test: lint pytest-sqlite pytest-postgres

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.intros
	$(BIN)/python -m bench.intros_personal
	$(BIN)/python -m bench.listing_imports
	$(BIN)/python -m bench.listings

.PHONY: bench-intros
bench-intros: install
	$(BIN)/python -m bench.intros

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
