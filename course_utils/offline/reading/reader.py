"""How the offline model reads a chat request: two readers, and which one reads what.

- The prompt tagger (tagger.py, tagged_reader.py) is learned: it reads labels, examples, passages and
  the text to answer in layouts of every kind (Markdown, XML, JSON, YAML-like, prose, chat turns).
- The section rules (prompt_reader.py) read headed sections exactly, as a chat template would.

Neither decides an answer; the network (model/acme_tiny/) does, on what they found.
"""

from __future__ import annotations

from typing import Sequence

from course_utils.offline.reading.prompt_reader import ReadPrompt, read_by_rules
from course_utils.offline.reading.tagged_reader import read_tagged


def _names(read: ReadPrompt) -> set[str]:
    return {label.name.lower() for label in read.labels}


def _rules_read_it_all(by_rules: ReadPrompt, tagged: ReadPrompt) -> bool:
    """The tagger found every label the rules found (and perhaps a line it took for one more), and the
    rules as many examples and a text to classify: then the request is laid out in sections the rules
    read exactly, to the last line of the text."""
    return (len(_names(by_rules)) >= 2 and _names(by_rules) <= _names(tagged) and bool(by_rules.question.strip())
            and len(by_rules.examples) >= len(tagged.examples))


def read_prompt(messages: Sequence[dict]) -> ReadPrompt:
    """Read chat messages into question, passages, labels and examples.

    Passages in headed sections are read by the rules, which read those exactly, and so are labels when
    the rules find what the tagger finds; anything else by the tagger when it finds a text to answer
    and labels or passages for it, and by the rules when it does not."""
    by_rules = read_by_rules(messages)
    if by_rules.passages and not by_rules.labels:
        return by_rules  # headed passages (with a question, or with none: then the reply says so)
    tagged = read_tagged(messages)
    if tagged.question.strip() and len(tagged.labels) >= 2:
        if _rules_read_it_all(by_rules, tagged):
            return by_rules  # the rules' labels, and all the examples: the sections are the course's kind
        return tagged
    if tagged.question.strip() and tagged.passages and not by_rules.passages:
        return tagged
    return by_rules
