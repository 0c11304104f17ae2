"""Settings for the whole test run, notebooks included (nbval kernels inherit the environment).

Nothing a test makes may survive it: the offline server keeps uploads, jobs and fine-tuned
models in a temporary folder for the run (COURSE_OFFLINE_STATE_DIR), not in the repository's
`.cache/offline`, where they would appear in every learner's list of models.
"""

import os
import shutil
import tempfile

from course_utils.offline.server import STATE_DIR_VAR

_state_dir = None


def pytest_configure(config):
    global _state_dir
    _state_dir = tempfile.mkdtemp(prefix="course-tests-offline-")
    os.environ[STATE_DIR_VAR] = _state_dir


def pytest_unconfigure(config):
    os.environ.pop(STATE_DIR_VAR, None)
    if _state_dir:
        shutil.rmtree(_state_dir, ignore_errors=True)
