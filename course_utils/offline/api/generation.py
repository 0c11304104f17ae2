"""The sampling loop: how a completion is drawn, token by token, from any `ChatModel`.

The model only scores the next token (`next_token_logits`); everything an API caller can tune
happens here, the same way it does behind OpenAI's API:

- temperature: the logits are divided by it before the softmax. Near 0 the most likely token
  wins every time; at 0 exactly we take the argmax (greedy decoding), so the output is
  deterministic. Above 1 the distribution flattens and answers get more varied.
- top_p (nucleus sampling): keep only the most likely tokens whose probabilities add up to
  top_p, renormalise, sample among them (at least the most likely one: top_p=0 is greedy).
- seed: all randomness comes from one `numpy.random.Generator`. The same seed and the same
  request give the same output; with no seed, every call draws a fresh generator.
- n: the caller asks for n completions and draws them one after another from the same
  generator, so they are n independent samples. At temperature 0 they are all identical
  (greedy decoding has no randomness), exactly as with real APIs.
- max_tokens: the most tokens to generate; reaching it ends with finish_reason "length".
- stop: strings that end the completion when they appear (finish_reason "stop"); the stop text
  itself is not returned. While streaming, text that could be the start of a stop string is held
  back until we know, so streamed pieces always add up to the non-streamed text. Logprobs cover
  every token that begins before the stop text (a token straddling it is listed whole).
- eos: the model's end-of-sequence token also ends with "stop" (and is not counted in usage).
- logprobs: for each generated token, its log-probability under the MODEL's own distribution,
  log_softmax(logits) at temperature 1, before temperature and top_p reshape it for sampling.
  That is what OpenAI reports too, so a token can have been sampled at T=1.5 yet show logprob
  -6. top_logprobs lists the k most likely alternatives, best first, from the same distribution.

`generate` yields the completion as it is produced (`Piece`s then one `Finished`), which is
what streaming sends; `complete` collects the same events into one `Completion`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

import numpy as np

from .protocol import ChatModel, Prompt

DEFAULT_MAX_TOKENS = 1024  # used when a request sets no max_tokens (the context may cap it lower)
MIN_LOGPROB = -9999.0  # OpenAI's stand-in for log(0): JSON cannot carry -infinity
MAX_TOP_LOGPROBS = 20  # the most alternatives OpenAI reports per token


@dataclass
class SamplingParams:
    """Everything a request can say about how to sample."""

    temperature: float = 1.0  # 0 = greedy; OpenAI's default is 1
    top_p: float = 1.0  # 1 = no nucleus truncation
    max_tokens: int = DEFAULT_MAX_TOKENS  # generated tokens before finish_reason "length"
    stop: Sequence[str] = ()  # strings that end the completion (excluded from it)
    logprobs: bool = False  # report each token's log-probability
    top_logprobs: int = 0  # and this many most likely alternatives (0..20)


@dataclass
class Alternative:
    """One of the most likely tokens at a position (top_logprobs)."""

    token: str
    logprob: float

    @property
    def bytes(self) -> list[int]:
        return list(self.token.encode("utf-8"))


@dataclass
class TokenLogprob:
    """A generated token with its log-probability and the best alternatives at its position."""

    token: str
    logprob: float
    top_logprobs: list[Alternative] = field(default_factory=list)

    @property
    def bytes(self) -> list[int]:
        return list(self.token.encode("utf-8"))


@dataclass
class Piece:
    """Text released to the client by one step, with the logprobs of the tokens it completes."""

    text: str
    logprobs: list[TokenLogprob] = field(default_factory=list)


@dataclass
class Finished:
    """The end of a completion."""

    finish_reason: str  # "stop" (eos or a stop string) or "length" (max_tokens reached)
    completion_tokens: int  # tokens sampled, the end-of-sequence token excluded
    prompt_tokens: int | None = None  # from an engine that read the prompt itself (llama_cpp.py)


@dataclass
class Completion:
    """One whole completion, as `complete` returns it."""

    text: str
    finish_reason: str
    completion_tokens: int
    logprobs: list[TokenLogprob] = field(default_factory=list)
    prompt_tokens: int | None = None  # as in Finished


def make_rng(seed: int | None) -> np.random.Generator:
    """The request's source of randomness: reproducible with a seed, fresh without one."""
    if seed is None:
        return np.random.default_rng()
    # numpy wants a non-negative seed; OpenAI's may be any 64-bit integer (the modulo keeps
    # distinct 64-bit seeds distinct).
    return np.random.default_rng(seed % 2**64)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities from unnormalised scores (stable: subtract the max first)."""
    logits = np.asarray(logits, dtype=np.float64)
    if np.isnan(logits).any():
        raise ValueError("the model returned NaN logits")
    top = logits.max()
    if not np.isfinite(top):
        raise ValueError("the model gave no token a finite score")
    shifted = logits - top
    return shifted - np.log(np.exp(shifted).sum())


def sampling_distribution(logits: np.ndarray, temperature: float, top_p: float) -> np.ndarray:
    """Probabilities to sample from after temperature and nucleus (top_p) truncation."""
    probs = np.exp(log_softmax(np.asarray(logits, dtype=np.float64) / temperature))
    if top_p < 1.0:
        order = np.argsort(-probs, kind="stable")
        cumulative = np.cumsum(probs[order])
        # Keep each token whose predecessors sum to less than top_p: the smallest set that
        # reaches top_p, and always at least the most likely token (top_p=0 is then greedy).
        n_kept = max(1, int(((cumulative - probs[order]) < top_p).sum()))
        keep = order[:n_kept]
        truncated = np.zeros_like(probs)
        truncated[keep] = probs[keep]
        probs = truncated / truncated.sum()
    return probs


def choose_token(logits: np.ndarray, params: SamplingParams, rng: np.random.Generator) -> int:
    """Pick the next token: argmax at temperature 0, otherwise a draw from the distribution."""
    if params.temperature == 0:
        return int(np.argmax(logits))  # ties go to the lowest id, so greedy is deterministic
    probs = sampling_distribution(logits, params.temperature, params.top_p)
    cumulative = np.cumsum(probs)
    draw = rng.random() * cumulative[-1]
    return int(min(np.searchsorted(cumulative, draw, side="right"), len(probs) - 1))


def describe_token(
    model: ChatModel, prompt: Prompt, logprobs: np.ndarray, token_id: int, n_alternatives: int
) -> TokenLogprob:
    """The logprob entry of a sampled token, with its `n_alternatives` best rivals.

    Only possible tokens are listed: a model that gives fewer than `n_alternatives` tokens any
    probability lists fewer, rather than padding the list with impossible ones.
    """
    alternatives = []
    if n_alternatives:
        best = np.argsort(-logprobs, kind="stable")[:n_alternatives]
        alternatives = [Alternative(model.token_text(prompt, int(i)), _finite(logprobs[i]))
                        for i in best if logprobs[i] > MIN_LOGPROB]
    return TokenLogprob(model.token_text(prompt, token_id), _finite(logprobs[token_id]), alternatives)


def _finite(logprob: float) -> float:
    return max(float(logprob), MIN_LOGPROB)


def _held_back_length(text: str, stops: Sequence[str]) -> int:
    """Length of the longest end of `text` that could still grow into a stop string."""
    longest = 0
    for stop in stops:
        for length in range(min(len(stop) - 1, len(text)), longest, -1):
            if text.endswith(stop[:length]):
                longest = length
                break
    return longest


def generate(
    model: ChatModel, prompt: Prompt, params: SamplingParams, rng: np.random.Generator
) -> Iterator[Piece | Finished]:
    """Sample one completion, yielding text as soon as it is certain, then `Finished`.

    Text that might be the beginning of a stop string is held back (with the logprobs of its
    tokens) until the next tokens show whether it is; the stop text itself is never yielded.
    """
    stops = [s for s in params.stop if s]
    generated: list[int] = []
    pending = ""  # text sampled but not yet released (could start a stop string)
    pending_start = 0  # where `pending` begins in the whole completion text
    pending_logprobs: list[tuple[int, TokenLogprob]] = []  # (start offset, entry) not released
    offset = 0  # length of the whole completion text so far

    def release(upto: int) -> Piece:
        """Release completion text before offset `upto`, with the tokens that start there."""
        nonlocal pending, pending_start, pending_logprobs
        text = pending[: upto - pending_start]
        pending = pending[upto - pending_start :]
        pending_start = upto
        entries = [entry for start, entry in pending_logprobs if start < upto]
        pending_logprobs = [(start, entry) for start, entry in pending_logprobs if start >= upto]
        return Piece(text, entries)

    while len(generated) < params.max_tokens:
        logits = np.asarray(model.next_token_logits(prompt, generated), dtype=np.float64)
        token_id = choose_token(logits, params, rng)
        if token_id == model.eos_id:
            if pending or pending_logprobs:
                yield release(offset)
            # the end-of-turn token was sampled too: counted, as llama.cpp and vLLM count it
            yield Finished("stop", len(generated) + 1)
            return
        generated.append(token_id)
        text = model.token_text(prompt, token_id)
        if params.logprobs:
            entry = describe_token(model, prompt, log_softmax(logits), token_id, params.top_logprobs)
            pending_logprobs.append((offset, entry))
        pending += text
        offset += len(text)

        # A stop string may span several tokens, so search the held-back text plus this token.
        found = [i for i in (pending.find(stop) for stop in stops) if i >= 0]
        if found:
            yield release(pending_start + min(found))
            yield Finished("stop", len(generated))
            return
        keep = _held_back_length(pending, stops)
        piece = release(offset - keep)
        if piece.text or piece.logprobs:
            yield piece

    if pending or pending_logprobs:
        yield release(offset)
    yield Finished("length", len(generated))


def complete(
    model: ChatModel, prompt: Prompt, params: SamplingParams, rng: np.random.Generator
) -> Completion:
    """Sample one whole completion (the same events as `generate`, collected)."""
    return collect(generate(model, prompt, params, rng))


def collect(events: Iterator[Piece | Finished]) -> Completion:
    """A completion's events (`generate`'s, or an engine's) as one `Completion`."""
    texts: list[str] = []
    logprobs: list[TokenLogprob] = []
    for event in events:
        if isinstance(event, Piece):
            texts.append(event.text)
            logprobs.extend(event.logprobs)
        else:
            return Completion("".join(texts), event.finish_reason, event.completion_tokens, logprobs,
                              event.prompt_tokens)
    raise RuntimeError("a completion ended without a Finished event")
