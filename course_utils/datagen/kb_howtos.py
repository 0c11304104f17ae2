"""Internal how-tos for Acme staff: customer service, logistics and finance procedures.

Staff use two tools in these documents: Switchyard, the back office where orders,
refunds, points and memberships live, and Relay, the support ticket system.
"""

from __future__ import annotations

from datetime import date

from course_utils.datagen import acme_world as world
from course_utils.datagen.kb_facts import (
    BUSINESS_V2,
    LARGE_ACCOUNT_SPEND,
    RETENTION_V2,
    RETURNS_V2,
    Doc,
    name,
    usd,
)


def howto(doc_id: str, title: str, effective: date, text: str) -> Doc:
    """An internal how-to: title, an audience line, then the procedure."""
    body = f"# {title}\n\n*Internal: for Acme staff only.*\n\n{text.strip()}\n"
    return Doc(doc_id, title, "howto", effective, body)


def ticket_category_rows() -> str:
    """Ticket categories of acme_world with the queue that handles each one."""
    queues = {
        "BILL": ("Billing", "24 hours"),
        "SHIP": ("Logistics support", "12 hours"),
        "RTRN": ("Returns", "24 hours"),
        "DEFT": ("Product care", "24 hours"),
        "ACCT": ("Accounts and security", "8 hours"),
        "MEMB": ("Membership", "24 hours"),
        "PROD": ("Gear advice", "48 hours"),
        "ORDR": ("Order desk", "4 hours"),
    }
    return "\n".join(
        f"| {code} | {label} | {queues[code][0]} | {queues[code][1]} |"
        for code, label in world.TICKET_CATEGORIES.items()
    )


def warehouse_rows() -> str:
    """The warehouses of acme_world with their role in the network."""
    roles = {
        "PDX1": "Main NAW warehouse; repair centre; same-day local courier",
        "RNO1": "NAW overflow and bulky items",
        "CMH1": "All NAE orders",
        "ROT1": "All EMEA orders and EMEA returns",
        "SYD1": "All APAC orders and APAC returns",
        "MEX1": "All LATAM orders and LATAM returns",
    }
    rows = [f"| {w.code} | {w.city} | {w.region} | {roles[w.code]} |" for w in world.WAREHOUSES]
    return "\n".join(rows)


ISSUING_A_REFUND = howto("HOW-REF-1", "How to Issue a Refund in Switchyard", date(2025, 2, 1), f"""\
Use this procedure for refunds on returns, damaged or wrong items, and goodwill. Refunds for
business invoices are handled by Accounts Receivable, not by customer service.

## Approval limits

| Who | Can approve refunds up to (per order) |
|---|---|
| Customer service agent | $250.00 |
| Team lead | $1,000.00 |
| Finance, Customer Refunds team | Any amount |

A refund above your limit must be sent for approval with the Request approval button; never split
one refund into smaller ones to stay under a limit.

## Steps

1. Open the order in Switchyard and check its status. Only DLV or SHP orders can be refunded
   here; cancel PND orders instead.
2. Choose Refund, select the lines and quantities, and pick the return reason code.
3. Choose where the money goes: original payment method (default) or store credit (gift returns,
   or when the customer asks for it).
4. Add a note in the ticket with the refund amount and the reason.
5. Submit. The customer gets an email at once; the payment reaches the card within
   {RETURNS_V2.refund_business_days} business days.

## Refunding before the item is back

Normally we refund when the warehouse scans the returned item. You may refund before the item is
back when the customer is a Peak member, or when the reason is DMG or WRG and the order is under
$150.00.

## Shipping charges and fees

Refund the original shipping only for DMG, DEF and WRG. Deduct the return label fee
({usd(RETURNS_V2.label_fee)}) unless the customer is an Acme Plus member, a Summit or Peak member,
or the reason is DMG, DEF or WRG; Switchyard does this automatically when the membership is on the
account.""")

