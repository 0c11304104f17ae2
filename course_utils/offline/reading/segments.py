"""Cut chat messages into segments: the units whose role the prompt tagger (tagger.py) decides.

A segment is a line of text, an XML-style tag, or a string inside JSON, with its place in the
message (character offsets), the message's role, and the titles it sits under: the Markdown
heading, the open tags, the "Title:" line or the JSON key above it. Cutting is mechanical, like a
tokenizer: it decides nothing about what a segment is for. That is learned (tagger.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Sequence

from course_utils.offline.api.protocol import content_text

_TAG = re.compile(r"</?([A-Za-z_][\w:.-]*)(?:\s[^<>\n]*)?/?>")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*))?$")  # linear: the title's trailing #s are stripped after
_BOLD_TITLE = re.compile(r"^\s*\*\*([^*\n]{1,60}?)\*\*\s*:?\s*$")
_BRACKET_TITLE = re.compile(r"^\s*\[([A-Za-z][\w ]{0,40})\]\s*$")
_KEY = re.compile(r"^\s*(?:[-*+•>]\s*)?\**([A-Za-z][\w ()/'-]{0,40}?)\**\s*[:=]\s*(.*)$")
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_COLON_AFTER = re.compile(r"\s*:")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_CAPS_TITLE = re.compile(r"^\s*([A-Z][A-Z _/-]{2,40}?)\s*:?\s*$")


@dataclass
class Segment:
    """One unit of a prompt: a line, a tag or a JSON string."""

    text: str  # as written, stripped
    content: str  # what it says: a JSON string decoded, a line as written
    message: int  # index of its message
    role: str  # the message's role: system, user or assistant
    kind: str  # "line", "open_tag", "close_tag", "json_key", "json_value"
    start: int  # character offsets in the message's text
    end: int
    titles: list[str] = field(default_factory=list)  # the titles above it, innermost last
    key: str = ""  # its own "Key:" prefix or, for a JSON value, its key
    blank_before: bool = False
    from_end: int = 0  # segments after it in its message


def message_texts(messages: Sequence[dict]) -> list[tuple[str, str]]:
    """(role, text) of each message, content parts joined."""
    return [(m.get("role", "user"), content_text(m.get("content"))) for m in messages]


def segment_messages(messages: Sequence[dict]) -> list[Segment]:
    """Every segment of every message, in order."""
    segments: list[Segment] = []
    for index, (role, text) in enumerate(message_texts(messages)):
        found = segment_text(text, index, role)
        for i, segment in enumerate(found):
            segment.from_end = len(found) - 1 - i
        segments += found
    return segments


def segment_text(text: str, message: int = 0, role: str = "user") -> list[Segment]:
    """Segments of one message's text."""
    out: list[Segment] = []
    titles = _Titles()
    lines = _lines_with_offsets(text)
    i, blank = 0, False
    while i < len(lines):
        start, line = lines[i]
        if not line.strip():
            blank, i = True, i + 1
            continue
        found = _json_region(lines, i)
        if found is not None:
            json_start, end_line = found
            if line[:json_start].strip():  # "Labels: [...]": the key before the JSON is a line of its own
                out += _line_segments(line[:json_start], start, message, role, titles, blank)
                blank = False
            region_end = lines[end_line][0] + len(lines[end_line][1])
            out += _json_segments(text, start + json_start, region_end, message, role, titles.current(), blank)
            blank, i = False, end_line + 1
            continue
        out += _line_segments(line, start, message, role, titles, blank)
        blank, i = False, i + 1
    return out


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


_JSON_AFTER_KEY = re.compile(r"^([^{\[\n]{1,60}?[:=]\s*)[\[{]")


def _json_region(lines: list[tuple[int, str]], first: int) -> tuple[int, int] | None:
    """(column where a JSON object or array starts on line `first`, its last line), or None.

    The JSON may start the line or follow a short "Key:" ("Labels: [...]")."""
    line = lines[first][1]
    stripped = line.lstrip()
    if stripped.startswith(("{", "[")):
        column = len(line) - len(stripped)
    elif (after_key := _JSON_AFTER_KEY.match(line)) is not None:
        column = after_key.end() - 1
    else:
        return None
    joined = line[column:] + "\n"
    for last in range(first, min(len(lines), first + 400)):
        if last > first:
            joined += lines[last][1] + "\n"
        if lines[last][1].rstrip().endswith(("}", "]")):
            try:
                value = json.loads(joined)
            except ValueError:
                continue
            return (column, last) if isinstance(value, (dict, list)) else None
    return None


