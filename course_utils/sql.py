"""Run SQL against a course database without any way to change it.

A model's SQL is untrusted text, so every query goes through `run_sql`, which stacks four guards:

1. the file is opened read-only (`mode=ro`) and with `PRAGMA query_only`, so SQLite itself refuses writes;
2. an authorizer (SQLite's per-statement permission hook) lets a statement read tables and call
   functions, and refuses anything else with a message that says what was attempted;
3. a progress handler stops a query after `timeout` seconds (an endless recursive CTE, a huge join);
4. rows are fetched in batches and the query stops once it returns more than `max_rows`.

`schema_text` turns a database into prompt text: its CREATE TABLE statements, optionally followed by a few
rows of each table, the format Rajkumar et al. (2022) found to work best for Codex on Spider.
"""

import sqlite3
import time
from pathlib import Path


class SQLError(Exception):
    """The query could not run; the message is SQLite's (e.g. 'no such column: nm')."""


class SQLRefused(SQLError):
    """The query tries to do something other than read (write, attach, change settings...)."""


class SQLTimeout(SQLError):
    """The query ran for longer than the time limit."""


class SQLTooManyRows(SQLError):
    """The query returns more rows than the row limit."""


# Pragmas that only describe the schema; every other pragma is refused.
READ_ONLY_PRAGMAS = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list",
}

# Authorizer actions a reading query needs.
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}

# How to describe the other actions in a refusal message.
_ACTION_VERBS = {
    sqlite3.SQLITE_INSERT: "INSERT rows into table",
    sqlite3.SQLITE_UPDATE: "UPDATE table",
    sqlite3.SQLITE_DELETE: "DELETE rows from table",
    sqlite3.SQLITE_ATTACH: "ATTACH the database",
    sqlite3.SQLITE_DETACH: "DETACH the database",
    sqlite3.SQLITE_ANALYZE: "ANALYZE table",
    sqlite3.SQLITE_REINDEX: "REINDEX",
}

# Functions a query may not call even though SQLite knows them.
_FORBIDDEN_FUNCTIONS = {"load_extension"}

_SCHEMA_TABLES = {"sqlite_master", "sqlite_temp_master", "sqlite_schema", "sqlite_temp_schema"}

# How many SQLite virtual-machine steps run between two looks at the clock.
_STEPS_BETWEEN_CHECKS = 10_000


def _only_reads(action, arg1, arg2):
    """Whether one authorizer action (SQLite's arguments) is part of merely reading."""
    if action == sqlite3.SQLITE_FUNCTION:
        return arg2 not in _FORBIDDEN_FUNCTIONS  # arg2 is the function's name
    if action == sqlite3.SQLITE_PRAGMA:
        return arg1 in READ_ONLY_PRAGMAS  # arg1 is the pragma's name
    return action in _READ_ACTIONS


def _describe_action(action, arg1, arg2):
    """Say in words what a refused authorizer action would have done."""
    if arg1 in _SCHEMA_TABLES:  # CREATE, DROP and ALTER all write the schema table first
        return "change the database schema (CREATE, DROP or ALTER)"
    if action in (sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT):
        return "control a transaction (BEGIN, COMMIT, SAVEPOINT...)"
    if action == sqlite3.SQLITE_ALTER_TABLE:  # here arg1 is the database, arg2 the table
        return f"ALTER table {arg2}"
    if action == sqlite3.SQLITE_FUNCTION:
        return f"call {arg2}(), which is switched off here"
    if action == sqlite3.SQLITE_PRAGMA:
        setting = f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 else "")
        return f"run {setting} (only pragmas that describe tables are allowed)"
    verb = _ACTION_VERBS.get(action, f"do something other than reading (SQLite action {action})")
    return f"{verb} {arg1}" if arg1 else verb


def _shorten(sql, width=60):
    one_line = " ".join(sql.split())
    return one_line if len(one_line) <= width else one_line[: width - 3] + "..."


def open_read_only(db_path):
    """Open an existing SQLite file so that nothing through this connection can modify it."""
    path = Path(db_path)
    if not path.is_file():  # check first: never let a typo create an empty database
        raise FileNotFoundError(
            f"No database file at {path.resolve()}. "
            "Generate the course data first with: python -m course_utils.datagen"
        )
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                                 check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    return connection


def run_sql(db_path, sql, timeout=2.0, max_rows=10_000):
    """Run one read-only SQL statement and return its rows as a list of tuples.

    Raises SQLRefused (not a read), SQLTimeout (over `timeout` seconds), SQLTooManyRows (more than
    `max_rows` rows) or SQLError (SQLite's own error, e.g. a syntax error or an unknown column).
    """
    _columns, rows = run_sql_with_columns(db_path, sql, timeout=timeout, max_rows=max_rows)
    return rows