ESCALATING_A_TICKET = howto("HOW-ESC-1", "How to Escalate a Support Ticket", date(2025, 4, 1), """\
Most tickets are solved at Tier 1. Escalate when a ticket needs skills, authority or access you do
not have, and always in the cases below.

## Support tiers

- Tier 1: frontline agents in every queue.
- Tier 2: specialists (returns, logistics, billing, product care) and team leads.
- Tier 3: teams outside customer service: Finance, Logistics operations, Product Safety, Legal.

## When to escalate

| Situation | Escalate to | Within |
|---|---|---|
| Injury, fire, burn or gas leak involving a product | Product Safety (Tier 3) | 1 hour |
| Customer mentions a lawyer or legal action | Legal (Tier 3) | 1 business day |
| Refund above your approval limit | Team lead (Tier 2) | Same day |
| Ticket reopened for the second time | Tier 2 of the same queue | Same day |
| Complaint posted on social media with over 1,000 followers | Social care team (Tier 2) | 4 hours |
| Carrier investigation needed | Logistics support (Tier 2) | 1 business day |

## How to escalate in Relay

1. Set the priority: P1 for safety, P2 for legal or social, P3 for everything else.
2. Write a summary at the top of the ticket: the customer's problem, what you tried and what you
   need from the next tier.
3. Use Escalate and choose the target team. Do not reassign the ticket to a named person.
4. Tell the customer their case has been passed to a specialist and when they will hear back.

## Peak members

Peak members of Acme Rewards call a dedicated support line answered by Tier 2 agents. Their
tickets get a first response within 2 hours during opening hours.

## After escalation

The ticket stays yours to follow. If Tier 2 or 3 has not replied within its target, use the
Chase button once, then tell your team lead.""")

CLOSING_THE_BOOKS = howto("HOW-FIN-1", "Month-End and Year-End Close in the Fiscal Calendar",
                          date(2025, 12, 1), """\
Acme closes its books every fiscal month and at the end of the fiscal year. This how-to is for the
Finance team and for anyone who has to deliver numbers to it.

## The fiscal calendar

Acme's fiscal year starts on 1 February and ends on 31 January, and is named after the calendar
year in which it starts: fiscal 2025 runs from 1 February 2025 to 31 January 2026.

| Fiscal quarter | Months |
|---|---|
| Q1 | February, March, April |
| Q2 | May, June, July |
| Q3 | August, September, October |
| Q4 | November, December, January |

So January 2026 is the last month of Q4 of fiscal 2025, and the holiday season falls entirely in Q4.

## Month-end close

1. Business day 1: Logistics confirms that every order shipped in the month has a ship date.
2. Business day 2: Customer service posts all refunds approved in the month.
3. Business day 3: Accounts Receivable posts business invoices and payments.
4. Business day 5: the month is locked. Corrections after that go into the next month.

## Year-end close

- The fiscal year's books must be closed by the 10th business day of February.
- Every warehouse counts its stock on the last Sunday of January; differences over $500.00 per SKU
  need an explanation from the warehouse manager.
- The liability for unredeemed Acme Rewards points is recalculated at year end.
- Acme Plus annual fees are recognised month by month over the 12 months they cover, not when they
  are charged.

## Revenue and returns

Revenue from an order counts in the month it ships. Returns reduce revenue in the month the refund
is issued, not the month of the original sale.""")

DAMAGED_SHIPMENT = howto("HOW-DMG-1", "Handling a Damaged Shipment", date(2025, 2, 1), """\
Use this when a customer reports that an order arrived damaged: reason code DMG, ticket category
SHIP.

## 1. Collect the evidence

Ask for photos of the damaged item, the outer box and the shipping label. Customers should report
damage within 14 days of delivery; later reports go to a team lead.

## 2. Make it right for the customer

- If the item is in stock, send a free replacement by express shipping at once. Do not wait for the
  damaged item to come back.
- If it is out of stock everywhere, refund the item and the original shipping.
- Items worth less than $50.00 do not need to come back: tell the customer to recycle them.
- Otherwise, send a free return label with reason code DMG.

## 3. File the carrier claim

Logistics support files the claim with the carrier using the photos. Each carrier has its own
deadline, counted from the delivery date, in the carrier claims how-to. Missing a deadline means
Acme absorbs the loss, so forward DMG tickets to Logistics support the same day.

## 4. Report repeated damage

If the same SKU arrives damaged three times in a month from the same warehouse, Logistics support
reports it to the warehouse manager to review the packaging.

## Fragile items

The Ember Fuel Canister cannot be replaced by express shipping, because it ships by ground only.
Replacements of canisters go by UPS Ground.""")

