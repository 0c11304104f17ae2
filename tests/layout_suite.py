"""A suite of prompt layouts for the course's three tasks, to measure how well a chat model reads them.

Learners do not write their prompts the way the course's templates do. They put the material in the
system message or in the user message, label it with Markdown headings, XML tags or nothing at all,
paste JSON or YAML, show examples as earlier chat turns, tables or "Input:/Output:" pairs, ask the
question first or last, and word the instructions their own way. Each layout below is one such way of
writing the same request, so that a benchmark can send one item in every layout and see which ones a
model (any chat model: the offline acme-tiny, a local open model or a hosted one) answers as well as
the course's own template.

The layouts were written by hand from the task descriptions and the data alone, WITHOUT reading the
offline model's prompt reader (`course_utils/offline/`), so they do not lean on whatever that reader
happens to recognise.

Three tasks, one dict each, layout name -> function returning OpenAI chat `messages`:

- `QA_LAYOUTS`: fn(question, documents) for document question answering. The documents are
  knowledge-base bodies; the reply is a short span, or "not in the documents".
- `CLASSIFY_LAYOUTS`: fn(text, labels, examples) for support-ticket classification. `labels` maps a
  label code to its description, `examples` are (ticket text, label code) pairs; the reply is a code.
- `SQL_LAYOUTS`: fn(question, db_path, dictionary, examples) for text-to-SQL on SQLite. Each layout
  renders the schema of the database file its own way; `dictionary` is the Markdown data dictionary,
  `examples` are {"question", "sql"} dicts; the reply is one SQLite query.

`COURSE_TEMPLATES` holds the course's own template for each task with the same signatures, as the
baseline to compare the layouts with. Every layout includes all of the material it is given and the
question or ticket text verbatim (in JSON layouts, as a JSON string).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from course_utils.predictors import qa_messages
from course_utils.sql import schema_text
from course_utils.sql_prompts import sql_messages
from course_utils.ticket_prompts import ticket_messages

Messages = list[dict[str, str]]
Example = tuple[str, str]  # (ticket text, label code)

NOT_FOUND = "not in the documents"


# ---------------------------------------------------------------------------------------------
# Small helpers shared by all tasks

def _system(content: str) -> dict[str, str]:
    return {"role": "system", "content": content}


def _user(content: str) -> dict[str, str]:
    return {"role": "user", "content": content}


def _assistant(content: str) -> dict[str, str]:
    return {"role": "assistant", "content": content}


def _blocks(*parts: str) -> str:
    """The non-empty parts, separated by blank lines."""
    return "\n\n".join(part for part in parts if part)


def _section(heading: str, body: str) -> str:
    """A heading line and its body, or nothing when the body is empty."""
    return f"{heading}\n\n{body}" if body else ""


def _one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks included) made a single space."""
    return " ".join(text.split())


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else line.rstrip() for line in text.splitlines())


def _as_json(value, indent: int | None = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}th"


# ---------------------------------------------------------------------------------------------
# Document QA

def _docs(documents: Sequence[str]) -> list[str]:
    return [doc.strip() for doc in documents]


def _qa_persona_system(question, documents):
    return [
        _system("You are the help-desk assistant of Acme Outfitters. Answer customers from the help-centre "
                "articles below and from nothing else. Keep answers short: the exact figure, name or phrase. "
                f'If the articles do not cover the question, reply "{NOT_FOUND}".\n\n'
                + "\n\n---\n\n".join(_docs(documents))),
        _user(question),
    ]


def _qa_plain_prose(question, documents):
    return [_user(
        "Here's what our help centre says about this:\n\n" + "\n\n".join(_docs(documents))
        + f"\n\n{question} Please keep it short, and if the text above doesn't say, just tell me it's "
        f"{NOT_FOUND}."
    )]


def _qa_reference_material_headings(question, documents):
    sources = "\n\n".join(f"### Source {i}\n\n{doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [_user(_blocks(
        _section("## Reference material", sources),
        f"## Question\n\n{question}",
        "## How to answer\n\nGive only the short answer (a number, a date, a name or a phrase). If the "
        f"reference material does not contain it, write: {NOT_FOUND}",
    ))]


def _qa_knowledge_base_h3(question, documents):
    articles = "\n\n".join(f"**Article {i}**\n\n{doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [
        _system(f"Answer using the knowledge base in the user's message. Reply with one short phrase, or with "
                f"'{NOT_FOUND}' when the knowledge base does not have the answer."),
        _user(f"### Knowledge base\n\n{articles}\n\n### Customer question\n\n{question}"),
    ]


def _qa_question_first_h1(question, documents):
    return [_user(_blocks(
        f"# Question\n\n{question}",
        "# Sources\n\n" + "\n\n* * *\n\n".join(_docs(documents)),
        "# Instructions\n\nAnswer the question above from the sources, in as few words as possible. "
        f'If the sources do not answer it, say "{NOT_FOUND}".',
    ))]


def _qa_xml_docs(question, documents):
    docs = "\n".join(f'<doc id="{i}">\n{doc}\n</doc>' for i, doc in enumerate(_docs(documents), start=1))
    return [_user(
        f"<docs>\n{docs}\n</docs>\n\n<question>{question}</question>\n\n"
        "Answer the question from the docs with a short span copied from them. If the docs don't contain "
        f"the answer, reply {NOT_FOUND}."
    )]


def _qa_xml_kb_articles_system(question, documents):
    articles = "\n".join(f"<kb_article n={i}>\n{doc}\n</kb_article>"
                         for i, doc in enumerate(_docs(documents), start=1))
    return [
        _system(f"You answer questions about Acme Outfitters. Use only these articles:\n\n{articles}\n\n"
                f"If none of them answers the question, say: {NOT_FOUND}. Otherwise answer in a few words."),
        _user(question),
    ]


def _qa_xml_context_instructions_last(question, documents):
    passages = "\n".join(f'  <passage index="{i}">\n{doc}\n  </passage>'
                         for i, doc in enumerate(_docs(documents), start=1))
    return [_user(
        f"<context>\n{passages}\n</context>\n<query>{question}</query>\n"
        f"<instructions>Short answer only; \"{NOT_FOUND}\" if the passages lack it.</instructions>"
    )]


def _qa_json_object(question, documents):
    payload = {"question": question, "documents": _docs(documents)}
    return [_user(
        "Answer the question in this JSON using its documents. Reply with a short answer, or "
        f'"{NOT_FOUND}".\n\n{_as_json(payload)}'
    )]


