"""Facts about the rows of the train-split practice databases, ready to be said in sentences.

Each practice row becomes an `Entity` (a hotel, a book, a flight...) with `Fact`s. A fact knows
how to be said after the entity's name ("has 4 stars", "is rated 4 stars") and how it can be
asked about ("How many stars does {e} have?"). `qa.py` turns them into passages and
questions. Only the databases listed as "train" in data/practice/splits.json are read here:
the held-out ones are never used to train anything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from course_utils.datasets import practice_db, practice_splits
from course_utils.sql import run_sql


@dataclass
class Fact:
    """One thing known about an entity."""

    key: str  # attribute id, unique within the entity: "stars"
    noun: str  # what a question calls it: "star rating"
    predicates: list[str]  # ways to say it after the subject: ["has 4 stars", "is a 4-star hotel"]
    questions: list[str]  # ways to ask it; "{e}" stands for the entity's name
    link: str | None = None  # the name of another entity this fact points to (a book's author)
    role: str | None = None  # what that entity is to this one: "author"


@dataclass
class Entity:
    """A row of a practice database seen as something passages talk about."""

    domain: str  # the practice database it comes from
    kind: str  # "hotel", "book", ...
    name: str
    reference: str  # how a later sentence of the same passage names it: "The hotel"
    facts: list[Fact] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # attributes nobody recorded (nouns)
    values: dict[str, object] = field(default_factory=dict)  # fact key -> what a table cell shows

    def cell(self, key: str) -> str | None:
        """The fact as a table cell, or None where there is none (then tables leave it out)."""
        value = self.values.get(key)
        return None if value is None or key not in {f.key for f in self.facts} else str(value)


# ----------------------------------------------------------------------------------------
# Saying values in words

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def date_forms(iso: str) -> list[str]:
    """Ways to write a date: 2024-02-26, 26 February 2024, February 26, 2024."""
    day = datetime.date.fromisoformat(iso[:10])
    month = MONTHS[day.month - 1]
    return [iso[:10], f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"]


def money(amount: float) -> str:
    """$3.99, $275,000."""
    if float(amount).is_integer() and amount >= 1000:
        return f"${int(amount):,}"
    return f"${amount:,.2f}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 book', '4 books'."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def article(word: str) -> str:
    """'a' or 'an' for the word that follows."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _rows(db_id: str, sql: str) -> list[tuple]:
    return run_sql(practice_db(db_id), sql)


def _doctor(name: str) -> str:
    """'Dr. Sara Kaur' -> 'Dr Sara Kaur': no full stop inside a sentence, so splitting is clean."""
    return name.replace("Dr. ", "Dr ")


# ----------------------------------------------------------------------------------------
# One function per train database. Each returns that database's entities.


def library() -> list[Entity]:
    entities = []
    for name, born, country, books in _rows("library", """
            SELECT a.name, a.birth_year, a.country, COUNT(b.book_id) FROM author a
            LEFT JOIN book b USING (author_id) GROUP BY a.author_id ORDER BY a.author_id"""):
        facts = [
            Fact("born", "birth year", [f"was born in {born}"],
                 ["When was {e} born?", "What year was {e} born?", "{e} - year of birth?",
                  "In which year was {e} born?"]),
            Fact("country", "country", [f"comes from {country}", f"is from {country}"],
                 ["Where does {e} come from?", "Which country is {e} from?",
                  "What is the home country of {e}?"]),
            Fact("books", "number of books", [f"has {count(books, 'book')} in the catalogue",
                                              f"is the author of {count(books, 'book')} in the library"],
                 ["How many books by {e} does the library have?",
                  "How many of the books in the catalogue are by {e}?", "Number of books by {e}?"]),
        ]
        if born is None:
            facts = facts[1:]
        entities.append(Entity("library", "author", name, "The author", facts,
                               ["email address", "publisher", "literary agent"]))
    genre_phrase = {"children": "children's book", "science fiction": "science fiction novel",
                    "biography": "biography", "history": "history book", "mystery": "mystery novel",
                    "fantasy": "fantasy novel", "poetry": "poetry collection"}
    for title, author, genre, year, pages, copies, loans in _rows("library", """
            SELECT b.title, a.name, b.genre, b.published_year, b.page_count, b.copies,
                   (SELECT COUNT(*) FROM loan l WHERE l.book_id = b.book_id)
            FROM book b JOIN author a USING (author_id) ORDER BY b.book_id"""):
        phrase = genre_phrase.get(genre, genre + " book")
        entities.append(Entity("library", "book", title, "The book", [
            Fact("author", "author", [f"was written by {author}", f"is by {author}"],
                 ["Who wrote {e}?", "Who is the author of {e}?", "{e} - author?",
                  "Which writer is behind {e}?"], link=author, role="author"),
            Fact("genre", "genre", [f"is {article(phrase)} {phrase}", f"is shelved under {genre}"],
                 ["What genre is {e}?", "What kind of book is {e}?", "Which shelf is {e} on?"]),
            Fact("year", "publication year", [f"was published in {year}", f"first came out in {year}"],
                 ["When was {e} published?", "What year did {e} come out?", "Publication year of {e}?"]),
            Fact("pages", "page count", [f"has {pages} pages", f"runs to {pages} pages"],
                 ["How many pages does {e} have?", "How long is {e} in pages?", "{e} page count?"]),
            Fact("copies", "number of copies", [f"is held in {count(copies, 'copy', 'copies')}",
                                                f"has {count(copies, 'copy', 'copies')} on the shelves"],
                 ["How many copies of {e} does the library own?", "How many copies of {e} are there?"]),
            Fact("loans", "number of loans", [f"has been borrowed {count(loans, 'time')}"],
                 ["How often has {e} been borrowed?", "How many times was {e} lent out?"]),
        ], ["price", "ISBN", "publisher", "cover colour"],
           values=dict(author=author, genre=genre, year=year, pages=pages, copies=copies, loans=loans)))
    for name, city, joined, kind, loans in _rows("library", """
            SELECT m.name, m.city, m.joined_date, m.membership_type,
                   (SELECT COUNT(*) FROM loan l WHERE l.member_id = m.member_id)
            FROM member m ORDER BY m.member_id"""):
        entities.append(Entity("library", "member", name, "The member", [
            Fact("city", "home town", [f"lives in {city}"],
                 ["Where does {e} live?", "Which town does {e} live in?"]),
            Fact("joined", "join date", [f"joined the library on {d}" for d in date_forms(joined)]
                 + [f"has been a member since {date_forms(joined)[1]}"],
                 ["When did {e} join the library?", "Since when has {e} been a member?",
                  "{e} - member since?"]),
            Fact("type", "membership type", [f"holds {article(kind)} {kind} membership",
                                             f"has {article(kind)} {kind} membership card"],
                 ["What kind of membership does {e} have?", "Which membership type is {e} on?"]),
            Fact("loans", "number of loans", [f"has borrowed {count(loans, 'book')}"],
                 ["How many books has {e} borrowed?", "How many loans does {e} have?"]),
        ], ["phone number", "date of birth", "overdue fines"]))
    return entities


