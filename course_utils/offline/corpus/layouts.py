"""Prompts in randomly composed layouts, with the role of every character: the prompt tagger's corpus.

Learners lay a request out in countless ways. Rather than list them, this module composes them
from independent choices: where each part goes (system message, user message, earlier turns),
in which order, under what kind of title (a Markdown heading, a "Title:" line, bold, brackets,
upper case, an XML tag, a JSON key or none) with which words, and in which format each part is
written (label lists as bullets, tables, JSON or a sentence; examples as pairs of lines, arrows,
tables, JSON lines, XML, chat turns or grouped under their label; the text to classify quoted,
fenced, in a tag, in JSON or plain). Every piece of text is written with its role, so the tagger
learns from the layout, not from the words of one template.

Material comes from the train-split practice databases only (classify_tasks.py, qa.py): no Acme
ticket, label, document or question enters this corpus.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field

from course_utils.offline.corpus.classify import ENDINGS, INSTRUCTIONS, shown_name
from course_utils.offline.corpus.classify_tasks import Task
from course_utils.offline.corpus.qa import INSTRUCTIONS as QA_INSTRUCTIONS
from course_utils.offline.corpus.qa import EntityPool, ask, make_passage, make_table, table_columns

from course_utils.offline.reading.tagger import ROLES  # noqa: E402,F401 -- the roles a piece of a prompt plays


@dataclass
class Message:
    """A message being written: its text and the role of each span of it."""

    role: str
    text: str = ""
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, text: str, tag: str) -> "Message":
        if text:
            self.spans.append((len(self.text), len(self.text) + len(text), tag))
            self.text += text
        return self

    def gap(self, text: str = "\n\n") -> "Message":
        return self.add(text, "title") if self.text else self


@dataclass
class Part:
    """A part of a prompt (labels, examples, the text...), written as (text, tag) pieces."""

    name: str
    pieces: list[tuple[str, str]]


# ----------------------------------------------------------------------------------------
# Words

TITLE_WORDS = {
    "labels": ["Labels", "Categories", "Classes", "Allowed labels", "Label definitions", "Codes", "Options",
               "Possible categories", "Valid answers", "Category list", "Routing codes", "Taxonomy", "Queues",
               "Choices", "Label set", "Tags", "Buckets", "Available {what} types", "{What} categories",
               "Where it can go", "Destinations", "Types", "Groups", "Allowed outputs", "Code book"],
    "examples": ["Examples", "Few-shot examples", "Labelled examples", "Training data", "Past {what}s",
                 "Solved cases", "Demonstrations", "Sample inputs and outputs", "Reference cases", "Earlier {what}s",
                 "How we labelled before", "Worked examples", "Precedents", "Some {what}s we already sorted",
                 "Example classifications", "History", "Shots", "Samples", "Cases"],
    "query": ["Text", "Input", "{What}", "New {what}", "{What} to classify", "Classify this", "Now classify",
              "The {what}", "Incoming {what}", "Query", "To label", "Current {what}", "Your turn", "Item",
              "Here it is", "Today's {what}", "Pending {what}", "Unlabelled", "Target", "Content", "Body"],
    "instruction": ["Instructions", "Task", "Rules", "Guidelines", "Your job", "What to do", "Output format",
                    "Role", "Notes", "Steps", "Directions", "Policy", "About you", "Requirements"],
    "context": ["Context", "Documents", "Sources", "Reference", "Background", "Knowledge base", "Passages",
                "Material", "Facts", "Excerpts", "Records", "Notes from the database", "Info", "Data",
                "Retrieved text", "What we know"],
    "question": ["Question", "Query", "Ask", "User question", "Customer asks", "My question", "Request",
                 "Q", "To answer", "Problem", "Help needed", "Question to answer"],
}

EXAMPLE_KEYS = [("Input", "Output"), ("Text", "Label"), ("{What}", "Category"), ("Q", "A"), ("Message", "Code"),
                ("{What}", "Answer"), ("Example", "Class"), ("In", "Out"), ("Sample", "Tag"), ("User", "Bot"),
                ("Customer", "Queue"), ("Content", "Result"), ("X", "Y"), ("Case", "Verdict"), ("Said", "Type")]
JSON_EXAMPLE_KEYS = [("text", "label"), ("input", "output"), ("message", "category"), ("{what}", "code"),
                     ("content", "class"), ("q", "a"), ("prompt", "completion")]
LABEL_TABLE_HEADS = [("Label", "Meaning"), ("Code", "Description"), ("Category", "When to use"), ("Name", "Covers"),
                     ("Tag", "Definition"), ("Queue", "What goes there"), ("Class", "Notes")]

MORE_INSTRUCTIONS = [
    "Pick the best category for the {what} below.", "Which of these fits the {what}?",
    "Decide where this {what} should go.", "Tell me the category of the following {what}.",
    "Label it using the codes above.", "Route the {what} to one queue.", "what category is this",
    "You sort {what}s for our team.", "Act as a careful annotator.", "Use the definitions, not guesses.",
    "If two fit, choose the main one.", "Return just the code, no explanation.", "One word answer please.",
    "Respond in the same format as the examples.", "Do not invent new labels.",
]
FILLER = ["Hi!", "Hello,", "Thanks!", "Thank you.", "Cheers", "Here you go.", "Please help.", "Quick one.",
          "Let me know.", "Appreciate it.", "OK.", "Great, thanks."]
ACKNOWLEDGEMENTS = ["Got it.", "Understood. Send me the {what}.", "Sure, go ahead.", "Ready.",
                    "OK, I will use those labels.", "Thanks, I have the list."]


GREETINGS = ["Hi team,", "Hello,", "Dear support,", "Hi there!", "Good morning,", "To whom it may concern,"]
SIGN_OFFS = ["Thanks,\nSam", "Best regards,\nR. Okafor", "Cheers, Lin", "Thank you!", "Kind regards\nMaria",
             "Sort this out please.", "Please advise.", "Let me know what to do.", "Answer soon please.\nJo",
             "Please reply quickly.", "Fix this.\nD. Ito"]


def as_letter(text: str, r: random.Random) -> str:
    """A text written over several lines, as messages often are: greeting, body, sign-off."""
    sentences = re.split(r"(?<=[.?!])\s+", text)
    body = "\n".join(sentences) if len(sentences) > 1 and r.random() < 0.5 else text
    return f"{r.choice(GREETINGS)}\n\n{body}\n\n{r.choice(SIGN_OFFS)}" if r.random() < 0.7 else body


def _fill(text: str, what: str) -> str:
    return text.replace("{What}", what[:1].upper() + what[1:]).replace("{what}", what)


# ----------------------------------------------------------------------------------------
# Titles and wrappers

TITLE_STYLES = ["hash1", "hash2", "hash3", "colon", "bold", "brackets", "caps", "tag", "equals", "underline", "none",
                "sentence", "sentence"]
# A part introduced by a sentence rather than a title.
INTRODUCTIONS = {
    "labels": ["Here is what each category means:", "These are the options you can choose from.",
               "Our {what} types, with what goes where:", "Please use one of the following codes."],
    "examples": ["Here are some {what}s we already sorted:", "For reference, some earlier {what}s and where they went.",
                 "To give you a feel for it, a few past cases follow.", "Below are examples from last week."],
    "query": ["A customer just sent us the {what} below.", "Here is the {what} to label:", "This is the one to classify.",
              "The new {what} reads:", "Now this one:"],
    "instruction": ["Some ground rules first.", "How to answer:"],
    "context": ["Here is some material that may help:", "Use these notes from our records.",
                "I found the following pages."],
    "question": ["My question is below.", "Here is what I need to know:", "The customer asks:"],
}


def titled(part: Part, title: str, style: str, r: random.Random) -> list[tuple[str, str]]:
    """A part's pieces under a title written in one style."""
    body = part.pieces
    if style == "none":
        return body
    if style == "tag":
        name = "_".join(title.lower().replace("'", "").split())
        return [(f"<{name}>", "title"), ("\n", "title"), *body, ("\n", "title"), (f"</{name}>", "title")]
    head = {"hash1": f"# {title}", "hash2": f"## {title}", "hash3": f"### {title}", "colon": f"{title}:",
            "bold": f"**{title}**", "brackets": f"[{title.upper()}]", "caps": f"{title.upper()}:",
            "equals": f"=== {title} ===", "underline": f"{title}\n{'-' * len(title)}"}[style]
    if style == "brackets" and r.random() < 0.4:  # [EXAMPLES] ... [/EXAMPLES]
        return [(head, "title"), ("\n", "title"), *body, ("\n", "title"), (f"[/{title.upper()}]", "title")]
    same_line = style == "colon" and len(body) == 1 and "\n" not in body[0][0] and r.random() < 0.6
    return [(head, "title"), (" " if same_line else "\n", "title"), *body]


