"""Spider's difficulty rules, on queries whose grade follows from the published rules."""

import pytest

from course_utils.difficulty import count_components, spider_difficulty

CASES = [
    ("SELECT count(*) FROM singer", "easy"),
    ("SELECT DISTINCT country FROM singer WHERE age > 20", "easy"),
    ("SELECT name, country, age FROM singer ORDER BY age DESC", "medium"),
    ("SELECT country, count(*) FROM singer GROUP BY country", "medium"),
    ("SELECT avg(age), min(age), max(age) FROM singer WHERE country = 'France'", "medium"),
    ("SELECT location, name FROM stadium WHERE capacity BETWEEN 5000 AND 10000", "medium"),
    ("SELECT song_name FROM singer WHERE age > (SELECT avg(age) FROM singer)", "hard"),
    ("SELECT country FROM singer WHERE age > 40 INTERSECT "
     "SELECT country FROM singer WHERE age < 30", "hard"),
    ("SELECT T2.name FROM a AS T1 JOIN b AS T2 ON T1.x = T2.x "
     "JOIN c AS T3 ON T3.y = T2.y WHERE T3.z = 1", "hard"),
    ("SELECT T2.name, T2.capacity FROM concert AS T1 JOIN stadium AS T2 "
     "ON T1.stadium_id = T2.stadium_id WHERE T1.year >= 2014 GROUP BY T2.stadium_id "
     "ORDER BY count(*) DESC LIMIT 1", "extra"),
]


@pytest.mark.parametrize("sql,expected", CASES)
def test_spider_examples(sql, expected):
    assert spider_difficulty(sql) == expected


def test_keywords_inside_names_and_strings_do_not_count():
    # A regex counter would see OR, LIKE, JOIN and ORDER here; the parser sees one WHERE.
    sql = "SELECT order_id FROM join_table WHERE note = 'OR LIKE JOIN ORDER BY'"
    assert count_components(sql).component1 == 1
    assert spider_difficulty(sql) == "easy"


def test_or_and_like_each_count():
    counts = count_components("SELECT a FROM t WHERE a LIKE 'x%' OR b = 2")
    assert counts.component1 == 3  # WHERE, OR, LIKE
    assert counts.others == 1  # two WHERE conditions


def test_unparseable_sql_is_a_clear_error():
    with pytest.raises(ValueError, match="does not parse"):
        spider_difficulty("SELECT FROM WHERE (")
