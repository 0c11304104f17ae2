"""Classification tasks drawn from the train-split practice databases.

Each task has labels (a name, a short code and a description that really explains it) and a
pool of texts whose label a careful reader can decide: an appointment note names the complaint
that decides the department, a film blurb has the clues of its genre, a customer message says
what the customer wants. Texts are written from the databases' rows with this module's own
templates; `classify.py` lays them out as prompts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from course_utils.datasets import load_practice_questions, practice_db
from course_utils.offline.corpus.facts import date_forms, money
from course_utils.sql import run_sql


@dataclass
class Label:
    name: str  # as the domain says it: "Cardiology"
    code: str  # a short code: "CARD"
    description: str  # what belongs under it, in words a reader can use


@dataclass
class Task:
    name: str
    domain: str
    what: str  # what a text is: "appointment note"
    question: str  # the task in one question: "Which department should see this patient?"
    labels: list[Label]
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, label name)

    def label(self, name: str) -> Label:
        return next(label for label in self.labels if label.name == name)


def _rows(db_id: str, sql: str) -> list[tuple]:
    return run_sql(practice_db(db_id), sql)


def _fill(template: str, r: random.Random, **values) -> str:
    text = template.format(**values)
    return text[:1].upper() + text[1:]


# ----------------------------------------------------------------------------------------
# Hospital: which department should see the patient


COMPLAINTS = {
    "acne treatment": ["treatment for acne", "acne that creams from the pharmacy have not helped"],
    "annual checkup": ["a yearly check-up", "a routine annual physical"],
    "back pain": ["lower back pain after lifting boxes", "back pain that will not go away"],
    "blood pressure check": ["a blood pressure check", "high blood pressure readings at home"],
    "blood test": ["a blood test", "blood work the GP asked for"],
    "chest pain": ["chest pain when climbing stairs", "tightness in the chest"],
    "dizziness": ["dizzy spells", "feeling dizzy when standing up"],
    "fever": ["a two-year-old with a high fever", "a child with a fever since Monday"],
    "flu symptoms": ["flu symptoms: cough, sore throat and aches", "flu-like symptoms"],
    "fracture follow-up": ["a follow-up on a broken wrist", "checking how a fractured ankle is healing"],
    "growth check": ["a growth check for a toddler", "a child's growth and development check"],
    "headache": ["recurring headaches", "migraines that keep coming back"],
    "heart palpitations": ["heart palpitations", "a racing heartbeat that skips beats"],
    "knee pain": ["knee pain when running", "a swollen knee"],
    "mole check": ["a mole that has changed colour", "a mole check"],
    "numbness": ["numbness in the fingers", "tingling and numbness in one arm"],
    "skin rash": ["an itchy skin rash", "a rash on both arms"],
    "vaccination": ["a baby's scheduled vaccinations", "childhood vaccinations for a four-year-old"],
}

APPOINTMENT_NOTES = [
    "{patient} booked for {date} at {time}: {complaint}.",
    "Reason for visit: {complaint}. Patient: {patient}.",
    "Hello, I would like an appointment about {complaint}. Thanks, {patient}",
    "New appointment request from a patient in {city}: {complaint}.",
    "Front desk note - {patient} called about {complaint}.",
    "Walk-in at {time}, {complaint}.",
]


def hospital_departments() -> Task:
    task = Task("hospital_department", "hospital", "appointment note",
                "Which department should see this patient?", [
                    Label("Cardiology", "CARD", "the heart and circulation: chest pain, palpitations, blood pressure"),
                    Label("Dermatology", "DERM", "skin problems: rashes, moles, acne"),
                    Label("Pediatrics", "PED",
                          "children's health: fevers in children, growth checks, childhood vaccinations"),
                    Label("Orthopedics", "ORTH", "bones, joints and muscles: fractures, back pain, knee pain"),
                    Label("Neurology", "NEURO", "the brain and nerves: headaches, dizziness, numbness"),
                    Label("General Medicine", "GEN", "routine adult care: annual check-ups, blood tests, flu"),
                ])
    return task


def fill_hospital(task: Task, r: random.Random) -> None:
    for patient, city, day, time, reason, department in _rows("hospital", """
            SELECT p.name, p.city, a.appointment_date, a.appointment_time, a.reason, d.name
            FROM appointment a JOIN patient p USING (patient_id) JOIN doctor o USING (doctor_id)
            JOIN department d ON d.department_id = o.department_id ORDER BY a.appointment_id"""):
        text = _fill(r.choice(APPOINTMENT_NOTES), r, patient=patient, city=city, time=time,
                     date=r.choice(date_forms(day)), complaint=r.choice(COMPLAINTS[reason]))
        task.items.append((text, department))


# ----------------------------------------------------------------------------------------
# Pet clinic: which vet specialty a visit needs


VISIT_NEEDS = {
    "beak trim": ["a beak trim", "an overgrown beak"],
    "check-up": ["a routine check-up", "a yearly health check"],
    "ear infection": ["an ear infection", "scratching at the ears and head shaking"],
    "fracture repair": ["a broken leg that needs pinning", "a fracture after a fall"],
    "lump removal": ["a lump that needs removing", "a growth on the side to be cut out"],
    "nail trim": ["a nail trim", "claws that have grown too long"],
    "neutering": ["neutering", "being spayed"],
    "skin allergy": ["itchy skin and hair loss", "a skin allergy"],
    "teeth cleaning": ["a scale and polish of the teeth", "bad breath and tartar on the teeth"],
    "tooth extraction": ["a broken tooth that has to come out", "a tooth extraction"],
    "vaccination": ["booster vaccinations", "yearly jabs"],
}

VISIT_NOTES = [
    "{pet} the {species} is coming in for {need}.",
    "Owner {owner} called: {pet} ({species}) needs {need}.",
    "Booking for {date}: {species} named {pet}, {need}.",
    "Hi, my {species} {pet} needs {need}. When can you see us? {owner}",
]


def specialty_rule(reason: str, species: str) -> str:
    """The specialty a reader would pick: birds and rabbits go to the exotic-animals vet."""
    if reason in ("beak trim", "nail trim") or (reason == "check-up" and species in ("parrot", "rabbit")):
        return "exotic animals"
    if reason in ("fracture repair", "lump removal", "neutering"):
        return "surgery"
    if reason in ("teeth cleaning", "tooth extraction"):
        return "dentistry"
    return "general practice"


def vet_specialties() -> Task:
    return Task("vet_specialty", "pet_clinic", "visit request", "Which vet should take this visit?", [
        Label("general practice", "GP",
              "everyday care for cats and dogs: check-ups, vaccinations, ear and skin problems"),
        Label("surgery", "SURG", "operations: fractures, lump removal, neutering"),
        Label("dentistry", "DENT", "teeth: cleaning, extractions, tartar"),
        Label("exotic animals", "EXO", "birds and rabbits: their check-ups, beak and nail trims"),
    ])


def fill_vets(task: Task, r: random.Random) -> None:
    for pet, species, owner, day, reason, specialty in _rows("pet_clinic", """
            SELECT p.name, p.species, o.name, v.visit_date, v.reason, t.specialty
            FROM visit v JOIN pet p USING (pet_id) JOIN owner o USING (owner_id)
            JOIN vet t USING (vet_id) ORDER BY v.visit_id"""):
        if specialty_rule(reason, species) != specialty:
            continue  # the rare visit a reader could not place from the note alone
        text = _fill(r.choice(VISIT_NOTES), r, pet=pet, species=species, owner=owner,
                     date=r.choice(date_forms(day)), need=r.choice(VISIT_NEEDS[reason]))
        task.items.append((text, specialty))


# ----------------------------------------------------------------------------------------
# Movie rental: the category of a film, from its blurb


FILM_BLURBS = {
    "Action": ["A former soldier fights her way out of a city under siege.",
               "Car chases, explosions and a race against the clock to stop a bomb.",
               "{hero} must pull off one last heist while the police close in.",
               "Non-stop fist fights and rooftop chases across three continents.",
               "A bodyguard takes on an army of mercenaries to protect a witness."],
    "Comedy": ["Two mismatched roommates plan the worst wedding ever.",
               "{hero} accidentally swaps phones with a stranger, and the jokes never stop.",
               "A hapless chef bluffs his way into a cooking contest, with hilarious results.",
               "A family road trip goes wrong in every funny way possible.",
               "Laugh-out-loud mix-ups at a chaotic office party."],
    "Drama": ["A quiet portrait of a family coming to terms with loss.",
              "{hero} returns to her hometown to care for her ageing father.",
              "An emotional story of a teacher fighting to keep her school open.",
              "Two brothers confront old wounds after years of silence.",
              "A moving tale of a strike and the community it divides."],
    "Horror": ["Something is scratching inside the walls of the old farmhouse.",
               "A group of friends wake a curse in an abandoned asylum.",
               "{hero} hears whispers from the basement every night at three in the morning.",
               "A haunted doll terrorises a new family.",
               "Blood-soaked terror in a cabin deep in the woods."],
    "Documentary": ["Real footage follows beekeepers through a year of collapsing hives.",
                    "Interviews and archive film tell the story of the first moon landing.",
                    "No actors, just real life: a year with the fishermen of a remote island.",
                    "An investigation into plastic waste in the oceans, with expert interviews.",
                    "The true story of a town's fight for clean water, told by the people who lived it."],
    "Animation": ["A hand-drawn adventure about a talking fox and a lost lantern.",
                  "Colourful animated fun as toy robots escape from a shop window.",
                  "A computer-animated tale of a penguin who wants to fly.",
                  "Cartoon dragons learn to share in this animated family film.",
                  "Stop-motion clay figures travel to the moon."],
    "Romance": ["Two strangers fall in love over notes left in a library book.",
                "{hero} meets the love of her life on a delayed train.",
                "A summer love story on the Italian coast.",
                "Old flames meet again at a wedding and sparks fly.",
                "A florist and a grumpy baker slowly fall for each other."],
    "Thriller": ["A journalist uncovers a conspiracy and realises she is being followed.",
                 "A missing-person case leads a detective into a web of lies.",
                 "{hero} receives anonymous messages that predict the next murder.",
                 "A tense cat-and-mouse game between a hacker and a killer.",
                 "A psychological thriller where nobody in the house can be trusted."],
}

FILM_TEXTS = ["{title} ({year}, {minutes} min, rated {rating}). {blurb}", "{title}: {blurb}",
              "{blurb} ({title}, {year})", "New on the shelf: {title}. {blurb}"]


def film_categories() -> Task:
    return Task("film_category", "movie_rental", "film description", "Which category does this film belong to?", [
        Label("Action", "ACT", "fights, chases, explosions and heists"),
        Label("Comedy", "COM", "made to make you laugh: mix-ups, jokes, funny situations"),
        Label("Drama", "DRA", "serious, emotional stories about people and families"),
        Label("Horror", "HOR", "made to frighten: ghosts, curses, monsters, gore"),
        Label("Documentary", "DOC", "real events and real people, interviews and footage"),
        Label("Animation", "ANI", "cartoons, computer animation, stop-motion"),
        Label("Romance", "ROM", "love stories"),
        Label("Thriller", "THR", "suspense: conspiracies, detectives, murders, danger"),
    ])


def fill_films(task: Task, r: random.Random, heroes: list[str]) -> None:
    for title, category, year, rating, minutes in _rows("movie_rental", """
            SELECT f.title, c.name, f.release_year, f.rating, f.length_minutes
            FROM film f JOIN category c USING (category_id) ORDER BY f.film_id"""):
        for blurb in r.sample(FILM_BLURBS[category], 3):
            blurb = blurb.format(hero=r.choice(heroes))
            text = _fill(r.choice(FILM_TEXTS), r, title=title, year=year, rating=rating,
                         minutes=minutes, blurb=blurb)
            task.items.append((text, category))


# ----------------------------------------------------------------------------------------
# Library: the genre of a book, from its blurb


BOOK_BLURBS = {
    "biography": ["The life of a pioneering surgeon, from her childhood in a mining town to the operating theatre.",
                  "An intimate account of a famous composer's life, drawn from his letters.",
                  "The life story of a mountaineer, told through diaries and interviews.",
                  "From farm boy to prime minister: a life in politics."],
    "children": ["A picture book about a bear who cannot find his hat.",
                 "Bedtime stories for ages three to six, with bright illustrations.",
                 "A little rabbit learns to share her carrots with her friends.",
                 "A funny read-aloud about a dinosaur who wants to be a ballerina."],
    "fantasy": ["A young mage must find the last dragon egg before the dark lord does.",
                "Elves, swords and an ancient prophecy in a kingdom under a spell.",
                "A thief discovers she can speak to the spirits of the forest.",
                "An epic quest across enchanted lands to break a wizard's curse."],
    "history": ["A detailed account of trade along the Silk Road.",
                "How the industrial revolution changed working life in the nineteenth century.",
                "The causes and aftermath of the Great War, based on archive records.",
                "The rise and fall of medieval city states."],
    "mystery": ["A detective must work out who poisoned the vicar at the village fete.",
                "A locked-room murder baffles the police until an amateur sleuth arrives.",
                "Clues, suspects and a missing necklace in a country house.",
                "A retired teacher solves a murder at the local bakery."],
    "poetry": ["A collection of short poems about the sea and the seasons.",
               "Verses on love, loss and the city at night.",
               "Sonnets and free verse celebrating everyday moments.",
               "Haiku sequences following a year in the garden."],
    "science fiction": ["A crew of astronauts wakes from cryosleep to find their ship off course.",
                        "Robots demand rights on a Mars colony in the year 2300.",
                        "Time travellers try to stop a war before it starts.",
                        "First contact with an alien species goes badly wrong."],
}

BOOK_TEXTS = ["{title} by {author} ({pages} pages). {blurb}", "{title}: {blurb}",
              "Back cover of {title}: {blurb}", "{blurb} - {author}, {title}"]


def book_genres() -> Task:
    return Task("book_genre", "library", "book description", "Which shelf (genre) should this book go on?", [
        Label("biography", "BIO", "the true story of a real person's life"),
        Label("children", "CHI", "picture books and stories for young children"),
        Label("fantasy", "FAN", "magic, dragons, quests in invented worlds"),
        Label("history", "HIS", "non-fiction about past eras and events"),
        Label("mystery", "MYS", "crimes to solve: detectives, clues, suspects"),
        Label("poetry", "POE", "collections of poems and verse"),
        Label("science fiction", "SCIFI", "space, robots, time travel, the future"),
    ])


def fill_books(task: Task, r: random.Random) -> None:
    for title, author, genre, pages in _rows("library", """
            SELECT b.title, a.name, b.genre, b.page_count FROM book b JOIN author a USING (author_id)
            ORDER BY b.book_id"""):
        for blurb in r.sample(BOOK_BLURBS[genre], 2):
            task.items.append((_fill(r.choice(BOOK_TEXTS), r, title=title, author=author, pages=pages,
                                     blurb=blurb), genre))


# ----------------------------------------------------------------------------------------
# School: which department runs a course


COURSE_TEXTS = ["Course: {title} ({credits} credits), taught by {teacher}.",
                "Is there still room in {title} next semester?",
                "I'd like to sign up for {title}. Who do I ask?",
                "Syllabus request: {title}.", "{student} wants to switch into {title}.",
                "Please add {title} to my timetable."]


def course_departments() -> Task:
    return Task("course_department", "school", "course request", "Which department runs this course?", [
        Label("Mathematics", "MATH", "calculus, algebra, statistics, probability and other maths"),
        Label("Physics", "PHYS", "mechanics, light, heat, electricity and the stars"),
        Label("History", "HIST", "past civilisations and eras, and how historians work"),
        Label("Literature", "LIT", "novels, poems, drama and creative writing"),
        Label("Computer Science", "CS", "programming, data, networks and software"),
        Label("Biology", "BIO", "living things: cells, genes, ecosystems, the human body"),
    ])


def fill_courses(task: Task, r: random.Random, students: list[str]) -> None:
    for title, department, teacher, credits in _rows("school", """
            SELECT c.title, d.name, t.name, c.credits FROM course c
            JOIN department d ON d.department_id = c.department_id
            JOIN teacher t ON t.teacher_id = c.teacher_id ORDER BY c.course_id"""):
        for template in r.sample(COURSE_TEXTS, 3):
            task.items.append((_fill(template, r, title=title, teacher=teacher, credits=credits,
                                     student=r.choice(students)), department))


# ----------------------------------------------------------------------------------------
# Restaurant: which part of the menu a dish is on


DISH_TEXTS = ["Order note: {quantity} x {dish}.", "Table {table} asked for the {dish}.",
              "Please add {dish} ({price}) to the new menu card.", "{dish}, {price}",
              "Kitchen ticket: {dish} for table {table}.", "We're out of {dish} tonight."]


def dish_courses() -> Task:
    return Task("dish_course", "restaurant_orders", "order line", "Which part of the menu is this item from?", [
        Label("starter", "STR", "small plates to begin the meal: soups, salads, wings, prawns"),
        Label("main", "MAIN", "the main plate: meat, fish, pasta, curry, pizza, risotto"),
        Label("dessert", "DES", "after the meal: cakes, tarts, crumbles, the cheese board"),
        Label("drink", "DRK", "anything to drink: soft drinks, coffee, wine, beer, water"),
    ])


def fill_dishes(task: Task, r: random.Random) -> None:
    for dish, category, price in _rows("restaurant_orders",
                                       "SELECT name, category, price FROM dish ORDER BY dish_id"):
        for template in r.sample(DISH_TEXTS, 5):
            task.items.append((_fill(template, r, dish=dish, price=money(price),
                                     quantity=r.randint(1, 4), table=r.randint(1, 16)), category))


# ----------------------------------------------------------------------------------------
# Football: a player's position, from a line of a match report


MATCH_LINES = {
    "goalkeeper": ["{player} made three diving saves and kept a clean sheet for {team}.",
                   "{player} punched away a late corner and saved a penalty.",
                   "{player} came off the line to catch every cross for {team}."],
    "defender": ["{player} cleared the ball off the line and won every header at the back.",
                 "{player} marked the opposing striker out of the game with firm tackles.",
                 "{player} blocked two shots and kept the back four organised for {team}."],
    "midfielder": ["{player} controlled the tempo in the centre of the park for {team}.",
                   "{player} won the ball in midfield and threaded a pass through to the strikers.",
                   "{player} ran box to box all afternoon and set up the equaliser."],
    "forward": ["{player} scored twice and hit the post with a header.",
                "{player} led the line for {team} and fired home the winner late on.",
                "{player} beat the offside trap and finished past the keeper."],
}


def player_positions() -> Task:
    return Task("player_position", "football_league", "match report line", "What position does this player play?", [
        Label("goalkeeper", "GK", "guards the goal: saves, catches, clean sheets"),
        Label("defender", "DEF", "stops attacks at the back: tackles, clearances, blocks"),
        Label("midfielder", "MID", "links defence and attack: passing, tempo, assists"),
        Label("forward", "FWD", "attacks and scores goals"),
    ])


def fill_players(task: Task, r: random.Random) -> None:
    for player, team, position in _rows("football_league", """
            SELECT p.name, t.name, p.position FROM player p JOIN team t USING (team_id) ORDER BY p.player_id"""):
        for template in r.sample(MATCH_LINES[position], 2):
            task.items.append((template.format(player=player, team=team), position))


# ----------------------------------------------------------------------------------------
# Concert hall: the genre of a concert listing


CONCERT_CUES = {
    "classical": ["an evening of symphonies with a full string section", "piano concertos and chamber music",
                  "a choir and orchestra performing a requiem"],
    "electronic": ["synthesizers, drum machines and a late-night DJ set", "pulsing beats and a laser light show",
                   "live techno and ambient soundscapes"],
    "jazz": ["a smoky set of swing standards with saxophone solos", "improvised bebop with upright bass and brushes",
             "a late-night jam with trumpet improvisation"],
    "folk": ["acoustic guitars, fiddles and songs passed down through generations",
             "banjo, harmonica and traditional ballads", "storytelling songs with mandolin and tin whistle"],
    "rock": ["loud electric guitars, pounding drums and stadium anthems", "distorted riffs and a mosh pit",
             "guitar solos and a very big drum kit"],
}

CONCERT_TEXTS = ["{artist} live at {venue} on {date}: {cue}.", "Coming to {venue}: {artist}, with {cue}.",
                 "{artist} - {cue}. Tickets {price}.", "Tonight at {venue}, {cue}, with {artist}."]


def concert_genres() -> Task:
    return Task("concert_genre", "concert_hall", "concert listing", "What genre is this concert?", [
        Label("classical", "CLA", "orchestras, choirs, piano and chamber music"),
        Label("electronic", "ELEC", "synthesizers, DJs, techno and beats"),
        Label("jazz", "JAZZ", "swing, bebop, improvisation, saxophone and trumpet"),
        Label("folk", "FOLK", "acoustic and traditional songs: fiddle, banjo, ballads"),
        Label("rock", "ROCK", "electric guitars, drums, loud anthems"),
    ])


def fill_concerts(task: Task, r: random.Random) -> None:
    for artist, genre, venue, day, price in _rows("concert_hall", """
            SELECT a.name, a.genre, v.name, c.concert_date, c.ticket_price FROM concert c
            JOIN artist a USING (artist_id) JOIN venue v USING (venue_id) ORDER BY c.concert_id"""):
        task.items.append((_fill(r.choice(CONCERT_TEXTS), r, artist=artist, venue=venue, price=money(price),
                                 date=r.choice(date_forms(day)), cue=r.choice(CONCERT_CUES[genre])), genre))


# ----------------------------------------------------------------------------------------
# Real estate: the type of a property, from its listing


LISTING_TEXTS = {
    "apartment": ["{bedrooms}-bedroom flat on the third floor with a lift and a shared courtyard, {city}.",
                  "Bright {area} m2 apartment in a block with a concierge, {city}. Asking {price}.",
                  "Top-floor unit with a balcony in a modern block; service charge applies."],
    "house": ["Detached {bedrooms}-bedroom house with a large private garden and a double garage in {city}.",
              "Standalone family home on its own plot, {area} m2, asking {price}.",
              "Country house with a long driveway and a garden all around, near {city}."],
    "townhouse": ["Terraced {bedrooms}-bedroom townhouse arranged over three floors, {city}.",
                  "Narrow end-of-terrace home sharing walls with its neighbours, {area} m2.",
                  "Modern row house over three storeys with a small yard, asking {price}."],
}


def property_types() -> Task:
    return Task("property_type", "real_estate", "listing", "What type of property is this?", [
        Label("apartment", "APT", "a flat in a shared building: floors, lifts, blocks"),
        Label("house", "HSE", "a detached home on its own plot, usually with a garden"),
        Label("townhouse", "TWN", "a terraced or row house over several floors, sharing walls"),
    ])


def fill_properties(task: Task, r: random.Random) -> None:
    for city, kind, bedrooms, area, price in _rows("real_estate", """
            SELECT city, property_type, bedrooms, area_sqm, asking_price FROM property ORDER BY property_id"""):
        for template in r.sample(LISTING_TEXTS[kind], 2):
            task.items.append((_fill(template, r, city=city, bedrooms=bedrooms, area=area,
                                     price=money(price)), kind))


# ----------------------------------------------------------------------------------------
# Bike sharing: a bike's status, from a maintenance note


MAINTENANCE_NOTES = {
    "in service": ["Bike {bike} ({model}) passed its safety check and is back at the dock.",
                   "Checked tyres and brakes on bike {bike}: all fine, available for riders.",
                   "Bike {bike} charged and returned to the fleet."],
    "repair": ["Bike {bike} has a flat tyre and a loose chain; sent to the workshop.",
               "Brake cable snapped on bike {bike}, waiting for parts.",
               "Bike {bike} ({model}): gears slipping, mechanic booked."],
    "retired": ["Frame on bike {bike} is cracked beyond repair; removed from the fleet for good.",
                "Bike {bike} written off after an accident and stripped for spare parts.",
                "Bike {bike} ({model}) reached the end of its life and was taken out of use."],
}


def bike_statuses() -> Task:
    return Task("bike_status", "bike_sharing", "maintenance note", "What is the bike's status now?", [
        Label("in service", "OK", "working and available to riders"),
        Label("repair", "FIX", "broken or being fixed, back later"),
        Label("retired", "RET", "permanently taken out of the fleet"),
    ])


def fill_bikes(task: Task, r: random.Random) -> None:
    for bike, model in _rows("bike_sharing", "SELECT bike_id, model FROM bike ORDER BY bike_id"):
        status = r.choice(list(MAINTENANCE_NOTES))
        task.items.append((r.choice(MAINTENANCE_NOTES[status]).format(bike=bike, model=model), status))


# ----------------------------------------------------------------------------------------
# Which database a question is about


DOMAIN_LABELS = {
    "library": ("LIB", "books, authors, library members and loans"),
    "school": ("SCH", "departments, teachers, courses, students and grades"),
    "hospital": ("HOSP", "doctors, patients, departments and appointments"),
    "airline": ("AIR", "airports, aircraft, flights, passengers and bookings"),
    "concert_hall": ("CONC", "artists, venues, concerts and ticket sales"),
    "movie_rental": ("MOV", "films, categories, customers and rentals"),
    "restaurant_orders": ("REST", "dishes, waiters, tables and orders"),
    "football_league": ("FOOT", "teams, players, games and goals"),
    "bike_sharing": ("BIKE", "stations, bikes, riders and trips"),
    "real_estate": ("PROP", "agents, properties, buyers, viewings and sales"),
    "hotel_bookings": ("HOTEL", "hotels, rooms, guests and bookings"),
    "pet_clinic": ("VET", "pet owners, pets, vets and visits"),
}


def question_domains(domains: list[str]) -> Task:
    return Task("question_domain", "all", "question", "Which database does this question need?",
                [Label(d, *DOMAIN_LABELS[d]) for d in domains if d in DOMAIN_LABELS])


def fill_domains(task: Task, r: random.Random, entity_questions: list[tuple[str, str]]) -> None:
    for label in task.labels:
        questions = [q["question"] for q in load_practice_questions(label.name)]
        for question in r.sample(questions, min(60, len(questions))):
            task.items.append((question, label.name))
    task.items += entity_questions


# ----------------------------------------------------------------------------------------
# Customer messages: what the customer wants (one task per business)


INTENTS = {
    "airline": [
        (Label("flight delay", "FLT_DEL", "the flight is late, delayed or cancelled"),
         ["Flight {flight} still hasn't boarded, it's two hours late. What is going on?",
          "My flight {flight} from {city} was cancelled this morning. What are my options?",
          "Is {flight} delayed? The board says 'see desk'.",
          "We have been sitting on the tarmac in {city} for 90 minutes on {flight}."]),
        (Label("lost baggage", "BAG", "a checked bag is missing, late or damaged"),
         ["My suitcase did not arrive on {flight}. It's a black hard case.",
          "I landed in {city} but my bag is still not on the belt.",
          "The handle of my checked bag was ripped off on flight {flight}.",
          "Still no news about my luggage, three days after flying to {city}."]),
        (Label("refund", "REFUND", "the customer wants money back"),
         ["I cancelled my trip to {city} and would like my money back.",
          "Please refund the {price} I paid for {flight}, I never flew.",
          "How long does a refund take? I was charged twice for {flight}.",
          "I want a refund for the seat upgrade that I never got."]),
        (Label("seat selection", "SEAT", "choosing, changing or upgrading a seat"),
         ["Can I pick a window seat on {flight}?",
          "I'd like to sit next to my husband on the flight to {city}.",
          "How much does it cost to upgrade to business class on {flight}?",
          "Is there an exit row seat left on {flight}? I'm very tall."]),
        (Label("booking change", "CHANGE", "changing the date, time or passenger name of a booking"),
         ["Can I move my flight to {city} to next Tuesday?",
          "My name is misspelled on the booking for {flight}, it should be {person}.",
          "I need to change {flight} to a later departure.",
          "Please move my return from {city} one day earlier."]),
    ],
    "hotel_bookings": [
        (Label("cancellation", "CANCEL", "the guest wants to cancel a reservation"),
         ["Please cancel my reservation at {hotel} for next weekend.",
          "I can't travel any more, cancel my stay at {hotel}.",
          "How do I cancel my booking? I booked a {room} room at {hotel}.",
          "We won't be coming to {hotel} after all, please cancel."]),
        (Label("date change", "DATES", "the guest wants to move or extend the stay"),
         ["Could I arrive at {hotel} one day later than booked?",
          "I'd like to extend my stay at {hotel} by two nights.",
          "Can we move our {hotel} booking from May to June?",
          "Is it possible to check out a day early from {hotel}?"]),
        (Label("billing", "BILL", "questions about charges, invoices or payment"),
         ["I was charged {price} but my booking confirmation said less.",
          "Can you send me an invoice for my stay at {hotel}?",
          "There is a minibar charge on my bill, but I never opened it.",
          "My card was charged twice for the same night at {hotel}."]),
        (Label("room problem", "ROOM", "something is wrong with the room: noise, cleanliness, broken things"),
         ["The air conditioning in my room at {hotel} doesn't work.",
          "Our {room} room smells of smoke and the sheets were not changed.",
          "There is loud music next door every night, I can't sleep.",
          "The shower in my room at {hotel} is broken."]),
        (Label("facilities", "INFO", "questions about what the hotel offers: breakfast, parking, wifi, pool"),
         ["Does {hotel} serve breakfast, and until what time?",
          "Is there parking at {hotel}?", "What's the wifi password at {hotel}?",
          "Is the pool at {hotel} open in winter?"]),
    ],
    "library": [
        (Label("renewal", "RENEW", "keeping a borrowed book longer"),
         ["Can I keep {book} for another two weeks?", "Please renew {book}, I haven't finished it.",
          "How do I extend my loan of {book} online?", "My loan of {book} is due tomorrow, can I renew it?"]),
        (Label("lost or damaged item", "LOST", "a borrowed book is lost or damaged"),
         ["I lost {book} on the bus. What do I do?", "My dog chewed the cover of {book}, sorry!",
          "Coffee got spilled on {book}. Will I have to pay for it?", "I can't find {book} anywhere at home."]),
        (Label("late fees", "FINE", "questions about overdue charges"),
         ["Why do I have a fine on my account? I returned {book} on time.",
          "How much is the fine for returning {book} a week late?",
          "Can the late fee for {book} be waived? I was in hospital.",
          "I want to pay my overdue charges."]),
        (Label("membership", "MEMBER", "joining, renewing or changing a membership"),
         ["How do I become a member? I live in {town}.", "Can I switch from a standard to a student membership?",
          "My membership card expired, how do I renew it?", "Is there a discount membership for seniors?"]),
        (Label("reservation", "HOLD", "reserving a book someone else has"),
         ["Can I reserve {book}? All copies are out.", "Please put {book} on hold for me.",
          "I'm on the waiting list for {book}, where am I in the queue?",
          "Let me know when {book} comes back, I'd like to borrow it next."]),
    ],
    "bike_sharing": [
        (Label("broken bike", "BIKE_FAULT", "a bike is damaged or not working"),
         ["Bike {bike} at {station} has a flat tyre.", "The brakes on the bike I just took are not working.",
          "The chain came off halfway through my ride from {station}.", "The e-bike battery died after five minutes."]),
        (Label("dock problem", "DOCK", "a station is full, empty or a dock will not lock"),
         ["{station} is full, where can I leave my bike?", "The dock at {station} won't lock my bike.",
          "There are no bikes at {station} again this morning.",
          "The screen at {station} is blank and I can't undock."]),
        (Label("billing", "CHARGE", "questions about charges and payments"),
         ["I was charged {price} for a ten-minute ride.", "Why was I billed twice for yesterday's trip?",
          "My card was charged after I cancelled my subscription.", "Can I get a receipt for my trips last month?"]),
        (Label("plan change", "PLAN", "switching, cancelling or renewing a plan"),
         ["I'd like to switch from monthly to annual.", "How do I cancel my pay as you go plan?",
          "Is there a student discount on the annual plan?", "Can I pause my plan while I'm away for the summer?"]),
        (Label("account access", "ACCOUNT", "logging in, passwords, app and profile problems"),
         ["I can't log in to the app.", "How do I reset my password?",
          "The app keeps saying my account is locked.", "I want to change the email on my account."]),
    ],
    "restaurant_orders": [
        (Label("table booking", "BOOK", "reserving or changing a table reservation"),
         ["Do you have a table for four on Friday at eight?", "Can I book the terrace for a birthday dinner?",
          "Please move our reservation to 7 pm.", "Table for two tonight, is that possible?"]),
        (Label("dietary question", "DIET", "allergies, vegetarian or other dietary needs"),
         ["Is the {dish} gluten free?", "Does the {dish} contain nuts? My son is allergic.",
          "What vegetarian options do you have?", "Can the {dish} be made without dairy?"]),
        (Label("complaint", "COMPLAINT", "something went wrong with food or service"),
         ["The {dish} was cold when it arrived.", "We waited an hour for our mains, very disappointing.",
          "The waiter was rude to us last night.", "There was a hair in my {dish}."]),
        (Label("opening hours", "HOURS", "when the restaurant is open"),
         ["Are you open on Sundays?", "What time does the kitchen close?",
          "Are you open for lunch on bank holidays?", "How late do you serve dessert?"]),
    ],
    "pet_clinic": [
        (Label("appointment", "APPT", "booking or moving a routine visit"),
         ["Can I book a check-up for {pet} next week?", "I need to move {pet}'s appointment to Thursday.",
          "When is the next free slot for vaccinations?", "Please book {pet} in for a nail trim."]),
        (Label("emergency", "URGENT", "the animal needs help right now"),
         ["{pet} just ate a whole bar of chocolate, what do I do?", "My dog was hit by a car, we're coming in now.",
          "{pet} is having trouble breathing!", "My cat has been vomiting all night and won't stand up."]),
        (Label("prescription", "MEDS", "repeat medicine or prescription questions"),
         ["{pet} is running out of the allergy tablets, can I get more?",
          "Can you renew the prescription for {pet}'s ear drops?",
          "Is it safe to give {pet} the medicine with food?", "I need a refill of the flea treatment."]),
        (Label("billing", "BILLING", "invoices, costs and payments"),
         ["How much will {pet}'s dental cleaning cost?", "I was charged {price} for the last visit, why so much?",
          "Can I pay the surgery bill in instalments?", "Please email me the invoice for {pet}'s visit."]),
    ],
}


def intent_tasks() -> list[Task]:
    return [Task(f"intent_{domain}", domain, "customer message", "What does the customer want?",
                 [label for label, _templates in intents])
            for domain, intents in INTENTS.items()]


def _intent_values(r: random.Random) -> dict[str, list[str]]:
    """Names and things from the train databases to put into customer messages."""
    def column(db_id, sql):
        return [row[0] for row in _rows(db_id, sql)]
    return {
        "flight": column("airline", "SELECT flight_number FROM flight ORDER BY flight_id"),
        "city": column("airline", "SELECT city FROM airport ORDER BY airport_code"),
        "person": column("airline", "SELECT name FROM passenger ORDER BY passenger_id"),
        "hotel": column("hotel_bookings", "SELECT name FROM hotel ORDER BY hotel_id"),
        "room": ["single", "double", "twin", "suite"],
        "book": column("library", "SELECT title FROM book ORDER BY book_id"),
        "town": column("library", "SELECT DISTINCT city FROM member ORDER BY city"),
        "bike": [str(b) for b in column("bike_sharing", "SELECT bike_id FROM bike ORDER BY bike_id")],
        "station": column("bike_sharing", "SELECT name FROM station ORDER BY station_id"),
        "dish": column("restaurant_orders", "SELECT name FROM dish WHERE category != 'drink' ORDER BY dish_id"),
        "pet": column("pet_clinic", "SELECT name FROM pet ORDER BY pet_id"),
        "price": [money(r.choice([12.5, 38.0, 59.99, 120.0, 245.0, 7.8, 89.0])) for _ in range(20)],
    }


def fill_intents(task: Task, r: random.Random, values: dict[str, list[str]]) -> None:
    for label, templates in INTENTS[task.domain]:
        for template in templates:
            for _ in range(6):
                picked = {key: r.choice(options) for key, options in values.items()}
                task.items.append((_fill(template, r, **picked), label.name))


# ----------------------------------------------------------------------------------------
# Reviews: positive, negative or neutral


REVIEWS = {
    "positive": ["Loved {thing}! Highly recommended.", "{thing} was wonderful from start to finish.",
                 "Absolutely brilliant, {thing} exceeded every expectation.", "Five stars for {thing}, just perfect.",
                 "What a treat: {thing} made our week."],
    "negative": ["{thing} was a huge disappointment.", "Never again. {thing} was awful.",
                 "I want my money back, {thing} was terrible.", "One star: {thing} was dull and overpriced.",
                 "Avoid {thing}, it ruined our evening."],
    "neutral": ["{thing} was fine, nothing special.", "{thing} was okay: some good parts, some not.",
                "Average. {thing} did the job.", "{thing} was neither good nor bad.",
                "It was what we expected from {thing}, no more, no less."],
}


def review_sentiment() -> Task:
    return Task("review_sentiment", "all", "review", "What is the sentiment of this review?", [
        Label("positive", "POS", "the customer liked it and is happy"),
        Label("negative", "NEG", "the customer disliked it or complains"),
        Label("neutral", "NEU", "mixed or indifferent: neither happy nor unhappy"),
    ])


def fill_reviews(task: Task, r: random.Random) -> None:
    things = ([f"the film {t}" for (t,) in _rows("movie_rental", "SELECT title FROM film ORDER BY film_id")]
              + [f"our stay at {h}" for (h,) in _rows("hotel_bookings", "SELECT name FROM hotel ORDER BY hotel_id")]
              + [f"the {d}" for (d,) in _rows("restaurant_orders", "SELECT name FROM dish ORDER BY dish_id")]
              + [f"the concert at {v}" for (v,) in _rows("concert_hall", "SELECT name FROM venue ORDER BY venue_id")])
    for sentiment, templates in REVIEWS.items():
        for _ in range(80):
            task.items.append((_fill(r.choice(templates), r, thing=r.choice(things)), sentiment))


# ----------------------------------------------------------------------------------------


def first_names(r: random.Random) -> list[str]:
    """First names of people in the train databases (for film blurbs)."""
    names = [n for (n,) in _rows("library", "SELECT name FROM member ORDER BY member_id")]
    return sorted({n.split()[0] for n in names})


def load_tasks(r: random.Random, domains: list[str], entity_questions: list[tuple[str, str]]) -> list[Task]:
    """Every classification task with its pool of texts."""
    hospital, vets, films, books = hospital_departments(), vet_specialties(), film_categories(), book_genres()
    courses, dishes, players, concerts = course_departments(), dish_courses(), player_positions(), concert_genres()
    properties, bikes, reviews = property_types(), bike_statuses(), review_sentiment()
    fill_hospital(hospital, r)
    fill_vets(vets, r)
    fill_films(films, r, first_names(r))
    fill_books(books, r)
    students = [n for (n,) in _rows("school", "SELECT name FROM student ORDER BY student_id")]
    fill_courses(courses, r, students)
    fill_dishes(dishes, r)
    fill_players(players, r)
    fill_concerts(concerts, r)
    fill_properties(properties, r)
    fill_bikes(bikes, r)
    fill_reviews(reviews, r)
    domain_task = question_domains(domains)
    fill_domains(domain_task, r, entity_questions)
    intents = intent_tasks()
    values = _intent_values(r)
    for task in intents:
        fill_intents(task, r, values)
    return [hospital, vets, films, books, courses, dishes, players, concerts, properties, bikes, reviews,
            domain_task, *intents]
