"""Scoring knowledge-base answers: containment of the gold phrase, and honest abstention."""

import pytest

from course_utils.qa_eval import (ABSTAINED, ANSWERED_UNANSWERABLE, CORRECT, WRONG_ANSWER,
                                  contains_answer, is_abstention, score_answer)


@pytest.mark.parametrize("response,gold,expected", [
    ("You have 45 days to return it.", "45 days", True),
    ("You have 45 DAYS.", "45 days", True),
    ("It costs $9.99 per month.", "$9.99 per month", True),
    ("It costs $9.99 a month.", "$9.99 per month", False),
    ("You have 145 days.", "45 days", False),  # not a substring match on digits
    ("Ships from Rotterdam (ROT1).", "Rotterdam (ROT1)", True),
    ("", "45 days", False),
    ("The Foam Trail Pad costs $39.00.", "$39.00", True),  # a sentence ending in a number
    ("Orders over 1,500 units, 2:00 pm.", "1,500 units", True),
    ("It costs $39.001.", "$39.00", False),
])
def test_contains_answer(response, gold, expected):
    assert contains_answer(response, gold) is expected


@pytest.mark.parametrize("response", [
    "The passages do not contain the answer.", "I don't know.", "That is not mentioned in the documents.",
    "I cannot find this in the context.",
])
def test_abstentions_are_recognised(response):
    assert is_abstention(response)


def test_an_answer_is_not_an_abstention():
    assert not is_abstention("Returns are accepted within 45 days.")


def test_categories():
    assert score_answer("Within 45 days.", "45 days")["category"] == CORRECT
    assert score_answer("Within 30 days.", "45 days")["category"] == WRONG_ANSWER
    assert score_answer("I don't know.", "45 days")["category"] == ABSTAINED
    assert score_answer("The passages do not contain the answer.", None) == {"correct": True, "category": CORRECT}
    assert score_answer("It costs $12.", None)["category"] == ANSWERED_UNANSWERABLE


def test_label_scoring():
    from course_utils.label_eval import score_label

    assert score_label(" SHIP.", "SHIP")["correct"]
    assert score_label("BILL", "SHIP", ["SHIP", "BILL"])["category"] == "wrong_label"
    assert score_label("It is about shipping", "SHIP", ["SHIP", "BILL"])["category"] == "not_a_label"
