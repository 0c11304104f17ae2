"""A small real model for testing the offline service, and the tests' shared helpers.

The service's tests must not depend on the course's model (it is trained separately and is
large enough to be slow), yet they should exercise real computation: real logits, real
sampling, real gradient steps. So this file defines a character-level bigram language model
in numpy that follows the service's protocol:

- `BigramChat` (a ChatModel): the next character's logits depend on the previous one; the
  first one on the prompt's last character. Base weights are fitted on a toy corpus.
- `BigramTrainer` (a Trainer): gradient descent on the cross-entropy of the assistant replies,
  reporting the real loss every step and saving one checkpoint per epoch.
- `BigramLoader` (a ModelLoader).

Other test files import these, and `serve(...)`, from this module.
"""

from __future__ import annotations

import contextlib
import math
import time
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np
import openai
import pytest

from course_utils.offline.api.protocol import Prompt, TrainingReport
from course_utils.offline.server import ServerHandle, start_server

BASE_ID = "toy-bigram"
CHARS = "\n" + "".join(chr(c) for c in range(32, 127))  # the vocabulary: printable ASCII
EOS = len(CHARS)  # the end-of-sequence token comes after the characters
VOCAB = len(CHARS) + 1
BOS_ROW = VOCAB  # the weights' extra row: "no previous character"
CORPUS = [
    "the cat sat on the mat.",
    "a dog ran to the park.",
    "the sun is hot today.",
    "we like to read books.",
    "rain fell on the roof.",
    "she sang a happy song.",
    "he ate an apple at noon.",
    "birds fly over the sea.",
]


def char_ids(text: str) -> list[int]:
    return [CHARS.index(c) for c in text if c in CHARS]


def sequences(examples: Sequence[dict]) -> list[list[tuple[int, int]]]:
    """(previous, next) pairs of each example's assistant replies, ending with EOS."""
    out = []
    for example in examples:
        messages = example["messages"]
        for i, message in enumerate(messages):
            if message["role"] != "assistant":
                continue
            context = "".join(m["content"] for m in messages[:i])
            previous = char_ids(context)[-1] if char_ids(context) else BOS_ROW
            ids = char_ids(message["content"]) + [EOS]
            pairs = []
            for token in ids:
                pairs.append((previous, token))
                previous = token
            out.append(pairs)
    return out


def fit_counts(lines: Sequence[str]) -> np.ndarray:
    """Base weights: smoothed log bigram frequencies of the corpus."""
    counts = np.full((VOCAB + 1, VOCAB), 0.05)
    for line in lines:
        for prev, nxt in sequences([{"messages": [{"role": "assistant", "content": line}]}])[0]:
            counts[prev, nxt] += 1
    return np.log(counts / counts.sum(axis=1, keepdims=True))


class BigramChat:
    """A character bigram model behind the ChatModel protocol."""

    vocab_size = VOCAB
    eos_id = EOS
    context_length = 400

    def __init__(self, model_id: str, weights: np.ndarray):
        self.id = model_id
        self.weights = weights  # (VOCAB + 1 rows: previous char or BOS, VOCAB columns: next)

    def read_prompt(self, messages: Sequence[dict]) -> Prompt:
        text = "".join(m["content"] for m in messages)
        ids = char_ids(text)
        # One token per character, plus one per message for its role marker.
        return Prompt(n_tokens=len(text) + len(messages), state=ids[-1] if ids else BOS_ROW)

    def next_token_logits(self, prompt: Prompt, generated: Sequence[int]) -> np.ndarray:
        previous = generated[-1] if generated else prompt.state
        return self.weights[previous].copy()

    def token_text(self, prompt: Prompt, token_id: int) -> str:
        return "" if token_id == EOS else CHARS[token_id]

    def count_tokens(self, text: str) -> int:
        return len(text)


class BigramLoader:
    def __init__(self):
        self.base = fit_counts(CORPUS)

    def base_model_ids(self) -> list[str]:
        return [BASE_ID]

    def load_base(self, model_id: str) -> BigramChat:
        return BigramChat(model_id, self.base)

    def load_fine_tuned(self, model_id: str, folder: Path) -> BigramChat:
        return BigramChat(model_id, np.load(folder / "weights.npy"))


def cross_entropy(weights: np.ndarray, pairs: list[tuple[int, int]]) -> tuple[float, np.ndarray, float]:
    """Mean loss, its gradient with respect to the weights, and next-token accuracy."""
    prev = np.array([p for p, _ in pairs])
    nxt = np.array([n for _, n in pairs])
    logits = weights[prev]
    logits = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    loss = float(-np.log(probs[np.arange(len(nxt)), nxt]).mean())
    grad_rows = probs
    grad_rows[np.arange(len(nxt)), nxt] -= 1.0
    grad = np.zeros_like(weights)
    np.add.at(grad, prev, grad_rows / len(nxt))
    accuracy = float((logits.argmax(axis=1) == nxt).mean())
    return loss, grad, accuracy


