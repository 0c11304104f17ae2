"""Benchmark the evaluation harness.

(a) Execute and score every gold query of the Acme test set, using the gold SQL as the prediction:
    how long a full scoring pass takes, and a check that it scores 100%.
(b) How much faster the runner is with several workers, on a predictor that only waits (like a remote
    model): serial seconds, concurrent seconds and their ratio.

    python benchmarks/bench_harness.py
    python benchmarks/bench_harness.py --questions my.jsonl --db my.sqlite --workers 16
"""

import argparse
import time
from pathlib import Path

from course_utils.datasets import ACME_DB, ACME_DIR, read_jsonl
from course_utils.runner import evaluate
from course_utils.sql import run_sql
from course_utils.sql_eval import sql_scorer

def bench_gold_queries(db_path, questions):
    started = time.perf_counter()
    for question in questions:
        run_sql(db_path, question["sql"])
    executing = time.perf_counter() - started

    started = time.perf_counter()
    record = evaluate(lambda item: item["sql"], questions, sql_scorer(db_path), "gold as prediction",
                      progress=False)
    scoring = time.perf_counter() - started

    n = len(questions)
    print(f"(a) {n} gold queries on {db_path}")
    print(f"    executing them once:         {executing:.3f} s ({1000 * executing / n:.2f} ms each)")
    print(f"    scoring gold as prediction:  {scoring:.3f} s ({1000 * scoring / n:.2f} ms each)")
    print(f"    accuracy: {record.metrics['accuracy']:.1%} (expected 100%)")
    for failure in record.failures():
        print(f"    NOT CORRECT {failure['id']}: {failure['category']}: {failure['detail']}")


def bench_concurrency(n_questions, workers, sleep_s):
    questions = [{"id": str(i), "answer": "ok"} for i in range(n_questions)]

    def waiting_predictor(item):
        time.sleep(sleep_s)  # stands for waiting on a remote model
        return "ok"

    def scorer(item, prediction):
        return {"correct": prediction.text == item["answer"], "category": "correct"}

    timings = {}
    for n_workers in (1, workers):
        started = time.perf_counter()
        evaluate(waiting_predictor, questions, scorer, f"{n_workers} workers", workers=n_workers,
                 progress=False)
        timings[n_workers] = time.perf_counter() - started

    print(f"(b) {n_questions} questions, predictor sleeps {1000 * sleep_s:.0f} ms each")
    print(f"    serial (1 worker):       {timings[1]:.3f} s")
    print(f"    concurrent ({workers} workers):  {timings[workers]:.3f} s")
    print(f"    speedup: {timings[1] / timings[workers]:.2f}x (ideal {min(workers, n_questions)}x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=ACME_DB, type=Path)
    parser.add_argument("--questions", default=ACME_DIR / "test.jsonl", type=Path)
    parser.add_argument("--n", type=int, default=40, help="questions for the concurrency test")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--sleep", type=float, default=0.1, help="seconds per simulated call")
    parser.add_argument("--skip-gold", action="store_true", help="only run the concurrency test")
    args = parser.parse_args()

    if not args.skip_gold:
        bench_gold_queries(args.db, read_jsonl(args.questions))
    bench_concurrency(args.n, args.workers, args.sleep)


if __name__ == "__main__":
    main()
