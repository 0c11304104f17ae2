"""Offline checkers for the "your turn" exercises.

A checker runs the learner's answer through the same harness the course uses for
evaluation and prints a verdict: pass, or what is wrong. Hints live in `hints.py`,
so reading this file does not spoil them (the gold answers are here, though).
"""

from __future__ import annotations

from dataclasses import dataclass

from course_utils import hints
from course_utils.datasets import ACME_DB
from course_utils.sql_eval import score_sql


@dataclass(frozen=True)
class SQLExercise:
    question: str  # what the learner must answer with SQL
    gold_sql: str  # one correct answer; any query with the same result passes


SQL_EXERCISES = {
    "00.1": SQLExercise(
        question="How many customers does Acme have in each region? "
                 "Return the region code and the number of customers.",
        gold_sql="SELECT rgn_cd, COUNT(*) FROM cust_mstr GROUP BY rgn_cd",
    ),
    "05.2": SQLExercise(
        question="How many business accounts are lapsed customers?",
        gold_sql="SELECT COUNT(*) FROM cust_mstr WHERE seg_cd = 'B' "
                 "AND cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01') "
                 "AND cust_id NOT IN (SELECT cust_id FROM ord_hdr "
                 "WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01')",
    ),
}

# Exercise 00.2: predict the harness's verdict on each answer to one question.
CATEGORY_EXERCISE = SQLExercise(
    question="List the names of all customers in the EMEA region.",
    gold_sql="SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA'",
)
CATEGORY_ANSWERS = (
    "SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA'",
    "SELECT name FROM customers WHERE region = 'EMEA'",
    "SELECT cust_nm FROM cust_mstr WHERE rgn_cd = 'EMEA",
    "SELECT cust_nm FROM cust_mstr",
    "```sql\nDELETE FROM cust_mstr WHERE rgn_cd = 'EMEA'\n```",
    "I am not sure which table holds the customers.",
)


def check_sql(exercise_id: str, sql: str, db_path=ACME_DB) -> bool:
    """Score the learner's SQL against the exercise's gold query and say why it fails."""
    exercise = SQL_EXERCISES[exercise_id]
    score = score_sql(db_path, sql, exercise.gold_sql)
    if score.correct:
        print(f"Exercise {exercise_id}: correct! Your query returns the expected result.")
    else:
        print(f"Exercise {exercise_id}: not yet ({score.category}). {score.detail}")
        print(f"Stuck? Run hint('{exercise_id}').")
    return score.correct


def check_categories(predictions: list[str], db_path=ACME_DB) -> bool:
    """Exercise 00.2: compare predicted categories, in CATEGORY_ANSWERS order, with the harness's."""
    if len(predictions) != len(CATEGORY_ANSWERS):
        raise ValueError(
            f"Give one category per answer: {len(CATEGORY_ANSWERS)} expected, got {len(predictions)}."
        )
    right = 0
    for answer, guess in zip(CATEGORY_ANSWERS, predictions):
        actual = score_sql(db_path, answer, CATEGORY_EXERCISE.gold_sql).category
        right += guess == actual
        verdict = "right" if guess == actual else "not quite"
        print(f"{verdict:>9}: you said {guess!r:<28} for  {' '.join(answer.split())[:60]}")
    print(f"{right}/{len(CATEGORY_ANSWERS)} right." + ("" if right == len(CATEGORY_ANSWERS)
          else " Stuck? Run hint('00.2')."))
    return right == len(CATEGORY_ANSWERS)


def _how_reproducible(params: dict) -> str:
    """What made three answers agree, in words, from the sampling parameters."""
    if params.get("temperature", 1.0) == 0:
        return "greedy decoding: temperature 0 always takes the most likely token"
    if "seed" in params:
        return "sampling with a fixed seed"
    if params.get("top_p", 1.0) <= 0.05:
        return (f"top_p={params['top_p']} keeps only the most likely token, so sampling is nearly "
                "greedy; temperature=0 or a seed says what you mean more plainly")
    return "by chance: with no seed and temperature above 0, another run may differ"


