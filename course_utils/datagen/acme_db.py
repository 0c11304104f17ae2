"""Acme's analytics database: a seeded generator of realistic rows.

`generate(data_dir)` writes everything of the Acme analytics case study under
`data_dir / "acme"`: the SQLite database, the data dictionary and the train/test
question sets. `build_database(path)` writes only the database.

The rows are invented with one seeded random stream, in the order a business lives:
customers sign up, some join Acme Plus, they place orders (more each year, peaking in
the summer camping season and on Black Friday), parcels ship and arrive (some late),
some products come back, and customers open support tickets about all of it. The
schema itself is described in `acme_schema.py`.
"""

from __future__ import annotations

import bisect
import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from course_utils.datagen import acme_world as world
from course_utils.datagen.acme_schema import TABLES, schema_sql
from course_utils.datagen.common import build_sqlite, rng

CUSTOMER_COUNT = 2000
ORDERS_PER_FISCAL_YEAR = {2022: 1500, 2023: 1950, 2024: 2500, 2025: 3100}
FIRST_CUSTOMER_ID = 10001
FIRST_ORDER_ID = 500001
FIRST_SIGNUP = date(2019, 2, 1)
CALENDAR_START, CALENDAR_END = date(2019, 2, 1), date(2027, 1, 31)
TICKETS_KEPT_FROM = date(2024, 2, 1)  # tickets closed earlier were purged (retention policy)
PLUS_LAUNCH = date(2020, 3, 1)  # first Acme Plus memberships in the data
SNAPSHOT = world.SNAPSHOT_DATE

# List prices rose over the years; an order line carries the price of its day.
PRICE_FACTOR = {2022: 0.92, 2023: 0.95, 2024: 0.98, 2025: 1.00}

# How busy each calendar month is (1 = an average month): summer camping, then Black Friday.
MONTH_WEIGHT = {1: 0.6, 2: 0.6, 3: 0.8, 4: 0.9, 5: 1.0, 6: 1.4, 7: 1.5, 8: 1.1,
                9: 0.8, 10: 0.8, 11: 1.5, 12: 1.4}

# How much each category sells in each month, relative to its own average.
CATEGORY_SEASON = {
    "TNT": {5: 1.5, 6: 2.2, 7: 2.2, 8: 1.4, 11: 0.8, 12: 0.6, 1: 0.4, 2: 0.5},
    "SLP": {6: 1.8, 7: 1.8, 8: 1.3, 9: 1.2, 1: 0.6, 2: 0.6},
    "PCK": {5: 1.3, 6: 1.6, 7: 1.6, 8: 1.5},
    "CKG": {5: 1.4, 6: 1.8, 7: 1.8, 8: 1.3, 12: 0.7, 1: 0.5},
    "APP": {9: 1.4, 10: 1.7, 11: 1.8, 12: 1.7, 1: 1.3, 6: 0.6, 7: 0.6},
    "FTW": {3: 1.4, 4: 1.5, 9: 1.3, 10: 1.3},
    "ELC": {11: 2.0, 12: 2.2},
    "HOM": {3: 1.6, 4: 1.9, 5: 1.8, 6: 1.4, 11: 0.5, 12: 0.5, 1: 0.4},
}
CONSUMABLES = {"CKG-110", "APP-310"}


# --- Small helpers -----------------------------------------------------------------


