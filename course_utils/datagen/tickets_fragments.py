"""Hand-written pieces that tickets.py combines into customer messages.

Each label has five kinds of fragment:
- `requests`: the customer's main request, one or two sentences;
- `boundary`: requests near another label's boundary, where a keyword points the wrong
  way ("refund" in a damaged-delivery message); messages built on them are tagged "hard";
- `short`: one-line messages;
- `details`: supporting sentences that never change the label;
- `asides`: a passing mention of this topic inside another label's message (tag
  "mixed_topic"). An aside never asks for anything, so the label stays decidable.

Slots in braces are filled by tickets.SlotFiller: product slots name a pool of Acme
products (`{tent}`, `{rainwear}`, ...; a trailing 2 means a second, different product of
that pool), the others fill in order numbers, prices, plans and so on, all consistent
with acme_world and the knowledge base's policies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelFragments:
    requests: tuple[str, ...]
    boundary: tuple[str, ...]
    short: tuple[str, ...]
    details: tuple[str, ...]
    asides: tuple[str, ...]


BILL = LabelFragments(
    requests=(
        "I was charged twice for order {order}. My bank app shows two payments of {price} from Acme on the same day.",
        "My card keeps getting declined at checkout even though it works everywhere else. I've tried three times with the card ending in {last4}. Why is the payment failing?",
        "The amount taken from my card for order {order} is higher than the total the checkout page showed me. Can someone explain the difference?",
        "I need a proper invoice for order {order} with our company name and VAT number on it. Our accountant won't accept the email receipt.",
        "The promo code {promo} was accepted at checkout, but I was charged the full {price} for the {item}. Can you apply the discount and refund the difference?",
        "I bought the {item} for {price} and it's already cheaper on your site, less than two weeks later. Can I get the price difference back?",
        "Our business account was billed a late fee on the last invoice, but we paid within the Net 30 terms. Please check the payment date and remove the fee.",
        "There's a charge of {price} from Acme on my card that I don't recognise. I haven't ordered anything in weeks. What is it for?",
        "My gift card should still have money on it after order {order}, but the balance now shows zero. Where did the rest go?",
        "I paid for order {order} with PayPal and PayPal says it went through, but your site says the payment failed. Was I charged or not?",
        "We are a non-profit and sent you our tax exemption certificate, but order {order} still has sales tax on it. Please correct the invoice.",
        "I live in {eu_country} and order {order} was charged in US dollars instead of euros, so my bank added a conversion fee. Why wasn't it in euros?",
        "Can I split the payment for the {item} between a gift card and my credit card? Checkout only seems to allow one method.",
    ),
    boundary=(
        "I'm not returning anything, I just need a refund of a duplicate charge: order {order} was charged {price} twice.",
        "My Acme Plus membership isn't the issue, that charge is correct. The problem is order {order}: I paid {price} for the {item}, but the product page showed a lower price when I checked out.",
        "I'm keeping the {item}, I love it, so please don't send me a return label. It dropped in price a few days after I bought it and I'd like the difference refunded.",
        "The delivery was correct, we got exactly what we ordered. But the invoice for order {order} bills us for more units of the {item} than we received. Please reissue it.",
        "I can log in without any problem, so it's not my account. Every payment with my card ending in {last4} is declined at the last step of checkout.",
        "I cancelled order {order} before it shipped and got the cancellation email, but the {price} is still missing from my account more than a week later. When will the money be released?",
        "Order {order} came to more than $99, so standard shipping should have been free, but I was charged {ship_fee} for it. I'm not a Plus member. Please refund the shipping charge.",
    ),
    short=(
        "charged twice for order {order}??",
        "Need an invoice for order {order} please.",
        "Why was my card charged {price} today?",
        "promo code {promo} didn't apply",
        "Card declined again at checkout.",
        "gift card balance is wrong",
    ),
    details=(
        "I can send a screenshot if that helps.",
        "I'm the account holder.",
        "I'd like to get this sorted before the end of the month.",
        "I checked my online banking this morning.",
        "This is the first time I've had a payment problem with you.",
        "Please reply by email, I'm at work during the day.",
    ),
    asides=(
        "I also still need a VAT invoice for an older order, but that can wait.",
        "(Side note: my bank shows your charges as ACME OUTFITTERS PDX, which confused me at first.)",
        "My last card statement looked a bit high, but I'll check it myself first.",
        "I paid with a gift card last time and that went fine.",
        "Also, the {promo} code worked on a previous order, so no problem there.",
    ),
)

SHIP = LabelFragments(
    requests=(
        "My order {order} was supposed to arrive {n_days} days ago and the tracking hasn't moved since it left the warehouse. Where is it?",
        "Tracking number {tracking} says delivered, but there's no parcel at my door, in the mailroom or with the neighbours.",
        "The {carrier} driver left a note saying they tried to deliver order {order}, but I was home all day. How do I get it redelivered?",
        "My parcel is stuck in customs in {intl_country} and DHL wants me to pay import fees before they deliver it. Is that right?",
        "Order {order} shipped {n_days} days ago with {carrier}, and the tracking number doesn't work on their website.",
        "Only one box of order {order} has arrived. The {item} is missing, and the packing slip says it comes in a second parcel that never showed up.",
        "The tracking shows my package was sent to the wrong city, and it's been bouncing between depots for a week.",
        "I paid for express shipping on order {order} and it's now taking longer than standard shipping ever has. What happened?",
        "Can the courier leave my parcel with the concierge in my building? Order {order} is out for delivery today and I'm at work.",
        "How long does standard shipping to {intl_country} take at the moment? My order {order} has been on the way for {n_days} days.",
        "The tracking for order {order} has said 'label created' for {n_days} days. Has it actually left the warehouse?",
        "My parcel was delivered to the wrong house, I can see it in the courier's delivery photo. Please help me get it back.",
    ),
    boundary=(
        "My {gear} arrived today in a box crushed on one side, and it's broken inside. I want to send it back and get a new one.",
        "I received the wrong item: I ordered the {item} but the box has the {item2} in it. Please send me what I ordered.",
        "My order {order} already shipped, but I've just noticed the address has my old apartment number. Can you redirect the parcel?",
        "The {fabric} came out of the box with a big tear and dirty marks all over the packaging. I haven't used it at all, it arrived like this.",
        "I'd like a refund for order {order} because it never arrived. The tracking has been frozen for {weeks} weeks.",
        "Before I order the {item}: do you deliver to {intl_country}, and how long does delivery take?",
        "I'm not sure if this counts as a return: the {fabric} arrived soaking wet because the courier left the open box out in the rain.",
    ),
    short=(
        "where is my order {order}",
        "Parcel marked delivered but it's not here.",
        "tracking {tracking} not updating for days",
        "Still no package after {n_days} days.",
        "courier says delivered, I have nothing",
        "is my order {order} lost?",
    ),
    details=(
        "I'm going away at the weekend, so the timing matters.",
        "It's meant to be a birthday present.",
        "Please reply by email rather than phone.",
        "I live in a flat with a shared entrance.",
        "Deliveries to my street are usually fine.",
        "I'm in a bit of a hurry with this one.",
    ),
    asides=(
        "Your last parcel to me arrived a day late, but it got here in the end.",
        "The courier was very friendly last time, so no complaints about them.",
        "(My previous order came really fast, by the way.)",
        "I know shipping to my area is usually slow, that part is fine.",
        "Also, your tracking emails keep landing in my spam folder, but I found them.",
    ),
)

RTRN = LabelFragments(
    requests=(
        "I'd like to return the {clothing} from order {order}, it's too small. How do I get a return label?",
        "I sent back the {item} two weeks ago and the tracking shows you received it, but I still haven't got my refund.",
        "Can I return something I bought online at one of your stores? It's the {item} from order {order}.",
        "I'd like to exchange the {clothing} for {size} instead of {size_now}, it's a bit tight.",
        "How long do I have to return the {item}? It arrived last week and I haven't opened it.",
        "I changed my mind about the {item}. It's still in its box, unopened. What's the return process?",
        "My return for order {order} was rejected, but the item was unused and in its original packaging. Why?",
        "I returned two items from order {order} but was only refunded for one of them.",
        "My refund for the {item} came as store credit, but I paid by card. Can it go back to my card instead?",
        "The return label in my email expired before I could use it. Can you send a new one for order {order}?",
        "I'm a few days past the return window for the {item}. Is there any way I can still send it back?",
        "Do I need the original box to return the {item}? I threw it away, but the item itself is unused.",
    ),
    boundary=(
        "Please cancel order {order}, I don't need the {item} any more. I know it shipped yesterday, so just tell me how to send it back.",
        "You received my return of the {item} {n_bdays} business days ago and I still don't have my money. When will the refund be paid?",
        "The {item} works perfectly, it's just not what I expected and much heavier than I thought. I'd like my money back.",
        "Nothing is wrong with the {clothing} and it arrived in perfect condition, but the fit is off. I'd like a refund, not an exchange.",
        "The {item} arrived after the trip I bought it for, which was the whole point. It's fine otherwise, but I want to return it.",
        "Why was {label_fee} taken off my refund for the {item}? I sent it back in the original packaging.",
        "My bank still shows the refund for my returned {item} as pending after a week. When will it actually land?",
    ),
    short=(
        "how do i return the {item}",
        "Need a return label for order {order}.",
        "Refund for my return still hasn't arrived.",
        "can i exchange for a bigger size",
        "Can I return opened items?",
        "return window for the {item}?",
    ),
    details=(
        "I ordered it on the website, not in a store.",
        "I paid with my credit card.",
        "I can forward the order confirmation if you need it.",
        "Let me know if you need photos.",
        "I've never had to return anything to Acme before.",
        "I'd like to sort this out this week if possible.",
    ),
    asides=(
        "I also have a return from last month on its way back to you, which is fine.",
        "(I know how returns work, I've done one before.)",
        "I might return the other item from that order later, but I haven't decided yet.",
        "Your return process was easy the last time I used it.",
        "My refund from an earlier return came through quickly, so thanks for that.",
    ),
)

DEFT = LabelFragments(
    requests=(
        "The zip on my {zipped} broke after {months} months of normal use. It should still be under warranty, right?",
        "One of the poles of my {tent} snapped on our second trip. There was no wind and we set it up the usual way.",
        "My {pad} loses air overnight. I've checked for holes, and it seems to leak at the valve.",
        "The {light} won't charge any more. It worked fine for {months} months, and now the light blinks red and nothing happens.",
        "The sole is coming off my {boot} after {months} months of hiking.",
        "My {rainwear} has started leaking at the shoulder seams. It was waterproof when I bought it.",
        "The igniter on my {stove} clicks but doesn't spark any more, so I have to light it with a match.",
        "The lid seal on my {cooler} has cracked and it doesn't keep ice for more than a day now.",
        "A buckle on the hip belt of my {pack} broke while I was walking with a normal load.",
        "The {solar} stopped charging my phone after a few weeks in the sun.",
        "How do I make a warranty claim for my {fabric}? It's been {months} months and the stitching is coming apart.",
        "My {gps} freezes every few hours and only works again after a restart.",
    ),
    boundary=(
        "I want a full refund for my {rainwear}. I bought it {months} months ago and now it leaks every time it rains.",
        "The {tent} was perfect when it arrived and we used it all summer, but now a seam has split open. Can I return it?",
        "It's not a delivery problem, the {boot} arrived in perfect shape. But after a few hikes there's a crack across the toe.",
        "The replacement {gear} you sent for my warranty claim now has exactly the same fault as the first one.",
        "I'm thinking of buying another {pack}, because the strap on mine tore after {months} months. Is that covered under warranty before I spend money again?",
        "I'd like to send back my {light}: after {months} months it turns itself off after a few minutes. It was never dropped or wet.",
        "This isn't about my order or the delivery, everything arrived fine. After {months} months the {fabric} is coming apart at the seams.",
    ),
    short=(
        "{rainwear} leaking after {months} months",
        "Warranty claim for my {gear}, please.",
        "My {light} stopped working.",
        "zip broke on my {zipped}",
        "{tent} pole snapped, is that warranty?",
        "{pad} keeps deflating",
    ),
    details=(
        "I can send photos or a video if that helps.",
        "I bought it directly from Acme, on the website.",
        "It's a shame, because I really liked it until now.",
        "It hasn't been dropped or misused.",
        "I've looked after it well.",
        "I still have the order confirmation.",
    ),
    asides=(
        "(My old Acme stove finally died after many years, but that's just age, no complaint.)",
        "The zip on my daypack has gone a bit stiff, but it still works fine.",
        "I'll ask about a warranty claim for my headlamp another time.",
        "My tent has been through a lot of storms and is still going strong, by the way.",
        "Also, the jacket I bought from you last year is holding up really well.",
    ),
)

ACCT = LabelFragments(
    requests=(
        "I can't log in. The password reset email never arrives, and I've checked my spam folder.",
        "My account says it's locked after too many sign-in attempts. How do I unlock it?",
        "I want to change the email address on my account from {email} to a new one, but the confirmation link has expired.",
        "Please delete my Acme account and all the personal data you hold about me.",
        "I have two accounts by mistake, one with {email}. Can you merge them into one?",
        "I got a sign-in code by text message that I didn't ask for. Has someone got into my account?",
        "I lost the phone with my authenticator app and now I can't get past two-step verification.",
        "The app logs me out every time I close it, and I have to type my password again.",
        "My account has been suspended and I don't know why. I can't place any orders.",
        "How do I remove an old address and an expired card from my profile?",
        "I'd like to stop the marketing emails but keep getting the emails about my orders.",
        "My name is spelled wrong on my account and I can't find where to change it.",
    ),
    boundary=(
        "I'm trying to cancel my Acme Plus, but I can't even sign in: the password reset link says it has expired every time. Please help me get into my account first.",
        "It's not the payment, my card works everywhere else. My account is marked as suspended and the checkout won't let me continue.",
        "I can't see my order history any more. It looks like I'm signed in to a different account with the same name as mine.",
        "Someone changed the delivery address and the email address on my profile, and it wasn't me.",
        "I can't check my Rewards points because the app says my session is invalid every time I sign in.",
        "I don't want to return anything, I just can't get to the returns page because the website keeps sending me back to the sign-in screen.",
        "I got an order confirmation email for order {order} that I never placed. Has someone got into my account?",
    ),
    short=(
        "cant log in",
        "Password reset link not working.",
        "please delete my account",
        "Locked out of my account.",
        "2FA code never arrives",
        "How do I change my email address?",
    ),
    details=(
        "The account is under {email}.",
        "I've had this account for years.",
        "I'm happy to verify my identity if needed.",
        "I mostly use the app, not the website.",
        "Please let me know what you need from me.",
        "I can answer security questions if that helps.",
    ),
    asides=(
        "I had trouble signing in earlier too, but it worked in the end.",
        "Also, I changed my email address recently, in case that matters.",
        "(I'll update my saved address myself later.)",
        "By the way, the new sign-in page is much nicer.",
        "I've just turned on two-step verification, so I might be slow to reply.",
    ),
)

MEMB = LabelFragments(
    requests=(
        "Please cancel my {plan} membership. I don't use the free shipping enough to make it worth it.",
        "I was charged {monthly_fee} for Acme Plus today, but I thought I had cancelled during the free trial.",
        "Can I switch from Acme Plus Monthly to the annual plan? How does the billing change?",
        "Why did my Acme Plus fee go up? I've been paying {old_fee} a month until now.",
        "My Acme Plus free trial started last week, but I was still charged shipping on order {order}.",
        "The PLUS5 code says it's not valid for my account, but I'm an Acme Plus member.",
        "I have {points} Rewards points but I can't find how to redeem them.",
        "My Rewards points for order {order} never showed up, and it shipped two weeks ago.",
        "I should be Summit tier by now. I've spent over $1,500 this fiscal year, but my account still says Ridge.",
        "Can I pause my Acme Plus membership for a few months while I'm abroad?",
        "I cancelled my annual Plus membership within 30 days of the renewal. When will I get the {annual_fee} back?",
        "Do my Rewards points expire? I have {points} and I don't want to lose them.",
    ),
    boundary=(
        "There's a {plan_fee} charge from Acme on my card statement and I didn't buy anything. Is that the membership renewing?",
        "I don't want to cancel my order, just the Acme Plus subscription I signed up for at checkout.",
        "Please refund the Acme Plus annual fee. I renewed by accident {n_days} days ago and I don't want another year.",
        "As a Plus member I shouldn't pay for shipping, but order {order} charged me {ship_fee} for standard delivery.",
        "I can log in fine, that's not the issue. My account page just doesn't show my Plus membership any more and the free shipping stopped working.",
        "My Rewards balance dropped by {points} points and I haven't returned anything. Can someone check what happened?",
        "Is Acme Plus available for business accounts? Our team orders gear from you every month.",
    ),
    short=(
        "cancel my acme plus please",
        "How do I redeem my Rewards points?",
        "plus fee charged after the trial??",
        "Switch my Plus to annual please.",
        "missing rewards points for order {order}",
        "Is PLUS5 still valid?",
    ),
    details=(
        "The account is under {email}.",
        "I only order a few times a year.",
        "I've looked at the membership pages but couldn't find the answer.",
        "Please reply by email, I can't call during work hours.",
        "I'd appreciate a quick answer on this.",
        "I use the app for most of my orders.",
    ),
    asides=(
        "I'm an Acme Plus member, if that makes any difference.",
        "(I'm {tier} tier in Rewards, for what it's worth.)",
        "My Acme Plus renews next month, but that's not why I'm writing.",
        "I used some Rewards points on my last order, and that worked fine.",
        "Also, I'll sort out my Plus renewal date myself later.",
    ),
)

PROD = LabelFragments(
    requests=(
        "What's the difference between the {item} and the {alt}? I'm trying to decide which one to buy.",
        "Is the {rainwear} properly waterproof? I'm thinking of buying it for a week of hiking in Scotland.",
        "Will the {small} fit inside the {pack}? I'd like to buy both.",
        "Does the {stove} work with fuel canisters from other brands, or only the Ember ones?",
        "How warm is the {bag} really? Our autumn nights get close to freezing.",
        "Does the {boot} run true to size? I'm usually between a 9 and a 9.5.",
        "When will the {clothing} be back in stock? It's been sold out in my size for weeks.",
        "Can the {solar} charge the {gps} directly, or do I need a power bank in between?",
        "How much does the {camp} weigh? I'm trying to keep my pack under 10 kg.",
        "Is the {disc} discontinued, or just out of stock? I'd like to buy one.",
        "Which headlamp would you recommend for trail running at night, the Beacon 400 or the Beacon 900?",
        "Can the {cooler} keep ice for a four-day trip in summer?",
        "Is the {camp} suitable for a complete beginner? I've never been camping before.",
    ),
    boundary=(
        "I haven't bought it yet: does the {rainwear} stay waterproof after a few seasons? My old jacket from another brand started leaking after a year.",
        "My {camp} works great, no complaints at all. I'd like to buy a second one for my brother. Is the current version the same as mine?",
        "This isn't about a return, I haven't ordered yet: what sizes does the {clothing} come in, and does it run small?",
        "I have an order on the way, but this is a different question: is the {camp} a good match for the {camp2}? I'm thinking of buying it next.",
        "What's the warranty on the {item} if I buy it now? I want to know before I spend {price}.",
        "Is the {gps} subscription billed separately from the device, and how much is it a month? I'm working out the total cost before I buy.",
        "Would the {stove} still work at high altitude? Mine works fine, I'm just asking before I buy one for a friend.",
    ),
    short=(
        "is the {rainwear} waterproof?",
        "Does the {boot} run small?",
        "when is the {clothing} back in stock",
        "{item} or {alt}, which one would you pick?",
        "How heavy is the {tent}?",
        "Is the {bag} machine washable?",
    ),
    details=(
        "I'm planning a trip to Patagonia in March.",
        "Budget isn't a big issue, I just want something that lasts.",
        "I've read the product page but couldn't find the answer.",
        "I'm fairly new to camping.",
        "I'd like to order before the weekend.",
        "I usually hike in wet, cold weather.",
        "I'd order it through the app.",
    ),
    asides=(
        "I'm also thinking of getting the {item2} later this year.",
        "(My {item2} from you has been great, by the way.)",
        "I'll probably ask you about sleeping bags for the kids another time.",
        "I had a look at the new headlamps too, they look nice.",
        "By the way, your product pages are really helpful.",
    ),
)

ORDR = LabelFragments(
    requests=(
        "Please cancel order {order}. I placed it by mistake about an hour ago.",
        "Can I change the {clothing} in order {order} from {size_now} to {size}? It hasn't shipped yet.",
        "I need to change the delivery address on order {order}. It still says pending.",
        "I forgot to add the {item2} to order {order}. Can you add it so everything ships together?",
        "Can I upgrade order {order} to express shipping? It still shows as pending.",
        "Your website cancelled my order {order} and I don't know why. I still want the {item}.",
        "I ordered the {item} in the wrong colour. Can you switch it to {color} before it ships?",
        "Please remove the {item} from order {order} and ship the rest.",
        "Order {order} hasn't shipped yet. Can you change the quantity of the {item} from one to two?",
        "I'd like to cancel just one item from order {order}, the {item}. Everything else can ship.",
        "I picked the wrong shipping speed on order {order}. Can you change it to standard before it goes out?",
        "I placed order {order} ten minutes ago and want to change the size of the {clothing} to {size}.",
    ),
    boundary=(
        "I don't want to cancel my Acme Plus, just order {order}. It's still pending.",
        "I've already been charged for order {order}, but it hasn't shipped yet. Please cancel it and release the payment.",
        "Order {order} hasn't shipped yet, right? Then please change the delivery address; the one on the order is my old office.",
        "I want to swap the {clothing} in my order for a bigger size. The order still shows pending, so I hope it's not too late.",
        "Our business order {order} hasn't been invoiced yet. Can we change the quantity of the {item} from 10 to 15?",
        "I placed the same order twice by mistake. Please cancel order {order}, the duplicate; nothing has shipped yet.",
        "Could you hold order {order} until next week instead of shipping it now? Nobody will be home to take the delivery.",
    ),
    short=(
        "cancel order {order} pls",
        "Change the size on order {order}?",
        "wrong address on my order, it hasn't shipped yet",
        "Can I still cancel order {order}?",
        "Remove the {item} from my order please, it's still pending.",
        "ordered twice by accident, cancel one",
    ),
    details=(
        "I placed it earlier today.",
        "I checked the order page in my account just now.",
        "I ordered through the app.",
        "According to my account, nothing has shipped yet.",
        "Sorry for the hassle.",
        "A quick reply would really help.",
    ),
    asides=(
        "I have another order on its way too, and that one is fine.",
        "I placed another order last week too, and that one is fine.",
        "I changed an order last month through the app and it was easy.",
        "My last order arrived complete, so no complaints there.",
        "Also, I'm keeping the order I placed last week as it is.",
    ),
)

FRAGMENTS: dict[str, LabelFragments] = {
    "BILL": BILL,
    "SHIP": SHIP,
    "RTRN": RTRN,
    "DEFT": DEFT,
    "ACCT": ACCT,
    "MEMB": MEMB,
    "PROD": PROD,
    "ORDR": ORDR,
}

# Sentences that fit any label; they make a message longer without changing its topic.
CONTEXT = (
    "I've been shopping with Acme for years and never had a problem before.",
    "Sorry if this is the wrong place to ask.",
    "I looked through the help pages first but couldn't find an answer.",
    "I'm writing from my phone, so excuse the typos.",
    "We're leaving on a trip in two weeks, so the timing matters a bit.",
    "My partner told me to email you instead of waiting on the phone.",
    "I tried the chat earlier but it disconnected.",
    "I don't usually write to customer service, but I'm stuck.",
    "This is my first order from Acme.",
    "I've recommended you to lots of friends, so I hope we can sort this out.",
    "I live in {country}, in case that matters.",
    "I called yesterday but the wait was too long.",
)

# Openings and closings by tone. An empty string means none.
OPENINGS = {
    "neutral": ("Hi,", "Hello,", "Hi there,", "Good morning,", "Hello Acme team,", "Hi Acme,",
                "Dear customer service,", "Hi support,", ""),
    "casual": ("hey", "hi", "hiya", "hey acme", ""),
    "angry": ("This is ridiculous.", "I am really fed up.", "Honestly, what is going on with you guys?",
              "Third time writing about this.", "Not happy at all.", "I'm beyond frustrated right now.",
              "Unbelievable."),
    "non_native": ("Hello dear Acme team,", "Dear Sir or Madam,", "Good day,",
                   "Hello, I write you because I have a problem.", "Dear support, I hope you are well.",
                   "Hello, please I need your help."),
}

CLOSINGS = {
    "neutral": ("Thanks!", "Thank you.", "Thanks in advance.", "Let me know, thanks.", "Appreciate the help.",
                "Thanks for your help.", "Cheers,", "Best regards,", "Kind regards,", ""),
    "casual": ("thx", "ty", "cheers", "thanks!!", ""),
    "angry": ("Sort this out please.", "I expect an answer today.", "Very disappointed.",
              "If this isn't fixed I'm done with Acme.", "Please fix this ASAP!!",
              "I've been a customer for years and this is how I'm treated?"),
    "non_native": ("Thank you in advance for your kind help.", "I am waiting for your answer.",
                   "Thanks and best regards,", "Please help me, thank you very much.",
                   "Hoping for your fast reply."),
}

FIRST_NAMES = (
    "Maria", "Tom", "Priya", "Jonas", "Keiko", "Luis", "Aisha", "Ben", "Chloe", "Diego", "Hannah",
    "Mateo", "Sofia", "Wei", "Olu", "Grace", "Pieter", "Camille", "Raj", "Emma", "Noah", "Lena",
    "Tariq", "Yuki", "Carlos", "Fatima", "Sam", "Ingrid", "Marco", "Ana",
)
LAST_NAMES = (
    "Morales", "Nguyen", "Schmidt", "Okafor", "Tanaka", "Brennan", "Haddad", "Larsen", "Costa",
    "Patel", "Dubois", "Walsh", "Kowalski", "Silva", "Fischer", "Reyes",
)
