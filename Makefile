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
TORCH_PIN       := $(shell grep -o '"torch==[^"]*"' pyproject.toml | tr -d '"')
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu

.PHONY: setup lab test data bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install "$(TORCH_PIN)" --index-url $(TORCH_CPU_INDEX) --no-deps
	$(BIN)/python -m pip install -e .
	touch $(STAMP)

# Jupyter refuses to start as root unless told to (containers and some workshop VMs run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: setup
	$(BIN)/jupyter lab notebooks/00_welcome.ipynb $(ALLOW_ROOT)

test: setup
	$(BIN)/python -m pytest

data: setup
	$(BIN)/python -m course_utils.datagen

bench: setup
	$(BIN)/python benchmarks/bench_harness.py
	$(BIN)/python benchmarks/bench_offline.py
	$(BIN)/python benchmarks/bench_sql_ladder.py

clean:
	rm -rf $(VENV) runs .pytest_cache
