"""The training loop every acme-tiny head shares: AdamW steps on shuffled batches, reported.

answers.py (passages, labels, fixed answers) and sql.py (candidate queries) each bring their
examples and their loss; train_base.py and fine-tuning jobs (fine_tuning.py) call them.
"""

from __future__ import annotations

import math
import random
from typing import Callable, Sequence

import torch

from course_utils.offline.api.protocol import TrainingReport
from course_utils.offline.model.acme_tiny.network import AcmeTinyNetwork


def train(
    network: AcmeTinyNetwork,
    examples: list,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    *,
    loss_of: Callable[[AcmeTinyNetwork, Sequence], torch.Tensor],
    valid_loss_of: Callable[[AcmeTinyNetwork, Sequence], float],
    seed: int = 0,
    validation: list | None = None,
    report: Callable[[TrainingReport], None] = lambda r: None,
    should_stop: Callable[[], bool] = lambda: False,
    end_of_epoch: Callable[[int], None] = lambda epoch: None,
    parameters: list | None = None,
    first_step: int = 0,
    total_steps: int | None = None,
) -> None:
    """AdamW on a loss over shuffled batches of examples; reports every step, and the validation
    loss at the end of each epoch.

    loss_of(network, batch): the training loss; valid_loss_of(network, examples): the validation loss.
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
