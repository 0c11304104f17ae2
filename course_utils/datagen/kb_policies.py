"""Acme's customer and business policies, as knowledge-base documents.

Eight policies exist in two versions (last year's and this year's), kept side by side
the way real document stores keep them: the old file is not deleted, only superseded.
Each versioned policy is one function that writes either version from its terms in
kb_facts, so the two versions share their wording and differ exactly where the facts
changed. The policies that never changed come after them.
"""

from __future__ import annotations

from datetime import date
from textwrap import dedent

from course_utils.datagen import acme_world as world
from course_utils.datagen.kb_facts import (
    BUSINESS_V1,
    BUSINESS_V2,
    LARGE_ACCOUNT_SPEND,
    LOYALTY_V1,
    LOYALTY_V2,
    ORDER_RECORD_YEARS,
    PLUS_V1,
    PLUS_V2,
    PRICE_ADJUSTMENT_V1,
    PRICE_ADJUSTMENT_V2,
    PRODUCTS_BY_SKU,
    RETENTION_V1,
    RETENTION_V2,
    RETURNS_V1,
    RETURNS_V2,
    SHIPPING_V1,
    SHIPPING_V2,
    WARRANTY_V1_EFFECTIVE,
    WARRANTY_V1_YEARS,
    WARRANTY_V2_EFFECTIVE,
    BusinessTerms,
    Doc,
    LoyaltyTerms,
    PlusTerms,
    PriceAdjustmentTerms,
    RetentionTerms,
    ReturnTerms,
    ShippingTerms,
    long_date,
    name,
    named,
    price,
    usd,
    warehouse,
    years,
)


def version_line(version: int, effective: date, supersedes: str | None) -> str:
    """The italic line under a policy's title that says which version it is."""
    line = f"*Version {version}, effective {long_date(effective)}."
    return line + (f" Supersedes {supersedes}.*" if supersedes else "*")


def reason_code_table() -> str:
    """The return reason codes of acme_world as a Markdown table."""
    rows = "\n".join(f"| {code} | {meaning} |" for code, meaning in world.RETURN_REASONS.items())
    return "| Code | Meaning |\n|---|---|\n" + rows


# --- Returns and refunds ------------------------------------------------------------------


