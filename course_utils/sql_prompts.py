"""Text-to-SQL prompts and few-shot example selection, for any backend.

`sql_messages` builds the chat messages of one rung of the course's ladder: the question
alone, then with the schema, the data dictionary, examples, and a request to reason step by
step. `choose_examples` picks the examples: at random, or the DAIL-SQL way (Gao et al. 2023),
by the similarity of questions with their values masked, preferring examples whose SQL
skeleton matches the one the closest examples agree on.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Callable, Sequence

import numpy as np

from course_utils.sql_masking import masked_question, template_of

SYSTEM = "You are a careful data analyst. You write one SQLite query that answers the user's question."
REASONING = ("Think step by step: find the closest example, say what changes, then write the query "
             "in a ```sql block.")


def sql_messages(question: str, schema: str | None = None, dictionary: str | None = None,
                 examples: Sequence[dict] = (), reasoning: bool = False) -> list[dict]:
    """Chat messages for one text-to-SQL request; examples are {"question", "sql"} dicts."""
    parts = []
    if schema:
        parts.append(f"Database schema:\n```sql\n{schema.strip()}\n```")
    if dictionary:
        parts.append(f"Data dictionary:\n{dictionary.strip()}")
    if examples:
        shown = "\n\n".join(f"Question: {ex['question']}\nSQL: {ex['sql']}" for ex in examples)
        parts.append(f"Examples:\n{shown}")
    ask = REASONING if reasoning else "Answer with the SQL query only."
    parts.append(f"Write a SQLite query for this question. {ask}\nQuestion: {question}")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n\n".join(parts)}]


def sql_skeleton(sql: str) -> str:
    """A query with values masked and keywords upper-cased: what DAIL-SQL compares."""
    return template_of(sql).upper()


def choose_examples(question: str, pool: Sequence[dict], k: int = 5, how: str = "similar",
                    embed: Callable[[list[str]], np.ndarray] | None = None, seed: int = 0) -> list[dict]:
    """k examples from pool ({"question", "sql"} dicts), "random" or "similar" (needs embed)."""
    if how == "random":
        return random.Random(f"{seed}:{question}").sample(list(pool), min(k, len(pool)))
    if how != "similar":
        raise ValueError(f"how must be 'random' or 'similar', not {how!r}")
    if embed is None:
        raise ValueError("choosing similar examples needs an embed function (texts -> vectors)")
    vectors = np.asarray(embed([masked_question(question)] + [masked_question(ex["question"]) for ex in pool]))
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = vectors[1:] @ vectors[0]
    closest = np.argsort(-similarity)
    agreed = Counter(sql_skeleton(pool[i]["sql"]) for i in closest[:3]).most_common(1)[0][0]
    score = similarity + 0.1 * np.array([sql_skeleton(ex["sql"]) == agreed for ex in pool])
    return [pool[i] for i in np.argsort(-score)[:k]]

