"""Writing SQL for a new question by adapting a known (question, SQL) pair.

This is how acme-tiny writes SQL: it cannot spell table names or compose joins from
scratch, but it can take a query that answered a similar question and change what the new
question changes. Every literal of the known query is traced back to where it came from:

- a date, or a year, or a quarter number, that follows from a time period the question
  names ("fiscal 2022" -> '2022-02-01' ... '2023-01-31'): shifted by the months between the
  old period and the new one, so the calendar convention is *learned from the example*;
- a number the question says ("top 3"): replaced by the new question's number;
- a value the question quotes ("in Greece" -> 'Greece'): replaced by the new question's
  phrase in the same place;
- a code the question implies ("retail stores" -> 'RTL'): replaced by the code whose
  meaning best fits the new question, with meanings from the data dictionary in the prompt
  or from a lexicon learned by fine-tuning;
- anything else ('CNL' in a status filter, 100.0 in a percentage) is part of the query's
  logic and stays.

Comparisons and superlatives follow the new question's direction: "above average" after
"below average" turns < into >, "the oldest" after "the newest" turns a descending order round.

`adapt` returns the new query and how sure each step was; the network (candidates.py) weighs
those signals to choose between candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from course_utils.offline.reading.words import STOP_WORDS, content_words, words_of
from course_utils.sql_masking import LITERAL
from course_utils.sql_mentions import (TimeMention, find_numbers, find_time_mentions, months_between,
                                       resolve, shift_date)

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YEAR_PREFIX = re.compile(r"^(\d{4})([-\d]*%)$")  # LIKE '2022%', '2022-%' or '2022-03%'
_EDGE_WORDS = STOP_WORDS  # no value starts or ends with one of these


@dataclass
class CodeMeaning:
    """A code the SQL may use, and what it means in words (from a dictionary or learned)."""

    code: str
    column: str  # "table.column" or "" when unknown; codes of one column form a family
    words: dict[str, float]  # meaning words and their weights


@dataclass
class Knowledge:
    """What the model knows besides the pair it adapts: codes, and today's date."""

    codes: list[CodeMeaning] = field(default_factory=list)
    today: date | None = None

    def family_of(self, code: str) -> list[CodeMeaning]:
        """Codes of the same column as `code` (all columns it appears in)."""
        columns = {c.column for c in self.codes if c.code == code}
        return [c for c in self.codes if c.column in columns]


@dataclass
class Adaptation:
    """A query adapted to a new question, with what each step found."""

    sql: str
    changed: int = 0  # literals rewritten
    kept_derived: int = 0  # literals derived from the old question that the new one did not change
    unresolved: int = 0  # derived literals the new question gave no counterpart for
    time_mismatch: bool = False  # periods of different kinds (a year vs a quarter)
    steps: list[str] = field(default_factory=list)  # human-readable notes, for step-by-step answers

    def signals(self) -> list[float]:
        """How the adaptation went, as numbers for the scorer (SIGNALS, in order)."""
        return [min(self.changed, 4) / 4, min(self.kept_derived, 4) / 4, min(self.unresolved, 3) / 3,
                float(self.time_mismatch)]


SIGNALS = ("changed", "kept_derived", "unresolved", "time_mismatch")
N_SIGNALS = len(SIGNALS)


# --------------------------------------------------------------------------------------
# Time periods


def year_start_month(question: str, sql: str) -> int:
    """The month a year starts in, as the example shows it ('2024-02-01' for "FY2024" -> 2)."""
    years = [m.year for m in find_time_mentions(question) if m.kind == "year" and m.year]
    for literal in LITERAL.findall(sql):
        found = ISO_DATE.match(literal.strip("'"))
        if found and years and int(found[1]) == years[0] and found[3] == "01":
            return int(found[2])
    return 1


def latest_date(queries: Iterable[str]) -> date | None:
    """The latest date any of the queries names. For a model fine-tuned on them it stands for
    today, as a language model takes the present to be about its training cutoff: "this year"
    is then the last year its training questions asked about."""
    dates = [_date_of(literal.strip("'")) for sql in queries for literal in LITERAL.findall(sql)]
    return max((d for d in dates if d), default=None)


def _date_of(text: str) -> date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # '2023-02-30'
        return None


def _absolute(mentions: list[TimeMention], today: date | None, start_month: int) -> list[TimeMention]:
    out = []
    for m in mentions:
        if m.relative:
            if today is None:
                continue
            m = resolve(m, today, start_month)
        out.append(m)
    return out


