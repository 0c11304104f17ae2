"""The offline backend's one sentence embedder: all-MiniLM-L6-v2 behind one lock, with a cache.

acme-tiny embeds questions, passages, labels and schema names with it, and /v1/embeddings
serves its vectors. Both use the process's one `Embedder` (shared_embedder()), so a single
lock lets one forward pass run at a time, whichever thread or model asks, and the weights
are loaded once, on first use (torch is slow to import).
"""

from __future__ import annotations

import threading

import numpy as np

CALL_COST = 200  # one encoder call costs about as much as 200 more characters of padded batch


def length_batches(texts: list[str]) -> list[list[str]]:
    """Texts grouped by length so that short ones are not padded to long ones: the split of the
    length-sorted texts that minimises sum(CALL_COST + batch size x longest text) (a small DP)."""
    ordered = sorted(texts, key=len)
    best = [0.0] + [float("inf")] * len(ordered)  # best[j]: cost of the first j texts
    cut = [0] * (len(ordered) + 1)
    for j in range(1, len(ordered) + 1):
        for i in range(max(0, j - 64), j):  # batch ordered[i:j], at most 64 texts
            cost = best[i] + CALL_COST + (j - i) * len(ordered[j - 1])
            if cost < best[j]:
                best[j], cut[j] = cost, i
    batches, j = [], len(ordered)
    while j > 0:
        batches.append(ordered[cut[j]:j])
        j = cut[j]
    return batches[::-1]


def cosines(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    """The cosine of each row of `vectors` with `query` (unit vectors, so a dot product); none for no rows."""
    return vectors @ query if len(vectors) else np.zeros(0, dtype=np.float32)


class Embedder:
    """all-MiniLM-L6-v2 with a cache (passages repeat across questions, so most are free) and a lock.

    model: a SentenceTransformer; None loads the packaged one on first use."""

    def __init__(self, model=None, max_cached: int = 200_000):
        self._model = model
        self._lock = threading.RLock()  # one forward pass, cache update and lazy load at a time
        self.cache: dict[str, np.ndarray] = {}
        self.line_tokens: dict[str, int] = {}
        self.max_cached = max_cached

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                from course_utils.offline_assets import load_embedder

                self._model = load_embedder()
            return self._model

    def __call__(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of the texts (float32, (len(texts), dimension)), from the cache where it has them."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
            if len(self.cache) + len(missing) > self.max_cached:
                self.cache.clear()
            # a request's few texts are grouped by length here; a bulk call (training) is left to the
            # library, which sorts by length and fills batches of 64 itself
            for batch in length_batches(missing) if len(missing) <= 64 else [missing]:
                vectors = self.model.encode(batch, batch_size=64, normalize_embeddings=True,
                                            convert_to_numpy=True, show_progress_bar=len(batch) > 5000)
                self.cache.update(zip(batch, vectors.astype(np.float32)))
            if not texts:
                return np.zeros((0, self.dimension), dtype=np.float32)
            return np.stack([self.cache[t] for t in texts])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Unit vectors of the texts computed afresh in one call, as /v1/embeddings returns them."""
        with self._lock:
            return self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True)

    @property
    def dimension(self) -> int:
        return self.model[0].auto_model.config.hidden_size

    def count_tokens(self, text: str) -> int:
        """The number of tokens in text. This tokenizer never joins characters across a line break,
        so lines are counted one by one and remembered: prompts repeat their schema and dictionary."""
        with self._lock:
            lines = text.split("\n")
            missing = list(dict.fromkeys(line for line in lines if line not in self.line_tokens))
            if missing:
                if len(self.line_tokens) + len(missing) > self.max_cached:
                    self.line_tokens.clear()
                ids = self.model.tokenizer(missing, add_special_tokens=False, verbose=False)["input_ids"]
                self.line_tokens.update(zip(missing, map(len, ids)))
            return sum(self.line_tokens[line] for line in lines)

    def total_tokens(self, texts: list[str]) -> int:
        """The tokens of every text, counted as /v1/embeddings reports its usage."""
        with self._lock:
            return sum(len(ids) for ids in self.model.tokenizer(texts, add_special_tokens=False)["input_ids"])


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """The process's one embedder (and its cache), made on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
