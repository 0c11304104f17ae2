"""Lesson 03's RAG parts on the embedded offline backend: the QA split, documents with their front
matter, chunking, the "prefer the most recent" rule, domain filters, the product-facts tool,
retrieval metrics, a recipe end to end, and the two exercise checkers (each shown to fail and pass)."""

from __future__ import annotations

import pytest
from llama_index.core import Settings

from course_utils import datasets
from course_utils.client import get_client
from course_utils.exercises import check_context_precision, check_rag_recipe
from course_utils.llama_setup import configure_llama_index
from course_utils.rag import (DOMAINS, NOT_IN_DOCUMENTS, ProductFacts, RagKitchen, RagRecipe, build_index, domain_filter,
                              kb_documents, prefer_current_version, qa_split, rag_predictor, rag_scorer, rag_summary,
                              retrieval_metrics)
from course_utils.rag_metrics import context_precision
from course_utils.runner import evaluate


@pytest.fixture(scope="module")
def kitchen(offline_environment):
    saved = Settings._llm, Settings._embed_model, Settings._node_parser
    try:
        configure_llama_index(temperature=0)
        yield RagKitchen(get_client(cache=False), "acme-tiny")
    finally:
        Settings._llm, Settings._embed_model, Settings._node_parser = saved


def test_the_split_halves_the_questions_with_their_unanswerable_share():
    dev, test = qa_split()
    everything = datasets.load_kb_qa()
    assert sorted(q["id"] for q in dev + test) == sorted(q["id"] for q in everything)
    assert not {q["id"] for q in dev} & {q["id"] for q in test}
    assert abs(len(dev) - len(test)) <= 2
    assert abs(sum(q["answer"] is None for q in dev) - sum(q["answer"] is None for q in test)) <= 1
    assert [q["id"] for q in qa_split()[0]] == [q["id"] for q in dev]


def test_documents_carry_their_front_matter_and_the_embedder_sees_only_id_and_title():
    documents = {d.metadata["doc_id"]: d for d in kb_documents()}
    assert documents["POL-RET-1"].metadata["superseded_by"] == "POL-RET-2"
    assert documents["POL-RET-2"].metadata["superseded_by"] == ""
    assert documents["POL-RET-2"].metadata["domain"] == "policy"
    embedded = documents["POL-RET-2"].get_metadata_str(mode="embed")
    assert "Returns and Refunds Policy" in embedded and "effective_date" not in embedded
    current = {d.metadata["doc_id"] for d in kb_documents(current_only=True)}
    assert "POL-RET-1" not in current and "POL-RET-2" in current


def test_prefer_current_version_drops_superseded_chunks(kitchen):
    index = kitchen.index(RagRecipe(chunk_size=192, chunk_overlap=19))
    hits = index.as_retriever(similarity_top_k=6).retrieve("How many days do I have to return an item?")
    assert any(h.node.metadata["superseded_by"] for h in hits)  # the old policy is among the candidates
    kept = prefer_current_version().postprocess_nodes(hits)
    assert kept and not any(h.node.metadata["superseded_by"] for h in kept)


def test_smaller_chunks_make_more_nodes_and_a_domain_filter_keeps_one_domain(kitchen):
    small = build_index(kb_documents(), chunk_size=96, chunk_overlap=9)
    large = build_index(kb_documents(), chunk_size=384, chunk_overlap=38)
    assert len(small.docstore.docs) > len(large.docstore.docs)
    retriever = kitchen.index(RagRecipe(chunk_size=192, chunk_overlap=19)).as_retriever(
        similarity_top_k=5, filters=domain_filter("product"))
    assert {h.node.metadata["domain"] for h in retriever.retrieve("How long is the tent warranty?")} == {"product"}
    with pytest.raises(ValueError, match="Unknown domain 'blog'"):
        domain_filter("blog")
    assert kitchen.domain_of("How do I reset my password?") in DOMAINS


def test_retrieval_metrics_follow_llama_index_definitions():
    m = retrieval_metrics(["A", "B"], ["C", "A", "A", "D"])
    assert m == {"hit_rate": 1.0, "mrr": 0.5, "recall": 0.5, "precision": pytest.approx(1 / 3)}
    assert retrieval_metrics(["A"], []) == {"hit_rate": 0.0, "mrr": 0.0, "recall": 0.0, "precision": 0.0}
    assert retrieval_metrics([], ["A"]) == {}


def test_product_facts_answer_from_the_database_and_stay_out_of_other_questions():
    facts = ProductFacts()
    assert facts.answer("What's the price of the Foam Trail Pad?") == "The Foam Trail Pad (SLP-210) costs $39.00."
    assert "5 years" in facts.answer("How many years of warranty does the Glacier 45 Cooler have?")
    assert facts.answer("How much does the footprint for the Ridgeline 4 Tent weigh?") is None  # not a fact it holds
    assert facts.answer("What is the price of a gift card?") is None  # names no product
    assert facts.expand("Is there a restocking fee on the SolarCharge 20W Panel?").endswith(
        "(ELC-200, Electronics and lighting)")


def test_a_recipe_answers_and_reports_retrieval_and_the_rules_help(kitchen):
    dev, _ = qa_split()
    sample = dev[:30]
    plain = evaluate(rag_predictor(RagRecipe(chunk_size=192, chunk_overlap=19), kitchen), sample, rag_scorer(),
                     name="plain", progress=False)
    row = rag_summary(plain)
    assert 0 < row["accuracy"] <= 1 and 0 < row["hit_rate"] <= 1 and row["prompt tokens"] > 100
    first = plain.results[0]
    assert first["doc_ids"] and first["passages"] and len(first["passages"]) == 3
    strict = evaluate(rag_predictor(RagRecipe(chunk_size=192, chunk_overlap=19, min_score=0.99), kitchen), sample,
                      rag_scorer(), name="strict", progress=False)
    assert all(r["prediction"] == NOT_IN_DOCUMENTS and r["prompt_tokens"] == 0 for r in strict.results)


def test_rag_checker_fails_a_weak_recipe_and_passes_the_hinted_one(kitchen, capsys):
    assert not check_rag_recipe(RagRecipe(chunk_size=1024, chunk_overlap=100, top_k=1), kitchen)
    assert "not yet" in capsys.readouterr().out
    assert check_rag_recipe(RagRecipe(chunk_size=192, chunk_overlap=19, top_k=3, candidates=6, current_only=True), kitchen)


def test_context_precision_checker_needs_the_order_right(capsys):
    assert check_context_precision(context_precision)
    assert not check_context_precision(lambda relevant: sum(relevant) / len(relevant) if relevant else 0.0)
    assert not check_context_precision(lambda relevant: 1 / 0)
    assert "raised ZeroDivisionError" in capsys.readouterr().out
