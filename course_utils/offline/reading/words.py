"""Words as acme-tiny compares them: one tokenizer, one plural strip, one stop-word list.

Both halves of the model compare texts by the words they share: the reader (does this sentence
name what the question names? does this label fit?) and the SQL adapter (does this known question
ask what the new one asks? which code does a question imply?). Embeddings blur exact names and
numbers; shared content words keep them.
"""

from __future__ import annotations

import re

# A word is a run of letters and digits; "45-day", "v2.1" and "e-mail" stay whole.
WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")

# Function words, and the words every question or request uses ("show", "list", "number of").
STOP_WORDS = frozenset("""
a an the is are was were be been being do does did of to in on at for from by with and or not no
it its this that these those what which who whom whose when where why how much many i me my we us
our you your he she they them their his her can could would should will shall may might there here
have has had as about into than then so if any some all each every per please tell give list show
find get name names number count total
""".split())


def stem(word: str) -> str:
    """A lower-case word without its plural ending: 'categories' -> 'category', 'rooms' -> 'room'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """The text's words, lower case and without plural endings, in order."""
    return [stem(w) for w in WORD.findall(text.lower())]


def content_words(text: str) -> set[str]:
    """The text's words without stop words (checked before the plural strip, so "does" and "this"
    go), stemmed: what two texts must share to be about the same thing."""
    return {stem(w) for w in WORD.findall(text.lower()) if w not in STOP_WORDS}
