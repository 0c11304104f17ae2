"""Checking a fine-tuning file before any training, as OpenAI's data-preparation cookbook does.

OpenAI's cookbook "Data preparation and analysis for chat model fine-tuning" runs a list of
small, named checks over a JSONL file, prints how many problems of each kind it found, then
summarises token counts and estimates how many tokens training will bill. This module does the
same, and reports EVERY problem at once with its line number, so a learner fixes the file in
one pass instead of one error per upload.

Checks (the cookbook's names):

    invalid_json                       a line is not JSON
    data_type                          a line is JSON but not an object
    missing_messages_list              no "messages" list (or an empty one)
    message_missing_key                a message without "role" or "content"
    message_unrecognized_key           a message key OpenAI does not accept
    unrecognized_role                  a role other than system/developer/user/assistant/tool
    missing_content                    empty or non-text content
    example_missing_assistant_message  nothing for the model to learn to say
    too_long                           more tokens than the model's context takes
    too_few_examples                   fewer than 10 examples (OpenAI's minimum)

and two warnings, which do not stop a job:

    duplicate_example                  the same messages as an earlier line (OpenAI trains on
                                       repeats, giving them more weight, but it is usually a
                                       mistake in how the file was put together)
    truncated                          more tokens than training reads (`training_limit`, where
                                       a trainer reads less than the context): the start is cut

Tokens are counted with the model's own tokenizer (`ChatModel.count_tokens`) over each
message's content (the model's formatting tokens around messages are not included).

It lives on the course side so that a lesson can show it and learners can run it on their own files;
the offline fine-tuning service imports it and runs `validate_dataset` in the job's
"validating_files" step, as OpenAI does: creating a job with a bad file succeeds, then the job fails with status "failed" and an
error {code: "invalid_training_file", message: <every problem>, param: "training_file"}.
Learners can also call it directly to check a file before uploading it.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

MIN_EXAMPLES = 10  # OpenAI refuses training files with fewer examples
KNOWN_ROLES = ("system", "developer", "user", "assistant", "tool", "function")
KNOWN_MESSAGE_KEYS = ("role", "content", "name", "weight", "function_call", "tool_calls", "tool_call_id")
MAX_PROBLEMS_LISTED = 100  # a job error lists this many lines; the counts cover the rest

# OpenAI's rule for n_epochs="auto", from the cookbook: aim for 3 epochs, but see at least
# 100 and at most 25,000 examples in total, within 1 to 25 epochs.
TARGET_EPOCHS = 3
MIN_TARGET_EXAMPLES = 100
MAX_TARGET_EXAMPLES = 25_000
MIN_DEFAULT_EPOCHS = 1
MAX_DEFAULT_EPOCHS = 25


@dataclass
class Problem:
    """One thing wrong with the file."""

    line: int | None  # 1-based line number; None when it is about the whole file
    kind: str  # the check's name, e.g. "missing_content"
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        return f"{where}: {self.message}"


@dataclass
class DatasetReport:
    """What `validate_dataset` found: problems, and token statistics of the good examples."""

    examples: list[dict]  # the examples that passed every per-line check
    problems: list[Problem]
    token_limit: int  # the model's context length
    tokens_per_example: list[int] = field(default_factory=list)
    assistant_tokens_per_example: list[int] = field(default_factory=list)
    messages_per_example: list[int] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # duplicates, cut examples: reported, not fatal

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> Counter:
        """How many problems of each kind (the cookbook's printout)."""
        return Counter(problem.kind for problem in self.problems)

    @property
    def billable_tokens(self) -> int:
        """Tokens seen per epoch (an example longer than the limit is cut to it)."""
        return sum(min(self.token_limit, n) for n in self.tokens_per_example)

    def estimated_training_tokens(self, n_epochs: int | None = None) -> int:
        """Tokens training will process: tokens per epoch times epochs (auto if not given)."""
        return self.billable_tokens * (n_epochs or auto_epochs(len(self.examples)))

    def error_message(self, label: str) -> str:
        """All problems in one message, as a failed job reports them."""
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(self.counts().items()))
        lines = [f"The {label} has {len(self.problems)} problem(s) ({counts})."]
        lines += [f"  {problem}" for problem in self.problems[:MAX_PROBLEMS_LISTED]]
        hidden = len(self.problems) - MAX_PROBLEMS_LISTED
        if hidden > 0:
            lines.append(f"  ... and {hidden} more (counted above).")
        return "\n".join(lines)

    def warning_message(self) -> str:
        """The warnings in one line: how many of each kind, and the first of each."""
        first: dict[str, Problem] = {}
        for warning in self.warnings:
            first.setdefault(warning.kind, warning)
        kinds = Counter(warning.kind for warning in self.warnings)
        return "Warnings: " + "; ".join(f"{kinds[kind]} {kind}, e.g. {first[kind]}" for kind in sorted(first))

    def summary(self) -> str:
        """The cookbook's report: problems by kind, token distributions, estimated tokens."""
        lines = [f"Examples: {len(self.examples)} valid, problems: {len(self.problems)}"]
        for kind, n in sorted(self.counts().items()):
            lines.append(f"  {kind}: {n}")
        if self.warnings:
            lines.append(self.warning_message())
        for name, values in (
            ("messages per example", self.messages_per_example),
            ("tokens per example", self.tokens_per_example),
            ("assistant tokens per example", self.assistant_tokens_per_example),
        ):
            if values:
                lines.append(f"{name}: {_distribution(values)}")
        if self.examples:
            epochs = auto_epochs(len(self.examples))
            lines.append(
                f"~{self.billable_tokens} tokens per epoch; with n_epochs={epochs} (auto), "
                f"training will process ~{self.estimated_training_tokens(epochs)} tokens."
            )
        return "\n".join(lines)


