"""Starting the server: loopback only, one per process with ensure_started, and the CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import httpx
import openai
import pytest

import course_utils.__main__ as cli
from course_utils.offline import server
from test_offline_toymodel import BASE_ID, BigramLoader, BigramTrainer


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", ""])
def test_refuses_to_bind_anything_but_loopback(tmp_path, host):
    with pytest.raises(ValueError, match="loopback"):
        server.start_server(host=host, state_dir=tmp_path, loader=BigramLoader())


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_binds_loopback(tmp_path, host):
    with server.start_server(host=host, state_dir=tmp_path, loader=BigramLoader()) as handle:
        assert handle.base_url == f"http://127.0.0.1:{handle.port}/v1"
        client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0)
        assert BASE_ID in {m.id for m in client.models.list()}
    assert not handle.alive


def test_connections_send_at_once(tmp_path):
    """Nagle's algorithm is off on the server's connections: with it on, every request on a
    reused connection waited about 40 ms for the client's delayed ACK."""
    with server.start_server(state_dir=tmp_path, loader=BigramLoader()) as handle:
        with httpx.Client(trust_env=False) as http:
            http.get(handle.base_url + "/models")  # the connection stays open
            sockets = [c.transport.get_extra_info("socket") for c in handle._server.server_state.connections]
            assert sockets and all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets)


def test_a_busy_port_gives_a_clear_error(tmp_path):
    with server.start_server(state_dir=tmp_path, loader=BigramLoader()) as first:
        with pytest.raises(OSError, match="Pick another one"):
            server.start_server(port=first.port, state_dir=tmp_path / "other", loader=BigramLoader())


@pytest.fixture
def toy_course_model(monkeypatch, tmp_path):
    """Make ensure_started() use the toy model and a temporary state folder."""
    monkeypatch.setattr(server, "course_model", lambda open_model=False: (BigramLoader(), BigramTrainer()))
    monkeypatch.setattr(server, "default_state_dir", lambda: tmp_path)
    server.stop()
    yield
    server.stop()


def test_ensure_started_starts_one_server_per_process(toy_course_model):
    urls = []
    threads = [threading.Thread(target=lambda: urls.append(server.ensure_started())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(urls)) == 1 and urls[0].startswith("http://127.0.0.1:")
    client = openai.OpenAI(base_url=urls[0], api_key="anything", max_retries=0)
    assert client.chat.completions.create(model=BASE_ID, messages=[{"role": "user", "content": "a"}],
                                          max_tokens=2).choices[0].message.content
    server.stop()  # after stop(), the next call starts a fresh server
    fresh = openai.OpenAI(base_url=server.ensure_started(), api_key="x", max_retries=0)
    assert BASE_ID in {m.id for m in fresh.models.list()}


def test_asking_for_the_open_llm_after_the_server_started_says_to_restart(toy_course_model):
    server.ensure_started()
    with pytest.warns(UserWarning, match="restart the kernel for COURSE_OPEN_MODEL=on to take effect"):
        server.ensure_started(open_model=True)


def test_a_missing_course_model_gives_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "course_utils.offline.model.acme_tiny.loading", None)  # import fails
    with pytest.raises(ImportError, match="needs the course's model.*OPENAI_API_KEY or COURSE_BASE_URL"):
        server.course_model()


def test_the_default_state_folder_is_git_ignored(monkeypatch, tmp_path):
    monkeypatch.delenv(server.STATE_DIR_VAR, raising=False)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # a stand-in repository
    monkeypatch.setattr(server, "REPO_ROOT", tmp_path)
    folder = server.default_state_dir()
    assert folder == tmp_path / ".cache" / "offline" and folder.is_dir()
    assert (tmp_path / ".cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_the_state_folder_can_be_set_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(server.STATE_DIR_VAR, str(tmp_path / "elsewhere"))
    assert server.default_state_dir() == tmp_path / "elsewhere" and (tmp_path / "elsewhere").is_dir()


def test_the_test_run_keeps_its_state_out_of_the_repository():
    """The root conftest.py points the offline server at a temporary folder for every test."""
    folder = server.default_state_dir()
    assert server.REPO_ROOT not in folder.parents


def test_cli_serves_until_stopped(toy_course_model, tmp_path, capsys):
    seen = {}

    def wait(handle):  # instead of waiting for Ctrl-C: use the server once, then return
        client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0)
        seen["models"] = [m.id for m in client.models.list()]
        seen["handle"] = handle

    cli.serve(port=0, state_dir=tmp_path / "cli-state", api_key=None, wait=wait)
    assert BASE_ID in seen["models"] and not seen["handle"].alive
    printed = capsys.readouterr().out
    assert seen["handle"].base_url in printed and "curl" in printed
    for line in (f"COURSE_BASE_URL={seen['handle'].base_url}", "COURSE_CHAT_MODEL=acme-tiny",
                 "COURSE_EMBEDDING_MODEL=all-MiniLM-L6-v2"):
        assert line in printed
    assert (tmp_path / "cli-state" / "files").is_dir()


def test_cli_parses_serve_arguments(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(cli, "serve", lambda port, state_dir, api_key, open_model: calls.append(
        (port, state_dir, api_key, open_model)))
    cli.main(["serve", "--port", "8123", "--state-dir", str(tmp_path)])
    cli.main(["serve", "--open-model"])
    assert calls == [(8123, tmp_path, None, False), (8000, None, None, True)]
    with pytest.raises(SystemExit):
        cli.main(["serve", "--host", "0.0.0.0"])  # there is no way to ask for another host


def test_a_fresh_process_answers_from_passages_with_nothing_set_up_beforehand(tmp_path):
    """What a learner's new kernel does first: get the client and ask about a passage. Nothing may
    rely on setup that other tests did in this process (NLTK's data path, say), so it runs in a
    fresh interpreter whose environment has none of it."""
    script = (
        "from course_utils.client import get_client\n"
        "reply = get_client().chat.completions.create(model='acme-tiny', temperature=0, messages=[\n"
        "    {'role': 'user', 'content': 'Context:\\nThe Harbour View has 32 rooms. It opened in 1998.\\n\\n'\n"
        "                                'Question: How many rooms does the Harbour View have?'}])\n"
        "print(reply.choices[0].message.content)\n"
    )
    env = {name: value for name, value in os.environ.items()
           if name not in ("NLTK_DATA", "TIKTOKEN_CACHE_DIR", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE",
                           "OPENAI_API_KEY", "COURSE_BASE_URL", "COURSE_CHAT_MODEL")}
    env[server.STATE_DIR_VAR] = str(tmp_path)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "32 rooms" in result.stdout
