"""Backend selection follows the documented order and never reveals a key."""

import pytest

from course_utils.backend import choose_backend

VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COURSE_BASE_URL", "COURSE_API_KEY")


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in VARS:
        monkeypatch.setenv(name, "")  # records the original value, so undo restores it
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return monkeypatch


def test_no_key_no_url_means_offline(clean_env):
    assert choose_backend().kind == "offline"


def test_openai_key_wins(clean_env):
    clean_env.setenv("OPENAI_API_KEY", "sk-test-secret-123")
    clean_env.setenv("COURSE_BASE_URL", "http://localhost:8000/v1")
    backend = choose_backend()
    assert backend.kind == "openai"
    assert "sk-test-secret-123" not in backend.describe() + repr(backend)


def test_base_url_selects_compatible_server(clean_env):
    clean_env.setenv("COURSE_BASE_URL", "http://localhost:11434/v1")
    clean_env.setenv("COURSE_API_KEY", "local-secret")
    backend = choose_backend()
    assert (backend.kind, backend.base_url, backend.has_key) == (
        "compatible", "http://localhost:11434/v1", True,
    )
    assert "local-secret" not in backend.describe()


def test_dotenv_file_is_read(clean_env, tmp_path):
    (tmp_path / ".env").write_text("COURSE_BASE_URL=http://127.0.0.1:9/v1\n", encoding="utf-8")
    assert choose_backend().kind == "compatible"
