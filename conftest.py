"""Settings for the whole test run, notebooks included.

- Nothing a test makes may survive it: the offline server keeps uploads, jobs and fine-tuned
  models in a temporary folder for the run (COURSE_OFFLINE_STATE_DIR), not in the repository's
  `.cache/offline`, where they would appear in every learner's list of models.
- A notebook's kernel starts with the environment a learner's would have: the one this run
  began with, not one that test modules have changed since (some set NLTK_DATA, for example), so
  a notebook cannot pass only because of what another test did first.
"""

import os
import shutil
import tempfile

import pytest

from course_utils.offline.server import STATE_DIR_VAR

_state_dir = None
_environment_at_start: dict[str, str] = {}


def pytest_configure(config):
    global _state_dir
    _state_dir = tempfile.mkdtemp(prefix="course-tests-offline-")
    os.environ[STATE_DIR_VAR] = _state_dir
    _environment_at_start.update(os.environ)


def pytest_unconfigure(config):
    os.environ.pop(STATE_DIR_VAR, None)
    if _state_dir:
        shutil.rmtree(_state_dir, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Start notebook kernels (nbval starts one per notebook, here) in the run's first environment."""
    if not str(item.path).endswith(".ipynb"):
        yield
        return
    current = dict(os.environ)
    os.environ.clear()
    os.environ.update(_environment_at_start)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(current)
