"""Tests for course_utils.runner: any predictor, any scorer, results in order, runs saved and compared."""

import json
import sqlite3
import threading
import time

import matplotlib

matplotlib.use("Agg")  # no window: tests run headless

import numpy as np  # noqa: E402  (after choosing the backend)
import pytest  # noqa: E402

from course_utils.runner import (PREDICTOR_ERROR, Prediction, RunRecord, compare_runs,  # noqa: E402
                                 compute_metrics, evaluate, load_run, load_runs, plot_runs)
from course_utils.sql_eval import sql_scorer  # noqa: E402


def exact_scorer(item, prediction):
    """Correct when the answer equals item["answer"]."""
    correct = prediction.text == item["answer"]
    return {"correct": correct, "category": "correct" if correct else "wrong"}


def make_items(n, difficulties=("easy", "medium", "hard", "extra")):
    return [{"id": f"q{i}", "question": f"What is {i} squared?", "answer": str(i * i),
             "difficulty": difficulties[i % len(difficulties)]} for i in range(n)]


def squares(item):
    return str(int(item["id"][1:]) ** 2)


def test_results_keep_item_order_with_workers():
    items = make_items(12)

    def later_items_finish_first(item):
        time.sleep(0.002 * (12 - int(item["id"][1:])))
        return squares(item)

    record = evaluate(later_items_finish_first, items, exact_scorer, "order", workers=6,
                      progress=False)
    assert [r["id"] for r in record.results] == [item["id"] for item in items]
    assert record.metrics["accuracy"] == 1.0


