"""The section rules: read a chat request's question, passages, labels and examples by its headings.

One of the offline model's two readers (reader.py chooses; the other is the learned prompt tagger,
tagged_reader.py). Rules read headed sections exactly, the way a chat template or a document parser
would, and the trained network (model/acme_tiny/) makes every decision on what they found: which
sentence answers, whether none does, which label fits. The rules accept these layouts:

- headed sections: "Context: ...", "## Documents", "Question:", "Labels:", "Examples:";
- XML-style tags: <context>, <document id=...>, <question>, <labels>, <example>;
- numbered passages "[1] ...", bulleted or tabled label lists with descriptions;
- earlier user/assistant turns as labelled examples (few-shot as a conversation).

Nothing here decides an answer; it only splits text into parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from course_utils.offline.api.protocol import content_text
from course_utils.offline_assets import use_packaged_assets

# Section titles, by the role they play. A title matches if it starts with one of these words.
_ROLE_WORDS = {
    "context": ("context", "document", "documents", "passage", "passages", "source", "sources",
                "information", "knowledge", "excerpt", "excerpts", "reference", "references",
                "retrieved", "background", "facts", "article", "articles", "docs"),
    "question": ("question", "questions", "query", "q", "user question", "ask"),
    "labels": ("label", "labels", "category", "categories", "class", "classes", "options",
               "possible labels", "allowed labels", "choose one of", "choices", "intents", "topics"),
    "examples": ("example", "examples", "demonstration", "demonstrations", "sample", "samples"),
    "input": ("text", "message", "ticket", "input", "email", "customer message", "request",
              "sentence", "review", "complaint", "note"),
    "instructions": ("instruction", "instructions", "task", "rules", "system", "guidelines"),
}

_TAG = re.compile(r"<(?P<name>[A-Za-z_][\w-]*)(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=name)>", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(?P<title>[^\n]*\S)[ \t]*$")  # trailing #s: _heading_title
_LABELLED_LINE = re.compile(r"^\s*\**(?P<title>[A-Za-z][A-Za-z ]{0,30}?)\**\s*:\s*\**\s*(?P<rest>.*)$")
# A line that announces context without the "Title:" form: "Context information is below."
_CONTEXT_ANNOUNCEMENT = re.compile(r"^\s*(here (is|are) (some|the)\s+\w+|(the )?(context|documents?|passages?|"
                                   r"sources?)( information)? (is |are )?(below|provided below|as follows))\s*[:.]?\s*$",
                                   re.IGNORECASE)
_DELIMITER_LINE = re.compile(r"^\s*(-{3,}|={3,}|\*{3,}|\"\"\"|```\w*|~~~)\s*$")
_NUMBERED = re.compile(r"^\s*(?:\[(\d+)\]|\((\d+)\)|(?:Document|Passage|Source|Doc)\s*#?\s*(\d+)\s*[:.)-]"
                       r"|\*\*(?:Document|Passage|Source|Doc)\s*#?\s*(\d+)\*\*(?:\s*\(([^)\n]*)\))?:?)\s*",
                       re.IGNORECASE | re.MULTILINE)
# "Classify it as one of: A, B, C" inside a sentence.
_INLINE_LABELS = re.compile(r"\b(?:one of|as either|among|from these|one of these|following (?:labels|categories|classes))"
                            r"\s*(?:the following)?\s*:?\s*(?P<names>[^\n:]+?)\s*\.?$", re.IGNORECASE | re.MULTILINE)
# A block between two delimiter lines of one kind: a code fence (``` or ~~~, maybe with a language tag)
# or triple quotes. Context comes fenced; so do example queries (sql_request.py).
FENCED_BLOCK = re.compile(r'(?P<mark>"""|```|~~~)(?P<tag>[\w-]*)[ \t\r]*\n(?P<body>.*?)\n\s*(?P=mark)', re.DOTALL)
_EXAMPLE_ARROW = re.compile(r"^\s*[-*]?\s*(?:text\s*:\s*)?[\"“']?(?P<text>.+?)[\"”']?\s*(?:->|=>|→)\s*(?P<label>[^\n]+?)\s*$",
                            re.IGNORECASE)


@dataclass
class Passage:
    """One passage of context, and the sentences (or table rows / list items) it splits into."""

    text: str
    doc_id: str | None = None
    sentences: list[str] = field(default_factory=list)

    @property
    def contexts(self) -> list[str]:
        """For each sentence, its heading (and a table row's header row), or ""."""
        found = dict(sentences_in_context(self.text))
        return [found.get(sentence, "") for sentence in self.sentences]


@dataclass
class Label:
    name: str
    description: str = ""


@dataclass
class ReadPrompt:
    """Everything the reader found in a request."""

    question: str = ""  # the question, or the text to classify
    passages: list[Passage] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (text, label name)
    instructions: str = ""
    full_text: str = ""  # the whole prompt, for counting tokens

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.passages for s in p.sentences]


def _heading_title(heading: re.Match) -> str:
    """A Markdown heading's title without the closing #s some write ("## Documents ##")."""
    return heading["title"].rstrip("#").rstrip() or heading["title"]


def _role_of(title: str) -> str | None:
    title = re.sub(r"[^a-z ]", " ", title.lower()).strip()
    title = re.sub(r"\s+", " ", title)
    for role, words in _ROLE_WORDS.items():
        for word in words:
            if title == word or title.startswith(word + " ") or title.startswith(word + "s "):
                return role
    return None


# --------------------------------------------------------------------------------------
# 1. Splitting the prompt into sections


def _sections(text: str) -> list[tuple[str | None, str, str]]:
    """(role, title, body) sections, from XML tags, markdown headings or 'Title:' lines."""
    sections: list[tuple[str | None, str, str]] = []

    def take_tags(match: re.Match) -> str:
        role = _role_of(match["name"].replace("_", " "))
        if role is None:
            return match.group(0)
        inner = [m for m in _TAG.finditer(match["body"]) if _role_of(m["name"].replace("_", " "))]
        if inner:  # <documents><document>...</document></documents>: read the inner tags
            sections.extend(_sections(match["body"]))
            return "\n"
        attrs = match["attrs"]
        doc_id = re.search(r"""(?:id|name|title|source)\s*=\s*["']?([^"'\s>]+)""", attrs)
        body = match["body"].strip()
        if role == "context" and doc_id:
            body = f"[{doc_id.group(1)}] {body}"
        sections.append((role, match["name"], body))
        return "\n"

    rest = _TAG.sub(take_tags, text)

    current_role, current_title, lines = None, "", []

    def flush():
        body = "\n".join(lines).strip()
        if body or current_role:
            sections.append((current_role, current_title, body))

    for line in rest.split("\n"):
        heading = _HEADING.match(line)
        labelled = _LABELLED_LINE.match(line) if not heading else None
        role = None
        if _CONTEXT_ANNOUNCEMENT.match(line):
            flush()
            current_role, current_title, lines = "context", line.strip(), []
            continue
        if heading:
            title, remainder = _heading_title(heading), ""
            role = _role_of(title)
        elif labelled and _role_of(labelled["title"]):
            role = _role_of(labelled["title"])
            title, remainder = labelled["title"], labelled["rest"]
        if role is None and current_role == "context":
            lines.append(line)  # a document's own headings and "Key: value" lines stay in the context
            continue
        if role is not None or heading:
            flush()
            current_role, current_title, lines = role, title, [remainder] if remainder else []
        else:
            lines.append(line)
    flush()
    return sections


# --------------------------------------------------------------------------------------
# 2. Reading each kind of section


def sentences_in_context(text: str) -> list[tuple[str, str]]:
    """(sentence, context) pairs of a passage; table rows and list items count as sentences.

    The context is what a reader keeps in mind for the sentence: the nearest heading above it
    and, for a table row, the table's header row. "| Maximum load | 136 kg |" means little alone,
    and much under "## Specifications" in a table headed "| Spec | Value |".
    """
    use_packaged_assets()  # NLTK's punkt data ships with llama-index-core: point NLTK at it first
    from nltk.tokenize import sent_tokenize

    pieces: list[tuple[str, str]] = []
    heading = ""
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        prose: list[str] = []
        header_row = ""
        for line in lines:
            is_row = line.startswith("|") and not re.fullmatch(r"\|[\s:|-]+\|?", line)
            is_rule = re.fullmatch(r"\|?[\s:|-]+\|?", line) is not None
            is_item = re.match(r"^([-*+•]|\d+[.)])\s+", line) is not None
            is_heading = line.startswith("#")
            if is_row or is_item or is_heading or is_rule:
                if prose:
                    pieces += [(s, heading) for s in sent_tokenize(" ".join(prose))]
                    prose = []
                if is_row:
                    pieces.append((line, " ".join(filter(None, (heading, header_row)))))
                    header_row = header_row or line
                elif is_item:
                    pieces.append((line, heading))
                elif is_heading:  # a heading is context for what follows, not an answer itself
                    heading = line.lstrip("#").strip()
            else:
                prose.append(line)
        if prose:
            pieces += [(s, heading) for s in sent_tokenize(" ".join(prose))]
    return [(p.strip(), c) for p, c in pieces if len(p.strip()) > 1]


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; table rows and list items count as sentences too."""
    return [sentence for sentence, _ in sentences_in_context(text)]


def _unwrap(body: str) -> str:
    """Drop a wrapping pair of delimiter lines ("-----", triple quotes, a code fence) and what follows."""
    lines = body.strip().split("\n")
    marks = [i for i, line in enumerate(lines) if _DELIMITER_LINE.match(line)]
    if marks and marks[0] == 0 and len(marks) >= 2 and _DELIMITER_LINE.match(lines[0]).group(1)[0] in "-\"`~":
        if lines[0].strip().startswith(('"""', "```", "~~~")) or len(lines[0].strip()) > 5:
            return "\n".join(lines[1:marks[-1]])
    return body


