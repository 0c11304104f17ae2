"""Slot values for the Acme question templates: the words in the question, the codes in the SQL.

A template such as "net revenue in {region} in fiscal Q{q} {fy}" names slot kinds
("region", "fq"). Each kind is a list of value dicts: the keys a question uses
({region}) and the keys the SQL uses ({rgn_cd}, {fq_start}). Values come from
acme_world, so they match the database.
"""

from __future__ import annotations

from course_utils.datagen import acme_world as world

FISCAL_YEARS_WITH_ORDERS = (2022, 2023, 2024, 2025)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
LAST_DAY = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

REGION_WORDS = {"NAE": "North America East", "NAW": "North America West", "EMEA": "EMEA",
                "APAC": "Asia Pacific", "LATAM": "Latin America"}
CHANNEL_WORDS = {"WEB": "the website", "APP": "the mobile app", "RTL": "our retail stores",
                 "B2B": "B2B invoicing"}
CATEGORY_WORDS = {"TNT": "tents and shelters", "SLP": "sleeping bags and pads", "PCK": "backpacks and bags",
                  "CKG": "camp kitchen gear", "APP": "apparel", "FTW": "footwear",
                  "ELC": "electronics and lighting", "HOM": "home and garden"}
CARRIER_WORDS = {"UPG": "UPS Ground", "FDX": "FedEx Express", "USP": "USPS Priority",
                 "DHL": "DHL International", "LOC": "our local courier"}
SEGMENT_WORDS = {"C": "consumer", "B": "business", "E": "education and non-profit"}
REASON_WORDS = {code: meaning.lower() for code, meaning in world.RETURN_REASONS.items()}
TICKET_WORDS = {"BILL": "billing and payments", "SHIP": "shipping and delivery", "RTRN": "returns and refunds",
                "DEFT": "product defects and warranty", "ACCT": "account and login problems",
                "MEMB": "Acme Plus membership", "PROD": "product questions", "ORDR": "order changes and cancellations"}
PRIORITY_WORDS = {"P1": "urgent", "P2": "high", "P3": "normal", "P4": "low"}
PLAN_WORDS = {"PLUS_M": "monthly", "PLUS_A": "annual"}
STATUS_WORDS = {"CNL": "cancelled", "RTN": "returned in full", "DLV": "delivered"}


def fiscal_year(fy: int) -> dict:
    """A fiscal year: its number, short form (FY24) and first and last day."""
    return {"fy": str(fy), "fy2": f"{fy % 100:02d}", "fy_start": f"{fy}-02-01", "fy_end": f"{fy + 1}-01-31"}


def fiscal_quarter(fy: int, q: int) -> dict:
    """A fiscal quarter: year, quarter number and first and last day."""
    first_month = 2 + 3 * (q - 1)
    start_year = fy + (first_month - 1) // 12
    start_month = (first_month - 1) % 12 + 1
    end_month = (start_month + 1) % 12 + 1
    end_year = start_year + (1 if end_month < start_month else 0)
    return {**fiscal_year(fy), "q": str(q),
            "fq_start": f"{start_year}-{start_month:02d}-01",
            "fq_end": f"{end_year}-{end_month:02d}-{LAST_DAY[end_month]:02d}"}


def calendar_month(year: int, month: int) -> dict:
    """A calendar month: 'March 2024' and its first and last day."""
    last = 29 if month == 2 and year % 4 == 0 else LAST_DAY[month]
    return {"month": f"{MONTH_NAMES[month - 1]} {year}", "m_start": f"{year}-{month:02d}-01",
            "m_end": f"{year}-{month:02d}-{last:02d}"}


def coded(words: dict[str, str], word_key: str, code_key: str) -> list[dict]:
    """Slot values from a {code: words} mapping."""
    return [{word_key: text, code_key: code} for code, text in words.items()]


def fiscal_year_pairs(pairs) -> list[dict]:
    """Two fiscal years, e.g. for growth: keys fy_a/fy_b with their bounds."""
    values = []
    for a, b in pairs:
        first, second = fiscal_year(a), fiscal_year(b)
        values.append({"fy_a": first["fy"], "fy_a_start": first["fy_start"], "fy_a_end": first["fy_end"],
                       "fy_b": second["fy"], "fy_b_start": second["fy_start"], "fy_b_end": second["fy_end"]})
    return values


SLOTS: dict[str, list[dict]] = {
    "fy": [fiscal_year(fy) for fy in FISCAL_YEARS_WITH_ORDERS],
    "fy_signup": [fiscal_year(fy) for fy in range(2019, 2026)],
    "fy_recent": [fiscal_year(fy) for fy in (2023, 2024, 2025)],
    "fy_tickets": [fiscal_year(fy) for fy in (2024, 2025)],
    "fq": [fiscal_quarter(fy, q) for fy in FISCAL_YEARS_WITH_ORDERS for q in (1, 2, 3, 4)],
    "fq_tickets": [fiscal_quarter(fy, q) for fy in (2024, 2025) for q in (1, 2, 3, 4)],
    "month": [calendar_month(y, m) for y in (2022, 2023, 2024, 2025) for m in range(1, 13) if (y, m) >= (2022, 2)],
    "cal_year": [{"year": str(y), "y_start": f"{y}-01-01", "y_end": f"{y}-12-31"} for y in (2023, 2024, 2025)],
    "sale_day": [{"event": e, "year": str(y)} for e in ("Black Friday", "Cyber Monday") for y in range(2022, 2026)],
    "holiday": [{"event": e, "year": str(y)}
                for e in ("Memorial Day", "Labor Day", "Thanksgiving", "Black Friday", "Cyber Monday")
                for y in range(2022, 2026)],
    "fy_growth": fiscal_year_pairs([(2022, 2023), (2023, 2024), (2024, 2025)]),
    "fy_dropped": fiscal_year_pairs([(2022, 2025), (2023, 2025), (2022, 2024), (2023, 2024), (2024, 2025)]),
    "region": coded(REGION_WORDS, "region", "rgn_cd"),
    "channel": coded(CHANNEL_WORDS, "channel", "chnl_cd"),
    "channel_pair": [{"channel_a": CHANNEL_WORDS[a], "chnl_a": a, "channel_b": CHANNEL_WORDS[b], "chnl_b": b}
                     for a in ("WEB", "APP", "RTL") for b in ("WEB", "APP", "RTL") if a < b],
    "category": coded(CATEGORY_WORDS, "category", "cat_cd"),
    "product": [{"product": p.name} for p in world.PRODUCTS],
    "carrier": coded(CARRIER_WORDS, "carrier", "carr_cd"),
    "warehouse": [{"warehouse": w.city.split(",")[0], "whs_cd": w.code} for w in world.WAREHOUSES],
    "segment": coded(SEGMENT_WORDS, "segment", "seg_cd"),
    "reason": coded(REASON_WORDS, "reason", "rsn_cd"),
    "ticket_category": coded(TICKET_WORDS, "topic", "tkt_cat_cd"),
    "priority": coded(PRIORITY_WORDS, "priority", "prty_cd"),
    "tier": [{"tier": t.name, "tier_level": str(t.level)} for t in world.LOYALTY_TIERS],
    "plan": coded(PLAN_WORDS, "plan", "plan_cd"),
    "promo": [{"promo": code} for code in world.PROMOTIONS],
    "past_status": coded(STATUS_WORDS, "status", "stat_cd"),
    "top_n": [{"n": str(n)} for n in (3, 5, 10)],
    "launch_year": [{"year": str(y)} for y in (2021, 2022, 2023, 2024)],
}
