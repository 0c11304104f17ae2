"""The course's SQL scorer beside a small reimplementation of Spider's execution evaluation.

The reference below is written from the description of Spider's test-suite evaluation (Zhong et al.,
2020), not from the course's code: results are multisets of rows, compared exactly; row order counts
only when the gold query sorts at its top level; the predicted columns may be permuted. Both judge
variants of every gold query in the course (columns reordered or dropped, DISTINCT toggled, ORDER BY
flipped, LIMIT changed, a literal changed, ROUND applied, float noise added...).

The course's scorer departs from this reference on purpose in two ways, and only those may disagree:

- "float noise": floats that differ by rounding noise match in the course, not in Spider's exact
  comparison;
- "empty, other width": two empty results match in Spider whatever their columns; in the course only
  with the same number of columns.

Run `python tests/test_sql_eval_differential.py` for the numbers.
"""

import re
import sys
from collections import Counter
from functools import lru_cache
from itertools import permutations
from pathlib import Path

import sqlglot
from sqlglot import exp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # when run as a script

from course_utils import datasets, sql_eval  # noqa: E402
from course_utils.sql import SQLError, run_sql_with_columns  # noqa: E402

# ---------------------------------------------------------------------------------------------
# The reference: Spider's execution semantics, written from their description


def top_level_text(sql):
    """The SQL with quoted text and everything inside parentheses blanked out."""
    kept, depth, quote = [], 0, None
    for character in sql:
        if quote:
            quote = None if character == quote else quote
            character = " "
        elif character in "'\"`":
            quote, character = character, " "
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            character = " "
        kept.append(character if depth == 0 else " ")
    return "".join(kept)


def spider_orders(gold_sql):
    """Whether the gold query sorts its result: an ORDER BY outside any parentheses."""
    return re.search(r"\bORDER\s+BY\b", top_level_text(gold_sql), re.IGNORECASE) is not None


def spider_equal(predicted, gold, order_matters):
    """Same rows (a multiset, or a list when order matters) under some order of the columns."""
    if not predicted and not gold:
        return True
    if len(predicted) != len(gold) or len(predicted[0]) != len(gold[0]):
        return False
    for permutation in permutations(range(len(gold[0]))):
        permuted = [tuple(row[i] for i in permutation) for row in predicted]
        if permuted == gold if order_matters else Counter(permuted) == Counter(gold):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Variants of the gold queries

def _first_select_expression(tree):
    expressions = tree.expressions if isinstance(tree, exp.Select) else []
    return expressions[0] if expressions else None


def _wrap_first_column(tree, template):
    """The first selected expression x, replaced by template.format(x)."""
    first = _first_select_expression(tree)
    if first is None:
        return None
    target = first.this if isinstance(first, exp.Alias) else first
    target.replace(sqlglot.parse_one(template.format(target.sql(dialect="sqlite")), read="sqlite"))
    return tree


def _repeat_first_column(tree):
    first = _first_select_expression(tree)
    return None if first is None else tree.select(first.copy(), copy=False)


def _set_columns(tree, choose):
    if not isinstance(tree, exp.Select) or len(tree.expressions) < 2:
        return None
    tree.set("expressions", choose(tree.expressions))
    return tree


def _toggle_distinct(tree):
    if not isinstance(tree, exp.Select):
        return None
    tree.set("distinct", None if tree.args.get("distinct") else exp.Distinct())
    return tree


def _flip(ordered):
    descending = bool(ordered.args.get("desc"))
    ordered.set("desc", not descending)
    ordered.set("nulls_first", descending)  # SQLite's default for the new direction


def _flip_or_add_order(tree):
    order = tree.args.get("order")
    if order is None:
        tree.set("order", exp.Order(expressions=[exp.Ordered(this=exp.Literal.number(1), desc=True)]))
    else:
        for ordered in order.expressions:
            _flip(ordered)
    return tree


def _change_limit(tree):
    limit = tree.args.get("limit")
    if limit is None:
        tree.set("limit", exp.Limit(expression=exp.Literal.number(1)))
        return tree
    count = limit.expression
    if not (isinstance(count, exp.Literal) and count.is_int):
        return None
    limit.set("expression", exp.Literal.number(int(count.this) + 1))
    return tree


def _change_literal(tree):
    for literal in tree.find_all(exp.Literal):
        if literal.find_ancestor(exp.Limit, exp.Order) is not None:
            continue
        if literal.is_int:
            literal.replace(exp.Literal.number(int(literal.this) + 1))
        elif literal.is_string:
            literal.replace(exp.Literal.string(literal.this + "x"))
        else:
            continue
        return tree
    return None


VARIANTS = {
    "columns reversed": lambda tree: _set_columns(tree, lambda columns: columns[::-1]),
    "column dropped": lambda tree: _set_columns(tree, lambda columns: columns[:-1]),
    "column repeated": _repeat_first_column,
    "DISTINCT toggled": _toggle_distinct,
    "ORDER BY flipped or added": _flip_or_add_order,
    "LIMIT changed or added": _change_limit,
    "literal changed": _change_literal,
    "ROUND(x, 2)": lambda tree: _wrap_first_column(tree, "ROUND({}, 2)"),
    "float noise": lambda tree: _wrap_first_column(tree, "({}) * 0.1 * 10"),  # x, give or take an ulp
}


def gold_items():
    """(database, gold SQL) for every Acme question and every practice question."""
    items = [(datasets.ACME_DB, q["sql"]) for split in ("train", "test")
             for q in datasets.load_acme_questions(split)]
    splits = datasets.practice_splits()
    for db_id in splits["train"] + splits["held_out"]:
        items += [(datasets.practice_db(db_id), q["sql"])
                  for q in datasets.load_practice_questions(db_id)]
    return items


