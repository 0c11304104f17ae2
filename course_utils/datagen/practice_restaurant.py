"""Practice database `restaurant_orders`: a restaurant's dishes, waiters, tables and orders."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, intent, iso_date, money, person_names, skewed_choice, skewed_sample, sometimes_null,
)

SCHEMA = """
CREATE TABLE dish (
    dish_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price REAL NOT NULL,
    is_vegetarian INTEGER NOT NULL
);
CREATE TABLE waiter (
    waiter_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    hire_date TEXT NOT NULL
);
CREATE TABLE dining_table (
    table_id INTEGER PRIMARY KEY,
    seats INTEGER NOT NULL,
    area TEXT NOT NULL
);
CREATE TABLE customer_order (
    order_id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES dining_table(table_id),
    waiter_id INTEGER NOT NULL REFERENCES waiter(waiter_id),
    order_time TEXT NOT NULL,
    tip REAL
);
CREATE TABLE order_item (
    order_id INTEGER NOT NULL REFERENCES customer_order(order_id),
    dish_id INTEGER NOT NULL REFERENCES dish(dish_id),
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, dish_id)
);
"""

# (name, category, lowest price, highest price, vegetarian)
DISHES = [
    ("Tomato Soup", "starter", 5, 8, 1), ("Garlic Prawns", "starter", 9, 13, 0),
    ("Beet Salad", "starter", 7, 10, 1), ("Chicken Wings", "starter", 8, 11, 0),
    ("Stuffed Mushrooms", "starter", 7, 9, 1), ("Grilled Salmon", "main", 19, 26, 0),
    ("Mushroom Risotto", "main", 15, 19, 1), ("Beef Burger", "main", 14, 18, 0),
    ("Lamb Tagine", "main", 20, 27, 0), ("Vegetable Curry", "main", 13, 17, 1),
    ("Margherita Pizza", "main", 11, 14, 1), ("Roast Chicken", "main", 16, 21, 0),
    ("Spinach Lasagne", "main", 14, 18, 1), ("Fish and Chips", "main", 15, 19, 0),
    ("Chocolate Cake", "dessert", 6, 9, 1), ("Lemon Tart", "dessert", 6, 8, 1),
    ("Apple Crumble", "dessert", 6, 8, 1), ("Cheese Board", "dessert", 10, 14, 1),
    ("Lemonade", "drink", 3, 4, 1), ("Espresso", "drink", 2, 3, 1), ("Red Wine Glass", "drink", 6, 9, 1),
    ("Sparkling Water", "drink", 2, 3, 1), ("Craft Beer", "drink", 5, 7, 1), ("Saffron Paella", "main", 22, 29, 0),
]
AREAS = ["terrace", "main room", "main room", "bar"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    dishes = [(i, name, category, money(r, low, high, step=0.5), veg)
              for i, (name, category, low, high, veg) in enumerate(DISHES, start=1)]
    waiters = [(i, name, iso_date(r, "2016-03-01", "2024-02-28"))
               for i, name in enumerate(person_names(r, 7), start=1)]
    tables = [(i, r.choice([2, 2, 4, 4, 6, 8]), AREAS[i % 4]) for i in range(1, 17)]
    popular_first = r.sample(dishes[:23], 23)  # the paella (the last dish) is new and not yet ordered
    orders, items = [], []
    for i in range(1, 181):
        time = f"{iso_date(r, '2024-04-01', '2024-06-30')} {r.choice([12, 13, 19, 20, 21])}:{r.randint(0, 59):02d}"
        orders.append((i, r.randint(1, 16), skewed_choice(r, list(range(1, 8)), skew=0.5), time,
                       sometimes_null(r, money(r, 1, 15, step=0.5), 0.3)))
        for dish in sorted(skewed_sample(r, popular_first, r.randint(1, 5), skew=0.7)):
            items.append((i, dish[0], r.choice([1, 1, 1, 2, 2, 3])))
    return {"dish": dishes, "waiter": waiters, "dining_table": tables,
            "customer_order": orders, "order_item": items}


ITEM_DISH = "order_item AS T1 JOIN dish AS T2 ON T1.dish_id = T2.dish_id"
WAITER_ORDER = "waiter AS T1 JOIN customer_order AS T2 ON T1.waiter_id = T2.waiter_id"

INTENTS = (
    intent("count_dishes", [
        "How many dishes are on the menu?",
        "Count the dishes.",
        "What is the total number of menu items?",
    ], "SELECT COUNT(*) FROM dish"),
    intent("vegetarian_dishes", [
        "Which dishes are vegetarian?",
        "List the vegetarian options.",
        "Show me everything on the menu that is vegetarian.",
    ], "SELECT name FROM dish WHERE is_vegetarian = 1"),
    intent("cheap_dishes", [
        "Which dishes cost less than {price}?",
        "List menu items cheaper than {price}.",
        "What can I order for under {price}?",
    ], "SELECT name FROM dish WHERE price < {price}",
        values="SELECT 5 AS price UNION SELECT 8 UNION SELECT 10"),
    intent("average_price_of_category", [
        "What is the average price of a {category}?",
        "How much does a {category} cost on average?",
        "Average price of the {category} dishes?",
    ], "SELECT AVG(price) FROM dish WHERE category = '{category}'",
        values="SELECT DISTINCT category FROM dish"),
    intent("tables_in_area", [
        "How many tables are in the {area} area?",
        "Count the tables located in the {area}.",
        "What's the number of {area} tables?",
    ], "SELECT COUNT(*) FROM dining_table WHERE area = '{area}'",
        values="SELECT DISTINCT area FROM dining_table"),
    intent("luxury_dishes", [
        "Is there any dish priced above {price}? Name it.",
        "Which dishes cost more than {price}?",
        "List menu items over {price}.",
    ], "SELECT name FROM dish WHERE price > {price}", "empty_result",
        values="SELECT 100 AS price UNION SELECT 250 UNION SELECT 500"),
    intent("most_expensive_dish", [
        "What is the most expensive dish?",
        "Which menu item has the highest price?",
        "Name the priciest dish on the menu.",
    ], "SELECT name FROM dish ORDER BY price DESC LIMIT 1", "superlative"),
    intent("dishes_per_category", [
        "How many dishes are there in each category?",
        "Count menu items by category.",
        "For each category, show the number of dishes.",
    ], "SELECT category, COUNT(*) FROM dish GROUP BY category"),
    intent("menu_by_price", [
        "List the {category} dishes with their prices, cheapest first.",
        "Show {category} items and prices sorted from lowest to highest price.",
        "What {category} dishes are there and what do they cost? Order by price ascending.",
    ], "SELECT name, price FROM dish WHERE category = '{category}' ORDER BY price",
        values="SELECT DISTINCT category FROM dish"),
    intent("orders_by_waiter", [
        "How many orders has {waiter} served?",
        "Count the orders taken by {waiter}.",
        "What's the number of orders handled by {waiter}?",
    ], f"SELECT COUNT(*) FROM {WAITER_ORDER} WHERE T1.name = '{{waiter}}'",
        values="SELECT name AS waiter FROM waiter"),
    intent("units_sold_of_dish", [
        "How many portions of {dish} have been ordered in total?",
        "What is the total quantity of {dish} sold?",
        "Sum the quantities ordered of {dish}.",
    ], f"SELECT SUM(T1.quantity) FROM {ITEM_DISH} WHERE T2.name = '{{dish}}'",
        values="SELECT DISTINCT T2.name AS dish FROM order_item AS T1 JOIN dish AS T2 ON T1.dish_id = T2.dish_id"),
    intent("order_total", [
        "What was the total bill of order {order_id}?",
        "How much did order number {order_id} come to?",
        "Compute the amount of order {order_id} (price times quantity over its items).",
    ], f"SELECT SUM(T1.quantity * T2.price) FROM {ITEM_DISH} WHERE T1.order_id = {{order_id}}", values="SELECT order_id FROM customer_order WHERE order_id % 7 = 0"),
    intent("busy_waiters", [
        "Which waiters have served more than {n} orders?",
        "List waiters with over {n} orders.",
        "Who has taken more than {n} orders?",
    ], f"SELECT T1.name FROM {WAITER_ORDER} GROUP BY T1.waiter_id HAVING COUNT(*) > {{n}}", values="SELECT 20 AS n UNION SELECT 25 UNION SELECT 30"),
    intent("untipped_orders_in_area", [
        "How many orders at {area} tables left no tip?",
        "Count orders in the {area} area with no tip recorded.",
        "Number of {area} orders where the tip is missing?",
    ], "SELECT COUNT(*) FROM customer_order AS T1 JOIN dining_table AS T2 ON T1.table_id = T2.table_id "
       "WHERE T2.area = '{area}' AND T1.tip IS NULL",
        values="SELECT DISTINCT area FROM dining_table"),
    intent("never_ordered", [
        "Which dishes have never been ordered?",
        "List menu items that nobody has ordered.",
        "Find dishes with no orders at all.",
    ], "SELECT name FROM dish WHERE dish_id NOT IN (SELECT dish_id FROM order_item)"),
    intent("generous_tips", [
        "Which orders got a tip above the average tip? Give order ids and times.",
        "List the id and time of orders tipped more than average.",
        "Show orders (id, time) whose tip beats the mean tip.",
    ], "SELECT order_id, order_time FROM customer_order WHERE tip > (SELECT AVG(tip) FROM customer_order)"),
    intent("best_selling_dish", [
        "What is the best-selling dish by quantity?",
        "Which dish has been ordered in the largest quantity?",
        "Name the dish with the most portions sold.",
    ], f"SELECT T2.name FROM {ITEM_DISH} GROUP BY T1.dish_id ORDER BY SUM(T1.quantity) DESC LIMIT 1", "superlative"),
    intent("top_tipped_waiter", [
        "Which waiter has received the most tips in total?",
        "Who earned the highest total tips?",
        "Name the waiter with the largest sum of tips.",
    ], f"SELECT T1.name FROM {WAITER_ORDER} GROUP BY T1.waiter_id ORDER BY SUM(T2.tip) DESC LIMIT 1", "superlative"),
    intent("dishes_in_two_areas", [
        "Which dishes have been ordered both at {area_a} tables and at {area_b} tables?",
        "List dishes ordered at {area_a} tables as well as at {area_b} tables.",
        "Find the dishes served in both areas, {area_a} and {area_b}.",
    ], "SELECT T3.name FROM customer_order AS T1 JOIN order_item AS T2 ON T1.order_id = T2.order_id "
       "JOIN dish AS T3 ON T2.dish_id = T3.dish_id JOIN dining_table AS T4 ON T1.table_id = T4.table_id "
       "WHERE T4.area = '{area_a}' INTERSECT "
       "SELECT T3.name FROM customer_order AS T1 JOIN order_item AS T2 ON T1.order_id = T2.order_id "
       "JOIN dish AS T3 ON T2.dish_id = T3.dish_id JOIN dining_table AS T4 ON T1.table_id = T4.table_id "
       "WHERE T4.area = '{area_b}'",
        values="SELECT DISTINCT a.area AS area_a, b.area AS area_b FROM dining_table AS a, dining_table AS b "
               "WHERE a.area < b.area"),
)

DOMAIN = Domain("restaurant_orders", "a restaurant: dishes, waiters, dining tables, orders and order items",
                SCHEMA, make_rows, INTENTS)
