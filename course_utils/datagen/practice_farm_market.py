"""Practice database `farm_market`: farms selling their produce at weekly farmers' markets."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import Domain, intent, iso_date, money, skewed_choice

SCHEMA = """
CREATE TABLE farm (
    farm_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    is_organic INTEGER NOT NULL,
    established_year INTEGER NOT NULL,
    acreage REAL
);
CREATE TABLE produce (
    produce_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    unit TEXT NOT NULL
);
CREATE TABLE market (
    market_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    town TEXT NOT NULL,
    day_of_week TEXT NOT NULL
);
CREATE TABLE sale (
    sale_id INTEGER PRIMARY KEY,
    farm_id INTEGER NOT NULL REFERENCES farm(farm_id),
    produce_id INTEGER NOT NULL REFERENCES produce(produce_id),
    market_id INTEGER NOT NULL REFERENCES market(market_id),
    sale_date TEXT NOT NULL,
    quantity REAL NOT NULL,
    unit_price REAL NOT NULL
);
"""

FARMS = [("Willowbrook Farm", "Valley"), ("Hawthorn Acres", "Uplands"), ("Sunny Slope", "Valley"),
         ("Red Barn Dairy", "Coast"), ("Meadowsweet", "Uplands"), ("Three Oaks", "Coast"),
         ("Fernside Orchard", "Valley"), ("Blackberry Hollow", "Uplands"), ("Saltmarsh Farm", "Coast"),
         ("Kettle Hill", "Valley")]
# (name, category, unit, typical price per unit)
PRODUCE = [
    ("carrots", "vegetable", "kg", 1.8), ("potatoes", "vegetable", "kg", 1.2), ("kale", "vegetable", "kg", 4.5),
    ("tomatoes", "vegetable", "kg", 3.9), ("courgettes", "vegetable", "kg", 2.6), ("apples", "fruit", "kg", 2.9),
    ("pears", "fruit", "kg", 3.2), ("strawberries", "fruit", "kg", 8.5), ("plums", "fruit", "kg", 4.1),
    ("eggs", "dairy and eggs", "dozen", 4.2), ("milk", "dairy and eggs", "litre", 1.4),
    ("goat cheese", "dairy and eggs", "kg", 22.0), ("honey", "pantry", "jar", 7.5), ("rye flour", "pantry", "kg", 3.3),
]
MARKETS = [("Old Town Market", "Brennock", "Saturday"), ("Riverside Market", "Calder", "Sunday"),
           ("Station Square Market", "Brennock", "Wednesday"), ("Harbour Market", "Dunlow", "Friday")]


def sometimes_acreage(r: random.Random) -> float | None:
    """A farm's size in acres; a few farms have not reported it."""
    return None if r.random() < 0.2 else round(r.uniform(12, 480), 1)


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    established = r.sample(range(1921, 2019), len(FARMS))
    farms = [(i, name, region, int(r.random() < 0.4), established[i - 1], sometimes_acreage(r))
             for i, (name, region) in enumerate(FARMS, start=1)]
    produce = [(i, name, category, unit) for i, (name, category, unit, _) in enumerate(PRODUCE, start=1)]
    markets = [(i, name, town, day) for i, (name, town, day) in enumerate(MARKETS, start=1)]
    range_of_farm = {farm[0]: sorted(r.sample(range(1, 14), r.randint(3, 6))) for farm in farms}
    # produce 14 (rye flour) is listed but nobody sells it yet
    sales = []
    for i in range(1, 351):
        farm = skewed_choice(r, farms[:9], skew=0.4)  # Kettle Hill is new and has not sold anything yet
        produce_id = r.choice(range_of_farm[farm[0]])
        _, _, unit, price = PRODUCE[produce_id - 1]
        organic_premium = 1.25 if farm[3] else 1.0
        quantity = r.randint(1, 12) if unit in ("dozen", "jar") else round(r.uniform(0.5, 25), 1)
        sales.append((i, farm[0], produce_id, r.choice(markets)[0], iso_date(r, "2024-05-01", "2024-09-28"),
                      quantity, money(r, price * 0.9 * organic_premium, price * 1.15 * organic_premium, step=0.05)))
    return {"farm": farms, "produce": produce, "market": markets, "sale": sales}


FARM_SALE = "farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id"
PRODUCE_SALE = "produce AS T1 JOIN sale AS T2 ON T1.produce_id = T2.produce_id"

