# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python$(shell cat .python-version)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
CHROMIUM := /usr/bin/chromium

.PHONY: run test install migrate demo chromium lint format check bench clean

run: migrate demo
	@echo "Serving ChargeSites at http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install chromium check
	$(BIN)/pytest

install: $(INSTALLED)

$(INSTALLED):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group dev
	@rm -f $(VENV)/.installed-*
	@touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(BIN)/python manage.py load_demo_data

# Browser tests drive Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Speed and memory targets, measured on PostgreSQL; wrk (Debian) sends the OCPI load.
bench: install
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/import_afdc.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/ocpi.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