def wrapped(pieces: list[tuple[str, str]], style: str) -> list[tuple[str, str]]:
    """A text quoted, fenced or set off by rules."""
    marks = {"triple": ('"""', '"""'), "fence": ("```", "```"), "fence_text": ("```text", "```"),
             "rule": ("---", "---"), "tilde": ("~~~", "~~~")}
    if style in marks:
        start, end = marks[style]
        return [(start + "\n", "title"), *pieces, ("\n" + end, "title")]
    if style == "quote":
        return [("> " + line if line else ">", tag) if i == 0 else ("\n> " + line, tag)
                for text, tag in pieces for i, line in enumerate(text.split("\n"))]
    if style == "dquote":
        return [('"', "title"), *pieces, ('"', "title")]
    return pieces


# ----------------------------------------------------------------------------------------
# Labels

def label_part(shown: list[tuple[str, str]], with_descriptions: bool, fmt: str, r: random.Random,
               what: str = "text") -> Part:
    """The label list in one format. shown: (name as written, description)."""
    if not with_descriptions and fmt in ("paren_sentence", "xml_attr"):
        fmt = "comma"
    pieces: list[tuple[str, str]] = []
    names = [name for name, _ in shown]

    def lines(items: list[str], tag: str = "label"):
        for i, item in enumerate(items):
            pieces.append((("\n" if i else "") + item, tag))

    if fmt == "comma" or (fmt in ("json_dict", "yaml_dict", "indented") and not with_descriptions):
        joiner = r.choice([", ", " | ", " / ", "; "])
        listing = joiner.join(names) if r.random() < 0.7 else ", ".join(names[:-1]) + " or " + names[-1]
        pieces.append((listing, "label"))
    elif fmt == "paren_sentence":
        lead = r.choice(["The {t} are {L}.", "Use one of these {t}: {L}.", "We have {n} {t}: {L}.",
                         "{T}: {L}.", "Pick from {L}."])
        listing = ", ".join(f"{n} ({d})" for n, d in shown[:-1]) + r.choice([", and ", " and ", ", "])
        listing += f"{shown[-1][0]} ({shown[-1][1]})"
        title = r.choice(["categories", "labels", "queues", "classes", "options", "codes"])
        sentence = lead.replace("{L}", listing).replace("{t}", title).replace("{T}", title.capitalize())
        if r.random() < 0.5:  # inside a paragraph of instructions
            sentence = f"{_fill(r.choice(MORE_INSTRUCTIONS), what)} {sentence} {r.choice(ENDINGS)}".strip()
        pieces.append((sentence.replace("{n}", str(len(shown))), "label"))
    elif fmt == "xml_attr":
        tag, attr = r.choice([("label", "code"), ("category", "name"), ("class", "id"), ("option", "value")])
        newline = r.choice(["", "\n"])
        for i, (n, d) in enumerate(shown):
            pieces += [(("\n" if i else "") + f'<{tag} {attr}="{n}">' + newline, "label"), (d, "label"),
                       (newline + f"</{tag}>", "title")]
    elif fmt == "sentence":
        lead = r.choice(["Use one of {L}.", "The options are {L}.", "Answer with {L}.", "It has to be {L}.",
                         "Possible answers: {L}.", "choose from {L}", "Which one fits: {L}?",
                         "Is it {L}?", f"Which {what} type is this: {{L}}?"])
        pieces.append((lead.replace("{L}", ", ".join(names[:-1]) + r.choice([", or ", " or ", ", "]) + names[-1]),
                       "label"))
    elif fmt == "json_list":
        pieces.append((json.dumps(names, ensure_ascii=False), "label"))
    elif fmt == "json_dict":
        indent = r.choice([None, 2, 4])
        pieces += json_pieces({name: _tagged(d, "label") for name, d in shown}, indent, key_tag="label")
    elif fmt == "json_records":
        keys = r.choice([("name", "description"), ("code", "meaning"), ("label", "definition")])
        records = [{keys[0]: _tagged(n, "label"), keys[1]: _tagged(d, "label")} if with_descriptions
                   else {keys[0]: _tagged(n, "label")} for n, d in shown]
        pieces += json_pieces(records, r.choice([None, 2]))
    elif fmt == "table":
        head = r.choice(LABEL_TABLE_HEADS)
        if with_descriptions:
            pieces.append((f"| {head[0]} | {head[1]} |\n|---|---|\n", "title"))
            lines([f"| {n} | {d} |" for n, d in shown])
        else:
            pieces.append((f"| {head[0]} |\n|---|\n", "title"))
            lines([f"| {n} |" for n in names])
    elif fmt == "tsv":
        lines([f"{n}\t{d}" if with_descriptions else n for n, d in shown])
    elif fmt == "yaml_dict":
        lines([f"{n}: {d}" for n, d in shown])
    elif fmt == "indented":
        indent = r.choice(["    ", "  ", ": ", "  - "])  # ": " is Markdown's definition list
        lines([f"{n}\n{indent}{d}" for n, d in shown])
    else:  # bullets, numbered, plain lines
        separator = r.choice([": ", " - ", " — ", " = ", " (", " -> ", " means ", " means: ", " is for ",
                              " covers ", " stands for "])
        close = ")" if separator == " (" else ""
        bullet = r.choice(["- ", "* ", "• "])
        markers = [{"bullets": bullet, "numbered": f"{i + 1}. "}.get(fmt, "") for i in range(len(shown))]
        lines([f"{marker}{n}{separator + d + close if with_descriptions else ''}"
               for marker, (n, d) in zip(markers, shown)])
    return Part("labels", pieces)