def school() -> list[Entity]:
    entities = []
    for name, building, teachers, courses in _rows("school", """
            SELECT d.name, d.building,
                   (SELECT COUNT(*) FROM teacher t WHERE t.department_id = d.department_id),
                   (SELECT COUNT(*) FROM course c WHERE c.department_id = d.department_id)
            FROM department d ORDER BY d.department_id"""):
        entities.append(Entity("school", "department", f"the {name} department", "The department", [
            Fact("building", "building", [f"is based in {building}", f"has its offices in {building}"],
                 ["Where is {e}?", "Which building is {e} in?", "Where can I find {e}?"]),
            Fact("teachers", "number of teachers", [f"employs {count(teachers, 'teacher')}"],
                 ["How many teachers work in {e}?", "How many staff does {e} have?"]),
            Fact("courses", "number of courses", [f"offers {count(courses, 'course')}"],
                 ["How many courses does {e} offer?", "Number of courses in {e}?"]),
        ], ["head of department", "budget", "phone extension"]))
    for name, dept, hired, salary, courses in _rows("school", """
            SELECT t.name, d.name, t.hire_date, t.salary,
                   (SELECT COUNT(*) FROM course c WHERE c.teacher_id = t.teacher_id)
            FROM teacher t JOIN department d USING (department_id) ORDER BY t.teacher_id"""):
        entities.append(Entity("school", "teacher", name, "The teacher", [
            Fact("department", "department", [f"teaches in the {dept} department",
                                              f"works in the {dept} department"],
                 ["Which department does {e} work in?", "What subject does {e} teach?",
                  "{e} - department?"], link=f"the {dept} department", role="department"),
            Fact("hired", "hire date", [f"was hired on {d}" for d in date_forms(hired)]
                 + [f"joined the school in {hired[:4]}"],
                 ["When was {e} hired?", "When did {e} start at the school?"]),
            Fact("salary", "salary", [f"earns {money(salary)} a year", f"is paid {money(salary)} per year"],
                 ["How much does {e} earn?", "What is {e} paid?", "What salary does {e} get?"]),
            Fact("courses", "number of courses taught", [f"teaches {count(courses, 'course')}"],
                 ["How many courses does {e} teach?", "How many classes does {e} run?"]),
        ], ["office number", "email address", "date of birth"]))
    for title, dept, teacher, credits, cap, enrolled in _rows("school", """
            SELECT c.title, d.name, t.name, c.credits, c.max_students,
                   (SELECT COUNT(*) FROM enrollment e WHERE e.course_id = c.course_id)
            FROM course c JOIN department d ON d.department_id = c.department_id
            JOIN teacher t ON t.teacher_id = c.teacher_id ORDER BY c.course_id"""):
        entities.append(Entity("school", "course", title, "The course", [
            Fact("department", "department", [f"is offered by the {dept} department",
                                              f"belongs to the {dept} department"],
                 ["Which department offers {e}?", "Who runs {e}, which department?"],
                 link=f"the {dept} department", role="department"),
            Fact("teacher", "teacher", [f"is taught by {teacher}"],
                 ["Who teaches {e}?", "Who is the teacher of {e}?", "{e} - lecturer?"],
                 link=teacher, role="teacher"),
            Fact("credits", "number of credits", [f"is worth {count(credits, 'credit')}",
                                                  f"carries {count(credits, 'credit')}"],
                 ["How many credits is {e} worth?", "How many credits do I get for {e}?"]),
            Fact("cap", "maximum class size", [f"is capped at {cap} students",
                                               f"can take up to {cap} students"],
                 ["How many students can take {e}?", "What is the class size limit for {e}?",
                  "Max students in {e}?"]),
            Fact("enrolled", "number of enrolments", [f"has {count(enrolled, 'enrolment')} on record"],
                 ["How many students have enrolled in {e}?", "How many enrolments does {e} have?"]),
        ], ["room number", "exam date", "textbook"],
           values=dict(department=dept, teacher=teacher, credits=credits, cap=cap, enrolled=enrolled)))
    for name, born, year, email in _rows("school", """
            SELECT name, birth_date, year_of_study, email FROM student ORDER BY student_id"""):
        facts = [
            Fact("born", "date of birth", [f"was born on {d}" for d in date_forms(born)],
                 ["When was {e} born?", "What is the birthday of {e}?", "{e} - date of birth?"]),
            Fact("year", "year of study", [f"is in year {year} of their studies",
                                           f"is {article(ordinal(year))} {ordinal(year)}-year student"],
                 ["Which year is {e} in?", "What year of study is {e} in?"]),
        ]
        if email:
            facts.append(Fact("email", "email address", [f"can be reached at {email}",
                                                         f"uses the email address {email}"],
                              ["What is the email of {e}?", "How can I email {e}?",
                               "{e} - email?"]))
        entities.append(Entity("school", "student", name, "The student", facts,
                               ["phone number", "home address", "student card number"]))
    return entities


