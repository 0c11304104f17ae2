"""Every model id the course uses, in one place, and what each one costs.

Providers retire models; when one does, the fix is one line here (or one environment
variable, with no code change at all). Nothing else in `course_utils` or the notebooks
spells out a model id: they ask `model_for("chat")`, and a test checks that they do.

A model has a *role* in the course:

- "chat":           answers prompts (chat completions);
- "embedding":      turns text into vectors for retrieval;
- "fine_tune_base": the model that fine-tuning starts from.

and each backend (see `course_utils.backend`) has its own default for each role. The
environment overrides any default: COURSE_CHAT_MODEL, COURSE_EMBEDDING_MODEL and
COURSE_FINETUNE_BASE. An OpenAI-compatible server (vLLM, Ollama, ...) serves whatever
its owner loaded, so that backend has no defaults: set the variables for it. One exception:
when COURSE_BASE_URL is the course's own server (`python -m course_utils serve`), recognised
by the offline models it lists, the offline defaults apply.

`PRICES` holds what each model costs, in US dollars per million tokens, for the usage
meter in `course_utils.usage`. Prices change: each entry says when it was last checked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

ROLES = ("chat", "embedding", "fine_tune_base")
BACKENDS = ("openai", "compatible", "offline")

# The environment variable that overrides each role's default, on every backend.
ENV_VARS = {
    "chat": "COURSE_CHAT_MODEL",
    "embedding": "COURSE_EMBEDDING_MODEL",
    "fine_tune_base": "COURSE_FINETUNE_BASE",
}


class MissingModelSetting(ValueError):
    """A backend has no default for a role and the environment does not name one."""


@dataclass(frozen=True)
class ModelChoice:
    role: str  # "chat", "embedding" or "fine_tune_base"
    backend: str  # "openai", "compatible" or "offline"
    default: str | None  # the model id used unless overridden; None: the user must name one
    checked: str  # when and how the default was last checked, and what is known about it

    @property
    def env_var(self) -> str:
        """The environment variable that overrides this default."""
        return ENV_VARS[self.role]


# Checked on 2026-11-26 by searching OpenAI's documentation and third-party summaries of it;
# none of it verified live against the API (the course's tests run without a network).
_OPENAI_CHECK = ("2026-11-26, from provider docs (models, fine-tuning, deprecations pages) as "
                 "quoted by search results; not verified live. Third-party reports from Oct 2026 "
                 "say the gpt-4.1-mini snapshots shut down on 2027-01-14 and new self-serve "
                 "fine-tuning jobs stop on 2027-01-06: re-check before then.")

REGISTRY = [
    # A non-reasoning chat model: the course needs temperature, top_p, seed and logprobs.
    ModelChoice("chat", "openai", "gpt-4.1-mini", _OPENAI_CHECK),
    ModelChoice("embedding", "openai", "text-embedding-3-small", _OPENAI_CHECK),
    # Fine-tuning needs a dated snapshot, not the alias.
    ModelChoice("fine_tune_base", "openai", "gpt-4.1-mini-2025-04-14", _OPENAI_CHECK),
    ModelChoice("chat", "compatible", None, "no default: depends on what the server serves"),
    ModelChoice("embedding", "compatible", None, "no default: depends on what the server serves"),
    ModelChoice("fine_tune_base", "compatible", None, "no default: few servers fine-tune"),
    ModelChoice("chat", "offline", "acme-tiny", "2026-11-26: the course's own model"),
    ModelChoice("embedding", "offline", "all-MiniLM-L6-v2", "2026-11-26: packaged in the wheel"),
    ModelChoice("fine_tune_base", "offline", "acme-tiny", "2026-11-26: the course's own model"),
]


# OpenAI's self-serve fine-tuning stops taking new jobs on this date (see _OPENAI_CHECK); the same
# jobs API then works against any server that implements it (the course's offline one included).
OPENAI_FINE_TUNING_CLOSES = date(2027, 1, 6)
OPENAI_DEPRECATIONS_PAGE = "https://platform.openai.com/docs/deprecations"


def choice_for(role: str, backend: str) -> ModelChoice:
    """The registry entry for a role on a backend."""
    if role not in ROLES:
        raise ValueError(f"Unknown model role {role!r}; the roles are {', '.join(ROLES)}.")
    if backend not in BACKENDS:
        raise ValueError(f"Unknown backend {backend!r}; the backends are {', '.join(BACKENDS)}.")
    return next(c for c in REGISTRY if (c.role, c.backend) == (role, backend))


def model_for(role: str, backend: str | None = None) -> str:
    """The model id to use for `role` ("chat", "embedding", "fine_tune_base").

    `backend` defaults to the one the environment selects (course_utils.backend).
    An environment variable (COURSE_CHAT_MODEL, ...) wins over the registry's default.
    """
    if backend is None:
        from course_utils.backend import choose_backend  # reads .env too

        backend = choose_backend().kind
    choice = choice_for(role, backend)
    override = os.environ.get(choice.env_var, "").strip()
    if override:
        return override
    if choice.default is None and _is_the_course_server(backend):
        return choice_for(role, "offline").default
    if choice.default is None:
        raise MissingModelSetting(
            f"The {backend} backend has no default {role} model: set {choice.env_var} "
            f"(in the environment or in .env) to a model id your server serves. "
            f"GET <COURSE_BASE_URL>/models lists them."
        )
    return choice.default


def _is_the_course_server(backend: str) -> bool:
    """Whether COURSE_BASE_URL points at the course's own offline server on this computer."""
    base_url = os.environ.get("COURSE_BASE_URL", "").strip()
    if backend != "compatible" or not base_url:
        return False
    from course_utils.backend import models_served_on_this_computer

    offline_defaults = {choice_for(role, "offline").default for role in ROLES}
    return offline_defaults <= models_served_on_this_computer(base_url)


