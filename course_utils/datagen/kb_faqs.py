"""Customer FAQs: short answers that restate the current policies in plain words.

FAQs repeat facts from the policies on purpose (real help centres do), so a retriever
can find the same fact in two places. They always restate the *newest* policy version,
which is why they take their numbers from the V2 terms in kb_facts.
"""

from __future__ import annotations

from datetime import date

from course_utils.datagen.kb_facts import (
    BUSINESS_V2,
    LARGE_ACCOUNT_SPEND,
    LOYALTY_V2,
    PLUS_V2,
    PRICE_ADJUSTMENT_V2,
    RETENTION_V2,
    RETURNS_V2,
    SHIPPING_V2,
    Doc,
    monthly_fee,
    name,
    named,
    points,
    usd,
    warehouse,
    warranty,
)


def faq(doc_id: str, title: str, effective: date, intro: str, questions: str) -> Doc:
    """An FAQ page: a title, one intro line, then one second-level heading per question."""
    body = f"# {title}\n\n{intro.strip()}\n\n{questions.strip()}\n"
    return Doc(doc_id, title, "faq", effective, body)


RETURNS_FAQ = faq(
    "FAQ-RET-1", "Returns and Refunds: Frequently Asked Questions", date(2025, 2, 1),
    "Quick answers about sending things back. The full rules are in the Returns and Refunds Policy.",
    f"""\
## How long do I have to return something?

You have {RETURNS_V2.window_days} days from delivery. If you are a Peak member of Acme Rewards, you
have {RETURNS_V2.peak_window_days} days. Holiday purchases delivered between 1 November and
24 December can come back until 31 January.

## Do I pay for return shipping?

The prepaid label costs {usd(RETURNS_V2.label_fee)}, taken off your refund. It is free if you are an
Acme Plus member or a Summit or Peak member, and free for everyone when the item arrived damaged,
is defective or is not what you ordered.

## When will I get my money back?

We refund your original payment method within {RETURNS_V2.refund_business_days} business days of
receiving your return. Your bank may need a few more days to show it.

## Can I return an online order in a store?

Yes. Any Acme retail store takes returns of online orders; bring your order number.

## Is there anything I can't return?

Fuel canisters, gift cards, opened packs of socks and anything marked "Final sale".

## I opened my headlamp and changed my mind. Can I still return it?

Yes, within the return window, but opened electronics carry a {RETURNS_V2.restocking_percent}%
restocking fee unless they are faulty. Peak members never pay it.

## Can I swap for a different size?

Yes. Exchanges for another size or colour of the same product are free, shipping included.""",
)

SHIPPING_FAQ = faq(
    "FAQ-SHP-1", "Shipping and Delivery: Frequently Asked Questions", date(2025, 8, 1),
    "Answers to the questions we hear most about getting your order to you.",
    f"""\
## When is shipping free?

In the United States and Canada, standard shipping is free on orders over
{usd(SHIPPING_V2.free_over_usd)}. In Europe it is free over €{SHIPPING_V2.emea_free_over_eur}, in
Asia Pacific over A$150 and in Latin America over $150. Acme Plus members never pay for standard
shipping.

## How much is shipping otherwise?

Standard shipping in North America costs {usd(SHIPPING_V2.standard_fee)} and express costs
{usd(SHIPPING_V2.express_fee)}.

## How long will my order take?

In North America, standard delivery takes {SHIPPING_V2.na_standard_days} business days and express
1-2 business days after the order leaves the warehouse. Orders placed before 2 pm on a business day
leave the same day.

## Where does my order ship from?

From the warehouse that serves your region: Portland or Reno for the West, Columbus for the East,
{warehouse("ROT1")} for Europe, {warehouse("SYD1")} for Asia Pacific and {warehouse("MEX1")} for
Latin America.

## My tracking hasn't moved. What should I do?

If tracking has not updated for 7 days, contact us and we will open an investigation with the
carrier. We replace or refund the order once the carrier confirms it is lost.

## Can you ship fuel canisters to me?

Only by ground to addresses in the contiguous United States and Canada.

## Can I pick up my order in a store?

Yes, in North America. Store pickup is free and orders are usually ready within 2 hours.""",
)

