"""Practice database `weather_station`: weather stations, their daily readings and the alerts they issued."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from course_utils.datagen.practice_kit import Domain, intent, sometimes_null

SCHEMA = """
CREATE TABLE station (
    station_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    elevation_m INTEGER NOT NULL,
    opened_year INTEGER NOT NULL
);
CREATE TABLE daily_reading (
    reading_id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES station(station_id),
    reading_date TEXT NOT NULL,
    max_temp_c REAL NOT NULL,
    min_temp_c REAL NOT NULL,
    rainfall_mm REAL NOT NULL,
    wind_speed_kmh REAL
);
CREATE TABLE alert (
    alert_id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES station(station_id),
    issued_date TEXT NOT NULL,
    alert_type TEXT NOT NULL,
    severity TEXT NOT NULL
);
"""

# (name, region, elevation in metres): higher stations are colder and windier
STATIONS = [("Gull Point", "Coast", 8), ("Cliffhead", "Coast", 64), ("Marsh End", "Lowlands", 15),
            ("Millford Weir", "Lowlands", 31), ("Ridgeback", "Highlands", 842), ("Pine Saddle", "Highlands", 615),
            ("Cairn Top", "Highlands", 1104), ("Orchard Vale", "Lowlands", 47), ("Skerry Light", "Coast", 22)]
FIRST_DAY = date(2024, 1, 1)
DAYS = 45  # daily readings from 1 January to 14 February 2024


def reading(r: random.Random, elevation: int, day: int) -> tuple[float, float, float, float | None]:
    """One day's max and min temperature, rainfall and wind (winter, colder with height)."""
    base = 6 - elevation / 150 + 2 * math.sin(day / 9)
    high = round(base + r.uniform(0, 6), 1)
    low = round(high - r.uniform(3, 10), 1)
    rain = round(r.expovariate(0.4), 1) if r.random() < 0.55 else 0.0
    wind = sometimes_null(r, round(r.uniform(5, 45) + elevation / 30, 1), 0.04)  # sensor outages
    return high, low, rain, wind


def alert_for(high: float, low: float, rain: float, wind: float | None) -> tuple[str, str] | None:
    """The alert (type, severity) a day's reading triggers, if any."""
    if wind is not None and wind > 60:
        return "storm", "high" if wind > 70 else "moderate"
    if rain > 12:
        return "flood", "high" if rain > 16 else "moderate"
    if low < -8:
        return "frost", "high" if low < -12 else "moderate" if low < -10 else "low"
    return None


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    opened = r.sample(range(1952, 2016), len(STATIONS))
    stations = [(i, name, region, elevation, opened[i - 1])
                for i, (name, region, elevation) in enumerate(STATIONS, start=1)]
    readings, alerts = [], []
    for station_id, _, _, elevation, _ in stations:
        for day in range(DAYS):
            when = (FIRST_DAY + timedelta(days=day)).isoformat()
            values = reading(r, elevation, day)
            readings.append((len(readings) + 1, station_id, when, *values))
            triggered = alert_for(*values)
            if triggered:
                alerts.append((len(alerts) + 1, station_id, when, *triggered))
    return {"station": stations, "daily_reading": readings, "alert": alerts}


STATION_READING = "station AS T1 JOIN daily_reading AS T2 ON T1.station_id = T2.station_id"
STATION_ALERT = "station AS T1 JOIN alert AS T2 ON T1.station_id = T2.station_id"

