"""The prompt tagger (course_utils/offline/reading/): segments, the learned tags, and the reading built
from them. Reading is measured across layouts in benchmarks/bench_prompt_layouts.py; these tests check
the parts one by one on small prompts written here."""

from __future__ import annotations

import json

import pytest

from course_utils.offline.corpus.layouts import ROLES as CORPUS_ROLES
from course_utils.offline.reading.reader import read_prompt
from course_utils.offline.reading.segments import attribute_values, segment_messages, segment_text
from course_utils.offline.reading.tagged_reader import read_tagged
from course_utils.offline.reading.tagger import ROLES, TAGGER_FILE, PromptTagger, shared_tagger

LABELS = {"BILL": "Billing: charges, invoices and payments", "SHIP": "Shipping: parcels, couriers, delays",
          "RTRN": "Returns: sending an unwanted item back for a refund"}
EXAMPLES = [("I was charged twice for one order.", "BILL"), ("My parcel is stuck in customs.", "SHIP"),
            ("The jacket does not fit, can I send it back?", "RTRN")]
TICKET = "Hello,\n\nthe courier left my box in the rain and it is soaked.\n\nThanks,\nAnn"


def _user(text: str) -> dict:
    return {"role": "user", "content": text}


def _system(text: str) -> dict:
    return {"role": "system", "content": text}


# ---------------------------------------------------------------------------------------------
# Segments


def test_segments_point_back_at_the_text_they_come_from():
    text = 'Labels:\n- BILL: money\n<ticket id="7">Where is it?</ticket>\n{"q": "a \\"quoted\\" word"}'
    for segment in segment_text(text):
        assert text[segment.start:segment.end] == segment.text


def test_json_after_a_key_and_tags_with_attributes_are_cut_into_their_strings():
    segments = segment_text('Allowed: ["BILL", "SHIP"]\n<label code="BILL" note=\'two words\'>money</label>')
    kinds = [(s.kind, s.content) for s in segments]
    assert ("json_value", "BILL") in kinds and ("json_value", "SHIP") in kinds
    assert segments[0].text == "Allowed:" and segments[1].titles == ["Allowed"]
    assert attribute_values('<label code="BILL" note=\'two words\'>') == [("code", "BILL"), ("note", "two words")]


def test_titles_follow_headings_tags_and_title_lines():
    segments = segment_text("# Guide\n## Labels\n- BILL: money\n<examples>\nText: hi\n</examples>")
    by_text = {s.text: s.titles for s in segments}
    assert by_text["- BILL: money"] == ["Guide", "Labels"]
    assert by_text["Text: hi"] == ["Guide", "Labels", "examples"]


# ---------------------------------------------------------------------------------------------
# The tagger


def test_the_saved_tagger_tags_a_small_request_right():
    tagger = PromptTagger.load(TAGGER_FILE)
    assert len(tagger.weights) == 2  # two passes
    segments = segment_messages([_system("Route each message to a queue.\n\nQueues:\n- BILL: money\n- SHIP: parcels"),
                                 _user("Message: where is my parcel? It is a week late.")])
    assert tagger.tag(segments) == ["instruction", "title", "label", "label", "query"]


def test_the_tagger_reads_layouts_composed_from_practice_data_it_never_saw():
    """Requests laid out at random with another seed than training's: most segments tagged right."""
    from course_utils.offline.training.train_tagger import accuracy, tagged_corpus

    scores = accuracy(shared_tagger(), tagged_corpus(60, "unit-test"))
    assert scores["segments"] >= 0.95, scores


# ---------------------------------------------------------------------------------------------
# Reading with the tags


def _label_lists() -> dict[str, list[dict]]:
    bullets = "\n".join(f"- {code}: {meaning}" for code, meaning in LABELS.items())
    table = "| Code | Meaning |\n|---|---|\n" + "\n".join(f"| {c} | {m} |" for c, m in LABELS.items())
    tags = "\n".join(f'<category code="{c}">{m}</category>' for c, m in LABELS.items())
    sentence = "The queues are " + ", ".join(f"{c} ({m})" for c, m in LABELS.items()) + "."
    as_json = json.dumps(LABELS, indent=2)
    ask = f"Which queue?\n\nTicket:\n{TICKET}"
    return {
        "bullets": [_system(f"Route tickets.\n\nQueues:\n{bullets}"), _user(ask)],
        "table": [_user(f"## Codes\n\n{table}\n\n## Ticket\n\n{TICKET}")],
        "xml attributes": [_system(f"<categories>\n{tags}\n</categories>"), _user(f"<ticket>{TICKET}</ticket>")],
        "in a sentence": [_system(f"You sort support mail. {sentence} Reply with the code."), _user(TICKET)],
        "json": [_system(f"Categories:\n{as_json}"), _user(ask)],
    }