PLUS_FAQ = faq(
    "FAQ-PLS-1", "Acme Plus: Frequently Asked Questions", date(2025, 3, 1),
    "Everything about Acme Plus, our paid membership.",
    f"""\
## How much does Acme Plus cost?

Acme Plus Monthly costs {monthly_fee("PLUS_M")} a month. Acme Plus Annual costs
{usd(PLUS_V2.annual_fee)} a year, which works out at {monthly_fee("PLUS_A")} a month.

## What do I get?

Free standard shipping on every order, 5% off full-price items with the code PLUS5, free return
labels and a
{PRICE_ADJUSTMENT_V2.plus_days}-day price adjustment window.

## Is there a free trial?

Yes, new members get {PLUS_V2.trial_days} days free on the monthly plan. You can cancel before the
trial ends and pay nothing.

## How do I cancel?

In the app or on the website, go to Account > Acme Plus > Cancel. Monthly memberships end at the
end of the month you have paid for. Annual members who cancel within 30 days of being charged get
that charge back in full.

## Is Acme Plus the same as Acme Rewards?

No. Acme Rewards is our free loyalty programme with tiers and points. Acme Plus is a paid
membership. You can be in both, and you earn points on your Plus orders as usual.

## Can my company join?

No, Acme Plus is for personal accounts only.""",
)

REWARDS_FAQ = faq(
    "FAQ-LOY-1", "Acme Rewards: Frequently Asked Questions", date(2025, 2, 1),
    "How points and tiers work in Acme Rewards, our free loyalty programme.",
    f"""\
## How do I earn points?

You earn 1 point for every dollar you spend, after discounts and returns, everywhere you shop with
Acme.

## What are the tiers?

There are four: Trail from your first purchase, Ridge at {points("Ridge")}, Summit at
{points("Summit")} and Peak at {points("Peak")}, counted over our fiscal year from 1 February to
31 January.

## When do I move up?

As soon as you reach the threshold. You then keep the tier for the rest of the fiscal year and the
whole of the next one.

## What are my points worth?

Every {LOYALTY_V2.points_per_reward} points can be turned into a {usd(LOYALTY_V2.reward_value)}
reward to spend at checkout.

## Do points expire?

Yes, {LOYALTY_V2.expiry_months} months after the month you earned them. Your tier does not change
when points expire.

## What does Peak get me?

A {RETURNS_V2.peak_window_days}-day return window, no restocking fees, free return labels, early
access to sales and a dedicated support line.""",
)

ACCOUNT_FAQ = faq(
    "FAQ-ACC-1", "Your Acme Account: Frequently Asked Questions", date(2025, 8, 15),
    "Help with signing in, security and your personal details.",
    f"""\
## I forgot my password.

Choose "Forgot password" on the sign-in screen. We email a reset link that works for 30 minutes.
If it does not arrive, check your spam folder, then ask support.

## How do I turn on two-step verification?

Go to Account > Security and choose an authenticator app or text messages. We strongly recommend an
authenticator app.

## Why is my account suspended?

Accounts are suspended when a payment fails repeatedly or when we see signs of fraud. You cannot
place orders while suspended. Contact support with your account email to resolve it.

## Can I change my email address?

Yes, in Account > Profile. We send a confirmation link to the new address and a notice to the old
one.

## How do I delete my account?

Go to Account > Privacy > Delete account, or ask support. Deletion is completed within
{RETENTION_V2.deletion_days} days. Order records that tax law requires us to keep are kept but are no
longer linked to you.

## Can I merge two accounts?

Yes. Support can move orders and Acme Rewards points from one account into the other, but an Acme
Plus membership cannot be moved.""",
)

ORDERS_FAQ = faq(
    "FAQ-ORD-1", "Orders, Payments and Gift Cards: Frequently Asked Questions", date(2025, 10, 15),
    "Paying for your order, changing it and using gift cards.",
    f"""\
## Which payment methods do you accept?

Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay and Acme gift cards. In
the United States you can also pay in 4 interest-free instalments with Klarna on orders from $50 to
$1,000.

## When is my card charged?

We authorise your card when you order and charge it when the order ships. For store pickup, we
charge it when the order is ready.

## Can I change or cancel my order?

You can change the address, shipping speed or size for 60 minutes after ordering, and cancel while
the order has not shipped. After it ships, you can return it instead.

## I forgot to use my promo code.

Contact us within 24 hours of ordering and we can apply it once.

## Do gift cards expire?

No. Acme gift cards never expire and have no fees. You can use up to 5 on one order.

## The price dropped after I bought it. Can I get the difference?

Yes, within {PRICE_ADJUSTMENT_V2.days} days of purchase, or {PRICE_ADJUSTMENT_V2.plus_days} days if
you are an Acme Plus member. Ask in the app under Orders > Price adjustment.""",
)

