"""Tests of the Acme analytics case study: database, data dictionary and question sets.

The committed files under data/acme are checked for what the course relies on (a
realistic cryptic schema, a dictionary that explains all of it, clean question sets
with runnable gold SQL), and regenerating them must reproduce them exactly.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import defaultdict
from pathlib import Path

import pytest

from course_utils.datagen import acme_world as world
from course_utils.datagen.acme_db import generate
from course_utils.datagen.acme_dictionary import IDIOMS, IDIOM_NAMES
from course_utils.datagen.acme_questions import normalise, order_is_ambiguous
from course_utils.datagen.acme_schema import FACT_TABLES, TABLES
from course_utils.datagen.common import read_jsonl, sqlite_content
from course_utils.difficulty import DIFFICULTIES, spider_difficulty

DATA = Path(__file__).resolve().parents[1] / "data" / "acme"
DB = DATA / "acme.sqlite"
KEYS = ["id", "question", "sql", "difficulty", "tags"]


@pytest.fixture(scope="module")
def con():
    connection = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def train():
    return read_jsonl(DATA / "train.jsonl")


@pytest.fixture(scope="module")
def test_set():
    return read_jsonl(DATA / "test.jsonl")


@pytest.fixture(scope="module")
def dictionary():
    return (DATA / "dictionary.md").read_text(encoding="utf-8")


def one(con, sql: str):
    return con.execute(sql).fetchone()[0]


# --- The database ------------------------------------------------------------------------


def test_enough_tables_and_rows(con):
    tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert len(tables) >= 8
    for table in FACT_TABLES:
        assert one(con, f"SELECT COUNT(*) FROM {table}") >= 1000, table


def test_database_follows_the_schema_description(con):
    for t in TABLES:
        columns = [(row[1], row[2]) for row in con.execute(f"PRAGMA table_info({t.name})")]
        assert columns == [(c.name, c.type) for c in t.columns], t.name
        declared = {(row[2], row[3]) for row in con.execute(f"PRAGMA foreign_key_list({t.name})")}
        assert declared == {(k.table, c) for k in t.foreign_keys for c in k.columns}, t.name


def test_foreign_keys_hold(con):
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_nothing_happens_after_the_snapshot(con):
    snapshot = world.SNAPSHOT_DATE.isoformat()
    for table, column in [("ord_hdr", "ord_dt"), ("shpmt", "dlv_dt"), ("rtn_txn", "rtn_dt"),
                          ("mbr_sub", "end_dt"), ("sprt_tkt", "cls_dt"), ("cust_mstr", "sgnup_dt")]:
        assert one(con, f"SELECT MAX({column}) FROM {table}") <= snapshot
    assert one(con, "SELECT MIN(ord_dt) FROM ord_hdr") == world.FIRST_ORDER_DATE.isoformat()


def test_nulls_where_reality_has_them(con):
    for table, column in [("ord_hdr", "promo_cd"), ("shpmt", "dlv_dt"), ("mbr_sub", "end_dt"),
                          ("cust_mstr", "phn_no"), ("sprt_tkt", "cls_dt"), ("sprt_tkt", "csat_scr"),
                          ("cust_mstr", "rfrl_cust_id")]:
        assert one(con, f"SELECT COUNT(*) FROM {table} WHERE {column} IS NULL") > 0, column


def test_rows_are_consistent(con):
    checks = {
        "delivered before shipped": "SELECT COUNT(*) FROM shpmt WHERE dlv_dt < shp_dt",
        "shipped before ordered": "SELECT COUNT(*) FROM shpmt s JOIN ord_hdr o ON o.ord_id = s.ord_id "
                                  "WHERE s.shp_dt < o.ord_dt",
        "ordered before signing up": "SELECT COUNT(*) FROM ord_hdr o JOIN cust_mstr c ON c.cust_id = o.cust_id "
                                     "WHERE o.ord_dt < c.sgnup_dt",
        "refund above amount paid": "SELECT COUNT(*) FROM rtn_txn r JOIN ord_ln l "
                                    "ON l.ord_id = r.ord_id AND l.ln_no = r.ln_no "
                                    "WHERE r.rfnd_amt > l.qty * l.unit_prc - l.disc_amt OR r.rtn_qty > l.qty",
        "return of an undelivered order": "SELECT COUNT(*) FROM rtn_txn r JOIN ord_hdr o ON o.ord_id = r.ord_id "
                                          "WHERE o.ord_stat_cd NOT IN ('DLV', 'RTN')",
        "header total differs from lines": "SELECT COUNT(*) FROM ord_hdr o WHERE ABS(o.ord_net_amt - "
                                           "(SELECT SUM(qty * unit_prc - disc_amt) FROM ord_ln l "
                                           "WHERE l.ord_id = o.ord_id)) > 0.005",
        "open ticket with a close date": "SELECT COUNT(*) FROM sprt_tkt "
                                         "WHERE (stat_cd IN ('RSV', 'CLS')) <> (cls_dt IS NOT NULL)",
        "two active memberships": "SELECT COUNT(*) FROM (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL "
                                  "GROUP BY cust_id HAVING COUNT(*) > 1)",
        "store sale with a shipment": "SELECT COUNT(*) FROM shpmt s JOIN ord_hdr o ON o.ord_id = s.ord_id "
                                      "WHERE o.chnl_cd = 'RTL'",
        "money with more than 2 decimals": "SELECT COUNT(*) FROM ord_ln WHERE ROUND(unit_prc, 2) <> unit_prc "
                                           "OR ROUND(disc_amt, 2) <> disc_amt",
    }
    for problem, sql in checks.items():
        assert one(con, sql) == 0, problem


def test_growth_and_seasons(con):
    revenue = dict(con.execute(
        "SELECT f.fscl_yr, SUM(o.ord_net_amt) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt "
        "WHERE o.ord_stat_cd NOT IN ('CNL', 'RTN') GROUP BY f.fscl_yr"))
    assert revenue[2022] < revenue[2023] < revenue[2024] < revenue[2025]
    orders_by_month = dict(con.execute("SELECT strftime('%m', ord_dt), COUNT(*) FROM ord_hdr GROUP BY 1"))
    average = sum(orders_by_month.values()) / 12
    for month in ("06", "07", "11"):
        assert orders_by_month[month] > 1.15 * average, month
    busiest = one(con, "SELECT ord_dt FROM ord_hdr GROUP BY ord_dt ORDER BY COUNT(*) DESC LIMIT 1")
    assert one(con, f"SELECT evnt_nm FROM fscl_cal WHERE cal_dt = '{busiest}'") == "Black Friday"


def test_database_uses_acme_world(con):
    skus = {sku for (sku,) in con.execute("SELECT sku_cd FROM prd_mstr")}
    assert skus == {p.sku for p in world.PRODUCTS}
    assert {c for (c,) in con.execute("SELECT DISTINCT chnl_cd FROM ord_hdr")} == {c.code for c in world.CHANNELS}
    assert {c for (c,) in con.execute("SELECT DISTINCT rsn_cd FROM rtn_txn")} == set(world.RETURN_REASONS)
    for sku, last_day in world.DISCONTINUED_ON.items():
        assert one(con, f"""SELECT COUNT(*) FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
                            JOIN prd_mstr p ON p.prd_id = l.prd_id
                            WHERE p.sku_cd = '{sku}' AND o.ord_dt > '{last_day}'""") == 0


# --- The data dictionary -----------------------------------------------------------------


def table_section(dictionary: str, table: str) -> str:
    start = dictionary.index(f"### `{table}`")
    end = dictionary.find("\n### ", start + 1)
    return dictionary[start:end]


def test_dictionary_explains_every_table_and_column(dictionary):
    for t in TABLES:
        section = table_section(dictionary, t.name)
        for c in t.columns:
            assert f"| `{c.name}` |" in section, f"{t.name}.{c.name}"


def test_dictionary_lists_every_code(dictionary):
    codes = [*world.ORDER_STATUSES, *world.RETURN_REASONS, *world.CARRIERS, *world.TICKET_CATEGORIES,
             *world.PROMOTIONS, *(r.code for r in world.REGIONS), *(c.code for c in world.CHANNELS)]
    for code in codes:
        assert f"| `{code}` |" in dictionary, code


def test_dictionary_has_idioms_with_working_sql(dictionary, con):
    idioms = dictionary[dictionary.index("## Business idioms"):]
    assert len(IDIOMS) >= 12
    for idiom in IDIOMS:
        assert idiom.term in idioms and idiom.sql in idioms
        assert "date('now')" not in idiom.sql.lower()
        assert con.execute(idiom.sql).fetchall(), idiom.name


# --- The question sets -------------------------------------------------------------------


def test_question_counts(train, test_set):
    assert len(train) >= 400
    assert len(test_set) >= 200


def test_keys_types_and_ids(train, test_set):
    for prefix, rows in (("acme-train", train), ("acme-test", test_set)):
        for number, row in enumerate(rows, start=1):
            assert list(row) == KEYS
            assert row["id"] == f"{prefix}-{number:04d}"
            assert isinstance(row["question"], str) and row["question"].strip()
            assert isinstance(row["sql"], str) and row["sql"].upper().startswith("SELECT")
            assert row["difficulty"] in DIFFICULTIES
            assert isinstance(row["tags"], list) and all(isinstance(t, str) for t in row["tags"])


def test_no_test_question_appears_in_train(train, test_set):
    train_texts = {normalise(q["question"]) for q in train}
    assert not train_texts & {normalise(q["question"]) for q in test_set}
    assert len({normalise(q["question"]) for q in test_set}) == len(test_set)


def test_every_intent_has_three_phrasings_and_test_intents_are_trained(train, test_set):
    texts = defaultdict(set)
    for q in train + test_set:
        for tag in q["tags"]:
            if tag.startswith("intent:"):
                texts[tag].add(normalise(q["question"]))
    assert texts and all(len(v) >= 3 for v in texts.values())
    train_intents = {t for q in train for t in q["tags"] if t.startswith("intent:")}
    for q in test_set:
        intents = [t for t in q["tags"] if t.startswith("intent:")]
        assert intents or "novel" in q["tags"], q["id"]
        assert set(intents) <= train_intents


def test_idioms_and_handwritten_shares(test_set, train):
    def share(tag_test):
        return sum(any(tag_test(t) for t in q["tags"]) for q in test_set) / len(test_set)

    assert share(lambda t: t.startswith("idiom:")) >= 0.20
    assert share(lambda t: t == "handwritten") >= 0.30
    for q in train + test_set:
        assert ("template" in q["tags"]) != ("handwritten" in q["tags"]), q["id"]
        for tag in q["tags"]:
            if tag.startswith("idiom:"):
                assert tag[len("idiom:"):] in IDIOM_NAMES, tag


def test_gold_sql_runs_fast_and_returns_rows(con, train, test_set):
    con.execute("PRAGMA query_only = ON")
    for q in train + test_set:
        assert "date('now')" not in q["sql"].lower()
        start = time.perf_counter()
        rows = con.execute(q["sql"]).fetchall()
        assert time.perf_counter() - start < 0.1, q["id"]
        assert bool(rows) != ("empty_result" in q["tags"]), q["id"]
        assert not order_is_ambiguous(con, q["sql"]), q["id"]


def test_difficulty_is_spiders(train, test_set):
    for q in train + test_set:
        assert q["difficulty"] == spider_difficulty(q["sql"]), q["id"]
    assert {q["difficulty"] for q in test_set} == set(DIFFICULTIES)
    assert {q["difficulty"] for q in train} == set(DIFFICULTIES)


def test_questions_speak_business_not_schema(train, test_set):
    names = {t.name for t in TABLES} | {c.name for t in TABLES for c in t.columns}
    for q in train + test_set:
        words = set(re.findall(r"[a-z_]+", q["question"].lower()))
        assert not words & names, (q["id"], words & names)


# --- Reproducibility ---------------------------------------------------------------------


def test_regenerating_reproduces_the_committed_output(tmp_path):
    generate(tmp_path)
    fresh = tmp_path / "acme"
    for name in ("dictionary.md", "train.jsonl", "test.jsonl", "test_new.jsonl"):
        assert (fresh / name).read_bytes() == (DATA / name).read_bytes(), name
    assert sqlite_content(fresh / "acme.sqlite") == sqlite_content(DB)