def _qa_json_records_system(question, documents):
    records = [{"id": f"doc-{i}", "text": doc} for i, doc in enumerate(_docs(documents), start=1)]
    return [
        _system(f"Knowledge base records (JSON):\n{_as_json(records)}\n\nAnswer the user's question from these "
                f"records. Be brief. If the records don't contain the answer, reply '{NOT_FOUND}'."),
        _user(question),
    ]


def _qa_json_task_spec(question, documents):
    spec = {
        "task": "answer_from_documents",
        "rules": ["use only the context", "answer with the shortest exact span",
                  f"if the context has no answer, output \"{NOT_FOUND}\""],
        "context": {f"doc_{i}": doc for i, doc in enumerate(_docs(documents), start=1)},
        "question": question,
    }
    return [_user(_as_json(spec, indent=None))]


def _qa_yaml_like(question, documents):
    docs = "\n".join(f"  - |\n{_indent(doc)}" for doc in _docs(documents))
    return [_user(
        f"question: {question}\ndocuments:\n{docs}\n"
        f'answer_format: a short span copied from the documents, or "{NOT_FOUND}"'
    )]


def _qa_fenced_blocks(question, documents):
    docs = _docs(documents)
    fenced = "\n\n".join(f"```markdown\n{doc}\n```" for doc in docs)
    return [_user(
        f"I pasted {len(docs)} help article(s) below, each in its own block.\n\n{fenced}\n\n"
        f"My question: {question}\n\nAnswer in a few words; if the articles don't say, answer "
        f'"{NOT_FOUND}".'
    )]


def _qa_terse(question, documents):
    return [_user("\n\n".join(_docs(documents)) + f"\n\nQ: {question}\nA (short, or '{NOT_FOUND}'):")]


def _qa_chatty(question, documents):
    return [_user(
        f'Hey! Quick one. A customer just asked me this: "{question}" I dug up a few articles from our help '
        "centre that might cover it, pasted below. Could you tell me the answer? Just the key bit (the number "
        "or the name or whatever), no need for a whole paragraph. And if it turns out the articles don't "
        f"actually say, tell me it's {NOT_FOUND} so I can escalate it. Thanks so much!!\n\n"
        + "\n\n----- next article -----\n\n".join(_docs(documents))
    )]


def _qa_question_repeated(question, documents):
    return [_user(
        f"Customer asks: {question}\n\nRelevant docs:\n\n" + "\n\n".join(_docs(documents))
        + f"\n\nAgain, the question was: {question}\nReply with just the answer, or '{NOT_FOUND}'."
    )]


def _qa_docs_then_question_turns(question, documents):
    return [
        _user("I'm going to paste some documentation. Don't answer anything yet.\n\n"
              + "\n\n".join(_docs(documents))),
        _assistant("Thanks, I've read the documentation. What would you like to know?"),
        _user(f"{question} Keep the answer short. If the documentation doesn't cover it, say it's "
              f"{NOT_FOUND}."),
    ]


def _qa_bold_labels(question, documents):
    numbered = "\n\n".join(f"[{i}] {doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [
        _system(f"Answer from the provided text only. Short answers. If the text doesn't contain the answer, "
                f"respond exactly: {NOT_FOUND}"),
        _user(f"**Documents**\n\n{numbered}\n\n**Customer asks:** {question}"),
    ]


def _qa_email(question, documents):
    attachments = "\n\n".join(f"--- Attachment {i} ---\n{doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [_user(
        "Subject: Customer question - need a quick answer\n\nHi team,\n\n"
        f"A customer wrote in asking: {question}\n\n"
        "I've attached the relevant articles from the knowledge base below. Could you reply with just the "
        f'answer? If it is not covered, reply "{NOT_FOUND}".\n\nCheers,\nSam\n\n{attachments}'
    )]


def _qa_numbered_sources(question, documents):
    sources = "\n\n".join(f"[{i}] {doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [_user(
        f"Sources:\n{sources}\n\nUsing the sources above, answer in at most ten words, without citations: "
        f"{question}\nIf no source answers it, write \"{NOT_FOUND}\"."
    )]


def _qa_extractive_reader(question, documents):
    return [
        _system("You are an extractive reader. Copy the shortest span of the passage that answers the "
                f"question. If the passage has no answer, output: {NOT_FOUND}"),
        _user("Passage:\n" + "\n\n".join(_docs(documents)) + f"\n\nQuestion to answer: {question}\n\nSpan:"),
    ]


def _qa_blockquote_rules(question, documents):
    return [_user(
        f"> {question}\n\nThat's what the customer asked. Here is everything we have on it:\n\n---\n\n"
        + "\n\n---\n\n".join(_docs(documents))
        + f"\n\n---\n\nWhat's the answer, in a few words? (If it isn't in there, say {NOT_FOUND}.)"
    )]


def _qa_background_information(question, documents):
    return [_user(
        "Background information:\n\n" + "\n\n".join(_docs(documents))
        + f"\n\nUsing only the background information above, answer this: {question}\n"
        f'Give just the answer. If the background doesn\'t say, answer "{NOT_FOUND}".'
    )]


def _qa_markdown_rules_system(question, documents):
    docs = "\n\n".join(f"=== Document {i} ===\n{doc}" for i, doc in enumerate(_docs(documents), start=1))
    return [
        _system("## Role\nAcme Outfitters support assistant.\n\n## Rules\n- Use only the documents the user "
                "gives you.\n- Answer with a short span: a number, a date, a name.\n"
                f"- If the documents do not contain the answer, reply `{NOT_FOUND}`."),
        _user(f"What I need to know: {question}\n\nDocuments:\n\n{docs}"),
    ]


def _qa_ordinal_prose(question, documents):
    docs = _docs(documents)
    told = "\n\n".join(f"The {_ordinal(i)} article says:\n\n{doc}" for i, doc in enumerate(docs))
    return [_user(
        f"I found {len(docs)} article(s) that might help.\n\n{told}\n\nWith that in mind: {question} "
        f"(short answer please; if none of them says, tell me it's {NOT_FOUND})"
    )]


def _qa_system_wrapper_bare_question(question, documents):
    return [
        _system("<documents>\n" + "\n\n".join(_docs(documents)) + "\n</documents>\n\n"
                f'Answer briefly from the documents above; say "{NOT_FOUND}" when they don\'t contain the '
                "answer."),
        _user(question),
    ]