def _shift_for(literal_year: int, source: list[TimeMention], target: list[TimeMention]) -> int | None:
    """Months to shift a date literal of `literal_year`: from the pair of periods it belongs to."""
    if not source or len(source) != len(target):
        return None
    # the source period closest in time to the literal (a fiscal year ends in the next calendar year)
    k = min(range(len(source)), key=lambda i: (abs(literal_year - (source[i].year or 0)),
                                               literal_year < (source[i].year or 0)))
    return months_between(source[k], target[k])


# --------------------------------------------------------------------------------------
# Values quoted in the question


def _spans(question: str, max_words: int = 4) -> list[tuple[str, int, int]]:
    """Every run of 1..max_words words of the question: (text, start, end); a possessive 's
    is not part of a word ("Sara Weber's works")."""
    tokens = []
    for m in re.finditer(r"[\w'&.-]+", question):
        word = m.group(0).rstrip(".")
        tokens.append((word, m.start(), m.start() + len(word) - 2 * word.endswith("'s")))
    spans = []
    for i in range(len(tokens)):
        for j in range(i, min(len(tokens), i + max_words)):
            start, end = tokens[i][1], tokens[j][2]
            spans.append((question[start:end].strip(".'"), start, end))
    return spans


def _context(question: str, start: int, end: int, width: int = 2) -> tuple[list[str], list[str]]:
    return words_of(question[:start])[-width:], words_of(question[end:])[:width]


def find_value(value: str, question: str) -> re.Match | None:
    """Where a question says a value as a whole word; short upper-case codes ('A', 'LOC') must
    match their case, or every "a" and "local" would count."""
    short_code = len(value) <= 4 and value.isupper()
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", question, 0 if short_code else re.IGNORECASE)


def aligned_value(value: str, source_q: str, target_q: str) -> tuple[str, float] | None:
    """The phrase of target_q that plays the part `value` plays in source_q, and how sure."""
    said = find_value(value, source_q)
    if said is None:
        return None
    at = said.start()
    if same := find_value(value, target_q):
        return same.group(0), 1.0
    left, right = _context(source_q, at, at + len(value))
    source_words = set(words_of(source_q))
    capitalised = value[:1].isupper()
    best, best_score = None, 0.0
    for text, start, end in _spans(target_q, max(3, len(value.split()) + 1)):
        words = words_of(text)
        if not words or all(w in source_words or w in STOP_WORDS for w in words):
            continue
        if not _value_like(target_q, start, end):
            continue
        t_left, t_right = _context(target_q, start, end)
        score = (len(set(left) & set(t_left)) + len(set(right) & set(t_right))) / max(1, len(left) + len(right))
        score += 0.3 * (text[:1].isupper() == capitalised) - 0.1 * abs(len(text.split()) - len(value.split()))
        score += 0.2 * _whole_name(target_q, start, end) if capitalised else 0.0
        if score > best_score:
            best, best_score = text, score
    return (best, min(1.0, best_score)) if best and best_score >= 0.5 else None


def _value_like(question: str, start: int, end: int) -> bool:
    """Whether a span could be a value: it neither starts nor ends with a function word ("of
    remote", "eggs has"), it is no part of a time period ("March 2024": dates have their own
    rules), and it is not a lone word capitalised only because it opens a sentence ("Give the titles")."""
    words = question[start:end].split()
    if {words[0].lower(), words[-1].lower()} & _EDGE_WORDS:
        return False
    if any(m.start < end and start < m.end for m in find_time_mentions(question)):
        return False
    return not (opens_sentence(question, start) and len(words) == 1 and words[0][:1].isupper())


def opens_sentence(text: str, at: int) -> bool:
    """Whether position `at` starts a sentence of text, where any word is capitalised."""
    return re.search(r"(^|[.?!:]\s)\s*$", text[:at]) is not None


def _whole_name(question: str, start: int, end: int) -> float:
    """+1 when the span is a whole capitalised name ("Print Room"), -1 when it cuts one."""
    before = re.search(r"([A-Z][\w'&.-]*)\s+$", question[:start])
    after = re.match(r"\s+([A-Z][\w'&.-]*)", question[end:])
    if not question[start:start + 1].isupper():
        return 0.0
    return -1.0 if (before and before.start() > 0) or after else 1.0


# --------------------------------------------------------------------------------------
# Codes


def _matches(word: str, question_words: set[str]) -> bool:
    """A meaning word is in the question, or one is a prefix of the other ("web" / "website")."""
    return word in question_words or any(len(q) >= 3 and (word.startswith(q) or q.startswith(word))
                                         for q in question_words if len(word) >= 3)


