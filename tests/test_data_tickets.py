"""Acme's support tickets under data/tickets: labels guide, train/test splits, honesty rules.

These tests read the committed files (what learners get) and check what later lessons rely
on: every label documented, a clean split (no test message, nor a close variant of one, in
train), enough hard and hand-written test messages, products and orders that exist at
Acme, and a generator that reproduces the files byte for byte.
"""

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from course_utils.datagen import acme_world as world
from course_utils.datagen.common import read_jsonl
from course_utils.datagen.tickets import (
    KEYS,
    LABELS,
    LONG_MIN_WORDS,
    MAX_SIMILARITY,
    ORDER_IDS,
    SHORT_MAX_WORDS,
    TAG_ORDER,
    generate,
    normalise,
    similarity,
    split_fragments,
    trigrams,
)
from course_utils.datagen.tickets_fragments import FRAGMENTS

DATA = Path(__file__).resolve().parents[1] / "data" / "tickets"
FILES = ("labels.md", "train.jsonl", "test.jsonl")
SKU = re.compile(r"\b[A-Z]{3}-\d{3}\b", re.IGNORECASE)
NAMED_SKU = re.compile(r"([A-Z][\w ()-]*?) \(([A-Z]{3}-\d{3})\)")
ORDER_NUMBER = re.compile(r"\b5\d{5}\b")
PRODUCTS = {p.sku: p.name for p in world.PRODUCTS}


@lru_cache(maxsize=None)
def split(name: str) -> list[dict]:
    return read_jsonl(DATA / f"{name}.jsonl")


def both() -> list[dict]:
    return split("train") + split("test")


def share(rows: list[dict], tag: str) -> float:
    return sum(tag in r["tags"] for r in rows) / len(rows)


@lru_cache(maxsize=1)
def label_sections() -> dict[str, str]:
    """Label code -> its section of labels.md."""
    text = (DATA / "labels.md").read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part[:4]: part for part in parts}


# --- Size and shape -------------------------------------------------------------------------


def test_counts_per_label_and_split():
    train, test = split("train"), split("test")
    assert len(train) + len(test) >= 400
    assert set(LABELS) == set(world.TICKET_CATEGORIES) and len(LABELS) == 8
    for rows in (train, test):
        assert set(Counter(r["label"] for r in rows)) == set(LABELS)
    assert min(Counter(r["label"] for r in test).values()) >= 30


def test_rows_have_the_keys_in_order_and_the_right_types():
    for name in ("train", "test"):
        for number, row in enumerate(split(name), start=1):
            assert list(row) == list(KEYS), row
            assert row["id"] == f"tkt-{name}-{number:04d}"
            assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
            assert "{" not in row["text"] and "}" not in row["text"], "an unfilled slot"
            assert row["label"] in LABELS
            assert isinstance(row["tags"], list) and all(isinstance(t, str) for t in row["tags"])


def test_ids_are_unique():
    ids = [r["id"] for r in both()]
    assert len(ids) == len(set(ids))


# --- The routing guide ----------------------------------------------------------------------


def test_every_label_has_a_full_section_in_labels_md():
    sections = label_sections()
    assert list(sections) == list(world.TICKET_CATEGORIES)
    for code, section in sections.items():
        assert section.startswith(f"{code}: {world.TICKET_CATEGORIES[code]}\n")
        assert "**Belongs here:**" in section and "**Does not belong here:**" in section
        examples = [line for line in section.splitlines() if line.startswith("> ")]
        assert len(examples) == 2, f"{code}: two examples"
        not_here = section.split("**Does not belong here:**")[1].split("**Examples:**")[0]
        targets = re.findall(r"→ ([A-Z]{4})", not_here)
        assert targets and all(t in LABELS and t != code for t in targets), code


def test_labels_in_data_are_sections_of_labels_md():
    assert {r["label"] for r in both()} <= set(label_sections())


def test_labels_md_examples_are_not_data():
    examples = {normalise(line[2:]) for s in label_sections().values() for line in s.splitlines()
                if line.startswith("> ")}
    assert not examples & {normalise(r["text"]) for r in both()}


# --- A clean split ----------------------------------------------------------------------------


