"""Acme's product guides: specs, setup, care and troubleshooting, one document per product line.

Every guide opens with the same key-value table (SKU, list price, warranty, then specs),
filled from acme_world so that prices and warranties can never disagree with the
analytics database. A guide that covers two products has one column per product.
The price list, which covers every product, comes first.
"""

from __future__ import annotations

from datetime import date

from course_utils.datagen import acme_world as world
from course_utils.datagen.kb_facts import (
    Doc,
    PRODUCTS_BY_SKU,
    long_date,
    name,
    named,
    price,
    warranty,
)

CATEGORY_NAMES = {c.code: c.name for c in world.CATEGORIES}


def spec_table(skus: list[str], specs: dict[str, list[str] | str]) -> str:
    """A key-value table: one column per product, rows SKU, list price, warranty, then specs."""
    header = "| | " + " | ".join(name(s) for s in skus) + " |"
    rule = "|---" * (len(skus) + 1) + "|"
    rows = [
        ["SKU", *skus],
        ["List price", *(price(s) for s in skus)],
        ["Warranty", *(warranty(s) for s in skus)],
    ]
    for label, values in specs.items():
        rows.append([label, *([values] * len(skus) if isinstance(values, str) else values)])
    return "\n".join([header, rule, *("| " + " | ".join(row) + " |" for row in rows)])


def guide(skus: str, title: str, effective: date, intro: str, specs: dict, sections: str) -> Doc:
    """A product guide: title, intro, spec table, then the guide's own sections."""
    sku_list = skus.split()
    body = f"# {title}\n\n{intro.strip()}\n\n## Specifications\n\n{spec_table(sku_list, specs)}\n\n"
    return Doc(f"PRD-{sku_list[0]}", title, "product", effective, body + sections.strip() + "\n")


def price_list() -> Doc:
    """PRD-CAT-1: every product with its category, list price, warranty and status."""
    rows = "\n".join(
        f"| {p.sku} | {p.name} | {CATEGORY_NAMES[p.category]} | {price(p.sku)} | {warranty(p.sku)} | "
        f"{'Discontinued' if p.discontinued else 'Available'} |"
        for p in world.PRODUCTS
    )
    body = f"""\
# Product Catalogue and Price List, Fiscal 2025

This list gives the US list price of every product Acme Outfitters sells or has sold recently.
List prices apply on the website, in the app and in retail stores in North America; other regions
see the equivalent in their currency. Promotion codes and business volume discounts are applied
to these prices.

The first three letters of a SKU name the product category: TNT tents and shelters, SLP sleeping
bags and pads, PCK backpacks and bags, CKG camp kitchen and cooking, APP apparel, FTW footwear,
ELC electronics and lighting, HOM home and garden.

| SKU | Product | Category | List price | Warranty | Status |
|---|---|---|---|---|---|
{rows}

Discontinued products are no longer restocked; remaining units are sold while stocks last and
their support continues as described in the guide to discontinued products.
"""
    return Doc("PRD-CAT-1", "Product Catalogue and Price List, Fiscal 2025", "product",
               date(2025, 2, 1), body)


RIDGELINE_2 = guide(
    "TNT-100", "Ridgeline 2 Tent: Setup and Care Guide", date(2024, 3, 1),
    f"""\
The {name("TNT-100")} is a freestanding two-person, three-season tent with two doors and two
vestibules. It is Acme's best-selling tent and the one most beginners start with.""",
    {
        "Capacity": "2 people",
        "Packed weight": "2.1 kg (4 lb 10 oz)",
        "Floor area": "2.8 m² (30 sq ft)",
        "Peak height": "102 cm (40 in)",
        "Poles": "Aluminium, 2 main poles and 1 brow pole",
        "Fly waterproofing": "1,500 mm hydrostatic head",
    },
    """\
## Pitching the tent

1. Lay the footprint or the tent body flat, doors where you want them, and peg the four corners.
2. Assemble the two main poles and cross them over the tent body, ends in the corner grommets.
3. Clip the body to the poles, starting at the corners and working up.
4. Attach the brow pole across the top, then throw the fly over with its door zips over the doors.
5. Buckle the fly to the corners, tension the straps and peg out the vestibules and guy lines.

Pitching takes about 10 minutes the first time and 5 once you know it.

## Care

- Never pack the tent away wet for more than 24 hours; dry it fully at home to prevent mildew.
- Clean with lukewarm water and a sponge only. No detergents, no washing machine.
- Store loosely in a dry place, not in its stuff sack.

## Troubleshooting

| Problem | What to do |
|---|---|
| Condensation inside | Open both vestibule vents and pitch the fly taut, clear of the inner |
| Pole section cracked | Slide the repair sleeve from the kit over the break and tape both ends |
| Fly sagging overnight | Nylon stretches when cold and wet; re-tension the corner straps |
| Zip not closing | Clean the teeth and squeeze the slider gently with pliers |

Replacement poles and the repair kit are sold separately; broken poles under warranty are
replaced for free.""",
)

