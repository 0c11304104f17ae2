"""Acme's support tickets: the classification data set under data/tickets.

`generate(data_dir)` writes
- `tickets/labels.md`: the routing guide, one section per label (tickets_labels.py);
- `tickets/train.jsonl` and `tickets/test.jsonl`: customer messages, one JSON object per
  line with `id`, `text`, `label` and `tags`.

Most messages are put together from hand-written fragments (tickets_fragments.py): an
opening, the customer's request with its slots filled from acme_world (products, SKUs,
order numbers, plans, regions), supporting details, sometimes an aside about another
topic, a closing; then noise (typos, lower case, missing punctuation). The others are
written one by one (tickets_handwritten.py). Every fragment is assigned to one split, so
test messages use phrasings that train has never seen, and a train message that looks too
much like a test message is drawn again.

The label is always the customer's main request and can be decided by a careful reader
with labels.md at hand. About a quarter of the messages are "hard": their wording points to
a neighbouring label (a "refund" for a parcel that arrived broken is SHIP, not RTRN).
Everything is seeded: two runs write byte-identical files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from course_utils.datagen import acme_world as world
from course_utils.datagen.common import rng, write_jsonl, write_text
from course_utils.datagen.tickets_fragments import (
    CLOSINGS,
    CONTEXT,
    FIRST_NAMES,
    FRAGMENTS,
    LAST_NAMES,
    OPENINGS,
    LabelFragments,
)
from course_utils.datagen.tickets_handwritten import TEST as HANDWRITTEN_TEST
from course_utils.datagen.tickets_handwritten import TRAIN as HANDWRITTEN_TRAIN
from course_utils.datagen.tickets_labels import labels_markdown

LABELS = tuple(world.TICKET_CATEGORIES)
PER_LABEL = {"train": 60, "test": 30}
KEYS = ("id", "text", "label", "tags")
TAG_ORDER = (
    "handwritten", "template",  # how the message was made: exactly one of these
    "hard", "mixed_topic", "short", "long", "typo", "angry", "non_native",
)

HARD_SHARE = 0.22  # of the composed messages; handwritten ones add their own
SHORT_SHARE = 0.15
LONG_SHARE = 0.2
MIXED_SHARE = 0.35  # of the messages that are neither short nor hard
TONES = {"neutral": 0.55, "casual": 0.15, "angry": 0.15, "non_native": 0.15}
TYPO_CHANCE = {"neutral": 0.25, "casual": 0.6, "angry": 0.35, "non_native": 0.35}

SHORT_MAX_WORDS = 12
LONG_MIN_WORDS = 55
MAX_SIMILARITY = 0.5  # word-trigram Jaccard allowed between a train and a test message
MAX_ATTEMPTS = 200

# The order ids of data/acme/acme.sqlite (ord_hdr.ord_id): tickets quote real orders.
ORDER_IDS = range(500001, 509051)


@dataclass
class Ticket:
    text: str
    label: str
    tags: set[str] = field(default_factory=set)


# --- Filling slots ----------------------------------------------------------------------

PRODUCTS = {p.sku: p for p in world.PRODUCTS}
ON_SALE = tuple(p.sku for p in world.PRODUCTS if not p.discontinued)

# Which products a slot may name. A trailing 2 in a slot ({item2}) names a second product.
POOLS = {
    "item": ON_SALE,
    "tent": ("TNT-100", "TNT-110", "TNT-200"),
    "bag": ("SLP-100", "SLP-110"),
    "pad": ("SLP-200",),
    "pack": ("PCK-100", "PCK-200", "PCK-210"),
    "stove": ("CKG-100",),
    "cooler": ("CKG-300",),
    "rainwear": ("APP-100", "APP-110"),
    "clothing": ("APP-100", "APP-110", "APP-200", "APP-300", "FTW-100", "FTW-110"),
    "boot": ("FTW-100", "FTW-110"),
    "light": ("ELC-100", "ELC-110", "ELC-300"),
    "solar": ("ELC-200",),
    "gps": ("ELC-400",),
    "small": ("SLP-200", "CKG-100", "CKG-200", "ELC-100", "ELC-300", "APP-200", "APP-100"),
    "zipped": ("TNT-100", "TNT-110", "TNT-200", "SLP-100", "SLP-110", "PCK-100", "PCK-200",
               "PCK-210", "APP-100", "APP-200"),
    "fabric": ("TNT-100", "TNT-110", "TNT-200", "SLP-100", "SLP-110", "PCK-100", "PCK-200",
               "PCK-210", "APP-100", "APP-110", "APP-200", "HOM-100"),
    "gear": ("TNT-100", "TNT-110", "TNT-200", "SLP-100", "SLP-110", "SLP-200", "PCK-100", "PCK-200",
             "PCK-210", "CKG-100", "CKG-200", "CKG-300", "APP-100", "APP-200", "FTW-100", "FTW-110",
             "ELC-100", "ELC-110", "ELC-200", "ELC-300", "ELC-400", "HOM-100", "HOM-200"),
    "camp": ("TNT-100", "TNT-110", "TNT-200", "SLP-100", "SLP-110", "SLP-200", "SLP-210",
             "PCK-100", "PCK-200", "PCK-210", "CKG-100", "CKG-200", "CKG-300", "ELC-100",
             "ELC-110", "ELC-300"),
    "disc": tuple(p.sku for p in world.PRODUCTS if p.discontinued),
}

SIZES = {
    "APP": ("XS", "S", "M", "L", "XL"),
    "FTW": ("7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12"),
}
COUNTRY_NAMES = {
    "US": "the US", "CA": "Canada", "DE": "Germany", "FR": "France", "GB": "the UK",
    "NL": "the Netherlands", "ES": "Spain", "AU": "Australia", "NZ": "New Zealand", "JP": "Japan",
    "SG": "Singapore", "MX": "Mexico", "BR": "Brazil", "CL": "Chile",
}
EURO_COUNTRIES = tuple(
    COUNTRY_NAMES[c] for r in world.REGIONS if r.currency == "EUR" for c in r.countries if c != "GB"
)
ALL_COUNTRIES = tuple(COUNTRY_NAMES[c] for r in world.REGIONS for c in r.countries)
ABROAD = tuple(name for name in ALL_COUNTRIES if name not in ("the US", "Canada"))
CARRIER_NAMES = ("UPS", "FedEx", "USPS", "the local courier")
COLORS = ("green", "blue", "black", "grey", "orange", "red")
PLANS = {p.code: p for p in world.PLANS}
MONTHLY_FEE = PLANS["PLUS_M"].monthly_fee
ANNUAL_FEE = round(10 * MONTHLY_FEE, 2)  # the annual plan is billed yearly at 10x the monthly fee
OLD_MONTHLY_FEE = 7.99  # Acme Plus Monthly before March 2025 (the knowledge base's PLUS_V1)
STANDARD_SHIPPING_FEE = 7.95  # North America, below the free-shipping threshold
RETURN_LABEL_FEE = 5.95


def usd(amount: float, rng_: random.Random) -> str:
    """A dollar amount as customers type it: "$249.00" or "$249"."""
    if amount == int(amount) and rng_.random() < 0.4:
        return f"${int(amount):,}"
    return f"${amount:,.2f}"


# Slots filled by a plain choice, a number in a range, or a fixed fee.
CHOICES = {
    "carrier": CARRIER_NAMES,
    "promo": ("SPRING10", "TRAIL15", "BF25"),  # PLUS5 belongs to Acme Plus (MEMB)
    "points": ("250", "400", "650", "900", "1,200", "2,300"),
    "tier": tuple(t.name for t in world.LOYALTY_TIERS),
    "color": COLORS,
}
NUMBERS = {
    "n_days": (3, 12),
    "n_bdays": (7, 14),  # beyond the 5 business days the returns policy promises
    "weeks": (2, 4),
}
FEES = {
    "monthly_fee": MONTHLY_FEE,
    "annual_fee": ANNUAL_FEE,
    "old_fee": OLD_MONTHLY_FEE,
    "ship_fee": STANDARD_SHIPPING_FEE,
    "label_fee": RETURN_LABEL_FEE,
}
COUNTRY_SLOTS = {"country": ALL_COUNTRIES, "intl_country": ABROAD, "eu_country": EURO_COUNTRIES}
EMAIL_DOMAINS = ("@example.com", "@example.net", "@example.org")


def is_product_slot(slot: str) -> bool:
    return slot in POOLS or slot == "alt" or (slot.endswith("2") and slot[:-1] in POOLS)


class SlotFiller(dict):
    """Fills a fragment's {slots}; values are drawn once per message, so they agree.

    The first product slot picks the message's main product; {sku}, {price}, {months} and
    the sizes then describe that product. The customer lives in one country and has one
    Acme Plus plan per message. Used with str.format_map.
    """

    def __init__(self, rng_: random.Random):
        super().__init__()
        self.rng = rng_
        self.products: dict[str, str] = {}  # product slot -> sku
        self.product: str | None = None  # the message's main product
        self.country: str | None = None
        self.plan: world.Plan | None = None
        self.mention_style = rng_.choices(("name", "name_sku", "sku"), weights=(70, 22, 8))[0]

    def __missing__(self, slot: str) -> str:
        value = self.fill(slot)
        self[slot] = value
        return value

    def fill(self, slot: str) -> str:
        r = self.rng
        if is_product_slot(slot):
            return self.mention(self.pick_product(slot))
        if slot in ("sku", "price", "months", "size", "size_now"):
            return self.about_main_product(slot)
        if slot in CHOICES:
            return r.choice(CHOICES[slot])
        if slot in NUMBERS:
            return str(r.randint(*NUMBERS[slot]))
        if slot in FEES:
            return usd(FEES[slot], r)
        if slot in COUNTRY_SLOTS:
            self.country = self.country or r.choice(COUNTRY_SLOTS[slot])
            return self.country
        if slot in ("plan", "plan_fee"):
            self.plan = self.plan or r.choice(world.PLANS)
            fee = MONTHLY_FEE if self.plan.code == "PLUS_M" else ANNUAL_FEE
            return self.plan.name if slot == "plan" else usd(fee, r)
        if slot == "order":
            number = r.choice(ORDER_IDS)
            return r.choice((f"#{number}", f"{number}", f"{number}", f"no. {number}"))
        if slot == "tracking":  # shaped like the database's tracking numbers
            return f"{r.choice(('UPG', 'FDX', 'USP'))}{r.choice(ORDER_IDS)}{r.randint(0, 96):02d}"
        if slot == "email":
            first, last = r.choice(FIRST_NAMES).lower(), r.choice(LAST_NAMES).lower()
            user = r.choice((f"{first}.{last}", f"{first}{last[0]}", f"{first[0]}{last}"))
            return user + r.choice(EMAIL_DOMAINS)
        if slot == "last4":
            return f"{r.randint(0, 9999):04d}"
        raise KeyError(f"unknown slot {{{slot}}} in a ticket fragment")

    # Products

    def mention(self, sku: str) -> str:
        """How the customer names a product: its name, name and SKU, or the SKU alone."""
        name = PRODUCTS[sku].name
        return {"name": name, "name_sku": f"{name} ({sku})", "sku": sku}[self.mention_style]

    def pick_product(self, slot: str) -> str:
        second = slot.endswith("2")
        taken = set(self.products.values())
        if slot == "alt":  # another product of the main product's category
            category = PRODUCTS[self.main_product()].category
            choices = [s for s in ON_SALE if PRODUCTS[s].category == category and s not in taken]
        else:
            choices = [s for s in POOLS[slot.removesuffix("2")] if not (second and s in taken)]
        sku = self.rng.choice(choices)
        self.products[slot] = sku
        if self.product is None and not second:
            self.product = sku
        return sku

    def main_product(self) -> str:
        if self.product is None:
            self.pick_product("gear")
        return self.product

    def about_main_product(self, slot: str) -> str:
        product = PRODUCTS[self.main_product()]
        if slot == "sku":
            return product.sku
        if slot == "price":
            return usd(product.list_price, self.rng)
        if slot == "months":  # still within the product's warranty
            return str(self.rng.randint(2, 12 * product.warranty_years - 1))
        sizes = SIZES.get(product.category, SIZES["APP"])  # {size_now} and the next size up, {size}
        i = self.rng.randrange(len(sizes) - 1)
        self["size_now"], self["size"] = f"size {sizes[i]}", f"size {sizes[i + 1]}"
        return self[slot]


def fill(fragment: str, slots: SlotFiller) -> str:
    return fragment.format_map(slots)


# --- Noise ------------------------------------------------------------------------------

TYPO_WORD = re.compile(r"\b[a-z]{4,}\b")
KEYBOARD_NEIGHBOURS = {
    "a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "r": "et", "t": "ry", "s": "ad",
    "l": "k", "c": "xv", "d": "sf", "h": "gj", "u": "yi", "m": "n", "g": "fh",
}


def misspell(word: str, r: random.Random) -> str:
    """One keyboard slip: swap two letters, drop, double or hit a neighbouring key."""
    i = r.randrange(1, len(word) - 1)
    kind = r.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = KEYBOARD_NEIGHBOURS.get(word[i])
    return word[:i] + r.choice(near) + word[i + 1:] if near else word[:i] + word[i + 1:]


def in_email_address(text: str, word: re.Match) -> bool:
    return "@" in text[max(0, word.start() - 1):word.end() + 1]


def add_typos(text: str, r: random.Random) -> str:
    """Misspell one to three lower-case words (never codes, numbers or addresses)."""
    words = [m for m in TYPO_WORD.finditer(text) if not in_email_address(text, m)]
    if not words:
        return text
    chosen = sorted(r.sample(words, min(len(words), r.randint(1, 3))), key=lambda m: m.start())
    pieces, last = [], 0
    for match in chosen:
        pieces += [text[last:match.start()], misspell(match.group(), r)]
        last = match.end()
    return "".join(pieces) + text[last:]


def casual(text: str, r: random.Random) -> str:
    """How people type on a phone: lower case, few full stops, sometimes no apostrophes."""
    text = text.lower()
    text = re.sub(r"\.(\s|$)", lambda m: m.group(1) if r.random() < 0.8 else "." + m.group(1), text)
    text = re.sub(r",(\s)", lambda m: m.group(1) if r.random() < 0.5 else "," + m.group(1), text)
    if r.random() < 0.5:
        text = re.sub(r"(\w)'(\w)", r"\1\2", text)
    return text.strip()


NON_NATIVE_REWRITES = (
    (r"\bI haven't\b", "I have not"), (r"\bdidn't\b", "did not"), (r"\bcan't\b", "cannot"),
    (r"\bI'd like to\b", "I would like to"), (r"\bI've\b", "I have"), (r"\bIt's\b", "It is"),
    (r"\bit's\b", "it is"), (r"\bHow do I\b", "How I can"), (r"\bsince\b", "from"),
)


def non_native(text: str, r: random.Random) -> str:
    """English written as a second language: articles dropped, contractions spelled out."""
    for pattern, replacement in NON_NATIVE_REWRITES:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"\b(the|a) (?=[a-z])", lambda m: "" if r.random() < 0.45 else m.group(0), text)


def angry(text: str, r: random.Random) -> str:
    """Raise the voice: exclamation marks, a word or two in capitals."""
    text = re.sub(r"\?(?=\s|$)", lambda m: "??" if r.random() < 0.5 else "?", text)
    for word in ("still", "never", "twice", "again", "nothing", "not"):
        if r.random() < 0.35:
            text = re.sub(rf"\b{word}\b", word.upper(), text, count=1)
    return text


# --- Composing a message ----------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What one composed message should look like."""

    label: str
    hard: bool
    shape: str  # short, normal or long
    tone: str  # neutral, casual, angry or non_native
    mixed: bool  # an aside about another label's topic


