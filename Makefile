# Lotse: `make run` starts the app, `make test` runs every check.
# Both set up what they need first (system packages, a venv in .venv).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DEMO_HOME ?= demo-office
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test setup system-deps lint typecheck imports pytest catalogues translations bench reliability clean bundle bundle-test

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
	$(BIN)/pybabel extract -k D_ --no-default-keywords --no-location --sort-output \
	  --project=Lotse -o translations/documents.pot app/documents
	for lang in en ar fa ru uk tr; do \
	  $(BIN)/pybabel update -D documents -i translations/documents.pot -d translations \
	    -l $$lang --no-fuzzy-matching; done

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/run.py

reliability: setup
	$(BIN)/python tests/benchmarks/reliability.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist *.egg-info

# -- bundle (packaging/): a folder dist/lotse/ that runs without Python -----------
BUNDLE_STAMP = $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bundle]'
	touch $@

# Builds dist/lotse/ (about a minute). PyInstaller needs binutils (objdump, strip).
bundle: $(BUNDLE_STAMP)
	@command -v objdump >/dev/null && command -v strip >/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	    $$s apt-get update -qq && $$s apt-get install -y -qq binutils; }
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/lotse.spec
	@du -sh dist/lotse

# Smoke test of the built bundle; builds it first if there is none
# (`make bundle bundle-test` rebuilds and tests).
bundle-test:
	@test -x dist/lotse/lotse || $(MAKE) bundle
	bash packaging/smoke_test.sh dist/lotse
