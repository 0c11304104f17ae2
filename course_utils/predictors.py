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


def classify_messages(text: str, labels: Sequence[str], descriptions: dict[str, str] | None = None,
                      examples: Sequence[tuple[str, str]] = ()) -> Messages:
    """A plain classification prompt: the labels (with descriptions), examples, the text."""
    if descriptions:
        label_lines = "\n".join(f"- {label}: {descriptions.get(label, '')}" for label in labels)
    else:
        label_lines = ", ".join(labels)
    system = f"Classify the customer message. Answer with one label only.\n\nLabels:\n{label_lines}"
    if examples:
        system += "\n\nExamples:\n" + "\n".join(f"{' '.join(t.split())} -> {label}" for t, label in examples)
    return [{"role": "system", "content": system}, {"role": "user", "content": f"Message: {text}"}]