# Not a prediction but a gold: the gold sorted inside a subquery only, which orders nothing.
SORTED_INSIDE = "gold sorted inside"


def variant_pairs():
    """(database, variant name, predicted SQL, gold SQL) for every gold and every variant of it."""
    pairs = []
    for db, gold in gold_items():
        pairs.append((db, "unchanged", gold, gold))
        tree = sqlglot.parse_one(gold, read="sqlite")
        for name, make in VARIANTS.items():
            variant = make(tree.copy())
            if variant is not None:
                pairs.append((db, name, variant.sql(dialect="sqlite"), gold))
        sorted_inside = _flip_or_add_order(tree.copy()).sql(dialect="sqlite")
        pairs.append((db, SORTED_INSIDE, gold, f"SELECT * FROM ({sorted_inside})"))
    return pairs


# ---------------------------------------------------------------------------------------------
# Running both

@lru_cache(maxsize=None)
def _run(db, sql, timeout=2.0, max_rows=10_000):
    """Each query runs once: (columns, rows), or the SQLError it raised."""
    try:
        return run_sql_with_columns(db, sql, timeout=timeout, max_rows=max_rows)
    except SQLError as error:
        return error


def cached_run_sql_with_columns(db, sql, timeout=2.0, max_rows=10_000):
    result = _run(db, sql, timeout, max_rows)
    if isinstance(result, SQLError):
        raise result
    return result


def _float_free(rows, digits=9):
    return [tuple(float(f"{v:.{digits}g}") if isinstance(v, float) else v for v in row)
            for row in rows]


def judge(db, predicted_sql, gold_sql):
    """(course says correct, reference says correct, why they differ or None)."""
    course = sql_eval.score_sql(db, predicted_sql, gold_sql).correct
    gold_columns, gold = cached_run_sql_with_columns(db, gold_sql)
    predicted = _run(db, predicted_sql)
    if isinstance(predicted, SQLError):
        return course, False, None if not course else "unexplained"
    predicted_columns, predicted = predicted
    order = spider_orders(gold_sql)
    reference = spider_equal(predicted, gold, order)
    if course == reference:
        return course, reference, None
    if reference and not predicted and not gold and len(predicted_columns) != len(gold_columns):
        return course, reference, "empty, other width"
    if course and spider_equal(_float_free(predicted), _float_free(gold), order):
        return course, reference, "float noise"
    return course, reference, "unexplained"


def compare_all(pairs):
    """Counts by (variant, outcome) and the unexplained disagreements."""
    counts, unexplained = Counter(), []
    for db, name, predicted_sql, gold_sql in pairs:
        course, reference, why = judge(db, predicted_sql, gold_sql)
        counts[name, "agree" if why is None else why] += 1
        counts[name, "correct"] += course
        if why == "unexplained":
            unexplained.append((db.name, name, predicted_sql, gold_sql, course, reference))
    return counts, unexplained


def report(counts):
    total = sum(n for (_, outcome), n in counts.items() if outcome != "correct")
    agree = sum(n for (_, outcome), n in counts.items() if outcome == "agree")
    departures = sum(n for (_, outcome), n in counts.items()
                     if outcome in ("float noise", "empty, other width"))
    lines = [f"{total} pairs; the scorers agree on {agree} ({100 * agree / total:.2f}%), and on "
             f"{100 * agree / (total - departures):.2f}% of those outside the two departures:"]
    for why in ("float noise", "empty, other width", "unexplained"):
        lines.append(f"  {why}: {sum(n for (_, o), n in counts.items() if o == why)}")
    for name in ["unchanged", *VARIANTS, SORTED_INSIDE]:
        pairs = sum(n for (v, o), n in counts.items() if v == name and o != "correct")
        differ = pairs - counts[name, "agree"]
        lines.append(f"  {name:28} {pairs:5} pairs, {counts[name, 'correct']:5} correct for the "
                     f"course, {differ:4} disagreements")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The tests

def test_reference_reads_order_at_the_top_level_only():
    assert spider_orders("SELECT a FROM t ORDER BY a")
    assert not spider_orders("SELECT * FROM (SELECT a FROM t ORDER BY a)")
    assert not spider_orders("SELECT 'order by' FROM t")
    assert spider_orders("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1")


def test_reference_semantics():
    assert spider_equal([(2, "b"), (1, "a")], [(1, "a"), (2, "b")], order_matters=False)
    assert not spider_equal([(2, "b"), (1, "a")], [(1, "a"), (2, "b")], order_matters=True)
    assert spider_equal([("a", 1)], [(1, "a")], order_matters=True)
    assert not spider_equal([(1,), (1,)], [(1,), (2,)], order_matters=False)
    assert spider_equal([], [], order_matters=False)


def test_course_scorer_agrees_with_spider_semantics(monkeypatch, capsys):
    monkeypatch.setattr(sql_eval, "run_sql_with_columns", cached_run_sql_with_columns)
    counts, unexplained = compare_all(variant_pairs())
    with capsys.disabled():
        print("\n" + report(counts))
    assert not unexplained, "\n".join(map(repr, unexplained[:10]))
    for name in ["unchanged", *VARIANTS, SORTED_INSIDE]:  # every kind of variant was tried
        assert sum(n for (v, o), n in counts.items() if v == name and o != "correct") > 0
    assert counts["unchanged", "correct"] == counts["unchanged", "agree"]  # every gold matches itself


if __name__ == "__main__":
    sql_eval.run_sql_with_columns = cached_run_sql_with_columns
    all_counts, all_unexplained = compare_all(variant_pairs())
    print(report(all_counts))
    for row in all_unexplained:
        print(row)
