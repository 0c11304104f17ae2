"""LoRA on an open causal LLM, with peft and transformers: the core of a fine-tuning job.

LoRA (Hu et al., 2021) freezes the pretrained weights and learns, next to each chosen weight
matrix W (d_out x d_in), a low-rank update (alpha / r) * B @ A with A (r x d_in) and B (d_out x r).
Only A and B train: a few percent of the parameters, so the optimizer's state is small and the
adapter saved at the end is megabytes, not the whole model.

- `lora_config`: the adapter's settings (rank, alpha, dropout, which linear layers get one);
- `architecture`: a model's layers with no weights in memory (PyTorch's "meta" device), to count
  parameters before downloading or loading anything;
- `parameter_counts`: trainable and total parameters;
- `masked_example` and `collate`: token ids for training where only the answer is learned: the
  prompt's positions get the label -100, which the loss ignores;
- `answer_loss`: the cross-entropy of the answer tokens, with logits computed at those positions only;
- `train_step`: one optimizer step on a batch.

Torch, transformers and peft are imported inside the functions: importing this module is free.
"""

from __future__ import annotations

import warnings
from typing import Sequence

# peft 0.21 reads a transformers attribute that transformers 5 renamed (`is_gradient_checkpointing`);
# the FutureWarning it prints tells a learner nothing. Set once here: catch_warnings is not thread-safe.
warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)

IGNORED = -100  # the label transformers' cross-entropy skips

# SmolLM2-135M's shape, from its published config.json (a Llama-architecture model).
SMOLLM2_135M = dict(
    vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
    num_attention_heads=9, num_key_value_heads=3, max_position_embeddings=8192,
    rope_theta=100000.0, rms_norm_eps=1e-5, tie_word_embeddings=True,
)
ATTENTION = ("q_proj", "k_proj", "v_proj", "o_proj")
MLP = ("gate_proj", "up_proj", "down_proj")
ALL_LINEAR = ATTENTION + MLP


def lora_config(rank: int = 16, alpha: int = 32, target_modules: Sequence[str] = ALL_LINEAR,
                dropout: float = 0.05):
    """peft's LoraConfig for a causal LM: an adapter of this rank on each named linear layer."""
    from peft import LoraConfig

    return LoraConfig(task_type="CAUSAL_LM", r=rank, lora_alpha=alpha, lora_dropout=dropout,
                      target_modules=list(target_modules), bias="none")


def architecture(shape: dict = SMOLLM2_135M):
    """A Llama-architecture model of this shape with no weights allocated (the meta device):
    its layers and parameter counts are real, its numbers are not there."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    with torch.device("meta"):
        return LlamaForCausalLM(LlamaConfig(**shape))


def parameter_counts(model) -> tuple[int, int]:
    """(trainable, total) parameters; tied weights (input and output embeddings) counted once."""
    seen, trainable, total = set(), 0, 0
    for parameter in model.parameters():  # parameters() yields a shared tensor once
        if id(parameter) in seen:
            continue
        seen.add(id(parameter))
        total += parameter.numel()
        trainable += parameter.numel() if parameter.requires_grad else 0
    return trainable, total


def masked_example(prompt_ids: Sequence[int], answer_ids: Sequence[int], max_length: int,
                   end_ids: Sequence[int] = ()) -> dict:
    """input_ids and labels for one example, the loss on the answer only.

    end_ids: the tokens that close the assistant's turn (for SmolLM2's chat template, <|im_end|>).
    They are trained on with the answer: a model that never learned to end its turn keeps talking.
    Labels line up with input_ids; transformers shifts them by one inside the model, so each
    position learns to predict the next token. An example too long for max_length loses the *start*
    of its prompt (the answer and the text right before it matter most); an answer longer than
    max_length is an error."""
    answer_ids = list(answer_ids) + list(end_ids)
    if len(answer_ids) > max_length:
        raise ValueError(f"The answer has {len(answer_ids)} tokens, more than max_length={max_length}.")
    prompt_ids = list(prompt_ids)[max(0, len(prompt_ids) + len(answer_ids) - max_length):]
    return {"input_ids": prompt_ids + answer_ids, "labels": [IGNORED] * len(prompt_ids) + answer_ids}


def collate(examples: Sequence[dict], pad_id: int):
    """Examples padded on the right into tensors: input_ids, attention_mask, labels (-100 on padding)."""
    import torch

    width = max(len(example["input_ids"]) for example in examples)

    def padded(values, fill):
        return values + [fill] * (width - len(values))

    return {
        "input_ids": torch.tensor([padded(e["input_ids"], pad_id) for e in examples]),
        "attention_mask": torch.tensor([padded([1] * len(e["input_ids"]), 0) for e in examples]),
        "labels": torch.tensor([padded(e["labels"], IGNORED) for e in examples]),
    }


def answer_loss(model, batch: dict):
    """(summed cross-entropy over the answer tokens, how many there are) for a batch from `collate`.

    The model's output layer turns a position's hidden state into scores for the whole vocabulary
    (49,152 tokens for SmolLM2): computed at every position of a batch, those scores and their
    gradients take more memory than the rest of the step. Only the answer's positions are scored
    here. Labels are shifted by one, as inside transformers: position t predicts token t + 1."""
    import torch

    causal_lm = model.get_base_model() if hasattr(model, "get_base_model") else model  # peft or plain
    hidden = causal_lm.get_decoder()(input_ids=batch["input_ids"],
                                     attention_mask=batch["attention_mask"]).last_hidden_state
    targets = batch["labels"][:, 1:]
    scored = targets != IGNORED
    logits = causal_lm.get_output_embeddings()(hidden[:, :-1][scored])
    loss = torch.nn.functional.cross_entropy(logits.float(), targets[scored], reduction="sum")
    return loss, int(scored.sum())


def train_step(model, batch: dict, optimizer) -> float:
    """One step: the mean cross-entropy over the answer tokens, backward, update. Returns the loss."""
    model.train()
    total, count = answer_loss(model, batch)
    loss = total / max(count, 1)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
