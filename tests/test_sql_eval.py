"""Tests for course_utils.sql_eval: finding SQL in answers, Spider's execution-accuracy semantics,
and the category of every kind of failure."""

import random
import sqlite3

import pytest

from course_utils import sql_eval
from course_utils.runner import Prediction
from course_utils.sql_eval import (GoldQueryError, extract_sql, gold_orders, result_difference,
                                   results_match, score_sql, sql_scorer)


@pytest.fixture
def staff_db(tmp_path):
    path = tmp_path / "staff.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE emp (emp_id INTEGER, emp_nm TEXT, dept_cd TEXT, sal REAL)")
    connection.executemany("INSERT INTO emp VALUES (?, ?, ?, ?)", [
        (1, "Ada", "ENG", 120.5), (2, "Bo", "ENG", 99.0), (3, "Cy", "OPS", 80.25),
        (4, "Di", "OPS", 80.25), (5, "Ed", "HR", 70.0),
    ])
    connection.commit()
    connection.close()
    return path


# ---------------------------------------------------------------------------------------------
# Finding the SQL

@pytest.mark.parametrize("answer, expected", [
    ("```sql\nSELECT emp_nm FROM emp;\n```", "SELECT emp_nm FROM emp"),
    ("Sure!\n```\nSELECT 1\n```\nThat's it.", "SELECT 1"),
    ("```python\nprint('hi')\n```\n```sql\nSELECT 2;\n```", "SELECT 2"),
    ("```SQL\nselect 3\n```", "select 3"),
    ("```sql\nSELECT 4 FROM emp WHERE", "SELECT 4 FROM emp WHERE"),  # answer cut off mid-block
    ("Here is the query: SELECT emp_nm FROM emp WHERE sal > 90; Hope this helps!",
     "SELECT emp_nm FROM emp WHERE sal > 90"),
    ("Run SELECT 1; DROP TABLE emp; to see.", "SELECT 1"),  # in prose: the first statement only
    ("Try this:\nselect emp_nm from emp where emp_nm = 'a;b';\nIt filters by name.",
     "select emp_nm from emp where emp_nm = 'a;b'"),
    ("WITH top AS (SELECT * FROM emp) SELECT COUNT(*) FROM top",
     "WITH top AS (SELECT * FROM emp) SELECT COUNT(*) FROM top"),
    ("You can run `SELECT COUNT(*) FROM emp` to count them.", "SELECT COUNT(*) FROM emp"),
    ("The answer:\nSELECT 1\n\nIt returns one row.", "SELECT 1"),
    ("```sql SELECT emp_nm FROM emp```", "SELECT emp_nm FROM emp"),  # a fence on one line
    ("```SQL select 1; ```", "select 1"),
    ("Try ```sqlite SELECT 5``` or, better, ```sql SELECT 6```.", "SELECT 6"),
    ("```sql```", None),
    ("With a join you could select the rows you need.", None),
    ("DROP TABLE emp", "DROP TABLE emp"),  # a write is still SQL: the harness must refuse it
    ("Sure:\ndelete from emp where sal > 90;", "delete from emp where sal > 90"),
    ("Update: I checked the schema and cannot find the table.", None),
    ("I don't know which table holds employees.", None),
    ("", None),
    (None, None),
])
def test_extract_sql(answer, expected):
    assert extract_sql(answer) == expected


# ---------------------------------------------------------------------------------------------
# Comparing results (Spider's test-suite semantics)

def test_row_order_counts_only_when_gold_orders():
    gold = [(1, "a"), (2, "b"), (3, "c")]
    shuffled = [(3, "c"), (1, "a"), (2, "b")]
    assert results_match(shuffled, gold, ordered=False)
    assert not results_match(shuffled, gold, ordered=True)
    assert "wrong order" in result_difference(shuffled, gold, ordered=True)
    assert results_match(list(gold), gold, ordered=True)


def test_columns_may_come_in_another_order():
    gold = [(1, "a", 10.0), (2, "b", 20.0)]
    permuted = [("b", 20.0, 2), ("a", 10.0, 1)]
    assert results_match(permuted, gold)
    assert results_match([("a", 10.0, 1), ("b", 20.0, 2)], gold, ordered=True)
    # each column has the right values, but they are paired up wrongly in the rows
    assert not results_match([(1, "b"), (2, "a")], [(1, "a"), (2, "b")])


def test_columns_with_equal_values_are_tried_both_ways():
    gold = [(1, 2), (2, 1), (3, 3)]
    assert results_match([(2, 1), (1, 2), (3, 3)], gold)
    assert results_match([(a, b) for b, a in gold], gold)  # columns swapped
    assert not results_match([(1, 1), (2, 2), (3, 3)], gold)


def test_duplicates_count_as_a_multiset():
    assert not results_match([(1,), (1,), (2,)], [(1,), (2,), (2,)])
    assert not results_match([(1,), (2,)], [(1,), (1,), (2,)])
    assert results_match([(2,), (1,), (1,)], [(1,), (2,), (1,)])


