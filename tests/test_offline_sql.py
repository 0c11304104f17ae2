"""acme-tiny writes SQL: reading requests, adapting known queries, its corpus, serving and fine-tuning."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time
from datetime import date

import openai
import pytest

from course_utils.datasets import (ACME_DB, ACME_DICTIONARY, load_acme_questions, load_practice_questions,
                                   practice_db, practice_splits)
from course_utils.offline.corpus.sql import schema_only_requests, seen_queries, sql_rows
from course_utils.offline.sql.adaptation import Knowledge, adapt, dictionary_codes
from course_utils.offline.reading.sql_request import examples_in_text, read_sql_request
from course_utils.offline.reading.schema_text import read_schema_text
from course_utils.sql import run_sql, schema_text, table_names
from course_utils.sql_eval import CORRECT, WRONG_RESULT, score_sql
from course_utils.sql_prompts import choose_examples, sql_messages
from course_utils.offline_assets import use_packaged_assets

use_packaged_assets()
SCHEMA = schema_text(ACME_DB)


def _knowledge() -> Knowledge:
    return Knowledge(dictionary_codes(read_schema_text(ACME_DICTIONARY.read_text(encoding="utf-8")).codes))


# ----------------------------------------------------------------------------------------
# Adapting a known query to a new question


def test_fiscal_year_dates_shift_by_the_years_between_the_questions():
    sql = "SELECT COUNT(*) FROM t WHERE d BETWEEN '2022-02-01' AND '2023-01-31'"
    out = adapt("How many in fiscal 2022?", sql, "How many in FY2024?")
    assert out.sql == "SELECT COUNT(*) FROM t WHERE d BETWEEN '2024-02-01' AND '2025-01-31'"


def test_quarter_dates_shift_by_quarters_and_keep_month_ends():
    sql = "SELECT COUNT(*) FROM t WHERE d BETWEEN '2024-02-01' AND '2024-04-30'"
    out = adapt("Tickets in Q1 FY24?", sql, "Tickets in Q2 FY24?")
    assert "'2024-05-01' AND '2024-07-31'" in out.sql


def test_a_month_prefix_moves_by_months_not_only_by_years():
    sql = "SELECT COUNT(*) FROM t WHERE d LIKE '2024-05%'"
    assert adapt("Departures in May 2024?", sql, "Departures in March 2024?").sql.endswith("LIKE '2024-03%'")
    assert adapt("Departures in May 2024?", sql, "Departures in December 2022?").sql.endswith("LIKE '2022-12%'")
    year = "SELECT COUNT(*) FROM t WHERE d LIKE '2022%'"
    assert adapt("Signups in 2022?", year, "Signups in 2024?").sql.endswith("LIKE '2024%'")


def test_a_fine_tuned_model_takes_today_from_its_latest_query_unless_the_prompt_says():
    from course_utils.offline.model.embedder import shared_embedder
    from course_utils.offline.sql.adaptation import latest_date
    from course_utils.offline.sql.candidates import SqlMemory, gather_candidates

    fy2024 = "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '2024-02-01' AND '2025-01-31'"
    assert latest_date([fy2024, "SELECT 1 WHERE d = '2023-02-30'", "SELECT 5"]) == date(2025, 1, 31)
    embed = shared_embedder()
    source = "How many customers signed up in fiscal 2024?"
    memory = SqlMemory(pairs=[(source, fy2024)], keys=embed([source]), today=latest_date([fy2024]))

    def answer(prompt_schema: str) -> str:
        request = read_sql_request(sql_messages("How many customers signed up last year?", prompt_schema))
        return gather_candidates(request, embed, memory)[0].sql

    assert "BETWEEN '2023-02-01' AND '2024-01-31'" in answer(SCHEMA)  # today is 2025-01-31: this year is FY2024
    assert "BETWEEN '2024-02-01' AND '2025-01-31'" in answer(SCHEMA + "\n\nSnapshot date: 2026-01-31")


def test_numbers_and_quoted_values_follow_the_new_question():
    out = adapt("Which 3 airports are in Greece?", "SELECT name FROM airport WHERE country = 'Greece' LIMIT 3",
                "Which 5 airports are in Portugal?")
    assert out.sql == "SELECT name FROM airport WHERE country = 'Portugal' LIMIT 5"


def test_a_value_is_a_whole_name_not_a_sentence_opener_a_function_word_or_a_possessive():
    from course_utils.offline.sql.adaptation import aligned_value

    source = "What books has Lucia Alvarez written?"
    assert aligned_value("Lucia Alvarez", source, "Which works by Emeka Quinn do we have?")[0] == "Emeka Quinn"
    assert aligned_value("Lucia Alvarez", source, "Show Sara Weber's works in the collection.")[0] == "Sara Weber"
    assert aligned_value("Tomato Soup", "Sum the quantities ordered of Tomato Soup.",
                         "Sum of rainfall at the Skerry Light station?")[0] == "Skerry Light"


def test_codes_change_only_with_a_dictionary_that_explains_them():
    sql = "SELECT COUNT(*) FROM shpmt WHERE carr_cd = 'LOC'"
    source, target = "Count our local courier deliveries.", "Count the FedEx Express deliveries."
    assert adapt(source, sql, target).sql == sql  # without meanings, nothing says FDX
    assert adapt(source, sql, target, _knowledge()).sql == sql.replace("'LOC'", "'FDX'")


def test_codes_of_the_query_logic_stay():
    sql = "SELECT SUM(a) FROM ord_hdr WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND stat_cd = 'A'"
    out = adapt("Net revenue of active accounts?", sql, "Net revenue of the active accounts, please?", _knowledge())
    assert out.sql == sql  # 'A' is not the letter "a", and the IN list is logic


def test_the_sql_scorer_sees_named_features_in_the_order_its_weights_were_trained_on():
    from course_utils.offline.model.acme_tiny.loading import load_network
    from course_utils.offline.model.embedder import shared_embedder
    from course_utils.offline.sql.candidates import (FEATURE_NAMES, LINK_FEATURES, SCALAR_FEATURES, SQL_FEATURES,
                                                     CandidateFeatures, gather_candidates)

    assert load_network().sql_transfer_scorer[0].in_features == SQL_FEATURES == len(FEATURE_NAMES) == 35
    assert FEATURE_NAMES[13:17] == LINK_FEATURES and FEATURE_NAMES[-3] == "origin_memory"
    scalars = {name: float(i) for i, name in enumerate(SCALAR_FEATURES)}
    vector = CandidateFeatures(**scalars, cues=(1.0,) * 9, adaptation=(0.5,) * 4, origin="memory").vector()
    assert vector.tolist() == list(range(17)) + [1.0] * 9 + [0.5] * 4 + [0.0, 0.0, 1.0, 0.0, 0.0]

    # read back by name, a candidate's vector says where it came from and what it knows
    example = {"question": "How many customers are there?", "sql": "SELECT COUNT(*) FROM cust_mstr"}
    messages = sql_messages("How many stores are there?", SCHEMA, examples=[example])
    candidate = gather_candidates(read_sql_request(messages), shared_embedder())[0]
    named = dict(zip(FEATURE_NAMES, candidate.features.tolist()))
    assert candidate.origin == "example" and named["origin_example"] == 1.0 and named["schema_given"] == 1.0
    assert named["rank"] == 0.0 and named["cue_count"] == 0.0  # the closest example, and it counts as asked


# ----------------------------------------------------------------------------------------
# Reading requests


def test_examples_are_read_in_the_forms_learners_write():
    text = ("Question: How many books?\nSQL: SELECT COUNT(*) FROM book\n\n"
            "Q: List authors\nA: SELECT name\n  FROM author\n\n"
            "-- count loans\nSELECT COUNT(*) FROM loan;\n\n"
            "Question: Oldest book?\n```sql\nSELECT title FROM book ORDER BY year LIMIT 1\n```")
    assert examples_in_text(text) == [
        ("How many books?", "SELECT COUNT(*) FROM book"),
        ("List authors", "SELECT name FROM author"),
        ("count loans", "SELECT COUNT(*) FROM loan"),
        ("Oldest book?", "SELECT title FROM book ORDER BY year LIMIT 1"),
    ]


def test_a_request_with_schema_examples_and_reasoning_is_read():
    messages = sql_messages("How many orders in FY2023?", SCHEMA, examples=[
        {"question": "How many orders in FY2022?", "sql": "SELECT COUNT(*) FROM ord_hdr"}], reasoning=True)
    request = read_sql_request(messages)
    assert request.question == "How many orders in FY2023?"
    assert set(request.schema.tables) == set(table_names(ACME_DB))
    assert request.examples == [("How many orders in FY2022?", "SELECT COUNT(*) FROM ord_hdr")]
    assert request.reasoning


def test_only_a_request_to_reason_turns_reasoning_on():
    dictionary = "| `rsn_cd` | TEXT | Return reason | `DMG` = Arrived damaged |"
    assert not read_sql_request(sql_messages("How many returns?", SCHEMA, dictionary)).reasoning
    for ask in ("Think step by step.", "Explain your reasoning, then give the query.", "Decompose the question.",
                "Let's reason about it first."):
        messages = sql_messages("How many returns?", SCHEMA, dictionary)
        messages[-1]["content"] += "\n" + ask
        assert read_sql_request(messages).reasoning, ask


def test_examples_as_earlier_turns_are_read():
    messages = [{"role": "user", "content": "Question: How many books?"},
                {"role": "assistant", "content": "```sql\nSELECT COUNT(*) FROM book\n```"},
                {"role": "user", "content": "Question: How many loans?"}]
    request = read_sql_request(messages)
    assert request.examples == [("Question: How many books?", "SELECT COUNT(*) FROM book")]
    assert request.question == "How many loans?"


def test_document_questions_are_not_read_as_sql():
    messages = [{"role": "user", "content": "Context: Orders ship in 2 days.\n\nQuery: How fast do orders ship?"}]
    assert read_sql_request(messages) is None


# ----------------------------------------------------------------------------------------
# The pre-training corpus: train practice databases only


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """The SQL pre-training corpus and the queries the base model keeps as seen, as one text."""
    rows = "\n".join(m["content"] for row in sql_rows(seed=0) for m in row["messages"])
    schema_only = schema_only_requests()
    assert {item["db"] for item in schema_only} == {practice_db(db) for db in practice_splits()["train"]}
    rows += "\n".join(m["content"] for item in schema_only for m in item["messages"])
    seen = seen_queries()
    seen_text = "\n".join([*seen["schemas"].values(), *(f"{q}\n{sql}" for q, sql, _ in seen["pairs"])])
    return (rows + "\n" + seen_text).lower()


def test_the_committed_model_has_seen_only_train_practice_databases():
    from course_utils.offline.model.acme_tiny.loading import WEIGHTS_DIR

    seen = json.loads((WEIGHTS_DIR / "config.json").read_text(encoding="utf-8"))["sql_seen"]
    assert set(seen["schemas"]) == set(practice_splits()["train"])
    assert {db for _, _, db in seen["pairs"]} == set(practice_splits()["train"])
    assert {k: seen[k] for k in ("schemas", "pairs")} == seen_queries()


def _acme_only_columns() -> set[str]:
    acme = {c for t in table_names(ACME_DB) for (_, c, *_rest) in run_sql(ACME_DB, f"PRAGMA table_info({t})")}
    practice = set()
    for db_id in practice_splits()["train"]:
        db = practice_db(db_id)
        practice |= {c for t in table_names(db) for (_, c, *_rest) in run_sql(db, f"PRAGMA table_info({t})")}
    return {c.lower() for c in acme - practice}


def test_sql_corpus_has_no_acme_table_column_or_question(corpus_text):
    words = set(re.findall(r"[a-z_][a-z0-9_]*", corpus_text))
    assert not {t.lower() for t in table_names(ACME_DB)} & words
    assert len(_acme_only_columns()) > 50
    assert not _acme_only_columns() & words
    acme = [q for split in ("train", "test", "test_new") for q in load_acme_questions(split)]
    assert not [q for q in acme if q["question"].lower() in corpus_text or q["sql"].lower() in corpus_text]


def test_sql_corpus_has_no_held_out_database(corpus_text):
    for db_id in practice_splits()["held_out"]:
        assert not [q for q in load_practice_questions(db_id) if q["question"].lower() in corpus_text]
        statements = [s.strip().lower() for s in schema_text(practice_db(db_id)).split(";") if s.strip()]
        assert not [s for s in statements if s in corpus_text]


def test_the_leak_check_catches_a_planted_leak(corpus_text):
    planted = corpus_text + "\nselect count(*) from cust_mstr where sgnup_dt > '2024-01-01'"
    assert {t.lower() for t in table_names(ACME_DB)} & set(re.findall(r"[a-z_][a-z0-9_]*", planted))


# ----------------------------------------------------------------------------------------
# Served through the SDK


@pytest.fixture(scope="module")
def offline_client(tmp_path_factory):
    """The real offline backend (acme-tiny and its trainer) with its own state folder."""
    from course_utils.offline.model.acme_tiny.loading import default_loader, default_trainer
    from course_utils.offline.server import start_server

    handle = start_server(state_dir=tmp_path_factory.mktemp("state"), loader=default_loader(),
                          trainer=default_trainer())
    client = openai.OpenAI(base_url=handle.base_url, api_key="x", max_retries=0, timeout=120)
    yield client
    client.close()
    handle.stop()


@pytest.fixture(scope="module")
def chat_model():
    from course_utils.offline.model.acme_tiny.loading import MODEL_ID

    return MODEL_ID


def _answer(client, model, messages, **params) -> str:
    response = client.chat.completions.create(model=model, messages=messages, **params)
    return response.choices[0].message.content


def test_the_base_model_adapts_an_example_and_its_query_runs(offline_client, chat_model):
    item = load_practice_questions("airline")[3]  # "Which airports are in Greece?"
    example = {"question": "Which airports are in France?",
               "sql": "SELECT name FROM airport WHERE country = 'France'"}
    answer = _answer(offline_client, chat_model, sql_messages(item["question"], schema_text(practice_db("airline")),
                                                              examples=[example]), temperature=0)
    assert score_sql(practice_db("airline"), answer, item["sql"]).correct, answer


def test_with_only_the_schema_of_a_new_database_it_carries_over_a_seen_query(offline_client, chat_model, tmp_path):
    schema = ("CREATE TABLE greenhouse (greenhouse_id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "climate_zone TEXT NOT NULL, area_m2 REAL NOT NULL);\n"
              "CREATE TABLE plant (plant_id INTEGER PRIMARY KEY, species TEXT NOT NULL, "
              "greenhouse_id INTEGER NOT NULL REFERENCES greenhouse(greenhouse_id), height_cm REAL);")
    db = tmp_path / "greenhouses.sqlite"
    with sqlite3.connect(db) as connection:
        connection.executescript(schema + "INSERT INTO greenhouse VALUES (1, 'Palm House', 'tropical', 800), "
                                 "(2, 'Cactus Hall', 'desert', 300); INSERT INTO plant VALUES (1, 'fig', 1, 90);")
    # Accuracy is the benchmark's business; here: the query uses the new schema's names, so it runs
    # (a guess from the question's words would name a "greenhousess" table that does not exist).
    answer = _answer(offline_client, chat_model, sql_messages("How many greenhouses are there?", schema),
                     temperature=0)
    assert score_sql(db, answer, "SELECT COUNT(*) FROM greenhouse").category in (CORRECT, WRONG_RESULT), answer
    # and the queries it weighs include the right one, re-linked from another database
    from course_utils.offline.model.acme_tiny.loading import load_network
    from course_utils.offline.model.acme_tiny.tensors import seen_of
    from course_utils.offline.model.embedder import shared_embedder
    from course_utils.offline.sql.candidates import gather_candidates

    request = read_sql_request(sql_messages("Which greenhouses are in the tropical climate zone?", schema))
    candidates = gather_candidates(request, shared_embedder(), seen=seen_of(load_network()))
    assert {c.origin for c in candidates} == {"transfer"}
    gold = "SELECT name FROM greenhouse WHERE climate_zone = 'tropical'"
    assert [c for c in candidates if score_sql(db, c.sql, gold).correct], [c.sql for c in candidates]


def test_requests_answered_by_carrying_over_have_their_own_scorer():
    import numpy as np
    import torch

    from course_utils.offline.model.acme_tiny.network import AcmeTinyConfig, AcmeTinyNetwork
    from course_utils.offline.model.acme_tiny.tensors import SqlExample, sql_batch_tensors
    from course_utils.offline.sql.candidates import SQL_FEATURES

    network = AcmeTinyNetwork(AcmeTinyConfig()).eval()
    d, n = network.config.embed_dim, 4
    rng = np.random.default_rng(0)
    made = [SqlExample(rng.normal(size=d).astype(np.float32), rng.normal(size=(n, d)).astype(np.float32),
                       rng.normal(size=(n, SQL_FEATURES)).astype(np.float32), [-1] * n, transfer=carried)
            for carried in (False, True)]
    inputs = sql_batch_tensors(made, d)
    with torch.no_grad():
        before = network.sql_logits(**inputs)
        network.sql_transfer_scorer[-1].bias += 1.0
        after = network.sql_logits(**inputs)
    assert torch.equal(before[0], after[0])  # the request with its own pairs: untouched
    assert torch.allclose(after[1, :n], before[1, :n] + 1.0)  # the carried-over one: the transfer scorer's


def test_transfer_training_marks_every_candidate_that_returns_the_gold_rows():
    from course_utils.offline.model.acme_tiny.loading import load_network
    from course_utils.offline.model.acme_tiny.tensors import seen_of
    from course_utils.offline.model.embedder import shared_embedder
    from course_utils.offline.training.sql import make_transfer_examples

    requests = [r for r in schema_only_requests() if r["db"] == practice_db("library")][:12]
    examples, missed = make_transfer_examples(requests, shared_embedder(), seen_of(load_network()))
    assert examples and len(examples) + missed == len(requests)
    assert all(ex.transfer and ex.target for ex in examples)


def test_without_schema_or_examples_it_invents_names_that_do_not_exist(offline_client, chat_model):
    answer = _answer(offline_client, chat_model, sql_messages("How many orders did we get in FY2024?"),
                     temperature=0)
    result = score_sql(ACME_DB, answer, "SELECT COUNT(*) FROM ord_hdr")
    assert not result.correct and result.category != "correct"


def test_same_request_same_query_at_temperature_zero(offline_client, chat_model):
    train = [{"question": q["question"], "sql": q["sql"]} for q in load_acme_questions("train")]
    messages = sql_messages(train[0]["question"], SCHEMA, examples=choose_examples(train[0]["question"], train[1:],
                                                                                   5, "random"))
    answers = {_answer(offline_client, chat_model, messages, temperature=0, seed=s) for s in (1, 2, 3)}
    assert len(answers) == 1


def test_asking_for_steps_shows_them_before_the_query(offline_client, chat_model):
    example = {"question": "Which airports are in France?", "sql": "SELECT name FROM airport WHERE country = 'France'"}
    answer = _answer(offline_client, chat_model, sql_messages("Which airports are in Greece?", examples=[example],
                                                              reasoning=True), temperature=0)
    assert answer.index("Step 1") < answer.index("```sql")
    assert "'Greece'" in answer


def test_a_fine_tuning_job_on_acme_pairs_learns_their_queries(offline_client, chat_model):
    """Create, events with losses, one checkpoint per epoch, then the model id serves SQL it learned."""
    train = load_acme_questions("train")
    signups = [q for q in train if "intent:signups_in_fiscal_year" in q["tags"]]
    rows = [{"messages": sql_messages(q["question"], SCHEMA) + [{"role": "assistant", "content": q["sql"]}]}
            for q in train[:60] + signups]
    data = "".join(json.dumps(row) + "\n" for row in rows).encode("utf-8")
    uploaded = offline_client.files.create(file=("acme.jsonl", io.BytesIO(data)), purpose="fine-tune")
    job = offline_client.fine_tuning.jobs.create(model=chat_model, training_file=uploaded.id, suffix="sql",
                                                 hyperparameters={"n_epochs": 2, "batch_size": 8})
    deadline = time.monotonic() + 120
    while job.status not in ("succeeded", "failed", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.3)
        job = offline_client.fine_tuning.jobs.retrieve(job.id)
    assert job.status == "succeeded", job.error
    assert job.fine_tuned_model.startswith(f"ft:{chat_model}:sql:")
    events = list(offline_client.fine_tuning.jobs.list_events(job.id, limit=100))
    assert any("loss" in e.message for e in events)
    checkpoints = list(offline_client.fine_tuning.jobs.checkpoints.list(job.id))
    assert len(checkpoints) == 2
    question = "How many people signed up in fiscal year 2021?"
    gold = "SELECT COUNT(*) FROM cust_mstr WHERE sgnup_dt BETWEEN '2021-02-01' AND '2022-01-31'"
    tuned = _answer(offline_client, job.fine_tuned_model, sql_messages(question, SCHEMA), temperature=0)
    assert score_sql(ACME_DB, tuned, gold).correct, tuned
    base = _answer(offline_client, chat_model, sql_messages(question, SCHEMA), temperature=0)
    assert not score_sql(ACME_DB, base, gold).correct, base


def test_comparisons_and_superlatives_turn_round_with_the_question():
    above = adapt("Dates with below-average rain?", "SELECT d FROM r WHERE mm < (SELECT AVG(mm) FROM r)",
                  "Dates with above-average rain?")
    assert above.sql == "SELECT d FROM r WHERE mm > (SELECT AVG(mm) FROM r)"
    oldest = adapt("Which farm is the newest?", "SELECT name FROM farm ORDER BY year DESC, name LIMIT 1",
                   "Which farm is the oldest?")
    assert oldest.sql == "SELECT name FROM farm ORDER BY year, name LIMIT 1"
    assert adapt("Highest price?", "SELECT MAX(price) FROM t", "Lowest price?").sql == "SELECT MIN(price) FROM t"
    same = "SELECT name FROM farm WHERE acres > 20 AND note <> 'a<b'"  # both point up: nothing turns
    assert adapt("Farms over 20 acres?", same, "Farms with more than 20 acres?").sql == same
    assert adapt("Farms over 20 acres?", same, "Farms under 20 acres?").sql == \
        "SELECT name FROM farm WHERE acres < 20 AND note <> 'a<b'"


def test_fine_tuning_learns_from_every_row_even_one_no_candidate_writes():
    from course_utils.offline.sql.candidates import Candidate, SqlMemory
    from course_utils.sql_masking import template_of
    from course_utils.offline.training.sql import _with_gold_stand_in

    gold = "SELECT COUNT(*) FROM ordr WHERE stat_cd = 'CNL'"
    memory = SqlMemory(template_slots={template_of(gold): 7})
    candidates = [Candidate("SELECT COUNT(*) FROM ordr", "memory", "How many orders?", template_slot=3),
                  Candidate("SELECT * FROM ordr", "memory", "List orders.", template_slot=4)]
    taught, right = _with_gold_stand_in(candidates, gold, memory)
    assert right == [2] and taught[2].sql == gold and taught[2].template_slot == 7
    assert taught[2].source_question == "How many orders?"  # the closest candidate's features, the row's query
    assert _with_gold_stand_in(candidates, "SELECT 1", memory) == (candidates, [])  # a template it never stored