def days_between(first: date, last: date) -> list[date]:
    """Every date from first to last, inclusive."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def pick(r: random.Random, weights: dict):
    """One key of `weights`, chosen with probability proportional to its value."""
    keys = list(weights)
    return r.choices(keys, weights=[weights[k] for k in keys])[0]


def money(amount: float) -> float:
    """An amount rounded to cents."""
    return round(amount + 1e-9, 2)


def iso(day: date | None) -> str | None:
    """A date as 'YYYY-MM-DD' (None stays None, for SQL NULL)."""
    return day.isoformat() if day else None


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return date(fy, 2, 1), date(fy + 1, 1, 31)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def events_of_year(year: int) -> dict[date, str]:
    """US holidays and retail events of one calendar year."""
    thanksgiving = nth_weekday(year, 11, 3, 4)
    return {
        date(year, 1, 1): "New Year's Day",
        nth_weekday(year, 5, 0, -1): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        nth_weekday(year, 9, 0, 1): "Labor Day",
        thanksgiving: "Thanksgiving",
        thanksgiving + timedelta(days=1): "Black Friday",
        thanksgiving + timedelta(days=4): "Cyber Monday",
        date(year, 12, 25): "Christmas Day",
    }


def black_friday(year: int) -> date:
    """The Friday after US Thanksgiving."""
    return nth_weekday(year, 11, 3, 4) + timedelta(days=1)


def in_black_friday_weekend(day: date) -> bool:
    """Black Friday to Cyber Monday, when BF25 is valid."""
    start = black_friday(day.year)
    return start <= day <= start + timedelta(days=3)


# --- Reference tables -----------------------------------------------------------------


def fiscal_calendar_rows() -> list[tuple]:
    """fscl_cal: one row per day, from CALENDAR_START to CALENDAR_END."""
    events = {}
    for year in range(CALENDAR_START.year, CALENDAR_END.year + 1):
        events.update(events_of_year(year))
    rows = []
    for day in days_between(CALENDAR_START, CALENDAR_END):
        fy = world.fiscal_year(day)
        day_of_year = (day - fiscal_year_bounds(fy)[0]).days
        rows.append((
            day.isoformat(), fy, world.fiscal_quarter(day),
            (day.month - world.FISCAL_YEAR_START_MONTH) % 12 + 1, day_of_year // 7 + 1,
            day.strftime("%a"), "Y" if day.weekday() >= 5 else "N", events.get(day),
        ))
    return rows


def reference_rows() -> dict[str, list[tuple]]:
    """The small lookup tables, straight from acme_world."""
    promo_types = {"SPRING10": "SEAS", "TRAIL15": "WELC", "BF25": "SEAS", "PLUS5": "MEMB"}
    return {
        "rgn_ref": [(r.code, r.name, r.currency) for r in world.REGIONS],
        "cat_ref": [(c.code, c.name) for c in world.CATEGORIES],
        "prd_mstr": [
            (number, p.sku, p.name, p.category, p.list_price, p.launched.isoformat(),
             "Y" if p.discontinued else "N", p.warranty_years)
            for number, p in enumerate(world.PRODUCTS, start=1)
        ],
        "whs_ref": [(w.code, w.city, w.region) for w in world.WAREHOUSES],
        "promo_ref": [
            (code, description, pct, promo_types[code])
            for code, (description, pct) in world.PROMOTIONS.items()
        ],
    }


# --- Customers ------------------------------------------------------------------------

FIRST_NAMES = (
    "Aaliyah", "Adrián", "Aiko", "Alejandro", "Amara", "Amelia", "Andrés", "Anika", "Ava",
    "Benjamin", "Björn", "Camila", "Carmen", "Charlotte", "Chen", "Chloé", "Daniel", "David",
    "Diego", "Dmitri", "Elena", "Eli", "Emily", "Ethan", "Fatima", "Finn", "Gabriel", "Grace",
    "Hannah", "Haruto", "Henry", "Isabella", "Ivan", "Jack", "James", "Jana", "Jasmine", "Javier",
    "Jin", "Julia", "Kaito", "Kavya", "Laura", "Leah", "Liam", "Lucas", "Lucía", "Malik", "Maria",
    "Mateo", "Maya", "Mia", "Mohammed", "Naomi", "Nathan", "Nina", "Noah", "Olivia", "Oscar",
    "Owen", "Priya", "Rachel", "Rafael", "Riya", "Ryan", "Samantha", "Santiago", "Sara", "Sebastián",
    "Sofia", "Sophie", "Thomas", "Valentina", "Wei", "William", "Yuki", "Zara", "Zoë",
)
LAST_NAMES = (
    "Anderson", "Bauer", "Becker", "Brown", "Campbell", "Chen", "Clarke", "Costa", "Davies",
    "Dubois", "Evans", "Fernández", "Fischer", "García", "Gomez", "González", "Green", "Hall",
    "Hernández", "Hughes", "Ito", "Jansen", "Johnson", "Kelly", "Kim", "Kowalski", "Kumar",
    "Lambert", "Lee", "Lewis", "Li", "Martin", "Martínez", "Meyer", "Miller", "Moore", "Müller",
    "Murphy", "Nguyen", "Nielsen", "O'Brien", "Ortiz", "Patel", "Pereira", "Perez", "Quinn",
    "Ramírez", "Reyes", "Robinson", "Rossi", "Sánchez", "Santos", "Schmidt", "Schneider", "Shah",
    "Silva", "Singh", "Smith", "Suzuki", "Tanaka", "Taylor", "Thompson", "Torres", "van Dijk",
    "Walker", "Wang", "Watanabe", "Weber", "White", "Williams", "Wilson", "Wong", "Young", "Zhang",
)
BUSINESS_PREFIXES = (
    "Alpine", "Basin", "Bear Creek", "Blue Ridge", "Boulder", "Canyon", "Cascade", "Cedar",
    "Coastal", "Evergreen", "Glacier", "Granite", "Harbor", "High Desert", "Juniper", "Lakeshore",
    "Lone Pine", "Maple", "Mesa", "Northwind", "Pinecrest", "Prairie", "Redwood", "Ridgeway",
    "River Bend", "Sagebrush", "Sierra", "Silver Lake", "Summit", "Timberline", "Trailhead",
    "Valley", "Westwind", "Wildflower", "Willow",
)
BUSINESS_KINDS = (
    "Outfitters", "Adventure Co.", "Guiding Services", "Expeditions", "Camp Rentals",
    "Outdoor Supply", "Lodge", "Tours", "Trading Co.", "Event Services",
)
EDUCATION_KINDS = (
    "High School Outdoor Club", "Scout Troop", "University Hiking Society", "Nature Trust",
    "Youth Camp", "Community College Recreation", "Conservation Corps", "Environmental Center",
)
REGION_WEIGHT = {"NAE": 30, "NAW": 32, "EMEA": 20, "APAC": 11, "LATAM": 7}
COUNTRY_WEIGHT = {
    "NAE": {"US": 85, "CA": 15}, "NAW": {"US": 88, "CA": 12},
    "EMEA": {"DE": 30, "GB": 28, "FR": 18, "NL": 14, "ES": 10},
    "APAC": {"AU": 50, "NZ": 15, "JP": 20, "SG": 15},
    "LATAM": {"MX": 55, "BR": 30, "CL": 15},
}
PHONE_PREFIX = {"US": "+1", "CA": "+1", "DE": "+49", "GB": "+44", "FR": "+33", "NL": "+31",
                "ES": "+34", "AU": "+61", "NZ": "+64", "JP": "+81", "SG": "+65", "MX": "+52",
                "BR": "+55", "CL": "+56"}
AREA_CODES = {"NAE": ("212", "617", "614", "404", "416"), "NAW": ("503", "206", "415", "775", "604")}


@dataclass
class Customer:
    """A customer while the data is being invented (becomes a cust_mstr row)."""

    cust_id: int
    name: str
    email: str
    phone: str | None
    country: str
    region: str
    segment: str
    status: str
    signup: date
    weight: float  # how often this customer orders, relative to others
    closed_on: date | None = None
    vip_legacy: bool = False
    marketing: bool = False
    referrer: int | None = None
    tier: int = 1


def ascii_letters(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: 'Zoë O'Brien' -> 'zoeobrien'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == " ").replace(" ", "")


def signup_dates(r: random.Random, count: int) -> list[date]:
    """Sign-up dates, sorted, growing year after year, busier in June-July and November."""
    days = days_between(FIRST_SIGNUP, SNAPSHOT - timedelta(days=3))
    weights = [(1 + 0.45 * (d - FIRST_SIGNUP).days / 365) * (1.3 if d.month in (6, 7, 11) else 1.0)
               for d in days]
    return sorted(r.choices(days, weights=weights, k=count))


def organisation_name(r: random.Random, segment: str, used: set[str]) -> str:
    """A unique business or school/non-profit name."""
    while True:
        if segment == "B":
            name = f"{r.choice(BUSINESS_PREFIXES)} {r.choice(BUSINESS_KINDS)}"
        else:
            kind = r.choice(EDUCATION_KINDS)
            name = f"{r.choice(BUSINESS_PREFIXES)} {kind}"
            if kind == "Scout Troop":
                name += f" {r.randint(10, 999)}"
        if name not in used:
            used.add(name)
            return name


def phone_number(r: random.Random, country: str, region: str) -> str:
    """A fictional phone number (555-01xx in North America)."""
    if country in ("US", "CA"):
        return f"+1 {r.choice(AREA_CODES[region])}-555-01{r.randint(0, 99):02d}"
    return f"{PHONE_PREFIX[country]} {r.randint(10, 99)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"


def make_customers(r: random.Random) -> list[Customer]:
    """CUSTOMER_COUNT customers, ids in sign-up order."""
    customers, used_names, used_emails = [], set(), set()
    for number, signup in enumerate(signup_dates(r, CUSTOMER_COUNT)):
        region = pick(r, REGION_WEIGHT)
        country = pick(r, COUNTRY_WEIGHT[region])
        segment = pick(r, {"C": 88, "B": 8, "E": 4})
        if segment == "C":
            name = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
            local = ".".join(ascii_letters(part) for part in name.split(" ", 1))
            domain = r.choice(("example.com", "example.org", "example.net"))
        else:
            name = organisation_name(r, segment, used_names)
            local, domain = "orders", ascii_letters(name)[:20] + ".example.com"
        email = f"{local}@{domain}"
        suffix = 2
        while email in used_emails:
            email = f"{local}{suffix}@{domain}"
            suffix += 1
        used_emails.add(email)
        missing_phone = r.random() < (0.24 if segment == "C" else 0.05)
        weight = 0.0 if r.random() < 0.09 else r.lognormvariate(0, 1.05) * {"C": 1, "B": 1.6, "E": 1.2}[segment]
        customer = Customer(
            FIRST_CUSTOMER_ID + number, name, email,
            None if missing_phone else phone_number(r, country, region),
            country, region, segment, "A", signup, weight,
            marketing=r.random() < 0.55,
        )
        status_draw = r.random()
        if status_draw < 0.06 and (SNAPSHOT - signup).days > 120:
            customer.status = "X"
            customer.closed_on = signup + timedelta(days=r.randint(90, (SNAPSHOT - signup).days))
        elif status_draw < 0.08:
            customer.status = "S"
        customer.vip_legacy = signup < date(2023, 1, 1) and r.random() < 0.05 + 0.04 * min(weight, 3)
        customers.append(customer)
    add_referrals(r, customers)
    return customers


def add_referrals(r: random.Random, customers: list[Customer]) -> None:
    """About 8% of consumers who joined after mid-2022 were referred by an earlier one."""
    advocates = [c for c in customers if c.segment == "C" and c.weight > 1.2]
    for customer in customers:
        if customer.segment != "C" or customer.signup < date(2022, 7, 1) or r.random() > 0.08:
            continue
        earlier = [a for a in advocates if a.signup < customer.signup and a.status != "X"]
        if earlier:
            # a few enthusiasts refer many friends: favour the first advocates
            customer.referrer = r.choices(earlier, weights=[1 / (i + 1) for i in range(len(earlier))])[0].cust_id


def customer_rows(customers: list[Customer]) -> list[tuple]:
    """cust_mstr rows."""
    return [
        (c.cust_id, c.name, c.email, c.phone, c.country, c.region, c.segment, c.status,
         c.signup.isoformat(), c.tier, "Y" if c.vip_legacy else "N", "Y" if c.marketing else "N",
         c.referrer)
        for c in customers
    ]


# --- Acme Plus memberships ------------------------------------------------------------


@dataclass
class Membership:
    cust_id: int
    plan: str
    start: date
    end: date | None
    reason: str | None
    auto_renew: bool


def one_membership(r: random.Random, cust_id: int, start: date) -> Membership:
    """A membership from `start`: monthly members leave sooner than annual ones."""
    plan = pick(r, {"PLUS_M": 65, "PLUS_A": 35})
    if plan == "PLUS_M":
        months = 1
        while r.random() > 0.06:
            months += 1
        end = start + timedelta(days=round(months * 30.44) - 1)
    else:
        years = 1
        while r.random() < 0.72:
            years += 1
        end = start + timedelta(days=365 * years - 1)
    if end >= SNAPSHOT:
        return Membership(cust_id, plan, start, None, None, r.random() < 0.87)
    reason = pick(r, {"PRC": 30, "USE": 35, "SVC": 8, "PAY": 17, "OTH": 10})
    return Membership(cust_id, plan, start, end, reason, False)


def make_memberships(r: random.Random, customers: list[Customer]) -> list[Membership]:
    """Memberships of consumers, more likely for frequent buyers; some re-join later."""
    memberships = []
    for c in customers:
        if c.segment != "C" or c.weight == 0 or r.random() > min(0.85, 0.35 + 0.2 * c.weight):
            continue
        first_day = max(c.signup, PLUS_LAUNCH)
        last_day = min(c.closed_on or SNAPSHOT, SNAPSHOT) - timedelta(days=5)
        if last_day <= first_day:
            continue
        span = (last_day - first_day).days
        start = first_day + timedelta(days=min(r.randint(0, span), r.randint(0, span)))
        while True:
            m = one_membership(r, c.cust_id, start)
            if c.closed_on and (m.end is None or m.end > c.closed_on):
                m = Membership(c.cust_id, m.plan, m.start, max(c.closed_on, m.start), "OTH", False)
            memberships.append(m)
            if m.end is None or r.random() > 0.45:
                break
            start = m.end + timedelta(days=r.randint(20, 300))
            if start >= last_day:
                break
    return memberships


def membership_lookup(memberships: list[Membership]) -> dict[int, list[Membership]]:
    """Memberships by customer id."""
    by_customer: dict[int, list[Membership]] = {}
    for m in memberships:
        by_customer.setdefault(m.cust_id, []).append(m)
    return by_customer


def is_member(by_customer: dict[int, list[Membership]], cust_id: int, day: date) -> bool:
    """Did the customer hold an active membership on `day`?"""
    return any(m.start <= day and (m.end is None or day <= m.end) for m in by_customer.get(cust_id, ()))


def membership_rows(memberships: list[Membership]) -> list[tuple]:
    """mbr_sub rows, numbered by start date."""
    ordered = sorted(memberships, key=lambda m: (m.start, m.cust_id))
    return [
        (number, m.cust_id, m.plan, iso(m.start), iso(m.end), m.reason, "Y" if m.auto_renew else "N")
        for number, m in enumerate(ordered, start=1)
    ]


# --- Orders, lines and shipments --------------------------------------------------------


@dataclass
class Line:
    prd_id: int
    qty: int
    unit_price: float
    discount: float

    @property
    def net(self) -> float:
        return self.qty * self.unit_price - self.discount


@dataclass
class Shipment:
    warehouse: str
    carrier: str
    shipped: date
    promised: date
    delivered: date | None  # None while in transit at the snapshot


@dataclass
class Order:
    day: date
    customer: Customer
    welcome: bool = False
    ord_id: int = 0
    channel: str = "WEB"
    status: str = "DLV"
    promo: str | None = None
    ship_region: str = ""
    payment: str = "CRD"
    lines: list[Line] = field(default_factory=list)
    shipment: Shipment | None = None

    @property
    def net_amount(self) -> float:
        return money(sum(line.net for line in self.lines))

    @property
    def received(self) -> date | None:
        """The day the customer had the goods: delivery, or purchase in a store."""
        if self.channel == "RTL":
            return self.day
        return self.shipment.delivered if self.shipment else None


def order_day_weights(days: list[date]) -> list[float]:
    """How likely an order falls on each day: season, weekday and retail events."""
    weights = []
    for d in days:
        w = MONTH_WEIGHT[d.month] * (1.15 if d.weekday() >= 5 else 1.0)
        bf = black_friday(d.year)
        if d == bf:
            w *= 7
        elif d == bf + timedelta(days=3):
            w *= 5
        elif bf < d < bf + timedelta(days=3):
            w *= 3
        elif d.month == 12 and d.day == 25:
            w *= 0.3
        weights.append(w)
    return weights


class CustomerPicker:
    """Picks who placed an order on a day: customers signed up by then, by weight."""

    def __init__(self, customers: list[Customer]):
        self.customers = [c for c in customers if c.weight > 0]
        self.signups = [c.signup for c in self.customers]
        self.cumulative = []
        total = 0.0
        for c in self.customers:
            total += c.weight
            self.cumulative.append(total)

    def pick(self, r: random.Random, day: date) -> Customer | None:
        known = bisect.bisect_right(self.signups, day)
        if known == 0:
            return None
        for _ in range(30):
            target = r.random() * self.cumulative[known - 1]
            c = self.customers[min(bisect.bisect_right(self.cumulative, target), known - 1)]
            if c.closed_on is None or day < c.closed_on:
                return c
        return None


def order_skeletons(r: random.Random, customers: list[Customer]) -> list[Order]:
    """When each order was placed and by whom: welcome orders first, then the rest."""
    orders = []
    for c in customers:
        if c.weight > 0 and c.signup >= world.FIRST_ORDER_DATE and r.random() < 0.55:
            day = c.signup + timedelta(days=min(r.randint(0, 40), r.randint(0, 40)))
            if day <= SNAPSHOT and (c.closed_on is None or day < c.closed_on):
                orders.append(Order(day, c, welcome=True))
    picker = CustomerPicker(customers)
    for fy, target in ORDERS_PER_FISCAL_YEAR.items():
        days = days_between(*fiscal_year_bounds(fy))
        welcome = sum(1 for o in orders if world.fiscal_year(o.day) == fy)
        for day in sorted(r.choices(days, weights=order_day_weights(days), k=target - welcome)):
            customer = picker.pick(r, day)
            if customer:
                orders.append(Order(day, customer))
    keyed = [(o.day, r.random(), o) for o in orders]
    keyed.sort(key=lambda item: (item[0], item[1]))
    orders = [o for _, _, o in keyed]
    for number, order in enumerate(orders):
        order.ord_id = FIRST_ORDER_ID + number
    return orders


def choose_channel(r: random.Random, order: Order) -> str:
    """Businesses buy on invoice; consumers move from the website to the app over the years."""
    segment = order.customer.segment
    if segment == "B":
        return pick(r, {"B2B": 75, "WEB": 25})
    if segment == "E":
        return pick(r, {"B2B": 55, "WEB": 45})
    fy = world.fiscal_year(order.day)
    app = {2022: 15, 2023: 22, 2024: 30, 2025: 36}[fy]
    store = {2022: 25, 2023: 23, 2024: 21, 2025: 19}[fy]
    return pick(r, {"WEB": 100 - app - store, "APP": app, "RTL": store})


def choose_promo(r: random.Random, order: Order, member: bool) -> str | None:
    """At most one promotion code per order, where the customer was eligible for it."""
    if order.channel == "B2B":
        return None
    if order.welcome and r.random() < 0.7:
        return "TRAIL15"
    if in_black_friday_weekend(order.day) and r.random() < 0.65:
        return "BF25"
    if order.day.month in (3, 4) and r.random() < 0.3:
        return "SPRING10"
    if member and order.channel in ("WEB", "APP") and r.random() < 0.55:
        return "PLUS5"
    return None


def product_weights(day: date) -> dict[int, float]:
    """Which products sell on a day: launched, not yet discontinued, in season, cheap ones more."""
    weights = {}
    for prd_id, p in enumerate(world.PRODUCTS, start=1):
        last_day = world.DISCONTINUED_ON.get(p.sku)
        if p.launched > day or (last_day and day > last_day):
            continue
        season = CATEGORY_SEASON[p.category].get(day.month, 1.0)
        weights[prd_id] = season * 40 / math.sqrt(p.list_price) * (1.8 if p.sku in CONSUMABLES else 1)
    return weights


def make_lines(r: random.Random, order: Order) -> list[Line]:
    """The products on an order, at the day's price, with the promotion's discount."""
    bulk = order.customer.segment in ("B", "E")
    count = pick(r, {1: 25, 2: 30, 3: 25, 4: 12, 5: 8} if bulk else {1: 40, 2: 28, 3: 17, 4: 10, 5: 5})
    weights = product_weights(order.day)
    chosen: list[int] = []
    while len(chosen) < min(count, len(weights)):
        prd_id = pick(r, weights)
        if prd_id not in chosen:
            chosen.append(prd_id)
    pct = world.PROMOTIONS[order.promo][1] if order.promo else 0.0
    factor = PRICE_FACTOR[world.fiscal_year(order.day)]
    lines = []
    for prd_id in chosen:
        product = world.PRODUCTS[prd_id - 1]
        if bulk:
            qty = pick(r, {2: 20, 3: 15, 4: 12, 5: 10, 6: 8, 8: 6, 10: 5, 12: 3, 15: 2, 20: 1})
        elif product.sku in CONSUMABLES:
            qty = pick(r, {1: 30, 2: 30, 3: 15, 4: 15, 6: 10})
        else:
            qty = pick(r, {1: 85, 2: 12, 3: 3})
        unit_price = money(product.list_price * factor)
        lines.append(Line(prd_id, qty, unit_price, money(qty * unit_price * pct)))
    return lines


WAREHOUSE_CHOICE = {
    "NAW": {"PDX1": 60, "RNO1": 40}, "NAE": {"CMH1": 88, "PDX1": 6, "RNO1": 6},
    "EMEA": {"ROT1": 100}, "APAC": {"SYD1": 100}, "LATAM": {"MEX1": 100},
}
CARRIER_CHOICE = {
    "NA": {"UPG": 45, "USP": 30, "FDX": 18, "LOC": 7},
    "NA_B2B": {"UPG": 70, "FDX": 30},
    "INTL": {"DHL": 75, "LOC": 25},
}
PROMISED_DAYS = {"FDX": 2, "USP": 4, "UPG": 5, "DHL": 7, "LOC": 2}
LATE_CHANCE = {"FDX": 0.04, "UPG": 0.09, "USP": 0.12, "DHL": 0.14, "LOC": 0.07}


def peak_season(day: date) -> bool:
    """20 November to 31 December: warehouses and carriers are swamped."""
    return (day.month == 11 and day.day >= 20) or day.month == 12


def make_shipment(r: random.Random, order: Order) -> Shipment:
    """Warehouse, carrier and dates of an order's parcel; some arrive late."""
    region = order.ship_region
    warehouse = pick(r, WAREHOUSE_CHOICE[region])
    if region in ("NAE", "NAW"):
        carrier = pick(r, CARRIER_CHOICE["NA_B2B" if order.channel == "B2B" else "NA"])
    else:
        carrier = pick(r, CARRIER_CHOICE["INTL"])
    shipped = order.day + timedelta(days=pick(r, {0: 35, 1: 45, 2: 20}) + (1 if peak_season(order.day) else 0))
    promised = shipped + timedelta(days=PROMISED_DAYS[carrier])
    late_chance = LATE_CHANCE[carrier] * (2.2 if peak_season(shipped) else 1.0) + (0.05 if warehouse == "RNO1" else 0)
    if r.random() < late_chance:
        transit = PROMISED_DAYS[carrier] + pick(r, {1: 40, 2: 25, 3: 15, 4: 10, 5: 6, 6: 4})
    else:
        transit = max(1, PROMISED_DAYS[carrier] - pick(r, {0: 60, 1: 30, 2: 10}))
    delivered = shipped + timedelta(days=transit)
    return Shipment(warehouse, carrier, shipped, promised, delivered)


