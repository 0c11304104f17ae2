"""Texts to vectors through the embeddings API, each text once, and the closest texts to a query.

Few-shot example choice (lessons 02 and 05), routing by evidence (lesson 06) and any similarity
search in the course use these two pieces, on any backend.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from course_utils.models import model_for

Embed = Callable[[list[str]], np.ndarray]


def cached_embedder(client, model: str | None = None) -> Embed:
    """texts -> vectors through the embeddings API; each text is embedded once (an example pool
    repeats in every request)."""
    model = model or model_for("embedding")
    vectors: dict[str, list[float]] = {}

    def embed(texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in vectors))
        for i in range(0, len(missing), 256):
            response = client.embeddings.create(model=model, input=missing[i:i + 256])
            vectors.update(zip(missing[i:i + 256], (d.embedding for d in response.data)))
        return np.array([vectors[t] for t in texts])

    return embed


def unit_vectors(vectors) -> np.ndarray:
    """Rows scaled to length 1, so that a dot product is a cosine similarity."""
    vectors = np.asarray(vectors, dtype=float)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def closest(query: str, texts: Sequence[str], embed: Embed, k: int) -> list[int]:
    """The indices of the k texts most similar to the query (cosine), closest first."""
    vectors = unit_vectors(embed([query] + list(texts)))
    return [int(i) for i in np.argsort(-(vectors[1:] @ vectors[0]), kind="stable")[:k]]
