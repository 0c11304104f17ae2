"""Benchmark the embedded offline backend through the real openai SDK.

Prints: cold start to first answer; p50/p95 latency of a QA request; embedding throughput;
the cached/uncached speedup; knowledge-base QA accuracy with no context vs the gold documents
in context; ticket classification accuracy with label codes only, with descriptions, with
examples, and after a fine-tuning job on the training tickets.

    python benchmarks/bench_offline.py            # everything (a few minutes on 2 CPU cores)
    python benchmarks/bench_offline.py --quick    # fewer questions, no fine-tuning job
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from course_utils import datasets
from course_utils.client import get_client
from course_utils.fine_tuning import fine_tune
from course_utils.label_eval import label_scorer
from course_utils.models import model_for
from course_utils.predictors import chat_predictor, classify_messages, qa_messages
from course_utils.qa_eval import qa_scorer
from course_utils.runner import evaluate
from course_utils.ticket_prompts import fine_tuning_rows


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_latency(client, chat_model, docs, qa):
    started = time.perf_counter()
    item = next(q for q in qa if q["doc_ids"])
    messages = qa_messages(item["question"], [docs[d]["body"] for d in item["doc_ids"]])
    client.chat.completions.create(model=chat_model, messages=messages, temperature=0)
    print(f"cold start to first answer (server start, model and embedder load): {time.perf_counter() - started:.2f} s")
    timings = []
    for q in qa[:60]:
        passages = [docs[d]["body"] for d in q["doc_ids"]] or [docs["POL-RET-2"]["body"]]
        t = time.perf_counter()
        client.chat.completions.create(model=chat_model, messages=qa_messages(q["question"], passages),
                                       temperature=0)
        timings.append(time.perf_counter() - t)
    print(f"QA request latency over {len(timings)} requests: p50 {1000 * statistics.median(timings):.0f} ms, "
          f"p95 {1000 * percentile(timings, 0.95):.0f} ms")


def bench_embeddings(client, docs):
    model = model_for("embedding")
    texts = [line for d in docs.values() for line in d["body"].split("\n") if len(line) > 30][:512]
    client.embeddings.create(model=model, input=texts[:8])  # load the embedder first
    started = time.perf_counter()
    for i in range(0, len(texts), 64):
        client.embeddings.create(model=model, input=texts[i:i + 64])
    seconds = time.perf_counter() - started
    print(f"embedding throughput: {len(texts) / seconds:.0f} texts/s ({len(texts)} texts, batches of 64)")


def bench_cache(chat_model, docs, qa, folder):
    requests = [qa_messages(q["question"], [docs[d]["body"] for d in q["doc_ids"]]) for q in qa[:30]]
    timings = {}
    for cached in (False, True):
        client = get_client(cache=cached, cache_folder=folder)
        rounds = 2 if cached else 1  # with the cache: fill it first, then time the same requests
        for _ in range(rounds):
            started = time.perf_counter()
            for messages in requests:
                client.chat.completions.create(model=chat_model, temperature=0, messages=messages)
        timings[cached] = time.perf_counter() - started
    print(f"response cache: uncached {timings[False]:.2f} s, cached {timings[True]:.2f} s for "
          f"{len(requests)} requests: {timings[False] / timings[True]:.0f}x faster")


def bench_qa_accuracy(client, chat_model, docs, qa):
    shuffled = random.Random(0).sample(sorted(docs), len(docs))
    runs = {
        "no context": lambda q: qa_messages(q["question"]),
        "two random documents in context": lambda q: qa_messages(
            q["question"], [docs[d]["body"] for d in shuffled[int(q["id"].rsplit("-", 1)[1]) % (len(shuffled) - 2):][:2]]),
        "gold documents in context": lambda q: qa_messages(
            q["question"], [docs[d]["body"] for d in q["doc_ids"]] or [docs["POL-RET-2"]["body"]]),
    }
    for name, build in runs.items():
        record = evaluate(chat_predictor(client, chat_model, build, temperature=0), qa, qa_scorer(),
                          name=f"KB QA, {name}", progress=False)
        print(f"KB QA ({len(qa)} questions), {name}: {record.metrics['accuracy']:.1%} "
              f"{dict(sorted(record.metrics['categories'].items()))}")


def bench_classification(client, chat_model, run_job: bool):
    train, test = datasets.load_tickets("train"), datasets.load_tickets("test")
    labels = sorted({t["label"] for t in train})
    descriptions = datasets.load_ticket_labels()
    rng = random.Random(0)
    examples = [pair for label in labels
                for pair in rng.sample([(t["text"], t["label"]) for t in train if t["label"] == label], 2)]
    variants = {
        "label codes only": lambda t: classify_messages(t["text"], labels),
        "+ label descriptions": lambda t: classify_messages(t["text"], labels, descriptions),
        "+ descriptions and 2 examples per label": lambda t: classify_messages(t["text"], labels, descriptions, examples),
    }
    results = {}
    for name, build in variants.items():
        record = evaluate(chat_predictor(client, chat_model, build, temperature=0), test, label_scorer(labels),
                          name=name, progress=False)
        results[name] = record.metrics["accuracy"]
        print(f"tickets ({len(test)} test messages), {name}: {record.metrics['accuracy']:.1%}")
    if not run_job:
        return
    rows = fine_tuning_rows(train, labels)
    try:
        job, seconds = fine_tune(client, rows, "tickets", hyperparameters={"n_epochs": 3})
    except RuntimeError as error:
        print(f"fine-tuning job on {len(rows)} tickets: {error}")
        return
    print(f"fine-tuning job on {len(rows)} tickets: {job.status} in {seconds:.0f} s")
    record = evaluate(chat_predictor(client, job.fine_tuned_model, variants["label codes only"], temperature=0),
                      test, label_scorer(labels), name="fine-tuned", progress=False)
    print(f"tickets, fine-tuned model, label codes only: {record.metrics['accuracy']:.1%}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer questions and no fine-tuning job")
    args = parser.parse_args()
    client = get_client(cache=False)
    chat_model = model_for("chat")
    docs = {d["id"]: d for d in datasets.load_kb_docs()}
    qa = datasets.load_kb_qa()
    if args.quick:
        qa = qa[:40]
    bench_latency(client, chat_model, docs, qa)
    bench_embeddings(client, docs)
    with tempfile.TemporaryDirectory() as folder:
        bench_cache(chat_model, docs, qa, Path(folder))
    bench_qa_accuracy(client, chat_model, docs, qa)
    bench_classification(client, chat_model, run_job=not args.quick)


if __name__ == "__main__":
    main()
