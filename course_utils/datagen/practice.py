"""The practice databases: small, readable databases in other domains than Acme's.

They look like the public text-to-SQL benchmarks (Spider-style): a few tables with
full-word snake_case names (`book.published_year`, `loan.member_id`), keys between
them, and questions with gold SQL. They serve two purposes in the course:

- the *train* databases are the only text-to-SQL data the course's small offline
  model is trained on;
- the *held-out* databases are never used to train or to pick examples for anything;
  they measure how well a model copes with a schema it has never seen.

Each database lives in its own module (`practice_library.py`, ...); the shared
machinery is in `practice_kit.py`. `generate(data_dir)` writes, under
`data_dir / "practice"`:

    <db_id>/<db_id>.sqlite     the database
    <db_id>/questions.jsonl    id, db_id, question, sql, difficulty, tags
    splits.json                which databases are train and which are held out
    README.md                  what is there

Everything comes from seeded random streams, so a second run writes the same files.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

from course_utils.datagen.common import build_sqlite, rng, write_jsonl, write_text
from course_utils.datagen.practice_kit import Domain, connect_read_only, make_questions
from course_utils.datagen.practice_airline import DOMAIN as AIRLINE
from course_utils.datagen.practice_bike_sharing import DOMAIN as BIKE_SHARING
from course_utils.datagen.practice_concert import DOMAIN as CONCERT_HALL
from course_utils.datagen.practice_farm_market import DOMAIN as FARM_MARKET
from course_utils.datagen.practice_football import DOMAIN as FOOTBALL_LEAGUE
from course_utils.datagen.practice_hospital import DOMAIN as HOSPITAL
from course_utils.datagen.practice_hotel import DOMAIN as HOTEL_BOOKINGS
from course_utils.datagen.practice_job_board import DOMAIN as JOB_BOARD
from course_utils.datagen.practice_library import DOMAIN as LIBRARY
from course_utils.datagen.practice_movie_rental import DOMAIN as MOVIE_RENTAL
from course_utils.datagen.practice_museum import DOMAIN as MUSEUM
from course_utils.datagen.practice_pet_clinic import DOMAIN as PET_CLINIC
from course_utils.datagen.practice_real_estate import DOMAIN as REAL_ESTATE
from course_utils.datagen.practice_restaurant import DOMAIN as RESTAURANT_ORDERS
from course_utils.datagen.practice_school import DOMAIN as SCHOOL
from course_utils.datagen.practice_weather import DOMAIN as WEATHER_STATION

TRAIN_DOMAINS: tuple[Domain, ...] = (
    LIBRARY,
    SCHOOL,
    HOSPITAL,
    AIRLINE,
    CONCERT_HALL,
    MOVIE_RENTAL,
    RESTAURANT_ORDERS,
    FOOTBALL_LEAGUE,
    BIKE_SHARING,
    REAL_ESTATE,
    HOTEL_BOOKINGS,
    PET_CLINIC,
)
HELD_OUT_DOMAINS: tuple[Domain, ...] = (
    MUSEUM,
    JOB_BOARD,
    FARM_MARKET,
    WEATHER_STATION,
)
DOMAINS = TRAIN_DOMAINS + HELD_OUT_DOMAINS

SPLIT_NOTE = (
    "Held-out databases are never used to train anything: not the offline model, not "
    "fine-tuning data, not few-shot example pools. Their domains differ from every train "
    "domain, so they measure how well a model generalises to schemas it has never seen."
)


def database_path(data_dir: Path, db_id: str) -> Path:
    """Where a practice database's SQLite file lives."""
    return data_dir / "practice" / db_id / f"{db_id}.sqlite"


def questions_path(data_dir: Path, db_id: str) -> Path:
    """Where a practice database's questions live."""
    return data_dir / "practice" / db_id / "questions.jsonl"


def build_domain(domain: Domain, data_dir: Path) -> list[dict]:
    """Write one database and its questions; return the questions."""
    tables = domain.make_rows(rng(f"practice/{domain.db_id}/rows"))
    db_path = database_path(data_dir, domain.db_id)
    build_sqlite(db_path, domain.schema, tables)
    questions = make_questions(domain, db_path, rng(f"practice/{domain.db_id}/questions"))
    write_jsonl(questions_path(data_dir, domain.db_id), questions)
    return questions


def splits() -> dict:
    """The train / held-out split, as written to splits.json."""
    return {
        "train": [d.db_id for d in TRAIN_DOMAINS],
        "held_out": [d.db_id for d in HELD_OUT_DOMAINS],
        "note": SPLIT_NOTE,
    }


def table_sizes(db_path: Path) -> list[tuple[str, int]]:
    """(table, row count) for every table of a database, in creation order."""
    con = connect_read_only(db_path)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        return [(n, con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]) for n in names]
    finally:
        con.close()


def readme(data_dir: Path, questions_by_db: dict[str, list[dict]]) -> str:
    """The README of data/practice: databases, tables, question counts, split."""
    held_out = {d.db_id for d in HELD_OUT_DOMAINS}
    lines = [
        "# Practice databases",
        "",
        "Small databases in other domains than Acme's, in the style of public text-to-SQL",
        "benchmarks such as Spider: readable snake_case names, primary and foreign keys, tens to",
        "a few hundred rows per table, and questions with gold SQL. Generated by",
        "`course_utils/datagen/practice.py` from a fixed seed (all names and values are invented).",
        "",
        "Each folder holds `<db_id>.sqlite` and `questions.jsonl` (one JSON object per line:",
        "`id`, `db_id`, `question`, `sql`, `difficulty` by Spider's rules, `tags` naming the SQL",
        "patterns; `empty_result` marks questions whose right answer is no rows).",
        "",
        "## Split",
        "",
        f"- **train** ({len(TRAIN_DOMAINS)}): " + ", ".join(d.db_id for d in TRAIN_DOMAINS),
        f"- **held out** ({len(HELD_OUT_DOMAINS)}): " + ", ".join(d.db_id for d in HELD_OUT_DOMAINS),
        "",
        SPLIT_NOTE,
        "",
        "## Databases",
        "",
        "| db_id | split | domain | tables (rows) | questions | easy / medium / hard / extra |",
        "|---|---|---|---|---|---|",
    ]
    for d in DOMAINS:
        sizes = ", ".join(f"{t} ({n})" for t, n in table_sizes(database_path(data_dir, d.db_id)))
        mix = Counter(q["difficulty"] for q in questions_by_db[d.db_id])
        levels = " / ".join(str(mix[level]) for level in ("easy", "medium", "hard", "extra"))
        split = "held out" if d.db_id in held_out else "train"
        lines.append(f"| {d.db_id} | {split} | {d.topic} | {sizes} | {len(questions_by_db[d.db_id])} | {levels} |")
    total = sum(len(qs) for qs in questions_by_db.values())
    lines += ["", f"{len(DOMAINS)} databases, {total} questions in all.", ""]
    return "\n".join(lines)


def generate(data_dir: Path) -> None:
    """Write every practice database, its questions, splits.json and README.md."""
    data_dir = Path(data_dir)
    practice_dir = data_dir / "practice"
    if practice_dir.exists():
        shutil.rmtree(practice_dir)  # rebuilt from scratch: no file of an old run survives
    questions_by_db = {d.db_id: build_domain(d, data_dir) for d in DOMAINS}
    write_text(practice_dir / "splits.json", json.dumps(splits(), indent=2, ensure_ascii=False) + "\n")
    write_text(practice_dir / "README.md", readme(data_dir, questions_by_db))


if __name__ == "__main__":
    generate(Path(__file__).resolve().parents[2] / "data")
