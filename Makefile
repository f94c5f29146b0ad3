# The README's commands. Everything runs from a local .venv that `make` creates.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha1(open('pyproject.toml','rb').read()).hexdigest()[:10])")

.PHONY: run test bench lint install installer screenshot clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Open the app. The first time, a first-run screen asks the group's name and offers to
## start empty, import a members file, or explore the demo (kept in a separate file).
run: $(STAMP)
	$(PY) -m communitydesk

## The whole test suite (unit, cli, gui offscreen, pdf, PostgreSQL).
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Benchmarks on generated scale data; prints ratios against same-run baselines.
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check communitydesk tests bench installer

## The Linux bundle (PyInstaller one-folder) and its .tar.gz with install.sh, in dist/.
installer: $(STAMP)
	$(PY) -m pip install --quiet -e '.[installer]'
	$(PY) installer/build_linux.py

## Regenerate docs/screenshot.png from the app on demo data.
screenshot: $(STAMP)
	$(PY) -m communitydesk.gui.screenshots docs

## The app's words in other languages (communitydesk/locale): find the marked text, add new
## messages to each language's .po (translators edit those), write the pseudo-locale, compile
## the .mo files the app reads (committed, so a checkout runs without this step).
## A new language: run this, then `pybabel init -i build/communitydesk.pot -d $(LOCALE) -D communitydesk -l CODE`.
LOCALE := communitydesk/locale
# Only Babel is needed: a venv that has it already is used as it is (no reinstall).
translations: $(if $(wildcard $(VENV)/bin/pybabel),,$(STAMP))
	mkdir -p build
	$(VENV)/bin/pybabel --quiet extract -F $(LOCALE)/babel.cfg -k N_ -k ngettext:1,2 \
		--add-location=file --sort-output --width=100 --project=CommunityDesk \
		-o build/communitydesk.pot .
	$(VENV)/bin/pybabel --quiet update -i build/communitydesk.pot -d $(LOCALE) -D communitydesk \
		--ignore-pot-creation-date --width=100 --ignore-obsolete
	$(PY) -m communitydesk.locale.pseudo_catalogue build/communitydesk.pot
	$(VENV)/bin/pybabel compile --statistics -d $(LOCALE) -D communitydesk

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
