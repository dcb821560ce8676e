# Lotse: `make run` starts the app, `make test` runs every check.
# Both set up what they need first (system packages, a venv in .venv).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DEMO_HOME ?= demo-office
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test setup system-deps lint typecheck imports pytest catalogues translations bench clean

setup: $(STAMP)

system-deps:
	@bash tools/install-system-deps.sh

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# `make run DEMO=1` opens a demo office with synthetic clients (passphrase in README).
run: setup
ifdef DEMO
	@test -e $(DEMO_HOME)/office.lotse || $(BIN)/lotse --home $(DEMO_HOME) demo --clients 200
	$(BIN)/lotse --home $(DEMO_HOME)
else
	$(BIN)/lotse
endif

test: setup lint typecheck imports pytest catalogues

lint:
	$(BIN)/ruff check app ui tests tools
	$(BIN)/ruff format --check app ui tests tools

typecheck:
	$(BIN)/mypy app

imports:
	$(BIN)/lint-imports

pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

catalogues:
	$(BIN)/python tools/check_catalogues.py

# Re-extract strings and merge them into the catalogues (then translate what is new).
translations: setup
	$(BIN)/pybabel extract -F translations/babel.cfg -k N_ -k ngettext:1,2 \
	  --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l en --no-fuzzy-matching

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist *.egg-info
