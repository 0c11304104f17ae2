"""The model registry: defaults, overrides, clear errors, and no model id spelled out elsewhere."""

import ast
import json
import re
from pathlib import Path

import pytest

from course_utils import backend
from course_utils.models import (BACKENDS, ENV_VARS, PRICES, REGISTRY, ROLES, MissingModelSetting,
                                 model_for, price_for)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("OPENAI_API_KEY", "COURSE_BASE_URL", *ENV_VARS.values()):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return monkeypatch


def test_every_role_and_backend_has_exactly_one_entry_with_a_dated_check():
    pairs = [(choice.role, choice.backend) for choice in REGISTRY]
    assert sorted(pairs) == sorted((role, backend) for role in ROLES for backend in BACKENDS)
    for choice in REGISTRY:
        assert choice.default is None or re.search(r"\d{4}-\d{2}-\d{2}", choice.checked)


def test_offline_defaults(clean_env):
    assert model_for("chat", "offline") == "acme-tiny"
    assert model_for("embedding", "offline") == "all-MiniLM-L6-v2"
    assert model_for("fine_tune_base", "offline") == "acme-tiny"


def test_backend_comes_from_the_environment_when_not_given(clean_env):
    assert model_for("chat") == model_for("chat", "offline")
    clean_env.setenv("OPENAI_API_KEY", "sk-test")
    assert model_for("chat") == model_for("chat", "openai") != model_for("chat", "offline")


@pytest.mark.parametrize("role", ROLES)
def test_environment_overrides_every_default(clean_env, role):
    clean_env.setenv(ENV_VARS[role], "my-model")
    for backend in BACKENDS:
        assert model_for(role, backend) == "my-model"


@pytest.mark.parametrize("role", ROLES)
def test_compatible_server_needs_the_variable_and_the_error_names_it(clean_env, role):
    with pytest.raises(MissingModelSetting, match=ENV_VARS[role]):
        model_for(role, "compatible")


@pytest.mark.parametrize("role", ROLES)
def test_the_course_server_behind_a_base_url_gets_the_offline_defaults(clean_env, role):
    clean_env.setenv("COURSE_BASE_URL", "http://127.0.0.1:8000/v1")
    offline_ids = frozenset(model_for(r, "offline") for r in ROLES)
    clean_env.setattr(backend, "models_served_on_this_computer", lambda url: offline_ids | {"other"})
    assert model_for(role, "compatible") == model_for(role, "offline")
    clean_env.setattr(backend, "models_served_on_this_computer", lambda url: frozenset({"llama3"}))
    with pytest.raises(MissingModelSetting, match=ENV_VARS[role]):
        model_for(role, "compatible")


def test_only_servers_on_this_computer_are_asked_for_their_models(tmp_path):
    from course_utils.offline.server import start_server
    from test_offline_toymodel import BASE_ID, BigramLoader

    backend.models_served_on_this_computer.cache_clear()
    with start_server(state_dir=tmp_path, loader=BigramLoader()) as handle:
        assert BASE_ID in backend.models_served_on_this_computer(handle.base_url)
    # The network guard would fail this test if the lookup tried to connect.
    assert backend.models_served_on_this_computer("https://api.example.com/v1") == frozenset()


def test_unknown_role_or_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown model role 'reranker'.*chat"):
        model_for("reranker", "offline")
    with pytest.raises(ValueError, match="Unknown backend"):
        model_for("chat", "azure")


def test_every_default_has_a_dated_price():
    for choice in REGISTRY:
        if choice.default is not None:
            price = price_for(choice.default)
            assert price is not None, choice.default
            assert re.search(r"\d{4}-\d{2}-\d{2}", price.checked) or "free" in price.checked
    assert all(price_for(c.default) == PRICES[c.default]
               for c in REGISTRY if c.backend == "offline")
    assert all(PRICES[c.default].input_per_million == 0 for c in REGISTRY if c.backend == "offline")


# ---------------------------------------------------------------------------------------------
# No model id is hard-coded outside the registry

def registry_ids():
    return {choice.default for choice in REGISTRY if choice.default} | {
        key.removeprefix("ft:") for key in PRICES}


def string_literals(source):
    """Every string constant in Python source (IPython magics and shell lines dropped)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set(re.findall(r"""["']([^"'\n]+)["']""", source))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def hard_coded_ids(path, ids):
    """The registry's model ids that appear as string literals in a .py file or notebook."""
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]
                   if cell["cell_type"] == "code"]
    else:
        sources = [path.read_text(encoding="utf-8")]
    found = set()
    for source in sources:
        literals = string_literals(source)
        found |= ids & literals  # a whole string; prose that names a model is fine
    return found


def test_the_scan_finds_a_planted_model_id(tmp_path):
    planted = tmp_path / "bad.py"
    planted.write_text('client.chat.completions.create(model="gpt-4.1-mini")\n', encoding="utf-8")
    assert hard_coded_ids(planted, registry_ids()) == {"gpt-4.1-mini"}
    notebook = tmp_path / "bad.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["We use acme-tiny offline."]},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "m = 'acme-tiny'"]}]}),
        encoding="utf-8")
    assert hard_coded_ids(notebook, registry_ids()) == {"acme-tiny"}


def test_no_model_id_is_hard_coded_outside_the_registry():
    files = [*REPO.glob("course_utils/**/*.py"), *REPO.glob("notebooks/*.ipynb"), *REPO.glob("benchmarks/*.py")]
    offenders = {}
    for path in files:
        if path.name == "models.py":
            continue
        found = hard_coded_ids(path, registry_ids())
        if found:
            offenders[str(path.relative_to(REPO))] = sorted(found)
    assert offenders == {}, "use course_utils.models.model_for(role) instead"
