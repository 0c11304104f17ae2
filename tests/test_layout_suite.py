"""The layout suite (tests/layout_suite.py) is well formed: enough layouts per task, valid messages that
carry all their material and the question verbatim, none equal to the course's own templates and no two
alike. Builds messages only: no model is called."""

from __future__ import annotations

import json

import pytest

from course_utils import datasets
from course_utils.sql import table_names
from course_utils.ticket_prompts import LAYOUTS as COURSE_TICKET_LAYOUTS
from course_utils.ticket_prompts import ticket_messages
from layout_suite import (CLASSIFY_LAYOUTS, COURSE_TEMPLATES, QA_LAYOUTS, SQL_LAYOUTS,
                          SQL_LAYOUTS_WITHOUT_DICTIONARY)

MIN_LAYOUTS = 22
ROLES = {"system", "user", "assistant"}


def _blob(messages: list[dict]) -> str:
    return "\n\n".join(message["content"] for message in messages)


def _verbatim(needle: str, haystack: str) -> bool:
    """The text as it is, or as a JSON string (for the layouts that send JSON)."""
    return needle in haystack or json.dumps(needle, ensure_ascii=False)[1:-1] in haystack


def _appears(needle: str, haystack: str) -> bool:
    """Material may be re-flowed (one line in a table, indented under a YAML key): compare it verbatim,
    as a JSON string, or with every run of whitespace made one space."""
    needle = needle.strip()
    return _verbatim(needle, haystack) or " ".join(needle.split()) in " ".join(haystack.split())


# ---------------------------------------------------------------------------------------------
# One real item per task

@pytest.fixture(scope="module")
def qa_items():
    """An answerable question with its two documents, and an unanswerable one with unrelated documents."""
    docs = {doc["id"]: doc["body"] for doc in datasets.load_kb_docs()}
    qa = datasets.load_kb_qa()
    answerable = next(item for item in qa if len(item["doc_ids"]) == 2)
    unanswerable = next(item for item in qa if item["answer"] is None)
    return [(answerable["question"], [docs[d] for d in answerable["doc_ids"]]),
            (unanswerable["question"], [docs[d] for d in sorted(docs)[:3]])]


@pytest.fixture(scope="module")
def classify_item():
    tickets = datasets.load_tickets("train")
    labels = datasets.load_ticket_labels()
    multi_line = [t for t in tickets if "\n" in t["text"]]
    text = multi_line[0]["text"]  # a ticket with line breaks, which layouts must keep
    examples = [(t["text"], t["label"]) for t in [multi_line[1]] + tickets[:4]]
    return text, labels, examples


@pytest.fixture(scope="module")
def sql_item():
    questions = datasets.load_acme_questions("train")
    dictionary = datasets.ACME_DICTIONARY.read_text(encoding="utf-8")
    examples = [{"question": q["question"], "sql": q["sql"]} for q in questions[1:4]]
    return questions[0]["question"], datasets.ACME_DB, dictionary, examples


@pytest.fixture(scope="module")
def built(qa_items, classify_item, sql_item):
    """Every layout's messages for the items above, per task."""
    return {
        "qa": [{name: fn(*item) for name, fn in QA_LAYOUTS.items()} for item in qa_items],
        "classify": [{name: fn(*classify_item) for name, fn in CLASSIFY_LAYOUTS.items()}],
        "sql": [{name: fn(*sql_item) for name, fn in SQL_LAYOUTS.items()}],
    }


# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layouts", [QA_LAYOUTS, CLASSIFY_LAYOUTS, SQL_LAYOUTS], ids=["qa", "classify", "sql"])
def test_each_task_has_enough_layouts(layouts):
    assert len(layouts) >= MIN_LAYOUTS
    assert all(isinstance(name, str) and name.strip() and callable(fn) for name, fn in layouts.items())


@pytest.mark.parametrize("task", ["qa", "classify", "sql"])
def test_every_layout_returns_valid_messages_ending_with_the_user(built, task):
    for per_item in built[task]:
        for name, messages in per_item.items():
            assert isinstance(messages, list) and messages, name
            for message in messages:
                assert set(message) == {"role", "content"}, name
                assert message["role"] in ROLES, name
                assert isinstance(message["content"], str) and message["content"].strip(), name
            assert messages[-1]["role"] == "user", name
            assert all(m["role"] != "system" for m in messages[1:]), f"{name}: a system message after the first"


def test_qa_layouts_carry_the_question_and_every_document(built, qa_items):
    for (question, documents), per_item in zip(qa_items, built["qa"]):
        for name, messages in per_item.items():
            blob = _blob(messages)
            assert _verbatim(question, blob), name
            for document in documents:
                assert _appears(document, blob), f"{name}: a document is missing"
            assert "not in the documents" in blob.lower(), f"{name}: no way to say the answer is missing"


