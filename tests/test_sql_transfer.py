"""Carrying a known query over to a schema the model has not seen (sql/transfer.py)."""

from __future__ import annotations

import pytest

from course_utils.offline.sql.adaptation import adapt
from course_utils.offline.reading.schema_text import read_schema_text
from course_utils.offline.sql.transfer import (Linker, answer_columns, compared_values, count_twin, fill_names,
                                               fill_plain_values, filtered, names_in_query, names_in_question,
                                               plain_values, schema_masked, transfer, trimmed_values, view_of, widened)

LIBRARY = view_of(read_schema_text("""
CREATE TABLE author (author_id INTEGER PRIMARY KEY, name TEXT, country TEXT, birth_year INTEGER);
CREATE TABLE book (book_id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES author(author_id),
                   genre TEXT, published_year INTEGER, is_reference INTEGER);
CREATE TABLE member (member_id INTEGER PRIMARY KEY, name TEXT, city TEXT, joined_date TEXT);
CREATE TABLE loan (loan_id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES book(book_id),
                   member_id INTEGER REFERENCES member(member_id), loan_date TEXT);
"""))
WEATHER = view_of(read_schema_text("""
CREATE TABLE station (station_id INTEGER PRIMARY KEY, name TEXT, region TEXT, elevation_m INTEGER);
CREATE TABLE alert (alert_id INTEGER PRIMARY KEY, station_id INTEGER REFERENCES station(station_id),
                    alert_type TEXT, issued_date TEXT);
"""))


@pytest.fixture(scope="module")
def link():
    from course_utils.offline.model.embedder import shared_embedder

    return Linker(shared_embedder())


def test_columns_get_kinds_and_tables_a_display_column():
    assert LIBRARY.kinds[("book", "author_id")] == "key"
    assert LIBRARY.kinds[("book", "is_reference")] == "flag"
    assert LIBRARY.kinds[("book", "published_year")] == "number"
    assert LIBRARY.kinds[("member", "joined_date")] == "date"
    assert LIBRARY.kinds[("book", "genre")] == "text"
    assert LIBRARY.display_column("book") == "title"
    assert LIBRARY.primary_key("loan") == "loan_id"


def test_names_are_resolved_through_aliases_and_subqueries():
    sql = "SELECT T1.title FROM book AS T1 WHERE T1.book_id NOT IN (SELECT book_id FROM loan)"
    names = [(n.table, n.column) for n in names_in_query(sql, LIBRARY)]
    assert names == [("book", "title"), ("book", None), ("book", "book_id"), ("loan", "book_id"), ("loan", None)]
    assert names_in_query("SELECT nope FROM book", LIBRARY) is None
    assert names_in_query("SELECT FROM WHERE", LIBRARY) is None


def test_a_one_table_query_moves_to_the_table_and_column_the_new_question_names(link):
    moved = transfer("How many members live in Elmstead?", "SELECT COUNT(*) FROM member WHERE city = 'Elmstead'",
                     LIBRARY, "How many stations are in the Coast region?", WEATHER, link)
    assert moved[0].sql == "SELECT COUNT(*) FROM station WHERE region = 'Elmstead'"
    assert "member -> station" in moved[0].renames
    values = adapt("How many members live in Elmstead?", moved[0].sql, "How many stations are in the Coast region?")
    assert values.sql == "SELECT COUNT(*) FROM station WHERE region = 'Coast'"


def test_a_join_follows_a_foreign_key_of_the_new_schema(link):
    source = ("Which books has Ann Lee written?",
              "SELECT T1.title FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id WHERE T2.name = 'Ann Lee'")
    moved = transfer(*source, LIBRARY, "Which alerts did Gull Point issue?", WEATHER, link)
    assert moved and moved[0].sql.startswith("SELECT T1.alert_type FROM alert AS T1 JOIN station AS T2 "
                                             "ON T1.station_id = T2.station_id WHERE T2.name =")


def test_a_query_needs_as_many_linked_tables_as_it_joins(link):
    three_tables = ("Which members borrowed books by Ann Lee?",
                    "SELECT T3.name FROM author AS T1 JOIN book AS T2 ON T1.author_id = T2.author_id JOIN loan AS T4 "
                    "ON T2.book_id = T4.book_id JOIN member AS T3 ON T4.member_id = T3.member_id WHERE T1.name = 'x'")
    assert transfer(*three_tables, LIBRARY, "Which stations issued alerts?", WEATHER, link) == []


