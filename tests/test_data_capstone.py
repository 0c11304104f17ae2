"""Tests of the capstone's mixed questions, data/capstone/{dev,held_out}.jsonl.

The same integrity rules as the sets they mix: knowledge-base answers are phrases of verbatim
evidence from current documents, gold queries run read-only and give a clear answer, and no
question repeats one of another set (so a model trained on Acme's SQL training questions never
saw a capstone question). The split holds out 40% of every source, and the generator reproduces
the committed files. The repeat check is shown failing on a planted repeat.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from course_utils import datasets
from course_utils.datagen import capstone, kb
from course_utils.datagen.acme_questions import answer_is_clear, normalise
from course_utils.sql import run_sql

CAPSTONE = datasets.CAPSTONE_DIR


@pytest.fixture(scope="module")
def splits():
    return {name: datasets.load_capstone(name) for name in ("dev", "held_out")}


@pytest.fixture(scope="module")
def rows(splits):
    return splits["dev"] + splits["held_out"]


def repeated_texts(rows: list[dict], data_dir: Path) -> list[str]:
    """Capstone questions whose text another question set already has."""
    used = capstone.texts_in_use(data_dir)
    return [r["question"] for r in rows if normalise(r["question"]) in used]


def test_rows_have_the_keys_in_order_and_unique_ids(rows):
    assert all(list(r) == list(capstone.KEYS) for r in rows)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r["source"] in capstone.SOURCES for r in rows)


def test_every_source_is_well_represented_and_held_out_at_40_percent(splits):
    for source in capstone.SOURCES:
        dev = sum(r["source"] == source for r in splits["dev"])
        held = sum(r["source"] == source for r in splits["held_out"])
        assert dev + held >= 40, source
        assert abs(held / (dev + held) - capstone.HELD_OUT_SHARE) < 0.02, source


def test_dev_and_held_out_share_no_question(splits):
    dev = {normalise(r["question"]) for r in splits["dev"]}
    assert not dev & {normalise(r["question"]) for r in splits["held_out"]}


def test_no_question_repeats_another_question_set(rows):
    assert not repeated_texts(rows, datasets.DATA_DIR)


def test_the_repeat_check_catches_a_planted_repeat(rows):
    planted = {**rows[0], "question": datasets.load_acme_questions("train")[0]["question"].upper()}
    assert repeated_texts(rows[1:] + [planted], datasets.DATA_DIR) == [planted["question"]]


def test_each_source_has_exactly_its_own_gold(rows):
    for r in rows:
        if r["source"] == "kb":
            assert r["answer"] and r["doc_ids"] and len(r["evidence"]) == len(r["doc_ids"]) and r["sql"] is None
        elif r["source"] == "db":
            assert r["sql"] and r["answer"] is None and not r["doc_ids"] and not r["evidence"]
        else:
            assert r["answer"] is None and r["sql"] is None and not r["doc_ids"]


def test_kb_evidence_is_verbatim_from_current_documents_and_holds_the_answer(rows):
    docs = {d["id"]: d for d in datasets.load_kb_docs()}
    superseded = {d.get("supersedes") for d in docs.values()}
    for r in (r for r in rows if r["source"] == "kb"):
        assert not set(r["doc_ids"]) & superseded, r["id"]
        for doc_id, passage in zip(r["doc_ids"], r["evidence"]):
            assert passage in kb.unwrap(docs[doc_id]["body"]), (r["id"], doc_id)
        assert kb.normalise(r["answer"]) in kb.normalise(" ".join(r["evidence"])), r["id"]


def test_gold_queries_only_read_and_give_a_clear_answer(rows):
    con = sqlite3.connect(f"file:{datasets.ACME_DB}?mode=ro", uri=True)
    try:
        for r in (r for r in rows if r["source"] == "db"):
            run_sql(datasets.ACME_DB, r["sql"])  # the course's read-only runner refuses writes
            assert answer_is_clear(con, r["sql"]), r["id"]
    finally:
        con.close()


def test_database_questions_come_from_many_intents_and_difficulties(rows):
    db = [r for r in rows if r["source"] == "db"]
    intents = Counter(t for r in db for t in r["tags"] if t.startswith("intent:"))
    assert len(intents) == len(db)  # one question per intent
    levels = Counter(t for r in db for t in r["tags"] if t.startswith("difficulty:"))
    assert len(levels) == 4 and min(levels.values()) >= 5


def test_questions_no_source_answers_have_a_kind(rows):
    kinds = Counter(r["tags"][0] for r in rows if r["source"] == "none")
    assert set(kinds) == {"not_recorded", "near_miss", "off_topic"}


def test_no_offline_model_code_reads_the_capstone():
    """Nothing trains on the capstone: the offline backend's code never names its folder."""
    offline = Path(capstone.__file__).resolve().parents[1] / "offline"
    assert not [p for p in offline.rglob("*.py") if "capstone" in p.read_text(encoding="utf-8")]


def test_generator_reproduces_the_committed_files(tmp_path):
    data = tmp_path / "data"
    for name in ("acme", "kb"):  # the capstone reads the other question sets from its data folder
        (data / name).mkdir(parents=True)
    for path in ["acme/acme.sqlite", "acme/train.jsonl", "acme/test.jsonl", "acme/test_new.jsonl", "kb/qa.jsonl"]:
        (data / path).write_bytes((datasets.DATA_DIR / path).read_bytes())
    capstone.generate(data)
    for name in ("dev.jsonl", "held_out.jsonl"):
        assert (data / "capstone" / name).read_bytes() == (CAPSTONE / name).read_bytes(), name