def check_reproducible_call(client, model: str, params: dict, messages: list[dict]) -> bool:
    """Exercise 01.1: the same request, sent three times with `params`, gives the same answer."""
    answers = [client.chat.completions.create(model=model, messages=messages, **params)
               .choices[0].message.content for _ in range(3)]
    same = len(set(answers)) == 1
    if same:
        print(f"Exercise 01.1: reproducible! Three calls, one answer ({_how_reproducible(params)}).")
    else:
        print(f"Exercise 01.1: not yet: three calls gave {len(set(answers))} different answers. "
              "Run hint('01.1').")
    return same


# Layouts the offline model finds documents and question in reliably (measured on exercise 01.2's
# 40 questions: 72-75% with each of these; unlabelled text mostly leaves it at the no-context baseline,
# benchmarks/bench_prompt_layouts.py). A large LLM reads all of them.
OFFLINE_QA_LAYOUTS = ("'Context:' and 'Question:' labels", "Markdown headings ('## Documents', "
                      "'## Question')", "tags ('<document>...</document>', '<question>...</question>')")


def _one_line(text: str) -> str:
    """The text with every run of whitespace as one space, to compare texts whatever their layout."""
    return " ".join(str(text).split())


def _said(messages: list[dict]) -> str:
    """Everything the messages say, on one line."""
    return " ".join(_one_line(m.get("content", "")) for m in messages)


def _documents_in(messages: list[dict], documents: list[str]) -> bool:
    """Whether every document's text appears (whitespace aside) somewhere in the messages."""
    said = _said(messages)
    return all(_one_line(doc)[:200] in said for doc in documents)


def check_qa_prompt(build_messages, client, model: str, questions: list[dict], documents: dict,
                    baseline_accuracy: float) -> bool:
    """Exercise 01.2: your prompt, with the gold documents in it, beats the no-context baseline
    by at least 20 points on the given questions; if not, say whether the documents were in it."""
    from course_utils.backend import choose_backend
    from course_utils.predictors import chat_predictor
    from course_utils.qa_eval import qa_scorer
    from course_utils.runner import evaluate

    def texts(item):
        return [documents[d]["body"] for d in item["doc_ids"]]

    def build(item):
        return build_messages(item["question"], texts(item))

    missing = sum(not _documents_in(build(item), texts(item)) for item in questions)
    run = evaluate(chat_predictor(client, model, build, temperature=0), questions, qa_scorer(),
                   name="exercise 01.2", progress=False)
    accuracy = run.metrics["accuracy"]
    passed = accuracy >= baseline_accuracy + 0.20
    verdict = "passed!" if passed else "not yet: run hint('01.2')."
    print(f"Exercise 01.2: {accuracy:.0%} with your prompt vs {baseline_accuracy:.0%} without context: {verdict}")
    if not passed and missing:
        print(f"   For {missing} of {len(questions)} questions the documents' text is not in your "
              "messages: the model cannot use what it is not shown.")
    elif not passed and choose_backend().kind == "offline":
        print("   The documents are in your messages, but the offline model did not find them. It reads "
              "them reliably under " + ", ".join(OFFLINE_QA_LAYOUTS) + ". Documents pasted as unlabelled "
              "text it mostly misses, which a large LLM would not.")
    return passed


TICKET_TARGET = 0.65  # exercise 02.1: accuracy on the 240 test tickets


def check_ticket_prompt(build_messages, client, model: str, target: float = TICKET_TARGET) -> bool:
    """Exercise 02.1: your prompt (ticket text -> messages) labels at least `target` of the 240 test
    tickets right. Examples must come from the training tickets: a test ticket shown in the prompt
    of another one fails the check."""
    from course_utils.datasets import load_ticket_labels, load_tickets
    from course_utils.label_eval import label_scorer
    from course_utils.predictors import chat_predictor
    from course_utils.runner import evaluate

    test = load_tickets("test")
    train_texts = [_one_line(t["text"]) for t in load_tickets("train")]
    # A test ticket whose text is also part of a training ticket's cannot be told apart from an example.
    telltale = {text for text in (_one_line(t["text"]) for t in test) if not any(text in train for train in train_texts)}

    def build(item):
        messages = build_messages(item["text"])
        said = _said(messages).replace(_one_line(item["text"]), " ")
        leaked = [text for text in telltale if text in said]
        if leaked:
            raise ValueError(f"the prompt shows {len(leaked)} test ticket(s) as examples: draw examples "
                             "from the training tickets (the pool), never from the test set")
        return messages

    run = evaluate(chat_predictor(client, model, build, temperature=0), test,
                   label_scorer(sorted(load_ticket_labels())), name="exercise 02.1", progress=False)
    leaks = [r for r in run.results if r["category"] == "predictor_error"]
    if leaks:
        print(f"Exercise 02.1: not yet: {leaks[0]['detail']}.")
        return False
    accuracy = run.metrics["accuracy"]
    passed = accuracy >= target
    print(f"Exercise 02.1: {accuracy:.1%} of {len(test)} test tickets "
          f"({'reaches' if passed else 'below'} the target of {target:.0%}): "
          + ("passed!" if passed else "not yet: run hint('02.1')."))
    return passed


