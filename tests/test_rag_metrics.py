"""The offline RAG metrics of course_utils.rag_metrics: ragas' formulas on hand-computed cases, and the
offline verdicts against the hand labels of data/rag/metric_checks.jsonl."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from course_utils.qa_eval import _normal
from course_utils.rag_metrics import (
    answer_relevancy,
    context_precision,
    context_recall,
    faithfulness,
    is_relevant,
    is_supported,
    questions_for_relevancy_messages,
    split_statements,
)

KB = Path(__file__).resolve().parents[1] / "data" / "kb"
CHECKS = KB.parent / "rag" / "metric_checks.jsonl"
ABSTENTION = "The passages do not contain the answer."
EXPRESS = "Express shipping costs $24.95 per order and arrives in 1-2 business days."
STANDARD = "Standard shipping in North America takes 2-5 business days."


@lru_cache(maxsize=1)
def checks() -> list[dict]:
    with open(CHECKS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@lru_cache(maxsize=1)
def qa_items() -> dict[str, dict]:
    with open(KB / "qa.jsonl", encoding="utf-8") as f:
        return {item["id"]: item for item in map(json.loads, f)}


@lru_cache(maxsize=1)
def normalised_docs() -> list[str]:
    return [_normal(path.read_text(encoding="utf-8")) for path in sorted((KB / "docs").glob("*.md"))]


# --- Context precision ----------------------------------------------------------------------


def test_context_precision_is_average_precision_over_the_relevant_ranks():
    assert context_precision([True, False, True]) == pytest.approx((1 + 2 / 3) / 2)
    assert context_precision([False, True, False, True]) == pytest.approx((1 / 2 + 2 / 4) / 2)


def test_context_precision_rewards_ranking_the_relevant_context_first():
    assert context_precision([True, False, False]) == pytest.approx(1.0)
    assert context_precision([False, False, True]) == pytest.approx(1 / 3)
    assert context_precision([True, True, False]) > context_precision([False, True, True])


def test_context_precision_is_zero_when_nothing_is_relevant():
    assert context_precision([False, False]) == 0.0
    assert context_precision([]) == 0.0


# --- Context recall and relevance ------------------------------------------------------------


def test_context_recall_counts_the_evidence_found_in_the_contexts():
    evidence = [EXPRESS, STANDARD]
    shouted = "Express  SHIPPING costs $24.95 per order and arrives in 1-2 business days"
    assert context_recall([shouted], evidence) == 0.5
    assert context_recall([EXPRESS, STANDARD], evidence) == 1.0
    assert context_recall(["Gift cards do not expire."], evidence) == 0.0


def test_context_recall_is_none_without_evidence():
    assert context_recall([EXPRESS], []) is None


def test_a_context_is_relevant_when_it_contains_an_evidence_string():
    assert is_relevant(f"Fees in North America. {EXPRESS}", [EXPRESS])
    assert not is_relevant("Express shipping costs $19.95 per order and arrives in 1-2 business days.", [EXPRESS])
    assert not is_relevant(EXPRESS, [])


# --- Faithfulness ------------------------------------------------------------------------------


def test_a_quote_is_fully_faithful():
    assert faithfulness(EXPRESS, [STANDARD, EXPRESS]) == 1.0


def test_an_invented_number_makes_its_statement_unsupported():
    answer = "Express shipping costs $29.95 per order. It arrives in 1-2 business days."
    assert faithfulness(answer, [EXPRESS]) == 0.5
    assert not is_supported("Express shipping costs $29.95 per order.", [EXPRESS])


def test_a_statement_with_new_content_words_is_unsupported():
    assert not is_supported("Express parcels are insured against theft by our courier partner.", [EXPRESS])
    assert is_supported("Express shipping arrives in one to two business days.", [EXPRESS])


def test_faithfulness_is_none_for_an_abstention_or_an_empty_answer():
    assert faithfulness(ABSTENTION, [EXPRESS]) is None
    assert faithfulness("", [EXPRESS]) is None


def test_abstaining_sentences_are_not_statements():
    assert split_statements(f"{EXPRESS} {ABSTENTION}") == [EXPRESS]


# --- Answer relevancy ----------------------------------------------------------------------------

VECTORS = {"q": [1.0, 0.0], "same": [2.0, 0.0], "diagonal": [1.0, 1.0], "orthogonal": [0.0, 3.0]}


def fake_embed(texts: list[str]) -> np.ndarray:
    return np.array([VECTORS[t] for t in texts])


def test_answer_relevancy_averages_the_cosines_of_the_generated_questions():
    score = answer_relevancy("q", "An answer.", fake_embed, generated_questions=["same", "diagonal", "orthogonal"])
    assert score == pytest.approx((1 + 2 ** -0.5 + 0) / 3)


def test_answer_relevancy_without_generated_questions_compares_question_and_answer():
    assert answer_relevancy("q", "diagonal", fake_embed) == pytest.approx(2 ** -0.5)


def test_answer_relevancy_is_zero_for_an_abstention_or_no_generated_question():
    assert answer_relevancy("q", ABSTENTION, fake_embed, generated_questions=["same"]) == 0.0
    assert answer_relevancy("q", "An answer.", fake_embed, generated_questions=[]) == 0.0


def test_the_relevancy_prompt_asks_for_n_questions_about_the_answer():
    messages = questions_for_relevancy_messages(EXPRESS, n=4)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert EXPRESS in messages[-1]["content"] and "4" in messages[-1]["content"]


# --- The hand-labelled sample ----------------------------------------------------------------------


def test_the_check_file_is_well_formed():
    rows = checks()
    assert 10 <= len(rows) <= 12 and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        labels = row["labels"]
        assert len(labels["relevant"]) == len(row["contexts"]), row["id"]
        assert len(labels["supported"]) == len(split_statements(row["answer"])), row["id"]
        assert isinstance(labels["relevant_answer"], bool), row["id"]


def test_check_questions_and_evidence_come_from_their_qa_item():
    for row in checks():
        item = qa_items()[row["qa_id"]]
        assert row["question"] == item["question"], row["id"]
        assert all(e in item["evidence"] for e in row["evidence"]), row["id"]


def test_every_check_context_is_cut_verbatim_from_a_document():
    for row in checks():
        for context in row["contexts"]:
            assert any(_normal(context) in doc for doc in normalised_docs()), (row["id"], context)


def agreement(pairs: list[tuple[str, bool, bool]]) -> tuple[float, list[str]]:
    """(share of (what, helper, label) where helper == label, the disagreements)."""
    disagreements = [f"{what}: helper {helper}, label {label}" for what, helper, label in pairs if helper != label]
    return 1 - len(disagreements) / len(pairs), disagreements


def test_relevance_verdicts_agree_with_the_hand_labels():
    pairs = [(f"{row['id']} context {i}", is_relevant(context, row["evidence"]), label)
             for row in checks()
             for i, (context, label) in enumerate(zip(row["contexts"], row["labels"]["relevant"]))]
    share, disagreements = agreement(pairs)
    assert share >= 0.9, "\n".join(disagreements)


def test_support_verdicts_agree_with_the_hand_labels():
    pairs = [(f"{row['id']} {statement!r}", is_supported(statement, row["contexts"]), label)
             for row in checks()
             for statement, label in zip(split_statements(row["answer"]), row["labels"]["supported"])]
    share, disagreements = agreement(pairs)
    assert share >= 0.8, "\n".join(disagreements)


def test_only_the_answers_labelled_irrelevant_score_zero_relevancy():
    def embed(texts: list[str]) -> np.ndarray:  # every text alike: only the abstention rule can give 0
        return np.ones((len(texts), 2))

    for row in checks():
        score = answer_relevancy(row["question"], row["answer"], embed)
        assert (score > 0) == row["labels"]["relevant_answer"], row["id"]


def test_faithfulness_of_the_abstention_in_the_sample_is_none():
    for row in checks():
        if not row["labels"]["supported"]:
            assert faithfulness(row["answer"], row["contexts"]) is None, row["id"]
