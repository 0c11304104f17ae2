"""Which models the service can serve, and loading each one once.

Two kinds of model ids exist:

- base models, whatever the `ModelLoader` offers (e.g. "acme-tiny");
- fine-tuned models ("ft:acme-tiny:my-run:AbCd1234") and their per-epoch checkpoints
  ("ft:...:ckpt-step-30"), which exist once a fine-tuning job succeeded. The jobs service is
  their single source of truth: the registry asks it (a `FineTunedCatalog`) where a model's
  folder is, so a model appears exactly when its job's record says "succeeded".

A loaded model is kept in memory and shared by all requests. Requests run on several threads,
so each model is wrapped in `SerializedModel`, which lets one thread at a time into it: the
model may keep caches, and a small model on a CPU gains nothing from running calls in parallel.

Memory stays bounded: base models stay loaded, but fine-tuned ones that say how much memory
they hold (`resident_bytes`: the open LLM's adapters) are evicted, least recently used first,
once together they pass FINE_TUNED_MEMORY_BUDGET; an evicted model's `release()`, if it has
one, frees what it held. A model that a request is still using (`checkout` until `checkin`) is
not evicted until it is done. An evicted model loads again on its next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .errors import bad_request, not_found
from .protocol import ChatModel, ModelLoader, Prompt

BASE_OWNER = "system"  # `owned_by` of the base models, as OpenAI lists its own
BASE_CREATED = 1767225600  # 2026-01-01: a fixed `created` for base models (they have no upload time)
DEFAULT_CONTEXT_LENGTH = 4096  # for a model that does not say its `context_length`
FINE_TUNED_MEMORY_BUDGET = 200 * 2**20  # about 20 of the open LLM's adapters at the default rank


@dataclass
class ServedModel:
    """One entry of /v1/models."""

    id: str
    created: int
    owned_by: str

    def to_api(self) -> dict:
        return {"id": self.id, "object": "model", "created": self.created, "owned_by": self.owned_by}


class FineTunedCatalog(Protocol):
    """Where fine-tuned models come from (the jobs service)."""

    def fine_tuned_models(self, with_checkpoints: bool = False) -> list[ServedModel]: ...

    def model_folder(self, model_id: str) -> Path | None: ...


class SerializedModel:
    """A ChatModel that lets one thread at a time call it (same methods, same attributes)."""

    def __init__(self, model: ChatModel, model_id: str):
        self._model = model
        self._lock = threading.RLock()
        self.id = model_id  # the id it is served under (responses echo it)
        self.resident_bytes = int(getattr(model, "resident_bytes", 0))
        self.release = getattr(model, "release", lambda: None)  # called when evicted
        self.vocab_size = getattr(model, "vocab_size", None)
        self.eos_id = getattr(model, "eos_id", None)
        self.context_length = context_length(model)
        # an engine that samples by itself (llama.cpp) takes whole requests, one at a time by its own lock
        self.samples_itself = hasattr(model, "events")
        self.supported_parameters = tuple(getattr(model, "supported_parameters", ()))
        self.requests = 0  # requests using it now (ModelRegistry.checkout); it is not evicted meanwhile

    def events(self, request: dict, index: int):
        return self._model.events(request, index)

    def read_prompt(self, messages: Sequence[dict]) -> Prompt:
        with self._lock:
            return self._model.read_prompt(messages)

    def next_token_logits(self, prompt: Prompt, generated: Sequence[int]) -> np.ndarray:
        with self._lock:
            return self._model.next_token_logits(prompt, generated)

    def token_text(self, prompt: Prompt, token_id: int) -> str:
        with self._lock:
            return self._model.token_text(prompt, token_id)

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return self._model.count_tokens(text)


def release(models: list[SerializedModel]) -> None:
    """Free what evicted models held (an adapter unloaded may wait for the engine's current request)."""
    for model in models:
        model.release()


def context_length(model: ChatModel) -> int:
    """The most tokens (prompt + completion) the model takes."""
    return int(getattr(model, "context_length", DEFAULT_CONTEXT_LENGTH))


class ModelRegistry:
    """Lists servable models and hands out loaded ones by id."""

    def __init__(self, loader: ModelLoader, fine_tuned: FineTunedCatalog | None = None,
                 fine_tuned_budget: int = FINE_TUNED_MEMORY_BUDGET):
        self.loader = loader
        self.fine_tuned = fine_tuned  # set after the jobs service exists (it needs us too)
        self.extra: list[ServedModel] = []  # other ids to list (the embedding model)
        self.fine_tuned_budget = fine_tuned_budget
        self._loaded: OrderedDict[str, SerializedModel] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()  # loading is rare: one at a time keeps it simple

    def base_ids(self) -> list[str]:
        return list(self.loader.base_model_ids())

    def list(self) -> list[ServedModel]:
        models = [ServedModel(i, BASE_CREATED, BASE_OWNER) for i in self.base_ids()]
        models += self.extra
        if self.fine_tuned is not None:
            models += self.fine_tuned.fine_tuned_models()
        return models

    def describe(self, model_id: str) -> ServedModel:
        """The /v1/models entry of one id (checkpoints included), or 404."""
        candidates = self.list()
        if self.fine_tuned is not None:
            candidates += self.fine_tuned.fine_tuned_models(with_checkpoints=True)
        for model in candidates:
            if model.id == model_id:
                return model
        raise self.unknown(model_id)

    def get(self, model_id: str) -> SerializedModel:
        """The loaded chat model for an id; loaded on first use, then kept (fine-tuned ones
        while the memory budget allows)."""
        return self.checkout(model_id, requests=0)

    def checkout(self, model_id: str, requests: int = 1) -> SerializedModel:
        """`get` for a request: the model is not evicted until the request calls `checkin`."""
        with self._lock:
            if model_id not in self._loaded:
                self._loaded[model_id] = SerializedModel(self._load(model_id), model_id)
            self._loaded.move_to_end(model_id)
            model = self._loaded[model_id]
            model.requests += requests
            evicted = self._evict(keep=model_id)
        release(evicted)
        return model

    def checkin(self, model: SerializedModel) -> None:
        """A request is done with a model; what eviction had to leave loaded for it goes now."""
        with self._lock:
            model.requests -= 1
            evicted = self._evict(keep=None)
        release(evicted)

    def loaded_ids(self) -> list[str]:
        """The models in memory, least recently used first."""
        return list(self._loaded)

    def _evict(self, keep: str | None) -> list[SerializedModel]:
        """Take least recently used fine-tuned models out until those left fit the budget (never
        one that a request is using, nor `keep`); the caller releases them, outside the lock."""
        base = set(self.base_ids())
        fine_tuned = [i for i in self._loaded if i not in base]
        held = sum(self._loaded[i].resident_bytes for i in fine_tuned)
        evicted = []
        for model_id in fine_tuned:
            if held <= self.fine_tuned_budget:
                break
            candidate = self._loaded[model_id]
            if model_id != keep and candidate.resident_bytes and not candidate.requests:
                evicted.append(self._loaded.pop(model_id))
                held -= candidate.resident_bytes
        return evicted

    def _load(self, model_id: str) -> ChatModel:
        if any(model.id == model_id for model in self.extra):
            raise bad_request(
                f"'{model_id}' is an embedding model: use it with `client.embeddings.create`, "
                "not for chat completions.",
                param="model",
            )
        if model_id in self.base_ids():
            return self.loader.load_base(model_id)
        folder = self.fine_tuned.model_folder(model_id) if self.fine_tuned else None
        if folder is not None:
            return self.loader.load_fine_tuned(model_id, folder)
        raise self.unknown(model_id)

    def unknown(self, model_id: str):
        """A 404 that says which models exist and how to list them."""
        available = ", ".join(repr(m.id) for m in self.list()) or "(none)"
        return not_found(
            f"The model '{model_id}' does not exist on this offline server. "
            f"Available models: {available}. List them with `client.models.list()` "
            "(GET /v1/models).",
            param="model",
            code="model_not_found",
        )