WRONG_ITEM = howto("HOW-WRG-1", "Handling a Wrong Item Shipped", date(2025, 2, 1), """\
Use this when the customer received a different product, size or colour from the one they
ordered: reason code WRG.

## Steps

1. Check the order lines in Switchyard against the customer's photo of the item and its label.
2. Send the correct item by express shipping, free of charge, the same day.
3. If the wrong item is worth less than $30.00, the customer keeps it. Otherwise, send a free
   return label with reason code WRG.
4. Log a picking error in Relay with the warehouse code from the order, so the warehouse can
   retrain the picker.

## If the correct item is out of stock

Offer the customer a refund of the item and the original shipping, or the same product in
another colour with a 10% goodwill discount applied as a partial refund.

## Price differences

If the wrong item is more expensive, never charge the customer the difference. If they want to keep
a more expensive wrong item, they pay only what they ordered, but only when the wrong item is under
$30.00; otherwise it comes back.""")

WARRANTY_CLAIM = howto("HOW-WAR-1", "How to Process a Warranty Claim", date(2025, 2, 15), """\
Warranty claims arrive in the Product defect or warranty queue (DEFT). Use the current Warranty
Policy for the warranty length of each product.

## Steps

1. Find the order and the purchase date. For a second-hand product, ask for the original proof of
   purchase.
2. Check the product is still within its warranty length from the purchase date.
3. Ask for photos and a description of the fault if the ticket does not have them.
4. Decide if the photos show a defect. If they do not, or if you are unsure, send a free return
   label with reason code DEF so Product care can inspect it.
5. Record the decision in Switchyard within 10 business days of receiving the item.

## Outcomes, in order of preference

1. Repair at the Portland repair centre, free of charge.
2. Replace with the same product, or the current equivalent if it is discontinued.
3. Refund the price paid, when neither is possible.

## Out of warranty

Offer the Repair Service at its flat fees. For electronics out of warranty, offer a one-time 20%
discount code on a replacement instead; electronics are not repaired.

## Safety

A stove, lantern or battery fault that caused heat, fire or injury is escalated to Product
Safety within 1 hour, whatever the warranty status.""")

TICKET_ROUTING = howto("HOW-TCK-1", "Support Ticket Categories and Routing", date(2025, 4, 1), f"""\
Every ticket in Relay gets one category when it is created. The category decides the queue and the
first-response target. The classifier suggests a category; agents correct it when it is wrong.

| Category | Meaning | Queue | First response within |
|---|---|---|---|
{ticket_category_rows()}

## Choosing the right category

- A customer who wants to send back a damaged item is SHIP (the delivery went wrong), not RTRN.
- A jacket that leaks after three months is DEFT, even if the customer asks for a refund.
- A question about the Acme Plus fee on a card statement is MEMB, not BILL.
- A request to cancel an order that has not shipped is ORDR; once shipped, it is RTRN.
- Locked accounts and password problems are ACCT.

## Priority

Tickets from Peak members get priority P3 or above. Safety issues are always P1, whatever their
category.

## Re-categorising

If you move a ticket to another category, add a one-line note explaining why. The first-response
target is recalculated from the time of the move.""")

PLUS_MEMBERSHIPS = howto("HOW-PLS-1", "Managing Acme Plus Memberships for Customers", date(2025, 3, 1),
                         """\
Requests about Acme Plus arrive in the MEMB queue. Use Switchyard > Customer > Membership.

## Switching plans

- Monthly to annual: the annual plan starts at the next billing date; the current month is not
  refunded.
- Annual to monthly: the monthly plan starts when the paid year ends.

## Cancelling

Cancel with Cancel at period end unless the customer is entitled to a refund:

- Annual members who cancel within 30 days of their annual charge: use Cancel and refund, which
  refunds the whole charge.
- Monthly members: never refund a part of a month.

## Pausing

Acme Plus cannot be paused. Offer to cancel at period end instead; the customer can rejoin at any
time, but not with a second free trial.

## Goodwill

If a Plus benefit failed (for example, an order was charged for shipping), refund the charge. For
repeated failures, a team lead can add one free month, at most once in 12 months per customer.

## Fee change of March 2025

Members who joined before 1 March 2025 kept their old fee until their first renewal on or after
that date. Customers who ask why their fee went up should be told the new fee and the date it
started; do not offer refunds for the difference.""")

