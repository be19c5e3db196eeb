# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: help run dev test install install-test messages lint audit screenshots outlines backup restore loadtest bench stack stack-down clean

# A stamp per dependency set: editing pyproject.toml reinstalls on the next run.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# axe-core, the Nu Html Checker and Lighthouse, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed messages ## create .venv and install the site's dependencies; compile the translations

install-test: $(VENV)/.installed-test node_modules/.installed messages ## install the test dependencies too (Python and npm)

# Compiled catalogues are build products, made from locale/*/LC_MESSAGES/django.po.
messages: $(VENV)/.installed ## compile the Norwegian translations (locale/*/LC_MESSAGES/django.po)
	$(MANAGE) compilemessages --ignore=.venv -v0

# The site as visitors get it (kss_site/settings/local.py): DEBUG off, the
# real error pages, hashed and compressed static files, gunicorn with several
# workers sharing one cache. Beside it, as in production: the task worker
# (db_worker: Wagtail's indexes, the caches' purges and their retries,
# caching/tasks.py), and every minute publish_scheduled (go-live and expiry
# times) and remove_pending_uploads (the uploader's unfinished files after a
# day). They stop with the server.
LOCAL := DJANGO_SETTINGS_MODULE=kss_site.settings.local PORT=$(PORT)
run: install ## install, migrate, load the seed content, serve as visitors get it (PORT=8000)
	$(LOCAL) $(MANAGE) migrate --noinput -v0
	$(LOCAL) $(MANAGE) load_seed_content
	$(LOCAL) $(MANAGE) ensure_admin
	$(LOCAL) $(MANAGE) collectstatic --noinput -v0
	$(LOCAL) $(MANAGE) db_worker --interval 0.5 --no-startup-delay -v0 & worker=$$!; \
	( while true; do $(LOCAL) $(MANAGE) publish_scheduled >/dev/null; $(LOCAL) $(MANAGE) remove_pending_uploads -v0; sleep 60; done ) & \
	trap 'kill $$worker $$! 2>/dev/null' EXIT INT TERM; \
	$(LOCAL) $(BIN)/gunicorn kss_site.wsgi --config deploy/gunicorn/local.py --bind 127.0.0.1:$(PORT)

# For developers: Django's auto-reloading server with DEBUG (kss_site/settings/dev.py).
dev: install ## Django's auto-reloading server with DEBUG, for developers
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content
	$(MANAGE) ensure_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed-test ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test lint ## install the test dependencies, lint, check, run the whole suite (PYTEST_ARGS)
	DJANGO_SETTINGS_MODULE=kss_site.settings.test $(MANAGE) check --database default
	DJANGO_SETTINGS_MODULE=kss_site.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Lighthouse on four pages; prints the scores, fails below the bar (see docs/accessibility.md).
audit: install-test ## Lighthouse on four pages; fails below the bar
	$(BIN)/python scripts/audit.py

# Renew the screenshots (Playwright, Chromium): the admin's of
# docs/redaktorveiledning.md, and each public page type at 1280 and 375 px
# (docs/screenshots.md).
screenshots: install-test ## renew the admin's and the public pages' screenshots in docs/
	$(BIN)/python scripts/admin_screenshots.py
	$(BIN)/python scripts/site_screenshots.py

# Project the country outlines for the front page's map once, from the pinned
# npm package world-atlas, into pages/world/outlines.json (docs/content-model.md).
outlines: install-test ## project the map's country outlines and its land from the pinned package
	$(BIN)/python scripts/world_outlines.py

# Database and both upload folders of the site that runs here into
# backups/kss-<time>.tar.gz, and back (docs/deployment.md, Backups): the
# stack's while `make stack` runs, otherwise make run's (.local/, db.sqlite3).
# Production runs manage.py with its own environment (the docs give the line).
SITE_MANAGE = $(if $(shell $(BIN)/python scripts/stack.py running 2>/dev/null),$(BIN)/python scripts/stack.py manage,$(LOCAL) $(MANAGE))
backup: install ## back up the running site's database and uploads to one archive (DIR=...)
	$(SITE_MANAGE) backup $(if $(DIR),--dir "$(DIR)")

# make restore FILE=backups/kss-20261129-120000.tar.gz [YES=1] (YES: no question asked)
restore: install ## restore an archive, all or nothing (FILE=... [YES=1])
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/kss-....tar.gz [YES=1]" && exit 2)
	$(SITE_MANAGE) restore "$(FILE)" $(if $(YES),--yes)

# The documented production stack on 127.0.0.1 from this checkout (PostgreSQL,
# Redis, gunicorn on NODES app nodes, Varnish, nginx), under .stack/; prints
# its address and returns. STACK_PORT (default 8080), NODES (default 1).
stack: install ## the production stack on 127.0.0.1 (NODES=2, STACK_PORT=8080)
	$(BIN)/python scripts/stack.py up

stack-down: ## stop the stack make stack started
	$(BIN)/python scripts/stack.py down

# Load, scale-out and fault drill through `make stack` with two app nodes
# (docs/deployment.md); needs root and wrk.
loadtest: install ## load, scale-out and fault drill through make stack (root, wrk)
	$(BIN)/python scripts/loadtest.py

# Every speed and size target measured in one run on `make stack`, as a table
# with its bar; fails when one falls short (docs/performance.md). Needs root
# and wrk.
bench: install-test ## every speed and size target in one table with its bar (root)
	$(BIN)/python scripts/bench.py

clean: ## remove what the build and the tests leave behind
	rm -rf $(VENV) build test-results node_modules .stack

# Every target with its line, from the "## " after it.
help: ## every target of this Makefile with one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)$$/\1\t\2/' | expand -t 16