def test_names_in_a_question_and_filling_them_in():
    assert names_in_question("What pieces did Stone and Metal include?") == ["Stone and Metal"]
    assert names_in_question("List the Dutch artists.") == ["Dutch"]
    assert names_in_question("Show Sara Weber's works.") == ["Sara Weber"]
    assert names_in_question("How many stations are there?") == []
    assert names_in_question("What are the elevations? Order by elevation. Give Cairn Top.") == ["Cairn Top"]
    assert names_in_question("List farms at Old Town Market as well as Riverside Market.") == [
        "Old Town Market", "Riverside Market"]  # no full stop
    assert names_in_question("Which jobs were posted in March 2024 by Bluefin?") == ["Bluefin"]  # a period is no name
    sql, replaced = fill_names("SELECT 1 FROM t WHERE name = 'Ann Lee'", "Books by Ann Lee?", "Alerts from Gull Point?")
    assert (sql, replaced) == ("SELECT 1 FROM t WHERE name = 'Gull Point'", 1)
    assert fill_names("SELECT 1 FROM t WHERE name = 'Ann Lee'", "Books by Ann Lee?", "Alerts, please?")[1] == 0


def test_masking_hides_the_domain_so_questions_compare_by_what_they_ask():
    assert schema_masked("How many books are older than 1900?", LIBRARY) == "How many item are older than N ?"
    assert schema_masked("Which stations sit higher than 500 metres?", WEATHER) == \
        "Which item sit higher than N metres ?"


def test_a_listing_is_widened_with_the_columns_the_question_clearly_names(link):
    question = "What alerts did Gull Point issue? Give their types and issue dates."
    sql = ("SELECT T2.alert_type FROM station AS T1 JOIN alert AS T2 ON T1.station_id = T2.station_id "
           "WHERE T1.name = 'Gull Point'")
    assert widened(sql, WEATHER, question, link) == (
        "SELECT T2.alert_type, T2.issued_date FROM station AS T1 JOIN alert AS T2 "
        "ON T1.station_id = T2.station_id WHERE T1.name = 'Gull Point'")  # not name: it is the filter
    # a date the query filters on is shown when asked for ("titles and dates")
    assert widened("SELECT alert_type FROM alert WHERE issued_date LIKE '2024-03%'", WEATHER,
                   "Alerts issued in March 2024: types and dates?", link) == (
        "SELECT alert_type, issued_date FROM alert WHERE issued_date LIKE '2024-03%'")
    assert widened("SELECT COUNT(*) FROM alert", WEATHER, question, link) is None  # an aggregate keeps its output
    assert widened("SELECT alert_type FROM alert GROUP BY alert_type", WEATHER, question, link) is None
    assert widened("SELECT * FROM alert", WEATHER, question, link) is None  # already every column
    assert widened("SELECT alert_type, issued_date FROM alert", WEATHER, question, link) is None  # nothing to add


def test_plain_values_are_the_words_that_name_nothing_in_the_schema():
    assert plain_values("List the titles of books in the poetry genre.", LIBRARY) == ["poetry"]
    # "most" asks for an operation, "members" and "books" name tables: none of them is a value
    assert plain_values("Which members borrowed the most books?", LIBRARY) == ["borrowed"]
    assert plain_values("How many alerts of type storm or frost?", WEATHER) == ["storm", "frost"]
    assert plain_values("Stations in the hills and lowlands region?", WEATHER) == ["hills and lowlands"]
    assert plain_values("Stations in the hills, sorted from highest to lowest, then descending?", WEATHER) == ["hills"]


def test_a_carried_over_value_is_replaced_by_the_questions_plain_value():
    sql, n = fill_plain_values("SELECT title FROM book WHERE genre = 'Drama'", "List the titles of books in poetry.",
                               LIBRARY)
    assert (sql, n) == ("SELECT title FROM book WHERE genre = 'poetry'", 1)
    # a value that is only a schema word ("books") is no value either
    sql, n = fill_plain_values("SELECT title FROM book WHERE genre = 'books'", "Titles of books in poetry?", LIBRARY)
    assert sql == "SELECT title FROM book WHERE genre = 'poetry'"
    # a value the question says stays, and so do names when the question gives names
    kept = "SELECT title FROM book WHERE genre = 'poetry'"
    assert fill_plain_values(kept, "Titles of the poetry books, old and new?", LIBRARY) == (kept, 0)
    named = "SELECT name FROM member WHERE city = 'Leeds'"
    assert fill_plain_values(named, "Which members live in Bristol, the old port?", LIBRARY) == (named, 0)


def test_a_count_and_a_listing_of_the_same_rows_are_twins():
    counted = "SELECT COUNT(*) FROM book WHERE is_reference = 1"
    assert count_twin(counted, LIBRARY, count=False) == "SELECT title FROM book WHERE is_reference = 1"
    listed = "SELECT T1.title FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id WHERE T2.country = 'x'"
    assert count_twin(listed, LIBRARY, count=True) == (
        "SELECT COUNT(*) FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id WHERE T2.country = 'x'")
    assert count_twin(counted, LIBRARY, count=True) is None  # already what is asked
    assert count_twin("SELECT title FROM book ORDER BY published_year LIMIT 1", LIBRARY, count=True) is None
    assert count_twin("SELECT AVG(published_year) FROM book", LIBRARY, count=False) is None


