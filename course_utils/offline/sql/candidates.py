"""How acme-tiny answers a text-to-SQL request: candidates from what it knows, scored by its network.

1. Gather known (question, SQL) pairs: examples in the prompt, the SQL of the dictionary's
   idioms, and, for a fine-tuned model, the pairs it was fine-tuned on (its memory).
2. Keep the ones whose questions are closest to the new one (a wider set when the prompt
   asks to reason step by step) and adapt each to the new question (adaptation.py).
3. Describe every candidate with features (how similar the questions are, with values
   masked as DAIL-SQL does (course_utils/sql_masking.py); how cleanly the adaptation went; whether its names exist in the
   schema given) and let the network score it. Fine-tuning also learns a prototype per
   query template, so domain phrasing maps to the right query shape.
4. Given a schema but no examples and no fine-tuned memory, it carries over queries it saw in
   pre-training on other databases (transfer.py re-links their tables and columns).
5. With nothing to adapt, it guesses a query from the question's words, and fails the way
   a language model fails without a schema: plausible names that do not exist.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date

import numpy as np

from course_utils.offline.model.embedder import Embedder, cosines
from course_utils.offline.reading.sql_request import SqlRequest
from course_utils.offline.reading.words import content_words, words_of
from course_utils.offline.sql.adaptation import N_SIGNALS, SIGNALS, Adaptation, CodeMeaning, Knowledge, adapt
from course_utils.offline.sql.cues import KINDS as CUE_KINDS
from course_utils.offline.sql.cues import agreement, asked
from course_utils.offline.sql.transfer import (CLEARLY_NAMED, Linker, SchemaView, answer_columns, compared_values,
                                               count_twin, fill_names, fill_plain_values, filtered, mention_spans,
                                               names_in_question, plain_values, schema_masked, transfer,
                                               trimmed_values, value_fits, view_of, widened)
from course_utils.sql_masking import LITERAL, masked_question, normal_sql, template_of
from course_utils.sql_mentions import find_numbers

MAX_CANDIDATES = 24
NARROW, WIDE = 6, 20  # sources adapted per request; step-by-step reasoning searches wider
# seen query shapes carried over per request: the cheapest of the counts that cross-validated alike
# over the train practice databases (benchmarks/cv_transfer_scorer.py; figures in benchmarks/RESULTS.md)
TRANSFER_SHAPES = 6
# Whether queries carried over from other databases are also offered when the prompt has examples
# or the model was fine-tuned: off, chosen on splits of train.jsonl (benchmarks/cv_sql_design_choices.py;
# figures in benchmarks/RESULTS.md).
TRANSFER_BESIDE_KNOWN_PAIRS = False
ORIGINS = ("example", "idiom", "memory", "transfer", "guess")
LINK_FEATURES = ("answer_first", "answer_named", "unasked_outputs", "value_fit")  # with a schema alone: link_features
SURFACE_WEIGHT = 0.3  # seen queries are found by 0.3 x question cosine + 0.7 x schema-masked cosine

_SQL_WORDS = frozenset(
    "select from where and or not in is null as on join left right inner outer cross group by order having "
    "limit offset distinct count sum avg min max case when then else end between like union intersect except "
    "all exists asc desc coalesce julianday strftime date datetime cast real integer text round abs ifnull "
    "nullif length lower upper substr replace total over partition using natural with recursive".split())


@dataclass
class CandidateFeatures:
    """What the network's SQL scorer sees of one candidate query.

    `vector()` lays the fields out in this order, the order the committed weights were trained
    on (a new feature goes at the end, with a retrain): one number per field, per kind of cue,
    per adaptation signal, and the origin one-hot."""

    question_cosine: float  # the question's cosine with the question the query was adapted from
    masked_cosine: float  # the same with both questions' values masked (DAIL-SQL)
    shared_words: float  # content words both questions have, of the words either has
    covered_words: float  # content words both questions have, of the question's
    known_names: float  # names the query uses that the schema given has, of all it uses (0 without a schema)
    schema_given: float  # 1 when the prompt gives schema names
    rank: float  # the source question's rank by cosine (0 the closest), over the number of candidates
    votes: float  # other candidates that wrote the same query, over the number of candidates
    link_confidence: float  # a query carried over from another database: how well its names linked
    seen_similarity: float  # and how close its question is, domain words masked (seen_key)
    value_count_gap: float  # values the question gives against values the query compares with (up to 3, / 3)
    named_used: float  # how clearly the question names what the query uses (mean; with a linked schema)
    named_left_out: float  # the clearest name the question gives that the query leaves out
    answer_first: float  # the four LINK_FEATURES, with a schema alone (link_features); else 0
    answer_named: float
    unasked_outputs: float
    value_fit: float
    cues: tuple[float, ...]  # per kind of operation (cues.KINDS): +1 asked not done, -1 done not asked, 0 agreed
    adaptation: tuple[float, ...]  # how the adaptation went (adaptation.SIGNALS)
    origin: str  # where the query came from: one of ORIGINS

    def vector(self) -> np.ndarray:
        """The scorer's input: (SQL_FEATURES,) float32, named by FEATURE_NAMES."""
        numbers = [getattr(self, name) for name in SCALAR_FEATURES]
        numbers += [*self.cues, *self.adaptation, *(float(self.origin == o) for o in ORIGINS)]
        return np.array(numbers, dtype=np.float32)