def _json_passages(body: str) -> list[Passage] | None:
    """Passages given as JSON: a list of {"id": ..., "text": ...} objects (or one object)."""
    import json

    text = body.strip()
    if not text.startswith(("[", "{")):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    items = data if isinstance(data, list) else [data]
    passages = []
    for item in items:
        if isinstance(item, str):
            passages.append(Passage(item, None, split_sentences(item)))
        elif isinstance(item, dict):
            content = next((item[k] for k in ("text", "content", "body", "passage", "page_content")
                            if isinstance(item.get(k), str)), None)
            if content:
                doc_id = next((str(item[k]) for k in ("id", "doc_id", "title", "source") if k in item), None)
                passages.append(Passage(content, doc_id, split_sentences(content)))
    return passages or None


def split_passages(body: str) -> list[Passage]:
    """Split a context section into passages: JSON, numbered, separated by rules, or by blank lines."""
    body = _unwrap(body)
    as_json = _json_passages(body)
    if as_json:
        return as_json
    starts = list(_NUMBERED.finditer(body))
    if starts:
        chunks = []
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
            groups = [g for g in match.groups() if g]
            doc_id = groups[-1] if groups else None
            chunks.append((doc_id, body[match.end():end].strip()))
        lead = body[: starts[0].start()].strip()
        if lead:
            chunks.insert(0, (None, lead))
    else:
        chunks = [(None, chunk.strip()) for chunk in re.split(r"\n\s*(?:-{3,}|\*{3,}|={3,})\s*(?:\n|$)", body)]
    passages = []
    for doc_id, chunk in chunks:
        bracketed = re.match(r"^\[([^\]]+)\]\s*", chunk)
        if bracketed and doc_id is None:
            doc_id, chunk = bracketed.group(1), chunk[bracketed.end():]
        if chunk:
            passages.append(Passage(chunk, doc_id, split_sentences(chunk)))
    return passages


