"""Practice database `job_board`: companies, job postings, applicants and applications."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import (
    Domain, add_days, intent, iso_date, person_names, skewed_choice, sometimes_null,
)

SCHEMA = """
CREATE TABLE company (
    company_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    industry TEXT NOT NULL,
    city TEXT NOT NULL,
    founded_year INTEGER NOT NULL
);
CREATE TABLE job_posting (
    job_id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES company(company_id),
    title TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    salary_min INTEGER NOT NULL,
    salary_max INTEGER,
    is_remote INTEGER NOT NULL,
    posted_date TEXT NOT NULL
);
CREATE TABLE applicant (
    applicant_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    years_experience INTEGER NOT NULL
);
CREATE TABLE application (
    application_id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES job_posting(job_id),
    applicant_id INTEGER NOT NULL REFERENCES applicant(applicant_id),
    applied_date TEXT NOT NULL,
    status TEXT NOT NULL
);
"""

# (company, industry, city)
COMPANIES = [
    ("Bluefin Analytics", "software", "Lindenport"), ("Copperleaf Foods", "food", "Marrow"),
    ("Northwind Logistics", "logistics", "Lindenport"), ("Pinecrest Health", "healthcare", "Sallow"),
    ("Quarry Lane Studio", "design", "Marrow"), ("Redshift Robotics", "software", "Sallow"),
    ("Tallgrass Energy", "energy", "Lindenport"), ("Umber Books", "publishing", "Marrow"),
    ("Vantage Clinics", "healthcare", "Lindenport"), ("Wayfarer Travel", "travel", "Sallow"),
    ("Yellowpine Bakery", "food", "Sallow"), ("Zephyr Cloud", "software", "Marrow"),
]
# (title, lowest salary, highest salary)
JOBS = {
    "software": [("Software Engineer", 70, 120), ("Data Analyst", 55, 85), ("Product Manager", 80, 130)],
    "food": [("Line Cook", 28, 36), ("Quality Inspector", 38, 50), ("Delivery Driver", 30, 38)],
    "logistics": [("Warehouse Supervisor", 42, 55), ("Route Planner", 45, 60), ("Delivery Driver", 30, 40)],
    "healthcare": [("Nurse", 48, 70), ("Receptionist", 29, 36), ("Data Analyst", 50, 75)],
    "design": [("Graphic Designer", 42, 65), ("UX Researcher", 60, 90)],
    "energy": [("Field Technician", 45, 65), ("Project Engineer", 65, 95)],
    "publishing": [("Editor", 40, 60), ("Marketing Assistant", 32, 42)],
    "travel": [("Travel Consultant", 30, 42), ("Marketing Assistant", 33, 44)],
}
CITIES = ["Lindenport", "Marrow", "Sallow", "Fernhill"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    founded = r.sample(range(1975, 2021), len(COMPANIES))
    companies = [(i, name, industry, city, founded[i - 1]) for i, (name, industry, city) in enumerate(COMPANIES, start=1)]
    postings = []
    for i in range(1, 71):
        company = skewed_choice(r, companies[:11], skew=0.3)  # Zephyr Cloud has not posted any jobs yet
        title, low, high = r.choice(JOBS[company[2]])
        kind = r.choice(["full-time"] * 5 + ["part-time", "contract"])
        salary_min = r.randrange(low, high - 5) * 1000
        salary_max = sometimes_null(r, salary_min + r.randrange(5, 25) * 1000, 0.25)
        postings.append((i, company[0], title, kind, salary_min, salary_max, int(r.random() < 0.3),
                         iso_date(r, "2024-01-08", "2024-06-20")))
    applicants = [(i, name, r.choice(CITIES), r.randint(0, 25)) for i, name in enumerate(person_names(r, 110), start=1)]
    applications = []
    for i in range(1, 331):
        job = skewed_choice(r, postings[:64], skew=0.5)  # the six newest postings have no applicants yet
        applied = add_days(job[7], r.randint(0, 21))
        status = r.choice(["submitted"] * 3 + ["interview"] * 2 + ["rejected"] * 3 + ["offer"])
        applications.append((i, job[0], r.randint(1, 104), applied, status))
    return {"company": companies, "job_posting": postings, "applicant": applicants, "application": applications}


COMPANY_JOB = "company AS T1 JOIN job_posting AS T2 ON T1.company_id = T2.company_id"
APPLICANT_APPLICATION = "applicant AS T1 JOIN application AS T2 ON T1.applicant_id = T2.applicant_id"

INTENTS = (
    intent("count_postings", [
        "How many job postings are there?",
        "Count the job postings.",
        "What is the total number of jobs advertised?",
    ], "SELECT COUNT(*) FROM job_posting"),
    intent("companies_in_industry", [
        "Which companies work in {industry}?",
        "List the {industry} companies.",
        "Names of companies in the {industry} industry?",
    ], "SELECT name FROM company WHERE industry = '{industry}'",
        values="SELECT DISTINCT industry FROM company"),
    intent("remote_jobs", [
        "Which jobs can be done remotely? Give the titles.",
        "List the titles of remote job postings.",
        "Show me all the remote positions.",
    ], "SELECT title FROM job_posting WHERE is_remote = 1"),
    intent("well_paid_minimum", [
        "Which postings offer a minimum salary above {salary}? Titles, please.",
        "List job titles whose starting salary is more than {salary}.",
        "Which jobs start at a salary above {salary}?",
    ], "SELECT title FROM job_posting WHERE salary_min > {salary}",
        values="SELECT 60000 AS salary UNION SELECT 80000 UNION SELECT 100000"),
    intent("experienced_applicants", [
        "How many applicants have more than {years} years of experience?",
        "Count applicants with over {years} years of experience.",
        "Number of candidates whose experience exceeds {years} years?",
    ], "SELECT COUNT(*) FROM applicant WHERE years_experience > {years}",
        values="SELECT 5 AS years UNION SELECT 10 UNION SELECT 15"),
    intent("open_salary_range", [
        "How many postings don't state a maximum salary?",
        "Count job postings with no salary maximum.",
        "What's the number of jobs where the top of the salary range is missing?",
    ], "SELECT COUNT(*) FROM job_posting WHERE salary_max IS NULL"),
    intent("executive_salaries", [
        "Are there jobs paying a minimum of more than {salary}? List titles.",
        "Which postings start above {salary}?",
        "Show job titles with a minimum salary over {salary}.",
    ], "SELECT title FROM job_posting WHERE salary_min > {salary}", "empty_result",
        values="SELECT 250000 AS salary UNION SELECT 400000 UNION SELECT 500000"),
    intent("newest_company", [
        "Which company was founded most recently?",
        "What is the youngest company on the board?",
        "Name the company with the latest founding year.",
    ], "SELECT name FROM company ORDER BY founded_year DESC LIMIT 1", "superlative"),
    intent("postings_per_type", [
        "How many postings are there of each employment type?",
        "Count jobs by employment type.",
        "Number of postings per employment type?",
    ], "SELECT employment_type, COUNT(*) FROM job_posting GROUP BY employment_type"),
    intent("jobs_at_company", [
        "What jobs has {company} posted, and are they full-time, part-time or contract?",
        "List the job titles at {company} with their employment type.",
        "Show the postings of {company} with their employment types.",
    ], f"SELECT T2.title, T2.employment_type FROM {COMPANY_JOB} WHERE T1.name = '{{company}}'",
        values="SELECT DISTINCT T1.name AS company FROM company AS T1 JOIN job_posting AS T2 ON T1.company_id = T2.company_id"),
    intent("jobs_in_city", [
        "How many jobs are posted by companies in {city}?",
        "Count postings from {city} companies.",
        "What's the number of job postings in {city}?",
    ], f"SELECT COUNT(*) FROM {COMPANY_JOB} WHERE T1.city = '{{city}}'",
        values="SELECT DISTINCT city FROM company"),
    intent("postings_in_month", [
        "Which jobs were posted in {month_name} 2024? Give the titles and dates.",
        "List titles and posting dates of jobs advertised during {month_name} 2024.",
        "Jobs posted in {month_name} 2024: title and date?",
    ], "SELECT title, posted_date FROM job_posting WHERE posted_date LIKE '2024-{month}%'", "date",
        values="SELECT '02' AS month, 'February' AS month_name UNION SELECT '03', 'March' UNION SELECT '05', 'May'"),
    intent("busy_applicants", [
        "Which applicants have applied to more than {n} jobs?",
        "List applicants with over {n} applications.",
        "Who sent more than {n} applications?",
    ], f"SELECT T1.name FROM {APPLICANT_APPLICATION} GROUP BY T1.applicant_id HAVING COUNT(*) > {{n}}", values="SELECT 3 AS n UNION SELECT 4 UNION SELECT 5"),
    intent("applicants_with_status", [
        "Which applicants have an application with status {status}?",
        "List applicants who have at least one application marked {status}.",
        "Who has an application in the {status} state?",
    ], f"SELECT DISTINCT T1.name FROM {APPLICANT_APPLICATION} WHERE T2.status = '{{status}}'", values="SELECT DISTINCT status FROM application"),
    intent("offers_by_company", [
        "Which applicants got an offer from {company}?",
        "List the people {company} made an offer to.",
        "Who received a job offer at {company}?",
    ], "SELECT T1.name FROM applicant AS T1 JOIN application AS T2 ON T1.applicant_id = T2.applicant_id "
       "JOIN job_posting AS T3 ON T2.job_id = T3.job_id JOIN company AS T4 ON T3.company_id = T4.company_id "
       "WHERE T4.name = '{company}' AND T2.status = 'offer'",
        values="SELECT name AS company FROM company"),
    intent("postings_without_applications", [
        "Which job postings have received no applications? Give the titles.",
        "List jobs nobody has applied to.",
        "Find postings with zero applications.",
    ], "SELECT title FROM job_posting WHERE job_id NOT IN (SELECT job_id FROM application)"),
    intent("companies_without_postings", [
        "Which companies have not posted any jobs?",
        "List companies with no job postings.",
        "Find the companies that haven't advertised a position.",
    ], f"SELECT name FROM company EXCEPT SELECT T1.name FROM {COMPANY_JOB}"),
    intent("most_applied_company", [
        "Which company has received the most applications?",
        "What company do most applicants apply to?",
        "Name the company with the highest number of applications.",
    ], "SELECT T1.name FROM company AS T1 JOIN job_posting AS T2 ON T1.company_id = T2.company_id "
       "JOIN application AS T3 ON T2.job_id = T3.job_id GROUP BY T1.company_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("above_average_pay_in_industry", [
        "Which {industry} jobs have a minimum salary above the average minimum salary?",
        "List {industry} postings whose starting pay beats the overall average starting pay.",
        "In {industry}, which job titles start above the average minimum salary?",
    ], f"SELECT T2.title FROM {COMPANY_JOB} WHERE T1.industry = '{{industry}}' "
       "AND T2.salary_min > (SELECT AVG(salary_min) FROM job_posting)",
        values="SELECT DISTINCT industry FROM company"),
    intent("average_pay_by_industry", [
        "What is the average minimum salary in each industry, highest first?",
        "Average starting salary per industry, sorted from highest to lowest.",
        "For every industry, the mean minimum salary of its postings, in descending order.",
    ], f"SELECT T1.industry, AVG(T2.salary_min) FROM {COMPANY_JOB} GROUP BY T1.industry ORDER BY AVG(T2.salary_min) DESC"),
)

DOMAIN = Domain("job_board", "a local job board: companies, job postings, applicants and applications",
                SCHEMA, make_rows, INTENTS)
