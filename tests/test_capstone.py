"""The capstone's parts on the embedded offline backend: usage adds up per question, answers are graded
by their source, routers route, the database reply declines empty results when asked, and the
checker passes a pipeline that reaches the target within budget and fails one that does not."""

from __future__ import annotations

import pytest
from llama_index.core import Settings

from course_utils import datasets
from course_utils.capstone import (BUDGET, DECLINE, SOURCES, Budget, EvidenceRouter, PromptRouter, Trace,
                                   capstone_scorer, database_reply, kb_index, route_table)
from course_utils.client import get_client
from course_utils.embeddings import cached_embedder
from course_utils.exercises import check_capstone
from course_utils.llama_setup import configure_llama_index
from course_utils.qa_eval import is_abstention
from course_utils.runner import Prediction, evaluate

@pytest.fixture(scope="module")
def offline(offline_environment):
    """The offline backend's client, with llama-index pointed at it; Settings put back afterwards."""
    saved = Settings._llm, Settings._embed_model, Settings._node_parser
    try:
        configure_llama_index(temperature=0)
        yield get_client(cache=False)
    finally:
        Settings._llm, Settings._embed_model, Settings._node_parser = saved


@pytest.fixture(scope="module")
def dev():
    return datasets.load_capstone("dev")


def oracle(item: dict) -> Prediction:
    """The gold answer of each question, as a pipeline that knew it would reply."""
    text = {"kb": f"It is {item['answer']}.", "db": f"```sql\n{item['sql']}\n```", "none": DECLINE}[item["source"]]
    return Prediction(text=text, prompt_tokens=0, completion_tokens=0)


def test_the_refusal_reads_as_an_abstention():
    assert is_abstention(DECLINE)


def test_the_scorer_grades_each_source_by_its_own_gold_and_names_it(dev):
    score = capstone_scorer()
    for source in SOURCES:
        item = next(q for q in dev if q["source"] == source)
        assert score(item, oracle(item)) == {"correct": True, "category": f"{source}: correct", "source": source}
    kb, db, none = (next(q for q in dev if q["source"] == s) for s in SOURCES)
    assert score(kb, Prediction(DECLINE))["category"] == "kb: abstained"
    assert score(db, Prediction(DECLINE))["category"] == "db: no_sql"
    assert score(db, Prediction("```sql\nSELECT 1\n```"))["category"] == "db: wrong_result"
    assert score(none, Prediction("It is 42."))["category"] == "none: answered_unanswerable"


def test_a_trace_adds_up_the_usage_of_every_call(offline):
    trace = Trace(offline)
    messages = [{"role": "user", "content": "What is the return window?"}]
    first = offline.chat.completions.create(model="acme-tiny", messages=messages, temperature=0).usage
    trace.chat("acme-tiny", messages)
    trace.chat("acme-tiny", messages)
    trace.note("asked twice")
    prediction = trace.prediction("done")
    assert prediction.prompt_tokens == 2 * first.prompt_tokens > 0
    assert prediction.completion_tokens == 2 * first.completion_tokens
    assert prediction.cost_usd == 0.0  # the offline model is free
    assert prediction.steps == "asked twice"


def test_database_reply_shows_the_query_and_result_or_declines_when_asked():
    trace = Trace(client=None)
    shown = database_reply(trace, "SELECT COUNT(*) FROM cust_mstr")
    assert shown.startswith("```sql\nSELECT COUNT(*) FROM cust_mstr\n```") and "query returned 1 rows" in trace.steps
    nothing = "SELECT COUNT(*) FROM ord_hdr WHERE ord_dt < '2000-01-01'"
    assert database_reply(trace, nothing) != DECLINE
    assert database_reply(trace, nothing, decline_empty=True) == DECLINE
    assert "The query failed" in database_reply(trace, "SELECT nope FROM cust_mstr")
    assert "Refused" in database_reply(trace, "DELETE FROM cust_mstr")


def test_current_only_leaves_superseded_documents_out_of_the_index(offline):
    docs = datasets.load_kb_docs()
    superseded = {d["supersedes"] for d in docs if d.get("supersedes")}
    indexed = {node.metadata["doc_id"] for node in kb_index(current_only=True).docstore.docs.values()}
    assert superseded and not indexed & superseded
    assert indexed == {d["id"] for d in docs} - superseded


def test_the_evidence_router_routes_by_the_larger_margin_and_declines_below_both(offline, dev):
    retriever = kb_index(current_only=True).as_retriever(similarity_top_k=3)
    router = EvidenceRouter(cached_embedder(offline), retriever,
                            [q["question"] for q in datasets.load_acme_questions("train")],
                            kb_threshold=0.5, db_threshold=0.7)
    assert router.route(0.6, 0.75) == "kb" and router.route(0.55, 0.9) == "db" and router.route(0.4, 0.6) == "none"
    labelled = [(q["question"], q["source"]) for q in dev[:40]]
    share = router.choose_thresholds(labelled)
    routed = [router(Trace(offline), question) for question, _ in labelled]
    assert share == sum(r == s for r, (_, s) in zip(routed, labelled)) / len(labelled) > 0.5


def test_the_prompt_router_returns_a_source_and_counts_its_tokens(offline, dev):
    trace = Trace(offline)
    assert PromptRouter("acme-tiny")(trace, dev[0]["question"]) in SOURCES
    assert trace.prompt_tokens > 0 and trace.steps[0].startswith("routed to ")


def test_route_table_counts_sources_against_routes(dev):
    items = dev[:12]

    def route_by_source(item):
        trace = Trace(client=None)
        trace.note(f"routed to {item['source']}")
        return trace.prediction(oracle(item).text)

    run = evaluate(route_by_source, items, capstone_scorer(), name="routes", progress=False)
    table = route_table(run)
    assert all(table.loc[s, s] == sum(q["source"] == s for q in items) for s in table.index)
    assert table.values.sum() == len(items)


def test_the_checker_passes_a_pipeline_on_target_within_budget_and_fails_others(offline, capsys):
    assert check_capstone(oracle)
    assert "passed!" in capsys.readouterr().out
    assert not check_capstone(lambda item: Prediction(DECLINE))  # right only on "none": below the target
    assert "below the target" in capsys.readouterr().out

    def expensive(item):
        return Prediction(oracle(item).text, prompt_tokens=BUDGET.tokens_per_question + 1, completion_tokens=0)

    assert not check_capstone(expensive)
    assert "over 1,000" in capsys.readouterr().out
    assert check_capstone(expensive, Budget(tokens_per_question=5_000))
