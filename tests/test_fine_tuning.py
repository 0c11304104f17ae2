"""Lesson 04's pieces: the job helpers through the SDK, file checks, cost estimates, data audits."""

from __future__ import annotations

import json

import numpy as np
import pytest

from course_utils import models
from course_utils.fine_tuning import (check_file, fine_tune, hosted_token_count, hosted_training_estimate, loss_curve,
                                      to_jsonl, upload_rows)
from course_utils.fine_tuning_data import validate_dataset
from course_utils.training_data_audit import (answer_counts, answers_outside, assistant_answer, label_disagreements,
                                              with_answers_swapped)
from test_offline_toymodel import BASE_ID, chat_example, serve


def rows_answering(answers: list[str]) -> list[dict]:
    return [chat_example(f"question {i}?", answer) for i, answer in enumerate(answers)]


# ----- the job helpers, against a server with a toy model ----------------------------------------

@pytest.fixture(scope="module")
def toy_client(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("state")) as (_, client):
        yield client


def test_fine_tune_returns_the_finished_job_and_its_loss_curve(toy_client):
    events = []
    job, seconds = fine_tune(toy_client, rows_answering(["yes."] * 12), "toy", model=BASE_ID,
                             validation_rows=rows_answering(["yes."] * 3), hyperparameters={"n_epochs": 2},
                             on_event=events.append)
    assert job.status == "succeeded" and job.fine_tuned_model.startswith(f"ft:{BASE_ID}:toy:")
    assert seconds > 0
    assert any("succeeded" in message or "completed" in message for message in events)
    assert not any(message.startswith("Step ") for message in events)  # metrics events are not printed
    curve = loss_curve(toy_client, job.id)
    assert [point["step"] for point in curve] == sorted(point["step"] for point in curve)
    assert len(curve) == curve[-1]["total_steps"]
    assert any(point.get("valid_loss") is not None for point in curve)


def test_a_failed_job_raises_with_the_servers_message(toy_client):
    with pytest.raises(RuntimeError, match="failed.*too_few_examples|failed.*at least 10"):
        fine_tune(toy_client, rows_answering(["yes."] * 3), "toy", model=BASE_ID)


def test_upload_rows_writes_utf8_jsonl(toy_client):
    rows = rows_answering(["Grüße, 東京"] * 2)
    uploaded = upload_rows(toy_client, rows, "utf8.jsonl")
    content = toy_client.files.content(uploaded.id).read().decode("utf-8")
    assert [json.loads(line) for line in content.splitlines()] == rows
    assert to_jsonl(rows).decode("utf-8") == content


# ----- checking a file, and what it would cost ---------------------------------------------------

def test_duplicates_are_warnings_not_problems():
    rows = rows_answering([f"answer {i}" for i in range(10)])
    text = to_jsonl(rows + [rows[3]]).decode("utf-8")
    report = validate_dataset(text, lambda s: len(s.split()), token_limit=100)
    assert report.ok and len(report.examples) == 11
    assert [(w.line, w.kind) for w in report.warnings] == [(11, "duplicate_example")]
    assert "repeats line 4" in str(report.warnings[0]) and "duplicate" in report.summary()


def test_examples_longer_than_training_reads_are_warnings_that_say_so():
    rows = rows_answering([f"answer {i}" for i in range(10)])
    rows[2]["messages"][0]["content"] = "word " * 60
    text = to_jsonl(rows).decode("utf-8")
    report = validate_dataset(text, lambda s: len(s.split()), token_limit=100, training_limit=50)
    assert report.ok and len(report.examples) == 10  # trained on, cut
    assert [(w.line, w.kind) for w in report.warnings] == [(3, "truncated")]
    assert "training reads at most 50" in report.summary()
    assert not validate_dataset(text, lambda s: len(s.split()), token_limit=100).warnings  # no limit, no warning


def test_the_broken_exercise_file_shows_every_kind_of_problem_with_its_line():
    from course_utils.exercises import broken_training_file

    report = check_file(broken_training_file())
    kinds = {problem.kind for problem in report.problems}
    assert kinds == {"invalid_json", "message_missing_key", "unrecognized_role", "example_missing_assistant_message",
                     "missing_messages_list", "missing_content", "too_long"}
    assert {p.line for p in report.problems if p.kind == "invalid_json"} == {5, 62, 208}
    assert len(report.warnings) == 4


