"""Tests of the new-intent Acme test split, data/acme/test_new.jsonl.

test.jsonl measures how well a model finds a training question with the same template and
adapts it; test_new.jsonl is the honest yardstick of generalisation, so these tests check what
makes it honest: no template and no near-identical wording from train, answers that are clear
(rows come back, no tie decides an order or a LIMIT cut), an ORDER BY only where the question
asks for an order, and a spread over Spider's difficulty levels. The checks that guard against
leaks are shown failing on planted duplicates, so a passing run means something.
"""

from __future__ import annotations

import difflib
import functools
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from course_utils import datasets
from course_utils.datagen.acme_dictionary import IDIOM_NAMES
from course_utils.datagen.acme_intents import INTENTS
from course_utils.datagen.acme_new_intents import masked_template
from course_utils.datagen.acme_questions import normalise, order_is_ambiguous
from course_utils.datagen.acme_schema import TABLES
from course_utils.datagen.common import read_jsonl
from course_utils.difficulty import DIFFICULTIES, spider_difficulty
from course_utils.sql import run_sql
from test_data_acme import con, test_set, train  # noqa: F401 -- shared fixtures

DATA = Path(__file__).resolve().parents[1] / "data" / "acme"
DB = DATA / "acme.sqlite"
KEYS = ["id", "question", "sql", "difficulty", "tags"]
NEAR = 0.8  # difflib similarity of normalised texts at or above which two questions are "the same"

# Words that ask for an order or a top-N: an ORDER BY needs one of them in the question.
ORDER_WORDS = re.compile(
    r"\b(top|most|least|highest|lowest|best|worst|biggest|largest|smallest|fewest|first|last|"
    r"latest|earliest|newest|oldest|longest|shortest|busiest|quickest|fastest|slowest|cheapest|"
    r"priciest|costliest|deepest|go-to|rank\w*|sort\w*|order(ed)? by|in \w+ order|ascending|descending)\b",
    re.IGNORECASE)