QA_LAYOUTS: dict[str, Callable[[str, list[str]], Messages]] = {
    "persona system message with the articles, bare question": _qa_persona_system,
    "plain prose in one message, question after": _qa_plain_prose,
    "## Reference material / ## Question headings": _qa_reference_material_headings,
    "### Knowledge base / ### Customer question, rules in system": _qa_knowledge_base_h3,
    "# Question first, then # Sources and # Instructions": _qa_question_first_h1,
    "<docs><doc id> and <question> tags": _qa_xml_docs,
    "<kb_article> tags in the system message": _qa_xml_kb_articles_system,
    "<context><passage>, <query>, <instructions> last": _qa_xml_context_instructions_last,
    "JSON object {question, documents}": _qa_json_object,
    "JSON records in the system message": _qa_json_records_system,
    "one-line JSON task spec, no prose": _qa_json_task_spec,
    "YAML-like question/documents": _qa_yaml_like,
    "articles in fenced blocks, 'My question:'": _qa_fenced_blocks,
    "terse Q:/A:": _qa_terse,
    "chatty single message, question quoted first": _qa_chatty,
    "question before and after the docs": _qa_question_repeated,
    "docs in one turn, question in the next": _qa_docs_then_question_turns,
    "**Documents** / **Customer asks:** in bold": _qa_bold_labels,
    "email with attachments": _qa_email,
    "numbered [1] sources, ten-word limit": _qa_numbered_sources,
    "extractive reader: Passage / Span": _qa_extractive_reader,
    "blockquoted question, docs between rules": _qa_blockquote_rules,
    "Background information:, instruction last": _qa_background_information,
    "Markdown rules in system, === Document n === in user": _qa_markdown_rules_system,
    "'The first article says:' prose": _qa_ordinal_prose,
    "<documents> in system, bare question": _qa_system_wrapper_bare_question,
}


# ---------------------------------------------------------------------------------------------
# Ticket classification: labels and examples in several styles

def _labels_inline(labels: dict[str, str], sep: str = ", ") -> str:
    """'BILL (description), SHIP (description), ... or ORDR (description)'."""
    items = [f"{code} ({description})" for code, description in labels.items()]
    if len(items) < 2:
        return "".join(items)
    return sep.join(items[:-1]) + f"{sep}or {items[-1]}"


def _labels_bullets(labels: dict[str, str], template: str = "- {code}: {description}") -> str:
    return "\n".join(template.format(code=code, description=description) for code, description in labels.items())


def _labels_numbered(labels: dict[str, str]) -> str:
    return "\n".join(f"{i}. {code} — {description}" for i, (code, description) in enumerate(labels.items(), 1))


def _md_cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _labels_table(labels: dict[str, str], header: tuple[str, str] = ("Code", "Description")) -> str:
    rows = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    rows += [f"| {code} | {_md_cell(description)} |" for code, description in labels.items()]
    return "\n".join(rows)


def _labels_xml(labels: dict[str, str]) -> str:
    inner = "\n".join(f'  <label code="{code}">{description}</label>' for code, description in labels.items())
    return f"<labels>\n{inner}\n</labels>"


def _examples_input_output(examples: Sequence[Example], inp: str = "Input", out: str = "Output") -> str:
    return "\n\n".join(f"{inp}: {text}\n{out}: {label}" for text, label in examples)


def _examples_table(examples: Sequence[Example]) -> str:
    if not examples:
        return ""
    rows = ["| Ticket | Category |", "|---|---|"]
    rows += [f"| {_md_cell(text)} | {label} |" for text, label in examples]
    return "\n".join(rows)


def _examples_numbered(examples: Sequence[Example]) -> str:
    return "\n\n".join(f"Example {i}\nMessage: {text}\nCategory: {label}"
                       for i, (text, label) in enumerate(examples, start=1))


def _examples_turns(examples: Sequence[Example], wrap: Callable[[str], str] = lambda text: text) -> Messages:
    turns: Messages = []
    for text, label in examples:
        turns += [_user(wrap(text)), _assistant(label)]
    return turns


def _cls_inline_sentence_turns(text, labels, examples):
    return [
        _system("You sort Acme Outfitters support messages into queues. The queues are "
                f"{_labels_inline(labels)}. Reply with the queue code and nothing else."),
        *_examples_turns(examples),
        _user(text),
    ]


def _cls_bullets_input_output(text, labels, examples):
    return [_user(_blocks(
        f"Classify the support ticket into one of these categories:\n\n{_labels_bullets(labels)}",
        "Respond with the category code only.",
        _examples_input_output(examples),
        f"Input: {text}\nOutput:",
    ))]


def _cls_markdown_tables(text, labels, examples):
    return [_user(_blocks(
        f"## Categories\n\n{_labels_table(labels)}",
        _section("## Labelled examples", _examples_table(examples)),
        f"## Ticket to label\n\n{text}",
        "Which category code fits? Answer with the code only.",
    ))]


def _cls_json_config_system(text, labels, examples):
    config = {"labels": labels, "examples": [{"text": t, "label": label} for t, label in examples]}
    return [
        _system("You are a ticket classifier. Your configuration and the input are JSON. Output one label code "
                f"and nothing else.\n\nConfiguration:\n{_as_json(config)}"),
        _user(_as_json({"ticket": text})),
    ]


def _cls_xml_customer_email(text, labels, examples):
    shown = "\n".join(f'  <example label="{label}">\n{t}\n  </example>' for t, label in examples)
    return [_user(_blocks(
        _labels_xml(labels),
        f"<examples>\n{shown}\n</examples>" if examples else "",
        f"<customer_email>\n{text}\n</customer_email>",
        "Which label code applies to the customer email? Reply with the code only.",
    ))]


def _cls_yaml_like(text, labels, examples):
    lines = ["task: pick the label of the ticket; answer with the label code only", "labels:"]
    lines += [f"  {code}: {_as_json(description)}" for code, description in labels.items()]
    if examples:
        lines.append("examples:")
        for t, label in examples:
            lines += [f"  - text: {_as_json(t)}", f"    label: {label}"]
    lines.append(f"ticket: {_as_json(text)}")
    return [_user("\n".join(lines))]


