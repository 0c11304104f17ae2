"""A llama-index RAG pipeline end to end on the embedded offline backend.

No OPENAI_API_KEY, no COURSE_BASE_URL: `configure_llama_index()` points llama-index at the
in-process offline server (acme-tiny for chat, all-MiniLM-L6-v2 for embeddings). The test
indexes the knowledge base with a VectorStoreIndex, then checks that the embeddings came from
that server, that retrieval finds the right documents, that a query engine answers with a
quote from the retrieved chunks, and that Settings.llm.chat works.

The offline server is process-wide (course_utils.offline.server.ensure_started), so this
module only starts it, never stops it; llama-index's global Settings are put back afterwards.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from llama_index.core import Document, Settings, VectorStoreIndex
from llama_index.core.llms import ChatMessage, MessageRole
from llama_index.core.schema import MetadataMode

from course_utils.client import get_meter
from course_utils.datasets import load_kb_docs, load_kb_qa
from course_utils.llama_setup import configure_llama_index
from course_utils.offline.model.acme_tiny.network import ABSTAIN
from course_utils.offline_assets import load_embedder

CHAT_MODEL, EMBED_MODEL, EMBED_DIM = "acme-tiny", "all-MiniLM-L6-v2", 384
EMBEDDER_LIMIT = 256  # all-MiniLM-L6-v2 reads at most 256 word pieces and drops the rest
RETURN_QUESTION = "How many days do I have to return an item?"


@pytest.fixture(scope="module")
def settings(offline_environment):
    """llama-index's Settings on the offline backend, with the environment cleaned."""
    saved = Settings._llm, Settings._embed_model, Settings._node_parser
    try:
        yield configure_llama_index(temperature=0)
    finally:
        Settings._llm, Settings._embed_model, Settings._node_parser = saved


@pytest.fixture(scope="module")
def built(settings):
    """The knowledge base in a VectorStoreIndex, and the meter's calls made while building it."""
    documents = [Document(text=doc["body"], id_=doc["id"],
                          metadata={"doc_id": doc["id"], "title": doc["title"]})
                 for doc in load_kb_docs()]
    meter = get_meter()
    before = len(meter.calls)
    index = VectorStoreIndex.from_documents(documents)  # with the node parser configured above
    return index, meter.calls[before:]


@pytest.fixture(scope="module")
def index(built):
    return built[0]


def retrieved_doc_ids(retriever, question: str) -> list[str]:
    return [hit.node.metadata["doc_id"] for hit in retriever.retrieve(question)]


def test_backend_is_the_offline_server(settings):
    assert settings.llm.model == CHAT_MODEL and settings.llm.is_chat_model
    assert settings.embed_model.model_name == EMBED_MODEL
    assert settings.llm.api_base.startswith("http://127.0.0.1:")
    assert settings.embed_model.api_base == settings.llm.api_base


def test_index_embeddings_come_from_the_offline_embedder(settings, built):
    index, calls = built
    # Every request made while indexing was an embedding request for the offline embedder.
    assert calls and {(call.endpoint, call.model) for call in calls} == {("/embeddings", EMBED_MODEL)}

    nodes = list(index.docstore.docs.values())
    assert len(nodes) > len(load_kb_docs())  # the splitter really chunked the documents
    assert all(node.metadata.get("doc_id") for node in nodes)
    vectors = np.array([index.vector_store.get(node.node_id) for node in nodes])
    assert vectors.shape == (len(nodes), EMBED_DIM)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)  # normalized
    # What the index stored is what the embedding model gives for the chunk's text.
    node = nodes[len(nodes) // 2]
    again = settings.embed_model.get_text_embedding(node.get_content(metadata_mode=MetadataMode.EMBED))
    np.testing.assert_allclose(again, vectors[len(nodes) // 2], atol=1e-4)


def test_every_chunk_fits_the_embedder_whole(settings, index):
    """The configured chunk size keeps every chunk, metadata included, inside what the
    embedder reads, so no chunk is indexed by its beginning only."""
    assert settings.chunk_size < EMBEDDER_LIMIT
    tokenizer = load_embedder().tokenizer
    lengths = [len(tokenizer(node.get_content(metadata_mode=MetadataMode.EMBED))["input_ids"])
               for node in index.docstore.docs.values()]
    assert max(lengths) <= EMBEDDER_LIMIT, sorted(lengths)[-5:]


def test_a_return_window_question_retrieves_the_returns_policy(index):
    top = retrieved_doc_ids(index.as_retriever(similarity_top_k=3), RETURN_QUESTION)
    assert len(top) == 3
    assert any(doc_id.startswith("POL-RET-") for doc_id in top), top


def test_retrieval_finds_the_gold_document_for_most_questions(index):
    answerable = [q for q in load_kb_qa() if q["answer"] is not None and q["doc_ids"]]
    sample = random.Random(0).sample(answerable, 20)
    retriever = index.as_retriever(similarity_top_k=3)
    hits = [bool(set(retrieved_doc_ids(retriever, q["question"])) & set(q["doc_ids"]))
            for q in sample]
    hit_rate = sum(hits) / len(hits)
    # Measured (chunk_size=192): 0.85 on this sample, 0.88 on all 179 answerable questions,
    # and at least 0.65 on each of 200 random samples of 20. Three random chunks out of ~230
    # hit a gold document about 6% of the time, so with random (or constant) embeddings
    # 12 hits of 20 has a probability far below 1e-6: 0.6 fails on broken embeddings and
    # passes on the real ones with room to spare.
    assert hit_rate >= 0.6, f"top-3 hit rate {hit_rate:.2f}: {hits}"


def test_query_engine_answers_with_a_quote_from_the_retrieved_chunks(index):
    meter = get_meter()
    before = len(meter.calls)
    response = index.as_query_engine(similarity_top_k=3).query(RETURN_QUESTION)

    answer = str(response).strip()
    assert answer and answer != ABSTAIN
    assert re.search(r"\b\d+ days\b", answer), answer
    assert 1 <= len(response.source_nodes) <= 3
    assert any(hit.node.metadata["doc_id"].startswith("POL-RET-") for hit in response.source_nodes)
    # acme-tiny quotes: each sentence of the answer is in one of the chunks it was shown.
    sources = [" ".join(hit.node.get_content().split()) for hit in response.source_nodes]
    for sentence in re.split(r"(?<=[.!?])\s+", answer):
        sentence = " ".join(sentence.lstrip("-*• ").split())
        assert any(sentence in source for source in sources), (sentence, sources)
    endpoints = [(call.endpoint, call.model) for call in meter.calls[before:]]
    assert ("/chat/completions", CHAT_MODEL) in endpoints  # the answer came from acme-tiny


def test_settings_llm_chat_works(settings):
    passage = ("Most items can be returned within 45 days of delivery for a full refund. "
               "Gift cards cannot be returned.")
    reply = settings.llm.chat([
        ChatMessage(role=MessageRole.SYSTEM, content="Answer from the context only."),
        ChatMessage(role=MessageRole.USER,
                    content=f"Context:\n{passage}\n\nQuestion: {RETURN_QUESTION}"),
    ])
    assert reply.message.role == MessageRole.ASSISTANT
    assert reply.message.content == passage.split(". ")[0] + "."
    assert reply.raw.model == CHAT_MODEL

    unanswerable = settings.llm.chat([ChatMessage(
        role=MessageRole.USER, content=f"Context:\n{passage}\n\nQuestion: Do you sell kayaks?")])
    assert unanswerable.message.content == ABSTAIN
