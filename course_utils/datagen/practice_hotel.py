"""Practice database `hotel_bookings`: a small hotel chain's hotels, rooms, guests and bookings."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE hotel (
    hotel_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    star_rating INTEGER NOT NULL
);
CREATE TABLE room (
    room_id INTEGER PRIMARY KEY,
    hotel_id INTEGER NOT NULL REFERENCES hotel(hotel_id),
    room_number TEXT NOT NULL,
    room_type TEXT NOT NULL,
    nightly_rate REAL NOT NULL
);
CREATE TABLE guest (
    guest_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    email TEXT
);
CREATE TABLE booking (
    booking_id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES room(room_id),
    guest_id INTEGER NOT NULL REFERENCES guest(guest_id),
    check_in TEXT NOT NULL,
    check_out TEXT NOT NULL,
    total_price REAL NOT NULL,
    status TEXT NOT NULL
);
"""

HOTELS = [("Seaview Lodge", "Porthaven", 3), ("The Granary", "Alderton", 4), ("Crown and Anchor", "Porthaven", 2),
          ("Hillcrest Manor", "Wexley", 5), ("Station Inn", "Alderton", 2), ("Lakeside Retreat", "Wexley", 4)]
ROOM_TYPES = {"single": 0.7, "double": 1.0, "twin": 1.0, "suite": 2.2}  # price relative to a double
COUNTRIES = ["United Kingdom", "France", "Germany", "United States", "Japan", "Netherlands", "Italy"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    hotels = [(i, name, city, stars) for i, (name, city, stars) in enumerate(HOTELS, start=1)]
    rooms = []
    for hotel_id, _, _, stars in hotels:
        for n in range(r.randint(6, 12)):
            room_type = r.choice(["single", "double", "double", "twin", "suite"] if stars >= 4 else
                                 ["single", "double", "double", "twin"])
            rate = round((40 + 25 * stars) * ROOM_TYPES[room_type] * r.uniform(0.95, 1.1)) - 0.01
            rooms.append((len(rooms) + 1, hotel_id, f"{1 + n // 6}{n % 6 + 1:02d}", room_type, round(rate, 2)))
    guests = [(i, name, skewed_choice(r, COUNTRIES, skew=0.6),
               sometimes_null(r, name.lower().replace(" ", ".") + "@example.org", 0.2))
              for i, name in enumerate(person_names(r, 100), start=1)]
    bookings = []
    for i in range(1, 281):
        room = skewed_choice(r, rooms, skew=0.2)
        check_in = iso_date(r, "2024-03-01", "2024-10-31")
        nights = r.choice([1, 1, 2, 2, 3, 4, 7])
        status = "cancelled" if r.random() < 0.1 else "upcoming" if check_in > "2024-07-15" else "completed"
        bookings.append((i, room[0], r.randint(1, 92), check_in, add_days(check_in, nights),
                         round(room[4] * nights, 2), status))
    return {"hotel": hotels, "room": rooms, "guest": guests, "booking": bookings}


HOTEL_ROOM = "hotel AS T1 JOIN room AS T2 ON T1.hotel_id = T2.hotel_id"
GUEST_BOOKING = "guest AS T1 JOIN booking AS T2 ON T1.guest_id = T2.guest_id"

INTENTS = (
    intent("count_guests", [
        "How many guests are registered?",
        "Count the guests.",
        "What is the total number of guests in our records?",
    ], "SELECT COUNT(*) FROM guest"),
    intent("hotels_in_city", [
        "Which hotels are in {city}?",
        "List our hotels located in {city}.",
        "Names of the hotels in {city}?",
    ], "SELECT name FROM hotel WHERE city = '{city}'", values="SELECT DISTINCT city FROM hotel"),
    intent("guests_from_country", [
        "How many guests come from {country}?",
        "Count the guests from {country}.",
        "What's the number of guests whose country is {country}?",
    ], "SELECT COUNT(*) FROM guest WHERE country = '{country}'",
        values="SELECT DISTINCT country FROM guest"),
    intent("average_rate", [
        "What is the average nightly rate of a room?",
        "How much does a room cost per night on average?",
        "Give the mean nightly rate over all rooms.",
    ], "SELECT AVG(nightly_rate) FROM room"),
    intent("long_stays", [
        "Which bookings are for a stay costing more than {amount}? Show the booking ids.",
        "List ids of bookings whose total price is above {amount}.",
        "Booking ids with a total over {amount}?",
    ], "SELECT booking_id FROM booking WHERE total_price > {amount}",
        values="SELECT 800 AS amount UNION SELECT 1000 UNION SELECT 1500"),
    intent("six_star_hotels", [
        "Do we have any hotels rated above {stars} stars?",
        "Which hotels have more than {stars} stars?",
        "List hotels with a star rating over {stars}.",
    ], "SELECT name FROM hotel WHERE star_rating > {stars}", "empty_result",
        values="SELECT 5 AS stars UNION SELECT 6 UNION SELECT 7"),
    intent("cheapest_room_rate", [
        "What is the lowest nightly rate of any room?",
        "How cheap is our cheapest room per night?",
        "Give the minimum nightly rate.",
    ], "SELECT MIN(nightly_rate) FROM room"),
    intent("hotels_by_stars", [
        "List the hotels with their star ratings, best first, then by name.",
        "Show hotel names and stars sorted by rating descending and name.",
        "Hotels and their star rating, highest rated first (alphabetical within a rating).",
    ], "SELECT name, star_rating FROM hotel ORDER BY star_rating DESC, name"),
    intent("rooms_per_type", [
        "How many rooms of each type are there?",
        "Count the rooms by room type.",
        "Number of rooms for every room type?",
    ], "SELECT room_type, COUNT(*) FROM room GROUP BY room_type"),
    intent("rooms_of_hotel", [
        "Which rooms does {hotel} have, and at what nightly rate?",
        "List room numbers and rates at {hotel}.",
        "Show the room numbers of {hotel} with their nightly rates.",
    ], f"SELECT T2.room_number, T2.nightly_rate FROM {HOTEL_ROOM} WHERE T1.name = '{{hotel}}'",
        values="SELECT name AS hotel FROM hotel"),
    intent("suites_in_city", [
        "How many suites are there in {city}?",
        "Count the suites across our {city} hotels.",
        "Number of suite rooms in {city}?",
    ], f"SELECT COUNT(*) FROM {HOTEL_ROOM} WHERE T1.city = '{{city}}' AND T2.room_type = 'suite'", values="SELECT DISTINCT city FROM hotel"),
    intent("checkins_in_month", [
        "How many bookings check in during {month_name} 2024?",
        "Count the check-ins in {month_name} 2024.",
        "What's the number of bookings with a check-in date in {month_name} 2024?",
    ], "SELECT COUNT(*) FROM booking WHERE check_in LIKE '2024-{month}%'", "date",
        values="SELECT '04' AS month, 'April' AS month_name UNION SELECT '06', 'June' UNION SELECT '08', 'August'"),
    intent("repeat_guests", [
        "Which guests have made more than {n} bookings?",
        "List guests with over {n} bookings.",
        "Who has booked with us more than {n} times?",
    ], f"SELECT T1.name FROM {GUEST_BOOKING} GROUP BY T1.guest_id HAVING COUNT(*) > {{n}}", values="SELECT 3 AS n UNION SELECT 4 UNION SELECT 5"),
    intent("guests_at_hotel", [
        "Which guests have stayed or will stay at {hotel}?",
        "List the guests with a booking at {hotel}.",
        "Who has booked a room at {hotel}?",
    ], f"SELECT DISTINCT T1.name FROM {GUEST_BOOKING} JOIN room AS T3 ON T2.room_id = T3.room_id "
       "JOIN hotel AS T4 ON T3.hotel_id = T4.hotel_id WHERE T4.name = '{hotel}'",
        values="SELECT name AS hotel FROM hotel"),
    intent("guests_without_bookings", [
        "Which guests have no bookings?",
        "List registered guests who never booked.",
        "Find guests without a single booking.",
    ], "SELECT name FROM guest WHERE guest_id NOT IN (SELECT guest_id FROM booking)"),
    intent("revenue_per_hotel", [
        "What is the total revenue of each hotel from completed bookings?",
        "Sum the completed booking prices per hotel.",
        "For every hotel, how much did completed stays bring in?",
    ], "SELECT T1.name, SUM(T3.total_price) FROM hotel AS T1 JOIN room AS T2 ON T1.hotel_id = T2.hotel_id "
       "JOIN booking AS T3 ON T2.room_id = T3.room_id WHERE T3.status = 'completed' GROUP BY T1.hotel_id"),
    intent("pricier_than_average_rooms", [
        "Which rooms at {hotel} cost more per night than the average room?",
        "List {hotel} room numbers with an above-average nightly rate.",
        "At {hotel}, which rooms are pricier than the average nightly rate?",
    ], f"SELECT T2.room_number FROM {HOTEL_ROOM} WHERE T1.name = '{{hotel}}' "
       "AND T2.nightly_rate > (SELECT AVG(nightly_rate) FROM room)",
        values="SELECT name AS hotel FROM hotel"),
    intent("most_booked_hotel", [
        "Which hotel has the most bookings?",
        "What is our most booked hotel?",
        "Name the hotel with the highest number of bookings.",
    ], "SELECT T1.name FROM hotel AS T1 JOIN room AS T2 ON T1.hotel_id = T2.hotel_id "
       "JOIN booking AS T3 ON T2.room_id = T3.room_id GROUP BY T1.hotel_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("guests_in_two_cities", [
        "Which guests have booked hotels in both {city_a} and {city_b}?",
        "List guests with stays in {city_a} as well as {city_b}.",
        "Find the guests who booked in {city_a} and also in {city_b}.",
    ], "SELECT T1.name FROM guest AS T1 JOIN booking AS T2 ON T1.guest_id = T2.guest_id "
       "JOIN room AS T3 ON T2.room_id = T3.room_id JOIN hotel AS T4 ON T3.hotel_id = T4.hotel_id "
       "WHERE T4.city = '{city_a}' INTERSECT "
       "SELECT T1.name FROM guest AS T1 JOIN booking AS T2 ON T1.guest_id = T2.guest_id "
       "JOIN room AS T3 ON T2.room_id = T3.room_id JOIN hotel AS T4 ON T3.hotel_id = T4.hotel_id "
       "WHERE T4.city = '{city_b}'",
        values="SELECT DISTINCT a.city AS city_a, b.city AS city_b FROM hotel AS a, hotel AS b WHERE a.city < b.city"),
)

DOMAIN = Domain("hotel_bookings", "a small hotel chain: hotels, rooms, guests and bookings",
                SCHEMA, make_rows, INTENTS)
