"""The exercise checkers pass right answers, fail wrong ones, and say why."""

import pytest

from course_utils import datasets, exercises
from course_utils.exercises import (CATEGORY_ANSWERS, CATEGORY_EXERCISE, check_categories, check_cheaper_recipe,
                                    check_qa_prompt, check_reproducible_call, check_sql)
from course_utils.runner import RunRecord
from course_utils.sql_eval import score_sql
from test_offline_toymodel import BASE_ID, serve

PROMPT = [{"role": "user", "content": "the"}]


@pytest.fixture(scope="module")
def toy_client(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("state")) as (_, client):
        yield client


def test_check_sql_passes_any_query_with_the_right_result_and_fails_others(capsys):
    assert check_sql("00.1", "SELECT COUNT(*) AS n, rgn_cd FROM cust_mstr GROUP BY rgn_cd")
    assert not check_sql("00.1", "SELECT rgn_cd, COUNT(*) FROM cust_mstr WHERE rgn_cd = 'EMEA' GROUP BY rgn_cd")
    assert "not yet (wrong_result)" in capsys.readouterr().out


def test_check_categories_compares_with_the_harness():
    right = [score_sql(datasets.ACME_DB, a, CATEGORY_EXERCISE.gold_sql).category for a in CATEGORY_ANSWERS]
    assert check_categories(right)
    assert not check_categories(["correct"] * len(CATEGORY_ANSWERS))
    with pytest.raises(ValueError, match="one category per answer"):
        check_categories(["correct"])


def test_reproducible_call_names_what_made_it_reproducible(toy_client, capsys):
    assert check_reproducible_call(toy_client, BASE_ID, {"temperature": 0, "max_tokens": 30}, PROMPT)
    assert "greedy decoding" in capsys.readouterr().out
    assert check_reproducible_call(toy_client, BASE_ID, {"temperature": 1.5, "seed": 3, "max_tokens": 30}, PROMPT)
    assert "fixed seed" in capsys.readouterr().out
    assert check_reproducible_call(toy_client, BASE_ID, {"temperature": 1.5, "top_p": 0.01, "max_tokens": 30}, PROMPT)
    said = capsys.readouterr().out
    assert "top_p=0.01" in said and "greedy decoding" not in said


def test_unseeded_sampling_is_not_reproducible(toy_client, capsys):
    assert not check_reproducible_call(toy_client, BASE_ID, {"temperature": 1.5, "max_tokens": 30}, PROMPT)
    assert "not yet" in capsys.readouterr().out


@pytest.fixture
def offline_env(monkeypatch, tmp_path):
    for name in ("OPENAI_API_KEY", "COURSE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env from the repository


def test_qa_checker_says_when_the_documents_are_not_in_the_prompt(toy_client, offline_env, capsys):
    questions = [q for q in datasets.load_kb_qa() if q["doc_ids"]][:3]
    docs = {d["id"]: d for d in datasets.load_kb_docs()}

    def question_only(question, documents):
        return [{"role": "user", "content": question}]

    assert not check_qa_prompt(question_only, toy_client, BASE_ID, questions, docs, 0.0)
    assert "3 of 3 questions the documents' text is not in your messages" in capsys.readouterr().out

    def in_the_system_message(question, documents):
        return [{"role": "system", "content": "\n\n".join(documents)}, {"role": "user", "content": question}]

    assert not check_qa_prompt(in_the_system_message, toy_client, BASE_ID, questions, docs, 0.0)
    said = capsys.readouterr().out
    assert "did not find them" in said and all(layout in said for layout in exercises.OFFLINE_QA_LAYOUTS)


def run_with(accuracy: float, prompt_tokens: int, n: int = 60) -> RunRecord:
    return RunRecord(name="run", config={}, created_at="", results=[],
                     metrics={"n": n, "accuracy": accuracy, "prompt_tokens": prompt_tokens})


def test_cheaper_recipe_needs_both_the_accuracy_and_the_token_budget(capsys):
    rung_5 = run_with(0.80, 60 * 12_800)
    assert check_cheaper_recipe(run_with(0.78, 60 * 1_350), rung_5)
    assert "passed" in capsys.readouterr().out
    assert not check_cheaper_recipe(run_with(0.70, 60 * 1_350), rung_5)  # too inaccurate
    assert not check_cheaper_recipe(run_with(0.82, 60 * 4_000), rung_5)  # too many tokens
    with pytest.raises(ValueError, match="same questions"):
        check_cheaper_recipe(run_with(0.8, 100, n=20), rung_5)


def test_the_lapsed_business_accounts_exercise():
    assert check_sql("05.2", "SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = 'B' AND cust_id IN "
                             "(SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01') AND cust_id NOT IN "
                             "(SELECT cust_id FROM ord_hdr WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01')")
    # status-based "lapsed" (closed accounts) is another question
    assert not check_sql("05.2", "SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = 'B' AND stat_cd = 'X'")


def test_the_training_file_checker_wants_every_saveable_row_with_its_own_label(capsys):
    import json

    from course_utils.exercises import broken_training_file, check_repaired_file

    broken = broken_training_file()
    assert not check_repaired_file(broken)
    assert "problem(s) left" in capsys.readouterr().out
    rows = [json.loads(line) for line in broken.splitlines() if line.startswith('{"messages"')]
    good = [r for r in rows if r["messages"][-1].get("role") == "assistant" and r["messages"][-1]["content"]
            and all("role" in m for m in r["messages"]) and len(r["messages"][1]["content"]) < 5000]
    unique = list({json.dumps(r, sort_keys=True): r for r in good}.values())

    def as_file(rows):
        return "".join(json.dumps(r) + "\n" for r in rows)

    assert not check_repaired_file(as_file(unique))  # the repairable rows were dropped, not repaired
    assert "can be saved" in capsys.readouterr().out
    relabelled = [json.loads(json.dumps(r)) for r in unique]
    relabelled[0]["messages"][-1]["content"] = "BILL" if relabelled[0]["messages"][-1]["content"] != "BILL" else "SHIP"
    assert not check_repaired_file(as_file(relabelled))
    assert "never changes a label" in capsys.readouterr().out
    assert not check_repaired_file(as_file(unique + unique[:1]))
    assert "repeated" in capsys.readouterr().out
    # the shortcut: the clean rows rebuilt from the data, rows the broken file had lost included
    from course_utils.datasets import load_ticket_labels
    from course_utils.ticket_prompts import development_split, fine_tuning_rows

    assert not check_repaired_file(as_file(fine_tuning_rows(development_split()[0], sorted(load_ticket_labels()))))
    assert "not a ticket of the broken file" in capsys.readouterr().out


def test_the_hyperparameter_checker_holds_the_epoch_budget_before_running_a_job(capsys):
    from course_utils.exercises import check_hyperparameters

    for settings in ({}, {"n_epochs": "auto"}, {"n_epochs": 4}, {"n_epochs": 0}, {"n_epochs": True}):
        assert not check_hyperparameters(client=None, hyperparameters=settings)  # no job is started
        assert "at most 3" in capsys.readouterr().out
