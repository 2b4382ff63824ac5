# krakit — two commands: `make lab` opens the guided flow, `make test` passes every test.
# Both create .venv with this machine's python if it is missing and are fast when nothing changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
PORT   ?= 8888
# Jupyter refuses to run as root unless told (containers, CI).
AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# Debian's Chromium drives the browser tests (Playwright is told where it is; it never downloads).
CHROMIUM ?= /usr/bin/chromium

.PHONY: lab app training facilitator test lint format bench eval stateful schema screenshots chromium clean help
.DEFAULT_GOAL := help

help:
	@echo "make lab    set up .venv and open the guided flow in JupyterLab"
	@echo "make test   set up .venv (+ Chromium) and run every test"
	@echo "make app    serve the workshop as an app (Voila, no code visible); ROOM=batch-7 for a room"
	@echo "make training ROOM=batch-7     serve the participants' KRA-or-KPI training to a room"
	@echo "make facilitator ROOM=batch-7  the facilitator's view of the room, on 127.0.0.1 only"
	@echo "make lint   ruff"
	@echo "make bench  benchmarks (speed, scale)"
	@echo "make eval   accuracy on ../shared/data/real_world_dev.csv"
	@echo "make stateful  the wizard driven by Hypothesis, 200 runs (KRAKIT_STATEFUL_EXAMPLES=...)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per extra set; pyproject.toml is the single source of truth for dependencies.
$(VENV)/.lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lab,dev]'
	@touch $@ $(VENV)/.lab

# JupyterLab settings the project ships: widget comms stay off kernel subshells, so widget
# callbacks never run at the same time as a cell (ipykernel 7 + JupyterLab 4.4+).
$(LAB_SETTINGS): jupyter/overrides.json | $(BIN)/python
	@mkdir -p $(dir $@)
	cp $< $@

# Installs Chromium when it is missing and this machine allows it (root, or sudo without a
# password, and apt-get). When it cannot, it says so loudly and `make test` goes on: the browser
# tests then skip (or fail, with KRAKIT_REQUIRE_BROWSER=1, as .ci/run sets).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else SUDO=none; fi; \
	  if [ "$$SUDO" != none ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core \
	      >/dev/null || true; \
	  fi; \
	  test -x $(CHROMIUM) || { \
	    echo; \
	    echo "######################################################################"; \
	    echo "##  CHROMIUM IS MISSING ($(CHROMIUM)) and could not be installed here"; \
	    echo "##  (needs root or password-less sudo, and apt-get)."; \
	    echo "##  The browser tests in tests/browser will be SKIPPED."; \
	    echo "##  Fix: sudo apt-get install chromium, then run make test again."; \
	    echo "##  With KRAKIT_REQUIRE_BROWSER=1 (CI) they FAIL instead."; \
	    echo "######################################################################"; \
	    echo; }; }

lab: $(VENV)/.lab $(LAB_SETTINGS)
	$(BIN)/jupyter lab --port=$(PORT) $(AS_ROOT) notebooks/00_start_here.ipynb

# The app's safe defaults live in jupyter/voila.json (no code, no tracebacks, 127.0.0.1, idle
# kernels culled); only that file is read, so a personal ~/.jupyter config cannot undo them.
# On a LAN: make app HOST=0.0.0.0 TOKEN=$$(openssl rand -hex 16) (refused without a token).
# Kernels are pre-heated by default: Voilà runs the notebook ahead of time in POOL kernels, so
# a visitor gets an already-built wizard instead of waiting for a kernel to start. The default
# pool serves a room of 20 arriving together (~70 MB and ~1 CPU-s per pool kernel; used ones
# are replaced one at a time, 5 s after, by krakit.app.kernel_pool); POOL=30 for a room of 30,
# POOL=0 turns the pool off (docs/workshop-hosting.md has the measurements).
# A workshop room (docs/workshop-hosting.md): ROOM=batch-7 makes every visitor join that room
# (KRAKIT_ROOM; the name is asked once) and publish their progress to rooms/batch-7
# (ROOMS=/shared/volume/rooms to put rooms elsewhere). Without ROOM, the app is as before.
HOST  ?= 127.0.0.1
TOKEN ?=
POOL  ?= 20
ROOM  ?=
ROOMS ?= $(CURDIR)/rooms
FACILITATOR_PORT ?= 8890
ROOM_ENV = $(if $(ROOM),KRAKIT_ROOM='$(ROOM)' KRAKIT_ROOMS='$(ROOMS)')
# The room's name is checked (a plain file name) and its folder created before serving.
CHECK_ROOM = $(BIN)/python -m krakit.publishing --check '$(ROOM)' --rooms '$(ROOMS)'
NETWORK_NEEDS_TOKEN = case "$(HOST)" in 127.*|localhost|::1) ;; *) [ -n "$(TOKEN)" ] || { \
	  echo "make $@ HOST=$(HOST) serves the app to the network: add TOKEN=<a long secret>"; \
	  exit 2; } ;; esac
