"""Checks of what a training file teaches, beyond its format.

`fine_tuning_data.validate_dataset` checks that a file is well formed. A well-formed file can
still teach the wrong behaviour: answers that defer instead of doing the task, or wrong labels.
A fine-tune learns both as faithfully as the right ones. Two checks catch much of it:

- `answers_outside`: the examples whose answer is not one the task allows (for a classifier,
  anything but a label);
- `label_disagreements`: the examples whose label is outvoted by their nearest neighbours' (by
  embedding), the usual sign of a mislabelled example. It flags suspects for a person to read,
  since a genuinely unusual example disagrees with its neighbours too.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from typing import Sequence

import numpy as np

from course_utils.embeddings import Embed, unit_vectors


def _last_assistant_message(row: dict) -> dict:
    return next(m for m in reversed(row["messages"]) if m.get("role") == "assistant")


def assistant_answer(row: dict) -> str:
    """The last assistant message of a chat-format row: what the model is trained to say."""
    return _last_assistant_message(row)["content"]


def with_answers_swapped(rows: Sequence[dict], share: float, seed: int = 0) -> list[dict]:
    """A copy of the rows in which a share of them answer with another chosen row's answer: a
    training file with wrong answers in it, as a careless export or a bad join makes."""
    rows = copy.deepcopy(list(rows))
    answers = [assistant_answer(row) for row in rows]
    chosen = random.Random(seed).sample(range(len(rows)), int(share * len(rows)))
    for i, j in zip(chosen, chosen[1:] + chosen[:1]):
        _last_assistant_message(rows[i])["content"] = answers[j]
    return rows


def with_answers_replaced(rows: Sequence[dict], share: float, answer: str, seed: int = 0) -> list[dict]:
    """A copy of the rows in which a share of them answer `answer` instead: the behaviour of the
    data's authors (a reply that puts the work off) rather than the task."""
    rows = copy.deepcopy(list(rows))
    for i in random.Random(seed).sample(range(len(rows)), int(share * len(rows))):
        _last_assistant_message(rows[i])["content"] = answer
    return rows


def answer_counts(rows: Sequence[dict]) -> Counter:
    """How often each answer appears: the first thing to read in a classifier's training file."""
    return Counter(assistant_answer(row) for row in rows)


def answers_outside(rows: Sequence[dict], allowed: Sequence[str]) -> list[int]:
    """Indices of the rows whose answer is not one of `allowed` (compared after stripping spaces)."""
    allowed = set(allowed)
    return [i for i, row in enumerate(rows) if assistant_answer(row).strip() not in allowed]


def label_disagreements(texts: Sequence[str], labels: Sequence[str], embed: Embed, k: int = 5) -> list[int]:
    """Indices of the examples whose label loses the vote of their k nearest neighbours (another
    label is more common among them), most outvoted first: suspects for a person to read."""
    vectors = unit_vectors(embed(list(texts)))
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)  # an example is not its own neighbour
    suspects = []
    for i, label in enumerate(labels):
        votes = Counter(labels[j] for j in np.argsort(-similarity[i], kind="stable")[:k])
        margin = max(votes.values()) - votes[label]
        if margin > 0:
            suspects.append((margin, i))
    return [i for _, i in sorted(suspects, key=lambda pair: (-pair[0], pair[1]))]
