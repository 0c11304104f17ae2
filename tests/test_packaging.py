"""One list of dependencies: environment.yml (conda, Binder) must agree with pyproject.toml."""

import re
import subprocess
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def pyproject_requirements() -> set[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return set(tomllib.load(f)["project"]["dependencies"])


def environment_yml() -> dict:
    with open(ROOT / "environment.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def conda_pip_requirements() -> set[str]:
    deps = environment_yml()["dependencies"]
    pip_lists = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert len(pip_lists) == 1, "environment.yml needs exactly one pip: section"
    return {line for line in pip_lists[0] if not line.startswith("-")}


def test_environment_yml_lists_the_same_pinned_packages():
    assert conda_pip_requirements() == pyproject_requirements()


def test_every_dependency_is_pinned():
    for requirement in pyproject_requirements():
        # a pin, and where a wheel exists only for some platforms, an environment marker after ";"
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.+\-]*(; [^;]+)?", requirement), requirement


def test_python_version_agrees():
    deps = environment_yml()["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    major_minor = python.split("=")[1]
    with open(ROOT / "pyproject.toml", "rb") as f:
        requires = tomllib.load(f)["project"]["requires-python"]
    low, high = re.findall(r"3\.(\d+)", requires)
    assert int(low) <= int(major_minor.split(".")[1]) < int(high)


def test_torch_comes_from_the_cpu_index_everywhere():
    """Neither setup path may pull PyPI's multi-GB CUDA build of torch on a CPU machine."""
    cpu_index = "https://download.pytorch.org/whl/cpu"
    pip_section = next(d["pip"] for d in environment_yml()["dependencies"] if isinstance(d, dict))
    assert f"--extra-index-url {cpu_index}" in pip_section
    assert cpu_index in (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert cpu_index in readme
    torch_pin = next(r for r in pyproject_requirements() if r.startswith("torch=="))
    assert f"pip install {torch_pin} --index-url {cpu_index}" in readme, "README's torch pin is stale"


def test_lab_serves_the_repository_root_and_opens_the_welcome_notebook():
    """Learners must reach solutions/, data/ and course_utils/ from JupyterLab's file browser."""
    recipe = subprocess.run(["make", "-n", "-W", "pyproject.toml", "lab"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", check=True).stdout
    lab_line = next(line for line in recipe.splitlines() if "jupyter lab" in line)
    assert f'--ServerApp.root_dir="{ROOT}"' in lab_line and "notebooks/00_welcome.ipynb" in lab_line


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci


def test_binder_link_opens_an_existing_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"mybinder\.org/v2/gh/[^)\s]+\?urlpath=lab/tree/([^)\s]+)", readme)
    assert match, "README needs a Binder link that opens a notebook in JupyterLab"
    assert (ROOT / match.group(1)).is_file()
    assert (ROOT / "postBuild").is_file()


def test_no_deps_packages_install_the_same_way_in_every_setup_path():
    with open(ROOT / "pyproject.toml", "rb") as f:
        pins = tomllib.load(f)["tool"]["course"]["no_deps"]
    recipe = subprocess.run(["make", "-n", "-W", "pyproject.toml", "setup"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", check=True).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    for pin in pins:
        assert re.search(rf"pip install --no-deps .*{re.escape(pin)}", recipe), recipe
        assert f"pip install --no-deps {pin}" in post_build
        assert readme.count(f"pip install --no-deps {pin}") == 2  # plain pip and conda
        assert pin.split("==")[0] not in {r.split("==")[0] for r in pyproject_requirements()}
