"""Tests for course_utils.sql: untrusted SQL must never change the database, hang, or flood memory."""

import hashlib
import os
import sqlite3
import time

import pytest

from course_utils.sql import (SQLError, SQLRefused, SQLTimeout, SQLTooManyRows, row_counts,
                              run_sql, run_sql_frame, run_sql_with_columns, schema_text,
                              table_names)

CUSTOMERS = [(i, f"customer {i}", "Lyon" if i % 3 == 0 else "Oslo") for i in range(1, 51)]
ORDERS = [(i, 1 + i % 50, round(9.5 * i, 2)) for i in range(1, 201)]


@pytest.fixture
def shop_db(tmp_path):
    """A small database: 50 customers, 200 orders, one index."""
    path = tmp_path / "shop.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE cust_mstr (cust_id INTEGER PRIMARY KEY, cust_nm TEXT, city TEXT)")
    connection.execute("CREATE TABLE ord_hdr (ord_id INTEGER PRIMARY KEY, cust_id INTEGER, amt REAL)")
    connection.execute("CREATE INDEX ix_ord_cust ON ord_hdr (cust_id)")
    connection.executemany("INSERT INTO cust_mstr VALUES (?, ?, ?)", CUSTOMERS)
    connection.executemany("INSERT INTO ord_hdr VALUES (?, ?, ?)", ORDERS)
    connection.commit()
    connection.close()
    return path


