"""Text-to-SQL requests for pre-training acme-tiny's SQL head: practice databases of the train split only.

Each practice question becomes requests the way learners write them: the database's schema,
a few example questions of the same database with their SQL (the closest ones, or random
ones; as a "Question/SQL" list or as earlier chat turns), then the question. The answer is
its gold query. Asked with the schema alone (schema_only_requests), each question teaches the
transfer scorer. The same questions and queries are what the base model has "seen"
(seen_queries), which it carries over to schemas it has not seen. Held-out databases and
everything of Acme stay out (tests check this).
"""

from __future__ import annotations

import random

from course_utils.datasets import load_practice_questions, practice_db, practice_splits
from course_utils.sql import schema_text
from course_utils.sql_prompts import sql_messages

EXAMPLE_COUNTS = (1, 2, 3, 5)


def as_turns(messages: list[dict], examples: list[dict]) -> list[dict]:
    """The same request with its examples as earlier user/assistant turns."""
    system, user = messages[0], messages[-1]
    turns = [system]
    for ex in examples:
        turns += [{"role": "user", "content": f"Question: {ex['question']}"},
                  {"role": "assistant", "content": ex["sql"]}]
    return turns + [user]


def sql_rows(seed: int = 0, variants: int = 2, similar=None) -> list[dict]:
    """Chat rows {"messages": [...]} whose answer is a query, from the train practice databases.

    similar(question, pool, k) -> examples: how to pick "close" examples (default: same
    phrasing family by shared SQL, then random)."""
    r = random.Random(seed)
    rows = []
    for db_id in practice_splits()["train"]:
        questions = load_practice_questions(db_id)
        schema = schema_text(practice_db(db_id))
        for item in questions:
            pool = [q for q in questions if q["id"] != item["id"]]
            for v in range(variants):
                k = r.choice(EXAMPLE_COUNTS)
                if v % 2 == 0 and similar is not None:
                    examples = similar(item["question"], pool, k)
                else:
                    examples = r.sample(pool, k)
                if r.random() < 0.3:
                    messages = as_turns(sql_messages(item["question"], schema=schema), examples)
                else:
                    messages = sql_messages(item["question"], schema=schema, examples=examples)
                rows.append({"messages": messages + [{"role": "assistant", "content": item["sql"]}]})
    return rows


def schema_only_requests() -> list[dict]:
    """Every train practice question asked with its schema alone, as {"messages", "sql", "db"}
    (db: the database file): the model must carry over a query seen on another database."""
    requests = []
    for db_id in practice_splits()["train"]:
        path = practice_db(db_id)
        schema = schema_text(path)
        requests += [{"messages": sql_messages(item["question"], schema=schema), "sql": item["sql"], "db": path}
                     for item in load_practice_questions(db_id)]
    return requests


def seen_queries() -> dict:
    """The train practice databases' schemas and (question, query, database) triples."""
    databases = practice_splits()["train"]
    return {"schemas": {db_id: schema_text(practice_db(db_id)) for db_id in databases},
            "pairs": [[q["question"], q["sql"], db_id] for db_id in databases for q in load_practice_questions(db_id)]}