def hospital() -> list[Entity]:
    entities = []
    for name, floor, doctors in _rows("hospital", """
            SELECT d.name, d.floor,
                   (SELECT COUNT(*) FROM doctor o WHERE o.department_id = d.department_id)
            FROM department d ORDER BY d.department_id"""):
        entities.append(Entity("hospital", "department", name, "The department", [
            Fact("floor", "floor", [f"is on floor {floor}", f"is located on the {ordinal(floor)} floor"],
                 ["Which floor is {e} on?", "Where do I find {e}?", "{e} - floor?"]),
            Fact("doctors", "number of doctors", [f"has {count(doctors, 'doctor')}"],
                 ["How many doctors work in {e}?", "How many doctors does {e} have?"]),
        ], ["visiting hours", "head nurse", "phone number"],
           values=dict(floor=floor, doctors=doctors)))
    for name, dept, years, seen in _rows("hospital", """
            SELECT o.name, d.name, o.years_experience,
                   (SELECT COUNT(*) FROM appointment a WHERE a.doctor_id = o.doctor_id)
            FROM doctor o JOIN department d USING (department_id) ORDER BY o.doctor_id"""):
        entities.append(Entity("hospital", "doctor", _doctor(name), "The doctor", [
            Fact("department", "department", [f"works in {dept}", f"is a member of the {dept} team"],
                 ["Which department does {e} work in?", "What department is {e} in?",
                  "{e} - department?"], link=dept, role="department"),
            Fact("experience", "years of experience", [f"has {count(years, 'year')} of experience",
                                                       f"has been practising for {count(years, 'year')}"],
                 ["How experienced is {e}?", "How many years of experience does {e} have?"]),
            Fact("appointments", "number of appointments", [f"has {count(seen, 'appointment')} on record"],
                 ["How many appointments does {e} have?", "How many patients has {e} seen?"]),
        ], ["medical school", "office hours", "pager number"],
           values=dict(department=dept, experience=years, appointments=seen)))
    for name, born, city, insurer, visits in _rows("hospital", """
            SELECT p.name, p.birth_date, p.city, p.insurance_provider,
                   (SELECT COUNT(*) FROM appointment a WHERE a.patient_id = p.patient_id)
            FROM patient p ORDER BY p.patient_id"""):
        insured = ([f"is insured with {insurer}", f"has health insurance from {insurer}"] if insurer
                   else ["has no insurance provider on file"])
        entities.append(Entity("hospital", "patient", name, "The patient", [
            Fact("born", "date of birth", [f"was born on {d}" for d in date_forms(born)],
                 ["When was {e} born?", "What is the date of birth of {e}?", "{e} - DOB?"]),
            Fact("city", "home town", [f"lives in {city}"],
                 ["Where does {e} live?", "Which town is {e} from?"]),
            Fact("insurance", "insurance provider", insured,
                 ["Who insures {e}?", "Which insurer does {e} have?", "Is {e} insured, and with whom?"]),
            Fact("visits", "number of appointments", [f"has had {count(visits, 'appointment')}"],
                 ["How many appointments has {e} had?", "How often has {e} visited?"]),
        ], ["blood type", "phone number", "allergies"]))
    for number, patient, doctor, day, time, reason, status in _rows("hospital", """
            SELECT a.appointment_id, p.name, o.name, a.appointment_date, a.appointment_time,
                   a.reason, a.status
            FROM appointment a JOIN patient p USING (patient_id) JOIN doctor o USING (doctor_id)
            WHERE a.appointment_id % 4 = 0 ORDER BY a.appointment_id"""):
        entities.append(Entity("hospital", "appointment", f"appointment {number}", "The appointment", [
            Fact("patient", "patient", [f"is for {patient}"],
                 ["Who is {e} for?", "Which patient has {e}?"], link=patient, role="patient"),
            Fact("doctor", "doctor", [f"is with {_doctor(doctor)}"],
                 ["Which doctor is {e} with?", "Who is the doctor for {e}?"],
                 link=_doctor(doctor), role="doctor"),
            Fact("when", "date and time", [f"is on {d} at {time}" for d in date_forms(day)],
                 ["When is {e}?", "What date and time is {e}?", "{e} - when?"]),
            Fact("reason", "reason", [f"was booked for {reason}"],
                 ["What is {e} for?", "Why was {e} booked?", "Reason for {e}?"]),
            Fact("status", "status", [f"is marked as {status}"],
                 ["What is the status of {e}?", "Has {e} happened yet?"]),
        ], ["room number", "waiting time", "referral letter"]))
    return entities