def word_count(text: str) -> int:
    return len(text.split())


def size_tags(text: str) -> set[str]:
    count = word_count(text)
    return {"short"} if count <= SHORT_MAX_WORDS else {"long"} if count >= LONG_MIN_WORDS else set()


def signature(r: random.Random, required: bool = False) -> str:
    """A first name, a full name or (unless required) nothing."""
    first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
    return r.choice((first, f"{first} {last}") + (() if required else ("", "")))


def compose(
    plan: Plan, own: LabelFragments, asides: list[str], context: list[str], r: random.Random
) -> Ticket:
    """One customer message following `plan`, from the fragments of its split."""
    slots = SlotFiller(r)
    if plan.shape == "short":
        body = [fill(r.choice(own.short), slots)]
    else:
        body = [fill(r.choice(own.boundary if plan.hard else own.requests), slots)]
        n_details = r.randint(2, 3) if plan.shape == "long" else r.randint(0, 1)
        body += [fill(d, slots) for d in r.sample(own.details, min(n_details, len(own.details)))]
        if plan.shape == "long":
            for sentence in r.sample(context, r.randint(1, 2)):
                body.insert(r.choice((0, len(body))), fill(sentence, slots))
        if plan.mixed:
            body.append(fill(r.choice(asides), slots))
    text = " ".join(body)
    if plan.tone == "non_native":
        text = non_native(text, r)
    if plan.tone == "angry":
        text = angry(text, r)
    typo = r.random() < TYPO_CHANCE[plan.tone]
    if typo:
        text = add_typos(text, r)
    text = frame(text, plan, r)
    tags = {"template", *size_tags(text)}
    flags = {"hard": plan.hard, "mixed_topic": plan.mixed, "typo": typo}
    tags |= {tag for tag, on in flags.items() if on}
    tags |= {plan.tone} & {"angry", "non_native"}
    return Ticket(text, plan.label, tags)


