"""How well the chat model reads prompts in layouts other than the course's own templates.

Learners write their own prompts. Each task is asked on the same items in every layout of
`tests/layout_suite.py` (written by hand without reading the offline model's prompt reader): the
course's template first, then 25-26 layouts a learner might write. A large LLM scores about the
same in all of them. Prints, per task, each layout's accuracy, median and slowest request, then
the summary that issue 20's target is about: the mean over the layouts against the template's, how
many layouts come within 10 points of it, and the slowest request of all.

    python benchmarks/bench_prompt_layouts.py                # 20 items per task and split
    python benchmarks/bench_prompt_layouts.py --task sql --n 40
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Callable

from course_utils import datasets
from course_utils.client import get_client
from course_utils.label_eval import label_scorer
from course_utils.models import model_for
from course_utils.predictors import chat_predictor
from course_utils.qa_eval import qa_scorer
from course_utils.runner import evaluate
from course_utils.sql_eval import sql_scorer
from course_utils.ticket_prompts import development_split

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from layout_suite import COURSE_TEMPLATES, LAYOUTS  # noqa: E402 -- the suite lives with the tests
from layout_suite_fresh import FRESH_CLASSIFY_LAYOUTS, FRESH_QA_LAYOUTS  # noqa: E402

# A second set, written by another author after the prompt tagger existed, without reading it or the
# first suite. These few were looked at while the tagger was developed; every other one never was.
FRESH_LAYOUTS = {"qa": FRESH_QA_LAYOUTS, "classify": FRESH_CLASSIFY_LAYOUTS}
FRESH_INSPECTED = {"xml tags with attributes", "ticket first, prose", "numbered bold list", "yaml-ish system"}

WITHIN_POINTS = 10  # issue 20: every layout's accuracy within this many points of the template's


def qa_requests(n: int) -> tuple[list[dict], Callable]:
    """n knowledge-base questions and the documents each is asked with: its own, or for a question
    the documents cannot answer, the previous answerable question's (unrelated to it)."""
    bodies = {doc["id"]: doc["body"] for doc in datasets.load_kb_docs()}
    items, documents, last = datasets.load_kb_qa()[:n], {}, None
    for item in items:
        last = item["doc_ids"] or last or next(q["doc_ids"] for q in datasets.load_kb_qa() if q["doc_ids"])
        documents[item["id"]] = [bodies[d] for d in last]
    return items, lambda layout: lambda item: layout(item["question"], documents[item["id"]])


def classify_requests(n: int) -> tuple[list[dict], Callable]:
    """n dev tickets, all labels with their descriptions, and one pool ticket per label as examples."""
    pool, dev = development_split()
    labels = datasets.load_ticket_labels()
    examples = [(next(t["text"] for t in pool if t["label"] == code), code) for code in labels]
    return dev[:n], lambda layout: lambda item: layout(item["text"], labels, examples)


def sql_requests(n: int, split: str) -> tuple[list[dict], Callable]:
    """n Acme questions of a test split, with the dictionary and the same 5 training examples in every
    layout (those sharing the question's intent first: a layout-independent choice)."""
    dictionary = datasets.ACME_DICTIONARY.read_text(encoding="utf-8")
    items, train = datasets.load_acme_questions(split)[:n], datasets.load_acme_questions("train")
    examples = {item["id"]: same_intent_first(item, train) for item in items}
    return items, lambda layout: lambda item: layout(item["question"], datasets.ACME_DB, dictionary,
                                                     examples[item["id"]])


def same_intent_first(item: dict, train: list[dict], k: int = 5) -> list[dict]:
    """k training pairs, those with the item's intent first."""
    intent = [t for t in item["tags"] if t.startswith("intent:")]
    ranked = sorted(train, key=lambda row: not (intent and intent[0] in row["tags"]))
    return [{"question": row["question"], "sql": row["sql"]} for row in ranked[:k]]


def measure(client, chat: str, task: str, title: str, items, build, scorer, fresh: bool = False) -> None:
    """Every layout of a task on the same items, then the summary against the template."""
    print(f"\n{title} ({len(items)} items){', second layout set (* looked at during development)' if fresh else ''}:",
          flush=True)
    suite = FRESH_LAYOUTS[task] if fresh else LAYOUTS[task]
    layouts = {"course template": COURSE_TEMPLATES[task],
               **{(f"* {name}" if name in FRESH_INSPECTED else name): layout for name, layout in suite.items()}}
    scores, slowest = {}, 0.0
    for name, layout in layouts.items():
        run = evaluate(chat_predictor(client, chat, build(layout), temperature=0), items, scorer,
                       name=name, progress=False)
        latencies = [r["latency_s"] for r in run.results if r.get("latency_s") is not None] or [0.0]
        scores[name], slowest = run.metrics["accuracy"], max([slowest, *latencies])
        print(f"  {name[:58]:<58} {run.metrics['accuracy']:6.1%}  p50 {1000 * run.metrics['latency_p50_s']:6.0f} ms"
              f"  max {1000 * max(latencies):6.0f} ms", flush=True)
    template = scores.pop("course template")
    within = sum(score >= template - WITHIN_POINTS / 100 for score in scores.values())
    print(f"  -> template {template:.1%}; mean over {len(scores)} layouts {statistics.mean(scores.values()):.1%} "
          f"(gap {100 * (template - statistics.mean(scores.values())):.1f} points); within {WITHIN_POINTS} points "
          f"of the template: {within} of {len(scores)}; slowest request {slowest:.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="items per task (and per SQL split)")
    parser.add_argument("--task", choices=("qa", "classify", "sql"), action="append",
                        help="only these tasks (default: all three)")
    parser.add_argument("--fresh", action="store_true",
                        help="also the second layout set (tests/layout_suite_fresh.py; QA and classification)")
    args = parser.parse_args()
    tasks = args.task or ["qa", "classify", "sql"]
    client, chat = get_client(cache=False), model_for("chat")
    for fresh in (False, True) if args.fresh else (False,):
        if "qa" in tasks:
            measure(client, chat, "qa", "Document QA", *qa_requests(args.n), qa_scorer(), fresh=fresh)
        if "classify" in tasks:
            measure(client, chat, "classify", "Ticket classification, labels described, 8 examples",
                    *classify_requests(args.n), label_scorer(list(datasets.load_ticket_labels())), fresh=fresh)
    if "sql" in tasks:
        for split, name in (("test", "familiar"), ("test_new", "new intents")):
            measure(client, chat, "sql", f"Text-to-SQL, schema + dictionary + 5 examples ({name} split)",
                    *sql_requests(args.n, split), sql_scorer(datasets.ACME_DB))


if __name__ == "__main__":
    main()
