"""Teaching acme-tiny's SQL head: from chat rows whose answer is a query to gradient steps.

Each row is read as a request; the model gathers its candidate queries exactly as it does
when serving; the right candidates are those that equal the row's query. The loss is the
cross-entropy of choosing a right one. Fine-tuning also writes the training pairs into the
model's memory (with their question vectors), gives every query template a prototype, and
learns a lexicon of which question words ask for which code, and then trains with each row
left out of the memory it is scored against, as an unseen question would be. Like a language
model's fine-tune, it learns from every row: when no candidate writes a row's query, the row's
query stands in for the closest candidate (so a fine-tune on bad data learns the bad data).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Sequence

import numpy as np
import torch

from course_utils.offline.model.acme_tiny.network import AcmeTinyNetwork
from course_utils.offline.model.acme_tiny.tensors import SqlExample, memory_of, seen_of, sql_batch_tensors, sql_example
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.reading.sql_request import read_sql_request, sql_of_answer
from course_utils.offline.reading.words import content_words
from course_utils.offline.sql.adaptation import CodeMeaning
from course_utils.offline.sql.candidates import MAX_CANDIDATES, SeenQueries, SqlMemory, gather_candidates, seen_key
from course_utils.offline.sql.transfer import Linker, cached_view, said_in_question
from course_utils.offline.training.loop import train
from course_utils.sql_eval import score_sql
from course_utils.sql_masking import normal_sql, template_of

SQL_PARAMETERS = ("sql_scorer", "sql_prototypes", "sql_query")
TRANSFER_PARAMETERS = ("sql_transfer_scorer",)
# The transfer scorer is fitted full-batch and stopped early, before it fits its 12 databases: the
# step count was chosen by cross-validation over them (benchmarks/cv_transfer_scorer.py; figures in
# benchmarks/RESULTS.md).
TRANSFER_STEPS, TRANSFER_LEARNING_RATE = 50, 0.01
# Fine-tuning keeps the pre-trained scorer and learns only the template prototypes and their
# query map, like an adapter: it leaves the pre-trained scorer untouched, and scored as well as
# moving the whole head on splits of train.jsonl (benchmarks/cv_sql_design_choices.py).
FINE_TUNED_SQL_PARAMETERS = ("sql_prototypes", "sql_query")
_CODE_USE = re.compile(r"([\w.]+)\s*(?:=|<>|!=)\s*'([^']+)'")


def split_sql_rows(rows: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """Split chat rows into (text-to-SQL rows, the others)."""
    is_sql = [bool(sql_of_answer(row["messages"][-1].get("content") or "")) and
              read_sql_request(row["messages"][:-1]) is not None for row in rows]
    return [r for r, s in zip(rows, is_sql) if s], [r for r, s in zip(rows, is_sql) if not s]


def same_query(a: str, b: str) -> bool:
    return normal_sql(a).lower() == normal_sql(b).lower()


def make_sql_examples(rows: Sequence[dict], embed: Embedder, memory: SqlMemory | None = None,
                      leave_out_own: bool = False, seen: SeenQueries | None = None) -> tuple[list[SqlExample], int]:
    """Featurised requests with their right candidates; also how many rows had none right."""
    examples, missed = [], 0
    for row in rows:
        request = read_sql_request(row["messages"][:-1])
        gold = sql_of_answer(row["messages"][-1].get("content") or "")
        if request is None or gold is None:
            missed += 1
            continue
        candidates = gather_candidates(request, embed, memory, leave_out=request.question if leave_out_own else None,
                                       seen=seen)
        right = [i for i, c in enumerate(candidates) if same_query(c.sql, gold)]
        if not right and leave_out_own:
            candidates, right = _with_gold_stand_in(candidates, gold, memory)
        if not right:
            missed += 1
            continue
        example = sql_example(candidates, request.question, embed)
        example.target = right
        examples.append(example)
    return examples, missed


def _with_gold_stand_in(candidates: list, gold: str, memory: SqlMemory | None) -> tuple[list, list[int]]:
    """Fine-tuning learns from every row, as a language model's fine-tune does, also when no
    candidate writes the row's query: the closest candidate stands in with the row's query and its
    template's prototype, so the gradient teaches "this question's answer has that template". Its
    other features stay the closest candidate's, so only the learned prototypes can tell them apart."""
    slot = memory.template_slots.get(template_of(gold), -1) if memory else -1
    if slot < 0 or not candidates:
        return candidates, []
    stand_in = replace(candidates[0], sql=gold, template_slot=slot)
    kept = candidates[:MAX_CANDIDATES - 1]
    return kept + [stand_in], [len(kept)]