# ---------------------------------------------------------------------------------------------
# A real open LLM, where one is served

# The small open LLM the offline backend serves next to acme-tiny (`serve --open-model`, or the
# notebooks' own backend with COURSE_OPEN_MODEL=on). Lessons run their open-model sections with it
# where a server lists it; on any other backend, name a model in COURSE_OPEN_CHAT_MODEL (an open
# model on your server, or any chat model).
OPEN_CHAT_DEFAULT = "SmolLM2-135M-Instruct"


def open_chat_model(client) -> str | None:
    """The open LLM's id if the client's server lists it (COURSE_OPEN_CHAT_MODEL, else the default),
    or None: then a lesson shows the published figures instead of running its open-model cells."""
    wanted = os.environ.get("COURSE_OPEN_CHAT_MODEL", "").strip() or OPEN_CHAT_DEFAULT
    try:
        served = {model.id for model in client.models.list()}
    except Exception:  # noqa: BLE001 -- a server without /models: treat as not served
        return None
    return wanted if wanted in served else None


# ---------------------------------------------------------------------------------------------
# Embedding input limits

# The most tokens each embedding model reads; it silently ignores the rest of a longer text.
# all-MiniLM-L6-v2 counts in its own WordPiece tokens (its max_seq_length), OpenAI's in tiktoken's.
EMBEDDING_MAX_TOKENS = {
    "all-MiniLM-L6-v2": 256,
    "text-embedding-3-small": 8191,
}


# ---------------------------------------------------------------------------------------------
# Prices

@dataclass(frozen=True)
class Price:
    input_per_million: float  # USD per 1M prompt (input) tokens
    output_per_million: float  # USD per 1M completion (output) tokens; 0 for embeddings
    checked: str  # when and where the price was read


_PRICE_CHECK = ("2026-11-26, standard tier, from OpenAI's pricing page as quoted by several "
                "third-party summaries (Mar-Nov 2026); not verified live")
_FREE = "free: runs on your machine"

# USD per 1M tokens, keyed by model id. "ft:<base>" is the price of models fine-tuned from
# <base>. Add a line for any other model you use; unknown models are reported as unpriced.
PRICES = {
    "gpt-4.1-mini": Price(0.40, 1.60, _PRICE_CHECK),
    "ft:gpt-4.1-mini": Price(0.80, 3.20, _PRICE_CHECK),
    "text-embedding-3-small": Price(0.02, 0.0, _PRICE_CHECK),
    "acme-tiny": Price(0.0, 0.0, _FREE),
    "ft:acme-tiny": Price(0.0, 0.0, _FREE),
    OPEN_CHAT_DEFAULT: Price(0.0, 0.0, _FREE),  # the open LLM on the course's own server
    f"ft:{OPEN_CHAT_DEFAULT}": Price(0.0, 0.0, _FREE),
    "all-MiniLM-L6-v2": Price(0.0, 0.0, _FREE),
}

_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # a dated snapshot: gpt-4.1-mini-2025-04-14


def price_for(model_id: str) -> Price | None:
    """The price of a model id, or None when the table does not know it.

    Snapshots are priced like their alias ("gpt-4.1-mini-2025-04-14" like "gpt-4.1-mini"),
    fine-tuned models ("ft:<base>:<org>:<name>:<id>") like "ft:<alias of base>".
    """
    if model_id in PRICES:
        return PRICES[model_id]
    if model_id.startswith("ft:"):
        base = model_id.split(":")[1]
        return PRICES.get("ft:" + _DATE_SUFFIX.sub("", base)) or PRICES.get("ft:" + base)
    return PRICES.get(_DATE_SUFFIX.sub("", model_id))


@dataclass(frozen=True)
class TrainingPrice:
    per_million: float  # USD per 1M training tokens (tokens of the file times epochs)
    checked: str


# What a fine-tuning job costs, keyed like PRICES (a dated snapshot is priced like its alias).
TRAINING_PRICES = {
    "gpt-4.1-mini": TrainingPrice(5.00, _PRICE_CHECK),
}


def training_price_for(model_id: str) -> TrainingPrice | None:
    """The training price of a base model id, or None when the table does not know it."""
    return TRAINING_PRICES.get(model_id) or TRAINING_PRICES.get(_DATE_SUFFIX.sub("", model_id))
