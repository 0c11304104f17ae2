"""The registry keeps base models loaded and evicts fine-tuned ones, least recently used first."""

from __future__ import annotations

from pathlib import Path

from course_utils.offline.api.registry import ModelRegistry
from test_offline_toymodel import BASE_ID, BigramChat, BigramLoader


class SizedLoader(BigramLoader):
    """Bigram models that say they hold `size` bytes each, counting how often each one loads."""

    def __init__(self, size: int):
        super().__init__()
        self.size, self.loads, self.released = size, [], []

    def load_base(self, model_id):
        self.loads.append(model_id)
        return self._sized(super().load_base(model_id))

    def load_fine_tuned(self, model_id, folder):
        self.loads.append(model_id)
        return self._sized(BigramChat(model_id, self.base))

    def _sized(self, model):
        if self.size:
            model.resident_bytes = self.size
            model.release = lambda: self.released.append(model.id)
        return model


class Catalog:
    def __init__(self, ids):
        self.ids = ids

    def fine_tuned_models(self, with_checkpoints=False):
        return []

    def model_folder(self, model_id):
        return Path("/nowhere") if model_id in self.ids else None


def test_fine_tuned_models_past_the_budget_are_evicted_least_recently_used_first():
    loader = SizedLoader(size=100)
    registry = ModelRegistry(loader, Catalog(["ft:a", "ft:b", "ft:c"]), fine_tuned_budget=250)
    for model_id in (BASE_ID, "ft:a", "ft:b", "ft:a", "ft:c"):
        registry.get(model_id)
    # a, b, c hold 300 bytes: b was used least recently, so b goes; the base model always stays
    assert registry.loaded_ids() == [BASE_ID, "ft:a", "ft:c"] and loader.released == ["ft:b"]
    kept = registry.get("ft:a")
    assert registry.get("ft:a") is kept and loader.loads.count("ft:a") == 1
    registry.get("ft:b")  # loads again, and the least recently used one (c) makes room
    assert registry.loaded_ids() == [BASE_ID, "ft:a", "ft:b"] and loader.loads.count("ft:b") == 2


def test_models_that_do_not_say_their_size_are_kept_and_one_big_model_is_still_served():
    unsized = SizedLoader(size=0)
    registry = ModelRegistry(unsized, Catalog(["ft:a", "ft:b"]), fine_tuned_budget=0)
    registry.get("ft:a"), registry.get("ft:b")
    assert registry.loaded_ids() == ["ft:a", "ft:b"]  # no resident_bytes: nothing to weigh
    sized = ModelRegistry(SizedLoader(size=500), Catalog(["ft:a"]), fine_tuned_budget=100)
    assert sized.get("ft:a").id == "ft:a" and sized.loaded_ids() == ["ft:a"]


def test_a_model_that_a_request_uses_is_evicted_only_once_the_request_is_done():
    loader = SizedLoader(size=100)
    registry = ModelRegistry(loader, Catalog(["ft:a", "ft:b"]), fine_tuned_budget=150)
    streaming = registry.checkout("ft:a")  # a request reads from it, token after token
    registry.get("ft:b")  # over the budget, but a is in use: nothing is unloaded under it
    assert registry.loaded_ids() == ["ft:a", "ft:b"] and loader.released == []
    registry.checkin(streaming)
    assert registry.loaded_ids() == ["ft:b"] and loader.released == ["ft:a"]