def frame(body: str, plan: Plan, r: random.Random) -> str:
    """Add an opening, a closing and a name; casual messages are then lower-cased."""
    if plan.shape == "short":
        opening = r.choice(OPENINGS["casual"]) if r.random() < 0.3 else ""
        closing = r.choice(CLOSINGS["casual"]) if r.random() < 0.3 else ""
        text = " ".join(part for part in (opening, body, closing) if part)
    else:
        opening, closing = r.choice(OPENINGS[plan.tone]), r.choice(CLOSINGS[plan.tone])
        name = signature(r, required=closing.endswith(",")) if plan.tone != "casual" else ""
        if r.random() < 0.4 and plan.tone != "casual":  # written like a letter
            sign_off = "\n".join(part for part in (closing, name) if part)
            text = "\n\n".join(part for part in (opening, body, sign_off) if part)
        else:
            text = " ".join(part for part in (opening, body, closing, name) if part)
    return casual(text, r) if plan.tone == "casual" else text.strip()


def plans_for(label: str, count: int, r: random.Random) -> list[Plan]:
    """`count` message plans for one label, with the shares of hard, short, long and mixed fixed."""
    n_hard = round(HARD_SHARE * count)
    n_short = round(SHORT_SHARE * count)
    n_long = round(LONG_SHARE * count)
    hard = [True] * n_hard + [False] * (count - n_hard)
    shapes = ["short"] * n_short + ["long"] * n_long + ["normal"] * (count - n_short - n_long)
    r.shuffle(shapes)
    shapes.sort(key=lambda shape: shape == "short")  # the short ones go with the plain requests
    plans = []
    for is_hard, shape in zip(hard, shapes):
        tone = r.choices(list(TONES), weights=list(TONES.values()))[0]
        if shape == "short":  # one line carries no tone beyond how it is typed
            tone = "casual" if tone == "casual" else "neutral"
        mixed = shape != "short" and not is_hard and r.random() < MIXED_SHARE
        plans.append(Plan(label, is_hard, shape, tone, mixed))
    return plans