POINTS_ADJUSTMENTS = howto("HOW-LOY-1", "Adjusting Acme Rewards Points", date(2025, 2, 1), """\
Use Switchyard > Customer > Rewards to add or remove points. Every adjustment needs a reason and a
ticket number.

## Missing points

Points for an order are added the day after it ships (or the day after a store purchase). If a
customer reports missing points, check the order's net value and add the missing points. Customers
can claim missing points up to 90 days after the purchase.

## Goodwill points

| Who | Goodwill points per customer per fiscal year |
|---|---|
| Customer service agent | Up to 500 |
| Team lead | Up to 2,000 |
| Loyalty team | No limit |

Goodwill points count towards rewards but not towards tier status.

## Tier changes

Agents cannot change a customer's tier. Tier corrections (for example, after an order was wrongly
counted twice) go to the Loyalty team through Relay, category MEMB.

## Returns

Switchyard removes the points of a returned order automatically when the refund is issued. If the
customer has already spent those points, the balance can go negative; do not correct it by hand.""")

BUSINESS_ACCOUNT_SETUP = howto("HOW-B2B-1", "How to Open a Business Account", date(2025, 6, 1), f"""\
Business accounts are opened by the Business Sales team and approved by Accounts Receivable.

## What we need from the customer

- Legal name, registered address and tax identification number.
- A billing contact and at least one authorised buyer.
- For education and non-profit accounts, a tax exemption certificate.

## Steps

1. Create the account in Switchyard with segment B (business) or E (education and non-profit).
2. Run the credit check from the account page. The result arrives within 2 business days.
3. Set the credit limit: $10,000.00 by default, up to $50,000.00 with Finance approval.
4. Set the payment terms: {BUSINESS_V2.standard_terms}, or {BUSINESS_V2.large_account_terms} if the
   customer spent more than {usd(LARGE_ACCOUNT_SPEND)} with us in the previous fiscal year.
5. Invite the authorised buyers to the business portal.

## Reviewing terms

Payment terms are reviewed each February, after the fiscal year closes, using the previous fiscal
year's invoiced spend.

## Things to tell the customer

- Orders have a minimum value of {usd(BUSINESS_V2.minimum_order)}.
- Promotion codes and Acme Plus are not available to business accounts.""")

FRAUD_HOLDS = howto("HOW-FRD-1", "Fraud Holds and Account Suspensions", date(2025, 5, 1), """\
An account is suspended (customer status S) when a payment fails repeatedly or fraud is suspected.
A suspended account cannot place orders; its open PND orders are held.

## Signs that trigger a review

- Three failed payments on one account within 24 hours.
- Several accounts using the same card, or one account using more than three cards in a week.
- A delivery address that differs from the billing country on an order over $1,000.00.
- Gift card purchases over $500.00 in one day on a new account.

## Placing a hold

Only the Trust team places fraud holds. Agents who suspect fraud add the tag fraud-review to the
ticket and do not discuss the suspicion with the customer.

## Releasing a hold

1. The Trust team asks the customer to confirm their identity by a video call or a bank statement.
2. Once confirmed, the account goes back to status A and held orders are released within 24 hours.
3. If fraud is confirmed, open orders are cancelled (status CNL) and the account is closed
   (status X).

## What agents tell the customer

"Your account is under a routine security review. Our team will contact you by email within 1
business day." Never confirm or deny that fraud is suspected.""")

WAREHOUSE_NETWORK = howto("HOW-WHS-1", "Warehouse Network and Order Routing", date(2025, 8, 1), f"""\
Acme ships from six warehouses. Switchyard routes each order to a warehouse automatically; this
page explains the rules so you can answer "why did my order come from there?".

| Code | City | Region | Role |
|---|---|---|---|
{warehouse_rows()}

## Routing rules

1. An order ships from the warehouse of the delivery address's region.
2. In NAW, orders go to PDX1 first and to RNO1 when PDX1 lacks an item. Bulky items, such as the
   {name("CKG-300")} and the {name("HOM-300")}, always ship from RNO1.
3. If no warehouse in the region has every item, the order is split and each part ships from
   the nearest warehouse that has it. The customer is never charged twice for shipping.
4. North American orders can be filled across NAE and NAW.

## Cut-off times

Orders placed before 2 pm local warehouse time on a business day leave the same day.

## Carriers by service

| Carrier code | Carrier | Used for |
|---|---|---|
| UPG | UPS Ground | Standard parcels in North America; fuel canisters |
| USP | USPS Priority | Standard parcels under 2 lb in the United States |
| FDX | FedEx Express | Express shipping in North America |
| DHL | DHL International | Every order outside North America |
| LOC | Local courier | Same-day delivery in the Portland metro area from PDX1 |

## Returns

Returns go to the warehouse of the customer's region. North American returns go to CMH1 for NAE
and to RNO1 for NAW.""")

