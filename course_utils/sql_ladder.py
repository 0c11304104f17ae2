"""The text-to-SQL ladder as recipes: what goes into the prompt, which model answers, how many vote.

A `Recipe` names the ingredients of one rung; `recipe_predictor` turns it into a predictor that
`course_utils.runner.evaluate` runs. Lesson 05, its playground and `benchmarks/bench_sql_ladder.py`
all build their rungs this way, so a rung means the same everywhere. `fine_tune_sql` runs the
fine-tuning job of rungs 6-8 through the SDK's jobs API, on any backend that has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from course_utils.fine_tuning import fine_tune
from course_utils.models import model_for
from course_utils.predictors import chat_predictor
from course_utils.runner import Prediction
from course_utils.sql_eval import vote_by_result
from course_utils.sql_prompts import choose_examples, sql_messages
from course_utils.training_data_audit import with_answers_swapped
from course_utils.usage import estimate_cost


@dataclass(frozen=True)
class Recipe:
    """The ingredients of one rung."""

    schema: bool = False  # the CREATE TABLE statements in the prompt
    dictionary: bool = False  # the data dictionary in the prompt
    examples: int = 0  # question/SQL pairs from the training set shown in the prompt
    choose: str = "similar"  # how they are chosen: "random" or "similar" (DAIL-SQL)
    model: str | None = None  # None: the base chat model; else e.g. a fine-tuned model's id
    samples: int = 1  # above 1: self-consistency, that many samples at temperature 0.7 vote


@dataclass
class Kitchen:
    """What every recipe draws on: the client, the database's texts and the training pairs."""

    client: object  # an openai.OpenAI client
    schema: str  # CREATE TABLE statements
    dictionary: str  # the data dictionary
    pool: Sequence[dict]  # {"question", "sql"} training pairs to draw examples from
    db_path: object  # the database the votes run on
    embed: Callable[[list[str]], np.ndarray] | None = None  # for "similar" examples
    chosen: dict = field(default_factory=dict)  # (question, k, how) -> examples, chosen once

    def examples_for(self, question: str, k: int, how: str) -> list[dict]:
        """k training pairs for the question, chosen once and then remembered."""
        key = (question, k, how)
        if key not in self.chosen:
            self.chosen[key] = choose_examples(question, self.pool, k, how, self.embed)
        return self.chosen[key]


def recipe_messages(recipe: Recipe, kitchen: Kitchen, question: str) -> list[dict]:
    """The chat messages of one question under a recipe."""
    examples = kitchen.examples_for(question, recipe.examples, recipe.choose) if recipe.examples else []
    return sql_messages(question, kitchen.schema if recipe.schema else None,
                        kitchen.dictionary if recipe.dictionary else None, examples)


def recipe_predictor(recipe: Recipe, kitchen: Kitchen):
    """A predictor (question item -> answer) that follows the recipe."""
    model = recipe.model or model_for("chat")

    def build(item: dict) -> list[dict]:
        return recipe_messages(recipe, kitchen, item["question"])

    if recipe.samples == 1:
        return chat_predictor(kitchen.client, model, build, temperature=0)

    def vote(item: dict) -> Prediction:
        response = kitchen.client.chat.completions.create(model=model, messages=build(item), n=recipe.samples,
                                                          temperature=0.7, seed=0)
        texts = [choice.message.content or "" for choice in response.choices]
        usage = response.usage
        return Prediction(text=vote_by_result(kitchen.db_path, texts), prompt_tokens=usage.prompt_tokens,
                          completion_tokens=usage.completion_tokens,
                          cost_usd=estimate_cost(model, usage.prompt_tokens, usage.completion_tokens))

    return vote


def training_rows(pairs: Sequence[dict], schema: str, corrupt: float = 0.0, seed: int = 0) -> list[dict]:
    """Chat-format fine-tuning rows (question + schema -> SQL). `corrupt` gives that share of the
    questions another chosen question's SQL: a training file with wrong answers in it."""
    rows = [{"messages": sql_messages(pair["question"], schema=schema) + [{"role": "assistant", "content": pair["sql"]}]}
            for pair in pairs]
    return with_answers_swapped(rows, corrupt, seed) if corrupt else rows


def fine_tune_sql(client, rows: Sequence[dict], suffix: str, epochs: int = 3,
                  on_event: Callable[[str], None] | None = None, seed: int | None = 0) -> tuple[str, float]:
    """Run a fine-tuning job on the rows and wait for it: (the new model's id, seconds taken).
    on_event gets the job's last few events, oldest first. seed: see fine_tuning.fine_tune."""
    job, seconds = fine_tune(client, rows, suffix, hyperparameters={"n_epochs": epochs}, seed=seed)
    if on_event:
        for event in reversed(client.fine_tuning.jobs.list_events(job.id, limit=5).data):
            on_event(event.message)
    return job.fine_tuned_model, seconds
