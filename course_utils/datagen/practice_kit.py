"""The building blocks of the practice databases: domains, intents and question making.

A practice database is described by a `Domain`: its CREATE TABLE statements, a function
that invents its rows from a seeded random generator, and a list of `Intent`s. An intent
is one thing people ask of that database ("which books did X write?"), written in several
phrasings, with a gold SQL template and, where the question names a value, a query that
finds values which really exist in the data. `make_questions` turns intents into concrete
questions: it fills the slots, runs every gold query, and keeps only those whose result
is what the intent promises (rows, or no rows for an `empty_result` intent, and a single
right order when the query sorts).

Helpers for inventing realistic values (people's names, ISO dates, money) come last.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import sqlglot
from sqlglot import exp

from course_utils.datagen.common import order_is_ambiguous
from course_utils.difficulty import spider_difficulty

QUESTIONS_PER_INTENT = 3  # each intent is asked this many times, each time in another phrasing


@dataclass(frozen=True)
class Intent:
    """One thing people ask of a database, in several phrasings, with its gold SQL."""

    name: str  # short label, e.g. "books_by_author"
    phrasings: tuple[str, ...]  # question templates with {slot} placeholders
    sql: str  # gold SQL template; text slots are quoted in the template: '{genre}'
    tags: str = ""  # what the SQL alone cannot show: "superlative", "date", "empty_result"
    values: str = ""  # SQL returning candidate slot values, one column per slot name


@dataclass(frozen=True)
class Domain:
    """A practice database: its schema, how to invent its rows, and its intents."""

    db_id: str  # folder and file name, e.g. "library"
    topic: str  # one line for the README
    schema: str  # CREATE TABLE statements, parents before children
    make_rows: Callable[[random.Random], dict[str, list[tuple]]]  # table -> rows
    intents: tuple[Intent, ...] = field(default_factory=tuple)


def intent(name: str, phrasings: list[str], sql: str, tags: str = "", values: str = "") -> Intent:
    """Shorthand for writing intents in the domain modules."""
    return Intent(name, tuple(phrasings), " ".join(sql.split()), tags, " ".join(values.split()))


# --- Tags: the SQL patterns a gold query uses -----------------------------------------

# (tag, the kind of parsed-SQL node that shows it), in the order tags are listed
PATTERN_TAGS = (
    ("join", exp.Join), ("where", exp.Where), ("group_by", exp.Group), ("having", exp.Having),
    ("order_by", exp.Order), ("limit", exp.Limit), ("aggregate", exp.AggFunc), ("count", exp.Count),
    ("comparison", (exp.GT, exp.GTE, exp.LT, exp.LTE)), ("like", exp.Like), ("or", exp.Or),
    ("null", exp.Null), ("distinct", exp.Distinct), ("nested", exp.Subquery),
    ("intersect", exp.Intersect), ("except", exp.Except), ("union", exp.Union),
)


def pattern_tags(sql: str) -> list[str]:
    """The SQL patterns in a query, read off its parse tree: ["join", "group_by", ...]."""
    tree = sqlglot.parse_one(sql, read="sqlite")
    tags = [tag for tag, kind in PATTERN_TAGS if tree.find(kind) is not None]
    if any(isinstance(node.this, exp.In) for node in tree.find_all(exp.Not)):
        tags.append("not_in")
    return tags


def question_tags(it: Intent, sql: str) -> list[str]:
    """Tags of one question: the patterns in its SQL, then the intent's own tags."""
    found = pattern_tags(sql)
    return found + [tag for tag in it.tags.split() if tag not in found]


# --- Turning intents into questions -------------------------------------------------


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """Open a SQLite file read-only (a file: URI works on Windows paths and spaces too)."""
    return sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)


def slot_candidates(con: sqlite3.Connection, values_sql: str) -> list[dict]:
    """Every row of the intent's value query as {slot: value}; [{}] when it has no slots."""
    if not values_sql:
        return [{}]
    cursor = con.execute(values_sql)
    names = [column[0] for column in cursor.description]
    rows = sorted(cursor.fetchall(), key=repr)  # a stable order whatever SQLite returns
    return [dict(zip(names, row)) for row in rows]


def sql_literal_values(values: dict) -> dict:
    """Slot values ready to paste into SQL: quotes inside text are doubled."""
    return {k: v.replace("'", "''") if isinstance(v, str) else v for k, v in values.items()}


def answers_as_promised(con: sqlite3.Connection, it: Intent, sql: str) -> bool:
    """Does the gold query return what the intent promises (rows, or none, and no tie)?"""
    rows = con.execute(sql).fetchall()
    if "empty_result" in it.tags.split():
        return not rows
    return bool(rows) and not order_is_ambiguous(con, sql)