# Words that ask for the rows themselves to be ordered: then the gold query must order them.
SORT_WORDS = re.compile(r"\b(sort\w*|rank\w*|in \w+ order|ascending|descending|top \d+)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def new():
    return read_jsonl(DATA / "test_new.jsonl")


def intent_of(row: dict) -> str:
    return next(t for t in row["tags"] if t.startswith("intent:"))


# --- The checks, as functions that can be shown to fail ------------------------------------


template = functools.lru_cache(maxsize=None)(masked_template)  # each query is parsed once per run


def shared_templates(rows: list[dict], reference: list[dict]) -> list[str]:
    """Ids of the rows whose masked SQL template is also a template of `reference`."""
    known = {template(r["sql"]) for r in reference}
    return [r["id"] for r in rows if template(r["sql"]) in known]


def near_questions(rows: list[dict], reference: list[dict], threshold: float = NEAR) -> list[tuple]:
    """(id, reference id) pairs whose normalised texts are within a small edit distance."""
    pairs = []
    for row in rows:
        matcher = difflib.SequenceMatcher(None, "", normalise(row["question"]))  # b is the one cached
        for other in reference:
            matcher.set_seq1(normalise(other["question"]))
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
                    and matcher.ratio() >= threshold:
                pairs.append((row["id"], other["id"]))
    return pairs


def _order_keys(select: exp.Select) -> list[exp.Expression]:
    """The ORDER BY expressions of one SELECT, with output aliases and positions resolved."""
    outputs = select.expressions
    aliases = {e.alias: e.this for e in outputs if isinstance(e, exp.Alias)}
    keys = []
    for ordered in select.args["order"].expressions:
        key = ordered.this
        if isinstance(key, exp.Literal) and key.is_int:
            key = outputs[int(key.name) - 1]
            key = key.this if isinstance(key, exp.Alias) else key
        elif isinstance(key, exp.Column) and not key.table and key.name in aliases:
            key = aliases[key.name]
        keys.append(key.copy())
    return keys


def order_ties(con: sqlite3.Connection, sql: str) -> list[str]:
    """Ties that make an ordered answer ambiguous, for every SELECT with an ORDER BY in the query.

    Each ordered SELECT is re-run with its ORDER BY keys added as columns and one row more than
    its LIMIT: two neighbouring rows with equal keys but different values are a tie, inside the
    ordered answer or at the LIMIT cut (the extra row would have had as much right to be shown).
    """
    ties = []
    for select in sqlglot.parse_one(sql, read="sqlite").find_all(exp.Select):
        if select.args.get("order") is None:
            continue
        probe = select.copy()
        width = len(probe.expressions)
        probe.set("expressions", [*probe.expressions, *_order_keys(select)])
        limit = select.args.get("limit")
        if limit is not None:
            probe.set("limit", None)
            probe = probe.limit(int(limit.expression.name) + 1)
        rows = con.execute(probe.sql(dialect="sqlite")).fetchall()
        for number, (before, after) in enumerate(zip(rows, rows[1:]), start=1):
            if before[width:] == after[width:] and before[:width] != after[:width]:
                where = "at the LIMIT cut" if limit is not None and number == len(rows) - 1 else "inside"
                ties.append(f"rows {number} and {number + 1} tie {where}: {before[:width]} / {after[:width]}")
    return ties


def unasked_orders(rows: list[dict]) -> list[str]:
    """Ids of questions whose gold orders its rows although the question asks for no order."""
    return [r["id"] for r in rows
            if any(sqlglot.parse_one(r["sql"], read="sqlite").find_all(exp.Order))
            and not ORDER_WORDS.search(r["question"])]


# --- Shape of the file ---------------------------------------------------------------------


def test_enough_questions_with_the_fields_and_ids_of_test_jsonl(new):
    assert len(new) >= 120
    for number, row in enumerate(new, start=1):
        assert list(row) == KEYS
        assert row["id"] == f"acme-test-new-{number:04d}"
        assert isinstance(row["question"], str) and row["question"].strip()
        assert isinstance(row["sql"], str) and row["sql"].upper().startswith("SELECT")
        assert isinstance(row["tags"], list) and all(isinstance(t, str) for t in row["tags"])
        assert {"handwritten", "new_intent"} <= set(row["tags"]), row["id"]
        assert len([t for t in row["tags"] if t.startswith("intent:")]) == 1, row["id"]


def test_loader_knows_the_split():
    assert datasets.load_acme_questions("test_new") == read_jsonl(DATA / "test_new.jsonl")
    with pytest.raises(ValueError, match="'train'.*'test'.*'test_new'"):
        datasets.load_acme_questions("dev")


def test_difficulty_is_spiders_and_spread_over_all_four_levels(new):
    for row in new:
        assert row["difficulty"] == spider_difficulty(row["sql"]), row["id"]
    counts = Counter(row["difficulty"] for row in new)
    assert all(counts[level] >= 20 for level in DIFFICULTIES), counts


def test_idioms_are_known_and_used_by_at_least_40_percent(new):
    for row in new:
        for tag in row["tags"]:
            if tag.startswith("idiom:"):
                assert tag[len("idiom:"):] in IDIOM_NAMES, (row["id"], tag)
    with_idiom = sum(any(t.startswith("idiom:") for t in row["tags"]) for row in new)
    assert with_idiom / len(new) >= 0.40


def test_sql_patterns_are_varied(new):
    counts = Counter(tag for row in new for tag in row["tags"])
    for pattern in ("join", "group_by", "having", "order_by", "limit", "nested", "set_op", "case", "date_math"):
        assert counts[pattern] >= 2, pattern
    anti_joins = sum(" NOT IN (SELECT" in row["sql"] for row in new)
    assert anti_joins >= 5


def test_questions_speak_business_not_schema(new):
    names = {t.name for t in TABLES} | {c.name for t in TABLES for c in t.columns}
    for row in new:
        words = set(re.findall(r"[a-z_]+", row["question"].lower()))
        assert not words & names, (row["id"], words & names)


# --- Answers are clear ---------------------------------------------------------------------


def test_gold_sql_runs_read_only_fast_and_returns_a_real_answer(new):
    for row in new:
        assert "date('now')" not in row["sql"].lower()
        start = time.perf_counter()
        rows = run_sql(DB, row["sql"], timeout=1.0, max_rows=1000)  # read-only: refuses any write
        assert time.perf_counter() - start < 0.25, row["id"]
        assert rows, row["id"]
        assert not all(value in (None, 0) for r in rows for value in r), row["id"]


def test_no_tie_at_a_limit_cut_or_inside_an_ordered_answer(con, new):
    for row in new:
        assert order_ties(con, row["sql"]) == [], row["id"]
        assert not order_is_ambiguous(con, row["sql"]), row["id"]


def test_tie_check_catches_real_ties(con):
    # All-status order counts: two customers tie at the top, so "the customer with most orders" is ambiguous
    # unless cancelled orders are left out (as the split's question does).
    top = """SELECT c.cust_nm FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id
             GROUP BY c.cust_id ORDER BY COUNT(*) DESC LIMIT 1"""
    assert any("LIMIT cut" in tie for tie in order_ties(con, top))
    assert order_ties(con, top.replace("GROUP BY", "WHERE o.ord_stat_cd <> 'CNL' GROUP BY")) == []
    assert any("inside" in tie for tie in order_ties(con, "SELECT prd_nm FROM prd_mstr ORDER BY wrnty_yrs"))
    nested = """SELECT COUNT(*) FROM ord_hdr WHERE cust_id =
                (SELECT cust_id FROM ord_hdr GROUP BY cust_id ORDER BY COUNT(*) DESC LIMIT 1)"""
    assert any("LIMIT cut" in tie for tie in order_ties(con, nested))  # found inside a subquery too


def test_order_by_only_where_the_question_asks_for_an_order(new):
    assert unasked_orders(new) == []
    for row in new:
        if SORT_WORDS.search(row["question"]):
            assert "order_by" in row["tags"], row["id"]


def test_order_check_catches_an_unasked_order(new):
    planted = {"id": "planted", "question": "which products come with a 5-year warranty?",
               "sql": "SELECT prd_nm FROM prd_mstr WHERE wrnty_yrs = 5 ORDER BY prd_nm"}
    assert unasked_orders(new + [planted]) == ["planted"]


# --- Nothing leaks from train --------------------------------------------------------------


def test_intents_are_new(new, train, test_set):
    known = {f"intent:{it.name}" for it in INTENTS} | {intent_of(r) for r in train + test_set if
                                                       any(t.startswith("intent:") for t in r["tags"])}
    assert not {intent_of(r) for r in new} & known


def test_no_masked_template_shared_with_train_or_test(new, train, test_set):
    assert shared_templates(new, train) == []
    assert shared_templates(new, test_set) == []


def test_template_check_catches_a_planted_duplicate(new, train):
    copied = {**train[0], "id": "planted-copy"}
    tree = sqlglot.parse_one(train[0]["sql"], read="sqlite")  # same template, other values and spelling
    for literal in tree.find_all(exp.Literal):
        literal.replace(exp.Literal.number(7) if literal.is_number else exp.Literal.string("XYZ"))
    disguised = {"id": "planted-disguised", "question": "?", "sql": tree.sql(dialect="sqlite", pretty=True)}
    assert disguised["sql"] != train[0]["sql"]
    assert shared_templates(new + [copied, disguised], train) == ["planted-copy", "planted-disguised"]


def test_no_question_text_close_to_a_train_or_test_question(new, train, test_set):
    assert near_questions(new, train + test_set) == []
    texts = [normalise(r["question"]) for r in new]
    assert len(set(texts)) == len(texts)


def test_near_text_check_catches_a_planted_paraphrase(train):
    original = train[0]["question"]
    planted = {"id": "planted", "question": "  " + original.replace("e", "", 1).upper() + "  "}  # a typo
    assert ("planted", train[0]["id"]) in near_questions([planted], train)
    assert near_questions([{"id": "fresh", "question": "which warehouse ships the most parcels by DHL?"}],
                          train) == []