def fill_order(r: random.Random, order: Order, members: dict[int, list[Membership]]) -> None:
    """Channel, promotion, lines, status and shipment of one order."""
    c = order.customer
    order.channel = choose_channel(r, order)
    order.ship_region = c.region
    if order.channel in ("WEB", "APP") and r.random() < 0.03:
        order.ship_region = r.choice([code for code in REGION_WEIGHT if code != c.region])  # a gift
    order.payment = {
        "B2B": "INV",
        "RTL": pick(r, {"CRD": 70, "CSH": 20, "GFT": 10}),
    }.get(order.channel) or pick(r, {"CRD": 70, "PPL": 25, "GFT": 5})
    order.promo = choose_promo(r, order, is_member(members, c.cust_id, order.day))
    order.lines = make_lines(r, order)
    if r.random() < (0.02 if order.channel == "B2B" else 0.04):
        order.status = "CNL"
    elif order.channel == "RTL":
        order.status = "DLV"
    else:
        shipment = make_shipment(r, order)
        if shipment.shipped > SNAPSHOT:
            order.status = "PND"
        else:
            order.shipment = shipment
            if shipment.delivered > SNAPSHOT:
                order.status, shipment.delivered = "SHP", None
            else:
                order.status = "DLV"


def order_rows(orders: list[Order]) -> dict[str, list[tuple]]:
    """ord_hdr, ord_ln and shpmt rows."""
    headers, lines, shipments = [], [], []
    for o in orders:
        headers.append((o.ord_id, o.customer.cust_id, iso(o.day), o.status, o.channel, o.promo,
                        o.ship_region, o.payment, o.net_amount))
        for number, line in enumerate(o.lines, start=1):
            lines.append((o.ord_id, number, line.prd_id, line.qty, line.unit_price, line.discount))
    shipped = sorted((o for o in orders if o.shipment), key=lambda o: (o.shipment.shipped, o.ord_id))
    for number, o in enumerate(shipped, start=1):
        s = o.shipment
        tracking = f"{s.carrier}{o.ord_id}{number % 97:02d}"
        shipments.append((number, o.ord_id, s.warehouse, s.carrier, tracking, iso(s.shipped),
                          iso(s.promised), iso(s.delivered)))
    return {"ord_hdr": headers, "ord_ln": lines, "shpmt": shipments}


