"""Practice database `bike_sharing`: a city bike scheme's stations, bikes, riders and trips."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, intent, iso_date, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE station (
    station_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    neighborhood TEXT NOT NULL,
    dock_count INTEGER NOT NULL,
    installed_date TEXT NOT NULL
);
CREATE TABLE bike (
    bike_id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    purchase_date TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE rider (
    rider_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    plan TEXT NOT NULL,
    signup_date TEXT NOT NULL,
    birth_year INTEGER
);
CREATE TABLE trip (
    trip_id INTEGER PRIMARY KEY,
    bike_id INTEGER NOT NULL REFERENCES bike(bike_id),
    rider_id INTEGER NOT NULL REFERENCES rider(rider_id),
    start_station_id INTEGER NOT NULL REFERENCES station(station_id),
    end_station_id INTEGER NOT NULL REFERENCES station(station_id),
    start_time TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    cost REAL NOT NULL
);
"""

STATIONS = [
    ("Central Square", "Downtown"), ("City Hall", "Downtown"), ("Market Street", "Downtown"),
    ("Riverside Park", "Riverside"), ("Boathouse", "Riverside"), ("University Gate", "Campus"),
    ("Library Steps", "Campus"), ("Science Park", "Campus"), ("Old Harbour", "Harbourside"),
    ("Ferry Terminal", "Harbourside"), ("Hilltop", "Northside"), ("Northside Pool", "Northside"),
]
MODELS = ["classic", "classic", "classic", "electric", "electric", "cargo"]
PRICE_PER_MINUTE = {"classic": 0.05, "electric": 0.15, "cargo": 0.10}
UNLOCK_FEE = {"annual": 0.0, "monthly": 0.5, "pay as you go": 1.0}


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    docks = r.sample(range(8, 41), len(STATIONS))
    stations = [(i, name, area, docks[i - 1], iso_date(r, "2016-04-01", "2022-09-30"))
                for i, (name, area) in enumerate(STATIONS, start=1)]
    bikes = [(i, r.choice(MODELS), iso_date(r, "2017-01-01", "2023-12-31"),
              r.choice(["in service"] * 8 + ["repair", "retired"])) for i in range(1, 61)]
    riders = [(i, name, r.choice(["annual", "annual", "monthly", "pay as you go"]),
               iso_date(r, "2019-01-01", "2024-05-31"), sometimes_null(r, r.randint(1950, 2005), 0.2))
              for i, name in enumerate(person_names(r, 90), start=1)]
    usable = [b for b in bikes if b[3] != "retired"]
    busy_first = r.sample(stations, len(stations))
    trips = []
    for i in range(1, 401):
        bike, rider = r.choice(usable), r.choice(riders[:84])  # six riders signed up but never rode
        start = skewed_choice(r, busy_first, skew=0.7)
        end = skewed_choice(r, busy_first[:11], skew=0.3)  # nobody has ended a trip at the quietest station
        minutes = r.randint(4, 55) if bike[1] != "cargo" else r.randint(10, 90)
        cost = round(UNLOCK_FEE[rider[2]] + minutes * PRICE_PER_MINUTE[bike[1]], 2)
        time = f"{iso_date(r, '2024-05-01', '2024-06-30')} {r.randint(6, 22):02d}:{r.randint(0, 59):02d}"
        trips.append((i, bike[0], rider[0], start[0], end[0], time, minutes, cost))
    return {"station": stations, "bike": bikes, "rider": riders, "trip": trips}


TRIP_BIKE = "trip AS T1 JOIN bike AS T2 ON T1.bike_id = T2.bike_id"
RIDER_TRIP = "rider AS T1 JOIN trip AS T2 ON T1.rider_id = T2.rider_id"