def _cls_chatty(text, labels, examples):
    queues = "\n".join(f"{code} – {description}" for code, description in labels.items())
    past = "\n".join(f'"{_one_line(t)}" went to {label}' for t, label in examples)
    return [_user(_blocks(
        "hey, can you help me route this one? we've got these queues:",
        queues,
        f"here's how a few past ones were filed:\n{past}" if examples else "",
        f"and here's the new one:\n\n{text}",
        f"just give me the code (like {' or '.join(list(labels)[:2])}), nothing else, thanks!",
    ))]


def _cls_terse(text, labels, examples):
    definitions = "\n".join(f"{code} = {description}" for code, description in labels.items())
    shown = "\n\n".join(f"{t}\n=> {label}" for t, label in examples)
    return [_user(_blocks("Code only.", definitions, shown, f"{text}\n=>"))]


def _cls_persona_fenced_examples(text, labels, examples):
    shown = "\n\n".join(f"```\n{t}\n```\nQueue: {label}" for t, label in examples)
    return [
        _system(_blocks(
            "You are Kit, a triage agent on the Acme Outfitters support team. You read one customer message at "
            "a time and decide which queue it goes to.",
            f"Queues:\n{_labels_numbered(labels)}",
            _section("Here are messages we routed before:", shown),
            "Always answer with the queue code alone.",
        )),
        _user(text),
    ]


def _cls_text_first_headings(text, labels, examples):
    shown = "\n".join(f"{i}. {_one_line(t)} → **{label}**" for i, (t, label) in enumerate(examples, start=1))
    return [_user(_blocks(
        f"# What the customer wrote\n\n{text}",
        f"# Possible labels\n\n{_labels_bullets(labels, '* `{code}` – {description}')}",
        _section("# Past examples", shown),
        "# Your answer\n\nThe label code only.",
    ))]


def _cls_numbered_examples(text, labels, examples):
    return [
        _system("Classify each message into a category. Answer with the category code only.\n\n"
                + _labels_bullets(labels, "Category {code}: {description}")),
        _user(_blocks(_examples_numbered(examples), f"Now the real one.\nMessage: {text}\nCategory:")),
    ]


def _cls_json_turns(text, labels, examples):
    return [
        _system(f"Allowed labels (JSON, code -> meaning):\n{_as_json(labels)}\n\n"
                'Each user message is a JSON object {"message": ...}. Answer with exactly one code.'),
        *_examples_turns(examples, wrap=lambda t: _as_json({"message": t}, indent=None)),
        _user(_as_json({"message": text}, indent=None)),
    ]


def _cls_forwarded_email(text, labels, examples):
    shown = "\n\n".join(f"Email: {t}\nCode: {label}" for t, label in examples)
    return [_user(_blocks(
        "Please triage the forwarded email below. Reply with one of the category codes listed under it, and "
        "only the code.",
        "---------- Forwarded message ----------\nFrom: Acme customer\nTo: support@acme.example\n"
        f"Subject: Help request\n\n{text}\n\n----------",
        f"Category codes:\n{_labels_bullets(labels, '- {code} ({description})')}",
        _section("For reference, some emails we've already triaged:", shown),
    ))]


def _cls_triple_quoted(text, labels, examples):
    allowed = ", ".join(f'"{code}"' for code in labels)
    meanings = "\n".join(f"{code} means: {description}" for code, description in labels.items())
    shown = "\n\n".join(f'Ticket:\n"""\n{t}\n"""\nLabel: {label}' for t, label in examples)
    return [_user(_blocks(
        f"Allowed outputs: [{allowed}]",
        meanings,
        shown,
        f'Ticket:\n"""\n{text}\n"""\nLabel:',
    ))]


def _cls_instructions_last(text, labels, examples):
    first = next(iter(labels), "")
    shown = "\n".join(f"- {_one_line(t)} ({label})" for t, label in examples)
    return [_user(_blocks(
        _labels_bullets(labels, "{code} — {description}"),
        _section("Some messages we have already labelled:", shown),
        f"Message to classify:\n{text}",
        f"Which of the labels above fits the message best? Reply with the code alone, e.g. {first}.",
    ))]


def _cls_grouped_by_label(text, labels, examples):
    groups = []
    for code, description in labels.items():
        shown = "\n".join(f'- "{_one_line(t)}"' for t, label in examples if label == code)
        groups.append(f"#### {code}: {description}\n\n{shown or '(no examples yet)'}")
    strays = [(t, label) for t, label in examples if label not in labels]
    if strays:
        groups.append("#### Other\n\n" + "\n".join(f'- "{_one_line(t)}" ({label})' for t, label in strays))
    return [_user(_blocks(
        "### Categories and examples",
        "\n\n".join(groups),
        f"### Ticket\n\n{text}",
        "Answer with one code from the headings above.",
    ))]


def _cls_tab_separated(text, labels, examples):
    definitions = "\n".join(f"{code}\t{description}" for code, description in labels.items())
    data = "\n".join(f"{_one_line(t)}\t{label}" for t, label in examples)
    return [_user(_blocks(
        f"Label definitions (code<TAB>meaning):\n{definitions}",
        f"Training data (text<TAB>label):\n{data}" if examples else "",
        f"Predict the label for:\n{text}",
        "Output only the label.",
    ))]


def _cls_labels_then_acknowledgement(text, labels, examples):
    shown = "\n".join(f"{i}) {_one_line(t)} -> {label}" for i, (t, label) in enumerate(examples, start=1))
    return [
        _user(f"I'll give you our ticket categories first:\n\n{_labels_numbered(labels)}"),
        _assistant(f"Got it, {len(labels)} categories. Send me a message and I'll tell you which one it "
                   "belongs to."),
        _user(_blocks(_section("A few we've done already:", shown), f"Now this one:\n\n{text}",
                      "Just the code, please.")),
    ]


def _cls_definition_list(text, labels, examples):
    codes = ", ".join(labels)
    definitions = "\n\n".join(f"{code}\n: {description}" for code, description in labels.items())
    shown = "\n".join(f'- "{_one_line(t)}" → {label}' for t, label in examples)
    return [_user(_blocks(
        f"Which queue should this ticket go to: {codes}?",
        definitions,
        _section("Previous decisions:", shown),
        f"Ticket:\n{text}",
        "Answer with one queue code.",
    ))]


def _cls_ticket_in_system(text, labels, examples):
    return [
        _system(f"You are helping route this customer message:\n\n<customer_message>\n{text}\n</customer_message>"),
        _user(_blocks(
            f"Which label does it get? Options:\n{_labels_bullets(labels, '- {code}: {description}')}",
            _section("Examples of earlier decisions:", _examples_input_output(examples, "Message", "Label")),
            "Reply with the label code only.",
        )),
    ]


