"""Hand-written questions for the capstone (lesson 06): what Acme's managers and staff ask.

Written for the capstone; no question here repeats one of data/kb/qa.jsonl. The rules:

- KB_QUESTIONS are answered by the knowledge base (data/kb/docs). As in kb_qa, each has a short
  gold answer that appears verbatim in its evidence, and one (document id, phrase) source per
  supporting document; the phrase is on exactly one line of the document, and the gold passage
  is the sentence containing it. No source is a superseded policy. tags="latest_version" marks
  the questions that only the newest version of a policy answers correctly. None asks for a
  figure the analytics database gives (counts, totals, revenue, list prices, warranty lengths).
- NEITHER_QUESTIONS are answered by neither the knowledge base nor the analytics database
  (data/acme/dictionary.md): the right reply says so. Their tag is the kind of question:
  not_recorded (about Acme, but in neither source), near_miss (looks like a KB or database
  question but asks for something absent) or off_topic (unrelated to Acme's business).
"""

from course_utils.datagen.kb_qa import Question, ask, not_in_docs

KB_QUESTIONS: list[Question] = [
    # --- Policies: only the newest version gives the right answer ---------------------------
    ask("Do customers on the entry Trail tier get anything for their birthday?", "50 points",
        ("POL-LOY-2", "| Trail | Points on every purchase, birthday bonus of 50 points |"),
        tags="latest_version"),
    ask("A customer has asked for a copy of all the personal data we hold on them. How long until "
        "the download is ready?", "7 days", ("POL-PRV-2", "the file is ready within 7 days"),
        tags="latest_version"),
    ask("How long may we keep a closed support ticket and its chat transcript?", "2 years",
        ("POL-PRV-2", "| Support tickets and transcripts |"), tags="latest_version"),
    ask("One of our school accounts paid an invoice four days after the due date. Do we charge "
        "the late fee?", "10-day grace period", ("POL-B2B-2", "after a 10-day grace period"),
        tags="latest_version"),
    ask("What standard delivery time does our shipping policy quote for orders from Monterrey?",
        "6-10 business days", ("POL-SHP-2", "| LATAM | Monterrey (MEX1) |"),
        tags="latest_version"),
    ask("From which delivery date does the extended holiday return period apply?", "1 November",
        ("POL-RET-2", "Items delivered between 1 November and 24 December"),
        tags="latest_version"),

    # --- Policies --------------------------------------------------------------------------
    ask("A customer in Honolulu wants a box of Ember fuel canisters shipped. Can we send them?",
        "cannot ship to Alaska, Hawaii", ("POL-HAZ-1", "It cannot ship to Alaska, Hawaii")),
    ask("A customer lost a gift card they bought in store and threw the receipt away. Can we "
        "replace the card?", "original receipt or order confirmation",
        ("POL-GFT-1", "We can replace a lost or stolen card only if")),
    ask("A company on a business account wants to buy gift cards as staff presents. Can they put "
        "them on the account?", "cannot be bought on a business account",
        ("POL-GFT-1", "cannot be bought on a business account")),
    ask("A customer placed an order ten minutes ago and now wants to add a headlamp to it. What "
        "do we tell them?", "place a second order instead",
        ("POL-ORD-1", "Items cannot be added to an order once it is placed")),
    ask("Up to what point can a business customer still change or cancel an order?",
        "until an invoice is issued", ("POL-ORD-1", "Orders placed on a business account can be")),
    ask("How many times can one customer use TRAIL15?", "once per customer",
        ("POL-PRM-1", "TRAIL15 needs a minimum order of $50")),
    ask("Someone used TRAIL15 on a $60 order, then returned part of it and is now under $50. Do "
        "they lose the discount on what they kept?", "the discount on the items kept stays",
        ("POL-PRM-1", "If returning part of an order takes it below")),
    ask("Can a customer send someone else to collect their store pickup order?",
        "someone they name at checkout", ("POL-PUP-1", "The customer, or someone they name at")),
    ask("Which of our stores can hold a Glacier 45 Cooler for pickup?",
        "stores with a loading bay only", ("POL-PUP-1", "Large items, such as the Glacier 45")),
    ask("When does the repair centre have to phone the customer before starting a job?",
        "more than half the item's list price", ("POL-RPR-1", "If a repair costs more than half")),
    ask("Who pays to get an out-of-warranty item to the repair centre?", "paid by the customer",
        ("POL-RPR-1", "Inbound shipping is paid by the customer")),
    ask("Do our Canadian customers pay any duty on Acme products?", "no duty is due",
        ("POL-DUT-1", "For Canadian addresses, GST/HST is charged")),
    ask("Who collects the import charges on our parcels to Japan?", "DHL International",
        ("POL-DUT-1", "Orders to New Zealand, Japan and Singapore ship from Sydney")),
    ask("Which carrier do we use for express parcels in North America?", "FedEx Express",
        ("POL-SHP-2", "express parcels with FedEx Express")),
    ask("A customer wants a Glacier 45 Cooler delivered to their PO box. Can we do that?",
        "We do not ship to PO boxes", ("POL-SHP-2", "We do not ship to PO boxes")),
    ask("How much longer can standard delivery take to an address in Alaska?",
        "up to 5 business days longer", ("POL-SHP-2", "Remote areas, such as Alaska")),
    ask("The tread on a customer's Switchback boots has worn down after a year of hiking. Can "
        "they claim under the warranty?", "worn soles",
        ("POL-WAR-2", "Normal wear and tear, such as faded colours")),
    ask("The Drift jacket is cheaper this week only because of the SPRING10 code. Can a customer "
        "who paid full price last week claim the difference?", "do not qualify",
        ("POL-PRA-2", "Price drops that come from promotion codes")),
    ask("A customer already had one price adjustment on a tent and the price has dropped again. "
        "Can we adjust it a second time?", "Each item can be adjusted once",
        ("POL-PRA-2", "Each item can be adjusted once")),

    # --- Product guides --------------------------------------------------------------------
    ask("What breathability rating do we quote for the Drift Rain Jacket?", "15,000 g/m²/24 h",
        ("PRD-APP-100", "| Breathability |")),
    ask("A customer's Nimbus jacket keeps shedding feathers from one spot. What does that "
        "usually mean?", "a seam has opened", ("PRD-APP-200", "Lost down is normal in small")),
    ask("Do we replace Trail Hiking Socks that wear through after six months?",
        "socks that wear through in that time are replaced",
        ("PRD-APP-300", "Trail Hiking Socks are guaranteed against holes")),
    ask("A customer smells gas when screwing the Ember stove onto a canister. What should they "
        "check?", "the rubber O-ring", ("PRD-CKG-100", "| Gas smell when attaching |")),
    ask("Can the Titan Cook Set go straight on a campfire?", "not on an open campfire",
        ("PRD-CKG-200", "The set is safe with gas and alcohol stoves")),
    ask("What does a Glacier 45 need before it counts as bear-resistant?", "two padlocks",
        ("PRD-CKG-300", "| Certification |")),
    ask("A customer wants a new footbed for their River Sandal. Can we supply one?",
        "the footbed cannot be replaced", ("PRD-DSC-1", "River Sandal: no spare parts")),
    ask("What does it mean when the indicator on a Beacon headlamp blinks red and green?",
        "Charging fault", ("PRD-ELC-100", "| Indicator blinks red and green |")),
    ask("What does the TrailSat Expedition plan cost a month?", "$49.95 per month",
        ("PRD-ELC-400", "| Expedition |")),
    ask("Where does a customer find the IMEI number to activate a TrailSat messenger?",
        "under the battery cover sticker", ("PRD-ELC-400", "Enter the IMEI number")),
    ask("Can a Plus member use PLUS5 to get money off their TrailSat service plan?",
        "not discounted by PLUS5", ("PRD-ELC-400", "Plan fees are separate from Acme Plus")),
    ask("Going by the Switchback size chart, what US men's size fits a 27 cm foot?", "9.5",
        ("PRD-FTW-100", "| 27.0 cm |")),
    ask("A customer received only one box of their Raised Garden Bed Kit. Is part of the order "
        "missing?", "ships in two boxes", ("PRD-HOM-300", "The kit ships in two boxes")),
    ask("Does the Basecamp 65 come with a rain cover, or do we need to sell one with it?",
        "Included", ("PRD-PCK-200", "| Rain cover |")),
    ask("Up to what height of customer does the Long Cirrus sleeping bag fit?", "198 cm",
        ("PRD-SLP-100", "| Sizes | Regular (to 183 cm)")),
    ask("A customer says their Loft Air pad goes soft during cold nights. Is it leaking?",
        "the air cooling", ("PRD-SLP-200", "A slow loss of firmness")),
    ask("How many stakes come in the box with the Summit Ultralight Tent?", "six ultralight stakes",
        ("PRD-TNT-200", "A set of six ultralight stakes")),
    ask("Water keeps pooling on the roof of a customer's Ridgeline 4. What should they check?",
        "the middle pole is fully seated", ("PRD-TNT-110", "| Water pooling on the roof |")),

    # --- FAQs ------------------------------------------------------------------------------
    ask("Where does a customer switch on two-step verification?", "Account > Security",
        ("FAQ-ACC-1", "Go to Account > Security")),
    ask("When a customer changes their email address, does the old address hear about it?",
        "a notice to the old one", ("FAQ-ACC-1", "We send a confirmation link to the new address")),
    ask("Into how many payments does Klarna split an order?", "4 interest-free instalments",
        ("FAQ-ORD-1", "In the United States you can also pay in 4")),
    ask("Do customers outside North America get a shorter return window?", "same 45-day window",
        ("FAQ-INT-1", "Yes, with the same 45-day window")),
    ask("An annual Plus member asks what their plan works out at per month. What do I tell them?",
        "$8.33 a month", ("FAQ-PLS-1", "which works out at $8.33")),
    ask("Does a Plus member still earn Rewards points on their orders?",
        "you earn points on your Plus orders as usual", ("FAQ-PLS-1", "You can be in both")),
    ask("How soon is a store pickup order usually ready?", "within 2 hours",
        ("FAQ-SHP-1", "orders are usually ready within 2 hours")),
    ask("Apart from fuel canisters and gift cards, is there anything a customer can't return?",
        "Final sale", ("FAQ-RET-1", "Fuel canisters, gift cards, opened packs of socks")),
    ask("A school account was charged sales tax on its order. What do we need from them to stop "
        "that?", "exemption certificate", ("FAQ-B2B-1", "Education and non-profit accounts are")),

    # --- Staff how-tos ---------------------------------------------------------------------
    ask("What's the highest credit limit we can give a business account, and who has to sign it "
        "off?", "$50,000.00 with Finance approval", ("HOW-B2B-1", "Set the credit limit")),
    ask("When do we review the payment terms of our business accounts?", "each February",
        ("HOW-B2B-1", "Payment terms are reviewed each February")),
    ask("A customer's item arrived damaged and it's out of stock in every warehouse. What do we "
        "do?", "refund the item and the original shipping",
        ("HOW-DMG-1", "If it is out of stock everywhere")),
    ask("Who do I forward DMG tickets to, and how quickly?", "Logistics support the same day",
        ("HOW-DMG-1", "forward DMG tickets to Logistics support")),
    ask("A customer with 8,000 followers is complaining about us on social media. Who handles it?",
        "Social care team", ("HOW-ESC-1", "| Complaint posted on social media")),
    ask("Who answers the dedicated Peak support line?", "Tier 2 agents",
        ("HOW-ESC-1", "Peak members of Acme Rewards call a dedicated support line")),
    ask("Tier 2 hasn't replied to a ticket I escalated within its target. What should I do?",
        "use the Chase button once", ("HOW-ESC-1", "If Tier 2 or 3 has not replied")),
    ask("At the year-end stock count, above what difference per SKU does the warehouse manager "
        "have to explain it?", "$500.00", ("HOW-FIN-1", "Every warehouse counts its stock")),
    ask("For the books, does a return reduce revenue in the month of the original sale?",
        "the month the refund is issued", ("HOW-FIN-1", "Returns reduce revenue")),
    ask("What exactly do I tell a customer whose account is under a fraud review?",
        "routine security review", ("HOW-FRD-1", "Your account is under a routine security")),
    ask("The Trust team has confirmed fraud on an account. What happens to the account?",
        "closed (status X)", ("HOW-FRD-1", "If fraud is confirmed")),
    ask("How many goodwill points can a team lead give one customer in a fiscal year?",
        "Up to 2,000", ("HOW-LOY-1", "| Team lead | Up to 2,000 |")),
    ask("Do goodwill points help a customer move up a Rewards tier?", "not towards tier status",
        ("HOW-LOY-1", "Goodwill points count towards rewards")),
    ask("The carrier shows a signature the customer doesn't recognise. What do I do before "
        "declaring the parcel lost?", "proof of delivery",
        ("HOW-LST-1", "If a carrier shows a signature")),
    ask("A member who joined Plus in 2024 is annoyed that their fee went up. Should I refund the "
        "difference?", "do not offer refunds for the difference",
        ("HOW-PLS-1", "do not offer refunds for the difference")),
    ask("How often can a team lead give a Plus member a free month as goodwill?",
        "at most once in 12 months", ("HOW-PLS-1", "a team lead can add one free month")),
    ask("When support applies a forgotten promo code, how does the customer get the discount?",
        "partial refund", ("HOW-PRM-1", "The discount is refunded to the original payment")),
    ask("A customer with an open return has asked us to delete their account. Can we delete it "
        "straight away?", "Deletion waits until they are settled",
        ("HOW-PRV-1", "Deletion waits until they are settled")),
    ask("Can I split a $1,400 refund into two smaller ones so that I can approve it myself?",
        "never split one refund", ("HOW-REF-1", "A refund above your limit")),
    ask("Up to what amount can a team lead approve a refund on one order?", "$1,000.00",
        ("HOW-REF-1", "| Team lead | $1,000.00 |")),
    ask("A customer is asking about the Plus fee on their card statement. Which ticket category "
        "is that?", "MEMB", ("HOW-TCK-1", "A question about the Acme Plus fee")),
    ask("If I move a ticket to another category, what happens to its first-response target?",
        "recalculated from the time of the move", ("HOW-TCK-1", "The first-response target is")),
    ask("We sent the wrong colour and the right one is out of stock. What can we offer besides a "
        "refund?", "10% goodwill discount", ("HOW-WRG-1", "Offer the customer a refund of the")),

    # --- Release notes ---------------------------------------------------------------------
    ask("How many tents can a customer compare side by side in the app?", "up to three",
        ("REL-APP-5-3", "Product comparisons")),
    ask("How far ahead does the app warn customers about points that are about to expire?",
        "60 days", ("REL-APP-5-4", "The Rewards tab shows points that will expire")),
    ask("A customer on a Samsung phone with app 4.8 says the barcode scanner won't focus. Is that "
        "a known issue?", "needs a second tap to focus", ("REL-APP-4-8", "On some Samsung phones")),
    ask("A customer bought boots in one of our stores yesterday. When should the points show up "
        "in the app?", "the next day", ("REL-APP-5-2", "Rewards points earned in retail stores")),
    ask("From what order value does the website show the business volume discount in the basket?",
        "$5,000", ("REL-WEB-2025-06", "Volume discounts are shown in the basket")),
    ask("A customer scheduled an e-gift card for the wrong date. Can they edit it?",
        "cannot be edited", ("REL-WEB-2025-11", "Scheduled e-gift cards cannot be edited")),
    ask("Can customers start a return in the app without printing a label?", "QR code",
        ("REL-APP-5-0", "Start a return with a QR code")),
    ask("What budget bands do the gift guides on the website use?",
        "under $50, under $100 and under $250", ("REL-WEB-2025-11", "Gift guides by budget")),

    # --- Answers that need two documents ---------------------------------------------------
    ask("A customer with 4,100 points this fiscal year wants to return an opened Beacon 900. Do "
        "we take a restocking fee?", "never pay the restocking fee",
        ("POL-LOY-2", "| Peak | 4,000 points |"),
        ("POL-RET-2", "Peak members never pay the restocking fee"), tags="latest_version"),
    ask("A customer on 1,800 points this year is sending back boots that don't fit. Do I deduct "
        "the return label fee?", "The label is free", ("POL-LOY-2", "| Summit | 1,500 points |"),
        ("POL-RET-2", "The label is free for Acme Plus members"), tags="latest_version"),
    ask("A non-profit account wants to use BF25 on a $16,000 invoiced order. What discount do "
        "they actually get?", "8%",
        ("POL-PRM-1", "Business accounts (channel B2B) cannot use promotion codes"),
        ("POL-B2B-2", "| $15,000 or more | 8% |"), tags="latest_version"),
    ask("A customer's Commuter Sling strap snapped after the warranty ended. Can we still fix it, "
        "and at what price?", "$12.00", ("PRD-DSC-1", "Commuter Sling: strap and buckle kits"),
        ("POL-RPR-1", "| Backpack buckle or strap replaced | $12.00 |")),
    ask("Some Ember fuel canisters arrived dented. Can we rush the replacements out by express "
        "like other damaged items?", "UPS Ground",
        ("POL-HAZ-1", "It cannot be sent by express shipping"),
        ("HOW-DMG-1", "Replacements of canisters go by UPS Ground")),
    ask("A customer's Lumen lantern overheated and scorched a table. Who do I escalate to, how "
        "fast, and at what priority?", "Product Safety",
        ("HOW-WAR-1", "A stove, lantern or battery fault"),
        ("HOW-ESC-1", "Set the priority: P1 for safety")),
    ask("A customer chose store pickup. When is the card charged, and how long will the store "
        "hold the order?", "when the order is ready", ("FAQ-ORD-1", "For store pickup, we charge"),
        ("POL-PUP-1", "Orders are held for 7 days")),
]

