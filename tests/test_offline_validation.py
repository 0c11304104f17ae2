"""Checks on fine-tuning files (validation.py): every problem at once, with line numbers."""

from __future__ import annotations

import json

from course_utils.fine_tuning_data import MIN_EXAMPLES, auto_epochs, validate_dataset
from test_offline_toymodel import chat_example, jsonl


def count_chars(text: str) -> int:
    return len(text)


def good_lines(n: int) -> list[str]:
    return [json.dumps(chat_example(f"question {i}?", "an answer.")) for i in range(n)]


def test_a_good_file_passes_with_token_statistics():
    report = validate_dataset(jsonl([chat_example(f"q{i}?", "yes.") for i in range(12)]).decode(),
                              count_chars, token_limit=100)
    assert report.ok and len(report.examples) == 12
    # "Answer briefly." (15) + "qN?" (3) + "yes." (4) characters per example, at one token each.
    assert report.tokens_per_example == [22] * 10 + [23] * 2
    assert report.assistant_tokens_per_example == [4] * 12
    assert report.billable_tokens == 22 * 10 + 23 * 2
    assert report.estimated_training_tokens(3) == 3 * report.billable_tokens
    assert "training will process" in report.summary()


def test_every_problem_is_reported_at_once_with_its_line():
    lines = good_lines(10) + [
        "{not json",  # line 11
        "[1, 2]",  # line 12
        json.dumps({"prompt": "old completions format"}),  # line 13
        json.dumps({"messages": [{"role": "user", "content": "hi"}]}),  # line 14: no assistant
        json.dumps({"messages": [{"role": "bot", "content": "hi"}, {"role": "assistant", "content": "x"}]}),
        json.dumps({"messages": [{"role": "user"}, {"role": "assistant", "content": "   "}]}),  # 16
        json.dumps({"messages": [{"role": "user", "content": "x", "mood": "happy"},
                                 {"role": "assistant", "content": "y"}]}),  # line 17
        "",  # a blank line is harmless and still counts for numbering
        json.dumps(chat_example("long " * 30, "answer")),  # line 19: too long for a 100-token limit
    ]
    report = validate_dataset("\n".join(lines) + "\n", count_chars, token_limit=100)
    found = {(p.line, p.kind) for p in report.problems}
    assert found == {
        (11, "invalid_json"),
        (12, "data_type"),
        (13, "missing_messages_list"),
        (14, "example_missing_assistant_message"),
        (15, "unrecognized_role"),
        (16, "message_missing_key"),
        (16, "missing_content"),
        (17, "message_unrecognized_key"),
        (19, "too_long"),
    }
    assert len(report.examples) == 10  # the good ones are still counted for the summary
    message = report.error_message("training file file-x")
    assert message.startswith("The training file file-x has 9 problem(s)")
    assert "line 15: message 1 has role 'bot'" in message and "line 19: has 171 tokens" in message


def test_too_few_examples():
    report = validate_dataset("\n".join(good_lines(4)), count_chars, token_limit=1000)
    assert [(p.line, p.kind) for p in report.problems] == [(None, "too_few_examples")]
    assert f"must have at least {MIN_EXAMPLES}" in str(report.problems[0])
    # A validation file has no minimum.
    assert validate_dataset("\n".join(good_lines(4)), count_chars, 1000, min_examples=1).ok


def test_auto_epochs_follows_openais_rule():
    assert auto_epochs(10) == 10  # 100 examples seen in total
    assert auto_epochs(50) == 3
    assert auto_epochs(20_000) == 1
