"""The capstone's mixed questions: data/capstone/dev.jsonl and data/capstone/held_out.jsonl.

Acme's managers ask one assistant everything. Each question has a `source`, the place its answer
lives:

- "kb": the knowledge base answers it (written in capstone_questions.py, checked like qa.jsonl:
  the gold answer is a phrase of verbatim evidence from the newest documents);
- "db": a query on the analytics database answers it. These are fresh fillings of the intents of
  acme_intents.py: new slot values where they exist and phrasings or values that no question of
  train, test or test_new has, with gold SQL that gives a clear answer. Their intents are
  *familiar* (training shows other questions of the same kind);
- "none": neither does, and the right reply says so (capstone_questions.py: not recorded anywhere,
  a near miss, or off topic).

The questions are shuffled by their own seeded stream and split per source: `held_out` (40%) is
for the final check only; `dev` is what a learner iterates on. No model trains on either file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from course_utils.datagen import kb
from course_utils.datagen.acme_intents import INTENTS
from course_utils.datagen.acme_questions import normalise, phrasing_pairs, pick_questions, slot_combinations
from course_utils.datagen.capstone_questions import KB_QUESTIONS, NEITHER_QUESTIONS
from course_utils.datagen.common import read_jsonl, rng, write_jsonl

SOURCES = ("kb", "db", "none")
DB_QUESTION_COUNT = 60
HELD_OUT_SHARE = 0.4
KEYS = ("id", "question", "source", "answer", "sql", "doc_ids", "evidence", "tags")


def row(question: str, source: str, answer=None, sql=None, doc_ids=(), evidence=(), tags=()) -> dict:
    """One capstone question in the file's key order."""
    return {"id": "", "question": question, "source": source, "answer": answer, "sql": sql,
            "doc_ids": list(doc_ids), "evidence": list(evidence), "tags": list(tags)}


def kb_rows() -> list[dict]:
    """The knowledge-base questions, with evidence cut from the documents as for qa.jsonl."""
    docs = kb.all_docs()
    by_id, bodies = {d.id: d for d in docs}, {d.id: kb.unwrap(d.body) for d in docs}
    rows = []
    for q in KB_QUESTIONS:
        qa = kb.qa_row(0, q, by_id, bodies)
        rows.append(row(q.question, "kb", qa["answer"], doc_ids=qa["doc_ids"], evidence=qa["evidence"],
                        tags=qa["tags"]))
    return rows


def none_rows() -> list[dict]:
    """The questions nobody's data answers; the tag says which kind."""
    return [row(q.question, "none", tags=[q.tags]) for q in NEITHER_QUESTIONS]


def db_rows(db_path: Path, used: set[str], r) -> list[dict]:
    """One fresh question for each of DB_QUESTION_COUNT intents, in the managers' (test) phrasings."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = []
    try:
        for it in r.sample(INTENTS, len(INTENTS)):
            combos = slot_combinations(it)
            r.shuffle(combos)
            pairs = phrasing_pairs(it.test, combos) + phrasing_pairs(it.train, combos)
            picked = pick_questions(con, it, pairs, 1, used, {})
            rows += [row(p["question"], "db", sql=p["sql"], tags=[f"difficulty:{p['difficulty']}", *p["tags"]])
                     for p in picked]
            if len(rows) == DB_QUESTION_COUNT:
                return rows
    finally:
        con.close()
    raise ValueError(f"only {len(rows)} intents have a fresh question; {DB_QUESTION_COUNT} are needed")


def texts_in_use(data_dir: Path) -> set[str]:
    """Every question text of the other question sets, normalised: the capstone repeats none."""
    files = [data_dir / "acme" / f"{split}.jsonl" for split in ("train", "test", "test_new")]
    files.append(data_dir / "kb" / "qa.jsonl")
    return {normalise(r["question"]) for path in files for r in read_jsonl(path)}


def split(rows: list[dict], r) -> tuple[list[dict], list[dict]]:
    """(dev, held_out): shuffled, then HELD_OUT_SHARE of each source held out, numbered."""
    dev, held_out = [], []
    for source in SOURCES:
        of_source = [q for q in rows if q["source"] == source]
        r.shuffle(of_source)
        cut = round(HELD_OUT_SHARE * len(of_source))
        held_out += of_source[:cut]
        dev += of_source[cut:]
    r.shuffle(dev)
    r.shuffle(held_out)
    number = lambda part, prefix: [{**q, "id": f"{prefix}-{i:03d}"} for i, q in enumerate(part, start=1)]
    return number(dev, "cap-dev"), number(held_out, "cap-held")


def build_capstone(data_dir: Path) -> tuple[list[dict], list[dict]]:
    """(dev, held_out) rows, from the Acme database and question sets already under data_dir."""
    r = rng("capstone")
    used = texts_in_use(data_dir)
    written = kb_rows() + none_rows()
    repeated = [q["question"] for q in written if normalise(q["question"]) in used]
    if repeated:
        raise ValueError(f"capstone questions repeat other question sets: {repeated}")
    used |= {normalise(q["question"]) for q in written}
    return split(written + db_rows(data_dir / "acme" / "acme.sqlite", used, r), r)


def generate(data_dir: Path) -> None:
    """Write data_dir/capstone/dev.jsonl and held_out.jsonl."""
    dev, held_out = build_capstone(Path(data_dir))
    write_jsonl(Path(data_dir) / "capstone" / "dev.jsonl", dev)
    write_jsonl(Path(data_dir) / "capstone" / "held_out.jsonl", held_out)
