"""The data dictionary of Acme's analytics database, written as an analytics team would.

The per-table part is rendered from `acme_schema.TABLES`, the same description the
database is built from, so the two cannot drift apart. The prose around it (gotchas,
join paths) and the business idioms are written here by hand. Each idiom has a plain
English definition and a runnable SQL example against the schema; the question sets
tag questions that need one with "idiom:<name>".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from course_utils.datagen import acme_world as world
from course_utils.datagen.acme_schema import (
    CANCEL_REASONS, CONTACT_CHANNELS, PAYMENT_METHODS, PRIORITIES, PROMO_TYPES, TABLES, TICKET_STATUSES, Table,
)
from course_utils.datagen.common import write_text


@dataclass(frozen=True)
class Idiom:
    """A phrase the business uses, what it means, and how to write it in SQL."""

    name: str  # tag suffix: "idiom:active_customer"
    term: str  # as people say it
    definition: str
    sql: str  # a complete example query


IDIOMS = (
    Idiom(
        "active_customer", "Active customer",
        "An account in status `A` (active) that placed at least one order that was not cancelled "
        "in the 12 months up to the snapshot, i.e. from 2025-02-01 to 2026-01-31.",
        """SELECT COUNT(*) FROM cust_mstr
WHERE stat_cd = 'A'
  AND cust_id IN (SELECT cust_id FROM ord_hdr
                  WHERE ord_stat_cd <> 'CNL' AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31');""",
    ),
    Idiom(
        "lapsed_customer", "Lapsed customer",
        "A customer who ordered before 2025-02-01 but placed no order that was not cancelled in the "
        "12 months up to the snapshot. Account status does not matter.",
        """SELECT COUNT(*) FROM cust_mstr
WHERE cust_id IN (SELECT cust_id FROM ord_hdr WHERE ord_dt < '2025-02-01')
  AND cust_id NOT IN (SELECT cust_id FROM ord_hdr
                      WHERE ord_stat_cd <> 'CNL' AND ord_dt >= '2025-02-01');""",
    ),
    Idiom(
        "new_customer", "New customer (in a period)",
        "A customer whose FIRST order (of any status) falls in the period. Not the sign-up date: "
        "many people sign up long before they buy. Example: new customers of fiscal 2025.",
        """SELECT COUNT(*) FROM (
  SELECT cust_id FROM ord_hdr
  GROUP BY cust_id
  HAVING MIN(ord_dt) BETWEEN '2025-02-01' AND '2026-01-31');""",
    ),
    Idiom(
        "repeat_customer", "Repeat customer",
        "A customer with at least two orders that were not cancelled (over the whole history, "
        "unless a period is named).",
        """SELECT COUNT(*) FROM (
  SELECT cust_id FROM ord_hdr
  WHERE ord_stat_cd <> 'CNL'
  GROUP BY cust_id
  HAVING COUNT(*) >= 2);""",
    ),
    Idiom(
        "vip", "VIP customer",
        "A customer in the Peak loyalty tier (`lylty_tier = 4`). The `vip_flg` column belongs to a "
        "programme that ended in 2023 and must not be used.",
        "SELECT COUNT(*) FROM cust_mstr WHERE lylty_tier = 4;",
    ),
    Idiom(
        "gross_revenue", "Gross revenue",
        "List value of what was ordered, before discounts and before returns: `qty * unit_prc` "
        "summed over the lines of orders that were not cancelled.",
        """SELECT SUM(l.qty * l.unit_prc)
FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
WHERE o.ord_stat_cd <> 'CNL' AND o.ord_dt BETWEEN '2025-02-01' AND '2026-01-31';""",
    ),
    Idiom(
        "net_revenue", "Net revenue",
        "What customers paid for merchandise after discounts, excluding cancelled orders and orders "
        "returned in full (status `CNL` or `RTN`). At order level it is `SUM(ord_net_amt)`; at line "
        "level (by product or category) `SUM(qty * unit_prc - disc_amt)`. Refunds of partial returns "
        "are reported separately and not deducted. 'Revenue' or 'sales' alone means net revenue.",
        """SELECT SUM(ord_net_amt) FROM ord_hdr
WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31';""",
    ),
    Idiom(
        "average_order_value", "Average order value (AOV)",
        "Net revenue divided by the number of orders it counts: `AVG(ord_net_amt)` over orders not "
        "cancelled and not returned in full.",
        """SELECT AVG(ord_net_amt) FROM ord_hdr
WHERE ord_stat_cd NOT IN ('CNL', 'RTN') AND ord_dt BETWEEN '2025-02-01' AND '2026-01-31';""",
    ),
    Idiom(
        "large_order", "Large order",
        "An order with a net amount of 500 USD or more (`ord_net_amt >= 500`) that was not cancelled.",
        "SELECT COUNT(*) FROM ord_hdr WHERE ord_net_amt >= 500 AND ord_stat_cd <> 'CNL';",
    ),
    Idiom(
        "units_sold", "Units sold",
        "`SUM(qty)` over the lines of orders that were not cancelled. Returns are not deducted.",
        """SELECT SUM(l.qty)
FROM ord_ln l JOIN ord_hdr o ON o.ord_id = l.ord_id
WHERE o.ord_stat_cd <> 'CNL';""",
    ),
    Idiom(
        "return_rate", "Return rate",
        "Returned units as a percentage of units sold on delivered orders (status `DLV` or `RTN`): "
        "`100.0 * SUM(rtn_qty) / SUM(qty)`. Every return belongs to such an order.",
        """SELECT 100.0 * SUM(COALESCE(r.rtn_qty, 0)) / SUM(l.qty)
FROM ord_ln l
JOIN ord_hdr o ON o.ord_id = l.ord_id
LEFT JOIN rtn_txn r ON r.ord_id = l.ord_id AND r.ln_no = l.ln_no
WHERE o.ord_stat_cd IN ('DLV', 'RTN');""",
    ),
    Idiom(
        "on_time_delivery", "On-time delivery (rate)",
        "A shipment is on time when it was delivered on or before the promised date "
        "(`dlv_dt <= prm_dlv_dt`). The on-time rate is the percentage of delivered shipments "
        "(`dlv_dt IS NOT NULL`) that were on time; parcels still in transit are left out.",
        """SELECT 100.0 * SUM(CASE WHEN dlv_dt <= prm_dlv_dt THEN 1 ELSE 0 END) / COUNT(*)
FROM shpmt WHERE dlv_dt IS NOT NULL;""",
    ),
    Idiom(
        "late_delivery", "Late delivery",
        "A shipment delivered after the promised date (`dlv_dt > prm_dlv_dt`). Days late = "
        "`julianday(dlv_dt) - julianday(prm_dlv_dt)`. Parcels still in transit are not counted.",
        "SELECT COUNT(*) FROM shpmt WHERE dlv_dt > prm_dlv_dt;",
    ),
    Idiom(
        "active_member", "Active member",
        "A customer whose Acme Plus membership has no end date (`mbr_sub.end_dt IS NULL`). Nobody "
        "holds two active memberships at once.",
        "SELECT COUNT(*) FROM mbr_sub WHERE end_dt IS NULL;",
    ),
    Idiom(
        "churned_member", "Churned member (in a period)",
        "A customer who had an Acme Plus membership end in the period and holds no active "
        "membership at the snapshot (those who re-joined are not churned). Example: fiscal 2025.",
        """SELECT COUNT(DISTINCT cust_id) FROM mbr_sub
WHERE end_dt BETWEEN '2025-02-01' AND '2026-01-31'
  AND cust_id NOT IN (SELECT cust_id FROM mbr_sub WHERE end_dt IS NULL);""",
    ),
    Idiom(
        "open_ticket", "Open ticket (backlog)",
        "A support ticket not yet resolved: status `NEW`, `WIP` or `WCU`, i.e. "
        "`stat_cd NOT IN ('RSV', 'CLS')` (these are exactly the tickets with no `cls_dt`). "
        "The backlog is the set of open tickets at the snapshot.",
        "SELECT COUNT(*) FROM sprt_tkt WHERE stat_cd NOT IN ('RSV', 'CLS');",
    ),
    Idiom(
        "high_priority_ticket", "High-priority ticket",
        "A ticket with priority P1 (urgent) or P2 (high).",
        "SELECT COUNT(*) FROM sprt_tkt WHERE prty_cd IN ('P1', 'P2');",
    ),
    Idiom(
        "resolution_time", "Resolution time",
        "Days from opening to resolution, `julianday(cls_dt) - julianday(opn_dt)`, for resolved "
        "tickets only (`cls_dt IS NOT NULL`).",
        "SELECT AVG(julianday(cls_dt) - julianday(opn_dt)) FROM sprt_tkt WHERE cls_dt IS NOT NULL;",
    ),
    Idiom(
        "fiscal_year", "Fiscal year (FY)",
        "Acme's year runs from 1 February to 31 January and is named after the calendar year it "
        "starts in: fiscal 2024 (FY2024, FY24) is 2024-02-01 to 2025-01-31. Filter with a date "
        "range or join `fscl_cal` on the date.",
        """SELECT COUNT(*) FROM ord_hdr o JOIN fscl_cal f ON f.cal_dt = o.ord_dt
WHERE f.fscl_yr = 2024;""",
    ),
    Idiom(
        "fiscal_quarter", "Fiscal quarter",
        "Q1 = February-April, Q2 = May-July, Q3 = August-October, Q4 = November-January. Fiscal Q4 "
        "2024 runs from 2024-11-01 to 2025-01-31, so it contains January of the NEXT calendar year.",
        """SELECT COUNT(*) FROM ord_hdr
WHERE ord_dt BETWEEN '2024-11-01' AND '2025-01-31';""",
    ),
    Idiom(
        "this_year", "This year / last year / to date",
        "Relative periods are relative to the snapshot date 2026-01-31, never to today's date: "
        "'this (fiscal) year' is fiscal 2025, 'last year' is fiscal 2024, 'the last 12 months' is "
        "2025-02-01 to 2026-01-31, and 'this quarter' is fiscal Q4 2025 (2025-11-01 to 2026-01-31).",
        """SELECT COUNT(*) FROM ord_hdr
WHERE ord_dt BETWEEN '2025-02-01' AND '2026-01-31';""",
    ),
)
IDIOM_NAMES = tuple(i.name for i in IDIOMS)


