"""Cue words against SQL operators: does a query do what its question asks?"""

from __future__ import annotations

import numpy as np

from course_utils.offline.sql.cues import KINDS, agreement, asked, done


def test_questions_ask_for_operations_in_plain_words():
    assert asked("How many artworks are there in each medium?") == {"count", "group"}
    assert asked("What is the total number of works?") == {"count"}  # a count, not a sum
    assert asked("For every nationality, how much are its works worth in total?") == {"group", "sum"}
    assert asked("Which artists have no works in the collection?") == {"negation"}
    assert asked("Name the youngest company.") == {"extreme"}
    assert asked("List the interest requests of our guests.") == set()  # -est words that are not superlatives
    assert asked("Which works are valued at more than 500000?") == {"comparison"}


def test_queries_are_read_without_their_string_literals():
    sql = "SELECT name FROM t WHERE note = 'NOT < 5, COUNT(x)' GROUP BY name"
    assert done(sql) == {"group"}
    assert done("SELECT AVG(v) FROM t WHERE id NOT IN (SELECT id FROM u) ORDER BY v DESC LIMIT 1") == {
        "average", "negation", "extreme"}


def test_agreement_says_which_side_is_missing():
    signs = dict(zip(KINDS, agreement("How many works are there in each medium?", "SELECT COUNT(*) FROM artwork")))
    assert signs["count"] == 0 and signs["group"] == 1  # asked, not done
    signs = dict(zip(KINDS, agreement("Which artists have no works?", "SELECT COUNT(*) FROM artist")))
    assert signs["count"] == -1 and signs["negation"] == 1  # done unasked; asked, not done
    right = agreement("Which artists have no works?",
                      "SELECT name FROM artist WHERE artist_id NOT IN (SELECT artist_id FROM artwork)")
    assert not np.any(right)


def test_a_sorted_list_is_an_order_and_the_top_one_is_an_extreme():
    assert "order" in asked("Show exhibition titles and start dates, earliest first.")
    assert "order" in asked("Market names and towns, sorted by name.")
    assert "order" not in asked("Which farm is the oldest?")
    assert done("SELECT title FROM t ORDER BY start_date") == {"order"}
    assert done("SELECT title FROM t ORDER BY start_date LIMIT 1") == {"extreme"}  # one row, not a list
    assert "negation" in asked("Count the readings where the wind speed is missing.")
