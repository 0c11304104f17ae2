"""A second held-out set of hand-written chat-prompt layouts.

These layouts were written independently of the offline reader (``course_utils.offline``)
and of ``tests/layout_suite.py``, without looking at either, so that they can serve as a
second yardstick: prompts the way a learner of the course might plausibly write them by
hand, for the course's two prompt-reading tasks.

* ``FRESH_CLASSIFY_LAYOUTS`` -- support-ticket classification. Each layout is
  ``fn(text, labels, examples) -> messages`` where ``labels`` maps a short code to a long
  description, ``examples`` is a list of ``(ticket text, code)`` pairs and ``text`` is the
  ticket to classify. The expected reply is one label code.
* ``FRESH_QA_LAYOUTS`` -- answering a customer's question from knowledge-base articles.
  Each layout is ``fn(question, documents) -> messages``. The expected reply is a short
  answer taken from the documents, or exactly ``not in the documents``.

Every layout returns OpenAI chat ``messages`` ending with a user message, and includes all
label codes with their full descriptions, all examples with their codes, all documents and
the ticket text / question verbatim (inside JSON layouts as ``json.dumps`` strings).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable


def _system(content: str) -> dict:
    return {"role": "system", "content": content}


def _user(content: str) -> dict:
    return {"role": "user", "content": content}


def _assistant(content: str) -> dict:
    return {"role": "assistant", "content": content}


NOT_FOUND = "not in the documents"


# ---------------------------------------------------------------------------------------------
# Ticket classification
# ---------------------------------------------------------------------------------------------


def _codes(labels: dict[str, str]) -> str:
    return ", ".join(labels)


def _classify_system_md(text, labels, examples):
    """System message with level-1/level-2 Markdown headings, bold codes, ticket in user turn."""
    parts = [
        "# Ticket triage",
        "",
        "You work on the support desk. Read the customer's ticket and decide which queue it "
        "belongs to. Answer with the queue code only, for example `" + next(iter(labels)) + "`.",
        "",
        "## Queues",
        "",
    ]
    for code, description in labels.items():
        parts += [f"**{code}** — {description}", ""]
    parts += ["## Tickets we have already routed", ""]
    for ticket, code in examples:
        parts += ["Ticket:", ticket, f"Queue: {code}", ""]
    return [
        _system("\n".join(parts).rstrip()),
        _user(f"Ticket to route:\n\n{text}"),
    ]


def _classify_xml_attrs(text, labels, examples):
    """Everything in the user message, in XML tags carrying attributes."""
    lines = ["<categories>"]
    for code, description in labels.items():
        lines.append(f'  <category code="{code}">{description}</category>')
    lines.append("</categories>")
    lines.append("")
    lines.append("<solved_tickets>")
    for i, (ticket, code) in enumerate(examples, 1):
        lines.append(f'<ticket id="{i}" category="{code}">')
        lines.append(ticket)
        lines.append("</ticket>")
    lines.append("</solved_tickets>")
    lines.append("")
    lines.append("<new_ticket>")
    lines.append(text)
    lines.append("</new_ticket>")
    return [
        _system(
            "You classify customer support tickets. The user message holds the category "
            "definitions, some tickets that were already categorised, and one new ticket. "
            "Reply with the code of the single best category for the new ticket and nothing else."
        ),
        _user("\n".join(lines)),
    ]


def _classify_json(text, labels, examples):
    """A JSON payload in the user message; instructions in the system message."""
    payload = {
        "allowed_codes": {code: description for code, description in labels.items()},
        "previously_coded": [{"message": ticket, "code": code} for ticket, code in examples],
        "message_to_code": text,
    }
    return [
        _system(
            "You receive a JSON object describing a support-ticket coding task. "
            "`allowed_codes` maps each code to what it means, `previously_coded` shows how "
            "earlier messages were coded, and `message_to_code` is the message you must code. "
            "Respond with exactly one code from `allowed_codes`, no explanation."
        ),
        _user(json.dumps(payload, indent=2, ensure_ascii=False)),
    ]


def _classify_chat_turns(text, labels, examples):
    """Categories in the system message, examples as earlier user/assistant turns."""
    system = ["You are a ticket router. For every ticket the user sends, reply with one code.", ""]
    system += [f"- {code}: {description}" for code, description in labels.items()]
    messages = [_system("\n".join(system))]
    for ticket, code in examples:
        messages.append(_user(ticket))
        messages.append(_assistant(code))
    messages.append(_user(text))
    return messages


def _classify_ticket_first_prose(text, labels, examples):
    """Plain prose, the ticket quoted first, definitions and precedents after."""
    parts = [
        "A customer just sent us the message below.",
        "",
        '"""',
        text,
        '"""',
        "",
        "Please file it in one of our queues. Here is what each queue is for:",
        "",
    ]
    for code, description in labels.items():
        parts += [f"The {code} queue. {description}", ""]
    parts += ["To give you a feel for how we file things, here are some earlier messages.", ""]
    for ticket, code in examples:
        parts += ['"""', ticket, '"""', f"This one went to {code}.", ""]
    parts.append(
        f"Which queue should the first message go to? Answer with just one of: {_codes(labels)}."
    )
    return [_user("\n".join(parts))]