# --- Hand-written prose ------------------------------------------------------------------

INTRO = f"""# Acme analytics database: data dictionary

Maintained by the Acme Analytics team. This is the reference for `acme.sqlite`, the
analytics snapshot of the sales, fulfilment, membership and support data of {world.COMPANY}.

- **Snapshot date: {world.SNAPSHOT_DATE.isoformat()}** (the last day of fiscal 2025). Nothing
  after this date exists in the data. "Today", "current", "open" and "active" always mean
  *as of the snapshot*: never use `date('now')`.
- Order history starts on {world.FIRST_ORDER_DATE.isoformat()} (the first day of fiscal 2022).
- All money is in **US dollars** with two decimals, whatever currency the customer paid in.
- Dates are `TEXT` in ISO format `YYYY-MM-DD`: compare them as strings (`BETWEEN` includes both
  ends) and use `julianday()` for differences in days.
- Codes are short upper-case strings; flags are `'Y'` / `'N'`.
"""

GOTCHAS = """## Gotchas

1. **Fiscal, not calendar, years.** Acme's fiscal year starts on 1 February and is named after
   the calendar year it starts in. "2024" in a business question means fiscal 2024
   (2024-02-01 to 2025-01-31) unless someone says *calendar* 2024. Use `fscl_cal` or the date
   ranges below.
2. **Revenue by region uses the ship-to region** `ord_hdr.shp_rgn_cd` (for store sales, the
   store's region). Customer counts by region use the home region `cust_mstr.rgn_cd`. They
   differ for about 3% of web and app orders (gifts sent abroad).
3. **Cancelled orders keep their lines.** Always filter `ord_hdr.ord_stat_cd` when summing
   `ord_ln`: see *net revenue*, *gross revenue* and *units sold*.
4. **Statuses are as of the snapshot.** An order delivered in 2023 and later returned in full
   shows `RTN`, not `DLV`.
5. **Refunds are positive numbers** (`rtn_txn.rfnd_amt`): subtract them, do not add them.
6. **Discounts:** `ord_ln.disc_amt` is the discount on the whole line, not per unit;
   `promo_ref.disc_pct` is a fraction (0.25 = 25 %) despite its name.
7. **Prices:** `prd_mstr.lst_prc` is today's list price; `ord_ln.unit_prc` is what was charged
   on the day (prices rose a few percent each year).
8. **Store sales have no shipment.** Retail (`RTL`) orders are handed over in the store, so an
   inner join to `shpmt` silently drops them. Cancelled and pending orders have no shipment
   either.
9. **Returns join on two columns:** `rtn_txn (ord_id, ln_no)` -> `ord_ln (ord_id, ln_no)`.
10. **Two different `stat_cd` columns:** `cust_mstr.stat_cd` (A/S/X, account status) and
    `sprt_tkt.stat_cd` (NEW/WIP/WCU/RSV/CLS, ticket status).
11. **`vip_flg` is legacy.** VIP means loyalty tier 4 (Peak): see the idiom.
12. **Ticket history is complete only from 2024-02-01**: tickets closed earlier were purged
    under the data-retention policy. Do not compare ticket volumes with earlier years.
13. **Customers before 2022:** people who signed up before 2022-02-01 may have older orders
    that were not migrated, so "first order" means first order in this database.
"""

