"""Point llama-index at the course's backend, so RAG pipelines use the same models as the rest.

llama-index reads its default models from `llama_index.core.Settings`. `configure_llama_index()`
sets them to:

- `Settings.llm`: llama-index's `OpenAILike`, the class for any OpenAI-compatible chat API
  (`is_chat_model=True` sends /chat/completions; the plain `OpenAI` class would refuse
  model names it does not know, such as the offline model's);
- `Settings.embed_model`: llama-index's `OpenAIEmbedding`. Its `model` argument only accepts
  OpenAI's own names, so the model id goes in `model_name`, which it sends as it is.

Both get the backend's base URL and key, and an HTTP client from `course_utils.client`, so
their calls are cached and metered like every other call in the course.

It also sets `Settings.chunk_size` to fit the embedding model: an embedder reads a fixed number
of tokens and silently drops the rest, so a chunk longer than that is indexed by its beginning
only. llama-index counts chunk sizes in tiktoken tokens, and metadata counts too, while
all-MiniLM-L6-v2 reads 256 of its own word pieces (usually more than tiktoken's tokens for the
same text): chunks of 3/4 of the limit, 192, stay inside it.
"""

from __future__ import annotations

from course_utils.client import connection, course_http_client
from course_utils.models import EMBEDDING_MAX_TOKENS, model_for
from course_utils.offline_assets import use_packaged_assets


LLAMA_INDEX_CHUNK_SIZE = 1024  # llama-index's own default, kept where the embedder reads more
CHUNK_SHARE_OF_LIMIT = 0.75  # room for word pieces outnumbering tiktoken tokens, and metadata


def chunk_size_for(embedding_model: str) -> int:
    """The largest chunk size (tiktoken tokens) whose chunks the embedder reads whole."""
    limit = EMBEDDING_MAX_TOKENS.get(embedding_model)
    if limit is None:
        return LLAMA_INDEX_CHUNK_SIZE
    return min(LLAMA_INDEX_CHUNK_SIZE, int(limit * CHUNK_SHARE_OF_LIMIT))


def configure_llama_index(cache: bool | None = None, **llm_options):
    """Set llama-index's default LLM, embedding model and chunk size for the course's backend.

    cache: as for course_utils.client.get_client. Other keyword arguments go to `OpenAILike`
    (e.g. temperature=0, context_window=8000, max_tokens=256). Returns llama-index's Settings
    and prints the chunk size it chose.
    """
    use_packaged_assets()  # llama-index's tokenizers (tiktoken, NLTK) from local copies
    from llama_index.core import Settings
    from llama_index.embeddings.openai import OpenAIEmbedding
    from llama_index.llms.openai_like import OpenAILike

    conn = connection()
    http_client = course_http_client(conn, cache=cache)
    Settings.llm = OpenAILike(**({
        "model": model_for("chat", conn.backend),
        "api_base": conn.base_url,
        "api_key": conn.api_key,
        "is_chat_model": True,
        "http_client": http_client,
    } | llm_options))
    embedding_model = model_for("embedding", conn.backend)
    Settings.embed_model = OpenAIEmbedding(
        model_name=embedding_model,
        api_base=conn.base_url,
        api_key=conn.api_key,
        http_client=http_client,
    )
    chunk_size = chunk_size_for(embedding_model)
    if chunk_size < LLAMA_INDEX_CHUNK_SIZE:  # llama-index's default overlap (200) would not fit
        Settings.chunk_overlap = chunk_size // 10
    Settings.chunk_size = chunk_size
    limit = EMBEDDING_MAX_TOKENS.get(embedding_model)
    reads = f"reads at most {limit} tokens" if limit else "has no known input limit in course_utils.models"
    print(f"llama-index: chunks of at most {chunk_size} tokens, {Settings.chunk_overlap} of them "
          f"overlapping ({embedding_model} {reads}).")
    return Settings