class BigramTrainer:
    """Fine-tunes the bigram weights with plain gradient descent (a real loss curve)."""

    base_learning_rate = 2.0

    def __init__(self, step_delay: float = 0.0, fail_at_step: int | None = None):
        self.step_delay = step_delay  # seconds per step, so tests can cancel mid-training
        self.fail_at_step = fail_at_step  # raise at this step, to test failed jobs

    def train(self, base_model_id, training, validation, hyperparameters, out_dir: Path,
              report: Callable[[TrainingReport], None], should_stop: Callable[[], bool],
              checkpoint: Callable[[int, Path], None]) -> None:
        rng = np.random.default_rng(hyperparameters["seed"])
        weights = BigramLoader().load_base(base_model_id).weights.copy()
        examples = sequences(training)
        valid_pairs = [p for seq in sequences(validation) for p in seq] if validation else None
        batch = hyperparameters["batch_size"]
        epochs = hyperparameters["n_epochs"]
        lr = self.base_learning_rate * hyperparameters["learning_rate_multiplier"]
        per_epoch = math.ceil(len(examples) / batch)
        step = 0
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(examples))
            for start in range(0, len(examples), batch):
                if should_stop():
                    return
                if self.fail_at_step == step + 1:
                    raise RuntimeError("the toy trainer was told to fail here")
                pairs = [p for i in order[start:start + batch] for p in examples[i]]
                loss, grad, accuracy = cross_entropy(weights, pairs)
                weights -= lr * grad
                step += 1
                valid_loss = cross_entropy(weights, valid_pairs)[0] if valid_pairs else None
                report(TrainingReport(step=step, total_steps=epochs * per_epoch, train_loss=loss,
                                      valid_loss=valid_loss, epoch=epoch,
                                      extra={"train_mean_token_accuracy": np.float64(accuracy)}))
                time.sleep(self.step_delay)
            folder = out_dir / f"checkpoint-epoch-{epoch}"
            folder.mkdir(parents=True)
            np.save(folder / "weights.npy", weights)
            checkpoint(epoch, folder)
        np.save(out_dir / "weights.npy", weights)


# ----- helpers shared by the test files ---------------------------------------------------


@contextlib.contextmanager
def serve(state_dir: Path, trainer=None, **kwargs) -> Iterator[tuple[ServerHandle, openai.OpenAI]]:
    """A server with the toy model, and an SDK client pointed at it."""
    handle = start_server(state_dir=state_dir, loader=BigramLoader(),
                          trainer=trainer or BigramTrainer(), **kwargs)
    client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0, timeout=30)
    try:
        yield handle, client
    finally:
        client.close()
        handle.stop()


def chat_example(question: str, answer: str) -> dict:
    return {"messages": [{"role": "system", "content": "Answer briefly."},
                         {"role": "user", "content": question},
                         {"role": "assistant", "content": answer}]}


def jsonl(examples: Sequence[dict]) -> bytes:
    import json

    return "".join(json.dumps(e) + "\n" for e in examples).encode("utf-8")


def wait_for(predicate: Callable[[], object], timeout: float = 15.0, what: str = "condition"):
    """Poll until `predicate()` is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# ----- tests of the toy model itself (so the service's tests stand on solid ground) --------


def test_logits_are_a_real_distribution_fitted_on_the_corpus():
    model = BigramLoader().load_base(BASE_ID)
    prompt = model.read_prompt([{"role": "user", "content": "th"}])
    logits = model.next_token_logits(prompt, [])
    assert logits.shape == (VOCAB,)
    assert np.isclose(np.exp(logits).sum(), 1.0)  # base weights are log-probabilities
    assert CHARS[int(np.argmax(logits))] == "e"  # "th" -> "e", as in the corpus


def test_trainer_lowers_the_loss_with_real_gradient_steps(tmp_path):
    examples = [chat_example(f"question {i}?", "yes.") for i in range(10)]
    reports: list[TrainingReport] = []
    checkpoints = []
    BigramTrainer().train(BASE_ID, examples, None, {"n_epochs": 3, "batch_size": 2,
                          "learning_rate_multiplier": 1.0, "seed": 0}, tmp_path,
                          reports.append, lambda: False, lambda e, f: checkpoints.append(e))
    assert len(reports) == 15 and checkpoints == [1, 2, 3]
    assert reports[-1].train_loss < reports[0].train_loss / 2
    assert (tmp_path / "weights.npy").exists()


@pytest.mark.parametrize("epochs", [1])
def test_trainer_stops_when_asked(tmp_path, epochs):
    reports = []
    BigramTrainer().train(BASE_ID, [chat_example("q", "a")] * 10, None,
                          {"n_epochs": epochs, "batch_size": 1, "learning_rate_multiplier": 1.0, "seed": 0},
                          tmp_path, reports.append, lambda: len(reports) >= 3, lambda e, f: None)
    assert len(reports) == 3
    assert not (tmp_path / "weights.npy").exists()