# --- Returns -----------------------------------------------------------------------------


@dataclass
class Return:
    ord_id: int
    ln_no: int
    day: date
    reason: str
    qty: int
    refund: float
    restocked: bool


RETURN_CHANCE = {"FTW": 0.11, "APP": 0.09, "TNT": 0.04, "SLP": 0.05, "PCK": 0.05,
                 "CKG": 0.03, "ELC": 0.06, "HOM": 0.04}
REASONS_BY_CATEGORY = {
    "FTW": {"FIT": 60, "DMG": 8, "DEF": 10, "WRG": 7, "NLN": 15},
    "APP": {"FIT": 60, "DMG": 8, "DEF": 10, "WRG": 7, "NLN": 15},
    "ELC": {"DEF": 45, "DMG": 15, "WRG": 10, "NLN": 30},
}
OTHER_REASONS = {"DMG": 25, "DEF": 25, "WRG": 15, "NLN": 35}


def days_late(order: Order) -> int:
    """How many days after the promised date the parcel arrived (0 if on time)."""
    s = order.shipment
    if not s or not s.delivered:
        return 0
    return max(0, (s.delivered - s.promised).days)


def refund_for(order: Order, line: Line, qty: int, reason: str, day: date) -> float:
    """What is paid back: the units' share of the line after discount, less any restocking fee."""
    refund = qty * (line.unit_price - line.discount / line.qty)
    category = world.PRODUCTS[line.prd_id - 1].category
    if category == "ELC" and reason == "NLN":  # opened electronics carry a restocking fee
        refund *= 0.85 if day < date(2025, 2, 1) else 0.90
    paid = line.qty * line.unit_price - line.discount  # computed as SQL computes it
    refund = money(refund)
    while refund > paid:  # never more than was paid, not even by float noise
        refund = round(refund - 0.01, 2)
    return refund


