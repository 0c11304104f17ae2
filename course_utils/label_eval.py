"""Scoring classification answers: the response must be the gold label (and nothing else)."""

from __future__ import annotations

import re

CORRECT = "correct"
WRONG_LABEL = "wrong_label"
NOT_A_LABEL = "not_a_label"


def score_label(response: str, gold: str, labels=()) -> dict:
    """Correct when the response, stripped of spaces, quotes and a final full stop, is the label."""
    said = (response or "").strip().strip("\"'`*").rstrip(".").strip()
    if said.lower() == gold.lower():
        category = CORRECT
    elif labels and said.lower() not in {label.lower() for label in labels}:
        category = NOT_A_LABEL
    else:
        category = WRONG_LABEL
    return {"correct": category == CORRECT, "category": category}


def first_label_in(response: str, labels) -> str | None:
    """The first of the labels that the response names as a word ("Label: BILL." names BILL), or None.

    Lenient reading for models that wrap the label in a sentence; `score_label` stays strict.
    """
    wanted = {label.lower(): label for label in labels}
    for word in re.findall(r"[\w-]+", response or ""):
        if word.lower() in wanted:
            return wanted[word.lower()]
    return None


def label_scorer(labels=(), label_key: str = "label"):
    """A scorer for course_utils.runner.evaluate over items with a gold `label`."""

    def score(item: dict, prediction) -> dict:
        return score_label(prediction.text, item[label_key], labels)

    return score
