"""Acme's text-to-SQL question sets: train.jsonl, test.jsonl and test_new.jsonl.

Templated questions come from the intents in acme_intents.py: each intent is filled
with slot values (acme_slots.py), its gold SQL is run on the database, and only
questions whose answer is clear are kept (rows come back, not all zero or NULL, and
no tie decides the order or the cut of a LIMIT). Train uses an intent's `train`
phrasings, test its `test` phrasings, preferring slot values train did not use.
The hand-written test questions (acme_handwritten.py) are added to the test set.
test_new.jsonl holds the new-intent questions (acme_new_intents.py): intents and masked
SQL templates that train.jsonl never shows, the honest yardstick of generalisation.

Every question gets its Spider difficulty from `spider_difficulty` and tags:
"template" or "handwritten", "intent:<name>" (or "novel"), "idiom:<name>" for
each data-dictionary idiom it needs, and the SQL patterns its gold query uses.
"""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
from pathlib import Path

import sqlglot
from sqlglot import exp

from course_utils.datagen.acme_dictionary import IDIOM_NAMES
from course_utils.datagen.acme_handwritten import HANDWRITTEN
from course_utils.datagen.acme_intents import INTENTS, Intent
from course_utils.datagen.acme_new_intents import NEW_INTENT_QUESTIONS, masked_template
from course_utils.datagen.acme_slots import SLOTS
from course_utils.datagen.common import order_is_ambiguous, rng, write_jsonl
from course_utils.difficulty import spider_difficulty

PATTERN_TAGS = ("aggregate", "where", "join", "left_join", "group_by", "having", "order_by",
                "limit", "nested", "set_op", "case", "distinct", "date_math")


# --- Looking at a gold query -------------------------------------------------------------


def normalise(question: str) -> str:
    """A question compared case- and whitespace-insensitively."""
    return " ".join(question.lower().split())


def top_level_selects(tree: exp.Expression) -> list[exp.Expression]:
    """The SELECTs a query is made of: itself, or each branch of a UNION / INTERSECT / EXCEPT."""
    if isinstance(tree, exp.SetOperation):
        return top_level_selects(tree.left) + top_level_selects(tree.right)
    return [tree]


def has_nested_query(tree: exp.Expression) -> bool:
    """Is there a SELECT inside another one (IN (...), scalar subquery, FROM (...))?"""
    top = {id(select) for select in top_level_selects(tree)}
    return any(id(select) not in top for select in tree.find_all(exp.Select))


def pattern_tags(sql: str) -> list[str]:
    """The SQL patterns a query uses, in PATTERN_TAGS order."""
    tree = sqlglot.parse_one(sql, read="sqlite")
    found = {
        "aggregate": any(tree.find_all(exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max)),
        "where": any(tree.find_all(exp.Where)),
        "join": any(tree.find_all(exp.Join)),
        "left_join": any(j.side == "LEFT" for j in tree.find_all(exp.Join)),
        "group_by": any(tree.find_all(exp.Group)),
        "having": any(tree.find_all(exp.Having)),
        "order_by": any(tree.find_all(exp.Order)),
        "limit": any(tree.find_all(exp.Limit)),
        "nested": has_nested_query(tree),
        "set_op": isinstance(tree, exp.SetOperation) or any(tree.find_all(exp.SetOperation)),
        "case": any(tree.find_all(exp.Case)),
        "distinct": any(tree.find_all(exp.Distinct)),
        "date_math": bool(re.search(r"\b(julianday|strftime|date)\s*\(", sql, re.IGNORECASE)),
    }
    return [tag for tag in PATTERN_TAGS if found[tag]]


def answer_is_clear(con: sqlite3.Connection, sql: str, empty_expected: bool = False) -> bool:
    """Does the gold query give one clear, non-trivial answer?"""
    rows = con.execute(sql).fetchall()
    if empty_expected:
        return not rows
    if not rows or all(value in (None, 0) for row in rows for value in row):
        return False
    return not order_is_ambiguous(con, sql)


def make_row(kind: str, question: str, sql: str, intent: str | None, idioms, extra=()) -> dict:
    """One question as it is written to JSONL (the id is added later)."""
    unknown = [i for i in idioms if i not in IDIOM_NAMES]
    if unknown:
        raise ValueError(f"unknown idioms {unknown} in {question!r}")
    tags = [kind, f"intent:{intent}" if intent else "novel"]
    tags += [f"idiom:{i}" for i in idioms] + pattern_tags(sql) + list(extra)
    return {"id": "", "question": question, "sql": sql, "difficulty": spider_difficulty(sql), "tags": tags}


# --- Filling the templates -----------------------------------------------------------------


def slot_combinations(it: Intent) -> list[dict]:
    """Every combination of the intent's slot values, as one dict each."""
    if not it.slots:
        return [{}]
    combos = []
    for values in itertools.product(*(SLOTS[kind] for kind in it.slots)):
        merged: dict = {}
        for value in values:
            merged.update(value)
        combos.append(merged)
    return combos


def phrasing_pairs(phrasings: tuple[str, ...], combos: list[dict]) -> list[tuple[str, dict]]:
    """All (phrasing, values) pairs, ordered so that the first ones vary both."""
    count = len(phrasings)
    return [(phrasings[(i + j) % count], combo) for j in range(count) for i, combo in enumerate(combos)]


