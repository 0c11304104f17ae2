"""The prompt reader finds question, passages, labels and examples in the layouts learners write."""

import pytest

from course_utils.offline_assets import use_packaged_assets
from course_utils.offline.reading.reader import read_prompt

use_packaged_assets()

FACTS = "The Harbour View hotel has 32 rooms. It opened in 2011."
QUESTION = "How many rooms does the Harbour View have?"

QA_LAYOUTS = {
    "context/question": [{"role": "user", "content": f"Context:\n{FACTS}\n\nQuestion: {QUESTION}"}],
    "system context": [{"role": "system", "content": f"Context: {FACTS}"}, {"role": "user", "content": QUESTION}],
    "markdown": [{"role": "user", "content": f"Use the documents below.\n\n## Documents\n{FACTS}\n\n## Question\n{QUESTION}"}],
    "xml": [{"role": "user", "content": f"<context>{FACTS}</context>\n<question>{QUESTION}</question>"}],
    "nested xml": [{"role": "user", "content": f'<documents><document id="H-1">{FACTS}</document></documents>\n{QUESTION}'}],
    "numbered": [{"role": "user", "content": f"[1] {FACTS}\n[2] The Grand has 5 stars.\n\n{QUESTION}"}],
    "llama-index template": [{"role": "user", "content": (
        f"Context information is below.\n---------------------\n{FACTS}\n---------------------\n"
        f"Given the context information and not prior knowledge, answer the query.\nQuery: {QUESTION}\nAnswer: ")}],
    "triple quotes": [{"role": "user", "content": f'Answer from the text in triple quotes.\n\n"""\n{FACTS}\n"""\n\n{QUESTION}'}],
    "json": [{"role": "user", "content": f'Documents:\n[{{"id": "H-1", "text": "{FACTS}"}}]\n\nQuestion: {QUESTION}'}],
}


@pytest.mark.parametrize("layout", sorted(QA_LAYOUTS))
def test_question_and_passage_sentences_are_found(layout):
    read = read_prompt(QA_LAYOUTS[layout])
    assert read.question.strip() == QUESTION
    assert "The Harbour View hotel has 32 rooms." in read.sentences


def test_document_ids_are_kept():
    read = read_prompt(QA_LAYOUTS["nested xml"])
    assert [p.doc_id for p in read.passages] == ["H-1"]


def test_table_rows_are_candidate_sentences():
    read = read_prompt([{"role": "user", "content": (
        "Context:\n| SKU | Name | Price |\n|---|---|---|\n| TNT-100 | Ridgeline 2 Tent | $249.00 |\n\n"
        "Question: What does the Ridgeline 2 Tent cost?")}])
    assert "| TNT-100 | Ridgeline 2 Tent | $249.00 |" in read.sentences


LABEL_LAYOUTS = {
    "comma list": "Labels: SHIP, BILL, RTRN\n\nOutput only the label.",
    "bullets with descriptions": "Categories:\n- SHIP: shipping and delivery\n- BILL: charges\n- RTRN: returns",
    "inline": "Classify the ticket as one of: SHIP, BILL, RTRN.",
    "table": "Labels:\n| Label | Meaning |\n|---|---|\n| SHIP | delivery |\n| BILL | charges |\n| RTRN | returns |",
    "json": 'Labels: ["SHIP", "BILL", "RTRN"]',
}


@pytest.mark.parametrize("layout", sorted(LABEL_LAYOUTS))
def test_labels_are_found(layout):
    read = read_prompt([{"role": "system", "content": LABEL_LAYOUTS[layout]},
                        {"role": "user", "content": "Ticket: my parcel never arrived"}])
    assert [label.name for label in read.labels] == ["SHIP", "BILL", "RTRN"]
    assert read.question == "my parcel never arrived"


def test_descriptions_and_examples_are_found():
    read = read_prompt([{"role": "user", "content": (
        "Labels:\n- SHIP: shipping and delivery\n- BILL: charges\n\nExamples:\nwhere is my box -> SHIP\n"
        "charged twice -> BILL\n\nMessage: the courier lost it")}])
    assert read.labels[0].description == "shipping and delivery"
    assert read.examples == [("where is my box", "SHIP"), ("charged twice", "BILL")]
    assert read.question == "the courier lost it"


def test_earlier_turns_are_examples():
    read = read_prompt([
        {"role": "system", "content": "Labels: positive, negative"},
        {"role": "user", "content": "great tent"}, {"role": "assistant", "content": "positive"},
        {"role": "user", "content": "it leaked"},
    ])
    assert read.examples == [("great tent", "positive")]
    assert read.question == "it leaked"


def test_plain_request_has_no_context_or_labels():
    read = read_prompt([{"role": "user", "content": "Write a haiku about autumn."}])
    assert (read.question, read.passages, read.labels) == ("Write a haiku about autumn.", [], [])


def test_a_heading_in_the_system_messages_material_is_not_the_question():
    """Issue 20: a data dictionary in the system message has a section "### Ticket statuses"; its
    table was read as the text to answer, and every question got the same query."""
    dictionary = ("## Codes\n\n### Ticket statuses\n\n| Code | Meaning |\n|---|---|\n| `NEW` | not picked up |\n\n"
                  "### Notes on dates\n\nDates are ISO strings.\n\n### Message length\n\nUp to 2000 characters.")
    for question in ("How many tickets are still new?", "Which customer wrote the most tickets?"):
        read = read_prompt([{"role": "system", "content": f"Write a SQLite query.\n\n{dictionary}"},
                            {"role": "user", "content": question}])
        assert read.question == question
        # the material is kept, as instructions (the rules' reading) or as passages for the question (the
        # prompt tagger's, when it finds them): which one depends on the learned tagger, not on this test
        kept = [read.instructions] + [passage.text for passage in read.passages]
        assert any("| `NEW` | not picked up |" in text for text in kept)


def test_a_question_only_the_system_message_holds_is_still_read():
    read = read_prompt([{"role": "system", "content": "Labels: SHIP, BILL\n\nTicket: my parcel never came"}])
    assert read.question == "my parcel never came"
