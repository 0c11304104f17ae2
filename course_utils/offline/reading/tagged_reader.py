"""From tagged segments to what a request holds: labels, examples, the text to classify.

The tagger (tagger.py) says what each segment is; this module only takes each one apart the way
its role says: a label segment is a name and maybe a description ("BILL: charges", a table row,
a JSON key and its value, or several names in one line), an example is a text and a label (in
one segment, "text -> BILL", or in two, "Input: ..." then "Output: BILL"), the query is the text
of the segments tagged so.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from typing import Sequence

from course_utils.offline.reading.prompt_reader import Label, Passage, ReadPrompt, split_passages, split_sentences
from course_utils.offline.reading.segments import Segment, attribute_values, message_texts, segment_messages
from course_utils.offline.reading.tagger import shared_tagger

_BULLET = re.compile(r"^\s*(?:[-*•+>]|\d+[.)]|#{1,6})\s+")
_NAME_SEPARATOR = re.compile(r"\s*(?::\s|\t|\s[-—–=]\s|\s\(|\s->\s|\s=>\s|=\s|\.\s|"
                             r"\s(?:means|is for|covers|stands for|refers to|is used for):?\s)\s*")
_PAIR_SEPARATOR = re.compile(r"\s*(?:-->|->|=>|→|::|\t|\s\|\s|\s[;—]\s)\s*")
_LIST_SEPARATOR = re.compile(r"\s*[,;|/]\s*(?:or\s+)?|\s+or\s+")
_KEY_PREFIX = re.compile(r"^\s*\**[A-Za-z][\w ()/'-]{0,30}?\**\s*:\s*(?:\*\*)?\s+")
_MAX_NAME_WORDS = 4
_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,}")


_ARROW_LEAD = re.compile(r"^\s*(?:-->|->|=>|→)\s*")


def _clean(text: str) -> str:
    return _ARROW_LEAD.sub("", _BULLET.sub("", text)).strip().strip("\"'`*“”[]").strip()


def _without_key(segment: Segment) -> str:
    """A segment's text without its bullet and "Key:" prefix (JSON strings have neither); a value
    written as a quoted JSON string ("ticket: \"Hi,\\n...\"") is decoded."""
    if segment.kind.startswith("json"):
        return segment.content
    text = _KEY_PREFIX.sub("", _BULLET.sub("", segment.content), count=1) if segment.key else segment.content
    if len(text) > 1 and text[0] == text[-1] == '"':
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


def _name(text: str) -> str:
    """A label's name as written: "BILL", "**BILL**", and the one code in "The BILL queue"."""
    name = _clean(text).rstrip(".:").strip("\"'`*[]() ")
    codes = [word for word in name.split() if _CODE.fullmatch(word)]
    return codes[0] if len(name.split()) > 1 and len(codes) == 1 else name


def _named_by(tag: Segment) -> str:
    """The label an opening tag names: <category code="BILL">, <example id="3" label="BILL"> -> "BILL".
    Ids, indexes and numbers are not names."""
    values = [value for key, value in attribute_values(tag.text)
              if key.lower() not in ("id", "index", "n", "number", "num") and not value.isdigit()]
    codes = [value for value in values if _CODE.fullmatch(value)]
    return _name((codes or values or [""])[0])