SCALAR_FEATURES = tuple(f.name for f in fields(CandidateFeatures) if f.name not in ("cues", "adaptation", "origin"))
FEATURE_NAMES = (*SCALAR_FEATURES, *(f"cue_{kind}" for kind in CUE_KINDS),
                 *(f"adaptation_{signal}" for signal in SIGNALS), *(f"origin_{origin}" for origin in ORIGINS))
SQL_FEATURES = len(FEATURE_NAMES)


@dataclass
class Candidate:
    """One query the model may write, and where it came from."""

    sql: str
    origin: str
    source_question: str
    adaptation: Adaptation | None = None
    template_slot: int = -1  # the fine-tuned prototype of its query template, if any
    link_confidence: float = 0.0  # for a query carried over from another schema: how well it linked
    seen_similarity: float = 0.0  # and how close its question is, domain words masked (seen_key)
    renames: list[str] = field(default_factory=list)  # "book -> artwork", for the reasoning steps
    source_vector: np.ndarray | None = None  # the source question's embedding, when the model stores it
    features: np.ndarray = field(default_factory=lambda: np.zeros(SQL_FEATURES, dtype=np.float32))

    def answer_text(self, reasoning: bool) -> str:
        """What the model writes: the query, or its steps and then the query."""
        if not reasoning:
            return self.sql
        steps = [f"Step 1: the closest question I know is: \"{self.source_question}\"."]
        changes = self.renames + (self.adaptation.steps if self.adaptation else [])
        steps.append("Step 2: what changes: " + ("; ".join(changes) if changes else "nothing") + ".")
        steps.append(f"Step 3: the query:\n```sql\n{self.sql}\n```")
        return "\n".join(steps)