def airline() -> list[Entity]:
    entities = []
    for code, name, city, country, departures in _rows("airline", """
            SELECT a.airport_code, a.name, a.city, a.country,
                   (SELECT COUNT(*) FROM flight f WHERE f.origin_code = a.airport_code)
            FROM airport a ORDER BY a.name"""):
        entities.append(Entity("airline", "airport", name, "The airport", [
            Fact("code", "airport code", [f"has the code {code}", f"uses the airport code {code}"],
                 ["What is the code of {e}?", "Which three-letter code does {e} use?", "{e} code?"]),
            Fact("place", "location", [f"is in {city}, {country}", f"serves {city} in {country}"],
                 ["Where is {e}?", "Which country is {e} in?", "What city does {e} serve?"]),
            Fact("departures", "number of departures", [f"has {count(departures, 'departing flight')}"],
                 ["How many flights leave from {e}?", "How many departures does {e} have?"]),
        ], ["number of terminals", "parking price", "opening year"],
           values=dict(code=code, place=f"{city}, {country}", departures=departures)))
    for registration, model, seats, built in _rows("airline", """
            SELECT registration, model, seat_count, year_built FROM aircraft ORDER BY aircraft_id"""):
        entities.append(Entity("airline", "aircraft", f"aircraft {registration}", "The aircraft", [
            Fact("model", "model", [f"is {article(model)} {model}", f"is a plane of type {model}"],
                 ["What model is {e}?", "What type of plane is {e}?", "{e} - model?"]),
            Fact("seats", "number of seats", [f"has {seats} seats", f"seats {seats} passengers"],
                 ["How many seats does {e} have?", "How many passengers fit in {e}?"]),
            Fact("built", "year built", [f"was built in {built}", f"entered service in {built}"],
                 ["When was {e} built?", "How old is {e}?", "Build year of {e}?"]),
        ], ["last maintenance date", "engine type", "fuel capacity"],
           values=dict(model=model, seats=seats, built=built)))
    for number, origin, destination, registration, departs, minutes, price in _rows("airline", """
            SELECT f.flight_number, o.city, d.city, c.registration, f.departure_time,
                   f.duration_minutes, f.price
            FROM flight f JOIN airport o ON o.airport_code = f.origin_code
            JOIN airport d ON d.airport_code = f.destination_code
            JOIN aircraft c ON c.aircraft_id = f.aircraft_id ORDER BY f.flight_id"""):
        day, clock = departs.split(" ")
        entities.append(Entity("airline", "flight", f"flight {number}", "The flight", [
            Fact("route", "route", [f"flies from {origin} to {destination}",
                                    f"connects {origin} with {destination}"],
                 ["Where does {e} go?", "What is the destination of {e}?", "{e} - route?",
                  "Where does {e} fly from?"]),
            Fact("departure", "departure time", [f"departs on {d} at {clock}" for d in date_forms(day)],
                 ["When does {e} leave?", "What time does {e} depart?", "Departure time of {e}?"]),
            Fact("duration", "flight time", [f"takes {minutes} minutes", f"is scheduled to last {minutes} minutes"],
                 ["How long is {e}?", "What is the duration of {e}?", "How many minutes does {e} take?"]),
            Fact("price", "fare", [f"costs {money(price)}", f"has a base fare of {money(price)}"],
                 ["How much does {e} cost?", "What is the fare for {e}?", "Ticket price of {e}?"]),
            Fact("aircraft", "aircraft", [f"is operated with aircraft {registration}"],
                 ["Which aircraft flies {e}?", "What plane is used for {e}?"],
                 link=f"aircraft {registration}", role="aircraft"),
        ], ["gate number", "meal service", "baggage allowance"],
           values=dict(route=f"{origin} - {destination}", departure=departs, duration=f"{minutes} min",
                       price=money(price), aircraft=registration)))
    for name, nationality, frequent, bookings in _rows("airline", """
            SELECT p.name, p.nationality, p.frequent_flyer_number,
                   (SELECT COUNT(*) FROM booking b WHERE b.passenger_id = p.passenger_id)
            FROM passenger p ORDER BY p.passenger_id"""):
        flyer = ([f"has frequent flyer number {frequent}"] if frequent
                 else ["is not in the frequent flyer programme"])
        entities.append(Entity("airline", "passenger", name, "The passenger", [
            Fact("nationality", "nationality", [f"is a citizen of {nationality}",
                                                f"travels on a passport from {nationality}"],
                 ["What nationality is {e}?", "Which country is {e} a citizen of?"]),
            Fact("frequent", "frequent flyer number", flyer,
                 ["What is the frequent flyer number of {e}?", "Is {e} a frequent flyer?"]),
            Fact("bookings", "number of bookings", [f"has made {count(bookings, 'booking')}"],
                 ["How many bookings has {e} made?", "How many times has {e} booked with us?"]),
        ], ["seat preference", "date of birth", "phone number"]))
    return entities


def concert_hall() -> list[Entity]:
    entities = []
    for name, genre, country, formed, concerts, tickets in _rows("concert_hall", """
            SELECT a.name, a.genre, a.country, a.formed_year,
                   (SELECT COUNT(*) FROM concert c WHERE c.artist_id = a.artist_id),
                   (SELECT COALESCE(SUM(t.quantity), 0) FROM concert c
                    JOIN ticket_sale t USING (concert_id) WHERE c.artist_id = a.artist_id)
            FROM artist a ORDER BY a.artist_id"""):
        is_band = name.startswith("The ")
        facts = [
            Fact("genre", "genre", [f"plays {genre}", f"is {article(genre)} {genre} act"],
                 ["What kind of music does {e} play?", "What genre is {e}?", "{e} - genre?"]),
            Fact("country", "country", [f"comes from {country}", f"is based in {country}"],
                 ["Where is {e} from?", "Which country does {e} come from?"]),
            Fact("concerts", "number of concerts", [f"has {count(concerts, 'concert')} on the programme"],
                 ["How many concerts does {e} have?", "How many shows has {e} played here?"]),
            Fact("tickets", "tickets sold", [f"has sold {count(tickets, 'ticket')}"],
                 ["How many tickets has {e} sold?", "Ticket sales for {e}?"]),
        ]
        if formed is not None:
            formed_text = f"was formed in {formed}" if is_band else f"started performing in {formed}"
            facts.append(Fact("formed", "start year", [formed_text],
                              ["When did {e} start?", "When was {e} formed?", "Since when has {e} been around?"]))
        entities.append(Entity("concert_hall", "artist", name, "The band" if is_band else "The artist",
                               facts, ["record label", "manager", "number of albums"],
                               values=dict(genre=genre, country=country, concerts=concerts, tickets=tickets,
                                           formed=formed)))
    for name, city, capacity, concerts in _rows("concert_hall", """
            SELECT v.name, v.city, v.capacity,
                   (SELECT COUNT(*) FROM concert c WHERE c.venue_id = v.venue_id)
            FROM venue v ORDER BY v.venue_id"""):
        entities.append(Entity("concert_hall", "venue", name, "The venue", [
            Fact("city", "city", [f"is in {city}", f"is located in {city}"],
                 ["Where is {e}?", "In which town is {e}?", "{e} - city?"]),
            Fact("capacity", "capacity", [f"holds {capacity} people", f"has a capacity of {capacity}"],
                 ["How many people fit in {e}?", "What is the capacity of {e}?", "How big is {e}?"]),
            Fact("concerts", "number of concerts", [f"hosts {count(concerts, 'concert')}"],
                 ["How many concerts are held at {e}?", "How many shows does {e} host?"]),
        ], ["parking", "opening year", "box office hours"],
           values=dict(city=city, capacity=capacity, concerts=concerts)))
    return entities


