"""The chat corpus the offline model ("acme-tiny") is pre-trained on.

`build_corpus(seed)` returns {"qa": [...], "classify": [...]}: chat examples in exactly the
format of OpenAI fine-tuning JSONL rows ({"messages": [system?, user, ..., assistant]}), the
same format learners later use to fine-tune the model on Acme data.

- "qa": passages and a question; the answer is a sentence quoted from the passages (two for
  two-fact questions), "The passages do not contain the answer." or, with no passages,
  "I don't know." (see qa.py).
- "classify": a text, the labels to choose from (sometimes with descriptions and examples);
  the answer is one label as the prompt writes it (see classify.py).

Source material: only the rows (and, for one task, the questions) of the practice databases in
the "train" split of data/practice/splits.json, turned into text by this package's own templates.
Nothing comes from the Acme database, its knowledge base, its tickets or the held-out practice
databases: tests/test_offline_corpus.py checks that none of their text leaks in.

Run `python -m course_utils.offline.corpus.build FOLDER` to write qa.jsonl and classify.jsonl.
"""

from __future__ import annotations

import sys
from pathlib import Path

from course_utils.datagen.common import rng, write_jsonl
from course_utils.offline.corpus.classify import build_classify, tasks_for
from course_utils.offline.corpus.facts import load_entities, train_domains
from course_utils.offline.corpus.qa import NO_CONTEXT, NOT_IN_PASSAGES, EntityPool, ask, build_qa

__all__ = ["build_corpus", "write_corpus", "NOT_IN_PASSAGES", "NO_CONTEXT"]


def _questions_by_domain(entities, r, n: int = 600) -> list[tuple[str, str]]:
    """Questions about entities, labelled with their database (for the question-domain task)."""
    pool = EntityPool(entities)
    picked = [pool.pick(r) for _ in range(n)]
    return [(ask(e, r.choice(e.facts), r), e.domain) for e in picked]


def build_corpus(seed: int = 0, n_qa: int = 6000, n_classify: int = 4000) -> dict[str, list[dict]]:
    """The pre-training corpus: {"qa": [...], "classify": [...]}, the same for the same arguments."""
    entities = load_entities()
    qa = build_qa(entities, n_qa, rng(f"offline-corpus/qa/{seed}"))
    r = rng(f"offline-corpus/classify/{seed}")
    tasks = tasks_for(r, train_domains(), _questions_by_domain(entities, r))
    classify = build_classify(tasks, n_classify, r)
    return {"qa": qa, "classify": classify}


def write_corpus(folder: Path | str, seed: int = 0, **sizes) -> dict[str, Path]:
    """Write qa.jsonl and classify.jsonl (UTF-8, one chat example per line) into a folder."""
    folder = Path(folder)
    corpus = build_corpus(seed, **sizes)
    paths = {}
    for name, rows in corpus.items():
        paths[name] = folder / f"{name}.jsonl"
        write_jsonl(paths[name], rows)
    return paths


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "offline_corpus"
    for kind, path in write_corpus(target).items():
        print(f"{kind}: {path}")