LABEL_FORMATS = ["bullets", "bullets", "numbered", "lines", "comma", "sentence", "json_list", "json_dict",
                 "json_records", "table", "table", "tsv", "yaml_dict", "indented", "paren_sentence", "xml_attr"]


# ----------------------------------------------------------------------------------------
# A tiny JSON writer that keeps each string's tag

@dataclass
class _Tagged:
    value: object
    tag: str


def _tagged(value, tag: str) -> _Tagged:
    return _Tagged(value, tag)


def json_pieces(value, indent: int | None, key_tag: str = "title", level: int = 0) -> list[tuple[str, str]]:
    """JSON text as (text, tag) pieces: tagged values keep their tag, keys get key_tag."""
    newline = "\n" + " " * (indent * (level + 1)) if indent else ""
    closing = "\n" + " " * (indent * level) if indent else ""
    comma = "," if indent else ", "
    if isinstance(value, _Tagged):
        if isinstance(value.value, (dict, list)):
            return json_pieces(value.value, indent, key_tag, level)
        return [(json.dumps(value.value, ensure_ascii=False), value.tag)]
    if isinstance(value, dict):
        pieces = [("{", "title")]
        for i, (key, item) in enumerate(value.items()):
            key_text, tag = (key.value, key.tag) if isinstance(key, _Tagged) else (key, key_tag)
            pieces += [((comma if i else "") + newline, "title"), (json.dumps(key_text, ensure_ascii=False), tag),
                       (": ", "title"), *json_pieces(item, indent, key_tag, level + 1)]
        return pieces + [(closing + "}", "title")]
    if isinstance(value, list):
        pieces = [("[", "title")]
        for i, item in enumerate(value):
            pieces += [((comma if i else "") + newline, "title"), *json_pieces(item, indent, key_tag, level + 1)]
        return pieces + [(closing + "]", "title")]
    return [(json.dumps(value, ensure_ascii=False), "other")]


