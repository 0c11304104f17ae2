"""Run every notebook and worked solution headless; print each one's wall time and peak memory.

A learner feels two budgets: a lesson should run in minutes on a 2-core laptop, and its kernel (the
offline server runs inside it) must stay under 1.5 GB, since Binder gives 2 GB. Each notebook runs
in a fresh kernel through `jupyter nbconvert --execute`; the kernel's process tree (the kernel and
anything it starts) is sampled every 0.1 s for its resident memory.

    python benchmarks/bench_notebooks.py                 # every notebook and solution
    python benchmarks/bench_notebooks.py notebooks/05*   # some of them
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
KERNEL_BUDGET_GB = 1.5
COURSE_BUDGET_MINUTES = 12


def kernel_tree_rss(runner: psutil.Process) -> int:
    """Bytes resident in the kernels below `runner` and everything they started."""
    total = 0
    for child in runner.children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()) or child.parent().pid != runner.pid:
                total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def run_notebook(path: Path, timeout: int = 1200) -> tuple[float, int]:
    """(seconds, peak bytes of the kernel's process tree) for one headless run; fails loudly."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                   f"--ExecutePreprocessor.timeout={timeout}", "--output-dir", out, str(path)]
        started, peak = time.perf_counter(), 0
        with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
            runner = psutil.Process(process.pid)
            while process.poll() is None:
                try:
                    peak = max(peak, kernel_tree_rss(runner))
                except psutil.NoSuchProcess:
                    pass
                time.sleep(0.1)
            errors = process.stderr.read().decode("utf-8", "replace")
        if process.returncode:
            raise RuntimeError(f"{path.name} failed:\n{errors[-2000:]}")
        return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: all)")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    total_seconds, highest = 0.0, 0
    print(f"{'notebook':<52} {'wall':>8} {'peak kernel memory':>20}", flush=True)
    for path in paths:
        seconds, peak = run_notebook(path.resolve())
        total_seconds, highest = total_seconds + seconds, max(highest, peak)
        print(f"{path.parent.name + '/' + path.name:<52} {seconds:7.0f}s {peak / 2**30:17.2f} GB", flush=True)
    print(f"{'total':<52} {total_seconds / 60:6.1f}min {highest / 2**30:17.2f} GB (highest)")
    print(f"budgets: all notebooks at most {COURSE_BUDGET_MINUTES} min together "
          f"({'met' if total_seconds <= 60 * COURSE_BUDGET_MINUTES else 'MISSED'}); no kernel above "
          f"{KERNEL_BUDGET_GB} GB ({'met' if highest <= KERNEL_BUDGET_GB * 2**30 else 'MISSED'})")


if __name__ == "__main__":
    main()