RIDGELINE_4 = guide(
    "TNT-110", "Ridgeline 4 Tent: Setup and Care Guide", date(2024, 3, 1),
    f"""\
The {name("TNT-110")} is the family version of the Ridgeline: four people, two large doors and
enough height to sit up and change. It pitches the same way as the Ridgeline 2, with one extra
pole.""",
    {
        "Capacity": "4 people",
        "Packed weight": "4.3 kg (9 lb 8 oz)",
        "Floor area": "5.4 m² (58 sq ft)",
        "Peak height": "152 cm (60 in)",
        "Poles": "Aluminium, 3 main poles",
        "Fly waterproofing": "2,000 mm hydrostatic head",
    },
    """\
## Pitching the tent

1. Peg out the four corners of the tent body, with the doors facing away from the wind.
2. Cross the two longest poles from corner to corner and seat their ends in the grommets.
3. Run the shorter third pole through the sleeve across the middle of the roof.
4. Clip the body to the poles, add the fly and buckle it to the corners.
5. Peg the vestibules and the six guy lines. In strong wind, use all six.

Two adults pitch it in about 12 minutes.

## Sharing the space

The inner has eight mesh pockets and a gear loft. The Ridgeline 4 fits two 64 cm wide sleeping
pads on each side of the centre line, or three adults with room for packs.

## Care

Dry the tent fully before storing it. Clean with water and a soft sponge only; do not use a
washing machine or detergents. Keep the poles assembled as little as possible when storing them.

## Troubleshooting

| Problem | What to do |
|---|---|
| Water pooling on the roof | Check the middle pole is fully seated in its sleeve |
| Door zip under strain | Move the corner pegs in by 5 cm so the body is not over-stretched |
| Floor wet after heavy rain | Tuck the footprint fully under the floor so it cannot catch rain |""",
)

SUMMIT_ULTRALIGHT = guide(
    "TNT-200", "Summit Ultralight Tent: Setup and Care Guide", date(2024, 5, 15),
    f"""\
The {name("TNT-200")} is a semi-freestanding one-to-two-person tent for long-distance hikers. It
saves weight with a single hubbed pole and thin silicone-coated fabrics, which need more care than
the Ridgeline range.""",
    {
        "Capacity": "2 people (comfortable for 1)",
        "Packed weight": "1.2 kg (2 lb 10 oz)",
        "Floor area": "2.6 m² (28 sq ft)",
        "Peak height": "107 cm (42 in)",
        "Poles": "One hubbed aluminium pole",
        "Fly waterproofing": "1,200 mm hydrostatic head",
    },
    """\
## Pitching the tent

1. Stake the two foot corners first; the tent is not freestanding at the foot end.
2. Open the hubbed pole, seat its three ends in the head and middle grommets.
3. Clip the inner to the pole, then put the fly over and attach it at the corners.
4. Stake the two foot corners of the fly and tension the side guy-out points.

A set of six ultralight stakes is included. On sand or snow, use wider stakes.

## Care

- The silicone-coated fly is slippery and easy to tear on sharp rock; use the footprint.
- Re-seal the seams every two seasons with silicone seam sealer.
- Never store the tent compressed for months; hang it or keep it loose in a breathable bag.

## Troubleshooting

| Problem | What to do |
|---|---|
| Fly sags as it cools | Silnylon stretches when cold; tighten the corner tensioners at dusk |
| Foot end collapses | Check both foot stakes are in firm ground at 45 degrees |
| Small tear in the fly | Use the self-adhesive repair patch from the stuff sack, on a dry surface |""",
)

CIRRUS_BAGS = guide(
    "SLP-100 SLP-110", "Cirrus Sleeping Bags: Temperature Ratings and Care", date(2024, 9, 1),
    f"""\
The Cirrus sleeping bags use water-resistant 650-fill-power down in a mummy shape. The
{name("SLP-100")} is a three-season bag; the {name("SLP-110")} is for winter camping.""",
    {
        "Comfort rating": ["-1 °C (30 °F)", "-12 °C (10 °F)"],
        "Limit rating": ["-7 °C (20 °F)", "-18 °C (0 °F)"],
        "Weight": ["1.0 kg (2 lb 3 oz)", "1.5 kg (3 lb 5 oz)"],
        "Fill": ["650-fill-power down", "650-fill-power down"],
        "Sizes": ["Regular (to 183 cm), Long (to 198 cm)", "Regular (to 183 cm), Long (to 198 cm)"],
    },
    """\
## Choosing a bag

The number in the name is the limit rating in Fahrenheit: the lowest temperature at which an
average adult stays warm curled up. Choose a bag by its comfort rating if you sleep cold.
Insulated sleeping pads matter as much as the bag; pair the Cirrus 0F with a pad rated R 4 or more.

## Care

- Store the bag uncompressed in the large cotton storage sack, never in the stuff sack.
- Wash it at most once or twice a year, in a front-loading machine on a gentle cycle at 30 °C with
  down wash. Never use a top-loader with an agitator.
- Tumble dry on low heat with two or three clean tennis balls until no clumps remain; this can
  take three hours.

## Troubleshooting

| Problem | What to do |
|---|---|
| Cold spots | Shake the bag to move the down evenly across the baffles |
| Feathers poking out | Pull them back in from the other side; do not pull them out |
| Zip snagging | Hold the draft tube away from the zip while closing it |""",
)