# --- Splitting fragments and checking overlap --------------------------------------------


def split_fragments(label: str, fragments: LabelFragments, split: str) -> LabelFragments:
    """The share of a label's fragments that belongs to one split: a third go to test."""
    parts = {}
    for kind in ("requests", "boundary", "short", "details", "asides"):
        items = list(getattr(fragments, kind))
        rng(f"tickets/fragments/{label}/{kind}").shuffle(items)
        parts[kind] = tuple(x for i, x in enumerate(items) if (i % 3 == 0) == (split == "test"))
    return LabelFragments(**parts)


def split_context(split: str) -> list[str]:
    items = list(CONTEXT)
    rng("tickets/fragments/context").shuffle(items)
    return [x for i, x in enumerate(items) if (i % 3 == 0) == (split == "test")]


def normalise(text: str) -> str:
    """Lower case, single spaces: how texts are compared for duplicates."""
    return " ".join(text.lower().split())


def trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(zip(words, words[1:], words[2:]))


def similarity(a: frozenset, b: frozenset) -> float:
    """Jaccard similarity of two trigram sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


class Accepted:
    """The messages kept so far in one split, with what is needed to reject repeats."""

    def __init__(self, others: list[Ticket] | None = None):
        self.tickets: list[Ticket] = []
        self.seen: set[str] = set()
        self.other_grams = [trigrams(t.text) for t in others or []]

    def admits(self, ticket: Ticket) -> bool:
        if normalise(ticket.text) in self.seen:
            return False
        grams = trigrams(ticket.text)
        return all(similarity(grams, other) < MAX_SIMILARITY for other in self.other_grams)

    def add(self, ticket: Ticket) -> None:
        self.tickets.append(ticket)
        self.seen.add(normalise(ticket.text))


# --- Building the splits ----------------------------------------------------------------


def handwritten(split: str) -> list[Ticket]:
    rows = HANDWRITTEN_TEST if split == "test" else HANDWRITTEN_TRAIN
    return [
        Ticket(text, label, {"handwritten", *tags.split(), *size_tags(text)})
        for label, tags, text in rows
    ]


def build_split(split: str, others: list[Ticket]) -> list[Ticket]:
    """Every message of one split, in a shuffled order. `others` is the split to stay clear of."""
    r = rng(f"tickets/{split}")
    accepted = Accepted(others)
    for ticket in handwritten(split):
        accepted.add(ticket)
    context = split_context(split)
    own = {label: split_fragments(label, FRAGMENTS[label], split) for label in LABELS}
    for label in LABELS:
        asides = [a for other in LABELS if other != label for a in own[other].asides]
        n_written = sum(t.label == label for t in accepted.tickets)
        for plan in plans_for(label, PER_LABEL[split] - n_written, r):
            for _ in range(MAX_ATTEMPTS):
                ticket = compose(plan, own[label], asides, context, r)
                if accepted.admits(ticket):
                    accepted.add(ticket)
                    break
            else:
                raise RuntimeError(f"could not compose a new {label} message for {split}: {plan}")
    tickets = accepted.tickets
    r.shuffle(tickets)
    return tickets


def rows(split: str, tickets: list[Ticket]) -> list[dict]:
    """The JSON rows of a split, keys in KEYS order, tags in TAG_ORDER."""
    return [
        {
            "id": f"tkt-{split}-{number:04d}",
            "text": t.text,
            "label": t.label,
            "tags": sorted(t.tags, key=TAG_ORDER.index),
        }
        for number, t in enumerate(tickets, start=1)
    ]


def generate(data_dir: Path) -> None:
    """Write labels.md, train.jsonl and test.jsonl under data_dir/tickets."""
    out = Path(data_dir) / "tickets"
    write_text(out / "labels.md", labels_markdown())
    test = build_split("test", others=[])
    train = build_split("train", others=test)
    write_jsonl(out / "train.jsonl", rows("train", train))
    write_jsonl(out / "test.jsonl", rows("test", test))
