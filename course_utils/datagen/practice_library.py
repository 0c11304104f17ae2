"""Practice database `library`: a town library's authors, books, members and loans."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE author (
    author_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    birth_year INTEGER,
    country TEXT
);
CREATE TABLE book (
    book_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES author(author_id),
    genre TEXT NOT NULL,
    published_year INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    copies INTEGER NOT NULL
);
CREATE TABLE member (
    member_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    joined_date TEXT NOT NULL,
    membership_type TEXT NOT NULL
);
CREATE TABLE loan (
    loan_id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL REFERENCES book(book_id),
    member_id INTEGER NOT NULL REFERENCES member(member_id),
    loan_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    return_date TEXT
);
"""

GENRES = ["mystery", "fantasy", "history", "science fiction", "poetry", "biography", "children"]
COUNTRIES = ["Canada", "Ireland", "Nigeria", "Japan", "Brazil", "Sweden", "India", "Poland"]
CITIES = ["Millbrook", "Ashford", "Riverton", "Kingsbridge", "Elmstead"]
ADJECTIVES = ["Silent", "Crimson", "Hidden", "Last", "Northern", "Forgotten", "Golden",
              "Paper", "Quiet", "Broken", "Salt", "Iron", "Distant", "Burning", "Glass"]
NOUNS = ["Harbor", "Garden", "Orchard", "Lantern", "River", "Kingdom", "Letter", "Mountain",
         "Compass", "Island", "Bridge", "Clockmaker", "Tide", "Forest", "Archive"]


def book_titles(r: random.Random, n: int) -> list[str]:
    """n different titles such as "The Quiet Orchard"."""
    every = [f"The {adjective} {noun}" for adjective in ADJECTIVES for noun in NOUNS]
    return r.sample(every, n)


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    names = person_names(r, 90)
    authors = [
        (i, names[i - 1], sometimes_null(r, r.randint(1925, 1995), 0.15),
         sometimes_null(r, r.choice(COUNTRIES), 0.05))
        for i in range(1, 31)
    ]
    books = []
    for i, title in enumerate(book_titles(r, 120), start=1):
        author_id = skewed_choice(r, list(range(1, 31)), skew=0.6)
        books.append((i, title, author_id, r.choice(GENRES), r.randint(1955, 2023),
                      r.randint(90, 880), r.randint(1, 5)))
    members = [
        (i, names[29 + i], r.choice(CITIES), iso_date(r, "2015-01-01", "2024-05-31"),
         r.choice(["standard", "standard", "student", "senior"]))
        for i in range(1, 61)
    ]
    loans = []
    for i in range(1, 251):
        loan_date = iso_date(r, "2023-01-01", "2024-06-28")
        returned = add_days(loan_date, r.randint(3, 40))
        if returned > "2024-06-30":  # the data ends on this day: later returns have not happened
            returned = None
        loans.append((i, skewed_choice(r, list(range(1, 121)), skew=0.9),
                      r.randint(1, 50),  # members 51-60 joined recently and have no loans yet
                      loan_date, add_days(loan_date, 21), sometimes_null(r, returned, 0.04)))
    return {"author": authors, "book": books, "member": members, "loan": loans}


BOOK_AUTHOR = "book AS T1 JOIN author AS T2 ON T1.author_id = T2.author_id"
MEMBER_LOAN = "member AS T1 JOIN loan AS T2 ON T1.member_id = T2.member_id"