LOFT_AIR_PAD = guide(
    "SLP-200", "Loft Air Sleeping Pad: Inflation, Repair and Care", date(2024, 9, 1),
    f"""\
The {name("SLP-200")} is an insulated inflatable pad with a two-way valve and a pump sack that
doubles as a stuff sack. For a pad that cannot puncture, see the {named("SLP-210")}.""",
    {
        "Thickness": "7.6 cm (3 in)",
        "R-value": "4.2",
        "Weight": "540 g (1 lb 3 oz)",
        "Size": "183 x 51 cm (72 x 20 in)",
        "Valve": "Two-way flat valve with one-way inflation flap",
    },
    """\
## Inflating

Open the valve, attach the pump sack, scoop air into the sack and roll it towards the valve.
About eight sack-fulls inflate the pad. Blowing into the pad by mouth puts moisture inside,
which can grow mould, so use the pump sack whenever you can.

## Deflating and packing

Open the deflation side of the valve, fold the pad in thirds lengthwise and roll it towards the
valve. Close the valve while rolling to stop air coming back in.

## Finding and fixing a leak

1. Inflate the pad fully and leave it for an hour to see whether it really loses air.
2. Brush soapy water over the surface a section at a time; bubbles show the hole.
3. Dry and clean the area, then apply a patch from the repair kit and press it for 30 seconds.
4. Wait 12 hours before inflating.

A slow loss of firmness on a cold night is usually the air cooling, not a leak: top it up with a
breath or two.

## Care

Store the pad unrolled with the valve open, for example under a bed. Clean it with mild soap and
water. A leaking valve is covered by the warranty; out of warranty, the repair service replaces it.""",
)

BASECAMP_PACKS = guide(
    "PCK-200 PCK-210", "Basecamp Backpacks: Fitting and Packing Guide", date(2024, 7, 1),
    f"""\
The {name("PCK-200")} and the {name("PCK-210")} are multi-day trekking packs with an adjustable
back system, a removable lid that becomes a hip pack, and the longest warranty Acme offers.""",
    {
        "Volume": ["65 litres", "50 litres"],
        "Weight": ["2.2 kg (4 lb 14 oz)", "1.9 kg (4 lb 3 oz)"],
        "Recommended load": ["up to 25 kg (55 lb)", "up to 20 kg (44 lb)"],
        "Torso length": ["40-53 cm (16-21 in)", "40-53 cm (16-21 in)"],
        "Rain cover": ["Included", "Included"],
    },
    """\
## Fitting the pack

1. Measure your torso from the bony bump at the base of your neck (C7) to the top of your hip
   bones.
2. Loosen all straps, release the Velcro behind the shoulder harness and slide the harness to
   your torso length on the scale. Close the Velcro firmly.
3. Put 8-10 kg in the pack, put it on and close the hip belt so that its padding sits on top of
   your hip bones.
4. Pull the shoulder straps snug, then the load lifters to about 45 degrees, and finally the
   sternum strap.

About 80% of the weight should sit on your hips, not your shoulders.

## Packing

- Bottom: sleeping bag and camp clothes, which you need only at night.
- Middle, close to your back: the heaviest items, such as food, water and the stove.
- Top and lid: rain jacket, first aid kit, headlamp and snacks.
- The hydration sleeve takes a bladder of up to 3 litres.

## Care

Empty the pack and shake out grit after each trip. Hand wash with mild soap in a bath, never in
a machine, and dry it in the shade. Buckles and strap repairs are covered by the 5-year warranty.""",
)

