"""From what acme-tiny read to the network's input tensors, and from its weights back to memory.

Requests differ in how many sentences, labels and candidate queries they have; the network
takes fixed-size tensors, so each example is padded to MAX_SENTENCES, MAX_LABELS or
MAX_CANDIDATES with a mask of what is real. Training batches many examples; serving, one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import torch

from course_utils.offline.model.acme_tiny.features import (GLOBAL_FEATURES, LABEL_FEATURES, MAX_LABELS,
                                                           MAX_SENTENCES, SENTENCE_FEATURES, Features)
from course_utils.offline.model.acme_tiny.network import NEG, N_FIXED, AcmeTinyConfig, AcmeTinyNetwork
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.reading.words import content_words
from course_utils.offline.sql.adaptation import CodeMeaning, latest_date
from course_utils.offline.sql.candidates import (MAX_CANDIDATES, SQL_FEATURES, Candidate, SeenQueries, SqlMemory,
                                                 source_vectors)
from course_utils.offline.sql.transfer import cached_view


@dataclass
class Example:
    """One request, featurised, with the answer starts the network must score."""

    features: Features
    task: int  # 0 question with passages, 1 question without, 2 classification
    target: list[int] = field(default_factory=list)  # answer starts (indices into the logits)


def task_of(features: Features) -> int:
    if features.labels:
        return 2
    return 0 if features.sentences else 1


def batch_tensors(examples: Sequence[Example], config: AcmeTinyConfig) -> dict[str, torch.Tensor]:
    """Pad a list of examples into the network's input tensors."""
    b, d = len(examples), config.embed_dim
    t = {
        "question": torch.zeros(b, d),
        "sentences": torch.zeros(b, MAX_SENTENCES, d),
        "sentence_features": torch.zeros(b, MAX_SENTENCES, SENTENCE_FEATURES),
        "sentence_mask": torch.zeros(b, MAX_SENTENCES, dtype=torch.bool),
        "labels": torch.zeros(b, MAX_LABELS, d),
        "label_features": torch.zeros(b, MAX_LABELS, LABEL_FEATURES),
        "label_mask": torch.zeros(b, MAX_LABELS, dtype=torch.bool),
        "label_slots": torch.full((b, MAX_LABELS), -1, dtype=torch.long),
        "global_features": torch.zeros(b, GLOBAL_FEATURES),
        "task": torch.zeros(b, dtype=torch.long),
    }
    slot_of = {name.lower(): i for i, name in enumerate(config.label_names)}
    for i, ex in enumerate(examples):
        f = ex.features
        m, k = len(f.sentences), len(f.labels)
        t["question"][i] = torch.from_numpy(f.question)
        t["sentences"][i, :m] = torch.from_numpy(f.sentence_vectors)
        t["sentence_features"][i, :m] = torch.from_numpy(f.sentence_features)
        t["sentence_mask"][i, :m] = True
        t["labels"][i, :k] = torch.from_numpy(f.label_vectors)
        t["label_features"][i, :k] = torch.from_numpy(f.label_features)
        t["label_mask"][i, :k] = True
        t["label_slots"][i, :k] = torch.tensor([slot_of.get(n.lower(), -1) for n in f.labels])
        t["global_features"][i] = torch.from_numpy(f.global_features)
        t["task"][i] = ex.task
    return t


@dataclass
class SqlExample:
    """One text-to-SQL request, featurised: its candidate queries and which of them are right."""

    question: np.ndarray  # (D,) the question's vector
    sources: np.ndarray  # (N, D) vectors of the questions each candidate was adapted from
    features: np.ndarray  # (N, SQL_FEATURES)
    slots: list[int]  # each candidate's template prototype slot, -1 for none
    transfer: bool = False  # answered by carrying queries over from other databases
    target: list[int] = field(default_factory=list)  # indices of the right candidates (training only)


def sql_example(candidates: Sequence[Candidate], question: str, embed: Embedder) -> SqlExample:
    q_vec = embed([question])[0]
    sources = source_vectors(candidates, embed)
    return SqlExample(q_vec, sources, np.stack([c.features for c in candidates]),
                      [c.template_slot for c in candidates], any(c.origin == "transfer" for c in candidates))


