"""Fine-tuning jobs through the openai SDK: upload rows, run a job, read its loss curve.

The same calls work against OpenAI, the course's offline server, and any server that implements
the fine-tuning jobs API:

    rows = [{"messages": [..., {"role": "assistant", "content": "BILL"}]}, ...]
    job, seconds = fine_tune(client, rows, "tickets", validation_rows=dev_rows)
    curve = loss_curve(client, job.id)        # one dict per training step
    plot_losses({"3 epochs": curve})
    client.chat.completions.create(model=job.fine_tuned_model, ...)

`hosted_training_estimate` prices a training file on OpenAI before anything is spent, counting
tokens as OpenAI's cookbook does (tiktoken's o200k_base, a few tokens of formatting per message).
"""

from __future__ import annotations

import io
import json
import time
from functools import lru_cache
from typing import Callable, Sequence

from course_utils.backend import on_this_computer
from course_utils.fine_tuning_data import DatasetReport, validate_dataset
from course_utils.models import model_for, training_price_for

FINISHED = ("succeeded", "failed", "cancelled")
TOKENS_PER_MESSAGE = 3  # the chat format's tokens around each message (the cookbook's figure)
TOKENS_PER_REPLY = 3  # and the ones that open the assistant's reply
# The most tokens one training example may hold on OpenAI: the figure documented for gpt-4o-mini
# and gpt-4o (65,536), assumed for gpt-4.1-mini; check your provider's limit.
HOSTED_EXAMPLE_TOKEN_LIMIT = 65_536


def to_jsonl(rows: Sequence[dict]) -> bytes:
    """Rows as a JSONL file's bytes: one JSON object per line, UTF-8."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def upload_rows(client, rows: Sequence[dict], filename: str):
    """Upload rows as a fine-tuning file; returns the SDK's FileObject."""
    return client.files.create(file=(filename, io.BytesIO(to_jsonl(rows))), purpose="fine-tune")


def _new_events(client, job_id: str, seen: set[str]) -> list:
    """The job's events since the last call, oldest first. The API lists newest first, a page at
    a time, and a metrics event per step can fill many pages between two polls: read back until
    an event already seen."""
    new = []
    for event in client.fine_tuning.jobs.list_events(job_id, limit=100):  # iterating fetches next pages
        if event.id in seen:
            break
        new.append(event)
    seen.update(event.id for event in new)
    return new[::-1]


def wait_for_job(client, job_id: str, on_event: Callable[[str], None] | None = None,
                 poll_seconds: float | None = None):
    """Poll a job until it ends; `on_event` gets each new event's message, oldest first (metrics
    events are left out: there is one per step). Returns the finished job. poll_seconds: by default
    0.5 s on a server on this computer, 15 s on a provider (a hosted job takes minutes to hours,
    and polling it twice a second would run into its rate limits)."""
    poll_seconds = poll_seconds or (0.5 if on_this_computer(str(client.base_url)) else 15.0)
    seen: set[str] = set()
    while True:
        job = client.fine_tuning.jobs.retrieve(job_id)
        if on_event:
            for event in _new_events(client, job_id, seen):
                if event.type != "metrics":
                    on_event(event.message)
        if job.status in FINISHED:
            return job
        time.sleep(poll_seconds)


def fine_tune(client, rows: Sequence[dict], suffix: str, validation_rows: Sequence[dict] | None = None,
              hyperparameters: dict | None = None, seed: int | None = 0, model: str | None = None,
              on_event: Callable[[str], None] | None = None):
    """Upload the rows, run a fine-tuning job and wait for it: (the finished job, seconds taken).

    A job that fails or is cancelled raises RuntimeError with the job's own error message.
    seed: the job's seed, so the same data gives the same model (None: the provider picks one).
    model: the base model (default: the registry's fine_tune_base)."""
    training = upload_rows(client, rows, f"{suffix}.jsonl")
    validation = upload_rows(client, validation_rows, f"{suffix}-validation.jsonl") if validation_rows else None
    started = time.perf_counter()
    job = client.fine_tuning.jobs.create(
        model=model or model_for("fine_tune_base"), training_file=training.id, suffix=suffix,
        method={"type": "supervised", "supervised": {"hyperparameters": hyperparameters or {}}},
        **({"validation_file": validation.id} if validation else {}),
        **({} if seed is None else {"seed": seed}))
    job = wait_for_job(client, job.id, on_event)
    if job.status != "succeeded":
        message = job.error.message if job.error and job.error.message else "no error message"
        raise RuntimeError(f"Fine-tuning job {job.id} ended {job.status}: {message}")
    return job, time.perf_counter() - started


