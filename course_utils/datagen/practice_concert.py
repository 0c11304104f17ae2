"""Practice database `concert_hall`: artists, venues, concerts and ticket sales."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, money, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    genre TEXT NOT NULL,
    country TEXT NOT NULL,
    formed_year INTEGER
);
CREATE TABLE venue (
    venue_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    capacity INTEGER NOT NULL
);
CREATE TABLE concert (
    concert_id INTEGER PRIMARY KEY,
    artist_id INTEGER NOT NULL REFERENCES artist(artist_id),
    venue_id INTEGER NOT NULL REFERENCES venue(venue_id),
    concert_date TEXT NOT NULL,
    ticket_price REAL NOT NULL
);
CREATE TABLE ticket_sale (
    sale_id INTEGER PRIMARY KEY,
    concert_id INTEGER NOT NULL REFERENCES concert(concert_id),
    buyer_name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    sale_date TEXT NOT NULL
);
"""

BAND_WORDS = (["Velvet", "Northern", "Electric", "Paper", "Midnight", "Copper", "Wild", "Hollow"],
              ["Foxes", "Lanterns", "Tides", "Echoes", "Comets", "Owls", "Rivers", "Engines"])
GENRES = ["rock", "jazz", "pop", "folk", "classical", "electronic"]
COUNTRIES = ["Ireland", "Canada", "Sweden", "Brazil", "Japan", "Nigeria", "Spain"]
VENUES = [("Riverside Arena", "Harbourton"), ("The Blue Room", "Harbourton"), ("Old Mill Theatre", "Kestrel Bay"),
          ("Grand Pavilion", "Kestrel Bay"), ("Canal Street Club", "Northgate"), ("Summit Hall", "Northgate"),
          ("Lakeview Amphitheatre", "Elm Falls"), ("Cellar Stage", "Elm Falls")]


def artist_names(r: random.Random) -> list[str]:
    """Twelve band names and twelve solo artists."""
    bands = [f"The {a} {b}" for a in BAND_WORDS[0] for b in BAND_WORDS[1]]
    return r.sample(bands, 12) + person_names(r, 12)


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    artists = [
        (i, name, r.choice(GENRES), r.choice(COUNTRIES),
         sometimes_null(r, r.randint(1985, 2021), 0.15 if i > 12 else 0.0))  # solo artists: year often unknown
        for i, name in enumerate(artist_names(r), start=1)
    ]
    capacities = r.sample(range(150, 12001, 50), len(VENUES))
    venues = [(i, name, city, capacities[i - 1]) for i, (name, city) in enumerate(VENUES, start=1)]
    concerts = []
    for i in range(1, 91):
        artist = skewed_choice(r, artists[:22], skew=0.6)  # two artists have never played here
        venue = r.choice(venues)
        base = 25 + venue[3] / 200  # bigger venues, bigger acts, dearer tickets
        concerts.append((i, artist[0], venue[0], iso_date(r, "2023-03-01", "2024-12-20"),
                         money(r, base * 0.8, base * 1.6, step=0.5)))
    buyers = person_names(r, 80)
    sales = []
    for i in range(1, 321):
        concert = r.choice(concerts)
        sales.append((i, concert[0], skewed_choice(r, buyers, skew=0.4), r.choice([1, 1, 2, 2, 2, 3, 4]),
                      add_days(concert[3], -r.randint(1, 120))))
    return {"artist": artists, "venue": venues, "concert": concerts, "ticket_sale": sales}


ARTIST_CONCERT = "artist AS T1 JOIN concert AS T2 ON T1.artist_id = T2.artist_id"
CONCERT_VENUE = "concert AS T1 JOIN venue AS T2 ON T1.venue_id = T2.venue_id"

