"""The routing guide of the ticket data set: data/tickets/labels.md.

One card per label of acme_world.TICKET_CATEGORIES: what the queue handles, what looks
similar but goes elsewhere, and two example messages. The rules agree with the knowledge
base's "Support Ticket Categories and Routing" how-to (HOW-TCK-1): a damaged delivery is
SHIP, a defect after use is DEFT, the Acme Plus fee is MEMB, an unshipped order is ORDR.
The examples are written for this page only; they are not in train or test.
"""

from __future__ import annotations

from dataclasses import dataclass

from course_utils.datagen import acme_world as world


@dataclass(frozen=True)
class LabelCard:
    code: str
    description: str
    belongs: tuple[str, ...]
    not_here: tuple[str, ...]  # each ends with the label it belongs to instead
    examples: tuple[str, str]


CARDS = (
    LabelCard(
        "BILL",
        "Charges, payments and invoices: what the customer was charged for an order, how they pay, and "
        "the paperwork for it. The question is about money taken or owed, not about sending an item "
        "back, and not about the Acme Plus fee.",
        (
            "A double or unexpected charge for an order, or a total that differs from the checkout page.",
            "A card or PayPal payment that is declined or fails at checkout.",
            "Gift card balances, promo codes that did not reduce the charge, sales tax and VAT.",
            "Price adjustments: the price dropped after purchase and the customer keeps the item.",
            "Invoices, late fees and payment terms of business accounts.",
            "Money still held after an order was already cancelled.",
            "A shipping charge on an order above the free-shipping threshold, for a customer without Acme Plus.",
        ),
        (
            "A refund that has not arrived after a return → RTRN.",
            "The Acme Plus fee, a renewal or trial charge, or a Plus benefit (free shipping, PLUS5) not applied → MEMB.",
            "Cancelling an order that has not shipped, even if it is already paid → ORDR.",
            "The same order placed twice by mistake (two orders, not two charges) → ORDR.",
            "A suspended or locked account → ACCT.",
        ),
        (
            "My statement shows the Trailhead 28 Daypack twice, $99 each, but I only ordered one.",
            "Could you resend invoice 2291 with our purchase order number on it? Accounts payable needs it.",
        ),
    ),
    LabelCard(
        "SHIP",
        "Getting the parcel to the customer, and what arrives in it: tracking, delays, lost parcels, "
        "customs, couriers, delivery options and times (also when asked before buying), a parcel that "
        "has already left the warehouse, and items that arrive damaged, wet or wrong.",
        (
            "Where is my order, late or lost parcels, tracking that does not move, 'delivered' but not received.",
            "Customs, import fees, redelivery, leaving a parcel with a neighbour or concierge.",
            "Where Acme delivers and how long delivery takes, even before the customer orders.",
            "Redirecting a parcel that has already shipped.",
            "An item that arrived broken, crushed, torn or soaked, even if the customer asks to send it back or for a refund.",
            "A wrong item or a missing item in the parcel.",
        ),
        (
            "Changing the address or the shipping speed before the order ships → ORDR.",
            "Sending back an item that arrived in good condition → RTRN.",
            "An item that worked at first and failed later → DEFT.",
            "Free shipping promised by Acme Plus but charged → MEMB.",
        ),
        (
            "The courier's app says my parcel is 'held at depot' in Columbus since Tuesday. When will it come?",
            "Opened the box and the Titan Cook Set lid is bent flat, the carton was half crushed.",
        ),
    ),
    LabelCard(
        "RTRN",
        "Sending back an item that arrived in good condition, and the refund that follows. The item is "
        "not faulty: it does not fit, is not what the customer expected, came too late to be useful, "
        "or they changed their mind.",
        (
            "Return labels, the return window, returns in a store, exchanges for another size after delivery.",
            "The status of a refund after a return, refunds paid as store credit, the return label fee deducted.",
            "Cancelling an order that has already shipped: it can only be returned now.",
            "Returns that were rejected or only partly refunded.",
        ),
        (
            "The item arrived damaged, or the wrong item arrived → SHIP.",
            "The item failed after use, even if the customer asks for a refund or a return → DEFT.",
            "A double charge or a price drop on an item the customer keeps → BILL.",
            "Cancelling or changing an order that has not shipped → ORDR.",
        ),
        (
            "The Switchback Low Hiking Shoe rubs my heel, can I swap it for a half size up?",
            "Warehouse got my return on Monday, how many days until the refund shows up?",
        ),
    ),
    LabelCard(
        "DEFT",
        "A product that arrived fine and then failed in normal use: broken zips, snapped poles, leaking "
        "seams, soles coming off, electronics that stop charging. Warranty claims and warranty "
        "replacements go here, whatever the customer asks for as a remedy.",
        (
            "Faults that appear after days, weeks or months of use.",
            "Warranty claims, and a warranty replacement that fails again.",
            "A customer who wants a refund or a return for a product that stopped working.",
        ),
        (
            "Broken, torn or wet on arrival → SHIP.",
            "Works fine but does not fit or is not what they wanted → RTRN.",
            "The warranty length asked before buying → PROD.",
        ),
        (
            "After one season the Nimbus Down Jacket is losing feathers through the baffles everywhere.",
            "My Beacon 400 Headlamp won't switch on any more, it's been 6 months and I never dropped it.",
        ),
    ),
    LabelCard(
        "ACCT",
        "Getting into the account and keeping it safe and up to date: sign-in, passwords, two-step "
        "verification, locked or suspended accounts, profile details, saved addresses and cards, "
        "email preferences, merging or deleting accounts, activity the customer does not recognise.",
        (
            "Password resets, sign-in loops, verification codes, sessions that keep expiring.",
            "Locked or suspended accounts, even when the customer wanted to check out or reach another page.",
            "Changing the name, email or saved details on the profile; deleting or merging accounts.",
            "Orders or changes the customer did not make (a possible account takeover).",
        ),
        (
            "A card declined at checkout while the account is fine → BILL.",
            "The Acme Plus membership or Rewards points themselves → MEMB.",
            "Changing the delivery address of one order → ORDR (not shipped) or SHIP (shipped).",
        ),
        (
            "The sign-in page says 'too many attempts, try later' and it's been a day.",
            "I'd like my account and all my data removed, please confirm when it's done.",
        ),
    ),
    LabelCard(
        "MEMB",
        "Acme Plus, the paid membership (joining, the free trial, the fee, renewals and refunds of the "
        "fee, cancelling it, switching between monthly and annual, benefits such as free shipping and "
        "PLUS5), and Acme Rewards points and tiers, which the Loyalty team handles from the same queue.",
        (
            "A charge for the Plus fee on a card statement, a trial that turned into a paid plan.",
            "Cancelling, pausing or switching Acme Plus; refunds of the annual fee.",
            "Plus benefits not applied: shipping charged to a member, PLUS5 refused.",
            "Missing Rewards points, redeeming points, tier status and expiry.",
            "Questions about Acme Plus before joining.",
        ),
        (
            "Cancelling an order (not the membership) → ORDR.",
            "Charges for products or shipping of a customer without Plus → BILL.",
            "Cannot sign in, even to reach the membership page → ACCT.",
        ),
        (
            "I'd like to move from Acme Plus Annual back to monthly when my year ends.",
            "My Summit tier vanished from the app, it shows Trail now. I had 1,700 points last month.",
        ),
    ),
    LabelCard(
        "PROD",
        "Questions about Acme products that the customer has not bought yet, or wants to buy again: "
        "specifications, sizes and fit, materials, compatibility, comparisons, stock, discontinued "
        "products, warranty terms and recommendations. Nothing is broken and no order is involved.",
        (
            "Which product to choose, whether it suits a trip, whether two products work together.",
            "Sizes, weight, warmth ratings, waterproofing, stock and discontinued products.",
            "The warranty or subscription costs of a product, asked before buying.",
        ),
        (
            "A product the customer owns that failed → DEFT.",
            "Delivery destinations and times → SHIP.",
            "Acme Plus before joining → MEMB.",
            "Changes to an order already placed → ORDR.",
        ),
        (
            "Does the Loft Air Sleeping Pad fit inside the Ridgeline 2, two side by side?",
            "How many hours does the Lumen Camp Lantern run on its lowest setting?",
        ),
    ),
    LabelCard(
        "ORDR",
        "Changing or cancelling an order that has not shipped yet (status pending): cancel it, change a "
        "size, colour or quantity, the address or the shipping speed, remove items, cancel a duplicate "
        "order, hold it, or reinstate an order Acme cancelled. Business orders can change until invoiced.",
        (
            "Cancelling a pending order, even one that is already paid.",
            "Changing sizes, colours, quantities, address or shipping speed before shipping.",
            "The same order placed twice by mistake.",
            "Orders cancelled by Acme that the customer still wants.",
        ),
        (
            "The order has already shipped: cancelling it → RTRN; changing its address → SHIP.",
            "Cancelling Acme Plus → MEMB.",
            "One order charged twice → BILL.",
        ),
        (
            "Just placed an order for the Beacon 900 Headlamp but meant the 400, can you swap it?",
            "Please stop order 500412 before it ships, we found the same tent cheaper locally.",
        ),
    ),
)

