"""Scoring answers to knowledge-base questions: right, wrong, or an honest "not in the docs".

The gold answers in data/kb/qa.jsonl are short exact phrases ("45 days", "$9.99 per month"),
so a response is correct when it contains the gold phrase, compared after normalising case,
spaces and punctuation. For questions the documents cannot answer (gold answer null), the
right response is to abstain: to say the documents do not contain the answer.

Categories:
- correct: contains the gold answer (or, for an unanswerable question, abstains);
- abstained: said "not in the docs" although the docs answer it;
- wrong_answer: answered, but without the gold phrase;
- answered_unanswerable: gave an answer where the docs have none (a hallucination, or stale memory).
"""

from __future__ import annotations

import re

CORRECT = "correct"
ABSTAINED = "abstained"
WRONG_ANSWER = "wrong_answer"
ANSWERED_UNANSWERABLE = "answered_unanswerable"

# Ways of saying "I cannot answer from this", as models phrase it.
_ABSTAIN = re.compile(
    r"\b(do(es)? not contain|don'?t contain|don'?t know|do not know|not (mentioned|stated|covered|"
    r"included|specified|provided|found|in the (context|passages|documents|docs))|no information|"
    r"cannot (find|answer|determine)|can'?t (find|answer|determine)|unable to (find|answer|determine)|"
    r"isn'?t (mentioned|in)|there is no mention)\b",
    re.IGNORECASE,
)


def _normal(text: str) -> str:
    """Lower case, single spaces, no punctuation except what numbers and codes need."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w$%.,:/'-]+", " ", text)
    text = re.sub(r"(?<!\d)[.,:]|[.,:](?!\d)", " ", text)  # keep 9.99, 1,500 and 2:00; drop "$39.00."'s stop
    return re.sub(r"\s+", " ", text).strip()


def is_abstention(response: str) -> bool:
    """Whether a response declines to answer (says the information is not there)."""
    return bool(_ABSTAIN.search(response or ""))


def contains_answer(response: str, gold: str) -> bool:
    """Whether the gold phrase appears in the response, after normalisation."""
    return f" {_normal(gold)} " in f" {_normal(response or '')} "


def score_answer(response: str, gold: str | None) -> dict:
    """Score one response against a gold answer (None: the docs cannot answer)."""
    abstains = is_abstention(response)
    if gold is None:
        category = CORRECT if abstains else ANSWERED_UNANSWERABLE
    elif contains_answer(response, gold):
        category = CORRECT
    else:
        category = ABSTAINED if abstains else WRONG_ANSWER
    return {"correct": category == CORRECT, "category": category}


def qa_scorer(answer_key: str = "answer"):
    """A scorer for course_utils.runner.evaluate over items of data/kb/qa.jsonl."""

    def score(item: dict, prediction) -> dict:
        return score_answer(prediction.text, item[answer_key])

    return score
