# Two commands for a fresh machine (see README "Quick start"):
#   make lab    set everything up (first time only) and open the course in JupyterLab
#   make test   set everything up (first time only) and run every test, notebooks included
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# PyPI's Linux torch wheel pulls several GB of CUDA libraries; the course runs on
# the CPU, so torch alone comes from PyTorch's CPU-only index (its own dependencies,
# like everything else, from PyPI in the next step). The pin lives in pyproject.toml.
# Behind a proxy or with a mirror: `make setup TORCH_INDEX=https://your-mirror/whl/cpu`.
# Where that index cannot be reached, setup says so and takes torch from the plain
# package index instead (on Linux, the large CUDA build: it works, but downloads more).
TORCH_PIN   := $(shell grep -o '"torch==[^"]*"' pyproject.toml | tr -d '"')
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
# Packages installed without their declared dependencies (pyproject.toml, [tool.course] no_deps).
NO_DEPS_PINS := $(shell sed -n 's/^no_deps = \[\(.*\)\]/\1/p' pyproject.toml | tr -d '",')

.PHONY: setup lab test data bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install "$(TORCH_PIN)" --index-url $(TORCH_INDEX) --no-deps \
	  || { echo; echo "*** Could not install $(TORCH_PIN) from $(TORCH_INDEX)."; \
	       echo "*** Falling back to the plain package index (on Linux: a CUDA build, several GB)."; \
	       echo "*** To use a mirror instead: make setup TORCH_INDEX=<mirror URL>"; echo; \
	       $(BIN)/python -m pip install "$(TORCH_PIN)" --no-deps; }
	$(BIN)/python -m pip install -e .
	$(BIN)/python -m pip install --no-deps $(NO_DEPS_PINS)
	touch $(STAMP)

# Jupyter refuses to start as root unless told to (containers and some workshop VMs run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# The repository is JupyterLab's root, so notebooks/, solutions/, data/ and course_utils/
# are all in its file browser; the welcome notebook opens first.
lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" notebooks/00_welcome.ipynb $(ALLOW_ROOT)

test: setup
	$(BIN)/python -m pytest

data: setup
	$(BIN)/python -m course_utils.datagen

bench: setup
	$(BIN)/python benchmarks/bench_harness.py
	$(BIN)/python benchmarks/bench_offline.py
	$(BIN)/python benchmarks/bench_sql_ladder.py
	$(BIN)/python benchmarks/bench_prompt_layouts.py

clean:
	rm -rf $(VENV) runs .pytest_cache