# Exercise 02.2: (model reply, what a correct parse_triage does with it). A dict: the triage it
# returns; a string: the word its ValueError must name.
_TRIAGE_CASES = [
    ('{"label": "SHIP", "priority": "urgent", "summary": "The tent arrived with a snapped pole."}',
     {"label": "SHIP", "priority": "urgent", "summary": "The tent arrived with a snapped pole."}),
    ('```json\n{"label": "BILL", "priority": "normal", "summary": "Charged twice for one order."}\n```',
     {"label": "BILL", "priority": "normal", "summary": "Charged twice for one order."}),
    ('  {"summary": "Wants to know if the PCK-300 is back in stock.", "priority": "low", "label": "PROD"}\n',
     {"label": "PROD", "priority": "low", "summary": "Wants to know if the PCK-300 is back in stock."}),
    ("SHIP", "JSON"),
    ('{"label": "SHIP", "priority": "urgent", "summary": "Broken pole."', "JSON"),
    ('{"label": "SHIPPING", "priority": "urgent", "summary": "Broken pole."}', "label"),
    ('{"label": "SHIP", "summary": "Broken pole."}', "priority"),
    ('{"label": "SHIP", "priority": "high", "summary": "Broken pole."}', "priority"),
    ('{"label": "SHIP", "priority": "urgent", "summary": ""}', "summary"),
    ('{"label": "SHIP", "priority": "urgent", "summary": "Broken pole.\\nAlso a question about returns."}',
     "summary"),
    ('{"label": "SHIP", "priority": "urgent", "summary": "' + "word " * 30 + '"}', "summary"),
    ('["SHIP", "urgent", "Broken pole."]', "object"),
]


_TRIAGE_FIELDS = ("label", "priority", "summary")


def check_triage_parser(parse_triage) -> bool:
    """Exercise 02.2: parse_triage(reply) returns {"label", "priority", "summary"} for a valid reply
    (a JSON object, alone or in a ```json fence) and raises ValueError naming what is wrong otherwise."""
    problems = []
    for reply, expected in _TRIAGE_CASES:
        shown = reply if len(reply) < 60 else reply[:57] + "..."
        try:
            parsed = parse_triage(reply)
        except ValueError as error:
            if isinstance(expected, dict):
                problems.append(f"rejected a valid reply {shown!r}: {error}")
            elif expected.lower() not in str(error).lower():
                problems.append(f"rejected {shown!r}, but the message does not mention {expected!r}: {error}")
            elif others := [f for f in _TRIAGE_FIELDS if f != expected and f in str(error).lower()]:
                problems.append(f"rejected {shown!r}, but the message also names {', '.join(others)}, which were "
                                f"fine: say only what is wrong: {error}")
            continue
        except Exception as error:  # noqa: BLE001 -- the learner's function may raise anything
            problems.append(f"raised {type(error).__name__} (not ValueError) for {shown!r}: {error}")
            continue
        if not isinstance(expected, dict):
            problems.append(f"accepted {shown!r}, which has a bad {expected}")
        elif dict(parsed) != expected:
            problems.append(f"read {shown!r} as {parsed!r}")
    passed = not problems
    print(f"Exercise 02.2: {len(_TRIAGE_CASES) - len(problems)} of {len(_TRIAGE_CASES)} replies handled right: "
          + ("passed!" if passed else "not yet: run hint('02.2')."))
    for problem in problems[:4]:
        print(f"   {problem}")
    return passed