def sql_batch_tensors(examples: Sequence[SqlExample], embed_dim: int) -> dict[str, torch.Tensor]:
    """Pad SQL examples into the inputs of AcmeTinyNetwork.sql_logits."""
    b = len(examples)
    t = {
        "question": torch.zeros(b, embed_dim),
        "sources": torch.zeros(b, MAX_CANDIDATES, embed_dim),
        "features": torch.zeros(b, MAX_CANDIDATES, SQL_FEATURES),
        "slots": torch.full((b, MAX_CANDIDATES), -1, dtype=torch.long),
        "mask": torch.zeros(b, MAX_CANDIDATES, dtype=torch.bool),
        "transfer": torch.tensor([ex.transfer for ex in examples], dtype=torch.bool),
    }
    for i, ex in enumerate(examples):
        n = len(ex.slots)
        t["question"][i] = torch.from_numpy(ex.question)
        t["sources"][i, :n] = torch.from_numpy(ex.sources)
        t["features"][i, :n] = torch.from_numpy(ex.features)
        t["slots"][i, :n] = torch.tensor(ex.slots, dtype=torch.long)
        t["mask"][i, :n] = True
    return t


def memory_of(network: AcmeTinyNetwork) -> SqlMemory | None:
    """The fine-tuned pairs, their vectors, template slots and lexicon, as sql/candidates.py uses them."""
    config = network.config
    if not config.sql_memory and not config.sql_lexicon:
        return None
    return SqlMemory(
        pairs=[(q, sql) for q, sql in config.sql_memory],
        keys=network.sql_memory_keys.detach().numpy(),
        template_slots={t: i for i, t in enumerate(config.sql_templates)},
        lexicon=[CodeMeaning(code, column, dict(words)) for code, column, words in config.sql_lexicon],
        today=latest_date(sql for _, sql in config.sql_memory),
    )


def seen_of(network: AcmeTinyNetwork) -> SeenQueries | None:
    """The queries the base model saw in pre-training, as sql/candidates.py uses them."""
    seen = network.config.sql_seen
    if not seen["pairs"]:
        return None
    return SeenQueries(pairs=[tuple(p) for p in seen["pairs"]],
                       views={db: cached_view(text) for db, text in seen["schemas"].items()},
                       keys=network.sql_seen_keys.detach().numpy(), said=seen["said"])


def continuation_inputs(f: Features, first: int, logits: torch.Tensor):
    """Features for "quote another sentence after sentence `first`, or stop?"."""
    vectors = torch.from_numpy(f.sentence_vectors)
    scores = logits[N_FIXED:N_FIXED + len(f.sentences)].detach()
    words = [content_words(s) for s in f.sentences]
    covered = f.question_words & words[first]
    q_size = max(1, len(f.question_words))
    rows = []
    for j in range(len(f.sentences)):
        rows.append([
            float(scores[j] - scores[first]),
            float(vectors[j] @ vectors[first]),
            float(f.sentence_passage[j] == f.sentence_passage[first]),
            len((f.question_words & words[j]) - covered) / q_size,
            float(f.sentence_features[j, 0]),
            float(j == first),
        ])
    others = torch.cat([scores[:first], scores[first + 1:]])
    stop = [float(scores[first] - (others.max() if len(others) else scores[first] - 10)),
            len(covered) / q_size, float(f.sentence_features[first, 0]), min(len(f.sentences), 50) / 50]
    return torch.tensor(rows, dtype=torch.float32), torch.tensor(stop, dtype=torch.float32)


def second_step_logits(network: AcmeTinyNetwork, f: Features, first: int, logits: torch.Tensor) -> torch.Tensor:
    """Logits of [stop, quote sentence 0..M-1] after quoting `first`; the same one cannot repeat."""
    rows, stop = continuation_inputs(f, first, logits)
    out = network.next_sentence_logits(logits, rows, stop)
    out[1 + first] = NEG
    return out