# ----------------------------------------------------------------------------------------
# Examples and the text to classify

def example_part(examples: list[tuple[str, str]], fmt: str, what: str, r: random.Random,
                 query: str | None = None) -> Part:
    """The examples in one format; with a query, it follows them in the same format, its label slot empty."""
    if query is not None:
        examples = examples + [(query, "")]
    pieces: list[tuple[str, str]] = []
    sep = r.choice(["\n\n", "\n", "\n\n", "\n---\n", "\n\n---\n\n", "\n***\n"])
    if fmt == "pairs":
        key_style = r.choice(["{K}:", "{K}:", "{K}:", "**{K}:**", "**{K}**:", "{U}:"])
        left, right = (key_style.replace("{K}", k).replace("{U}", k.upper())
                       for k in (_fill(k, what) for k in r.choice(EXAMPLE_KEYS)))
        wrap = r.choice(["plain", "plain", "plain", "triple", "fence", "quote", "dquote"])
        newline = "\n" if wrap not in ("plain", "dquote") or r.random() < 0.3 else ""
        for i, (text, label) in enumerate(examples):
            role = "query" if query is not None and i == len(examples) - 1 else "ex_in"
            pieces += [((sep if i else "") + left + (newline or " "), "title"),
                       *wrapped([(text, role)], wrap), (f"\n{right} " if label else f"\n{right}", "title"),
                       (label, "ex_out")]
    elif fmt == "xml_attr":
        tag, attr = r.choice([("example", "label"), ("example", "category"), ("ticket", "queue"), ("shot", "class")])
        numbered = r.random() < 0.4
        for i, (text, label) in enumerate(examples):
            number = f'id="{i + 1}" ' if numbered else ""
            pieces += [(("\n" if i else "") + f'<{tag} {number}{attr}="{label}">' + r.choice(["", "\n"]), "ex_out"),
                       (text, "ex_in"), (r.choice(["", "\n"]) + f"</{tag}>", "title")]
    elif fmt == "arrow":
        arrow = r.choice([" -> ", " => ", " → ", " --> ", " :: "])
        quote = r.choice(['"', "", ""])
        bullet = r.choice(["", "- ", "* "])
        for i, (text, label) in enumerate(examples):
            pieces.append((("\n" if i else "") + f"{bullet}{quote}{text}{quote}{arrow}{label}", "ex_pair"))
    elif fmt == "inline_pair":
        left, right = (_fill(k, what) for k in r.choice(EXAMPLE_KEYS))
        joiner = r.choice([" | ", " ; ", " — ", " "])
        for i, (text, label) in enumerate(examples):
            pieces.append((("\n" if i else "") + f"{left}: {text}{joiner}{right}: {label}", "ex_pair"))
    elif fmt == "table":
        left, right = (_fill(k, what) for k in r.choice(EXAMPLE_KEYS))
        pieces.append((f"| {left} | {right} |\n|---|---|", "title"))
        for text, label in examples:
            pieces.append((f"\n| {text} | {label} |", "ex_pair"))
    elif fmt == "tsv":
        for i, (text, label) in enumerate(examples):
            pieces.append((("\n" if i else "") + f"{text}\t{label}", "ex_pair"))
    elif fmt in ("json_lines", "json_list"):
        keys = [_fill(k, what) for k in r.choice(JSON_EXAMPLE_KEYS)]
        records = [{keys[0]: _tagged(text, "ex_in"), keys[1]: _tagged(label, "ex_out")} for text, label in examples]
        if fmt == "json_list":
            pieces += json_pieces(records, r.choice([None, 2]))
        else:
            for i, record in enumerate(records):
                pieces += [("\n" if i else "", "title"), *json_pieces(record, None)]
    elif fmt == "yaml":
        keys = [_fill(k, what) for k in r.choice(JSON_EXAMPLE_KEYS)]
        for i, (text, label) in enumerate(examples):
            pieces += [(("\n" if i else "") + f"- {keys[0]}: ", "title"), (text, "ex_in"),
                       (f"\n  {keys[1]}: ", "title"), (label, "ex_out")]
    elif fmt == "xml":
        outer, inner, answer = r.choice([("example", "input", "output"), ("shot", "text", "label"),
                                         ("case", what.replace(" ", "_"), "category")])
        for i, (text, label) in enumerate(examples):
            pieces += [(("\n" if i else "") + f"<{outer}>\n<{inner}>", "title"), (text, "ex_in"),
                       (f"</{inner}>\n<{answer}>", "title"), (label, "ex_out"), (f"</{answer}>\n</{outer}>", "title")]
    elif fmt == "grouped":
        by_label: dict[str, list[str]] = {}
        for text, label in examples:
            by_label.setdefault(label, []).append(text)
        style = r.choice(["{L}:", "### {L}", "**{L}**", "[{L}]", "## {L}"])
        for i, (label, texts) in enumerate(by_label.items()):
            head, tail = style.split("{L}")
            pieces += [(("\n\n" if i else "") + head, "title"), (label, "ex_out"), (tail, "title")]
            for text in texts:
                pieces += [("\n- ", "title"), (text, "ex_in")]
    elif fmt == "labelled_header":  # "Example 1 (answer: BILL):" then the text
        header = r.choice(["Example {i} (answer: {L}):", "Case {i} - {L}", "[{L}]", "### {L} example", "{i}. Labelled {L}:"])
        wrap = r.choice(["plain", "triple", "fence", "fence_text", "quote"])
        for i, (text, label) in enumerate(examples):
            pieces += [(("\n\n" if i else "") + header.replace("{i}", str(i + 1)).replace("{L}", label) + "\n", "ex_out"),
                       *wrapped([(text, "ex_in")], wrap)]
    elif fmt == "prose_after":  # the text, then a sentence that gives its label
        said = r.choice(["This one went to {L}.", "That was {L}.", "Filed under {L}.", "We labelled it {L}.",
                         "Correct answer: {L}", "-> {L}"])
        wrap = r.choice(["plain", "triple", "fence", "quote", "dquote"])
        for i, (text, label) in enumerate(examples):
            pieces += [("\n\n" if i else "", "title"), *wrapped([(text, "ex_in")], wrap),
                       ("\n" + said.replace("{L}", label), "ex_out")]
    else:  # numbered blocks
        word = r.choice(["Example", "Case", "Sample", "#"])
        answer = r.choice(["Answer", "Label", "Category", "Correct label", "->"])
        for i, (text, label) in enumerate(examples):
            role = "query" if query is not None and i == len(examples) - 1 else "ex_in"
            pieces += [(("\n\n" if i else "") + f"{word} {i + 1}" + r.choice([":\n", "\n", ": "]), "title"),
                       (text, role), (f"\n{answer}" + ("" if answer == "->" else ":") + " ", "title"),
                       (label, "ex_out")]
    return Part("examples", pieces)