def test_no_test_text_in_train():
    train = {normalise(r["text"]) for r in split("train")}
    assert not [r["id"] for r in split("test") if normalise(r["text"]) in train]
    assert len({normalise(r["text"]) for r in split("test")}) == len(split("test"))


def test_no_test_message_is_a_close_variant_of_a_train_message():
    train = [trigrams(r["text"]) for r in split("train")]
    for row in split("test"):
        grams = trigrams(row["text"])
        closest = max(similarity(grams, other) for other in train)
        assert closest < MAX_SIMILARITY, row["id"]


def test_fragments_are_split_between_train_and_test():
    for label, fragments in FRAGMENTS.items():
        train = split_fragments(label, fragments, "train")
        test = split_fragments(label, fragments, "test")
        for kind in ("requests", "boundary", "short", "details", "asides"):
            assert not set(getattr(train, kind)) & set(getattr(test, kind)), (label, kind)
            assert getattr(test, kind), f"{label} {kind}: test needs phrasings of its own"


# --- Tags -------------------------------------------------------------------------------------


def test_tags_are_known_ordered_and_say_how_a_message_was_made():
    for row in both():
        assert set(row["tags"]) <= set(TAG_ORDER), row["id"]
        assert row["tags"] == sorted(set(row["tags"]), key=TAG_ORDER.index), row["id"]
        assert ("handwritten" in row["tags"]) != ("template" in row["tags"]), row["id"]


def test_short_and_long_tags_follow_the_word_count():
    for row in both():
        words = len(row["text"].split())
        assert ("short" in row["tags"]) == (words <= SHORT_MAX_WORDS), row["id"]
        assert ("long" in row["tags"]) == (words >= LONG_MIN_WORDS), row["id"]


def test_test_set_is_hand_written_and_hard_enough():
    test = split("test")
    assert share(test, "handwritten") >= 0.20
    assert 0.20 <= share(test, "hard") <= 0.40
    for label in LABELS:
        rows = [r for r in test if r["label"] == label]
        assert sum("hard" in r["tags"] for r in rows) >= 3, label
        assert sum("handwritten" in r["tags"] for r in rows) >= 3, label


KINDS = ["typo", "mixed_topic", "short", "long", "angry", "non_native", "hard"]


@pytest.mark.parametrize("tag", KINDS)
def test_every_kind_of_message_is_in_both_splits(tag):
    assert share(split("train"), tag) >= 0.05
    assert share(split("test"), tag) >= 0.05


# --- Agreement with Acme's world ---------------------------------------------------------------


def test_skus_exist_and_match_the_names_next_to_them():
    for row in both():
        for sku in SKU.findall(row["text"]):
            assert sku.upper() in PRODUCTS, (row["id"], sku)
        # "Drift Rain Pants (APP-110)" or "my Drift pants (APP-110)": the product line matches
        for name, sku in NAMED_SKU.findall(row["text"]):
            product_line = PRODUCTS[sku].split()[0]
            assert product_line.lower() in name.lower().split(), (row["id"], name, sku)


def test_products_are_named_in_many_messages():
    names = [p.name.lower() for p in world.PRODUCTS]
    mentioned = Counter(n for r in both() for n in names if n in r["text"].lower())
    assert len(mentioned) >= 25, "most of the catalogue should appear"


def test_order_numbers_are_real_acme_orders():
    for row in both():
        for number in ORDER_NUMBER.findall(row["text"]):
            assert int(number) in ORDER_IDS, (row["id"], number)


def test_order_ids_agree_with_the_acme_database():
    import sqlite3

    db = DATA.parent / "acme" / "acme.sqlite"
    if not db.exists():
        pytest.skip("data/acme/acme.sqlite not generated")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        low, high = con.execute("SELECT MIN(ord_id), MAX(ord_id) FROM ord_hdr").fetchone()
    finally:
        con.close()
    assert (ORDER_IDS.start, ORDER_IDS.stop - 1) == (low, high)


# --- Reproducibility ---------------------------------------------------------------------------


def test_regenerating_reproduces_the_committed_files(tmp_path):
    generate(tmp_path)
    for name in FILES:
        assert (tmp_path / "tickets" / name).read_bytes() == (DATA / name).read_bytes(), name
