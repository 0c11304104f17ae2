"""Acme's support tickets as the workbench of lesson 02 (prompt engineering).

- `development_split`: the training tickets split, once and for all, into an example pool and a
  dev set to iterate on; the test tickets stay for the final check;
- `ExampleChooser`: few-shot examples from the pool, at random or the most similar ones;
- `ticket_messages`: one classification prompt in several layouts, with instructions you write;
- `TICKET_GROUPS` and `two_step_predictor`: the task split in two, the kind of request first,
  then the label within that kind, each step with instructions of its own;
- `TRIAGE_INSTRUCTIONS` and `PRIORITIES`: a richer output (label, priority, one-line summary) as JSON;
  `read_triage` checks a reply against it, `triage_answer` writes the answer a fine-tune learns from;
- `fine_tuning_rows` and `triage_rows`: tickets as chat-format training rows for the short codes-only
  prompt and for the triage format (lesson 04).
"""

from __future__ import annotations

import json
import random
import re
from typing import Sequence

from course_utils.datasets import load_tickets
from course_utils.embeddings import Embed, closest
from course_utils.label_eval import first_label_in
from course_utils.predictors import CLASSIFY_INSTRUCTIONS, Trace, classify_messages, example_lines, label_lines
from course_utils.runner import Prediction

Example = tuple[str, str]  # (ticket text, label)


def fine_tuning_rows(tickets: Sequence[dict], labels: Sequence[str]) -> list[dict]:
    """Chat-format training rows: the codes-only prompt for each ticket, its label as the answer."""
    return [{"messages": classify_messages(t["text"], labels) + [{"role": "assistant", "content": t["label"]}]}
            for t in tickets]


def triage_rows(tickets: Sequence[dict], labels: Sequence[str]) -> list[dict]:
    """Chat-format training rows for the triage format: its instructions, the triage JSON as the answer."""
    return [{"messages": classify_messages(t["text"], labels, instructions=TRIAGE_INSTRUCTIONS)
             + [{"role": "assistant", "content": triage_answer(t)}]} for t in tickets]


