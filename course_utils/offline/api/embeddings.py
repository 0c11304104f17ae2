"""POST /v1/embeddings with the packaged all-MiniLM-L6-v2 sentence embedder.

OpenAI's embeddings endpoint takes one text or a list of texts and returns one vector per
text, in order, plus a token count. Here the vectors come from all-MiniLM-L6-v2 (384
dimensions, normalised to length 1 like OpenAI's, so a dot product is the cosine similarity).

Two details match OpenAI so that unchanged client code works:

- encoding_format="base64" returns each vector as the base64 of its little-endian float32
  bytes. The `openai` SDK asks for base64 by default and decodes it, so both formats give the
  SDK the same numbers.
- usage.prompt_tokens counts the embedder's own (WordPiece) tokens of every input.

Unlike OpenAI, a text longer than the embedder's window (256 WordPiece tokens) is not refused:
sentence-transformers embeds its first 256 tokens. Course code chunks documents well below that.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from course_utils.models import choice_for
from course_utils.offline.model.embedder import Embedder, shared_embedder

from .errors import bad_request, not_found
from .registry import ServedModel

EMBEDDING_MODEL_ID = choice_for("embedding", "offline").default  # from the course's one registry
EMBEDDING_OWNER = "sentence-transformers"
EMBEDDING_CREATED = 1629676800  # 2021-08-23, when the model was published
MAX_INPUTS = 2048  # OpenAI's limit on texts per request
# Texts per forward pass. Attention memory grows with the batch: with 64 chunks of 256 word pieces a
# kernel held about 0.1 GB more at peak, and on 2 cores batches of 16 were no slower (RESULTS.md).
BATCH_SIZE = 16


def _texts(value: Any) -> list[str]:
    """The request's `input` as a list of non-empty texts; token-id arrays are refused."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise bad_request("'input' must be a string or a non-empty list of strings.", param="input")
    if any(isinstance(item, (int, list)) for item in value):
        raise bad_request(
            "'input' holds token ids; this offline server embeds text only (its tokenizer "
            "differs from OpenAI's). Send the texts themselves.",
            param="input",
        )
    if not all(isinstance(item, str) for item in value):
        raise bad_request("Every item of 'input' must be a string.", param="input")
    if len(value) > MAX_INPUTS:
        raise bad_request(f"'input' takes at most {MAX_INPUTS} texts per request.", param="input")
    empty = [i for i, text in enumerate(value) if not text]
    if empty:
        raise bad_request(f"'input[{empty[0]}]' is empty; every text must have content.", param="input")
    return value


class Embeddings:
    """Embeds texts with the offline backend's one embedder (model/embedder.py), loaded on first use.

    embedder: an Embedder, or a SentenceTransformer to wrap in one; None: the process's shared
    one, which acme-tiny uses too (one lock for both)."""

    def __init__(self, embedder=None):
        self._embedder = embedder if embedder is None or isinstance(embedder, Embedder) else Embedder(embedder)

    def served_model(self) -> ServedModel:
        return ServedModel(EMBEDDING_MODEL_ID, EMBEDDING_CREATED, EMBEDDING_OWNER)

    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = shared_embedder()
        return self._embedder

    def create(self, request: dict) -> dict:
        model = request.get("model")
        if model != EMBEDDING_MODEL_ID:
            raise not_found(
                f"The embedding model '{model}' does not exist on this offline server; "
                f"use '{EMBEDDING_MODEL_ID}'.",
                param="model",
                code="model_not_found",
            )
        texts = _texts(request.get("input"))
        encoding = request.get("encoding_format") or "float"
        if encoding not in ("float", "base64"):
            raise bad_request("'encoding_format' must be 'float' or 'base64'.", param="encoding_format")
        embedder = self.embedder()
        vectors = embedder.encode(texts, batch_size=BATCH_SIZE).astype("<f4")  # little-endian float32, as OpenAI's base64
        tokens = embedder.total_tokens(texts)
        dimensions = request.get("dimensions")
        if dimensions is not None and dimensions != vectors.shape[1]:
            raise bad_request(
                f"{EMBEDDING_MODEL_ID} makes {vectors.shape[1]}-dimensional vectors; "
                "'dimensions' cannot change that.",
                param="dimensions",
            )
        data = [
            {"object": "embedding", "index": i, "embedding": self._encode(vector, encoding)}
            for i, vector in enumerate(vectors)
        ]
        return {
            "object": "list",
            "data": data,
            "model": EMBEDDING_MODEL_ID,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }

    @staticmethod
    def _encode(vector: np.ndarray, encoding: str):
        if encoding == "base64":
            return base64.b64encode(vector.tobytes()).decode("ascii")
        return vector.tolist()