def test_classify_layouts_carry_the_text_every_label_and_every_example(built, classify_item):
    text, labels, examples = classify_item
    for name, messages in built["classify"][0].items():
        blob = _blob(messages)
        assert _verbatim(text, blob), f"{name}: the ticket text is not verbatim"
        for code, description in labels.items():
            assert code in blob, f"{name}: label {code} is missing"
            assert _appears(description, blob), f"{name}: the description of {code} is missing"
        for shown, label in examples:
            assert _appears(shown, blob), f"{name}: an example is missing"
            assert label in blob, name


def test_sql_layouts_carry_the_question_every_table_and_every_example(built, sql_item):
    question, db_path, dictionary, examples = sql_item
    tables = table_names(db_path)
    with_dictionary = 0
    for name, messages in built["sql"][0].items():
        blob = _blob(messages)
        assert _verbatim(question, blob), f"{name}: the question is not verbatim"
        missing = [table for table in tables if table not in blob]
        assert not missing, f"{name}: tables missing: {missing}"
        for example in examples:
            assert _appears(example["question"], blob) and _appears(example["sql"], blob), name
        has_dictionary = _verbatim(dictionary.strip(), blob)
        assert has_dictionary == (name not in SQL_LAYOUTS_WITHOUT_DICTIONARY), name
        with_dictionary += has_dictionary
    assert with_dictionary >= 18


def test_layouts_work_without_examples(classify_item, sql_item):
    text, labels, _ = classify_item
    question, db_path, dictionary, _ = sql_item
    for name, fn in CLASSIFY_LAYOUTS.items():
        assert _verbatim(text, _blob(fn(text, labels, []))), name
    for name, fn in SQL_LAYOUTS.items():
        assert _verbatim(question, _blob(fn(question, db_path, dictionary, []))), name


def test_no_layout_is_the_course_template(built, qa_items, classify_item, sql_item):
    text, labels, examples = classify_item
    course = {
        "qa": [COURSE_TEMPLATES["qa"](*item) for item in qa_items],
        "classify": [COURSE_TEMPLATES["classify"](*classify_item)],
        "sql": [COURSE_TEMPLATES["sql"](*sql_item)],
    }
    # every layout the course's ticket prompts offer counts as the course's own
    course_tickets = [ticket_messages(text, list(labels), labels, examples, layout=layout)
                      for layout in COURSE_TICKET_LAYOUTS]
    for task, per_items in built.items():
        for i, per_item in enumerate(per_items):
            theirs = [course[task][i]] + (course_tickets if task == "classify" else [])
            for name, messages in per_item.items():
                assert messages not in theirs, f"{task} layout {name!r} is a course template"


def test_course_templates_have_the_suite_signatures(qa_items, classify_item, sql_item):
    assert set(COURSE_TEMPLATES) == {"qa", "classify", "sql"}
    qa = COURSE_TEMPLATES["qa"](*qa_items[0])
    assert qa_items[0][0] in _blob(qa) and qa[-1]["role"] == "user"
    assert classify_item[0] in _blob(COURSE_TEMPLATES["classify"](*classify_item))
    assert sql_item[0] in _blob(COURSE_TEMPLATES["sql"](*sql_item))


@pytest.mark.parametrize("task", ["qa", "classify", "sql"])
def test_layouts_within_a_task_are_pairwise_different(built, task):
    for per_item in built[task]:
        seen: dict[str, str] = {}
        for name, messages in per_item.items():
            key = json.dumps(messages, sort_keys=True)
            assert key not in seen, f"{name!r} builds the same messages as {seen.get(key)!r}"
            seen[key] = name


def test_the_second_layout_set_carries_all_its_material(classify_item, qa_items):
    """tests/layout_suite_fresh.py, written later by another author: valid messages that end with the
    user and hold the ticket or question and every label, example and document."""
    from layout_suite_fresh import FRESH_CLASSIFY_LAYOUTS, FRESH_QA_LAYOUTS

    text, labels, examples = classify_item
    assert len(FRESH_CLASSIFY_LAYOUTS) >= 12 and len(FRESH_QA_LAYOUTS) >= 12
    for name, layout in FRESH_CLASSIFY_LAYOUTS.items():
        messages = layout(text, labels, examples)
        assert messages[-1]["role"] == "user" and {m["role"] for m in messages} <= ROLES, name
        blob = _blob(messages)
        assert all(_appears(code, blob) for code in labels), name
        assert all(_appears(example, blob) or _appears(example.replace('"', '""'), blob)
                   for example, _ in examples), name
    for question, documents in qa_items:
        for name, layout in FRESH_QA_LAYOUTS.items():
            blob = _blob(layout(question, documents))
            assert _appears(question, blob) and all(_appears(doc, blob) for doc in documents), name
