"""Practice database `airline`: airports, aircraft, flights, passengers and bookings."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import Domain, add_days, intent, iso_date, money, person_names, sometimes_null

SCHEMA = """
CREATE TABLE airport (
    airport_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE aircraft (
    aircraft_id INTEGER PRIMARY KEY,
    registration TEXT NOT NULL,
    model TEXT NOT NULL,
    seat_count INTEGER NOT NULL,
    year_built INTEGER NOT NULL
);
CREATE TABLE flight (
    flight_id INTEGER PRIMARY KEY,
    flight_number TEXT NOT NULL,
    origin_code TEXT NOT NULL REFERENCES airport(airport_code),
    destination_code TEXT NOT NULL REFERENCES airport(airport_code),
    aircraft_id INTEGER NOT NULL REFERENCES aircraft(aircraft_id),
    departure_time TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    price REAL NOT NULL
);
CREATE TABLE passenger (
    passenger_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    frequent_flyer_number TEXT
);
CREATE TABLE booking (
    booking_id INTEGER PRIMARY KEY,
    flight_id INTEGER NOT NULL REFERENCES flight(flight_id),
    passenger_id INTEGER NOT NULL REFERENCES passenger(passenger_id),
    seat_class TEXT NOT NULL,
    booking_date TEXT NOT NULL,
    price_paid REAL NOT NULL
);
"""

# (code, city, country, position on a rough map in hundreds of km) - positions set flight times
AIRPORTS = [
    ("LIS", "Lisbon", "Portugal", (0, 0)), ("MAD", "Madrid", "Spain", (5, 1)),
    ("BCN", "Barcelona", "Spain", (10, 3)), ("CDG", "Paris", "France", (10, 11)),
    ("AMS", "Amsterdam", "Netherlands", (13, 15)), ("FRA", "Frankfurt", "Germany", (16, 12)),
    ("MUC", "Munich", "Germany", (19, 10)), ("VIE", "Vienna", "Austria", (23, 10)),
    ("CPH", "Copenhagen", "Denmark", (19, 19)), ("OSL", "Oslo", "Norway", (18, 24)),
    ("DUB", "Dublin", "Ireland", (3, 17)), ("ATH", "Athens", "Greece", (30, 0)),
]
MODELS = [("Airbus A320", 180), ("Airbus A321", 220), ("Boeing 737-800", 189),
          ("Embraer E190", 100), ("ATR 72", 70)]
NATIONALITIES = ["Portugal", "Spain", "France", "Germany", "Ireland", "Norway", "Greece", "Canada"]


def flight_minutes(origin: tuple, destination: tuple) -> int:
    """Flight time from map distance: 35 minutes of taxi and climb plus ~800 km/h."""
    (x1, y1), (x2, y2) = origin[3], destination[3]
    distance_km = 100 * ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
    return 35 + round(distance_km / 800 * 60)


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    airports = [(code, f"{city} International", city, country) for code, city, country, _ in AIRPORTS]
    aircraft = []
    for i in range(1, 17):
        model, seats = r.choice(MODELS)
        aircraft.append((i, f"EC-{chr(65 + i)}{chr(65 + (i * 7) % 26)}{chr(65 + (i * 11) % 26)}",
                         model, seats, r.randint(2004, 2022)))
    flights = []
    for i in range(1, 121):
        origin, destination = r.sample(AIRPORTS, 2)
        minutes = flight_minutes(origin, destination) + r.randint(-5, 10)
        departure = f"{iso_date(r, '2024-05-01', '2024-07-31')} {r.randint(6, 21):02d}:{r.choice(['05', '20', '35', '50'])}"
        flights.append((i, f"SK{100 + i * 7}", origin[0], destination[0], r.randint(1, 16), departure,
                        minutes, round(money(r, 40 + minutes * 0.4, 90 + minutes * 0.9, step=1) - 0.01, 2)))
    names = person_names(r, 140)
    passengers = [
        (i, names[i - 1], r.choice(NATIONALITIES), sometimes_null(r, f"FF{r.randint(100000, 999999)}", 0.55))
        for i in range(1, 141)
    ]
    bookings = []
    for i in range(1, 361):
        flight = flights[r.randrange(110)]  # the last ten flights have just opened for sale
        seat_class = r.choice(["economy"] * 5 + ["business"])
        factor = 2.8 if seat_class == "business" else r.choice([0.8, 1.0, 1.0, 1.2])
        bookings.append((i, flight[0], r.randint(1, 140), seat_class,
                         add_days(flight[5][:10], -r.randint(1, 90)), round(flight[7] * factor, 2)))
    return {"airport": airports, "aircraft": aircraft, "flight": flights,
            "passenger": passengers, "booking": bookings}


PASSENGER_BOOKING = "passenger AS T1 JOIN booking AS T2 ON T1.passenger_id = T2.passenger_id"

INTENTS = (
    intent("count_flights", [
        "How many flights are there?",
        "Count the flights in the schedule.",
        "What is the total number of flights?",
    ], "SELECT COUNT(*) FROM flight"),
    intent("airports_in_country", [
        "Which airports are in {country}?",
        "List the names of airports located in {country}.",
        "Show me all airports in {country}.",
    ], "SELECT name FROM airport WHERE country = '{country}'",
        values="SELECT DISTINCT country FROM airport"),
    intent("large_aircraft", [
        "Which aircraft have more than {seats} seats? Give their registrations.",
        "List registrations of planes with over {seats} seats.",
        "Registration numbers of aircraft seating more than {seats} passengers?",
    ], "SELECT registration FROM aircraft WHERE seat_count > {seats}",
        values="SELECT DISTINCT seat_count - 1 AS seats FROM aircraft WHERE seat_count > 70"),
    intent("flights_from_airport", [
        "Which flights depart from {code}?",
        "List the flight numbers leaving {code}.",
        "Show all flights with origin {code}.",
    ], "SELECT flight_number FROM flight WHERE origin_code = '{code}'",
        values="SELECT DISTINCT origin_code AS code FROM flight"),
    intent("average_fare", [
        "What is the average ticket price of a flight?",
        "How much does a flight cost on average?",
        "Give the mean flight price.",
    ], "SELECT AVG(price) FROM flight"),
    intent("passengers_without_frequent_flyer", [
        "Which passengers have no frequent flyer number?",
        "List the passengers who aren't in the frequent flyer programme.",
        "Names of passengers missing a frequent flyer number.",
    ], "SELECT name FROM passenger WHERE frequent_flyer_number IS NULL"),
    intent("ultra_long_flights", [
        "Are there flights longer than {minutes} minutes? List their numbers.",
        "Which flights last more than {minutes} minutes?",
        "Show flight numbers with a duration above {minutes} minutes.",
    ], "SELECT flight_number FROM flight WHERE duration_minutes > {minutes}", "empty_result",
        values="SELECT 900 AS minutes UNION SELECT 1200 UNION SELECT 1500"),
    intent("business_revenue", [
        "What is the total amount paid for {seat_class} bookings?",
        "How much revenue came from {seat_class} class?",
        "Sum of the prices paid on {seat_class} bookings?",
    ], "SELECT SUM(price_paid) FROM booking WHERE seat_class = '{seat_class}'",
        values="SELECT DISTINCT seat_class FROM booking"),
    intent("longest_flight", [
        "Which flight takes the longest?",
        "What is the flight number of the longest flight?",
        "Find the flight with the greatest duration.",
    ], "SELECT flight_number FROM flight ORDER BY duration_minutes DESC LIMIT 1", "superlative"),
    intent("fleet_list", [
        "List every aircraft's registration and model, sorted by registration.",
        "Show registrations with their aircraft models in alphabetical order of registration.",
        "What planes do we have? Registration and model, ordered by registration.",
    ], "SELECT registration, model FROM aircraft ORDER BY registration"),
    intent("flights_per_origin", [
        "How many flights leave from each airport code?",
        "Count departures per origin airport.",
        "For every origin code, give the number of flights.",
    ], "SELECT origin_code, COUNT(*) FROM flight GROUP BY origin_code"),
    intent("flights_on_model", [
        "Which flights are operated with the {model}?",
        "List flight numbers flown by {model} aircraft.",
        "Show the flights that use the {model}.",
    ], "SELECT T1.flight_number FROM flight AS T1 JOIN aircraft AS T2 ON T1.aircraft_id = T2.aircraft_id "
       "WHERE T2.model = '{model}'",
        values="SELECT DISTINCT model FROM aircraft"),
    intent("flights_in_month", [
        "How many flights depart in {month_name} 2024?",
        "Count the flights leaving during {month_name} 2024.",
        "Number of departures in {month_name} 2024?",
    ], "SELECT COUNT(*) FROM flight WHERE departure_time LIKE '2024-{month}%'", "date",
        values="SELECT '05' AS month, 'May' AS month_name UNION SELECT '06', 'June' UNION SELECT '07', 'July'"),
    intent("frequent_travellers", [
        "Which passengers have more than {n} bookings?",
        "List passengers who booked over {n} flights.",
        "Find people with more than {n} bookings.",
    ], f"SELECT T1.name FROM {PASSENGER_BOOKING} GROUP BY T1.passenger_id HAVING COUNT(*) > {{n}}",
        values="SELECT DISTINCT COUNT(*) - 1 AS n FROM booking GROUP BY passenger_id HAVING COUNT(*) BETWEEN 3 AND 5"),
    intent("passengers_on_flight", [
        "Who is booked on flight {number}?",
        "List the passengers of flight {number}.",
        "Names of passengers holding a booking on {number}.",
    ], f"SELECT T1.name FROM {PASSENGER_BOOKING} JOIN flight AS T3 ON T2.flight_id = T3.flight_id "
       "WHERE T3.flight_number = '{number}'",
        values="SELECT flight_number AS number FROM flight"),
    intent("city_to_city", [
        "Which flights go from {origin} to {destination}?",
        "List flight numbers from {origin} to {destination}.",
        "Are there flights between {origin} and {destination} (in that direction)? Give the numbers.",
    ], "SELECT T1.flight_number FROM flight AS T1 JOIN airport AS T2 ON T1.origin_code = T2.airport_code "
       "JOIN airport AS T3 ON T1.destination_code = T3.airport_code "
       "WHERE T2.city = '{origin}' AND T3.city = '{destination}'",
        values="SELECT DISTINCT T2.city AS origin, T3.city AS destination FROM flight AS T1 "
               "JOIN airport AS T2 ON T1.origin_code = T2.airport_code "
               "JOIN airport AS T3 ON T1.destination_code = T3.airport_code"),
    intent("unbooked_flights", [
        "Which flights have no bookings yet?",
        "List flight numbers that nobody has booked.",
        "Find the flights without a single booking.",
    ], "SELECT flight_number FROM flight WHERE flight_id NOT IN (SELECT flight_id FROM booking)"),
    intent("pricey_flights_from", [
        "Which flights from {code} cost more than the average flight?",
        "List flights departing {code} priced above the overall average price.",
        "Flights out of {code} that are more expensive than average: flight numbers please.",
    ], "SELECT flight_number FROM flight WHERE origin_code = '{code}' AND price > (SELECT AVG(price) FROM flight)", values="SELECT DISTINCT origin_code AS code FROM flight"),
    intent("most_popular_destination", [
        "Which destination city has the most flights?",
        "What city do most of our flights fly to?",
        "Name the city that receives the largest number of flights.",
    ], "SELECT T2.city FROM flight AS T1 JOIN airport AS T2 ON T1.destination_code = T2.airport_code "
       "GROUP BY T2.city ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("both_classes", [
        "Which passengers have flown both business and economy?",
        "List passengers with at least one business booking and at least one economy booking.",
        "Who has booked in both seat classes, business and economy?",
    ], f"SELECT T1.name FROM {PASSENGER_BOOKING} WHERE T2.seat_class = 'business' INTERSECT "
       f"SELECT T1.name FROM {PASSENGER_BOOKING} WHERE T2.seat_class = 'economy'"),
)

DOMAIN = Domain("airline", "a regional airline: airports, aircraft, flights, passengers and bookings",
                SCHEMA, make_rows, INTENTS)
