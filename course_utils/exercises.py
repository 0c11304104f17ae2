"""Offline checkers for the "your turn" exercises.

A checker runs the learner's answer through the same harness the course uses for
evaluation and prints a verdict: pass, or what is wrong. Hints live in `hints.py`,
so reading this file does not spoil them (the gold answers are here, though).
"""

from __future__ import annotations

from dataclasses import dataclass

from course_utils import hints
from course_utils.datasets import ACME_DB
from course_utils.sql_eval import score_sql


@dataclass(frozen=True)
class SQLExercise:
    question: str  # what the learner must answer with SQL
    gold_sql: str  # one correct answer; any query with the same result passes


SQL_EXERCISES = {
    "00.1": SQLExercise(
        question="How many customers does Acme have in each region? "
                 "Return the region code and the number of customers.",
        gold_sql="SELECT rgn_cd, COUNT(*) FROM cust_mstr GROUP BY rgn_cd",
    ),
}

# Exercise 00.2: predict the harness's verdict on each answer to one question.
CATEGORY_EXERCISE = SQLExercise(
    question="List the names of all customers in the EMEA region.",
    gold_sql="SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA'",
)
CATEGORY_ANSWERS = (
    "SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA'",
    "SELECT name FROM customers WHERE region = 'EMEA'",
    "SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA",
    "SELECT cust_nm FROM cust_mstr",
    "```sql\nDELETE FROM cust_mstr WHERE rgn_cd = 'EMEA'\n```",
    "I am not sure which table holds the customers.",
)


def check_sql(exercise_id: str, sql: str, db_path=ACME_DB) -> bool:
    """Score the learner's SQL against the exercise's gold query and say why it fails."""
    exercise = SQL_EXERCISES[exercise_id]
    score = score_sql(db_path, sql, exercise.gold_sql)
    if score.correct:
        print(f"Exercise {exercise_id}: correct! Your query returns the expected result.")
    else:
        print(f"Exercise {exercise_id}: not yet ({score.category}). {score.detail}")
        print(f"Stuck? Run hint('{exercise_id}').")
    return score.correct


def check_categories(predictions: list[str], db_path=ACME_DB) -> bool:
    """Exercise 00.2: compare predicted categories, in CATEGORY_ANSWERS order, with the harness's."""
    if len(predictions) != len(CATEGORY_ANSWERS):
        raise ValueError(
            f"Give one category per answer: {len(CATEGORY_ANSWERS)} expected, got {len(predictions)}."
        )
    right = 0
    for answer, guess in zip(CATEGORY_ANSWERS, predictions):
        actual = score_sql(db_path, answer, CATEGORY_EXERCISE.gold_sql).category
        right += guess == actual
        verdict = "right" if guess == actual else "not quite"
        print(f"{verdict:>9}: you said {guess!r:<28} for  {' '.join(answer.split())[:60]}")
    print(f"{right}/{len(CATEGORY_ANSWERS)} right." + ("" if right == len(CATEGORY_ANSWERS)
          else " Stuck? Run hint('00.2')."))
    return right == len(CATEGORY_ANSWERS)


def hint(exercise_id: str, level: int = 1) -> None:
    """Print hint number `level` (1 is gentle, the last one nearly gives it away)."""
    available = hints.HINTS[exercise_id]
    level = max(1, min(level, len(available)))
    print(f"Hint {level}/{len(available)}: {available[level - 1]}")