def movie_rental() -> list[Entity]:
    entities = []
    for title, category, year, rating, minutes, rate, rentals in _rows("movie_rental", """
            SELECT f.title, c.name, f.release_year, f.rating, f.length_minutes, f.rental_rate,
                   (SELECT COUNT(*) FROM rental r WHERE r.film_id = f.film_id)
            FROM film f JOIN category c USING (category_id) ORDER BY f.film_id"""):
        entities.append(Entity("movie_rental", "film", title, "The film", [
            Fact("category", "category", [f"is listed under {category}",
                                          f"is in the {category} category"],
                 ["What kind of film is {e}?", "Which category is {e} in?", "{e} - genre?"]),
            Fact("year", "release year", [f"came out in {year}", f"was released in {year}"],
                 ["When did {e} come out?", "What year was {e} released?", "Release year of {e}?"]),
            Fact("rating", "age rating", [f"is rated {rating}", f"carries a {rating} rating"],
                 ["What is {e} rated?", "What is the age rating of {e}?", "Can kids watch {e}? What's the rating?"]),
            Fact("length", "running time", [f"runs for {minutes} minutes", f"is {minutes} minutes long"],
                 ["How long is {e}?", "What is the running time of {e}?", "{e} length?"]),
            Fact("rate", "rental price", [f"rents for {money(rate)}", f"costs {money(rate)} to rent"],
                 ["How much does it cost to rent {e}?", "What is the rental rate of {e}?"]),
            Fact("rentals", "number of rentals", [f"has been rented {count(rentals, 'time')}"],
                 ["How often has {e} been rented?", "How many rentals does {e} have?"]),
        ], ["director", "lead actor", "box office takings"],
           values=dict(category=category, year=year, rating=rating, length=f"{minutes} min",
                       rate=money(rate), rentals=rentals)))
    for name, email, city, active, rentals in _rows("movie_rental", """
            SELECT c.name, c.email, c.city, c.active,
                   (SELECT COUNT(*) FROM rental r WHERE r.customer_id = c.customer_id)
            FROM customer c ORDER BY c.customer_id"""):
        facts = [
            Fact("city", "city", [f"lives in {city}"], ["Where does {e} live?", "Which city is {e} in?"]),
            Fact("active", "account status", ["has an active account" if active else "has an inactive account"],
                 ["Is the account of {e} active?", "What is the account status of {e}?"]),
            Fact("rentals", "number of rentals", [f"has rented {count(rentals, 'film')}"],
                 ["How many films has {e} rented?", "How many rentals does {e} have?"]),
        ]
        if email:
            facts.append(Fact("email", "email address", [f"can be reached at {email}"],
                              ["What is the email address of {e}?", "How do I email {e}?"]))
        entities.append(Entity("movie_rental", "customer", name, "The customer", facts,
                               ["phone number", "favourite film", "date of birth"]))
    return entities


def restaurant_orders() -> list[Entity]:
    entities = []
    course_phrase = {"starter": "a starter", "main": "a main course", "dessert": "a dessert",
                     "drink": "a drink"}
    for name, category, price, vegetarian, ordered in _rows("restaurant_orders", """
            SELECT d.name, d.category, d.price, d.is_vegetarian,
                   (SELECT COALESCE(SUM(i.quantity), 0) FROM order_item i WHERE i.dish_id = d.dish_id)
            FROM dish d ORDER BY d.dish_id"""):
        entities.append(Entity("restaurant_orders", "dish", name, "The dish", [
            Fact("category", "menu section", [f"is served as {course_phrase[category]}",
                                              f"is on the {category} menu"],
                 ["Is {e} a starter or a main?", "Which part of the menu is {e} on?", "{e} - course?"]),
            Fact("price", "price", [f"costs {money(price)}", f"is priced at {money(price)}"],
                 ["How much is {e}?", "What does {e} cost?", "Price of {e}?"]),
            Fact("vegetarian", "vegetarian status", ["is vegetarian" if vegetarian else "is not vegetarian",
                                                     "contains no meat or fish" if vegetarian
                                                     else "contains meat or fish"],
                 ["Is {e} vegetarian?", "Can vegetarians eat {e}?"]),
            Fact("ordered", "number of portions ordered", [f"has been ordered {count(ordered, 'time')}"],
                 ["How many times has {e} been ordered?", "How popular is {e}, in orders?"]),
        ], ["calorie count", "chef", "allergens"],
           values=dict(category=category, price=money(price), vegetarian="yes" if vegetarian else "no",
                       ordered=ordered)))
    for name, hired, orders, tips in _rows("restaurant_orders", """
            SELECT w.name, w.hire_date, COUNT(o.order_id), COALESCE(SUM(o.tip), 0)
            FROM waiter w LEFT JOIN customer_order o USING (waiter_id)
            GROUP BY w.waiter_id ORDER BY w.waiter_id"""):
        entities.append(Entity("restaurant_orders", "waiter", name, "The waiter", [
            Fact("hired", "hire date", [f"was hired on {d}" for d in date_forms(hired)],
                 ["When was {e} hired?", "How long has {e} worked here, since when?"]),
            Fact("orders", "number of orders served", [f"has served {count(orders, 'order')}"],
                 ["How many orders has {e} served?", "How many tables has {e} taken orders from?"]),
            Fact("tips", "total tips", [f"has earned {money(tips)} in tips"],
                 ["How much has {e} made in tips?", "What are the total tips of {e}?"]),
        ], ["shift pattern", "hourly wage", "phone number"]))
    for number, seats, area in _rows("restaurant_orders", """
            SELECT table_id, seats, area FROM dining_table ORDER BY table_id"""):
        entities.append(Entity("restaurant_orders", "table", f"table {number}", "The table", [
            Fact("seats", "number of seats", [f"seats {seats} guests", f"has {seats} chairs"],
                 ["How many people fit at {e}?", "How many seats does {e} have?"]),
            Fact("area", "area", [f"is in the {area}", f"stands in the {area}"],
                 ["Where is {e}?", "Which area is {e} in?"]),
        ], ["shape", "reservation status"]))
    return entities


