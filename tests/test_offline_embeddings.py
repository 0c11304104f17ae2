"""/v1/embeddings with the real packaged all-MiniLM-L6-v2 (loaded once for this file)."""

from __future__ import annotations

import base64

import httpx
import numpy as np
import openai
import pytest

from course_utils.offline.api.embeddings import EMBEDDING_MODEL_ID
from course_utils.offline_assets import load_embedder
from test_offline_toymodel import serve

TEXTS = ["A cat sat on the mat.", "A kitten rested on a rug.", "Quarterly revenue grew by 8%."]


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    with serve(tmp_path_factory.mktemp("state"), embedder=embedder) as (handle, client):
        yield handle, client


@pytest.fixture(scope="module")
def client(server):
    return server[1]


def test_float_vectors_match_the_embedder_and_are_normalised(client, embedder):
    response = client.embeddings.create(model=EMBEDDING_MODEL_ID, input=TEXTS, encoding_format="float")
    assert response.object == "list" and response.model == EMBEDDING_MODEL_ID
    assert [d.index for d in response.data] == [0, 1, 2]
    assert all(d.object == "embedding" for d in response.data)
    vectors = np.array([d.embedding for d in response.data])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    direct = embedder.encode(TEXTS, normalize_embeddings=True)
    assert np.allclose(vectors, direct, atol=1e-5)
    # Real semantics: the two sentences about a resting cat are closer than cat and revenue.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_base64_decodes_to_the_same_float32_vectors(client, server):
    floats = client.embeddings.create(model=EMBEDDING_MODEL_ID, input=TEXTS, encoding_format="float")
    # The SDK asks for base64 by default and decodes it itself.
    default = client.embeddings.create(model=EMBEDDING_MODEL_ID, input=TEXTS)
    raw = httpx.post(server[0].base_url + "/embeddings", trust_env=False,
                     json={"model": EMBEDDING_MODEL_ID, "input": TEXTS, "encoding_format": "base64"}).json()
    decoded = [np.frombuffer(base64.b64decode(d["embedding"]), dtype="<f4") for d in raw["data"]]
    for f, d, b in zip(floats.data, default.data, decoded):
        assert np.array_equal(np.array(f.embedding, dtype=np.float32), b)
        assert np.array_equal(np.array(d.embedding, dtype=np.float32), b)


def test_one_text_or_a_batch_give_the_same_vector_and_usage_counts_tokens(client, embedder):
    single = client.embeddings.create(model=EMBEDDING_MODEL_ID, input=TEXTS[2], encoding_format="float")
    batch = client.embeddings.create(model=EMBEDDING_MODEL_ID, input=TEXTS, encoding_format="float")
    assert np.allclose(single.data[0].embedding, batch.data[2].embedding, atol=1e-5)
    expected = sum(len(embedder.tokenizer.tokenize(t)) for t in TEXTS)
    assert batch.usage.prompt_tokens == batch.usage.total_tokens == expected


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"input": [[101, 2023]]}, openai.BadRequestError),  # token arrays
        ({"input": [1, 2, 3]}, openai.BadRequestError),
        ({"input": []}, openai.BadRequestError),
        ({"input": ["fine", ""]}, openai.BadRequestError),
        ({"input": "x", "encoding_format": "int8"}, openai.BadRequestError),
        ({"input": "x", "dimensions": 256}, openai.BadRequestError),
        ({"input": "x", "model": "text-embedding-3-small"}, openai.NotFoundError),
    ],
)
def test_bad_requests_get_clear_errors(client, kwargs, error):
    request = {"model": EMBEDDING_MODEL_ID} | kwargs
    with pytest.raises(error) as caught:
        client.embeddings.create(**request)
    assert caught.value.body["message"]


def test_token_arrays_are_refused_with_a_reason(client):
    with pytest.raises(openai.BadRequestError, match="token ids"):
        client.embeddings.create(model=EMBEDDING_MODEL_ID, input=[[101, 2023]])


def test_llama_index_openai_embedding_works_unchanged(server, embedder):
    from llama_index.embeddings.openai import OpenAIEmbedding

    model = OpenAIEmbedding(model_name=EMBEDDING_MODEL_ID, api_base=server[0].base_url, api_key="x",
                            max_retries=0)
    vector = model.get_text_embedding(TEXTS[0])
    assert np.allclose(vector, embedder.encode(TEXTS[0], normalize_embeddings=True), atol=1e-5)


def test_the_endpoint_and_acme_tiny_share_one_embedder():
    """One embedder per process: one cache, one lock, whichever of them asks."""
    from course_utils.offline.api.embeddings import Embeddings
    from course_utils.offline.model.acme_tiny.loading import default_loader
    from course_utils.offline.model.embedder import shared_embedder

    assert Embeddings().embedder() is shared_embedder() is default_loader().embed
