"""llama-index uses the course's backend: right classes, base URL, model ids and HTTP client."""

import pytest
from llama_index.core import Settings
from llama_index.core.llms import ChatMessage
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai_like import OpenAILike

from course_utils.client import get_meter
from course_utils.llama_setup import chunk_size_for, configure_llama_index
from test_client import clean_env, compatible, fake_server  # noqa: F401 -- shared fixtures


@pytest.fixture
def restore_settings():
    saved = Settings._llm, Settings._embed_model, Settings._node_parser
    yield
    Settings._llm, Settings._embed_model, Settings._node_parser = saved


def test_settings_point_at_the_backend(compatible, restore_settings):  # noqa: F811
    settings = configure_llama_index(cache=False, temperature=0)
    assert isinstance(settings.llm, OpenAILike) and settings.llm.is_chat_model
    assert (settings.llm.model, settings.llm.api_base) == ("local-chat", compatible.base_url)
    assert settings.llm.temperature == 0
    assert isinstance(settings.embed_model, OpenAIEmbedding)
    assert settings.embed_model.model_name == "local-embed"
    assert settings.embed_model.api_base == compatible.base_url


def test_chat_and_embedding_calls_reach_the_server_and_are_metered(compatible,  # noqa: F811
                                                                    restore_settings):
    configure_llama_index(cache=False)
    before = len(get_meter().calls)

    reply = Settings.llm.chat([ChatMessage(role="user", content="which table?")])
    assert reply.message.content == "echo: which table?"
    assert Settings.embed_model.get_text_embedding("abcd") == [4.0, 1.0, 0.0]
    assert Settings.embed_model.get_query_embedding("ab") == [2.0, 1.0, 0.0]

    paths_and_models = [(path, body["model"]) for path, _, body in compatible.requests]
    assert paths_and_models == [("/v1/chat/completions", "local-chat"),
                                ("/v1/embeddings", "local-embed"),
                                ("/v1/embeddings", "local-embed")]
    new_calls = get_meter().calls[before:]
    assert [call.endpoint for call in new_calls] == ["/chat/completions", "/embeddings",
                                                     "/embeddings"]


def test_the_chunk_size_fits_the_embedding_model():
    assert chunk_size_for("all-MiniLM-L6-v2") == 192  # 3/4 of its 256 word pieces
    assert chunk_size_for("text-embedding-3-small") == 1024  # llama-index's default fits it
    assert chunk_size_for("some-local-embedder") == 1024  # unknown: llama-index's default


def test_configure_sets_and_says_the_chunk_size(compatible, restore_settings, capsys):  # noqa: F811
    settings = configure_llama_index(cache=False)
    assert settings.chunk_size == chunk_size_for("local-embed")
    assert f"chunks of at most {settings.chunk_size} tokens" in capsys.readouterr().out