CARRIER_CLAIMS = howto("HOW-LST-1", "Lost and Damaged Parcels: Carrier Claims", date(2025, 8, 1),
                       """\
Logistics support files claims with carriers for parcels that are lost or arrive damaged. A claim
filed late is rejected, and Acme absorbs the loss.

## When is a parcel lost?

A parcel is treated as lost when tracking has not updated for 7 days, or when it is more than 5
business days past its estimated delivery date and the carrier's trace finds nothing.

## Claim deadlines

| Carrier | Code | File the claim within |
|---|---|---|
| UPS Ground | UPG | 60 days of the ship date |
| FedEx Express | FDX | 21 days of the ship date for damage, 60 days for loss |
| USPS Priority | USP | 60 days of the ship date |
| DHL International | DHL | 30 days of the ship date |
| Local courier | LOC | 7 days of the ship date |

## What to attach

- The tracking number and the order's invoice showing the value.
- For damage, the customer's photos of the item, the box and the label.
- For loss, the customer's signed statement that nothing was received, if the carrier asks for it.

## Customer first

The customer never waits for the claim: replace or refund the order as soon as the parcel is
declared lost, then file the claim.

## Signed-for deliveries

Orders over $500.00 require a signature on delivery. If a carrier shows a signature the customer
does not recognise, ask the carrier for proof of delivery before declaring the parcel lost.""")

MISSED_PROMO_CODE = howto("HOW-PRM-1", "Applying a Promotion Code After the Order", date(2025, 2, 1),
                          """\
Customers sometimes forget to enter a promotion code. Support may apply it after the order under
these rules.

## Rules

- The request must arrive within 24 hours of the order being placed.
- Once per customer in any 12 months; Switchyard shows if a late code was already applied.
- The code must have been valid when the order was placed. BF25 cannot be applied to an order
  placed after the Black Friday sale ended, even by a few minutes.
- The order must meet the code's conditions: TRAIL15 on a first order of $50 or more; PLUS5 with an
  active Acme Plus membership.
- Never apply a code to a business account order.

## Steps

1. Open the order in Switchyard and choose Apply promotion.
2. Enter the code; Switchyard calculates the discount on the eligible lines.
3. The discount is refunded to the original payment method as a partial refund, with the reason
   "late promotion code".

## When you cannot apply it

Explain the rule that blocks it. You may offer 100 goodwill points instead, within your
goodwill points limit.""")

PRIVACY_REQUESTS = howto("HOW-PRV-1", "Handling a Data Deletion or Export Request", date(2025, 5, 1),
                         f"""\
Customers can ask to delete their account or to get a copy of their data. Both are legal rights in
many of the countries we sell in, so treat them as urgent.

## Verify the requester

Only act on a request from the account's email address or from a signed-in session. If the
request comes from another address, ask the customer to confirm from their account email.

## Deletion

1. Create a ticket in the ACCT category with the tag privacy-deletion.
2. Check for open orders, open returns or an unpaid business invoice. Deletion waits until they are
   settled, and the customer is told why.
3. Run Delete account in Switchyard. It removes the profile, addresses, marketing data, Rewards
   points and saved cards, and ends any Acme Plus membership without refund of the current period.
4. The request must be completed within {RETENTION_V2.deletion_days} days of receipt.

Order records are kept for 7 years for tax reasons, but they are unlinked from the person.

## Export

Customers can download their own data from Account > Privacy. If they cannot, the privacy team
prepares the export. Send any request you cannot handle to privacy@acme.example.

## Do not

- Do not delete an account because of an angry message that does not ask for deletion.
- Do not send personal data by email attachment.""")

HOWTOS = [
    ISSUING_A_REFUND,
    ESCALATING_A_TICKET,
    CLOSING_THE_BOOKS,
    DAMAGED_SHIPMENT,
    WRONG_ITEM,
    WARRANTY_CLAIM,
    TICKET_ROUTING,
    PLUS_MEMBERSHIPS,
    POINTS_ADJUSTMENTS,
    BUSINESS_ACCOUNT_SETUP,
    FRAUD_HOLDS,
    WAREHOUSE_NETWORK,
    CARRIER_CLAIMS,
    MISSED_PROMO_CODE,
    PRIVACY_REQUESTS,
]
