"""get_client: the right server for each backend, real SDK parsing, no key ever shown.

`FakeServer` is a test double: a tiny OpenAI-compatible HTTP server on 127.0.0.1 that
returns canned answers (test_llama_setup uses it too).
"""

import base64
import json
import struct
import sys
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openai
import pytest

from course_utils.client import connection, describe_backend, get_client, get_meter

VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COURSE_BASE_URL", "COURSE_API_KEY",
        "COURSE_CHAT_MODEL", "COURSE_EMBEDDING_MODEL", "COURSE_FINETUNE_BASE", "COURSE_CACHE",
        "COURSE_BUDGET_USD", "JPY_SESSION_NAME", "COURSE_OPEN_MODEL")


class FakeServer:
    """Answers /v1/chat/completions and /v1/embeddings with canned JSON; records requests."""

    def __init__(self, rate_limited=False):
        self.requests = []  # (path, headers, body) of each request
        self.rate_limited = rate_limited
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                server.requests.append((self.path, dict(self.headers), body))
                if server.rate_limited:
                    return self.reply(429, {"error": {"message": "slow down", "type": "rate"}},
                                      {"retry-after-ms": "1"})
                if self.path.endswith("/embeddings"):
                    return self.reply(200, server.embeddings(body))
                return self.reply(200, server.chat(body))

            def reply(self, status, payload, headers=()):
                data = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for name, value in dict(headers).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True).start()

    @staticmethod
    def chat(body):
        last = body["messages"][-1]["content"]
        return {"id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()),
                "model": body["model"],
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": f"echo: {last}"}}],
                "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}}

    @staticmethod
    def embeddings(body):
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = [[float(len(text)), 1.0, 0.0] for text in texts]

        def encode(vector):  # the SDK asks for base64 floats unless told otherwise
            if body.get("encoding_format") == "base64":
                return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
            return vector

        return {"object": "list", "model": body["model"],
                "data": [{"object": "embedding", "index": i, "embedding": encode(v)}
                         for i, v in enumerate(vectors)],
                "usage": {"prompt_tokens": len(texts), "total_tokens": len(texts)}}

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in VARS:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return monkeypatch


@pytest.fixture
def fake_server():
    server = FakeServer()
    yield server
    server.close()


@pytest.fixture
def compatible(clean_env, fake_server):
    clean_env.setenv("COURSE_BASE_URL", fake_server.base_url)
    clean_env.setenv("COURSE_CHAT_MODEL", "local-chat")
    clean_env.setenv("COURSE_EMBEDDING_MODEL", "local-embed")
    return fake_server


def test_compatible_backend_talks_to_its_server_through_the_real_sdk(compatible, tmp_path):
    client = get_client(cache_folder=tmp_path)
    assert str(client.base_url).rstrip("/") == compatible.base_url
    before = len(get_meter().calls)
    answer = client.chat.completions.create(model="local-chat",
                                            messages=[{"role": "user", "content": "hello"}])
    assert isinstance(answer, openai.types.chat.ChatCompletion)
    assert answer.choices[0].message.content == "echo: hello"
    assert answer.usage.prompt_tokens == 5
    path, headers, _ = compatible.requests[-1]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer not-needed"  # placeholder: no key was given
    assert len(get_meter().calls) == before + 1


def test_paid_backends_cache_by_default(compatible, tmp_path):
    client = get_client(cache_folder=tmp_path)
    ask = lambda: client.chat.completions.with_raw_response.create(  # noqa: E731
        model="local-chat", messages=[{"role": "user", "content": "again"}])
    first, second = ask(), ask()
    assert len(compatible.requests) == 1
    assert second.headers["x-course-cache"] == "hit"
    assert first.parse().choices[0].message.content == second.parse().choices[0].message.content
    get_client(cache=False, cache_folder=tmp_path).chat.completions.create(
        model="local-chat", messages=[{"role": "user", "content": "again"}])
    assert len(compatible.requests) == 2


def test_compatible_key_is_sent_but_never_shown(clean_env, compatible, capsys):
    compatible_key = "local-secret-42"
    clean_env.setenv("COURSE_API_KEY", compatible_key)
    get_client(cache=False).embeddings.create(model="local-embed", input=["abc"])
    assert compatible.requests[-1][1]["Authorization"] == f"Bearer {compatible_key}"
    line = describe_backend()
    assert compatible_key not in line + capsys.readouterr().out + repr(connection())
    assert "local-chat" in line


def test_embeddings_parse_through_the_sdk(compatible):
    answer = get_client(cache=False).embeddings.create(model="local-embed", input=["abc", "de"])
    assert [item.embedding for item in answer.data] == [[3.0, 1.0, 0.0], [2.0, 1.0, 0.0]]


def test_openai_backend_uses_openai_and_hides_the_key(clean_env, capsys):
    clean_env.setenv("OPENAI_API_KEY", "sk-test-secret-123")
    client = get_client()
    assert str(client.base_url) == "https://api.openai.com/v1/"
    assert client.api_key == "sk-test-secret-123" and client.max_retries == 5
    line = describe_backend()
    assert "sk-test-secret-123" not in line + capsys.readouterr().out + repr(connection())
    assert "OpenAI API" in line and "response cache: on" in line


def test_course_open_model_asks_the_embedded_server_for_the_open_llm_too(clean_env, fake_server):
    started = []
    offline = types.ModuleType("course_utils.offline.server")
    offline.ensure_started = lambda open_model=False: started.append(open_model) or fake_server.base_url
    clean_env.setitem(sys.modules, "course_utils.offline.server", offline)
    clean_env.setenv("COURSE_OPEN_MODEL", "on")
    get_client()
    assert "open LLM: SmolLM2-135M-Instruct (COURSE_OPEN_MODEL=on)" in describe_backend()
    clean_env.setenv("COURSE_OPEN_MODEL", "maybe")
    with pytest.raises(ValueError, match="COURSE_OPEN_MODEL='maybe' is neither on nor off"):
        get_client()
    assert started == [True]


def test_offline_backend_uses_the_embedded_server(clean_env, fake_server, tmp_path):
    started = []

    def ensure_started(open_model=False):
        started.append(open_model)
        return fake_server.base_url

    offline = types.ModuleType("course_utils.offline.server")
    offline.ensure_started = ensure_started
    clean_env.setitem(sys.modules, "course_utils.offline.server", offline)
    client = get_client()
    assert started == [False] and str(client.base_url).rstrip("/") == fake_server.base_url
    ask = lambda: client.chat.completions.with_raw_response.create(  # noqa: E731
        model="acme-tiny", messages=[{"role": "user", "content": "x"}])
    ask()
    second = ask()
    assert len(fake_server.requests) == 2  # offline: the cache is off by default
    assert "x-course-cache" not in second.headers
    assert "offline" in describe_backend()


def test_describe_backend_does_not_start_the_offline_server(clean_env, capsys):
    clean_env.setitem(sys.modules, "course_utils.offline.server", None)  # importing it fails
    assert "chat model: acme-tiny" in describe_backend()


def test_compatible_backend_without_a_model_says_which_variable_to_set(clean_env, fake_server):
    clean_env.setenv("COURSE_BASE_URL", fake_server.base_url)
    assert "COURSE_CHAT_MODEL" in describe_backend()


def test_a_persistent_429_is_retried_then_raised_as_rate_limit_error(compatible):
    compatible.rate_limited = True
    with pytest.raises(openai.RateLimitError):
        get_client(cache=False, max_retries=2).chat.completions.create(
            model="local-chat", messages=[{"role": "user", "content": "hi"}])
    assert len(compatible.requests) == 3  # the first try and two retries


def test_budget_from_the_environment_stops_paid_calls(compatible, monkeypatch):
    from course_utils import usage

    monkeypatch.setenv("COURSE_BUDGET_USD", "0")
    monkeypatch.setattr(usage, "_meter", None)  # a fresh process-wide meter reads it
    with pytest.raises(usage.BudgetExceeded):
        get_client(cache=False).chat.completions.create(
            model="local-chat", messages=[{"role": "user", "content": "hi"}])
    assert compatible.requests == []


def test_proxies_from_the_environment_are_honoured_except_for_loopback(clean_env, fake_server):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "NO_PROXY", "ALL_PROXY"):
        clean_env.delenv(name, raising=False)
    clean_env.setenv("HTTP_PROXY", fake_server.base_url.removesuffix("/v1"))  # the proxy
    clean_env.setenv("COURSE_BASE_URL", "http://models.example/v1")  # only reachable by proxy
    get_client(cache=False).chat.completions.create(
        model="m", messages=[{"role": "user", "content": "via proxy"}])
    assert fake_server.requests[-1][0] == "http://models.example/v1/chat/completions"

    clean_env.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # a dead proxy, bypassed for loopback
    clean_env.setenv("COURSE_BASE_URL", fake_server.base_url)
    get_client(cache=False).chat.completions.create(
        model="m", messages=[{"role": "user", "content": "direct"}])
    assert fake_server.requests[-1][0] == "/v1/chat/completions"
