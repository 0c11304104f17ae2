"""Lesson 02's workbench on the embedded offline backend: the dev split, example choice, prompt
layouts, the two-step classifier, the paired comparison of runs and the two exercise checkers
(each shown to fail as well as to pass)."""

from __future__ import annotations

import json
import re
from typing import Literal

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from course_utils import datasets
from course_utils.client import get_client
from course_utils.embeddings import cached_embedder, closest
from course_utils.exercises import check_ticket_prompt, check_triage_parser
from course_utils.label_eval import first_label_in
from course_utils.models import open_chat_model
from course_utils.predictors import chat_predictor
from course_utils.runner import RunRecord, compare_items
from course_utils.ticket_prompts import (LAYOUTS, TICKET_GROUPS, ExampleChooser, development_split,
                                         ticket_messages, two_step_predictor)

LABELS = sorted(datasets.load_ticket_labels())


@pytest.fixture(scope="module")
def offline(offline_environment):
    return get_client(cache=False)


@pytest.fixture(scope="module")
def chooser(offline):
    pool, _ = development_split()
    return ExampleChooser(pool, cached_embedder(offline))


def test_the_dev_split_is_fixed_and_shares_no_ticket_with_the_pool():
    pool, dev = development_split()
    assert len(dev) == 120 and len(pool) == len(datasets.load_tickets("train")) - 120
    assert not {t["id"] for t in pool} & {t["id"] for t in dev}
    assert [t["id"] for t in development_split()[1]] == [t["id"] for t in dev]


def test_ticket_labels_short_and_full():
    short, full = datasets.load_ticket_labels(), datasets.load_ticket_labels(full=True)
    assert sorted(short) == sorted(full) == ["ACCT", "BILL", "DEFT", "MEMB", "ORDR", "PROD", "RTRN", "SHIP"]
    for code in short:
        assert full[code].startswith(short[code]) and len(full[code]) > len(short[code])
        assert "\n" not in full[code] and "**Examples:**" not in full[code]


def test_similar_examples_put_the_closest_ticket_first_and_random_ones_are_reproducible(chooser):
    ticket = chooser.pool[7]
    similar = chooser(ticket["text"], 3)
    assert similar[0] == (ticket["text"], ticket["label"]) and len(similar) == 3
    assert chooser("my zip broke", 4, "random") == chooser("my zip broke", 4, "random")
    assert chooser("my zip broke", 4, "random") != chooser("my zip broke", 4, "random", seed=1)
    assert chooser("anything", 0) == []
    with pytest.raises(ValueError, match="random, similar"):
        chooser("anything", 2, "nearest")


def test_closest_orders_by_cosine_similarity():
    vectors = {"a": [1.0, 0.0], "b": [0.6, 0.8], "c": [0.0, 1.0], "q": [0.9, 0.1]}
    assert closest("q", ["c", "b", "a"], lambda texts: [vectors[t] for t in texts], 2) == [2, 1]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_carries_the_labels_the_examples_and_the_message(layout):
    examples = [("The zip broke after a week.", "DEFT")]
    messages = ticket_messages("Where is my parcel?", LABELS, datasets.load_ticket_labels(), examples,
                               "Pick one label.", layout)
    said = "\n".join(m["content"] for m in messages)
    for part in ["Where is my parcel?", "Pick one label.", "The zip broke after a week.", "DEFT"] + LABELS:
        assert part in said
    assert messages[-1]["role"] == "user" and "Where is my parcel?" in messages[-1]["content"]


def test_an_unknown_layout_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown layout 'YAML'.*Markdown sections"):
        ticket_messages("hi", LABELS, layout="YAML")


def test_the_two_step_classifier_answers_a_label_and_counts_both_calls(offline):
    _, dev = development_split()
    predict = two_step_predictor(offline, "acme-tiny", datasets.load_ticket_labels(), temperature=0)
    one_call = chat_predictor(offline, "acme-tiny", lambda t: ticket_messages(t["text"], list(TICKET_GROUPS)),
                              temperature=0)
    for ticket in dev[:6]:
        prediction = predict(ticket)
        assert prediction.text in LABELS
        assert prediction.prompt_tokens >= one_call(ticket).prompt_tokens


def test_first_label_in_reads_a_label_inside_a_sentence():
    assert first_label_in("The label is: SHIP.", LABELS) == "SHIP"
    assert first_label_in("ship it? no: bill", LABELS) == "SHIP"
    assert first_label_in("shipping", LABELS) is None
    assert first_label_in("", LABELS) is None


def _run(name, correct):
    return RunRecord(name=name, config={}, created_at="2026-12-07T00:00:00+00:00", metrics={},
                     results=[{"id": i, "correct": c} for i, c in enumerate(correct)])