def football_league() -> list[Entity]:
    entities = []
    for name, city, founded, stadium, players, home_crowd in _rows("football_league", """
            SELECT t.name, t.city, t.founded_year, t.stadium_name,
                   (SELECT COUNT(*) FROM player p WHERE p.team_id = t.team_id),
                   (SELECT MAX(attendance) FROM game g WHERE g.home_team_id = t.team_id)
            FROM team t ORDER BY t.team_id"""):
        facts = [
            Fact("city", "home city", [f"is based in {city}", f"comes from {city}"],
                 ["Where is {e} based?", "Which city does {e} play in?"]),
            Fact("founded", "founding year", [f"was founded in {founded}", f"dates back to {founded}"],
                 ["When was {e} founded?", "How old is {e}, what year was it founded?", "{e} - founded?"]),
            Fact("stadium", "stadium", [f"plays its home games at {stadium}", f"plays at {stadium}"],
                 ["What is the stadium of {e}?", "Where does {e} play home games?"]),
            Fact("players", "squad size", [f"has {count(players, 'player')} in its squad"],
                 ["How many players does {e} have?", "How big is the squad of {e}?"]),
        ]
        if home_crowd:
            facts.append(Fact("crowd", "record home attendance",
                              [f"drew its biggest home crowd of the season with {home_crowd} fans"],
                              ["What is the biggest home attendance of {e}?", "Record crowd for {e}?"]))
        entities.append(Entity("football_league", "team", name, "The club", facts,
                               ["manager", "club colours", "trophies won"],
                               values=dict(city=city, founded=founded, stadium=stadium, players=players,
                                           crowd=home_crowd)))
    for name, team, position, born, shirt, goals in _rows("football_league", """
            SELECT p.name, t.name, p.position, p.birth_date, p.shirt_number,
                   (SELECT COUNT(*) FROM goal g WHERE g.player_id = p.player_id)
            FROM player p JOIN team t USING (team_id) ORDER BY p.player_id"""):
        entities.append(Entity("football_league", "player", name, "The player", [
            Fact("team", "team", [f"plays for {team}", f"is on the books at {team}"],
                 ["Which team does {e} play for?", "What club is {e} at?", "{e} - club?"],
                 link=team, role="club"),
            Fact("position", "position", [f"plays as {article(position)} {position}"],
                 ["What position does {e} play?", "Where does {e} play on the pitch?"]),
            Fact("born", "date of birth", [f"was born on {d}" for d in date_forms(born)],
                 ["When was {e} born?", "How old is {e}, what's the birth date?"]),
            Fact("shirt", "shirt number", [f"wears shirt number {shirt}", f"wears the number {shirt} shirt"],
                 ["What number does {e} wear?", "What is the shirt number of {e}?"]),
            Fact("goals", "goals scored", [f"has scored {count(goals, 'goal')} this season"],
                 ["How many goals has {e} scored?", "Goals by {e} this season?"]),
        ], ["salary", "height", "contract end date"],
           values=dict(team=team, position=position, born=born, shirt=shirt, goals=goals)))
    return entities


def bike_sharing() -> list[Entity]:
    entities = []
    for name, area, docks, installed, starts in _rows("bike_sharing", """
            SELECT s.name, s.neighborhood, s.dock_count, s.installed_date,
                   (SELECT COUNT(*) FROM trip t WHERE t.start_station_id = s.station_id)
            FROM station s ORDER BY s.station_id"""):
        entities.append(Entity("bike_sharing", "station", f"the {name} station", "The station", [
            Fact("area", "neighbourhood", [f"is in the {area} neighbourhood", f"serves the {area} area"],
                 ["Which neighbourhood is {e} in?", "Where is {e}?", "{e} - area?"]),
            Fact("docks", "number of docks", [f"has {docks} docks", f"can hold {docks} bikes"],
                 ["How many docks does {e} have?", "How many bikes fit at {e}?"]),
            Fact("installed", "installation date", [f"was installed on {d}" for d in date_forms(installed)],
                 ["When was {e} installed?", "When did {e} open?"]),
            Fact("starts", "number of trips started", [f"is where {count(starts, 'trip')} started"],
                 ["How many trips started at {e}?", "How busy is {e}, in trips started?"]),
        ], ["opening hours", "maintenance contact", "elevation"],
           values=dict(area=area, docks=docks, installed=installed, starts=starts)))
    status_phrase = {"in service": "is in service", "repair": "is in the workshop for repair",
                     "retired": "has been retired"}
    for number, model, bought, status, trips in _rows("bike_sharing", """
            SELECT b.bike_id, b.model, b.purchase_date, b.status,
                   (SELECT COUNT(*) FROM trip t WHERE t.bike_id = b.bike_id)
            FROM bike b WHERE b.bike_id % 2 = 0 ORDER BY b.bike_id"""):
        entities.append(Entity("bike_sharing", "bike", f"bike {number}", "The bike", [
            Fact("model", "model", [f"is {article(model)} {model} bike", f"is {article(model)} {model} model"],
                 ["What kind of bike is {e}?", "Is {e} electric?", "{e} - model?"]),
            Fact("bought", "purchase date", [f"was bought on {d}" for d in date_forms(bought)],
                 ["When was {e} bought?", "How old is {e}, when was it purchased?"]),
            Fact("status", "status", [status_phrase.get(status, f"is marked {status}")],
                 ["Is {e} in service?", "What is the status of {e}?", "Can {e} be used right now?"]),
            Fact("trips", "number of trips", [f"has been used for {count(trips, 'trip')}"],
                 ["How many trips has {e} done?", "How often has {e} been ridden?"]),
        ], ["colour", "battery size", "last inspection date"]))
    for name, plan, signed, born, trips in _rows("bike_sharing", """
            SELECT r.name, r.plan, r.signup_date, r.birth_year,
                   (SELECT COUNT(*) FROM trip t WHERE t.rider_id = r.rider_id)
            FROM rider r ORDER BY r.rider_id"""):
        facts = [
            Fact("plan", "plan", [f"is on the {plan} plan", f"pays with the {plan} plan"],
                 ["Which plan is {e} on?", "What subscription does {e} have?"]),
            Fact("signup", "sign-up date", [f"signed up on {d}" for d in date_forms(signed)],
                 ["When did {e} sign up?", "When did {e} join?", "{e} - member since?"]),
            Fact("trips", "number of trips", [f"has taken {count(trips, 'trip')}"],
                 ["How many trips has {e} taken?", "How often does {e} ride?"]),
        ]
        if born:
            facts.append(Fact("born", "birth year", [f"was born in {born}"],
                              ["When was {e} born?", "What year was {e} born?"]))
        entities.append(Entity("bike_sharing", "rider", name, "The rider", facts,
                               ["email address", "home station", "phone number"]))
    return entities


