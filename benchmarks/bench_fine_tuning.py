"""Lesson 04's figures through the SDK: a fine-tune against prompts, bad data, the data checks.

Prints: the job's time and each checkpoint's validation loss and dev accuracy; on the test tickets,
accuracy, prompt tokens and p50 latency of the base model (short and long prompt), the fine-tuned
model and the nearest-neighbour baseline; fine-tunes on bad data (30% swapped labels, 30%
deferring replies) and after three repairs of the swapped file (a random drop as the control), on dev
and test; the neighbour check's precision and recall; final validation losses over a small
hyperparameter grid within 3 epochs.

    python benchmarks/bench_fine_tuning.py            # everything (a few minutes on 2 CPU cores)
    python benchmarks/bench_fine_tuning.py --quick    # a check that it runs: one epoch in batches of 8,
                                                      # 40 dev and 40 test tickets, no grid
"""

from __future__ import annotations

import argparse
import itertools
import random

from course_utils import datasets
from course_utils.client import get_client
from course_utils.embeddings import cached_embedder
from course_utils.fine_tuning import fine_tune, loss_curve, validation_points
from course_utils.label_eval import label_scorer
from course_utils.models import model_for
from course_utils.predictors import chat_predictor, classify_messages
from course_utils.runner import Prediction, evaluate
from course_utils.ticket_prompts import ExampleChooser, development_split, fine_tuning_rows, ticket_messages
from course_utils.training_data_audit import (answers_outside, assistant_answer, label_disagreements,
                                              with_answers_replaced, with_answers_swapped)

DEFERRAL = "Sure, I'll look into that first thing tomorrow morning."


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one epoch in batches of 8, 40 dev and 40 test tickets, no grid")
    args = parser.parse_args()
    client = get_client(cache=False)
    chat_model = model_for("chat")
    pool, dev = development_split()
    test = datasets.load_tickets("test")
    if args.quick:
        dev, test = dev[:40], test[:40]
    labels = sorted(datasets.load_ticket_labels())
    full_guide = datasets.load_ticket_labels(full=True)
    rows, validation_rows = fine_tuning_rows(pool, labels), fine_tuning_rows(dev, labels)
    settings = {"n_epochs": 1, "batch_size": 8} if args.quick else {"n_epochs": 3}
    short = lambda t: classify_messages(t["text"], labels)

    def run(model, items, build=short):
        return evaluate(chat_predictor(client, model, build, temperature=0), items, label_scorer(labels),
                        name=model, progress=False)

    def job_for(training, suffix, hyperparameters=settings):
        return fine_tune(client, training, suffix, validation_rows=validation_rows, hyperparameters=hyperparameters)

    job, seconds = job_for(rows, "tickets")
    print(f"fine-tuning job: {len(rows)} rows, {settings['n_epochs']} epoch(s), {seconds:.1f} s")
    for checkpoint in client.fine_tuning.jobs.checkpoints.list(job.id).data[::-1]:
        accuracy = run(checkpoint.fine_tuned_model_checkpoint, dev).metrics["accuracy"]
        print(f"  checkpoint at step {checkpoint.step_number}: validation loss {checkpoint.metrics.valid_loss:.3f}, "
              f"dev accuracy {accuracy:.1%}")

    chooser = ExampleChooser(pool, cached_embedder(client))
    routes = {
        "base, codes only": run(chat_model, test),
        "base, full guide + 2 similar": run(chat_model, test, lambda t: ticket_messages(
            t["text"], labels, full_guide, chooser(t["text"], 2))),
        "fine-tuned, codes only": run(job.fine_tuned_model, test),
        "nearest pool ticket": evaluate(lambda t: Prediction(chooser(t["text"], 1)[0][1]), test,
                                        label_scorer(labels), name="nearest", progress=False),
    }
    for name, record in routes.items():
        m = record.metrics
        tokens = (m["prompt_tokens"] or 0) / m["n"]
        print(f"test ({m['n']} tickets), {name}: {m['accuracy']:.1%}, {tokens:,.0f} prompt tokens, "
              f"p50 {1000 * m['latency_p50_s']:.0f} ms")

    swapped = with_answers_swapped(rows, 0.3)
    really_swapped = {i for i, (a, b) in enumerate(zip(rows, swapped)) if assistant_answer(a) != assistant_answer(b)}
    suspects = set(label_disagreements([t["text"] for t in pool], [assistant_answer(r) for r in swapped],
                                       cached_embedder(client)))
    found = len(suspects & really_swapped)
    print(f"neighbour check on the swapped file: {len(suspects)} flagged, {found} of {len(really_swapped)} "
          f"swapped rows found (recall {found / len(really_swapped):.0%}, precision {found / len(suspects):.0%})")
    at_random = set(random.Random(1).sample(range(len(rows)), len(suspects)))  # seed 0 chose the swapped rows
    deferring = with_answers_replaced(rows, 0.3, DEFERRAL)
    print(f"answers outside the labels in the deferring file: {len(answers_outside(deferring, labels))} of {len(rows)}")
    # lesson 04's section 6 runs these jobs in batches of 4 (a third of the time), beside a clean one
    bad_data_settings = settings if args.quick else {"n_epochs": 3, "batch_size": 4}
    variants = {
        "clean rows (the reference)": rows,
        "30% swapped labels": swapped,
        "30% deferring replies": deferring,
        "swapped, suspects dropped": [r for i, r in enumerate(swapped) if i not in suspects],
        "swapped, as many rows dropped at random": [r for i, r in enumerate(swapped) if i not in at_random],
        "swapped, suspects reviewed": [rows[i] if i in suspects else r for i, r in enumerate(swapped)],
    }
    for name, training in variants.items():
        model = job_for(training, "variant", bad_data_settings)[0].fine_tuned_model
        on_test = run(model, test)
        defers = sum(DEFERRAL in str(r["prediction"]) for r in on_test.results)
        print(f"fine-tuned on {name} ({len(training)} rows, {bad_data_settings}): dev {run(model, dev).metrics['accuracy']:.1%}, "
              f"test {on_test.metrics['accuracy']:.1%}, replies that defer {defers}")

    if args.quick:
        return
    for epochs, batch_size, multiplier in itertools.product((2, 3), (1, 4), (1, 2, 4)):
        grid = {"n_epochs": epochs, "batch_size": batch_size, "learning_rate_multiplier": multiplier}
        grid_job, seconds = fine_tune(client, rows, "grid", validation_rows=validation_rows, hyperparameters=grid)
        final = validation_points(loss_curve(client, grid_job.id))[-1][1]
        print(f"grid {grid}: final validation loss {final:.3f} ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