def make_returns(r: random.Random, orders: list[Order]) -> list[Return]:
    """Returns of delivered orders: a few whole orders, otherwise single lines."""
    returns = []
    for o in orders:
        received = o.received
        if o.status != "DLV" or received is None:
            continue
        late = days_late(o)
        if r.random() < 0.012 + (0.15 if late >= 3 else 0):
            day = received + timedelta(days=r.randint(2, 25))
            if day <= SNAPSHOT:
                reason = "LATE" if late >= 3 else pick(r, {"NLN": 60, "WRG": 40})
                for number, line in enumerate(o.lines, start=1):
                    returns.append(Return(o.ord_id, number, day, reason, line.qty,
                                          refund_for(o, line, line.qty, reason, day), reason != "DMG"))
                o.status = "RTN"
            continue
        for number, line in enumerate(o.lines, start=1):
            category = world.PRODUCTS[line.prd_id - 1].category
            if r.random() >= RETURN_CHANCE[category] + (0.06 if late >= 2 else 0):
                continue
            if late >= 2 and r.random() < 0.5:
                reason = "LATE"
            else:
                reason = pick(r, REASONS_BY_CATEGORY.get(category, OTHER_REASONS))
            wait = r.randint(10, 300) if reason == "DEF" else r.randint(1, 28)
            day = received + timedelta(days=wait)
            if day > SNAPSHOT:
                continue
            qty = line.qty if line.qty == 1 or r.random() < 0.6 else r.randint(1, line.qty)
            restocked = reason not in ("DMG", "DEF") and r.random() < 0.9
            returns.append(Return(o.ord_id, number, day, reason, qty,
                                  refund_for(o, line, qty, reason, day), restocked))
    return returns


