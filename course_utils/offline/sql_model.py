"""How acme-tiny answers a text-to-SQL request: candidates from what it knows, scored by its network.

1. Gather known (question, SQL) pairs: examples in the prompt, the SQL of the dictionary's
   idioms, and, for a fine-tuned model, the pairs it was fine-tuned on (its memory).
2. Keep the ones whose questions are closest to the new one (a wider set when the prompt
   asks to reason step by step) and adapt each to the new question (sql_adapt.py).
3. Describe every candidate with features (how similar the questions are, with values
   masked as DAIL-SQL does; how cleanly the adaptation went; whether its names exist in the
   schema given) and let the network score it. Fine-tuning also learns a prototype per
   query template, so domain phrasing maps to the right query shape.
4. With nothing to adapt, it guesses a query from the question's words, and fails the way
   a language model fails without a schema: plausible names that do not exist.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from course_utils.offline.features import Embedder
from course_utils.offline.sql_adapt import (LITERAL, N_SIGNALS, Adaptation, CodeMeaning, Knowledge, adapt,
                                            content_words, words_of)
from course_utils.offline.sql_mentions import find_numbers, find_time_mentions
from course_utils.offline.sql_request import SqlRequest, normal_sql

MAX_CANDIDATES = 24
NARROW, WIDE = 6, 20  # sources adapted per request; step-by-step reasoning searches wider
ORIGINS = ("example", "idiom", "memory", "guess")
SQL_FEATURES = 8 + N_SIGNALS + len(ORIGINS)

_SQL_WORDS = frozenset(
    "select from where and or not in is null as on join left right inner outer cross group by order having "
    "limit offset distinct count sum avg min max case when then else end between like union intersect except "
    "all exists asc desc coalesce julianday strftime date datetime cast real integer text round abs ifnull "
    "nullif length lower upper substr replace total over partition using natural with recursive".split())


@dataclass
class Candidate:
    """One query the model may write, and where it came from."""

    sql: str
    origin: str
    source_question: str
    adaptation: Adaptation | None = None
    template_slot: int = -1  # the fine-tuned prototype of its query template, if any
    features: np.ndarray = field(default_factory=lambda: np.zeros(SQL_FEATURES, dtype=np.float32))

    def answer_text(self, reasoning: bool) -> str:
        """What the model writes: the query, or its steps and then the query."""
        if not reasoning:
            return self.sql
        steps = [f"Step 1: the closest question I know is: \"{self.source_question}\"."]
        changes = self.adaptation.steps if self.adaptation else []
        steps.append("Step 2: what changes: " + ("; ".join(changes) if changes else "nothing") + ".")
        steps.append(f"Step 3: the query:\n```sql\n{self.sql}\n```")
        return "\n".join(steps)


def template_of(sql: str) -> str:
    """A query with its literals masked: queries of one template differ only in values."""
    return LITERAL.sub("?", normal_sql(sql))


def masked_question(question: str) -> str:
    """The question with time periods and numbers replaced by placeholders (DAIL-SQL's masking)."""
    spans = [(m.start, m.end, "<period>") for m in find_time_mentions(question)]
    spans += [(s, e, "<number>") for _, s, e in find_numbers(question)]
    spans += [(m.start(), m.end(), "<value>") for m in re.finditer(r"'[^']+'|\"[^\"]+\"", question)]
    for start, end, mark in sorted(spans, reverse=True):
        question = question[:start] + mark + question[end:]
    return question


def identifiers(sql: str) -> set[str]:
    """Table and column names a query uses (aliases and keywords left out), lower-cased."""
    bare = LITERAL.sub(" ", sql.lower())
    aliases = set(re.findall(r"\b([a-z_]\w*)\.", bare))
    aliases |= set(re.findall(r"\bas\s+([a-z_]\w*)", bare))
    aliases |= set(re.findall(r"\b(?:from|join)\s+[a-z_]\w*\s+(?!on\b|where\b|join\b|group\b|order\b|left\b|"
                              r"inner\b|limit\b|union\b|except\b|intersect\b)([a-z_]\w*)", bare))
    names = set(re.findall(r"[a-z_]\w*", bare)) - _SQL_WORDS
    qualified = set(re.findall(r"\b[a-z_]\w*\.([a-z_]\w*)", bare))
    return (names - aliases) | qualified


def guess_query(question: str, schema_names: list[str]) -> str:
    """A query invented from the question's words: what is left without examples to adapt."""
    words = [w for w in words_of(question) if w not in {"how", "many", "what", "which"}]
    nouns = [w for w in words if len(w) > 3 and w.isalpha()]
    table = next((n for n in nouns if n in schema_names), nouns[0] + "s" if nouns else "data")
    if re.search(r"\bhow many\b|\bcount\b|\bnumber of\b", question, re.IGNORECASE):
        return f"SELECT COUNT(*) FROM {table}"
    return f"SELECT * FROM {table}"


# --------------------------------------------------------------------------------------
# Gathering and describing candidates


@dataclass
class SqlMemory:
    """What fine-tuning stored: training pairs, their question vectors, a lexicon of codes."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    keys: np.ndarray | None = None  # (len(pairs), D) question embeddings
    template_slots: dict[str, int] = field(default_factory=dict)
    lexicon: list[CodeMeaning] = field(default_factory=list)


def _cosines(vector: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    return matrix @ vector if len(matrix) else np.zeros(0, dtype=np.float32)


def gather_candidates(request: SqlRequest, embed: Embedder, memory: SqlMemory | None = None,
                      leave_out: str | None = None) -> list[Candidate]:
    """Adapt the closest known pairs to the question and describe each result for the network.

    leave_out: a question whose own pair in the memory must not be used (training)."""
    question = request.question
    sources: list[tuple[str, str, str]] = [(q, sql, "example") for q, sql in request.examples]
    sources += [(f"{title}: {text}", " ".join(sql.split()), "idiom") for title, text, sql in request.schema.idioms]
    q_vec = embed([question])[0]
    own = [(float(c), *s) for c, s in zip(_cosines(q_vec, embed([s[0] for s in sources])), sources)] if sources else []
    if memory is not None and memory.pairs:
        sims = _cosines(q_vec, memory.keys)
        for i in np.argsort(-sims)[:WIDE + 1]:
            if memory.pairs[i][0] != leave_out:
                own.append((float(sims[i]), *memory.pairs[i], "memory"))
    own.sort(key=lambda t: -t[0])
    width = WIDE if request.reasoning else NARROW
    chosen = own[:width]
    knowledge = Knowledge(request.knowledge.codes + (memory.lexicon if memory else []), request.knowledge.today)
    candidates = []
    for _, source_q, source_sql, origin in chosen:
        adaptation = adapt(source_q, source_sql, question, knowledge)
        slot = memory.template_slots.get(template_of(source_sql), -1) if memory and origin == "memory" else -1
        candidates.append(Candidate(normal_sql(adaptation.sql), origin, source_q, adaptation, slot))
    schema_names = sorted({n.lower() for n in request.schema.tables} | request.schema.column_names())
    if not candidates:
        candidates.append(Candidate(guess_query(question, schema_names), "guess", question))
    _describe(candidates[:MAX_CANDIDATES], question, q_vec, embed, schema_names)
    return candidates[:MAX_CANDIDATES]


def _describe(candidates: list[Candidate], question: str, q_vec: np.ndarray, embed: Embedder,
              schema_names: list[str]) -> None:
    masked = embed([masked_question(question)] + [masked_question(c.source_question) for c in candidates])
    source_vecs = embed([c.source_question for c in candidates])
    q_words = content_words(question)
    votes = Counter(c.sql for c in candidates)
    cosines = source_vecs @ q_vec
    ranks = np.argsort(np.argsort(-cosines))
    known = set(schema_names)
    for i, c in enumerate(candidates):
        s_words = content_words(c.source_question)
        used = identifiers(c.sql)
        c.features = np.array([
            float(cosines[i]),
            float(masked[0] @ masked[1 + i]),
            len(q_words & s_words) / max(1, len(q_words | s_words)),
            len(q_words & s_words) / max(1, len(q_words)),
            len(used & known) / max(1, len(used)) if known else 0.0,
            float(bool(known)),
            ranks[i] / max(1, len(candidates)),
            (votes[c.sql] - 1) / max(1, len(candidates)),
            *(c.adaptation.signals() if c.adaptation else [0.0] * N_SIGNALS),
            *[float(c.origin == o) for o in ORIGINS],
        ], dtype=np.float32)
