"""Run an evaluation, record it, and compare runs: the course's one yardstick.

Everything the course measures plugs into the same two roles (like scikit-learn's fit/predict):

- a **predictor** is any function item -> answer. The item is a dict such as {"id", "question", ...};
  the answer is plain text or a `Prediction` (text plus token usage, cost and latency);
- a **scorer** is any function (item, Prediction) -> dict with at least "correct" (bool) and
  "category" (str), e.g. `course_utils.sql_eval.sql_scorer(db_path)`.

`evaluate` runs a predictor over a list of items, with a progress bar and optionally several questions
at once (for slow remote models), and returns a `RunRecord`: the configuration, the metrics and every
item's result. Records are saved as JSON so that notebooks can load, compare and plot them later.
"""

import json
import math
import re
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from tqdm.auto import tqdm

# The category of an item whose predictor raised an exception.
PREDICTOR_ERROR = "predictor_error"

# Spider's difficulty levels, easiest first; tables and plots list them in this order.
DIFFICULTY_ORDER = ("easy", "medium", "hard", "extra")


@dataclass
class Prediction:
    text: str  # the model's answer
    prompt_tokens: int | None = None  # tokens sent to the model
    completion_tokens: int | None = None  # tokens the model generated
    cost_usd: float | None = None  # what the call cost, in US dollars
    latency_s: float | None = None  # seconds the call took; the runner measures it when None


# ---------------------------------------------------------------------------------------------
# 1. Predicting and scoring one item

def _result_for(item, predictor, scorer):
    """Predict and score one item; a failing predictor becomes a failed item, not a failed run."""
    result = {key: item[key] for key in ("id", "question", "difficulty") if key in item}
    started = time.perf_counter()
    try:
        answer = predictor(item)
    except Exception as error:  # noqa: BLE001 -- any predictor failure is recorded, not raised
        return result | {"correct": False, "category": PREDICTOR_ERROR,
                         "detail": f"{type(error).__name__}: {error}", "prediction": None,
                         "latency_s": time.perf_counter() - started}
    elapsed = time.perf_counter() - started
    if isinstance(answer, Prediction):
        prediction = answer
    else:
        prediction = Prediction(text="" if answer is None else str(answer))
    if prediction.latency_s is None:
        prediction = replace(prediction, latency_s=elapsed)

    score = scorer(item, prediction)
    if "correct" not in score or "category" not in score:
        raise ValueError(f"A scorer must return a dict with 'correct' and 'category'; got {score!r}")
    score = dict(score, correct=bool(score["correct"]))
    usage = asdict(prediction)
    usage["prediction"] = usage.pop("text")
    return result | score | usage


def _results_in_order(predictor, items, scorer, workers, progress_bar):
    """Every item's result, in the items' order, computed `workers` at a time."""
    if workers <= 1:
        results = []
        for item in items:
            results.append(_result_for(item, predictor, scorer))
            progress_bar.update()
        return results

    results = [None] * len(items)
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(_result_for, item, predictor, scorer): index
                   for index, item in enumerate(items)}
        for future in as_completed(futures):  # in finishing order, so the bar moves steadily
            results[futures[future]] = future.result()
            progress_bar.update()
    finally:
        # On Ctrl-C (KeyboardInterrupt) or a scorer error: drop the questions not started yet and
        # return at once; the few calls in flight finish in the background.
        pool.shutdown(wait=False, cancel_futures=True)
    return results


# ---------------------------------------------------------------------------------------------
# 2. Metrics