def _labels(segments: list[Segment], roles: list[str]) -> list[Label]:
    """Labels from the segments tagged as label definitions; a label opened by a tag
    (<label code="BILL">) takes the text inside it as its description."""
    labels: list[Label] = []
    open_tag = None  # the tag name of a label whose description is inside it
    for s, role in zip(segments, roles):
        if s.kind == "close_tag" and open_tag == s.key:
            open_tag = None
        if role != "label":
            continue
        if s.kind == "open_tag":
            name = _named_by(s)
            if name:
                labels.append(Label(name))
                open_tag = s.key
        elif open_tag is not None and labels:
            labels[-1].description = f"{labels[-1].description} {s.content}".strip()
        elif s.kind == "json_key":
            labels.append(Label(_name(s.content)))
        elif s.kind == "json_value":
            if labels and labels[-1].name.lower() == (s.key or "").lower() or (
                    labels and len(s.content.split()) > _MAX_NAME_WORDS and not labels[-1].description):
                labels[-1].description = s.content.strip()
            else:
                labels.append(Label(_name(s.content)))
        elif s.text.startswith("|"):
            cells = [c.strip(" *`") for c in s.text.strip().strip("|").split("|")]
            if cells and cells[0]:
                labels.append(Label(cells[0], " ".join(cells[1:]).strip()))
        else:
            labels += _labels_of_line(s.content, labels)
    return [label for label in labels if label.name and len(label.name.split()) <= _MAX_NAME_WORDS]


def _labels_of_line(line: str, before: list[Label]) -> list[Label]:
    """One label ("NAME: what it covers"), several ("A, B or C", "A (what it covers), B (...)"),
    or the description of the label above it (": what it covers", or a long line after a bare name)."""
    text = _clean(line)
    if line.lstrip().startswith(":") and before:  # a Markdown definition list: "NAME" then ": what it means"
        before[-1].description = f"{before[-1].description} {text.lstrip(': ')}".strip()
        return []
    parts = _NAME_SEPARATOR.split(text, maxsplit=1)
    named = len(parts) == 2 and len(parts[0].split()) <= _MAX_NAME_WORDS and not _LIST_SEPARATOR.search(parts[0])
    if named and not text[len(parts[0]):].lstrip().startswith("(") and len(parts[0].split()) <= 2:
        return [Label(_name(parts[0]), parts[1].strip())]
    described = _described_in_parentheses(text)
    if len(described) >= 2:  # "The queues are BILL (...), SHIP (...)"
        return [Label(_name(name), description) for name, description in described]
    if named:
        return [Label(_name(parts[0]), parts[1].strip().rstrip(")").strip())]
    items = [item for item in _LIST_SEPARATOR.split(text.rstrip(".?")) if item.strip()]
    if len(items) >= 2:
        if ":" in items[0]:
            items[0] = items[0].rsplit(":", 1)[1]
        size = round(statistics.median(len(item.split()) for item in items[1:]))
        items[0] = " ".join(items[0].split()[-max(size, 1):])  # "Use one of BILL" -> "BILL"
        return [Label(_name(item)) for item in items]
    if before and not before[-1].description and len(text.split()) > _MAX_NAME_WORDS:
        before[-1].description = text  # a description on the line below its name
        return []
    return [Label(_name(text))]


def _described_in_parentheses(text: str) -> list[tuple[str, str]]:
    """(name, description) for each "NAME (description)" of a list, parentheses nested or not:
    "The queues are BILL (money: charges (cards)), SHIP (delivery) and RTRN (returns)." """
    found, depth, start, name_end = [], 0, 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start, name_end = i + 1, i
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                before = re.split(r"[,:;]|\band\b|\bor\b|\bare\b|\bis\b", text[:name_end])[-1].split()
                if before and len(before) <= 3:
                    found.append((" ".join(before), text[start:i].strip()))
    return found


def _pair(segment: Segment) -> tuple[str, str] | None:
    """(text, label) from one segment: a table row, "text -> LABEL", "Text: ... | Label: ..."."""
    text = segment.content.strip()
    if text.startswith("|"):
        cells = [c.strip() for c in text.strip("|").split("|")]
        return (" ".join(cells[:-1]).strip(), cells[-1]) if len(cells) >= 2 else None
    pieces = _PAIR_SEPARATOR.split(text)
    trailing = re.search(r"\s[(\[]([^()\[\]]{1,30})[)\]]\W*$", text)
    if len(pieces) < 2 and trailing:  # "text (BILL)"
        return _clean(text[:trailing.start()]), _name(trailing.group(1))
    if len(pieces) >= 2:
        left, right = " ".join(pieces[:-1]), pieces[-1]
    else:
        keyed = list(re.finditer(r"(?:^|\s)[A-Za-z][\w ]{0,20}:\s", text))
        if len(keyed) < 2:
            return None
        left, right = text[:keyed[-1].start()], text[keyed[-1].end():]
    left = _KEY_PREFIX.sub("", _clean(left), count=1)
    right = _KEY_PREFIX.sub("", right.strip(), count=1)
    return _clean(left), _name(right)