def test_hosted_estimate_is_tokens_times_epochs_at_the_registry_price():
    rows = rows_answering(["BILL"] * 4)
    per_example = hosted_token_count(rows[0]["messages"])
    # three messages, each with its formatting tokens, plus the reply's
    assert per_example > 3 * 3 + 3
    tokens, dollars = hosted_training_estimate(rows, n_epochs=3, model="gpt-4.1-mini-2025-04-14")
    assert tokens == 3 * 4 * per_example
    assert dollars == pytest.approx(tokens * models.TRAINING_PRICES["gpt-4.1-mini"].per_million / 1e6)
    with pytest.raises(ValueError, match="TRAINING_PRICES"):
        hosted_training_estimate(rows, 1, model="no-such-model")


def test_the_registry_dates_openais_fine_tuning_closure():
    assert models.OPENAI_FINE_TUNING_CLOSES.isoformat() == "2027-01-06"
    assert models.OPENAI_DEPRECATIONS_PAGE.startswith("https://platform.openai.com/")
    assert models.training_price_for(models.model_for("fine_tune_base", backend="openai")) is not None


# ----- what the answers teach ---------------------------------------------------------------------

def test_swapping_answers_moves_a_share_and_keeps_the_answers():
    rows = rows_answering([f"label {i % 5}" for i in range(40)])
    swapped = with_answers_swapped(rows, 0.25, seed=1)
    changed = [i for i, (a, b) in enumerate(zip(rows, swapped)) if assistant_answer(a) != assistant_answer(b)]
    assert 0 < len(changed) <= 10
    assert answer_counts(swapped) == answer_counts(rows)  # answers move between rows; none is invented
    assert assistant_answer(rows[changed[0]]) == f"label {changed[0] % 5}"  # the input is not modified
    assert with_answers_swapped(rows, 0.25, seed=1) == swapped


def test_answers_outside_the_labels_are_found():
    rows = rows_answering(["BILL", " SHIP ", "Sure, I'll do it tomorrow.", "bill"])
    assert answers_outside(rows, ["BILL", "SHIP"]) == [2, 3]


def test_a_label_outvoted_by_its_neighbours_is_flagged_first():
    # Two tight clusters of texts; one text in the first cluster carries the second cluster's label.
    vectors = {f"a{i}": [1.0, 0.01 * i] for i in range(6)} | {f"b{i}": [0.01 * i, 1.0] for i in range(6)}
    texts = list(vectors)
    labels = ["A"] * 6 + ["B"] * 6
    labels[2] = "B"

    def embed(batch):
        return np.array([vectors[text] for text in batch])

    suspects = label_disagreements(texts, labels, embed, k=5)
    assert suspects[0] == 2
    clean = label_disagreements(texts, ["A"] * 6 + ["B"] * 6, embed, k=5)
    assert clean == []


def test_replacing_answers_puts_one_answer_in_a_share_of_rows():
    from course_utils.training_data_audit import with_answers_replaced

    rows = rows_answering(["BILL"] * 20)
    deferring = with_answers_replaced(rows, 0.3, "Tomorrow.", seed=2)
    assert answer_counts(deferring) == {"BILL": 14, "Tomorrow.": 6}
    assert answers_outside(deferring, ["BILL"]) == [i for i, r in enumerate(deferring) if assistant_answer(r) != "BILL"]
    assert answer_counts(rows) == {"BILL": 20}


def test_every_message_event_reaches_on_event_however_many_steps_come_between(toy_client):
    events = []
    fine_tune(toy_client, rows_answering(["yes."] * 30), "many-steps", model=BASE_ID,
              hyperparameters={"n_epochs": 5, "batch_size": 1}, on_event=events.append)  # 150 metrics events
    assert sum(message.startswith("Checkpoint created") for message in events) == 5, events
    assert events[0].startswith("Created fine-tuning job") and "completed" in events[-1]
