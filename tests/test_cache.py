"""The response cache: a repeat is answered from disk, anything else goes through."""

import json
import logging

import httpx
import openai
import pytest

from course_utils.cache import CachingTransport, cache_enabled_by_env, request_key

CHAT = {
    "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": "SELECT 1"}}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13},
}
CHUNKS = [
    {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
     "choices": [{"index": 0, "delta": {"role": "assistant", "content": word}, "finish_reason": None}]}
    for word in ("SELECT", " 1")
]


def sse(chunks):
    return "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks) + "data: [DONE]\n\n"


class Upstream:
    """A stand-in for the network: counts requests, answers chat JSON or an SSE stream."""

    def __init__(self, status=200):
        self.requests = []
        self.status = status

    def __call__(self, request):
        self.requests.append(request)
        body = json.loads(request.content) if request.content else {}
        if self.status != 200:
            return httpx.Response(self.status, json={"error": {"message": "nope"}})
        if body.get("stream"):
            pieces = [part.encode() for part in sse(CHUNKS).split("\n\n") if part]
            return httpx.Response(200, headers={"content-type": "text/event-stream"},
                                  content=iter(piece + b"\n\n" for piece in pieces))
        if request.url.path.endswith("/files"):
            return httpx.Response(200, json={"id": "file-1"})
        return httpx.Response(200, json=CHAT | {"answer_number": len(self.requests)})


def client_for(upstream, folder, enabled=True):
    transport = CachingTransport(httpx.MockTransport(upstream), folder, enabled=enabled)
    return httpx.Client(transport=transport, base_url="http://testserver/v1")


def ask(client, **body):
    return client.post("/chat/completions", json={"model": "m", "messages": [
        {"role": "user", "content": "How many orders?"}]} | body)


def test_miss_then_hit_gives_the_same_body_marked_as_a_hit(tmp_path):
    upstream = Upstream()
    client = client_for(upstream, tmp_path)
    first, second = ask(client, temperature=0), ask(client, temperature=0)
    assert len(upstream.requests) == 1
    assert first.content == second.content
    assert "x-course-cache" not in first.headers
    assert second.headers["x-course-cache"] == "hit"
    assert second.json()["answer_number"] == 1


def test_key_ignores_key_order_and_api_key_but_not_the_body(tmp_path):
    def request(body, key="sk-a"):
        return httpx.Request("POST", "http://h/v1/chat/completions", content=body,
                             headers={"authorization": f"Bearer {key}"})

    a = request('{"model": "m", "temperature": 0}')
    assert request_key(a, "x") == request_key(request('{"temperature": 0, "model": "m"}', "sk-b"), "x")
    assert request_key(a, "x") != request_key(request('{"model": "m", "temperature": 1}'), "x")
    assert request_key(a, "x") != request_key(a, "another-backend")


def test_different_temperature_is_a_different_entry(tmp_path):
    upstream = Upstream()
    client = client_for(upstream, tmp_path)
    ask(client, temperature=0)
    answer = ask(client, temperature=1)
    assert len(upstream.requests) == 2
    assert "x-course-cache" not in answer.headers


def test_corrupt_or_partial_entry_is_ignored_and_rewritten(tmp_path, caplog):
    upstream = Upstream()
    client = client_for(upstream, tmp_path)
    ask(client)
    (entry,) = tmp_path.rglob("*.json")
    for broken in ('{"status": 200, "headers": {}, "bo', "not json at all", '{"status": "x"}'):
        entry.write_text(broken, encoding="utf-8")
        with caplog.at_level(logging.DEBUG, logger="course_utils.cache"):
            answer = ask(client)
        assert answer.status_code == 200 and "x-course-cache" not in answer.headers
    assert len(upstream.requests) == 4
    assert "unreadable cache entry" in caplog.text
    assert ask(client).headers["x-course-cache"] == "hit"  # the last miss rewrote it


def test_errors_and_other_endpoints_are_not_cached(tmp_path):
    failing = Upstream(status=500)
    client = client_for(failing, tmp_path)
    ask(client), ask(client)
    assert len(failing.requests) == 2
    upstream = Upstream()
    client = client_for(upstream, tmp_path)
    client.post("/files", json={"purpose": "fine-tune"})
    client.post("/files", json={"purpose": "fine-tune"})
    assert len(upstream.requests) == 2
    assert not list(tmp_path.rglob("*.json"))


def test_disabled_cache_passes_everything_through(tmp_path):
    upstream = Upstream()
    client = client_for(upstream, tmp_path, enabled=False)
    ask(client), ask(client)
    assert len(upstream.requests) == 2
    assert not list(tmp_path.rglob("*.json"))


def test_stream_is_stored_when_read_to_the_end_and_replayed_through_the_sdk(tmp_path):
    upstream = Upstream()
    transport = CachingTransport(httpx.MockTransport(upstream), tmp_path)
    sdk = openai.OpenAI(base_url="http://testserver/v1", api_key="k", max_retries=0,
                        http_client=httpx.Client(transport=transport))

    def stream_words():
        stream = sdk.chat.completions.create(model="m", stream=True, messages=[
            {"role": "user", "content": "hi"}])
        return [chunk.choices[0].delta.content for chunk in stream]

    assert stream_words() == ["SELECT", " 1"]
    assert stream_words() == ["SELECT", " 1"]
    assert len(upstream.requests) == 1


def test_stream_abandoned_halfway_is_not_stored(tmp_path):
    upstream = Upstream()
    client = client_for(upstream, tmp_path)
    body = {"model": "m", "stream": True, "messages": []}
    with client.stream("POST", "/chat/completions", json=body) as response:
        next(response.iter_bytes())
    assert not list(tmp_path.rglob("*.json"))


def test_environment_switch(monkeypatch):
    monkeypatch.setenv("COURSE_CACHE", "off")
    assert cache_enabled_by_env(default=True) is False
    monkeypatch.setenv("COURSE_CACHE", "on")
    assert cache_enabled_by_env(default=False) is True
    monkeypatch.delenv("COURSE_CACHE")
    assert cache_enabled_by_env(default=True) is True
    monkeypatch.setenv("COURSE_CACHE", "sometimes")  # a typo is an error, not silently the default
    with pytest.raises(ValueError, match="COURSE_CACHE='sometimes' is neither on nor off"):
        cache_enabled_by_env(default=True)


def test_compressed_answers_are_stored_decoded(tmp_path):
    import gzip

    def gzipped(request):
        return httpx.Response(200, content=gzip.compress(json.dumps(CHAT).encode()),
                              headers={"content-type": "application/json",
                                       "content-encoding": "gzip"})

    client = client_for(gzipped, tmp_path)
    assert ask(client).json() == CHAT
    hit = ask(client)
    assert hit.headers["x-course-cache"] == "hit" and hit.json() == CHAT