def test_workers_run_concurrently():
    running, most_at_once, lock = 0, 0, threading.Lock()

    def slow(item):
        nonlocal running, most_at_once
        with lock:
            running += 1
            most_at_once = max(most_at_once, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return squares(item)

    started = time.perf_counter()
    evaluate(slow, make_items(8), exact_scorer, "parallel", workers=8, progress=False)
    assert most_at_once > 1
    assert time.perf_counter() - started < 8 * 0.05


@pytest.mark.parametrize("workers", [1, 4])
def test_predictor_exception_is_recorded_for_its_item(workers):
    def flaky(item):
        if item["id"] == "q3":
            raise ConnectionError("server went away")
        return squares(item)

    record = evaluate(flaky, make_items(6), exact_scorer, "flaky", workers=workers, progress=False)
    failed = record.results[3]
    assert failed["category"] == PREDICTOR_ERROR and failed["correct"] is False
    assert "ConnectionError: server went away" in failed["detail"]
    assert sum(r["correct"] for r in record.results) == 5
    assert record.metrics["categories"] == {"correct": 5, PREDICTOR_ERROR: 1}


@pytest.mark.parametrize("workers", [1, 4])
def test_keyboard_interrupt_stops_the_run(workers):
    calls = []

    def interrupted(item):
        calls.append(item["id"])
        time.sleep(0.01)
        if item["id"] == "q5":
            raise KeyboardInterrupt
        return squares(item)

    with pytest.raises(KeyboardInterrupt):
        evaluate(interrupted, make_items(200), exact_scorer, "stop", workers=workers,
                 progress=False)
    time.sleep(0.05)  # let calls already in flight finish
    assert len(calls) < 50


def test_scorer_errors_are_not_hidden():
    def broken_scorer(item, prediction):
        raise RuntimeError("gold data is broken")

    with pytest.raises(RuntimeError, match="gold data is broken"):
        evaluate(squares, make_items(3), broken_scorer, "broken", workers=2, progress=False)
    with pytest.raises(ValueError, match="'correct' and 'category'"):
        evaluate(squares, make_items(1), lambda item, p: {"ok": True}, "bad", progress=False)


def test_metrics():
    items = make_items(8)
    latencies = [0.5, 0.1, 0.9, 0.3, 0.2, 0.8, 0.4, 0.7]

    def with_usage(item):
        i = int(item["id"][1:])
        answer = squares(item) if i % 2 == 0 else "no idea"  # even ids right, odd ids wrong
        return Prediction(text=answer, prompt_tokens=100 + i, completion_tokens=10,
                          cost_usd=0.001, latency_s=latencies[i])

    metrics = evaluate(with_usage, items, exact_scorer, "usage", progress=False).metrics
    assert metrics["n"] == 8 and metrics["accuracy"] == 0.5
    # difficulties cycle easy, medium, hard, extra: easy and hard items have even ids
    assert metrics["accuracy_easy"] == 1.0 and metrics["accuracy_hard"] == 1.0
    assert metrics["accuracy_medium"] == 0.0 and metrics["accuracy_extra"] == 0.0
    assert metrics["n_easy"] == 2
    assert metrics["categories"] == {"correct": 4, "wrong": 4}
    assert metrics["prompt_tokens"] == sum(100 + i for i in range(8))
    assert metrics["completion_tokens"] == 80
    assert metrics["cost_usd"] == pytest.approx(0.008)
    assert metrics["latency_p50_s"] == pytest.approx(np.percentile(latencies, 50))
    assert metrics["latency_p95_s"] == pytest.approx(np.percentile(latencies, 95))


def test_plain_text_predictor_has_measured_latency_and_no_usage():
    def slowish(item):
        time.sleep(0.02)
        return squares(item)

    record = evaluate(slowish, make_items(3), exact_scorer, "text", progress=False)
    assert record.metrics["prompt_tokens"] is None and record.metrics["cost_usd"] is None
    assert all(r["latency_s"] >= 0.02 for r in record.results)
    assert record.results[0]["prediction"] == "0"


def test_items_without_difficulty():
    items = [{"id": "a", "answer": "x"}, {"id": "b", "answer": "y"}]
    metrics = compute_metrics([{"correct": True, "category": "correct"},
                               {"correct": False, "category": "wrong"}])
    assert metrics["accuracy"] == 0.5 and not any(k.startswith("accuracy_") for k in metrics)
    record = evaluate(lambda item: "x", items, exact_scorer, "plain", progress=True)
    assert record.metrics["accuracy"] == 0.5


def test_save_and_load_round_trip(tmp_path):
    items = make_items(4)
    items[0]["question"] = "Combien coûte le café ☕ ?"
    record = evaluate(squares, items, exact_scorer, "Zero-shot: café", config={"k": 3, "path": tmp_path},
                      progress=False)
    first = record.save(tmp_path / "runs")
    second = record.save(tmp_path / "runs")
    assert first != second and first.name.startswith("zero-shot-caf")
    text = first.read_text(encoding="utf-8")
    assert "café ☕" in text  # stored as UTF-8, not \\u escapes
    loaded = load_run(first)
    assert loaded.results == record.results and loaded.metrics == record.metrics
    assert loaded.config == {"k": 3, "path": str(tmp_path)}
    assert json.loads(text)["name"] == "Zero-shot: café"
    assert [r.name for r in load_runs(tmp_path / "runs")] == ["Zero-shot: café"] * 2


def make_runs():
    items = make_items(8)
    perfect = evaluate(squares, items, exact_scorer, "perfect", progress=False)
    half = evaluate(lambda item: squares(item) if item["difficulty"] in ("easy", "medium") else "?",
                    items, exact_scorer, "half", progress=False)
    return [perfect, half]


def test_compare_runs():
    table = compare_runs(make_runs())
    assert list(table.index) == ["perfect", "half"]
    assert list(table.columns[:6]) == ["n", "accuracy", "accuracy_easy", "accuracy_medium",
                                       "accuracy_hard", "accuracy_extra"]
    assert table.loc["half", "accuracy"] == 0.5 and table.loc["half", "accuracy_hard"] == 0.0
    assert table.loc["perfect", "accuracy_extra"] == 1.0
    assert "categories" not in table.columns
    # Latencies read as milliseconds, not as 9.4e-07 seconds.
    runs = make_runs()
    assert table.loc["half", "latency_p50_ms"] == round(1000 * runs[1].metrics["latency_p50_s"], 1)


def test_plot_runs():
    figure = plot_runs(make_runs())
    axes = figure.axes[0]
    assert isinstance(figure, matplotlib.figure.Figure)
    assert "perfect" in axes.get_title() and "100.0%" in axes.get_title()
    assert "%" in axes.get_ylabel() and axes.get_xlabel()
    assert [text.get_text() for text in axes.texts] == ["100.0%", "50.0%"]
    latency = plot_runs(make_runs(), metric="latency_p50_s").axes[0]
    assert "milliseconds" in latency.get_ylabel()
    matplotlib.pyplot.close("all")


def test_runner_with_sql_scorer(tmp_path):
    path = tmp_path / "tiny.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x INTEGER)")
    connection.executemany("INSERT INTO t VALUES (?)", [(1,), (2,), (3,)])
    connection.commit()
    connection.close()
    items = [{"id": "s1", "question": "How many rows?", "sql": "SELECT COUNT(*) FROM t",
              "difficulty": "easy"},
             {"id": "s2", "question": "Largest x?", "sql": "SELECT MAX(x) FROM t",
              "difficulty": "medium"}]
    answers = {"s1": "```sql\nSELECT COUNT(x) FROM t;\n```", "s2": "SELECT MIN(x) FROM t"}
    record = evaluate(lambda item: answers[item["id"]], items, sql_scorer(path), "sql",
                      workers=2, progress=False)
    assert [r["category"] for r in record.results] == ["correct", "wrong_result"]
    assert record.metrics["accuracy_easy"] == 1.0 and record.metrics["accuracy_medium"] == 0.0
    assert isinstance(RunRecord(**json.loads(json.dumps(record.__dict__))), RunRecord)
