"""Four RAG metrics in the style of ragas, small enough to read and able to run offline.

RAGAS (Es et al., RAGAS, 2023) scores a RAG answer on four questions. Each function below follows
ragas 0.4.3's definition of its metric:

- faithfulness: of the answer's statements, the share that the retrieved contexts support
  (does the answer stick to what was retrieved?);
- answer relevancy: how close the question is to the questions the answer would answer
  (does the answer address the question, rather than something else or nothing?);
- context precision: whether the useful contexts are ranked first (average precision over
  the ranks of the relevant contexts);
- context recall: of the reference's statements, the share found in the retrieved contexts
  (did retrieval bring everything the answer needs?).

Where ragas asks an LLM judge, these helpers use a rule you can read, and differ from it here:
- statements are the answer's sentences (ragas' LLM splits the answer into atomic claims);
- a statement is supported when every number in it appears in the contexts and most of its
  content words do. ragas' judge infers instead: it accepts a paraphrase in new words, and it
  rejects a statement whose words are all there but whose claim is not (a negation, two facts
  swapped, a number from another sentence);
- a context is relevant when it contains one of the QA item's gold evidence strings, and the
  reference's statements are those strings (ragas' judge also accepts other wording);
- answer relevancy without generated questions compares the question with the answer itself.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from course_utils.embeddings import Embed, unit_vectors
from course_utils.qa_eval import _normal, is_abstention

# The share of a statement's content words that must appear in the contexts.
SUPPORT_SHARE = 0.75

# Short words that carry no fact of their own, so a paraphrase may add or drop them freely. Negations are
# among them: word overlap cannot see a flipped claim either way.
STOP_WORDS = set("""
    the and for are but not nor you your yours she her his him its yes since because can could will
    would should may might must shall with from that this these those have has had was were been being
    they them their there then than into onto also any all our ours out who whom what when which while
    how does did doing done per each only more most very such just about after before over under other
    some same get gets got dont doesnt didnt cant cannot wont isnt arent wasnt werent
""".split())

NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}


def _contains(text: str, phrase: str) -> bool:
    """Whether the phrase appears in the text, both normalised (case, spaces, punctuation)."""
    return f" {_normal(phrase)} " in f" {_normal(text)} "


def context_precision(relevant: Sequence[bool]) -> float:
    """Average precision of the ranked contexts: sum over k of precision@k * v_k, divided by the
    number of relevant contexts. 1.0 when the relevant ones come first, 0.0 when none is."""
    hits, total = 0, 0.0
    for rank, is_hit in enumerate(relevant, start=1):
        if is_hit:
            hits += 1
            total += hits / rank
    return total / (hits + 1e-10)  # ragas' 1e-10 keeps "nothing relevant" at 0.0


def is_relevant(context: str, evidence: Sequence[str]) -> bool:
    """Offline verdict for context precision: the context contains at least one evidence string."""
    return any(_contains(context, e) for e in evidence)


def context_recall(contexts: Sequence[str], evidence: Sequence[str]) -> float | None:
    """Share of the evidence strings (the reference's statements) found in the joined contexts.
    None when there is no evidence: an unanswerable question has nothing to recall."""
    if not evidence:
        return None
    joined = "\n".join(contexts)
    return sum(_contains(joined, e) for e in evidence) / len(evidence)


def split_statements(answer: str) -> list[str]:
    """The answer's sentences, except those that abstain ("The passages do not say."), which
    make no claim about the documents."""
    sentences = re.split(r"(?<=[.!?])\s+", (answer or "").strip())
    return [s for s in sentences if s and not is_abstention(s)]


def _words(text: str) -> list[str]:
    """Normalised words, with number words as digits ("five" -> "5") and without apostrophes."""
    words = _normal(text).replace("'", "").split()
    return [NUMBER_WORDS.get(w, w) for w in words]


def _numbers(text: str) -> set[str]:
    """Every number in the text: "$24.95" -> 24.95, "1-2 days" -> 1 and 2, "10%" -> 10."""
    return set(re.findall(r"\d+(?:[.,:]\d+)*", " ".join(_words(text))))


def _stem(word: str) -> str:
    """A crude stem, so that return, returns and returned match: drop a plural, -ed or -ing
    ending, keep at most 6 letters."""
    return re.sub(r"(?<=[a-z]{3})(ing|ed|es|e|s)$", "", word)[:6]


def _content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning: 3+ letters, not in STOP_WORDS."""
    return {_stem(w) for w in _words(text) if re.fullmatch(r"[a-z]{3,}", w) and w not in STOP_WORDS}


def is_supported(statement: str, contexts: Sequence[str], share: float = SUPPORT_SHARE) -> bool:
    """Offline verdict for faithfulness: every number of the statement is in the contexts, and
    at least `share` of its content words are."""
    joined = "\n".join(contexts)
    if not _numbers(statement) <= _numbers(joined):
        return False  # an invented amount, date or duration is the costliest hallucination
    stems = _content_stems(statement)
    if not stems:
        return True
    return len(stems & _content_stems(joined)) / len(stems) >= share


def faithfulness(answer: str, contexts: Sequence[str]) -> float | None:
    """Share of the answer's statements that the contexts support. None when the answer makes
    no statement (an abstention): ragas gives NaN there."""
    statements = split_statements(answer)
    if not statements:
        return None
    return sum(is_supported(s, contexts) for s in statements) / len(statements)


def answer_relevancy(question: str, answer: str, embed: Embed,
                     generated_questions: Sequence[str] | None = None) -> float:
    """Mean cosine between the question and the questions an LLM wrote from the answer
    (generated_questions). Without them, the offline stand-in: cosine(question, answer).
    0.0 for an abstention, as ragas gives a noncommittal answer."""
    if is_abstention(answer):
        return 0.0
    others = [answer] if generated_questions is None else list(generated_questions)
    if not others:
        return 0.0  # ragas: no generated question, no relevancy
    vectors = unit_vectors(embed([question, *others]))
    return float(np.mean(vectors[1:] @ vectors[0]))


def questions_for_relevancy_messages(answer: str, n: int = 3) -> list[dict]:
    """Chat messages asking a model for n questions that the answer would answer, one per line:
    ragas' first step of answer relevancy. Pass the reply's lines as generated_questions."""
    return [
        {"role": "system", "content": "You write the questions that a given answer replies to."},
        {"role": "user", "content": (
            f"Write {n} different questions that this answer would answer. Write one question per "
            f"line, with no numbering and nothing else.\n\nAnswer: {answer}")},
    ]
