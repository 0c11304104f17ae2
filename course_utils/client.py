"""The one `openai` client every notebook uses, configured from the environment.

`get_client()` returns a real `openai.OpenAI` client pointed at the backend that
`course_utils.backend` selects (OpenAI, an OpenAI-compatible server, or the embedded
offline model), so notebooks call `client.chat.completions.create(...)` exactly as the
OpenAI documentation shows.

Under the SDK, its HTTP client sends requests through three layers (httpx transports):

    usage meter  ->  response cache  ->  budget guard  ->  the network

- the meter (course_utils.usage) records tokens and estimated cost of every answer,
  cached ones included;
- the cache (course_utils.cache) answers a repeated request from disk. It is on by default
  for the paid backends and off for the offline one, which is free and fast;
  COURSE_CACHE=on/off or `get_client(cache=...)` changes that;
- the guard stops paid requests once the budget (COURSE_BUDGET_USD) is spent. It sits
  behind the cache, so cached answers are still served when the budget is reached.

Rate limits: the SDK retries a 429 (and 5xx, timeouts) with exponential backoff, here up to
5 times; a 429 that persists reaches you as `openai.RateLimitError`.
"""

from __future__ import annotations

import os
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import openai

from course_utils.backend import choose_backend, on_this_computer, open_model_in_embedded_backend
from course_utils.cache import DEFAULT_FOLDER, CachingTransport, cache_enabled_by_env
from course_utils.models import OPEN_CHAT_DEFAULT, MissingModelSetting, model_for
from course_utils.usage import BudgetGuard, MeteringTransport, UsageMeter, get_meter

__all__ = ["Connection", "connection", "course_http_client", "describe_backend", "get_client",
           "get_meter"]

OPENAI_URL = "https://api.openai.com/v1"
PLACEHOLDER_KEY = "not-needed"  # servers such as Ollama or the offline one ignore the key
MAX_RETRIES = 5  # the SDK waits longer after each failed try (exponential backoff)


@dataclass(frozen=True)
class Connection:
    backend: str  # "openai", "compatible" or "offline"
    base_url: str  # where requests go, e.g. "http://127.0.0.1:8000/v1"
    api_key: str = field(repr=False)  # never printed
    cache_id: str  # names the backend in cache keys (the offline server's port changes)

    @property
    def paid(self) -> bool:
        """Whether calls may cost money (everything but the embedded offline backend)."""
        return self.backend != "offline"


def connection() -> Connection:
    """Where the selected backend is and which key to send it."""
    backend = choose_backend()
    if backend.kind == "openai":
        base_url = backend.base_url or OPENAI_URL
        return Connection("openai", base_url, os.environ["OPENAI_API_KEY"].strip(), base_url)
    if backend.kind == "compatible":
        key = os.environ.get("COURSE_API_KEY", "").strip() or PLACEHOLDER_KEY
        return Connection("compatible", backend.base_url, key, backend.base_url)
    from course_utils.offline.server import ensure_started  # starts the in-process server once

    return Connection("offline", ensure_started(open_model_in_embedded_backend()), PLACEHOLDER_KEY, "offline")


def _network_transport(base_url: str) -> httpx.HTTPTransport:
    """The real network. A custom transport turns off httpx's own proxy lookup, so honour
    HTTPS_PROXY / NO_PROXY here (never for loopback, where the offline server lives)."""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(httpx.URL(base_url).scheme) or proxies.get("all")
    if proxy and not on_this_computer(base_url) and not urllib.request.proxy_bypass(httpx.URL(base_url).host):
        return httpx.HTTPTransport(proxy=proxy)
    return httpx.HTTPTransport()


def course_http_client(conn: Connection, cache: bool | None = None,
                       cache_folder: Path | str | None = None,
                       meter: UsageMeter | None = None) -> httpx.Client:
    """An httpx client whose requests go through meter, cache and budget guard (see above)."""
    meter = meter or get_meter()
    use_cache = cache_enabled_by_env(default=conn.paid) if cache is None else cache
    transport: httpx.BaseTransport = _network_transport(conn.base_url)
    if conn.paid:
        transport = BudgetGuard(transport, meter)
    transport = CachingTransport(transport, cache_folder or DEFAULT_FOLDER, enabled=use_cache,
                                 base_url=conn.cache_id)
    transport = MeteringTransport(transport, meter)
    return openai.DefaultHttpxClient(transport=transport)  # the SDK's timeouts and redirects


def get_client(cache: bool | None = None, cache_folder: Path | str | None = None,
               **overrides) -> openai.OpenAI:
    """The configured `openai.OpenAI` client.

    cache: True/False turns the response cache on or off (default: COURSE_CACHE, else on
    for paid backends, off for the offline one). Other keyword arguments go to
    `openai.OpenAI` and win over the defaults (e.g. max_retries=0, timeout=30).
    """
    conn = connection()
    settings = {
        "base_url": conn.base_url,
        "api_key": conn.api_key,
        "max_retries": MAX_RETRIES,
        "http_client": course_http_client(conn, cache=cache, cache_folder=cache_folder),
    }
    return openai.OpenAI(**(settings | overrides))


def describe_backend() -> str:
    """Print (and return) one line: the backend, the chat model and the cache. Never a key."""
    backend = choose_backend()
    try:
        chat_model = model_for("chat", backend.kind)
    except MissingModelSetting:
        chat_model = "not set (set COURSE_CHAT_MODEL)"
    cache = "on" if cache_enabled_by_env(default=backend.kind != "offline") else "off"
    line = f"{backend.describe()}; chat model: {chat_model}; response cache: {cache}"
    if backend.kind == "offline" and open_model_in_embedded_backend():
        line += f"; open LLM: {OPEN_CHAT_DEFAULT} (COURSE_OPEN_MODEL=on)"
    print(line)
    return line