INTENTS = (
    intent("count_stations", [
        "How many weather stations are there?",
        "Count the stations.",
        "What is the number of stations in the network?",
    ], "SELECT COUNT(*) FROM station"),
    intent("stations_in_region", [
        "Which stations are in the {region} region?",
        "List the {region} stations.",
        "Names of weather stations located in {region}?",
    ], "SELECT name FROM station WHERE region = '{region}'", values="SELECT DISTINCT region FROM station"),
    intent("high_stations", [
        "Which stations sit higher than {metres} metres?",
        "List stations with an elevation above {metres} m.",
        "What stations are located more than {metres} metres above sea level?",
    ], "SELECT name FROM station WHERE elevation_m > {metres}",
        values="SELECT 50 AS metres UNION SELECT 500 UNION SELECT 1000"),
    intent("alerts_of_type", [
        "How many {alert_type} alerts have been issued?",
        "Count the {alert_type} alerts.",
        "What's the number of alerts of type {alert_type}?",
    ], "SELECT COUNT(*) FROM alert WHERE alert_type = '{alert_type}'",
        values="SELECT DISTINCT alert_type FROM alert"),
    intent("average_rainfall", [
        "What is the average daily rainfall across all readings?",
        "How much rain falls per day on average, in millimetres?",
        "Give the mean rainfall of the daily readings.",
    ], "SELECT AVG(rainfall_mm) FROM daily_reading"),
    intent("missing_wind", [
        "How many readings have no wind speed recorded?",
        "Count the daily readings where the wind speed is missing.",
        "Number of readings without a wind measurement?",
    ], "SELECT COUNT(*) FROM daily_reading WHERE wind_speed_kmh IS NULL"),
    intent("heatwave_days", [
        "Were there any days hotter than {degrees} degrees? Give reading ids.",
        "List readings with a maximum temperature above {degrees} °C.",
        "Which readings recorded a high over {degrees} degrees Celsius?",
    ], "SELECT reading_id FROM daily_reading WHERE max_temp_c > {degrees}", "empty_result",
        values="SELECT 30 AS degrees UNION SELECT 35 UNION SELECT 40"),
    intent("coldest_night", [
        "Which station recorded the coldest night, and on what date?",
        "Where and when was the lowest minimum temperature measured? Give the station id and date.",
        "Station id and date of the lowest min temperature on record?",
    ], "SELECT station_id, reading_date FROM daily_reading ORDER BY min_temp_c LIMIT 1", "superlative"),
    intent("stations_by_elevation", [
        "List all stations and their elevations, highest first.",
        "Show station names with elevation, sorted from highest to lowest.",
        "What are the stations' elevations? Order by elevation descending.",
    ], "SELECT name, elevation_m FROM station ORDER BY elevation_m DESC"),
    intent("alerts_per_severity", [
        "How many alerts are there of each severity?",
        "Count alerts by severity.",
        "Number of alerts per severity level?",
    ], "SELECT severity, COUNT(*) FROM alert GROUP BY severity"),
    intent("rain_at_station", [
        "How much rain fell at {station} in total?",
        "What was the total rainfall recorded at {station}?",
        "Sum of rainfall at the {station} station?",
    ], f"SELECT SUM(T2.rainfall_mm) FROM {STATION_READING} WHERE T1.name = '{{station}}'",
        values="SELECT name AS station FROM station"),
    intent("alerts_at_station", [
        "What alerts has {station} issued? Show date and type.",
        "List the dates and types of alerts from {station}.",
        "Give issued date and alert type for every {station} alert.",
    ], f"SELECT T2.issued_date, T2.alert_type FROM {STATION_ALERT} WHERE T1.name = '{{station}}'",
        values="SELECT DISTINCT T1.name AS station FROM station AS T1 JOIN alert AS T2 ON T1.station_id = T2.station_id"),
    intent("windy_days_in_region", [
        "On how many days did {region} stations record wind above {kmh} km/h?",
        "Count readings in the {region} region with wind speed over {kmh} km/h.",
        "Number of {region} readings where the wind exceeded {kmh} km/h?",
    ], f"SELECT COUNT(*) FROM {STATION_READING} WHERE T1.region = '{{region}}' AND T2.wind_speed_kmh > {{kmh}}",
        values="SELECT r.region, k.kmh FROM (SELECT DISTINCT region FROM station) AS r, "
               "(SELECT 40 AS kmh UNION SELECT 50) AS k"),
    intent("alert_prone_stations", [
        "Which stations issued more than {n} alerts?",
        "List stations with over {n} alerts.",
        "What stations have raised more than {n} alerts?",
    ], f"SELECT T1.name FROM {STATION_ALERT} GROUP BY T1.station_id HAVING COUNT(*) > {{n}}", values="SELECT 3 AS n UNION SELECT 5 UNION SELECT 8"),
    intent("average_high_by_region", [
        "What is the average maximum temperature in each region?",
        "Average daily high per region?",
        "For every region, the mean of the daily maximum temperatures.",
    ], f"SELECT T1.region, AVG(T2.max_temp_c) FROM {STATION_READING} GROUP BY T1.region"),
    intent("quiet_stations", [
        "Which stations have never issued an alert?",
        "List stations without any alerts.",
        "Find the stations that raised no alerts.",
    ], "SELECT name FROM station WHERE station_id NOT IN (SELECT station_id FROM alert)"),
    intent("wetter_than_average_days", [
        "On which dates did {station} get more rain than the average reading?",
        "List the dates when rainfall at {station} was above the overall average.",
        "Dates with above-average rainfall at {station}?",
    ], f"SELECT T2.reading_date FROM {STATION_READING} WHERE T1.name = '{{station}}' "
       "AND T2.rainfall_mm > (SELECT AVG(rainfall_mm) FROM daily_reading)",
        values="SELECT name AS station FROM station"),
    intent("most_alerts_station", [
        "Which station has issued the most alerts?",
        "What station raised the largest number of alerts?",
        "Name the station with the highest alert count.",
    ], f"SELECT T1.name FROM {STATION_ALERT} GROUP BY T1.station_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("two_alert_types", [
        "Which stations have issued both {type_a} and {type_b} alerts?",
        "List stations with at least one {type_a} alert and one {type_b} alert.",
        "Find stations that raised {type_a} alerts as well as {type_b} alerts.",
    ], f"SELECT T1.name FROM {STATION_ALERT} WHERE T2.alert_type = '{{type_a}}' INTERSECT "
       f"SELECT T1.name FROM {STATION_ALERT} WHERE T2.alert_type = '{{type_b}}'",
        values="SELECT DISTINCT a.alert_type AS type_a, b.alert_type AS type_b FROM alert AS a "
               "JOIN alert AS b ON a.station_id = b.station_id WHERE a.alert_type < b.alert_type"),
)

DOMAIN = Domain("weather_station", "a regional weather network: stations, daily readings and alerts",
                SCHEMA, make_rows, INTENTS)
