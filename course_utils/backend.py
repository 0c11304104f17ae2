"""Which model backend the course uses, chosen from the environment.

In order:

1. `OPENAI_API_KEY` is set             -> OpenAI's API;
2. `COURSE_BASE_URL` is set            -> that OpenAI-compatible server (vLLM, Ollama,
   llama.cpp, LM Studio...), with `COURSE_API_KEY` if the server needs one;
3. neither                             -> the course's embedded offline backend:
   no key, no GPU, no network.

A `.env` file in the repository (or any folder above the notebook) is read first;
variables already set in the environment win. Keys are never printed.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from functools import lru_cache

import httpx
from dotenv import find_dotenv, load_dotenv


@dataclass(frozen=True)
class Backend:
    kind: str  # "openai", "compatible" or "offline"
    base_url: str | None  # None means the provider's default URL
    has_key: bool  # whether an API key was found (the key itself is never kept here)

    def describe(self) -> str:
        """One line for humans; never contains a key."""
        if self.kind == "openai":
            return "Backend: OpenAI API (key from OPENAI_API_KEY)"
        if self.kind == "compatible":
            key = "with COURSE_API_KEY" if self.has_key else "no key"
            return f"Backend: OpenAI-compatible server at {self.base_url} ({key})"
        return "Backend: embedded offline model (no key, no GPU, no network needed)"


def load_env_file() -> None:
    """Read a `.env` file from the current folder or a parent, without overriding."""
    path = find_dotenv(usecwd=True)
    if path:
        load_dotenv(path, override=False, encoding="utf-8")


def switch_from_env(name: str, default: bool) -> bool:
    """An on/off setting (also 1/0, true/false, yes/no); `default` when it is not set."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("on", "1", "true", "yes"):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    raise ValueError(f"{name}={value!r} is neither on nor off: set it to on or off (or remove it).")


def open_model_in_embedded_backend() -> bool:
    """COURSE_OPEN_MODEL=on: the embedded backend also serves the open LLM (SmolLM2-135M-Instruct),
    loaded on its first request. Off by default: lesson 04's LoRA jobs on it take minutes."""
    load_env_file()
    return switch_from_env("COURSE_OPEN_MODEL", False)


def choose_backend() -> Backend:
    """The backend selected by the environment, in the order described above."""
    load_env_file()
    if os.environ.get("OPENAI_API_KEY", "").strip():
        return Backend("openai", os.environ.get("OPENAI_BASE_URL") or None, True)
    base_url = os.environ.get("COURSE_BASE_URL", "").strip()
    if base_url:
        return Backend("compatible", base_url, bool(os.environ.get("COURSE_API_KEY")))
    return Backend("offline", None, False)


def on_this_computer(base_url: str) -> bool:
    """Whether a URL points at this computer (localhost or a loopback address)."""
    host = httpx.URL(base_url).host
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=8)
def models_served_on_this_computer(base_url: str) -> frozenset[str]:
    """The model ids a server on this computer lists at GET <base_url>/models.

    Asked only of loopback addresses (where `python -m course_utils serve` listens), once per
    URL; any failure gives an empty set. Servers elsewhere are never asked.
    """
    if not on_this_computer(base_url):
        return frozenset()
    try:
        reply = httpx.get(base_url.rstrip("/") + "/models", timeout=2, trust_env=False)
        return frozenset(m["id"] for m in reply.json()["data"])
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return frozenset()
