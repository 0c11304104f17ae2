"""Two design choices of acme-tiny's text-to-SQL, decided on splits of train.jsonl, never on a test split.

1. What a fine-tune moves: only the template prototypes and their query map, like an adapter
   (`training/sql.py`'s `FINE_TUNED_SQL_PARAMETERS`, the default), or the whole SQL head
   (`SQL_PARAMETERS`).
2. Whether queries carried over from other databases are also offered beside the prompt's examples
   and the fine-tuned memory (`sql/candidates.py`'s `TRANSFER_BESIDE_KNOWN_PAIRS`, off by default).

Each choice is scored on two splits of the Acme training questions, fine-tuned on one part and
evaluated on the other:
- "random half": a seeded half of the rows; the held part shares intents with the fitted part,
  as test.jsonl does with train.jsonl (familiar intents);
- "half the intents": the held part's intents are absent from the fitted part, as in
  test_new.jsonl (new intents).
Scored: rung 6 (fine-tuned, question + schema) and rung 7 (fine-tuned + 5 similar examples from
the fitted part + dictionary). A fine-tune moves 1-4 points from run to run, so only a larger
difference decides anything.

    python benchmarks/cv_sql_design_choices.py      # about 10 minutes on 2 CPU cores
"""

from __future__ import annotations

import random

from course_utils import datasets
from course_utils.client import get_client
from course_utils.embeddings import cached_embedder
from course_utils.offline.sql import candidates as sql_candidates
from course_utils.offline.training import sql as sql_training
from course_utils.runner import evaluate
from course_utils.sql import schema_text
from course_utils.sql_eval import sql_scorer
from course_utils.sql_ladder import Kitchen, Recipe, fine_tune_sql, recipe_predictor, training_rows


def random_half(rows: list[dict], seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(fitted, held): a seeded half of the rows each."""
    shuffled = random.Random(seed).sample(rows, len(rows))
    return shuffled[: len(rows) // 2], shuffled[len(rows) // 2:]


def half_the_intents(rows: list[dict], seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(fitted, held): the held rows' intents never appear among the fitted rows."""
    intent = {id(row): next((t for t in row["tags"] if t.startswith("intent:")), row["id"]) for row in rows}
    names = sorted(set(intent.values()))
    held_names = set(random.Random(seed).sample(names, len(names) // 2))
    return ([row for row in rows if intent[id(row)] not in held_names],
            [row for row in rows if intent[id(row)] in held_names])


def main() -> None:
    client = get_client(cache=False)
    schema = schema_text(datasets.ACME_DB)
    dictionary = datasets.ACME_DICTIONARY.read_text(encoding="utf-8")
    scorer = sql_scorer(datasets.ACME_DB)
    embed = cached_embedder(client)

    def accuracy(recipe: Recipe, kitchen: Kitchen, held: list[dict]) -> float:
        run = evaluate(recipe_predictor(recipe, kitchen), held, scorer, name="cv", progress=False)
        return run.metrics["accuracy"]

    train = datasets.load_acme_questions("train")
    adapter_parts = sql_training.FINE_TUNED_SQL_PARAMETERS
    print(f"{'split':<18} {'fine-tune moves':<26} {'carried-over queries':<22} rung 6   rung 7", flush=True)
    for split_name, split in (("random half", random_half), ("half the intents", half_the_intents)):
        fitted, held = split(train)
        pool = [{"question": row["question"], "sql": row["sql"]} for row in fitted]
        kitchen = Kitchen(client, schema, dictionary, pool, datasets.ACME_DB, embed)
        for parts_name, parts in (("prototypes + query map", adapter_parts),
                                  ("the whole SQL head", sql_training.SQL_PARAMETERS)):
            sql_training.FINE_TUNED_SQL_PARAMETERS = parts
            try:
                model, _ = fine_tune_sql(client, training_rows(fitted, schema), "cv")
            finally:
                sql_training.FINE_TUNED_SQL_PARAMETERS = adapter_parts
            beside = (False, True) if parts == adapter_parts else (False,)
            for transfer in beside:
                sql_candidates.TRANSFER_BESIDE_KNOWN_PAIRS = transfer
                try:
                    six = accuracy(Recipe(schema=True, model=model), kitchen, held)
                    seven = accuracy(Recipe(schema=True, dictionary=True, examples=5, model=model), kitchen, held)
                finally:
                    sql_candidates.TRANSFER_BESIDE_KNOWN_PAIRS = False
                offered = "also offered" if transfer else "not offered"
                print(f"{split_name:<18} {parts_name:<26} {offered:<22} {six:6.1%}  {seven:6.1%}"
                      f"   ({len(fitted)} fitted, {len(held)} held)", flush=True)


if __name__ == "__main__":
    main()
