"""Cross-validate acme-tiny's transfer scorer over the train practice databases.

Choices about carrying queries over to a new schema (how many seen query shapes to try, which
candidates to add) are made here, not on the held-out databases, which stay a test set. For each
of 3 folds of the 12 train databases, a fresh transfer scorer is fitted the way train_base fits it
(TRANSFER_STEPS full-batch steps at TRANSFER_LEARNING_RATE) on the schema-only requests of the
other databases; on this fold's requests the script counts how often its first choice returns the
gold rows (top-1), and how often any candidate does (the oracle). The base model never carries
over a query of the request's own database, so every request is a new database to it.

    python benchmarks/cv_transfer_scorer.py              # the model's settings
    python benchmarks/cv_transfer_scorer.py --shapes 8   # try 8 seen query shapes instead of 6
    python benchmarks/cv_transfer_scorer.py --steps 200  # fit the scorer longer
"""

from __future__ import annotations

import argparse
import copy

import torch
from torch import nn

from course_utils.offline.sql import candidates as sql_candidates
from course_utils.offline.model.acme_tiny.loading import load_network
from course_utils.offline.model.acme_tiny.tensors import seen_of, sql_batch_tensors, sql_example
from course_utils.offline.model.embedder import shared_embedder
from course_utils.offline.corpus.sql import schema_only_requests
from course_utils.offline.reading.sql_request import read_sql_request
from course_utils.offline.training.sql import TRANSFER_LEARNING_RATE, TRANSFER_PARAMETERS, TRANSFER_STEPS, train_sql
from course_utils.offline_assets import use_packaged_assets
from course_utils.sql_eval import score_sql

FOLDS = 3


def featurised(requests, embed, seen):
    """(database, example) per request, the example's target listing every right candidate."""
    out = []
    for item in requests:
        request = read_sql_request(item["messages"])
        candidates = sql_candidates.gather_candidates(request, embed, seen=seen)
        example = sql_example(candidates, request.question, embed)
        example.target = [i for i, c in enumerate(candidates) if score_sql(item["db"], c.sql, item["sql"]).correct]
        out.append((item["db"], example))
    return out


def fresh_scorer(network, seed: int):
    """A copy of the network whose transfer scorer starts again from a new initialisation."""
    torch.manual_seed(seed)
    copied = copy.deepcopy(network)
    for module in copied.sql_transfer_scorer:
        if isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return copied


@torch.no_grad()
def top1(network, examples) -> float:
    logits = network.eval().sql_logits(**sql_batch_tensors(examples, network.config.embed_dim))
    return sum(int(logits[i].argmax()) in ex.target for i, ex in enumerate(examples)) / len(examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", type=int, default=sql_candidates.TRANSFER_SHAPES, help="seen query shapes per question")
    parser.add_argument("--steps", type=int, default=TRANSFER_STEPS, help="full-batch steps of the scorer")
    parser.add_argument("--lr", type=float, default=TRANSFER_LEARNING_RATE)
    args = parser.parse_args()
    use_packaged_assets()
    sql_candidates.TRANSFER_SHAPES = args.shapes
    network, embed = load_network(), shared_embedder()
    data = featurised(schema_only_requests(), embed, seen_of(network))
    databases = sorted({db for db, _ in data})
    results = []
    for fold in range(FOLDS):
        test_dbs = set(databases[fold::FOLDS])
        train = [ex for db, ex in data if db not in test_dbs and ex.target]
        test = [ex for db, ex in data if db in test_dbs]
        scored = fresh_scorer(network, seed=fold)
        train_sql(scored, train, epochs=args.steps, batch_size=len(train), learning_rate=args.lr,
                  parts=TRANSFER_PARAMETERS, seed=fold)
        oracle = sum(bool(ex.target) for ex in test) / len(test)
        results.append(top1(scored, test))
        names = ", ".join(sorted(db.parent.name if hasattr(db, "parent") else str(db) for db in test_dbs))
        print(f"fold {fold + 1} ({len(test)} questions; {names}): oracle {oracle:.1%}, top-1 {results[-1]:.1%}")
    print(f"{args.shapes} shapes: mean top-1 {sum(results) / len(results):.1%} over {FOLDS} folds")


if __name__ == "__main__":
    main()