def run_sql_with_columns(db_path, sql, timeout=2.0, max_rows=10_000):
    """Like `run_sql`, but return (column names, rows)."""
    refusals = []  # what the authorizer refused, to explain the failure
    deadline = time.monotonic() + timeout
    timed_out = False

    def authorize(action, arg1, arg2, _database, _trigger):
        if _only_reads(action, arg1, arg2):
            return sqlite3.SQLITE_OK
        refusals.append(_describe_action(action, arg1, arg2))
        return sqlite3.SQLITE_DENY

    def stop_when_late():
        nonlocal timed_out
        timed_out = time.monotonic() > deadline
        return timed_out  # a true return value makes SQLite abort the query

    connection = open_read_only(db_path)
    try:
        connection.set_authorizer(authorize)
        connection.set_progress_handler(stop_when_late, _STEPS_BETWEEN_CHECKS)
        cursor = connection.execute(sql)
        rows = []
        while len(rows) <= max_rows:  # fetch in batches: never hold a huge result in memory
            batch = cursor.fetchmany(min(1000, max_rows + 1 - len(rows)))
            if not batch:
                break
            rows.extend(batch)
        columns = [column[0] for column in cursor.description or []]
    except (sqlite3.Error, sqlite3.Warning) as error:
        if refusals:
            raise SQLRefused(f"Refused: this harness only reads, and `{_shorten(sql)}` tries to "
                             f"{refusals[0]}.") from error
        if timed_out:
            raise SQLTimeout(f"Query stopped after {float(timeout)} s; it may never end (a recursive "
                             "CTE without a stop condition) or build a huge result (a join "
                             "without a join condition).") from error
        if "one statement at a time" in str(error):
            raise SQLRefused("Refused: run one SQL statement at a time; this text holds more "
                             f"than one (`{_shorten(sql)}`).") from error
        raise SQLError(str(error)) from error
    finally:
        connection.close()
    if len(rows) > max_rows:
        raise SQLTooManyRows(f"The query returns more than {max_rows:,} rows; add a LIMIT, or "
                             "pass a larger max_rows if you really need them all.")
    return columns, rows


def run_sql_frame(db_path, sql, timeout=2.0, max_rows=10_000):
    """Like `run_sql`, but return a pandas DataFrame with the column names (handy in notebooks)."""
    import pandas as pd  # imported here so the harness itself does not need pandas

    columns, rows = run_sql_with_columns(db_path, sql, timeout=timeout, max_rows=max_rows)
    return pd.DataFrame(rows, columns=columns)


def _quote(identifier):
    return '"' + identifier.replace('"', '""') + '"'


def _table_statements(db_path):
    """(name, CREATE TABLE statement) for each user table, in the order they were created."""
    return run_sql(db_path, "SELECT name, sql FROM sqlite_master "
                            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")


def table_names(db_path):
    """The names of the database's tables, in the order they were created."""
    return [name for name, _sql in _table_statements(db_path)]


def row_counts(db_path):
    """A dict {table name: number of rows}."""
    return {name: run_sql(db_path, f"SELECT COUNT(*) FROM {_quote(name)}")[0][0]
            for name in table_names(db_path)}


def foreign_keys(db_path):
    """Every declared foreign key as (from table, from column, to table, to column)."""
    return [(name, from_column, to_table, to_column)
            for name in table_names(db_path)
            for _id, _seq, to_table, from_column, to_column, *_rest
            in run_sql(db_path, f"PRAGMA foreign_key_list({_quote(name)})")]


def schema_text(db_path, sample_rows=0, tables=None):
    """The CREATE TABLE statements of a database, ready to paste into a prompt.

    With sample_rows=N, each statement is followed by a comment showing the table's first N rows.
    With tables=[...], only those tables are included.
    """
    blocks = []
    for name, create_statement in _table_statements(db_path):
        if tables is not None and name not in tables:
            continue
        block = create_statement.strip() + ";"
        if sample_rows > 0:
            query = f"SELECT * FROM {_quote(name)} LIMIT {int(sample_rows)}"
            columns, rows = run_sql_with_columns(db_path, query)
            lines = [f"{len(rows)} example rows:", query + ";", " | ".join(columns)]
            lines += [" | ".join("NULL" if value is None else str(value) for value in row)
                      for row in rows]
            block += "\n/*\n" + "\n".join(lines) + "\n*/"
        blocks.append(block)
    return "\n\n".join(blocks)
