"""Customer messages written one by one, as they would arrive (tag "handwritten").

They add what the fragment combinations cannot: odd phrasing, run-on sentences, natural
typos, a customer arguing with the wrong category in advance. Each entry is
(label, tags, text); the tags listed here are the ones a reader judges (hard, typo, angry,
non_native, mixed_topic); tickets.py adds "handwritten", "short" and "long" itself.
The test ones never enter training, and none of them rewords a fragment of tickets_fragments.
"""

from __future__ import annotations

TEST = (
    # BILL
    ("BILL", "hard typo", "hi, i just looked at my credit card and theres two charges of $289.00 from acme on the same day. I only bought ONE Basecamp 65 (order 506114). please refund the extra one"),
    ("BILL", "", "Hello, our school district ordered 40 packs of Trail Hiking Socks on the business account and the invoice still shows a late fee of 1.5% a month. We were told it's 1% now. Can you correct the invoice for PO-88213?"),
    ("BILL", "hard", "Bought the Nimbus Down Jacket on the 3rd for $229, now it's on sale for $199. Can I get the $30 back? I'm keeping the jacket, love it."),
    ("BILL", "mixed_topic", "Payment keeps failing. Tried visa and mastercard. Cart has the Ridgeline 4 Tent in it. Error says 'payment could not be processed'. (Also still waiting on the refund for the boots I sent back, but I'll give that another week.)"),
    ("BILL", "non_native", "I am writing from Spain. On my bank statement the order 504877 is 182 euros but at checkout it said 169 euros. Why it is different price? Please explain me."),
    ("BILL", "hard", "I'm not a Plus member and don't want to be, so please don't tell me to join. Order 507003 was $140, well over the $99 free shipping limit, and I was still charged $7.95 for shipping. Please refund that."),
    ("BILL", "", "gift card balance wrong. Had $100 on it, used $45.50 on order 503390, now it says $0??"),
    ("BILL", "hard angry", "You took $529.00 for a Summit Ultralight Tent order that I cancelled the same day. The cancellation email said the money would be released in 3 business days. It has been TWO WEEKS. Where is my money?"),
    # SHIP
    ("SHIP", "mixed_topic", "Tracking says delivered at 2:14pm but nothing here. Checked the porch, the garage and with the neighbors. Order #504402. I know I also owe you a return for another order, I'll post it this week."),
    ("SHIP", "hard", "the box was totally crushed when it came and the Lumen Camp Lantern inside is cracked, bits of plastic everywhere. do i send it back or what"),
    ("SHIP", "hard non_native", "Hello, I live in New Zealand. You ship the Glacier 45 Cooler to here, and how many days it takes? I want to buy it for the summer."),
    ("SHIP", "non_native", "My parcel with DHL is in customs in Chile since 9 days. They ask me to pay import tax. This is included in price I paid or not?"),
    ("SHIP", "hard", "Ordered the Switchback Low Hiking Shoe in size 9, got a size 11 Switchback Hiking Boot in the box instead. Need the right ones before my trip on Saturday!"),
    ("SHIP", "angry", "ORDER 509012 HAS BEEN 'IN TRANSIT' FOR 3 WEEKS. THREE WEEKS. Where is it??"),
    ("SHIP", "hard", "Hi, order 503877 shipped on Monday but I moved house yesterday, the new place is across town. Can the courier still bring it to the new address?"),
    ("SHIP", "typo", "only got half my order. the cook set came but no stove. packing slip lists both of them, so wheres the rest"),
    # RTRN
    ("RTRN", "hard", "I returned the Drift Rain Pants (APP-110) on the 2nd and tracking shows you got them on the 5th. Still no refund on my card. How long does this take?"),
    ("RTRN", "", "I need to return a jacket that's too big. I bought it in one of your stores but I'd like to return it by mail, is that ok?"),
    ("RTRN", "hard", "Can I cancel order 505120? It shipped yesterday I think, but I don't need the hammock anymore"),
    ("RTRN", "hard", "Why did I only get $73.05 back for the Merino Base Layer Top? I paid $79 for it."),
    ("RTRN", "non_native", "Hello, the boots is perfect quality but too narrow for my feet. I wear them one time only inside the house. Can I return them and have my money back?"),
    ("RTRN", "", "sending back the garden bed kit, my landlord said no. how do i get a label"),
    ("RTRN", "hard", "The cooler arrived on time and undamaged, it's just way too big for my car. Return please. Order 502998."),
    ("RTRN", "hard angry", "I was told my return was received but the refund went onto STORE CREDIT?? I paid with my card and never asked for store credit."),
    # DEFT
    ("DEFT", "hard", "My Switchback boots (FTW-100) are 7 months old and the sole is peeling away at the toe on both of them. Honestly I'd like my money back."),
    ("DEFT", "mixed_topic", "Beacon 900 headlamp stopped holding its charge. A full charge lasts 20 minutes now, it used to last all night. Bought it last spring. Side note, your app keeps logging me out but I'll live with it."),
    ("DEFT", "", "Our Ridgeline 4 Tent was perfect the first summer. This year a pole cracked while we were pitching it in calm weather. Is this a warranty thing?"),
    ("DEFT", "typo", "hi the zip of my cirrus 0f sleeping bag keeps spliting open behind the slider. only had it 4 months"),
    ("DEFT", "angry typo", "I am very disapointed. Paid $229 for the Glacier cooler and the latch broke on the third camping trip. For this price I expect better!!"),
    ("DEFT", "", "The replacement Loft Air pad you sent for my claim is leaking too, in exactly the same spot by the valve. That's two in two months."),
    ("DEFT", "hard", "Not a delivery issue, it arrived in perfect shape. But after two weeks of use the SolarCharge panel (ELC-200) gives zero output even in full sun."),
    ("DEFT", "non_native typo", "Bonjour, my Drift rain jacket is now leaking water inside at the shoulders and I have it only 6 months. What I must do for the garantee?"),
    # ACCT
    ("ACCT", "", "Password reset link says expired every time, even when I click it within a minute. Going round in circles here."),
    ("ACCT", "angry typo", "i think someone hacked my account. got an email that my email adress was changed but it wasnt me!!"),
    ("ACCT", "", "Please close my account and delete my data. I don't want to hear from Acme anymore."),
    ("ACCT", "hard", "I'm trying to cancel my Acme Plus but I can't sign in, it says my account is locked. Please unlock it first so I can do it myself."),
    ("ACCT", "hard", "My card is fine (I used it at your store an hour ago). The website says my account is suspended and won't let me check out. Why?"),
    ("ACCT", "non_native", "Hello, I changed my phone and now the verification code goes to the old number. How I can change the number?"),
    ("ACCT", "mixed_topic", "Can you merge my old account (old uni email) into my current one? I'd like my order history in one place. The Rewards points can go wherever, I don't care much about those."),
    ("ACCT", "", "App keeps logging me out every few minutes. Super annoying when I'm halfway through checkout."),
    # MEMB
    ("MEMB", "hard angry", "There's a $99.90 charge from Acme on my card and I didn't order anything. Did my Plus renew?? I thought I turned that off."),
    ("MEMB", "hard", "Please cancel my Acme Plus Monthly. NOT the order I placed yesterday, that one I still want."),
    ("MEMB", "mixed_topic", "I joined the free trial 10 days ago. If I cancel now, do I pay anything? The order I placed with the free shipping is already here, so that part is done."),
    ("MEMB", "", "My points from order 506679 never arrived and it shipped more than a week ago. Should be about 190 points."),
    ("MEMB", "non_native", "Hello, now I pay $9.99 each month but before it was $7.99. Why it is more expensive? Nobody told me."),
    ("MEMB", "hard", "I'm an Acme Plus member but PLUS5 won't work on the Nimbus Down Jacket. Is the jacket excluded or is my membership broken?"),
    ("MEMB", "", "how do I switch from monthly plus to annual, and do I lose the month I already paid"),
    ("MEMB", "", "I spent over $1,600 this fiscal year and I'm still Ridge. Summit starts at 1,500 points, right? Please fix my tier."),
    # PROD
    ("PROD", "", "What's the real difference between the Basecamp 50 and the Basecamp 65 apart from size? Doing a 5-day hut trek, no camping."),
    ("PROD", "", "Is the Cirrus 20F warm enough for -5°C nights or should I get the 0F?"),
    ("PROD", "mixed_topic", "Does the Summit Ultralight Tent need a footprint, or is the floor tough enough on its own? My last order took ages to arrive but whatever, it got here."),
    ("PROD", "hard", "Haven't bought it yet. What's the warranty on the Glacier 45 Cooler? Want to know before I spend $229."),
    ("PROD", "hard", "Hi, is the River Sandal coming back? Mine finally wore out after 4 summers and I want the same ones again."),
    ("PROD", "", "will the ember stove fit inside the titan cook set? trying to pack light"),
    ("PROD", "hard non_native", "Hello, I want to buy the TrailSat GPS Messenger for my father. The subscription is paid to Acme or to other company? How much per month?"),
    ("PROD", "", "Do you have the Merino Base Layer Top in XS? The website only shows S to XL."),
    # ORDR
    ("ORDR", "", "Placed order 508871 twenty minutes ago and already regret it. Please cancel, nothing has shipped."),
    ("ORDR", "hard", "Hi, I don't want to cancel my Acme Plus, only order 506320. It still says pending."),
    ("ORDR", "hard", "Order 507744 is still pending. I put my work address by mistake, can you change it to my home address before it ships?"),
    ("ORDR", "hard", "I accidentally ordered the Ridgeline 2 Tent twice (orders 502341 and 502342). Please cancel one of them."),
    ("ORDR", "typo", "ordered the drift rain jacket in M, need L. it hasnt shipped yet, can you chnage it?"),
    ("ORDR", "non_native", "Hello, my order was cancelled by you and I do not know why. I still want the Basecamp 65 Backpack. Can you make it active again?"),
    ("ORDR", "hard", "Can I still upgrade order 503356 to express? I need it by Friday and it hasn't left the warehouse yet."),
    ("ORDR", "angry", "This is the second time I'm asking: CANCEL order 509033. It hasn't shipped, I checked. Why is this so hard?"),
)

