# The two commands a newcomer needs: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test install browser-deps lint run messages compile-messages bench page-weight backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

## make demo: install, migrate the embedded SQLite database, load demo data, serve on :8000
demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "Open http://$(HOST):$(PORT)/ — accounts and password in README.md"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Debian's chromium for the browser tests (never a downloaded browser)
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
	  || echo "chromium could not be installed: browser tests will be skipped (they fail in CI)"; \
	fi

## make test: the whole suite (PostgreSQL when DATABASE_URL is set, else SQLite).
## PYTEST_ARGS="-n 2" runs it on two pytest-xdist workers, each with its own test database and
## Redis database number; .ci/run does so for its full pass.
test: install browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

run: install
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Refresh the catalogues after changing user-facing strings: Chinese (zh_Hans) and Mongolian in
## the traditional script (mn_Mong), for every app and the project. Each app's catalogue is made
## from its own folder (code and templates), the project's from templates/ in a scratch folder so
## that the run does not also collect the apps. makemessages keeps every translation already
## made. Then fill in the new msgstr (Chinese always; Mongolian for what villagers, volunteers
## and the public read) and run `make compile-messages`. locale_vendor/ (Django's and DRF's own
## messages in Mongolian) is kept by hand and never refreshed here.
LANGS := zh_Hans mn_Mong
APPS  := practice campaigns institutions mediation honours volunteers points_market banquets outreach reports dispatch supervision
messages: install
	for app in $(APPS); do (cd $$app && ../$(BIN)/django-admin makemessages $(foreach l,$(LANGS),-l $(l)) --no-obsolete); done
	rm -rf .messages && mkdir -p .messages/root
	cp -r locale .messages/root/ && ln -s $(CURDIR)/templates .messages/root/templates
	cd .messages/root && ../../$(BIN)/django-admin makemessages $(foreach l,$(LANGS),-l $(l)) --symlinks --no-obsolete
	for l in $(LANGS); do mkdir -p locale/$$l/LC_MESSAGES && cp .messages/root/locale/$$l/LC_MESSAGES/django.po locale/$$l/LC_MESSAGES/; done
	rm -rf .messages
	$(BIN)/python scripts/po_conflicts.py || true

## Compile every catalogue (.po → .mo, committed): the apps', the project's (locale/) and the
## hand-kept Mongolian translations of Django's and DRF's messages (locale_vendor/).
compile-messages: install
	$(BIN)/django-admin compilemessages --ignore '.venv/*' --ignore '.messages/*'
	msgfmt --check -o locale_vendor/mn_Mong/LC_MESSAGES/django.mo locale_vendor/mn_Mong/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts

## make bench: gunicorn + wrk on PostgreSQL at scale 1 and 10; writes bench/results/latest.md
bench: install
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make page-weight: bytes of a first load and time to usable on a 3G-like link, per villager's
## and cashier's page (production-like server on the demo data); writes bench/results/page_weight.md
page-weight: install browser-deps
	$(BIN)/python -m bench.page_weight $(PAGE_WEIGHT_ARGS)

## make backup / make restore: PostgreSQL custom-format dump of DATABASE_URL (BACKUP=file)
BACKUP ?= backup-$(shell date +%Y%m%d-%H%M%S).dump
backup:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL must point at PostgreSQL"; exit 1; }
	pg_dump --format=custom --no-owner --file="$(BACKUP)" "$$DATABASE_URL"
	@echo "backup written to $(BACKUP)"

restore:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL must point at PostgreSQL"; exit 1; }
	@test -f "$(BACKUP)" || { echo "BACKUP=<file> must name an existing dump"; exit 1; }
	pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$$DATABASE_URL" "$(BACKUP)"
	@echo "restored $(BACKUP) into $$DATABASE_URL"