def fill(it: Intent, phrasing: str, values: dict) -> tuple[str, str]:
    """The question and gold SQL for one phrasing and one choice of slot values."""
    return phrasing.format(**values), it.sql.format(**sql_literal_values(values))


def questions_for_intent(con: sqlite3.Connection, it: Intent, r: random.Random) -> list[tuple[str, str]]:
    """(question, sql) pairs for one intent: different phrasings, different values."""
    if len(it.phrasings) < QUESTIONS_PER_INTENT:
        raise ValueError(f"intent {it.name!r} needs at least {QUESTIONS_PER_INTENT} phrasings")
    phrasings = list(it.phrasings)
    r.shuffle(phrasings)
    candidates = slot_candidates(con, it.values)
    r.shuffle(candidates)
    good = []
    for values in candidates:
        if answers_as_promised(con, it, fill(it, phrasings[0], values)[1]):
            good.append(values)
        if len(good) == QUESTIONS_PER_INTENT:
            break
    if not good:
        raise ValueError(f"intent {it.name!r}: no slot values give the promised result")
    return [fill(it, p, good[i % len(good)]) for i, p in enumerate(phrasings[:QUESTIONS_PER_INTENT])]


def make_questions(domain: Domain, db_path: Path, r: random.Random) -> list[dict]:
    """All questions of a domain, as rows for questions.jsonl (ids numbered in order)."""
    con = connect_read_only(db_path)
    try:
        pairs = [(it, qs) for it in domain.intents for qs in questions_for_intent(con, it, r)]
    finally:
        con.close()
    return [
        {
            "id": f"{domain.db_id}-{number:03d}",
            "db_id": domain.db_id,
            "question": question,
            "sql": sql,
            "difficulty": spider_difficulty(sql),
            "tags": question_tags(it, sql),
        }
        for number, (it, (question, sql)) in enumerate(pairs, start=1)
    ]


# --- Inventing realistic values ------------------------------------------------------

FIRST_NAMES = (
    "Ada", "Amir", "Ana", "Arjun", "Ben", "Bianca", "Carlos", "Chen", "Chloe", "Daniel",
    "Dara", "Elena", "Emeka", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines",
    "Isaac", "Jamal", "Jonas", "Julia", "Kai", "Keiko", "Lars", "Leila", "Liam", "Lucia",
    "Marco", "Maya", "Mei", "Nadia", "Noah", "Olga", "Omar", "Paula", "Priya", "Rafael",
    "Rosa", "Samuel", "Sara", "Sofia", "Tariq", "Tom", "Uma", "Victor", "Wen", "Yara",
    "Yusuf", "Zoe",
)
LAST_NAMES = (
    "Abbott", "Adeyemi", "Alvarez", "Baker", "Berg", "Brennan", "Castillo", "Costa", "Dubois",
    "Eriksen", "Fischer", "Garcia", "Haddad", "Hansen", "Ito", "Jensen", "Kaur", "Khan",
    "Kowalski", "Laine", "Lopez", "Mbeki", "Moreau", "Murphy", "Nakamura", "Novak", "Okafor",
    "Olsen", "Park", "Patel", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh",
    "Sato", "Tanaka", "Torres", "Varga", "Walsh", "Weber", "Wong", "Yilmaz", "Zhang",
)


def person_names(r: random.Random, n: int) -> list[str]:
    """n different full names such as "Grace Okafor"."""
    every = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    return r.sample(every, n)


def iso_date(r: random.Random, start: str, end: str) -> str:
    """A random date between start and end (inclusive), as YYYY-MM-DD."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return (first + timedelta(days=r.randint(0, (last - first).days))).isoformat()


def add_days(iso: str, days: int) -> str:
    """The ISO date `days` after `iso`."""
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def money(r: random.Random, low: float, high: float, step: float = 0.01) -> float:
    """A price between low and high, rounded to `step` (0.01 for cents, 0.5, 5, ...)."""
    return round(round(r.uniform(low, high) / step) * step, 2)


def sometimes_null(r: random.Random, value, chance_of_null: float):
    """`value`, or None (SQL NULL) with the given chance: for data reality leaves blank."""
    return None if r.random() < chance_of_null else value


def skewed_choice(r: random.Random, items: list, skew: float = 1.0):
    """Pick from items, favouring earlier ones (weight 1/(rank+1)^skew): some are popular."""
    weights = [1 / (rank + 1) ** skew for rank in range(len(items))]
    return r.choices(items, weights=weights)[0]


def skewed_sample(r: random.Random, items: list, k: int, skew: float = 1.0) -> list:
    """k different items, favouring earlier ones as `skewed_choice` does."""
    chosen: list = []
    while len(chosen) < k:
        item = skewed_choice(r, items, skew)
        if item not in chosen:
            chosen.append(item)
    return chosen
