"""The capstone's building blocks: send each question to the knowledge base, the database, or neither.

Lesson 06 assembles a pipeline from these parts and measures every iteration with the course's
runner. One question may make several calls (route, retrieve, answer); a `Trace` adds up their
tokens and cost, so a pipeline reports what one whole question costs.

- routers: `PromptRouter` asks the chat model for a label; `EvidenceRouter` sends a question where
  the most similar evidence lies (embeddings only, no chat call);
- answerers: `answer_from_documents` (retrieve, then answer from the passages) and
  `answer_from_database` (write SQL with a lesson-05 recipe, run it read-only, show the result);
- `routed_pipeline` puts them together: route, then answer or decline;
- `capstone_scorer` grades an answer by where its answer lives: the gold phrase for "kb", the
  query's result for "db" (execution accuracy), an honest refusal for "none";
- `summarise` gives a run's accuracy per source against the `BUDGET`; `route_table` how it routed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass


from course_utils.datasets import ACME_DB
from course_utils.embeddings import unit_vectors
from course_utils.label_eval import first_label_in
from course_utils.models import model_for
from course_utils.predictors import Trace, TracedPrediction, classify_messages, qa_messages
from course_utils.qa_eval import score_answer
from course_utils.sql import SQLError, run_sql_with_columns
from course_utils.sql_eval import extract_sql, sql_scorer
from course_utils.sql_ladder import Kitchen, Recipe, recipe_messages

SOURCES = ("kb", "db", "none")
DECLINE = "I can't answer that: neither Acme's documents nor its database holds the answer."


@dataclass(frozen=True)
class Budget:
    """What the final pipeline must reach on the held-out questions, and what it may spend."""

    accuracy: float = 0.50  # share of held-out questions answered right (set for the offline model)
    tokens_per_question: int = 1_000  # chat tokens (prompt + completion), all calls of a question
    latency_p50_ms: float = 300.0  # median milliseconds per question, graded on the offline backend only


BUDGET = Budget()


# ---------------------------------------------------------------------------------------------
# 1. Routing

ROUTE_LABELS = {"kb": "DOCUMENTS", "db": "DATABASE", "none": "NEITHER"}
ROUTE_DESCRIPTIONS = {
    "DOCUMENTS": "Acme's written documents answer it: policies, product guides, how-tos, FAQs, release notes",
    "DATABASE": "a query on Acme's sales database answers it: counts, totals, revenue, customers, orders, "
                "memberships, support tickets",
    "NEITHER": "neither Acme's documents nor its database holds the answer",
}


class PromptRouter:
    """Ask the chat model which source answers the question (a label). The first label the reply
    names wins ("Label: DATABASE" counts); a reply naming none counts as "none" and is noted in the
    trace. examples: (question, route) pairs to show in the prompt."""

    def __init__(self, model: str, examples=()):
        self.model = model
        self.examples = [(text, ROUTE_LABELS[route]) for text, route in examples]

    def messages(self, question: str) -> list[dict]:
        return classify_messages(question, list(ROUTE_DESCRIPTIONS), ROUTE_DESCRIPTIONS, self.examples)

    def __call__(self, trace: Trace, question: str) -> str:
        reply = trace.chat(self.model, self.messages(question), max_tokens=20)
        named = first_label_in(reply, ROUTE_LABELS.values())
        route = next((r for r, label in ROUTE_LABELS.items() if label == named), "none")
        said = "" if named else ", no label in the reply"
        trace.note(f"routed to {route} (the model said {reply.strip()[:30]!r}{said})")
        return route


class EvidenceRouter:
    """Route a question to the source whose evidence lies closest to it, without a chat call.

    Two cosine similarities: the best passage the knowledge base retrieves for the question, and
    the closest of the database's known questions (Acme's SQL training questions). Each source
    has a threshold; the source that clears its threshold by more wins, and a question that
    clears neither goes to "none". Choose the thresholds on labelled dev questions.
    """

    def __init__(self, embed, retriever, db_questions: list[str], kb_threshold: float = 0.5,
                 db_threshold: float = 0.7):
        self.embed, self.retriever = embed, retriever
        self.db_vectors = unit_vectors(embed(list(db_questions)))
        self.kb_threshold, self.db_threshold = kb_threshold, db_threshold

    def scores(self, question: str) -> tuple[float, float]:
        """(best knowledge-base passage, closest database question): cosine similarities."""
        hits = self.retriever.retrieve(question)
        kb = max((hit.score or 0.0 for hit in hits), default=0.0)
        db = float((self.db_vectors @ unit_vectors(self.embed([question]))[0]).max())
        return kb, db

    def route(self, kb: float, db: float) -> str:
        """The route for a pair of scores."""
        margins = {"kb": kb - self.kb_threshold, "db": db - self.db_threshold}
        best = max(margins, key=margins.get)
        return best if margins[best] >= 0 else "none"

    def choose_thresholds(self, labelled: list[tuple[str, str]], grid=tuple(x / 100 for x in range(30, 91, 5))):
        """Set the pair of thresholds (from the grid) that routes the most labelled (question, source)
        pairs right, and return that share. Use dev questions, never the held-out ones."""
        if not labelled:
            raise ValueError("choose_thresholds needs labelled (question, source) pairs, e.g. from dev")
        scored = [(self.scores(question), source) for question, source in labelled]
        best, chosen = -1.0, (self.kb_threshold, self.db_threshold)
        for kb_threshold, db_threshold in itertools.product(grid, grid):
            self.kb_threshold, self.db_threshold = kb_threshold, db_threshold
            share = sum(self.route(*pair) == source for pair, source in scored) / len(scored)
            if share > best:
                best, chosen = share, (kb_threshold, db_threshold)
        self.kb_threshold, self.db_threshold = chosen
        return best

    def __call__(self, trace: Trace, question: str) -> str:
        kb, db = self.scores(question)
        route = self.route(kb, db)
        trace.note(f"routed to {route} (passage {kb:.2f}, database question {db:.2f})")
        return route


# ---------------------------------------------------------------------------------------------
# 2. Answering

def kb_index(current_only: bool = False):
    """The knowledge base in a llama-index VectorStoreIndex, chunked as Settings says (call
    configure_llama_index first). current_only: leave out documents a newer version supersedes."""
    from course_utils.rag import build_index, kb_documents

    return build_index(kb_documents(current_only))


def answer_from_documents(trace: Trace, model: str, question: str, retriever) -> str:
    """Retrieve passages for the question and answer from them (or say they do not say)."""
    passages = [hit.node.get_content() for hit in retriever.retrieve(question)]
    trace.note(f"{len(passages)} passages retrieved")
    return trace.chat(model, qa_messages(question, passages), max_tokens=100)


def answer_from_database(trace: Trace, question: str, recipe: Recipe, kitchen: Kitchen,
                         decline_empty: bool = False, db_path=ACME_DB) -> str:
    """Write SQL with a lesson-05 recipe, run it read-only, and answer with the query and its result.
    The recipe names the model that writes the SQL (None: the course's chat model)."""
    reply = trace.chat(recipe.model or model_for("chat"), recipe_messages(recipe, kitchen, question),
                       max_tokens=300)
    sql = extract_sql(reply)
    if sql is None:
        trace.note("no SQL written")
        return reply
    return database_reply(trace, sql, decline_empty, db_path)


def database_reply(trace: Trace, sql: str, decline_empty: bool = False, db_path=ACME_DB,
                   max_rows_shown: int = 5) -> str:
    """Run a query read-only; the reply shows the query and its first rows (or its error).
    decline_empty: when the result is empty (or only zeros and NULLs), decline instead: the data
    does not hold the answer, or the query is wrong."""
    try:
        columns, rows = run_sql_with_columns(db_path, sql)
    except SQLError as error:  # the manager sees the query's error; the run goes on
        trace.note("the query failed")
        return f"```sql\n{sql}\n```\nThe query failed: {error}"
    if decline_empty and all(value in (None, 0) for row in rows for value in row):
        trace.note("empty result: declined")
        return DECLINE
    shown = "\n".join(str(row) for row in rows[:max_rows_shown]) + ("\n..." if len(rows) > max_rows_shown else "")
    trace.note(f"query returned {len(rows)} rows")
    return f"```sql\n{sql}\n```\n{tuple(columns)}\n{shown}"


def routed_pipeline(client, model: str, router, retriever, recipe: Recipe, kitchen: Kitchen,
                    decline_empty: bool = False):
    """A predictor for the runner: route each question, then answer it from the documents, from
    the database, or decline. router(trace, question) -> "kb", "db" or "none"."""

    def answer(item: dict) -> TracedPrediction:
        trace, question = Trace(client), item["question"]
        route = router(trace, question)
        if route == "kb":
            text = answer_from_documents(trace, model, question, retriever)
        elif route == "db":
            text = answer_from_database(trace, question, recipe, kitchen, decline_empty)
        else:
            text = DECLINE
        return trace.prediction(text)

    return answer


# ---------------------------------------------------------------------------------------------
# 3. Grading and reading runs

def capstone_scorer(db_path=ACME_DB):
    """Score an answer by its question's source: "kb" by its gold phrase, "db" by the result of
    the answer's SQL (execution accuracy), "none" by whether it declines. The category says the
    source, so failures read "db: no_sql" (answered without a query) or "none: answered_unanswerable"."""
    score_sql = sql_scorer(db_path)

    def score(item: dict, prediction) -> dict:
        if item["source"] == "db":
            result = score_sql(item, prediction)
        else:
            result = score_answer(prediction.text, item["answer"])
        return {"correct": result["correct"], "category": f"{item['source']}: {result['category']}",
                "source": item["source"]}

    return score


def latency_is_graded() -> bool:
    """Latency counts against the budget on the offline backend only: a remote provider's network
    latency is not your pipeline's."""
    from course_utils.backend import choose_backend

    return choose_backend().kind == "offline"


def summarise(run, budget: Budget = BUDGET) -> dict:
    """Accuracy overall and per source, chat tokens per question and median latency of a run, and
    whether it is within the budget (latency counts on the offline backend only, as in the check).
    A question whose pipeline raised has no source: it counts in the overall accuracy only."""
    results = run.results
    n = len(results)
    summary = {"accuracy": run.metrics["accuracy"]}
    for source in SOURCES:
        of_source = [r for r in results if r.get("source") == source]
        summary[f"accuracy {source}"] = sum(r["correct"] for r in of_source) / len(of_source) if of_source else None
    tokens = (run.metrics["prompt_tokens"] or 0) + (run.metrics["completion_tokens"] or 0)
    summary["tokens per question"] = tokens / n if n else 0.0
    summary["p50 ms"] = 1000 * (run.metrics["latency_p50_s"] or 0.0)
    summary["within budget"] = (summary["tokens per question"] <= budget.tokens_per_question
                                and (summary["p50 ms"] <= budget.latency_p50_ms or not latency_is_graded()))
    return summary


def route_table(run):
    """How a run routed each source's questions: a table of counts, sources down, routes across."""
    import pandas as pd

    routes = [re.match(r"routed to (\w+)", r.get("steps") or "") for r in run.results]
    return pd.crosstab(pd.Series([r.get("source") for r in run.results], name="source"),
                       pd.Series([m[1] if m else "(not routed)" for m in routes], name="routed to"))
