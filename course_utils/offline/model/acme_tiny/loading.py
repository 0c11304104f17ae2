"""Loading acme-tiny: its weights from offline/weights/acme-tiny/, or a fine-tuned copy from its folder.

server.py asks this module for the course's model: `default_loader()` serves it (the
ModelLoader of offline/api/protocol.py) and `default_trainer()` fine-tunes it (the Trainer).
"""

from __future__ import annotations

from pathlib import Path

from course_utils.models import choice_for
from course_utils.offline.model.acme_tiny.chat_model import AcmeTinyChat
from course_utils.offline.model.acme_tiny.network import AcmeTinyNetwork
from course_utils.offline.model.embedder import Embedder, shared_embedder
from course_utils.offline.training.fine_tuning import AcmeTinyTrainer

MODEL_ID = choice_for("chat", "offline").default  # "acme-tiny", from the course's one registry
WEIGHTS_DIR = Path(__file__).resolve().parents[2] / "weights" / MODEL_ID  # course_utils/offline/weights/acme-tiny


def load_network(folder: Path = WEIGHTS_DIR) -> AcmeTinyNetwork:
    if not (Path(folder) / "config.json").is_file():
        raise FileNotFoundError(
            f"No acme-tiny weights in {folder}. Train them with `python -m course_utils.offline.training.train_base`."
        )
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in every notebook cell
    return AcmeTinyNetwork.from_pretrained(folder)


class AcmeTinyLoader:
    """Serves acme-tiny and its fine-tuned versions (course_utils.offline.api.protocol.ModelLoader)."""

    def __init__(self, embed: Embedder):
        self.embed = embed

    def base_model_ids(self) -> list[str]:
        return [MODEL_ID]

    def load_base(self, model_id: str) -> AcmeTinyChat:
        if model_id != MODEL_ID:
            raise KeyError(f"unknown base model {model_id!r}; the offline backend serves {MODEL_ID!r}")
        return AcmeTinyChat(MODEL_ID, load_network(), self.embed)

    def load_fine_tuned(self, model_id: str, folder: Path) -> AcmeTinyChat:
        return AcmeTinyChat(model_id, load_network(folder), self.embed)


def default_loader() -> AcmeTinyLoader:
    return AcmeTinyLoader(shared_embedder())


def default_trainer() -> AcmeTinyTrainer:
    def base_network(model_id: str) -> AcmeTinyNetwork:
        if model_id != MODEL_ID:
            raise ValueError(f"acme-tiny fine-tunes from {MODEL_ID!r}; {model_id!r} cannot be a base yet.")
        return load_network()

    return AcmeTinyTrainer(shared_embedder(), base_network)