def real_estate() -> list[Entity]:
    entities = []
    for name, agency, phone, hired, listings in _rows("real_estate", """
            SELECT a.name, a.agency, a.phone, a.hire_date,
                   (SELECT COUNT(*) FROM property p WHERE p.agent_id = a.agent_id)
            FROM agent a ORDER BY a.agent_id"""):
        entities.append(Entity("real_estate", "agent", name, "The agent", [
            Fact("agency", "agency", [f"works for {agency}", f"is an agent at {agency}"],
                 ["Which agency does {e} work for?", "Who does {e} work for?", "{e} - agency?"]),
            Fact("phone", "phone number", [f"can be reached on {phone}", f"has the phone number {phone}"],
                 ["What is the phone number of {e}?", "How can I call {e}?"]),
            Fact("hired", "hire date", [f"was hired on {d}" for d in date_forms(hired)],
                 ["When was {e} hired?", "How long has {e} been an agent, since when?"]),
            Fact("listings", "number of listings", [f"handles {count(listings, 'listing')}"],
                 ["How many properties does {e} handle?", "How many listings does {e} have?"]),
        ], ["commission rate", "email address", "office address"],
           values=dict(agency=agency, phone=phone, hired=hired, listings=listings)))
    for address, city, kind, bedrooms, area, price, listed, agent in _rows("real_estate", """
            SELECT p.address, p.city, p.property_type, p.bedrooms, p.area_sqm, p.asking_price,
                   p.listed_date, a.name
            FROM property p JOIN agent a USING (agent_id) ORDER BY p.property_id"""):
        entities.append(Entity("real_estate", "property", f"{address}, {city}", "The property", [
            Fact("type", "property type", [f"is {article(kind)} {kind}"],
                 ["What type of property is {e}?", "Is {e} a house or an apartment?"]),
            Fact("bedrooms", "number of bedrooms", [f"has {count(bedrooms, 'bedroom')}"],
                 ["How many bedrooms does {e} have?", "{e} - bedrooms?"]),
            Fact("area", "floor area", [f"measures {area} square metres", f"has {area} square metres of floor space"],
                 ["How big is {e}?", "What is the floor area of {e}?"]),
            Fact("price", "asking price", [f"is on the market for {money(price)}",
                                           f"has an asking price of {money(price)}"],
                 ["How much is {e}?", "What is the asking price of {e}?", "Price of {e}?"]),
            Fact("listed", "listing date", [f"was listed on {d}" for d in date_forms(listed)],
                 ["When was {e} listed?", "Since when has {e} been on the market?"]),
            Fact("agent", "agent", [f"is marketed by {agent}", f"is listed with agent {agent}"],
                 ["Which agent handles {e}?", "Who is the agent for {e}?"], link=agent, role="agent"),
        ], ["council tax band", "energy rating", "year built"],
           values=dict(type=kind, bedrooms=bedrooms, area=f"{area} m2", price=money(price), listed=listed,
                       agent=agent)))
    for name, budget, first_time, viewings in _rows("real_estate", """
            SELECT b.name, b.budget, b.is_first_time_buyer,
                   (SELECT COUNT(*) FROM viewing v WHERE v.buyer_id = b.buyer_id)
            FROM buyer b ORDER BY b.buyer_id"""):
        facts = [
            Fact("first", "first-time buyer status",
                 ["is a first-time buyer" if first_time else "has bought a home before"],
                 ["Is {e} a first-time buyer?", "Has {e} bought a home before?"]),
            Fact("viewings", "number of viewings", [f"has booked {count(viewings, 'viewing')}"],
                 ["How many viewings has {e} booked?", "How many properties has {e} viewed?"]),
        ]
        if budget:
            facts.append(Fact("budget", "budget", [f"has a budget of {money(budget)}",
                                                   f"can spend up to {money(budget)}"],
                              ["What is the budget of {e}?", "How much can {e} spend?"]))
        entities.append(Entity("real_estate", "buyer", name, "The buyer", facts,
                               ["mortgage lender", "current address", "solicitor"]))
    return entities


def hotel_bookings() -> list[Entity]:
    entities = []
    for name, city, stars, rooms, cheapest, bookings in _rows("hotel_bookings", """
            SELECT h.name, h.city, h.star_rating, COUNT(r.room_id), MIN(r.nightly_rate),
                   (SELECT COUNT(*) FROM booking b JOIN room x USING (room_id) WHERE x.hotel_id = h.hotel_id)
            FROM hotel h LEFT JOIN room r USING (hotel_id) GROUP BY h.hotel_id ORDER BY h.hotel_id"""):
        entities.append(Entity("hotel_bookings", "hotel", name, "The hotel", [
            Fact("city", "city", [f"is in {city}", f"is located in {city}"],
                 ["Where is {e}?", "In which city is {e}?", "{e} - location?", "Which town is {e} in?"]),
            Fact("stars", "star rating", [f"has {count(stars, 'star')}", f"is rated {count(stars, 'star')}"],
                 ["How many stars does {e} have?", "What is the star rating of {e}?",
                  "Tell me the star rating of {e}."]),
            Fact("rooms", "number of rooms", [f"has {count(rooms, 'room')}", f"offers {count(rooms, 'room')}"],
                 ["How many rooms does {e} have?", "{e} - number of rooms?", "How big is {e}, in rooms?"]),
            Fact("cheapest", "cheapest nightly rate", [f"has rooms from {money(cheapest)} a night"],
                 ["What is the cheapest room at {e}?", "How much is a night at {e}, at least?"]),
            Fact("bookings", "number of bookings", [f"has {count(bookings, 'booking')} on record"],
                 ["How many bookings does {e} have?", "How busy is {e}, in bookings?"]),
        ], ["check-out time", "parking fee", "general manager", "pool opening hours"],
           values=dict(city=city, stars=stars, rooms=rooms, cheapest=money(cheapest), bookings=bookings)))
    for hotel, number, kind, rate, nights in _rows("hotel_bookings", """
            SELECT h.name, r.room_number, r.room_type, r.nightly_rate,
                   (SELECT COUNT(*) FROM booking b WHERE b.room_id = r.room_id)
            FROM room r JOIN hotel h USING (hotel_id) WHERE r.room_id % 2 = 1 ORDER BY r.room_id"""):
        entities.append(Entity("hotel_bookings", "room", f"room {number} at {hotel}", "The room", [
            Fact("type", "room type", [f"is {article(kind)} {kind} room"],
                 ["What type of room is {e}?", "Is {e} a single or a double?"]),
            Fact("rate", "nightly rate", [f"costs {money(rate)} per night", f"goes for {money(rate)} a night"],
                 ["How much is {e} per night?", "What is the nightly rate of {e}?"]),
            Fact("bookings", "number of bookings", [f"has been booked {count(nights, 'time')}"],
                 ["How many times has {e} been booked?", "How popular is {e}, in bookings?"]),
        ], ["view", "floor", "bed size"],
           values=dict(type=kind, rate=money(rate), bookings=nights)))
    for name, country, email, bookings in _rows("hotel_bookings", """
            SELECT g.name, g.country, g.email,
                   (SELECT COUNT(*) FROM booking b WHERE b.guest_id = g.guest_id)
            FROM guest g ORDER BY g.guest_id"""):
        facts = [
            Fact("country", "country", [f"comes from {country}", f"is a guest from {country}"],
                 ["Where is {e} from?", "Which country does {e} come from?"]),
            Fact("bookings", "number of bookings", [f"has made {count(bookings, 'booking')}"],
                 ["How many bookings has {e} made?", "How often has {e} stayed with us?"]),
        ]
        if email:
            facts.append(Fact("email", "email address", [f"can be reached at {email}"],
                              ["What is the email of {e}?", "How do I contact {e} by email?"]))
        entities.append(Entity("hotel_bookings", "guest", name, "The guest", facts,
                               ["passport number", "loyalty tier", "phone number"]))
    return entities