VOILA = JUPYTER_PATH=$(CURDIR)/jupyter $(BIN)/voila --Voila.config_file_paths=$(CURDIR)/jupyter
app: $(VENV)/.lab $(LAB_SETTINGS)
	@$(NETWORK_NEEDS_TOKEN)
	@$(if $(ROOM),$(CHECK_ROOM))
	$(ROOM_ENV) $(VOILA) \
	  --port=$(PORT) --Voila.ip=$(HOST) $(if $(TOKEN),--token=$(TOKEN)) \
	  $(if $(filter-out 0,$(POOL)),--preheat_kernel=True --pool_size=$(POOL)) \
	  notebooks/00_start_here.ipynb

# The participants' training (quiz and fix-this-KPI, no answer key, no facilitator's cells),
# served like the app; with ROOM their answers go to the room.
training: $(VENV)/.lab $(LAB_SETTINGS)
	@$(NETWORK_NEEDS_TOKEN)
	@$(if $(ROOM),$(CHECK_ROOM),echo "No ROOM given: the quiz works alone and sends nothing.")
	$(ROOM_ENV) $(VOILA) \
	  --port=$(PORT) --Voila.ip=$(HOST) $(if $(TOKEN),--token=$(TOKEN)) \
	  $(if $(filter-out 0,$(POOL)),--preheat_kernel=True --pool_size=$(POOL)) \
	  notebooks/training_participant.ipynb

# The facilitator's view of a room: on this machine only (127.0.0.1, its own port), never on
# the participants' app. A HOST is refused: project the screen instead.
facilitator: $(VENV)/.lab $(LAB_SETTINGS)
	@[ "$(origin HOST)" = file ] || { echo "make facilitator serves on 127.0.0.1 only \
	(the room's names and drafts are on it): drop HOST=$(HOST) and project this screen."; \
	  exit 2; }
	@[ -n "$(ROOM)" ] || { echo "make facilitator needs the room: ROOM=batch-7"; exit 2; }
	@$(CHECK_ROOM)
	$(ROOM_ENV) $(VOILA) --port=$(FACILITATOR_PORT) --Voila.ip=127.0.0.1 \
	  notebooks/facilitator.ipynb

# Tests, notebooks (nbval) and the docstrings' examples (doctests). No test depends on the
# machine's speed: a kernel gets 5 minutes to start, a hang guard rather than a speed limit.
test: $(VENV)/.dev $(LAB_SETTINGS) chromium
	$(BIN)/python -m pytest tests notebooks krakit --doctest-modules \
	  --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  --nbval-kernel-startup-timeout=300 -p no:cacheprovider

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Each benchmark prints its figures beside their targets (benchmarks/_target.py); all run, and
# the make fails if any figure missed its target by more than 25 %. The workshop load runs in
# its --bench mode (~2 min, with a room of 20 on make app's pool; the full ladder:
# python benchmarks/bench_workshop_load.py).
bench: $(VENV)/.dev chromium
	@missed=; for f in benchmarks/bench_*.py; do echo "== $$f"; \
	  case $$f in *workshop_load*) args=--bench;; *) args=;; esac; \
	  $(BIN)/python $$f $$args || missed="$$missed $$f"; done; \
	  if [ -n "$$missed" ]; then echo "== missed a target (or failed):$$missed"; exit 1; fi; \
	  echo "== every figure within 25 % of its target"

eval: $(VENV)/.dev
	@for f in benchmarks/eval_*.py; do $(BIN)/python $$f || exit 1; done

# The wizard driven by Hypothesis like a person, longer than make test does (6 examples there).
stateful: $(VENV)/.dev
	KRAKIT_STATEFUL_EXAMPLES=$${KRAKIT_STATEFUL_EXAMPLES:-200} \
	  $(BIN)/python -m pytest tests/widgets/test_wizard_stateful.py -p no:cacheprovider

# Screenshots for the README, taken by the browser tests.
screenshots: $(VENV)/.dev $(LAB_SETTINGS) chromium
	KRAKIT_SCREENSHOTS=$(CURDIR)/docs/screenshots KRAKIT_CHROMIUM=$(CHROMIUM) \
	  KRAKIT_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser -p no:cacheprovider

schema: $(VENV)/.dev
	$(BIN)/python -c "from krakit.model import _write_schema; print(_write_schema())"
	$(BIN)/python -c "from krakit.goals.tree import _write_schema; print(_write_schema())"
	$(BIN)/python -c "from krakit.room.format import write_room_schema; print(write_room_schema())"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
