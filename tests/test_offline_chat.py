"""Chat completions, models and errors through the real `openai` SDK against the offline server."""

from __future__ import annotations

import httpx
import numpy as np
import openai
import pytest
from openai.types.chat import ChatCompletion

from course_utils.offline.api.generation import log_softmax
from test_offline_toymodel import BASE_ID, CHARS, BigramChat, BigramLoader, serve

USER = [{"role": "user", "content": "the"}]


class BrokenModel(BigramChat):
    """Returns NaN logits after a few tokens: the server must answer 500, not hang or crash."""

    def next_token_logits(self, prompt, generated):
        if len(generated) >= 3:
            return np.full(self.vocab_size, np.nan)
        logits = np.array(super().next_token_logits(prompt, generated), dtype=np.float64)
        logits[self.eos_id] = -np.inf  # a sampled early stop would never reach the broken step
        return logits


class LoaderWithBrokenModel(BigramLoader):
    def base_model_ids(self):
        return [BASE_ID, "toy-broken"]

    def load_base(self, model_id):
        if model_id == "toy-broken":
            return BrokenModel(model_id, self.base)
        return super().load_base(model_id)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from course_utils.offline.server import start_server

    handle = start_server(state_dir=tmp_path_factory.mktemp("state"), loader=LoaderWithBrokenModel())
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def client(server):
    with openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0, timeout=30) as client:
        yield client


def chat(client, **kwargs) -> ChatCompletion:
    return client.chat.completions.create(model=BASE_ID, messages=USER, **kwargs)


# ----- models -------------------------------------------------------------------------------


def test_models_are_listed_and_retrievable(client):
    models = {m.id: m for m in client.models.list()}
    assert {BASE_ID, "toy-broken", "all-MiniLM-L6-v2"} <= set(models)
    base = client.models.retrieve(BASE_ID)
    assert base == models[BASE_ID]
    assert base.object == "model" and base.owned_by == "system" and base.created > 0