INTRODUCTION = """\
# Acme support ticket categories

Every message that reaches {company} support is routed to one of eight queues. This page is the
guide agents use to choose the category (queues and response times are in the knowledge base's
"Support Ticket Categories and Routing").

How to choose:

1. Label the customer's **main request**: what they want Acme to do or answer. Passing mentions of
   other topics ("I'm a Plus member, by the way") do not count.
2. Where the item or the order stands decides, not the words used: "refund" or "send it back"
   appear in most categories. Arrived damaged or wrong: SHIP. Failed after use: DEFT. Fine but
   unwanted: RTRN. Not shipped yet: ORDR.
3. Tone, typos and length never change the category.
"""


def card_markdown(card: LabelCard) -> str:
    """One label's section: heading, description, what belongs, what does not, examples."""
    lines = [f"## {card.code}: {world.TICKET_CATEGORIES[card.code]}", "", card.description, ""]
    lines += ["**Belongs here:**", "", *[f"- {item}" for item in card.belongs], ""]
    lines += ["**Does not belong here:**", "", *[f"- {item}" for item in card.not_here], ""]
    lines += ["**Examples:**", "", *[f"> {example}\n" for example in card.examples]]
    return "\n".join(lines)


def labels_markdown() -> str:
    """The whole routing guide, labels in acme_world's order."""
    by_code = {card.code: card for card in CARDS}
    sections = [card_markdown(by_code[code]) for code in world.TICKET_CATEGORIES]
    return INTRODUCTION.format(company=world.COMPANY) + "\n" + "\n".join(sections)
