"""Lesson 03's RAG ladder on Acme's knowledge base: each rung's answer accuracy and retrieval.

Every rung is a `course_utils.rag.RagRecipe`, measured on the dev half of the QA set (`rag.qa_split`),
where the lesson chooses; the best rung on dev and the naive one are then measured once on the test half,
next to the gold documents in the prompt. Printed per rung: accuracy, llama-index's hit rate, MRR, recall
and precision (answerable questions), prompt tokens per question and p50 latency.

    python benchmarks/bench_rag_ladder.py            # the whole ladder (a couple of minutes on 2 cores)
    python benchmarks/bench_rag_ladder.py --n 12     # smoke run on 12 questions per half
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from course_utils import datasets
from course_utils.client import get_client
from course_utils.llama_setup import configure_llama_index
from course_utils.models import model_for
from course_utils.predictors import chat_predictor, qa_messages
from course_utils.qa_eval import qa_scorer
from course_utils.rag import RagKitchen, RagRecipe, qa_split, rag_predictor, rag_scorer, rag_summary
from course_utils.runner import evaluate


def rungs() -> dict[str, RagRecipe]:
    """The lesson's rungs, in order."""
    current = RagRecipe(chunk_size=192, chunk_overlap=19, top_k=2, candidates=4, current_only=True)
    return {
        "1 naive: 1,024-token chunks, top 3": RagRecipe(chunk_size=1024, chunk_overlap=100, top_k=3),
        **{f"2 chunks of {size}, top 3": RagRecipe(chunk_size=size, chunk_overlap=size // 10) for size in (96, 192, 384)},
        **{f"3 chunks of 192, top {k}": RagRecipe(chunk_size=192, chunk_overlap=19, top_k=k) for k in (2, 3, 5)},
        "4 + prefer the most recent": current,
        "5 + filter by domain": replace(current, by_domain=True),
        "6a + query expansion": replace(current, expand_products=True),
        "6b + product facts tool": replace(current, product_facts=True),
    }


def line(name: str, row: dict) -> str:
    return (f"{name:42} accuracy {row['accuracy']:6.1%}  hit rate {row['hit_rate']:.2f}  MRR {row['mrr']:.2f}  "
            f"recall {row['recall']:.2f}  precision {row['precision']:.2f}  "
            f"{row['prompt tokens']:5.0f} prompt tokens  p50 {row['p50 ms']:4.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="questions per half (default: all)")
    args = parser.parse_args()
    configure_llama_index(temperature=0)
    client, model = get_client(), model_for("chat")
    dev, test = (half[: args.n] for half in qa_split())
    kitchen = RagKitchen(client, model)
    rows = {}
    print(f"dev: {len(dev)} questions")
    for name, recipe in rungs().items():
        rows[name] = rag_summary(evaluate(rag_predictor(recipe, kitchen), dev, rag_scorer(), name=name, progress=False))
        print(line(name, rows[name]), flush=True)
    best = max(rows, key=lambda name: rows[name]["accuracy"])
    docs = {doc["id"]: doc for doc in datasets.load_kb_docs()}
    gold = chat_predictor(client, model, lambda q: qa_messages(q["question"], [docs[d]["body"] for d in q["doc_ids"]]),
                          temperature=0)
    print(f"\ntest: {len(test)} questions, once")
    for name in dict.fromkeys((next(iter(rows)), best)):  # naive, and the best on dev if it is another
        row = rag_summary(evaluate(rag_predictor(rungs()[name], kitchen), test, rag_scorer(), name=name, progress=False))
        print(line(f"{name} (best on dev)" if name == best else name, row))
    for name, items in (("dev", dev), ("test", test)):
        run = evaluate(gold, items, qa_scorer(), name="gold", progress=False)
        print(f"gold documents in the prompt, {name}: {run.metrics['accuracy']:.1%}")


if __name__ == "__main__":
    main()
