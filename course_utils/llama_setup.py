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
"""

from __future__ import annotations

from course_utils.client import connection, course_http_client
from course_utils.models import model_for
from course_utils.offline_assets import use_packaged_assets


def configure_llama_index(cache: bool | None = None, **llm_options):
    """Set llama-index's default LLM and embedding model to the course's backend.

    cache: as for course_utils.client.get_client. Other keyword arguments go to `OpenAILike`
    (e.g. temperature=0, context_window=8000, max_tokens=256). Returns llama-index's Settings.
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
    Settings.embed_model = OpenAIEmbedding(
        model_name=model_for("embedding", conn.backend),
        api_base=conn.base_url,
        api_key=conn.api_key,
        http_client=http_client,
    )
    return Settings
