"""Practice database `school`: a college's departments, teachers, courses, students and enrollments."""

from __future__ import annotations

import random

from course_utils.datagen.practice_kit import Domain, intent, iso_date, person_names, skewed_sample, sometimes_null

SCHEMA = """
CREATE TABLE department (
    department_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    building TEXT NOT NULL
);
CREATE TABLE teacher (
    teacher_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(department_id),
    hire_date TEXT NOT NULL,
    salary INTEGER NOT NULL
);
CREATE TABLE course (
    course_id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(department_id),
    teacher_id INTEGER NOT NULL REFERENCES teacher(teacher_id),
    credits INTEGER NOT NULL,
    max_students INTEGER NOT NULL
);
CREATE TABLE student (
    student_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    year_of_study INTEGER NOT NULL,
    email TEXT
);
CREATE TABLE enrollment (
    enrollment_id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES student(student_id),
    course_id INTEGER NOT NULL REFERENCES course(course_id),
    semester TEXT NOT NULL,
    score INTEGER
);
"""

COURSES_BY_DEPARTMENT = {
    "Mathematics": ["Calculus I", "Calculus II", "Linear Algebra", "Statistics", "Number Theory",
                    "Discrete Mathematics", "Probability"],
    "Physics": ["Mechanics", "Electromagnetism", "Optics", "Thermodynamics", "Quantum Physics",
                "Astronomy"],
    "History": ["Ancient Civilizations", "Medieval Europe", "Modern World History", "History of Science",
                "Economic History", "Oral History Methods"],
    "Literature": ["Poetry Workshop", "The Novel", "Drama and Theatre", "World Literature",
                   "Creative Writing", "Literary Theory"],
    "Computer Science": ["Introduction to Programming", "Data Structures", "Databases",
                         "Operating Systems", "Computer Networks", "Machine Learning", "Web Development"],
    "Biology": ["Cell Biology", "Genetics", "Ecology", "Human Anatomy", "Microbiology",
                "Marine Biology"],
}
BUILDINGS = ["North Hall", "Science Center", "Old Library", "Harper Building", "Tech Wing", "Greenhouse Hall"]


def make_rows(r: random.Random) -> dict[str, list[tuple]]:
    departments = [(i, name, BUILDINGS[i - 1]) for i, name in enumerate(COURSES_BY_DEPARTMENT, start=1)]
    names = person_names(r, 24 + 150)
    teachers = [
        (i, names[i - 1], (i - 1) % 6 + 1, iso_date(r, "1996-08-01", "2023-08-31"),
         r.randrange(52_000, 98_000, 500))
        for i in range(1, 25)
    ]
    courses = []
    for department_id, titles in enumerate(COURSES_BY_DEPARTMENT.values(), start=1):
        staff = [t[0] for t in teachers if t[2] == department_id]
        for title in titles:
            courses.append((len(courses) + 1, title, department_id, r.choice(staff),
                            r.choice([2, 3, 3, 4, 4, 5]), r.choice([15, 20, 25, 30, 40])))
    students = []
    for i in range(1, 151):
        name = names[23 + i]
        email = name.lower().replace(" ", ".") + "@students.example.edu"
        students.append((i, name, iso_date(r, "2001-09-01", "2006-08-31"), r.randint(1, 4),
                         sometimes_null(r, email, 0.1)))
    popularity = r.sample(range(1, len(courses) + 1), len(courses))  # course ids, most popular first
    enrollments = []
    for student_id in range(1, 141):  # the last ten students have not enrolled in anything yet
        for course_id in sorted(skewed_sample(r, popularity, r.randint(1, 4), skew=0.7)):
            semester = r.choice(["Fall 2023", "Fall 2023", "Spring 2024"])
            score = r.randint(45, 100) if semester == "Fall 2023" else None  # spring is in progress
            enrollments.append((len(enrollments) + 1, student_id, course_id, semester, score))
    return {"department": departments, "teacher": teachers, "course": courses,
            "student": students, "enrollment": enrollments}


