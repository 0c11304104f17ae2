"""Time periods and numbers in questions (course_utils.sql_mentions): pure rules, no model."""

from __future__ import annotations

from datetime import date

import pytest

from course_utils.sql_mentions import (TimeMention, find_numbers, find_time_mentions, months_between,
                                       period_start_index, resolve, shift_date)


def only(question: str) -> TimeMention:
    """The one time mention in `question`, checked to span its own text."""
    mentions = find_time_mentions(question)
    assert len(mentions) == 1, mentions
    return mentions[0]


def summary(m: TimeMention) -> tuple:
    return (m.kind, m.year, m.quarter, m.month, m.day, m.fiscal, m.relative)


def numbers(question: str) -> list[float]:
    return [value for value, _, _ in find_numbers(question)]


# --------------------------------------------------------------------------------------
# Years


@pytest.mark.parametrize("question, year, fiscal, text", [
    ("How many orders in FY2024?", 2024, True, "FY2024"),
    ("orders in FY24", 2024, True, "FY24"),
    ("orders in FY 2024", 2024, True, "FY 2024"),
    ("How many orders in fiscal 2022?", 2022, True, "fiscal 2022"),
    ("returns in fiscal year 2019", 2019, True, "fiscal year 2019"),
    ("revenue in 2024", 2024, None, "2024"),
    ("revenue in calendar 2024", 2024, False, "calendar 2024"),
    ("revenue in calendar year 2024", 2024, False, "calendar year 2024"),
    ("revenue in CY2024", 2024, False, "CY2024"),
    ("revenue in '23", 2023, None, "'23"),
    ("what was FY2024's revenue?", 2024, True, "FY2024"),
])
def test_years(question, year, fiscal, text):
    m = only(question)
    assert summary(m) == ("year", year, None, None, None, fiscal, None)
    assert question[m.start:m.end] == text


def test_question_examples_with_years():
    q = "biggest 3 customers in fiscal 2022 (name + net revenue)"
    assert summary(only(q)) == ("year", 2022, None, None, None, True, None)
    assert numbers(q) == [3]
    q = "Count our local courier deliveries in FY2025 that were late."
    assert summary(only(q)) == ("year", 2025, None, None, None, True, None)
    assert summary(only("monthly net revenue for calendar 2024"))[1:] == (2024, None, None, None, False, None)


def test_two_mentions_in_order():
    q = "Name the products with orders in FY2024 but without any in FY2025."
    mentions = find_time_mentions(q)
    assert [(m.year, m.fiscal) for m in mentions] == [(2024, True), (2025, True)]
    assert [q[m.start:m.end] for m in mentions] == ["FY2024", "FY2025"]
    assert [m.year for m in find_time_mentions("orders between 2020 and 2022")] == [2020, 2022]


# --------------------------------------------------------------------------------------
# Quarters, months, days


@pytest.mark.parametrize("question, year, quarter, fiscal, text", [
    ("Tickets opened in Q2 FY24: how many?", 2024, 2, True, "Q2 FY24"),
    ("For Q1 FY24, what net revenue did we book in North America East?", 2024, 1, True, "Q1 FY24"),
    ("revenue in fiscal Q1 2025", 2025, 1, True, "fiscal Q1 2025"),
    ("revenue in Q2 2024", 2024, 2, None, "Q2 2024"),
    ("orders in the second quarter of fiscal 2023", 2023, 2, True, "the second quarter of fiscal 2023"),
    ("orders in Q3 of FY2023", 2023, 3, True, "Q3 of FY2023"),
    ("orders in Q4 '23", 2023, 4, None, "Q4 '23"),
    ("orders in 2024 Q1", 2024, 1, None, "2024 Q1"),
    ("orders in the last quarter of 2023", 2023, 4, None, "the last quarter of 2023"),
    ("q3 fy2023 orders", 2023, 3, True, "q3 fy2023"),
])
def test_quarters(question, year, quarter, fiscal, text):
    m = only(question)
    assert summary(m) == ("quarter", year, quarter, None, None, fiscal, None)
    assert question[m.start:m.end] == text


