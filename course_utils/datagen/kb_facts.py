"""The building blocks of Acme's knowledge base: the `Doc` record and the facts it states.

Most facts come from `acme_world` (products, prices, regions, codes, plan fees, tier
thresholds), whose values are the *current* ones. Policies that changed over time also
need their *old* values, which acme_world does not hold: they are defined here, one
frozen dataclass per policy version, so that the policy documents, the FAQs and the QA
set all read the same numbers. The newest version of each always agrees with acme_world.

The document texts live in the kb_policies, kb_products, kb_faqs, kb_release_notes and
kb_howtos modules; kb.py writes them out and builds the QA set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from course_utils.datagen import acme_world as world

DOMAINS = ("policy", "product", "faq", "release_notes", "howto")


@dataclass(frozen=True)
class Doc:
    """One knowledge-base document: front matter fields plus a Markdown body."""

    id: str  # e.g. "POL-RET-2"; also the file name
    title: str
    domain: str  # one of DOMAINS
    effective_date: date
    body: str  # Markdown; paragraphs may be wrapped in the source (kb.py unwraps them)
    version: int = 1
    supersedes: str | None = None  # id of the older version this one replaces


# --- Formatting facts from acme_world -------------------------------------------------

PRODUCTS_BY_SKU = {p.sku: p for p in world.PRODUCTS}
TIERS_BY_NAME = {t.name: t for t in world.LOYALTY_TIERS}
PLANS_BY_CODE = {p.code: p for p in world.PLANS}
WAREHOUSES_BY_CODE = {w.code: w for w in world.WAREHOUSES}


def usd(amount: float) -> str:
    """A US dollar amount as customers read it: $1,299.00."""
    return f"${amount:,.2f}"


def name(sku: str) -> str:
    """A product's name, e.g. "Ridgeline 2 Tent"."""
    return PRODUCTS_BY_SKU[sku].name


def named(sku: str) -> str:
    """A product's name followed by its SKU, e.g. "Ridgeline 2 Tent (TNT-100)"."""
    return f"{name(sku)} ({sku})"


def price(sku: str) -> str:
    """A product's list price, e.g. "$249.00"."""
    return usd(PRODUCTS_BY_SKU[sku].list_price)


def years(n: int) -> str:
    """1 -> "1 year", 5 -> "5 years"."""
    return f"{n} year" if n == 1 else f"{n} years"


def warranty(sku: str) -> str:
    """A product's current warranty length, e.g. "2 years"."""
    return years(PRODUCTS_BY_SKU[sku].warranty_years)


def points(tier_name: str) -> str:
    """The points a loyalty tier needs today, e.g. "1,500 points"."""
    return f"{TIERS_BY_NAME[tier_name].min_points:,} points"


def monthly_fee(plan_code: str) -> str:
    """An Acme Plus plan's fee per month, e.g. "$9.99"."""
    return usd(PLANS_BY_CODE[plan_code].monthly_fee)


ANNUAL_PLAN_PRICE = round(10 * PLANS_BY_CODE["PLUS_M"].monthly_fee, 2)  # billed once a year


def warehouse(code: str) -> str:
    """A warehouse's city and code, e.g. "Rotterdam (ROT1)"."""
    w = WAREHOUSES_BY_CODE[code]
    return f"{w.city} ({code})"


def long_date(day: date) -> str:
    """A date as written in prose: "1 February 2025"."""
    return f"{day.day} {day:%B %Y}"


# --- Facts of the versioned policies ----------------------------------------------------
# Each policy that changed has a V1 (older) and a V2 (current) value set. The current
# ones repeat acme_world's numbers where acme_world has them.


@dataclass(frozen=True)
class ReturnTerms:
    effective: date
    window_days: int  # return window for most customers, from delivery
    peak_window_days: int  # return window for Peak loyalty members
    refund_business_days: int  # refund issued within this many business days of receipt
    label_fee: float  # USD deducted for a prepaid return label
    restocking_percent: int  # on opened electronics


RETURNS_V1 = ReturnTerms(date(2024, 2, 1), 30, 30, 10, 6.95, 15)
RETURNS_V2 = ReturnTerms(date(2025, 2, 1), 45, 60, 5, 5.95, 10)