def test_numbers_compare_by_value_with_float_tolerance():
    assert results_match([(1,)], [(1.0,)])
    assert results_match([(0.1 + 0.2,)], [(0.3,)])
    assert results_match([(1e-12,)], [(0.0,)])
    assert not results_match([(0.3001,)], [(0.3,)])
    assert not results_match([(1234567,)], [(1234568,)])  # integers (ids, counts) compare exactly
    assert not results_match([("1",)], [(1,)])  # text is not a number
    assert results_match([(None, 1)], [(None, 1.0)])
    # rows whose floats differ only by rounding noise still pair up with the right partner
    assert results_match([(1.0 + 1e-12, "a"), (1.0, "b")], [(1.0, "a"), (1.0 + 1e-12, "b")])


def test_float_tolerance_passes_noise_and_fails_rounding():
    values = [(i % 97) * 1.37 + 1 / 7 for i in range(20_000)]
    forwards, backwards = sum(values), sum(reversed(values))
    assert forwards != backwards  # the same total, summed in another order
    assert results_match([(forwards,)], [(backwards,)])
    assert results_match([(2.5 * (1 + 1e-13),)], [(2.5,)])
    average = 5123.456789
    assert not results_match([(round(average, 2),)], [(average,)])  # ROUND(AVG(x), 2)
    assert not results_match([(3_657_061.4,)], [(3_657_061.4321,)])
    assert not results_match([(1_000_000.0,)], [(1_000_001,)])


def test_rows_pair_up_across_a_rounding_boundary():
    # 2.50000499999999 and 2.50000500000001 are the same value (noise), on either side of the point
    # where six significant digits round up: pairing must not depend on such rounding.
    predicted = [(2.50000499999999, "b"), (2.50001, "a")]
    gold = [(2.50000500000001, "b"), (2.50001, "a")]
    assert results_match(predicted, gold)
    assert results_match(predicted[::-1], gold)
    assert not results_match([(2.50000499999999, "a"), (2.50001, "b")], gold)


def test_pairing_can_move_rows_that_are_exactly_equal():
    # 0.0 pairs exactly with 0.0, but then -d and d are left over and too far apart; the only pairing
    # that works is -d with 0.0 and 0.0 with d.
    d = sql_eval.FLOAT_ABS_TOL * 0.9
    assert results_match([(0.0,), (-d,)], [(0.0,), (d,)])
    assert not results_match([(0.0,), (-3 * d,)], [(0.0,), (d,)])


def test_pairing_large_results_with_noise():
    gold = [(i, i / 7) for i in range(5000)] + [(7, 1.0)] * 500
    noisy = [(i, value * (1 + 1e-14)) for i, value in gold]
    assert results_match(noisy[::-1], gold)
    noisy[100] = (100, 100 / 7 + 1e-3)
    assert not results_match(noisy[::-1], gold)


def test_many_columns_with_the_same_values():
    # Every column holds 0..6, so every column fits every place: only one of the 5,040 orders is right.
    shuffle = random.Random(7)
    gold = list(zip(*[shuffle.sample(range(7), 7) for _ in range(7)]))
    reversed_columns = [row[::-1] for row in gold]
    assert results_match(reversed_columns, gold)
    assert results_match(reversed_columns, gold, ordered=True)
    assert not results_match(reversed_columns[1:] + reversed_columns[:1], gold, ordered=True)
    broken = [row[:-1] + (row[0],) if i == 0 else row for i, row in enumerate(reversed_columns)]
    assert not results_match(broken, gold)


def test_identical_columns_are_tried_once():
    gold = [(i,) * 12 + (i % 3,) for i in range(50)]
    assert results_match([row[::-1] for row in gold], gold)
    wrong = [(i,) * 12 + ((i + 1) % 3,) for i in range(50)]
    assert not results_match(wrong, gold)  # must not try 12! orders


def test_shapes_must_agree():
    assert results_match([], [])
    assert "0 rows" in result_difference([], [(1,)])
    assert "2 columns" in result_difference([(1, 2)], [(1,)])


def test_empty_results_match_only_with_the_same_number_of_columns(staff_db):
    assert results_match([], [], predicted_columns=["a", "b"], gold_columns=["x", "y"])
    assert "1 columns" in result_difference([], [], predicted_columns=["a"], gold_columns=["x", "y"])
    gold = "SELECT emp_nm, sal FROM emp WHERE dept_cd = 'LEGAL'"  # no rows
    assert score_sql(staff_db, "SELECT sal, emp_id FROM emp WHERE sal < 0", gold).correct
    score = score_sql(staff_db, "SELECT 1 WHERE 0", gold)
    assert score.category == sql_eval.WRONG_RESULT and "no rows and 1 columns" in score.detail