EXAMPLE_FORMATS = ["pairs", "pairs", "labelled_header", "prose_after", "xml_attr", "arrow", "inline_pair", "table", "tsv", "json_lines", "json_list", "yaml",
                   "xml", "grouped", "numbered", "turns", "turns"]


def query_pieces(text: str, what: str, fmt: str, r: random.Random) -> list[tuple[str, str]]:
    """The text to classify (or the question), in one format."""
    if fmt == "json":
        key = r.choice(["text", "ticket", "message", what.replace(" ", "_"), "input", "body", "query"])
        record = {key: _tagged(text, "query")}
        if r.random() < 0.4:
            record = {"id": _tagged(f"{r.randint(1000, 99999)}", "other"), **record}
        return json_pieces(record, r.choice([None, 2]))
    if fmt == "tag":
        name = r.choice(["text", "ticket", "message", "input", what.replace(" ", "_"), "query", "email"])
        return [(f"<{name}>" + r.choice(["", "\n"]), "title"), (text, "query"), (r.choice(["", "\n"]) + f"</{name}>",
                                                                                "title")]
    return wrapped([(text, "query")], fmt)


QUERY_FORMATS = ["plain", "plain", "plain", "triple", "fence", "quote", "dquote", "rule", "json", "tag", "tag"]


