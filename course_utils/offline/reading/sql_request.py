"""Reading a text-to-SQL request: the question, the schema, the dictionary and the examples.

Like prompt_reader.py for passages and labels, this only splits the prompt into parts; it
decides nothing. It accepts what learners write: a schema as CREATE TABLE statements,
Markdown tables or one-line lists (schema_text.py), examples as "Question: ... SQL: ..."
blocks, fenced queries under a question, or earlier user/assistant turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Sequence

from course_utils.offline.api.protocol import content_text
from course_utils.offline.reading.prompt_reader import FENCED_BLOCK, read_by_rules
from course_utils.offline.sql.adaptation import Knowledge, dictionary_codes
from course_utils.offline.reading.schema_text import SchemaText, read_schema_text
from course_utils.sql_eval import extract_sql
from course_utils.sql_masking import normal_sql

SQL_START = re.compile(r"^\s*(SELECT|WITH)\b", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?(?:example\s*\d*\s*[:.-]?\s*)?(?P<label>question|q|sql|query|a|answer"
                    r"|input|output)(?:\*\*)?\s*\d*\s*[:.)]\s*(?:\*\*)?\s*(?P<rest>.*)$", re.IGNORECASE)
# A request to reason, not the word "reason" alone: a data dictionary may describe a "Return reason" column.
_REASONING = re.compile(r"step[- ]by[- ]step|\bthink\b|\breason (it out|through|about|carefully)\b|\blet'?s reason\b|"
                        r"\b(explain|show) (your|the) (steps|reasoning|work)\b|\bdecompose\b|"
                        r"\bbreak (it|the question) down\b|\bchain of thought\b", re.IGNORECASE)
_MENTIONS_SQL = re.compile(r"\bsql(ite)?\b|\bcreate table\b", re.IGNORECASE)


@dataclass
class SqlRequest:
    """A text-to-SQL request, read."""

    question: str
    schema: SchemaText
    examples: list[tuple[str, str]] = field(default_factory=list)  # (question, sql)
    reasoning: bool = False  # the prompt asks to think step by step / decompose
    knowledge: Knowledge = field(default_factory=Knowledge)
    full_text: str = ""


def sql_of_answer(text: str) -> str | None:
    """The query in an assistant answer (fenced or bare), or None; statements that write are not
    answers to learn from."""
    sql = extract_sql(text)
    return normal_sql(sql) if sql and SQL_START.match(sql) else None


def _query_on_one_line(fenced: re.Match) -> str:
    """A ```sql (or untagged) fenced block as one line of its own; other fenced blocks as they are."""
    if fenced["mark"] == "```" and fenced["tag"].lower() in ("", "sql", "sqlite"):
        return "\n" + normal_sql(fenced["body"]) + "\n"
    return fenced.group(0)


def examples_in_text(text: str) -> list[tuple[str, str]]:
    """(question, sql) pairs written in a prompt: a question line followed by its query."""
    pairs: list[tuple[str, str]] = []
    lines = FENCED_BLOCK.sub(_query_on_one_line, text).split("\n")
    pending: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        labelled = _LABEL.match(line)
        rest = labelled["rest"].strip() if labelled else line
        if SQL_START.match(rest):
            block = [rest]
            while i + 1 < len(lines) and lines[i + 1].strip() and not _LABEL.match(lines[i + 1]):
                i += 1
                block.append(lines[i].strip())
            if pending:
                pairs.append((pending, normal_sql(" ".join(block))))
            pending = None
        elif labelled and labelled["label"].lower() in ("question", "q", "input") and rest:
            pending = rest
        elif line.startswith("--") and len(line) > 3:
            pending = line.lstrip("- ").strip()
        i += 1
    return pairs


def _question(messages: Sequence[dict], read_question: str) -> str:
    """The question asked: the last "Question:" line of the last user message, else the reader's."""
    last_user = next((m for m in reversed(messages) if m.get("role") == "user"), None)
    text = content_text(last_user.get("content")) if last_user else ""
    tagged = re.findall(r"<question>(.*?)</question>", text, re.DOTALL | re.IGNORECASE)
    if tagged:
        return tagged[-1].strip()
    asked = [m["rest"].strip() for m in map(_LABEL.match, text.split("\n"))
             if m and m["label"].lower() in ("question", "q") and m["rest"].strip()]
    question = asked[-1] if asked else read_question
    return re.sub(r"\s*\n\s*(sql|query|answer)\s*:\s*$", "", question.strip(), flags=re.IGNORECASE)


@lru_cache(maxsize=64)
def _schema_of(prompt_text: str) -> tuple[SchemaText, list]:
    """Requests repeat the same schema and dictionary; read each text, and its codes' meanings,
    once (treat both as read-only)."""
    schema = read_schema_text(prompt_text)
    return schema, dictionary_codes(schema.codes)


def read_sql_request(messages: Sequence[dict]) -> SqlRequest | None:
    """The request read as text-to-SQL, or None when it is not one."""
    read = read_by_rules(messages)  # the prompt tagger reads labels and passages, not schemas (yet)
    texts = [content_text(m.get("content")) for m in messages]
    prompt_text = "\n\n".join(t for m, t in zip(messages, texts) if m.get("role") != "assistant")
    turn_examples = [(q, sql) for q, a in read.examples if (sql := sql_of_answer(a))]
    question = _question(messages, read.question)
    # the schema is read without the question, so that requests sharing a schema share the reading
    before, found, after = prompt_text.rpartition(question) if question else ("", "", prompt_text)
    schema, codes = _schema_of(before + after if found else prompt_text)
    if not (schema.tables or turn_examples or _MENTIONS_SQL.search(prompt_text)):
        return None
    idiom_sql = {normal_sql(sql) for _, _, sql in schema.idioms}
    examples = turn_examples + [(q, sql) for q, sql in examples_in_text(prompt_text)
                                if sql not in idiom_sql and q.strip() != question.strip()]
    today = date.fromisoformat(schema.snapshot_date) if schema.snapshot_date else None
    knowledge = Knowledge(codes=codes, today=today)
    return SqlRequest(question, schema, examples, bool(_REASONING.search(prompt_text)), knowledge, read.full_text)
