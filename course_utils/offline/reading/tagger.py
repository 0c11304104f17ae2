"""The prompt tagger: a learned model of what each segment of a prompt is for.

segments.py cuts a request into lines, tags and JSON strings. For each one, this model decides
its role (ROLES): an instruction, a label definition, an example's text or
its label, the text to classify or the question, context, a title, or other. It is a logistic
regression over hashed features of the segment (its words, its shape, its "Key:", the titles
above it, the message it is in, where it sits) and of its neighbours, run twice: the second pass
also sees what the first decided for the segments around it. It is trained on prompts laid out
at random from practice data (training/train_tagger.py), never on the layouts it is measured on.

tagged_reader.py turns the tags into a ReadPrompt: the labels with their descriptions, the examples
as (text, label) pairs, the text to classify, the passages.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from course_utils.models import choice_for
from course_utils.offline.reading.segments import Segment, attribute_values

# The roles a segment plays, one predicted per segment (corpus/layouts.py writes every span with one).
ROLES = ("instruction", "label", "ex_in", "ex_out", "ex_pair", "query", "context", "title", "other")
FEATURE_BITS = 16
# Beside acme-tiny's weights (course_utils/offline/weights/<the offline chat model's id>/), whose reader it is.
TAGGER_FILE = (Path(__file__).resolve().parents[1] / "weights" / choice_for("chat", "offline").default
               / "prompt_tagger.npz")

_WORD = re.compile(r"[a-z]+|\d+")
_CODES = re.compile(r"(?<![\w-])[A-Z][A-Z0-9_]+(?![\w-])")  # BILL, ORDR, UPPER_SNAKE: code-like words
_NAME_LEAD = re.compile(r"^\W*([\w][\w .'&/-]{0,40}?)\s*(?::|\s[-—–=]\s|\t|\(|\||->|=>|$)")


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8, 12, 20, 40)) -> str:
    return str(next((edge for edge in edges if n <= edge), "many"))


def _shape(segment: Segment) -> list[str]:
    text = segment.text
    words = text.split()
    first = text[:1]
    lead = ("hash" if first == "#" else "bullet" if re.match(r"^[-*•+]\s", text) else
            "number" if re.match(r"^\d+[.)]\s", text) else "pipe" if first == "|" else
            "angle" if first == "<" else "brace" if first in "{[" else "quote" if first in "\"'“>`" else
            "upper" if first.isupper() else "lower" if first.islower() else "digit" if first.isdigit() else "sym")
    shape = [f"k={segment.kind}", f"lead={lead}", f"n={_bucket(len(words))}",
             f"end={text[-1:] if text[-1:] in ':?.!)|]}' else 'w'}",
             f"codes={_bucket(len(_CODES.findall(text)), (0, 1, 2, 4))}"]
    if "\t" in text:
        shape.append("tab")
    if re.search(r"->|=>|→|-->|::", text):
        shape.append("arrow")
    if text.count("|") >= 2:
        shape.append(f"cells={_bucket(text.strip('|').count('|') + 1, (1, 2, 3))}")
    if re.fullmatch(r"[-=*_~`\"|: ]{3,}\w*", text):
        shape.append("rule")
    if segment.key:
        shape.append("has_key")
    if segment.kind == "open_tag" and "=" in text:
        shape.append("has_attributes")
    named_in_parentheses = len(re.findall(r"\b[A-Z][A-Z0-9_]+\s*\(", text))
    if named_in_parentheses:
        shape.append(f"code_parens={_bucket(named_in_parentheses, (1, 2, 4))}")
    if len(re.findall(r"[,;|/]| or ", text)) >= 2:
        shape.append("listy")
    return shape


def _words(text: str, prefix: str, limit: int = 40) -> list[str]:
    return [f"{prefix}{w}" for w in _WORD.findall(text.lower())[:limit]]


def signature(segment: Segment) -> tuple:
    """What parallel items of a list share: kind, how the line starts, its key's first word."""
    text = segment.text
    lead = re.match(r"^\W*", text).group(0)[:3]
    first = (segment.key.split() or [""])[0].lower() if segment.key else ""
    return segment.kind, lead, first, bool(segment.key), segment.message


def _lead_name(segment: Segment) -> str:
    match = _NAME_LEAD.match(segment.content.strip("\"'` *#[]"))
    return match.group(1).strip().lower() if match else ""


_NEAR_KEYS = ("k", "lead", "n", "end", "key", "codes")
_NEAR_FLAGS = ("has_key", "arrow", "tab", "rule", "listy")


def segment_features(segments: Sequence[Segment], roles_before: Sequence[str] | None = None,
                     own: list[list[str]] | None = None) -> list[list[str]]:
    """Hashed-feature strings for each segment (and, on the second pass, its neighbours' roles).
    `own`: each segment's own features (own_features), when already computed."""
    own = own if own is not None else own_features(segments)
    found = set(roles_before or ())
    request = [f"request_has={role}" for role in ("label", "ex_in", "ex_pair", "context") if role in found]
    near = [[f for f in features if f.split("=")[0] in _NEAR_KEYS or f in _NEAR_FLAGS] for features in own]
    second = _second_pass_features(segments, roles_before) if roles_before is not None else []
    out = []
    for i, features in enumerate(own):
        context = list(features) + request
        for offset, tag in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + offset
            if 0 <= j < len(segments) and segments[j].message == segments[i].message:
                context += [f"{tag}:{f}" for f in near[j]]
                if roles_before is not None:
                    context.append(f"{tag}:role={roles_before[j]}")
            else:
                context.append(f"{tag}:none")
        if roles_before is not None:
            context += second[i]
        out.append(context)
    return out


