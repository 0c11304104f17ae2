"""Practice database `pet_clinic`: a veterinary clinic's owners, pets, vets and visits."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, intent, iso_date, money, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE owner (
    owner_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    city TEXT NOT NULL
);
CREATE TABLE pet (
    pet_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    species TEXT NOT NULL,
    breed TEXT,
    birth_date TEXT NOT NULL,
    weight_kg REAL NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES owner(owner_id)
);
CREATE TABLE vet (
    vet_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    specialty TEXT NOT NULL
);
CREATE TABLE visit (
    visit_id INTEGER PRIMARY KEY,
    pet_id INTEGER NOT NULL REFERENCES pet(pet_id),
    vet_id INTEGER NOT NULL REFERENCES vet(vet_id),
    visit_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    cost REAL NOT NULL
);
"""

PET_NAMES = ["Biscuit", "Luna", "Max", "Pepper", "Milo", "Daisy", "Oscar", "Ziggy", "Nala", "Rocky", "Hazel",
             "Mochi", "Bruno", "Olive", "Simba", "Poppy", "Teddy", "Willow", "Ginger", "Rusty", "Clover",
             "Pickle", "Juniper", "Noodle", "Shadow", "Maple", "Otis", "Pumpkin", "Sage", "Cosmo"]
# species -> (breeds, weight range in kg)
SPECIES = {
    "dog": (["Labrador", "Beagle", "Border Collie", "Dachshund", "Poodle"], (4, 38)),
    "cat": (["Siamese", "Maine Coon", "Persian", "British Shorthair"], (2.5, 7)),
    "rabbit": (["Lop", "Rex", "Dutch"], (1, 4)),
    "parrot": (["African Grey", "Cockatiel", "Budgerigar"], (0.05, 0.6)),
}
VETS = [("general practice",), ("surgery",), ("dentistry",), ("exotic animals",), ("general practice",)]
REASONS = {"general practice": ["vaccination", "check-up", "skin allergy", "ear infection"],
           "surgery": ["neutering", "lump removal", "fracture repair"],
           "dentistry": ["teeth cleaning", "tooth extraction"],
           "exotic animals": ["check-up", "beak trim", "nail trim"]}
BASE_COST = {"vaccination": 45, "check-up": 40, "skin allergy": 70, "ear infection": 65, "neutering": 180,
             "lump removal": 320, "fracture repair": 650, "teeth cleaning": 150, "tooth extraction": 220,
             "beak trim": 35, "nail trim": 20}
