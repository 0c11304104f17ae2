"""The course's text-to-SQL optimization ladder, measured on both Acme test splits.

Each rung adds one technique; each is measured on the familiar-intents split (test.jsonl: most
questions share an intent and a masked SQL template with a training question) and on the
new-intents split (test_new.jsonl: intents training never shows), for execution accuracy
(overall and per Spider difficulty), error categories, prompt and completion tokens, and p50
latency of one request:

1. question only                  5. + 5 examples chosen by similarity (DAIL-SQL)
2. + schema                       6. fine-tuned model, question and schema only
3. + schema and data dictionary   7. fine-tuned model + similar examples + dictionary
4. + 5 random training examples   8. rung 7 with self-consistency over 5 samples

Also: the base model with schema on the held-out practice databases (generalisation), and a
fine-tune on a corrupted copy of the training set (30% of answers swapped) against the clean
one. Results go to benchmarks/sql_ladder_results.json; RESULTS.md quotes them.

    python benchmarks/bench_sql_ladder.py            # everything (minutes on 2 CPU cores)
    python benchmarks/bench_sql_ladder.py --quick    # smoke run: 6 questions, small fine-tunes, nothing saved
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from course_utils import datasets
from course_utils.client import connection, get_client
from course_utils.embeddings import cached_embedder
from course_utils.models import model_for
from course_utils.predictors import chat_predictor
from course_utils.runner import evaluate
from course_utils.sql import schema_text
from course_utils.sql_eval import sql_scorer
from course_utils.sql_ladder import (Kitchen, Recipe, fine_tune_sql, recipe_predictor,
                                     training_rows)
from course_utils.sql_prompts import sql_messages

RESULTS = Path(__file__).resolve().parent / "sql_ladder_results.json"
SPLITS = {"familiar": "test", "new": "test_new"}  # how the ladder names each Acme test split
BASE_RUNGS = {
    "1 question only": Recipe(),
    "2 + schema": Recipe(schema=True),
    "3 + schema + dictionary": Recipe(schema=True, dictionary=True),
    "4 + 5 random examples": Recipe(schema=True, dictionary=True, examples=5, choose="random"),
    "5 + 5 similar examples (DAIL-SQL)": Recipe(schema=True, dictionary=True, examples=5),
}


def summary(record) -> dict:
    m = record.metrics
    keep = ["n", "accuracy", "accuracy_easy", "accuracy_medium", "accuracy_hard", "accuracy_extra",
            "categories", "prompt_tokens", "completion_tokens", "latency_p50_s"]
    return {k: m.get(k) for k in keep}


def show(name: str, s: dict, split: str = "") -> None:
    levels = " ".join(f"{level}={s.get(f'accuracy_{level}') or 0:.0%}" for level in ("easy", "medium", "hard", "extra"))
    wrong = ", ".join(f"{category} {count}" for category, count in sorted(s["categories"].items())
                      if category != "correct")
    print(f"{name:<58} {split:<8} {s['accuracy']:6.1%}  ({levels})  prompt {s['prompt_tokens'] / s['n']:7.0f} "
          f"tok/q  completion {s['completion_tokens'] / s['n']:5.0f} tok/q  p50 {1000 * s['latency_p50_s']:5.0f} ms"
          f"  [{wrong}]", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 questions, 80 training pairs, nothing saved")
    parser.add_argument("--only", choices=["base", "fine-tuned", "held-out"],
                        help="run one group of rungs (1-5, 6-8 and the corrupted fine-tune, or held-out); nothing saved")
    args = parser.parse_args()
    wanted = {"base": ("base",), "fine-tuned": ("fine-tuned",), "held-out": ("held-out",)}.get(
        args.only, ("base", "fine-tuned", "held-out"))
    limit = 6 if args.quick else None
    client = get_client(cache=False)

    db = datasets.ACME_DB
    train = datasets.load_acme_questions("train")[: 80 if args.quick else None]
    tests = {split: datasets.load_acme_questions(file)[:limit] for split, file in SPLITS.items()}
    kitchen = Kitchen(client, schema_text(db), datasets.ACME_DICTIONARY.read_text(encoding="utf-8"),
                      [{"question": t["question"], "sql": t["sql"]} for t in train], db, cached_embedder(client))
    for items in tests.values():  # examples are chosen before any rung is timed
        for item in items:
            kitchen.examples_for(item["question"], 5, "similar")
    scorer = sql_scorer(db)
    results: dict[str, dict] = {}

    def evaluate_fresh(name, predictor, items, score):
        if connection().backend == "offline":  # time every rung on questions it has not embedded yet
            from course_utils.offline.model.embedder import shared_embedder

            shared_embedder().cache.clear()
        return summary(evaluate(predictor, items, score, name=name, workers=1, progress=False))

    def run(name, recipe):
        """One rung on both Acme test splits."""
        predictor = recipe_predictor(recipe, kitchen)
        results[name] = {split: evaluate_fresh(name, predictor, items, scorer) for split, items in tests.items()}
        for split, figures in results[name].items():
            show(name if split == "familiar" else "", figures, split)

    if "base" in wanted:
        for name, recipe in BASE_RUNGS.items():
            run(name, recipe)
    if "fine-tuned" in wanted:
        fine_tuned_rungs(run, results, client, train, kitchen.schema)
    if "held-out" in wanted:
        held_out = [q for db_id in datasets.practice_splits()["held_out"] for q in datasets.load_practice_questions(db_id)]
        held_out = held_out[::len(held_out) // limit] if limit else held_out
        schemas = {db_id: schema_text(datasets.practice_db(db_id)) for db_id in {q["db_id"] for q in held_out}}
        name = "held-out practice databases, base model + schema"
        results[name] = evaluate_fresh(name, chat_predictor(
            client, model_for("chat"), lambda it: sql_messages(it["question"], schemas[it["db_id"]]), temperature=0),
            held_out, sql_scorer(lambda it: datasets.practice_db(it["db_id"])))
        show(name, results[name])
    if not args.quick and not args.only:
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"saved {RESULTS}")


def fine_tuned_rungs(run, results, client, train, schema) -> None:
    """Rungs 6-8 on a fine-tune of the Acme training pairs, and a fine-tune on corrupted pairs."""
    clean, seconds = fine_tune_sql(client, training_rows(train, schema), "acme-sql")
    results["fine_tune_seconds"] = round(seconds, 1)
    print(f"fine-tuning job ({len(train)} pairs, 3 epochs): {seconds:.0f} s -> {clean}", flush=True)
    best = dict(schema=True, dictionary=True, examples=5, model=clean)
    run("6 fine-tuned, question + schema", Recipe(schema=True, model=clean))
    run("7 fine-tuned + similar examples + dictionary", Recipe(**best))
    run("8 rung 7 + self-consistency (5 samples)", Recipe(**best, samples=5))
    corrupted, _ = fine_tune_sql(client, training_rows(train, schema, corrupt=0.3), "acme-sql-corrupt")
    run("6 with a corrupted fine-tune (30% answers swapped)", Recipe(schema=True, model=corrupted))


if __name__ == "__main__":
    main()
