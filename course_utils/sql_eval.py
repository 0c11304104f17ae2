"""Score a model's SQL against the gold SQL by running both: execution accuracy.

Two queries can be written very differently and still answer the question the same way, so we compare
what they return, with the semantics of Spider's test-suite evaluation (Zhong et al., 2020):

- the results are compared as multisets of rows: [1, 1, 2] differs from [1, 2, 2];
- row order counts only when the gold query sorts (a top-level ORDER BY);
- the columns may come in any order (SELECT name, age matches SELECT age, name), and their names do
  not count;
- numbers compare by value (1 equals 1.0), and floats with a tiny tolerance, so that the noise of
  summing in another order is not counted as a wrong answer, while rounding (ROUND(x, 2)) is.

One rule is stricter than Spider's: an empty result matches an empty one only when both have the same
number of columns (with no rows, that number is all there is to compare, since names do not count).
Without it, `SELECT 1 WHERE 0` would be a correct answer to every question whose gold returns no
rows. An empty answer of the right width still scores as correct on such a gold, so golds that return
rows make better tests.

Every failure gets a category (syntax error, unknown table or column, wrong result...) so that a run can
show not just how often the model is wrong but how.
"""

import math
import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from course_utils.sql import (SQLError, SQLRefused, SQLTimeout, SQLTooManyRows, run_sql,
                             run_sql_with_columns)

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
# It lies far from both kinds of difference: summing Acme's 20,000 order lines in another order
# moves the total by up to 2e-14 of its value (noise), while ROUND(x, 2) moves x by up to 0.005,
# over 1e-11 of any value under 500 million (a different answer).
FLOAT_REL_TOL = 1e-11
# ...or by less than this amount (for values near zero).
FLOAT_ABS_TOL = 1e-9


# ---------------------------------------------------------------------------------------------
# 1. Finding the SQL in a model's answer

# A fenced block: ``` plus an optional language tag, then everything up to the closing fence (or the
# end of the text, when the answer was cut off)...
_BLOCK_FENCE = r"```[ \t]*(?P<tag>[\w+-]*)[^\n]*\n(?P<body>.*?)(?:```|\Z)"
# ...or a SQL block on a single line, ```sql SELECT 1``` (an untagged one, ```SELECT 1```, is found
# as inline code in the prose).
_LINE_FENCE = r"```[ \t]*(?P<line_tag>sql|sqlite)[ \t]+(?P<line_body>[^`\n]+?)```"
_FENCE = re.compile(_LINE_FENCE + "|" + _BLOCK_FENCE, re.DOTALL | re.IGNORECASE)

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
    blocks = [((match["tag"] or match["line_tag"] or "").lower(), match["body"] or match["line_body"])
              for match in _FENCE.finditer(text)]
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


def _rows_match(a, b):
    return len(a) == len(b) and all(map(values_match, a, b))


def _same_rows_in_order(predicted, gold):
    return len(predicted) == len(gold) and all(map(_rows_match, predicted, gold))


# Pairing rows in any order. Python's == already says 1 == 1.0, so rows that are exactly equal can be
# counted (a Counter); only floats that differ by noise need a search for partners.

def _has_float(rows):
    return any(isinstance(value, float) for row in rows for value in row)


_NUMBER = object()  # stands for "some number" in a row's shape


def _shape(row):
    """What two matching rows must share exactly: every value that is not a number."""
    return tuple(_NUMBER if _is_number(value) else value for value in row)


def _first_number(row):
    return next((value for value in row if _is_number(value)), None)


def _partner_finder(gold):
    """A function (predicted row, gold indexes to skip) -> indexes of the gold rows it matches.

    Only gold rows of the same shape whose first number is within the tolerance are compared, so that
    this stays fast on large results."""
    groups = defaultdict(list)  # shape -> sorted [(first number, index)]
    for index, row in enumerate(gold):
        groups[_shape(row)].append((_first_number(row), index))
    for members in groups.values():
        members.sort()

    def partners(row, skip):
        members = groups.get(_shape(row), [])
        number = _first_number(row)
        if number is not None:
            reach = 2 * FLOAT_REL_TOL * abs(number) + FLOAT_ABS_TOL  # a little wider than needed
            members = members[bisect_left(members, (number - reach,)):
                              bisect_right(members, (number + reach, math.inf))]
        return (index for _, index in members
                if index not in skip and _rows_match(row, gold[index]))

    return partners


def _augment(start, predicted, partners, gold_of, predicted_of):
    """Give predicted row `start` a gold partner, re-pairing other rows along the way if needed.

    A breadth-first search for an augmenting path (bipartite matching): start -> a gold row it
    matches -> that row's predicted partner -> another gold row it matches ... -> a free gold row."""
    came_from = {}  # gold index -> the predicted index the search reached it from
    queue = [start]
    for index in queue:  # the queue grows while we walk it
        for gold_index in partners(predicted[index], skip=came_from):
            came_from[gold_index] = index
            if gold_index in predicted_of:
                queue.append(predicted_of[gold_index])
                continue
            while True:  # a free gold row: shift every pair along the path by one
                index = came_from[gold_index]
                previous = gold_of.get(index)
                gold_of[index], predicted_of[gold_index] = gold_index, index
                if index == start:
                    return True
                gold_index = previous
    return False


