"""Practice database `movie_rental`: a video store's categories, films, customers and rentals."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE category (
    category_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE film (
    film_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    category_id INTEGER NOT NULL REFERENCES category(category_id),
    release_year INTEGER NOT NULL,
    rating TEXT NOT NULL,
    length_minutes INTEGER NOT NULL,
    rental_rate REAL NOT NULL
);
CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    city TEXT NOT NULL,
    active INTEGER NOT NULL
);
CREATE TABLE rental (
    rental_id INTEGER PRIMARY KEY,
    film_id INTEGER NOT NULL REFERENCES film(film_id),
    customer_id INTEGER NOT NULL REFERENCES customer(customer_id),
    rental_date TEXT NOT NULL,
    return_date TEXT,
    amount REAL NOT NULL
);
"""

CATEGORIES = ["Action", "Comedy", "Drama", "Horror", "Documentary", "Animation", "Romance", "Thriller"]
RATINGS = ["G", "PG", "PG-13", "R"]
CITIES = ["Redcliff", "Maple Grove", "Stonebridge", "Port Alden"]
TITLE_WORDS = (["Midnight", "Desert", "Falling", "Silver", "Last", "Secret", "Broken", "Crimson", "Electric", "Wild"],
               ["Express", "Summer", "Horizon", "Echo", "Protocol", "Garden", "Heist", "Frontier", "Signal", "Reunion"])
RATE_BY_AGE = {"new": 4.99, "recent": 3.99, "classic": 2.99}


def film_titles(r: random.Random, n: int) -> list[str]:
    """n different titles such as "Silver Frontier"."""
    return r.sample([f"{a} {b}" for a in TITLE_WORDS[0] for b in TITLE_WORDS[1]], n)


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    categories = list(enumerate(CATEGORIES, start=1))
    films = []
    for i, title in enumerate(film_titles(r, 80), start=1):
        year = r.randint(1978, 2024)
        age = "new" if year >= 2023 else "recent" if year >= 2015 else "classic"
        length = r.randint(78, 165) if categories[(i - 1) % 8][1] != "Animation" else r.randint(72, 105)
        films.append((i, title, (i - 1) % 8 + 1, year, r.choice(RATINGS), length, RATE_BY_AGE[age]))
    names = person_names(r, 70)
    customers = [
        (i, name, sometimes_null(r, name.lower().replace(" ", "_") + "@mail.example.com", 0.15),
         r.choice(CITIES), 0 if r.random() < 0.15 else 1)
        for i, name in enumerate(names, start=1)
    ]
    popular_first = r.sample(films[:72], 72)  # films 73-80 arrived last week: not rented yet
    rentals = []
    for i in range(1, 301):
        film = skewed_choice(r, popular_first, skew=0.8)
        day = iso_date(r, "2024-01-01", "2024-06-29")
        days_out = r.randint(1, 9)
        returned = add_days(day, days_out)
        late_fee = max(0, days_out - 5) * 1.0
        rentals.append((i, film[0], r.randint(1, 66), day, returned if returned <= "2024-06-30" else None,
                        round(film[6] + late_fee, 2)))
    return {"category": categories, "film": films, "customer": customers, "rental": rentals}


FILM_CATEGORY = "film AS T1 JOIN category AS T2 ON T1.category_id = T2.category_id"
CUSTOMER_RENTAL = "customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id"

