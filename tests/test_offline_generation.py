"""The sampling loop (generation.py) on real models, without HTTP."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np
import pytest

from course_utils.offline.api.generation import (
    Finished,
    Piece,
    SamplingParams,
    complete,
    generate,
    log_softmax,
    make_rng,
    sampling_distribution,
)
from course_utils.offline.api.protocol import Prompt
from test_offline_toymodel import BASE_ID, CHARS, BigramLoader


@pytest.fixture(scope="module")
def bigram():
    model = BigramLoader().load_base(BASE_ID)
    return model, model.read_prompt([{"role": "user", "content": "the"}])


class SpellingModel:
    """Spells a fixed list of multi-character tokens, then end-of-sequence.

    Its logits put almost all mass on the next token of the script, so greedy decoding
    reproduces the script exactly: handy to test stop strings that span tokens.
    """

    eos_id = 0
    context_length = 100

    def __init__(self, tokens: Sequence[str]):
        self.id = "speller"
        self.vocab = ["<eos>", *dict.fromkeys(tokens)]
        self.script = [self.vocab.index(t) for t in tokens] + [self.eos_id]
        self.vocab_size = len(self.vocab)

    def read_prompt(self, messages):
        return Prompt(n_tokens=1)

    def next_token_logits(self, prompt, generated):
        logits = np.zeros(self.vocab_size)
        logits[self.script[len(generated)]] = 10.0
        return logits

    def token_text(self, prompt, token_id):
        return "" if token_id == 0 else self.vocab[token_id]

    def count_tokens(self, text):
        return len(text)


def greedy(**kwargs) -> SamplingParams:
    return SamplingParams(temperature=0, **kwargs)


def test_temperature_zero_is_greedy_and_deterministic(bigram):
    model, prompt = bigram
    first = complete(model, prompt, greedy(max_tokens=12), make_rng(None))
    again = complete(model, prompt, greedy(max_tokens=12), make_rng(None))
    assert first.text == again.text
    # Greedy means: each character is the argmax given the previous one.
    previous = prompt.state
    for char in first.text:
        assert CHARS[int(np.argmax(model.weights[previous]))] == char
        previous = CHARS.index(char)


def test_same_seed_same_text_and_no_seed_varies(bigram):
    model, prompt = bigram
    params = SamplingParams(temperature=1.0, max_tokens=30)
    seeded = [complete(model, prompt, params, make_rng(7)).text for _ in range(2)]
    assert seeded[0] == seeded[1]
    unseeded = {complete(model, prompt, params, make_rng(None)).text for _ in range(5)}
    assert len(unseeded) > 1


def test_sampling_frequencies_follow_the_model(bigram):
    """At temperature 1, the first character is drawn with the model's own probabilities."""
    model, prompt = bigram
    rng = make_rng(0)
    draws = Counter(
        complete(model, prompt, SamplingParams(temperature=1.0, max_tokens=1), rng).text for _ in range(3000)
    )
    probs = np.exp(log_softmax(model.next_token_logits(prompt, [])))
    for char in (" ", "a"):
        assert draws[char] / 3000 == pytest.approx(probs[CHARS.index(char)], abs=0.03)


def test_temperature_sharpens_and_top_p_truncates():
    logits = np.log(np.array([0.5, 0.3, 0.15, 0.05]))
    assert sampling_distribution(logits, 1.0, 1.0) == pytest.approx([0.5, 0.3, 0.15, 0.05])
    cold = sampling_distribution(logits, 0.5, 1.0)
    assert cold[0] > 0.5 and cold[3] < 0.05
    # top_p=0.7: the smallest set reaching 0.7 is {0.5, 0.3}, renormalised.
    assert sampling_distribution(logits, 1.0, 0.7) == pytest.approx([0.625, 0.375, 0, 0])
    # A tiny top_p keeps only the most likely token: sampling becomes greedy.
    assert sampling_distribution(logits, 1.0, 1e-6) == pytest.approx([1, 0, 0, 0])
    assert sampling_distribution(logits, 1.0, 0.0) == pytest.approx([1, 0, 0, 0])


def test_max_tokens_ends_with_length_and_eos_with_stop():
    speller = SpellingModel(["Hel", "lo", " wor", "ld"])
    prompt = speller.read_prompt([])
    cut = complete(speller, prompt, greedy(max_tokens=2), make_rng(0))
    assert (cut.text, cut.finish_reason, cut.completion_tokens) == ("Hello", "length", 2)
    whole = complete(speller, prompt, greedy(), make_rng(0))
    # four text tokens and the end-of-turn token that stopped it
    assert (whole.text, whole.finish_reason, whole.completion_tokens) == ("Hello world", "stop", 5)


@pytest.mark.parametrize(
    "stop, expected",
    [
        (["world"], "Hello "),  # starts inside " wor", ends inside "ld"
        (["lo w"], "Hel"),  # spans three tokens
        (["xyz", "o"], "Hell"),  # the earliest of several
        (["never"], "Hello world"),  # a stop that never comes
    ],
)
def test_stop_strings_end_the_text_and_are_excluded(stop, expected):
    speller = SpellingModel(["Hel", "lo", " wor", "ld"])
    result = complete(speller, speller.read_prompt([]), greedy(stop=stop), make_rng(0))
    assert result.text == expected
    assert result.finish_reason == "stop"


def test_streamed_pieces_add_up_and_never_show_stop_text():
    speller = SpellingModel(["a", "b", "E", "N", "c", "E", "N", "D", "z"])
    events = list(generate(speller, speller.read_prompt([]), greedy(stop=["END"]), make_rng(0)))
    pieces = [e.text for e in events if isinstance(e, Piece)]
    assert "".join(pieces) == "abENc"
    assert all("END" not in p for p in pieces)
    assert isinstance(events[-1], Finished) and events[-1].finish_reason == "stop"


def test_logprobs_are_the_models_log_softmax(bigram):
    model, prompt = bigram
    params = SamplingParams(temperature=1.3, top_p=0.9, max_tokens=8, logprobs=True, top_logprobs=5)
    result = complete(model, prompt, params, make_rng(3))
    assert "".join(entry.token for entry in result.logprobs) == result.text
    previous = prompt.state
    for entry in result.logprobs:
        expected = log_softmax(model.weights[previous])  # at T=1, whatever T sampled with
        token = CHARS.index(entry.token)
        assert entry.logprob == pytest.approx(expected[token]) and entry.logprob <= 0
        tops = [alt.logprob for alt in entry.top_logprobs]
        assert len(tops) == 5 and tops == sorted(tops, reverse=True)
        assert tops[0] == pytest.approx(expected.max())
        assert entry.bytes == list(entry.token.encode("utf-8"))
        previous = token


def test_logprobs_follow_the_text_when_a_stop_cuts_it():
    speller = SpellingModel(["Hel", "lo", " wor", "ld"])
    result = complete(speller, speller.read_prompt([]), greedy(stop=[" w"], logprobs=True), make_rng(0))
    assert result.text == "Hello"
    assert [e.token for e in result.logprobs] == ["Hel", "lo"]
