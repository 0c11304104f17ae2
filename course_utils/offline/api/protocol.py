"""The contract between the offline service and the model behind it.

The service (HTTP API, sampling loop, files, fine-tuning jobs) knows nothing about how the
model works; it only calls the methods below. That keeps the course's own small model
swappable, and lets the service's tests run with any small model that follows the contract.

Generation is token by token: the model turns the request's messages into a prompt state,
then gives, for the tokens generated so far, the logits of the next token. The service
samples from them (temperature, top_p, seed, n), so sampling and logprobs are real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

import numpy as np


def content_text(content) -> str:
    """A message's content as text: a string as it is, text parts joined by newlines (the SDK also
    allows a list of parts), and no content (an assistant turn that only called tools) as ""."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict))


@dataclass
class Prompt:
    """What a model made of the request's messages."""

    n_tokens: int  # prompt length in the model's own tokens (reported as usage.prompt_tokens)
    state: Any = None  # whatever the model needs to continue (parsed context, caches...)


class ChatModel(Protocol):
    """A model the offline service can serve under a model id.

    Optionally, `supported_parameters` names request parameters that the service refuses by
    default (chat.UNSUPPORTED, e.g. "response_format") but that this model honours.
    """

    id: str  # the model id clients ask for, e.g. "acme-tiny" or "ft:acme-tiny:my-run:ftjob-abc"
    vocab_size: int  # length of the logits vector
    eos_id: int  # the token that ends a completion (finish_reason "stop")
    context_length: int  # most tokens a prompt plus its completion may hold (limits, validation)

    def read_prompt(self, messages: Sequence[dict]) -> Prompt:
        """Turn chat messages ({"role", "content"}, content as `content_text` reads it) into a prompt state."""

    def next_token_logits(self, prompt: Prompt, generated: Sequence[int]) -> np.ndarray:
        """Unnormalised scores of every possible next token (shape: (vocab_size,))."""

    def token_text(self, prompt: Prompt, token_id: int) -> str:
        """The text a token stands for (may depend on the prompt, e.g. a copied passage)."""

    def count_tokens(self, text: str) -> int:
        """How many of the model's tokens a piece of text takes (for validation and usage)."""


@dataclass
class TrainingReport:
    """What a trainer reports after each step; becomes a fine-tuning event and metrics."""

    step: int
    total_steps: int
    train_loss: float
    valid_loss: float | None = None
    epoch: int = 1
    extra: dict = field(default_factory=dict)


class Trainer(Protocol):
    """Fine-tunes a base model on chat-format examples and saves the result.

    Optionally, `auto_hyperparameters(base_model_id)` returns what "auto" means for that model's
    jobs (a dict of n_epochs, batch_size, learning_rate_multiplier and its own), or None for the
    service's; `hyperparameter_ranges(base_model_id)` names the hyperparameters it takes besides
    OpenAI's three, as {name: (int or float, lowest, highest)}; `max_example_tokens(base_model_id)`
    says how many tokens of an example training reads, where that is less than the model's
    context (validation then warns about longer examples), or None.
    """

    def train(
        self,
        base_model_id: str,
        training: list[dict],  # rows of the uploaded JSONL: {"messages": [...]}
        validation: list[dict] | None,
        hyperparameters: dict,  # n_epochs, batch_size, learning_rate_multiplier (resolved), seed
        out_dir: Path,  # write the fine-tuned model here (and one checkpoint per epoch)
        report: Callable[[TrainingReport], None],
        should_stop: Callable[[], bool],  # True once the job was cancelled: stop and return
        checkpoint: Callable[[int, Path], None],  # (epoch, folder) once an epoch is saved
    ) -> None:
        """Train; raise to fail the job; return normally when done or cancelled."""


class ModelLoader(Protocol):
    """Loads a served model: the base one by id, or a fine-tuned one from its folder."""

    def base_model_ids(self) -> list[str]: ...

    def load_base(self, model_id: str) -> ChatModel: ...

    def load_fine_tuned(self, model_id: str, folder: Path) -> ChatModel: ...
