"""Loading the course data: clear errors for bad input, the data contract's paths exist."""

import pytest

from course_utils import datasets
from course_utils.datasets import DataFormatError, read_jsonl, split_front_matter


def test_read_jsonl_reports_every_bad_line_with_its_number(tmp_path):
    path = tmp_path / "questions.jsonl"
    path.write_text('{"id": 1}\n{"id": 2,}\n\n[1, 2]\n{"id": 3}\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as error:
        read_jsonl(path)
    message = str(error.value)
    assert "2 malformed line(s)" in message
    assert "line 2: not valid JSON" in message
    assert "line 4: expected a JSON object, got list" in message


def test_read_jsonl_keeps_unicode(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"q": "Qu\u2019est-ce que le r\u00e9seau ?"}\n', encoding="utf-8")
    assert read_jsonl(path) == [{"q": "Qu\u2019est-ce que le r\u00e9seau ?"}]


def test_missing_file_says_how_to_rebuild(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m course_utils.datagen"):
        read_jsonl(tmp_path / "nope.jsonl")


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="'train'.*'test'.*'test_new'"):
        datasets.load_acme_questions("dev")


def test_front_matter_is_split_from_body():
    meta, body = split_front_matter("---\nid: POL-1\nversion: 2\n---\n# Title\nText\n")
    assert meta == {"id": "POL-1", "version": 2}
    assert body == "# Title\nText\n"


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(DataFormatError, match="no closing"):
        split_front_matter("---\nid: POL-1\n# Title\n")


@pytest.mark.parametrize("path", [
    datasets.ACME_DB, datasets.ACME_DICTIONARY, datasets.ACME_DIR / "train.jsonl",
    datasets.ACME_DIR / "test.jsonl", datasets.PRACTICE_DIR / "splits.json", datasets.KB_QA,
    datasets.TICKET_LABELS, datasets.TICKETS_DIR / "train.jsonl", datasets.TICKETS_DIR / "test.jsonl",
])
def test_data_contract_paths_exist(path):
    assert path.is_file(), path


def test_loaders_return_the_committed_data():
    assert datasets.load_acme_questions("test")
    splits = datasets.practice_splits()
    first = splits["train"][0]
    assert datasets.practice_db(first).is_file()
    assert datasets.load_practice_questions(first)
    docs = datasets.load_kb_docs()
    assert docs and all({"id", "title", "body"} <= doc.keys() for doc in docs)
    assert datasets.load_kb_qa()
    assert {t["label"] for t in datasets.load_tickets("test")} == {t["label"] for t in datasets.load_tickets("train")}