def _labels(body: str) -> list[Label]:
    """Labels from a list ("A, B, C"), bullets ("- A: what it means"), a table or JSON-ish list."""
    labels: list[Label] = []
    body = _unwrap(body)
    as_json = _json_labels(body)
    if as_json:
        return as_json
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    if not paragraphs:
        return []
    first = [line.strip() for line in paragraphs[0].split("\n") if line.strip()]
    if len(first) == 1 and re.search(r"[,;|/]|\sor\s", first[0]) and not first[0].startswith("|"):
        names = re.split(r"\s*[,;|/]\s*|\s+or\s+", first[0].strip("[]{}() ."))
        return [Label(n.strip(" \"'`*")) for n in names if n.strip(" \"'`*")]
    # A list: keep going while paragraphs are list items or table rows.
    lines = first + [line.strip() for p in paragraphs[1:] for line in p.split("\n")
                     if re.match(r"^\s*([-*+•|]|\d+[.)])", line)]
    for line in lines:
        if re.fullmatch(r"\|?[\s:|-]+\|?", line):
            continue  # a table rule
        if line.startswith("|"):
            cells = [c.strip(" *`") for c in line.strip("|").split("|")]
            if cells and cells[0].lower() in ("label", "name", "code", "category", "class"):
                continue  # the header row
            labels.append(Label(cells[0], " ".join(cells[1:]).strip()))
            continue
        line = re.sub(r"^([-*+•]|\d+[.)])\s+", "", line).strip(" \"',")
        parts = re.split(r"\s*(?::|\s[-—–]\s|=)\s*", line, maxsplit=1)
        name = parts[0].strip(" \"'`*")
        if name:
            labels.append(Label(name, parts[1].strip(" \"',") if len(parts) > 1 else ""))
    return labels


def _json_labels(body: str) -> list[Label] | None:
    """Labels given as a JSON list of names, or an object {name: description}."""
    import json

    try:
        data = json.loads(body.strip())
    except ValueError:
        return None
    if isinstance(data, list) and all(isinstance(x, str) for x in data):
        return [Label(x) for x in data]
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        return [Label(k, v) for k, v in data.items()]
    return None