# ----------------------------------------------------------------------------------------
# Whole requests

def classify_request(task: Task, r: random.Random) -> list[Message]:
    """One classification request for a task, in a random layout, every span tagged."""
    text, gold = r.choice(task.items)
    if r.random() < 0.35:
        text = as_letter(text, r)
    labels = list(task.labels)
    r.shuffle(labels)
    style = r.choices(["name", "lower", "upper_snake", "code", "title"], [4, 2, 2, 4, 1])[0]
    titled_descriptions = style == "code" and r.random() < 0.5  # "CARD: Cardiology. The heart and ..."
    shown = [(shown_name(label, style), _described(label, titled_descriptions, r)) for label in labels]
    if len({n for n, _ in shown}) < len(shown):
        shown = [(label.name, label.description) for label in labels]
    names = dict(zip((label.name for label in labels), (n for n, _ in shown)))
    with_descriptions = r.random() < 0.75
    pool = [(t, names[g]) for t, g in task.items if t != text]
    examples = r.sample(pool, min(len(pool), r.choice([0, 0, 2, 3, 4, 5, 6, 8])))
    what = task.what
    example_fmt = r.choice(EXAMPLE_FORMATS)
    if example_fmt in ("pairs", "numbered", "xml", "xml_attr", "turns", "json_lines", "json_list"):
        examples = [(as_letter(t, r) if r.random() < 0.2 else t, label) for t, label in examples]
    parts: dict[str, list[tuple[str, str]]] = {}
    label_fmt = r.choice(LABEL_FORMATS)
    parts["labels"] = _titled(label_part(shown, with_descriptions, label_fmt, r, what), "labels", what, r,
                              allow_none=label_fmt in ("sentence",))
    as_turns = example_fmt == "turns" and examples
    if examples and not as_turns:
        parts["examples"] = _titled(example_part(examples, example_fmt, what, r), "examples", what, r)
    query_fmt = r.choice(QUERY_FORMATS)
    if "examples" in parts and example_fmt in ("pairs", "numbered") and r.random() < 0.35:
        # the text to classify written as one more example, its label left for the answer
        parts["query"] = _titled(example_part(examples, example_fmt, what, r, query=text), "examples", what, r)
        del parts["examples"]
    else:
        parts["query"] = _titled(Part("query", query_pieces(text, what, query_fmt, r)), "query", what, r,
                                 allow_none=True)
    instruction = _instructions(task, r, QUERY_INSTRUCTIONS_SHARE)
    if instruction:
        parts["instruction"] = _titled(Part("instruction", instruction), "instruction", what, r, allow_none=True,
                                       none_share=0.7)
    ending = r.choice(ENDINGS + MORE_INSTRUCTIONS[-5:])
    return _arrange(parts, ending, examples if as_turns else [], what, query_fmt, r, task_kind="classify")


QUERY_INSTRUCTIONS_SHARE = 0.85
NO_QUERY_SHARE = 0.04
MORE_ABOUT_A_LABEL = ["Use it when in doubt between this and a neighbour.", "Not for general questions.",
                      "This is the most common one.", "Includes follow-ups on the same issue.",
                      "Only when nothing else fits.", "Ask a colleague if unsure (rare)."]


def _described(label, with_name: bool, r: random.Random) -> str:
    """A label's description; for a code, sometimes its full name first and a note after."""
    description = label.description
    if with_name:
        description = f"{label.name}. {description[:1].upper()}{description[1:]}"
        if r.random() < 0.4:
            description += ". " + r.choice(MORE_ABOUT_A_LABEL)
    return description


def _instructions(task: Task, r: random.Random, share: float) -> list[tuple[str, str]]:
    if r.random() > share:
        return []
    sentences = r.sample(INSTRUCTIONS + [_fill(s, task.what) for s in MORE_INSTRUCTIONS] + [task.question],
                         r.randint(1, 3))
    if r.random() < 0.15:  # YAML-like settings: "task: ...", "format: ..."
        keys = r.sample(["task", "goal", "format", "answer_format", "output", "note", "role", "style"], len(sentences))
        return [("\n".join(f"{key}: {sentence}" for key, sentence in zip(keys, sentences)), "instruction")]
    return [(" ".join(sentences) if r.random() < 0.6 else "\n".join(sentences), "instruction")]


def _titled(part: Part, kind: str, what: str, r: random.Random, allow_none: bool = False,
            none_share: float = 0.3) -> list[tuple[str, str]]:
    style = r.choice(TITLE_STYLES)
    if style == "none" and not allow_none:
        style = "colon"
    if allow_none and r.random() < none_share:
        style = "none"
    if style == "sentence":
        return [(_fill(r.choice(INTRODUCTIONS[kind]), what), "title"), ("\n", "title"), *part.pieces]
    return titled(part, _fill(r.choice(TITLE_WORDS[kind]), what), style, r)