TRAILHEAD_DAYPACK = guide(
    "PCK-100", "Trailhead 28 Daypack: Features and Care", date(2024, 4, 1),
    f"""\
The {name("PCK-100")} is a 28-litre daypack for day hikes and everyday carry, with a padded laptop
sleeve and a ventilated mesh back panel.""",
    {
        "Volume": "28 litres",
        "Weight": "0.9 kg (2 lb)",
        "Laptop sleeve": "Fits laptops up to 15 in",
        "Fabric": "Recycled 210D nylon ripstop",
        "Hydration": "Sleeve and port for a 2-litre bladder",
    },
    """\
## Features

- Two side stretch pockets that each hold a 1-litre bottle.
- A front stash pocket for a wet jacket.
- Trekking pole loops and a sternum strap with a rescue whistle.
- A removable 25 mm hip belt.

## Care

Hand wash in lukewarm water with mild soap and hang it to dry away from direct sun. The fabric is
coated for water resistance but the pack is not waterproof; a rain cover fits the Trailhead 28.

## Common questions

The Trailhead 28 meets the carry-on size limit of most airlines as a personal item only when it
is not fully packed. The mesh back panel can be cleaned with a soft brush if it gets sandy.""",
)

EMBER_STOVE = guide(
    "CKG-100", "Ember Backpacking Stove: Operating and Safety Guide", date(2024, 6, 1),
    f"""\
The {name("CKG-100")} is a compact canister stove with a piezo igniter and a folding pot support.
It runs on the {named("CKG-110")} or any canister with a standard EN 417 threaded valve.""",
    {
        "Weight": "83 g (2.9 oz) without canister",
        "Output": "2.6 kW (8,900 BTU/h)",
        "Boil time": "3 min 30 s for 1 litre of water at sea level",
        "Fuel": "Isobutane-propane canisters, EN 417 thread",
        "Ignition": "Piezo igniter",
    },
    """\
## Lighting the stove

1. Check the valve of the stove is closed, then screw the stove onto the canister hand-tight.
2. Fold out the three pot supports until they click.
3. Open the valve a quarter turn and press the igniter button. If it does not light after three
   clicks, close the valve, wait a minute and light it with a match.
4. Adjust the flame with the valve wire. Never leave a lit stove unattended.

## Safety

- Use the stove outdoors only. Never cook inside a tent, even in the vestibule: it creates a
  carbon monoxide risk.
- Keep the canister upright on flat ground, and never use a windscreen that wraps the canister.
- Let the stove cool before unscrewing it from the canister.

## Cold weather

Canister pressure drops below freezing. Keep the canister in your sleeping bag overnight and in a
pocket until cooking. Below -5 °C the stove loses power noticeably.

## Troubleshooting

| Problem | What to do |
|---|---|
| Igniter sparks but no flame | Open the valve a little more; the gas may be too low to catch |
| Yellow, sooty flame | Clean the burner holes with the wire from the repair kit |
| Gas smell when attaching | Unscrew, check the rubber O-ring on the stove, and try again |

Fuel canisters ship by ground within the United States and Canada only.""",
)

TITAN_COOK_SET = guide(
    "CKG-200", "Titan Cook Set: Use and Care", date(2024, 6, 1),
    f"""\
The {name("CKG-200")} is a hard-anodised aluminium cook set for one or two people: a pot, a
frying pan that doubles as a lid, two insulated mugs and a folding spork, all nesting together.""",
    {
        "Pieces": "1.2 L pot, 0.6 L pan, two 350 ml mugs, spork",
        "Weight": "410 g (14.5 oz)",
        "Material": "Hard-anodised aluminium, non-stick pan",
        "Nested size": "14 x 11 cm",
    },
    """\
## Using the set

The pot holds a 230 g fuel canister and the Ember stove inside it when packed. The pot has
measurement marks at 250 ml, 500 ml and 1 litre. Handles fold over the lid to lock it closed.

## Care

- Clean with warm water and a soft sponge. Do not use steel wool or scouring powder on the
  non-stick pan.
- Do not put the set in a dishwasher: detergents dull the anodised surface.
- Never heat the pan empty for more than a minute.

## Questions

The mugs are not for use on the stove. The set is safe with gas and alcohol stoves, but not on an
open campfire, where the handles would melt.""",
)

GLACIER_COOLER = guide(
    "CKG-300", "Glacier 45 Cooler: Ice Retention and Care", date(2024, 5, 1),
    f"""\
The {name("CKG-300")} is a rotomoulded hard cooler with 5 cm of pressure-injected insulation,
bear-resistant latches and a drain plug. Packed for shipping it weighs more than 30 lb, so it
ships by ground only and cannot go to a PO box.""",
    {
        "Capacity": "45 quarts (42.6 litres), 36 cans with ice",
        "Weight (empty)": "11.8 kg (26 lb)",
        "Ice retention": "Up to 7 days",
        "Outside size": "66 x 41 x 41 cm",
        "Certification": "Certified bear-resistant when locked with two padlocks",
    },
    """\
## Getting the longest ice life

1. Pre-chill the cooler the night before with a sacrificial bag of ice.
2. Use a ratio of two parts ice to one part contents. Block ice lasts longer than cubes.
3. Pack pre-chilled food and drinks only, and keep the cooler in the shade.
4. Open it as little as possible and do not drain the cold water until it is warm.

The 7-day figure assumes these steps at an outside temperature of about 32 °C (90 °F).

## Cleaning

Wash the inside with warm water and dish soap, rinse, and dry with the lid open. For odours,
wipe with a solution of one part baking soda to ten parts water. Store it with the lid ajar.

## Troubleshooting

| Problem | What to do |
|---|---|
| Lid does not seal | Check the gasket is seated in its groove all round |
| Drain plug leaks | Tighten it by hand and check its O-ring; spare plugs come with the cooler |
| Latch feels loose | Replace it with the spare latch; latches are covered by the 5-year warranty |""",
)