def _label_said(segment: Segment, names: dict[str, str]) -> str:
    """The label an example's label segment gives: a defined label it names ("This one went to
    BILL.", "Example 1 (answer: BILL):"), else what it says after its key."""
    said = _name(_without_key(segment))
    if said.lower() in names:
        return names[said.lower()]
    named = [name for key, name in names.items() if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", segment.content.lower())]
    return named[-1] if len(named) == 1 else said


def _examples(segments: list[Segment], roles: list[str],
              names: dict[str, str]) -> tuple[list[tuple[str, str]], tuple[str, tuple[int, int]]]:
    """Example pairs: one-segment pairs, and example texts matched with their label segment.

    A label comes after its text ("Input: ... / Output: BILL"), or, when the examples start with
    a label, it heads a group of texts ("BILL:" then a list of tickets). Also returns the text of a
    last example left without its label and where it ends, if any: the text to classify written as
    one more example.
    """
    items: list[list] = []  # ["in", text, (first, last segment)] / ["out", label] / ["pair", (text, label)]
    previous_role = ""
    for index, (s, role) in enumerate(zip(segments, roles)):
        if role == "ex_pair" and (pair := _pair(s)) is not None and all(pair):
            items.append(["pair", pair])
        elif role == "ex_in" and (text := _clean(_without_key(s))):
            continues = (items and items[-1][0] == "in" and previous_role == "ex_in" and not s.key
                         and s.kind == "line" and not _BULLET.match(s.text)
                         and segments[items[-1][2][1]].message == s.message)
            if continues:  # one example text over several lines
                items[-1][1] += "\n" + text
                items[-1][2] = (items[-1][2][0], index)
            else:
                items.append(["in", text, (index, index)])
        elif role == "ex_out" and s.kind == "open_tag" and (label := _named_by(s)):
            items.append(["out", label])  # <example label="BILL">
        elif role == "ex_out" and (label := _label_said(s, names)):
            items.append(["out", label])
        elif role == "label" and (defined := _labels_of_line(s.content, [])):
            items.append(["defined", defined[0].name])  # a label heading may head its examples
        if s.kind != "close_tag" and not (role == "title" and s.kind == "line" and _is_delimiter(s.text)):
            previous_role = role
    if not any(item[0] == "out" for item in items):  # "#### BILL: what it means", then its examples
        items = [["out" if item[0] == "defined" else item[0], *item[1:]] for item in items]
    items = [item for item in items if item[0] != "defined"]
    while items and items[0][0] == "out" and len(items) > 1 and items[1][0] == "out":
        items.pop(0)  # a label defined with no example under it
    label_first = next((item[0] for item in items if item[0] != "pair"), "") == "out"
    examples, pending, heading = [], [], ""
    for kind, value, *where in items:
        if kind == "pair":
            examples.append(value)
        elif kind == "in" and label_first:
            if heading:
                examples.append((value, heading))
        elif kind == "in":
            pending.append((value, where[0]))
        elif label_first:
            heading = value
        else:
            examples += [(text, value) for text, _ in pending]
            pending = []
    return examples, pending[-1] if pending else ("", (-1, -1))


def _is_delimiter(text: str) -> bool:
    return re.fullmatch(r"[-=*_~`\"'>]{1,}\w*", text.strip()) is not None


def _query(segments: list[Segment], roles: list[str], texts: list[str]) -> tuple[str, int]:
    """The text tagged as the query, and where it ends: its last unbroken run in one message. A delimiter, or a short
    line the tagger took for something else ("Thanks,") between two query lines, stays in the run."""
    runs: list[list[int]] = []
    for i, role in enumerate(roles):
        if role != "query":
            continue
        previous = runs[-1][-1] if runs else None
        between = range(previous + 1, i) if previous is not None else range(0)
        joined = (previous is not None and segments[previous].message == segments[i].message
                  and all(_is_delimiter(segments[j].text) or (roles[j] == "other" and len(segments[j].text) < 40)
                          for j in between))
        if joined:
            runs[-1] += [j for j in between if not _is_delimiter(segments[j].text)] + [i]
        else:
            runs.append([i])
    if not runs:
        return "", -1
    run = runs[-1]
    while run[-1] + 1 < len(segments) and roles[run[-1] + 1] == "other" and len(segments[run[-1] + 1].text) < 40 \
            and segments[run[-1] + 1].message == segments[run[-1]].message:
        run.append(run[-1] + 1)  # a sign-off ("Tariq") after the message
    return _as_written(segments, run[0], run[-1], texts), run[-1]


def _as_written(segments: list[Segment], first_index: int, last_index: int, texts: list[str]) -> str:
    """The text from one segment to another as the message has it (blank lines kept), without the
    first one's short "Key:" and the quotes of a single JSON or quoted value."""
    first, last = segments[first_index], segments[last_index]
    if first.kind.startswith("json") or first_index == last_index or first.message != last.message:
        text = _without_key(first) if len(first.key.split()) <= 3 else first.content
        return text.strip().strip('"“”').strip()
    text = texts[first.message][first.start:last.end]
    if first.key and len(first.key.split()) <= 3:
        text = _KEY_PREFIX.sub("", _BULLET.sub("", text), count=1)
    return text.strip()


def _passages(segments: list[Segment], roles: list[str], texts: list[str]) -> list[Passage]:
    """The context as written, region by region (titles inside it kept: a document's own headings),
    split into passages the way the rule reader splits a "Context:" section."""
    regions: list[list[int]] = []
    for i, role in enumerate(roles):
        inside = regions and segments[regions[-1][-1]].message == segments[i].message and all(
            roles[j] == "title" for j in range(regions[-1][-1] + 1, i))
        if role == "context":
            if inside:
                regions[-1].append(i)
            else:
                regions.append([i])
    passages = []
    for region in regions:
        first, last = segments[region[0]], segments[region[-1]]
        if first.kind.startswith("json"):
            passages += [Passage(segments[i].content, None, split_sentences(segments[i].content)) for i in region]
            continue
        passages += split_passages(_TAGS_AROUND.sub("\n", texts[first.message][first.start:last.end]))
    return passages


_TAGS_AROUND = re.compile(r"</?[A-Za-z_][\w:.-]*(?:\s[^<>\n]*)?>")


def read_tagged(messages: Sequence[dict]) -> ReadPrompt:
    """Read a request with the learned tagger."""
    segments = segment_messages(messages)
    roles = _elements_whole(segments, shared_tagger().tag(segments)) if segments else []
    texts = [text for _, text in message_texts(messages)]
    read = ReadPrompt(full_text="\n\n".join(texts))
    read.labels = _distinct(_labels(segments, roles))
    names = {label.name.lower(): label.name for label in read.labels}
    roles = _outputs_named(segments, _parallel_keys_agree(segments, roles), set(names))
    roles = _texts_by_what_follows(segments, roles)
    read.examples, (_, (unanswered_from, unanswered_to)) = _examples(segments, roles, names)
    query, query_at = _query(segments, roles, texts)
    if unanswered_to > query_at:  # the text to classify written as one more example, its label slot empty
        query = _as_written(segments, unanswered_from, unanswered_to, texts)
    read.question = query
    read.passages = _passages(segments, roles, texts)
    read.instructions = "\n".join(s.content for s, role in zip(segments, roles) if role == "instruction")
    return read


def _elements_whole(segments: list[Segment], roles: list[str]) -> list[str]:
    """An XML element is one unit: what sits inside a label's tag (<category code="BILL">...</category>)
    describes that label, and what sits inside an example's tag (<example label="BILL">...) is its text."""
    roles = list(roles)
    inside = {"label": "label", "ex_out": "ex_in"}
    open_at: tuple[str, str] | None = None  # (tag name, role of its content)
    for i, s in enumerate(segments):
        if s.kind == "open_tag" and roles[i] in inside and attribute_values(s.text):
            open_at = (s.key, inside[roles[i]])
        elif s.kind == "close_tag" and open_at and s.key == open_at[0]:
            open_at = None
        elif open_at and s.kind == "line":
            roles[i] = open_at[1]
    return roles


def _parallel_keys_agree(segments: list[Segment], roles: list[str]) -> list[str]:
    """Lines that share a key ("Ticket: ...", "Category: ...") play one part in the examples: a line
    tagged as an example's label among example texts with its key becomes a text too, and back."""
    roles = list(roles)
    by_key: dict[str, list[int]] = {}
    for i, s in enumerate(segments):
        if s.key and s.kind == "line" and roles[i] in ("ex_in", "ex_out"):
            by_key.setdefault(s.key.lower(), []).append(i)
    for lines in by_key.values():
        counts = Counter(roles[i] for i in lines)
        role, n = counts.most_common(1)[0]
        if len(lines) >= 3 and n > len(lines) / 2:
            for i in lines:
                roles[i] = role
    return roles


def _texts_by_what_follows(segments: list[Segment], roles: list[str]) -> list[str]:
    """A run of lines the tagger split between "example text" and "the text to classify" is one text:
    an example's if its label follows, else the text to classify (an example whose label slot is empty)."""
    roles = list(roles)
    i = 0
    while i < len(segments):
        if roles[i] not in ("ex_in", "query"):
            i += 1
            continue
        j = i
        while (j + 1 < len(segments) and segments[j + 1].message == segments[i].message
               and (roles[j + 1] in ("ex_in", "query") or _is_delimiter(segments[j + 1].text))):
            j += 1
        run = [k for k in range(i, j + 1) if roles[k] in ("ex_in", "query")]
        if {roles[k] for k in run} == {"ex_in", "query"}:
            labelled = j + 1 < len(segments) and roles[j + 1] == "ex_out" and segments[j + 1].message == segments[i].message
            for k in run:
                roles[k] = "ex_in" if labelled else "query"
        i = j + 1
    return roles


def _outputs_named(segments: list[Segment], roles: list[str], names: set[str]) -> list[str]:
    """A line right after an example's text that says nothing but a label name ("LABEL: SHIP") is
    that example's label, whatever the tagger made of it."""
    roles = list(roles)
    for i in range(1, len(segments)):
        said = _name(_without_key(segments[i])).lower()
        if roles[i] in ("title", "other", "instruction") and said in names and roles[i - 1] == "ex_in":
            roles[i] = "ex_out"
    return roles


def _distinct(labels: list[Label]) -> list[Label]:
    """Labels without repeats, and without a first word they all share before a code
    ("Category BILL" -> "BILL"; "Order change" stays)."""
    seen, out = set(), []
    for label in labels:
        if label.name.lower() not in seen:
            seen.add(label.name.lower())
            out.append(label)
    firsts = {label.name.split()[0] for label in out if len(label.name.split()) > 1}
    rests = [label.name.split(maxsplit=1)[1] for label in out if len(label.name.split()) > 1]
    if (len(out) >= 2 and len(firsts) == 1 and len(rests) == len(out)
            and all(_CODE.fullmatch(rest) for rest in rests)):
        for label in out:
            label.name = label.name.split(maxsplit=1)[1]
    return out