def _cls_markdown_system_sections(text, labels, examples):
    shown = "\n\n".join(f"**Ticket:** {t}\n**Answer:** {label}" for t, label in examples)
    return [
        _system(_blocks(
            "## Task\n\nClassify Acme Outfitters support tickets.",
            f"## Allowed categories\n\n{_labels_bullets(labels, '- **{code}**: {description}')}",
            _section("## Worked examples", shown),
            "## Output\n\nOne category code. No explanation.",
        )),
        _user(f"## New ticket\n\n{text}"),
    ]


def _cls_bracket_tags(text, labels, examples):
    shown = "\n---\n".join(f"{t}\nLABEL: {label}" for t, label in examples)
    return [_user(
        f"[LABELS]\n{_labels_bullets(labels, '{code}: {description}')}\n[/LABELS]\n"
        + (f"[EXAMPLES]\n{shown}\n[/EXAMPLES]\n" if examples else "")
        + f"[TICKET]\n{text}\n[/TICKET]\nOutput the label code only."
    )]


def _cls_json_lines(text, labels, examples):
    label_list = _as_json([{"code": code, "description": description} for code, description in labels.items()])
    lines = "\n".join(_as_json({"text": t, "label": label}, indent=None) for t, label in examples)
    return [_user(_blocks(
        f"Labels: {label_list}",
        _section("Labelled tickets (JSON lines):", lines),
        f"Classify this one and reply with its code only:\n{text}",
    ))]


def _cls_persona_polite_question_first(text, labels, examples):
    shown = "\n\n".join(f"Customer: {t}\nCategory: {label}" for t, label in examples)
    return [
        _system("You work on the Acme Outfitters customer care team and know its ticket categories well. "
                "When asked to categorise a message, you answer with the category code and nothing more."),
        _user(_blocks(
            f"Could you tell me which category this message belongs in?\n\n{text}",
            f"The categories are: {_labels_inline(labels, sep='; ')}.",
            _section("Some examples:", shown),
            "Please answer with just the category code.",
        )),
    ]


def _cls_table_system_ticket_turns(text, labels, examples):
    return [
        _system(f"{_labels_table(labels, ('Label', 'When to use'))}\n\n"
                "Label each ticket the user sends with one label from the table. Reply with the label only."),
        *_examples_turns(examples, wrap=lambda t: f"Ticket: {t}"),
        _user(f"Ticket: {text}"),
    ]


CLASSIFY_LAYOUTS: dict[str, Callable[[str, dict[str, str], list[Example]], Messages]] = {
    "labels inline in a sentence, examples as chat turns": _cls_inline_sentence_turns,
    "label bullets, Input:/Output: pairs": _cls_bullets_input_output,
    "Markdown tables for labels and examples": _cls_markdown_tables,
    "JSON config in system, JSON ticket in user": _cls_json_config_system,
    "<labels>, <examples>, <customer_email> tags": _cls_xml_customer_email,
    "YAML-like labels/examples/ticket": _cls_yaml_like,
    "chatty lower-case single message": _cls_chatty,
    "terse CODE = meaning, text => CODE": _cls_terse,
    "persona system with fenced examples, bare ticket": _cls_persona_fenced_examples,
    "# What the customer wrote first, then labels": _cls_text_first_headings,
    "numbered Example n blocks": _cls_numbered_examples,
    "JSON labels in system, JSON messages as turns": _cls_json_turns,
    "forwarded email, codes after the ticket": _cls_forwarded_email,
    "triple-quoted tickets, Allowed outputs list": _cls_triple_quoted,
    "labels and examples, question last with e.g.": _cls_instructions_last,
    "examples grouped under each label heading": _cls_grouped_by_label,
    "tab-separated definitions and training data": _cls_tab_separated,
    "labels in one turn, acknowledged, then ticket": _cls_labels_then_acknowledgement,
    "question first, definition list": _cls_definition_list,
    "ticket in the system message, options in user": _cls_ticket_in_system,
    "Markdown sections in system, ## New ticket": _cls_markdown_system_sections,
    "[LABELS]/[EXAMPLES]/[TICKET] brackets": _cls_bracket_tags,
    "JSON label list, JSON-lines examples": _cls_json_lines,
    "polite persona, question first, labels after": _cls_persona_polite_question_first,
    "label table in system, 'Ticket:' turns": _cls_table_system_ticket_turns,
}


# ---------------------------------------------------------------------------------------------
# Text-to-SQL: the schema, read with sqlite3, in several renderings

@dataclass(frozen=True)
class _Column:
    name: str
    type: str
    not_null: bool
    primary_key: bool


@dataclass(frozen=True)
class _Table:
    name: str
    create: str  # the CREATE TABLE statement as stored in sqlite_master
    columns: tuple[_Column, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, referenced table, referenced column)


@lru_cache(maxsize=8)
def _read_schema(db_path: str) -> tuple[_Table, ...]:
    connection = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = []
        statements = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
        for name, create in statements:
            quoted = '"' + name.replace('"', '""') + '"'
            columns = tuple(_Column(column, kind or "", bool(not_null), bool(pk))
                            for _cid, column, kind, not_null, _default, pk
                            in connection.execute(f"PRAGMA table_info({quoted})"))
            keys = tuple((from_column, to_table, to_column)
                         for _id, _seq, to_table, from_column, to_column, *_rest
                         in connection.execute(f"PRAGMA foreign_key_list({quoted})"))
            tables.append(_Table(name, create.strip(), columns, keys))
        return tuple(tables)
    finally:
        connection.close()


def _schema(db_path) -> tuple[_Table, ...]:
    return _read_schema(str(db_path))


def _schema_create(db_path, terminator: str = ";") -> str:
    """The raw CREATE TABLE statements from sqlite_master."""
    return "\n\n".join(table.create + terminator for table in _schema(db_path))


def _schema_signatures(db_path) -> str:
    """One 'table(col, col, ...)' line per table."""
    return "\n".join(f"{t.name}({', '.join(c.name for c in t.columns)})" for t in _schema(db_path))


def _key_note(table: _Table, column: _Column) -> str:
    notes = ["PK"] if column.primary_key else []
    notes += [f"FK -> {to_table}.{to_column}" for from_column, to_table, to_column in table.foreign_keys
              if from_column == column.name]
    return ", ".join(notes)


