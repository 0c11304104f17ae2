"""Hints for the "your turn" exercises, kept apart so the notebooks do not spoil them.

Each exercise has hints from gentle to nearly-the-answer; `exercises.hint(id, level)`
prints one.
"""

HINTS = {
    "00.1": [
        "Customers live in one table; the data dictionary (data/acme/dictionary.md) says which.",
        "The customer master table is cust_mstr, and each customer's home region is in rgn_cd.",
        "Count rows per region: SELECT <region column>, COUNT(*) FROM <table> GROUP BY <region column>.",
    ],
    "00.2": [
        "The categories are: correct, no_sql, syntax_error, unknown_table_or_column, refused, "
        "timeout, wrong_result (and execution_error for other SQLite errors).",
        "A query that runs but returns other rows is a wrong_result; one that writes is refused; "
        "text with no SELECT in it has no_sql.",
        "An unterminated string is a syntax error; a table name that does not exist is "
        "unknown_table_or_column.",
    ],
    "01.1": [
        "Randomness enters through sampling. Which parameter turns it off?",
        "temperature=0 makes decoding greedy: the most likely token every time.",
        "Either {'temperature': 0}, or keep sampling but fix the randomness: {'temperature': 1, 'seed': 7}.",
    ],
    "01.2": [
        "The model can only quote what is in its prompt: put the documents' text into the messages.",
        "Separate the documents from the question so the model can tell them apart: a 'Context:' "
        "section, Markdown headings or <document> tags all work.",
        "return [{'role': 'user', 'content': 'Context:\\n' + '\\n\\n'.join(documents) + "
        "'\\n\\nQuestion: ' + question}]",
    ],
    "02.1": [
        "Go back to the strategies table: which two changes each gained the most on dev? They combine.",
        "Give the model the agents' whole guide (load_ticket_labels(full=True)) and a few examples "
        "chosen by similarity from the pool (chooser(text, k)); try k = 2 or 4 in the playground first.",
        "def my_ticket_messages(text): return ticket_messages(text, LABELS, FULL_GUIDE, chooser(text, 2))",
    ],
    "02.2": [
        "Three things can go wrong: the reply is not JSON, it is JSON but not an object with the three "
        "keys, or a value is not allowed. Check them in that order and raise ValueError for each.",
        "Strip a ```json fence first (a regular expression, or str.removeprefix / removesuffix), then "
        "json.loads inside try/except json.JSONDecodeError. A pydantic model with Literal types does "
        "the value checks and names the field that failed.",
        "class Triage(BaseModel): label: Literal[...]; priority: Literal['low', 'normal', 'urgent']; "
        "summary: str, then a field_validator on summary (not empty, no newline, at most 25 words). "
        "Turn pydantic's ValidationError into a ValueError that names each failing field and why: "
        "'; '.join(f\"{e['loc'][0]}: {e['msg']}\" for e in error.errors()).",
    ],
    "03.1": [
        "Read the ladder's tables for hit rate and prompt tokens, not only accuracy: two passages miss the "
        "document too often, five cost too much.",
        "Chunks that fit the embedder (about 192 tokens), three passages, and drop superseded documents: "
        "candidates=6 with current_only=True.",
        "RagRecipe(chunk_size=192, chunk_overlap=19, top_k=3, candidates=6, current_only=True)",
    ],
    "03.2": [
        "Walk down the ranks; at each relevant passage, note the precision so far (relevant seen / rank).",
        "The answer is the average of those precisions over the relevant passages: [True, False, True] gives "
        "(1/1 + 2/3) / 2.",
        "hits, total = 0, 0.0; for rank, r in enumerate(relevant, 1): if r: hits += 1; total += hits / rank; "
        "return total / hits if hits else 0.0",
    ],
    "04.1": [
        "Read the report's problems line by line: each kind needs its own repair. Work line by line with "
        "text.splitlines(), and check again with check_file after each repair.",
        "A line that is not JSON but starts with {'messages': is a Python dict: ast.literal_eval reads it. A "
        "message with no role is the customer's (role 'user'); 'agent' means 'assistant'; 'message' means "
        "'messages'. An empty answer cannot be guessed from the line: drop that row. Drop the e-mail thread's row too, "
        "or cut its message back to the ticket (everything before the first newline).",
        "Parse each line (json.loads, else ast.literal_eval), rename 'message' to 'messages', give the "
        "role-less message role 'user', rename 'agent' to 'assistant'; skip rows with an empty answer or a "
        "user message over a few thousand characters; skip a row whose json.dumps(sort_keys=True) you have "
        "seen; write json.dumps(row) per line.",
    ],
    "04.2": [
        "The budget caps the epochs at 3; the other two knobs are free. Which of them did the loss curves "
        "show moving the validation loss the most?",
        "With 3 epochs, the default learning rate is still improving when the job ends: raise "
        "learning_rate_multiplier. Too high, and the validation loss climbs back up.",
        '{"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 2}',
    ],
    "05.1": [
        "Where do rung 5's prompt tokens go? Print the length of each part: schema, dictionary, examples.",
        "The talk's point about fine-tuning: what the model has learned no longer needs to be in the prompt.",
        "Try Recipe(schema=True, model=fine_tuned): the fine-tuned model with the schema alone (rung 6).",
    ],
    "05.2": [
        "The data dictionary's 'Business idioms' section defines a lapsed customer, with SQL.",
        "Business accounts are customers with segment code 'B' (cust_mstr.seg_cd).",
        "Take the dictionary's lapsed-customer query and add one condition on cust_mstr: seg_cd = 'B'.",
    ],
    "06.1": [
        "Which questions carry the tokens? Compare the tokens per question of iterations 1 and 3: the "
        "difference is what the database questions' prompts cost (schema, dictionary, examples).",
        "Two ways to a short SQL prompt. Lesson 05, exercise 05.1: a model fine-tuned on the SQL training "
        "pairs needs only the schema. Or keep the examples and leave out what acme-tiny does not use (rung 3 "
        "= rung 2 in lesson 05); a large model does use the dictionary, so measure before you drop it there.",
        "Fine-tune: fine_tune_sql(client, training_rows(sql_training, kitchen.schema), 'acme-sql') from "
        "course_utils.sql_ladder, then Recipe(schema=True, model=its_id). Without a fine-tune: "
        "Recipe(schema=True, examples=5). Then try kb_index(current_only=True) (choose the router's "
        "thresholds again for the new retriever) and routed_pipeline(..., decline_empty=True).",
    ],
}