DRIFT_RAINWEAR = guide(
    "APP-100 APP-110", "Drift Rainwear: Sizing, Washing and Reproofing", date(2024, 10, 1),
    f"""\
The {name("APP-100")} and the {name("APP-110")} are made of a three-layer waterproof and
breathable membrane with fully taped seams. They pack into their own pockets.""",
    {
        "Waterproof rating": ["20,000 mm", "20,000 mm"],
        "Breathability": ["15,000 g/m²/24 h", "15,000 g/m²/24 h"],
        "Weight (size M)": ["340 g (12 oz)", "280 g (9.9 oz)"],
        "Sizes": ["XS to XXL", "XS to XXL, short and long leg"],
        "Features": ["Helmet-compatible hood, pit zips", "Full-length side zips"],
    },
    """\
## Sizing

The jacket is cut to fit over a fleece and a base layer. If you are between sizes, take the
larger one for winter use. The pants have an elastic waist with a drawcord; choose your usual
waist size.

## Washing

Wash rainwear when it looks dirty or stops breathing well, at least twice a season.

1. Close all zips and Velcro, and empty the pockets.
2. Machine wash at 30 °C with a technical wash liquid. Do not use fabric softener or powder.
3. Rinse twice to remove all soap.
4. Tumble dry on low heat for 20 minutes; the heat reactivates the water-repellent finish.

## Reproofing

When water stops beading on the outer fabric and the fabric "wets out", apply a spray-on
water-repellent treatment after washing, then tumble dry on low for 20 minutes.

## Troubleshooting

Feeling damp inside after a long climb is usually sweat, not a leak: open the pit zips earlier. A
seam tape that lifts is covered by the warranty.""",
)

NIMBUS_DOWN = guide(
    "APP-200", "Nimbus Down Jacket: Care and Storage", date(2024, 10, 1),
    f"""\
The {name("APP-200")} is a hooded down jacket filled with 800-fill-power responsibly sourced
down, for cold, dry conditions and for layering under a shell.""",
    {
        "Fill": "800-fill-power down, 140 g (size M)",
        "Weight (size M)": "360 g (12.7 oz)",
        "Shell": "20D recycled nylon with water-repellent finish",
        "Packed size": "Packs into its left hand pocket",
        "Sizes": "XS to XXL",
    },
    """\
## Wearing it

The Nimbus is warm but not waterproof. In wet weather, wear it under the Drift Rain Jacket. Keep
it away from campfire sparks, which melt small holes in the shell.

## Washing

Wash it only when needed, in a front-loading machine on a gentle cycle at 30 °C with a down wash.
Rinse twice. Tumble dry on low heat with three clean tennis balls for at least two hours, until the
down is fully dry and lofty; damp down clumps and smells.

## Storage

Store it uncompressed on a hanger. It can stay packed in its pocket for a trip, but not for months.

## Repairs

Small holes can be closed with a self-adhesive nylon patch. Lost down is normal in small amounts;
more than a few feathers a day from one spot means a seam has opened, which the warranty covers in
the first year.""",
)

MERINO_AND_SOCKS = guide(
    "APP-300 APP-310", "Merino Base Layer and Trail Socks: Care Guide", date(2024, 10, 1),
    f"""\
The {name("APP-300")} and the {name("APP-310")} are knitted from merino wool blends that stay warm
when damp and resist odour for days of wear.""",
    {
        "Fabric": ["100% merino wool, 200 g/m²", "62% merino, 35% nylon, 3% elastane"],
        "Fit": ["Slim, long sleeve", "Mid-calf, medium cushion"],
        "Sizes": ["XS to XXL", "S, M, L, XL (EU 35-49)"],
    },
    """\
## Washing

- Machine wash inside out at 30 °C on the wool cycle, with a wool detergent.
- Never use bleach or fabric softener; softener coats the fibres and stops them wicking.
- Dry flat or on a line. Do not tumble dry the base layer: it shrinks by a full size.
- The socks can be tumble dried on low heat.

## How long they last

Merino is softer than synthetic fabric and wears faster at friction points, such as under a pack's
shoulder straps. Small holes in the base layer are normal after heavy use and are not a defect.
Trail Hiking Socks are guaranteed against holes for the 1-year warranty period; socks that wear
through in that time are replaced.

## Returns

Opened packs of socks cannot be returned for hygiene reasons.""",
)