def _classify_numbered_bold(text, labels, examples):
    """Numbered list of bold codes, examples in fenced blocks with the answer in the caption."""
    parts = ["Classify the support request at the end into exactly one of these types:", ""]
    for i, (code, description) in enumerate(labels.items(), 1):
        parts.append(f"{i}. **{code}**: {description}")
    parts += ["", "Worked examples:", ""]
    for i, (ticket, code) in enumerate(examples, 1):
        parts += [f"Example {i} (answer: {code}):", "```text", ticket, "```", ""]
    parts += [
        "Request to classify:",
        "",
        text,
        "",
        "Reply with the type code alone.",
    ]
    return [_user("\n".join(parts))]


def _classify_markdown_table(text, labels, examples):
    """Category definitions as a Markdown table; examples as pairs of lines."""
    parts = [
        "### Ticket categories",
        "",
        "| Code | When to use it |",
        "|------|----------------|",
    ]
    for code, description in labels.items():
        parts.append(f"| {code} | {description} |")
    parts += ["", "### Sample tickets", ""]
    for ticket, code in examples:
        parts += [f"Customer wrote:\n{ticket}", f"Category: {code}", ""]
    parts += ["### Ticket", "", text]
    return [
        _system(
            "Pick the category code from the table that fits the ticket best. "
            "Output only the code."
        ),
        _user("\n".join(parts)),
    ]


def _classify_yaml(text, labels, examples):
    """A YAML-ish task description in the system message (JSON-quoted strings)."""
    lines = [
        "task: route one customer support ticket",
        "answer_format: a single code from `queues`, nothing else",
        "queues:",
    ]
    for code, description in labels.items():
        lines.append(f"  {code}: {json.dumps(description, ensure_ascii=False)}")
    lines.append("history:")
    for ticket, code in examples:
        lines.append(f"  - ticket: {json.dumps(ticket, ensure_ascii=False)}")
        lines.append(f"    queue: {code}")
    return [
        _system("\n".join(lines)),
        _user(f"ticket: {json.dumps(text, ensure_ascii=False)}"),
    ]


