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
import io
import json
import random
import time
from pathlib import Path

import numpy as np

from course_utils import datasets
from course_utils.client import connection, get_client
from course_utils.models import model_for
from course_utils.predictors import chat_predictor
from course_utils.runner import Prediction, evaluate
from course_utils.sql import schema_text
from course_utils.sql_eval import sql_scorer, vote_by_result
from course_utils.sql_prompts import choose_examples, sql_messages

RESULTS = Path(__file__).resolve().parent / "sql_ladder_results.json"


def fine_tune(client, rows: list[dict], suffix: str) -> tuple[str, float]:
    """Run a fine-tuning job on chat rows; returns the model id and the job's wall time."""
    data = "\n".join(json.dumps(row) for row in rows).encode("utf-8")
    uploaded = client.files.create(file=(f"{suffix}.jsonl", io.BytesIO(data)), purpose="fine-tune")
    started = time.perf_counter()
    job = client.fine_tuning.jobs.create(model=model_for("fine_tune_base"), training_file=uploaded.id,
                                         suffix=suffix, hyperparameters={"n_epochs": 3})
    while job.status not in ("succeeded", "failed", "cancelled"):
        time.sleep(0.5)
        job = client.fine_tuning.jobs.retrieve(job.id)
    if job.status != "succeeded":
        raise RuntimeError(f"fine-tuning job {job.id} ended {job.status}: {job.error}")
    return job.fine_tuned_model, time.perf_counter() - started


def training_rows(train: list[dict], schema: str, corrupt: float = 0.0, seed: int = 0) -> list[dict]:
    """Chat rows (question and schema -> SQL); `corrupt` swaps that share of answers among themselves."""
    answers = [item["sql"] for item in train]
    if corrupt:
        r = random.Random(seed)
        chosen = r.sample(range(len(train)), int(corrupt * len(train)))
        rotated = chosen[1:] + chosen[:1]  # every chosen question gets another chosen question's SQL
        for i, j in zip(chosen, rotated):
            answers[i] = train[j]["sql"]
    return [{"messages": sql_messages(item["question"], schema=schema) + [{"role": "assistant", "content": sql}]}
            for item, sql in zip(train, answers)]


def self_consistent(client, model, build, db_path, samples=5, temperature=0.7):
    """A predictor that samples `samples` answers and keeps the one whose result most share."""

    def predict(item):
        response = client.chat.completions.create(model=model, messages=build(item), n=samples,
                                                  temperature=temperature, seed=0)
        texts = [choice.message.content or "" for choice in response.choices]
        usage = response.usage
        return Prediction(text=vote_by_result(db_path, texts), prompt_tokens=usage.prompt_tokens,
                          completion_tokens=usage.completion_tokens)

    return predict


SPLITS = {"familiar": "test", "new": "test_new"}  # how the ladder names each Acme test split


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
    chat = model_for("chat")
    embedding_model = model_for("embedding")

    vectors: dict[str, list[float]] = {}  # each text is embedded once: the pool repeats in every call

    def embed(texts):
        missing = list(dict.fromkeys(t for t in texts if t not in vectors))
        for i in range(0, len(missing), 256):
            response = client.embeddings.create(model=embedding_model, input=missing[i:i + 256])
            vectors.update(zip(missing[i:i + 256], (d.embedding for d in response.data)))
        return np.array([vectors[t] for t in texts])

    db = datasets.ACME_DB
    schema = schema_text(db)
    dictionary = datasets.ACME_DICTIONARY.read_text(encoding="utf-8")
    train = datasets.load_acme_questions("train")[: 80 if args.quick else None]
    tests = {split: datasets.load_acme_questions(file)[:limit] for split, file in SPLITS.items()}
    pool = [{"question": t["question"], "sql": t["sql"]} for t in train]
    similar = {item["id"]: choose_examples(item["question"], pool, 5, "similar", embed)
               for items in tests.values() for item in items}
    scorer = sql_scorer(db)
    results: dict[str, dict] = {}

    def evaluate_fresh(name, predictor, items, score):
        if connection().backend == "offline":  # time every rung on questions it has not embedded yet
            from course_utils.offline.model.embedder import shared_embedder

            shared_embedder().cache.clear()
        return summary(evaluate(predictor, items, score, name=name, workers=1, progress=False))

    def run(name, predictor):
        """One rung on both Acme test splits."""
        results[name] = {split: evaluate_fresh(name, predictor, items, scorer) for split, items in tests.items()}
        for split, figures in results[name].items():
            show(name if split == "familiar" else "", figures, split)

    if "base" in wanted:
        base_rungs(run, client, chat, schema, dictionary, pool, similar)
    if "fine-tuned" in wanted:
        fine_tuned_rungs(run, results, client, train, schema, dictionary, similar, db)
    if "held-out" in wanted:
        held_out = [q for db_id in datasets.practice_splits()["held_out"] for q in datasets.load_practice_questions(db_id)]
        held_out = held_out[::len(held_out) // limit] if limit else held_out
        schemas = {db_id: schema_text(datasets.practice_db(db_id)) for db_id in {q["db_id"] for q in held_out}}
        name = "held-out practice databases, base model + schema"
        results[name] = evaluate_fresh(name, chat_predictor(
            client, chat, lambda it: sql_messages(it["question"], schemas[it["db_id"]]), temperature=0),
            held_out, sql_scorer(lambda it: datasets.practice_db(it["db_id"])))
        show(name, results[name])
    if not args.quick and not args.only:
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"saved {RESULTS}")


def base_rungs(run, client, chat, schema, dictionary, pool, similar) -> None:
    """Rungs 1-5: the base model, with more in the prompt at each rung."""
    run("1 question only", chat_predictor(client, chat, lambda it: sql_messages(it["question"]), temperature=0))
    run("2 + schema", chat_predictor(client, chat, lambda it: sql_messages(it["question"], schema), temperature=0))
    run("3 + schema + dictionary", chat_predictor(
        client, chat, lambda it: sql_messages(it["question"], schema, dictionary), temperature=0))
    run("4 + 5 random examples", chat_predictor(client, chat, lambda it: sql_messages(
        it["question"], schema, dictionary, choose_examples(it["question"], pool, 5, "random")), temperature=0))
    run("5 + 5 similar examples (DAIL-SQL)", chat_predictor(client, chat, lambda it: sql_messages(
        it["question"], schema, dictionary, similar[it["id"]]), temperature=0))


def fine_tuned_rungs(run, results, client, train, schema, dictionary, similar, db) -> None:
    """Rungs 6-8 on a fine-tune of the Acme training pairs, and a fine-tune on corrupted pairs."""
    clean, seconds = fine_tune(client, training_rows(train, schema), "acme-sql")
    results["fine_tune_seconds"] = round(seconds, 1)
    print(f"fine-tuning job ({len(train)} pairs, 3 epochs): {seconds:.0f} s -> {clean}", flush=True)
    run("6 fine-tuned, question + schema", chat_predictor(
        client, clean, lambda it: sql_messages(it["question"], schema), temperature=0))

    def best(it):
        return sql_messages(it["question"], schema, dictionary, similar[it["id"]])

    run("7 fine-tuned + similar examples + dictionary", chat_predictor(client, clean, best, temperature=0))
    run("8 rung 7 + self-consistency (5 samples)", self_consistent(client, clean, best, db))
    corrupted, _ = fine_tune(client, training_rows(train, schema, corrupt=0.3), "acme-sql-corrupt")
    run("6 with a corrupted fine-tune (30% answers swapped)", chat_predictor(
        client, corrupted, lambda it: sql_messages(it["question"], schema), temperature=0))


if __name__ == "__main__":
    main()