SWITCHBACK_FOOTWEAR = guide(
    "FTW-100 FTW-110", "Switchback Footwear: Sizing and Break-in Guide", date(2025, 3, 1),
    f"""\
The {name("FTW-100")} and the {name("FTW-110")} share the same last, waterproof membrane and
lugged rubber outsole. The boot supports the ankle for loaded backpacking; the low shoe is for day
hikes and travel.""",
    {
        "Upper": ["Nubuck leather and mesh", "Mesh with TPU overlays"],
        "Membrane": ["Waterproof, breathable", "Waterproof, breathable"],
        "Weight (pair, US men's 9)": ["1.2 kg (2 lb 10 oz)", "0.8 kg (1 lb 12 oz)"],
        "Sizes": ["US men's 7-14, women's 5-11", "US men's 7-14, women's 5-11"],
        "Widths": ["Regular and wide", "Regular"],
    },
    """\
## Finding your size

Switchback footwear runs a half size small. Order half a size up from your usual sneaker size,
and measure both feet in the evening, when they are largest. With the laces undone, you should fit
one finger behind your heel.

| Foot length | US men's | US women's | EU |
|---|---|---|---|
| 25.0 cm | 7.5 | 9 | 40.5 |
| 26.0 cm | 8.5 | 10 | 42 |
| 27.0 cm | 9.5 | 11 | 43 |
| 28.0 cm | 10.5 | - | 44.5 |

## Breaking them in

Wear the boots around the house and on short walks for a week before a long hike. Try them on
indoors first: footwear with outdoor wear on the soles cannot be returned.

## Care

Brush off mud after each hike, rinse with clean water and dry at room temperature, away from
radiators and fires, which crack leather and weaken glue. Reproof the leather of the boot with a
wax for nubuck twice a season. Outsoles that wear down are not covered by the warranty, but the
repair service resoles the boot.""",
)

BEACON_HEADLAMPS = guide(
    "ELC-100 ELC-110", "Beacon Headlamps: Modes, Charging and Troubleshooting", date(2025, 1, 15),
    f"""\
The {name("ELC-100")} and the {name("ELC-110")} are hands-free headlamps with a red night mode
and a lock to stop them switching on in a pack.""",
    {
        "Maximum output": ["400 lumens", "900 lumens"],
        "Battery": ["Built-in lithium-ion, USB-C charging", "Built-in lithium-ion, USB-C charging"],
        "Burn time, low mode": ["60 hours", "80 hours"],
        "Burn time, high mode": ["4 hours", "3 hours"],
        "Charging time": ["3 hours", "4 hours"],
        "Water resistance": ["IPX4 (splashes)", "IPX7 (submersion to 1 m for 30 minutes)"],
        "Weight": ["86 g", "110 g"],
    },
    """\
## Using the modes

- Press the button once for low, twice for medium, three times for high.
- Hold the button for 2 seconds from off for the red light.
- Double-press and hold for the strobe, for emergencies.
- Lock: hold the button for 5 seconds from off until the light blinks twice. Repeat to unlock.

The Beacon 900 also has a reactive mode that dims the beam when it points at something close,
such as a map, and brightens it for the trail.

## Charging

Charge with any USB-C cable from a 5 V source. The indicator shows red while charging and green
when full. Charge the headlamp every three months in storage to protect the battery.

## Troubleshooting

| Problem | What to do |
|---|---|
| Does not switch on | It may be locked: hold the button for 5 seconds |
| Flickers on high | The battery is low; the lamp steps down to protect it. Recharge |
| Indicator blinks red and green | Charging fault: try another cable and charger |

Batteries are covered by the warranty for 300 charge cycles.""",
)

SOLARCHARGE_PANEL = guide(
    "ELC-200", "SolarCharge 20W Panel: Getting the Most Power", date(2024, 6, 1),
    f"""\
The {name("ELC-200")} is a folding solar panel with two USB outputs for charging phones,
headlamps and the TrailSat messenger away from the grid.""",
    {
        "Peak power": "20 W",
        "Outputs": "1 USB-C (PD 18 W), 1 USB-A (12 W)",
        "Folded size": "28 x 16 x 3 cm",
        "Weight": "590 g (1 lb 5 oz)",
        "Water resistance": "IPX4 panels; keep the port pocket closed in rain",
    },
    """\
## Getting the most power

- Point the panels straight at the sun and adjust the angle every hour or two.
- Any shadow, even a strap across one cell, cuts the output sharply.
- Charge a power bank during the day, then charge your devices from it at night; phones often
  stop and restart charging when clouds pass.
- In full sun, the panel charges a typical phone in about 2.5 hours.

## Care

Wipe the panels with a damp cloth. Do not fold the panel when wet, and do not leave it on a car
dashboard behind glass, where it overheats.

## Troubleshooting

| Problem | What to do |
|---|---|
| Device charges then stops | Normal in passing clouds; use a power bank as a buffer |
| No output at all | Check the cable; then test in full sun with the USB-A port |
| Very slow charging | Make sure no cell is shaded and the panel faces the sun |""",
)