def return_rows(returns: list[Return]) -> list[tuple]:
    """rtn_txn rows, numbered by return date."""
    ordered = sorted(returns, key=lambda x: (x.day, x.ord_id, x.ln_no))
    return [
        (number, x.ord_id, x.ln_no, iso(x.day), x.reason, x.qty, x.refund, "Y" if x.restocked else "N")
        for number, x in enumerate(ordered, start=1)
    ]


# --- Support tickets ---------------------------------------------------------------------


@dataclass
class Ticket:
    cust_id: int
    ord_id: int | None
    opened: date
    category: str
    stale: bool = False  # fell through the cracks: never resolved


PRIORITY_BY_CATEGORY = {
    "DEFT": {"P1": 10, "P2": 50, "P3": 40},
    "BILL": {"P1": 10, "P2": 40, "P3": 50},
    "SHIP": {"P1": 8, "P2": 30, "P3": 62},
    "RTRN": {"P2": 20, "P3": 70, "P4": 10},
    "ACCT": {"P1": 8, "P2": 30, "P3": 62},
    "MEMB": {"P3": 60, "P4": 40},
    "PROD": {"P3": 30, "P4": 70},
    "ORDR": {"P1": 5, "P2": 45, "P3": 50},
}
RESOLUTION_DAYS = {"P1": (0, 2), "P2": (1, 6), "P3": (2, 15), "P4": (3, 40)}