STUDENT_COURSE = ("student AS T1 JOIN enrollment AS T2 ON T1.student_id = T2.student_id "
                  "JOIN course AS T3 ON T2.course_id = T3.course_id")

INTENTS = (
    intent("count_students", [
        "How many students are there?",
        "Count all the students.",
        "What is the total number of students enrolled at the college?",
    ], "SELECT COUNT(*) FROM student"),
    intent("courses_over_credits", [
        "Which courses are worth more than {credits} credits?",
        "List the courses that carry over {credits} credits.",
        "Show course titles with more than {credits} credits.",
    ], "SELECT title FROM course WHERE credits > {credits}",
        values="SELECT DISTINCT credits - 1 AS credits FROM course WHERE credits > 2"),
    intent("students_in_year", [
        "List the students in year {year} of their studies.",
        "Who is in year {year}?",
        "Names of all year-{year} students, please.",
    ], "SELECT name FROM student WHERE year_of_study = {year}",
        values="SELECT DISTINCT year_of_study AS year FROM student"),
    intent("average_salary", [
        "What is the average teacher salary?",
        "How much does a teacher earn on average?",
        "Give me the mean salary of the teachers.",
    ], "SELECT AVG(salary) FROM teacher"),
    intent("students_without_email", [
        "Which students have no email address on file?",
        "List students whose email is missing.",
        "Who among the students hasn't given us an email?",
    ], "SELECT name FROM student WHERE email IS NULL"),
    intent("teachers_hired_before", [
        "Which teachers were hired before {year}?",
        "List teachers who started working here before {year}.",
        "Are there teachers with a hire date earlier than {year}? Give their names.",
    ], "SELECT name FROM teacher WHERE hire_date < '{year}-01-01'", "date empty_result",
        values="SELECT 1960 AS year UNION SELECT 1975 UNION SELECT 1990"),
    intent("highest_paid_teacher", [
        "Who is the highest-paid teacher?",
        "Which teacher earns the most?",
        "Name the teacher with the top salary.",
    ], "SELECT name FROM teacher ORDER BY salary DESC LIMIT 1", "superlative"),
    intent("course_titles_and_credits", [
        "List every course with its number of credits, ordered by title.",
        "Show course titles and credits, alphabetically by title.",
        "What are the courses and how many credits is each worth? Sort by course title.",
    ], "SELECT title, credits FROM course ORDER BY title"),
    intent("courses_per_department", [
        "How many courses does each department offer?",
        "Count the courses in every department.",
        "For each department name, give the number of courses.",
    ], "SELECT T1.name, COUNT(*) FROM department AS T1 JOIN course AS T2 ON T1.department_id = T2.department_id "
       "GROUP BY T1.department_id"),
    intent("courses_by_teacher", [
        "Which courses does {teacher} teach?",
        "List the course titles taught by {teacher}.",
        "What is {teacher} teaching?",
    ], "SELECT T1.title FROM course AS T1 JOIN teacher AS T2 ON T1.teacher_id = T2.teacher_id "
       "WHERE T2.name = '{teacher}'",
        values="SELECT name AS teacher FROM teacher"),
    intent("average_score_in_course", [
        "What is the average score in {course}?",
        "How well did students do in {course} on average?",
        "Give the mean score of the {course} enrollments.",
    ], "SELECT AVG(T2.score) FROM course AS T1 JOIN enrollment AS T2 ON T1.course_id = T2.course_id "
       "WHERE T1.title = '{course}'",
        values="SELECT DISTINCT T1.title AS course FROM course AS T1 JOIN enrollment AS T2 "
               "ON T1.course_id = T2.course_id WHERE T2.score IS NOT NULL"),
    intent("teachers_hired_after", [
        "Which teachers were hired after {day}? Show their hire dates too.",
        "List the names and hire dates of teachers who joined after {day}.",
        "Teachers hired later than {day}: names and dates, please.",
    ], "SELECT name, hire_date FROM teacher WHERE hire_date > '{day}'", "date",
        values="SELECT hire_date AS day FROM teacher WHERE hire_date BETWEEN '2010-01-01' AND '2020-12-31'"),
    intent("well_paying_departments", [
        "Which departments pay their teachers more than {amount} on average?",
        "List departments whose average teacher salary is above {amount}.",
        "In which departments does the average salary exceed {amount}?",
    ], "SELECT T1.name FROM department AS T1 JOIN teacher AS T2 ON T1.department_id = T2.department_id "
       "GROUP BY T1.department_id HAVING AVG(T2.salary) > {amount}",
        values="SELECT DISTINCT CAST(AVG(salary) / 5000 AS INTEGER) * 5000 AS amount FROM teacher GROUP BY department_id"),
    intent("students_in_course", [
        "Which students are enrolled in {course}?",
        "List the names of students taking {course}.",
        "Who signed up for {course}?",
    ], f"SELECT T1.name FROM {STUDENT_COURSE} WHERE T3.title = '{{course}}'",
        values="SELECT title AS course FROM course"),
    intent("students_without_courses", [
        "Which students are not enrolled in any course?",
        "List the students who have no enrollments.",
        "Find students that haven't signed up for a single course.",
    ], "SELECT name FROM student WHERE student_id NOT IN (SELECT student_id FROM enrollment)"),
    intent("paid_above_average", [
        "Which teachers earn more than the average salary?",
        "List teachers paid above average.",
        "Who has a salary higher than the mean teacher salary?",
    ], "SELECT name FROM teacher WHERE salary > (SELECT AVG(salary) FROM teacher)"),
    intent("most_popular_course", [
        "Which course has the most enrollments?",
        "What is the most popular course by number of students enrolled?",
        "Name the course with the highest enrollment count.",
    ], "SELECT T1.title FROM course AS T1 JOIN enrollment AS T2 ON T1.course_id = T2.course_id "
       "GROUP BY T1.course_id ORDER BY COUNT(*) DESC LIMIT 1", "superlative"),
    intent("students_in_both_courses", [
        "Which students take both {course_a} and {course_b}?",
        "List students enrolled in {course_a} as well as {course_b}.",
        "Find the students who are in {course_a} and also in {course_b}.",
    ], f"SELECT T1.name FROM {STUDENT_COURSE} WHERE T3.title = '{{course_a}}' INTERSECT "
       f"SELECT T1.name FROM {STUDENT_COURSE} WHERE T3.title = '{{course_b}}'",
        values="SELECT DISTINCT c1.title AS course_a, c2.title AS course_b FROM enrollment AS e1 "
               "JOIN enrollment AS e2 ON e1.student_id = e2.student_id AND e1.course_id < e2.course_id "
               "JOIN course AS c1 ON c1.course_id = e1.course_id JOIN course AS c2 ON c2.course_id = e2.course_id"),
    intent("best_scoring_department", [
        "Which department has the highest average score across its courses?",
        "In which department do students score best on average?",
        "Name the department whose enrollments have the top mean score.",
    ], "SELECT T1.name FROM department AS T1 JOIN course AS T2 ON T1.department_id = T2.department_id "
       "JOIN enrollment AS T3 ON T2.course_id = T3.course_id GROUP BY T1.department_id "
       "ORDER BY AVG(T3.score) DESC LIMIT 1", "superlative"),
    intent("semester_enrollment_counts", [
        "How many enrollments does each semester have, from most to fewest?",
        "Count enrollments per semester and sort by that count, largest first.",
        "For each semester, the number of enrollments, busiest semester first.",
    ], "SELECT semester, COUNT(*) FROM enrollment GROUP BY semester ORDER BY COUNT(*) DESC"),
)

DOMAIN = Domain("school", "a college: departments, teachers, courses, students and enrollments",
                SCHEMA, make_rows, INTENTS)