INTENTS = (
    intent("count_films", [
        "How many films does the store have?",
        "Count the films.",
        "What is the total number of movies in the catalogue?",
    ], "SELECT COUNT(*) FROM film"),
    intent("films_with_rating", [
        "Which films are rated {rating}?",
        "List the titles of {rating} movies.",
        "Show me all films with a {rating} rating.",
    ], "SELECT title FROM film WHERE rating = '{rating}'",
        values="SELECT DISTINCT rating FROM film"),
    intent("long_films", [
        "Which films are longer than {minutes} minutes?",
        "List movies running over {minutes} minutes.",
        "Titles of films with a length above {minutes} minutes?",
    ], "SELECT title FROM film WHERE length_minutes > {minutes}",
        values="SELECT 120 AS minutes UNION SELECT 135 UNION SELECT 150"),
    intent("active_customers", [
        "How many customers are active?",
        "Count the active customers.",
        "What's the number of customers whose account is active?",
    ], "SELECT COUNT(*) FROM customer WHERE active = 1"),
    intent("average_rental_rate", [
        "What is the average rental rate of a film?",
        "How much does renting a film cost on average?",
        "Give the mean rental rate across all films.",
    ], "SELECT AVG(rental_rate) FROM film"),
    intent("silent_era_films", [
        "Do we have any films released before {year}? List the titles.",
        "Which movies came out before {year}?",
        "Show titles of films from before {year}.",
    ], "SELECT title FROM film WHERE release_year < {year}", "empty_result",
        values="SELECT 1930 AS year UNION SELECT 1950 UNION SELECT 1960"),
    intent("newest_film", [
        "What is the most recently released film? If several share the year, pick the alphabetically first.",
        "Which film is the newest? Break ties by title.",
        "Name the latest release (first by title if there is a tie on year).",
    ], "SELECT title FROM film ORDER BY release_year DESC, title LIMIT 1", "superlative"),
    intent("films_per_rating", [
        "How many films are there for each rating?",
        "Count films by rating.",
        "Number of movies per rating?",
    ], "SELECT rating, COUNT(*) FROM film GROUP BY rating"),
    intent("films_in_category", [
        "Which films are in the {category} category?",
        "List all {category} titles.",
        "What {category} movies do we have?",
    ], f"SELECT T1.title FROM {FILM_CATEGORY} WHERE T2.name = '{{category}}'",
        values="SELECT name AS category FROM category"),
    intent("rentals_in_month", [
        "How many rentals were made in {month_name} 2024?",
        "Count the rentals from {month_name} 2024.",
        "What was the number of rentals during {month_name} 2024?",
    ], "SELECT COUNT(*) FROM rental WHERE rental_date LIKE '2024-{month}%'", "date",
        values="SELECT '02' AS month, 'February' AS month_name UNION SELECT '03', 'March' "
               "UNION SELECT '04', 'April' UNION SELECT '05', 'May'"),
    intent("loyal_customers", [
        "Which customers have rented more than {n} films?",
        "List customers with over {n} rentals.",
        "Find the customers who rented movies more than {n} times.",
    ], f"SELECT T1.name FROM {CUSTOMER_RENTAL} GROUP BY T1.customer_id HAVING COUNT(*) > {{n}}", values="SELECT 5 AS n UNION SELECT 6 UNION SELECT 7"),
    intent("customers_without_email_in_city", [
        "Which customers in {city} have no email address?",
        "List {city} customers missing an email.",
        "Who lives in {city} and has not given an email?",
    ], "SELECT name FROM customer WHERE city = '{city}' AND email IS NULL",
        values="SELECT DISTINCT city FROM customer"),
    intent("renters_of_film", [
        "Who has rented {title}?",
        "List the customers that rented the film {title}.",
        "Which customers took out {title}?",
    ], f"SELECT DISTINCT T1.name FROM {CUSTOMER_RENTAL} JOIN film AS T3 ON T2.film_id = T3.film_id "
       "WHERE T3.title = '{title}'", values="SELECT title FROM film"),
    intent("revenue_per_category", [
        "How much rental revenue has each category brought in?",
        "Total rental amount per film category?",
        "For every category, sum the rental payments.",
    ], "SELECT T3.name, SUM(T1.amount) FROM rental AS T1 JOIN film AS T2 ON T1.film_id = T2.film_id "
       "JOIN category AS T3 ON T2.category_id = T3.category_id GROUP BY T3.category_id"),
    intent("never_rented", [
        "Which films have never been rented?",
        "List the titles nobody has rented yet.",
        "Find films with zero rentals.",
    ], "SELECT title FROM film WHERE film_id NOT IN (SELECT film_id FROM rental)"),
    intent("longest_in_category", [
        "What is the longest {category} film?",
        "Which {category} movie has the greatest running time?",
        "Name the {category} title with the longest length.",
    ], f"SELECT T1.title FROM {FILM_CATEGORY} WHERE T2.name = '{{category}}' ORDER BY T1.length_minutes DESC LIMIT 1", "superlative", values="SELECT name AS category FROM category"),
    intent("most_rented_film", [
        "Which film has been rented the most?",
        "What is the most popular film by number of rentals?",
        "Name the movie with the highest rental count.",
    ], "SELECT T1.title FROM film AS T1 JOIN rental AS T2 ON T1.film_id = T2.film_id "
       "GROUP BY T1.film_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("customers_two_categories", [
        "Which customers have rented both {category_a} and {category_b} films?",
        "List customers who rented at least one {category_a} movie and also one {category_b} movie.",
        "Find people who have taken out {category_a} as well as {category_b} titles.",
    ], "SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
       "JOIN film AS T3 ON T2.film_id = T3.film_id JOIN category AS T4 ON T3.category_id = T4.category_id "
       "WHERE T4.name = '{category_a}' INTERSECT "
       "SELECT T1.name FROM customer AS T1 JOIN rental AS T2 ON T1.customer_id = T2.customer_id "
       "JOIN film AS T3 ON T2.film_id = T3.film_id JOIN category AS T4 ON T3.category_id = T4.category_id "
       "WHERE T4.name = '{category_b}'",
        values="SELECT a.name AS category_a, b.name AS category_b FROM category AS a, category AS b WHERE a.name < b.name"),
    intent("inactive_renters", [
        "Which inactive customers have rented something anyway?",
        "List customers whose account is inactive but who have rentals.",
        "Find inactive customers that appear in the rentals.",
    ], f"SELECT name FROM customer WHERE active = 0 INTERSECT SELECT T1.name FROM {CUSTOMER_RENTAL}"),
)

DOMAIN = Domain("movie_rental", "a video rental store: categories, films, customers and rentals",
                SCHEMA, make_rows, INTENTS)