def fill(template: str, values: dict) -> str:
    """A template with its slots filled."""
    return template.format(**values)


def pick_questions(con, it: Intent, pairs, count: int, used: set[str], clear: dict) -> list[dict]:
    """Up to `count` usable questions from (phrasing, values) pairs, skipping texts already used."""
    rows = []
    for phrasing, values in pairs:
        if len(rows) == count:
            break
        question, sql = fill(phrasing, values), fill(it.sql, values)
        if normalise(question) in used:
            continue
        if sql not in clear:
            clear[sql] = answer_is_clear(con, sql)
        if clear[sql]:
            used.add(normalise(question))
            rows.append(make_row("template", question, sql, it.name, it.idioms))
    return rows


def intent_questions(con, it: Intent, r: random.Random, used: set[str]) -> tuple[list[dict], list[dict]]:
    """(train rows, test rows) of one intent: test first, on its own phrasings and fresh values."""
    combos = slot_combinations(it)
    r.shuffle(combos)
    clear: dict[str, bool] = {}
    test_count = it.test_count or (2 if len(combos) >= 8 else 1)
    test = pick_questions(con, it, phrasing_pairs(it.test, combos), test_count, used, clear)
    test_sql = {row["sql"] for row in test}
    fresh_first = sorted(combos, key=lambda c: fill(it.sql, c) in test_sql)  # stable: keeps shuffle order
    train = pick_questions(con, it, phrasing_pairs(it.train, fresh_first), it.train_count, used, clear)
    if not train or not test:
        raise ValueError(f"intent {it.name!r} produced no usable train or test question")
    return train, test


def handwritten_rows(con: sqlite3.Connection, intent_names: set[str]) -> list[dict]:
    """The hand-written test questions, checked like the templated ones."""
    rows = []
    for h in HANDWRITTEN:
        sql = " ".join(h.sql.split())
        if h.intent and h.intent not in intent_names:
            raise ValueError(f"unknown intent {h.intent!r} for {h.question!r}")
        if not answer_is_clear(con, sql, empty_expected=h.empty):
            raise ValueError(f"hand-written gold SQL gives no clear answer: {h.question!r}")
        extra = ["empty_result"] if h.empty else []
        rows.append(make_row("handwritten", h.question, sql, h.intent, h.idioms, extra))
    return rows


def numbered(rows: list[dict], prefix: str) -> list[dict]:
    """Rows with ids acme-train-0001, ... in their current order."""
    return [{**row, "id": f"{prefix}-{number:04d}"} for number, row in enumerate(rows, start=1)]


def build_question_sets(db_path: Path) -> tuple[list[dict], list[dict]]:
    """(train, test) question rows for the database at db_path."""
    r = rng("acme_questions")
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        train, test = [], []
        used = {normalise(h.question) for h in HANDWRITTEN}
        for it in INTENTS:
            intent_train, intent_test = intent_questions(con, it, r, used)
            train += intent_train
            test += intent_test
        test += handwritten_rows(con, {it.name for it in INTENTS})
    finally:
        con.close()
    r.shuffle(train)
    r.shuffle(test)
    return numbered(train, "acme-train"), numbered(test, "acme-test")


def new_intent_rows(con: sqlite3.Connection, train: list[dict], test: list[dict]) -> list[dict]:
    """The new-intent questions, checked: new intent, no template of train or test, a clear answer."""
    known_intents = {it.name for it in INTENTS} | {h.intent for h in HANDWRITTEN if h.intent}
    known_templates = {masked_template(row["sql"]) for row in train + test}
    known_texts = {normalise(row["question"]) for row in train + test}
    rows = []
    for q in NEW_INTENT_QUESTIONS:
        if q.intent in known_intents:
            raise ValueError(f"{q.intent!r} is an intent train or test already has: {q.question!r}")
        if masked_template(q.sql) in known_templates or normalise(q.question) in known_texts:
            raise ValueError(f"new-intent question repeats a train or test question: {q.question!r}")
        if not answer_is_clear(con, q.sql):
            raise ValueError(f"new-intent gold SQL gives no clear answer: {q.question!r}")
        rows.append(make_row("handwritten", q.question, q.sql, q.intent, q.idioms, ["new_intent"]))
    return rows


def build_new_intent_set(db_path: Path, train: list[dict], test: list[dict]) -> list[dict]:
    """test_new question rows, shuffled by their own seeded stream (train and test keep theirs)."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = new_intent_rows(con, train, test)
    finally:
        con.close()
    rng("acme_questions_new").shuffle(rows)
    return numbered(rows, "acme-test-new")


def write_question_sets(out_dir: Path, db_path: Path) -> None:
    """Write train.jsonl, test.jsonl and test_new.jsonl next to the database."""
    train, test = build_question_sets(db_path)
    write_jsonl(Path(out_dir) / "train.jsonl", train)
    write_jsonl(Path(out_dir) / "test.jsonl", test)
    write_jsonl(Path(out_dir) / "test_new.jsonl", build_new_intent_set(db_path, train, test))
