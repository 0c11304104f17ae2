"""Small utilities shared by the seeded data generators.

Every generator takes its randomness from `rng(name)`, so each data set has its own
stream: changing the practice databases never reshuffles the Acme data. Files are
written in a canonical form (UTF-8, "\\n" line endings, stable key order) so that a
second run reproduces them byte for byte; SQLite files are compared by content.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path
from typing import Iterable

import sqlglot
from sqlglot import exp

from course_utils.datasets import read_jsonl  # noqa: F401  (re-exported for the generators)

MASTER_SEED = 20231106  # DevDay 2023, where the talk this course follows was given


def rng(name: str) -> random.Random:
    """A random generator seeded from MASTER_SEED and a data set's name."""
    digest = hashlib.sha256(f"{MASTER_SEED}:{name}".encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix line endings, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    """Write one JSON object per line, keys in the order given, non-ASCII kept readable."""
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    write_text(path, "\n".join(lines) + "\n")


def build_sqlite(path: Path, schema_sql: str, tables: dict[str, list[tuple]]) -> None:
    """Create a fresh SQLite file from CREATE statements and rows per table.

    The file is rebuilt from scratch (never appended to) and VACUUMed, so its content
    depends only on the arguments.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.executescript(schema_sql)
        for table, rows in tables.items():
            if not rows:
                continue
            marks = ",".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def sqlite_content(path: Path) -> dict[str, object]:
    """Schema and every row of a SQLite file, for content-for-content comparison."""
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        schema = con.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        rows = {}
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        ):
            rows[name] = con.execute(f'SELECT * FROM "{name}"').fetchall()
        return {"schema": schema, "rows": rows}
    finally:
        con.close()


def order_is_ambiguous(con: sqlite3.Connection, sql: str) -> bool:
    """True when ORDER BY has ties among the rows shown (or at the cut of a LIMIT).

    Then "the top 3" or "sorted by count" has more than one right answer.
    """
    tree = sqlglot.parse_one(sql, read="sqlite")
    order = tree.args.get("order")
    if not isinstance(tree, exp.Select) or order is None:
        return False
    aliases = {a.alias: a.this for a in tree.expressions if isinstance(a, exp.Alias)}
    keys = []
    for ordered in order.expressions:
        key = ordered.this
        if isinstance(key, exp.Column) and not key.table and key.name in aliases:
            key = aliases[key.name]
        keys.append(key.copy())
    width = len(tree.expressions)
    probe = tree.copy()
    probe.set("expressions", [*probe.expressions, *keys])
    limit = tree.args.get("limit")
    probe.set("limit", None)
    if limit is not None:
        probe = probe.limit(int(limit.expression.name) + 1)
    rows = con.execute(probe.sql(dialect="sqlite")).fetchall()
    return any(
        before[width:] == after[width:] and before[:width] != after[:width]
        for before, after in zip(rows, rows[1:])
    )