def _arrange(parts: dict[str, list[tuple[str, str]]], ending: str, turns: list[tuple[str, str]], what: str,
             query_fmt: str, r: random.Random, task_kind: str) -> list[Message]:
    """Place the parts in messages: some in a system message, the rest in user messages, in some order.
    A few requests lose their query: a prompt may hold material and no question at all."""
    if r.random() < NO_QUERY_SHARE:
        parts = {name: pieces for name, pieces in parts.items() if name != "query"}
    names = [name for name in parts if name != "query"]
    r.shuffle(names)
    query_first = r.random() < 0.2
    in_system = set()
    layout = r.choice(["one_user", "system_material", "system_rules", "split_turns", "query_in_system"])
    if layout == "system_material":
        in_system = set(names)
    elif layout == "system_rules":
        in_system = {n for n in names if n in ("instruction", "labels") or r.random() < 0.3}
    elif layout == "query_in_system" and r.random() < 0.3:
        in_system = {"query"}
    messages: list[Message] = []
    system = Message("system")
    if r.random() < 0.3:
        system.add(r.choice(["You are a helpful assistant.", f"You are an expert at sorting {what}s.",
                             "You work on a support team."]), "instruction")
    for name in names:
        if name in in_system:
            system.gap()
            for text, tag in parts[name]:
                system.add(text, tag)
    if "query" in in_system and "query" in parts:
        system.gap()
        for text, tag in parts["query"]:
            system.add(text, tag)
    if system.text:
        system.add(r.choice(["", "\n\n" + ending]) if ending and r.random() < 0.4 else "", "instruction")
        messages.append(system)
    if layout == "split_turns" and names and not turns:
        first = Message("user")
        for text, tag in parts[names[0]]:
            first.add(text, tag)
        messages += [first, Message("assistant").add(_fill(r.choice(ACKNOWLEDGEMENTS), what), "other")]
        names = names[1:]
    for text, label in turns:
        messages.append(Message("user").add(text, "ex_in"))
        messages.append(Message("assistant").add(label, "ex_out"))
    user = Message("user")
    if r.random() < 0.15:
        user.add(r.choice(FILLER), "other")
    order = [n for n in names if n not in in_system]
    if "query" in parts and "query" not in in_system:
        order = ["query"] + order if query_first else order + ["query"]
    for name in order:
        user.gap(r.choice(["\n\n", "\n\n", "\n"]))
        for text, tag in parts[name]:
            user.add(text, tag)
    if ending and r.random() < 0.5:
        user.gap().add(ending, "instruction")
    if r.random() < 0.1:
        user.gap("\n").add(r.choice(FILLER), "other")
    if not user.text:
        user.add(r.choice(["Go.", "Classify it.", "Which one?", "Label?"]) if task_kind == "classify"
                 else "Answer please.", "instruction")
    messages.append(user)
    return messages