def _examples(body: str) -> list[tuple[str, str]]:
    """(text, label) pairs from "text -> label" lines or "Text: ...\\nLabel: ..." blocks."""
    examples = []
    pending_text = None
    for line in body.split("\n"):
        arrow = _EXAMPLE_ARROW.match(line)
        if arrow:
            examples.append((arrow["text"].strip(), arrow["label"].strip(" \"'`*.")))
            continue
        labelled = _LABELLED_LINE.match(line)
        if labelled:
            role = _role_of(labelled["title"])
            if role == "input" or labelled["title"].lower() in ("q", "question"):
                pending_text = labelled["rest"].strip()
            elif pending_text is not None and (role in ("labels",) or labelled["title"].lower()
                                               in ("answer", "output", "a", "label", "category")):
                examples.append((pending_text, labelled["rest"].strip(" \"'`*.")))
                pending_text = None
    return examples


# --------------------------------------------------------------------------------------
# 3. The whole request


def read_by_rules(messages: Sequence[dict]) -> ReadPrompt:
    """Read chat messages by their section titles, tags and turns (the rules of this module)."""
    read = ReadPrompt()
    texts = [(m.get("role", "user"), content_text(m.get("content"))) for m in messages]
    read.full_text = "\n\n".join(text for _, text in texts)

    # Earlier user -> assistant turns are labelled examples (few-shot as a conversation).
    turns = [(role, text) for role, text in texts if role in ("user", "assistant")]
    last_user = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=None)
    for i in range(len(turns) - 1):
        if turns[i][0] == "user" and turns[i + 1][0] == "assistant" and i + 1 < (last_user or 0):
            read.examples.append((turns[i][1].strip(), turns[i + 1][1].strip()))
    example_turn_texts = {text for text, _ in read.examples}

    loose: list[str] = []  # text outside any recognised section
    system_question = ""  # a question section in a system message: the question only if no user asks one
    for role, text in texts:
        if role == "assistant" or text.strip() in example_turn_texts:
            continue
        for section_role, _title, body in _sections(text):
            if section_role == "context":
                read.passages += split_passages(body)
            elif section_role in ("question", "input") and role != "system":
                read.question = _unwrap(body).strip() or read.question
            elif section_role == "labels":
                read.labels += _labels(body)
            elif section_role == "examples":
                read.examples += _examples(body)
            elif section_role in ("instructions", "question", "input") or role == "system":
                # a system message sets the task and holds material; the user asks the question
                if section_role in ("question", "input"):
                    system_question = _unwrap(body).strip() or system_question
                read.instructions += body.strip() + "\n"
            elif body.strip():
                loose.append(body.strip())
    if not read.labels:
        for text in loose + [read.instructions]:
            inline = _INLINE_LABELS.search(text)
            if inline and re.search(r"[,|/]|\sor\s", inline["names"]):
                read.labels = _labels(inline["names"])
                loose = [t.replace(inline.group(0), "").strip() for t in loose]
                loose = [t for t in loose if t]
                break
    if not read.question and loose:
        read.question = _question_from_loose(loose[-1])
    read.question = read.question or system_question
    # A template's empty answer slot ("Answer:") is not part of the question.
    read.question = re.sub(r"\n\s*\**(answer|response|output|a)\**\s*:\s*$", "", read.question.strip(),
                           flags=re.IGNORECASE)
    if not read.passages and not read.labels and read.question:
        read.passages = _unannounced_context(loose, read.question)
    return read


def what_was_read(read: ReadPrompt) -> str:
    """The reply to a request with no question and no text to classify: what the reader did find,
    and where a question goes."""
    def count(n: int, thing: str) -> str:
        return f"{n or 'no'} {thing}{'' if n == 1 else 's'}"

    passages = count(len(read.passages), "passage") + (f" ({count(len(read.sentences), 'sentence')})"
                                                        if read.passages else "")
    instructions = " I also read your instructions." if read.instructions.strip() else ""
    return ("I could not find a question or a text to classify in your messages. I read "
            f"{passages}, {count(len(read.labels), 'label')} and {count(len(read.examples), 'example')}."
            f"{instructions} I take text under a heading I do not know as material, and a user message that an "
            "assistant turn answers (or one that repeats it) as an example: put your question in the last user "
            "message, or under a heading such as \"Question:\".")


def _unannounced_context(loose: list[str], question: str) -> list[Passage]:
    """Context with no heading: text in triple quotes or a fence, or numbered sources."""
    passages = []
    for block in loose:
        block = block.replace(question, "")
        delimited = [match["body"] for match in FENCED_BLOCK.finditer(block)]
        if delimited:
            passages += [p for body in delimited for p in split_passages(body)]
        elif numbered := _NUMBERED.search(block):
            passages += split_passages(block[numbered.start():])
    return passages


def _question_from_loose(text: str) -> str:
    """With no 'Question:' section, the question is the last paragraph (or last line ending in '?')."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    asked = [line.strip() for line in text.split("\n") if line.strip().endswith("?")]
    return asked[-1] if asked else paragraphs[-1]
