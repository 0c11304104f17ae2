"""Score a model's SQL against the gold SQL by running both: execution accuracy.

Two queries can be written very differently and still answer the question the same way, so we compare
what they return, with the semantics of Spider's test-suite evaluation (Zhong et al., 2020):

- the results are compared as multisets of rows: [1, 1, 2] differs from [1, 2, 2];
- row order counts only when the gold query sorts (a top-level ORDER BY);
- the columns may come in any order (SELECT name, age matches SELECT age, name);
- numbers compare by value (1 equals 1.0), and floats with a small tolerance, so that the rounding noise
  of summing in another order is not counted as a wrong answer.

Every failure gets a category (syntax error, unknown table or column, wrong result...) so that a run can
show not just how often the model is wrong but how.
"""

import math
import re
import sqlite3
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import islice

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from course_utils.sql import SQLError, SQLRefused, SQLTimeout, SQLTooManyRows, run_sql

# The categories of a scored prediction.
CORRECT = "correct"
NO_SQL = "no_sql"  # the answer contains no SQL at all
SYNTAX_ERROR = "syntax_error"  # SQLite cannot parse it
UNKNOWN_TABLE_OR_COLUMN = "unknown_table_or_column"  # it names a table or column that does not exist
EXECUTION_ERROR = "execution_error"  # any other SQLite error (unknown function, misused aggregate...)
REFUSED = "refused"  # it tries to write, attach, or run several statements
TIMEOUT = "timeout"  # it runs past the time limit
WRONG_RESULT = "wrong_result"  # it runs, but returns something else than the gold query
CATEGORIES = (CORRECT, NO_SQL, SYNTAX_ERROR, UNKNOWN_TABLE_OR_COLUMN, EXECUTION_ERROR, REFUSED,
              TIMEOUT, WRONG_RESULT)

# Two numbers, one of them a float, match when they differ by less than this fraction...
FLOAT_REL_TOL = 1e-6
# ...or by less than this amount (for values near zero).
FLOAT_ABS_TOL = 1e-9
# Most ways of reordering the predicted columns to try before giving up (only reached when many
# columns hold the very same values).
MAX_COLUMN_ORDERS = 1000


# ---------------------------------------------------------------------------------------------
# 1. Finding the SQL in a model's answer

