"""The ladder's recipes put exactly their ingredients in the prompt; training rows can be corrupted on purpose."""

import numpy as np

from course_utils import datasets
from course_utils.sql_ladder import Kitchen, Recipe, recipe_messages, training_rows

PAIRS = [{"question": f"How many orders in region {i}?", "sql": f"SELECT COUNT(*) FROM ord_hdr WHERE x = {i}"}
         for i in range(20)]


def letter_counts(texts):
    """A stand-in embedder: texts -> vectors of letter counts."""
    return np.array([[t.lower().count(c) + 1e-3 for c in "abcdefghijklmnopqrstuvwxyz0123456789"] for t in texts])


def kitchen(embed=letter_counts):
    return Kitchen(client=None, schema="CREATE TABLE ord_hdr (x INT);", dictionary="## Idioms\nnet revenue: ...",
                   pool=PAIRS, db_path=datasets.ACME_DB, embed=embed)


def user_text(messages):
    return messages[-1]["content"]


def test_each_ingredient_appears_only_when_the_recipe_asks_for_it():
    k = kitchen()
    bare = user_text(recipe_messages(Recipe(), k, "How many orders?"))
    assert "CREATE TABLE" not in bare and "Idioms" not in bare and "SQL:" not in bare
    full = user_text(recipe_messages(Recipe(schema=True, dictionary=True, examples=3, choose="random"), k,
                                     "How many orders?"))
    assert "CREATE TABLE" in full and "Idioms" in full and full.count("\nSQL: ") == 3


def test_similar_examples_are_chosen_once_and_remembered():
    calls = []

    def counting(texts):
        calls.append(len(texts))
        return letter_counts(texts)

    k = kitchen(counting)
    first = k.examples_for("How many orders in region 7?", 5, "similar")
    again = k.examples_for("How many orders in region 7?", 5, "similar")
    assert first == again and len(first) == 5 and len(calls) == 1


def test_training_rows_answer_with_the_gold_sql_unless_corrupted():
    clean = training_rows(PAIRS, "CREATE TABLE ord_hdr (x INT);")
    assert [row["messages"][-1]["content"] for row in clean] == [p["sql"] for p in PAIRS]
    assert all(row["messages"][-1]["role"] == "assistant" for row in clean)
    corrupted = training_rows(PAIRS, "CREATE TABLE ord_hdr (x INT);", corrupt=0.3)
    answers = [row["messages"][-1]["content"] for row in corrupted]
    swapped = [a for a, p in zip(answers, PAIRS) if a != p["sql"]]
    assert len(swapped) == 6 and set(swapped) <= {p["sql"] for p in PAIRS}  # 30%, each another row's SQL
