"""Acme's knowledge base under data/kb: documents, versions, QA set, and agreement with acme_world.

These tests read the committed files (what learners get) and check them against the
generator that wrote them and against acme_world, the single source of Acme's facts.
"""

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from course_utils.datagen import acme_world as world
from course_utils.datagen.common import read_jsonl
from course_utils.datagen.kb import QA_KEYS, generate
from course_utils.datagen.kb_facts import (
    DOMAINS,
    LOYALTY_V1,
    PLUS_V1,
    RETURNS_V1,
    RETURNS_V2,
    SHIPPING_V1,
    SHIPPING_V2,
    long_date,
    usd,
)

KB = Path(__file__).resolve().parents[1] / "data" / "kb"
REQUIRED_FIELDS = {"id": str, "title": str, "domain": str, "effective_date": str, "version": int}
SKU_PATTERN = re.compile(r"\b[A-Z]{3}-\d{3}\b")
PRODUCTS = {p.sku: p for p in world.PRODUCTS}


# --- Reading the committed files -----------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter as a dict, Markdown body) of one document file."""
    assert text.startswith("---\n"), "a document must open with YAML front matter"
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


@lru_cache(maxsize=1)
def documents() -> dict[str, tuple[dict, str]]:
    """File stem -> (front matter, body) for every document."""
    docs = {}
    for path in sorted((KB / "docs").glob("*.md")):
        docs[path.stem] = split_front_matter(path.read_text(encoding="utf-8"))
    return docs


def meta(doc_id: str) -> dict:
    return documents()[doc_id][0]


def body(doc_id: str) -> str:
    return documents()[doc_id][1]


@lru_cache(maxsize=1)
def qa() -> list[dict]:
    return read_jsonl(KB / "qa.jsonl")


def superseded_ids() -> set[str]:
    """Ids of the documents that a newer version replaces."""
    return {m["supersedes"] for m, _ in documents().values() if m.get("supersedes")}


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def share(tag: str) -> float:
    return sum(tag in q["tags"] for q in qa()) / len(qa())