INTENTS = (
    intent("count_stations", [
        "How many stations are there?",
        "Count the bike stations.",
        "What is the total number of docking stations?",
    ], "SELECT COUNT(*) FROM station"),
    intent("stations_in_neighborhood", [
        "Which stations are in {neighborhood}?",
        "List the stations located in the {neighborhood} neighborhood.",
        "Show me every station in {neighborhood}.",
    ], "SELECT name FROM station WHERE neighborhood = '{neighborhood}'",
        values="SELECT DISTINCT neighborhood FROM station"),
    intent("bikes_of_model", [
        "How many {model} bikes are there?",
        "Count the {model} bikes in the fleet.",
        "What's the number of bikes of model {model}?",
    ], "SELECT COUNT(*) FROM bike WHERE model = '{model}'",
        values="SELECT DISTINCT model FROM bike"),
    intent("bikes_with_status", [
        "Which bikes have the status {status}? Give their ids.",
        "List the ids of bikes whose status is {status}.",
        "Show bike ids with status {status}.",
    ], "SELECT bike_id FROM bike WHERE status = '{status}'",
        values="SELECT DISTINCT status FROM bike"),
    intent("average_trip_duration", [
        "What is the average trip duration in minutes?",
        "How long does a trip last on average?",
        "Give the mean duration of all trips.",
    ], "SELECT AVG(duration_minutes) FROM trip"),
    intent("marathon_trips", [
        "Were there trips longer than {minutes} minutes? List their ids.",
        "Which trips lasted over {minutes} minutes?",
        "Show ids of trips with a duration above {minutes} minutes.",
    ], "SELECT trip_id FROM trip WHERE duration_minutes > {minutes}", "empty_result",
        values="SELECT 600 AS minutes UNION SELECT 1000 UNION SELECT 1440"),
    intent("big_stations", [
        "Which stations have more than {docks} docks? Sort them by name.",
        "List stations with over {docks} docks, alphabetically.",
        "Stations with more than {docks} docks, in alphabetical order?",
    ], "SELECT name FROM station WHERE dock_count > {docks} ORDER BY name",
        values="SELECT 15 AS docks UNION SELECT 20 UNION SELECT 25"),
    intent("riders_signed_up_in_year", [
        "Which riders signed up in {year}?",
        "List the riders who joined during {year}.",
        "Names of riders with a signup date in {year}?",
    ], "SELECT name FROM rider WHERE signup_date LIKE '{year}%'", "date",
        values="SELECT DISTINCT substr(signup_date, 1, 4) AS year FROM rider"),
    intent("trips_per_model", [
        "How many trips were made on each bike model?",
        "Count trips by bike model.",
        "For every model of bike, show the number of trips.",
    ], f"SELECT T2.model, COUNT(*) FROM {TRIP_BIKE} GROUP BY T2.model"),
    intent("trips_from_station", [
        "How many trips started at {station}?",
        "Count the trips that began at the {station} station.",
        "What's the number of departures from {station}?",
    ], "SELECT COUNT(*) FROM trip AS T1 JOIN station AS T2 ON T1.start_station_id = T2.station_id "
       "WHERE T2.name = '{station}'",
        values="SELECT name AS station FROM station"),
    intent("electric_trip_length", [
        "What is the average duration of trips on {model} bikes?",
        "How long do {model} bike trips last on average?",
        "Average trip length in minutes for {model} bikes?",
    ], f"SELECT AVG(T1.duration_minutes) FROM {TRIP_BIKE} WHERE T2.model = '{{model}}'", values="SELECT DISTINCT model FROM bike"),
    intent("revenue_per_plan", [
        "How much have riders on each plan paid for trips in total?",
        "Total trip cost per plan?",
        "Sum the trip costs by rider plan.",
    ], f"SELECT T1.plan, SUM(T2.cost) FROM {RIDER_TRIP} GROUP BY T1.plan"),
    intent("frequent_riders", [
        "Which riders have taken more than {n} trips?",
        "List riders with over {n} trips.",
        "Who has ridden more than {n} times?",
    ], f"SELECT T1.name FROM {RIDER_TRIP} GROUP BY T1.rider_id HAVING COUNT(*) > {{n}}", values="SELECT 5 AS n UNION SELECT 6 UNION SELECT 7"),
    intent("longest_trip_rider", [
        "Who took the longest trip?",
        "Which rider made the trip with the greatest duration?",
        "Name the rider of the longest ride.",
    ], f"SELECT T1.name FROM {RIDER_TRIP} ORDER BY T2.duration_minutes DESC LIMIT 1", "superlative"),
    intent("station_to_station", [
        "How many trips went from {start} to {end}?",
        "Count trips starting at {start} and ending at {end}.",
        "Number of rides from {start} to {end}?",
    ], "SELECT COUNT(*) FROM trip AS T1 JOIN station AS T2 ON T1.start_station_id = T2.station_id "
       "JOIN station AS T3 ON T1.end_station_id = T3.station_id WHERE T2.name = '{start}' AND T3.name = '{end}'",
        values="SELECT DISTINCT T2.name AS start, T3.name AS end FROM trip AS T1 "
               "JOIN station AS T2 ON T1.start_station_id = T2.station_id "
               "JOIN station AS T3 ON T1.end_station_id = T3.station_id WHERE T2.station_id <> T3.station_id"),
    intent("never_an_end_station", [
        "At which stations has no trip ever ended?",
        "List the stations that were never a trip's destination.",
        "Find stations where no ride has finished.",
    ], "SELECT name FROM station WHERE station_id NOT IN (SELECT end_station_id FROM trip)"),
    intent("riders_never_rode", [
        "Which riders have never taken a trip?",
        "List the riders with no trips.",
        "Who signed up but hasn't ridden yet?",
    ], f"SELECT name FROM rider EXCEPT SELECT T1.name FROM {RIDER_TRIP}"),
    intent("busiest_start_station", [
        "Which station do the most trips start from?",
        "What is the busiest station for departures?",
        "Name the station with the highest number of trip starts.",
    ], "SELECT T2.name FROM trip AS T1 JOIN station AS T2 ON T1.start_station_id = T2.station_id "
       "GROUP BY T2.station_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("riders_two_models", [
        "Which riders have used both {model_a} and {model_b} bikes?",
        "List riders who rode a {model_a} bike and also a {model_b} bike.",
        "Find the riders with trips on {model_a} as well as {model_b} bikes.",
    ], "SELECT T1.name FROM rider AS T1 JOIN trip AS T2 ON T1.rider_id = T2.rider_id "
       "JOIN bike AS T3 ON T2.bike_id = T3.bike_id WHERE T3.model = '{model_a}' INTERSECT "
       "SELECT T1.name FROM rider AS T1 JOIN trip AS T2 ON T1.rider_id = T2.rider_id "
       "JOIN bike AS T3 ON T2.bike_id = T3.bike_id WHERE T3.model = '{model_b}'",
        values="SELECT DISTINCT a.model AS model_a, b.model AS model_b FROM bike AS a, bike AS b WHERE a.model < b.model"),
)

DOMAIN = Domain("bike_sharing", "a city bike-sharing scheme: stations, bikes, riders and trips",
                SCHEMA, make_rows, INTENTS)