RAG_TARGET = {"accuracy": 0.45, "hit_rate": 0.85}  # exercise 03.1, on the test half of the KB questions
RAG_TOKEN_BUDGET = 500  # exercise 03.1: prompt tokens per question, at most


def check_rag_recipe(recipe, kitchen, target: dict | None = None, token_budget: int = RAG_TOKEN_BUDGET) -> bool:
    """Exercise 03.1: a RagRecipe run once on the test half of the knowledge-base questions: answer
    accuracy and mean hit rate must reach the targets, within the prompt-token budget."""
    from course_utils.rag import qa_split, rag_predictor, rag_scorer, rag_summary
    from course_utils.runner import evaluate

    target = target or RAG_TARGET
    _, test = qa_split()
    row = rag_summary(evaluate(rag_predictor(recipe, kitchen), test, rag_scorer(), name="exercise 03.1", progress=False))
    passed = all(row[name] >= wanted for name, wanted in target.items()) and row["prompt tokens"] <= token_budget
    print(f"Exercise 03.1 on {len(test)} test questions: accuracy {row['accuracy']:.1%} (target {target['accuracy']:.0%}), "
          f"hit rate {row['hit_rate']:.2f} (target {target['hit_rate']:.2f}), {row['prompt tokens']:,.0f} prompt tokens "
          f"per question (budget {token_budget:,}): " + ("passed!" if passed else "not yet: run hint('03.1')."))
    return passed


def check_context_precision(context_precision) -> bool:
    """Exercise 03.2: the learner's context precision agrees with ragas' definition
    (course_utils.rag_metrics.context_precision) on ranked relevance lists, order included."""
    from course_utils.rag_metrics import context_precision as reference

    cases = [[True], [False], [], [True, False, True], [False, True, True], [False, False, True],
             [True, True, False, False], [False] * 4, [True] * 5, [False, True, False, True, False]]
    wrong = []
    for case in cases:
        try:
            got = context_precision(case)
        except Exception as error:  # noqa: BLE001 -- the learner's function may raise anything
            wrong.append(f"{case}: raised {type(error).__name__}: {error}")
            continue
        if got is None or abs(got - reference(case)) > 1e-6:
            wrong.append(f"{case}: {got!r}, expected {reference(case):.4f}")
    print(f"Exercise 03.2: {len(cases) - len(wrong)} of {len(cases)} cases right: "
          + ("passed!" if not wrong else "not yet: run hint('03.2')."))
    for line in wrong[:3]:
        print(f"   {line}")
    return not wrong


def check_cheaper_recipe(run, reference) -> bool:
    """Exercise 05.1: a run at most 5 points less accurate than the reference run (rung 5) on the
    same questions, with at most a quarter of its prompt tokens."""
    if run.metrics["n"] != reference.metrics["n"]:
        raise ValueError(f"Evaluate your recipe on the same questions as the reference: {run.metrics['n']} "
                         f"questions against {reference.metrics['n']}.")
    accuracy, wanted = run.metrics["accuracy"], reference.metrics["accuracy"] - 0.05
    tokens, budget = run.metrics["prompt_tokens"], reference.metrics["prompt_tokens"] / 4
    accurate, cheap = accuracy >= wanted, tokens <= budget
    print(f"Exercise 05.1: {accuracy:.0%} ({'enough' if accurate else f'needs {wanted:.0%}'}), "
          f"{tokens / run.metrics['n']:,.0f} prompt tokens per question "
          f"({'within' if cheap else 'over'} the budget of {budget / run.metrics['n']:,.0f}): "
          + ("passed!" if accurate and cheap else "not yet: run hint('05.1')."))
    return accurate and cheap


