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
}
