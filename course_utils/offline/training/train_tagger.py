"""Train the prompt tagger: `python -m course_utils.offline.training.train_tagger`.

Lays out classification requests and questions about passages at random (corpus/layouts.py, from
the train-split practice databases only), cuts them into segments, and fits the tagger's two
passes. The second pass learns from the first pass's tags as they come out on requests it did not
train on (two folds), so it sees the first pass's real mistakes. Prints segment accuracy on
freshly laid-out requests (another seed) and writes weights/acme-tiny/prompt_tagger.npz.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

import numpy as np

from course_utils.datagen.common import rng
from course_utils.offline.corpus.build import _questions_by_domain
from course_utils.offline.corpus.classify import tasks_for
from course_utils.offline.corpus.facts import load_entities, train_domains
from course_utils.offline.corpus.layouts import Message, build_layout_corpus
from course_utils.offline.corpus.qa import EntityPool
from course_utils.offline.reading.segments import Segment, segment_messages
from course_utils.offline.reading.tagger import ROLES, TAGGER_FILE, PromptTagger, hashed, segment_features


def gold_roles(messages: list[Message], segments: list[Segment]) -> list[str]:
    """Each segment's role: the tag covering most of its non-space characters, titles aside.

    "Category: BILL" is an example's label under a "Category:" title, so a title only wins a
    segment it has to itself.
    """
    roles = []
    for segment in segments:
        message = messages[segment.message]
        votes: Counter = Counter()
        for start, end, tag in message.spans:
            overlap = message.text[max(start, segment.start):min(end, segment.end)]
            votes[tag] += sum(not c.isspace() for c in overlap)
        content = Counter({tag: n for tag, n in votes.items() if tag != "title" and n})
        roles.append((content or votes).most_common(1)[0][0] if votes else "other")
    return roles


def tagged_corpus(n: int, seed: str) -> list[tuple[list[Segment], list[str]]]:
    r = rng(f"prompt-tagger/{seed}")
    entities = load_entities()
    tasks = tasks_for(r, train_domains(), _questions_by_domain(entities, r))
    requests = build_layout_corpus(tasks, EntityPool(entities), n, r)
    corpus = []
    for messages in requests:
        segments = segment_messages([{"role": m.role, "content": m.text} for m in messages])
        corpus.append((segments, gold_roles(messages, segments)))
    return corpus


def _fit(features: list[list[str]], roles: list[str], c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=300)
    model.fit(hashed(features), [ROLES.index(role) for role in roles])
    coef = np.zeros((len(ROLES), model.coef_.shape[1]), dtype=np.float32)
    intercept = np.full(len(ROLES), -30.0, dtype=np.float32)  # roles never seen are never predicted
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    return coef, intercept


WORD_DROPOUT = 0.5  # share of training segments whose own words are hidden


def _flat(corpus, roles_before=None, seed: int = 0):
    """Features and gold roles of every segment. For WORD_DROPOUT of them the segment's words are
    left out, so that the tagger learns to read a layout from its shape and titles, not only from
    the words of the practice texts it was trained on."""
    r = random.Random(seed)
    features, gold = [], []
    for i, (segments, roles) in enumerate(corpus):
        for own in segment_features(segments, roles_before[i] if roles_before else None):
            features.append([f for f in own if not f.startswith("w=")] if r.random() < WORD_DROPOUT else own)
        gold += roles
    return features, gold


def train(n: int = 8000, c: float = 1.0) -> tuple[PromptTagger, dict]:
    started = time.time()
    corpus = tagged_corpus(n, "train")
    features, gold = _flat(corpus)
    first = _fit(features, gold, c)
    halves = [corpus[: n // 2], corpus[n // 2:]]
    first_tags = []
    for k in (0, 1):  # first-pass tags of each half from a first pass fitted on the other half
        other = PromptTagger([_fit(*_flat(halves[1 - k]), c)])
        first_tags += [other.tag(segments) for segments, _ in halves[k]]
    second = _fit(*_flat(corpus, first_tags), c)
    tagger = PromptTagger([first, second])
    report = {"requests": n, "segments": len(gold), "seconds": round(time.time() - started, 1)}
    return tagger, report


def accuracy(tagger: PromptTagger, corpus) -> dict:
    right = Counter()
    total = Counter()
    whole = 0
    for segments, gold in corpus:
        predicted = tagger.tag(segments)
        whole += predicted == gold
        for p, g in zip(predicted, gold):
            total[g] += 1
            right[g] += p == g
    return {"segments": round(sum(right.values()) / sum(total.values()), 4), "requests_all_right":
            round(whole / len(corpus), 4), **{role: round(right[role] / total[role], 3) for role in total}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=8000, help="requests to train on")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    tagger, report = train(args.n, args.c)
    print("trained:", report)
    tagger.save(TAGGER_FILE)
    print("wrote", TAGGER_FILE)
    # measured on the weights as saved (float16), as they are served
    print("fresh layouts:", accuracy(PromptTagger.load(TAGGER_FILE), tagged_corpus(500, "check")))


if __name__ == "__main__":
    main()