def test_unknown_model_is_a_not_found_error_that_says_what_exists(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-4o", messages=USER)
    message = caught.value.body["message"]
    assert "gpt-4o" in message and BASE_ID in message and "client.models.list()" in message
    assert caught.value.body["code"] == "model_not_found"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


# ----- the response -------------------------------------------------------------------------


def test_a_completion_has_every_field_openai_sends(client):
    response = chat(client, temperature=0, max_tokens=5, logprobs=True, top_logprobs=2)
    assert response.id.startswith("chatcmpl-") and response.object == "chat.completion"
    assert response.model == BASE_ID and response.created > 0
    assert response.system_fingerprint.startswith("fp_") and response.service_tier == "default"
    choice = response.choices[0]
    assert choice.index == 0 and choice.finish_reason == "length"
    assert choice.message.role == "assistant" and choice.message.refusal is None
    assert len(choice.message.content) == 5
    assert len(choice.logprobs.content) == 5
    usage = response.usage
    assert usage.prompt_tokens == len("the") + 1  # the toy model: 1 token per char + 1 per message
    assert usage.completion_tokens == 5 and usage.total_tokens == usage.prompt_tokens + 5
    assert usage.prompt_tokens_details.cached_tokens == 0
    assert usage.completion_tokens_details.reasoning_tokens == 0


def test_temperature_zero_is_deterministic(client):
    texts = {chat(client, temperature=0, max_tokens=20).choices[0].message.content for _ in range(3)}
    assert len(texts) == 1


def test_a_seed_reproduces_sampling_and_no_seed_varies(client):
    for seed in (42, -7):
        seeded = [chat(client, temperature=1.2, seed=seed, max_tokens=25).choices[0].message.content
                  for _ in range(2)]
        assert seeded[0] == seeded[1]
    free = {chat(client, temperature=1.2, max_tokens=25).choices[0].message.content for _ in range(5)}
    assert len(free) > 1


def test_n_gives_independent_samples(client):
    response = chat(client, n=4, temperature=1.0, seed=1, max_tokens=20)
    texts = [c.message.content for c in response.choices]
    assert [c.index for c in response.choices] == [0, 1, 2, 3]
    assert len(set(texts)) > 1
    # one token per char, and one for the end of turn where a choice stopped by itself
    ended = sum(c.finish_reason == "stop" for c in response.choices)
    assert response.usage.completion_tokens == sum(len(t) for t in texts) + ended
    greedy = chat(client, n=3, temperature=0, max_tokens=10)
    assert len({c.message.content for c in greedy.choices}) == 1  # T=0: identical, as on OpenAI


def test_max_tokens_and_max_completion_tokens_cut_with_length(client):
    for key in ("max_tokens", "max_completion_tokens"):
        response = chat(client, temperature=0, **{key: 3})
        assert response.choices[0].finish_reason == "length"
        assert response.usage.completion_tokens == 3


def test_stop_ends_the_text_without_the_stop_string(client):
    full = chat(client, temperature=0, max_tokens=30).choices[0].message.content
    assert full.startswith(" the the")  # greedy decoding of the toy model after "the"
    stopped = chat(client, temperature=0, max_tokens=30, stop=["zz", "he t"])
    assert stopped.choices[0].finish_reason == "stop"
    assert stopped.choices[0].message.content == " t"
    assert stopped.usage.completion_tokens == 6  # " t" + "he t": sampled up to the stop's end


def test_logprobs_are_the_models_own_log_probabilities(client):
    response = chat(client, temperature=1.5, seed=3, max_tokens=10, logprobs=True, top_logprobs=3)
    weights = BigramLoader().base
    previous = CHARS.index("e")  # the prompt "the" ends with "e"
    entries = response.choices[0].logprobs.content
    assert "".join(e.token for e in entries) == response.choices[0].message.content
    for entry in entries:
        expected = log_softmax(weights[previous])
        token = CHARS.index(entry.token)
        assert entry.logprob <= 0 and entry.logprob == pytest.approx(expected[token])
        assert entry.bytes == list(entry.token.encode())
        tops = entry.top_logprobs
        assert [t.logprob for t in tops] == sorted((t.logprob for t in tops), reverse=True)
        assert tops[0].logprob == pytest.approx(expected.max()) and len(tops) == 3
        previous = token


def test_content_parts_and_neutral_openai_parameters_are_accepted(client):
    response = client.chat.completions.create(
        model=BASE_ID,
        messages=[{"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "the"}]}],
        temperature=0, max_tokens=4, frequency_penalty=0, presence_penalty=0, user="learner",
        metadata={"lesson": "1"}, store=False, response_format={"type": "text"}, parallel_tool_calls=False,
        tool_choice="none", logit_bias={},
    )
    assert response.choices[0].message.content


@pytest.mark.parametrize("kwargs, param", [
    ({"response_format": {"type": "json_object"}}, "response_format"),
    ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]}, "tools"),
    ({"frequency_penalty": 0.5}, "frequency_penalty"),
    ({"logit_bias": {"1": 5}}, "logit_bias"),
    ({"extra_body": {"some_future_option": True}}, "some_future_option"),
])
def test_parameters_the_model_cannot_honour_are_refused_by_name(client, kwargs, param):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=BASE_ID, messages=USER, **kwargs)
    assert caught.value.body["param"] == param and param in caught.value.body["message"]


def test_a_range_error_says_what_the_range_is(client):
    with pytest.raises(openai.BadRequestError, match="between 0 and 1"):
        client.chat.completions.create(model=BASE_ID, messages=USER, top_p=1.5)


def test_top_p_zero_is_accepted_and_greedy(client):
    greedy = chat(client, temperature=0, max_tokens=12).choices[0].message.content
    for seed in (1, 2):
        reply = chat(client, temperature=1.5, top_p=0, seed=seed, max_tokens=12)
        assert reply.choices[0].message.content == greedy


# ----- streaming ----------------------------------------------------------------------------


def test_stream_concatenates_to_the_same_text_with_usage_last(client):
    kwargs = dict(temperature=0.9, seed=11, max_tokens=40, n=2, stop=["sat"])
    whole = chat(client, **kwargs)
    chunks = list(chat(client, stream=True, stream_options={"include_usage": True}, **kwargs))
    texts, finish = {0: "", 1: ""}, {}
    for chunk in chunks[:-1]:
        assert chunk.object == "chat.completion.chunk" and chunk.usage is None
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
            if choice.finish_reason:
                finish[choice.index] = choice.finish_reason
    assert chunks[0].choices[0].delta.role == "assistant"
    assert texts == {c.index: c.message.content for c in whole.choices}
    assert finish == {c.index: c.finish_reason for c in whole.choices}
    last = chunks[-1]
    assert last.choices == [] and last.usage.model_dump() == whole.usage.model_dump()
    assert len({c.id for c in chunks}) == 1