def _same_rows_any_order(predicted, gold):
    """Whether the rows can be paired one to one, each predicted row with a gold row it matches.

    Rows are paired with an exactly equal row first, then with a free row that matches; the rest by
    bipartite matching, which may move earlier pairs, so that no way of pairing is ever missed."""
    if len(predicted) != len(gold):
        return False
    if Counter(predicted) == Counter(gold):
        return True
    if not (_has_float(predicted) or _has_float(gold)):
        return False  # no tolerance applies: the rows must be exactly equal
    gold_of, predicted_of = {}, {}  # the pairs, both ways

    def pair(index, gold_index):
        gold_of[index], predicted_of[gold_index] = gold_index, index

    equal_gold = defaultdict(list)  # row -> indexes of the gold rows equal to it, not yet paired
    for gold_index, row in enumerate(gold):
        equal_gold[row].append(gold_index)
    for index, row in enumerate(predicted):
        if equal_gold.get(row):
            pair(index, equal_gold[row].pop())
    partners = _partner_finder(gold)
    for index, row in enumerate(predicted):
        if index not in gold_of:
            free = next(partners(row, skip=predicted_of), None)
            if free is not None:
                pair(index, free)
    return all(_augment(index, predicted, partners, gold_of, predicted_of)
               for index in range(len(predicted)) if index not in gold_of)


# Reordering columns.

def _columns_in(rows, order):
    return [tuple(row[i] for i in order) for row in rows]


def _column_order(predicted, gold, same_rows):
    """An order of the predicted columns under which same_rows(reordered, gold) holds, or None.

    Gold column k can only come from a predicted column with the same values, and each partial order
    must already give matching rows on the columns placed so far, which cuts the search short.
    Identical predicted columns are interchangeable, so only one of them is tried at each place."""
    predicted_columns, gold_columns = list(zip(*predicted)), list(zip(*gold))
    fits = [[i for i, column in enumerate(predicted_columns)
             if _same_rows_any_order(_columns_in(predicted, [i]), _columns_in(gold, [k]))]
            for k in range(len(gold_columns))]

    def extend(order):
        placed = len(order)
        if placed and not same_rows(_columns_in(predicted, order), _columns_in(gold, range(placed))):
            return None
        if placed == len(gold_columns):
            return order
        tried = set()
        for i in fits[placed]:
            # the types count too: 1 == 1.0, but only 1.0 is compared with a tolerance
            identity = predicted_columns[i], tuple(map(type, predicted_columns[i]))
            if i not in order and identity not in tried:
                tried.add(identity)
                found = extend(order + [i])
                if found is not None:
                    return found
        return None

    return extend([])


def result_difference(predicted, gold, ordered=False, predicted_columns=None, gold_columns=None):
    """None when two results match (see the module docstring), else a sentence saying how they differ.

    `ordered` says whether row order counts (when the gold query has a top-level ORDER BY).
    `predicted_columns` and `gold_columns` are the column names; only their number counts, and only
    when both results are empty (otherwise the rows show it).
    """
    predicted, gold = list(map(tuple, predicted)), list(map(tuple, gold))
    if not predicted and not gold:
        if predicted_columns is None or gold_columns is None:
            return None
        if len(predicted_columns) != len(gold_columns):
            return (f"returns no rows and {len(predicted_columns)} columns; the gold query returns no "
                    f"rows and {len(gold_columns)}")
        return None
    if len(predicted) != len(gold):
        return f"returns {len(predicted)} rows; the gold query returns {len(gold)}"
    if len(predicted[0]) != len(gold[0]):
        return f"returns {len(predicted[0])} columns; the gold query returns {len(gold[0])}"
    if predicted == gold or (not ordered and Counter(predicted) == Counter(gold)):
        return None  # the common case, settled without searching
    same_rows = _same_rows_in_order if ordered else _same_rows_any_order
    if _column_order(predicted, gold, same_rows) is not None:
        return None
    if ordered and _column_order(predicted, gold, _same_rows_any_order) is not None:
        return "returns the right rows in the wrong order (the gold query sorts them with ORDER BY)"
    return "returns different values"


def results_match(predicted, gold, ordered=False, predicted_columns=None, gold_columns=None):
    """Whether two query results are the same answer (see the module docstring)."""
    return result_difference(predicted, gold, ordered, predicted_columns, gold_columns) is None


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
        gold_columns, gold = run_sql_with_columns(db_path, gold_sql, timeout=timeout,
                                                  max_rows=max_rows)
        ordered = gold_orders(gold_sql)
    except (SQLError, SqlglotError) as error:
        raise GoldQueryError(f"The gold query fails on {db_path}: {error}\n  {gold_sql}\n"
                             "This is a bug in the data set, not a mistake of the model.") from error

    predicted_sql = extract_sql(predicted_text)
    if predicted_sql is None:
        return SQLScore(False, NO_SQL, None, "the answer contains no SQL", gold_rows=len(gold))
    try:
        predicted_columns, predicted = run_sql_with_columns(db_path, predicted_sql, timeout=timeout,
                                                            max_rows=max_rows)
    except SQLError as error:
        return SQLScore(False, _failure_category(error), predicted_sql, str(error),
                        gold_rows=len(gold))

    difference = result_difference(predicted, gold, ordered, predicted_columns, gold_columns)
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
