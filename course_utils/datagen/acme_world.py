"""The facts of Acme's world, shared by every Acme data set.

Acme Outfitters is the fictional company that carries the whole course: an online and
retail seller of outdoor and home gear with a loyalty programme and a paid membership
("Acme Plus"). The analytics database, the data dictionary, the knowledge base and the
support tickets all draw their products, regions and codes from here, so a product
named in a policy document is the same product that appears in the order lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COMPANY = "Acme Outfitters"
HEADQUARTERS = "Portland, Oregon"
FOUNDED_YEAR = 2009

# The database is a snapshot taken at the end of fiscal 2025. Idioms such as
# "active customer" are defined relative to this date, never to date('now'),
# so every gold query returns the same rows forever.
SNAPSHOT_DATE = date(2026, 1, 31)
FIRST_ORDER_DATE = date(2022, 2, 1)

# Acme's fiscal year starts on 1 February (a retail calendar): fiscal 2025 runs
# from 2025-02-01 to 2026-01-31, and fiscal Q1 is February to April.
FISCAL_YEAR_START_MONTH = 2


def fiscal_year(day: date) -> int:
    """Fiscal year of a calendar date: named after the calendar year it starts in."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_quarter(day: date) -> int:
    """Fiscal quarter (1-4) of a calendar date."""
    months_into_year = (day.month - FISCAL_YEAR_START_MONTH) % 12
    return months_into_year // 3 + 1


@dataclass(frozen=True)
class Region:
    code: str  # rgn_cd in the database
    name: str
    currency: str  # the currency customers see; the database stores USD
    countries: tuple[str, ...]


REGIONS = (
    Region("NAE", "North America East", "USD", ("US", "CA")),
    Region("NAW", "North America West", "USD", ("US", "CA")),
    Region("EMEA", "Europe, Middle East and Africa", "EUR", ("DE", "FR", "GB", "NL", "ES")),
    Region("APAC", "Asia Pacific", "AUD", ("AU", "NZ", "JP", "SG")),
    Region("LATAM", "Latin America", "USD", ("MX", "BR", "CL")),
)


@dataclass(frozen=True)
class Channel:
    code: str  # chnl_cd
    name: str


CHANNELS = (
    Channel("WEB", "acme.example website"),
    Channel("APP", "Acme mobile app"),
    Channel("RTL", "Acme retail stores"),
    Channel("B2B", "Business accounts (invoiced)"),
)


@dataclass(frozen=True)
class Category:
    code: str  # cat_cd
    name: str


CATEGORIES = (
    Category("TNT", "Tents and shelters"),
    Category("SLP", "Sleeping bags and pads"),
    Category("PCK", "Backpacks and bags"),
    Category("CKG", "Camp kitchen and cooking"),
    Category("APP", "Apparel"),
    Category("FTW", "Footwear"),
    Category("ELC", "Electronics and lighting"),
    Category("HOM", "Home and garden"),
)


@dataclass(frozen=True)
class Product:
    sku: str  # sku_cd; the first three letters are the category code
    name: str
    category: str  # Category.code
    list_price: float  # USD
    launched: date
    discontinued: bool = False
    warranty_years: int = 1


PRODUCTS = (
    Product("TNT-100", "Ridgeline 2 Tent", "TNT", 249.00, date(2021, 3, 1), warranty_years=2),
    Product("TNT-110", "Ridgeline 4 Tent", "TNT", 379.00, date(2021, 3, 1), warranty_years=2),
    Product("TNT-200", "Summit Ultralight Tent", "TNT", 529.00, date(2023, 4, 15), warranty_years=2),
    Product("TNT-300", "Canopy Shade Shelter", "TNT", 139.00, date(2020, 5, 1), discontinued=True),
    Product("SLP-100", "Cirrus 20F Sleeping Bag", "SLP", 189.00, date(2020, 9, 1)),
    Product("SLP-110", "Cirrus 0F Sleeping Bag", "SLP", 269.00, date(2022, 9, 1)),
    Product("SLP-200", "Loft Air Sleeping Pad", "SLP", 119.00, date(2021, 2, 1)),
    Product("SLP-210", "Foam Trail Pad", "SLP", 39.00, date(2019, 6, 1)),
    Product("PCK-100", "Trailhead 28 Daypack", "PCK", 99.00, date(2020, 3, 1)),
    Product("PCK-200", "Basecamp 65 Backpack", "PCK", 289.00, date(2021, 8, 1), warranty_years=5),
    Product("PCK-210", "Basecamp 50 Backpack", "PCK", 249.00, date(2021, 8, 1), warranty_years=5),
    Product("PCK-300", "Commuter Sling", "PCK", 59.00, date(2022, 1, 15), discontinued=True),
    Product("CKG-100", "Ember Backpacking Stove", "CKG", 79.00, date(2020, 4, 1)),
    Product("CKG-110", "Ember Fuel Canister 230g", "CKG", 7.50, date(2020, 4, 1)),
    Product("CKG-200", "Titan Cook Set", "CKG", 69.00, date(2021, 4, 1)),
    Product("CKG-300", "Glacier 45 Cooler", "CKG", 229.00, date(2022, 5, 1), warranty_years=5),
    Product("APP-100", "Drift Rain Jacket", "APP", 159.00, date(2021, 9, 1)),
    Product("APP-110", "Drift Rain Pants", "APP", 119.00, date(2021, 9, 1)),
    Product("APP-200", "Nimbus Down Jacket", "APP", 229.00, date(2022, 10, 1)),
    Product("APP-300", "Merino Base Layer Top", "APP", 79.00, date(2020, 10, 1)),
    Product("APP-310", "Trail Hiking Socks (3-pack)", "APP", 24.00, date(2020, 1, 1)),
    Product("FTW-100", "Switchback Hiking Boot", "FTW", 189.00, date(2021, 3, 1)),
    Product("FTW-110", "Switchback Low Hiking Shoe", "FTW", 149.00, date(2022, 3, 1)),
    Product("FTW-200", "River Sandal", "FTW", 69.00, date(2020, 5, 1), discontinued=True),
    Product("ELC-100", "Beacon 400 Headlamp", "ELC", 45.00, date(2021, 1, 15)),
    Product("ELC-110", "Beacon 900 Headlamp", "ELC", 79.00, date(2023, 1, 15)),
    Product("ELC-200", "SolarCharge 20W Panel", "ELC", 129.00, date(2022, 6, 1), warranty_years=2),
    Product("ELC-300", "Lumen Camp Lantern", "ELC", 49.00, date(2020, 6, 1)),
    Product("ELC-400", "TrailSat GPS Messenger", "ELC", 349.00, date(2024, 3, 1), warranty_years=2),
    Product("HOM-100", "Patio Hammock", "HOM", 89.00, date(2021, 5, 1)),
    Product("HOM-200", "Firepit Grill Grate", "HOM", 59.00, date(2022, 4, 1)),
    Product("HOM-300", "Raised Garden Bed Kit", "HOM", 149.00, date(2023, 3, 1)),
)