def test_bare_quarter_has_no_year():
    assert summary(only("How did Q3 go?")) == ("quarter", None, 3, None, None, None, None)


@pytest.mark.parametrize("question, year, month, text", [
    ("orders in March 2023", 2023, 3, "March 2023"),
    ("orders in March of 2023", 2023, 3, "March of 2023"),
    ("orders in 2023-03", 2023, 3, "2023-03"),
    ("orders in Nov 2024", 2024, 11, "Nov 2024"),
    ("orders in Sept. 2023", 2023, 9, "Sept. 2023"),
])
def test_months(question, year, month, text):
    m = only(question)
    assert summary(m) == ("month", year, None, month, None, None, None)
    assert question[m.start:m.end] == text


@pytest.mark.parametrize("text", ["2024-11-29", "November 29, 2024", "Nov 29th 2024", "29 Nov 2024"])
def test_days(text):
    m = only(f"orders placed on {text}?")
    assert summary(m) == ("day", 2024, None, 11, 29, None, None)
    assert m.end - m.start == len(text)


def test_invalid_dates_are_not_mentions():
    assert [m.kind for m in find_time_mentions("code 2023-13")] == ["year"]  # no month 13
    assert [m.kind for m in find_time_mentions("on 2023-02-30")] == ["year"]  # no 30 February


# --------------------------------------------------------------------------------------
# Relative periods


@pytest.mark.parametrize("question, kind, relative, fiscal", [
    ("quick one: what's EMEA net revenue for this quarter?", "quarter", "this", None),
    ("revenue last quarter", "quarter", "last", None),
    ("revenue this year", "year", "this", None),
    ("what % of orders got cancelled last year?", "year", "last", None),
    ("revenue last fiscal year", "year", "last", True),
    ("revenue this fiscal year", "year", "this", True),
    ("revenue in the current quarter", "quarter", "this", None),
    ("revenue in the previous year", "year", "last", None),
    ("revenue this FY", "year", "this", True),
    ("revenue this calendar year", "year", "this", False),
    ("orders next month", "month", "next", None),
])
def test_relative(question, kind, relative, fiscal):
    assert summary(only(question)) == (kind, None, None, None, None, fiscal, relative)


def test_relative_span_includes_the():
    q = "revenue in the current quarter"
    m = only(q)
    assert q[m.start:m.end] == "the current quarter"


def test_resolve_with_a_february_fiscal_year():
    today = date(2026, 1, 31)
    got = {q: resolve(only(q), today, year_start_month=2) for q in
           ["this quarter", "last quarter", "this year", "last year", "last fiscal year"]}
    assert (got["this quarter"].year, got["this quarter"].quarter) == (2025, 4)
    assert (got["last quarter"].year, got["last quarter"].quarter) == (2025, 3)
    assert got["this year"].year == 2025 and got["last year"].year == 2024
    assert got["last fiscal year"].year == 2024
    assert all(m.relative is None for m in got.values())
    # "calendar" overrides the fiscal calendar
    assert resolve(only("this calendar year"), today, year_start_month=2).year == 2026


def test_resolve_with_calendar_years():
    today = date(2026, 1, 31)
    assert resolve(only("this year"), today).year == 2026
    this_quarter = resolve(only("this quarter"), today)
    assert (this_quarter.year, this_quarter.quarter) == (2026, 1)
    last_quarter = resolve(only("last quarter"), today)
    assert (last_quarter.year, last_quarter.quarter) == (2025, 4)
    last_month = resolve(only("last month"), today)
    assert (last_month.kind, last_month.year, last_month.month) == ("month", 2025, 12)
    assert resolve(only("next quarter"), date(2025, 12, 1)).year == 2026