INTENTS = (
    intent("count_artists", [
        "How many artists are there?",
        "Count the artists.",
        "What's the number of artists in the database?",
    ], "SELECT COUNT(*) FROM artist"),
    intent("artists_in_genre", [
        "Which artists play {genre}?",
        "List the {genre} artists.",
        "Give me the names of all artists whose genre is {genre}.",
    ], "SELECT name FROM artist WHERE genre = '{genre}'",
        values="SELECT DISTINCT genre FROM artist"),
    intent("big_venues", [
        "Which venues hold more than {capacity} people?",
        "List venues with a capacity above {capacity}.",
        "Names of venues that can fit over {capacity} people?",
    ], "SELECT name FROM venue WHERE capacity > {capacity}",
        values="SELECT 500 AS capacity UNION SELECT 1000 UNION SELECT 2000 UNION SELECT 5000"),
    intent("average_ticket_price", [
        "What is the average ticket price?",
        "How much does a concert ticket cost on average?",
        "Average price of a ticket across all concerts?",
    ], "SELECT AVG(ticket_price) FROM concert"),
    intent("artists_formed_before", [
        "Which artists were formed before {year}?",
        "List artists that started before {year}.",
        "Show the acts founded earlier than {year}.",
    ], "SELECT name FROM artist WHERE formed_year < {year}",
        values="SELECT DISTINCT formed_year + 1 AS year FROM artist WHERE formed_year BETWEEN 1990 AND 2010"),
    intent("luxury_tickets", [
        "Are there concerts with tickets over {price}? Show their dates.",
        "Which concerts charge more than {price} per ticket? Give the dates.",
        "List the dates of concerts whose ticket price exceeds {price}.",
    ], "SELECT concert_date FROM concert WHERE ticket_price > {price}", "empty_result",
        values="SELECT 500 AS price UNION SELECT 750 UNION SELECT 1000"),
    intent("venues_by_capacity", [
        "List the venues and their capacities, largest first.",
        "Show every venue with its capacity, sorted from biggest to smallest.",
        "What are the venue capacities? Order by capacity descending.",
    ], "SELECT name, capacity FROM venue ORDER BY capacity DESC"),
    intent("artists_per_genre", [
        "How many artists are there in each genre?",
        "Count artists by genre.",
        "Number of artists per genre, please.",
    ], "SELECT genre, COUNT(*) FROM artist GROUP BY genre"),
    intent("concerts_in_city", [
        "On which dates were there concerts in {city}?",
        "List the concert dates for venues in {city}.",
        "When did concerts take place in {city}?",
    ], f"SELECT T1.concert_date FROM {CONCERT_VENUE} WHERE T2.city = '{{city}}'",
        values="SELECT DISTINCT city FROM venue"),
    intent("concerts_in_year", [
        "How many concerts were held in {year}?",
        "Count the concerts that took place during {year}.",
        "What was the number of concerts in {year}?",
    ], "SELECT COUNT(*) FROM concert WHERE concert_date LIKE '{year}%'", "date",
        values="SELECT DISTINCT substr(concert_date, 1, 4) AS year FROM concert"),
    intent("concerts_by_artist", [
        "When has {artist} played? List dates and ticket prices.",
        "Show the concert dates and ticket prices for {artist}.",
        "Give the date and price of every concert by {artist}.",
    ], f"SELECT T2.concert_date, T2.ticket_price FROM {ARTIST_CONCERT} WHERE T1.name = '{{artist}}'", values="SELECT name AS artist FROM artist"),
    intent("tickets_per_concert_over", [
        "Which concerts sold more than {n} tickets? Give their dates.",
        "List the dates of concerts with over {n} tickets sold.",
        "Concerts where more than {n} tickets were sold: show the dates.",
    ], "SELECT T1.concert_date FROM concert AS T1 JOIN ticket_sale AS T2 ON T1.concert_id = T2.concert_id "
       "GROUP BY T1.concert_id HAVING SUM(T2.quantity) > {n}",
        values="SELECT 8 AS n UNION SELECT 10 UNION SELECT 12"),
    intent("priciest_concert_artist", [
        "Which artist played the concert with the most expensive tickets?",
        "Who performed at the concert with the highest ticket price?",
        "Name the artist of the priciest concert.",
    ], f"SELECT T1.name FROM {ARTIST_CONCERT} ORDER BY T2.ticket_price DESC LIMIT 1", "superlative"),
    intent("artists_never_played", [
        "Which artists have never played a concert here?",
        "List artists without any concerts.",
        "Find the artists who have not performed at any of our venues.",
    ], "SELECT name FROM artist WHERE artist_id NOT IN (SELECT artist_id FROM concert)"),
    intent("tickets_for_artist", [
        "How many tickets have been sold in total for {artist} concerts?",
        "What is the total number of tickets sold for {artist}?",
        "Sum up the tickets sold across all concerts by {artist}.",
    ], f"SELECT SUM(T3.quantity) FROM {ARTIST_CONCERT} JOIN ticket_sale AS T3 ON T2.concert_id = T3.concert_id "
       "WHERE T1.name = '{artist}'",
        values="SELECT DISTINCT T1.name AS artist FROM artist AS T1 JOIN concert AS T2 ON T1.artist_id = T2.artist_id"),
    intent("most_active_artist", [
        "Which artist has given the most concerts?",
        "Who has played the largest number of concerts?",
        "Name the artist with the most concerts.",
    ], f"SELECT T1.name FROM {ARTIST_CONCERT} GROUP BY T1.artist_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("venues_for_two_genres", [
        "Which venues have hosted both {genre_a} and {genre_b} artists?",
        "List venues that have had {genre_a} concerts as well as {genre_b} concerts.",
        "Find the venues where both a {genre_a} act and a {genre_b} act have played.",
    ], "SELECT T3.name FROM artist AS T1 JOIN concert AS T2 ON T1.artist_id = T2.artist_id "
       "JOIN venue AS T3 ON T2.venue_id = T3.venue_id WHERE T1.genre = '{genre_a}' INTERSECT "
       "SELECT T3.name FROM artist AS T1 JOIN concert AS T2 ON T1.artist_id = T2.artist_id "
       "JOIN venue AS T3 ON T2.venue_id = T3.venue_id WHERE T1.genre = '{genre_b}'",
        values="SELECT DISTINCT a.genre AS genre_a, b.genre AS genre_b FROM artist AS a, artist AS b "
               "WHERE a.genre < b.genre"),
    intent("cheaper_than_average", [
        "Which concerts at {venue} are cheaper than the average ticket? Give the dates.",
        "List dates of {venue} concerts priced below the overall average ticket price.",
        "At {venue}, which concert dates had below-average ticket prices?",
    ], "SELECT T1.concert_date FROM concert AS T1 JOIN venue AS T2 ON T1.venue_id = T2.venue_id "
       "WHERE T2.name = '{venue}' AND T1.ticket_price < (SELECT AVG(ticket_price) FROM concert)", values="SELECT name AS venue FROM venue"),
    intent("best_selling_city", [
        "Which city sold the most tickets?",
        "In what city were the most concert tickets sold?",
        "Name the city with the highest number of tickets sold.",
    ], "SELECT T2.city FROM concert AS T1 JOIN venue AS T2 ON T1.venue_id = T2.venue_id "
       "JOIN ticket_sale AS T3 ON T1.concert_id = T3.concert_id GROUP BY T2.city ORDER BY SUM(T3.quantity) DESC LIMIT 1", "superlative"),
)

DOMAIN = Domain("concert_hall", "live music: artists, venues, concerts and ticket sales",
                SCHEMA, make_rows, INTENTS)