TRAIN = (
    # BILL
    ("BILL", "", "Can I pay for one order with 2 gift cards? The site only shows one box for the code."),
    ("BILL", "", "Need a VAT invoice for order 502210, company name Brightwater GmbH. The emailed receipt has no VAT line on it."),
    ("BILL", "angry", "wtf, $79 charged twice for the Ember stove. order 505561. fix it"),
    ("BILL", "", "My card got charged for order 508002 but the app says the payment failed and to try again. I don't want to pay twice, was the payment taken or not?"),
    ("BILL", "", "Hello, the promo code SPRING10 said applied but I paid the full $249 for the Basecamp 50 Backpack (PCK-210). I want the 10% back please."),
    ("BILL", "hard", "I returned nothing, so this isn't a return thing: my statement shows a refund of $59 AND a new charge of $59 from Acme, both for the firepit grill grate. Which one is right, and do I still owe anything?"),
    # SHIP
    ("SHIP", "", "Hi, my FedEx package for order 501944 says 'exception: address issue'. The address is right, what do I do?"),
    ("SHIP", "hard", "Tent arrived today with a pole section bent and the bag ripped, looks like it was dropped from a height. Refund or replacement, whichever is quicker."),
    ("SHIP", "hard", "Do you deliver to PO boxes? I live rural and that's the only reliable way to get parcels here."),
    ("SHIP", "typo", "hiya, waiting on order 507710. tracking hasnt updated in 8 days, stuck at columbus OH"),
    ("SHIP", "", "My order is coming from the Rotterdam warehouse and it's been a week. Is that a normal delivery time to Germany?"),
    ("SHIP", "hard", "Your courier threw my parcel over the fence into the rain and the Cirrus 20F bag inside is soaked through. Please send another one."),
    # RTRN
    ("RTRN", "mixed_topic", "What's the return window now? I bought a sleeping pad 5 weeks ago and never opened it. (I'm a Plus member if that changes anything.)"),
    ("RTRN", "", "Exchanging the Drift Rain Jacket for a size L, it fits like a tent on me. Already have it at home."),
    ("RTRN", "hard angry", "It's been 12 business days since your warehouse scanned my return. Where's my money?"),
    ("RTRN", "hard", "The headlamp works but it isn't bright enough for what I need. Can I send it back even though I opened it?"),
    ("RTRN", "hard", "arrived a week after my trip, which was the whole point of ordering it. i want to send it back"),
    ("RTRN", "non_native", "Hallo, I want to give back the Trailhead 28 Daypack, the colour is not like on the photo. It is new, not used."),
    # DEFT
    ("DEFT", "", "The igniter on my Ember Backpacking Stove stopped sparking. I use a lighter now but that's not really the point."),
    ("DEFT", "", "Hip belt buckle on my Basecamp 65 cracked in half on a normal day hike, 10kg in the pack max."),
    ("DEFT", "hard", "want to return my TrailSat GPS Messenger, it freezes every few hours and needs a restart. had it 3 months"),
    ("DEFT", "", "Seam tape is peeling inside the Summit Ultralight Tent after only a few nights. We dried it properly every time."),
    ("DEFT", "", "The lantern flickers and turns itself off. Had it about 8 months, never dropped it."),
    ("DEFT", "non_native", "Hello, the hammock rope broke while my wife was sitting in it. She is ok but it was scary. We have it since last summer, only in the garden."),
    # ACCT
    ("ACCT", "", "Forgot my password and the reset email goes to an address I no longer have access to."),
    ("ACCT", "mixed_topic", "How do I turn off the marketing emails? I get three a week. I still want the ones about my orders and my Plus renewal, obviously."),
    ("ACCT", "hard", "I can't log in to check my Rewards points, it keeps saying wrong password even after I reset it."),
    ("ACCT", "", "Locked out after too many tries. Help"),
    ("ACCT", "hard", "Someone placed an order on my account that I didn't make and changed the shipping address. Please secure my account."),
    ("ACCT", "", "Hello, I'd like to change the name on my account, I got married. Where can I do that?"),
    # MEMB
    ("MEMB", "", "Cancel my Plus membership please, I don't order enough to make it worth it."),
    ("MEMB", "hard", "Do Acme Plus members get free shipping to Canada too or only in the US?"),
    ("MEMB", "hard", "I renewed the annual plan by accident 4 days ago, can I get the $99.90 back?"),
    ("MEMB", "", "how do i spend my rewards points? can't find it anywhere in the app"),
    ("MEMB", "hard", "I'm a Plus member and order 503318 charged me $7.95 for standard shipping. Isn't that supposed to be free for members?"),
    ("MEMB", "", "Can our company account join Acme Plus? We order every month."),
    # PROD
    ("PROD", "", "Can the SolarCharge 20W Panel charge a laptop or only phones?"),
    ("PROD", "", "Which is better for a first backpacking trip, the Ridgeline 2 or the Summit Ultralight? Weight matters, budget less so."),
    ("PROD", "mixed_topic", "Do the Switchback boots come in a wide fit? My last pair took forever to arrive but that's another story."),
    ("PROD", "hard", "My Loft Air pad is still great after 3 years, no problems at all. Thinking of a second one for my partner. Is the current model the same or was it changed?"),
    ("PROD", "", "Is the Drift Rain Jacket ok for skiing or is it too thin?"),
    ("PROD", "", "Are the Beacon 400 batteries replaceable? I hike in places where I can't recharge."),
    # ORDR
    ("ORDR", "", "Can you take the foam pad out of order 505005? I only need the sleeping bag."),
    ("ORDR", "hard", "Our business order 500877 hasn't been invoiced yet. Please increase the Trail Hiking Socks from 20 to 30 packs."),
    ("ORDR", "", "pls cancel my order i clicked buy by accident"),
    ("ORDR", "hard", "I already paid for order 508120 but I want to cancel it before it ships and get the money back."),
    ("ORDR", "hard", "Could you hold my order until the 20th? I'm away and don't want it sitting outside."),
    ("ORDR", "", "Change the colour of the Nimbus Down Jacket in order 504419 from black to blue please, it's still pending."),
)
