"""Training acme-tiny: from chat examples to gradient steps, for pre-training and fine-tuning alike.

Both use chat-format rows ({"messages": [..., {"role": "assistant", ...}]}), the format of
OpenAI's fine-tuning files. Each row is read like a request, and its assistant answer is
mapped to the answer starts the network should have chosen (which sentence it quotes, which
label, or which fixed answer). The loss is the cross-entropy of those choices: a real loss
curve from real gradient steps.
"""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from typing import Callable, Sequence

import torch
import torch.nn.functional as F

from course_utils.offline.api.protocol import TrainingReport
from course_utils.offline.model.acme_tiny.features import (MAX_SENTENCES, Features, content_words, featurize,
                                                           texts_to_embed)
from course_utils.offline.model.acme_tiny.network import FIXED_ANSWERS, N_FIXED, AcmeTinyNetwork
from course_utils.offline.model.acme_tiny.tensors import (Example, batch_tensors, memory_of, second_step_logits,
                                                          seen_of, task_of)
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.reading.prompt_reader import read_prompt

BASE_LEARNING_RATE = 1e-3  # learning_rate_multiplier 1.0 means this


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


def make_examples(rows: Sequence[dict], embed: Embedder) -> tuple[list[Example], int]:
    """Featurise chat rows; returns the examples and how many rows matched no answer start."""
    examples, unmatched = [], 0
    reads = [read_prompt(row["messages"][:-1]) for row in rows]
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


def train(
    network: AcmeTinyNetwork,
    examples: list[Example],
    epochs: int,
    batch_size: int,
    learning_rate: float,
    seed: int = 0,
    validation: list[Example] | None = None,
    report: Callable[[TrainingReport], None] = lambda r: None,
    should_stop: Callable[[], bool] = lambda: False,
    end_of_epoch: Callable[[int], None] = lambda epoch: None,
    loss_of: Callable = example_loss,
    valid_loss_of: Callable = mean_loss,
    parameters: list | None = None,
    first_step: int = 0,
    total_steps: int | None = None,
) -> None:
    """AdamW on a loss (by default the cross-entropy of the answer choices); reports every step.

    parameters: the weights to train (default all); first_step/total_steps: where these steps
    sit in a longer job, for its events."""
    torch.manual_seed(seed)
    order = random.Random(seed)
    optimizer = torch.optim.AdamW(parameters or network.parameters(), lr=learning_rate, weight_decay=1e-4)
    total = total_steps or epochs * math.ceil(len(examples) / batch_size)
    step = first_step
    for epoch in range(1, epochs + 1):
        shuffled = examples[:]
        order.shuffle(shuffled)
        for i in range(0, len(shuffled), batch_size):
            if should_stop():
                return
            network.train()
            loss = loss_of(network, shuffled[i:i + batch_size])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            last_of_epoch = i + batch_size >= len(shuffled)
            valid = valid_loss_of(network, validation) if validation and last_of_epoch else None
            report(TrainingReport(step, total, loss.item(), valid, epoch))
        end_of_epoch(epoch)
    network.eval()


# --------------------------------------------------------------------------------------
# Fine-tuning jobs (course_utils.offline.api.protocol.Trainer)

DEFAULT_HYPERPARAMETERS = {"n_epochs": 3, "batch_size": 16, "learning_rate_multiplier": 1.0}


def labels_in(examples: Sequence[Example]) -> list[str]:
    """Label names the examples teach (the answers of classification examples)."""
    names = []
    for ex in examples:
        if ex.task == 2:
            name = ex.features.labels[ex.target[0] - N_FIXED - MAX_SENTENCES]
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
    return names


class AcmeTinyTrainer:
    """Fine-tunes acme-tiny (or a fine-tuned acme-tiny) on uploaded chat examples."""

    def __init__(self, embed: Embedder, load_network: Callable[[str], AcmeTinyNetwork]):
        self.embed = embed
        self.load_network = load_network

    def train(self, base_model_id, training, validation, hyperparameters, out_dir, report,
              should_stop, checkpoint) -> None:
        from course_utils.offline.training.sql import (FINE_TUNED_SQL_PARAMETERS, make_sql_examples, split_sql_rows,
                                                       train_sql, write_memory)

        settings = {**DEFAULT_HYPERPARAMETERS, **{k: v for k, v in hyperparameters.items()
                                                   if v not in (None, "auto")}}
        epochs, batch_size = int(settings["n_epochs"]), int(settings["batch_size"])
        learning_rate = BASE_LEARNING_RATE * float(settings["learning_rate_multiplier"])
        seed = int(hyperparameters.get("seed") or 0)
        network = self.load_network(base_model_id)
        sql_training, training = split_sql_rows(training)
        sql_validation, validation = split_sql_rows(validation) if validation else ([], None)
        examples = make_examples(training, self.embed)[0] if training else []
        sql_examples = []
        if sql_training:  # the pairs go into the model's memory; each is then trained on left out of it
            memory = write_memory(network, sql_training, self.embed)
            sql_examples = make_sql_examples(sql_training, self.embed, memory, leave_out_own=True,
                                             seen=seen_of(network))[0]
        if not examples and not sql_examples:
            raise ValueError("None of the training examples' assistant answers quotes the passages, "
                             "names a listed label, gives a fixed answer or writes a query acme-tiny can learn.")
        held_out = make_examples(validation, self.embed)[0] if validation else None
        sql_held_out = (make_sql_examples(sql_validation, self.embed, memory_of(network), seen=seen_of(network))[0]
                        if sql_validation else None)
        # Give every label the data teaches a prototype slot of its own.
        known = [n.lower() for n in network.config.label_names]
        for name in labels_in(examples):
            if name.lower() not in known and len(known) < network.config.label_slots:
                network.config.label_names.append(name)
                known.append(name.lower())
        out_dir = Path(out_dir)
        chat_steps = epochs * math.ceil(len(examples) / batch_size) if examples else 0
        total = chat_steps + (epochs * math.ceil(len(sql_examples) / batch_size) if sql_examples else 0)

        def save_checkpoint(epoch: int) -> None:
            folder = out_dir / f"checkpoint-epoch-{epoch}"
            network.save_pretrained(folder)
            checkpoint(epoch, folder)

        def report_of_total(r: TrainingReport) -> None:
            report(TrainingReport(r.step, total, r.train_loss, r.valid_loss, r.epoch, r.extra))

        if examples:
            train(network, examples, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                  validation=held_out, report=report_of_total, should_stop=should_stop,
                  end_of_epoch=save_checkpoint if not sql_examples else lambda epoch: None)
        if sql_examples:
            train_sql(network, sql_examples, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                      parts=FINE_TUNED_SQL_PARAMETERS, seed=seed, validation=sql_held_out, report=report_of_total, should_stop=should_stop,
                      end_of_epoch=save_checkpoint, first_step=chat_steps, total_steps=total)
        if not should_stop():
            network.save_pretrained(out_dir)