@dataclass(frozen=True)
class LoyaltyTier:
    level: int  # lylty_tier
    name: str
    min_points: int  # points needed, 1 point per USD of net spend in a fiscal year


LOYALTY_TIERS = (
    LoyaltyTier(1, "Trail", 0),
    LoyaltyTier(2, "Ridge", 500),
    LoyaltyTier(3, "Summit", 1500),
    LoyaltyTier(4, "Peak", 4000),  # Peak members are Acme's VIPs
)


@dataclass(frozen=True)
class Plan:
    code: str  # plan_cd of the Acme Plus membership
    name: str
    monthly_fee: float  # USD per month (annual plan billed yearly at 10x the monthly fee)


PLANS = (
    Plan("PLUS_M", "Acme Plus Monthly", 9.99),
    Plan("PLUS_A", "Acme Plus Annual", 8.33),
)

# Order statuses (ord_stat_cd)
ORDER_STATUSES = {
    "PND": "Pending: paid, not yet shipped",
    "SHP": "Shipped: left the warehouse",
    "DLV": "Delivered",
    "CNL": "Cancelled before shipping",
    "RTN": "Returned in full",
}

# Customer statuses (stat_cd)
CUSTOMER_STATUSES = {"A": "Active account", "S": "Suspended (payment or fraud hold)", "X": "Closed"}

# Customer segments (seg_cd)
SEGMENTS = {"C": "Consumer", "B": "Business", "E": "Education and non-profit"}

# Return reasons (rsn_cd)
RETURN_REASONS = {
    "DMG": "Arrived damaged",
    "DEF": "Defective after use (warranty)",
    "WRG": "Wrong item shipped",
    "FIT": "Size or fit",
    "NLN": "No longer needed",
    "LATE": "Arrived too late",
}


@dataclass(frozen=True)
class Warehouse:
    code: str  # whs_cd
    city: str
    region: str  # Region.code


WAREHOUSES = (
    Warehouse("PDX1", "Portland, OR", "NAW"),
    Warehouse("RNO1", "Reno, NV", "NAW"),
    Warehouse("CMH1", "Columbus, OH", "NAE"),
    Warehouse("ROT1", "Rotterdam", "EMEA"),
    Warehouse("SYD1", "Sydney", "APAC"),
    Warehouse("MEX1", "Monterrey", "LATAM"),
)

# Carriers (carr_cd)
CARRIERS = {
    "UPG": "UPS Ground",
    "FDX": "FedEx Express",
    "USP": "USPS Priority",
    "DHL": "DHL International",
    "LOC": "Local courier",
}

# Support ticket categories (the labels of the ticket classification data set)
TICKET_CATEGORIES = {
    "BILL": "Billing and payments",
    "SHIP": "Shipping and delivery",
    "RTRN": "Returns and refunds",
    "DEFT": "Product defect or warranty",
    "ACCT": "Account and login",
    "MEMB": "Acme Plus membership",
    "PROD": "Product question before buying",
    "ORDR": "Order change or cancellation",
}

# Promotion codes (promo_cd); None in the database means no promotion
PROMOTIONS = {
    "SPRING10": ("Spring sale, 10% off", 0.10),
    "TRAIL15": ("New-member welcome, 15% off", 0.15),
    "BF25": ("Black Friday, 25% off", 0.25),
    "PLUS5": ("Acme Plus member 5% off", 0.05),
}


# ---------------------------------------------------------------------------------------
# Added for the analytics database (acme_db.py); shared so the knowledge base can agree.
# ---------------------------------------------------------------------------------------

# The last day each discontinued product was sold (no order lines after this date).
DISCONTINUED_ON = {
    "TNT-300": date(2024, 6, 30),
    "PCK-300": date(2024, 12, 31),
    "FTW-200": date(2025, 3, 31),
}