def check_capstone(pipeline, budget=None, workers: int = 1) -> bool:
    """Exercise 06.1: grade a capstone pipeline (question item -> answer) on the held-out questions
    it has never been tuned on: accuracy at least the budget's target, chat tokens per question and,
    on the offline backend, median latency within the budget. Prints per-source accuracy."""
    from course_utils.capstone import BUDGET, SOURCES, capstone_scorer, latency_is_graded, summarise
    from course_utils.datasets import load_capstone
    from course_utils.runner import evaluate

    budget = budget or BUDGET
    run = evaluate(pipeline, load_capstone("held_out"), capstone_scorer(), name="capstone held-out check",
                   workers=workers, progress=False)
    summary = summarise(run, budget)
    accurate = summary["accuracy"] >= budget.accuracy
    cheap = summary["tokens per question"] <= budget.tokens_per_question
    timed = latency_is_graded()
    fast = summary["p50 ms"] <= budget.latency_p50_ms or not timed
    per_source = ", ".join(f"{source} {summary[f'accuracy {source}']:.0%}" for source in SOURCES
                           if summary[f"accuracy {source}"] is not None)
    print(f"Exercise 06.1 on {run.metrics['n']} held-out questions: {summary['accuracy']:.0%} "
          f"({'reaches' if accurate else 'below'} the target of {budget.accuracy:.0%}; {per_source}), "
          f"{summary['tokens per question']:,.0f} chat tokens per question "
          f"({'within' if cheap else 'over'} {budget.tokens_per_question:,}), median {summary['p50 ms']:,.0f} ms "
          + (f"({'within' if fast else 'over'} {budget.latency_p50_ms:,.0f} ms)" if timed else "(not graded online)")
          + (": passed!" if accurate and cheap and fast else ": not yet: run hint('06.1')."))
    return accurate and cheap and fast


def hint(exercise_id: str, level: int = 1) -> None:
    """Print hint number `level` (1 is gentle, the last one nearly gives it away)."""
    available = hints.HINTS[exercise_id]
    level = max(1, min(level, len(available)))
    print(f"Hint {level}/{len(available)}: {available[level - 1]}")


# Exercise 04.1: a training file with the mistakes people make when they put one together.
EMPTY_ANSWER_ROWS = (120, 333)  # 0-based rows of the pool whose answer the file lost
THREAD_ROW = 250  # the ticket with an e-mail thread pasted after it
COPIED_OVER = {180: 12, 181: 13, 300: 200, 359: 7}  # rows overwritten by a copy of an earlier one


def broken_training_file() -> str:
    """The codes-only training rows of the ticket pool, as JSONL with mistakes in it: rows printed as
    Python dicts, a message without its role, answers under the role "agent", a "message" key for
    "messages", empty answers, one example far over the token limit and repeated rows."""
    import json

    from course_utils.datasets import load_ticket_labels
    from course_utils.ticket_prompts import development_split, fine_tuning_rows

    pool, _ = development_split()
    rows = fine_tuning_rows(pool, sorted(load_ticket_labels()))
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    for i in (4, 61, 207):  # print(row) instead of json.dumps(row)
        lines[i] = repr(rows[i])
    for i in (18, 150):
        lines[i] = json.dumps({"messages": [{k: v for k, v in m.items() if m["role"] != "user" or k != "role"}
                                            for m in rows[i]["messages"]]}, ensure_ascii=False)
    for i in (33, 290):
        lines[i] = json.dumps({"messages": rows[i]["messages"][:-1] + [
            {"role": "agent", "content": rows[i]["messages"][-1]["content"]}]}, ensure_ascii=False)
    lines[99] = json.dumps({"message": rows[99]["messages"]}, ensure_ascii=False)
    for i in EMPTY_ANSWER_ROWS:
        lines[i] = json.dumps({"messages": rows[i]["messages"][:-1] + [{"role": "assistant", "content": ""}]},
                              ensure_ascii=False)
    thread = " ".join(f"> On day {d}, the customer wrote: {pool[d % len(pool)]['text']}" for d in range(1300))
    long_row = {"messages": [rows[THREAD_ROW]["messages"][0],
                             {"role": "user", "content": rows[THREAD_ROW]["messages"][1]["content"] + "\n" + thread},
                             rows[THREAD_ROW]["messages"][2]]}
    lines[THREAD_ROW] = json.dumps(long_row, ensure_ascii=False)
    for i, earlier in COPIED_OVER.items():  # a copy-paste gone wrong
        lines[i] = lines[earlier]
    return "\n".join(lines) + "\n"