def own_features(segments: Sequence[Segment]) -> list[list[str]]:
    """What each segment shows by itself: shape, words, key, titles, message and place."""
    n_messages = max((s.message for s in segments), default=0) + 1
    last_user = max((s.message for s in segments if s.role == "user"), default=-1)
    names = Counter(_lead_name(s) for s in segments)
    own: list[list[str]] = []
    for s in segments:
        features = _shape(s) + _words(s.content, "w=") + _words(s.key, "key=", 6)
        titles = s.titles[-2:]
        if titles:
            features += _words(titles[-1], "t=", 8)
            features.append(f"t_kind={'json' if s.kind.startswith('json') else 'text'}")
        if len(titles) == 2:
            features += _words(titles[0], "t2=", 8)
        if not titles:
            features.append("untitled")
        message = "last_user" if s.message == last_user else s.role
        features += [f"m={message}", f"m_from_end={_bucket(n_messages - 1 - s.message, (0, 1, 2, 3))}",
                     f"from_end={_bucket(s.from_end, (0, 1, 2, 3, 6))}", f"{message}&end={_bucket(s.from_end, (0, 1, 3))}"]
        if s.blank_before:
            features.append("blank_before")
        repeats = names[_lead_name(s)] - 1 if _lead_name(s) else 0
        features.append(f"name_repeats={_bucket(repeats, (0, 1, 2))}")
        if s.kind == "open_tag" and any(names[value.lower()] for _, value in attribute_values(s.text)):
            features.append("attribute_names_a_label")  # <ticket category="BILL"> where BILL is defined
        own.append(features)
    return own


def _second_pass_features(segments: Sequence[Segment], roles: Sequence[str]) -> list[list[str]]:
    """What the first pass decided around each segment: the parallel items before and after it (same
    signature), the roles of the runs before and after its own, and the roles under its title. Linear
    in the number of segments."""
    n = len(segments)
    signatures = [signature(s) for s in segments]
    like_before, like_after, seen = [], [""] * n, {}
    for i in range(n):
        like_before.append(seen.get(signatures[i], "none"))
        seen[signatures[i]] = roles[i]
    seen = {}
    for i in range(n - 1, -1, -1):
        like_after[i] = seen.get(signatures[i], "none")
        seen[signatures[i]] = roles[i]
    # runs of one role among the segments that are not titles
    plain = [i for i in range(n) if roles[i] != "title"]
    run_of = {}
    runs: list[str] = []
    for i in plain:
        if not runs or roles[i] != runs[-1]:
            runs.append(roles[i])
        run_of[i] = len(runs) - 1
    next_plain, previous_plain = [None] * n, [None] * n
    last = None
    for i in range(n):
        previous_plain[i] = last
        if roles[i] != "title":
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        next_plain[i] = last
        if roles[i] != "title":
            last = i
    under_title = Counter((s.message, tuple(s.titles[-1:]), roles[i]) for i, s in enumerate(segments))
    out = []
    for i, s in enumerate(segments):
        if roles[i] == "title":
            after = roles[next_plain[i]] if next_plain[i] is not None else "end"
            before = roles[previous_plain[i]] if previous_plain[i] is not None else "start"
        else:
            k = run_of[i]
            after = runs[k + 1] if k + 1 < len(runs) else "end"
            before = runs[k - 1] if k > 0 else "start"
        counts = Counter({role: under_title[(s.message, tuple(s.titles[-1:]), role)] - (role == roles[i])
                          for role in ROLES})
        same_title = [role for role, c in counts.most_common(2) if c > 0]
        out.append([f"prev_like={like_before[i]}", f"next_like={like_after[i]}", f"run_then={after}",
                    f"run_after={before}", f"run={before}>{roles[i]}>{after}",
                    *(f"title_role={role}" for role in same_title), f"role1={roles[i]}"])
    return out


def hashed(features: list[list[str]]):
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=2 ** FEATURE_BITS, input_type="string", alternate_sign=False).transform(features)


class PromptTagger:
    """Two passes of multinomial logistic regression over hashed segment features."""

    def __init__(self, weights: list[tuple[np.ndarray, np.ndarray]]):
        # per pass: (coefficients (features, roles), intercepts (roles,)), as float32 for the product
        self.weights = [(np.asarray(coef, dtype=np.float32).T.copy(), np.asarray(intercept, dtype=np.float32))
                        for coef, intercept in weights]

    def tag(self, segments: Sequence[Segment]) -> list[str]:
        roles: list[str] | None = None
        own = own_features(segments)
        for coef, intercept in self.weights:
            scores = hashed(segment_features(segments, roles, own)) @ coef + intercept
            roles = [ROLES[k] for k in np.asarray(scores).argmax(axis=1)]
        return roles or []

    def save(self, path: Path = TAGGER_FILE) -> None:
        arrays = {}
        for i, (coef, intercept) in enumerate(self.weights):
            arrays[f"coef{i}"] = coef.T.astype(np.float16)
            arrays[f"intercept{i}"] = intercept.astype(np.float32)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path = TAGGER_FILE) -> "PromptTagger":
        with np.load(path, allow_pickle=False) as data:
            passes = len([k for k in data.files if k.startswith("coef")])
            return cls([(data[f"coef{i}"], data[f"intercept{i}"]) for i in range(passes)])


@lru_cache(maxsize=1)
def shared_tagger() -> PromptTagger:
    return PromptTagger.load()