def ticket_events(r: random.Random, orders: list[Order], returns: list[Return],
                  memberships: list[Membership], customers: list[Customer]) -> list[Ticket]:
    """Why customers contacted us: late parcels, returns, defects, bills, accounts..."""
    tickets = []
    by_id = {o.ord_id: o for o in orders}
    for o in orders:
        c = o.customer.cust_id
        s = o.shipment
        if s and (days_late(o) > 0 or (s.delivered is None and s.promised < SNAPSHOT)):
            if r.random() < 0.45:
                tickets.append(Ticket(c, o.ord_id, s.promised + timedelta(days=r.randint(1, 3)), "SHIP"))
        elif s and r.random() < 0.04:
            tickets.append(Ticket(c, o.ord_id, s.shipped + timedelta(days=r.randint(1, 3)), "SHIP"))
        if o.status == "CNL" and r.random() < 0.4:
            tickets.append(Ticket(c, o.ord_id, o.day, "ORDR"))
        elif r.random() < 0.02:
            tickets.append(Ticket(c, o.ord_id, o.day, "ORDR"))
        if r.random() < 0.025:
            tickets.append(Ticket(c, o.ord_id, o.day + timedelta(days=r.randint(0, 20)), "BILL"))
    for x in returns:
        c = by_id[x.ord_id].customer.cust_id
        if x.reason == "DEF" and r.random() < 0.6:
            tickets.append(Ticket(c, x.ord_id, x.day - timedelta(days=r.randint(0, 5)), "DEFT"))
        elif r.random() < 0.3:
            tickets.append(Ticket(c, x.ord_id, x.day + timedelta(days=r.randint(0, 12)), "RTRN"))
    for m in memberships:
        if r.random() < 0.3:
            tickets.append(Ticket(m.cust_id, None, m.end or m.start, "MEMB"))
    for cu in customers:
        for year_start in range(cu.signup.toordinal(), SNAPSHOT.toordinal(), 365):
            for category, chance in (("ACCT", 0.07), ("PROD", 0.09)):
                if r.random() < chance:
                    opened = date.fromordinal(year_start + r.randint(0, 364))
                    tickets.append(Ticket(cu.cust_id, None, opened, category))
    tickets = [t for t in tickets if t.opened <= SNAPSHOT]
    for t in tickets:
        t.stale = t.opened >= date(2024, 9, 1) and r.random() < 0.03
    return tickets


