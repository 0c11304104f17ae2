"""The schema of Acme's analytics database, described once for both its uses.

`acme_db.py` turns `TABLES` into CREATE TABLE statements and fills them with rows;
`acme_dictionary.py` turns the very same descriptions into the data dictionary. So a
column cannot exist in the database without being explained in the dictionary, and
the dictionary cannot describe a column the database does not have.

The names are deliberately cryptic (`cust_mstr.sgnup_dt`, `ord_hdr.ord_stat_cd`): that is
what real warehouses look like, and it is why a model needs the dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass

from course_utils.datagen import acme_world as world


@dataclass(frozen=True)
class Column:
    """One column: SQLite type, meaning in plain English, and the values it takes."""

    name: str
    type: str  # INTEGER, REAL or TEXT
    meaning: str
    values: str = ""  # format, unit or codes, for the dictionary
    nullable: bool = False
    unique: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that point at the primary key of another table."""

    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table: its columns, keys and the prose the dictionary shows above them."""

    name: str
    title: str
    grain: str  # "one row per ..."
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()  # extra indexes, for fast joins

    def column(self, name: str) -> Column:
        """The column called `name`."""
        return next(c for c in self.columns if c.name == name)


def fk(columns: str, table: str, ref_columns: str) -> ForeignKey:
    """Shorthand: fk("ord_id ln_no", "ord_ln", "ord_id ln_no")."""
    return ForeignKey(tuple(columns.split()), table, tuple(ref_columns.split()))


def code_list(codes: dict[str, str]) -> str:
    """Codes as the dictionary shows them inline: `A` = Active, `S` = Suspended."""
    return ", ".join(f"`{code}` = {meaning}" for code, meaning in codes.items())


# --- Code lists that live only in the database (the rest come from acme_world) --------

YES_NO = {"Y": "yes", "N": "no"}

PROMO_TYPES = {
    "SEAS": "Seasonal sale, open to everyone",
    "WELC": "Welcome offer: a customer's first order within 30 days of signing up",
    "MEMB": "Acme Plus members only",
}

PAYMENT_METHODS = {
    "CRD": "Credit or debit card",
    "PPL": "PayPal",
    "GFT": "Acme gift card",
    "INV": "Invoice (business accounts, B2B channel only)",
    "CSH": "Cash (retail stores only)",
}

CANCEL_REASONS = {
    "PRC": "Too expensive",
    "USE": "Not using it enough",
    "SVC": "Unhappy with service",
    "PAY": "Payment failed (involuntary)",
    "OTH": "Other or not given",
}

TICKET_STATUSES = {
    "NEW": "New, not yet picked up",
    "WIP": "In progress with an agent",
    "WCU": "Waiting on the customer",
    "RSV": "Resolved, awaiting the customer's confirmation",
    "CLS": "Closed",
}

PRIORITIES = {
    "P1": "Urgent",
    "P2": "High",
    "P3": "Normal",
    "P4": "Low",
}

CONTACT_CHANNELS = {"EML": "Email", "CHT": "Chat (web or app)", "PHN": "Phone"}

PLAN_NAMES = {plan.code: plan.name for plan in world.PLANS}
TIER_NAMES = {str(tier.level): f"{tier.name} (from {tier.min_points:,} points)" for tier in world.LOYALTY_TIERS}


# --- The tables, parents before children ----------------------------------------------

RGN_REF = Table(
    "rgn_ref", "Sales regions", "one row per sales region",
    "The five regions Acme reports sales in. Customers, warehouses and orders all carry a "
    "region code.",
    (
        Column("rgn_cd", "TEXT", "Region code", code_list({r.code: r.name for r in world.REGIONS})),
        Column("rgn_nm", "TEXT", "Region name"),
        Column("ccy_cd", "TEXT", "Currency customers in the region pay in at checkout (ISO 4217)",
               "USD, EUR, AUD. The database itself stores every amount in USD."),
    ),
    ("rgn_cd",),
)

CAT_REF = Table(
    "cat_ref", "Product categories", "one row per product category",
    "Merchandising categories. The first three letters of every SKU are its category code.",
    (
        Column("cat_cd", "TEXT", "Category code", code_list({c.code: c.name for c in world.CATEGORIES})),
        Column("cat_nm", "TEXT", "Category name"),
    ),
    ("cat_cd",),
)

PRD_MSTR = Table(
    "prd_mstr", "Product master", "one row per product (SKU)",
    "Every product Acme sells or has sold, including discontinued ones.",
    (
        Column("prd_id", "INTEGER", "Product id (surrogate key used by order lines)"),
        Column("sku_cd", "TEXT", "Stock keeping unit", "e.g. `TNT-100`; prefix = category code", unique=True),
        Column("prd_nm", "TEXT", "Product name as shown to customers", "e.g. Ridgeline 2 Tent"),
        Column("cat_cd", "TEXT", "Product category", "see `cat_ref`"),
        Column("lst_prc", "REAL", "Current list price in USD",
               "Today's price. What a customer actually paid is `ord_ln.unit_prc`."),
        Column("lnch_dt", "TEXT", "Date the product went on sale", "ISO date YYYY-MM-DD"),
        Column("dscntd_flg", "TEXT", "Discontinued: no longer sold", code_list(YES_NO)),
        Column("wrnty_yrs", "INTEGER", "Warranty length in years", "1, 2 or 5"),
    ),
    ("prd_id",),
    (fk("cat_cd", "cat_ref", "cat_cd"),),
)

WHS_REF = Table(
    "whs_ref", "Warehouses", "one row per warehouse",
    "Distribution centres that ship web, app and B2B orders. Retail store sales do not ship.",
    (
        Column("whs_cd", "TEXT", "Warehouse code", code_list({w.code: w.city for w in world.WAREHOUSES})),
        Column("whs_city", "TEXT", "City the warehouse is in"),
        Column("rgn_cd", "TEXT", "Region the warehouse serves", "see `rgn_ref`"),
    ),
    ("whs_cd",),
    (fk("rgn_cd", "rgn_ref", "rgn_cd"),),
)

PROMO_REF = Table(
    "promo_ref", "Promotions", "one row per promotion code",
    "Discount codes customers can enter at checkout. At most one code per order.",
    (
        Column("promo_cd", "TEXT", "Promotion code, as typed by the customer",
               ", ".join(f"`{code}`" for code in world.PROMOTIONS)),
        Column("promo_desc", "TEXT", "What the promotion is"),
        Column("disc_pct", "REAL", "Discount as a FRACTION of the line amount",
               "0.25 means 25 % off, despite the column name"),
        Column("promo_typ_cd", "TEXT", "Kind of promotion", code_list(PROMO_TYPES)),
    ),
    ("promo_cd",),
)

CUST_MSTR = Table(
    "cust_mstr", "Customer master", "one row per customer account",
    "Every customer account: consumers, businesses and schools or non-profits. An account "
    "exists from sign-up, whether or not the customer ever ordered.",
    (
        Column("cust_id", "INTEGER", "Customer id"),
        Column("cust_nm", "TEXT", "Customer name: a person, or the organisation for B and E segments"),
        Column("email_addr", "TEXT", "Login e-mail address"),
        Column("phn_no", "TEXT", "Phone number with country prefix", "NULL when the customer gave none",
               nullable=True),
        Column("cntry_cd", "TEXT", "Country (ISO 3166 alpha-2)", "e.g. US, CA, DE, AU, MX"),
        Column("rgn_cd", "TEXT", "Home region of the customer", "see `rgn_ref`"),
        Column("seg_cd", "TEXT", "Customer segment", code_list(world.SEGMENTS)),
        Column("stat_cd", "TEXT", "Account status at the snapshot", code_list(world.CUSTOMER_STATUSES)),
        Column("sgnup_dt", "TEXT", "Date the account was created", "ISO date"),
        Column("lylty_tier", "INTEGER", "Loyalty tier held at the snapshot",
               code_list(TIER_NAMES) + ". Tier 4 (Peak) = VIP."),
        Column("vip_flg", "TEXT", "LEGACY flag of the old VIP programme, frozen since 2023-01-01",
               code_list(YES_NO) + ". Do not use for VIP: see the idiom."),
        Column("mktg_optin_flg", "TEXT", "Agreed to receive marketing e-mail", code_list(YES_NO)),
        Column("rfrl_cust_id", "INTEGER", "Customer who referred this one (refer-a-friend)",
               "NULL when not referred", nullable=True),
    ),
    ("cust_id",),
    (fk("rgn_cd", "rgn_ref", "rgn_cd"), fk("rfrl_cust_id", "cust_mstr", "cust_id")),
    (("rgn_cd",), ("rfrl_cust_id",)),
)

ORD_HDR = Table(
    "ord_hdr", "Order headers", "one row per order",
    "Orders from every channel since 2022-02-01 (older orders were not migrated). The header "
    "carries who, when, where and how; what was bought is in `ord_ln`.",
    (
        Column("ord_id", "INTEGER", "Order number"),
        Column("cust_id", "INTEGER", "Customer who placed the order"),
        Column("ord_dt", "TEXT", "Order date (calendar date, not fiscal)", "ISO date"),
        Column("ord_stat_cd", "TEXT", "Order status at the snapshot", code_list(world.ORDER_STATUSES)),
        Column("chnl_cd", "TEXT", "Sales channel",
               code_list({c.code: c.name for c in world.CHANNELS})),
        Column("promo_cd", "TEXT", "Promotion code used", "NULL when no promotion", nullable=True),
        Column("shp_rgn_cd", "TEXT", "Ship-to region (the store's region for retail sales)",
               "see `rgn_ref`. Use this, not the customer's home region, for sales by region."),
        Column("pay_mthd_cd", "TEXT", "Payment method", code_list(PAYMENT_METHODS)),
        Column("ord_net_amt", "REAL", "Merchandise value after discounts, in USD",
               "= SUM(qty * unit_prc - disc_amt) of the order's lines; no tax, no shipping"),
    ),
    ("ord_id",),
    (fk("cust_id", "cust_mstr", "cust_id"), fk("promo_cd", "promo_ref", "promo_cd"),
     fk("shp_rgn_cd", "rgn_ref", "rgn_cd")),
    (("cust_id",), ("ord_dt",)),
)

ORD_LN = Table(
    "ord_ln", "Order lines", "one row per product on an order",
    "What was bought: one line per product, with the price actually charged.",
    (
        Column("ord_id", "INTEGER", "Order number"),
        Column("ln_no", "INTEGER", "Line number within the order", "1, 2, 3, ..."),
        Column("prd_id", "INTEGER", "Product bought"),
        Column("qty", "INTEGER", "Units bought"),
        Column("unit_prc", "REAL", "Price per unit charged, in USD, before discount",
               "The list price at the time of the order"),
        Column("disc_amt", "REAL", "Discount on the whole line (not per unit), in USD",
               "0.00 when no promotion"),
    ),
    ("ord_id", "ln_no"),
    (fk("ord_id", "ord_hdr", "ord_id"), fk("prd_id", "prd_mstr", "prd_id")),
    (("prd_id",),),
)

SHPMT = Table(
    "shpmt", "Shipments", "one row per shipped order",
    "Parcels sent from a warehouse. Orders that were cancelled, are still pending or were "
    "bought in a retail store have no shipment.",
    (
        Column("shpmt_id", "INTEGER", "Shipment id"),
        Column("ord_id", "INTEGER", "Order shipped", unique=True),
        Column("whs_cd", "TEXT", "Warehouse that shipped it", "see `whs_ref`"),
        Column("carr_cd", "TEXT", "Carrier", code_list(world.CARRIERS)),
        Column("trk_no", "TEXT", "Carrier tracking number"),
        Column("shp_dt", "TEXT", "Date the parcel left the warehouse", "ISO date"),
        Column("prm_dlv_dt", "TEXT", "Delivery date promised to the customer at checkout", "ISO date"),
        Column("dlv_dt", "TEXT", "Date the parcel was delivered", "NULL while still in transit",
               nullable=True),
    ),
    ("shpmt_id",),
    (fk("ord_id", "ord_hdr", "ord_id"), fk("whs_cd", "whs_ref", "whs_cd")),
)

RTN_TXN = Table(
    "rtn_txn", "Returns", "one row per returned order line",
    "Products sent back (or brought back to a store) and the refund paid. A line is returned "
    "at most once; `rtn_qty` may be less than the line's `qty`.",
    (
        Column("rtn_id", "INTEGER", "Return id"),
        Column("ord_id", "INTEGER", "Order of the returned line"),
        Column("ln_no", "INTEGER", "Line number of the returned line"),
        Column("rtn_dt", "TEXT", "Date the return was received", "ISO date"),
        Column("rsn_cd", "TEXT", "Return reason", code_list(world.RETURN_REASONS)),
        Column("rtn_qty", "INTEGER", "Units returned"),
        Column("rfnd_amt", "REAL", "Refund paid, in USD, as a POSITIVE number",
               "At most the line's amount after discount; fees may be deducted"),
        Column("rstk_flg", "TEXT", "Item went back into sellable stock", code_list(YES_NO)),
    ),
    ("rtn_id",),
    (fk("ord_id ln_no", "ord_ln", "ord_id ln_no"),),
    (("ord_id", "ln_no"),),
)

MBR_SUB = Table(
    "mbr_sub", "Acme Plus memberships", "one row per membership period",
    "Paid Acme Plus memberships. A customer who cancels and later re-joins has two rows.",
    (
        Column("sub_id", "INTEGER", "Membership id"),
        Column("cust_id", "INTEGER", "Member"),
        Column("plan_cd", "TEXT", "Plan", code_list(PLAN_NAMES)),
        Column("strt_dt", "TEXT", "First day of the membership", "ISO date"),
        Column("end_dt", "TEXT", "Last day of the membership", "NULL while the membership is active",
               nullable=True),
        Column("cncl_rsn_cd", "TEXT", "Why it ended", code_list(CANCEL_REASONS) + "; NULL while active",
               nullable=True),
        Column("auto_rnw_flg", "TEXT", "Renews automatically", code_list(YES_NO)),
    ),
    ("sub_id",),
    (fk("cust_id", "cust_mstr", "cust_id"),),
    (("cust_id",),),
)

SPRT_TKT = Table(
    "sprt_tkt", "Support tickets", "one row per support ticket",
    "Customer service cases. Tickets closed before 2024-02-01 were purged under the "
    "data-retention policy, so ticket history is complete only from February 2024.",
    (
        Column("tkt_id", "INTEGER", "Ticket number"),
        Column("cust_id", "INTEGER", "Customer who contacted us"),
        Column("ord_id", "INTEGER", "Order the ticket is about", "NULL when not about one order",
               nullable=True),
        Column("opn_dt", "TEXT", "Date the ticket was opened", "ISO date"),
        Column("cls_dt", "TEXT", "Date the ticket was resolved", "NULL while the ticket is open",
               nullable=True),
        Column("tkt_cat_cd", "TEXT", "Ticket category", code_list(world.TICKET_CATEGORIES)),
        Column("prty_cd", "TEXT", "Priority", code_list(PRIORITIES)),
        Column("stat_cd", "TEXT", "Ticket status (NOT the same codes as cust_mstr.stat_cd)",
               code_list(TICKET_STATUSES)),
        Column("cntct_chnl_cd", "TEXT", "How the customer contacted us", code_list(CONTACT_CHANNELS)),
        Column("csat_scr", "INTEGER", "Satisfaction survey score, 1 (bad) to 5 (great)",
               "NULL when the customer did not answer the survey", nullable=True),
    ),
    ("tkt_id",),
    (fk("cust_id", "cust_mstr", "cust_id"), fk("ord_id", "ord_hdr", "ord_id")),
    (("cust_id",),),
)

FSCL_CAL = Table(
    "fscl_cal", "Fiscal calendar", "one row per calendar day",
    "Maps every calendar day to Acme's fiscal year, quarter, period and week. The fiscal "
    "year starts on 1 February and is named after the calendar year it starts in.",
    (
        Column("cal_dt", "TEXT", "Calendar date", "ISO date; joins to any *_dt column"),
        Column("fscl_yr", "INTEGER", "Fiscal year", "2025 = 2025-02-01 to 2026-01-31"),
        Column("fscl_qtr", "INTEGER", "Fiscal quarter 1-4",
               "Q1 Feb-Apr, Q2 May-Jul, Q3 Aug-Oct, Q4 Nov-Jan"),
        Column("fscl_prd", "INTEGER", "Fiscal period (month) 1-12", "1 = February, 12 = January"),
        Column("fscl_wk", "INTEGER", "Week of the fiscal year, 1-53", "days 1-7 of the year are week 1"),
        Column("day_nm", "TEXT", "Day of the week", "Mon, Tue, Wed, Thu, Fri, Sat, Sun"),
        Column("wknd_flg", "TEXT", "Saturday or Sunday", code_list(YES_NO)),
        Column("evnt_nm", "TEXT", "Retail event or US holiday on that day",
               "e.g. Black Friday, Cyber Monday, Thanksgiving; NULL on ordinary days", nullable=True),
    ),
    ("cal_dt",),
)

TABLES = (
    RGN_REF, CAT_REF, PRD_MSTR, WHS_REF, PROMO_REF, CUST_MSTR,
    ORD_HDR, ORD_LN, SHPMT, RTN_TXN, MBR_SUB, SPRT_TKT, FSCL_CAL,
)
FACT_TABLES = ("cust_mstr", "ord_hdr", "ord_ln", "shpmt", "rtn_txn", "mbr_sub", "sprt_tkt")


def table(name: str) -> Table:
    """The table called `name`."""
    return next(t for t in TABLES if t.name == name)


# --- From descriptions to SQL ---------------------------------------------------------


def column_sql(column: Column) -> str:
    """One column definition, e.g. 'ord_dt TEXT NOT NULL'."""
    parts = [column.name, column.type]
    if not column.nullable:
        parts.append("NOT NULL")
    if column.unique:
        parts.append("UNIQUE")
    return " ".join(parts)


def create_table_sql(t: Table) -> str:
    """The CREATE TABLE statement of one table, with its keys."""
    lines = [f"    {column_sql(c)}" for c in t.columns]
    lines.append(f"    PRIMARY KEY ({', '.join(t.primary_key)})")
    for key in t.foreign_keys:
        lines.append(
            f"    FOREIGN KEY ({', '.join(key.columns)}) "
            f"REFERENCES {key.table} ({', '.join(key.ref_columns)})"
        )
    return f"CREATE TABLE {t.name} (\n" + ",\n".join(lines) + "\n);"


def create_index_sql(t: Table) -> list[str]:
    """CREATE INDEX statements for the table's extra indexes."""
    return [
        f"CREATE INDEX ix_{t.name}_{'_'.join(cols)} ON {t.name} ({', '.join(cols)});"
        for cols in t.indexes
    ]


def schema_sql() -> str:
    """The whole schema: every CREATE TABLE, then every CREATE INDEX."""
    statements = [create_table_sql(t) for t in TABLES]
    statements += [s for t in TABLES for s in create_index_sql(t)]
    return "\n\n".join(statements) + "\n"
