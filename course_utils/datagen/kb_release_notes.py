"""Release notes of the Acme mobile app and the acme.example website.

Release notes are dated and often mention the policy changes they shipped with, which
makes them useful (and sometimes misleading) evidence about *when* something changed.
"""

from __future__ import annotations

from datetime import date

from course_utils.datagen.kb_facts import (
    PLUS_V2,
    PRICE_ADJUSTMENT_V2,
    RETURNS_V2,
    SHIPPING_V2,
    Doc,
    monthly_fee,
    name,
    points,
    usd,
)


def release(doc_id: str, title: str, released: date, text: str) -> Doc:
    """A release note: title, release date line, then the notes."""
    body = f"# {title}\n\n*Released {released.day} {released:%B %Y}.*\n\n{text.strip()}\n"
    return Doc(doc_id, title, "release_notes", released, body)


APP_4_8 = release("REL-APP-4-8", "Acme App 4.8 Release Notes", date(2024, 10, 15), """\
## New

- Wish lists: save products to named lists and share them with a link.
- Barcode scanner in the search bar: scan a product in a store to see reviews and sizes.

## Improved

- Order tracking shows the carrier's latest scan and the estimated delivery date.
- Product questions: ask the community or Acme's gear advisers from any product page.
- Faster start-up on older Android phones.

## Fixed

- The Rewards balance sometimes showed zero after signing in on a new phone.
- Push notifications for back-in-stock alerts arrived twice.
- The size picker reset to the smallest size after adding an item to the basket.

## Known issues

- On some Samsung phones the barcode scanner needs a second tap to focus. A fix is planned for the
  next release.

## Requirements

iOS 15 or later, Android 9 or later. The update is about 48 MB. Your basket, wish lists and saved
addresses are kept when you update.""")

APP_5_0 = release("REL-APP-5-0", "Acme App 5.0 Release Notes", date(2025, 2, 3), f"""\
Version 5.0 is a redesign of the app around the new fiscal year's Acme Rewards programme.

## New

- A new Rewards tab shows your tier, your points this fiscal year and how many you need for the
  next tier. The new thresholds are Ridge at {points("Ridge")}, Summit at {points("Summit")} and
  Peak at {points("Peak")}.
- Return windows are shown on every order: {RETURNS_V2.window_days} days, or
  {RETURNS_V2.peak_window_days} days for Peak members.
- Start a return with a QR code instead of printing a label.
- The order page explains the refund timeline step by step, from drop-off to refund.

## Improved

- Checkout remembers your preferred shipping speed.
- Dark mode now covers every screen.

## Fixed

- Gift card balances with cents were rounded down in the wallet.
- Order history did not load for accounts with more than 500 orders.

## Requirements

iOS 16 or later, Android 10 or later. Version 4.x stops receiving updates on 1 May 2025.""")

APP_5_1 = release("REL-APP-5-1", "Acme App 5.1 Release Notes", date(2025, 4, 14), f"""\
## New

- Acme Plus management: join, switch between monthly and annual, or cancel under Account > Acme
  Plus. The monthly plan is {monthly_fee("PLUS_M")} and the annual plan {usd(PLUS_V2.annual_fee)}.
- TrailSat messenger pairing: add a {name("ELC-400")} under Devices and manage its service plan.
- Store pickup: choose a store at checkout and get a notice when your order is ready. Orders are
  held for 7 days.

## Fixed

- Some users were signed out after changing their password on the website.
- The size picker did not show wide widths for the Switchback Hiking Boot.

## Improved

- Product pages load up to twice as fast on mobile networks.
- Reviews can be filtered by activity, such as backpacking or car camping.
- Notifications can be switched off per topic: orders, offers, Rewards and Acme Plus.

## Requirements

iOS 16 or later, Android 10 or later.""")

APP_5_2 = release("REL-APP-5-2", "Acme App 5.2 Release Notes", date(2025, 8, 4), f"""\
## Changed

- The free shipping progress bar in the basket now uses the new North America threshold of
  {usd(SHIPPING_V2.free_over_usd)}.
- Delivery estimates use the new standard times of {SHIPPING_V2.na_standard_days} business days in
  North America.

## New

- Two-step verification with an authenticator app.
- Order history can be filtered by status: pending, shipped, delivered, cancelled and returned.

## Fixed

- Apple Pay failed for orders with more than 20 lines.
- Rewards points earned in retail stores took up to a week to appear; they now appear the next day.

## Improved

- The order tracking map shows the parcel's last scan location.
- Accessibility: every button has a label for screen readers, and text follows the phone's size
  setting.

## Known issues

- The free shipping progress bar does not count Acme Plus membership yet: Plus members may see it,
  but their standard shipping is free whatever it shows.""")

