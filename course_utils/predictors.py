"""Predictors: question in, answer out (with usage), for any backend.

`chat_predictor` turns a prompt builder into a predictor the evaluation runner accepts
(course_utils.runner.evaluate), so prompts, RAG pipelines and fine-tuned models all plug into
the same evaluation. A `Trace` adds up the usage of an item that takes several calls. The prompt
builders below are the course's plain starting prompts; notebooks show them and then improve on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from course_utils.runner import Prediction
from course_utils.usage import estimate_cost

Messages = list[dict]


def chat_predictor(client, model: str, build_messages: Callable[[dict], Messages], **params):
    """A predictor that sends `build_messages(item)` to `model` and returns its answer."""

    def predict(item: dict) -> Prediction:
        response = client.chat.completions.create(model=model, messages=build_messages(item), **params)
        usage = response.usage
        return Prediction(
            text=response.choices[0].message.content or "",
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
            cost_usd=estimate_cost(model, usage.prompt_tokens, usage.completion_tokens) if usage else None,
        )

    return predict


@dataclass
class TracedPrediction(Prediction):
    steps: str = ""  # what the pipeline did for this question, e.g. "routed to kb -> 3 passages"


class Trace:
    """The chat calls one item makes (a two-step classifier, a RAG pipeline, a capstone question); their
    usage adds up to the item's."""

    def __init__(self, client):
        self.client = client
        self.prompt_tokens = self.completion_tokens = 0
        self.cost_usd: float | None = 0.0
        self.steps: list[str] = []  # what happened, for reading failures

    def chat(self, model: str, messages: list[dict], **params) -> str:
        """One chat completion (temperature 0 unless given); returns its text."""
        response = self.client.chat.completions.create(model=model, messages=messages,
                                                       **({"temperature": 0} | params))
        usage = response.usage
        if usage:
            self.prompt_tokens += usage.prompt_tokens
            self.completion_tokens += usage.completion_tokens
            cost = estimate_cost(model, usage.prompt_tokens, usage.completion_tokens)
            self.cost_usd = None if cost is None or self.cost_usd is None else self.cost_usd + cost
        return response.choices[0].message.content or ""

    def note(self, step: str) -> None:
        self.steps.append(step)

    def prediction(self, text: str) -> TracedPrediction:
        """The question's answer with the usage of every call it made and its steps."""
        return TracedPrediction(text=text, prompt_tokens=self.prompt_tokens,
                                completion_tokens=self.completion_tokens, cost_usd=self.cost_usd,
                                steps=" -> ".join(self.steps))


def qa_messages(question: str, passages: Sequence[str] = ()) -> Messages:
    """A plain document-QA prompt: instructions, the passages (if any), the question."""
    if not passages:
        return [{"role": "user", "content": question}]
    context = "\n\n".join(passages)
    return [
        {"role": "system", "content": "Answer the question using only the context. "
                                      "If the context does not contain the answer, say so."},
        {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"},
    ]


CLASSIFY_INSTRUCTIONS = "Classify the customer message. Answer with one label only."


def label_lines(labels: Sequence[str], descriptions: dict[str, str] | None = None) -> str:
    """The labels as a list ("- CODE: description"), or comma-separated codes without descriptions."""
    if descriptions:
        return "\n".join(f"- {label}: {descriptions.get(label, '')}" for label in labels)
    return ", ".join(labels)


def example_lines(examples: Sequence[tuple[str, str]]) -> str:
    """(text, label) examples as "text -> label" lines, each text on one line."""
    return "\n".join(f"{' '.join(text.split())} -> {label}" for text, label in examples)


def classify_messages(text: str, labels: Sequence[str], descriptions: dict[str, str] | None = None,
                      examples: Sequence[tuple[str, str]] = (),
                      instructions: str = CLASSIFY_INSTRUCTIONS) -> Messages:
    """A plain classification prompt: the instructions, the labels (with descriptions), examples, the text."""
    system = f"{instructions}\n\nLabels:\n{label_lines(labels, descriptions)}"
    if examples:
        system += "\n\nExamples:\n" + example_lines(examples)
    return [{"role": "system", "content": system}, {"role": "user", "content": f"Message: {text}"}]