NEITHER_QUESTIONS: list[Question] = [
    # --- About Acme, but recorded in neither source -----------------------------------------
    not_in_docs("What's the starting salary for a Tier 1 support agent?", "not_recorded"),
    not_in_docs("How many people work at the Columbus warehouse?", "not_recorded"),
    not_in_docs("Who manages the Reno warehouse at the moment?", "not_recorded"),
    not_in_docs("When is the next company all-hands meeting?", "not_recorded"),
    not_in_docs("How big is the marketing budget for next year's spring sale?", "not_recorded"),
    not_in_docs("Are we planning to open a retail store in Mexico City?", "not_recorded"),
    not_in_docs("What net revenue are we forecasting for fiscal 2026?", "not_recorded"),
    not_in_docs("Why did management decide to raise the Acme Plus fee in March 2025?",
                "not_recorded"),
    not_in_docs("What does our biggest competitor charge for a two-person tent like the "
                "Ridgeline 2?", "not_recorded"),
    not_in_docs("What is Acme's share price today?", "not_recorded"),
    not_in_docs("When does our contract with DHL come up for renewal?", "not_recorded"),
    not_in_docs("How much do we pay UPS for each Ground parcel?", "not_recorded"),
    not_in_docs("Which factory makes the Beacon headlamps for us?", "not_recorded"),
    not_in_docs("How many sick days did the Portland warehouse team take last quarter?",
                "not_recorded"),
    not_in_docs("Which floor of head office is the Finance team on?", "not_recorded"),
    not_in_docs("Do support agents get a bonus for meeting their first-response targets?",
                "not_recorded"),
    not_in_docs("Who was named employee of the month in December?", "not_recorded"),
    not_in_docs("What features are planned for version 6.0 of the app?", "not_recorded"),
    not_in_docs("When is the next delivery of Summit Ultralight tents due from the supplier?",
                "not_recorded"),
    not_in_docs("How much did we spend on our last TV advertising campaign?", "not_recorded"),
    not_in_docs("What's the monthly rent on the Portland repair centre?", "not_recorded"),
    not_in_docs("Who signed off moving the warehouse cut-off time to 2 pm?", "not_recorded"),
    not_in_docs("How many people work on the Customer Refunds team in Finance?", "not_recorded"),
    not_in_docs("Are we going to raise the free shipping threshold again next year?",
                "not_recorded"),
    not_in_docs("How are team leads' yearly bonuses worked out?", "not_recorded"),
    not_in_docs("When does the lease on the Rotterdam warehouse run out?", "not_recorded"),
    not_in_docs("Which agency designed this year's Black Friday banners?", "not_recorded"),
    not_in_docs("How many support agents are on shift on Sunday mornings?", "not_recorded"),

    # --- Look like KB or database questions, but ask for something absent -------------------
    not_in_docs("How much does the Beacon 1200 Headlamp cost?", "near_miss"),
    not_in_docs("What's the comfort rating of the Cirrus 40F Sleeping Bag?", "near_miss"),
    not_in_docs("How big a deposit does our layaway policy ask for?", "near_miss"),
    not_in_docs("How much trade-in credit does a customer get for an old tent?", "near_miss"),
    not_in_docs("How many points does a customer need to reach the Diamond tier?", "near_miss"),
    not_in_docs("What discount does the SUMMER20 code give?", "near_miss"),
    not_in_docs("What's the first-response target for tickets that come in over WhatsApp?",
                "near_miss"),
    not_in_docs("How many orders did we take in fiscal 2020?", "near_miss"),
    not_in_docs("What's our gross margin on the Glacier 45 Cooler?", "near_miss"),
    not_in_docs("How many Ridgeline 4 tents are in stock at the Reno warehouse right now?",
                "near_miss"),
    not_in_docs("How many people visited the website on Black Friday 2025?", "near_miss"),
    not_in_docs("Which customers gave the Ridgeline 2 a product review of under three stars?",
                "near_miss"),

    # --- Unrelated to Acme's business ------------------------------------------------------
    not_in_docs("What's the capital of Australia?", "off_topic"),
    not_in_docs("Can you write me a Python function that reverses a linked list?", "off_topic"),
    not_in_docs("What will the weather be like in Portland this weekend?", "off_topic"),
    not_in_docs("Who won the 2018 football World Cup?", "off_topic"),
    not_in_docs("What's a good recipe for banana bread?", "off_topic"),
    not_in_docs("How do I convert a pandas DataFrame to JSON?", "off_topic"),
    not_in_docs("Can you explain the difference between TCP and UDP?", "off_topic"),
]
