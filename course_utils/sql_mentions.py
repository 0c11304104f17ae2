"""The time periods and numbers a question mentions, for masking it and adapting an example query to it.

DAIL-SQL's masking (sql_masking.py) replaces them by placeholders. The offline model writes SQL by copying an example's query and moving its literals: the example
"How many orders in fiscal 2022?" has `BETWEEN '2022-02-01' AND '2023-01-31'`, so "How many
orders in FY2024?" gets both dates moved by 24 months.

    find_time_mentions(q)   the years, quarters, months and days q names, relative ones included
    resolve(m, today)       "last quarter" made absolute, given today and the month the year starts
    months_between(a, b)    how many months b's period starts after a's (same kind only)
    shift_date(iso, n)      an ISO date moved n months; the last day of a month stays the last day
    find_numbers(q)         the other numbers in q: "top 3", "more than ten", "$500", "a dozen"

Pure rules, standard library only.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache


@dataclass(frozen=True)
class TimeMention:
    """One period a question names, with where it stands in the question (start, end)."""

    kind: str  # "year", "quarter", "month" or "day"
    year: int | None  # four digits; None while relative, or for a bare "Q3"
    quarter: int | None = None  # 1-4 for kind "quarter"
    month: int | None = None  # 1-12, a calendar month, for kinds "month" and "day"
    day: int | None = None  # for kind "day"
    fiscal: bool | None = None  # True: said fiscal ("FY", "fiscal"); False: said "calendar"/"CY"
    relative: str | None = None  # "this", "last" or "next" until resolve() makes it absolute
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------------------
# Patterns (all case-insensitive, verbose)

_FLAGS = re.IGNORECASE | re.VERBOSE
_YEAR4 = r"(?:19\d\d|20\d\d|2100)"
_END = r"(?!\w|%|[.,]\d)"  # not followed by more of a word or number ("2024%", "2024.5")
_YEAR = rf"""(?:                                      # a year, maybe said fiscal or calendar
    (?:FY|CY)[\s-]?'?(?:{_YEAR4}|\d\d)                # FY2024, FY 2024, FY24, CY2024
  | fiscal[\s-]+(?:year[\s-]+)?(?:{_YEAR4}|'?\d\d)    # fiscal 2022, fiscal year 2019, fiscal '23
  | calendar[\s-]+(?:year[\s-]+)?(?:{_YEAR4}|'\d\d)   # calendar 2024, calendar year 2024
  | {_YEAR4}                                          # 2024
  | '\d\d(?!')                                        # '23 (but not a quoted '23')
){_END}"""
_MONTH = r"""\b(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?
    |aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"""
_ORDINAL = "first|second|third|fourth|final|last|1st|2nd|3rd|4th"
_FISCAL_WORD = r"(?:(?P<pre>fiscal|calendar)\s+)?"

# (kind, pattern); where two matches overlap, the earlier and then the longer one wins
_PATTERNS = [
    ("day", rf"(?<![\w-])(?P<y>{_YEAR4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])"),  # 2024-11-29
    ("month", rf"(?<![\w-])(?P<y>{_YEAR4})-(?P<m>\d\d)(?![\w-])"),  # 2023-03
    ("day", rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR4}){_END}"),  # Nov 29, 2024
    ("day", rf"(?<!\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>{_YEAR4}){_END}"),
    ("month", rf"{_MONTH}(?:\s+of\s+|\s*,?\s*)(?P<y>{_YEAR4}|'\d\d(?!')){_END}"),  # March (of) 2023
    # Q1 FY24, fiscal Q1 2025, Q3 of FY2023, Q2 2024, Q4'23, and a bare Q3
    ("quarter", (rf"(?<!\w){_FISCAL_WORD}Q(?P<q>[1-4])"
                 rf"(?:(?:\s+(?:of|in)\s+(?:the\s+)?|\s*[-/,]?\s*)(?P<y>{_YEAR}))?(?!\w)")),
    ("quarter", rf"(?<![\w$#'])(?P<y>{_YEAR})\s*[-/]?\s*Q(?P<q>[1-4])(?!\w)"),  # 2024 Q1, FY24-Q1
    # the second quarter of fiscal 2023, the last quarter of 2023
    ("quarter", (rf"(?<!\w)(?:the\s+)?(?P<ord>{_ORDINAL})\s+{_FISCAL_WORD}quarter\s+"
                 rf"(?:(?:of|in)\s+)?(?:the\s+)?(?P<y>{_YEAR})")),
    # this quarter, last fiscal year, the current quarter, previous year, this FY
    ("relative", (rf"(?<!\w)(?:the\s+)?(?P<rel>this|current|last|previous|prior|next)\s+"
                  rf"{_FISCAL_WORD}(?P<unit>year|quarter|month|FY)(?!\w)")),
    ("year", rf"(?<![\w$#€£'])(?<!\d[.,])(?P<y>{_YEAR})"),  # in 2024, FY2025, fiscal 2022
]
_COMPILED = [(kind, re.compile(pattern, _FLAGS)) for kind, pattern in _PATTERNS]

_RELATIVE = {"this": "this", "current": "this", "last": "last", "previous": "last", "prior": "last",
             "next": "next"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# a bare 4-digit number after these is a count or amount, not a year ("more than 2000 orders")
_COUNTING = re.compile(r"(?:\b(?:than|least|most|over|under|above|below|exceeding|top)|[<>=])\s*$",
                       re.IGNORECASE)


# --------------------------------------------------------------------------------------
# Finding time mentions


def _parse_year(text: str) -> tuple[int, bool | None]:
    """'FY24' -> (2024, True); 'calendar 2024' -> (2024, False); '2024' or "'24" -> (2024, None)."""
    low = text.lower()
    fiscal = None
    if low.startswith(("fy", "fiscal", "cy", "calendar")):
        fiscal = low.startswith(("fy", "fiscal"))
    digits = re.search(r"\d+$", text).group()
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 70 else 1900
    return year, fiscal


def _build(kind: str, match: re.Match, question: str) -> TimeMention | None:
    """The mention one pattern's match stands for, or None when the match is not a period after all."""
    g = {name: value for name, value in match.groupdict().items() if value}
    year, fiscal = _parse_year(g["y"]) if "y" in g else (None, None)
    if "pre" in g:
        fiscal = g["pre"].lower() == "fiscal"
    span = {"start": match.start(), "end": match.end()}
    if kind == "relative":
        unit = g["unit"].lower()
        if unit == "fy":
            unit, fiscal = "year", True
        return TimeMention(unit, None, fiscal=fiscal, relative=_RELATIVE[g["rel"].lower()], **span)
    if kind == "year":
        if g["y"].isdigit() and _COUNTING.search(question[: match.start()]):
            return None
        return TimeMention("year", year, fiscal=fiscal, **span)
    if kind == "quarter":
        quarter = int(g["q"]) if "q" in g else _ORDINALS[g["ord"].lower()]
        return TimeMention("quarter", year, quarter=quarter, fiscal=fiscal, **span)
    month = int(g["m"]) if "m" in g else _MONTHS.index(g["mon"][:3].lower()) + 1
    if kind == "month":
        return TimeMention("month", year, month=month, **span) if 1 <= month <= 12 else None
    try:
        date(year, month, int(g["d"]))
    except ValueError:
        return None
    return TimeMention("day", year, month=month, day=int(g["d"]), **span)


def find_time_mentions(question: str) -> list[TimeMention]:
    """The periods `question` names, in order of appearance and not overlapping."""
    return list(_time_mentions(question))


@lru_cache(maxsize=4096)
def _time_mentions(question: str) -> tuple[TimeMention, ...]:
    """find_time_mentions, kept per text: a request reads the same questions many times."""
    found = [mention for kind, pattern in _COMPILED for match in pattern.finditer(question)
             if (mention := _build(kind, match, question)) is not None]
    found.sort(key=lambda m: (m.start, m.start - m.end))  # earliest first, then longest
    chosen: list[TimeMention] = []
    for mention in found:
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return tuple(chosen)


# --------------------------------------------------------------------------------------
# Relative periods and arithmetic on periods


def resolve(mention: TimeMention, today: date, year_start_month: int = 1) -> TimeMention:
    """A relative mention made absolute (relative set to None); absolute mentions come back unchanged.

    Years and quarters count from `year_start_month` (a fiscal year is named after the calendar
    year it starts in) unless the mention said "calendar"; months are always calendar months.
    """
    if not 1 <= year_start_month <= 12:
        raise ValueError(f"year_start_month must be 1-12, not {year_start_month}")
    if mention.relative is None:
        return mention
    step = {"this": 0, "last": -1, "next": 1}[mention.relative]
    if mention.kind == "month":
        year, month0 = divmod(today.year * 12 + today.month - 1 + step, 12)
        return replace(mention, year=year, month=month0 + 1, relative=None)
    start = 1 if mention.fiscal is False else year_start_month
    year = today.year if today.month >= start else today.year - 1
    if mention.kind == "year":
        return replace(mention, year=year + step, relative=None)
    year, quarter0 = divmod(year * 4 + (today.month - start) % 12 // 3 + step, 4)
    return replace(mention, year=year, quarter=quarter0 + 1, relative=None)


def period_start_index(mention: TimeMention) -> int | None:
    """Months since year 0 to the period's first month, in the mention's own calendar.

    None for relative (unresolved) mentions, mentions without a year, and days.
    """
    if mention.year is None or mention.relative is not None:
        return None
    base = mention.year * 12
    if mention.kind == "year":
        return base
    if mention.kind == "quarter" and mention.quarter:
        return base + 3 * (mention.quarter - 1)
    if mention.kind == "month" and mention.month:
        return base + mention.month - 1
    return None


def months_between(source: TimeMention, target: TimeMention) -> int | None:
    """How many months target's period starts after source's; None unless same kind and absolute."""
    if source.kind != target.kind:
        return None
    a, b = period_start_index(source), period_start_index(target)
    return None if a is None or b is None else b - a


def shift_date(iso: str, months: int) -> str:
    """An ISO date 'YYYY-MM-DD' moved by whole months.

    The first of a month stays the first, the last day of a month stays the last day
    (2024-04-30 + 3 -> 2024-07-31), other days are clamped to the new month's length.
    """
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        raise ValueError(f"not an ISO date 'YYYY-MM-DD': {iso!r}")
    old = date.fromisoformat(iso)
    year, month0 = divmod(old.year * 12 + old.month - 1 + months, 12)
    length = calendar.monthrange(year, month0 + 1)[1]
    at_month_end = old.day == calendar.monthrange(old.year, old.month)[1]
    return date(year, month0 + 1, length if at_month_end else min(old.day, length)).isoformat()


# --------------------------------------------------------------------------------------
# Numbers


_WORD_VALUES = {word: i + 1 for i, word in enumerate((
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
_WORDS_ALT = "|".join(_WORD_VALUES)
_DIGITS = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")
_WORDS = re.compile(rf"(?<![\w-])(?:(?P<half>half\s+a\s+dozen)|(?:a\s+)?dozen|(?P<w>{_WORDS_ALT}))(?![\w-])",
                    re.IGNORECASE)
# "one" is a count only before a noun-like word: "one order", not "quick one:" or "one of"
_NOT_AFTER_ONE = {"of", "that", "which", "who", "is", "was", "with", "in", "on", "for", "and", "or",
                  "to", "by", "the", "a", "an", "another", "more"}
_NOT_BEFORE_ONE = {"which", "the", "this", "that", "each", "every", "any", "no", "another", "quick"}


def _is_count_one(question: str, start: int, end: int) -> bool:
    after = re.match(r"\s+([a-z]+)", question[end:], re.IGNORECASE)
    before = re.search(r"([a-z]+)\s+$", question[:start], re.IGNORECASE)
    return (after is not None and after[1].lower() not in _NOT_AFTER_ONE
            and (before is None or before[1].lower() not in _NOT_BEFORE_ONE))


def _word_numbers(question: str) -> list[tuple[float, int, int]]:
    found = []
    for match in _WORDS.finditer(question):
        word = (match["w"] or "").lower()
        if word == "one" and not _is_count_one(question, match.start(), match.end()):
            continue
        value = 6 if match["half"] else _WORD_VALUES[word] if word else 12
        found.append((float(value), match.start(), match.end()))
    return found


def find_numbers(question: str) -> list[tuple[float, int, int]]:
    """(value, start, end) of each number outside the question's time mentions, in order.

    Digits ("3", "1,500", "12.5"; the span of "$500" or "10%" is the digits alone), number words
    one..twenty and "a dozen". Ordinals ("first", "3rd") and digits inside words ("PLUS5") are not numbers.
    """
    taken = [(m.start, m.end) for m in find_time_mentions(question)]
    found = [(float(m.group().replace(",", "")), m.start(), m.end()) for m in _DIGITS.finditer(question)]
    found += _word_numbers(question)
    return sorted((n for n in found if all(n[2] <= a or n[1] >= b for a, b in taken)), key=lambda n: n[1])
