"""Pre-train acme-tiny from scratch: `python -m course_utils.offline.training.train_base`.

The corpus (course_utils/offline/corpus/) is built only from the practice databases of the
"train" split; no Acme document, QA pair, ticket or held-out database enters it. Runs on a
laptop CPU; the embedder is the packaged all-MiniLM-L6-v2 (frozen).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time

import torch

from course_utils.offline.corpus.build import build_corpus
from course_utils.offline.corpus.sql import schema_only_requests, seen_queries, sql_rows
from course_utils.offline.model.acme_tiny.loading import MODEL_ID, WEIGHTS_DIR
from course_utils.offline.model.acme_tiny.network import CAPABILITY, AcmeTinyConfig, AcmeTinyNetwork
from course_utils.offline.model.embedder import shared_embedder
from course_utils.offline.reading.prompt_reader import read_by_rules
from course_utils.offline.training.answers import make_examples, mean_loss, train_answers
from course_utils.offline.training.sql import (TRANSFER_LEARNING_RATE, TRANSFER_PARAMETERS, TRANSFER_STEPS,
                                               make_sql_examples, make_transfer_examples, mean_sql_loss, train_sql,
                                               write_seen_queries)
from course_utils.sql_prompts import choose_examples

# Requests that are neither a question about given passages nor a classification: the model
# should say what it can do. Written for this script.
OTHER_REQUESTS = [
    "Write a haiku about autumn leaves.", "Tell me a joke about penguins.",
    "Translate 'good morning' into Spanish.", "Write a short poem about the sea.",
    "Draft an email to my landlord about a broken heater.", "Summarize the plot of a famous novel.",
    "Write a blog post about productivity.", "Give me a recipe for pancakes.",
    "Compose a limerick about a cat.", "Write a cover letter for a barista job.",
    "Generate five names for a coffee shop.", "Rewrite this sentence to sound more formal: hey whats up",
    "Write a story about a dragon who loves books.", "Create a workout plan for beginners.",
    "Write Python code that reverses a string.", "Brainstorm ideas for a birthday party.",
    "Write a tweet announcing our new product.", "Explain like I'm five how rainbows form, in a song.",
    "Make up a riddle.", "Write a motivational speech for a football team.",
    "Plan a three-day trip itinerary.", "Write a thank-you note to my teacher.",
    "Paraphrase: the meeting was postponed.", "Write lyrics for a lullaby.",
    "Draft a LinkedIn post about my promotion.", "Suggest a name for my dog.",
    "Write a product description for a water bottle.", "Write a dialogue between two robots.",
    "Give me a pep talk.", "Compose a sonnet about coffee.",
]


def capability_rows(system_prompts=("", "You are a helpful assistant.")) -> list[dict]:
    rows = []
    for request in OTHER_REQUESTS:
        for system in system_prompts:
            messages = ([{"role": "system", "content": system}] if system else [])
            messages += [{"role": "user", "content": request}, {"role": "assistant", "content": CAPABILITY}]
            rows.append({"messages": messages})
    return rows


def train_sql_head(network, embed, args, history, report) -> dict:
    """Second phase: the SQL head, on requests from the train practice databases."""
    def similar(question, pool, k):
        return choose_examples(question, pool, k, how="similar", embed=embed)

    started = time.perf_counter()
    seen = write_seen_queries(network, seen_queries(), embed)
    rows = sql_rows(seed=args.seed, similar=similar)
    if args.limit:
        rows = rows[: args.limit]
    random.Random(args.seed).shuffle(rows)
    examples, missed = make_sql_examples(rows, embed, seen=seen)
    n_valid = max(20, len(examples) // 20)
    valid, examples = examples[:n_valid], examples[n_valid:]
    print(f"SQL head: {len(rows)} requests, {len(examples)} training / {len(valid)} validation examples, "
          f"{missed} with no right candidate ({time.perf_counter() - started:.0f} s)", flush=True)
    steps = args.sql_epochs * math.ceil(len(examples) / args.batch_size)
    train_sql(network, examples, epochs=args.sql_epochs, batch_size=args.batch_size, learning_rate=args.lr,
              seed=args.seed, validation=valid, report=report, first_step=len(history),
              total_steps=len(history) + steps)
    summary = {"sql_train_examples": len(examples), "sql_valid_examples": len(valid),
               "sql_final_valid_loss": mean_sql_loss(network, valid)}
    return summary | train_transfer_head(network, embed, seen, args, history, report)


def train_transfer_head(network, embed, seen, args, history, report) -> dict:
    """Third phase: the transfer scorer, on every train practice question asked with its schema
    alone (few examples, so full-batch steps at a higher learning rate)."""
    started = time.perf_counter()
    examples, missed = make_transfer_examples(schema_only_requests()[: args.limit or None], embed, seen)
    random.Random(args.seed).shuffle(examples)
    n_valid = len(examples) // 20
    valid, examples = examples[:n_valid], examples[n_valid:]
    print(f"Transfer scorer: {len(examples)} training / {len(valid)} validation requests, {missed} with no "
          f"right candidate ({time.perf_counter() - started:.0f} s)", flush=True)
    if not examples:
        return {"transfer_train_examples": 0}
    train_sql(network, examples, epochs=args.transfer_steps, batch_size=len(examples), learning_rate=args.transfer_lr,
              parts=TRANSFER_PARAMETERS, seed=args.seed, validation=valid, report=report,
              first_step=len(history), total_steps=len(history) + args.transfer_steps)
    return {"transfer_train_examples": len(examples), "transfer_valid_examples": len(valid),
            "transfer_final_valid_loss": mean_sql_loss(network, valid)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--sql-epochs", type=int, default=3)
    parser.add_argument("--transfer-steps", type=int, default=TRANSFER_STEPS,
                        help="full-batch steps of the transfer scorer")
    parser.add_argument("--transfer-lr", type=float, default=TRANSFER_LEARNING_RATE)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None, help="use only this many corpus rows per task")
    parser.add_argument("--out", default=str(WEIGHTS_DIR))
    args = parser.parse_args()

    started = time.perf_counter()
    corpus = build_corpus(seed=args.seed)
    rows = []
    for task, task_rows in sorted(corpus.items()):
        rows += task_rows[: args.limit] if args.limit else task_rows
    rows += capability_rows()
    random.Random(args.seed).shuffle(rows)
    n_valid = max(50, len(rows) // 20)
    embed = shared_embedder()
    print(f"corpus: {len(rows)} chat examples; featurising (embedding passages and labels)...", flush=True)
    # The corpus is laid out in the sections the rule reader reads; the committed weights were trained on
    # that reading, before the prompt tagger served requests (reading/tagged_reader.py).
    examples, unmatched = make_examples(rows, embed, read=read_by_rules)
    valid, examples = examples[:n_valid], examples[n_valid:]
    print(f"{len(examples)} training / {len(valid)} validation examples, {unmatched} unmatched "
          f"({time.perf_counter() - started:.0f} s)", flush=True)

    torch.manual_seed(args.seed)  # the initial weights too, so a rerun gives the same model
    network = AcmeTinyNetwork(AcmeTinyConfig())
    print(f"network: {sum(p.numel() for p in network.parameters()):,} weights", flush=True)
    history = []

    def report(r):
        history.append({"step": r.step, "train_loss": r.train_loss, "valid_loss": r.valid_loss})
        if r.valid_loss is not None or r.step % 50 == 0:
            valid_text = f", valid loss {r.valid_loss:.3f}" if r.valid_loss is not None else ""
            print(f"epoch {r.epoch} step {r.step}/{r.total_steps}: train loss {r.train_loss:.3f}{valid_text}",
                  flush=True)

    train_answers(network, examples, epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.lr,
          seed=args.seed, validation=valid, report=report)
    sql_summary = train_sql_head(network, embed, args, history, report)
    network.save_pretrained(args.out)
    summary = {"model": MODEL_ID, "seed": args.seed, "epochs": args.epochs, "batch_size": args.batch_size,
               "learning_rate": args.lr, "train_examples": len(examples), "valid_examples": len(valid),
               "final_valid_loss": mean_loss(network, valid), **sql_summary,
               "seconds": round(time.perf_counter() - started)}
    with open(f"{args.out}/training_summary.json", "w", encoding="utf-8") as f:
        json.dump({**summary, "history": history}, f, indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
