"""Practice database `hospital`: departments, doctors, patients and their appointments."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, intent, iso_date, money, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE department (
    department_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    floor INTEGER NOT NULL
);
CREATE TABLE doctor (
    doctor_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(department_id),
    years_experience INTEGER NOT NULL
);
CREATE TABLE patient (
    patient_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL,
    city TEXT NOT NULL,
    insurance_provider TEXT
);
CREATE TABLE appointment (
    appointment_id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient(patient_id),
    doctor_id INTEGER NOT NULL REFERENCES doctor(doctor_id),
    appointment_date TEXT NOT NULL,
    appointment_time TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    fee REAL
);
"""

DEPARTMENTS = ["Cardiology", "Dermatology", "Pediatrics", "Orthopedics", "Neurology", "General Medicine"]
REASONS = {
    "Cardiology": ["chest pain", "blood pressure check", "heart palpitations"],
    "Dermatology": ["skin rash", "mole check", "acne treatment"],
    "Pediatrics": ["vaccination", "fever", "growth check"],
    "Orthopedics": ["knee pain", "back pain", "fracture follow-up"],
    "Neurology": ["headache", "dizziness", "numbness"],
    "General Medicine": ["annual checkup", "flu symptoms", "blood test"],
}
DOCTOR_DEPARTMENTS = [6, 6, 6, 6, 6, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5]  # General Medicine is largest
CITIES = ["Lakeside", "Fairview", "Oakdale", "Brookfield", "Westport"]
INSURERS = ["HealthFirst", "CarePlus", "Unity Mutual", "Northstar Health"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    departments = [(i, name, i if i < 6 else 1) for i, name in enumerate(DEPARTMENTS, start=1)]
    names = person_names(r, 18 + 120)
    doctors = [(i, "Dr. " + names[i - 1], department_id, r.randint(2, 35))
               for i, department_id in enumerate(DOCTOR_DEPARTMENTS, start=1)]
    patients = [
        (i, names[17 + i], iso_date(r, "1940-01-01", "2020-12-31"), r.choice(["F", "M"]),
         r.choice(CITIES), sometimes_null(r, r.choice(INSURERS), 0.2))
        for i in range(1, 121)
    ]
    appointments = []
    for i in range(1, 301):
        doctor = skewed_choice(r, doctors, skew=0.5)
        day = iso_date(r, "2024-01-02", "2024-09-30")
        status = "scheduled" if day > "2024-08-31" else r.choice(["completed"] * 6 + ["cancelled"])
        fee = None if status == "cancelled" else money(r, 60, 260, step=5)
        appointments.append((
            i, r.randint(1, 112),  # patients 113-120 are registered but have not been seen yet
            doctor[0], day, f"{r.randint(8, 16):02d}:{r.choice(['00', '15', '30', '45'])}",
            r.choice(REASONS[DEPARTMENTS[doctor[2] - 1]]), status, fee,
        ))
    return {"department": departments, "doctor": doctors, "patient": patients, "appointment": appointments}


DOCTOR_APPOINTMENT = "doctor AS T1 JOIN appointment AS T2 ON T1.doctor_id = T2.doctor_id"
PATIENT_APPOINTMENT = "patient AS T1 JOIN appointment AS T2 ON T1.patient_id = T2.patient_id"

INTENTS = (
    intent("count_patients", [
        "How many patients are registered?",
        "Count the patients.",
        "What's the total number of patients in the system?",
    ], "SELECT COUNT(*) FROM patient"),
    intent("experienced_doctors", [
        "Which doctors have more than {years} years of experience?",
        "List doctors with over {years} years of experience.",
        "Show me the doctors who have practised for more than {years} years.",
    ], "SELECT name FROM doctor WHERE years_experience > {years}",
        values="SELECT DISTINCT years_experience AS years FROM doctor WHERE years_experience BETWEEN 10 AND 25"),
    intent("patients_in_city", [
        "How many patients live in {city}?",
        "Count the patients from {city}.",
        "Number of patients whose city is {city}?",
    ], "SELECT COUNT(*) FROM patient WHERE city = '{city}'",
        values="SELECT DISTINCT city FROM patient"),
    intent("uninsured_patients", [
        "Which patients have no insurance provider recorded?",
        "List the patients without insurance.",
        "Who is missing insurance information?",
    ], "SELECT name FROM patient WHERE insurance_provider IS NULL"),
    intent("appointments_with_status", [
        "How many appointments are {status}?",
        "Count the {status} appointments.",
        "What is the number of appointments with status {status}?",
    ], "SELECT COUNT(*) FROM appointment WHERE status = '{status}'",
        values="SELECT DISTINCT status FROM appointment"),
    intent("average_fee", [
        "What is the average fee of a completed appointment?",
        "On average, how much does a completed appointment cost?",
        "Average fee for appointments that were completed?",
    ], "SELECT AVG(fee) FROM appointment WHERE status = 'completed'"),
    intent("appointments_on_holiday", [
        "List the appointments booked for {day}.",
        "Were there any appointments on {day}? Give their ids.",
        "Show appointment ids for the date {day}.",
    ], "SELECT appointment_id FROM appointment WHERE appointment_date = '{day}'", "date empty_result",
        values="SELECT '2021-12-25' AS day UNION SELECT '2022-01-01' UNION SELECT '2023-07-04'"),
    intent("older_patients", [
        "List patients born before {year}, oldest first.",
        "Which patients were born before {year}? Sort them from oldest to youngest.",
        "Patients with a birth date earlier than {year}, ordered by birth date.",
    ], "SELECT name FROM patient WHERE birth_date < '{year}-01-01' ORDER BY birth_date", "date", values="SELECT 1950 AS year UNION SELECT 1955 UNION SELECT 1960"),
    intent("appointments_per_status", [
        "How many appointments are there for each status?",
        "Count appointments by status.",
        "Break down the number of appointments per status.",
    ], "SELECT status, COUNT(*) FROM appointment GROUP BY status"),
    intent("doctors_in_department", [
        "Which doctors work in {department}?",
        "List the doctors of the {department} department.",
        "Who are the {department} doctors?",
    ], "SELECT T1.name FROM doctor AS T1 JOIN department AS T2 ON T1.department_id = T2.department_id "
       "WHERE T2.name = '{department}'",
        values="SELECT name AS department FROM department"),
    intent("patient_history", [
        "Show the dates and reasons of all appointments for {patient}.",
        "When has {patient} had appointments, and why?",
        "List appointment date and reason for patient {patient}.",
    ], f"SELECT T2.appointment_date, T2.reason FROM {PATIENT_APPOINTMENT} WHERE T1.name = '{{patient}}'", values="SELECT name AS patient FROM patient"),
    intent("cancellations_by_city", [
        "Which patients from {city} have cancelled an appointment?",
        "List {city} patients with at least one cancelled appointment.",
        "Who in {city} cancelled a visit?",
    ], f"SELECT DISTINCT T1.name FROM {PATIENT_APPOINTMENT} WHERE T1.city = '{{city}}' AND T2.status = 'cancelled'", values="SELECT DISTINCT city FROM patient"),
    intent("busy_doctors", [
        "Which doctors have completed more than {n} appointments?",
        "List doctors with over {n} completed appointments.",
        "Find the doctors who finished more than {n} appointments.",
    ], f"SELECT T1.name FROM {DOCTOR_APPOINTMENT} WHERE T2.status = 'completed' "
       "GROUP BY T1.doctor_id HAVING COUNT(*) > {n}",
        values="SELECT DISTINCT COUNT(*) - 1 AS n FROM appointment WHERE status = 'completed' "
               "GROUP BY doctor_id HAVING COUNT(*) BETWEEN 10 AND 25"),
    intent("busiest_doctor", [
        "Which doctor has the most appointments?",
        "Who is the busiest doctor by number of appointments?",
        "Name the doctor with the highest appointment count.",
    ], f"SELECT T1.name FROM {DOCTOR_APPOINTMENT} GROUP BY T1.doctor_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("patients_never_seen", [
        "Which patients have never had an appointment?",
        "List registered patients with no appointments.",
        "Find patients who haven't booked any appointment.",
    ], "SELECT name FROM patient WHERE patient_id NOT IN (SELECT patient_id FROM appointment)"),
    intent("fees_per_department", [
        "What is the total fee collected by each department?",
        "Sum the appointment fees per department.",
        "For every department, how much has been charged in fees?",
    ], "SELECT T1.name, SUM(T3.fee) FROM department AS T1 JOIN doctor AS T2 ON T1.department_id = T2.department_id "
       "JOIN appointment AS T3 ON T2.doctor_id = T3.doctor_id GROUP BY T1.department_id"),
    intent("more_experienced_than_average", [
        "Which doctors have more experience than the average doctor?",
        "List doctors whose years of experience exceed the average.",
        "Who has above-average years of experience?",
    ], "SELECT name FROM doctor WHERE years_experience > (SELECT AVG(years_experience) FROM doctor)"),
    intent("patients_of_two_departments", [
        "Which patients have seen doctors in both {department_a} and {department_b}?",
        "List patients who had appointments in {department_a} and also in {department_b}.",
        "Find patients treated by {department_a} as well as {department_b}.",
    ], "SELECT T1.name FROM patient AS T1 JOIN appointment AS T2 ON T1.patient_id = T2.patient_id "
       "JOIN doctor AS T3 ON T2.doctor_id = T3.doctor_id JOIN department AS T4 ON T3.department_id = T4.department_id "
       "WHERE T4.name = '{department_a}' INTERSECT "
       "SELECT T1.name FROM patient AS T1 JOIN appointment AS T2 ON T1.patient_id = T2.patient_id "
       "JOIN doctor AS T3 ON T2.doctor_id = T3.doctor_id JOIN department AS T4 ON T3.department_id = T4.department_id "
       "WHERE T4.name = '{department_b}'",
        values="SELECT a.name AS department_a, b.name AS department_b FROM department AS a, department AS b "
               "WHERE a.name < b.name"),
    intent("largest_department", [
        "Which department has the most doctors?",
        "What department employs the largest number of doctors?",
        "Name the department with the highest doctor count.",
    ], "SELECT T1.name FROM department AS T1 JOIN doctor AS T2 ON T1.department_id = T2.department_id "
       "GROUP BY T1.department_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
)

DOMAIN = Domain("hospital", "a hospital: departments, doctors, patients and appointments",
                SCHEMA, make_rows, INTENTS)