def _percentile(values, fraction):
    """The value below which `fraction` of the values lie (linear interpolation, like numpy)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _total(results, key):
    values = [result[key] for result in results if result.get(key) is not None]
    return sum(values) if values else None  # None: the predictor does not report it


def _difficulty_rank(level):
    return (DIFFICULTY_ORDER.index(level), "") if level in DIFFICULTY_ORDER else (99, str(level))


def compute_metrics(results):
    """Accuracy overall and per difficulty, counts per category, tokens, latency and cost."""
    n = len(results)
    metrics = {"n": n, "accuracy": sum(r["correct"] for r in results) / n if n else 0.0}

    levels = sorted({r["difficulty"] for r in results if r.get("difficulty") is not None},
                    key=_difficulty_rank)
    for level in levels:
        of_level = [r for r in results if r.get("difficulty") == level]
        metrics[f"accuracy_{level}"] = sum(r["correct"] for r in of_level) / len(of_level)
        metrics[f"n_{level}"] = len(of_level)

    categories = {}
    for result in results:
        categories[result["category"]] = categories.get(result["category"], 0) + 1
    metrics["categories"] = dict(sorted(categories.items(), key=lambda pair: -pair[1]))

    metrics["prompt_tokens"] = _total(results, "prompt_tokens")
    metrics["completion_tokens"] = _total(results, "completion_tokens")
    metrics["cost_usd"] = _total(results, "cost_usd")
    latencies = [r["latency_s"] for r in results if r.get("latency_s") is not None]
    metrics["latency_p50_s"] = _percentile(latencies, 0.50) if latencies else None
    metrics["latency_p95_s"] = _percentile(latencies, 0.95) if latencies else None
    return metrics


# ---------------------------------------------------------------------------------------------
# 3. The record of a run

@dataclass
class RunRecord:
    name: str  # what was evaluated, e.g. "zero-shot + schema"
    config: dict  # the knobs of the run (model, prompt, k, ...), saved with it
    created_at: str  # when the run finished, ISO 8601 in UTC
    metrics: dict  # see compute_metrics
    results: list = field(default_factory=list)  # one dict per item, in the items' order

    def save(self, folder="runs"):
        """Write the record as JSON into `folder` and return the file's path."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "run"
        stamp = datetime.fromisoformat(self.created_at).strftime("%Y%m%d-%H%M%S")
        path = folder / f"{slug}_{stamp}.json"
        copy = 2
        while path.exists():  # two runs of the same name in the same second
            path = folder / f"{slug}_{stamp}-{copy}.json"
            copy += 1
        with open(path, "w", encoding="utf-8") as file:
            # default=str: a config may hold paths or other objects JSON does not know
            json.dump(asdict(self), file, ensure_ascii=False, indent=2, default=str)
        return path

    def failures(self):
        """The results of the items that were not answered correctly."""
        return [result for result in self.results if not result["correct"]]

    def results_frame(self):
        """The per-item results as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.results)


def load_run(path):
    """Read a RunRecord saved by RunRecord.save."""
    with open(path, encoding="utf-8") as file:
        return RunRecord(**json.load(file))


def load_runs(folder="runs"):
    """Every RunRecord saved in `folder`, oldest first."""
    records = [load_run(path) for path in sorted(Path(folder).glob("*.json"))]
    return sorted(records, key=lambda record: record.created_at)


# ---------------------------------------------------------------------------------------------
# 4. Running an evaluation

def evaluate(predictor, items, scorer, name, config=None, workers=1, progress=True):
    """Run `predictor` on every item, score each answer with `scorer`, and return a RunRecord.

    workers > 1 asks that many questions at once (threads): worth it for a remote model, where most
    of the time is spent waiting for the answer. Results stay in the items' order either way.
    """
    items = list(items)
    with tqdm(total=len(items), desc=name, unit="question", disable=not progress) as progress_bar:
        results = _results_in_order(predictor, items, scorer, workers, progress_bar)
    return RunRecord(name=name, config=dict(config or {}),
                     created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     metrics=compute_metrics(results), results=results)


# ---------------------------------------------------------------------------------------------
# 5. Comparing runs

def _for_people(key: str, value):
    """A metric as a table shows it: latencies in milliseconds, to 0.1 ms."""
    if key.startswith("latency_") and key.endswith("_s"):
        return key[:-2] + "_ms", None if value is None else round(1000 * value, 1)
    return key, value


def compare_runs(records):
    """One row per run: accuracy overall and per difficulty, tokens, latency (ms) and cost."""
    import pandas as pd

    rows = []
    for record in records:
        row = {"run": record.name}
        row |= dict(_for_people(key, value) for key, value in record.metrics.items()
                    if key != "categories")
        rows.append(row)
    table = pd.DataFrame(rows).set_index("run")
    levels = sorted({column[len("accuracy_"):] for column in table.columns
                     if column.startswith("accuracy_")}, key=_difficulty_rank)
    first = ["n", "accuracy"] + [f"accuracy_{level}" for level in levels]
    return table[first + [column for column in table.columns if column not in first]]


def compare_items(before, after) -> dict:
    """Two runs on the same items, item by item: how many each got right that the other did not,
    and the chance of a split at least that lopsided if the change made no difference (exact
    two-sided McNemar test: under no difference, each disagreement is a fair coin)."""
    before_right = {r["id"]: r["correct"] for r in before.results}
    after_right = {r["id"]: r["correct"] for r in after.results}
    if set(before_right) != set(after_right):
        raise ValueError(f"{before.name!r} and {after.name!r} were not run on the same items: "
                         "compare runs of one item list")
    fixed = sum(after_right[i] and not before_right[i] for i in before_right)
    broken = sum(before_right[i] and not after_right[i] for i in before_right)
    disagreements = fixed + broken
    tail = sum(math.comb(disagreements, k) for k in range(min(fixed, broken) + 1)) / 2 ** disagreements
    return {"items": len(before_right), "fixed": fixed, "broken": broken,
            "net": fixed - broken, "p_value": min(1.0, 2 * tail)}


# How each metric is labelled on a plot, with its unit; and which ones are better when lower.
_METRIC_LABELS = {
    "accuracy": "Accuracy (% of questions correct)",
    "prompt_tokens": "Prompt tokens (total)",
    "completion_tokens": "Completion tokens (total)",
    "cost_usd": "Cost (US dollars, total)",
    "latency_p50_ms": "Median latency (milliseconds)",
    "latency_p95_ms": "95th-percentile latency (milliseconds)",
}
_LOWER_IS_BETTER = {"prompt_tokens", "completion_tokens", "cost_usd", "latency_p50_ms",
                    "latency_p95_ms"}


def plot_runs(records, metric="accuracy", title=None):
    """A bar chart of one metric across runs (e.g. "accuracy", "accuracy_hard", "latency_p50_ms").

    Returns the matplotlib Figure. Runs are labelled by name, so give them distinct names.
    """
    from course_utils.plots import bar_chart

    metric = _for_people(metric, None)[0]  # "latency_p50_s" is shown as "latency_p50_ms"
    values = compare_runs(records)[metric].astype(float)
    if metric.startswith("accuracy"):
        values, value_format = values * 100, "{:.1f}%"  # show percentages
        label = _METRIC_LABELS["accuracy"].replace("Accuracy", metric.replace("_", " ").capitalize())
    else:
        value_format, label = "{:,.3g}", _METRIC_LABELS.get(metric, metric)
    if title is None and values.notna().any():
        best = values.argmin() if metric in _LOWER_IS_BETTER else values.argmax()
        title = (f"Best {metric.replace('_', ' ')}: {values.index[best]} "
                 f"({value_format.format(values.iloc[best])})")
    axes = bar_chart(dict(zip(values.index, values)), title=title or label, ylabel=label,
                     xlabel="Run", value_format=value_format)
    return axes.figure
