"""Fine-tuning jobs on acme-tiny: the Trainer of offline/api/protocol.py.

An uploaded file's rows are split into text-to-SQL rows and the others; each kind trains its
own head (answers.py, sql.py), for the job's epochs, with a checkpoint saved after each one.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Sequence

from course_utils.offline.api.protocol import TrainingReport
from course_utils.offline.model.acme_tiny.features import MAX_SENTENCES
from course_utils.offline.model.acme_tiny.network import N_FIXED, AcmeTinyNetwork
from course_utils.offline.model.acme_tiny.tensors import Example, memory_of, seen_of
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.training.answers import make_examples, train_answers
from course_utils.offline.training.sql import (FINE_TUNED_SQL_PARAMETERS, make_sql_examples, split_sql_rows, train_sql,
                                               write_memory)

BASE_LEARNING_RATE = 1e-3  # learning_rate_multiplier 1.0 means this
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
            train_answers(network, examples, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                          seed=seed, validation=held_out, report=report_of_total, should_stop=should_stop,
                          end_of_epoch=save_checkpoint if not sql_examples else lambda epoch: None)
        if sql_examples:
            train_sql(network, sql_examples, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                      parts=FINE_TUNED_SQL_PARAMETERS, seed=seed, validation=sql_held_out, report=report_of_total,
                      should_stop=should_stop, end_of_epoch=save_checkpoint, first_step=chat_steps, total_steps=total)
        if not should_stop():
            network.save_pretrained(out_dir)