def fingerprint(path):
    """What must not change: the file's bytes and its modification time."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def test_select_returns_rows_as_tuples(shop_db):
    rows = run_sql(shop_db, "SELECT cust_id, cust_nm, city FROM cust_mstr WHERE city = 'Lyon' "
                            "ORDER BY cust_id")
    assert rows == [row for row in CUSTOMERS if row[2] == "Lyon"]


def test_columns_and_frame(shop_db):
    columns, rows = run_sql_with_columns(shop_db, "SELECT cust_nm AS name, city FROM cust_mstr")
    assert columns == ["name", "city"] and len(rows) == len(CUSTOMERS)
    frame = run_sql_frame(shop_db, "SELECT cust_id FROM cust_mstr")
    assert list(frame.columns) == ["cust_id"] and len(frame) == len(CUSTOMERS)


ADVERSARIAL = [
    "DROP TABLE cust_mstr",
    "DELETE FROM ord_hdr",
    "UPDATE cust_mstr SET cust_nm = 'x'",
    "INSERT INTO cust_mstr VALUES (999, 'mallory', 'Nowhere')",
    "CREATE TABLE evil (a)",
    "CREATE TEMP TABLE evil (a)",
    "CREATE INDEX ix_evil ON cust_mstr (city)",
    "CREATE VIEW evil AS SELECT 1",
    "ALTER TABLE cust_mstr ADD COLUMN evil TEXT",
    "DROP INDEX ix_ord_cust",
    "PRAGMA writable_schema = 1",
    "PRAGMA journal_mode = WAL",
    "PRAGMA user_version = 7",
    "VACUUM",
    "REINDEX",
    "ANALYZE",
    "BEGIN",
    "SELECT load_extension('evil')",
    "SELECT 1; DROP TABLE cust_mstr",
    "SELECT cust_id FROM cust_mstr; DELETE FROM cust_mstr;",
]


@pytest.mark.parametrize("sql", ADVERSARIAL)
def test_writes_are_refused_and_file_unchanged(shop_db, sql):
    before = fingerprint(shop_db)
    with pytest.raises(SQLRefused) as refusal:
        run_sql(shop_db, sql)
    assert str(refusal.value).startswith("Refused")
    assert fingerprint(shop_db) == before
    assert row_counts(shop_db) == {"cust_mstr": len(CUSTOMERS), "ord_hdr": len(ORDERS)}


def test_refusal_says_what_was_attempted(shop_db):
    with pytest.raises(SQLRefused, match="DELETE rows from table ord_hdr"):
        run_sql(shop_db, "DELETE FROM ord_hdr WHERE amt > 10")
    with pytest.raises(SQLRefused, match="DROP TABLE cust_mstr"):
        run_sql(shop_db, "DROP TABLE cust_mstr")
    with pytest.raises(SQLRefused, match="writable_schema"):
        run_sql(shop_db, "PRAGMA writable_schema = 1")
    with pytest.raises(SQLRefused, match="one SQL statement at a time"):
        run_sql(shop_db, "SELECT 1; SELECT 2")


def test_attach_is_refused_and_creates_no_file(shop_db, tmp_path):
    other = tmp_path / "other.sqlite"
    before = fingerprint(shop_db)
    with pytest.raises(SQLRefused, match="ATTACH"):
        run_sql(shop_db, f"ATTACH DATABASE '{other}' AS other")
    with pytest.raises(SQLRefused):
        run_sql(shop_db, f"VACUUM INTO '{other}'")
    assert not other.exists()
    assert fingerprint(shop_db) == before


def test_schema_pragma_is_allowed(shop_db):
    columns = [row[1] for row in run_sql(shop_db, "PRAGMA table_info(cust_mstr)")]
    assert columns == ["cust_id", "cust_nm", "city"]


def test_trailing_semicolon_and_comment_are_one_statement(shop_db):
    assert run_sql(shop_db, "SELECT COUNT(*) FROM cust_mstr; -- all of them") == [(len(CUSTOMERS),)]


def test_endless_recursive_query_stops_in_time(shop_db):
    before = fingerprint(shop_db)
    started = time.monotonic()
    with pytest.raises(SQLTimeout, match="stopped after 2.0 s"):
        run_sql(shop_db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                         "SELECT COUNT(*) FROM n")
    assert time.monotonic() - started < 3
    assert fingerprint(shop_db) == before


def test_huge_cross_join_is_stopped(shop_db):
    # 200**4 = 1.6 billion rows: counting them must time out...
    started = time.monotonic()
    with pytest.raises(SQLTimeout):
        run_sql(shop_db, "SELECT COUNT(*) FROM ord_hdr a, ord_hdr b, ord_hdr c, ord_hdr d",
                timeout=0.5)
    assert time.monotonic() - started < 1.5
    # ...and returning them must stop at the row cap, long before memory runs out.
    started = time.monotonic()
    with pytest.raises(SQLTooManyRows, match="more than 10,000 rows"):
        run_sql(shop_db, "SELECT * FROM ord_hdr a, ord_hdr b, ord_hdr c, ord_hdr d")
    assert time.monotonic() - started < 1.5


def test_row_cap(shop_db):
    assert len(run_sql(shop_db, "SELECT * FROM ord_hdr", max_rows=len(ORDERS))) == len(ORDERS)
    with pytest.raises(SQLTooManyRows):
        run_sql(shop_db, "SELECT * FROM ord_hdr", max_rows=len(ORDERS) - 1)
    assert len(run_sql(shop_db, "SELECT * FROM ord_hdr LIMIT 5", max_rows=5)) == 5


def test_missing_database_is_not_created(tmp_path):
    missing = tmp_path / "nope.sqlite"
    with pytest.raises(FileNotFoundError) as error:
        run_sql(missing, "SELECT 1")
    assert "nope.sqlite" in str(error.value) and "course_utils.datagen" in str(error.value)
    assert not missing.exists()


def test_sql_errors_keep_sqlite_message(shop_db):
    with pytest.raises(SQLError, match="syntax error") as error:
        run_sql(shop_db, "SELEC cust_id FROM cust_mstr")
    assert not isinstance(error.value, (SQLRefused, SQLTimeout))
    with pytest.raises(SQLError, match="no such table: customers"):
        run_sql(shop_db, "SELECT * FROM customers")
    with pytest.raises(SQLError, match="no such column: name"):
        run_sql(shop_db, "SELECT name FROM cust_mstr")


def test_path_with_spaces_and_hash(tmp_path, shop_db):
    odd_folder = tmp_path / "my data #1"
    odd_folder.mkdir()
    odd_path = odd_folder / "shop?.sqlite" if os.name != "nt" else odd_folder / "shop.sqlite"
    odd_path.write_bytes(shop_db.read_bytes())
    assert run_sql(odd_path, "SELECT COUNT(*) FROM cust_mstr") == [(len(CUSTOMERS),)]


def test_table_names_and_row_counts(shop_db):
    assert table_names(shop_db) == ["cust_mstr", "ord_hdr"]
    assert row_counts(shop_db) == {"cust_mstr": len(CUSTOMERS), "ord_hdr": len(ORDERS)}


def test_schema_text(shop_db):
    text = schema_text(shop_db)
    assert text.count("CREATE TABLE") == 2 and "cust_nm TEXT" in text and "/*" not in text
    with_rows = schema_text(shop_db, sample_rows=3)
    assert with_rows.count("3 example rows:") == 2
    assert "cust_id | cust_nm | city" in with_rows
    assert " | ".join(map(str, CUSTOMERS[2])) in with_rows
    assert " | ".join(map(str, CUSTOMERS[3])) not in with_rows
    only_customers = schema_text(shop_db, tables=["cust_mstr"])
    assert only_customers.count("CREATE TABLE") == 1 and "cust_nm TEXT" in only_customers


def test_foreign_keys_lists_declared_references(tmp_path):
    db = tmp_path / "fk.sqlite"
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER, parent_id INTEGER REFERENCES parent(id));"
    )
    con.close()
    from course_utils.sql import foreign_keys

    assert foreign_keys(db) == [("child", "parent_id", "parent", "id")]
