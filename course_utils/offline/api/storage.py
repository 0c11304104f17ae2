"""How the offline service keeps its state on disk: ids, timestamps, atomic JSON, logs.

Everything the service must remember across a restart (uploaded files, fine-tuning jobs,
their events and checkpoints) is a small JSON file. Two rules keep it safe:

- a JSON record is written to a temporary file in the same folder, flushed to disk, then
  renamed over the old one: `os.replace` is atomic, so a reader (or a process that died
  half-way) sees either the old record or the new one, never half of each;
- logs that only grow (a job's events) are JSON Lines appended one line at a time; a line
  cut short by a crash is skipped when the log is read back.
"""

from __future__ import annotations

import copy
import json
import secrets
import string
import time
from pathlib import Path
from typing import Iterator

from course_utils.atomic import write_atomically

ENCODING = "utf-8"
_ID_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str, length: int = 24) -> str:
    """A random id in OpenAI's style, e.g. new_id("file") -> "file-8kX2..."."""
    return prefix + "-" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def now() -> int:
    """Unix time in whole seconds, as every `created_at` in the API."""
    return int(time.time())


def creation_order() -> int:
    """A number that grows with every call, to sort records created in the same second."""
    return time.time_ns()


def public(record: dict) -> dict:
    """A copy of a record without its private bookkeeping fields (those starting with "_").

    A deep copy: the caller may serialise it while another thread updates the record.
    """
    return copy.deepcopy({key: value for key, value in record.items() if not key.startswith("_")})


def write_json(path: Path, record: dict | list) -> None:
    """Write `record` to `path` atomically (temporary file, fsync, rename)."""
    write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1).encode(ENCODING))


def read_json(path: Path):
    return json.loads(path.read_text(encoding=ENCODING))


def write_bytes(path: Path, data: bytes) -> None:
    """Write raw bytes atomically, like `write_json`."""
    write_atomically(path, data)


def append_json_line(path: Path, record: dict) -> None:
    """Add one record to a JSON Lines log (the caller holds the log's lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding=ENCODING) as log:
        log.write(json.dumps(record, ensure_ascii=False) + "\n")
        log.flush()


def read_json_lines(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines log, oldest first, skipping a line cut short by a crash."""
    if not path.exists():
        return
    with open(path, encoding=ENCODING) as log:
        for line in log:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue
