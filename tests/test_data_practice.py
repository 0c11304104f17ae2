"""The practice databases under data/practice: structure, split, questions and gold SQL.

Gold queries run here with plain sqlite3 in read-only mode, so these tests depend on
nothing but the committed files and the generator that wrote them.
"""

import json
import re
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from course_utils.datagen.common import read_jsonl, sqlite_content
from course_utils.datagen.practice import DOMAINS, generate
from course_utils.datagen.practice_kit import QUESTIONS_PER_INTENT
from course_utils.difficulty import DIFFICULTIES, spider_difficulty

PRACTICE = Path(__file__).resolve().parents[1] / "data" / "practice"
FIELDS = ["id", "db_id", "question", "sql", "difficulty", "tags"]
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def db_ids() -> list[str]:
    return sorted(p.name for p in PRACTICE.iterdir() if p.is_dir())


def connect(db_id: str) -> sqlite3.Connection:
    path = PRACTICE / db_id / f"{db_id}.sqlite"
    return sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)


def questions(db_id: str) -> list[dict]:
    return read_jsonl(PRACTICE / db_id / "questions.jsonl")


def all_questions() -> list[dict]:
    return [q for db_id in db_ids() for q in questions(db_id)]


def splits() -> dict:
    with open(PRACTICE / "splits.json", encoding="utf-8") as f:
        return json.load(f)


# --- Databases and split ------------------------------------------------------------


def test_every_database_folder_has_a_sqlite_file_and_questions():
    assert len(db_ids()) >= 12
    for db_id in db_ids():
        assert (PRACTICE / db_id / f"{db_id}.sqlite").is_file(), db_id
        assert (PRACTICE / db_id / "questions.jsonl").is_file(), db_id


def test_generator_and_folders_list_the_same_databases():
    assert sorted(d.db_id for d in DOMAINS) == db_ids()


def test_split_holds_out_at_least_four_databases_and_covers_all():
    split = splits()
    train, held_out = set(split["train"]), set(split["held_out"])
    assert len(held_out) >= 4
    assert not train & held_out
    assert train | held_out == set(db_ids())
    assert "never used to train" in split["note"]


@pytest.mark.parametrize("db_id", db_ids())
def test_schema_is_small_readable_and_keyed(db_id):
    with closing(connect(db_id)) as con:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert 3 <= len(tables) <= 6
        foreign_keys = 0
        for table in tables:
            assert SNAKE_CASE.match(table), table
            columns = con.execute(f'PRAGMA table_info("{table}")').fetchall()
            assert all(SNAKE_CASE.match(c[1]) for c in columns), (table, [c[1] for c in columns])
            assert any(c[5] for c in columns), f"{table} has no primary key"
            foreign_keys += len(con.execute(f'PRAGMA foreign_key_list("{table}")').fetchall())
            assert 3 <= con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] <= 600, table
        assert foreign_keys >= 2
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_readme_lists_every_database():
    readme = (PRACTICE / "README.md").read_text(encoding="utf-8")
    for db_id in db_ids():
        assert f"| {db_id} |" in readme


# --- Questions ------------------------------------------------------------------------


@pytest.mark.parametrize("db_id", db_ids())
def test_questions_have_the_contract_fields_and_types(db_id):
    rows = questions(db_id)
    assert len(rows) >= 40
    for q in rows:
        assert list(q) == FIELDS, q
        assert q["db_id"] == db_id
        assert re.fullmatch(rf"{db_id}-\d{{3}}", q["id"]), q["id"]
        assert isinstance(q["question"], str) and q["question"].strip()
        assert isinstance(q["sql"], str) and q["sql"].upper().startswith("SELECT")
        assert q["difficulty"] in DIFFICULTIES
        assert isinstance(q["tags"], list) and q["tags"]
        assert all(isinstance(t, str) and SNAKE_CASE.match(t) for t in q["tags"])


def test_ids_are_unique():
    ids = [q["id"] for q in all_questions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("db_id", db_ids())
def test_gold_sql_runs_and_returns_rows_unless_tagged_empty(db_id):
    with closing(connect(db_id)) as con:
        for q in questions(db_id):
            rows = con.execute(q["sql"]).fetchall()
            if "empty_result" in q["tags"]:
                assert rows == [], q["id"]
            else:
                assert rows, f"{q['id']} returns no rows: {q['sql']}"


def test_difficulty_is_computed_with_spiders_rules():
    for q in all_questions():
        assert q["difficulty"] == spider_difficulty(q["sql"]), q["id"]


def test_every_database_mixes_all_four_difficulties():
    assert set(Counter(q["difficulty"] for q in all_questions())) == set(DIFFICULTIES)
    for db_id in db_ids():
        mix = Counter(q["difficulty"] for q in questions(db_id))
        assert set(mix) == set(DIFFICULTIES), (db_id, mix)
        assert mix["easy"] + mix["medium"] > mix["hard"] + mix["extra"], (db_id, mix)


KEYWORD_OF_TAG = {
    "join": " JOIN ", "where": " WHERE ", "group_by": " GROUP BY ", "having": " HAVING ",
    "order_by": " ORDER BY ", "limit": " LIMIT ", "count": "COUNT(", "like": " LIKE ", "or": " OR ",
    "distinct": "DISTINCT ", "nested": "(SELECT ", "not_in": " NOT IN (", "intersect": " INTERSECT ",
    "except": " EXCEPT ", "union": " UNION ",
}


def test_tags_describe_the_sql_pattern():
    for q in all_questions():
        for tag, keyword in KEYWORD_OF_TAG.items():
            assert (tag in q["tags"]) == (keyword in q["sql"]), (q["id"], tag)
    for db_id in db_ids():
        assert any("empty_result" in q["tags"] for q in questions(db_id)), db_id


def test_every_intent_is_asked_in_several_phrasings():
    for domain in DOMAINS:
        for it in domain.intents:
            assert len(set(it.phrasings)) >= 3, it.name
    for db_id in db_ids():
        texts = [q["question"] for q in questions(db_id)]
        assert len(set(texts)) == len(texts), f"{db_id} repeats a question word for word"


def test_questions_come_in_groups_per_intent():
    for domain in DOMAINS:
        assert len(questions(domain.db_id)) == QUESTIONS_PER_INTENT * len(domain.intents)


# --- Reproducibility ----------------------------------------------------------------


def test_regenerating_reproduces_the_committed_files(tmp_path):
    generate(tmp_path)
    fresh = tmp_path / "practice"
    committed = sorted(p.relative_to(PRACTICE) for p in PRACTICE.rglob("*") if p.is_file())
    assert sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()) == committed
    for relative in committed:
        if relative.suffix == ".sqlite":
            assert sqlite_content(fresh / relative) == sqlite_content(PRACTICE / relative), relative
        else:
            assert (fresh / relative).read_bytes() == (PRACTICE / relative).read_bytes(), relative