LUMEN_LANTERN = guide(
    "ELC-300", "Lumen Camp Lantern: Quick Guide", date(2024, 6, 1),
    f"""\
The {name("ELC-300")} is a rechargeable camp lantern with a hanging hook, a warm white light and a
USB port to top up a phone.""",
    {
        "Maximum output": "350 lumens",
        "Battery": "Built-in 5,200 mAh lithium-ion",
        "Run time": "6 hours on high, 100 hours on low",
        "Charging": "USB-C, 5 hours",
        "Water resistance": "IPX4",
    },
    """\
## Using it

Turn the dial to switch on and set the brightness. Press the dial for the candle-flicker mode. The
collapsible shade folds down for packing and the hook hangs from a tent loft or a branch.

## Power bank

The USB-A port gives 1 A, enough to charge a phone about once from full. The lantern cannot light
and charge a phone at the same time on high.

## Care and storage

Charge it to about half before storing it for the winter and top it up every three months. Wipe it
with a damp cloth; do not submerge it.""",
)

TRAILSAT_MESSENGER = guide(
    "ELC-400", "TrailSat GPS Messenger: Activation, Plans and SOS", date(2025, 4, 1),
    f"""\
The {name("ELC-400")} is a satellite messenger that sends and receives text messages, shares your
location and triggers an SOS to a 24/7 rescue coordination centre, anywhere with a view of the
sky. It needs an active TrailSat service plan.""",
    {
        "Network": "Global satellite network, pole to pole",
        "Battery": "Built-in lithium-ion, up to 14 days with 10-minute tracking",
        "Charging": "USB-C, 2 hours",
        "Water resistance": "IPX7",
        "Weight": "113 g (4 oz)",
    },
    """\
## Activating the device

1. Install the Acme app and sign in, then open Devices > Add TrailSat.
2. Enter the IMEI number printed under the battery cover sticker.
3. Choose a service plan and add emergency contacts.
4. Take the device outside and send a test message; the first one can take up to 20 minutes.

## Service plans

| Plan | Messages per month | Tracking interval | Price |
|---|---|---|---|
| Safety | 10 | 30 minutes | $14.95 per month |
| Explorer | Unlimited | 10 minutes | $29.95 per month |
| Expedition | Unlimited | 2 minutes | $49.95 per month |

Plans are billed monthly by Acme and can be suspended for up to 6 months a year for a $4.95
monthly fee that keeps the number. Plan fees are separate from Acme Plus and are not discounted by
PLUS5.

## SOS

Lift the cover and hold the SOS button for 3 seconds. The device confirms when the rescue centre
has received the alert and lets you message them. Cancel a false alarm the same way, at once.

## Troubleshooting

Messages are slow under dense forest or in deep canyons; move to open sky. If the device does not
switch on, charge it for 30 minutes before trying again.""",
)

PATIO_HAMMOCK = guide(
    "HOM-100", "Patio Hammock: Setup and Care", date(2024, 4, 1),
    f"""\
The {name("HOM-100")} is a quilted cotton hammock with spreader bars, for gardens and porches.
It hangs from two anchor points or from a hammock stand, sold separately.""",
    {
        "Bed size": "200 x 140 cm",
        "Maximum load": "136 kg (300 lb)",
        "Fabric": "Quilted cotton, reversible",
        "Hanging length": "Needs 3.9-4.5 m between anchor points",
    },
    """\
## Hanging it

1. Choose two solid anchors (trees at least 30 cm across, or posts set in concrete) 3.9 to 4.5 m
   apart.
2. Fix the hanging chains or tree straps at about 1.8 m high.
3. Hook the hammock's rings on and check the bed hangs about 45 cm above the ground when loaded.

## Care

Bring the hammock indoors in the rain and over the winter; cotton left wet grows mildew. Spot clean
with mild soap. Check the ropes and wooden bars every spring and stop using the hammock if any rope
is frayed.""",
)

