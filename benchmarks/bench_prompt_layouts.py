"""How well the chat model reads prompts in layouts other than the course's own templates.

Learners write their own prompts. Each task below is asked on the same items in several layouts,
written by hand (not from the offline reader's rules): the course's template first, then others a
learner might write. A large LLM scores about the same in all of them; the offline model reads
only some. Prints accuracy and p50 latency per layout.

    python benchmarks/bench_prompt_layouts.py          # 40 items per task, about a minute on 2 CPU cores
"""

from __future__ import annotations

import argparse
import json

from course_utils import datasets
from course_utils.client import get_client
from course_utils.models import model_for
from course_utils.predictors import chat_predictor, qa_messages
from course_utils.qa_eval import qa_scorer
from course_utils.runner import evaluate
from course_utils.sql import schema_text
from course_utils.sql_eval import sql_scorer
from course_utils.sql_prompts import sql_messages

ASK_SQL = "Write a SQLite query that answers the question. Reply with the query only."


def qa_layouts() -> dict:
    """question, documents -> messages, for document QA."""
    joined = "\n\n".join
    return {
        "course template (Context: / Question:)": lambda q, d: qa_messages(q, d),
        "Markdown headings": lambda q, d: [{"role": "user", "content": f"## Documents\n\n{joined(d)}\n\n## Question\n\n{q}"}],
        "XML tags": lambda q, d: [{"role": "user", "content": "".join(f"<document>{x}</document>\n" for x in d)
                                   + f"<question>{q}</question>"}],
        "question first, then Context:": lambda q, d: [{"role": "user", "content": f"Question: {q}\n\nContext:\n{joined(d)}"}],
        "documents in the system message": lambda q, d: [{"role": "system", "content": joined(d)},
                                                         {"role": "user", "content": q}],
        "documents, then the bare question": lambda q, d: [{"role": "user", "content": f"{joined(d)}\n\n{q}"}],
        "chatty prose": lambda q, d: [{"role": "user", "content": f"Here's what our docs say: {joined(d)} "
                                       f"So, {q[0].lower() + q[1:]}"}],
        "JSON": lambda q, d: [{"role": "user", "content": json.dumps({"documents": d, "question": q})}],
    }


def sql_layouts(schema: str, dictionary: str) -> dict:
    """question, examples -> messages, for text-to-SQL with schema, dictionary and examples."""
    def shown(examples):
        return "\n\n".join(f"Q: {e['question']}\nA: {e['sql']}" for e in examples)

    return {
        "course template": lambda q, ex: sql_messages(q, schema, dictionary, ex),
        "material in the system message": lambda q, ex: [
            {"role": "system", "content": f"{ASK_SQL}\n\n{schema}\n\n{dictionary}\n\n{shown(ex)}"},
            {"role": "user", "content": q}],
        "examples as earlier turns": lambda q, ex: (
            [{"role": "system", "content": f"{ASK_SQL}\n\nSchema:\n{schema}\n\nData dictionary:\n{dictionary}"}]
            + [m for e in ex for m in ({"role": "user", "content": e["question"]},
                                       {"role": "assistant", "content": e["sql"]})]
            + [{"role": "user", "content": q}]),
        "XML tags": lambda q, ex: [{"role": "user", "content": (
            f"<schema>{schema}</schema>\n<dictionary>{dictionary}</dictionary>\n"
            + "".join(f"<example><q>{e['question']}</q><sql>{e['sql']}</sql></example>\n" for e in ex)
            + f"<question>{q}</question>\n{ASK_SQL}")}],
        "JSON": lambda q, ex: [{"role": "user", "content": json.dumps(
            {"task": ASK_SQL, "schema": schema, "dictionary": dictionary, "examples": ex, "question": q})}],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="items per task")
    args = parser.parse_args()
    client, chat = get_client(cache=False), model_for("chat")

    docs = {doc["id"]: doc["body"] for doc in datasets.load_kb_docs()}
    qa = datasets.load_kb_qa()[: args.n]
    print(f"Document QA, gold documents in the prompt ({len(qa)} questions):")
    for name, layout in qa_layouts().items():
        def build(item, layout=layout):
            return layout(item["question"], [docs[d] for d in item["doc_ids"]])
        report(name, evaluate(chat_predictor(client, chat, build, temperature=0), qa, qa_scorer(),
                              name=name, progress=False))

    schema = schema_text(datasets.ACME_DB)
    dictionary = datasets.ACME_DICTIONARY.read_text(encoding="utf-8")
    test = datasets.load_acme_questions("test")[: args.n]
    train = datasets.load_acme_questions("train")
    # The same 5 examples in every layout: training questions sharing the item's intent first.
    examples = {item["id"]: same_intent_first(item, train) for item in test}
    print(f"\nText-to-SQL, schema + dictionary + 5 examples (familiar split, {len(test)} questions):")
    for name, layout in sql_layouts(schema, dictionary).items():
        def build(item, layout=layout):
            return layout(item["question"], examples[item["id"]])
        report(name, evaluate(chat_predictor(client, chat, build, temperature=0), test,
                              sql_scorer(datasets.ACME_DB), name=name, progress=False))


def same_intent_first(item: dict, train: list[dict], k: int = 5) -> list[dict]:
    """k training pairs, those with the item's intent first (a fixed, layout-independent choice)."""
    intent = [t for t in item["tags"] if t.startswith("intent:")]
    ranked = sorted(train, key=lambda row: not (intent and intent[0] in row["tags"]))
    return [{"question": row["question"], "sql": row["sql"]} for row in ranked[:k]]


def report(name: str, run) -> None:
    print(f"  {name:<40} {run.metrics['accuracy']:6.1%}  p50 {1000 * run.metrics['latency_p50_s']:5.0f} ms",
          flush=True)


if __name__ == "__main__":
    main()