INTENTS = (
    intent("count_farms", [
        "How many farms are there?",
        "Count the farms.",
        "What is the number of farms in the database?",
    ], "SELECT COUNT(*) FROM farm"),
    intent("organic_farms", [
        "Which farms are organic?",
        "List the organic farms.",
        "Show me every farm that is certified organic.",
    ], "SELECT name FROM farm WHERE is_organic = 1"),
    intent("farms_in_region", [
        "Which farms are in the {region} region?",
        "List the farms whose region is {region}.",
        "Names of the {region} farms?",
    ], "SELECT name FROM farm WHERE region = '{region}'", values="SELECT DISTINCT region FROM farm"),
    intent("produce_in_category", [
        "What produce is in the {category} category?",
        "List the {category} products.",
        "Which items are classed as {category}?",
    ], "SELECT name FROM produce WHERE category = '{category}'",
        values="SELECT DISTINCT category FROM produce"),
    intent("average_unit_price", [
        "What is the average unit price over all sales?",
        "On average, what price per unit do sales fetch?",
        "Give the mean unit price of the sales.",
    ], "SELECT AVG(unit_price) FROM sale"),
    intent("farms_without_acreage", [
        "Which farms have not reported their acreage?",
        "List farms with no acreage on record.",
        "Find the farms whose size is unknown.",
    ], "SELECT name FROM farm WHERE acreage IS NULL"),
    intent("winter_sales", [
        "Were there any sales in {month_name} 2024?",
        "List sale ids from {month_name} 2024.",
        "Which sales took place during {month_name} 2024?",
    ], "SELECT sale_id FROM sale WHERE sale_date LIKE '2024-{month}%'", "date empty_result",
        values="SELECT '01' AS month, 'January' AS month_name UNION SELECT '02', 'February' UNION SELECT '12', 'December'"),
    intent("oldest_farm", [
        "Which farm is the oldest?",
        "What farm was established first?",
        "Name the farm with the earliest establishment year.",
    ], "SELECT name FROM farm ORDER BY established_year LIMIT 1", "superlative"),
    intent("markets_alphabetical", [
        "List the markets with the towns they are held in, alphabetically by market name.",
        "Show market names and towns, ordered by name.",
        "Which markets are there, and where? Sort by market name.",
    ], "SELECT name, town FROM market ORDER BY name"),
    intent("sales_per_market", [
        "How many sales happened at each market?",
        "Count the sales per market id.",
        "Number of sales recorded for every market?",
    ], "SELECT market_id, COUNT(*) FROM sale GROUP BY market_id"),
    intent("quantity_of_produce", [
        "What quantity of {produce} has been sold in total?",
        "What is the total quantity of {produce} sold?",
        "Sum the quantities of {produce} across all sales.",
    ], f"SELECT SUM(T2.quantity) FROM {PRODUCE_SALE} WHERE T1.name = '{{produce}}'",
        values="SELECT DISTINCT T1.name AS produce FROM produce AS T1 JOIN sale AS T2 ON T1.produce_id = T2.produce_id"),
    intent("markets_of_farm", [
        "At which markets has {farm} sold produce?",
        "List the markets where {farm} has made sales.",
        "Where does {farm} sell? Give the market names.",
    ], "SELECT DISTINCT T3.name FROM farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id "
       "JOIN market AS T3 ON T2.market_id = T3.market_id WHERE T1.name = '{farm}'",
        values="SELECT DISTINCT T1.name AS farm FROM farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id"),
    intent("revenue_per_farm", [
        "How much revenue has each farm made (quantity times unit price)?",
        "Total takings per farm?",
        "For every farm, sum quantity times unit price over its sales.",
    ], f"SELECT T1.name, SUM(T2.quantity * T2.unit_price) FROM {FARM_SALE} GROUP BY T1.farm_id"),
    intent("busy_farms", [
        "Which farms have made more than {n} sales?",
        "List farms with over {n} sales.",
        "Which farms sold something more than {n} times?",
    ], f"SELECT T1.name FROM {FARM_SALE} GROUP BY T1.farm_id HAVING COUNT(*) > {{n}}", values="SELECT 30 AS n UNION SELECT 40 UNION SELECT 50"),
    intent("organic_sales_in_town", [
        "How many sales did organic farms make at markets in {town}?",
        "Count sales by organic farms in {town}.",
        "What's the number of organic-farm sales at {town} markets?",
    ], "SELECT COUNT(*) FROM farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id "
       "JOIN market AS T3 ON T2.market_id = T3.market_id WHERE T1.is_organic = 1 AND T3.town = '{town}'", values="SELECT DISTINCT town FROM market"),
    intent("farms_never_sold", [
        "Which farms have not sold anything?",
        "List farms with no sales.",
        "Find the farms that have never made a sale.",
    ], "SELECT name FROM farm WHERE farm_id NOT IN (SELECT farm_id FROM sale)"),
    intent("unsold_produce", [
        "Which products have never been sold?",
        "List produce with no sales at all.",
        "Find items nobody has sold yet.",
    ], f"SELECT name FROM produce EXCEPT SELECT T1.name FROM {PRODUCE_SALE}"),
    intent("best_selling_produce", [
        "Which product has been sold most often?",
        "What is the most frequently sold produce?",
        "Name the produce with the largest number of sales.",
    ], f"SELECT T1.name FROM {PRODUCE_SALE} GROUP BY T1.produce_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("farms_at_two_markets", [
        "Which farms sell at both {market_a} and {market_b}?",
        "List farms with sales at {market_a} as well as {market_b}.",
        "Find the farms that trade at {market_a} and also at {market_b}.",
    ], "SELECT T1.name FROM farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id "
       "JOIN market AS T3 ON T2.market_id = T3.market_id WHERE T3.name = '{market_a}' INTERSECT "
       "SELECT T1.name FROM farm AS T1 JOIN sale AS T2 ON T1.farm_id = T2.farm_id "
       "JOIN market AS T3 ON T2.market_id = T3.market_id WHERE T3.name = '{market_b}'",
        values="SELECT a.name AS market_a, b.name AS market_b FROM market AS a, market AS b WHERE a.name < b.name"),
    intent("premium_sales_of_category", [
        "Which {category} sales fetched a unit price above the average unit price? Give sale ids.",
        "List ids of {category} sales priced above the mean unit price.",
        "Sale ids for {category} items sold at an above-average unit price?",
    ], f"SELECT T2.sale_id FROM {PRODUCE_SALE} WHERE T1.category = '{{category}}' "
       "AND T2.unit_price > (SELECT AVG(unit_price) FROM sale)",
        values="SELECT DISTINCT category FROM produce"),
)

DOMAIN = Domain("farm_market", "farmers' markets: farms, produce, markets and sales", SCHEMA, make_rows, INTENTS)