def article(passage, r: random.Random, table=None) -> str:
    """A passage written as a knowledge-base article would be: plain, or with headings, lists, numbered
    steps, "Key: value" lines, a bold note, a version line and a table, as documentation is."""
    sentences = passage.sentences if not passage.is_table else [passage.text]
    title = passage.entity.name[:1].upper() + passage.entity.name[1:]
    style = r.choice(["plain", "plain", "heading", "heading_list", "sections", "sections", "steps", "fields"])
    if style == "plain" or len(sentences) < 2:
        text = " ".join(sentences)
    elif style == "heading":
        text = f"{r.choice(['#', '##', '###'])} {title}\n\n" + " ".join(sentences)
    elif style == "heading_list":
        text = f"# {title}\n\n{sentences[0]}\n\n" + "\n".join(f"{r.choice(['-', '*'])} {s}" for s in sentences[1:])
    elif style == "steps":
        text = f"## {title}\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(sentences, start=1))
    elif style == "fields":  # "Key: value" lines, as in a record or a policy summary
        text = f"# {title}\n\n" + "\n".join(f"{'**' if r.random() < 0.3 else ''}{_field_name(s)}: {s}" for s in sentences)
    else:
        half = max(1, len(sentences) // 2)
        text = (f"# {title}\n\n{' '.join(sentences[:half])}\n\n## "
                f"{r.choice(['Details', 'More', 'Good to know', 'What is covered', 'How it works'])}\n\n"
                + ("\n".join(f"- {s}" for s in sentences[half:]) if r.random() < 0.5 else " ".join(sentences[half:])))
    if style != "plain" and r.random() < 0.3:
        lines = text.split("\n")
        lines.insert(1, f"\n*Version {r.randint(1, 4)}, effective {r.randint(1, 28)} May 202{r.randint(2, 5)}.*")
        text = "\n".join(lines)
    if style != "plain" and r.random() < 0.2:
        text += f"\n\n**{r.choice(['Note', 'Important', 'Tip'])}:** {r.choice(sentences)}"
    if table is not None:
        text += f"\n\n## {table.title or 'Overview'}\n\n{table.text}" if style != "plain" else f"\n\n{table.text}"
    return text


def _field_name(sentence: str) -> str:
    """A short field name for a sentence: its last content words before the number or the end."""
    words = [w for w in re.findall(r"[A-Za-z]+", sentence) if len(w) > 3][-2:]
    return " ".join(words).capitalize() or "Detail"


def with_codes(table_text: str, r: random.Random) -> str:
    """A table with a code column first ("| SKU | ..."), as product and policy tables often have."""
    lines = table_text.split("\n")
    prefix = r.choice(["ID", "SKU", "REF", "NO"])
    stem = "".join(r.choice("ABCDEFGHKLMNPRST") for _ in range(3))
    out = [f"| {prefix} " + lines[0], "|---" + lines[1]]
    out += [f"| {stem}-{100 + 10 * i} " + line for i, line in enumerate(lines[2:])]
    return "\n".join(out)


def passages_part(bodies: list[str], r: random.Random) -> list[tuple[str, str]]:
    """Several passages, numbered, tagged, headed, in JSON, fenced or between rules."""
    style = r.choice(["blank", "numbered", "ids", "heading_ids", "bold_ids", "tags", "tags_in_tags", "json",
                      "rules", "fences", "quoted"])
    if style == "json":
        key = r.choice(["text", "content", "body", "page_content"])
        return json_pieces([{"id": _tagged(str(i + 1), "other"), key: _tagged(body, "context")}
                            for i, body in enumerate(bodies)], r.choice([None, 2]))
    pieces: list[tuple[str, str]] = []
    if style == "tags_in_tags":
        pieces.append(("<documents>\n", "title"))
    for i, body in enumerate(bodies):
        lead = "\n\n" if i else ""
        header = {"numbered": f"[{i + 1}] ", "ids": f"Document {i + 1}:\n", "heading_ids": f"## Source {i + 1}\n\n",
                  "bold_ids": f"**Article {i + 1}**\n", "tags": f'<doc id="{i + 1}">\n',
                  "tags_in_tags": f'<document index="{i + 1}">\n', "fences": "```\n", "quoted": '"""\n',
                  "rules": "---\n" if i else ""}.get(style, "")
        footer = {"tags": "\n</doc>", "tags_in_tags": "\n</document>", "fences": "\n```", "quoted": '\n"""'}.get(style, "")
        pieces += [(lead + header, "title"), (body, "context"), (footer, "title")]
    if style == "tags_in_tags":
        pieces.append(("\n</documents>", "title"))
    return pieces


def qa_request(pool: EntityPool, r: random.Random) -> list[Message]:
    """A question about passages, in a random layout."""
    entity = pool.pick(r)
    fact = r.choice(entity.facts)
    passages = [make_passage(entity, r, must=(fact.key,))]
    passages += [make_passage(other, r) for other in pool.others(r, entity, r.randint(0, 3), set())]
    r.shuffle(passages)
    question = ask(entity, fact, r)
    if r.random() < 0.2:
        question = f"{r.choice(['Hi,', 'Hello!', 'Quick one:'])} {question} {r.choice(['Thanks!', 'Cheers.', ''])}".strip()
    what = "question"
    bodies = [article(p, r) for p in passages]
    if r.random() < 0.4:  # a table about several entities of a kind, inside one of the articles
        rows = [entity] + pool.others(r, entity, r.randint(2, 5), set())
        rows = [e for e in rows if e.kind == entity.kind]
        if len(rows) >= 2:
            keys = table_columns(rows, r)
            if keys:
                k = r.randrange(len(bodies))
                table = make_table(rows, keys, None)
                if r.random() < 0.4:
                    table.sentences = with_codes(table.text, r).split("\n")
                bodies[k] = article(passages[k], r, table)
    pieces = passages_part(bodies, r)
    parts = {"context": _titled(Part("context", pieces), "context", what, r, allow_none=True, none_share=0.25),
             "query": _titled(Part("query", query_pieces(question, what, r.choice(QUERY_FORMATS), r)), "question",
                              what, r, allow_none=True, none_share=0.5)}
    if r.random() < 0.7:
        parts["instruction"] = _titled(Part("instruction", [(r.choice(QA_INSTRUCTIONS), "instruction")]),
                                       "instruction", what, r, allow_none=True, none_share=0.7)
    return _arrange(parts, r.choice(["", "", "Keep it short.", "Answer in one sentence."]), [], what, "plain", r,
                    task_kind="qa")


def build_layout_corpus(tasks: list[Task], pool: EntityPool, n: int, r: random.Random,
                        qa_share: float = 0.4) -> list[list[Message]]:
    """n requests: classification for the practice tasks, and some questions about passages."""
    return [qa_request(pool, r) if r.random() < qa_share else classify_request(r.choice(tasks), r)
            for _ in range(n)]