def test_compare_items_counts_what_changed_and_how_likely_that_is_by_chance():
    before = _run("before", [False] * 10 + [True] * 10)
    after = _run("after", [True] * 10 + [True] * 10)
    assert compare_items(before, after) == {"items": 20, "fixed": 10, "broken": 0, "net": 10,
                                            "p_value": pytest.approx(2 / 2 ** 10)}
    even = compare_items(_run("a", [True, False] * 5), _run("b", [False, True] * 5))
    assert (even["fixed"], even["broken"], even["p_value"]) == (5, 5, 1.0)
    assert compare_items(before, before)["p_value"] == 1.0
    with pytest.raises(ValueError, match="same items"):
        compare_items(before, _run("fewer", [True] * 5))


def test_the_open_model_is_none_until_a_server_lists_it(offline, monkeypatch):
    assert open_chat_model(offline) is None  # SmolLM2 is not served yet
    monkeypatch.setenv("COURSE_OPEN_CHAT_MODEL", "acme-tiny")
    assert open_chat_model(offline) == "acme-tiny"


def test_ticket_checker_fails_a_weak_prompt_and_a_leaking_one_and_passes_the_lessons_best(offline, chooser, capsys):
    full = datasets.load_ticket_labels(full=True)
    assert not check_ticket_prompt(lambda text: ticket_messages(text, LABELS), offline, "acme-tiny")
    assert "below the target" in capsys.readouterr().out
    leaky = ExampleChooser(datasets.load_tickets("test"), chooser.embed)
    assert not check_ticket_prompt(lambda text: ticket_messages(text, LABELS, full, leaky(text, 2)), offline,
                                   "acme-tiny")
    assert "never from the test set" in capsys.readouterr().out
    assert check_ticket_prompt(lambda text: ticket_messages(text, LABELS, full, chooser(text, 2)), offline,
                               "acme-tiny")


class _Triage(BaseModel):
    label: Literal["ACCT", "BILL", "DEFT", "MEMB", "ORDR", "PROD", "RTRN", "SHIP"]
    priority: Literal["low", "normal", "urgent"]
    summary: str

    @field_validator("summary")
    @classmethod
    def _one_short_line(cls, summary):
        if "\n" in summary or not 1 <= len(summary.split()) <= 25:
            raise ValueError("one line of 1-25 words")
        return summary


def _careful_parser(reply):
    text = reply.strip()
    if fenced := re.match(r"^```(?:json)?\s*\n(.*)\n```$", text, re.DOTALL):
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("the reply must be a JSON object")
    try:
        return _Triage.model_validate(data).model_dump()
    except ValidationError as error:
        raise ValueError("; ".join(f"{e['loc'][0]}: {e['msg']}" for e in error.errors())) from None


def test_triage_checker_passes_a_careful_parser_and_fails_trusting_ones(capsys):
    assert check_triage_parser(_careful_parser)
    assert not check_triage_parser(json.loads)  # accepts bad values, rejects fences
    assert not check_triage_parser(lambda reply: _careful_parser(reply.replace("```json", "")))  # breaks fences
    out = capsys.readouterr().out
    assert "12 of 12" in out and "not yet" in out


def test_triage_answers_are_valid_triage_and_follow_the_rule():
    from course_utils.ticket_prompts import PRIORITY_BY_LABEL, read_triage, triage_answer

    labels = sorted(datasets.load_ticket_labels())
    for ticket in datasets.load_tickets("train"):
        triage = read_triage(triage_answer(ticket), labels)
        assert triage is not None, ticket["id"]
        assert triage["label"] == ticket["label"]
        assert triage["priority"] == PRIORITY_BY_LABEL.get(ticket["label"], "normal")
    first = triage_answer({"text": "Hi support, My tent pole snapped. Please help.", "label": "DEFT"})
    assert json.loads(first) == {"label": "DEFT", "priority": "urgent", "summary": "My tent pole snapped."}


@pytest.mark.parametrize("reply", ['{"label": "SHIPPING", "priority": "low", "summary": "x"}',
                                   '{"label": "SHIP", "priority": "high", "summary": "x"}',
                                   '{"label": "SHIP", "priority": "low", "summary": ""}',
                                   '{"label": "SHIP", "priority": "low"}', "SHIP", "[1, 2]"])
def test_read_triage_refuses_what_a_program_could_not_route(reply):
    from course_utils.ticket_prompts import read_triage

    assert read_triage(reply, ["SHIP"]) is None
    assert read_triage('```json\n{"label": "SHIP", "priority": "low", "summary": "Where is it?"}\n```', ["SHIP"])