def _json_segments(text: str, start: int, end: int, message: int, role: str, outer: list[str],
                   blank: bool) -> list[Segment]:
    """One segment per JSON string: keys with their enclosing keys as titles, values with their key."""
    segments: list[Segment] = []
    containers: list[str] = []  # the key that opened each open container
    pending_key = ""
    position = start
    for match in _JSON_STRING.finditer(text, start, end):
        between = text[position:match.start()]
        for char in between:  # brackets and colons between the previous string and this one
            if char in "{[":
                containers.append(pending_key)
                pending_key = ""
            elif char in "}]":
                if containers:
                    containers.pop()
                pending_key = ""
            elif char == ",":
                pending_key = ""
        position = match.end()
        literal = match.group(0)
        try:
            content = json.loads(literal)
        except ValueError:
            content = literal.strip('"')
        is_key = _COLON_AFTER.match(text, match.end(), end) is not None
        titles = outer + [k for k in containers if k]
        if is_key:
            segments.append(Segment(literal, content, message, role, "json_key", match.start(), match.end(),
                                    titles, content, blank and not segments))
            pending_key = content
        else:
            segments.append(Segment(literal, content, message, role, "json_value", match.start(), match.end(),
                                    titles, pending_key, blank and not segments))
    return segments


class _Titles:
    """The titles in force: Markdown headings by level, open tags, and the last 'Title:' line."""

    def __init__(self):
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.line_title = ""

    def current(self) -> list[str]:
        titles = [title for _, title in self.headings] + self.tags
        return titles + ([self.line_title] if self.line_title else [])

    def heading(self, level: int, title: str) -> None:
        self.headings = [(lv, t) for lv, t in self.headings if lv < level] + [(level, title)]
        self.line_title = ""

    def open_tag(self, name: str) -> None:
        self.tags.append(name)
        self.line_title = ""

    def close_tag(self, name: str) -> None:
        if name in self.tags:
            del self.tags[len(self.tags) - 1 - self.tags[::-1].index(name):]
        self.line_title = ""


def _line_segments(line: str, offset: int, message: int, role: str, titles: _Titles,
                   blank: bool) -> list[Segment]:
    """A line, cut at its XML-style tags."""
    segments: list[Segment] = []
    position = 0
    pieces = []
    for tag in _TAG.finditer(line):
        pieces.append((position, tag.start(), None))
        pieces.append((tag.start(), tag.end(), tag))
        position = tag.end()
    pieces.append((position, len(line), None))
    for begin, stop, tag in pieces:
        piece = line[begin:stop]
        if not piece.strip():
            continue
        first = blank and not segments
        if tag is not None:
            name = tag.group(1).replace("_", " ").replace("-", " ")
            attributes = " ".join(f"{key} {value}" for key, value in attribute_values(piece))
            closing = piece.startswith("</")
            segments.append(Segment(piece.strip(), f"{name} {attributes}".strip(), message, role,
                                    "close_tag" if closing else "open_tag", offset + begin, offset + stop,
                                    titles.current(), name, first))
            if closing:
                titles.close_tag(name)
            elif not piece.endswith("/>"):
                titles.open_tag(name)
            continue
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        heading = _HEADING.match(stripped)
        key_match = _KEY.match(stripped)
        key = key_match.group(1).strip() if key_match else ""
        segments.append(Segment(stripped, stripped, message, role, "line", offset + begin + lead,
                                offset + begin + lead + len(stripped), titles.current(), key, first))
        if heading:
            titles.heading(len(heading.group(1)), (heading.group(2) or "").rstrip().rstrip("#").strip("*: "))
        elif (title := _title_of_line(stripped)) is not None:
            titles.line_title = title
        elif key_match and len(key.split()) <= 4:
            titles.line_title = key
    return segments


def attribute_values(tag: str) -> list[tuple[str, str]]:
    """(name, value) of each attribute of an XML-style tag: <label code="BILL"> -> [("code", "BILL")]."""
    return [(match.group(1), next(g for g in match.groups()[1:] if g is not None)) for match in _ATTRIBUTE.finditer(tag)]


def _title_of_line(line: str) -> str | None:
    """The title a line announces for what follows: "Labels:", "**Examples**", "[TICKET]", "ALLOWED CODES"."""
    for pattern in (_BOLD_TITLE, _BRACKET_TITLE):
        if match := pattern.match(line):
            return match.group(1).strip(": ")
    if line.endswith(":") and len(line.split()) <= 8:
        return line.rstrip(":").strip("*# ")
    if (match := _CAPS_TITLE.match(line)) and len(line.split()) <= 5:
        return match.group(1).strip()
    return None
