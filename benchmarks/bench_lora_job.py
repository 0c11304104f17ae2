"""A LoRA fine-tuning job on the open LLM (SmolLM2-135M-Instruct), through the SDK and the offline server.

The job: lesson 02's 360 pool tickets as the training file, the 120 dev tickets as the validation
file, the model's default hyperparameters. Two tasks, as in lesson 04:

- labels (default): the codes-only prompt, the label as the answer. Scored by exact label: the
  reply, stripped, must be the label;
- triage (--task triage): the triage instructions, a JSON object (label, priority, one-line
  summary) as the answer. Scored by the share of valid triage JSON (`read_triage`) and the share
  of those with the right label.

Prints the job's time, the process's peak memory (the server runs inside this process, as in a
notebook's kernel: resident, and proportional, which counts the shared weights' pages once), and the scores of the base model and the fine-tuned one on dev and on
the 240 test tickets.

    python benchmarks/bench_lora_job.py                 # the full job, about 5 minutes on 2 cores
    python benchmarks/bench_lora_job.py --train 48 --dev 16 --test 16 --epochs 1   # a quick look

Run it on an otherwise idle machine: two CPU-heavy jobs at once halve each one's speed.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import threading
import time

import openai

from course_utils.datasets import load_tickets
from course_utils.fine_tuning import fine_tune
from course_utils.offline.model.open_llm import MODEL_ID
from course_utils.offline.server import start_server
from course_utils.ticket_prompts import development_split, fine_tuning_rows, read_triage, triage_rows


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # Linux reports kilobytes


class ProportionalPeak:
    """The highest proportional set size (PSS) seen, sampled every `seconds` on a background thread.

    Resident memory (RSS) counts a file's pages once per mapping: the job's copy of the weights and the
    served copy map the same safetensors file, so RSS counts those pages twice where the system holds
    them once. PSS counts them once (and reading it costs a few milliseconds, hence the sampling)."""

    def __init__(self, seconds: float = 2.0):
        import psutil

        self.process, self.peak, self.seconds = psutil.Process(), 0, seconds
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.process.memory_full_info().pss)
            time.sleep(self.seconds)


def task_rows(task: str, tickets, labels) -> list[dict]:
    """Chat rows for the task: the prompt, then the answer a fine-tune learns."""
    return (triage_rows if task == "triage" else fine_tuning_rows)(tickets, labels)


def scores(client, model: str, task: str, tickets, labels) -> str:
    """The model's greedy replies scored: exact labels, or valid triage JSON and right labels within it."""
    replies = [(client.chat.completions.create(model=model, messages=row["messages"][:-1], temperature=0,
                                               max_tokens=80 if task == "triage" else 8).choices[0].message.content
                or "").strip() for row in task_rows(task, tickets, labels)]
    if task != "triage":
        return f"exact label {sum(r == t['label'] for r, t in zip(replies, tickets)) / len(tickets):.1%}"
    parsed = [read_triage(reply, labels) for reply in replies]
    valid = sum(p is not None for p in parsed) / len(tickets)
    right = sum(p is not None and p["label"] == t["label"] for p, t in zip(parsed, tickets)) / len(tickets)
    return f"valid triage JSON {valid:.1%}, with the right label {right:.1%} (e.g. {replies[0][:70]!r})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--task", choices=("labels", "triage"), default="labels")
    parser.add_argument("--train", type=int, default=None, help="training tickets (default: all 360)")
    parser.add_argument("--dev", type=int, default=None, help="dev tickets (default: all 120)")
    parser.add_argument("--test", type=int, default=None, help="test tickets (default: all 240)")
    parser.add_argument("--epochs", type=int, default=None, help="n_epochs (default: the model's auto)")
    parser.add_argument("--lr", type=float, default=None, help="learning_rate_multiplier (default: auto)")
    args = parser.parse_args()
    pool, dev = development_split()
    test = load_tickets("test")
    pool, dev, test = pool[:args.train], dev[:args.dev], test[:args.test]
    labels = sorted({ticket["label"] for ticket in pool})
    hyperparameters = {k: v for k, v in (("n_epochs", args.epochs), ("learning_rate_multiplier", args.lr)) if v}

    pss = ProportionalPeak()
    with tempfile.TemporaryDirectory() as state, start_server(state_dir=state, open_model=True) as handle:
        client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0, timeout=600)
        started = time.perf_counter()
        job, seconds = fine_tune(client, task_rows(args.task, pool, labels), args.task, task_rows(args.task, dev, labels),
                                 hyperparameters=hyperparameters, model=MODEL_ID,
                                 on_event=lambda message: print(f"  [{time.perf_counter() - started:5.0f} s] {message}"))
        print(f"job: {len(pool)} training tickets, {job.hyperparameters.n_epochs} epochs, batch "
              f"{job.hyperparameters.batch_size}: {seconds:.0f} s ({seconds / 60:.1f} min); "
              f"peak resident memory so far {peak_gb():.2f} GB (proportional, sampled: {pss.peak / 1e9:.2f} GB)")
        for name, tickets in (("dev", dev), ("test", test)):
            print(f"{name} ({len(tickets)} tickets), base: {scores(client, MODEL_ID, args.task, tickets, labels)}")
            print(f"{name} ({len(tickets)} tickets), fine-tuned: "
                  f"{scores(client, job.fine_tuned_model, args.task, tickets, labels)}")
        client.close()
    print(f"peak resident memory of this process: {peak_gb():.2f} GB (proportional, sampled: {pss.peak / 1e9:.2f} GB)")


if __name__ == "__main__":
    main()
