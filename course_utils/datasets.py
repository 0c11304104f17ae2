"""Where the course's data lives, and how to load it.

The paths below are the course's data contract: notebooks, tests and later lessons rely
on them. `python -m course_utils.datagen` rebuilds everything under `data/`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"

ACME_DIR = DATA_DIR / "acme"
ACME_DB = ACME_DIR / "acme.sqlite"
ACME_DICTIONARY = ACME_DIR / "dictionary.md"
PRACTICE_DIR = DATA_DIR / "practice"
KB_DIR = DATA_DIR / "kb"
KB_DOCS_DIR = KB_DIR / "docs"
KB_QA = KB_DIR / "qa.jsonl"
TICKETS_DIR = DATA_DIR / "tickets"
TICKET_LABELS = TICKETS_DIR / "labels.md"
CAPSTONE_DIR = DATA_DIR / "capstone"


class DataFormatError(ValueError):
    """A data file is malformed; the message names the file and line."""


def _require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"Missing course data: {path}. Rebuild it with `python -m course_utils.datagen` "
            "from the repository root (or `make data`)."
        )
    return path


def read_jsonl(path: Path | str) -> list[dict]:
    """Read one JSON object per line; report every malformed line at once, with its number."""
    path = _require(Path(path))
    rows, problems = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"line {number}: not valid JSON ({error.msg} at column {error.colno})")
                continue
            if not isinstance(row, dict):
                problems.append(f"line {number}: expected a JSON object, got {type(row).__name__}")
                continue
            rows.append(row)
    if problems:
        shown = "\n  ".join(problems[:20]) + ("\n  ..." if len(problems) > 20 else "")
        raise DataFormatError(
            f"{path} has {len(problems)} malformed line(s); each line must be one JSON object:\n  {shown}"
        )
    return rows


def load_acme_questions(split: str) -> list[dict]:
    """Acme's text-to-SQL questions: split is 'train', 'test' (familiar intents: most share a
    template with a training question) or 'test_new' (intents training never shows)."""
    if split not in ("train", "test", "test_new"):
        raise ValueError(f"split must be 'train' or 'test' (familiar intents) or 'test_new' (new intents), "
                         f"not {split!r}")
    return read_jsonl(ACME_DIR / f"{split}.jsonl")


def practice_splits() -> dict[str, list[str]]:
    """Which practice databases may be trained on ('train') and which are 'held_out'."""
    with open(_require(PRACTICE_DIR / "splits.json"), encoding="utf-8") as f:
        return json.load(f)


def practice_db(db_id: str) -> Path:
    """Path of one practice database."""
    return _require(PRACTICE_DIR / db_id / f"{db_id}.sqlite")


def load_practice_questions(db_id: str) -> list[dict]:
    """Questions (with gold SQL) for one practice database."""
    return read_jsonl(PRACTICE_DIR / db_id / "questions.jsonl")


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split a Markdown document into its YAML front matter and its body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end == -1:
        raise DataFormatError("front matter starts with '---' but has no closing '---' line")
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def load_kb_docs() -> list[dict]:
    """Every knowledge-base document: its front matter fields plus 'body' and 'path'."""
    docs = []
    for path in sorted(_require(KB_DOCS_DIR).glob("*.md")):
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (DataFormatError, yaml.YAMLError) as error:
            raise DataFormatError(f"{path}: {error}") from None
        docs.append({**meta, "body": body, "path": path})
    return docs


def load_kb_qa() -> list[dict]:
    """The knowledge-base QA set (answer is None where the docs cannot answer)."""
    return read_jsonl(KB_QA)


def load_tickets(split: str) -> list[dict]:
    """Acme support messages with their label: split is 'train' or 'test'."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    return read_jsonl(TICKETS_DIR / f"{split}.jsonl")


def load_ticket_labels(full: bool = False) -> dict[str, str]:
    """Each ticket label's code and description, from data/tickets/labels.md: "Name. First paragraph"
    under its '## CODE: Name' heading, or with full=True the whole section up to its examples
    (what belongs there and what does not), on one line."""
    text = _require(TICKET_LABELS).read_text(encoding="utf-8")
    sections = re.finditer(r"^## (\w+): ([^\n]+)\n\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    labels = {}
    for code, name, body in (match.groups() for match in sections):
        body = body.split("**Examples:**")[0] if full else body.split("\n\n")[0]
        labels[code] = f"{name}. {' '.join(body.split())}"
    return labels


def load_capstone(split: str) -> list[dict]:
    """The capstone's mixed questions (source "kb", "db" or "none"): split is 'dev', which you
    iterate on, or 'held_out', which only the final check reads."""
    if split not in ("dev", "held_out"):
        raise ValueError(f"split must be 'dev' (iterate on it) or 'held_out' (the final check), not {split!r}")
    return read_jsonl(CAPSTONE_DIR / f"{split}.jsonl")