APP_5_3 = release("REL-APP-5-3", "Acme App 5.3 Release Notes", date(2025, 10, 1), f"""\
## New

- Price adjustments: if we lower the price of something you bought, ask for the difference under
  Orders > Price adjustment. The window is {PRICE_ADJUSTMENT_V2.days} days, or
  {PRICE_ADJUSTMENT_V2.plus_days} days for Acme Plus members, and the money goes back to your card.
- Black Friday countdown and a preview of deals for Ridge members and above.

## Improved

- Search understands sizes and colours, such as "women's 8 boot" or "blue rain jacket".
- Product comparisons: compare up to three tents or sleeping bags side by side.

## Fixed

- The QR code for returns did not display on some Android tablets.
- Apple Watch notifications showed the order number instead of the product name.

## Improved

- The basket keeps items for 30 days instead of 7 when you are signed in.
- The store finder shows each store's opening hours for the next public holiday.

## Requirements

iOS 16 or later, Android 10 or later.""")

APP_5_4 = release("REL-APP-5-4", "Acme App 5.4 Release Notes", date(2026, 1, 20), """\
## New

- Your year in the outdoors: a summary of fiscal 2025 with your orders, points and tier for fiscal
  2026.
- Data export in the app: download a copy of your personal data from Account > Privacy, as on the
  website.

## Improved

- The Rewards tab shows points that will expire in the next 60 days.
- Support chat keeps the conversation when you switch between the app and the website.
- Fiscal 2026 tier badges appear on the Rewards tab from 1 February 2026.
- The returns flow suggests an exchange first when the reason is size or fit.

## Fixed

- The TrailSat plan page showed prices without tax in Canada.
- Some Peak members were shown the standard support number instead of their dedicated line.
- Returns started in the app were sometimes listed twice in order history.

## Requirements

iOS 17 or later, Android 11 or later. Phones that cannot update keep working with version 5.3
until 30 June 2026.""")

WEB_2025_06 = release("REL-WEB-2025-06", "Website Release Notes, June 2025", date(2025, 6, 10), """\
## Business portal

- A new business portal for invoiced accounts: authorised buyers, purchase order numbers, and
  invoices to download as PDF.
- Account statements show the payment terms of the account and each invoice's due date.
- Volume discounts are shown in the basket as soon as an order reaches $5,000.

## Shop

- Product pages show the warranty length and a link to the product guide.
- The size guide for footwear has a foot length converter.

## Fixed

- Promotion codes typed in lower case were rejected.
- The checkout page timed out for baskets with more than 50 lines.

## Accounts

- Saved payment cards can be managed on the website as well as in the app.
- Saved addresses can be given a name, such as "Home" or "Cabin".

## Performance

Pages are now served from data centres in each region, which makes the site noticeably faster for
customers in Asia Pacific and Latin America.""")

WEB_2025_11 = release("REL-WEB-2025-11", "Website Release Notes, November 2025", date(2025, 11, 18),
                      """\
## Black Friday

- The BF25 code can be entered from 28 November. A banner shows when it is active.
- Queueing page for peak traffic, so the site stays fast during the sale.

## Gift cards

- Check a gift card's balance without signing in, at acme.example/giftcard.
- Schedule an e-gift card for a date up to 12 months ahead.

## Fixed

- The store pickup option disappeared when the basket contained a gift card.
- Order confirmation emails showed the wrong currency symbol for customers in Australia.
- The returns page did not accept order numbers with spaces.

## Shop

- Gift guides by budget: under $50, under $100 and under $250.
- Holiday returns: the return date shown on orders delivered from 1 November now reads 31 January.

## Known issues

- Scheduled e-gift cards cannot be edited after they are scheduled; cancel and buy a new one.""")

RELEASE_NOTES = [APP_4_8, APP_5_0, APP_5_1, APP_5_2, APP_5_3, APP_5_4, WEB_2025_06, WEB_2025_11]
