"""The schema reader finds tables, keys, codes and idioms in the forms learners paste into prompts."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_utils.offline.reading.schema_text import (
    CodeValue,
    Column,
    SchemaText,
    read_schema_text,
)
from course_utils.sql import foreign_keys, run_sql, schema_text

ROOT = Path(__file__).resolve().parents[1]
ACME_DB = ROOT / "data" / "acme" / "acme.sqlite"
DICTIONARY = ROOT / "data" / "acme" / "dictionary.md"
PRACTICE_DBS = sorted((ROOT / "data" / "practice").glob("*/*.sqlite"))


def _columns(schema: SchemaText) -> dict[str, list[tuple[str, str]]]:
    return {table: [(c.name, c.type) for c in columns] for table, columns in schema.tables.items()}


def _database_columns(db: Path) -> dict[str, list[tuple[str, str]]]:
    tables = run_sql(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return {name: [(row[1], row[2].upper()) for row in run_sql(db, f'PRAGMA table_info("{name}")')]
            for (name,) in tables}


def test_create_table_statements():
    text = """Here is the schema.

```sql
create table if not exists "Customers" (
    id INTEGER PRIMARY KEY,   -- customer number
    [full name] varchar(80) NOT NULL, -- as printed on invoices
    `city` TEXT
);
CREATE TABLE orders (
    order_id INTEGER,
    customer_id INTEGER NOT NULL REFERENCES "Customers"(id),
    amount DECIMAL(10, 2) DEFAULT 0, -- in USD
    PRIMARY KEY (order_id)
);
```

And one more, outside the fence:
CREATE TABLE order_line (order_id INTEGER, line_no INTEGER, qty INTEGER,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT fk_order FOREIGN KEY (order_id, line_no) REFERENCES orders (order_id, line_no));
Which customers spent the most?
"""
    schema = read_schema_text(text)
    assert _columns(schema) == {
        "Customers": [("id", "INTEGER"), ("full name", "VARCHAR(80)"), ("city", "TEXT")],
        "orders": [("order_id", "INTEGER"), ("customer_id", "INTEGER"), ("amount", "DECIMAL(10, 2)")],
        "order_line": [("order_id", "INTEGER"), ("line_no", "INTEGER"), ("qty", "INTEGER")],
    }
    descriptions = [c.description for c in schema.tables["Customers"]]
    assert descriptions == ["customer number", "as printed on invoices", ""]
    assert schema.find_column("AMOUNT") == [Column("orders", "amount", "DECIMAL(10, 2)", "in USD")]
    assert schema.foreign_keys == [("orders", "customer_id", "Customers", "id"),
                                   ("order_line", "order_id", "orders", "order_id"),
                                   ("order_line", "line_no", "orders", "line_no")]
    assert schema.idioms == [] and schema.codes == []


def test_markdown_column_tables_under_table_headings():
    text = """## Tables

| Table | What it holds | Rows |
|---|---|---|
| `prd_mstr` | Product master | 32 |

### `prd_mstr`: Product master

| Column | Type | Key | Meaning | Codes / values |
|---|---|---|---|---|
| `prd_id` | INTEGER | PK | Product id |  |
| `cat_cd` | TEXT | FK -> `cat_ref.cat_cd` | Product category | see `cat_ref` |
| `rgn_cd` | TEXT |  | Region | `NAE` = North America East, `EMEA` = Europe, Middle East and Africa |
| `flg` | TEXT |  | A flag | `Y` = yes, `N` = no. Do not use. |

### Table cat_ref

| Column | Meaning |
|---|---|
| cat_cd | Category code |

**store**

| column | type |
|--|--|
| store_id | int |

| table | column | type | description |
|---|---|---|---|
| staff | staff_id | INTEGER | Employee number |
| staff | store_id | INTEGER | Where they work |

### Table shift
- `shift_id`: Shift number
"""
    schema = read_schema_text(text)
    assert _columns(schema) == {
        "prd_mstr": [("prd_id", "INTEGER"), ("cat_cd", "TEXT"), ("rgn_cd", "TEXT"), ("flg", "TEXT")],
        "cat_ref": [("cat_cd", "")],
        "store": [("store_id", "INT")],
        "staff": [("staff_id", "INTEGER"), ("store_id", "INTEGER")],
        "shift": [("shift_id", "")],
    }
    assert schema.tables["prd_mstr"][1].description == "Product category"
    assert schema.find_column("staff_id")[0].description == "Employee number"
    assert schema.table_descriptions == {"prd_mstr": "Product master"}
    assert schema.foreign_keys == [("prd_mstr", "cat_cd", "cat_ref", "cat_cd")]
    assert schema.codes == [CodeValue("NAE", "North America East", "prd_mstr.rgn_cd"),
                            CodeValue("EMEA", "Europe, Middle East and Africa", "prd_mstr.rgn_cd"),
                            CodeValue("Y", "yes", "prd_mstr.flg"), CodeValue("N", "no", "prd_mstr.flg")]
    assert schema.column_names() == {"prd_id", "cat_cd", "rgn_cd", "flg", "store_id", "staff_id", "shift_id"}


@pytest.mark.parametrize("text, columns", [
    ("customers(id, name, city)", [("id", ""), ("name", ""), ("city", "")]),
    ("- customers: id, name, city", [("id", ""), ("name", ""), ("city", "")]),
    ("Table customers: id, name, city", [("id", ""), ("name", ""), ("city", "")]),
    ("customers (id INTEGER, name TEXT)", [("id", "INTEGER"), ("name", "TEXT")]),
])
def test_one_line_forms(text, columns):
    schema = read_schema_text(f"Tables:\n{text}\norders(order_id, customer_id)\n\nHow many customers?")
    assert _columns(schema) == {"customers": columns,
                                "orders": [("order_id", ""), ("customer_id", "")]}


def test_one_line_look_alikes_are_not_tables():
    schema = read_schema_text("Revenue (USD)\n- Note: see below\nCount them (all of them).")
    assert schema.tables == {}


def test_code_tables_and_bullets():
    text = """### Sales channels