@pytest.mark.parametrize("layout", list(_label_lists()))
def test_labels_with_their_meanings_are_read_in_many_layouts(layout):
    read = read_tagged(_label_lists()[layout])
    assert [(label.name, label.description) for label in read.labels] == list(LABELS.items()), layout


def _example_layouts() -> dict[str, list[dict]]:
    listing = "Labels: BILL, SHIP, RTRN"
    pairs = "\n\n".join(f"Ticket: {t}\nCategory: {c}" for t, c in EXAMPLES)
    arrows = "\n".join(f"{t} => {c}" for t, c in EXAMPLES)
    grouped = "\n\n".join(f"### {c}\n- {t}" for t, c in EXAMPLES)
    turns = [m for t, c in EXAMPLES for m in (_user(t), {"role": "assistant", "content": c})]
    return {
        "pairs": [_system(f"{listing}\n\nExamples:\n\n{pairs}"), _user(f"Ticket: {TICKET}")],
        "arrows": [_user(f"{listing}\n\nPast tickets:\n{arrows}\n\nNew ticket:\n{TICKET}")],
        "grouped under their label": [_user(f"{listing}\n\n## Examples\n\n{grouped}\n\n## To classify\n\n{TICKET}")],
        "chat turns": [_system(f"Classify the ticket. {listing}"), *turns, _user(TICKET)],
    }


@pytest.mark.parametrize("layout", list(_example_layouts()))
def test_examples_and_the_ticket_are_read_in_many_layouts(layout):
    read = read_tagged(_example_layouts()[layout])
    assert read.examples == EXAMPLES, layout
    assert read.question == TICKET, layout  # as written: blank lines and the sign-off kept


def test_a_text_written_as_one_more_example_with_an_empty_label_is_the_text_to_classify():
    shots = "\n\n".join(f"Ticket: {t}\nCategory: {c}" for t, c in EXAMPLES)
    read = read_tagged([_user(f"Labels: BILL, SHIP, RTRN\n\n{shots}\n\nTicket: {TICKET}\nCategory:")])
    assert read.question == TICKET
    assert read.examples == EXAMPLES


def test_the_reader_keeps_the_rules_for_headed_passages_and_uses_the_tagger_where_they_find_nothing():
    qa = [_user("Context:\nThe shop opens at 9. It closes at 5.\n\nQuestion: When does it open?")]
    read = read_prompt(qa)
    assert read.question == "When does it open?" and read.sentences == ["The shop opens at 9.", "It closes at 5."]
    by_tags = _label_lists()["xml attributes"]  # labels in attributes: the rules find none
    assert [label.name for label in read_prompt(by_tags).labels] == list(LABELS)
    assert read_prompt(by_tags).question == TICKET


def test_a_label_tag_is_named_by_its_code_not_its_id():
    tags = "\n".join(f'<category id="{i}" name="{c}">{m}</category>' for i, (c, m) in enumerate(LABELS.items(), 1))
    read = read_tagged([_system(f"<categories>\n{tags}\n</categories>"), _user(f"<ticket>{TICKET}</ticket>")])
    assert [label.name for label in read.labels] == list(LABELS)


def test_generated_layouts_are_the_same_for_the_same_seed():
    from course_utils.offline.training.train_tagger import tagged_corpus

    first, second = tagged_corpus(5, "determinism"), tagged_corpus(5, "determinism")
    assert [[s.text for s in segments] for segments, _ in first] == [[s.text for s in segments] for segments, _ in second]
    assert [roles for _, roles in first] == [roles for _, roles in second]


def test_the_tagger_corpus_holds_no_acme_ticket_label_or_document():
    """Trained on practice data only: the layouts it learns from never show an Acme ticket, label
    description or knowledge-base document (those are what the benchmarks measure it on)."""
    from course_utils import datasets
    from course_utils.offline.training.train_tagger import tagged_corpus

    text = "\n".join(s.content for segments, _ in tagged_corpus(300, "leak-check") for s in segments)
    tickets = [t["text"] for split in ("train", "test") for t in datasets.load_tickets(split)]
    assert not [t for t in tickets if t[:60] in text]
    assert not [d for d in datasets.load_ticket_labels().values() if d[:40] in text]
    assert not [doc["title"] for doc in datasets.load_kb_docs() if doc["body"][:80] in text]
