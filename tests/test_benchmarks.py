"""The benchmark scripts keep running (their figures are printed, not asserted)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_harness_benchmark_runs_and_scores_gold_at_100_percent():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_harness.py"), "--n", "4", "--sleep", "0.01",
         "--workers", "2"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )
    assert "accuracy: 100.0%" in result.stdout
    assert "speedup:" in result.stdout


def test_sql_ladder_benchmark_runs_every_rung():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_sql_ladder.py"), "--quick"],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    for rung in range(1, 9):
        assert f"\n{rung} " in "\n" + result.stdout, result.stdout
    assert "held-out practice databases" in result.stdout
    assert "corrupted fine-tune" in result.stdout
    # every rung on both Acme test splits
    assert result.stdout.count(" familiar ") == 9 and result.stdout.count(" new ") == 9, result.stdout


def test_prompt_layout_benchmark_runs_every_layout():
    from layout_suite import LAYOUTS

    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_prompt_layouts.py"), "--n", "1"],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    # each task's layouts and its template; text-to-SQL on both test splits
    expected = sum(len(LAYOUTS[task]) + 1 for task in ("qa", "classify")) + 2 * (len(LAYOUTS["sql"]) + 1)
    assert result.stdout.count("%  p50") == expected, result.stdout
    assert result.stdout.count("-> template") == 4 and "(new intents split)" in result.stdout, result.stdout


def test_notebook_benchmark_reports_time_and_kernel_memory():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_notebooks.py"),
                             str(ROOT / "solutions" / "00_welcome_solutions.ipynb")],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    row = next(line for line in result.stdout.splitlines() if line.startswith("solutions/00_welcome"))
    peak_gb = float(row.split()[-2])
    assert 0.02 < peak_gb < 1.5, row  # a real kernel was measured, and it is within Binder's budget
    assert "budgets:" in result.stdout


def test_rag_ladder_benchmark_runs_every_rung_and_the_test_half():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_rag_ladder.py"), "--n", "4"],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    assert result.stdout.count("accuracy ") in (11, 12), result.stdout  # 10 rungs on dev; naive and best on test
    assert "(best on dev)" in result.stdout and "gold documents in the prompt, test:" in result.stdout


def test_fine_tuning_benchmark_compares_routes_and_bad_data():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_fine_tuning.py"), "--quick"],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    assert result.stdout.count("test (40 tickets), ") == 4, result.stdout
    assert result.stdout.count("fine-tuned on ") == 6 and "neighbour check" in result.stdout, result.stdout


def test_open_engines_benchmark_times_every_workload():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_open_engines.py"), "--requests", "1",
                             "--engines", "llama.cpp"],
                            capture_output=True, text=True, encoding="utf-8", timeout=600, check=True)
    assert "torch: ready in" in result.stdout, result.stdout
    from course_utils.offline.model import llama_cpp

    if llama_cpp.available():
        assert "llama.cpp: ready in" in result.stdout and "llama.cpp / torch, same run" in result.stdout
        assert "llama.cpp 4-bit" not in result.stdout  # only the engines asked for
    for workload in ("labels", "rag", "fresh", "story"):
        assert f"  {workload} " in result.stdout, result.stdout
