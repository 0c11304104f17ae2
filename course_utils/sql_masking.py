"""Masking the values of a question and the literals of a query, as DAIL-SQL compares them.

Two questions of one intent differ in their values ("in FY2024", "over 500"), and their
queries only in literals. DAIL-SQL (Gao et al. 2023) chooses few-shot examples by comparing
questions with those values masked, and queries by their skeleton (course_utils.sql_prompts):

    masked_question("Orders in FY2024 over 500?")        -> "Orders in <period> over <number>?"
    template_of("SELECT id FROM ord WHERE amt > 500 ;")   -> "SELECT id FROM ord WHERE amt > ?"

The offline model compares questions and queries the same way (offline/sql/candidates.py).
"""

from __future__ import annotations

import re

from course_utils.sql_mentions import find_numbers, find_time_mentions

# A literal in SQL: a quoted string, or a bare number that is not part of a name (T1, PLUS5).
LITERAL = re.compile(r"'(?:[^']|'')*'|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def normal_sql(sql: str) -> str:
    """One line, no trailing semicolon: the form queries are compared and written in."""
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").strip()


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