JOIN_PATHS = """## Join paths

| From | To | Join on |
|---|---|---|
| `cust_mstr` | `ord_hdr`, `mbr_sub`, `sprt_tkt` | `cust_id` |
| `cust_mstr` | `cust_mstr` (referrer) | `cust_mstr.rfrl_cust_id = referrer.cust_id` |
| `ord_hdr` | `ord_ln`, `shpmt` | `ord_id` |
| `ord_hdr` | `sprt_tkt` | `ord_id` (tickets about an order; `sprt_tkt.ord_id` may be NULL) |
| `ord_ln` | `rtn_txn` | `ord_id` AND `ln_no` |
| `ord_ln` | `prd_mstr` | `prd_id` |
| `prd_mstr` | `cat_ref` | `cat_cd` |
| `ord_hdr` | `promo_ref` | `promo_cd` (NULL when no promotion: use a LEFT JOIN to keep those) |
| `ord_hdr` | `rgn_ref` | `ord_hdr.shp_rgn_cd = rgn_ref.rgn_cd` |
| `cust_mstr`, `whs_ref` | `rgn_ref` | `rgn_cd` |
| `shpmt` | `whs_ref` | `whs_cd` |
| any date column | `fscl_cal` | `fscl_cal.cal_dt = <table>.<date column>` |

Typical paths: revenue by category = `ord_hdr` -> `ord_ln` -> `prd_mstr` (-> `cat_ref` for
names); late deliveries by carrier = `shpmt` alone; return reasons by category = `rtn_txn`
-> `ord_ln` -> `prd_mstr`; tickets of VIPs = `sprt_tkt` -> `cust_mstr`.
"""