def test_resolve_leaves_absolute_mentions_alone():
    m = only("Q1 FY24")
    assert resolve(m, date(2026, 1, 31), 2) is m
    with pytest.raises(ValueError):
        resolve(m, date(2026, 1, 31), 13)


# --------------------------------------------------------------------------------------
# Period arithmetic and date shifting


def test_period_start_index_and_months_between():
    fy22, fy24 = only("fiscal 2022"), only("FY2024")
    assert period_start_index(fy22) == 2022 * 12
    assert months_between(fy22, fy24) == 24
    q1, q3 = only("Q1 FY24"), only("Q3 of FY2023")
    assert period_start_index(q3) == 2023 * 12 + 6
    assert months_between(q3, q1) == 6 and months_between(q1, q3) == -6
    assert months_between(only("March 2023"), only("Nov 2024")) == 20
    assert months_between(fy22, q1) is None  # different kinds
    assert months_between(only("last year"), fy24) is None  # unresolved
    assert period_start_index(only("this quarter")) is None
    assert period_start_index(only("2024-11-29")) is None


def test_the_fiscal_example_end_to_end():
    source, target = only("How many orders in fiscal 2022?"), only("How many orders in FY2024?")
    months = months_between(source, target)
    assert [shift_date(d, months) for d in ("2022-02-01", "2023-01-31")] == ["2024-02-01", "2025-01-31"]


@pytest.mark.parametrize("iso, months, shifted", [
    ("2022-02-01", 24, "2024-02-01"),
    ("2024-04-30", 3, "2024-07-31"),  # a month's last day stays the last day
    ("2024-01-31", 1, "2024-02-29"),
    ("2023-02-28", 1, "2023-03-31"),
    ("2024-01-30", 1, "2024-02-29"),  # other days clamp
    ("2024-01-15", -13, "2022-12-15"),
    ("2024-03-31", -1, "2024-02-29"),
    ("2024-05-17", 0, "2024-05-17"),
])
def test_shift_date(iso, months, shifted):
    assert shift_date(iso, months) == shifted


def test_shift_date_rejects_non_iso():
    for bad in ("2024-1-5", "20240105", "2024-02-30"):
        with pytest.raises(ValueError):
            shift_date(bad, 1)


# --------------------------------------------------------------------------------------
# Numbers, and what must not be a time mention


@pytest.mark.parametrize("question", [
    "top 3 products", "how many customers have placed more than 10 orders", "orders over $500",
    "reviews of the Ridgeline 2 Tent", "orders using the PLUS5 code", "BF25 promo orders", "ROT1 shipments",
    "customers with more than 2000 orders", "a 1500 order backlog", "orders for product 3",
])
def test_no_false_time_mentions(question):
    assert find_time_mentions(question) == []


@pytest.mark.parametrize("question, values", [
    ("top 3 products", [3]),
    ("how many customers have placed more than 10 orders", [10]),
    ("orders over $500", [500]),
    ("at least 1,500 units at 12.5% off", [1500, 12.5]),
    ("what share got a 10% discount", [10]),
    ("top three customers", [3]),
    ("a dozen orders", [12]),
    ("more than twenty tickets and one refund", [20, 1]),
    ("customers with more than 2000 orders", [2000]),
    ("orders using the PLUS5 code or BF25 or ROT1", []),
    ("the first order of the 3rd customer", []),
    ("quick one: which one of them is biggest?", []),
])
def test_numbers(question, values):
    assert numbers(question) == values


def test_numbers_skip_time_mentions_and_give_spans():
    q = "top 5 customers in Q1 FY24 with 2 or more orders in March 2023"
    found = find_numbers(q)
    assert [v for v, _, _ in found] == [5, 2]
    assert [q[s:e] for _, s, e in found] == ["5", "2"]
    q = "orders over $500 in fiscal 2022"
    (value, start, end), = find_numbers(q)
    assert (value, q[start:end]) == (500, "500")