# A fenced block: ``` plus an optional language tag, then everything up to the closing fence (or the
# end of the text, when the answer was cut off).
_FENCE = re.compile(r"```[ \t]*([\w+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)

# Where a statement starts: SELECT, or WITH name AS ( for a common table expression.
_STATEMENT_START = r"(?:SELECT\b|WITH\s+(?:RECURSIVE\s+)?[\w\"`\[\]]+\s*(?:\([^)]*\))?\s*AS\s*\()"
# In prose, "select" is also an English word, so mid-sentence we accept only capitals...
_START_IN_CAPITALS = re.compile(r"\b" + _STATEMENT_START)
# Statements that would change the database count as SQL too, so that the harness refuses them
# (category "refused") instead of reporting that the answer has no SQL. Each needs its second
# keyword, so that a sentence starting with "Update:" is not mistaken for SQL.
_WRITE_START = (r"(?:DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)\b|DELETE\s+FROM\b|INSERT\s+(?:OR\s+\w+\s+)?INTO\b"
                r"|REPLACE\s+INTO\b|UPDATE\s+[\w\"`\[\]]+\s+SET\b|CREATE\s+(?:TEMP\w*\s+)?(?:TABLE|INDEX"
                r"|VIEW|TRIGGER)\b|ALTER\s+TABLE\b|ATTACH\s+(?:DATABASE\s+)?'|DETACH\b|PRAGMA\s+\w+|VACUUM\b)")
# ...while at the start of a line any case will do.
_START_OF_LINE = re.compile(r"^[ \t]*(" + _STATEMENT_START + "|" + _WRITE_START + ")",
                            re.IGNORECASE | re.MULTILINE)


def _clean(sql):
    sql = sql.strip().rstrip(";").strip()
    return sql or None


def _first_statement_in_prose(text):
    starts = [match.start() for match in _START_IN_CAPITALS.finditer(text)]
    starts += [match.start(1) for match in _START_OF_LINE.finditer(text)]
    if not starts:
        return None
    start = min(starts)
    rest = text[start:]
    if start > 0 and text[start - 1] == "`":  # inline code: `SELECT ...`
        rest = rest.split("`", 1)[0]
    rest = re.split(r"\n[ \t]*\n", rest, maxsplit=1)[0]  # a blank line ends it
    for position, character in enumerate(rest):
        # The first ';' that completes a statement (sqlite3 knows about ';' inside quotes).
        if character == ";" and sqlite3.complete_statement(rest[: position + 1]):
            return rest[:position]
    return rest


def extract_sql(text):
    """The SQL in a model's answer, or None when there is none.

    Looks for a ```sql fenced block first, then a plain ``` block, then for the first statement that
    starts with SELECT or WITH in the prose (or, at the start of a line, a statement that writes, so
    that it is refused rather than ignored). The trailing semicolon is removed.
    """
    if not text:
        return None
    blocks = [(language.lower(), body) for language, body in _FENCE.findall(text)]
    for wanted in ("sql", "sqlite", ""):
        for language, body in blocks:
            if language == wanted:
                return _clean(body)
    statement = _first_statement_in_prose(text)
    return _clean(statement) if statement else None


# ---------------------------------------------------------------------------------------------
# 2. Comparing two results

def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def values_match(a, b):
    """Whether two result values are the same answer: exact, except for floats (tolerance)."""
    if _is_number(a) and _is_number(b):
        if isinstance(a, int) and isinstance(b, int):
            return a == b  # ids and counts must match exactly
        return math.isclose(a, b, rel_tol=FLOAT_REL_TOL, abs_tol=FLOAT_ABS_TOL)
    return a == b


def _rough_key(value):
    """A sort key that puts nearly equal numbers side by side, and never compares None to a number."""
    if value is None:
        return (0, 0)
    if _is_number(value):
        return (1, float(f"{value:.6g}"))  # six significant digits
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


def _exact_key(value):
    return (1, value) if _is_number(value) else _rough_key(value)


def _row_key(row):
    # Sort on the rough values of all columns first, so that rows whose floats differ only by noise
    # land in the same position in both results; exact values only break ties.
    return tuple(map(_rough_key, row)), tuple(map(_exact_key, row))


def _rows_match(a, b):
    return len(a) == len(b) and all(map(values_match, a, b))


def _same_rows_in_order(predicted, gold):
    return len(predicted) == len(gold) and all(map(_rows_match, predicted, gold))


def _same_rows_any_order(predicted, gold):
    return _same_rows_in_order(sorted(predicted, key=_row_key), sorted(gold, key=_row_key))


def _same_values(column_a, column_b):
    """Whether two columns hold the same multiset of values."""
    return all(map(values_match, sorted(column_a, key=_exact_key), sorted(column_b, key=_exact_key)))


def _column_orders(predicted, gold):
    """Ways to reorder the predicted columns so that each one holds the values of the gold column at
    its position. Usually there is only one; a column is tried only where its values fit."""
    predicted_columns, gold_columns = list(zip(*predicted)), list(zip(*gold))
    fits = [[i for i, column in enumerate(predicted_columns) if _same_values(column, wanted)]
            for wanted in gold_columns]

    def extend(order):
        if len(order) == len(gold_columns):
            yield order
            return
        for i in fits[len(order)]:
            if i not in order:
                yield from extend(order + [i])

    return extend([])


def result_difference(predicted, gold, ordered=False):
    """None when two results match (see the module docstring), else a sentence saying how they differ.

    `ordered` says whether row order counts (when the gold query has a top-level ORDER BY).
    """
    if not predicted and not gold:
        return None
    if len(predicted) != len(gold):
        return f"returns {len(predicted)} rows; the gold query returns {len(gold)}"
    if len(predicted[0]) != len(gold[0]):
        return f"returns {len(predicted[0])} columns; the gold query returns {len(gold[0])}"
    right_rows_wrong_order = False
    for order in islice(_column_orders(predicted, gold), MAX_COLUMN_ORDERS):
        reordered = [tuple(row[i] for i in order) for row in predicted]
        if not ordered and _same_rows_any_order(reordered, gold):
            return None
        if ordered and _same_rows_in_order(reordered, gold):
            return None
        if ordered and _same_rows_any_order(reordered, gold):
            right_rows_wrong_order = True
    if right_rows_wrong_order:
        return "returns the right rows in the wrong order (the gold query sorts them with ORDER BY)"
    return "returns different values"


def results_match(predicted, gold, ordered=False):
    """Whether two query results are the same answer (see the module docstring)."""
    return result_difference(predicted, gold, ordered) is None


@lru_cache(maxsize=4096)
def gold_orders(gold_sql):
    """Whether the gold query sorts its result (an ORDER BY at the top level, not in a subquery)."""
    tree = sqlglot.parse_one(gold_sql, read="sqlite")
    while isinstance(tree, (exp.Subquery, exp.Paren)):  # (SELECT ... ORDER BY ...)
        tree = tree.this
    return tree.args.get("order") is not None


# ---------------------------------------------------------------------------------------------
# 3. Scoring one prediction

class GoldQueryError(Exception):
    """The gold query itself fails: a bug in the data set, not a mistake of the model."""


@dataclass
class SQLScore:
    correct: bool  # the predicted SQL returns the gold result
    category: str  # one of CATEGORIES
    predicted_sql: str | None  # the SQL found in the answer (None when there was none)
    detail: str  # what went wrong, in words ("" when correct)
    predicted_rows: int | None = None  # rows the predicted query returned, when it ran
    gold_rows: int | None = None  # rows the gold query returned

    def as_dict(self):
        return asdict(self)


def error_category(message):
    """The category of a SQLite error message."""
    message = message.lower()
    if any(words in message for words in ("syntax error", "incomplete input", "unrecognized token")):
        return SYNTAX_ERROR
    if "no such table" in message or "no such column" in message:
        return UNKNOWN_TABLE_OR_COLUMN
    return EXECUTION_ERROR


def _failure_category(error):
    if isinstance(error, SQLRefused):
        return REFUSED
    if isinstance(error, SQLTimeout):
        return TIMEOUT
    if isinstance(error, SQLTooManyRows):
        return WRONG_RESULT  # gold results are always under the row limit
    return error_category(str(error))


def score_sql(db_path, predicted_text, gold_sql, timeout=2.0, max_rows=10_000):
    """Score a model's answer (text that contains SQL) against the gold SQL on one database."""
    try:
        gold = run_sql(db_path, gold_sql, timeout=timeout, max_rows=max_rows)
        ordered = gold_orders(gold_sql)
    except (SQLError, SqlglotError) as error:
        raise GoldQueryError(f"The gold query fails on {db_path}: {error}\n  {gold_sql}\n"
                             "This is a bug in the data set, not a mistake of the model.") from error

    predicted_sql = extract_sql(predicted_text)
    if predicted_sql is None:
        return SQLScore(False, NO_SQL, None, "the answer contains no SQL", gold_rows=len(gold))
    try:
        predicted = run_sql(db_path, predicted_sql, timeout=timeout, max_rows=max_rows)
    except SQLError as error:
        return SQLScore(False, _failure_category(error), predicted_sql, str(error),
                        gold_rows=len(gold))

    difference = result_difference(predicted, gold, ordered)
    return SQLScore(correct=difference is None,
                    category=CORRECT if difference is None else WRONG_RESULT,
                    predicted_sql=predicted_sql,
                    detail="" if difference is None else f"The predicted query {difference}.",
                    predicted_rows=len(predicted), gold_rows=len(gold))


def sql_scorer(database, gold_key="sql", timeout=2.0, max_rows=10_000):
    """A scorer for `course_utils.runner.evaluate`: scorer(item, prediction) -> dict.

    `database` is the path of the database for every item, or a function item -> path (for items
    from several databases, e.g. lambda item: f"data/practice/{item['db_id']}.sqlite").
    The gold SQL is item[gold_key].
    """
    def database_for(item):
        return database(item) if callable(database) else database

    def score(item, prediction):
        text = getattr(prediction, "text", prediction)  # a Prediction or plain text
        return score_sql(database_for(item), text, item[gold_key], timeout=timeout,
                         max_rows=max_rows).as_dict()

    return score


def vote_by_result(db_path, answers, timeout=2.0, max_rows=10_000):
    """Self-consistency: the answer whose query's result most answers share (first one on a tie).

    Answers whose SQL is missing or fails get no vote; if none runs, the first answer is kept."""
    groups = {}  # result -> first answer with it, and its count
    for text in answers:
        sql = extract_sql(text)
        if sql is None:
            continue
        try:
            rows = run_sql(db_path, sql, timeout=timeout, max_rows=max_rows)
        except SQLError:
            continue
        key = tuple(sorted(map(repr, rows)))
        first, count = groups.get(key, (text, 0))
        groups[key] = (first, count + 1)
    if not groups:
        return answers[0] if answers else ""
    return max(groups.values(), key=lambda pair: pair[1])[0]