def development_split(dev_size: int = 120, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(pool, dev): the training tickets shuffled with a fixed seed; dev_size of them to iterate on,
    the rest a pool to draw examples from. The two never share a ticket."""
    tickets = load_tickets("train")
    random.Random(seed).shuffle(tickets)
    return tickets[dev_size:], tickets[:dev_size]


class ExampleChooser:
    """Few-shot examples for a ticket, drawn from a pool of labelled tickets.

    "random": k tickets drawn at random (a different draw for each text, reproducible);
    "similar": the k tickets whose embeddings lie closest to the text's, closest first.
    """

    HOW = ("random", "similar")

    def __init__(self, pool: Sequence[dict], embed: Embed):
        self.pool, self.embed = list(pool), embed
        self.texts = [ticket["text"] for ticket in self.pool]

    def __call__(self, text: str, k: int, how: str = "similar", seed: int = 0) -> list[Example]:
        if how not in self.HOW:
            raise ValueError(f"how must be one of {', '.join(self.HOW)}, not {how!r}")
        if k <= 0:
            return []
        if how == "random":
            chosen = random.Random(f"{seed}:{text}").sample(self.pool, min(k, len(self.pool)))
        else:
            chosen = [self.pool[i] for i in closest(text, self.texts, self.embed, k)]
        return [(ticket["text"], ticket["label"]) for ticket in chosen]


# ---------------------------------------------------------------------------------------------
# One prompt, several layouts

def _one_message(text, labels, descriptions, examples, instructions):
    parts = [instructions, f"Labels:\n{label_lines(labels, descriptions)}"]
    if examples:
        parts.append(f"Examples:\n{example_lines(examples)}")
    parts.append(f"Message: {text}")
    return [{"role": "user", "content": "\n\n".join(parts)}]


def _chat_turns(text, labels, descriptions, examples, instructions):
    turns = [{"role": "system", "content": f"{instructions}\n\nLabels:\n{label_lines(labels, descriptions)}"}]
    for shown, label in examples:
        turns += [{"role": "user", "content": f"Message: {shown}"}, {"role": "assistant", "content": label}]
    return turns + [{"role": "user", "content": f"Message: {text}"}]


def _markdown(text, labels, descriptions, examples, instructions):
    parts = [f"## Labels\n{label_lines(labels, descriptions)}"]
    if examples:
        parts.append(f"## Examples\n{example_lines(examples)}")
    parts.append(f"## Customer message\n{text}")
    return [{"role": "system", "content": instructions}, {"role": "user", "content": "\n\n".join(parts)}]


LAYOUTS = {
    "labels in the system message": lambda text, labels, descriptions, examples, instructions:
        classify_messages(text, labels, descriptions, examples, instructions),
    "all in one user message": _one_message,
    "examples as chat turns": _chat_turns,
    "Markdown sections": _markdown,
}


def ticket_messages(text: str, labels: Sequence[str], descriptions: dict[str, str] | None = None,
                    examples: Sequence[Example] = (), instructions: str = CLASSIFY_INSTRUCTIONS,
                    layout: str = "labels in the system message") -> list[dict]:
    """The messages that classify one ticket, in one of `LAYOUTS`."""
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown layout {layout!r}; the layouts are: {', '.join(LAYOUTS)}")
    return LAYOUTS[layout](text, labels, descriptions, examples, instructions)


# ---------------------------------------------------------------------------------------------
# Splitting the task: the kind of request first, then the label within it

# The four kinds of request, the labels each holds, what it covers, and the instructions that
# only that kind needs (from the "How to choose" rules of data/tickets/labels.md). The kinds'
# descriptions were written and compared on the dev tickets (72.5% of them put in the right kind).
TICKET_GROUPS = {
    "MONEY": (("BILL", "MEMB"),
              "Charges, payments, invoices, gift cards, promo codes, and the Acme Plus membership fee and "
              "benefits.",
              "The Acme Plus fee, renewals and Plus benefits are MEMB; every other charge is BILL."),
    "ACCOUNT": (("ACCT",), "Logging in, passwords, account details, privacy and data, suspended accounts.", ""),
    "ORDER": (("ORDR", "SHIP", "RTRN", "DEFT"),
              "An order placed: changing or cancelling it, delivery and tracking, items damaged or wrong on "
              "arrival, returns and refunds, items that failed after use.",
              "Where the item or the order stands decides: not shipped yet is ORDR; arrived damaged or "
              "wrong is SHIP; failed after use is DEFT; fine but unwanted is RTRN."),
    "PRODUCT": (("PROD",), "Questions about products before buying: sizes, specifications, stock, compatibility, "
                           "how to use.", ""),
}
GROUP_INSTRUCTIONS = "What kind of request is the customer message? Answer with one label only."


def two_step_predictor(client, model: str, descriptions: dict[str, str], **params):
    """A predictor that asks for the kind of request (`TICKET_GROUPS`), then for the label among
    that kind's labels with that kind's instructions; a kind with one label needs no second call.
    A reply that names no kind falls back to one call over every label. Tokens of both calls count."""
    group_descriptions = {group: about for group, (_, about, _) in TICKET_GROUPS.items()}
    every_label = [label for labels, _, _ in TICKET_GROUPS.values() for label in labels]

    def predict(item: dict) -> Prediction:
        trace = Trace(client)
        reply = trace.chat(model, classify_messages(item["text"], list(TICKET_GROUPS), group_descriptions,
                                                    instructions=GROUP_INSTRUCTIONS), **params)
        group = first_label_in(reply, TICKET_GROUPS)
        labels, _, rules = TICKET_GROUPS[group] if group else (every_label, "", "")
        if len(labels) == 1:
            return trace.prediction(labels[0])
        instructions = f"{CLASSIFY_INSTRUCTIONS} {rules}".strip()
        return trace.prediction(trace.chat(model, classify_messages(item["text"], labels, descriptions,
                                                                    instructions=instructions), **params))

    return predict


# ---------------------------------------------------------------------------------------------
# A richer output: triage as JSON

PRIORITIES = ("low", "normal", "urgent")
TRIAGE_INSTRUCTIONS = (
    "Triage the customer message. Reply with a JSON object only, with three keys: "
    '"label" (one of the labels below), "priority" ("low", "normal" or "urgent") and '
    '"summary" (one line of at most 25 words saying what the customer wants).'
)

MAX_SUMMARY_WORDS = 25
# Acme's triage rule: a product that broke or never came is urgent, a question before buying or
# about membership can wait, the rest is normal. (The tickets carry labels only: priority follows
# from the label by this rule, and the summary is the ticket's own first sentence.)
PRIORITY_BY_LABEL = {"DEFT": "urgent", "SHIP": "urgent", "PROD": "low", "MEMB": "low"}
# A greeting: the word, at most three more words ("Dear customer service"), then a comma or line break.
_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening))\b(\s+[\w.'-]+){0,3}\s*[,\n!]\s*",
                       re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s")


def triage_answer(ticket: dict) -> str:
    """The triage JSON a fine-tune learns from: the ticket's label, the priority Acme's rule gives
    it, and its first sentence (greeting removed, at most 25 words) as the summary."""
    text = _GREETING.sub("", " ".join(ticket["text"].split()), count=1)
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    summary = " ".join(first.split()[:MAX_SUMMARY_WORDS])
    return json.dumps({"label": ticket["label"], "priority": PRIORITY_BY_LABEL.get(ticket["label"], "normal"),
                       "summary": summary})


def read_triage(reply: str, labels: Sequence[str]) -> dict | None:
    """The triage in a reply (plain or fenced JSON) if it is valid: an allowed label and priority and
    a one-line summary of 1-25 words. None if it is not."""
    text = reply.strip().removeprefix("```json").removeprefix("```").removesuffix("```").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    summary = data.get("summary") if isinstance(data, dict) else None
    valid = (isinstance(summary, str) and "\n" not in summary and 0 < len(summary.split()) <= MAX_SUMMARY_WORDS
             and data.get("label") in labels and data.get("priority") in PRIORITIES)
    return data if valid else None