def _schema_typed_lines(db_path) -> str:
    """One 'table: col TYPE [PK], ...' line per table."""
    lines = []
    for table in _schema(db_path):
        cols = []
        for column in table.columns:
            note = _key_note(table, column)
            cols.append(f"{column.name} {column.type}" + (f" [{note}]" if note else ""))
        lines.append(f"{table.name}: {', '.join(cols)}")
    return "\n".join(lines)


def _schema_markdown_tables(db_path, level: str = "###") -> str:
    """A Markdown table of columns for each table."""
    parts = []
    for table in _schema(db_path):
        rows = [f"{level} {table.name}", "", "| Column | Type | Nullable | Key |", "|---|---|---|---|"]
        rows += [f"| {c.name} | {c.type} | {'no' if c.not_null else 'yes'} | {_key_note(table, c)} |"
                 for c in table.columns]
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _and_list(items: Sequence[str]) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def _schema_prose(db_path) -> str:
    """A paragraph per table: its columns in a sentence, then its links."""
    paragraphs = []
    for table in _schema(db_path):
        described = [f"{c.name} ({c.type.lower() or 'untyped'}{', the primary key' if c.primary_key else ''})"
                     for c in table.columns]
        text = f"The {table.name} table has {len(table.columns)} columns: {_and_list(described)}."
        links = [f"{from_column} points to {to_table}.{to_column}"
                 for from_column, to_table, to_column in table.foreign_keys]
        if links:
            text += f" Its {_and_list(links)}."
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _schema_bullets(db_path) -> str:
    lines = []
    for table in _schema(db_path):
        lines.append(f"- **{table.name}**")
        for column in table.columns:
            note = _key_note(table, column)
            lines.append(f"  - `{column.name}` {column.type}" + (f" ({note})" if note else ""))
    return "\n".join(lines)


def _schema_json(db_path) -> list[dict]:
    return [{"name": t.name,
             "columns": [{"name": c.name, "type": c.type, "primary_key": c.primary_key} for c in t.columns],
             "foreign_keys": [{"column": f, "references": f"{tt}.{tc}"} for f, tt, tc in t.foreign_keys]}
            for t in _schema(db_path)]


def _schema_json_compact(db_path) -> dict[str, list[str]]:
    return {t.name: [c.name for c in t.columns] for t in _schema(db_path)}


def _schema_yaml(db_path) -> str:
    lines = ["schema:"]
    for table in _schema(db_path):
        lines.append(f"  {table.name}:")
        lines += [f"    - {c.name}: {c.type}" + (" primary key" if c.primary_key else "") for c in table.columns]
        lines += [f"    # {f} references {tt}.{tc}" for f, tt, tc in table.foreign_keys]
    return "\n".join(lines)


def _schema_xml(db_path) -> str:
    lines = ["<schema>"]
    for table in _schema(db_path):
        lines.append(f'  <table name="{table.name}">')
        for column in table.columns:
            key = ' key="primary"' if column.primary_key else ""
            refs = [f"{tt}.{tc}" for f, tt, tc in table.foreign_keys if f == column.name]
            ref = f' references="{refs[0]}"' if refs else ""
            lines.append(f'    <column name="{column.name}" type="{column.type}"{key}{ref}/>')
        lines.append("  </table>")
    lines.append("</schema>")
    return "\n".join(lines)


def _schema_csv(db_path) -> str:
    rows = ["table_name,column_name,data_type,is_primary_key"]
    rows += [f"{t.name},{c.name},{c.type},{'YES' if c.primary_key else 'NO'}" for t in _schema(db_path)
             for c in t.columns]
    return "\n".join(rows)


# SQL examples in several styles

def _sql_examples_turns(examples: Sequence[dict], wrap: Callable[[str], str] = lambda q: q) -> Messages:
    turns: Messages = []
    for ex in examples:
        turns += [_user(wrap(ex["question"])), _assistant(ex["sql"])]
    return turns


def _sql_examples_commented(examples: Sequence[dict], terminator: str = "") -> str:
    return "\n\n".join(f"-- {ex['question']}\n{ex['sql']}{terminator}" for ex in examples)


def _sql_examples_pairs(examples: Sequence[dict], q: str, a: str, sep: str = "\n") -> str:
    return "\n\n".join(f"{q} {ex['question']}{sep}{a} {ex['sql']}" for ex in examples)


def _sql_examples_table(examples: Sequence[dict]) -> str:
    if not examples:
        return ""
    rows = ["| Question | SQL |", "|---|---|"]
    rows += [f"| {_md_cell(ex['question'])} | `{_md_cell(ex['sql'])}` |" for ex in examples]
    return "\n".join(rows)


def _sql_examples_numbered(examples: Sequence[dict]) -> str:
    return "\n".join(f"{i}. {ex['question']}\n   {ex['sql']}" for i, ex in enumerate(examples, start=1))


def _sql_examples_fenced(examples: Sequence[dict], label: str = "Q:") -> str:
    return "\n\n".join(f"{label} {ex['question']}\n```sql\n{ex['sql']}\n```" for ex in examples)


def _sql_examples_xml(examples: Sequence[dict]) -> str:
    if not examples:
        return ""
    inner = "\n".join(f"  <example>\n    <question>{ex['question']}</question>\n    <sql>{ex['sql']}</sql>\n"
                      "  </example>" for ex in examples)
    return f"<examples>\n{inner}\n</examples>"


def _sql_examples_yaml(examples: Sequence[dict]) -> str:
    if not examples:
        return ""
    lines = ["examples:"]
    for ex in examples:
        lines += [f"  - question: {_as_json(ex['question'])}", "    sql: |", _indent(ex["sql"], "      ")]
    return "\n".join(lines)


def _plain_examples(examples: Sequence[dict]) -> list[dict]:
    return [{"question": ex["question"], "sql": ex["sql"]} for ex in examples]


def _sql_create_system_turns(question, db_path, dictionary, examples):
    return [
        _system(_blocks("You write SQLite queries for Acme Outfitters' analytics database. Reply with the SQL only.",
                        f"Schema:\n{_schema_create(db_path)}", dictionary.strip())),
        *_sql_examples_turns(examples),
        _user(question),
    ]


def _sql_markdown_tables_fenced_examples(question, db_path, dictionary, examples):
    shown = _sql_examples_commented(examples, ";")
    return [_user(_blocks(
        f"# Database tables\n\n{_schema_markdown_tables(db_path)}",
        f"# Data dictionary\n\n{dictionary.strip()}",
        f"# Example queries\n\n```sql\n{shown}\n```" if examples else "",
        f"# Question\n\n{question}",
        "Return just the query, no explanation.",
    ))]


