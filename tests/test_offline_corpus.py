"""The offline model's pre-training corpus: format, answers, shares, variety and no leakage."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest

from course_utils.datasets import (ACME_DB, ACME_DIR, DATA_DIR, KB_DOCS_DIR, load_capstone, load_kb_docs,
                                   load_kb_qa, load_practice_questions, practice_db, practice_splits,
                                   read_jsonl)
from course_utils.offline.corpus.build import NO_CONTEXT, NOT_IN_PASSAGES, build_corpus, write_corpus
from course_utils.offline.corpus.facts import load_entities
from course_utils.offline.reading.prompt_reader import split_sentences
from course_utils.offline_assets import use_packaged_assets
from course_utils.sql import run_sql, table_names

# Answers are split into sentences as the model's reader splits passages (NLTK's punkt, packaged):
# the corpus avoids full stops inside sentences ("Dr Kaur", not "Dr. Kaur"), so a quoted sentence is one piece.
use_packaged_assets()

ROLES = {"system", "user", "assistant"}
SHINGLE = 8  # words: a shared run this long is copied text, not coincidence


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(seed=0)


def _prompt(row: dict) -> str:
    """Everything the model reads before its answer."""
    return "\n\n".join(m["content"] for m in row["messages"][:-1])


def _answer(row: dict) -> str:
    return row["messages"][-1]["content"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _digest(corpus: dict) -> str:
    return hashlib.sha256(json.dumps(corpus, sort_keys=True).encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------------------
# Determinism and format


def test_sizes(corpus):
    assert len(corpus["qa"]) == 6000
    assert len(corpus["classify"]) == 4000


def test_same_seed_same_corpus_and_other_seed_differs(corpus):
    assert _digest(build_corpus(seed=0)) == _digest(corpus)
    assert _digest(build_corpus(seed=1, n_qa=200, n_classify=200)) != _digest(
        build_corpus(seed=0, n_qa=200, n_classify=200))


def test_same_corpus_in_a_fresh_process_with_another_hash_seed():
    """No iteration over sets or hash order: another PYTHONHASHSEED gives the same corpus."""
    code = ("import hashlib, json; from course_utils.offline.corpus.build import build_corpus; "
            "print(hashlib.sha256(json.dumps(build_corpus(seed=3, n_qa=300, n_classify=300), "
            "sort_keys=True).encode('utf-8')).hexdigest())")
    here = _digest(build_corpus(seed=3, n_qa=300, n_classify=300))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=DATA_DIR.parent, check=True)
    assert result.stdout.strip() == here


def test_rows_are_valid_fine_tuning_examples(corpus):
    for kind, rows in corpus.items():
        for row in rows:
            assert list(row) == ["messages"], row
            messages = row["messages"]
            assert len(messages) >= 2
            assert messages[-1]["role"] == "assistant"
            assert all(set(m) == {"role", "content"} for m in messages)
            assert all(m["role"] in ROLES for m in messages)
            assert all(isinstance(m["content"], str) and m["content"].strip() for m in messages)
            assert all(m["role"] != "system" for m in messages[1:]), "system only comes first"
            turns = [m["role"] for m in messages if m["role"] != "system"]
            assert turns[0] == "user"
            assert all(a != b for a, b in zip(turns, turns[1:])), "user and assistant alternate"


def test_prompts_stay_short(corpus):
    for rows in corpus.values():
        longest = max(len(_prompt(row).split()) for row in rows)
        assert longest <= 360


# ----------------------------------------------------------------------------------------
# Document QA


def _is_whole_sentence_of(sentence: str, prompt: str) -> bool:
    """The sentence (or table row) is in the prompt whole: it starts where a sentence, line, passage
    marker ("[2] "), tag or JSON string starts, and ends before a space, a tag, a quote or the end."""
    start = r'(?:^|(?<=\n)|(?<=\\n)|(?<=[.!?] )|(?<=\] )|(?<=>)|(?<="))'
    return re.search(start + re.escape(sentence) + r'(?=$|\s|<|"|\\n)', prompt) is not None


def test_qa_answers_are_quoted_sentences_or_fixed_phrases(corpus):
    for row in corpus["qa"]:
        assert len(row["messages"]) <= 3  # no few-shot turns in QA
        answer, prompt = _answer(row), _prompt(row)
        if answer in (NOT_IN_PASSAGES, NO_CONTEXT):
            continue
        quoted = split_sentences(answer)
        assert 1 <= len(quoted) <= 2, answer
        assert " ".join(quoted) == answer  # two sentences joined by one space
        for sentence in quoted:
            assert _is_whole_sentence_of(sentence, prompt), (sentence, prompt)
        if len(quoted) == 2:
            assert quoted[0] != quoted[1]
            assert prompt.index(quoted[0]) < prompt.index(quoted[1]), "in the order the prompt shows them"


def test_qa_shares_match_targets(corpus):
    rows = corpus["qa"]
    answers = [_answer(row) for row in rows]
    shares = {
        "abstain": sum(a == NOT_IN_PASSAGES for a in answers) / len(rows),
        "no_context": sum(a == NO_CONTEXT for a in answers) / len(rows),
        "two_sentences": sum(a not in (NOT_IN_PASSAGES, NO_CONTEXT) and len(split_sentences(a)) == 2
                             for a in answers) / len(rows),
    }
    targets = {"abstain": 0.25, "no_context": 0.10, "two_sentences": 0.10}
    for name, target in targets.items():
        assert abs(shares[name] - target) <= 0.05, (name, shares[name])


def test_no_context_prompts_have_no_passages(corpus):
    for row in corpus["qa"]:
        if _answer(row) == NO_CONTEXT:
            prompt = _prompt(row)
            assert len(prompt.split()) < 60
            assert not any(marker in prompt for marker in ("Context:\n", "<context>", "[1]", "<document"))


def test_abstentions_do_not_contain_the_answer(corpus):
    """An abstaining example never carries a sentence that some answerable example quotes for the same question."""
    quoted_for = {}
    for row in corpus["qa"]:
        question = row["messages"][-2]["content"]
        if _answer(row) not in (NOT_IN_PASSAGES, NO_CONTEXT):
            quoted_for.setdefault(question, set()).add(_answer(row))
    for row in corpus["qa"]:
        if _answer(row) == NOT_IN_PASSAGES:
            for answer in quoted_for.get(row["messages"][-2]["content"], ()):
                assert answer not in _prompt(row)


QA_MARKERS = {
    "context_question": "Context:\n", "markdown": "## Question", "xml_context": "<context>",
    "xml_documents": "<document id=", "numbered": "[1] ", "labelled_list": "Here is some information:",
    "sources": "Sources:", "llama_index": "Context information is below.", "triple_quotes": '"""',
    "bold_sources": "**Source 1**", "json": '"text": ', "question_first": "Question: ",
}