# --- Rendering ---------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def key_of(t: Table, column: str) -> str:
    """'PK', 'FK -> cust_mstr' or both, for the Key cell of a column."""
    keys = []
    if column in t.primary_key:
        keys.append("PK")
    for key in t.foreign_keys:
        if column in key.columns:
            keys.append(f"FK -> `{key.table}.{key.ref_columns[key.columns.index(column)]}`")
    return ", ".join(keys)


def table_section(t: Table, row_count: int) -> str:
    """The dictionary entry of one table: prose, keys and a column table."""
    lines = [
        f"### `{t.name}`: {t.title}",
        "",
        f"{t.description}",
        "",
        f"Grain: {t.grain}. Rows: {row_count:,}. Primary key: `({', '.join(t.primary_key)})`.",
        "",
        "| Column | Type | Key | Meaning | Codes / values |",
        "|---|---|---|---|---|",
    ]
    for c in t.columns:
        meaning = c.meaning + (" (nullable)" if c.nullable else "")
        lines.append(f"| `{c.name}` | {c.type} | {key_of(t, c.name)} | {cell(meaning)} | {cell(c.values)} |")
    return "\n".join(lines) + "\n"


def overview(counts: dict[str, int]) -> str:
    """One line per table."""
    lines = ["## Tables", "", "| Table | What it holds | Grain | Rows |", "|---|---|---|---|"]
    for t in TABLES:
        lines.append(f"| `{t.name}` | {t.title} | {t.grain} | {counts[t.name]:,} |")
    return "\n".join(lines) + "\n"


