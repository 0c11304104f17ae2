"""Practice database `real_estate`: estate agents, properties, buyers, viewings and sales."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, person_names, skewed_choice,
)

SCHEMA = """
CREATE TABLE agent (
    agent_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    phone TEXT NOT NULL,
    hire_date TEXT NOT NULL
);
CREATE TABLE property (
    property_id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    property_type TEXT NOT NULL,
    bedrooms INTEGER NOT NULL,
    area_sqm INTEGER NOT NULL,
    asking_price INTEGER NOT NULL,
    listed_date TEXT NOT NULL,
    agent_id INTEGER NOT NULL REFERENCES agent(agent_id)
);
CREATE TABLE buyer (
    buyer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    budget INTEGER,
    is_first_time_buyer INTEGER NOT NULL
);
CREATE TABLE viewing (
    viewing_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL REFERENCES property(property_id),
    buyer_id INTEGER NOT NULL REFERENCES buyer(buyer_id),
    viewing_date TEXT NOT NULL
);
CREATE TABLE sale (
    sale_id INTEGER PRIMARY KEY,
    property_id INTEGER NOT NULL UNIQUE REFERENCES property(property_id),
    buyer_id INTEGER NOT NULL REFERENCES buyer(buyer_id),
    sale_date TEXT NOT NULL,
    sale_price INTEGER NOT NULL
);
"""

STREETS = ["Oak Avenue", "Station Road", "Church Lane", "Elm Street", "Park View", "Mill Road",
           "Victoria Terrace", "Orchard Close", "Harbour Way", "Willow Crescent"]
CITIES = {"Bramley": 1.0, "Castleford": 1.3, "Dalton": 0.8, "Easton": 1.6}  # city -> price level
AGENCIES = ["Keystone Homes", "Brightmove Estates", "Hearth and Home"]
PRICE_PER_SQM = {"house": 2600, "apartment": 3400, "townhouse": 2900}


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    names = person_names(r, 10 + 70)
    agents = [(i, names[i - 1], AGENCIES[i % 3], f"555-01{r.randint(10, 99)}", iso_date(r, "2012-01-01", "2023-06-30"))
              for i in range(1, 11)]
    addresses = r.sample([f"{n} {street}" for n in range(1, 60) for street in STREETS], 90)
    properties = []
    for i, address in enumerate(addresses, start=1):
        kind = r.choice(["house", "house", "apartment", "apartment", "townhouse"])
        bedrooms = r.randint(1, 3) if kind == "apartment" else r.randint(2, 6)
        area = bedrooms * r.randint(18, 30) + r.randint(20, 45)
        city = r.choice(list(CITIES))
        price = round(area * PRICE_PER_SQM[kind] * CITIES[city] * r.uniform(0.85, 1.2), -3)
        properties.append((i, address, city, kind, bedrooms, area, int(price),
                           iso_date(r, "2023-06-01", "2024-04-30"), skewed_choice(r, list(range(1, 11)), skew=0.6)))
    buyers = [(i, names[9 + i], None if r.random() < 0.15 else r.randrange(150_000, 900_000, 10_000),
               int(r.random() < 0.4)) for i in range(1, 71)]
    viewings = []
    for i in range(1, 261):
        prop = r.choice(properties)
        viewings.append((i, prop[0], r.randint(1, 70), add_days(prop[7], r.randint(2, 60))))
    sales = []
    for prop in r.sample(properties, 45):
        viewed_by = sorted({v[2] for v in viewings if v[1] == prop[0]})
        if not viewed_by:
            continue
        sale_date = add_days(max(v[3] for v in viewings if v[1] == prop[0]), r.randint(5, 40))
        sales.append((len(sales) + 1, prop[0], r.choice(viewed_by), sale_date,
                      int(round(prop[6] * r.uniform(0.92, 1.06), -3))))
    return {"agent": agents, "property": properties, "buyer": buyers, "viewing": viewings, "sale": sales}


PROPERTY_SALE = "property AS T1 JOIN sale AS T2 ON T1.property_id = T2.property_id"

INTENTS = (
    intent("count_properties", [
        "How many properties are listed?",
        "Count the properties.",
        "What's the total number of properties on our books?",
    ], "SELECT COUNT(*) FROM property"),
    intent("properties_in_city", [
        "Which properties are in {city}? Give the addresses.",
        "List the addresses of properties located in {city}.",
        "Show me all listings in {city}.",
    ], "SELECT address FROM property WHERE city = '{city}'",
        values="SELECT DISTINCT city FROM property"),
    intent("average_asking_price", [
        "What is the average asking price?",
        "How much are properties listed for on average?",
        "Give the mean asking price of all properties.",
    ], "SELECT AVG(asking_price) FROM property"),
    intent("buyers_with_big_budget", [
        "Which buyers have a budget over {budget}?",
        "List buyers whose budget exceeds {budget}.",
        "Who can spend more than {budget}?",
    ], "SELECT name FROM buyer WHERE budget > {budget}",
        values="SELECT 500000 AS budget UNION SELECT 600000 UNION SELECT 750000"),
    intent("first_time_buyers", [
        "How many first-time buyers are there?",
        "Count the buyers who are buying for the first time.",
        "What is the number of first-time buyers?",
    ], "SELECT COUNT(*) FROM buyer WHERE is_first_time_buyer = 1"),
    intent("mansions", [
        "Are there properties with more than {bedrooms} bedrooms? Give addresses.",
        "Which listings have over {bedrooms} bedrooms?",
        "List addresses of properties with more than {bedrooms} bedrooms.",
    ], "SELECT address FROM property WHERE bedrooms > {bedrooms}", "empty_result",
        values="SELECT 8 AS bedrooms UNION SELECT 10 UNION SELECT 12"),
    intent("big_apartments", [
        "Which {kind}s have at least {bedrooms} bedrooms?",
        "List {kind} listings with {bedrooms} or more bedrooms.",
        "Show addresses of {kind}s offering {bedrooms}+ bedrooms.",
    ], "SELECT address FROM property WHERE property_type = '{kind}' AND bedrooms >= {bedrooms}",
        values="SELECT DISTINCT property_type AS kind, bedrooms FROM property WHERE bedrooms >= 3"),
    intent("cheapest_of_type", [
        "What is the cheapest {kind} on the market?",
        "Which {kind} has the lowest asking price?",
        "Find the least expensive {kind}: its address, please.",
    ], "SELECT address FROM property WHERE property_type = '{kind}' ORDER BY asking_price LIMIT 1", "superlative", values="SELECT DISTINCT property_type AS kind FROM property"),
    intent("properties_per_type", [
        "How many properties of each type are listed?",
        "Count listings by property type.",
        "Number of properties per type?",
    ], "SELECT property_type, COUNT(*) FROM property GROUP BY property_type"),
    intent("listings_of_agent", [
        "Which properties does {agent} handle?",
        "List the addresses listed by agent {agent}.",
        "What is {agent} selling? Give the addresses.",
    ], "SELECT T1.address FROM property AS T1 JOIN agent AS T2 ON T1.agent_id = T2.agent_id "
       "WHERE T2.name = '{agent}'", values="SELECT name AS agent FROM agent"),
    intent("sold_above_asking", [
        "Which properties sold for more than their asking price?",
        "List the addresses of properties that went above asking.",
        "Find homes whose sale price beat the asking price.",
    ], f"SELECT T1.address FROM {PROPERTY_SALE} WHERE T2.sale_price > T1.asking_price"),
    intent("average_sale_price_by_city", [
        "What is the average sale price in each city?",
        "Average selling price per city?",
        "For every city, how much did properties sell for on average?",
    ], f"SELECT T1.city, AVG(T2.sale_price) FROM {PROPERTY_SALE} GROUP BY T1.city"),
    intent("much_viewed", [
        "Which properties have been viewed more than {n} times? Give addresses.",
        "List properties with over {n} viewings.",
        "Addresses of listings that had more than {n} viewings?",
    ], "SELECT T1.address FROM property AS T1 JOIN viewing AS T2 ON T1.property_id = T2.property_id "
       "GROUP BY T1.property_id HAVING COUNT(*) > {n}",
        values="SELECT 4 AS n UNION SELECT 5 UNION SELECT 6"),
    intent("unsold_properties", [
        "Which properties have not been sold yet?",
        "List the addresses of unsold properties.",
        "Find listings that are still unsold.",
    ], "SELECT address FROM property WHERE property_id NOT IN (SELECT property_id FROM sale)"),
    intent("viewers_who_did_not_buy", [
        "Which buyers have viewed properties but never bought one?",
        "List buyers with viewings and no purchase.",
        "Who went to viewings without buying anything?",
    ], "SELECT T1.name FROM buyer AS T1 JOIN viewing AS T2 ON T1.buyer_id = T2.buyer_id "
       "EXCEPT SELECT T1.name FROM buyer AS T1 JOIN sale AS T2 ON T1.buyer_id = T2.buyer_id"),
    intent("viewings_in_city_month", [
        "How many viewings took place in {city} in {month_name} 2024?",
        "Count the {city} viewings during {month_name} 2024.",
        "Number of property viewings in {city} in {month_name} 2024?",
    ], "SELECT COUNT(*) FROM viewing AS T1 JOIN property AS T2 ON T1.property_id = T2.property_id "
       "WHERE T2.city = '{city}' AND T1.viewing_date LIKE '2024-{month}%'", "date",
        values="SELECT c.city, m.month, m.month_name FROM (SELECT DISTINCT city FROM property) AS c, "
               "(SELECT '02' AS month, 'February' AS month_name UNION SELECT '03', 'March' UNION SELECT '04', 'April') AS m"),
    intent("top_agent_by_sales", [
        "Which agent has the highest total sales value?",
        "Who sold the most by value?",
        "Name the agent whose sales add up to the largest amount.",
    ], "SELECT T1.name FROM agent AS T1 JOIN property AS T2 ON T1.agent_id = T2.agent_id "
       "JOIN sale AS T3 ON T2.property_id = T3.property_id GROUP BY T1.agent_id "
       "ORDER BY SUM(T3.sale_price) DESC LIMIT 1", "superlative"),
    intent("pricier_than_city_average", [
        "Which {city} properties are listed above the average asking price of all properties?",
        "List {city} addresses with an asking price over the overall average.",
        "In {city}, which listings cost more than the average listing?",
    ], "SELECT address FROM property WHERE city = '{city}' AND asking_price > (SELECT AVG(asking_price) FROM property)", values="SELECT DISTINCT city FROM property"),
    intent("agency_listing_counts", [
        "How many properties has each agency listed, largest first?",
        "Count listings per agency, sorted from most to fewest.",
        "For each agency, the number of properties it lists, in descending order.",
    ], "SELECT T1.agency, COUNT(*) FROM agent AS T1 JOIN property AS T2 ON T1.agent_id = T2.agent_id "
       "GROUP BY T1.agency ORDER BY COUNT(*) DESC"),
)

DOMAIN = Domain("real_estate", "an estate agency: agents, properties, buyers, viewings and sales",
                SCHEMA, make_rows, INTENTS)