def _csv_block(header: list[str], rows: list[tuple[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def _classify_csv(text, labels, examples):
    """Definitions and examples as CSV tables; the ticket raw at the end."""
    definitions = _csv_block(["code", "description"], list(labels.items()))
    history = _csv_block(["ticket", "code"], list(examples))
    content = (
        "Two CSV files follow. The first lists our ticket codes; the second lists tickets "
        "that an agent already coded.\n\n"
        f"codes.csv\n```csv\n{definitions}\n```\n\n"
        f"coded_tickets.csv\n```csv\n{history}\n```\n\n"
        "Give the code for this ticket (code only):\n\n"
        f"{text}"
    )
    return [_user(content)]


def _classify_email(text, labels, examples):
    """An email from a team lead asking for a tag, with everything inline."""
    parts = [
        "Subject: Could you tag a ticket for me?",
        "",
        "Hi,",
        "",
        "we tag every incoming ticket with one of the following tags:",
        "",
    ]
    for code, description in labels.items():
        parts.append(f"- {code} — {description}")
    parts += ["", "Here are a few I tagged last week, so you can see how we do it:", ""]
    for ticket, code in examples:
        parts += ["---", ticket, f"=> tagged {code}"]
    parts += [
        "---",
        "",
        "And here is the one I need help with:",
        "",
        "---",
        text,
        "---",
        "",
        "Just send back the tag, nothing else.",
        "",
        "Thanks,",
        "Maria",
    ]
    return [_user("\n".join(parts))]


def _classify_grouped_by_code(text, labels, examples):
    """One section per code, each with its description and its own sample tickets."""
    parts = [
        "You sort customer messages into departments. Each department is described below "
        "together with messages it has handled before.",
        "",
    ]
    for code, description in labels.items():
        parts += [f"### {code}", "", description, ""]
        handled = [ticket for ticket, c in examples if c == code]
        if handled:
            parts.append(f"Messages handled by {code}:")
            parts.append("")
            for ticket in handled:
                parts += ["```", ticket, "```"]
        else:
            parts.append(f"(No sample messages for {code} yet.)")
        parts.append("")
    leftovers = [(ticket, c) for ticket, c in examples if c not in labels]
    for ticket, code in leftovers:
        parts += ["```", ticket, "```", f"(handled by {code})", ""]
    parts.append("Reply with the department code only.")
    return [
        _system("\n".join(parts)),
        _user(f"Which department handles this message?\n\n```\n{text}\n```"),
    ]


def _classify_xml_plain_system(text, labels, examples):
    """XML tags without attributes, definitions and cases in the system message."""
    lines = [
        "<instructions>",
        "Assign the customer message to one label from <label_set>. Use <reference_cases> "
        "to see how similar messages were labelled. Output the label code only.",
        "</instructions>",
        "<label_set>",
    ]
    for code, description in labels.items():
        lines += ["<item>", f"<code>{code}</code>", f"<meaning>{description}</meaning>", "</item>"]
    lines.append("</label_set>")
    lines.append("<reference_cases>")
    for ticket, code in examples:
        lines += ["<case>", "<message>", ticket, "</message>", f"<answer>{code}</answer>", "</case>"]
    lines.append("</reference_cases>")
    return [
        _system("\n".join(lines)),
        _user(f"<customer_message>\n{text}\n</customer_message>"),
    ]


def _classify_one_line_examples(text, labels, examples):
    """Heading-3 sections, every example on a single line (JSON-quoted ticket -> code)."""
    parts = ["### Codes", ""]
    for code, description in labels.items():
        parts.append(f"* `{code}` — {description}")
    parts += ["", "### How past tickets were coded (one per line)", ""]
    for ticket, code in examples:
        parts.append(f"{json.dumps(ticket, ensure_ascii=False)} -> {code}")
    parts += [
        "",
        "### Your turn",
        "",
        "Code the ticket below the same way. Write the code and nothing more.",
        "",
        text,
    ]
    return [_user("\n".join(parts))]


def _classify_ticket_first_h2(text, labels, examples):
    """Ticket first under a level-2 heading, then the rules, then precedents."""
    parts = ["## Incoming ticket", "", text, "", "## How to classify", ""]
    parts.append("Choose the one code below whose description matches the ticket best:")
    parts.append("")
    for code, description in labels.items():
        parts += [f"**{code}**", description, ""]
    parts += ["## Precedents", ""]
    for ticket, code in examples:
        parts += ["Message:", ticket, f"Filed as: **{code}**", ""]
    parts.append("Reply with the code for the incoming ticket.")
    return [
        _system("You are a careful support-desk assistant. Your answers are a single code."),
        _user("\n".join(parts).rstrip()),
    ]


def _classify_staged_turns(text, labels, examples):
    """Material handed over across earlier turns: codes, then examples, then the ticket."""
    codes = "\n\n".join(f"{code}\n{description}" for code, description in labels.items())
    cases = "\n\n".join(f"[{code}]\n{ticket}" for ticket, code in examples)
    return [
        _system("You help our support team route tickets."),
        _user("First, these are the routing codes we use, each followed by its meaning:\n\n" + codes),
        _assistant("Thanks, I have the routing codes. What next?"),
        _user("Here are some tickets with the code they got, shown in brackets above each:\n\n"
              + cases),
        _assistant("Understood. Send me the ticket you want routed."),
        _user(f"Please route this ticket. Reply with the code only.\n\n{text}"),
    ]


def _classify_plain_prose(text, labels, examples):
    """Flowing prose paragraphs, no markup at all."""
    paragraphs = [
        f"You sort support messages for our company. There are {len(labels)} possible codes, "
        "and every message gets exactly one of them."
    ]
    for code, description in labels.items():
        paragraphs.append(f"Code {code} is used as follows. {description}")
    for ticket, code in examples:
        paragraphs.append(f"Here is a message that was given the code {code}:\n\n{ticket}")
    paragraphs.append(f"Now here is the message I want you to code:\n\n{text}")
    paragraphs.append("What is its code? Please answer with the code by itself.")
    return [_user("\n\n".join(paragraphs))]


FRESH_CLASSIFY_LAYOUTS: dict[str, Callable[[str, dict[str, str], list[tuple[str, str]]], list[dict]]] = {
    "system markdown queues": _classify_system_md,
    "xml tags with attributes": _classify_xml_attrs,
    "json payload": _classify_json,
    "few-shot chat turns": _classify_chat_turns,
    "ticket first, prose": _classify_ticket_first_prose,
    "numbered bold list": _classify_numbered_bold,
    "markdown table": _classify_markdown_table,
    "yaml-ish system": _classify_yaml,
    "csv files": _classify_csv,
    "email from team lead": _classify_email,
    "grouped by code": _classify_grouped_by_code,
    "xml without attributes": _classify_xml_plain_system,
    "one-line examples": _classify_one_line_examples,
    "ticket first, h2": _classify_ticket_first_h2,
    "staged earlier turns": _classify_staged_turns,
    "plain prose": _classify_plain_prose,
}


# ---------------------------------------------------------------------------------------------
# Question answering from knowledge-base articles
# ---------------------------------------------------------------------------------------------


def _qa_system_md(question, documents):
    """Articles in the system message under a level-1 heading, separated by rules."""
    parts = [
        "You answer customer questions using only our knowledge base, shown below. "
        "Keep the answer short. If the knowledge base does not cover the question, reply "
        f"exactly: {NOT_FOUND}",
        "",
        "# Knowledge base",
    ]
    for i, document in enumerate(documents, 1):
        parts += ["", "---", f"Article {i}", "", document]
    return [_system("\n".join(parts)), _user(question)]


def _qa_xml_attrs(question, documents):
    """Documents in XML tags with index attributes, question last."""
    lines = ["<documents>"]
    for i, document in enumerate(documents, 1):
        lines += [f'<document index="{i}">', document, "</document>"]
    lines.append("</documents>")
    lines += ["", f"<question>{question}</question>"]
    return [
        _system(
            "Answer the question from the provided documents alone, briefly. When the "
            f"documents do not contain the answer, respond with \"{NOT_FOUND}\" and nothing else."
        ),
        _user("\n".join(lines)),
    ]


def _qa_json(question, documents):
    """A JSON bundle of articles and the customer's question."""
    payload = {
        "articles": [{"id": i, "body": document} for i, document in enumerate(documents, 1)],
        "customer_question": question,
    }
    return [
        _system(
            "The user sends a JSON object with help-centre `articles` and a "
            "`customer_question`. Answer the question in a few words, using only the articles. "
            f"If none of the articles answers it, your whole reply must be: {NOT_FOUND}"
        ),
        _user(json.dumps(payload, indent=2, ensure_ascii=False)),
    ]


def _qa_question_first(question, documents):
    """The question comes first, then the pages to search."""
    parts = [
        f"A customer asks: {question}",
        "",
        "Look for the answer in these help-centre pages:",
    ]
    for i, document in enumerate(documents, 1):
        parts += ["", f"=== Page {i} ===", document]
    parts += [
        "",
        "=== End of pages ===",
        "",
        "Reply with a short answer based on the pages. If the pages don't say, reply with "
        f"the words {NOT_FOUND} and nothing more.",
    ]
    return [_user("\n".join(parts))]


def _qa_chat_turns(question, documents):
    """Each article pasted in its own earlier user turn, acknowledged by the assistant."""
    messages = [
        _system(
            "You are a support assistant. Base your answers solely on the articles the user "
            "pastes. Be brief. If the articles don't answer the question, say exactly: "
            f"{NOT_FOUND}"
        ),
        _user(f"I'm going to paste {len(documents)} help articles, one per message."),
        _assistant("Sure, go ahead."),
    ]
    for i, document in enumerate(documents, 1):
        messages.append(_user(f"Article {i}:\n\n{document}"))
        messages.append(_assistant(f"Got article {i}."))
    messages.append(_user(f"That's all of them. Customer question: {question}"))
    return messages


def _qa_email(question, documents):
    """A forwarded customer email with the relevant articles attached below."""
    parts = [
        "Hi,",
        "",
        "a customer emailed us the question below. Could you answer it using the attached "
        "help articles? A sentence or less is fine. If the articles don't cover it, just "
        f"write back \"{NOT_FOUND}\" so I know to escalate.",
        "",
        "---------- Forwarded message ----------",
        question,
        "---------------------------------------",
        "",
    ]
    for i, document in enumerate(documents, 1):
        parts += [f"Attachment {i}:", "", document, ""]
    parts += ["Thanks a lot,", "Sam"]
    return [_user("\n".join(parts))]


def _qa_numbered_bold(question, documents):
    """Bold numbered source captions, question under a bold caption at the end."""
    parts = []
    for i, document in enumerate(documents, 1):
        parts += [f"**Source {i}**", "", document, ""]
    parts += ["**Customer question**", "", question]
    return [
        _system(
            "Use the numbered sources to answer the customer's question concisely. Don't use "
            "outside knowledge. Should the sources not contain the answer, output "
            f"{NOT_FOUND} as your entire reply."
        ),
        _user("\n".join(parts)),
    ]


def _qa_fenced(question, documents):
    """Each article inside a four-backtick markdown fence."""
    parts = ["Here are the support articles you may use:", ""]
    for i, document in enumerate(documents, 1):
        parts += [f"Article {i}:", "````markdown", document, "````", ""]
    parts += [
        f"Question: {question}",
        "",
        "Answer in one short phrase taken from the articles. "
        f"If the articles can't answer it, reply: {NOT_FOUND}",
    ]
    return [_user("\n".join(parts))]


def _qa_yaml(question, documents):
    """A YAML-ish request with JSON-quoted document bodies."""
    lines = [
        "role: help-desk answerer",
        "rules:",
        "  - answer only from `kb_pages`",
        "  - keep it short",
        f"  - if `kb_pages` lack the answer, reply with: {NOT_FOUND}",
        "kb_pages:",
    ]
    for i, document in enumerate(documents, 1):
        lines.append(f"  - page: {i}")
        lines.append(f"    text: {json.dumps(document, ensure_ascii=False)}")
    return [
        _system("\n".join(lines)),
        _user(f"question: {json.dumps(question, ensure_ascii=False)}"),
    ]


def _qa_context_template(question, documents):
    """The classic retrieval-augmented template: context block, then the query."""
    context = "\n\n".join(documents)
    content = (
        "Context information is below.\n"
        "---------------------\n"
        f"{context}\n"
        "---------------------\n"
        "Given the context information and not prior knowledge, answer the query briefly. "
        f"If the context does not contain the answer, answer \"{NOT_FOUND}\".\n"
        f"Query: {question}\n"
        "Answer:"
    )
    return [_user(content)]


def _qa_xml_plain_system(question, documents):
    """Articles in plain XML tags inside the system message."""
    lines = [
        "You are the help-desk assistant. Answer the user's question using only the articles "
        "in <kb>. Keep answers to a phrase or a sentence. If the articles do not contain the "
        f"answer, reply with exactly: {NOT_FOUND}",
        "",
        "<kb>",
    ]
    for document in documents:
        lines += ["<article>", document, "</article>"]
    lines.append("</kb>")
    return [
        _system("\n".join(lines)),
        _user(f"<customer_question>\n{question}\n</customer_question>"),
    ]


def _qa_h3_sections(question, documents):
    """Level-3 headings for the reference material and for the question."""
    parts = ["### Reference material", ""]
    for i, document in enumerate(documents, 1):
        name = chr(ord("A") + i - 1) if i <= 26 else str(i)
        parts += [f"#### Excerpt {name}", "", document, ""]
    parts += [
        "### Customer's question",
        "",
        question,
        "",
        "### What to do",
        "",
        "Answer from the reference material only, in as few words as possible. "
        f"If it isn't covered there, write {NOT_FOUND}.",
    ]
    return [_user("\n".join(parts))]


def _qa_plain_prose(question, documents):
    """Prose framing, articles separated by lines of asterisks."""
    parts = [
        f"Below are {len(documents)} articles from our support site, separated by lines of "
        "asterisks. Read them and answer the customer's question that follows. Give a short "
        "answer that comes straight from the articles; if they do not answer it, say "
        f"{NOT_FOUND} (those exact words, nothing else).",
        "",
        "*****",
    ]
    for document in documents:
        parts += [document, "*****"]
    parts += ["", f"The customer's question is: {question}"]
    return [_user("\n".join(parts))]


def _qa_triple_quotes(question, documents):
    """Instructions in the system message; articles and question in triple quotes in the user turn."""
    parts = ["Help articles:", ""]
    for i, document in enumerate(documents, 1):
        parts += [f'Article #{i}', '"""', document, '"""', ""]
    parts += ["Customer question:", '"""', question, '"""']
    return [
        _system(
            "You answer questions for customers of our shop. You may only use the help articles "
            "given to you. Your reply is the answer alone, short. When the articles say nothing "
            f"about the question, your reply is: {NOT_FOUND}"
        ),
        _user("\n".join(parts)),
    ]


def _qa_table_of_contents(question, documents):
    """A short index of articles first, then the full articles, then the question."""
    def title(document: str, i: int) -> str:
        for line in document.splitlines():
            if line.strip():
                return line.strip().lstrip("#").strip() or f"Article {i}"
        return f"Article {i}"

    parts = ["## Contents", ""]
    parts += [f"{i}. {title(document, i)}" for i, document in enumerate(documents, 1)]
    for i, document in enumerate(documents, 1):
        parts += ["", f"## Article {i}", "", document]
    parts += ["", "## Question", "", question]
    return [
        _system(
            "Answer the question at the end from the articles provided. Be brief. If the "
            f"answer can't be found in them, reply with \"{NOT_FOUND}\"."
        ),
        _user("\n".join(parts)),
    ]


FRESH_QA_LAYOUTS: dict[str, Callable[[str, list[str]], list[dict]]] = {
    "system knowledge base": _qa_system_md,
    "xml documents with index": _qa_xml_attrs,
    "json bundle": _qa_json,
    "question first, pages": _qa_question_first,
    "articles in earlier turns": _qa_chat_turns,
    "forwarded email": _qa_email,
    "bold numbered sources": _qa_numbered_bold,
    "fenced markdown articles": _qa_fenced,
    "yaml-ish system": _qa_yaml,
    "context/query template": _qa_context_template,
    "xml kb in system": _qa_xml_plain_system,
    "h3 sections": _qa_h3_sections,
    "prose with asterisks": _qa_plain_prose,
    "triple-quoted": _qa_triple_quotes,
    "contents then articles": _qa_table_of_contents,
}