def test_qa_prompt_layouts_vary(corpus):
    prompts = [_prompt(row) for row in corpus["qa"]]
    used = {name: sum(marker in p for p in prompts) for name, marker in QA_MARKERS.items()}
    assert sum(count >= 0.01 * len(prompts) for count in used.values()) >= 10, used
    with_system = sum(row["messages"][0]["role"] == "system" for row in corpus["qa"])
    assert 0.3 < with_system / len(prompts) < 0.95
    context_in_system = sum(row["messages"][0]["role"] == "system" and "\n\n" in row["messages"][0]["content"]
                            and len(row["messages"][1]["content"].split()) < 30 for row in corpus["qa"])
    assert context_in_system > 100
    questions = {row["messages"][-2]["content"].split("\n")[-1] for row in corpus["qa"]}
    assert len(questions) > 3000
    table_rows = sum(_answer(row).startswith("| ") for row in corpus["qa"])
    assert 0.04 < table_rows / len(prompts) < 0.2, "some answers are rows of markdown tables"


# ----------------------------------------------------------------------------------------
# Classification


def test_classification_answer_is_a_label_of_its_prompt(corpus):
    for row in corpus["classify"]:
        answer = _answer(row)
        assert "\n" not in answer and len(answer) < 40
        # the label list is in the first message that is not an example turn
        prompt = _prompt(row)
        assert re.search(rf"(?<![\w-]){re.escape(answer)}(?![\w-])", prompt), (answer, prompt)