def check_repaired_file(text: str) -> bool:
    """Exercise 04.1: the repaired file passes every check, repeats no example, keeps every example
    the broken file can give back (the e-mail thread's ticket may go or stay, cut back to the
    ticket), and each example is a ticket of the broken file with its own label."""
    from course_utils.fine_tuning import check_file
    from course_utils.ticket_prompts import development_split

    pool, _ = development_split()
    lost = set(EMPTY_ANSWER_ROWS) | set(COPIED_OVER)  # rows whose example the broken file no longer holds
    in_file = {_one_line(f"Message: {t['text']}"): t["label"] for i, t in enumerate(pool) if i not in lost}
    report = check_file(text)
    if not report.ok:
        print(f"Exercise 04.1: not yet: {len(report.problems)} problem(s) left, e.g. {report.problems[0]}.")
        return False
    if report.warnings:
        print(f"Exercise 04.1: not yet: {len(report.warnings)} repeated example(s), e.g. {report.warnings[0]}.")
        return False
    for example in report.examples:
        said = _one_line(example["messages"][-2]["content"]) if len(example["messages"]) > 1 else ""
        if said not in in_file:
            print(f"Exercise 04.1: not yet: an example's message is not a ticket of the broken file as it was "
                  f"written: {said[:100]!r}... Repair the rows; do not rewrite or add tickets.")
            return False
        if example["messages"][-1]["content"] != in_file[said]:
            print(f"Exercise 04.1: not yet: the answer of {said[:60]!r}... is {example['messages'][-1]['content']!r}, "
                  f"but the broken file says {in_file[said]!r}. A repair never changes a label.")
            return False
    wanted = len(in_file) - 1  # the thread's ticket may be dropped
    if len(report.examples) < wanted:
        print(f"Exercise 04.1: not yet: {len(report.examples)} examples kept; {wanted} can be saved. "
              "Repair the rows you dropped, if their answer is there to keep.")
        return False
    print(f"Exercise 04.1: passed! {len(report.examples)} clean examples, ~{report.billable_tokens:,} tokens "
          "of message text per epoch.")
    return True


# Exercise 04.2: hyperparameters that reach a validation loss within a compute budget.
# On the 120 dev tickets, calibrated on the offline backend (acme-tiny's loss; its default job ends
# at 0.227, 2026-12-07). A provider's loss is on another scale: there, the target means little.
VALIDATION_LOSS_TARGET = 0.20
EPOCH_BUDGET = 3  # at most this many passes over the training rows (examples processed / rows)


def check_hyperparameters(client, hyperparameters: dict, target: float = VALIDATION_LOSS_TARGET,
                          epoch_budget: int = EPOCH_BUDGET) -> bool:
    """Exercise 04.2: a job on the pool's rows, validated on the dev tickets, ends with a validation
    loss at most `target` while training on at most `epoch_budget` passes over the rows."""
    from course_utils.datasets import load_ticket_labels
    from course_utils.fine_tuning import fine_tune, loss_curve, validation_points
    from course_utils.ticket_prompts import development_split, fine_tuning_rows

    epochs = hyperparameters.get("n_epochs", "auto")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or not 1 <= epochs <= epoch_budget:
        print(f"Exercise 04.2: not yet: set n_epochs to a whole number of at most {epoch_budget} "
              f"(the budget), not {epochs!r}.")
        return False
    pool, dev = development_split()
    labels = sorted(load_ticket_labels())
    job, seconds = fine_tune(client, fine_tuning_rows(pool, labels), "exercise-04-2",
                             validation_rows=fine_tuning_rows(dev, labels), hyperparameters=hyperparameters)
    validated = [loss for _, loss in validation_points(loss_curve(client, job.id))]
    if not validated:
        print("Exercise 04.2: not yet: the job reported no validation loss.")
        return False
    passed = validated[-1] <= target
    print(f"Exercise 04.2: validation loss {validated[-1]:.3f} after {epochs} epoch(s), {seconds:.0f} s "
          f"({'at or under' if passed else 'above'} the target of {target}): "
          + ("passed!" if passed else "not yet: run hint('04.2')."))
    return passed