def returns_policy(t: ReturnTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-RET-n: the return window, non-returnable items, return shipping and refunds."""
    current = version == 2
    if current:
        window = dedent(f"""\
            - Most items can be returned within {t.window_days} days of delivery for a full refund.
            - Peak members of Acme Rewards have an extended return window of {t.peak_window_days} days
              from delivery.
            - Items delivered between 1 November and 24 December can be returned until 31 January of
              the following year, or within the normal window if that ends later.
            - For purchases made in an Acme retail store, the window starts on the day of purchase.""")
        store = ("Any Acme retail store accepts returns of online orders. Bring the order number "
                 "or the confirmation email.")
        label = (f"A prepaid return label costs {usd(t.label_fee)}, which is deducted from the "
                 "refund. The label is free for Acme Plus members and for Summit and Peak members "
                 "of Acme Rewards, and free for every customer when the return reason is DMG, DEF "
                 "or WRG.")
        electronics = (f"Opened electronics (Electronics and lighting, SKUs starting with ELC) carry "
                       f"a restocking fee of {t.restocking_percent}% of the item price unless they "
                       "are defective. Peak members never pay the restocking fee.")
    else:
        window = dedent(f"""\
            - Items can be returned within {t.window_days} days of delivery for a full refund.
            - Items delivered between 15 November and 24 December can be returned until 15 January
              of the following year.
            - For purchases made in an Acme retail store, the window starts on the day of purchase.""")
        store = ("Online orders can be returned in an Acme retail store in the United States only; "
                 "customers in other countries return online orders by mail.")
        label = (f"A prepaid return label costs {usd(t.label_fee)}, which is deducted from the "
                 "refund. The label is free for Peak members of Acme Rewards, and free for every "
                 "customer when the return reason is DMG, DEF or WRG.")
        electronics = (f"Opened electronics (Electronics and lighting, SKUs starting with ELC) carry "
                       f"a restocking fee of {t.restocking_percent}% of the item price unless they "
                       "are defective.")
    body = f"""\
# Returns and Refunds Policy

{version_line(version, t.effective, supersedes)}

This policy explains how customers of Acme Outfitters return products bought on the acme.example
website, in the Acme mobile app or in an Acme retail store, and how and when we pay refunds.
Business accounts follow the same rules unless their contract says otherwise.

## Return window

{window}

## Condition of returned items

Items should be unused, clean and in their original packaging with tags attached. Footwear must
show no outdoor wear on the soles; try boots and shoes on indoors first. Tents must be dry and
complete with poles, pegs and guy lines. Gear that failed during normal use is handled under the
Warranty Policy, not as a return.

## Items that cannot be returned

- {named("CKG-110")}, opened or unopened, because it is a pressurised fuel product.
- Gift cards and e-gift cards.
- {named("APP-310")} once the pack has been opened, for hygiene reasons.
- Items marked "Final sale" on the product page or receipt.

## How to start a return

1. In the app or on the website, open Orders, choose the item and select Return.
2. Pick the reason that fits best (see the reason codes below).
3. Print the label, or show the QR code at a drop-off point of the carrier named on it.
4. Pack the item securely; keep the drop-off receipt until the refund arrives.

{store}

## Return shipping

{label}

## Refunds

- Refunds go back to the original payment method within {t.refund_business_days} business days
  after the return is received at our warehouse. The customer's bank may take a few more days to
  show it.
- Original shipping charges are refunded only when the reason is DMG, DEF or WRG.
- Items bought as a gift are refunded as store credit to the person who returns them.
- {electronics}

## Exchanges

Exchanges for another size or colour of the same product are free of charge, including shipping.
The replacement ships as soon as the carrier scans the returned item.

## Return reason codes

{reason_code_table()}
"""
    title = "Returns and Refunds Policy"
    return Doc(f"POL-RET-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Shipping and delivery ----------------------------------------------------------------


def shipping_policy(t: ShippingTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-SHP-n: shipping fees, free-shipping thresholds and delivery times per region."""
    current = version == 2
    if current:
        apac = "| APAC | Sydney (SYD1) | 5-9 business days | Orders over A$150 |"
        latam = "| LATAM | Monterrey (MEX1) | 6-10 business days | Orders over $150 |"
        plus = ("Acme Plus members get free standard shipping on every order, with no minimum, and "
                "free return labels.")
        cutoff = ("Orders placed before 2 pm local warehouse time on a business day leave the "
                  "warehouse the same day.")
    else:
        apac = "| APAC | Sydney (SYD1) | 6-10 business days | Orders over A$150 |"
        latam = "| LATAM | Monterrey (MEX1) | 7-12 business days | No free shipping |"
        plus = "Acme Plus members get free standard shipping on every order, with no minimum."
        cutoff = ("Orders placed before 12 noon local warehouse time on a business day leave the "
                  "warehouse the same day.")
    body = f"""\
# Shipping and Delivery Policy

{version_line(version, t.effective, supersedes)}

Acme ships from six warehouses. Each order is sent from the warehouse that serves the delivery
address's region; when an item is out of stock there, another warehouse in the same region or,
for North America, in the other North American region, fills it.

## Fees in North America

- Standard shipping is free on orders over {usd(t.free_over_usd)} (after discounts, before tax).
- Below that, standard shipping costs {usd(t.standard_fee)} per order.
- Express shipping costs {usd(t.express_fee)} per order and arrives in 1-2 business days.
- Standard shipping in North America takes {t.na_standard_days} business days.

{plus}

## Delivery times and free shipping by region

| Region | Ships from | Standard delivery | Free standard shipping |
|---|---|---|---|
| NAE (North America East) | Columbus (CMH1) | {t.na_standard_days} business days | Orders over {usd(t.free_over_usd)} |
| NAW (North America West) | Portland (PDX1), Reno (RNO1) | {t.na_standard_days} business days | Orders over {usd(t.free_over_usd)} |
| EMEA | {warehouse("ROT1")} | {t.emea_days} business days | Orders over €{t.emea_free_over_eur} |
{apac}
{latam}

Delivery times count from the day the order leaves the warehouse. Remote areas, such as Alaska,
Hawaii and the Australian outback, can take up to 5 business days longer.

## Dispatch and carriers

{cutoff} Standard parcels in North America travel with UPS Ground or USPS Priority, express parcels
with FedEx Express, and international parcels with DHL International. In the Portland metro area a
local courier may deliver orders from PDX1 on the same day.

## Restrictions

- Fuel canisters can only ship by ground within the United States and Canada.
- We do not ship to PO boxes for orders over 30 lb (13.6 kg), such as the {name("CKG-300")}.
- Retail store pickup is free and is covered by the Store Pickup Policy.

## Lost or late parcels

If tracking has not updated for 7 days, or a parcel is more than 5 business days past its
estimated delivery date, contact support. We send a replacement or refund the order once the
carrier confirms the parcel is lost.
"""
    title = "Shipping and Delivery Policy"
    return Doc(f"POL-SHP-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Warranty -------------------------------------------------------------------------------


def warranty_table(years_by_sku: dict[str, int]) -> str:
    """One row per product: SKU, product name and warranty length."""
    rows = [f"| {sku} | {name(sku)} | {years(n)} |" for sku, n in years_by_sku.items()]
    return "| SKU | Product | Warranty |\n|---|---|---|\n" + "\n".join(rows)


def warranty_policy(version: int, supersedes: str | None = None) -> Doc:
    """POL-WAR-n: the limited warranty, its length per product and how claims work."""
    current = version == 2
    if current:
        effective = WARRANTY_V2_EFFECTIVE
        years_by_sku = {sku: p.warranty_years for sku, p in PRODUCTS_BY_SKU.items()}
        summary = ("Most products carry a 1-year limited warranty. Tents carry 2 years, the Basecamp "
                   "backpacks and the Glacier 45 Cooler 5 years, and the SolarCharge panel and the "
                   "TrailSat GPS Messenger 2 years.")
        decision = "We decide on a claim within 10 business days of receiving the item."
        transfer = ("The warranty follows the product: a second owner can claim with the original "
                    "proof of purchase.")
    else:
        effective = WARRANTY_V1_EFFECTIVE
        years_by_sku = dict(WARRANTY_V1_YEARS)
        summary = ("Every product carries a 1-year limited warranty, except the Basecamp backpacks "
                   "and the Glacier 45 Cooler, which carry 3 years.")
        decision = "We decide on a claim within 15 business days of receiving the item."
        transfer = "The warranty covers the original purchaser only and cannot be transferred."
    body = f"""\
# Warranty Policy

{version_line(version, effective, supersedes)}

Acme stands behind what it sells. This limited warranty covers defects in materials and
workmanship from the date of purchase (or of delivery, for online orders).

## How long the warranty lasts

{summary}

{warranty_table(years_by_sku)}

## What is covered

- Seams, zips, buckles and fabrics that fail under normal use.
- Tent poles that break without misuse, and inflatable pads that lose air at a seam or valve.
- Electronics that stop charging or switching on.

## What is not covered

- Normal wear and tear, such as faded colours, worn soles or abraded fabric.
- Damage from accidents, misuse, fire, improper care or alterations.
- Batteries after 300 charge cycles, and consumables such as fuel canisters.
- Products bought from sellers other than Acme.

## Making a claim

Open a ticket in the Product defect or warranty category (DEFT) with the order number, photos of
the fault and a short description. If we need to see the item, we email a free return label with
the reason code DEF. {decision} We repair the item, replace it with the same or an equivalent
product, or refund the purchase price, in that order of preference.

{transfer}
"""
    title = "Warranty Policy"
    return Doc(f"POL-WAR-{version}", title, "policy", effective, body, version, supersedes)


# --- Loyalty programme ----------------------------------------------------------------------


def loyalty_policy(t: LoyaltyTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-LOY-n: Acme Rewards tiers, thresholds, points and their expiry."""
    current = version == 2
    th = t.thresholds
    if current:
        benefits = dedent("""\
            | Trail | Points on every purchase, birthday bonus of 50 points |
            | Ridge | Everything in Trail, plus early access to sales |
            | Summit | Everything in Ridge, plus free return labels |
            | Peak | Everything in Summit, plus a 60-day return window, no restocking fees and a dedicated support line |""")
    else:
        benefits = dedent("""\
            | Trail | Points on every purchase |
            | Ridge | Everything in Trail, plus a birthday bonus of 50 points |
            | Summit | Everything in Ridge, plus early access to sales |
            | Peak | Everything in Summit, plus free return labels and a dedicated support line |""")
    tier_rows = "\n".join(
        f"| {tier} | {minimum:,} points |" for tier, minimum in th.items()
    )
    body = f"""\
# Acme Rewards Programme Terms

{version_line(version, t.effective, supersedes)}

Acme Rewards is Acme Outfitters' free loyalty programme. Every customer with an account is a
member from their first purchase.

## Earning points

Members earn 1 point for every US dollar of net spend (after discounts and returns, before tax
and shipping), in every channel: website, app, retail stores and invoiced business orders.
Purchases in other currencies earn points on their US dollar value on the day of purchase.

## Tiers

A member's tier depends on the points earned in the current fiscal year (1 February to
31 January). A member moves up as soon as they reach a threshold, and keeps the tier for the
rest of that fiscal year and the whole of the next one.

| Tier | Points needed in a fiscal year |
|---|---|
{tier_rows}

## Tier benefits

| Tier | Benefits |
|---|---|
{benefits}

## Redeeming points

Every {t.points_per_reward} points can be exchanged for a {usd(t.reward_value)} reward,
which can be used on any order at checkout. Rewards cannot be exchanged for cash or used to buy
gift cards.

## Expiry

Points expire {t.expiry_months} months after the month in which they were earned. Tier status is
not affected when points expire or are redeemed.

## Returns and adjustments

Points earned on an order are removed when it is returned. Customer service can add goodwill
points in line with the staff guidelines.
"""
    title = "Acme Rewards Programme Terms"
    return Doc(f"POL-LOY-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Acme Plus -----------------------------------------------------------------------------


def plus_terms(t: PlusTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-PLS-n: Acme Plus membership fees, benefits, trial and cancellation."""
    current = version == 2
    monthly, annual = usd(t.monthly_fee), usd(t.annual_fee)
    if current:
        benefits = dedent(f"""\
            - Free standard shipping on every order, with no minimum order value.
            - 5% off full-price items with the code PLUS5.
            - Free prepaid return labels.
            - A {PRICE_ADJUSTMENT_V2.plus_days}-day price adjustment window instead of {PRICE_ADJUSTMENT_V2.days} days.""")
        refund = ("Annual members who cancel within 30 days of a charge get a full refund of that "
                  "charge; after 30 days the membership runs until the end of the paid year.")
        change = ("Members who joined before 1 March 2025 keep their old price until their first "
                  "renewal on or after that date.")
    else:
        benefits = dedent("""\
            - Free standard shipping on every order, with no minimum order value.
            - 5% off full-price items with the code PLUS5.
            - Early access to the Spring and Black Friday sales.""")
        refund = ("Annual members who cancel within 14 days of a charge get a full refund of that "
                  "charge; after 14 days the membership runs until the end of the paid year.")
        change = "Fees are reviewed once a year; members are told of any change 30 days in advance."
    body = f"""\
# Acme Plus Membership Terms

{version_line(version, t.effective, supersedes)}

Acme Plus is Acme Outfitters' paid membership. It is separate from Acme Rewards: a Plus member
also earns Rewards points and tiers as usual.

## Plans and fees

| Plan | Code | Fee |
|---|---|---|
| Acme Plus Monthly | PLUS_M | {monthly} per month |
| Acme Plus Annual | PLUS_A | {annual} per year |

Fees are charged in US dollars, or the equivalent in the customer's local currency, to the card
on file at the start of each billing period. {change}

## Benefits

{benefits}

## Free trial

New members get a {t.trial_days}-day free trial of Acme Plus Monthly. One trial per customer; the
first fee is charged when the trial ends unless the member cancels before.

## Cancelling

Monthly members can cancel at any time; the membership ends at the end of the current billing
month and no part of the month is refunded. {refund}

## Business accounts

Acme Plus is for personal accounts. Business accounts (segment B) cannot join Acme Plus.
"""
    title = "Acme Plus Membership Terms"
    return Doc(f"POL-PLS-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Price adjustment ---------------------------------------------------------------------


def price_adjustment_policy(t: PriceAdjustmentTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-PRA-n: refunding the difference when Acme lowers a price after purchase."""
    current = version == 2
    if current:
        window = (f"If Acme lowers the price of an item within {t.days} days of purchase, we refund "
                  f"the difference. Acme Plus members have {t.plus_days} days.")
        paid = "The difference is refunded to the original payment method."
        how = ("Ask customer service by chat or email; retail purchases can also be adjusted at "
               "any store.")
    else:
        window = (f"If Acme lowers the price of an item within {t.days} days of purchase, we refund "
                  "the difference.")
        paid = "The difference is paid as store credit."
        how = "Ask customer service by chat or email, or visit a retail store with the receipt."
    body = f"""\
# Price Adjustment Policy

{version_line(version, t.effective, supersedes)}

{window} {paid}

## Conditions

- The lower price must be Acme's own price for the same product in the same region and channel.
- Each item can be adjusted once.
- Price drops that come from promotion codes (such as SPRING10 or BF25), from Rewards rewards or
  from clearance of discontinued products do not qualify.
- We do not match competitors' prices.

## How to ask

{how} Keep the order number at hand.

## Example

A customer buys the {named("ELC-110")} at its list price of {price("ELC-110")} and, a week later,
Acme lowers the price to $69.00 on the website. The customer asks for an adjustment the same day
and receives $10.00. Had the customer used the code SPRING10 on the original order, the
adjustment would be calculated from the price actually paid.

## Items that were returned or exchanged

An item that has been returned cannot also receive a price adjustment. For an exchange, the
adjustment window starts again on the day the replacement ships.
"""
    title = "Price Adjustment Policy"
    return Doc(f"POL-PRA-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Business accounts ---------------------------------------------------------------------


def business_terms(t: BusinessTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-B2B-n: invoicing, payment terms, late fees and volume discounts."""
    current = version == 2
    if current:
        terms = (f"Invoices are payable {t.standard_terms}: within 30 days of the invoice date. "
                 f"Accounts that spent more than {usd(LARGE_ACCOUNT_SPEND)} in the previous fiscal "
                 f"year get {t.large_account_terms} terms.")
        early = "Invoices paid within 10 days of the invoice date earn a 2% early payment discount."
        late = (f"Unpaid balances are charged a late fee of {t.late_fee_percent_per_month:g}% per "
                "month after a 10-day grace period.")
        discounts = dedent("""\
            | Order value | Discount |
            |---|---|
            | $5,000 to $14,999.99 | 5% |
            | $15,000 or more | 8% |""")
    else:
        terms = f"Invoices are payable {t.standard_terms}: within 30 days of the invoice date."
        early = "There is no early payment discount."
        late = (f"Unpaid balances are charged a late fee of {t.late_fee_percent_per_month:g}% per "
                "month from the day after the due date.")
        discounts = dedent("""\
            | Order value | Discount |
            |---|---|
            | $5,000 or more | 5% |""")
    body = f"""\
# Business Accounts: Invoicing and Payment Terms

{version_line(version, t.effective, supersedes)}

These terms apply to business, education and non-profit customers who buy through an invoiced
business account (channel B2B). Consumer purchases on the website, in the app or in stores are
not covered.

## Opening an account

Business accounts need a registered company or institution, a tax identification number and a
credit check. Acme sets a credit limit for each account; orders above the available credit are
held until a payment arrives.

## Orders

- The minimum order value is {usd(t.minimum_order)}.
- Orders are placed by the account's authorised buyers on the business portal or by purchase
  order sent to the account manager.

## Invoices and payment terms

An invoice is issued when the order ships and is emailed as a PDF to the account's billing
contact. {terms} {early}

Payment is by bank transfer (ACH or SEPA) or by card; cheques are not accepted.

## Late payment

{late} Accounts more than 60 days overdue are put on hold and new orders are not shipped.

## Volume discounts

{discounts}

Volume discounts are applied to the order before tax and cannot be combined with promotion codes.

## Tax exemption

Education and non-profit accounts (segment E) are exempt from sales tax where the law allows,
once a valid exemption certificate is on file.
"""
    title = "Business Accounts: Invoicing and Payment Terms"
    return Doc(f"POL-B2B-{version}", title, "policy", t.effective, body, version, supersedes)


# --- Privacy and data retention ----------------------------------------------------------


def privacy_notice(t: RetentionTerms, version: int, supersedes: str | None = None) -> Doc:
    """POL-PRV-n: what personal data Acme keeps, for how long, and customers' rights."""
    current = version == 2
    export = ("Customers can download a copy of their data, in JSON format, from Account > Privacy; "
              "the file is ready within 7 days." if current else
              "Customers can ask support for a copy of their data; we send it within 30 days.")
    body = f"""\
# Privacy and Data Retention Notice

{version_line(version, t.effective, supersedes)}

This notice explains what personal data Acme Outfitters keeps about customers, why, and for how
long. It applies to the website, the app, retail stores and business accounts in every region.

## What we collect

- Account details: name, email address, phone number, delivery and billing addresses.
- Orders, returns, Acme Rewards points and Acme Plus membership history.
- Support conversations, including chat transcripts, emails and recorded phone calls.
- How the website and app are used, when the customer has accepted analytics cookies.

We never store full card numbers: payments are handled by our payment provider.

## How long we keep it

| Data | Kept for |
|---|---|
| Order and invoice records | {ORDER_RECORD_YEARS} years after the order (tax law) |
| Marketing profile | {years(t.marketing_years)} after the customer's last activity |
| Support tickets and transcripts | {years(t.ticket_years)} after the ticket is closed |
| Recorded support calls | {t.call_recording_days} days |
| Website and app analytics | 13 months |

## Customers' rights

Customers can see, correct or delete their personal data, and object to marketing at any time.
{export}

An account deletion request is completed within {t.deletion_days} days. Order records that tax
law requires us to keep are kept, but are no longer linked to a usable account.

## Contact

Questions about privacy go to the privacy team at privacy@acme.example.
"""
    title = "Privacy and Data Retention Notice"
    return Doc(f"POL-PRV-{version}", title, "policy", t.effective, body, version, supersedes)


VERSIONED_POLICIES = [
    returns_policy(RETURNS_V1, 1),
    returns_policy(RETURNS_V2, 2, "POL-RET-1"),
    shipping_policy(SHIPPING_V1, 1),
    shipping_policy(SHIPPING_V2, 2, "POL-SHP-1"),
    warranty_policy(1),
    warranty_policy(2, "POL-WAR-1"),
    loyalty_policy(LOYALTY_V1, 1),
    loyalty_policy(LOYALTY_V2, 2, "POL-LOY-1"),
    plus_terms(PLUS_V1, 1),
    plus_terms(PLUS_V2, 2, "POL-PLS-1"),
    price_adjustment_policy(PRICE_ADJUSTMENT_V1, 1),
    price_adjustment_policy(PRICE_ADJUSTMENT_V2, 2, "POL-PRA-1"),
    business_terms(BUSINESS_V1, 1),
    business_terms(BUSINESS_V2, 2, "POL-B2B-1"),
    privacy_notice(RETENTION_V1, 1),
    privacy_notice(RETENTION_V2, 2, "POL-PRV-1"),
]


# --- Policies with a single version ------------------------------------------------------

GIFT_CARDS = Doc("POL-GFT-1", "Gift Cards and Store Credit", "policy", date(2024, 9, 1), f"""\
# Gift Cards and Store Credit

*Version 1, effective 1 September 2024.*

## Buying gift cards

Acme gift cards are sold in retail stores and as e-gift cards on the website and in the app, in
any amount from $25 to $500. E-gift cards are emailed to the recipient within 1 hour of purchase,
or on the date the buyer chooses. Gift cards cannot be bought with another gift card, with store
credit or with Acme Rewards rewards, and cannot be bought on a business account.

## Using gift cards

- Gift cards can be used on the website, in the app and in retail stores, in every region. The
  balance is held in US dollars and converted at checkout.
- Acme gift cards do not expire and carry no fees.
- Up to 5 gift cards can be used on one order.
- A gift card cannot be exchanged for cash, except where the law requires it.

## Lost or stolen cards

We can replace a lost or stolen card only if the buyer can show the original receipt or order
confirmation; the replacement carries the balance left at the time the card is reported.

## Store credit

Store credit is issued for returns of items bought as gifts and for some goodwill gestures.
Store credit is valid for 5 years from the date it is issued and works like a gift card at
checkout. It is tied to the customer's account and cannot be transferred.
""")

DUTIES_AND_TAXES = Doc("POL-DUT-1", "International Orders: Duties, Taxes and Currencies", "policy",
                       date(2025, 2, 1), f"""\
# International Orders: Duties, Taxes and Currencies

*Version 1, effective 1 February 2025.*

Acme sells in five regions. Customers see prices in their region's currency; the order is
recorded in US dollars at the exchange rate of the day.

| Region | Countries | Currency shown |
|---|---|---|
{chr(10).join(f"| {r.code} | {', '.join(r.countries)} | {r.currency} |" for r in world.REGIONS)}

## EMEA (Germany, France, the United Kingdom, the Netherlands and Spain)

Prices include VAT. Orders ship from {warehouse("ROT1")} with all duties paid by Acme, so
customers never pay anything on delivery, including in the United Kingdom.

## APAC (Australia, New Zealand, Japan and Singapore)

Prices in Australia include GST. Orders to New Zealand, Japan and Singapore ship from
{warehouse("SYD1")} as delivered duty unpaid: import duties and taxes, if any, are collected by
DHL International before delivery, and Acme does not refund them.

## LATAM (Mexico, Brazil and Chile)

Orders to Mexico ship from {warehouse("MEX1")} with duties and taxes collected at checkout. Orders
to Brazil and Chile also ship from Monterrey, and customs charges in those countries are paid by
the customer on delivery.

## North America

Orders between the United States and Canada ship from the nearest warehouse in the region. For
Canadian addresses, GST/HST is charged at checkout and no duty is due on Acme products.

## Refused deliveries

If a customer refuses a parcel to avoid import charges, we refund the items once the parcel is
back in our warehouse, minus the original shipping cost and a $25.00 return freight fee.
""")

PROMOTIONS = Doc("POL-PRM-1", "Promotion Codes: Terms and Conditions", "policy", date(2025, 2, 1), f"""\
# Promotion Codes: Terms and Conditions

*Version 1, effective 1 February 2025. Applies to every promotion in fiscal 2025.*

## Current codes

| Code | Promotion | Discount | When |
|---|---|---|---|
| SPRING10 | {world.PROMOTIONS["SPRING10"][0]} | 10% | 20 March to 6 April 2025 |
| TRAIL15 | {world.PROMOTIONS["TRAIL15"][0]} | 15% | First order within 30 days of creating an account |
| BF25 | {world.PROMOTIONS["BF25"][0]} | 25% | 28 November to 1 December 2025 |
| PLUS5 | {world.PROMOTIONS["PLUS5"][0]} | 5% | All year, full-price items only |

## Rules for every code

- One promotion code per order. Codes cannot be combined with each other or with business volume
  discounts.
- Codes do not apply to gift cards, to the {named("CKG-110")} or to shipping charges.
- TRAIL15 needs a minimum order of $50 before tax and can be used once per customer.
- PLUS5 works only while the customer's Acme Plus membership is active.
- Codes cannot be applied to an order after it has been placed. If a customer forgot the code,
  support may apply it within 24 hours of the order, once.
- Business accounts (channel B2B) cannot use promotion codes.

## Returns of discounted items

When an item bought with a code is returned, the refund is the price actually paid. If returning
part of an order takes it below a minimum order value, the discount on the items kept stays.
""")

ORDER_CHANGES = Doc("POL-ORD-1", "Order Changes and Cancellations", "policy", date(2025, 2, 1), f"""\
# Order Changes and Cancellations

*Version 1, effective 1 February 2025.*

## Order statuses

| Status code | Meaning |
|---|---|
{chr(10).join(f"| {code} | {meaning} |" for code, meaning in world.ORDER_STATUSES.items())}

## Changing an order

While an order is PND, the customer can change the delivery address, the shipping speed or the
size of an item in the app or on the website, for up to 60 minutes after placing it. After that,
the warehouse may already be picking the order; customer service will try but cannot promise.

Items cannot be added to an order once it is placed; place a second order instead. If the two
orders together pass the free shipping threshold, the shipping charge of the second one is not
refunded.

## Cancelling an order

- An order can be cancelled in full by the customer while it is PND. The status becomes CNL and
  the payment authorisation is released within 3 business days.
- Once an order is SHP it cannot be cancelled: refuse the delivery or return it under the
  Returns and Refunds Policy.
- Acme may cancel an order if a payment fails, if fraud is suspected (the account is then
  suspended, status S) or if an item turns out to be out of stock everywhere.

## Business orders

Orders placed on a business account can be changed or cancelled until an invoice is issued.
""")

HAZARDOUS_GOODS = Doc("POL-HAZ-1", "Shipping Restrictions for Fuel and Batteries", "policy",
                      date(2024, 6, 1), f"""\
# Shipping Restrictions for Fuel and Batteries

*Version 1, effective 1 June 2024.*

Some products are regulated as dangerous goods in transport. This policy says where they can go.

## Fuel canisters

The {named("CKG-110")} contains a pressurised isobutane-propane mix.

- It ships by ground only (UPS Ground), within the contiguous United States and Canada.
- It cannot ship to Alaska, Hawaii, PO boxes or any address outside the NAE and NAW regions.
- It cannot be sent by express shipping, even when the rest of the order is.
- Customers in other regions can buy canisters in Acme retail stores or from local outdoor shops;
  the {name("CKG-100")} fits any canister with a standard EN 417 threaded valve.
- At most 12 canisters can be bought per order.

## Lithium batteries

The {named("ELC-110")}, the {named("ELC-400")} and the {named("ELC-300")} contain lithium-ion
batteries installed in the device. They ship with every carrier and to every region, because
the batteries are inside the equipment.

Spare lithium batteries are not sold online.

## Returns of regulated items

Fuel canisters cannot be returned. Devices with lithium batteries are returned by ground only;
the prepaid label takes care of this automatically.
""")

STORE_PICKUP = Doc("POL-PUP-1", "Store Pickup Policy", "policy", date(2025, 4, 1), f"""\
# Store Pickup Policy

*Version 1, effective 1 April 2025.*

Customers in North America can buy online and pick up their order in an Acme retail store.
Pickup is free of charge, whatever the order value.

## How it works

1. At checkout, choose Store pickup and select a store. Only stores that have every item in stock
   are offered.
2. We email and text the customer when the order is ready, usually within 2 hours during opening
   hours.
3. The customer, or someone they name at checkout, shows the pickup code and a photo ID at the
   service desk.

## Holding period

Orders are held for 7 days after the ready notice. Orders not collected by then are cancelled and
refunded in full to the original payment method.

## Restrictions

- Pickup is available for orders in the NAE and NAW regions only.
- Business account orders cannot be picked up in store.
- Large items, such as the {name("CKG-300")} and the {name("HOM-300")}, are held for pickup at
  stores with a loading bay only.
""")

REPAIR_SERVICE = Doc("POL-RPR-1", "Repair Service", "policy", date(2024, 5, 1), f"""\
# Repair Service

*Version 1, effective 1 May 2024.*

Acme repairs gear that is out of warranty, or damaged in ways the warranty does not cover, at a
flat fee per job. Repairs under warranty are free and follow the Warranty Policy.

## Flat repair fees

| Repair | Fee |
|---|---|
| Tent pole section replaced | $15.00 |
| Tent zip replaced | $35.00 |
| Tent fabric patch (up to 10 cm) | $25.00 |
| Backpack buckle or strap replaced | $12.00 |
| Jacket zip replaced | $30.00 |
| Sleeping pad valve replaced | $10.00 |
| Boot resoling | $65.00 |

Return shipping of the repaired item is free. Inbound shipping is paid by the customer, or free
when the item is dropped off at a retail store.

## Turnaround

Most repairs take 3 weeks from the day the item reaches the repair centre in Portland. Boot
resoling takes 5 weeks. If a repair costs more than half the item's list price, we call the
customer before going ahead.

## What we do not repair

Electronics, discontinued products whose parts are no longer stocked, and items not sold by Acme.
""")

STANDING_POLICIES = [
    GIFT_CARDS,
    DUTIES_AND_TAXES,
    PROMOTIONS,
    ORDER_CHANGES,
    HAZARDOUS_GOODS,
    STORE_PICKUP,
    REPAIR_SERVICE,
]

POLICIES = VERSIONED_POLICIES + STANDING_POLICIES