def _sql_prose_question_first(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"I need a SQLite query for this: {question}",
        f"Some background on the database.\n\n{_schema_prose(db_path)}",
        f"The analytics team's data dictionary:\n\n{dictionary.strip()}",
        _section("Queries that answered similar questions:", _sql_examples_numbered(examples)),
        "Output only the code.",
    ))]


def _sql_signatures_terse(question, db_path, dictionary, examples):
    return [_user(_blocks(
        "SQLite. Query only.",
        _schema_signatures(db_path),
        dictionary.strip(),
        _sql_examples_pairs(examples, "Q:", "SQL:"),
        f"Q: {question}\nSQL:",
    ))]


def _sql_xml_tags(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"<db_schema>\n{_schema_create(db_path)}\n</db_schema>",
        f"<data_dictionary>\n{dictionary.strip()}\n</data_dictionary>",
        _sql_examples_xml(examples),
        f"<question>{question}</question>",
        "Write one SQLite query that answers the question in <question>. Reply with the SQL only, no tags.",
    ))]


def _sql_json_payload(question, db_path, dictionary, examples):
    payload = {"database": "SQLite", "schema": _schema_json(db_path), "dictionary": dictionary.strip(),
               "examples": _plain_examples(examples), "question": question}
    return [
        _system("You turn JSON requests into SQLite queries. Output only the query."),
        _user(_as_json(payload)),
    ]


def _sql_yaml_like(question, db_path, dictionary, examples):
    return [_user(_blocks(
        _schema_yaml(db_path),
        _sql_examples_yaml(examples),
        f"question: {question}",
        "instructions: reply with one SQLite query and nothing else",
        f"---\nReference notes (Markdown):\n\n{dictionary.strip()}",
    ))]


def _sql_chatty(question, db_path, dictionary, examples):
    return [_user(_blocks(
        "Hi! Could you help me write a query against our SQLite database? Here are the tables:",
        f"```sql\n{_schema_create(db_path)}\n```",
        "Our analytics team keeps a data dictionary that explains the cryptic column names and a bunch of "
        f"gotchas, so I'm pasting it in full:\n\n{dictionary.strip()}",
        _section("And a few queries colleagues wrote for similar questions, in case they help:",
                 _sql_examples_fenced(examples)),
        f"What I want to know: {question}",
        "Could you send back just the SQL? I'm going to paste it straight into my notebook. Thanks!",
    ))]


def _sql_persona_table_examples(question, db_path, dictionary, examples):
    return [
        _system("You are a senior analytics engineer at Acme Outfitters. You answer with a single SQLite query "
                f"and no prose.\n\nThe database has these tables:\n{_schema_bullets(db_path)}"),
        _user(_blocks(
            f"Team notes on the data:\n\n{dictionary.strip()}",
            _section("Questions we answered before:", _sql_examples_table(examples)),
            f"Today's question: {question}",
        )),
    ]


def _sql_input_output(question, db_path, dictionary, examples):
    return [_user(_blocks(
        "Translate questions into SQLite queries for the schema below. Reply with the SQL only.",
        _schema_typed_lines(db_path),
        dictionary.strip(),
        _sql_examples_pairs(examples, "Input:", "Output:"),
        f"Input: {question}\nOutput:",
    ))]


def _sql_dictionary_system_schema_user(question, db_path, dictionary, examples):
    return [
        _system(f"{dictionary.strip()}\n\nUse the data dictionary above whenever you write SQL for this "
                "database. Answer with one SQLite query, nothing else."),
        _user(_blocks(
            f"Schema:\n```\n{_schema_create(db_path, terminator='')}\n```",
            _section("Previous questions and their SQL:", _as_json(_plain_examples(examples)) if examples else ""),
            f"New question: {question}",
        )),
    ]


def _sql_no_dictionary_signatures(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"Tables:\n{_schema_signatures(db_path)}",
        _section("Some questions and the SQL that answers them:", _sql_examples_pairs(examples, "-", "  =>")),
        f"Give me the SQLite query for: {question}\nOnly the query, please.",
    ))]


def _sql_no_dictionary_create_comment(question, db_path, dictionary, examples):
    return [
        _system("Output only the code."),
        _user(_blocks(_schema_create(db_path), _sql_examples_commented(examples, ";"), f"-- {question}")),
    ]


def _sql_setup_turns(question, db_path, dictionary, examples):
    return [
        _user(f"Here's the schema of our SQLite database:\n\n{_schema_create(db_path)}"),
        _assistant("Thanks, I have the schema. Anything else I should know?"),
        _user(f"Yes, here's the data dictionary:\n\n{dictionary.strip()}"),
        _assistant("Got it. What's the question?"),
        _user(_blocks(_section("For reference, earlier ones:", _sql_examples_pairs(examples, "Q:", "A:")),
                      question, "Reply with the SQL only.")),
    ]


def _sql_fenced_everything(question, db_path, dictionary, examples):
    shown = "\n\n".join(f"-- Q: {ex['question']}\n{ex['sql']};" for ex in examples)
    return [_user(_blocks(
        f"```sql\n{_schema_create(db_path)}\n```",
        f"````markdown\n{dictionary.strip()}\n````",  # four backticks: the dictionary has ``` blocks
        f"```sql\n{shown}\n```" if examples else "",
        f'Write the SQLite query for "{question}". Reply with only the query.',
    ))]


def _sql_bullets_reference_material(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"## Schema\n\n{_schema_bullets(db_path)}",
        f"## Reference material\n\n{dictionary.strip()}",
        _section("## Prior queries", _sql_examples_numbered(examples)),
        f"## Request\n\n{question}",
        "Just the SQL.",
    ))]


def _sql_xml_elements_system(question, db_path, dictionary, examples):
    return [
        _system(_blocks(_schema_xml(db_path), f"<notes>\n{dictionary.strip()}\n</notes>",
                        _sql_examples_xml(examples))),
        _user(f"<request>{question}</request>\nAnswer with the SQL statement only."),
    ]