def ticket_rows(r: random.Random, tickets: list[Ticket]) -> list[tuple]:
    """sprt_tkt rows: priority, status, resolution date and survey score of each ticket."""
    tickets = sorted(tickets, key=lambda t: (t.opened, t.cust_id, t.category, t.ord_id or 0))
    rows = []
    for t in tickets:
        priority = pick(r, PRIORITY_BY_CATEGORY[t.category])
        low, high = RESOLUTION_DAYS[priority]
        closed = t.opened + timedelta(days=min(r.randint(low, high), r.randint(low, high) + 3))
        if t.stale or closed > SNAPSHOT:
            closed = None
        if closed is not None and closed < TICKETS_KEPT_FROM:
            continue  # purged under the retention policy
        if closed is None:
            status = "NEW" if (SNAPSHOT - t.opened).days <= 1 else pick(r, {"WIP": 60, "WCU": 40})
        else:
            status = "RSV" if (SNAPSHOT - closed).days <= 7 else "CLS"
        channel = pick(r, {"EML": 25, "CHT": 25, "PHN": 50} if priority == "P1" else {"EML": 45, "CHT": 35, "PHN": 20})
        score = None
        if closed is not None and r.random() < 0.4:
            days = (closed - t.opened).days
            score = pick(r, {5: 45, 4: 35, 3: 12, 2: 5, 1: 3} if days <= 3 else {5: 15, 4: 25, 3: 25, 2: 20, 1: 15})
        rows.append((len(rows) + 1, t.cust_id, t.ord_id, iso(t.opened), iso(closed), t.category,
                     priority, status, channel, score))
    return rows


# --- Loyalty tiers ------------------------------------------------------------------------


def assign_tiers(customers: list[Customer], orders: list[Order]) -> None:
    """Tier at the snapshot: the best earned from net spend in fiscal 2024 or fiscal 2025."""
    spend: dict[tuple[int, int], float] = {}
    for o in orders:
        if o.status in ("CNL", "RTN"):
            continue
        key = (o.customer.cust_id, world.fiscal_year(o.day))
        spend[key] = spend.get(key, 0.0) + o.net_amount
    for c in customers:
        best = max(spend.get((c.cust_id, 2024), 0.0), spend.get((c.cust_id, 2025), 0.0))
        c.tier = max(t.level for t in world.LOYALTY_TIERS if best >= t.min_points)


# --- Putting it together -----------------------------------------------------------------


def make_rows() -> dict[str, list[tuple]]:
    """Every table's rows, invented from the seeded stream "acme_db"."""
    r = rng("acme_db")
    customers = make_customers(r)
    memberships = make_memberships(r, customers)
    members = membership_lookup(memberships)
    orders = order_skeletons(r, customers)
    for order in orders:
        fill_order(r, order, members)
    returns = make_returns(r, orders)
    tickets = ticket_events(r, orders, returns, memberships, customers)
    assign_tiers(customers, orders)
    rows = reference_rows()
    rows["cust_mstr"] = customer_rows(customers)
    rows.update(order_rows(orders))
    rows["rtn_txn"] = return_rows(returns)
    rows["mbr_sub"] = membership_rows(memberships)
    rows["sprt_tkt"] = ticket_rows(r, tickets)
    rows["fscl_cal"] = fiscal_calendar_rows()
    return {t.name: rows[t.name] for t in TABLES}


def build_database(path: Path) -> None:
    """Write acme.sqlite from scratch."""
    build_sqlite(path, schema_sql(), make_rows())


def generate(data_dir: Path) -> None:
    """Write the whole Acme analytics case study under data_dir / "acme"."""
    from course_utils.datagen.acme_dictionary import write_dictionary
    from course_utils.datagen.acme_questions import write_question_sets

    out = Path(data_dir) / "acme"
    db_path = out / "acme.sqlite"
    build_database(db_path)
    write_dictionary(out / "dictionary.md", db_path)
    write_question_sets(out, db_path)
