"""Training acme-tiny's passage, label and fixed-answer heads on chat rows.

Pre-training and fine-tuning alike use chat-format rows ({"messages": [..., {"role":
"assistant", ...}]}), the format of OpenAI's fine-tuning files. Each row is read like a
request, and its assistant answer is mapped to the answer starts the network should have
chosen (which sentence it quotes, which label, or which fixed answer). The loss is the
cross-entropy of those choices: a real loss curve from real gradient steps.
"""

from __future__ import annotations

import re
from typing import Sequence

import torch
import torch.nn.functional as F

from course_utils.offline.model.acme_tiny.features import MAX_SENTENCES, Features, featurize, texts_to_embed
from course_utils.offline.model.acme_tiny.network import FIXED_ANSWERS, N_FIXED, AcmeTinyNetwork
from course_utils.offline.model.acme_tiny.tensors import Example, batch_tensors, second_step_logits, task_of
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.reading.words import content_words
from course_utils.offline.reading.reader import read_prompt
from course_utils.offline.training.loop import train


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def answer_targets(features: Features, answer: str) -> list[int] | None:
    """The answer starts an assistant answer corresponds to, or None if it matches nothing."""
    said = _normal(answer)
    if features.labels:
        bare = said.strip(" .\"'`*")
        names = [name.lower() for name in features.labels]
        if bare in names:
            return [N_FIXED + MAX_SENTENCES + names.index(bare)]
        mentioned = [(said.find(n), k) for k, n in enumerate(names) if re.search(rf"\b{re.escape(n)}\b", said)]
        return [N_FIXED + MAX_SENTENCES + min(mentioned)[1]] if mentioned else None
    for k, fixed in enumerate(FIXED_ANSWERS):
        if said == _normal(fixed):
            return [k]
    found = sorted((said.find(_normal(s)), i) for i, s in enumerate(features.sentences) if _normal(s) in said)
    if found:
        return [N_FIXED + i for _, i in found[:2]]
    if features.sentences:  # a paraphrase: the sentence with the most words in common, if close
        words = content_words(answer)
        overlaps = [len(words & content_words(s)) / max(1, len(words)) for s in features.sentences]
        best = max(range(len(overlaps)), key=overlaps.__getitem__)
        if overlaps[best] >= 0.6:
            return [N_FIXED + best]
    return None


def make_examples(rows: Sequence[dict], embed: Embedder, read=read_prompt) -> tuple[list[Example], int]:
    """Featurise chat rows, each read by `read` (as served, by default); returns the examples and how
    many rows matched no answer start."""
    examples, unmatched = [], 0
    reads = [read(row["messages"][:-1]) for row in rows]
    embed([text for read in reads for text in texts_to_embed(read)])  # one big batch: much faster
    for row, read in zip(rows, reads):
        answer = row["messages"][-1].get("content") or ""
        features = featurize(read, embed)
        targets = answer_targets(features, answer)
        if targets is None:
            unmatched += 1
            continue
        examples.append(Example(features, task_of(features), targets))
    return examples, unmatched


def example_loss(network: AcmeTinyNetwork, batch: Sequence[Example]) -> torch.Tensor:
    """Mean cross-entropy of the first choice, plus of the stop-or-quote-again choice."""
    logits = network(**batch_tensors(batch, network.config))
    first = torch.tensor([ex.target[0] for ex in batch])
    losses = [F.cross_entropy(logits, first)]
    for row, ex in zip(logits, batch):
        sentence = ex.target[0] - N_FIXED
        if ex.task == 0 and 0 <= sentence < len(ex.features.sentences):
            second = second_step_logits(network, ex.features, sentence, row)
            wanted = ex.target[1] - N_FIXED + 1 if len(ex.target) > 1 else 0
            losses.append(F.cross_entropy(second.unsqueeze(0), torch.tensor([wanted])) / len(batch))
    return losses[0] + sum(losses[1:], torch.tensor(0.0))


@torch.no_grad()
def mean_loss(network: AcmeTinyNetwork, examples: Sequence[Example], batch_size: int = 64) -> float:
    network.eval()
    total = 0.0
    for i in range(0, len(examples), batch_size):
        batch = examples[i:i + batch_size]
        total += float(example_loss(network, batch)) * len(batch)
    return total / max(1, len(examples))


def train_answers(network: AcmeTinyNetwork, examples: list[Example], epochs: int, batch_size: int,
                  learning_rate: float, **settings) -> None:
    """AdamW on the cross-entropy of the answer choices (loop.train; settings: seed, validation, ...)."""
    train(network, examples, epochs, batch_size, learning_rate, loss_of=example_loss, valid_loss_of=mean_loss,
          **settings)