def _sql_manager_email(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"From: Dana (Head of Merchandising)\nSubject: numbers for Monday\n\nHi,\n\nCan you pull this for me: "
        f"{question}\n\nThanks!\nDana",
        "---",
        "(Note to the assistant) Write the SQLite query for Dana's request above. The database schema, the data "
        "dictionary and a few past requests with their queries follow. Reply with the query only.",
        _schema_typed_lines(db_path),
        dictionary.strip(),
        _sql_examples_pairs(examples, "Request:", "Query:"),
    ))]


def _sql_json_compact_schema(question, db_path, dictionary, examples):
    lines = "\n".join(_as_json(ex, indent=None) for ex in _plain_examples(examples))
    return [_user(_blocks(
        f"Schema as JSON (table -> columns): {_as_json(_schema_json_compact(db_path), indent=None)}",
        f"Docs:\n{dictionary.strip()}",
        _section("Examples (JSON lines):", lines),
        f"Question — {question}",
        "Return just the query, no explanation.",
    ))]


def _sql_notebook(question, db_path, dictionary, examples):
    runs = "\n".join(f'pd.read_sql("""{ex["sql"]}""", conn)  # {ex["question"]}' for ex in examples)
    return [_user(_blocks(
        f"I'm in a Jupyter notebook:\n\n```python\nimport sqlite3\nimport pandas as pd\n"
        f'conn = sqlite3.connect("{Path(db_path).name}")\n```',
        f"The tables look like this (from sqlite_master):\n\n```\n{_schema_create(db_path)}\n```",
        f"Data dictionary:\n\n{dictionary.strip()}",
        f"Queries I've run before:\n\n```python\n{runs}\n```" if examples else "",
        f"What SQL should I pass to pd.read_sql to answer: {question}\nOnly the SQL, please, no Python.",
    ))]


def _sql_question_repeated(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"Question: {question}",
        _schema_prose(db_path),
        dictionary.strip(),
        _section("Examples:", _sql_examples_fenced(examples, "Question:")),
        f"Once more, the question: {question}\nAnswer with the SQL query only.",
    ))]


def _sql_business_rules_headings(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"# Database\n\n{_schema_signatures(db_path)}",
        f"# Business rules\n\n{dictionary.strip()}",
        _section("# Prior queries", _as_json(_plain_examples(examples)) if examples else ""),
        f"# Request\n\n{question}",
        "Output: one SQLite statement, no commentary.",
    ))]


def _sql_uppercase_system_bare_question(question, db_path, dictionary, examples):
    return [
        _system(_blocks(
            "Acme analytics SQL assistant.",
            f"TABLES\n{_schema_typed_lines(db_path)}",
            f"DICTIONARY\n{dictionary.strip()}",
            _section("EXAMPLES", _sql_examples_pairs(examples, "Q:", "A:")),
            "RULES\n- SQLite dialect\n- reply with the query only",
        )),
        _user(question),
    ]


def _sql_no_dictionary_markdown_turns(question, db_path, dictionary, examples):
    return [
        _system(f"Database:\n\n{_schema_markdown_tables(db_path, level='####')}\n\n"
                "Answer each question with one SQLite query. SQL only."),
        *_sql_examples_turns(examples),
        _user(question),
    ]


def _sql_csv_columns(question, db_path, dictionary, examples):
    return [_user(_blocks(
        f"Column listing exported from the database (CSV):\n\n{_schema_csv(db_path)}",
        f"Data dictionary from the analytics wiki:\n\n{dictionary.strip()}",
        _sql_examples_yaml(examples),
        f"Write a single SQLite query answering: {question}",
        "No explanation, no Markdown: just the query.",
    ))]


SQL_LAYOUTS: dict[str, Callable[[str, Path, str, list[dict]], Messages]] = {
    "CREATE TABLE + dictionary in system, examples as chat turns": _sql_create_system_turns,
    "Markdown table per table, examples in a fenced block": _sql_markdown_tables_fenced_examples,
    "question first, schema in prose": _sql_prose_question_first,
    "terse table(col, ...) lines, Q:/SQL:": _sql_signatures_terse,
    "<db_schema>, <data_dictionary>, <examples>, <question> tags": _sql_xml_tags,
    "everything in one JSON object": _sql_json_payload,
    "YAML-like schema and examples, dictionary after": _sql_yaml_like,
    "chatty single message": _sql_chatty,
    "persona system with bullet schema, examples as a table": _sql_persona_table_examples,
    "typed lines, Input:/Output: pairs": _sql_input_output,
    "dictionary in system, schema in user, JSON examples": _sql_dictionary_system_schema_user,
    "no dictionary: table(col, ...) lines, plain ask": _sql_no_dictionary_signatures,
    "no dictionary: CREATE TABLE and a SQL comment": _sql_no_dictionary_create_comment,
    "schema and dictionary in earlier turns": _sql_setup_turns,
    "fenced blocks only, question quoted": _sql_fenced_everything,
    "## Schema / ## Reference material / ## Request": _sql_bullets_reference_material,
    "XML <schema><table><column> in system, <request>": _sql_xml_elements_system,
    "manager's email, question first": _sql_manager_email,
    "compact JSON schema, JSON-lines examples": _sql_json_compact_schema,
    "Jupyter notebook context": _sql_notebook,
    "question before and after the material": _sql_question_repeated,
    "# Database / # Business rules / # Request": _sql_business_rules_headings,
    "UPPER-CASE sections in system, bare question": _sql_uppercase_system_bare_question,
    "no dictionary: Markdown tables in system, chat-turn examples": _sql_no_dictionary_markdown_turns,
    "CSV column listing, YAML examples": _sql_csv_columns,
}

# The SQL layouts that leave the data dictionary out (all the others include it in full).
SQL_LAYOUTS_WITHOUT_DICTIONARY = frozenset(name for name in SQL_LAYOUTS if name.startswith("no dictionary"))


# ---------------------------------------------------------------------------------------------
# The course's own templates, with the same signatures

def _course_qa(question: str, documents: list[str]) -> Messages:
    return qa_messages(question, documents)


def _course_classify(text: str, labels: dict[str, str], examples: list[Example]) -> Messages:
    return ticket_messages(text, list(labels), labels, examples)


def _course_sql(question: str, db_path: Path, dictionary: str, examples: list[dict]) -> Messages:
    return sql_messages(question, schema_text(db_path), dictionary, examples)


COURSE_TEMPLATES = {"qa": _course_qa, "classify": _course_classify, "sql": _course_sql}

LAYOUTS = {"qa": QA_LAYOUTS, "classify": CLASSIFY_LAYOUTS, "sql": SQL_LAYOUTS}