def make_transfer_examples(requests: Sequence[dict], embed: Embedder,
                           seen: SeenQueries) -> tuple[list[SqlExample], int]:
    """Schema-only requests ({"messages", "sql", "db"}) answered with carried-over queries. A
    candidate is right when it returns the gold query's rows on that database: a carried-over
    query rarely matches the gold text, and several can be right."""
    examples, missed = [], 0
    for item in requests:
        request = read_sql_request(item["messages"])
        candidates = gather_candidates(request, embed, seen=seen)
        right = [i for i, c in enumerate(candidates) if score_sql(item["db"], c.sql, item["sql"]).correct]
        example = sql_example(candidates, request.question, embed)
        if not right or not example.transfer:
            missed += 1
            continue
        example.target = right
        examples.append(example)
    return examples, missed


def sql_loss(network: AcmeTinyNetwork, batch: Sequence[SqlExample]) -> torch.Tensor:
    """Mean negative log of the probability given to the right candidates."""
    logits = network.sql_logits(**sql_batch_tensors(batch, network.config.embed_dim))
    right = torch.zeros_like(logits, dtype=torch.bool)
    for i, ex in enumerate(batch):
        right[i, ex.target] = True
    chosen = torch.logsumexp(logits.masked_fill(~right, -1e9), dim=-1)
    return (torch.logsumexp(logits, dim=-1) - chosen).mean()


@torch.no_grad()
def mean_sql_loss(network: AcmeTinyNetwork, examples: Sequence[SqlExample]) -> float:
    network.eval()
    return float(sql_loss(network, examples)) if examples else float("nan")


def train_sql(network: AcmeTinyNetwork, examples: list[SqlExample], epochs: int, batch_size: int,
              learning_rate: float, parts: tuple[str, ...] = SQL_PARAMETERS, **settings) -> None:
    """AdamW on (parts of) the SQL head only; the passage and label heads are left as they are.

    settings: as for loop.train (seed, validation, report, should_stop, ...)."""
    parameters = [p for name, p in network.named_parameters() if name.split(".")[0] in parts]
    train(network, examples, epochs, batch_size, learning_rate, loss_of=sql_loss, valid_loss_of=mean_sql_loss,
          parameters=parameters, **settings)


# --------------------------------------------------------------------------------------
# What fine-tuning writes into the model besides weights


def learn_lexicon(pairs: Sequence[tuple[str, str]], top_words: int = 8) -> list[CodeMeaning]:
    """For each code a column is compared with, the question words that ask for it.

    A word's weight is how much more often it appears in questions using this code than in
    questions using the column's other codes (a contrast of frequencies, learned from data)."""
    questions = defaultdict(list)  # (column, code) -> question word sets
    for question, sql in pairs:
        if "IN (" in sql.upper():
            sql = re.sub(r"\bIN\s*\([^()]*\)", "", sql, flags=re.IGNORECASE)  # lists are logic, not asks
        for column, code in set(_CODE_USE.findall(sql)):
            if code.lower() not in question.lower():
                questions[(column.split(".")[-1], code)].append(content_words(question))
    lexicon = []
    for (column, code), own in questions.items():
        others = [ws for (col, c), q in questions.items() if col == column and c != code for ws in q]
        if not others:
            continue
        mine, theirs = Counter(w for ws in own for w in ws), Counter(w for ws in others for w in ws)
        weights = {w: n / len(own) - theirs[w] / len(others) for w, n in mine.items()}
        best = sorted(((v, w) for w, v in weights.items() if v > 0.25), reverse=True)[:top_words]
        if best:
            lexicon.append(CodeMeaning(code, column, {w: round(v, 3) for v, w in best}))
    return lexicon


def write_memory(network: AcmeTinyNetwork, rows: Sequence[dict], embed: Embedder) -> SqlMemory:
    """Store the training pairs, their vectors, template slots and lexicon in the network."""
    pairs = []
    for row in rows:
        request = read_sql_request(row["messages"][:-1])
        pairs.append([request.question, sql_of_answer(row["messages"][-1]["content"])])
    config = network.config
    config.sql_memory = config.sql_memory + pairs
    for _, sql in pairs:
        template = template_of(sql)
        if template not in config.sql_templates and len(config.sql_templates) < config.sql_slots:
            config.sql_templates.append(template)
    config.sql_lexicon = [[m.code, m.column, m.words] for m in learn_lexicon(config.sql_memory)]
    network.sql_memory_keys = torch.from_numpy(embed([q for q, _ in config.sql_memory]).copy())
    return memory_of(network)


def write_seen_queries(network: AcmeTinyNetwork, seen: dict, embed: Embedder) -> SeenQueries:
    """Store pre-training's queries and their search keys in the network (config and buffer)."""
    views = {db: cached_view(text) for db, text in seen["schemas"].items()}
    link = Linker(embed)
    said = [said_in_question(q, sql, views[db], link) for q, sql, db in seen["pairs"]]
    network.config.sql_seen = {**seen, "said": said}
    keys = np.stack([seen_key(q, views[db], embed) for q, _, db in seen["pairs"]])
    network.sql_seen_keys = torch.from_numpy(keys.astype(np.float32))
    return seen_of(network)
