# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python$(shell cat .python-version)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
CHROMIUM := /usr/bin/chromium

.PHONY: run test fuzz install migrate demo chromium lint format check bench clean screenshots

# The Procfile's web server, task worker and OCPP server, side by side; the venv's python comes first.
run: migrate demo
	@echo "Serving ChargeSites at http://127.0.0.1:8000, its task worker, and the OCPP server at ws://127.0.0.1:9000 (Ctrl-C stops all three)"
	PATH="$(abspath $(BIN)):$$PATH" PYTHONUNBUFFERED=1 $(BIN)/honcho start

# Two workers on a 2-core machine (more where there are more cores); a file's tests stay
# together on one worker, so a module's browser and its shared Redis database are its own.
test: install chromium check
	$(BIN)/pytest -n auto --dist loadfile

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
	@redis-cli ping >/dev/null 2>&1 || redis-server --daemonize yes >/dev/null
	@# Every bench runs, a missed target in one does not hide the others' figures.
	@failed=""; for bench in import_afdc search ocpi scale ocpp view_counting; do \
		echo "== bench/$$bench.py"; $(BIN)/python bench/$$bench.py || failed="$$failed $$bench"; \
	done; if [ -n "$$failed" ]; then echo "Missed targets in:$$failed"; exit 1; fi

# The README's pictures from the demo data, on a throwaway database (docs/screenshots.py).
screenshots: install chromium
	$(BIN)/python docs/screenshots.py

# The property tests with many more examples than `make test` tries.
fuzz: install
	HYPOTHESIS_MAX_EXAMPLES=$${HYPOTHESIS_MAX_EXAMPLES:-2000} $(BIN)/pytest -q \
		$$(find tests -name '*fuzzed*.py' | sort) tests/sites/test_edit_access_hours_price.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