def test_classification_layouts_vary(corpus):
    prompts = [_prompt(row) for row in corpus["classify"]]
    markers = {"comma": "Labels: ", "categories": "Categories:", "bullets": "\n- ", "table": "| Label |",
               "json": '["', "json_object": '": "', "choose": "Choose one of", "xml": "<labels>",
               "numbered": "\n1. ", "examples": "Examples:", "arrow": " -> ", "classes": "Classes:"}
    used = {name: sum(marker in p for p in prompts) for name, marker in markers.items()}
    assert all(count >= 20 for count in used.values()), used
    chat_shots = sum(len(row["messages"]) > 3 for row in corpus["classify"])
    assert chat_shots > 100
    answers = [_answer(row) for row in corpus["classify"]]
    assert sum(a.isupper() and len(a) <= 10 for a in answers) > 400, "some labels are codes"
    assert len(set(answers)) > 80


# ----------------------------------------------------------------------------------------
# Leakage: nothing the course evaluates on may be in the corpus


def _corpus_texts(corpus) -> list[str]:
    unique = {m["content"] for rows in corpus.values() for row in rows for m in row["messages"]}
    return sorted(unique)


def _joined(texts: list[str]) -> str:
    """All texts as lower-case words, one space apart, texts separated by ' | ' (for phrase search)."""
    return " " + " | ".join(" ".join(_words(t)) for t in texts) + " "


def _contains_phrase(joined: str, phrase: str) -> bool:
    return f" {' '.join(_words(phrase))} " in joined


def _shingles(words: list[str], n: int = SHINGLE) -> set[str]:
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def _acme_questions(split: str) -> list[dict]:
    path = ACME_DIR / f"{split}.jsonl"
    return read_jsonl(path) if path.exists() else []


def _evaluation_questions() -> list[str]:
    questions = [q["question"] for q in load_kb_qa()]
    questions += [q["question"] for split in ("train", "test", "test_new") for q in _acme_questions(split)]
    questions += [q["question"] for db_id in practice_splits()["held_out"] for q in load_practice_questions(db_id)]
    questions += [q["question"] for split in ("dev", "held_out") for q in load_capstone(split)]
    return questions


def _evaluation_texts() -> list[str]:
    """Texts of everything held out: the KB and its QA set, tickets, Acme's questions and data
    dictionary, the held-out practice databases' questions."""
    docs = load_kb_docs()
    texts = [doc["body"] for doc in docs] + [str(doc.get("title", "")) for doc in docs]
    for item in load_kb_qa():
        texts += [item["answer"] or ""] + list(item["evidence"])
    texts.append((ACME_DIR / "dictionary.md").read_text(encoding="utf-8"))
    tickets = DATA_DIR / "tickets"
    if tickets.exists():
        for path in sorted(tickets.glob("*.jsonl")):
            for row in read_jsonl(path):
                texts += [value for value in row.values() if isinstance(value, str)]
    return texts + _evaluation_questions()


@pytest.fixture(scope="module")
def evaluation_shingles() -> set[str]:
    held = set()
    for text in _evaluation_texts():
        held |= _shingles(_words(text))
    return held


def _text_values(db_path) -> set[str]:
    values = set()
    for table in table_names(db_path):
        for row in run_sql(db_path, f'SELECT * FROM "{table}"'):
            values |= {v for v in row if isinstance(v, str)}
    return values


@pytest.fixture(scope="module")
def held_out_phrases() -> list[str]:
    """What only the held-out databases say: their ids, new table names, and multi-word values no
    train database has (names from a shared pool, like "Tom Patel" who is also "Dr. Tom Patel" in
    the hospital database, are not the held-out databases' own)."""
    splits = practice_splits()
    train_values, train_tables = set(), set()
    for db_id in splits["train"]:
        train_values |= _text_values(practice_db(db_id))
        train_tables |= set(table_names(practice_db(db_id)))
    train_joined = _joined(sorted(train_values))
    phrases = []
    for db_id in splits["held_out"]:
        phrases.append(db_id.replace("_", " "))
        phrases += [t.replace("_", " ") for t in table_names(practice_db(db_id))
                    if t not in train_tables and "_" in t]
        phrases += sorted(v for v in _text_values(practice_db(db_id))
                          if " " in v.strip() and not v[:1].isdigit() and not _contains_phrase(train_joined, v))
    return phrases


