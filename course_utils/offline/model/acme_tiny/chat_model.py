"""acme-tiny behind the ChatModel protocol (offline/api/protocol.py): tokens in, logits out.

Token ids: 0 ends the answer; then, for each possible answer segment s (fixed answers,
sentences, labels, candidate queries), a token that starts it as the first segment, a token
that starts it after another segment (with a leading space), and one token per following word.

The network scores whole segments; the tokens are words. As in any language model, the
probability of the next token is the total probability of every answer that could still
follow from the tokens so far and continues with that token: two sentences that both start
with "-" make one token "-" carrying both their probabilities, and the choice between them
falls at the first word where they differ. So the alternatives at a position are distinct
tokens, greedy decoding takes the most likely token at each step (not always the most
likely whole answer, as with any LLM), and an answer's logprobs add up to its probability.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import torch

from course_utils.offline.api.protocol import Prompt
from course_utils.offline.model.acme_tiny.features import MAX_LABELS, MAX_SENTENCES, Features, featurize
from course_utils.offline.model.acme_tiny.network import FIXED_ANSWERS, NEG, N_FIXED, AcmeTinyNetwork
from course_utils.offline.model.acme_tiny.tensors import (Example, batch_tensors, memory_of, second_step_logits,
                                                          seen_of, sql_batch_tensors, sql_example, task_of)
from course_utils.offline.model.embedder import Embedder
from course_utils.offline.reading.prompt_reader import what_was_read
from course_utils.offline.reading.reader import read_prompt
from course_utils.offline.reading.sql_request import read_sql_request
from course_utils.offline.sql.candidates import MAX_CANDIDATES, gather_candidates


SQL_SEGMENTS = N_FIXED + MAX_SENTENCES + MAX_LABELS  # where candidate queries start
N_SEGMENTS = SQL_SEGMENTS + MAX_CANDIDATES
SQL_TASK, NOTHING_READ = 3, 4  # tasks besides task_of's: text-to-SQL, and a request with no question
MAX_WORDS = 200  # words per segment; longer sentences are cut here
EOS = 0
FIRST_START = 1
LATER_START = FIRST_START + N_SEGMENTS
WORDS = LATER_START + N_SEGMENTS
VOCAB_SIZE = WORDS + N_SEGMENTS * (MAX_WORDS - 1)


@dataclass(frozen=True)
class Hypothesis:
    """An answer the tokens so far could still become, and its log-probability."""

    logprob: float
    first: int  # its first segment
    second: int | None  # its second segment, once it has started one
    emitted: int  # tokens of the current segment written so far


@dataclass
class PromptState:
    features: Features | None  # None for a text-to-SQL request
    task: int  # as task_of, SQL_TASK or NOTHING_READ
    logits: np.ndarray  # first-step logits over segments
    logits_tensor: torch.Tensor
    segment_words: list[list[str]]  # the words of each segment ([] where the segment is absent)
    second_steps: dict = field(default_factory=dict)  # first sentence -> second-step logprobs
    options: dict = field(default_factory=dict)  # tokens generated -> how the answer can go on


class AcmeTinyChat:
    """acme-tiny (or a fine-tuned version of it) behind the ChatModel protocol."""

    vocab_size = VOCAB_SIZE
    eos_id = EOS
    context_length = 32_768  # prompt tokens it accepts; it reads MAX_SENTENCES candidate sentences of them

    def __init__(self, model_id: str, network: AcmeTinyNetwork, embed: Embedder):
        self.id = model_id
        self.network = network.eval()
        self.embed = embed
        self.memory = memory_of(network)
        self.seen = seen_of(network)

    def read_prompt(self, messages: Sequence[dict]) -> Prompt:
        request = read_sql_request(messages)
        if request is not None:
            return self._read_sql_request(request)
        read = read_prompt(messages)
        if not read.question.strip():
            return self._report_what_was_read(read)
        features = featurize(read, self.embed)
        task = task_of(features)
        with torch.no_grad():
            logits = self.network(**batch_tensors([Example(features, task)], self.network.config))[0]
        words = [answer.split() for answer in FIXED_ANSWERS]
        words += [s.split() for s in features.sentences] + [[]] * (MAX_SENTENCES - len(features.sentences))
        words += [[name] for name in features.labels] + [[]] * (MAX_LABELS - len(features.labels))
        words += [[]] * MAX_CANDIDATES  # no candidate queries in a passage or label request
        first_step = np.concatenate([logits.numpy(), np.full(MAX_CANDIDATES, NEG, dtype=np.float32)])
        state = PromptState(features, task, first_step, logits, [w[:MAX_WORDS] for w in words])
        return Prompt(n_tokens=self.embed.count_tokens(read.full_text), state=state)

    def _report_what_was_read(self, read) -> Prompt:
        """Nothing to answer or classify: the one possible reply says what the reader found."""
        words: list[list[str]] = [[] for _ in range(N_SEGMENTS)]
        words[N_FIXED] = what_was_read(read).split(" ")[:MAX_WORDS]  # in the first sentence's slot
        logits = torch.full((N_SEGMENTS,), NEG)
        logits[N_FIXED] = 0.0
        state = PromptState(None, NOTHING_READ, logits.numpy(), logits, words)
        return Prompt(n_tokens=self.embed.count_tokens(read.full_text), state=state)

    def _read_sql_request(self, request) -> Prompt:
        """Score candidate queries; each is a segment the answer may start with."""
        candidates = gather_candidates(request, self.embed, self.memory, seen=self.seen)
        example = sql_example(candidates, request.question, self.embed)
        with torch.no_grad():
            scores = self.network.sql_logits(**sql_batch_tensors([example], self.network.config.embed_dim))[0]
        logits = torch.full((N_SEGMENTS,), NEG)
        logits[SQL_SEGMENTS:] = scores
        words: list[list[str]] = [[] for _ in range(N_SEGMENTS)]
        for i, candidate in enumerate(candidates):
            words[SQL_SEGMENTS + i] = candidate.answer_text(request.reasoning).split(" ")[:MAX_WORDS]
        state = PromptState(None, SQL_TASK, logits.numpy(), logits, words)
        return Prompt(n_tokens=self.embed.count_tokens(request.full_text), state=state)

    def _options(self, prompt: Prompt, generated: Sequence[int]) -> list[tuple[int, str, float, Hypothesis | None]]:
        """Every way the answer can go on after `generated`: (token, its text, log-probability,
        the hypothesis after it or None when it ends the answer). Computed once per prefix: the
        options after one more token are those of the hypotheses that wrote that token's text."""
        state: PromptState = prompt.state
        if () not in state.options:
            logprobs = np.asarray(torch.log_softmax(torch.as_tensor(state.logits, dtype=torch.float64), 0))
            state.options[()] = self._expand(prompt, [
                Hypothesis(float(logprobs[s]), s, None, 0) for s in range(N_SEGMENTS)
                if state.segment_words[s] and state.logits[s] > NEG / 2])
        done = len(generated)
        while tuple(generated[:done]) not in state.options:
            done -= 1
        for end in range(done + 1, len(generated) + 1):
            text = self.token_text(prompt, generated[end - 1])
            alive = [after for _, said, _, after in state.options[tuple(generated[:end - 1])]
                     if after is not None and said == text]
            state.options[tuple(generated[:end])] = self._expand(prompt, alive)
        return state.options[tuple(generated)]

    def _expand(self, prompt: Prompt, alive: list[Hypothesis]) -> list[tuple[int, str, float, Hypothesis | None]]:
        """The next tokens of every hypothesis still alive, each with its text."""
        return [(token, self.token_text(prompt, token), logprob, after)
                for h in alive for token, logprob, after in self._next_tokens(prompt.state, h)]

    def _next_tokens(self, state: PromptState, h: Hypothesis) -> list[tuple[int, float, Hypothesis | None]]:
        """Where a hypothesis can go next: (token, log-probability, the hypothesis after it, or
        None when the token ends the answer)."""
        later = h.second is not None
        segment = h.second if later else h.first
        if h.emitted < len(state.segment_words[segment]):  # inside a segment: its next word
            if h.emitted == 0:
                token = (LATER_START if later else FIRST_START) + segment
            else:
                token = WORDS + segment * (MAX_WORDS - 1) + h.emitted - 1
            return [(token, h.logprob, Hypothesis(h.logprob, h.first, h.second, h.emitted + 1))]
        sentence = h.first - N_FIXED
        if later or state.task != 0 or not 0 <= sentence < len(state.features.sentences):
            return [(EOS, h.logprob, None)]
        # After a first quoted sentence: stop, or quote a second one.
        second = self._second_step(state, sentence)
        options = [(EOS, h.logprob + second[0], None)]
        for j, logprob in enumerate(second[1:]):
            if logprob > NEG / 2:
                segment = N_FIXED + j
                options.append((LATER_START + segment, h.logprob + logprob,
                                Hypothesis(h.logprob + logprob, h.first, segment, 1)))
        return options

    def _second_step(self, state: PromptState, sentence: int) -> np.ndarray:
        """Log-probabilities of [stop, quote sentence j...] after quoting `sentence` first."""
        if sentence not in state.second_steps:
            with torch.no_grad():
                logits = second_step_logits(self.network, state.features, sentence, state.logits_tensor)
            state.second_steps[sentence] = torch.log_softmax(logits.double(), 0).numpy()
        return state.second_steps[sentence]

    def next_token_logits(self, prompt: Prompt, generated: Sequence[int]) -> np.ndarray:
        """Log-probability of each next token: the answers that continue with it, summed."""
        out = np.full(VOCAB_SIZE, NEG, dtype=np.float64)
        by_text: dict[tuple, tuple[int, float]] = {}  # one token per distinct text
        for token, text, logprob, _ in self._options(prompt, generated):
            key = ("end",) if token == EOS else ("text", text)
            first_token, total = by_text.get(key, (token, -np.inf))
            by_text[key] = (min(first_token, token), np.logaddexp(total, logprob))
        for token, total in by_text.values():
            out[token] = total
        if not by_text:  # cannot happen for a prompt this model read; end rather than fail
            out[EOS] = 0.0
        return out

    def token_text(self, prompt: Prompt, token_id: int) -> str:
        words = prompt.state.segment_words
        if token_id == EOS:
            return ""
        if token_id < LATER_START:
            segment = words[token_id - FIRST_START]
            return segment[0] if segment else ""
        if token_id < WORDS:
            segment = words[token_id - LATER_START]
            return " " + segment[0] if segment else ""
        segment, position = divmod(token_id - WORDS, MAX_WORDS - 1)
        return " " + words[segment][position + 1] if position + 1 < len(words[segment]) else ""

    def count_tokens(self, text: str) -> int:
        return self.embed.count_tokens(text)