def loss_curve(client, job_id: str) -> list[dict]:
    """The job's metrics events as dicts (step, train_loss, valid_loss when validated), by step.
    Iterating the SDK's page fetches every page, as OpenAI lists at most 100 events at a time."""
    metrics = [event.data for event in client.fine_tuning.jobs.list_events(job_id, limit=100)
               if event.type == "metrics" and event.data]
    return sorted(metrics, key=lambda data: data["step"])


def validation_points(curve: list[dict]) -> list[tuple[int, float]]:
    """(step, validation loss) where the job measured one: the loss on the whole validation file
    (`full_valid_loss`, which OpenAI reports at the end of each epoch) when the job gives it,
    else `valid_loss` (on OpenAI, measured on a small sample of the file at many steps)."""
    key = "full_valid_loss" if any(p.get("full_valid_loss") is not None for p in curve) else "valid_loss"
    return [(p["step"], p[key]) for p in curve if p.get(key) is not None]


def plot_losses(curves: dict[str, list[dict]], title: str | None = None, smooth: int = 20, ax=None):
    """Training loss (a moving average over `smooth` steps) and validation loss, for each job."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    for (name, curve), color in zip(curves.items(), plt.rcParams["axes.prop_cycle"].by_key()["color"]):
        steps = [point["step"] for point in curve]
        train = [point["train_loss"] for point in curve]
        window = max(1, min(smooth, len(train)))
        # a step's loss is one batch's: plot the mean of the last `window` steps, from the first full window on
        averaged = [sum(train[i - window + 1:i + 1]) / window for i in range(window - 1, len(train))]
        ax.plot(steps[window - 1:], averaged, color=color, alpha=0.5, label=f"{name}: training (mean of {window} steps)")
        validated = validation_points(curve)
        if validated:
            ax.plot(*zip(*validated), color=color, linestyle="--", marker="o", label=f"{name}: validation")
    ax.set(xlabel="training step", ylabel="loss", title=title or "Loss during fine-tuning")
    ax.legend(fontsize=8)
    ax.figure.tight_layout()
    return ax


@lru_cache(maxsize=1)
def _openai_encoding():
    import tiktoken

    from course_utils.offline_assets import use_packaged_assets

    use_packaged_assets()  # tiktoken's tables from the installed packages, not a download
    return tiktoken.get_encoding("o200k_base")


def hosted_text_tokens(text: str) -> int:
    """Tokens of a text in OpenAI's current tokenizer (tiktoken's o200k_base)."""
    return len(_openai_encoding().encode(text, disallowed_special=()))


def hosted_token_count(messages: Sequence[dict]) -> int:
    """Tokens of one chat example as OpenAI's cookbook counts them: each message's content plus
    a few tokens of formatting per message."""
    return TOKENS_PER_REPLY + sum(TOKENS_PER_MESSAGE + hosted_text_tokens(str(m.get("content") or ""))
                                  for m in messages)


def check_file(text: str, token_limit: int = HOSTED_EXAMPLE_TOKEN_LIMIT) -> DatasetReport:
    """Validate a chat-format JSONL text before uploading it: every problem, with its line number,
    counting tokens as OpenAI does. (The offline server runs the same checks with its own model's
    tokenizer and context length when a job starts.)"""
    return validate_dataset(text, hosted_text_tokens, token_limit)


def hosted_training_estimate(rows: Sequence[dict], n_epochs: int, model: str | None = None) -> tuple[int, float]:
    """(tokens trained on, US dollars) for a job on OpenAI: tokens of every example times epochs,
    at the registry's training price for `model` (default: the OpenAI fine_tune_base)."""
    model = model or model_for("fine_tune_base", backend="openai")
    price = training_price_for(model)
    if price is None:
        raise ValueError(f"No training price known for {model!r}; add it to models.TRAINING_PRICES.")
    tokens = n_epochs * sum(hosted_token_count(row["messages"]) for row in rows)
    return tokens, tokens * price.per_million / 1_000_000