Used in: `ord_hdr.chnl_cd`.

| Code | Meaning |
|---|---|
| `WEB` | acme.example website |
| `APP` | Acme mobile app |

### Regions

Used in: `cust_mstr.rgn_cd`, `ord_hdr.shp_rgn_cd`.

| Code | Meaning |
|---|---|
| `NAE` | North America East |

### Account statuses

- `A` = Active account
- S: Suspended
"""
    assert read_schema_text(text).codes == [
        CodeValue("WEB", "acme.example website", "ord_hdr.chnl_cd"),
        CodeValue("APP", "Acme mobile app", "ord_hdr.chnl_cd"),
        CodeValue("NAE", "North America East", "cust_mstr.rgn_cd"),
        CodeValue("NAE", "North America East", "ord_hdr.shp_rgn_cd"),
        CodeValue("A", "Active account", ""),
        CodeValue("S", "Suspended", ""),
    ]


def test_idioms_after_headings():
    text = """## Schema

```sql
CREATE TABLE cust (id INTEGER, stat_cd TEXT);
```

## Business idioms

### Active customer

An account in status `A`
that ordered recently.

```sql
SELECT COUNT(*)
FROM cust
WHERE stat_cd = 'A';
```

## Example without a ### heading

```sql
SELECT 1;
```
"""
    schema = read_schema_text(text)
    assert schema.idioms == [("Active customer", "An account in status `A` that ordered recently.",
                              "SELECT COUNT(*) FROM cust WHERE stat_cd = 'A'")]
    assert _columns(schema) == {"cust": [("id", "INTEGER"), ("stat_cd", "TEXT")]}


@pytest.mark.parametrize("text, expected", [
    ("Snapshot date: 2026-01-31", "2026-01-31"),
    ("Today is 2025-12-24. How many orders?", "2025-12-24"),
    ("Figures are as of 2024-02-29.", "2024-02-29"),
    ("as of 2024-02-30 (not a date)", None),
    ("No date here.", None),
])
def test_snapshot_date(text, expected):
    assert read_schema_text(text).snapshot_date == expected


def test_course_dictionary():
    schema = read_schema_text(DICTIONARY.read_text(encoding="utf-8"))
    assert _columns(schema) == _database_columns(ACME_DB)
    assert all(column.description for columns in schema.tables.values() for column in columns)
    assert schema.table_descriptions["prd_mstr"] == "Product master"
    assert len(schema.table_descriptions) == 13
    assert set(schema.foreign_keys) == set(foreign_keys(ACME_DB))
    assert CodeValue("LOC", "Local courier", "shpmt.carr_cd") in schema.codes
    nae = [c for c in schema.codes if c.code == "NAE" and c.column == "rgn_ref.rgn_cd"]
    assert len(nae) == 1 and nae[0].meaning.startswith("North America East")
    assert CodeValue("N", "no", "cust_mstr.vip_flg") in schema.codes
    assert CodeValue("OTH", "Other or not given", "mbr_sub.cncl_rsn_cd") in schema.codes
    assert len(schema.idioms) == 21 and all(sql.startswith("SELECT") for _, _, sql in schema.idioms)
    assert schema.idioms[4][0] == "VIP customer"
    assert schema.idioms[4][2] == "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4"
    assert schema.snapshot_date == "2026-01-31"


@pytest.mark.parametrize("db", [ACME_DB, *PRACTICE_DBS], ids=lambda db: db.parent.name)
def test_course_schema_text(db):
    for sample_rows in (0, 2):
        schema = read_schema_text(schema_text(db, sample_rows=sample_rows))
        assert _columns(schema) == _database_columns(db)
        assert set(schema.foreign_keys) == set(foreign_keys(db))
        assert schema.codes == [] and schema.idioms == []


@pytest.mark.parametrize("text", [
    "", "   \n", "hello world", "CREATE TABLE", "| | |\n|---|", "| Column |\n|---|\n| |", "```sql\nSELECT",
    "### \n```", "(((", "- : ,", "\x00\ufeff|`", "Used in: `.`\n| Code | Meaning |\n|---|---|\n|", None, 42,
])
def test_empty_or_garbage_text_gives_empty_schema(text):
    assert read_schema_text(text) == SchemaText()


def test_broken_text_never_raises():
    assert _columns(read_schema_text("create table t (a int, b (((")) == {"t": [("a", "INT"), ("b", "")]}
    # A statement left open ends at its ";" instead of swallowing the rest of the text.
    left_open = "CREATE TABLE t (a INT, b TEXT;\n\n### u\n\n| Column |\n|---|\n| c |"
    assert _columns(read_schema_text(left_open)) == {"t": [("a", "INT"), ("b", "TEXT")], "u": [("c", "")]}
    assert read_schema_text("create table t (" * 2000).tables.keys() == {"t"}  # and quickly
    pieces = ["CREATE TABLE ", "t", "(", ")", ",", "--", "/*", "\"", "`", "[", "|", "\n", "###", "```", "**",
              "FK -> ", "`A` = ", "- ", ":", "Used in: ", "x.y", " INTEGER", "REFERENCES "]
    for i in range(400):  # a fixed pseudo-random mix of the syntax the reader reacts to
        text = "".join(pieces[(i * 7 + j * j * 13) % len(pieces)] for j in range(i % 40))
        assert isinstance(read_schema_text(text), SchemaText)