CITIES = ["Greenfield", "Hartwell", "Stoneham"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    names = person_names(r, 60 + len(VETS))
    owners = [(i, names[i - 1], f"555-{r.randint(1000, 9999)}", r.choice(CITIES)) for i in range(1, 61)]
    vets = [(i, "Dr. " + names[59 + i], specialty) for i, (specialty,) in enumerate(VETS, start=1)]
    pets = []
    for i in range(1, 101):
        species = r.choice(["dog", "dog", "dog", "cat", "cat", "rabbit", "parrot"])
        breeds, (low, high) = SPECIES[species]
        pets.append((i, r.choice(PET_NAMES), species, sometimes_null(r, r.choice(breeds), 0.25),
                     iso_date(r, "2009-01-01", "2024-03-31"), round(r.uniform(low, high), 2),
                     skewed_choice(r, list(range(1, 61)), skew=0.3)))
    visits = []
    for i in range(1, 241):
        pet = pets[r.randrange(94)]  # the six newest patients have registered but not yet visited
        vet = vets[3] if pet[2] in ("rabbit", "parrot") and r.random() < 0.7 else r.choice(vets[:3] + vets[4:])
        reason = r.choice(REASONS[vet[2]])
        visits.append((i, pet[0], vet[0], iso_date(r, "2023-07-01", "2024-06-30"), reason,
                       money(r, BASE_COST[reason] * 0.9, BASE_COST[reason] * 1.2, step=0.5)))
    return {"owner": owners, "pet": pets, "vet": vets, "visit": visits}


PET_OWNER = "pet AS T1 JOIN owner AS T2 ON T1.owner_id = T2.owner_id"
PET_VISIT = "pet AS T1 JOIN visit AS T2 ON T1.pet_id = T2.pet_id"

INTENTS = (
    intent("count_pets", [
        "How many pets are registered at the clinic?",
        "Count the pets.",
        "What is the total number of animals on file?",
    ], "SELECT COUNT(*) FROM pet"),
    intent("pets_of_species", [
        "List the names of all {species}s.",
        "Which pets are {species}s?",
        "Show me every {species} on file.",
    ], "SELECT name FROM pet WHERE species = '{species}'", values="SELECT DISTINCT species FROM pet"),
    intent("heavy_pets", [
        "Which pets weigh more than {kg} kg?",
        "List pets heavier than {kg} kilograms.",
        "Names of animals weighing over {kg} kg?",
    ], "SELECT name FROM pet WHERE weight_kg > {kg}",
        values="SELECT 20 AS kg UNION SELECT 25 UNION SELECT 30"),
    intent("unknown_breed", [
        "How many pets have no breed recorded?",
        "Count pets whose breed is unknown.",
        "What's the number of pets with a missing breed?",
    ], "SELECT COUNT(*) FROM pet WHERE breed IS NULL"),
    intent("average_visit_cost", [
        "What does a visit cost on average?",
        "Give the average cost of a visit.",
        "What is the mean visit cost?",
    ], "SELECT AVG(cost) FROM visit"),
    intent("giant_pets", [
        "Are there pets heavier than {kg} kg? List them.",
        "Which animals weigh more than {kg} kg?",
        "Show pets with a weight above {kg} kilograms.",
    ], "SELECT name FROM pet WHERE weight_kg > {kg}", "empty_result",
        values="SELECT 80 AS kg UNION SELECT 100 UNION SELECT 150"),
    intent("vets_with_specialty", [
        "Which vets specialise in {specialty}?",
        "List the vets whose specialty is {specialty}.",
        "Who are our {specialty} vets?",
    ], "SELECT name FROM vet WHERE specialty = '{specialty}'",
        values="SELECT DISTINCT specialty FROM vet"),
    intent("oldest_pet", [
        "Which pet is the oldest? Give its name and species.",
        "Name and species of the pet with the earliest birth date?",
        "Show the oldest animal on file, with its species.",
    ], "SELECT name, species FROM pet ORDER BY birth_date LIMIT 1", "superlative"),
    intent("pets_per_species", [
        "How many pets of each species are there?",
        "Count pets by species.",
        "Number of pets for every species?",
    ], "SELECT species, COUNT(*) FROM pet GROUP BY species"),
    intent("pets_of_owner", [
        "What pets does {owner} have, and of which species?",
        "List the names and species of {owner}'s pets.",
        "Show {owner}'s animals with their species.",
    ], f"SELECT T1.name, T1.species FROM {PET_OWNER} WHERE T2.name = '{{owner}}'",
        values="SELECT DISTINCT T2.name AS owner FROM pet AS T1 JOIN owner AS T2 ON T1.owner_id = T2.owner_id"),
    intent("visits_for_reason", [
        "How many visits were for {reason}?",
        "Count visits with the reason {reason}.",
        "What's the number of {reason} visits?",
    ], "SELECT COUNT(*) FROM visit WHERE reason = '{reason}'",
        values="SELECT DISTINCT reason FROM visit"),
    intent("spend_per_city", [
        "How much have owners in each city spent on visits in total?",
        "Total visit costs by owner city?",
        "For every city, sum what its pet owners paid for visits.",
    ], "SELECT T3.city, SUM(T2.cost) FROM pet AS T1 JOIN visit AS T2 ON T1.pet_id = T2.pet_id "
       "JOIN owner AS T3 ON T1.owner_id = T3.owner_id GROUP BY T3.city"),
    intent("multi_pet_owners", [
        "Which owners have more than {n} pets?",
        "List owners with over {n} pets.",
        "Who owns more than {n} animals?",
    ], f"SELECT T2.name FROM {PET_OWNER} GROUP BY T2.owner_id HAVING COUNT(*) > {{n}}", values="SELECT 2 AS n UNION SELECT 3 UNION SELECT 4"),
    intent("visits_in_month", [
        "Which pets visited in {month_name} {year}?",
        "List the pets seen during {month_name} {year}.",
        "Names of pets with a visit in {month_name} {year}?",
    ], f"SELECT DISTINCT T1.name FROM {PET_VISIT} WHERE T2.visit_date LIKE '{{year}}-{{month}}%'", "date",
        values="SELECT '2023' AS year, '09' AS month, 'September' AS month_name UNION SELECT '2024', '01', 'January' "
               "UNION SELECT '2024', '05', 'May'"),
    intent("never_visited", [
        "Which pets have never visited the clinic?",
        "List pets with no visits.",
        "Find the registered pets that haven't been seen yet.",
    ], "SELECT name FROM pet WHERE pet_id NOT IN (SELECT pet_id FROM visit)"),
    intent("expensive_species_visits", [
        "Which {species}s had a visit that cost more than the average visit?",
        "List {species}s with an above-average visit cost.",
        "Find {species}s whose visit was pricier than the mean visit.",
    ], f"SELECT DISTINCT T1.name FROM {PET_VISIT} WHERE T1.species = '{{species}}' "
       "AND T2.cost > (SELECT AVG(cost) FROM visit)",
        values="SELECT DISTINCT species FROM pet"),
    intent("busiest_vet", [
        "Which vet has seen the most visits?",
        "Who is the busiest vet by number of visits?",
        "Name the vet with the highest visit count.",
    ], "SELECT T1.name FROM vet AS T1 JOIN visit AS T2 ON T1.vet_id = T2.vet_id "
       "GROUP BY T1.vet_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("owners_dogs_and_cats", [
        "Which owners have both a {species_a} and a {species_b}?",
        "List the owners of at least one {species_a} and at least one {species_b}.",
        "Find people who own a {species_a} as well as a {species_b}.",
    ], f"SELECT T2.name FROM {PET_OWNER} WHERE T1.species = '{{species_a}}' INTERSECT "
       f"SELECT T2.name FROM {PET_OWNER} WHERE T1.species = '{{species_b}}'",
        values="SELECT DISTINCT a.species AS species_a, b.species AS species_b FROM pet AS a "
               "JOIN pet AS b ON a.owner_id = b.owner_id WHERE a.species < b.species"),
    intent("owners_without_pets_in_clinic", [
        "Which owners have no pets registered?",
        "List owners without any pets on file.",
        "Find the owners that have no animals registered with us.",
    ], f"SELECT name FROM owner EXCEPT SELECT T2.name FROM {PET_OWNER}"),
)

DOMAIN = Domain("pet_clinic", "a veterinary clinic: owners, pets, vets and visits", SCHEMA, make_rows, INTENTS)