FIREPIT_GRATE = guide(
    "HOM-200", "Firepit Grill Grate: Use and Care", date(2024, 4, 1),
    f"""\
The {name("HOM-200")} is a heavy steel cooking grate that swings over a round firepit on a
height-adjustable post.""",
    {
        "Grate diameter": "61 cm (24 in)",
        "Material": "Powder-coated steel",
        "Height adjustment": "5 positions, 20 to 50 cm above the fire",
        "Fits": "Firepits 70 to 110 cm across",
    },
    """\
## Setting up

Drive the post into the ground next to the firepit, or mount it on the pit's rim with the included
clamp. Attach the grate arm and swing it over the fire.

## Cooking

Cook over embers, not flames, with the grate at the middle or high position. Oil the grate lightly
before each use to stop food sticking. Swing the grate away from the fire to turn food safely.

## Care

Scrub the grate with a wire brush while warm. Store the grate dry; surface rust can be removed
with the wire brush and a coat of cooking oil. The powder coating on the post is not heat proof
and will discolour if exposed to flames.""",
)

RAISED_BED = guide(
    "HOM-300", "Raised Garden Bed Kit: Assembly Guide", date(2024, 3, 1),
    f"""\
The {name("HOM-300")} is a cedar raised bed that assembles without tools using slotted corner
posts.""",
    {
        "Size": "120 x 240 x 30 cm (4 x 8 ft, 12 in deep)",
        "Material": "Untreated western red cedar",
        "Soil needed": "About 860 litres (30 cubic feet)",
        "Assembly time": "About 30 minutes",
    },
    """\
## Assembly

1. Choose a level, sunny spot that gets at least 6 hours of sun a day.
2. Slide the long boards into the slots of the four corner posts, then the short boards.
3. Tap the boards down with your hand or a rubber mallet until they sit flush.
4. Lay cardboard or the included weed barrier on the ground inside the bed.
5. Fill with a mix of topsoil and compost.

## Care

Cedar weathers to silver-grey within a year; this is normal. Do not stain or paint the inside of
the bed if you grow food. Expect the boards to last 8 to 10 years.

## Shipping

The kit ships in two boxes that may arrive on different days.""",
)

def sold_until(sku: str) -> str:
    """The last day a discontinued product was sold, e.g. "30 June 2024"."""
    return long_date(world.DISCONTINUED_ON[sku])


def parts_until(sku: str) -> str:
    """Spare parts are kept for 2 years after the last sale."""
    last = world.DISCONTINUED_ON[sku]
    return long_date(last.replace(year=last.year + 2))


DISCONTINUED = Doc("PRD-DSC-1", "Discontinued Products: Support and Spare Parts", "product",
                   date(2025, 4, 15), f"""\
# Discontinued Products: Support and Spare Parts

Acme stops selling a product when it is replaced or no longer in demand. Customers who own one
keep every right they had when they bought it.

| SKU | Product | List price | Sold until | Replaced by |
|---|---|---|---|---|
| TNT-300 | {name("TNT-300")} | {price("TNT-300")} | {sold_until("TNT-300")} | No direct replacement |
| PCK-300 | {name("PCK-300")} | {price("PCK-300")} | {sold_until("PCK-300")} | {name("PCK-100")} for daily carry |
| FTW-200 | {name("FTW-200")} | {price("FTW-200")} | {sold_until("FTW-200")} | No direct replacement |

## Warranty and returns

The warranty of a discontinued product runs its full length from the date of purchase. If a
product under warranty cannot be repaired and no units are left, we offer a comparable product or
a refund of the price paid. Returns follow the Returns and Refunds Policy.

## Spare parts

We keep spare parts for 2 years after the last day a product was sold:

- {name("TNT-300")}: legs, canopy fabric and stakes, until {parts_until("TNT-300")}.
- {name("PCK-300")}: strap and buckle kits, until {parts_until("PCK-300")}.
- {name("FTW-200")}: no spare parts; the footbed cannot be replaced.

## Remaining stock

Until the last day of sale, remaining units were sold at clearance prices while stocks lasted. Clearance prices do not qualify
for price adjustments.
""")

PRODUCT_GUIDES = [
    price_list(),
    RIDGELINE_2,
    RIDGELINE_4,
    SUMMIT_ULTRALIGHT,
    CIRRUS_BAGS,
    LOFT_AIR_PAD,
    BASECAMP_PACKS,
    TRAILHEAD_DAYPACK,
    EMBER_STOVE,
    TITAN_COOK_SET,
    GLACIER_COOLER,
    DRIFT_RAINWEAR,
    NIMBUS_DOWN,
    MERINO_AND_SOCKS,
    SWITCHBACK_FOOTWEAR,
    BEACON_HEADLAMPS,
    SOLARCHARGE_PANEL,
    LUMEN_LANTERN,
    TRAILSAT_MESSENGER,
    PATIO_HAMMOCK,
    FIREPIT_GRATE,
    RAISED_BED,
    DISCONTINUED,
]

assert all(p.discontinued for p in map(PRODUCTS_BY_SKU.get, ("TNT-300", "PCK-300", "FTW-200")))
