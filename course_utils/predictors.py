"""Predictors: question in, answer out (with usage), for any backend.

`chat_predictor` turns a prompt builder into a predictor the evaluation runner accepts
(course_utils.runner.evaluate), so prompts, RAG pipelines and fine-tuned models all plug into
the same evaluation. The prompt builders below are the course's plain starting prompts;
notebooks show them and then improve on them.
"""

from __future__ import annotations

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