def _distribution(values: list[int]) -> str:
    ordered = sorted(values)
    p5 = ordered[int(0.05 * (len(ordered) - 1))]
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"min {ordered[0]}, max {ordered[-1]}, mean {statistics.mean(ordered):.1f}, "
        f"median {statistics.median(ordered):g}, p5 {p5}, p95 {p95}"
    )


def auto_epochs(n_examples: int) -> int:
    """OpenAI's default number of epochs for a dataset of this size (cookbook rule)."""
    if n_examples <= 0:
        return TARGET_EPOCHS
    if n_examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES:
        return min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES // n_examples)
    if n_examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES:
        return max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES // n_examples)
    return TARGET_EPOCHS


def _check_message(index: int, message) -> list[tuple[str, str]]:
    """Problems of one message, as (kind, text) pairs."""
    where = f"message {index + 1}"
    if not isinstance(message, dict):
        return [("data_type", f"{where} is not an object")]
    problems = []
    for key in ("role", "content"):
        if key not in message:
            problems.append(("message_missing_key", f"{where} has no '{key}'"))
    unknown = sorted(set(message) - set(KNOWN_MESSAGE_KEYS))
    if unknown:
        problems.append(("message_unrecognized_key", f"{where} has unrecognized key(s) {unknown}"))
    role = message.get("role")
    if "role" in message and role not in KNOWN_ROLES:
        problems.append(
            ("unrecognized_role", f"{where} has role {role!r}; roles are {', '.join(KNOWN_ROLES)}")
        )
    content = message.get("content")
    has_call = message.get("function_call") or message.get("tool_calls")
    if "content" in message and not has_call and (not isinstance(content, str) or not content.strip()):
        problems.append(("missing_content", f"{where} ({role}) has empty or non-text content"))
    return problems


def validate_dataset(
    text: str,
    count_tokens: Callable[[str], int],
    token_limit: int,
    min_examples: int = MIN_EXAMPLES,
    training_limit: int | None = None,
) -> DatasetReport:
    """Check a chat-format JSONL text; return every problem and the token statistics.
    training_limit: the most tokens per example that training reads, where that is less than the
    context (a longer example is cut: a warning, as for duplicates)."""
    report = DatasetReport(examples=[], problems=[], token_limit=token_limit)
    n_examples = 0
    first_seen: dict[str, int] = {}  # an example's messages (as JSON) -> the line it first appeared on
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue  # blank lines (a trailing newline) are harmless
        n_examples += 1
        found: list[tuple[str, str]] = []
        try:
            example = json.loads(line)
        except json.JSONDecodeError as exc:
            found.append(("invalid_json", f"not valid JSON ({exc.msg} at column {exc.colno})"))
            example = None
        if example is not None and not isinstance(example, dict):
            found.append(("data_type", f"is a JSON {type(example).__name__}, not an object"))
        elif isinstance(example, dict):
            messages = example.get("messages")
            if not isinstance(messages, list) or not messages:
                found.append(("missing_messages_list", "has no non-empty \"messages\" list"))
            else:
                for index, message in enumerate(messages):
                    found += _check_message(index, message)
                roles = [m.get("role") for m in messages if isinstance(m, dict)]
                if "assistant" not in roles:
                    found.append(
                        ("example_missing_assistant_message", "has no assistant message to learn from")
                    )
        if not found:
            tokens, assistant_tokens = _count_example(example["messages"], count_tokens)
            if tokens > token_limit:
                found.append(
                    ("too_long", f"has {tokens} tokens; the model takes at most {token_limit}")
                )
            else:
                key = json.dumps(example["messages"], sort_keys=True)
                if key in first_seen:
                    report.warnings.append(
                        Problem(line_number, "duplicate_example", f"repeats line {first_seen[key]}"))
                first_seen.setdefault(key, line_number)
                if training_limit is not None and tokens > training_limit:
                    report.warnings.append(Problem(
                        line_number, "truncated",
                        f"has {tokens} tokens; training reads at most {training_limit}, so the start of its prompt is cut"))
                report.examples.append(example)
                report.tokens_per_example.append(tokens)
                report.assistant_tokens_per_example.append(assistant_tokens)
                report.messages_per_example.append(len(example["messages"]))
        report.problems += [Problem(line_number, kind, message) for kind, message in found]

    if n_examples < min_examples:
        report.problems.append(
            Problem(
                None,
                "too_few_examples",
                f"the file has {n_examples} example(s), but must have at least {min_examples}",
            )
        )
    return report


def _count_example(messages: list[dict], count_tokens: Callable[[str], int]) -> tuple[int, int]:
    """(all tokens, assistant tokens) of an example's message contents."""
    total = assistant = 0
    for message in messages:
        content = message.get("content")
        n = count_tokens(content) if isinstance(content, str) else 0
        total += n
        if message.get("role") == "assistant":
            assistant += n
    return total, assistant
