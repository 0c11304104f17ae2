"""Does a query do what its question asks? Cue words against SQL operators.

"How many" asks for COUNT, "average" for AVG, "each" for GROUP BY, "without" for a NOT IN or
an EXCEPT, "the most" for an ORDER BY ... LIMIT or a MAX. These cues are English, not any
domain's, so they also hold on a database the model has never seen. For each kind of
operation, `agreement` says whether the question asks for it and the query lacks it (+1), the
query has it and the question does not ask (-1), or they agree (0); the SQL scorer learns how
much each disagreement matters.
"""

from __future__ import annotations

import re

import numpy as np

_WORD_BOUNDARY = r"\b(?:{})\b"
_NOT_SUPERLATIVE = ("interest|request|guest|rest|test|west|forest|contest|honest|modest|harvest|protest|suggest|"
                    "invest|digest|chest|nest|quest|arrest|manifest|crest|pest|vest|zest|attest|conquest")

# kind of operation -> (words in a question that ask for it, the SQL that does it)
CUES: dict[str, tuple[str, str]] = {
    "count": (r"how many|number of|count(?:s|ed)?|how often|tally",
              r"\bCOUNT\s*\("),
    "average": (r"average|mean|avg|typical(?:ly)?",
                r"\bAVG\s*\("),
    "sum": (r"total(?! number)|sum|in all|combined|altogether|how much",
            r"\bSUM\s*\(|\bTOTAL\s*\("),
    "extreme": (r"most|least|highest|lowest|largest|smallest|biggest|maximum|minimum|max|min|top|"
                r"(?!(?:" + _NOT_SUPERLATIVE + r")\b)\w{2,}est|first|last",
                r"\bMAX\s*\(|\bMIN\s*\(|\bLIMIT\b"),
    "group": (r"each|per|every|by (?:each|every)|breakdown|broken down|grouped",
              r"\bGROUP\s+BY\b"),
    "negation": (r"no|not|never|without|none|neither|nor|except|other than|\w+n't|missing|unknown|unrecorded",
                 r"\bNOT\b|\bEXCEPT\b|<>|!=|\bIS\s+NULL\b|=\s*0\b"),
    "comparison": (r"more than|less than|fewer than|over|under|above|below|at least|at most|exceed(?:s|ed|ing)?|"
                   r"before|after|older than|younger than|greater|higher than|lower than|between|since|until|"
                   r"or more|or less|or fewer|cheaper|dearer|longer than|shorter than",
                   r"[<>]|\bBETWEEN\b"),
    "distinct": (r"distinct|different|unique|various",
                 r"\bDISTINCT\b"),
    # a whole list in an order (ORDER BY with no LIMIT); "the first" or "the highest" one is "extreme"
    "order": (r"sort(?:ed)?|order(?:ed)?|ascending|descending|alphabetical(?:ly)?|chronological(?:ly)?|ranked|"
              r"\w+est first|\w+est to \w+est",
              r"\bORDER\s+BY\b(?![\s\S]*\bLIMIT\b)"),
}
KINDS = tuple(CUES)
_ASKS = {kind: re.compile(_WORD_BOUNDARY.format(words), re.IGNORECASE) for kind, (words, _) in CUES.items()}
_DOES = {kind: re.compile(sql, re.IGNORECASE) for kind, (_, sql) in CUES.items()}
_STRING = re.compile(r"'(?:[^']|'')*'")


def asked(question: str) -> set[str]:
    """The kinds of operation a question's words ask for."""
    return {kind for kind, pattern in _ASKS.items() if pattern.search(question)}


def done(sql: str) -> set[str]:
    """The kinds of operation a query performs (string literals left out)."""
    bare = _STRING.sub("''", sql)
    return {kind for kind, pattern in _DOES.items() if pattern.search(bare)}


def agreement(question: str, sql: str) -> np.ndarray:
    """Per kind of operation: +1 asked but not done, -1 done but not asked, 0 agreed."""
    wanted, performed = asked(question), done(sql)
    return np.array([float(k in wanted) - float(k in performed) for k in KINDS], dtype=np.float32)