@pytest.mark.parametrize("gold_sql, orders", [
    ("SELECT emp_nm FROM emp ORDER BY sal DESC", True),
    ("SELECT emp_nm FROM emp ORDER BY sal DESC LIMIT 3", True),
    ("SELECT emp_nm FROM emp", False),
    ("SELECT * FROM (SELECT emp_nm FROM emp ORDER BY sal)", False),
    ("SELECT emp_nm FROM emp WHERE sal > (SELECT sal FROM emp ORDER BY sal LIMIT 1)", False),
    ("WITH t AS (SELECT * FROM emp ORDER BY sal) SELECT emp_nm FROM t", False),
    ("SELECT emp_nm FROM emp UNION SELECT dept_cd FROM emp ORDER BY 1", True),
    ("SELECT 'order by' FROM emp", False),
])
def test_gold_orders(gold_sql, orders):
    assert gold_orders(gold_sql) is orders


# ---------------------------------------------------------------------------------------------
# Scoring and categories

GOLD = "SELECT emp_nm, sal FROM emp WHERE dept_cd = 'OPS'"


@pytest.mark.parametrize("answer, category", [
    ("```sql\nSELECT sal, emp_nm FROM emp WHERE dept_cd = 'OPS'\n```", sql_eval.CORRECT),
    ("SELECT emp_nm, sal FROM emp WHERE sal < 90 AND sal > 75", sql_eval.CORRECT),
    ("Sorry, I cannot answer that.", sql_eval.NO_SQL),
    ("DROP TABLE emp", sql_eval.REFUSED),
    ("SELECT emp_nm sal FROM emp WHERE dept_cd = = 'OPS'", sql_eval.SYNTAX_ERROR),
    ("SELECT emp_nm, sal FROM emp WHERE", sql_eval.SYNTAX_ERROR),
    ("SELECT name, salary FROM emp WHERE dept_cd = 'OPS'", sql_eval.UNKNOWN_TABLE_OR_COLUMN),
    ("SELECT emp_nm, sal FROM employees WHERE dept = 'OPS'", sql_eval.UNKNOWN_TABLE_OR_COLUMN),
    ("SELECT median(sal) FROM emp", sql_eval.EXECUTION_ERROR),
    ("```sql\nDELETE FROM emp WHERE dept_cd <> 'OPS';\nSELECT emp_nm, sal FROM emp\n```",
     sql_eval.REFUSED),
    ("```sql\nSELECT emp_nm, sal FROM emp WHERE dept_cd = 'OPS'; DROP TABLE emp\n```",
     sql_eval.REFUSED),
    ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n",
     sql_eval.TIMEOUT),
    ("SELECT emp_nm, sal FROM emp WHERE dept_cd = 'ENG'", sql_eval.WRONG_RESULT),
    ("SELECT emp_nm FROM emp WHERE dept_cd = 'OPS'", sql_eval.WRONG_RESULT),
])
def test_score_categories(staff_db, answer, category):
    score = score_sql(staff_db, answer, GOLD, timeout=0.3)
    assert score.category == category
    assert score.correct is (category == sql_eval.CORRECT)
    assert category in sql_eval.CATEGORIES
    assert (score.detail == "") is score.correct


def test_score_reports_rows_and_sql(staff_db):
    score = score_sql(staff_db, "```sql\nSELECT emp_nm, sal FROM emp;\n```", GOLD)
    assert score.predicted_sql == "SELECT emp_nm, sal FROM emp"
    assert (score.predicted_rows, score.gold_rows) == (5, 2)
    assert "5 rows" in score.detail


def test_too_many_rows_is_a_wrong_result(staff_db):
    score = score_sql(staff_db, "SELECT * FROM emp a, emp b", "SELECT * FROM emp", max_rows=10)
    assert score.category == sql_eval.WRONG_RESULT


def test_order_matters_when_gold_orders(staff_db):
    gold = "SELECT emp_nm FROM emp ORDER BY sal DESC, emp_id"
    assert score_sql(staff_db, "SELECT emp_nm FROM emp ORDER BY sal DESC, emp_id", gold).correct
    wrong_order = score_sql(staff_db, "SELECT emp_nm FROM emp ORDER BY sal ASC, emp_id", gold)
    assert wrong_order.category == sql_eval.WRONG_RESULT and "order" in wrong_order.detail
    assert score_sql(staff_db, "SELECT emp_nm FROM emp ORDER BY sal", "SELECT emp_nm FROM emp").correct


def test_failing_gold_query_is_a_data_bug(staff_db):
    with pytest.raises(GoldQueryError, match="not a mistake of the model"):
        score_sql(staff_db, "SELECT 1", "SELECT missing_col FROM emp")


def test_sql_scorer_with_fixed_path_and_with_function(staff_db, tmp_path):
    item = {"id": "q1", "question": "OPS staff and salaries?", "sql": GOLD, "db_id": "staff"}
    fixed = sql_scorer(staff_db)
    assert fixed(item, Prediction(text=f"```sql\n{GOLD}\n```"))["correct"] is True
    assert fixed(item, "SELECT 1")["category"] == sql_eval.WRONG_RESULT  # plain text works too
    by_item = sql_scorer(lambda it: tmp_path / f"{it['db_id']}.sqlite", gold_key="sql")
    result = by_item(item, Prediction(text=GOLD))
    assert result["correct"] is True and result["category"] == sql_eval.CORRECT