def code_evidence(meaning: CodeMeaning, question_words: set[str]) -> float:
    """How strongly the question's words point to this code (0 = not at all)."""
    total = sum(meaning.words.values()) or 1.0
    return sum(w for word, w in meaning.words.items() if _matches(word, question_words)) / total


def dictionary_codes(codes) -> list[CodeMeaning]:
    """CodeMeanings from a dictionary's (code, meaning, column) entries: words shared by
    several codes of a family ("Acme" in "Acme retail stores") weigh less."""
    out = []
    for code in codes:
        out.append(CodeMeaning(code.code, code.column, {w: 1.0 for w in content_words(code.meaning)}))
    for meaning in out:
        family = [m for m in out if m.column == meaning.column]
        for word in meaning.words:
            meaning.words[word] = 1.0 / sum(word in m.words for m in family)
    return out


def best_code(code: str, question: str, knowledge: Knowledge) -> tuple[str, float, float] | None:
    """(best code of the family for the question, its evidence, the old code's evidence)."""
    family = knowledge.family_of(code)
    if len(family) < 2:
        return None
    q_words = content_words(question) | {w.lower() for w in re.findall(r"\b[A-Z][A-Z0-9_]+\b", question)}
    scored = [(code_evidence(m, q_words) + (1.0 if m.code.lower() in q_words else 0.0), m.code) for m in family]
    own = max((s for s, c in scored if c == code), default=0.0)
    evidence, winner = max(scored)
    return winner, evidence, own


# --------------------------------------------------------------------------------------
# The whole query


def adapt(source_q: str, source_sql: str, question: str, knowledge: Knowledge | None = None) -> Adaptation:
    """Rewrite source_sql (which answers source_q) so that it answers `question`."""
    knowledge = knowledge or Knowledge()
    start_month = year_start_month(source_q, source_sql)
    src_times = _absolute(find_time_mentions(source_q), knowledge.today, start_month)
    new_times = _absolute(find_time_mentions(question), knowledge.today, start_month)
    src_numbers = [v for v, _, _ in find_numbers(source_q)]
    new_numbers = [v for v, _, _ in find_numbers(question)]
    result = Adaptation(sql=source_sql)
    if src_times and new_times and [m.kind for m in src_times] != [m.kind for m in new_times]:
        result.time_mismatch = True

    def rewrite(match: re.Match) -> str:
        literal = match.group(0)
        new = _adapt_literal(literal, source_q, question, src_times, new_times, src_numbers, new_numbers,
                             knowledge, result)
        if new != literal:
            result.changed += 1
            result.steps.append(f"{literal} -> {new}")
        return new

    lists = [m.span() for m in re.finditer(r"\bIN\s*\([^()]*\)", source_sql, re.IGNORECASE)]

    def rewrite_outside_lists(match: re.Match) -> str:
        # the codes of an IN (...) list are the query's logic ('CNL', 'RTN'), not what is asked
        inside = any(start <= match.start() < end for start, end in lists)
        return match.group(0) if inside and match.group(0).startswith("'") else rewrite(match)

    result.sql = LITERAL.sub(rewrite_outside_lists, source_sql)
    _follow_directions(source_q, question, result)
    return result


# --------------------------------------------------------------------------------------
# Directions: "above" vs "below", "the latest" vs "the earliest"

_GREATER = re.compile(r"\b(?:more|over|above|greater|higher|exceed\w*|after|later|beyond|at least|bigger|larger|"
                      r"longer)\b", re.IGNORECASE)
_LESS = re.compile(r"\b(?:less|fewer|under|below|lower|before|earlier|at most|smaller|shorter|cheaper)\b", re.IGNORECASE)
_LARGEST = re.compile(r"\b(?:latest|newest|youngest|most recent|highest|largest|most|biggest|greatest|longest|top|"
                      r"maximum|hottest|warmest|heaviest|busiest|priciest|dearest)\b", re.IGNORECASE)
_SMALLEST = re.compile(r"\b(?:earliest|oldest|lowest|smallest|least|fewest|cheapest|shortest|minimum|coldest|"
                       r"lightest)\b", re.IGNORECASE)
_COMPARISON = re.compile(r"(?<![<>!])(>=|<=|>|<)(?![>=])")
_FIRST_ORDER_KEY = re.compile(r"(\bORDER\s+BY\s+.+?)(\s+(?:ASC|DESC))?(?=\s*,|\s+LIMIT\b)", re.IGNORECASE)


def _direction(question: str, up: re.Pattern, down: re.Pattern) -> int:
    """+1 if the question's words point only up, -1 if only down, 0 if neither or both."""
    found = {1 for _ in up.finditer(question)} | {-1 for _ in down.finditer(question)}
    return found.pop() if len(found) == 1 else 0