@dataclass(frozen=True)
class ShippingTerms:
    effective: date
    free_over_usd: float  # free standard shipping in North America above this order value
    standard_fee: float  # USD, North America, below the threshold
    express_fee: float  # USD, North America
    na_standard_days: str  # business days, North America
    emea_free_over_eur: int
    emea_days: str


SHIPPING_V1 = ShippingTerms(date(2024, 2, 1), 75.00, 6.95, 19.95, "3-6", 100, "5-8")
SHIPPING_V2 = ShippingTerms(date(2025, 8, 1), 99.00, 7.95, 24.95, "2-5", 120, "4-7")


@dataclass(frozen=True)
class PlusTerms:
    effective: date
    monthly_fee: float  # USD per month, Acme Plus Monthly (PLUS_M)
    annual_fee: float  # USD per year, Acme Plus Annual (PLUS_A)
    trial_days: int


PLUS_V1 = PlusTerms(date(2023, 2, 1), 7.99, 79.90, 30)
PLUS_V2 = PlusTerms(date(2025, 3, 1), PLANS_BY_CODE["PLUS_M"].monthly_fee, ANNUAL_PLAN_PRICE, 14)


@dataclass(frozen=True)
class LoyaltyTerms:
    effective: date
    thresholds: dict  # tier name -> points needed in a fiscal year
    points_per_reward: int  # points exchanged for one reward
    reward_value: float  # USD value of that reward
    expiry_months: int  # unused points expire this long after they were earned


LOYALTY_V1 = LoyaltyTerms(
    date(2023, 2, 1), {"Trail": 0, "Ridge": 400, "Summit": 1200, "Peak": 3000}, 200, 10.00, 12
)
LOYALTY_V2 = LoyaltyTerms(
    date(2025, 2, 1), {t.name: t.min_points for t in world.LOYALTY_TIERS}, 100, 5.00, 18
)

# Warranty: the old policy gave one year on everything except the Basecamp packs and
# the Glacier cooler (3 years); the current one is acme_world's warranty_years.
WARRANTY_V1_EFFECTIVE = date(2023, 2, 1)
WARRANTY_V1_LONGER = ("PCK-200", "PCK-210", "CKG-300")  # 3 years; everything else 1 year
WARRANTY_V1_YEARS = {sku: 3 if sku in WARRANTY_V1_LONGER else 1 for sku in PRODUCTS_BY_SKU}
WARRANTY_V2_EFFECTIVE = date(2025, 2, 1)


@dataclass(frozen=True)
class PriceAdjustmentTerms:
    effective: date
    days: int  # window after purchase for most customers
    plus_days: int  # window for Acme Plus members


PRICE_ADJUSTMENT_V1 = PriceAdjustmentTerms(date(2024, 2, 1), 14, 14)
PRICE_ADJUSTMENT_V2 = PriceAdjustmentTerms(date(2025, 3, 1), 14, 30)


@dataclass(frozen=True)
class BusinessTerms:
    effective: date
    standard_terms: str  # payment terms for most business accounts
    large_account_terms: str  # for accounts above LARGE_ACCOUNT_SPEND a year
    late_fee_percent_per_month: float
    minimum_order: float  # USD


LARGE_ACCOUNT_SPEND = 50_000  # USD of invoiced spend in the previous fiscal year
BUSINESS_V1 = BusinessTerms(date(2023, 6, 1), "Net 30", "Net 30", 1.5, 500.00)
BUSINESS_V2 = BusinessTerms(date(2025, 6, 1), "Net 30", "Net 45", 1.0, 250.00)


@dataclass(frozen=True)
class RetentionTerms:
    effective: date
    marketing_years: int  # marketing profile kept after last activity
    ticket_years: int  # support tickets kept after closing
    call_recording_days: int
    deletion_days: int  # an account deletion request is completed within this many days


RETENTION_V1 = RetentionTerms(date(2023, 5, 1), 3, 3, 180, 30)
RETENTION_V2 = RetentionTerms(date(2025, 5, 1), 2, 2, 90, 14)
ORDER_RECORD_YEARS = 7  # both versions: tax law sets it