def table_rows(text: str) -> list[list[str]]:
    """Every Markdown table of a text, as lists of rows of stripped cells (rule rows dropped)."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= {"-", ":"} for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


# --- Documents ------------------------------------------------------------------------------


def test_there_are_at_least_60_documents_in_every_domain():
    assert len(documents()) >= 60
    assert {m["domain"] for m, _ in documents().values()} == set(DOMAINS)


def test_front_matter_has_the_required_fields_and_types():
    for stem, (m, _) in documents().items():
        for field, kind in REQUIRED_FIELDS.items():
            assert isinstance(m.get(field), kind), f"{stem}: {field}"
        assert m["domain"] in DOMAINS, stem
        assert m["version"] >= 1, stem
        assert set(m) <= set(REQUIRED_FIELDS) | {"supersedes"}, stem


def test_ids_are_unique_and_match_file_names():
    ids = [m["id"] for m, _ in documents().values()]
    assert len(ids) == len(set(ids))
    for stem, (m, _) in documents().items():
        assert stem == m["id"]


def test_effective_dates_are_iso_and_not_after_the_snapshot():
    for stem, (m, _) in documents().items():
        assert date.fromisoformat(m["effective_date"]) <= world.SNAPSHOT_DATE, stem


def test_documents_have_a_title_heading_and_a_realistic_length():
    for stem, (m, text) in documents().items():
        assert text.lstrip().startswith(f"# {m['title']}\n"), stem
        assert 150 <= len(text.split()) <= 900, f"{stem}: {len(text.split())} words"


def test_at_least_five_policies_exist_in_an_old_and_a_new_version():
    chains = 0
    for stem, (m, _) in documents().items():
        if not m.get("supersedes"):
            continue
        old = meta(m["supersedes"])  # KeyError if the older version is missing
        assert old["domain"] == m["domain"] == "policy", stem
        assert old["version"] < m["version"], stem
        assert old["effective_date"] < m["effective_date"], stem
        assert body(old["id"]) != body(stem)
        chains += 1
    assert chains >= 5
    supersedes = [m["supersedes"] for m, _ in documents().values() if m.get("supersedes")]
    assert len(supersedes) == len(set(supersedes)), "a version is replaced at most once"


def test_stale_numbers_live_only_in_superseded_versions():
    """Old fees and thresholds appear in old policies only; FAQs restate the new ones."""
    stale = [
        f"within {RETURNS_V1.window_days} days of delivery",
        usd(RETURNS_V1.label_fee),
        usd(PLUS_V1.monthly_fee),
        f"{LOYALTY_V1.thresholds['Summit']:,} points",
        usd(SHIPPING_V1.free_over_usd),
    ]
    old = superseded_ids()
    for stem, (_, text) in documents().items():
        if stem not in old:
            for phrase in stale:
                assert phrase not in text, f"{stem} repeats the stale fact {phrase!r}"


def test_faqs_restate_the_newest_policy_versions():
    assert f"{RETURNS_V2.window_days} days" in body("FAQ-RET-1")
    assert f"{RETURNS_V2.peak_window_days} days" in body("FAQ-RET-1")
    assert usd(SHIPPING_V2.free_over_usd) in body("FAQ-SHP-1")
    assert usd(world.PLANS[0].monthly_fee) in body("FAQ-PLS-1")
    for tier in world.LOYALTY_TIERS[1:]:
        assert f"{tier.name} at {tier.min_points:,} points" in body("FAQ-LOY-1")


# --- Agreement with acme_world ---------------------------------------------------------------


def test_every_sku_in_the_documents_exists():
    for stem, (_, text) in documents().items():
        for sku in SKU_PATTERN.findall(text):
            assert sku in PRODUCTS, f"{stem}: unknown SKU {sku}"


def test_product_names_next_to_a_sku_are_that_products_name():
    for stem, (_, text) in documents().items():
        for p in world.PRODUCTS:
            for sku in re.findall(re.escape(p.name) + r" \(([A-Z]{3}-\d{3})\)", text):
                assert sku == p.sku, f"{stem}: {p.name} ({sku})"


def check_sku_table(stem: str, table: list[list[str]], current: bool) -> None:
    """A table with a SKU column: names, list prices and warranties must match acme_world."""
    header = [h.lower() for h in table[0]]
    names = ("sku", "product", "list price", "warranty", "status", "sold until")
    column = {name: header.index(name) for name in names if name in header}
    for row in table[1:]:
        p = PRODUCTS[row[column["sku"]]]
        if "product" in column:
            assert row[column["product"]] == p.name, f"{stem}: {row}"
        if "list price" in column:
            assert row[column["list price"]] == usd(p.list_price), f"{stem}: {row}"
        if "warranty" in column and current:
            assert row[column["warranty"]].split()[0] == str(p.warranty_years), f"{stem}: {row}"
        if "status" in column:
            assert (row[column["status"]] == "Discontinued") == p.discontinued, f"{stem}: {row}"
        if "sold until" in column:
            assert row[column["sold until"]] == long_date(world.DISCONTINUED_ON[p.sku]), stem


def check_spec_table(stem: str, table: list[list[str]]) -> None:
    """A key-value spec table (one column per product): price and warranty per SKU."""
    rows = {row[0]: row[1:] for row in table[1:]}
    for i, sku in enumerate(rows["SKU"]):
        p = PRODUCTS[sku]
        assert table[0][i + 1] == p.name, stem
        assert rows["List price"][i] == usd(p.list_price), f"{stem}: {sku}"
        assert rows["Warranty"][i].split()[0] == str(p.warranty_years), f"{stem}: {sku}"


def test_tables_state_acme_worlds_names_prices_and_warranties():
    checked_guides = 0
    for stem, (_, text) in documents().items():
        for table in table_rows(text):
            if "SKU" in table[0]:
                check_sku_table(stem, table, current=stem not in superseded_ids())
            elif any(row[0] == "SKU" for row in table):
                check_spec_table(stem, table)
                checked_guides += 1
    assert checked_guides >= 20


def test_every_product_appears_in_the_price_list():
    skus = {row[0] for table in table_rows(body("PRD-CAT-1")) for row in table[1:]}
    assert skus == set(PRODUCTS)


def table_headed(doc_id: str, *headers: str) -> list[list[str]]:
    """The rows (header dropped) of the one table of a document whose header starts so."""
    [table] = [t for t in table_rows(body(doc_id)) if t[0][: len(headers)] == list(headers)]
    return table[1:]


def test_current_policies_state_acme_worlds_tiers_plans_and_codes():
    thresholds = table_headed("POL-LOY-2", "Tier", "Points needed in a fiscal year")
    tiers = {row[0]: row[1] for row in thresholds}
    assert tiers == {t.name: f"{t.min_points:,} points" for t in world.LOYALTY_TIERS}
    fees = {row[1]: row[2] for row in table_headed("POL-PLS-2", "Plan")}
    plans = {p.code: p for p in world.PLANS}
    assert fees["PLUS_M"] == f"{usd(plans['PLUS_M'].monthly_fee)} per month"
    assert fees["PLUS_A"] == f"{usd(round(10 * plans['PLUS_M'].monthly_fee, 2))} per year"
    assert round(10 * plans["PLUS_M"].monthly_fee / 12, 2) == plans["PLUS_A"].monthly_fee
    reasons = {row[0]: row[1] for row in table_headed("POL-RET-2", "Code")}
    assert reasons == world.RETURN_REASONS
    categories = {row[0]: row[1] for row in table_headed("HOW-TCK-1", "Category")}
    assert categories == world.TICKET_CATEGORIES


def test_warehouse_and_carrier_codes_match_acme_world():
    warehouses = {w.code: w.city.split(",")[0] for w in world.WAREHOUSES}
    for stem, (_, text) in documents().items():
        for city, code in re.findall(r"(\w+) \(([A-Z]{3}\d)\)", text):
            assert warehouses[code] == city, f"{stem}: {city} ({code})"
        for promo in re.findall(r"\b(?:SPRING|TRAIL|BF|PLUS)\d+\b", text):
            assert promo in world.PROMOTIONS, f"{stem}: {promo}"
    carriers = {row[0]: row[1] for row in table_headed("HOW-WHS-1", "Carrier code")}
    assert carriers == world.CARRIERS


# --- The QA set -------------------------------------------------------------------------------


def test_qa_rows_have_the_right_keys_types_and_unique_ids():
    assert len(qa()) >= 150
    for q in qa():
        assert tuple(q) == QA_KEYS
        assert re.fullmatch(r"kb-\d{3}", q["id"])
        assert isinstance(q["question"], str) and q["question"].strip()
        assert q["answer"] is None or (isinstance(q["answer"], str) and q["answer"].strip())
        assert all(isinstance(x, str) for x in q["doc_ids"] + q["evidence"] + q["tags"])
        assert len(q["doc_ids"]) == len(q["evidence"])
    assert len({q["id"] for q in qa()}) == len(qa())
    assert len({q["question"] for q in qa()}) == len(qa())


def test_evidence_is_copied_verbatim_from_existing_documents():
    for q in qa():
        for doc_id, passage in zip(q["doc_ids"], q["evidence"]):
            assert doc_id in documents(), f"{q['id']}: unknown document {doc_id}"
            assert passage in body(doc_id), f"{q['id']}: passage not in {doc_id}"


def test_answers_appear_in_their_evidence_unless_derived():
    derived = [q for q in qa() if "derived" in q["tags"]]
    assert len(derived) <= 0.03 * len(qa())
    for q in qa():
        if q["answer"] is not None and q not in derived:
            assert normalise(q["answer"]) in normalise(" ".join(q["evidence"])), q["id"]


def test_unanswerable_questions_are_at_least_15_percent_and_have_no_sources():
    assert share("unanswerable") >= 0.15
    for q in qa():
        unanswerable = "unanswerable" in q["tags"]
        assert unanswerable == (q["answer"] is None), q["id"]
        if unanswerable:
            assert q["doc_ids"] == [] and q["evidence"] == [], q["id"]


def test_multi_document_questions_are_at_least_10_percent():
    assert share("multi_doc") >= 0.10
    for q in qa():
        if "multi_doc" in q["tags"]:
            assert len(set(q["doc_ids"])) >= 2, q["id"]


def test_latest_version_questions_cite_the_newest_version_and_the_stale_one_disagrees():
    assert share("latest_version") >= 0.10
    for q in qa():
        if "latest_version" not in q["tags"]:
            continue
        versioned = [d for d in q["doc_ids"] if meta(d).get("supersedes")]
        assert versioned, f"{q['id']}: no versioned policy among its documents"
        for doc_id in versioned:
            stale = body(meta(doc_id)["supersedes"])
            assert normalise(q["answer"]) not in normalise(stale), f"{q['id']}: {doc_id}"


def test_no_question_is_answered_from_a_superseded_version():
    old = superseded_ids()
    for q in qa():
        assert not old & set(q["doc_ids"]), q["id"]


def test_tags_name_the_domains_of_the_supporting_documents():
    for q in qa():
        for doc_id in q["doc_ids"]:
            assert meta(doc_id)["domain"] in q["tags"], q["id"]


# --- Reproducibility ------------------------------------------------------------------------


def test_generator_reproduces_the_committed_files(tmp_path):
    generate(tmp_path)
    def files(root: Path) -> list[Path]:
        return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())

    fresh, committed = files(tmp_path / "kb"), files(KB)
    assert fresh == committed
    for rel in committed:
        assert (tmp_path / "kb" / rel).read_bytes() == (KB / rel).read_bytes(), rel


@pytest.mark.parametrize("doc_id", ["POL-RET-1", "POL-RET-2"])
def test_return_window_versions_say_what_the_course_teaches(doc_id):
    """The headline example of the RAG lessons: last year's 30 days vs this year's 45/60."""
    text = body(doc_id)
    if doc_id == "POL-RET-1":
        assert "within 30 days of delivery" in text and "60 days" not in text
    else:
        assert "within 45 days of delivery" in text and "return window of 60 days" in text