def _follow_directions(source_q: str, question: str, result: Adaptation) -> None:
    """Turn the query's comparisons and its superlative round when the new question points the
    other way: "more than 30" -> "fewer than 30" turns > into <; "the oldest" after "the newest"
    turns ORDER BY ... DESC LIMIT 1 into ascending order and MAX into MIN. Literals are left alone."""
    bare = LITERAL.sub(lambda m: "'" + "_" * (len(m.group(0)) - 2) + "'" if m.group(0).startswith("'") else m.group(0),
                       result.sql)  # same length, no operators or keywords inside strings
    old, new = _direction(source_q, _GREATER, _LESS), _direction(question, _GREATER, _LESS)
    operators = {m.group(1).rstrip("=") for m in _COMPARISON.finditer(bare)}
    if old and new and old != new and len(operators) == 1:
        flip = {">": "<", "<": ">", ">=": "<=", "<=": ">="}
        spans = [m.span(1) for m in _COMPARISON.finditer(bare)]
        for start, end in reversed(spans):
            result.sql = result.sql[:start] + flip[result.sql[start:end]] + result.sql[end:]
        result.changed += 1
        result.steps.append("the comparison turned round")
    old, new = _direction(source_q, _LARGEST, _SMALLEST), _direction(question, _LARGEST, _SMALLEST)
    if old and new and old != new and re.search(r"\bLIMIT\b|\bMAX\(|\bMIN\(", bare, re.IGNORECASE):
        key = _FIRST_ORDER_KEY.search(bare)
        if key:
            desc = (key.group(2) or "").strip().upper() == "DESC"
            at = key.end(1)
            result.sql = result.sql[:at] + ("" if desc else " DESC") + result.sql[key.end():]
        else:
            result.sql = re.sub(r"\b(MAX|MIN)\(", lambda m: ("MIN(" if m.group(1).upper() == "MAX" else "MAX("),
                                result.sql, flags=re.IGNORECASE)
        result.changed += 1
        result.steps.append("the superlative turned round")


def _adapt_literal(literal, source_q, question, src_times, new_times, src_numbers, new_numbers,
                   knowledge: Knowledge, result: Adaptation) -> str:
    quoted = literal.startswith("'")
    text = literal[1:-1].replace("''", "'") if quoted else literal

    def derived(new_text: str | None) -> str:
        """The rewritten literal, counting what happened."""
        if new_text is None:
            result.unresolved += 1
            return literal
        if new_text == text:
            result.kept_derived += 1
            return literal
        return "'" + new_text.replace("'", "''") + "'" if quoted else new_text

    if (found := ISO_DATE.match(text)) and src_times:
        months = _shift_for(int(found[1]), src_times, new_times)
        return derived(None if months is None else shift_date(text, months))
    if (found := YEAR_PREFIX.match(text)) and src_times:
        months = _shift_for(int(found[1]), src_times, new_times)
        if months is not None and (month := re.match(r"-(\d{2})%$", found[2])):  # '2024-05%': the month moves too
            return derived(shift_date(f"{found[1]}-{month[1]}-01", months)[:7] + "%")
        return derived(None if months is None else f"{int(found[1]) + months // 12}{found[2]}")
    if not quoted and re.fullmatch(r"\d{4}", text) and any(m.year == int(text) for m in src_times):
        months = _shift_for(int(text), src_times, new_times)
        return derived(None if months is None else str(int(text) + months // 12))
    if not quoted and re.fullmatch(r"[1-4]", text) and any(m.quarter == int(text) for m in src_times):
        k = next(i for i, m in enumerate(src_times) if m.quarter == int(text))
        ok = k < len(new_times) and new_times[k].quarter
        return derived(str(new_times[k].quarter) if ok else None)
    if not quoted and _is_number(text) and float(text) in src_numbers:
        k = src_numbers.index(float(text))
        if k < len(new_numbers) and len(new_numbers) == len(src_numbers):
            return derived(_format_number(new_numbers[k], text))
        return derived(None)
    if quoted and text and find_value(text, source_q):
        aligned = aligned_value(text, source_q, question)
        return derived(aligned[0] if aligned else None)
    if quoted and text:
        choice = best_code(text, source_q, knowledge)
        if choice and choice[0] == text and choice[1] > 0:  # the old question asked for this code
            new_choice = best_code(text, question, knowledge)
            if new_choice and new_choice[1] > new_choice[2]:
                return derived(new_choice[0])
            return derived(text if new_choice and new_choice[2] > 0 else None)
    return literal


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def _format_number(value: float, like: str) -> str:
    return str(int(value)) if "." not in like and float(value).is_integer() else str(value)
