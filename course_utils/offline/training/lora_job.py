"""Fine-tuning jobs on the open LLM (SmolLM2-135M-Instruct): LoRA with peft, the Trainer of
offline/api/protocol.py.

Each row's last assistant message is the answer; the turns before it, written with the model's
chat template, are the prompt. The loss covers the answer and what the template writes to close
the turn, nothing else (`encode_rows`, course_utils/lora.py). The pretrained weights stay frozen; the adapter is what a job saves:
one folder per epoch (a checkpoint) and the final one, each with peft's `adapter_config.json`
and `adapter_model.safetensors`, a few megabytes.

What keeps a job inside a laptop's time and a Binder's memory (figures in RESULTS.md):
- adapters on the top `layers` of the 30 layers only: the layers below run without keeping
  anything for the backward pass, which stops at the lowest adapter (on the top 8 layers only,
  dev accuracy fell from 63% to 37%);
- one example at a time through the model, the gradients added up to the job's batch size: no
  padding, and the activations of one example held at once (1.27 GB peak for the trainer alone,
  2.16 GB in micro-batches of 4, for about 10% more time);
- scores over the vocabulary computed at the answer's positions only (`lora.answer_loss`);
- the C allocator's free memory handed back after each step.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from course_utils import lora
from course_utils.offline.api.protocol import TrainingReport, content_text

BASE_LEARNING_RATE = 3e-3  # learning_rate_multiplier 1.0 means this (LoRA takes larger rates than full fine-tuning)
# The adapter's own hyperparameters, besides OpenAI's three: {name: (type, lowest, highest)}.
ADAPTER_RANGES = {"lora_rank": (int, 1, 256), "lora_alpha": (int, 1, 1024), "lora_layers": (int, 1, 30)}
# What "auto" means for this model's jobs.
AUTO = {"n_epochs": 2, "batch_size": 16, "learning_rate_multiplier": 1.0,
        "lora_rank": 16, "lora_alpha": 32, "lora_layers": 15}
MICRO_BATCH = 1  # examples per forward pass
# Examples longer than this recompute the adapted layers' activations in the backward pass instead
# of keeping them. The trainer alone on 64 triage rows (median 196 tokens) peaked at 1.33 GB with a
# threshold of 200 tokens and 1.20 GB with 150, for 12% more time; on labels rows (median 112) the two
# thresholds took the same time; recomputing every labels example cost a third more (benchmarks/RESULTS.md).
RECOMPUTE_OVER_TOKENS = 150
WARMUP_STEPS = 10


@dataclass(frozen=True)
class AdapterSettings:
    """The adapter a job trains: its rank, scale and where it sits."""

    rank: int = AUTO["lora_rank"]
    alpha: int = AUTO["lora_alpha"]  # the update is scaled by alpha / rank
    layers: int = AUTO["lora_layers"]  # adapted layers, counted from the top
    target_modules: tuple[str, ...] = lora.ALL_LINEAR
    max_length: int = 512  # longer examples lose the start of their prompt

    @classmethod
    def of_job(cls, hyperparameters: dict) -> "AdapterSettings":
        given = {name: hyperparameters.get(name) for name in ADAPTER_RANGES}
        return cls(**{name.removeprefix("lora_"): int(value) for name, value in given.items()
                      if value not in (None, "auto")})

    def peft_config(self, n_layers: int):
        config = lora.lora_config(self.rank, self.alpha, self.target_modules, dropout=0.0)
        config.layers_to_transform = list(range(max(0, n_layers - self.layers), n_layers))
        return config


def encode_rows(rows: Sequence[dict], tokenizer, max_length: int) -> list[dict]:
    """Chat rows as masked examples: the turns before the last assistant message as the prompt
    (with the assistant's header added), that message as the answer, with whatever the chat
    template writes to close the turn (for SmolLM2, `<|im_end|>` and a line break)."""
    def ids(messages, **options) -> list[int]:
        out = tokenizer.apply_chat_template(messages, tokenize=True, **options)
        return list(out["input_ids"] if hasattr(out, "keys") else out)

    examples = []
    for row in rows:
        messages = [{"role": m["role"], "content": content_text(m.get("content"))} for m in row["messages"]]
        last = max(i for i, m in enumerate(messages) if m["role"] == "assistant")
        prompt, full = ids(messages[:last], add_generation_prompt=True), ids(messages[:last + 1])
        if full[:len(prompt)] == prompt:
            answer = full[len(prompt):]
        else:  # a template that writes a finished turn differently: the answer, then end of text
            answer = tokenizer.encode(messages[last]["content"], add_special_tokens=False) + [tokenizer.eos_token_id]
        examples.append(lora.masked_example(prompt, answer, max_length))
    return examples


def recompute_activations(layers, on: bool) -> None:
    """With on, these decoder layers keep only their inputs for the backward pass, which runs them
    again (activation checkpointing): less memory on a long example, for more time (the trainer alone
    on 96 triage rows: peak 1.53 GB, 1.26 GB recomputing for every example, 25-40% more time each)."""
    import functools

    from torch.utils.checkpoint import checkpoint

    for layer in layers:
        layer.gradient_checkpointing = on
        layer._gradient_checkpointing_func = functools.partial(checkpoint, use_reentrant=False)


def shuffled_batches(examples: Sequence[dict], batch_size: int, rng: random.Random) -> list[list[dict]]:
    order = list(examples)
    rng.shuffle(order)
    return [order[start:start + batch_size] for start in range(0, len(order), batch_size)]


def on(device: str, batch: dict) -> dict:
    return {name: tensor.to(device) for name, tensor in batch.items()}


def mean_answer_loss(model, examples: Sequence[dict], pad_id: int, device: str = "cpu") -> float:
    """The mean cross-entropy per answer token over examples, without training."""
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.inference_mode():
        for start in range(0, len(examples), MICRO_BATCH):
            loss, n = lora.answer_loss(model, on(device, lora.collate(examples[start:start + MICRO_BATCH], pad_id)))
            total, count = total + loss.item(), count + n
    return total / max(count, 1)


class LoRATrainer:
    """Trains a LoRA adapter on the open LLM; `load_base()` gives a fresh (model, tokenizer)."""

    def __init__(self, load_base: Callable[[], tuple]):
        self.load_base = load_base

    def train(self, base_model_id, training, validation, hyperparameters, out_dir, report,
              should_stop, checkpoint) -> None:
        import torch
        from peft import get_peft_model

        settings = {name: (AUTO[name] if hyperparameters.get(name) in (None, "auto") else hyperparameters[name])
                    for name in ("n_epochs", "batch_size", "learning_rate_multiplier")}
        adapter = AdapterSettings.of_job(hyperparameters)
        epochs, batch_size = int(settings["n_epochs"]), int(settings["batch_size"])
        seed = int(hyperparameters.get("seed") or 0)
        torch.manual_seed(seed)
        rng = random.Random(seed)
        model, tokenizer = self.load_base()
        device = "cuda" if torch.cuda.is_available() else "cpu"
        model.to(device)
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        examples = encode_rows(training, tokenizer, adapter.max_length)
        held_out = encode_rows(validation, tokenizer, adapter.max_length) if validation else None
        config = adapter.peft_config(model.config.num_hidden_layers)
        model = get_peft_model(model, config)
        model.config.use_cache = False  # no key/value cache while training
        adapted = [model.get_base_model().get_decoder().layers[n] for n in config.layers_to_transform]

        optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad],
                                      lr=BASE_LEARNING_RATE * float(settings["learning_rate_multiplier"]),
                                      weight_decay=0.0)
        total = epochs * math.ceil(len(examples) / batch_size)
        # a warm-up over the first WARMUP_STEPS steps, then a straight line down (a job shorter than the
        # warm-up never reaches the full rate: 0.15 of it at the peak of a 4-step job)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: min(1.0, (step + 1) / WARMUP_STEPS) * max(0.0, 1 - step / total))
        out_dir, step = Path(out_dir), 0
        for epoch in range(1, epochs + 1):
            batches = shuffled_batches(examples, batch_size, rng)
            for number, batch in enumerate(batches, start=1):
                if should_stop():
                    return
                model.train()
                answer_tokens = sum(sum(label != lora.IGNORED for label in e["labels"][1:]) for e in batch)
                loss_sum = 0.0
                for start in range(0, len(batch), MICRO_BATCH):
                    examples_now = batch[start:start + MICRO_BATCH]
                    recompute_activations(adapted, max(len(e["input_ids"]) for e in examples_now) > RECOMPUTE_OVER_TOKENS)
                    loss, _ = lora.answer_loss(model, on(device, lora.collate(examples_now, pad_id)))
                    (loss / answer_tokens).backward()  # gradients add up over the micro-batches
                    loss_sum += loss.item()
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
                release_free_memory()
                step += 1
                last = number == len(batches)
                valid = mean_answer_loss(model, held_out, pad_id, device) if held_out and last else None
                report(TrainingReport(step, total, loss_sum / answer_tokens, valid, epoch))
            folder = out_dir / f"checkpoint-epoch-{epoch}"
            save_adapter(model, folder, base_model_id)
            checkpoint(epoch, folder)
        save_adapter(model, out_dir, base_model_id)


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (macOS, musl)."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def release_free_memory() -> None:
    """Hand back to the system the memory that freed tensors left in the C allocator's pools
    (glibc keeps it otherwise: a job that ended would leave the kernel 0.5 GB larger)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def save_adapter(model, folder: Path, base_model_id: str) -> None:
    """peft's adapter files, naming the base model by its served id (not a cache path)."""
    model.peft_config["default"].base_model_name_or_path = base_model_id
    # The embeddings are not adapted: without this, peft looks the base model up on the Hub to check.
    model.save_pretrained(folder, save_embedding_layers=False)


def is_adapter(folder: Path) -> bool:
    """Whether a fine-tuned model's folder holds a LoRA adapter (else another model's weights)."""
    return (Path(folder) / "adapter_config.json").is_file()
