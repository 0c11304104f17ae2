"""Practice database `museum`: artists, artworks, exhibitions and which works each one shows."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import Domain, add_days, intent, iso_date, person_names, sometimes_null

SCHEMA = """
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    death_year INTEGER
);
CREATE TABLE artwork (
    artwork_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    artist_id INTEGER NOT NULL REFERENCES artist(artist_id),
    medium TEXT NOT NULL,
    year_created INTEGER,
    estimated_value INTEGER NOT NULL
);
CREATE TABLE exhibition (
    exhibition_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    gallery_room TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    ticket_price REAL NOT NULL,
    visitor_count INTEGER
);
CREATE TABLE exhibition_artwork (
    exhibition_id INTEGER NOT NULL REFERENCES exhibition(exhibition_id),
    artwork_id INTEGER NOT NULL REFERENCES artwork(artwork_id),
    PRIMARY KEY (exhibition_id, artwork_id)
);
"""

NATIONALITIES = ["Dutch", "French", "Mexican", "Japanese", "Norwegian", "Italian", "Ghanaian", "Chilean"]
MEDIA = {"oil on canvas": 1.0, "watercolour": 0.4, "bronze": 1.3, "photograph": 0.3, "marble": 1.5, "ink on paper": 0.35}
TITLE_WORDS = (["Study of", "Portrait of", "View of", "Memory of", "Still Life with", "Sketch of", "Light on",
                "Homage to"],
               ["a Harbour", "the Orchard", "Two Sisters", "Lemons", "the Old Bridge", "a Sleeping Cat",
                "Morning Fog", "the Market", "a Blue Vase", "Winter Light", "the Lighthouse", "Fishermen"])
EXHIBITIONS = ["Light and Water", "Faces of the Century", "Small Wonders", "Stone and Metal", "The Quiet Room",
               "Northern Colours", "Cities in Ink", "New Acquisitions", "Gardens", "The Human Form"]
ROOMS = ["East Wing", "West Wing", "Sculpture Hall", "North Gallery", "Print Room"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    artists = []
    for i, name in enumerate(person_names(r, 26), start=1):
        born = r.randint(1820, 1990)
        died = born + r.randint(35, 95) if born < 1945 else sometimes_null(r, born + r.randint(40, 80), 0.9)
        artists.append((i, name, r.choice(NATIONALITIES), born, died if died is None or died <= 2024 else None))
    titles = r.sample([f"{a} {b}" for a in TITLE_WORDS[0] for b in TITLE_WORDS[1]], 90)
    artworks = []
    for i, title in enumerate(titles, start=1):
        artist = r.choice(artists[:24])  # two artists are in the archive with no works in the collection
        medium = r.choice(list(MEDIA))
        end = artist[4] if artist[4] is not None else 2024
        year = sometimes_null(r, r.randint(artist[3] + 18, min(end, artist[3] + 80)), 0.08)
        value = int(round(r.lognormvariate(11, 1.1) * MEDIA[medium], -2)) + 500
        artworks.append((i, title, artist[0], medium, year, value))
    exhibitions, shown = [], []
    for i, title in enumerate(EXHIBITIONS, start=1):
        start = iso_date(r, "2022-01-10", "2024-09-01")
        end = add_days(start, r.choice([60, 90, 120, 150]))
        visitors = None if end > "2024-10-31" else r.randrange(2_000, 60_000, 10)  # counts come after closing
        exhibitions.append((i, title, r.choice(ROOMS), start, end, r.choice([0.0, 8.0, 12.5, 15.0, 18.0]), visitors))
        for artwork_id in sorted(r.sample(range(1, 83), r.randint(6, 16))):  # 83-90 stay in storage
            shown.append((i, artwork_id))
    return {"artist": artists, "artwork": artworks, "exhibition": exhibitions, "exhibition_artwork": shown}


ARTWORK_ARTIST = "artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id"
SHOWN = ("exhibition AS T1 JOIN exhibition_artwork AS T2 ON T1.exhibition_id = T2.exhibition_id "
         "JOIN artwork AS T3 ON T2.artwork_id = T3.artwork_id")

INTENTS = (
    intent("count_artworks", [
        "How many artworks does the museum own?",
        "Count the artworks in the collection.",
        "What is the total number of works in the collection?",
    ], "SELECT COUNT(*) FROM artwork"),
    intent("artworks_in_medium", [
        "Which artworks have the medium {medium}?",
        "List the titles of works in {medium}.",
        "Show all pieces whose medium is {medium}.",
    ], "SELECT title FROM artwork WHERE medium = '{medium}'", values="SELECT DISTINCT medium FROM artwork"),
    intent("artists_of_nationality", [
        "Which artists are {nationality}?",
        "List the {nationality} artists in our archive.",
        "Names of artists with {nationality} nationality?",
    ], "SELECT name FROM artist WHERE nationality = '{nationality}'",
        values="SELECT DISTINCT nationality FROM artist"),
    intent("living_artists", [
        "How many of the artists are still alive?",
        "Count artists with no death year recorded.",
        "What's the number of living artists in the archive?",
    ], "SELECT COUNT(*) FROM artist WHERE death_year IS NULL"),
    intent("valuable_works", [
        "Which works are valued at more than {value}?",
        "List artworks with an estimated value above {value}.",
        "Titles of pieces worth over {value}?",
    ], "SELECT title FROM artwork WHERE estimated_value > {value}",
        values="SELECT 100000 AS value UNION SELECT 250000 UNION SELECT 500000"),
    intent("renaissance_works", [
        "Do we own any works created before {year}? List them.",
        "Which artworks date from before {year}?",
        "Show titles of works made earlier than {year}.",
    ], "SELECT title FROM artwork WHERE year_created < {year}", "empty_result",
        values="SELECT 1500 AS year UNION SELECT 1600 UNION SELECT 1700"),
    intent("most_valuable_work", [
        "What is the most valuable artwork?",
        "Which piece has the highest estimated value?",
        "Name the work with the top valuation.",
    ], "SELECT title FROM artwork ORDER BY estimated_value DESC LIMIT 1", "superlative"),
    intent("exhibitions_by_date", [
        "List the exhibitions with their start dates in chronological order.",
        "Show exhibition titles and start dates, earliest first.",
        "When did each exhibition open? Sort by start date.",
    ], "SELECT title, start_date FROM exhibition ORDER BY start_date"),
    intent("works_per_medium", [
        "How many artworks are there in each medium?",
        "Count the works by medium.",
        "Number of pieces per medium?",
    ], "SELECT medium, COUNT(*) FROM artwork GROUP BY medium"),
    intent("works_by_artist", [
        "Which works by {artist} do we have?",
        "List the titles of artworks by {artist}.",
        "Show {artist}'s works in the collection.",
    ], f"SELECT T1.title FROM {ARTWORK_ARTIST} WHERE T2.name = '{{artist}}'",
        values="SELECT DISTINCT T2.name AS artist FROM artwork AS T1 JOIN artist AS T2 ON T1.artist_id = T2.artist_id"),
    intent("exhibitions_in_room", [
        "Which exhibitions were held in the {room}, and when did they start?",
        "List titles and start dates of exhibitions in the {room}.",
        "Exhibitions shown in the {room}: titles and opening dates?",
    ], "SELECT title, start_date FROM exhibition WHERE gallery_room = '{room}'",
        values="SELECT DISTINCT gallery_room AS room FROM exhibition"),
    intent("works_in_exhibition", [
        "Which artworks were shown in {exhibition}?",
        "List the works in the exhibition {exhibition}.",
        "What pieces did {exhibition} include?",
    ], f"SELECT T3.title FROM {SHOWN} WHERE T1.title = '{{exhibition}}'",
        values="SELECT title AS exhibition FROM exhibition"),
    intent("big_exhibitions", [
        "Which exhibitions showed more than {n} works?",
        "List exhibitions with over {n} artworks.",
        "Exhibition titles with more than {n} pieces on display?",
    ], "SELECT T1.title FROM exhibition AS T1 JOIN exhibition_artwork AS T2 ON T1.exhibition_id = T2.exhibition_id "
       "GROUP BY T1.exhibition_id HAVING COUNT(*) > {n}",
        values="SELECT 8 AS n UNION SELECT 10 UNION SELECT 12"),
    intent("never_exhibited", [
        "Which artworks have never been exhibited?",
        "List works that have not appeared in any exhibition.",
        "Find the pieces that are always in storage.",
    ], "SELECT title FROM artwork WHERE artwork_id NOT IN (SELECT artwork_id FROM exhibition_artwork)"),
    intent("value_by_nationality", [
        "What is the total estimated value of the works by artists of each nationality?",
        "Sum the artwork values per artist nationality.",
        "For every nationality, how much are its artists' works worth in total?",
    ], f"SELECT T2.nationality, SUM(T1.estimated_value) FROM {ARTWORK_ARTIST} GROUP BY T2.nationality"),
    intent("above_average_value_in_medium", [
        "Which {medium} works are worth more than the average artwork?",
        "List {medium} pieces valued above the collection average.",
        "Find works in {medium} with an above-average estimated value.",
    ], "SELECT title FROM artwork WHERE medium = '{medium}' AND estimated_value > (SELECT AVG(estimated_value) FROM artwork)", values="SELECT DISTINCT medium FROM artwork"),
    intent("most_exhibited_artist", [
        "Whose works have been exhibited the most times?",
        "Which artist appears most often in our exhibitions?",
        "Name the artist with the most exhibited pieces, counting each showing.",
    ], "SELECT T4.name FROM exhibition_artwork AS T2 JOIN artwork AS T3 ON T2.artwork_id = T3.artwork_id "
       "JOIN artist AS T4 ON T3.artist_id = T4.artist_id GROUP BY T4.artist_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("artists_in_two_media", [
        "Which artists have worked in both {medium_a} and {medium_b}?",
        "List artists with works in {medium_a} as well as {medium_b}.",
        "Find artists who made at least one {medium_a} piece and one {medium_b} piece.",
    ], f"SELECT T2.name FROM {ARTWORK_ARTIST} WHERE T1.medium = '{{medium_a}}' INTERSECT "
       f"SELECT T2.name FROM {ARTWORK_ARTIST} WHERE T1.medium = '{{medium_b}}'",
        values="SELECT DISTINCT a.medium AS medium_a, b.medium AS medium_b FROM artwork AS a "
               "JOIN artwork AS b ON a.artist_id = b.artist_id WHERE a.medium < b.medium"),
    intent("artists_without_works", [
        "Which artists have no works in the collection?",
        "List artists in the archive that we own nothing by.",
        "Find the artists without a single artwork here.",
    ], f"SELECT name FROM artist EXCEPT SELECT T2.name FROM {ARTWORK_ARTIST}"),
)

DOMAIN = Domain("museum", "an art museum: artists, artworks, exhibitions and the works each one showed",
                SCHEMA, make_rows, INTENTS)