def pet_clinic() -> list[Entity]:
    entities = []
    for name, phone, city, pets in _rows("pet_clinic", """
            SELECT o.name, o.phone, o.city, (SELECT COUNT(*) FROM pet p WHERE p.owner_id = o.owner_id)
            FROM owner o ORDER BY o.owner_id"""):
        entities.append(Entity("pet_clinic", "owner", name, "The owner", [
            Fact("phone", "phone number", [f"can be reached on {phone}", f"has the phone number {phone}"],
                 ["What is the phone number of {e}?", "How do I call {e}?", "{e} - phone?"]),
            Fact("city", "town", [f"lives in {city}"], ["Where does {e} live?", "Which town is {e} in?"]),
            Fact("pets", "number of pets", [f"has {count(pets, 'pet')} registered with the clinic"],
                 ["How many pets does {e} have?", "How many animals does {e} bring in?"]),
        ], ["email address", "payment method", "emergency contact"]))
    for name, species, breed, born, weight, owner in _rows("pet_clinic", """
            SELECT p.name, p.species, p.breed, p.birth_date, p.weight_kg, o.name
            FROM pet p JOIN owner o USING (owner_id) ORDER BY p.pet_id"""):
        kind = f"{article(breed)} {breed} {species}" if breed else f"{article(species)} {species}"
        entities.append(Entity("pet_clinic", "pet", name, "The pet", [
            Fact("species", "species", [f"is {kind}"],
                 ["What kind of animal is {e}?", "What breed is {e}?", "Is {e} a cat or a dog?"]),
            Fact("born", "date of birth", [f"was born on {d}" for d in date_forms(born)],
                 ["When was {e} born?", "How old is {e}, what's the birth date?"]),
            Fact("weight", "weight", [f"weighs {weight} kg", f"was last weighed at {weight} kg"],
                 ["How heavy is {e}?", "What does {e} weigh?", "{e} - weight?"]),
            Fact("owner", "owner", [f"belongs to {owner}", f"is owned by {owner}"],
                 ["Who owns {e}?", "Who is the owner of {e}?"], link=owner, role="owner"),
        ], ["microchip number", "diet", "insurance"],
           values=dict(species=f"{species} ({breed})" if breed else species, born=born, weight=f"{weight} kg",
                       owner=owner)))
    for name, specialty, visits in _rows("pet_clinic", """
            SELECT v.name, v.specialty, (SELECT COUNT(*) FROM visit x WHERE x.vet_id = v.vet_id)
            FROM vet v ORDER BY v.vet_id"""):
        entities.append(Entity("pet_clinic", "vet", _doctor(name), "The vet", [
            Fact("specialty", "specialty", [f"specialises in {specialty}", f"works in {specialty}"],
                 ["What does {e} specialise in?", "What is the specialty of {e}?"]),
            Fact("visits", "number of visits", [f"has handled {count(visits, 'visit')}"],
                 ["How many visits has {e} handled?", "How many appointments has {e} done?"]),
        ], ["working days", "qualification year", "phone extension"]))
    return entities


VERBALISERS = {
    "library": library, "school": school, "hospital": hospital, "airline": airline,
    "concert_hall": concert_hall, "movie_rental": movie_rental, "restaurant_orders": restaurant_orders,
    "football_league": football_league, "bike_sharing": bike_sharing, "real_estate": real_estate,
    "hotel_bookings": hotel_bookings, "pet_clinic": pet_clinic,
}


def train_domains() -> list[str]:
    """The practice databases the corpus may use: the 'train' split, nothing else."""
    return list(practice_splits()["train"])


def load_entities() -> list[Entity]:
    """Every entity of the train-split databases, with names unique across all of them.

    A name that two entities share (two pets called Nala, an author who is also a member) is
    dropped, so that a question naming it has one right answer.
    """
    held_out = set(practice_splits()["held_out"])
    entities = []
    for domain in train_domains():
        if domain in held_out:  # never, whatever splits.json says
            continue
        verbalise = VERBALISERS.get(domain)
        if verbalise is None:
            raise KeyError(f"No verbaliser for train database {domain!r}: add one to corpus/facts.py")
        entities += verbalise()
    seen: dict[str, int] = {}
    for entity in entities:
        seen[entity.name.lower()] = seen.get(entity.name.lower(), 0) + 1
    return [e for e in entities if seen[e.name.lower()] == 1 and e.facts]