def test_a_column_only_tested_for_null_moves_to_a_column_of_any_kind(link):
    # "breed" is text and the new question's "wind speed" a number: kinds differ, but a NULL test fits any column
    pets = view_of(read_schema_text("CREATE TABLE pet (pet_id INTEGER PRIMARY KEY, name TEXT, breed TEXT);"))
    readings = view_of(read_schema_text(
        "CREATE TABLE reading (reading_id INTEGER PRIMARY KEY, reading_date TEXT, wind_speed_kmh REAL);"))
    moved = transfer("How many pets have no breed recorded?", "SELECT COUNT(*) FROM pet WHERE breed IS NULL", pets,
                     "How many readings have no wind speed recorded?", readings, link)
    assert moved[0].sql == "SELECT COUNT(*) FROM reading WHERE wind_speed_kmh IS NULL"
    # compared with a value, the text column still needs a text column: this schema has none left
    assert transfer("Pets of breed Collie?", "SELECT name FROM pet WHERE breed = 'Collie'", pets,
                    "Readings with wind speed 10?", readings, link) == []


def test_a_value_the_query_leaves_out_is_filtered_on_the_column_that_fits_it(link):
    assert filtered("SELECT COUNT(*) FROM book", LIBRARY, ["poetry"], link) == \
        "SELECT COUNT(*) FROM book WHERE genre = 'poetry'"
    assert filtered("SELECT T1.title FROM book AS T1 WHERE T1.published_year > 1900", LIBRARY, ["poetry"], link) == \
        "SELECT T1.title FROM book AS T1 WHERE T1.published_year > 1900 AND T1.genre = 'poetry'"
    assert filtered("SELECT title FROM book WHERE genre = 'poetry'", LIBRARY, ["poetry"], link) is None  # used
    assert filtered("SELECT COUNT(*) FROM book", LIBRARY, [], link) is None


def test_reading_what_a_query_compares_and_returns():
    sql = ("SELECT T1.title, COUNT(*) FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id "
           "WHERE T2.country = 'Peru' AND 'Drama' = T1.genre GROUP BY T1.book_id")
    assert compared_values(sql, LIBRARY) == [("author", "country", "Peru"), ("book", "genre", "Drama")]
    assert answer_columns(sql, LIBRARY) == [("book", "title"), ("book", None)]
    assert answer_columns("SELECT name FROM member EXCEPT SELECT name FROM author", LIBRARY) == [("member", "name")]
    assert answer_columns("SELECT FROM", LIBRARY) == []


def test_a_value_loses_the_lower_case_schema_words_at_its_ends():
    assert trimmed_values("SELECT name FROM author WHERE country = 'Peru country'", LIBRARY) == \
        "SELECT name FROM author WHERE country = 'Peru'"
    kept = "SELECT title FROM book WHERE genre = 'Book Club' AND title = 'poetry'"  # names keep their words
    assert trimmed_values(kept, LIBRARY) == kept


def test_the_table_a_question_names_first_is_what_it_asks_for(link):
    tables = list(LIBRARY.columns)
    assert link.first_named("Which authors have written books in the poetry genre?", tables) == "author"
    assert link.first_named("Which books were written by authors from Peru?", tables) == "book"
    assert link.first_named("What is the weather like?", tables) is None


def test_link_features_say_which_query_answers_what_the_question_names(link):
    from course_utils.offline.sql.candidates import LINK_FEATURES, link_features

    question = "Which authors come from Peru?"
    columns = [c for (_, c), kind in LIBRARY.kinds.items() if kind != "key"]
    named = dict(zip([*LIBRARY.columns, *columns], link.mention(question, [*LIBRARY.columns, *columns]).tolist()))
    first = link.first_named(question, list(LIBRARY.columns))

    def features(sql):
        return dict(zip(LINK_FEATURES, link_features(sql, LIBRARY, named, first, link.embed)))

    right = features("SELECT name FROM author WHERE country = 'Peru'")
    wrong_table = features("SELECT T1.title FROM book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id "
                           "WHERE T2.country = 'Peru'")
    unasked = features("SELECT name, birth_year FROM author WHERE country = 'Peru'")
    assert right["answer_first"] == 1.0 and wrong_table["answer_first"] == 0.0
    assert right["answer_named"] > wrong_table["answer_named"]
    assert right["unasked_outputs"] == 0.0 and unasked["unasked_outputs"] > 0.0
    # 'Peru' fits country better than name, the author table's other text column
    assert right["value_fit"] > features("SELECT name FROM author WHERE name = 'Peru'")["value_fit"]