def test_stream_with_logprobs_and_without_usage(client):
    chunks = list(chat(client, stream=True, temperature=0, max_tokens=6, logprobs=True))
    tokens = [e.token for c in chunks for ch in c.choices if ch.logprobs for e in ch.logprobs.content]
    text = "".join(ch.delta.content or "" for c in chunks for ch in c.choices)
    assert "".join(tokens) == text and len(text) == 6
    assert all(c.usage is None for c in chunks)


def test_raw_sse_format(server):
    body = {"model": BASE_ID, "messages": USER, "stream": True, "max_tokens": 2}
    with httpx.stream("POST", server.base_url + "/chat/completions", json=body, trust_env=False) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        raw = r.read().decode()
    events = raw.split("\n\n")
    assert all(e.startswith("data: ") for e in events if e)
    assert events[-2] == "data: [DONE]" and events[-1] == ""


# ----- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, param",
    [
        ({"temperature": 3}, "temperature"),
        ({"top_p": 1.5}, "top_p"),
        ({"n": 0}, "n"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"top_logprobs": 3}, "top_logprobs"),  # needs logprobs=True
        ({"logprobs": True, "top_logprobs": 21}, "top_logprobs"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "stop"),
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "wizard", "content": "hi"}]}, "messages[0].role"),
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]},
         "messages[0].content"),
        ({"messages": [{"role": "user", "content": "x" * 500}]}, "messages"),  # over the context
    ],
)
def test_bad_parameters_are_bad_request_errors(client, kwargs, param):
    request = {"model": BASE_ID, "messages": USER} | kwargs
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(**request)
    assert caught.value.status_code == 400
    assert caught.value.body["param"] == param
    assert caught.value.body["type"] == "invalid_request_error" and caught.value.body["message"]


def test_nothing_leaks_in_fastapis_shape(server):
    post = lambda path, **kw: httpx.post(server.base_url + path, trust_env=False, **kw)  # noqa: E731
    broken_json = post("/chat/completions", content=b"{nope", headers={"content-type": "application/json"})
    missing_model = post("/chat/completions", json={"messages": USER})
    unknown_route = post("/completions/legacy", json={})
    for response, status in ((broken_json, 400), (missing_model, 400), (unknown_route, 404)):
        assert response.status_code == status
        assert set(response.json()["error"]) == {"message", "type", "param", "code"}
    assert missing_model.json()["error"]["param"] == "model"
    assert unknown_route.json()["error"]["message"] == "Invalid URL (POST /v1/completions/legacy)"


def test_a_model_failure_is_an_internal_server_error(client):
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model="toy-broken", messages=USER, max_tokens=10)
    assert "NaN" in caught.value.body["message"]
    with pytest.raises(openai.APIError, match="NaN"):
        list(client.chat.completions.create(model="toy-broken", messages=USER, max_tokens=10, stream=True))


def test_the_embedding_model_is_not_a_chat_model(client):
    with pytest.raises(openai.BadRequestError, match="embedding model"):
        client.chat.completions.create(model="all-MiniLM-L6-v2", messages=USER)


def test_a_configured_key_is_required(tmp_path):
    with serve(tmp_path, api_key="sesame") as (handle, _):
        wrong = openai.OpenAI(base_url=handle.base_url, api_key="nope", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            wrong.models.list()
        right = openai.OpenAI(base_url=handle.base_url, api_key="sesame", max_retries=0)
        assert right.models.list().data


def test_llama_index_openai_like_works_unchanged(server):
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(model=BASE_ID, api_base=server.base_url, api_key="x", is_chat_model=True,
                     temperature=0, max_tokens=8)
    text = llm.complete("the").text
    assert len(text) == 8
    assert "".join(r.delta for r in llm.stream_complete("the")) == text