INTENTS = (
    intent("count_books", [
        "How many books does the library have?",
        "Count the books.",
        "What is the total number of books in the catalogue?",
    ], "SELECT COUNT(*) FROM book"),
    intent("books_in_genre", [
        "List the titles of all {genre} books.",
        "Which {genre} books do we have?",
        "Show me every book in the {genre} genre.",
    ], "SELECT title FROM book WHERE genre = '{genre}'",
        values="SELECT DISTINCT genre FROM book"),
    intent("members_in_city", [
        "How many members live in {city}?",
        "Count the library members from {city}.",
        "what's the number of members whose city is {city}?",
    ], "SELECT COUNT(*) FROM member WHERE city = '{city}'",
        values="SELECT DISTINCT city FROM member"),
    intent("books_after_year", [
        "Which books were published after {year}?",
        "Titles of books that came out later than {year}, please.",
        "Find the books published after the year {year}.",
    ], "SELECT title FROM book WHERE published_year > {year}",
        values="SELECT DISTINCT published_year AS year FROM book WHERE published_year BETWEEN 2005 AND 2020"),
    intent("average_pages", [
        "What is the average number of pages of a book?",
        "On average, how long are our books in pages?",
        "Give the mean page count across all books.",
    ], "SELECT AVG(page_count) FROM book"),
    intent("books_before_library_era", [
        "Do we have any books published before {year}? List their titles.",
        "Which books in the catalogue are older than {year}?",
        "Show titles of books published earlier than {year}.",
    ], "SELECT title FROM book WHERE published_year < {year}", "empty_result",
        values="SELECT 1850 AS year UNION SELECT 1900 UNION SELECT 1925"),
    intent("titles_alphabetical", [
        "List all book titles in alphabetical order.",
        "Give me the titles of every book, sorted A to Z.",
        "What are the book titles, ordered alphabetically?",
    ], "SELECT title FROM book ORDER BY title"),
    intent("books_per_genre", [
        "How many books are there in each genre?",
        "Count the books per genre.",
        "For every genre, show the number of books.",
    ], "SELECT genre, COUNT(*) FROM book GROUP BY genre"),
    intent("books_by_author", [
        "What books has {author} written?",
        "List the titles by {author}.",
        "Which books in the library are by the author {author}?",
    ], f"SELECT T1.title FROM {BOOK_AUTHOR} WHERE T2.name = '{{author}}'",
        values=f"SELECT DISTINCT T2.name AS author FROM {BOOK_AUTHOR}"),
    intent("members_with_open_loans", [
        "Which members still have a book that has not been returned?",
        "Who hasn't returned their borrowed book yet? Give member names.",
        "Names of members with an unreturned loan.",
    ], f"SELECT DISTINCT T1.name FROM {MEMBER_LOAN} WHERE T2.return_date IS NULL"),
    intent("youngest_author", [
        "Who is the youngest author?",
        "Which author was born most recently?",
        "Name the author with the latest birth year.",
    ], "SELECT name FROM author ORDER BY birth_year DESC LIMIT 1", "superlative"),
    intent("members_joined_in_year", [
        "Which members joined in {year}?",
        "Show the names of people who became members during {year}.",
        "List members whose joining date falls in {year}.",
    ], "SELECT name FROM member WHERE joined_date LIKE '{year}%'", "date",
        values="SELECT DISTINCT substr(joined_date, 1, 4) AS year FROM member"),
    intent("members_from_two_cities", [
        "Which members live in {city_a} or {city_b}?",
        "List the members from either {city_a} or {city_b}.",
        "Names of members whose city is {city_a} or {city_b}, please.",
    ], "SELECT name FROM member WHERE city = '{city_a}' OR city = '{city_b}'",
        values="SELECT DISTINCT a.city AS city_a, b.city AS city_b FROM member AS a, member AS b WHERE a.city < b.city"),
    intent("books_from_country", [
        "How many books were written by authors from {country}?",
        "Count the books whose author comes from {country}.",
        "What's the number of books by authors based in {country}?",
    ], f"SELECT COUNT(*) FROM {BOOK_AUTHOR} WHERE T2.country = '{{country}}'", values="SELECT DISTINCT country FROM author WHERE country IS NOT NULL"),
    intent("late_returners", [
        "Which members returned a book after its due date?",
        "Who brought a book back late?",
        "List the members with at least one late return.",
    ], f"SELECT DISTINCT T1.name FROM {MEMBER_LOAN} WHERE T2.return_date > T2.due_date", "date"),
    intent("frequent_borrowers", [
        "Which members have borrowed more than {n} books?",
        "Find the members with over {n} loans.",
        "Who borrowed books more than {n} times?",
    ], f"SELECT T1.name FROM {MEMBER_LOAN} GROUP BY T1.member_id HAVING COUNT(*) > {{n}}",
        values="SELECT DISTINCT COUNT(*) - 1 AS n FROM loan GROUP BY member_id HAVING COUNT(*) BETWEEN 4 AND 8"),
    intent("never_borrowed_books", [
        "Which books have never been borrowed?",
        "List the titles nobody has ever taken out.",
        "Find books with no loans at all.",
    ], "SELECT title FROM book WHERE book_id NOT IN (SELECT book_id FROM loan)"),
    intent("members_without_loans", [
        "Which members have never borrowed anything?",
        "Names of members who have no loans.",
        "Show the members that haven't borrowed a single book.",
    ], f"SELECT name FROM member EXCEPT SELECT T1.name FROM {MEMBER_LOAN}"),
    intent("longer_than_average", [
        "Which books are longer than the average book?",
        "List books whose page count is above average.",
        "Titles of books with more pages than the mean.",
    ], "SELECT title FROM book WHERE page_count > (SELECT AVG(page_count) FROM book)"),
    intent("genre_with_most_copies", [
        "Which genre has the most copies on the shelves?",
        "What genre do we hold the largest number of copies of?",
        "Name the genre with the highest total number of copies.",
    ], "SELECT genre FROM book GROUP BY genre ORDER BY SUM(copies) DESC LIMIT 1", "superlative"),
    intent("most_borrowed_book", [
        "What is the most borrowed book?",
        "Which title has been loaned out the most times?",
        "Find the book with the highest number of loans.",
    ], "SELECT T1.title FROM book AS T1 JOIN loan AS T2 ON T1.book_id = T2.book_id "
       "GROUP BY T1.book_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("top_borrower_in_city", [
        "Which member from {city} has borrowed the most books?",
        "Who is the most active borrower living in {city}?",
        "Among members in {city}, who has the highest number of loans?",
    ], f"SELECT T1.name FROM {MEMBER_LOAN} WHERE T1.city = '{{city}}' "
       "GROUP BY T1.member_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative",
        values="SELECT DISTINCT city FROM member"),
    intent("authors_in_two_genres", [
        "Which authors have written both {genre_a} and {genre_b} books?",
        "Name the authors with books in {genre_a} as well as in {genre_b}.",
        "Find authors who wrote at least one {genre_a} book and at least one {genre_b} book.",
    ], f"SELECT T2.name FROM {BOOK_AUTHOR} WHERE T1.genre = '{{genre_a}}' INTERSECT "
       f"SELECT T2.name FROM {BOOK_AUTHOR} WHERE T1.genre = '{{genre_b}}'",
        values="SELECT DISTINCT a.genre AS genre_a, b.genre AS genre_b FROM book AS a "
               "JOIN book AS b ON a.author_id = b.author_id WHERE a.genre < b.genre"),
    intent("loan_length_by_membership", [
        "For each membership type, what is the average number of days a returned book was kept?",
        "How long do members keep books on average, by membership type? Only count returned loans.",
        "Average loan length in days per membership type, for loans that were returned.",
    ], "SELECT T1.membership_type, AVG(julianday(T2.return_date) - julianday(T2.loan_date)) "
       f"FROM {MEMBER_LOAN} WHERE T2.return_date IS NOT NULL GROUP BY T1.membership_type", "date"),
    intent("authors_by_book_count", [
        "List each author with how many books they have in the library, most first; break ties by name.",
        "Show authors and their number of books, sorted from most to fewest books and then by name.",
        "For every author, count their books; order by that count descending, then by author name.",
    ], f"SELECT T2.name, COUNT(*) FROM {BOOK_AUTHOR} GROUP BY T2.author_id ORDER BY COUNT(*) DESC, T2.name"),
)

DOMAIN = Domain("library", "a town library: authors, books, members and their loans",
                SCHEMA, make_rows, INTENTS)