CODE_LISTS = (
    ("Regions", "rgn_ref.rgn_cd, cust_mstr.rgn_cd, ord_hdr.shp_rgn_cd, whs_ref.rgn_cd",
     {r.code: f"{r.name} (customers pay in {r.currency})" for r in world.REGIONS}),
    ("Sales channels", "ord_hdr.chnl_cd", {c.code: c.name for c in world.CHANNELS}),
    ("Order statuses", "ord_hdr.ord_stat_cd", world.ORDER_STATUSES),
    ("Customer segments", "cust_mstr.seg_cd", world.SEGMENTS),
    ("Customer account statuses", "cust_mstr.stat_cd", world.CUSTOMER_STATUSES),
    ("Loyalty tiers", "cust_mstr.lylty_tier",
     {str(t.level): f"{t.name}: {t.min_points:,}+ points (1 point per USD of net spend in a fiscal year)"
      + (". Peak = VIP" if t.level == 4 else "") for t in world.LOYALTY_TIERS}),
    ("Product categories", "cat_ref.cat_cd, prd_mstr.cat_cd", {c.code: c.name for c in world.CATEGORIES}),
    ("Promotions", "promo_ref.promo_cd, ord_hdr.promo_cd",
     {code: f"{desc} ({round(pct * 100)} % off)" for code, (desc, pct) in world.PROMOTIONS.items()}),
    ("Promotion types", "promo_ref.promo_typ_cd", PROMO_TYPES),
    ("Payment methods", "ord_hdr.pay_mthd_cd", PAYMENT_METHODS),
    ("Warehouses", "whs_ref.whs_cd, shpmt.whs_cd", {w.code: f"{w.city} ({w.region})" for w in world.WAREHOUSES}),
    ("Carriers", "shpmt.carr_cd", world.CARRIERS),
    ("Return reasons", "rtn_txn.rsn_cd", world.RETURN_REASONS),
    ("Acme Plus plans", "mbr_sub.plan_cd", {p.code: f"{p.name}" for p in world.PLANS}),
    ("Membership cancellation reasons", "mbr_sub.cncl_rsn_cd", CANCEL_REASONS),
    ("Ticket categories", "sprt_tkt.tkt_cat_cd", world.TICKET_CATEGORIES),
    ("Ticket priorities", "sprt_tkt.prty_cd", PRIORITIES),
    ("Ticket statuses", "sprt_tkt.stat_cd", TICKET_STATUSES),
    ("Contact channels", "sprt_tkt.cntct_chnl_cd", CONTACT_CHANNELS),
)


def codes_section() -> str:
    """Every code list with the meaning of each code."""
    parts = ["## Codes", ""]
    for title, columns, codes in CODE_LISTS:
        parts += [f"### {title}", "", f"Used in: {', '.join(f'`{c}`' for c in columns.split(', '))}.", "",
                  "| Code | Meaning |", "|---|---|"]
        parts += [f"| `{code}` | {cell(meaning)} |" for code, meaning in codes.items()]
        parts.append("")
    return "\n".join(parts)


def fiscal_calendar_section() -> str:
    """The date ranges of every fiscal year and quarter in the order history."""
    lines = [
        "## Fiscal calendar at a glance", "",
        "| Fiscal year | Q1 (Feb-Apr) | Q2 (May-Jul) | Q3 (Aug-Oct) | Q4 (Nov-Jan) |",
        "|---|---|---|---|---|",
    ]
    for fy in range(world.FIRST_ORDER_DATE.year, world.SNAPSHOT_DATE.year):
        quarters = [f"{start} to {end}" for start, end in fiscal_quarter_ranges(fy)]
        lines.append(f"| FY{fy} ({fy}-02-01 to {fy + 1}-01-31) | " + " | ".join(quarters) + " |")
    return "\n".join(lines) + "\n"


def fiscal_quarter_ranges(fy: int) -> list[tuple[str, str]]:
    """First and last day of each quarter of a fiscal year, as ISO strings."""
    ends = {1: f"{fy}-04-30", 2: f"{fy}-07-31", 3: f"{fy}-10-31", 4: f"{fy + 1}-01-31"}
    starts = {1: f"{fy}-02-01", 2: f"{fy}-05-01", 3: f"{fy}-08-01", 4: f"{fy}-11-01"}
    return [(starts[q], ends[q]) for q in (1, 2, 3, 4)]


def idioms_section() -> str:
    """Every business idiom: definition and SQL."""
    parts = [
        "## Business idioms", "",
        "What people mean when they use these words, and how to write it against this schema. "
        "Examples use fiscal 2025 where a period is needed.", "",
    ]
    for i in IDIOMS:
        parts += [f"### {i.term}", "", f"Idiom tag: `{i.name}`.", "", i.definition, "",
                  "```sql", i.sql, "```", ""]
    return "\n".join(parts)


def row_counts(db_path: Path) -> dict[str, int]:
    """Number of rows in every table of the database."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {t.name: con.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def dictionary_markdown(db_path: Path) -> str:
    """The whole dictionary as Markdown."""
    counts = row_counts(db_path)
    sections = [INTRO, overview(counts), GOTCHAS, JOIN_PATHS, "## Table reference\n"]
    sections += [table_section(t, counts[t.name]) for t in TABLES]
    sections += [codes_section(), fiscal_calendar_section(), idioms_section()]
    return "\n".join(sections).rstrip() + "\n"


def write_dictionary(path: Path, db_path: Path) -> None:
    """Write dictionary.md next to the database."""
    write_text(path, dictionary_markdown(db_path))
