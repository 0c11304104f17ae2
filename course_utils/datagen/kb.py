"""Acme's knowledge base: the Markdown documents and the QA set of the document-QA case study.

`generate(data_dir)` writes
- `kb/docs/<id>.md`: policies, product guides, FAQs, release notes and staff how-tos, each with
  YAML front matter (id, title, domain, effective_date, version, and supersedes for a policy
  that replaces an older version, which stays in the folder, as it would in a real company);
- `kb/qa.jsonl`: questions with a short gold answer, the supporting document ids and the
  supporting passages, copied verbatim from those documents; some questions need two
  documents, some are answered correctly only by the newest version of a policy, and some
  cannot be answered from the knowledge base at all (gold answer null).

The texts are written by hand in the kb_* modules. A question names its evidence by a short
phrase ("within 45 days of delivery"); the gold passage is the sentence of the document that
contains that phrase, so evidence is always verbatim. Everything is deterministic: two runs
write byte-identical files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from course_utils.datagen.common import rng, write_jsonl, write_text
from course_utils.datagen.kb_facts import DOMAINS, Doc
from course_utils.datagen.kb_faqs import FAQS
from course_utils.datagen.kb_howtos import HOWTOS
from course_utils.datagen.kb_policies import POLICIES
from course_utils.datagen.kb_products import PRODUCT_GUIDES
from course_utils.datagen.kb_qa import QUESTIONS, Question
from course_utils.datagen.kb_release_notes import RELEASE_NOTES

QA_KEYS = ("id", "question", "answer", "doc_ids", "evidence", "tags")


def all_docs() -> list[Doc]:
    """Every document of the knowledge base, policies first."""
    return [*POLICIES, *PRODUCT_GUIDES, *FAQS, *RELEASE_NOTES, *HOWTOS]


# --- Writing documents --------------------------------------------------------------------

BLOCK_START = re.compile(r"^(#|\||- |\* |\d+\. |>)")


def unwrap(markdown: str) -> str:
    """Join the wrapped lines of each paragraph or list item into one line.

    The sources wrap text at 100 characters for readability; in the written file every
    paragraph, list item and table row is a single line, so a passage never contains a
    line break in the middle of a sentence. Markdown renders both the same way.
    """
    lines: list[str] = []
    for line in markdown.splitlines():
        previous = lines[-1] if lines else ""
        indented = line.startswith(" ")  # the continuation of a list item
        continues = (
            line.strip()
            and previous.strip()
            and not previous.startswith(("#", "|"))
            and (indented or not BLOCK_START.match(line))
        )
        if continues:
            lines[-1] = previous + " " + line.strip()
        else:
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def front_matter(doc: Doc) -> str:
    """The YAML front matter of a document. Strings are JSON-quoted, which YAML reads as-is."""
    fields = {
        "id": doc.id,
        "title": doc.title,
        "domain": doc.domain,
        "effective_date": doc.effective_date.isoformat(),
        "version": doc.version,
    }
    if doc.supersedes:
        fields["supersedes"] = doc.supersedes
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def document_text(doc: Doc) -> str:
    """The full Markdown file of a document: front matter, a blank line, the body."""
    return front_matter(doc) + "\n" + unwrap(doc.body)


# --- Building the QA set ------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"(€$])")
LIST_MARKER = re.compile(r"^(- |\* |\d+\. )")


def sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of one line of text."""
    spans, start = [], 0
    for boundary in SENTENCE_END.finditer(line):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(line)))
    return spans


def passage(body: str, phrase: str, doc_id: str) -> str:
    """The sentence (or run of sentences) of a document that contains `phrase`.

    The phrase must occur on exactly one line of the body, so a question's evidence is
    never ambiguous. Table rows are returned whole; list markers are left out.
    """
    lines = [line for line in body.splitlines() if phrase in line]
    if len(lines) != 1:
        raise ValueError(f"{doc_id}: {phrase!r} is on {len(lines)} lines, expected exactly 1")
    line = LIST_MARKER.sub("", lines[0])
    if line.startswith("|"):
        return line
    start = line.index(phrase)
    end = start + len(phrase)
    spans = [s for s in sentences(line) if s[0] < end and start < s[1]]
    return line[spans[0][0]:spans[-1][1]].strip()


def normalise(text: str) -> str:
    """Lower case with runs of whitespace made single spaces, for answer matching."""
    return " ".join(text.lower().split())


def auto_tags(q: Question, docs: dict[str, Doc]) -> list[str]:
    """The question's own tags plus those that follow from its sources and answer."""
    tags = []
    if q.answer is None:
        tags.append("unanswerable")
    else:
        tags.append("multi_doc" if len(q.sources) > 1 else "single_doc")
        if any(ch.isdigit() for ch in q.answer):
            tags.append("numeric")
    tags += q.tags.split()
    tags += [docs[doc_id].domain for doc_id, _ in q.sources]
    return list(dict.fromkeys(tags))  # drop repeats, keep order


def qa_row(number: int, q: Question, docs: dict[str, Doc], bodies: dict[str, str]) -> dict:
    """One line of qa.jsonl, with evidence cut from the written documents."""
    evidence = [passage(bodies[doc_id], phrase, doc_id) for doc_id, phrase in q.sources]
    if q.answer is not None and "derived" not in q.tags.split():
        if normalise(q.answer) not in normalise(" ".join(evidence)):
            raise ValueError(f"answer {q.answer!r} not in the evidence of {q.question!r}")
    row = {
        "id": f"kb-{number:03d}",
        "question": q.question,
        "answer": q.answer,
        "doc_ids": [doc_id for doc_id, _ in q.sources],
        "evidence": evidence,
        "tags": auto_tags(q, docs),
    }
    return {key: row[key] for key in QA_KEYS}


def build_qa(docs: list[Doc]) -> list[dict]:
    """Every question as a row of qa.jsonl, in a seeded shuffled order, numbered kb-001 on."""
    by_id = {d.id: d for d in docs}
    bodies = {d.id: unwrap(d.body) for d in docs}
    questions = list(QUESTIONS)
    rng("acme-kb-qa").shuffle(questions)
    return [qa_row(i, q, by_id, bodies) for i, q in enumerate(questions, start=1)]


# --- Checks and output --------------------------------------------------------------------


def check_docs(docs: list[Doc]) -> None:
    """Fail early on duplicate ids, unknown domains or a broken supersedes chain."""
    by_id = {}
    for d in docs:
        if d.id in by_id:
            raise ValueError(f"duplicate document id {d.id}")
        if d.domain not in DOMAINS:
            raise ValueError(f"{d.id}: unknown domain {d.domain!r}")
        by_id[d.id] = d
    for d in docs:
        if d.supersedes:
            old = by_id[d.supersedes]
            if not (old.version < d.version and old.effective_date < d.effective_date):
                raise ValueError(f"{d.id} must be newer than {old.id}, which it supersedes")


def generate(data_dir: Path) -> None:
    """Write the knowledge base under data_dir/kb: docs/*.md and qa.jsonl."""
    docs = all_docs()
    check_docs(docs)
    docs_dir = Path(data_dir) / "kb" / "docs"
    for stale in sorted(docs_dir.glob("*.md")):
        stale.unlink()  # a document removed from the sources must not linger
    for doc in docs:
        write_text(docs_dir / f"{doc.id}.md", document_text(doc))
    write_jsonl(Path(data_dir) / "kb" / "qa.jsonl", build_qa(docs))


if __name__ == "__main__":
    generate(Path(__file__).resolve().parents[2] / "data")