INTERNATIONAL_FAQ = faq(
    "FAQ-INT-1", "International Customers: Frequently Asked Questions", date(2025, 8, 1),
    "For customers in Europe, Asia Pacific and Latin America.",
    f"""\
## Will I pay customs or import taxes?

In Europe, no: prices include VAT and Acme pays the duties, including for the United Kingdom. In
New Zealand, Japan and Singapore, DHL may collect import charges before delivery. In Brazil and
Chile, customs charges are paid on delivery. In Mexico they are collected at checkout.

## In which currency do I pay?

Europe pays in euros, Asia Pacific in Australian dollars, and Latin America and North America in
US dollars.

## How long does delivery take to Europe?

{SHIPPING_V2.emea_days} business days with standard shipping from our Rotterdam warehouse, free on
orders over €{SHIPPING_V2.emea_free_over_eur}.

## Can I return an order from abroad?

Yes, with the same {RETURNS_V2.window_days}-day window as everyone else. Returns from Europe go to
Rotterdam, from Asia Pacific to Sydney and from Latin America to Monterrey.

## Can I buy fuel canisters for the Ember stove?

Not online outside the United States and Canada. The {name("CKG-100")} works with any EN 417
threaded canister, which outdoor shops sell everywhere.""",
)

BUSINESS_FAQ = faq(
    "FAQ-B2B-1", "Business Accounts: Frequently Asked Questions", date(2025, 6, 1),
    "For companies, schools and non-profits buying on an invoiced business account.",
    f"""\
## What are the payment terms?

{BUSINESS_V2.standard_terms} for most accounts, and {BUSINESS_V2.large_account_terms} for accounts
that spent more than {usd(LARGE_ACCOUNT_SPEND)} in the previous fiscal year. Pay within 10 days to
get a 2% early payment discount.

## Is there a minimum order?

Yes, {usd(BUSINESS_V2.minimum_order)} per order.

## Do you offer volume discounts?

5% on orders from $5,000 and 8% on orders of $15,000 or more.

## What happens if we pay late?

A late fee of {BUSINESS_V2.late_fee_percent_per_month:g}% per month applies after a 10-day grace
period. Accounts more than 60 days overdue are put on hold.

## Can we use promotion codes or Acme Plus?

No. Business accounts get volume discounts instead, and cannot join Acme Plus.

## We are a school. Do we pay sales tax?

Education and non-profit accounts are exempt where the law allows, once we have your exemption
certificate on file.""",
)

WARRANTY_FAQ = faq(
    "FAQ-WAR-1", "Warranty and Repairs: Frequently Asked Questions", date(2025, 2, 1),
    "What to do when your gear breaks.",
    f"""\
## How long is the warranty?

Most products have 1 year. Tents have 2 years, the Basecamp backpacks and the {name("CKG-300")}
have 5 years, and the {name("ELC-200")} and the {name("ELC-400")} have 2 years. The full list is in
the Warranty Policy.

## How do I make a claim?

Open a support ticket with your order number, photos of the fault and a short description. If we
need the item, we send you a free return label.

## How long does a claim take?

We decide within 10 business days of receiving the item, then repair it, replace it or refund you.

## I bought my tent second-hand. Is it covered?

Yes, if you have the original proof of purchase: the warranty follows the product.

## My warranty has run out. Can you still fix it?

Often, yes. Our repair service fixes tents, packs, jackets, pads and boots for a flat fee, for
example $15.00 to replace a tent pole section. Electronics are not repaired.

## Is my {name("TNT-100")} covered if a pole snaps in the wind?

Yes: poles that break without misuse are covered for the tent's {warranty("TNT-100")} warranty. Keep
the repair sleeve from the kit for a quick fix on the trail.

## Does the warranty cover my headlamp's battery?

Yes, until it has been through 300 charge cycles. After that, battery wear is not a defect. The
{named("ELC-110")} has a {warranty("ELC-110")} warranty.""",
)

FAQS = [
    RETURNS_FAQ,
    SHIPPING_FAQ,
    PLUS_FAQ,
    REWARDS_FAQ,
    ACCOUNT_FAQ,
    ORDERS_FAQ,
    INTERNATIONAL_FAQ,
    BUSINESS_FAQ,
    WARRANTY_FAQ,
]
