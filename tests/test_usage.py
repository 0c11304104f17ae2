"""The usage meter: tokens and cost from JSON and streams, cache hits free, budget enforced."""

import json
import time

import httpx
import openai
import pytest

from course_utils.cache import CachingTransport
from course_utils.models import PRICES
from course_utils.usage import (BudgetExceeded, BudgetGuard, MeteringTransport, UsageMeter,
                                estimate_cost, notebook_label, usage_from_body)

MODEL = "gpt-4.1-mini"  # priced in the table; the scan in test_models allows tests to name ids
USAGE = {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500}


def chat_answer(request):
    body = json.loads(request.content)
    if request.url.path.endswith("/embeddings"):
        return httpx.Response(200, json={
            "object": "list", "model": body["model"],
            "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
            "usage": {"prompt_tokens": 7, "total_tokens": 7}})
    if body.get("stream"):
        chunks = [{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": MODEL,
                   "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}]}]
        if body.get("stream_options", {}).get("include_usage"):
            chunks.append({"id": "c", "object": "chat.completion.chunk", "created": 1,
                           "model": MODEL, "choices": [], "usage": USAGE})
        text = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, text=text)
    return httpx.Response(200, json={
        "id": "x", "object": "chat.completion", "created": 1, "model": MODEL + "-2025-04-14",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "hi"}}],
        "usage": USAGE})


class Counting:
    """Counts what reaches the network."""

    def __init__(self):
        self.sent = 0

    def __call__(self, request):
        self.sent += 1
        return chat_answer(request)


def sdk_with(meter, upstream, folder=None, budget_guard=True):
    transport = httpx.MockTransport(upstream)
    if budget_guard:
        transport = BudgetGuard(transport, meter)
    transport = CachingTransport(transport, folder, enabled=folder is not None)
    transport = MeteringTransport(transport, meter)
    return openai.OpenAI(base_url="http://testserver/v1", api_key="k", max_retries=5,
                         http_client=httpx.Client(transport=transport))


def chat(client, **options):
    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}],
                                          **options)


def test_usage_and_cost_from_a_json_answer():
    meter = UsageMeter(label="nb")
    chat(sdk_with(meter, Counting()))
    (call,) = meter.calls
    assert (call.label, call.endpoint, call.model) == ("nb", "/chat/completions", MODEL)
    assert (call.prompt_tokens, call.completion_tokens, call.cache_hit) == (1000, 500, False)
    price = PRICES[MODEL]
    expected = (1000 * price.input_per_million + 500 * price.output_per_million) / 1e6
    assert call.cost_usd == pytest.approx(expected) and expected > 0


def test_usage_from_the_last_chunk_of_a_stream_only_when_asked_for():
    meter = UsageMeter(label="nb")
    client = sdk_with(meter, Counting())
    list(chat(client, stream=True, stream_options={"include_usage": True}))
    list(chat(client, stream=True))
    with_usage, without = meter.calls
    assert (with_usage.prompt_tokens, with_usage.completion_tokens) == (1000, 500)
    assert with_usage.cost_usd > 0
    assert (without.prompt_tokens, without.cost_usd) == (None, None)


def test_embeddings_are_metered_with_no_completion_tokens():
    meter = UsageMeter(label="nb")
    sdk_with(meter, Counting()).embeddings.create(model="text-embedding-3-small", input=["a"])
    (call,) = meter.calls
    assert (call.endpoint, call.prompt_tokens, call.completion_tokens) == ("/embeddings", 7, 0)
    assert call.cost_usd == pytest.approx(7 * PRICES["text-embedding-3-small"].input_per_million / 1e6)


def test_cache_hits_cost_nothing_and_are_counted_apart(tmp_path):
    meter = UsageMeter(label="nb")
    client = sdk_with(meter, Counting(), folder=tmp_path)
    chat(client), chat(client)
    totals = meter.totals()
    assert (totals["calls"], totals["cache_hits"]) == (2, 1)
    assert meter.calls[1].cost_usd == 0.0
    assert totals["cost_usd"] == pytest.approx(meter.calls[0].cost_usd)
    assert totals["prompt_tokens"] == 2000  # the tokens are still what the answer reports


def test_running_totals_per_label_and_summary_frame():
    meter = UsageMeter()
    client = sdk_with(meter, Counting())
    meter.set_label("01_prompting.ipynb")
    chat(client), chat(client)
    meter.set_label("02_rag.ipynb")
    chat(client)
    table = meter.summary()
    assert table.loc["01_prompting.ipynb", "calls"] == 2
    assert table.loc["02_rag.ipynb", "calls"] == 1
    assert table.loc["total", "prompt_tokens"] == 3000
    assert len(meter.calls_frame()) == 3


def test_budget_stops_paid_requests_before_they_are_sent(tmp_path):
    meter = UsageMeter(budget_usd=0.0001, label="nb")
    upstream = Counting()
    client = sdk_with(meter, upstream, folder=tmp_path)
    chat(client)  # costs more than the budget: the next paid request must not go out
    started = time.perf_counter()
    with pytest.raises(BudgetExceeded, match="budget"):
        chat(client, temperature=0.5)
    assert time.perf_counter() - started < 1  # raised at once, not retried with backoff
    assert upstream.sent == 1
    assert chat(client).choices[0].message.content == "hi"  # a cached answer is still served
    assert upstream.sent == 1


def test_no_budget_means_no_limit():
    meter = UsageMeter(label="nb")
    client = sdk_with(meter, Counting())
    for _ in range(3):
        chat(client)
    assert len(meter.calls) == 3


def test_cost_estimates_for_snapshots_fine_tunes_and_unknown_models():
    assert estimate_cost(MODEL + "-2025-04-14", 1_000_000, 0) == PRICES[MODEL].input_per_million
    fine_tuned = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
    assert estimate_cost(fine_tuned, 0, 1_000_000) == PRICES["ft:" + MODEL].output_per_million
    assert estimate_cost("acme-tiny", 10_000, 10_000) == 0.0
    assert estimate_cost("some-local-model", 10, 10) is None
    assert estimate_cost(MODEL, None, None) is None


def test_usage_parser_handles_json_sse_and_garbage():
    assert usage_from_body(b'{"usage": {"prompt_tokens": 3}}')[0] == {"prompt_tokens": 3}
    stream = b'data: {"usage": null}\n\ndata: {"usage": {"prompt_tokens": 4}}\n\ndata: [DONE]\n\n'
    assert usage_from_body(stream, "text/event-stream")[0] == {"prompt_tokens": 4}
    assert usage_from_body(b"<html>oops</html>") == (None, None)


def test_label_comes_from_jupyter_else_script(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/course/notebooks/02_rag.ipynb")
    assert notebook_label() == "02_rag.ipynb"
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert notebook_label() == "script"