def shape_of(sql: str) -> str:
    """A query with its names and values masked: what stays when it moves to another schema."""
    return re.sub(r"[A-Za-z_]\w*", lambda m: m.group(0) if m.group(0).lower() in _SQL_WORDS else "x",
                  template_of(sql))


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
    """What fine-tuning stored: training pairs, their question vectors, a lexicon of codes, and
    the date it takes for today."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    keys: np.ndarray | None = None  # (len(pairs), D) question embeddings
    template_slots: dict[str, int] = field(default_factory=dict)
    lexicon: list[CodeMeaning] = field(default_factory=list)
    today: date | None = None  # the latest date its queries name (adaptation.latest_date)


@dataclass
class SeenQueries:
    """What pre-training showed the base model: questions and queries on other databases."""

    pairs: list[tuple[str, str, str]]  # (question, sql, database)
    views: dict[str, SchemaView]  # database -> its schema
    keys: np.ndarray  # (len(pairs), 2D): question vector and schema-masked vector, weighted
    said: list[dict[str, float]]  # per pair: how clearly its question names each table and column

    def question_vector(self, i: int) -> np.ndarray:
        """Pair i's question embedding, recovered from the first half of its key."""
        return self.keys[i, :self.keys.shape[1] // 2] / np.sqrt(SURFACE_WEIGHT)


def seen_key(question: str, view: SchemaView, embed: Embedder) -> np.ndarray:
    """One search key per question; the dot product of two keys mixes their plain and
    schema-masked cosines (SURFACE_WEIGHT : 1 - SURFACE_WEIGHT)."""
    plain, masked = embed([question, schema_masked(question, view)])
    return np.concatenate([np.sqrt(SURFACE_WEIGHT) * plain, np.sqrt(1 - SURFACE_WEIGHT) * masked])


def _transferred(request: SqlRequest, target: SchemaView, seen: SeenQueries, embed: Embedder, n_shapes: int,
                 knowledge: Knowledge, named: dict[str, float]) -> list[Candidate]:
    """Queries seen on other databases, re-linked to the request's schema; each also with the
    columns the question clearly names added to its output, when it lists rows (widened),
    counted or listed when the question asks the other way (count_twin), and filtered on a
    value of the question it does not use (filtered)."""
    own_tables = set(target.columns)
    wants_count = "count" in asked(request.question)
    values = plain_values(request.question, target)
    given = names_in_question(request.question) + values  # every value the question gives, for `filtered`
    sims = seen.keys @ seen_key(request.question, target, embed)
    link, out, shapes = Linker(embed), [], set()
    for i in np.argsort(-sims):
        source_q, source_sql, db = seen.pairs[i]
        if len(shapes) == n_shapes:
            break
        # one pair per query shape: paraphrases of one question would crowd out other shapes
        shape = shape_of(source_sql)
        if set(seen.views[db].columns) == own_tables or shape in shapes:
            continue
        shapes.add(shape)
        for moved in transfer(source_q, source_sql, seen.views[db], request.question, target, link,
                              said=seen.said[i])[:2]:
            adaptation = adapt(source_q, moved.sql, request.question, knowledge)
            adaptation.sql, filled = fill_names(adaptation.sql, source_q, request.question)
            adaptation.sql, plain = fill_plain_values(adaptation.sql, request.question, target, values)
            adaptation.sql = trimmed_values(adaptation.sql, target)
            adaptation.unresolved = max(0, adaptation.unresolved - filled - plain)
            adaptation.changed += filled + plain
            twin = count_twin(adaptation.sql, target, wants_count)  # listed rows counted, or counted ones listed
            # the listing (the query's own, or its twin's) with the columns the question asks for too
            wider = widened(adaptation.sql, target, request.question, link) or (
                twin and widened(twin, target, request.question, link))
            narrower = filtered(adaptation.sql, target, given, link)  # a value the query leaves out, filtered on
            for sql in [adaptation.sql] + [q for q in (wider, twin, narrower) if q]:
                out.append(Candidate(normal_sql(sql), "transfer", source_q, adaptation,
                                     link_confidence=moved.confidence, seen_similarity=float(sims[i]),
                                     renames=moved.renames, source_vector=seen.question_vector(i)))
    return out


def gather_candidates(request: SqlRequest, embed: Embedder, memory: SqlMemory | None = None,
                      leave_out: str | None = None, seen: SeenQueries | None = None) -> list[Candidate]:
    """Adapt the closest known pairs to the question and describe each result for the network.

    leave_out: a question whose own pair in the memory must not be used (training)."""
    question = request.question
    # Queries seen on other databases are the fallback when the prompt gives no examples and the
    # model was not fine-tuned (TRANSFER_BESIDE_KNOWN_PAIRS; benchmarks/cv_sql_design_choices.py).
    transferring = (seen is not None and request.schema.tables
                    and (TRANSFER_BESIDE_KNOWN_PAIRS or not (request.examples or (memory and memory.pairs))))
    target = view_of(request.schema) if transferring else None
    # Every text this request embeds for its question, in one batch: one call costs about as much
    # as five more texts in it, so the look-ups below find these in the embedder's cache.
    texts = [question, masked_question(question)]
    if target is not None:  # and the values it gives, which carried-over queries filter on
        texts += [schema_masked(question, target), *mention_spans(question),
                  *names_in_question(question), *plain_values(question, target)]
    q_vec = embed(texts)[0]
    sources: list[tuple[str, str, str]] = [(q, sql, "example") for q, sql in request.examples]
    sources += [(f"{title}: {text}", " ".join(sql.split()), "idiom") for title, text, sql in request.schema.idioms]
    source_vecs = embed([s[0] for s in sources])
    own = [(float(c), *s, v) for c, s, v in zip(cosines(source_vecs, q_vec), sources, source_vecs)]
    if memory is not None and memory.pairs:
        sims = cosines(memory.keys, q_vec)
        for i in np.argsort(-sims)[:WIDE + 1]:
            if memory.pairs[i][0] != leave_out:
                own.append((float(sims[i]), *memory.pairs[i], "memory", memory.keys[i]))
    own.sort(key=lambda t: -t[0])
    width = WIDE if request.reasoning else NARROW
    chosen = own[:width]
    # a prompt that states today's date overrides the date fine-tuning implies
    knowledge = Knowledge(request.knowledge.codes + (memory.lexicon if memory else []),
                          request.knowledge.today or (memory.today if memory else None))
    candidates = []
    for _, source_q, source_sql, origin, vector in chosen:
        adaptation = adapt(source_q, source_sql, question, knowledge)
        slot = memory.template_slots.get(template_of(source_sql), -1) if memory and origin == "memory" else -1
        candidates.append(Candidate(normal_sql(adaptation.sql), origin, source_q, adaptation, slot,
                                    source_vector=vector))
    named = _named(question, target, embed) if target is not None else {}
    first = Linker(embed).first_named(question, list(target.columns)) if target is not None else None
    if target is not None:
        n_shapes = WIDE if request.reasoning else TRANSFER_SHAPES
        candidates += _transferred(request, target, seen, embed, n_shapes, knowledge, named)
    schema_names = sorted({n.lower() for n in request.schema.tables} | request.schema.column_names())
    if not candidates:
        candidates.append(Candidate(guess_query(question, schema_names), "guess", question, source_vector=q_vec))
    _describe(candidates[:MAX_CANDIDATES], question, q_vec, embed, schema_names, named, target, first)
    return candidates[:MAX_CANDIDATES]


def _named(question: str, target: SchemaView, embed: Embedder) -> dict[str, float]:
    """How clearly the question names each table and non-key column of the schema (0..1)."""
    names = list(dict.fromkeys([*target.columns, *(c for (t, c), kind in target.kinds.items() if kind != "key")]))
    return dict(zip(names, np.clip(Linker(embed).mention(question, names), 0, 1).tolist()))


def _describe(candidates: list[Candidate], question: str, q_vec: np.ndarray, embed: Embedder,
              schema_names: list[str], named: dict[str, float], target: SchemaView | None = None,
              first: str | None = None) -> None:
    """Fill each candidate's feature vector (CandidateFeatures).

    named: how clearly the question names each schema name, when the schema was linked; then
    a query scores by how much of what it uses the question names (named_used), and by the
    clearest name the question gives that the query leaves out (named_left_out)."""
    source_vecs = source_vectors(candidates, embed)
    if target is not None:  # the values the queries compare with, in one embedder call (link_features)
        embed(list(dict.fromkeys(v for c in candidates for _, _, v in compared_values(c.sql, target))))
    masked = _masked_vectors(question, candidates, source_vecs, embed)
    q_words = content_words(question)
    votes = Counter(c.sql for c in candidates)
    similarity = source_vecs @ q_vec
    given = len(find_numbers(question)) + len(names_in_question(question))  # values the question gives
    ranks = np.argsort(np.argsort(-similarity))
    known = set(schema_names)
    n = max(1, len(candidates))
    for i, c in enumerate(candidates):
        s_words = content_words(c.source_question)
        used = identifiers(c.sql)
        covered = [v for name, v in named.items() if name in used]
        ignored = [v for name, v in named.items() if name not in used]
        links = link_features(c.sql, target, named, first, embed) if target is not None else [0.0] * len(LINK_FEATURES)
        c.features = CandidateFeatures(
            question_cosine=float(similarity[i]),
            masked_cosine=float(masked[0] @ masked[1 + i]),
            shared_words=len(q_words & s_words) / max(1, len(q_words | s_words)),
            covered_words=len(q_words & s_words) / max(1, len(q_words)),
            known_names=len(used & known) / max(1, len(used)) if known else 0.0,
            schema_given=float(bool(known)),
            rank=ranks[i] / n,
            votes=(votes[c.sql] - 1) / n,
            link_confidence=c.link_confidence,
            seen_similarity=c.seen_similarity,
            value_count_gap=min(abs(given - _literal_count(c.sql)), 3) / 3,
            named_used=float(np.mean(covered)) if covered else 0.0,
            named_left_out=max(ignored, default=0.0),
            **dict(zip(LINK_FEATURES, links)),
            cues=tuple(agreement(question, c.sql)),
            adaptation=tuple(c.adaptation.signals() if c.adaptation else [0.0] * N_SIGNALS),
            origin=c.origin,
        ).vector()


def link_features(sql: str, view: SchemaView, named: dict[str, float], first: str | None,
                  embed: Embedder) -> list[float]:
    """How well a query carried over to `view` fits what the question names (LINK_FEATURES):

    answer_first: the query answers from the table the question names first (`first`,
        Linker.first_named): "Which *artists* have works in bronze?" reads artist, not artwork.
    answer_named: how clearly the question names that table, against the table it names most clearly.
    unasked_outputs: outputs that are neither their table's display column nor named by the question (of 3).
    value_fit: for each `column = 'value'`, the embedder's cosine of the value with the column's
        name against the best other text column of its table ("bronze" fits medium, not title)."""
    answers = answer_columns(sql, view)
    tables = [named.get(t, 0.0) for t in view.columns]
    answer = answers[0][0] if answers else None
    answer_named = named.get(answer, 0.0) - max(tables) if answer and tables else 0.0
    unasked = sum(1 for table, column in answers
                  if column and column != view.display_column(table) and named.get(column, 0.0) < CLEARLY_NAMED)
    fits = []
    for table, column, value in compared_values(sql, view):
        fit = value_fits(value, table, view, embed)
        others = [f for c, f in fit.items() if c != column]
        if column in fit and others:
            fits.append(fit[column] - max(others))
    return [float(answer is not None and answer == first), answer_named, min(unasked, 3) / 3,
            float(np.mean(fits)) if fits else 0.0]


def _masked_vectors(question: str, candidates: list[Candidate], source_vecs: np.ndarray, embed: Embedder) -> np.ndarray:
    """Vectors of the masked question (row 0) and of each candidate's masked source question. A
    source question with nothing to mask is its own masked text, so its vector serves as it is."""
    masked = [masked_question(c.source_question) for c in candidates]
    fresh = iter(embed([masked_question(question)] + [m for m, c in zip(masked, candidates) if m != c.source_question]))
    first = next(fresh)
    return np.stack([first] + [v if m == c.source_question else next(fresh)
                               for m, c, v in zip(masked, candidates, source_vecs)])


def source_vectors(candidates: list[Candidate], embed: Embedder) -> np.ndarray:
    """The embeddings of the candidates' source questions: stored ones as they are, the rest embedded."""
    missing = embed([c.source_question for c in candidates if c.source_vector is None])
    fresh = iter(missing)
    return np.stack([c.source_vector if c.source_vector is not None else next(fresh) for c in candidates])


def _literal_count(sql: str) -> int:
    """Values a query compares with, outside IN (...) lists (those are logic, not asks)."""
    return len(LITERAL.findall(re.sub(r"\bIN\s*\([^()]*\)", "", sql, flags=re.IGNORECASE)))