def find_copied_runs(texts: list[str], evaluation_shingles: set[str]) -> list[str]:
    """8-word runs that a corpus text shares with an evaluation text."""
    found = []
    for text in texts:
        overlap = _shingles(_words(text)) & evaluation_shingles
        if overlap:
            found.append(sorted(overlap)[0])
    return found


def find_evaluation_questions(texts: list[str]) -> list[str]:
    """Evaluation questions (5 words or more) that appear whole in the corpus."""
    joined = _joined(texts)
    return [q for q in _evaluation_questions() if len(_words(q)) >= 5 and _contains_phrase(joined, q)]


def find_held_out_phrases(texts: list[str], phrases: list[str]) -> list[str]:
    joined = _joined(texts)
    return [p for p in phrases if _contains_phrase(joined, p)]


def find_acme_names(texts: list[str]) -> list[str]:
    """The word Acme, Acme's table names (cust_mstr, ord_hdr...) and its product names."""
    words = set()
    for text in texts:
        words.update(re.findall(r"[a-z_]+", text.lower()))
    found = sorted(({"acme"} | set(table_names(ACME_DB))) & words)
    joined = _joined(texts)
    products = [name for (name,) in run_sql(ACME_DB, "SELECT prd_nm FROM prd_mstr")]
    return found + [p for p in products if _contains_phrase(joined, p)]


def test_no_long_run_of_evaluation_text_appears(corpus, evaluation_shingles):
    assert not find_copied_runs(_corpus_texts(corpus), evaluation_shingles)


def test_no_evaluation_question_appears(corpus):
    assert not find_evaluation_questions(_corpus_texts(corpus))


def test_no_held_out_database_content_appears(corpus, held_out_phrases):
    assert len(held_out_phrases) > 50
    assert not find_held_out_phrases(_corpus_texts(corpus), held_out_phrases)


def test_no_acme_names_appear(corpus):
    assert not find_acme_names(_corpus_texts(corpus))


def test_the_leak_checks_catch_planted_leaks(evaluation_shingles, held_out_phrases):
    """Each check finds a leak planted in a clean text (so a passing check means something)."""
    clean = ["Seaview Lodge has 3 stars."]
    evidence = next(e for item in load_kb_qa() for e in item["evidence"] if len(_words(e)) >= SHINGLE)
    assert find_copied_runs(clean + [f"Context: {evidence}"], evaluation_shingles)
    question = next(q for q in _evaluation_questions() if len(_words(q)) >= 5)
    assert find_evaluation_questions(clean + [f"Question: {question.lower()}"])
    assert find_held_out_phrases(clean + [f"About {held_out_phrases[-1]}."], held_out_phrases)
    assert find_acme_names(clean + ["SELECT * FROM cust_mstr"])


def test_entities_come_only_from_train_databases():
    splits = practice_splits()
    domains = {entity.domain for entity in load_entities()}
    assert domains == set(splits["train"]) - set(splits["held_out"])
    names = [entity.name.lower() for entity in load_entities()]
    assert len(names) == len(set(names)), "entity names are unique, so questions have one answer"


def test_kb_docs_exist_for_the_leakage_check():
    assert any(KB_DOCS_DIR.glob("*.md")), "the leakage tests compare against the knowledge base"


# ----------------------------------------------------------------------------------------


def test_write_corpus_writes_utf8_jsonl(tmp_path):
    paths = write_corpus(tmp_path, seed=0, n_qa=50, n_classify=40)
    assert set(paths) == {"qa", "classify"}
    small = build_corpus(seed=0, n_qa=50, n_classify=40)
    for name, path in paths.items():
        raw = path.read_bytes()
        assert b"\r\n" not in raw
        rows = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
        assert rows == small[name]
